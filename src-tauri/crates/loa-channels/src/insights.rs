//! Facebook Page and post insights: how far the commune's posts reached, for the reports the
//! commune sends upward.
//!
//! Meta removed many insights metrics in 2024–2026 and keeps doing so ("Deprecated Facebook Page
//! Insights Metrics", developers.facebook.com/docs/platforminsights/page/deprecated-metrics, and
//! the Pages API changelog): `page_impressions` → `page_media_view`, `post_impressions` →
//! `post_media_view`, `page_fans` → `page_follows` (15 November 2025), the `*_impressions_unique`
//! family → `page_total_media_view_unique` / `post_total_media_view_unique`. A removed metric
//! answers `(#100) The value must be a valid insights metric`, and one removed metric in a
//! request fails the whole request. So every metric is asked for on its own
//! (`GET /{object-id}/insights/{metric}`, the "Page Insights" reference), what answers is kept,
//! and the rest is reported as [`MetricOutcome::NotAvailable`] — the report shows "not available"
//! instead of failing.
//!
//! Other facts from the same reference that shape this client:
//! - only 90 days can be read at once with `since`/`until`, so longer periods are read in pieces;
//! - with `since` and `until`, a daily value's `end_time` is the day after the day it counts
//!   ("the first `end_time` value will be the date specified by `since` plus 1"); Facebook's days
//!   are its own (Pacific time), not Vietnam's — a limit of the platform, said in the report;
//! - a Page token of someone who can perform the ANALYZE task, with `read_insights`.
//!
//! The token travels in the `Authorization: Bearer` header (Graph accepts it there), never in
//! the URL, so it cannot end up in a log line or an error message. Answers are read through the
//! crate's HTTP helper (size-capped, timed out) and errors are classified by `classify`: a
//! throttle, an expired token or a lost link stops a refresh with the usual [`ErrorClass`], and
//! the readings taken before it are already in the caller's hands.

use std::cell::Cell;

use chrono::{DateTime, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::classify;
use crate::http::{Call, Http, Reply, join, query_component};
use crate::{ChannelConfig, ChannelError, ChannelKind, Credentials, ErrorClass};

/// Page metrics read for a period, each summed over its days (all additive counts):
/// - `page_media_view` — times the Page's content was seen (the replacement of
///   `page_impressions`, removed 15 November 2025);
/// - `page_post_engagements` — reactions, comments, shares and clicks on the Page's posts;
/// - `page_views_total` — visits to the Page;
/// - `page_daily_follows_unique` — people who started following the Page.
pub const PAGE_METRICS: [&str; 4] = [
    "page_media_view",
    "page_post_engagements",
    "page_views_total",
    "page_daily_follows_unique",
];

/// Post metrics read once per published post (`lifetime`), summed over the period's posts:
/// - `post_media_view` — times the post was seen (replaces `post_impressions`);
/// - `post_total_media_view_unique` — people who saw it (replaces `post_impressions_unique`);
/// - `post_reactions_by_type_total` — reactions of every kind, added up;
/// - `post_clicks` — clicks on the post.
pub const POST_METRICS: [&str; 4] = [
    "post_media_view",
    "post_total_media_view_unique",
    "post_reactions_by_type_total",
    "post_clicks",
];

/// The Page's follower count, day by day (replaces `page_fans`).
pub const FOLLOWERS_METRIC: &str = "page_follows";

/// Graph: "Only 90 days of insights can be viewed at one time when using the since and until
/// parameters."
const MAX_DAYS_PER_REQUEST: i64 = 90;

/// Posts one refresh reads at most: four calls each, and a month has 100 at most for a busy
/// commune; a year's report asks for a few hundred.
pub const MAX_POSTS_PER_REFRESH: usize = 600;

/// What Facebook said about one metric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum MetricOutcome {
    /// The figure (counts; a breakdown such as reactions by type is added up).
    Value { value: i64 },
    /// Facebook refused the metric for this object: removed or renamed (Graph #100), or not
    /// valid for this kind of post. The report shows "not available".
    NotAvailable { code: String, message: String },
    /// The metric exists but Facebook has no figure (a Page under 100 followers, a day not yet
    /// computed, a post deleted from the Page).
    NoData,
}

impl MetricOutcome {
    pub fn value(&self) -> Option<i64> {
        match self {
            MetricOutcome::Value { value } => Some(*value),
            _ => None,
        }
    }
}

/// What a reading is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "scope", rename_all = "snake_case")]
pub enum Scope {
    /// A Page metric summed over the days `from` to `to`, inclusive.
    Page { from: NaiveDate, to: NaiveDate },
    /// Followers at the end of `day` (Facebook's day); `day: None` is "now".
    Followers { day: Option<NaiveDate> },
    /// A post's lifetime metric.
    Post { post_id: String },
}

/// One metric, read once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    pub scope: Scope,
    pub metric: String,
    pub outcome: MetricOutcome,
}

/// What one "refresh reach" reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshRequest {
    /// The period, inclusive (Vietnam dates; Facebook counts its own days).
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Today, from the injected clock: followers at the end of a period that has not ended
    /// yet are today's count.
    pub today: NaiveDate,
    pub page_metrics: Vec<String>,
    pub post_metrics: Vec<String>,
    /// Facebook ids of the posts published in the period (the outbox's remote ids).
    pub post_ids: Vec<String>,
}

impl RefreshRequest {
    /// A request for the default metrics ([`PAGE_METRICS`], [`POST_METRICS`]).
    pub fn new(from: NaiveDate, to: NaiveDate, today: NaiveDate, post_ids: Vec<String>) -> Self {
        Self {
            from,
            to,
            today,
            page_metrics: PAGE_METRICS.iter().map(|m| (*m).to_owned()).collect(),
            post_metrics: POST_METRICS.iter().map(|m| (*m).to_owned()).collect(),
            post_ids,
        }
    }
}

/// How a refresh went, when nothing stopped it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefreshSummary {
    /// Calls made.
    pub requests: usize,
    pub readings: usize,
    /// Metrics Facebook refused (asked once; not asked again for later posts).
    pub not_available: Vec<String>,
    /// Posts beyond [`MAX_POSTS_PER_REFRESH`], not read.
    pub posts_skipped: usize,
}

/// Reads insights of one Facebook Page channel. Blocking, like the channel clients.
#[derive(Debug)]
pub struct InsightsClient {
    http: Http,
    base: String,
    page_id: String,
    token: String,
    /// Set when a successful answer's usage headers say the app or Page is near its limit.
    usage_pause: Cell<Option<u64>>,
    requests: Cell<usize>,
}

impl InsightsClient {
    /// `config` is the Facebook channel's (its Graph base URL with the version, its page id).
    pub fn new(config: &ChannelConfig, creds: &Credentials) -> Self {
        Self {
            http: Http::new(ChannelKind::Facebook, config.timeout),
            base: config.base_url.clone(),
            page_id: config.page_id.clone(),
            token: creds.token.clone(),
            usage_pause: Cell::new(None),
            requests: Cell::new(0),
        }
    }

    /// A Page metric summed over `from`..=`to`, read in pieces of at most 90 days.
    pub fn page_metric(
        &self,
        metric: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<MetricOutcome, ChannelError> {
        Ok(match self.page_metric_days(metric, from, to)? {
            Ok(days) if days.is_empty() => MetricOutcome::NoData,
            Ok(days) => MetricOutcome::Value {
                value: days.iter().fold(0i64, |t, (_, v)| t.saturating_add(*v)),
            },
            Err(refused) => refused,
        })
    }

    /// A Page metric day by day over `from`..=`to` (Facebook's days), read in pieces of at most
    /// 90 days: what a profile stores so that any later period can be added up offline. A day
    /// Facebook has no figure for is absent. The inner `Err` is a refused metric.
    pub fn page_metric_days(
        &self,
        metric: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Result<Vec<(NaiveDate, i64)>, MetricOutcome>, ChannelError> {
        let mut days: Vec<(NaiveDate, i64)> = Vec::new();
        let mut since = from;
        let end = to + Duration::days(1);
        while since < end {
            let until = (since + Duration::days(MAX_DAYS_PER_REQUEST)).min(end);
            let answer = match self.insights(&self.page_id, metric, Some(("day", since, until)))? {
                Ok(answer) => answer,
                Err(refused) => return Ok(Err(refused)),
            };
            for (end_time, value) in values(&answer) {
                // A value counts the day before its end_time: keep the ones of this piece only,
                // so pieces never count a day twice whatever the server's edge rules.
                let Some(end_day) = end_time.map(|t| t.date_naive()) else {
                    continue;
                };
                if end_day > since && end_day <= until {
                    days.push((end_day - Duration::days(1), value));
                }
            }
            since = until;
        }
        Ok(Ok(days))
    }

    /// Followers at the end of `day` (Facebook's day), from `page_follows`.
    pub fn followers_on(&self, day: NaiveDate) -> Result<MetricOutcome, ChannelError> {
        let since = day;
        let until = day + Duration::days(1);
        let answer =
            match self.insights(&self.page_id, FOLLOWERS_METRIC, Some(("day", since, until)))? {
                Ok(answer) => answer,
                Err(refused) => return Ok(refused),
            };
        let mut best: Option<(Option<NaiveDate>, i64)> = None;
        for (end_time, value) in values(&answer) {
            let d = end_time.map(|t| t.date_naive());
            if d == Some(until) {
                return Ok(MetricOutcome::Value { value });
            }
            // Otherwise the latest value not after the asked day.
            if d.is_none_or(|d| d <= until) && best.as_ref().is_none_or(|(b, _)| d >= *b) {
                best = Some((d, value));
            }
        }
        Ok(
            best.map_or(MetricOutcome::NoData, |(_, value)| MetricOutcome::Value {
                value,
            }),
        )
    }

    /// Followers now: the Page's `followers_count` field (for a period that ends today or later,
    /// when Facebook has not computed today's `page_follows` yet).
    pub fn followers_now(&self) -> Result<MetricOutcome, ChannelError> {
        let url = format!("{}?fields=followers_count", join(&self.base, &self.page_id));
        let answer = match self.get(url, false)? {
            Ok(answer) => answer,
            Err(refused) => return Ok(refused),
        };
        Ok(answer
            .get("followers_count")
            .and_then(number)
            .map_or(MetricOutcome::NoData, |value| MetricOutcome::Value {
                value,
            }))
    }

    /// A post's lifetime metric. A post deleted from the Page (or one this token cannot see) has
    /// no data rather than stopping the refresh.
    pub fn post_metric(&self, post_id: &str, metric: &str) -> Result<MetricOutcome, ChannelError> {
        match self.insights(post_id, metric, None) {
            Ok(Ok(answer)) => {
                // Lifetime metrics carry one value; take the latest if there are several.
                Ok(values(&answer)
                    .last()
                    .map_or(MetricOutcome::NoData, |(_, value)| MetricOutcome::Value {
                        value: *value,
                    }))
            }
            Ok(Err(refused)) => Ok(refused),
            // Graph 100/33: "object does not exist or cannot be loaded" — the post is gone.
            Err(e) if e.code == "100/33" => Ok(MetricOutcome::NoData),
            Err(e) => Err(e),
        }
    }

    /// Reads everything `request` asks for, handing each reading over as soon as it is read (the
    /// caller stores it at once and shows progress). A metric Facebook refuses is asked once and
    /// skipped for the remaining posts. Stops at the first error that concerns the whole Page
    /// (throttled, usage near the limit, token, link): what was read before stays read.
    pub fn refresh(
        &self,
        request: &RefreshRequest,
        on_reading: &mut dyn FnMut(Reading),
    ) -> Result<RefreshSummary, ChannelError> {
        let mut summary = RefreshSummary::default();
        let mut emit = |summary: &mut RefreshSummary, reading: Reading| {
            if let MetricOutcome::NotAvailable { .. } = reading.outcome
                && !summary.not_available.contains(&reading.metric)
            {
                summary.not_available.push(reading.metric.clone());
            }
            summary.readings += 1;
            on_reading(reading);
        };
        for metric in &request.page_metrics {
            let outcome = self.page_metric(metric, request.from, request.to)?;
            let scope = Scope::Page {
                from: request.from,
                to: request.to,
            };
            emit(&mut summary, reading(scope, metric, outcome));
            self.stop_if_near_limit()?;
        }

        let start_day = request.from - Duration::days(1);
        let outcome = self.followers_on(start_day)?;
        let scope = Scope::Followers {
            day: Some(start_day),
        };
        emit(&mut summary, reading(scope, FOLLOWERS_METRIC, outcome));
        self.stop_if_near_limit()?;
        let (day, outcome) = if request.to >= request.today {
            (None, self.followers_now()?)
        } else {
            (Some(request.to), self.followers_on(request.to)?)
        };
        emit(
            &mut summary,
            reading(Scope::Followers { day }, FOLLOWERS_METRIC, outcome),
        );
        self.stop_if_near_limit()?;

        let posts = request.post_ids.iter().take(MAX_POSTS_PER_REFRESH);
        summary.posts_skipped = request.post_ids.len().saturating_sub(MAX_POSTS_PER_REFRESH);
        for post_id in posts {
            for metric in &request.post_metrics {
                if summary.not_available.contains(metric) {
                    continue;
                }
                let outcome = self.post_metric(post_id, metric)?;
                let scope = Scope::Post {
                    post_id: post_id.clone(),
                };
                emit(&mut summary, reading(scope, metric, outcome));
                self.stop_if_near_limit()?;
            }
        }
        summary.requests = self.requests.get();
        Ok(summary)
    }

    /// After a successful call whose usage headers say the app or Page is close to its limit:
    /// how many seconds to wait before reading more. Taken once.
    pub fn take_usage_pause_secs(&self) -> Option<u64> {
        self.usage_pause.take()
    }

    fn stop_if_near_limit(&self) -> Result<(), ChannelError> {
        match self.usage_pause.take() {
            Some(secs) => Err(ChannelError {
                class: ErrorClass::Throttled {
                    retry_after_secs: secs.max(1),
                },
                kind: ChannelKind::Facebook,
                code: "usage-high".into(),
                message: "Facebook's usage headers say the limit is near".into(),
            }),
            None => Ok(()),
        }
    }

    /// `GET /{object}/insights/{metric}[?period=…&since=…&until=…]`. The inner `Err` is a
    /// refused metric (an answer to keep), the outer one an error that stops the refresh.
    fn insights(
        &self,
        object: &str,
        metric: &str,
        window: Option<(&str, NaiveDate, NaiveDate)>,
    ) -> Result<Result<Value, MetricOutcome>, ChannelError> {
        let mut url = join(
            &self.base,
            &format!(
                "{}/insights/{}",
                query_component(object),
                query_component(metric)
            ),
        );
        if let Some((period, since, until)) = window {
            url.push_str(&format!(
                "?period={period}&since={}&until={}",
                since.format("%Y-%m-%d"),
                until.format("%Y-%m-%d")
            ));
        }
        self.get(url, true)
    }

    fn get(
        &self,
        url: String,
        metric_request: bool,
    ) -> Result<Result<Value, MetricOutcome>, ChannelError> {
        self.requests.set(self.requests.get() + 1);
        let call = Call::get(url).header("authorization", format!("Bearer {}", self.token));
        let reply: Reply = self.http.send(call)?;
        if reply.is_success() {
            self.usage_pause.set(classify::usage_pause(&reply.usage));
            return reply.json().map(Ok).ok_or_else(|| ChannelError {
                class: ErrorClass::Transient,
                kind: ChannelKind::Facebook,
                code: "bad-answer".into(),
                message: reply.text(),
            });
        }
        let e = classify::graph(reply.status, &reply.body, &reply.usage, false);
        // A metric Facebook does not know (any more) is `Invalid` (#100, or #3001 "no metric"):
        // a figure to show as not available, not a reason to stop.
        if metric_request && e.class == ErrorClass::Invalid {
            return Ok(Err(MetricOutcome::NotAvailable {
                code: e.code,
                message: e.message,
            }));
        }
        Err(e)
    }
}

fn reading(scope: Scope, metric: &str, outcome: MetricOutcome) -> Reading {
    Reading {
        scope,
        metric: metric.to_owned(),
        outcome,
    }
}

/// The values of an insights answer, `{"data":[{"name","period","values":[{"value",
/// "end_time"}]}]}`, oldest first as Graph gives them. A breakdown value (an object such as
/// reactions by type) is added up.
fn values(answer: &Value) -> Vec<(Option<DateTime<chrono::FixedOffset>>, i64)> {
    let mut out = Vec::new();
    for metric in answer
        .get("data")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        for v in metric
            .get("values")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(value) = v.get("value").and_then(number_or_sum) else {
                continue;
            };
            let end_time = v
                .get("end_time")
                .and_then(Value::as_str)
                .and_then(parse_graph_time);
            out.push((end_time, value));
        }
    }
    out
}

/// Graph writes times as `2026-01-02T08:00:00+0000`.
fn parse_graph_time(s: &str) -> Option<DateTime<chrono::FixedOffset>> {
    DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%z")
        .or_else(|_| DateTime::parse_from_rfc3339(s))
        .ok()
}

fn number(v: &Value) -> Option<i64> {
    v.as_i64()
        .or_else(|| {
            v.as_f64()
                .filter(|f| f.is_finite())
                .map(|f| f.round() as i64)
        })
        .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
}

fn number_or_sum(v: &Value) -> Option<i64> {
    match v {
        Value::Object(map) => Some(
            map.values()
                .filter_map(number)
                .fold(0i64, i64::saturating_add),
        ),
        other => number(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channel_tests::{Act, Server, config, reply, reply_with};

    const REMOVED: &str = r#"{"error":{"message":"(#100) The value must be a valid insights metric","type":"OAuthException","code":100,"fbtrace_id":"A1"}}"#;
    const THROTTLED: &str = r#"{"error":{"message":"(#32) Page request limit reached","type":"OAuthException","code":32,"fbtrace_id":"A2"}}"#;

    fn client(server: &Server) -> InsightsClient {
        InsightsClient::new(
            &config(ChannelKind::Facebook, &format!("{}/v24.0", server.base)),
            &Credentials {
                token: "PAGE_TOKEN_SECRET".into(),
                ..Credentials::default()
            },
        )
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    /// A daily answer with one value per (end date, value).
    fn daily(name: &str, days: &[(&str, i64)]) -> Act {
        let values: Vec<Value> = days
            .iter()
            .map(|(d, v)| serde_json::json!({"value": v, "end_time": format!("{d}T08:00:00+0000")}))
            .collect();
        reply(
            200,
            &serde_json::json!({"data":[{"name":name,"period":"day","values":values}]}).to_string(),
        )
    }

    fn lifetime(name: &str, value: Value) -> Act {
        reply(
            200,
            &serde_json::json!({"data":[{"name":name,"period":"lifetime","values":[{"value":value}]}]})
                .to_string(),
        )
    }

    #[test]
    fn each_metric_alone_removed_ones_not_available_token_in_the_header() {
        let server = Server::start(vec![
            // page metrics, January 2026: 31 days fit one request
            daily(
                "page_media_view",
                &[("2026-01-02", 100), ("2026-01-03", 50), ("2026-02-01", 7)],
            ),
            reply(400, REMOVED),
            // followers at the end of 31 December and of 31 January
            daily("page_follows", &[("2026-01-01", 13_000)]),
            daily("page_follows", &[("2026-02-01", 13_250)]),
            // two posts, two metrics each: the removed one is asked once only
            lifetime("post_media_view", serde_json::json!(1200)),
            reply(400, REMOVED),
            lifetime("post_media_view", serde_json::json!(800)),
        ]);
        let c = client(&server);
        let request = RefreshRequest {
            from: day("2026-01-01"),
            to: day("2026-01-31"),
            today: day("2026-03-05"),
            page_metrics: vec!["page_media_view".into(), "page_impressions".into()],
            post_metrics: vec!["post_media_view".into(), "post_impressions".into()],
            post_ids: vec!["1001_1".into(), "1001_2".into()],
        };
        let mut got = Vec::new();
        let summary = c.refresh(&request, &mut |r| got.push(r)).expect("refresh");

        let outcome = |scope: &Scope, metric: &str| {
            got.iter()
                .find(|r| &r.scope == scope && r.metric == metric)
                .map(|r| r.outcome.clone())
                .expect("reading")
        };
        let page = Scope::Page {
            from: request.from,
            to: request.to,
        };
        assert_eq!(
            outcome(&page, "page_media_view"),
            MetricOutcome::Value { value: 157 }
        );
        assert!(matches!(
            outcome(&page, "page_impressions"),
            MetricOutcome::NotAvailable { ref code, .. } if code == "100"
        ));
        let followers = |d: &str| {
            let scope = Scope::Followers { day: Some(day(d)) };
            outcome(&scope, FOLLOWERS_METRIC)
        };
        assert_eq!(
            followers("2025-12-31"),
            MetricOutcome::Value { value: 13_000 }
        );
        assert_eq!(
            followers("2026-01-31"),
            MetricOutcome::Value { value: 13_250 }
        );
        let post = |id: &str| Scope::Post {
            post_id: id.to_owned(),
        };
        assert_eq!(
            outcome(&post("1001_1"), "post_media_view"),
            MetricOutcome::Value { value: 1200 }
        );
        assert_eq!(
            outcome(&post("1001_2"), "post_media_view"),
            MetricOutcome::Value { value: 800 }
        );
        assert!(
            !got.iter()
                .any(|r| r.scope == post("1001_2") && r.metric == "post_impressions"),
            "a removed metric is not asked again"
        );
        assert_eq!(
            summary.not_available,
            vec!["page_impressions".to_owned(), "post_impressions".to_owned()]
        );
        assert_eq!(summary.requests, 7);

        let seen = server.seen();
        assert_eq!(seen.len(), 7);
        for s in &seen {
            assert_eq!(s.header("authorization"), Some("Bearer PAGE_TOKEN_SECRET"));
            assert!(!s.target.contains("PAGE_TOKEN_SECRET"), "{}", s.target);
            assert!(!s.target.contains("access_token"), "{}", s.target);
        }
        assert_eq!(seen[0].path(), "/v24.0/1001/insights/page_media_view");
        assert_eq!(seen[0].query("period").as_deref(), Some("day"));
        assert_eq!(seen[0].query("since").as_deref(), Some("2026-01-01"));
        assert_eq!(seen[0].query("until").as_deref(), Some("2026-02-01"));
        assert_eq!(seen[1].path(), "/v24.0/1001/insights/page_impressions");
        assert_eq!(seen[2].path(), "/v24.0/1001/insights/page_follows");
        assert_eq!(seen[2].query("since").as_deref(), Some("2025-12-31"));
        assert_eq!(seen[4].path(), "/v24.0/1001_1/insights/post_media_view");
        assert_eq!(seen[4].query("period"), None);
        assert_eq!(seen[6].path(), "/v24.0/1001_2/insights/post_media_view");
    }

    #[test]
    fn a_throttle_stops_the_refresh_and_keeps_what_was_read() {
        let server = Server::start(vec![
            daily("page_media_view", &[("2026-01-02", 10)]),
            reply_with(400, &[("Retry-After", "120")], THROTTLED),
        ]);
        let c = client(&server);
        let request = RefreshRequest::new(
            day("2026-01-01"),
            day("2026-01-31"),
            day("2026-03-01"),
            vec!["1001_1".into()],
        );
        let mut got = Vec::new();
        let e = c
            .refresh(&request, &mut |r| got.push(r))
            .expect_err("throttled");
        assert_eq!(
            e.class,
            ErrorClass::Throttled {
                retry_after_secs: 120
            }
        );
        assert_eq!(e.code, "32");
        assert_eq!(
            got.len(),
            1,
            "the reading before the throttle was handed over"
        );
        assert_eq!(got[0].outcome, MetricOutcome::Value { value: 10 });
        assert_eq!(server.seen().len(), 2, "nothing asked after the throttle");
    }

    #[test]
    fn usage_near_the_limit_stops_before_the_throttle() {
        let usage = r#"{"1001":[{"type":"pages","call_count":95,"total_cputime":10,"total_time":10,"estimated_time_to_regain_access":4}]}"#;
        let body = serde_json::json!({"data":[{"name":"page_media_view","period":"day","values":[{"value":3,"end_time":"2026-01-02T08:00:00+0000"}]}]}).to_string();
        let server = Server::start(vec![reply_with(
            200,
            &[("X-Business-Use-Case-Usage", usage)],
            &body,
        )]);
        let request = RefreshRequest::new(
            day("2026-01-01"),
            day("2026-01-31"),
            day("2026-03-01"),
            vec![],
        );
        let mut got = Vec::new();
        let e = client(&server)
            .refresh(&request, &mut |r| got.push(r))
            .expect_err("near the limit");
        assert_eq!(
            e.class,
            ErrorClass::Throttled {
                retry_after_secs: 240
            }
        );
        assert_eq!(e.code, "usage-high");
        assert_eq!(got.len(), 1);
        assert_eq!(server.seen().len(), 1);
    }

    #[test]
    fn long_periods_are_read_in_pieces_of_ninety_days() {
        // A year: 365 days → 90 + 90 + 90 + 90 + 5. The server gives each piece one value at
        // its last day plus one value outside it, which must not be counted twice.
        let server = Server::start_with(|_| {
            let pieces = [
                ("2026-04-01", "2026-01-01"),
                ("2026-06-30", "2026-04-01"),
                ("2026-09-28", "2026-06-30"),
                ("2026-12-27", "2026-09-28"),
                ("2027-01-01", "2026-12-27"),
            ];
            pieces
                .iter()
                .map(|(inside, edge)| daily("page_media_view", &[(edge, 1000), (inside, 1)]))
                .collect()
        });
        let outcome = client(&server)
            .page_metric("page_media_view", day("2026-01-01"), day("2026-12-31"))
            .expect("read");
        assert_eq!(outcome, MetricOutcome::Value { value: 5 });
        let seen = server.seen();
        assert_eq!(seen.len(), 5);
        let windows: Vec<(String, String)> = seen
            .iter()
            .map(|s| {
                (
                    s.query("since").expect("since"),
                    s.query("until").expect("until"),
                )
            })
            .collect();
        assert_eq!(windows[0], ("2026-01-01".into(), "2026-04-01".into()));
        assert_eq!(windows[4], ("2026-12-27".into(), "2027-01-01".into()));
    }

    #[test]
    fn followers_now_and_breakdowns_and_gone_posts() {
        let server = Server::start(vec![
            reply(200, r#"{"followers_count":13012,"id":"1001"}"#),
            lifetime(
                "post_reactions_by_type_total",
                serde_json::json!({"like": 330, "love": 2, "wow": 1}),
            ),
            reply(
                400,
                r#"{"error":{"message":"Unsupported get request. Object with ID '1001_9' does not exist","type":"GraphMethodException","code":100,"error_subcode":33}}"#,
            ),
            reply(200, r#"{"data":[]}"#),
        ]);
        let c = client(&server);
        assert_eq!(
            c.followers_now().expect("now"),
            MetricOutcome::Value { value: 13012 }
        );
        assert_eq!(
            c.post_metric("1001_1", "post_reactions_by_type_total")
                .expect("reactions"),
            MetricOutcome::Value { value: 333 }
        );
        assert_eq!(
            c.post_metric("1001_9", "post_media_view").expect("gone"),
            MetricOutcome::NoData
        );
        assert_eq!(
            c.page_metric("page_views_total", day("2026-01-01"), day("2026-01-31"))
                .expect("empty"),
            MetricOutcome::NoData
        );
        let seen = server.seen();
        assert_eq!(seen[0].query("fields").as_deref(), Some("followers_count"));
        assert!(seen.iter().all(|s| !s.target.contains("PAGE_TOKEN_SECRET")));
    }

    #[test]
    fn an_expired_token_or_no_link_stops_with_its_class() {
        let server = Server::start(vec![reply(
            400,
            r#"{"error":{"message":"Error validating access token","type":"OAuthException","code":190,"error_subcode":463}}"#,
        )]);
        let e = client(&server)
            .page_metric("page_media_view", day("2026-01-01"), day("2026-01-31"))
            .expect_err("expired");
        assert_eq!(e.class, ErrorClass::Auth);

        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
            l.local_addr().expect("addr").port()
        };
        let offline = InsightsClient::new(
            &config(
                ChannelKind::Facebook,
                &format!("http://127.0.0.1:{port}/v24.0"),
            ),
            &Credentials::default(),
        );
        let e = offline.followers_now().expect_err("refused");
        assert_eq!(e.class, ErrorClass::Offline);
    }
}
