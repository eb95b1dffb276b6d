//! The worker's side of the outbox: channel leases and state transitions, each one transaction.
//!
//! Only the holder of a channel's lease moves that channel's items (one `loa sync` or app at a
//! time per channel, across processes). Every transition is a compare-and-set on the item's
//! state, so an officer's cancel or retry that lands between two steps is never overwritten:
//! the worker gets [`LoaError::OutboxConflict`] and looks again.
//!
//! The decisions (what to do after which answer) are `loa-publish`'s; this module only checks
//! that a transition is one of the diagram's edges (see [`super::outbox`]). Everything here is
//! reached through [`OutboxPort`], the narrow port `loa-publish` drives.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::channels::{self, ChannelHold, ChannelInfo};
use super::outbox::{self, OutboxError, OutboxItem, OutboxState, UploadProgress};
use crate::clock::{format_ts, parse_ts};
use crate::{LoaError, Result, Store};

/// A change the worker makes to an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transition {
    /// queued → media_uploaded: every photo has its remote id (or the channel sends them with
    /// the post).
    MediaReady,
    /// Same state, not before `until` (a local schedule, spacing, or waiting for the link).
    Defer { until: Option<DateTime<Utc>> },
    /// media_uploaded → publishing, recorded BEFORE the publish call, with its start time; the
    /// channel's last publish time moves with it (spacing).
    BeginPublish,
    /// publishing → published, with the platform's ids. Allowed even if the lease was lost: a
    /// remote id the platform returned is always true.
    Published {
        remote_id: Option<String>,
        remote_url: Option<String>,
        count_attempt: bool,
    },
    /// Back to `to` (queued or media_uploaded) for another try, not before `next_attempt_at`.
    Retry {
        to: OutboxState,
        next_attempt_at: Option<DateTime<Utc>>,
        count_attempt: bool,
        error: Option<OutboxError>,
    },
    /// publishing stays publishing: read the channel back at `next_attempt_at`.
    ReadBackLater {
        next_attempt_at: Option<DateTime<Utc>>,
        count_attempt: bool,
        count_readback: bool,
        error: Option<OutboxError>,
    },
    /// → failed: the officer must change something.
    Fail {
        count_attempt: bool,
        error: OutboxError,
    },
    /// publishing → unconfirmed: the read-back could not tell; the link is the channel's page.
    Unconfirmed { error: OutboxError },
}

impl Transition {
    /// Whether `from` → this transition is an edge of the diagram.
    fn allowed_from(&self, from: OutboxState) -> bool {
        use OutboxState as S;
        match self {
            Transition::MediaReady => from == S::Queued,
            Transition::Defer { .. } => from.is_active(),
            Transition::BeginPublish => from == S::MediaUploaded,
            Transition::Published { .. }
            | Transition::ReadBackLater { .. }
            | Transition::Unconfirmed { .. } => from == S::Publishing,
            Transition::Retry { to, .. } => {
                from.is_active() && matches!(to, S::Queued | S::MediaUploaded)
            }
            Transition::Fail { .. } => from.is_active(),
        }
    }
}

/// The answer to a lease request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeaseOutcome {
    Acquired,
    /// Another worker holds the channel until `until`.
    Held {
        owner: String,
        until: DateTime<Utc>,
    },
}

/// How many items are in each state (the tray badge, `loa sync`'s summary).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OutboxCounts {
    pub queued: u32,
    pub media_uploaded: u32,
    pub publishing: u32,
    pub published: u32,
    pub failed: u32,
    pub unconfirmed: u32,
    pub cancelled: u32,
}

impl OutboxCounts {
    /// Items the worker still has to do.
    pub fn active(&self) -> u32 {
        self.queued + self.media_uploaded + self.publishing
    }

    /// Items that need the officer.
    pub fn needs_officer(&self) -> u32 {
        self.failed + self.unconfirmed
    }
}

fn holds_lease(conn: &Connection, channel_id: i64, owner: &str) -> Result<bool> {
    let current: Option<Option<String>> = conn
        .query_row(
            "SELECT lease_owner FROM channels WHERE id = ?1",
            [channel_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(current.flatten().as_deref() == Some(owner))
}

fn ensure_owner(conn: &Connection, item: &OutboxItem, owner: &str) -> Result<()> {
    if holds_lease(conn, item.channel_id, owner)? {
        Ok(())
    } else {
        Err(LoaError::OutboxConflict { id: item.id })
    }
}

fn apply(
    conn: &Connection,
    now: DateTime<Utc>,
    owner: &str,
    id: i64,
    expected: OutboxState,
    t: &Transition,
) -> Result<OutboxItem> {
    let item = outbox::get(conn, id)?;
    if item.state != expected || !t.allowed_from(item.state) {
        return Err(LoaError::OutboxConflict { id });
    }
    if !matches!(t, Transition::Published { .. }) {
        ensure_owner(conn, &item, owner)?;
    }
    let ts = format_ts(now);
    let count = |yes: bool| i64::from(yes);
    let err_code = |e: &Option<OutboxError>| e.as_ref().map(|e| e.code.clone());
    // The message is a server's words: it is stored only with its secrets masked.
    let err_msg = |e: &Option<OutboxError>| e.as_ref().map(|e| loa_platforms::redact(&e.message));
    let changed = match t {
        Transition::MediaReady => conn.execute(
            "UPDATE outbox SET state = 'media_uploaded', updated_at = ?3
             WHERE id = ?1 AND state = ?2",
            params![id, expected.as_str(), ts],
        )?,
        Transition::Defer { until } => conn.execute(
            "UPDATE outbox SET next_attempt_at = ?3, updated_at = ?4 WHERE id = ?1 AND state = ?2",
            params![id, expected.as_str(), until.map(format_ts), ts],
        )?,
        Transition::BeginPublish => {
            conn.execute(
                "UPDATE channels SET last_publish_at = ?2 WHERE id = ?1",
                params![item.channel_id, ts],
            )?;
            conn.execute(
                "UPDATE outbox SET state = 'publishing', publish_started_at = ?3,
                     next_attempt_at = NULL, readback_attempts = 0, updated_at = ?3
                 WHERE id = ?1 AND state = ?2",
                params![id, expected.as_str(), ts],
            )?
        }
        Transition::Published {
            remote_id,
            remote_url,
            count_attempt,
        } => conn.execute(
            "UPDATE outbox SET state = 'published', remote_id = ?3, remote_url = ?4,
                 published_at = ?5, next_attempt_at = NULL, attempts = attempts + ?6,
                 last_error_code = NULL, last_error_message = NULL, updated_at = ?5
             WHERE id = ?1 AND state = ?2",
            params![
                id,
                expected.as_str(),
                remote_id,
                remote_url,
                ts,
                count(*count_attempt)
            ],
        )?,
        Transition::Retry {
            to,
            next_attempt_at,
            count_attempt,
            error,
        } => conn.execute(
            "UPDATE outbox SET state = ?3, next_attempt_at = ?4, attempts = attempts + ?5,
                 readback_attempts = 0,
                 last_error_code = COALESCE(?6, last_error_code),
                 last_error_message = COALESCE(?7, last_error_message), updated_at = ?8
             WHERE id = ?1 AND state = ?2",
            params![
                id,
                expected.as_str(),
                to.as_str(),
                next_attempt_at.map(format_ts),
                count(*count_attempt),
                err_code(error),
                err_msg(error),
                ts
            ],
        )?,
        Transition::ReadBackLater {
            next_attempt_at,
            count_attempt,
            count_readback,
            error,
        } => conn.execute(
            "UPDATE outbox SET next_attempt_at = ?3, attempts = attempts + ?4,
                 readback_attempts = readback_attempts + ?5,
                 last_error_code = COALESCE(?6, last_error_code),
                 last_error_message = COALESCE(?7, last_error_message), updated_at = ?8
             WHERE id = ?1 AND state = ?2",
            params![
                id,
                expected.as_str(),
                next_attempt_at.map(format_ts),
                count(*count_attempt),
                count(*count_readback),
                err_code(error),
                err_msg(error),
                ts
            ],
        )?,
        Transition::Fail {
            count_attempt,
            error,
        } => conn.execute(
            "UPDATE outbox SET state = 'failed', next_attempt_at = NULL,
                 attempts = attempts + ?3, last_error_code = ?4, last_error_message = ?5,
                 updated_at = ?6
             WHERE id = ?1 AND state = ?2",
            params![
                id,
                expected.as_str(),
                count(*count_attempt),
                error.code,
                loa_platforms::redact(&error.message),
                ts
            ],
        )?,
        Transition::Unconfirmed { error } => {
            let channel = channels::get(conn, now, item.channel_id)?;
            conn.execute(
                "UPDATE outbox SET state = 'unconfirmed', next_attempt_at = NULL,
                     remote_url = ?3, last_error_code = ?4, last_error_message = ?5,
                     updated_at = ?6
                 WHERE id = ?1 AND state = ?2",
                params![
                    id,
                    expected.as_str(),
                    outbox::page_of(&channel),
                    error.code,
                    loa_platforms::redact(&error.message),
                    ts
                ],
            )?
        }
    };
    if changed != 1 {
        return Err(LoaError::OutboxConflict { id });
    }
    if matches!(
        t,
        Transition::Published { .. } | Transition::Fail { .. } | Transition::Unconfirmed { .. }
    ) {
        outbox::settle_draft_status(conn, now, item.draft_id)?;
    }
    outbox::get(conn, id)
}

/// The worker's operations on the store, and only those: what `loa-publish`'s outbox worker
/// needs to walk the outbox. Front ends act through [`Store::publishing`] instead; nothing else
/// leases channels or moves items along the diagram.
pub trait OutboxPort: Send + Sync + std::fmt::Debug {
    /// The store's clock.
    fn now(&self) -> DateTime<Utc>;

    fn channels(&self) -> Result<Vec<ChannelInfo>>;

    fn channel(&self, id: i64) -> Result<ChannelInfo>;

    /// The officer paused all publishing.
    fn outbox_paused(&self) -> Result<bool>;

    /// Remembers the upload speed just measured on a real upload (bits per second): the next
    /// video estimate says how long its upload takes at it.
    fn record_link_speed(&self, bits_per_second: u64) -> Result<()>;

    /// Puts a hold on a channel after the platform's answer (throttled, or needs reconnecting).
    fn hold_channel(&self, id: i64, hold: ChannelHold) -> Result<ChannelInfo>;

    /// Lifts Loa's hold on a channel (a throttle that ran out).
    fn clear_channel_hold(&self, id: i64) -> Result<ChannelInfo>;

    /// Takes (or renews) the lease on a channel for `ttl`. A lease that ran out, or whose owner
    /// `owner_is_dead` says is gone (a killed process on this machine), is taken over.
    fn lease_channel(
        &self,
        channel_id: i64,
        owner: &str,
        ttl: Duration,
        owner_is_dead: &dyn Fn(&str) -> bool,
    ) -> Result<LeaseOutcome>;

    /// Extends a lease this owner holds; `false` if it was lost.
    fn renew_channel_lease(&self, channel_id: i64, owner: &str, ttl: Duration) -> Result<bool>;

    /// Gives a lease back (idle channel, clean stop).
    fn release_channel_lease(&self, channel_id: i64, owner: &str) -> Result<()>;

    /// The items of a channel the worker still has to do, oldest first.
    fn active_outbox(&self, channel_id: i64) -> Result<Vec<OutboxItem>>;

    /// Records the remote id of photo `position` the moment the platform returned it. A photo
    /// that already has one keeps it (it is never uploaded, nor recorded, twice).
    fn record_media_upload(
        &self,
        owner: &str,
        id: i64,
        position: u32,
        remote_id: &str,
        remote_url: Option<&str>,
    ) -> Result<OutboxItem>;

    /// Commits where the item's video upload stands after a chunk (the session, the offsets
    /// the platform answered, the chunk size, the wire bytes since the last commit), in its own
    /// transaction, before the next chunk goes. Only while queued and leased by this owner.
    fn record_video_progress(
        &self,
        owner: &str,
        id: i64,
        progress: &UploadProgress,
    ) -> Result<OutboxItem>;

    /// Records that every byte of the item's video is on the platform, with the id it has there.
    fn record_video_upload(
        &self,
        owner: &str,
        id: i64,
        remote_id: &str,
        remote_url: Option<&str>,
    ) -> Result<OutboxItem>;

    /// Forgets the item's upload session (the platform let it expire): the next upload starts a
    /// new one. The wire byte count is kept.
    fn reset_video_upload(&self, owner: &str, id: i64) -> Result<OutboxItem>;

    /// Moves an item along one edge of the diagram, if it is still in `expected` and this owner
    /// holds its channel (see [`Transition`]).
    fn transition_outbox(
        &self,
        owner: &str,
        id: i64,
        expected: OutboxState,
        t: &Transition,
    ) -> Result<OutboxItem>;

    /// How many items are in each state.
    fn outbox_counts(&self) -> Result<OutboxCounts>;
}

/// Runs `update` on the video row of item `id` in one transaction, if the item is in a state
/// `allowed` accepts, has a video and its channel is leased by `owner`; touches the item.
fn video_write(
    store: &Store,
    owner: &str,
    id: i64,
    allowed: fn(OutboxState) -> bool,
    update: impl FnOnce(&Connection, DateTime<Utc>) -> Result<()>,
) -> Result<OutboxItem> {
    store.write(|tx, now| {
        let item = outbox::get(tx, id)?;
        if !allowed(item.state) || item.video.is_none() {
            return Err(LoaError::OutboxConflict { id });
        }
        ensure_owner(tx, &item, owner)?;
        update(tx, now)?;
        tx.execute(
            "UPDATE outbox SET updated_at = ?2 WHERE id = ?1",
            params![id, format_ts(now)],
        )?;
        outbox::get(tx, id)
    })
}

fn queued(state: OutboxState) -> bool {
    state == OutboxState::Queued
}

impl OutboxPort for Store {
    fn now(&self) -> DateTime<Utc> {
        self.clock().now()
    }

    fn record_link_speed(&self, bits_per_second: u64) -> Result<()> {
        self.write(|tx, _| crate::videos::prepare::record_link_speed(tx, bits_per_second))
    }

    fn channels(&self) -> Result<Vec<ChannelInfo>> {
        super::ahead::correct_stored(self)?;
        self.read(|c| channels::list(c, self.clock().now()))
    }

    fn channel(&self, id: i64) -> Result<ChannelInfo> {
        self.read(|c| channels::get(c, self.clock().now(), id))
    }

    fn outbox_paused(&self) -> Result<bool> {
        self.publishing().paused()
    }

    fn hold_channel(&self, id: i64, hold: ChannelHold) -> Result<ChannelInfo> {
        self.write(|tx, now| channels::hold(tx, now, id, hold))
    }

    fn clear_channel_hold(&self, id: i64) -> Result<ChannelInfo> {
        self.write(|tx, now| channels::clear_hold(tx, now, id))
    }

    fn lease_channel(
        &self,
        channel_id: i64,
        owner: &str,
        ttl: Duration,
        owner_is_dead: &dyn Fn(&str) -> bool,
    ) -> Result<LeaseOutcome> {
        self.write(|tx, now| {
            let (current, until): (Option<String>, Option<String>) = tx
                .query_row(
                    "SELECT lease_owner, lease_until FROM channels WHERE id = ?1",
                    [channel_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| LoaError::ChannelNotFound {
                    name: channel_id.to_string(),
                })?;
            let until = until.as_deref().and_then(parse_ts);
            if let (Some(other), Some(until)) = (&current, until)
                && other != owner
                && until > now
                && !owner_is_dead(other)
            {
                return Ok(LeaseOutcome::Held {
                    owner: other.clone(),
                    until,
                });
            }
            tx.execute(
                "UPDATE channels SET lease_owner = ?2, lease_until = ?3 WHERE id = ?1",
                params![channel_id, owner, format_ts(now + ttl)],
            )?;
            Ok(LeaseOutcome::Acquired)
        })
    }

    fn renew_channel_lease(&self, channel_id: i64, owner: &str, ttl: Duration) -> Result<bool> {
        self.write(|tx, now| {
            let n = tx.execute(
                "UPDATE channels SET lease_until = ?3 WHERE id = ?1 AND lease_owner = ?2",
                params![channel_id, owner, format_ts(now + ttl)],
            )?;
            Ok(n == 1)
        })
    }

    fn release_channel_lease(&self, channel_id: i64, owner: &str) -> Result<()> {
        self.write(|tx, _| {
            tx.execute(
                "UPDATE channels SET lease_owner = NULL, lease_until = NULL
                 WHERE id = ?1 AND lease_owner = ?2",
                params![channel_id, owner],
            )?;
            Ok(())
        })
    }

    fn active_outbox(&self, channel_id: i64) -> Result<Vec<OutboxItem>> {
        let mut items = self.read(|c| {
            outbox::select(
                c,
                "o.channel_id = ?1 AND o.state IN ('queued', 'media_uploaded', 'publishing')",
                &[&channel_id],
            )
        })?;
        // A wait stored by a clock that ran ahead counts as now (`ahead`).
        let now = self.clock().now();
        for item in &mut items {
            super::ahead::settle_item(item, now);
        }
        Ok(items)
    }

    fn record_media_upload(
        &self,
        owner: &str,
        id: i64,
        position: u32,
        remote_id: &str,
        remote_url: Option<&str>,
    ) -> Result<OutboxItem> {
        self.write(|tx, now| {
            let item = outbox::get(tx, id)?;
            if item.state != OutboxState::Queued {
                return Err(LoaError::OutboxConflict { id });
            }
            ensure_owner(tx, &item, owner)?;
            tx.execute(
                "UPDATE outbox_media SET remote_id = ?3, remote_url = ?4, uploaded_at = ?5,
                     bytes_sent = size
                 WHERE outbox_id = ?1 AND position = ?2 AND remote_id IS NULL",
                params![
                    id,
                    i64::from(position),
                    remote_id,
                    remote_url,
                    format_ts(now)
                ],
            )?;
            tx.execute(
                "UPDATE outbox SET updated_at = ?2 WHERE id = ?1",
                params![id, format_ts(now)],
            )?;
            outbox::get(tx, id)
        })
    }

    fn record_video_progress(
        &self,
        owner: &str,
        id: i64,
        p: &UploadProgress,
    ) -> Result<OutboxItem> {
        let i = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
        video_write(self, owner, id, queued, |tx, _| {
            tx.execute(
                "UPDATE outbox_video SET upload_session_id = ?2, video_id = ?3,
                     session_started_at = ?4, start_offset = ?5, end_offset = ?6,
                     chunk_bytes = ?7, bytes_sent = bytes_sent + ?8
                 WHERE outbox_id = ?1 AND remote_id IS NULL",
                params![
                    id,
                    p.upload_session_id,
                    p.video_id,
                    p.session_started_at.map(format_ts),
                    i(p.start_offset),
                    p.end_offset.map(|e| i(e.max(p.start_offset))),
                    p.chunk_bytes.filter(|c| *c > 0).map(i),
                    i(p.bytes_sent_delta)
                ],
            )?;
            Ok(())
        })
    }

    fn record_video_upload(
        &self,
        owner: &str,
        id: i64,
        remote_id: &str,
        remote_url: Option<&str>,
    ) -> Result<OutboxItem> {
        video_write(self, owner, id, queued, |tx, now| {
            tx.execute(
                "UPDATE outbox_video SET remote_id = ?2, remote_url = ?3, uploaded_at = ?4,
                     start_offset = size, end_offset = size
                 WHERE outbox_id = ?1 AND remote_id IS NULL",
                params![id, remote_id, remote_url, format_ts(now)],
            )?;
            Ok(())
        })
    }

    fn reset_video_upload(&self, owner: &str, id: i64) -> Result<OutboxItem> {
        video_write(self, owner, id, OutboxState::is_active, |tx, _| {
            tx.execute(
                "UPDATE outbox_video SET upload_session_id = NULL, video_id = NULL,
                     session_started_at = NULL, start_offset = 0, end_offset = NULL,
                     remote_id = NULL, remote_url = NULL, uploaded_at = NULL
                 WHERE outbox_id = ?1",
                [id],
            )?;
            Ok(())
        })
    }

    fn transition_outbox(
        &self,
        owner: &str,
        id: i64,
        expected: OutboxState,
        t: &Transition,
    ) -> Result<OutboxItem> {
        self.write(|tx, now| apply(tx, now, owner, id, expected, t))
    }

    fn outbox_counts(&self) -> Result<OutboxCounts> {
        self.read(|c| {
            let mut stmt = c.prepare_cached("SELECT state, COUNT(*) FROM outbox GROUP BY state")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
            let mut out = OutboxCounts::default();
            for row in rows {
                let (state, n) = row?;
                let n = u32::try_from(n).unwrap_or(u32::MAX);
                match state.parse::<OutboxState>()? {
                    OutboxState::Queued => out.queued = n,
                    OutboxState::MediaUploaded => out.media_uploaded = n,
                    OutboxState::Publishing => out.publishing = n,
                    OutboxState::Published => out.published = n,
                    OutboxState::Failed => out.failed = n,
                    OutboxState::Unconfirmed => out.unconfirmed = n,
                    OutboxState::Cancelled => out.cancelled = n,
                }
            }
            Ok(out)
        })
    }
}
