//! The Facebook Graph API, as far as a Page publisher uses it.
//!
//! Documented behaviour followed (developers.facebook.com/docs/…):
//! - `pages/publishing`, `graph-api/reference/page/feed`: `POST /{page-id}/feed` with `message`,
//!   `attached_media[i]={"media_fbid":…}`, `published=false` + `scheduled_publish_time` (10 min –
//!   30 days ahead) → `{"id":"{page-id}_{post-id}"}`; `GET /{page-id}/feed` lists published posts
//!   newest first with `since`/`until`/`limit` and cursor paging.
//! - `graph-api/reference/page/photos`: `POST /{page-id}/photos` multipart `source`, `message`,
//!   `published`, `temporary` → `{"id"}` (+ `"post_id"` when a post was made).
//! - `graph-api/reference/page/scheduled_posts`: `GET /{page-id}/scheduled_posts`.
//! - `graph-api/guides/error-handling`: `{"error":{"message","type","code","error_subcode","fbtrace_id"}}`,
//!   190/463 expired token, 4/17/32/613/80001/368 throttling, 1/2 transient, 100 invalid parameter.
//! - `graph-api/overview/rate-limiting`: `X-App-Usage`, `X-Business-Use-Case-Usage` headers (sent on
//!   every answer here).

use std::sync::{Arc, Mutex};

use chrono::{DateTime, TimeZone, Utc};
use serde::Serialize;
use serde_json::{Value, json};

use crate::common::{now, sha256};
use crate::faults::{Fault, SplitMix64};
use crate::form::{Fields, percent_encode};
use crate::http::{Request, Response};
use crate::server::{Platform, Server, lock};

/// How the Graph emulator starts.
#[derive(Debug, Clone)]
pub struct GraphOptions {
    pub page_id: String,
    pub page_name: String,
    /// The page access token the client must send.
    pub token: String,
    /// Version segment of the base URL.
    pub version: String,
    /// `0` = any free port.
    pub port: u16,
    /// `estimated_time_to_regain_access` (minutes) in a throttled answer.
    pub throttle_minutes: u64,
    /// Larger `source` uploads are refused with code 100 / subcode 1366046.
    pub max_photo_bytes: usize,
    /// Calls in a rolling minute that the usage headers report as 100 % (never reached on its
    /// own: the emulator throttles only when a fault says so).
    pub calls_per_minute_limit: u64,
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
    pub published: bool,
    /// Unix seconds, for a scheduled post.
    pub scheduled_publish_time: Option<i64>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug)]
struct State {
    opts: GraphOptions,
    token: String,
    token_expired: bool,
    photos: Vec<EmulatedPhoto>,
    posts: Vec<EmulatedPost>,
    next_id: u64,
    rng: SplitMix64,
    /// Times of recent calls, for the usage headers.
    recent_calls: Vec<DateTime<Utc>>,
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

    fn error(
        &mut self,
        status: u16,
        code: i64,
        subcode: Option<i64>,
        kind: &str,
        message: &str,
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
        Response::json(status, &json!({ "error": e }))
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

    /// Scheduled posts whose time has come are published.
    fn promote_due(&mut self) {
        let t = now().timestamp();
        for p in &mut self.posts {
            if let Some(at) = p.scheduled_publish_time
                && !p.published
                && at <= t
            {
                p.published = true;
                p.created_at = Utc.timestamp_opt(at, 0).single().unwrap_or_else(now);
            }
        }
    }
}

/// The Graph API emulator. See the module docs for what it follows.
#[derive(Debug)]
pub struct GraphEmulator {
    server: Server,
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
            token_expired: false,
            photos: Vec::new(),
            posts: Vec::new(),
            next_id: 0,
            rng: SplitMix64::new(0x0067_7261_7068),
            recent_calls: Vec::new(),
        }));
        let server = Server::start(
            Arc::new(GraphPlatform {
                state: Arc::clone(&state),
            }),
            port,
        )?;
        Ok(GraphEmulator { server, state })
    }

    /// `http://127.0.0.1:PORT/v21.0`: what `--base-url` takes.
    pub fn base_url(&self) -> String {
        format!(
            "{}/{}",
            self.server.origin(),
            lock(&self.state).opts.version
        )
    }

    pub fn page_id(&self) -> String {
        lock(&self.state).opts.page_id.clone()
    }

    pub fn token(&self) -> String {
        lock(&self.state).token.clone()
    }

    /// Every post, oldest first (scheduled ones that are due count as published).
    pub fn posts(&self) -> Vec<EmulatedPost> {
        let mut s = lock(&self.state);
        s.promote_due();
        s.posts.clone()
    }

    /// Every uploaded photo, oldest first.
    pub fn photos(&self) -> Vec<EmulatedPhoto> {
        lock(&self.state).photos.clone()
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

fn created_time(t: &DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S+0000").to_string()
}

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

fn is_true(v: Option<String>, default: bool) -> bool {
    match v.as_deref().map(str::to_ascii_lowercase).as_deref() {
        Some("true") | Some("1") => true,
        Some("false") | Some("0") => false,
        _ => default,
    }
}

impl Platform for GraphPlatform {
    fn route(&self, req: &Request) -> String {
        let segs = segments(&req.path);
        let shape: Vec<&str> = segs
            .iter()
            .enumerate()
            .map(|(i, s)| if i == 0 { "{id}" } else { s })
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
        match token_of(req, &fields) {
            None => {
                return s.error(
                    400,
                    2500,
                    None,
                    "OAuthException",
                    "An active access token must be used to query information about the current user.",
                );
            }
            Some(t) if t != s.token => {
                return s.error(
                    400,
                    190,
                    None,
                    "OAuthException",
                    "Invalid OAuth access token - Cannot parse access token",
                );
            }
            Some(_) if s.token_expired => return expired(&mut s),
            Some(_) => {}
        }
        let segs = segments(&req.path);
        let page = s.opts.page_id.clone();
        match (req.method.as_str(), segs.as_slice()) {
            ("GET", [id]) if *id == page => {
                let name = s.opts.page_name.clone();
                Response::json(200, &json!({ "id": page, "name": name }))
            }
            ("GET", [id]) if id.starts_with(&format!("{page}_")) => {
                s.promote_due();
                match s.posts.iter().find(|p| p.id == *id) {
                    Some(p) => Response::json(200, &post_json(p)),
                    None => unknown_object(&mut s, id),
                }
            }
            ("DELETE", [id]) if id.starts_with(&format!("{page}_")) => {
                let before = s.posts.len();
                s.posts.retain(|p| p.id != *id);
                if s.posts.len() < before {
                    Response::json(200, &json!({ "success": true }))
                } else {
                    unknown_object(&mut s, id)
                }
            }
            ("GET", [id, edge])
                if *id == page && matches!(*edge, "feed" | "posts" | "published_posts") =>
            {
                list_feed(&mut s, req, &fields, false)
            }
            ("GET", [id, "scheduled_posts"]) if *id == page => {
                list_feed(&mut s, req, &fields, true)
            }
            ("POST", [id, "feed"]) if *id == page => create_feed_post(&mut s, &fields),
            ("POST", [id, "photos"]) if *id == page => create_photo(&mut s, &fields),
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
            Fault::Throttle { code } => {
                let code = if code == 0 { 32 } else { code };
                let msg = match code {
                    4 => "(#4) Application request limit reached",
                    17 => "(#17) User request limit reached",
                    32 => "(#32) Page request limit reached",
                    613 => "(#613) Calls to this api have exceeded the rate limit.",
                    80001 => {
                        "(#80001) There have been too many calls to this Page account. Wait a bit and try again."
                    }
                    368 => {
                        "(#368) The action attempted has been deemed abusive or is otherwise disallowed"
                    }
                    _ => "Too many calls",
                };
                let status = if code == 368 { 403 } else { 400 };
                let mut r = s.error(status, code, None, "OAuthException", msg);
                r.headers
                    .push(("X-Loa-Emulator-Throttled".into(), "1".into()));
                r
            }
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

fn post_json(p: &EmulatedPost) -> Value {
    let mut v = json!({
        "id": p.id,
        "message": p.message,
        "created_time": created_time(&p.created_at),
        "is_published": p.published,
    });
    if let Some(t) = p.scheduled_publish_time {
        v["scheduled_publish_time"] = json!(t);
    }
    v
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

fn list_feed(s: &mut State, req: &Request, f: &Fields, scheduled: bool) -> Response {
    s.promote_due();
    let since = f.get("since").and_then(|v| parse_time(&v));
    let until = f.get("until").and_then(|v| parse_time(&v));
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
    let mut items: Vec<&EmulatedPost> = s
        .posts
        .iter()
        .filter(|p| {
            if scheduled {
                !p.published && p.scheduled_publish_time.is_some()
            } else {
                p.published
            }
        })
        .filter(|p| since.is_none_or(|t| p.created_at.timestamp() >= t))
        .filter(|p| until.is_none_or(|t| p.created_at.timestamp() <= t))
        .collect();
    // Newest first, as the feed is.
    items.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    let total = items.len();
    let page: Vec<Value> = items
        .iter()
        .skip(offset)
        .take(limit)
        .map(|p| {
            let mut v = json!({ "id": p.id, "message": p.message, "created_time": created_time(&p.created_at) });
            if scheduled {
                v["scheduled_publish_time"] = json!(p.scheduled_publish_time);
            }
            v
        })
        .collect();
    let mut body = json!({ "data": page });
    if !body["data"].as_array().is_some_and(|a| a.is_empty()) {
        let before = crate::common::base64_encode(offset.to_string().as_bytes());
        let next_off = offset + limit;
        let after = crate::common::base64_encode(next_off.to_string().as_bytes());
        body["paging"] = json!({ "cursors": { "before": before, "after": after } });
        if next_off < total {
            let mut q: Vec<String> = req
                .query_params()
                .into_iter()
                .filter(|(k, _)| k != "after")
                .map(|(k, v)| format!("{}={}", percent_encode(&k), percent_encode(&v)))
                .collect();
            q.push(format!("after={}", percent_encode(&after)));
            body["paging"]["next"] = json!(format!("{}?{}", req.path, q.join("&")));
        }
    }
    Response::json(200, &body)
}

/// Validates `scheduled_publish_time` against the documented 10 min – 30 days window.
fn schedule(s: &mut State, f: &Fields, published: bool) -> Result<Option<i64>, Response> {
    let Some(raw) = f.get("scheduled_publish_time") else {
        return Ok(None);
    };
    let Some(at) = parse_time(&raw) else {
        return Err(s.invalid("Invalid parameter scheduled_publish_time"));
    };
    if published {
        return Err(s.invalid("Cannot specify a scheduled publish time on a published post"));
    }
    let delta = at - now().timestamp();
    let window = loa_platforms::ScheduleWindow::FACEBOOK_DOCUMENTED;
    if !(window.min_secs..=window.max_secs).contains(&delta) {
        return Err(s.invalid(
            "The specified scheduled publish time is invalid. It must be between 10 minutes and 30 days from the time of the API request.",
        ));
    }
    Ok(Some(at))
}

/// A message over Facebook's text limit is refused like the platform does.
fn message_too_long(s: &mut State, message: &str) -> Option<Response> {
    let max = loa_platforms::FACEBOOK.max_text_chars?;
    (message.chars().count() > max as usize)
        .then(|| s.invalid(&format!("Message is too long (over {max} characters)")))
}

fn create_feed_post(s: &mut State, f: &Fields) -> Response {
    let message = f.get("message").unwrap_or_default();
    if let Some(r) = message_too_long(s, &message) {
        return r;
    }
    let published = is_true(f.get("published"), true);
    let at = match schedule(s, f, published) {
        Ok(v) => v,
        Err(r) => return r,
    };
    // attached_media[N]={"media_fbid":"…"}, in index order; also a JSON array in one field.
    let mut indexed: Vec<(usize, String)> = Vec::new();
    for (k, v) in &f.text {
        if let Some(i) = k
            .strip_prefix("attached_media[")
            .and_then(|r| r.strip_suffix(']'))
            .and_then(|n| n.parse::<usize>().ok())
        {
            indexed.push((i, v.clone()));
        } else if k == "attached_media"
            && let Ok(Value::Array(a)) = serde_json::from_str::<Value>(v)
        {
            indexed.extend(a.iter().enumerate().map(|(i, x)| (i, x.to_string())));
        }
    }
    if let Some(Value::Array(a)) = f.json.as_ref().and_then(|j| j.get("attached_media")) {
        indexed.extend(a.iter().enumerate().map(|(i, x)| (i, x.to_string())));
    }
    indexed.sort_by_key(|(i, _)| *i);
    let mut ids = Vec::new();
    for (i, raw) in &indexed {
        let id = serde_json::from_str::<Value>(raw).ok().and_then(|v| {
            v.get("media_fbid").and_then(|m| {
                m.as_str()
                    .map(str::to_string)
                    .or_else(|| m.as_u64().map(|n| n.to_string()))
            })
        });
        let Some(id) = id else {
            return s.invalid(&format!(
                "param attached_media[{i}] must be a JSON object with media_fbid"
            ));
        };
        match s.photos.iter().find(|p| p.id == id) {
            None => return s.invalid(&format!("Invalid media_fbid {id} in attached_media[{i}]")),
            Some(p) if p.post_id.is_some() => {
                return s.invalid(&format!(
                    "Media {id} in attached_media[{i}] is already attached to a post"
                ));
            }
            Some(_) if ids.contains(&id) => {
                return s.invalid(&format!("Media {id} is attached twice"));
            }
            Some(_) => ids.push(id),
        }
    }
    if message.trim().is_empty() && ids.is_empty() {
        return s.invalid("Missing message or attachment");
    }
    let page = s.opts.page_id.clone();
    let post_id = format!("{page}_{}", s.new_id());
    let mut hashes = Vec::new();
    for id in &ids {
        if let Some(p) = s.photos.iter_mut().find(|p| p.id == *id) {
            p.post_id = Some(post_id.clone());
            hashes.push(p.sha256);
        }
    }
    s.posts.push(EmulatedPost {
        id: post_id.clone(),
        message,
        photos: hashes,
        photo_ids: ids,
        published: published && at.is_none(),
        scheduled_publish_time: at,
        created_at: now(),
    });
    Response::json(200, &json!({ "id": post_id }))
}

fn create_photo(s: &mut State, f: &Fields) -> Response {
    let Some(source) = f.file("source").or_else(|| f.files.first()) else {
        let r = s.error(
            400,
            324,
            None,
            "OAuthException",
            "(#324) Requires upload file",
        );
        return r;
    };
    if source.data.is_empty() {
        return s.error(
            400,
            324,
            None,
            "OAuthException",
            "(#324) Missing or invalid image file",
        );
    }
    if source.data.len() > s.opts.max_photo_bytes {
        return s.error(
            400,
            100,
            Some(1_366_046),
            "OAuthException",
            "(#100) The photo is too large",
        );
    }
    let published = is_true(f.get("published"), true);
    let at = match schedule(s, f, published) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let message = f
        .get("message")
        .or_else(|| f.get("caption"))
        .unwrap_or_default();
    if let Some(r) = message_too_long(s, &message) {
        return r;
    }
    let photo_id = s.new_id();
    let digest = sha256(&source.data);
    let makes_post = published || at.is_some();
    let post_id = if makes_post {
        let n = s.new_id();
        Some(format!("{}_{n}", s.opts.page_id))
    } else {
        None
    };
    s.photos.push(EmulatedPhoto {
        id: photo_id.clone(),
        sha256: digest,
        size: source.data.len(),
        published,
        temporary: is_true(f.get("temporary"), false),
        post_id: post_id.clone(),
        created_at: now(),
    });
    match post_id {
        Some(pid) => {
            s.posts.push(EmulatedPost {
                id: pid.clone(),
                message,
                photos: vec![digest],
                photo_ids: vec![photo_id.clone()],
                published: at.is_none(),
                scheduled_publish_time: at,
                created_at: now(),
            });
            Response::json(200, &json!({ "id": photo_id, "post_id": pid }))
        }
        None => Response::json(200, &json!({ "id": photo_id })),
    }
}
