//! Times stored by a clock that ran ahead. A laptop whose clock jumped a month forward (a
//! flat CMOS battery, a wrong time zone fixed by hand) writes `last_publish_at`,
//! `paused_until` and `next_attempt_at` in that future; once the clock is right again, those
//! times would hold the channel until the real clock catches up. No wait Loa sets is longer
//! than the bounds below, so a stored time further ahead than "now + the longest legitimate
//! wait" cannot be true and counts as now — when it is read, before anything waits for it.

use chrono::{DateTime, Duration, Utc};

use crate::clock::{format_ts, parse_ts};

use super::{ChannelInfo, OutboxItem};
use crate::{Result, Store};

/// The longest retry or read-back wait the worker sets (its backoffs stop at 30 minutes; the
/// margin leaves room for a slower policy without touching this).
pub const LONGEST_RETRY_WAIT: Duration = Duration::hours(6);

/// The longest throttle hold: a platform's daily quota (Zalo's article quota resets at
/// midnight) and Graph's `estimated_time_to_regain_access` are below a day.
pub const LONGEST_HOLD: Duration = Duration::hours(25);

/// A throttle hold ends no later than [`LONGEST_HOLD`] from `now`, whatever the platform said.
pub fn hold_until(until: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    until.min(now + LONGEST_HOLD)
}

/// Writes "now" over every `last_publish_at` in the future. The spacing counts from that
/// moment, so the correction must be stored once: a value re-read as "now" on every look
/// would push the next publish ahead forever. Reads first, so a healthy profile is not
/// written on every pass of the worker.
pub(crate) fn correct_stored(store: &Store) -> Result<()> {
    let now = format_ts(store.clock().now());
    let ahead: bool = store.read(|c| {
        Ok(c.query_row(
            "SELECT EXISTS(SELECT 1 FROM channels WHERE last_publish_at > ?1)",
            [&now],
            |r| r.get(0),
        )?)
    })?;
    if ahead {
        store.write(|tx, now| {
            let now = format_ts(now);
            tx.execute(
                "UPDATE channels SET last_publish_at = ?1 WHERE last_publish_at > ?1",
                [&now],
            )?;
            Ok(())
        })?;
    }
    Ok(())
}

/// `last_publish_at` is written at the moment of publishing: one in the future is shown as
/// now (and stored so by [`correct_stored`] before the worker looks). `paused_until` beyond
/// [`LONGEST_HOLD`] is dropped by the channel's reader.
pub(crate) fn settle_channel(ch: &mut ChannelInfo, now: DateTime<Utc>) {
    if ch
        .last_publish_at
        .as_deref()
        .and_then(parse_ts)
        .is_some_and(|t| t > now)
    {
        ch.last_publish_at = Some(format_ts(now));
    }
}

/// Whether a stored `paused_until` is believable at `now`.
pub(crate) fn hold_believable(until: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    until <= now + LONGEST_HOLD
}

/// `next_attempt_at` further ahead than [`LONGEST_RETRY_WAIT`] counts as now, unless the
/// officer's own schedule explains it (a post planned for next month waits for it).
pub fn settle_item(item: &mut OutboxItem, now: DateTime<Utc>) {
    let Some(next) = item.next_attempt() else {
        return;
    };
    let scheduled = item.scheduled().is_some_and(|at| next <= at);
    if next > now + LONGEST_RETRY_WAIT && !scheduled {
        item.next_attempt_at = Some(format_ts(now));
    }
}
