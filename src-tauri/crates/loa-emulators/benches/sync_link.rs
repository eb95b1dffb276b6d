//! Sync benchmark: a queue of posts with photos goes to Facebook and WordPress over one emulated
//! slow link that drops connections, through the real `loa sync --once`.
//!
//! Prints (and writes to `LOA_BENCH_OUT`, if set) the bytes of the renditions that had to go
//! against the bytes the platforms actually received, the elapsed time against the ideal
//! (rendition bytes / bandwidth), and the duplicate count.
//!
//! Run through `scripts/bench-sync.sh` (it builds `loa` and sets `LOA_BIN`). Knobs:
//! `LOA_BENCH_POSTS` (8), `LOA_BENCH_KBPS` (256 kB/s), `LOA_BENCH_DROP` (0.15: share of uploads
//! cut mid-body or refused), `LOA_BENCH_SEED` (1), `LOA_SYNC_TIME_SCALE` (passed to `loa`; unset =
//! the product's real backoffs), `LOA_BENCH_SPACING` (unset = each channel's default spacing
//! between two publishes, 30 s for a Page; a number sets both channels' spacing, so the figure
//! shows the link and the retries alone).

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use loa_emulators::harness::{self, DraftSpec, FB, Loa, WP};
use loa_emulators::http::Link;
use loa_emulators::{
    Fault, Faults, GraphEmulator, GraphOptions, SplitMix64, WordPressEmulator, WordPressOptions,
    ZaloEmulator, ZaloOptions, sha256,
};

use harness::bench_env as env;

/// A phone-photo-like rendition: a little noise, so it compresses like a real photo.
fn rendition(rng: &mut SplitMix64, w: u32, h: u32) -> Vec<u8> {
    let base = [
        rng.range(0, 255) as u8,
        rng.range(0, 255) as u8,
        rng.range(0, 255) as u8,
    ];
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let n = (rng.next_u64() & 0x0f) as u8;
        image::Rgb([
            base[0].wrapping_add((x / 7) as u8).wrapping_add(n),
            base[1].wrapping_add((y / 5) as u8).wrapping_add(n / 2),
            base[2].wrapping_add(((x + y) / 9) as u8),
        ])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
        .encode_image(&img)
        .expect("encode a JPEG in memory");
    out
}

fn main() {
    let Ok(bin) = std::env::var("LOA_BIN") else {
        eprintln!("sync_link: set LOA_BIN to a built `loa` binary (scripts/bench-sync.sh does)");
        return;
    };
    let posts: usize = env("LOA_BENCH_POSTS", 8);
    let kbps: u64 = env("LOA_BENCH_KBPS", 256);
    let drop: f64 = env("LOA_BENCH_DROP", 0.15);
    let seed: u64 = env("LOA_BENCH_SEED", 1);
    let bps = kbps * 1000;
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut loa = Loa::new(&bin, tmp.path().join("profile"));
    if let Ok(scale) = std::env::var("LOA_SYNC_TIME_SCALE") {
        loa.env.push(("LOA_SYNC_TIME_SCALE".into(), scale));
    }
    if let Some(m) = loa.missing_commands() {
        eprintln!("sync_link: this `loa` has no `{m}` command yet");
        return;
    }
    let fb = GraphEmulator::start(GraphOptions::default()).expect("graph emulator");
    let zalo = ZaloEmulator::start(ZaloOptions::default()).expect("zalo emulator");
    let wp = WordPressEmulator::start(WordPressOptions::default()).expect("wordpress emulator");
    let files = tmp.path().join("files");
    let folder = tmp.path().join("usb");
    std::fs::create_dir_all(&files).expect("files dir");
    std::fs::create_dir_all(&folder).expect("folder dir");
    harness::add_channels(&loa, &files, &fb, &zalo, &wp, &folder).expect("channels added");
    let spacing: Option<u32> = std::env::var("LOA_BENCH_SPACING")
        .ok()
        .and_then(|v| v.trim().parse().ok());
    if let Some(secs) = spacing {
        // `channel add` with an existing name updates that channel.
        let secs = secs.to_string();
        let page = fb.page_id();
        let fb_url = fb.base_url();
        let fb_tok = files.join("fb-token").display().to_string();
        loa.ok(&[
            "channel",
            "add",
            "facebook",
            "--name",
            FB,
            "--page-id",
            &page,
            "--token-file",
            &fb_tok,
            "--base-url",
            &fb_url,
            "--spacing",
            &secs,
        ])
        .expect("facebook spacing set");
        let wp_url = wp.base_url();
        let user = wp.user();
        let wp_pw = files.join("wp-password").display().to_string();
        loa.ok(&[
            "channel",
            "add",
            "wordpress",
            "--name",
            WP,
            "--url",
            &wp_url,
            "--user",
            &user,
            "--app-password-file",
            &wp_pw,
            "--spacing",
            &secs,
        ])
        .expect("wordpress spacing set");
    }

    let mut rng = SplitMix64::new(seed);
    let mut drafts = Vec::new();
    let mut rendition_bytes = 0u64;
    let mut photo_count = 0usize;
    let (mut min_photo, mut max_photo) = (usize::MAX, 0usize);
    for i in 0..posts {
        let marker = format!("B{i:02}-{seed}");
        let title = format!("Tin ảnh hoạt động của xã [{marker}]");
        let body = format!("Hình ảnh buổi ra quân làm đường giao thông nông thôn ({marker}).");
        let id = loa.new_draft(&title, &body).expect("draft");
        let n = rng.range(1, 4) as usize;
        let mut paths = Vec::new();
        let mut hashes = Vec::new();
        for k in 0..n {
            let bytes = rendition(&mut rng, 1280, 960);
            min_photo = min_photo.min(bytes.len());
            max_photo = max_photo.max(bytes.len());
            hashes.push(sha256(&bytes));
            rendition_bytes += bytes.len() as u64 * 2; // once to each channel
            photo_count += 1;
            let p = files.join(format!("b{i}-{k}.jpg"));
            std::fs::write(&p, &bytes).expect("photo written");
            paths.push(p.display().to_string());
        }
        let id_s = id.to_string();
        let mut args = vec!["draft", "attach", id_s.as_str()];
        args.extend(paths.iter().map(String::as_str));
        loa.ok(&args).expect("attach");
        for ch in [FB, WP] {
            loa.ok(&["queue", "add", &id_s, "--channel", ch])
                .expect("queue add");
        }
        drafts.push(DraftSpec {
            id,
            marker,
            title,
            body,
            photos: hashes,
            channels: vec![FB.into(), WP.into()],
        });
    }

    // One commune link for both platforms; drops on the uploads.
    let link = Link::new(bps);
    for (k, s) in [(1u64, fb.server()), (2, wp.server())] {
        s.set_link(Some(link.clone()));
        s.set_faults(
            Faults::random(seed.wrapping_add(k), drop)
                .with_kinds(vec![
                    Fault::CloseMidBody,
                    Fault::CloseMidBody,
                    Fault::CloseMidBody,
                    Fault::Refuse,
                ])
                .with_refuse_for(Duration::from_secs(2)),
        );
        s.reset_stats();
    }
    let t = Instant::now();
    let budget = Duration::from_secs(env("LOA_BENCH_BUDGET_SECS", 900));
    let mut runs = 0;
    let mut items = loa.queue().expect("queue");
    while t.elapsed() < budget
        && items
            .iter()
            .any(|i| !matches!(i.state.as_str(), "published" | "failed" | "unconfirmed"))
    {
        runs += 1;
        let _ = loa.run(&["sync", "--once"]);
        items = loa.queue().expect("queue");
        // `--once` ends when what is left waits longer than a minute: do not spin.
        std::thread::sleep(Duration::from_millis(200));
    }
    let elapsed = t.elapsed().as_secs_f64();
    let (sf, sw) = (fb.stats(), wp.stats());
    let sent = sf.bytes_received + sw.bytes_received;
    let ideal = rendition_bytes as f64 / bps as f64;
    let verdict = harness::verify(&drafts, &fb, &zalo, &wp, &folder);
    let published = items.iter().filter(|i| i.state == "published").count();
    let faults: u64 = sf.faults.values().sum::<u64>() + sw.faults.values().sum::<u64>();
    // How long the link carried anything: the union of every request's time on either platform.
    let mut spans: Vec<(u64, u64)> = fb
        .request_log()
        .into_iter()
        .chain(wp.request_log())
        .map(|r| (r.started_ms, r.started_ms + r.duration_ms))
        .collect();
    spans.sort_unstable();
    let (mut busy_ms, mut end) = (0u64, 0u64);
    for (a, b) in spans {
        let a = a.max(end);
        if b > a {
            busy_ms += b - a;
            end = b;
        }
    }

    let mut md = String::new();
    let _ = writeln!(md, "# Sync benchmark\n");
    let _ = writeln!(
        md,
        "`scripts/bench-sync.sh`: {posts} posts, {photo_count} photos (1280×960 JPEG renditions), each to Facebook and \
         WordPress, over one emulated {kbps} kB/s link shared by both, with {:.0} % of uploads dropped mid-body or \
         refused (seed {seed}); `loa sync --once` repeated until the queue settles{}{}.\n",
        drop * 100.0,
        spacing
            .map(|s| format!(", spacing between two publishes set to {s} s on both channels"))
            .unwrap_or_else(|| ", each channel's default spacing between two publishes (Facebook 30 s, website 5 s)".into()),
        std::env::var("LOA_SYNC_TIME_SCALE")
            .map(|s| format!(", LOA_SYNC_TIME_SCALE={s}"))
            .unwrap_or_default()
    );
    let profile = harness::build_profile(&bin);
    let _ = writeln!(
        md,
        "`loa` binary: {profile} build. Rendition sizes: {} to {} bytes.\n",
        min_photo, max_photo
    );
    let _ = writeln!(md, "| figure | value |\n|---|---|");
    let _ = writeln!(
        md,
        "| rendition bytes (every photo once per channel) | {rendition_bytes} |"
    );
    let _ = writeln!(
        md,
        "| bytes sent (received by the platforms, cut uploads included) | {sent} |"
    );
    let _ = writeln!(
        md,
        "| sent / renditions | {:.3} |",
        sent as f64 / rendition_bytes.max(1) as f64
    );
    let _ = writeln!(md, "| elapsed | {elapsed:.1} s |");
    let _ = writeln!(md, "| ideal (rendition bytes / bandwidth) | {ideal:.1} s |");
    let _ = writeln!(
        md,
        "| elapsed / ideal | {:.2} |",
        elapsed / ideal.max(0.001)
    );
    let _ = writeln!(
        md,
        "| link busy (some request in flight) | {:.1} s ({:.0} % of elapsed) |",
        busy_ms as f64 / 1000.0,
        busy_ms as f64 / 10.0 / elapsed.max(0.001)
    );
    let _ = writeln!(md, "| drops injected | {faults} |");
    let _ = writeln!(md, "| `sync --once` runs | {runs} |");
    let _ = writeln!(md, "| items published | {published} / {} |", items.len());
    let _ = writeln!(md, "| duplicates | {} |", verdict.duplicates);
    let _ = writeln!(
        md,
        "| lost / wrong photos | {} / {} |",
        verdict.lost, verdict.wrong_photos
    );
    let _ = writeln!(md, "\nRequests by endpoint (bytes received):\n");
    for (name, st) in [("facebook", &sf), ("wordpress", &sw)] {
        for (ep, e) in &st.by_endpoint {
            let _ = writeln!(
                md,
                "- {name} `{ep}`: {} requests, {} answered, {} B",
                e.requests, e.answered, e.bytes_received
            );
        }
    }
    harness::publish_report(&md);
}
