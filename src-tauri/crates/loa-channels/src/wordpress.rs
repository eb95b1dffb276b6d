//! A WordPress site through the REST API, authenticated with an application password (HTTP Basic).
//!
//! Endpoints (developer.wordpress.org/rest-api/reference):
//! - `GET /wp-json/wp/v2/users/me` — test connection (fails 401 with a wrong password);
//!   `GET /wp-json/` — the site's name.
//! - `POST /wp-json/wp/v2/media` — raw file body with `Content-Type`,
//!   `Content-Disposition: attachment; filename=…` ("Media", create) and `Content-MD5` (the
//!   body's MD5 in hex: core refuses a body that does not match with 412
//!   `rest_upload_hash_mismatch`, so a body cut short by a proxy is never stored); `alt_text` as
//!   a parameter. The answer's `media_details.filesize` must be the file's size.
//! - Before a photo or a video goes up, `GET /wp-json/wp/v2/media?search=<file stem>` finds what earlier
//!   attempts left (an upload whose answer was lost, a kill): a whole copy is used instead of
//!   uploading again, and the other copies are deleted (`DELETE …/media/{id}?force=true`), so
//!   no orphan stays public in the media library.
//! - Publishing is idempotent by construction: `POST /wp-json/wp/v2/posts` creates the post as a
//!   `draft` under Loa's slug (a repeated create only makes a draft nobody sees), then
//!   `POST /wp-json/wp/v2/posts/{id}` sets `status` (`publish` | `future` with `date_gmt`) on
//!   that one post — an update is safe to repeat. A slow host that saves a create after its
//!   answer was lost leaves a second draft: drafts under Loa's slug are listed
//!   (`GET …/posts?slug=…&status=draft,pending,publish,future`), one is kept and the others are
//!   deleted (`DELETE …/posts/{id}?force=true`) before publishing, since WordPress makes a
//!   published slug unique against drafts too.
//! - `GET /wp-json/wp/v2/posts?slug=…&status=publish,future` — read-back by the client-made slug.

use base64::Engine;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::classify;
use crate::http::{
    Call, Http, Payload, Reply, image_content_type, join, query_component, video_content_type,
};
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
/// the first (which is the featured image) as image blocks, in order; a video post gets its
/// video as a video block (the block editor's `wp:video`, which themes without blocks still show
/// as a `<video>` element) after the text.
fn content(post: &PostContent, media: &[RemoteMedia]) -> String {
    let mut html = String::new();
    for p in paragraphs(&post.text) {
        let lines: Vec<String> = p.split('\n').map(html_escape).collect();
        html.push_str(&format!("<p>{}</p>\n", lines.join("<br />\n")));
    }
    if post.video.is_some() {
        if let Some(m) = media.first()
            && let Some(url) = &m.url
        {
            let id =
                m.id.parse::<u64>()
                    .map(|n| n.to_string())
                    .unwrap_or_default();
            let attrs = if id.is_empty() {
                String::new()
            } else {
                format!(" {{\"id\":{id}}}")
            };
            html.push_str(&format!(
                "<!-- wp:video{attrs} -->\n<figure class=\"wp-block-video\"><video controls src=\"{}\"></video></figure>\n<!-- /wp:video -->\n",
                html_escape(url)
            ));
        }
        return html;
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

impl WordPressSite {
    /// The items of a list answer (`GET …?…`) that `keep` accepts.
    fn list(&self, url: String, keep: impl Fn(&Value) -> bool) -> Result<Vec<Value>, ChannelError> {
        let list = self.get(url)?;
        Ok(list
            .as_array()
            .into_iter()
            .flatten()
            .filter(|v| keep(v))
            .cloned()
            .collect())
    }

    /// Loa's posts under `slug` in the given statuses (drafts need the application password).
    fn posts_by_slug(&self, slug: &str, statuses: &str) -> Result<Vec<Value>, ChannelError> {
        let url = format!(
            "{}?slug={}&status={statuses}&per_page=100",
            self.api("wp/v2/posts"),
            query_component(slug)
        );
        self.list(url, |p| p.get("slug").and_then(Value::as_str) == Some(slug))
    }

    /// Media items earlier attempts uploaded under file `stem` (see [`is_copy_of`]).
    fn media_named(&self, stem: &str) -> Result<Vec<Value>, ChannelError> {
        let url = format!(
            "{}?search={}&per_page=100",
            self.api("wp/v2/media"),
            query_component(stem)
        );
        self.list(url, |m| is_copy_of(title_of(m), stem))
    }

    /// Puts one file in the media library, exactly once: what earlier attempts left under its
    /// name (an answer lost, a kill) is used when whole and deleted otherwise, so no orphan
    /// stays public; the body carries its `Content-MD5` (WordPress refuses a body that does not
    /// match); and a copy stored at another size is deleted and the upload tried again.
    fn put_media(
        &self,
        file: &MediaFile<'_>,
        query: Option<String>,
        progress: Progress<'_>,
    ) -> Result<RemoteMedia, ChannelError> {
        let earlier = self.media_named(file.stem)?;
        let whole = earlier
            .iter()
            .find(|m| stored_size(m) == Some(file.size))
            .and_then(|m| Some((post_id(m)?, m)));
        for m in &earlier {
            if let Some(id) = post_id(m)
                && whole.is_none_or(|(keep, _)| keep != id)
            {
                self.delete_media(id);
            }
        }
        if let Some((id, m)) = whole {
            return Ok(RemoteMedia {
                id: id.to_string(),
                url: m
                    .get("source_url")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            });
        }
        let md5 = file_md5(file.path).map_err(|e| ChannelError {
            class: ErrorClass::Invalid,
            kind: ChannelKind::Wordpress,
            code: "missing-media".into(),
            message: format!("{} cannot be read: {}", file.what, e.kind()),
        })?;
        let mut url = self.api("wp/v2/media");
        if let Some(q) = query {
            url.push('?');
            url.push_str(&q);
        }
        let call = Call::post(
            url,
            Payload::File {
                content_type: file.content_type.into(),
                path: file.path.to_path_buf(),
            },
        )
        .header("authorization", self.authorization.clone())
        .header(
            "content-disposition",
            format!("attachment; filename=\"{}\"", file.file_name),
        )
        .header("content-md5", md5)
        .progress(progress);
        let answer = self.check(self.http.send(call)?, true)?;
        let id = id_string(&answer).ok_or_else(|| bad_answer(&answer))?;
        if let Some(stored) = stored_size(&answer)
            && stored != file.size
        {
            // Stored short (or long): useless, and public. Remove it and send it again.
            if let Some(n) = post_id(&answer) {
                self.delete_media(n);
            }
            return Err(ChannelError {
                class: ErrorClass::Transient,
                kind: ChannelKind::Wordpress,
                code: "upload-size-mismatch".into(),
                message: format!(
                    "the site stored {stored} of {}'s {} bytes",
                    file.what, file.size
                ),
            });
        }
        let url = answer
            .get("source_url")
            .and_then(Value::as_str)
            .map(str::to_owned);
        Ok(RemoteMedia { id, url })
    }

    /// Deletes a media item for good (attachments have no trash). Best effort: an orphan the
    /// next attempt still sees is deleted then.
    fn delete_media(&self, id: u64) {
        let call = Call::delete(format!(
            "{}?force=true",
            self.api(&format!("wp/v2/media/{id}"))
        ))
        .header("authorization", self.authorization.clone());
        let _ = self.http.send(call);
    }

    /// Deletes the drafts of `posts` but `keep`: copies a slow host saved late. Best effort:
    /// a draft left over is invisible, and the next publish or read-back tries again.
    fn delete_drafts(&self, posts: &[Value], keep: Option<u64>) {
        for id in posts
            .iter()
            .filter(|p| matches!(status_of(p), "draft" | "pending"))
            .filter_map(post_id)
            .filter(|id| Some(*id) != keep)
        {
            let call = Call::delete(format!(
                "{}?force=true",
                self.api(&format!("wp/v2/posts/{id}"))
            ))
            .header("authorization", self.authorization.clone());
            let _ = self.http.send(call);
        }
    }
}

/// A file for the media library: its name there (`stem` and `file_name`), where it is on disk,
/// its size, and what to call it in an error ("photo 2", "the video").
struct MediaFile<'a> {
    stem: &'a str,
    file_name: &'a str,
    path: &'a std::path::Path,
    size: u64,
    content_type: &'static str,
    what: String,
}

/// A media item's title as WordPress answers it (`{"raw","rendered"}` or a plain string).
fn title_of(m: &Value) -> &str {
    let t = m.get("title");
    t.and_then(|t| t.get("raw"))
        .or_else(|| t.and_then(|t| t.get("rendered")))
        .or(t)
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// Whether `title` is the file `stem` or a copy WordPress renamed (`stem-1`, `stem-2`…).
fn is_copy_of(title: &str, stem: &str) -> bool {
    match title.strip_prefix(stem) {
        Some("") => true,
        Some(rest) => rest
            .strip_prefix('-')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
        None => false,
    }
}

fn stored_size(m: &Value) -> Option<u64> {
    m.pointer("/media_details/filesize").and_then(Value::as_u64)
}

/// The MD5 of a file in lower-case hex (WordPress compares `Content-MD5` with PHP's `md5()`).
fn file_md5(path: &std::path::Path) -> std::io::Result<String> {
    use md5::{Digest, Md5};
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Md5::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

fn status_of(p: &Value) -> &str {
    p.get("status").and_then(Value::as_str).unwrap_or_default()
}

fn post_id(p: &Value) -> Option<u64> {
    id_string(p)?.parse().ok()
}

fn remote_post(p: &Value) -> Option<RemotePost> {
    Some(RemotePost {
        id: id_string(p)?,
        url: p.get("link").and_then(Value::as_str).map(str::to_owned),
    })
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
        let stem = format!("{stem}-{:02}", index + 1);
        let file_name = format!("{stem}.{ext}");
        let query = (!photo.alt_text.is_empty())
            .then(|| format!("alt_text={}", query_component(&nfc(&photo.alt_text))));
        let file = MediaFile {
            stem: &stem,
            file_name: &file_name,
            path: &photo.path,
            size: photo.size,
            content_type: image_content_type(&photo.path),
            what: format!("photo {}", index + 1),
        };
        self.put_media(&file, query, progress)
    }

    fn upload_video(
        &mut self,
        post: &PostContent,
        sink: crate::VideoSink<'_>,
    ) -> Result<RemoteMedia, ChannelError> {
        let video = post.video.as_ref().ok_or_else(|| ChannelError {
            class: ErrorClass::Invalid,
            kind: ChannelKind::Wordpress,
            code: "missing-media".into(),
            message: "the post has no video".into(),
        })?;
        if let Some(id) = &video.remote_id {
            return Ok(RemoteMedia {
                id: id.clone(),
                url: video.remote_url.clone(),
            });
        }
        let ext = video
            .path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_else(|| "mp4".into());
        let stem: String = wp_slug(post).chars().take(60).collect();
        let stem = format!("{stem}-video");
        let file_name = format!("{stem}.{ext}");
        // One request, like a photo (the REST API has no resumable upload), found again by its
        // name after a lost answer, checked by its MD5 and its stored size.
        let mut wire = 0u64;
        let mut count = |n: u64| wire = n;
        let file = MediaFile {
            stem: &stem,
            file_name: &file_name,
            path: &video.path,
            size: video.size,
            content_type: video_content_type(&video.path),
            what: "the video".to_owned(),
        };
        let result = self.put_media(&file, None, &mut count);
        let mut state = crate::VideoUpload {
            bytes_sent: wire,
            ..video.upload.clone()
        };
        let remote = match result {
            Ok(r) => r,
            Err(e) => {
                let _ = sink(&state);
                return Err(e);
            }
        };
        state.start_offset = video.size;
        state.end_offset = Some(video.size);
        if !sink(&state) {
            return Err(ChannelError {
                class: ErrorClass::Transient,
                kind: ChannelKind::Wordpress,
                code: "not-recorded".into(),
                message: "the upload could not be recorded".into(),
            });
        }
        Ok(remote)
    }

    fn publish(
        &mut self,
        post: &PostContent,
        media: &[RemoteMedia],
        progress: Progress<'_>,
    ) -> Result<RemotePost, ChannelError> {
        let expected = if post.video.is_some() {
            1
        } else {
            post.photos.len()
        };
        if media.len() != expected {
            return Err(ChannelError {
                class: ErrorClass::Invalid,
                kind: ChannelKind::Wordpress,
                code: "missing-media".into(),
                message: format!("photo {} has not been uploaded", media.len() + 1),
            });
        }
        let slug = wp_slug(post);
        let mut body = json!({
            "title": loa_platforms::compose::title(&post.title),
            "content": content(post, media),
            "status": "draft",
            "slug": slug,
        });
        if let Some(first) = media.first().filter(|_| post.video.is_none()) {
            // featured_media is an integer in the schema.
            body["featured_media"] = first
                .id
                .parse::<u64>()
                .map(Value::from)
                .unwrap_or_else(|_| first.id.clone().into());
        }
        let mine = self.posts_by_slug(&slug, "draft,pending,publish,future")?;
        if let Some(done) = mine
            .iter()
            .find(|p| matches!(status_of(p), "publish" | "future"))
        {
            // Published by an earlier attempt whose answer was lost.
            self.delete_drafts(&mine, None);
            return remote_post(done).ok_or_else(|| bad_answer(done));
        }
        let draft_id = match mine.iter().filter_map(post_id).min() {
            Some(id) => id,
            None => {
                // A draft is invisible: creating it again is harmless, so a failure here is
                // only ever retried, never read back.
                let call = Call::post(self.api("wp/v2/posts"), Payload::json(&body))
                    .header("authorization", self.authorization.clone())
                    .read_only();
                let answer = self.check(self.http.send(call)?, false)?;
                post_id(&answer).ok_or_else(|| bad_answer(&answer))?
            }
        };
        self.delete_drafts(&mine, Some(draft_id));
        body["status"] = "publish".into();
        if let Some(at) = post
            .scheduled_at
            .filter(|at| (*at - Utc::now()).num_seconds() >= FUTURE_MIN_SECS)
        {
            body["status"] = "future".into();
            // date_gmt: the site's own time zone does not matter.
            body["date_gmt"] = at.format("%Y-%m-%dT%H:%M:%S").to_string().into();
        }
        let call = Call::post(
            self.api(&format!("wp/v2/posts/{draft_id}")),
            Payload::json(&body),
        )
        .header("authorization", self.authorization.clone())
        .progress(progress);
        let answer = self.check(self.http.send(call)?, true)?;
        remote_post(&answer).ok_or_else(|| bad_answer(&answer))
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
        Ok(found.and_then(remote_post))
    }
}
