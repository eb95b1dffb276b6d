//! Queueing from the plan. A draft that fills an occurrence goes to its section's channels at
//! the occurrence's time through the outbox's one way in ([`crate::Publishing::queue`], which
//! decides Facebook's own scheduling, 10 minutes to 30 days ahead); an occurrence whose time
//! has passed is queued for now. Moving the occurrence re-times the posts that have not gone
//! out yet ([`crate::publishing::outbox::retime`]).

use chrono::{DateTime, NaiveDate, Utc};
use loa_calendar::occurrence_of;
use serde::Serialize;

use super::rows;
use crate::{OutboxItem, OutboxState, Result, Store};

/// Where and when a draft that fills an occurrence goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanSlot {
    pub series_id: i64,
    pub original_date: NaiveDate,
    pub channels: Vec<i64>,
    /// The occurrence's time (after any move).
    pub at: DateTime<Utc>,
    pub skipped: bool,
}

impl PlanSlot {
    /// The time to queue for, seen from `now`: the occurrence's, or none (now) once it has
    /// passed.
    pub fn queue_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        queue_time(self.at, now)
    }
}

pub(crate) fn slot_of_draft(store: &Store, draft_id: i64) -> Result<Option<PlanSlot>> {
    store.read(|c| {
        let Some((series_id, date)) = rows::occurrence_of_draft(c, draft_id)? else {
            return Ok(None);
        };
        let row = rows::load(c, series_id)?;
        // A later edit of the rule may have taken the slot away: then there is no time to use.
        Ok(occurrence_of(&row.series, date).map(|occ| PlanSlot {
            series_id,
            original_date: date,
            channels: row.channels.clone(),
            at: occ.instant(),
            skipped: occ.skipped,
        }))
    })
}

/// The time to queue for: the occurrence's, or none (now) once it has passed.
pub(crate) fn queue_time(at: DateTime<Utc>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    (at > now).then_some(at)
}

pub(crate) fn queue_from_plan(store: &Store, draft_id: i64) -> Result<Vec<OutboxItem>> {
    let Some(slot) = slot_of_draft(store, draft_id)? else {
        return Ok(Vec::new());
    };
    // A skipped occurrence is not published: the ready draft waits for the officer.
    if slot.skipped {
        return Ok(Vec::new());
    }
    let publishing = store.publishing();
    let taken: Vec<i64> = publishing
        .outbox_for_draft(draft_id)?
        .into_iter()
        .filter(|i| i.state != OutboxState::Cancelled)
        .map(|i| i.channel_id)
        .collect();
    let at = slot.queue_at(store.clock().now());
    let mut out = Vec::new();
    for channel in slot.channels.iter().filter(|c| !taken.contains(c)) {
        out.push(publishing.queue(draft_id, *channel, at)?);
    }
    Ok(out)
}

/// After the occurrence of `date` moved (or came back): its draft's posts not sent yet take
/// the new time.
pub(crate) fn retime(store: &Store, series_id: i64, date: NaiveDate) -> Result<()> {
    let Some(draft_id) = store.read(|c| rows::linked_draft(c, series_id, date))? else {
        return Ok(());
    };
    let Some(slot) = slot_of_draft(store, draft_id)? else {
        return Ok(());
    };
    store.write(|tx, now| {
        crate::publishing::outbox::retime(tx, now, draft_id, queue_time(slot.at, now))
    })
}
