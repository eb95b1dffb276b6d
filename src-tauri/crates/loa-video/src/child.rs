//! Running ffmpeg or ffprobe as a child process with every outside bound in one place: a
//! wall-clock limit, a stall limit, a cap on what is read from its standard output, a resident
//! memory cap (watched from `/proc` on Linux) and cancellation. The child is killed and reaped on
//! every way out, panics included, so no ffmpeg outlives the call that started it.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// How often the wait loop looks at the clock, the cancel flag and the child's memory.
const POLL: Duration = Duration::from_millis(50);
/// Once the child has closed its output it is exiting: look for its end more often.
const EXIT_POLL: Duration = Duration::from_millis(2);
/// How much of the end of the child's standard error is kept to classify a failure.
const STDERR_TAIL: usize = 16 * 1024;

/// The bounds of one run.
#[derive(Debug, Clone)]
pub(crate) struct Bounds {
    /// Kill the child after this long.
    pub timeout: Duration,
    /// Kill the child when `on_line` has not reported progress for this long.
    pub stall: Option<Duration>,
    /// Kill the child when its standard output passes this many bytes.
    pub max_stdout: u64,
    /// Kill the child when its resident memory passes this many bytes (Linux only).
    pub max_rss: Option<u64>,
}

/// Why a run ended early.
#[derive(Debug)]
pub(crate) enum Stopped {
    Spawn(std::io::Error),
    TimedOut,
    Stalled,
    Cancelled,
    StdoutOverflow,
    Memory,
}

/// A child that ran to its end.
#[derive(Debug)]
pub(crate) struct Finished {
    pub status: ExitStatus,
    /// The last [`STDERR_TAIL`] bytes of standard error, lossily decoded.
    pub stderr: String,
}

/// What `on_line` says about a line of standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Line {
    /// The child moved forward: the stall clock restarts.
    Progress,
    Other,
}

/// Kills and reaps the child when dropped, unless it was reaped already.
struct Reaper(Option<Child>);

impl Reaper {
    fn child(&mut self) -> Option<&mut Child> {
        self.0.as_mut()
    }

    fn kill(&mut self) {
        if let Some(mut c) = self.0.take() {
            // The child may have exited between the check and the kill: both results are fine.
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for Reaper {
    fn drop(&mut self) {
        self.kill();
    }
}

enum Msg {
    Line(Vec<u8>),
    Overflow,
}

/// Runs `cmd` to its end or to the first bound it passes. Standard output is handed to `on_line`
/// piece by piece, each ending at a newline (kept) or at the end: text callers read lines, binary
/// callers (a JPEG on the pipe) put the pieces back together. At most `max_stdout` bytes in all;
/// standard input is closed.
pub(crate) fn run(
    cmd: &mut Command,
    bounds: &Bounds,
    cancel: Option<&AtomicBool>,
    on_line: &mut dyn FnMut(&[u8]) -> Line,
) -> Result<Finished, Stopped> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let child = cmd.spawn().map_err(Stopped::Spawn)?;
    let mut reaper = Reaper(Some(child));
    let Some(c) = reaper.child() else {
        return Err(Stopped::Spawn(std::io::Error::other("no child")));
    };
    let pid = c.id();
    let stdout = c.stdout.take();
    let stderr = c.stderr.take();

    let (tx, rx) = mpsc::channel::<Msg>();
    let max_stdout = bounds.max_stdout;
    let out_thread = stdout.map(|out| {
        thread::spawn(move || {
            // One byte over the cap tells an overflow from an output of exactly the cap.
            let mut r = BufReader::new(out.take(max_stdout + 1));
            let mut buf = Vec::new();
            let mut total = 0u64;
            loop {
                buf.clear();
                match r.read_until(b'\n', &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        total += n as u64;
                        if total > max_stdout {
                            let _ = tx.send(Msg::Overflow);
                            break;
                        }
                        if tx.send(Msg::Line(std::mem::take(&mut buf))).is_err() {
                            break;
                        }
                    }
                }
            }
        })
    });
    let err_thread = stderr.map(|mut err| {
        thread::spawn(move || {
            let mut tail = VecDeque::with_capacity(STDERR_TAIL);
            let mut chunk = [0u8; 4096];
            while let Ok(n) = err.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                tail.extend(&chunk[..n]);
                let over = tail.len().saturating_sub(STDERR_TAIL);
                tail.drain(..over);
            }
            String::from_utf8_lossy(&Vec::from(tail)).into_owned()
        })
    });

    let mut last_progress = Instant::now();
    let mut last_rss_check = Instant::now();
    let mut stdout_open = true;
    let outcome = loop {
        // Lines first, so that a child that printed and exited is read to its end.
        if stdout_open {
            match rx.recv_timeout(POLL) {
                Ok(Msg::Line(l)) => {
                    if on_line(&l) == Line::Progress {
                        last_progress = Instant::now();
                    }
                }
                Ok(Msg::Overflow) => break Err(Stopped::StdoutOverflow),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => stdout_open = false,
            }
        } else {
            thread::sleep(EXIT_POLL);
        }
        if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            break Err(Stopped::Cancelled);
        }
        if start.elapsed() > bounds.timeout {
            break Err(Stopped::TimedOut);
        }
        if bounds.stall.is_some_and(|s| last_progress.elapsed() > s) {
            break Err(Stopped::Stalled);
        }
        if let Some(max) = bounds.max_rss
            && last_rss_check.elapsed() >= POLL
        {
            last_rss_check = Instant::now();
            if rss(pid).is_some_and(|r| r > max) {
                break Err(Stopped::Memory);
            }
        }
        let Some(c) = reaper.child() else {
            break Err(Stopped::Spawn(std::io::Error::other("child lost")));
        };
        match c.try_wait() {
            // Exited, and every line it printed has been read.
            Ok(Some(status)) if !stdout_open => break Ok(status),
            Ok(_) => {}
            Err(e) => break Err(Stopped::Spawn(e)),
        }
    };
    match outcome {
        Ok(status) => {
            reaper.0 = None;
            if let Some(t) = out_thread {
                let _ = t.join();
            }
            let stderr = err_thread.and_then(|t| t.join().ok()).unwrap_or_default();
            Ok(Finished { status, stderr })
        }
        Err(stopped) => {
            // Killing closes the pipes, so both reader threads end and can be joined.
            reaper.kill();
            drop(rx);
            if let Some(t) = out_thread {
                let _ = t.join();
            }
            if let Some(t) = err_thread {
                let _ = t.join();
            }
            Err(stopped)
        }
    }
}

/// Resident memory of a process in bytes, from `/proc/<pid>/status`.
#[cfg(target_os = "linux")]
fn rss(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Elsewhere the cap is not watched: `-max_alloc` and the thread count still bound ffmpeg.
#[cfg(not(target_os = "linux"))]
fn rss(_pid: u32) -> Option<u64> {
    None
}

/// How a finished child ended, in words for the log, and whether a signal or an access violation
/// killed it (a crash, as opposed to ffmpeg reporting an error and exiting 1).
pub(crate) fn crash_status(status: &ExitStatus) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return Some(format!("signal {sig}"));
        }
    }
    // Windows reports a crash as an NTSTATUS exit code such as 0xC0000005 (access violation),
    // which reads as a negative i32.
    match status.code() {
        Some(c) if c < 0 => Some(format!("exit code {:#010X}", c as u32)),
        _ => None,
    }
}
