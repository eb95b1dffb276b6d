//! Helpers shared by the integration tests: real photos from ../shared/testdata, and small
//! made-up JPEGs. Each test binary uses only some of them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Copies a shared camera photo into the temporary folder `into` under `name`; `None` (with a
/// message) when the test data is absent, a failure when it is required
/// (`LOA_REQUIRE_TESTDATA=1`).
pub fn photo(rel: &str, into: &Path, name: &str) -> Option<PathBuf> {
    let src = loa_testdata::path(&format!("photos-exif/{rel}"))?;
    let dest = into.join(name);
    std::fs::copy(&src, &dest).expect("copy test photo");
    Some(dest)
}

/// A one-pixel PNG (RGBA, opaque).
pub const PIXEL_PNG: [u8; 70] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xfc, 0xcf, 0xc0, 0x50,
    0x0f, 0x00, 0x04, 0x85, 0x01, 0x80, 0x84, 0xa9, 0x8c, 0x21, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// A real JPEG on disk (the library decodes what it imports); `quality` makes the bytes differ.
pub fn jpeg(dir: &Path, name: &str, quality: u8) -> PathBuf {
    let out = loa_media::process(
        &PIXEL_PNG,
        &loa_media::Options::builder()
            .format(loa_media::OutputFormat::Jpeg)
            .quality(quality)
            .build(),
    )
    .expect("jpeg");
    let path = dir.join(name);
    std::fs::write(&path, out.bytes).expect("write");
    path
}
