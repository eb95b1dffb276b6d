//! # loa-channels
//!
//! The places a post can go — a Facebook Page, a Zalo Official Account, a WordPress site, a folder —
//! behind one trait, [`Channel`], so the outbox worker (`loa-publish`) never knows which platform it
//! talks to. Every platform error is classified in one place ([`ErrorClass`]) from the platforms'
//! documentation: the worker decides what to do from the class alone.
//!
//! What each platform accepts and how a post becomes its message (the Facebook message with its
//! title line, the Zalo article's fields) are `loa-platforms`': the clients send exactly what its
//! `compose` functions return, so the checks and the limits count what is sent
//! (`tests/agreement.rs`).
//!
//! This crate knows nothing about SQLite or Tauri: it is handed a post and credentials and returns
//! remote ids.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

mod classify;
pub mod facebook;
mod facebook_video;
pub mod folder;
mod http;
pub mod insights;
mod limits;
pub mod login;
mod text;
mod video;
pub mod wordpress;
pub mod zalo;

#[cfg(test)]
mod channel_tests;

#[cfg(test)]
mod credentials_tests {
    use super::Credentials;

    #[test]
    fn debug_never_prints_a_secret() {
        let c = Credentials {
            token: "EAAB-page-token".into(),
            refresh_token: Some("zalo-refresh-123".into()),
            app_id: Some("4321".into()),
            secret_key: Some("s3cr3t-key".into()),
        };
        let shown = format!("{c:?} {c:#?}");
        for secret in ["EAAB-page-token", "zalo-refresh-123", "s3cr3t-key"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(
            shown.contains("[redacted]") && shown.contains("4321"),
            "{shown}"
        );
        assert!(format!("{:?}", Credentials::default()).contains("[none]"));
    }
}

pub use limits::{check_post, check_post_for, limits_for};
pub use loa_platforms::{ChannelKind, LimitViolation, Limits, publish_not_before, text_hash};
pub use video::{ChunkSizer, VIDEO_SESSION_EXPIRED, Video, VideoSink, VideoUpload};

/// Opens a channel client. Nothing is sent until a method is called.
pub fn open(config: ChannelConfig, creds: Credentials) -> Box<dyn Channel> {
    match config.kind {
        ChannelKind::Facebook => Box::new(facebook::FacebookPage::new(config, creds)),
        ChannelKind::Zalo => Box::new(zalo::ZaloOa::new(config, creds)),
        ChannelKind::Wordpress => Box::new(wordpress::WordPressSite::new(config, creds)),
        ChannelKind::Folder => Box::new(folder::FolderChannel::new(config)),
    }
}

/// Everything a client needs to reach one configured channel. Secrets come from the credential
/// store, never from the database.
#[derive(Debug, Clone)]
pub struct ChannelConfig {
    pub kind: ChannelKind,
    /// The officer's name for the channel ("Trang xã", "Cổng TTĐT").
    pub name: String,
    /// Facebook: the Graph base URL including the version; Zalo: the OA API base (both default to
    /// the platform's own, `ChannelKind::default_base_url`); WordPress: the site URL; folder: unused.
    pub base_url: String,
    /// Facebook page id; empty elsewhere.
    pub page_id: String,
    /// WordPress user name; empty elsewhere.
    pub user: String,
    /// Folder channel: where posts are written.
    pub folder: Option<PathBuf>,
    /// Request timeout for small calls; uploads get a longer one scaled by size.
    pub timeout: Duration,
    /// Zalo only: a WordPress site (its configuration and credentials) whose media library
    /// hosts the article's photos — Zalo articles take image URLs only. `None` elsewhere, and
    /// for a Zalo channel that publishes text only.
    pub image_host: Option<Box<(ChannelConfig, Credentials)>>,
}

/// The secrets of a channel, as kept in the OS keyring. Its `Debug` names which secrets are
/// present, never their values (a log line or a panic message must not carry a token).
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct Credentials {
    /// Facebook page token, Zalo access token, WordPress application password.
    pub token: String,
    /// Zalo refresh token (works once: the client returns the new pair through
    /// [`Channel::take_refreshed_credentials`]).
    pub refresh_token: Option<String>,
    /// Zalo app id and secret key, needed to refresh.
    pub app_id: Option<String>,
    pub secret_key: Option<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = |present: bool| if present { "[redacted]" } else { "[none]" };
        let some = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.is_empty());
        f.debug_struct("Credentials")
            .field("token", &shown(!self.token.is_empty()))
            .field("refresh_token", &shown(some(&self.refresh_token)))
            // The app id is public (it is in every sign-in address).
            .field("app_id", &self.app_id)
            .field("secret_key", &shown(some(&self.secret_key)))
            .finish()
    }
}

/// One photo of a post, already prepared (oriented, resized, stripped) on disk.
#[derive(Debug, Clone)]
pub struct Photo {
    pub path: PathBuf,
    /// Alt text, NFC.
    pub alt_text: String,
    /// Bytes on disk (for progress and for the benchmark's ideal-bytes figure).
    pub size: u64,
}

/// The post as it leaves Loa: NFC text, photos in order.
#[derive(Debug, Clone)]
pub struct PostContent {
    /// Outbox row id: used by the folder channel for its folder name and by WordPress for the slug.
    pub outbox_id: i64,
    pub title: String,
    /// The full text (NFC).
    pub text: String,
    pub photos: Vec<Photo>,
    /// The post's video, instead of photos (a post has photos or one video).
    pub video: Option<Video>,
    /// Publish at this time on the platform's own scheduler (Facebook: 10 min – 30 days ahead;
    /// WordPress: `future` status). `None` publishes now.
    pub scheduled_at: Option<DateTime<Utc>>,
    /// A slug the client generates so the post can be found again (WordPress), stable per outbox row.
    pub slug: String,
}

impl PostContent {
    /// The read-back key of the body ([`text_hash`]): what a Zalo article's text, a WordPress
    /// post and a folder's `post.txt` are matched by. A Facebook post is matched by the hash of
    /// its whole message ([`loa_platforms::compose::facebook_message`]), title line included.
    pub fn text_hash(&self) -> String {
        text_hash(&self.text)
    }
}

/// A photo the platform has accepted (not yet visible on its own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteMedia {
    pub id: String,
    /// WordPress and Zalo give back a URL the post body can use.
    pub url: Option<String>,
}

/// A published (or platform-scheduled) post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemotePost {
    pub id: String,
    /// Where the officer can see it.
    pub url: Option<String>,
}

/// What the worker should do about a failed call. Decided here, once, from the platforms' docs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "class", rename_all = "snake_case")]
pub enum ErrorClass {
    /// The request certainly did not take effect (connection refused, DNS, reset before the
    /// request was fully sent, 4xx that rejects before acting): safe to retry later with backoff.
    Transient,
    /// The link is down: do not count an attempt, wait for connectivity.
    Offline,
    /// The request may have taken effect (timeout or reset after sending, 5xx, Graph codes 1/2):
    /// never retry a publish blindly — read back first.
    Ambiguous,
    /// Rate limited (Graph 4, 17, 32, 613, 80001, 368; Zalo's quota codes; HTTP 429): pause the
    /// whole channel until `retry_after` (from usage headers when given).
    Throttled { retry_after_secs: u64 },
    /// The token is expired or revoked (Graph 190 and subcodes; Zalo -216/-124…; WordPress 401):
    /// pause the channel and ask the officer to reconnect.
    Auth,
    /// The platform refused this post (Graph 100 and subcodes, 1366046, Zalo validation codes,
    /// WordPress 400): fail the item with a message that says what to change.
    Invalid,
}

/// A failed channel call.
#[derive(Debug, Clone, thiserror::Error, Serialize, Deserialize)]
#[error("{kind:?} error {code}: {message}")]
pub struct ChannelError {
    pub class: ErrorClass,
    pub kind: ChannelKind,
    /// The platform's code ("190/463", "-216", "rest_cannot_create", "timeout", "http-503").
    pub code: String,
    /// The platform's own message, kept verbatim for the officer and for support.
    pub message: String,
}

impl ChannelError {
    /// The Fluent id (in `locales/*/channels.ftl`) of a sentence that tells the officer what to
    /// do about this error, by class; the platform's own message is shown below it.
    pub fn hint_id(&self) -> &'static str {
        if let Some(id) = advice_id(self.kind, &self.code) {
            return id;
        }
        match self.class {
            ErrorClass::Transient => "channel-hint-transient",
            ErrorClass::Offline => "channel-hint-offline",
            ErrorClass::Ambiguous => "channel-hint-ambiguous",
            ErrorClass::Throttled { .. } => "channel-hint-throttled",
            ErrorClass::Auth => "channel-hint-auth",
            ErrorClass::Invalid => "channel-hint-invalid",
        }
    }

    /// What kind of failure, in the words of the core's `ChannelFailed` sentence: `auth`,
    /// `offline` or `other`.
    pub fn reason(&self) -> &'static str {
        match self.class {
            ErrorClass::Auth => "auth",
            ErrorClass::Offline => "offline",
            _ => "other",
        }
    }

    /// When a throttle that ends at a fixed time ends, seen from `now`: Zalo's daily article
    /// quota (-223) at the next midnight in Vietnam. `None` for every other error (their
    /// waits are `retry_after_secs`).
    pub fn holds_until(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let daily = self.kind == ChannelKind::Zalo
            && self.code == classify::DAILY_ARTICLE_QUOTA.to_string();
        daily.then(|| loa_platforms::next_vietnam_midnight(now))
    }
}

/// The Fluent id (in `locales/*/channels.ftl`) of a sentence for an error whose code says more
/// than its class: what the officer can change when a platform refused a post for a known
/// reason. `None` for every other code (the class's sentence applies). Takes the stored kind and
/// code, so the queue can say it for an item long after the error was classified.
pub fn advice_id(kind: ChannelKind, code: &str) -> Option<&'static str> {
    use ChannelKind::{Facebook, Wordpress, Zalo};
    Some(match (kind, code) {
        (Zalo, zalo::NO_COVER) => "channel-hint-no-cover",
        // The web server's upload limit (nginx client_max_body_size, PHP upload_max_filesize),
        // WordPress's own size and space limits, Graph's photo size error (100/1366046).
        (_, "http-413")
        | (
            Wordpress,
            "rest_upload_file_too_big"
            | "rest_upload_limited_space"
            | "rest_upload_user_quota_exceeded",
        )
        | (Facebook, "100/1366046") => "channel-hint-too-large",
        // Graph 506: "Duplicate status message".
        (Facebook, "506") => "channel-hint-duplicate",
        // A photo that is gone from the disk, or that the platform could not read (Graph 324,
        // WordPress's sideload error).
        (_, "photo-missing") | (Facebook, "324") | (Wordpress, "rest_upload_sideload_error") => {
            "channel-hint-photo-unusable"
        }
        // Graph 1609005: the link in the post could not be read by Facebook's scraper.
        (Facebook, "1609005") => "channel-hint-link",
        // Zalo -201 "<field> is invalid", -210 "parameter exceeds allowable limit".
        (Zalo, "-201" | "-210") => "channel-hint-zalo-fields",
        _ => return None,
    })
}

/// Bytes sent so far for the current request body (per-byte progress).
pub type Progress<'a> = &'a mut dyn FnMut(u64);

/// Where a client hands new credentials the moment it obtains them (see
/// [`Channel::set_credential_sink`]).
pub type CredentialSink = Box<dyn FnMut(&Credentials) + Send>;

/// Where a client reads the channel's credentials as stored now (see
/// [`Channel::set_credential_source`]).
pub type CredentialSource = Box<dyn FnMut() -> Option<Credentials> + Send>;

/// One configured channel. Implementations are blocking (the worker runs on its own thread).
pub trait Channel: Send {
    fn kind(&self) -> ChannelKind;

    /// "Test connection": checks the credentials and returns the page/OA/site name.
    fn verify(&mut self) -> Result<String, ChannelError>;

    /// A cheap reachability probe of the channel's host (no credentials needed). `Offline` when
    /// the host cannot be reached.
    fn probe(&mut self) -> Result<(), ChannelError>;

    /// Whether `publish` uploads the photos itself (Facebook with exactly one photo posts it with
    /// the message in one call), so the worker must not call [`Channel::upload_media`] first.
    fn publishes_photos_inline(&self, post: &PostContent) -> bool;

    /// Uploads photo `index` of `post` unpublished and returns its remote id. Called once per
    /// photo; the worker records the id before moving on, so no photo is uploaded twice.
    fn upload_media(
        &mut self,
        post: &PostContent,
        index: usize,
        progress: Progress<'_>,
    ) -> Result<RemoteMedia, ChannelError>;

    /// Publishes the post with the uploaded media, in order.
    fn publish(
        &mut self,
        post: &PostContent,
        media: &[RemoteMedia],
        progress: Progress<'_>,
    ) -> Result<RemotePost, ChannelError>;

    /// Read-back after an ambiguous publish: the post if the channel shows one created (or
    /// scheduled) since `since` whose text hash (or slug) matches; `Ok(None)` if the channel
    /// certainly has no such post; `Err` if it cannot tell.
    fn find_published(
        &mut self,
        post: &PostContent,
        since: DateTime<Utc>,
    ) -> Result<Option<RemotePost>, ChannelError>;

    /// Uploads the post's video, resuming where `post.video`'s stored upload stands. `sink` is
    /// called after every chunk the platform accepted (and after a cut one, for the bytes put
    /// on the wire) with where the upload stands; the worker commits it before returning
    /// `true`, and the upload stops when it returns `false`. Returns the video's id on the
    /// platform once every byte is there; [`Channel::publish`] then makes the post.
    fn upload_video(
        &mut self,
        post: &PostContent,
        sink: VideoSink<'_>,
    ) -> Result<RemoteMedia, ChannelError> {
        let _ = (post, sink);
        Err(ChannelError {
            class: ErrorClass::Invalid,
            kind: self.kind(),
            code: "video-not-supported".into(),
            message: "this channel does not take videos".into(),
        })
    }

    /// After a token refresh (Zalo), the new credentials to store; `None` if nothing changed.
    fn take_refreshed_credentials(&mut self) -> Option<Credentials> {
        None
    }

    /// After a successful call whose usage headers say the app or page is close to the
    /// platform's limit (Graph `X-App-Usage` / `X-Business-Use-Case-Usage` at 90 % or more):
    /// how many seconds to hold the channel back before the next call. Taken once.
    fn take_usage_pause_secs(&mut self) -> Option<u64> {
        None
    }

    /// The worker's way to store refreshed credentials at once. A client that refreshes (Zalo)
    /// calls the sink right after the new pair arrives, BEFORE using it: the old refresh token is
    /// spent, and a process killed before the call returns (and before
    /// [`Channel::take_refreshed_credentials`]) would otherwise lose the only valid one.
    fn set_credential_sink(&mut self, _sink: CredentialSink) {}

    /// The worker's way to read the stored credentials again. A client about to spend a
    /// single-use refresh token (Zalo) reads them first: another Loa process (the window and
    /// `loa sync`) may have refreshed already, and spending the old token would lose the OA.
    fn set_credential_source(&mut self, _source: CredentialSource) {}
}
