//! When a platform's own scheduler takes a post, and when the worker should send it.

use chrono::{DateTime, Duration, Utc};

use crate::ChannelKind;

/// How far ahead a platform's own scheduler takes a post, as Loa uses it: the platform's
/// documented window with a margin on each side. The checks (before queueing), the queue (is it
/// handed to the platform?) and the client (at send time) all ask this one window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScheduleWindow {
    /// Seconds ahead, at least.
    pub min_secs: i64,
    /// Seconds ahead, at most.
    pub max_secs: i64,
}

/// Where a post due at some time falls, seen from now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    /// Not scheduled, or due.
    Now,
    /// Inside the window: hand it to the platform's scheduler.
    Platform,
    /// Too close for the platform's scheduler: publish it when due.
    TooSoon,
    /// Further than the platform schedules: wait until it enters the window.
    TooFar,
}

impl ScheduleWindow {
    /// Facebook's `scheduled_publish_time` as documented: 10 minutes to 30 days ahead of the
    /// API request (Pages API guide, "Posts"; see [`crate::FACEBOOK`]). What the platform (and
    /// its emulator) enforces; Loa itself uses [`ScheduleWindow::FACEBOOK`].
    pub const FACEBOOK_DOCUMENTED: ScheduleWindow = ScheduleWindow {
        min_secs: 10 * 60,
        max_secs: 30 * 24 * 3600,
    };

    /// The documented window with Loa's margins: one minute clear at the near end (time passes
    /// between deciding and sending, and a post only gets closer) and one hour at the far end
    /// (a laptop's clock may be ahead of Facebook's). The checks said 10 minutes and the client
    /// 11: this window decides, for the checks, the queue and the client alike.
    pub const FACEBOOK: ScheduleWindow = ScheduleWindow::FACEBOOK_DOCUMENTED.narrowed(60, 3600);

    /// This window less `near` seconds at its near end and `far` at its far end.
    pub const fn narrowed(self, near: i64, far: i64) -> ScheduleWindow {
        ScheduleWindow {
            min_secs: self.min_secs + near,
            max_secs: self.max_secs - far,
        }
    }

    /// Where `at` falls, seen from `now`.
    pub fn decide(&self, at: DateTime<Utc>, now: DateTime<Utc>) -> Schedule {
        let ahead = (at - now).num_seconds();
        if ahead <= 0 {
            Schedule::Now
        } else if ahead < self.min_secs {
            Schedule::TooSoon
        } else if ahead > self.max_secs {
            Schedule::TooFar
        } else {
            Schedule::Platform
        }
    }

    /// Whether the platform's scheduler takes a post due at `at`.
    pub fn accepts(&self, at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        self.decide(at, now) == Schedule::Platform
    }

    /// The nearest end in whole minutes and the farthest in whole days (for messages).
    pub fn min_minutes(&self) -> i64 {
        (self.min_secs + 59) / 60
    }

    pub fn max_days(&self) -> i64 {
        self.max_secs / (24 * 3600)
    }
}

/// The earliest moment the worker should publish a post scheduled at `scheduled_at`: now when
/// the platform's own scheduler takes it (or it is due), otherwise when it becomes due — or,
/// for a platform with a window, when it enters the window.
pub fn publish_not_before(
    kind: ChannelKind,
    scheduled_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    let Some(at) = scheduled_at.filter(|at| *at > now) else {
        return now;
    };
    match kind {
        // WordPress keeps `future` posts itself, however far ahead; the folder is carried by hand.
        ChannelKind::Wordpress | ChannelKind::Folder => now,
        ChannelKind::Facebook | ChannelKind::Zalo => match kind.limits().schedule {
            None => at,
            Some(w) => match w.decide(at, now) {
                Schedule::Platform => now,
                Schedule::TooFar => at - Duration::seconds(w.max_secs),
                Schedule::Now | Schedule::TooSoon => at,
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facebook_window_keeps_its_margins() {
        let w = ScheduleWindow::FACEBOOK;
        let now = Utc::now();
        assert!(!w.accepts(now + Duration::minutes(10), now));
        assert!(w.accepts(now + Duration::minutes(11), now));
        assert!(w.accepts(now + Duration::days(30) - Duration::hours(1), now));
        assert!(!w.accepts(now + Duration::days(30), now));
        assert_eq!((w.min_minutes(), w.max_days()), (11, 29));
    }

    #[test]
    fn when_to_publish_scheduled_posts() {
        let now = Utc::now();
        let m = |mins: i64| Some(now + Duration::minutes(mins));
        let fb = ChannelKind::Facebook;
        assert_eq!(publish_not_before(fb, None, now), now);
        assert_eq!(publish_not_before(fb, m(-5), now), now);
        // 5 minutes ahead: too soon for Facebook's scheduler, publish when due.
        assert_eq!(
            publish_not_before(fb, m(5), now),
            now + Duration::minutes(5)
        );
        // 2 hours ahead: Facebook schedules it.
        assert_eq!(publish_not_before(fb, m(120), now), now);
        // 40 days ahead: hand it over once it is inside the window.
        let at = now + Duration::days(40);
        assert_eq!(
            publish_not_before(fb, Some(at), now),
            at - Duration::seconds(ScheduleWindow::FACEBOOK.max_secs)
        );
        assert_eq!(publish_not_before(ChannelKind::Wordpress, m(600), now), now);
        assert_eq!(
            publish_not_before(ChannelKind::Zalo, m(600), now),
            now + Duration::minutes(600)
        );
    }
}
