//! The built-in pack, embedded at build time from `assets/templates/` (see `build.rs`).

use std::sync::LazyLock;

use crate::pack::FileMap;
use crate::{Pack, TemplateError};

include!(concat!(env!("OUT_DIR"), "/builtin_pack.rs"));

static BUILTIN: LazyLock<Result<Pack, TemplateError>> = LazyLock::new(|| {
    let files: FileMap = BUILTIN_FILES
        .iter()
        .map(|(p, b)| ((*p).to_owned(), b.to_vec()))
        .collect();
    Pack::from_files(files)
});

/// The pack Loa ships with. It is checked by this crate's tests, so an error here means a
/// broken build, reported rather than panicking.
pub fn builtin() -> Result<&'static Pack, TemplateError> {
    BUILTIN.as_ref().map_err(Clone::clone)
}

/// A fingerprint of the embedded pack's files, computed at build time: equal fingerprints mean
/// the same files, so the store can skip seeding without hashing anything.
pub fn builtin_fingerprint() -> &'static str {
    BUILTIN_FINGERPRINT
}

/// Whether the build embedded a pack at all (`assets/templates/pack.json` existed).
pub fn has_builtin() -> bool {
    BUILTIN_FILES
        .iter()
        .any(|(p, _)| *p == crate::pack::PACK_MANIFEST)
}
