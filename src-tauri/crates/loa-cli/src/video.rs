//! Videos on the command line: `media process` with videos among its inputs, and
//! `draft attach` with a video (imported, attached with its preset, compressed for posting).

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use loa_core::videos::is_video_name;
use loa_core::{LoaError, Localizer, MediaSource, Store};
use loa_media::process_batch;
use serde::Serialize;

use crate::Outcome;
use crate::args::MediaProcessArgs;
use crate::media::{Row, is_photo_preset, print_progress, refused, row};
use crate::out;

/// Megabytes with one decimal, as an officer reads a size.
fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_000_000.0)
}

/// `media process` over photos and videos: the photos as one batch on their own threads, then
/// each video in turn (ffmpeg already uses the cores). Rows come in the order of the inputs; a
/// bad file is reported in its row and the others go on.
pub fn process_mixed(
    l10n: &Localizer,
    a: &MediaProcessArgs,
    photo_opts: &loa_media::Options,
    inputs: &[PathBuf],
    json: bool,
) -> Outcome {
    let mut rows: Vec<Option<Row>> = inputs.iter().map(|_| None).collect();
    let photos: Vec<(usize, PathBuf)> = inputs
        .iter()
        .enumerate()
        .filter(|(_, p)| !is_video_name(p))
        .map(|(i, p)| (i, p.clone()))
        .collect();
    if !photos.is_empty() {
        if is_photo_preset(&a.preset) {
            let paths: Vec<PathBuf> = photos.iter().map(|(_, p)| p.clone()).collect();
            let summary =
                process_batch(&paths, &a.out, photo_opts, &|_| {}, &AtomicBool::new(false));
            for ((i, _), r) in photos.iter().zip(&summary.files) {
                if !json {
                    print_progress(l10n, r);
                }
                rows[*i] = Some(row(l10n, r));
            }
        } else {
            let reason = l10n.msg_with(
                "cli-video-preset-not-for-photos",
                &[("preset", a.preset.clone())],
            );
            for (i, p) in &photos {
                rows[*i] = Some(refused("photo", p, reason.clone()));
            }
        }
    }
    for (i, input) in inputs.iter().enumerate() {
        if rows[i].is_some() {
            continue;
        }
        let r = video_row(l10n, input, &a.out, &a.preset, a.keep_location);
        if !json {
            match (&r.output, &r.error) {
                (Some(output), _) => out::line(&l10n.msg_with(
                    "media-cli-done",
                    &[
                        ("input", r.input.clone()),
                        ("output", output.clone()),
                        ("width", r.width.unwrap_or(0).to_string()),
                        ("height", r.height.unwrap_or(0).to_string()),
                        ("bytes", r.bytes_out.unwrap_or(0).to_string()),
                    ],
                )),
                (None, reason) => eprintln!(
                    "{}",
                    l10n.msg_with(
                        "media-cli-failed",
                        &[
                            ("input", r.input.clone()),
                            ("reason", reason.clone().unwrap_or_default())
                        ]
                    )
                ),
            }
        }
        rows[i] = Some(r);
    }
    let rows: Vec<Row> = rows.into_iter().flatten().collect();
    let failed = rows.iter().filter(|r| !r.ok).count();
    if json {
        out::json(&rows);
    } else {
        out::line(
            &l10n.msg_with(
                "cli-video-summary",
                &[
                    ("done", (rows.len() - failed).to_string()),
                    ("failed", failed.to_string()),
                    (
                        "bytes_in",
                        rows.iter().map(|r| r.bytes_in).sum::<u64>().to_string(),
                    ),
                    (
                        "bytes_out",
                        rows.iter()
                            .filter_map(|r| r.bytes_out)
                            .sum::<u64>()
                            .to_string(),
                    ),
                ],
            ),
        );
    }
    if failed == 0 {
        Outcome::Ok
    } else {
        Outcome::Partial
    }
}

/// Probes, plans and compresses one video into `out_dir` as `<name>.mp4`.
fn video_row(
    l10n: &Localizer,
    input: &Path,
    out_dir: &Path,
    preset_name: &str,
    keep_location: bool,
) -> Row {
    let video_reason = |e: &loa_video::VideoError| {
        l10n.format(&e.message_id(), &e.args())
            .replace(['\n', '\r'], " ")
    };
    let Ok(preset) = preset_name.parse::<loa_video::Preset>() else {
        let reason = l10n.msg_with(
            "cli-video-preset-not-for-videos",
            &[("preset", preset_name.to_owned())],
        );
        return refused("video", input, reason);
    };
    let engine = match loa_core::videos::engine() {
        Ok(e) => e,
        Err(e) => return refused("video", input, l10n.error(&e)),
    };
    let info = match engine.probe(input) {
        Ok(i) => i,
        Err(e) => return refused("video", input, video_reason(&e)),
    };
    let mut r = refused("video", input, String::new());
    r.bytes_in = info.bytes;
    r.had_location = Some(info.has_location);
    r.rotation = Some(u32::from(info.orientation.rotation));
    r.duration_s = info.duration_s;
    let opts = loa_video::Options::builder()
        .preset(preset)
        .keep_location(keep_location)
        .build();
    let done = engine.plan(&info, &opts).and_then(|plan| {
        std::fs::create_dir_all(out_dir).map_err(|e| loa_video::VideoError::Write {
            path: out_dir.to_path_buf(),
            detail: e.to_string(),
        })?;
        let stem = input
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "video".to_owned());
        let out = out_dir.join(format!("{stem}.mp4"));
        engine.transcode(&plan, &out, &AtomicBool::new(false), &mut |_| {})
    });
    match done {
        Ok(t) => {
            r.ok = true;
            r.error = None;
            r.output = Some(t.path.display().to_string());
            r.width = Some(t.info.width);
            r.height = Some(t.info.height);
            r.bytes_out = Some(t.bytes);
        }
        Err(e) => r.error = Some(video_reason(&e)),
    }
    r
}

/// `draft attach --json` for a video.
#[derive(Debug, Serialize)]
struct AttachVideoRow {
    draft_id: i64,
    video_id: i64,
    file: String,
    preset: String,
    keep_location: bool,
    duration_s: Option<f64>,
    rotation: u32,
    had_location: bool,
    estimate_bytes: i64,
    upload_seconds: Option<i64>,
    link_measured: bool,
    prepared_path: String,
    prepared_bytes: u64,
    prepared_sha256: String,
}

/// `loa draft attach DRAFT_ID VIDEO`: imports the video, attaches it with its preset, says the
/// estimate (a preset the video cannot take is refused here, before encoding), then compresses
/// it, the percentage on standard error.
pub fn attach(
    store: &Store,
    l10n: &Localizer,
    id: i64,
    files: &[PathBuf],
    preset: &str,
    keep_location: bool,
    json: bool,
) -> Result<Outcome, LoaError> {
    let [file] = files else {
        eprintln!("loa: {}", l10n.msg("cli-video-one-only"));
        return Ok(Outcome::Partial);
    };
    let (video, _) = store.videos().import_file(file, MediaSource::Dialog)?;
    if !json {
        out::line(
            &l10n.msg_with(
                "cli-video-imported",
                &[
                    ("name", video.original_name.clone()),
                    (
                        "duration",
                        video.duration_ms.map_or_else(
                            || "?".to_owned(),
                            |d| format!("{:.1}", d as f64 / 1000.0),
                        ),
                    ),
                ],
            ),
        );
    }
    store
        .videos()
        .attach(id, video.id, Some(preset), keep_location)?;
    let estimate = store.videos().estimate(id)?;
    if !json {
        out::line(&l10n.msg_with(
            "cli-video-attached",
            &[
                ("video", video.id.to_string()),
                ("id", id.to_string()),
                ("preset", preset.to_owned()),
            ],
        ));
        out::line(
            &l10n.msg_with(
                "cli-video-estimate",
                &[
                    ("mb", mb(u64::try_from(estimate.bytes).unwrap_or(0))),
                    (
                        "minutes",
                        estimate.upload_seconds.map_or_else(
                            || "?".to_owned(),
                            |s| (s as u64).div_ceil(60).to_string(),
                        ),
                    ),
                ],
            ),
        );
    }
    let mut last_tenth = -1i64;
    let prepared = store
        .videos()
        .prepare(id, &AtomicBool::new(false), &mut |p| {
            let tenth = p.fraction.map_or(-1, |f| (f * 10.0).floor() as i64);
            if !json && tenth > last_tenth {
                last_tenth = tenth;
                eprintln!(
                    "{}",
                    l10n.msg_with(
                        "cli-video-progress",
                        &[("percent", (tenth * 10).to_string())]
                    )
                );
            }
        })?;
    if json {
        out::json(&AttachVideoRow {
            draft_id: id,
            video_id: video.id,
            file: video.original_name.clone(),
            preset: prepared.preset.clone(),
            keep_location,
            duration_s: video.duration_ms.map(|d| d as f64 / 1000.0),
            rotation: video.rotation,
            had_location: video.has_location,
            estimate_bytes: estimate.bytes,
            upload_seconds: estimate.upload_seconds,
            link_measured: estimate.link_measured,
            prepared_path: prepared.path.display().to_string(),
            prepared_bytes: prepared.bytes,
            prepared_sha256: prepared.sha256.clone(),
        });
    } else {
        out::line(&l10n.msg_with(
            "cli-video-prepared",
            &[
                ("path", prepared.path.display().to_string()),
                ("mb", mb(prepared.bytes)),
            ],
        ));
    }
    Ok(Outcome::Ok)
}
