//! WordPress posts: create (drafts included), update (publishing a draft by id), read, list and
//! search, trash and delete.
//!
//! Documented behaviour followed (REST handbook's posts reference; core's
//! `WP_REST_Posts_Controller` and `wp_insert_post`):
//! - `POST /wp/v2/posts` (JSON or form) → 201; `status` defaults to `draft`; `publish` with a
//!   future date becomes `future` and `future` with a past date becomes `publish`; unknown
//!   `featured_media` → 400 `rest_invalid_featured_media`.
//! - Slugs (`wp_insert_post`, `wp_unique_post_slug`): a draft or pending post saved without a
//!   slug has none (`post_name` empty) until it is published, when it takes the sanitized
//!   title; a draft's explicit slug is kept as given (not made unique); a published slug that is
//!   taken gets `-2`, `-3`… appended. A draft saved without a date takes the time it is
//!   published.
//! - `POST /wp/v2/posts/{id}` (also PUT/PATCH) updates the fields given → 200; repeating it is
//!   harmless, which is why publishing a draft by id is the idempotent way to publish.
//! - `GET /wp/v2/posts?slug=&status=&search=&per_page=&page=` → array with `X-WP-Total`;
//!   statuses other than `publish` need auth (400 `rest_invalid_param` without); `any` is every
//!   status but `trash`.
//! - `DELETE /wp/v2/posts/{id}` moves the post to the trash (slug gets `__trashed`, as
//!   `wp_add_trashed_suffix_to_post_name_for_post` does) → 200 with the post; again → 410
//!   `rest_already_trashed`; `?force=true` deletes → 200 `{"deleted":true,"previous":{…}}`.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::{Value, json};

use super::{EmulatedWpPost, State, remove_accents, wp_err};
use crate::common::now;
use crate::form::Fields;
use crate::http::{Request, Response};

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
pub(super) fn text_field(f: &Fields, name: &str) -> Option<String> {
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

/// Whether `force=true` (or `1`) was asked.
pub(super) fn forced(req: &Request) -> bool {
    Fields::from_request(req)
        .ok()
        .and_then(|f| f.get("force"))
        .is_some_and(|v| v == "true" || v == "1")
}

/// `per_page` (1–100, default 10) and `page` (from 1).
pub(super) fn paging(req: &Request) -> Result<(usize, usize), Response> {
    let per_page = req
        .query_param("per_page")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(10);
    if !(1..=100).contains(&per_page) {
        return Err(wp_err(
            400,
            "rest_invalid_param",
            "Invalid parameter(s): per_page",
        ));
    }
    let page = req
        .query_param("page")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1);
    Ok((per_page, page))
}

fn body_fields(req: &Request) -> Result<Fields, Response> {
    let f =
        Fields::from_request(req).map_err(|e| wp_err(400, "rest_invalid_json", &e.to_string()))?;
    if req.content_type() == "application/json" && f.json.is_none() && !req.body.is_empty() {
        return Err(wp_err(
            400,
            "rest_invalid_json",
            "Invalid JSON body passed.",
        ));
    }
    Ok(f)
}

fn is_unpublished(status: &str) -> bool {
    matches!(status, "draft" | "pending")
}

/// Applies the fields of a create or update request to `post`.
fn apply(s: &State, f: &Fields, post: &mut EmulatedWpPost) -> Result<(), Response> {
    if let Some(t) = text_field(f, "title") {
        post.title = t;
    }
    if let Some(c) = text_field(f, "content") {
        post.content = c;
    }
    if let Some(st) = f.get("status") {
        if !matches!(
            st.as_str(),
            "publish" | "future" | "draft" | "pending" | "private"
        ) {
            return Err(wp_err(
                400,
                "rest_invalid_param",
                "Invalid parameter(s): status",
            ));
        }
        post.status = st;
    }
    if let Some(v) = f.get("date_gmt").or_else(|| f.get("date")) {
        post.date = parse_wp_date(&v)
            .ok_or_else(|| wp_err(400, "rest_invalid_param", "Invalid parameter(s): date"))?;
        post.floating_date = false;
    }
    if let Some(v) = f.get("featured_media") {
        post.featured_media = match v.parse::<u64>() {
            Ok(0) => 0,
            Ok(n) if s.media.iter().any(|m| m.id == n) => n,
            _ => {
                return Err(wp_err(
                    400,
                    "rest_invalid_featured_media",
                    "Invalid featured media ID.",
                ));
            }
        };
    }
    let t = now();
    if !is_unpublished(&post.status) && post.floating_date {
        post.date = t;
        post.floating_date = false;
    }
    if post.status == "publish" && post.date > t {
        post.status = "future".into();
    } else if post.status == "future" && post.date <= t {
        post.status = "publish".into();
    }
    let wanted = f.get("slug").map(|v| sanitize_slug(&v));
    let base = match wanted {
        Some(w) if !w.is_empty() => w,
        _ if !post.slug.is_empty() => post.slug.clone(),
        _ if is_unpublished(&post.status) => String::new(),
        _ => {
            let from_title = sanitize_slug(&post.title);
            if from_title.is_empty() {
                post.id.to_string()
            } else {
                from_title
            }
        }
    };
    post.slug = if is_unpublished(&post.status) || base.is_empty() {
        base
    } else {
        let mut slug = base.clone();
        let mut k = 2;
        while s.posts.iter().any(|p| p.id != post.id && p.slug == slug) {
            slug = format!("{base}-{k}");
            k += 1;
        }
        slug
    };
    Ok(())
}

pub(super) fn create(s: &mut State, req: &Request) -> Response {
    let f = match body_fields(req) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let t = now();
    let mut post = EmulatedWpPost {
        id: s.next_id + 1,
        title: String::new(),
        content: String::new(),
        slug: String::new(),
        status: "draft".into(),
        date: t,
        floating_date: true,
        featured_media: 0,
        featured_photo: None,
        content_photos: Vec::new(),
        created_at: t,
    };
    if let Err(r) = apply(s, &f, &mut post) {
        return r;
    }
    s.next_id += 1;
    let body = post_json(s, &post);
    s.posts.push(post);
    Response::json(201, &body)
}

fn find(s: &State, id: &str) -> Option<usize> {
    let n = id.parse::<u64>().ok()?;
    s.posts.iter().position(|p| p.id == n)
}

pub(super) fn update(s: &mut State, req: &Request, id: &str) -> Response {
    let f = match body_fields(req) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let Some(i) = find(s, id) else {
        return wp_err(404, "rest_post_invalid_id", "Invalid post ID.");
    };
    let mut post = s.posts[i].clone();
    if let Err(r) = apply(s, &f, &mut post) {
        return r;
    }
    let body = post_json(s, &post);
    s.posts[i] = post;
    Response::json(200, &body)
}

pub(super) fn read(s: &State, id: &str, authed: bool) -> Response {
    match find(s, id).map(|i| &s.posts[i]) {
        Some(p) if p.status == "publish" || authed => Response::json(200, &post_json(s, p)),
        _ => wp_err(404, "rest_post_invalid_id", "Invalid post ID."),
    }
}

pub(super) fn delete(s: &mut State, req: &Request, id: &str) -> Response {
    let Some(i) = find(s, id) else {
        return wp_err(404, "rest_post_invalid_id", "Invalid post ID.");
    };
    if forced(req) {
        let previous = post_json(s, &s.posts[i]);
        s.posts.remove(i);
        return Response::json(200, &json!({ "deleted": true, "previous": previous }));
    }
    if s.posts[i].status == "trash" {
        return wp_err(
            410,
            "rest_already_trashed",
            "The post has already been deleted.",
        );
    }
    let p = &mut s.posts[i];
    p.status = "trash".into();
    if !p.slug.is_empty() {
        p.slug = format!("{}__trashed", p.slug);
    }
    Response::json(200, &post_json(s, &s.posts[i]))
}

pub(super) fn post_json(s: &State, p: &EmulatedWpPost) -> Value {
    let d = p.date.format("%Y-%m-%dT%H:%M:%S").to_string();
    json!({
        "id": p.id, "date": d, "date_gmt": d, "slug": p.slug, "status": p.status, "type": "post",
        "link": format!("{}/?p={}", s.origin, p.id),
        "title": { "raw": p.title, "rendered": p.title },
        "content": { "raw": p.content, "rendered": p.content, "protected": false },
        "featured_media": p.featured_media,
    })
}

pub(super) fn list(s: &State, req: &Request, authed: bool) -> Response {
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
    let (per_page, page) = match paging(req) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let mut list: Vec<&EmulatedWpPost> = s
        .posts
        .iter()
        .filter(|p| {
            statuses
                .iter()
                .any(|x| (x == "any" && p.status != "trash") || *x == p.status)
        })
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
