//! How big the output will be and how long it will take to send, before anything is encoded.

use std::time::Duration;

use serde::Serialize;

/// The expected size of an output.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    /// The likely size in bytes: the preset's bitrate cap, or the source's own bitrate when that
    /// is lower, over the duration; the copied streams' size for a copy.
    pub bytes: u64,
    /// A size the output cannot pass, when the preset caps the bitrate: the encoder's buffer
    /// rule (maxrate × duration + buffer) plus sound and the MP4 index. `None` when the preset
    /// does not cap (original quality).
    pub bytes_max: Option<u64>,
}

impl Estimate {
    /// Time to send [`Estimate::bytes`] over a link of `bits_per_second`.
    pub fn upload_time(&self, bits_per_second: u64) -> Option<Duration> {
        upload_time(self.bytes, bits_per_second)
    }

    /// Time to send [`Estimate::bytes_max`], when there is one.
    pub fn upload_time_max(&self, bits_per_second: u64) -> Option<Duration> {
        self.bytes_max.and_then(|b| upload_time(b, bits_per_second))
    }
}

/// `bytes` over a link of `bits_per_second`; `None` for a link speed of zero.
pub fn upload_time(bytes: u64, bits_per_second: u64) -> Option<Duration> {
    (bits_per_second > 0)
        .then(|| Duration::from_secs_f64(bytes as f64 * 8.0 / bits_per_second as f64))
}

/// MP4 index and box overhead on top of the streams: 1 % and 64 KiB, generous for phone clips.
pub(crate) fn with_container(stream_bytes: f64) -> u64 {
    (stream_bytes * 1.01 + 65_536.0).ceil() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_time_is_bits_over_speed() {
        let e = Estimate {
            bytes: 1_000_000,
            bytes_max: Some(2_000_000),
        };
        assert_eq!(e.upload_time(1_000_000), Some(Duration::from_secs(8)));
        assert_eq!(e.upload_time_max(4_000_000), Some(Duration::from_secs(4)));
        assert_eq!(e.upload_time(0), None);
    }
}
