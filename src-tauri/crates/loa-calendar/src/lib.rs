//! # loa-calendar
//!
//! The pure heart of Loa's posting calendar: dates and decisions in, dates and decisions out.
//!
//! - [`vntime`]: Vietnam time (UTC+7, whatever the laptop's zone), RFC 3339 with the offset,
//!   parsing of what the officer types, bounded ranges.
//! - [`lunar`]: the Vietnamese lunar calendar (computed for 105°E), both ways, with leap months.
//! - [`holidays`]: Vietnamese holidays and commemoration days, solar and lunar.
//! - [`series`]: a section (chuyên mục) as data: rule versions, skips and moves, episodes.
//! - [`occurrences`]: the occurrences of a section in a range, computed, never stored.
//! - [`state`], [`warnings`]: the state of an occurrence from its draft, and the slots of the next
//!   48 hours without a ready draft.
//! - [`entries`]: one sorted calendar of occurrences, planned drafts, posts and holidays (the
//!   rows of `loa calendar --json`).
//! - [`week_plan`]: the data of the week's plan picture, read by `assets/plans/week.typ`.
//! - [`words`]: the [`words::Messages`] seam through which names and sentences come from
//!   `locales/*/calendar.ftl`.
//!
//! What it deliberately does not know: the database, the clock (every function that needs
//! "now" takes it), the system time zone, Fluent (the caller formats), Typst (loa-render draws
//! the plan), channels and publishing. Nothing here blocks, reads a file or allocates without a
//! bound set by its input.

pub mod colour;
pub mod entries;
pub mod error;
pub mod holidays;
pub mod lunar;
pub mod occurrences;
pub mod series;
pub mod state;
pub mod vntime;
pub mod warnings;
pub mod week_plan;
pub mod words;

#[cfg(test)]
mod testutil;

pub use colour::Colour;
pub use entries::{
    CalendarEntry, EntryKind, LinkedDraft, PlannedDraft, PostInput, SectionInput, calendar,
    section_slots,
};
pub use error::CalendarError;
pub use holidays::{Holiday, HolidayKind, holidays_between};
pub use lunar::{LunarCalendar, LunarDate, LunarMonth, LunarYear, lunar_to_solar, solar_to_lunar};
pub use occurrences::{Occurrence, occurrence_of, occurrences_between};
pub use series::{Change, End, Exception, Rule, RuleVersion, Series, Weekdays};
pub use state::{DraftProgress, SlotState, slot_state};
pub use warnings::{EmptySlot, SlotStatus, WARNING_HOURS, empty_slots};
pub use week_plan::{WeekPlan, WeekPlanOptions, week_plan};
pub use words::Messages;
