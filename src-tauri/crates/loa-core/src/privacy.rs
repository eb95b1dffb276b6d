//! The profile belongs to its officer alone: drafts hold names, addresses and telephone
//! numbers of the commune's people. On Unix the profile folder is `0700` and the database with
//! its `-wal`/`-shm` companions and copies (`loa.db*`) are `0600`, set when they are created
//! and corrected each time the profile is opened (a folder made by an older Loa, a file copied
//! in by hand, a restored backup).
//!
//! Windows: the profile lives under `%APPDATA%`, whose access list already admits only the
//! user, the administrators and SYSTEM; files created inside inherit it, so nothing is changed
//! there.

use std::io;
use std::path::Path;

/// Mode of the profile folder (Unix).
#[cfg(unix)]
const DIR_MODE: u32 = 0o700;
/// Mode of the database files (Unix).
#[cfg(unix)]
const FILE_MODE: u32 = 0o600;

/// Creates the profile folder (and its parents) if needed; the folder itself only its owner
/// may enter.
pub fn create_profile_dir(dir: &Path) -> io::Result<()> {
    if !dir.is_dir() {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(DIR_MODE);
        }
        builder.create(dir)?;
    }
    set_mode(dir, true)
}

/// Creates `path` empty and private if it does not exist, so SQLite (which gives the `-wal`
/// and `-shm` files the mode of the database) never makes a readable one.
pub fn create_private_file(path: &Path) -> io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(FILE_MODE);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Corrects the folder and every `loa.db*` file in it. Best effort: a folder or a file that
/// belongs to another account (a copy made by an administrator) is left as it is rather than
/// keeping the officer out of their drafts.
pub fn correct_profile(dir: &Path, db_file: &str) {
    let _ = set_mode(dir, true);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let is_db = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(db_file));
        // `file_type` does not follow links: a link is never made to point somewhere else's mode.
        if is_db && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = set_mode(&entry.path(), false);
        }
    }
}

#[cfg(unix)]
fn set_mode(path: &Path, dir: bool) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let want = if dir { DIR_MODE } else { FILE_MODE };
    let current = std::fs::symlink_metadata(path)?.permissions().mode() & 0o777;
    // Only ever take permissions away: a folder the officer made 0750 for a backup tool of their
    // own becomes 0700, never 0755.
    if current & !want != 0 {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(current & want))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _dir: bool) -> io::Result<()> {
    Ok(())
}
