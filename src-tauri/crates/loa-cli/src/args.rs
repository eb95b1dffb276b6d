//! The command-line grammar (the contract in DESIGN.md).

use std::path::PathBuf;

use clap::builder::PossibleValuesParser;
use clap::{Args, Parser, Subcommand};
use loa_core::{DraftStatus, Lang, Topic};

#[derive(Debug, Parser)]
#[command(
    name = "loa",
    version,
    about = "Loa — content studio for commune information officers"
)]
pub struct Cli {
    /// The profile folder (default: LOA_DATA_DIR, then the OS app-data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Language of messages: vi (default) or en.
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Machine-readable output.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write, list, show and import drafts.
    Draft {
        #[command(subcommand)]
        command: DraftCommand,
    },
    /// Find drafts by words typed with or without diacritics.
    Search(SearchArgs),
    /// Convert text from old Vietnamese encodings.
    Text {
        #[command(subcommand)]
        command: TextCommand,
    },
    /// Check a draft before it is queued; exit 1 when a finding blocks it.
    Check(CheckArgs),
    /// Prepare photos for posting: upright, resized, watermarked, without location.
    Media {
        #[command(subcommand)]
        command: MediaCommand,
    },
    /// Add and list the places posts go (Facebook Page, Zalo OA, website, folder).
    Channel {
        #[command(subcommand)]
        command: ChannelCommand,
    },
    /// The Facebook and Zalo apps the window signs in through to connect a Page or an OA.
    Connect {
        #[command(subcommand)]
        command: ConnectCommand,
    },
    /// Queue drafts for channels and look at the outbox.
    Queue {
        #[command(subcommand)]
        command: QueueCommand,
    },
    /// Publish what is queued: until interrupted, or with --once until nothing more can be done.
    Sync(SyncArgs),
    /// Infographic templates: list them, render one to PNG or PDF, import and export packs.
    Template {
        #[command(subcommand)]
        command: TemplateCommand,
    },
    /// Back up the whole profile to one file (`--out FILE`), or list the automatic daily copies
    /// (`loa backup list`). The credentials are never included.
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Backup {
        #[command(subcommand)]
        command: Option<BackupCommand>,
        /// The backup file to write (replaced if it exists, only once complete).
        #[arg(long, value_name = "FILE", required = true)]
        out: Option<PathBuf>,
    },
    /// Restore the profile from a backup file: checked in full first; the current profile is
    /// kept aside, not deleted.
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Restore without asking.
        #[arg(long)]
        yes: bool,
    },
    /// A report for superiors: what was published in a period, per channel and topic, alerts,
    /// the queue and reach; printed, as JSON, or saved as PDF or XLSX (--out).
    Report(ReportArgs),
    /// Recurring sections (chuyên mục): weekdays and a time, an end, channels, a template,
    /// numbered episodes; skip, move or fill one occurrence. Dates and times are Vietnam time.
    Series {
        #[command(subcommand)]
        command: SeriesCommand,
    },
    /// The calendar of a range of days (occurrences, planned drafts, posts, holidays) with the
    /// coming occurrences that have no ready draft, or a week's plan as a picture or a PDF.
    Calendar(CalendarArgs),
    /// Reach figures from Facebook for reports.
    Insights {
        #[command(subcommand)]
        command: InsightsCommand,
    },
    /// Start practice copies of Facebook, Zalo and a website on this computer, to try publishing
    /// without real accounts (runs `loa-sandbox`; `loa sandbox --help` lists its options).
    #[command(disable_help_flag = true)]
    Sandbox {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<std::ffi::OsString>,
    },
}

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// The automatic daily copies of the database, newest first.
    List,
}

#[derive(Debug, Subcommand)]
pub enum ChannelCommand {
    /// Add a channel, or update the one with the same name (a new token lifts "reconnect").
    Add {
        #[command(subcommand)]
        kind: ChannelAddKind,
    },
    /// List the channels and their state (no secrets).
    List,
    /// Check a channel's token against the platform ("test connection").
    Test { name: String },
    /// Stop publishing to a channel until it is resumed.
    Pause { name: String },
    /// Resume a paused (or rate-limited) channel.
    Resume { name: String },
}

#[derive(Debug, Subcommand)]
pub enum ConnectCommand {
    /// The Facebook app "Connect with Facebook" signs in through (default: Loa's own).
    FacebookApp {
        /// The province's own app id (empty: Loa's own).
        #[arg(long, value_name = "ID")]
        app_id: Option<String>,
        /// Where the Login dialog is (default: https://www.facebook.com; a sandbox's address).
        #[arg(long, value_name = "URL")]
        login_url: Option<String>,
        /// A file holding the app's secret, kept in the keyring: sign-ins then give long-lived
        /// tokens (only for an app the province runs itself).
        #[arg(long, value_name = "F", conflicts_with = "forget_secret")]
        app_secret_file: Option<PathBuf>,
        /// Remove the kept app secret.
        #[arg(long)]
        forget_secret: bool,
    },
    /// The Zalo app an OA is connected through (from developers.zalo.me).
    ZaloApp {
        #[arg(long, value_name = "ID")]
        app_id: String,
        /// The app's "Official Account Callback Url".
        #[arg(long, value_name = "URL")]
        callback_url: String,
        /// The OA API base (default: Zalo's own; a sandbox's address).
        #[arg(long, value_name = "URL")]
        api_url: Option<String>,
    },
    /// Show the apps (no secrets).
    Show,
}

/// Options every channel takes.
#[derive(Debug, Args)]
pub struct ChannelCommon {
    /// The officer's name for the channel, used with --channel.
    #[arg(long)]
    pub name: String,
    /// Seconds between two posts (default: 30 for Facebook and Zalo, 5 for a website, 0 for a
    /// folder).
    #[arg(long, value_name = "SECS")]
    pub spacing: Option<u32>,
}

#[derive(Debug, Subcommand)]
pub enum ChannelAddKind {
    /// A Facebook Page (Graph API, Page access token).
    Facebook {
        #[command(flatten)]
        common: ChannelCommon,
        #[arg(long, value_name = "ID")]
        page_id: String,
        /// A file holding the Page access token.
        #[arg(long, value_name = "F")]
        token_file: PathBuf,
        /// The Graph API base, version included (default: Facebook's own, `loa-platforms`).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// A Zalo Official Account (OA API).
    Zalo {
        #[command(flatten)]
        common: ChannelCommon,
        /// A file holding the OA access token.
        #[arg(long, value_name = "F")]
        token_file: PathBuf,
        /// A file holding the refresh token (lets Loa renew the access token by itself).
        #[arg(long, value_name = "F")]
        refresh_token_file: Option<PathBuf>,
        /// The Zalo app id (needed to refresh).
        #[arg(long, value_name = "ID")]
        app_id: Option<String>,
        /// A file holding the app's secret key (needed to refresh).
        #[arg(long, value_name = "F")]
        secret_key_file: Option<PathBuf>,
        /// The OA API base (default: Zalo's own, `loa-platforms`).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// A website channel whose media library hosts the articles' photos.
        #[arg(long, value_name = "WEBSITE")]
        image_host: Option<String>,
    },
    /// A WordPress site (REST API, application password).
    Wordpress {
        #[command(flatten)]
        common: ChannelCommon,
        /// The site's address.
        #[arg(long, value_name = "U")]
        url: String,
        #[arg(long, value_name = "U")]
        user: String,
        /// A file holding the application password.
        #[arg(long, value_name = "F")]
        app_password_file: PathBuf,
    },
    /// A folder (a USB stick…) to carry posts to another computer.
    Folder {
        #[command(flatten)]
        common: ChannelCommon,
        #[arg(long, value_name = "P")]
        path: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum QueueCommand {
    /// Queue a draft for a channel; prints the outbox item's id.
    Add {
        draft_id: i64,
        /// The channel's name. Without it, a draft that fills a section's occurrence goes to
        /// the section's channels.
        #[arg(long)]
        channel: Option<String>,
        /// Publish at this time (RFC 3339, e.g. 2025-07-30T07:00:00+07:00). Without it, a draft
        /// that fills a section's occurrence goes at the occurrence's time.
        #[arg(long, value_name = "RFC3339", value_parser = parse_rfc3339)]
        at: Option<chrono::DateTime<chrono::Utc>>,
        /// Post this ready video file (MP4) with the draft, as it is, instead of photos.
        #[arg(long, value_name = "FILE")]
        video: Option<std::path::PathBuf>,
    },
    /// The outbox, oldest first.
    List,
    /// Queue a failed item again; an unconfirmed one only with --confirm-not-published.
    Retry {
        id: i64,
        /// You checked the page and the post is NOT there.
        #[arg(long)]
        confirm_not_published: bool,
    },
    /// Cancel an item that has not started publishing.
    Cancel { id: i64 },
    /// Record that you found the post on the page (an unconfirmed or failed item).
    MarkPublished {
        id: i64,
        /// The post's address.
        #[arg(long, value_name = "URL")]
        url: String,
    },
    /// Pause all publishing.
    Pause,
    /// Resume publishing.
    Resume,
}

/// One period: a month, a quarter, a year, or from one day to another (Vietnam dates, both
/// included).
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("period").required(true).args(["month", "quarter", "year", "from"])))]
pub struct ReportArgs {
    /// First day, included.
    #[arg(long, value_name = "YYYY-MM-DD", requires = "to")]
    pub from: Option<String>,
    /// Last day, included.
    #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
    pub to: Option<String>,
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    #[arg(long, value_name = "YYYY-Qn")]
    pub quarter: Option<String>,
    #[arg(long, value_name = "YYYY")]
    pub year: Option<String>,
    /// Save the report: FILE.pdf (the administrative document) or FILE.xlsx (the workbook).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Language of the report and the messages: vi (default) or en.
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<Lang>,
}

#[derive(Debug, Subcommand)]
pub enum InsightsCommand {
    /// Read reach figures of every Facebook channel (Page by day, followers, each post) and
    /// keep them, so reports made offline afterwards show them. Exit 1 if a channel could not be
    /// read to the end.
    Refresh,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Work until the queue is empty or nothing more can be done now, then exit (1 if an item
    /// needs you: failed or unconfirmed).
    #[arg(long)]
    pub once: bool,
}

fn parse_rfc3339(s: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    chrono::DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| "a date and time like 2025-07-30T07:00:00+07:00".to_owned())
}

/// The sizes of `--size`, as in the template manifests.
pub const SIZES: [&str; 5] = ["1080x1350", "1080x1080", "1200x630", "a4", "a3"];

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// List the templates with their fields and sizes.
    List,
    /// Render a template with the data of a JSON file; exit 1 naming the field if the data is
    /// refused.
    Render(TemplateRenderArgs),
    /// Add the templates of a pack file (.zip).
    Import {
        #[arg(value_name = "FILE.zip")]
        file: PathBuf,
        /// Let the pack's templates replace your own templates with the same ids (without it,
        /// such a pack is refused and nothing is imported).
        #[arg(long)]
        replace: bool,
    },
    /// Write templates to one pack file (.zip).
    Export {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        #[arg(long, value_name = "FILE.zip")]
        out: PathBuf,
    },
    /// Template author mode: re-render a template of a pack folder on every save.
    Watch(TemplateWatchArgs),
    /// Remove imported or own templates (built-in ones cannot be removed: hide them).
    Delete {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
    /// Hide templates from the gallery (built-in ones included); `--show` shows them again.
    Hide {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        #[arg(long)]
        show: bool,
    },
}

#[derive(Debug, Args)]
pub struct TemplateRenderArgs {
    pub id: String,
    /// A JSON object keyed by field; relative image paths are relative to this file's folder.
    #[arg(long, value_name = "FILE.json")]
    pub data: PathBuf,
    /// Language of the image, the caption and the messages: vi (default) or en.
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// 1080x1350 (default), 1080x1080, 1200x630, or a4 / a3 for print.
    #[arg(long, default_value = "1080x1350", value_parser = PossibleValuesParser::new(SIZES))]
    pub size: String,
    /// The file to write: .png or .pdf (a4/a3 with .png give an image of the page at 2 px/pt).
    #[arg(long, value_name = "FILE.png|FILE.pdf")]
    pub out: PathBuf,
    /// Print the post text (caption) on standard output instead of the summary line.
    #[arg(long)]
    pub caption: bool,
}

#[derive(Debug, Args)]
pub struct TemplateWatchArgs {
    /// The pack folder being written (with pack.json).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The template to render.
    #[arg(long)]
    pub id: String,
    #[arg(long, value_name = "FILE.json")]
    pub data: PathBuf,
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    #[arg(long, default_value = "1080x1350", value_parser = PossibleValuesParser::new(SIZES))]
    pub size: String,
    #[arg(long, value_name = "FILE.png|FILE.pdf")]
    pub out: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum MediaCommand {
    /// Write each photo (or each photo in a folder) to DIR, ready to post; exit 1 if any failed.
    Process(MediaProcessArgs),
}

#[derive(Debug, Args)]
pub struct MediaProcessArgs {
    /// Photos (JPEG, PNG, WebP) and videos (MP4, MOV, 3GP, WebM), or folders of them.
    #[arg(required = true, value_name = "IN")]
    pub inputs: Vec<PathBuf>,
    /// The folder to write to (created if missing); files keep their names.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Where the files go: sets the size, quality and format. Photos take facebook, zalo, web
    /// and print; videos take facebook, zalo, reels, saver (480p for the worst links) and
    /// original.
    #[arg(long, default_value = "facebook", value_parser = PossibleValuesParser::new(["facebook", "zalo", "web", "print", "reels", "saver", "original"]))]
    pub preset: String,
    /// Fit into PX × PX instead of the preset's size (never upscales).
    #[arg(long, value_name = "PX", value_parser = clap::value_parser!(u32).range(1..=65_535))]
    pub max_edge: Option<u32>,
    /// JPEG quality 1–100 instead of the preset's.
    #[arg(long, value_name = "Q", value_parser = clap::value_parser!(u8).range(1..=100))]
    pub quality: Option<u8>,
    /// Stamp this PNG logo (transparency kept).
    #[arg(long, value_name = "FILE.png", conflicts_with = "watermark_text")]
    pub watermark: Option<PathBuf>,
    /// Stamp this line of text.
    #[arg(long, value_name = "TEXT")]
    pub watermark_text: Option<String>,
    /// Corner of the watermark.
    #[arg(long, default_value = "br", value_parser = PossibleValuesParser::new(["br", "bl", "tr", "tl", "center"]))]
    pub position: String,
    /// Watermark opacity, 0 to 1.
    #[arg(long, default_value_t = 0.85, value_parser = parse_opacity)]
    pub opacity: f32,
    /// Keep the EXIF data (a video's location and phone details), GPS position included
    /// (removed by default).
    #[arg(long)]
    pub keep_location: bool,
}

fn parse_opacity(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err("a number from 0 to 1, e.g. 0.8".to_owned()),
    }
}

#[derive(Debug, Subcommand)]
pub enum TextCommand {
    /// Write files (.txt, .rtf, .docx) as UTF-8 NFC to standard output.
    Convert {
        /// The encoding of the files, or auto to detect it (said on stderr).
        #[arg(long, default_value = "auto", value_parser = PossibleValuesParser::new(["auto", "tcvn3", "vni", "viqr"]))]
        from: String,
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    pub id: i64,
    /// Record that a blocking finding (by its code) is accepted; needs --reason.
    #[arg(long = "override", value_name = "CODE", requires = "reason")]
    pub override_code: Option<String>,
    /// Why the post goes out despite the finding (kept with the draft).
    #[arg(long, requires = "override_code")]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find; the last may be the start of a word.
    pub query: String,
    /// At most this many results.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub limit: u32,
    /// Only drafts with this status code.
    #[arg(long, value_parser = PossibleValuesParser::new(DraftStatus::ALL.iter().map(|t| t.as_str())))]
    pub status: Option<String>,
    /// Only drafts with this topic code.
    #[arg(long, value_parser = PossibleValuesParser::new(Topic::ALL.iter().map(|t| t.as_str())))]
    pub topic: Option<String>,
    /// Only drafts changed on or after this date (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    pub from: Option<String>,
    /// Only drafts changed before this date (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    pub to: Option<String>,
}

impl Command {
    /// The content language given to the subcommand, which also sets the message language when no
    /// top-level `--lang` is given.
    pub fn content_lang(&self) -> Option<Lang> {
        match self {
            Command::Draft {
                command: DraftCommand::New(a),
            } => a.lang,
            Command::Template {
                command: TemplateCommand::Render(a),
            } => a.lang,
            Command::Template {
                command: TemplateCommand::Watch(a),
            } => a.lang,
            Command::Report(a) => a.lang,
            Command::Draft { .. }
            | Command::Insights { .. }
            | Command::Search(_)
            | Command::Text { .. }
            | Command::Check(_)
            | Command::Media { .. }
            | Command::Channel { .. }
            | Command::Connect { .. }
            | Command::Queue { .. }
            | Command::Series { .. }
            | Command::Calendar(_)
            | Command::Sync(_)
            | Command::Sandbox { .. }
            | Command::Backup { .. }
            | Command::Restore { .. }
            | Command::Template { .. } => None,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum DraftCommand {
    /// Create a draft and print its id.
    New(NewArgs),
    /// List drafts, most recently changed first.
    List,
    /// Show one draft.
    Show { id: i64 },
    /// Import .txt and .md files (or folders of them), one draft per file.
    Import {
        #[arg(required = true, value_name = "DIR|FILE")]
        paths: Vec<PathBuf>,
    },
    /// Plan a draft on a day of the calendar (Vietnam time); without --date, take it off.
    Plan {
        id: i64,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// HH:MM (needs --date).
        #[arg(long, value_name = "HH:MM", requires = "date")]
        time: Option<String>,
    },
    /// Attach photos to a draft, in order, ready to post; or one video, compressed for posting.
    Attach {
        id: i64,
        #[arg(required = true, value_name = "IMAGE|VIDEO")]
        images: Vec<PathBuf>,
        /// How a video is compressed (photos ignore it).
        #[arg(long, default_value = "facebook", value_parser = PossibleValuesParser::new(["facebook", "zalo", "reels", "saver", "original"]))]
        preset: String,
        /// Keep a video's location and phone details (removed by default).
        #[arg(long)]
        keep_location: bool,
    },
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[arg(long)]
    pub title: String,
    /// The text of the post.
    #[arg(long, conflicts_with = "body_file")]
    pub body: Option<String>,
    /// Read the text from a UTF-8 file ("-" for standard input).
    #[arg(long, value_name = "F")]
    pub body_file: Option<PathBuf>,
    /// Language of the post: vi (default) or en.
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Topic code, e.g. weather_disaster.
    #[arg(long, value_parser = PossibleValuesParser::new(Topic::ALL.iter().map(|t| t.as_str())))]
    pub topic: Option<String>,
    /// Status code, e.g. ready.
    #[arg(long, value_parser = PossibleValuesParser::new(DraftStatus::ALL.iter().map(|t| t.as_str())))]
    pub status: Option<String>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
        .map_err(|e: loa_core::lang::UnknownLang| e.to_string())
}

#[derive(Debug, Subcommand)]
pub enum SeriesCommand {
    /// Create a section; prints its id (or the section with --json).
    Add(SeriesAddArgs),
    /// Change a section: a new schedule applies from now on, earlier occurrences keep theirs.
    Edit(SeriesEditArgs),
    /// The sections, oldest first.
    List,
    /// Skip one occurrence (by its date in the section's schedule).
    Skip {
        id: i64,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// Why (shown in the calendar).
        #[arg(long, value_name = "T")]
        reason: Option<String>,
    },
    /// Bring back a skipped or moved occurrence.
    Unskip {
        id: i64,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
    },
    /// Move one occurrence to another day and time (Vietnam time).
    Move {
        id: i64,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        #[arg(long, value_name = "YYYY-MM-DDTHH:MM")]
        to: String,
    },
    /// Write the draft of one occurrence (from the section's template when it has one) and
    /// print it.
    Fill {
        id: i64,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
    },
    /// Delete a section (the drafts written for it are kept).
    Delete { id: i64 },
}

/// What a section is; every field of `series add`, all optional for `series edit`.
#[derive(Debug, Args)]
pub struct SeriesFields {
    /// The English name.
    #[arg(long, value_name = "N")]
    pub name_en: Option<String>,
    /// The last day it can run (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", conflicts_with = "count")]
    pub until: Option<String>,
    /// How many episodes it runs.
    #[arg(long, value_name = "N")]
    pub count: Option<u32>,
    /// A channel's name (repeat for several).
    #[arg(long = "channel", value_name = "NAME")]
    pub channels: Vec<String>,
    /// A template id: filling an occurrence renders it.
    #[arg(long, value_name = "ID")]
    pub template: Option<String>,
    /// A default value of a template field, KEY=VALUE (repeat); `{episode}` becomes the number.
    #[arg(long = "default", value_name = "KEY=VALUE")]
    pub defaults: Vec<String>,
    /// #RRGGBB (default: the palette's next colour).
    #[arg(long, value_name = "#RRGGBB")]
    pub colour: Option<String>,
    /// The number of the first episode (when the numbering began on paper).
    #[arg(long, value_name = "N")]
    pub first_episode: Option<u32>,
}

#[derive(Debug, Args)]
pub struct SeriesAddArgs {
    #[arg(long, value_name = "N")]
    pub name: String,
    /// mon,tue,wed,thu,fri,sat,sun
    #[arg(long, value_name = "mon,tue,…")]
    pub weekdays: String,
    /// HH:MM, Vietnam time.
    #[arg(long, value_name = "HH:MM")]
    pub time: String,
    /// The first day it can run (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: String,
    #[command(flatten)]
    pub fields: SeriesFields,
}

#[derive(Debug, Args)]
pub struct SeriesEditArgs {
    pub id: i64,
    #[arg(long, value_name = "N")]
    pub name: Option<String>,
    #[arg(long, value_name = "mon,tue,…")]
    pub weekdays: Option<String>,
    #[arg(long, value_name = "HH:MM")]
    pub time: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Runs with no end (clears --until and --count).
    #[arg(long, conflicts_with_all = ["until", "count"])]
    pub no_end: bool,
    #[command(flatten)]
    pub fields: SeriesFields,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("range_or_week").required(true).args(["from", "week"])))]
pub struct CalendarArgs {
    /// The first day (YYYY-MM-DD, Vietnam time).
    #[arg(
        long,
        value_name = "YYYY-MM-DD",
        requires = "to",
        conflicts_with = "week"
    )]
    pub from: Option<String>,
    /// The last day (included).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
    pub to: Option<String>,
    /// Any day of the week to draw (Monday to Sunday); needs --out.
    #[arg(long, value_name = "YYYY-MM-DD", requires = "out")]
    pub week: Option<String>,
    /// The week's plan as a picture (.png) or a PDF (.pdf).
    #[arg(long, value_name = "plan.png|plan.pdf", requires = "week")]
    pub out: Option<PathBuf>,
}
