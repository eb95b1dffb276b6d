//! "Back up to…": the whole profile in one zip file.
//!
//! Inside: `loa.db` (a consistent `VACUUM INTO` copy: drafts, templates, settings, channels and
//! the queue), `files/<folder>/…` for each of [`PROFILE_FOLDERS`], and `manifest.json` last,
//! listing every other entry with its size and SHA-256. Photos are stored as they are (they do
//! not compress); the database is deflated. The file is written beside its destination under
//! a temporary name, flushed to disk, and renamed only when complete, so a USB stick pulled out
//! halfway never leaves something that looks like a backup.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::{BackupProblem, Backups, Contents, backup_err, open_checked};
use crate::Result;

/// The profile's folders a backup carries, relative to the profile: the photo library (with
/// the commune's logo and thumbnails), the prepared renditions, and the queue's own copies of
/// its files. Listed rather than "everything but…", so a credentials file is never included.
pub const PROFILE_FOLDERS: &[&str] = &[
    crate::media::MEDIA_DIR,
    crate::media::prepare::PREPARED_DIR,
    crate::publishing::outbox::OUTBOX_FILES_DIR,
];

/// The manifest's own name, and the database's, inside the zip.
pub const MANIFEST_ENTRY: &str = "manifest.json";
pub const DB_ENTRY: &str = "loa.db";
/// Where the profile's files sit inside the zip.
pub const FILES_PREFIX: &str = "files/";

/// The format of this file; a reader refuses a higher one.
pub const FORMAT: u32 = 1;

/// What `manifest.json` says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// The Loa that wrote it.
    pub loa_version: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// The profile folder it was made from: the database keeps absolute paths of files inside
    /// the profile, which a restore elsewhere (a new laptop) moves to the new folder.
    #[serde(default)]
    pub profile_dir: String,
    pub contents: Contents,
    /// Every entry but the manifest, in the zip's order.
    pub files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    /// The entry's name in the zip (`loa.db`, `files/media/ab/ab…jpg`).
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

/// Progress of "Back up to…", in bytes of the profile read so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
pub struct BackupProgress {
    pub done_bytes: u64,
    pub total_bytes: u64,
}

/// A finished backup, as the command line prints it (`--json`) and the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct BackupSummary {
    pub file: PathBuf,
    /// The backup file's size.
    pub bytes: u64,
    pub drafts: u32,
    pub media: u32,
    pub templates: u32,
    pub queue: u32,
    /// SHA-256 of the whole backup file, to compare a copy with.
    pub sha256: String,
    pub created_at: String,
}

/// Streams `reader` into `out` while hashing it; returns (bytes, hex SHA-256).
pub(crate) fn copy_hashed(
    mut reader: impl Read,
    mut out: impl Write,
    mut on_bytes: impl FnMut(u64),
) -> std::io::Result<(u64, String)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut total = 0u64;
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n])?;
        total += n as u64;
        on_bytes(n as u64);
    }
    Ok((total, hex(&hasher.finalize())))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of a file.
pub fn file_sha256(path: &Path) -> std::io::Result<String> {
    Ok(copy_hashed(File::open(path)?, std::io::sink(), |_| {})?.1)
}

/// Every regular file under the profile's [`PROFILE_FOLDERS`], as (zip entry name, path, size),
/// in a stable order. Symbolic links are not followed.
fn profile_files(profile: &Path) -> Result<Vec<(String, PathBuf, u64)>> {
    let mut out = Vec::new();
    for folder in PROFILE_FOLDERS {
        let root = profile.join(folder);
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            let entries = match std::fs::read_dir(&dir) {
                Ok(e) => e,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(backup_err(&dir, BackupProblem::Write, e)),
            };
            for entry in entries {
                let entry = entry.map_err(|e| backup_err(&dir, BackupProblem::Write, e))?;
                let kind = entry
                    .file_type()
                    .map_err(|e| backup_err(&entry.path(), BackupProblem::Write, e))?;
                let path = entry.path();
                if kind.is_dir() {
                    stack.push(path);
                } else if kind.is_file() {
                    let rel = path
                        .strip_prefix(profile)
                        .map_err(|e| backup_err(&path, BackupProblem::Write, e))?;
                    let Some(name) = entry_name(rel) else {
                        continue;
                    };
                    let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
                    out.push((format!("{FILES_PREFIX}{name}"), path, size));
                }
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// A relative path as a zip entry name (`/`-separated); `None` for names that are not Unicode.
fn entry_name(rel: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

impl Backups<'_> {
    /// Writes the whole profile to `out` (replacing it if it exists), reporting progress.
    pub fn write_archive(
        &self,
        out: &Path,
        mut progress: impl FnMut(BackupProgress),
    ) -> Result<BackupSummary> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let werr = |e: &dyn std::fmt::Display| backup_err(out, BackupProblem::Write, e);
        // The database first, into a scratch folder beside the destination.
        let scratch = tempfile::Builder::new()
            .prefix(".loa-backup-")
            .tempdir_in(parent)
            .map_err(|e| werr(&e))?;
        let db_copy = scratch.path().join(DB_ENTRY);
        self.snapshot_db(&db_copy)?;
        let contents = Contents::read(&open_checked(&db_copy)?)?;

        let files = profile_files(self.store.dir())?;
        let db_bytes = std::fs::metadata(&db_copy).map_err(|e| werr(&e))?.len();
        let total_bytes = db_bytes + files.iter().map(|f| f.2).sum::<u64>();
        let mut done_bytes = 0u64;
        progress(BackupProgress {
            done_bytes,
            total_bytes,
        });

        let tmp = tempfile::Builder::new()
            .prefix(".loa-backup-")
            .suffix(".partial")
            .tempfile_in(parent)
            .map_err(|e| werr(&e))?;
        let mut zip = ZipWriter::new(BufWriter::new(tmp.reopen().map_err(|e| werr(&e))?));
        let mut manifest_files = Vec::with_capacity(files.len() + 1);
        let deflated = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .large_file(true);
        let stored = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .large_file(true);
        let entries = std::iter::once((DB_ENTRY.to_owned(), db_copy.clone(), deflated)).chain(
            files
                .into_iter()
                .map(|(name, path, _)| (name, path, stored)),
        );
        for (name, path, options) in entries {
            let source =
                File::open(&path).map_err(|e| backup_err(&path, BackupProblem::Write, e))?;
            zip.start_file(name.as_str(), options)
                .map_err(|e| werr(&e))?;
            let (bytes, sha256) = copy_hashed(source, &mut zip, |n| {
                done_bytes += n;
                progress(BackupProgress {
                    done_bytes,
                    total_bytes: total_bytes.max(done_bytes),
                });
            })
            .map_err(|e| werr(&e))?;
            manifest_files.push(ManifestFile {
                path: name,
                bytes,
                sha256,
            });
        }
        let created_at = crate::clock::format_ts(self.store.clock().now());
        let manifest = Manifest {
            format: FORMAT,
            loa_version: env!("CARGO_PKG_VERSION").to_owned(),
            created_at: created_at.clone(),
            profile_dir: self.store.dir().display().to_string(),
            contents,
            files: manifest_files,
        };
        zip.start_file(MANIFEST_ENTRY, deflated)
            .map_err(|e| werr(&e))?;
        let json = serde_json::to_vec_pretty(&manifest).map_err(|e| werr(&e))?;
        zip.write_all(&json).map_err(|e| werr(&e))?;
        let mut writer = zip.finish().map_err(|e| werr(&e))?;
        writer.flush().map_err(|e| werr(&e))?;
        let file = writer.into_inner().map_err(|e| werr(e.error()))?;
        file.sync_all().map_err(|e| werr(&e))?;
        drop(file);

        let mut check = tmp.reopen().map_err(|e| werr(&e))?;
        check.rewind().map_err(|e| werr(&e))?;
        let (bytes, sha256) = copy_hashed(check, std::io::sink(), |_| {}).map_err(|e| werr(&e))?;
        tmp.persist(out).map_err(|e| werr(&e.error))?;
        // The rename itself reaches the disk only with its folder.
        if let Ok(dir) = File::open(parent) {
            let _ = dir.sync_all();
        }
        Ok(BackupSummary {
            file: out.to_path_buf(),
            bytes,
            drafts: contents.drafts,
            media: contents.media,
            templates: contents.templates,
            queue: contents.queue,
            sha256,
            created_at,
        })
    }
}
