//! The media library behind "photos ready to post".
//!
//! Photos are copied into the profile's content-addressed folder,
//! `<profile>/media/<first 2 hex>/<sha256>.<ext>`, with an upright 320 px thumbnail
//! `<sha256>.thumb.jpg` beside them (made by `loa-media`: no watermark, no metadata). The same
//! photo imported twice is one file and one row. Around the library:
//!
//! - [`library`]: importing, listing and finding photos;
//! - [`folders`] and [`watch`]: folders the officer picked, watched for new photos
//!   ([`WatchFolders`], a thread with a channel);
//! - [`draft_photos`]: the ordered photos of a draft, each with its alternative text;
//! - [`watermark`]: the commune's watermark settings ([`WatermarkSettings`]);
//! - [`prepare`]: a draft's photos made ready to post for one destination.
//!
//! What it deliberately does not know: the pipeline's pixels (that is `loa-media`), Tauri, and
//! where the officer's photos come from beyond a path and a [`MediaSource`].

pub mod draft_photos;
pub mod folders;
pub mod library;
pub mod prepare;
pub mod share;
pub mod watch;
pub mod watermark;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use crate::{LoaError, Result};

pub use draft_photos::{DraftPhoto, NewDraftPhoto};
pub use folders::WatchFolder;
pub use library::MediaItem;
pub use prepare::{PrepareOptions, PrepareProgress, PreparedPhoto};
pub use watch::{WatchEvent, WatchFolders};
pub use watermark::{WatermarkPosition, WatermarkSettings};

/// The outcome of importing one file, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct MediaImportOutcome {
    pub path: String,
    /// The library entry, when the import worked (or the photo was already there).
    pub item: Option<MediaItem>,
    /// The video library entry, when the file was a video (see [`crate::videos`]).
    pub video: Option<crate::VideoItem>,
    pub error: Option<crate::IpcError>,
}

/// The folder of the library inside a profile.
pub const MEDIA_DIR: &str = "media";

/// How a photo reached the library.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum MediaSource {
    /// Picked in the file dialog.
    #[default]
    Dialog,
    /// Dropped on the window.
    Drop,
    /// Found in a watched folder.
    Watch,
}

impl MediaSource {
    pub const ALL: [MediaSource; 3] = [MediaSource::Dialog, MediaSource::Drop, MediaSource::Watch];

    /// The stable code stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            MediaSource::Dialog => "dialog",
            MediaSource::Drop => "drop",
            MediaSource::Watch => "watch",
        }
    }
}

impl fmt::Display for MediaSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MediaSource {
    type Err = LoaError;

    fn from_str(s: &str) -> Result<Self> {
        MediaSource::ALL
            .into_iter()
            .find(|v| v.as_str() == s.trim())
            .ok_or_else(|| LoaError::InvalidValue {
                field: "source".to_owned(),
                value: s.to_owned(),
                allowed: "dialog, drop, watch".to_owned(),
            })
    }
}

/// Whether a file name is a photo format phones and cameras write that the library cannot take
/// (an iPhone's HEIC, AVIF, TIFF, BMP): a watch folder reports such a file with how to get a JPEG
/// instead of passing over it in silence.
pub fn is_unreadable_photo_name(path: &std::path::Path) -> bool {
    has_extension(path, &["heic", "heif", "hif", "avif", "tif", "tiff", "bmp"])
}

/// A visible file whose extension is one of `extensions` (any case). Hidden files (a leading
/// dot: partial downloads, macOS resource forks) never match.
pub fn has_extension(path: &std::path::Path, extensions: &[&str]) -> bool {
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_none_or(|n| n.starts_with('.'));
    !hidden
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.iter().any(|ok| e.eq_ignore_ascii_case(ok)))
}

/// Whether a file name is one the library takes: a photo, or a video ([`crate::videos`]).
pub fn is_media_name(path: &std::path::Path) -> bool {
    is_photo_name(path) || crate::videos::is_video_name(path)
}

/// Whether a file name looks like a photo the library takes (jpg, jpeg, png, webp, any case).
/// Hidden files never do.
pub fn is_photo_name(path: &std::path::Path) -> bool {
    has_extension(path, &["jpg", "jpeg", "png", "webp"])
}

/// A temporary name beside `path`, unique in this process, so that two imports of the same
/// photo at once (the watcher and a drop) never write the same temporary file.
pub(crate) fn temp_name(path: &std::path::Path) -> std::path::PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{}-{n}.part", std::process::id()));
    path.with_file_name(name)
}

/// The photo library and what the officer does with photos. Obtained with
/// [`crate::Store::media`].
#[derive(Debug, Clone, Copy)]
pub struct Media<'a> {
    pub(crate) store: &'a crate::Store,
}

impl Media<'_> {
    /// Imports photos into the library, each on its own: a bad file is reported in its slot and
    /// does not stop the others. A photo already in the library (same bytes) is not copied
    /// again and its existing entry is returned.
    pub fn import(
        &self,
        paths: &[PathBuf],
        source: MediaSource,
    ) -> Vec<(PathBuf, Result<MediaItem>)> {
        paths
            .iter()
            .map(|p| (p.clone(), self.import_file(p, source).map(|(m, _)| m)))
            .collect()
    }

    /// What the drop and the file dialog import, in the form the UI shows: one outcome per
    /// path, in order. A file named as a video goes to the video library
    /// ([`crate::videos::Videos::import_file`]), anything else is taken as a photo; a bad file
    /// is reported in its slot and the others go on.
    pub fn import_outcomes(
        &self,
        paths: &[PathBuf],
        source: MediaSource,
    ) -> Vec<MediaImportOutcome> {
        paths
            .iter()
            .map(|p| {
                let (item, video) = if crate::videos::is_video_name(p) {
                    (
                        Ok(None),
                        self.store
                            .videos()
                            .import_file(p, source)
                            .map(|(v, _)| Some(v)),
                    )
                } else {
                    (self.import_file(p, source).map(|(m, _)| Some(m)), Ok(None))
                };
                let path = p.display().to_string();
                match (item, video) {
                    (Ok(item), Ok(video)) => MediaImportOutcome {
                        path,
                        item,
                        video,
                        error: None,
                    },
                    (Err(e), _) | (_, Err(e)) => MediaImportOutcome {
                        path,
                        item: None,
                        video: None,
                        error: Some(e.into()),
                    },
                }
            })
            .collect()
    }

    /// Imports one photo; the boolean says whether it was new to the library. The file is read
    /// and decoded without holding the database, so a slow import never blocks the editor.
    pub fn import_file(&self, path: &Path, source: MediaSource) -> Result<(MediaItem, bool)> {
        let (bytes, sha) = library::read(path)?;
        if let Some(item) = self.store.read(|c| library::by_sha(c, &sha))? {
            return Ok((item, false));
        }
        let analysed = library::analyse(path, bytes, sha)?;
        library::write_files(self.store.dir(), &analysed)?;
        self.store
            .write(|tx, now| library::insert(tx, now, &analysed, source))
    }

    /// Every photo in the library, newest import first.
    pub fn list(&self) -> Result<Vec<MediaItem>> {
        self.store.read(library::list)
    }

    pub fn item(&self, id: i64) -> Result<MediaItem> {
        self.store.read(|c| library::get(c, id))
    }

    /// The library's copy of photo `id`.
    pub fn path(&self, id: i64) -> Result<PathBuf> {
        let item = self.item(id)?;
        Ok(library::file_path(
            self.store.dir(),
            &item.sha256,
            &item.ext,
        ))
    }

    /// The 320 px upright JPEG thumbnail of photo `id`.
    pub fn thumbnail_path(&self, id: i64) -> Result<PathBuf> {
        let item = self.item(id)?;
        Ok(library::thumb_path(self.store.dir(), &item.sha256))
    }

    /// The bytes of photo `id`'s thumbnail (an upright JPEG, 320 px on its long edge).
    pub fn thumbnail_bytes(&self, id: i64) -> Result<Vec<u8>> {
        let path = self.thumbnail_path(id)?;
        std::fs::read(&path).map_err(|source| LoaError::ReadFile { path, source })
    }

    /// Adds a folder to watch for new photos (stored canonical; adding it twice is one entry).
    /// A running [`crate::WatchFolders`] picks it up on [`crate::WatchFolders::refresh`].
    pub fn add_watch_folder(&self, path: &Path) -> Result<WatchFolder> {
        let canonical = folders::canonical(path)?;
        self.store
            .write(|tx, now| folders::add(tx, now, &canonical))
    }

    pub fn remove_watch_folder(&self, id: i64) -> Result<()> {
        self.store.write(|tx, _| folders::remove(tx, id))
    }

    pub fn watch_folders(&self) -> Result<Vec<WatchFolder>> {
        self.store.read(folders::list)
    }

    /// Appends photos to a draft, in order, each with its alternative text (NFC). A photo
    /// already in the draft keeps its place and takes the new text. Returns the draft's photos.
    pub fn attach(&self, draft_id: i64, photos: &[NewDraftPhoto]) -> Result<Vec<DraftPhoto>> {
        self.store
            .write(|tx, _| draft_photos::attach(tx, draft_id, photos))
    }

    pub fn set_alt_text(&self, draft_id: i64, media_id: i64, alt_text: &str) -> Result<()> {
        self.store
            .write(|tx, _| draft_photos::set_alt_text(tx, draft_id, media_id, alt_text))
    }

    /// Puts a draft's photos in the order of `media_ids` (each of its photos exactly once).
    pub fn reorder(&self, draft_id: i64, media_ids: &[i64]) -> Result<Vec<DraftPhoto>> {
        self.store
            .write(|tx, _| draft_photos::reorder(tx, draft_id, media_ids))
    }

    /// Takes a photo off a draft; it stays in the library.
    pub fn detach(&self, draft_id: i64, media_id: i64) -> Result<Vec<DraftPhoto>> {
        self.store
            .write(|tx, _| draft_photos::detach(tx, draft_id, media_id))
    }

    /// A draft's photos, in order.
    pub fn of_draft(&self, draft_id: i64) -> Result<Vec<DraftPhoto>> {
        self.store.read(|c| draft_photos::list(c, draft_id))
    }

    pub fn watermark_settings(&self) -> Result<WatermarkSettings> {
        self.store.read(watermark::load)
    }

    /// Saves the commune's watermark. The logo must be a PNG; it is copied into the profile and
    /// the returned settings name the copy. An opacity outside 0…1 is refused.
    pub fn set_watermark_settings(
        &self,
        settings: &WatermarkSettings,
    ) -> Result<WatermarkSettings> {
        let prepared = watermark::prepare(self.store.dir(), settings)?;
        self.store.write(|tx, _| watermark::save(tx, &prepared))?;
        Ok(prepared)
    }

    /// Makes the draft's photos ready to post (see [`crate::media::prepare`]): in order, each
    /// written under `<profile>/prepared/<draft id>/` and recorded on the draft. `on_progress`
    /// is called after each photo; setting `cancel` stops before the next one. A bad photo is
    /// reported in its slot and does not stop the others. Earlier copies of the draft are
    /// removed first, so the folder holds exactly this run's files.
    pub fn prepare_draft_photos(
        &self,
        draft_id: i64,
        options: &PrepareOptions,
        mut on_progress: impl FnMut(&PrepareProgress),
        cancel: &AtomicBool,
    ) -> Result<Vec<PreparedPhoto>> {
        let photos = self.of_draft(draft_id)?;
        let settings = self.watermark_settings()?;
        let wm = if options.use_watermark {
            prepare::pipeline_watermark(&settings)?
        } else {
            None
        };
        let opts = prepare::pipeline_options(options.preset, wm, &settings).build();
        let dir = prepare::prepared_dir(self.store.dir(), draft_id);
        let store_err = |source| LoaError::MediaStore {
            path: dir.clone(),
            source,
        };
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(store_err)?;
        }
        std::fs::create_dir_all(&dir).map_err(store_err)?;
        let total = u32::try_from(photos.len()).unwrap_or(u32::MAX);
        let mut out = Vec::with_capacity(photos.len());
        for photo in photos {
            let job = prepare::Job {
                media_id: photo.media.id,
                position: photo.position,
                source: library::file_path(self.store.dir(), &photo.media.sha256, &photo.media.ext),
                original_name: photo.media.original_name.clone(),
            };
            let result = if prepare::cancelled(cancel) {
                prepare::failed(
                    &job,
                    prepare::process_error(job.media_id, &loa_media::ProcessError::Cancelled),
                )
            } else {
                match prepare::run_one(&job, &opts, &dir) {
                    Ok((path, width, height, bytes_out)) => PreparedPhoto {
                        media_id: job.media_id,
                        position: job.position,
                        ok: true,
                        path: Some(path.display().to_string()),
                        width,
                        height,
                        bytes_out,
                        error: None,
                    },
                    Err(e) => prepare::failed(&job, e),
                }
            };
            let path = result.path.as_deref();
            self.store
                .write(|tx, _| draft_photos::set_prepared_path(tx, draft_id, job.media_id, path))?;
            on_progress(&PrepareProgress {
                done: u32::try_from(out.len() + 1).unwrap_or(u32::MAX),
                total,
                photo: result.clone(),
            });
            out.push(result);
        }
        Ok(out)
    }

    /// JPEG bytes of photo `media_id` at 800 px on its long edge with the watermark `settings`
    /// (saved or not) applied: the live preview while the officer adjusts them.
    pub fn watermark_preview(
        &self,
        media_id: i64,
        settings: &WatermarkSettings,
    ) -> Result<Vec<u8>> {
        let source = self.path(media_id)?;
        prepare::preview(media_id, &source, settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn photo_names() {
        for ok in ["a.jpg", "B.JPEG", "c.Png", "d.webp", "dir/Ảnh lũ.JPG"] {
            assert!(is_photo_name(Path::new(ok)), "{ok}");
        }
        for no in ["a.txt", "b.heic", ".c.jpg", "d", "e.jpg.part", "f.gif"] {
            assert!(!is_photo_name(Path::new(no)), "{no}");
        }
        // Reported, not taken: what an iPhone or a scanner writes.
        for unreadable in ["IMG_0001.HEIC", "b.heif", "c.avif", "scan.tif", "d.BMP"] {
            assert!(
                is_unreadable_photo_name(Path::new(unreadable)),
                "{unreadable}"
            );
            assert!(!is_photo_name(Path::new(unreadable)), "{unreadable}");
        }
        for other in ["a.jpg", ".IMG_0001.HEIC", "b.heic.part", "notes.txt"] {
            assert!(!is_unreadable_photo_name(Path::new(other)), "{other}");
        }
    }

    #[test]
    fn source_codes_round_trip() {
        for s in MediaSource::ALL {
            assert_eq!(s.as_str().parse::<MediaSource>().expect("parse"), s);
        }
        assert!("camera".parse::<MediaSource>().is_err());
    }
}
