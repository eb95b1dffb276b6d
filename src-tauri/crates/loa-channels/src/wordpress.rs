//! A WordPress site through the REST API, authenticated with an application password (HTTP Basic).
//!
//! Endpoints (developer.wordpress.org/rest-api/reference):
//! - `GET /wp-json/wp/v2/users/me` — test connection (fails 401 with a wrong password);
//!   `GET /wp-json/` — the site's name.
//! - `POST /wp-json/wp/v2/media` — raw file body with `Content-Type` and
//!   `Content-Disposition: attachment; filename=…` ("Media", create); `alt_text` as a parameter.
//! - `POST /wp-json/wp/v2/posts` — `title`, `content`, `status` (`publish` | `future` with
//!   `date_gmt`), `slug`, `featured_media` ("Posts", create).
//! - `GET /wp-json/wp/v2/posts?slug=…&status=publish,future` — read-back by the client-made slug.

use base64::Engine;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::classify;
use crate::http::{Call, Http, Payload, Reply, image_content_type, join, query_component};
use crate::text::{html_escape, nfc, paragraphs, slugify};
use crate::{
    Channel, ChannelConfig, ChannelError, ChannelKind, Credentials, ErrorClass, PostContent,
    Progress, RemoteMedia, RemotePost,
};

/// A post scheduled less than this far ahead is simply published: WordPress would publish a
/// `future` post whose date has passed by the time it is saved anyway.
const FUTURE_MIN_SECS: i64 = 60;

/// A WordPress site.
#[derive(Debug)]
pub struct WordPressSite {
    http: Http,
    site: String,
    authorization: String,
}

impl WordPressSite {
    pub fn new(config: ChannelConfig, creds: Credentials) -> WordPressSite {
        let pair = format!("{}:{}", config.user, creds.token);
        WordPressSite {
            http: Http::new(ChannelKind::Wordpress, config.timeout),
            site: config.base_url,
            authorization: format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(pair)
            ),
        }
    }

    fn api(&self, path: &str) -> String {
        join(&self.site, &format!("wp-json/{path}"))
    }

    fn check(&self, reply: Reply, acts: bool) -> Result<Value, ChannelError> {
        if reply.is_success() {
            return reply.json().ok_or_else(|| ChannelError {
                class: if acts {
                    ErrorClass::Ambiguous
                } else {
                    ErrorClass::Transient
                },
                kind: ChannelKind::Wordpress,
                code: "bad-answer".into(),
                message: reply.text(),
            });
        }
        Err(classify::wordpress(
            reply.status,
            &reply.body,
            &reply.usage,
            acts,
        ))
    }

    fn get(&self, url: String) -> Result<Value, ChannelError> {
        let reply = self
            .http
            .send(Call::get(url).header("authorization", self.authorization.clone()))?;
        self.check(reply, false)
    }
}

/// The post body: paragraphs from blank lines (single line breaks kept), then the photos after
/// the first (which is the featured image) as image blocks, in order.
fn content(post: &PostContent, media: &[RemoteMedia]) -> String {
    let mut html = String::new();
    for p in paragraphs(&post.text) {
        let lines: Vec<String> = p.split('\n').map(html_escape).collect();
        html.push_str(&format!("<p>{}</p>\n", lines.join("<br />\n")));
    }
    for (photo, m) in post.photos.iter().zip(media).skip(1) {
        let Some(url) = &m.url else { continue };
        html.push_str(&format!(
            "<figure class=\"wp-block-image\"><img src=\"{}\" alt=\"{}\" class=\"wp-image-{}\" /></figure>\n",
            html_escape(url),
            html_escape(&nfc(&photo.alt_text)),
            html_escape(&m.id)
        ));
    }
    html
}

/// The slug sent and searched for: WordPress keeps slugs as lower-case ASCII (it would
/// percent-encode anything else, and the exact-match read-back would miss it).
fn wp_slug(post: &PostContent) -> String {
    match slugify(&post.slug, 190) {
        s if s.is_empty() => format!("loa-{}", post.outbox_id),
        s => s,
    }
}

fn id_string(v: &Value) -> Option<String> {
    match v.get("id")? {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

fn bad_answer(v: &Value) -> ChannelError {
    ChannelError {
        class: ErrorClass::Ambiguous,
        kind: ChannelKind::Wordpress,
        code: "bad-answer".into(),
        message: classify::excerpt(v.to_string().as_bytes()),
    }
}

impl Channel for WordPressSite {
    fn kind(&self) -> ChannelKind {
        ChannelKind::Wordpress
    }

    fn verify(&mut self) -> Result<String, ChannelError> {
        let me = self.get(self.api("wp/v2/users/me"))?;
        let user = me
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        // The site's title reads better in "Connected to …"; older or locked-down sites may
        // hide the index, so the user's name is the fallback.
        let site = self
            .get(self.api(""))
            .ok()
            .and_then(|index| index.get("name").and_then(Value::as_str).map(str::to_owned))
            .filter(|s| !s.is_empty());
        Ok(site.unwrap_or(user))
    }

    fn probe(&mut self) -> Result<(), ChannelError> {
        self.http.send(Call::get(self.site.clone())).map(|_| ())
    }

    fn publishes_photos_inline(&self, _post: &PostContent) -> bool {
        false
    }

    fn upload_media(
        &mut self,
        post: &PostContent,
        index: usize,
        progress: Progress<'_>,
    ) -> Result<RemoteMedia, ChannelError> {
        let photo = post.photos.get(index).ok_or_else(|| ChannelError {
            class: ErrorClass::Invalid,
            kind: ChannelKind::Wordpress,
            code: "missing-media".into(),
            message: format!("the post has no photo {}", index + 1),
        })?;
        let ext = photo
            .path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_else(|| "jpg".into());
        // An ASCII file name: header values are not the place for Vietnamese letters, and
        // WordPress derives the media slug and URL from it.
        let stem: String = wp_slug(post).chars().take(60).collect();
        let file_name = format!("{stem}-{:02}.{ext}", index + 1);
        let mut url = self.api("wp/v2/media");
        if !photo.alt_text.is_empty() {
            url.push_str(&format!(
                "?alt_text={}",
                query_component(&nfc(&photo.alt_text))
            ));
        }
        let call = Call::post(
            url,
            Payload::File {
                content_type: image_content_type(&photo.path).into(),
                path: photo.path.clone(),
            },
        )
        .header("authorization", self.authorization.clone())
        .header(
            "content-disposition",
            format!("attachment; filename=\"{file_name}\""),
        )
        .progress(progress);
        let answer = self.check(self.http.send(call)?, true)?;
        let id = id_string(&answer).ok_or_else(|| bad_answer(&answer))?;
        let url = answer
            .get("source_url")
            .and_then(Value::as_str)
            .map(str::to_owned);
        Ok(RemoteMedia { id, url })
    }

    fn publish(
        &mut self,
        post: &PostContent,
        media: &[RemoteMedia],
        progress: Progress<'_>,
    ) -> Result<RemotePost, ChannelError> {
        if media.len() != post.photos.len() {
            return Err(ChannelError {
                class: ErrorClass::Invalid,
                kind: ChannelKind::Wordpress,
                code: "missing-media".into(),
                message: format!("photo {} has not been uploaded", media.len() + 1),
            });
        }
        let mut body = json!({
            "title": loa_platforms::compose::title(&post.title),
            "content": content(post, media),
            "status": "publish",
            "slug": wp_slug(post),
        });
        if let Some(at) = post
            .scheduled_at
            .filter(|at| (*at - Utc::now()).num_seconds() >= FUTURE_MIN_SECS)
        {
            body["status"] = "future".into();
            // date_gmt: the site's own time zone does not matter.
            body["date_gmt"] = at.format("%Y-%m-%dT%H:%M:%S").to_string().into();
        }
        if let Some(first) = media.first() {
            // featured_media is an integer in the schema.
            body["featured_media"] = first
                .id
                .parse::<u64>()
                .map(Value::from)
                .unwrap_or_else(|_| first.id.clone().into());
        }
        let call = Call::post(self.api("wp/v2/posts"), Payload::json(&body))
            .header("authorization", self.authorization.clone())
            .progress(progress);
        let answer = self.check(self.http.send(call)?, true)?;
        let id = id_string(&answer).ok_or_else(|| bad_answer(&answer))?;
        let url = answer
            .get("link")
            .and_then(Value::as_str)
            .map(str::to_owned);
        Ok(RemotePost { id, url })
    }

    fn find_published(
        &mut self,
        post: &PostContent,
        _since: DateTime<Utc>,
    ) -> Result<Option<RemotePost>, ChannelError> {
        // The slug is ours and stable per outbox row: no time window needed. WordPress gives a
        // second post with the same slug "-2", so an exact match is the one we made.
        let slug = wp_slug(post);
        let url = format!(
            "{}?slug={}&status=publish,future",
            self.api("wp/v2/posts"),
            query_component(&slug)
        );
        let list = self.get(url)?;
        let found = list
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p.get("slug").and_then(Value::as_str) == Some(slug.as_str()));
        Ok(found.and_then(|p| {
            Some(RemotePost {
                id: id_string(p)?,
                url: p.get("link").and_then(Value::as_str).map(str::to_owned),
            })
        }))
    }
}
