//! A fault inside `loa` (a bug, or a library that panicked) ends with one translated line on
//! stderr, as every other error does, and the details — message, place, backtrace — go to
//! `crash.log` in the profile folder (private, like the database), where support can read them.
//! A panic on another thread (the publishing worker) is logged only: the command that owns the
//! thread reports it in its own words.

use std::io::Write;
use std::path::{Path, PathBuf};

use loa_core::Localizer;

/// The log file in the profile folder.
pub const LOG_FILE: &str = "crash.log";

/// The environment variable that makes a debug build panic on purpose (the test of this hook);
/// release builds ignore it.
#[cfg(debug_assertions)]
const PANIC_ENV: &str = "LOA_DEBUG_PANIC";

/// Installs the hook. The line is rendered now: the hook may run on any thread and the
/// localizer stays on this one.
pub fn install(l10n: &Localizer, profile: PathBuf) {
    let log = profile.join(LOG_FILE);
    let line = l10n
        .msg_with("cli-panic", &[("log", log.display().to_string())])
        .replace(['\n', '\r'], " ");
    let unlogged = l10n.msg("cli-panic-unlogged").replace(['\n', '\r'], " ");
    std::panic::set_hook(Box::new(move |info| {
        let logged = write_log(&profile, &log, info).is_ok();
        if std::thread::current().name() == Some("main") {
            // Not even the log could be written: no path that would send support nowhere.
            eprintln!("loa: {}", if logged { &line } else { &unlogged });
        }
    }));
    #[cfg(debug_assertions)]
    if std::env::var_os(PANIC_ENV).is_some() {
        panic!("{PANIC_ENV} is set");
    }
}

fn write_log(
    profile: &Path,
    log: &Path,
    info: &std::panic::PanicHookInfo<'_>,
) -> std::io::Result<()> {
    loa_core::privacy::create_profile_dir(profile)?;
    loa_core::privacy::create_private_file(log)?;
    let mut file = std::fs::OpenOptions::new().append(true).open(log)?;
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
        "--- {} loa {} thread {:?}\n{message}\nat {place}\n{}",
        loa_core::clock::format_ts(chrono::Utc::now()),
        env!("CARGO_PKG_VERSION"),
        std::thread::current().name().unwrap_or("?"),
        std::backtrace::Backtrace::force_capture()
    )?;
    file.sync_all()
}
