//! Opening and reading one outside file: a regular file or nothing, and never more than its cap.

use std::fs::{File, Metadata, OpenOptions};
use std::io::Read;
use std::path::Path;

use crate::{Cap, FileError, FileKind};

/// Opens `path` for reading only if it is a regular file, and returns it with its length.
///
/// The path is checked without following it (`symlink_metadata`); a symbolic link the caller
/// named is followed once and what it points to must be a regular file too. The file is then
/// opened without blocking (a FIFO swapped in after the check would otherwise wait for a writer
/// forever) and the opened handle is checked again: still a regular file, and the same one
/// (device and inode) that was checked.
pub fn open_regular(path: &Path) -> Result<(File, u64), FileError> {
    let io = |e: std::io::Error| FileError::from_io(path, &e);
    let link = std::fs::symlink_metadata(path).map_err(io)?;
    let checked = if link.file_type().is_symlink() {
        std::fs::metadata(path).map_err(io)?
    } else {
        link
    };
    regular(path, &checked)?;
    let file = options().open(path).map_err(io)?;
    let opened = file.metadata().map_err(io)?;
    regular(path, &opened)?;
    if !same_file(&checked, &opened) {
        return Err(FileError::Changed {
            path: path.to_path_buf(),
        });
    }
    let len = opened.len();
    Ok((file, len))
}

/// Reads the whole of `path` if it is a regular file no larger than `cap`.
pub fn read(path: &Path, cap: Cap) -> Result<Vec<u8>, FileError> {
    read_limited(path, cap.bytes())
}

/// [`read`] with a cap in bytes given by the caller (a tighter budget than the kind's cap, such
/// as what is left of a pack's budget).
pub fn read_limited(path: &Path, max_bytes: u64) -> Result<Vec<u8>, FileError> {
    let too_large = || FileError::TooLarge {
        path: path.to_path_buf(),
        limit_mb: max_bytes.div_ceil(1024 * 1024),
    };
    let (file, len) = open_regular(path)?;
    if len > max_bytes {
        return Err(too_large());
    }
    // The length can change between the check and the read (a file still being copied, or
    // a file under /proc that reports 0): read at most one byte past the cap to notice.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::from_io(path, &e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(bytes)
}

fn regular(path: &Path, meta: &Metadata) -> Result<(), FileError> {
    if meta.is_file() {
        Ok(())
    } else {
        Err(FileError::NotAFile {
            path: path.to_path_buf(),
            kind: FileKind::of(meta.file_type()),
        })
    }
}

#[cfg(unix)]
fn options() -> OpenOptions {
    use std::os::unix::fs::OpenOptionsExt;
    let mut o = OpenOptions::new();
    // O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer (reads of a
    // regular file are not affected). O_NOCTTY: a terminal device never becomes ours.
    o.read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    o
}

#[cfg(not(unix))]
fn options() -> OpenOptions {
    let mut o = OpenOptions::new();
    o.read(true);
    o
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

/// Windows has no FIFOs in the file system and no stable API for a file's id; the handle's own
/// check above (a regular file) is what matters there.
#[cfg(not(unix))]
fn same_file(_: &Metadata, _: &Metadata) -> bool {
    true
}
