//! The posting calendar as the officer uses it, over loa-calendar's pure engine:
//!
//! - sections (chuyên mục, "series"): name, weekdays and time, start and end, channels, an
//!   optional template with default values, an episode counter and a colour ([`rows`]);
//!   editing one adds a rule version at the clock's now, so only future occurrences change;
//! - one occurrence skipped (with a reason), restored, or moved to another Vietnam date and time;
//! - filling an occurrence makes a draft linked to it ([`fill`]);
//! - a draft dragged onto a day (`planned_date`, `planned_time`);
//! - the calendar of a range of days: occurrences with the state of their draft, planned
//!   drafts, posts per channel from the outbox, holidays, and the slots of the next 48 hours
//!   without a ready draft ([`plan`]);
//! - queueing from the plan: a draft that fills an occurrence is queued for the section's
//!   channels at the occurrence's time when it becomes ready, and re-timed when the occurrence
//!   moves ([`queue`]).
//!
//! Every date and time of day here is Vietnam time (UTC+7) whatever the laptop's zone: the
//! engine converts with a fixed offset and never asks the system.

mod fill;
mod plan;
mod queue;
pub(crate) mod record;
pub(crate) mod rows;

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use loa_calendar::vntime::{format_date, format_time, parse_date, parse_time};
use loa_calendar::{CalendarEntry, Colour, End, Rule, Series, Weekdays};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::clock::format_ts;
use crate::{Draft, LoaError, Localizer, OutboxItem, Result, Store, TemplateRenderer};
use rows::{SeriesHead, SeriesRow};

pub use queue::PlanSlot;

/// A section as the window and `loa series list --json` show it. Dates are `YYYY-MM-DD`,
/// the time `HH:MM`, both Vietnam time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SeriesView {
    pub id: i64,
    pub name: String,
    pub name_en: Option<String>,
    /// `mon` … `sun`, Monday first.
    pub weekdays: Vec<String>,
    pub time: String,
    pub from: String,
    pub until: Option<String>,
    pub count: Option<u32>,
    /// Channel ids.
    pub channels: Vec<i64>,
    /// A template id.
    pub template: Option<String>,
    /// Default values of the template's fields; `{episode}` in a value becomes the number.
    pub template_defaults: BTreeMap<String, String>,
    /// `#RRGGBB`.
    pub colour: String,
    pub first_episode: u32,
}

/// A new section (`id` null) or the new state of one; a missing colour takes the palette's
/// next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SeriesInput {
    pub id: Option<i64>,
    pub name: String,
    pub name_en: Option<String>,
    pub weekdays: Vec<String>,
    pub time: String,
    pub from: String,
    pub until: Option<String>,
    pub count: Option<u32>,
    pub channels: Vec<i64>,
    pub template: Option<String>,
    pub template_defaults: BTreeMap<String, String>,
    pub colour: Option<String>,
    pub first_episode: u32,
}

/// A range of days as the calendar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct CalendarView {
    pub entries: Vec<CalendarEntry>,
    /// The occurrences of the next 48 hours (from now, whatever the range) without a ready
    /// draft.
    pub empty_slots: Vec<EmptySlotView>,
}

/// One occurrence of the next 48 hours without a ready draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct EmptySlotView {
    pub series_id: i64,
    /// The occurrence's rule date (what skip, move and fill name it by).
    pub original_date: String,
    /// Where it is now (after a move), Vietnam time.
    pub date: String,
    pub time: String,
    /// "Thứ Sáu 19:00 — Chào mừng Đại hội: chưa có bài".
    pub text: String,
}

impl SeriesView {
    fn of(row: &SeriesRow) -> Self {
        let rule = row.rule();
        let (until, count) = match rule.end {
            End::Never => (None, None),
            End::Until { date } => (Some(format_date(date)), None),
            End::Count { count } => (None, Some(count)),
        };
        Self {
            id: row.id,
            name: row.name.clone(),
            name_en: row.name_en.clone(),
            weekdays: rule
                .weekdays
                .codes()
                .into_iter()
                .map(str::to_owned)
                .collect(),
            time: format_time(rule.time),
            from: format_date(rule.start),
            until,
            count,
            channels: row.channels.clone(),
            template: row.template_id.clone(),
            template_defaults: row.template_defaults.clone(),
            colour: row.colour.to_string(),
            first_episode: row.series.first_episode,
        }
    }
}

impl SeriesInput {
    /// The rule the officer typed, checked.
    fn rule(&self) -> Result<Rule> {
        let end = match (&self.until, self.count) {
            (Some(_), Some(_)) => {
                return Err(LoaError::InvalidValue {
                    field: "until".into(),
                    value: "until + count".into(),
                    allowed: "until | count".into(),
                });
            }
            (Some(d), None) => End::Until {
                date: parse_date(d)?,
            },
            (None, Some(count)) => End::Count { count },
            (None, None) => End::Never,
        };
        let rule = Rule {
            weekdays: Weekdays::parse(&self.weekdays.join(","))?,
            time: parse_time(&self.time)?,
            start: parse_date(&self.from)?,
            end,
        };
        rule.validate()?;
        Ok(rule)
    }
}

/// Recurring sections and the calendar, obtained with [`Store::calendar`].
#[derive(Debug, Clone, Copy)]
pub struct Calendar<'a> {
    pub(crate) store: &'a Store,
}

impl Calendar<'_> {
    /// Every live section, oldest first.
    pub fn list(&self) -> Result<Vec<SeriesView>> {
        let rows = self.store.read(rows::load_all)?;
        Ok(rows.iter().map(SeriesView::of).collect())
    }

    pub fn get(&self, id: i64) -> Result<SeriesView> {
        Ok(SeriesView::of(&self.store.read(|c| rows::load(c, id))?))
    }

    /// Adds a section, or changes one: a changed rule takes effect from now (earlier
    /// occurrences keep theirs), everything else at once.
    pub fn save(&self, input: &SeriesInput) -> Result<SeriesView> {
        let name = crate::text::nfc(input.name.trim());
        if name.is_empty() {
            return Err(LoaError::InvalidValue {
                field: "name".into(),
                value: String::new(),
                allowed: String::new(),
            });
        }
        let name_en = input
            .name_en
            .as_deref()
            .map(|n| crate::text::nfc(n.trim()))
            .filter(|n| !n.is_empty());
        let rule = input.rule()?;
        for channel in &input.channels {
            self.store.publishing().channel(*channel)?;
        }
        if let Some(t) = &input.template {
            self.store.templates().get(t)?;
        }
        let defaults: BTreeMap<String, String> = input
            .template_defaults
            .iter()
            .map(|(k, v)| (k.clone(), crate::text::nfc(v)))
            .collect();
        let id = self.store.write(|tx, now| {
            let colour = match &input.colour {
                Some(c) => Colour::parse(c)?,
                None => {
                    let n: i64 = tx.query_row("SELECT COUNT(*) FROM series", [], |r| r.get(0))?;
                    Colour::nth(usize::try_from(n).unwrap_or(0))
                }
            };
            let head = SeriesHead {
                name: &name,
                name_en: name_en.as_deref(),
                colour,
                template_id: input.template.as_deref(),
                template_defaults: &defaults,
                channels: &input.channels,
            };
            let (id, mut series) = match input.id {
                None => (rows::insert(tx, now, &head)?, Series::new(rule, now)?),
                Some(id) => {
                    let row = rows::load(tx, id)?;
                    rows::update_head(tx, now, id, &head)?;
                    let mut series = row.series.clone();
                    if row.rule() != rule {
                        series.edit(rule, now)?;
                    }
                    (id, series)
                }
            };
            if series.first_episode != input.first_episode.max(1) {
                series = series.with_first_episode(input.first_episode.max(1))?;
            }
            rows::write_schedule(tx, id, &series)?;
            Ok(id)
        })?;
        self.get(id)
    }

    /// Deletes a section: it leaves the calendar; the drafts it filled and their posts stay.
    pub fn delete(&self, id: i64) -> Result<()> {
        self.store.write(|tx, now| {
            rows::load(tx, id)?;
            tx.execute(
                "UPDATE series SET deleted_at = ?2 WHERE id = ?1",
                params![id, format_ts(now)],
            )?;
            Ok(())
        })
    }

    /// Skips the occurrence of `date` (its rule date), with the officer's reason.
    pub fn skip(&self, id: i64, date: NaiveDate, reason: Option<&str>) -> Result<SeriesView> {
        self.change(id, |s| Ok(s.skip(date, reason)?))
    }

    /// Undoes a skip or a move of the occurrence of `date`. A moved occurrence's queued posts
    /// go back to its rule time; a skipped one whose draft was made ready meanwhile (and so
    /// waited) is queued now.
    pub fn unskip(&self, id: i64, date: NaiveDate) -> Result<SeriesView> {
        let view = self.change(id, |s| {
            s.restore(date);
            Ok(())
        })?;
        queue::retime(self.store, id, date)?;
        if let Some(draft) = self.store.read(|c| rows::linked_draft(c, id, date))?
            && self.store.drafts().get(draft)?.status == crate::DraftStatus::Ready
        {
            self.queue_from_plan(draft)?;
        }
        Ok(view)
    }

    /// Moves the occurrence of `date` (its rule date) to `to`, Vietnam time; the posts of its
    /// draft that have not gone out yet follow it.
    pub fn move_occurrence(
        &self,
        id: i64,
        date: NaiveDate,
        to: NaiveDateTime,
    ) -> Result<SeriesView> {
        let view = self.change(id, |s| Ok(s.move_to(date, to)?))?;
        queue::retime(self.store, id, date)?;
        Ok(view)
    }

    fn change(&self, id: i64, f: impl FnOnce(&mut Series) -> Result<()>) -> Result<SeriesView> {
        self.store.write(|tx, now| {
            let mut row = rows::load(tx, id)?;
            f(&mut row.series)?;
            rows::write_schedule(tx, id, &row.series)?;
            tx.execute(
                "UPDATE series SET updated_at = ?2 WHERE id = ?1",
                params![id, format_ts(now)],
            )?;
            Ok(SeriesView::of(&row))
        })
    }

    /// Fills the occurrence of `date` with a new draft linked to it (see [`fill`]); an
    /// occurrence already filled with a live draft gives that draft.
    pub fn fill(
        &self,
        id: i64,
        date: NaiveDate,
        l10n: &Localizer,
        renderer: Option<&dyn TemplateRenderer>,
    ) -> Result<Draft> {
        fill::fill(self.store, id, date, l10n, renderer)
    }

    /// Plans a draft on a Vietnam day, at a time or not; `None` takes it off the calendar.
    pub fn plan_draft(
        &self,
        draft_id: i64,
        date: Option<NaiveDate>,
        time: Option<NaiveTime>,
    ) -> Result<()> {
        if let Some(d) = date {
            loa_calendar::vntime::check_date(d)?;
        }
        self.store.write(|tx, now| {
            crate::drafts::get(tx, draft_id)?;
            tx.execute(
                "UPDATE drafts SET planned_date = ?2, planned_time = ?3, updated_at = ?4
                 WHERE id = ?1",
                params![
                    draft_id,
                    date.map(format_date),
                    date.and(time).map(format_time),
                    format_ts(now)
                ],
            )?;
            Ok(())
        })
    }

    /// The calendar from `from` to `to` (both included), and the empty slots of the next 48
    /// hours, in `l10n`'s language.
    pub fn range(&self, from: NaiveDate, to: NaiveDate, l10n: &Localizer) -> Result<CalendarView> {
        let now = self.store.clock().now();
        self.store.read(|c| plan::view(c, now, from, to, l10n))
    }

    /// The occurrence draft `draft_id` fills, with its section's channels and time.
    pub fn slot_of_draft(&self, draft_id: i64) -> Result<Option<PlanSlot>> {
        queue::slot_of_draft(self.store, draft_id)
    }

    /// Queues a draft that fills an occurrence for its section's channels at the occurrence's
    /// time (now when that has passed); channels it is already queued for are left alone.
    /// Called when a draft becomes ready; returns the new outbox items.
    pub fn queue_from_plan(&self, draft_id: i64) -> Result<Vec<OutboxItem>> {
        queue::queue_from_plan(self.store, draft_id)
    }

    /// The data of the week plan of the week holding `day` (Monday to Sunday), as the JSON
    /// `assets/plans/week.typ` reads, and the files the layout needs.
    pub fn week_document(&self, day: NaiveDate, l10n: &Localizer) -> Result<WeekDocument> {
        plan::week_document(self.store, day, l10n)
    }
}

/// A week plan ready for the renderer: the layout, and the files it reads (the shared template
/// library and the data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekDocument {
    pub main: &'static str,
    pub files: BTreeMap<String, Vec<u8>>,
    /// The plan's title, "Lịch đăng tin tuần 14–20/7".
    pub title: String,
}
