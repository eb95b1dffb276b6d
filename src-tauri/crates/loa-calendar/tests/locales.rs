//! Every message the crate can ask for exists in locales/vi/calendar.ftl and
//! locales/en/calendar.ftl, both files parse, are NFC, and hold the same ids.

mod common;

use std::collections::BTreeSet;

use common::{EN_FTL, Ftl, VI_FTL};
use fluent_syntax::ast::Entry;
use loa_calendar::error::CalendarError;
use loa_calendar::holidays;
use loa_calendar::state::SlotState;
use loa_calendar::words::{Messages, WEEK, weekday_id};
use unicode_normalization::UnicodeNormalization;

fn ids(name: &str, src: &str) -> BTreeSet<String> {
    let res = fluent_syntax::parser::parse(src).unwrap_or_else(|(_, e)| panic!("{name}: {e:?}"));
    res.body
        .iter()
        .filter_map(|e| match e {
            Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

/// Every id the crate formats.
fn wanted() -> Vec<String> {
    let mut out: Vec<String> = [
        "calendar-empty-slot",
        "calendar-empty-slot-not-ready",
        "calendar-episode",
        "calendar-week-title",
        "calendar-week-dates",
        "calendar-vietnam-time",
        "calendar-lunar-day",
        "calendar-lunar-day-leap",
        "calendar-day-off",
        "calendar-lunar-holiday",
        "calendar-anniversary",
        "calendar-moved-from",
        "calendar-skip-reason",
        "calendar-nothing-planned",
        "calendar-more-items",
        "calendar-plan-summary",
        "calendar-plan-legend",
    ]
    .map(str::to_owned)
    .to_vec();
    out.extend(WEEK.map(|day| weekday_id(day).to_owned()));
    out.extend(SlotState::ALL.iter().map(|s| s.message_id()));
    out.extend(
        CalendarError::CODES
            .iter()
            .map(|c| format!("calendar-error-{}", c.replace('_', "-"))),
    );
    out.extend(holidays::ids().iter().map(|id| format!("holiday-{id}")));
    out
}

#[test]
fn both_locales_have_every_message_and_nothing_else() {
    let vi = ids("vi", VI_FTL);
    let en = ids("en", EN_FTL);
    assert_eq!(vi, en, "the two files hold the same ids");
    let wanted: BTreeSet<String> = wanted().into_iter().collect();
    assert_eq!(vi, wanted, "ids in the files = ids the crate uses");
}

#[test]
fn the_files_are_nfc() {
    for (name, src) in [("vi", VI_FTL), ("en", EN_FTL)] {
        let nfc: String = src.nfc().collect();
        assert!(nfc == src, "{name}/calendar.ftl is not NFC");
    }
}

#[test]
fn messages_format_without_errors_in_both_languages() {
    // Ftl::message asserts that Fluent reported no error (a missing argument, a bad select).
    let args = [
        ("day", "Thứ Sáu".to_owned()),
        ("time", "19:00".to_owned()),
        ("name", "Chào mừng Đại hội".to_owned()),
        ("date", "1/8".to_owned()),
        ("number", "12".to_owned()),
        ("range", "14–20/7".to_owned()),
        ("from", "a".to_owned()),
        ("to", "b".to_owned()),
        ("month", "6".to_owned()),
        ("years", "80".to_owned()),
        ("reason", "mất điện".to_owned()),
        ("count", "3".to_owned()),
        ("total", "9".to_owned()),
        ("done", "5".to_owned()),
        ("empty", "2".to_owned()),
        ("input", "x".to_owned()),
        ("min", "1900-01-01".to_owned()),
        ("max", "2100-12-31".to_owned()),
        ("max_days", "3660".to_owned()),
        ("year", "2025".to_owned()),
        ("leap", "yes".to_owned()),
        ("start", "2025-07-29".to_owned()),
        ("until", "2025-07-01".to_owned()),
        ("first", "0".to_owned()),
    ];
    for lang in ["vi", "en"] {
        let m = Ftl::new(lang);
        for id in wanted() {
            let text = m.message(&id, &args);
            assert!(!text.is_empty() && text != id, "{lang}: {id}");
            assert!(!text.contains('{'), "{lang}: {id}: {text}");
        }
    }
    let vi = Ftl::new("vi");
    assert_eq!(
        vi.message(
            "calendar-error-no-such-lunar-date",
            &[
                ("year", "2024".into()),
                ("day", "1".into()),
                ("month", "6".into()),
                ("leap", "yes".into())
            ]
        ),
        "Năm âm lịch 2024 không có ngày 1 tháng 6 nhuận. Hãy xem lại ngày, tháng âm lịch."
    );
    assert!(vi.has("holiday-hung-kings"));
    assert_eq!(vi.text("holiday-hung-kings"), "Giỗ Tổ Hùng Vương");
}
