//! Why a file from outside was not read. Each variant has a stable code and a Fluent message id
//! `file-error-<code>` in `locales/*/files.ftl`; the OS's own (English) words are kept out of the
//! message and only appear in `Display`, for logs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a path turned out to be when it should have been a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Folder,
    /// A FIFO (named pipe): reading it waits for a writer, possibly forever.
    Pipe,
    /// A character or block device (`/dev/zero`, a disk): endless or huge.
    Device,
    Socket,
    Other,
}

impl FileKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Folder => "folder",
            FileKind::Pipe => "pipe",
            FileKind::Device => "device",
            FileKind::Socket => "socket",
            FileKind::Other => "other",
        }
    }

    pub(crate) fn of(ft: std::fs::FileType) -> FileKind {
        if ft.is_dir() {
            return FileKind::Folder;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if ft.is_fifo() {
                return FileKind::Pipe;
            }
            if ft.is_char_device() || ft.is_block_device() {
                return FileKind::Device;
            }
            if ft.is_socket() {
                return FileKind::Socket;
            }
        }
        FileKind::Other
    }
}

/// A file that could not be read, or a folder that could not be walked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("{path} does not exist")]
    NotFound { path: PathBuf },
    #[error("{path} is a {}, not a regular file", kind.as_str())]
    NotAFile { path: PathBuf, kind: FileKind },
    #[error("{path} is larger than {limit_mb} MB")]
    TooLarge { path: PathBuf, limit_mb: u64 },
    #[error("{path} changed while it was being opened")]
    Changed { path: PathBuf },
    #[error("no permission to read {path}")]
    NoPermission { path: PathBuf },
    #[error("cannot read {path}: {detail}")]
    Unreadable { path: PathBuf, detail: String },
    #[error("{path} holds more than {limit} files and folders")]
    TooManyEntries { path: PathBuf, limit: usize },
    #[error("{path} has folders nested more than {limit} deep")]
    TooDeep { path: PathBuf, limit: usize },
}

impl FileError {
    pub const CODES: [&'static str; 8] = [
        "not_found",
        "not_a_file",
        "too_large",
        "changed",
        "no_permission",
        "unreadable",
        "too_many_entries",
        "too_deep",
    ];

    /// The stable, machine-readable name.
    pub fn code(&self) -> &'static str {
        match self {
            FileError::NotFound { .. } => "not_found",
            FileError::NotAFile { .. } => "not_a_file",
            FileError::TooLarge { .. } => "too_large",
            FileError::Changed { .. } => "changed",
            FileError::NoPermission { .. } => "no_permission",
            FileError::Unreadable { .. } => "unreadable",
            FileError::TooManyEntries { .. } => "too_many_entries",
            FileError::TooDeep { .. } => "too_deep",
        }
    }

    /// `file-error-<code with dashes>`.
    pub fn message_id(&self) -> String {
        format!("file-error-{}", self.code().replace('_', "-"))
    }

    pub fn path(&self) -> &Path {
        match self {
            FileError::NotFound { path }
            | FileError::NotAFile { path, .. }
            | FileError::TooLarge { path, .. }
            | FileError::Changed { path }
            | FileError::NoPermission { path }
            | FileError::Unreadable { path, .. }
            | FileError::TooManyEntries { path, .. }
            | FileError::TooDeep { path, .. } => path,
        }
    }

    /// The Fluent arguments: always `path`; `kind`, `limit` where they apply. The OS's detail is
    /// left out on purpose (it is English).
    pub fn args(&self) -> BTreeMap<String, String> {
        let mut a = BTreeMap::from([("path".to_owned(), self.path().display().to_string())]);
        match self {
            FileError::NotAFile { kind, .. } => {
                a.insert("kind".to_owned(), kind.as_str().to_owned());
            }
            FileError::TooLarge { limit_mb, .. } => {
                a.insert("limit".to_owned(), limit_mb.to_string());
            }
            FileError::TooManyEntries { limit, .. } | FileError::TooDeep { limit, .. } => {
                a.insert("limit".to_owned(), limit.to_string());
            }
            _ => {}
        }
        a
    }

    /// An I/O error met while reading `path`, sorted into the variants above.
    pub fn from_io(path: &Path, e: &std::io::Error) -> FileError {
        let path = path.to_path_buf();
        match e.kind() {
            std::io::ErrorKind::NotFound => FileError::NotFound { path },
            std::io::ErrorKind::PermissionDenied => FileError::NoPermission { path },
            std::io::ErrorKind::IsADirectory => FileError::NotAFile {
                path,
                kind: FileKind::Folder,
            },
            _ => FileError::Unreadable {
                path,
                detail: e.to_string(),
            },
        }
    }
}
