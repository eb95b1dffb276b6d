//! The video benchmark behind `scripts/bench-video.sh`: Loa's `facebook` preset against plain
//! ffmpeg running the same command line, alternately, on the phone videos of
//! shared/testdata/videos; then output bytes against the original and SSIM of the output against
//! the upright original. Prints a markdown table.
//!
//! `bench VIDEOS_DIR ROUNDS WORK_DIR`
//!
//! Loa's time is the compression as the app runs it once the video is in the library: plan,
//! compress (progress read, bounds watched), probe the output to check it, rename it into place.
//! The probe at import is timed on its own. ffmpeg's time is one run of the same arguments.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use loa_video::{Engine, Options, Plan, Preset, VideoInfo, VideoPlan};

struct Row {
    file: String,
    info: VideoInfo,
    plan: Plan,
    loa_s: Vec<f64>,
    probe_s: Vec<f64>,
    ffmpeg_s: Vec<f64>,
    loa_bytes: u64,
    same_output: bool,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(videos), Some(rounds), Some(work)) = (args.get(1), args.get(2), args.get(3)) else {
        eprintln!("usage: bench VIDEOS_DIR ROUNDS WORK_DIR");
        std::process::exit(2);
    };
    let rounds: usize = rounds.parse().unwrap_or(3);
    let work = PathBuf::from(work);
    let engine = match Engine::locate() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("bench: {e}");
            std::process::exit(1);
        }
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(videos).join("phone"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let opts = Options::builder().preset(Preset::Facebook).build();
    let mut rows: Vec<Row> = Vec::new();
    for f in &files {
        let info = match engine.probe(f) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("bench: skipping {}: {e}", f.display());
                continue;
            }
        };
        let Ok(plan) = engine.plan(&info, &opts) else {
            continue;
        };
        rows.push(Row {
            file: f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            info,
            plan,
            loa_s: Vec::new(),
            probe_s: Vec::new(),
            ffmpeg_s: Vec::new(),
            loa_bytes: 0,
            same_output: false,
        });
    }
    for round in 0..rounds {
        for (i, row) in rows.iter_mut().enumerate() {
            let loa_out = work.join(format!("{i}-loa.mp4"));
            let ff_out = work.join(format!("{i}-ffmpeg.mp4"));
            // Alternate who goes first, so neither always runs on a warm cache.
            let loa_first = (round + i) % 2 == 0;
            for step in 0..2 {
                if (step == 0) == loa_first {
                    let t = Instant::now();
                    let info = engine.probe(&row.info.path).expect("probe");
                    row.probe_s.push(t.elapsed().as_secs_f64());
                    let t = Instant::now();
                    let plan = engine.plan(&info, &opts).expect("plan");
                    let done = engine
                        .transcode(&plan, &loa_out, &AtomicBool::new(false), &mut |_| {})
                        .expect("transcode");
                    row.loa_s.push(t.elapsed().as_secs_f64());
                    row.loa_bytes = done.bytes;
                } else {
                    let t = Instant::now();
                    let status = Command::new(engine.ffmpeg_path())
                        .args(row.plan.command_line(&ff_out))
                        .stdin(Stdio::null())
                        .stdout(Stdio::null())
                        .status()
                        .expect("ffmpeg");
                    assert!(status.success(), "plain ffmpeg failed on {}", row.file);
                    row.ffmpeg_s.push(t.elapsed().as_secs_f64());
                }
            }
            row.same_output = std::fs::read(&loa_out).ok() == std::fs::read(&ff_out).ok();
            eprintln!(
                "round {} {}: loa {:.2} s, ffmpeg {:.2} s",
                round + 1,
                row.file,
                row.loa_s.last().copied().unwrap_or(0.0),
                row.ffmpeg_s.last().copied().unwrap_or(0.0)
            );
        }
    }
    print_table(&engine, &rows, &work);
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    s.get(s.len() / 2).copied().unwrap_or(0.0)
}

/// SSIM (ffmpeg's `ssim` filter, "All") of `out` against the source made upright by ffmpeg,
/// scaled to the output's size with Lanczos (and tone-mapped like the output when the source is
/// HDR): what the officer's clip loses in compression and scaling. Both sides are put on the
/// same 30 fps grid first, so that frames pair by time even when a phone's timestamps jitter
/// (0.0337 s against 0.0333 s) or the output dropped frames that had the same timestamp.
fn ssim(engine: &Engine, row: &Row, out: &Path) -> Option<f64> {
    let VideoPlan::Encode { filters, .. } = &row.plan.video else {
        return None;
    };
    let mut reference = vec![
        "fps=30".to_owned(),
        format!("scale={}:{}:flags=lanczos", row.plan.width, row.plan.height),
    ];
    if let Some(t) = filters.iter().find(|f| f.contains("tonemap")) {
        reference.push(t.clone());
    }
    reference.push("setsar=1,format=yuv420p".into());
    let graph = format!(
        "[1:{}]{}[ref];[0:v:0]fps=30,format=yuv420p[out];[out][ref]ssim",
        row.info.video.index,
        reference.join(",")
    );
    let res = Command::new(engine.ffmpeg_path())
        .args(["-hide_banner", "-nostdin", "-i"])
        .arg(out)
        .arg("-i")
        .arg(&row.info.path)
        .args(["-filter_complex", &graph, "-f", "null", "-"])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&res.stderr);
    let all = text.rsplit("All:").next()?;
    all.split_whitespace().next()?.parse().ok()
}

fn print_table(engine: &Engine, rows: &[Row], work: &Path) {
    println!(
        "| video | source | original bytes | Loa bytes (× original) | estimate: likely / at most | SSIM | probe s | Loa s | ffmpeg s | Loa / ffmpeg |"
    );
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let (mut loa_total, mut ff_total, mut in_total, mut out_total) = (0.0, 0.0, 0u64, 0u64);
    let mut all_same = true;
    for (i, row) in rows.iter().enumerate() {
        let (l, f) = (median(&row.loa_s), median(&row.ffmpeg_s));
        loa_total += l;
        ff_total += f;
        in_total += row.info.bytes;
        out_total += row.loa_bytes;
        all_same &= row.same_output;
        let s = ssim(engine, row, &work.join(format!("{i}-loa.mp4")))
            .map_or("–".to_owned(), |s| format!("{s:.4}"));
        let v = &row.info.video;
        println!(
            "| {} | {} {}×{} {:.1} s{} | {} | {} ({:.2}) | {} / {} | {} | {:.2} | {:.2} | {:.2} | {:.2} |",
            row.file,
            v.codec,
            v.coded_width,
            v.coded_height,
            row.info.duration_s.unwrap_or(0.0),
            if row.info.orientation.rotation != 0 {
                format!(", turned {}°", row.info.orientation.rotation)
            } else {
                String::new()
            },
            row.info.bytes,
            row.loa_bytes,
            row.loa_bytes as f64 / row.info.bytes as f64,
            row.plan.estimate.bytes,
            row.plan
                .estimate
                .bytes_max
                .map_or("–".to_owned(), |b| b.to_string()),
            s,
            median(&row.probe_s),
            l,
            f,
            l / f
        );
    }
    println!(
        "| **all** | | {in_total} | {out_total} ({:.2}) | | | | {loa_total:.2} | {ff_total:.2} | **{:.2}** |",
        out_total as f64 / in_total as f64,
        loa_total / ff_total
    );
    println!();
    let differ: Vec<&str> = rows
        .iter()
        .filter(|r| !r.same_output)
        .map(|r| r.file.as_str())
        .collect();
    if all_same {
        println!("Loa's output and plain ffmpeg's were byte for byte the same for every video.");
    } else {
        println!(
            "Loa's output and plain ffmpeg's differed byte for byte for: {}.",
            differ.join(", ")
        );
    }
}
