//! The commune profile: whom this copy of Loa speaks for.
//!
//! The commune or ward ("Xã Nậm Cang") and its province ("Lào Cai"), the commune's logo, a
//! hotline, the default watermark and the language, asked once by the first-run setup and
//! changed later in Settings. Kept in the profile's `settings` table (`profile.*`), so a backup
//! carries it. Two facts have their home elsewhere and are only read and written through here:
//! the language is `ui.lang` ([`crate::settings`]) and the watermark is the media feature's
//! ([`crate::media::watermark`]); the profile's [`WatermarkChoice`] is what those settings say.
//!
//! - [`units`]: the 34 provinces and cities since 1 July 2025 and how a commune and its province
//!   are written on a poster;
//! - [`template_defaults`]: what the profile fills in a template's form (the commune, its
//!   locality, the logo, the hotline).
//!
//! What it deliberately does not know: how the setup looks, or which template uses which field
//! beyond the keys `commune`, `locality` and `logo`.

pub mod units;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::media::WatermarkSettings;
use crate::media::library::sha256_hex;
use crate::templates::drafts::{TemplateData, TemplateValue};
use crate::text::nfc;
use crate::{Lang, LoaError, Result, Store, settings};

pub use units::{Province, ProvinceKind};

/// Why a picked file cannot be the commune's logo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum LogoProblem {
    /// Not a PNG, JPEG or WebP picture.
    NotAPicture,
    /// Over [`MAX_LOGO_BYTES`], or over 4096 pixels on a side.
    TooBig,
    /// A picture that cannot be decoded.
    Unreadable,
}

impl LogoProblem {
    pub fn as_str(self) -> &'static str {
        match self {
            LogoProblem::NotAPicture => "not_a_picture",
            LogoProblem::TooBig => "too_big",
            LogoProblem::Unreadable => "unreadable",
        }
    }
}

/// What the commune stamps on its photos by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum WatermarkChoice {
    /// The commune's logo.
    Logo,
    /// A line of text: the commune's People's Committee ("UBND xã Nậm Cang").
    Text,
    /// Nothing.
    #[default]
    None,
}

/// The commune profile as the setup and Settings show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CommuneProfile {
    /// The commune, ward or special zone with its kind, NFC: "Xã Nậm Cang". Empty when not set.
    pub commune: String,
    /// The province or city: one of the 34 by its name ("Lào Cai"), or what the officer typed.
    pub province: String,
    /// The logo kept in the profile (a PNG). On [`Profile::set`], another path is a file to copy
    /// in (PNG, JPEG or WebP; JPEG and WebP are turned into PNG).
    pub logo: Option<PathBuf>,
    /// The commune's hotline, as the officer writes it.
    pub hotline: Option<String>,
    pub watermark: WatermarkChoice,
    /// The language of the window and of the command line's messages.
    pub lang: Lang,
    /// The first-run setup was finished or skipped (ignored by [`Profile::set`]).
    pub setup_done: bool,
}

/// Longest commune name kept (characters): the longest real names are under 40.
pub const MAX_COMMUNE_CHARS: usize = 100;
/// Longest province text kept (characters).
pub const MAX_PROVINCE_CHARS: usize = 60;
/// Longest hotline kept (characters): a few numbers with their names.
pub const MAX_HOTLINE_CHARS: usize = 60;
/// Largest logo file read (bytes): logos are small; a photo picked by mistake is refused before
/// it is read whole.
pub const MAX_LOGO_BYTES: u64 = 20 * 1024 * 1024;
/// Longest side of a logo converted from JPEG or WebP (pixels): plenty for a watermark (a fifth
/// of a 2048 px photo) and for a poster's header.
pub const LOGO_EDGE: u32 = 1024;

const KEY_COMMUNE: &str = "profile.commune";
const KEY_PROVINCE: &str = "profile.province";
/// The logo's path relative to the profile folder, so a restored profile finds it anywhere.
const KEY_LOGO: &str = "profile.logo";
const KEY_HOTLINE: &str = "profile.hotline";
const KEY_SETUP_DONE: &str = "profile.setup_done";
const KEY_ID: &str = "profile.id";

/// The commune profile. Obtained with [`crate::Store::profile`].
#[derive(Debug, Clone, Copy)]
pub struct Profile<'a> {
    pub(crate) store: &'a Store,
}

/// One line of text: NFC, trimmed, control characters (a pasted tab or newline) removed.
fn clean_line(s: &str) -> String {
    nfc(s)
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_owned()
}

fn bounded(field: &str, value: String, max: usize) -> Result<String> {
    if value.chars().count() > max {
        return Err(LoaError::InvalidValue {
            field: field.to_owned(),
            value: value.chars().take(40).collect::<String>() + "…",
            allowed: format!("≤ {max}"),
        });
    }
    Ok(value)
}

/// What the watermark settings amount to: the logo wins over the text (as when photos are
/// prepared), and neither is none.
pub fn watermark_choice(w: &WatermarkSettings) -> WatermarkChoice {
    if w.logo_path.is_some() {
        WatermarkChoice::Logo
    } else if !w.text.trim().is_empty() {
        WatermarkChoice::Text
    } else {
        WatermarkChoice::None
    }
}

/// What the profile fills in a template's form, by field key: `commune` (who issues it),
/// `locality` (the province), `logo` (an image field) and `hotline`, each only when the
/// profile has it.
/// The caller keeps fields the template does not have out.
pub fn template_defaults(p: &CommuneProfile, lang: Lang) -> TemplateData {
    let mut out = TemplateData::new();
    let issuer = units::issuer(&p.commune, lang);
    if !issuer.is_empty() {
        out.insert("commune".to_owned(), Some(TemplateValue::Text(issuer)));
    }
    let locality = units::locality(&p.province, lang);
    if !locality.is_empty() {
        out.insert("locality".to_owned(), Some(TemplateValue::Text(locality)));
    }
    if let Some(logo) = &p.logo {
        out.insert(
            "logo".to_owned(),
            Some(TemplateValue::Text(logo.display().to_string())),
        );
    }
    if let Some(hotline) = p.hotline.as_deref().filter(|h| !h.trim().is_empty()) {
        out.insert(
            "hotline".to_owned(),
            Some(TemplateValue::Text(hotline.trim().to_owned())),
        );
    }
    out
}

impl Profile<'_> {
    /// The profile as stored; a new profile is all empty, in Vietnamese, with no watermark.
    pub fn get(&self) -> Result<CommuneProfile> {
        let dir = self.store.dir();
        let watermark = self.store.media().watermark_settings()?;
        self.store.read(|conn| {
            let logo = settings::get(conn, KEY_LOGO)?
                .map(|rel| dir.join(rel))
                // A logo removed by hand is no logo rather than a broken image.
                .filter(|p| p.is_file());
            Ok(CommuneProfile {
                commune: settings::get(conn, KEY_COMMUNE)?.unwrap_or_default(),
                province: settings::get(conn, KEY_PROVINCE)?.unwrap_or_default(),
                logo,
                hotline: settings::get(conn, KEY_HOTLINE)?.filter(|h| !h.is_empty()),
                watermark: watermark_choice(&watermark),
                lang: settings::load(conn)?.lang,
                setup_done: settings::get(conn, KEY_SETUP_DONE)?.is_some(),
            })
        })
    }

    /// Saves the profile and returns it as stored. Texts are put in NFC and trimmed; a province
    /// that is one of the 34 (typed any way) is stored by its name; a new logo is copied into
    /// the profile. The watermark choice is applied to the watermark settings: `logo` stamps the
    /// profile's logo, `text` the commune's People's Committee (unless a text is already
    /// chosen), `none` clears both; position and opacity stay as they are.
    pub fn set(&self, p: &CommuneProfile) -> Result<CommuneProfile> {
        let commune = bounded("commune", clean_line(&p.commune), MAX_COMMUNE_CHARS)?;
        let province = clean_line(&p.province);
        let province = match units::find_province(&province) {
            Some(found) => found.name.to_owned(),
            None => bounded("province", province, MAX_PROVINCE_CHARS)?,
        };
        let hotline = bounded(
            "hotline",
            clean_line(p.hotline.as_deref().unwrap_or_default()),
            MAX_HOTLINE_CHARS,
        )?;
        let current = self.get()?;
        // File work first, outside the transaction.
        let logo = match &p.logo {
            None => None,
            Some(path) if Some(path) == current.logo.as_ref() => Some(path.clone()),
            Some(path) => Some(self.keep_logo(path)?),
        };
        let wm_now = self.store.media().watermark_settings()?;
        let wm = match p.watermark {
            WatermarkChoice::Logo => WatermarkSettings {
                logo_path: Some(logo.clone().ok_or(LoaError::ProfileNoLogo)?),
                text: String::new(),
                ..wm_now.clone()
            },
            WatermarkChoice::Text => WatermarkSettings {
                logo_path: None,
                text: if watermark_choice(&wm_now) == WatermarkChoice::Text {
                    wm_now.text.clone()
                } else {
                    units::issuer(&commune, p.lang)
                },
                ..wm_now.clone()
            },
            WatermarkChoice::None => WatermarkSettings {
                logo_path: None,
                text: String::new(),
                ..wm_now.clone()
            },
        };
        if wm != wm_now {
            self.store.media().set_watermark_settings(&wm)?;
        }
        let dir = self.store.dir().to_path_buf();
        let logo_rel = logo.as_deref().map(|l| {
            l.strip_prefix(&dir)
                .unwrap_or(l)
                .to_string_lossy()
                .into_owned()
        });
        self.store.write(|tx, _| {
            settings::put(tx, KEY_COMMUNE, Some(&commune))?;
            settings::put(tx, KEY_PROVINCE, Some(&province))?;
            settings::put(tx, KEY_LOGO, logo_rel.as_deref())?;
            settings::put(
                tx,
                KEY_HOTLINE,
                Some(hotline.as_str()).filter(|h| !h.is_empty()),
            )?;
            settings::set_lang(tx, p.lang)
        })?;
        self.get()
    }

    /// Marks the first-run setup finished (or skipped): it is not shown again.
    pub fn finish_setup(&self) -> Result<()> {
        self.store
            .write(|tx, now| settings::put(tx, KEY_SETUP_DONE, Some(&crate::clock::format_ts(now))))
    }

    /// The logo's PNG bytes, for the window to show (none when there is no logo).
    pub fn logo_bytes(&self) -> Result<Option<Vec<u8>>> {
        let Some(path) = self.get()?.logo else {
            return Ok(None);
        };
        std::fs::read(&path)
            .map(Some)
            .map_err(|source| LoaError::ReadFile { path, source })
    }

    /// This profile's id: made once, kept in the profile (a restored profile keeps it), written
    /// in each backup's manifest so a backup can be told apart from another commune's.
    pub fn id(&self) -> Result<String> {
        if let Some(id) = self.store.read(|c| settings::get(c, KEY_ID))? {
            return Ok(id);
        }
        let dir = self.store.dir().display().to_string();
        self.store.write(|tx, now| {
            // Written once per profile by the one connection; no two profiles share a folder
            // and a start time, and the id only needs to tell profiles apart.
            let seed = format!(
                "{}|{}|{dir}|{:?}",
                now.timestamp_nanos_opt().unwrap_or_default(),
                std::process::id(),
                std::time::SystemTime::now()
            );
            let id: String = sha256_hex(seed.as_bytes()).chars().take(32).collect();
            match settings::get(tx, KEY_ID)? {
                Some(existing) => Ok(existing),
                None => {
                    settings::put(tx, KEY_ID, Some(&id))?;
                    Ok(id)
                }
            }
        })
    }

    /// Copies a logo file into the profile as a PNG; returns the kept file.
    fn keep_logo(&self, path: &Path) -> Result<PathBuf> {
        let refused = |problem| LoaError::ProfileLogo {
            path: path.to_path_buf(),
            problem,
        };
        let read_err = |source| LoaError::ReadFile {
            path: path.to_path_buf(),
            source,
        };
        if std::fs::metadata(path).map_err(read_err)?.len() > MAX_LOGO_BYTES {
            return Err(refused(LogoProblem::TooBig));
        }
        let bytes = std::fs::read(path).map_err(read_err)?;
        let png = match loa_media::meta::sniff(&bytes) {
            Ok(loa_media::meta::SourceFormat::Png) => bytes,
            Ok(_) => {
                let opts = loa_media::Options::builder()
                    .preset(loa_media::Preset::Print)
                    .format(loa_media::OutputFormat::Png)
                    .max_edge(LOGO_EDGE)
                    .build();
                loa_media::process(&bytes, &opts)
                    .map_err(|_| refused(LogoProblem::Unreadable))?
                    .bytes
            }
            Err(_) => return Err(refused(LogoProblem::NotAPicture)),
        };
        loa_media::Watermark::logo_png(&png).map_err(|e| {
            refused(match e {
                loa_media::WatermarkError::LogoTooLarge { .. } => LogoProblem::TooBig,
                _ => LogoProblem::Unreadable,
            })
        })?;
        crate::media::watermark::store_logo_png(self.store.dir(), path, &png)
    }
}
