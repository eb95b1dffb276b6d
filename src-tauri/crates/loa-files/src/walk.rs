//! Walking a folder the officer named: regular files only, symbolic links never followed, a cap
//! on the entries looked at and on the depth. A folder holding `l1 -> .` ends like any other.

use std::path::{Path, PathBuf};

use crate::limits::{WALK_MAX_DEPTH, WALK_MAX_ENTRIES};
use crate::{FileError, FileKind};

/// How far a walk may go. [`Walk::default`] takes the caps of [`crate::limits`] and leaves
/// hidden entries (names starting with `.`) out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Walk {
    /// Entries read (files, folders, links, hidden ones included) before the walk gives up.
    pub max_entries: usize,
    /// Folders below the root the walk may enter.
    pub max_depth: usize,
    /// Whether `.hidden` files and folders are included.
    pub hidden: bool,
}

impl Default for Walk {
    fn default() -> Self {
        Self {
            max_entries: WALK_MAX_ENTRIES,
            max_depth: WALK_MAX_DEPTH,
            hidden: false,
        }
    }
}

/// Why an entry was left out of a walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skipped {
    /// A symbolic link (or a Windows junction): never followed, so no loop.
    Link,
    /// A FIFO, device or socket.
    NotAFile(FileKind),
    /// A folder or file that could not be looked at.
    Unreadable(FileError),
}

/// What a walk found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walked {
    /// Regular files, in path order (names compared byte by byte).
    pub files: Vec<PathBuf>,
    /// Entries left out, with the reason, for a report.
    pub skipped: Vec<(PathBuf, Skipped)>,
}

impl Walk {
    /// Walks `root`. A root that is a regular file is a walk of one file. The root itself may be
    /// a link the officer chose (it is followed); nothing below it is.
    pub fn run(&self, root: &Path) -> Result<Walked, FileError> {
        let meta = std::fs::metadata(root).map_err(|e| FileError::from_io(root, &e))?;
        let mut out = Walked::default();
        if meta.is_file() {
            out.files.push(root.to_path_buf());
            return Ok(out);
        }
        if !meta.is_dir() {
            return Err(FileError::NotAFile {
                path: root.to_path_buf(),
                kind: FileKind::of(meta.file_type()),
            });
        }
        let mut seen = 0usize;
        // Depth-first with an explicit stack: no recursion, so depth costs no native stack.
        let mut stack: Vec<(PathBuf, usize)> = vec![(root.to_path_buf(), 0)];
        while let Some((dir, depth)) = stack.pop() {
            let entries = match std::fs::read_dir(&dir) {
                Ok(e) => e,
                Err(e) if dir == root => return Err(FileError::from_io(&dir, &e)),
                Err(e) => {
                    let err = FileError::from_io(&dir, &e);
                    out.skipped.push((dir, Skipped::Unreadable(err)));
                    continue;
                }
            };
            let mut children = Vec::new();
            for entry in entries {
                seen += 1;
                if seen > self.max_entries {
                    return Err(FileError::TooManyEntries {
                        path: root.to_path_buf(),
                        limit: self.max_entries,
                    });
                }
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        let err = FileError::from_io(&dir, &e);
                        out.skipped.push((dir.clone(), Skipped::Unreadable(err)));
                        continue;
                    }
                };
                let path = entry.path();
                if !self.hidden && entry.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                // DirEntry::file_type does not follow links.
                match entry.file_type() {
                    Ok(t) => children.push((path, t)),
                    Err(e) => {
                        let err = FileError::from_io(&path, &e);
                        out.skipped.push((path, Skipped::Unreadable(err)));
                    }
                }
            }
            children.sort_by(|a, b| a.0.cmp(&b.0));
            let mut subdirs = Vec::new();
            for (path, t) in children {
                if t.is_symlink() {
                    out.skipped.push((path, Skipped::Link));
                } else if t.is_dir() {
                    if depth + 1 > self.max_depth {
                        return Err(FileError::TooDeep {
                            path,
                            limit: self.max_depth,
                        });
                    }
                    subdirs.push(path);
                } else if t.is_file() {
                    out.files.push(path);
                } else {
                    out.skipped.push((path, Skipped::NotAFile(FileKind::of(t))));
                }
            }
            // Reversed so the first folder in name order is walked next.
            stack.extend(subdirs.into_iter().rev().map(|p| (p, depth + 1)));
        }
        out.files.sort();
        Ok(out)
    }
}
