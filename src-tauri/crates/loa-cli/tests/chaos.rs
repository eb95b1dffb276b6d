//! Chaos: a queue of posts with photos goes to Facebook, Zalo, WordPress and a folder through
//! random network and platform faults while the worker (`loa sync`, a separate process) is killed
//! with SIGKILL at random moments. Then every post must exist exactly once on every channel it was
//! queued to, with its photos in order (SHA-256 of the uploaded bytes equal to the attached
//! files — `loa draft attach` keeps an upright, location-free JPEG as it is, so the bytes do not
//! change), and no item may end failed or unconfirmed.
//!
//! Black-box: it drives the `loa` binary and reads the emulators (`loa-emulators`).
//! `LOA_CHAOS_SEED` replays a run (the seed is printed), `LOA_CHAOS_ROUNDS` sets the rounds (20).
//! `LOA_SYNC_TIME_SCALE=0.02` asks the worker to shrink its backoffs and holds so the test fits
//! in three minutes. It never skips: a `loa` without the publishing commands fails it.
//!
//! Fault kinds: Facebook and WordPress meet every kind except `ExpiredToken` (an expired Page
//! token or a revoked application password needs the officer to reconnect — the channel would
//! rightly stay held, which is tested elsewhere); Zalo meets every kind including `ExpiredToken`,
//! which its refresh token recovers from. The refresh call itself is spared: a lost refresh
//! answer burns Zalo's single-use refresh token for real, and only the officer can reconnect.
//! Zalo articles take photos by URL: the Zalo channel is added with the WordPress channel as its
//! image host (`--image-host`), and the article's image URLs are matched to the WordPress
//! emulator's media hashes. A binary without `--image-host` gets a photo-less Zalo channel and
//! drafts with photos are then queued to Zalo only if `loa queue add` accepts them.
//!
//! Videos: a few drafts carry a video instead of photos (`queue add --video`), queued to
//! Facebook (the resumable upload, killed and faulted like everything else), WordPress (a media
//! item in the post) and the folder; Zalo must refuse them before queueing. Each must end as
//! exactly one video on the Page, byte for byte, the same bytes in the WordPress post's video
//! and in the folder.

use std::process::Child;
use std::time::{Duration, Instant};

use loa_emulators::harness::{self, DraftSpec, FB, FOLDER, Loa, WP, ZALO};
use loa_emulators::{
    EndpointMatch, Fault, Faults, GraphEmulator, GraphOptions, SplitMix64, WordPressEmulator,
    WordPressOptions, ZaloEmulator, ZaloOptions, sha256,
};

const DRAFTS: usize = 12;
/// Drafts with a video (sizes in bytes: several chunks each, not one).
const VIDEOS: [usize; 2] = [700_000, 1_300_000];
const FAULT_P: f64 = 0.3;
/// Past this, the drain phase stops and the test reports what it found.
const DRAIN_BUDGET: Duration = Duration::from_secs(110);

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// A small JPEG, distinct per (draft, photo): a gradient with a block whose place encodes both.
fn jpeg(draft: usize, k: usize) -> Vec<u8> {
    let (w, h) = (240u32, 180u32);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let block = x / 30 == (draft as u32 % 8) && y / 30 == (k as u32 % 6);
        if block {
            image::Rgb([255, 255, 255])
        } else {
            image::Rgb([
                (x * 255 / w) as u8,
                (y * 255 / h) as u8,
                ((draft * 40 + k * 13) % 256) as u8,
            ])
        }
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .expect("encode a JPEG in memory");
    out
}

const TITLES: [&str; 6] = [
    "Thông báo lịch tiêm chủng mở rộng",
    "Cảnh báo lũ quét, sạt lở đất",
    "Lịch tiếp công dân tuần này",
    "Người tốt việc tốt ở bản Khun",
    "Cảnh giác lừa đảo qua điện thoại",
    "Họp dân bàn kế hoạch làm đường",
];

fn body(i: usize, marker: &str) -> String {
    format!(
        "UBND xã thông báo tới toàn thể nhân dân ({marker}).\n\n\
         Đề nghị bà con thực hiện đúng hướng dẫn, theo dõi tin trên loa truyền thanh và trang của xã.\n\n\
         Mọi thắc mắc xin liên hệ cán bộ văn hoá – thông tin, số thứ tự {i}."
    )
}

/// Kills a child that outlives its deadline; returns whether it had to.
fn wait_or_kill(child: &mut Child, deadline: Duration) -> bool {
    let t = Instant::now();
    while t.elapsed() < deadline {
        if matches!(child.try_wait(), Ok(Some(_))) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
    true
}

/// Which platform a fault plan is for: each has its own throttling answer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Platform {
    Facebook,
    Zalo,
    WordPress,
}

fn fault_plan(rng: &mut SplitMix64, platform: Platform) -> Faults {
    let zalo = platform == Platform::Zalo;
    let throttle = match platform {
        Platform::Zalo => Fault::Throttle { code: -32 },
        Platform::WordPress => Fault::Throttle { code: 429 },
        Platform::Facebook => Fault::Throttle {
            code: [4, 17, 32, 613, 80001][rng.range(0, 4) as usize],
        },
    };
    let mut kinds = vec![
        Fault::Refuse,
        Fault::DropBeforeHandling,
        Fault::DropAfterHandling,
        Fault::Status500AfterHandling,
        throttle,
        Fault::Slow {
            bytes_per_sec: 64 * 1024,
        },
        Fault::CloseMidBody,
    ];
    if zalo {
        kinds.push(Fault::ExpiredToken);
    }
    Faults::random(rng.next_u64(), FAULT_P)
        .with_kinds(kinds)
        .with_refuse_for(Duration::from_millis(200))
        // A lost answer to Zalo's token refresh burns the single-use refresh token on the real
        // platform too: only the officer can reconnect, so the test spares that one call.
        .sparing(vec![EndpointMatch::post("/v4/oa/access_token")])
}

#[test]
fn chaos_every_post_exactly_once_with_photos_in_order() {
    let started = Instant::now();
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut loa = Loa::new(env!("CARGO_BIN_EXE_loa"), tmp.path().join("profile"));
    loa.env.push(("LOA_SYNC_TIME_SCALE".into(), "0.02".into()));
    // The publishing commands are part of `loa`: their absence is a failure, never a skip.
    if let Some(missing) = loa.missing_commands() {
        panic!("this `loa` binary has no `{missing}` command");
    }
    let seed = env_u64("LOA_CHAOS_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)
    });
    let rounds = env_u64("LOA_CHAOS_ROUNDS").unwrap_or(20);
    println!("chaos: seed {seed} (LOA_CHAOS_SEED={seed} replays it), {rounds} rounds");
    let mut rng = SplitMix64::new(seed);

    let fb = GraphEmulator::start(GraphOptions::default()).expect("graph emulator");
    let zalo = ZaloEmulator::start(ZaloOptions {
        verify_processing_calls: 1,
        ..Default::default()
    })
    .expect("zalo emulator");
    let wp = WordPressEmulator::start(WordPressOptions {
        retry_after_secs: 1,
        ..Default::default()
    })
    .expect("wp emulator");
    let files = tmp.path().join("files");
    let folder = tmp.path().join("usb");
    std::fs::create_dir_all(&files).expect("files dir");
    std::fs::create_dir_all(&folder).expect("folder dir");
    harness::add_channels(&loa, &files, &fb, &zalo, &wp, &folder).expect("channels added");

    // Drafts with 0–4 photos each, queued to every channel that takes them.
    let mut drafts = Vec::new();
    let mut zalo_refused = 0;
    let mut photo_bytes = 0usize;
    for i in 0..DRAFTS {
        let marker = format!("K{i:02}-{:04x}", rng.next_u64() & 0xffff);
        let title = format!("{} [{marker}]", TITLES[i % TITLES.len()]);
        let text = body(i, &marker);
        let id = loa.new_draft(&title, &text).expect("draft created");
        let n = rng.range(0, 4) as usize;
        let mut paths = Vec::new();
        let mut hashes = Vec::new();
        for k in 0..n {
            let bytes = jpeg(i, k);
            photo_bytes += bytes.len();
            hashes.push(sha256(&bytes));
            let p = files.join(format!("d{i}-p{k}.jpg"));
            std::fs::write(&p, &bytes).expect("photo written");
            paths.push(p.display().to_string());
        }
        if !paths.is_empty() {
            let id_s = id.to_string();
            let mut args = vec!["draft", "attach", id_s.as_str()];
            args.extend(paths.iter().map(String::as_str));
            loa.ok(&args).expect("photos attached");
        }
        let mut channels = Vec::new();
        for ch in [FB, ZALO, WP, FOLDER] {
            let r = loa
                .run(&["queue", "add", &id.to_string(), "--channel", ch])
                .expect("loa runs");
            if r.ok() {
                channels.push(ch.to_string());
            } else if ch == ZALO && n > 0 {
                zalo_refused += 1;
            } else {
                panic!("queue add {id} --channel {ch} refused: {}", r.stderr);
            }
        }
        drafts.push(DraftSpec {
            id,
            marker,
            title,
            body: text,
            photos: hashes,
            channels,
        });
    }
    // Video drafts: random bytes behind an MP4 header (the emulators do not decode video).
    let mut videos = Vec::new();
    for (v, size) in VIDEOS.iter().enumerate() {
        let marker = format!("V{v:02}-{:04x}", rng.next_u64() & 0xffff);
        let title = format!("Video hướng dẫn bà con [{marker}]");
        let text = body(100 + v, &marker);
        let id = loa.new_draft(&title, &text).expect("video draft created");
        let mut bytes = vec![0u8; *size];
        for chunk in bytes.chunks_mut(8) {
            let r = rng.next_u64().to_le_bytes();
            chunk.copy_from_slice(&r[..chunk.len()]);
        }
        // An MP4's first box, so a site that checks the container (WordPress) takes it.
        let ftyp = b"\0\0\0\x18ftypisom\0\0\x02\0isomiso2";
        bytes[..ftyp.len()].copy_from_slice(ftyp);
        let path = files.join(format!("video-{v}.mp4"));
        std::fs::write(&path, &bytes).expect("video written");
        let path = path.display().to_string();
        let id_s = id.to_string();
        let z = loa
            .run(&["queue", "add", &id_s, "--channel", ZALO, "--video", &path])
            .expect("loa runs");
        assert!(!z.ok(), "Zalo refuses a video before queueing");
        let mut channels = Vec::new();
        for ch in [FB, WP, FOLDER] {
            loa.ok(&["queue", "add", &id_s, "--channel", ch, "--video", &path])
                .unwrap_or_else(|e| panic!("video queued to {ch}: {e:?}"));
            channels.push(ch.to_string());
        }
        videos.push((marker.clone(), sha256(&bytes)));
        drafts.push(DraftSpec {
            id,
            marker,
            title,
            body: text,
            photos: Vec::new(),
            channels,
        });
    }
    let queued: usize = drafts.iter().map(|d| d.channels.len()).sum();

    // Chaos: random faults, the worker killed at random moments.
    let (mut kills, mut once_runs) = (0u32, 0u32);
    for _ in 0..rounds {
        fb.set_faults(fault_plan(&mut rng, Platform::Facebook));
        zalo.set_faults(fault_plan(&mut rng, Platform::Zalo));
        wp.set_faults(fault_plan(&mut rng, Platform::WordPress));
        if rng.range(0, 3) == 0 {
            once_runs += 1;
            let mut child = loa.spawn(&["sync", "--once"]).expect("sync --once starts");
            if wait_or_kill(&mut child, Duration::from_secs(4)) {
                kills += 1;
            }
        } else {
            let mut child = loa.spawn(&["sync"]).expect("sync starts");
            std::thread::sleep(Duration::from_millis(rng.range(50, 1500)));
            let _ = child.kill(); // SIGKILL
            let _ = child.wait();
            kills += 1;
        }
    }

    // Calm: no faults; run the worker until every item has settled or the budget is spent.
    fb.clear_faults();
    zalo.clear_faults();
    wp.clear_faults();
    let drain_start = Instant::now();
    let mut items = loa.queue().expect("queue list");
    while drain_start.elapsed() < DRAIN_BUDGET
        && items.iter().any(|i| {
            !matches!(
                i.state.as_str(),
                "published" | "failed" | "unconfirmed" | "cancelled"
            )
        })
    {
        let mut child = loa.spawn(&["sync", "--once"]).expect("sync --once starts");
        let left = DRAIN_BUDGET
            .saturating_sub(drain_start.elapsed())
            .max(Duration::from_secs(1));
        wait_or_kill(&mut child, left.min(Duration::from_secs(70)));
        items = loa.queue().expect("queue list");
        // `--once` ends when what is left waits longer than a minute: do not spin.
        std::thread::sleep(Duration::from_millis(300));
    }

    let verdict = harness::verify(&drafts, &fb, &zalo, &wp, &folder);
    let count = |s: &str| items.iter().filter(|i| i.state == s).count();
    let (published, failed, unconfirmed) =
        (count("published"), count("failed"), count("unconfirmed"));
    let mut faults = std::collections::BTreeMap::<String, u64>::new();
    let mut requests = Vec::new();
    for (name, st) in [
        ("facebook", fb.stats()),
        ("zalo", zalo.stats()),
        ("wordpress", wp.stats()),
    ] {
        for (k, v) in &st.faults {
            *faults.entry(k.clone()).or_default() += v;
        }
        requests.push(format!(
            "{name} {} ({} B in)",
            st.requests, st.bytes_received
        ));
    }
    println!("| figure | value |\n|---|---|");
    println!("| seed | {seed} |");
    println!("| rounds (kills / `sync --once` runs) | {rounds} ({kills} / {once_runs}) |");
    println!(
        "| drafts / queued items / Zalo refusals (photos) | {DRAFTS} / {queued} / {zalo_refused} |"
    );
    println!("| photo bytes attached | {photo_bytes} |");
    println!(
        "| faults injected | {} |",
        faults
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!("| requests | {} |", requests.join("; "));
    println!("| Zalo token refreshes | {} |", zalo.refresh_count());
    println!("| items published / failed / unconfirmed | {published} / {failed} / {unconfirmed} |");
    println!(
        "| exactly once / duplicates / lost / wrong photos | {} / {} / {} / {} |",
        verdict.exactly_once, verdict.duplicates, verdict.lost, verdict.wrong_photos
    );
    println!("| time | {:.1} s |", started.elapsed().as_secs_f64());
    for p in &verdict.problems {
        println!("problem: {p}");
    }
    for i in items.iter().filter(|i| i.state != "published") {
        println!(
            "item {} (draft {}, {}): {} after {} attempts: {}",
            i.id, i.draft_id, i.channel, i.state, i.attempts, i.last_error
        );
    }

    // Videos: one on the Page per draft, byte for byte; the same bytes behind the WordPress
    // post's video block and in the folder.
    let hex = |h: &[u8; 32]| h.iter().map(|b| format!("{b:02x}")).collect::<String>();
    let mut video_problems = Vec::new();
    for (marker, hash) in &videos {
        let on_page: Vec<_> = fb
            .videos()
            .into_iter()
            .filter(|v| v.description.contains(marker.as_str()))
            .collect();
        if on_page.len() != 1 || on_page[0].sha256 != *hash {
            video_problems.push(format!(
                "{marker}: {} videos on the Page, bytes right: {}",
                on_page.len(),
                on_page.iter().filter(|v| v.sha256 == *hash).count()
            ));
        }
        let wp_ok = wp.posts().iter().any(|p| {
            p.content.contains(marker.as_str())
                && wp
                    .media()
                    .iter()
                    .any(|m| m.sha256 == *hash && p.content.contains(&m.source_url))
        });
        if !wp_ok {
            video_problems.push(format!("{marker}: no WordPress post with its video"));
        }
        let in_folder = std::fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| std::fs::read(e.path().join("manifest.json")).ok())
            .filter_map(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .filter(|m| m["video"]["sha256"] == hex(hash).as_str())
            .count();
        if in_folder != 1 {
            video_problems.push(format!("{marker}: {in_folder} folder copies of its video"));
        }
    }
    println!(
        "| videos (Page / WordPress / folder problems) | {} / {:?} |",
        videos.len(),
        video_problems
    );
    assert!(
        video_problems.is_empty(),
        "videos (seed {seed}): {video_problems:?}"
    );

    assert_eq!(items.len(), queued, "every queued item is listed");
    assert_eq!(verdict.duplicates, 0, "duplicates (seed {seed})");
    assert_eq!(verdict.lost, 0, "lost posts (seed {seed})");
    assert_eq!(
        verdict.wrong_photos, 0,
        "photos missing or out of order (seed {seed})"
    );
    assert_eq!(
        verdict.exactly_once, queued,
        "every post exactly once (seed {seed})"
    );
    assert_eq!(failed, 0, "failed items (seed {seed})");
    assert_eq!(unconfirmed, 0, "unconfirmed items (seed {seed})");
    assert_eq!(published, queued, "every item published (seed {seed})");
}
