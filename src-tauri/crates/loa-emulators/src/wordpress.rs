//! The WordPress REST API (`wp/v2`): application-password auth, media, posts.
//!
//! Documented behaviour followed (developer.wordpress.org/rest-api/reference/…, and core's
//! `class-wp-rest-attachments-controller.php` / `class-wp-rest-posts-controller.php`):
//! - HTTP Basic with `user:application-password` (spaces in the password are ignored);
//!   `incorrect_password` / `invalid_username` 401 when wrong;
//! - `GET /wp-json/wp/v2/users/me` (401 `rest_not_logged_in` without auth);
//! - [`media`]: upload, update, list and search, delete;
//! - [`posts`]: create (drafts included), update (publishing a draft), list and search, delete;
//! - errors are `{"code","message","data":{"status"}}`.
//!
//! Network faults shared by every emulator (a slow host, a 413 page, a captive portal, a redirect
//! to another host) are [`crate::Fault`] kinds; [`WordPressOptions::max_request_bytes`] makes the
//! 413 happen by size as a real front server does.

pub mod media;
pub mod posts;

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use unicode_normalization::UnicodeNormalization;

use crate::common::base64_decode;
use crate::faults::Fault;
use crate::http::{Request, Response};
use crate::other_host::OtherHost;
use crate::server::{Platform, Server, lock};

pub use posts::sanitize_slug;

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
    /// Request bodies larger than this get the front server's 413 HTML page (Apache's
    /// `LimitRequestBody`); `None` = no limit.
    pub max_request_bytes: Option<usize>,
}

impl Default for WordPressOptions {
    fn default() -> Self {
        WordPressOptions {
            user: "canbo".into(),
            app_password: "abcd EFGH ijkl MNOP qrst UVWX".into(),
            site_name: "Cổng thông tin điện tử xã Nà Hẩu".into(),
            port: 0,
            retry_after_secs: 30,
            max_request_bytes: None,
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
    /// The attachment's title: the stored file name without its extension, as WordPress sets it.
    pub title: String,
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
    /// `publish`, `future`, `draft`, `pending`, `private`, `trash`.
    pub status: String,
    pub date: DateTime<Utc>,
    /// A draft saved without a date has none yet (`date_gmt` zero in WordPress): it takes the
    /// time it is published.
    #[serde(skip)]
    pub floating_date: bool,
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
    other_host: OtherHost,
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
        let other_host = OtherHost::start()?;
        server.set_redirect_target(other_host.origin());
        lock(&state).origin = server.origin();
        Ok(WordPressEmulator {
            server,
            other_host,
            state,
        })
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
        if s.opts
            .max_request_bytes
            .is_some_and(|max| req.body.len() > max)
        {
            return crate::hostile::payload_too_large(req);
        }
        let path = rest_path(req);
        if let Some(file) = path.strip_prefix("/wp-content/uploads/") {
            return media::serve(&s, file);
        }
        let authed = match auth(&s, req) {
            Ok(a) => a,
            Err(r) => return r,
        };
        let route = path.trim_end_matches('/');
        let segs: Vec<&str> = route.split('/').filter(|x| !x.is_empty()).collect();
        let api: &[&str] = match segs.as_slice() {
            ["wp-json", "wp", "v2", rest @ ..] => rest,
            ["wp-json"] => {
                let (name, url) = (s.opts.site_name.clone(), s.origin.clone());
                return Response::json(
                    200,
                    &json!({ "name": name, "description": "", "url": url, "home": url, "namespaces": ["wp/v2"] }),
                );
            }
            _ => &["-"],
        };
        match (req.method.as_str(), api) {
            ("GET", ["users", "me"]) => {
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
            ("GET", ["media"]) => media::list(&s, req),
            ("GET", ["media", id]) => media::read(&s, id),
            ("POST", ["media"]) if !authed => wp_err(
                401,
                "rest_cannot_create",
                "Sorry, you are not allowed to upload files as this user.",
            ),
            ("POST", ["media"]) => media::upload(&mut s, req),
            ("DELETE", ["media", _] | ["posts", _]) if !authed => wp_err(
                401,
                "rest_cannot_delete",
                "Sorry, you are not allowed to delete this post.",
            ),
            ("POST" | "PUT" | "PATCH", ["media", _] | ["posts", _]) if !authed => wp_err(
                401,
                "rest_cannot_edit",
                "Sorry, you are not allowed to edit this post.",
            ),
            ("POST" | "PUT" | "PATCH", ["media", id]) => media::update(&mut s, req, id),
            ("DELETE", ["media", id]) => media::delete(&mut s, req, id),
            ("POST", ["posts"]) if !authed => wp_err(
                401,
                "rest_cannot_create",
                "Sorry, you are not allowed to create posts as this user.",
            ),
            ("POST", ["posts"]) => posts::create(&mut s, req),
            ("GET", ["posts"]) => posts::list(&s, req, authed),
            ("GET", ["posts", id]) => posts::read(&s, id, authed),
            ("POST" | "PUT" | "PATCH", ["posts", id]) => posts::update(&mut s, req, id),
            ("DELETE", ["posts", id]) => posts::delete(&mut s, req, id),
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
            _ => Response::html(
                500,
                "<p>There has been a critical error on this website.</p>",
            ),
        }
    }
}

fn rest_path(req: &Request) -> String {
    if (req.path == "/" || req.path.is_empty())
        && let Some(r) = req.query_param("rest_route")
    {
        return format!("/wp-json{r}");
    }
    req.path.clone()
}

/// Letters without their marks, `đ` → `d` (as WordPress's `remove_accents` does for Vietnamese).
pub(crate) fn remove_accents(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
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
