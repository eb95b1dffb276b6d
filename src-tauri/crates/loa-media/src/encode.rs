//! Pixels to file bytes: JPEG through libjpeg-turbo, PNG through the `png` encoder of `image`.

use image::{DynamicImage, ImageEncoder, RgbImage};

use crate::error::EncodeError;
use crate::meta;

/// Lowest quality the size cap may go down to; below it photos look broken.
pub(crate) const MIN_CAPPED_QUALITY: u8 = 50;
/// Step by which the quality is lowered while an output is over the size cap.
pub(crate) const QUALITY_STEP: u8 = 8;

/// Progressive JPEG, 4:2:0 chroma, with `exif` and `icc` written back when given.
///
/// libjpeg-turbo encodes a baseline JPEG, then re-codes it losslessly as progressive (the
/// `jpegtran -progressive` step), which also computes Huffman tables optimal for this image: the
/// same pixels, hence the same SSIM, in about 6 % fewer bytes on phone photos (see
/// `benchmarks/media.md`). TurboJPEG 2 offers progressive coding only through this transform.
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
    let baseline = c.compress_to_vec(image).map_err(err)?;
    let out = progressive(&baseline).unwrap_or(baseline);
    Ok(meta::jpeg_with_segments(out, exif, icc))
}

/// The same JPEG re-coded progressive with optimal Huffman tables, coefficients untouched.
/// `None` if libjpeg-turbo refuses, in which case the baseline file is as good, only larger.
fn progressive(baseline: &[u8]) -> Option<Vec<u8>> {
    let transform = turbojpeg::Transform {
        progressive: true,
        copy_none: true,
        ..turbojpeg::Transform::default()
    };
    turbojpeg::Transformer::new()
        .and_then(|mut t| t.transform_to_vec(&transform, baseline))
        .ok()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A photo-like test card: gradients plus a fine texture, so the entropy coder has work.
    fn card(w: u32, h: u32) -> RgbImage {
        RgbImage::from_fn(w, h, |x, y| {
            let t = ((x * 7 + y * 13) % 23) as u8;
            image::Rgb([
                (x * 255 / w) as u8 ^ t,
                (y * 255 / h) as u8,
                ((x + y) * 127 / (w + h)) as u8 + t,
            ])
        })
    }

    /// Frame markers before the first scan: SOF0 (baseline) or SOF2 (progressive).
    fn frame_marker(jpeg: &[u8]) -> Option<u8> {
        let mut i = 2;
        while i + 4 <= jpeg.len() && jpeg[i] == 0xFF {
            let m = jpeg[i + 1];
            if matches!(m, 0xC0..=0xC3) {
                return Some(m);
            }
            i += 2 + usize::from(u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]));
        }
        None
    }

    #[test]
    fn photos_are_progressive_smaller_and_the_same_pixels() {
        let img = card(640, 480);
        let out = jpeg(&img, 82, None, None).expect("encodes");
        assert_eq!(frame_marker(&out), Some(0xC2), "progressive");
        // The baseline file libjpeg-turbo makes first, for comparison.
        let mut c = turbojpeg::Compressor::new().expect("compressor");
        c.set_quality(82);
        c.set_subsamp(turbojpeg::Subsamp::Sub2x2);
        let baseline = c
            .compress_to_vec(turbojpeg::Image {
                pixels: img.as_raw().as_slice(),
                width: 640,
                pitch: 640 * 3,
                height: 480,
                format: turbojpeg::PixelFormat::RGB,
            })
            .expect("baseline");
        assert_eq!(frame_marker(&baseline), Some(0xC0));
        assert!(
            out.len() < baseline.len(),
            "{} ≥ {}",
            out.len(),
            baseline.len()
        );
        let decode = |b: &[u8]| {
            turbojpeg::decompress(b, turbojpeg::PixelFormat::RGB)
                .expect("decodes")
                .pixels
        };
        assert!(decode(&out) == decode(&baseline), "lossless re-coding");
    }
}
