//! Pixels to file bytes: JPEG through libjpeg-turbo, PNG through the `png` encoder of `image`.

use image::{DynamicImage, ImageEncoder, RgbImage};

use crate::error::EncodeError;
use crate::meta;

/// Lowest quality the size cap may go down to; below it photos look broken.
pub(crate) const MIN_CAPPED_QUALITY: u8 = 50;
/// Step by which the quality is lowered while an output is over the size cap.
pub(crate) const QUALITY_STEP: u8 = 8;

/// Baseline JPEG, 4:2:0 chroma, with `exif` and `icc` written back when given.
pub(crate) fn jpeg(
    img: &RgbImage,
    quality: u8,
    exif: Option<&[u8]>,
    icc: Option<&[u8]>,
) -> Result<Vec<u8>, EncodeError> {
    let err = |e: turbojpeg::Error| EncodeError::Jpeg {
        detail: e.to_string(),
    };
    let mut c = turbojpeg::Compressor::new().map_err(err)?;
    c.set_quality(i32::from(quality));
    c.set_subsamp(turbojpeg::Subsamp::Sub2x2);
    let image = turbojpeg::Image {
        pixels: img.as_raw().as_slice(),
        width: img.width() as usize,
        pitch: img.width() as usize * 3,
        height: img.height() as usize,
        format: turbojpeg::PixelFormat::RGB,
    };
    let out = c.compress_to_vec(image).map_err(err)?;
    Ok(meta::jpeg_with_segments(out, exif, icc))
}

/// PNG (fast compression, adaptive filters), RGB or RGBA as the image is.
pub(crate) fn png(
    img: &DynamicImage,
    exif: Option<&[u8]>,
    icc: Option<&[u8]>,
) -> Result<Vec<u8>, EncodeError> {
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let mut out = Vec::new();
    let mut enc =
        PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Adaptive);
    if let Some(icc) = icc {
        // An encoder that cannot take the profile would lose colours silently: say so.
        enc.set_icc_profile(icc.to_vec())
            .map_err(|e| EncodeError::Png {
                detail: e.to_string(),
            })?;
    }
    if let Some(exif) = exif {
        enc.set_exif_metadata(exif.to_vec())
            .map_err(|e| EncodeError::Png {
                detail: e.to_string(),
            })?;
    }
    enc.write_image(
        img.as_bytes(),
        img.width(),
        img.height(),
        img.color().into(),
    )
    .map_err(|e| EncodeError::Png {
        detail: e.to_string(),
    })?;
    Ok(out)
}

/// Flattens transparency onto white (JPEG has no alpha).
pub(crate) fn flatten(img: DynamicImage) -> RgbImage {
    match img {
        DynamicImage::ImageRgb8(rgb) => rgb,
        DynamicImage::ImageRgba8(rgba) => {
            let (w, h) = rgba.dimensions();
            let data = rgba
                .into_raw()
                .chunks_exact(4)
                .flat_map(|p| {
                    let a = u16::from(p[3]);
                    [0, 1, 2].map(|c| ((u16::from(p[c]) * a + 255 * (255 - a) + 127) / 255) as u8)
                })
                .collect();
            RgbImage::from_raw(w, h, data).unwrap_or_else(|| RgbImage::new(w, h))
        }
        other => other.into_rgb8(),
    }
}
