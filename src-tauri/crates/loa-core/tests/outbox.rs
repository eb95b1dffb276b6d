//! The outbox tables: channels without secrets, queueing with snapshots, the officer's actions,
//! channel leases and the state machine's edges.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
mod common;
use common::jpeg;

use loa_core::{
    ChannelHold, ChannelKind, ChannelStatus, LeaseOutcome, LoaError, ManualClock, NewChannel,
    NewDraft, OutboxError, OutboxPort, OutboxState, Store, Transition,
};

fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2025-07-29T07:30:00Z")
        .expect("ts")
        .with_timezone(&Utc)
}

struct Rig {
    dir: tempfile::TempDir,
    clock: Arc<ManualClock>,
    store: Store,
}

fn rig() -> Rig {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(ManualClock::new(start()));
    let store = Store::open_with_clock(dir.path(), clock.clone()).expect("open");
    Rig { dir, clock, store }
}

fn channel(store: &Store, name: &str, kind: ChannelKind) -> i64 {
    store
        .publishing()
        .save_channel(&NewChannel {
            name: name.into(),
            kind: Some(kind),
            page_id: "1001".into(),
            ..NewChannel::default()
        })
        .expect("channel")
        .0
        .id
}

fn draft(store: &Store, title: &str, body: &str) -> i64 {
    store
        .drafts()
        .create(&NewDraft {
            title: title.into(),
            body: body.into(),
            ..NewDraft::default()
        })
        .expect("draft")
        .id
}

#[test]
fn channels_are_saved_by_name_and_an_update_lifts_a_reconnect_hold() {
    let r = rig();
    let id = channel(&r.store, "Trang xã", ChannelKind::Facebook);
    let c = r.store.publishing().channel(id).expect("channel");
    assert_eq!(c.base_url, ChannelKind::Facebook.default_base_url());
    assert_eq!(c.spacing_secs, 30);
    assert_eq!(c.page_url, "https://www.facebook.com/1001");
    assert_eq!(c.status, ChannelStatus::Ok);
    // Same name, other kind: refused.
    assert!(matches!(
        r.store.publishing().save_channel(&NewChannel {
            name: "Trang xã".into(),
            kind: Some(ChannelKind::Zalo),
            ..NewChannel::default()
        }),
        Err(LoaError::ChannelKindMismatch { .. })
    ));
    r.store
        .hold_channel(id, ChannelHold::NeedsReconnect)
        .expect("hold");
    // A throttle never hides the reconnect hold.
    r.store
        .hold_channel(
            id,
            ChannelHold::Throttled {
                until: start() + Duration::hours(1),
            },
        )
        .expect("hold");
    assert_eq!(
        r.store.publishing().channel(id).expect("c").status,
        ChannelStatus::NeedsReconnect
    );
    // Resuming does not lift it either; saving the channel (new token) does.
    r.store
        .publishing()
        .set_channel_paused(id, false)
        .expect("resume");
    assert_eq!(
        r.store.publishing().channel(id).expect("c").status,
        ChannelStatus::NeedsReconnect
    );
    let (c, updated) = r
        .store
        .publishing()
        .save_channel(&NewChannel {
            name: "Trang xã".into(),
            kind: Some(ChannelKind::Facebook),
            page_id: "1001".into(),
            spacing_secs: Some(60),
            ..NewChannel::default()
        })
        .expect("update");
    assert!(updated);
    assert_eq!(c.status, ChannelStatus::Ok);
    assert_eq!(c.spacing_secs, 60);
    assert!(matches!(
        r.store.publishing().channel_by_name("Không có"),
        Err(LoaError::ChannelNotFound { .. })
    ));
    // The database holds no secret column at all.
    let sql = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/0006_outbox.sql"),
    )
    .expect("migration");
    for word in ["token", "password", "secret"] {
        assert!(
            !sql.lines()
                .filter(|l| !l.trim_start().starts_with("--"))
                .any(|l| l.to_lowercase().contains(word)),
            "{word} in the schema"
        );
    }
}

#[test]
fn a_throttle_runs_out_by_itself() {
    let r = rig();
    let id = channel(&r.store, "Trang xã", ChannelKind::Facebook);
    r.store
        .hold_channel(
            id,
            ChannelHold::Throttled {
                until: start() + Duration::minutes(5),
            },
        )
        .expect("hold");
    let c = r.store.publishing().channel(id).expect("c");
    assert_eq!(c.status, ChannelStatus::Throttled);
    assert_eq!(c.paused_until.as_deref(), Some("2025-07-29T07:35:00.000Z"));
    r.clock.advance(Duration::minutes(5) + Duration::seconds(1));
    let c = r.store.publishing().channel(id).expect("c");
    assert_eq!(c.status, ChannelStatus::Ok);
    assert_eq!(c.paused_until, None);
}

#[test]
fn queueing_snapshots_text_and_photos() {
    let r = rig();
    let ch = channel(&r.store, "Web", ChannelKind::Wordpress);
    let d = draft(&r.store, "Hội nghị", "Nội dung hội nghị.");
    let photos = [
        jpeg(r.dir.path(), "a.jpg", 40),
        jpeg(r.dir.path(), "b.jpg", 95),
    ];
    let attached = r
        .store
        .publishing()
        .attach_for_posting(d, &photos)
        .expect("attach");
    assert_eq!(attached.len(), 2);
    // A clean, upright JPEG is posted as it is.
    assert!(attached.iter().all(|p| p.prepared_path.is_some()));
    let item = r.store.publishing().queue(d, ch, None).expect("queue");
    assert_eq!(item.state, OutboxState::Queued);
    assert_eq!(item.title, "Hội nghị");
    assert_eq!(item.text, "Nội dung hội nghị.");
    assert_eq!(
        item.text_hash,
        loa_platforms::text_hash("Nội dung hội nghị.")
    );
    assert!(item.slug.starts_with("hoi-nghi-"), "{}", item.slug);
    assert_eq!(item.media.len(), 2);
    for (m, original) in item.media.iter().zip(&photos) {
        let snap = std::fs::read(&m.path).expect("snapshot");
        assert_eq!(snap, std::fs::read(original).expect("original"));
        assert!(m.path.contains("outbox"));
        assert_eq!(m.size, snap.len() as u64);
        assert!(m.remote_id.is_none());
    }
    assert_eq!(
        item.bytes_total,
        item.media.iter().map(|m| m.size).sum::<u64>()
    );
    // Preparing the draft's photos again (which empties its prepared folder) cannot touch the
    // snapshot.
    r.store
        .media()
        .prepare_draft_photos(
            d,
            &loa_core::PrepareOptions::default(),
            |_| {},
            &std::sync::atomic::AtomicBool::new(false),
        )
        .expect("prepare");
    for m in &item.media {
        assert!(std::path::Path::new(&m.path).is_file());
    }
    assert_eq!(
        r.store.drafts().get(d).expect("d").status,
        loa_core::DraftStatus::Queued
    );
    assert_eq!(
        r.store
            .publishing()
            .outbox_for_draft(d)
            .expect("list")
            .len(),
        1
    );
}

#[test]
fn queueing_refuses_unknown_trashed_and_twice() {
    let r = rig();
    let ch = channel(&r.store, "Trang xã", ChannelKind::Facebook);
    assert!(matches!(
        r.store.publishing().queue(404, ch, None),
        Err(LoaError::DraftNotFound { id: 404 })
    ));
    let d = draft(&r.store, "Tin", "Nội dung.");
    assert!(r.store.publishing().queue(d, 99, None).is_err());
    let t = draft(&r.store, "Trong thùng rác", "x");
    r.store.drafts().trash(t).expect("trash");
    assert!(matches!(
        r.store.publishing().queue(t, ch, None),
        Err(LoaError::DraftInTrash { .. })
    ));
    let first = r.store.publishing().queue(d, ch, None).expect("queue");
    assert!(matches!(
        r.store.publishing().queue(d, ch, None),
        Err(LoaError::AlreadyQueued { .. })
    ));
    r.store.publishing().cancel(first.id).expect("cancel");
    assert!(
        r.store.publishing().queue(d, ch, None).is_ok(),
        "after a cancel"
    );
}

#[test]
fn the_channel_checks_apply_only_to_the_chosen_channel() {
    let r = rig();
    let fb = channel(&r.store, "Trang xã", ChannelKind::Facebook);
    let zalo = channel(&r.store, "Zalo", ChannelKind::Zalo);
    // A title too long for a Zalo article, fine for Facebook.
    let d = draft(&r.store, &"Thông báo ".repeat(20), "Nội dung.");
    assert!(matches!(
        r.store.publishing().queue(d, zalo, None),
        Err(LoaError::ChecksBlock { findings, .. })
            if findings.iter().any(|f| f.code == "zalo_title_too_long")
    ));
    assert!(r.store.publishing().queue(d, fb, None).is_ok());
}

#[test]
fn a_scheduled_post_waits_unless_its_platform_schedules_it() {
    let r = rig();
    let fb = channel(&r.store, "Trang xã", ChannelKind::Facebook);
    let web = channel(&r.store, "Web", ChannelKind::Wordpress);
    let zalo = channel(&r.store, "Zalo", ChannelKind::Zalo);
    let d = draft(&r.store, "Lịch", "Nội dung.");
    let at = start() + Duration::hours(3);
    let f = r.store.publishing().queue(d, fb, Some(at)).expect("fb");
    assert!(f.platform_scheduled);
    assert_eq!(f.next_attempt_at, None, "goes to Facebook's scheduler now");
    // WordPress keeps `future` posts itself: sent now with its date.
    let w = r.store.publishing().queue(d, web, Some(at)).expect("web");
    assert!(!w.platform_scheduled);
    assert_eq!(w.next_attempt_at, None);
    assert_eq!(w.scheduled(), Some(at));
    // Zalo has no scheduler: the post waits in the outbox until it is due.
    let z = r.store.publishing().queue(d, zalo, Some(at)).expect("zalo");
    assert!(!z.platform_scheduled);
    assert_eq!(z.next_attempt(), Some(at));
    // Further ahead than Facebook schedules: it waits until it enters the window.
    let d2 = draft(&r.store, "Lịch", "Nội dung khác.");
    let far = start() + Duration::days(40);
    let f2 = r
        .store
        .publishing()
        .queue(d2, fb, Some(far))
        .expect("fb far");
    assert!(!f2.platform_scheduled);
    let window = loa_platforms::ScheduleWindow::FACEBOOK;
    assert_eq!(
        f2.next_attempt(),
        Some(far - Duration::seconds(window.max_secs))
    );
}

#[test]
fn leases_exclude_other_workers_until_they_run_out() {
    let r = rig();
    let ch = channel(&r.store, "Trang xã", ChannelKind::Facebook);
    let alive = |_: &str| false;
    let ttl = Duration::seconds(30);
    assert_eq!(
        r.store.lease_channel(ch, "a", ttl, &alive).expect("a"),
        LeaseOutcome::Acquired
    );
    assert!(matches!(
        r.store.lease_channel(ch, "b", ttl, &alive).expect("b"),
        LeaseOutcome::Held { owner, .. } if owner == "a"
    ));
    // Renewal by its holder only.
    assert!(r.store.renew_channel_lease(ch, "a", ttl).expect("renew"));
    assert!(!r.store.renew_channel_lease(ch, "b", ttl).expect("renew"));
    // A dead owner is replaced at once.
    assert_eq!(
        r.store
            .lease_channel(ch, "b", ttl, &|o| o == "a")
            .expect("b"),
        LeaseOutcome::Acquired
    );
    // An expired one too.
    r.clock.advance(ttl + Duration::seconds(1));
    assert_eq!(
        r.store.lease_channel(ch, "c", ttl, &alive).expect("c"),
        LeaseOutcome::Acquired
    );
    r.store.release_channel_lease(ch, "b").expect("no-op");
    assert!(matches!(
        r.store.lease_channel(ch, "a", ttl, &alive).expect("a"),
        LeaseOutcome::Held { .. }
    ));
    r.store.release_channel_lease(ch, "c").expect("release");
    assert_eq!(
        r.store.lease_channel(ch, "a", ttl, &alive).expect("a"),
        LeaseOutcome::Acquired
    );
}

#[test]
fn transitions_follow_the_diagram_and_need_the_lease() {
    let r = rig();
    let ch = channel(&r.store, "Trang xã", ChannelKind::Facebook);
    let d = draft(&r.store, "Tin", "Nội dung.");
    let id = r.store.publishing().queue(d, ch, None).expect("queue").id;
    let err = |code: &str| OutboxError {
        code: code.into(),
        message: "m".into(),
    };
    // Without the lease: refused.
    assert!(matches!(
        r.store
            .transition_outbox("w", id, OutboxState::Queued, &Transition::MediaReady),
        Err(LoaError::OutboxConflict { .. })
    ));
    r.store
        .lease_channel(ch, "w", Duration::seconds(30), &|_| false)
        .expect("lease");
    // Not an edge: publishing straight from queued.
    assert!(
        r.store
            .transition_outbox("w", id, OutboxState::Queued, &Transition::BeginPublish)
            .is_err()
    );
    // Wrong expected state: refused (someone else moved it).
    assert!(
        r.store
            .transition_outbox(
                "w",
                id,
                OutboxState::MediaUploaded,
                &Transition::BeginPublish
            )
            .is_err()
    );
    let i = r
        .store
        .transition_outbox("w", id, OutboxState::Queued, &Transition::MediaReady)
        .expect("ready");
    assert_eq!(i.state, OutboxState::MediaUploaded);
    let i = r
        .store
        .transition_outbox("w", id, i.state, &Transition::BeginPublish)
        .expect("begin");
    assert_eq!(i.state, OutboxState::Publishing);
    assert_eq!(
        i.publish_started_at.as_deref(),
        Some("2025-07-29T07:30:00.000Z")
    );
    assert_eq!(
        r.store.publishing().channel(ch).expect("c").last_publish_at,
        i.publish_started_at
    );
    // Cancel is refused mid-publish.
    assert!(matches!(
        r.store.publishing().cancel(id),
        Err(LoaError::OutboxWrongState { .. })
    ));
    let i = r
        .store
        .transition_outbox(
            "w",
            id,
            i.state,
            &Transition::ReadBackLater {
                next_attempt_at: Some(start() + Duration::seconds(5)),
                count_attempt: true,
                count_readback: true,
                error: Some(err("timeout")),
            },
        )
        .expect("read back later");
    assert_eq!((i.attempts, i.readback_attempts), (1, 1));
    assert_eq!(i.last_error.expect("error").code, "timeout");
    // The lease moved on: a finished publish is still recorded (a remote id is always true).
    r.clock.advance(Duration::seconds(31));
    r.store
        .lease_channel(ch, "other", Duration::seconds(30), &|_| false)
        .expect("taken over");
    let i = r
        .store
        .transition_outbox(
            "w",
            id,
            OutboxState::Publishing,
            &Transition::Published {
                remote_id: Some("1001_7".into()),
                remote_url: Some("https://facebook.com/1001_7".into()),
                count_attempt: false,
            },
        )
        .expect("published");
    assert_eq!(i.state, OutboxState::Published);
    assert_eq!(i.last_error, None);
    assert_eq!(
        r.store.drafts().get(d).expect("d").status,
        loa_core::DraftStatus::Published
    );
    let counts = r.store.outbox_counts().expect("counts");
    assert_eq!((counts.published, counts.active()), (1, 0));
}

#[test]
fn a_recorded_photo_id_is_never_replaced() {
    let r = rig();
    let ch = channel(&r.store, "Web", ChannelKind::Wordpress);
    let d = draft(&r.store, "Ảnh", "Nội dung.");
    r.store
        .publishing()
        .attach_for_posting(d, &[jpeg(r.dir.path(), "a.jpg", 90)])
        .expect("attach");
    let id = r.store.publishing().queue(d, ch, None).expect("queue").id;
    r.store
        .lease_channel(ch, "w", Duration::seconds(30), &|_| false)
        .expect("lease");
    let i = r
        .store
        .record_media_upload("w", id, 0, "m-1", Some("https://x/m-1.jpg"))
        .expect("record");
    assert_eq!(i.media[0].remote_id.as_deref(), Some("m-1"));
    assert!(i.media_complete());
    let i = r
        .store
        .record_media_upload("w", id, 0, "m-2", None)
        .expect("record again");
    assert_eq!(i.media[0].remote_id.as_deref(), Some("m-1"));
    // Another worker cannot record.
    assert!(
        r.store
            .record_media_upload("x", id, 0, "m-3", None)
            .is_err()
    );
}

#[test]
fn retry_and_mark_published_follow_the_officer_rules() {
    let r = rig();
    let ch = channel(&r.store, "Trang xã", ChannelKind::Facebook);
    let d = draft(&r.store, "Tin", "Nội dung.");
    let id = r.store.publishing().queue(d, ch, None).expect("queue").id;
    // Nothing to retry or mark yet.
    assert!(r.store.publishing().retry(id, true).is_err());
    assert!(
        r.store
            .publishing()
            .mark_published(id, "https://x")
            .is_err()
    );
    r.store
        .lease_channel(ch, "w", Duration::seconds(30), &|_| false)
        .expect("lease");
    r.store
        .transition_outbox(
            "w",
            id,
            OutboxState::Queued,
            &Transition::Fail {
                count_attempt: true,
                error: OutboxError {
                    code: "100".into(),
                    message: "Invalid parameter".into(),
                },
            },
        )
        .expect("fail");
    let i = r.store.publishing().retry(id, false).expect("retry");
    assert_eq!(i.state, OutboxState::MediaUploaded, "no photos to upload");
    assert_eq!(i.attempts, 0);
    assert_eq!(i.last_error, None);

    // A try that failed on the way (the link dropped) waits out a pause; "Thử lại ngay" ends it
    // without forgetting the attempts.
    r.store
        .transition_outbox(
            "w",
            id,
            OutboxState::MediaUploaded,
            &Transition::Retry {
                to: OutboxState::MediaUploaded,
                next_attempt_at: Some(start() + Duration::minutes(10)),
                count_attempt: true,
                error: None,
            },
        )
        .expect("wait");
    let waiting = r.store.publishing().outbox_item(id).expect("item");
    assert!(waiting.next_attempt_at.is_some());
    let now = r.store.publishing().retry(id, false).expect("try now");
    assert_eq!(now.state, OutboxState::MediaUploaded);
    assert_eq!(now.next_attempt_at, None, "no pause left");
    assert_eq!(now.attempts, waiting.attempts, "the attempts are kept");
    r.store.publishing().set_paused(true).expect("pause");
    assert!(r.store.publishing().paused().expect("paused"));
    r.store.publishing().set_paused(false).expect("resume");
    assert!(!r.store.publishing().paused().expect("paused"));
}

/// A channel's secrets go only to `https` (or plain `http` on this computer, the sandbox); an
/// address that would carry them in clear, or that holds a password itself, is refused.
#[test]
fn channel_addresses_must_keep_secrets_encrypted() {
    let r = rig();
    let save = |url: &str| {
        r.store.publishing().save_channel(&NewChannel {
            name: "Cổng xã".into(),
            kind: Some(ChannelKind::Wordpress),
            base_url: url.into(),
            user: "canbo".into(),
            ..NewChannel::default()
        })
    };
    for ok in [
        "https://xa-na-hau.gov.vn",
        "http://127.0.0.1:8080",
        "http://localhost:3000",
    ] {
        save(ok).unwrap_or_else(|e| panic!("{ok}: {e:?}"));
    }
    let vi = loa_core::Localizer::new(loa_core::Lang::Vi);
    let e = save("http://xa-na-hau.gov.vn").expect_err("plain http");
    assert_eq!(e.code(), loa_core::ErrorCode::ChannelAddress);
    assert!(vi.error(&e).contains("https://"), "{}", vi.error(&e));
    let e = save("https://admin:MatKhau123@xa-na-hau.gov.vn").expect_err("a password inside");
    assert_eq!(e.args()["problem"], "credentials-in-address");
    for shown in [vi.error(&e), format!("{:?}", e.args())] {
        assert!(!shown.contains("MatKhau123"), "{shown}");
    }
    // The stored channel keeps its last accepted address.
    let stored = r
        .store
        .publishing()
        .channel_by_name("Cổng xã")
        .expect("channel");
    assert_eq!(stored.base_url, "http://localhost:3000");
}

#[test]
fn slugs_differ_between_profiles_even_for_the_same_row_and_text() {
    // Two profiles (or one reinstalled): row ids restart at 1 and a notice repeats its text.
    let slug_of = |r: &Rig| {
        let ch = channel(&r.store, "Web", ChannelKind::Wordpress);
        let d = draft(&r.store, "Lịch tiếp dân", "Thứ Năm hằng tuần.");
        r.store.publishing().queue(d, ch, None).expect("queue")
    };
    let (a, b) = (rig(), rig());
    let (in_a, in_b) = (slug_of(&a), slug_of(&b));
    assert_eq!(in_a.id, in_b.id);
    assert!(in_a.slug.starts_with("lich-tiep-dan-"), "{}", in_a.slug);
    assert_ne!(
        in_a.slug, in_b.slug,
        "a read-back must never match the other profile's post"
    );
    // The key stays with its profile, also after it is opened again.
    let key = |slug: &str| slug.rsplit('-').next().map(str::to_owned);
    let dir = a.dir.path().to_path_buf();
    drop(a.store);
    let reopened = Store::open_with_clock(&dir, a.clock.clone()).expect("reopen");
    let ch = reopened.publishing().channels().expect("channels")[0].id;
    let d = draft(&reopened, "Họp dân", "Tối thứ Bảy.");
    let again = reopened.publishing().queue(d, ch, None).expect("queue");
    assert_eq!(key(&again.slug), key(&in_a.slug));
}

fn video_file(dir: &std::path::Path, len: usize) -> loa_core::PostVideo {
    let path = dir.join("video.mp4");
    let bytes: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
    std::fs::write(&path, &bytes).expect("video written");
    loa_core::PostVideo::from_file(&path).expect("measured")
}

#[test]
fn a_video_is_snapshotted_and_its_upload_committed_chunk_by_chunk() {
    let r = rig();
    let fb = channel(&r.store, "Trang", ChannelKind::Facebook);
    let zalo = channel(&r.store, "OA", ChannelKind::Zalo);
    let d = draft(&r.store, "Video", "Hướng dẫn dùng Callbot.");
    let video = video_file(r.dir.path(), 300_000);

    // Zalo: refused before anything is queued.
    let e = r
        .store
        .publishing()
        .queue_with_video(d, zalo, None, Some(&video))
        .expect_err("Zalo carries no video");
    assert!(
        matches!(&e, LoaError::VideoRefused { reason, .. } if reason == "not_carried"),
        "{e:?}"
    );
    // A file that changed since it was measured is not queued.
    let mut changed = video.clone();
    changed.sha256 = "0".repeat(64);
    let e = r
        .store
        .publishing()
        .queue_with_video(d, fb, None, Some(&changed))
        .expect_err("changed");
    assert!(matches!(&e, LoaError::VideoRefused { reason, .. } if reason == "changed"));
    assert!(r.store.publishing().outbox().expect("outbox").is_empty());

    let item = r
        .store
        .publishing()
        .queue_with_video(d, fb, None, Some(&video))
        .expect("queued");
    let v = item.video.clone().expect("video row");
    assert_eq!(v.size, 300_000);
    assert_eq!(item.bytes_total, 300_000);
    assert_ne!(v.path, video.path.display().to_string(), "a snapshot");
    assert_eq!(
        std::fs::read(&v.path).expect("snapshot"),
        std::fs::read(&video.path).expect("file")
    );
    assert!(!item.media_complete(), "the video is not up yet");
    assert_eq!(item.upload_bytes(), Some((0, 300_000)));

    r.store
        .lease_channel(fb, "w", Duration::seconds(30), &|_| false)
        .expect("lease");
    let step = |at: u64, sent: u64| loa_core::UploadProgress {
        upload_session_id: Some("s1".into()),
        video_id: Some("v1".into()),
        session_started_at: Some(start()),
        start_offset: at,
        end_offset: Some(at + 100_000),
        chunk_bytes: Some(100_000),
        bytes_sent_delta: sent,
    };
    let i = r
        .store
        .record_video_progress("w", item.id, &step(100_000, 100_400))
        .expect("first chunk");
    let i2 = r
        .store
        .record_video_progress("w", item.id, &step(200_000, 150_000))
        .expect("second chunk, one cut before it");
    assert_eq!(i.video.as_ref().map(|v| v.start_offset), Some(100_000));
    let v2 = i2.video.clone().expect("video");
    assert_eq!(v2.start_offset, 200_000);
    assert_eq!(v2.bytes_sent, 250_400, "wire bytes add up");
    assert_eq!(v2.upload_session_id.as_deref(), Some("s1"));
    assert_eq!(i2.upload_bytes(), Some((200_000, 300_000)));
    // Only the lease holder commits.
    assert!(
        r.store
            .record_video_progress("x", item.id, &step(300_000, 1))
            .is_err()
    );
    // An expired session is forgotten; the wire count stays.
    let reset = r.store.reset_video_upload("w", item.id).expect("reset");
    let v3 = reset.video.clone().expect("video");
    assert_eq!((v3.start_offset, v3.upload_session_id.clone()), (0, None));
    assert_eq!(v3.bytes_sent, 250_400);
    let done = r
        .store
        .record_video_upload("w", item.id, "v2", None)
        .expect("uploaded");
    assert!(done.media_complete());
    assert_eq!(done.upload_bytes(), Some((300_000, 300_000)));

    // A draft with photos cannot also carry a video.
    let d2 = draft(&r.store, "Ảnh", "Nội dung.");
    r.store
        .publishing()
        .attach_for_posting(d2, &[jpeg(r.dir.path(), "a.jpg", 90)])
        .expect("attach");
    let e = r
        .store
        .publishing()
        .queue_with_video(d2, fb, None, Some(&video))
        .expect_err("photos and a video");
    assert!(matches!(&e, LoaError::VideoRefused { reason, .. } if reason == "with_photos"));
}
