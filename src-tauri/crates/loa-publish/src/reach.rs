//! Reports and "refresh reach": a period's figures with the reach measures Loa reads, and the
//! reading itself — Facebook Page and post insights stored in the profile the moment each is
//! read, so a report made offline afterwards still shows them.
//!
//! What a refresh reads, per Facebook channel:
//! - each Page measure of [`PAGE_METRICS`] and the follower count ([`FOLLOWERS_METRIC`]) day by
//!   day, from the month of the channel's first publication (at most [`MAX_REFRESH_DAYS`] back)
//!   to today — stored per day, so a report of any period inside adds its days up;
//! - the follower count now (today's daily count is not computed yet);
//! - each post measure of [`POST_METRICS`] for its published posts, newest first (at most
//!   [`MAX_POSTS_PER_REFRESH`]).
//!
//! A measure Facebook refuses (removed, Graph #100) is stored as not available and not asked
//! again for the other posts. A throttle (or usage headers near the limit) holds the channel as
//! the worker does; an expired token asks for a reconnect; a lost link stops that channel. What
//! was read before stays stored.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{Datelike, Duration, NaiveDate};
use loa_channels::insights::{
    FOLLOWERS_METRIC, InsightsClient, MAX_POSTS_PER_REFRESH, MetricOutcome, PAGE_METRICS,
    POST_METRICS,
};
use loa_channels::{ChannelError, ErrorClass};
use loa_core::{
    ChannelHold, IpcError, LoaError, NewReading, OutboxPort, ReachMeasures, ReachTarget,
    ReadingOutcome, ReadingScope, Result, Store,
};
use loa_report::period::vietnam_date;
use loa_report::{Period, Report};
use serde::{Deserialize, Serialize};

use crate::convert;
use crate::credentials::CredentialStore;

/// How far back a refresh reads Page measures: a year's report and the day before it.
pub const MAX_REFRESH_DAYS: i64 = 400;

/// Every measure a report lists: the Page's, then the posts'.
const LISTED: [&str; PAGE_METRICS.len() + POST_METRICS.len()] = {
    let mut out = [""; PAGE_METRICS.len() + POST_METRICS.len()];
    let mut i = 0;
    while i < PAGE_METRICS.len() {
        out[i] = PAGE_METRICS[i];
        i += 1;
    }
    let mut j = 0;
    while j < POST_METRICS.len() {
        out[i + j] = POST_METRICS[j];
        j += 1;
    }
    out
};

/// The reach measures of a report, as `loa-channels` reads them.
pub fn measures() -> ReachMeasures<'static> {
    ReachMeasures {
        listed: &LISTED,
        followers: FOLLOWERS_METRIC,
    }
}

/// `period`'s figures with the stored reach (the one way the app and `loa report` make one).
pub fn report(store: &Store, period: &Period) -> Result<Report> {
    store.reports().report(period, &measures())
}

/// Where a refresh stands, after each call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ReachProgress {
    pub channel: String,
    pub done: u32,
    pub total: u32,
}

/// How a channel's refresh ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RefreshStatus {
    /// Everything was read.
    Done,
    /// Facebook asked Loa to slow down: the channel waits until `until`.
    Throttled,
    /// The token expired or was revoked: the officer must reconnect.
    NeedsReconnect,
    /// No link to Facebook.
    Offline,
    /// No token stored for the channel.
    MissingCredentials,
    /// Another error; `error` says which.
    Failed,
}

/// One channel's refresh.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ChannelRefresh {
    pub channel: String,
    pub status: RefreshStatus,
    /// The days read (`YYYY-MM-DD`, Facebook's days).
    pub from: String,
    pub to: String,
    /// Figures stored.
    pub readings: u32,
    /// Measures Facebook refused (removed): shown as "not available".
    pub not_available: Vec<String>,
    /// Posts read, and posts beyond the limit left unread.
    pub posts: u32,
    pub posts_skipped: u32,
    /// Throttled: when the channel may be read again (RFC 3339).
    pub until: Option<String>,
    /// Failed (or offline): the error, as the UI and the command line show errors.
    pub error: Option<IpcError>,
}

/// What "refresh reach" did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RefreshOutcome {
    /// When it was done (RFC 3339, UTC).
    pub read_at: String,
    pub channels: Vec<ChannelRefresh>,
    pub readings: u32,
}

impl RefreshOutcome {
    /// Every channel was read to the end.
    pub fn complete(&self) -> bool {
        self.channels
            .iter()
            .all(|c| c.status == RefreshStatus::Done)
    }
}

/// Reads reach for every Facebook channel of the profile. `on_progress` is told after each call.
pub fn refresh(
    store: &Store,
    credentials: &Arc<dyn CredentialStore>,
    timeout: StdDuration,
    on_progress: &mut dyn FnMut(&ReachProgress),
) -> Result<RefreshOutcome> {
    let now = store.clock().now();
    let today = vietnam_date(now);
    let mut channels = Vec::new();
    for target in store.reports().reach_targets()? {
        channels.push(refresh_channel(
            store,
            credentials,
            timeout,
            &target,
            today,
            on_progress,
        )?);
    }
    Ok(RefreshOutcome {
        read_at: loa_core::clock::format_ts(now),
        readings: channels.iter().map(|c| c.readings).sum(),
        channels,
    })
}

/// The first day a channel's Page measures are read from: the first of the month of its first
/// publication (this month's when it has none), never more than [`MAX_REFRESH_DAYS`] back, and
/// the day before, whose follower count starts that month's report.
fn first_day(target: &ReachTarget, today: NaiveDate) -> NaiveDate {
    let first = target.first_published.unwrap_or(today).min(today);
    let month_start = first.with_day(1).unwrap_or(first);
    month_start.max(today - Duration::days(MAX_REFRESH_DAYS)) - Duration::days(1)
}

fn refresh_channel(
    store: &Store,
    credentials: &Arc<dyn CredentialStore>,
    timeout: StdDuration,
    target: &ReachTarget,
    today: NaiveDate,
    on_progress: &mut dyn FnMut(&ReachProgress),
) -> Result<ChannelRefresh> {
    let from = first_day(target, today);
    let posts: Vec<_> = target.posts.iter().take(MAX_POSTS_PER_REFRESH).collect();
    let mut out = ChannelRefresh {
        channel: target.channel.clone(),
        status: RefreshStatus::Done,
        from: from.format("%Y-%m-%d").to_string(),
        to: today.format("%Y-%m-%d").to_string(),
        readings: 0,
        not_available: Vec::new(),
        posts: 0,
        posts_skipped: u32::try_from(target.posts.len() - posts.len()).unwrap_or(u32::MAX),
        until: None,
        error: None,
    };
    let Some(creds) = credentials.get(target.channel_id)? else {
        out.status = RefreshStatus::MissingCredentials;
        out.error = Some(
            LoaError::MissingCredentials {
                channel: target.channel.clone(),
            }
            .into(),
        );
        return Ok(out);
    };
    let info = store.publishing().channel(target.channel_id)?;
    let client = InsightsClient::new(&convert::config(&info, timeout, None), &creds);
    let mut progress = ReachProgress {
        channel: target.channel.clone(),
        done: 0,
        total: u32::try_from(PAGE_METRICS.len() + 2 + posts.len() * POST_METRICS.len())
            .unwrap_or(u32::MAX),
    };
    let reading = |scope, metric: &str, outcome| NewReading {
        channel_id: target.channel_id,
        scope,
        metric: metric.to_owned(),
        outcome,
    };

    let result: std::result::Result<(), Stop> = (|| {
        for metric in PAGE_METRICS.iter().chain([&FOLLOWERS_METRIC]) {
            let batch: Vec<NewReading> = match client.page_metric_days(metric, from, today)? {
                Ok(days) => days
                    .into_iter()
                    .map(|(day, value)| {
                        reading(
                            ReadingScope::PageDay { day },
                            metric,
                            ReadingOutcome::Value { value },
                        )
                    })
                    .collect(),
                Err(refused) => {
                    out.not_available.push((*metric).to_owned());
                    vec![reading(
                        ReadingScope::PageDay { day: today },
                        metric,
                        outcome(refused),
                    )]
                }
            };
            save(store, &batch, &mut out)?;
            step(&mut progress, on_progress);
            stop_if_near_limit(&client)?;
        }
        let now = client.followers_now()?;
        save(
            store,
            &[reading(
                ReadingScope::FollowersNow { day: today },
                FOLLOWERS_METRIC,
                outcome(now),
            )],
            &mut out,
        )?;
        step(&mut progress, on_progress);
        stop_if_near_limit(&client)?;
        for post in &posts {
            for metric in POST_METRICS {
                if out.not_available.iter().any(|m| m == metric) {
                    continue;
                }
                let got = client.post_metric(&post.remote_id, metric)?;
                if matches!(got, MetricOutcome::NotAvailable { .. }) {
                    out.not_available.push(metric.to_owned());
                }
                save(
                    store,
                    &[reading(
                        ReadingScope::Post {
                            outbox_id: post.outbox_id,
                        },
                        metric,
                        outcome(got),
                    )],
                    &mut out,
                )?;
                stop_if_near_limit(&client)?;
            }
            out.posts += 1;
            progress.done += u32::try_from(POST_METRICS.len()).unwrap_or(0);
            on_progress(&progress);
        }
        Ok(())
    })();

    match result {
        Ok(()) => {}
        Err(Stop::Channel(e)) => stopped(store, target, &mut out, e)?,
        Err(Stop::Store(e)) => return Err(e),
    }
    Ok(out)
}

/// Why the reading loop stopped: the platform (the channel's outcome says so) or the profile
/// (an error of the whole refresh).
enum Stop {
    Channel(ChannelError),
    Store(LoaError),
}

impl From<ChannelError> for Stop {
    fn from(e: ChannelError) -> Self {
        Stop::Channel(e)
    }
}

fn save(
    store: &Store,
    batch: &[NewReading],
    out: &mut ChannelRefresh,
) -> std::result::Result<(), Stop> {
    store.reports().store_readings(batch).map_err(Stop::Store)?;
    out.readings += u32::try_from(batch.len()).unwrap_or(0);
    Ok(())
}

fn step(progress: &mut ReachProgress, on_progress: &mut dyn FnMut(&ReachProgress)) {
    progress.done += 1;
    on_progress(progress);
}

fn outcome(o: MetricOutcome) -> ReadingOutcome {
    match o {
        MetricOutcome::Value { value } => ReadingOutcome::Value { value },
        MetricOutcome::NotAvailable { code, .. } => ReadingOutcome::NotAvailable { code },
        MetricOutcome::NoData => ReadingOutcome::NoData,
    }
}

fn stop_if_near_limit(client: &InsightsClient) -> std::result::Result<(), ChannelError> {
    match client.take_usage_pause_secs() {
        Some(secs) => Err(ChannelError {
            class: ErrorClass::Throttled {
                retry_after_secs: secs.max(1),
            },
            kind: loa_core::ChannelKind::Facebook,
            code: "usage-high".into(),
            message: "Facebook's usage headers say the limit is near".into(),
        }),
        None => Ok(()),
    }
}

/// Records why a channel's refresh stopped, and holds the channel as the worker would.
fn stopped(
    store: &Store,
    target: &ReachTarget,
    out: &mut ChannelRefresh,
    e: ChannelError,
) -> Result<()> {
    let failed = LoaError::ChannelFailed {
        channel: target.channel.clone(),
        code: e.code.clone(),
        message: e.message.clone(),
        reason: e.reason().to_owned(),
    };
    match e.class {
        ErrorClass::Throttled { retry_after_secs } => {
            let until = store.clock().now()
                + Duration::seconds(i64::try_from(retry_after_secs).unwrap_or(i64::MAX / 2));
            store.hold_channel(target.channel_id, ChannelHold::Throttled { until })?;
            out.status = RefreshStatus::Throttled;
            out.until = Some(loa_core::clock::format_ts(until));
        }
        ErrorClass::Auth => {
            store.hold_channel(target.channel_id, ChannelHold::NeedsReconnect)?;
            out.status = RefreshStatus::NeedsReconnect;
        }
        ErrorClass::Offline => out.status = RefreshStatus::Offline,
        ErrorClass::Transient | ErrorClass::Ambiguous | ErrorClass::Invalid => {
            out.status = RefreshStatus::Failed;
        }
    }
    out.error = Some(failed.into());
    Ok(())
}
