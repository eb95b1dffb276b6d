//! A video post through the real `loa` binary: `queue add --video`, `queue list --json` with
//! its bytes, and a `loa sync` killed (SIGKILL) in the middle of the upload, whose successor
//! resumes from the offset the first one committed — same session, nothing sent from zero — and
//! publishes the video exactly once. Zalo refuses a video before queueing.

use std::time::{Duration, Instant};

use loa_emulators::harness::{self, FB, Loa, ZALO};
use loa_emulators::http::Link;
use loa_emulators::sha256;
use serde_json::Value;

const SIZE: usize = 3_000_000;

fn video_bytes() -> Vec<u8> {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    (0..SIZE)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 32) as u8
        })
        .collect()
}

fn rows(loa: &Loa) -> Vec<Value> {
    let r = loa.ok(&["queue", "list", "--json"]).expect("queue list");
    serde_json::from_str::<Value>(r.stdout.trim())
        .expect("json")
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn a_killed_sync_resumes_the_video_from_the_committed_offset() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut loa = Loa::new(env!("CARGO_BIN_EXE_loa"), tmp.path().join("profile"));
    loa.env.push(("LOA_SYNC_TIME_SCALE".into(), "0.02".into()));
    let platforms = harness::Platforms::start(&loa, tmp.path()).expect("emulators and channels");
    let (fb, files) = (&platforms.fb, &platforms.files);

    let bytes = video_bytes();
    let video = files.join("huong-dan-callbot.mp4");
    std::fs::write(&video, &bytes).expect("video written");
    let id = loa
        .new_draft(
            "Hướng dẫn dùng trợ lý Callbot [V1]",
            "Video hướng dẫn bà con hỏi đáp thủ tục qua trợ lý Callbot (V1).",
        )
        .expect("draft")
        .to_string();
    let video_arg = video.display().to_string();

    // Zalo: refused before queueing, in the officer's language, and nothing is queued.
    let refused = loa
        .run(&[
            "queue",
            "add",
            &id,
            "--channel",
            ZALO,
            "--video",
            &video_arg,
        ])
        .expect("loa runs");
    assert!(!refused.ok(), "a video to Zalo is refused");
    assert!(
        refused.stderr.contains("video"),
        "says why: {}",
        refused.stderr
    );
    assert!(rows(&loa).is_empty(), "nothing queued");

    loa.ok(&["queue", "add", &id, "--channel", FB, "--video", &video_arg])
        .expect("queued for the Page");
    let row = &rows(&loa)[0];
    assert_eq!(row["bytes_total"], SIZE as u64);
    assert_eq!(row["bytes_sent"], 0);
    assert_eq!(row["video_wire_bytes"], 0);

    // A link of 600 kB/s: the upload takes seconds, time enough to kill the worker in it.
    fb.server().set_link(Some(Link::new(600_000)));
    let mut child = loa.spawn(&["sync"]).expect("sync starts");
    let t = Instant::now();
    let committed = loop {
        let sent = rows(&loa)[0]["bytes_sent"].as_u64().unwrap_or(0);
        if sent > 0 {
            break sent;
        }
        assert!(
            t.elapsed() < Duration::from_secs(60),
            "no chunk was committed within a minute"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
    assert!(committed < SIZE as u64, "killed mid-upload");
    // The chunks that went through measured the link: the next video estimate uses 4.8 Mbit/s,
    // not the default for a weak link (the request round trips make it a little slower).
    let store = loa_core::Store::open(&loa.data_dir).expect("profile");
    let (bps, measured) = store.videos().link_speed().expect("link speed");
    assert!(measured, "no chunk measured the link");
    assert!(
        (2_000_000..=6_000_000).contains(&bps),
        "measured {bps} bit/s on a 4.8 Mbit/s link"
    );
    drop(store);
    let sessions = fb.upload_sessions();
    assert_eq!(sessions.len(), 1);
    assert!(
        sessions[0].received >= committed,
        "the server has what was committed"
    );

    fb.server().set_link(None);
    let t = Instant::now();
    while rows(&loa)[0]["state"] != "published" {
        assert!(t.elapsed() < Duration::from_secs(90), "{:?}", rows(&loa));
        let _ = loa.run(&["sync", "--once"]).expect("sync --once runs");
    }

    let sessions = fb.upload_sessions();
    assert_eq!(sessions.len(), 1, "the same session, resumed: {sessions:?}");
    assert!(
        sessions[0].chunks_refused <= 1,
        "at most the chunk in flight at the kill is answered with 1363037: {sessions:?}"
    );
    assert_eq!(sessions[0].received, SIZE as u64);
    let videos = fb.videos();
    assert_eq!(videos.len(), 1, "exactly one video on the Page");
    assert_eq!(videos[0].sha256, sha256(&bytes));
    assert!(videos[0].description.contains("(V1)"));

    let row = &rows(&loa)[0];
    assert_eq!(row["bytes_sent"], SIZE as u64);
    assert_eq!(row["bytes_total"], SIZE as u64);
    let wire = row["video_wire_bytes"].as_u64().expect("wire bytes");
    assert!(wire >= SIZE as u64 - committed, "{wire}");
}
