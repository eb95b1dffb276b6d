//! "Restore from…": check a backup, unpack it beside the profile, read it back, then swap.
//!
//! Nothing touches the current profile until the backup was checked in full: every entry's
//! SHA-256 against the manifest (a truncated or altered file is refused), the schema version (a
//! backup from a newer Loa is refused), SQLite's own check of the database. The unpacked copy is
//! read back from disk once more before the swap; then the current profile is renamed aside
//! (`<profile>.before-restore-<time>`, never deleted) and the new one renamed into its place.
//! What a backup never holds — the credentials file, the automatic copies, caches — is copied
//! over from the current profile, so the commune stays signed in to its channels.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Component, Path, PathBuf};

use serde::Serialize;
use zip::ZipArchive;

use super::archive::{
    DB_ENTRY, FILES_PREFIX, FORMAT, MANIFEST_ENTRY, Manifest, PROFILE_FOLDERS, copy_hashed,
    file_sha256,
};
use super::{BackupProblem, Contents, backup_err, current_schema, open_checked};
use crate::{Clock, Result};

/// The manifest is small JSON; anything bigger is not ours.
const MAX_MANIFEST_BYTES: u64 = 32 * 1024 * 1024;
/// More entries than any commune's library holds.
const MAX_ENTRIES: usize = 500_000;
/// What a backup may unpack to, in all.
const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024 * 1024;

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RestoreOutcome {
    /// The profile as it was before, kept aside; `None` when there was none.
    pub aside: Option<PathBuf>,
    pub contents: Contents,
    /// When the backup was made (RFC 3339).
    pub created_at: String,
}

/// A backup checked and unpacked beside the profile, ready to swap in.
#[derive(Debug)]
pub struct StagedRestore {
    dir: PathBuf,
    pub manifest: Manifest,
}

fn open_zip(file: &Path) -> Result<ZipArchive<BufReader<File>>> {
    let f = File::open(file).map_err(|e| backup_err(file, BackupProblem::NotABackup, e))?;
    ZipArchive::new(BufReader::new(f)).map_err(|e| backup_err(file, BackupProblem::NotABackup, e))
}

fn read_manifest(file: &Path, zip: &mut ZipArchive<BufReader<File>>) -> Result<Manifest> {
    let entry = zip
        .by_name(MANIFEST_ENTRY)
        .map_err(|e| backup_err(file, BackupProblem::NotABackup, e))?;
    let mut json = Vec::new();
    entry
        .take(MAX_MANIFEST_BYTES + 1)
        .read_to_end(&mut json)
        .map_err(|e| backup_err(file, BackupProblem::Corrupt, e))?;
    if json.len() as u64 > MAX_MANIFEST_BYTES {
        return Err(backup_err(file, BackupProblem::TooLarge, "manifest"));
    }
    let manifest: Manifest = serde_json::from_slice(&json)
        .map_err(|e| backup_err(file, BackupProblem::NotABackup, e))?;
    if manifest.format > FORMAT || manifest.contents.schema > current_schema() {
        return Err(backup_err(
            file,
            BackupProblem::TooNew,
            format!(
                "format {}, schema {} (this Loa reads format {FORMAT}, schema {})",
                manifest.format,
                manifest.contents.schema,
                current_schema()
            ),
        ));
    }
    if manifest.files.len() > MAX_ENTRIES
        || manifest.files.iter().map(|f| f.bytes).sum::<u64>() > MAX_TOTAL_BYTES
    {
        return Err(backup_err(file, BackupProblem::TooLarge, "entries"));
    }
    Ok(manifest)
}

/// Where an entry goes inside the unpacked profile; `None` for a name that is not one a
/// backup writes (absolute, `..`, outside the profile's folders).
fn target_of(name: &str) -> Option<PathBuf> {
    if name == DB_ENTRY {
        return Some(PathBuf::from(crate::paths::DB_FILE));
    }
    let rel = Path::new(name.strip_prefix(FILES_PREFIX)?);
    if name.contains('\\') || !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    PROFILE_FOLDERS
        .iter()
        .any(|f| rel.starts_with(f))
        .then(|| rel.to_path_buf())
}

/// Reads what a backup says it holds, without unpacking it (the restore dialog shows it before
/// the officer confirms). The checksums are checked by [`stage`].
pub fn inspect(file: &Path) -> Result<Manifest> {
    let mut zip = open_zip(file)?;
    read_manifest(file, &mut zip)
}

/// Checks `file` in full and unpacks it into a new folder beside `profile`, then reads every
/// unpacked file back against the manifest and checks the database. The profile is untouched.
pub fn stage(file: &Path, profile: &Path) -> Result<StagedRestore> {
    let mut zip = open_zip(file)?;
    let manifest = read_manifest(file, &mut zip)?;
    let corrupt = |detail: String| backup_err(file, BackupProblem::Corrupt, detail);

    let mut expected: BTreeMap<&str, (u64, &str)> = BTreeMap::new();
    for f in &manifest.files {
        if target_of(&f.path).is_none() || expected.insert(&f.path, (f.bytes, &f.sha256)).is_some()
        {
            return Err(corrupt(format!("unexpected entry {}", f.path)));
        }
    }
    if !expected.contains_key(DB_ENTRY) {
        return Err(corrupt("no database".into()));
    }
    if zip.len() != expected.len() + 1 {
        return Err(corrupt(format!(
            "{} entries, the manifest lists {}",
            zip.len().saturating_sub(1),
            expected.len()
        )));
    }

    let parent = profile
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| backup_err(parent, BackupProblem::Write, e))?;
    let staging = tempfile::Builder::new()
        .prefix(".loa-restore-")
        .tempdir_in(parent)
        .map_err(|e| backup_err(parent, BackupProblem::Write, e))?;

    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| corrupt(e.to_string()))?;
        let name = entry
            .name()
            .map_err(|e| corrupt(e.to_string()))?
            .into_owned();
        if name == MANIFEST_ENTRY {
            continue;
        }
        let (Some(&(bytes, sha256)), Some(rel)) = (expected.get(name.as_str()), target_of(&name))
        else {
            return Err(corrupt(format!("entry {name} is not in the manifest")));
        };
        if entry.is_symlink() || entry.is_dir() {
            return Err(corrupt(format!("entry {name} is not a file")));
        }
        let dest = staging.path().join(&rel);
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir).map_err(|e| backup_err(dir, BackupProblem::Write, e))?;
        }
        let out = File::create(&dest).map_err(|e| backup_err(&dest, BackupProblem::Write, e))?;
        // The declared size can lie: read one byte more than the manifest says.
        let (got, hash) = copy_hashed(entry.take(bytes + 1), &out, |_| {})
            .map_err(|e| corrupt(format!("{name}: {e}")))?;
        out.sync_all()
            .map_err(|e| backup_err(&dest, BackupProblem::Write, e))?;
        if got != bytes || hash != sha256 {
            return Err(corrupt(format!("{name} differs from the manifest")));
        }
    }

    // Read back from the disk: what is swapped in is what was checked.
    for f in &manifest.files {
        let rel = target_of(&f.path).ok_or_else(|| corrupt(f.path.clone()))?;
        let path = staging.path().join(rel);
        let hash = file_sha256(&path).map_err(|e| backup_err(&path, BackupProblem::Write, e))?;
        if hash != f.sha256 {
            return Err(backup_err(
                &path,
                BackupProblem::Write,
                "read back differently",
            ));
        }
    }
    let db = staging.path().join(crate::paths::DB_FILE);
    let contents = Contents::read(&open_checked(&db)?)?;
    if contents != manifest.contents {
        return Err(corrupt("the database differs from the manifest".into()));
    }
    relocate(&db, &manifest.profile_dir, profile)?;
    Ok(StagedRestore {
        dir: staging.keep(),
        manifest,
    })
}

/// Rewrites the absolute paths the database keeps of files inside the profile (prepared photos,
/// the queue's copies, the logo) from the folder the backup was made in to `profile`.
fn relocate(db: &Path, old: &str, profile: &Path) -> Result<()> {
    let new = profile.display().to_string();
    if old.is_empty() || old == new {
        return Ok(());
    }
    let conn =
        rusqlite::Connection::open(db).map_err(|e| backup_err(db, BackupProblem::Write, e))?;
    // Only whole folder names match: `/a/profile` must not move `/a/profile-old/x`.
    let sql = |table: &str, column: &str| {
        format!(
            "UPDATE {table} SET {column} = ?2 || substr({column}, length(?1) + 1)
             WHERE substr({column}, 1, length(?1)) = ?1
               AND substr({column}, length(?1) + 1, 1) IN ('/', '\\')"
        )
    };
    let tx = conn
        .unchecked_transaction()
        .map_err(|e| backup_err(db, BackupProblem::Write, e))?;
    for (table, column) in [
        ("draft_media", "prepared_path"),
        ("outbox_media", "path"),
        ("settings", "value"),
    ] {
        // A database from before a feature's migration has none of its table.
        let exists: bool = tx
            .query_row(
                "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .map_err(|e| backup_err(db, BackupProblem::Write, e))?;
        if exists {
            tx.execute(&sql(table, column), [old, new.as_str()])
                .map_err(|e| backup_err(db, BackupProblem::Write, e))?;
        }
    }
    tx.commit()
        .map_err(|e| backup_err(db, BackupProblem::Write, e))?;
    Ok(())
}

/// Copies `from` (a file or a folder) to `to`.
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    let kind = std::fs::symlink_metadata(from)?.file_type();
    if kind.is_dir() {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
    } else if kind.is_file() {
        std::fs::copy(from, to)?;
    }
    Ok(())
}

/// Whether a top-level name of a profile is something a backup carries (and so must not be
/// copied over from the current profile): the database and its WAL files, and the folders.
fn carried_by_backup(name: &str) -> bool {
    name.starts_with(crate::paths::DB_FILE)
        || PROFILE_FOLDERS
            .iter()
            .any(|f| f.split('/').next() == Some(name))
}

impl StagedRestore {
    /// Where the backup was unpacked.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Puts the unpacked profile in place of `profile`, keeping the current one aside. The
    /// profile must not be open (the app restarts for it).
    pub fn swap(self, profile: &Path, clock: &dyn Clock) -> Result<RestoreOutcome> {
        let swap_err = |p: &Path, e: &dyn std::fmt::Display| backup_err(p, BackupProblem::Swap, e);
        // Nobody may be writing the profile while it is set aside: their writes would be lost.
        let hold = if profile.exists() {
            match crate::lock::exclusive(profile) {
                crate::lock::Exclusive::Held(file) => Some(file),
                crate::lock::Exclusive::InUse => {
                    return Err(backup_err(
                        profile,
                        BackupProblem::InUse,
                        "another Loa has the profile open",
                    ));
                }
                crate::lock::Exclusive::Unavailable => None,
            }
        } else {
            None
        };
        let aside = if profile.exists() {
            // What the backup does not hold stays as this machine has it.
            for entry in std::fs::read_dir(profile).map_err(|e| swap_err(profile, &e))? {
                let entry = entry.map_err(|e| swap_err(profile, &e))?;
                let name = entry.file_name();
                // The lock file belongs to the folder being set aside.
                if name
                    .to_str()
                    .is_some_and(|n| carried_by_backup(n) || n == crate::lock::LOCK_FILE)
                {
                    continue;
                }
                copy_tree(&entry.path(), &self.dir.join(&name))
                    .map_err(|e| swap_err(&entry.path(), &e))?;
            }
            let stamp = clock.now().format("%Y%m%d-%H%M%S");
            let mut name = profile.file_name().unwrap_or_default().to_os_string();
            name.push(format!(".before-restore-{stamp}"));
            let aside = profile.with_file_name(name);
            // Windows does not rename a folder holding an open file; the folder is ours by now.
            drop(hold);
            std::fs::rename(profile, &aside).map_err(|e| swap_err(profile, &e))?;
            Some(aside)
        } else {
            None
        };
        if let Err(e) = std::fs::rename(&self.dir, profile) {
            // Put the current profile back: the officer keeps working as before.
            if let Some(aside) = &aside {
                let _ = std::fs::rename(aside, profile);
            }
            return Err(swap_err(profile, &e));
        }
        Ok(RestoreOutcome {
            aside,
            contents: self.manifest.contents,
            created_at: self.manifest.created_at,
        })
    }

    /// Drops the unpacked copy (the officer cancelled).
    pub fn discard(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A restore checked and unpacked while the profile was open, to swap in at the next start.
#[derive(Debug, Serialize, serde::Deserialize)]
struct Pending {
    dir: PathBuf,
    manifest: Manifest,
}

/// The marker of a pending restore: beside the profile, since the swap moves the profile.
fn pending_marker(profile: &Path) -> PathBuf {
    let mut name = profile.file_name().unwrap_or_default().to_os_string();
    name.push(".restore-pending.json");
    profile.with_file_name(name)
}

impl StagedRestore {
    /// Leaves the swap to the next start of Loa ([`finish_pending`]): the app cannot move a
    /// profile it has open (Windows refuses, and its threads would write to the old one).
    pub fn defer(self, profile: &Path) -> Result<()> {
        let marker = pending_marker(profile);
        let json = serde_json::to_vec(&Pending {
            dir: self.dir.clone(),
            manifest: self.manifest,
        })
        .map_err(|e| backup_err(&marker, BackupProblem::Write, e))?;
        let tmp = marker.with_extension("partial");
        std::fs::write(&tmp, json)
            .and_then(|()| std::fs::rename(&tmp, &marker))
            .map_err(|e| backup_err(&marker, BackupProblem::Write, e))
    }
}

/// At start, before the profile is opened: swaps in a restore [`StagedRestore::defer`] left.
/// `None` when there was none (or its unpacked copy is gone, when the marker is dropped).
pub fn finish_pending(profile: &Path, clock: &dyn Clock) -> Result<Option<RestoreOutcome>> {
    let marker = pending_marker(profile);
    let Ok(bytes) = std::fs::read(&marker) else {
        return Ok(None);
    };
    let Ok(pending) = serde_json::from_slice::<Pending>(&bytes) else {
        let _ = std::fs::remove_file(&marker);
        return Ok(None);
    };
    if !pending.dir.join(crate::paths::DB_FILE).is_file() {
        let _ = std::fs::remove_file(&marker);
        return Ok(None);
    }
    let staged = StagedRestore {
        dir: pending.dir,
        manifest: pending.manifest,
    };
    // The marker goes only once the swap is done: a profile still in use (a `loa sync` left
    // running) keeps the chosen restore for the next start instead of dropping it.
    let done = staged.swap(profile, clock)?;
    let _ = std::fs::remove_file(&marker);
    Ok(Some(done))
}

/// Checks `file` and restores it as `profile` (which must not be open).
pub fn restore(file: &Path, profile: &Path, clock: &dyn Clock) -> Result<RestoreOutcome> {
    let staged = stage(file, profile)?;
    let dir = staged.dir.clone();
    staged.swap(profile, clock).inspect_err(|_| {
        let _ = std::fs::remove_dir_all(&dir);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_a_backup_writes_are_unpacked() {
        assert_eq!(target_of("loa.db"), Some(PathBuf::from("loa.db")));
        assert_eq!(
            target_of("files/media/ab/abc.jpg"),
            Some(PathBuf::from("media/ab/abc.jpg"))
        );
        assert_eq!(
            target_of("files/outbox/files/3/a.jpg"),
            Some(PathBuf::from("outbox/files/3/a.jpg"))
        );
        for bad in [
            "files/../x",
            "files/media/../../x",
            "files//etc/passwd",
            "files/credentials.json",
            "files/media\\..\\x",
            "other",
        ] {
            assert_eq!(target_of(bad), None, "{bad}");
        }
    }
}
