//! The poster frame: one upright JPEG from a little way into the video (the very first frame is
//! often black or blurred), read from ffmpeg's standard output, bounded in size and time.

use std::process::Command;

use crate::child::{Bounds, Line};
use crate::engine::{Engine, run_checked};
use crate::error::{Tool, VideoError};
use crate::plan::{self, TONEMAP, fit_box};
use crate::probe::VideoInfo;

/// How far in the poster frame is taken: a tenth of the video, at most this many seconds.
const POSTER_MAX_OFFSET_S: f64 = 1.0;
/// ffmpeg's MJPEG quality scale (2 best … 31 worst): 3 looks like a photo at thumbnail sizes.
const POSTER_QUALITY: &str = "3";

impl Engine {
    /// A JPEG of the video's picture, upright, fitted inside `max_edge` × `max_edge`, with no
    /// metadata. Falls back to the first frame when the seek finds nothing.
    pub fn poster(&self, info: &VideoInfo, max_edge: u32) -> Result<Vec<u8>, VideoError> {
        let offset = info
            .duration_s
            .map_or(0.0, |d| (d / 10.0).min(POSTER_MAX_OFFSET_S));
        match self.poster_at(info, max_edge, offset)? {
            Some(jpeg) => Ok(jpeg),
            None if offset > 0.0 => self.poster_at(info, max_edge, 0.0)?.ok_or_else(no_picture),
            None => Err(no_picture()),
        }
    }

    fn poster_at(
        &self,
        info: &VideoInfo,
        max_edge: u32,
        offset_s: f64,
    ) -> Result<Option<Vec<u8>>, VideoError> {
        let limits = self.limits();
        let (w, h) = fit_box(info.width, info.height, max_edge, max_edge);
        let mut filters = plan::turn_filters(info);
        filters.push(format!("scale={w}:{h}:flags=bicubic"));
        if info.video.hdr_transfer.is_some() && self.capabilities().tonemap {
            filters.push(TONEMAP.into());
        }
        filters.push("setsar=1".into());
        filters.push("format=yuvj420p".into());
        let mut cmd: Command = self.ffmpeg_command();
        cmd.args(plan::input_args(info, limits))
            .args(["-ss", &format!("{offset_s:.3}")])
            .arg("-i")
            .arg(plan::file_url(&info.path))
            .args(["-map", &format!("0:{}", info.video.index)])
            .args(["-frames:v", "1", "-vf", &filters.join(",")])
            .args(["-an", "-sn", "-dn", "-map_metadata", "-1"])
            .args(["-fflags", "+bitexact", "-flags:v", "+bitexact"])
            .args(["-c:v", "mjpeg", "-q:v", POSTER_QUALITY])
            .args(["-f", "image2pipe", "pipe:1"]);
        let bounds = Bounds {
            timeout: limits.probe_timeout,
            stall: None,
            max_stdout: limits.max_poster_bytes,
            max_rss: limits.max_memory,
        };
        let mut jpeg = Vec::new();
        run_checked(&mut cmd, &bounds, None, Tool::Ffmpeg, &mut |chunk| {
            jpeg.extend_from_slice(chunk);
            Line::Other
        })?;
        let is_jpeg = jpeg.starts_with(&[0xFF, 0xD8]) && jpeg.ends_with(&[0xFF, 0xD9]);
        Ok(is_jpeg.then_some(jpeg))
    }
}

fn no_picture() -> VideoError {
    VideoError::Damaged {
        detail: "no frame could be decoded for the poster".into(),
    }
}
