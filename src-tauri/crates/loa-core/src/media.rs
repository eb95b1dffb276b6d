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
pub mod watch;
pub mod watermark;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{LoaError, Result};

pub use draft_photos::{DraftPhoto, NewDraftPhoto};
pub use folders::WatchFolder;
pub use library::MediaItem;
pub use prepare::{PrepareOptions, PreparePreset, PrepareProgress, PreparedPhoto};
pub use watch::{WatchEvent, WatchFolders};
pub use watermark::{WatermarkPosition, WatermarkSettings};

/// The outcome of importing one file, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct MediaImportOutcome {
    pub path: String,
    /// The library entry, when the import worked (or the photo was already there).
    pub item: Option<MediaItem>,
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

/// Whether a file name looks like a photo the library takes (jpg, jpeg, png, webp, any case).
/// Hidden files (a leading dot: partial downloads, macOS resource forks) never do.
pub fn is_photo_name(path: &std::path::Path) -> bool {
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_none_or(|n| n.starts_with('.'));
    !hidden
        && path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            ["jpg", "jpeg", "png", "webp"]
                .iter()
                .any(|ok| e.eq_ignore_ascii_case(ok))
        })
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
    }

    #[test]
    fn source_codes_round_trip() {
        for s in MediaSource::ALL {
            assert_eq!(s.as_str().parse::<MediaSource>().expect("parse"), s);
        }
        assert!("camera".parse::<MediaSource>().is_err());
    }
}
