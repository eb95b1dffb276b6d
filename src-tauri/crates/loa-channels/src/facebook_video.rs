//! A Page video through Graph's resumable upload, on `graph-video.facebook.com`
//! (`video-api/guides/publishing`, `graph-api/reference/page/videos`):
//!
//! - `POST /{page-id}/videos` `upload_phase=start`, `file_size` → `upload_session_id`,
//!   `video_id`, `start_offset`, `end_offset` (offsets as strings);
//! - `upload_phase=transfer`, `upload_session_id`, `start_offset`, multipart
//!   `video_file_chunk` → the next `start_offset`, `end_offset` (both the file size at the end);
//! - `upload_phase=finish`, `upload_session_id`, `title`, `description` (the composed message)
//!   and, when scheduled, `published=false` + `scheduled_publish_time` → `success`.
//!
//! After every chunk the session and the server's offsets go to the worker's sink, which commits
//! them before the next chunk: a drop, a sleep or a killed process resumes from the server's
//! offset, never from zero. Error subcode 1363037 ("wrong offset", as php-graph-sdk's
//! `FacebookResumableUploader` handles it) carries the offsets the server expects in
//! `error_data`: the upload continues from there. Subcode 1363030 (the session timed out,
//! facebook-python-business-sdk#344) starts a new session. Chunks stay within the range the
//! server asks for and follow the link's measured rate ([`ChunkSizer`]).
//!
//! Read-back: the video is looked up by the session's `video_id` (`GET /{video-id}`), so a lost
//! `finish` answer never publishes it twice.

use std::time::Instant;

use chrono::Utc;
use serde_json::Value;

use crate::facebook::FacebookPage;
use crate::http::{Call, Multipart, Payload, Reply, join, video_content_type};
use crate::{
    ChannelError, ChannelKind, ChunkSizer, ErrorClass, PostContent, RemoteMedia, RemotePost,
    VIDEO_SESSION_EXPIRED, Video, VideoSink, VideoUpload, classify, text_hash,
};

/// Graph's "wrong offset" error subcode.
const WRONG_OFFSET: i64 = 1_363_037;
/// Graph's "upload timed out" error subcode.
const SESSION_TIMED_OUT: i64 = 1_363_030;
/// Wrong-offset answers in a row before giving up (the server and the client disagree for good).
const MAX_OFFSET_CORRECTIONS: u32 = 5;
/// New sessions one call may start after expired ones.
const MAX_NEW_SESSIONS: u32 = 2;

/// A Graph error body's code, subcode and `error_data` offsets.
struct GraphError {
    subcode: Option<i64>,
    offsets: Option<(u64, u64)>,
}

fn graph_error(reply: &Reply) -> Option<GraphError> {
    let v: Value = serde_json::from_slice(&reply.body).ok()?;
    let e = v.get("error")?;
    let offsets = e.get("error_data").and_then(|d| {
        Some((
            offset(d.get("start_offset")?)?,
            offset(d.get("end_offset")?)?,
        ))
    });
    Some(GraphError {
        subcode: e.get("error_subcode").and_then(Value::as_i64),
        offsets,
    })
}

/// An offset as Graph writes it: a string in answers, a number in `error_data`.
fn offset(v: &Value) -> Option<u64> {
    v.as_u64()
        .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
}

fn offsets(v: &Value) -> Option<(u64, u64)> {
    Some((
        offset(v.get("start_offset")?)?,
        offset(v.get("end_offset")?)?,
    ))
}

fn video_error(class: ErrorClass, code: &str, message: impl Into<String>) -> ChannelError {
    ChannelError {
        class,
        kind: ChannelKind::Facebook,
        code: code.into(),
        message: message.into(),
    }
}

/// Graph's error answer to a call that acts.
fn refused(reply: &Reply) -> ChannelError {
    classify::graph(reply.status, &reply.body, &reply.usage, true)
}

fn stopped() -> ChannelError {
    // The worker could not commit where the upload stands: nothing more is sent.
    video_error(
        ErrorClass::Transient,
        "not-recorded",
        "the upload could not be recorded; it will resume from the last recorded offset",
    )
}

impl FacebookPage {
    /// `graph-video.facebook.com` for Graph's own host, the configured base otherwise (the
    /// emulator serves both).
    fn video_url(&self) -> String {
        let base = self
            .base
            .replacen("://graph.facebook.com", "://graph-video.facebook.com", 1);
        join(&base, &format!("{}/videos", self.page_id))
    }

    fn video_of(post: &PostContent) -> Result<&Video, ChannelError> {
        post.video.as_ref().ok_or_else(|| {
            video_error(
                ErrorClass::Invalid,
                "missing-media",
                "the post has no video",
            )
        })
    }

    /// Sends one phase's form; counts its body bytes into `sent`.
    fn video_call(&self, payload: Payload, sent: &mut u64) -> Result<Reply, ChannelError> {
        let mut wire = 0u64;
        let mut count = |n: u64| wire = n;
        let call = Call::post(self.video_url(), payload).progress(&mut count);
        let result = self.http.send(call);
        *sent += wire;
        result
    }

    pub(crate) fn upload_video_chunks(
        &mut self,
        post: &PostContent,
        sink: VideoSink<'_>,
    ) -> Result<RemoteMedia, ChannelError> {
        let video = Self::video_of(post)?;
        if let Some(id) = &video.remote_id {
            return Ok(RemoteMedia {
                id: id.clone(),
                url: video.remote_url.clone(),
            });
        }
        let size = video.size;
        let mut st = VideoUpload {
            bytes_sent: 0,
            ..video.upload.clone()
        };
        let mut sizer = ChunkSizer::new(st.chunk_bytes);
        let mut corrections = 0u32;
        let mut new_sessions = 0u32;
        loop {
            let Some(session) = st.session_id.clone() else {
                self.start_session(size, &mut st)?;
                if !sink(&st) {
                    return Err(stopped());
                }
                st.bytes_sent = 0;
                continue;
            };
            if st.start_offset >= size {
                let id = st.video_id.clone().ok_or_else(|| {
                    video_error(
                        ErrorClass::Ambiguous,
                        "bad-answer",
                        "the upload session has no video id",
                    )
                })?;
                return Ok(RemoteMedia { id, url: None });
            }
            // Within what the server asks for, as much as the link carries in a chunk's time.
            let asked = st
                .end_offset
                .filter(|e| *e > st.start_offset)
                .map_or(size - st.start_offset, |e| e - st.start_offset);
            let len = sizer.bytes().min(asked).min(size - st.start_offset);
            let form = Multipart::new()
                .field("access_token", &self.token)
                .field("upload_phase", "transfer")
                .field("upload_session_id", &session)
                .field("start_offset", &st.start_offset.to_string())
                .file_range(
                    "video_file_chunk",
                    &video.path,
                    st.start_offset,
                    len,
                    video_content_type(&video.path),
                );
            let began = Instant::now();
            let result = self.video_call(Payload::Multipart(form), &mut st.bytes_sent);
            let reply = match result {
                Ok(r) => r,
                Err(e) => {
                    // Cut on the link: the server keeps what it stored; the next call asks it.
                    sizer.failed();
                    st.chunk_bytes = Some(sizer.bytes());
                    let _ = sink(&st);
                    return Err(e);
                }
            };
            if reply.is_success() {
                let answer = reply.json().unwrap_or(Value::Null);
                let Some((start, end)) = offsets(&answer) else {
                    let _ = sink(&st);
                    return Err(video_error(
                        ErrorClass::Ambiguous,
                        "bad-answer",
                        classify::excerpt(&reply.body),
                    ));
                };
                sizer.succeeded(len, began.elapsed());
                corrections = 0;
                st.start_offset = start;
                st.end_offset = Some(end);
                st.chunk_bytes = Some(sizer.bytes());
                if !sink(&st) {
                    return Err(stopped());
                }
                st.bytes_sent = 0;
                continue;
            }
            match graph_error(&reply) {
                Some(GraphError {
                    subcode: Some(WRONG_OFFSET),
                    offsets: Some((start, end)),
                }) if corrections < MAX_OFFSET_CORRECTIONS => {
                    // The server has more (a lost answer) or less than we thought: go on from
                    // where it says.
                    corrections += 1;
                    st.start_offset = start.min(size);
                    st.end_offset = Some(end.min(size).max(st.start_offset));
                    if !sink(&st) {
                        return Err(stopped());
                    }
                    st.bytes_sent = 0;
                }
                Some(GraphError {
                    subcode: Some(SESSION_TIMED_OUT),
                    ..
                }) if new_sessions < MAX_NEW_SESSIONS => {
                    new_sessions += 1;
                    st = VideoUpload {
                        chunk_bytes: st.chunk_bytes,
                        bytes_sent: st.bytes_sent,
                        ..VideoUpload::default()
                    };
                    if !sink(&st) {
                        return Err(stopped());
                    }
                    st.bytes_sent = 0;
                }
                _ => {
                    let _ = sink(&st);
                    return Err(refused(&reply));
                }
            }
        }
    }

    /// `upload_phase=start`: a new session for `size` bytes.
    fn start_session(&self, size: u64, st: &mut VideoUpload) -> Result<(), ChannelError> {
        let size_text = size.to_string();
        let form = Payload::form(&[
            ("access_token", self.token.as_str()),
            ("upload_phase", "start"),
            ("file_size", size_text.as_str()),
        ]);
        let reply = self.video_call(form, &mut st.bytes_sent)?;
        if !reply.is_success() {
            return Err(refused(&reply));
        }
        let answer = reply.json().unwrap_or(Value::Null);
        let text = |k: &str| match answer.get(k) {
            Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let (Some(session), Some(video_id), Some((start, end))) = (
            text("upload_session_id"),
            text("video_id"),
            offsets(&answer),
        ) else {
            // An answer without a session: nothing we can resume; a later start makes another.
            return Err(video_error(
                ErrorClass::Ambiguous,
                "bad-answer",
                classify::excerpt(&reply.body),
            ));
        };
        st.session_id = Some(session);
        st.video_id = Some(video_id);
        st.started_at = Some(Utc::now());
        st.start_offset = start.min(size);
        st.end_offset = Some(end.min(size).max(st.start_offset));
        Ok(())
    }

    /// `upload_phase=finish` with the message and the schedule: the video becomes a post.
    pub(crate) fn finish_video(
        &mut self,
        post: &PostContent,
        message: &str,
        schedule: Option<i64>,
    ) -> Result<RemotePost, ChannelError> {
        let video = Self::video_of(post)?;
        let (Some(session), Some(video_id)) = (
            video.upload.session_id.as_deref(),
            video
                .remote_id
                .as_deref()
                .or(video.upload.video_id.as_deref()),
        ) else {
            return Err(video_error(
                ErrorClass::Transient,
                VIDEO_SESSION_EXPIRED,
                "the video has no upload session: it is uploaded again",
            ));
        };
        let title = loa_platforms::compose::title(&post.title);
        let ts = schedule.map(|t| t.to_string());
        let mut fields: Vec<(&str, &str)> = vec![
            ("access_token", &self.token),
            ("upload_phase", "finish"),
            ("upload_session_id", session),
            ("title", &title),
            ("description", message),
        ];
        if let Some(ts) = &ts {
            fields.push(("published", "false"));
            fields.push(("scheduled_publish_time", ts));
        }
        let mut sent = 0;
        let reply = self.video_call(Payload::form(&fields), &mut sent)?;
        if !reply.is_success() {
            if let Some(GraphError {
                subcode: Some(SESSION_TIMED_OUT),
                ..
            }) = graph_error(&reply)
            {
                return Err(video_error(
                    ErrorClass::Transient,
                    VIDEO_SESSION_EXPIRED,
                    classify::excerpt(&reply.body),
                ));
            }
            return Err(refused(&reply));
        }
        let answer = reply.json().unwrap_or(Value::Null);
        if answer.get("success").and_then(Value::as_bool) != Some(true) {
            return Err(video_error(
                ErrorClass::Ambiguous,
                "bad-answer",
                classify::excerpt(&reply.body),
            ));
        }
        Ok(RemotePost {
            id: video_id.to_owned(),
            url: Some(ChannelKind::facebook_post_url(video_id)),
        })
    }

    /// Read-back of a video post: the session's video, if `finish` made it a post.
    pub(crate) fn find_video(
        &self,
        post: &PostContent,
        message: &str,
    ) -> Result<Option<RemotePost>, ChannelError> {
        let video = Self::video_of(post)?;
        let Some(video_id) = video
            .remote_id
            .as_deref()
            .or(video.upload.video_id.as_deref())
        else {
            // No session was ever started: nothing can be on the Page.
            return Ok(None);
        };
        let url = format!(
            "{}?fields=id,description,published,status",
            join(&self.base, video_id)
        );
        let reply = self.http.send(self.read(url))?;
        if !reply.is_success() {
            let e = classify::graph(reply.status, &reply.body, &reply.usage, false);
            // 100: "Unsupported get request. Object … does not exist": the upload never became
            // a video.
            if e.code == "100" || e.code.starts_with("100/") {
                return Ok(None);
            }
            return Err(e);
        }
        let v = reply.json().unwrap_or(Value::Null);
        // `finish` is what sets the description: a video whose description is our message is
        // the post (an upload never finished has none). A post without text falls back on the
        // upload phase.
        let description = v
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let finished = if message.trim().is_empty() {
            v.pointer("/status/uploading_phase/status")
                .and_then(Value::as_str)
                == Some("complete")
        } else {
            !description.is_empty() && text_hash(description) == text_hash(message)
        };
        if v.get("id").is_none() || !finished {
            return Ok(None);
        }
        Ok(Some(RemotePost {
            id: video_id.to_owned(),
            url: Some(ChannelKind::facebook_post_url(video_id)),
        }))
    }
}
