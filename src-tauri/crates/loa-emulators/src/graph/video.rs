//! Page video: the resumable (chunked) upload and the video list.
//!
//! Documented behaviour followed:
//! - `video-api/guides/publishing` and `graph-api/reference/page/videos` (the resumable upload
//!   on `graph-video.facebook.com`): `POST /{page-id}/videos` with `upload_phase=start` and
//!   `file_size` → `{"video_id","start_offset","end_offset","upload_session_id"}` (the offsets
//!   are strings, as SDKs parse them with `parseInt`); `upload_phase=transfer` with
//!   `upload_session_id`, `start_offset` and the multipart file `video_file_chunk` →
//!   `{"start_offset","end_offset"}` of the next chunk (both equal to `file_size` when all is
//!   there); `upload_phase=finish` with `upload_session_id`, `title`, `description`,
//!   `published=false` + `scheduled_publish_time` → `{"success":true}`. A single request with a
//!   `source` file is the non-resumable upload → `{"id"}`.
//! - The wrong-offset answer, as the Graph SDK handles it (php-graph-sdk
//!   `FacebookResumableUploader::transfer` resumes from `error_data`; the body as reported in
//!   php-graph-sdk#821): code 6001, `error_subcode` 1363037, `error_data: {start_offset,
//!   end_offset}` (numbers) with the offsets the server expects, `error_user_title` "Error
//!   Uploading Video".
//! - The timed-out session (facebook-python-business-sdk#344): `error_subcode` 1363030,
//!   "Your video upload timed out before it could be completed…".
//!
//! Emulator choices where the documentation is silent: the session asks for
//! [`super::GraphOptions::video_chunk_bytes`] at a time but accepts any chunk from 1 byte up to
//! what is left (a client adapting its chunk size to the link); a chunk that would overrun
//! `file_size`, and a `finish` before every byte arrived, get the same 1363037 answer with the
//! expected offsets; the timeout's top-level code is 6000; a repeated `finish` answers success
//! again without a second video; the scheduled-time window is the feed's (10 minutes – 30 days).
//!
//! Per-byte accounting: each [`UploadSession`] counts the chunk bytes it stored and the chunks
//! it refused; the server's [`crate::Stats`] for `POST /{id}/videos` count every byte that
//! crossed the wire, cut chunks included (what a benchmark compares with the file size).

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{EmulatedPost, State, created_time, is_true, pages};
use crate::common::{now, sha256};
use crate::form::Fields;
use crate::http::{Request, Response};

/// A video on the Page.
#[derive(Debug, Clone, Serialize)]
pub struct EmulatedVideo {
    pub id: String,
    /// The Page post that carries it.
    pub post_id: String,
    pub title: String,
    pub description: String,
    pub size: u64,
    #[serde(serialize_with = "crate::ser_hash")]
    pub sha256: [u8; 32],
    pub published: bool,
    pub scheduled_publish_time: Option<i64>,
    /// The upload session it came from (`None` for a one-request upload).
    pub upload_session_id: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// One resumable upload session.
#[derive(Debug, Clone, Serialize)]
pub struct UploadSession {
    pub upload_session_id: String,
    pub video_id: String,
    pub file_size: u64,
    /// Bytes stored so far: the offset the next chunk must start at.
    pub received: u64,
    /// Chunks stored (whole requests that were handled).
    pub chunks_stored: u32,
    /// Chunks refused for a wrong offset.
    pub chunks_refused: u32,
    /// Payload bytes of refused chunks (sent, but not stored).
    pub refused_bytes: u64,
    pub finished: bool,
    pub expired: bool,
    pub created_at: DateTime<Utc>,
    #[serde(skip)]
    hasher: Sha256,
}

fn offset_error(s: &mut State, received: u64, next_end: u64) -> Response {
    s.error_with(
        400,
        6001,
        Some(1_363_037),
        "OAuthException",
        "There was a problem uploading your video. Please try again.",
        json!({
            "error_data": { "start_offset": received, "end_offset": next_end },
            "is_transient": false,
            "error_user_title": "Error Uploading Video",
            "error_user_msg": "There was a problem uploading your video. Please try uploading it again.",
        }),
    )
}

fn timeout_error(s: &mut State) -> Response {
    let msg = "Your video upload timed out before it could be completed. This is probably because of a slow network connection or because the video you're trying to upload is too large. Please try again.";
    s.error_with(
        400,
        6000,
        Some(1_363_030),
        "OAuthException",
        msg,
        json!({
            "is_transient": false,
            "error_user_title": "Video Upload Time Out",
            "error_user_msg": msg,
        }),
    )
}

fn next_end(s: &State, from: u64, size: u64) -> u64 {
    (from + s.opts.video_chunk_bytes.max(1)).min(size)
}

/// `POST /{page-id}/videos`, every phase.
pub(super) fn upload(s: &mut State, f: &Fields) -> Response {
    match f.get("upload_phase").as_deref() {
        Some("start") => start(s, f),
        Some("transfer") => transfer(s, f),
        Some("finish") => finish(s, f),
        Some(_) => s.invalid("upload_phase must be one of start, transfer, finish, cancel"),
        None => single(s, f),
    }
}

fn start(s: &mut State, f: &Fields) -> Response {
    let Some(size) = f.get("file_size").and_then(|v| v.parse::<u64>().ok()) else {
        return s.invalid("The parameter file_size is required");
    };
    if size == 0 || size > s.opts.max_video_bytes {
        return s.invalid("Invalid file_size: the video file is empty or too large");
    }
    let session_id = s.new_id();
    let video_id = s.new_id();
    let end = next_end(s, 0, size);
    s.sessions.push(UploadSession {
        upload_session_id: session_id.clone(),
        video_id: video_id.clone(),
        file_size: size,
        received: 0,
        chunks_stored: 0,
        chunks_refused: 0,
        refused_bytes: 0,
        finished: false,
        expired: false,
        created_at: now(),
        hasher: Sha256::new(),
    });
    Response::json(
        200,
        &json!({
            "video_id": video_id,
            "start_offset": "0",
            "end_offset": end.to_string(),
            "upload_session_id": session_id,
        }),
    )
}

/// The session named by `upload_session_id`, or the answer to give instead.
fn session_index(s: &mut State, f: &Fields) -> Result<usize, Response> {
    let Some(id) = f.get("upload_session_id") else {
        return Err(s.invalid("The parameter upload_session_id is required"));
    };
    let Some(i) = s.sessions.iter().position(|x| x.upload_session_id == id) else {
        return Err(s.invalid("Invalid upload_session_id"));
    };
    let ttl = Duration::seconds(s.opts.video_session_ttl_secs);
    let sess = &mut s.sessions[i];
    if !sess.finished && (sess.expired || now() - sess.created_at > ttl) {
        sess.expired = true;
        return Err(timeout_error(s));
    }
    Ok(i)
}

fn transfer(s: &mut State, f: &Fields) -> Response {
    let i = match session_index(s, f) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Some(start) = f.get("start_offset").and_then(|v| v.parse::<u64>().ok()) else {
        return s.invalid("The parameter start_offset is required");
    };
    let Some(chunk) = f.file("video_file_chunk").map(|p| p.data.clone()) else {
        return s.invalid("The parameter video_file_chunk is required");
    };
    let (received, size) = (s.sessions[i].received, s.sessions[i].file_size);
    let len = chunk.len() as u64;
    if start != received || len == 0 || received + len > size {
        let sess = &mut s.sessions[i];
        sess.chunks_refused += 1;
        sess.refused_bytes += len;
        let end = next_end(s, received, size);
        return offset_error(s, received, end);
    }
    let sess = &mut s.sessions[i];
    sess.hasher.update(&chunk);
    sess.received += len;
    sess.chunks_stored += 1;
    let now_at = sess.received;
    let end = next_end(s, now_at, size);
    Response::json(
        200,
        &json!({ "start_offset": now_at.to_string(), "end_offset": end.to_string() }),
    )
}

fn finish(s: &mut State, f: &Fields) -> Response {
    let i = match session_index(s, f) {
        Ok(i) => i,
        Err(r) => return r,
    };
    if s.sessions[i].finished {
        return Response::json(200, &json!({ "success": true }));
    }
    let (received, size) = (s.sessions[i].received, s.sessions[i].file_size);
    if received < size {
        let end = next_end(s, received, size);
        return offset_error(s, received, end);
    }
    let published = is_true(f.get("published"), true);
    let at = match pages::schedule(s, f, published) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let sess = &mut s.sessions[i];
    sess.finished = true;
    let digest: [u8; 32] = sess.hasher.clone().finalize().into();
    let video_id = sess.video_id.clone();
    let session_id = sess.upload_session_id.clone();
    publish(
        s,
        f,
        video_id,
        size,
        digest,
        published && at.is_none(),
        at,
        Some(session_id),
    );
    Response::json(200, &json!({ "success": true }))
}

/// The non-resumable upload: the whole file as `source`.
fn single(s: &mut State, f: &Fields) -> Response {
    let Some(data) = f.file("source").map(|p| p.data.clone()) else {
        return s.invalid("The parameter upload_phase or source is required");
    };
    if data.is_empty() {
        return s.invalid("The video file is empty");
    }
    let published = is_true(f.get("published"), true);
    let at = match pages::schedule(s, f, published) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let id = s.new_id();
    let size = data.len() as u64;
    publish(
        s,
        f,
        id.clone(),
        size,
        sha256(&data),
        published && at.is_none(),
        at,
        None,
    );
    Response::json(200, &json!({ "id": id }))
}

#[allow(clippy::too_many_arguments)]
fn publish(
    s: &mut State,
    f: &Fields,
    video_id: String,
    size: u64,
    digest: [u8; 32],
    published: bool,
    at: Option<i64>,
    session: Option<String>,
) {
    let description = f.get("description").unwrap_or_default();
    let title = f.get("title").unwrap_or_default();
    let post_id = format!("{}_{video_id}", s.opts.page_id);
    let t = now();
    s.posts.push(EmulatedPost {
        id: post_id.clone(),
        message: description.clone(),
        photos: Vec::new(),
        photo_ids: Vec::new(),
        video_id: Some(video_id.clone()),
        video: Some(digest),
        published,
        scheduled_publish_time: at,
        created_at: t,
    });
    s.videos.push(EmulatedVideo {
        id: video_id,
        post_id,
        title,
        description,
        size,
        sha256: digest,
        published,
        scheduled_publish_time: at,
        upload_session_id: session,
        created_at: t,
    });
}

fn video_json(v: &EmulatedVideo) -> Value {
    let mut j = json!({
        "id": v.id,
        "title": v.title,
        "description": v.description,
        "created_time": created_time(&v.created_at),
        "updated_time": created_time(&v.created_at),
        "published": v.published,
        "post_id": v.post_id,
        "status": {
            "video_status": "ready",
            "uploading_phase": { "status": "complete" },
            "processing_phase": { "status": "complete" },
            "publishing_phase": { "status": if v.published { "complete" } else { "not_started" } },
        },
    });
    if let Some(t) = v.scheduled_publish_time {
        j["scheduled_publish_time"] = json!(t);
    }
    j
}

/// `GET /{page-id}/videos`: the Page's videos, newest first.
pub(super) fn list_videos(s: &mut State, req: &Request, f: &Fields) -> Response {
    pages::promote_due(s);
    let mut list: Vec<&EmulatedVideo> = s.videos.iter().collect();
    list.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    let rows: Vec<Value> = list.iter().map(|v| video_json(v)).collect();
    super::paged(req, f, rows)
}

/// `GET /{video-id}`.
pub(super) fn read_video(s: &mut State, id: &str) -> Response {
    pages::promote_due(s);
    match s.videos.iter().find(|v| v.id == id) {
        Some(v) => Response::json(200, &video_json(v)),
        None => super::unknown_object(s, id),
    }
}
