//! The week plan's data, built from a realistic week through the crate's API and the real
//! locale files: what the layout will print.

mod common;

use common::{Ftl, d, quai_to_week};
use loa_calendar::state::SlotState;
use loa_calendar::{WeekPlanOptions, week_plan};

#[test]
fn a_week_in_vietnamese() {
    let vi = Ftl::new("vi");
    let entries = quai_to_week(&vi);
    let options = WeekPlanOptions {
        issuer: Some("UBND xã Quài Tở"),
        today: Some(d(2025, 9, 3)),
    };
    // Any day of the week gives the same plan.
    let plan = week_plan(d(2025, 9, 4), &entries, &vi, &options).expect("a valid week");
    assert_eq!(
        plan,
        week_plan(d(2025, 9, 7), &entries, &vi, &options).expect("valid")
    );

    assert_eq!(plan.lang, "vi");
    assert_eq!(plan.text.title, "Lịch đăng tin tuần 1–7/9");
    assert_eq!(plan.text.dates, "Từ Thứ Hai 1/9/2025 đến Chủ Nhật 7/9/2025");
    assert_eq!(plan.text.time_note, "Giờ Việt Nam (UTC+7)");
    assert_eq!(plan.text.issuer.as_deref(), Some("UBND xã Quài Tở"));
    let weekdays: Vec<&str> = plan.days.iter().map(|d| d.weekday.as_str()).collect();
    assert_eq!(
        weekdays,
        [
            "Thứ Hai",
            "Thứ Ba",
            "Thứ Tư",
            "Thứ Năm",
            "Thứ Sáu",
            "Thứ Bảy",
            "Chủ Nhật"
        ]
    );
    assert_eq!(plan.days[0].day, "1/9");
    assert_eq!(plan.days[0].lunar, "10/7 ÂL");
    assert!(plan.days[2].today && !plan.days[1].today);
    assert!(plan.days[5].weekend && plan.days[6].weekend && !plan.days[4].weekend);

    // Tuesday: Quốc khánh (80 years, a day off), the section's episode 11 published on two
    // channels, and a post outside the sections at 8:00.
    let tue = &plan.days[1];
    assert_eq!(tue.holidays.len(), 1);
    assert_eq!(tue.holidays[0].name, "Ngày Quốc khánh");
    assert!(tue.holidays[0].day_off && tue.holidays[0].major && !tue.holidays[0].lunar);
    assert_eq!(tue.holidays[0].note.as_deref(), Some("80 năm"));
    let times: Vec<Option<&str>> = tue.items.iter().map(|i| i.time.as_deref()).collect();
    assert_eq!(times, [Some("8:00"), Some("19:00")]);
    let post = &tue.items[0];
    assert_eq!(post.heading, "Chúc mừng 80 năm Quốc khánh 2/9");
    assert_eq!(post.channels.as_deref(), Some("Trang xã · Cổng TTĐT"));
    let ep11 = &tue.items[1];
    assert_eq!(ep11.episode.as_deref(), Some("Kỳ 11"));
    assert_eq!(ep11.state, SlotState::Published);
    assert_eq!(ep11.state_label, "Đã đăng");
    assert_eq!(ep11.channels.as_deref(), Some("Trang xã · Zalo OA"));
    assert_eq!(
        ep11.colour.map(|c| c.to_string()).as_deref(),
        Some("#C8102E")
    );

    // Wednesday: nothing. Thursday: the moved episode. Friday: episode 12 is empty.
    assert!(plan.days[2].items.is_empty());
    let moved = &plan.days[3].items[0];
    assert_eq!(moved.heading, "Người tốt việc tốt");
    assert_eq!(moved.note.as_deref(), Some("Dời từ Thứ Bảy 6/9"));
    assert_eq!(moved.state_label, "Đang soạn");
    let fri: Vec<(&str, SlotState)> = plan.days[4]
        .items
        .iter()
        .map(|i| (i.heading.as_str(), i.state))
        .collect();
    assert_eq!(
        fri,
        [
            ("Lễ khai giảng năm học 2025–2026", SlotState::Queued),
            (
                "Chào mừng Đại hội Đảng các cấp nhiệm kỳ 2025–2030",
                SlotState::Empty
            ),
        ]
    );
    assert_eq!(plan.days[4].items[1].episode.as_deref(), Some("Kỳ 12"));

    // Saturday: Vu Lan, lunar 15/7, no longer the section (moved away).
    let sat = &plan.days[5];
    assert_eq!(sat.holidays[0].name, "Lễ Vu Lan");
    assert!(sat.holidays[0].lunar && !sat.holidays[0].day_off);
    assert!(sat.items.is_empty());
    // Sunday: skipped with its reason.
    let sun = &plan.days[6].items[0];
    assert_eq!(sun.state, SlotState::Skipped);
    assert_eq!(sun.note.as_deref(), Some("Lý do: Trùng lịch họp dân"));

    assert_eq!(plan.sections.len(), 4);
    assert_eq!(plan.legend.len(), 6);
    assert_eq!(
        plan.text.summary,
        "7 bài trong tuần · 4 bài đã sẵn sàng hoặc đã đăng · 2 kỳ chưa có bài sẵn sàng"
    );
    let json: serde_json::Value = serde_json::from_str(&plan.to_json()).expect("JSON");
    assert_eq!(json["size"]["width"], 842.0);
    assert_eq!(json["days"][1]["items"][1]["colour"], "#C8102E");
    assert_eq!(json["days"][6]["items"][0]["state"], "skipped");
}

#[test]
fn a_week_in_english() {
    let en = Ftl::new("en");
    let entries = quai_to_week(&en);
    let plan =
        week_plan(d(2025, 9, 1), &entries, &en, &WeekPlanOptions::default()).expect("a valid week");
    assert_eq!(plan.lang, "en");
    assert_eq!(plan.text.title, "Posting plan, week of 1–7/9");
    assert_eq!(plan.days[1].holidays[0].name, "National Day");
    assert_eq!(plan.days[4].items[1].episode.as_deref(), Some("No. 12"));
    assert!(plan.text.issuer.is_none());
}

#[test]
fn a_crowded_day_is_cut_with_a_count() {
    let vi = Ftl::new("vi");
    let mut entries = quai_to_week(&vi);
    let extra = entries
        .iter()
        .find(|e| e.date == d(2025, 9, 1) && e.kind == loa_calendar::EntryKind::Draft)
        .cloned()
        .expect("the planned draft");
    for i in 0..15 {
        let mut e = extra.clone();
        e.draft_id = Some(100 + i);
        entries.push(e);
    }
    let plan = week_plan(d(2025, 9, 1), &entries, &vi, &WeekPlanOptions::default()).expect("valid");
    let mon = &plan.days[0];
    assert_eq!(
        mon.items.len(),
        loa_calendar::week_plan::MAX_ITEMS_PER_DAY - 1
    );
    // 2 items of the fixture + 15 more = 17; 8 shown.
    assert_eq!(mon.more.as_deref(), Some("và 9 bài khác"));
}
