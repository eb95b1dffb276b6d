//! Legacy Vietnamese text (TCVN3, VNI, VIQR) on the way in: the core's side of `loa-legacy`.

use serde::{Deserialize, Serialize};

pub use loa_legacy::{Detection, Encoding};

/// The legacy encodings Loa converts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum LegacyEncoding {
    Tcvn3,
    Vni,
    Viqr,
}

/// "This looks like TCVN3 — convert?": what the UI shows before replacing anything.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct LegacyOffer {
    pub encoding: LegacyEncoding,
    /// 0..1.
    pub confidence: f32,
    /// The text converted to Unicode NFC, for the preview.
    pub converted: String,
}

/// An offer to convert `text`, or `None` when it is ordinary Unicode.
pub fn offer(text: &str) -> Option<LegacyOffer> {
    let d = loa_legacy::detect(text);
    let encoding = match d.encoding {
        Encoding::Unicode => return None,
        Encoding::Tcvn3 => LegacyEncoding::Tcvn3,
        Encoding::Vni => LegacyEncoding::Vni,
        Encoding::Viqr => LegacyEncoding::Viqr,
    };
    Some(LegacyOffer {
        encoding,
        confidence: d.confidence,
        converted: loa_legacy::convert(text, d.encoding),
    })
}
