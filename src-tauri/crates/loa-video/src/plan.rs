//! The decision: from what the file holds and what the officer chose, the checks, the output
//! size, the bitrates, the size estimate and the exact ffmpeg command line. A pure function: no
//! ffmpeg runs here, so every preset is tested on made-up inputs.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::VideoError;
use crate::estimate::{Estimate, with_container};
use crate::limits::Limits;
use crate::preset::{Options, Preset};
use crate::probe::{AudioStream, VideoInfo};

/// The x264 speed preset for every encode: x264's own default, the best size for the time on a
/// two-core laptop (the link, not the encoder, is what the officer waits for).
pub const X264_PRESET: &str = "medium";

/// Reels: 3 to 90 seconds in a 9:16 frame.
pub const REELS_MIN_S: f64 = 3.0;
pub const REELS_MAX_S: f64 = 90.0;
pub const REELS_FRAME: (u32, u32) = (720, 1280);
/// The bitrate cap never goes above the source's own video bitrate (re-encoding cannot add
/// detail, and the output must not be heavier than what the phone recorded), but not below this.
pub const RATE_FLOOR: u64 = 300_000;
/// Zalo's limit on one video.
pub const ZALO_MAX_BYTES: u64 = 50_000_000;
/// Below this video bitrate a picture is not worth sending: Zalo refuses the clip instead.
pub const ZALO_MIN_VIDEO_BPS: u64 = 250_000;

/// What the installed ffmpeg can do beyond the basics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Capabilities {
    /// `zscale` and `tonemap` are there, so HDR phone video (HLG, PQ) becomes proper SDR.
    pub tonemap: bool,
}

/// What happens to the picture.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VideoPlan {
    /// The stream is copied as it is.
    Copy,
    /// Encoded with x264.
    Encode {
        crf: u8,
        /// Bits per second the encoder's buffer rule holds to, when capped.
        maxrate: Option<u64>,
        bufsize: Option<u64>,
        /// The filter chain, in order.
        filters: Vec<String>,
    },
}

/// What happens to the sound.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AudioPlan {
    /// The file has no usable sound.
    None,
    Copy,
    Aac {
        bitrate: u64,
        channels: u32,
        /// Resampled to this rate, when the source rate is not 44.1 or 48 kHz.
        sample_rate: Option<u32>,
    },
}

/// Everything decided about one output, ready to run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// The file the plan reads.
    pub input: PathBuf,
    pub preset: Preset,
    pub keep_location: bool,
    /// The output picture, upright.
    pub width: u32,
    pub height: u32,
    pub video: VideoPlan,
    pub audio: AudioPlan,
    pub duration_s: Option<f64>,
    /// A size the output must not pass (Zalo).
    pub max_bytes: Option<u64>,
    pub estimate: Estimate,
    input_args: Vec<String>,
    output_args: Vec<String>,
}

impl Plan {
    /// The exact ffmpeg arguments (without the program) from [`Plan::input`] to `output`: what
    /// Loa runs, for the log, the benchmark and the tests. Paths go through the `file:` protocol
    /// so a name such as `concat:…` is only ever a file name.
    pub fn command_line(&self, output: &Path) -> Vec<OsString> {
        let mut a: Vec<OsString> = self.input_args.iter().map(OsString::from).collect();
        a.push("-i".into());
        a.push(file_url(&self.input));
        a.extend(self.output_args.iter().map(OsString::from));
        a.push(file_url(output));
        a
    }

    /// A copy of this plan with a lower bitrate cap (the second try when an output came out over
    /// `max_bytes`). Only for capped encodes; others are returned unchanged.
    pub(crate) fn with_rate_scaled(&self, factor: f64) -> Plan {
        let mut p = self.clone();
        if let VideoPlan::Encode {
            maxrate: Some(m),
            bufsize: Some(b),
            ..
        } = &mut p.video
        {
            let (old_m, old_b) = (*m, *b);
            *m = ((old_m as f64) * factor) as u64;
            *b = ((old_b as f64) * factor) as u64;
            let (new_m, new_b) = (*m, *b);
            for (i, arg) in p.output_args.clone().iter().enumerate() {
                if arg == "-maxrate" {
                    p.output_args[i + 1] = new_m.to_string();
                } else if arg == "-bufsize" {
                    p.output_args[i + 1] = new_b.to_string();
                }
            }
        }
        p
    }
}

/// `file:<path>`.
pub(crate) fn file_url(p: &Path) -> OsString {
    let mut s = OsString::from("file:");
    s.push(p.as_os_str());
    s
}

/// One preset's numbers.
struct Spec {
    /// Fit inside (long edge, short edge); `None`: keep the size.
    fit: Option<(u32, u32)>,
    crf: u8,
    /// Bits per second; the buffer is twice this.
    maxrate: Option<u64>,
    fps_max: Option<f64>,
    audio_stereo: u64,
    audio_mono: u64,
}

const FACEBOOK: Spec = Spec {
    fit: Some((1280, 1280)),
    crf: 23,
    maxrate: Some(2_500_000),
    fps_max: Some(30.0),
    audio_stereo: 128_000,
    audio_mono: 96_000,
};
const SAVER: Spec = Spec {
    fit: Some((854, 480)),
    crf: 26,
    maxrate: Some(800_000),
    fps_max: Some(30.0),
    audio_stereo: 64_000,
    audio_mono: 48_000,
};
const ORIGINAL: Spec = Spec {
    fit: None,
    crf: 20,
    maxrate: None,
    fps_max: None,
    audio_stereo: 160_000,
    audio_mono: 96_000,
};
const ZALO_AUDIO: (u64, u64) = (96_000, 64_000);

/// Decides everything about one output. Fails before anything runs when the video cannot meet
/// the preset (a reel out of 3–90 s, a Zalo video that cannot fit in 50 MB) or the limits.
pub fn plan(
    info: &VideoInfo,
    opts: &Options,
    caps: Capabilities,
    limits: &Limits,
) -> Result<Plan, VideoError> {
    let duration = info.duration_s;
    if let Some(d) = duration
        && d > limits.max_duration.as_secs_f64()
    {
        return Err(VideoError::TooLong {
            duration_s: d,
            max_s: limits.max_duration.as_secs_f64(),
        });
    }
    let (w, h) = (info.width, info.height);
    let mut max_bytes = None;
    let (spec, frame) = match opts.preset {
        Preset::Facebook => (FACEBOOK, None),
        Preset::Saver => (SAVER, None),
        Preset::Original => (ORIGINAL, None),
        Preset::Reels => {
            let d = duration.ok_or(VideoError::DurationUnknown)?;
            if !(REELS_MIN_S..=REELS_MAX_S).contains(&d) {
                return Err(VideoError::ReelsDuration {
                    duration_s: d,
                    min_s: REELS_MIN_S,
                    max_s: REELS_MAX_S,
                });
            }
            (FACEBOOK, Some(REELS_FRAME))
        }
        Preset::Zalo => {
            let d = duration.ok_or(VideoError::DurationUnknown)?;
            let stereo = info.audio.as_ref().is_some_and(|a| a.channels >= 2);
            let audio_bps = match &info.audio {
                None => 0,
                Some(_) if stereo => ZALO_AUDIO.0,
                Some(_) => ZALO_AUDIO.1,
            };
            let rate = zalo_rate(d, audio_bps)?;
            max_bytes = Some(ZALO_MAX_BYTES);
            let fit = if rate >= 1_200_000 {
                (1280, 1280)
            } else if rate >= 600_000 {
                (854, 480)
            } else {
                (640, 360)
            };
            let spec = Spec {
                fit: Some(fit),
                crf: FACEBOOK.crf,
                maxrate: Some(rate.min(FACEBOOK.maxrate.unwrap_or(rate))),
                fps_max: FACEBOOK.fps_max,
                audio_stereo: ZALO_AUDIO.0,
                audio_mono: ZALO_AUDIO.1,
            };
            (spec, None)
        }
    };

    // Copy what can be copied for "original": H.264/HEVC already upright with square pixels.
    let copy_video = opts.preset == Preset::Original
        && matches!(info.video.codec.as_str(), "h264" | "hevc")
        && info.orientation.rotation == 0
        && !info.orientation.mirrored
        && info.video.sar == (1, 1);
    let (out_w, out_h, scaled) = match (frame, spec.fit) {
        _ if copy_video => (info.video.coded_width, info.video.coded_height, None),
        (Some((fw, fh)), _) => {
            let (sw, sh) = fit_inside(w, h, fw, fh);
            (fw, fh, Some((sw, sh)))
        }
        (None, Some((long, short))) => {
            let (sw, sh) = fit_box(w, h, long, short);
            (sw, sh, Some((sw, sh)))
        }
        (None, None) => {
            let (sw, sh) = (even(w), even(h));
            (sw, sh, Some((sw, sh)))
        }
    };

    let source_bps = source_video_bps(info);
    let video = if copy_video {
        VideoPlan::Copy
    } else {
        let maxrate = spec
            .maxrate
            .map(|m| source_bps.map_or(m, |s| m.min(s.max(RATE_FLOOR))));
        let mut filters = turn_filters(info);
        if let (Some(max), Some(fps)) = (spec.fps_max, info.video.fps)
            && fps > max + 0.5
        {
            // eof_action=pass: a clip of one frame (they exist) keeps its frame.
            filters.push(format!("fps=fps={max}:eof_action=pass"));
        }
        if let Some((sw, sh)) = scaled {
            filters.push(format!("scale={sw}:{sh}:flags=bicubic"));
        }
        if info.video.hdr_transfer.is_some() && caps.tonemap {
            filters.push(TONEMAP.into());
        }
        filters.push("setsar=1".into());
        if let Some((fw, fh)) = frame {
            filters.push(format!("pad={fw}:{fh}:(ow-iw)/2:(oh-ih)/2:color=black"));
        }
        filters.push("format=yuv420p".into());
        VideoPlan::Encode {
            crf: spec.crf,
            maxrate,
            bufsize: maxrate.map(|m| 2 * m),
            filters,
        }
    };

    let audio = match &info.audio {
        None => AudioPlan::None,
        Some(a) if opts.preset == Preset::Original && a.codec == "aac" => AudioPlan::Copy,
        Some(a) => aac(a, spec.audio_stereo, spec.audio_mono),
    };

    let estimate = estimate(info, &video, &audio, (out_w, out_h));
    let (input_args, output_args) = args(info, opts, &video, &audio, limits);
    Ok(Plan {
        input: info.path.clone(),
        preset: opts.preset,
        keep_location: opts.keep_location,
        width: out_w,
        height: out_h,
        video,
        audio,
        duration_s: duration,
        max_bytes,
        estimate,
        input_args,
        output_args,
    })
}

/// The video bitrate that keeps a Zalo upload under [`ZALO_MAX_BYTES`] by construction: the
/// encoder's buffer rule bounds the picture to `rate × duration + 2 × rate` bits.
fn zalo_rate(duration_s: f64, audio_bps: u64) -> Result<u64, VideoError> {
    // What is left for the streams once the container's share is set aside (see
    // `with_container`): 1 % and 64 KiB.
    let budget_bits = ((ZALO_MAX_BYTES as f64 - 65_536.0) / 1.01) * 8.0;
    let rate = (budget_bits - audio_bps as f64 * duration_s) / (duration_s + 2.0);
    if rate < ZALO_MIN_VIDEO_BPS as f64 {
        let min = ZALO_MIN_VIDEO_BPS as f64;
        return Err(VideoError::WontFit {
            duration_s,
            max_bytes: ZALO_MAX_BYTES,
            max_duration_s: ((budget_bits - 2.0 * min) / (min + audio_bps as f64)).max(0.0),
        });
    }
    Ok(rate as u64)
}

fn aac(a: &AudioStream, stereo_bps: u64, mono_bps: u64) -> AudioPlan {
    let channels = a.channels.clamp(1, 2);
    AudioPlan::Aac {
        bitrate: if channels == 2 { stereo_bps } else { mono_bps },
        channels,
        sample_rate: (!matches!(a.sample_rate, 44_100 | 48_000)).then_some(48_000),
    }
}

/// The source's picture bitrate: the stream's own figure, or the file's less the sound's. Never
/// more than the whole file's: a phone can write a stream duration of two frames for a
/// four-second clip, which makes its own figure ten times too high.
fn source_video_bps(info: &VideoInfo) -> Option<u64> {
    let total = info.bit_rate();
    let from_file = total.map(|t| {
        let audio = info.audio.as_ref().and_then(|a| a.bit_rate).unwrap_or(0);
        t.saturating_sub(audio)
    });
    match (info.video.bit_rate, total) {
        (Some(stream), Some(total)) => Some(stream.min(total)),
        (Some(stream), None) => Some(stream),
        (None, _) => from_file,
    }
}

fn estimate(info: &VideoInfo, video: &VideoPlan, audio: &AudioPlan, out: (u32, u32)) -> Estimate {
    let Some(d) = info.duration_s else {
        // Without a duration only the source's size is a guide.
        return Estimate {
            bytes: info.bytes,
            bytes_max: None,
        };
    };
    let audio_bps = match audio {
        AudioPlan::None => 0,
        AudioPlan::Copy => info
            .audio
            .as_ref()
            .and_then(|a| a.bit_rate)
            .unwrap_or(128_000),
        AudioPlan::Aac { bitrate, .. } => *bitrate,
    };
    let source_video_bps = source_video_bps(info);
    match video {
        VideoPlan::Copy => {
            let v = source_video_bps.unwrap_or(0) as f64 * d / 8.0;
            let a = audio_bps as f64 * d / 8.0;
            let bytes = with_container(v + a).min(info.bytes + 65_536);
            Estimate {
                bytes,
                bytes_max: Some(info.bytes + 65_536),
            }
        }
        VideoPlan::Encode {
            maxrate, bufsize, ..
        } => {
            let a = audio_bps as f64 * d / 8.0;
            // The source's bitrate, scaled to the output's pixels, is what CRF tends to give
            // when it is below the cap.
            let pixels = |w: u32, h: u32| f64::from(w) * f64::from(h);
            let scale = (pixels(out.0, out.1) / pixels(info.width, info.height)).min(1.0);
            let guess = source_video_bps.map(|s| s as f64 * scale);
            let likely_bps = match (guess, maxrate) {
                (Some(g), Some(m)) => g.min(*m as f64),
                (Some(g), None) => g,
                (None, Some(m)) => *m as f64,
                (None, None) => info.bytes as f64 * 8.0 / d,
            };
            let bytes_max = maxrate.map(|m| {
                let v = (m as f64 * d + bufsize.unwrap_or(0) as f64) / 8.0;
                with_container(v + a)
            });
            let bytes = with_container(likely_bps * d / 8.0 + a);
            Estimate {
                bytes: bytes_max.map_or(bytes, |m| bytes.min(m)),
                bytes_max,
            }
        }
    }
}

/// The arguments before `-i` and after it.
fn args(
    info: &VideoInfo,
    opts: &Options,
    video: &VideoPlan,
    audio: &AudioPlan,
    limits: &Limits,
) -> (Vec<String>, Vec<String>) {
    let i = input_args(info, limits);
    let push = |v: &mut Vec<String>, items: &[&str]| v.extend(items.iter().map(|s| s.to_string()));
    let mut o: Vec<String> = Vec::new();
    push(&mut o, &["-map", &format!("0:{}", info.video.index)]);
    if let (Some(a), false) = (&info.audio, matches!(audio, AudioPlan::None)) {
        push(&mut o, &["-map", &format!("0:{}", a.index)]);
    }
    match video {
        VideoPlan::Copy => {
            push(&mut o, &["-c:v", "copy"]);
            // Apple's players want HEVC tagged hvc1 (parameter sets in the header), which is
            // what phones write; ffmpeg would otherwise write hev1.
            if info.video.codec == "hevc" && info.video.codec_tag.as_deref() == Some("hvc1") {
                push(&mut o, &["-tag:v", "hvc1"]);
            }
        }
        VideoPlan::Encode {
            crf,
            maxrate,
            bufsize,
            filters,
        } => {
            push(&mut o, &["-vf", &filters.join(",")]);
            push(&mut o, &["-fps_mode", "vfr"]);
            push(&mut o, &["-c:v", "libx264", "-preset", X264_PRESET]);
            push(&mut o, &["-crf", &crf.to_string()]);
            if let (Some(m), Some(b)) = (maxrate, bufsize) {
                push(
                    &mut o,
                    &["-maxrate", &m.to_string(), "-bufsize", &b.to_string()],
                );
            }
            push(&mut o, &["-profile:v", "high", "-flags:v", "+bitexact"]);
            if info.video.hdr_transfer.is_some() && filters.iter().any(|f| f.contains("tonemap")) {
                push(
                    &mut o,
                    &[
                        "-color_primaries",
                        "bt709",
                        "-color_trc",
                        "bt709",
                        "-colorspace",
                        "bt709",
                    ],
                );
            }
            if let Some(t) = limits.threads {
                push(&mut o, &["-threads", &t.to_string()]);
            }
        }
    }
    match audio {
        AudioPlan::None => push(&mut o, &["-an"]),
        AudioPlan::Copy => push(&mut o, &["-c:a", "copy"]),
        AudioPlan::Aac {
            bitrate,
            channels,
            sample_rate,
        } => {
            push(&mut o, &["-c:a", "aac", "-b:a", &bitrate.to_string()]);
            push(
                &mut o,
                &["-ac", &channels.to_string(), "-flags:a", "+bitexact"],
            );
            if let Some(r) = sample_rate {
                push(&mut o, &["-ar", &r.to_string()]);
            }
        }
    }
    // Never copied: subtitles, data tracks (GPS, timed metadata), attachments.
    push(&mut o, &["-sn", "-dn"]);
    if opts.keep_location {
        push(
            &mut o,
            &[
                "-map_metadata",
                "0",
                "-movflags",
                "+faststart+use_metadata_tags",
            ],
        );
    } else {
        // Global, per-stream and chapter metadata all dropped; bitexact keeps ffmpeg from
        // writing its own version into the file.
        push(&mut o, &["-map_metadata", "-1"]);
        push(
            &mut o,
            &["-map_metadata:s:v", "-1", "-map_metadata:s:a", "-1"],
        );
        push(&mut o, &["-map_chapters", "-1", "-fflags", "+bitexact"]);
        push(&mut o, &["-movflags", "+faststart"]);
    }
    // Bounded: a file whose streams are far apart in time cannot make ffmpeg queue without end.
    push(&mut o, &["-max_muxing_queue_size", "1024"]);
    push(&mut o, &["-f", "mp4", "-progress", "pipe:1", "-y"]);
    (i, o)
}

/// The arguments before `-i` for reading `info`'s file: quiet, bounded (`-max_alloc`, threads,
/// probe size and duration), local files only, the demuxer named so nothing else is tried, and
/// ffmpeg's autorotation off only when Loa turns the picture itself.
pub(crate) fn input_args(info: &VideoInfo, limits: &Limits) -> Vec<String> {
    let mut i: Vec<String> = ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error"]
        .map(String::from)
        .to_vec();
    i.extend(["-max_alloc".into(), limits.max_alloc.to_string()]);
    if let Some(t) = limits.threads {
        i.extend(["-threads".into(), t.to_string()]);
    }
    i.extend(["-probesize".into(), limits.probesize.to_string()]);
    i.extend([
        "-analyzeduration".into(),
        limits.analyzeduration.as_micros().to_string(),
    ]);
    i.extend(["-protocol_whitelist".into(), "file".into()]);
    i.extend(["-f".into(), info.container.demuxer().into()]);
    if info.orientation.needs_noautorotate() {
        i.push("-noautorotate".into());
    }
    i
}

/// The filters that turn the picture, first in every chain (see [`crate::Orientation`]).
pub(crate) fn turn_filters(info: &VideoInfo) -> Vec<String> {
    info.orientation
        .filters()
        .into_iter()
        .map(String::from)
        .collect()
}

/// The HDR (HLG, PQ) to BT.709 SDR chain: linear light, BT.709 primaries, Hable's curve, back
/// to BT.709 transfer, limited range.
pub(crate) const TONEMAP: &str = "zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,\
     tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv";

/// Even (x264 with 4:2:0 needs it), at least 2.
fn even(v: u32) -> u32 {
    (v & !1).max(2)
}

/// Fits (w, h) inside a box whose long side is `long` and short side `short`, turned to match
/// the video, never enlarging; even sides.
pub(crate) fn fit_box(w: u32, h: u32, long: u32, short: u32) -> (u32, u32) {
    let (bw, bh) = if w >= h { (long, short) } else { (short, long) };
    let s = (f64::from(bw) / f64::from(w))
        .min(f64::from(bh) / f64::from(h))
        .min(1.0);
    scaled(w, h, s)
}

/// Fits (w, h) inside (fw, fh), enlarging or shrinking; even sides.
pub(crate) fn fit_inside(w: u32, h: u32, fw: u32, fh: u32) -> (u32, u32) {
    let s = (f64::from(fw) / f64::from(w)).min(f64::from(fh) / f64::from(h));
    let (sw, sh) = scaled(w, h, s);
    (sw.min(fw), sh.min(fh))
}

fn scaled(w: u32, h: u32, s: f64) -> (u32, u32) {
    let r = |v: u32| {
        let x = (f64::from(v) * s / 2.0).round() as u32 * 2;
        x.max(2)
    };
    (r(w), r(h))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orient::Orientation;
    use crate::probe::{Container, VideoStream};
    use std::time::Duration;

    fn info(w: u32, h: u32, rotation: u16, duration: f64) -> VideoInfo {
        let (cw, ch) = if rotation % 180 == 90 { (h, w) } else { (w, h) };
        VideoInfo {
            path: "/in.mp4".into(),
            container: Container::Mp4,
            bytes: 20_000_000,
            duration_s: Some(duration),
            duration_scanned: false,
            video: VideoStream {
                index: 0,
                codec: "h264".into(),
                codec_tag: Some("avc1".into()),
                coded_width: cw,
                coded_height: ch,
                sar: (1, 1),
                fps: Some(30.0),
                pix_fmt: Some("yuv420p".into()),
                hdr_transfer: None,
                bit_rate: Some(16_000_000),
            },
            audio: Some(AudioStream {
                index: 1,
                codec: "aac".into(),
                channels: 2,
                sample_rate: 48_000,
                bit_rate: Some(128_000),
            }),
            orientation: Orientation {
                rotation,
                ..Orientation::default()
            },
            width: w,
            height: h,
            has_location: true,
            location_keys: vec!["location".into()],
            device: None,
            has_device_metadata: false,
            data_streams: 0,
            format_name: "mov,mp4".into(),
        }
    }

    fn opts(p: Preset) -> Options {
        Options::builder().preset(p).build()
    }

    fn go(i: &VideoInfo, p: Preset) -> Result<Plan, VideoError> {
        plan(
            i,
            &opts(p),
            Capabilities { tonemap: true },
            &Limits::default(),
        )
    }

    fn cl(p: &Plan) -> Vec<String> {
        p.command_line(Path::new("/out.mp4"))
            .into_iter()
            .map(|s| s.to_string_lossy().into_owned())
            .collect()
    }

    fn has_pair(args: &[String], a: &str, b: &str) -> bool {
        args.windows(2).any(|w| w[0] == a && w[1] == b)
    }

    #[test]
    fn facebook_fits_a_portrait_phone_clip_in_1280_and_strips_metadata() {
        let p = go(&info(1080, 1920, 90, 30.0), Preset::Facebook).expect("plan");
        assert_eq!((p.width, p.height), (720, 1280));
        let a = cl(&p);
        assert!(has_pair(&a, "-c:v", "libx264"));
        assert!(has_pair(&a, "-crf", "23"));
        assert!(has_pair(&a, "-maxrate", "2500000"));
        assert!(has_pair(&a, "-bufsize", "5000000"));
        assert!(has_pair(&a, "-map_metadata", "-1"));
        assert!(has_pair(&a, "-map_metadata:s:v", "-1"));
        assert!(has_pair(&a, "-movflags", "+faststart"));
        assert!(has_pair(&a, "-f", "mp4"));
        assert!(a.contains(&"-dn".to_string()));
        assert!(a.iter().any(|s| s.starts_with("scale=720:1280")));
        assert_eq!(a.first().map(String::as_str), Some("-hide_banner"));
        assert_eq!(a.last().map(String::as_str), Some("file:/out.mp4"));
        assert!(has_pair(&a, "-i", "file:/in.mp4"));
    }

    #[test]
    fn sixty_fps_is_brought_to_thirty_and_small_clips_are_not_enlarged() {
        let mut i = info(568, 320, 0, 4.0);
        i.video.fps = Some(59.94);
        let p = go(&i, Preset::Facebook).expect("plan");
        assert_eq!((p.width, p.height), (568, 320));
        let VideoPlan::Encode { filters, .. } = &p.video else {
            panic!("encodes")
        };
        assert!(
            filters.contains(&"fps=fps=30:eof_action=pass".to_string()),
            "{filters:?}"
        );
    }

    #[test]
    fn the_cap_never_passes_the_source_bitrate_nor_goes_under_the_floor() {
        let mut i = info(1080, 1440, 0, 11.0);
        i.video.bit_rate = Some(900_000);
        let p = go(&i, Preset::Facebook).expect("plan");
        assert!(matches!(
            p.video,
            VideoPlan::Encode {
                maxrate: Some(900_000),
                ..
            }
        ));
        i.video.bit_rate = Some(40_000);
        let p = go(&i, Preset::Facebook).expect("plan");
        assert!(matches!(
            p.video,
            VideoPlan::Encode {
                maxrate: Some(RATE_FLOOR),
                ..
            }
        ));
    }

    #[test]
    fn a_stream_bitrate_above_the_whole_file_is_not_believed() {
        // iPhone file 37.mp4: the picture stream says 1.55 Mbit/s (its duration reads 0.07 s),
        // the whole 72 KB file lasts 4 s.
        let mut i = info(480, 640, 0, 3.99);
        i.bytes = 72_231;
        i.video.bit_rate = Some(1_552_080);
        let p = go(&i, Preset::Facebook).expect("plan");
        assert!(matches!(
            p.video,
            VideoPlan::Encode {
                maxrate: Some(RATE_FLOOR),
                ..
            }
        ));
        assert!(p.estimate.bytes < 300_000, "{:?}", p.estimate);
    }

    #[test]
    fn saver_is_480p_whichever_way_the_phone_was_held() {
        let land = go(&info(1920, 1080, 0, 10.0), Preset::Saver).expect("plan");
        assert_eq!((land.width, land.height), (854, 480));
        let port = go(&info(1080, 1920, 90, 10.0), Preset::Saver).expect("plan");
        assert_eq!((port.width, port.height), (480, 854));
        let four_three = go(&info(1440, 1080, 0, 10.0), Preset::Saver).expect("plan");
        assert_eq!((four_three.width, four_three.height), (640, 480));
    }

    #[test]
    fn reels_check_the_length_first_and_fill_a_9_16_frame() {
        for d in [2.9, 90.5] {
            assert!(matches!(
                go(&info(1080, 1920, 90, d), Preset::Reels),
                Err(VideoError::ReelsDuration { .. })
            ));
        }
        let p = go(&info(1920, 1080, 0, 30.0), Preset::Reels).expect("plan");
        assert_eq!((p.width, p.height), (720, 1280));
        let VideoPlan::Encode { filters, .. } = &p.video else {
            panic!("encodes")
        };
        assert!(
            filters.iter().any(|f| f.starts_with("scale=720:406")),
            "{filters:?}"
        );
        assert!(filters.iter().any(|f| f.starts_with("pad=720:1280")));
        let mut unknown = info(1080, 1920, 0, 30.0);
        unknown.duration_s = None;
        assert_eq!(
            go(&unknown, Preset::Reels),
            Err(VideoError::DurationUnknown)
        );
    }

    #[test]
    fn zalo_keeps_under_50_mb_by_construction_or_refuses() {
        for d in [10.0, 60.0, 300.0, 900.0] {
            let p = go(&info(1920, 1080, 0, d), Preset::Zalo).expect("plan");
            let max = p.estimate.bytes_max.expect("capped");
            assert!(max <= ZALO_MAX_BYTES, "{d} s: {max}");
            assert_eq!(p.max_bytes, Some(ZALO_MAX_BYTES));
        }
        // A long clip gets a smaller picture as its bitrate drops.
        let long = go(&info(1920, 1080, 0, 900.0), Preset::Zalo).expect("plan");
        assert!(long.width < 1280, "{}", long.width);
        let Err(VideoError::WontFit { max_duration_s, .. }) =
            go(&info(1920, 1080, 0, 3600.0), Preset::Zalo)
        else {
            panic!("an hour cannot fit in 50 MB")
        };
        // The longest clip said to fit does fit.
        let edge = go(&info(1920, 1080, 0, max_duration_s - 1.0), Preset::Zalo).expect("fits");
        assert!(edge.estimate.bytes_max.expect("capped") <= ZALO_MAX_BYTES);
    }

    #[test]
    fn original_copies_an_upright_h264_and_encodes_a_turned_one() {
        let upright = go(&info(1920, 1080, 0, 10.0), Preset::Original).expect("plan");
        assert_eq!(upright.video, VideoPlan::Copy);
        assert_eq!(upright.audio, AudioPlan::Copy);
        assert!(has_pair(&cl(&upright), "-c:v", "copy"));
        assert!(has_pair(&cl(&upright), "-map_metadata", "-1"));
        let turned = go(&info(1080, 1920, 90, 10.0), Preset::Original).expect("plan");
        assert!(matches!(turned.video, VideoPlan::Encode { crf: 20, .. }));
        assert_eq!((turned.width, turned.height), (1080, 1920));
    }

    #[test]
    fn keep_location_maps_the_metadata_through() {
        let o = Options::builder()
            .preset(Preset::Facebook)
            .keep_location(true)
            .build();
        let p = plan(
            &info(1920, 1080, 0, 5.0),
            &o,
            Capabilities::default(),
            &Limits::default(),
        )
        .expect("plan");
        let a = cl(&p);
        assert!(has_pair(&a, "-map_metadata", "0"));
        assert!(!has_pair(&a, "-map_metadata", "-1"));
    }

    #[test]
    fn hdr_is_tone_mapped_when_zscale_is_there() {
        let mut i = info(1080, 1920, 90, 5.0);
        i.video.hdr_transfer = Some("arib-std-b67".into());
        let with = go(&i, Preset::Facebook).expect("plan");
        assert!(
            cl(&with)
                .iter()
                .any(|a| a.contains("tonemap=tonemap=hable"))
        );
        assert!(has_pair(&cl(&with), "-colorspace", "bt709"));
        let without = plan(
            &i,
            &opts(Preset::Facebook),
            Capabilities::default(),
            &Limits::default(),
        )
        .expect("plan");
        assert!(!cl(&without).iter().any(|a| a.contains("tonemap")));
    }

    #[test]
    fn mono_sound_at_8_khz_becomes_mono_aac_at_48_khz() {
        let mut i = info(176, 144, 0, 5.0);
        i.audio = Some(AudioStream {
            index: 0,
            codec: "amr_nb".into(),
            channels: 1,
            sample_rate: 8_000,
            bit_rate: None,
        });
        let p = go(&i, Preset::Facebook).expect("plan");
        assert_eq!(
            p.audio,
            AudioPlan::Aac {
                bitrate: 96_000,
                channels: 1,
                sample_rate: Some(48_000)
            }
        );
    }

    #[test]
    fn too_long_for_any_preset() {
        let i = info(1920, 1080, 0, 5.0 * 3600.0);
        assert!(matches!(
            go(&i, Preset::Facebook),
            Err(VideoError::TooLong { .. })
        ));
    }

    #[test]
    fn estimate_bounds_hold_the_cap_and_the_upload_time_follows() {
        let p = go(&info(1920, 1080, 0, 60.0), Preset::Facebook).expect("plan");
        // 2.5 Mbit/s × 60 s + 5 Mbit buffer + 128 kbit/s sound, plus the index.
        let streams = (2_500_000.0 * 60.0 + 5_000_000.0 + 128_000.0 * 60.0) / 8.0;
        assert_eq!(p.estimate.bytes_max, Some(with_container(streams)));
        assert!(p.estimate.bytes <= p.estimate.bytes_max.expect("capped"));
        let t = p.estimate.upload_time(1_000_000).expect("speed");
        assert!(t > Duration::from_secs(60), "{t:?}");
    }

    #[test]
    fn rate_scaling_rewrites_the_command_line() {
        let p = go(&info(1920, 1080, 0, 60.0), Preset::Zalo).expect("plan");
        let q = p.with_rate_scaled(0.5);
        let VideoPlan::Encode { maxrate, .. } = &p.video else {
            panic!("encodes")
        };
        let m = maxrate.expect("capped");
        assert!(has_pair(&cl(&q), "-maxrate", &(m / 2).to_string()));
    }

    #[test]
    fn fitting() {
        assert_eq!(fit_box(1920, 1080, 1280, 1280), (1280, 720));
        assert_eq!(fit_box(1080, 1440, 1280, 1280), (960, 1280));
        assert_eq!(fit_box(320, 240, 1280, 1280), (320, 240));
        assert_eq!(fit_box(175, 143, 1280, 1280), (176, 144));
        assert_eq!(fit_inside(320, 568, 720, 1280), (720, 1278));
    }
}
