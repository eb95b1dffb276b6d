//! The occurrences of a section: computed from its rule versions and exceptions, never stored.
//!
//! The walk goes day by day from the earliest start to a horizon no later than
//! [`LAST_DATE`](crate::vntime::LAST_DATE), so whatever the data (no weekdays, a start in 1900, a
//! count of millions) it ends; a rule version that fails [`Rule::validate`](crate::series::Rule)
//! makes no slots in its window. A section has at most one slot per date: if an edit on a day leaves that day
//! both a slot of the old rule (before the edit) and one of the new rule (after it), the earlier
//! one is the day's slot. That keeps an occurrence's original date a key for exceptions and
//! links.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;

use crate::error::CalendarError;
use crate::series::{Change, End, RuleVersion, Series};
use crate::vntime::{LAST_DATE, check_range, to_instant};

/// One occurrence of a section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Occurrence {
    /// The slot its rule gave, Vietnam time. Its date is the occurrence's key.
    pub original: NaiveDateTime,
    /// When it happens: `original`, or where it was moved.
    pub at: NaiveDateTime,
    /// "Kỳ 12"; none when skipped.
    pub episode: Option<u32>,
    pub skipped: bool,
    pub skip_reason: Option<String>,
    pub moved: bool,
    /// Which rule version (index in `Series::versions`) made the slot.
    pub version: usize,
}

impl Occurrence {
    /// The original date: the key of exceptions and of the draft linked to it.
    pub fn date(&self) -> NaiveDate {
        self.original.date()
    }

    /// When it happens, as an instant.
    pub fn instant(&self) -> DateTime<Utc> {
        to_instant(self.at)
    }
}

/// Walks the occurrences in the order of their original slots up to `horizon` (an original
/// date), calling `visit` until it returns false.
fn walk(series: &Series, horizon: NaiveDate, mut visit: impl FnMut(Occurrence) -> bool) {
    // Every version keeps its window, valid or not: a broken one makes no slots in its window
    // rather than letting its neighbour claim them.
    let mut versions: Vec<(usize, &RuleVersion, bool)> = series
        .versions
        .iter()
        .enumerate()
        .map(|(i, v)| (i, v, v.rule.validate().is_ok()))
        .collect();
    versions.sort_by_key(|(i, v, _)| (v.effective_from, *i));
    let Some(start) = versions
        .iter()
        .filter(|(_, _, valid)| *valid)
        .map(|(_, v, _)| v.rule.start)
        .min()
    else {
        return;
    };
    // The last exception of a date wins.
    let exceptions: BTreeMap<NaiveDate, &Change> = series
        .exceptions
        .iter()
        .map(|e| (e.date, &e.change))
        .collect();
    let first = series.first_episode.max(1);
    let end = horizon.min(LAST_DATE);
    let mut episodes: u32 = 0;
    let mut date = start;
    while date <= end {
        let mut slot: Option<(NaiveDateTime, usize)> = None;
        for (pos, (index, v, valid)) in versions.iter().enumerate() {
            let rule = &v.rule;
            if !valid || date < rule.start || !rule.weekdays.contains(date.weekday()) {
                continue;
            }
            match rule.end {
                End::Until { date: until } if date > until => continue,
                End::Count { count } if episodes >= count => continue,
                _ => {}
            }
            let local = date.and_time(rule.time);
            let t = to_instant(local);
            let from_ok = pos == 0 || t >= v.effective_from;
            let to_ok = versions
                .get(pos + 1)
                .is_none_or(|(_, next, _)| t < next.effective_from);
            if from_ok && to_ok && slot.is_none_or(|(s, _)| local < s) {
                slot = Some((local, *index));
            }
        }
        if let Some((original, version)) = slot {
            let mut occ = Occurrence {
                original,
                at: original,
                episode: None,
                skipped: false,
                skip_reason: None,
                moved: false,
                version,
            };
            match exceptions.get(&date) {
                Some(Change::Skip { reason }) => {
                    occ.skipped = true;
                    occ.skip_reason = reason.clone();
                }
                change => {
                    episodes += 1;
                    occ.episode = Some(first.saturating_add(episodes - 1));
                    if let Some(Change::Move { to }) = change {
                        occ.at = *to;
                        occ.moved = true;
                    }
                }
            }
            if !visit(occ) {
                return;
            }
        }
        // Once the newest rule has had all its episodes nothing can follow.
        if let Some((_, last, _)) = versions.last()
            && let End::Count { count } = last.rule.end
            && episodes >= count
            && to_instant(date.and_time(last.rule.time)) >= last.effective_from
        {
            return;
        }
        let Some(next) = date.succ_opt() else { return };
        date = next;
    }
}

/// The occurrences that happen from `from` to `to` (Vietnam dates, both included), by when
/// they happen: moved ones where they were moved to, skipped ones at their original slot.
pub fn occurrences_between(
    series: &Series,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Occurrence>, CalendarError> {
    check_range(from, to)?;
    // An occurrence moved into the range from later on must be reached by the walk.
    let horizon = series
        .exceptions
        .iter()
        .filter_map(|e| match e.change {
            Change::Move { to: target } if (from..=to).contains(&target.date()) => Some(e.date),
            _ => None,
        })
        .fold(to, NaiveDate::max);
    let mut out = Vec::new();
    walk(series, horizon, |occ| {
        if (from..=to).contains(&occ.at.date()) {
            out.push(occ);
        }
        true
    });
    out.sort_by_key(|o| (o.at, o.original));
    Ok(out)
}

/// The occurrence whose original date is `date`, skipped or moved or not; none when the
/// section has no slot that day.
pub fn occurrence_of(series: &Series, date: NaiveDate) -> Option<Occurrence> {
    let mut found = None;
    walk(series, date, |occ| {
        let before = occ.date() < date;
        if occ.date() == date {
            found = Some(occ);
        }
        before
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::{Rule, Weekdays};
    use crate::testutil::{at, d, t};
    use chrono::Weekday;

    fn created() -> DateTime<Utc> {
        to_instant(at(2025, 7, 20, 9, 0))
    }

    /// Quài Tở's section: Tuesday and Friday 19:00 from 29 July 2025.
    fn dai_hoi(end: End) -> Series {
        let rule = Rule {
            weekdays: Weekdays::of(&[Weekday::Tue, Weekday::Fri]),
            time: t(19, 0),
            start: d(2025, 7, 29),
            end,
        };
        Series::new(rule, created()).expect("valid rule")
    }

    fn dates(occ: &[Occurrence]) -> Vec<NaiveDate> {
        occ.iter().map(|o| o.at.date()).collect()
    }

    #[test]
    fn tuesdays_and_fridays_from_the_start_date() {
        let s = dai_hoi(End::Never);
        let occ = occurrences_between(&s, d(2025, 7, 21), d(2025, 8, 10)).expect("valid range");
        assert_eq!(
            dates(&occ),
            [d(2025, 7, 29), d(2025, 8, 1), d(2025, 8, 5), d(2025, 8, 8)]
        );
        assert_eq!(occ[0].at, at(2025, 7, 29, 19, 0));
        let episodes: Vec<Option<u32>> = occ.iter().map(|o| o.episode).collect();
        assert_eq!(episodes, [Some(1), Some(2), Some(3), Some(4)]);
        // A later window keeps counting from the start, not from the window.
        let later = occurrences_between(&s, d(2025, 8, 8), d(2025, 8, 8)).expect("valid");
        assert_eq!(later[0].episode, Some(4));
    }

    #[test]
    fn until_includes_its_date_and_count_counts_episodes() {
        let s = dai_hoi(End::Until {
            date: d(2025, 8, 5),
        });
        let occ = occurrences_between(&s, d(2025, 7, 1), d(2025, 12, 31)).expect("valid");
        assert_eq!(dates(&occ).last(), Some(&d(2025, 8, 5)));
        assert_eq!(occ.len(), 3);

        let mut s = dai_hoi(End::Count { count: 3 });
        let occ = occurrences_between(&s, d(2025, 7, 1), d(2025, 12, 31)).expect("valid");
        assert_eq!(dates(&occ), [d(2025, 7, 29), d(2025, 8, 1), d(2025, 8, 5)]);
        // A skipped slot takes no number and does not count: the series gets one more slot.
        s.skip(d(2025, 8, 1), Some("Mất điện cả xã"))
            .expect("an occurrence");
        let occ = occurrences_between(&s, d(2025, 7, 1), d(2025, 12, 31)).expect("valid");
        assert_eq!(
            dates(&occ),
            [d(2025, 7, 29), d(2025, 8, 1), d(2025, 8, 5), d(2025, 8, 8)]
        );
        let skipped = &occ[1];
        assert!(skipped.skipped && skipped.episode.is_none());
        assert_eq!(skipped.skip_reason.as_deref(), Some("Mất điện cả xã"));
        let episodes: Vec<Option<u32>> = occ.iter().map(|o| o.episode).collect();
        assert_eq!(episodes, [Some(1), None, Some(2), Some(3)]);
    }

    #[test]
    fn a_moved_occurrence_keeps_its_number_and_appears_once() {
        let mut s = dai_hoi(End::Never);
        // Friday 1 August moves to Saturday 2 August 8:00.
        s.move_to(d(2025, 8, 1), at(2025, 8, 2, 8, 0))
            .expect("an occurrence");
        let occ = occurrences_between(&s, d(2025, 7, 28), d(2025, 8, 3)).expect("valid");
        assert_eq!(occ.len(), 2);
        assert_eq!(occ[1].at, at(2025, 8, 2, 8, 0));
        assert_eq!(occ[1].original, at(2025, 8, 1, 19, 0));
        assert!(occ[1].moved);
        assert_eq!(occ[1].episode, Some(2));
        // Looking only at Friday: nothing is there any more.
        assert!(
            occurrences_between(&s, d(2025, 8, 1), d(2025, 8, 1))
                .expect("valid")
                .is_empty()
        );
    }

    #[test]
    fn an_occurrence_moved_in_from_far_away_is_found() {
        let mut s = dai_hoi(End::Never);
        // The episode of 28 November is brought forward to 30 July.
        s.move_to(d(2025, 11, 28), at(2025, 7, 30, 7, 30))
            .expect("an occurrence");
        let occ = occurrences_between(&s, d(2025, 7, 30), d(2025, 7, 30)).expect("valid");
        assert_eq!(occ.len(), 1);
        assert_eq!(occ[0].original.date(), d(2025, 11, 28));
        // 18 Tuesdays and 18 Fridays from 29 July to 28 November.
        assert_eq!(occ[0].episode, Some(36));
    }

    #[test]
    fn editing_changes_future_occurrences_only() {
        let mut s = dai_hoi(End::Never);
        // On Wednesday 6 August at 10:00 the section moves to Mondays and Thursdays at 20:00.
        let edit = to_instant(at(2025, 8, 6, 10, 0));
        let new_rule = Rule {
            weekdays: Weekdays::of(&[Weekday::Mon, Weekday::Thu]),
            time: t(20, 0),
            start: d(2025, 7, 29),
            end: End::Never,
        };
        s.edit(new_rule, edit).expect("valid edit");
        let occ = occurrences_between(&s, d(2025, 7, 28), d(2025, 8, 17)).expect("valid");
        assert_eq!(
            occ.iter().map(|o| o.at).collect::<Vec<_>>(),
            [
                at(2025, 7, 29, 19, 0),
                at(2025, 8, 1, 19, 0),
                at(2025, 8, 5, 19, 0),
                at(2025, 8, 7, 20, 0),
                at(2025, 8, 11, 20, 0),
                at(2025, 8, 14, 20, 0),
            ]
        );
        assert_eq!(occ[3].episode, Some(4), "the numbering goes on");
        assert_eq!((occ[2].version, occ[3].version), (0, 1));
    }

    #[test]
    fn one_slot_per_day_when_an_edit_falls_between_two_times() {
        let mut s = dai_hoi(End::Never);
        // At 12:00 on Tuesday 5 August the time changes to 07:00: that day's 19:00 slot is
        // after the edit (the old rule no longer owns it) and its 07:00 slot before it (the new
        // rule does not own it yet), so the day has no slot; from Friday on it is 07:00.
        let edit = to_instant(at(2025, 8, 5, 12, 0));
        let rule = Rule {
            time: t(7, 0),
            ..s.versions[0].rule
        };
        s.edit(rule, edit).expect("valid");
        let occ = occurrences_between(&s, d(2025, 8, 4), d(2025, 8, 12)).expect("valid");
        assert_eq!(
            occ.iter().map(|o| o.at).collect::<Vec<_>>(),
            [at(2025, 8, 8, 7, 0), at(2025, 8, 12, 7, 0)]
        );
        // And with an evening edit, the old morning slot and the new evening slot share a day:
        // the earlier one is the day's slot.
        let mut s = dai_hoi(End::Never);
        let morning = Rule {
            time: t(7, 0),
            ..s.versions[0].rule
        };
        s.edit(morning, to_instant(at(2025, 7, 21, 0, 0)))
            .expect("valid");
        let evening = Rule {
            time: t(19, 0),
            ..s.versions[0].rule
        };
        s.edit(evening, to_instant(at(2025, 8, 5, 12, 0)))
            .expect("valid");
        let occ = occurrences_between(&s, d(2025, 8, 5), d(2025, 8, 5)).expect("valid");
        assert_eq!(occ.len(), 1);
        assert_eq!(occ[0].at, at(2025, 8, 5, 7, 0));
    }

    #[test]
    fn skipping_or_moving_a_day_without_a_slot_is_refused() {
        let mut s = dai_hoi(End::Never);
        let err = s.skip(d(2025, 7, 30), None).expect_err("a Wednesday");
        assert_eq!(err.code(), "not_an_occurrence");
        assert!(s.move_to(d(2025, 7, 28), at(2025, 7, 29, 8, 0)).is_err());
        assert!(s.skip(d(2025, 7, 25), None).is_err(), "before the start");
        assert!(s.exceptions.is_empty());
        s.skip(d(2025, 7, 29), Some("  ")).expect("a Tuesday");
        assert_eq!(
            s.exception(d(2025, 7, 29)),
            Some(&Change::Skip { reason: None })
        );
        assert!(s.restore(d(2025, 7, 29)));
        assert!(!s.restore(d(2025, 7, 29)));
    }

    #[test]
    fn first_episode_continues_a_paper_numbering() {
        let s = dai_hoi(End::Count { count: 2 })
            .with_first_episode(12)
            .expect("valid");
        let occ = occurrences_between(&s, d(2025, 7, 1), d(2025, 12, 31)).expect("valid");
        let episodes: Vec<Option<u32>> = occ.iter().map(|o| o.episode).collect();
        assert_eq!(episodes, [Some(12), Some(13)]);
        assert!(dai_hoi(End::Never).with_first_episode(0).is_err());
    }

    #[test]
    fn broken_data_makes_no_slots_and_ends() {
        let mut s = dai_hoi(End::Never);
        s.versions[0].rule.weekdays = Weekdays::NONE;
        assert!(
            occurrences_between(&s, d(2025, 1, 1), d(2034, 12, 31))
                .expect("valid range")
                .is_empty()
        );
        s.versions.clear();
        assert!(occurrence_of(&s, d(2025, 7, 29)).is_none());
        let mut s = dai_hoi(End::Never);
        s.versions[0].rule.start = d(1900, 1, 1);
        s.versions[0].rule.weekdays = Weekdays::of(&crate::words::WEEK);
        // The whole supported range is walked in a bounded time.
        let last = occurrences_between(&s, d(2100, 12, 25), d(2100, 12, 31)).expect("valid");
        assert_eq!(last.len(), 7);
        assert!(occurrences_between(&s, d(2025, 1, 1), d(2100, 12, 31)).is_err());
    }

    #[test]
    fn an_occurrence_is_an_instant_in_vietnam_time() {
        let s = dai_hoi(End::Never);
        let o = occurrence_of(&s, d(2025, 7, 29)).expect("a Tuesday");
        assert_eq!(o.instant().to_rfc3339(), "2025-07-29T12:00:00+00:00");
    }
}
