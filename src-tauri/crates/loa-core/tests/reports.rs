//! A period's report read from a real profile file: published outbox rows on known dates, the
//! queue, and reach figures stored by a refresh and still there after the profile is reopened.

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use loa_core::{
    ChannelKind, ManualClock, NewChannel, NewDraft, NewReading, OutboxError, OutboxPort,
    OutboxState, ReachMeasures, ReadingOutcome, ReadingScope, Store, Topic, Transition,
};
use loa_report::Period;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("ts")
        .with_timezone(&Utc)
}

const MEASURES: ReachMeasures<'static> = ReachMeasures {
    listed: &["page_media_view", "post_media_view"],
    followers: "page_follows",
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
}

fn channel(store: &Store, name: &str, kind: ChannelKind) -> i64 {
    store
        .publishing()
        .save_channel(&NewChannel {
            name: name.into(),
            kind: Some(kind),
            page_id: "1001".into(),
            folder: (kind == ChannelKind::Folder).then(|| "/tmp/loa-report-test".into()),
            ..NewChannel::default()
        })
        .expect("channel")
        .0
        .id
}

fn draft(store: &Store, title: &str, topic: Topic) -> i64 {
    store
        .drafts()
        .create(&NewDraft {
            title: title.into(),
            body: format!("{title}: nội dung."),
            topic,
            ..NewDraft::default()
        })
        .expect("draft")
        .id
}

/// Queues `draft` on `channel` and takes it through the worker's edges to `published` now.
fn publish(store: &Store, draft: i64, channel: i64, remote: &str) -> i64 {
    publish_with(store, draft, channel, remote, None)
}

/// [`publish`] with a video (a post carries photos or one video).
fn publish_with(
    store: &Store,
    draft: i64,
    channel: i64,
    remote: &str,
    video: Option<&loa_core::PostVideo>,
) -> i64 {
    let id = store
        .publishing()
        .queue_with_video(draft, channel, None, video)
        .expect("queue")
        .id;
    store
        .lease_channel(channel, "w", Duration::seconds(60), &|_| false)
        .expect("lease");
    store
        .transition_outbox("w", id, OutboxState::Queued, &Transition::MediaReady)
        .expect("ready");
    store
        .transition_outbox(
            "w",
            id,
            OutboxState::MediaUploaded,
            &Transition::BeginPublish,
        )
        .expect("begin");
    store
        .transition_outbox(
            "w",
            id,
            OutboxState::Publishing,
            &Transition::Published {
                remote_id: Some(remote.into()),
                remote_url: Some(format!("https://www.facebook.com/{remote}")),
                count_attempt: true,
            },
        )
        .expect("published");
    id
}

#[test]
fn a_months_report_counts_what_the_profile_published_and_keeps_its_reach() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(ManualClock::new(at("2026-02-20T02:00:00Z")));
    let store = Store::open_with_clock(dir.path(), clock.clone()).expect("open");
    let page = channel(&store, "Trang xã", ChannelKind::Facebook);
    let folder = channel(&store, "Thư mục", ChannelKind::Folder);

    // February: a health post on the folder only (outside March).
    let feb = draft(&store, "Tiêm chủng", Topic::Health);
    publish(&store, feb, folder, "feb-1");

    // 1 March 07:10 Vietnam time: a storm warning drafted, on the Page 35 minutes later and in
    // the folder 5 minutes after that.
    clock.set(at("2026-03-01T00:10:00Z"));
    let storm = draft(&store, "Cảnh báo bão số 3", Topic::WeatherDisaster);
    clock.advance(Duration::minutes(35));
    let storm_on_page = publish(&store, storm, page, "1001_77");
    clock.advance(Duration::minutes(5));
    publish(&store, storm, folder, "storm-folder");

    // 31 March 23:30 Vietnam time is still March there (16:30 UTC).
    clock.set(at("2026-03-31T16:30:00Z"));
    let late = draft(&store, "Lịch tiếp dân", Topic::AdminProcedure);
    publish(&store, late, page, "1001_78");

    // 1 April 00:05 Vietnam time: April, although UTC still says 31 March.
    clock.set(at("2026-03-31T17:05:00Z"));
    let april = draft(&store, "Ngày hội", Topic::CultureTourism);
    publish(&store, april, page, "1001_79");

    // The queue: one waiting, one failed.
    let waiting = draft(&store, "Chờ đăng", Topic::Other);
    store
        .publishing()
        .queue(waiting, page, None)
        .expect("queue");
    let broken = draft(&store, "Lỗi", Topic::Other);
    let broken_id = store
        .publishing()
        .queue(broken, folder, None)
        .expect("queue")
        .id;
    store
        .lease_channel(folder, "w", Duration::seconds(60), &|_| false)
        .expect("lease");
    store
        .transition_outbox(
            "w",
            broken_id,
            OutboxState::Queued,
            &Transition::Fail {
                count_attempt: true,
                error: OutboxError {
                    code: "folder-missing".into(),
                    message: "gone".into(),
                },
            },
        )
        .expect("fail");

    let march = Period::parse("2026-03").expect("month");
    clock.set(at("2026-04-02T01:00:00Z"));
    let r = store.reports().report(&march, &MEASURES).expect("report");
    assert_eq!(
        (r.period.from.as_str(), r.period.to.as_str()),
        ("2026-03-01", "2026-03-31")
    );
    assert_eq!(r.published, 2, "the storm warning once, and the late post");
    assert_eq!(r.by_channel["Trang xã"], 2);
    assert_eq!(r.by_channel["Thư mục"], 1);
    assert_eq!(r.by_topic["weather_disaster"], 1);
    assert_eq!(r.by_topic["admin_procedure"], 1);
    assert!(!r.by_topic.contains_key("health"));
    assert_eq!(r.alerts.len(), 1);
    assert_eq!(r.alerts[0].draft_id, storm);
    assert_eq!(r.alerts[0].minutes_to_publish, Some(35));
    assert_eq!((r.pending, r.failed), (1, 1));
    let titles: Vec<&str> = r.posts.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["Cảnh báo bão số 3", "Lịch tiếp dân"]);
    assert_eq!(r.posts[0].channels, ["Trang xã", "Thư mục"]);
    // Nothing read yet: every listed measure is there, not available.
    assert_eq!(r.reach.read_at, None);
    assert_eq!(r.reach.metrics.get("page_media_view"), Some(&None));

    // "Refresh reach" reads every Facebook channel and its posts, newest first.
    let targets = store.reports().reach_targets().expect("targets");
    assert_eq!(targets.len(), 1);
    assert_eq!(targets[0].channel, "Trang xã");
    assert_eq!(targets[0].first_published, Some(d("2026-03-01")));
    let remote: Vec<&str> = targets[0]
        .posts
        .iter()
        .map(|p| p.remote_id.as_str())
        .collect();
    assert_eq!(remote, ["1001_79", "1001_78", "1001_77"]);

    let reading = |scope, metric: &str, outcome| NewReading {
        channel_id: page,
        scope,
        metric: metric.into(),
        outcome,
    };
    let day = |s: &str| ReadingScope::PageDay { day: d(s) };
    let value = |value| ReadingOutcome::Value { value };
    let reports = store.reports();
    reports
        .store_readings(&[
            reading(day("2026-02-28"), "page_media_view", value(999)),
            reading(day("2026-03-01"), "page_media_view", value(100)),
            reading(day("2026-03-15"), "page_media_view", value(34)),
            reading(day("2026-04-01"), "page_media_view", value(9)),
            reading(day("2026-02-28"), "page_follows", value(5000)),
            reading(day("2026-03-30"), "page_follows", value(5090)),
            reading(day("2026-03-31"), "page_follows", value(5100)),
            reading(
                ReadingScope::Post {
                    outbox_id: storm_on_page,
                },
                "post_media_view",
                ReadingOutcome::NotAvailable { code: "100".into() },
            ),
        ])
        .expect("store");
    // Read again later: the newer figure replaces the older one.
    clock.advance(Duration::hours(1));
    reports
        .store_readings(&[reading(day("2026-03-15"), "page_media_view", value(1134))])
        .expect("store");
    drop(store);

    // Offline, after a restart: the figures are read from the file.
    let store = Store::open_with_clock(dir.path(), clock.clone()).expect("reopen");
    let r = store.reports().report(&march, &MEASURES).expect("report");
    assert_eq!(
        r.reach.metrics["page_media_view"],
        Some(1234),
        "1 and 15 March only"
    );
    assert_eq!(r.reach.metrics["followers_start"], Some(5000));
    assert_eq!(r.reach.metrics["followers_end"], Some(5100));
    assert_eq!(r.reach.metrics["post_media_view"], None);
    assert_eq!(
        r.reach.read_at.as_deref(),
        Some("2026-04-02T09:00:00+07:00")
    );
    let json = serde_json::to_value(&r).expect("json");
    assert_eq!(json["reach"]["page_media_view"], 1234);
    assert!(json["reach"]["post_media_view"].is_null());

    // A period not over yet ends with the newest count read during it.
    let april = Period::parse("2026-04").expect("month");
    store
        .reports()
        .store_readings(&[
            NewReading {
                channel_id: page,
                scope: ReadingScope::FollowersNow {
                    day: d("2026-04-01"),
                },
                metric: "page_follows".into(),
                outcome: value(5110),
            },
            NewReading {
                channel_id: page,
                scope: ReadingScope::FollowersNow {
                    day: d("2026-04-02"),
                },
                metric: "page_follows".into(),
                outcome: value(5123),
            },
        ])
        .expect("store");
    let r = store.reports().report(&april, &MEASURES).expect("report");
    assert_eq!(r.reach.metrics["followers_start"], Some(5100));
    assert_eq!(r.reach.metrics["followers_end"], Some(5123));
    assert_eq!(r.reach.metrics["page_media_view"], Some(9));
    assert_eq!(r.published, 1);
}

#[test]
fn a_reading_must_name_a_measure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    let page = channel(&store, "Trang xã", ChannelKind::Facebook);
    let e = store
        .reports()
        .store_readings(&[NewReading {
            channel_id: page,
            scope: ReadingScope::Post { outbox_id: 1 },
            metric: String::new(),
            outcome: ReadingOutcome::NoData,
        }])
        .expect_err("empty metric");
    assert_eq!(e.code(), loa_core::ErrorCode::InvalidValue);
}

/// A published post with a video counts one video; one still waiting counts none.
#[test]
fn published_videos_are_counted_once_per_post() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(ManualClock::new(at("2026-03-10T03:00:00Z")));
    let store = Store::open_with_clock(dir.path(), clock.clone()).expect("open");
    let page = channel(&store, "Trang xã", ChannelKind::Facebook);
    let web = channel(&store, "Cổng xã", ChannelKind::Wordpress);
    let file = dir.path().join("clip.mp4");
    std::fs::write(&file, vec![7u8; 4096]).expect("video file");
    let video = loa_core::PostVideo::from_file(&file).expect("measured");
    let shown = draft(&store, "Hướng dẫn dùng Callbot", Topic::AdminProcedure);
    let waiting = draft(&store, "Phóng sự lũ", Topic::WeatherDisaster);
    for ch in [page, web] {
        publish_with(&store, shown, ch, &format!("v{ch}"), Some(&video));
    }
    store
        .publishing()
        .queue_with_video(waiting, page, None, Some(&video))
        .expect("queued");
    let march = Period::month(2026, 3).expect("month");
    let report = store.reports().report(&march, &MEASURES).expect("report");
    assert_eq!(report.videos, 1, "one post, two channels, one video");
    assert_eq!(report.photos, 0);
}
