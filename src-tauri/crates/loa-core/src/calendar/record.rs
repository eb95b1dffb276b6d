//! A section's record for the period reports (`by_series`): every occurrence computed around
//! the period, and when the draft filling it first went out. loa-report keeps those planned
//! inside the period and not skipped, and counts one on time when it went out no later than
//! `loa_report::ON_TIME_GRACE_MINUTES` after its (moved) time.

use chrono::{Duration, NaiveDate};
use loa_calendar::occurrences_between;
use loa_calendar::vntime::format_date;
use loa_report::SeriesOccurrence;
use rusqlite::{Connection, params};

use super::rows;
use crate::Result;
use crate::clock::parse_ts;

/// A moved occurrence may leave or enter the period: its rule date is looked for this many days
/// either side (loa-report then keeps what is planned inside).
const MOVE_MARGIN_DAYS: i64 = 31;

pub(crate) fn occurrences(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<SeriesOccurrence>> {
    let from = from - Duration::days(MOVE_MARGIN_DAYS);
    let to = to + Duration::days(MOVE_MARGIN_DAYS);
    let mut first_out = conn.prepare_cached(
        "SELECT MIN(o.published_at) FROM outbox o
         JOIN occurrence_drafts l ON l.draft_id = o.draft_id
         WHERE l.series_id = ?1 AND l.original_date = ?2 AND o.state = 'published'",
    )?;
    let mut out = Vec::new();
    for row in rows::load_all(conn)? {
        for occ in occurrences_between(&row.series, from, to)? {
            let published: Option<String> =
                first_out.query_row(params![row.id, format_date(occ.date())], |r| r.get(0))?;
            out.push(SeriesOccurrence {
                series_id: row.id,
                name: row.name.clone(),
                planned_at: occ.instant(),
                published_at: published.as_deref().and_then(parse_ts),
                skipped: occ.skipped,
            });
        }
    }
    Ok(out)
}
