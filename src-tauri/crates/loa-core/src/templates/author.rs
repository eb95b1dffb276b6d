//! "Template author" mode: a pack folder watched while its author edits it. Every save (after a
//! quiet pause, [`PackWatcher::DEBOUNCE`]) reloads the pack and hands it to a callback, which
//! typically re-renders the preview. A pack that does not load is handed over as its error, so
//! the author sees what to fix.
//!
//! Like the photo watch folders, this is a thread fed by a `notify` watcher through a channel;
//! dropping the [`PackWatcher`] stops it.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use loa_templates::{Pack, TemplateError};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::{LoaError, Result};

/// One reload of the watched pack.
#[derive(Debug)]
pub struct AuthorEvent {
    /// The pack as saved, or why it does not load.
    pub pack: std::result::Result<Pack, TemplateError>,
    /// The files whose change caused the reload (empty for the first load).
    pub changed: Vec<PathBuf>,
}

enum Msg {
    Fs(notify::Result<notify::Event>),
    Stop,
}

/// Watches a pack folder; see the module documentation.
pub struct PackWatcher {
    tx: Sender<Msg>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for PackWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PackWatcher")
            .field("running", &self.thread.is_some())
            .finish()
    }
}

impl PackWatcher {
    /// How long the folder must be quiet before it is reloaded: an editor's save is several
    /// events (write a temporary file, rename, change attributes) within a few milliseconds.
    pub const DEBOUNCE: Duration = Duration::from_millis(150);

    /// Loads the pack in `dir` once (reported at once) and then on every save.
    pub fn start(dir: &Path, on_event: impl FnMut(AuthorEvent) + Send + 'static) -> Result<Self> {
        Self::start_with(dir, Self::DEBOUNCE, on_event)
    }

    /// [`PackWatcher::start`] with another quiet pause (tests use a short one).
    pub fn start_with(
        dir: &Path,
        debounce: Duration,
        mut on_event: impl FnMut(AuthorEvent) + Send + 'static,
    ) -> Result<Self> {
        let dir = std::fs::canonicalize(dir).map_err(|_| LoaError::FolderNotFound {
            path: dir.to_path_buf(),
        })?;
        if !dir.is_dir() {
            return Err(LoaError::FolderNotFound { path: dir });
        }
        let (tx, rx) = mpsc::channel();
        let fs_tx = tx.clone();
        let mut watcher = notify::recommended_watcher(move |res| {
            // The receiver is gone only when the thread has stopped: nothing left to tell.
            let _ = fs_tx.send(Msg::Fs(res));
        })
        .map_err(|e| LoaError::Watch {
            detail: e.to_string(),
        })?;
        watcher
            .watch(&dir, RecursiveMode::Recursive)
            .map_err(|e| LoaError::Watch {
                detail: e.to_string(),
            })?;
        on_event(AuthorEvent {
            pack: Pack::from_dir(&dir),
            changed: Vec::new(),
        });
        let thread = std::thread::Builder::new()
            .name("loa-pack-watcher".to_owned())
            .spawn(move || run(&dir, watcher, rx, debounce, on_event))
            .map_err(|e| LoaError::Watch {
                detail: e.to_string(),
            })?;
        Ok(Self {
            tx,
            thread: Some(thread),
        })
    }

    /// Stops the thread and waits for it.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let _ = self.tx.send(Msg::Stop);
        if let Some(t) = self.thread.take() {
            // A panic in the callback has already been reported by the runtime.
            let _ = t.join();
        }
    }
}

impl Drop for PackWatcher {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Whether a changed path is part of the pack: hidden files and editors' backup and swap files
/// are not (saving in vim alone touches `.layout.typ.swp`, `layout.typ~` and `4913`).
pub(crate) fn is_pack_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    !(name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name.chars().all(|c| c.is_ascii_digit()))
}

fn relevant(kind: &EventKind) -> bool {
    // Reading the pack back shows up as accesses: never a reason to reload.
    !matches!(kind, EventKind::Access(_))
}

fn run(
    dir: &Path,
    // Kept alive for as long as the thread runs: dropping it stops the events.
    _watcher: notify::RecommendedWatcher,
    rx: Receiver<Msg>,
    debounce: Duration,
    mut on_event: impl FnMut(AuthorEvent),
) {
    let mut changed: Vec<PathBuf> = Vec::new();
    let mut last_event: Option<Instant> = None;
    loop {
        let wait = match last_event {
            Some(t) => debounce.saturating_sub(t.elapsed()),
            None => Duration::from_secs(3600),
        };
        match rx.recv_timeout(wait) {
            Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => return,
            Ok(Msg::Fs(Ok(event))) => {
                if !relevant(&event.kind) {
                    continue;
                }
                let paths: Vec<PathBuf> = event
                    .paths
                    .into_iter()
                    .filter(|p| is_pack_file(p))
                    .collect();
                if paths.is_empty() {
                    continue;
                }
                for p in paths {
                    if !changed.contains(&p) {
                        changed.push(p);
                    }
                }
                last_event = Some(Instant::now());
            }
            // A watcher error (an overflowing event queue) may hide a save: reload to be sure.
            Ok(Msg::Fs(Err(_))) => last_event = Some(Instant::now()),
            Err(RecvTimeoutError::Timeout) => {
                if last_event.take().is_some() {
                    on_event(AuthorEvent {
                        pack: Pack::from_dir(dir),
                        changed: std::mem::take(&mut changed),
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_droppings_are_not_pack_files() {
        for junk in [
            ".layout.typ.swp",
            "layout.typ~",
            "4913",
            ".DS_Store",
            "x.tmp",
        ] {
            assert!(!is_pack_file(Path::new(junk)), "{junk}");
        }
        for real in ["layout.typ", "vi.ftl", "template.json", "icon-2.svg"] {
            assert!(is_pack_file(Path::new(real)), "{real}");
        }
    }
}
