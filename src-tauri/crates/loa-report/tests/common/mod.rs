//! A hand-built month for the report tests: January 2026 at a commune with four channels, with
//! the edge cases a report must get right (see `figures.rs` for the expected figures and why).

#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, Utc};
use loa_report::{
    DraftCreated, Letterhead, MediaUse, OpenItem, OpenState, Period, PublishedItem, ReachRow,
    ReachSubject, ReportInput, SeriesOccurrence,
};

pub const FB: &str = "Trang xã";
pub const WEB: &str = "Cổng TTĐT";
pub const ZALO: &str = "Zalo xã";
pub const USB: &str = "USB";

/// An instant written with its offset (`+07:00` for Vietnam).
pub fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("RFC 3339 time")
        .with_timezone(&Utc)
}

pub fn day(s: &str) -> NaiveDate {
    Period::parse_date(s).expect("date")
}

pub fn january() -> Period {
    Period::parse("2026-01").expect("month")
}

/// When the report is made.
pub fn now() -> DateTime<Utc> {
    t("2026-02-03T10:15:00+07:00")
}

fn published(draft_id: i64, title: &str, topic: &str, channel: &str, at: &str) -> PublishedItem {
    let kind = match channel {
        FB => "facebook",
        WEB => "wordpress",
        ZALO => "zalo",
        _ => "folder",
    };
    PublishedItem {
        draft_id,
        title: title.to_owned(),
        topic: topic.to_owned(),
        channel: channel.to_owned(),
        channel_kind: kind.to_owned(),
        published_at: t(at),
        remote_url: Some(format!("https://example.invalid/{}/{draft_id}", kind)),
    }
}

pub const T1: &str = "Lịch tiêm chủng mở rộng tháng 1";
pub const T2: &str = "Cảnh báo lũ quét, sạt lở đất tại bản Khun";
pub const T3: &str = "Phổ biến Luật Đất đai năm 2024";
pub const T4: &str = "Tổng kết năm 2025";
pub const T5: &str = "Cảnh giác cuộc gọi giả danh công an";
pub const T6: &str = "Dự báo rét đậm, rét hại";
pub const T7: &str = "Mưa lớn đêm giao thừa dương lịch";
pub const T8: &str = "Lễ hội Gầu Tào xã Nà Hẩu";

pub fn input() -> ReportInput {
    let published = vec![
        // 1: one post on two channels the same morning: counted once.
        published(1, T1, "health", FB, "2026-01-05T08:30:00+07:00"),
        published(1, T1, "health", WEB, "2026-01-05T09:00:00+07:00"),
        // 2: an alert drafted at 07:00, out on Facebook at 07:42 and on Zalo later.
        published(2, T2, "weather_disaster", FB, "2026-01-10T07:42:30+07:00"),
        published(2, T2, "weather_disaster", ZALO, "2026-01-10T08:10:00+07:00"),
        // 3: exactly at the first instant of January in Vietnam (17:00 UTC on 31 December).
        published(3, T3, "policy_law", FB, "2025-12-31T17:00:00Z"),
        // 4: one second before January in Vietnam: December's.
        published(4, T4, "other", FB, "2025-12-31T23:59:59+07:00"),
        // 5: the last second of January, then the first instant of February on the website.
        published(5, T5, "security_scam", FB, "2026-01-31T23:59:59+07:00"),
        published(5, T5, "security_scam", WEB, "2026-02-01T00:00:00+07:00"),
        // 6: drafted in December, published in January.
        published(6, T6, "weather_disaster", WEB, "2026-01-15T08:00:00+07:00"),
        // 7: an alert first out in December, on the website in January: published in January,
        // but its alert belongs to December.
        published(7, T7, "weather_disaster", FB, "2025-12-31T23:50:00+07:00"),
        published(7, T7, "weather_disaster", WEB, "2026-01-01T00:10:00+07:00"),
        // 8: out on Facebook, failed on Zalo.
        published(8, T8, "culture_tourism", FB, "2026-01-20T10:00:00+07:00"),
    ];
    let created = |draft_id, at| DraftCreated {
        draft_id,
        created_at: t(at),
    };
    let drafts = vec![
        created(1, "2026-01-02T14:00:00+07:00"),
        created(2, "2026-01-10T07:00:00+07:00"),
        created(6, "2025-12-20T08:00:00+07:00"),
        created(7, "2025-12-31T23:00:00+07:00"),
    ];
    let media = |draft_id, photos, videos, infographics| MediaUse {
        draft_id,
        photos,
        videos,
        infographics,
    };
    let media = vec![
        media(1, 3, 0, 0),
        media(2, 2, 0, 1),
        media(3, 0, 1, 0),
        // December's post: not counted.
        media(4, 10, 2, 1),
        media(6, 0, 0, 1),
        media(7, 4, 0, 0),
    ];
    let open = |draft_id, channel: &str, state| OpenItem {
        draft_id,
        channel: channel.to_owned(),
        state,
    };
    let open = vec![
        // 9 waits for two channels: one post pending.
        open(9, FB, OpenState::Pending),
        open(9, ZALO, OpenState::Pending),
        open(10, WEB, OpenState::Failed),
        open(8, ZALO, OpenState::Failed),
        open(11, FB, OpenState::Unconfirmed),
    ];
    let occ = |series_id: i64, name: &str, planned: &str, published: Option<&str>, skipped| {
        SeriesOccurrence {
            series_id,
            name: name.to_owned(),
            planned_at: t(planned),
            published_at: published.map(t),
            skipped,
        }
    };
    let congress = "Chào mừng Đại hội Đảng các cấp";
    let good = "Người tốt, việc tốt";
    let series = vec![
        occ(
            7,
            congress,
            "2025-12-30T19:00:00+07:00",
            Some("2025-12-30T19:00:00+07:00"),
            false,
        ),
        occ(
            7,
            congress,
            "2026-01-06T19:00:00+07:00",
            Some("2026-01-06T19:05:00+07:00"),
            false,
        ),
        occ(
            7,
            congress,
            "2026-01-09T19:00:00+07:00",
            Some("2026-01-09T21:00:00+07:00"),
            false,
        ),
        occ(7, congress, "2026-01-13T19:00:00+07:00", None, false),
        occ(7, congress, "2026-01-16T19:00:00+07:00", None, true),
        occ(
            8,
            good,
            "2026-01-20T19:00:00+07:00",
            Some("2026-01-20T18:00:00+07:00"),
            false,
        ),
    ];
    let read = t("2026-02-01T09:00:00+07:00");
    let row = |subject, metric: &str, value, read_at| ReachRow {
        channel: FB.into(),
        subject,
        metric: metric.to_owned(),
        value,
        read_at,
    };
    let reach = vec![
        row(
            ReachSubject::FollowersStart,
            "page_follows",
            Some(13_000),
            read,
        ),
        row(
            ReachSubject::FollowersEnd,
            "page_follows",
            Some(13_250),
            read,
        ),
        // An older reading of the same measure: the newer one wins.
        row(
            ReachSubject::Page,
            "page_media_view",
            Some(1),
            t("2026-01-20T09:00:00+07:00"),
        ),
        row(ReachSubject::Page, "page_media_view", Some(2_192_178), read),
        // Removed by Meta: read, but no figure.
        row(ReachSubject::Page, "page_post_engagements", None, read),
        row(
            ReachSubject::Post { draft_id: 1 },
            "post_media_view",
            Some(1200),
            read,
        ),
        row(
            ReachSubject::Post { draft_id: 2 },
            "post_media_view",
            Some(800),
            read,
        ),
        // December's post: not this report's.
        row(
            ReachSubject::Post { draft_id: 4 },
            "post_media_view",
            Some(5000),
            read,
        ),
    ];
    ReportInput {
        channels: vec![FB.into(), WEB.into(), ZALO.into(), USB.into()],
        published,
        drafts,
        media,
        open,
        series,
        reach,
        reach_metrics: vec![
            "page_media_view".into(),
            "page_post_engagements".into(),
            "page_views_total".into(),
            "post_media_view".into(),
        ],
    }
}

pub fn letterhead() -> Letterhead {
    let mut l = Letterhead::new("Nà Hẩu", day("2026-02-03"));
    l.signer_name = "Lò Văn Thắng".into();
    l
}
