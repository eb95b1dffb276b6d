//! The calendar of a range of days: occurrences of sections with their states, drafts planned
//! on a day, posts queued or published per channel, and holidays, as one sorted list of
//! [`CalendarEntry`] — the rows of `loa calendar --json` and of the calendar view.
//!
//! The caller (the core) reads the sections, the links between occurrences and drafts, the
//! planned drafts and the outbox from its database and passes them in; nothing here stores or
//! reads anything.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Serialize, Serializer};

use crate::colour::Colour;
use crate::error::CalendarError;
use crate::holidays::{HolidayKind, holidays_between};
use crate::lunar::LunarDate;
use crate::occurrences::occurrences_between;
use crate::series::Series;
use crate::state::{DraftProgress, SlotState, slot_state};
use crate::vntime::{check_range, format_time, to_local};
use crate::warnings::SlotStatus;
use crate::words::Messages;

/// A section as the calendar needs it.
#[derive(Debug, Clone, Copy)]
pub struct SectionInput<'a> {
    /// The caller's id of the section.
    pub id: i64,
    pub name: &'a str,
    pub colour: Colour,
    pub series: &'a Series,
    /// The drafts linked to its occurrences.
    pub links: &'a [LinkedDraft],
}

/// A draft linked to one occurrence (by the occurrence's original date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedDraft {
    pub date: NaiveDate,
    pub draft_id: i64,
    pub title: String,
    /// None for an archived or deleted draft (the slot is empty again).
    pub progress: Option<DraftProgress>,
}

/// A draft planned on a day (dragged onto the calendar), not linked to an occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedDraft {
    pub draft_id: i64,
    pub title: String,
    /// Vietnam date.
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub progress: DraftProgress,
}

/// One outbox row: a post for one channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostInput {
    pub draft_id: i64,
    pub title: String,
    /// The channel's name ("Trang xã").
    pub channel: String,
    /// When it went out, or when it is scheduled.
    pub at: DateTime<Utc>,
    pub published: bool,
}

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Holiday,
    Occurrence,
    Draft,
    Post,
}

/// One row of the calendar. The first ten fields are the contract of `loa calendar --json`;
/// the rest help the window and the week plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CalendarEntry {
    pub kind: EntryKind,
    /// Vietnam date.
    pub date: NaiveDate,
    /// "HH:MM", Vietnam time; none for holidays and drafts planned without a time.
    #[serde(serialize_with = "hh_mm")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub time: Option<NaiveTime>,
    pub series_id: Option<i64>,
    pub episode: Option<u32>,
    /// For occurrences: empty, drafted, ready, queued, published, skipped. For drafts and posts:
    /// how far they have come.
    pub state: Option<SlotState>,
    pub draft_id: Option<i64>,
    /// The draft's title.
    pub title: Option<String>,
    /// The holiday's name.
    pub name: Option<String>,
    /// A holiday of the lunar calendar.
    pub lunar: bool,
    pub series_name: Option<String>,
    pub colour: Option<Colour>,
    /// The channel of a post.
    pub channel: Option<String>,
    /// An occurrence's original date (the key to skip, move or fill it).
    pub original_date: Option<NaiveDate>,
    pub moved: bool,
    pub skip_reason: Option<String>,
    pub holiday_id: Option<&'static str>,
    pub holiday_kind: Option<HolidayKind>,
    pub day_off: bool,
    pub lunar_date: Option<LunarDate>,
    /// Years since the event a holiday remembers.
    pub anniversary: Option<u32>,
}

fn hh_mm<S: Serializer>(t: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_some(&format_time(*t)),
        None => s.serialize_none(),
    }
}

impl CalendarEntry {
    fn new(kind: EntryKind, date: NaiveDate) -> Self {
        Self {
            kind,
            date,
            time: None,
            series_id: None,
            episode: None,
            state: None,
            draft_id: None,
            title: None,
            name: None,
            lunar: false,
            series_name: None,
            colour: None,
            channel: None,
            original_date: None,
            moved: false,
            skip_reason: None,
            holiday_id: None,
            holiday_kind: None,
            day_off: false,
            lunar_date: None,
            anniversary: None,
        }
    }
}

/// The occurrences of `sections` that happen from `from` to `to`, each with its state: the
/// input of [`crate::warnings::empty_slots`] and of [`calendar`].
pub fn section_slots(
    from: NaiveDate,
    to: NaiveDate,
    sections: &[SectionInput<'_>],
) -> Result<Vec<SlotStatus>, CalendarError> {
    let mut out = Vec::new();
    for section in sections {
        for occurrence in occurrences_between(section.series, from, to)? {
            let link = section.links.iter().find(|l| l.date == occurrence.date());
            let state = slot_state(&occurrence, link.and_then(|l| l.progress));
            out.push(SlotStatus {
                series_id: section.id,
                series_name: section.name.to_owned(),
                occurrence,
                state,
            });
        }
    }
    out.sort_by_key(|s| (s.occurrence.at, s.series_id));
    Ok(out)
}

/// Every entry from `from` to `to` (Vietnam dates, both included): holidays first on each day,
/// then by time (untimed drafts after the timed ones), occurrences before drafts before posts
/// at the same minute. A planned draft that is also linked to an occurrence shows once, as the
/// occurrence.
pub fn calendar(
    from: NaiveDate,
    to: NaiveDate,
    sections: &[SectionInput<'_>],
    drafts: &[PlannedDraft],
    posts: &[PostInput],
    messages: &dyn Messages,
) -> Result<Vec<CalendarEntry>, CalendarError> {
    check_range(from, to)?;
    let mut out = Vec::new();
    for h in holidays_between(from, to)? {
        let mut e = CalendarEntry::new(EntryKind::Holiday, h.date);
        e.name = Some(h.name(messages));
        e.lunar = h.lunar;
        e.holiday_id = Some(h.id);
        e.holiday_kind = Some(h.kind);
        e.day_off = h.day_off;
        e.lunar_date = h.lunar_date;
        e.anniversary = h.anniversary;
        out.push(e);
    }
    let mut linked: BTreeSet<i64> = BTreeSet::new();
    for section in sections {
        linked.extend(
            section
                .links
                .iter()
                .filter(|l| l.progress.is_some())
                .map(|l| l.draft_id),
        );
    }
    for slot in section_slots(from, to, sections)? {
        let section = sections.iter().find(|s| s.id == slot.series_id);
        let link = section.and_then(|s| {
            s.links
                .iter()
                .find(|l| l.date == slot.occurrence.date() && l.progress.is_some())
        });
        let occ = &slot.occurrence;
        let mut e = CalendarEntry::new(EntryKind::Occurrence, occ.at.date());
        e.time = Some(occ.at.time());
        e.series_id = Some(slot.series_id);
        e.episode = occ.episode;
        e.state = Some(slot.state);
        e.draft_id = link.map(|l| l.draft_id);
        e.title = link.map(|l| l.title.clone());
        e.series_name = Some(slot.series_name.clone());
        e.colour = section.map(|s| s.colour);
        e.original_date = Some(occ.date());
        e.moved = occ.moved;
        e.skip_reason = occ.skip_reason.clone();
        out.push(e);
    }
    for d in drafts {
        if linked.contains(&d.draft_id) || d.date < from || d.date > to {
            continue;
        }
        let mut e = CalendarEntry::new(EntryKind::Draft, d.date);
        e.time = d.time;
        e.state = Some(d.progress.state());
        e.draft_id = Some(d.draft_id);
        e.title = Some(d.title.clone());
        out.push(e);
    }
    for p in posts {
        let local = to_local(p.at);
        if local.date() < from || local.date() > to {
            continue;
        }
        let mut e = CalendarEntry::new(EntryKind::Post, local.date());
        e.time = Some(local.time());
        e.state = Some(if p.published {
            SlotState::Published
        } else {
            SlotState::Queued
        });
        e.draft_id = Some(p.draft_id);
        e.title = Some(p.title.clone());
        e.channel = Some(p.channel.clone());
        out.push(e);
    }
    // Untimed entries of a day sort after its timed ones, holidays before everything.
    out.sort_by_key(|e| {
        (
            e.date,
            e.kind != EntryKind::Holiday,
            e.time.is_none(),
            e.time,
            e.kind,
        )
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::{End, Rule, Weekdays};
    use crate::testutil::{d, t};
    use crate::vntime::{parse_rfc3339, to_instant};
    use chrono::Weekday;

    struct Ids;
    impl Messages for Ids {
        fn lang(&self) -> &str {
            "vi"
        }
        fn message(&self, id: &str, _: &[(&str, String)]) -> String {
            id.to_owned()
        }
    }

    fn series() -> Series {
        let rule = Rule {
            weekdays: Weekdays::of(&[Weekday::Tue, Weekday::Fri]),
            time: t(19, 0),
            start: d(2025, 7, 29),
            end: End::Never,
        };
        let created = to_instant(d(2025, 7, 20).and_time(t(9, 0)));
        Series::new(rule, created).expect("valid")
    }

    #[test]
    fn a_week_of_everything_sorted_by_day_and_time() {
        let s = series();
        let links = [LinkedDraft {
            date: d(2025, 8, 29),
            draft_id: 7,
            title: "Kỳ 10: Đại hội Đảng bộ xã".into(),
            progress: Some(DraftProgress::Ready),
        }];
        let sections = [SectionInput {
            id: 1,
            name: "Chào mừng Đại hội",
            colour: Colour::nth(0),
            series: &s,
            links: &links,
        }];
        let drafts = [
            PlannedDraft {
                draft_id: 9,
                title: "Lịch cắt điện".into(),
                date: d(2025, 9, 1),
                time: None,
                progress: DraftProgress::Draft,
            },
            PlannedDraft {
                draft_id: 7,
                title: "shown as the occurrence".into(),
                date: d(2025, 8, 29),
                time: Some(t(19, 0)),
                progress: DraftProgress::Ready,
            },
        ];
        let posts = [PostInput {
            draft_id: 5,
            title: "Thông báo tiêm chủng".into(),
            channel: "Trang xã".into(),
            at: parse_rfc3339("2025-09-01T01:30:00Z").expect("valid"),
            published: true,
        }];
        let entries = calendar(
            d(2025, 8, 25),
            d(2025, 8, 31)
                .succ_opt()
                .expect("valid")
                .succ_opt()
                .expect("valid"),
            &sections,
            &drafts,
            &posts,
            &Ids,
        )
        .expect("valid range");
        let summary: Vec<(NaiveDate, EntryKind, Option<SlotState>)> =
            entries.iter().map(|e| (e.date, e.kind, e.state)).collect();
        assert_eq!(
            summary,
            [
                (
                    d(2025, 8, 26),
                    EntryKind::Occurrence,
                    Some(SlotState::Empty)
                ),
                (
                    d(2025, 8, 29),
                    EntryKind::Occurrence,
                    Some(SlotState::Ready)
                ),
                (d(2025, 9, 1), EntryKind::Post, Some(SlotState::Published)),
                (d(2025, 9, 1), EntryKind::Draft, Some(SlotState::Drafted)),
                (d(2025, 9, 2), EntryKind::Holiday, None),
                (d(2025, 9, 2), EntryKind::Occurrence, Some(SlotState::Empty)),
            ]
        );
        let ready = &entries[1];
        assert_eq!((ready.episode, ready.draft_id), (Some(10), Some(7)));
        assert_eq!(ready.title.as_deref(), Some("Kỳ 10: Đại hội Đảng bộ xã"));
        let post = &entries[2];
        assert_eq!(post.time, Some(t(8, 30)), "01:30 UTC is 08:30 in Vietnam");
        let json = serde_json::to_value(&entries[4]).expect("serialises");
        assert_eq!(json["kind"], "holiday");
        assert_eq!(json["date"], "2025-09-02");
        assert_eq!(json["time"], serde_json::Value::Null);
        assert_eq!(json["name"], "holiday-national-day");
        assert_eq!(json["lunar"], false);
        let occ = serde_json::to_value(&entries[5]).expect("serialises");
        assert_eq!(occ["time"], "19:00");
        assert_eq!(occ["state"], "empty");
        assert_eq!(occ["series_id"], 1);
        assert_eq!(occ["colour"], "#C8102E");
    }
}
