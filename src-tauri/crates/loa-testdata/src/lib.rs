//! # loa-testdata
//!
//! Where Loa's tests and benches find the shared test data: `../shared/testdata/<rel>` beside
//! the repository (real phone photos, news articles, legacy-encoded documents), read in place,
//! never copied into the repository.
//!
//! A developer without the data sees each test that needs it say so and return. CI sets
//! [`REQUIRE_ENV`]`=1`: then missing data panics, so a test that would test nothing fails
//! instead of passing. It deliberately knows nothing of what the data is: only where it lives.
//! A dev-dependency only.

use std::path::{Path, PathBuf};

/// The environment variable that turns missing test data into a failure (CI sets it).
pub const REQUIRE_ENV: &str = "LOA_REQUIRE_TESTDATA";

/// `<repository>/../shared/testdata`.
pub fn root() -> PathBuf {
    // This crate is `<repository>/src-tauri/crates/loa-testdata`.
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../../shared/testdata")
}

/// Whether missing test data must fail ([`REQUIRE_ENV`] is `1`).
pub fn required() -> bool {
    std::env::var(REQUIRE_ENV).is_ok_and(|v| v.trim() == "1")
}

/// The file or folder `rel` of the shared test data, or `None` with a message on stderr when it
/// is absent — a panic instead when [`required`].
pub fn path(rel: &str) -> Option<PathBuf> {
    let p = root().join(rel);
    if p.exists() {
        return Some(p);
    }
    if required() {
        panic!(
            "{} is absent and {REQUIRE_ENV}=1: the shared test data must be beside the repository",
            p.display()
        );
    }
    eprintln!("skipped: {} is absent", p.display());
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_none_unless_required() {
        // The variable is read per call; this test only reads it.
        let missing = "no-such-folder/never-there.bin";
        if required() {
            let r = std::panic::catch_unwind(|| path(missing));
            assert!(r.is_err(), "required and missing must panic");
        } else {
            assert_eq!(path(missing), None);
        }
        assert!(root().ends_with("shared/testdata"));
    }
}
