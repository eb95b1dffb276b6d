//! A draft's video compressed for its destination.
//!
//! Before anything is encoded, [`estimate`] runs `loa-video`'s plan on the library copy: the
//! refusals (Zalo cannot fit it, a reel of the wrong length) come from there with their reason,
//! and the size and upload time are what the officer waits for. [`run`] then compresses on the
//! caller's thread, reporting progress and honouring the cancel flag; the output is named by its
//! SHA-256 under `<profile>/prepared/videos/` and recorded on the draft.
//!
//! The upload time uses the upload speed last measured by the outbox ([`record_link_speed`],
//! kept under [`LINK_SPEED_KEY`]); until one is measured, [`DEFAULT_LINK_BPS`] (1 Mbit/s, what
//! a weak 3G/4G link in a mountain commune gives upstream) is used and the estimate says so.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::draft::{self, DraftVideo};
use super::{engine, video_error};
use crate::media::prepare::PREPARED_DIR;
use crate::{LoaError, Result, Store, settings};

/// The folder of compressed videos inside `<profile>/prepared/`.
pub const PREPARED_VIDEOS_DIR: &str = "videos";

/// The settings key of the last measured upload speed, in bits per second.
pub const LINK_SPEED_KEY: &str = "link.upload_bps";

/// The upload speed assumed until one is measured: 1 Mbit/s.
pub const DEFAULT_LINK_BPS: u64 = 1_000_000;

/// What compressing the draft's video will give, before it is done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct VideoEstimate {
    pub draft_id: i64,
    pub preset: String,
    /// The likely size of the compressed copy.
    pub bytes: i64,
    /// A size the copy cannot pass, when the preset caps the bitrate.
    pub bytes_max: Option<i64>,
    /// Seconds to send [`VideoEstimate::bytes`] at [`VideoEstimate::link_bps`].
    pub upload_seconds: Option<i64>,
    pub link_bps: i64,
    /// `false` when no upload has been measured yet and the default speed was used.
    pub link_measured: bool,
    /// The compressed picture, upright.
    pub width: u32,
    pub height: u32,
}

/// Where a compression is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct VideoProgress {
    pub draft_id: i64,
    /// 0…1, when the length is known.
    pub fraction: Option<f64>,
    /// Seconds of the video done.
    pub done_s: f64,
    pub total_s: Option<f64>,
    pub finished: bool,
}

/// The compressed copy of a draft's video, as the outbox uploads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreparedVideo {
    pub path: PathBuf,
    pub bytes: u64,
    pub sha256: String,
    pub preset: String,
    pub duration_ms: Option<u64>,
}

/// `<profile>/prepared/videos`.
pub fn prepared_videos_dir(profile: &Path) -> PathBuf {
    profile.join(PREPARED_DIR).join(PREPARED_VIDEOS_DIR)
}

pub(crate) fn record_link_speed(conn: &Connection, bits_per_second: u64) -> Result<()> {
    if bits_per_second == 0 {
        return Err(LoaError::InvalidValue {
            field: "link_bps".to_owned(),
            value: "0".to_owned(),
            allowed: "> 0".to_owned(),
        });
    }
    settings::put(conn, LINK_SPEED_KEY, Some(&bits_per_second.to_string()))
}

/// The last measured upload speed, or the default; the boolean says whether it was measured.
pub(crate) fn link_speed(conn: &Connection) -> Result<(u64, bool)> {
    Ok(
        match settings::get(conn, LINK_SPEED_KEY)?.and_then(|v| v.trim().parse::<u64>().ok()) {
            Some(bps) if bps > 0 => (bps, true),
            _ => (DEFAULT_LINK_BPS, false),
        },
    )
}

/// The draft's video, the library copy and `loa-video`'s plan for it.
fn plan_for(store: &Store, draft_id: i64) -> Result<(DraftVideo, loa_video::Plan)> {
    let dv = store
        .read(|c| draft::get(c, draft_id))?
        .ok_or(LoaError::VideoNotAttached { draft_id })?;
    let source = crate::media::library::file_path(store.dir(), &dv.video.sha256, &dv.video.ext);
    let engine = engine()?;
    let info = engine
        .probe(&source)
        .map_err(|e| video_error(&source, &e))?;
    let opts = loa_video::Options::builder()
        .preset(draft::parse_preset(&dv.preset)?)
        .keep_location(dv.keep_location)
        .build();
    let plan = engine
        .plan(&info, &opts)
        .map_err(|e| video_error(&source, &e))?;
    Ok((dv, plan))
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

pub(crate) fn estimate(store: &Store, draft_id: i64) -> Result<VideoEstimate> {
    let (dv, plan) = plan_for(store, draft_id)?;
    let (link_bps, link_measured) = store.read(link_speed)?;
    Ok(VideoEstimate {
        draft_id,
        preset: dv.preset,
        bytes: to_i64(plan.estimate.bytes),
        bytes_max: plan.estimate.bytes_max.map(to_i64),
        upload_seconds: plan
            .estimate
            .upload_time(link_bps)
            .map(|d| to_i64(d.as_secs().max(1))),
        link_bps: to_i64(link_bps),
        link_measured,
        width: plan.width,
        height: plan.height,
    })
}

/// Lower-case hex SHA-256 of a file, read in pieces.
fn sha256_file(path: &Path) -> Result<String> {
    let read_err = |source| LoaError::ReadFile {
        path: path.to_path_buf(),
        source,
    };
    let mut f = std::fs::File::open(path).map_err(read_err)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf).map_err(read_err)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(crate::media::library::hex(&hasher.finalize()))
}

pub(crate) fn run(
    store: &Store,
    draft_id: i64,
    cancel: &AtomicBool,
    on_progress: &mut dyn FnMut(&VideoProgress),
) -> Result<PreparedVideo> {
    let (dv, plan) = plan_for(store, draft_id)?;
    let dir = prepared_videos_dir(store.dir());
    let store_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| LoaError::MediaStore { path, source }
    };
    std::fs::create_dir_all(&dir).map_err(store_err(&dir))?;
    // The encode's own name is unique to this run; the content names the result.
    let work = crate::media::temp_name(&dir.join(format!("draft-{draft_id}")));
    let work = work.with_extension("mp4");
    let out = engine()?
        .transcode(&plan, &work, cancel, &mut |p| {
            on_progress(&VideoProgress {
                draft_id,
                fraction: p.fraction,
                done_s: p.done_s,
                total_s: p.total_s,
                finished: p.finished,
            })
        })
        .map_err(|e| video_error(&plan.input, &e))?;
    let sha256 = match sha256_file(&out.path) {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_file(&out.path);
            return Err(e);
        }
    };
    let final_path = dir.join(format!("{sha256}.mp4"));
    std::fs::rename(&out.path, &final_path).map_err(store_err(&final_path))?;
    let path_text = final_path.display().to_string();
    let recorded = store
        .write(|tx, _| draft::set_prepared(tx, draft_id, &dv, &path_text, out.bytes, &sha256))?;
    if !recorded {
        // The officer changed the video or its settings meanwhile: nothing to record.
        return Err(LoaError::VideoNotAttached { draft_id });
    }
    Ok(PreparedVideo {
        path: final_path,
        bytes: out.bytes,
        sha256,
        preset: dv.preset,
        duration_ms: dv.video.duration_ms.and_then(|d| u64::try_from(d).ok()),
    })
}

/// A compressed copy younger than this is never swept: another Loa (the app and `loa` at once)
/// may have just made it and not recorded it yet.
const SWEEP_GRACE: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Deletes the compressed copies no draft records any more (its preset changed, its video was
/// replaced or removed, the draft was deleted): a phone clip compressed three ways would
/// otherwise stay on a small laptop disk three times. The outbox sends its own snapshot, so a
/// queued post never needs these. Only files named as [`run`] names its results are touched;
/// work in progress (`draft-N…`) and anything else in the folder is left alone. Returns the
/// bytes freed.
pub(crate) fn sweep(store: &Store) -> Result<u64> {
    let dir = prepared_videos_dir(store.dir());
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(0);
    };
    let kept: std::collections::HashSet<PathBuf> = store.read(|c| {
        let mut stmt =
            c.prepare("SELECT prepared_path FROM draft_video WHERE prepared_path IS NOT NULL")?;
        let paths = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(paths.into_iter().map(PathBuf::from).collect())
    })?;
    let mut freed = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let named_by_content = path
            .file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
            && path.extension().is_some_and(|e| e == "mp4");
        let Ok(meta) = entry.metadata() else { continue };
        let young = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_none_or(|age| age < SWEEP_GRACE);
        if !named_by_content || !meta.is_file() || young || kept.contains(&path) {
            continue;
        }
        if std::fs::remove_file(&path).is_ok() {
            freed += meta.len();
        }
    }
    Ok(freed)
}

pub(crate) fn prepared_for_draft(store: &Store, draft_id: i64) -> Result<Option<PreparedVideo>> {
    let (Some(dv), Some((path, bytes, sha256))) =
        store.read(|c| Ok((draft::get(c, draft_id)?, draft::prepared(c, draft_id)?)))?
    else {
        return Ok(None);
    };
    let path = PathBuf::from(path);
    let bytes = u64::try_from(bytes).unwrap_or(0);
    // A copy removed or changed on disk since is no copy: it must be made again.
    if !path
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes)
    {
        return Ok(None);
    }
    Ok(Some(PreparedVideo {
        path,
        bytes,
        sha256,
        preset: dv.preset,
        duration_ms: dv.video.duration_ms.and_then(|d| u64::try_from(d).ok()),
    }))
}
