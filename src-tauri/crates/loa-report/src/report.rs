//! The report: a pure function from plain rows and a period to the figures a commune sends
//! upward. Its JSON is the contract of `loa report --json`.
//!
//! Counting rules (each has a test in `tests/figures.rs`):
//! - a post is *published in the period* when at least one of its channels published it inside
//!   the period; `published` counts such posts once, however many channels they went to;
//! - `by_channel` counts, per channel, the posts that channel published inside the period, and
//!   lists every configured channel, 0 included; `by_topic` counts the published posts;
//! - photos, videos and infographics are those of the published posts, each post counted once;
//! - an alert is a `weather_disaster` post whose *first* publication (on any channel, ever) falls
//!   in the period; `minutes_to_publish` is whole minutes from the draft's creation to it;
//! - `pending`, `failed` and `unconfirmed` count posts (not channel items) in that state when the
//!   report is made — the queue has no past, so they do not depend on the period;
//! - a section's occurrence counts when it was planned inside the period and not skipped; it is
//!   on time when its post went out no later than [`ON_TIME_GRACE_MINUTES`] after the plan.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::input::{OpenState, ReachRow, ReachSubject, ReportInput};
use crate::period::{Period, PeriodJson, vietnam_date, vietnam_rfc3339};

/// The topic whose posts are alerts.
pub const ALERT_TOPIC: &str = "weather_disaster";

/// A section's post that goes out within this many minutes after its planned time is on time
/// (the worker may wait for a link, Facebook's scheduler for its slot).
pub const ON_TIME_GRACE_MINUTES: i64 = 60;

/// Reach keys for the followers at the start and at the end of the period.
pub const FOLLOWERS_START: &str = "followers_start";
pub const FOLLOWERS_END: &str = "followers_end";

/// A period's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Report {
    pub period: PeriodJson,
    /// When the report was made (Vietnam time, RFC 3339).
    pub generated_at: String,
    /// Posts published in the period, each counted once.
    pub published: u32,
    /// Channel name → posts it published in the period.
    pub by_channel: BTreeMap<String, u32>,
    /// Topic id → published posts.
    pub by_topic: BTreeMap<String, u32>,
    pub by_series: Vec<SeriesStats>,
    pub photos: u32,
    pub videos: u32,
    pub infographics: u32,
    pub alerts: Vec<Alert>,
    /// Posts still to go out when the report is made.
    pub pending: u32,
    /// Posts that failed and need the officer.
    pub failed: u32,
    /// Posts that may have gone out; the officer must look.
    pub unconfirmed: u32,
    pub reach: Reach,
    /// Every published post, oldest first.
    pub posts: Vec<PostLine>,
    /// Publications per week (Monday to Sunday, clipped to the period) per channel, for charts.
    pub weekly: Vec<CountBucket>,
    /// The same per calendar month (clipped), for the chart of a quarter or a year.
    pub monthly: Vec<CountBucket>,
}

/// A recurring section's record in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SeriesStats {
    pub series_id: i64,
    pub name: String,
    pub planned: u32,
    pub published: u32,
    pub on_time: u32,
}

/// A weather or disaster alert first published in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Alert {
    pub draft_id: i64,
    pub title: String,
    /// First publication, Vietnam time.
    pub published_at: String,
    /// Whole minutes from drafting to first publication; `None` when the draft's creation time
    /// is unknown.
    pub minutes_to_publish: Option<i64>,
}

/// Reach: measure → figure (`null`: not available), with when it was read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Reach {
    /// When the newest figure used was read (Vietnam time); `None`: never read.
    pub read_at: Option<String>,
    #[serde(flatten)]
    pub metrics: BTreeMap<String, Option<i64>>,
}

impl Reach {
    /// The measures in the order a reader expects them: followers, then Page measures, then
    /// post measures, then anything else.
    pub fn ordered(&self) -> Vec<(&str, Option<i64>)> {
        let rank = |k: &str| match k {
            FOLLOWERS_START => 0,
            FOLLOWERS_END => 1,
            k if k.starts_with("page_") => 2,
            k if k.starts_with("post_") => 3,
            _ => 4,
        };
        let mut out: Vec<(&str, Option<i64>)> =
            self.metrics.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        out.sort_by_key(|(k, _)| rank(k));
        out
    }
}

/// One published post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PostLine {
    pub draft_id: i64,
    pub title: String,
    pub topic: String,
    /// Its first publication in the period, Vietnam time.
    pub published_at: String,
    /// Channels that published it in the period, in the order they did.
    pub channels: Vec<String>,
    /// Where it can be seen, one per channel that gave an address.
    pub links: Vec<String>,
}

/// Publications in a stretch of days (a week, a month), per channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CountBucket {
    /// First and last day inside the period (`YYYY-MM-DD`).
    pub from: String,
    pub to: String,
    pub by_channel: BTreeMap<String, u32>,
    /// Publications in these days, all channels.
    pub total: u32,
}

/// Makes the report of `period` from `input`. `now` is the injected clock's time.
pub fn build(input: &ReportInput, period: &Period, now: DateTime<Utc>) -> Report {
    // The earliest publication of each (post, channel) inside the period.
    let mut firsts: BTreeMap<(i64, &str), &crate::input::PublishedItem> = BTreeMap::new();
    for item in input
        .published
        .iter()
        .filter(|i| period.contains(i.published_at))
    {
        firsts
            .entry((item.draft_id, item.channel.as_str()))
            .and_modify(|e| {
                if item.published_at < e.published_at {
                    *e = item;
                }
            })
            .or_insert(item);
    }
    let mut items: Vec<&crate::input::PublishedItem> = firsts.values().copied().collect();
    items.sort_by_key(|i| (i.published_at, i.draft_id, i.channel.clone()));

    let mut by_channel: BTreeMap<String, u32> =
        input.channels.iter().map(|c| (c.clone(), 0)).collect();
    let mut posts: Vec<PostLine> = Vec::new();
    let mut index: HashMap<i64, usize> = HashMap::new();
    for item in &items {
        *by_channel.entry(item.channel.clone()).or_insert(0) += 1;
        let at = *index.entry(item.draft_id).or_insert_with(|| {
            posts.push(PostLine {
                draft_id: item.draft_id,
                title: item.title.clone(),
                topic: item.topic.clone(),
                published_at: vietnam_rfc3339(item.published_at),
                channels: Vec::new(),
                links: Vec::new(),
            });
            posts.len() - 1
        });
        let post = &mut posts[at];
        post.channels.push(item.channel.clone());
        if let Some(url) = item.remote_url.as_ref().filter(|u| !u.trim().is_empty())
            && !post.links.contains(url)
        {
            post.links.push(url.clone());
        }
    }
    let published_ids: BTreeSet<i64> = posts.iter().map(|p| p.draft_id).collect();

    let mut by_topic: BTreeMap<String, u32> = BTreeMap::new();
    for post in &posts {
        *by_topic.entry(post.topic.clone()).or_insert(0) += 1;
    }

    let (mut photos, mut videos, mut infographics) = (0u32, 0u32, 0u32);
    let mut media_seen = BTreeSet::new();
    for m in &input.media {
        // One row per draft; a repeated row is the same draft, not more media.
        if published_ids.contains(&m.draft_id) && media_seen.insert(m.draft_id) {
            photos = photos.saturating_add(m.photos);
            videos = videos.saturating_add(m.videos);
            infographics = infographics.saturating_add(m.infographics);
        }
    }

    let alerts = alerts(input, period, &posts);

    let count_open = |state: OpenState| {
        let ids: BTreeSet<i64> = input
            .open
            .iter()
            .filter(|o| o.state == state)
            .map(|o| o.draft_id)
            .collect();
        ids.len() as u32
    };

    let buckets = |spans: Vec<(chrono::NaiveDate, chrono::NaiveDate)>| -> Vec<CountBucket> {
        spans
            .into_iter()
            .map(|(from, to)| {
                let mut counts: BTreeMap<String, u32> =
                    by_channel.keys().map(|c| (c.clone(), 0)).collect();
                let mut total = 0;
                for item in &items {
                    let day = vietnam_date(item.published_at);
                    if day >= from && day <= to {
                        *counts.entry(item.channel.clone()).or_insert(0) += 1;
                        total += 1;
                    }
                }
                CountBucket {
                    from: from.format("%Y-%m-%d").to_string(),
                    to: to.format("%Y-%m-%d").to_string(),
                    by_channel: counts,
                    total,
                }
            })
            .collect()
    };
    let weekly = buckets(period.weeks());
    let monthly = buckets(period.months());

    Report {
        period: PeriodJson::from(period),
        generated_at: vietnam_rfc3339(now),
        published: posts.len() as u32,
        by_channel,
        by_topic,
        by_series: series(input, period),
        photos,
        videos,
        infographics,
        alerts,
        pending: count_open(OpenState::Pending),
        failed: count_open(OpenState::Failed),
        unconfirmed: count_open(OpenState::Unconfirmed),
        reach: reach(input, &published_ids),
        posts,
        weekly,
        monthly,
    }
}

fn alerts(input: &ReportInput, period: &Period, posts: &[PostLine]) -> Vec<Alert> {
    let created: HashMap<i64, DateTime<Utc>> = input
        .drafts
        .iter()
        .map(|d| (d.draft_id, d.created_at))
        .collect();
    let mut out = Vec::new();
    for post in posts.iter().filter(|p| p.topic == ALERT_TOPIC) {
        // The first publication ever, on any channel: an alert that went out on Facebook on the
        // 31st and on the website on the 1st belongs to the month of the 31st.
        let Some(first) = input
            .published
            .iter()
            .filter(|i| i.draft_id == post.draft_id)
            .map(|i| i.published_at)
            .min()
        else {
            continue;
        };
        if !period.contains(first) {
            continue;
        }
        let minutes_to_publish = created
            .get(&post.draft_id)
            .map(|c| (first - *c).num_minutes().max(0));
        out.push(Alert {
            draft_id: post.draft_id,
            title: post.title.clone(),
            published_at: vietnam_rfc3339(first),
            minutes_to_publish,
        });
    }
    out
}

fn series(input: &ReportInput, period: &Period) -> Vec<SeriesStats> {
    let mut by_id: BTreeMap<i64, SeriesStats> = BTreeMap::new();
    for o in input
        .series
        .iter()
        .filter(|o| !o.skipped && period.contains(o.planned_at))
    {
        let s = by_id.entry(o.series_id).or_insert_with(|| SeriesStats {
            series_id: o.series_id,
            name: o.name.clone(),
            planned: 0,
            published: 0,
            on_time: 0,
        });
        s.planned += 1;
        if let Some(at) = o.published_at {
            s.published += 1;
            if (at - o.planned_at).num_minutes() <= ON_TIME_GRACE_MINUTES {
                s.on_time += 1;
            }
        }
    }
    by_id.into_values().collect()
}

fn reach(input: &ReportInput, published: &BTreeSet<i64>) -> Reach {
    // The newest reading of each (channel, subject, measure).
    let mut latest: HashMap<(&str, &ReachSubject, &str), &ReachRow> = HashMap::new();
    for row in &input.reach {
        if let ReachSubject::Post { draft_id } = row.subject
            && !published.contains(&draft_id)
        {
            continue;
        }
        let key = (row.channel.as_str(), &row.subject, row.metric.as_str());
        match latest.get(&key) {
            Some(old) if old.read_at >= row.read_at => {}
            _ => {
                latest.insert(key, row);
            }
        }
    }
    let mut metrics: BTreeMap<String, Option<i64>> = input
        .reach_metrics
        .iter()
        .chain([FOLLOWERS_START.to_owned(), FOLLOWERS_END.to_owned()].iter())
        .map(|m| (m.clone(), None))
        .collect();
    let mut read_at: Option<DateTime<Utc>> = None;
    for row in latest.values() {
        let key = match row.subject {
            ReachSubject::FollowersStart => FOLLOWERS_START.to_owned(),
            ReachSubject::FollowersEnd => FOLLOWERS_END.to_owned(),
            ReachSubject::Page | ReachSubject::Post { .. } => row.metric.clone(),
        };
        read_at = Some(read_at.map_or(row.read_at, |r| r.max(row.read_at)));
        let slot = metrics.entry(key).or_insert(None);
        if let Some(v) = row.value {
            *slot = Some(slot.unwrap_or(0).saturating_add(v));
        }
    }
    Reach {
        read_at: read_at.map(vietnam_rfc3339),
        metrics,
    }
}
