//! Zalo OA images and articles: upload, create, verify, list, read, remove.

use serde_json::{Value, json};

use super::{
    AUTHOR_MAX, BodyItem, DESCRIPTION_MAX, EmulatedArticle, IMAGE_MAX_BYTES, State, TITLE_MAX,
    ZaloImage, err, json_body, ok,
};
use crate::common::{chars, now, sha256, sniff_image};
use crate::form::Fields;
use crate::http::{Request, Response};

/// The OA's own cover and avatar images (getoa's `cover` and `avatar`): constant placeholders.
pub(super) const OA_COVER_FILE: &str = "oa-cover.jpg";
pub(super) const OA_AVATAR_FILE: &str = "oa-avatar.jpg";
const OA_COVER: &[u8] = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00 Loa sandbox OA cover \xFF\xD9";

pub(super) fn serve_image(s: &State, file: &str) -> Response {
    if (file == OA_COVER_FILE && s.opts.oa_has_cover) || file == OA_AVATAR_FILE {
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
                sniff_image(&img.bytes)
                    .unwrap_or("application/octet-stream")
                    .into(),
            ));
            r.body = img.bytes.clone();
            r
        }
        None => Response::new(404),
    }
}

pub(super) fn upload_image(s: &mut State, req: &Request) -> Response {
    let fields = match Fields::from_request(req) {
        Ok(f) => f,
        Err(e) => return err(-201, &format!("Invalid multipart body: {e}")),
    };
    let Some(file) = fields.file("file") else {
        return err(-201, "Parameter file is required");
    };
    match sniff_image(&file.data) {
        Some("image/jpeg") | Some("image/png") => {}
        _ => return err(-201, "File type is not supported: only jpg and png"),
    }
    if file.data.len() > IMAGE_MAX_BYTES {
        return err(-210, "Image size exceeds the 1MB limit");
    }
    let id = s.new_id("");
    let ext = if sniff_image(&file.data) == Some("image/png") {
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

pub(super) fn create_article(s: &mut State, req: &Request) -> Response {
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
    // The OA's own cover used as the article's, when the OA has none.
    if !s.opts.oa_has_cover && cover_url.ends_with(&format!("/media/{OA_COVER_FILE}")) {
        return err(
            -201,
            "Parameter cover.photo_url is invalid: the image does not exist",
        );
    }
    if let Some(quota) = s.opts.daily_article_quota
        && s.created_today() >= quota as usize
    {
        return err(
            -223,
            "Out of quota: the OA has created its articles for today",
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
    s.creates.push(now());
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

pub(super) fn verify(s: &mut State, req: &Request) -> Response {
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

pub(super) fn getslice(s: &State, req: &Request) -> Response {
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

pub(super) fn getdetail(s: &State, req: &Request) -> Response {
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

pub(super) fn remove(s: &mut State, req: &Request) -> Response {
    let id = json_body(req).and_then(|v| v.get("id").and_then(Value::as_str).map(str::to_string));
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
