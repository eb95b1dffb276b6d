//! A section as stored: its own row, its rule versions, exceptions and channels, read into
//! loa-calendar's [`Series`] and written back from it. The only place that knows the tables of
//! migration 0008.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use loa_calendar::vntime::{
    format_date, format_local_datetime, format_time, parse_date, parse_local_datetime, parse_time,
};
use loa_calendar::{Change, Colour, End, Exception, Rule, RuleVersion, Series, Weekdays};
use rusqlite::{Connection, OptionalExtension, params};

use crate::clock::{format_ts, parse_ts};
use crate::{LoaError, Result};

/// One section: what the officer named and chose, and its schedule.
#[derive(Debug, Clone)]
pub(crate) struct SeriesRow {
    pub id: i64,
    pub name: String,
    pub name_en: Option<String>,
    pub colour: Colour,
    pub template_id: Option<String>,
    pub template_defaults: BTreeMap<String, String>,
    pub channels: Vec<i64>,
    pub series: Series,
}

impl SeriesRow {
    /// The rule in force now (the newest version): what the officer edits.
    pub fn rule(&self) -> Rule {
        self.series.versions.last().map(|v| v.rule).unwrap_or(Rule {
            weekdays: Weekdays::NONE,
            time: chrono::NaiveTime::MIN,
            start: NaiveDate::MIN,
            end: End::Never,
        })
    }

    /// The name in `lang` (the English one when there is one).
    pub fn name_in(&self, lang: crate::Lang) -> &str {
        match (lang, &self.name_en) {
            (crate::Lang::En, Some(en)) if !en.trim().is_empty() => en,
            _ => &self.name,
        }
    }
}

fn bad_row(what: &str) -> LoaError {
    LoaError::Database(rusqlite::Error::InvalidColumnType(
        0,
        what.to_owned(),
        rusqlite::types::Type::Text,
    ))
}

/// A live section, or [`LoaError::SeriesNotFound`].
pub(crate) fn load(conn: &Connection, id: i64) -> Result<SeriesRow> {
    let head = conn
        .query_row(
            "SELECT id, name, name_en, colour, template_id, template_defaults, first_episode
             FROM series WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, u32>(6)?,
                ))
            },
        )
        .optional()?
        .ok_or(LoaError::SeriesNotFound { id })?;
    let (id, name, name_en, colour, template_id, defaults, first_episode) = head;
    let template_defaults: BTreeMap<String, String> =
        serde_json::from_str(&defaults).map_err(|_| bad_row("series.template_defaults"))?;
    let channels = conn
        .prepare_cached(
            "SELECT channel_id FROM series_channels WHERE series_id = ?1 ORDER BY channel_id",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(SeriesRow {
        id,
        name,
        name_en,
        colour: Colour::parse(&colour)?,
        template_id,
        template_defaults,
        channels,
        series: Series {
            versions: versions(conn, id)?,
            exceptions: exceptions(conn, id)?,
            first_episode,
        },
    })
}

/// Every live section, oldest first.
pub(crate) fn load_all(conn: &Connection) -> Result<Vec<SeriesRow>> {
    let ids = conn
        .prepare_cached("SELECT id FROM series WHERE deleted_at IS NULL ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    ids.into_iter().map(|id| load(conn, id)).collect()
}

fn versions(conn: &Connection, id: i64) -> Result<Vec<RuleVersion>> {
    let rows = conn
        .prepare_cached(
            "SELECT effective_from, weekdays, time, start_date, until_date, count
             FROM series_versions WHERE series_id = ?1",
        )?
        .query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<u32>>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (from, days, time, start, until, count) in rows {
        let end = match (until, count) {
            (Some(d), _) => End::Until {
                date: parse_date(&d)?,
            },
            (None, Some(count)) => End::Count { count },
            (None, None) => End::Never,
        };
        out.push(RuleVersion {
            effective_from: parse_ts(&from).ok_or_else(|| bad_row("effective_from"))?,
            rule: Rule {
                weekdays: Weekdays::parse(&days)?,
                time: parse_time(&time)?,
                start: parse_date(&start)?,
                end,
            },
        });
    }
    // Oldest first, as loa-calendar reads them (the text of two instants may differ in form).
    out.sort_by_key(|v| v.effective_from);
    Ok(out)
}

fn exceptions(conn: &Connection, id: i64) -> Result<Vec<Exception>> {
    let rows = conn
        .prepare_cached(
            "SELECT original_date, kind, reason, moved_to FROM series_exceptions
             WHERE series_id = ?1 ORDER BY original_date",
        )?
        .query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (date, kind, reason, moved_to) in rows {
        let change = match (kind.as_str(), moved_to) {
            ("move", Some(to)) => Change::Move {
                to: parse_local_datetime(&to)?,
            },
            ("skip", _) => Change::Skip { reason },
            _ => return Err(bad_row("series_exceptions.kind")),
        };
        out.push(Exception {
            date: parse_date(&date)?,
            change,
        });
    }
    Ok(out)
}

/// What the officer chose for a section, apart from its schedule.
#[derive(Debug, Clone)]
pub(crate) struct SeriesHead<'a> {
    pub name: &'a str,
    pub name_en: Option<&'a str>,
    pub colour: Colour,
    pub template_id: Option<&'a str>,
    pub template_defaults: &'a BTreeMap<String, String>,
    pub channels: &'a [i64],
}

/// Adds a section; its schedule is written by [`write_schedule`].
pub(crate) fn insert(conn: &Connection, now: DateTime<Utc>, head: &SeriesHead<'_>) -> Result<i64> {
    let ts = format_ts(now);
    conn.execute(
        "INSERT INTO series (name, colour, template_defaults, created_at, updated_at)
         VALUES (?1, ?2, '{}', ?3, ?3)",
        params![head.name, head.colour.to_string(), ts],
    )?;
    let id = conn.last_insert_rowid();
    update_head(conn, now, id, head)?;
    Ok(id)
}

pub(crate) fn update_head(
    conn: &Connection,
    now: DateTime<Utc>,
    id: i64,
    head: &SeriesHead<'_>,
) -> Result<()> {
    let defaults =
        serde_json::to_string(head.template_defaults).map_err(|_| bad_row("template_defaults"))?;
    conn.execute(
        "UPDATE series SET name = ?2, name_en = ?3, colour = ?4, template_id = ?5,
             template_defaults = ?6, updated_at = ?7
         WHERE id = ?1",
        params![
            id,
            head.name,
            head.name_en,
            head.colour.to_string(),
            head.template_id,
            defaults,
            format_ts(now)
        ],
    )?;
    conn.execute("DELETE FROM series_channels WHERE series_id = ?1", [id])?;
    for channel in head.channels {
        conn.execute(
            "INSERT OR IGNORE INTO series_channels (series_id, channel_id) VALUES (?1, ?2)",
            params![id, channel],
        )?;
    }
    Ok(())
}

/// Replaces the stored schedule by `series` (versions, exceptions, first episode).
pub(crate) fn write_schedule(conn: &Connection, id: i64, series: &Series) -> Result<()> {
    conn.execute(
        "UPDATE series SET first_episode = ?2 WHERE id = ?1",
        params![id, series.first_episode],
    )?;
    conn.execute("DELETE FROM series_versions WHERE series_id = ?1", [id])?;
    for v in &series.versions {
        let (until, count) = match v.rule.end {
            End::Never => (None, None),
            End::Until { date } => (Some(format_date(date)), None),
            End::Count { count } => (None, Some(count)),
        };
        conn.execute(
            "INSERT INTO series_versions
                 (series_id, effective_from, weekdays, time, start_date, until_date, count)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                format_ts(v.effective_from),
                v.rule.weekdays.codes().join(","),
                format_time(v.rule.time),
                format_date(v.rule.start),
                until,
                count
            ],
        )?;
    }
    conn.execute("DELETE FROM series_exceptions WHERE series_id = ?1", [id])?;
    for e in &series.exceptions {
        let (kind, reason, moved_to) = match &e.change {
            Change::Skip { reason } => ("skip", reason.clone(), None),
            Change::Move { to } => ("move", None, Some(format_local_datetime(*to))),
        };
        conn.execute(
            "INSERT OR REPLACE INTO series_exceptions
                 (series_id, original_date, kind, reason, moved_to)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, format_date(e.date), kind, reason, moved_to],
        )?;
    }
    Ok(())
}

/// The draft linked to the occurrence of `date`, if any.
pub(crate) fn linked_draft(conn: &Connection, id: i64, date: NaiveDate) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT draft_id FROM occurrence_drafts WHERE series_id = ?1 AND original_date = ?2",
            params![id, format_date(date)],
            |r| r.get(0),
        )
        .optional()?)
}

/// The occurrence a draft fills: (section, original date).
pub(crate) fn occurrence_of_draft(
    conn: &Connection,
    draft_id: i64,
) -> Result<Option<(i64, NaiveDate)>> {
    let row: Option<(i64, String)> = conn
        .query_row(
            "SELECT o.series_id, o.original_date FROM occurrence_drafts o
             JOIN series s ON s.id = o.series_id AND s.deleted_at IS NULL
             WHERE o.draft_id = ?1",
            [draft_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    row.map(|(id, d)| Ok((id, parse_date(&d)?))).transpose()
}

/// Links `draft_id` to the occurrence of `date` (replacing a link to a draft since trashed).
pub(crate) fn link(conn: &Connection, id: i64, date: NaiveDate, draft_id: i64) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO occurrence_drafts (series_id, original_date, draft_id)
         VALUES (?1, ?2, ?3)",
        params![id, format_date(date), draft_id],
    )?;
    Ok(())
}
