//! Every cap on what Loa reads from outside, in one place. A file over its cap is refused with
//! [`crate::FileError::TooLarge`] before a byte of it is read; a file that grows while it is read
//! is cut at the cap plus one byte and refused the same way.
//!
//! | what | cap | why this number |
//! | --- | --- | --- |
//! | [`Cap::TextFile`]: a `.txt` / `.md` draft, a file for `loa text convert` | 8 MiB | about 4,000 pages of Vietnamese; a post is a few KB |
//! | [`Cap::Document`]: a `.rtf` or `.docx` | 64 MiB | Word files carry pictures; the text in them is capped separately |
//! | [`Cap::DocumentPart`]: one part of a `.docx` once unzipped (`word/document.xml`) | 32 MiB | a 300-page report is 10–20 MB of XML; a 183 KB file that unzips to 60 MB is a bomb |
//! | [`Cap::ExtractedText`]: the text taken out of any document | 8 MiB | the same as a text file |
//! | [`Cap::Photo`]: a photo for the library, a draft, `media process` or a template | 40 MiB | a 50 MP camera JPEG is about 25 MB |
//! | [`Cap::Logo`]: a watermark PNG | 16 MiB | a logo is a few hundred KB |
//! | [`Cap::PackFile`]: a template pack `.zip` | 64 MiB | sources, icons and a few sample photos |
//! | [`Cap::PackUnpacked`]: a pack's files once unzipped, all together | 64 MiB | the same budget as the file: no zip bomb |
//! | [`Cap::TemplateData`]: a `--data` JSON file for a template | 4 MiB | text fields are short; photos are paths |
//! | [`Cap::Secret`]: a token or password file (`--token-file`) | 64 KiB | a token is under 1 KB |
//!
//! Counts and times: [`PACK_MAX_FILES`], [`WALK_MAX_ENTRIES`], [`WALK_MAX_DEPTH`],
//! [`EXTRACT_SECONDS`].

use std::time::Duration;

const MIB: u64 = 1024 * 1024;

/// The kinds of outside file Loa reads, each with its size cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cap {
    TextFile,
    Document,
    DocumentPart,
    ExtractedText,
    Photo,
    Logo,
    PackFile,
    PackUnpacked,
    TemplateData,
    Secret,
}

impl Cap {
    /// The largest size accepted, in bytes.
    pub const fn bytes(self) -> u64 {
        match self {
            Cap::TextFile => 8 * MIB,
            Cap::Document => 64 * MIB,
            Cap::DocumentPart => 32 * MIB,
            Cap::ExtractedText => 8 * MIB,
            Cap::Photo => 40 * MIB,
            Cap::Logo => 16 * MIB,
            Cap::PackFile => 64 * MIB,
            Cap::PackUnpacked => 64 * MIB,
            Cap::TemplateData => 4 * MIB,
            Cap::Secret => 64 * 1024,
        }
    }

    /// The cap in whole megabytes for messages, at least 1 ("at most 1 MB" for the 64 KiB one
    /// reads better than "at most 0 MB").
    pub const fn megabytes(self) -> u64 {
        let mb = self.bytes() / MIB;
        if mb == 0 { 1 } else { mb }
    }
}

/// At most this many files in a template pack.
pub const PACK_MAX_FILES: usize = 4000;

/// A folder walk (`draft import DIR`, a pack folder) looks at no more than this many entries,
/// files and folders together, before it stops with [`crate::FileError::TooManyEntries`].
pub const WALK_MAX_ENTRIES: usize = 20_000;

/// …and goes no deeper than this many folders below the one it was given.
pub const WALK_MAX_DEPTH: usize = 32;

/// Taking the text out of one `.rtf` or `.docx` stops after this many seconds. Real documents
/// take well under a second.
pub const EXTRACT_SECONDS: u64 = 10;

/// [`EXTRACT_SECONDS`] as a duration.
pub const EXTRACT_TIME: Duration = Duration::from_secs(EXTRACT_SECONDS);
