//! The photos of a draft: an ordered list of library photos, each with its alternative text
//! (read aloud by screen readers; Facebook and the commune's website both take it).
//!
//! Positions are always 0, 1, 2… with no gaps: every change rewrites the draft's list in one
//! transaction. A photo appears at most once per draft.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::library::{self, MediaItem};
use crate::text::nfc;
use crate::{LoaError, Result};

/// A photo to attach, with its alternative text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct NewDraftPhoto {
    pub media_id: i64,
    pub alt_text: String,
}

/// One photo of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DraftPhoto {
    pub draft_id: i64,
    /// 0 for the first photo.
    pub position: u32,
    /// NFC.
    pub alt_text: String,
    /// The upload-ready copy, once it has been made.
    pub prepared_path: Option<String>,
    pub media: MediaItem,
}

/// One row as stored, without the library item.
#[derive(Debug, Clone)]
struct Row {
    media_id: i64,
    alt_text: String,
    prepared_path: Option<String>,
}

/// Fails unless `draft_id` is a live draft.
pub(crate) fn live_draft(conn: &Connection, draft_id: i64) -> Result<()> {
    let deleted: Option<Option<String>> = conn
        .query_row(
            "SELECT deleted_at FROM drafts WHERE id = ?1",
            [draft_id],
            |r| r.get(0),
        )
        .optional()?;
    match deleted {
        None => Err(LoaError::DraftNotFound { id: draft_id }),
        Some(Some(_)) => Err(LoaError::DraftInTrash { id: draft_id }),
        Some(None) => Ok(()),
    }
}

fn rows(conn: &Connection, draft_id: i64) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare(
        "SELECT media_id, alt_text, prepared_path FROM draft_media
         WHERE draft_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([draft_id], |r| {
        Ok(Row {
            media_id: r.get(0)?,
            alt_text: r.get(1)?,
            prepared_path: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces the draft's list with `rows`, positions 0…n.
fn rewrite(conn: &Connection, draft_id: i64, rows: &[Row]) -> Result<()> {
    conn.execute("DELETE FROM draft_media WHERE draft_id = ?1", [draft_id])?;
    let mut stmt = conn.prepare(
        "INSERT INTO draft_media (draft_id, media_id, position, alt_text, prepared_path)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, row) in rows.iter().enumerate() {
        stmt.execute(params![
            draft_id,
            row.media_id,
            position as i64,
            row.alt_text,
            row.prepared_path
        ])?;
    }
    Ok(())
}

fn not_attached(draft_id: i64, media_id: i64) -> LoaError {
    LoaError::MediaNotAttached { draft_id, media_id }
}

/// The draft's photos, in order.
pub(crate) fn list(conn: &Connection, draft_id: i64) -> Result<Vec<DraftPhoto>> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM drafts WHERE id = ?1)",
        [draft_id],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(LoaError::DraftNotFound { id: draft_id });
    }
    rows(conn, draft_id)?
        .into_iter()
        .enumerate()
        .map(|(position, row)| {
            Ok(DraftPhoto {
                draft_id,
                position: u32::try_from(position).unwrap_or(u32::MAX),
                alt_text: row.alt_text,
                prepared_path: row.prepared_path,
                media: library::get(conn, row.media_id)?,
            })
        })
        .collect()
}

/// Appends photos after the draft's current ones, in the order given. A photo already in the
/// draft stays where it is and takes the new alternative text.
pub(crate) fn attach(
    conn: &Connection,
    draft_id: i64,
    photos: &[NewDraftPhoto],
) -> Result<Vec<DraftPhoto>> {
    live_draft(conn, draft_id)?;
    // A post carries photos or one video.
    if !photos.is_empty() && crate::videos::draft::has_video(conn, draft_id)? {
        return Err(LoaError::DraftHasVideo { draft_id });
    }
    let mut current = rows(conn, draft_id)?;
    for p in photos {
        library::get(conn, p.media_id)?;
        let alt_text = nfc(p.alt_text.trim());
        match current.iter_mut().find(|r| r.media_id == p.media_id) {
            Some(existing) => existing.alt_text = alt_text,
            None => current.push(Row {
                media_id: p.media_id,
                alt_text,
                prepared_path: None,
            }),
        }
    }
    rewrite(conn, draft_id, &current)?;
    list(conn, draft_id)
}

pub(crate) fn set_alt_text(
    conn: &Connection,
    draft_id: i64,
    media_id: i64,
    alt_text: &str,
) -> Result<()> {
    live_draft(conn, draft_id)?;
    let changed = conn.execute(
        "UPDATE draft_media SET alt_text = ?3 WHERE draft_id = ?1 AND media_id = ?2",
        params![draft_id, media_id, nfc(alt_text.trim())],
    )?;
    if changed == 0 {
        return Err(not_attached(draft_id, media_id));
    }
    Ok(())
}

/// Puts the draft's photos in the order of `media_ids`, which must name each of them once.
pub(crate) fn reorder(
    conn: &Connection,
    draft_id: i64,
    media_ids: &[i64],
) -> Result<Vec<DraftPhoto>> {
    live_draft(conn, draft_id)?;
    let mut current = rows(conn, draft_id)?;
    let mut wanted = media_ids.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let mut have: Vec<i64> = current.iter().map(|r| r.media_id).collect();
    have.sort_unstable();
    if wanted.len() != media_ids.len() || wanted != have {
        return Err(LoaError::InvalidValue {
            field: "order".to_owned(),
            value: media_ids
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            allowed: have
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    current.sort_by_key(|r| media_ids.iter().position(|m| *m == r.media_id));
    rewrite(conn, draft_id, &current)?;
    list(conn, draft_id)
}

/// Takes a photo off the draft (it stays in the library); the later ones move up.
pub(crate) fn detach(conn: &Connection, draft_id: i64, media_id: i64) -> Result<Vec<DraftPhoto>> {
    live_draft(conn, draft_id)?;
    let mut current = rows(conn, draft_id)?;
    let before = current.len();
    current.retain(|r| r.media_id != media_id);
    if current.len() == before {
        return Err(not_attached(draft_id, media_id));
    }
    rewrite(conn, draft_id, &current)?;
    list(conn, draft_id)
}

/// Records (or clears) where the upload-ready copy of a draft's photo was written.
pub(crate) fn set_prepared_path(
    conn: &Connection,
    draft_id: i64,
    media_id: i64,
    path: Option<&str>,
) -> Result<()> {
    let changed = conn.execute(
        "UPDATE draft_media SET prepared_path = ?3 WHERE draft_id = ?1 AND media_id = ?2",
        params![draft_id, media_id, path],
    )?;
    if changed == 0 {
        return Err(not_attached(draft_id, media_id));
    }
    Ok(())
}
