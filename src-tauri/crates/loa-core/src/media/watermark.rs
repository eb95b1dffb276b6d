//! The commune's watermark, saved in the profile's settings under `media.watermark.*`.
//!
//! The logo is copied into the profile's library (`media/logo/<sha256>.png`) when it is set, so
//! moving or deleting the original file does not lose it.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::library::{media_dir, sha256_hex};
use crate::settings::{get as value, put};
use crate::text::nfc;
use crate::{LoaError, Result};

/// Where the watermark goes on a photo.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, specta::Type,
)]
pub enum WatermarkPosition {
    #[default]
    #[serde(rename = "br")]
    BottomRight,
    #[serde(rename = "bl")]
    BottomLeft,
    #[serde(rename = "tr")]
    TopRight,
    #[serde(rename = "tl")]
    TopLeft,
    #[serde(rename = "center")]
    Center,
}

impl WatermarkPosition {
    pub const ALL: [WatermarkPosition; 5] = [
        WatermarkPosition::BottomRight,
        WatermarkPosition::BottomLeft,
        WatermarkPosition::TopRight,
        WatermarkPosition::TopLeft,
        WatermarkPosition::Center,
    ];

    /// `br`, `bl`, `tr`, `tl` or `center`, as stored and as the command line takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            WatermarkPosition::BottomRight => "br",
            WatermarkPosition::BottomLeft => "bl",
            WatermarkPosition::TopRight => "tr",
            WatermarkPosition::TopLeft => "tl",
            WatermarkPosition::Center => "center",
        }
    }

    /// The same position for the photo pipeline.
    pub fn to_pipeline(self) -> loa_media::Position {
        match self {
            WatermarkPosition::BottomRight => loa_media::Position::BottomRight,
            WatermarkPosition::BottomLeft => loa_media::Position::BottomLeft,
            WatermarkPosition::TopRight => loa_media::Position::TopRight,
            WatermarkPosition::TopLeft => loa_media::Position::TopLeft,
            WatermarkPosition::Center => loa_media::Position::Center,
        }
    }
}

impl fmt::Display for WatermarkPosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for WatermarkPosition {
    type Err = LoaError;

    fn from_str(s: &str) -> Result<Self> {
        WatermarkPosition::ALL
            .into_iter()
            .find(|p| p.as_str() == s.trim())
            .ok_or_else(|| LoaError::InvalidValue {
                field: "position".to_owned(),
                value: s.to_owned(),
                allowed: "br, bl, tr, tl, center".to_owned(),
            })
    }
}

/// The commune's watermark. `Default` is no logo, no text, bottom right, opacity 0.85 (the
/// pipeline's own default).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct WatermarkSettings {
    /// A PNG logo. When saved, this is the copy inside the profile, not the file first picked.
    pub logo_path: Option<PathBuf>,
    /// A line of text (the commune's name), NFC; empty for none.
    pub text: String,
    pub position: WatermarkPosition,
    /// 0 (invisible) to 1 (opaque).
    pub opacity: f32,
}

/// The pipeline's default opacity.
pub const DEFAULT_OPACITY: f32 = 0.85;

impl Default for WatermarkSettings {
    fn default() -> Self {
        Self {
            logo_path: None,
            text: String::new(),
            position: WatermarkPosition::default(),
            opacity: DEFAULT_OPACITY,
        }
    }
}

const KEY_LOGO: &str = "media.watermark.logo";
const KEY_TEXT: &str = "media.watermark.text";
const KEY_POSITION: &str = "media.watermark.position";
const KEY_OPACITY: &str = "media.watermark.opacity";

/// Reads the settings; a value edited by hand into something unreadable falls back to its
/// default rather than failing.
pub(crate) fn load(conn: &Connection) -> Result<WatermarkSettings> {
    let d = WatermarkSettings::default();
    Ok(WatermarkSettings {
        logo_path: value(conn, KEY_LOGO)?.map(PathBuf::from),
        text: value(conn, KEY_TEXT)?.unwrap_or_default(),
        position: value(conn, KEY_POSITION)?
            .and_then(|p| p.parse().ok())
            .unwrap_or(d.position),
        opacity: value(conn, KEY_OPACITY)?
            .and_then(|o| o.parse::<f32>().ok())
            .filter(|o| (0.0..=1.0).contains(o))
            .unwrap_or(d.opacity),
    })
}

/// Checks the settings and copies the logo into the profile (outside any transaction: it is
/// file work). Returns the settings as they will be stored.
pub(crate) fn prepare(profile: &Path, s: &WatermarkSettings) -> Result<WatermarkSettings> {
    if !(s.opacity.is_finite() && (0.0..=1.0).contains(&s.opacity)) {
        return Err(LoaError::InvalidValue {
            field: "opacity".to_owned(),
            value: s.opacity.to_string(),
            allowed: "0 … 1".to_owned(),
        });
    }
    let text: String = nfc(s.text.trim())
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    let logo_path = match &s.logo_path {
        None => None,
        Some(p) => Some(copy_logo(profile, p)?),
    };
    Ok(WatermarkSettings {
        logo_path,
        text,
        position: s.position,
        opacity: s.opacity,
    })
}

fn copy_logo(profile: &Path, logo: &Path) -> Result<PathBuf> {
    let bytes = std::fs::read(logo).map_err(|source| LoaError::ReadFile {
        path: logo.to_path_buf(),
        source,
    })?;
    store_logo_png(profile, logo, &bytes)
}

/// Checks that `bytes` (read from `origin`) are a PNG logo the pipeline can stamp and keeps them
/// in the profile as `media/logo/<sha256>.png`; returns that path. The commune profile's logo
/// is kept here too, so the watermark and the profile share one file.
pub(crate) fn store_logo_png(profile: &Path, origin: &Path, bytes: &[u8]) -> Result<PathBuf> {
    loa_media::Watermark::logo_png(bytes).map_err(|e| LoaError::WatermarkLogo {
        path: origin.to_path_buf(),
        detail: e.to_string(),
    })?;
    let dir = media_dir(profile).join("logo");
    let dest = dir.join(format!("{}.png", sha256_hex(bytes)));
    if dest.is_file() {
        return Ok(dest);
    }
    let store_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| LoaError::MediaStore { path, source }
    };
    std::fs::create_dir_all(&dir).map_err(store_err(&dir))?;
    let tmp = super::temp_name(&dest);
    std::fs::write(&tmp, bytes).map_err(store_err(&tmp))?;
    std::fs::rename(&tmp, &dest).map_err(store_err(&dest))?;
    Ok(dest)
}

/// Stores settings made by [`prepare`].
pub(crate) fn save(conn: &Connection, s: &WatermarkSettings) -> Result<()> {
    let logo = s
        .logo_path
        .as_ref()
        .map(|p| p.to_string_lossy().into_owned());
    put(conn, KEY_LOGO, logo.as_deref())?;
    put(conn, KEY_TEXT, Some(&s.text))?;
    put(conn, KEY_POSITION, Some(s.position.as_str()))?;
    put(conn, KEY_OPACITY, Some(&s.opacity.to_string()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_round_trip_and_match_the_pipeline() {
        for p in WatermarkPosition::ALL {
            assert_eq!(p.as_str().parse::<WatermarkPosition>().expect("parse"), p);
            assert_eq!(p.to_pipeline().as_str(), p.as_str());
            assert_eq!(
                serde_json::to_value(p).expect("json"),
                serde_json::Value::from(p.as_str())
            );
        }
        assert!("middle".parse::<WatermarkPosition>().is_err());
    }
}
