//! Publishing in the app: `loa-publish`'s publishing service (the same one `loa sync` starts),
//! its events forwarded to the page as [`OUTBOX_EVENT`], and the commands of the queue view, the
//! channel settings and the editor's "queue" dialog. Like [`crate::commands`], each command is an
//! adapter over `loa-core` and `loa-publish`; the decisions (limits, checks, secrets, state
//! machine, retries) live there.
//!
//! All HTTP happens here in Rust (the worker, "test connection"): the page never talks to the
//! network, and secrets never travel back to it.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use loa_core::{ChannelInfo, IpcError, LoaError, NewChannel, OutboxItem, PlatformDefaults, Store};
use loa_publish::credentials::Backend;
use loa_publish::{
    ChannelSecrets, CredentialStore, ItemProgress, LinkState, PublishingService, RunMode,
    WorkerConfig,
};
use serde::{Deserialize, Serialize};
use tauri::{Emitter, State};

use crate::Core;
use crate::commands::blocking;

type Res<T> = Result<T, IpcError>;

/// The event that carries each [`loa_publish::Event`] to the page.
pub const OUTBOX_EVENT: &str = "outbox-event";

type Ready = Result<Arc<PublishingService>, IpcError>;

/// The app's publishing side: set once the starting thread has opened the credential store
/// (which may ask the OS keyring over D-Bus, so it is not done on the start-up path).
#[derive(Debug, Default)]
pub struct Publishing {
    ready: Arc<OnceLock<Ready>>,
    /// Sign-ins under way (connecting a Page or an OA, see [`crate::connect`]).
    logins: Arc<loa_publish::Logins>,
}

impl Publishing {
    /// Opens the credential store and starts `loa-publish`'s service on a thread of its own,
    /// which then forwards the worker's events to the window. Without a profile, publishing
    /// reports the profile's error.
    pub fn start(&self, store: Result<Arc<Store>, IpcError>, app: tauri::AppHandle) {
        let store = match store {
            Ok(s) => s,
            Err(e) => {
                let _ = self.ready.set(Err(e));
                return;
            }
        };
        let ready = self.ready.clone();
        let spawned = std::thread::Builder::new()
            .name("loa-outbox-events".into())
            .spawn(move || start_and_forward(store, app, &ready));
        if let Err(e) = spawned {
            let _ = self
                .ready
                .set(Err(IpcError::internal(Some(format!("outbox thread: {e}")))));
        }
    }

    /// Stops the worker (it releases its channel leases), waiting a little for it.
    pub fn stop(&self) {
        if let Some(Ok(service)) = self.ready.get() {
            service.stop(Duration::from_secs(2));
        }
    }

    /// The sign-ins under way.
    pub fn logins(&self) -> &Arc<loa_publish::Logins> {
        &self.logins
    }

    /// The running service, waiting (off the async threads) for it to have started.
    pub(crate) async fn service(&self) -> Res<Arc<PublishingService>> {
        if let Some(r) = self.ready.get() {
            return r.clone();
        }
        let ready = self.ready.clone();
        blocking(move || Ok(ready.wait().clone())).await?
    }
}

impl Publishing {
    /// Tells the outbox worker that items were queued or re-timed by something other than
    /// `queue_draft` (the calendar). Without a running service there is nobody to tell.
    pub(crate) fn wake(&self) {
        if let Some(Ok(service)) = self.ready.get() {
            service.handle().wake();
        }
    }
}

/// Opens the credential store, starts the service, then forwards its events until it stops.
fn start_and_forward(store: Arc<Store>, app: tauri::AppHandle, ready: &OnceLock<Ready>) {
    let credentials = match loa_publish::credentials::open(store.dir(), |path| {
        // The window shows this too (see `publish_status`); the log keeps it for support.
        eprintln!(
            "loa: no keyring service answers; channel secrets are kept in {}",
            path.display()
        );
    }) {
        Ok(c) => Arc::<dyn CredentialStore>::from(c),
        Err(e) => {
            eprintln!("loa: publishing is off: {e}");
            let _ = ready.set(Err(e.into()));
            return;
        }
    };
    let started = PublishingService::start(
        store,
        credentials,
        RunMode::Forever,
        WorkerConfig::from_env(),
    );
    let events = match started {
        Ok((service, events)) => {
            let _ = ready.set(Ok(Arc::new(service)));
            events
        }
        Err(e) => {
            let _ = ready.set(Err(e.into()));
            return;
        }
    };
    // Ends when the worker (the sender side) is dropped.
    for event in events {
        let _ = app.emit(OUTBOX_EVENT, &event);
    }
}

/// A channel as the settings panel shows it: never its secrets, only whether some are saved.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct ChannelView {
    pub channel: ChannelInfo,
    pub secret_saved: bool,
    /// The link to its host as last seen by the worker.
    pub link: LinkState,
}

/// One outbox item with its live byte progress (while the worker sends it).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct QueueEntry {
    pub item: OutboxItem,
    pub progress: Option<ItemProgress>,
    /// A sentence (Fluent id) for the item's last error when its code says what the officer can
    /// change (`loa_channels::advice_id`); otherwise the window says it by state.
    pub advice: Option<String>,
    /// The platform's own answer, for whoever helps the officer: shown folded away, never as
    /// the message. `None` when there is none, or the stored error is the worker's own note.
    pub technical: Option<TechnicalDetail>,
}

/// What the platform answered, verbatim (redacted when it was stored).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct TechnicalDetail {
    pub code: String,
    pub message: String,
}

impl QueueEntry {
    pub fn new(item: OutboxItem, progress: Option<ItemProgress>) -> Self {
        let error = item.last_error.as_ref();
        let advice = error
            .and_then(|e| loa_channels::advice_id(item.channel_kind, &e.code))
            .map(str::to_owned);
        let technical = error
            .filter(|e| !loa_publish::is_worker_note(&e.code))
            .map(|e| TechnicalDetail {
                code: e.code.clone(),
                message: e.message.clone(),
            });
        Self {
            item,
            progress,
            advice,
            technical,
        }
    }
}

/// What queueing a draft for one channel gave: the new item, or why the core refused.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct QueueOutcome {
    pub channel_id: i64,
    pub item: Option<OutboxItem>,
    pub error: Option<IpcError>,
}

/// The link to one channel's host.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct ChannelLink {
    pub channel_id: i64,
    pub link: LinkState,
}

/// The header's indicator and the queue view's pause button.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct PublishStatus {
    /// The officer paused all publishing.
    pub paused: bool,
    /// Channels the worker has tried; the others are not known yet.
    pub links: Vec<ChannelLink>,
    /// Where secrets are kept when no keyring answers (the window warns about it).
    pub credentials_file: Option<String>,
}

fn parse_at(at: Option<&str>) -> Result<Option<chrono::DateTime<chrono::Utc>>, LoaError> {
    at.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            chrono::DateTime::parse_from_rfc3339(s)
                .map(|t| t.to_utc())
                .map_err(|_| LoaError::InvalidValue {
                    field: "at".to_owned(),
                    value: s.to_owned(),
                    allowed: "RFC 3339".to_owned(),
                })
        })
        .transpose()
}

#[tauri::command]
#[specta::specta]
pub async fn list_channels(core: State<'_, Core>) -> Res<Vec<ChannelView>> {
    let outbox = core.publish.service().await?;
    let links = outbox.handle().links();
    let store = core.shared_store()?;
    blocking(move || {
        store
            .publishing()
            .channels()?
            .into_iter()
            .map(|channel| {
                Ok(ChannelView {
                    secret_saved: outbox.credentials().get(channel.id)?.is_some(),
                    link: links
                        .get(&channel.id)
                        .copied()
                        .unwrap_or(LinkState::Unknown),
                    channel,
                })
            })
            .collect()
    })
    .await
}

/// Creates or updates (same name) a channel; typed secrets go to the credential store only (a
/// blank field keeps the stored secret: `loa_publish::save_channel` has the rule).
#[tauri::command]
#[specta::specta]
pub async fn save_channel(
    core: State<'_, Core>,
    input: NewChannel,
    secrets: ChannelSecrets,
) -> Res<ChannelInfo> {
    let outbox = core.publish.service().await?;
    let store = core.shared_store()?;
    blocking(move || {
        let (channel, _) =
            loa_publish::save_channel(&store, outbox.credentials().as_ref(), &input, &secrets)?;
        outbox.handle().wake();
        Ok(channel)
    })
    .await
}

/// Pauses or resumes one channel.
#[tauri::command]
#[specta::specta]
pub async fn set_channel_paused(core: State<'_, Core>, id: i64, paused: bool) -> Res<ChannelInfo> {
    let channel = core.store()?.publishing().set_channel_paused(id, paused)?;
    core.publish.service().await?.handle().wake();
    Ok(channel)
}

/// "Test connection": the page, OA or site name, or the platform's refusal.
#[tauri::command]
#[specta::specta]
pub async fn test_channel(core: State<'_, Core>, id: i64) -> Res<String> {
    let outbox = core.publish.service().await?;
    let store = core.shared_store()?;
    blocking(move || {
        loa_publish::test_channel(&store, outbox.credentials(), outbox.factory(), id)
            .inspect(|_| outbox.handle().wake())
    })
    .await
}

/// Queues a draft for each channel, at `at` (RFC 3339) if given. One outcome per channel, in
/// order: the core runs the checks and the platform's limits and may refuse one channel only.
#[tauri::command]
#[specta::specta]
pub async fn queue_draft(
    core: State<'_, Core>,
    draft_id: i64,
    channel_ids: Vec<i64>,
    at: Option<String>,
) -> Res<Vec<QueueOutcome>> {
    let at = parse_at(at.as_deref())?;
    let outbox = core.publish.service().await?;
    let store = core.shared_store()?;
    blocking(move || {
        let outcomes = channel_ids
            .into_iter()
            .map(
                |channel_id| match store.publishing().queue(draft_id, channel_id, at) {
                    Ok(item) => QueueOutcome {
                        channel_id,
                        item: Some(item),
                        error: None,
                    },
                    Err(e) => QueueOutcome {
                        channel_id,
                        item: None,
                        error: Some(e.into()),
                    },
                },
            )
            .collect();
        outbox.handle().wake();
        Ok(outcomes)
    })
    .await
}

/// Every outbox item, oldest first, with the live progress of those being sent.
#[tauri::command]
#[specta::specta]
pub async fn list_outbox(core: State<'_, Core>) -> Res<Vec<QueueEntry>> {
    let progress = core.publish.service().await?.handle().progress();
    Ok(core
        .store()?
        .publishing()
        .outbox()?
        .into_iter()
        .map(|item| {
            let live = progress.get(&item.id).copied();
            QueueEntry::new(item, live)
        })
        .collect())
}

/// Sends a failed item back to the queue; an unconfirmed one only when the officer confirms the
/// post is not on the page.
#[tauri::command]
#[specta::specta]
pub async fn retry_outbox_item(
    core: State<'_, Core>,
    id: i64,
    confirmed_not_published: bool,
) -> Res<OutboxItem> {
    let item = core
        .store()?
        .publishing()
        .retry(id, confirmed_not_published)?;
    core.publish.service().await?.handle().wake();
    Ok(item)
}

#[tauri::command]
#[specta::specta]
pub async fn cancel_outbox_item(core: State<'_, Core>, id: i64) -> Res<OutboxItem> {
    Ok(core.store()?.publishing().cancel(id)?)
}

/// The officer found the post on the page: published, with the link they give.
#[tauri::command]
#[specta::specta]
pub async fn mark_outbox_published(core: State<'_, Core>, id: i64, url: String) -> Res<OutboxItem> {
    Ok(core.store()?.publishing().mark_published(id, &url)?)
}

/// What the channel form shows before the officer types anything: each platform's default API
/// address, spacing and photo preset (`loa-platforms`, the one home of these facts).
#[tauri::command]
#[specta::specta]
pub async fn platform_defaults() -> Res<Vec<PlatformDefaults>> {
    Ok(loa_core::ChannelKind::ALL
        .into_iter()
        .map(loa_core::ChannelKind::defaults)
        .collect())
}

/// Pauses or resumes all publishing.
#[tauri::command]
#[specta::specta]
pub async fn set_outbox_paused(core: State<'_, Core>, paused: bool) -> Res<()> {
    core.store()?.publishing().set_paused(paused)?;
    core.publish.service().await?.handle().wake();
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn publish_status(core: State<'_, Core>) -> Res<PublishStatus> {
    let outbox = core.publish.service().await?;
    Ok(PublishStatus {
        paused: core.store()?.publishing().paused()?,
        links: outbox
            .handle()
            .links()
            .into_iter()
            .map(|(channel_id, link)| ChannelLink { channel_id, link })
            .collect(),
        credentials_file: match outbox.credentials().backend() {
            Backend::File(path) => Some(path.display().to_string()),
            Backend::Keyring | Backend::Memory => None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_is_rfc3339_with_its_offset() {
        let t = parse_at(Some("2025-07-29T14:30:00+07:00"))
            .expect("valid")
            .expect("some");
        assert_eq!(t.to_rfc3339(), "2025-07-29T07:30:00+00:00");
        assert!(parse_at(Some(" ")).expect("blank").is_none());
        assert!(parse_at(None).expect("none").is_none());
        assert!(matches!(
            parse_at(Some("29/07/2025 14:30")),
            Err(LoaError::InvalidValue { .. })
        ));
    }
}

/// The text of a post as each platform will receive it, for the "Đăng…" dialog's preview:
/// composed by `loa-platforms`, the same functions the channels send with.
#[derive(Debug, Serialize, specta::Type)]
pub struct PostPreview {
    /// Facebook's `message`: the title line, a blank line, the body.
    pub facebook_message: String,
    /// A Zalo OA article's title and the summary shown under it (cut as Zalo's limit cuts it).
    pub zalo_title: String,
    pub zalo_description: String,
}

#[tauri::command]
#[specta::specta]
pub fn post_preview(title: String, body: String) -> Res<PostPreview> {
    let zalo = loa_platforms::compose::zalo_article(&title, &body, "");
    Ok(PostPreview {
        facebook_message: loa_platforms::compose::facebook_message(&title, &body),
        zalo_title: zalo.title,
        zalo_description: zalo.description,
    })
}
