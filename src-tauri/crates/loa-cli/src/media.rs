//! `loa media process`: photos and videos to upload-ready files, over loa-media and loa-video
//! (the videos' half is [`crate::video`]).

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
pub(crate) struct Row {
    /// `photo` or `video`.
    pub kind: &'static str,
    pub input: String,
    pub output: Option<String>,
    pub ok: bool,
    pub error: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub bytes_in: u64,
    pub bytes_out: Option<u64>,
    /// The input carried a position (stripped from the output unless `--keep-location`);
    /// `null` when the file could not be read.
    pub had_location: Option<bool>,
    /// A photo's EXIF orientation (1–8); `null` for a video.
    pub orientation: Option<u8>,
    /// Clockwise degrees the input asked to be turned (the output is upright).
    pub rotation: Option<u32>,
    /// A video's length in seconds; `null` for a photo.
    pub duration_s: Option<f64>,
}

/// Clockwise degrees of an EXIF orientation (the mirrored ones by their turn).
fn exif_rotation(orientation: u8) -> u32 {
    match orientation {
        3 | 4 => 180,
        5 | 6 => 90,
        7 | 8 => 270,
        _ => 0,
    }
}

pub(crate) fn reason(l10n: &Localizer, e: &ProcessError) -> String {
    l10n.format(&e.message_id(), &e.args())
        .replace(['\n', '\r'], " ")
}

pub(crate) fn row(l10n: &Localizer, r: &FileReport) -> Row {
    let done = r.result.as_ref().ok();
    Row {
        kind: "photo",
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
        rotation: done.map(|d| d.orientation.map_or(0, exif_rotation)),
        duration_s: None,
    }
}

/// A row for a file refused before it was read.
pub(crate) fn refused(kind: &'static str, input: &Path, reason: String) -> Row {
    Row {
        kind,
        input: input.display().to_string(),
        output: None,
        ok: false,
        error: Some(reason),
        width: None,
        height: None,
        bytes_in: std::fs::metadata(input).map_or(0, |m| m.len()),
        bytes_out: None,
        had_location: None,
        orientation: None,
        rotation: None,
        duration_s: None,
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
        inside.retain(|f| f.is_file() && (is_photo(f) || loa_core::videos::is_video_name(f)));
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

/// Whether `loa-media` knows the preset (`reels`, `saver` and `original` are videos' only).
pub(crate) fn is_photo_preset(name: &str) -> bool {
    name.parse::<Preset>().is_ok()
}

pub(crate) fn options(a: &MediaProcessArgs, wm: Option<Watermark>) -> Options {
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
    let all = expand(&a.inputs);
    if all.is_empty() {
        eprintln!("loa: {}", l10n.msg("media-cli-no-inputs"));
        return Outcome::Partial;
    }
    // Videos, or a preset only videos take: each file to its own pipeline, rows in input order.
    if all.iter().any(|p| loa_core::videos::is_video_name(p)) || !is_photo_preset(&a.preset) {
        return crate::video::process_mixed(l10n, a, &opts, &all, json);
    }
    let inputs = all;
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

pub(crate) fn print_progress(l10n: &Localizer, r: &FileReport) {
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
