//! The render worker: a process of its own that draws templates for Loa, so that a template
//! which loops, grows without end or crashes takes only the worker down.
//!
//! A host binary (the `loa` CLI, the desktop app, `loa-render-worker` in tests) calls
//! [`run_worker_if_asked`] first thing in `main`. When the process was started with
//! [`WORKER_ARG`], that call never returns: it sets the process's own limits, answers render
//! requests on stdin/stdout ([`crate::protocol`]) and exits when stdin closes.
//!
//! Limits set by the worker on itself, before it reads a request:
//! - memory: `RLIMIT_AS` (Linux, BSD) to `--memory-mb`; an allocation past it fails, the
//!   process aborts with "memory allocation of … failed" on stderr, and the parent reports
//!   [`crate::RenderError::OutOfMemory`]. macOS does not enforce `RLIMIT_AS`; there the parent's
//!   wall-clock limit is what stops a runaway render. On Windows the equivalent is a Job Object
//!   with `JOB_OBJECT_LIMIT_PROCESS_MEMORY` (and `KILL_ON_JOB_CLOSE`, so the worker dies with
//!   Loa); no safe crate sets that flag today (`win32job` 2 offers only the working-set limit,
//!   which pages instead of failing), so on Windows the memory limit is not set yet and only
//!   the wall-clock limit applies.
//! - no core files (a 2 GB core dump of a crashed render helps no one) and no file writes
//!   (`RLIMIT_FSIZE` 0: the worker writes nothing but its pipes).
//! - stack: Typst runs on a thread with a `--stack-mb` stack, and so do the threads of the
//!   rayon pool Typst lays pages out on; deeper nesting overflows the guard page and the worker
//!   aborts with "has overflowed its stack" ([`crate::RenderError::TooDeep`]).
//! - time: the parent kills the worker at its deadline; the worker also exits by itself when a
//!   render runs past `--wall-ms` plus a grace period, so it cannot outlive a parent that died.

use std::collections::BTreeMap;
use std::io::{BufReader, BufWriter, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use loa_templates::{FileMap, Pack};

use crate::protocol::{
    Caps, FromWorker, PROTOCOL_VERSION, ToWorker, WireError, read_frame, write_frame,
};
use crate::renderer::Job;
use crate::{RenderOptions, Renderer};

/// The argument that makes a host binary a render worker.
pub const WORKER_ARG: &str = "__render-worker";

/// How long past its wall-clock limit a render may run before the worker ends itself (the
/// parent normally kills it first).
const SELF_KILL_GRACE: Duration = Duration::from_secs(5);
/// Packs the worker keeps parsed (the same number as the renderer keeps Typst files for).
const PACKS_KEPT: usize = 4;
/// Exit code after a panic was reported (EX_SOFTWARE).
const EXIT_PANIC: i32 = 70;
/// Exit code when the parent spoke nonsense or the pipe broke (EX_PROTOCOL).
const EXIT_PROTOCOL: i32 = 76;
/// Exit code when the self-watchdog fired (EX_TEMPFAIL).
const EXIT_SELF_TIMEOUT: i32 = 75;

/// The limits a worker is started with (`--memory-mb`, `--stack-mb`, `--wall-ms` after
/// [`WORKER_ARG`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WorkerArgs {
    pub memory_mb: u64,
    pub stack_mb: u64,
    pub wall_ms: u64,
}

impl WorkerArgs {
    pub fn to_args(self) -> Vec<String> {
        vec![
            format!("--memory-mb={}", self.memory_mb),
            format!("--stack-mb={}", self.stack_mb),
            format!("--wall-ms={}", self.wall_ms),
        ]
    }

    /// Reads the flags that follow [`WORKER_ARG`]; a missing or bad flag keeps the default.
    fn parse(args: impl Iterator<Item = String>) -> WorkerArgs {
        let defaults = crate::Limits::default();
        let mut out = WorkerArgs {
            memory_mb: defaults.memory_mb,
            stack_mb: defaults.stack_mb,
            wall_ms: u64::try_from(defaults.wall.as_millis()).unwrap_or(u64::MAX),
        };
        for a in args {
            let Some((k, v)) = a.split_once('=') else {
                continue;
            };
            let Ok(v) = v.parse::<u64>() else { continue };
            match k {
                "--memory-mb" => out.memory_mb = v,
                "--stack-mb" => out.stack_mb = v,
                "--wall-ms" => out.wall_ms = v,
                _ => {}
            }
        }
        out
    }
}

/// Call first thing in a host's `main`: when this process was started as a render worker
/// (`<exe> __render-worker …`), runs the worker and exits; otherwise returns at once.
pub fn run_worker_if_asked() {
    if std::env::args_os().nth(1).is_some_and(|a| a == WORKER_ARG) {
        worker_main()
    }
}

/// The worker itself: limits (from the flags after [`WORKER_ARG`]), then the request loop on a
/// thread with a large stack. Never returns.
pub fn worker_main() -> ! {
    let flags = std::env::args().skip_while(|a| a != WORKER_ARG).skip(1);
    let args = WorkerArgs::parse(flags);
    set_limits(&args);
    let stack = usize::try_from(args.stack_mb.saturating_mul(1024 * 1024)).unwrap_or(usize::MAX);
    // Typst lays out pages on rayon's pool: its threads need the same stack as ours. Two are
    // enough for one page at a time and keep memory predictable.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .stack_size(stack)
        .thread_name(|i| format!("loa-render-{i}"))
        .build_global();
    let busy: Arc<Mutex<Option<Instant>>> = Arc::default();
    spawn_self_watchdog(busy.clone(), Duration::from_millis(args.wall_ms));
    let code = std::thread::Builder::new()
        .name("loa-render".to_owned())
        .stack_size(stack)
        .spawn(move || serve(&busy))
        .map(|h| h.join().unwrap_or(EXIT_PANIC))
        .unwrap_or(EXIT_PROTOCOL);
    std::process::exit(code)
}

#[cfg(unix)]
fn set_limits(args: &WorkerArgs) {
    use rlimit::Resource;
    let memory = args.memory_mb.saturating_mul(1024 * 1024);
    // Failing to set a limit is reported on stderr and the worker goes on: the parent's
    // wall-clock limit still holds, and refusing to render would help no one.
    for (resource, value, what) in [
        (Resource::AS, memory, "memory"),
        (Resource::CORE, 0, "core files"),
        (Resource::FSIZE, 0, "file size"),
    ] {
        if let Err(e) = rlimit::setrlimit(resource, value, value) {
            eprintln!("loa render worker: cannot limit {what}: {e}");
        }
    }
}

#[cfg(not(unix))]
fn set_limits(_: &WorkerArgs) {}

/// Ends the process when one render runs far past its limit: the parent kills us at the
/// limit, so this only fires when the parent is gone or stuck.
fn spawn_self_watchdog(busy: Arc<Mutex<Option<Instant>>>, wall: Duration) {
    let limit = wall + SELF_KILL_GRACE;
    let _ = std::thread::Builder::new()
        .name("loa-render-watchdog".to_owned())
        .stack_size(64 * 1024)
        .spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(250));
                let since = *busy.lock().unwrap_or_else(|e| e.into_inner());
                if since.is_some_and(|s| s.elapsed() > limit) {
                    eprintln!("loa render worker: a render ran past its limit; exiting");
                    std::process::exit(EXIT_SELF_TIMEOUT);
                }
            }
        });
}

/// The request loop. Returns the process's exit code.
fn serve(busy: &Mutex<Option<Instant>>) -> i32 {
    let mut input = BufReader::with_capacity(1 << 20, std::io::stdin().lock());
    let mut output = BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    let hello = FromWorker::Ready {
        protocol: PROTOCOL_VERSION,
    };
    if write_frame(&mut output, &hello, &[]).is_err() {
        return EXIT_PROTOCOL;
    }
    let renderer = Renderer::new();
    let mut packs: Vec<Pack> = Vec::new();
    loop {
        let (request, blobs) = match read_frame::<_, ToWorker>(&mut input, Caps::REQUEST) {
            Ok(Some(frame)) => frame,
            // The parent closed our stdin: Loa is done with us.
            Ok(None) => return 0,
            Err(e) => {
                let error = WireError::Invalid {
                    detail: e.to_string(),
                };
                let _ = write_frame(&mut output, &FromWorker::Failed { error }, &[]);
                return EXIT_PROTOCOL;
            }
        };
        let ToWorker::Render {
            pack_hash,
            pack_files,
            template,
            data_json,
            inputs,
            size,
            format,
            pixel_per_pt,
            png_compression,
        } = request;
        let mut blobs = blobs.into_iter();
        let pack = match pack_files {
            Some(paths) => {
                let files: FileMap = paths.into_iter().zip(blobs.by_ref()).collect();
                match Pack::from_files(files) {
                    Ok(p) if p.hash() == pack_hash => {
                        packs.retain(|k| k.hash() != pack_hash);
                        packs.insert(0, p);
                        packs.truncate(PACKS_KEPT);
                        &packs[0]
                    }
                    other => {
                        let detail = match other {
                            Ok(_) => "the pack's files do not match its hash".to_owned(),
                            Err(e) => e.to_string(),
                        };
                        let error = WireError::Invalid { detail };
                        if write_frame(&mut output, &FromWorker::Failed { error }, &[]).is_err() {
                            return EXIT_PROTOCOL;
                        }
                        continue;
                    }
                }
            }
            None => match packs.iter().position(|p| p.hash() == pack_hash) {
                Some(i) => &packs[i],
                None => {
                    if write_frame(&mut output, &FromWorker::NeedPack, &[]).is_err() {
                        return EXIT_PROTOCOL;
                    }
                    continue;
                }
            },
        };
        let inputs: BTreeMap<String, Vec<u8>> = inputs.into_iter().zip(blobs).collect();
        let job = Job {
            pack,
            template: &template,
            data_json: &data_json,
            inputs: &inputs,
            size,
            format,
            options: RenderOptions {
                pixel_per_pt,
                png_compression,
            },
        };
        *busy.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now());
        let result = catch_unwind(AssertUnwindSafe(|| renderer.draw(&job)));
        *busy.lock().unwrap_or_else(|e| e.into_inner()) = None;
        let sent = match result {
            Ok(Ok(drawn)) => {
                let micros = |d: Duration| u64::try_from(d.as_micros()).unwrap_or(u64::MAX);
                let done = FromWorker::Done {
                    width: drawn.width,
                    height: drawn.height,
                    warnings: drawn.warnings,
                    compile_us: micros(drawn.compile),
                    draw_us: micros(drawn.draw),
                    encode_us: micros(drawn.encode),
                };
                write_frame(&mut output, &done, &[&drawn.bytes])
            }
            Ok(Err(e)) => {
                let error = WireError::from_render(&e);
                write_frame(&mut output, &FromWorker::Failed { error }, &[])
            }
            Err(panic) => {
                let detail = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panic".to_owned());
                let error = WireError::Panicked { detail };
                let _ = write_frame(&mut output, &FromWorker::Failed { error }, &[]);
                // Typst's caches may be half-updated: a fresh worker is safer than this one.
                return EXIT_PANIC;
            }
        };
        if sent.is_err() {
            return EXIT_PROTOCOL;
        }
        let _ = output.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_round_trip_and_bad_ones_keep_the_default() {
        let a = WorkerArgs {
            memory_mb: 512,
            stack_mb: 64,
            wall_ms: 1500,
        };
        assert_eq!(WorkerArgs::parse(a.to_args().into_iter()), a);
        let d = WorkerArgs::parse(["--memory-mb=lots".to_owned(), "x".to_owned()].into_iter());
        assert_eq!(d.memory_mb, crate::Limits::default().memory_mb);
    }
}
