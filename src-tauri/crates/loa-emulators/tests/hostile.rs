//! The network's hostile answers, on every emulator: a captive portal echoing the URL, a
//! redirect to another host, a front server's 413 page, a slow host that acts late.

use std::time::{Duration, Instant};

use loa_emulators::client::Call;
use loa_emulators::common::base64_encode;
use loa_emulators::{
    EndpointMatch, Fault, Faults, GraphEmulator, GraphOptions, WordPressEmulator, WordPressOptions,
    ZaloEmulator, ZaloOptions,
};
use serde_json::json;

const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0 hostile jpeg";

fn wp_auth(wp: &WordPressEmulator, c: Call) -> Call {
    c.header(
        "Authorization",
        &format!(
            "Basic {}",
            base64_encode(format!("{}:{}", wp.user(), wp.app_password()).as_bytes())
        ),
    )
}

#[test]
fn a_captive_portal_echoes_the_url_with_its_token() {
    let fb = GraphEmulator::start(GraphOptions {
        token: "SECRET-PAGE-TOKEN".into(),
        ..Default::default()
    })
    .expect("emulator");
    fb.set_faults(Faults::script(vec![
        (EndpointMatch::any(), Fault::CaptivePortal { status: 200 }),
        (EndpointMatch::any(), Fault::CaptivePortal { status: 302 }),
    ]));
    let url = format!(
        "{}/1001/feed?access_token=SECRET-PAGE-TOKEN&message=x",
        fb.base_url()
    );
    let r = Call::post(&url).send().expect("answer");
    assert_eq!(r.status, 200);
    assert!(
        r.header("content-type")
            .is_some_and(|c| c.starts_with("text/html"))
    );
    assert!(r.text().contains("SECRET-PAGE-TOKEN"), "the URL is echoed");
    assert!(r.json().is_null(), "not JSON");
    let moved = Call::post(&url).send().expect("answer");
    assert_eq!(moved.status, 302);
    assert!(
        moved
            .header("location")
            .is_some_and(|l| l.contains("/portal/login?continue="))
    );
    assert!(fb.posts().is_empty(), "nothing reached the platform");
    assert_eq!(fb.stats().faults.get("captive_portal"), Some(&2));
}

#[test]
fn a_redirect_elsewhere_points_to_a_host_that_records_what_follows() {
    let zalo = ZaloEmulator::start(ZaloOptions::default()).expect("emulator");
    zalo.set_faults(Faults::script(vec![(
        EndpointMatch::get("/getoa"),
        Fault::RedirectElsewhere { status: 307 },
    )]));
    let token = zalo.access_token();
    let r = Call::get(&format!("{}/v2.0/oa/getoa", zalo.base_url()))
        .header("access_token", &token)
        .send()
        .expect("answer");
    assert_eq!(r.status, 307);
    let location = r.header("location").expect("Location").to_string();
    assert!(location.starts_with(&zalo.other_host_origin()));
    assert!(location.ends_with("/v2.0/oa/getoa"));
    // A client that follows without dropping the header hands the token over; one that drops
    // it does not. The other host keeps both for the test to judge.
    Call::get(&location)
        .header("access_token", &token)
        .send()
        .expect("other host answers");
    Call::get(&location).send().expect("other host answers");
    let seen = zalo.other_host_requests();
    assert_eq!(seen.len(), 2);
    assert!(seen[0].carries(&token));
    assert!(!seen[1].carries(&token));
}

#[test]
fn a_413_page_from_the_front_server_stores_nothing() {
    let wp = WordPressEmulator::start(WordPressOptions {
        max_request_bytes: Some(1000),
        ..Default::default()
    })
    .expect("emulator");
    let upload = |data: &[u8]| {
        wp_auth(
            &wp,
            Call::post(&format!("{}/wp-json/wp/v2/media", wp.base_url())),
        )
        .raw("image/jpeg", data)
        .header("Content-Disposition", "attachment; filename=\"a.jpg\"")
        .send()
        .expect("answer")
    };
    let mut big = JPEG.to_vec();
    big.resize(5000, 7);
    let r = upload(&big);
    assert_eq!(r.status, 413);
    assert!(
        r.text()
            .contains("<title>413 Request Entity Too Large</title>")
    );
    assert!(r.text().contains("Apache"));
    assert_eq!(upload(JPEG).status, 201);
    wp.set_faults(Faults::script(vec![(
        EndpointMatch::post("/media"),
        Fault::PayloadTooLarge,
    )]));
    assert_eq!(upload(JPEG).status, 413);
    assert_eq!(wp.media().len(), 1);
}

#[test]
fn a_slow_host_saves_the_post_after_the_client_gave_up() {
    let wp = WordPressEmulator::start(WordPressOptions::default()).expect("emulator");
    wp.set_faults(Faults::script(vec![(
        EndpointMatch::post("/posts"),
        Fault::SlowHost { hold_ms: 1500 },
    )]));
    let sent = Instant::now();
    let r = wp_auth(
        &wp,
        Call::post(&format!("{}/wp-json/wp/v2/posts", wp.base_url())),
    )
    .json(&json!({ "title": "Trễ", "content": "x", "status": "publish" }))
    .timeout(Duration::from_millis(300))
    .send();
    assert!(r.is_err(), "the client gave up waiting");
    assert!(
        wp.posts().is_empty(),
        "not saved yet when the client gave up"
    );
    // Then the host does save it: wait for that, bounded.
    let deadline = Instant::now() + Duration::from_secs(10);
    while wp.posts().is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(wp.posts().len(), 1, "saved late");
    assert!(sent.elapsed() >= Duration::from_millis(1500));
}
