//! Invariants of the occurrence engine over random sections, edits, skips, moves and ranges:
//! sorted, inside the range, each original slot at most once, skipped ones never numbered (so
//! never published), moves never duplicate, counts never exceeded, episodes contiguous, a range
//! split in two gives the same occurrences, and edits change only what comes after them.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use loa_calendar::occurrences::{Occurrence, occurrence_of, occurrences_between};
use loa_calendar::series::{Change, End, Exception, Rule, RuleVersion, Series, Weekdays};
use loa_calendar::state::{DraftProgress, SlotState, slot_state};
use loa_calendar::vntime::to_instant;
use loa_calendar::words::WEEK;
use proptest::prelude::*;

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid date")
}

fn weekdays(bits: u8) -> Weekdays {
    let days: Vec<Weekday> = WEEK
        .into_iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, d)| d)
        .collect();
    Weekdays::of(&days)
}

fn time(quarter: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(quarter / 4, (quarter % 4) * 15, 0).expect("valid time")
}

fn local(day: i64, quarter: u32) -> NaiveDateTime {
    (base() + Duration::days(day)).and_time(time(quarter))
}

#[derive(Debug, Clone)]
enum EndSpec {
    Never,
    /// Days after the start; may be negative (an invalid rule that must make no slots).
    Until(i64),
    Count(u32),
}

fn end_spec() -> impl Strategy<Value = EndSpec> {
    prop_oneof![
        Just(EndSpec::Never),
        (-20i64..400).prop_map(EndSpec::Until),
        (1u32..60).prop_map(EndSpec::Count),
    ]
}

/// Weekday bits (0 = none), quarter hour of the day, start day after 2024-01-01, end.
fn rule() -> impl Strategy<Value = Rule> {
    (0u8..128, 0u32..96, 0i64..500, end_spec()).prop_map(|(bits, q, start, end)| {
        let start_date = base() + Duration::days(start);
        Rule {
            weekdays: weekdays(bits),
            time: time(q),
            start: start_date,
            end: match end {
                EndSpec::Never => End::Never,
                EndSpec::Until(days) => End::Until {
                    date: start_date + Duration::days(days),
                },
                EndSpec::Count(count) => End::Count { count },
            },
        }
    })
}

fn exception() -> impl Strategy<Value = Exception> {
    (
        0i64..700,
        prop_oneof![
            Just(None),
            (-30i64..800, 0u32..96).prop_map(|(day, q)| Some(local(day, q))),
        ],
    )
        .prop_map(|(day, target)| Exception {
            date: base() + Duration::days(day),
            change: match target {
                None => Change::Skip {
                    reason: Some("Lý do".into()),
                },
                Some(to) => Change::Move { to },
            },
        })
}

/// A series with its first rule, up to three edits at random moments and random exceptions
/// (pushed as stored data, so some are orphans: days without a slot).
fn series() -> impl Strategy<Value = Series> {
    (
        rule(),
        prop::collection::vec((rule(), 0i64..700, 0u32..96), 0..3),
        prop::collection::vec(exception(), 0..12),
        1u32..30,
    )
        .prop_map(|(first, edits, exceptions, first_episode)| {
            let mut versions = vec![RuleVersion {
                effective_from: to_instant(local(-60, 0)),
                rule: first,
            }];
            let mut moments: Vec<_> = edits;
            moments.sort_by_key(|(_, day, q)| (*day, *q));
            for (rule, day, q) in moments {
                versions.push(RuleVersion {
                    effective_from: to_instant(local(day, q)),
                    rule,
                });
            }
            Series {
                versions,
                exceptions,
                first_episode,
            }
        })
}

fn range() -> impl Strategy<Value = (NaiveDate, NaiveDate)> {
    (-40i64..700, 0i64..240).prop_map(|(from, len)| {
        let from = base() + Duration::days(from);
        (from, from + Duration::days(len))
    })
}

/// Everything the series can have, from long before its start to long after.
fn everything(s: &Series) -> Vec<Occurrence> {
    occurrences_between(
        s,
        base() - Duration::days(100),
        base() + Duration::days(1500),
    )
    .expect("a valid range")
}

fn last_change(s: &Series, date: NaiveDate) -> Option<&Change> {
    s.exceptions
        .iter()
        .rev()
        .find(|e| e.date == date)
        .map(|e| &e.change)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn occurrences_are_sorted_in_range_unique_and_consistent(s in series(), (from, to) in range()) {
        let occ = occurrences_between(&s, from, to).expect("a valid range");
        for pair in occ.windows(2) {
            prop_assert!((pair[0].at, pair[0].original) <= (pair[1].at, pair[1].original));
        }
        let originals: BTreeSet<NaiveDate> = occ.iter().map(Occurrence::date).collect();
        prop_assert_eq!(originals.len(), occ.len(), "each original slot at most once");
        for o in &occ {
            prop_assert!(from <= o.at.date() && o.at.date() <= to);
            prop_assert_eq!(o.skipped, o.episode.is_none());
            prop_assert!(!(o.skipped && o.moved));
            match last_change(&s, o.date()) {
                Some(Change::Skip { .. }) => prop_assert!(o.skipped),
                Some(Change::Move { to }) => {
                    prop_assert!(o.moved);
                    prop_assert_eq!(o.at, *to);
                }
                None => {
                    prop_assert!(!o.skipped && !o.moved);
                    prop_assert_eq!(o.at, o.original);
                }
            }
            // A skipped occurrence is never counted as published, whatever draft is linked.
            if o.skipped {
                prop_assert_eq!(slot_state(o, Some(DraftProgress::Published)), SlotState::Skipped);
            }
            let found = occurrence_of(&s, o.date());
            prop_assert_eq!(found.as_ref(), Some(o));
        }
    }

    #[test]
    fn moving_never_duplicates_and_episodes_count_on(s in series()) {
        let all = everything(&s);
        let originals: BTreeSet<NaiveDate> = all.iter().map(Occurrence::date).collect();
        prop_assert_eq!(originals.len(), all.len());
        // In the order of the original slots, episodes are first, first + 1, … with no gap:
        // skipped slots take no number.
        let mut by_original = all.clone();
        by_original.sort_by_key(|o| o.original);
        let episodes: Vec<u32> = by_original.iter().filter_map(|o| o.episode).collect();
        let expected: Vec<u32> = (0..episodes.len() as u32).map(|i| s.first_episode + i).collect();
        prop_assert_eq!(episodes, expected);
        // A moved occurrence appears only where it was moved to.
        for o in all.iter().filter(|o| o.moved) {
            let at_original = occurrences_between(&s, o.original.date(), o.original.date())
                .expect("valid");
            prop_assert!(at_original.iter().all(|x| x.date() != o.date() || x.at == o.at));
        }
    }

    #[test]
    fn a_count_is_never_exceeded(r in rule(), exceptions in prop::collection::vec(exception(), 0..12)) {
        let s = Series {
            versions: vec![RuleVersion { effective_from: to_instant(local(-60, 0)), rule: r }],
            exceptions,
            first_episode: 1,
        };
        let all = everything(&s);
        let published = all.iter().filter(|o| !o.skipped).count() as u32;
        if let End::Count { count } = r.end {
            prop_assert!(published <= count);
            // With at least one weekday and a long enough horizon the count is reached.
            if !r.weekdays.is_empty() && count <= 60 {
                prop_assert_eq!(published, count);
            }
        }
        if r.validate().is_err() {
            prop_assert!(all.is_empty(), "an invalid rule makes no slots");
        }
    }

    #[test]
    fn a_range_split_in_two_gives_the_same_occurrences(s in series(), (from, to) in range(), cut in 0i64..240) {
        let mid = (from + Duration::days(cut)).min(to);
        let whole = occurrences_between(&s, from, to).expect("valid");
        let mut halves = occurrences_between(&s, from, mid).expect("valid");
        if mid < to {
            halves.extend(occurrences_between(&s, mid + Duration::days(1), to).expect("valid"));
        }
        prop_assert_eq!(whole, halves);
    }

    #[test]
    fn an_edit_changes_only_what_comes_after_it(
        first in rule(),
        exceptions in prop::collection::vec(exception(), 0..12),
        next in rule(),
        day in 0i64..700,
        q in 0u32..96,
    ) {
        let before = Series {
            versions: vec![RuleVersion { effective_from: to_instant(local(-60, 0)), rule: first }],
            exceptions,
            first_episode: 1,
        };
        let edit = to_instant(local(day, q));
        let mut after = before.clone();
        after.versions.push(RuleVersion { effective_from: edit, rule: next });
        let earlier = |s: &Series| -> Vec<Occurrence> {
            everything(s).into_iter().filter(|o| to_instant(o.original) < edit).collect()
        };
        prop_assert_eq!(earlier(&before), earlier(&after));
    }

    #[test]
    fn skipping_one_renumbers_only_the_later_ones(r in rule(), pick in 0usize..40) {
        let r = Rule { end: End::Never, ..r };
        prop_assume!(r.validate().is_ok());
        let mut s = Series {
            versions: vec![RuleVersion { effective_from: to_instant(local(-60, 0)), rule: r }],
            exceptions: Vec::new(),
            first_episode: 1,
        };
        let before = everything(&s);
        prop_assume!(!before.is_empty());
        let victim = before[pick % before.len()].clone();
        s.skip(victim.date(), Some("Trùng lịch họp")).expect("an occurrence");
        let after = everything(&s);
        prop_assert_eq!(before.len(), after.len());
        for (b, a) in before.iter().zip(&after) {
            prop_assert_eq!(b.original, a.original);
            if b.original < victim.original {
                prop_assert_eq!(b.episode, a.episode);
            } else if b.original == victim.original {
                prop_assert!(a.skipped && a.episode.is_none());
            } else {
                prop_assert_eq!(b.episode.map(|e| e - 1), a.episode);
            }
        }
    }
}
