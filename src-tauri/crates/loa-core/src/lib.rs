//! # loa-core
//!
//! Everything Loa knows how to do, as a plain library: the profile's SQLite database and its
//! migrations, drafts with revisions and a trash, Unicode NFC normalisation on every write, file
//! import, and the Fluent messages the command line prints.
//!
//! It deliberately knows nothing about Tauri, windows or the terminal: the desktop shell
//! (`loa-app`) and the `loa` command line (`loa-cli`) are two thin front doors over [`Store`].

pub mod channels;
pub mod checks;
pub mod clock;
pub mod db;
pub mod drafts;
pub mod error;
pub mod i18n;
pub mod import;
pub mod lang;
pub mod legacy;
pub mod media;
pub mod outbox;
pub mod outbox_attach;
pub mod outbox_work;
pub mod paths;
pub mod search;
pub mod settings;
pub mod store;
pub mod template_drafts;
pub mod templates;
pub mod text;

pub use channels::{ChannelHold, ChannelInfo, ChannelKind, ChannelStatus, NewChannel};
pub use checks::{CheckFinding, CheckSeverity};
pub use clock::{Clock, ManualClock, SystemClock};
pub use drafts::{Draft, DraftPatch, DraftStatus, DraftSummary, NewDraft, Revision, Topic};
pub use error::{ErrorCode, IpcError, LoaError};
pub use i18n::Localizer;
pub use import::ImportOutcome;
pub use lang::Lang;
pub use legacy::{LegacyEncoding, LegacyOffer};
pub use media::{
    DraftPhoto, MediaImportOutcome, MediaItem, MediaSource, NewDraftPhoto, PrepareOptions,
    PreparePreset, PrepareProgress, PreparedPhoto, WatchEvent, WatchFolder, WatchFolders,
    WatermarkPosition, WatermarkSettings,
};
pub use outbox::{OutboxError, OutboxItem, OutboxMedia, OutboxState, QueueOptions, QueuePreview};
pub use outbox_work::{LeaseOutcome, OutboxCounts, Transition};
pub use search::{SearchHit, SearchQuery};
pub use settings::Settings;
pub use store::Store;
pub use template_drafts::{
    RasterOptions, RenderedImage, TemplateData, TemplateDraft, TemplatePreview,
    TemplatePreviewInfo, TemplateRenderer, TemplateRequest, TemplateValue,
};
pub use templates::{AuthorEvent, PackWatcher, SeedOutcome, TemplateInfo, TemplateOrigin};

/// The result type of every fallible core operation.
pub type Result<T, E = LoaError> = std::result::Result<T, E>;
