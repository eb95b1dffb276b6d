//! WordPress media: upload (raw or multipart), update, list and search, delete, and the files.
//!
//! Documented behaviour followed (core's `WP_REST_Attachments_Controller`, read in the code
//! corpus, and the REST handbook's media reference):
//! - `POST /wp/v2/media` with the raw file as body (`upload_from_data`): 400
//!   `rest_upload_no_data` for an empty body, `rest_upload_no_content_type` without
//!   `Content-Type`, `rest_upload_no_content_disposition` without `Content-Disposition`,
//!   `rest_upload_invalid_disposition` without a file name; then, when a `Content-MD5` header is
//!   given, it must equal `md5($data)` — lower-case hex of the body, compared exactly after
//!   trimming — or the answer is 412 `rest_upload_hash_mismatch` "Content hash did not match
//!   expected."; a multipart `file` (`upload_from_file`) is checked the same way against the
//!   file's bytes; images are known by their content, videos (MP4, MOV, 3GP, WebM: WordPress's
//!   default allowed types) by extension and container; a file WordPress will not take is 500
//!   `rest_upload_sideload_error` "Sorry,
//!   you are not allowed to upload this file type."; success is 201 with `id`, `source_url`,
//!   `media_details.filesize`, and a title that is the stored file name without extension.
//! - `GET /wp/v2/media?search=&per_page=&page=` (public for attachments) with `X-WP-Total` and
//!   `X-WP-TotalPages`; `search` matches the title.
//! - `DELETE /wp/v2/media/{id}?force=true` → 200 `{"deleted":true,"previous":{…}}`; without
//!   `force` → 501 `rest_trash_not_supported` (attachments cannot be trashed unless
//!   `MEDIA_TRASH`), as `WP_REST_Posts_Controller::delete_item` words it.

use md5::{Digest, Md5};
use serde_json::{Value, json};

use super::{EmulatedMedia, State, remove_accents, wp_err};
use crate::common::{now, sha256, sniff_image, sniff_video};
use crate::form::{Fields, disposition_param};
use crate::http::{Request, Response};

fn find<'a>(s: &'a State, id: &str) -> Option<&'a EmulatedMedia> {
    let n = id.parse::<u64>().ok()?;
    s.media.iter().find(|m| m.id == n)
}

/// A file under `/wp-content/uploads/`.
pub(super) fn serve(s: &State, file: &str) -> Response {
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

pub(super) fn media_json(m: &EmulatedMedia) -> Value {
    json!({
        "id": m.id, "slug": super::posts::sanitize_slug(&m.title),
        "status": "inherit", "type": "attachment", "link": m.source_url,
        "title": { "raw": m.title, "rendered": m.title }, "alt_text": m.alt_text,
        "media_type": "image", "mime_type": m.mime_type, "source_url": m.source_url,
        "media_details": { "filesize": m.size },
    })
}

fn md5_hex(data: &[u8]) -> String {
    Md5::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `Content-MD5`, checked as core does: present and not equal to the body's MD5 → 412.
fn hash_mismatch(req: &Request, data: &[u8]) -> Option<Response> {
    let given = req.header("content-md5")?.trim();
    if given.is_empty() || given == md5_hex(data) {
        return None;
    }
    Some(wp_err(
        412,
        "rest_upload_hash_mismatch",
        "Content hash did not match expected.",
    ))
}

pub(super) fn upload(s: &mut State, req: &Request) -> Response {
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
        if req
            .header("content-type")
            .is_none_or(|v| v.trim().is_empty())
        {
            return wp_err(
                400,
                "rest_upload_no_content_type",
                "No Content-Type supplied.",
            );
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
    if let Some(r) = hash_mismatch(req, &data) {
        return r;
    }
    let Some(mime) = sniff_image(&data).or_else(|| sniff_video(&data, &filename)) else {
        return wp_err(
            500,
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
    let title = fname
        .rsplit_once('.')
        .map(|x| x.0.to_string())
        .unwrap_or_else(|| fname.clone());
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
        title,
        alt_text: String::new(),
        bytes: data,
    };
    let body = media_json(&m);
    s.media.push(m);
    Response::json(201, &body)
}

pub(super) fn read(s: &State, id: &str) -> Response {
    match find(s, id) {
        Some(m) => Response::json(200, &media_json(m)),
        None => wp_err(404, "rest_post_invalid_id", "Invalid post ID."),
    }
}

pub(super) fn update(s: &mut State, req: &Request, id: &str) -> Response {
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
    if let Some(title) = super::posts::text_field(&f, "title") {
        m.title = title;
    }
    Response::json(200, &media_json(m))
}

/// `GET /wp/v2/media`: newest first, `search` in the title.
pub(super) fn list(s: &State, req: &Request) -> Response {
    let search = req.query_param("search").map(|v| v.to_lowercase());
    let (per_page, page) = match super::posts::paging(req) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let mut list: Vec<&EmulatedMedia> = s
        .media
        .iter()
        .filter(|m| {
            search
                .as_ref()
                .is_none_or(|q| m.title.to_lowercase().contains(q))
        })
        .collect();
    list.sort_by_key(|m| std::cmp::Reverse(m.id));
    let total = list.len();
    let items: Vec<Value> = list
        .iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .map(|m| media_json(m))
        .collect();
    Response::json(200, &Value::Array(items))
        .with_header("X-WP-Total", total.to_string())
        .with_header("X-WP-TotalPages", total.div_ceil(per_page).to_string())
}

/// `DELETE /wp/v2/media/{id}`: only with `force=true`.
pub(super) fn delete(s: &mut State, req: &Request, id: &str) -> Response {
    let Some(m) = find(s, id).cloned() else {
        return wp_err(404, "rest_post_invalid_id", "Invalid post ID.");
    };
    if !super::posts::forced(req) {
        return wp_err(
            501,
            "rest_trash_not_supported",
            "The post does not support trashing. Set 'force=true' to delete.",
        );
    }
    s.media.retain(|x| x.id != m.id);
    Response::json(200, &json!({ "deleted": true, "previous": media_json(&m) }))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md5_is_lower_hex_as_php_md5() {
        // RFC 1321 test suite.
        assert_eq!(md5_hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(md5_hex(b"abc"), "900150983cd24fb0d6963f7d28e17f72");
    }
}
