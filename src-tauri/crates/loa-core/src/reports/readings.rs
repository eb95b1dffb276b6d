//! The `insight_readings` table: one row per figure read, with when it was read. Page measures
//! and the follower count are kept day by day, so a report of any period adds them up offline.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use loa_report::{Period, ReachRow, ReachSubject};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::clock::{format_ts, parse_ts};
use crate::{LoaError, Result};

use super::select::day;

/// What one reading is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "scope", rename_all = "snake_case")]
pub enum ReadingScope {
    /// A Page measure (or the follower count at the end of the day) for one day.
    PageDay { day: NaiveDate },
    /// The follower count read on `day`, for a period that has not ended.
    FollowersNow { day: NaiveDate },
    /// A post's lifetime measure; the post on that channel is the outbox row.
    Post { outbox_id: i64 },
}

impl ReadingScope {
    fn as_str(&self) -> &'static str {
        match self {
            ReadingScope::PageDay { .. } => "page_day",
            ReadingScope::FollowersNow { .. } => "followers_now",
            ReadingScope::Post { .. } => "post",
        }
    }
}

/// What the platform said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ReadingOutcome {
    Value {
        value: i64,
    },
    /// Refused (a removed measure): `code` is the platform's error code, kept for support.
    NotAvailable {
        code: String,
    },
    /// The measure exists but has no figure.
    NoData,
}

/// One figure to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReading {
    pub channel_id: i64,
    pub scope: ReadingScope,
    pub metric: String,
    pub outcome: ReadingOutcome,
}

/// Which stored measures a report lists, and which daily measure is the follower count (the
/// platform's names are `loa-channels`' to know; the caller passes them).
#[derive(Debug, Clone, Copy)]
pub struct ReachMeasures<'a> {
    /// Every measure the report lists, read or not.
    pub listed: &'a [&'a str],
    /// The daily follower count (`page_follows`).
    pub followers: &'a str,
}

/// A published post a refresh reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReachPost {
    pub outbox_id: i64,
    /// The platform's id of the post.
    pub remote_id: String,
}

/// One channel a refresh reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReachTarget {
    pub channel_id: i64,
    pub channel: String,
    /// The day (Vietnam) of its first publication, if any: where its Page figures begin to
    /// matter.
    pub first_published: Option<NaiveDate>,
    /// Its published posts with a platform id, newest first.
    pub posts: Vec<ReachPost>,
}

/// Measure names are the platform's; anything longer is not one (the table refuses it too).
const MAX_METRIC_LEN: usize = 100;

pub(crate) fn store(conn: &Connection, now: DateTime<Utc>, r: &NewReading) -> Result<()> {
    if r.metric.is_empty() || r.metric.len() > MAX_METRIC_LEN {
        return Err(LoaError::InvalidValue {
            field: "metric".into(),
            value: r.metric.chars().take(MAX_METRIC_LEN).collect(),
            allowed: "page_media_view, post_media_view, …".into(),
        });
    }
    let (on_day, outbox_id) = match r.scope {
        ReadingScope::PageDay { day: d } | ReadingScope::FollowersNow { day: d } => {
            (Some(day(d)), None)
        }
        ReadingScope::Post { outbox_id } => (None, Some(outbox_id)),
    };
    let (status, value, code) = match &r.outcome {
        ReadingOutcome::Value { value } => ("value", Some(*value), None),
        ReadingOutcome::NotAvailable { code } => ("not_available", None, Some(code.as_str())),
        ReadingOutcome::NoData => ("no_data", None, None),
    };
    // REPLACE: the newest reading of a figure is the one a report uses (the unique index is on
    // expressions, which an upsert's conflict target cannot name).
    conn.execute(
        "INSERT OR REPLACE INTO insight_readings (channel_id, scope, day, outbox_id, metric,
             status, value, error_code, read_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            r.channel_id,
            r.scope.as_str(),
            on_day,
            outbox_id,
            r.metric,
            status,
            value,
            code,
            format_ts(now)
        ],
    )?;
    Ok(())
}

/// One stored row, as the report needs it.
struct Stored {
    channel: String,
    /// Taken out while the row is sorted.
    scope: String,
    day: Option<NaiveDate>,
    draft_id: Option<i64>,
    metric: String,
    value: Option<i64>,
    read_at: DateTime<Utc>,
}

/// The reach rows of `period`'s report:
/// - a Page measure is the sum of its days inside the period (absent when no day was read);
/// - followers at the start are the count at the end of the day before the period; at the end,
///   the count of its last day, or for a period not over yet the newest count read during it;
/// - a post's measures as read (the report keeps the posts it lists).
pub(crate) fn rows(
    conn: &Connection,
    period: &Period,
    measures: &ReachMeasures<'_>,
) -> Result<Vec<ReachRow>> {
    let before = period.from() - Duration::days(1);
    let mut stmt = conn.prepare(
        "SELECT c.name, r.scope, r.day, o.draft_id, r.metric, r.value, r.read_at
         FROM insight_readings r
         JOIN channels c ON c.id = r.channel_id
         LEFT JOIN outbox o ON o.id = r.outbox_id
         WHERE r.scope = 'post' OR (r.day >= ?1 AND r.day <= ?2)
         ORDER BY r.id",
    )?;
    let stored = stmt
        .query_map(params![day(before), day(period.to())], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Option<String>>(2)?,
                row.get::<_, Option<i64>>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, Option<i64>>(5)?,
                row.get::<_, String>(6)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter_map(|(channel, scope, d, draft_id, metric, value, read_at)| {
            Some(Stored {
                channel,
                scope,
                day: d.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                draft_id,
                metric,
                value,
                read_at: parse_ts(&read_at)?,
            })
        });

    let mut out = Vec::new();
    // (channel, measure) → (sum of the days read, newest read time).
    let mut sums: BTreeMap<(String, String), (Option<i64>, DateTime<Utc>)> = BTreeMap::new();
    // channel → (count at the end of the last day, newest count read during the period).
    let mut ends: BTreeMap<String, (Option<Stored>, Option<Stored>)> = BTreeMap::new();
    for mut s in stored {
        let scope = std::mem::take(&mut s.scope);
        match (scope.as_str(), s.day) {
            ("post", _) => {
                if let Some(draft_id) = s.draft_id {
                    out.push(ReachRow {
                        channel: s.channel,
                        subject: ReachSubject::Post { draft_id },
                        metric: s.metric,
                        value: s.value,
                        read_at: s.read_at,
                    });
                }
            }
            ("page_day", Some(d)) if s.metric == measures.followers => {
                if d == before {
                    out.push(ReachRow {
                        channel: s.channel,
                        subject: ReachSubject::FollowersStart,
                        metric: s.metric,
                        value: s.value,
                        read_at: s.read_at,
                    });
                } else if d == period.to() {
                    let slot = &mut ends.entry(s.channel.clone()).or_default().0;
                    *slot = Some(s);
                }
            }
            ("page_day", Some(d)) if d >= period.from() => {
                let slot = sums
                    .entry((s.channel, s.metric))
                    .or_insert((None, s.read_at));
                if let Some(v) = s.value {
                    slot.0 = Some(slot.0.unwrap_or(0).saturating_add(v));
                }
                slot.1 = slot.1.max(s.read_at);
            }
            ("followers_now", Some(d)) if d >= period.from() => {
                let slot = &mut ends.entry(s.channel.clone()).or_default().1;
                if slot
                    .as_ref()
                    .is_none_or(|old| (old.day, old.read_at) <= (s.day, s.read_at))
                {
                    *slot = Some(s);
                }
            }
            _ => {}
        }
    }
    for ((channel, metric), (value, read_at)) in sums {
        out.push(ReachRow {
            channel,
            subject: ReachSubject::Page,
            metric,
            value,
            read_at,
        });
    }
    for (last_day, now) in ends.into_values() {
        if let Some(s) = last_day.or(now) {
            out.push(ReachRow {
                channel: s.channel,
                subject: ReachSubject::FollowersEnd,
                metric: s.metric,
                value: s.value,
                read_at: s.read_at,
            });
        }
    }
    Ok(out)
}

pub(crate) fn targets(conn: &Connection) -> Result<Vec<ReachTarget>> {
    let mut out: Vec<ReachTarget> = conn
        .prepare(
            "SELECT c.id, c.name,
                 (SELECT MIN(published_at) FROM outbox
                  WHERE channel_id = c.id AND state = 'published')
             FROM channels c WHERE c.kind = 'facebook' ORDER BY c.id",
        )?
        .query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Option<String>>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .map(|(channel_id, channel, first)| ReachTarget {
            channel_id,
            channel,
            first_published: first
                .as_deref()
                .and_then(parse_ts)
                .map(loa_report::period::vietnam_date),
            posts: Vec::new(),
        })
        .collect();
    let mut stmt = conn.prepare(
        "SELECT channel_id, id, remote_id FROM outbox
         WHERE state = 'published' AND remote_id IS NOT NULL AND remote_id <> ''
         ORDER BY published_at DESC, id DESC",
    )?;
    let posts = stmt.query_map([], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            ReachPost {
                outbox_id: row.get(1)?,
                remote_id: row.get(2)?,
            },
        ))
    })?;
    for post in posts {
        let (channel_id, post) = post?;
        if let Some(t) = out.iter_mut().find(|t| t.channel_id == channel_id) {
            t.posts.push(post);
        }
    }
    Ok(out)
}
