//! Backups of a profile: the officer's laptop is often the only copy of months of work.
//!
//! - [`daily`]: the automatic copy of the database into the profile's `backups/` on the first
//!   use of each day (a consistent `VACUUM INTO`, never a file copy of a live WAL database),
//!   keeping the last 7 days and 4 weeks;
//! - [`archive`]: "Back up to…" — one zip file holding a consistent copy of the database (drafts,
//!   templates, settings, the queue) and the profile's files (the photo library, prepared
//!   renditions, the queue's files), with a manifest of SHA-256 checksums, written atomically;
//! - [`restore`]: "Restore from…" — checks every checksum and the schema version first, unpacks
//!   beside the profile, reads everything back, and only then swaps it in, keeping the current
//!   profile aside.
//!
//! What it deliberately does not know: the credentials. They live outside the database (the OS
//! keyring or `credentials.json`), and a backup takes only the folders listed in
//! [`archive::PROFILE_FOLDERS`], so no credential file can slip in; a restore keeps the
//! profile's own credentials file.

pub mod archive;
pub mod daily;
pub mod restore;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};

use crate::{LoaError, Result, Store};

pub use archive::{BackupProgress, BackupSummary, Manifest, ManifestFile};
pub use daily::DailyBackup;
pub use restore::{RestoreOutcome, StagedRestore};

/// The folder of automatic copies inside a profile.
pub const BACKUPS_DIR: &str = "backups";

/// Why a backup cannot be made or used. One [`LoaError::Backup`] carries it, with the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum BackupProblem {
    /// Not a Loa backup (not a zip, or no manifest).
    NotABackup,
    /// A file is missing, cut short or altered (a checksum differs).
    Corrupt,
    /// Made by a newer Loa: its database cannot be read by this one.
    TooNew,
    /// Bigger than a backup may be, or holding too many files.
    TooLarge,
    /// The file or folder cannot be written (disk full, USB stick removed, no permission).
    Write,
    /// The restored profile could not be put in place.
    Swap,
    /// Another Loa (the window, `loa sync`) still has the profile open.
    InUse,
}

impl BackupProblem {
    pub fn as_str(self) -> &'static str {
        match self {
            BackupProblem::NotABackup => "not_a_backup",
            BackupProblem::Corrupt => "corrupt",
            BackupProblem::TooNew => "too_new",
            BackupProblem::TooLarge => "too_large",
            BackupProblem::Write => "write",
            BackupProblem::Swap => "swap",
            BackupProblem::InUse => "in_use",
        }
    }
}

/// A [`LoaError::Backup`] about `path`; `detail` is for logs and the command line's `--json`.
pub(crate) fn backup_err(path: &Path, problem: BackupProblem, detail: impl ToString) -> LoaError {
    LoaError::Backup {
        path: path.to_path_buf(),
        problem,
        detail: detail.to_string(),
    }
}

/// What a database holds, as a backup's manifest and the restore dialog show it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Contents {
    /// The schema version (SQLite's `user_version`, the number of migrations applied).
    pub schema: u32,
    /// Drafts not in the trash.
    pub drafts: u32,
    /// Photos in the library.
    pub media: u32,
    /// Templates in the profile (shipped and the commune's own).
    pub templates: u32,
    /// Posts in the outbox, whatever their state.
    pub queue: u32,
}

impl Contents {
    /// Counts what the database `conn` holds.
    pub(crate) fn read(conn: &Connection) -> Result<Self> {
        let schema: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let count = |sql: &str| -> Result<u32> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
        // A database older than a feature's migration simply has none of it.
        let count_if = |table: &str, sql: &str| -> Result<u32> {
            let exists: bool = conn.query_row(
                "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )?;
            if exists { count(sql) } else { Ok(0) }
        };
        Ok(Self {
            schema,
            drafts: count_if(
                "drafts",
                "SELECT count(*) FROM drafts WHERE deleted_at IS NULL",
            )?,
            media: count_if("media", "SELECT count(*) FROM media")?,
            templates: count_if("templates", "SELECT count(*) FROM templates")?,
            queue: count_if("outbox", "SELECT count(*) FROM outbox")?,
        })
    }
}

/// The schema version this Loa writes; a backup above it is refused.
pub fn current_schema() -> u32 {
    crate::db::MIGRATION_SQL.len() as u32
}

/// Opens a database file read-only and checks it is whole (`PRAGMA quick_check`).
pub(crate) fn open_checked(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| backup_err(path, BackupProblem::Corrupt, e))?;
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| backup_err(path, BackupProblem::Corrupt, e))?;
    if check != "ok" {
        return Err(backup_err(path, BackupProblem::Corrupt, check));
    }
    Ok(conn)
}

/// The backups view of a store: consistent copies of its database and of the whole profile.
#[derive(Debug)]
pub struct Backups<'a> {
    pub(crate) store: &'a Store,
}

impl Backups<'_> {
    /// A consistent copy of the database at `dest` (which must not exist), made by SQLite itself
    /// while the store stays usable: `VACUUM INTO` reads one snapshot of the WAL database.
    pub fn snapshot_db(&self, dest: &Path) -> Result<()> {
        let target = dest.to_str().ok_or_else(|| {
            backup_err(dest, BackupProblem::Write, "the path is not valid Unicode")
        })?;
        self.store
            .read(|conn| Ok(conn.execute("VACUUM INTO ?1", [target])?))
            .map_err(|e| backup_err(dest, BackupProblem::Write, e))?;
        Ok(())
    }

    /// The profile's automatic copies folder.
    pub fn dir(&self) -> PathBuf {
        self.store.dir().join(BACKUPS_DIR)
    }
}

impl Store {
    /// Backups of this profile: the daily copy and "Back up to…".
    pub fn backups(&self) -> Backups<'_> {
        Backups { store: self }
    }
}
