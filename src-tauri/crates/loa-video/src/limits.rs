//! What bounds what. Every number a hostile or unlucky file could push is capped here, once.
//!
//! | bound | what it stops | default |
//! | --- | --- | --- |
//! | `probe_timeout` | ffprobe (and the duration scan) hanging on a file | 30 s |
//! | `max_probe_output` | ffprobe printing without end (thousands of streams, huge tags) | 4 MiB |
//! | `probesize`, `analyzeduration` | how much ffmpeg reads to find the streams | 32 MiB, 15 s |
//! | `max_alloc` | one allocation a forged header asks for (sample tables, frame buffers) | 512 MiB |
//! | `threads` | frames in flight, hence memory, on machines with many cores | all cores, at most 8 |
//! | `max_memory` | the child's resident memory, watched every 50 ms (Linux) | 2 GiB |
//! | `encode_timeout` | a compression running too long: `base + per_second × duration` | 120 s + 20 × |
//! | `stall_timeout` | a compression whose output time does not move | 120 s |
//! | `max_pixels`, `max_side` | a declared picture no phone records | 40 MP, 8192 px |
//! | `max_duration` | a video far longer than any post | 4 h |
//! | `max_poster_bytes` | the poster frame read from ffmpeg's output | 8 MiB |

use std::time::Duration;

/// The bounds of an [`crate::Engine`]. `Limits::default()` is what Loa uses; tests shrink them.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    pub probe_timeout: Duration,
    pub max_probe_output: u64,
    /// ffmpeg's `-probesize` in bytes.
    pub probesize: u64,
    /// ffmpeg's `-analyzeduration`.
    pub analyzeduration: Duration,
    /// ffmpeg's `-max_alloc` in bytes.
    pub max_alloc: u64,
    /// `-threads` for decoding and encoding; `None` lets ffmpeg choose (used when the machine has
    /// at most 8 cores, so that Loa runs exactly as a plain ffmpeg would).
    pub threads: Option<u32>,
    /// Resident memory cap of a child in bytes; `None` turns the watch off.
    pub max_memory: Option<u64>,
    pub encode_timeout_base: Duration,
    /// Seconds of wall-clock time allowed per second of video, on top of the base.
    pub encode_timeout_per_second: f64,
    pub stall_timeout: Duration,
    pub max_pixels: u64,
    pub max_side: u32,
    pub max_duration: Duration,
    pub max_poster_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get() as u32);
        Limits {
            probe_timeout: Duration::from_secs(30),
            max_probe_output: 4 << 20,
            probesize: 32 << 20,
            analyzeduration: Duration::from_secs(15),
            max_alloc: 512 << 20,
            threads: (cores > 8).then_some(8),
            max_memory: Some(2 << 30),
            encode_timeout_base: Duration::from_secs(120),
            encode_timeout_per_second: 20.0,
            stall_timeout: Duration::from_secs(120),
            max_pixels: 40_000_000,
            max_side: 8192,
            max_duration: Duration::from_secs(4 * 3600),
            max_poster_bytes: 8 << 20,
        }
    }
}

impl Limits {
    /// The wall-clock limit for compressing a video of `duration_s` seconds.
    pub fn encode_timeout(&self, duration_s: f64) -> Duration {
        let extra = (duration_s.max(0.0) * self.encode_timeout_per_second).min(86_400.0);
        self.encode_timeout_base + Duration::from_secs_f64(extra)
    }
}
