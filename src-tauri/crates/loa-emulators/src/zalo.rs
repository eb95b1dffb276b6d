//! The Zalo Official Account API (articles) and its OAuth v4 token refresh, on one server.
//!
//! Documented behaviour followed (developers.zalo.me/docs/official-account/…, as quoted by the
//! official Java SDK and SDKs that transcribe the docs — see `publish-contract.md`):
//! - every answer is HTTP 200 with `{"error":0,…}` on success and a non-zero `error` otherwise;
//!   the access token travels in an `access_token` header;
//! - `GET /v2.0/oa/getoa`; `POST /v2.0/oa/upload/image` (multipart `file`, jpg/png ≤ 1 MB →
//!   `data.attachment_id`);
//! - `POST /v2.0/article/create` (title ≤ 150, author ≤ 50, description ≤ 300 characters, cover
//!   and body required) → `data.token`; `POST /v2.0/article/verify` → `data.id`, or -214 while
//!   the article is still being processed; `GET /v2.0/article/getslice` (`data.medias`, `data.total`),
//!   `GET /v2.0/article/getdetail`, `POST /v2.0/article/remove`;
//! - `POST /v4/oa/access_token` (header `secret_key`; form `refresh_token`, `app_id`,
//!   `grant_type=refresh_token`): a refresh token works once; the answer carries a new pair.
//!
//! Emulator choices where the documentation is silent (marked `[inferred]` in the contract):
//! unknown access token -216, expired -220; field-limit violations -201 with a message naming the
//! field; OAuth errors -14014 (used/unknown refresh token), -14002 (wrong app id), -14012 (wrong
//! secret key), -14003 (bad grant type); the upload answer also carries a loopback `url` serving
//! the bytes (real Zalo gives only `attachment_id`); the article exists from `create` on (so a
//! create whose answer was lost has still produced an article, which `getslice` shows).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Value, json};

use crate::common::{chars, now, sha256};
use crate::faults::Fault;
use crate::form::Fields;
use crate::http::{Request, Response};
use crate::server::{Platform, Server, lock};

/// Documented limits.
pub const TITLE_MAX: usize = limit(loa_platforms::ZALO.max_title_chars);
pub const AUTHOR_MAX: usize = limit(loa_platforms::ZALO.max_author_chars);
pub const DESCRIPTION_MAX: usize = limit(loa_platforms::ZALO.max_description_chars);
pub const IMAGE_MAX_BYTES: usize = match loa_platforms::ZALO.max_photo_bytes {
    Some(b) => b as usize,
    None => usize::MAX,
};

const fn limit(max: Option<u32>) -> usize {
    match max {
        Some(m) => m as usize,
        None => usize::MAX,
    }
}

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
}

impl State {
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
        }));
        let server = Server::start(
            Arc::new(ZaloPlatform {
                state: Arc::clone(&state),
            }),
            port,
        )?;
        lock(&state).origin = server.origin();
        Ok(ZaloEmulator { server, state })
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
            return serve_image(&s, file);
        }
        if path == "/v4/oa/access_token" && req.method == "POST" {
            return refresh(&mut s, req);
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
                let cover = format!("{}/media/{OA_COVER_FILE}", s.origin);
                ok(json!({
                    "oa_id": id, "name": name, "description": "Trang thông tin của xã",
                    "is_verified": true, "num_follower": 1234,
                    "avatar": cover, "cover": cover,
                }))
            }
            ("POST", "/v2.0/oa/upload/image") => upload_image(&mut s, req),
            ("POST", "/v2.0/article/create") => create_article(&mut s, req),
            ("POST", "/v2.0/article/verify") => verify(&mut s, req),
            ("GET", "/v2.0/article/getslice") => getslice(&s, req),
            ("GET", "/v2.0/article/getdetail") => getdetail(&s, req),
            ("POST", "/v2.0/article/remove") => {
                let id = json_body(req)
                    .and_then(|v| v.get("id").and_then(Value::as_str).map(str::to_string));
                let before = s.articles.len();
                if let Some(id) = id {
                    s.articles.retain(|a| a.id != id);
                }
                if s.articles.len() < before {
                    ok(json!({}))
                } else {
                    err(-201, "Article id is invalid")
                }
            }
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

/// The OA's own cover image (getoa's `cover` and `avatar`): a constant placeholder.
const OA_COVER_FILE: &str = "oa-cover.jpg";
const OA_COVER: &[u8] = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00 Loa sandbox OA cover \xFF\xD9";

fn serve_image(s: &State, file: &str) -> Response {
    if file == OA_COVER_FILE {
        let mut r = Response::new(200);
        r.headers.push(("Content-Type".into(), "image/jpeg".into()));
        r.body = OA_COVER.to_vec();
        return r;
    }
    let id = file.split('.').next().unwrap_or("");
    match s.images.iter().find(|i| i.attachment_id == id) {
        Some(img) => {
            let mut r = Response::new(200);
            r.headers.push((
                "Content-Type".into(),
                sniff(&img.bytes)
                    .unwrap_or("application/octet-stream")
                    .into(),
            ));
            r.body = img.bytes.clone();
            r
        }
        None => Response::new(404),
    }
}

/// The image type from its first bytes.
pub(crate) fn sniff(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if b.starts_with(b"GIF8") {
        Some("image/gif")
    } else if b.len() > 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

fn upload_image(s: &mut State, req: &Request) -> Response {
    let fields = match Fields::from_request(req) {
        Ok(f) => f,
        Err(e) => return err(-201, &format!("Invalid multipart body: {e}")),
    };
    let Some(file) = fields.file("file") else {
        return err(-201, "Parameter file is required");
    };
    match sniff(&file.data) {
        Some("image/jpeg") | Some("image/png") => {}
        _ => return err(-201, "File type is not supported: only jpg and png"),
    }
    if file.data.len() > IMAGE_MAX_BYTES {
        return err(-210, "Image size exceeds the 1MB limit");
    }
    let id = s.new_id("");
    let ext = if sniff(&file.data) == Some("image/png") {
        "png"
    } else {
        "jpg"
    };
    let url = format!("{}/media/{id}.{ext}", s.origin);
    s.images.push(ZaloImage {
        attachment_id: id.clone(),
        sha256: sha256(&file.data),
        size: file.data.len(),
        url: url.clone(),
        bytes: file.data.clone(),
    });
    ok(json!({ "attachment_id": id, "url": url }))
}

fn str_field<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn create_article(s: &mut State, req: &Request) -> Response {
    let Some(v) = json_body(req) else {
        return err(-201, "Body must be JSON");
    };
    let kind = str_field(&v, "type");
    if kind != "normal" {
        return err(
            -201,
            "type must be normal (video articles are not emulated)",
        );
    }
    let title = str_field(&v, "title").to_string();
    let author = str_field(&v, "author").to_string();
    let description = str_field(&v, "description").to_string();
    for (name, value, max) in [
        ("title", &title, TITLE_MAX),
        ("author", &author, AUTHOR_MAX),
        ("description", &description, DESCRIPTION_MAX),
    ] {
        if value.trim().is_empty() {
            return err(-201, &format!("Parameter {name} is required"));
        }
        if chars(value) > max {
            return err(-201, &format!("Parameter {name} exceeds {max} characters"));
        }
    }
    let cover = v.get("cover").cloned().unwrap_or(Value::Null);
    let cover_url = str_field(&cover, "photo_url").to_string();
    if str_field(&cover, "cover_type") != "photo" || cover_url.is_empty() {
        return err(
            -201,
            "Parameter cover is required: cover_type photo with photo_url",
        );
    }
    let Some(items) = v
        .get("body")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty())
    else {
        return err(-201, "Parameter body is required");
    };
    let mut body = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let kind = str_field(it, "type").to_string();
        match kind.as_str() {
            "text" if !str_field(it, "content").is_empty() => {}
            "image" | "video" if !str_field(it, "url").is_empty() => {}
            "product" => {}
            _ => return err(-201, &format!("body[{i}] is invalid")),
        }
        body.push(BodyItem {
            kind,
            content: str_field(it, "content").to_string(),
            url: str_field(it, "url").to_string(),
        });
    }
    let status = match str_field(&v, "status") {
        "" => "hide",
        "show" => "show",
        "hide" => "hide",
        _ => return err(-201, "status must be show or hide"),
    }
    .to_string();
    let comment = match str_field(&v, "comment") {
        "hide" => "hide",
        _ => "show",
    }
    .to_string();
    let id = s.new_id("");
    let token = format!("tk-{}", s.new_id(""));
    s.articles.push(EmulatedArticle {
        id,
        token: token.clone(),
        title,
        author,
        description,
        cover_url,
        body,
        status,
        comment,
        verified: false,
        created_at: now(),
    });
    ok(json!({ "token": token }))
}

fn verify(s: &mut State, req: &Request) -> Response {
    let token = json_body(req)
        .and_then(|v| v.get("token").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_default();
    let Some(idx) = s.articles.iter().position(|a| a.token == token) else {
        return err(-201, "Token is invalid");
    };
    let n = s.verify_calls.entry(token).or_insert(0);
    *n += 1;
    if *n <= s.opts.verify_processing_calls {
        return err(-214, "Article is being processed, please try again later");
    }
    s.articles[idx].verified = true;
    let id = s.articles[idx].id.clone();
    ok(json!({ "id": id }))
}

fn getslice(s: &State, req: &Request) -> Response {
    let offset = req
        .query_param("offset")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0);
    let limit = req
        .query_param("limit")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(10)
        .clamp(1, 10);
    let kind = req.query_param("type").unwrap_or_else(|| "normal".into());
    if kind != "normal" && kind != "video" {
        return err(-201, "type must be normal or video");
    }
    let mut list: Vec<&EmulatedArticle> = if kind == "normal" {
        s.articles.iter().collect()
    } else {
        Vec::new()
    };
    list.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    let medias: Vec<Value> = list
        .iter()
        .skip(offset)
        .take(limit)
        .map(|a| {
            json!({
                "id": a.id, "type": "normal", "title": a.title, "status": a.status,
                "total_view": 0, "total_share": 0,
                "create_date": a.created_at.timestamp_millis(),
                "update_date": a.created_at.timestamp_millis(),
                "thumb": a.cover_url,
                "link_view": format!("{}/article/{}", s.origin, a.id),
            })
        })
        .collect();
    ok(json!({ "medias": medias, "total": list.len() }))
}

fn getdetail(s: &State, req: &Request) -> Response {
    let id = req.query_param("id").unwrap_or_default();
    match s.articles.iter().find(|a| a.id == id) {
        None => err(-201, "Article id is invalid"),
        Some(a) => {
            let body: Vec<Value> = a
                .body
                .iter()
                .map(|b| match b.kind.as_str() {
                    "text" => json!({ "type": "text", "content": b.content }),
                    k => json!({ "type": k, "url": b.url }),
                })
                .collect();
            ok(json!({
                "id": a.id, "type": "normal", "title": a.title, "author": a.author,
                "description": a.description, "status": a.status, "comment": a.comment,
                "cover": { "cover_type": "photo", "photo_url": a.cover_url, "status": "show" },
                "body": body,
                "create_date": a.created_at.timestamp_millis(),
            }))
        }
    }
}

fn oauth_err(code: i64, name: &str, reason: &str) -> Response {
    Response::json(
        200,
        &json!({ "error": code, "error_name": name, "error_reason": reason, "error_description": reason }),
    )
}

fn refresh(s: &mut State, req: &Request) -> Response {
    let f = match Fields::from_request(req) {
        Ok(f) => f,
        Err(_) => return oauth_err(-14003, "Invalid parameter", "Body must be form-urlencoded"),
    };
    if req.header("secret_key") != Some(s.opts.secret_key.as_str()) {
        return oauth_err(
            -14012,
            "Invalid secret key",
            "The secret_key header does not match the app",
        );
    }
    if f.get("app_id").as_deref() != Some(s.opts.app_id.as_str()) {
        return oauth_err(-14002, "Invalid app id", "app_id is invalid");
    }
    if f.get("grant_type").as_deref() != Some("refresh_token") {
        return oauth_err(
            -14003,
            "Invalid parameter",
            "grant_type must be refresh_token",
        );
    }
    let given = f.get("refresh_token").unwrap_or_default();
    if given != s.refresh_token {
        let reason = if s.used_refresh_tokens.contains(&given) {
            "Refresh token has already been used"
        } else {
            "Refresh token is invalid"
        };
        return oauth_err(-14014, "Invalid refresh token", reason);
    }
    s.refreshes += 1;
    let n = s.refreshes;
    let access = format!("{}-r{n}", s.opts.access_token);
    let refresh = format!("{}-r{n}", s.opts.refresh_token);
    s.used_refresh_tokens
        .push(std::mem::replace(&mut s.refresh_token, refresh.clone()));
    s.access_tokens.push(access.clone());
    Response::json(
        200,
        &json!({ "access_token": access, "refresh_token": refresh, "expires_in": "90000" }),
    )
}
