//! What the pipeline does to each photo: [`Options`], built with [`Options::builder`].

use std::str::FromStr;
use std::sync::Arc;

use image::RgbaImage;

use crate::error::WatermarkError;

/// Where a photo is going: `loa-platforms`' presets (long edge, quality, and a size cap the
/// destination accepts). An explicit [`OptionsBuilder::max_edge`] or [`OptionsBuilder::quality`]
/// wins over the preset whatever the order of the calls.
pub use loa_platforms::{PhotoPreset as Preset, UnknownPreset};

/// The output format a preset asks for: always JPEG for Facebook (its size cap is met by lowering
/// the JPEG quality); elsewhere a PNG with transparency stays PNG.
fn preset_format(preset: Preset) -> OutputFormat {
    match preset {
        Preset::Facebook => OutputFormat::Jpeg,
        Preset::Zalo | Preset::Web | Preset::Print => OutputFormat::Auto,
    }
}

/// Where the watermark goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Position {
    #[default]
    BottomRight,
    BottomLeft,
    TopRight,
    TopLeft,
    Center,
}

impl Position {
    pub const ALL: [Position; 5] = [
        Position::BottomRight,
        Position::BottomLeft,
        Position::TopRight,
        Position::TopLeft,
        Position::Center,
    ];

    /// `br`, `bl`, `tr`, `tl` or `center`.
    pub fn as_str(self) -> &'static str {
        match self {
            Position::BottomRight => "br",
            Position::BottomLeft => "bl",
            Position::TopRight => "tr",
            Position::TopLeft => "tl",
            Position::Center => "center",
        }
    }
}

/// The position name was not one of `br`, `bl`, `tr`, `tl`, `center`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown position {0:?}: use br, bl, tr, tl or center")]
pub struct UnknownPosition(pub String);

impl FromStr for Position {
    type Err = UnknownPosition;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Position::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| UnknownPosition(s.to_owned()))
    }
}

/// The file format written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// PNG when the source is a PNG or WebP with an alpha channel (logos, graphics), else JPEG.
    #[default]
    Auto,
    Jpeg,
    Png,
}

/// The format a file was actually written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoded {
    Jpeg,
    Png,
}

impl Encoded {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Encoded::Jpeg => "jpg",
            Encoded::Png => "png",
        }
    }
}

/// A logo or a line of text stamped on every photo.
#[derive(Debug, Clone)]
pub struct Watermark {
    pub(crate) kind: WatermarkKind,
}

#[derive(Debug, Clone)]
pub(crate) enum WatermarkKind {
    Logo(Arc<RgbaImage>),
    Text(String),
}

/// Logos larger than this on a side are refused: no photo needs them and they cost memory.
const MAX_LOGO_SIDE: u32 = 4096;

impl Watermark {
    /// A PNG logo; its alpha channel is respected.
    pub fn logo_png(bytes: &[u8]) -> Result<Self, WatermarkError> {
        let unreadable = |e: image::ImageError| WatermarkError::LogoUnreadable {
            detail: e.to_string(),
        };
        let mut reader =
            image::ImageReader::with_format(std::io::Cursor::new(bytes), image::ImageFormat::Png);
        let mut limits = image::Limits::default();
        limits.max_image_width = Some(MAX_LOGO_SIDE);
        limits.max_image_height = Some(MAX_LOGO_SIDE);
        reader.limits(limits);
        let (width, height) =
            image::ImageReader::with_format(std::io::Cursor::new(bytes), image::ImageFormat::Png)
                .into_dimensions()
                .map_err(unreadable)?;
        if width > MAX_LOGO_SIDE || height > MAX_LOGO_SIDE {
            return Err(WatermarkError::LogoTooLarge { width, height });
        }
        let logo = reader.decode().map_err(unreadable)?.into_rgba8();
        Ok(Self {
            kind: WatermarkKind::Logo(Arc::new(logo)),
        })
    }

    /// A line of text in Be Vietnam Pro SemiBold, white with a soft shadow. The text is put in
    /// Unicode NFC first so that Vietnamese typed with combining marks renders right.
    pub fn text(text: &str) -> Result<Self, WatermarkError> {
        use unicode_normalization::UnicodeNormalization;
        let line: String = text.nfc().filter(|c| !c.is_control()).collect();
        let line = line.trim();
        if line.is_empty() {
            return Err(WatermarkError::EmptyText);
        }
        Ok(Self {
            kind: WatermarkKind::Text(line.to_owned()),
        })
    }
}

/// Everything the pipeline needs to know. Build with [`Options::builder`]; `Options::default()`
/// is the `facebook` preset with every default below.
#[derive(Debug, Clone)]
pub struct Options {
    pub(crate) max_edge: Option<u32>,
    pub(crate) quality: u8,
    pub(crate) format: OutputFormat,
    pub(crate) max_bytes: Option<u64>,
    pub(crate) watermark: Option<Watermark>,
    pub(crate) position: Position,
    pub(crate) opacity: f32,
    pub(crate) logo_scale: f32,
    pub(crate) text_scale: f32,
    pub(crate) margin_scale: f32,
    pub(crate) keep_location: bool,
    pub(crate) max_pixels: u64,
}

impl Default for Options {
    fn default() -> Self {
        OptionsBuilder::default().build()
    }
}

impl Options {
    pub fn builder() -> OptionsBuilder {
        OptionsBuilder::default()
    }

    pub fn max_edge(&self) -> Option<u32> {
        self.max_edge
    }

    pub fn quality(&self) -> u8 {
        self.quality
    }

    pub fn keep_location(&self) -> bool {
        self.keep_location
    }

    pub fn max_pixels(&self) -> u64 {
        self.max_pixels
    }
}

/// Default pixel limit: 100 megapixels, four times the largest phone photos (50 MP sensors in
/// full-resolution mode); a header declaring more is refused before any pixel is allocated.
pub const DEFAULT_MAX_PIXELS: u64 = 100_000_000;

/// Builds [`Options`]. Every setting has a default:
///
/// | setting | default |
/// | --- | --- |
/// | [`preset`](Self::preset) | `facebook` (long edge 2048 px, quality 82, JPEG, under 4,000,000 bytes) |
/// | [`max_edge`](Self::max_edge) | the preset's; a photo is never upscaled |
/// | [`quality`](Self::quality) | the preset's (82 for `facebook`), clamped to 1–100 |
/// | [`format`](Self::format) | the preset's ([`OutputFormat::Auto`] except `facebook`: JPEG) |
/// | [`watermark`](Self::watermark) | none |
/// | [`position`](Self::position) | bottom right |
/// | [`opacity`](Self::opacity) | 0.85, clamped to 0–1 |
/// | [`logo_scale`](Self::logo_scale) | 0.18: logo width = 18 % of the output's short edge (its height too at most) |
/// | [`text_scale`](Self::text_scale) | 0.045: text height = 4.5 % of the short edge (smaller if the line would not fit) |
/// | [`margin_scale`](Self::margin_scale) | 0.03: margin = 3 % of the short edge |
/// | [`keep_location`](Self::keep_location) | `false`: EXIF (with GPS) and XMP are removed |
/// | [`max_pixels`](Self::max_pixels) | [`DEFAULT_MAX_PIXELS`] (100 MP) |
#[derive(Debug, Clone, Default)]
pub struct OptionsBuilder {
    preset: Preset,
    max_edge: Option<u32>,
    quality: Option<u8>,
    format: Option<OutputFormat>,
    watermark: Option<Watermark>,
    position: Position,
    opacity: Option<f32>,
    logo_scale: Option<f32>,
    text_scale: Option<f32>,
    margin_scale: Option<f32>,
    keep_location: bool,
    max_pixels: Option<u64>,
}

impl OptionsBuilder {
    pub fn preset(mut self, preset: Preset) -> Self {
        self.preset = preset;
        self
    }

    /// Fit the photo into a `px` × `px` box (the long edge becomes at most `px`). Never upscales.
    /// Zero means 1.
    pub fn max_edge(mut self, px: u32) -> Self {
        self.max_edge = Some(px.max(1));
        self
    }

    pub fn quality(mut self, q: u8) -> Self {
        self.quality = Some(q.clamp(1, 100));
        self
    }

    pub fn format(mut self, format: OutputFormat) -> Self {
        self.format = Some(format);
        self
    }

    pub fn watermark(mut self, watermark: Watermark) -> Self {
        self.watermark = Some(watermark);
        self
    }

    pub fn position(mut self, position: Position) -> Self {
        self.position = position;
        self
    }

    pub fn opacity(mut self, opacity: f32) -> Self {
        self.opacity = Some(if opacity.is_finite() {
            opacity.clamp(0.0, 1.0)
        } else {
            1.0
        });
        self
    }

    pub fn logo_scale(mut self, fraction: f32) -> Self {
        self.logo_scale = Some(clamp_fraction(fraction, 0.18));
        self
    }

    pub fn text_scale(mut self, fraction: f32) -> Self {
        self.text_scale = Some(clamp_fraction(fraction, 0.045));
        self
    }

    pub fn margin_scale(mut self, fraction: f32) -> Self {
        self.margin_scale = Some(clamp_fraction(fraction, 0.03).min(0.4));
        self
    }

    pub fn keep_location(mut self, keep: bool) -> Self {
        self.keep_location = keep;
        self
    }

    pub fn max_pixels(mut self, pixels: u64) -> Self {
        self.max_pixels = Some(pixels.max(1));
        self
    }

    pub fn build(self) -> Options {
        Options {
            max_edge: self.max_edge.or(self.preset.max_edge()),
            quality: self.quality.unwrap_or(self.preset.quality()),
            format: self.format.unwrap_or(preset_format(self.preset)),
            max_bytes: self.preset.max_bytes(),
            watermark: self.watermark,
            position: self.position,
            opacity: self.opacity.unwrap_or(0.85),
            logo_scale: self.logo_scale.unwrap_or(0.18),
            text_scale: self.text_scale.unwrap_or(0.045),
            margin_scale: self.margin_scale.unwrap_or(0.03),
            keep_location: self.keep_location,
            max_pixels: self.max_pixels.unwrap_or(DEFAULT_MAX_PIXELS),
        }
    }
}

fn clamp_fraction(f: f32, default: f32) -> f32 {
    if f.is_finite() && f > 0.0 {
        f.min(1.0)
    } else {
        default
    }
}
