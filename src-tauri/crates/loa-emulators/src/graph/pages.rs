//! Page publishing and read-back: the feed, photos, scheduled posts, a post by id.
//!
//! Documented behaviour followed (developers.facebook.com/docs/…):
//! - `pages/publishing`, `graph-api/reference/page/feed`: `POST /{page-id}/feed` with `message`,
//!   `attached_media[i]={"media_fbid":…}`, `published=false` + `scheduled_publish_time` (10 min –
//!   30 days ahead) → `{"id":"{page-id}_{post-id}"}`; `GET /{page-id}/feed` lists published posts
//!   newest first with `since`/`until`/`limit` and cursor paging.
//! - `graph-api/reference/page/photos`: `POST /{page-id}/photos` multipart `source`, `message`,
//!   `published`, `temporary` → `{"id"}` (+ `"post_id"` when a post was made).
//! - `graph-api/reference/page/scheduled_posts`: `GET /{page-id}/scheduled_posts`.

use chrono::{TimeZone, Utc};
use serde_json::{Value, json};

use super::{EmulatedPhoto, EmulatedPost, State, created_time, is_true, parse_time};
use crate::common::{now, sha256};
use crate::form::Fields;
use crate::http::{Request, Response};

/// Scheduled posts whose time has come are published.
pub(super) fn promote_due(s: &mut State) {
    let t = now().timestamp();
    for p in &mut s.posts {
        if let Some(at) = p.scheduled_publish_time
            && !p.published
            && at <= t
        {
            p.published = true;
            p.created_at = Utc.timestamp_opt(at, 0).single().unwrap_or_else(now);
        }
    }
    for v in &mut s.videos {
        if let Some(at) = v.scheduled_publish_time
            && !v.published
            && at <= t
        {
            v.published = true;
        }
    }
}

pub(super) fn read_post(s: &mut State, id: &str) -> Response {
    promote_due(s);
    match s.posts.iter().find(|p| p.id == id) {
        Some(p) => Response::json(200, &post_json(p)),
        None => super::unknown_object(s, id),
    }
}

pub(super) fn delete_post(s: &mut State, id: &str) -> Response {
    let before = s.posts.len();
    s.posts.retain(|p| p.id != id);
    if s.posts.len() < before {
        Response::json(200, &json!({ "success": true }))
    } else {
        super::unknown_object(s, id)
    }
}

pub(super) fn post_json(p: &EmulatedPost) -> Value {
    let mut v = json!({
        "id": p.id,
        "message": p.message,
        "created_time": created_time(&p.created_at),
        "is_published": p.published,
    });
    if let Some(t) = p.scheduled_publish_time {
        v["scheduled_publish_time"] = json!(t);
    }
    if let Some(id) = &p.video_id {
        v["attachments"] = json!({ "data": [{ "type": "video_inline", "target": { "id": id } }] });
    }
    v
}

pub(super) fn list_feed(s: &mut State, req: &Request, f: &Fields, scheduled: bool) -> Response {
    promote_due(s);
    let since = f.get("since").and_then(|v| parse_time(&v));
    let until = f.get("until").and_then(|v| parse_time(&v));
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
    let rows: Vec<Value> = items
        .iter()
        .map(|p| {
            let mut v = json!({ "id": p.id, "message": p.message, "created_time": created_time(&p.created_at) });
            if scheduled {
                v["scheduled_publish_time"] = json!(p.scheduled_publish_time);
            }
            v
        })
        .collect();
    super::paged(req, f, rows)
}

/// Validates `scheduled_publish_time` against the documented 10 min – 30 days window.
pub(super) fn schedule(
    s: &mut State,
    f: &Fields,
    published: bool,
) -> Result<Option<i64>, Response> {
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
    if !(600..=30 * 24 * 3600).contains(&delta) {
        return Err(s.invalid(
            "The specified scheduled publish time is invalid. It must be between 10 minutes and 30 days from the time of the API request.",
        ));
    }
    Ok(Some(at))
}

pub(super) fn create_feed_post(s: &mut State, f: &Fields) -> Response {
    let message = f.get("message").unwrap_or_default();
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
        video_id: None,
        video: None,
        published: published && at.is_none(),
        scheduled_publish_time: at,
        created_at: now(),
    });
    Response::json(200, &json!({ "id": post_id }))
}

pub(super) fn create_photo(s: &mut State, f: &Fields) -> Response {
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
                video_id: None,
                video: None,
                published: at.is_none(),
                scheduled_publish_time: at,
                created_at: now(),
            });
            Response::json(200, &json!({ "id": photo_id, "post_id": pid }))
        }
        None => Response::json(200, &json!({ "id": photo_id })),
    }
}
