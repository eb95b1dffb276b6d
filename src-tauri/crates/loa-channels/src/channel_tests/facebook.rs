use chrono::{Duration, Utc};

use super::{Server, config, no_progress, post, reply, reply_with};
use crate::facebook::FacebookPage;
use crate::{Channel, ChannelKind, Credentials, ErrorClass, RemoteMedia, text_hash};

fn page(server: &Server) -> FacebookPage {
    FacebookPage::new(
        config(ChannelKind::Facebook, &format!("{}/v21.0", server.base)),
        Credentials {
            token: "PAGE_TOKEN".into(),
            ..Credentials::default()
        },
    )
}

#[test]
fn verify_reads_the_page_name() {
    let server = Server::start(vec![reply(200, r#"{"id":"1001","name":"Xã Nà Hẩu"}"#)]);
    assert_eq!(page(&server).verify().expect("verify"), "Xã Nà Hẩu");
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "GET");
    assert_eq!(seen[0].path(), "/v21.0/1001");
    assert_eq!(seen[0].query("fields").as_deref(), Some("id,name"));
    // The token is in the header, never in the address a proxy or a portal would echo.
    assert_eq!(seen[0].query("access_token"), None);
    assert_eq!(seen[0].header("authorization"), Some("Bearer PAGE_TOKEN"));
}

#[test]
fn verify_with_an_expired_token_asks_for_reconnect() {
    let server = Server::start(vec![reply(
        400,
        r#"{"error":{"message":"Error validating access token: Session has expired","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"A"}}"#,
    )]);
    let e = page(&server).verify().expect_err("expired");
    assert_eq!(e.class, ErrorClass::Auth);
    assert_eq!(e.code, "190/463");
    assert!(e.message.contains("Session has expired"));
}

#[test]
fn text_post_goes_to_feed() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![reply(200, r#"{"id":"1001_555"}"#)]);
    let p = post(dir.path(), 0, 0);
    let mut progress = no_progress();
    let published = page(&server)
        .publish(&p, &[], &mut progress)
        .expect("publish");
    assert_eq!(published.id, "1001_555");
    let seen = server.seen();
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path()),
        ("POST", "/v21.0/1001/feed")
    );
    assert_eq!(
        seen[0].header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    // Facebook has no title field: the title is the message's first line, then a blank line.
    assert_eq!(
        seen[0].form(),
        vec![
            ("access_token".to_owned(), "PAGE_TOKEN".to_owned()),
            ("message".to_owned(), format!("{}\n\n{}", p.title, p.text))
        ]
    );
}

#[test]
fn one_photo_is_posted_inline_with_its_message() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![reply(200, r#"{"id":"777","post_id":"1001_888"}"#)]);
    let p = post(dir.path(), 1, 300_000);
    let mut fb = page(&server);
    assert!(fb.publishes_photos_inline(&p));
    let mut sent = Vec::new();
    let mut progress = |n: u64| sent.push(n);
    let published = fb.publish(&p, &[], &mut progress).expect("publish");
    assert_eq!(published.id, "1001_888");
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].path(), "/v21.0/1001/photos");
    let parts = seen[0].multipart();
    let names: Vec<&str> = parts.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["access_token", "message", "alt_text_custom", "source"]
    );
    assert_eq!(
        seen[0].multipart_text("message"),
        Some(format!("{}\n\n{}", p.title, p.text))
    );
    let source = &parts[3];
    assert_eq!(source.1.as_deref(), Some("ảnh-1.jpg"));
    assert_eq!(source.2, std::fs::read(&p.photos[0].path).expect("photo"));
    // Per-byte progress: rising, ending at the whole body.
    assert!(sent.len() > 2, "{sent:?}");
    assert!(sent.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(*sent.last().expect("progress") as usize, seen[0].body.len());
    assert_eq!(
        seen[0].header("content-length"),
        Some(seen[0].body.len().to_string().as_str())
    );
}

#[test]
fn several_photos_are_uploaded_unpublished_then_attached_in_order() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![
        reply(200, r#"{"id":"p1"}"#),
        reply(200, r#"{"id":"p2"}"#),
        reply(200, r#"{"id":"p3"}"#),
        reply(200, r#"{"id":"1001_999"}"#),
    ]);
    let p = post(dir.path(), 3, 10_000);
    let mut fb = page(&server);
    assert!(!fb.publishes_photos_inline(&p));
    let mut media = Vec::new();
    for i in 0..3 {
        let mut progress = no_progress();
        media.push(fb.upload_media(&p, i, &mut progress).expect("upload"));
    }
    assert_eq!(
        media.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
        ["p1", "p2", "p3"]
    );
    let mut progress = no_progress();
    let published = fb.publish(&p, &media, &mut progress).expect("publish");
    assert_eq!(published.id, "1001_999");

    let seen = server.seen();
    for (i, s) in seen[..3].iter().enumerate() {
        assert_eq!(s.path(), "/v21.0/1001/photos");
        assert_eq!(s.multipart_text("published").as_deref(), Some("false"));
        assert_eq!(
            s.multipart_text("temporary"),
            None,
            "not scheduled: not temporary"
        );
        let parts = s.multipart();
        let source = parts
            .iter()
            .find(|(n, _, _)| n == "source")
            .expect("source");
        assert_eq!(source.2, std::fs::read(&p.photos[i].path).expect("photo"));
    }
    assert_eq!(seen[3].path(), "/v21.0/1001/feed");
    let form = seen[3].form();
    let keys: Vec<&str> = form.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "access_token",
            "message",
            "attached_media[0]",
            "attached_media[1]",
            "attached_media[2]"
        ]
    );
    assert_eq!(form[2].1, r#"{"media_fbid":"p1"}"#);
    assert_eq!(form[3].1, r#"{"media_fbid":"p2"}"#);
    assert_eq!(form[4].1, r#"{"media_fbid":"p3"}"#);
}

#[test]
fn scheduled_posts_go_to_facebooks_scheduler() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![
        reply(200, r#"{"id":"p1"}"#),
        reply(200, r#"{"id":"p2"}"#),
        reply(200, r#"{"id":"1001_42"}"#),
    ]);
    let mut p = post(dir.path(), 2, 1000);
    let at = Utc::now() + Duration::hours(5);
    p.scheduled_at = Some(at);
    let mut fb = page(&server);
    let mut progress = no_progress();
    let media: Vec<RemoteMedia> = (0..2)
        .map(|i| fb.upload_media(&p, i, &mut progress).expect("upload"))
        .collect();
    fb.publish(&p, &media, &mut progress).expect("publish");
    let seen = server.seen();
    for s in &seen[..2] {
        assert_eq!(s.multipart_text("published").as_deref(), Some("false"));
        assert_eq!(s.multipart_text("temporary").as_deref(), Some("true"));
    }
    let form = seen[2].form();
    assert!(
        form.contains(&("published".into(), "false".into())),
        "{form:?}"
    );
    assert!(
        form.contains(&("scheduled_publish_time".into(), at.timestamp().to_string())),
        "{form:?}"
    );
}

#[test]
fn scheduled_too_soon_is_not_sent() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![]);
    let mut p = post(dir.path(), 0, 0);
    p.scheduled_at = Some(Utc::now() + Duration::minutes(5));
    let mut progress = no_progress();
    let e = page(&server)
        .publish(&p, &[], &mut progress)
        .expect_err("not due");
    assert_eq!(
        (e.class, e.code.as_str()),
        (ErrorClass::Transient, "not-due")
    );
    assert!(server.seen().is_empty());
}

#[test]
fn throttling_error_pauses_for_the_business_use_case_estimate() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![reply_with(
        400,
        &[(
            "X-Business-Use-Case-Usage",
            r#"{"1001":[{"type":"pages","call_count":100,"total_cputime":20,"total_time":30,"estimated_time_to_regain_access":17}]}"#,
        )],
        r#"{"error":{"message":"Application request limit reached","code":80001,"fbtrace_id":"B"}}"#,
    )]);
    let mut progress = no_progress();
    let e = page(&server)
        .publish(&post(dir.path(), 0, 0), &[], &mut progress)
        .expect_err("throttled");
    assert_eq!(
        e.class,
        ErrorClass::Throttled {
            retry_after_secs: 17 * 60
        }
    );
    assert_eq!(e.code, "80001");
}

#[test]
fn high_usage_on_success_asks_for_a_pause() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![
        reply_with(
            200,
            &[(
                "X-App-Usage",
                r#"{"call_count":95,"total_cputime":10,"total_time":12}"#,
            )],
            r#"{"id":"1001_1"}"#,
        ),
        reply_with(
            200,
            &[(
                "X-App-Usage",
                r#"{"call_count":20,"total_cputime":10,"total_time":12}"#,
            )],
            r#"{"id":"1001_2"}"#,
        ),
    ]);
    let mut fb = page(&server);
    let mut progress = no_progress();
    fb.publish(&post(dir.path(), 0, 0), &[], &mut progress)
        .expect("publish");
    assert_eq!(fb.take_usage_pause_secs(), Some(300));
    assert_eq!(fb.take_usage_pause_secs(), None, "taken once");
    fb.publish(&post(dir.path(), 0, 0), &[], &mut progress)
        .expect("publish");
    assert_eq!(fb.take_usage_pause_secs(), None);
}

#[test]
fn validation_error_fails_the_item() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![reply(
        400,
        r#"{"error":{"message":"(#100) Invalid parameter","type":"OAuthException","code":100,"error_subcode":1366046,"error_user_title":"Photo too large","error_user_msg":"Choose a photo under 4 MB.","fbtrace_id":"C"}}"#,
    )]);
    let mut progress = no_progress();
    let e = page(&server)
        .publish(&post(dir.path(), 1, 100), &[], &mut progress)
        .expect_err("invalid");
    assert_eq!(e.class, ErrorClass::Invalid);
    assert_eq!(e.code, "100/1366046");
    assert!(e.message.contains("Choose a photo under 4 MB."));
}

#[test]
fn service_error_after_a_publish_is_ambiguous() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![reply(
        500,
        r#"{"error":{"message":"An unknown error occurred","type":"OAuthException","code":1,"fbtrace_id":"D"}}"#,
    )]);
    let mut progress = no_progress();
    let e = page(&server)
        .publish(&post(dir.path(), 0, 0), &[], &mut progress)
        .expect_err("ambiguous");
    assert_eq!(e.class, ErrorClass::Ambiguous);
}

#[test]
fn read_back_follows_paging_next_and_finds_the_post() {
    let dir = tempfile::tempdir().expect("dir");
    let p = post(dir.path(), 0, 0);
    // Facebook may trim and re-wrap the message (title line included); the hash ignores
    // whitespace runs.
    let message = loa_platforms::compose::facebook_message(&p.title, &p.text);
    let rewrapped = format!("  {}  ", message.replace("\n\n", "\n"));
    assert_eq!(text_hash(&rewrapped), text_hash(&message));
    // paging.next is an absolute URL; the loopback port is known only once bound, so the first
    // answer points at a path the same server serves next.
    let second =
        serde_json::json!({"data":[{"id":"1001_2","message": rewrapped}], "paging":{}}).to_string();
    let server = Server::start_with(|base| {
        let next = format!("{base}/v21.0/1001/feed?after=cursor2&access_token=PAGE_TOKEN");
        let first = serde_json::json!({"data":[{"id":"1001_1","message":"Tin khác"}], "paging":{"next": next}});
        vec![reply(200, &first.to_string()), reply(200, &second)]
    });
    let mut fb = page(&server);
    let since = Utc::now() - Duration::minutes(3);
    let found = fb
        .find_published(&p, since)
        .expect("read back")
        .expect("found");
    assert_eq!(found.id, "1001_2");
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].path(), "/v21.0/1001/feed");
    assert_eq!(
        seen[0].query("fields").as_deref(),
        Some("id,message,created_time")
    );
    assert_eq!(seen[0].query("limit").as_deref(), Some("100"));
    let since_param: i64 = seen[0]
        .query("since")
        .expect("since")
        .parse()
        .expect("unix time");
    assert!(since_param <= since.timestamp() && since_param >= since.timestamp() - 3600);
    assert_eq!(seen[1].query("after").as_deref(), Some("cursor2"));
}

#[test]
fn read_back_of_a_scheduled_post_looks_at_scheduled_posts() {
    let dir = tempfile::tempdir().expect("dir");
    let mut p = post(dir.path(), 0, 0);
    p.scheduled_at = Some(Utc::now() + Duration::hours(3));
    let server = Server::start(vec![
        reply(200, r#"{"data":[],"paging":{}}"#),
        reply(
            200,
            &serde_json::json!({"data":[{"id":"1001_77","message": format!("{}\n\n{}", p.title, p.text),"scheduled_publish_time": 1}]}).to_string(),
        ),
    ]);
    let found = page(&server)
        .find_published(&p, Utc::now())
        .expect("read back");
    assert_eq!(found.map(|f| f.id).as_deref(), Some("1001_77"));
    assert_eq!(server.seen()[1].path(), "/v21.0/1001/scheduled_posts");
}

#[test]
fn read_back_says_none_when_nothing_matches() {
    let dir = tempfile::tempdir().expect("dir");
    let server = Server::start(vec![reply(
        200,
        r#"{"data":[{"id":"1001_1","message":"Tin khác"}],"paging":{}}"#,
    )]);
    let found = page(&server)
        .find_published(&post(dir.path(), 0, 0), Utc::now())
        .expect("read back");
    assert_eq!(found, None);
}

#[test]
fn probe_needs_only_an_answer() {
    let server = Server::start(vec![reply(
        400,
        r#"{"error":{"message":"Unsupported get request","code":100}}"#,
    )]);
    page(&server).probe().expect("any answer means online");
    assert_eq!(server.seen()[0].path(), "/v21.0");
}

#[test]
fn an_answer_echoing_a_token_is_redacted_and_summarised() {
    // A proxy's page that echoes an address with a token (as an older Loa sent it) and the
    // request's headers: whatever the answer holds, the error keeps no secret and no markup.
    let html = "<html><head><style>p{color:red}</style></head><body><h1>Truy cập bị chặn</h1>\
        <p>URL: http://graph.facebook.com/v21.0/1001/feed?access_token=PAGE_TOKEN&amp;limit=1</p>\
        <pre>Authorization: Bearer PAGE_TOKEN</pre></body></html>";
    let server = Server::start(vec![
        reply_with(403, &[("Content-Type", "text/html")], html),
        reply_with(200, &[("Content-Type", "text/html")], html),
    ]);
    let mut fb = page(&server);
    for e in [
        fb.verify().expect_err("403"),
        fb.verify().expect_err("html is not the page"),
    ] {
        assert!(!e.message.contains("PAGE_TOKEN"), "{}", e.message);
        assert!(!e.message.contains('<'), "{}", e.message);
        assert!(!e.message.contains("color:red"), "{}", e.message);
        assert!(e.message.contains("Truy cập bị chặn"), "{}", e.message);
    }
}
