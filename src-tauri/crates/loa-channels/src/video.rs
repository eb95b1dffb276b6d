//! A post's video as the clients see it, where its upload stands, and the chunk size that
//! follows the link.
//!
//! The worker hands a client the upload as it stored it and gets it back after every chunk
//! (a [`VideoSink`]); the client never keeps anything that a killed process would lose.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};

/// The error code a client returns when the platform let the upload session expire: the
/// worker forgets the session and starts a new one (Graph: error subcode 1363030).
pub const VIDEO_SESSION_EXPIRED: &str = "video-session-expired";

/// A post's video, prepared (compressed, metadata stripped) and snapshotted in the outbox.
#[derive(Debug, Clone)]
pub struct Video {
    pub path: PathBuf,
    pub size: u64,
    /// Lower-case hex SHA-256 of the file.
    pub sha256: String,
    /// Where the upload stood when the worker last committed it.
    pub upload: VideoUpload,
    /// The video's id on the platform once every byte is there (Facebook: the upload
    /// session's `video_id`; WordPress: the media id).
    pub remote_id: Option<String>,
    pub remote_url: Option<String>,
}

/// Where a resumable upload stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VideoUpload {
    /// Facebook's `upload_session_id`; `None` before `start` (or after the session expired).
    pub session_id: Option<String>,
    /// The video the session creates.
    pub video_id: Option<String>,
    pub started_at: Option<DateTime<Utc>>,
    /// The platform has every byte before this offset; it asks for `[start_offset,
    /// end_offset)` next.
    pub start_offset: u64,
    pub end_offset: Option<u64>,
    /// The chunk size the link last supported.
    pub chunk_bytes: Option<u64>,
    /// Body bytes put on the wire since the last time the sink was called.
    pub bytes_sent: u64,
}

/// Called after every chunk with where the upload stands; `false` stops the upload (the
/// worker could not commit it: the item moved, or its lease was lost).
pub type VideoSink<'a> = &'a mut dyn FnMut(&VideoUpload) -> bool;

/// The chunk size for the next piece of a resumable upload, from the rate the last chunk
/// measured: about [`ChunkSizer::TARGET`] of link time, so a chunk cut by a drop wastes about
/// that much and no more. It starts small, at most doubles after a chunk, quarters after a
/// failure, and stays between [`ChunkSizer::MIN`] and [`ChunkSizer::MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkSizer {
    bytes: u64,
}

impl ChunkSizer {
    /// Below this, request overhead dominates.
    pub const MIN: u64 = 64 * 1024;
    /// Above this, a cut chunk wastes too much even on a good link.
    pub const MAX: u64 = 8 * 1024 * 1024;
    /// Where an upload with no history starts: about a second on a 4 Mbit/s link.
    pub const START: u64 = 256 * 1024;
    /// Link time one chunk should take: what a drop mid-chunk costs (half of it on average),
    /// against the fixed cost of one more request per chunk (a connection and a small answer:
    /// a few round trips). One second keeps a drop every few megabytes of a 4 Mbit/s link under
    /// a tenth of the file (`benchmarks/upload.md`: 1.5 s measured 1.11).
    pub const TARGET: Duration = Duration::from_secs(1);

    /// Starts from the size stored with the upload, if any.
    pub fn new(stored: Option<u64>) -> ChunkSizer {
        ChunkSizer {
            bytes: stored.unwrap_or(Self::START).clamp(Self::MIN, Self::MAX),
        }
    }

    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// A chunk of `bytes` went through in `took`.
    pub fn succeeded(&mut self, bytes: u64, took: Duration) {
        let secs = took.as_secs_f64().max(0.001);
        let ideal = (bytes as f64 / secs * Self::TARGET.as_secs_f64()) as u64;
        // A short chunk (the file's last) that went quickly says nothing about a larger one.
        let ceiling = if bytes >= self.bytes {
            self.bytes.saturating_mul(2)
        } else {
            self.bytes
        };
        self.bytes = ideal.min(ceiling).clamp(Self::MIN, Self::MAX);
    }

    /// A chunk was cut or refused by the link.
    pub fn failed(&mut self) {
        self.bytes = (self.bytes / 4).max(Self::MIN);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_follow_the_link_rate_and_stay_bounded() {
        let mut c = ChunkSizer::new(None);
        assert_eq!(c.bytes(), ChunkSizer::START);
        // A fast link: at most doubling each time, up to the ceiling.
        c.succeeded(c.bytes(), Duration::from_millis(10));
        assert_eq!(c.bytes(), ChunkSizer::START * 2);
        for _ in 0..20 {
            let b = c.bytes();
            c.succeeded(b, Duration::from_millis(10));
        }
        assert_eq!(c.bytes(), ChunkSizer::MAX);
        // 500 kB/s (4 Mbit/s): about a second of it.
        c.succeeded(
            ChunkSizer::MAX,
            Duration::from_secs_f64(ChunkSizer::MAX as f64 / 500_000.0),
        );
        assert!((490_000..=510_000).contains(&c.bytes()), "{}", c.bytes());
        // A short last chunk that went quickly does not grow it.
        let before = c.bytes();
        c.succeeded(1000, Duration::from_millis(1));
        assert_eq!(c.bytes(), before);
        for _ in 0..20 {
            c.failed();
        }
        assert_eq!(c.bytes(), ChunkSizer::MIN);
        assert_eq!(ChunkSizer::new(Some(1)).bytes(), ChunkSizer::MIN);
        assert_eq!(ChunkSizer::new(Some(u64::MAX)).bytes(), ChunkSizer::MAX);
    }
}
