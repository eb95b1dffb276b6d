//! Bytes to pixels, at the smallest size that still serves the output. The header is read and
//! checked against the pixel limit before anything is allocated for the pixels.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, RgbImage};

use crate::error::DecodeError;
use crate::meta::{self, SourceFormat};
use crate::resize::fit;

/// A decoded photo, not yet turned upright.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub image: DynamicImage,
    /// The size stored in the file (before any decode-time shrink).
    pub source_width: u32,
    pub source_height: u32,
    /// The EXIF (TIFF) data, if any.
    pub exif: Option<Vec<u8>>,
    pub icc: Option<Vec<u8>>,
    pub has_alpha: bool,
}

fn corrupt(detail: impl ToString) -> DecodeError {
    DecodeError::Corrupt {
        detail: detail.to_string(),
    }
}

fn check_size(width: u32, height: u32, max_pixels: u64) -> Result<(), DecodeError> {
    if width == 0 || height == 0 {
        return Err(corrupt(format!("{width}×{height}")));
    }
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(DecodeError::TooLarge {
            width,
            height,
            limit: max_pixels,
        });
    }
    Ok(())
}

/// Decodes `bytes`. `max_edge` lets a JPEG decode at 1/8…8/8 of its size (DCT scaling) as long as
/// the result still covers the size the photo will be resized to.
pub(crate) fn decode(
    bytes: &[u8],
    format: SourceFormat,
    max_edge: Option<u32>,
    max_pixels: u64,
) -> Result<Decoded, DecodeError> {
    match format {
        SourceFormat::Jpeg => decode_jpeg(bytes, max_edge, max_pixels),
        SourceFormat::Png => decode_image_rs(bytes, image::ImageFormat::Png, max_pixels),
        SourceFormat::WebP => decode_image_rs(bytes, image::ImageFormat::WebP, max_pixels),
    }
}

/// The smallest `n/8` scale whose result still covers `target` (never below the target size).
pub(crate) fn dct_scale(width: u32, height: u32, target: (u32, u32)) -> u32 {
    let scaled = |d: u32, n: u32| (u64::from(d) * u64::from(n)).div_ceil(8);
    (1..=8)
        .find(|&n| {
            scaled(width, n) >= u64::from(target.0) && scaled(height, n) >= u64::from(target.1)
        })
        .unwrap_or(8)
}

fn decode_jpeg(
    bytes: &[u8],
    max_edge: Option<u32>,
    max_pixels: u64,
) -> Result<Decoded, DecodeError> {
    let mut dec = turbojpeg::Decompressor::new().map_err(corrupt)?;
    let header = dec.read_header(bytes).map_err(corrupt)?;
    let width = u32::try_from(header.width).map_err(corrupt)?;
    let height = u32::try_from(header.height).map_err(corrupt)?;
    check_size(width, height, max_pixels)?;

    let target = max_edge.map_or((width, height), |m| fit(width, height, m));
    let n = dct_scale(width, height, target);
    let (w, h) = (
        (header.width * n as usize).div_ceil(8),
        (header.height * n as usize).div_ceil(8),
    );
    let cmyk = matches!(
        header.colorspace,
        turbojpeg::Colorspace::CMYK | turbojpeg::Colorspace::YCCK
    );
    let format = if cmyk {
        turbojpeg::PixelFormat::CMYK
    } else {
        turbojpeg::PixelFormat::RGB
    };
    let mut pixels = vec![0u8; w * h * format.size()];
    let image = turbojpeg::Image {
        pixels: pixels.as_mut_slice(),
        width: w,
        pitch: w * format.size(),
        height: h,
        format,
    };
    dec.decompress(bytes, image).map_err(corrupt)?;
    if cmyk {
        // Adobe CMYK JPEGs store inverted ink values, so multiplying by K gives RGB.
        pixels = pixels
            .chunks_exact(4)
            .flat_map(|p| {
                let k = u16::from(p[3]);
                [0, 1, 2].map(|c| ((u16::from(p[c]) * k + 127) / 255) as u8)
            })
            .collect();
    }
    let rgb = RgbImage::from_raw(
        u32::try_from(w).map_err(corrupt)?,
        u32::try_from(h).map_err(corrupt)?,
        pixels,
    )
    .ok_or_else(|| corrupt("pixel buffer"))?;
    let segments = meta::jpeg_segments(bytes);
    Ok(Decoded {
        image: DynamicImage::ImageRgb8(rgb),
        source_width: width,
        source_height: height,
        exif: segments.exif,
        icc: segments.icc,
        has_alpha: false,
    })
}

fn decode_image_rs(
    bytes: &[u8],
    format: image::ImageFormat,
    max_pixels: u64,
) -> Result<Decoded, DecodeError> {
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    // Room for the largest allowed image at 16 bits per channel with alpha, plus the decoder's own.
    limits.max_alloc = Some(max_pixels.saturating_mul(8).saturating_add(64 << 20));
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(corrupt)?;
    let (width, height) = decoder.dimensions();
    check_size(width, height, max_pixels)?;
    let exif = decoder
        .exif_metadata()
        .ok()
        .flatten()
        .map(meta::tiff_payload);
    let icc = decoder.icc_profile().ok().flatten();
    let has_alpha = decoder.color_type().has_alpha();
    let image = DynamicImage::from_decoder(decoder).map_err(corrupt)?;
    let image = if has_alpha {
        DynamicImage::ImageRgba8(image.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.into_rgb8())
    };
    Ok(Decoded {
        image,
        source_width: width,
        source_height: height,
        exif,
        icc,
        has_alpha,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dct_scale_covers_the_target() {
        // 4032×3024 into 2048: 1/2 would give 2016, too small; 5/8 gives 2520.
        assert_eq!(dct_scale(4032, 3024, fit(4032, 3024, 2048)), 5);
        assert_eq!(dct_scale(4000, 3000, fit(4000, 3000, 500)), 1);
        assert_eq!(dct_scale(1000, 800, fit(1000, 800, 2048)), 8);
    }
}
