//! Connectivity of one channel's host: online once a call or a probe gets through, offline
//! after an `Offline` answer, then probed with backoff (2 s doubling to 60 s, equal jitter) until
//! it answers. The queue drains by itself when it does.

use chrono::{DateTime, Utc};

use crate::backoff::{Backoff, Rng};
use crate::events::LinkState;

#[derive(Debug, Clone)]
pub(crate) struct Link {
    pub state: LinkState,
    failures: u32,
    next_probe_at: Option<DateTime<Utc>>,
    /// When the current outage was first seen (for `sync --once`'s patience).
    pub down_since: Option<DateTime<Utc>>,
}

impl Link {
    pub fn new() -> Self {
        Self {
            state: LinkState::Unknown,
            failures: 0,
            next_probe_at: None,
            down_since: None,
        }
    }

    pub fn is_down(&self) -> bool {
        self.state == LinkState::Offline
    }

    /// The next probe time while down.
    pub fn next_probe(&self) -> Option<DateTime<Utc>> {
        self.next_probe_at.filter(|_| self.is_down())
    }

    /// A call or probe failed with `Offline`. Returns whether the link was up before.
    pub fn down(&mut self, now: DateTime<Utc>, probe: &Backoff, rng: &mut dyn Rng) -> bool {
        let was_up = !self.is_down();
        self.failures = self.failures.saturating_add(1);
        self.state = LinkState::Offline;
        self.down_since.get_or_insert(now);
        self.next_probe_at = Some(now + probe.equal_jitter(self.failures, rng));
        was_up
    }

    /// A call or probe got through. Returns whether the link was down (or unknown) before.
    pub fn up(&mut self) -> bool {
        let changed = self.state != LinkState::Online;
        self.state = LinkState::Online;
        self.failures = 0;
        self.next_probe_at = None;
        self.down_since = None;
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backoff::SystemRng;
    use chrono::Duration;

    #[test]
    fn probes_back_off_to_the_cap_and_reset_when_up() {
        let probe = Backoff::new(Duration::seconds(2), Duration::seconds(60));
        let mut rng = SystemRng::with_seed(3);
        let now = Utc::now();
        let mut link = Link::new();
        assert!(link.down(now, &probe, &mut rng));
        let first = link.next_probe().expect("probe") - now;
        assert!(first >= Duration::seconds(1) && first <= Duration::seconds(2));
        for _ in 0..10 {
            assert!(!link.down(now, &probe, &mut rng));
        }
        let late = link.next_probe().expect("probe") - now;
        assert!(late >= Duration::seconds(30) && late <= Duration::seconds(60));
        assert_eq!(link.down_since, Some(now));
        assert!(link.up());
        assert!(link.next_probe().is_none() && link.down_since.is_none());
        assert!(!link.up());
    }
}
