//! Where a fault inside Loa (a bug, or a library that panicked) is written down: `crash.log` in
//! the profile folder, private like the database, with the message, the place and a backtrace
//! for support. The command line and the window each install a panic hook that writes here and
//! then tell the officer in their own way; neither ever shows a backtrace.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The log file in the profile folder.
pub const LOG_FILE: &str = "crash.log";

/// `<profile>/crash.log`.
pub fn log_path(profile: &Path) -> PathBuf {
    profile.join(LOG_FILE)
}

/// Appends one panic to the profile's log (`program`: `loa` or `loa-app`).
pub fn write_log(
    profile: &Path,
    program: &str,
    info: &std::panic::PanicHookInfo<'_>,
) -> std::io::Result<()> {
    let log = log_path(profile);
    crate::privacy::create_profile_dir(profile)?;
    crate::privacy::create_private_file(&log)?;
    let mut file = std::fs::OpenOptions::new().append(true).open(&log)?;
    let place = info
        .location()
        .map(|l| format!("{}:{}", l.file(), l.line()))
        .unwrap_or_default();
    let message = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_default();
    writeln!(
        file,
        "--- {} {program} {} thread {:?}\n{message}\nat {place}\n{}",
        crate::clock::format_ts(chrono::Utc::now()),
        env!("CARGO_PKG_VERSION"),
        std::thread::current().name().unwrap_or("?"),
        std::backtrace::Backtrace::force_capture()
    )?;
    file.sync_all()
}
