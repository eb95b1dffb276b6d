//! What a video file holds: container, duration, picture size, frame rate, codecs, rotation,
//! location and device metadata. The first bytes are checked by Loa before ffprobe sees the file,
//! and ffprobe is then told which demuxer to use, so a text playlist or a photo named `.mp4` is
//! never opened as something else.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::VideoError;
use crate::orient::Orientation;

/// The container, from the file's first bytes and its brand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Container {
    Mp4,
    Mov,
    /// 3GPP (`3gp4`, `3gp5`…), old Android and feature phones.
    #[serde(rename = "3gp")]
    ThreeGp,
    /// 3GPP2 (`3g2a`, `kddi`…).
    #[serde(rename = "3g2")]
    ThreeG2,
    #[serde(rename = "webm")]
    WebM,
    Matroska,
}

impl Container {
    /// The name ffmpeg's `-f` takes for this container's demuxer.
    pub(crate) fn demuxer(self) -> &'static str {
        match self {
            Container::WebM | Container::Matroska => "matroska",
            _ => "mov",
        }
    }
}

/// The two families Loa reads, told apart by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    IsoBmff,
    Matroska,
}

/// The picture stream Loa uses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VideoStream {
    /// ffmpeg's stream index, for `-map 0:<index>`.
    pub index: u32,
    pub codec: String,
    /// The four-letter tag in the file (`avc1`, `hvc1`, `hev1`…), when there is one.
    pub codec_tag: Option<String>,
    /// Size as stored, before rotation and pixel aspect.
    pub coded_width: u32,
    pub coded_height: u32,
    /// Pixel aspect ratio (1/1 for square pixels).
    pub sar: (u32, u32),
    /// Average frames per second, when known.
    pub fps: Option<f64>,
    pub pix_fmt: Option<String>,
    /// HDR transfer (`smpte2084` PQ or `arib-std-b67` HLG), which needs tone mapping to SDR.
    pub hdr_transfer: Option<String>,
    pub bit_rate: Option<u64>,
}

/// The sound stream Loa uses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AudioStream {
    pub index: u32,
    pub codec: String,
    pub channels: u32,
    pub sample_rate: u32,
    pub bit_rate: Option<u64>,
}

/// What [`crate::Engine::probe`] found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VideoInfo {
    pub path: PathBuf,
    pub container: Container,
    pub bytes: u64,
    /// Seconds, when known.
    pub duration_s: Option<f64>,
    /// The duration was measured by reading the packets, because the header had none or an
    /// impossible one (a few kilobytes declaring minutes).
    pub duration_scanned: bool,
    pub video: VideoStream,
    pub audio: Option<AudioStream>,
    pub orientation: Orientation,
    /// Size as seen: square pixels, upright.
    pub width: u32,
    pub height: u32,
    /// A position is recorded (tags such as `location`, `com.apple.quicktime.location.ISO6709`,
    /// a 3GPP `loci` box, XMP GPS, a GoPro GPMF track).
    pub has_location: bool,
    /// Which of those were found, for the log and the officer's details view.
    pub location_keys: Vec<String>,
    /// Make and model of the phone, when recorded ("Apple iPhone 6").
    pub device: Option<String>,
    /// Any of make, model, software or OS version is recorded.
    pub has_device_metadata: bool,
    /// Timed-metadata and other data tracks (never copied to an output).
    pub data_streams: u32,
    /// ffmpeg's name of the demuxer's format, for the log.
    pub format_name: String,
}

impl VideoInfo {
    /// Whole bitrate of the file in bits per second, when the duration is known.
    pub fn bit_rate(&self) -> Option<u64> {
        self.duration_s
            .filter(|d| *d > 0.0)
            .map(|d| (self.bytes as f64 * 8.0 / d) as u64)
    }
}

/// Reads the first bytes: empty, a video family, or not a video at all.
pub(crate) fn sniff(path: &Path) -> Result<(Family, u64), VideoError> {
    let read_err = |e: std::io::Error| VideoError::Read {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(read_err)?;
    if !meta.is_file() {
        return Err(VideoError::Read {
            path: path.to_path_buf(),
            detail: "not a file".into(),
        });
    }
    if meta.len() == 0 {
        return Err(VideoError::Empty {
            path: path.to_path_buf(),
        });
    }
    let mut head = [0u8; 12];
    let mut f = std::fs::File::open(path).map_err(read_err)?;
    let mut n = 0;
    while n < head.len() {
        match f.read(&mut head[n..]).map_err(read_err)? {
            0 => break,
            k => n += k,
        }
    }
    family(&head[..n])
        .map(|fam| (fam, meta.len()))
        .ok_or(VideoError::NotAVideo)
}

/// ISO base media (MP4, MOV, 3GP: a known box type at offset 4) or EBML (WebM, Matroska).
fn family(head: &[u8]) -> Option<Family> {
    const BOXES: [&[u8; 4]; 9] = [
        b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot", b"uuid", b"junk",
    ];
    if head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        return Some(Family::Matroska);
    }
    let kind = head.get(4..8)?;
    BOXES
        .iter()
        .any(|b| kind == b.as_slice())
        .then_some(Family::IsoBmff)
}

// ---- ffprobe's JSON ------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
pub(crate) struct Probed {
    #[serde(default)]
    streams: Vec<PStream>,
    format: Option<PFormat>,
}

#[derive(Debug, Deserialize)]
struct PFormat {
    format_name: Option<String>,
    duration: Option<String>,
    #[serde(default)]
    tags: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
struct PStream {
    index: u32,
    codec_type: Option<String>,
    codec_name: Option<String>,
    codec_tag_string: Option<String>,
    width: Option<u32>,
    height: Option<u32>,
    sample_aspect_ratio: Option<String>,
    avg_frame_rate: Option<String>,
    r_frame_rate: Option<String>,
    pix_fmt: Option<String>,
    color_transfer: Option<String>,
    channels: Option<u32>,
    sample_rate: Option<String>,
    bit_rate: Option<String>,
    duration: Option<String>,
    #[serde(default)]
    disposition: BTreeMap<String, i64>,
    #[serde(default)]
    tags: BTreeMap<String, String>,
    #[serde(default)]
    side_data_list: Vec<PSideData>,
}

#[derive(Debug, Deserialize)]
struct PSideData {
    side_data_type: Option<String>,
    displaymatrix: Option<String>,
    rotation: Option<f64>,
}

/// The ffprobe arguments for a file of `family` (everything but the bounds, which the engine
/// puts first).
pub(crate) fn ffprobe_args(family: Family) -> Vec<String> {
    let mut a: Vec<String> = ["-show_format", "-show_streams", "-print_format", "json"]
        .map(String::from)
        .to_vec();
    if family == Family::IsoBmff {
        // XMP in a MOV/MP4 is where an editor puts GPS; ffmpeg only shows it when asked.
        a.extend(["-export_xmp".into(), "1".into()]);
    }
    a
}

/// The demuxer to force for a family (the brand decides the container label later).
pub(crate) fn family_demuxer(family: Family) -> &'static str {
    match family {
        Family::IsoBmff => "mov",
        Family::Matroska => "matroska",
    }
}

/// Turns ffprobe's answer into a [`VideoInfo`], or the reason the file is no use.
pub(crate) fn interpret(
    path: &Path,
    bytes: u64,
    family: Family,
    p: Probed,
) -> Result<VideoInfo, VideoError> {
    let format = p.format.ok_or_else(|| VideoError::Damaged {
        detail: "ffprobe found no format".into(),
    })?;
    if p.streams.iter().any(|s| {
        s.side_data_list.iter().any(|d| {
            d.side_data_type
                .as_deref()
                .is_some_and(|t| t.contains("Encryption"))
        }) || matches!(s.codec_tag_string.as_deref(), Some("encv" | "enca"))
    }) {
        return Err(VideoError::Encrypted);
    }
    let kind = |s: &PStream, k: &str| s.codec_type.as_deref() == Some(k);
    let picture = p
        .streams
        .iter()
        .find(|s| kind(s, "video") && s.disposition.get("attached_pic").copied().unwrap_or(0) == 0);
    let Some(v) = picture else {
        // Sound without a picture is the officer's wrong pick; nothing at all is damage.
        return Err(if p.streams.iter().any(|s| kind(s, "audio")) {
            VideoError::NoVideoTrack
        } else {
            VideoError::Damaged {
                detail: "no stream in the file".into(),
            }
        });
    };
    let Some(codec) = v.codec_name.clone() else {
        return Err(VideoError::UnsupportedCodec {
            codec: v.codec_tag_string.clone().unwrap_or_else(|| "?".into()),
        });
    };
    let (cw, ch) = (v.width.unwrap_or(0), v.height.unwrap_or(0));
    if cw == 0 || ch == 0 {
        return Err(VideoError::Damaged {
            detail: "the picture has no size".into(),
        });
    }
    let sar = v
        .sample_aspect_ratio
        .as_deref()
        .and_then(ratio)
        .filter(|(n, d)| *n > 0 && *d > 0)
        .unwrap_or((1, 1));
    let orientation = v
        .side_data_list
        .iter()
        .find(|d| d.side_data_type.as_deref() == Some("Display Matrix"))
        .map(|d| Orientation::from_side_data(d.rotation.unwrap_or(0.0), d.displaymatrix.as_deref()))
        .or_else(|| v.tags.get("rotate").and_then(|t| Orientation::from_tag(t)))
        .unwrap_or_default();
    // Square pixels first (widen or narrow), then turn.
    let square_w = ((u64::from(cw) * u64::from(sar.0)) / u64::from(sar.1)).max(1) as u32;
    let (width, height) = orientation.upright(square_w, ch);

    let audio = p
        .streams
        .iter()
        .find(|s| {
            kind(s, "audio")
                && s.codec_name.is_some()
                && s.channels.unwrap_or(0) > 0
                && s.sample_rate
                    .as_deref()
                    .and_then(|r| r.parse::<u32>().ok())
                    .unwrap_or(0)
                    > 0
        })
        .map(|a| AudioStream {
            index: a.index,
            codec: a.codec_name.clone().unwrap_or_default(),
            channels: a.channels.unwrap_or(0),
            sample_rate: a
                .sample_rate
                .as_deref()
                .and_then(|r| r.parse().ok())
                .unwrap_or(0),
            bit_rate: a.bit_rate.as_deref().and_then(|b| b.parse().ok()),
        });

    let duration_s = format
        .duration
        .as_deref()
        .or(v.duration.as_deref())
        .and_then(|d| d.parse::<f64>().ok())
        .filter(|d| d.is_finite() && *d > 0.0);

    // Every tag of the file and of every stream, keys lower-cased, for the metadata checks.
    let mut tags: Vec<(String, &str)> = format
        .tags
        .iter()
        .map(|(k, v)| (k.to_lowercase(), v.as_str()))
        .collect();
    for s in &p.streams {
        tags.extend(s.tags.iter().map(|(k, v)| (k.to_lowercase(), v.as_str())));
    }
    let mut location_keys: Vec<String> = tags
        .iter()
        .filter(|(k, v)| is_location_key(k) || (k == "xmp" && xmp_has_gps(v)))
        .map(|(k, _)| k.clone())
        .collect();
    if p.streams
        .iter()
        .any(|s| s.codec_tag_string.as_deref() == Some("gpmd"))
    {
        location_keys.push("gpmd".into());
    }
    location_keys.sort();
    location_keys.dedup();
    let device_tag = |name: &str| {
        tags.iter()
            .find(|(k, _)| k == name || k.ends_with(&format!(".{name}")))
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    let device = match (device_tag("make"), device_tag("model")) {
        (Some(make), Some(model)) if model.starts_with(make) => Some(model.to_owned()),
        (Some(make), Some(model)) => Some(format!("{make} {model}")),
        (make, model) => make.or(model).map(str::to_owned),
    };
    let has_device_metadata = tags.iter().any(|(k, _)| is_device_key(k));

    let container = match family {
        Family::Matroska => {
            if matches!(codec.as_str(), "vp8" | "vp9" | "av1") {
                Container::WebM
            } else {
                Container::Matroska
            }
        }
        Family::IsoBmff => brand_container(
            format
                .tags
                .get("major_brand")
                .map(String::as_str)
                .unwrap_or(""),
        ),
    };
    let video = VideoStream {
        index: v.index,
        codec,
        codec_tag: v
            .codec_tag_string
            .clone()
            .filter(|t| t.chars().all(|c| c.is_ascii_alphanumeric())),
        coded_width: cw,
        coded_height: ch,
        sar,
        fps: [&v.avg_frame_rate, &v.r_frame_rate]
            .into_iter()
            .filter_map(|r| r.as_deref().and_then(ratio))
            .find(|(n, d)| *n > 0 && *d > 0)
            .map(|(n, d)| f64::from(n) / f64::from(d)),
        pix_fmt: v.pix_fmt.clone(),
        hdr_transfer: v
            .color_transfer
            .clone()
            .filter(|t| t == "smpte2084" || t == "arib-std-b67"),
        bit_rate: v.bit_rate.as_deref().and_then(|b| b.parse().ok()),
    };
    Ok(VideoInfo {
        path: path.to_path_buf(),
        container,
        bytes,
        duration_s,
        duration_scanned: false,
        data_streams: p
            .streams
            .iter()
            .filter(|s| !kind(s, "video") && !kind(s, "audio"))
            .count() as u32,
        video,
        audio,
        orientation,
        width,
        height,
        has_location: !location_keys.is_empty(),
        location_keys,
        device,
        has_device_metadata,
        format_name: format.format_name.unwrap_or_default(),
    })
}

/// `location`, `location-eng`, `com.apple.quicktime.location.ISO6709`, `©xyz` as ffmpeg names
/// it (`location`), anything naming GPS.
pub(crate) fn is_location_key(k: &str) -> bool {
    let k = k.to_lowercase();
    k.contains("location") || k.contains("gps") || k == "xyz" || k == "loci"
}

fn xmp_has_gps(xmp: &str) -> bool {
    xmp.contains("GPSLatitude") || xmp.contains("GPSLongitude") || xmp.contains("exif:GPS")
}

/// Make, model, manufacturer, software and OS version, under any vendor prefix.
pub(crate) fn is_device_key(k: &str) -> bool {
    let last = k.rsplit('.').next().unwrap_or(k);
    let vendor = !k.contains('.') || k.starts_with("com.");
    vendor
        && matches!(
            last,
            "make" | "model" | "manufacturer" | "software" | "version"
        )
}

fn brand_container(brand: &str) -> Container {
    let b = brand.trim().to_lowercase();
    if b == "qt" {
        Container::Mov
    } else if b.starts_with("3g2") || b == "kddi" {
        Container::ThreeG2
    } else if b.starts_with("3g") {
        Container::ThreeGp
    } else {
        Container::Mp4
    }
}

/// "30000/1001" or "1:1".
fn ratio(s: &str) -> Option<(u32, u32)> {
    let (n, d) = s.split_once(['/', ':'])?;
    Some((n.trim().parse().ok()?, d.trim().parse().ok()?))
}

/// The reason ffprobe or ffmpeg gave up on an input, from the end of its standard error.
pub(crate) fn classify_input_failure(stderr: &str) -> VideoError {
    let detail = stderr.lines().last().unwrap_or("").trim().to_owned();
    if stderr.contains("moov atom not found") {
        VideoError::Incomplete { detail }
    } else if let Some(codec) = stderr
        .split("Decoder (codec ")
        .nth(1)
        .and_then(|r| r.split(')').next())
    {
        VideoError::UnsupportedCodec {
            codec: codec.trim().to_owned(),
        }
    } else {
        VideoError::Damaged { detail }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_bytes_tell_the_family() {
        let mp4 = b"\0\0\0\x20ftypisom\0\0\x02\0";
        assert_eq!(family(mp4), Some(Family::IsoBmff));
        assert_eq!(family(b"\0\0\0\x08wide\0\0"), Some(Family::IsoBmff));
        assert_eq!(
            family(&[0x1A, 0x45, 0xDF, 0xA3, 1, 0, 0, 0]),
            Some(Family::Matroska)
        );
        assert_eq!(family(b"\xFF\xD8\xFF\xE0\0\x10JFIF"), None);
        assert_eq!(family(b"#EXTM3U\n#EXT-X"), None);
        assert_eq!(family(b"\0\0"), None);
    }

    #[test]
    fn brands_name_the_container() {
        assert_eq!(brand_container("qt  "), Container::Mov);
        assert_eq!(brand_container("3gp5"), Container::ThreeGp);
        assert_eq!(brand_container("3g2a"), Container::ThreeG2);
        assert_eq!(brand_container("kddi"), Container::ThreeG2);
        assert_eq!(brand_container("isom"), Container::Mp4);
        assert_eq!(brand_container(""), Container::Mp4);
    }

    #[test]
    fn location_and_device_keys() {
        for k in [
            "location",
            "location-eng",
            "com.apple.quicktime.location.ISO6709",
            "com.apple.quicktime.location.accuracy.horizontal",
        ] {
            assert!(is_location_key(k), "{k}");
        }
        assert!(!is_location_key("creation_time"));
        for k in [
            "com.apple.quicktime.make",
            "com.apple.quicktime.model",
            "com.apple.quicktime.software",
            "com.android.version",
            "make",
            "model",
        ] {
            assert!(is_device_key(k), "{k}");
        }
        assert!(!is_device_key("minor_version"));
        assert!(!is_device_key("com.android.capture.fps"));
    }

    #[test]
    fn failures_are_classified() {
        assert!(matches!(
            classify_input_failure("[mov @ 0x1] moov atom not found\nx.mp4: Invalid data"),
            VideoError::Incomplete { .. }
        ));
        assert_eq!(
            classify_input_failure("Decoder (codec apac) not found for input stream #0:1"),
            VideoError::UnsupportedCodec {
                codec: "apac".into()
            }
        );
        assert!(matches!(
            classify_input_failure("error reading header"),
            VideoError::Damaged { .. }
        ));
    }
}
