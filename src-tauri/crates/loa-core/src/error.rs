//! Loa's errors: one typed enum for the core, and its serialisable form for the UI.
//!
//! Every variant has a stable [`ErrorCode`] and a Fluent message id (`error-<code>`), so the UI and
//! the command line show the same sentence in the officer's language. Nothing here is ever a
//! `String` error or a panic.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{ChannelKind, LimitViolation, OutboxAction, OutboxState};

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum LoaError {
    #[error("draft {id} not found")]
    DraftNotFound { id: i64 },
    #[error("revision {revision} of draft {draft} not found")]
    RevisionNotFound { draft: i64, revision: i64 },
    #[error("draft {id} is in the trash")]
    DraftInTrash { id: i64 },
    /// Only publishing marks a draft published: by hand it would hide a post that never went out.
    #[error("draft {id} cannot be marked published by hand")]
    PublishedByHand { id: i64 },
    /// The system's browser or file manager could not be started.
    #[error("cannot open {target}: {source}")]
    OpenWithSystem {
        target: String,
        #[source]
        source: std::io::Error,
    },
    /// A post without an address on its platform (not published yet, or the platform gave none).
    #[error("nothing to open")]
    NothingToOpen,
    #[error("cannot use the data folder {}: {source}", path.display())]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("the database was written by a newer version of Loa")]
    DatabaseTooNew,
    #[error("database migration failed: {0}")]
    Migration(rusqlite_migration::Error),
    #[error("invalid value {value:?} for {field}")]
    InvalidValue {
        field: String,
        value: String,
        /// The accepted values, comma-separated, so the message can say what to type instead.
        allowed: String,
    },
    #[error("cannot read {}: {source}", path.display())]
    ReadFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file the officer asked for (an exported report) could not be written.
    #[error("cannot write {}: {source}", path.display())]
    WriteFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{} is not UTF-8 text", path.display())]
    FileNotUtf8 { path: PathBuf },
    #[error("{} is empty", path.display())]
    FileEmpty { path: PathBuf },
    #[error("{} is not a .txt, .md, .rtf or .docx file", path.display())]
    FileUnsupported { path: PathBuf },
    #[error("cannot read the text of {}: {detail}", path.display())]
    FileUnreadable { path: PathBuf, detail: String },
    /// Blocking findings nobody overrode stop queueing; they travel with the error.
    #[error("draft {id} cannot be queued: {} blocking finding(s)", findings.len())]
    ChecksBlock {
        id: i64,
        findings: Vec<crate::CheckFinding>,
    },
    #[error("an override needs a reason")]
    OverrideNeedsReason,
    #[error("photo {id} not found in the library")]
    MediaNotFound { id: i64 },
    #[error("{} is a {format} photo, which is not supported", path.display())]
    MediaUnsupported { path: PathBuf, format: String },
    #[error("{} is not a JPEG, PNG or WebP photo", path.display())]
    MediaNotAPhoto { path: PathBuf },
    #[error("the photo {} cannot be read: {detail}", path.display())]
    MediaUnreadable { path: PathBuf, detail: String },
    #[error("cannot write {} into the photo library: {source}", path.display())]
    MediaStore {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("photo {media_id} is not attached to draft {draft_id}")]
    MediaNotAttached { draft_id: i64, media_id: i64 },
    #[error("{} is not a folder", path.display())]
    FolderNotFound { path: PathBuf },
    #[error("watch folder {id} not found")]
    WatchFolderNotFound { id: i64 },
    #[error("cannot watch folders: {detail}")]
    Watch { detail: String },
    #[error("the logo {} cannot be used: {detail}", path.display())]
    WatermarkLogo { path: PathBuf, detail: String },
    /// The photo pipeline refused or failed on a photo; `message_id` and `args` come from
    /// `loa-media` (`media-error-<code>` in `media.ftl`).
    #[error("photo {media_id} could not be prepared: {code}")]
    MediaProcess {
        media_id: i64,
        code: String,
        message_id: String,
        args: BTreeMap<String, String>,
    },
    #[error("no channel named {name:?}")]
    ChannelNotFound { name: String },
    #[error("a channel named {name:?} already exists and publishes to {kind}")]
    ChannelKindMismatch { name: String, kind: ChannelKind },
    #[error("outbox item {id} not found")]
    OutboxItemNotFound { id: i64 },
    /// An officer's action that the item's state does not allow (cancel while publishing…).
    #[error("outbox item {id} is {state}: cannot {}", action.as_str())]
    OutboxWrongState {
        id: i64,
        state: OutboxState,
        action: OutboxAction,
    },
    #[error("draft {draft_id} is already queued for {channel}")]
    AlreadyQueued { draft_id: i64, channel: String },
    /// Retrying an unconfirmed item without the officer confirming it is not on the page.
    #[error("outbox item {id} may already be on the page; confirm before retrying")]
    ConfirmNotPublished { id: i64 },
    /// Another worker holds the channel, or the item changed under the worker: skip it.
    #[error("outbox item {id} changed while it was being worked on")]
    OutboxConflict { id: i64 },
    #[error("credential store: {detail}")]
    Credentials { detail: String },
    #[error("channel {channel} has no credentials")]
    MissingCredentials { channel: String },
    /// The platform would refuse the post as it is: each limit it breaks, typed.
    #[error("{channel} would refuse this post: {violations:?}")]
    ChannelLimits {
        channel: String,
        violations: Vec<LimitViolation>,
    },
    /// A saved channel's address changed: the stored secret belonged to the old one, so a new
    /// one must be typed.
    #[error("{channel} now points elsewhere: its secret must be given again")]
    ChannelSecretNeeded { channel: String },
    /// A channel's address Loa will not send secrets to: plain `http` off this computer, a user
    /// name or password inside the address, or no address at all (`problem` is
    /// `loa_platforms::AddressProblem::code`). `url` is empty when it would show a password.
    #[error("{url} is not an address Loa sends secrets to ({problem})")]
    ChannelAddress { url: String, problem: String },
    /// A Zalo channel without an image host cannot carry photos.
    #[error("{channel} cannot carry photos without an image host")]
    PhotosNeedImageHost { channel: String },
    /// A post's video cannot go to this channel (`reason`: not_carried, too_large, too_long,
    /// with_photos, changed); `max` is the limit that refused it (megabytes, or minutes).
    #[error("{channel} cannot take this video: {reason}")]
    VideoRefused {
        channel: String,
        reason: String,
        max: Option<u64>,
    },
    /// A channel call made for the officer (test connection) failed.
    #[error("{channel}: {code} {message}")]
    ChannelFailed {
        channel: String,
        code: String,
        message: String,
        /// What kind of failure, for the sentence: `auth` (the token or application password
        /// was refused: the platform's English is not repeated, the officer is told to make a
        /// new one), `offline`, or `other` (the platform's own words are shown).
        reason: String,
    },
    /// Signing in to connect a Page or an OA connected nothing; the reason has its own sentence.
    #[error("connecting {platform} failed: {}", reason.as_str())]
    Connect {
        platform: ChannelKind,
        reason: crate::ConnectFailure,
        /// The page the officer chose, for [`crate::ConnectFailure::CannotPublish`].
        page: Option<String>,
    },
    /// A template pack or the data for a template was refused; the inner error names the file
    /// or the field (`template-error-<code>` in `templates.ftl`).
    #[error(transparent)]
    Template(#[from] loa_templates::TemplateError),
    /// A pack holds a template whose id is taken: by a built-in template (never replaced), or
    /// by the officer's own (`own`: replaced only when the officer confirms).
    #[error("template {id} is taken (own: {own})")]
    TemplateIdTaken { id: String, own: bool },
    #[error("built-in template {id} cannot be removed")]
    TemplateBuiltin { id: String },
    /// Rendering a template failed (a layout error, content that does not fit); `message_id`
    /// and `args` come from `loa-render` (`render-error-<code>` in `templates.ftl`). Front ends
    /// turn a `loa_render::RenderError` into this one (or into [`LoaError::Template`] for a data
    /// error) since the core does not depend on the renderer.
    #[error("the template could not be rendered: {code}")]
    Render {
        code: String,
        message_id: String,
        args: BTreeMap<String, String>,
    },
    // ── The commune profile ──
    /// The logo was chosen as the watermark, but the profile has no logo.
    #[error("the watermark is the logo, but the profile has no logo")]
    ProfileNoLogo,
    #[error("{} cannot be the commune's logo: {}", path.display(), problem.as_str())]
    ProfileLogo {
        path: PathBuf,
        problem: crate::profile::LogoProblem,
    },
    // ── Backups ──
    #[error("backup {}: {} ({detail})", path.display(), problem.as_str())]
    Backup {
        path: PathBuf,
        problem: crate::backup::BackupProblem,
        detail: String,
    },
    /// A report's period was refused or its export failed (`report-error-<code>` in
    /// `report.ftl`).
    #[error(transparent)]
    Report(#[from] loa_report::ReportError),
    /// A file from outside was refused before it was read: not a regular file (a FIFO, a
    /// device), too large, unreadable (`file-error-<code>` in `files.ftl`, naming the file).
    #[error(transparent)]
    File(#[from] loa_files::FileError),
    // ── The calendar ──
    /// A date, time, weekday or rule of a section was refused (`calendar-error-<code>` in
    /// `calendar.ftl`).
    #[error(transparent)]
    Calendar(#[from] loa_calendar::CalendarError),
    #[error("section {id} not found")]
    SeriesNotFound { id: i64 },
    /// `loa queue add` without a channel, for a draft that fills no section's occurrence (whose
    /// channels it would take).
    #[error("draft {draft_id} is not in a section: name the channel")]
    QueueNeedsChannel { draft_id: i64 },
    // ── Videos ──
    /// `loa-video` refused or failed on a video (`video-error-<code>` in `video.ftl`, whose
    /// `message_id` and `args` this carries).
    #[error("video {}: {code}", path.display())]
    VideoProcess {
        path: PathBuf,
        code: String,
        message_id: String,
        args: BTreeMap<String, String>,
    },
    #[error("video {id} not found in the library")]
    VideoNotFound { id: i64 },
    /// Queueing a draft whose video has no compressed copy matching its settings.
    #[error("the video of draft {draft_id} is not compressed yet")]
    VideoNotPrepared { draft_id: i64 },
    #[error("draft {draft_id} has no video")]
    VideoNotAttached { draft_id: i64 },
    /// A post carries photos or one video: this draft has photos.
    #[error("draft {draft_id} has photos; a post carries photos or one video")]
    DraftHasPhotos { draft_id: i64 },
    /// A post carries photos or one video: this draft has a video.
    #[error("draft {draft_id} has a video; a post carries photos or one video")]
    DraftHasVideo { draft_id: i64 },
    #[error("{} is {bytes} bytes, over the {max_bytes} a video may have", path.display())]
    VideoTooLarge {
        path: PathBuf,
        bytes: u64,
        max_bytes: u64,
    },
}

impl From<rusqlite_migration::Error> for LoaError {
    fn from(e: rusqlite_migration::Error) -> Self {
        match e {
            rusqlite_migration::Error::MigrationDefinition(
                rusqlite_migration::MigrationDefinitionError::DatabaseTooFarAhead,
            ) => LoaError::DatabaseTooNew,
            other => LoaError::Migration(other),
        }
    }
}

/// The stable, machine-readable name of an error. Codes are never renamed: the UI, scripts and
/// the Fluent message ids depend on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    DraftNotFound,
    RevisionNotFound,
    DraftInTrash,
    PublishedByHand,
    OpenWithSystem,
    NothingToOpen,
    DataDir,
    Database,
    DatabaseTooNew,
    /// The profile's folder or database cannot be written (a read-only folder or medium).
    DatabaseReadOnly,
    /// The disk is full: nothing could be saved.
    DiskFull,
    /// `loa.db` is damaged or is not a database at all.
    DatabaseCorrupt,
    Migration,
    InvalidValue,
    ReadFile,
    WriteFile,
    FileNotUtf8,
    FileEmpty,
    FileUnsupported,
    FileUnreadable,
    ChecksBlock,
    OverrideNeedsReason,
    MediaNotFound,
    MediaUnsupported,
    MediaNotAPhoto,
    MediaUnreadable,
    MediaStore,
    MediaNotAttached,
    FolderNotFound,
    WatchFolderNotFound,
    Watch,
    WatermarkLogo,
    MediaProcess,
    ChannelNotFound,
    ChannelKindMismatch,
    OutboxItemNotFound,
    OutboxWrongState,
    AlreadyQueued,
    ConfirmNotPublished,
    OutboxConflict,
    Credentials,
    MissingCredentials,
    ChannelFailed,
    ChannelLimits,
    ChannelSecretNeeded,
    ChannelAddress,
    PhotosNeedImageHost,
    VideoRefused,
    Template,
    TemplateIdTaken,
    TemplateBuiltin,
    Render,
    ProfileNoLogo,
    ProfileLogo,
    Backup,
    Report,
    Connect,
    File,
    Calendar,
    SeriesNotFound,
    QueueNeedsChannel,
    VideoProcess,
    VideoNotFound,
    VideoNotPrepared,
    VideoNotAttached,
    DraftHasPhotos,
    DraftHasVideo,
    VideoTooLarge,
    /// Not produced by the core: a front end failed before reaching it.
    Internal,
}

/// What a database error means for the officer, from SQLite's own code: a folder that cannot
/// be written, a full disk and a damaged file each need something different of them.
fn database_code(e: &rusqlite::Error) -> ErrorCode {
    use rusqlite::ErrorCode as Sqlite;
    match e.sqlite_error_code() {
        Some(Sqlite::ReadOnly | Sqlite::CannotOpen | Sqlite::PermissionDenied) => {
            ErrorCode::DatabaseReadOnly
        }
        Some(Sqlite::DiskFull) => ErrorCode::DiskFull,
        Some(Sqlite::DatabaseCorrupt | Sqlite::NotADatabase) => ErrorCode::DatabaseCorrupt,
        _ => ErrorCode::Database,
    }
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 69] = [
        ErrorCode::DraftNotFound,
        ErrorCode::RevisionNotFound,
        ErrorCode::DraftInTrash,
        ErrorCode::PublishedByHand,
        ErrorCode::OpenWithSystem,
        ErrorCode::NothingToOpen,
        ErrorCode::DataDir,
        ErrorCode::Database,
        ErrorCode::DatabaseTooNew,
        ErrorCode::DatabaseReadOnly,
        ErrorCode::DiskFull,
        ErrorCode::DatabaseCorrupt,
        ErrorCode::Migration,
        ErrorCode::InvalidValue,
        ErrorCode::ReadFile,
        ErrorCode::WriteFile,
        ErrorCode::FileNotUtf8,
        ErrorCode::FileEmpty,
        ErrorCode::FileUnsupported,
        ErrorCode::FileUnreadable,
        ErrorCode::ChecksBlock,
        ErrorCode::OverrideNeedsReason,
        ErrorCode::MediaNotFound,
        ErrorCode::MediaUnsupported,
        ErrorCode::MediaNotAPhoto,
        ErrorCode::MediaUnreadable,
        ErrorCode::MediaStore,
        ErrorCode::MediaNotAttached,
        ErrorCode::FolderNotFound,
        ErrorCode::WatchFolderNotFound,
        ErrorCode::Watch,
        ErrorCode::WatermarkLogo,
        ErrorCode::MediaProcess,
        ErrorCode::ChannelNotFound,
        ErrorCode::ChannelKindMismatch,
        ErrorCode::OutboxItemNotFound,
        ErrorCode::OutboxWrongState,
        ErrorCode::AlreadyQueued,
        ErrorCode::ConfirmNotPublished,
        ErrorCode::OutboxConflict,
        ErrorCode::Credentials,
        ErrorCode::MissingCredentials,
        ErrorCode::ChannelFailed,
        ErrorCode::ChannelLimits,
        ErrorCode::ChannelSecretNeeded,
        ErrorCode::ChannelAddress,
        ErrorCode::PhotosNeedImageHost,
        ErrorCode::VideoRefused,
        ErrorCode::Template,
        ErrorCode::TemplateIdTaken,
        ErrorCode::TemplateBuiltin,
        ErrorCode::Render,
        ErrorCode::ProfileNoLogo,
        ErrorCode::ProfileLogo,
        ErrorCode::Backup,
        ErrorCode::Report,
        ErrorCode::Connect,
        ErrorCode::File,
        ErrorCode::Calendar,
        ErrorCode::SeriesNotFound,
        ErrorCode::QueueNeedsChannel,
        ErrorCode::VideoProcess,
        ErrorCode::VideoNotFound,
        ErrorCode::VideoNotPrepared,
        ErrorCode::VideoNotAttached,
        ErrorCode::DraftHasPhotos,
        ErrorCode::DraftHasVideo,
        ErrorCode::VideoTooLarge,
        ErrorCode::Internal,
    ];

    /// The Fluent message id that explains this error to the officer.
    pub fn message_id(self) -> &'static str {
        match self {
            ErrorCode::DraftNotFound => "error-draft-not-found",
            ErrorCode::RevisionNotFound => "error-revision-not-found",
            ErrorCode::DraftInTrash => "error-draft-in-trash",
            ErrorCode::PublishedByHand => "error-published-by-hand",
            ErrorCode::OpenWithSystem => "error-open-with-system",
            ErrorCode::NothingToOpen => "error-nothing-to-open",
            ErrorCode::DataDir => "error-data-dir",
            ErrorCode::Database => "error-database",
            ErrorCode::DatabaseTooNew => "error-database-too-new",
            ErrorCode::DatabaseReadOnly => "error-database-read-only",
            ErrorCode::DiskFull => "error-disk-full",
            ErrorCode::DatabaseCorrupt => "error-database-corrupt",
            ErrorCode::Migration => "error-migration",
            ErrorCode::InvalidValue => "error-invalid-value",
            ErrorCode::ReadFile => "error-read-file",
            ErrorCode::WriteFile => "error-write-file",
            ErrorCode::FileNotUtf8 => "error-file-not-utf8",
            ErrorCode::FileEmpty => "error-file-empty",
            ErrorCode::FileUnsupported => "error-file-unsupported",
            ErrorCode::FileUnreadable => "error-file-unreadable",
            ErrorCode::ChecksBlock => "error-checks-block",
            ErrorCode::OverrideNeedsReason => "error-override-needs-reason",
            ErrorCode::MediaNotFound => "error-media-not-found",
            ErrorCode::MediaUnsupported => "error-media-unsupported",
            ErrorCode::MediaNotAPhoto => "error-media-not-a-photo",
            ErrorCode::MediaUnreadable => "error-media-unreadable",
            ErrorCode::MediaStore => "error-media-store",
            ErrorCode::MediaNotAttached => "error-media-not-attached",
            ErrorCode::FolderNotFound => "error-folder-not-found",
            ErrorCode::WatchFolderNotFound => "error-watch-folder-not-found",
            ErrorCode::Watch => "error-watch",
            ErrorCode::WatermarkLogo => "error-watermark-logo",
            ErrorCode::MediaProcess => "error-media-process",
            ErrorCode::ChannelNotFound => "error-channel-not-found",
            ErrorCode::ChannelKindMismatch => "error-channel-kind-mismatch",
            ErrorCode::OutboxItemNotFound => "error-outbox-item-not-found",
            ErrorCode::OutboxWrongState => "error-outbox-wrong-state",
            ErrorCode::AlreadyQueued => "error-already-queued",
            ErrorCode::ConfirmNotPublished => "error-confirm-not-published",
            ErrorCode::OutboxConflict => "error-outbox-conflict",
            ErrorCode::Credentials => "error-credentials",
            ErrorCode::MissingCredentials => "error-missing-credentials",
            ErrorCode::ChannelFailed => "error-channel-failed",
            ErrorCode::ChannelLimits => "error-channel-limits",
            ErrorCode::ChannelSecretNeeded => "error-channel-secret-needed",
            ErrorCode::ChannelAddress => "error-channel-address",
            ErrorCode::PhotosNeedImageHost => "error-photos-need-image-host",
            ErrorCode::VideoRefused => "error-video-refused",
            ErrorCode::Template => "error-template",
            ErrorCode::TemplateIdTaken => "error-template-id-taken",
            ErrorCode::TemplateBuiltin => "error-template-builtin",
            ErrorCode::Render => "error-render",
            ErrorCode::ProfileNoLogo => "error-profile-no-logo",
            ErrorCode::ProfileLogo => "error-profile-logo",
            ErrorCode::Backup => "error-backup",
            ErrorCode::Report => "error-report",
            ErrorCode::Connect => "error-connect",
            ErrorCode::File => "error-file",
            ErrorCode::Calendar => "error-calendar",
            ErrorCode::SeriesNotFound => "error-series-not-found",
            ErrorCode::QueueNeedsChannel => "error-queue-needs-channel",
            ErrorCode::VideoProcess => "error-video-process",
            ErrorCode::VideoNotFound => "error-video-not-found",
            ErrorCode::VideoNotPrepared => "error-video-not-prepared",
            ErrorCode::VideoNotAttached => "error-video-not-attached",
            ErrorCode::DraftHasPhotos => "error-draft-has-photos",
            ErrorCode::DraftHasVideo => "error-draft-has-video",
            ErrorCode::VideoTooLarge => "error-video-too-large",
            ErrorCode::Internal => "error-internal",
        }
    }
}

fn path_arg(p: &Path) -> String {
    p.display().to_string()
}

impl LoaError {
    /// "This profile cannot be written", as SQLite says it (so it carries the same code and
    /// sentence as a write SQLite refused): for what Loa itself declines on a profile it
    /// opened for reading only.
    pub fn profile_read_only(detail: impl Into<String>) -> Self {
        LoaError::Database(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
            Some(detail.into()),
        ))
    }

    /// The profile cannot be written, though it may be readable: a read-only folder or medium,
    /// no permission, a full disk (what [`crate::Store::open`] then opens for reading only).
    pub fn is_unwritable(&self) -> bool {
        use std::io::ErrorKind;
        // SQLite reports a full disk met while making the -wal or -shm file as an I/O error;
        // the caller tells the cases apart by trying to write (see `Store::open`).
        let sqlite = |e: &rusqlite::Error| {
            matches!(
                database_code(e),
                ErrorCode::DatabaseReadOnly | ErrorCode::DiskFull
            ) || e.sqlite_error_code() == Some(rusqlite::ErrorCode::SystemIoFailure)
        };
        match self {
            LoaError::DataDir { source, .. } => matches!(
                source.kind(),
                ErrorKind::ReadOnlyFilesystem
                    | ErrorKind::PermissionDenied
                    | ErrorKind::StorageFull
            ),
            LoaError::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => {
                sqlite(err)
            }
            LoaError::Database(e) => sqlite(e),
            _ => false,
        }
    }

    /// "The disk is full", as SQLite says it (the same code and sentence as a write SQLite
    /// refused for want of space).
    pub fn disk_full(detail: impl Into<String>) -> Self {
        LoaError::Database(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            Some(detail.into()),
        ))
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            LoaError::DraftNotFound { .. } => ErrorCode::DraftNotFound,
            LoaError::RevisionNotFound { .. } => ErrorCode::RevisionNotFound,
            LoaError::DraftInTrash { .. } => ErrorCode::DraftInTrash,
            LoaError::PublishedByHand { .. } => ErrorCode::PublishedByHand,
            LoaError::OpenWithSystem { .. } => ErrorCode::OpenWithSystem,
            LoaError::NothingToOpen => ErrorCode::NothingToOpen,
            LoaError::DataDir { .. } => ErrorCode::DataDir,
            LoaError::Database(e) => database_code(e),
            LoaError::DatabaseTooNew => ErrorCode::DatabaseTooNew,
            LoaError::Migration(_) => ErrorCode::Migration,
            LoaError::InvalidValue { .. } => ErrorCode::InvalidValue,
            LoaError::ReadFile { .. } => ErrorCode::ReadFile,
            LoaError::WriteFile { .. } => ErrorCode::WriteFile,
            LoaError::FileNotUtf8 { .. } => ErrorCode::FileNotUtf8,
            LoaError::FileEmpty { .. } => ErrorCode::FileEmpty,
            LoaError::FileUnsupported { .. } => ErrorCode::FileUnsupported,
            LoaError::FileUnreadable { .. } => ErrorCode::FileUnreadable,
            LoaError::ChecksBlock { .. } => ErrorCode::ChecksBlock,
            LoaError::OverrideNeedsReason => ErrorCode::OverrideNeedsReason,
            LoaError::MediaNotFound { .. } => ErrorCode::MediaNotFound,
            LoaError::MediaUnsupported { .. } => ErrorCode::MediaUnsupported,
            LoaError::MediaNotAPhoto { .. } => ErrorCode::MediaNotAPhoto,
            LoaError::MediaUnreadable { .. } => ErrorCode::MediaUnreadable,
            LoaError::MediaStore { .. } => ErrorCode::MediaStore,
            LoaError::MediaNotAttached { .. } => ErrorCode::MediaNotAttached,
            LoaError::FolderNotFound { .. } => ErrorCode::FolderNotFound,
            LoaError::WatchFolderNotFound { .. } => ErrorCode::WatchFolderNotFound,
            LoaError::Watch { .. } => ErrorCode::Watch,
            LoaError::WatermarkLogo { .. } => ErrorCode::WatermarkLogo,
            LoaError::MediaProcess { .. } => ErrorCode::MediaProcess,
            LoaError::ChannelNotFound { .. } => ErrorCode::ChannelNotFound,
            LoaError::ChannelKindMismatch { .. } => ErrorCode::ChannelKindMismatch,
            LoaError::OutboxItemNotFound { .. } => ErrorCode::OutboxItemNotFound,
            LoaError::OutboxWrongState { .. } => ErrorCode::OutboxWrongState,
            LoaError::AlreadyQueued { .. } => ErrorCode::AlreadyQueued,
            LoaError::ConfirmNotPublished { .. } => ErrorCode::ConfirmNotPublished,
            LoaError::OutboxConflict { .. } => ErrorCode::OutboxConflict,
            LoaError::Credentials { .. } => ErrorCode::Credentials,
            LoaError::MissingCredentials { .. } => ErrorCode::MissingCredentials,
            LoaError::ChannelFailed { .. } => ErrorCode::ChannelFailed,
            LoaError::ChannelLimits { .. } => ErrorCode::ChannelLimits,
            LoaError::ChannelSecretNeeded { .. } => ErrorCode::ChannelSecretNeeded,
            LoaError::ChannelAddress { .. } => ErrorCode::ChannelAddress,
            LoaError::PhotosNeedImageHost { .. } => ErrorCode::PhotosNeedImageHost,
            LoaError::VideoRefused { .. } => ErrorCode::VideoRefused,
            LoaError::Template(_) => ErrorCode::Template,
            LoaError::TemplateIdTaken { .. } => ErrorCode::TemplateIdTaken,
            LoaError::TemplateBuiltin { .. } => ErrorCode::TemplateBuiltin,
            LoaError::Render { .. } => ErrorCode::Render,
            LoaError::ProfileNoLogo => ErrorCode::ProfileNoLogo,
            LoaError::ProfileLogo { .. } => ErrorCode::ProfileLogo,
            LoaError::Backup { .. } => ErrorCode::Backup,
            LoaError::Report(_) => ErrorCode::Report,
            LoaError::Connect { .. } => ErrorCode::Connect,
            LoaError::File(_) => ErrorCode::File,
            LoaError::Calendar(_) => ErrorCode::Calendar,
            LoaError::SeriesNotFound { .. } => ErrorCode::SeriesNotFound,
            LoaError::QueueNeedsChannel { .. } => ErrorCode::QueueNeedsChannel,
            LoaError::VideoProcess { .. } => ErrorCode::VideoProcess,
            LoaError::VideoNotFound { .. } => ErrorCode::VideoNotFound,
            LoaError::VideoNotPrepared { .. } => ErrorCode::VideoNotPrepared,
            LoaError::VideoNotAttached { .. } => ErrorCode::VideoNotAttached,
            LoaError::DraftHasPhotos { .. } => ErrorCode::DraftHasPhotos,
            LoaError::DraftHasVideo { .. } => ErrorCode::DraftHasVideo,
            LoaError::VideoTooLarge { .. } => ErrorCode::VideoTooLarge,
        }
    }

    /// The arguments of the Fluent message. Technical detail (an SQLite or OS message) goes in
    /// `detail`, which the messages show after the plain-language sentence.
    pub fn args(&self) -> BTreeMap<String, String> {
        let mut a = BTreeMap::new();
        let mut put = |k: &str, v: String| {
            a.insert(k.to_owned(), v);
        };
        match self {
            LoaError::DraftNotFound { id }
            | LoaError::DraftInTrash { id }
            | LoaError::PublishedByHand { id } => put("id", id.to_string()),
            LoaError::OpenWithSystem { target, .. } => put("target", target.clone()),
            LoaError::RevisionNotFound { draft, revision } => {
                put("id", draft.to_string());
                put("revision", revision.to_string());
            }
            LoaError::DataDir { path, source }
            | LoaError::ReadFile { path, source }
            | LoaError::MediaStore { path, source } => {
                put("path", path_arg(path));
                put("detail", source.to_string());
            }
            LoaError::Database(e) => put("detail", e.to_string()),
            LoaError::Migration(e) => put("detail", e.to_string()),
            LoaError::DatabaseTooNew
            | LoaError::OverrideNeedsReason
            | LoaError::ProfileNoLogo
            | LoaError::NothingToOpen => {}
            LoaError::FileUnreadable { path, detail }
            | LoaError::MediaUnreadable { path, detail }
            | LoaError::WatermarkLogo { path, detail } => {
                put("path", path_arg(path));
                put("detail", detail.clone());
            }
            LoaError::ChecksBlock { id, findings } => {
                put("id", id.to_string());
                put("count", findings.len().to_string());
            }
            LoaError::InvalidValue {
                field,
                value,
                allowed,
            } => {
                put("field", field.clone());
                put("value", value.clone());
                put("allowed", allowed.clone());
            }
            LoaError::WriteFile { path, .. } => put("path", path_arg(path)),
            LoaError::FileNotUtf8 { path }
            | LoaError::FileEmpty { path }
            | LoaError::FileUnsupported { path }
            | LoaError::MediaNotAPhoto { path }
            | LoaError::FolderNotFound { path } => put("path", path_arg(path)),
            LoaError::MediaNotFound { id } | LoaError::WatchFolderNotFound { id } => {
                put("id", id.to_string())
            }
            LoaError::MediaUnsupported { path, format } => {
                put("path", path_arg(path));
                put("format", format.clone());
            }
            LoaError::MediaNotAttached { draft_id, media_id } => {
                put("id", draft_id.to_string());
                put("media", media_id.to_string());
            }
            LoaError::Watch { detail } => put("detail", detail.clone()),
            LoaError::MediaProcess { media_id, args, .. } => {
                for (k, v) in args {
                    put(k, v.clone());
                }
                put("id", media_id.to_string());
            }
            LoaError::ChannelNotFound { name }
            | LoaError::MissingCredentials { channel: name }
            | LoaError::PhotosNeedImageHost { channel: name }
            | LoaError::ChannelSecretNeeded { channel: name } => put("channel", name.clone()),
            LoaError::VideoRefused {
                channel,
                reason,
                max,
            } => {
                put("channel", channel.clone());
                put("reason", reason.clone());
                put("max", max.map(|m| m.to_string()).unwrap_or_default());
            }
            LoaError::ChannelAddress { url, problem } => {
                put("url", url.clone());
                put("problem", problem.clone());
            }
            LoaError::ChannelKindMismatch { name, kind } => {
                put("channel", name.clone());
                put("kind", kind.as_str().to_owned());
            }
            LoaError::OutboxItemNotFound { id }
            | LoaError::ConfirmNotPublished { id }
            | LoaError::OutboxConflict { id } => put("id", id.to_string()),
            LoaError::OutboxWrongState { id, state, action } => {
                put("id", id.to_string());
                put("state", state.as_str().to_owned());
                put("action", action.as_str().to_owned());
            }
            LoaError::AlreadyQueued { draft_id, channel } => {
                put("id", draft_id.to_string());
                put("channel", channel.clone());
            }
            LoaError::Credentials { detail } => put("detail", detail.clone()),
            LoaError::ChannelLimits {
                channel,
                violations,
            } => {
                put("channel", channel.clone());
                put("count", violations.len().to_string());
            }
            LoaError::ChannelFailed {
                channel,
                code,
                message,
                reason,
            } => {
                put("channel", channel.clone());
                put("reason", reason.clone());
                put("code", code.clone());
                put("detail", message.clone());
            }
            LoaError::Template(e) => {
                for (k, v) in e.args() {
                    put(&k, v);
                }
                put("code", e.code().to_owned());
            }
            LoaError::TemplateIdTaken { id, own } => {
                put("id", id.clone());
                put("taken_by", if *own { "own" } else { "builtin" }.to_owned());
            }
            LoaError::TemplateBuiltin { id } => put("id", id.clone()),
            LoaError::ProfileLogo { path, problem } => {
                put("path", path_arg(path));
                put("problem", problem.as_str().to_owned());
            }
            LoaError::Backup {
                path,
                problem,
                detail,
            } => {
                put("path", path_arg(path));
                put("problem", problem.as_str().to_owned());
                put("detail", detail.clone());
            }
            LoaError::Render { code, args, .. } => {
                for (k, v) in args {
                    put(k, v.clone());
                }
                put("code", code.clone());
            }
            LoaError::Report(e) => {
                for (k, v) in e.args() {
                    put(&k, v);
                }
                put("code", e.code().to_owned());
            }
            LoaError::File(e) => {
                for (k, v) in e.args() {
                    put(&k, v);
                }
                put("code", e.code().to_owned());
            }
            LoaError::Calendar(e) => {
                for (k, v) in e.args() {
                    put(&k, v);
                }
                put("code", e.code().to_owned());
            }
            LoaError::SeriesNotFound { id } => put("id", id.to_string()),
            LoaError::QueueNeedsChannel { draft_id } => put("id", draft_id.to_string()),
            LoaError::Connect { platform, page, .. } => {
                put("platform", platform.as_str().to_owned());
                if let Some(page) = page {
                    put("page", page.clone());
                }
            }
            LoaError::VideoProcess { path, args, .. } => {
                for (k, v) in args {
                    put(k, v.clone());
                }
                put("path", path_arg(path));
            }
            LoaError::VideoNotFound { id } => put("id", id.to_string()),
            LoaError::VideoNotAttached { draft_id }
            | LoaError::VideoNotPrepared { draft_id }
            | LoaError::DraftHasPhotos { draft_id }
            | LoaError::DraftHasVideo { draft_id } => put("id", draft_id.to_string()),
            LoaError::VideoTooLarge {
                path, max_bytes, ..
            } => {
                put("path", path_arg(path));
                put("max_gb", (max_bytes / 1_000_000_000).to_string());
            }
        }
        a
    }

    /// The Fluent message that explains this error: the code's, or for a template or its data
    /// the template error's own (it names the file or the field).
    pub fn message_id(&self) -> String {
        match self {
            LoaError::Template(e) => e.message_id(),
            LoaError::Render { message_id, .. } => message_id.clone(),
            LoaError::Report(e) => e.message_id(),
            LoaError::Connect { reason, .. } => reason.message_id(),
            LoaError::File(e) => e.message_id(),
            LoaError::Calendar(e) => e.message_id(),
            LoaError::VideoProcess { message_id, .. } => message_id.clone(),
            other => other.code().message_id().to_owned(),
        }
    }

    /// What the error says in typed form, beyond its sentence: the limits a post breaks, the
    /// findings that block it. The UI shows each as its own message; the command line prints
    /// them after the sentence ([`crate::Localizer::error`]).
    pub fn details(&self) -> Option<ErrorDetails> {
        match self {
            LoaError::ChannelLimits {
                channel,
                violations,
            } => Some(ErrorDetails::ChannelLimits {
                violations: violations
                    .iter()
                    .map(|v| LimitMessage::new(channel, *v))
                    .collect(),
            }),
            LoaError::ChecksBlock { findings, .. } => Some(ErrorDetails::ChecksBlock {
                findings: findings.clone(),
            }),
            LoaError::OutboxWrongState { state, action, .. } => {
                Some(ErrorDetails::OutboxWrongState {
                    state: *state,
                    action: *action,
                })
            }
            _ => None,
        }
    }

    /// The field of a template's data this error is about, if any (the UI marks that input).
    pub fn field_key(&self) -> Option<&str> {
        match self {
            LoaError::Template(e) => e.field_key(),
            _ => None,
        }
    }
}

/// One limit a post breaks, as the UI shows it: the typed violation, and its Fluent message
/// with arguments (the channel's name included, sizes in megabytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LimitMessage {
    pub violation: LimitViolation,
    pub message_id: String,
    pub args: BTreeMap<String, String>,
}

impl LimitMessage {
    pub fn new(channel: &str, violation: LimitViolation) -> Self {
        let mut args = violation.args();
        args.insert("channel".to_owned(), channel.to_owned());
        Self {
            message_id: violation.message_id().to_owned(),
            violation,
            args,
        }
    }
}

/// The typed part of an error, for the few errors that carry more than a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ErrorDetails {
    /// Each limit of the platform the post breaks.
    ChannelLimits { violations: Vec<LimitMessage> },
    /// The blocking findings that stop queueing (each with its message and fix).
    ChecksBlock { findings: Vec<crate::CheckFinding> },
    /// The item's state, and what the officer tried.
    OutboxWrongState {
        state: OutboxState,
        action: OutboxAction,
    },
}

/// An error as it crosses to the UI: a tagged value with a stable code, the Fluent message id and
/// its arguments, and for some errors typed details. The UI renders `t(message_id, args)`, then
/// each detail's own message; it never parses a string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message_id: String,
    pub args: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub details: Option<ErrorDetails>,
}

impl IpcError {
    /// An error the core did not produce (a front end failed before reaching it).
    pub fn internal(detail: Option<String>) -> Self {
        let code = ErrorCode::Internal;
        IpcError {
            code,
            message_id: code.message_id().to_owned(),
            args: detail
                .map(|d| BTreeMap::from([("detail".to_owned(), d)]))
                .unwrap_or_default(),
            details: None,
        }
    }
}

impl From<LoaError> for IpcError {
    fn from(e: LoaError) -> Self {
        let code = e.code();
        if let LoaError::MediaProcess {
            message_id, args, ..
        } = e
        {
            // The pipeline's own sentence says exactly what was wrong with the photo.
            return IpcError {
                code,
                message_id,
                args,
                details: None,
            };
        }
        // A template error's sentence names the file or the field.
        IpcError {
            code,
            message_id: e.message_id(),
            args: e.args(),
            details: e.details(),
        }
    }
}

impl std::fmt::Display for IpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message_id)?;
        for (k, v) in &self.args {
            write!(f, " {k}={v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for IpcError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipc_error_is_tagged_with_code_and_message() {
        let e: IpcError = LoaError::DraftNotFound { id: 7 }.into();
        let json = serde_json::to_value(&e).expect("serialisable");
        assert_eq!(json["code"], "draft_not_found");
        assert_eq!(json["message_id"], "error-draft-not-found");
        assert_eq!(json["args"]["id"], "7");
    }

    #[test]
    fn limit_violations_cross_typed_with_their_messages() {
        let e: IpcError = LoaError::ChannelLimits {
            channel: "Zalo xã".into(),
            violations: vec![LimitViolation::TitleTooLong {
                max: 150,
                actual: 151,
            }],
        }
        .into();
        let json = serde_json::to_value(&e).expect("serialisable");
        assert_eq!(json["code"], "channel_limits");
        let v = &json["details"]["violations"][0];
        assert_eq!(json["details"]["kind"], "channel_limits");
        assert_eq!(v["violation"]["violation"], "title_too_long");
        assert_eq!(v["violation"]["actual"], 151);
        assert_eq!(v["message_id"], "channel-limit-title-too-long");
        assert_eq!(v["args"]["channel"], "Zalo xã");
        // Errors without details leave the field out.
        let plain = serde_json::to_value(IpcError::from(LoaError::DraftNotFound { id: 1 }))
            .expect("serialisable");
        assert!(plain.get("details").is_none());
    }

    #[test]
    fn message_ids_are_unique() {
        let mut ids: Vec<_> = ErrorCode::ALL.iter().map(|c| c.message_id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ErrorCode::ALL.len());
    }
}
