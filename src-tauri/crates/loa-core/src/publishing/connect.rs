//! The apps Loa signs in through to connect a Facebook Page or a Zalo OA, as the profile keeps
//! them (no secrets: an app's secret, when a province gives one, is `loa-publish`'s, in the
//! keyring), and why a sign-in did not connect anything.
//!
//! Facebook: Loa's own app unless the province runs its own (`app_id`); `login_url` is Facebook's
//! site unless a sandbox stands for it. Zalo: every OA connects through an app the commune or
//! province registered on developers.zalo.me, with its "Official Account Callback Url" on a
//! verified domain; Loa keeps the app id and the callback so a reconnect asks for nothing again.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::Publishing;
use crate::{ChannelKind, Result};

/// The Facebook app Loa signs in through.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FacebookApp {
    /// Empty: Loa's own app (`loa_platforms::login::loa_facebook_app_id`).
    pub app_id: String,
    /// Empty: `https://www.facebook.com`. A sandbox gives its own address (its Graph API answers
    /// on the same server).
    pub login_url: String,
}

impl FacebookApp {
    /// The app id to sign in with: the province's, else Loa's own; `None` when neither is known.
    pub fn effective_app_id(&self) -> Option<String> {
        let own = self.app_id.trim();
        if own.is_empty() {
            loa_platforms::login::loa_facebook_app_id().map(str::to_owned)
        } else {
            Some(own.to_owned())
        }
    }

    /// The login site, Facebook's unless set.
    pub fn www(&self) -> String {
        match self.login_url.trim().trim_end_matches('/') {
            "" => loa_platforms::login::FACEBOOK_WWW.to_owned(),
            url => url.to_owned(),
        }
    }

    /// The Graph base (with its version) that goes with the login site.
    pub fn graph(&self) -> String {
        loa_platforms::login::facebook_graph_for(&self.www())
    }
}

/// The Zalo app an OA is connected through.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ZaloApp {
    /// "ID ứng dụng" on developers.zalo.me.
    pub app_id: String,
    /// The app's "Official Account Callback Url" (on a verified domain).
    pub callback_url: String,
    /// Empty: Zalo's own Open API. A sandbox gives its own address.
    pub api_url: String,
}

impl ZaloApp {
    /// The OA API base, Zalo's unless set.
    pub fn api(&self) -> String {
        match self.api_url.trim().trim_end_matches('/') {
            "" => ChannelKind::Zalo.default_base_url().to_owned(),
            url => url.to_owned(),
        }
    }
}

/// Why signing in did not connect anything. Each has its own sentence (`error-connect-<code>`),
/// which says whose problem it is and what to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ConnectFailure {
    /// No app id: neither Loa's own (not in this build) nor the province's.
    NoApp,
    /// The officer closed the window or pressed "Cancel".
    Cancelled,
    /// The sign-in was started too long ago, or another one replaced it.
    Expired,
    /// The answer did not belong to this sign-in (`state` differs): nothing was used.
    Mismatch,
    /// The platform could not be reached: the officer's link.
    Offline,
    /// The platform answered with trouble of its own (5xx, timeouts): try again later.
    PlatformDown,
    /// The platform refused the app, the code or the key: the app's settings are wrong.
    Refused,
    /// The account manages no Page.
    NoPages,
    /// The officer may only analyse the chosen Page, not publish on it.
    CannotPublish,
    /// Zalo: a value of the guided screen is missing.
    Incomplete,
}

impl ConnectFailure {
    pub fn as_str(self) -> &'static str {
        match self {
            ConnectFailure::NoApp => "no-app",
            ConnectFailure::Cancelled => "cancelled",
            ConnectFailure::Expired => "expired",
            ConnectFailure::Mismatch => "mismatch",
            ConnectFailure::Offline => "offline",
            ConnectFailure::PlatformDown => "platform-down",
            ConnectFailure::Refused => "refused",
            ConnectFailure::NoPages => "no-pages",
            ConnectFailure::CannotPublish => "cannot-publish",
            ConnectFailure::Incomplete => "incomplete",
        }
    }

    /// Every failure (the locale tests check each has its sentence).
    pub const ALL: [ConnectFailure; 10] = [
        ConnectFailure::NoApp,
        ConnectFailure::Cancelled,
        ConnectFailure::Expired,
        ConnectFailure::Mismatch,
        ConnectFailure::Offline,
        ConnectFailure::PlatformDown,
        ConnectFailure::Refused,
        ConnectFailure::NoPages,
        ConnectFailure::CannotPublish,
        ConnectFailure::Incomplete,
    ];

    /// The Fluent id of its sentence.
    pub fn message_id(self) -> String {
        format!("error-connect-{}", self.as_str())
    }
}

const FB_APP_ID: &str = "connect.facebook.app_id";
const FB_LOGIN_URL: &str = "connect.facebook.login_url";
const ZALO_APP_ID: &str = "connect.zalo.app_id";
const ZALO_CALLBACK: &str = "connect.zalo.callback_url";
const ZALO_API: &str = "connect.zalo.api_url";

fn value(conn: &Connection, key: &str) -> Result<String> {
    Ok(crate::settings::get(conn, key)?.unwrap_or_default())
}

fn put(conn: &Connection, key: &str, value: &str) -> Result<()> {
    crate::settings::put(conn, key, Some(value.trim()))
}

impl Publishing<'_> {
    /// The Facebook app of this profile (Loa's own when nothing was set).
    pub fn facebook_app(&self) -> Result<FacebookApp> {
        self.store.read(|c| {
            Ok(FacebookApp {
                app_id: value(c, FB_APP_ID)?,
                login_url: value(c, FB_LOGIN_URL)?,
            })
        })
    }

    pub fn set_facebook_app(&self, app: &FacebookApp) -> Result<()> {
        self.store.write(|tx, _| {
            put(tx, FB_APP_ID, &app.app_id)?;
            put(tx, FB_LOGIN_URL, &app.login_url)
        })
    }

    /// The Zalo app last used to connect an OA (empty before the first).
    pub fn zalo_app(&self) -> Result<ZaloApp> {
        self.store.read(|c| {
            Ok(ZaloApp {
                app_id: value(c, ZALO_APP_ID)?,
                callback_url: value(c, ZALO_CALLBACK)?,
                api_url: value(c, ZALO_API)?,
            })
        })
    }

    pub fn set_zalo_app(&self, app: &ZaloApp) -> Result<()> {
        self.store.write(|tx, _| {
            put(tx, ZALO_APP_ID, &app.app_id)?;
            put(tx, ZALO_CALLBACK, &app.callback_url)?;
            put(tx, ZALO_API, &app.api_url)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn apps_are_kept_in_the_profile() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(dir.path()).expect("store");
        let p = store.publishing();
        assert_eq!(p.facebook_app().expect("read"), FacebookApp::default());
        let fb = FacebookApp {
            app_id: " 4001 ".into(),
            login_url: "http://127.0.0.1:18781/".into(),
        };
        p.set_facebook_app(&fb).expect("saved");
        let read = p.facebook_app().expect("read");
        assert_eq!(read.effective_app_id().as_deref(), Some("4001"));
        assert_eq!(read.www(), "http://127.0.0.1:18781");
        assert_eq!(read.graph(), "http://127.0.0.1:18781/v21.0");
        assert_eq!(FacebookApp::default().www(), "https://www.facebook.com");
        assert_eq!(
            FacebookApp::default().graph(),
            "https://graph.facebook.com/v21.0"
        );

        let z = ZaloApp {
            app_id: "42".into(),
            callback_url: "https://xa.gov.vn/zalo".into(),
            api_url: String::new(),
        };
        p.set_zalo_app(&z).expect("saved");
        assert_eq!(p.zalo_app().expect("read"), z);
        assert_eq!(z.api(), "https://openapi.zalo.me");
    }

    #[test]
    fn each_failure_has_its_own_sentence_id() {
        let mut ids: Vec<_> = ConnectFailure::ALL.iter().map(|f| f.message_id()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), ConnectFailure::ALL.len());
    }
}
