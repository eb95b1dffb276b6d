//! Upload benchmark: one video post goes to the Facebook Page (emulated) over an emulated slow
//! link that drops every few megabytes, through the real `loa sync`, killed with SIGKILL once
//! in the middle of the upload and started again.
//!
//! Prints (and writes to `LOA_BENCH_OUT`, if set) the bytes the platform received against the
//! file size, the elapsed time against the ideal (file size / bandwidth), and how many videos
//! the Page shows (exactly one, byte for byte, is the only right answer).
//!
//! Run through `scripts/bench-upload.sh` (it builds `loa` and sets `LOA_BIN`). Knobs:
//! `LOA_BENCH_VIDEO_MB` (20), `LOA_BENCH_MBITS` (4), `LOA_BENCH_DROP_MB` (4: the link drops
//! every this many megabytes it carries), `LOA_BENCH_KILL_AT` (0.5: share of the file on the
//! platform when `loa sync` is killed), `LOA_BENCH_SEED` (1).

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use loa_emulators::harness::{self, FB, Loa};
use loa_emulators::http::Link;
use loa_emulators::{SplitMix64, sha256};
use serde_json::Value;

use harness::bench_env as env;

fn row(loa: &Loa) -> Value {
    let r = loa.ok(&["queue", "list", "--json"]).expect("queue list");
    serde_json::from_str::<Value>(r.stdout.trim())
        .ok()
        .and_then(|v| v.as_array().and_then(|a| a.first().cloned()))
        .unwrap_or(Value::Null)
}

fn main() {
    let Ok(bin) = std::env::var("LOA_BIN") else {
        eprintln!("video_link: set LOA_BIN to a built `loa` binary (scripts/bench-upload.sh does)");
        return;
    };
    let mb: f64 = env("LOA_BENCH_VIDEO_MB", 20.0);
    let mbits: f64 = env("LOA_BENCH_MBITS", 4.0);
    let drop_mb: f64 = env("LOA_BENCH_DROP_MB", 4.0);
    let kill_at: f64 = env("LOA_BENCH_KILL_AT", 0.5);
    let seed: u64 = env("LOA_BENCH_SEED", 1);
    let size = (mb * 1_000_000.0) as usize;
    let bps = (mbits * 1_000_000.0 / 8.0) as u64;
    let drop_every = (drop_mb * 1_000_000.0) as u64;

    let tmp = tempfile::tempdir().expect("temp dir");
    let loa = Loa::new(&bin, tmp.path().join("profile"));
    if let Some(m) = loa.missing_commands() {
        eprintln!("video_link: this `loa` has no `{m}` command yet");
        return;
    }
    let platforms = harness::Platforms::start(&loa, tmp.path()).expect("emulators and channels");
    let (fb, files) = (&platforms.fb, &platforms.files);

    // Random bytes: the emulator does not decode video, and random bytes do not compress on
    // the way (what a compressed MP4 looks like to the link).
    let mut rng = SplitMix64::new(seed);
    let mut bytes = vec![0u8; size];
    for chunk in bytes.chunks_mut(8) {
        let r = rng.next_u64().to_le_bytes();
        chunk.copy_from_slice(&r[..chunk.len()]);
    }
    let video = files.join("video.mp4");
    std::fs::write(&video, &bytes).expect("video written");
    let id = loa
        .new_draft(
            "Video hướng dẫn trợ lý Callbot [U1]",
            "Video hướng dẫn bà con dùng trợ lý Callbot để hỏi thủ tục hành chính (U1).",
        )
        .expect("draft")
        .to_string();
    loa.ok(&[
        "queue",
        "add",
        &id,
        "--channel",
        FB,
        "--video",
        &video.display().to_string(),
    ])
    .expect("queued");

    let link = Link::new(bps).dropping_every(drop_every);
    fb.server().set_link(Some(link.clone()));
    fb.server().reset_stats();

    let t = Instant::now();
    let budget = Duration::from_secs(env("LOA_BENCH_BUDGET_SECS", 900));
    // One `loa sync` until about half the file is on the Page, then SIGKILL.
    let mut child = loa.spawn(&["sync"]).expect("sync starts");
    let mut killed_at = None;
    while t.elapsed() < budget {
        let on_platform = row(&loa)["bytes_sent"].as_u64().unwrap_or(0);
        if on_platform as f64 >= kill_at * size as f64 {
            let _ = child.kill(); // SIGKILL
            let _ = child.wait();
            killed_at = Some((t.elapsed().as_secs_f64(), on_platform));
            break;
        }
        if matches!(child.try_wait(), Ok(Some(_))) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    // Started again at once (the officer opens Loa again), until the post is out.
    let mut runs = 0;
    while t.elapsed() < budget && row(&loa)["state"] != "published" {
        runs += 1;
        let _ = loa.run(&["sync", "--once"]);
    }
    let elapsed = t.elapsed().as_secs_f64();
    let item = row(&loa);
    let stats = fb.stats();
    let received = stats.bytes_received;
    let upload_bytes: u64 = stats
        .by_endpoint
        .iter()
        .filter(|(ep, _)| ep.contains("videos"))
        .map(|(_, e)| e.bytes_received)
        .sum();
    let ideal = size as f64 / bps as f64;
    let videos = fb.videos();
    let good = videos.iter().filter(|v| v.sha256 == sha256(&bytes)).count();
    let sessions = fb.upload_sessions();
    let refused: u64 = sessions.iter().map(|s| s.refused_bytes).sum();

    let mut md = String::new();
    let _ = writeln!(md, "# Upload benchmark\n");
    let _ = writeln!(
        md,
        "`scripts/bench-upload.sh`: one {mb} MB video (random bytes: what a compressed MP4 is to \
         the link) to the Facebook Page (Graph emulator, resumable upload) over an emulated \
         {mbits} Mbit/s link that drops the connection every {drop_mb} MB it carries and comes \
         straight back; `loa sync` killed with SIGKILL once {:.0} % of the file was on the Page, \
         then `loa sync --once` until the post is out (seed {seed}). The product's real waits \
         (no time scaling).\n",
        kill_at * 100.0
    );
    let profile = harness::build_profile(&bin);
    let _ = writeln!(md, "`loa` binary: {profile} build.\n");
    let _ = writeln!(md, "| figure | value | target |\n|---|---|---|");
    let _ = writeln!(md, "| file size | {size} B | |");
    let _ = writeln!(
        md,
        "| bytes received by the platform, all requests (cut chunks included) | {received} B | |"
    );
    let _ = writeln!(
        md,
        "| of which `POST /{{page}}/videos` (start, chunks, finish) | {upload_bytes} B | |"
    );
    let _ = writeln!(
        md,
        "| bytes sent / file size | {:.3} | ≤ 1.1 |",
        received as f64 / size as f64
    );
    let _ = writeln!(
        md,
        "| Loa's own count of wire bytes (`video_wire_bytes`) | {} B | |",
        item["video_wire_bytes"]
    );
    let _ = writeln!(md, "| elapsed | {elapsed:.1} s | |");
    let _ = writeln!(md, "| ideal (file size / bandwidth) | {ideal:.1} s | |");
    let _ = writeln!(
        md,
        "| elapsed / ideal | {:.2} | ≤ 1.5 |",
        elapsed / ideal.max(0.001)
    );
    let _ = writeln!(md, "| link drops | {} | |", link.drops());
    let _ = writeln!(
        md,
        "| SIGKILL of `loa sync` | {} | |",
        killed_at.map_or(
            "none (the upload ended first)".to_owned(),
            |(s, b)| format!("at {s:.1} s, {b} B on the Page")
        )
    );
    let _ = writeln!(md, "| `sync --once` runs after the kill | {runs} | |");
    let _ = writeln!(
        md,
        "| upload sessions / chunks stored / refused (1363037) / refused bytes | {} / {} / {} / {refused} | |",
        sessions.len(),
        sessions.iter().map(|s| s.chunks_stored).sum::<u32>(),
        sessions.iter().map(|s| s.chunks_refused).sum::<u32>(),
    );
    let _ = writeln!(md, "| item state | {} | published |", item["state"]);
    let _ = writeln!(
        md,
        "| videos on the Page / byte for byte | {} / {good} | 1 / 1 |",
        videos.len()
    );
    let _ = writeln!(md, "\nRequests by endpoint (bytes received):\n");
    for (ep, e) in &stats.by_endpoint {
        let _ = writeln!(
            md,
            "- `{ep}`: {} requests, {} answered, {} B",
            e.requests, e.answered, e.bytes_received
        );
    }
    harness::publish_report(&md);
}
