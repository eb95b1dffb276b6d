//! What can go wrong on the link or at the platform, and when it does.

use std::time::Duration;

use serde::Serialize;

/// One thing that goes wrong with one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// The host goes away: this request's connection is closed unanswered and unhandled, the
    /// listening socket is dropped (new connections get "connection refused") and the same port is
    /// bound again after [`Faults::refuse_for`]. If the port cannot be bound again (another process
    /// took it — not seen on loopback in practice), the emulator retries for 5 s and logs.
    Refuse,
    /// The request arrives whole, then the connection closes: nothing was done.
    DropBeforeHandling,
    /// The request is handled (the post exists), then the connection closes without an answer.
    DropAfterHandling,
    /// The request is handled, then the answer is a 500 (Graph: code 2 JSON; Zalo and WordPress: a
    /// proxy's bare 500 page).
    Status500AfterHandling,
    /// The platform's rate-limit answer, nothing done. `code`: Graph error code (4, 17, 32, 613,
    /// 80001, 368), Zalo error code (-32), WordPress HTTP status (429, 503); `0` (for WordPress:
    /// anything that is not a 4xx/5xx status) = the platform's usual one (Graph 32, Zalo -32,
    /// WordPress 429). Graph answers carry usage headers at 100 %.
    Throttle { code: i64 },
    /// The access token has expired. Graph and WordPress answer the auth error for this request
    /// only (as if the officer reconnected with the same token right after); Zalo expires the
    /// current access token for good, so only a refresh brings the OA back.
    ExpiredToken,
    /// This connection reads the request and writes the answer at this many bytes per second.
    Slow { bytes_per_sec: u64 },
    /// The connection closes after about half of the request body (the link dropped mid-upload).
    CloseMidBody,
    /// A slow shared host: the request is read whole, held this long, then handled and answered
    /// (by then the client may have given up and read back — WordPress item 13's late duplicate).
    SlowHost { hold_ms: u64 },
    /// A captive portal or blocking proxy answers instead of the platform: an HTML page that
    /// echoes the request URL, query string included (so a token in the URL shows up in it).
    /// `status` 302 adds a `Location` to the portal's login page; anything else answers 200.
    /// Nothing is handled.
    CaptivePortal { status: u16 },
    /// The answer is a redirect (`status` 301, 302, 303, 307 or 308; anything else is 302) to the
    /// same path and query on another host, a recording server ([`crate::OtherHost`]) that keeps
    /// every header and query it receives, so a test can check that no secret followed.
    /// Nothing is handled.
    RedirectElsewhere { status: u16 },
    /// A front server (Apache, nginx) refuses the body: 413 with its own HTML page. Nothing is
    /// handled.
    PayloadTooLarge,
}

impl Fault {
    /// A short stable name for tables ("drop_after_handling").
    pub fn name(&self) -> &'static str {
        match self {
            Fault::Refuse => "refuse",
            Fault::DropBeforeHandling => "drop_before_handling",
            Fault::DropAfterHandling => "drop_after_handling",
            Fault::Status500AfterHandling => "status_500_after_handling",
            Fault::Throttle { .. } => "throttle",
            Fault::ExpiredToken => "expired_token",
            Fault::Slow { .. } => "slow",
            Fault::CloseMidBody => "close_mid_body",
            Fault::SlowHost { .. } => "slow_host",
            Fault::CaptivePortal { .. } => "captive_portal",
            Fault::RedirectElsewhere { .. } => "redirect_elsewhere",
            Fault::PayloadTooLarge => "payload_too_large",
        }
    }

    /// The network's hostile answers (a captive portal, a redirect to another host, a front
    /// server's 413, a slow host). Not in [`Fault::all_kinds`]: they are not transient link
    /// faults, and a run meant to end with every post published cannot include them; pick them
    /// with [`Faults::with_kinds`] or a script.
    pub fn hostile_kinds() -> Vec<Fault> {
        vec![
            Fault::SlowHost { hold_ms: 2_000 },
            Fault::CaptivePortal { status: 200 },
            Fault::CaptivePortal { status: 302 },
            Fault::RedirectElsewhere { status: 302 },
            Fault::RedirectElsewhere { status: 307 },
            Fault::PayloadTooLarge,
        ]
    }

    /// Every transient kind, with default parameters (what [`Faults::random`] picks from).
    pub fn all_kinds() -> Vec<Fault> {
        vec![
            Fault::Refuse,
            Fault::DropBeforeHandling,
            Fault::DropAfterHandling,
            Fault::Status500AfterHandling,
            Fault::Throttle { code: 0 },
            Fault::ExpiredToken,
            Fault::Slow {
                bytes_per_sec: 256 * 1024,
            },
            Fault::CloseMidBody,
        ]
    }
}

/// Which requests a scripted fault applies to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndpointMatch {
    /// `None` = any method.
    pub method: Option<String>,
    /// The path must contain this text (`"/photos"`, `"/article/create"`); `None` = any path.
    pub path_contains: Option<String>,
}

impl EndpointMatch {
    /// Every request.
    pub fn any() -> Self {
        EndpointMatch::default()
    }

    /// POST requests whose path contains `path`.
    pub fn post(path: &str) -> Self {
        EndpointMatch {
            method: Some("POST".into()),
            path_contains: Some(path.into()),
        }
    }

    /// GET requests whose path contains `path`.
    pub fn get(path: &str) -> Self {
        EndpointMatch {
            method: Some("GET".into()),
            path_contains: Some(path.into()),
        }
    }

    pub fn matches(&self, method: &str, path: &str) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self
                .path_contains
                .as_deref()
                .is_none_or(|p| path.contains(p))
    }
}

/// A small deterministic generator (SplitMix64): seeded runs replay exactly.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `[lo, hi]` (inclusive).
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        lo + self.next_u64() % (hi - lo + 1)
    }
}

#[derive(Debug, Clone)]
enum Plan {
    None,
    Random {
        rng: SplitMix64,
        probability: f64,
        kinds: Vec<Fault>,
        include_reads: bool,
    },
    Script(Vec<(EndpointMatch, Fault)>),
}

/// When faults happen: never, at random on state-changing requests, or by script.
#[derive(Debug, Clone)]
pub struct Faults {
    plan: Plan,
    /// Requests that never meet a fault, whatever the plan.
    spared: Vec<EndpointMatch>,
    /// How long the host stays away after [`Fault::Refuse`].
    pub refuse_for: Duration,
}

impl Default for Faults {
    fn default() -> Self {
        Faults::none()
    }
}

impl Faults {
    pub fn none() -> Self {
        Faults {
            plan: Plan::None,
            spared: Vec::new(),
            refuse_for: Duration::from_millis(300),
        }
    }

    /// Each state-changing request (POST, PUT, PATCH, DELETE) meets a fault with `probability`,
    /// the kind picked uniformly from [`Fault::all_kinds`]. Same seed, same sequence.
    pub fn random(seed: u64, probability: f64) -> Self {
        Faults {
            plan: Plan::Random {
                rng: SplitMix64::new(seed),
                probability: probability.clamp(0.0, 1.0),
                kinds: Fault::all_kinds(),
                include_reads: false,
            },
            spared: Vec::new(),
            refuse_for: Duration::from_millis(300),
        }
    }

    /// Restricts the random kinds (no effect on a script).
    pub fn with_kinds(mut self, kinds: Vec<Fault>) -> Self {
        if let Plan::Random { kinds: k, .. } = &mut self.plan {
            *k = kinds;
        }
        self
    }

    /// Random faults also hit GET requests (read-backs, probes).
    pub fn including_reads(mut self) -> Self {
        if let Plan::Random { include_reads, .. } = &mut self.plan {
            *include_reads = true;
        }
        self
    }

    /// These requests never meet a fault (e.g. Zalo's token refresh in the chaos test: a lost
    /// refresh answer burns the single-use refresh token on the real platform too, and only the
    /// officer can reconnect).
    pub fn sparing(mut self, spared: Vec<EndpointMatch>) -> Self {
        self.spared = spared;
        self
    }

    /// Sets how long [`Fault::Refuse`] keeps the host away.
    pub fn with_refuse_for(mut self, d: Duration) -> Self {
        self.refuse_for = d;
        self
    }

    /// Faults in order: each request takes the FIRST remaining entry that matches it (and
    /// removes it); requests that match none go through untouched.
    pub fn script(entries: Vec<(EndpointMatch, Fault)>) -> Self {
        Faults {
            plan: Plan::Script(entries),
            spared: Vec::new(),
            refuse_for: Duration::from_millis(300),
        }
    }

    /// Scripted entries not used yet.
    pub fn remaining(&self) -> usize {
        match &self.plan {
            Plan::Script(v) => v.len(),
            _ => 0,
        }
    }

    /// The fault for this request, if any.
    pub fn pick(&mut self, method: &str, path: &str, state_changing: bool) -> Option<Fault> {
        if self.spared.iter().any(|m| m.matches(method, path)) {
            return None;
        }
        match &mut self.plan {
            Plan::None => None,
            Plan::Random {
                rng,
                probability,
                kinds,
                include_reads,
            } => {
                if (!state_changing && !*include_reads) || kinds.is_empty() {
                    return None;
                }
                if rng.next_f64() >= *probability {
                    return None;
                }
                let i = (rng.next_u64() % kinds.len() as u64) as usize;
                Some(kinds[i])
            }
            Plan::Script(entries) => {
                let i = entries.iter().position(|(m, _)| m.matches(method, path))?;
                Some(entries.remove(i).1)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_takes_first_matching_entry_in_order() {
        let mut f = Faults::script(vec![
            (EndpointMatch::post("/photos"), Fault::DropAfterHandling),
            (EndpointMatch::post("/feed"), Fault::CloseMidBody),
            (EndpointMatch::post("/photos"), Fault::Refuse),
        ]);
        assert_eq!(f.pick("GET", "/v21.0/1/photos", false), None);
        assert_eq!(
            f.pick("POST", "/v21.0/1/feed", true),
            Some(Fault::CloseMidBody)
        );
        assert_eq!(
            f.pick("POST", "/v21.0/1/photos", true),
            Some(Fault::DropAfterHandling)
        );
        assert_eq!(f.pick("POST", "/v21.0/1/photos", true), Some(Fault::Refuse));
        assert_eq!(f.pick("POST", "/v21.0/1/photos", true), None);
        assert_eq!(f.remaining(), 0);
    }

    #[test]
    fn random_is_reproducible_and_spares_reads() {
        let mut a = Faults::random(7, 0.5);
        let mut b = Faults::random(7, 0.5);
        let sa: Vec<_> = (0..200).map(|_| a.pick("POST", "/x", true)).collect();
        let sb: Vec<_> = (0..200).map(|_| b.pick("POST", "/x", true)).collect();
        assert_eq!(sa, sb);
        let hits = sa.iter().filter(|f| f.is_some()).count();
        assert!((60..140).contains(&hits), "about half of 200, got {hits}");
        assert!((0..100).all(|_| a.pick("GET", "/x", false).is_none()));
    }

    #[test]
    fn spared_requests_never_fault() {
        let mut f =
            Faults::random(5, 1.0).sparing(vec![EndpointMatch::post("/v4/oa/access_token")]);
        assert_eq!(f.pick("POST", "/v4/oa/access_token", true), None);
        assert!(f.pick("POST", "/v2.0/article/create", true).is_some());
    }

    #[test]
    fn random_with_probability_one_always_faults_from_the_given_kinds() {
        let mut f = Faults::random(1, 1.0).with_kinds(vec![Fault::DropBeforeHandling]);
        assert!((0..50).all(|_| f.pick("POST", "/x", true) == Some(Fault::DropBeforeHandling)));
    }
}
