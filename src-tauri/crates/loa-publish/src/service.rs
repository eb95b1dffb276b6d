//! The publishing service: the outbox worker on its own thread, with what the officer's actions
//! need of it (its credential store, its channel factory, a handle to wake it). The desktop app
//! (`src-tauri/src/publish.rs`) and `loa sync` (`loa-cli/src/sync.rs`) both start it here and
//! only forward its [`Event`]s: to the window, or as lines on the terminal.

use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use loa_core::{LoaError, Result, Store};

use crate::credentials::CredentialStore;
use crate::deps::{ChannelFactory, PlatformChannels, RealSleeper};
use crate::{Event, SyncReport, SystemRng, Worker, WorkerConfig, WorkerHandle};

/// How long the worker runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunMode {
    /// Until stopped: the queue drains by itself whenever a link comes back (the app,
    /// `loa sync`).
    Forever,
    /// Until nothing more can be done now (`loa sync --once`), then report.
    Once,
}

/// What the worker thread hands back: a report for [`RunMode::Once`].
type Outcome = Result<Option<SyncReport>>;

/// A running outbox worker and the handles around it.
pub struct PublishingService {
    credentials: Arc<dyn CredentialStore>,
    factory: Arc<dyn ChannelFactory>,
    handle: WorkerHandle,
    thread: Mutex<Option<JoinHandle<Outcome>>>,
}

impl std::fmt::Debug for PublishingService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PublishingService")
            .field("credentials", &self.credentials)
            .field("handle", &self.handle)
            .finish_non_exhaustive()
    }
}

impl PublishingService {
    /// Starts the worker over `store` with the real channel clients, the real clock and
    /// `credentials` (opened by the front end, which knows how to warn about a fallback file).
    /// Returns the service and the stream of its events, subscribed before the first step so
    /// none is missed.
    pub fn start(
        store: Arc<Store>,
        credentials: Arc<dyn CredentialStore>,
        mode: RunMode,
        mut config: WorkerConfig,
    ) -> Result<(Self, Receiver<Event>)> {
        if mode == RunMode::Once {
            // Nothing to keep an online indicator fresh for.
            config.idle_probe = None;
        }
        let factory: Arc<dyn ChannelFactory> = Arc::new(PlatformChannels);
        let deps = crate::Deps {
            factory: factory.clone(),
            credentials: credentials.clone(),
            sleeper: Arc::new(RealSleeper),
            rng: Box::new(SystemRng::new()),
        };
        let mut worker = Worker::new(store, deps, config);
        let handle = worker.handle();
        let events = handle.subscribe();
        let thread = std::thread::Builder::new()
            .name("loa-outbox".into())
            .spawn(move || match mode {
                RunMode::Once => worker.run_once().map(Some),
                RunMode::Forever => {
                    worker.run();
                    Ok(None)
                }
            })
            .map_err(|e| LoaError::Credentials {
                detail: format!("the publishing thread could not start: {e}"),
            })?;
        Ok((
            Self {
                credentials,
                factory,
                handle,
                thread: Mutex::new(Some(thread)),
            },
            events,
        ))
    }

    pub fn handle(&self) -> &WorkerHandle {
        &self.handle
    }

    pub fn credentials(&self) -> &Arc<dyn CredentialStore> {
        &self.credentials
    }

    pub fn factory(&self) -> &dyn ChannelFactory {
        self.factory.as_ref()
    }

    fn thread(&self) -> MutexGuard<'_, Option<JoinHandle<Outcome>>> {
        // A panic elsewhere while holding the lock leaves the slot valid.
        self.thread.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The worker has ended (stopped, or `--once` done).
    pub fn is_finished(&self) -> bool {
        self.thread().as_ref().is_none_or(JoinHandle::is_finished)
    }

    /// Asks the worker to stop after its current step and waits up to `patience` for it (it
    /// releases its channel leases). A step stuck in a slow upload is left behind: the next
    /// start takes the channel over, its lease naming a process that is gone.
    pub fn stop(&self, patience: Duration) {
        self.handle.stop();
        let deadline = Instant::now() + patience;
        while !self.is_finished() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        if self.is_finished() {
            let _ = self.join();
        }
    }

    /// Waits for the worker to end and returns what it reported: `--once`'s report, `None`
    /// for a worker that ran until stopped (or was joined before), the store's error if one
    /// stopped it, or [`WorkerCrashed`] if its thread panicked.
    pub fn join(&self) -> std::result::Result<Result<Option<SyncReport>>, WorkerCrashed> {
        match self.thread().take() {
            Some(thread) => thread.join().map_err(|_| WorkerCrashed),
            None => Ok(Ok(None)),
        }
    }
}

/// The worker thread panicked (a bug): what it had committed stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkerCrashed;
