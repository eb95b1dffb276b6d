//! The folders the officer asked Loa to watch for new photos (a phone's sync folder, the folder
//! a USB card reader is copied into).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params};
use serde::{Deserialize, Serialize};

use crate::clock::format_ts;
use crate::{LoaError, Result};

/// A watched folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct WatchFolder {
    pub id: i64,
    pub path: PathBuf,
    /// RFC 3339, UTC.
    pub added_at: String,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<WatchFolder> {
    Ok(WatchFolder {
        id: r.get(0)?,
        path: PathBuf::from(r.get::<_, String>(1)?),
        added_at: r.get(2)?,
    })
}

/// The folder as stored: absolute and canonical, so one folder is one row however it was typed.
pub(crate) fn canonical(path: &Path) -> Result<PathBuf> {
    let not_found = || LoaError::FolderNotFound {
        path: path.to_path_buf(),
    };
    let canon = std::fs::canonicalize(path).map_err(|_| not_found())?;
    if !canon.is_dir() {
        return Err(not_found());
    }
    Ok(canon)
}

/// Adds a folder (already canonical); adding it again returns the existing row.
pub(crate) fn add(conn: &Connection, now: DateTime<Utc>, path: &Path) -> Result<WatchFolder> {
    let text = path.to_string_lossy();
    conn.execute(
        "INSERT INTO watch_folders (path, added_at) VALUES (?1, ?2)
         ON CONFLICT (path) DO NOTHING",
        params![text, format_ts(now)],
    )?;
    Ok(conn.query_row(
        "SELECT id, path, added_at FROM watch_folders WHERE path = ?1",
        [text],
        from_row,
    )?)
}

/// Stops watching folder `id`. The photos already imported from it stay in the library.
pub(crate) fn remove(conn: &Connection, id: i64) -> Result<()> {
    if conn.execute("DELETE FROM watch_folders WHERE id = ?1", [id])? == 0 {
        return Err(LoaError::WatchFolderNotFound { id });
    }
    Ok(())
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<WatchFolder>> {
    let mut stmt = conn.prepare("SELECT id, path, added_at FROM watch_folders ORDER BY id")?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
