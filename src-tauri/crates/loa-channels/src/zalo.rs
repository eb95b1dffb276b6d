//! Zalo Official Account: articles through the OA Open API.
//!
//! Endpoints (developers.zalo.me, Official Account API v2.0; the token in an `access_token`
//! header; the verdict in the body's `error` field, even with HTTP 200):
//! - `GET /v2.0/oa/getoa` — OA profile: test connection, and the OA's cover image, the article
//!   cover of a post without photos.
//!
//! Articles take image URLs only (cover `photo_url`, body `{"type":"image","url"}`). A Zalo
//! channel with an image host (a WordPress site, `ChannelConfig::image_host`) uploads each photo
//! to that site's media library and uses the URLs: the first photo is the cover, and all of them
//! follow the text in order. Without an image host a post with photos is refused (see `limits.rs`).
//!
//! - `POST /v2.0/article/create` — creates an article asynchronously, answers a `token`.
//! - `POST /v2.0/article/verify` `{"token"}` — the article id, or -214 while Zalo still
//!   processes the article's media: asked again a few times.
//! - `GET /v2.0/article/getslice?offset&limit&type=normal` and `GET /v2.0/article/getdetail?id`
//!   — read-back.
//! - `POST {oauth}/v4/oa/access_token` (header `secret_key`; form `refresh_token`, `app_id`,
//!   `grant_type=refresh_token`) — a new access token AND a new refresh token; the old refresh
//!   token works once. Refreshes run under a process-wide lock, and the new pair is handed to
//!   the worker through [`Channel::take_refreshed_credentials`].

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::classify::{self, ZaloOutcome};
use crate::http::{Call, Http, Payload, Reply, join, query_component};
use crate::text::nfc;
use crate::wordpress::WordPressSite;
use crate::{
    Channel, ChannelConfig, ChannelError, ChannelKind, CredentialSink, CredentialSource,
    Credentials, ErrorClass, PostContent, Progress, RemoteMedia, RemotePost, text_hash,
};
use loa_platforms::{ZALO, compose};

/// The code of a text-only article refused for want of a cover image (see
/// [`ChannelError::hint_id`]).
pub const NO_COVER: &str = "no-cover";

/// Refreshes tried for one call before the token is the officer's problem.
const MAX_REFRESHES_PER_CALL: u32 = 2;

/// Times `verify` is asked while Zalo answers "article is being processed".
const VERIFY_TRIES: u32 = 8;

/// Articles listed per read-back page (`getslice` documents at most 10), and the most pages
/// read: the list is newest first, so the walk ends at the first article older than the window
/// or at `total`, well before this bound on any commune's OA.
const READ_BACK_LIMIT: usize = 10;
const READ_BACK_PAGES: usize = 30;

/// Process-wide refresh lock, and the pairs already obtained, keyed by the refresh token they
/// replaced: a second client holding the same (now spent) refresh token adopts the new pair
/// instead of burning the OA's connection.
fn refreshes() -> MutexGuard<'static, HashMap<String, Credentials>> {
    static REFRESHES: OnceLock<Mutex<HashMap<String, Credentials>>> = OnceLock::new();
    REFRESHES
        .get_or_init(|| Mutex::new(HashMap::new()))
        .lock()
        // A panic elsewhere while holding the lock leaves the map valid: keep using it.
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A Zalo Official Account.
#[derive(Debug)]
pub struct ZaloOa {
    http: Http,
    base: String,
    oauth_base: String,
    /// The channel's name: each article's author line is made from it.
    name: String,
    creds: Credentials,
    refreshed: Option<Credentials>,
    cover: Option<String>,
    verify_pause: Duration,
    image_host: Option<WordPressSite>,
    sink: Hook<CredentialSink>,
    source: Hook<CredentialSource>,
}

/// One of the worker's closures (the credential sink or source), which have no `Debug`.
struct Hook<T>(Option<T>);

impl<T> Default for Hook<T> {
    fn default() -> Self {
        Hook(None)
    }
}

impl<T> std::fmt::Debug for Hook<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "set" } else { "none" })
    }
}

impl ZaloOa {
    pub fn new(config: ChannelConfig, creds: Credentials) -> ZaloOa {
        // Zalo's OAuth host in production; the sandbox answers on its own address.
        let oauth_base = ChannelKind::zalo_oauth_base(&config.base_url);
        let image_host = config.image_host.map(|host| {
            let (host_config, host_creds) = *host;
            WordPressSite::new(host_config, host_creds)
        });
        ZaloOa {
            image_host,
            http: Http::new(ChannelKind::Zalo, config.timeout),
            base: config.base_url,
            oauth_base,
            name: config.name.clone(),
            creds,
            refreshed: None,
            cover: None,
            verify_pause: Duration::from_secs(3),
            sink: Hook::default(),
            source: Hook::default(),
        }
    }

    /// How long to wait between `verify` calls while Zalo processes an article (tests shorten it).
    pub fn with_verify_pause(mut self, pause: Duration) -> ZaloOa {
        self.verify_pause = pause;
        self
    }

    fn url(&self, path: &str) -> String {
        join(&self.base, path)
    }

    /// Sends an API call with the current token. An "invalid token" answer means the call did
    /// not act: refresh and send it again. A token revoked again right after a refresh (an OA
    /// admin revoking sessions while we work) gets one more refresh; a third refusal is the
    /// officer's to fix.
    fn api(
        &mut self,
        build: &dyn Fn(&str) -> Call<'static>,
    ) -> Result<(ZaloOutcome, Value), ChannelError> {
        let mut refreshes = 0;
        loop {
            let call = build(&self.creds.token);
            let acts = call.acts;
            let reply = self.http.send(call)?;
            match outcome(&reply) {
                Some((ZaloOutcome::TokenInvalid, _))
                    if refreshes < MAX_REFRESHES_PER_CALL && self.can_refresh() =>
                {
                    self.refresh()?;
                    refreshes += 1;
                }
                Some((ZaloOutcome::Ok, body)) if reply.is_success() => {
                    return Ok((ZaloOutcome::Ok, body));
                }
                Some((ZaloOutcome::Processing, body)) => {
                    return Ok((ZaloOutcome::Processing, body));
                }
                _ => {
                    return Err(classify::zalo(
                        reply.status,
                        &reply.body,
                        &reply.usage,
                        acts,
                    ));
                }
            }
        }
    }

    fn can_refresh(&self) -> bool {
        self.creds
            .refresh_token
            .as_deref()
            .is_some_and(|t| !t.is_empty())
            && self.creds.app_id.as_deref().is_some_and(|t| !t.is_empty())
            && self
                .creds
                .secret_key
                .as_deref()
                .is_some_and(|t| !t.is_empty())
    }

    /// Trades the refresh token for a new pair, under the process-wide lock.
    fn refresh(&mut self) -> Result<(), ChannelError> {
        let old = self.creds.refresh_token.clone().unwrap_or_default();
        let mut done = refreshes();
        if let Some(newer) = done.get(&old) {
            self.adopt(newer.clone());
            return Ok(());
        }
        // Another process may have spent this refresh token already and stored the new pair:
        // take that one instead of asking again with a spent token.
        if let Some(stored) = self.source.0.as_mut().and_then(|read| read())
            && stored
                .refresh_token
                .as_deref()
                .is_some_and(|r| !r.is_empty() && r != old)
        {
            self.creds = stored.clone();
            self.refreshed = Some(stored);
            return Ok(());
        }
        let url = join(&self.oauth_base, "v4/oa/access_token");
        let app_id = self.creds.app_id.clone().unwrap_or_default();
        let secret = self.creds.secret_key.clone().unwrap_or_default();
        // A refresh that timed out after sending may or may not have spent the token; asking
        // again is safe either way (a spent token answers with an error body → reconnect).
        let mut last = None;
        for _ in 0..2 {
            let call = Call::post(
                url.clone(),
                Payload::form(&[
                    ("refresh_token", old.as_str()),
                    ("app_id", app_id.as_str()),
                    ("grant_type", "refresh_token"),
                ]),
            )
            .header("secret_key", secret.clone());
            match self.http.send(call) {
                Ok(reply) => {
                    let body = reply.json().unwrap_or(Value::Null);
                    let access = body
                        .get("access_token")
                        .and_then(Value::as_str)
                        .filter(|s| !s.is_empty());
                    let refresh = body
                        .get("refresh_token")
                        .and_then(Value::as_str)
                        .filter(|s| !s.is_empty());
                    return match (reply.is_success(), access, refresh) {
                        (true, Some(access), Some(refresh)) => {
                            let new = Credentials {
                                token: access.to_owned(),
                                refresh_token: Some(refresh.to_owned()),
                                app_id: self.creds.app_id.clone(),
                                secret_key: self.creds.secret_key.clone(),
                            };
                            done.insert(old, new.clone());
                            self.adopt(new);
                            Ok(())
                        }
                        _ => Err(classify::zalo_refresh(
                            reply.status,
                            &reply.body,
                            &reply.usage,
                        )),
                    };
                }
                Err(e) if matches!(e.class, ErrorClass::Ambiguous | ErrorClass::Transient) => {
                    last = Some(e)
                }
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| local(ErrorClass::Transient, "refresh", "refresh failed")))
    }

    /// Takes a new pair into use. The sink stores it first: the old refresh token is already
    /// spent, so a process killed between here and the end of the call must not lose the new one.
    fn adopt(&mut self, new: Credentials) {
        if let Some(sink) = self.sink.0.as_mut() {
            sink(&new);
        }
        self.creds = new.clone();
        self.refreshed = Some(new);
    }

    fn get_oa(&mut self) -> Result<Value, ChannelError> {
        let url = self.url("v2.0/oa/getoa");
        let (_, body) = self.api(&|token| Call::get(url.clone()).header("access_token", token))?;
        let data = body.get("data").cloned().unwrap_or(Value::Null);
        let cover = ["cover", "avatar"]
            .iter()
            .filter_map(|k| data.get(*k).and_then(Value::as_str))
            .find(|u| !u.is_empty())
            .map(str::to_owned);
        if cover.is_some() {
            self.cover = cover;
        }
        Ok(data)
    }

    /// Asks `verify` until Zalo has the article id (bounded).
    fn verify_article(&mut self, token: &str) -> Result<String, ChannelError> {
        let url = self.url("v2.0/article/verify");
        let payload = json!({ "token": token });
        for attempt in 0..VERIFY_TRIES {
            if attempt > 0 {
                std::thread::sleep(self.verify_pause);
            }
            let (outcome, body) = self.api(&|t| {
                Call::post(url.clone(), Payload::json(&payload))
                    .header("access_token", t)
                    // verify only reads the result of create.
                    .read_only()
            })?;
            if outcome == ZaloOutcome::Ok {
                return ["id", "article_id"]
                    .iter()
                    .find_map(|k| body.get("data").and_then(|d| string_field(d, k)))
                    .ok_or_else(|| local(ErrorClass::Ambiguous, "bad-answer", &body.to_string()));
            }
        }
        Err(local(
            ErrorClass::Ambiguous,
            "-214",
            "Zalo is still processing the article",
        ))
    }

    fn article_text(&mut self, id: &str) -> Result<String, ChannelError> {
        let url = format!(
            "{}?id={}",
            self.url("v2.0/article/getdetail"),
            query_component(id)
        );
        let (_, body) = self.api(&|t| Call::get(url.clone()).header("access_token", t))?;
        let text = body
            .pointer("/data/body")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter(|b| b.get("type").and_then(Value::as_str) == Some("text"))
            .filter_map(|b| b.get("content").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join("\n\n");
        Ok(text)
    }
}

fn outcome(reply: &Reply) -> Option<(ZaloOutcome, Value)> {
    let body = reply.json()?;
    classify::zalo_outcome(&body).map(|o| (o, body))
}

fn string_field(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn local(class: ErrorClass, code: &str, message: &str) -> ChannelError {
    ChannelError {
        class,
        kind: ChannelKind::Zalo,
        code: code.into(),
        message: message.into(),
    }
}

/// The article fields Loa sends, built from the post by `loa_platforms::compose::zalo_article`
/// (the checks count the same fields). A title the limits refuse is refused here too, before
/// anything is sent.
fn article(
    post: &PostContent,
    channel_name: &str,
    cover: &str,
    images: &[String],
) -> Result<Value, ChannelError> {
    let a = compose::zalo_article(&post.title, &post.text, channel_name);
    let max = ZALO.max_title_chars.unwrap_or(u32::MAX);
    let chars = a.title.chars().count();
    if chars == 0 || chars > max as usize {
        return Err(local(
            ErrorClass::Invalid,
            "title-length",
            &format!("the title must have 1 to {max} characters"),
        ));
    }
    let body: Vec<Value> = a
        .paragraphs
        .iter()
        .map(|p| json!({ "type": "text", "content": p }))
        .chain(
            images
                .iter()
                .map(|url| json!({ "type": "image", "url": url })),
        )
        .collect();
    Ok(json!({
        "type": "normal",
        "title": a.title,
        "author": a.author,
        "cover": { "cover_type": "photo", "photo_url": cover, "status": "show" },
        "description": a.description,
        "body": body,
        "status": "show",
        "comment": "show",
    }))
}

impl Channel for ZaloOa {
    fn kind(&self) -> ChannelKind {
        ChannelKind::Zalo
    }

    fn verify(&mut self) -> Result<String, ChannelError> {
        let data = self.get_oa()?;
        data.get("name")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| {
                local(
                    ErrorClass::Auth,
                    "no-oa-name",
                    "the OA profile carried no name",
                )
            })
    }

    fn probe(&mut self) -> Result<(), ChannelError> {
        self.http.send(Call::get(self.base.clone())).map(|_| ())
    }

    fn publishes_photos_inline(&self, _post: &PostContent) -> bool {
        // Without an image host there is nothing to upload (a post with photos is refused).
        self.image_host.is_none()
    }

    fn upload_media(
        &mut self,
        post: &PostContent,
        index: usize,
        progress: Progress<'_>,
    ) -> Result<RemoteMedia, ChannelError> {
        let host = self.image_host.as_mut().ok_or_else(photos_refused)?;
        let media = host
            .upload_media(post, index, progress)
            .map_err(|e| ChannelError {
                message: format!("image host: {}", e.message),
                ..e
            })?;
        if media.url.is_none() {
            return Err(local(
                ErrorClass::Invalid,
                "image-host-no-url",
                "the image host did not give the photo a web address",
            ));
        }
        Ok(media)
    }

    fn publish(
        &mut self,
        post: &PostContent,
        media: &[RemoteMedia],
        _progress: Progress<'_>,
    ) -> Result<RemotePost, ChannelError> {
        if !post.photos.is_empty() && self.image_host.is_none() {
            return Err(photos_refused());
        }
        let images: Vec<String> = media.iter().filter_map(|m| m.url.clone()).collect();
        if images.len() != post.photos.len() {
            return Err(local(
                ErrorClass::Invalid,
                "missing-media",
                &format!("photo {} has not been uploaded", images.len() + 1),
            ));
        }
        if let Some(at) = post.scheduled_at.filter(|at| *at > Utc::now()) {
            // Zalo has no scheduler; the worker waits until `publish_not_before`.
            return Err(local(
                ErrorClass::Transient,
                "not-due",
                &format!("scheduled for {at}"),
            ));
        }
        let cover = match images.first() {
            Some(first) => first.clone(),
            None => {
                if self.cover.is_none() {
                    self.get_oa()?;
                }
                // Not a token problem: reconnecting changes nothing. The post needs a photo (it
                // becomes the cover) or the OA a cover image of its own.
                self.cover.clone().ok_or_else(|| {
                    local(
                        ErrorClass::Invalid,
                        NO_COVER,
                        "the OA has no cover or avatar image to use as the article cover",
                    )
                })?
            }
        };
        let payload = article(post, &self.name, &cover, &images)?;
        let url = self.url("v2.0/article/create");
        let (_, created) = self
            .api(&|t| Call::post(url.clone(), Payload::json(&payload)).header("access_token", t))?;
        let token = created
            .get("data")
            .and_then(|d| string_field(d, "token"))
            .ok_or_else(|| local(ErrorClass::Ambiguous, "bad-answer", &created.to_string()))?;
        // The article exists from here on: whatever fails now, the worker must read back, never
        // create it again.
        let id = self.verify_article(&token).map_err(|e| ChannelError {
            class: ErrorClass::Ambiguous,
            ..e
        })?;
        Ok(RemotePost { id, url: None })
    }

    fn find_published(
        &mut self,
        post: &PostContent,
        since: DateTime<Utc>,
    ) -> Result<Option<RemotePost>, ChannelError> {
        let title = compose::title(&post.title);
        let hash = post.text_hash();
        // create_date is in milliseconds; the worker's window already allows for clocks.
        let since_ms = since.timestamp_millis();
        let mut offset = 0usize;
        for _ in 0..READ_BACK_PAGES {
            let url = format!(
                "{}?offset={offset}&limit={READ_BACK_LIMIT}&type=normal",
                self.url("v2.0/article/getslice"),
            );
            let (_, body) = self.api(&|t| Call::get(url.clone()).header("access_token", t))?;
            let medias: Vec<Value> = body
                .pointer("/data/medias")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let total = body
                .pointer("/data/total")
                .and_then(|t| t.as_u64().or_else(|| t.as_str()?.parse().ok()));
            let mut past_window = false;
            for m in &medias {
                let created = m.get("create_date").and_then(|d| {
                    d.as_i64()
                        .or_else(|| d.as_str().and_then(|s| s.parse().ok()))
                });
                // Newest first: from the first article older than the window on, none can be
                // the one sought.
                if created.is_some_and(|d| d < since_ms) {
                    past_window = true;
                    break;
                }
                let same_title = m
                    .get("title")
                    .and_then(Value::as_str)
                    .map(|t| nfc(t.trim()))
                    == Some(title.clone());
                let Some(id) = string_field(m, "id") else {
                    continue;
                };
                if !same_title {
                    continue;
                }
                if text_hash(&self.article_text(&id)?) == hash {
                    let url = m
                        .get("link_view")
                        .and_then(Value::as_str)
                        .map(str::to_owned);
                    return Ok(Some(RemotePost { id, url }));
                }
            }
            offset += medias.len();
            // A page may be shorter than asked without being the last (Zalo caps the limit):
            // `total` says when the list ends; without it, an empty page does.
            let listed_all = match total {
                Some(total) => offset as u64 >= total,
                None => medias.is_empty(),
            };
            if past_window || listed_all || medias.is_empty() {
                return Ok(None);
            }
        }
        // Still inside the window after the last page read: it cannot tell.
        Err(local(
            ErrorClass::Transient,
            "read-back-incomplete",
            "the OA lists more recent articles than Loa reads back",
        ))
    }

    fn take_refreshed_credentials(&mut self) -> Option<Credentials> {
        self.refreshed.take()
    }

    fn set_credential_sink(&mut self, sink: CredentialSink) {
        self.sink = Hook(Some(sink));
    }

    fn set_credential_source(&mut self, source: CredentialSource) {
        self.source = Hook(Some(source));
    }
}

fn photos_refused() -> ChannelError {
    local(
        ErrorClass::Invalid,
        "photos-need-host",
        "Zalo articles take photos by web address only: set a website as this channel's image host, or remove the photos for Zalo",
    )
}
