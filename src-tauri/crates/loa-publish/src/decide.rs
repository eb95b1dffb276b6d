//! What to do after each answer of a channel: a pure function of the answer, the item and the
//! policy. The worker only applies what this decides, so the rules are tested here alone.
//!
//! | answer \ step | upload a photo | publish | read back |
//! | --- | --- | --- | --- |
//! | ok | record its id | published | found → published; absent twice, spaced → publish again |
//! | Offline | wait for the link, no attempt | same | same (no read-back counted) |
//! | Transient | backoff, then again | backoff, then again | backoff; after N tries → unconfirmed |
//! | Ambiguous | backoff, then again (an unpublished photo is invisible) | **read back** | as Transient |
//! | Throttled | hold the channel until `retry_after` | same | same |
//! | Auth | hold the channel: needs reconnect | same | same |
//! | Invalid | failed | failed | as Transient |
//!
//! A drop of the link under a request (the connection reset or timed out while the request
//! was going out or waiting for its answer — not an answer of the platform) is not the
//! platform's verdict: the link is probed on a short, growing interval ([`crate::link`]) and the
//! step runs again the moment a probe gets through, instead of waiting out an exponential
//! backoff meant for a failing server. The attempt still counts, so a host that resets every
//! request ends as failed, not as a loop (a video upload that moved forward before the drop does
//! not count it: see the worker).
//!
//! A publish that failed with anything but Ambiguous certainly did not take effect (the platform
//! answered, or the connection never opened), so it is retried; an ambiguous one is never
//! retried before the read-back says the post is not there.

use chrono::{DateTime, Duration, Utc};
use loa_channels::{ChannelError, ErrorClass, RemotePost};
use loa_core::{OutboxError, OutboxItem, OutboxState, Transition};

use crate::backoff::{Backoff, Rng};

/// The retry rules (part of [`crate::WorkerConfig`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Policy {
    /// Retries of uploads and publishes that failed for a passing reason.
    pub retry: Backoff,
    /// After this many counted attempts the item fails and waits for the officer.
    pub max_attempts: u32,
    /// Wait this long after an ambiguous publish (or a crash mid-publish) before reading back,
    /// so a post the platform is still processing has time to appear.
    pub readback_delay: Duration,
    pub readback_retry: Backoff,
    /// Read-backs that could not tell, before the item becomes unconfirmed.
    pub max_readbacks: u32,
    /// A first read-back that did not find the post is asked again this much later before
    /// the post is sent again: feeds and slow hosts show a post late (a shared host saved one
    /// 45 s after its request timed out), and one look is no proof.
    pub readback_confirm: Duration,
    /// How long after it started a publish call may still land on the platform: our longest
    /// answer timeout for a request that acts (60 s) plus what a slow host does after we hung
    /// up (one saved a post 45 s after its request timed out). When the request may still be
    /// on its way ([`may_still_land`]: a timeout, a crash, a worker taken over), the post is
    /// only taken as absent, and sent again, once this has passed since the attempt began —
    /// so a worker that took over the channel from a stalled one cannot race its request.
    pub in_flight: Duration,
    /// A throttle answer without a retry time holds the channel this long.
    pub min_throttle: Duration,
    /// Multiplies the platforms' own waits (throttle holds, spacing): 1 in production; the
    /// chaos test shrinks everything with `LOA_SYNC_TIME_SCALE`.
    pub time_scale: f64,
}

impl Policy {
    /// A platform's wait of `secs` seconds, scaled.
    pub fn platform_wait(&self, secs: u64) -> Duration {
        let secs = secs.min(u64::from(u32::MAX)) as f64;
        Duration::milliseconds((secs * 1000.0 * self.time_scale.max(0.0)) as i64)
    }
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            retry: Backoff::new(Duration::seconds(5), Duration::minutes(30)),
            max_attempts: 10,
            readback_delay: Duration::seconds(5),
            readback_retry: Backoff::new(Duration::seconds(10), Duration::minutes(10)),
            max_readbacks: 6,
            readback_confirm: Duration::seconds(30),
            in_flight: Duration::minutes(2),
            min_throttle: Duration::seconds(60),
            time_scale: 1.0,
        }
    }
}

/// Which call failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Upload,
    Publish,
    ReadBack,
}

/// What happens to the channel as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelEffect {
    None,
    /// The link is down: probe until it comes back.
    Offline,
    Throttle {
        until: DateTime<Utc>,
    },
    NeedsReconnect,
}

/// A decision: the item's transition and the channel's fate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub transition: Transition,
    pub channel: ChannelEffect,
}

/// Transport codes (`loa-channels`' HTTP layer) that mean the link dropped under a request.
const LINK_DROPS: [&str; 4] = ["reset", "send-timeout", "timeout", "protocol"];

/// The link dropped under the request: no answer of the platform came back.
pub fn is_link_drop(e: &ChannelError) -> bool {
    matches!(e.class, ErrorClass::Transient | ErrorClass::Ambiguous)
        && LINK_DROPS.contains(&e.code.as_str())
}

fn error_of(e: &ChannelError) -> OutboxError {
    OutboxError {
        code: e.code.clone(),
        message: e.message.clone(),
    }
}

/// The decision after a failed call of `step` on `item` (in the state the step started from).
pub fn on_error(
    step: Step,
    item: &OutboxItem,
    e: &ChannelError,
    now: DateTime<Utc>,
    policy: &Policy,
    rng: &mut dyn Rng,
) -> Decision {
    let error = Some(error_of(e));
    // Where a retry goes back to: photos still missing → queued; otherwise the publish again.
    let back_to = if step == Step::Upload {
        OutboxState::Queued
    } else {
        OutboxState::MediaUploaded
    };
    let hold = |channel: ChannelEffect| -> Decision {
        let transition = if step == Step::ReadBack {
            // Still publishing: read back as soon as the channel may be used again. `now`, not
            // none: a publishing item with no time means a publish call was cut short.
            Transition::ReadBackLater {
                next_attempt_at: Some(now),
                count_attempt: false,
                count_readback: false,
                error: error.clone(),
            }
        } else {
            Transition::Retry {
                to: back_to,
                next_attempt_at: None,
                count_attempt: false,
                error: error.clone(),
            }
        };
        Decision {
            transition,
            channel,
        }
    };
    match &e.class {
        ErrorClass::Offline => return hold(ChannelEffect::Offline),
        ErrorClass::Throttled { retry_after_secs } => {
            // A quota with a fixed end (Zalo's articles of the day) holds until then.
            let secs = e
                .holds_until(now)
                .map_or(*retry_after_secs, |t| (t - now).num_seconds().max(0) as u64);
            let wait = policy.platform_wait(secs).max(policy.min_throttle);
            return hold(ChannelEffect::Throttle { until: now + wait });
        }
        ErrorClass::Auth => return hold(ChannelEffect::NeedsReconnect),
        ErrorClass::Transient | ErrorClass::Ambiguous | ErrorClass::Invalid => {}
    }
    let none = ChannelEffect::None;
    // The link dropped: probe it and go again as soon as it answers. Not for a publish that may
    // have acted (ambiguous): that one is read back, whatever the link does.
    let may_have_published = step == Step::Publish && e.class == ErrorClass::Ambiguous;
    if is_link_drop(e) && !may_have_published {
        let transition = match step {
            Step::ReadBack if item.readback_attempts + 1 >= policy.max_readbacks => {
                Transition::Unconfirmed { error: error_of(e) }
            }
            Step::ReadBack => Transition::ReadBackLater {
                next_attempt_at: Some(now),
                count_attempt: false,
                count_readback: true,
                error,
            },
            Step::Upload | Step::Publish if item.attempts + 1 >= policy.max_attempts => {
                Transition::Fail {
                    count_attempt: true,
                    error: error_of(e),
                }
            }
            Step::Upload | Step::Publish => Transition::Retry {
                to: back_to,
                next_attempt_at: None,
                count_attempt: true,
                error,
            },
        };
        return Decision {
            transition,
            channel: ChannelEffect::Offline,
        };
    }
    match step {
        Step::ReadBack => {
            let tries = item.readback_attempts + 1;
            let transition = if tries >= policy.max_readbacks {
                Transition::Unconfirmed { error: error_of(e) }
            } else {
                Transition::ReadBackLater {
                    next_attempt_at: Some(now + policy.readback_retry.full_jitter(tries, rng)),
                    count_attempt: false,
                    count_readback: true,
                    error,
                }
            };
            Decision {
                transition,
                channel: none,
            }
        }
        Step::Publish if e.class == ErrorClass::Ambiguous => Decision {
            transition: Transition::ReadBackLater {
                next_attempt_at: Some(now + policy.readback_delay),
                count_attempt: true,
                count_readback: false,
                error,
            },
            channel: none,
        },
        Step::Upload | Step::Publish => {
            let attempts = item.attempts + 1;
            let transition = if e.class == ErrorClass::Invalid || attempts >= policy.max_attempts {
                Transition::Fail {
                    count_attempt: true,
                    error: error_of(e),
                }
            } else {
                Transition::Retry {
                    to: back_to,
                    next_attempt_at: Some(now + policy.retry.full_jitter(attempts, rng)),
                    count_attempt: true,
                    error,
                }
            };
            Decision {
                transition,
                channel: none,
            }
        }
    }
}

/// The code a publishing item carries between a first read-back that did not find its post and
/// the confirming one.
pub const ABSENT_ONCE: &str = "absent-once";

/// The code of a publish call that was cut short (crash, kill) and is being read back.
pub const INTERRUPTED: &str = "interrupted";

/// Whether a stored error is the worker's own note about where an item stands (a read-back
/// under way), not an answer from the platform: nothing to show as "the platform said".
pub fn is_worker_note(code: &str) -> bool {
    code == ABSENT_ONCE || code == INTERRUPTED
}

/// The decision after a read-back of `item` answered.
pub fn on_readback(
    item: &OutboxItem,
    found: Option<RemotePost>,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Transition {
    let looked_once = item
        .last_error
        .as_ref()
        .is_some_and(|e| e.code == ABSENT_ONCE);
    match found {
        Some(post) => Transition::Published {
            remote_id: Some(post.id),
            remote_url: post.url,
            count_attempt: false,
        },
        // Not there yet: look once more, later, before sending it again — and, when the
        // attempt's request may still be on its way (see `may_still_land`), not before it
        // cannot land any more.
        None if !looked_once => {
            let mut at = now + policy.readback_confirm;
            if item
                .last_error
                .as_ref()
                .is_some_and(|e| may_still_land(&e.code))
                && let Some(started) = item.publish_started()
            {
                at = at.max(started + policy.in_flight);
            }
            Transition::ReadBackLater {
                next_attempt_at: Some(at),
                count_attempt: false,
                count_readback: false,
                error: Some(OutboxError {
                    code: ABSENT_ONCE.to_owned(),
                    message: "the post was not on the channel yet; looking once more".to_owned(),
                }),
            }
        }
        // Absent twice, spaced: publish again (spacing still applies).
        None => Transition::Retry {
            to: OutboxState::MediaUploaded,
            next_attempt_at: None,
            count_attempt: false,
            error: None,
        },
    }
}

/// Whether the publish request behind a read-back may still reach the platform: the call was
/// cut short by a crash or taken over from a stalled worker (`interrupted`), or Loa stopped
/// waiting for an answer the server may still be working on (a timeout, a proxy's 408, 504 or
/// 524). A reset or a dropped connection after the answer is not: the server has finished.
pub fn may_still_land(code: &str) -> bool {
    matches!(
        code,
        INTERRUPTED | "timeout" | "http-408" | "http-504" | "http-524"
    )
}

/// A publishing item with no read-back time: its publish call was cut short (crash, kill). Read
/// back after the settling delay; the cut call counts as an attempt.
pub fn on_interrupted_publish(now: DateTime<Utc>, policy: &Policy) -> Transition {
    Transition::ReadBackLater {
        next_attempt_at: Some(now + policy.readback_delay),
        count_attempt: true,
        count_readback: false,
        error: Some(OutboxError {
            code: INTERRUPTED.to_owned(),
            message: "the publish call was interrupted; checking the page".to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backoff::SystemRng;
    use loa_channels::ChannelKind;

    fn item(state: OutboxState, attempts: u32, readbacks: u32) -> OutboxItem {
        OutboxItem {
            id: 1,
            draft_id: 1,
            channel_id: 1,
            channel: "Trang xã".into(),
            channel_kind: loa_core::ChannelKind::Facebook,
            state,
            title: String::new(),
            text: "Thông báo".into(),
            text_hash: String::new(),
            slug: String::new(),
            scheduled_at: None,
            platform_scheduled: false,
            attempts,
            readback_attempts: readbacks,
            next_attempt_at: None,
            publish_started_at: None,
            published_at: None,
            remote_id: None,
            remote_url: None,
            last_error: None,
            media: vec![],
            video: None,
            bytes_total: 0,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    fn err(class: ErrorClass) -> ChannelError {
        ChannelError {
            class,
            kind: ChannelKind::Facebook,
            code: "x".into(),
            message: "m".into(),
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2025-07-29T07:30:00Z")
            .expect("ts")
            .with_timezone(&Utc)
    }

    fn dropped(class: ErrorClass) -> ChannelError {
        ChannelError {
            code: "reset".into(),
            ..err(class)
        }
    }

    #[test]
    fn a_link_drop_probes_the_link_instead_of_backing_off() {
        let p = Policy::default();
        let mut rng = SystemRng::with_seed(5);
        let d = on_error(
            Step::Upload,
            &item(OutboxState::Queued, 3, 0),
            &dropped(ErrorClass::Transient),
            now(),
            &p,
            &mut rng,
        );
        assert_eq!(d.channel, ChannelEffect::Offline);
        assert!(matches!(
            d.transition,
            Transition::Retry {
                to: OutboxState::Queued,
                next_attempt_at: None,
                count_attempt: true,
                ..
            }
        ));
        // Still bounded: a host that resets every request ends as failed.
        let d = on_error(
            Step::Upload,
            &item(OutboxState::Queued, p.max_attempts - 1, 0),
            &dropped(ErrorClass::Transient),
            now(),
            &p,
            &mut rng,
        );
        assert!(matches!(d.transition, Transition::Fail { .. }));
        // A publish whose answer was lost may have acted: read back, whatever the link does.
        let d = on_error(
            Step::Publish,
            &item(OutboxState::Publishing, 0, 0),
            &dropped(ErrorClass::Ambiguous),
            now(),
            &p,
            &mut rng,
        );
        assert_eq!(d.channel, ChannelEffect::None);
        assert!(matches!(d.transition, Transition::ReadBackLater { .. }));
        // The platform's own answers keep their backoff.
        let d = on_error(
            Step::Upload,
            &item(OutboxState::Queued, 0, 0),
            &err(ErrorClass::Transient),
            now(),
            &p,
            &mut rng,
        );
        assert_eq!(d.channel, ChannelEffect::None);
        assert!(matches!(
            d.transition,
            Transition::Retry {
                next_attempt_at: Some(_),
                ..
            }
        ));
    }

    #[test]
    fn an_ambiguous_publish_is_read_back_never_retried() {
        let p = Policy::default();
        let d = on_error(
            Step::Publish,
            &item(OutboxState::Publishing, 0, 0),
            &err(ErrorClass::Ambiguous),
            now(),
            &p,
            &mut SystemRng::with_seed(1),
        );
        assert!(matches!(
            d.transition,
            Transition::ReadBackLater { next_attempt_at: Some(t), count_attempt: true, .. }
                if t == now() + p.readback_delay
        ));
        assert_eq!(d.channel, ChannelEffect::None);
    }

    #[test]
    fn offline_counts_nothing_and_marks_the_link() {
        let p = Policy::default();
        for step in [Step::Upload, Step::Publish, Step::ReadBack] {
            let d = on_error(
                step,
                &item(OutboxState::Publishing, 3, 2),
                &err(ErrorClass::Offline),
                now(),
                &p,
                &mut SystemRng::with_seed(1),
            );
            assert_eq!(d.channel, ChannelEffect::Offline);
            match d.transition {
                Transition::Retry { count_attempt, .. } => assert!(!count_attempt),
                Transition::ReadBackLater {
                    count_attempt,
                    count_readback,
                    next_attempt_at,
                    ..
                } => {
                    assert!(!count_attempt && !count_readback);
                    assert!(next_attempt_at.is_some(), "never NULL while publishing");
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn throttle_and_auth_hold_the_channel() {
        let p = Policy::default();
        let d = on_error(
            Step::Publish,
            &item(OutboxState::Publishing, 0, 0),
            &err(ErrorClass::Throttled {
                retry_after_secs: 600,
            }),
            now(),
            &p,
            &mut SystemRng::with_seed(1),
        );
        assert_eq!(
            d.channel,
            ChannelEffect::Throttle {
                until: now() + Duration::seconds(600)
            }
        );
        assert!(matches!(
            d.transition,
            Transition::Retry {
                to: OutboxState::MediaUploaded,
                count_attempt: false,
                ..
            }
        ));
        // No retry time from the platform: the policy's minimum.
        let d = on_error(
            Step::Upload,
            &item(OutboxState::Queued, 0, 0),
            &err(ErrorClass::Throttled {
                retry_after_secs: 0,
            }),
            now(),
            &p,
            &mut SystemRng::with_seed(1),
        );
        assert_eq!(
            d.channel,
            ChannelEffect::Throttle {
                until: now() + p.min_throttle
            }
        );
        let d = on_error(
            Step::Upload,
            &item(OutboxState::Queued, 0, 0),
            &err(ErrorClass::Auth),
            now(),
            &p,
            &mut SystemRng::with_seed(1),
        );
        assert_eq!(d.channel, ChannelEffect::NeedsReconnect);
        assert!(matches!(
            d.transition,
            Transition::Retry {
                to: OutboxState::Queued,
                ..
            }
        ));
    }

    #[test]
    fn zalo_daily_article_quota_holds_the_channel_until_midnight_in_vietnam() {
        let p = Policy::default();
        let quota = ChannelError {
            class: ErrorClass::Throttled {
                retry_after_secs: 0,
            },
            kind: ChannelKind::Zalo,
            code: "-223".into(),
            message: "Out of quota".into(),
        };
        // now() is 14:30 in Vietnam: held until 00:00 there (17:00 UTC), the post kept.
        let d = on_error(
            Step::Publish,
            &item(OutboxState::Publishing, 0, 0),
            &quota,
            now(),
            &p,
            &mut SystemRng::with_seed(1),
        );
        let midnight = DateTime::parse_from_rfc3339("2025-07-29T17:00:00Z")
            .expect("ts")
            .with_timezone(&Utc);
        assert_eq!(d.channel, ChannelEffect::Throttle { until: midnight });
        assert!(matches!(
            d.transition,
            Transition::Retry {
                to: OutboxState::MediaUploaded,
                count_attempt: false,
                ..
            }
        ));
    }

    #[test]
    fn invalid_fails_and_transient_gives_up_after_the_limit() {
        let p = Policy::default();
        let d = on_error(
            Step::Publish,
            &item(OutboxState::Publishing, 0, 0),
            &err(ErrorClass::Invalid),
            now(),
            &p,
            &mut SystemRng::with_seed(1),
        );
        assert!(matches!(d.transition, Transition::Fail { .. }));
        let d = on_error(
            Step::Publish,
            &item(OutboxState::Publishing, 2, 0),
            &err(ErrorClass::Transient),
            now(),
            &p,
            &mut SystemRng::with_seed(1),
        );
        match d.transition {
            Transition::Retry {
                next_attempt_at: Some(t),
                to: OutboxState::MediaUploaded,
                count_attempt: true,
                ..
            } => {
                assert!(t - now() <= p.retry.ceiling(3) && t - now() >= crate::backoff::FLOOR)
            }
            other => panic!("{other:?}"),
        }
        let d = on_error(
            Step::Upload,
            &item(OutboxState::Queued, p.max_attempts - 1, 0),
            &err(ErrorClass::Transient),
            now(),
            &p,
            &mut SystemRng::with_seed(1),
        );
        assert!(matches!(d.transition, Transition::Fail { .. }));
    }

    #[test]
    fn an_undecidable_read_back_ends_unconfirmed() {
        let p = Policy::default();
        let d = on_error(
            Step::ReadBack,
            &item(OutboxState::Publishing, 1, 0),
            &err(ErrorClass::Transient),
            now(),
            &p,
            &mut SystemRng::with_seed(1),
        );
        assert!(matches!(
            d.transition,
            Transition::ReadBackLater {
                count_readback: true,
                ..
            }
        ));
        let d = on_error(
            Step::ReadBack,
            &item(OutboxState::Publishing, 1, p.max_readbacks - 1),
            &err(ErrorClass::Ambiguous),
            now(),
            &p,
            &mut SystemRng::with_seed(1),
        );
        assert!(matches!(d.transition, Transition::Unconfirmed { .. }));
    }

    #[test]
    fn read_back_answers() {
        let p = Policy::default();
        let publishing = item(OutboxState::Publishing, 1, 0);
        assert!(matches!(
            on_readback(
                &publishing,
                Some(RemotePost {
                    id: "1_2".into(),
                    url: None
                }),
                now(),
                &p
            ),
            Transition::Published {
                count_attempt: false,
                ..
            }
        ));
        // One look that finds nothing is no proof: a second one, spaced, before a new publish.
        let first = on_readback(&publishing, None, now(), &p);
        let Transition::ReadBackLater {
            next_attempt_at: Some(at),
            error: Some(error),
            ..
        } = &first
        else {
            panic!("{first:?}");
        };
        assert_eq!(*at, now() + p.readback_confirm);
        let looked = OutboxItem {
            last_error: Some(error.clone()),
            ..publishing.clone()
        };
        assert!(matches!(
            on_readback(&looked, None, now(), &p),
            Transition::Retry {
                to: OutboxState::MediaUploaded,
                ..
            }
        ));
        // A request that timed out (or a crash, a takeover) may still land: the confirming look
        // waits until `in_flight` has passed since the attempt began. A reset does not.
        let started = now() - Duration::seconds(40);
        let timed_out = OutboxItem {
            publish_started_at: Some(loa_core::clock::format_ts(started)),
            last_error: Some(OutboxError {
                code: "timeout".into(),
                message: "no answer".into(),
            }),
            ..publishing.clone()
        };
        let Transition::ReadBackLater {
            next_attempt_at: Some(at),
            ..
        } = on_readback(&timed_out, None, now(), &p)
        else {
            panic!("a second look");
        };
        assert_eq!(at, started + p.in_flight);
        let reset = OutboxItem {
            last_error: Some(OutboxError {
                code: "reset".into(),
                message: "connection reset".into(),
            }),
            ..timed_out.clone()
        };
        let Transition::ReadBackLater {
            next_attempt_at: Some(at),
            ..
        } = on_readback(&reset, None, now(), &p)
        else {
            panic!("a second look");
        };
        assert_eq!(at, now() + p.readback_confirm);
        assert!(may_still_land(INTERRUPTED) && may_still_land("http-504"));
        assert!(!may_still_land("reset") && !may_still_land("http-500"));
    }
}
