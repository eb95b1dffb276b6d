//! Every figure of the report, from the hand-built month in `common/mod.rs`.

mod common;

use std::collections::BTreeMap;

use common::*;
use loa_report::{OpenState, Period, build};

#[test]
fn published_counts_each_post_once_and_respects_vietnam_bounds() {
    let r = build(&input(), &january(), now());
    // 1, 2, 3 (first instant), 5 (last second), 6 (drafted before), 7 (second channel in
    // January), 8. Not 4 (one second before January).
    assert_eq!(r.published, 7);
    let ids: Vec<i64> = r.posts.iter().map(|p| p.draft_id).collect();
    assert_eq!(ids, vec![3, 7, 1, 2, 6, 8, 5], "oldest first");
    assert_eq!(r.posts[0].published_at, "2026-01-01T00:00:00+07:00");
    assert_eq!(r.posts[6].published_at, "2026-01-31T23:59:59+07:00");
}

#[test]
fn by_channel_counts_posts_per_channel_including_idle_ones() {
    let r = build(&input(), &january(), now());
    let expected: BTreeMap<String, u32> = [(FB, 5), (WEB, 3), (ZALO, 1), (USB, 0)]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    assert_eq!(r.by_channel, expected);
}

#[test]
fn by_topic_adds_up_to_published() {
    let r = build(&input(), &january(), now());
    let expected: BTreeMap<String, u32> = [
        ("health", 1),
        ("weather_disaster", 3),
        ("policy_law", 1),
        ("security_scam", 1),
        ("culture_tourism", 1),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    assert_eq!(r.by_topic, expected);
    assert_eq!(r.by_topic.values().sum::<u32>(), r.published);
}

#[test]
fn media_of_published_posts_only() {
    let r = build(&input(), &january(), now());
    assert_eq!((r.photos, r.videos, r.infographics), (3 + 2 + 4, 1, 1 + 1));
}

#[test]
fn alerts_time_drafting_to_first_publication() {
    let r = build(&input(), &january(), now());
    let alerts: Vec<(i64, &str, Option<i64>)> = r
        .alerts
        .iter()
        .map(|a| (a.draft_id, a.title.as_str(), a.minutes_to_publish))
        .collect();
    assert_eq!(
        alerts,
        vec![
            // 07:00 → 07:42:30: 42 whole minutes.
            (2, T2, Some(42)),
            // Drafted 20 December 08:00, out 15 January 08:00: 26 days.
            (6, T6, Some(26 * 24 * 60)),
        ],
        "7 went out first in December: its alert is December's"
    );
    assert_eq!(r.alerts[0].published_at, "2026-01-10T07:42:30+07:00");
}

#[test]
fn pending_and_failed_count_posts_not_items() {
    let r = build(&input(), &january(), now());
    assert_eq!((r.pending, r.failed, r.unconfirmed), (1, 2, 1));
    assert_eq!(
        OpenState::from_outbox_state("media_uploaded"),
        Some(OpenState::Pending)
    );
    assert_eq!(OpenState::from_outbox_state("cancelled"), None);
}

#[test]
fn sections_planned_published_on_time() {
    let r = build(&input(), &january(), now());
    let got: Vec<(i64, &str, u32, u32, u32)> = r
        .by_series
        .iter()
        .map(|s| {
            (
                s.series_id,
                s.name.as_str(),
                s.planned,
                s.published,
                s.on_time,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            // 6 Jan on time (5 min late), 9 Jan two hours late, 13 Jan missing, 16 Jan skipped,
            // 30 Dec outside.
            (7, "Chào mừng Đại hội Đảng các cấp", 3, 2, 1),
            // Out an hour early: on time.
            (8, "Người tốt, việc tốt", 1, 1, 1),
        ]
    );
}

#[test]
fn reach_sums_what_was_read_and_leaves_the_rest_null() {
    let r = build(&input(), &january(), now());
    let m = &r.reach.metrics;
    assert_eq!(m.get("followers_start"), Some(&Some(13_000)));
    assert_eq!(m.get("followers_end"), Some(&Some(13_250)));
    assert_eq!(m.get("page_media_view"), Some(&Some(2_192_178)));
    assert_eq!(m.get("page_post_engagements"), Some(&None));
    assert_eq!(m.get("page_views_total"), Some(&None));
    assert_eq!(m.get("post_media_view"), Some(&Some(2000)));
    assert_eq!(
        r.reach.read_at.as_deref(),
        Some("2026-02-01T09:00:00+07:00")
    );
}

#[test]
fn weeks_run_monday_to_sunday_per_channel() {
    let r = build(&input(), &january(), now());
    let weeks: Vec<(&str, &str, u32)> = r
        .weekly
        .iter()
        .map(|w| (w.from.as_str(), w.to.as_str(), w.total))
        .collect();
    assert_eq!(
        weeks,
        vec![
            ("2026-01-01", "2026-01-04", 2),
            ("2026-01-05", "2026-01-11", 4),
            ("2026-01-12", "2026-01-18", 1),
            ("2026-01-19", "2026-01-25", 1),
            ("2026-01-26", "2026-01-31", 1),
        ]
    );
    assert_eq!(r.weekly[1].by_channel.get(FB), Some(&2));
    assert_eq!(r.weekly[1].by_channel.get(ZALO), Some(&1));
    assert_eq!(r.weekly[1].by_channel.get(USB), Some(&0));
    let total: u32 = r.weekly.iter().map(|w| w.total).sum();
    assert_eq!(total, r.by_channel.values().sum::<u32>());
    assert_eq!(r.monthly.len(), 1);
    assert_eq!(r.monthly[0].total, total);
}

#[test]
fn posts_list_channels_and_links() {
    let r = build(&input(), &january(), now());
    let p1 = r.posts.iter().find(|p| p.draft_id == 1).expect("post 1");
    assert_eq!(p1.title, T1);
    assert_eq!(p1.channels, vec![FB.to_owned(), WEB.to_owned()]);
    assert_eq!(
        p1.links,
        vec![
            "https://example.invalid/facebook/1".to_owned(),
            "https://example.invalid/wordpress/1".to_owned()
        ]
    );
    // 5 reached the website in February: January lists Facebook only.
    let p5 = r.posts.iter().find(|p| p.draft_id == 5).expect("post 5");
    assert_eq!(p5.channels, vec![FB.to_owned()]);
}

#[test]
fn february_sees_the_rest() {
    let feb = Period::parse("2026-02").expect("month");
    let r = build(&input(), &feb, now());
    assert_eq!(r.published, 1);
    assert_eq!(r.by_channel.get(WEB), Some(&1));
    assert_eq!(r.by_channel.get(FB), Some(&0));
    assert!(r.alerts.is_empty());
    // Post figures follow the posts: none of February's posts was read. (Page and followers
    // rows are selected per period by the caller.)
    assert_eq!(r.reach.metrics.get("post_media_view"), Some(&None));
}

#[test]
fn the_json_is_the_contract() {
    let r = build(&input(), &january(), now());
    let v = serde_json::to_value(&r).expect("JSON");
    assert_eq!(v["period"]["from"], "2026-01-01");
    assert_eq!(v["period"]["to"], "2026-01-31");
    assert_eq!(v["period"]["starts_at"], "2026-01-01T00:00:00+07:00");
    assert_eq!(v["period"]["ends_before"], "2026-02-01T00:00:00+07:00");
    assert_eq!(v["published"], 7);
    assert_eq!(v["by_channel"][FB], 5);
    assert_eq!(v["by_topic"]["weather_disaster"], 3);
    let series = &v["by_series"][0];
    for key in ["series_id", "name", "planned", "published", "on_time"] {
        assert!(series.get(key).is_some(), "by_series lacks {key}");
    }
    for key in ["photos", "videos", "infographics", "pending", "failed"] {
        assert!(v[key].is_u64(), "{key} is a count");
    }
    let alert = &v["alerts"][0];
    for key in ["draft_id", "title", "minutes_to_publish"] {
        assert!(alert.get(key).is_some(), "alerts lacks {key}");
    }
    assert_eq!(alert["minutes_to_publish"], 42);
    assert_eq!(v["reach"]["read_at"], "2026-02-01T09:00:00+07:00");
    assert_eq!(v["reach"]["page_media_view"], 2_192_178);
    assert!(v["reach"]["page_post_engagements"].is_null());
    let post = &v["posts"][0];
    for key in ["draft_id", "title", "published_at", "channels", "links"] {
        assert!(post.get(key).is_some(), "posts lacks {key}");
    }
    assert!(post["channels"].is_array() && post["links"].is_array());
    // And back.
    let back: loa_report::Report = serde_json::from_value(v).expect("reads back");
    assert_eq!(back, r);
}

#[test]
fn an_empty_profile_makes_an_empty_report() {
    let r = build(&loa_report::ReportInput::default(), &january(), now());
    assert_eq!(r.published, 0);
    assert!(r.by_channel.is_empty() && r.posts.is_empty() && r.alerts.is_empty());
    assert_eq!(r.reach.read_at, None);
    assert_eq!(r.reach.metrics.get("followers_start"), Some(&None));
    assert_eq!(r.weekly.len(), 5);
}
