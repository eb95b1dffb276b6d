//! Running a [`Plan`]: ffmpeg writes `<output>.part`, progress comes from `-progress pipe:1`,
//! cancel and every bound kill the child, and only a checked output is renamed into place. An
//! output over the plan's size limit gets one more try at a lower bitrate.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::child::{Bounds, Line};
use crate::engine::{Engine, run_checked};
use crate::error::{Tool, VideoError};
use crate::plan::Plan;
use crate::probe::{self, VideoInfo};
use crate::progress::{Parser, Progress};

/// Standard output allowed from one compression: `-progress` prints about 300 bytes twice a
/// second, so this is many hours of it, and still a bound.
const MAX_PROGRESS_OUTPUT: u64 = 64 << 20;
/// A second try aims this far under the limit.
const RETRY_MARGIN: f64 = 0.9;

/// A finished, checked output.
#[derive(Debug, Clone, Serialize)]
pub struct Transcoded {
    pub path: PathBuf,
    pub bytes: u64,
    /// The output, probed: upright size, no rotation, no location unless kept.
    pub info: VideoInfo,
    /// The plan that made it (the second one when the first came out too large).
    pub plan: Plan,
    pub elapsed: Duration,
    pub retried: bool,
}

impl Engine {
    /// Compresses `plan.input` to `output` (an MP4). `on_progress` is called about twice a
    /// second; setting `cancel` stops ffmpeg within 50 ms and removes the partial file.
    pub fn transcode(
        &self,
        plan: &Plan,
        output: &Path,
        cancel: &AtomicBool,
        on_progress: &mut dyn FnMut(&Progress),
    ) -> Result<Transcoded, VideoError> {
        let start = Instant::now();
        if same_file(&plan.input, output) {
            return Err(VideoError::WouldOverwrite {
                path: output.to_path_buf(),
            });
        }
        let part = part_path(output);
        let mut current = plan.clone();
        let mut retried = false;
        loop {
            if cancel.load(Ordering::Relaxed) {
                return Err(VideoError::Cancelled);
            }
            let result = self.run_once(&current, &part, output, cancel, on_progress);
            let info = match result {
                Ok(info) => info,
                Err(e) => {
                    let _ = std::fs::remove_file(&part);
                    return Err(e);
                }
            };
            let bytes = info.bytes;
            match current.max_bytes {
                Some(max) if bytes > max && !retried => {
                    retried = true;
                    current = current.with_rate_scaled(max as f64 / bytes as f64 * RETRY_MARGIN);
                    continue;
                }
                Some(max) if bytes > max => {
                    let _ = std::fs::remove_file(&part);
                    return Err(VideoError::OutputTooLarge {
                        bytes,
                        max_bytes: max,
                    });
                }
                _ => {}
            }
            let write_err = |e: std::io::Error| VideoError::Write {
                path: output.to_path_buf(),
                detail: e.to_string(),
            };
            if cfg!(windows) && output.exists() {
                // Windows will not rename over an existing file.
                std::fs::remove_file(output).map_err(write_err)?;
            }
            std::fs::rename(&part, output).map_err(write_err)?;
            let mut info = info;
            info.path = output.to_path_buf();
            return Ok(Transcoded {
                path: output.to_path_buf(),
                bytes,
                info,
                plan: current,
                elapsed: start.elapsed(),
                retried,
            });
        }
    }

    /// One ffmpeg run into `part`, then the check of what it wrote.
    fn run_once(
        &self,
        plan: &Plan,
        part: &Path,
        output: &Path,
        cancel: &AtomicBool,
        on_progress: &mut dyn FnMut(&Progress),
    ) -> Result<VideoInfo, VideoError> {
        // Creating the file first turns a missing or read-only folder into a clear error
        // before ffmpeg starts.
        std::fs::File::create(part).map_err(|e| VideoError::Write {
            path: output.to_path_buf(),
            detail: e.to_string(),
        })?;
        let limits = self.limits();
        let duration = plan.duration_s.unwrap_or(0.0);
        let bounds = Bounds {
            timeout: limits.encode_timeout(duration),
            stall: Some(limits.stall_timeout),
            max_stdout: MAX_PROGRESS_OUTPUT,
            max_rss: limits.max_memory,
        };
        let mut cmd = self.ffmpeg_command();
        cmd.args(plan.command_line(part));
        let mut parser = Parser::new(plan.duration_s);
        let mut report = |l: &[u8]| match parser.line(&String::from_utf8_lossy(l)) {
            Some((p, moved)) => {
                on_progress(&p);
                if moved { Line::Progress } else { Line::Other }
            }
            None => Line::Other,
        };
        let finished = run_checked(&mut cmd, &bounds, Some(cancel), Tool::Ffmpeg, &mut report)?;
        if !finished.status.success() {
            return Err(classify(&finished.stderr, output));
        }
        // ffmpeg can succeed without writing a single frame (every packet damaged).
        let info = self.probe(part).map_err(|e| match e {
            VideoError::Incomplete { detail } | VideoError::Damaged { detail } => {
                VideoError::Damaged {
                    detail: format!("the output is unreadable: {detail}"),
                }
            }
            VideoError::NoVideoTrack => VideoError::Damaged {
                detail: "no picture could be decoded".into(),
            },
            other => other,
        })?;
        if info.duration_s.is_none_or(|d| d <= 0.0) {
            return Err(VideoError::Damaged {
                detail: "no picture could be decoded".into(),
            });
        }
        Ok(info)
    }
}

/// Why ffmpeg gave up, from the end of its standard error.
fn classify(stderr: &str, output: &Path) -> VideoError {
    let detail = stderr.lines().last().unwrap_or("").trim().to_owned();
    if stderr.contains("Unrecognized option") || stderr.contains("Option not found") {
        VideoError::ToolTooOld {
            tool: Tool::Ffmpeg,
            detail,
        }
    } else if stderr.contains("No space left on device") {
        VideoError::Write {
            path: output.to_path_buf(),
            detail,
        }
    } else if stderr.contains("moov atom not found")
        || stderr.contains("Decoder (codec ")
        || stderr.contains("Invalid data found")
        || stderr.contains("error reading header")
    {
        probe::classify_input_failure(stderr)
    } else {
        VideoError::Failed { detail }
    }
}

/// `<output>.part` beside the output.
fn part_path(output: &Path) -> PathBuf {
    let mut name = output.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    output.with_file_name(name)
}

/// Whether `output` names the input file (directly or through a link).
fn same_file(input: &Path, output: &Path) -> bool {
    match (std::fs::canonicalize(input), std::fs::canonicalize(output)) {
        (Ok(a), Ok(b)) => a == b,
        _ => input == output,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_are_classified() {
        let out = Path::new("/o.mp4");
        assert!(matches!(
            classify("Unrecognized option 'fps_mode'.", out),
            VideoError::ToolTooOld { .. }
        ));
        assert!(matches!(
            classify("av_interleaved_write_frame(): No space left on device", out),
            VideoError::Write { .. }
        ));
        assert!(matches!(
            classify("moov atom not found", out),
            VideoError::Incomplete { .. }
        ));
        assert!(matches!(
            classify("Error initializing output stream 0:0", out),
            VideoError::Failed { .. }
        ));
    }

    #[test]
    fn the_partial_file_sits_beside_the_output() {
        assert_eq!(
            part_path(Path::new("/a/b/clip.mp4")),
            PathBuf::from("/a/b/clip.mp4.part")
        );
    }
}
