//! Helpers shared by the integration tests that need real photos from ../shared/testdata.

use std::path::{Path, PathBuf};

/// The shared camera photos, read in place (never copied into the repository).
fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../../shared/testdata/photos-exif")
}

/// Copies a test photo into `into` under `name`; `None` (with a message) when the test data is
/// absent.
pub fn photo(rel: &str, into: &Path, name: &str) -> Option<PathBuf> {
    let src = testdata().join(rel);
    if !src.is_file() {
        eprintln!("skipped: {} is absent", src.display());
        return None;
    }
    let dest = into.join(name);
    std::fs::copy(&src, &dest).expect("copy test photo");
    Some(dest)
}
