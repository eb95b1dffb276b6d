//! A section (chuyên mục, "series") as pure data: when it runs, how its rule changed over time,
//! and what the officer did to single occurrences. [`crate::occurrences`] turns it into dates.
//!
//! - A [`Rule`] says weekdays, a Vietnam-time of day, a start date and an [`End`].
//! - Editing a section adds a [`RuleVersion`] effective from the moment of the edit: a slot whose
//!   original time is before that moment keeps the old rule, later ones follow the new one
//!   ("editing changes future occurrences only"). The first version reaches back to the start.
//! - An [`Exception`] is keyed by the original date of one occurrence: skip it (with a reason)
//!   or move it to another Vietnam date and time.
//! - Episodes ("Kỳ 12") count the occurrences that are not skipped, in the order of their
//!   original slots, from `first_episode`. A skipped slot takes no number: the next episode
//!   keeps counting. A moved occurrence keeps its number. `End::Count(n)` means n episodes:
//!   skipped slots are not counted, so each skip adds a slot at the end.
//!
//! The section's name, colour, channels and template live with the caller (they are not part
//! of the schedule).

use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{CalendarError, echo};
use crate::vntime::{INPUT_MAX, check_date, format_date};
use crate::words::WEEK;

/// A count of episodes above this is refused (a daily section for 27 years).
pub const MAX_COUNT: u32 = 10_000;
/// The first episode number is at most this.
pub const MAX_FIRST_EPISODE: u32 = 100_000;
/// Rule versions beyond this many are refused when editing (each edit adds one).
pub const MAX_VERSIONS: usize = 200;
/// Reasons for skipping are cut to this many characters.
pub const REASON_MAX: usize = 500;

/// The codes of the days, in the order of [`WEEK`] (the command line's `--weekdays mon,tue`).
const CODES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A set of weekdays, Monday first.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Weekdays(u8);

impl Weekdays {
    pub const NONE: Weekdays = Weekdays(0);

    pub fn of(days: &[Weekday]) -> Self {
        days.iter().fold(Self::NONE, |set, &d| set.with(d))
    }

    #[must_use]
    pub fn with(self, day: Weekday) -> Self {
        Weekdays(self.0 | 1 << day.num_days_from_monday())
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The days, Monday first.
    pub fn iter(self) -> impl Iterator<Item = Weekday> {
        WEEK.into_iter().filter(move |&d| self.contains(d))
    }

    /// The codes, Monday first: `["tue", "fri"]`.
    pub fn codes(self) -> Vec<&'static str> {
        CODES
            .iter()
            .zip(WEEK)
            .filter(|&(_, d)| self.contains(d))
            .map(|(&c, _)| c)
            .collect()
    }

    /// "tue,fri" as typed on the command line (any case, spaces allowed, repeats ignored).
    pub fn parse(input: &str) -> Result<Self, CalendarError> {
        if input.len() > INPUT_MAX {
            return Err(CalendarError::BadWeekday { input: echo(input) });
        }
        let mut set = Self::NONE;
        for part in input.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            set = set.with(weekday_code(part)?);
        }
        if set.is_empty() {
            return Err(CalendarError::NoWeekdays);
        }
        Ok(set)
    }
}

/// The weekday of a code: `mon` … `sun`.
pub fn weekday_code(code: &str) -> Result<Weekday, CalendarError> {
    let lower = code.trim().to_ascii_lowercase();
    CODES
        .iter()
        .zip(WEEK)
        .find(|&(c, _)| *c == lower)
        .map(|(_, d)| d)
        .ok_or_else(|| CalendarError::BadWeekday { input: echo(code) })
}

impl fmt::Debug for Weekdays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Weekdays({})", self.codes().join(","))
    }
}

impl Serialize for Weekdays {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.codes().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Weekdays {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let codes = Vec::<String>::deserialize(d)?;
        codes.iter().try_fold(Self::NONE, |set, c| {
            weekday_code(c)
                .map(|day| set.with(day))
                .map_err(serde::de::Error::custom)
        })
    }
}

#[cfg(feature = "specta")]
impl specta::Type for Weekdays {
    fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
        <Vec<String> as specta::Type>::definition(types)
    }
}

/// When a section stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum End {
    /// Runs until the officer edits it.
    Never,
    /// The last date a slot can have (included).
    Until { date: NaiveDate },
    /// This many episodes (skipped slots do not count).
    Count { count: u32 },
}

/// When a section's slots are: weekdays at one Vietnam time, from a date, until its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Rule {
    pub weekdays: Weekdays,
    /// Vietnam time of day.
    pub time: NaiveTime,
    /// The first date a slot can have.
    pub start: NaiveDate,
    pub end: End,
}

impl Rule {
    /// Checks what the officer typed: at least one weekday, dates Loa plans for, an end after
    /// the start, a count between 1 and [`MAX_COUNT`].
    pub fn validate(&self) -> Result<(), CalendarError> {
        if self.weekdays.is_empty() {
            return Err(CalendarError::NoWeekdays);
        }
        check_date(self.start)?;
        match self.end {
            End::Never => {}
            End::Until { date } => {
                check_date(date)?;
                if date < self.start {
                    return Err(CalendarError::EndsBeforeStart {
                        start: format_date(self.start),
                        until: format_date(date),
                    });
                }
            }
            End::Count { count } => {
                if !(1..=MAX_COUNT).contains(&count) {
                    return Err(CalendarError::BadCount {
                        count: u64::from(count),
                        max: MAX_COUNT,
                    });
                }
            }
        }
        Ok(())
    }
}

/// A rule and the moment it took effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RuleVersion {
    /// Slots whose original time is at or after this moment follow this rule (until the next
    /// version). Ignored for the first version, which reaches back to its start.
    pub effective_from: DateTime<Utc>,
    pub rule: Rule,
}

/// What happens to one occurrence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    Skip {
        reason: Option<String>,
    },
    /// To another Vietnam date and time.
    Move {
        to: NaiveDateTime,
    },
}

/// A change to the occurrence whose original slot is on `date`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Exception {
    /// The original (rule) date of the occurrence, Vietnam time.
    pub date: NaiveDate,
    pub change: Change,
}

/// A section's schedule: its rule versions (oldest first), its exceptions and the number of its
/// first episode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Series {
    pub versions: Vec<RuleVersion>,
    pub exceptions: Vec<Exception>,
    /// The episode number of the first occurrence that is not skipped (1 unless the section
    /// continues a numbering begun on paper).
    pub first_episode: u32,
}

impl Series {
    /// A new section, created at `now`.
    pub fn new(rule: Rule, now: DateTime<Utc>) -> Result<Self, CalendarError> {
        rule.validate()?;
        Ok(Self {
            versions: vec![RuleVersion {
                effective_from: now,
                rule,
            }],
            exceptions: Vec::new(),
            first_episode: 1,
        })
    }

    /// Starts the numbering at `first` ("Kỳ 12" when eleven were published before Loa).
    pub fn with_first_episode(mut self, first: u32) -> Result<Self, CalendarError> {
        if !(1..=MAX_FIRST_EPISODE).contains(&first) {
            return Err(CalendarError::BadFirstEpisode {
                first: u64::from(first),
                max: MAX_FIRST_EPISODE,
            });
        }
        self.first_episode = first;
        Ok(self)
    }

    /// Edits the rule at `now`: occurrences from `now` on follow `rule`, earlier ones keep theirs.
    /// A version that was to take effect at or after `now` (an edit made "in the future" by a
    /// clock that went back) is replaced.
    pub fn edit(&mut self, rule: Rule, now: DateTime<Utc>) -> Result<(), CalendarError> {
        rule.validate()?;
        self.versions.retain(|v| v.effective_from < now);
        if self.versions.len() >= MAX_VERSIONS {
            return Err(CalendarError::TooManyEdits { max: MAX_VERSIONS });
        }
        // With nothing left before `now` the new rule is the first, and reaches back to its start.
        self.versions.push(RuleVersion {
            effective_from: now,
            rule,
        });
        Ok(())
    }

    /// Skips the occurrence of `date` (its original date). Errors when no occurrence is there.
    pub fn skip(&mut self, date: NaiveDate, reason: Option<&str>) -> Result<(), CalendarError> {
        self.require_occurrence(date)?;
        let reason = reason
            .map(|r| r.trim().chars().take(REASON_MAX).collect::<String>())
            .filter(|r| !r.is_empty());
        self.set_exception(date, Change::Skip { reason });
        Ok(())
    }

    /// Moves the occurrence of `date` (its original date) to `to`, Vietnam time.
    pub fn move_to(&mut self, date: NaiveDate, to: NaiveDateTime) -> Result<(), CalendarError> {
        check_date(to.date())?;
        self.require_occurrence(date)?;
        self.set_exception(date, Change::Move { to });
        Ok(())
    }

    /// Undoes a skip or a move. Returns whether there was one.
    pub fn restore(&mut self, date: NaiveDate) -> bool {
        let before = self.exceptions.len();
        self.exceptions.retain(|e| e.date != date);
        before != self.exceptions.len()
    }

    /// The change recorded for the occurrence of `date`, if any.
    pub fn exception(&self, date: NaiveDate) -> Option<&Change> {
        self.exceptions
            .iter()
            .rev()
            .find(|e| e.date == date)
            .map(|e| &e.change)
    }

    fn set_exception(&mut self, date: NaiveDate, change: Change) {
        self.exceptions.retain(|e| e.date != date);
        self.exceptions.push(Exception { date, change });
    }

    fn require_occurrence(&self, date: NaiveDate) -> Result<(), CalendarError> {
        crate::occurrences::occurrence_of(self, date)
            .map(|_| ())
            .ok_or_else(|| CalendarError::NotAnOccurrence {
                date: format_date(date),
            })
    }

    /// The dates that have an exception but no occurrence any more (after an edit changed the
    /// weekdays, say): the caller may show or clean them.
    pub fn orphan_exceptions(&self) -> Vec<NaiveDate> {
        let dates: BTreeSet<NaiveDate> = self.exceptions.iter().map(|e| e.date).collect();
        dates
            .into_iter()
            .filter(|&d| crate::occurrences::occurrence_of(self, d).is_none())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{at, d, t};
    use crate::vntime::to_instant;

    fn rule() -> Rule {
        Rule {
            weekdays: Weekdays::of(&[Weekday::Tue, Weekday::Fri]),
            time: t(19, 0),
            start: d(2025, 7, 29),
            end: End::Never,
        }
    }

    #[test]
    fn weekdays_parse_print_and_serialise() {
        let w = Weekdays::parse("Fri, tue,,TUE").expect("valid");
        assert_eq!(w.codes(), ["tue", "fri"]);
        assert_eq!(w.len(), 2);
        assert_eq!(w.iter().collect::<Vec<_>>(), [Weekday::Tue, Weekday::Fri]);
        assert_eq!(serde_json::to_string(&w).expect("json"), r#"["tue","fri"]"#);
        let back: Weekdays = serde_json::from_str(r#"["tue","fri"]"#).expect("json");
        assert_eq!(back, w);
        assert!(serde_json::from_str::<Weekdays>(r#"["tuesday"]"#).is_err());
        assert_eq!(Weekdays::parse("").expect_err("none").code(), "no_weekdays");
        assert_eq!(
            Weekdays::parse("mon,thứ hai")
                .expect_err("not a code")
                .code(),
            "bad_weekday"
        );
        assert_eq!(
            Weekdays::parse(&"mon,".repeat(40))
                .expect_err("too long")
                .code(),
            "bad_weekday"
        );
    }

    #[test]
    fn rules_are_checked() {
        assert!(rule().validate().is_ok());
        let bad = |r: Rule| r.validate().expect_err("invalid").code();
        assert_eq!(
            bad(Rule {
                weekdays: Weekdays::NONE,
                ..rule()
            }),
            "no_weekdays"
        );
        assert_eq!(
            bad(Rule {
                end: End::Until {
                    date: d(2025, 7, 28)
                },
                ..rule()
            }),
            "ends_before_start"
        );
        assert_eq!(
            bad(Rule {
                end: End::Count { count: 0 },
                ..rule()
            }),
            "bad_count"
        );
        assert_eq!(
            bad(Rule {
                end: End::Count {
                    count: MAX_COUNT + 1
                },
                ..rule()
            }),
            "bad_count"
        );
        assert_eq!(
            bad(Rule {
                start: d(1899, 1, 1),
                ..rule()
            }),
            "date_out_of_range"
        );
        let json = serde_json::to_value(End::Until {
            date: d(2025, 12, 31),
        })
        .expect("json");
        assert_eq!(
            json,
            serde_json::json!({"kind": "until", "date": "2025-12-31"})
        );
    }

    #[test]
    fn an_edit_at_or_before_a_later_one_replaces_it() {
        let created = to_instant(at(2025, 7, 20, 9, 0));
        let mut s = Series::new(rule(), created).expect("valid");
        let later = to_instant(at(2025, 8, 6, 10, 0));
        s.edit(
            Rule {
                time: t(20, 0),
                ..rule()
            },
            later,
        )
        .expect("valid");
        assert_eq!(s.versions.len(), 2);
        // The clock went back: the edit made "later" is replaced.
        let earlier = to_instant(at(2025, 8, 1, 10, 0));
        s.edit(
            Rule {
                time: t(18, 0),
                ..rule()
            },
            earlier,
        )
        .expect("valid");
        assert_eq!(s.versions.len(), 2);
        assert_eq!(s.versions[1].rule.time, t(18, 0));
        // Editing at the creation instant replaces the first rule altogether.
        s.edit(
            Rule {
                time: t(7, 0),
                ..rule()
            },
            created,
        )
        .expect("valid");
        assert_eq!(s.versions.len(), 1);
        assert_eq!(s.versions[0].rule.time, t(7, 0));
        assert!(
            s.edit(
                Rule {
                    weekdays: Weekdays::NONE,
                    ..rule()
                },
                later
            )
            .is_err()
        );
    }

    #[test]
    fn edits_are_bounded() {
        let mut s = Series::new(rule(), to_instant(at(2025, 7, 20, 9, 0))).expect("valid");
        let mut when = to_instant(at(2025, 7, 21, 9, 0));
        for _ in 1..MAX_VERSIONS {
            s.edit(rule(), when).expect("room for more");
            when += chrono::Duration::hours(1);
        }
        assert_eq!(
            s.edit(rule(), when).expect_err("too many").code(),
            "too_many_edits"
        );
    }

    #[test]
    fn skip_reasons_are_trimmed_and_bounded_and_orphans_are_found() {
        let mut s = Series::new(rule(), to_instant(at(2025, 7, 20, 9, 0))).expect("valid");
        s.skip(d(2025, 8, 1), Some(&format!("  {}  ", "x".repeat(2000))))
            .expect("a Friday");
        let Some(Change::Skip { reason: Some(r) }) = s.exception(d(2025, 8, 1)) else {
            panic!("a skip with a reason");
        };
        assert_eq!(r.chars().count(), REASON_MAX);
        // After an edit to Mondays from the 31st, the skip of Friday 1 August has no slot.
        s.edit(
            Rule {
                weekdays: Weekdays::of(&[Weekday::Mon]),
                ..rule()
            },
            to_instant(at(2025, 7, 31, 0, 0)),
        )
        .expect("valid");
        assert_eq!(s.orphan_exceptions(), [d(2025, 8, 1)]);
    }
}
