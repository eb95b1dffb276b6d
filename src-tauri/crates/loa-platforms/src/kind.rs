//! The platforms, and what Loa assumes about each when the officer says nothing.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Limits, PhotoPreset};

/// The Graph API base, with the version Loa's requests are written against (Graph API
/// changelog: v21.0, the version the Facebook client and the emulator speak).
const FACEBOOK_GRAPH_BASE: &str = "https://graph.facebook.com/v21.0";
/// The Zalo OA Open API host (developers.zalo.me, Official Account API).
const ZALO_API_BASE: &str = "https://openapi.zalo.me";
/// Where Zalo's OAuth endpoint (`/v4/oa/access_token`, token refresh) lives in production.
const ZALO_OAUTH_BASE: &str = crate::login::ZALO_OAUTH;
/// Facebook's public site: a page is `<site>/<page id>`, a post `<site>/<post id>`.
const FACEBOOK_SITE: &str = crate::login::FACEBOOK_WWW;
/// Where an OA administrator sees the OA's articles.
const ZALO_ARTICLES_PAGE: &str = "https://oa.zalo.me/manage/article";

/// Which platform a channel publishes to. The codes (`facebook`, `zalo`, `wordpress`, `folder`)
/// are stored in the database and typed on the command line.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum ChannelKind {
    #[default]
    Facebook,
    Zalo,
    Wordpress,
    Folder,
}

impl ChannelKind {
    pub const ALL: [ChannelKind; 4] = [
        ChannelKind::Facebook,
        ChannelKind::Zalo,
        ChannelKind::Wordpress,
        ChannelKind::Folder,
    ];

    /// The stable code stored in the database and typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ChannelKind::Facebook => "facebook",
            ChannelKind::Zalo => "zalo",
            ChannelKind::Wordpress => "wordpress",
            ChannelKind::Folder => "folder",
        }
    }

    /// The API base used when the officer gives none (a website and a folder have none).
    pub fn default_base_url(self) -> &'static str {
        match self {
            ChannelKind::Facebook => FACEBOOK_GRAPH_BASE,
            ChannelKind::Zalo => ZALO_API_BASE,
            ChannelKind::Wordpress | ChannelKind::Folder => "",
        }
    }

    /// Seconds between two publishes when the officer sets none. Facebook and Zalo flag pages
    /// that post in bursts (Meta's spam heuristics, Zalo's OA quota); a website does not care,
    /// and a folder is local.
    pub fn default_spacing_secs(self) -> u32 {
        match self {
            ChannelKind::Facebook | ChannelKind::Zalo => 30,
            ChannelKind::Wordpress => 5,
            ChannelKind::Folder => 0,
        }
    }

    /// The photo preset a post for this channel is prepared with: sized so the channel
    /// accepts every photo it makes (see [`PhotoPreset::max_bytes`]).
    pub fn photo_preset(self) -> PhotoPreset {
        match self {
            ChannelKind::Facebook => PhotoPreset::Facebook,
            ChannelKind::Zalo => PhotoPreset::Zalo,
            ChannelKind::Wordpress | ChannelKind::Folder => PhotoPreset::Web,
        }
    }

    /// What the platform accepts (a Zalo channel without an image host: see
    /// [`Limits::with_image_host`]).
    pub fn limits(self) -> Limits {
        match self {
            ChannelKind::Facebook => crate::FACEBOOK,
            ChannelKind::Zalo => crate::ZALO,
            ChannelKind::Wordpress => crate::WORDPRESS,
            ChannelKind::Folder => crate::FOLDER,
        }
    }

    /// Whether `base_url` is the platform's own production API (not a sandbox or emulator).
    pub fn is_production(self, base_url: &str) -> bool {
        let base = base_url.trim();
        match self {
            ChannelKind::Facebook | ChannelKind::Zalo => {
                let default = self.default_base_url();
                let host = default.trim_start_matches("https://");
                let host = host.split('/').next().unwrap_or(host);
                base.is_empty() || base.contains(host)
            }
            ChannelKind::Wordpress | ChannelKind::Folder => false,
        }
    }

    /// Where a Zalo client refreshes its token: Zalo's OAuth host in production, the same
    /// server as the API for a sandbox or emulator.
    pub fn zalo_oauth_base(base_url: &str) -> String {
        if ChannelKind::Zalo.is_production(base_url) {
            ZALO_OAUTH_BASE.to_owned()
        } else {
            base_url.trim_end_matches('/').to_owned()
        }
    }

    /// The public address of a published Facebook post (or photo) id.
    pub fn facebook_post_url(id: &str) -> String {
        format!("{FACEBOOK_SITE}/{id}")
    }

    /// What the window needs to know of this platform before the officer types anything.
    pub fn defaults(self) -> PlatformDefaults {
        PlatformDefaults {
            kind: self,
            base_url: self.default_base_url().to_owned(),
            spacing_secs: self.default_spacing_secs(),
            photo_preset: self.photo_preset(),
        }
    }
}

impl fmt::Display for ChannelKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A code that is not one of [`ChannelKind::ALL`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownChannelKind(pub String);

impl fmt::Display for UnknownChannelKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown channel kind {:?}", self.0)
    }
}

impl std::error::Error for UnknownChannelKind {}

impl FromStr for ChannelKind {
    type Err = UnknownChannelKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ChannelKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or_else(|| UnknownChannelKind(s.to_owned()))
    }
}

/// A platform's defaults, as the channel form shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlatformDefaults {
    pub kind: ChannelKind,
    /// Empty: the officer must give one (a website), or none is needed (a folder).
    pub base_url: String,
    pub spacing_secs: u32,
    pub photo_preset: PhotoPreset,
}

/// The page the officer opens to see a channel's posts; also the link of an unconfirmed item.
/// A sandbox or emulator gets its own address, so the link works where it runs.
pub fn page_url(kind: ChannelKind, base_url: &str, page_id: &str, folder: Option<&str>) -> String {
    let base = base_url.trim_end_matches('/');
    match kind {
        ChannelKind::Facebook if kind.is_production(base) => format!("{FACEBOOK_SITE}/{page_id}"),
        ChannelKind::Facebook => format!("{base}/{page_id}"),
        ChannelKind::Zalo if kind.is_production(base) => ZALO_ARTICLES_PAGE.to_owned(),
        ChannelKind::Zalo | ChannelKind::Wordpress => base.to_owned(),
        ChannelKind::Folder => folder.unwrap_or_default().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in ChannelKind::ALL {
            assert_eq!(k.as_str().parse::<ChannelKind>().expect("parse"), k);
        }
        assert!("tiktok".parse::<ChannelKind>().is_err());
    }

    #[test]
    fn page_urls() {
        assert_eq!(
            page_url(ChannelKind::Facebook, FACEBOOK_GRAPH_BASE, "1001", None),
            "https://www.facebook.com/1001"
        );
        assert_eq!(
            page_url(ChannelKind::Facebook, "", "1001", None),
            "https://www.facebook.com/1001"
        );
        assert_eq!(
            page_url(
                ChannelKind::Facebook,
                "http://127.0.0.1:9/v21.0/",
                "1001",
                None
            ),
            "http://127.0.0.1:9/v21.0/1001"
        );
        assert_eq!(
            page_url(ChannelKind::Zalo, ZALO_API_BASE, "", None),
            ZALO_ARTICLES_PAGE
        );
        assert_eq!(
            page_url(ChannelKind::Wordpress, "https://xa.gov.vn/", "", None),
            "https://xa.gov.vn"
        );
        assert_eq!(
            page_url(ChannelKind::Folder, "", "", Some("/media/usb")),
            "/media/usb"
        );
    }

    #[test]
    fn zalo_refreshes_on_its_oauth_host_or_the_sandbox() {
        assert_eq!(ChannelKind::zalo_oauth_base(ZALO_API_BASE), ZALO_OAUTH_BASE);
        assert_eq!(
            ChannelKind::zalo_oauth_base("http://127.0.0.1:8080/"),
            "http://127.0.0.1:8080"
        );
    }
}
