//! Test helpers: the calendar's messages formatted from the real locale files.

#![allow(dead_code)]

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use loa_calendar::words::Messages;

pub const VI_FTL: &str = include_str!("../../../../../locales/vi/calendar.ftl");
pub const EN_FTL: &str = include_str!("../../../../../locales/en/calendar.ftl");

/// `locales/<lang>/calendar.ftl` as a [`Messages`]. A missing message comes back as its id, like
/// loa-core's Localizer.
pub struct Ftl {
    lang: &'static str,
    bundle: FluentBundle<FluentResource>,
}

impl Ftl {
    pub fn new(lang: &'static str) -> Self {
        let (id, src) = match lang {
            "en" => (unic_langid::langid!("en"), EN_FTL),
            _ => (unic_langid::langid!("vi"), VI_FTL),
        };
        let mut bundle = FluentBundle::new(vec![id]);
        bundle.set_use_isolating(false);
        let res = FluentResource::try_new(src.to_owned()).expect("the locale file parses");
        bundle.add_resource(res).expect("no duplicate ids");
        Self { lang, bundle }
    }

    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }
}

impl Messages for Ftl {
    fn lang(&self) -> &str {
        self.lang
    }

    fn message(&self, id: &str, args: &[(&str, String)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, v.as_str());
        }
        let mut errors = Vec::new();
        let out = self
            .bundle
            .format_pattern(pattern, Some(&fargs), &mut errors)
            .into_owned();
        assert!(errors.is_empty(), "{id}: {errors:?}");
        out
    }
}

use chrono::{NaiveDate, NaiveTime, Weekday};
use loa_calendar::{
    CalendarEntry, Colour, DraftProgress, End, LinkedDraft, PlannedDraft, PostInput, Rule,
    SectionInput, Series, Weekdays, calendar, vntime,
};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

pub fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
}

fn section(days: &[Weekday], time: NaiveTime, start: NaiveDate) -> Series {
    let rule = Rule {
        weekdays: Weekdays::of(days),
        time,
        start,
        end: End::Never,
    };
    Series::new(rule, vntime::to_instant(start.and_time(t(8, 0)))).expect("a valid rule")
}

/// A commune's week from 1 to 7 September 2025 (Quốc khánh on Tuesday, Vu Lan on Saturday),
/// made through the crate's own API: four sections (one moved, one skipped), planned drafts
/// and posts.
pub fn quai_to_week(messages: &dyn Messages) -> Vec<CalendarEntry> {
    let dai_hoi = section(&[Weekday::Tue, Weekday::Fri], t(19, 0), d(2025, 7, 29));
    let tiep_dan = section(&[Weekday::Mon], t(7, 30), d(2025, 8, 4));
    let mut tot = section(&[Weekday::Sat], t(9, 0), d(2025, 7, 5));
    tot.move_to(d(2025, 9, 6), d(2025, 9, 4).and_time(t(9, 0)))
        .expect("Saturday 6 is a slot");
    let mut tuan = section(&[Weekday::Sun], t(20, 0), d(2025, 8, 3));
    tuan.skip(d(2025, 9, 7), Some("Trùng lịch họp dân"))
        .expect("Sunday 7 is a slot");

    let dai_hoi_links = [LinkedDraft {
        date: d(2025, 9, 2),
        draft_id: 11,
        title: "Đại hội đại biểu Đảng bộ xã Quài Tở lần thứ XXV thành công tốt đẹp".into(),
        progress: Some(DraftProgress::Published),
    }];
    let tiep_dan_links = [LinkedDraft {
        date: d(2025, 9, 1),
        draft_id: 12,
        title: "Lịch tiếp công dân tuần 1–7/9".into(),
        progress: Some(DraftProgress::Ready),
    }];
    let tot_links = [LinkedDraft {
        date: d(2025, 9, 6),
        draft_id: 13,
        title: "Ông Lò Văn Pản hiến 300 m² đất làm đường bản".into(),
        progress: Some(DraftProgress::Draft),
    }];
    let sections = [
        SectionInput {
            id: 1,
            name: "Chào mừng Đại hội Đảng các cấp nhiệm kỳ 2025–2030",
            colour: Colour::nth(0),
            series: &dai_hoi,
            links: &dai_hoi_links,
        },
        SectionInput {
            id: 2,
            name: "Lịch tiếp công dân",
            colour: Colour::nth(1),
            series: &tiep_dan,
            links: &tiep_dan_links,
        },
        SectionInput {
            id: 3,
            name: "Người tốt việc tốt",
            colour: Colour::nth(2),
            series: &tot,
            links: &tot_links,
        },
        SectionInput {
            id: 4,
            name: "Tuần này ở xã có gì?",
            colour: Colour::nth(4),
            series: &tuan,
            links: &[],
        },
    ];
    let drafts = [
        PlannedDraft {
            draft_id: 20,
            title: "Thông báo lịch cắt điện ngày 3/9".into(),
            date: d(2025, 9, 1),
            time: None,
            progress: DraftProgress::Draft,
        },
        PlannedDraft {
            draft_id: 21,
            title: "Lễ khai giảng năm học 2025–2026".into(),
            date: d(2025, 9, 5),
            time: Some(t(7, 0)),
            progress: DraftProgress::Queued,
        },
    ];
    let at = |s: &str| vntime::parse_rfc3339(s).expect("valid");
    let posts = [
        PostInput {
            draft_id: 11,
            title: "Đại hội đại biểu Đảng bộ xã".into(),
            channel: "Trang xã".into(),
            at: at("2025-09-02T19:00:00+07:00"),
            published: true,
        },
        PostInput {
            draft_id: 11,
            title: "Đại hội đại biểu Đảng bộ xã".into(),
            channel: "Zalo OA".into(),
            at: at("2025-09-02T19:00:00+07:00"),
            published: true,
        },
        PostInput {
            draft_id: 30,
            title: "Chúc mừng 80 năm Quốc khánh 2/9".into(),
            channel: "Trang xã".into(),
            at: at("2025-09-02T08:00:00+07:00"),
            published: true,
        },
        PostInput {
            draft_id: 30,
            title: "Chúc mừng 80 năm Quốc khánh 2/9".into(),
            channel: "Cổng TTĐT".into(),
            at: at("2025-09-02T08:00:00+07:00"),
            published: true,
        },
        PostInput {
            draft_id: 21,
            title: "Lễ khai giảng năm học 2025–2026".into(),
            channel: "Zalo OA".into(),
            at: at("2025-09-05T07:00:00+07:00"),
            published: false,
        },
    ];
    calendar(
        d(2025, 9, 1),
        d(2025, 9, 7),
        &sections,
        &drafts,
        &posts,
        messages,
    )
    .expect("a valid week")
}
