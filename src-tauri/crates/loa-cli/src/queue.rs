//! `loa queue …`: queueing drafts for channels, and the outbox as the officer sees it.

use chrono::{DateTime, Utc};
use loa_core::{LoaError, Localizer, OutboxItem, Store};
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
    pub bytes_total: u64,
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
        bytes_total: i.bytes_total,
        created_at: &i.created_at,
        updated_at: &i.updated_at,
    }
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
    channel: &str,
    at: Option<DateTime<Utc>>,
    json: bool,
) -> Result<Outcome, LoaError> {
    // Both must exist: one clear line otherwise (exit 1).
    store.drafts().get(draft_id)?;
    let channel = store.publishing().channel_by_name(channel)?;
    let item = store.publishing().queue(draft_id, channel.id, at)?;
    if json {
        out::json(&row(&item));
    } else {
        out::line(&item.id.to_string());
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
        if let Some(e) = i
            .last_error
            .as_ref()
            .filter(|_| i.state.is_active() || i.state.needs_officer())
        {
            line.push_str(&format!("  ({})", e.message));
        }
        out::line(&line);
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
        } => add(store, *draft_id, channel, *at, json),
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
