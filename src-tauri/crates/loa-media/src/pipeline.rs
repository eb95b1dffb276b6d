//! One photo, bytes in, bytes out: decode → resize → upright → watermark → encode.

use image::DynamicImage;
use image::metadata::Orientation;

use crate::decode;
use crate::encode::{self, MIN_CAPPED_QUALITY, QUALITY_STEP};
use crate::error::ProcessError;
use crate::meta::{self, SourceFormat};
use crate::options::{Encoded, Options, OutputFormat};
use crate::resize::{fit, resize_to};
use crate::watermark::{self, Placement};

/// A processed photo.
#[derive(Debug, Clone)]
pub struct Processed {
    /// The encoded file.
    pub bytes: Vec<u8>,
    pub encoded: Encoded,
    /// Size of the output, upright.
    pub width: u32,
    pub height: u32,
    /// Size stored in the source file (before turning it upright).
    pub source_width: u32,
    pub source_height: u32,
    /// The source's EXIF orientation (1–8), when it had one.
    pub orientation: Option<u8>,
    /// The source carried a GPS position.
    pub had_location: bool,
    /// The source's camera and date taken, from its EXIF.
    pub exif_text: meta::ExifText,
    /// The JPEG quality finally used (lower than asked when a size cap applied); `None` for PNG.
    pub quality: Option<u8>,
    /// Where the watermark landed, if there was one.
    pub watermark: Option<Placement>,
}

/// Runs the whole pipeline on one file's bytes.
pub fn process(bytes: &[u8], opts: &Options) -> Result<Processed, ProcessError> {
    let format = meta::sniff(bytes)?;
    let decoded = decode::decode(bytes, format, opts.max_edge, opts.max_pixels)?;
    let (sw, sh) = (decoded.source_width, decoded.source_height);
    let exif = decoded
        .exif
        .as_deref()
        .map(meta::parse_exif)
        .unwrap_or_default();

    // Resize in the stored orientation: fitting into a square box does not care about rotation,
    // and turning the smaller image is cheaper.
    let (tw, th) = opts.max_edge.map_or((sw, sh), |m| fit(sw, sh, m));
    let mut img = resize_to(decoded.image, tw, th);
    if let Some(o) = exif.orientation.and_then(Orientation::from_exif) {
        img.apply_orientation(o);
    }

    let encoded = match opts.format {
        OutputFormat::Jpeg => Encoded::Jpeg,
        OutputFormat::Png => Encoded::Png,
        OutputFormat::Auto if decoded.has_alpha && format != SourceFormat::Jpeg => Encoded::Png,
        OutputFormat::Auto => Encoded::Jpeg,
    };
    if encoded == Encoded::Jpeg && img.color().has_alpha() {
        img = DynamicImage::ImageRgb8(encode::flatten(img));
    }
    let placed = watermark::apply(&mut img, opts);

    let exif_out = if opts.keep_location {
        decoded.exif.as_deref().map(meta::exif_upright)
    } else {
        None
    };
    let icc = decoded.icc.as_deref();
    let (width, height) = (img.width(), img.height());
    let (bytes, encoded, quality) = encode_capped(img, encoded, opts, exif_out.as_deref(), icc)?;
    Ok(Processed {
        bytes,
        encoded,
        width,
        height,
        source_width: sw,
        source_height: sh,
        orientation: exif.orientation,
        had_location: exif.has_location,
        exif_text: decoded
            .exif
            .as_deref()
            .map(meta::exif_text)
            .unwrap_or_default(),
        quality,
        watermark: placed,
    })
}

type Encoding = (Vec<u8>, Encoded, Option<u8>);

/// Encodes, then lowers the JPEG quality in steps while the output is over the preset's size cap.
/// A PNG over the cap is written as JPEG instead.
fn encode_capped(
    img: DynamicImage,
    encoded: Encoded,
    opts: &Options,
    exif: Option<&[u8]>,
    icc: Option<&[u8]>,
) -> Result<Encoding, ProcessError> {
    let over = |len: usize| opts.max_bytes.is_some_and(|max| len as u64 > max);
    if encoded == Encoded::Png {
        let png = encode::png(&img, exif, icc)?;
        if !over(png.len()) {
            return Ok((png, Encoded::Png, None));
        }
    }
    let rgb = encode::flatten(img);
    let mut quality = opts.quality;
    loop {
        let jpeg = encode::jpeg(&rgb, quality, exif, icc)?;
        if !over(jpeg.len()) || quality <= MIN_CAPPED_QUALITY {
            return Ok((jpeg, Encoded::Jpeg, Some(quality)));
        }
        quality = quality.saturating_sub(QUALITY_STEP).max(MIN_CAPPED_QUALITY);
    }
}
