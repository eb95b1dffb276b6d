//! One lock file per profile. Every open [`crate::Store`] holds it shared; a restore, which
//! replaces the whole profile folder, takes it exclusively first, so it never swaps a profile
//! that the window or `loa sync` is still writing (their writes would land in the folder set
//! aside and be lost to the officer).
//!
//! The lock is advisory and best effort: a profile whose folder cannot hold the lock file (a
//! read-only medium) still opens, as it did before the lock existed.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

/// The lock file inside the profile folder (never part of a backup: see `backup::restore`).
pub const LOCK_FILE: &str = ".loa.lock";

/// How long a restore waits for other Loa processes to let go: a window restarting for the
/// restore closes within a second or two; one still open after this is really in use.
const EXCLUSIVE_PATIENCE: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(100);

fn open(dir: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK_FILE))
}

/// The shared hold of an open profile; `None` when the lock file cannot be made.
pub(crate) fn shared(dir: &Path) -> Option<File> {
    let file = open(dir).ok()?;
    // Blocks only while a restore swaps the folder, which takes seconds at most.
    file.lock_shared().ok()?;
    Some(file)
}

/// What an exclusive hold attempt found.
pub(crate) enum Exclusive {
    /// Nobody else has the profile open; the hold lasts as long as the file.
    Held(File),
    /// Another Loa process kept the profile open for the whole patience.
    InUse,
    /// The lock file cannot be made here; nothing is known either way.
    Unavailable,
}

/// Waits up to [`EXCLUSIVE_PATIENCE`] for every other hold on the profile in `dir` to end.
pub(crate) fn exclusive(dir: &Path) -> Exclusive {
    let Ok(file) = open(dir) else {
        return Exclusive::Unavailable;
    };
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Exclusive::Held(file),
            Err(TryLockError::WouldBlock) if started.elapsed() < EXCLUSIVE_PATIENCE => {
                std::thread::sleep(POLL)
            }
            Err(TryLockError::WouldBlock) => return Exclusive::InUse,
            Err(TryLockError::Error(_)) => return Exclusive::Unavailable,
        }
    }
}
