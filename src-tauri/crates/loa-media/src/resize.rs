//! Fitting into a box and resampling (SIMD, via fast_image_resize).

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::DynamicImage;

/// The size of a `width` × `height` image fitted into a `max_edge` square box, keeping the aspect
/// ratio and never upscaling. Sides are at least 1 px.
pub fn fit(width: u32, height: u32, max_edge: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= max_edge || long == 0 {
        return (width, height);
    }
    let scale = |d: u32| {
        let v = (u64::from(d) * u64::from(max_edge) + u64::from(long) / 2) / u64::from(long);
        u32::try_from(v.max(1)).unwrap_or(max_edge)
    };
    (scale(width), scale(height))
}

/// Resamples `img` to exactly `width` × `height` with Lanczos3 (alpha-aware). Returns the input
/// when the size is already right.
pub(crate) fn resize_to(img: DynamicImage, width: u32, height: u32) -> DynamicImage {
    if img.width() == width && img.height() == height {
        return img;
    }
    let mut dst = match &img {
        DynamicImage::ImageRgba8(_) => DynamicImage::new_rgba8(width, height),
        _ => DynamicImage::new_rgb8(width, height),
    };
    let src = match img {
        DynamicImage::ImageRgba8(_) | DynamicImage::ImageRgb8(_) => img,
        other => DynamicImage::ImageRgb8(other.into_rgb8()),
    };
    let opts = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    match Resizer::new().resize(&src, &mut dst, &opts) {
        Ok(()) => dst,
        // Only reachable with mismatched pixel types, which the match above rules out; fall back
        // to the slower resampler rather than fail the photo.
        Err(_) => src.resize_exact(width, height, image::imageops::FilterType::Lanczos3),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_and_never_upscales() {
        assert_eq!(fit(4032, 3024, 2048), (2048, 1536));
        assert_eq!(fit(3024, 4032, 2048), (1536, 2048));
        assert_eq!(fit(800, 600, 2048), (800, 600));
        assert_eq!(fit(100_000, 1, 2048), (2048, 1));
    }
}
