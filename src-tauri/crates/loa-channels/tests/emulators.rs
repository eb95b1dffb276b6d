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
