//! `loa series …`: recurring sections (chuyên mục) and their occurrences. Dates and times
//! typed here are Vietnam time whatever the computer's zone; channels are named as in
//! `loa channel list`.

use std::collections::BTreeMap;

use loa_calendar::vntime::{parse_date, parse_local_datetime, parse_time};
use loa_core::{LoaError, Localizer, SeriesInput, SeriesView, Store};
use serde::Serialize;

use crate::Outcome;
use crate::args::{SeriesAddArgs, SeriesCommand, SeriesEditArgs, SeriesFields};
use crate::out;

/// A section as `--json` prints it: the window's fields, with channels by name (as the
/// command line names them) and by id.
#[derive(Debug, Serialize)]
struct Row<'a> {
    id: i64,
    name: &'a str,
    name_en: Option<&'a str>,
    weekdays: &'a [String],
    time: &'a str,
    from: &'a str,
    until: Option<&'a str>,
    count: Option<u32>,
    channels: Vec<String>,
    channel_ids: &'a [i64],
    template: Option<&'a str>,
    template_defaults: &'a BTreeMap<String, String>,
    colour: &'a str,
    first_episode: u32,
}

fn row<'a>(store: &Store, s: &'a SeriesView) -> Result<Row<'a>, LoaError> {
    let channels = s
        .channels
        .iter()
        .map(|id| Ok(store.publishing().channel(*id)?.name))
        .collect::<Result<Vec<String>, LoaError>>()?;
    Ok(Row {
        id: s.id,
        name: &s.name,
        name_en: s.name_en.as_deref(),
        weekdays: &s.weekdays,
        time: &s.time,
        from: &s.from,
        until: s.until.as_deref(),
        count: s.count,
        channels,
        channel_ids: &s.channels,
        template: s.template.as_deref(),
        template_defaults: &s.template_defaults,
        colour: &s.colour,
        first_episode: s.first_episode,
    })
}

/// "Thứ Ba, Thứ Sáu".
fn day_names(l10n: &Localizer, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| l10n.msg(&format!("calendar-weekday-{c}")))
        .collect::<Vec<_>>()
        .join(", ")
}

fn line(l10n: &Localizer, s: &SeriesView) -> String {
    let end = match (&s.until, s.count) {
        (Some(u), _) => l10n.msg_with("series-end-until", &[("until", u.clone())]),
        (None, Some(n)) => l10n.msg_with("series-end-count", &[("count", n.to_string())]),
        (None, None) => String::new(),
    };
    l10n.msg_with(
        "series-line",
        &[
            ("id", s.id.to_string()),
            ("name", s.name.clone()),
            ("days", day_names(l10n, &s.weekdays)),
            ("time", s.time.clone()),
            ("from", s.from.clone()),
            ("end", end),
        ],
    )
}

fn channel_ids(store: &Store, names: &[String]) -> Result<Vec<i64>, LoaError> {
    names
        .iter()
        .map(|n| Ok(store.publishing().channel_by_name(n)?.id))
        .collect()
}

/// `KEY=VALUE` pairs; a pair without `=` is refused with the field it names.
fn defaults(pairs: &[String]) -> Result<BTreeMap<String, String>, LoaError> {
    pairs
        .iter()
        .map(|p| match p.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_owned(), v.to_owned())),
            _ => Err(LoaError::InvalidValue {
                field: "default".into(),
                value: p.clone(),
                allowed: "KEY=VALUE".into(),
            }),
        })
        .collect()
}

fn weekdays(s: &str) -> Vec<String> {
    s.split(',').map(|d| d.trim().to_owned()).collect()
}

fn print(
    store: &Store,
    l10n: &Localizer,
    s: &SeriesView,
    message: &str,
    json: bool,
) -> Result<(), LoaError> {
    if json {
        out::json(&row(store, s)?);
    } else {
        out::line(&l10n.msg_with(
            message,
            &[("id", s.id.to_string()), ("name", s.name.clone())],
        ));
    }
    Ok(())
}

fn add(store: &Store, l10n: &Localizer, a: &SeriesAddArgs, json: bool) -> Result<(), LoaError> {
    let f: &SeriesFields = &a.fields;
    let saved = store.calendar().save(&SeriesInput {
        id: None,
        name: a.name.clone(),
        name_en: f.name_en.clone(),
        weekdays: weekdays(&a.weekdays),
        time: a.time.clone(),
        from: a.from.clone(),
        until: f.until.clone(),
        count: f.count,
        channels: channel_ids(store, &f.channels)?,
        template: f.template.clone(),
        template_defaults: defaults(&f.defaults)?,
        colour: f.colour.clone(),
        first_episode: f.first_episode.unwrap_or(1),
    })?;
    print(store, l10n, &saved, "series-added", json)
}

fn edit(store: &Store, l10n: &Localizer, a: &SeriesEditArgs, json: bool) -> Result<(), LoaError> {
    let old = store.calendar().get(a.id)?;
    let f = &a.fields;
    let (until, count) = match (a.no_end, &f.until, f.count) {
        (true, _, _) => (None, None),
        (false, Some(u), _) => (Some(u.clone()), None),
        (false, None, Some(n)) => (None, Some(n)),
        (false, None, None) => (old.until.clone(), old.count),
    };
    let saved = store.calendar().save(&SeriesInput {
        id: Some(old.id),
        name: a.name.clone().unwrap_or(old.name),
        name_en: f.name_en.clone().or(old.name_en),
        weekdays: a.weekdays.as_deref().map(weekdays).unwrap_or(old.weekdays),
        time: a.time.clone().unwrap_or(old.time),
        from: a.from.clone().unwrap_or(old.from),
        until,
        count,
        channels: if f.channels.is_empty() {
            old.channels
        } else {
            channel_ids(store, &f.channels)?
        },
        template: f.template.clone().or(old.template),
        template_defaults: if f.defaults.is_empty() {
            old.template_defaults
        } else {
            defaults(&f.defaults)?
        },
        colour: f.colour.clone().or(Some(old.colour)),
        first_episode: f.first_episode.unwrap_or(old.first_episode),
    })?;
    print(store, l10n, &saved, "series-saved", json)
}

fn list(store: &Store, l10n: &Localizer, json: bool) -> Result<(), LoaError> {
    let all = store.calendar().list()?;
    if json {
        let rows = all
            .iter()
            .map(|s| row(store, s))
            .collect::<Result<Vec<_>, _>>()?;
        out::json(&rows);
        return Ok(());
    }
    if all.is_empty() {
        out::line(&l10n.msg("series-none"));
    }
    for s in &all {
        out::line(&line(l10n, s));
    }
    Ok(())
}

pub fn run(
    store: &Store,
    l10n: &Localizer,
    command: &SeriesCommand,
    json: bool,
) -> Result<Outcome, LoaError> {
    let cal = store.calendar();
    let said = |id: &str, s: &SeriesView, date: &str, extra: Option<(&'static str, String)>| {
        if json {
            row(store, s).map(|r| out::json(&r))
        } else {
            let mut args = vec![("name", s.name.clone()), ("date", date.to_owned())];
            args.extend(extra);
            out::line(&l10n.msg_with(id, &args));
            Ok(())
        }
    };
    match command {
        SeriesCommand::Add(a) => add(store, l10n, a, json)?,
        SeriesCommand::Edit(a) => edit(store, l10n, a, json)?,
        SeriesCommand::List => list(store, l10n, json)?,
        SeriesCommand::Skip { id, date, reason } => {
            let s = cal.skip(*id, parse_date(date)?, reason.as_deref())?;
            said("series-skipped", &s, date, None)?;
        }
        SeriesCommand::Unskip { id, date } => {
            let s = cal.unskip(*id, parse_date(date)?)?;
            said("series-unskipped", &s, date, None)?;
        }
        SeriesCommand::Move { id, date, to } => {
            let s = cal.move_occurrence(*id, parse_date(date)?, parse_local_datetime(to)?)?;
            said("series-moved", &s, date, Some(("to", to.replace('T', " "))))?;
        }
        SeriesCommand::Fill { id, date } => {
            let renderer = crate::template::SandboxRenderer::new()?;
            let draft = cal.fill(*id, parse_date(date)?, l10n, Some(&renderer))?;
            if !json {
                out::line(&l10n.msg_with(
                    "series-filled",
                    &[
                        ("id", draft.id.to_string()),
                        ("title", draft.title.clone()),
                        ("date", date.clone()),
                    ],
                ));
            }
            // The draft itself, as `loa draft show` prints it.
            crate::draft::show(store, l10n, draft.id, json)?;
        }
        SeriesCommand::Delete { id } => {
            cal.delete(*id)?;
            out::line(&l10n.msg_with("series-deleted", &[("id", id.to_string())]));
        }
    }
    Ok(Outcome::Ok)
}

/// `loa draft plan ID [--date D [--time T]]`: a draft dragged onto a day, from the command line.
pub fn plan_draft(
    store: &Store,
    l10n: &Localizer,
    id: i64,
    date: Option<&str>,
    time: Option<&str>,
) -> Result<Outcome, LoaError> {
    let day = date.map(parse_date).transpose()?;
    let at = time.map(parse_time).transpose()?;
    store.calendar().plan_draft(id, day, at)?;
    out::line(&match date {
        Some(d) => l10n.msg_with(
            "series-draft-planned",
            &[
                ("id", id.to_string()),
                ("date", d.to_owned()),
                ("time", time.unwrap_or_default().to_owned()),
            ],
        ),
        None => l10n.msg_with("series-draft-unplanned", &[("id", id.to_string())]),
    });
    Ok(Outcome::Ok)
}
