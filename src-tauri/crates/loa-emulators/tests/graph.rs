//! Graph emulator: endpoints as documented, and every fault kind.

use loa_emulators::client::{Call, Reply};
use loa_emulators::{EndpointMatch, Fault, Faults, GraphEmulator, GraphOptions, sha256};

const TOKEN: &str = "tok";

fn start() -> GraphEmulator {
    GraphEmulator::start(GraphOptions {
        page_id: "1001".into(),
        token: TOKEN.into(),
        ..Default::default()
    })
    .expect("emulator starts")
}

fn photo(fb: &GraphEmulator, bytes: &[u8], published: bool) -> Reply {
    let p = if published { "true" } else { "false" };
    Call::post(&format!("{}/1001/photos", fb.base_url()))
        .multipart(
            &[("access_token", TOKEN), ("published", p)],
            &[("source", "a.jpg", bytes)],
        )
        .send()
        .expect("answer")
}

fn feed(fb: &GraphEmulator, fields: &[(&str, &str)]) -> Reply {
    let mut all = vec![("access_token", TOKEN)];
    all.extend_from_slice(fields);
    Call::post(&format!("{}/1001/feed", fb.base_url()))
        .form(&all)
        .send()
        .expect("answer")
}

#[test]
fn page_lookup_and_usage_headers() {
    let fb = start();
    let r = Call::get(&format!(
        "{}/1001?fields=id,name&access_token={TOKEN}",
        fb.base_url()
    ))
    .send()
    .expect("answer");
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["id"], "1001");
    assert!(r.json()["name"].as_str().is_some_and(|n| !n.is_empty()));
    let app: serde_json::Value =
        serde_json::from_str(r.header("x-app-usage").expect("X-App-Usage")).expect("json");
    assert!(app["call_count"].is_u64());
    let buc: serde_json::Value =
        serde_json::from_str(r.header("x-business-use-case-usage").expect("BUC header"))
            .expect("json");
    assert_eq!(buc["1001"][0]["type"], "pages");
}

#[test]
fn bearer_header_is_accepted_and_a_wrong_token_is_190() {
    let fb = start();
    let ok = Call::get(&format!("{}/1001", fb.base_url()))
        .header("Authorization", &format!("Bearer {TOKEN}"))
        .send()
        .expect("answer");
    assert_eq!(ok.status, 200);
    let bad = Call::get(&format!("{}/1001?access_token=nope", fb.base_url()))
        .send()
        .expect("answer");
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"]["code"], 190);
    assert!(
        bad.json()["error"]["fbtrace_id"]
            .as_str()
            .is_some_and(|t| t.len() > 5)
    );
}

#[test]
fn expired_token_is_190_463_until_renewed() {
    let fb = start();
    fb.expire_token();
    let r = feed(&fb, &[("message", "x")]);
    let e = &r.json()["error"];
    assert_eq!(
        (e["code"].as_i64(), e["error_subcode"].as_i64()),
        (Some(190), Some(463))
    );
    assert_eq!(e["type"], "OAuthException");
    assert!(fb.posts().is_empty());
    fb.renew_token(TOKEN);
    assert_eq!(feed(&fb, &[("message", "x")]).status, 200);
}

#[test]
fn text_post_appears_in_feed_newest_first_with_paging() {
    let fb = start();
    for i in 0..3 {
        let r = feed(&fb, &[("message", &format!("Bài {i} về lũ quét"))]);
        assert_eq!(r.status, 200);
        assert!(
            r.json()["id"]
                .as_str()
                .is_some_and(|id| id.starts_with("1001_"))
        );
    }
    let since = chrono::Utc::now().timestamp() - 60;
    let r = Call::get(&format!(
        "{}/1001/feed?fields=id,message,created_time&since={since}&limit=2&access_token={TOKEN}",
        fb.base_url()
    ))
    .send()
    .expect("answer");
    let data = r.json()["data"].as_array().cloned().expect("data");
    assert_eq!(data.len(), 2);
    assert_eq!(data[0]["message"], "Bài 2 về lũ quét");
    assert!(
        data[0]["created_time"]
            .as_str()
            .is_some_and(|t| t.ends_with("+0000"))
    );
    let next = r.json()["paging"]["next"]
        .as_str()
        .expect("next page")
        .to_string();
    let origin = fb
        .base_url()
        .split("/v21.0")
        .next()
        .expect("origin")
        .to_string();
    let r2 = Call::get(&format!("{origin}{next}"))
        .send()
        .expect("answer");
    let d2 = r2.json()["data"].as_array().cloned().expect("data");
    assert_eq!(d2.len(), 1);
    assert_eq!(d2[0]["message"], "Bài 0 về lũ quét");
    assert!(r2.json()["paging"].get("next").is_none());
}

#[test]
fn multi_photo_post_keeps_order_and_refuses_reuse_or_unknown_ids() {
    let fb = start();
    let a = photo(&fb, b"\xFF\xD8\xFFphoto-a", false).json()["id"]
        .as_str()
        .expect("id")
        .to_string();
    let b = photo(&fb, b"\xFF\xD8\xFFphoto-b", false).json()["id"]
        .as_str()
        .expect("id")
        .to_string();
    // Unpublished photos alone make no post.
    assert!(fb.posts().is_empty());
    let ma = format!("{{\"media_fbid\":\"{a}\"}}");
    let mb = format!("{{\"media_fbid\":\"{b}\"}}");
    let r = feed(
        &fb,
        &[
            ("message", "Hai ảnh"),
            ("attached_media[1]", &ma),
            ("attached_media[0]", &mb),
        ],
    );
    assert_eq!(r.status, 200, "{:?}", r.json());
    let posts = fb.posts();
    assert_eq!(posts.len(), 1);
    assert_eq!(
        posts[0].photos,
        vec![
            sha256(b"\xFF\xD8\xFFphoto-b"),
            sha256(b"\xFF\xD8\xFFphoto-a")
        ]
    );
    // Already attached → 100.
    let again = feed(&fb, &[("message", "lại"), ("attached_media[0]", &ma)]);
    assert_eq!(again.json()["error"]["code"], 100);
    let unknown = feed(
        &fb,
        &[
            ("message", "lạ"),
            ("attached_media[0]", "{\"media_fbid\":\"999\"}"),
        ],
    );
    assert_eq!(unknown.json()["error"]["code"], 100);
    assert_eq!(fb.posts().len(), 1);
}

#[test]
fn single_photo_with_message_is_a_post() {
    let fb = start();
    let r = Call::post(&format!("{}/1001/photos", fb.base_url()))
        .multipart(
            &[("access_token", TOKEN), ("message", "Một ảnh")],
            &[("source", "a.jpg", b"\xFF\xD8\xFFone")],
        )
        .send()
        .expect("answer");
    assert_eq!(r.status, 200);
    assert!(
        r.json()["post_id"]
            .as_str()
            .is_some_and(|p| p.starts_with("1001_"))
    );
    let posts = fb.posts();
    assert_eq!(
        (posts[0].message.as_str(), posts[0].photos.len()),
        ("Một ảnh", 1)
    );
    let missing = Call::post(&format!("{}/1001/photos", fb.base_url()))
        .multipart(&[("access_token", TOKEN)], &[])
        .send()
        .expect("answer");
    assert_eq!(missing.json()["error"]["code"], 324);
}

#[test]
fn scheduled_posts_window_and_listing() {
    let fb = start();
    let soon = (chrono::Utc::now().timestamp() + 60).to_string();
    let r = feed(
        &fb,
        &[
            ("message", "quá sớm"),
            ("published", "false"),
            ("scheduled_publish_time", &soon),
        ],
    );
    assert_eq!(r.json()["error"]["code"], 100);
    let later = (chrono::Utc::now().timestamp() + 3600).to_string();
    let r = feed(
        &fb,
        &[
            ("message", "hẹn giờ"),
            ("published", "false"),
            ("scheduled_publish_time", &later),
        ],
    );
    assert_eq!(r.status, 200);
    let list = Call::get(&format!(
        "{}/1001/scheduled_posts?access_token={TOKEN}",
        fb.base_url()
    ))
    .send()
    .expect("answer");
    assert_eq!(list.json()["data"][0]["message"], "hẹn giờ");
    let feed_list = Call::get(&format!("{}/1001/feed?access_token={TOKEN}", fb.base_url()))
        .send()
        .expect("answer");
    assert!(
        feed_list.json()["data"]
            .as_array()
            .is_some_and(|a| a.is_empty())
    );
}

#[test]
fn drop_after_handling_creates_the_post_but_answers_nothing() {
    let fb = start();
    fb.set_faults(Faults::script(vec![(
        EndpointMatch::post("/feed"),
        Fault::DropAfterHandling,
    )]));
    let r = Call::post(&format!("{}/1001/feed", fb.base_url()))
        .form(&[("access_token", TOKEN), ("message", "mất trả lời")])
        .send();
    assert!(r.is_err(), "no answer expected, got {r:?}");
    assert_eq!(fb.posts().len(), 1);
    assert_eq!(fb.stats().faults.get("drop_after_handling"), Some(&1));
}

#[test]
fn drop_before_handling_and_close_mid_body_change_nothing() {
    let fb = start();
    fb.set_faults(Faults::script(vec![
        (EndpointMatch::post("/photos"), Fault::DropBeforeHandling),
        (EndpointMatch::post("/photos"), Fault::CloseMidBody),
    ]));
    let big = vec![7u8; 300_000];
    for _ in 0..2 {
        let r = Call::post(&format!("{}/1001/photos", fb.base_url()))
            .multipart(
                &[("access_token", TOKEN), ("published", "false")],
                &[("source", "a.jpg", &big)],
            )
            .send();
        assert!(r.is_err(), "no answer expected");
    }
    assert!(fb.photos().is_empty());
    let st = fb.stats();
    let ep = st
        .by_endpoint
        .get("POST /{id}/photos")
        .expect("endpoint stats");
    assert_eq!(ep.requests, 2);
    assert_eq!(ep.answered, 0);
    // The whole first body and about half of the second arrived.
    assert!(
        ep.bytes_received > 300_000 + 100_000 && ep.bytes_received < 2 * 300_000,
        "{}",
        ep.bytes_received
    );
}

#[test]
fn status_500_after_handling_is_code_2_and_the_post_exists() {
    let fb = start();
    fb.set_faults(Faults::script(vec![(
        EndpointMatch::post("/feed"),
        Fault::Status500AfterHandling,
    )]));
    let r = feed(&fb, &[("message", "lỗi máy chủ")]);
    assert_eq!(r.status, 500);
    assert_eq!(r.json()["error"]["code"], 2);
    assert_eq!(fb.posts().len(), 1);
}

#[test]
fn throttle_answers_the_code_with_full_usage_and_does_nothing() {
    let fb = start();
    fb.set_faults(Faults::script(vec![
        (
            EndpointMatch::post("/feed"),
            Fault::Throttle { code: 80001 },
        ),
        (EndpointMatch::post("/feed"), Fault::Throttle { code: 0 }),
    ]));
    let r = feed(&fb, &[("message", "x")]);
    assert_eq!(r.json()["error"]["code"], 80001);
    let buc: serde_json::Value =
        serde_json::from_str(r.header("x-business-use-case-usage").expect("header")).expect("json");
    assert_eq!(buc["1001"][0]["call_count"], 100);
    assert_eq!(buc["1001"][0]["estimated_time_to_regain_access"], 1);
    assert_eq!(feed(&fb, &[("message", "x")]).json()["error"]["code"], 32);
    assert!(fb.posts().is_empty());
}

#[test]
fn expired_token_fault_answers_once() {
    let fb = start();
    fb.set_faults(Faults::script(vec![(
        EndpointMatch::any(),
        Fault::ExpiredToken,
    )]));
    assert_eq!(
        feed(&fb, &[("message", "x")]).json()["error"]["error_subcode"],
        463
    );
    assert_eq!(feed(&fb, &[("message", "x")]).status, 200);
}

#[test]
fn refuse_drops_the_listener_then_comes_back_on_the_same_port() {
    let fb = start();
    fb.set_faults(
        Faults::script(vec![(EndpointMatch::post("/feed"), Fault::Refuse)])
            .with_refuse_for(std::time::Duration::from_millis(400)),
    );
    assert!(
        Call::post(&format!("{}/1001/feed", fb.base_url()))
            .form(&[("access_token", TOKEN), ("message", "x")])
            .send()
            .is_err()
    );
    std::thread::sleep(std::time::Duration::from_millis(100));
    let refused = std::net::TcpStream::connect(("127.0.0.1", fb.port()));
    assert!(
        refused.is_err(),
        "connection should be refused while the host is away"
    );
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(feed(&fb, &[("message", "đã trở lại")]).status, 200);
    assert_eq!(fb.posts().len(), 1);
}

#[test]
fn slow_fault_paces_the_connection() {
    let fb = start();
    fb.set_faults(Faults::script(vec![(
        EndpointMatch::post("/photos"),
        Fault::Slow {
            bytes_per_sec: 100_000,
        },
    )]));
    let data = vec![1u8; 50_000];
    let t = std::time::Instant::now();
    let r = Call::post(&format!("{}/1001/photos", fb.base_url()))
        .multipart(
            &[("access_token", TOKEN), ("published", "false")],
            &[("source", "a.jpg", &data)],
        )
        .send()
        .expect("answer");
    let el = t.elapsed();
    assert_eq!(r.status, 200);
    assert!(
        el.as_millis() >= 400 && el.as_millis() < 3000,
        "50 kB at 100 kB/s took {el:?}"
    );
}

#[test]
fn chunked_bodies_are_read() {
    let fb = start();
    let r = Call::post(&format!("{}/1001/feed", fb.base_url()))
        .form(&[("access_token", TOKEN), ("message", &"dài ".repeat(600))])
        .chunked()
        .send()
        .expect("answer");
    assert_eq!(r.status, 200);
    assert_eq!(fb.posts()[0].message, "dài ".repeat(600));
}

#[test]
fn a_post_can_be_read_and_deleted_by_id() {
    let fb = start();
    let id = feed(&fb, &[("message", "đọc lại")]).json()["id"]
        .as_str()
        .expect("id")
        .to_string();
    let r = Call::get(&format!("{}/{id}?access_token={TOKEN}", fb.base_url()))
        .send()
        .expect("answer");
    assert_eq!(
        (
            r.json()["message"].as_str(),
            r.json()["is_published"].as_bool()
        ),
        (Some("đọc lại"), Some(true))
    );
    let d = Call::new(
        "DELETE",
        &format!("{}/{id}?access_token={TOKEN}", fb.base_url()),
    )
    .send()
    .expect("answer");
    assert_eq!(d.json()["success"], true);
    assert!(fb.posts().is_empty());
    let gone = Call::get(&format!("{}/{id}?access_token={TOKEN}", fb.base_url()))
        .send()
        .expect("answer");
    assert_eq!(
        (
            gone.json()["error"]["code"].as_i64(),
            gone.json()["error"]["error_subcode"].as_i64()
        ),
        (Some(100), Some(33))
    );
}
