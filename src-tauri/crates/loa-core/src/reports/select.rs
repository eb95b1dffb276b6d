//! The rows of a period's report, read in one go from the profile's tables.

use chrono::{NaiveDate, Utc};
use loa_report::{DraftCreated, MediaUse, OpenItem, OpenState, Period, PublishedItem, ReportInput};
use rusqlite::{Connection, params};

use crate::Result;
use crate::clock::{format_ts, parse_ts};

/// `YYYY-MM-DD`, as the readings table keys a period.
pub(crate) fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The period's bounds as the outbox writes its times (UTC, RFC 3339 with milliseconds), so
/// that comparing the text compares the instants.
pub(crate) fn utc_bounds(period: &Period) -> (String, String) {
    (
        format_ts(period.start().with_timezone(&Utc)),
        format_ts(period.end().with_timezone(&Utc)),
    )
}

/// Drafts with a publication in the period, as a sub-select bound to ?1 and ?2.
const IN_PERIOD: &str = "SELECT draft_id FROM outbox
     WHERE state = 'published' AND published_at >= ?1 AND published_at < ?2";

pub(crate) fn input(
    conn: &Connection,
    period: &Period,
    measures: &super::ReachMeasures<'_>,
) -> Result<ReportInput> {
    let (start, end) = utc_bounds(period);
    let channels = conn
        .prepare("SELECT name FROM channels ORDER BY id")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;

    // Every publication of those drafts, earlier ones included: an alert belongs to the period
    // of its first publication ever, which `loa_report::build` decides.
    let mut published = Vec::new();
    let mut stmt = conn.prepare(&format!(
        "SELECT o.draft_id, o.title, d.topic, c.name, c.kind, o.published_at, o.remote_url
         FROM outbox o
         JOIN channels c ON c.id = o.channel_id
         JOIN drafts d ON d.id = o.draft_id
         WHERE o.state = 'published' AND o.published_at IS NOT NULL
           AND o.draft_id IN ({IN_PERIOD})
         ORDER BY o.published_at, o.id"
    ))?;
    let rows = stmt.query_map(params![start, end], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, String>(4)?,
            row.get::<_, String>(5)?,
            row.get::<_, Option<String>>(6)?,
        ))
    })?;
    for row in rows {
        let (draft_id, title, topic, channel, channel_kind, at, remote_url) = row?;
        // A time Loa did not write cannot be placed in a period: left out, not guessed.
        let Some(published_at) = parse_ts(&at) else {
            continue;
        };
        published.push(PublishedItem {
            draft_id,
            title,
            topic,
            channel,
            channel_kind,
            published_at,
            remote_url: remote_url.filter(|u| !u.trim().is_empty()),
        });
    }

    let drafts = conn
        .prepare(&format!(
            "SELECT id, created_at FROM drafts WHERE id IN ({IN_PERIOD}) ORDER BY id"
        ))?
        .query_map(params![start, end], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter_map(|(draft_id, at)| {
            parse_ts(&at).map(|created_at| DraftCreated {
                draft_id,
                created_at,
            })
        })
        .collect();

    // Photos: the most any channel carried (each post counted once, whatever the channels);
    // videos: a published post that carried one.
    // Infographics: the draft's images rendered from a template — "create draft" imports them
    // under the name `<template id>-<size>.png` — counted apart from the photos.
    let media = conn
        .prepare(&format!(
            "SELECT d.id,
                 (SELECT IFNULL(MAX(n), 0) FROM (
                      SELECT COUNT(m.position) AS n FROM outbox o
                      LEFT JOIN outbox_media m ON m.outbox_id = o.id
                      WHERE o.draft_id = d.id AND o.state = 'published'
                      GROUP BY o.id)),
                 (SELECT COUNT(*) FROM draft_media dm JOIN media md ON md.id = dm.media_id
                      WHERE dm.draft_id = d.id AND EXISTS (
                          SELECT 1 FROM templates t
                          WHERE md.original_name GLOB t.id || '-*.png')),
                 EXISTS (SELECT 1 FROM outbox o JOIN outbox_video v ON v.outbox_id = o.id
                      WHERE o.draft_id = d.id AND o.state = 'published')
             FROM drafts d WHERE d.id IN ({IN_PERIOD}) ORDER BY d.id"
        ))?
        .query_map(params![start, end], |row| {
            let images: i64 = row.get(1)?;
            let infographics: i64 = row.get(2)?;
            let infographics = infographics.clamp(0, images.max(0));
            // A post carries photos or one video.
            let video: bool = row.get(3)?;
            Ok(MediaUse {
                draft_id: row.get(0)?,
                photos: u32::try_from(images - infographics).unwrap_or(0),
                videos: u32::from(video),
                infographics: u32::try_from(infographics).unwrap_or(0),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let open = conn
        .prepare(
            "SELECT o.draft_id, c.name, o.state FROM outbox o
             JOIN channels c ON c.id = o.channel_id
             WHERE o.state NOT IN ('published', 'cancelled')
             ORDER BY o.id",
        )?
        .query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter_map(|(draft_id, channel, state)| {
            OpenState::from_outbox_state(&state).map(|state| OpenItem {
                draft_id,
                channel,
                state,
            })
        })
        .collect();

    Ok(ReportInput {
        channels,
        published,
        drafts,
        media,
        open,
        series: crate::calendar::record::occurrences(conn, period.from(), period.to())?,
        reach: super::readings::rows(conn, period, measures)?,
        reach_metrics: Vec::new(),
    })
}
