//! The checks and the clients agree, platform by platform: for drafts at and around every
//! limit, a post the checks (`loa-checks`) and the platform limits (`loa_channels::check_post`)
//! let through is one the client sends as they counted it and the platform (its emulator)
//! takes, and a post they stop is one the platform would refuse (or, for a Zalo description,
//! one the client would have to cut).

mod common;

use common::publish;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use loa_channels::{
    ChannelConfig, ChannelKind, Credentials, ErrorClass, LimitViolation, Photo, PostContent,
};
use loa_checks::{PhotoInput, PostInput, Severity};
use loa_emulators::{GraphEmulator, GraphOptions, ZaloEmulator, ZaloOptions};
use loa_platforms::{FACEBOOK, ScheduleWindow, ZALO, compose};

fn config(kind: ChannelKind, base: String) -> ChannelConfig {
    ChannelConfig {
        kind,
        name: "UBND xã Nà Hẩu".into(),
        base_url: base,
        page_id: "1001".into(),
        user: String::new(),
        folder: None,
        timeout: Duration::from_secs(10),
        image_host: None,
    }
}

fn post(id: i64, title: &str, body: &str) -> PostContent {
    PostContent {
        video: None,
        outbox_id: id,
        title: title.into(),
        text: body.into(),
        photos: Vec::new(),
        scheduled_at: None,
        slug: format!("bai-{id}"),
    }
}

/// Photos of `sizes` bytes (the files exist only for the ones that are sent).
fn with_photos(mut p: PostContent, dir: &Path, sizes: &[u64]) -> PostContent {
    p.photos = sizes
        .iter()
        .enumerate()
        .map(|(i, size)| Photo {
            path: dir.join(format!("{}-{i}.jpg", p.outbox_id)),
            alt_text: format!("Ảnh {}", i + 1),
            size: *size,
        })
        .collect();
    p
}

fn now() -> DateTime<Utc> {
    "2025-07-29T08:00:00Z".parse().expect("time")
}

/// The codes of the checks' blocking findings for `p` sent to `kind`.
fn blocking(kind: ChannelKind, p: &PostContent, at: Option<DateTime<Utc>>) -> Vec<&'static str> {
    let photos: Vec<PhotoInput<'_>> = p
        .photos
        .iter()
        .map(|ph| PhotoInput {
            alt_text: &ph.alt_text,
            bytes: ph.size,
            width: 1200,
            height: 800,
        })
        .collect();
    loa_checks::check(&PostInput {
        title: &p.title,
        body: &p.text,
        photos: &photos,
        channels: &[kind],
        scheduled_at: at,
        now: now(),
    })
    .into_iter()
    .filter(|f| f.severity == Severity::Block)
    .map(|f| f.code)
    .collect()
}

fn max(limit: Option<u32>) -> usize {
    limit.expect("the platform has this limit") as usize
}

#[test]
fn facebook_text_limit_counts_the_message_the_client_sends() {
    let fb = GraphEmulator::start(GraphOptions::default()).expect("graph emulator");
    let creds = Credentials {
        token: fb.token(),
        ..Default::default()
    };
    let mut ch = loa_channels::open(config(ChannelKind::Facebook, fb.base_url()), creds);
    let limit = max(FACEBOOK.max_text_chars);
    let title = "Thông báo lịch tiêm chủng";
    // Title, blank line, body: the body that makes the message exactly `limit` long.
    let at_limit = limit - title.chars().count() - 2;
    for (id, body_len) in [(1, at_limit - 1), (2, at_limit), (3, at_limit + 1)] {
        let p = post(id, title, &"ư".repeat(body_len));
        let message = compose::facebook_message(&p.title, &p.text);
        let over = message.chars().count() > limit;
        let checks = blocking(ChannelKind::Facebook, &p, None);
        let limits = loa_channels::check_post(ChannelKind::Facebook, &p);
        assert_eq!(
            checks.contains(&"facebook_text_too_long"),
            over,
            "checks, body {body_len}"
        );
        assert_eq!(
            limits.contains(&LimitViolation::TextTooLong {
                max: limit as u32,
                actual: message.chars().count() as u32,
            }),
            over,
            "limits, body {body_len}"
        );
        match publish(ch.as_mut(), &p) {
            Ok(_) => {
                assert!(!over, "Facebook took a message over its limit");
                let sent = fb
                    .posts()
                    .into_iter()
                    .find(|e| e.message.starts_with(title) && e.message.len() == message.len())
                    .expect("the post is on the page");
                // The title reaches Facebook, and the page holds what the checks counted.
                assert_eq!(sent.message, message);
                assert!(sent.message.starts_with(&format!("{title}\n\n")));
            }
            Err(e) => {
                assert!(over, "refused at {body_len}: {e}");
                assert_eq!(e.class, ErrorClass::Invalid);
            }
        }
    }
}

#[test]
fn facebook_photo_count_and_size() {
    let dir = tempfile::tempdir().expect("dir");
    let most = max(FACEBOOK.max_photos);
    let biggest = FACEBOOK.max_photo_bytes.expect("facebook caps photo size");
    for (id, sizes, stopped) in [
        (1, vec![1_000; most], false),
        (2, vec![1_000; most + 1], true),
        (3, vec![biggest], false),
        (4, vec![biggest + 1], true),
    ] {
        let p = with_photos(post(id, "Tin", "Nội dung"), dir.path(), &sizes);
        let checks = blocking(ChannelKind::Facebook, &p, None);
        let limits = loa_channels::check_post(ChannelKind::Facebook, &p);
        let checks_stop = checks.contains(&"facebook_too_many_photos")
            || checks.contains(&"facebook_photo_too_large");
        let limits_stop = limits.iter().any(|v| {
            matches!(
                v,
                LimitViolation::TooManyPhotos { .. } | LimitViolation::PhotoTooLarge { .. }
            )
        });
        assert_eq!((checks_stop, limits_stop), (stopped, stopped), "post {id}");
    }
}

#[test]
fn facebook_schedule_window_is_the_clients() {
    let w = ScheduleWindow::FACEBOOK;
    let secs = chrono::Duration::seconds;
    for ahead in [
        secs(w.min_secs - 1),
        secs(w.min_secs),
        secs(w.max_secs),
        secs(w.max_secs + 1),
    ] {
        let at = now() + ahead;
        let p = post(1, "Tin", "Nội dung");
        let checks_stop =
            blocking(ChannelKind::Facebook, &p, Some(at)).contains(&"schedule_outside_window");
        // The worker hands the post to Facebook's scheduler now exactly when the window takes
        // it; otherwise it waits (too soon: until due; too far: until inside the window).
        let handed_over =
            loa_channels::publish_not_before(ChannelKind::Facebook, Some(at), now()) == now();
        assert_eq!(checks_stop, !handed_over, "{ahead}");
    }
}

#[test]
fn zalo_title_and_description_are_what_the_client_sends() {
    let zalo = ZaloEmulator::start(ZaloOptions {
        verify_processing_calls: 0,
        ..Default::default()
    })
    .expect("zalo emulator");
    let creds = Credentials {
        token: zalo.access_token(),
        ..Default::default()
    };
    let mut ch = loa_channels::open(config(ChannelKind::Zalo, zalo.base_url()), creds);
    let title_max = max(ZALO.max_title_chars);
    for (id, len) in [(1, title_max - 1), (2, title_max), (3, title_max + 1)] {
        let p = post(id, &"Đ".repeat(len), "Nội dung bài viết.");
        let over = len > title_max;
        assert_eq!(
            blocking(ChannelKind::Zalo, &p, None).contains(&"zalo_title_too_long"),
            over
        );
        assert_eq!(
            loa_channels::check_post(ChannelKind::Zalo, &p).contains(
                &LimitViolation::TitleTooLong {
                    max: title_max as u32,
                    actual: len as u32
                }
            ),
            over
        );
        match publish(ch.as_mut(), &p) {
            Ok(_) => {
                assert!(!over);
                let article = zalo
                    .articles()
                    .into_iter()
                    .find(|a| a.title == compose::title(&p.title))
                    .expect("article created");
                assert_eq!(article.title.chars().count(), len);
            }
            // Refused before anything is sent: the emulator never sees it.
            Err(e) => {
                assert!(over, "{e}");
                assert_eq!(e.class, ErrorClass::Invalid);
            }
        }
    }
    let desc_max = max(ZALO.max_description_chars);
    for (id, len) in [(4, desc_max - 1), (5, desc_max), (6, desc_max + 1)] {
        let first = "ư".repeat(len);
        let p = post(id, &format!("Bài {id}"), &format!("{first}\n\nĐoạn hai."));
        let over = len > desc_max;
        assert_eq!(
            blocking(ChannelKind::Zalo, &p, None).contains(&"zalo_description_too_long"),
            over
        );
        publish(ch.as_mut(), &p).expect("published");
        let article = zalo
            .articles()
            .into_iter()
            .find(|a| a.title == p.title)
            .expect("article created");
        // Within the limit the description is the first paragraph as typed; over it, the
        // client had to cut it (which is why the checks stop such a post first).
        assert_eq!(article.description == first, !over, "description of {len}");
        assert!(article.description.chars().count() <= desc_max);
    }
}

#[test]
fn zalo_photos_need_an_image_host_and_fit_its_size() {
    let dir = tempfile::tempdir().expect("dir");
    let p = with_photos(post(1, "Tin", "Nội dung"), dir.path(), &[1_000]);
    assert!(
        loa_channels::check_post(ChannelKind::Zalo, &p)
            .contains(&LimitViolation::TooManyPhotos { max: 0, actual: 1 })
    );
    let mut hosted = config(ChannelKind::Zalo, String::new());
    hosted.image_host = Some(Box::new((
        config(ChannelKind::Wordpress, String::new()),
        Credentials::default(),
    )));
    let biggest = ZALO.max_photo_bytes.expect("zalo caps photo size");
    let ok = with_photos(post(2, "Tin", "Nội dung"), dir.path(), &[biggest]);
    assert!(loa_channels::check_post_for(&hosted, &ok).is_empty());
    let big = with_photos(post(3, "Tin", "Nội dung"), dir.path(), &[biggest + 1]);
    assert_eq!(
        loa_channels::check_post_for(&hosted, &big),
        vec![LimitViolation::PhotoTooLarge {
            index: 0,
            max: biggest,
            actual: biggest + 1
        }]
    );
    // What the Zalo preset makes, the Zalo channel accepts.
    assert!(
        ChannelKind::Zalo
            .photo_preset()
            .max_bytes()
            .is_some_and(|b| b <= biggest)
    );
}

#[test]
fn wordpress_and_folder_have_no_limits_to_disagree_on() {
    let long = post(1, &"Tiêu đề dài ".repeat(100), &"Nội dung ".repeat(20_000));
    for kind in [ChannelKind::Wordpress, ChannelKind::Folder] {
        assert!(blocking(kind, &long, None).is_empty(), "{kind}");
        assert!(loa_channels::check_post(kind, &long).is_empty(), "{kind}");
    }
}
