//! `loa backup --out FILE`, `loa backup list`, `loa restore FILE [--yes]`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use loa_core::backup::{BackupSummary, Contents, restore as core_restore};
use loa_core::{LoaError, Localizer, Store, SystemClock};
use serde::Serialize;

use crate::args::BackupCommand;
use crate::{Outcome, out};

/// A size as the officer reads it: "12,3 MB" (one decimal, the language's decimal mark).
fn size(l10n: &Localizer, bytes: u64) -> String {
    let (value, unit) = match bytes {
        b if b >= 1 << 30 => (b as f64 / f64::from(1u32 << 30), "GB"),
        b if b >= 1 << 20 => (b as f64 / f64::from(1u32 << 20), "MB"),
        b => (b as f64 / 1024.0, "KB"),
    };
    let text = format!("{value:.1} {unit}");
    match l10n.lang() {
        loa_core::Lang::Vi => text.replace('.', ","),
        loa_core::Lang::En => text,
    }
}

fn counts(c: &Contents) -> Vec<(&'static str, String)> {
    vec![
        ("drafts", c.drafts.to_string()),
        ("media", c.media.to_string()),
        ("templates", c.templates.to_string()),
        ("queue", c.queue.to_string()),
    ]
}

pub fn run(
    store: &Store,
    l10n: &Localizer,
    command: Option<&BackupCommand>,
    out_file: Option<&Path>,
    json: bool,
) -> Result<Outcome, LoaError> {
    match (command, out_file) {
        (Some(BackupCommand::List), _) => list(store, l10n, json),
        (None, Some(file)) => write(store, l10n, file, json),
        // clap requires --out when there is no subcommand.
        (None, None) => Err(LoaError::InvalidValue {
            field: "--out".into(),
            value: String::new(),
            allowed: "FILE".into(),
        }),
    }
}

fn write(store: &Store, l10n: &Localizer, file: &Path, json: bool) -> Result<Outcome, LoaError> {
    let summary: BackupSummary = store.backups().write_archive(file, |_| {})?;
    if json {
        out::json(&summary);
    } else {
        let mut args = vec![
            ("file", summary.file.display().to_string()),
            ("size", size(l10n, summary.bytes)),
        ];
        args.extend(counts(&Contents {
            schema: 0,
            drafts: summary.drafts,
            media: summary.media,
            templates: summary.templates,
            queue: summary.queue,
        }));
        out::line(&l10n.msg_with("backup-cli-done", &args));
        out::line(&format!("sha256 {}", summary.sha256));
    }
    Ok(Outcome::Ok)
}

fn list(store: &Store, l10n: &Localizer, json: bool) -> Result<Outcome, LoaError> {
    let copies = store.backups().list()?;
    if json {
        out::json(&copies);
    } else if copies.is_empty() {
        out::line(&l10n.msg("backup-cli-list-empty"));
    } else {
        for c in &copies {
            out::line(&format!(
                "{}  {:>9}  {}",
                c.date,
                size(l10n, c.bytes),
                c.file.display()
            ));
        }
    }
    Ok(Outcome::Ok)
}

/// What `loa restore --json` prints.
#[derive(Debug, Serialize)]
struct Restored<'a> {
    restored: bool,
    created_at: &'a str,
    contents: Contents,
    /// The profile as it was, kept aside.
    aside: Option<String>,
}

pub fn restore(
    l10n: &Localizer,
    profile: &Path,
    file: &Path,
    yes: bool,
    json: bool,
) -> Result<Outcome, LoaError> {
    // What it holds first (cheap), then the full check while unpacking.
    let manifest = core_restore::inspect(file)?;
    let mut holds = vec![("date", manifest.created_at.clone())];
    holds.extend(counts(&manifest.contents));
    if !json {
        out::line(&l10n.msg_with("backup-cli-holds", &holds));
    }
    if !yes && !confirmed(l10n) {
        if json {
            out::json(&Restored {
                restored: false,
                created_at: &manifest.created_at,
                contents: manifest.contents,
                aside: None,
            });
        }
        eprintln!("loa: {}", l10n.msg("backup-cli-not-confirmed"));
        return Ok(Outcome::Partial);
    }
    let outcome = core_restore::restore(file, profile, &SystemClock)?;
    if json {
        out::json(&Restored {
            restored: true,
            created_at: &outcome.created_at,
            contents: outcome.contents,
            aside: outcome.aside.as_ref().map(|p| p.display().to_string()),
        });
    } else {
        out::line(&l10n.msg_with("backup-cli-restored", &counts(&outcome.contents)));
        if let Some(aside) = &outcome.aside {
            out::line(&l10n.msg_with(
                "backup-cli-aside",
                &[("aside", aside.display().to_string())],
            ));
        }
    }
    Ok(Outcome::Ok)
}

/// Asks on the terminal; anything but "c"/"có"/"y"/"yes" (or no terminal at all) is a no.
fn confirmed(l10n: &Localizer) -> bool {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return false;
    }
    let mut err = std::io::stderr();
    let _ = write!(err, "{} ", l10n.msg("backup-cli-confirm"));
    let _ = err.flush();
    let mut answer = String::new();
    if stdin.lock().read_line(&mut answer).is_err() {
        return false;
    }
    matches!(
        answer.trim().to_lowercase().as_str(),
        "c" | "có" | "co" | "y" | "yes"
    )
}
