//! # loa-publish
//!
//! The outbox worker: every queued post reaches each of its channels exactly once, however the
//! link comes and goes and whenever the process is killed.
//!
//! - [`Worker`] walks the outbox (`loa-core`'s tables) and drives `loa-channels`' clients: photos
//!   first, one by one, each remote id committed the moment it returns; then `publishing` is
//!   committed and the post published; an answer that may have acted is read back before
//!   anything else ([`decide`]). Capped exponential backoff with jitter ([`backoff`]), spacing
//!   between publishes per channel, throttle and reconnect holds, connectivity probes.
//! - [`WorkerHandle`] lets the desktop shell stop or wake it, read per-byte progress and link
//!   states, and subscribe to [`Event`]s.
//! - [`credentials`]: channel secrets in the OS keyring, or — where no keyring service answers,
//!   or with `LOA_CREDENTIALS=file` — in `<data folder>/credentials.json` (mode 0600) with a
//!   warning each time a process starts using it. Never in the database.
//! - [`service`]: the worker on its own thread with what the officer's actions need of it — the
//!   one publishing service the desktop app and `loa sync` both start;
//! - [`reach`]: a report's figures with the reach measures, and "refresh reach" (Facebook
//!   insights stored in the profile as they are read);
//! - [`connect`]: connecting a Page or an OA by signing in on the platform's own page (PKCE,
//!   the code exchange, the Page list), the tokens going straight to the keyring;
//! - [`ops`]: saving a channel with its secrets (the rule for blank and moved secrets), testing a
//!   connection. Queueing is the core's (`store.publishing().queue`).
//!
//! The worker reaches the store only through `loa_core::OutboxPort` (leases, transitions,
//! uploads recorded, counts).
//!
//! Time, waiting, randomness and the channel clients are injected ([`Deps`]), so the tests run a
//! day of outages offline in milliseconds. This crate knows nothing of Tauri or the terminal.

pub mod backoff;
pub mod connect;
pub mod convert;
pub mod credentials;
pub mod decide;
pub mod deps;
pub mod events;
mod link;
pub mod ops;
pub mod reach;
pub mod service;
pub mod worker;

pub use backoff::{Backoff, Rng, SystemRng};
pub use connect::{LoginWindow, Logins, PageChoice, ZaloConnect};
pub use credentials::{Backend, CredentialStore, FileStore, KeyringStore, MemoryStore};
pub use decide::{Policy, is_worker_note};
pub use deps::{ChannelFactory, ClockSleeper, PlatformChannels, RealSleeper, Signal, Sleeper};
pub use events::{Event, ItemProgress, LinkState};
pub use ops::{ChannelSecrets, save_channel, test_channel};
pub use service::{PublishingService, RunMode, WorkerCrashed};
pub use worker::{
    ChannelReport, Deps, SyncReport, Tally, Tick, WaitReason, Waiting, Worker, WorkerConfig,
    WorkerHandle, owner_is_dead,
};
