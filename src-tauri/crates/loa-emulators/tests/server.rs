//! The shared server: random faults, a shared slow link, statistics, the sandbox.

use std::time::{Duration, Instant};

use loa_emulators::client::Call;
use loa_emulators::http::Link;
use loa_emulators::sandbox::{self, SandboxOptions};
use loa_emulators::{
    Fault, Faults, GraphEmulator, GraphOptions, WordPressEmulator, WordPressOptions,
};

fn post(fb: &GraphEmulator, msg: &str) -> std::io::Result<loa_emulators::client::Reply> {
    Call::post(&format!("{}/{}/feed", fb.base_url(), fb.page_id()))
        .form(&[("access_token", &fb.token()), ("message", msg)])
        .send()
}

#[test]
fn random_faults_hit_about_the_asked_share_and_are_counted() {
    let fb = GraphEmulator::start(GraphOptions::default()).expect("start");
    fb.set_faults(
        Faults::random(3, 0.5)
            .with_kinds(vec![Fault::DropBeforeHandling, Fault::Throttle { code: 4 }]),
    );
    let mut failed = 0;
    for i in 0..60 {
        match post(&fb, &format!("tin {i}")) {
            Ok(r) if r.status == 200 => {}
            _ => failed += 1,
        }
    }
    let st = fb.stats();
    let injected: u64 = st.faults.values().sum();
    assert_eq!(
        injected, failed as u64,
        "every failure is an injected fault: {:?}",
        st.faults
    );
    assert!(
        (15..=45).contains(&failed),
        "about half of 60, got {failed}"
    );
    assert_eq!(fb.posts().len(), 60 - failed);
    assert_eq!(st.requests, 60);
    // GETs are spared by default.
    let r = Call::get(&format!(
        "{}/{}?access_token={}",
        fb.base_url(),
        fb.page_id(),
        fb.token()
    ))
    .send();
    assert!(r.is_ok());
    fb.clear_faults();
    assert_eq!(post(&fb, "yên").expect("answer").status, 200);
}

#[test]
fn one_link_is_shared_by_two_emulators() {
    let fb = GraphEmulator::start(GraphOptions::default()).expect("start");
    let wp = WordPressEmulator::start(WordPressOptions::default()).expect("start");
    let link = Link::new(200_000);
    fb.set_link(Some(link.clone()));
    wp.set_link(Some(link));
    let data = vec![0xFFu8; 100_000];
    let t = Instant::now();
    let a = {
        let url = format!("{}/{}/photos", fb.base_url(), fb.page_id());
        let tok = fb.token();
        let d = data.clone();
        std::thread::spawn(move || {
            Call::post(&url)
                .multipart(
                    &[("access_token", &tok), ("published", "false")],
                    &[("source", "a.jpg", &d)],
                )
                .send()
        })
    };
    let b = Call::post(&format!("{}/wp-json/wp/v2/media", wp.base_url()))
        .raw("image/jpeg", &data)
        .header("Content-Disposition", "attachment; filename=a.jpg")
        .send();
    let a = a.join().expect("thread");
    let el = t.elapsed();
    assert!(a.is_ok() && b.is_ok());
    // 200 kB through a 200 kB/s link: about a second, not half of one.
    assert!(
        el >= Duration::from_millis(800),
        "shared link too fast: {el:?}"
    );
    assert!(el < Duration::from_secs(4), "shared link too slow: {el:?}");
    let received = fb.stats().bytes_received + wp.stats().bytes_received;
    assert!(received > 200_000, "{received}");
}

#[test]
fn request_log_records_route_fault_and_status() {
    let fb = GraphEmulator::start(GraphOptions::default()).expect("start");
    fb.set_faults(Faults::script(vec![(
        loa_emulators::EndpointMatch::post("/feed"),
        Fault::Throttle { code: 17 },
    )]));
    let _ = post(&fb, "a");
    let _ = post(&fb, "b");
    let log = fb.request_log();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].route, "POST /{id}/feed");
    assert_eq!(log[0].fault, Some(Fault::Throttle { code: 17 }));
    assert_eq!((log[0].status, log[1].status), (Some(400), Some(200)));
}

/// The sandbox on free ports, its files in `dir`.
fn sandbox_in(dir: &std::path::Path) -> sandbox::Sandbox {
    sandbox::start(&SandboxOptions {
        dir: dir.to_path_buf(),
        graph_port: 0,
        zalo_port: 0,
        wordpress_port: 0,
        fault_probability: 0.0,
        seed: 1,
        bandwidth: None,
    })
    .expect("sandbox starts")
}

#[test]
fn sandbox_starts_writes_token_files_and_prints_the_commands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sb = sandbox_in(dir.path());
    let text = sb.instructions();
    for needle in [
        "channel add facebook",
        "channel add zalo",
        "channel add wordpress",
        "channel add folder",
        "--base-url",
        "sync --once",
    ] {
        assert!(text.contains(needle), "instructions lack {needle}:\n{text}");
    }
    assert!(
        text.contains(&sb.graph.base_url())
            && text.contains(&sb.zalo.base_url())
            && text.contains(&sb.wordpress.base_url())
    );
    let token = std::fs::read_to_string(dir.path().join("facebook-token.txt")).expect("token file");
    assert_eq!(token, sb.graph.token());
    let r = Call::get(&format!(
        "{}/{}?access_token={token}",
        sb.graph.base_url(),
        sb.graph.page_id()
    ))
    .send()
    .expect("answer");
    assert_eq!(r.status, 200);
    assert_eq!(
        sb.summary(),
        "facebook: 0 posts, zalo: 0 articles, wordpress: 0 posts"
    );
}

#[test]
fn sandbox_explains_signing_in_and_its_login_pages_answer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sb = sandbox_in(dir.path());
    let text = sb.instructions();
    for needle in [
        "/dialog/oauth?client_id=",
        "/me/accounts",
        "/v4/oa/permission?app_id=",
        "/v4/oa/access_token",
    ] {
        assert!(text.contains(needle), "instructions lack {needle}:\n{text}");
    }
    assert!(text.contains(&sb.graph.login_success_url()));
    let secret =
        std::fs::read_to_string(dir.path().join("facebook-app-secret.txt")).expect("secret file");
    assert_eq!(secret, sb.graph.app_secret());
    let dialog = Call::get(&sb.graph.dialog_url(&sb.graph.login_success_url(), "x"))
        .send()
        .expect("dialog");
    assert!(dialog.input_value("session").is_some(), "{}", dialog.text());
    let zalo = Call::get(&sb.zalo.permission_url(&sb.zalo.callback_url(), "c", "s"))
        .send()
        .expect("permission page");
    assert!(zalo.input_value("session").is_some(), "{}", zalo.text());
}

#[test]
fn a_link_that_drops_every_n_bytes_cuts_that_request_and_carries_the_next() {
    let fb = GraphEmulator::start(GraphOptions::default()).expect("start");
    let link = Link::new(10_000_000).dropping_every(150_000);
    fb.set_link(Some(link.clone()));
    let url = format!("{}/{}/photos", fb.base_url(), fb.page_id());
    let photo = |n: usize| {
        let mut d = vec![0xFFu8, 0xD8, 0xFF, 0xE0];
        d.extend(std::iter::repeat_n(7u8, n));
        Call::post(&url)
            .multipart(
                &[("access_token", &fb.token()), ("published", "false")],
                &[("source", "a.jpg", &d)],
            )
            .send()
    };
    // 100 kB goes through; the next 100 kB crosses 150 kB on the link and is cut.
    assert!(photo(100_000).is_ok_and(|r| r.status == 200));
    assert!(photo(100_000).is_err(), "the link dropped under it");
    assert_eq!(link.drops(), 1);
    // The link is back at once.
    assert!(photo(100_000).is_ok_and(|r| r.status == 200));
    assert_eq!(
        fb.stats().incomplete,
        1,
        "the cut request was never handled"
    );
}
