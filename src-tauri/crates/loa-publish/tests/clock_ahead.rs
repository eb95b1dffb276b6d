//! A clock that ran ahead: times written while the computer's clock was a month in the future
//! must not hold a channel once the clock is right again, and `sync --once` says what each
//! channel waits for and until when.

mod common;

use chrono::Duration;
use common::{Fault, Op, Rig, config};
use loa_channels::ErrorClass;
use loa_core::{ChannelHold, ChannelKind, ChannelStatus, OutboxPort, OutboxState};
use loa_publish::WaitReason;

/// How far the clock ran ahead before it was corrected.
fn jump() -> Duration {
    Duration::days(30)
}

fn state(rig: &Rig, id: i64) -> OutboxState {
    rig.state(id)
}

#[test]
fn a_last_publish_in_the_future_does_not_hold_the_spacing() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 30);
    let first = rig.queue(rig.draft("Bài 1", "Nội dung 1."), ch);
    rig.advance(jump());
    rig.worker(config()).run_once().expect("run ahead");
    assert_eq!(state(&rig, first), OutboxState::Published);

    rig.advance(-jump());
    let second = rig.queue(rig.draft("Bài 2", "Nội dung 2."), ch);
    let before = rig.now();
    let report = rig.worker(config()).run_once().expect("run");
    assert_eq!(state(&rig, second), OutboxState::Published, "{report:?}");
    // The spacing still counts, from now rather than from the future.
    let posts = rig.platform.posts();
    assert!(posts[1].created_at >= before + Duration::seconds(30));
    assert!(posts[1].created_at < before + Duration::minutes(5));
}

#[test]
fn a_throttle_written_in_the_future_does_not_hold_the_channel() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Zalo, 0);
    let id = rig.queue(rig.draft("Thông báo", "Nội dung."), ch);
    rig.advance(jump());
    rig.store
        .hold_channel(
            ch,
            ChannelHold::Throttled {
                until: rig.now() + Duration::hours(1),
            },
        )
        .expect("hold");
    rig.advance(-jump());
    assert_eq!(
        rig.store.channel(ch).expect("channel").status,
        ChannelStatus::Ok,
        "a hold ending a month from now cannot be a platform's"
    );
    rig.worker(config()).run_once().expect("run");
    assert_eq!(state(&rig, id), OutboxState::Published);
}

#[test]
fn a_hold_longer_than_any_platform_asks_is_cut_when_written() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    let held = rig
        .store
        .hold_channel(
            ch,
            ChannelHold::Throttled {
                until: rig.now() + Duration::days(400),
            },
        )
        .expect("hold");
    let until = held
        .throttled_until(rig.now())
        .expect("still throttled, for a while");
    assert!(until <= rig.now() + loa_core::publishing::ahead::LONGEST_HOLD);
}

#[test]
fn a_retry_written_in_the_future_is_tried_now() {
    let rig = Rig::new();
    let ch = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    let id = rig.queue(rig.draft("Thông báo", "Nội dung."), ch);
    rig.advance(jump());
    rig.platform
        .script(Op::Publish, Fault::Fail(ErrorClass::Transient));
    // Patience 0: the run stops at the first wait, leaving the retry in the stored future.
    let mut impatient = config();
    impatient.once_patience = Duration::zero();
    rig.worker(impatient).run_once().expect("run ahead");
    let item = rig.store.publishing().outbox_item(id).expect("item");
    assert_eq!(item.state, OutboxState::MediaUploaded);
    assert!(item.next_attempt().is_some_and(|t| t > rig.now()));

    rig.advance(-jump());
    let shown = rig.store.publishing().outbox_item(id).expect("item");
    assert!(
        shown.next_attempt().is_some_and(|t| t <= rig.now()),
        "{shown:?}"
    );
    rig.worker(config()).run_once().expect("run");
    assert_eq!(state(&rig, id), OutboxState::Published);
}

#[test]
fn a_scheduled_post_keeps_its_distant_time() {
    let rig = Rig::new();
    let ch = rig.channel("Zalo xã", ChannelKind::Zalo, 0);
    let at = rig.now() + Duration::days(20);
    let id = rig
        .store
        .publishing()
        .queue(rig.draft("Lịch họp", "Họp dân tháng sau."), ch, Some(at))
        .expect("queued")
        .id;
    let report = rig.worker(config()).run_once().expect("run");
    assert_eq!(state(&rig, id), OutboxState::Queued);
    let waiting = report.channels[0].waiting.clone().expect("waiting");
    assert_eq!(waiting.reason, WaitReason::Scheduled);
    let until = waiting
        .until
        .as_deref()
        .and_then(loa_core::clock::parse_ts)
        .expect("until");
    assert!(until > rig.now() + Duration::days(19), "{waiting:?}");
}

#[test]
fn once_says_what_each_channel_waits_for() {
    let rig = Rig::new();
    let fb = rig.channel("Trang xã", ChannelKind::Facebook, 0);
    let zalo = rig.channel("Zalo xã", ChannelKind::Zalo, 0);
    let wp = rig.channel("Cổng xã", ChannelKind::Wordpress, 0);
    rig.queue(rig.draft("Bài 1", "Nội dung 1."), fb);
    rig.queue(rig.draft("Bài 2", "Nội dung 2."), zalo);
    rig.platform.script(
        Op::Publish,
        Fault::Fail(ErrorClass::Throttled {
            retry_after_secs: 3600,
        }),
    );
    rig.platform
        .script(Op::Publish, Fault::Fail(ErrorClass::Auth));
    let report = rig.worker(config()).run_once().expect("run");
    let of = |id: i64| {
        report
            .channels
            .iter()
            .find(|c| c.id == id)
            .expect("channel")
            .waiting
            .clone()
    };
    let throttled = of(fb).expect("fb waits");
    assert_eq!(throttled.reason, WaitReason::Throttled);
    let until = throttled
        .until
        .as_deref()
        .and_then(loa_core::clock::parse_ts)
        .expect("until");
    assert!(until >= rig.now() + Duration::minutes(59), "{throttled:?}");
    let reconnect = of(zalo).expect("zalo waits");
    assert_eq!(reconnect.reason, WaitReason::NeedsReconnect);
    assert_eq!(reconnect.until, None);
    assert_eq!(of(wp), None, "nothing queued there");
}
