//! Facebook Page through the Graph API.
//!
//! Endpoints (Graph API reference, version in the base URL):
//! - `GET /{page-id}?fields=id,name` — "Page" node: test connection.
//! - `POST /{page-id}/feed` (`message`, `attached_media[i]`, `published`, `scheduled_publish_time`)
//!   — "Page Feed": text posts, multi-photo posts, scheduled posts.
//! - `POST /{page-id}/photos` (multipart `source`, `message`, `published`, `temporary`,
//!   `scheduled_publish_time`, `alt_text_custom`) — "Page Photos": one photo with its message, or
//!   an unpublished photo for a multi-photo post ("Publish multiple photos": upload each with
//!   `published=false`, then attach their ids in order; `temporary=true` when the post will be
//!   scheduled).
//! - `GET /{page-id}/feed?fields=id,message,created_time&since=…` and
//!   `GET /{page-id}/scheduled_posts?fields=id,message,scheduled_publish_time` — read-back.
//!
//! The page token never travels in an address, where a captive portal's page, a proxy's log or
//! an error message would show it: reads send it as `Authorization: Bearer` (Graph accepts the
//! OAuth 2.0 header, "Access Tokens" → "Making requests"), writes as the `access_token` field of
//! their form or multipart body.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::classify;
use crate::http::{Call, Http, Multipart, Payload, Reply, image_content_type, join};
use crate::{
    Channel, ChannelConfig, ChannelError, ChannelKind, Credentials, ErrorClass, PostContent,
    Progress, RemoteMedia, RemotePost, text_hash,
};
use loa_platforms::{Schedule, ScheduleWindow, compose, same_origin};

/// Pages of the feed read back before giving up (100 posts each): a commune page posts a few
/// times a day, so this reaches far past any attempt window.
const READ_BACK_PAGES: usize = 5;

/// Clock slack for read-back: our clock and Facebook's may disagree by a few minutes.
const READ_BACK_SLACK_SECS: i64 = 10 * 60;

/// A Facebook Page.
#[derive(Debug)]
pub struct FacebookPage {
    pub(crate) http: Http,
    pub(crate) base: String,
    pub(crate) page_id: String,
    pub(crate) token: String,
    /// Set from the usage headers of the last successful answer.
    usage_pause: std::cell::Cell<Option<u64>>,
}

impl FacebookPage {
    pub fn new(config: ChannelConfig, creds: Credentials) -> FacebookPage {
        FacebookPage {
            http: Http::new(ChannelKind::Facebook, config.timeout),
            base: config.base_url,
            page_id: config.page_id,
            token: creds.token,
            usage_pause: std::cell::Cell::new(None),
        }
    }

    fn url(&self, path: &str) -> String {
        join(&self.base, path)
    }

    /// A read with the page token in its `Authorization` header.
    pub(crate) fn read(&self, url: String) -> Call<'static> {
        Call::get(url).header("authorization", format!("Bearer {}", self.token))
    }

    fn check(&self, reply: Reply, acts: bool) -> Result<Value, ChannelError> {
        if reply.is_success() {
            self.usage_pause.set(classify::usage_pause(&reply.usage));
            return reply.json().ok_or_else(|| ChannelError {
                class: if acts {
                    ErrorClass::Ambiguous
                } else {
                    ErrorClass::Transient
                },
                kind: ChannelKind::Facebook,
                code: "bad-answer".into(),
                message: reply.text(),
            });
        }
        Err(classify::graph(
            reply.status,
            &reply.body,
            &reply.usage,
            acts,
        ))
    }

    /// Scheduling fields for a publish call: `published=false` and the time, when Facebook's
    /// own scheduler takes the post.
    fn schedule(
        &self,
        post: &PostContent,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, ChannelError> {
        let Some(at) = post.scheduled_at else {
            return Ok(None);
        };
        let window = ScheduleWindow::FACEBOOK;
        match window.decide(at, now) {
            Schedule::Now => Ok(None),
            Schedule::Platform => Ok(Some(at.timestamp())),
            // Nothing was sent: the worker called too early (see `publish_not_before`).
            Schedule::TooSoon | Schedule::TooFar => Err(ChannelError {
                class: ErrorClass::Transient,
                kind: ChannelKind::Facebook,
                code: "not-due".into(),
                message: format!(
                    "scheduled for {at}, outside Facebook's {} minute – {} day window",
                    window.min_minutes(),
                    window.max_days()
                ),
            }),
        }
    }

    fn post_url(id: &str) -> String {
        ChannelKind::facebook_post_url(id)
    }

    /// The `message` this client sends for `post` (Facebook has no title field).
    fn message(post: &PostContent) -> String {
        compose::facebook_message(&post.title, &post.text)
    }

    /// Posts from `url` on, following `paging.next`, that carry `hash`.
    fn scan(
        &self,
        mut url: String,
        hash: &str,
        field: &str,
    ) -> Result<Option<RemotePost>, ChannelError> {
        for _ in 0..READ_BACK_PAGES {
            let reply = self.http.send(self.read(url.clone()))?;
            let page = self.check(reply, false)?;
            for item in page
                .get("data")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let message = item.get(field).and_then(Value::as_str).unwrap_or_default();
                if let Some(id) = item.get("id").and_then(Value::as_str)
                    && !message.is_empty()
                    && text_hash(message) == hash
                {
                    return Ok(Some(RemotePost {
                        id: id.to_owned(),
                        url: Some(Self::post_url(id)),
                    }));
                }
            }
            match page.pointer("/paging/next").and_then(Value::as_str) {
                // The token goes with the next page only to Graph itself.
                Some(next) if same_origin(next, &self.base) => url = next.to_owned(),
                Some(next) if !next.is_empty() => {
                    return Err(ChannelError {
                        class: ErrorClass::Transient,
                        kind: ChannelKind::Facebook,
                        code: "foreign-next-page".into(),
                        message: "the next page of the feed is on another host".into(),
                    });
                }
                _ => return Ok(None),
            }
        }
        Ok(None)
    }
}

impl Channel for FacebookPage {
    fn kind(&self) -> ChannelKind {
        ChannelKind::Facebook
    }

    fn verify(&mut self) -> Result<String, ChannelError> {
        let url = format!("{}?fields=id,name", self.url(&self.page_id));
        let page = self.check(self.http.send(self.read(url))?, false)?;
        page.get("name")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| ChannelError {
                class: ErrorClass::Auth,
                kind: ChannelKind::Facebook,
                code: "no-page-name".into(),
                message: "the page answered without a name: is the id a Page?".into(),
            })
    }

    fn probe(&mut self) -> Result<(), ChannelError> {
        // Any HTTP answer (Graph answers 400 to a bare version URL) means the host is reachable.
        self.http.send(Call::get(self.base.clone())).map(|_| ())
    }

    fn publishes_photos_inline(&self, post: &PostContent) -> bool {
        post.photos.len() == 1 && post.video.is_none()
    }

    fn upload_video(
        &mut self,
        post: &PostContent,
        sink: crate::VideoSink<'_>,
    ) -> Result<RemoteMedia, ChannelError> {
        self.upload_video_chunks(post, sink)
    }

    fn upload_media(
        &mut self,
        post: &PostContent,
        index: usize,
        progress: Progress<'_>,
    ) -> Result<RemoteMedia, ChannelError> {
        let photo = post.photos.get(index).ok_or_else(|| missing(index))?;
        let scheduled = self.schedule(post, Utc::now())?.is_some();
        let mut form = Multipart::new()
            .field("access_token", &self.token)
            .field("published", "false");
        if scheduled {
            // A scheduled multi-photo post needs its unpublished photos kept until it goes out.
            form = form.field("temporary", "true");
        }
        if !photo.alt_text.is_empty() {
            form = form.field("alt_text_custom", &photo.alt_text);
        }
        form = form.file("source", &photo.path, image_content_type(&photo.path));
        let call = Call::post(
            self.url(&format!("{}/photos", self.page_id)),
            Payload::Multipart(form),
        )
        .progress(progress);
        let answer = self.check(self.http.send(call)?, true)?;
        let id = string_field(&answer, "id").ok_or_else(|| bad_answer(&answer))?;
        Ok(RemoteMedia { id, url: None })
    }

    fn publish(
        &mut self,
        post: &PostContent,
        media: &[RemoteMedia],
        progress: Progress<'_>,
    ) -> Result<RemotePost, ChannelError> {
        let schedule = self.schedule(post, Utc::now())?;
        let message = Self::message(post);
        if post.video.is_some() {
            return self.finish_video(post, &message, schedule);
        }
        let schedule_fields = schedule
            .map(|ts| {
                vec![
                    ("published", "false".to_owned()),
                    ("scheduled_publish_time", ts.to_string()),
                ]
            })
            .unwrap_or_default();

        let call = if post.photos.len() == 1 {
            let photo = &post.photos[0];
            let mut form = Multipart::new()
                .field("access_token", &self.token)
                .field("message", &message);
            for (k, v) in &schedule_fields {
                form = form.field(k, v);
            }
            if !photo.alt_text.is_empty() {
                form = form.field("alt_text_custom", &photo.alt_text);
            }
            form = form.file("source", &photo.path, image_content_type(&photo.path));
            Call::post(
                self.url(&format!("{}/photos", self.page_id)),
                Payload::Multipart(form),
            )
            .progress(progress)
        } else {
            if media.len() != post.photos.len() {
                return Err(missing(media.len()));
            }
            let attached: Vec<(String, String)> = media
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    (
                        format!("attached_media[{i}]"),
                        json!({ "media_fbid": m.id }).to_string(),
                    )
                })
                .collect();
            let mut fields: Vec<(&str, &str)> =
                vec![("access_token", &self.token), ("message", &message)];
            for (k, v) in &attached {
                fields.push((k, v));
            }
            for (k, v) in &schedule_fields {
                fields.push((k, v));
            }
            Call::post(
                self.url(&format!("{}/feed", self.page_id)),
                Payload::form(&fields),
            )
            .progress(progress)
        };
        let answer = self.check(self.http.send(call)?, true)?;
        // /photos answers {"id": photo, "post_id": post}; /feed answers {"id": post}.
        let id = string_field(&answer, "post_id")
            .or_else(|| string_field(&answer, "id"))
            .ok_or_else(|| bad_answer(&answer))?;
        Ok(RemotePost {
            url: Some(Self::post_url(&id)),
            id,
        })
    }

    fn take_usage_pause_secs(&mut self) -> Option<u64> {
        self.usage_pause.take()
    }

    fn find_published(
        &mut self,
        post: &PostContent,
        since: DateTime<Utc>,
    ) -> Result<Option<RemotePost>, ChannelError> {
        if post.video.is_some() {
            return self.find_video(post, &Self::message(post));
        }
        // The page shows the whole message, title line included.
        let hash = text_hash(&Self::message(post));
        let since = since.timestamp() - READ_BACK_SLACK_SECS;
        let feed = format!(
            "{}?fields=id,message,created_time&since={since}&limit=100",
            self.url(&format!("{}/feed", self.page_id))
        );
        if let Some(found) = self.scan(feed, &hash, "message")? {
            return Ok(Some(found));
        }
        // A post handed to Facebook's scheduler is not in the feed until it goes out.
        if post.scheduled_at.is_some_and(|at| at > Utc::now()) {
            let scheduled = format!(
                "{}?fields=id,message,scheduled_publish_time&limit=100",
                self.url(&format!("{}/scheduled_posts", self.page_id))
            );
            return self.scan(scheduled, &hash, "message");
        }
        Ok(None)
    }
}

fn string_field(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn bad_answer(v: &Value) -> ChannelError {
    // A 2xx answer without an id: Facebook did something we cannot name; read back.
    ChannelError {
        class: ErrorClass::Ambiguous,
        kind: ChannelKind::Facebook,
        code: "bad-answer".into(),
        message: classify::excerpt(v.to_string().as_bytes()),
    }
}

fn missing(index: usize) -> ChannelError {
    ChannelError {
        class: ErrorClass::Invalid,
        kind: ChannelKind::Facebook,
        code: "missing-media".into(),
        message: format!("photo {} has not been uploaded", index + 1),
    }
}
