//! Publishing channels: where a post can go (a Facebook Page, a Zalo Official Account, a WordPress
//! site, a folder), as the officer configured them.
//!
//! Only the non-secret configuration is stored here. Tokens and passwords live in the OS keyring
//! (see `loa-publish::credentials`), keyed by the channel id; the database never sees them.
//!
//! A channel can be held back in three ways, shown to the officer as its status:
//! - the officer paused it ([`ChannelStatus::Paused`]);
//! - the platform rate-limited it: [`ChannelStatus::Throttled`] until `paused_until`;
//! - its token was refused: [`ChannelStatus::NeedsReconnect`] until the credentials are updated
//!   (saving the channel again with new credentials lifts it).

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::Publishing;
use crate::clock::{format_ts, parse_ts};
use crate::text::nfc;
use crate::{LoaError, Result};

pub use loa_platforms::ChannelKind;

/// Reads a channel kind typed by the officer (`facebook`, `zalo`, `wordpress`, `folder`).
pub fn parse_kind(s: &str) -> Result<ChannelKind> {
    s.parse().map_err(|_| invalid_kind(s))
}

fn invalid_kind(value: &str) -> LoaError {
    LoaError::InvalidValue {
        field: "channel".to_owned(),
        value: value.to_owned(),
        allowed: ChannelKind::ALL.map(ChannelKind::as_str).join(", "),
    }
}

/// What holds a channel back, as the officer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ChannelStatus {
    Ok,
    /// The officer paused it.
    Paused,
    /// The platform asked Loa to slow down; it resumes by itself at `paused_until`.
    Throttled,
    /// The token was refused: add the channel again with a new token.
    NeedsReconnect,
}

impl ChannelStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ChannelStatus::Ok => "ok",
            ChannelStatus::Paused => "paused",
            ChannelStatus::Throttled => "throttled",
            ChannelStatus::NeedsReconnect => "needs_reconnect",
        }
    }
}

/// A hold Loa puts on a channel after the platform's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelHold {
    Throttled { until: DateTime<Utc> },
    NeedsReconnect,
}

/// A configured channel (no secrets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ChannelInfo {
    pub id: i64,
    pub name: String,
    pub kind: ChannelKind,
    pub base_url: String,
    pub page_id: String,
    pub user: String,
    pub folder: Option<String>,
    pub spacing_secs: u32,
    /// What holds it back now (computed at read time).
    pub status: ChannelStatus,
    /// The officer paused it (it may also be throttled or need reconnecting).
    pub paused: bool,
    /// Throttled until this time (RFC 3339), when throttled.
    pub paused_until: Option<String>,
    /// Where the officer can look at what was published.
    pub page_url: String,
    pub last_publish_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Zalo: the WordPress channel that hosts the articles' photos.
    pub image_host_channel_id: Option<i64>,
}

impl ChannelInfo {
    /// The earliest time the next publish may start, given the spacing.
    pub fn next_publish_allowed(&self) -> Option<DateTime<Utc>> {
        self.last_publish_at
            .as_deref()
            .and_then(parse_ts)
            .map(|t| t + Duration::seconds(i64::from(self.spacing_secs)))
    }

    /// Throttled until, if the hold is still in force at `now`.
    pub fn throttled_until(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.paused_until
            .as_deref()
            .and_then(parse_ts)
            .filter(|t| *t > now)
    }
}

/// A channel to create, or to update when one with the same name exists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct NewChannel {
    pub name: String,
    pub kind: Option<ChannelKind>,
    /// Empty: the platform's own API.
    pub base_url: String,
    pub page_id: String,
    pub user: String,
    pub folder: Option<String>,
    /// `None`: the kind's default (`loa_platforms::ChannelKind::default_spacing_secs`).
    pub spacing_secs: Option<u32>,
    /// Zalo: the name of the WordPress channel that hosts the articles' photos.
    pub image_host: Option<String>,
}

/// The page the officer opens to see a channel's posts; also the link of an unconfirmed item.
pub fn page_url(channel: &ChannelInfo) -> String {
    loa_platforms::page_url(
        channel.kind,
        &channel.base_url,
        &channel.page_id,
        channel.folder.as_deref(),
    )
}

const COLS: &str = "id, name, kind, base_url, page_id, user, folder, spacing_secs, paused, \
                    pause_reason, paused_until, last_publish_at, created_at, updated_at, \
                    image_host_channel_id";

fn kind_column(row: &Row<'_>, idx: usize) -> rusqlite::Result<ChannelKind> {
    let s: String = row.get(idx)?;
    s.parse().map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unexpected channel kind {s:?}").into(),
        )
    })
}

fn from_row(row: &Row<'_>, now: DateTime<Utc>) -> rusqlite::Result<ChannelInfo> {
    let kind = kind_column(row, 2)?;
    let base_url: String = row.get(3)?;
    let page_id: String = row.get(4)?;
    let folder: Option<String> = row.get(6)?;
    let paused: bool = row.get(8)?;
    let reason: Option<String> = row.get(9)?;
    let paused_until: Option<String> = row.get(10)?;
    let throttled = reason.as_deref() == Some("throttled")
        && paused_until
            .as_deref()
            .and_then(parse_ts)
            .is_some_and(|t| t > now && super::ahead::hold_believable(t, now));
    let status = if reason.as_deref() == Some("needs_reconnect") {
        ChannelStatus::NeedsReconnect
    } else if paused {
        ChannelStatus::Paused
    } else if throttled {
        ChannelStatus::Throttled
    } else {
        ChannelStatus::Ok
    };
    let spacing: i64 = row.get(7)?;
    let mut info = ChannelInfo {
        id: row.get(0)?,
        name: row.get(1)?,
        kind,
        page_url: loa_platforms::page_url(kind, &base_url, &page_id, folder.as_deref()),
        base_url,
        page_id,
        user: row.get(5)?,
        folder,
        spacing_secs: u32::try_from(spacing).unwrap_or(u32::MAX),
        status,
        paused,
        paused_until: if throttled { paused_until } else { None },
        last_publish_at: row.get(11)?,
        created_at: row.get(12)?,
        updated_at: row.get(13)?,
        image_host_channel_id: row.get(14)?,
    };
    super::ahead::settle_channel(&mut info, now);
    Ok(info)
}

pub(crate) fn get(conn: &Connection, now: DateTime<Utc>, id: i64) -> Result<ChannelInfo> {
    conn.query_row(
        &format!("SELECT {COLS} FROM channels WHERE id = ?1"),
        [id],
        |r| from_row(r, now),
    )
    .optional()?
    .ok_or_else(|| LoaError::ChannelNotFound {
        name: id.to_string(),
    })
}

pub(crate) fn by_name(conn: &Connection, now: DateTime<Utc>, name: &str) -> Result<ChannelInfo> {
    let name = nfc(name.trim());
    conn.query_row(
        &format!("SELECT {COLS} FROM channels WHERE name = ?1"),
        [&name],
        |r| from_row(r, now),
    )
    .optional()?
    .ok_or(LoaError::ChannelNotFound { name })
}

pub(crate) fn list(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<ChannelInfo>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLS} FROM channels ORDER BY id"))?;
    let rows = stmt.query_map([], |r| from_row(r, now))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn save(conn: &Connection, now: DateTime<Utc>, input: &NewChannel) -> Result<(ChannelInfo, bool)> {
    let name = nfc(input.name.trim());
    let Some(kind) = input.kind else {
        return Err(invalid_kind(""));
    };
    if name.is_empty() {
        return Err(LoaError::InvalidValue {
            field: "name".to_owned(),
            value: String::new(),
            allowed: String::new(),
        });
    }
    let base_url = match input.base_url.trim() {
        "" => kind.default_base_url().to_owned(),
        url => url.trim_end_matches('/').to_owned(),
    };
    // A channel's secrets go only to https, or to plain http on this computer (the sandbox).
    // (No address yet — a WordPress site not filled in — is the connection test's to report.)
    if kind != ChannelKind::Folder
        && !base_url.is_empty()
        && let Err(problem) = loa_platforms::check_address(&base_url)
    {
        let shown = problem != loa_platforms::AddressProblem::CredentialsInAddress;
        return Err(LoaError::ChannelAddress {
            url: if shown { base_url } else { String::new() },
            problem: problem.code().to_owned(),
        });
    }
    let spacing = input.spacing_secs.unwrap_or(kind.default_spacing_secs());
    let image_host = match input.image_host.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(host) => {
            let host = by_name(conn, now, host)?;
            if kind != ChannelKind::Zalo || host.kind != ChannelKind::Wordpress {
                return Err(LoaError::InvalidValue {
                    field: "image-host".to_owned(),
                    value: host.name,
                    allowed: "wordpress".to_owned(),
                });
            }
            Some(host.id)
        }
    };
    let ts = format_ts(now);
    let existing: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, kind FROM channels WHERE name = ?1",
            [&name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (id, updated) = match existing {
        Some((_, old_kind)) if old_kind != kind.as_str() => {
            return Err(LoaError::ChannelKindMismatch {
                name,
                kind: old_kind.parse().map_err(|_| invalid_kind(&old_kind))?,
            });
        }
        Some((id, _)) => {
            // New credentials come with an update: lift a "needs reconnect" hold.
            conn.execute(
                "UPDATE channels SET base_url = ?2, page_id = ?3, user = ?4, folder = ?5,
                     spacing_secs = ?6, updated_at = ?7, image_host_channel_id = ?8,
                     pause_reason = CASE WHEN pause_reason = 'needs_reconnect' THEN NULL
                                         ELSE pause_reason END
                 WHERE id = ?1",
                params![
                    id,
                    base_url,
                    input.page_id.trim(),
                    input.user.trim(),
                    input.folder,
                    spacing,
                    ts,
                    image_host
                ],
            )?;
            (id, true)
        }
        None => {
            conn.execute(
                "INSERT INTO channels (name, kind, base_url, page_id, user, folder, spacing_secs,
                     created_at, updated_at, image_host_channel_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
                params![
                    name,
                    kind.as_str(),
                    base_url,
                    input.page_id.trim(),
                    input.user.trim(),
                    input.folder,
                    spacing,
                    ts,
                    image_host
                ],
            )?;
            (conn.last_insert_rowid(), false)
        }
    };
    Ok((get(conn, now, id)?, updated))
}

impl Publishing<'_> {
    /// Creates a channel, or updates the one with the same name (same kind only). An update
    /// lifts a "needs reconnect" hold: it is how new credentials arrive. Returns the channel and
    /// whether it existed.
    pub fn save_channel(&self, input: &NewChannel) -> Result<(ChannelInfo, bool)> {
        self.store.write(|tx, now| save(tx, now, input))
    }

    pub fn channels(&self) -> Result<Vec<ChannelInfo>> {
        self.store.read(|c| list(c, self.store.clock().now()))
    }

    pub fn channel(&self, id: i64) -> Result<ChannelInfo> {
        self.store.read(|c| get(c, self.store.clock().now(), id))
    }

    pub fn channel_by_name(&self, name: &str) -> Result<ChannelInfo> {
        self.store
            .read(|c| by_name(c, self.store.clock().now(), name))
    }

    /// The officer pauses (or resumes) one channel. Resuming also lifts a throttle hold early
    /// (the officer's call), never a "needs reconnect" one.
    pub fn set_channel_paused(&self, id: i64, paused: bool) -> Result<ChannelInfo> {
        self.store.write(|tx, now| {
            get(tx, now, id)?;
            tx.execute(
                "UPDATE channels SET paused = ?2, updated_at = ?3,
                     pause_reason = CASE WHEN ?2 = 0 AND pause_reason = 'throttled' THEN NULL
                                         ELSE pause_reason END,
                     paused_until = CASE WHEN ?2 = 0 AND pause_reason = 'throttled' THEN NULL
                                         ELSE paused_until END
                 WHERE id = ?1",
                params![id, paused, format_ts(now)],
            )?;
            get(tx, now, id)
        })
    }

    /// Lifts Loa's hold on a channel: a connection test that passed shows the officer fixed it.
    pub fn clear_channel_hold(&self, id: i64) -> Result<ChannelInfo> {
        self.store.write(|tx, now| clear_hold(tx, now, id))
    }
}

/// Puts a hold on a channel after the platform's answer (the worker's, see
/// [`super::OutboxPort::hold_channel`]). A throttle never hides a refused token: that one
/// needs the officer.
pub(crate) fn hold(
    conn: &Connection,
    now: DateTime<Utc>,
    id: i64,
    hold: ChannelHold,
) -> Result<ChannelInfo> {
    let (reason, until) = match hold {
        ChannelHold::Throttled { until } => (
            "throttled",
            Some(format_ts(super::ahead::hold_until(until, now))),
        ),
        ChannelHold::NeedsReconnect => ("needs_reconnect", None),
    };
    conn.execute(
        "UPDATE channels SET pause_reason = ?2, paused_until = ?3
         WHERE id = ?1 AND NOT (?2 = 'throttled' AND pause_reason IS 'needs_reconnect')",
        params![id, reason, until],
    )?;
    get(conn, now, id)
}

/// Lifts Loa's hold on a channel (a throttle that ran out; a connection test that passed).
pub(crate) fn clear_hold(conn: &Connection, now: DateTime<Utc>, id: i64) -> Result<ChannelInfo> {
    conn.execute(
        "UPDATE channels SET pause_reason = NULL, paused_until = NULL WHERE id = ?1",
        [id],
    )?;
    get(conn, now, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_kinds_are_read_and_unknown_ones_refused() {
        for k in ChannelKind::ALL {
            assert_eq!(parse_kind(k.as_str()).expect("parse"), k);
        }
        assert!(matches!(
            parse_kind("tiktok"),
            Err(LoaError::InvalidValue { allowed, .. }) if allowed == "facebook, zalo, wordpress, folder"
        ));
    }
}
