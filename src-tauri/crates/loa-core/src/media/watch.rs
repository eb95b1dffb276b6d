//! Watch folders: photos that appear in a folder the officer picked are imported by themselves.
//!
//! [`WatchFolders`] is a thread with a command channel. The file-system watcher (`notify`) only
//! says "something happened to this path"; the thread then waits until the file's size and
//! modification time have not changed for [`WatchConfig::settle`] (a phone or a card reader may
//! take seconds to copy a photo) and until it can be opened and its header recognised, and only
//! then imports it. Every import or failure is reported as a [`WatchEvent`].
//!
//! On start (and when [`WatchFolders::refresh`] finds a new folder) the folders are scanned, so
//! photos copied while Loa was closed are imported too; photos already in the library are not
//! reported again. Dropping the component (or [`WatchFolders::stop`]) stops the thread and waits
//! for it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

use notify::{EventKind, RecursiveMode, Watcher};
use serde::{Deserialize, Serialize};

use super::{MediaSource, is_media_name, is_unreadable_photo_name};
use crate::{IpcError, LoaError, Result, Store};

/// What the watcher did with a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WatchEvent {
    /// The photo at `path` is in the library as `media_id` (it may have been there already
    /// under another name).
    Imported { media_id: i64, path: PathBuf },
    /// The video at `path` is in the video library as `video_id`.
    VideoImported { video_id: i64, path: PathBuf },
    /// The file at `path` could not be imported (or a watched folder could not be watched).
    Failed { path: PathBuf, error: IpcError },
}

/// Timings of the watcher. The defaults import a photo about 0.6 s after its last write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WatchConfig {
    /// How long a file's size and modification time must stay the same before it is imported.
    /// Default 500 ms.
    pub settle: Duration,
    /// How often pending files are looked at again. Default 100 ms.
    pub tick: Duration,
    /// Folders are scanned this deep (a phone's `DCIM/Camera` is two levels). Default 8.
    pub max_depth: usize,
}

impl Default for WatchConfig {
    fn default() -> Self {
        Self {
            settle: Duration::from_millis(500),
            tick: Duration::from_millis(100),
            max_depth: 8,
        }
    }
}

enum Msg {
    Fs(notify::Result<notify::Event>),
    Refresh,
    Stop,
}

/// Watches the profile's watch folders and imports new photos. See the module documentation.
pub struct WatchFolders {
    tx: Sender<Msg>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for WatchFolders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WatchFolders")
            .field("running", &self.thread.is_some())
            .finish()
    }
}

impl WatchFolders {
    /// Starts watching the folders stored in the profile, with the default timings.
    pub fn start(
        store: Arc<Store>,
        on_event: impl FnMut(WatchEvent) + Send + 'static,
    ) -> Result<Self> {
        Self::start_with(store, WatchConfig::default(), on_event)
    }

    /// Starts watching with the given timings.
    pub fn start_with(
        store: Arc<Store>,
        config: WatchConfig,
        on_event: impl FnMut(WatchEvent) + Send + 'static,
    ) -> Result<Self> {
        let (tx, rx) = mpsc::channel();
        let fs_tx = tx.clone();
        let watcher = notify::recommended_watcher(move |res| {
            // The receiver is gone only when the thread has stopped: nothing left to tell.
            let _ = fs_tx.send(Msg::Fs(res));
        })
        .map_err(|e| LoaError::Watch {
            detail: e.to_string(),
        })?;
        let worker = Worker {
            store,
            config,
            watcher,
            on_event: Box::new(on_event),
            watched: HashSet::new(),
            pending: BTreeMap::new(),
            done: HashMap::new(),
        };
        let thread = std::thread::Builder::new()
            .name("loa-watch-folders".to_owned())
            .spawn(move || worker.run(rx))
            .map_err(|e| LoaError::Watch {
                detail: e.to_string(),
            })?;
        Ok(Self {
            tx,
            thread: Some(thread),
        })
    }

    /// Re-reads the list of folders (after [`Store::add_watch_folder`] or
    /// [`Store::remove_watch_folder`]); new folders are scanned.
    pub fn refresh(&self) {
        // Fails only when the thread has already stopped.
        let _ = self.tx.send(Msg::Refresh);
    }

    /// Stops the thread and waits for it.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let _ = self.tx.send(Msg::Stop);
        if let Some(t) = self.thread.take() {
            // A panic in the thread has already been reported by the runtime; nothing to add.
            let _ = t.join();
        }
    }
}

impl Drop for WatchFolders {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Size and modification time: a file still being written changes one of them.
type Signature = (u64, Option<SystemTime>);

fn signature(path: &Path) -> Option<Signature> {
    let m = std::fs::metadata(path).ok()?;
    m.is_file().then(|| (m.len(), m.modified().ok()))
}

#[derive(Debug)]
struct Pending {
    signature: Signature,
    since: Instant,
    /// Found by a scan rather than seen arriving: not reported when already in the library.
    from_scan: bool,
}

/// Whether a file-system event may mean new or changed content.
fn relevant(kind: &EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode};
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        // Our own reads of the file show up as accesses: never a reason to look again.
        EventKind::Access(_) | EventKind::Remove(_) => false,
        EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Other => true,
    }
}

/// The decision for one pending file, from what is known now. Pure, so it is tested alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Gone, or not a file any more.
    Drop,
    /// Changed since last look: the wait starts again.
    Changed(Signature),
    /// Unchanged, but not for long enough yet.
    Wait,
    /// Unchanged for the settle time and not empty.
    Ready,
}

fn decide(
    pending: &Pending,
    now_signature: Option<Signature>,
    now: Instant,
    settle: Duration,
) -> Verdict {
    match now_signature {
        None => Verdict::Drop,
        Some(s) if s != pending.signature => Verdict::Changed(s),
        Some((0, _)) => Verdict::Wait,
        Some(_) if now.duration_since(pending.since) >= settle => Verdict::Ready,
        Some(_) => Verdict::Wait,
    }
}

/// The file opens and its first bytes are those of an image format (a copy that has only
/// reserved its space, full of zeros, does not pass). A file that opens but is not an image is
/// "ready" too: importing it reports why it is refused.
fn header_ready(path: &Path) -> bool {
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = [0u8; 32];
    let mut n = 0;
    while n < head.len() {
        match f.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(_) => return false,
        }
    }
    !head[..n].iter().all(|b| *b == 0)
}

/// Whether the file ends the way its format ends: JPEG with its end-of-image marker (trailing
/// padding allowed), PNG with its `IEND` chunk. WebP declares its length in its header.
fn looks_complete(path: &Path) -> bool {
    use std::io::{Seek, SeekFrom};
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = [0u8; 12];
    if f.read_exact(&mut head).is_err() {
        return false;
    }
    let Ok(len) = f.seek(SeekFrom::End(0)) else {
        return false;
    };
    let tail_len = len.min(4096);
    let mut tail = vec![0u8; usize::try_from(tail_len).unwrap_or(0)];
    if f.seek(SeekFrom::End(-(tail_len as i64))).is_err() || f.read_exact(&mut tail).is_err() {
        return false;
    }
    if head.starts_with(&[0xFF, 0xD8]) {
        let end = tail
            .iter()
            .rposition(|b| *b != 0 && *b != 0xFF && *b != b'\n' && *b != b'\r')
            .map_or(0, |i| i + 1);
        // Some cameras pad after the marker; accept the marker near the end.
        return tail
            .windows(2)
            .rposition(|w| w == [0xFF, 0xD9])
            .is_some_and(|i| i + 2 >= end);
    }
    if head.starts_with(b"\x89PNG") {
        return tail.windows(4).any(|w| w == b"IEND");
    }
    if &head[4..8] == b"ftyp" {
        return iso_boxes_complete(&mut f, len);
    }
    if &head[0..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        let declared = u64::from(u32::from_le_bytes([head[4], head[5], head[6], head[7]]));
        return len >= declared.saturating_add(8);
    }
    true
}

/// An MP4, MOV or 3GP file is complete when its top-level boxes follow one another exactly to
/// the end of the file and one of them is the index (`moov`). A phone or a card reader writing
/// the file has either not reached the end of a box or not yet written the index (phones write
/// it last). At most a few thousand boxes are read; WebM has no such frame and relies on the
/// settle time alone.
fn iso_boxes_complete(f: &mut std::fs::File, len: u64) -> bool {
    use std::io::{Seek, SeekFrom};
    let mut at = 0u64;
    let mut moov = false;
    for _ in 0..4096 {
        if at == len {
            return moov;
        }
        let mut head = [0u8; 16];
        if f.seek(SeekFrom::Start(at)).is_err() || f.read_exact(&mut head[..8]).is_err() {
            return false;
        }
        let size32 = u64::from(u32::from_be_bytes([head[0], head[1], head[2], head[3]]));
        let size = match size32 {
            // Runs to the end of the file.
            0 => len - at,
            1 => {
                if f.read_exact(&mut head[8..16]).is_err() {
                    return false;
                }
                u64::from_be_bytes([
                    head[8], head[9], head[10], head[11], head[12], head[13], head[14], head[15],
                ])
            }
            n => n,
        };
        if size < 8 {
            return false;
        }
        moov |= &head[4..8] == b"moov";
        at = match at.checked_add(size) {
            Some(next) if next <= len => next,
            _ => return false,
        };
    }
    false
}

struct Worker {
    store: Arc<Store>,
    config: WatchConfig,
    watcher: notify::RecommendedWatcher,
    on_event: Box<dyn FnMut(WatchEvent) + Send>,
    watched: HashSet<PathBuf>,
    /// Sorted, so that photos arriving together are imported in name order.
    pending: BTreeMap<PathBuf, Pending>,
    /// Files already handled, with the signature they had then.
    done: HashMap<PathBuf, Signature>,
}

impl Worker {
    fn run(mut self, rx: Receiver<Msg>) {
        self.sync_folders();
        let mut next_tick = Instant::now() + self.config.tick;
        loop {
            let wait = next_tick.saturating_duration_since(Instant::now());
            match rx.recv_timeout(wait) {
                Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => break,
                Ok(Msg::Refresh) => self.sync_folders(),
                Ok(Msg::Fs(Ok(event))) => {
                    if relevant(&event.kind) {
                        for path in event.paths {
                            self.note(path, false);
                        }
                    }
                }
                // A lost event (queue overflow): rescan what we watch so nothing is missed.
                Ok(Msg::Fs(Err(_))) => {
                    let folders: Vec<PathBuf> = self.watched.iter().cloned().collect();
                    for f in folders {
                        self.scan(&f, 0);
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
            if Instant::now() >= next_tick {
                self.settle();
                next_tick = Instant::now() + self.config.tick;
            }
        }
    }

    fn emit(&mut self, event: WatchEvent) {
        (self.on_event)(event);
    }

    /// Brings the watched set in line with the `watch_folders` table; new folders are scanned.
    fn sync_folders(&mut self) {
        let wanted: HashSet<PathBuf> = match self.store.media().watch_folders() {
            Ok(folders) => folders.into_iter().map(|f| f.path).collect(),
            Err(e) => {
                let path = self.store.dir().to_path_buf();
                self.emit(WatchEvent::Failed {
                    path,
                    error: e.into(),
                });
                return;
            }
        };
        let gone: Vec<PathBuf> = self.watched.difference(&wanted).cloned().collect();
        for folder in gone {
            let _ = self.watcher.unwatch(&folder);
            self.watched.remove(&folder);
            self.pending.retain(|p, _| !p.starts_with(&folder));
        }
        let mut new: Vec<PathBuf> = wanted.difference(&self.watched).cloned().collect();
        new.sort();
        for folder in new {
            match self.watcher.watch(&folder, RecursiveMode::Recursive) {
                Ok(()) => {
                    self.watched.insert(folder.clone());
                    self.scan(&folder, 0);
                }
                Err(e) => {
                    let error = if folder.is_dir() {
                        LoaError::Watch {
                            detail: e.to_string(),
                        }
                    } else {
                        LoaError::FolderNotFound {
                            path: folder.clone(),
                        }
                    };
                    self.emit(WatchEvent::Failed {
                        path: folder,
                        error: error.into(),
                    });
                }
            }
        }
    }

    fn scan(&mut self, dir: &Path, depth: usize) {
        if depth > self.config.max_depth || dir.starts_with(self.store.dir()) {
            return;
        }
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            match entry.file_type() {
                Ok(t) if t.is_dir() && !hidden => self.scan(&path, depth + 1),
                Ok(t) if t.is_file() => self.note(path, true),
                _ => {}
            }
        }
    }

    /// Something happened at `path`: start (or restart) waiting for it to settle.
    fn note(&mut self, path: PathBuf, from_scan: bool) {
        let watched = is_media_name(&path) || is_unreadable_photo_name(&path);
        if !watched || path.starts_with(self.store.dir()) {
            return;
        }
        let Some(sig) = signature(&path) else {
            self.pending.remove(&path);
            return;
        };
        if self.done.get(&path) == Some(&sig) {
            return;
        }
        match self.pending.get_mut(&path) {
            Some(p) if p.signature == sig => {}
            Some(p) => {
                p.signature = sig;
                p.since = Instant::now();
            }
            None => {
                self.pending.insert(
                    path,
                    Pending {
                        signature: sig,
                        since: Instant::now(),
                        from_scan,
                    },
                );
            }
        }
    }

    /// Looks at every pending file again and imports those that have settled.
    fn settle(&mut self) {
        let now = Instant::now();
        let mut ready = Vec::new();
        let mut dropped = Vec::new();
        for (path, p) in self.pending.iter_mut() {
            match decide(p, signature(path), now, self.config.settle) {
                Verdict::Drop => dropped.push(path.clone()),
                Verdict::Changed(s) => {
                    p.signature = s;
                    p.since = now;
                }
                Verdict::Wait => {}
                Verdict::Ready => {
                    // A copy that stalls for a moment is not taken half-written: a JPEG or PNG
                    // must also have its end marker, unless it has been still for much longer.
                    let long_still = now.duration_since(p.since) >= self.config.settle * 10;
                    if header_ready(path) && (long_still || looks_complete(path)) {
                        ready.push(path.clone());
                    }
                }
            }
        }
        for path in dropped {
            self.pending.remove(&path);
        }
        for path in ready {
            let Some(p) = self.pending.remove(&path) else {
                continue;
            };
            self.import(path, p);
        }
    }

    fn import(&mut self, path: PathBuf, p: Pending) {
        let imported = if crate::videos::is_video_name(&path) {
            self.store
                .videos()
                .import_file(&path, MediaSource::Watch)
                .map(|(v, added)| {
                    let event = WatchEvent::VideoImported {
                        video_id: v.id,
                        path: path.clone(),
                    };
                    (event, added)
                })
        } else {
            self.store
                .media()
                .import_file(&path, MediaSource::Watch)
                .map(|(m, added)| {
                    let event = WatchEvent::Imported {
                        media_id: m.id,
                        path: path.clone(),
                    };
                    (event, added)
                })
        };
        match imported {
            // The file may have changed while it was read: the next event or scan sees it again.
            Ok((event, added)) => {
                self.done.insert(path, p.signature);
                if added || !p.from_scan {
                    self.emit(event);
                }
            }
            Err(e) => {
                self.done.insert(path.clone(), p.signature);
                self.emit(WatchEvent::Failed {
                    path,
                    error: e.into(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(len: u64, since: Instant) -> Pending {
        Pending {
            signature: (len, None),
            since,
            from_scan: false,
        }
    }

    #[test]
    fn a_file_is_ready_only_after_it_settles() {
        let settle = Duration::from_millis(500);
        let t0 = Instant::now();
        let p = pending(100, t0);
        assert_eq!(decide(&p, Some((100, None)), t0, settle), Verdict::Wait);
        assert_eq!(
            decide(
                &p,
                Some((100, None)),
                t0 + Duration::from_millis(499),
                settle
            ),
            Verdict::Wait
        );
        assert_eq!(
            decide(&p, Some((100, None)), t0 + settle, settle),
            Verdict::Ready
        );
        assert_eq!(
            decide(&p, Some((200, None)), t0 + settle, settle),
            Verdict::Changed((200, None))
        );
        assert_eq!(decide(&p, None, t0 + settle, settle), Verdict::Drop);
        let empty = pending(0, t0);
        assert_eq!(
            decide(&empty, Some((0, None)), t0 + settle * 10, settle),
            Verdict::Wait
        );
    }

    #[test]
    fn reads_do_not_count_as_changes() {
        use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
        assert!(!relevant(&EventKind::Access(AccessKind::Read)));
        assert!(!relevant(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(relevant(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(relevant(&EventKind::Create(CreateKind::File)));
        assert!(relevant(&EventKind::Modify(ModifyKind::Any)));
    }
}
