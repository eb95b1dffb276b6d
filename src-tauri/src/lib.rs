//! The Loa desktop shell: opens the profile, registers the commands and starts the window.
//! Logic lives in `loa-core`; the commands in [`commands`] are one-line adapters over it.

pub mod commands;

use std::path::PathBuf;
use std::time::Instant;

use loa_core::{IpcError, Store, paths};

/// What the commands share: the profile's store (or why it could not be opened, which the UI shows
/// instead of a blank window) and the start time for the start-up probe.
#[derive(Debug)]
pub struct Core {
    store: Result<Store, IpcError>,
    started: Instant,
}

impl Core {
    pub fn store(&self) -> Result<&Store, IpcError> {
        self.store.as_ref().map_err(Clone::clone)
    }
}

/// `--data-dir DIR` (or `--data-dir=DIR`) from the command line, if given.
fn data_dir_arg(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        if a == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(v) = a.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(v));
        }
    }
    None
}

/// Starts the app. Blocks until the last window closes.
pub fn run() {
    let started = Instant::now();
    let dir = paths::resolve_data_dir(data_dir_arg(std::env::args().skip(1)).as_deref());
    let store = Store::open(&dir).map_err(IpcError::from);
    if let Err(e) = &store {
        eprintln!("loa: cannot open the profile in {}: {e}", dir.display());
    }
    let builder = commands::specta_builder();
    let result = tauri::Builder::default()
        .manage(Core { store, started })
        .invoke_handler(builder.invoke_handler())
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("loa: the window could not start: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_dir_is_read_from_args() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            data_dir_arg(args(&["--data-dir", "/tmp/x"])),
            Some(PathBuf::from("/tmp/x"))
        );
        assert_eq!(
            data_dir_arg(args(&["--data-dir=/tmp/y"])),
            Some(PathBuf::from("/tmp/y"))
        );
        assert_eq!(data_dir_arg(args(&["--other"])), None);
    }

    #[test]
    fn identifier_matches_the_core() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).expect("valid JSON");
        assert_eq!(conf["identifier"], paths::APP_IDENTIFIER);
    }
}
