//! A fault inside `loa` (a bug, or a library that panicked) ends with one translated line on
//! stderr, as every other error does, and the details — message, place, backtrace — go to
//! `crash.log` in the profile folder (private, like the database), where support can read them.
//! A panic on another thread (the publishing worker) is logged only: the command that owns the
//! thread reports it in its own words.

use std::path::PathBuf;

use loa_core::Localizer;
use loa_core::crash;

/// The environment variable that makes a debug build panic on purpose (the test of this hook);
/// release builds ignore it.
#[cfg(debug_assertions)]
const PANIC_ENV: &str = "LOA_DEBUG_PANIC";

/// Installs the hook. The line is rendered now: the hook may run on any thread and the
/// localizer stays on this one.
pub fn install(l10n: &Localizer, profile: PathBuf) {
    let log = crash::log_path(&profile);
    let line = l10n
        .msg_with("cli-panic", &[("log", log.display().to_string())])
        .replace(['\n', '\r'], " ");
    let unlogged = l10n.msg("cli-panic-unlogged").replace(['\n', '\r'], " ");
    std::panic::set_hook(Box::new(move |info| {
        let logged = crash::write_log(&profile, "loa", info).is_ok();
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
