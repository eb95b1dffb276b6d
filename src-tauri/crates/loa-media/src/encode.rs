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
/// `quality` keeps libjpeg's meaning for colour: the chroma table is the standard one (ITU-T T.81
/// Annex K) scaled as libjpeg scales it, so colour is quantised exactly as libjpeg-turbo, libvips
/// or ImageMagick would at the same quality. Brightness uses a perceptually tuned table instead
/// ([`LUMA_TABLE`]), at a quality [`LUMA_QUALITY_OFFSET`] lower: on phone photos this gives the same
/// luma SSIM as the standard table in about 2 % fewer bytes (see `benchmarks/media.md`).
///
/// The baseline file is then re-coded losslessly as progressive (the `jpegtran -progressive` step
/// of libjpeg-turbo), which also computes Huffman tables optimal for this image: the same pixels
/// in about 6 % fewer bytes again. TurboJPEG 2 offers neither custom tables nor progressive
/// coding at encode time, hence the two steps.
pub(crate) fn jpeg(
    img: &RgbImage,
    quality: u8,
    exif: Option<&[u8]>,
    icc: Option<&[u8]>,
) -> Result<Vec<u8>, EncodeError> {
    let baseline = baseline(img, quality)?;
    let out = progressive(&baseline).unwrap_or(baseline);
    Ok(meta::jpeg_with_segments(out, exif, icc))
}

/// Luma quantisation table, natural (row) order: Ahumada, Watson and Peterson, "A visual detection
/// model for DCT coefficient quantization" (1993), one of the tables mozjpeg offers. It quantises
/// fine detail far more gently than Annex K and the lowest frequencies a little harder, which
/// keeps the local structure SSIM measures (and the eye sees as sharpness) for fewer bytes.
pub(crate) const LUMA_TABLE: [u16; 64] = [
    15, 11, 11, 12, 15, 19, 25, 32, //
    11, 13, 10, 10, 12, 15, 19, 24, //
    11, 10, 14, 14, 16, 18, 22, 27, //
    12, 10, 14, 18, 21, 24, 28, 33, //
    15, 12, 16, 21, 26, 31, 36, 42, //
    19, 15, 18, 24, 31, 38, 45, 53, //
    25, 19, 22, 28, 36, 45, 55, 65, //
    32, 24, 27, 33, 42, 53, 65, 77,
];

/// How much lower than the nominal quality [`LUMA_TABLE`] is scaled: at nominal 82 this matches
/// the luma SSIM of Annex K at 82 on the benchmark photos (measured with the same encoder on the
/// same resized pixels, `scripts/bench-media.sh`).
pub(crate) const LUMA_QUALITY_OFFSET: u8 = 10;

/// libjpeg's `jpeg_quality_scaling` and `jpeg_add_quant_table` (baseline: 1..=255).
pub(crate) fn scaled(table: &[u16; 64], quality: u8) -> [u16; 64] {
    let q = u32::from(quality.clamp(1, 100));
    let scale = if q < 50 { 5000 / q } else { 200 - 2 * q };
    table.map(|v| ((u32::from(v) * scale + 50) / 100).clamp(1, 255) as u16)
}

/// Baseline JPEG with [`LUMA_TABLE`] for brightness and Annex K for colour, chroma averaged over
/// 2×2 blocks as libjpeg does.
fn baseline(img: &RgbImage, quality: u8) -> Result<Vec<u8>, EncodeError> {
    use jpeg_encoder::{ChromaSubsamplingMethod, ColorType, Encoder, QuantizationTableType};
    let err = |e: jpeg_encoder::EncodingError| EncodeError::Jpeg {
        detail: e.to_string(),
    };
    let too_large = || EncodeError::Jpeg {
        detail: format!("{}×{} is beyond JPEG's 65535", img.width(), img.height()),
    };
    let width = u16::try_from(img.width()).map_err(|_| too_large())?;
    let height = u16::try_from(img.height()).map_err(|_| too_large())?;
    let luma = scaled(
        &LUMA_TABLE,
        quality.saturating_sub(LUMA_QUALITY_OFFSET).max(1),
    );
    let mut out = Vec::with_capacity(img.as_raw().len() / 8);
    // The chroma table is scaled by the encoder's own quality (libjpeg's formula).
    let mut enc = Encoder::new(&mut out, quality.clamp(1, 100));
    enc.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
    enc.set_chroma_subsampling_method(ChromaSubsamplingMethod::Average);
    enc.set_quantization_tables(
        QuantizationTableType::Custom(Box::new(luma)),
        QuantizationTableType::Default,
    );
    enc.encode(img.as_raw(), width, height, ColorType::Rgb)
        .map_err(err)?;
    Ok(out)
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

    /// The quantisation tables of a JPEG, by table id, in natural order (DQT stores zigzag).
    fn quant_tables(jpeg: &[u8]) -> Vec<(u8, [u16; 64])> {
        const ZIGZAG: [usize; 64] = [
            0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34,
            27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37,
            44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
        ];
        let mut tables = Vec::new();
        let mut i = 2;
        while i + 4 <= jpeg.len() && jpeg[i] == 0xFF && jpeg[i + 1] != 0xDA {
            let len = usize::from(u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]));
            if jpeg[i + 1] == 0xDB {
                let mut j = i + 4;
                while j < i + 2 + len {
                    let (precision, id) = (jpeg[j] >> 4, jpeg[j] & 0x0F);
                    assert_eq!(
                        precision, 0,
                        "8-bit tables keep the file baseline-compatible"
                    );
                    let mut t = [0u16; 64];
                    for (k, &pos) in ZIGZAG.iter().enumerate() {
                        t[pos] = u16::from(jpeg[j + 1 + k]);
                    }
                    tables.push((id, t));
                    j += 65;
                }
            }
            i += 2 + len;
        }
        tables
    }

    /// Annex K chrominance table (ITU-T T.81, K.1), natural order.
    const ANNEX_K_CHROMA: [u16; 64] = [
        17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99,
        99, 47, 66, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    ];

    #[test]
    fn quality_scaling_is_libjpegs() {
        // libjpeg at quality 50 uses the table as given, at 82 scales by 36 %, at 25 by 200 %.
        assert_eq!(scaled(&ANNEX_K_CHROMA, 50), ANNEX_K_CHROMA);
        assert_eq!(scaled(&ANNEX_K_CHROMA, 82)[0], 6); // (17 × 36 + 50) / 100
        assert_eq!(scaled(&ANNEX_K_CHROMA, 82)[63], 36); // (99 × 36 + 50) / 100
        assert_eq!(scaled(&ANNEX_K_CHROMA, 25)[63], 198);
        assert_eq!(scaled(&[1; 64], 100), [1; 64], "never 0");
        assert_eq!(
            scaled(&[200; 64], 1),
            [255; 64],
            "baseline tables stop at 255"
        );
    }

    #[test]
    fn brightness_uses_the_tuned_table_and_colour_libjpegs_at_the_same_quality() {
        let out = jpeg(&card(640, 480), 82, None, None).expect("encodes");
        let tables = quant_tables(&out);
        assert_eq!(tables.len(), 2, "one table for Y, one shared by Cb and Cr");
        assert_eq!(tables[0], (0, scaled(&LUMA_TABLE, 72)));
        assert_eq!(tables[1], (1, scaled(&ANNEX_K_CHROMA, 82)));
        // Lower qualities (the size cap steps down) move both tables together.
        let low = quant_tables(&jpeg(&card(64, 48), 50, None, None).expect("encodes"));
        assert_eq!(low[0].1, scaled(&LUMA_TABLE, 40));
        assert_eq!(low[1].1, ANNEX_K_CHROMA);
    }

    #[test]
    fn photos_are_progressive_and_re_coding_keeps_the_pixels() {
        let img = card(640, 480);
        let out = jpeg(&img, 82, None, None).expect("encodes");
        assert_eq!(frame_marker(&out), Some(0xC2), "progressive");
        let first = baseline(&img, 82).expect("baseline");
        assert_eq!(frame_marker(&first), Some(0xC0));
        assert!(out.len() < first.len(), "{} ≥ {}", out.len(), first.len());
        let decode = |b: &[u8]| {
            turbojpeg::decompress(b, turbojpeg::PixelFormat::RGB)
                .expect("decodes")
                .pixels
        };
        assert!(decode(&out) == decode(&first), "lossless re-coding");
        // And the picture is the picture: about as close to the source as libjpeg-turbo's own
        // encoding at the same quality (a broken table or colour conversion would be far off).
        let mut c = turbojpeg::Compressor::new().expect("compressor");
        c.set_quality(82);
        c.set_subsamp(turbojpeg::Subsamp::Sub2x2);
        let turbo = c
            .compress_to_vec(turbojpeg::Image {
                pixels: img.as_raw().as_slice(),
                width: 640,
                pitch: 640 * 3,
                height: 480,
                format: turbojpeg::PixelFormat::RGB,
            })
            .expect("libjpeg-turbo");
        let mean_err = |b: &[u8]| {
            let pixels = decode(b);
            pixels
                .iter()
                .zip(img.as_raw())
                .map(|(&a, &b)| f64::from(a.abs_diff(b)))
                .sum::<f64>()
                / pixels.len() as f64
        };
        let (ours, theirs) = (mean_err(&out), mean_err(&turbo));
        assert!(
            ours < theirs * 1.1,
            "{ours} against libjpeg-turbo's {theirs}"
        );
    }

    #[test]
    fn a_picture_wider_than_jpeg_allows_is_an_error_not_a_panic() {
        let wide = RgbImage::new(70_000, 1);
        assert!(matches!(
            jpeg(&wide, 82, None, None),
            Err(EncodeError::Jpeg { .. })
        ));
    }
}
