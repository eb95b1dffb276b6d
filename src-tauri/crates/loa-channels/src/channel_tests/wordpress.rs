use chrono::{Duration, Utc};

use super::{Server, config, no_progress, post, reply, reply_with};
use crate::wordpress::WordPressSite;
use crate::{Channel, ChannelKind, Credentials, ErrorClass, RemoteMedia};

fn site(server: &Server) -> WordPressSite {
    WordPressSite::new(
        config(ChannelKind::Wordpress, &server.base),
        Credentials {
            token: "abcd EFGH 1234 ijkl".into(),
            ..Credentials::default()
        },
    )
}

// base64("canbo:abcd EFGH 1234 ijkl")
const AUTH: &str = "Basic Y2FuYm86YWJjZCBFRkdIIDEyMzQgaWprbA==";

#[test]
fn verify_checks_the_password_and_names_the_site() {
    let server = Server::start(vec![
        reply(200, r#"{"id":3,"name":"Cán bộ VH-XH"}"#),
        reply(200, r#"{"name":"Cổng TTĐT xã Nà Hẩu","url":"http://x"}"#),
    ]);
    assert_eq!(
        site(&server).verify().expect("verify"),
        "Cổng TTĐT xã Nà Hẩu"
    );
    let seen = server.seen();
    assert_eq!(seen[0].path(), "/wp-json/wp/v2/users/me");
    assert_eq!(seen[0].header("authorization"), Some(AUTH));
    assert_eq!(seen[1].path(), "/wp-json/");
}

#[test]
fn a_wrong_application_password_asks_for_reconnect() {
    let server = Server::start(vec![reply(
        401,
        r#"{"code":"incorrect_password","message":"The provided password is an invalid application password.","data":{"status":401}}"#,
    )]);
    let e = site(&server).verify().expect_err("401");
    assert_eq!(
        (e.class, e.code.as_str()),
        (ErrorClass::Auth, "incorrect_password")
    );
}

#[test]
fn media_is_uploaded_as_the_raw_file() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![
        reply(200, "[]"),
        reply(
            201,
            r#"{"id":301,"source_url":"http://site/wp-content/uploads/2025/07/a.jpg","media_details":{"filesize":50000}}"#,
        ),
    ]);
    let p = post(dir.path(), 2, 50_000);
    let mut progress = no_progress();
    let m = site(&server)
        .upload_media(&p, 1, &mut progress)
        .expect("upload");
    assert_eq!(
        m,
        RemoteMedia {
            id: "301".into(),
            url: Some("http://site/wp-content/uploads/2025/07/a.jpg".into())
        }
    );
    let seen = server.seen();
    // What earlier attempts of this photo left, by its file name.
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path()),
        ("GET", "/wp-json/wp/v2/media")
    );
    assert_eq!(
        seen[0].query("search").as_deref(),
        Some("thong-bao-lich-tiem-chung-42-02")
    );
    let seen = &seen[1..];
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path()),
        ("POST", "/wp-json/wp/v2/media")
    );
    assert_eq!(seen[0].header("content-type"), Some("image/jpeg"));
    assert_eq!(
        seen[0].header("content-disposition"),
        Some("attachment; filename=\"thong-bao-lich-tiem-chung-42-02.jpg\"")
    );
    assert_eq!(seen[0].query("alt_text").as_deref(), Some("Ảnh 2"));
    assert_eq!(seen[0].header("authorization"), Some(AUTH));
    let bytes = std::fs::read(&p.photos[1].path).expect("photo");
    // The body's MD5 in hex, as WordPress's md5() writes it: a cut body is refused.
    use md5::{Digest, Md5};
    let md5: String = Md5::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(seen[0].header("content-md5"), Some(md5.as_str()));
    assert_eq!(seen[0].body, bytes);
}

#[test]
fn a_photo_stored_short_is_deleted_and_sent_again() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![
        reply(200, "[]"),
        // 201, but the site kept only part of the body (a proxy cut it).
        reply(
            201,
            r#"{"id":302,"source_url":"http://site/u/a.jpg","media_details":{"filesize":24576}}"#,
        ),
        reply(200, r#"{"deleted":true}"#),
    ]);
    let p = post(dir.path(), 1, 50_000);
    let mut progress = no_progress();
    let e = site(&server)
        .upload_media(&p, 0, &mut progress)
        .expect_err("short");
    assert_eq!(
        (e.class, e.code.as_str()),
        (ErrorClass::Transient, "upload-size-mismatch")
    );
    let seen = server.seen();
    assert_eq!(
        (seen[2].method.as_str(), seen[2].path()),
        ("DELETE", "/wp-json/wp/v2/media/302")
    );
    assert_eq!(seen[2].query("force").as_deref(), Some("true"));
}

#[test]
fn earlier_uploads_of_a_photo_are_reused_or_deleted_never_left_public() {
    let dir = tempfile::tempdir().expect("dir");
    // An upload whose answer was lost (whole), and a copy cut short; another post's photo.
    let server = Server::start(vec![
        reply(
            200,
            r#"[{"id":40,"title":{"raw":"thong-bao-lich-tiem-chung-42-01-1"},"source_url":"http://site/u/b-1.jpg","media_details":{"filesize":9000}},
                {"id":39,"title":{"raw":"thong-bao-lich-tiem-chung-42-01"},"source_url":"http://site/u/b.jpg","media_details":{"filesize":50000}},
                {"id":38,"title":{"raw":"thong-bao-lich-tiem-chung-42-010"},"source_url":"http://site/u/c.jpg","media_details":{"filesize":50000}}]"#,
        ),
        reply(200, r#"{"deleted":true}"#),
    ]);
    let p = post(dir.path(), 1, 50_000);
    let mut progress = no_progress();
    let m = site(&server)
        .upload_media(&p, 0, &mut progress)
        .expect("reused");
    assert_eq!(
        m,
        RemoteMedia {
            id: "39".into(),
            url: Some("http://site/u/b.jpg".into())
        }
    );
    let seen = server.seen();
    assert_eq!(seen.len(), 2, "nothing uploaded again");
    assert_eq!(
        (seen[1].method.as_str(), seen[1].path()),
        ("DELETE", "/wp-json/wp/v2/media/40")
    );
}

#[test]
fn the_post_carries_the_featured_photo_and_the_others_in_order() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![
        reply(200, "[]"),
        reply(
            201,
            r#"{"id":55,"slug":"thong-bao-lich-tiem-chung-42","status":"draft"}"#,
        ),
        reply(
            200,
            r#"{"id":55,"link":"http://site/2025/07/thong-bao/","slug":"thong-bao-lich-tiem-chung-42","status":"publish"}"#,
        ),
    ]);
    let p = post(dir.path(), 3, 10);
    let media: Vec<RemoteMedia> = (1..=3)
        .map(|i| RemoteMedia {
            id: format!("30{i}"),
            url: Some(format!("http://site/u/{i}.jpg")),
        })
        .collect();
    let mut progress = no_progress();
    let published = site(&server)
        .publish(&p, &media, &mut progress)
        .expect("publish");
    assert_eq!(published.id, "55");
    assert_eq!(
        published.url.as_deref(),
        Some("http://site/2025/07/thong-bao/")
    );

    // Loa's drafts and posts under its slug first, then a draft, then that draft published.
    let seen = server.seen();
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path()),
        ("GET", "/wp-json/wp/v2/posts")
    );
    assert_eq!(
        seen[0].query("slug").as_deref(),
        Some("thong-bao-lich-tiem-chung-42")
    );
    assert_eq!(
        seen[0].query("status").as_deref(),
        Some("draft,pending,publish,future")
    );
    assert_eq!(seen[1].path(), "/wp-json/wp/v2/posts");
    assert_eq!(seen[1].json()["status"], "draft");
    assert_eq!(seen[1].json()["slug"], "thong-bao-lich-tiem-chung-42");
    assert_eq!(
        (seen[2].method.as_str(), seen[2].path()),
        ("POST", "/wp-json/wp/v2/posts/55")
    );
    let body = seen[2].json();
    assert_eq!(body["title"], "Thông báo lịch tiêm chủng");
    assert_eq!(body["status"], "publish");
    assert_eq!(body["slug"], "thong-bao-lich-tiem-chung-42");
    assert_eq!(body["featured_media"], 301);
    assert!(body.get("date_gmt").is_none());
    let content = body["content"].as_str().expect("content");
    assert_eq!(
        content,
        "<p>Thông báo lịch tiêm chủng tháng 8.</p>\n\
         <p>Ngày 5/8 tại nhà văn hoá bản Khun &amp; bản Nà.</p>\n\
         <figure class=\"wp-block-image\"><img src=\"http://site/u/2.jpg\" alt=\"Ảnh 2\" class=\"wp-image-302\" /></figure>\n\
         <figure class=\"wp-block-image\"><img src=\"http://site/u/3.jpg\" alt=\"Ảnh 3\" class=\"wp-image-303\" /></figure>\n"
    );
}

#[test]
fn scheduled_posts_are_future_posts() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![
        reply(200, "[]"),
        reply(201, r#"{"id":56,"status":"draft"}"#),
        reply(
            200,
            r#"{"id":56,"link":"http://site/?p=56","status":"future"}"#,
        ),
    ]);
    let mut p = post(dir.path(), 0, 0);
    let at = Utc::now() + Duration::days(45);
    p.scheduled_at = Some(at);
    let mut progress = no_progress();
    site(&server)
        .publish(&p, &[], &mut progress)
        .expect("publish");
    let body = server.seen()[2].json();
    assert_eq!(body["status"], "future");
    assert_eq!(body["date_gmt"], at.format("%Y-%m-%dT%H:%M:%S").to_string());
    assert!(body.get("featured_media").is_none());
}

#[test]
fn read_back_finds_the_post_by_its_slug() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![
        reply(
            200,
            r#"[{"id":55,"slug":"thong-bao-lich-tiem-chung-42","link":"http://site/tb/"}]"#,
        ),
        reply(200, r#"[]"#),
    ]);
    let p = post(dir.path(), 0, 0);
    let mut s = site(&server);
    let found = s
        .find_published(&p, Utc::now())
        .expect("read back")
        .expect("found");
    assert_eq!(
        (found.id.as_str(), found.url.as_deref()),
        ("55", Some("http://site/tb/"))
    );
    assert_eq!(s.find_published(&p, Utc::now()).expect("read back"), None);
    let seen = server.seen();
    assert_eq!(seen[0].path(), "/wp-json/wp/v2/posts");
    assert_eq!(
        seen[0].query("slug").as_deref(),
        Some("thong-bao-lich-tiem-chung-42")
    );
    assert_eq!(seen[0].query("status").as_deref(), Some("publish,future"));
    assert_eq!(seen[0].header("authorization"), Some(AUTH));
}

#[test]
fn site_errors_are_classified() {
    let dir = tempfile::tempdir().expect("dir");
    // Each publish finds Loa's draft 55, then the site answers its update.
    let draft = || {
        reply(
            200,
            r#"[{"id":55,"slug":"thong-bao-lich-tiem-chung-42","status":"draft"}]"#,
        )
    };
    let server = Server::start(vec![
        draft(),
        reply(
            400,
            r#"{"code":"rest_invalid_param","message":"Invalid parameter(s): status","data":{"status":400}}"#,
        ),
        draft(),
        reply(
            500,
            r#"{"code":"db_insert_error","message":"Could not insert post into the database.","data":{"status":500}}"#,
        ),
        draft(),
        reply_with(429, &[("Retry-After", "120")], "Too many requests"),
        draft(),
        reply(
            403,
            r#"{"code":"rest_cannot_create","message":"Sorry, you are not allowed to create posts as this user.","data":{"status":403}}"#,
        ),
    ]);
    let p = post(dir.path(), 0, 0);
    let mut s = site(&server);
    let mut progress = no_progress();
    let mut class = || s.publish(&p, &[], &mut progress).expect_err("error").class;
    assert_eq!(class(), ErrorClass::Invalid);
    assert_eq!(class(), ErrorClass::Ambiguous);
    assert_eq!(
        class(),
        ErrorClass::Throttled {
            retry_after_secs: 120
        }
    );
    assert_eq!(class(), ErrorClass::Auth);
}
