//! Helpers shared by the integration tests that need real photos from ../shared/testdata.

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
