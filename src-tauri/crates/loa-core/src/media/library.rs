//! Importing photos into the content-addressed library, and reading it back.
//!
//! An import reads the file, hashes it (SHA-256) and stops there when the library already has
//! it. Otherwise `loa-media` decodes it once, which both proves it is a photo and makes the
//! thumbnail, and the EXIF gives the date and camera. The files are written (to a temporary
//! name, then renamed) before the row, so a row never points at a missing file.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{MEDIA_DIR, MediaSource};
use crate::clock::format_ts;
use crate::text::nfc;
use crate::{LoaError, Result};

/// The long edge of a thumbnail, in pixels.
pub const THUMB_EDGE: u32 = 320;

/// A photo in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct MediaItem {
    pub id: i64,
    /// SHA-256 of the file, lower-case hex: its name in the library.
    pub sha256: String,
    /// The file name it had when imported (NFC).
    pub original_name: String,
    /// `jpg`, `png` or `webp`, from the file's content rather than its name.
    pub ext: String,
    /// Size of the file in bytes.
    pub bytes: i64,
    /// Width and height as shown, after the EXIF orientation is applied.
    pub width: u32,
    pub height: u32,
    /// The EXIF orientation (1–8); 1 when the photo has none.
    pub orientation: u8,
    /// When the photo was taken (EXIF DateTimeOriginal, the camera's local time, no zone), as
    /// `2025-07-29T08:15:00`.
    pub taken_at: Option<String>,
    /// Camera make and model.
    pub camera: Option<String>,
    /// The photo carries a GPS position (stripped from every prepared copy unless asked).
    pub has_location: bool,
    /// RFC 3339, UTC.
    pub imported_at: String,
    pub source: MediaSource,
}

/// The library folder of a profile.
pub fn media_dir(profile: &Path) -> PathBuf {
    profile.join(MEDIA_DIR)
}

fn shard(profile: &Path, sha256: &str) -> PathBuf {
    media_dir(profile).join(sha256.get(..2).unwrap_or("00"))
}

/// Where the library keeps the photo with this hash and extension.
pub fn file_path(profile: &Path, sha256: &str, ext: &str) -> PathBuf {
    shard(profile, sha256).join(format!("{sha256}.{ext}"))
}

/// Where the library keeps the thumbnail of the photo with this hash.
pub fn thumb_path(profile: &Path, sha256: &str) -> PathBuf {
    shard(profile, sha256).join(format!("{sha256}.thumb.jpg"))
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hex of a digest (the library's file names).
pub fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A photo read and measured, ready to be written into the library.
#[derive(Debug, Clone)]
pub(crate) struct Analysed {
    pub sha256: String,
    pub original_name: String,
    pub ext: &'static str,
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub orientation: u8,
    pub taken_at: Option<String>,
    pub camera: Option<String>,
    pub has_location: bool,
    pub thumbnail: Vec<u8>,
}

/// Reads a photo: a regular file (never a FIFO or `/dev/zero`) within `Cap::Photo`; its bytes
/// and their hash.
pub(crate) fn read(path: &Path) -> Result<(Vec<u8>, String)> {
    let bytes = loa_files::read(path, loa_files::Cap::Photo)?;
    let sha = sha256_hex(&bytes);
    Ok((bytes, sha))
}

/// Decodes the photo once (which proves it is one and makes the thumbnail) and reads its EXIF.
/// No I/O: a bad or unsupported file gets a typed error.
pub(crate) fn analyse(path: &Path, bytes: Vec<u8>, sha256: String) -> Result<Analysed> {
    use loa_media::meta::SourceFormat;
    let format = loa_media::meta::sniff(&bytes).map_err(|e| media_error(path, e.into()))?;
    let opts = loa_media::Options::builder()
        .max_edge(THUMB_EDGE)
        .quality(80)
        .format(loa_media::OutputFormat::Jpeg)
        .build();
    let processed = loa_media::process(&bytes, &opts).map_err(|e| media_error(path, e))?;
    let orientation = processed.orientation.unwrap_or(1);
    let (width, height) = if (5..=8).contains(&orientation) {
        (processed.source_height, processed.source_width)
    } else {
        (processed.source_width, processed.source_height)
    };
    let (taken_at, camera) = exif_details(&processed.exif_text);
    let original_name = path
        .file_name()
        .map(|n| nfc(&n.to_string_lossy()))
        .unwrap_or_default();
    Ok(Analysed {
        sha256,
        original_name,
        ext: match format {
            SourceFormat::Jpeg => "jpg",
            SourceFormat::Png => "png",
            SourceFormat::WebP => "webp",
        },
        bytes,
        width,
        height,
        orientation,
        taken_at,
        camera,
        has_location: processed.had_location,
        thumbnail: processed.bytes,
    })
}

fn media_error(path: &Path, e: loa_media::ProcessError) -> LoaError {
    use loa_media::{DecodeError, ProcessError};
    let path = path.to_path_buf();
    match e {
        ProcessError::Decode(DecodeError::Unsupported { format }) => {
            LoaError::MediaUnsupported { path, format }
        }
        ProcessError::Decode(DecodeError::NotAnImage) => LoaError::MediaNotAPhoto { path },
        other => LoaError::MediaUnreadable {
            path,
            detail: other.to_string(),
        },
    }
}

/// Date taken and camera from the EXIF `loa-media` read while making the thumbnail (the one
/// EXIF reader); damaged EXIF gives what could be read, or nothing.
fn exif_details(text: &loa_media::meta::ExifText) -> (Option<String>, Option<String>) {
    let clean = |v: &Option<String>| v.as_deref().map(nfc).filter(|s| !s.is_empty());
    (
        clean(&text.taken_at).and_then(|raw| normalise_exif_date(&raw)),
        camera_name(clean(&text.make), clean(&text.model)),
    )
}

/// `2025:07:29 08:15:00` → `2025-07-29T08:15:00`. The all-zero (or blank) date cameras write
/// when their clock was never set means "unknown". Anything else unparseable is kept as written.
pub(crate) fn normalise_exif_date(raw: &str) -> Option<String> {
    if raw.trim_start_matches(['0', ':', ' ']).is_empty() {
        return None;
    }
    match NaiveDateTime::parse_from_str(raw, "%Y:%m:%d %H:%M:%S") {
        Ok(t) => Some(t.format("%Y-%m-%dT%H:%M:%S").to_string()),
        Err(_) => Some(raw.to_owned()),
    }
}

/// "Canon" + "Canon EOS 40D" is "Canon EOS 40D", not "Canon Canon EOS 40D".
pub(crate) fn camera_name(make: Option<String>, model: Option<String>) -> Option<String> {
    match (make, model) {
        (Some(make), Some(model)) => {
            if model.to_lowercase().starts_with(&make.to_lowercase()) {
                Some(model)
            } else {
                Some(format!("{make} {model}"))
            }
        }
        (make, model) => make.or(model),
    }
}

/// Writes the photo and its thumbnail into the library (temporary name, then rename, so a
/// crash never leaves a half-written file under the final name).
pub(crate) fn write_files(profile: &Path, a: &Analysed) -> Result<()> {
    let dir = shard(profile, &a.sha256);
    let store_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| LoaError::MediaStore { path, source }
    };
    std::fs::create_dir_all(&dir).map_err(store_err(&dir))?;
    let file = file_path(profile, &a.sha256, a.ext);
    let thumb = thumb_path(profile, &a.sha256);
    for (path, bytes) in [(&file, &a.bytes), (&thumb, &a.thumbnail)] {
        if path.metadata().is_ok_and(|m| m.len() == bytes.len() as u64) {
            continue;
        }
        let tmp = super::temp_name(path);
        std::fs::write(&tmp, bytes).map_err(store_err(&tmp))?;
        std::fs::rename(&tmp, path).map_err(store_err(path))?;
    }
    Ok(())
}

const COLUMNS: &str = "id, sha256, original_name, ext, bytes, width, height, orientation, \
                       taken_at, camera, has_location, imported_at, source";

fn from_row(r: &Row<'_>) -> rusqlite::Result<MediaItem> {
    let source: String = r.get(12)?;
    Ok(MediaItem {
        id: r.get(0)?,
        sha256: r.get(1)?,
        original_name: r.get(2)?,
        ext: r.get(3)?,
        bytes: r.get(4)?,
        width: r.get(5)?,
        height: r.get(6)?,
        orientation: r.get(7)?,
        taken_at: r.get(8)?,
        camera: r.get(9)?,
        has_location: r.get(10)?,
        imported_at: r.get(11)?,
        // The column is CHECKed; a hand-edited value reads as the default rather than failing.
        source: source.parse().unwrap_or_default(),
    })
}

pub(crate) fn by_sha(conn: &Connection, sha256: &str) -> Result<Option<MediaItem>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM media WHERE sha256 = ?1"),
            [sha256],
            from_row,
        )
        .optional()?)
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<MediaItem> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM media WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(LoaError::MediaNotFound { id })
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<MediaItem>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM media ORDER BY imported_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Inserts the row of an analysed photo; when another import of the same photo won the race,
/// returns that one. The boolean says whether this call added it.
pub(crate) fn insert(
    conn: &Connection,
    now: DateTime<Utc>,
    a: &Analysed,
    source: MediaSource,
) -> Result<(MediaItem, bool)> {
    let added = conn.execute(
        "INSERT INTO media (sha256, original_name, ext, bytes, width, height, orientation,
                            taken_at, camera, has_location, imported_at, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (sha256) DO NOTHING",
        params![
            a.sha256,
            a.original_name,
            a.ext,
            a.bytes.len() as i64,
            a.width,
            a.height,
            a.orientation,
            a.taken_at,
            a.camera,
            a.has_location,
            format_ts(now),
            source.as_str(),
        ],
    )? == 1;
    let item =
        by_sha(conn, &a.sha256)?.ok_or(LoaError::Database(rusqlite::Error::QueryReturnedNoRows))?;
    Ok((item, added))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exif_dates() {
        assert_eq!(
            normalise_exif_date("2025:07:29 08:15:00").as_deref(),
            Some("2025-07-29T08:15:00")
        );
        assert_eq!(normalise_exif_date("0000:00:00 00:00:00"), None);
        assert_eq!(
            normalise_exif_date("    :  :     :  :  "),
            None,
            "blank means unknown"
        );
        assert_eq!(normalise_exif_date("hôm qua").as_deref(), Some("hôm qua"));
    }

    #[test]
    fn camera_names() {
        let s = |v: &str| Some(v.to_owned());
        assert_eq!(
            camera_name(s("Canon"), s("Canon EOS 40D")).as_deref(),
            Some("Canon EOS 40D")
        );
        assert_eq!(
            camera_name(s("Xiaomi"), s("Redmi Note 9S")).as_deref(),
            Some("Xiaomi Redmi Note 9S")
        );
        assert_eq!(camera_name(None, s("E950")).as_deref(), Some("E950"));
        assert_eq!(camera_name(None, None), None);
    }

    #[test]
    fn library_paths_are_sharded_by_hash() {
        let sha = sha256_hex(b"abc");
        assert_eq!(
            sha,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let p = file_path(Path::new("/p"), &sha, "jpg");
        assert_eq!(p, Path::new("/p/media/ba").join(format!("{sha}.jpg")));
        assert_eq!(
            thumb_path(Path::new("/p"), &sha),
            Path::new("/p/media/ba").join(format!("{sha}.thumb.jpg"))
        );
    }
}
