//! The Zalo Official Account API (articles) and its OAuth v4 sign-in and token refresh, on one
//! server (Zalo's `openapi.zalo.me` and `oauth.zaloapp.com` are the same loopback origin here).
//!
//! Documented behaviour followed (developers.zalo.me/docs/official-account/…, as quoted by the
//! official Java SDK and SDKs that transcribe the docs):
//! - every answer is HTTP 200 with `{"error":0,…}` on success and a non-zero `error` otherwise;
//!   the access token travels in an `access_token` header; an exhausted quota is -223, as the
//!   independent emulator Loa was tested against answers;
//! - `GET /v2.0/oa/getoa`; `POST /v2.0/oa/upload/image` (multipart `file`, jpg/png ≤ 1 MB →
//!   `data.attachment_id`);
//! - [`articles`]: `POST /v2.0/article/create` (title ≤ 150, author ≤ 50, description ≤ 300
//!   characters, cover and body required) → `data.token`; `POST /v2.0/article/verify` →
//!   `data.id`, or -214 while the article is still being processed; `GET /v2.0/article/getslice`
//!   (`offset`, `limit` at most 10 — a larger `limit` is served as 10 —, newest first, each with
//!   `create_date` in milliseconds; `data.total`), `GET /v2.0/article/getdetail`,
//!   `POST /v2.0/article/remove`;
//! - [`oauth`]: the OA permission page `GET /v4/oa/permission?app_id&redirect_uri&code_challenge&state`
//!   and `POST /v4/oa/access_token` (header `secret_key`; form `app_id` and either
//!   `grant_type=authorization_code` + `code` + `code_verifier`, or `grant_type=refresh_token` +
//!   `refresh_token`): a refresh token works once; the answer carries a new pair.
//!
//! Emulator choices where the documentation is silent (marked `[inferred]` in the contract):
//! unknown access token -216, expired -220; field-limit violations -201 with a message naming the
//! field; OAuth errors -14014 (used/unknown refresh token), -14002 (wrong app id), -14012 (wrong
//! secret key), -14003 (bad grant type), -14004 (unknown, used or expired code), -14005 (wrong
//! code verifier); the upload answer also carries a loopback `url` serving the bytes (real Zalo
//! gives only `attachment_id`); the article exists from `create` on (so a create whose answer
//! was lost has still produced an article, which `getslice` shows); the daily article quota
//! ([`ZaloOptions::daily_article_quota`]) counts creates since midnight Vietnam time (UTC+7) and
//! resets then; an OA without a cover image ([`ZaloOptions::oa_has_cover`] false) shows an empty
//! `cover` in `getoa`, and an article whose cover is that missing image is refused with -201
//! naming the cover.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, FixedOffset, Utc};
use serde::Serialize;
use serde_json::{Value, json};

use crate::common::now;
use crate::faults::{Fault, SplitMix64};
use crate::http::{Request, Response};
use crate::other_host::OtherHost;
use crate::server::{Platform, Server, lock};

pub mod articles;
pub mod oauth;

/// Documented limits.
pub const TITLE_MAX: usize = 150;
pub const AUTHOR_MAX: usize = 50;
pub const DESCRIPTION_MAX: usize = 300;
pub const IMAGE_MAX_BYTES: usize = 1024 * 1024;

/// How the Zalo emulator starts.
#[derive(Debug, Clone)]
pub struct ZaloOptions {
    pub oa_id: String,
    pub oa_name: String,
    pub access_token: String,
    pub refresh_token: String,
    pub app_id: String,
    pub secret_key: String,
    /// `verify` answers "still processing" (-214) this many times per article before the id.
    pub verify_processing_calls: u32,
    pub port: u16,
    /// OA callback URLs registered for the app (the permission page's `redirect_uri` must start
    /// with one). Zalo requires the callback's domain to be verified, which a loopback address
    /// cannot be; the emulator's own `{origin}/oauth/callback` page (standing for a page on a
    /// verified domain that shows the code) is always registered.
    pub callback_urls: Vec<String>,
    /// Articles the OA may create per day (`None` = no limit); past it, -223 until midnight
    /// Vietnam time or [`ZaloEmulator::reset_article_quota`].
    pub daily_article_quota: Option<u32>,
    /// Whether the OA has a cover image (`getoa` → `cover`).
    pub oa_has_cover: bool,
}

impl Default for ZaloOptions {
    fn default() -> Self {
        ZaloOptions {
            oa_id: "2001".into(),
            oa_name: "Xã Nà Hẩu".into(),
            access_token: "zalo-sandbox-access-token".into(),
            refresh_token: "zalo-sandbox-refresh-token".into(),
            app_id: "3001".into(),
            secret_key: "zalo-sandbox-secret".into(),
            verify_processing_calls: 2,
            port: 0,
            callback_urls: Vec::new(),
            daily_article_quota: None,
            oa_has_cover: true,
        }
    }
}

/// An image uploaded through `/v2.0/oa/upload/image`.
#[derive(Debug, Clone, Serialize)]
pub struct ZaloImage {
    pub attachment_id: String,
    #[serde(serialize_with = "crate::ser_hash")]
    pub sha256: [u8; 32],
    pub size: usize,
    pub url: String,
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

/// One paragraph of an article body.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BodyItem {
    /// `text`, `image`, `video` or `product`.
    pub kind: String,
    /// Text content (HTML allowed) for `text`.
    pub content: String,
    /// URL for `image` (and `video`).
    pub url: String,
}

/// An article on the OA.
#[derive(Debug, Clone, Serialize)]
pub struct EmulatedArticle {
    pub id: String,
    /// The token `create` answered with.
    pub token: String,
    pub title: String,
    pub author: String,
    pub description: String,
    pub cover_url: String,
    pub body: Vec<BodyItem>,
    /// `show` or `hide`.
    pub status: String,
    pub comment: String,
    /// Whether a `verify` has answered with the id.
    pub verified: bool,
    pub created_at: DateTime<Utc>,
}

impl EmulatedArticle {
    /// Image URLs of the body, in order.
    pub fn body_image_urls(&self) -> Vec<String> {
        self.body
            .iter()
            .filter(|b| b.kind == "image")
            .map(|b| b.url.clone())
            .collect()
    }

    /// The body's text paragraphs joined by blank lines.
    pub fn body_text(&self) -> String {
        self.body
            .iter()
            .filter(|b| b.kind == "text")
            .map(|b| b.content.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

#[derive(Debug)]
struct State {
    opts: ZaloOptions,
    origin: String,
    /// Access tokens that work (a refresh adds one; old ones keep working until expired).
    access_tokens: Vec<String>,
    expired_tokens: Vec<String>,
    refresh_token: String,
    used_refresh_tokens: Vec<String>,
    refreshes: u32,
    images: Vec<ZaloImage>,
    articles: Vec<EmulatedArticle>,
    verify_calls: HashMap<String, u32>,
    next_id: u64,
    rng: SplitMix64,
    oauth: oauth::OAuthState,
    /// Creates before this instant do not count toward today's quota (a manual reset).
    quota_reset_at: DateTime<Utc>,
    /// When each article was created (removals do not give quota back).
    creates: Vec<DateTime<Utc>>,
}

impl State {
    /// Articles created today (Vietnam time) since the last reset.
    fn created_today(&self) -> usize {
        let since = vietnam_midnight_before(now()).max(self.quota_reset_at);
        self.creates.iter().filter(|t| **t >= since).count()
    }

    fn new_id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!(
            "{prefix}{:012x}",
            0x5a10_0000_0000u64 + self.next_id * 0x9e37
        )
    }
}

fn ok(data: Value) -> Response {
    Response::json(
        200,
        &json!({ "error": 0, "message": "Success", "data": data }),
    )
}

fn err(code: i64, message: &str) -> Response {
    Response::json(200, &json!({ "error": code, "message": message }))
}

/// The Zalo OA emulator. See the module docs.
#[derive(Debug)]
pub struct ZaloEmulator {
    server: Server,
    other_host: OtherHost,
    state: Arc<Mutex<State>>,
}

struct ZaloPlatform {
    state: Arc<Mutex<State>>,
}

impl ZaloEmulator {
    pub fn start(opts: ZaloOptions) -> std::io::Result<ZaloEmulator> {
        let port = opts.port;
        let state = Arc::new(Mutex::new(State {
            access_tokens: vec![opts.access_token.clone()],
            expired_tokens: Vec::new(),
            refresh_token: opts.refresh_token.clone(),
            opts,
            origin: String::new(),
            used_refresh_tokens: Vec::new(),
            refreshes: 0,
            images: Vec::new(),
            articles: Vec::new(),
            verify_calls: HashMap::new(),
            next_id: 0,
            rng: SplitMix64::new(0x7a61_6c6f),
            oauth: oauth::OAuthState::default(),
            quota_reset_at: DateTime::<Utc>::MIN_UTC,
            creates: Vec::new(),
        }));
        let server = Server::start(
            Arc::new(ZaloPlatform {
                state: Arc::clone(&state),
            }),
            port,
        )?;
        let other_host = OtherHost::start()?;
        server.set_redirect_target(other_host.origin());
        lock(&state).origin = server.origin();
        Ok(ZaloEmulator {
            server,
            other_host,
            state,
        })
    }

    /// The OA permission page for these parameters (what Loa opens for the officer).
    pub fn permission_url(&self, redirect_uri: &str, code_challenge: &str, state: &str) -> String {
        use crate::form::percent_encode;
        format!(
            "{}/v4/oa/permission?app_id={}&redirect_uri={}&code_challenge={}&state={}",
            self.server.origin(),
            percent_encode(&lock(&self.state).opts.app_id),
            percent_encode(redirect_uri),
            percent_encode(code_challenge),
            percent_encode(state),
        )
    }

    /// The emulator's own callback page (always a registered callback URL).
    pub fn callback_url(&self) -> String {
        format!("{}/oauth/callback", self.server.origin())
    }

    /// The day's article quota starts again now (as at midnight Vietnam time).
    pub fn reset_article_quota(&self) {
        lock(&self.state).quota_reset_at = now();
    }

    /// When the day's article quota resets by itself: the next midnight in Vietnam (UTC+7).
    pub fn article_quota_resets_at(&self) -> DateTime<Utc> {
        next_vietnam_midnight(now())
    }

    /// `http://127.0.0.1:PORT`: both the OA API base and the OAuth base.
    pub fn base_url(&self) -> String {
        self.server.origin()
    }

    /// Every article, oldest first.
    pub fn articles(&self) -> Vec<EmulatedArticle> {
        lock(&self.state).articles.clone()
    }

    /// Every uploaded image, oldest first.
    pub fn images(&self) -> Vec<ZaloImage> {
        lock(&self.state).images.clone()
    }

    /// The SHA-256 of an image this emulator serves at `url`.
    pub fn image_hash_by_url(&self, url: &str) -> Option<[u8; 32]> {
        lock(&self.state)
            .images
            .iter()
            .find(|i| i.url == url)
            .map(|i| i.sha256)
    }

    /// The access token that works now (the newest).
    pub fn access_token(&self) -> String {
        lock(&self.state)
            .access_tokens
            .last()
            .cloned()
            .unwrap_or_default()
    }

    /// The refresh token that works now.
    pub fn refresh_token(&self) -> String {
        lock(&self.state).refresh_token.clone()
    }

    /// How many refreshes succeeded.
    pub fn refresh_count(&self) -> u32 {
        lock(&self.state).refreshes
    }

    /// Every current access token expires: calls get -220 until a refresh.
    pub fn expire_access_token(&self) {
        expire_all(&mut lock(&self.state));
    }

    pub fn server(&self) -> &Server {
        &self.server
    }
}

crate::server_api!(ZaloEmulator);

/// Vietnam's offset from UTC (no daylight saving).
fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600)
        .unwrap_or_else(|| FixedOffset::east_opt(0).unwrap_or_else(|| unreachable!()))
}

fn vietnam_midnight_before(t: DateTime<Utc>) -> DateTime<Utc> {
    let local = t.with_timezone(&vietnam()).date_naive();
    let naive = local.and_hms_opt(0, 0, 0).unwrap_or_default() - Duration::hours(7);
    naive.and_utc()
}

fn next_vietnam_midnight(t: DateTime<Utc>) -> DateTime<Utc> {
    vietnam_midnight_before(t) + Duration::days(1)
}

fn expire_all(s: &mut State) {
    let tokens: Vec<String> = s.access_tokens.drain(..).collect();
    s.expired_tokens.extend(tokens);
}

impl Platform for ZaloPlatform {
    fn route(&self, req: &Request) -> String {
        let path = if req.path.starts_with("/media/") {
            "/media/{file}"
        } else {
            req.path.as_str()
        };
        format!("{} {path}", req.method)
    }

    fn handle(&self, req: &Request) -> Response {
        let mut s = lock(&self.state);
        let path = req.path.trim_end_matches('/');
        if let Some(file) = path.strip_prefix("/media/") {
            return articles::serve_image(&s, file);
        }
        match (req.method.as_str(), path) {
            ("POST", "/v4/oa/access_token") => return oauth::token(&mut s, req),
            ("GET", "/v4/oa/permission") => return oauth::permission(&mut s, req),
            (_, "/v4/oa/permission/allow") => return oauth::allow(&mut s, req),
            (_, "/v4/oa/permission/cancel") => return oauth::cancelled(),
            ("GET", "/oauth/callback") => return oauth::callback_page(req),
            _ => {}
        }
        // Every OA call needs the access token header.
        match req.header("access_token") {
            None => return err(-216, "Access token is invalid"),
            Some(t) if s.access_tokens.iter().any(|a| a == t) => {}
            Some(t) if s.expired_tokens.iter().any(|a| a == t) => {
                return err(-220, "Access token has expired or been revoked");
            }
            Some(_) => return err(-216, "Access token is invalid"),
        }
        match (req.method.as_str(), path) {
            ("GET", "/v2.0/oa/getoa") => {
                let (id, name) = (s.opts.oa_id.clone(), s.opts.oa_name.clone());
                let avatar = format!("{}/media/{}", s.origin, articles::OA_AVATAR_FILE);
                let cover = if s.opts.oa_has_cover {
                    format!("{}/media/{}", s.origin, articles::OA_COVER_FILE)
                } else {
                    String::new()
                };
                ok(json!({
                    "oa_id": id, "name": name, "description": "Trang thông tin của xã",
                    "is_verified": true, "num_follower": 1234,
                    "avatar": avatar, "cover": cover,
                }))
            }
            ("POST", "/v2.0/oa/upload/image") => articles::upload_image(&mut s, req),
            ("POST", "/v2.0/article/create") => articles::create_article(&mut s, req),
            ("POST", "/v2.0/article/verify") => articles::verify(&mut s, req),
            ("GET", "/v2.0/article/getslice") => articles::getslice(&s, req),
            ("GET", "/v2.0/article/getdetail") => articles::getdetail(&s, req),
            ("POST", "/v2.0/article/remove") => articles::remove(&mut s, req),
            _ => Response::json(404, &json!({ "error": 404, "message": "empty api" })),
        }
    }

    fn fault_answer(&self, fault: Fault, _req: &Request) -> Response {
        let mut s = lock(&self.state);
        match fault {
            Fault::Throttle { code } => {
                let code = if code == 0 { -32 } else { code };
                err(code, "Request limit exceeded, please try again later")
            }
            Fault::ExpiredToken => {
                expire_all(&mut s);
                err(-220, "Access token has expired or been revoked")
            }
            _ => {
                let mut r = Response::new(500);
                r.headers.push(("Content-Type".into(), "text/html".into()));
                r.body = b"<html><body><h1>500 Internal Server Error</h1></body></html>".to_vec();
                r
            }
        }
    }
}

fn json_body(req: &Request) -> Option<Value> {
    serde_json::from_slice(&req.body).ok()
}
