//! The output sizes a template can be rendered at.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One of the five sizes of the contract: three social-media images and two print pages.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename = "TemplateSize")]
pub enum Size {
    /// 1080×1080 px: Facebook and Zalo square posts.
    #[serde(rename = "1080x1080")]
    Square,
    /// 1080×1350 px: the tallest image Facebook shows uncropped in the feed. The default.
    #[serde(rename = "1080x1350")]
    Portrait,
    /// 1200×630 px: link previews and the website's banner.
    #[serde(rename = "1200x630")]
    Landscape,
    /// A4 portrait, for the notice board.
    #[serde(rename = "a4")]
    A4,
    /// A3 portrait, for the notice board.
    #[serde(rename = "a3")]
    A3,
}

/// How a size is shaped; the layout picks its arrangement from this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SizeKind {
    Square,
    Portrait,
    Landscape,
    A4,
    A3,
}

impl SizeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SizeKind::Square => "square",
            SizeKind::Portrait => "portrait",
            SizeKind::Landscape => "landscape",
            SizeKind::A4 => "a4",
            SizeKind::A3 => "a3",
        }
    }
}

impl Size {
    pub const ALL: [Size; 5] = [
        Size::Portrait,
        Size::Square,
        Size::Landscape,
        Size::A4,
        Size::A3,
    ];

    /// The name used on the command line and in manifests: `1080x1350`, `a4`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Size::Square => "1080x1080",
            Size::Portrait => "1080x1350",
            Size::Landscape => "1200x630",
            Size::A4 => "a4",
            Size::A3 => "a3",
        }
    }

    pub fn kind(self) -> SizeKind {
        match self {
            Size::Square => SizeKind::Square,
            Size::Portrait => SizeKind::Portrait,
            Size::Landscape => SizeKind::Landscape,
            Size::A4 => SizeKind::A4,
            Size::A3 => SizeKind::A3,
        }
    }

    /// Page width and height in typographic points. Social sizes are laid out at half their
    /// pixel size and rendered at 2 px/pt; print sizes are the ISO pages.
    pub fn page_pt(self) -> (f64, f64) {
        match self {
            Size::Square => (540.0, 540.0),
            Size::Portrait => (540.0, 675.0),
            Size::Landscape => (600.0, 315.0),
            Size::A4 => (595.28, 841.89),
            Size::A3 => (841.89, 1190.55),
        }
    }

    /// Whether this is a print page (PDF is its natural format).
    pub fn is_print(self) -> bool {
        matches!(self, Size::A4 | Size::A3)
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not one of the five size names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown size {0:?} (expected 1080x1350, 1080x1080, 1200x630, a4 or a3)")]
pub struct UnknownSize(pub String);

impl FromStr for Size {
    type Err = UnknownSize;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace(['×', '*'], "x");
        Size::ALL
            .into_iter()
            .find(|z| z.as_str() == norm)
            .ok_or_else(|| UnknownSize(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for size in Size::ALL {
            assert_eq!(size.as_str().parse::<Size>(), Ok(size));
        }
        assert_eq!("1080×1350".parse::<Size>(), Ok(Size::Portrait));
        assert_eq!(" A4 ".parse::<Size>(), Ok(Size::A4));
        assert!("800x600".parse::<Size>().is_err());
    }
}
