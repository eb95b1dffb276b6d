//! The calendar of a range of days, read from the tables: each section's occurrences with the
//! progress of the draft filling them, drafts planned on a day, the outbox's posts per channel,
//! holidays (loa-calendar merges and sorts them), and the empty-slot warnings.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use loa_calendar::vntime::{format_date, format_time, local_date, parse_date, parse_time};
use loa_calendar::week_plan::{DATA_PATH, LAYOUT, LIB_PATH};
use loa_calendar::{
    DraftProgress, LinkedDraft, PlannedDraft, PostInput, SectionInput, WARNING_HOURS,
    WeekPlanOptions, calendar, empty_slots, section_slots, week_plan,
};
use rusqlite::{Connection, params};

use super::rows::{self, SeriesRow};
use super::{CalendarView, EmptySlotView, WeekDocument};
use crate::clock::parse_ts;
use crate::{DraftStatus, Localizer, Result, Store};

/// A draft's status as the calendar counts it; archived drafts fill nothing.
pub(crate) fn progress(status: DraftStatus) -> Option<DraftProgress> {
    match status {
        DraftStatus::Draft => Some(DraftProgress::Draft),
        DraftStatus::Ready => Some(DraftProgress::Ready),
        DraftStatus::Queued => Some(DraftProgress::Queued),
        DraftStatus::Published => Some(DraftProgress::Published),
        DraftStatus::Archived => None,
    }
}

/// The drafts filling a section's occurrences; a trashed draft fills nothing (the slot shows
/// empty again).
fn links(conn: &Connection, series_id: i64) -> Result<Vec<LinkedDraft>> {
    let rows = conn
        .prepare_cached(
            "SELECT o.original_date, o.draft_id, d.title, d.status, d.deleted_at IS NOT NULL
             FROM occurrence_drafts o JOIN drafts d ON d.id = o.draft_id
             WHERE o.series_id = ?1",
        )?
        .query_map([series_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(date, draft_id, title, status, trashed)| {
            let status: DraftStatus = status.parse()?;
            Ok(LinkedDraft {
                date: parse_date(&date)?,
                draft_id,
                title,
                progress: if trashed { None } else { progress(status) },
            })
        })
        .collect()
}

fn planned(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<PlannedDraft>> {
    let rows = conn
        .prepare_cached(
            "SELECT id, title, planned_date, planned_time, status FROM drafts
             WHERE deleted_at IS NULL AND planned_date IS NOT NULL
               AND planned_date >= ?1 AND planned_date <= ?2
             ORDER BY planned_date, planned_time, id",
        )?
        .query_map(params![format_date(from), format_date(to)], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for (draft_id, title, date, time, status) in rows {
        let Some(progress) = progress(status.parse()?) else {
            continue;
        };
        out.push(PlannedDraft {
            draft_id,
            title,
            date: parse_date(&date)?,
            time: time.as_deref().map(parse_time).transpose()?,
            progress,
        });
    }
    Ok(out)
}

/// The outbox's posts around the range: published ones at their publication, the others at
/// the time asked for (or the next attempt, or when queued). Failed and unconfirmed items
/// still count as queued: they have not gone out and the outbox asks the officer about them.
fn posts(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<PostInput>> {
    // A day either side: the text of UTC instants is compared, the range is Vietnam days.
    let lo = crate::clock::format_ts(loa_calendar::vntime::day_start(from) - Duration::days(1));
    let hi = crate::clock::format_ts(loa_calendar::vntime::day_start(to) + Duration::days(2));
    let rows = conn
        .prepare_cached(
            "SELECT o.draft_id, o.title, c.name, o.state = 'published',
                    CASE WHEN o.state = 'published'
                         THEN COALESCE(o.published_at, o.updated_at)
                         ELSE COALESCE(o.scheduled_at, o.next_attempt_at, o.created_at) END AS at
             FROM outbox o JOIN channels c ON c.id = o.channel_id
             WHERE o.state <> 'cancelled' AND at >= ?1 AND at < ?2
             ORDER BY at, o.id",
        )?
        .query_map(params![lo, hi], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(draft_id, title, channel, published, at)| {
            Some(PostInput {
                draft_id,
                title,
                channel,
                at: parse_ts(&at)?,
                published,
            })
        })
        .collect())
}

/// Every live section with the drafts filling it.
fn sections(conn: &Connection) -> Result<Vec<(SeriesRow, Vec<LinkedDraft>)>> {
    rows::load_all(conn)?
        .into_iter()
        .map(|row| {
            let links = links(conn, row.id)?;
            Ok((row, links))
        })
        .collect()
}

fn inputs<'a>(
    sections: &'a [(SeriesRow, Vec<LinkedDraft>)],
    l10n: &Localizer,
) -> Vec<SectionInput<'a>> {
    sections
        .iter()
        .map(|(row, links)| SectionInput {
            id: row.id,
            name: row.name_in(l10n.lang()),
            colour: row.colour,
            series: &row.series,
            links,
        })
        .collect()
}

/// The slots from `now` to 48 hours later without a ready draft.
fn warnings(
    now: DateTime<Utc>,
    sections: &[SectionInput<'_>],
    l10n: &Localizer,
) -> Result<Vec<EmptySlotView>> {
    let from = local_date(now);
    let to = local_date(now + Duration::hours(WARNING_HOURS));
    let slots = section_slots(from, to, sections)?;
    Ok(empty_slots(&slots, now)
        .iter()
        .map(|s| EmptySlotView {
            series_id: s.series_id,
            original_date: format_date(s.date),
            date: format_date(s.at.date()),
            time: format_time(s.at.time()),
            text: s.text(l10n),
        })
        .collect())
}

pub(crate) fn view(
    conn: &Connection,
    now: DateTime<Utc>,
    from: NaiveDate,
    to: NaiveDate,
    l10n: &Localizer,
) -> Result<CalendarView> {
    loa_calendar::vntime::check_range(from, to)?;
    let sections = sections(conn)?;
    let inputs = inputs(&sections, l10n);
    let entries = calendar(
        from,
        to,
        &inputs,
        &planned(conn, from, to)?,
        &posts(conn, from, to)?,
        l10n,
    )?;
    Ok(CalendarView {
        entries,
        empty_slots: warnings(now, &inputs, l10n)?,
    })
}

pub(crate) fn week_document(
    store: &Store,
    day: NaiveDate,
    l10n: &Localizer,
) -> Result<WeekDocument> {
    let monday = loa_calendar::words::week_start(day);
    let sunday = monday + Duration::days(6);
    let now = store.clock().now();
    let view = store.read(|c| view(c, now, monday, sunday, l10n))?;
    let commune = store.profile().get()?.commune;
    let plan = week_plan(
        day,
        &view.entries,
        l10n,
        &WeekPlanOptions {
            issuer: Some(commune.as_str()).filter(|c| !c.trim().is_empty()),
            today: Some(local_date(now)),
        },
    )?;
    // The layout shares the built-in pack's library (colours, fonts, helpers).
    let lib = loa_templates::builtin()?
        .file("lib.typ")
        .map(<[u8]>::to_vec)
        .unwrap_or_default();
    Ok(WeekDocument {
        main: LAYOUT,
        files: BTreeMap::from([
            (LIB_PATH.to_owned(), lib),
            (DATA_PATH.to_owned(), plan.to_json().into_bytes()),
        ]),
        title: plan.text.title.clone(),
    })
}
