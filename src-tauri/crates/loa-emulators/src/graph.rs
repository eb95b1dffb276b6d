//! The Facebook Graph API, as far as a Page publisher uses it: signing in, publishing, reading
//! back, reach, video. One loopback server stands for the three hosts a client talks to —
//! `www.facebook.com` (the login dialog), `graph.facebook.com` (the API) and
//! `graph-video.facebook.com` (video uploads); [`GraphEmulator::www_url`],
//! [`GraphEmulator::base_url`] and [`GraphEmulator::video_base_url`] give the three bases.
//!
//! Documented behaviour followed (developers.facebook.com/docs/…); each feature module names its
//! pages:
//! - [`pages`]: `POST /{page-id}/feed`, `/{page-id}/photos`, `GET /{page-id}/feed`,
//!   `/{page-id}/scheduled_posts`, a post by id, `DELETE` a post.
//! - [`login`]: the Login dialog (manual flow), `oauth/access_token` (code exchange and
//!   `fb_exchange_token`), `/me`, `/me/accounts`, `debug_token`.
//! - [`insights`]: `/{page-id}/insights`, `/{post-id}/insights`, with the metrics Meta removed in
//!   2024–2025 failing the whole request as Graph does.
//! - [`video`]: the resumable Page video upload (`upload_phase` start/transfer/finish) and
//!   `GET /{page-id}/videos`.
//! - `graph-api/guides/error-handling`: `{"error":{"message","type","code","error_subcode",
//!   "fbtrace_id"}}`, 190/463 expired token, 4/17/32/613/80001/368 throttling, 1/2 transient,
//!   100 invalid parameter.
//! - `graph-api/overview/rate-limiting`: `X-App-Usage`, `X-Business-Use-Case-Usage` headers (sent on
//!   every answer here); with [`GraphOptions::enforce_rate_limit`] the budget is real: past
//!   `calls_per_minute_limit` calls in a rolling minute the answer is #32 (Page-level) with both
//!   headers at 100 %.

pub mod insights;
pub mod login;
pub mod pages;
pub mod video;

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;

use crate::common::now;
use crate::faults::{Fault, SplitMix64};
use crate::form::Fields;
use crate::http::{Request, Response};
use crate::other_host::OtherHost;
use crate::server::{Platform, Server, lock};

pub use insights::{
    PAGE_METRICS, POST_METRICS, REMOVED_METRICS, post_clicks, post_media_view,
    post_total_media_view_unique,
};
pub use login::ManagedPage;
pub use video::{EmulatedVideo, UploadSession};

/// The tasks a Page admin holds (`/me/accounts` → `tasks`).
pub const ALL_TASKS: [&str; 5] = [
    "ANALYZE",
    "ADVERTISE",
    "MODERATE",
    "CREATE_CONTENT",
    "MANAGE",
];

/// How the Graph emulator starts.
#[derive(Debug, Clone)]
pub struct GraphOptions {
    pub page_id: String,
    pub page_name: String,
    /// The page access token the client must send (also what `/me/accounts` hands out for this
    /// Page after a sign-in).
    pub token: String,
    /// Version segment of the base URL.
    pub version: String,
    /// `0` = any free port.
    pub port: u16,
    /// `estimated_time_to_regain_access` (minutes) in a throttled answer.
    pub throttle_minutes: u64,
    /// Larger `source` uploads are refused with code 100 / subcode 1366046.
    pub max_photo_bytes: usize,
    /// Calls in a rolling minute that the usage headers report as 100 %.
    pub calls_per_minute_limit: u64,
    /// Throttle for real past `calls_per_minute_limit` (otherwise only faults throttle).
    pub enforce_rate_limit: bool,
    /// The app (`client_id`) the login dialog and the token exchange accept.
    pub app_id: String,
    pub app_secret: String,
    /// Valid OAuth Redirect URIs registered for the app (strict mode: exact match). The
    /// emulator's own `{www}/connect/login_success.html` — Facebook's page for desktop apps —
    /// is always registered.
    pub redirect_uris: Vec<String>,
    /// App in development mode: loopback redirects (`http://localhost…`, `http://127.0.0.1…`)
    /// are accepted without being registered, as the App Dashboard says of its Valid OAuth
    /// Redirect URIs field; a live app needs them registered.
    pub development_mode: bool,
    /// The person signing in.
    pub user_id: String,
    pub user_name: String,
    /// Pages besides `page_id` that the person manages (shown by `/me/accounts`; the emulator
    /// publishes only to `page_id`).
    pub extra_pages: Vec<ManagedPage>,
    /// Followers of the Page before anything was published (insights `page_follows`).
    pub followers_base: u64,
    /// Metrics that answer `(#100)` as removed ones do, beyond the ones Meta removed so far: a
    /// test (or the sandbox) plays the next removal.
    pub removed_metrics: Vec<String>,
    /// The chunk size the video upload session asks for (`end_offset - start_offset`).
    pub video_chunk_bytes: u64,
    /// An upload session not finished within this many seconds times out (1363030).
    pub video_session_ttl_secs: i64,
    /// Largest `file_size` a video upload may announce.
    pub max_video_bytes: u64,
}

impl Default for GraphOptions {
    fn default() -> Self {
        GraphOptions {
            page_id: "1001".into(),
            page_name: "UBND xã Nà Hẩu".into(),
            token: "EAAG-loa-sandbox-page-token".into(),
            version: "v21.0".into(),
            port: 0,
            throttle_minutes: 1,
            max_photo_bytes: loa_platforms::FACEBOOK
                .max_photo_bytes
                .map_or(usize::MAX, |b| b as usize),
            calls_per_minute_limit: 600,
            enforce_rate_limit: false,
            app_id: "4001".into(),
            app_secret: "loa-sandbox-app-secret".into(),
            redirect_uris: Vec::new(),
            development_mode: true,
            user_id: "5001".into(),
            user_name: "Nguyễn Văn An".into(),
            extra_pages: vec![ManagedPage {
                id: "1002".into(),
                name: "Nhà văn hóa bản Nà Hẩu".into(),
                category: "Community".into(),
                tasks: vec!["ANALYZE".into()],
            }],
            followers_base: 1000,
            removed_metrics: Vec::new(),
            video_chunk_bytes: 4 * 1024 * 1024,
            video_session_ttl_secs: 2 * 3600,
            max_video_bytes: 10 * 1024 * 1024 * 1024,
        }
    }
}

/// A photo uploaded to the page.
#[derive(Debug, Clone, Serialize)]
pub struct EmulatedPhoto {
    pub id: String,
    #[serde(serialize_with = "crate::ser_hash")]
    pub sha256: [u8; 32],
    pub size: usize,
    pub published: bool,
    pub temporary: bool,
    /// The post it belongs to, once attached (or posted with it).
    pub post_id: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A post on the page (published, scheduled or unpublished).
#[derive(Debug, Clone, Serialize)]
pub struct EmulatedPost {
    pub id: String,
    pub message: String,
    /// SHA-256 of each photo's uploaded bytes, in the post's order.
    #[serde(serialize_with = "crate::ser_hashes")]
    pub photos: Vec<[u8; 32]>,
    pub photo_ids: Vec<String>,
    /// The video of a video post.
    pub video_id: Option<String>,
    /// SHA-256 of the whole uploaded video.
    #[serde(serialize_with = "crate::ser_opt_hash")]
    pub video: Option<[u8; 32]>,
    pub published: bool,
    /// Unix seconds, for a scheduled post.
    pub scheduled_publish_time: Option<i64>,
    pub created_at: DateTime<Utc>,
}

/// Who a token speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Caller {
    /// The emulated Page's token.
    Page,
    /// Another Page the person manages (it cannot publish to the emulated Page).
    OtherPage(String),
    /// The person (a user token from the login flow).
    User,
    /// `{app-id}|{app-secret}`.
    App,
}

#[derive(Debug)]
struct State {
    opts: GraphOptions,
    origin: String,
    token: String,
    token_expired: bool,
    photos: Vec<EmulatedPhoto>,
    posts: Vec<EmulatedPost>,
    next_id: u64,
    rng: SplitMix64,
    /// Times of recent calls, for the usage headers.
    recent_calls: Vec<DateTime<Utc>>,
    login: login::LoginState,
    videos: Vec<EmulatedVideo>,
    sessions: Vec<UploadSession>,
}

impl State {
    fn new_id(&mut self) -> String {
        self.next_id += 1;
        format!("{}", 1_000_000_000_000u64 + self.next_id)
    }

    fn fbtrace(&mut self) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        (0..11)
            .map(|_| A[(self.rng.next_u64() % A.len() as u64) as usize] as char)
            .collect()
    }

    /// The error envelope with an arbitrary error object (extra fields such as `error_data`).
    fn error_with(
        &mut self,
        status: u16,
        code: i64,
        subcode: Option<i64>,
        kind: &str,
        message: &str,
        extra: serde_json::Value,
    ) -> Response {
        let mut e = json!({
            "message": message,
            "type": kind,
            "code": code,
            "fbtrace_id": self.fbtrace(),
        });
        if let Some(s) = subcode {
            e["error_subcode"] = json!(s);
        }
        if matches!(code, 1 | 2) {
            e["is_transient"] = json!(true);
        }
        if let serde_json::Value::Object(m) = extra {
            for (k, v) in m {
                e[k] = v;
            }
        }
        Response::json(status, &json!({ "error": e }))
    }

    fn error(
        &mut self,
        status: u16,
        code: i64,
        subcode: Option<i64>,
        kind: &str,
        message: &str,
    ) -> Response {
        self.error_with(status, code, subcode, kind, message, json!({}))
    }

    /// No token, or an app token where a person's or a Page's is needed.
    fn no_active_token(&mut self) -> Response {
        self.error(
            400,
            2500,
            None,
            "OAuthException",
            "An active access token must be used to query information about the current user.",
        )
    }

    fn invalid(&mut self, message: &str) -> Response {
        self.error(
            400,
            100,
            None,
            "OAuthException",
            &format!("(#100) {message}"),
        )
    }

    /// Who a token is, if anyone.
    fn caller(&self, token: &str) -> Option<Caller> {
        if token == self.token {
            return Some(Caller::Page);
        }
        if let Some(p) = self
            .opts
            .extra_pages
            .iter()
            .find(|p| login::page_token(&self.token, &p.id) == token)
        {
            return Some(Caller::OtherPage(p.id.clone()));
        }
        if token == format!("{}|{}", self.opts.app_id, self.opts.app_secret) {
            return Some(Caller::App);
        }
        self.login.user_token_valid(token).then_some(Caller::User)
    }

    /// Publishing to the Page with anything but its own token (documented for `/feed`: a Page
    /// access token with `pages_manage_posts` is required).
    fn not_page_token(&mut self) -> Response {
        self.error(
            403,
            200,
            None,
            "OAuthException",
            "(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission",
        )
    }
}

/// The Graph API emulator. See the module docs for what it follows.
#[derive(Debug)]
pub struct GraphEmulator {
    server: Server,
    other_host: OtherHost,
    state: Arc<Mutex<State>>,
}

struct GraphPlatform {
    state: Arc<Mutex<State>>,
}

impl GraphEmulator {
    pub fn start(opts: GraphOptions) -> std::io::Result<GraphEmulator> {
        let port = opts.port;
        let state = Arc::new(Mutex::new(State {
            token: opts.token.clone(),
            opts,
            origin: String::new(),
            token_expired: false,
            photos: Vec::new(),
            posts: Vec::new(),
            next_id: 0,
            rng: SplitMix64::new(0x0067_7261_7068),
            recent_calls: Vec::new(),
            login: login::LoginState::default(),
            videos: Vec::new(),
            sessions: Vec::new(),
        }));
        let server = Server::start(
            Arc::new(GraphPlatform {
                state: Arc::clone(&state),
            }),
            port,
        )?;
        let other_host = OtherHost::start()?;
        server.set_redirect_target(other_host.origin());
        lock(&state).origin = server.origin();
        Ok(GraphEmulator {
            server,
            other_host,
            state,
        })
    }

    /// `http://127.0.0.1:PORT/v21.0`: the `graph.facebook.com` equivalent, what `--base-url`
    /// takes.
    pub fn base_url(&self) -> String {
        format!(
            "{}/{}",
            self.server.origin(),
            lock(&self.state).opts.version
        )
    }

    /// The `graph-video.facebook.com` equivalent (the same server here).
    pub fn video_base_url(&self) -> String {
        self.base_url()
    }

    /// The `www.facebook.com` equivalent: `{www}/{version}/dialog/oauth` is the Login dialog.
    pub fn www_url(&self) -> String {
        self.server.origin()
    }

    /// Where a desktop app's embedded browser is sent after the dialog (Facebook's
    /// `https://www.facebook.com/connect/login_success.html`); always a valid redirect URI.
    pub fn login_success_url(&self) -> String {
        format!("{}/connect/login_success.html", self.server.origin())
    }

    /// The Login dialog URL for these parameters (`state` is required by the dialog).
    pub fn dialog_url(&self, redirect_uri: &str, state: &str) -> String {
        let s = lock(&self.state);
        format!(
            "{}/{}/dialog/oauth?client_id={}&redirect_uri={}&state={}&scope=pages_show_list,pages_read_engagement,pages_manage_posts,read_insights",
            self.server.origin(),
            s.opts.version,
            crate::form::percent_encode(&s.opts.app_id),
            crate::form::percent_encode(redirect_uri),
            crate::form::percent_encode(state),
        )
    }

    pub fn page_id(&self) -> String {
        lock(&self.state).opts.page_id.clone()
    }

    pub fn token(&self) -> String {
        lock(&self.state).token.clone()
    }

    pub fn app_id(&self) -> String {
        lock(&self.state).opts.app_id.clone()
    }

    pub fn app_secret(&self) -> String {
        lock(&self.state).opts.app_secret.clone()
    }

    /// Every post, oldest first (scheduled ones that are due count as published).
    pub fn posts(&self) -> Vec<EmulatedPost> {
        let mut s = lock(&self.state);
        pages::promote_due(&mut s);
        s.posts.clone()
    }

    /// Every uploaded photo, oldest first.
    pub fn photos(&self) -> Vec<EmulatedPhoto> {
        lock(&self.state).photos.clone()
    }

    /// Every video finished (or uploaded in one request), oldest first.
    pub fn videos(&self) -> Vec<EmulatedVideo> {
        lock(&self.state).videos.clone()
    }

    /// Every video upload session, finished or not, with its byte counts.
    pub fn upload_sessions(&self) -> Vec<UploadSession> {
        lock(&self.state).sessions.clone()
    }

    /// Every unfinished upload session times out now (the next call gets 1363030).
    pub fn expire_upload_sessions(&self) {
        for sess in lock(&self.state).sessions.iter_mut() {
            sess.expired = true;
        }
    }

    /// From now on the token gets 190/463 until [`GraphEmulator::renew_token`].
    pub fn expire_token(&self) {
        lock(&self.state).token_expired = true;
    }

    /// A fresh token (the officer reconnected).
    pub fn renew_token(&self, token: &str) {
        let mut s = lock(&self.state);
        s.token = token.to_string();
        s.token_expired = false;
    }

    /// The underlying server: faults, bandwidth, statistics.
    pub fn server(&self) -> &Server {
        &self.server
    }
}

crate::server_api!(GraphEmulator);

fn token_of(req: &Request, fields: &Fields) -> Option<String> {
    if let Some(t) = fields.get("access_token") {
        return Some(t);
    }
    req.header("authorization")
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("OAuth "))
        })
        .map(|t| t.trim().to_string())
}

/// Path segments after the optional `vNN.N` version.
fn segments(path: &str) -> Vec<&str> {
    let mut segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segs
        .first()
        .is_some_and(|s| s.starts_with('v') && s[1..].contains('.'))
    {
        segs.remove(0);
    }
    segs
}

impl Platform for GraphPlatform {
    fn route(&self, req: &Request) -> String {
        let segs = segments(&req.path);
        let named = matches!(
            segs.first().copied(),
            Some("dialog" | "oauth" | "me" | "debug_token" | "connect")
        );
        let shape: Vec<&str> = segs
            .iter()
            .enumerate()
            .map(|(i, s)| if i == 0 && !named { "{id}" } else { s })
            .collect();
        format!("{} /{}", req.method, shape.join("/"))
    }

    fn handle(&self, req: &Request) -> Response {
        let mut s = lock(&self.state);
        s.recent_calls.push(now());
        let fields = match Fields::from_request(req) {
            Ok(f) => f,
            Err(e) => return s.invalid(&format!("Invalid multipart body: {e}")),
        };
        let segs = segments(&req.path);
        // The www host's pages and the token endpoint take no access token.
        match (req.method.as_str(), segs.as_slice()) {
            ("GET", ["dialog", "oauth"]) => return login::dialog(&mut s, &fields),
            (_, ["dialog", "oauth", "confirm"]) => return login::confirm(&mut s, &fields),
            (_, ["dialog", "oauth", "cancel"]) => return login::cancel(&mut s, &fields),
            ("GET", ["connect", "login_success.html"]) => return login::login_success(),
            (_, ["oauth", "access_token"]) => return login::access_token(&mut s, &fields),
            _ => {}
        }
        if s.opts.enforce_rate_limit {
            let cutoff = now() - chrono::Duration::seconds(60);
            s.recent_calls.retain(|t| *t > cutoff);
            if s.recent_calls.len() as u64 > s.opts.calls_per_minute_limit {
                return throttled(&mut s, 32);
            }
        }
        let caller = match token_of(req, &fields) {
            None => return s.no_active_token(),
            Some(t) => match s.caller(&t) {
                None => {
                    return s.error(
                        400,
                        190,
                        None,
                        "OAuthException",
                        "Invalid OAuth access token - Cannot parse access token",
                    );
                }
                Some(Caller::Page) if s.token_expired => return expired(&mut s),
                Some(c) => c,
            },
        };
        let page = s.opts.page_id.clone();
        match (req.method.as_str(), segs.as_slice()) {
            ("GET", ["debug_token"]) => login::debug_token(&mut s, &fields),
            ("GET", ["me"]) => login::me(&mut s, &caller),
            ("GET", [who, "accounts"]) if *who == "me" || *who == s.opts.user_id => {
                login::accounts(&mut s, req, &fields, &caller)
            }
            ("GET", [id, "insights", rest @ ..]) => {
                insights::read(&mut s, req, &fields, &caller, id, rest.first().copied())
            }
            ("GET", [id]) if *id == page => {
                let name = s.opts.page_name.clone();
                Response::json(200, &json!({ "id": page, "name": name }))
            }
            ("GET", [id]) if id.starts_with(&format!("{page}_")) => pages::read_post(&mut s, id),
            ("GET", [id]) if s.videos.iter().any(|v| v.id == *id) => video::read_video(&mut s, id),
            ("DELETE", [id]) if id.starts_with(&format!("{page}_")) => {
                if caller != Caller::Page {
                    return s.not_page_token();
                }
                pages::delete_post(&mut s, id)
            }
            ("GET", [id, edge])
                if *id == page && matches!(*edge, "feed" | "posts" | "published_posts") =>
            {
                pages::list_feed(&mut s, req, &fields, false)
            }
            ("GET", [id, "scheduled_posts"]) if *id == page => {
                pages::list_feed(&mut s, req, &fields, true)
            }
            ("GET", [id, "videos"]) if *id == page => video::list_videos(&mut s, req, &fields),
            ("POST", [id, edge]) if *id == page && caller != Caller::Page => {
                let _ = edge;
                s.not_page_token()
            }
            ("POST", [id, "feed"]) if *id == page => pages::create_feed_post(&mut s, &fields),
            ("POST", [id, "photos"]) if *id == page => pages::create_photo(&mut s, &fields),
            ("POST", [id, "videos"]) if *id == page => video::upload(&mut s, &fields),
            (_, [id, ..]) if *id != page => unknown_object(&mut s, id),
            (m, _) => {
                let msg = format!("Unsupported {} request.", m.to_ascii_lowercase());
                s.invalid(&msg)
            }
        }
    }

    fn fault_answer(&self, fault: Fault, _req: &Request) -> Response {
        let mut s = lock(&self.state);
        match fault {
            Fault::Throttle { code } => throttled(&mut s, if code == 0 { 32 } else { code }),
            Fault::ExpiredToken => expired(&mut s),
            _ => s.error(
                500,
                2,
                None,
                "OAuthException",
                "An unexpected error has occurred. Please retry your request later.",
            ),
        }
    }

    fn decorate(&self, resp: &mut Response) {
        let mut s = lock(&self.state);
        let throttled = resp
            .headers
            .iter()
            .any(|(n, _)| n == "X-Loa-Emulator-Throttled");
        resp.headers
            .retain(|(n, _)| n != "X-Loa-Emulator-Throttled");
        let cutoff = now() - chrono::Duration::seconds(60);
        s.recent_calls.retain(|t| *t > cutoff);
        let pct = if throttled {
            100
        } else {
            (s.recent_calls.len() as u64 * 100 / s.opts.calls_per_minute_limit.max(1)).min(99)
        };
        let regain = if throttled {
            s.opts.throttle_minutes
        } else {
            0
        };
        let page = s.opts.page_id.clone();
        resp.headers.push((
            "X-App-Usage".into(),
            json!({"call_count": pct, "total_cputime": pct / 2, "total_time": pct / 2}).to_string(),
        ));
        resp.headers.push((
            "X-Business-Use-Case-Usage".into(),
            json!({ page: [{
                "type": "pages",
                "call_count": pct,
                "total_cputime": pct / 2,
                "total_time": pct / 2,
                "estimated_time_to_regain_access": regain,
            }]})
            .to_string(),
        ));
    }
}

/// The documented throttling answers (`graph-api/overview/rate-limiting`, error-handling
/// guide): app-level #4, user-level #17, Page-level #32 and #80001, API-specific #613, and
/// #368 for abuse. The usage headers then read 100 % (see `decorate`).
fn throttled(s: &mut State, code: i64) -> Response {
    let msg = match code {
        4 => "(#4) Application request limit reached",
        17 => "(#17) User request limit reached",
        32 => "(#32) Page request limit reached",
        613 => "(#613) Calls to this api have exceeded the rate limit.",
        80001 => {
            "(#80001) There have been too many calls to this Page account. Wait a bit and try again."
        }
        368 => "(#368) The action attempted has been deemed abusive or is otherwise disallowed",
        _ => "Too many calls",
    };
    let status = if code == 368 { 403 } else { 400 };
    let mut r = s.error(status, code, None, "OAuthException", msg);
    r.headers
        .push(("X-Loa-Emulator-Throttled".into(), "1".into()));
    r
}

fn expired(s: &mut State) -> Response {
    let t = now();
    let msg = format!(
        "Error validating access token: Session has expired on {}. The current time is {}.",
        (t - chrono::Duration::hours(1)).format("%A, %d-%b-%y %H:%M:%S UTC"),
        t.format("%A, %d-%b-%y %H:%M:%S UTC")
    );
    s.error(400, 190, Some(463), "OAuthException", &msg)
}

fn unknown_object(s: &mut State, id: &str) -> Response {
    let msg = format!(
        "(#100) Unsupported request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation."
    );
    s.error(400, 100, Some(33), "GraphMethodException", &msg)
}

/// `since`/`until` accept unix seconds or an RFC 3339 date.
fn parse_time(v: &str) -> Option<i64> {
    v.parse::<i64>().ok().or_else(|| {
        DateTime::parse_from_rfc3339(v)
            .ok()
            .map(|d| d.timestamp())
            .or_else(|| {
                chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .ok()
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map(|d| d.and_utc().timestamp())
            })
    })
}

fn created_time(t: &DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S+0000").to_string()
}

fn is_true(v: Option<String>, default: bool) -> bool {
    match v.as_deref().map(str::to_ascii_lowercase).as_deref() {
        Some("true") | Some("1") => true,
        Some("false") | Some("0") => false,
        _ => default,
    }
}

/// A list answer with cursor paging as Graph does it: `data`, and `paging` with opaque
/// `before`/`after` cursors (here base64 of an offset) and a `next` URL carrying the same query
/// with the new `after`. `limit` defaults to 25, at most 100.
fn paged(req: &Request, f: &Fields, rows: Vec<serde_json::Value>) -> Response {
    use crate::form::percent_encode;
    let limit = f
        .get("limit")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(25)
        .clamp(1, 100);
    let offset = f
        .get("after")
        .and_then(|c| crate::common::base64_decode(&c))
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(0);
    let total = rows.len();
    let page: Vec<serde_json::Value> = rows.into_iter().skip(offset).take(limit).collect();
    if page.is_empty() {
        return Response::json(200, &json!({ "data": page }));
    }
    let before = crate::common::base64_encode(offset.to_string().as_bytes());
    let next_off = offset + limit;
    let after = crate::common::base64_encode(next_off.to_string().as_bytes());
    let mut paging = json!({ "cursors": { "before": before, "after": after } });
    if next_off < total {
        let mut q: Vec<String> = req
            .query_params()
            .into_iter()
            .filter(|(k, _)| k != "after")
            .map(|(k, v)| format!("{}={}", percent_encode(&k), percent_encode(&v)))
            .collect();
        q.push(format!("after={}", percent_encode(&after)));
        paging["next"] = json!(format!("{}?{}", req.path, q.join("&")));
    }
    Response::json(200, &json!({ "data": page, "paging": paging }))
}
