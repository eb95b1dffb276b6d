//! The worker against a fake platform on a manual clock: every answer class, the read-back of
//! ambiguous publishes, holds, spacing, schedules, events.

mod common;

use chrono::Duration;
use common::{Fault, Op, Rig, config};
use loa_channels::ErrorClass;
use loa_core::{ChannelKind, ChannelStatus, DraftStatus, NewChannel, OutboxState};
use loa_publish::{Event, LinkState, WorkerConfig};

/// Patient enough for every read-back retry.
fn patient() -> WorkerConfig {
    WorkerConfig {
        once_patience: Duration::hours(1),
        ..config()
    }
}

fn state(rig: &Rig, id: i64) -> OutboxState {
    rig.state(id)
}

#[test]
fn photos_go_up_in_order_once_then_the_post() {
    let rig = Rig::new();
    let ch = rig.channel("Cổng TTĐT", ChannelKind::Wordpress, 0);
    let d = rig.draft("Lịch tiêm chủng", "Thứ Hai tại trạm y tế xã.");
    rig.photos(d, 3);
    let id = rig.queue(d, ch);
    let item = rig.store.publishing().outbox_item(id).expect("item");
    assert_eq!(item.media.len(), 3);
    assert!(item.bytes_total > 0);

    let mut w = rig.worker(config());
    let events = w.handle().subscribe();
    let report = w.run_once().expect("run");
    assert_eq!(report.published, 1);
    assert!(!report.needs_officer());

    let posts = rig.platform.posts();
    assert_eq!(posts.len(), 1);
    let uploads = rig.platform.uploads();
    assert_eq!(
        uploads.iter().map(|u| u.index).collect::<Vec<_>>(),
        [0, 1, 2]
    );
    // The post carries the recorded ids, in order.
    let item = rig.store.publishing().outbox_item(id).expect("item");
    assert_eq!(item.state, OutboxState::Published);
    let recorded: Vec<String> = item
        .media
        .iter()
        .map(|m| m.remote_id.clone().expect("recorded"))
        .collect();
    assert_eq!(posts[0].media, recorded);
    assert_eq!(item.remote_id.as_deref(), Some(posts[0].id.as_str()));
    assert_eq!(item.attempts, 1);
    // The draft follows its only outbox row.
    assert_eq!(
        rig.store.drafts().get(d).expect("draft").status,
        DraftStatus::Published
    );

    let events: Vec<Event> = events.try_iter().collect();
    let states: Vec<OutboxState> = events
        .iter()
        .filter_map(|e| match e {
            Event::ItemState { state, .. } => Some(*state),
            _ => None,
        })
        .collect();
    assert_eq!(
        states,
        [
            OutboxState::MediaUploaded,
            OutboxState::Publishing,
            OutboxState::Published
        ]
    );
    let progress: Vec<(u64, u64)> = events
        .iter()
        .filter_map(|e| match e {
            Event::Progress {
                bytes_sent,
                bytes_total,
                ..
            } => Some((*bytes_sent, *bytes_total)),
            _ => None,
        })
        .collect();
    assert!(
        progress.windows(2).all(|w| w[0].0 <= w[1].0),
        "{progress:?}"
    );
    assert_eq!(progress.last(), Some(&(item.bytes_total, item.bytes_total)));
    assert!(events.iter().any(|e| matches!(
        e,
        Event::BatchDone {
            published: 1,
            failed: 0,
            unconfirmed: 0
        }
    )));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::Online { channel_id } if *channel_id == ch))
    );
}

#[test]
fn an_upload_that_fails_later_never_repeats_the_earlier_ones() {
    let rig = Rig::new();
    let ch = rig.channel("Web", ChannelKind::Wordpress, 0);
    let d = rig.draft("Ảnh hội nghị", "Nội dung");
    rig.photos(d, 3);
    let id = rig.queue(d, ch);
    // Photo 1 goes up; photo 2 fails twice (one of them after acting), then all is well.
    let mut w = rig.worker(config());
    // One tick: photo 0 uploaded.
    w.tick(true).expect("tick");
    rig.platform
        .script(Op::Upload, Fault::ActThen(ErrorClass::Ambiguous));
    rig.platform
        .script(Op::Upload, Fault::Fail(ErrorClass::Transient));
    w.run_once().expect("run");
    assert_eq!(state(&rig, id), OutboxState::Published);
    let uploads = rig.platform.uploads();
    let per_index = |i: usize| uploads.iter().filter(|u| u.index == i).count();
    assert_eq!(per_index(0), 1, "a recorded photo is never uploaded again");
    // The ambiguous upload left an invisible orphan; the retry is the one recorded.
    assert_eq!(per_index(1), 2);
    assert_eq!(per_index(2), 1);
    let item = rig.store.publishing().outbox_item(id).expect("item");
    let posted = &rig.platform.posts()[0].media;
    assert_eq!(
        posted,
        &item
            .media
            .iter()
            .map(|m| m.remote_id.clone().expect("id"))
            .collect::<Vec<_>>()
    );
    assert_eq!(item.attempts, 3, "two failed uploads and the publish");
}

#[test]
fn an_ambiguous_publish_that_went_out_is_found_not_repeated() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    let d = rig.draft("Cảnh báo lũ quét", "Bà con không qua ngầm tràn.");
    let id = rig.queue(d, ch);
    rig.platform
        .script(Op::Publish, Fault::ActThen(ErrorClass::Ambiguous));
    let mut w = rig.worker(config());
    let report = w.run_once().expect("run");
    assert_eq!(report.published, 1);
    assert_eq!(rig.platform.posts().len(), 1, "published exactly once");
    assert_eq!(rig.platform.count(Op::Publish), 1);
    assert_eq!(rig.platform.count(Op::Find), 1);
    let item = rig.store.publishing().outbox_item(id).expect("item");
    assert_eq!(item.state, OutboxState::Published);
    assert_eq!(item.remote_id, Some(rig.platform.posts()[0].id.clone()));
}

#[test]
fn an_ambiguous_publish_that_did_not_go_out_is_published_after_the_read_back() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    let d = rig.draft("Lịch tiếp dân", "Thứ Năm hằng tuần.");
    let id = rig.queue(d, ch);
    rig.platform
        .script(Op::Publish, Fault::Fail(ErrorClass::Ambiguous));
    let started = rig.now();
    let mut w = rig.worker(config());
    w.run_once().expect("run");
    assert_eq!(rig.platform.posts().len(), 1);
    assert_eq!(rig.platform.count(Op::Publish), 2);
    // Absent twice, spaced, before it was sent again.
    assert_eq!(rig.platform.count(Op::Find), 2);
    // The read-back waited for the platform to settle.
    let p = config().policy;
    assert!(rig.now() - started >= p.readback_delay + p.readback_confirm);
    assert_eq!(state(&rig, id), OutboxState::Published);
}

#[test]
fn a_post_the_channel_shows_late_is_found_by_the_second_look_not_sent_again() {
    let rig = Rig::new();
    let ch = rig.channel("Cổng TTĐT", ChannelKind::Wordpress, 0);
    let d = rig.draft("Lịch tiêm chủng", "Sáng thứ Hai tại trạm y tế xã.");
    let id = rig.queue(d, ch);
    // The platform took the post but its answer was lost, and its list shows it late.
    rig.platform
        .script(Op::Publish, Fault::ActThen(ErrorClass::Ambiguous));
    rig.platform.state().lagging_finds = 1;
    let mut w = rig.worker(config());
    w.run_once().expect("run");
    assert_eq!(rig.platform.posts().len(), 1, "never published twice");
    assert_eq!(rig.platform.count(Op::Publish), 1);
    assert_eq!(rig.platform.count(Op::Find), 2);
    let item = rig.store.publishing().outbox_item(id).expect("item");
    assert_eq!(item.state, OutboxState::Published);
    assert_eq!(item.remote_id, Some(rig.platform.posts()[0].id.clone()));
}

#[test]
fn a_read_back_never_takes_an_identical_notice_posted_before_the_attempt() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    let (title, body) = ("Lịch tiếp dân", "Chủ tịch UBND xã tiếp dân sáng thứ Năm.");
    let first = rig.queue(rig.draft(title, body), ch);
    rig.worker(config()).run_once().expect("first week");
    assert_eq!(state(&rig, first), OutboxState::Published);
    // The same notice a day later; its publish answer is lost before the platform acted.
    rig.advance(Duration::days(1));
    let second = rig.queue(rig.draft(title, body), ch);
    rig.platform
        .script(Op::Publish, Fault::Fail(ErrorClass::Ambiguous));
    rig.worker(config()).run_once().expect("second week");
    let posts = rig.platform.posts();
    assert_eq!(
        posts.len(),
        2,
        "the new notice was sent, not matched to the old one"
    );
    let item = rig.store.publishing().outbox_item(second).expect("item");
    assert_eq!(item.state, OutboxState::Published);
    assert_eq!(item.remote_id, Some(posts[1].id.clone()));
}

#[test]
fn a_read_back_that_cannot_tell_ends_unconfirmed_with_the_page_link() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    let d = rig.draft("Họp dân", "Tối thứ Bảy tại nhà văn hóa.");
    let id = rig.queue(d, ch);
    rig.platform
        .script(Op::Publish, Fault::ActThen(ErrorClass::Ambiguous));
    let cfg = patient();
    for _ in 0..cfg.policy.max_readbacks {
        rig.platform
            .script(Op::Find, Fault::Fail(ErrorClass::Transient));
    }
    let mut w = rig.worker(cfg);
    let events = w.handle().subscribe();
    let report = w.run_once().expect("run");
    assert_eq!(report.unconfirmed, 1);
    assert!(report.needs_officer());
    let item = rig.store.publishing().outbox_item(id).expect("item");
    assert_eq!(item.state, OutboxState::Unconfirmed);
    assert_eq!(item.remote_url.as_deref(), Some("http://127.0.0.1:9/1001"));
    assert_eq!(
        rig.platform.count(Op::Publish),
        1,
        "never published blindly"
    );
    assert_eq!(
        rig.platform.count(Op::Find),
        cfg.policy.max_readbacks as usize
    );
    assert!(events.try_iter().any(|e| matches!(
        e,
        Event::NeedsAttention {
            state: OutboxState::Unconfirmed,
            link: Some(_),
            ..
        }
    )));

    // The officer must confirm before a retry; cancelling is not possible.
    assert!(matches!(
        rig.store.publishing().retry(id, false),
        Err(loa_core::LoaError::ConfirmNotPublished { .. })
    ));
    assert!(rig.store.publishing().cancel(id).is_err());
    // They found it on the page.
    let marked = rig
        .store
        .publishing()
        .mark_published(id, "https://facebook.com/1001/posts/9")
        .expect("mark");
    assert_eq!(marked.state, OutboxState::Published);
    assert_eq!(
        marked.remote_url.as_deref(),
        Some("https://facebook.com/1001/posts/9")
    );
}

#[test]
fn a_confirmed_retry_of_an_unconfirmed_item_publishes_again() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    let d = rig.draft("Tiêm chủng", "Mang theo sổ.");
    let id = rig.queue(d, ch);
    rig.platform
        .script(Op::Publish, Fault::Fail(ErrorClass::Ambiguous));
    for _ in 0..config().policy.max_readbacks {
        rig.platform
            .script(Op::Find, Fault::Fail(ErrorClass::Invalid));
    }
    rig.worker(patient()).run_once().expect("run");
    assert_eq!(state(&rig, id), OutboxState::Unconfirmed);
    let retried = rig.store.publishing().retry(id, true).expect("retry");
    assert_eq!(retried.state, OutboxState::MediaUploaded);
    assert_eq!(retried.attempts, 0);
    rig.worker(config()).run_once().expect("run");
    assert_eq!(state(&rig, id), OutboxState::Published);
    assert_eq!(rig.platform.posts().len(), 1);
}

#[test]
fn offline_waits_for_the_link_without_counting_attempts_then_drains_itself() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    let d = rig.draft("Mất điện", "Lịch cắt điện ngày mai.");
    let id = rig.queue(d, ch);
    rig.platform
        .script(Op::Publish, Fault::Fail(ErrorClass::Offline));
    rig.platform.state().offline_probes = 4;
    let mut w = rig.worker(config());
    let events = w.handle().subscribe();
    w.run_once().expect("run");
    let item = rig.store.publishing().outbox_item(id).expect("item");
    assert_eq!(item.state, OutboxState::Published);
    assert_eq!(item.attempts, 1, "the offline try did not count");
    assert_eq!(rig.platform.count(Op::Probe), 5, "4 failed probes, then up");
    let evs: Vec<Event> = events.try_iter().collect();
    let offline = evs
        .iter()
        .position(|e| matches!(e, Event::Offline { .. }))
        .expect("offline event");
    let online = evs
        .iter()
        .rposition(|e| matches!(e, Event::Online { .. }))
        .expect("online event");
    assert!(offline < online);
    assert_eq!(w.handle().links().get(&ch), Some(&LinkState::Online));
}

#[test]
fn once_gives_up_on_a_link_that_stays_down_and_keeps_the_item() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    let d = rig.draft("Mưa lớn", "Đề phòng sạt lở.");
    let id = rig.queue(d, ch);
    rig.platform.state().offline = true;
    let start = rig.now();
    let report = rig.worker(config()).run_once().expect("run");
    assert_eq!(state(&rig, id), OutboxState::MediaUploaded);
    assert_eq!(
        rig.store
            .publishing()
            .outbox_item(id)
            .expect("item")
            .attempts,
        0
    );
    assert_eq!(report.channels[0].link, LinkState::Offline);
    assert_eq!(report.channels[0].pending, 1);
    // It kept probing for a while, and stopped without waiting past its patience (60 s).
    let waited = rig.now() - start;
    assert!(
        waited > Duration::seconds(15) && waited <= Duration::seconds(60),
        "{waited}"
    );
    // The link returns: the next run publishes.
    rig.platform.state().offline = false;
    let report = rig.worker(config()).run_once().expect("run");
    assert_eq!(state(&rig, id), OutboxState::Published);
    assert!(!report.needs_officer(), "{report:?}");
}

/// A site that answers but keeps failing (a 503 from a shared host, over and over): the backoff
/// grows 5 s, 10 s, 20 s…, and `--once` stops at the first wait that would end past its
/// patience since the last item ended, rather than adding wait after wait.
#[test]
fn once_stops_within_its_patience_when_a_site_keeps_failing() {
    let rig = Rig::new();
    let ch = rig.channel("Cổng TTĐT", ChannelKind::Wordpress, 0);
    let d = rig.draft("Lịch tiêm chủng", "Thứ Hai tại trạm y tế xã.");
    rig.photos(d, 1);
    let id = rig.queue(d, ch);
    for _ in 0..8 {
        rig.platform
            .script(Op::Upload, Fault::Fail(ErrorClass::Transient));
    }
    let start = rig.now();
    let report = rig.worker(config()).run_once().expect("run");
    let waited = rig.now() - start;
    assert!(waited <= Duration::seconds(60), "{waited}");
    let item = rig.store.publishing().outbox_item(id).expect("item");
    assert_eq!(item.state, OutboxState::Queued, "{report:?}");
    assert!(item.attempts >= 2, "it did retry: {}", item.attempts);
    assert!(rig.platform.posts().is_empty());
}

#[test]
fn a_throttle_holds_the_channel_until_the_platform_says() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    let d = rig.draft("Thông báo", "Nội dung.");
    let id = rig.queue(d, ch);
    rig.platform.script(
        Op::Publish,
        Fault::Fail(ErrorClass::Throttled {
            retry_after_secs: 600,
        }),
    );
    let report = rig.worker(config()).run_once().expect("run");
    let held = rig.store.publishing().channel(ch).expect("channel");
    assert_eq!(held.status, ChannelStatus::Throttled);
    assert_eq!(report.channels[0].status, ChannelStatus::Throttled);
    let item = rig.store.publishing().outbox_item(id).expect("item");
    assert_eq!(item.state, OutboxState::MediaUploaded);
    assert_eq!(item.attempts, 0);
    assert_eq!(rig.platform.count(Op::Publish), 1);
    rig.advance(Duration::seconds(590));
    rig.worker(config()).run_once().expect("run");
    // Still held for 10 s: --once waits that out and publishes.
    assert_eq!(state(&rig, id), OutboxState::Published);
    assert_eq!(rig.platform.count(Op::Publish), 2);
    assert!(rig.platform.posts()[0].created_at >= common::start() + Duration::seconds(600));
}

#[test]
fn usage_headers_near_the_limit_rest_the_channel() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    for i in 0..2 {
        let d = rig.draft(&format!("Bài {i}"), &format!("Nội dung {i}"));
        rig.queue(d, ch);
    }
    rig.platform.state().usage_pause = Some(45);
    rig.worker(config()).run_once().expect("run");
    let posts = rig.platform.posts();
    assert_eq!(posts.len(), 2);
    assert!(posts[1].created_at - posts[0].created_at >= Duration::seconds(45));
}

#[test]
fn a_refused_token_holds_the_channel_until_it_is_reconnected() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    let d = rig.draft("Thông báo", "Nội dung.");
    let id = rig.queue(d, ch);
    rig.platform.state().valid_token = Some("new-token".into());
    let mut w = rig.worker(config());
    let events = w.handle().subscribe();
    let report = w.run_once().expect("run");
    assert_eq!(
        rig.store.publishing().channel(ch).expect("ch").status,
        ChannelStatus::NeedsReconnect
    );
    // `sync --once` must not end as if all were well: the post waits for the officer.
    assert!(report.needs_officer(), "{report:?}");
    assert!(events.try_iter().any(|e| matches!(
        e,
        Event::ChannelHeld {
            status: ChannelStatus::NeedsReconnect,
            ..
        }
    )));
    assert_eq!(state(&rig, id), OutboxState::MediaUploaded);
    // Time alone does not lift it.
    rig.advance(Duration::hours(5));
    rig.worker(config()).run_once().expect("run");
    assert_eq!(state(&rig, id), OutboxState::MediaUploaded);
    // The officer adds the channel again with the new token.
    loa_publish::save_channel(
        &rig.store,
        rig.creds.as_ref(),
        &NewChannel {
            name: "Trang xã".into(),
            kind: Some(ChannelKind::Facebook),
            base_url: "http://127.0.0.1:9".into(),
            page_id: "1001".into(),
            spacing_secs: Some(0),
            ..NewChannel::default()
        },
        &loa_publish::ChannelSecrets {
            token: "new-token".into(),
            ..Default::default()
        },
    )
    .expect("reconnect");
    assert_eq!(
        rig.store.publishing().channel(ch).expect("ch").status,
        ChannelStatus::Ok
    );
    rig.worker(config()).run_once().expect("run");
    assert_eq!(state(&rig, id), OutboxState::Published);
}

#[test]
fn an_invalid_post_fails_with_the_platform_message_and_can_be_retried_or_cancelled() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    let d = rig.draft("Thông báo", "Nội dung.");
    let id = rig.queue(d, ch);
    rig.platform
        .script(Op::Publish, Fault::Fail(ErrorClass::Invalid));
    let report = rig.worker(config()).run_once().expect("run");
    assert_eq!(report.failed, 1);
    let item = rig.store.publishing().outbox_item(id).expect("item");
    assert_eq!(item.state, OutboxState::Failed);
    let e = item.last_error.expect("error kept");
    assert_eq!(e.message, "fake Invalid");
    // Retry goes back to the queue and publishes.
    rig.store.publishing().retry(id, false).expect("retry");
    rig.worker(config()).run_once().expect("run");
    assert_eq!(state(&rig, id), OutboxState::Published);
    // A published item can be neither cancelled nor retried.
    assert!(rig.store.publishing().cancel(id).is_err());
    assert!(rig.store.publishing().retry(id, true).is_err());
}

#[test]
fn transient_failures_back_off_within_bounds_then_give_up() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    let d = rig.draft("Thông báo", "Nội dung.");
    let id = rig.queue(d, ch);
    let cfg = config();
    for _ in 0..cfg.policy.max_attempts {
        rig.platform
            .script(Op::Publish, Fault::Fail(ErrorClass::Transient));
    }
    let mut w = rig.worker(cfg);
    for attempt in 1..cfg.policy.max_attempts {
        // Run until this attempt was made.
        while rig.platform.count(Op::Publish) < attempt as usize {
            let t = w.tick(false).expect("tick");
            if !t.worked {
                let wake = t.wake.expect("a retry is due later");
                rig.advance((wake - rig.now()).max(Duration::milliseconds(1)));
            }
        }
        let item = rig.store.publishing().outbox_item(id).expect("item");
        assert_eq!(item.state, OutboxState::MediaUploaded);
        assert_eq!(item.attempts, attempt);
        let next = item.next_attempt().expect("backoff time");
        let delay = next - rig.now();
        let ceiling = cfg.policy.retry.ceiling(attempt);
        assert!(
            delay >= loa_publish::backoff::FLOOR && delay <= ceiling,
            "attempt {attempt}: {delay} not within [1 s, {ceiling}]"
        );
    }
    // The last allowed attempt fails the item.
    while state(&rig, id) != OutboxState::Failed {
        let t = w.tick(false).expect("tick");
        if !t.worked {
            rig.advance((t.wake.expect("wake") - rig.now()).max(Duration::milliseconds(1)));
        }
    }
    assert_eq!(
        rig.store
            .publishing()
            .outbox_item(id)
            .expect("item")
            .attempts,
        cfg.policy.max_attempts
    );
    assert!(rig.platform.posts().is_empty());
}

#[test]
fn spacing_keeps_publishes_apart_but_lets_photos_go_up() {
    let rig = Rig::new();
    let ch = rig.channel("Web", ChannelKind::Wordpress, 30);
    let mut ids = Vec::new();
    for i in 0..3 {
        let d = rig.draft(&format!("Bài {i}"), &format!("Nội dung số {i}"));
        rig.photos(d, 1);
        ids.push(rig.queue(d, ch));
    }
    rig.worker(config()).run_once().expect("run");
    let posts = rig.platform.posts();
    assert_eq!(posts.len(), 3);
    for pair in posts.windows(2) {
        let gap = pair[1].created_at - pair[0].created_at;
        assert!(gap >= Duration::seconds(30), "{gap}");
        assert!(gap < Duration::seconds(32), "no more than needed: {gap}");
    }
    // Photos of the later posts went up before the earlier posts' spacing ran out.
    let calls = rig.platform.state().calls.clone();
    let second_publish = calls
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == Op::Publish)
        .nth(1)
        .map(|(i, _)| i)
        .expect("second publish");
    let uploads_before = calls[..second_publish]
        .iter()
        .filter(|c| **c == Op::Upload)
        .count();
    assert_eq!(uploads_before, 3);
    // Spacing holds across workers (it is in the database).
    let d = rig.draft("Bài cuối", "Nội dung cuối");
    rig.queue(d, ch);
    rig.worker(config()).run_once().expect("run");
    let posts = rig.platform.posts();
    assert!(posts[3].created_at - posts[2].created_at >= Duration::seconds(30));
}

#[test]
fn a_post_for_a_platform_without_a_scheduler_waits_until_due() {
    let rig = Rig::new();
    let ch = rig.channel("Zalo OA", ChannelKind::Zalo, 0);
    let d = rig.draft("Lịch họp", "Họp lúc 8 giờ.");
    let at = rig.now() + Duration::hours(2);
    let id = rig
        .store
        .publishing()
        .queue(d, ch, Some(at))
        .expect("queued")
        .id;
    let report = rig.worker(config()).run_once().expect("run");
    assert_eq!(report.counts.active(), 1);
    assert!(
        rig.platform.state().calls.is_empty(),
        "nothing before it is due"
    );
    rig.advance(Duration::hours(2));
    rig.worker(config()).run_once().expect("run");
    assert_eq!(state(&rig, id), OutboxState::Published);
    let post = &rig.platform.posts()[0];
    assert!(post.created_at >= at);
    assert_eq!(post.scheduled_at, None);
}

#[test]
fn facebook_takes_a_post_a_few_hours_ahead_into_its_own_scheduler() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    let d = rig.draft("Lịch cắt điện", "Từ 7 giờ đến 11 giờ.");
    let at = rig.now() + Duration::hours(3);
    let id = rig
        .store
        .publishing()
        .queue(d, ch, Some(at))
        .expect("queued")
        .id;
    let item = rig.store.publishing().outbox_item(id).expect("item");
    assert!(item.platform_scheduled);
    rig.worker(config()).run_once().expect("run");
    assert_eq!(state(&rig, id), OutboxState::Published);
    let post = &rig.platform.posts()[0];
    assert_eq!(post.scheduled_at, Some(at));
    assert!(post.created_at < at);
}

#[test]
fn cancel_is_refused_mid_publish_and_allowed_before() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    let d1 = rig.draft("Một", "Một.");
    let d2 = rig.draft("Hai", "Hai.");
    let a = rig.queue(d1, ch);
    let b = rig.queue(d2, ch);
    let cancelled = rig.store.publishing().cancel(b).expect("cancel");
    assert_eq!(cancelled.state, OutboxState::Cancelled);
    // The draft is back to ready and can be queued again.
    assert_eq!(
        rig.store.drafts().get(d2).expect("d").status,
        DraftStatus::Ready
    );
    rig.platform
        .script(Op::Publish, Fault::ActThen(ErrorClass::Ambiguous));
    for _ in 0..config().policy.max_readbacks {
        rig.platform
            .script(Op::Find, Fault::Fail(ErrorClass::Transient));
    }
    let mut w = rig.worker(config());
    // Until the item is publishing.
    while state(&rig, a) != OutboxState::Publishing {
        w.tick(true).expect("tick");
    }
    assert!(matches!(
        rig.store.publishing().cancel(a),
        Err(loa_core::LoaError::OutboxWrongState { .. })
    ));
    w.run_once().expect("run");
    assert_eq!(
        rig.platform.posts().len(),
        1,
        "the cancelled one never went"
    );
    // Queue the second again.
    assert!(rig.store.publishing().queue(d2, ch, None).is_ok());
}

#[test]
fn pausing_everything_or_one_channel_stops_the_work() {
    let rig = Rig::new();
    let fb = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    let web = rig.channel("Web", ChannelKind::Wordpress, 0);
    let d = rig.draft("Thông báo", "Nội dung.");
    rig.queue(d, fb);
    rig.queue(d, web);
    rig.store.publishing().set_paused(true).expect("pause");
    rig.worker(config()).run_once().expect("run");
    assert!(rig.platform.posts().is_empty());
    rig.store.publishing().set_paused(false).expect("resume");
    rig.store
        .publishing()
        .set_channel_paused(fb, true)
        .expect("pause fb");
    let report = rig.worker(config()).run_once().expect("run");
    assert_eq!(rig.platform.posts().len(), 1);
    assert_eq!(report.counts.active(), 1);
    assert_eq!(
        rig.store.publishing().channel(fb).expect("fb").status,
        ChannelStatus::Paused
    );
    rig.store
        .publishing()
        .set_channel_paused(fb, false)
        .expect("resume fb");
    rig.worker(config()).run_once().expect("run");
    assert_eq!(rig.platform.posts().len(), 2);
}

#[test]
fn a_refreshed_token_is_saved_at_once() {
    let rig = Rig::new();
    let ch = rig.channel("Zalo OA", ChannelKind::Zalo, 0);
    let d = rig.draft("Thông báo", "Nội dung.");
    rig.queue(d, ch);
    rig.platform.state().refreshed = Some(loa_channels::Credentials {
        token: "fresh".into(),
        refresh_token: Some("fresh-refresh".into()),
        ..Default::default()
    });
    rig.worker(config()).run_once().expect("run");
    use loa_publish::CredentialStore;
    let saved = rig.creds.get(ch).expect("get").expect("some");
    assert_eq!(saved.token, "fresh");
    assert_eq!(saved.refresh_token.as_deref(), Some("fresh-refresh"));
}

#[test]
fn a_zalo_channel_without_an_image_host_refuses_photos_and_takes_them_with_one() {
    let rig = Rig::new();
    let zalo = rig.channel("Zalo OA", ChannelKind::Zalo, 0);
    let d = rig.draft("Tin ảnh", "Nội dung.");
    rig.photos(d, 2);
    assert!(matches!(
        rig.store.publishing().queue(d, zalo, None),
        Err(loa_core::LoaError::PhotosNeedImageHost { .. })
    ));
    rig.channel("Web", ChannelKind::Wordpress, 0);
    rig.store
        .publishing()
        .save_channel(&NewChannel {
            name: "Zalo OA".into(),
            kind: Some(ChannelKind::Zalo),
            spacing_secs: Some(0),
            image_host: Some("Web".into()),
            ..NewChannel::default()
        })
        .expect("host set");
    let id = rig
        .store
        .publishing()
        .queue(d, zalo, None)
        .expect("queued")
        .id;
    rig.worker(config()).run_once().expect("run");
    assert_eq!(state(&rig, id), OutboxState::Published);
    assert_eq!(rig.platform.posts()[0].media.len(), 2);
}

#[test]
fn a_single_inline_photo_goes_with_the_post() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    rig.platform.state().inline_photos = true;
    let d = rig.draft("Một ảnh", "Nội dung.");
    rig.photos(d, 1);
    let id = rig.queue(d, ch);
    rig.worker(config()).run_once().expect("run");
    assert_eq!(state(&rig, id), OutboxState::Published);
    assert_eq!(rig.platform.count(Op::Upload), 0);
    assert_eq!(rig.platform.posts()[0].media.len(), 1);
}

#[test]
fn queueing_twice_is_refused_and_the_snapshot_is_what_goes_out() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    let d = rig.draft("Bản gốc", "Nội dung gốc.");
    let id = rig.queue(d, ch);
    assert!(matches!(
        rig.store.publishing().queue(d, ch, None),
        Err(loa_core::LoaError::AlreadyQueued { .. })
    ));
    // Editing the draft after queueing changes nothing that goes out.
    rig.store
        .drafts()
        .save(
            d,
            &loa_core::DraftPatch {
                body: Some("Đã sửa sau khi xếp hàng.".into()),
                ..Default::default()
            },
        )
        .expect("edit");
    rig.worker(config()).run_once().expect("run");
    let post = &rig.platform.posts()[0];
    assert_eq!(post.text_hash, loa_channels::text_hash("Nội dung gốc."));
    assert_eq!(post.title, "Bản gốc");
    assert_eq!(state(&rig, id), OutboxState::Published);
}

#[test]
fn blocking_checks_refuse_queueing_unless_overridden() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    let d = rig.draft("Danh sách", "Ông A, CCCD 001203004567, nhận hỗ trợ.");
    assert!(matches!(
        rig.store.publishing().queue(d, ch, None),
        Err(loa_core::LoaError::ChecksBlock { .. })
    ));
    rig.store
        .drafts()
        .override_check(d, "citizen_id", "Đã được đồng ý công khai")
        .expect("override");
    assert!(rig.store.publishing().queue(d, ch, None).is_ok());
}
