//! Videos in the library and on a draft, from a phone's file to a compressed copy ready to upload.
//!
//! A video is copied into the same content-addressed folder as photos
//! (`<profile>/media/<first 2 hex>/<sha256>.<ext>`, its poster frame `<sha256>.thumb.jpg` beside
//! it, see [`crate::media::library`]); what ffprobe found is kept in the `videos` table. Around
//! the library:
//!
//! - [`library`]: importing (probe, poster, copy, row) and listing;
//! - [`draft`]: the one video of a draft, its preset and whether its location is kept (a post
//!   carries photos or one video);
//! - [`prepare`]: the estimate (size, upload time at the last measured link speed) and the
//!   refusals before anything is encoded, then the compression on the caller's thread with
//!   progress and cancel, the output content-addressed under `<profile>/prepared/videos/`.
//!
//! The drop and dialog import ([`crate::media::Media::import`]) and the watch folders send video
//! files here. What it deliberately does not know: ffmpeg's arguments and the presets' numbers
//! (that is `loa-video`), uploading (the outbox asks [`Videos::prepared_for_draft`]), threads and
//! Tauri.

pub mod draft;
pub mod library;
pub mod prepare;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::AtomicBool;

use loa_video::{Engine, VideoError};

use crate::media::MediaSource;
use crate::{LoaError, Result};

pub use draft::DraftVideo;
pub use library::VideoItem;
pub use prepare::{PreparedVideo, VideoEstimate, VideoProgress};

/// The file names the library takes as videos (any case): what phones record (MP4, MOV, 3GP,
/// 3G2) and what browsers and some Android apps write (WebM, MKV). The content decides in the
/// end: a photo named `.mp4` is refused by the probe.
pub const VIDEO_EXTENSIONS: [&str; 6] = ["mp4", "mov", "3gp", "3g2", "webm", "mkv"];

/// Whether a file name looks like a video the library takes. Hidden files never do.
pub fn is_video_name(path: &Path) -> bool {
    crate::media::has_extension(path, &VIDEO_EXTENSIONS)
}

/// The one ffmpeg/ffprobe of this process, found on first use. Only a success is kept: an
/// officer who installs ffmpeg after a "missing" message is not asked to restart Loa.
pub fn engine() -> Result<&'static Engine> {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    if let Some(e) = ENGINE.get() {
        return Ok(e);
    }
    let found = Engine::locate().map_err(|e| video_error(Path::new(""), &e))?;
    Ok(ENGINE.get_or_init(|| found))
}

/// A `loa-video` error as the core's, keeping its own sentence (`video-error-<code>`).
pub(crate) fn video_error(path: &Path, e: &VideoError) -> LoaError {
    LoaError::VideoProcess {
        path: path.to_path_buf(),
        code: e.code().to_owned(),
        message_id: e.message_id(),
        args: e.args().into_iter().collect::<BTreeMap<_, _>>(),
    }
}

/// The video library and a draft's video. Obtained with [`crate::Store::videos`].
#[derive(Debug, Clone, Copy)]
pub struct Videos<'a> {
    pub(crate) store: &'a crate::Store,
}

impl Videos<'_> {
    /// Imports videos, each on its own: a bad file is reported in its slot and the others go on.
    pub fn import(
        &self,
        paths: &[PathBuf],
        source: MediaSource,
    ) -> Vec<(PathBuf, Result<VideoItem>)> {
        paths
            .iter()
            .map(|p| (p.clone(), self.import_file(p, source).map(|(v, _)| v)))
            .collect()
    }

    /// Imports one video; the boolean says whether it was new to the library. ffprobe runs
    /// first (bounded; a non-video is refused from its first bytes without running anything),
    /// then the file is copied and hashed in one read, then the poster frame is made. The
    /// database is held only for the row.
    pub fn import_file(&self, path: &Path, source: MediaSource) -> Result<(VideoItem, bool)> {
        let engine = engine()?;
        let info = engine.probe(path).map_err(|e| video_error(path, &e))?;
        let copied = library::copy_in(self.store.dir(), path, &info)?;
        if let Some(item) = self.store.read(|c| library::by_sha(c, &copied.sha256))? {
            copied.discard();
            return Ok((item, false));
        }
        let poster = engine
            .poster(&info, crate::media::library::THUMB_EDGE)
            .map_err(|e| video_error(path, &e));
        let poster = match poster {
            Ok(p) => p,
            Err(e) => {
                copied.discard();
                return Err(e);
            }
        };
        let analysed = copied.keep(self.store.dir(), &poster)?;
        self.store
            .write(|tx, now| library::insert(tx, now, &analysed, &info, source))
    }

    /// Every video in the library, newest import first.
    pub fn list(&self) -> Result<Vec<VideoItem>> {
        self.store.read(library::list)
    }

    pub fn item(&self, id: i64) -> Result<VideoItem> {
        self.store.read(|c| library::get(c, id))
    }

    /// The library's copy of video `id`.
    pub fn path(&self, id: i64) -> Result<PathBuf> {
        let v = self.item(id)?;
        Ok(crate::media::library::file_path(
            self.store.dir(),
            &v.sha256,
            &v.ext,
        ))
    }

    /// The bytes of video `id`'s poster frame (an upright JPEG, 320 px on its long edge).
    pub fn thumbnail_bytes(&self, id: i64) -> Result<Vec<u8>> {
        let v = self.item(id)?;
        let path = crate::media::library::thumb_path(self.store.dir(), &v.sha256);
        std::fs::read(&path).map_err(|source| LoaError::ReadFile { path, source })
    }

    /// Puts video `video_id` on the draft (replacing the video it had), to be compressed with
    /// `preset` (`facebook` when `None`), its location kept only when `keep_location`. A draft
    /// with photos is refused: a post carries photos or one video.
    pub fn attach(
        &self,
        draft_id: i64,
        video_id: i64,
        preset: Option<&str>,
        keep_location: bool,
    ) -> Result<DraftVideo> {
        let preset = draft::parse_preset(preset.unwrap_or(loa_video::Preset::default().name()))?;
        self.store
            .write(|tx, _| draft::attach(tx, draft_id, video_id, preset, keep_location))
    }

    /// Changes how the draft's video is compressed; a copy made with other settings is dropped.
    pub fn set_options(
        &self,
        draft_id: i64,
        preset: &str,
        keep_location: bool,
    ) -> Result<DraftVideo> {
        let preset = draft::parse_preset(preset)?;
        self.store
            .write(|tx, _| draft::set_options(tx, draft_id, preset, keep_location))
    }

    /// Takes the video off the draft; it stays in the library.
    pub fn detach(&self, draft_id: i64) -> Result<()> {
        self.store.write(|tx, _| draft::detach(tx, draft_id))
    }

    /// The draft's video, if it has one.
    pub fn of_draft(&self, draft_id: i64) -> Result<Option<DraftVideo>> {
        self.store.read(|c| draft::get(c, draft_id))
    }

    /// The size of the compressed copy and the time to send it at the last measured link
    /// speed, before anything is encoded; a preset the video cannot take (a Zalo video that
    /// cannot fit, a reel of the wrong length) is refused here with its reason.
    pub fn estimate(&self, draft_id: i64) -> Result<VideoEstimate> {
        prepare::estimate(self.store, draft_id)
    }

    /// Compresses the draft's video on the caller's thread (a worker's, in the app):
    /// `on_progress` about twice a second, `cancel` stops ffmpeg within a moment and leaves
    /// nothing behind. The copy is recorded on the draft.
    pub fn prepare(
        &self,
        draft_id: i64,
        cancel: &AtomicBool,
        on_progress: &mut dyn FnMut(&VideoProgress),
    ) -> Result<PreparedVideo> {
        let prepared = prepare::run(self.store, draft_id, cancel, on_progress)?;
        // The copy this one replaces (another preset, another video) is not needed any more.
        let _ = prepare::sweep(self.store);
        Ok(prepared)
    }

    /// Deletes the compressed copies no draft records any more (older than a few minutes, so
    /// another Loa's fresh copy is never taken); returns the bytes freed.
    pub fn sweep_prepared(&self) -> Result<u64> {
        prepare::sweep(self.store)
    }

    /// The compressed copy of the draft's video, when one was made with the draft's current
    /// settings and is still on disk: what the outbox uploads.
    pub fn prepared_for_draft(&self, draft_id: i64) -> Result<Option<PreparedVideo>> {
        prepare::prepared_for_draft(self.store, draft_id)
    }

    /// The upload speed the next estimate uses (bits per second), and whether it was measured
    /// on a real upload (`false`: the default for a weak link).
    pub fn link_speed(&self) -> Result<(u64, bool)> {
        self.store.read(prepare::link_speed)
    }

    /// Remembers the upload speed just measured (bits per second), for the next estimate.
    pub fn record_link_speed(&self, bits_per_second: u64) -> Result<()> {
        self.store
            .write(|tx, _| prepare::record_link_speed(tx, bits_per_second))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn video_names() {
        for ok in [
            "a.mp4",
            "B.MOV",
            "c.3gp",
            "d.3G2",
            "e.webm",
            "f.mkv",
            "Lũ/Video lũ.MP4",
        ] {
            assert!(is_video_name(Path::new(ok)), "{ok}");
        }
        for no in ["a.jpg", ".b.mp4", "c.mp4.part", "d", "e.avi"] {
            assert!(!is_video_name(Path::new(no)), "{no}");
        }
    }
}
