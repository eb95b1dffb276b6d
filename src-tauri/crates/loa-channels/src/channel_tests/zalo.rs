use std::time::Duration;

use chrono::Utc;

use super::{Act, Server, config, no_progress, post, reply};
use crate::zalo::ZaloOa;
use crate::{Channel, ChannelKind, Credentials, ErrorClass, PostContent};

const OA: &str = r#"{"error":0,"message":"Success","data":{"oa_id":"77","name":"UBND xã Nà Hẩu","avatar":"https://zalo.example/avatar.jpg","cover":"https://zalo.example/cover.jpg"}}"#;

/// Each test uses its own refresh token: refreshed pairs are remembered process-wide.
fn oa(server: &Server, refresh: &str) -> ZaloOa {
    ZaloOa::new(
        config(ChannelKind::Zalo, &server.base),
        Credentials {
            token: format!("ACCESS-{refresh}"),
            refresh_token: Some(refresh.into()),
            app_id: Some("APP".into()),
            secret_key: Some("SECRET".into()),
        },
    )
    .with_verify_pause(Duration::from_millis(5))
}

fn text_post() -> PostContent {
    let dir = std::env::temp_dir();
    post(&dir, 0, 0)
}

#[test]
fn verify_reads_the_oa_name_with_the_token_header() {
    let server = Server::start(vec![reply(200, OA)]);
    assert_eq!(
        oa(&server, "r-verify").verify().expect("verify"),
        "UBND xã Nà Hẩu"
    );
    let seen = server.seen();
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path()),
        ("GET", "/v2.0/oa/getoa")
    );
    assert_eq!(seen[0].header("access_token"), Some("ACCESS-r-verify"));
}

#[test]
fn publish_creates_then_verifies_while_media_is_processed() {
    let server = Server::start(vec![
        reply(200, OA),
        reply(
            200,
            r#"{"error":0,"message":"Success","data":{"token":"ART-TOKEN"}}"#,
        ),
        reply(
            200,
            r#"{"error":-214,"message":"Article is being processed"}"#,
        ),
        reply(
            200,
            r#"{"error":-214,"message":"Article is being processed"}"#,
        ),
        reply(
            200,
            r#"{"error":0,"message":"Success","data":{"id":"a1b2c3"}}"#,
        ),
    ]);
    let p = text_post();
    let mut z = oa(&server, "r-publish");
    assert!(z.publishes_photos_inline(&p));
    let mut progress = no_progress();
    let published = z.publish(&p, &[], &mut progress).expect("publish");
    assert_eq!(published.id, "a1b2c3");

    let seen = server.seen();
    assert_eq!(seen.len(), 5);
    assert_eq!(seen[1].path(), "/v2.0/article/create");
    assert_eq!(seen[1].header("access_token"), Some("ACCESS-r-publish"));
    assert!(
        seen[1]
            .header("content-type")
            .is_some_and(|c| c.starts_with("application/json"))
    );
    let article = seen[1].json();
    assert_eq!(article["type"], "normal");
    assert_eq!(article["title"], "Thông báo lịch tiêm chủng");
    assert_eq!(article["author"], "Trang xã Nà Hẩu");
    assert_eq!(article["cover"]["cover_type"], "photo");
    assert_eq!(
        article["cover"]["photo_url"],
        "https://zalo.example/cover.jpg"
    );
    assert_eq!(article["description"], "Thông báo lịch tiêm chủng tháng 8.");
    assert_eq!(article["status"], "show");
    let body = article["body"].as_array().expect("body");
    assert_eq!(body.len(), 2);
    assert_eq!(body[1]["type"], "text");
    assert_eq!(
        body[1]["content"],
        "Ngày 5/8 tại nhà văn hoá bản Khun & bản Nà."
    );
    for s in &seen[2..] {
        assert_eq!(s.path(), "/v2.0/article/verify");
        assert_eq!(s.json(), serde_json::json!({"token": "ART-TOKEN"}));
    }
}

#[test]
fn errors_are_read_from_the_body_even_on_http_200() {
    let server = Server::start(vec![
        reply(200, OA),
        reply(200, r#"{"error":-201,"message":"description is invalid!"}"#),
    ]);
    let mut progress = no_progress();
    let e = oa(&server, "r-body-error")
        .publish(&text_post(), &[], &mut progress)
        .expect_err("refused");
    assert_eq!((e.class, e.code.as_str()), (ErrorClass::Invalid, "-201"));
    assert_eq!(e.message, "description is invalid!");
}

#[test]
fn invalid_token_refreshes_once_and_retries_with_the_new_pair() {
    let server = Server::start(vec![
        reply(200, r#"{"error":-216,"message":"Access token is invalid"}"#),
        reply(
            200,
            r#"{"access_token":"NEW-ACCESS","refresh_token":"NEW-REFRESH","expires_in":"90000"}"#,
        ),
        reply(200, OA),
    ]);
    let mut z = oa(&server, "r-refresh-once");
    assert_eq!(z.verify().expect("verify after refresh"), "UBND xã Nà Hẩu");
    let seen = server.seen();
    assert_eq!(seen[1].method, "POST");
    assert_eq!(seen[1].path(), "/v4/oa/access_token");
    assert_eq!(seen[1].header("secret_key"), Some("SECRET"));
    assert_eq!(
        seen[1].form(),
        vec![
            ("refresh_token".to_owned(), "r-refresh-once".to_owned()),
            ("app_id".to_owned(), "APP".to_owned()),
            ("grant_type".to_owned(), "refresh_token".to_owned()),
        ]
    );
    assert_eq!(seen[2].header("access_token"), Some("NEW-ACCESS"));
    let new = z.take_refreshed_credentials().expect("new pair to store");
    assert_eq!(
        (new.token.as_str(), new.refresh_token.as_deref()),
        ("NEW-ACCESS", Some("NEW-REFRESH"))
    );
    assert_eq!(new.app_id.as_deref(), Some("APP"));
    assert!(z.take_refreshed_credentials().is_none(), "handed over once");
}

#[test]
fn the_sink_stores_a_refreshed_pair_before_the_call_is_retried() {
    // The verify answer never comes (the server has no third reply): the process could be
    // killed here. The new pair must already be with the worker's store by then.
    let server = Server::start(vec![
        reply(200, r#"{"error":-216,"message":"Access token is invalid"}"#),
        reply(
            200,
            r#"{"access_token":"SINK-ACCESS","refresh_token":"SINK-REFRESH","expires_in":"90000"}"#,
        ),
    ]);
    let stored = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Credentials>::new()));
    let mut z = oa(&server, "r-sink");
    let into = stored.clone();
    z.set_credential_sink(Box::new(move |c: &Credentials| {
        into.lock().expect("sink lock").push(c.clone());
    }));
    let _ = z.verify();
    let stored = stored.lock().expect("sink lock");
    assert_eq!(stored.len(), 1, "stored once, at refresh time");
    assert_eq!(stored[0].refresh_token.as_deref(), Some("SINK-REFRESH"));
    assert_eq!(stored[0].token, "SINK-ACCESS");
}

#[test]
fn a_still_invalid_token_after_two_refreshes_asks_for_reconnect() {
    let server = Server::start(vec![
        reply(200, r#"{"error":-216,"message":"Access token is invalid"}"#),
        reply(
            200,
            r#"{"access_token":"A2","refresh_token":"R2","expires_in":"90000"}"#,
        ),
        reply(
            200,
            r#"{"error":-220,"message":"Access token has expired or been revoked"}"#,
        ),
        reply(
            200,
            r#"{"access_token":"A3","refresh_token":"R3","expires_in":"90000"}"#,
        ),
        reply(200, r#"{"error":-216,"message":"Access token is invalid"}"#),
    ]);
    let mut z = oa(&server, "r-still-invalid");
    let e = z.verify().expect_err("still invalid");
    assert_eq!((e.class, e.code.as_str()), (ErrorClass::Auth, "-216"));
    let seen = server.seen();
    assert_eq!(seen.len(), 5, "two refreshes, then the officer");
    assert_eq!(seen[4].header("access_token"), Some("A3"));
    // The spent refresh tokens were replaced: the worker must still store the newest pair.
    let newest = z.take_refreshed_credentials().expect("new pair");
    assert_eq!(newest.refresh_token.as_deref(), Some("R3"));
}

#[test]
fn a_refused_refresh_asks_for_reconnect() {
    let server = Server::start(vec![
        reply(200, r#"{"error":-216,"message":"Access token is invalid"}"#),
        reply(
            200,
            r#"{"error_name":"Invalid parameter","error_reason":"Invalid refresh token","error_description":"Invalid refresh token","error":-14014}"#,
        ),
    ]);
    let mut z = oa(&server, "r-refused");
    let e = z.verify().expect_err("refused");
    assert_eq!(
        (e.class, e.code.as_str()),
        (ErrorClass::Auth, "refresh/-14014")
    );
    assert!(z.take_refreshed_credentials().is_none());
}

#[test]
fn a_pair_another_process_stored_is_taken_instead_of_spending_the_refresh_token() {
    // The window refreshed and stored a new pair; `loa sync` still holds the old one.
    let server = Server::start(vec![
        reply(200, r#"{"error":-216,"message":"Access token is invalid"}"#),
        reply(200, OA),
    ]);
    let mut z = oa(&server, "r-other-process");
    z.set_credential_source(Box::new(|| {
        Some(Credentials {
            token: "STORED-ACCESS".into(),
            refresh_token: Some("STORED-REFRESH".into()),
            app_id: Some("APP".into()),
            secret_key: Some("SECRET".into()),
        })
    }));
    assert_eq!(z.verify().expect("verify"), "UBND xã Nà Hẩu");
    let seen = server.seen();
    assert!(
        seen.iter().all(|s| s.path() != "/v4/oa/access_token"),
        "the spent refresh token was not sent"
    );
    assert_eq!(seen[1].header("access_token"), Some("STORED-ACCESS"));
}

#[test]
fn an_oa_without_any_cover_image_fails_the_text_post_and_says_what_is_missing() {
    let server = Server::start(vec![reply(
        200,
        r#"{"error":0,"message":"Success","data":{"oa_id":"77","name":"UBND xã Nà Hẩu","avatar":"","cover":""}}"#,
    )]);
    let mut z = oa(&server, "r-no-cover");
    let mut progress = no_progress();
    let e = z
        .publish(&text_post(), &[], &mut progress)
        .expect_err("no cover");
    // Not a token problem (reconnecting changes nothing): the post is refused, and the hint
    // names the missing cover.
    assert_eq!(
        (e.class.clone(), e.code.as_str()),
        (ErrorClass::Invalid, "no-cover")
    );
    assert_eq!(e.hint_id(), "channel-hint-no-cover");
    for lang in ["vi", "en"] {
        let ftl = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("../../../locales/{lang}/channels.ftl")),
        )
        .expect("locale");
        assert!(ftl.contains("\nchannel-hint-no-cover = "), "{lang}");
    }
    assert_eq!(server.seen().len(), 1, "no article was created");
}

#[test]
fn a_second_client_with_the_spent_refresh_token_adopts_the_new_pair() {
    let server = Server::start(vec![
        reply(200, r#"{"error":-216,"message":"Access token is invalid"}"#),
        reply(
            200,
            r#"{"access_token":"SHARED-A","refresh_token":"SHARED-R","expires_in":"90000"}"#,
        ),
        reply(200, OA),
        // The second client: its old token is refused, it must NOT spend the refresh token again.
        reply(200, r#"{"error":-216,"message":"Access token is invalid"}"#),
        reply(200, OA),
    ]);
    let mut first = oa(&server, "r-shared");
    let mut second = oa(&server, "r-shared");
    first.verify().expect("first");
    second.verify().expect("second");
    let seen = server.seen();
    assert_eq!(seen.len(), 5);
    assert_eq!(
        seen.iter()
            .filter(|s| s.path() == "/v4/oa/access_token")
            .count(),
        1
    );
    assert_eq!(seen[4].header("access_token"), Some("SHARED-A"));
    assert_eq!(
        second
            .take_refreshed_credentials()
            .map(|c| c.token)
            .as_deref(),
        Some("SHARED-A")
    );
}

#[test]
fn verify_that_never_finishes_is_ambiguous() {
    let mut script = vec![
        reply(200, OA),
        reply(200, r#"{"error":0,"data":{"token":"T"}}"#),
    ];
    script.extend((0..8).map(|_| {
        reply(
            200,
            r#"{"error":-214,"message":"Article is being processed"}"#,
        )
    }));
    let server = Server::start(script);
    let mut progress = no_progress();
    let e = oa(&server, "r-processing")
        .publish(&text_post(), &[], &mut progress)
        .expect_err("still processing");
    assert_eq!((e.class, e.code.as_str()), (ErrorClass::Ambiguous, "-214"));
    assert_eq!(server.seen().len(), 10, "bounded retries");
}

#[test]
fn a_lost_verify_answer_after_create_is_ambiguous() {
    let server = Server::start(vec![
        reply(200, OA),
        reply(200, r#"{"error":0,"data":{"token":"T"}}"#),
        Act::CloseAfterBody,
    ]);
    let mut progress = no_progress();
    let e = oa(&server, "r-lost-verify")
        .publish(&text_post(), &[], &mut progress)
        .expect_err("lost");
    assert_eq!(
        e.class,
        ErrorClass::Ambiguous,
        "the article exists: read back, never create again"
    );
}

#[test]
fn quota_and_rate_limits_throttle() {
    let server = Server::start(vec![
        reply(200, OA),
        reply(
            200,
            r#"{"error":-32,"message":"Your application reached limit call api"}"#,
        ),
    ]);
    let mut progress = no_progress();
    let e = oa(&server, "r-rate")
        .publish(&text_post(), &[], &mut progress)
        .expect_err("rate");
    assert_eq!(
        e.class,
        ErrorClass::Throttled {
            retry_after_secs: 60
        }
    );
}

#[test]
fn limits_are_enforced_before_any_request() {
    let server = Server::start(vec![reply(200, OA)]);
    let mut z = oa(&server, "r-limits");
    z.verify().expect("verify");
    let mut p = text_post();
    p.title = "ư".repeat(151);
    let mut progress = no_progress();
    let e = z.publish(&p, &[], &mut progress).expect_err("too long");
    assert_eq!(
        (e.class, e.code.as_str()),
        (ErrorClass::Invalid, "title-length")
    );
    let dir = tempfile::tempdir().expect("dir");
    let with_photo = post(dir.path(), 1, 10);
    let e = z
        .publish(&with_photo, &[], &mut progress)
        .expect_err("photos");
    assert_eq!(
        (e.class, e.code.as_str()),
        (ErrorClass::Invalid, "photos-need-host")
    );
    assert_eq!(server.seen().len(), 1, "only the verify call went out");
}

#[test]
fn read_back_matches_title_then_text() {
    let p = text_post();
    let now_ms = Utc::now().timestamp_millis();
    let list = serde_json::json!({"error":0,"data":{"medias":[
        {"id":"other","title":"Tin khác","create_date": now_ms},
        {"id":"same-title-old-text","title": p.title, "create_date": now_ms},
        {"id":"ours","title": p.title, "create_date": now_ms, "link_view":"https://zalo.me/a/ours"}
    ],"total":3}});
    let detail = |text: &str| {
        serde_json::json!({"error":0,"data":{"title":"x","body":[{"type":"text","content": text}]}})
            .to_string()
    };
    let server = Server::start(vec![
        reply(200, &list.to_string()),
        reply(200, &detail("Một thông báo cũ")),
        reply(200, &detail(&p.text)),
    ]);
    let found = oa(&server, "r-readback")
        .find_published(&p, Utc::now() - chrono::Duration::minutes(2))
        .expect("read back")
        .expect("found");
    assert_eq!(found.id, "ours");
    assert_eq!(found.url.as_deref(), Some("https://zalo.me/a/ours"));
    let seen = server.seen();
    assert_eq!(seen[0].path(), "/v2.0/article/getslice");
    assert_eq!(seen[0].query("type").as_deref(), Some("normal"));
    assert_eq!(seen[0].query("offset").as_deref(), Some("0"));
    assert_eq!(seen[1].path(), "/v2.0/article/getdetail");
    assert_eq!(seen[1].query("id").as_deref(), Some("same-title-old-text"));
    assert_eq!(seen[2].query("id").as_deref(), Some("ours"));
}

#[test]
fn with_an_image_host_photos_go_to_the_website_and_into_the_article_in_order() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start_with(|base| {
        vec![
            // Each photo: what earlier attempts left on the site (nothing), then the upload.
            reply(200, "[]"),
            reply(
                201,
                &format!(r#"{{"id":11,"source_url":"{base}/uploads/1.jpg"}}"#),
            ),
            reply(200, "[]"),
            reply(
                201,
                &format!(r#"{{"id":12,"source_url":"{base}/uploads/2.jpg"}}"#),
            ),
            reply(200, r#"{"error":0,"data":{"token":"T"}}"#),
            reply(200, r#"{"error":0,"data":{"id":"art-9"}}"#),
        ]
    });
    let mut cfg = config(ChannelKind::Zalo, &server.base);
    cfg.image_host = Some(Box::new((
        config(ChannelKind::Wordpress, &server.base),
        Credentials {
            token: "wp-pass".into(),
            ..Credentials::default()
        },
    )));
    let mut z = ZaloOa::new(
        cfg,
        Credentials {
            token: "ACCESS".into(),
            ..Credentials::default()
        },
    )
    .with_verify_pause(Duration::from_millis(5));
    let p = post(dir.path(), 2, 2000);
    assert!(!z.publishes_photos_inline(&p));
    let mut progress = no_progress();
    let media: Vec<_> = (0..2)
        .map(|i| z.upload_media(&p, i, &mut progress).expect("upload"))
        .collect();
    assert_eq!(
        z.publish(&p, &media, &mut progress).expect("publish").id,
        "art-9"
    );

    let seen = server.seen();
    assert_eq!(seen[1].path(), "/wp-json/wp/v2/media");
    assert_eq!(
        seen[1].body,
        std::fs::read(&p.photos[0].path).expect("photo 1")
    );
    assert_eq!(
        seen[3].body,
        std::fs::read(&p.photos[1].path).expect("photo 2")
    );
    let article = seen[4].json();
    assert_eq!(seen[4].path(), "/v2.0/article/create");
    assert_eq!(
        article["cover"]["photo_url"],
        format!("{}/uploads/1.jpg", server.base)
    );
    let body = article["body"].as_array().expect("body");
    let kinds: Vec<&str> = body
        .iter()
        .map(|b| b["type"].as_str().expect("type"))
        .collect();
    assert_eq!(kinds, ["text", "text", "image", "image"]);
    assert_eq!(body[2]["url"], format!("{}/uploads/1.jpg", server.base));
    assert_eq!(body[3]["url"], format!("{}/uploads/2.jpg", server.base));
}
