//! One error type for every video operation. Each error has a stable `code()` that front ends turn
//! into a Fluent message id (`video-error-<code>` with `-` for `_`, in `locales/*/video.ftl`) and
//! `args()` for that message. The English `Display` text is for logs: it may hold ffmpeg's own
//! words (`detail`), which never reach the officer's window.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

/// Which of the two programs an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tool {
    Ffmpeg,
    Ffprobe,
}

impl Tool {
    /// The program's file name without extension.
    pub fn name(self) -> &'static str {
        match self {
            Tool::Ffmpeg => "ffmpeg",
            Tool::Ffprobe => "ffprobe",
        }
    }
}

impl std::fmt::Display for Tool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a video could not be probed, planned, compressed or given a poster frame.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum VideoError {
    /// Neither `LOA_FFMPEG_DIR`, the folder of Loa's executable nor `PATH` holds the program.
    #[error("{tool} not found (looked in LOA_FFMPEG_DIR, beside the executable and on PATH)")]
    ToolMissing { tool: Tool },
    /// The program is there but does not run (`-version` failed).
    #[error("{tool} does not run: {detail}")]
    ToolBroken { tool: Tool, detail: String },
    /// The program refused an option every supported version has (ffmpeg before 5.1).
    #[error("{tool} is too old for Loa (needs 5.1 or newer): {detail}")]
    ToolTooOld { tool: Tool, detail: String },
    /// The program died from a signal or an access violation: a decoder crashed on this file.
    #[error("{tool} crashed on this file ({status})")]
    ToolCrashed { tool: Tool, status: String },
    #[error("cannot read {path}: {detail}")]
    Read { path: PathBuf, detail: String },
    #[error("{path} is empty (0 bytes)")]
    Empty { path: PathBuf },
    /// Not an MP4/MOV/3GP/3G2 or WebM/Matroska file, whatever its name says.
    #[error("not a video file (MP4, MOV, 3GP or WebM)")]
    NotAVideo,
    /// A video container with sound only, or only a cover picture.
    #[error("the file holds no moving picture")]
    NoVideoTrack,
    /// A codec this ffmpeg cannot decode.
    #[error("the {codec} codec cannot be decoded")]
    UnsupportedCodec { codec: String },
    /// Encrypted (DRM) streams cannot be decoded without their keys.
    #[error("the video is encrypted")]
    Encrypted,
    /// The index (`moov`) is missing: the copy is unfinished or was cut off.
    #[error("the file is incomplete: {detail}")]
    Incomplete { detail: String },
    #[error("the video is damaged: {detail}")]
    Damaged { detail: String },
    /// The header declares a picture larger than any phone records.
    #[error("the video declares {width}×{height} pixels, over the limit")]
    TooManyPixels { width: u32, height: u32 },
    /// Longer than [`crate::Limits::max_duration`].
    #[error("the video lasts {duration_s:.0} s, over the limit of {max_s:.0} s")]
    TooLong { duration_s: f64, max_s: f64 },
    /// The duration could not be found, and the preset needs it (Zalo's size, Reels' length).
    #[error("the length of the video cannot be read")]
    DurationUnknown,
    /// Reels take 3 to 90 seconds.
    #[error("a reel lasts {min_s:.0} to {max_s:.0} s; this video lasts {duration_s:.1} s")]
    ReelsDuration {
        duration_s: f64,
        min_s: f64,
        max_s: f64,
    },
    /// Even at the lowest usable bitrate the video would be over the size limit.
    #[error(
        "a {duration_s:.0} s video cannot fit in {max_bytes} bytes; at most {max_duration_s:.0} s fits"
    )]
    WontFit {
        duration_s: f64,
        max_bytes: u64,
        max_duration_s: f64,
    },
    /// The output came out over the preset's size limit even after a second, smaller try.
    #[error("the output is {bytes} bytes, over the limit of {max_bytes}")]
    OutputTooLarge { bytes: u64, max_bytes: u64 },
    /// The wall-clock limit ran out.
    #[error("stopped after {seconds} s (time limit)")]
    TimedOut { seconds: u64 },
    /// No progress for too long.
    #[error("stopped: no progress for {seconds} s")]
    Stalled { seconds: u64 },
    /// The child's memory passed [`crate::Limits::max_memory`].
    #[error("stopped: memory over {limit_mb} MB")]
    MemoryLimit { limit_mb: u64 },
    #[error("cancelled")]
    Cancelled,
    /// ffmpeg failed for a reason not classified above.
    #[error("ffmpeg failed: {detail}")]
    Failed { detail: String },
    #[error("cannot write {path}: {detail}")]
    Write { path: PathBuf, detail: String },
    /// The output would replace the input file itself.
    #[error("{path} is the original video; choose another output folder")]
    WouldOverwrite { path: PathBuf },
}

fn args(pairs: &[(&str, String)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

/// Whole seconds, rounded up, as the officer reads them (a 90.4 s clip is "91 s" long).
fn secs(s: f64) -> String {
    format!("{}", s.ceil().max(0.0) as u64)
}

/// Megabytes with one decimal at most, as the officer reads them.
fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / 1_000_000.0;
    if (mb - mb.round()).abs() < 0.05 {
        format!("{}", mb.round() as u64)
    } else {
        format!("{mb:.1}")
    }
}

impl VideoError {
    /// A stable code, e.g. `not_a_video`; the Fluent id is `video-error-not-a-video`.
    pub fn code(&self) -> &'static str {
        match self {
            VideoError::ToolMissing { .. } => "tool_missing",
            VideoError::ToolBroken { .. } => "tool_broken",
            VideoError::ToolTooOld { .. } => "tool_too_old",
            VideoError::ToolCrashed { .. } => "tool_crashed",
            VideoError::Read { .. } => "read_failed",
            VideoError::Empty { .. } => "empty_file",
            VideoError::NotAVideo => "not_a_video",
            VideoError::NoVideoTrack => "no_video_track",
            VideoError::UnsupportedCodec { .. } => "unsupported_codec",
            VideoError::Encrypted => "encrypted",
            VideoError::Incomplete { .. } => "incomplete",
            VideoError::Damaged { .. } => "damaged",
            VideoError::TooManyPixels { .. } => "too_many_pixels",
            VideoError::TooLong { .. } => "too_long",
            VideoError::DurationUnknown => "duration_unknown",
            VideoError::ReelsDuration { .. } => "reels_duration",
            VideoError::WontFit { .. } => "wont_fit",
            VideoError::OutputTooLarge { .. } => "output_too_large",
            VideoError::TimedOut { .. } => "timed_out",
            VideoError::Stalled { .. } => "stalled",
            VideoError::MemoryLimit { .. } => "memory_limit",
            VideoError::Cancelled => "cancelled",
            VideoError::Failed { .. } => "encode_failed",
            VideoError::Write { .. } => "write_failed",
            VideoError::WouldOverwrite { .. } => "would_overwrite",
        }
    }

    /// The Fluent message id for this error.
    pub fn message_id(&self) -> String {
        format!("video-error-{}", self.code().replace('_', "-"))
    }

    /// Arguments of the message. ffmpeg's own words (`detail`) are left out on purpose: they are
    /// English and technical, and only the log gets them (through `Display`).
    pub fn args(&self) -> BTreeMap<String, String> {
        match self {
            VideoError::ToolMissing { tool }
            | VideoError::ToolBroken { tool, .. }
            | VideoError::ToolTooOld { tool, .. }
            | VideoError::ToolCrashed { tool, .. } => args(&[("tool", tool.name().to_owned())]),
            VideoError::Read { path, .. }
            | VideoError::Empty { path }
            | VideoError::Write { path, .. }
            | VideoError::WouldOverwrite { path } => args(&[("path", path.display().to_string())]),
            VideoError::UnsupportedCodec { codec } => args(&[("codec", codec.clone())]),
            VideoError::TooManyPixels { width, height } => {
                args(&[("width", width.to_string()), ("height", height.to_string())])
            }
            VideoError::TooLong { duration_s, max_s } => args(&[
                ("duration", secs(*duration_s)),
                ("max_minutes", format!("{}", (max_s / 60.0).floor() as u64)),
            ]),
            VideoError::ReelsDuration {
                duration_s,
                min_s,
                max_s,
            } => args(&[
                ("duration", format!("{duration_s:.1}")),
                ("min", secs(*min_s)),
                ("max", secs(*max_s)),
            ]),
            VideoError::WontFit {
                duration_s,
                max_bytes,
                max_duration_s,
            } => args(&[
                ("duration", secs(*duration_s)),
                ("max_mb", megabytes(*max_bytes)),
                ("max_minutes", format!("{:.1}", max_duration_s / 60.0)),
            ]),
            VideoError::OutputTooLarge { bytes, max_bytes } => {
                args(&[("mb", megabytes(*bytes)), ("max_mb", megabytes(*max_bytes))])
            }
            VideoError::TimedOut { seconds } | VideoError::Stalled { seconds } => {
                args(&[("seconds", seconds.to_string())])
            }
            VideoError::MemoryLimit { limit_mb } => args(&[("limit_mb", limit_mb.to_string())]),
            VideoError::NotAVideo
            | VideoError::NoVideoTrack
            | VideoError::Encrypted
            | VideoError::Incomplete { .. }
            | VideoError::Damaged { .. }
            | VideoError::DurationUnknown
            | VideoError::Cancelled
            | VideoError::Failed { .. } => BTreeMap::new(),
        }
    }

    /// Whether trying the same file again can succeed (a disk problem, a time limit on a busy
    /// machine, a cancel), as opposed to a file or a setting that fails the same way every time.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            VideoError::Read { .. }
                | VideoError::Write { .. }
                | VideoError::TimedOut { .. }
                | VideoError::Stalled { .. }
                | VideoError::Cancelled
                | VideoError::Incomplete { .. }
        )
    }
}
