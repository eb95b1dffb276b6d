//! The one video of a draft: which library video, the preset, whether its location is kept, and
//! the compressed copy once made. A post carries photos or one video: attaching either to a
//! draft that has the other is refused here in words (and by a trigger underneath).

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::library::{self, VideoItem};
use crate::media::draft_photos::live_draft;
use crate::{LoaError, Result};

/// The video of a draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct DraftVideo {
    pub draft_id: i64,
    /// `facebook`, `zalo`, `reels`, `saver` or `original`.
    pub preset: String,
    /// The location and phone details are kept in the compressed copy (off unless asked).
    pub keep_location: bool,
    /// The compressed copy made with these settings, once made.
    pub prepared_path: Option<String>,
    pub prepared_bytes: Option<i64>,
    pub video: VideoItem,
}

/// A preset name as `loa-video` knows them, or [`LoaError::InvalidValue`].
pub(crate) fn parse_preset(name: &str) -> Result<loa_video::Preset> {
    name.parse().map_err(|_| LoaError::InvalidValue {
        field: "preset".to_owned(),
        value: name.to_owned(),
        allowed: loa_video::Preset::ALL
            .iter()
            .map(|p| p.name())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// Whether the draft carries a video (the photo side asks before attaching photos).
pub(crate) fn has_video(conn: &Connection, draft_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM draft_video WHERE draft_id = ?1)",
        [draft_id],
        |r| r.get(0),
    )?)
}

pub(crate) fn get(conn: &Connection, draft_id: i64) -> Result<Option<DraftVideo>> {
    let row = conn
        .query_row(
            "SELECT video_id, preset, keep_location, prepared_path, prepared_bytes
             FROM draft_video WHERE draft_id = ?1",
            [draft_id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                ))
            },
        )
        .optional()?;
    let Some((video_id, preset, keep_location, prepared_path, prepared_bytes)) = row else {
        return Ok(None);
    };
    Ok(Some(DraftVideo {
        draft_id,
        preset,
        keep_location,
        prepared_path,
        prepared_bytes,
        video: library::get(conn, video_id)?,
    }))
}

pub(crate) fn attach(
    conn: &Connection,
    draft_id: i64,
    video_id: i64,
    preset: loa_video::Preset,
    keep_location: bool,
) -> Result<DraftVideo> {
    live_draft(conn, draft_id)?;
    library::get(conn, video_id)?;
    let photos: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM draft_media WHERE draft_id = ?1)",
        [draft_id],
        |r| r.get(0),
    )?;
    if photos {
        return Err(LoaError::DraftHasPhotos { draft_id });
    }
    // A new video or new settings: a copy made before no longer matches.
    conn.execute(
        "INSERT INTO draft_video (draft_id, video_id, preset, keep_location)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (draft_id) DO UPDATE SET
             video_id = excluded.video_id, preset = excluded.preset,
             keep_location = excluded.keep_location,
             prepared_path = NULL, prepared_bytes = NULL, prepared_sha256 = NULL",
        params![draft_id, video_id, preset.name(), keep_location],
    )?;
    get(conn, draft_id)?.ok_or(LoaError::VideoNotAttached { draft_id })
}

pub(crate) fn set_options(
    conn: &Connection,
    draft_id: i64,
    preset: loa_video::Preset,
    keep_location: bool,
) -> Result<DraftVideo> {
    live_draft(conn, draft_id)?;
    let current = get(conn, draft_id)?.ok_or(LoaError::VideoNotAttached { draft_id })?;
    if current.preset == preset.name() && current.keep_location == keep_location {
        return Ok(current);
    }
    attach(conn, draft_id, current.video.id, preset, keep_location)
}

pub(crate) fn detach(conn: &Connection, draft_id: i64) -> Result<()> {
    live_draft(conn, draft_id)?;
    let n = conn.execute("DELETE FROM draft_video WHERE draft_id = ?1", [draft_id])?;
    if n == 0 {
        return Err(LoaError::VideoNotAttached { draft_id });
    }
    Ok(())
}

/// Records the compressed copy, unless the draft's video or settings changed while it was
/// being made (then the copy answers a question nobody asks any more). Returns whether it was
/// recorded.
pub(crate) fn set_prepared(
    conn: &Connection,
    draft_id: i64,
    made_for: &DraftVideo,
    path: &str,
    bytes: u64,
    sha256: &str,
) -> Result<bool> {
    let n = conn.execute(
        "UPDATE draft_video SET prepared_path = ?5, prepared_bytes = ?6, prepared_sha256 = ?7
         WHERE draft_id = ?1 AND video_id = ?2 AND preset = ?3 AND keep_location = ?4",
        params![
            draft_id,
            made_for.video.id,
            made_for.preset,
            made_for.keep_location,
            path,
            i64::try_from(bytes).unwrap_or(i64::MAX),
            sha256
        ],
    )?;
    Ok(n == 1)
}

/// The recorded copy's path, size and hash.
pub(crate) fn prepared(conn: &Connection, draft_id: i64) -> Result<Option<(String, i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT prepared_path, prepared_bytes, prepared_sha256 FROM draft_video
             WHERE draft_id = ?1 AND prepared_path IS NOT NULL",
            [draft_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}
