//! The engine: the two programs found once, what they can do, and the bounds every run obeys.
//! Probing lives here; compressing in `transcode`, the poster frame in `poster`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use crate::child::{self, Bounds, Line, Stopped};
use crate::error::{Tool, VideoError};
use crate::limits::Limits;
use crate::locate::Search;
use crate::plan::{self, Capabilities, Plan};
use crate::preset::Options;
use crate::probe::{self, VideoInfo};
use crate::progress;

/// The source's average bitrate under which a declared duration is not believed (a few
/// kilobytes declaring minutes): the packets are read to measure it instead.
const IMPLAUSIBLE_BPS: f64 = 20_000.0;

/// ffmpeg and ffprobe, ready to use. Cheap to clone; safe to share between threads.
#[derive(Debug, Clone)]
pub struct Engine {
    ffmpeg: PathBuf,
    ffprobe: PathBuf,
    version: String,
    caps: Capabilities,
    limits: Limits,
}

impl Engine {
    /// Finds the programs (`LOA_FFMPEG_DIR`, beside the executable, `PATH`), checks that both
    /// run, and reads what ffmpeg can do. About 0.1 s; do it once per process.
    pub fn locate() -> Result<Engine, VideoError> {
        Engine::locate_in(&Search::from_env(), Limits::default())
    }

    /// As [`Engine::locate`], with the places to look and the bounds given.
    pub fn locate_in(search: &Search, limits: Limits) -> Result<Engine, VideoError> {
        let (ffmpeg, ffprobe) = search.find()?;
        let version = first_line(&run_info(&ffmpeg, Tool::Ffmpeg, &["-version"])?);
        run_info(&ffprobe, Tool::Ffprobe, &["-version"])?;
        let filters = run_info(&ffmpeg, Tool::Ffmpeg, &["-filters"])?;
        let has = |name: &str| {
            filters
                .lines()
                .any(|l| l.split_whitespace().nth(1) == Some(name))
        };
        Ok(Engine {
            ffmpeg,
            ffprobe,
            version,
            caps: Capabilities {
                tonemap: has("zscale") && has("tonemap"),
            },
            limits,
        })
    }

    /// ffmpeg's first `-version` line ("ffmpeg version 5.1.9-0+deb12u1 …").
    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn ffmpeg_path(&self) -> &Path {
        &self.ffmpeg
    }

    pub fn capabilities(&self) -> Capabilities {
        self.caps
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The same engine with other bounds (tests shrink them).
    pub fn with_limits(mut self, limits: Limits) -> Engine {
        self.limits = limits;
        self
    }

    /// Decides everything about one output; see [`plan::plan`]. No program runs.
    pub fn plan(&self, info: &VideoInfo, opts: &Options) -> Result<Plan, VideoError> {
        plan::plan(info, opts, self.caps, &self.limits)
    }

    /// What the file holds. Refuses, with a typed reason, an empty file, a file that is not an
    /// MP4/MOV/3GP/WebM, an unfinished copy (no index), an encrypted or damaged one, a picture
    /// no phone records; all within [`Limits::probe_timeout`].
    pub fn probe(&self, path: &Path) -> Result<VideoInfo, VideoError> {
        let (family, bytes) = probe::sniff(path)?;
        let mut cmd = Command::new(&self.ffprobe);
        cmd.args(["-hide_banner", "-v", "error"])
            .args(["-max_alloc", &self.limits.max_alloc.to_string()])
            .args(["-probesize", &self.limits.probesize.to_string()])
            .args([
                "-analyzeduration",
                &self.limits.analyzeduration.as_micros().to_string(),
            ])
            .args(["-protocol_whitelist", "file"])
            .args(["-f", probe::family_demuxer(family)])
            .args(probe::ffprobe_args(family))
            .arg("-i")
            .arg(plan::file_url(path));
        let bounds = Bounds {
            timeout: self.limits.probe_timeout,
            stall: None,
            max_stdout: self.limits.max_probe_output,
            max_rss: self.limits.max_memory,
        };
        let mut json = Vec::new();
        let finished = run_checked(&mut cmd, &bounds, None, Tool::Ffprobe, &mut |chunk| {
            json.extend_from_slice(chunk);
            Line::Other
        })?;
        if !finished.status.success() {
            return Err(probe::classify_input_failure(&finished.stderr));
        }
        let parsed: probe::Probed =
            serde_json::from_slice(&json).map_err(|e| VideoError::Damaged {
                detail: format!("ffprobe output: {e}"),
            })?;
        let mut info = probe::interpret(path, bytes, family, parsed)?;
        let v = &info.video;
        let pixels = u64::from(v.coded_width) * u64::from(v.coded_height);
        if pixels > self.limits.max_pixels
            || v.coded_width > self.limits.max_side
            || v.coded_height > self.limits.max_side
        {
            return Err(VideoError::TooManyPixels {
                width: v.coded_width,
                height: v.coded_height,
            });
        }
        let believable = info
            .duration_s
            .is_some_and(|d| bytes as f64 * 8.0 / d >= IMPLAUSIBLE_BPS);
        if !believable {
            match self.scan_duration(&info)? {
                Some(d) => {
                    info.duration_s = Some(d);
                    info.duration_scanned = true;
                }
                None if info.duration_s.is_some() => {
                    return Err(VideoError::Damaged {
                        detail: "no picture could be read".into(),
                    });
                }
                None => {}
            }
        }
        Ok(info)
    }

    /// Reads the picture's packets without decoding them (a stream copy to nowhere) to measure
    /// how long the video really is. `None` when not a single packet could be read.
    fn scan_duration(&self, info: &VideoInfo) -> Result<Option<f64>, VideoError> {
        let mut cmd = Command::new(&self.ffmpeg);
        cmd.args(plan::input_args(info, &self.limits))
            .arg("-i")
            .arg(plan::file_url(&info.path))
            .args(["-map", &format!("0:{}", info.video.index)])
            .args(["-c", "copy", "-f", "null", "-progress", "pipe:1", "-"]);
        let bounds = Bounds {
            timeout: self.limits.probe_timeout,
            stall: None,
            max_stdout: self.limits.max_probe_output,
            max_rss: self.limits.max_memory,
        };
        let mut parser = progress::Parser::new(None);
        run_checked(&mut cmd, &bounds, None, Tool::Ffmpeg, &mut |l| {
            parser.line(&String::from_utf8_lossy(l));
            Line::Other
        })?;
        // A damaged file still tells how far its packets went before the damage.
        Ok(parser.done_s().filter(|d| *d > 0.0))
    }

    /// Runs the engine's ffmpeg with `args`: for the poster and compression modules.
    pub(crate) fn ffmpeg_command(&self) -> Command {
        Command::new(&self.ffmpeg)
    }
}

/// Runs a child under `bounds`: a bound that stops it becomes its typed error, a crash
/// [`VideoError::ToolCrashed`]. Exit codes are left to the caller, which knows what they mean.
pub(crate) fn run_checked(
    cmd: &mut Command,
    bounds: &Bounds,
    cancel: Option<&AtomicBool>,
    tool: Tool,
    on_line: &mut dyn FnMut(&[u8]) -> Line,
) -> Result<child::Finished, VideoError> {
    let finished =
        child::run(cmd, bounds, cancel, on_line).map_err(|s| stopped(s, tool, bounds))?;
    if let Some(status) = child::crash_status(&finished.status) {
        return Err(VideoError::ToolCrashed { tool, status });
    }
    Ok(finished)
}

/// A bound that stopped a run, as the officer's error.
fn stopped(s: Stopped, tool: Tool, bounds: &Bounds) -> VideoError {
    match s {
        Stopped::Spawn(e) => VideoError::ToolBroken {
            tool,
            detail: e.to_string(),
        },
        Stopped::TimedOut => VideoError::TimedOut {
            seconds: bounds.timeout.as_secs(),
        },
        Stopped::Stalled => VideoError::Stalled {
            seconds: bounds.stall.unwrap_or_default().as_secs(),
        },
        Stopped::Cancelled => VideoError::Cancelled,
        Stopped::StdoutOverflow => VideoError::Damaged {
            detail: format!("{tool} printed more than allowed"),
        },
        Stopped::Memory => VideoError::MemoryLimit {
            limit_mb: bounds.max_rss.unwrap_or_default() >> 20,
        },
    }
}

/// Runs `tool args` for information (`-version`, `-filters`), briefly and bounded.
fn run_info(exe: &Path, tool: Tool, args: &[&str]) -> Result<String, VideoError> {
    let mut cmd = Command::new(exe);
    cmd.arg("-hide_banner").args(args);
    let bounds = Bounds {
        timeout: Duration::from_secs(15),
        stall: None,
        max_stdout: 1 << 20,
        max_rss: None,
    };
    let mut out = Vec::new();
    let finished = child::run(&mut cmd, &bounds, None, &mut |l| {
        out.extend_from_slice(l);
        Line::Other
    })
    .map_err(|s| VideoError::ToolBroken {
        tool,
        detail: format!("{s:?}"),
    })?;
    if !finished.status.success() {
        return Err(VideoError::ToolBroken {
            tool,
            detail: finished.stderr.lines().last().unwrap_or("").to_owned(),
        });
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_owned()
}
