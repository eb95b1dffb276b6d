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
    let server = Server::start(vec![reply(
        201,
        r#"{"id":301,"source_url":"http://site/wp-content/uploads/2025/07/a.jpg"}"#,
    )]);
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
    assert_eq!(
        seen[0].body,
        std::fs::read(&p.photos[1].path).expect("photo")
    );
}

#[test]
fn the_post_carries_the_featured_photo_and_the_others_in_order() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![reply(
        201,
        r#"{"id":55,"link":"http://site/2025/07/thong-bao/","slug":"thong-bao-lich-tiem-chung-42","status":"publish"}"#,
    )]);
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

    let body = server.seen()[0].json();
    assert_eq!(server.seen()[0].path(), "/wp-json/wp/v2/posts");
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
    let server = Server::start(vec![reply(
        201,
        r#"{"id":56,"link":"http://site/?p=56","status":"future"}"#,
    )]);
    let mut p = post(dir.path(), 0, 0);
    let at = Utc::now() + Duration::days(45);
    p.scheduled_at = Some(at);
    let mut progress = no_progress();
    site(&server)
        .publish(&p, &[], &mut progress)
        .expect("publish");
    let body = server.seen()[0].json();
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
    let server = Server::start(vec![
        reply(
            400,
            r#"{"code":"rest_invalid_param","message":"Invalid parameter(s): status","data":{"status":400}}"#,
        ),
        reply(
            500,
            r#"{"code":"db_insert_error","message":"Could not insert post into the database.","data":{"status":500}}"#,
        ),
        reply_with(429, &[("Retry-After", "120")], "Too many requests"),
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
