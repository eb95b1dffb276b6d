//! Importing videos into the content-addressed library, and reading it back.
//!
//! The library folder and its naming are the photos' ([`crate::media::library::file_path`],
//! [`crate::media::library::thumb_path`]): one folder, one rule. A video is copied and hashed in
//! one read (a phone video is hundreds of megabytes: it is never held in memory), to a temporary
//! name that is renamed once the hash names it; the row comes last, so a row never points at a
//! missing file.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::clock::format_ts;
use crate::media::MediaSource;
use crate::media::library::{file_path, media_dir, thumb_path};
use crate::text::nfc;
use crate::{LoaError, Result};

/// The largest video the library takes: 8 GB, about 30 minutes of 4K from a phone, far past
/// anything an officer posts, and a bound on what one import may copy.
pub const MAX_VIDEO_BYTES: u64 = 8_000_000_000;

/// A video in the library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct VideoItem {
    pub id: i64,
    /// SHA-256 of the file, lower-case hex: its name in the library.
    pub sha256: String,
    /// The file name it had when imported (NFC).
    pub original_name: String,
    /// `mp4`, `mov`, `3gp`, `3g2`, `webm` or `mkv`, from the file's content.
    pub ext: String,
    pub bytes: i64,
    /// `mp4`, `mov`, `3gp`, `3g2`, `webm` or `matroska`.
    pub container: String,
    /// Length in milliseconds, when known.
    pub duration_ms: Option<i64>,
    /// Width and height as shown, after the rotation.
    pub width: u32,
    pub height: u32,
    /// Clockwise degrees the phone asked players to turn the stored picture (0, 90, 180, 270).
    pub rotation: u32,
    pub fps: Option<f64>,
    pub video_codec: String,
    pub audio_codec: Option<String>,
    /// Recorded in HDR (compressed copies are turned to ordinary colours).
    pub hdr: bool,
    /// The video records where it was filmed (stripped from compressed copies unless kept).
    pub has_location: bool,
    /// Make and model of the phone, when recorded.
    pub device: Option<String>,
    /// RFC 3339, UTC.
    pub imported_at: String,
    pub source: MediaSource,
}

/// A video copied under a temporary name, hashed, not yet in the library.
#[derive(Debug)]
pub(crate) struct Copied {
    tmp: PathBuf,
    pub sha256: String,
    pub bytes: u64,
    pub ext: &'static str,
    pub original_name: String,
}

/// What the row is made of once the files are in place.
#[derive(Debug)]
pub(crate) struct Analysed {
    pub sha256: String,
    pub bytes: u64,
    pub ext: &'static str,
    pub original_name: String,
}

/// The library's extension for a container (the content's, not the name's).
fn ext_of(c: loa_video::Container) -> &'static str {
    use loa_video::Container as C;
    match c {
        C::Mp4 => "mp4",
        C::Mov => "mov",
        C::ThreeGp => "3gp",
        C::ThreeG2 => "3g2",
        C::WebM => "webm",
        C::Matroska => "mkv",
    }
}

fn container_code(c: loa_video::Container) -> &'static str {
    match c {
        loa_video::Container::Matroska => "matroska",
        other => ext_of(other),
    }
}

/// Copies `path` into the library folder under a temporary name, hashing it on the way. Only a
/// regular file (never a FIFO or a device) of at most [`MAX_VIDEO_BYTES`] is read.
pub(crate) fn copy_in(profile: &Path, path: &Path, info: &loa_video::VideoInfo) -> Result<Copied> {
    let (mut file, len) = loa_files::open_regular(path)?;
    let too_large = |bytes| LoaError::VideoTooLarge {
        path: path.to_path_buf(),
        bytes,
        max_bytes: MAX_VIDEO_BYTES,
    };
    if len > MAX_VIDEO_BYTES {
        return Err(too_large(len));
    }
    let dir = media_dir(profile);
    let store_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| LoaError::MediaStore { path, source }
    };
    std::fs::create_dir_all(&dir).map_err(store_err(&dir))?;
    let tmp = crate::media::temp_name(&dir.join("video"));
    let copied = (|| {
        let mut out = std::fs::File::create(&tmp).map_err(store_err(&tmp))?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 1 << 20];
        let mut total: u64 = 0;
        loop {
            let n = file.read(&mut buf).map_err(|source| LoaError::ReadFile {
                path: path.to_path_buf(),
                source,
            })?;
            if n == 0 {
                break;
            }
            total += n as u64;
            // The file may grow while it is read (a copy still going on).
            if total > MAX_VIDEO_BYTES {
                return Err(too_large(total));
            }
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n]).map_err(store_err(&tmp))?;
        }
        out.sync_all().map_err(store_err(&tmp))?;
        let sha256 = crate::media::library::hex(&hasher.finalize());
        Ok((sha256, total))
    })();
    let (sha256, bytes) = match copied {
        Ok(v) => v,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    };
    Ok(Copied {
        tmp,
        sha256,
        bytes,
        ext: ext_of(info.container),
        original_name: path
            .file_name()
            .map(|n| nfc(&n.to_string_lossy()))
            .unwrap_or_default(),
    })
}

impl Copied {
    /// The library already has these bytes: the temporary copy goes.
    pub(crate) fn discard(self) {
        let _ = std::fs::remove_file(&self.tmp);
    }

    /// Moves the copy to its name in the library and writes its poster frame beside it.
    pub(crate) fn keep(self, profile: &Path, poster: &[u8]) -> Result<Analysed> {
        let file = file_path(profile, &self.sha256, self.ext);
        let thumb = thumb_path(profile, &self.sha256);
        let store_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| LoaError::MediaStore { path, source }
        };
        let placed = (|| {
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir).map_err(store_err(dir))?;
            }
            std::fs::rename(&self.tmp, &file).map_err(store_err(&file))?;
            let tmp_thumb = crate::media::temp_name(&thumb);
            std::fs::write(&tmp_thumb, poster).map_err(store_err(&tmp_thumb))?;
            std::fs::rename(&tmp_thumb, &thumb).map_err(store_err(&thumb))
        })();
        if let Err(e) = placed {
            let _ = std::fs::remove_file(&self.tmp);
            return Err(e);
        }
        Ok(Analysed {
            sha256: self.sha256,
            bytes: self.bytes,
            ext: self.ext,
            original_name: self.original_name,
        })
    }
}

const COLUMNS: &str = "id, sha256, original_name, ext, bytes, container, duration_ms, width, \
                       height, rotation, fps, video_codec, audio_codec, hdr, has_location, device, \
                       imported_at, source";

fn from_row(r: &Row<'_>) -> rusqlite::Result<VideoItem> {
    let source: String = r.get(17)?;
    Ok(VideoItem {
        id: r.get(0)?,
        sha256: r.get(1)?,
        original_name: r.get(2)?,
        ext: r.get(3)?,
        bytes: r.get(4)?,
        container: r.get(5)?,
        duration_ms: r.get(6)?,
        width: r.get(7)?,
        height: r.get(8)?,
        rotation: r.get(9)?,
        fps: r.get(10)?,
        video_codec: r.get(11)?,
        audio_codec: r.get(12)?,
        hdr: r.get(13)?,
        has_location: r.get(14)?,
        device: r.get(15)?,
        imported_at: r.get(16)?,
        // The column is CHECKed; a hand-edited value reads as the default rather than failing.
        source: source.parse().unwrap_or_default(),
    })
}

pub(crate) fn by_sha(conn: &Connection, sha256: &str) -> Result<Option<VideoItem>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM videos WHERE sha256 = ?1"),
            [sha256],
            from_row,
        )
        .optional()?)
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<VideoItem> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM videos WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(LoaError::VideoNotFound { id })
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<VideoItem>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM videos ORDER BY imported_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Inserts the row; when another import of the same video won the race, returns that one. The
/// boolean says whether this call added it.
pub(crate) fn insert(
    conn: &Connection,
    now: DateTime<Utc>,
    a: &Analysed,
    info: &loa_video::VideoInfo,
    source: MediaSource,
) -> Result<(VideoItem, bool)> {
    let duration_ms = info
        .duration_s
        .filter(|d| d.is_finite() && *d >= 0.0)
        .map(|d| (d * 1000.0).round() as i64);
    let added = conn.execute(
        "INSERT INTO videos (sha256, original_name, ext, bytes, container, duration_ms,
                             duration_scanned, width, height, rotation, fps, video_codec,
                             audio_codec, hdr, has_location, device, imported_at, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
         ON CONFLICT (sha256) DO NOTHING",
        params![
            a.sha256,
            a.original_name,
            a.ext,
            i64::try_from(a.bytes).unwrap_or(i64::MAX),
            container_code(info.container),
            duration_ms,
            info.duration_scanned,
            info.width,
            info.height,
            u32::from(info.orientation.rotation % 360),
            info.video.fps.filter(|f| f.is_finite() && *f > 0.0),
            info.video.codec,
            info.audio.as_ref().map(|a| a.codec.clone()),
            info.video.hdr_transfer.is_some(),
            info.has_location,
            info.device.as_deref().map(nfc),
            format_ts(now),
            source.as_str(),
        ],
    )? == 1;
    let item =
        by_sha(conn, &a.sha256)?.ok_or(LoaError::Database(rusqlite::Error::QueryReturnedNoRows))?;
    Ok((item, added))
}
