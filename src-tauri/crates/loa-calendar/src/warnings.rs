//! Empty-slot warnings: which occurrences come within the next 48 hours without a ready draft,
//! and the sentence of the notice ("Thứ Sáu 19:00 — Chào mừng Đại hội: chưa có bài").
//!
//! A pure decision: the caller passes the occurrences with their states (see
//! [`crate::entries::section_slots`]) and its clock's `now`.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;

use crate::occurrences::Occurrence;
use crate::state::SlotState;
use crate::vntime::{display_time, to_instant};
use crate::words::{Messages, weekday_id};

/// How far ahead an empty slot is announced.
pub const WARNING_HOURS: i64 = 48;

/// An occurrence of a section with its state: the input of the warnings and the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SlotStatus {
    /// The caller's id of the section.
    pub series_id: i64,
    pub series_name: String,
    pub occurrence: Occurrence,
    pub state: SlotState,
}

/// One slot that needs a ready draft soon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EmptySlot {
    pub series_id: i64,
    pub series_name: String,
    /// The occurrence's original date (its key, for "fill").
    pub date: NaiveDate,
    /// When it happens, Vietnam time.
    pub at: NaiveDateTime,
    pub episode: Option<u32>,
    /// `Empty` (no draft) or `Drafted` (a draft that is not ready).
    pub state: SlotState,
    /// Whole hours left (rounded down) from `now`.
    pub hours_left: i64,
}

impl EmptySlot {
    /// `calendar-empty-slot` ("…: chưa có bài") or `calendar-empty-slot-not-ready` ("…: bài chưa
    /// sẵn sàng").
    pub fn message_id(&self) -> &'static str {
        if self.state == SlotState::Drafted {
            "calendar-empty-slot-not-ready"
        } else {
            "calendar-empty-slot"
        }
    }

    /// The message's arguments: `day` (the weekday's name, from `messages`), `time` ("19:00"),
    /// `name` (the section), `date` ("1/8").
    pub fn args(&self, messages: &dyn Messages) -> Vec<(&'static str, String)> {
        vec![
            ("day", messages.text(weekday_id(self.at.weekday()))),
            ("time", display_time(self.at.time())),
            ("name", self.series_name.clone()),
            ("date", format!("{}/{}", self.at.day(), self.at.month())),
        ]
    }

    /// The notice's sentence in the language of `messages`.
    pub fn text(&self, messages: &dyn Messages) -> String {
        messages.message(self.message_id(), &self.args(messages))
    }
}

/// The slots whose time is from `now` to `now` + [`WARNING_HOURS`] and that have no ready draft,
/// soonest first. Skipped ones never warn; ones already past are not "coming".
pub fn empty_slots(slots: &[SlotStatus], now: DateTime<Utc>) -> Vec<EmptySlot> {
    let until = now + Duration::hours(WARNING_HOURS);
    let mut out: Vec<EmptySlot> = slots
        .iter()
        .filter(|s| s.state.needs_a_ready_draft() && !s.occurrence.skipped)
        .filter_map(|s| {
            let t = to_instant(s.occurrence.at);
            (now <= t && t < until).then(|| EmptySlot {
                series_id: s.series_id,
                series_name: s.series_name.clone(),
                date: s.occurrence.date(),
                at: s.occurrence.at,
                episode: s.occurrence.episode,
                state: s.state,
                hours_left: (t - now).num_hours(),
            })
        })
        .collect();
    out.sort_by_key(|s| (s.at, s.series_id, s.date));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vntime::parse_rfc3339;

    /// A slot at `h`:00 on `day` of July (from 28) or August (below 28), 2025.
    fn slot(id: i64, day: u32, h: u32, state: SlotState) -> SlotStatus {
        let month = if day >= 28 { 7 } else { 8 };
        let at = NaiveDate::from_ymd_opt(2025, month, day)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .expect("valid");
        SlotStatus {
            series_id: id,
            series_name: format!("Chuyên mục {id}"),
            occurrence: Occurrence {
                original: at,
                at,
                episode: (state != SlotState::Skipped).then_some(day),
                skipped: state == SlotState::Skipped,
                skip_reason: None,
                moved: false,
                version: 0,
            },
            state,
        }
    }

    #[test]
    fn within_48_hours_without_a_ready_draft() {
        // Wednesday 30 July 2025, 19:00 in Vietnam.
        let now = parse_rfc3339("2025-07-30T19:00:00+07:00").expect("valid");
        let slots = [
            slot(1, 1, 19, SlotState::Empty), // Friday 19:00: 48 h away, just outside
            slot(2, 1, 18, SlotState::Drafted), // Friday 18:00: 47 h, warn
            slot(3, 1, 8, SlotState::Ready),  // ready: quiet
            slot(4, 1, 9, SlotState::Skipped), // skipped: quiet
            slot(5, 1, 10, SlotState::Queued), // queued: quiet
            slot(6, 31, 7, SlotState::Empty), // Thursday 7:00: warn
            slot(7, 30, 18, SlotState::Empty), // an hour ago: not coming any more
            slot(8, 30, 19, SlotState::Empty), // now: warn
        ];
        let warned = empty_slots(&slots, now);
        let ids: Vec<i64> = warned.iter().map(|w| w.series_id).collect();
        assert_eq!(ids, [8, 6, 2]);
        assert_eq!(warned[2].hours_left, 47);
        assert_eq!(warned[0].hours_left, 0);
        assert_eq!(warned[2].message_id(), "calendar-empty-slot-not-ready");
        assert_eq!(warned[1].message_id(), "calendar-empty-slot");
    }

    struct Vi;
    impl Messages for Vi {
        fn lang(&self) -> &str {
            "vi"
        }
        fn message(&self, id: &str, args: &[(&str, String)]) -> String {
            let get = |k: &str| {
                args.iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            match id {
                "calendar-weekday-fri" => "Thứ Sáu".into(),
                "calendar-empty-slot" => {
                    format!(
                        "{} {} — {}: chưa có bài",
                        get("day"),
                        get("time"),
                        get("name")
                    )
                }
                other => other.into(),
            }
        }
    }

    #[test]
    fn the_notice_sentence() {
        let now = parse_rfc3339("2025-07-31T08:00:00+07:00").expect("valid");
        let mut s = slot(1, 1, 19, SlotState::Empty);
        s.series_name = "Chào mừng Đại hội".into();
        let w = &empty_slots(&[s], now)[0];
        assert_eq!(
            w.text(&Vi),
            "Thứ Sáu 19:00 — Chào mừng Đại hội: chưa có bài"
        );
    }
}
