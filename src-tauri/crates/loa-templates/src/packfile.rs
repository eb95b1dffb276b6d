//! A pack as one file: a zip with `pack.json` at its root, the templates' folders and the shared
//! files. Officers pass these around by USB stick and Zalo, so reading one trusts nothing: names
//! that would escape the pack, symbolic links and zip bombs are refused.

use std::io::{Cursor, Read, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::pack::{FileMap, MAX_PACK_BYTES, MAX_PACK_FILES, PACK_MANIFEST, normalize_path};
use crate::{Pack, TemplateError};

/// The extension Loa gives pack files (they are plain zips).
pub const PACK_EXTENSION: &str = "zip";

impl Pack {
    /// Reads a pack file: a regular file of at most `Cap::PackFile` (never a FIFO or a
    /// device such as `/dev/zero`).
    pub fn from_zip_file(path: &Path) -> Result<Self, TemplateError> {
        let bytes = loa_files::read(path, loa_files::Cap::PackFile).map_err(|e| match e {
            loa_files::FileError::TooLarge { .. } => TemplateError::PackTooLarge {
                limit_mb: loa_files::Cap::PackFile.megabytes(),
            },
            other => TemplateError::File(other),
        })?;
        Self::from_zip_bytes(&bytes, &path.display().to_string())
    }

    /// Reads a pack from the bytes of a zip; `name` is used in messages. A zip whose files all
    /// sit in one folder (as made by "compress folder") is read as if they were at its root.
    pub fn from_zip_bytes(bytes: &[u8], name: &str) -> Result<Self, TemplateError> {
        let zip_err = |e: zip::result::ZipError| TemplateError::PackZip {
            path: name.to_owned(),
            detail: e.to_string(),
        };
        let too_large = || TemplateError::PackTooLarge {
            limit_mb: MAX_PACK_BYTES / (1024 * 1024),
        };
        let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(zip_err)?;
        let mut files = FileMap::new();
        let mut total = 0u64;
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).map_err(zip_err)?;
            if entry.is_dir() {
                continue;
            }
            let raw = entry.name().map_err(zip_err)?.into_owned();
            if entry.is_symlink() {
                return Err(TemplateError::PackUnsafePath { path: raw });
            }
            if is_junk(&raw) {
                continue;
            }
            let path = normalize_path(&raw).ok_or(TemplateError::PackUnsafePath { path: raw })?;
            if files.len() >= MAX_PACK_FILES {
                return Err(too_large());
            }
            // The declared size can lie: read at most what is left of the budget, plus one byte
            // to notice going over it.
            let budget = MAX_PACK_BYTES - total;
            let mut data = Vec::new();
            (&mut entry)
                .take(budget + 1)
                .read_to_end(&mut data)
                .map_err(|e| TemplateError::PackZip {
                    path: name.to_owned(),
                    detail: e.to_string(),
                })?;
            total += data.len() as u64;
            if total > MAX_PACK_BYTES {
                return Err(too_large());
            }
            files.insert(path, data);
        }
        Pack::from_files(strip_single_folder(files))
    }

    /// The pack as zip bytes: `pack.json` first, then every file in path order, deflated. The
    /// same pack always gives the same bytes (no timestamps).
    pub fn to_zip_bytes(&self) -> Result<Vec<u8>, TemplateError> {
        let write_err = |e: &dyn std::fmt::Display| TemplateError::PackWrite {
            path: self.id().to_owned(),
            detail: e.to_string(),
        };
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .unix_permissions(0o644);
        let manifest = self.files().get(PACK_MANIFEST);
        let rest = self
            .files()
            .iter()
            .filter(|(p, _)| *p != PACK_MANIFEST)
            .map(|(p, b)| (p.as_str(), b));
        for (path, bytes) in manifest.map(|b| (PACK_MANIFEST, b)).into_iter().chain(rest) {
            zip.start_file(path, options).map_err(|e| write_err(&e))?;
            zip.write_all(bytes).map_err(|e| write_err(&e))?;
        }
        Ok(zip.finish().map_err(|e| write_err(&e))?.into_inner())
    }

    /// Writes the pack file to `path` (through a temporary file, so a failed write leaves no
    /// half-written pack).
    pub fn write_zip_file(&self, path: &Path) -> Result<(), TemplateError> {
        let bytes = self.to_zip_bytes()?;
        let write_err = |e: std::io::Error| TemplateError::PackWrite {
            path: path.display().to_string(),
            detail: e.to_string(),
        };
        let tmp = path.with_extension("zip.part");
        std::fs::write(&tmp, bytes).map_err(write_err)?;
        std::fs::rename(&tmp, path).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            write_err(e)
        })
    }
}

/// Files that archivers add and that are no part of a pack.
fn is_junk(name: &str) -> bool {
    name.starts_with("__MACOSX/")
        || name
            .rsplit('/')
            .next()
            .is_some_and(|f| f.starts_with('.') || f == "Thumbs.db")
}

/// When every file sits under one folder and `pack.json` is inside it, drops that folder.
fn strip_single_folder(files: FileMap) -> FileMap {
    if files.contains_key(PACK_MANIFEST) {
        return files;
    }
    let Some(first) = files.keys().next().and_then(|p| p.split_once('/')) else {
        return files;
    };
    let prefix = format!("{}/", first.0);
    if !files.keys().all(|p| p.starts_with(&prefix))
        || !files.contains_key(&format!("{prefix}{PACK_MANIFEST}"))
    {
        return files;
    }
    files
        .into_iter()
        .map(|(p, b)| (p[prefix.len()..].to_owned(), b))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_pack::tiny_pack_files;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default();
        for (name, bytes) in entries {
            zip.start_file(*name, options).expect("start");
            zip.write_all(bytes).expect("write");
        }
        zip.finish().expect("finish").into_inner()
    }

    #[test]
    fn a_pack_survives_a_round_trip() {
        let pack = Pack::from_files(tiny_pack_files()).expect("valid");
        let bytes = pack.to_zip_bytes().expect("zip");
        assert_eq!(bytes, pack.to_zip_bytes().expect("zip"), "deterministic");
        let back = Pack::from_zip_bytes(&bytes, "t.zip").expect("reads");
        assert_eq!(back.hash(), pack.hash());

        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("pack.zip");
        pack.write_zip_file(&path).expect("writes");
        assert_eq!(
            Pack::from_zip_file(&path).expect("reads").hash(),
            pack.hash()
        );
    }

    #[test]
    fn a_zipped_folder_is_read_from_inside() {
        let files = tiny_pack_files();
        let entries: Vec<(String, Vec<u8>)> = files
            .iter()
            .map(|(p, b)| (format!("my-pack/{p}"), b.clone()))
            .chain([("__MACOSX/._x".to_owned(), b"junk".to_vec())])
            .collect();
        let refs: Vec<(&str, &[u8])> = entries
            .iter()
            .map(|(p, b)| (p.as_str(), b.as_slice()))
            .collect();
        let pack = Pack::from_zip_bytes(&zip_of(&refs), "t.zip").expect("reads");
        assert_eq!(pack.templates().len(), 2);
    }

    #[test]
    fn escaping_names_are_refused() {
        for bad in ["../evil.typ", "/etc/passwd", "a/../../evil", "c:\\x"] {
            let mut entries: Vec<(String, Vec<u8>)> = tiny_pack_files().into_iter().collect();
            entries.push((bad.to_owned(), b"x".to_vec()));
            let refs: Vec<(&str, &[u8])> = entries
                .iter()
                .map(|(p, b)| (p.as_str(), b.as_slice()))
                .collect();
            assert!(
                matches!(
                    Pack::from_zip_bytes(&zip_of(&refs), "t.zip"),
                    Err(TemplateError::PackUnsafePath { .. })
                ),
                "{bad}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_pipes_are_refused_without_reading() {
        use loa_files::{FileError, FileKind};
        assert!(matches!(
            Pack::from_zip_file(Path::new("/dev/zero")),
            Err(TemplateError::File(FileError::NotAFile {
                kind: FileKind::Device,
                ..
            }))
        ));
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("pack.zip");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let e = Pack::from_zip_file(&fifo).expect_err("a FIFO is no pack");
        assert_eq!(e.message_id(), "file-error-not-a-file");
        assert_eq!(e.args()["kind"], "pipe");
    }

    #[test]
    fn not_a_zip_is_a_clear_error() {
        assert!(matches!(
            Pack::from_zip_bytes(b"hello", "t.zip"),
            Err(TemplateError::PackZip { .. })
        ));
    }

    #[test]
    fn a_zip_bomb_stops_at_the_limit() {
        // 65 MB of zeros deflate to about 64 KB.
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for (p, b) in tiny_pack_files() {
            zip.start_file(p, options).expect("start");
            zip.write_all(&b).expect("write");
        }
        zip.start_file("notice/big.bin", options).expect("start");
        let chunk = vec![0u8; 1024 * 1024];
        for _ in 0..65 {
            zip.write_all(&chunk).expect("write");
        }
        let bytes = zip.finish().expect("finish").into_inner();
        assert!(bytes.len() < 2 * 1024 * 1024);
        assert!(matches!(
            Pack::from_zip_bytes(&bytes, "bomb.zip"),
            Err(TemplateError::PackTooLarge { .. })
        ));
    }
}
