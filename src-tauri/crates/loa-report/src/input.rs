//! What a report is made from: plain rows that the core reads from its tables (or a test builds by
//! hand). No SQL here — the store selects, this crate counts.
//!
//! The core may hand over more rows than the period needs (every published outbox row, every
//! reading it has): [`crate::build`] keeps what belongs to the period.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Everything a report needs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportInput {
    /// The configured channels, so a channel with no post in the period still shows a 0.
    pub channels: Vec<String>,
    /// One row per published outbox item (a post on one channel).
    pub published: Vec<PublishedItem>,
    /// When each draft was created (alerts: time from drafting to first publication).
    pub drafts: Vec<DraftCreated>,
    /// What each draft carried: photos, videos, infographics. One row per draft.
    pub media: Vec<MediaUse>,
    /// Outbox items not published (yet): the state of the queue when the report is made.
    pub open: Vec<OpenItem>,
    /// Occurrences of recurring sections (chuyên mục) with their plan and what happened.
    pub series: Vec<SeriesOccurrence>,
    /// Reach figures stored by "refresh reach" (Facebook insights).
    pub reach: Vec<ReachRow>,
    /// The reach measures the report always lists, read or not (the core passes
    /// `loa_channels::insights::{PAGE_METRICS, POST_METRICS}`): one missing from `reach` shows
    /// as "not available".
    pub reach_metrics: Vec<String>,
}

/// A post published on one channel (an outbox row in state `published`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedItem {
    pub draft_id: i64,
    /// The title as it went out (the outbox snapshot).
    pub title: String,
    /// Topic id (`weather_disaster`, `health`, …).
    pub topic: String,
    /// The officer's name for the channel ("Trang xã").
    pub channel: String,
    /// `facebook`, `zalo`, `wordpress`, `folder`.
    pub channel_kind: String,
    pub published_at: DateTime<Utc>,
    /// Where the post can be seen, when the platform gave an address.
    pub remote_url: Option<String>,
}

/// When a draft was created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftCreated {
    pub draft_id: i64,
    pub created_at: DateTime<Utc>,
}

/// The media a draft carried when it was published.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaUse {
    pub draft_id: i64,
    pub photos: u32,
    pub videos: u32,
    /// Images rendered from a template.
    pub infographics: u32,
}

/// Where an unpublished outbox item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpenState {
    /// Still to go out: `queued`, `media_uploaded`, `publishing`.
    Pending,
    /// `failed`: needs the officer.
    Failed,
    /// `unconfirmed`: may have gone out; the officer must look.
    Unconfirmed,
}

impl OpenState {
    /// The report's view of an outbox state; `None` for `published` and `cancelled`.
    pub fn from_outbox_state(state: &str) -> Option<OpenState> {
        match state {
            "queued" | "media_uploaded" | "publishing" => Some(OpenState::Pending),
            "failed" => Some(OpenState::Failed),
            "unconfirmed" => Some(OpenState::Unconfirmed),
            _ => None,
        }
    }
}

/// An outbox item that has not been published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenItem {
    pub draft_id: i64,
    pub channel: String,
    pub state: OpenState,
}

/// One occurrence of a recurring section, as the calendar computes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesOccurrence {
    pub series_id: i64,
    /// The section's name in the report's language.
    pub name: String,
    /// When it was planned (after any move).
    pub planned_at: DateTime<Utc>,
    /// When its post first went out, if it did.
    pub published_at: Option<DateTime<Utc>>,
    /// Skipped on purpose (with a reason): not counted as planned.
    pub skipped: bool,
}

/// What a reach figure is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "subject", rename_all = "snake_case")]
pub enum ReachSubject {
    /// A Page measure summed over exactly this report's period.
    Page,
    /// Followers when the period starts (end of the day before).
    FollowersStart,
    /// Followers when the period ends (or now, for a period not over yet).
    FollowersEnd,
    /// A post's lifetime measure.
    Post { draft_id: i64 },
}

/// One stored reach figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReachRow {
    pub channel: String,
    pub subject: ReachSubject,
    /// The platform's name of the measure (`page_media_view`, `post_media_view`, …).
    pub metric: String,
    /// `None`: the platform did not give it (removed measure, no data).
    pub value: Option<i64>,
    pub read_at: DateTime<Utc>,
}
