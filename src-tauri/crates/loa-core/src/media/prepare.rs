//! "Photos ready to post": a draft's photos run through `loa-media` for one destination.
//!
//! Each photo of the draft, in order, is turned upright, resized for the preset, watermarked
//! with the commune's [`WatermarkSettings`] when asked, stripped of its location and written to
//! `<profile>/prepared/<draft id>/<position>-<name>.<jpg|png>` (position from 01). The path is
//! recorded on the draft's photo. A photo that fails is reported in its slot and never stops
//! the others; a cancelled run reports the photos it did not start as cancelled.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};

use super::watermark::WatermarkSettings;
use crate::text::nfc;
use crate::{IpcError, LoaError, PhotoPreset, Result};

/// The folder of prepared copies inside a profile.
pub const PREPARED_DIR: &str = "prepared";

/// Long edge of the watermark preview, in pixels.
pub const PREVIEW_EDGE: u32 = 800;

/// How to prepare a draft's photos.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct PrepareOptions {
    pub preset: PhotoPreset,
    /// Stamp the profile's watermark (logo, else text; nothing when neither is set).
    pub use_watermark: bool,
}

/// The outcome for one photo of the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PreparedPhoto {
    pub media_id: i64,
    /// 0 for the draft's first photo.
    pub position: u32,
    pub ok: bool,
    /// The written file, when `ok`.
    pub path: Option<String>,
    pub width: u32,
    pub height: u32,
    pub bytes_out: u64,
    /// Why it failed, when not `ok`.
    pub error: Option<IpcError>,
}

/// Reported after each photo: how far the run is, and that photo's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PrepareProgress {
    pub done: u32,
    pub total: u32,
    pub photo: PreparedPhoto,
}

/// The folder of a draft's prepared copies.
pub fn prepared_dir(profile: &Path, draft_id: i64) -> PathBuf {
    profile.join(PREPARED_DIR).join(draft_id.to_string())
}

/// A file-name-safe version of a photo's name without its extension: letters (any script) and
/// digits kept, everything else `_`, at most 60 characters.
pub fn safe_stem(original_name: &str) -> String {
    let stem = Path::new(original_name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let cleaned: String = nfc(stem)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    let cleaned = cleaned.trim_matches('_');
    if cleaned.is_empty() {
        "photo".to_owned()
    } else {
        cleaned.to_owned()
    }
}

/// The pipeline's watermark for `settings`: the logo when one is set, else the text, else none.
pub fn pipeline_watermark(settings: &WatermarkSettings) -> Result<Option<loa_media::Watermark>> {
    if let Some(logo) = &settings.logo_path {
        let bytes = std::fs::read(logo).map_err(|source| LoaError::ReadFile {
            path: logo.clone(),
            source,
        })?;
        let wm = loa_media::Watermark::logo_png(&bytes).map_err(|e| LoaError::WatermarkLogo {
            path: logo.clone(),
            detail: e.to_string(),
        })?;
        return Ok(Some(wm));
    }
    if settings.text.trim().is_empty() {
        return Ok(None);
    }
    // Not empty after trimming, so the pipeline accepts it; control characters alone are none.
    Ok(loa_media::Watermark::text(&settings.text).ok())
}

/// Pipeline options for `preset` with the watermark (if any) placed as `settings` says.
pub fn pipeline_options(
    preset: PhotoPreset,
    watermark: Option<loa_media::Watermark>,
    settings: &WatermarkSettings,
) -> loa_media::OptionsBuilder {
    let mut b = loa_media::Options::builder()
        .preset(preset)
        .position(settings.position.to_pipeline())
        .opacity(settings.opacity);
    if let Some(wm) = watermark {
        b = b.watermark(wm);
    }
    b
}

pub(crate) fn process_error(media_id: i64, e: &loa_media::ProcessError) -> LoaError {
    LoaError::MediaProcess {
        media_id,
        code: e.code().to_owned(),
        message_id: e.message_id(),
        args: e.args(),
    }
}

/// One photo to prepare.
#[derive(Debug, Clone)]
pub(crate) struct Job {
    pub media_id: i64,
    pub position: u32,
    pub source: PathBuf,
    pub original_name: String,
}

/// Processes and writes one photo; returns the path written, its size and its byte count.
pub(crate) fn run_one(
    job: &Job,
    opts: &loa_media::Options,
    dir: &Path,
) -> Result<(PathBuf, u32, u32, u64)> {
    let bytes = std::fs::read(&job.source).map_err(|e| {
        process_error(
            job.media_id,
            &loa_media::ProcessError::Read {
                path: job.source.clone(),
                detail: e.to_string(),
            },
        )
    })?;
    let out = loa_media::process(&bytes, opts).map_err(|e| process_error(job.media_id, &e))?;
    let name = format!(
        "{:02}-{}.{}",
        job.position + 1,
        safe_stem(&job.original_name),
        out.encoded.extension()
    );
    let dest = dir.join(name);
    let write_err = |e: std::io::Error| {
        process_error(
            job.media_id,
            &loa_media::ProcessError::Write {
                path: dest.clone(),
                detail: e.to_string(),
            },
        )
    };
    let temp = super::temp_name(&dest);
    std::fs::write(&temp, &out.bytes).map_err(write_err)?;
    std::fs::rename(&temp, &dest).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        write_err(e)
    })?;
    Ok((dest, out.width, out.height, out.bytes.len() as u64))
}

/// Whether the run was asked to stop.
pub(crate) fn cancelled(flag: &AtomicBool) -> bool {
    flag.load(Ordering::Relaxed)
}

/// The outcome slot of a photo that failed with `e`.
pub(crate) fn failed(job: &Job, e: LoaError) -> PreparedPhoto {
    PreparedPhoto {
        media_id: job.media_id,
        position: job.position,
        ok: false,
        path: None,
        width: 0,
        height: 0,
        bytes_out: 0,
        error: Some(e.into()),
    }
}

/// JPEG bytes of `source` at [`PREVIEW_EDGE`] with `settings`' watermark, for the live preview.
pub(crate) fn preview(
    media_id: i64,
    source: &Path,
    settings: &WatermarkSettings,
) -> Result<Vec<u8>> {
    let bytes = std::fs::read(source).map_err(|e| LoaError::ReadFile {
        path: source.to_path_buf(),
        source: e,
    })?;
    let wm = pipeline_watermark(settings)?;
    let opts = pipeline_options(PhotoPreset::Web, wm, settings)
        .max_edge(PREVIEW_EDGE)
        .format(loa_media::OutputFormat::Jpeg)
        .build();
    let out = loa_media::process(&bytes, &opts).map_err(|e| process_error(media_id, &e))?;
    Ok(out.bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_safe() {
        assert_eq!(safe_stem("IMG_0001.JPG"), "IMG_0001");
        assert_eq!(safe_stem("Ảnh lũ quét.jpg"), "Ảnh_lũ_quét");
        assert_eq!(safe_stem("../../etc.jpg"), "etc");
        assert_eq!(safe_stem("?.jpg"), "photo");
        assert_eq!(safe_stem(""), "photo");
    }
}
