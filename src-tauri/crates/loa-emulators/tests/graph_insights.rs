//! Graph emulator: Page and post insights, removed metrics, throttling.

use loa_emulators::client::{Call, Reply};
use loa_emulators::graph::{REMOVED_METRICS, post_media_view};
use loa_emulators::{EndpointMatch, Fault, Faults, GraphEmulator, GraphOptions};

const TOKEN: &str = "tok";

fn start_with(opts: GraphOptions) -> GraphEmulator {
    GraphEmulator::start(GraphOptions {
        token: TOKEN.into(),
        ..opts
    })
    .expect("emulator starts")
}

fn start() -> GraphEmulator {
    start_with(GraphOptions::default())
}

fn get(fb: &GraphEmulator, path_and_query: &str) -> Reply {
    let sep = if path_and_query.contains('?') {
        '&'
    } else {
        '?'
    };
    Call::get(&format!(
        "{}{path_and_query}{sep}access_token={TOKEN}",
        fb.base_url()
    ))
    .send()
    .expect("answer")
}

fn publish(fb: &GraphEmulator, message: &str, photo: Option<&[u8]>) -> String {
    let r = match photo {
        None => Call::post(&format!("{}/1001/feed", fb.base_url()))
            .form(&[("access_token", TOKEN), ("message", message)])
            .send(),
        Some(bytes) => Call::post(&format!("{}/1001/photos", fb.base_url()))
            .multipart(
                &[("access_token", TOKEN), ("message", message)],
                &[("source", "a.jpg", bytes)],
            )
            .send(),
    }
    .expect("answer");
    assert_eq!(r.status, 200, "{:?}", r.json());
    let body = r.json();
    body.get("post_id")
        .or_else(|| body.get("id"))
        .and_then(|v| v.as_str().map(str::to_string))
        .expect("post id")
}

fn window() -> (i64, i64) {
    let now = chrono::Utc::now().timestamp();
    (now - 86400, now + 3600)
}

fn day_sum(r: &Reply, metric: &str) -> u64 {
    r.json()["data"]
        .as_array()
        .expect("data")
        .iter()
        .find(|m| m["name"] == metric)
        .expect("metric present")["values"]
        .as_array()
        .expect("values")
        .iter()
        .map(|v| v["value"].as_u64().expect("a number"))
        .sum()
}

#[test]
fn page_insights_follow_what_was_published() {
    let fb = start();
    publish(&fb, "abc", None); // 60 + 3
    publish(&fb, "xin chào", Some(b"\xFF\xD8\xFFp")); // 60 + 40 + 8
    let (since, until) = window();
    let r = get(
        &fb,
        &format!(
            "/1001/insights?metric=page_media_view,page_follows,page_daily_follows&period=day&since={since}&until={until}"
        ),
    );
    assert_eq!(r.status, 200, "{:?}", r.json());
    assert_eq!(day_sum(&r, "page_media_view"), 63 + 108);
    assert_eq!(day_sum(&r, "page_daily_follows"), 6);
    let follows = r.json()["data"]
        .as_array()
        .expect("data")
        .iter()
        .find(|m| m["name"] == "page_follows")
        .expect("page_follows")["values"]
        .as_array()
        .expect("values")
        .last()
        .expect("a day")["value"]
        .as_u64();
    assert_eq!(follows, Some(1000 + 3 * 2));
    let first = &r.json()["data"][0];
    assert_eq!(first["period"], "day");
    assert_eq!(first["id"], "1001/insights/page_media_view/day");
    let end = first["values"][0]["end_time"].as_str().expect("end_time");
    assert!(
        end.ends_with("T07:00:00+0000") || end.ends_with("T08:00:00+0000"),
        "{end}"
    );
    assert!(r.json()["paging"]["next"].as_str().is_some());
    // The JSON-array form SDKs send answers the same.
    let arr = get(
        &fb,
        &format!(
            "/1001/insights?metric=%5B%22page_media_view%22%5D&period=day&since={since}&until={until}"
        ),
    );
    assert_eq!(day_sum(&arr, "page_media_view"), 171);
}

#[test]
fn one_removed_metric_fails_the_whole_request() {
    let fb = start();
    publish(&fb, "abc", None);
    for removed in ["page_impressions", "page_fans", "page_impressions_unique"] {
        assert!(REMOVED_METRICS.contains(&removed));
        let r = get(
            &fb,
            &format!("/1001/insights?metric=page_media_view,{removed}&period=day"),
        );
        let e = &r.json()["error"];
        assert_eq!(r.status, 400);
        assert_eq!(e["code"], 100);
        assert_eq!(e["type"], "OAuthException");
        assert_eq!(
            e["message"],
            "(#100) The value must be a valid insights metric"
        );
        assert!(r.json().get("data").is_none(), "nothing else answers");
    }
    assert_eq!(
        get(&fb, "/1001/insights?metric=no_such_metric").json()["error"]["code"],
        100
    );
    // Asked one at a time, the valid metric still answers.
    assert_eq!(
        get(&fb, "/1001/insights/page_media_view?period=day").status,
        200
    );
}

#[test]
fn post_insights_are_lifetime_and_refuse_removed_metrics() {
    let fb = start();
    let id = publish(&fb, "xin chào", Some(b"\xFF\xD8\xFFp"));
    let post = fb
        .posts()
        .into_iter()
        .find(|p| p.id == id)
        .expect("the post");
    assert_eq!(post_media_view(&post), 108);
    let r = get(
        &fb,
        &format!("/{id}/insights?metric=post_media_view,post_total_media_view_unique,post_clicks"),
    );
    assert_eq!(r.status, 200, "{:?}", r.json());
    assert_eq!(r.json()["data"][0]["period"], "lifetime");
    assert_eq!(r.json()["data"][0]["values"][0]["value"], 108);
    assert_eq!(r.json()["data"][1]["values"][0]["value"], 81);
    assert_eq!(r.json()["data"][2]["values"][0]["value"], 10);
    let removed = get(&fb, &format!("/{id}/insights?metric=post_impressions"));
    assert_eq!(removed.json()["error"]["code"], 100);
    let unknown_post = get(&fb, "/1001_999/insights?metric=post_media_view");
    assert_eq!(unknown_post.json()["error"]["error_subcode"], 33);
}

#[test]
fn insights_need_a_page_token_a_known_period_and_at_most_93_days() {
    let fb = start();
    let now = chrono::Utc::now().timestamp();
    let too_long = get(
        &fb,
        &format!(
            "/1001/insights?metric=page_media_view&since={}&until={now}",
            now - 94 * 86400
        ),
    );
    assert!(
        too_long.json()["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("93 days"))
    );
    let bad_period = get(&fb, "/1001/insights?metric=page_media_view&period=decade");
    assert!(
        bad_period.json()["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("period must be one of"))
    );
    let no_token = Call::get(&format!(
        "{}/1001/insights?metric=page_media_view",
        fb.base_url()
    ))
    .send()
    .expect("answer");
    assert_eq!(no_token.json()["error"]["code"], 2500);
}

#[test]
fn throttled_insights_answer_the_code_with_usage_at_full() {
    let fb = start();
    fb.set_faults(Faults::script(vec![
        (
            EndpointMatch::get("/insights"),
            Fault::Throttle { code: 613 },
        ),
        (EndpointMatch::get("/insights"), Fault::Throttle { code: 4 }),
        (
            EndpointMatch::get("/insights"),
            Fault::Throttle { code: 17 },
        ),
    ]));
    for code in [613, 4, 17] {
        let r = get(&fb, "/1001/insights?metric=page_media_view");
        assert_eq!(r.json()["error"]["code"], code);
        let app: serde_json::Value =
            serde_json::from_str(r.header("x-app-usage").expect("X-App-Usage")).expect("json");
        assert_eq!(app["call_count"], 100);
    }
    assert_eq!(
        get(&fb, "/1001/insights?metric=page_media_view").status,
        200
    );
}

#[test]
fn an_enforced_budget_throttles_with_32_past_the_limit() {
    let fb = start_with(GraphOptions {
        enforce_rate_limit: true,
        calls_per_minute_limit: 3,
        ..Default::default()
    });
    let answers: Vec<Reply> = (0..5)
        .map(|_| get(&fb, "/1001/insights?metric=page_follows"))
        .collect();
    assert!(answers[..3].iter().all(|r| r.status == 200));
    let last = &answers[4];
    assert_eq!(last.json()["error"]["code"], 32);
    let buc: serde_json::Value =
        serde_json::from_str(last.header("x-business-use-case-usage").expect("BUC")).expect("json");
    assert_eq!(buc["1001"][0]["call_count"], 100);
    assert_eq!(buc["1001"][0]["estimated_time_to_regain_access"], 1);
}
