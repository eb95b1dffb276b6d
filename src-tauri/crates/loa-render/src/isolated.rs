//! Rendering in a worker process with a wall-clock limit, a memory limit and a large stack:
//! what hosts use for every render. A template that loops, grows without end or crashes costs
//! one worker process and gives a typed error; Loa itself goes on.
//!
//! The data is checked and prepared here (the officer's field errors come back exactly as from
//! [`crate::Renderer`]); the worker only lays out and draws. One worker is kept warm between
//! renders, with the pack and Typst's caches in it, so the live preview stays fast; it is
//! started again after a failure, and after [`Limits::renders_per_worker`] renders to bound
//! what a long session accumulates.
//!
//! Decision: there is no in-process path in the hosts. The interactive preview renders the
//! officer's own and imported templates, which are exactly the ones that can loop or crash,
//! and a warm worker costs little more than rendering in-process (`benchmarks/templates.md`:
//! p50 71.5 ms against 64.0 ms over the built-in templates, p95 159 against 156 ms), so nothing
//! is gained by trusting a template.

use std::ffi::OsString;
use std::io::{BufReader, BufWriter, Read};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use loa_templates::{Lang, Pack, RawData, Size};

use crate::protocol::{
    Caps, FrameError, FromWorker, PROTOCOL_VERSION, ToWorker, read_frame, write_frame,
};
use crate::renderer::{Drawn, Job, prepare_and_draw};
use crate::worker::{WORKER_ARG, WorkerArgs};
use crate::{Format, RenderError, RenderOptions, Rendered};

/// The limits of one render in the worker. [`Limits::default`] states each default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Wall-clock time for one render, from the request to the answer. Default 10 s: the
    /// slowest built-in template takes a quarter of a second, a cold worker under one.
    pub wall: Duration,
    /// Address space of the worker, in MiB. Default 1536: an idle worker maps about 560 MB
    /// (mostly the reserved stacks below; its resident memory is about 11 MB), a render of a
    /// built-in template adds under 300 MB, a 60 MP photo being cleaned about 500 MB.
    pub memory_mb: u64,
    /// Stack of the thread Typst runs on and of its two layout threads, in MiB. Default 64:
    /// 200,000 nested boxes then reach Typst's own "maximum layout depth exceeded" error (a
    /// clear message) instead of overflowing the stack; 16 MB overflows first.
    pub stack_mb: u64,
    /// How long a new worker may take to say it is ready. Default 10 s.
    pub start: Duration,
    /// Renders before the worker is replaced by a fresh one. Default 1000.
    pub renders_per_worker: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            wall: Duration::from_secs(10),
            memory_mb: 1536,
            stack_mb: 64,
            start: Duration::from_secs(10),
            renders_per_worker: 1000,
        }
    }
}

/// How to start a worker: a program and the arguments that make it one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerCommand {
    pub program: PathBuf,
    pub args: Vec<OsString>,
}

impl WorkerCommand {
    /// `program __render-worker`: a binary whose `main` calls
    /// [`crate::run_worker_if_asked`] first.
    pub fn new(program: impl Into<PathBuf>) -> Self {
        Self {
            program: program.into(),
            args: vec![WORKER_ARG.into()],
        }
    }

    /// This very executable as the worker (the CLI and the app).
    pub fn current_exe() -> Result<Self, RenderError> {
        std::env::current_exe()
            .map(Self::new)
            .map_err(|e| RenderError::WorkerUnavailable {
                detail: e.to_string(),
            })
    }
}

/// Renders through a worker process. Cheap to share (`Arc`); renders are one at a time per
/// `IsolatedRenderer` (make two for two lanes, e.g. the preview and the gallery).
#[derive(Debug)]
pub struct IsolatedRenderer {
    command: WorkerCommand,
    limits: Limits,
    worker: Mutex<Option<Worker>>,
}

impl IsolatedRenderer {
    pub fn new(command: WorkerCommand, limits: Limits) -> Self {
        Self {
            command,
            limits,
            worker: Mutex::new(None),
        }
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    fn slot(&self) -> MutexGuard<'_, Option<Worker>> {
        // A worker left behind by a panicking caller is killed and replaced on next use.
        self.worker.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts the worker now, so that the first render does not wait for it (call when the
    /// template editor or the gallery opens).
    pub fn warm_up(&self) -> Result<(), RenderError> {
        let mut slot = self.slot();
        if slot.is_none() {
            *slot = Some(Worker::spawn(&self.command, &self.limits)?);
        }
        Ok(())
    }

    /// The worker's process id, while one runs (for measurements).
    pub fn worker_pid(&self) -> Option<u32> {
        self.slot().as_ref().map(|w| w.pid)
    }

    /// Stops the worker (when the officer leaves the templates); the next render starts one.
    pub fn shutdown(&self) {
        self.slot().take();
    }

    /// Renders template `id` of `pack` with the preview options.
    pub fn render(
        &self,
        pack: &Pack,
        id: &str,
        raw: &RawData,
        lang: Lang,
        size: Size,
        format: Format,
    ) -> Result<Rendered, RenderError> {
        self.render_with(pack, id, raw, lang, size, format, &RenderOptions::default())
    }

    /// [`IsolatedRenderer::render`] with explicit options.
    #[allow(clippy::too_many_arguments)]
    pub fn render_with(
        &self,
        pack: &Pack,
        id: &str,
        raw: &RawData,
        lang: Lang,
        size: Size,
        format: Format,
        options: &RenderOptions,
    ) -> Result<Rendered, RenderError> {
        prepare_and_draw(pack, id, raw, lang, size, format, options, |job| {
            self.draw(job)
        })
    }

    fn draw(&self, request: &Job<'_>) -> Result<Drawn, RenderError> {
        let total: u64 = request
            .pack
            .files()
            .values()
            .map(|b| b.len() as u64)
            .chain(request.inputs.values().map(|b| b.len() as u64))
            .sum::<u64>()
            + request.data_json.len() as u64;
        // The frame's headers and lengths take a little room of their own.
        if total > Caps::REQUEST.total - 1024 * 1024 {
            return Err(RenderError::RequestTooLarge {
                limit_mb: Caps::REQUEST.total / (1024 * 1024),
            });
        }
        let mut slot = self.slot();
        if slot
            .as_ref()
            .is_some_and(|w| w.renders >= self.limits.renders_per_worker)
        {
            slot.take();
        }
        if slot.is_none() {
            *slot = Some(Worker::spawn(&self.command, &self.limits)?);
        }
        let Some(worker) = slot.as_mut() else {
            return Err(RenderError::WorkerUnavailable {
                detail: "no worker".to_owned(),
            });
        };
        worker.renders += 1;
        match worker.exchange(request, self.limits.wall) {
            Ok(drawn) => Ok(drawn),
            Err(Failure::Answer(e)) => Err(e),
            Err(Failure::Died) => {
                let dead = slot.take();
                Err(dead.map_or_else(
                    || RenderError::Crashed {
                        detail: "lost".to_owned(),
                    },
                    |w| w.post_mortem(&self.limits),
                ))
            }
        }
    }
}

enum Failure {
    /// The worker answered with an error and lives on.
    Answer(RenderError),
    /// The worker is gone (killed at the deadline, crashed) or broke the protocol.
    Died,
}

/// Shared between a worker and its watchdog thread.
#[derive(Debug, Default)]
struct Watch {
    deadline: Option<Instant>,
    fired: bool,
    stop: bool,
}

#[derive(Debug)]
struct Worker {
    pid: u32,
    child: Arc<Mutex<Child>>,
    stdin: BufWriter<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    watch: Arc<(Mutex<Watch>, Condvar)>,
    watchdog: Option<JoinHandle<()>>,
    stderr: Arc<Mutex<Vec<u8>>>,
    stderr_reader: Option<JoinHandle<()>>,
    /// Pack hashes the worker holds, most recent first (mirrors its cache).
    packs: Vec<String>,
    renders: u32,
}

/// What the worker's stderr keeps for the post-mortem: its last few KB.
const STDERR_KEPT: usize = 8 * 1024;
/// Packs the parent assumes the worker keeps (the worker's own cache size).
const PACKS_KEPT: usize = 4;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Worker {
    fn spawn(command: &WorkerCommand, limits: &Limits) -> Result<Worker, RenderError> {
        let unavailable = |detail: String| RenderError::WorkerUnavailable { detail };
        let args = WorkerArgs {
            memory_mb: limits.memory_mb,
            stack_mb: limits.stack_mb,
            wall_ms: u64::try_from(limits.wall.as_millis()).unwrap_or(u64::MAX),
        };
        let mut cmd = Command::new(&command.program);
        cmd.args(&command.args)
            .args(args.to_args())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        isolate(&mut cmd);
        let mut child = cmd.spawn().map_err(|e| unavailable(e.to_string()))?;
        let pid = child.id();
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(unavailable("no pipes".to_owned()));
        };
        let child = Arc::new(Mutex::new(child));
        let watch: Arc<(Mutex<Watch>, Condvar)> = Arc::default();
        let watchdog = spawn_watchdog(watch.clone(), child.clone());
        let kept = Arc::new(Mutex::new(Vec::new()));
        let stderr_reader = spawn_stderr_reader(stderr, kept.clone());
        let mut worker = Worker {
            pid,
            child,
            stdin: BufWriter::with_capacity(1 << 20, stdin),
            stdout: BufReader::with_capacity(1 << 20, stdout),
            watch,
            watchdog,
            stderr: kept,
            stderr_reader,
            packs: Vec::new(),
            renders: 0,
        };
        worker.arm(limits.start);
        let hello = read_frame::<_, FromWorker>(&mut worker.stdout, Caps::ANSWER);
        worker.disarm();
        match hello {
            Ok(Some((FromWorker::Ready { protocol }, _))) if protocol == PROTOCOL_VERSION => {
                Ok(worker)
            }
            Ok(Some((FromWorker::Ready { protocol }, _))) => Err(unavailable(format!(
                "the worker speaks protocol {protocol}, not {PROTOCOL_VERSION}"
            ))),
            other => {
                let said = match other {
                    Ok(_) => "an unexpected first answer".to_owned(),
                    Err(e) => e.to_string(),
                };
                let status = worker.reap();
                Err(unavailable(format!(
                    "{said}; {}; {}",
                    describe_status(status),
                    worker.stderr_tail()
                )))
            }
        }
    }

    fn arm(&self, wall: Duration) {
        let (m, cv) = &*self.watch;
        let mut w = lock(m);
        w.deadline = Some(Instant::now() + wall);
        w.fired = false;
        cv.notify_all();
    }

    fn disarm(&self) {
        let (m, cv) = &*self.watch;
        lock(m).deadline = None;
        cv.notify_all();
    }

    fn fired(&self) -> bool {
        lock(&self.watch.0).fired
    }

    fn send(&mut self, r: &Job<'_>, with_pack: bool) -> std::io::Result<()> {
        let pack_files = with_pack.then(|| r.pack.files().keys().cloned().collect::<Vec<_>>());
        let msg = ToWorker::Render {
            pack_hash: r.pack.hash().to_owned(),
            pack_files,
            template: r.template.to_owned(),
            data_json: r.data_json.to_owned(),
            inputs: r.inputs.keys().cloned().collect(),
            size: r.size,
            format: r.format,
            pixel_per_pt: r.options.pixel_per_pt,
            png_compression: r.options.png_compression,
        };
        let mut blobs: Vec<&[u8]> = Vec::new();
        if with_pack {
            blobs.extend(r.pack.files().values().map(Vec::as_slice));
        }
        blobs.extend(r.inputs.values().map(Vec::as_slice));
        write_frame(&mut self.stdin, &msg, &blobs)
    }

    fn remember_pack(&mut self, hash: &str) {
        self.packs.retain(|h| h != hash);
        self.packs.insert(0, hash.to_owned());
        self.packs.truncate(PACKS_KEPT);
    }

    /// Sends one render and waits for its answer, within `wall`.
    fn exchange(&mut self, r: &Job<'_>, wall: Duration) -> Result<Drawn, Failure> {
        self.arm(wall);
        let result = self.exchange_armed(r);
        self.disarm();
        result
    }

    fn exchange_armed(&mut self, r: &Job<'_>) -> Result<Drawn, Failure> {
        let hash = r.pack.hash();
        let mut with_pack = !self.packs.iter().any(|h| h == hash);
        loop {
            self.send(r, with_pack).map_err(|_| Failure::Died)?;
            if with_pack {
                self.remember_pack(hash);
            }
            let answer = read_frame::<_, FromWorker>(&mut self.stdout, Caps::ANSWER);
            match answer {
                Ok(Some((FromWorker::NeedPack, _))) if !with_pack => {
                    with_pack = true;
                }
                Ok(Some((
                    FromWorker::Done {
                        width,
                        height,
                        warnings,
                        compile_us,
                        draw_us,
                        encode_us,
                    },
                    mut blobs,
                ))) if blobs.len() == 1 => {
                    return Ok(Drawn {
                        bytes: blobs.pop().unwrap_or_default(),
                        width,
                        height,
                        warnings,
                        compile: Duration::from_micros(compile_us),
                        draw: Duration::from_micros(draw_us),
                        encode: Duration::from_micros(encode_us),
                    });
                }
                Ok(Some((FromWorker::Failed { error }, _))) => {
                    let e = error.into_render();
                    // After a panic the worker exits: collect it now rather than at the next
                    // render.
                    if matches!(e, RenderError::Crashed { .. }) {
                        return Err(Failure::Died);
                    }
                    return Err(Failure::Answer(e));
                }
                Ok(_) | Err(FrameError::TooLarge(_) | FrameError::BadHeader(_)) => {
                    return Err(Failure::Died);
                }
                Err(FrameError::Io(_)) => return Err(Failure::Died),
            }
        }
    }

    /// Kills the worker if it still runs and waits for it; its exit status.
    fn reap(&mut self) -> Option<ExitStatus> {
        let mut child = lock(&self.child);
        // Already exited: killing a collected or dead process is harmless.
        let _ = child.kill();
        child.wait().ok()
    }

    fn stderr_tail(&mut self) -> String {
        if let Some(h) = self.stderr_reader.take() {
            let _ = h.join();
        }
        let bytes = lock(&self.stderr).clone();
        String::from_utf8_lossy(&bytes).trim().to_owned()
    }

    /// Why a worker that stopped answering is gone.
    fn post_mortem(mut self, limits: &Limits) -> RenderError {
        let status = self.reap();
        let fired = self.fired();
        let stderr = self.stderr_tail();
        classify(fired, status, &stderr, limits)
    }
}

/// The typed error for a worker that died: killed at the deadline, out of memory, out of
/// stack, or anything else. Pure, so each case is tested alone.
fn classify(fired: bool, status: Option<ExitStatus>, stderr: &str, limits: &Limits) -> RenderError {
    if fired {
        return RenderError::Timeout {
            seconds: limits.wall.as_secs().max(1),
        };
    }
    if stderr.contains("memory allocation of") || stderr.contains("out of memory") {
        return RenderError::OutOfMemory {
            limit_mb: limits.memory_mb,
        };
    }
    if stderr.contains("has overflowed its stack") {
        return RenderError::TooDeep;
    }
    if stderr.contains("ran past its limit") {
        return RenderError::Timeout {
            seconds: limits.wall.as_secs().max(1),
        };
    }
    let last = stderr
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    RenderError::Crashed {
        detail: format!("{}: {last}", describe_status(status)),
    }
}

fn describe_status(status: Option<ExitStatus>) -> String {
    let Some(status) = status else {
        return "no exit status".to_owned();
    };
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return format!("signal {sig}");
        }
    }
    match status.code() {
        Some(c) => format!("exit {c}"),
        None => "ended".to_owned(),
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.reap();
        {
            let (m, cv) = &*self.watch;
            lock(m).stop = true;
            cv.notify_all();
        }
        if let Some(h) = self.watchdog.take() {
            let _ = h.join();
        }
        if let Some(h) = self.stderr_reader.take() {
            let _ = h.join();
        }
    }
}

/// The worker sees nothing of Loa's environment (no tokens, no proxies, no locale): it needs
/// none of it. One malloc arena per thread would reserve address space the memory limit
/// counts, so two are enough.
fn isolate(cmd: &mut Command) {
    #[cfg(unix)]
    {
        cmd.env_clear().env("MALLOC_ARENA_MAX", "2");
    }
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt;
        // CREATE_NO_WINDOW: no console flashes up when the desktop app starts its worker.
        cmd.creation_flags(0x0800_0000);
    }
}

/// Kills the worker at the armed deadline. One thread per worker, asleep on a condition
/// variable in between.
fn spawn_watchdog(
    watch: Arc<(Mutex<Watch>, Condvar)>,
    child: Arc<Mutex<Child>>,
) -> Option<JoinHandle<()>> {
    std::thread::Builder::new()
        .name("loa-render-deadline".to_owned())
        .spawn(move || {
            let (m, cv) = &*watch;
            let mut w = lock(m);
            loop {
                if w.stop {
                    return;
                }
                match w.deadline {
                    None => w = cv.wait(w).unwrap_or_else(|e| e.into_inner()),
                    Some(d) => {
                        let now = Instant::now();
                        if now >= d {
                            // Killing closes the pipes: the blocked read or write returns.
                            let _ = lock(&child).kill();
                            w.fired = true;
                            w.deadline = None;
                        } else {
                            w = cv
                                .wait_timeout(w, d - now)
                                .map(|(g, _)| g)
                                .unwrap_or_else(|e| e.into_inner().0);
                        }
                    }
                }
            }
        })
        .ok()
}

/// Keeps the last [`STDERR_KEPT`] bytes of the worker's stderr, reading it as it comes so the
/// worker never blocks on a full pipe.
fn spawn_stderr_reader(
    mut stderr: impl Read + Send + 'static,
    kept: Arc<Mutex<Vec<u8>>>,
) -> Option<JoinHandle<()>> {
    std::thread::Builder::new()
        .name("loa-render-stderr".to_owned())
        .spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut k = lock(&kept);
                k.extend_from_slice(&buf[..n]);
                if k.len() > STDERR_KEPT {
                    let cut = k.len() - STDERR_KEPT;
                    k.drain(..cut);
                }
            }
        })
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deaths_are_classified() {
        let l = Limits::default();
        assert_eq!(
            classify(true, None, "", &l),
            RenderError::Timeout { seconds: 10 }
        );
        assert_eq!(
            classify(
                false,
                None,
                "memory allocation of 100000000000 bytes failed",
                &l
            ),
            RenderError::OutOfMemory { limit_mb: 1536 }
        );
        assert_eq!(
            classify(
                false,
                None,
                "\nthread 'loa-render' has overflowed its stack\nfatal runtime error: stack overflow",
                &l
            ),
            RenderError::TooDeep
        );
        assert!(matches!(
            classify(false, None, "something else\n", &l),
            RenderError::Crashed { detail } if detail.ends_with("something else")
        ));
    }
}
