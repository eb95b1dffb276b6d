//! Page and post insights, with the metrics Meta removed answering as Graph does.
//!
//! Documented behaviour followed:
//! - `graph-api/reference/page/insights`, `graph-api/reference/post/insights`:
//!   `GET /{page-id}/insights?metric=a,b&period=day&since&until` (also `/insights/{metric}`) →
//!   `data[]` of `{name, period, values:[{value, end_time}], title, description, id}` with
//!   `paging.previous/next`; post metrics are `lifetime`. A Page access token is required.
//! - `platforminsights/page/deprecated-metrics` and `pages-api/changelog`: on 15 November 2025
//!   `page_fans` (→ `page_follows`), `page_fan_adds*`, `page_fan_removes*`, `page_impressions*`
//!   (→ `page_media_view`), `post_impressions*` (→ `post_media_view`) were removed for all
//!   versions; by June 2025 the `*_impressions_unique` family (→ `page_total_media_view_unique`,
//!   `post_total_media_view_unique`) and `page_posts_impressions*`; in March 2024
//!   `page_engaged_users`, `page_consumptions*` and others. "The API will return an invalid
//!   metric error when calling any of these metrics": `(#100) The value must be a valid insights
//!   metric`, and one such metric fails the whole request (facebook-python-business-sdk#656,
//!   airbyte#84408).
//! - The 93-day limit between `since` and until` and the `period` list in the error text are as
//!   Graph words them.
//!
//! Values are not random: they are derived from what was published, so tests can check them.
//! For a published post with `p` photos, a video or not, and a message of `c` characters:
//! - `post_media_view` = 60 + 40·p + 150·(video) + c ([`post_media_view`]);
//! - `post_total_media_view_unique` = ⌊¾ · post_media_view⌋; `post_clicks` = ⌊post_media_view / 10⌋;
//!   `post_video_views` = ⌊post_media_view / 2⌋ for a video post, else 0;
//!   `post_reactions_by_type_total` = `{"like": ⌊views/20⌋, "love": ⌊views/60⌋}`.
//!
//! A Page metric for a day sums its posts' figures over the posts published in that day's
//! window; the windows end at midnight US Pacific time (`end_time` 07:00 or 08:00 UTC), as
//! Graph's do; `week` and `days_28` sum the 7 and 28 days ending there:
//! - `page_media_view`, `page_total_media_view_unique`, `page_post_engagements` (Σ clicks),
//!   `page_video_views`;
//! - `page_follows` = `followers_base` + 3 · (posts published before `end_time`);
//!   `page_daily_follows`, `page_daily_follows_unique` = 3 · posts in the window;
//!   `page_daily_unfollows_unique` = ⌊posts in the window / 2⌋;
//!   `page_views_total` = 5 + 10 · posts in the window.
//!
//! A request returns every day whose window overlaps `[since, until)`; without them, the last
//! two days.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use serde_json::{Value, json};

use super::{Caller, EmulatedPost, State, created_time, parse_time};
use crate::common::chars;
use crate::form::{Fields, percent_encode};
use crate::http::{Request, Response};

/// Page metrics that answer.
pub const PAGE_METRICS: &[&str] = &[
    "page_media_view",
    "page_total_media_view_unique",
    "page_follows",
    "page_daily_follows",
    "page_daily_follows_unique",
    "page_daily_unfollows_unique",
    "page_post_engagements",
    "page_views_total",
    "page_video_views",
];

/// Post metrics that answer (period `lifetime`).
pub const POST_METRICS: &[&str] = &[
    "post_media_view",
    "post_total_media_view_unique",
    "post_clicks",
    "post_reactions_by_type_total",
    "post_video_views",
];

/// Metrics Meta removed (each fails any request that names it).
pub const REMOVED_METRICS: &[&str] = &[
    // 15 November 2025.
    "page_fans",
    "page_fans_locale",
    "page_fans_city",
    "page_fans_country",
    "page_fan_adds",
    "page_fan_adds_unique",
    "page_fan_removes",
    "page_fan_removes_unique",
    "page_impressions",
    "page_impressions_paid",
    "page_impressions_viral",
    "page_impressions_nonviral",
    "post_impressions",
    "post_impressions_paid",
    "post_impressions_fan",
    "post_impressions_organic",
    "post_impressions_viral",
    "post_impressions_nonviral",
    // By June 2025.
    "page_impressions_unique",
    "page_impressions_paid_unique",
    "page_impressions_viral_unique",
    "page_impressions_nonviral_unique",
    "page_posts_impressions",
    "page_posts_impressions_unique",
    "page_posts_impressions_paid",
    "page_posts_impressions_paid_unique",
    "page_posts_impressions_organic_unique",
    "page_posts_served_impressions_organic_unique",
    "page_posts_impressions_viral",
    "page_posts_impressions_viral_unique",
    "page_posts_impressions_nonviral",
    "page_posts_impressions_nonviral_unique",
    "post_impressions_unique",
    "post_impressions_paid_unique",
    "post_impressions_fan_unique",
    "post_impressions_organic_unique",
    "post_impressions_viral_unique",
    "post_impressions_nonviral_unique",
    // March 2024 (a selection).
    "page_engaged_users",
    "page_consumptions",
    "page_consumptions_unique",
    "page_content_activity",
    "page_fans_gender_age",
];

/// `post_media_view` of a published post (see the module docs).
pub fn post_media_view(p: &EmulatedPost) -> u64 {
    60 + 40 * p.photos.len() as u64
        + if p.video.is_some() { 150 } else { 0 }
        + chars(&p.message) as u64
}

/// `post_total_media_view_unique` of a published post.
pub fn post_total_media_view_unique(p: &EmulatedPost) -> u64 {
    post_media_view(p) * 3 / 4
}

/// `post_clicks` of a published post.
pub fn post_clicks(p: &EmulatedPost) -> u64 {
    post_media_view(p) / 10
}

fn post_video_views(p: &EmulatedPost) -> u64 {
    if p.video.is_some() {
        post_media_view(p) / 2
    } else {
        0
    }
}

fn invalid_metric(s: &mut State) -> Response {
    s.invalid("The value must be a valid insights metric")
}

/// The requested metrics: `a,b`, a JSON array (what SDKs send), or the path segment.
fn metric_names(f: &Fields, path_metric: Option<&str>) -> Vec<String> {
    if let Some(m) = path_metric {
        return vec![m.to_string()];
    }
    let raw = f.get("metric").unwrap_or_default();
    if let Ok(Value::Array(a)) = serde_json::from_str::<Value>(&raw) {
        return a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
    }
    raw.split(',')
        .map(|m| m.trim().to_string())
        .filter(|m| !m.is_empty())
        .collect()
}

/// The offset of US Pacific time from UTC on a date: 7 hours from the second Sunday of March to
/// the first Sunday of November, 8 otherwise.
fn pacific_offset_hours(d: NaiveDate) -> i64 {
    let nth_sunday = |month: u32, n: u8| {
        NaiveDate::from_weekday_of_month_opt(d.year(), month, Weekday::Sun, n)
            .unwrap_or(NaiveDate::MIN)
    };
    if d >= nth_sunday(3, 2) && d < nth_sunday(11, 1) {
        7
    } else {
        8
    }
}

/// Midnight at the start of a Pacific date, as a UTC instant.
fn pacific_midnight(d: NaiveDate) -> DateTime<Utc> {
    let naive =
        d.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::hours(pacific_offset_hours(d));
    Utc.from_utc_datetime(&naive)
}

/// The `end_time`s of the day windows overlapping `[since, until)`.
fn day_ends(since: i64, until: i64) -> Vec<DateTime<Utc>> {
    let Some(start) = Utc.timestamp_opt(since, 0).single() else {
        return Vec::new();
    };
    // Start a day early so the window holding `since` is not missed.
    let mut d = start.date_naive() - Duration::days(1);
    let mut out = Vec::new();
    loop {
        let end = pacific_midnight(d + Duration::days(1));
        let begin = pacific_midnight(d);
        if begin.timestamp() >= until {
            break;
        }
        if end.timestamp() > since {
            out.push(end);
        }
        d += Duration::days(1);
    }
    out
}

fn published(s: &State) -> Vec<&EmulatedPost> {
    s.posts.iter().filter(|p| p.published).collect()
}

fn page_value(s: &State, metric: &str, end: DateTime<Utc>, span: Duration) -> u64 {
    let posts = published(s);
    let in_window: Vec<&&EmulatedPost> = posts
        .iter()
        .filter(|p| p.created_at < end && p.created_at >= end - span)
        .collect();
    let n = in_window.len() as u64;
    let sum = |f: fn(&EmulatedPost) -> u64| in_window.iter().map(|p| f(p)).sum::<u64>();
    match metric {
        "page_media_view" => sum(post_media_view),
        "page_total_media_view_unique" => sum(post_total_media_view_unique),
        "page_post_engagements" => sum(post_clicks),
        "page_video_views" => sum(post_video_views),
        "page_follows" => {
            s.opts.followers_base + 3 * posts.iter().filter(|p| p.created_at < end).count() as u64
        }
        "page_daily_follows" | "page_daily_follows_unique" => 3 * n,
        "page_daily_unfollows_unique" => n / 2,
        "page_views_total" => 5 + 10 * n,
        _ => 0,
    }
}

fn post_value(p: &EmulatedPost, metric: &str) -> Value {
    let v = post_media_view(p);
    match metric {
        "post_media_view" => json!(v),
        "post_total_media_view_unique" => json!(post_total_media_view_unique(p)),
        "post_clicks" => json!(post_clicks(p)),
        "post_video_views" => json!(post_video_views(p)),
        "post_reactions_by_type_total" => json!({ "like": v / 20, "love": v / 60 }),
        _ => json!(0),
    }
}

fn title(metric: &str) -> String {
    let mut t = metric.replace('_', " ");
    if let Some(c) = t.get_mut(0..1) {
        c.make_ascii_uppercase();
    }
    t
}

/// `GET /{object-id}/insights[/{metric}]`.
pub(super) fn read(
    s: &mut State,
    req: &Request,
    f: &Fields,
    caller: &Caller,
    object: &str,
    path_metric: Option<&str>,
) -> Response {
    let page = s.opts.page_id.clone();
    let is_page = object == page;
    let post = s.posts.iter().find(|p| p.id == object).cloned();
    if !is_page && post.is_none() {
        return super::unknown_object(s, object);
    }
    if *caller != Caller::Page {
        return s.error(
            400,
            190,
            None,
            "OAuthException",
            "(#190) This method must be called with a Page Access Token",
        );
    }
    let metrics = metric_names(f, path_metric);
    if metrics.is_empty() {
        return invalid_metric(s);
    }
    let known: &[&str] = if is_page { PAGE_METRICS } else { POST_METRICS };
    // One removed or unknown metric fails the whole request (also those a test removes, as
    // Meta keeps removing more).
    if metrics
        .iter()
        .any(|m| !known.contains(&m.as_str()) || s.opts.removed_metrics.contains(m))
    {
        return invalid_metric(s);
    }
    if let Some(p) = post {
        let data: Vec<Value> = metrics
            .iter()
            .map(|m| {
                json!({
                    "name": m, "period": "lifetime",
                    "values": [{ "value": post_value(&p, m) }],
                    "title": title(m), "description": format!("Lifetime: {}", title(m)),
                    "id": format!("{}/insights/{m}/lifetime", p.id),
                })
            })
            .collect();
        return Response::json(200, &json!({ "data": data }));
    }
    let period = f.get("period").unwrap_or_else(|| "day".into());
    let span = match period.as_str() {
        "day" => Duration::days(1),
        "week" => Duration::days(7),
        "days_28" => Duration::days(28),
        _ => {
            return s.invalid(
                "period must be one of the following values: day, week, days_28, month, lifetime, total_over_range",
            );
        }
    };
    if period != "day" && metrics.iter().any(|m| m == "page_follows") {
        return s.invalid("Invalid period for page_follows: day");
    }
    let now = crate::common::now().timestamp();
    let until = f.get("until").and_then(|v| parse_time(&v)).unwrap_or(now);
    let since = f
        .get("since")
        .and_then(|v| parse_time(&v))
        .unwrap_or(until - 2 * 86400);
    if until < since {
        return s.invalid("The since parameter must be before the until parameter");
    }
    if until - since > 93 * 86400 {
        return s.invalid("There cannot be more than 93 days (8035200 s) between since and until");
    }
    let ends = day_ends(since, until);
    let data: Vec<Value> = metrics
        .iter()
        .map(|m| {
            let values: Vec<Value> = ends
                .iter()
                .map(
                    |e| json!({ "value": page_value(s, m, *e, span), "end_time": created_time(e) }),
                )
                .collect();
            json!({
                "name": m, "period": period, "values": values,
                "title": title(m), "description": format!("Daily: {}", title(m)),
                "id": format!("{page}/insights/{m}/{period}"),
            })
        })
        .collect();
    let shift = |by: i64| {
        let mut q: Vec<String> = req
            .query_params()
            .into_iter()
            .filter(|(k, _)| k != "since" && k != "until")
            .map(|(k, v)| format!("{}={}", percent_encode(&k), percent_encode(&v)))
            .collect();
        q.push(format!("since={}", since + by));
        q.push(format!("until={}", until + by));
        format!("{}{}?{}", s.origin, req.path, q.join("&"))
    };
    let width = until - since;
    Response::json(
        200,
        &json!({ "data": data, "paging": { "previous": shift(-width), "next": shift(width) } }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pacific_days_end_at_seven_or_eight_utc() {
        let jan = NaiveDate::from_ymd_opt(2025, 1, 15).expect("date");
        let jul = NaiveDate::from_ymd_opt(2025, 7, 15).expect("date");
        assert_eq!(
            created_time(&pacific_midnight(jan)),
            "2025-01-15T08:00:00+0000"
        );
        assert_eq!(
            created_time(&pacific_midnight(jul)),
            "2025-07-15T07:00:00+0000"
        );
        // 2025: DST from 9 March to 2 November.
        let before = NaiveDate::from_ymd_opt(2025, 3, 8).expect("date");
        let after = NaiveDate::from_ymd_opt(2025, 3, 9).expect("date");
        assert_eq!(
            (pacific_offset_hours(before), pacific_offset_hours(after)),
            (8, 7)
        );
    }

    #[test]
    fn windows_overlapping_the_range_are_listed() {
        let since = Utc
            .with_ymd_and_hms(2025, 1, 10, 0, 0, 0)
            .single()
            .expect("time")
            .timestamp();
        let until = since + 2 * 86400;
        let ends: Vec<String> = day_ends(since, until).iter().map(created_time).collect();
        assert_eq!(
            ends,
            vec![
                "2025-01-10T08:00:00+0000",
                "2025-01-11T08:00:00+0000",
                "2025-01-12T08:00:00+0000"
            ]
        );
    }
}
