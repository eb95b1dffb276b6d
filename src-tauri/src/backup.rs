//! Backup commands: "Back up to…", "Restore from…", the daily copies, and the newest good copy
//! when the profile's database is damaged. Adapters over `loa_core::backup`; a restore is
//! checked and unpacked here, then swapped in by a restart (the open profile cannot be moved).

use std::path::PathBuf;

use loa_core::backup::{BackupProgress, BackupSummary, Contents, DailyBackup, daily, restore};
use loa_core::{IpcError, SystemClock};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use crate::Core;
use crate::commands::blocking;

type Res<T> = Result<T, IpcError>;

/// What a backup file holds, shown before the officer confirms a restore.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BackupPreview {
    /// When it was made (RFC 3339).
    pub created_at: String,
    pub contents: Contents,
}

/// An automatic copy that opens, with what it holds.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct GoodBackup {
    pub backup: DailyBackup,
    pub contents: Contents,
}

/// Writes the whole profile to `path`; progress goes to `on_progress`.
#[tauri::command]
#[specta::specta]
pub async fn backup_to(
    core: State<'_, Core>,
    path: PathBuf,
    on_progress: Channel<BackupProgress>,
) -> Res<BackupSummary> {
    let store = core.shared_store()?;
    blocking(move || {
        store.backups().write_archive(&path, |p| {
            // A closed window only means nobody is watching the progress any more.
            let _ = on_progress.send(p);
        })
    })
    .await
}

/// The automatic daily copies, newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_backups(core: State<'_, Core>) -> Res<Vec<DailyBackup>> {
    Ok(core.store()?.backups().list()?)
}

/// What the backup at `path` says it holds (its checksums are checked by the restore).
#[tauri::command]
#[specta::specta]
pub async fn inspect_backup(path: PathBuf) -> Res<BackupPreview> {
    blocking(move || {
        restore::inspect(&path).map(|m| BackupPreview {
            created_at: m.created_at,
            contents: m.contents,
        })
    })
    .await
}

/// Checks the backup at `path` in full and unpacks it beside the profile, then restarts Loa,
/// which swaps it in before opening the profile. On any error nothing changed.
#[tauri::command]
#[specta::specta]
pub async fn restore_backup(app: AppHandle, core: State<'_, Core>, path: PathBuf) -> Res<()> {
    let dir = core.data_dir.clone();
    blocking(move || restore::stage(&path, &dir)?.defer(&dir)).await?;
    core.publish.stop();
    app.restart()
}

/// When the profile could not be opened: the newest automatic copy that opens, if any.
#[tauri::command]
#[specta::specta]
pub async fn newest_good_backup(core: State<'_, Core>) -> Res<Option<GoodBackup>> {
    let dir = core.data_dir.clone();
    blocking(move || {
        Ok(daily::newest_good(&dir)?.map(|(backup, contents)| GoodBackup { backup, contents }))
    })
    .await
}

/// Puts the automatic copy `file` in place of the damaged database (only when the profile could
/// not be opened), then restarts Loa on it.
#[tauri::command]
#[specta::specta]
pub async fn restore_daily_backup(app: AppHandle, core: State<'_, Core>, file: PathBuf) -> Res<()> {
    if core.store.is_ok() {
        return Err(loa_core::LoaError::Backup {
            path: core.data_dir.clone(),
            problem: loa_core::backup::BackupProblem::Swap,
            detail: "the profile is open".into(),
        }
        .into());
    }
    let dir = core.data_dir.clone();
    blocking(move || daily::restore_copy(&dir, &file, &SystemClock)).await?;
    app.restart()
}
