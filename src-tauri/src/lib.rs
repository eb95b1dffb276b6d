//! The Loa desktop shell: opens the profile, registers the commands and starts the window.
//! Adapters only: logic lives in `loa-core` (by feature), `loa-publish` (the publishing service,
//! started from setup to exit) and `loa-render`; the commands in [`commands`], [`publish`],
//! [`connect`] (signing in, in a login window of its own), [`templates`] and [`reports`] translate arguments and errors, run slow work through one `blocking` helper and
//! send bytes as one raw-bytes type.

pub mod backup;
pub mod calendar;
pub mod commands;
pub mod connect;
pub mod open;
pub mod profile;
pub mod publish;
pub mod reports;
pub mod share;
pub mod templates;
pub mod videos;

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use loa_core::{IpcError, Store, WatchFolders, paths};
use tauri::{Emitter, Manager};

/// The event that tells the window a watched folder brought in a photo (or failed to).
pub const MEDIA_IMPORTED_EVENT: &str = "media-imported";

/// What the commands share: the profile's store (or why it could not be opened, which the UI shows
/// instead of a blank window), the watch-folder thread and the start time for the start-up probe.
#[derive(Debug)]
pub struct Core {
    store: Result<Arc<Store>, IpcError>,
    watcher: Mutex<Option<WatchFolders>>,
    /// Set to stop the running "prepare for posting" before its next photo.
    prepare_cancel: Mutex<Arc<AtomicBool>>,
    /// The outbox worker and what the publishing commands need of it.
    publish: publish::Publishing,
    /// Template renders run in sandboxed worker processes (this executable started as
    /// `__render-worker`, with a time, memory and stack limit): a hostile or broken template
    /// ends in an error on its card, never a frozen or crashed window. Two lanes, so a slow
    /// gallery never holds up the live preview; each worker starts on its first render.
    preview_renderer: Arc<loa_render::IsolatedRenderer>,
    gallery_renderer: Arc<loa_render::IsolatedRenderer>,
    started: Instant,
    /// The profile folder (a restore replaces it; a damaged one is offered its newest copy).
    data_dir: PathBuf,
}

impl Core {
    pub fn store(&self) -> Result<&Store, IpcError> {
        self.store.as_deref().map_err(Clone::clone)
    }

    /// The store, for work moved to another thread.
    pub fn shared_store(&self) -> Result<Arc<Store>, IpcError> {
        self.store.clone()
    }

    /// The live preview's and draft creation's renderer; its worker stays warm between renders.
    pub fn renderer(&self) -> templates::TypstRenderer {
        templates::TypstRenderer(self.preview_renderer.clone())
    }

    /// The gallery's renderer (thumbnails of every stored template).
    pub fn gallery_renderer(&self) -> templates::TypstRenderer {
        templates::TypstRenderer(self.gallery_renderer.clone())
    }

    /// A fresh cancel flag for a new "prepare for posting" run; [`Core::cancel_prepare`] sets it.
    pub fn new_prepare_run(&self) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        *self
            .prepare_cancel
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = flag.clone();
        flag
    }

    /// Stops the latest "prepare for posting" run before its next photo.
    pub fn cancel_prepare(&self) {
        self.prepare_cancel
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// Tells the watch-folder thread that the list of folders changed.
    pub fn refresh_watch(&self) {
        if let Some(w) = self
            .watcher
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
        {
            w.refresh();
        }
    }

    /// Starts watching the profile's folders; each [`loa_core::WatchEvent`] goes to the window
    /// as [`MEDIA_IMPORTED_EVENT`]. A watcher that cannot start is reported, not fatal: photos
    /// can still be picked or dropped.
    fn start_watching(&self, app: tauri::AppHandle) {
        let Ok(store) = &self.store else { return };
        match WatchFolders::start(store.clone(), move |ev| {
            let _ = app.emit(MEDIA_IMPORTED_EVENT, &ev);
        }) {
            Ok(w) => *self.watcher.lock().unwrap_or_else(|e| e.into_inner()) = Some(w),
            Err(e) => eprintln!("loa: cannot watch photo folders: {e}"),
        }
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
    // A fault in the window's process goes to the profile's crash.log for support, as the
    // command line's do: the default hook would print a backtrace to a console nobody reads.
    // The command that failed still answers the window with an error in the officer's words.
    let profile = dir.clone();
    std::panic::set_hook(Box::new(move |info| {
        if loa_core::crash::write_log(&profile, "loa-app", info).is_err() {
            eprintln!("loa: {info}");
        }
    }));
    // A restore chosen in the last session is swapped in before the profile is opened.
    match loa_core::backup::restore::finish_pending(&dir, &loa_core::SystemClock) {
        Ok(Some(done)) => eprintln!("loa: restored a backup from {}", done.created_at),
        Ok(None) => {}
        Err(e) => eprintln!("loa: the chosen backup could not be put in place: {e}"),
    }
    let store = Store::open(&dir).map(Arc::new).map_err(IpcError::from);
    if let Err(e) = &store {
        eprintln!("loa: cannot open the profile in {}: {e}", dir.display());
    }
    let builder = commands::specta_builder();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(Core {
            store,
            watcher: Mutex::new(None),
            prepare_cancel: Mutex::new(Arc::new(AtomicBool::new(false))),
            publish: publish::Publishing::default(),
            preview_renderer: Arc::new(templates::isolated_renderer()),
            gallery_renderer: Arc::new(templates::isolated_renderer()),
            started,
            data_dir: dir,
        })
        .invoke_handler(builder.invoke_handler())
        .setup(|app| {
            let core = app.state::<Core>();
            // A profile opened for reading only shows the drafts and nothing else runs: the
            // watch folders, the outbox worker and the daily copy would all need to write.
            if core.store.as_ref().is_ok_and(|s| s.read_only()) {
                eprintln!(
                    "loa: the profile in {} is read-only",
                    core.data_dir.display()
                );
                let e = loa_core::LoaError::profile_read_only("publishing needs to write");
                core.publish
                    .start(Err(IpcError::from(e)), app.handle().clone());
                return Ok(());
            }
            core.start_watching(app.handle().clone());
            core.publish.start(core.store.clone(), app.handle().clone());
            // The daily copy, off the window's way: the first start of a day keeps the day
            // before, and a window left open overnight makes the next day's within the hour. A
            // failure is logged; it must not keep the officer from working.
            if let Ok(store) = core.store.clone() {
                std::thread::spawn(move || {
                    loop {
                        if let Err(e) = store.backups().daily() {
                            eprintln!("loa: the daily backup failed: {e}");
                        }
                        std::thread::sleep(std::time::Duration::from_secs(60 * 60));
                    }
                });
            }
            Ok(())
        })
        .build(tauri::generate_context!())
        .map(|app| {
            app.run(|app, event| {
                if let tauri::RunEvent::Exit = event {
                    app.state::<Core>().publish.stop();
                }
            })
        });
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

    /// The installers take Cargo's version (the workspace version, also `loa --version`) only
    /// when no Tauri config names one; a version written there would drift from it.
    #[test]
    fn tauri_configs_leave_the_version_to_cargo() {
        for (name, text) in [
            ("tauri.conf.json", include_str!("../tauri.conf.json")),
            (
                "tauri.linux.conf.json",
                include_str!("../tauri.linux.conf.json"),
            ),
            (
                "tauri.windows.conf.json",
                include_str!("../tauri.windows.conf.json"),
            ),
        ] {
            let conf: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
            assert!(conf.get("version").is_none(), "{name} names a version");
        }
    }
}
