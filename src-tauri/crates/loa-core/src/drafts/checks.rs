//! Checks before a draft is queued: the core's side of `loa-checks`.
//!
//! The rules themselves are a pure function in `loa-checks`; here they meet the database: the
//! draft's text, the overrides the officer recorded, and the rule that a blocking finding stops
//! queueing unless it was overridden with a reason.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use loa_checks::{PhotoInput, PostInput, Severity};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::clock::format_ts;
use crate::{ChannelKind, Draft, LoaError, Result, drafts};

/// `block`: the draft cannot be queued as it is (unless overridden). `warn`: worth a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum CheckSeverity {
    Block,
    Warn,
}

/// One finding, as the UI and the command line see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CheckFinding {
    /// Stable code, e.g. `citizen_id`, `facebook_text_too_long`.
    pub code: String,
    pub severity: CheckSeverity,
    /// `title`, `body`, `photo`, `schedule` or `post`.
    pub field: String,
    pub photo_index: Option<u32>,
    /// Character offsets into the field's text, end exclusive, where they apply.
    pub start: Option<u32>,
    pub end: Option<u32>,
    /// Fluent ids of the explanation and of the suggested fix, with their arguments.
    pub message_id: String,
    pub fix_id: String,
    pub args: BTreeMap<String, String>,
    /// The reason the officer gave to override this blocking finding, if they did.
    pub overridden: Option<String>,
}

impl CheckFinding {
    /// Blocks queueing: a blocking finding nobody overrode.
    pub fn blocks(&self) -> bool {
        self.severity == CheckSeverity::Block && self.overridden.is_none()
    }
}

fn overrides(conn: &Connection, draft: i64) -> Result<BTreeMap<String, String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT code, reason FROM check_overrides WHERE draft_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([draft], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The checks of draft `d` for `channels` (empty: every platform), on `photos` as they will be
/// uploaded, with the overrides the officer recorded.
pub(crate) fn findings(
    conn: &Connection,
    now: DateTime<Utc>,
    d: &Draft,
    photos: &[PhotoInput<'_>],
    channels: &[ChannelKind],
    scheduled_at: Option<DateTime<Utc>>,
) -> Result<Vec<CheckFinding>> {
    let overridden = overrides(conn, d.id)?;
    let input = PostInput {
        title: &d.title,
        body: &d.body,
        photos,
        channels,
        scheduled_at,
        now,
    };
    let to_u32 = |v: Option<usize>| v.and_then(|v| u32::try_from(v).ok());
    Ok(loa_checks::check(&input)
        .into_iter()
        .map(|f| CheckFinding {
            code: f.code.to_owned(),
            severity: match f.severity {
                Severity::Block => CheckSeverity::Block,
                Severity::Warn => CheckSeverity::Warn,
            },
            field: f.field.as_str().to_owned(),
            photo_index: to_u32(f.field.photo_index()),
            start: to_u32(f.start),
            end: to_u32(f.end),
            message_id: f.message_id.to_owned(),
            fix_id: f.fix_id.to_owned(),
            args: f.args,
            overridden: (f.severity == Severity::Block)
                .then(|| overridden.get(f.code).cloned())
                .flatten(),
        })
        .collect())
}

/// Runs the checks on a draft's current (or about to be saved) text, against every platform.
pub(crate) fn run(conn: &Connection, now: DateTime<Utc>, d: &Draft) -> Result<Vec<CheckFinding>> {
    let photos = crate::media::draft_photos::list(conn, d.id)?;
    // The size that counts against a platform's limit is the prepared copy's; before "prepare"
    // it is unknown (0), since the original will be shrunk.
    let prepared_bytes = |p: &crate::DraftPhoto| {
        p.prepared_path
            .as_deref()
            .and_then(|path| std::fs::metadata(path).ok())
            .map_or(0, |m| m.len())
    };
    let photo_inputs: Vec<PhotoInput<'_>> = photos
        .iter()
        .map(|p| PhotoInput {
            alt_text: &p.alt_text,
            bytes: prepared_bytes(p),
            width: p.media.width,
            height: p.media.height,
        })
        .collect();
    // Channels and a schedule come with queueing; until then every platform is checked.
    findings(conn, now, d, &photo_inputs, &[], None)
}

/// The blocking findings nobody overrode, as the error that refuses queueing (or `Ok`).
pub(crate) fn refuse_blocking(id: i64, findings: Vec<CheckFinding>) -> Result<()> {
    let blocking: Vec<CheckFinding> = findings.into_iter().filter(CheckFinding::blocks).collect();
    if blocking.is_empty() {
        Ok(())
    } else {
        Err(LoaError::ChecksBlock {
            id,
            findings: blocking,
        })
    }
}

/// The checks of a stored draft.
pub fn check_draft(conn: &Connection, now: DateTime<Utc>, id: i64) -> Result<Vec<CheckFinding>> {
    run(conn, now, &drafts::get(conn, id)?)
}

/// Records the officer's decision to queue despite a blocking finding.
pub fn override_check(
    conn: &Connection,
    now: DateTime<Utc>,
    id: i64,
    code: &str,
    reason: &str,
) -> Result<()> {
    drafts::get(conn, id)?;
    let blocking = loa_checks::rule_for(code).is_some_and(|r| r.severity == Severity::Block);
    if !blocking {
        return Err(LoaError::InvalidValue {
            field: "check".into(),
            value: code.to_owned(),
            allowed: loa_checks::RULES
                .iter()
                .filter(|r| r.severity == Severity::Block)
                .map(|r| r.code)
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    let reason = crate::text::nfc(reason.trim());
    if reason.is_empty() {
        return Err(LoaError::OverrideNeedsReason);
    }
    conn.execute(
        "INSERT INTO check_overrides (draft_id, code, reason, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, code, reason, format_ts(now)],
    )?;
    Ok(())
}

/// Refuses to let `d` become queued while a blocking finding stands.
pub(crate) fn ensure_queueable(conn: &Connection, now: DateTime<Utc>, d: &Draft) -> Result<()> {
    refuse_blocking(d.id, run(conn, now, d)?)
}
