//! Publishing in the app: the outbox worker on its own thread, its events forwarded to the page as
//! [`OUTBOX_EVENT`], and the commands of the queue view, the channel settings and the editor's
//! "queue" dialog. Like [`crate::commands`], each command is an adapter over `loa-core` and
//! `loa-publish`; the decisions (limits, checks, state machine, retries) live there.
//!
//! All HTTP happens here in Rust (the worker, "test connection"): the page never talks to the
//! network, and secrets never travel back to it.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use loa_channels::Credentials;
use loa_core::{ChannelInfo, IpcError, LoaError, NewChannel, OutboxItem, Store};
use loa_publish::credentials::Backend;
use loa_publish::{
    ChannelFactory, CredentialStore, Deps, ItemProgress, LinkState, PlatformChannels, RealSleeper,
    SystemRng, Worker, WorkerConfig, WorkerHandle,
};
use serde::{Deserialize, Serialize};
use tauri::{Emitter, State};

use crate::Core;
use crate::commands::blocking;

type Res<T> = Result<T, IpcError>;

/// The event that carries each [`loa_publish::Event`] to the page.
pub const OUTBOX_EVENT: &str = "outbox-event";

/// What the commands need once the worker runs.
struct Outbox {
    credentials: Arc<dyn CredentialStore>,
    factory: Arc<dyn ChannelFactory>,
    handle: WorkerHandle,
}

impl std::fmt::Debug for Outbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outbox")
            .field("credentials", &self.credentials)
            .field("handle", &self.handle)
            .finish_non_exhaustive()
    }
}

type Ready = Result<Arc<Outbox>, IpcError>;

/// The app's publishing side: set once the worker thread has opened the credential store
/// (which may ask the OS keyring over D-Bus, so it is not done on the start-up path).
#[derive(Debug, Default)]
pub struct Publishing {
    ready: Arc<OnceLock<Ready>>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl Publishing {
    /// Starts the worker on its own thread, and a second thread that forwards its events to the
    /// window. Without a profile, publishing reports the profile's error.
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
            .name("loa-outbox".into())
            .spawn(move || run_worker(store, app, &ready));
        match spawned {
            Ok(t) => *self.thread.lock().unwrap_or_else(|e| e.into_inner()) = Some(t),
            Err(e) => {
                let _ = self.ready.set(Err(internal(format!("outbox thread: {e}"))));
            }
        }
    }

    /// Asks the worker to stop after its current step and waits a little for it: it releases its
    /// channel leases. A step stuck in a slow upload is left behind; the next start takes the
    /// channel over (the lease names a process that is gone).
    pub fn stop(&self) {
        if let Some(Ok(outbox)) = self.ready.get() {
            outbox.handle.stop();
        }
        let Some(thread) = self.thread.lock().unwrap_or_else(|e| e.into_inner()).take() else {
            return;
        };
        let deadline = Instant::now() + Duration::from_secs(2);
        while !thread.is_finished() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        if thread.is_finished() {
            let _ = thread.join();
        }
    }

    /// The running outbox, waiting (off the async threads) for the worker thread to open it.
    async fn outbox(&self) -> Res<Arc<Outbox>> {
        if let Some(r) = self.ready.get() {
            return r.clone();
        }
        let ready = self.ready.clone();
        blocking(move || Ok(ready.wait().clone())).await?
    }
}

fn internal(detail: String) -> IpcError {
    let code = loa_core::ErrorCode::Internal;
    IpcError {
        code,
        message_id: code.message_id().to_owned(),
        args: BTreeMap::from([("detail".to_owned(), detail)]),
    }
}

/// The worker thread: opens the credential store, publishes the handle, forwards events, runs.
fn run_worker(store: Arc<Store>, app: tauri::AppHandle, ready: &OnceLock<Ready>) {
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
    let factory: Arc<dyn ChannelFactory> = Arc::new(PlatformChannels);
    let deps = Deps {
        factory: factory.clone(),
        credentials: credentials.clone(),
        sleeper: Arc::new(RealSleeper),
        rng: Box::new(SystemRng::new()),
    };
    let mut worker = Worker::new(store, deps, WorkerConfig::from_env());
    let handle = worker.handle();
    let events = handle.subscribe();
    let forward = std::thread::Builder::new()
        .name("loa-outbox-events".into())
        .spawn(move || {
            // Ends when the worker (the sender side) is dropped.
            for event in events {
                let _ = app.emit(OUTBOX_EVENT, &event);
            }
        });
    if let Err(e) = forward {
        eprintln!("loa: outbox events will not reach the window: {e}");
    }
    let _ = ready.set(Ok(Arc::new(Outbox {
        credentials,
        factory,
        handle,
    })));
    worker.run();
}

/// A channel as the settings panel shows it: never its secrets, only whether some are saved.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct ChannelView {
    pub channel: ChannelInfo,
    pub secret_saved: bool,
    /// The link to its host as last seen by the worker.
    pub link: LinkState,
}

/// Secrets typed in the channel form. A blank field keeps what is stored.
#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct ChannelSecrets {
    /// Facebook page token, Zalo access token, WordPress application password.
    pub token: String,
    pub refresh_token: String,
    pub app_id: String,
    pub secret_key: String,
}

/// The stored secrets with the typed ones over them; `None` when nothing was typed (keep).
fn merged_secrets(stored: Option<Credentials>, typed: &ChannelSecrets) -> Option<Credentials> {
    let field = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let (token, refresh, app_id, secret) = (
        field(&typed.token),
        field(&typed.refresh_token),
        field(&typed.app_id),
        field(&typed.secret_key),
    );
    if token.is_none() && refresh.is_none() && app_id.is_none() && secret.is_none() {
        return None;
    }
    let mut c = stored.unwrap_or_default();
    if let Some(t) = token {
        c.token = t;
    }
    c.refresh_token = refresh.or(c.refresh_token);
    c.app_id = app_id.or(c.app_id);
    c.secret_key = secret.or(c.secret_key);
    Some(c)
}

/// One outbox item with its live byte progress (while the worker sends it).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct QueueEntry {
    pub item: OutboxItem,
    pub progress: Option<ItemProgress>,
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
    let outbox = core.publish.outbox().await?;
    let links = outbox.handle.links();
    let store = core.shared_store()?;
    blocking(move || {
        store
            .publishing()
            .channels()?
            .into_iter()
            .map(|channel| {
                Ok(ChannelView {
                    secret_saved: outbox.credentials.get(channel.id)?.is_some(),
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

/// Creates or updates (same name) a channel; typed secrets go to the credential store only.
#[tauri::command]
#[specta::specta]
pub async fn save_channel(
    core: State<'_, Core>,
    input: NewChannel,
    secrets: ChannelSecrets,
) -> Res<ChannelInfo> {
    let outbox = core.publish.outbox().await?;
    let store = core.shared_store()?;
    let saved = blocking(move || {
        let stored = match store.publishing().channel_by_name(&input.name) {
            Ok(c) => outbox.credentials.get(c.id)?,
            Err(LoaError::ChannelNotFound { .. }) => None,
            Err(e) => return Err(e),
        };
        let secrets = merged_secrets(stored, &secrets);
        let (channel, _) = loa_publish::save_channel(
            &store,
            outbox.credentials.as_ref(),
            &input,
            secrets.as_ref(),
        )?;
        outbox.handle.wake();
        Ok(channel)
    })
    .await?;
    Ok(saved)
}

/// Pauses or resumes one channel.
#[tauri::command]
#[specta::specta]
pub async fn set_channel_paused(core: State<'_, Core>, id: i64, paused: bool) -> Res<ChannelInfo> {
    let channel = core.store()?.publishing().set_channel_paused(id, paused)?;
    core.publish.outbox().await?.handle.wake();
    Ok(channel)
}

/// "Test connection": the page, OA or site name, or the platform's refusal.
#[tauri::command]
#[specta::specta]
pub async fn test_channel(core: State<'_, Core>, id: i64) -> Res<String> {
    let outbox = core.publish.outbox().await?;
    let store = core.shared_store()?;
    let name = blocking(move || {
        loa_publish::test_channel(&store, &outbox.credentials, outbox.factory.as_ref(), id)
            .inspect(|_| outbox.handle.wake())
    })
    .await?;
    Ok(name)
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
    let outbox = core.publish.outbox().await?;
    let store = core.shared_store()?;
    let outcomes = blocking(move || {
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
        outbox.handle.wake();
        Ok(outcomes)
    })
    .await?;
    Ok(outcomes)
}

/// Every outbox item, oldest first, with the live progress of those being sent.
#[tauri::command]
#[specta::specta]
pub async fn list_outbox(core: State<'_, Core>) -> Res<Vec<QueueEntry>> {
    let progress = core.publish.outbox().await?.handle.progress();
    Ok(core
        .store()?
        .publishing()
        .outbox()?
        .into_iter()
        .map(|item| QueueEntry {
            progress: progress.get(&item.id).copied(),
            item,
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
    core.publish.outbox().await?.handle.wake();
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

/// Pauses or resumes all publishing.
#[tauri::command]
#[specta::specta]
pub async fn set_outbox_paused(core: State<'_, Core>, paused: bool) -> Res<()> {
    core.store()?.publishing().set_paused(paused)?;
    core.publish.outbox().await?.handle.wake();
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn publish_status(core: State<'_, Core>) -> Res<PublishStatus> {
    let outbox = core.publish.outbox().await?;
    Ok(PublishStatus {
        paused: core.store()?.publishing().paused()?,
        links: outbox
            .handle
            .links()
            .into_iter()
            .map(|(channel_id, link)| ChannelLink { channel_id, link })
            .collect(),
        credentials_file: match outbox.credentials.backend() {
            Backend::File(path) => Some(path.display().to_string()),
            Backend::Keyring | Backend::Memory => None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(token: &str, refresh: &str) -> ChannelSecrets {
        ChannelSecrets {
            token: token.into(),
            refresh_token: refresh.into(),
            ..ChannelSecrets::default()
        }
    }

    #[test]
    fn blank_secret_fields_keep_the_stored_ones() {
        let stored = Credentials {
            token: "old".into(),
            refresh_token: Some("r-old".into()),
            app_id: Some("app".into()),
            secret_key: Some("sk".into()),
        };
        assert!(merged_secrets(Some(stored.clone()), &typed("  ", "")).is_none());
        let c = merged_secrets(Some(stored), &typed(" new \n", "")).expect("typed");
        assert_eq!(c.token, "new");
        assert_eq!(c.refresh_token.as_deref(), Some("r-old"));
        assert_eq!(c.app_id.as_deref(), Some("app"));
        let fresh = merged_secrets(None, &typed("t", "r")).expect("typed");
        assert_eq!(
            (fresh.token.as_str(), fresh.refresh_token.as_deref()),
            ("t", Some("r"))
        );
        assert!(fresh.secret_key.is_none());
    }

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
