//! `loa calendar`: a range of days as entries (occurrences, planned drafts, posts, holidays)
//! followed by the coming occurrences without a ready draft, or the week's plan drawn as a
//! picture or a PDF. Vietnam time whatever the computer's zone.

use chrono::Datelike;
use loa_calendar::vntime::parse_date;
use loa_calendar::words::weekday_id;
use loa_calendar::{CalendarEntry, EntryKind};
use loa_core::{LoaError, Localizer, Store};
use loa_render::{Document, Format, RenderOptions, Renderer};

use crate::Outcome;
use crate::args::CalendarArgs;
use crate::out;

/// One entry in words: "2025-08-01 Thứ Sáu 19:00  Kỳ  Chào mừng Đại hội – Kỳ 2 (Chưa có bài)".
fn line(l10n: &Localizer, e: &CalendarEntry) -> String {
    let day = l10n.msg(weekday_id(e.date.weekday()));
    let time = e
        .time
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_else(|| l10n.msg("calendar-all-day"));
    let kind = l10n.msg(match e.kind {
        EntryKind::Holiday => "calendar-kind-holiday",
        EntryKind::Occurrence => "calendar-kind-occurrence",
        EntryKind::Draft => "calendar-kind-draft",
        EntryKind::Post => "calendar-kind-post",
    });
    let what = match e.kind {
        EntryKind::Holiday => e.name.clone().unwrap_or_default(),
        EntryKind::Occurrence => {
            let name = e.series_name.clone().unwrap_or_default();
            let mut s = name.clone();
            if let Some(n) = e.episode {
                s.push_str(" – ");
                s.push_str(&l10n.msg_with("calendar-episode", &[("number", n.to_string())]));
            }
            match &e.title {
                // A filled draft's title usually names the section and the episode already.
                Some(t) if t.contains(&name) => t.clone(),
                Some(t) => format!("{s}: {t}"),
                None => s,
            }
        }
        EntryKind::Draft => e.title.clone().unwrap_or_default(),
        EntryKind::Post => format!(
            "{} → {}",
            e.title.clone().unwrap_or_default(),
            e.channel.clone().unwrap_or_default()
        ),
    };
    let mut text = format!("{} {day} {time}  {kind}  {what}", e.date);
    if let Some(state) = e.state {
        text.push_str(&format!(" ({})", l10n.msg(&state.message_id())));
    }
    if let Some(reason) = &e.skip_reason {
        text.push_str(&format!(" — {reason}"));
    }
    text
}

fn range(
    store: &Store,
    l10n: &Localizer,
    from: &str,
    to: &str,
    json: bool,
) -> Result<(), LoaError> {
    let view = store
        .calendar()
        .range(parse_date(from)?, parse_date(to)?, l10n)?;
    if json {
        // The array is the contract; the warnings go beside it, on stderr.
        out::json(&view.entries);
        for w in &view.empty_slots {
            eprintln!("loa: {}", w.text);
        }
        return Ok(());
    }
    out::line(&l10n.msg("calendar-times-note"));
    if view.entries.is_empty() {
        out::line(&l10n.msg_with(
            "calendar-nothing",
            &[("from", from.to_owned()), ("to", to.to_owned())],
        ));
    }
    for e in &view.entries {
        out::line(&line(l10n, e));
    }
    if !view.empty_slots.is_empty() {
        out::line("");
        out::line(&l10n.msg("calendar-empty-slots"));
        for w in &view.empty_slots {
            out::line(&format!("  {}", w.text));
        }
    }
    Ok(())
}

fn week(
    store: &Store,
    l10n: &Localizer,
    day: &str,
    path: &std::path::Path,
) -> Result<Outcome, LoaError> {
    let Some(format) = Format::from_path(path) else {
        return Err(LoaError::InvalidValue {
            field: "out".into(),
            value: path.display().to_string(),
            allowed: "*.png, *.pdf".into(),
        });
    };
    let doc = store.calendar().week_document(parse_date(day)?, l10n)?;
    // Loa's own layout, not a pack from outside: it renders in this process, as reports do.
    let rendered = Renderer::new()
        .render_document(
            &Document {
                main: doc.main.to_owned(),
                files: doc.files,
                ident: format!("loa/plan/{day}"),
            },
            format,
            &RenderOptions::for_export(),
        )
        .map_err(crate::template::core_error)?;
    let bytes = rendered.files.into_iter().next().unwrap_or_default();
    if !out::file(l10n, path, &bytes) {
        return Ok(Outcome::Partial);
    }
    out::line(&l10n.msg_with(
        "calendar-saved",
        &[("title", doc.title), ("path", path.display().to_string())],
    ));
    Ok(Outcome::Ok)
}

pub fn run(
    store: &Store,
    l10n: &Localizer,
    a: &CalendarArgs,
    json: bool,
) -> Result<Outcome, LoaError> {
    match (&a.from, &a.to, &a.week, &a.out) {
        (_, _, Some(day), Some(path)) => week(store, l10n, day, path),
        (Some(from), Some(to), _, _) => range(store, l10n, from, to, json).map(|()| Outcome::Ok),
        // clap requires --from with --to, or --week with --out.
        _ => Ok(Outcome::Ok),
    }
}
