//! Photo presets: how big a prepared photo is for each destination.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Where a photo is going. Each preset sets the long edge, the JPEG quality and a size cap; the
/// cap is the destination's own limit ([`crate::Limits::max_photo_bytes`]), so a photo prepared
/// for a channel is always one that channel accepts.
///
/// | preset | long edge | quality | size cap | source |
/// | --- | --- | --- | --- | --- |
/// | `facebook` | 2048 px | 82 | [`crate::FACEBOOK`]'s, 4,000,000 bytes | Meta's help centre: photos are shown at up to 2048 px on the long side; larger uploads are downscaled by Facebook with its own, softer resize |
/// | `zalo` | 1280 px | 80 | [`crate::ZALO`]'s, 1,000,000 bytes | Zalo publishes no size; standard-quality sending recompresses to about 1280 px. The cap is the article API's 1 MB per image |
/// | `web` | 1600 px | 80 | none | our choice for the commune's web portal: an 800 px column at 2× density |
/// | `print` | original | 92 | none | print needs every pixel; 92 keeps JPEG artefacts invisible on paper |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum PhotoPreset {
    #[default]
    Facebook,
    Zalo,
    Web,
    Print,
}

impl PhotoPreset {
    pub const ALL: [PhotoPreset; 4] = [
        PhotoPreset::Facebook,
        PhotoPreset::Zalo,
        PhotoPreset::Web,
        PhotoPreset::Print,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PhotoPreset::Facebook => "facebook",
            PhotoPreset::Zalo => "zalo",
            PhotoPreset::Web => "web",
            PhotoPreset::Print => "print",
        }
    }

    /// The long edge in pixels, or `None` for "keep the original size".
    pub fn max_edge(self) -> Option<u32> {
        match self {
            PhotoPreset::Facebook => Some(2048),
            PhotoPreset::Zalo => Some(1280),
            PhotoPreset::Web => Some(1600),
            PhotoPreset::Print => None,
        }
    }

    /// JPEG quality (1–100) before any lowering to meet the size cap.
    pub fn quality(self) -> u8 {
        match self {
            PhotoPreset::Facebook => 82,
            PhotoPreset::Zalo | PhotoPreset::Web => 80,
            PhotoPreset::Print => 92,
        }
    }

    /// The largest file the destination accepts, if it has a limit.
    pub fn max_bytes(self) -> Option<u64> {
        match self {
            PhotoPreset::Facebook => crate::FACEBOOK.max_photo_bytes,
            PhotoPreset::Zalo => crate::ZALO.max_photo_bytes,
            PhotoPreset::Web | PhotoPreset::Print => None,
        }
    }
}

impl fmt::Display for PhotoPreset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The preset name was not one of `facebook`, `zalo`, `web`, `print`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPreset(pub String);

impl fmt::Display for UnknownPreset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown preset {:?}: use facebook, zalo, web or print",
            self.0
        )
    }
}

impl std::error::Error for UnknownPreset {}

impl FromStr for PhotoPreset {
    type Err = UnknownPreset;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PhotoPreset::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| UnknownPreset(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ChannelKind;

    #[test]
    fn every_channel_accepts_what_its_preset_makes() {
        for kind in ChannelKind::ALL {
            let cap = kind.photo_preset().max_bytes();
            match kind.limits().max_photo_bytes {
                Some(limit) => assert!(cap.is_some_and(|c| c <= limit), "{kind}"),
                None => assert!(cap.is_none(), "{kind}"),
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for p in PhotoPreset::ALL {
            assert_eq!(p.as_str().parse::<PhotoPreset>().expect("parse"), p);
        }
        assert!("tiktok".parse::<PhotoPreset>().is_err());
    }
}
