//! `loa queue …`: queueing drafts for channels, and the outbox as the officer sees it.

use chrono::{DateTime, Utc};
use loa_core::{LoaError, Localizer, OutboxItem, OutboxState, Store};
use serde::Serialize;

use crate::Outcome;
use crate::args::QueueCommand;
use crate::out;

/// One element of `queue list --json` (the fields the contract names, then more).
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    pub id: i64,
    pub draft_id: i64,
    pub channel: &'a str,
    /// queued, media_uploaded, publishing, published, failed, unconfirmed or cancelled.
    pub state: &'static str,
    pub attempts: u32,
    pub remote_id: Option<&'a str>,
    /// The platform's message (with its code in brackets), or null.
    pub last_error: Option<String>,
    pub next_attempt_at: Option<&'a str>,
    pub last_error_code: Option<&'a str>,
    /// The post on the platform; for an unconfirmed item, the page to check.
    pub remote_url: Option<&'a str>,
    pub scheduled_at: Option<&'a str>,
    pub title: &'a str,
    pub photos: usize,
    pub photos_uploaded: usize,
    /// Bytes the platform has confirmed of the photos or the video; null for a text post.
    pub bytes_sent: Option<u64>,
    /// Bytes of the photos or the video; null for a text post.
    pub bytes_total: Option<u64>,
    /// A video post: every body byte put on the wire for it so far, cut chunks included.
    pub video_wire_bytes: Option<u64>,
    pub created_at: &'a str,
    pub updated_at: &'a str,
}

pub fn row(i: &OutboxItem) -> Row<'_> {
    Row {
        id: i.id,
        draft_id: i.draft_id,
        channel: &i.channel,
        state: i.state.as_str(),
        attempts: i.attempts,
        remote_id: i.remote_id.as_deref(),
        last_error: i
            .last_error
            .as_ref()
            .map(|e| format!("{} [{}]", e.message, e.code)),
        next_attempt_at: i.next_attempt_at.as_deref(),
        last_error_code: i.last_error.as_ref().map(|e| e.code.as_str()),
        remote_url: i.remote_url.as_deref(),
        scheduled_at: i.scheduled_at.as_deref(),
        title: &i.title,
        photos: i.media.len(),
        photos_uploaded: i.media.iter().filter(|m| m.remote_id.is_some()).count(),
        bytes_sent: i.upload_bytes().map(|(sent, _)| sent),
        bytes_total: i.upload_bytes().map(|(_, total)| total),
        video_wire_bytes: i.video.as_ref().map(|v| v.bytes_sent),
        created_at: &i.created_at,
        updated_at: &i.updated_at,
    }
}

/// For an item that waits for the officer, what to do, in a sentence: the one its error code
/// names when there is one (a file too large for the site, a duplicate…), else the one for its
/// state. The platform's own words stay in brackets on the line above, for support.
fn advice(l10n: &Localizer, i: &OutboxItem) -> Option<String> {
    let id = match i.state {
        OutboxState::Failed => i
            .last_error
            .as_ref()
            .and_then(|e| loa_channels::advice_id(i.channel_kind, &e.code))
            .unwrap_or("channel-hint-invalid"),
        _ => return None,
    };
    Some(l10n.msg_with(id, &[("channel", i.channel.clone())]))
}

/// The state in the officer's words.
pub fn state_name(l10n: &Localizer, i: &OutboxItem) -> String {
    l10n.msg(&format!("publish-state-{}", i.state.as_str()))
}

fn print_item(l10n: &Localizer, i: &OutboxItem, json: bool) {
    if json {
        out::json(&row(i));
    } else {
        out::line(&l10n.msg_with(
            "publish-item-line",
            &[
                ("id", i.id.to_string()),
                ("channel", i.channel.clone()),
                ("state", state_name(l10n, i)),
            ],
        ));
    }
}

fn add(
    store: &Store,
    draft_id: i64,
    channel: Option<&str>,
    at: Option<DateTime<Utc>>,
    video: Option<&std::path::Path>,
    json: bool,
) -> Result<Outcome, LoaError> {
    // Both must exist: one clear line otherwise (exit 1).
    store.drafts().get(draft_id)?;
    // A draft that fills a section's occurrence takes the section's channels and the
    // occurrence's time (now once it has passed) for what was not given.
    let slot = store.calendar().slot_of_draft(draft_id)?;
    let now = store.clock().now();
    let at = at.or_else(|| slot.as_ref().and_then(|s| s.queue_at(now)));
    let channels = match channel {
        Some(name) => vec![store.publishing().channel_by_name(name)?.id],
        None => match &slot {
            Some(s) if !s.channels.is_empty() => s.channels.clone(),
            _ => return Err(LoaError::QueueNeedsChannel { draft_id }),
        },
    };
    let video = video.map(loa_core::PostVideo::from_file).transpose()?;
    let mut items = Vec::with_capacity(channels.len());
    for channel in channels {
        items.push(
            store
                .publishing()
                .queue_with_video(draft_id, channel, at, video.as_ref())?,
        );
    }
    match (json, channel.is_some()) {
        // One channel named: one row, as before; the section's channels: one row each.
        (true, true) => out::json(&row(&items[0])),
        (true, false) => out::json(&items.iter().map(row).collect::<Vec<_>>()),
        (false, _) => {
            for i in &items {
                out::line(&i.id.to_string());
            }
        }
    }
    Ok(Outcome::Ok)
}

fn list(store: &Store, l10n: &Localizer, json: bool) -> Result<Outcome, LoaError> {
    let items = store.publishing().outbox()?;
    if json {
        let rows: Vec<Row<'_>> = items.iter().map(row).collect();
        out::json(&rows);
        return Ok(Outcome::Ok);
    }
    if items.is_empty() {
        out::line(&l10n.msg("publish-queue-empty"));
    }
    for i in &items {
        let mut line = format!(
            "{:>5}  {:>5}  {:<20} {:<22} {}",
            i.id,
            i.draft_id,
            i.channel,
            state_name(l10n, i),
            i.title
        );
        if let Some(url) = &i.remote_url {
            line.push_str(&format!("  {url}"));
        }
        // The platform's own words, for support; not the worker's notes about a read-back.
        if let Some(e) = i
            .last_error
            .as_ref()
            .filter(|e| !loa_publish::is_worker_note(&e.code))
            .filter(|_| i.state.is_active() || i.state.needs_officer())
        {
            line.push_str(&format!("  ({})", e.message));
        }
        out::line(&line);
        if let Some(advice) = advice(l10n, i) {
            out::line(&format!("       {advice}"));
        }
    }
    Ok(Outcome::Ok)
}

pub fn run(
    store: &Store,
    l10n: &Localizer,
    command: &QueueCommand,
    json: bool,
) -> Result<Outcome, LoaError> {
    match command {
        QueueCommand::Add {
            draft_id,
            channel,
            at,
            video,
        } => add(
            store,
            *draft_id,
            channel.as_deref(),
            *at,
            video.as_deref(),
            json,
        ),
        QueueCommand::List => list(store, l10n, json),
        QueueCommand::Retry {
            id,
            confirm_not_published,
        } => {
            let item = store.publishing().retry(*id, *confirm_not_published)?;
            print_item(l10n, &item, json);
            Ok(Outcome::Ok)
        }
        QueueCommand::Cancel { id } => {
            let item = store.publishing().cancel(*id)?;
            print_item(l10n, &item, json);
            Ok(Outcome::Ok)
        }
        QueueCommand::MarkPublished { id, url } => {
            let item = store.publishing().mark_published(*id, url)?;
            print_item(l10n, &item, json);
            Ok(Outcome::Ok)
        }
        QueueCommand::Pause | QueueCommand::Resume => {
            let paused = matches!(command, QueueCommand::Pause);
            store.publishing().set_paused(paused)?;
            if json {
                out::json(&serde_json::json!({ "paused": paused }));
            } else {
                out::line(&l10n.msg(if paused {
                    "publish-queue-paused"
                } else {
                    "publish-queue-resumed"
                }));
            }
            Ok(Outcome::Ok)
        }
    }
}
