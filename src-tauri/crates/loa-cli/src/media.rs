//! `loa media process`: photos to upload-ready files, over loa-media.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use loa_core::Localizer;
use loa_media::{
    FileReport, Options, Position, Preset, ProcessError, Watermark, WatermarkError, process_batch,
};
use serde::Serialize;

use crate::Outcome;
use crate::args::MediaProcessArgs;
use crate::out;

/// Extensions picked up when a folder is given (HEIC/AVIF too, so they get the clear error).
const PHOTO_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "webp", "heic", "heif", "avif"];

/// One element of `media process --json`.
#[derive(Debug, Serialize)]
struct Row {
    input: String,
    output: Option<String>,
    ok: bool,
    error: Option<String>,
    width: Option<u32>,
    height: Option<u32>,
    bytes_in: u64,
    bytes_out: Option<u64>,
    had_location: Option<bool>,
    orientation: Option<u8>,
}

fn reason(l10n: &Localizer, e: &ProcessError) -> String {
    l10n.format(&e.message_id(), &e.args())
        .replace(['\n', '\r'], " ")
}

fn row(l10n: &Localizer, r: &FileReport) -> Row {
    let done = r.result.as_ref().ok();
    Row {
        input: r.input.display().to_string(),
        output: done.map(|d| d.output.display().to_string()),
        ok: done.is_some(),
        error: r.result.as_ref().err().map(|e| reason(l10n, e)),
        width: done.map(|d| d.width),
        height: done.map(|d| d.height),
        bytes_in: r.bytes_in,
        bytes_out: done.map(|d| d.bytes_out),
        had_location: done.map(|d| d.had_location),
        orientation: done.and_then(|d| d.orientation),
    }
}

/// Files as given; folders replaced by the photos directly inside them, sorted by name.
fn expand(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for p in inputs {
        if !p.is_dir() {
            files.push(p.clone());
            continue;
        }
        let mut inside: Vec<PathBuf> = std::fs::read_dir(p)
            .map(|rd| rd.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        inside.retain(|f| f.is_file() && is_photo(f));
        inside.sort();
        files.extend(inside);
    }
    files
}

fn is_photo(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PHOTO_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn watermark(a: &MediaProcessArgs) -> Result<Option<Watermark>, (WatermarkError, String)> {
    if let Some(path) = &a.watermark {
        let bytes = loa_files::read(path, loa_files::Cap::Logo).map_err(|e| {
            (
                WatermarkError::LogoUnreadable {
                    detail: e.to_string(),
                },
                path.display().to_string(),
            )
        })?;
        return Watermark::logo_png(&bytes)
            .map(Some)
            .map_err(|e| (e, path.display().to_string()));
    }
    match &a.watermark_text {
        Some(text) => Watermark::text(text)
            .map(Some)
            .map_err(|e| (e, String::new())),
        None => Ok(None),
    }
}

fn options(a: &MediaProcessArgs, wm: Option<Watermark>) -> Options {
    // Values were checked by clap against the same names.
    let preset: Preset = a.preset.parse().unwrap_or_default();
    let position: Position = a.position.parse().unwrap_or_default();
    let mut b = Options::builder()
        .preset(preset)
        .position(position)
        .opacity(a.opacity)
        .keep_location(a.keep_location);
    if let Some(px) = a.max_edge {
        b = b.max_edge(px);
    }
    if let Some(q) = a.quality {
        b = b.quality(q);
    }
    if let Some(wm) = wm {
        b = b.watermark(wm);
    }
    b.build()
}

pub fn process(l10n: &Localizer, a: &MediaProcessArgs, json: bool) -> Outcome {
    let wm = match watermark(a) {
        Ok(wm) => wm,
        Err((e, _)) => {
            let msg = l10n.format(&e.message_id(), &e.args());
            eprintln!("loa: {}", msg.replace(['\n', '\r'], " "));
            return Outcome::Partial;
        }
    };
    let opts = options(a, wm);
    let inputs = expand(&a.inputs);
    if inputs.is_empty() {
        eprintln!("loa: {}", l10n.msg("media-cli-no-inputs"));
        return Outcome::Partial;
    }
    // The localizer is not thread-safe: workers send each finished file here, and this thread
    // prints it as it comes.
    let (tx, rx) = std::sync::mpsc::channel::<FileReport>();
    let summary = std::thread::scope(|s| {
        let batch = s.spawn(move || {
            let send = |p: loa_media::Progress<'_>| {
                let _ = tx.send(p.report.clone());
            };
            process_batch(&inputs, &a.out, &opts, &send, &AtomicBool::new(false))
        });
        for r in rx {
            if !json {
                print_progress(l10n, &r);
            }
        }
        batch.join()
    });
    let Ok(summary) = summary else {
        return Outcome::Partial;
    };
    if json {
        let rows: Vec<Row> = summary.files.iter().map(|r| row(l10n, r)).collect();
        out::json(&rows);
    } else {
        out::line(&l10n.msg_with(
            "media-cli-summary",
            &[
                ("done", summary.done.to_string()),
                ("failed", summary.failed.to_string()),
                ("bytes_in", summary.bytes_in.to_string()),
                ("bytes_out", summary.bytes_out.to_string()),
            ],
        ));
    }
    if summary.failed == 0 {
        Outcome::Ok
    } else {
        Outcome::Partial
    }
}

fn print_progress(l10n: &Localizer, r: &FileReport) {
    let input = r.input.display().to_string();
    match &r.result {
        Ok(d) => out::line(&l10n.msg_with(
            "media-cli-done",
            &[
                ("input", input),
                ("output", d.output.display().to_string()),
                ("width", d.width.to_string()),
                ("height", d.height.to_string()),
                ("bytes", d.bytes_out.to_string()),
            ],
        )),
        Err(e) => eprintln!(
            "{}",
            l10n.msg_with(
                "media-cli-failed",
                &[("input", input), ("reason", reason(l10n, e))]
            )
        ),
    }
}
