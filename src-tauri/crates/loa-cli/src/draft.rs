//! `loa draft …`

use std::io::Read;
use std::path::{Path, PathBuf};

use loa_core::{DraftPatch, DraftStatus, LoaError, Localizer, NewDraft, Store, Topic};
use serde::Serialize;

use crate::Outcome;
use crate::args::NewArgs;
use crate::out;

fn read_body_file(path: &Path) -> Result<String, LoaError> {
    let mut bytes = Vec::new();
    let read = if path == Path::new("-") {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(path).map(|b| bytes = b)
    };
    read.map_err(|source| LoaError::ReadFile {
        path: path.to_path_buf(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|_| LoaError::FileNotUtf8 {
        path: path.to_path_buf(),
    })
}

pub fn new(store: &Store, a: &NewArgs, json: bool) -> Result<Outcome, LoaError> {
    let body = match (&a.body, &a.body_file) {
        (Some(b), _) => b.clone(),
        (None, Some(f)) => read_body_file(f)?,
        (None, None) => String::new(),
    };
    // Values were checked by clap against the same lists; parsing again keeps one source of truth.
    let topic: Topic = a
        .topic
        .as_deref()
        .map(str::parse)
        .transpose()?
        .unwrap_or_default();
    let status: Option<DraftStatus> = a.status.as_deref().map(str::parse).transpose()?;
    let mut draft = store.drafts().create(&NewDraft {
        title: a.title.trim().to_owned(),
        body,
        lang: a.lang.unwrap_or_default(),
        topic,
    })?;
    if let Some(status) = status {
        draft = store.drafts().save(
            draft.id,
            &DraftPatch {
                status: Some(status),
                ..DraftPatch::default()
            },
        )?;
    }
    if json {
        out::json(&draft);
    } else {
        out::line(&draft.id.to_string());
    }
    Ok(Outcome::Ok)
}

fn title_or_untitled(l10n: &Localizer, title: &str) -> String {
    if title.trim().is_empty() {
        l10n.msg("cli-untitled")
    } else {
        title.to_owned()
    }
}

pub fn list(store: &Store, l10n: &Localizer, json: bool) -> Result<Outcome, LoaError> {
    let summaries = store.drafts().list()?;
    if json {
        // The contract promises full drafts in the list.
        let drafts = summaries
            .iter()
            .map(|s| store.drafts().get(s.id))
            .collect::<Result<Vec<_>, _>>()?;
        out::json(&drafts);
    } else if summaries.is_empty() {
        out::line(&l10n.msg("cli-no-drafts"));
    } else {
        for s in &summaries {
            let status = l10n.msg(&format!("status-{}", s.status));
            out::line(&format!(
                "{:>6}  {:<16}  {}  {}",
                s.id,
                status,
                &s.updated_at[..16.min(s.updated_at.len())].replace('T', " "),
                title_or_untitled(l10n, &s.title)
            ));
        }
    }
    Ok(Outcome::Ok)
}

pub fn show(store: &Store, l10n: &Localizer, id: i64, json: bool) -> Result<Outcome, LoaError> {
    let d = store.drafts().get(id)?;
    if json {
        out::json(&d);
        return Ok(Outcome::Ok);
    }
    let field = |id: &str, value: String| format!("{}: {value}", l10n.msg(id));
    out::line(&field("cli-field-title", title_or_untitled(l10n, &d.title)));
    out::line(&field(
        "cli-field-lang",
        l10n.msg(&format!("lang-{}", d.lang)),
    ));
    out::line(&field(
        "cli-field-topic",
        l10n.msg(&format!("topic-{}", d.topic)),
    ));
    out::line(&field(
        "cli-field-status",
        l10n.msg(&format!("status-{}", d.status)),
    ));
    out::line(&field("cli-field-created", d.created_at.clone()));
    out::line(&field("cli-field-updated", d.updated_at.clone()));
    out::line("");
    out::line(&d.body);
    Ok(Outcome::Ok)
}

/// One line of `draft import --json`.
#[derive(Debug, Serialize)]
struct ImportRow {
    file: String,
    id: Option<i64>,
    error: Option<String>,
}

pub fn import(
    store: &Store,
    l10n: &Localizer,
    paths: &[PathBuf],
    json: bool,
) -> Result<Outcome, LoaError> {
    let outcomes = store.drafts().import(paths, None)?;
    let rows: Vec<ImportRow> = outcomes
        .iter()
        .map(|o| ImportRow {
            file: o.file.display().to_string(),
            id: o.result.as_ref().ok().copied(),
            error: o.result.as_ref().err().map(|e| l10n.error(e)),
        })
        .collect();
    let skipped = rows.iter().filter(|r| r.error.is_some()).count();
    if json {
        out::json(&rows);
    } else {
        for r in &rows {
            match (&r.id, &r.error) {
                (Some(id), _) => out::line(&l10n.msg_with(
                    "cli-imported",
                    &[("file", r.file.clone()), ("id", id.to_string())],
                )),
                (None, Some(reason)) => eprintln!(
                    "{}",
                    l10n.msg_with(
                        "cli-skipped",
                        &[("file", r.file.clone()), ("reason", reason.clone())]
                    )
                ),
                (None, None) => {}
            }
        }
        out::line(&l10n.msg_with(
            "cli-import-summary",
            &[
                ("imported", (rows.len() - skipped).to_string()),
                ("skipped", skipped.to_string()),
            ],
        ));
    }
    Ok(if skipped == 0 {
        Outcome::Ok
    } else {
        Outcome::Partial
    })
}

/// One photo of `draft attach --json`.
#[derive(Debug, Serialize)]
struct AttachRow {
    position: u32,
    media_id: i64,
    file: String,
    /// The upload-ready copy (the file itself when it was already fit to post).
    prepared_path: Option<String>,
}

/// `loa draft attach DRAFT_ID IMAGE…`: imports the photos and attaches them in order, each with
/// an upload-ready copy (see `Store::attach_for_posting`).
pub fn attach(
    store: &Store,
    l10n: &Localizer,
    id: i64,
    images: &[PathBuf],
    json: bool,
) -> Result<Outcome, LoaError> {
    let photos = store.publishing().attach_for_posting(id, images)?;
    if json {
        let rows: Vec<AttachRow> = photos
            .iter()
            .map(|p| AttachRow {
                position: p.position,
                media_id: p.media.id,
                file: p.media.original_name.clone(),
                prepared_path: p.prepared_path.clone(),
            })
            .collect();
        out::json(&rows);
    } else {
        out::line(&l10n.msg_with(
            "publish-attached",
            &[
                ("count", images.len().to_string()),
                ("id", id.to_string()),
                ("total", photos.len().to_string()),
            ],
        ));
    }
    Ok(Outcome::Ok)
}
