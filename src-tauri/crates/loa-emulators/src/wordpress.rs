//! The WordPress REST API (`wp/v2`): application-password auth, media, posts.
//!
//! Documented behaviour followed (developer.wordpress.org/rest-api/reference/…, and core's
//! `class-wp-rest-attachments-controller.php` / `class-wp-rest-posts-controller.php`):
//! - HTTP Basic with `user:application-password` (spaces in the password are ignored);
//!   `incorrect_password` / `invalid_username` 401 when wrong;
//! - `GET /wp-json/wp/v2/users/me` (401 `rest_not_logged_in` without auth);
//! - `POST /wp-json/wp/v2/media` with the raw file as body, `Content-Type` and
//!   `Content-Disposition: attachment; filename="…"` (or multipart `file`) → 201 with `id` and
//!   `source_url`; 400 `rest_upload_no_data`, `rest_upload_no_content_disposition`;
//!   `POST /wp-json/wp/v2/media/{id}` updates `alt_text`, `caption`, `title`;
//! - `POST /wp-json/wp/v2/posts` (JSON or form) → 201; a taken slug gets `-2`, `-3`… appended;
//!   `publish` with a future date becomes `future` and `future` with a past date becomes
//!   `publish` (as `wp_insert_post` does); unknown `featured_media` → 400 `rest_invalid_featured_media`;
//! - `GET /wp-json/wp/v2/posts?slug=&status=&search=&per_page=&page=` → array; statuses other
//!   than `publish` need auth (400 `rest_invalid_param` without);
//! - errors are `{"code","message","data":{"status"}}`.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;
use serde_json::{Value, json};
use unicode_normalization::UnicodeNormalization;

use crate::common::{base64_decode, now, sha256};
use crate::faults::Fault;
use crate::form::{Fields, disposition_param};
use crate::http::{Request, Response};
use crate::server::{Platform, Server, lock};
use crate::zalo::sniff;

/// How the WordPress emulator starts.
#[derive(Debug, Clone)]
pub struct WordPressOptions {
    pub user: String,
    /// As WordPress shows it: 24 characters in groups of four.
    pub app_password: String,
    pub site_name: String,
    pub port: u16,
    /// `Retry-After` (seconds) of a throttled answer.
    pub retry_after_secs: u64,
}

impl Default for WordPressOptions {
    fn default() -> Self {
        WordPressOptions {
            user: "canbo".into(),
            app_password: "abcd EFGH ijkl MNOP qrst UVWX".into(),
            site_name: "Cổng thông tin điện tử xã Nà Hẩu".into(),
            port: 0,
            retry_after_secs: 30,
        }
    }
}

/// An uploaded media item.
#[derive(Debug, Clone, Serialize)]
pub struct EmulatedMedia {
    pub id: u64,
    pub filename: String,
    pub mime_type: String,
    #[serde(serialize_with = "crate::ser_hash")]
    pub sha256: [u8; 32],
    pub size: usize,
    pub source_url: String,
    pub alt_text: String,
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

/// A post on the site.
#[derive(Debug, Clone, Serialize)]
pub struct EmulatedWpPost {
    pub id: u64,
    pub title: String,
    pub content: String,
    pub slug: String,
    /// `publish`, `future`, `draft`, `pending`, `private`.
    pub status: String,
    pub date: DateTime<Utc>,
    pub featured_media: u64,
    /// SHA-256 of the featured image, if any.
    #[serde(serialize_with = "crate::ser_opt_hash")]
    pub featured_photo: Option<[u8; 32]>,
    /// SHA-256 of every `<img src>` in the content that is one of this site's media, in order.
    #[serde(serialize_with = "crate::ser_hashes")]
    pub content_photos: Vec<[u8; 32]>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug)]
struct State {
    opts: WordPressOptions,
    origin: String,
    revoked: bool,
    media: Vec<EmulatedMedia>,
    posts: Vec<EmulatedWpPost>,
    next_id: u64,
}

fn wp_err(status: u16, code: &str, message: &str) -> Response {
    Response::json(
        status,
        &json!({ "code": code, "message": message, "data": { "status": status } }),
    )
}

/// The WordPress emulator. See the module docs.
#[derive(Debug)]
pub struct WordPressEmulator {
    server: Server,
    state: Arc<Mutex<State>>,
}

struct WpPlatform {
    state: Arc<Mutex<State>>,
}

impl WordPressEmulator {
    pub fn start(opts: WordPressOptions) -> std::io::Result<WordPressEmulator> {
        let port = opts.port;
        let state = Arc::new(Mutex::new(State {
            opts,
            origin: String::new(),
            revoked: false,
            media: Vec::new(),
            posts: Vec::new(),
            next_id: 0,
        }));
        let server = Server::start(
            Arc::new(WpPlatform {
                state: Arc::clone(&state),
            }),
            port,
        )?;
        lock(&state).origin = server.origin();
        Ok(WordPressEmulator { server, state })
    }

    /// The site URL (`--url`).
    pub fn base_url(&self) -> String {
        self.server.origin()
    }

    pub fn user(&self) -> String {
        lock(&self.state).opts.user.clone()
    }

    pub fn app_password(&self) -> String {
        lock(&self.state).opts.app_password.clone()
    }

    /// Every post, oldest first, with photos resolved against the current media.
    pub fn posts(&self) -> Vec<EmulatedWpPost> {
        let s = lock(&self.state);
        s.posts.iter().map(|p| resolve(&s, p)).collect()
    }

    /// Every media item, oldest first.
    pub fn media(&self) -> Vec<EmulatedMedia> {
        lock(&self.state).media.clone()
    }

    /// The SHA-256 of a media item this site serves at `url`.
    pub fn media_hash_by_url(&self, url: &str) -> Option<[u8; 32]> {
        lock(&self.state)
            .media
            .iter()
            .find(|m| m.source_url == url)
            .map(|m| m.sha256)
    }

    /// The application password is revoked (401 `incorrect_password`) until [`Self::restore_password`].
    pub fn revoke_password(&self) {
        lock(&self.state).revoked = true;
    }

    pub fn restore_password(&self) {
        lock(&self.state).revoked = false;
    }

    pub fn server(&self) -> &Server {
        &self.server
    }
}

crate::server_api!(WordPressEmulator);

fn resolve(s: &State, p: &EmulatedWpPost) -> EmulatedWpPost {
    let mut p = p.clone();
    p.featured_photo = s
        .media
        .iter()
        .find(|m| m.id == p.featured_media)
        .map(|m| m.sha256);
    p.content_photos = img_srcs(&p.content)
        .iter()
        .filter_map(|src| {
            s.media
                .iter()
                .find(|m| m.source_url == *src)
                .map(|m| m.sha256)
        })
        .collect();
    p
}

/// `src` of every `<img>` in some HTML, in order.
pub fn img_srcs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<img") {
        rest = &rest[i + 4..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if let Some(j) = tag.find("src=") {
            let v = &tag[j + 4..];
            let (q, v) = match v.chars().next() {
                Some(c @ ('"' | '\'')) => (c, &v[1..]),
                _ => (' ', v),
            };
            let stop = v.find(q).unwrap_or(v.len());
            out.push(v[..stop].to_string());
        }
        rest = &rest[end..];
    }
    out
}

/// Who the request is, if anyone; `Err` is the 401 answer for a wrong password.
fn auth(s: &State, req: &Request) -> Result<bool, Response> {
    let Some(h) = req.header("authorization") else {
        return Ok(false);
    };
    let Some(b64) = h
        .strip_prefix("Basic ")
        .or_else(|| h.strip_prefix("basic "))
    else {
        return Ok(false);
    };
    let decoded = base64_decode(b64.trim())
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default();
    let (user, pass) = decoded.split_once(':').unwrap_or((&decoded, ""));
    if user != s.opts.user {
        return Err(wp_err(
            401,
            "invalid_username",
            "Unknown username. Check again or try your email address.",
        ));
    }
    // Core strips everything but letters and digits from an application password.
    let clean = |p: &str| {
        p.chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
    };
    if s.revoked || clean(pass) != clean(&s.opts.app_password) {
        return Err(wp_err(
            401,
            "incorrect_password",
            "The provided password is an invalid application password.",
        ));
    }
    Ok(true)
}

impl Platform for WpPlatform {
    fn route(&self, req: &Request) -> String {
        let path = rest_path(req);
        let shape: Vec<String> = path
            .split('/')
            .map(|seg| {
                if seg.chars().all(|c| c.is_ascii_digit()) && !seg.is_empty() {
                    "{id}".to_string()
                } else {
                    seg.to_string()
                }
            })
            .collect();
        let p = if path.starts_with("/wp-content/") {
            "/wp-content/{file}".to_string()
        } else {
            shape.join("/")
        };
        format!("{} {p}", req.method)
    }

    fn handle(&self, req: &Request) -> Response {
        let mut s = lock(&self.state);
        let path = rest_path(req);
        if let Some(file) = path.strip_prefix("/wp-content/uploads/") {
            return serve_media(&s, file);
        }
        let authed = match auth(&s, req) {
            Ok(a) => a,
            Err(r) => return r,
        };
        let route = path.trim_end_matches('/');
        let segs: Vec<&str> = route.split('/').filter(|x| !x.is_empty()).collect();
        match (req.method.as_str(), segs.as_slice()) {
            ("GET", ["wp-json"]) => {
                let (name, url) = (s.opts.site_name.clone(), s.origin.clone());
                Response::json(
                    200,
                    &json!({ "name": name, "description": "", "url": url, "home": url, "namespaces": ["wp/v2"] }),
                )
            }
            ("GET", ["wp-json", "wp", "v2", "users", "me"]) => {
                if !authed {
                    return wp_err(
                        401,
                        "rest_not_logged_in",
                        "You are not currently logged in.",
                    );
                }
                let user = s.opts.user.clone();
                Response::json(
                    200,
                    &json!({ "id": 1, "name": user, "slug": user, "url": "", "description": "" }),
                )
            }
            ("POST", ["wp-json", "wp", "v2", "media"]) => {
                if !authed {
                    return wp_err(
                        401,
                        "rest_cannot_create",
                        "Sorry, you are not allowed to upload files as this user.",
                    );
                }
                upload_media(&mut s, req)
            }
            ("GET", ["wp-json", "wp", "v2", "media", id]) => match find_media(&s, id) {
                Some(m) => Response::json(200, &media_json(m)),
                None => wp_err(404, "rest_post_invalid_id", "Invalid post ID."),
            },
            ("POST", ["wp-json", "wp", "v2", "media", id]) => {
                if !authed {
                    return wp_err(
                        401,
                        "rest_cannot_edit",
                        "Sorry, you are not allowed to edit this post.",
                    );
                }
                update_media(&mut s, req, id)
            }
            ("POST", ["wp-json", "wp", "v2", "posts"]) => {
                if !authed {
                    return wp_err(
                        401,
                        "rest_cannot_create",
                        "Sorry, you are not allowed to create posts as this user.",
                    );
                }
                create_post(&mut s, req)
            }
            ("GET", ["wp-json", "wp", "v2", "posts"]) => list_posts(&s, req, authed),
            ("GET", ["wp-json", "wp", "v2", "posts", id]) => {
                let found = id
                    .parse::<u64>()
                    .ok()
                    .and_then(|n| s.posts.iter().find(|p| p.id == n));
                match found {
                    Some(p) if p.status == "publish" || authed => {
                        Response::json(200, &post_json(&s, p))
                    }
                    _ => wp_err(404, "rest_post_invalid_id", "Invalid post ID."),
                }
            }
            _ => wp_err(
                404,
                "rest_no_route",
                "No route was found matching the URL and request method.",
            ),
        }
    }

    fn fault_answer(&self, fault: Fault, _req: &Request) -> Response {
        let retry_after = lock(&self.state).opts.retry_after_secs;
        match fault {
            Fault::Throttle { code } => {
                // Not an HTTP status (a Graph or Zalo code): the usual 429.
                let status = u16::try_from(code)
                    .ok()
                    .filter(|c| (400..=599).contains(c))
                    .unwrap_or(429);
                let mut r = Response::new(status);
                r.headers
                    .push(("Retry-After".into(), retry_after.to_string()));
                r.headers.push(("Content-Type".into(), "text/plain".into()));
                r.body = b"Too Many Requests".to_vec();
                r
            }
            Fault::ExpiredToken => wp_err(
                401,
                "incorrect_password",
                "The provided password is an invalid application password.",
            ),
            _ => {
                let mut r = Response::new(500);
                r.headers
                    .push(("Content-Type".into(), "text/html; charset=UTF-8".into()));
                r.body = "<p>There has been a critical error on this website.</p>"
                    .as_bytes()
                    .to_vec();
                r
            }
        }
    }
}

/// The REST path: `/wp-json/…`, or `?rest_route=/…` on the site root (pretty permalinks off).
fn rest_path(req: &Request) -> String {
    if (req.path == "/" || req.path.is_empty())
        && let Some(r) = req.query_param("rest_route")
    {
        return format!("/wp-json{r}");
    }
    req.path.clone()
}

fn find_media<'a>(s: &'a State, id: &str) -> Option<&'a EmulatedMedia> {
    let n = id.parse::<u64>().ok()?;
    s.media.iter().find(|m| m.id == n)
}

fn serve_media(s: &State, file: &str) -> Response {
    match s
        .media
        .iter()
        .find(|m| m.source_url.ends_with(&format!("/{file}")))
    {
        Some(m) => {
            let mut r = Response::new(200);
            r.headers.push(("Content-Type".into(), m.mime_type.clone()));
            r.body = m.bytes.clone();
            r
        }
        None => Response::new(404),
    }
}

fn media_json(m: &EmulatedMedia) -> Value {
    json!({
        "id": m.id, "slug": m.filename.rsplit_once('.').map(|x| x.0).unwrap_or(&m.filename),
        "status": "inherit", "type": "attachment", "link": m.source_url,
        "title": { "rendered": m.filename }, "alt_text": m.alt_text,
        "media_type": "image", "mime_type": m.mime_type, "source_url": m.source_url,
        "media_details": { "filesize": m.size },
    })
}

fn upload_media(s: &mut State, req: &Request) -> Response {
    let (data, filename) = if req.content_type() == "multipart/form-data" {
        let f = match Fields::from_request(req) {
            Ok(f) => f,
            Err(e) => return wp_err(400, "rest_upload_unknown_error", &e.to_string()),
        };
        match f.file("file") {
            Some(p) => (p.data.clone(), p.filename.clone().unwrap_or_default()),
            None => return wp_err(400, "rest_upload_no_data", "No data supplied."),
        }
    } else {
        if req.body.is_empty() {
            return wp_err(400, "rest_upload_no_data", "No data supplied.");
        }
        let Some(cd) = req.header("content-disposition") else {
            return wp_err(
                400,
                "rest_upload_no_content_disposition",
                "No Content-Disposition supplied.",
            );
        };
        let Some(name) = disposition_param(cd, "filename") else {
            return wp_err(
                400,
                "rest_upload_invalid_disposition",
                "Invalid Content-Disposition supplied. Content-Disposition needs to be formatted as `attachment; filename=\"image.png\"` or similar.",
            );
        };
        (req.body.clone(), name)
    };
    if data.is_empty() {
        return wp_err(400, "rest_upload_no_data", "No data supplied.");
    }
    let Some(mime) = sniff(&data) else {
        return wp_err(
            400,
            "rest_upload_sideload_error",
            "Sorry, you are not allowed to upload this file type.",
        );
    };
    s.next_id += 1;
    let id = s.next_id;
    // Same file name twice gets a suffix, as wp_unique_filename does.
    let base = sanitize_filename(&filename);
    let (stem, ext) = base.rsplit_once('.').unwrap_or((&base, "jpg"));
    let mut fname = format!("{stem}.{ext}");
    let mut k = 1;
    while s.media.iter().any(|m| m.filename == fname) {
        fname = format!("{stem}-{k}.{ext}");
        k += 1;
    }
    let t = now();
    let url = format!(
        "{}/wp-content/uploads/{}/{fname}",
        s.origin,
        t.format("%Y/%m")
    );
    let m = EmulatedMedia {
        id,
        filename: fname,
        mime_type: mime.to_string(),
        sha256: sha256(&data),
        size: data.len(),
        source_url: url,
        alt_text: String::new(),
        bytes: data,
    };
    let body = media_json(&m);
    s.media.push(m);
    Response::json(201, &body)
}

fn update_media(s: &mut State, req: &Request, id: &str) -> Response {
    let f = Fields::from_request(req).unwrap_or_default();
    let Some(m) = id
        .parse::<u64>()
        .ok()
        .and_then(|n| s.media.iter_mut().find(|m| m.id == n))
    else {
        return wp_err(404, "rest_post_invalid_id", "Invalid post ID.");
    };
    if let Some(alt) = f.get("alt_text") {
        m.alt_text = alt;
    }
    Response::json(200, &media_json(m))
}

fn sanitize_filename(name: &str) -> String {
    let n: String = remove_accents(name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if n.trim_matches(['-', '.']).is_empty() {
        "image.jpg".into()
    } else {
        n
    }
}

/// Letters without their marks, `đ` → `d` (as WordPress's `remove_accents` does for Vietnamese).
fn remove_accents(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

/// `sanitize_title`: ASCII, lower case, hyphens.
pub fn sanitize_slug(s: &str) -> String {
    let mut out = String::new();
    for c in remove_accents(s).to_lowercase().chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if (c.is_whitespace() || c == '-' || c == '.') && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// Text of a field that may be a string or `{"raw": …}`.
fn text_field(f: &Fields, name: &str) -> Option<String> {
    if let Some(Value::Object(o)) = f.json.as_ref().and_then(|j| j.get(name)) {
        return o.get("raw").and_then(Value::as_str).map(str::to_string);
    }
    f.get(name)
}

fn parse_wp_date(v: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(v)
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M:%S")
                .ok()
                .map(|n| n.and_utc())
        })
}

fn create_post(s: &mut State, req: &Request) -> Response {
    let f = match Fields::from_request(req) {
        Ok(f) => f,
        Err(e) => return wp_err(400, "rest_invalid_json", &e.to_string()),
    };
    if req.content_type() == "application/json" && f.json.is_none() && !req.body.is_empty() {
        return wp_err(400, "rest_invalid_json", "Invalid JSON body passed.");
    }
    let title = text_field(&f, "title").unwrap_or_default();
    let content = text_field(&f, "content").unwrap_or_default();
    let mut status = f.get("status").unwrap_or_else(|| "draft".into());
    if !matches!(
        status.as_str(),
        "publish" | "future" | "draft" | "pending" | "private"
    ) {
        return wp_err(400, "rest_invalid_param", "Invalid parameter(s): status");
    }
    let date = match f.get("date_gmt").or_else(|| f.get("date")) {
        None => now(),
        Some(v) => match parse_wp_date(&v) {
            Some(d) => d,
            None => return wp_err(400, "rest_invalid_param", "Invalid parameter(s): date"),
        },
    };
    let t = now();
    if status == "publish" && date > t {
        status = "future".into();
    } else if status == "future" && date <= t {
        status = "publish".into();
    }
    let featured = match f.get("featured_media") {
        None => 0,
        Some(v) => match v.parse::<u64>() {
            Ok(0) => 0,
            Ok(n) if s.media.iter().any(|m| m.id == n) => n,
            _ => {
                return wp_err(
                    400,
                    "rest_invalid_featured_media",
                    "Invalid featured media ID.",
                );
            }
        },
    };
    let wanted = f
        .get("slug")
        .map(|v| sanitize_slug(&v))
        .filter(|v| !v.is_empty());
    let base = wanted.unwrap_or_else(|| {
        let t = sanitize_slug(&title);
        if t.is_empty() {
            format!("{}", s.next_id + 1)
        } else {
            t
        }
    });
    let mut slug = base.clone();
    let mut k = 2;
    while s.posts.iter().any(|p| p.slug == slug) {
        slug = format!("{base}-{k}");
        k += 1;
    }
    s.next_id += 1;
    let post = EmulatedWpPost {
        id: s.next_id,
        title,
        content,
        slug,
        status,
        date,
        featured_media: featured,
        featured_photo: None,
        content_photos: Vec::new(),
        created_at: t,
    };
    let body = post_json(s, &post);
    s.posts.push(post);
    Response::json(201, &body)
}

fn post_json(s: &State, p: &EmulatedWpPost) -> Value {
    let d = p.date.format("%Y-%m-%dT%H:%M:%S").to_string();
    json!({
        "id": p.id, "date": d, "date_gmt": d, "slug": p.slug, "status": p.status, "type": "post",
        "link": format!("{}/?p={}", s.origin, p.id),
        "title": { "raw": p.title, "rendered": p.title },
        "content": { "raw": p.content, "rendered": p.content, "protected": false },
        "featured_media": p.featured_media,
    })
}

fn list_posts(s: &State, req: &Request, authed: bool) -> Response {
    let q = |k: &str| req.query_param(k);
    let statuses: Vec<String> = q("status")
        .unwrap_or_else(|| "publish".into())
        .split(',')
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect();
    if !authed && statuses.iter().any(|x| x != "publish") {
        return wp_err(400, "rest_invalid_param", "Invalid parameter(s): status");
    }
    let slugs: Option<Vec<String>> =
        q("slug").map(|v| v.split(',').map(|x| x.trim().to_string()).collect());
    let search = q("search").map(|v| v.to_lowercase());
    let per_page = q("per_page")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(10);
    if !(1..=100).contains(&per_page) {
        return wp_err(400, "rest_invalid_param", "Invalid parameter(s): per_page");
    }
    let page = q("page")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    let mut list: Vec<&EmulatedWpPost> = s
        .posts
        .iter()
        .filter(|p| statuses.iter().any(|x| x == "any" || *x == p.status))
        .filter(|p| slugs.as_ref().is_none_or(|v| v.contains(&p.slug)))
        .filter(|p| {
            search.as_ref().is_none_or(|q| {
                p.title.to_lowercase().contains(q) || p.content.to_lowercase().contains(q)
            })
        })
        .collect();
    list.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
    let total = list.len();
    let items: Vec<Value> = list
        .iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .map(|p| post_json(s, p))
        .collect();
    Response::json(200, &Value::Array(items))
        .with_header("X-WP-Total", total.to_string())
        .with_header("X-WP-TotalPages", total.div_ceil(per_page).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_drop_vietnamese_marks() {
        assert_eq!(
            sanitize_slug("Thông báo lũ quét ở Đồng Văn"),
            "thong-bao-lu-quet-o-dong-van"
        );
        assert_eq!(sanitize_slug("loa-12-3"), "loa-12-3");
    }

    #[test]
    fn img_srcs_in_order() {
        let html =
            r#"<p>a</p><img class="x" src="http://h/1.jpg" alt=""><img src='http://h/2.jpg'/>"#;
        assert_eq!(img_srcs(html), vec!["http://h/1.jpg", "http://h/2.jpg"]);
    }
}
