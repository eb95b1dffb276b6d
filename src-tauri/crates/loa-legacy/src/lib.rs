//! Legacy Vietnamese text for Loa: detect and convert TCVN3 ("ABC", .VnTime fonts), VNI-Windows
//! (VNI-Times fonts) and VIQR to Unicode NFC, and extract plain text from .txt, .rtf and .docx.
//!
//! Legacy text reaches Loa the way a paste from an old Word file gives it: the font's single bytes
//! read as Windows-1252 characters ("Céng hoµ x· héi chñ nghÜa" for "Cộng hoà xã hội chủ nghĩa").
//! Every decision is made word by word and judged by whether the result is a well-formed
//! Vietnamese syllable, so good Unicode text is never "converted".

mod bounds;
mod codepage;
mod docx;
mod legacy;
mod rtf;
mod syllable;
pub mod tables;

use std::collections::BTreeMap;
use std::path::Path;

use loa_files::{Cap, FileError};
use unicode_normalization::UnicodeNormalization;

pub use bounds::Bounds;

use legacy::{Evidence, Legacy};

/// A text encoding Loa can read Vietnamese from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    /// Proper Unicode (any normalisation form).
    Unicode,
    /// TCVN 5712:1993 "VN3" (ABC), the .VnTime / .VnArial fonts.
    Tcvn3,
    /// VNI-Windows, the VNI-Times / VNI-Helve fonts: base letter followed by a mark byte.
    Vni,
    /// VIQR (RFC 1456): ASCII with marks, "Vie^.t Nam", "dd" for đ.
    Viqr,
}

impl Encoding {
    /// The stable name: "unicode", "tcvn3", "vni" or "viqr".
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Unicode => "unicode",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
            Encoding::Viqr => "viqr",
        }
    }
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An encoding name that Loa does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown encoding {0:?} (expected unicode, tcvn3, vni or viqr)")]
pub struct UnknownEncoding(pub String);

impl std::str::FromStr for Encoding {
    type Err = UnknownEncoding;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "unicode" | "utf-8" | "utf8" => Ok(Encoding::Unicode),
            "tcvn3" | "tcvn" | "abc" => Ok(Encoding::Tcvn3),
            "vni" | "vni-win" | "vni-windows" => Ok(Encoding::Vni),
            "viqr" => Ok(Encoding::Viqr),
            _ => Err(UnknownEncoding(s.to_owned())),
        }
    }
}

/// What [`detect`] found.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Detection {
    pub encoding: Encoding,
    /// 0..1: how sure the detection is of `encoding`.
    pub confidence: f32,
    /// Legacy characters (or VIQR marks) found in words that convert to good Vietnamese.
    pub legacy_chars: usize,
}

fn ratio(a: usize, b: usize) -> f32 {
    if b == 0 {
        0.0
    } else {
        // Counts in a pasted text are far below f32's exact range.
        a as f32 / b as f32
    }
}

fn confidence(ev: &Evidence) -> f32 {
    let share = ratio(ev.good, ev.good + ev.bad + ev.ambiguous);
    share * ratio(ev.distinct, ev.distinct + 1)
}

/// Whether single-byte legacy evidence is unambiguous. Precision first: a false offer to convert
/// good text is worse than a missed one.
fn legacy_fires(ev: &Evidence, unicode_words: usize) -> bool {
    ev.distinct >= 2
        && ev.good >= 3 * ev.bad
        && ev.good >= ev.ambiguous
        && ev.good >= 2 * unicode_words
}

fn viqr_fires(ev: &Evidence) -> bool {
    ev.good >= 3 * ev.bad
        && ((ev.distinct >= 2 && ev.strong >= 1) || (ev.very_strong >= 1 && ev.bad == 0))
}

/// Detects the encoding of text that is already a Rust string (pasted text, or bytes decoded with
/// [`decode_bytes`]).
pub fn detect(text: &str) -> Detection {
    let text: String = text.nfc().collect();
    let unicode_words = legacy::unicode_vietnamese_words(&text);
    let candidates = [
        (
            Encoding::Tcvn3,
            legacy::evidence_legacy(&text, Legacy::Tcvn3),
        ),
        (Encoding::Vni, legacy::evidence_legacy(&text, Legacy::Vni)),
        (Encoding::Viqr, legacy::evidence_viqr(&text)),
    ];
    let best = candidates
        .iter()
        .filter(|(enc, ev)| match enc {
            Encoding::Viqr => viqr_fires(ev) && ev.good >= 2 * unicode_words,
            _ => legacy_fires(ev, unicode_words),
        })
        .max_by_key(|(_, ev)| ev.good);
    match best {
        Some((enc, ev)) => Detection {
            encoding: *enc,
            confidence: confidence(ev),
            legacy_chars: ev.legacy_chars,
        },
        None => {
            let strongest = candidates
                .iter()
                .map(|(_, ev)| confidence(ev))
                .fold(0.0f32, f32::max);
            Detection {
                encoding: Encoding::Unicode,
                confidence: 1.0 - strongest,
                legacy_chars: 0,
            }
        }
    }
}

/// Converts text in `from` to Unicode NFC. Unicode input is only NFC-normalised. Text that is
/// already proper Vietnamese Unicode mixed in is left intact where possible.
pub fn convert(text: &str, from: Encoding) -> String {
    let text: String = text.nfc().collect();
    let converted = match from {
        Encoding::Unicode => return text,
        Encoding::Tcvn3 => legacy::convert_legacy(&text, Legacy::Tcvn3),
        Encoding::Vni => legacy::convert_legacy(&text, Legacy::Vni),
        Encoding::Viqr => legacy::convert_viqr(&text),
    };
    converted.nfc().collect()
}

/// [`detect`] + [`convert`] when the detection is confident; returns the detection and the
/// (possibly unchanged, NFC) text.
pub fn auto_convert(text: &str) -> (Detection, String) {
    let d = detect(text);
    let out = convert(text, d.encoding);
    (d, out)
}

/// Writes Unicode text in a legacy encoding, as a paste from an old document would hold it (for
/// tests and tools). TCVN3 has no capital toned letters: they come out as the lowercase byte.
pub fn encode(text: &str, to: Encoding) -> String {
    let text: String = text.nfc().collect();
    if to == Encoding::Unicode {
        return text;
    }
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        match tables::LETTERS.iter().find(|l| l.0 == c) {
            Some(&(_, tcvn3, vni, viqr)) => match to {
                Encoding::Tcvn3 => out.push(tcvn3),
                Encoding::Vni => out.push_str(vni),
                _ => out.push_str(viqr),
            },
            None => out.push(c),
        }
    }
    out
}

/// Bytes of a .txt: UTF-8 (with or without BOM) if valid, UTF-16 with BOM, else each byte read as
/// Windows-1252 (so legacy TCVN3/VNI bytes become the same characters a paste would give).
pub fn decode_bytes(bytes: &[u8]) -> String {
    codepage::decode_bytes(bytes)
}

/// Why a file's text could not be extracted. The variants are stable: each has a code and a
/// Fluent message id (`extract-error-<code>` in `locales/*/files.ftl`; a file that could not be
/// read keeps its own `file-error-…`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// The extension is not one Loa reads (.txt, .rtf, .docx).
    #[error("unsupported file type: {ext:?}")]
    Unsupported { ext: String },
    /// The file is not readable RTF.
    #[error("unreadable RTF: {0}")]
    Rtf(String),
    /// The file is not a readable Word .docx.
    #[error("unreadable DOCX: {0}")]
    Docx(String),
    /// The text, or a part of the .docx once unzipped, is over its cap.
    #[error("the document holds more than {limit_mb} MB of text")]
    TooLarge { limit_mb: u64 },
    /// The extraction ran past its deadline.
    #[error("reading the document took more than {seconds} s")]
    TooSlow { seconds: u64 },
    /// The file itself could not be read (not a regular file, over its size cap, …).
    #[error(transparent)]
    File(#[from] FileError),
}

impl ExtractError {
    /// The codes with an `extract-error-…` message ([`ExtractError::File`] uses the file's own).
    pub const CODES: [&'static str; 5] = ["unsupported", "rtf", "docx", "too_large", "too_slow"];

    pub fn code(&self) -> &'static str {
        match self {
            ExtractError::Unsupported { .. } => "unsupported",
            ExtractError::Rtf(_) => "rtf",
            ExtractError::Docx(_) => "docx",
            ExtractError::TooLarge { .. } => "too_large",
            ExtractError::TooSlow { .. } => "too_slow",
            ExtractError::File(e) => e.code(),
        }
    }

    pub fn message_id(&self) -> String {
        match self {
            ExtractError::File(e) => e.message_id(),
            other => format!("extract-error-{}", other.code().replace('_', "-")),
        }
    }

    /// The Fluent arguments. The parser's detail (English) is left out of the message.
    pub fn args(&self) -> BTreeMap<String, String> {
        match self {
            ExtractError::Unsupported { ext } => BTreeMap::from([("ext".to_owned(), ext.clone())]),
            ExtractError::TooLarge { limit_mb } => {
                BTreeMap::from([("limit".to_owned(), limit_mb.to_string())])
            }
            ExtractError::TooSlow { seconds } => {
                BTreeMap::from([("seconds".to_owned(), seconds.to_string())])
            }
            ExtractError::File(e) => e.args(),
            ExtractError::Rtf(_) | ExtractError::Docx(_) => BTreeMap::new(),
        }
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The size cap of a document Loa reads, by its extension: text files are text, Word and RTF
/// files carry pictures besides their text.
pub fn cap_for(path: &Path) -> Cap {
    match extension(path).as_str() {
        "rtf" | "docx" => Cap::Document,
        _ => Cap::TextFile,
    }
}

/// Plain text of a file, chosen by its extension (.txt, .rtf, .docx), within
/// [`Bounds::standard`].
///
/// RTF and DOCX runs set in a TCVN3 font (.VnTime, .VnArial, ...) or a VNI font (VNI-Times, ...)
/// are converted to Unicode here, and runs in a TCVN3 capital font (.VnTimeH, .VnArialH, ...) are
/// written in capitals. Anything else is returned as the file holds it: run [`auto_convert`] on
/// the result to catch legacy text whose font was lost.
pub fn extract_text(path: &Path, bytes: &[u8]) -> Result<String, ExtractError> {
    extract_text_within(path, bytes, &Bounds::standard())
}

/// [`extract_text`] within explicit bounds.
pub fn extract_text_within(
    path: &Path,
    bytes: &[u8],
    bounds: &Bounds,
) -> Result<String, ExtractError> {
    let ext = extension(path);
    match ext.as_str() {
        "txt" | "text" => {
            if bytes.len() as u64 > bounds.max_text_bytes {
                return Err(bounds.text_too_large());
            }
            Ok(decode_bytes(bytes))
        }
        "rtf" => rtf::extract(bytes, bounds),
        "docx" => docx::extract(bytes, bounds),
        _ => Err(ExtractError::Unsupported { ext }),
    }
}

/// Reads a document from disk and returns its text: the file must be a regular file within
/// [`cap_for`] (never a FIFO or a device), and the extraction stays within
/// [`Bounds::standard`]. The front doors' `draft import` and `text convert` go through here.
pub fn read_document(path: &Path) -> Result<String, ExtractError> {
    let ext = extension(path);
    if !matches!(ext.as_str(), "txt" | "text" | "rtf" | "docx") {
        return Err(ExtractError::Unsupported { ext });
    }
    let bytes = loa_files::read(path, cap_for(path))?;
    extract_text(path, &bytes)
}

/// How a run of extracted text is to be read, from its font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FontClass {
    Plain,
    Tcvn3,
    Tcvn3Capital,
    Vni,
}

impl FontClass {
    /// Classifies a font by its name: ".VnTime" (also "VNTime") is TCVN3, ".VnTimeH" its capital
    /// form, "VNI-Times" VNI.
    pub(crate) fn of_font(name: &str) -> FontClass {
        let mut name = name.trim();
        // Windows adds the script to a font name for other charsets (".VnTimeH Tur").
        for suffix in [" Tur", " CE", " Cyr", " Greek", " Baltic", " (Vietnamese)"] {
            name = name.strip_suffix(suffix).unwrap_or(name);
        }
        let lower = name.to_ascii_lowercase();
        if lower.starts_with("vni-") || lower.starts_with("vni ") {
            FontClass::Vni
        } else if lower.starts_with(".vn") || (lower.starts_with("vn") && !lower.starts_with("vni"))
        {
            if name.ends_with('H') {
                FontClass::Tcvn3Capital
            } else {
                FontClass::Tcvn3
            }
        } else {
            FontClass::Plain
        }
    }
}

/// Joins classified runs into Unicode text.
pub(crate) fn render_runs(runs: &[(FontClass, String)]) -> String {
    let mut out = String::new();
    for (class, s) in runs {
        match class {
            FontClass::Plain => out.push_str(s),
            FontClass::Tcvn3 => out.push_str(&legacy::tcvn3_run(s, false)),
            FontClass::Tcvn3Capital => out.push_str(&legacy::tcvn3_run(s, true)),
            FontClass::Vni => out.push_str(&legacy::vni_run(s)),
        }
    }
    out.nfc().collect()
}
