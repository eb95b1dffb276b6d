//! The clients against the loopback emulators of `loa-emulators`, which follow the platforms'
//! documentation independently of these clients: where the two disagree, one of them misread
//! the docs.

mod common;

use common::{config, publish};
use std::path::Path;
use std::time::Duration;

use chrono::Utc;
use loa_channels::{Channel, ChannelKind, Credentials, ErrorClass, Photo, PostContent};
use loa_emulators::{
    EndpointMatch, Fault, Faults, GraphEmulator, GraphOptions, WordPressEmulator, WordPressOptions,
    ZaloEmulator, ZaloOptions, sha256,
};

fn post(dir: &Path, id: i64, photos: usize) -> PostContent {
    let photos = (0..photos)
        .map(|i| {
            let path = dir.join(format!("{id}-{i}.jpg"));
            // Distinct JPEG-looking bytes; the emulators hash what they receive.
            let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
            bytes.extend((0..20_000).map(|b: usize| ((b * (i + 3) + id as usize) % 251) as u8));
            bytes.extend([0xFF, 0xD9]);
            std::fs::write(&path, &bytes).expect("photo");
            Photo {
                path,
                alt_text: format!("Ảnh {}", i + 1),
                size: bytes.len() as u64,
            }
        })
        .collect();
    PostContent {
        video: None,
        outbox_id: id,
        title: format!("Thông báo số {id}"),
        text: format!("Thông báo số {id} của UBND xã.\n\nBà con bản Khun & bản Nà lưu ý."),
        photos,
        scheduled_at: None,
        slug: format!("thong-bao-so-{id}"),
    }
}

fn hashes(p: &PostContent) -> Vec<[u8; 32]> {
    p.photos
        .iter()
        .map(|ph| sha256(&std::fs::read(&ph.path).expect("photo")))
        .collect()
}

#[test]
fn facebook_against_the_graph_emulator() {
    let dir = tempfile::tempdir().expect("dir");
    let fb = GraphEmulator::start(GraphOptions::default()).expect("graph emulator");
    let creds = Credentials {
        token: fb.token(),
        ..Credentials::default()
    };
    let mut ch = loa_channels::open(config(ChannelKind::Facebook, fb.base_url()), creds);
    assert_eq!(ch.verify().expect("verify"), "UBND xã Nà Hẩu");
    ch.probe().expect("probe");

    let text = post(dir.path(), 1, 0);
    let one = post(dir.path(), 2, 1);
    let three = post(dir.path(), 3, 3);
    for p in [&text, &one, &three] {
        publish(ch.as_mut(), p).expect("publish");
    }
    let posts = fb.posts();
    let find = |p: &PostContent| {
        posts
            .iter()
            // The page shows the title line, a blank line, then the body.
            .find(|e| e.message == format!("{}\n\n{}", p.title, p.text))
            .unwrap_or_else(|| panic!("post {} on the page, with its title", p.outbox_id))
            .clone()
    };
    assert!(find(&text).photos.is_empty());
    assert_eq!(find(&one).photos, hashes(&one));
    assert_eq!(find(&three).photos, hashes(&three), "photos in order");
    assert!(find(&three).published);

    // Scheduled: handed to Facebook's scheduler, found again among scheduled posts.
    let mut later = post(dir.path(), 4, 2);
    later.scheduled_at = Some(Utc::now() + chrono::Duration::hours(6));
    let scheduled = publish(ch.as_mut(), &later).expect("schedule");
    let emulated = fb
        .posts()
        .into_iter()
        .find(|e| e.id == scheduled.id)
        .expect("scheduled post");
    assert!(!emulated.published);
    assert_eq!(
        emulated.scheduled_publish_time,
        later.scheduled_at.map(|t| t.timestamp())
    );
    assert_eq!(
        ch.find_published(&later, Utc::now())
            .expect("read back")
            .map(|r| r.id),
        Some(scheduled.id)
    );

    // The answer to a publish is lost after Facebook acted: ambiguous, and read-back finds it.
    let lost = post(dir.path(), 5, 0);
    fb.set_faults(Faults::script(vec![(
        EndpointMatch::post("/feed"),
        Fault::DropAfterHandling,
    )]));
    let since = Utc::now();
    let e = publish(ch.as_mut(), &lost).expect_err("no answer");
    assert_eq!(e.class, ErrorClass::Ambiguous, "{e:?}");
    assert!(
        ch.find_published(&lost, since)
            .expect("read back")
            .is_some()
    );
    // Dropped before Facebook acted: read-back says it is not there.
    let dropped = post(dir.path(), 6, 0);
    fb.set_faults(Faults::script(vec![(
        EndpointMatch::post("/feed"),
        Fault::DropBeforeHandling,
    )]));
    assert!(publish(ch.as_mut(), &dropped).is_err());
    assert_eq!(ch.find_published(&dropped, since).expect("read back"), None);

    fb.set_faults(Faults::script(vec![(
        EndpointMatch::post("/feed"),
        Fault::Throttle { code: 32 },
    )]));
    let e = publish(ch.as_mut(), &post(dir.path(), 7, 0)).expect_err("throttled");
    assert!(
        matches!(e.class, ErrorClass::Throttled { retry_after_secs } if retry_after_secs >= 60),
        "{e:?}"
    );

    fb.clear_faults();
    fb.expire_token();
    let e = publish(ch.as_mut(), &post(dir.path(), 8, 0)).expect_err("expired");
    assert_eq!(e.class, ErrorClass::Auth, "{e:?}");
    assert!(e.code.starts_with("190"), "{e:?}");
}

#[test]
fn zalo_against_the_zalo_emulator() {
    let dir = tempfile::tempdir().expect("dir");
    let opts = ZaloOptions::default();
    let zalo = ZaloEmulator::start(opts.clone()).expect("zalo emulator");
    let creds = Credentials {
        token: opts.access_token.clone(),
        refresh_token: Some(opts.refresh_token.clone()),
        app_id: Some(opts.app_id.clone()),
        secret_key: Some(opts.secret_key.clone()),
    };
    let mut ch = loa_channels::zalo::ZaloOa::new(config(ChannelKind::Zalo, zalo.base_url()), creds)
        .with_verify_pause(Duration::from_millis(20));
    assert_eq!(ch.verify().expect("verify"), opts.oa_name);

    let p = post(dir.path(), 11, 0);
    let published = publish(&mut ch, &p).expect("publish (verify retried while processing)");
    let article = zalo
        .articles()
        .into_iter()
        .find(|a| a.id == published.id)
        .expect("article");
    assert_eq!(article.title, p.title);
    assert_eq!(loa_channels::text_hash(&article.body_text()), p.text_hash());
    assert!(!article.cover_url.is_empty());
    assert_eq!(
        ch.find_published(&p, Utc::now() - chrono::Duration::minutes(1))
            .expect("read back")
            .map(|r| r.id),
        Some(published.id)
    );

    // The access token expires: one refresh, the new pair handed over, the call retried.
    zalo.expire_access_token();
    let q = post(dir.path(), 12, 0);
    publish(&mut ch, &q).expect("publish after refresh");
    assert_eq!(zalo.refresh_count(), 1);
    let new = ch.take_refreshed_credentials().expect("new pair");
    assert_eq!(new.token, zalo.access_token());
    assert_eq!(new.refresh_token, Some(zalo.refresh_token()));
    assert!(ch.take_refreshed_credentials().is_none());
}

/// A Zalo emulator and a client holding its access token (no refresh needed).
fn zalo_client(opts: ZaloOptions) -> (ZaloEmulator, loa_channels::zalo::ZaloOa) {
    let zalo = ZaloEmulator::start(opts.clone()).expect("zalo emulator");
    let creds = Credentials {
        token: opts.access_token,
        ..Credentials::default()
    };
    let ch = loa_channels::zalo::ZaloOa::new(config(ChannelKind::Zalo, zalo.base_url()), creds)
        .with_verify_pause(Duration::from_millis(1));
    (zalo, ch)
}

#[test]
fn zalo_read_back_finds_a_lost_article_past_the_first_page() {
    let dir = tempfile::tempdir().expect("dir");
    let (_zalo, mut ch) = zalo_client(ZaloOptions::default());
    let since = Utc::now() - chrono::Duration::minutes(1);
    // The article whose answer was lost, then more than a page (10) of newer ones.
    let lost = post(dir.path(), 40, 0);
    let made = publish(&mut ch, &lost).expect("lost article");
    for id in 41..53 {
        publish(&mut ch, &post(dir.path(), id, 0)).expect("newer article");
    }
    assert_eq!(
        ch.find_published(&lost, since)
            .expect("read back")
            .map(|r| r.id),
        Some(made.id),
        "found on a later page, so it is not created again"
    );
    // An article that was never made is certainly absent once the list ends.
    assert_eq!(
        ch.find_published(&post(dir.path(), 99, 0), since)
            .expect("read back"),
        None
    );
}

#[test]
fn zalo_daily_article_quota_is_a_wait_until_midnight_in_vietnam() {
    let dir = tempfile::tempdir().expect("dir");
    let (zalo, mut ch) = zalo_client(ZaloOptions {
        daily_article_quota: Some(1),
        ..ZaloOptions::default()
    });
    publish(&mut ch, &post(dir.path(), 60, 0)).expect("the day's one article");
    let e = publish(&mut ch, &post(dir.path(), 61, 0)).expect_err("over the quota");
    assert!(
        matches!(e.class, ErrorClass::Throttled { .. }),
        "a wait, not a failed post: {e:?}"
    );
    assert_eq!(
        e.holds_until(Utc::now()),
        Some(zalo.article_quota_resets_at())
    );
    assert_eq!(zalo.articles().len(), 1);
}

#[test]
fn zalo_with_a_wordpress_image_host() {
    let dir = tempfile::tempdir().expect("dir");
    let opts = ZaloOptions::default();
    let zalo = ZaloEmulator::start(opts.clone()).expect("zalo emulator");
    let wp = WordPressEmulator::start(WordPressOptions::default()).expect("wordpress emulator");
    let mut cfg = config(ChannelKind::Zalo, zalo.base_url());
    cfg.image_host = Some(Box::new((
        config(ChannelKind::Wordpress, wp.base_url()),
        Credentials {
            token: wp.app_password(),
            ..Credentials::default()
        },
    )));
    let mut ch = loa_channels::open(
        cfg,
        Credentials {
            token: opts.access_token.clone(),
            ..Credentials::default()
        },
    );
    let p = post(dir.path(), 21, 3);
    let published = publish(ch.as_mut(), &p).expect("publish");
    let article = zalo
        .articles()
        .into_iter()
        .find(|a| a.id == published.id)
        .expect("article");
    let order: Vec<[u8; 32]> = article
        .body_image_urls()
        .iter()
        .map(|u| wp.media_hash_by_url(u).expect("image hosted on the site"))
        .collect();
    assert_eq!(order, hashes(&p), "photos in order");
    assert_eq!(
        wp.media_hash_by_url(&article.cover_url),
        Some(hashes(&p)[0])
    );
}

#[test]
fn wordpress_against_the_wordpress_emulator() {
    let dir = tempfile::tempdir().expect("dir");
    let opts = WordPressOptions::default();
    let wp = WordPressEmulator::start(opts.clone()).expect("wordpress emulator");
    let creds = Credentials {
        token: wp.app_password(),
        ..Credentials::default()
    };
    let mut ch = loa_channels::open(config(ChannelKind::Wordpress, wp.base_url()), creds);
    assert_eq!(ch.verify().expect("verify"), opts.site_name);

    let p = post(dir.path(), 31, 3);
    assert_eq!(ch.find_published(&p, Utc::now()).expect("read back"), None);
    let published = publish(ch.as_mut(), &p).expect("publish");
    let emulated = wp
        .posts()
        .into_iter()
        .find(|e| e.id.to_string() == published.id)
        .expect("post");
    assert_eq!(emulated.slug, p.slug);
    assert_eq!(emulated.status, "publish");
    let h = hashes(&p);
    assert_eq!(emulated.featured_photo, Some(h[0]));
    assert_eq!(
        emulated.content_photos,
        h[1..].to_vec(),
        "other photos in order"
    );
    assert_eq!(
        ch.find_published(&p, Utc::now())
            .expect("read back")
            .map(|r| r.id),
        Some(published.id)
    );

    let mut later = post(dir.path(), 32, 0);
    later.scheduled_at = Some(Utc::now() + chrono::Duration::days(40));
    let scheduled = publish(ch.as_mut(), &later).expect("future post");
    let emulated = wp
        .posts()
        .into_iter()
        .find(|e| e.id.to_string() == scheduled.id)
        .expect("post");
    assert_eq!(emulated.status, "future");
    assert!(
        ch.find_published(&later, Utc::now())
            .expect("read back")
            .is_some()
    );

    wp.revoke_password();
    let e = ch.verify().expect_err("revoked");
    assert_eq!(e.class, ErrorClass::Auth, "{e:?}");
}

/// Waits (bounded) until the emulated site holds `n` posts: a slow host saves a request it
/// held after the client gave up.
fn wait_for_posts(wp: &WordPressEmulator, n: usize) {
    let until = std::time::Instant::now() + Duration::from_secs(20);
    while wp.posts().len() < n {
        assert!(
            std::time::Instant::now() < until,
            "the held request was never saved"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A WordPress emulator and a client that gives up after `timeout`.
fn site_with_timeout(timeout: Duration) -> (WordPressEmulator, Box<dyn Channel>) {
    let wp = WordPressEmulator::start(WordPressOptions::default()).expect("wordpress emulator");
    let mut cfg = config(ChannelKind::Wordpress, wp.base_url());
    cfg.timeout = timeout;
    let creds = Credentials {
        token: wp.app_password(),
        ..Credentials::default()
    };
    let ch = loa_channels::open(cfg, creds);
    (wp, ch)
}

#[test]
fn wordpress_publishes_once_when_a_slow_host_saves_a_post_after_its_answer_was_lost() {
    let dir = tempfile::tempdir().expect("dir");
    // 0.4 s: a slow host outlasts the client's patience.
    let (wp, mut ch) = site_with_timeout(Duration::from_millis(400));
    // The host holds the create 1.5 s, past the client's patience, then saves it.
    wp.set_faults(Faults::script(vec![(
        EndpointMatch::post("/wp/v2/posts"),
        Fault::SlowHost { hold_ms: 1500 },
    )]));
    let p = post(dir.path(), 70, 0);
    assert!(publish(ch.as_mut(), &p).is_err(), "the answer was lost");
    wait_for_posts(&wp, 1);
    // Nothing public yet: what the host saved late is a draft under Loa's slug.
    assert!(wp.posts().iter().all(|e| e.status == "draft"));
    assert_eq!(ch.find_published(&p, Utc::now()).expect("read back"), None);
    // The attempt again publishes that draft by id instead of creating a second post.
    let published = publish(ch.as_mut(), &p).expect("publish");
    let posts = wp.posts();
    assert_eq!(posts.len(), 1, "one post on the site: {posts:?}");
    assert_eq!(posts[0].id.to_string(), published.id);
    assert_eq!(posts[0].status, "publish");
    assert_eq!(posts[0].slug, p.slug);
    // Repeating the publish (its answer lost too) changes nothing.
    let again = publish(ch.as_mut(), &p).expect("publish again");
    assert_eq!(again.id, published.id);
    assert_eq!(wp.posts().len(), 1);
}

#[test]
fn wordpress_removes_a_duplicate_draft_before_publishing() {
    let dir = tempfile::tempdir().expect("dir");
    // 0.4 s: a slow host outlasts the client's patience.
    let (wp, mut ch) = site_with_timeout(Duration::from_millis(400));
    // Two creates held past the client's patience: two drafts under the same slug.
    wp.set_faults(Faults::script(vec![
        (
            EndpointMatch::post("/wp/v2/posts"),
            Fault::SlowHost { hold_ms: 1000 },
        ),
        (
            EndpointMatch::post("/wp/v2/posts"),
            Fault::SlowHost { hold_ms: 1000 },
        ),
    ]));
    let p = post(dir.path(), 71, 0);
    assert!(publish(ch.as_mut(), &p).is_err());
    assert!(publish(ch.as_mut(), &p).is_err());
    wait_for_posts(&wp, 2);
    let published = publish(ch.as_mut(), &p).expect("publish");
    let posts = wp.posts();
    assert_eq!(posts.len(), 1, "the other draft was deleted: {posts:?}");
    assert_eq!(posts[0].id.to_string(), published.id);
    // The slug is the one asked for, not made unique against the copy ("-2").
    assert_eq!(posts[0].slug, p.slug);
}

#[test]
fn wordpress_photo_whose_answer_was_lost_is_used_not_uploaded_again() {
    let dir = tempfile::tempdir().expect("dir");
    let (wp, mut ch) = site_with_timeout(Duration::from_secs(10));
    // The site stores the photo, then the connection drops before its answer.
    wp.set_faults(Faults::script(vec![(
        EndpointMatch::post("/wp/v2/media"),
        Fault::DropAfterHandling,
    )]));
    let p = post(dir.path(), 80, 1);
    let mut progress = |_: u64| {};
    assert!(ch.upload_media(&p, 0, &mut progress).is_err());
    assert_eq!(wp.media().len(), 1);
    let m = ch.upload_media(&p, 0, &mut progress).expect("again");
    let media = wp.media();
    assert_eq!(media.len(), 1, "no second copy left in the media library");
    assert_eq!(m.id, media[0].id.to_string());
    assert_eq!(media[0].sha256, hashes(&p)[0]);
}
