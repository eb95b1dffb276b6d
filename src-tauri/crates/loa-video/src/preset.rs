//! The presets and the officer's choices, with every default stated once.

use serde::Serialize;

/// Where the video is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// Facebook Page video: H.264 High + AAC in MP4, long edge ≤ 1280, at most 30 fps, quality
    /// CRF 23 capped at 2.5 Mbit/s (5 Mbit buffer), fast start.
    #[default]
    Facebook,
    /// Zalo: as Facebook, but the whole file must stay under 50 MB: the bitrate is computed from
    /// the duration, and the picture gets smaller when the bitrate does.
    Zalo,
    /// Facebook Reels: 3 to 90 s, a 720×1280 (9:16) frame, the video fitted inside it.
    Reels,
    /// For the worst links: 480p (long edge ≤ 854), CRF 26 capped at 800 kbit/s, 64 kbit/s sound.
    Saver,
    /// As recorded: streams copied when they can be (H.264/HEVC upright, AAC), otherwise
    /// encoded at full size with CRF 20; metadata stripped all the same.
    Original,
}

impl Preset {
    pub const ALL: [Preset; 5] = [
        Preset::Facebook,
        Preset::Zalo,
        Preset::Reels,
        Preset::Saver,
        Preset::Original,
    ];

    /// The name used on the command line and in settings.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Facebook => "facebook",
            Preset::Zalo => "zalo",
            Preset::Reels => "reels",
            Preset::Saver => "saver",
            Preset::Original => "original",
        }
    }
}

impl std::fmt::Display for Preset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A preset name that is not one of [`Preset::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown video preset {0:?} (facebook, zalo, reels, saver, original)")]
pub struct UnknownPreset(pub String);

impl std::str::FromStr for Preset {
    type Err = UnknownPreset;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Preset::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownPreset(s.to_owned()))
    }
}

/// What to make of one video. Build with [`Options::builder`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub preset: Preset,
    pub keep_location: bool,
}

impl Options {
    pub fn builder() -> OptionsBuilder {
        OptionsBuilder::default()
    }
}

impl Default for Options {
    fn default() -> Self {
        Options::builder().build()
    }
}

/// Builds [`Options`]. Defaults: preset `facebook`; location and device metadata stripped.
#[derive(Debug, Clone, Default)]
pub struct OptionsBuilder {
    preset: Preset,
    keep_location: bool,
}

impl OptionsBuilder {
    /// Default [`Preset::Facebook`].
    pub fn preset(mut self, preset: Preset) -> Self {
        self.preset = preset;
        self
    }

    /// Default `false`: every tag of the file and its streams is dropped, data tracks (GPS,
    /// timed metadata) are never copied. `true` keeps the file's tags (location, make, model)
    /// as the phone wrote them.
    pub fn keep_location(mut self, keep: bool) -> Self {
        self.keep_location = keep;
        self
    }

    pub fn build(self) -> Options {
        Options {
            preset: self.preset,
            keep_location: self.keep_location,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in Preset::ALL {
            assert_eq!(p.name().parse::<Preset>(), Ok(p));
        }
        assert_eq!("Zalo".parse::<Preset>(), Ok(Preset::Zalo));
        assert!("tiktok".parse::<Preset>().is_err());
    }
}
