//! # loa-core
//!
//! Everything Loa knows how to do, as a plain library, laid out by feature:
//!
//! - [`drafts`]: what the officer writes — drafts with revisions and a trash, search
//!   ([`drafts::search`]), file import ([`drafts::import`]), legacy-encoding offers
//!   ([`drafts::legacy`]) and the checks before queueing ([`drafts::checks`]);
//! - [`media`]: the photo library, watch folders, a draft's photos, the watermark and "prepare
//!   for posting";
//! - [`templates`]: infographic templates in the profile, and drafts made from them
//!   ([`templates::drafts`]);
//! - [`publishing`]: channels, the outbox and its state machine, the worker's operations
//!   ([`publishing::OutboxPort`]) and photos attached for posting;
//! - [`profile`]: the commune profile (commune, province, logo, default watermark, language)
//!   and the first-run setup;
//! - [`backup`]: the daily copy of the database, "Back up to…" one file and "Restore from…".
//! - [`reports`]: a period's figures for superiors and the reach figures read from Facebook.
//! - [`calendar`]: recurring sections (chuyên mục), their occurrences filled with drafts, the
//!   week's calendar with holidays, empty-slot warnings and queueing from the plan.
//! - [`videos`]: the video library, a draft's one video and its compressed copy.
//!
//! Around them, the few cross-cutting modules: [`db`] (the SQLite file and its append-only
//! migrations), [`error`] (typed errors and their IPC form), [`clock`], [`i18n`] (Fluent),
//! [`lang`], [`paths`], [`settings`] and [`text`] (NFC).
//!
//! [`Store`] owns the profile's one SQLite connection and hands out a view per feature —
//! `store.drafts()`, `store.media()`, `store.templates()`, `store.publishing()`,
//! `store.reports()` — each a thin
//! handle over the same connection, every operation one transaction.
//!
//! It deliberately knows nothing about Tauri, windows or the terminal (the desktop shell
//! `loa-app` and the `loa` command line are two thin front doors over it), nor about HTTP
//! (`loa-channels`) or the platforms' numbers (`loa-platforms`, which it reads).

pub mod backup;
pub mod calendar;
pub mod clock;
pub mod crash;
pub mod db;
pub mod drafts;
pub mod error;
pub mod i18n;
pub mod lang;
pub mod lock;
pub mod media;
pub mod paths;
pub mod privacy;
pub mod profile;
pub mod publishing;
pub mod reports;
pub mod settings;
pub mod store;
pub mod templates;
pub mod text;
pub mod videos;

pub use calendar::{CalendarView, EmptySlotView, SeriesInput, SeriesView};
pub use clock::{Clock, ManualClock, SystemClock};
pub use drafts::checks::{CheckFinding, CheckSeverity};
pub use drafts::import::ImportOutcome;
pub use drafts::legacy::{LegacyEncoding, LegacyOffer};
pub use drafts::search::{SearchHit, SearchQuery};
pub use drafts::{Draft, DraftPatch, DraftStatus, DraftSummary, NewDraft, Revision, Topic};
pub use error::{ErrorCode, ErrorDetails, IpcError, LimitMessage, LoaError};
pub use i18n::Localizer;
pub use lang::Lang;
pub use loa_platforms::{ChannelKind, LimitViolation, PhotoPreset, PlatformDefaults};
pub use media::{
    DraftPhoto, MediaImportOutcome, MediaItem, MediaSource, NewDraftPhoto, PrepareOptions,
    PrepareProgress, PreparedPhoto, WatchEvent, WatchFolder, WatchFolders, WatermarkPosition,
    WatermarkSettings,
};
pub use profile::{CommuneProfile, Province, ProvinceKind, WatermarkChoice};
pub use publishing::{
    ChannelHold, ChannelInfo, ChannelStatus, ConnectFailure, FacebookApp, LeaseOutcome, NewChannel,
    OutboxAction, OutboxCounts, OutboxError, OutboxItem, OutboxMedia, OutboxPort, OutboxState,
    OutboxVideo, PostVideo, Transition, UploadProgress, ZaloApp,
};
pub use reports::{
    NewReading, ReachMeasures, ReachPost, ReachTarget, ReadingOutcome, ReadingScope, Reports,
};
pub use settings::Settings;
pub use store::Store;
pub use templates::drafts::{
    RasterOptions, RenderedImage, TemplateData, TemplateDraft, TemplatePreview,
    TemplatePreviewInfo, TemplateRenderer, TemplateRequest, TemplateValue,
};
pub use templates::{AuthorEvent, PackWatcher, SeedOutcome, TemplateInfo, TemplateOrigin};
pub use videos::{DraftVideo, PreparedVideo, VideoEstimate, VideoItem, VideoProgress, Videos};

/// The result type of every fallible core operation.
pub type Result<T, E = LoaError> = std::result::Result<T, E>;
