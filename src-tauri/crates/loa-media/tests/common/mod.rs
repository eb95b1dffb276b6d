//! Helpers shared by the integration tests (included with `mod common;`).
#![allow(dead_code)]

use std::path::PathBuf;

/// `shared/testdata/<rel>` beside the repository, or `None` (with a message) when absent.
pub fn testdata(rel: &str) -> Option<PathBuf> {
    loa_testdata::path(rel)
}

/// Decodes a JPEG output to RGB with libjpeg-turbo: (width, height, pixels).
pub fn decode_jpeg(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let img = turbojpeg::decompress(bytes, turbojpeg::PixelFormat::RGB).expect("output decodes");
    (img.width as u32, img.height as u32, img.pixels)
}

/// A coarse 8×8 grey signature (mean of each cell) of an RGB image.
pub fn signature(w: u32, h: u32, rgb: &[u8]) -> [f32; 64] {
    let mut sum = [0f32; 64];
    let mut n = [0f32; 64];
    for y in 0..h {
        for x in 0..w {
            let i = ((y * w + x) * 3) as usize;
            let grey =
                (u32::from(rgb[i]) + u32::from(rgb[i + 1]) + u32::from(rgb[i + 2])) as f32 / 3.0;
            let cell = ((y * 8 / h) * 8 + x * 8 / w) as usize;
            sum[cell] += grey;
            n[cell] += 1.0;
        }
    }
    let mut out = [0f32; 64];
    for i in 0..64 {
        out[i] = sum[i] / n[i].max(1.0);
    }
    out
}

/// Mean absolute difference of two signatures.
pub fn distance(a: &[f32; 64], b: &[f32; 64]) -> f32 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<f32>() / 64.0
}

/// An RGB PNG of `w`×`h` filled with a smooth gradient.
pub fn gradient_png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x * 200 / w) as u8 + 20, (y * 200 / h) as u8 + 20, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("png encodes");
    out.into_inner()
}

/// Whether `needle` occurs anywhere in `hay`.
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}
