//! The one place where a platform's answer (or a network failure) becomes an [`ErrorClass`].
//!
//! Every rule names the documentation it comes from, and every documented code classified here
//! has a unit test. The worker acts on the class alone:
//!
//! | class        | worker                                                       |
//! |--------------|--------------------------------------------------------------|
//! | `Offline`    | wait for connectivity, no attempt counted                    |
//! | `Transient`  | retry with backoff (the request certainly did not act)       |
//! | `Ambiguous`  | read back before anything else (it may have acted)           |
//! | `Throttled`  | pause the channel for `retry_after_secs`                     |
//! | `Auth`       | pause the channel, ask the officer to reconnect              |
//! | `Invalid`    | fail the item, show what to change                           |
//!
//! Sources:
//! - Graph: "Handling Errors" <https://developers.facebook.com/docs/graph-api/guides/error-handling>
//!   and "Rate Limits" <https://developers.facebook.com/docs/graph-api/overview/rate-limiting>.
//! - Zalo OA: "Mã lỗi" <https://developers.zalo.me/docs/official-account/phu-luc/ma-loi>; the OAuth v4
//!   token endpoint answers `{"error": <negative int>, "error_name", "error_description"}`
//!   <https://developers.zalo.me/docs/official-account/bat-dau/xac-thuc-va-uy-quyen-cho-ung-dung-new>.
//! - WordPress: REST API handbook, "Global Parameters / Errors"
//!   <https://developer.wordpress.org/rest-api/using-the-rest-api/global-parameters/> and the
//!   core controllers' error codes (`rest_cannot_create`, `rest_upload_*`, …).
//! - Transport: ureq's error and timeout kinds, split by whether the request body had been
//!   handed over completely (see `http.rs`).

use serde_json::Value;

use crate::http::Usage;
use crate::{ChannelError, ChannelKind, ErrorClass};

/// Wait when a platform says "slow down" without saying for how long. Graph's app and page
/// limits are computed over a rolling hour; five minutes lets a partly recovered window serve
/// the next item without hammering it.
const DEFAULT_THROTTLE_SECS: u64 = 300;

/// Graph 368 ("temporarily blocked for policies violations") and Zalo's "out of quota" name no
/// duration; both are measured in hours, not minutes.
const LONG_THROTTLE_SECS: u64 = 3600;

/// Zalo's "out of quota for articles today".
pub(crate) const DAILY_ARTICLE_QUOTA: i64 = -223;

/// Whether a failed request could have reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sent {
    /// Certainly not (or not completely) sent. `offline`: the host could not be reached at all.
    No { offline: bool },
    /// Sent completely; the answer was lost.
    Yes,
}

/// A request that got no usable answer.
#[derive(Debug, Clone)]
pub(crate) struct TransportFailure {
    pub sent: Sent,
    /// Short machine code: `dns`, `connect`, `tls`, `timeout`, `reset`, …
    pub code: &'static str,
    pub detail: String,
}

/// Transport failures. `acts`: the request could change something on the platform; a read that
/// failed after sending is merely `Transient`.
pub(crate) fn transport(kind: ChannelKind, f: &TransportFailure, acts: bool) -> ChannelError {
    let class = match f.sent {
        Sent::No { offline: true } => ErrorClass::Offline,
        Sent::No { offline: false } => ErrorClass::Transient,
        Sent::Yes if acts => ErrorClass::Ambiguous,
        Sent::Yes => ErrorClass::Transient,
    };
    err(kind, class, f.code, &f.detail)
}

/// A photo that could not be opened before sending: nothing was sent. A file that is gone
/// will not come back by retrying — the officer must prepare the photo again.
pub(crate) fn local_file(kind: ChannelKind, e: &std::io::Error) -> ChannelError {
    let (class, code) = match e.kind() {
        std::io::ErrorKind::NotFound => (ErrorClass::Invalid, "photo-missing"),
        _ => (ErrorClass::Transient, "local-file"),
    };
    err(kind, class, code, &e.to_string())
}

/// Longest platform message kept in an error (characters): it is stored with the item and
/// shown folded away; a server may send a message of any length.
const MESSAGE_CHARS: usize = 500;

/// Longest code kept (characters): a code comes from the answer too.
const CODE_CHARS: usize = 64;

fn err(
    kind: ChannelKind,
    class: ErrorClass,
    code: impl Into<String>,
    message: &str,
) -> ChannelError {
    ChannelError {
        class,
        kind,
        code: cut(&loa_platforms::redact(&code.into()), CODE_CHARS),
        // Every platform answer, transport error and local error that becomes a channel error
        // passes here: the message is stored in the outbox and shown, so no secret stays in it.
        message: cut(&loa_platforms::redact(message), MESSAGE_CHARS),
    }
}

/// `text` cut to `max` characters, with an ellipsis when something was cut.
fn cut(text: &str, max: usize) -> String {
    let mut short: String = text.chars().take(max).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

/// Longest excerpt of an unrecognised answer kept in an error (characters).
const EXCERPT_CHARS: usize = 200;

/// What an answer that is not the platform's (a proxy's or a web server's HTML page, a captive
/// portal) contributes to an error message: its text without markup, spaces collapsed, cut
/// short, secrets masked. The officer sees a sentence, not a page of Apache HTML.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let raw = String::from_utf8_lossy(body);
    let mut text = String::new();
    let mut in_tag = false;
    let mut skipping = None::<&str>;
    let lower = raw.to_ascii_lowercase();
    let mut i = 0;
    while i < raw.len() {
        let rest = &lower[i..];
        if let Some(end) = skipping {
            if rest.starts_with(end) {
                skipping = None;
                i += end.len();
            } else {
                i += rest.chars().next().map_or(1, char::len_utf8);
            }
            continue;
        }
        if rest.starts_with("<script") {
            skipping = Some("</script>");
            continue;
        }
        if rest.starts_with("<style") {
            skipping = Some("</style>");
            continue;
        }
        let Some(c) = raw[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if in_tag => {}
            _ => text.push(c),
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    cut(&loa_platforms::redact(&collapsed), EXCERPT_CHARS)
}

fn throttled(secs: u64) -> ErrorClass {
    ErrorClass::Throttled {
        retry_after_secs: secs.max(1),
    }
}

/// Usage above which the worker should hold the channel back even though the call succeeded:
/// Graph starts throttling at 100 % ("Rate Limits"), and one more post with several photos
/// is a dozen calls.
const USAGE_PAUSE_PERCENT: u64 = 90;

/// After a successful answer: how long to hold the channel back, from its usage headers.
pub(crate) fn usage_pause(usage: &Usage) -> Option<u64> {
    let percent = usage.percent()?;
    (percent >= USAGE_PAUSE_PERCENT).then(|| usage.wait_secs().unwrap_or(DEFAULT_THROTTLE_SECS))
}

/// An HTTP answer without a platform error body we recognise: decided by status alone
/// (RFC 9110 §15). 5xx after a request that acts may have acted.
pub(crate) fn by_status(
    kind: ChannelKind,
    status: u16,
    usage: &Usage,
    acts: bool,
    text: &str,
) -> ChannelError {
    let class = match status {
        // A redirect is never followed for a request that acts (it would lose its body): the
        // site moved (http → https, new domain) and the channel's address needs updating.
        300..=399 => ErrorClass::Auth,
        401 | 403 => ErrorClass::Auth,
        408 => {
            if acts {
                ErrorClass::Ambiguous
            } else {
                ErrorClass::Transient
            }
        }
        429 => throttled(usage.wait_secs().unwrap_or(DEFAULT_THROTTLE_SECS)),
        // 413: the site's upload limit (nginx client_max_body_size, PHP post_max_size).
        400..=499 => ErrorClass::Invalid,
        _ if acts => ErrorClass::Ambiguous,
        _ => ErrorClass::Transient,
    };
    err(kind, class, format!("http-{status}"), text)
}

/// Graph API error answer: `{"error":{"message","type","code","error_subcode","error_user_title",
/// "error_user_msg","fbtrace_id"}}`.
pub(crate) fn graph(status: u16, body: &[u8], usage: &Usage, acts: bool) -> ChannelError {
    let kind = ChannelKind::Facebook;
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let Some(e) = parsed
        .as_ref()
        .and_then(|v| v.get("error"))
        .filter(|e| e.is_object())
    else {
        return by_status(kind, status, usage, acts, &excerpt(body));
    };
    let code = e.get("code").and_then(Value::as_i64).unwrap_or(0);
    let subcode = e.get("error_subcode").and_then(Value::as_i64);
    // error_user_msg is written for the person in front of the screen (and localised when the
    // request names a locale): it says what to change. Keep the developer message too.
    let message = [
        e.get("error_user_title").and_then(Value::as_str),
        e.get("error_user_msg").and_then(Value::as_str),
        e.get("message").and_then(Value::as_str),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" — ");
    let code_text = match subcode {
        Some(s) => format!("{code}/{s}"),
        None => code.to_string(),
    };
    let class = graph_class(code, subcode, status, usage, acts);
    err(kind, class, code_text, &message)
}

fn graph_class(
    code: i64,
    subcode: Option<i64>,
    status: u16,
    usage: &Usage,
    acts: bool,
) -> ErrorClass {
    let wait = usage.wait_secs();
    match code {
        // 190 "Access token has expired" (subcodes 458 app not installed, 459 checkpoint, 460
        // password changed, 463 expired, 464 unconfirmed user, 467 invalid token, 492 invalid
        // session) and 102 "API Session": get a new token.
        190 | 102 => ErrorClass::Auth,
        // 3 capability, 10 and 200–299 permission denied: the token lacks a permission; only
        // reconnecting with the right permissions helps.
        3 | 10 | 200..=299 => ErrorClass::Auth,
        // 100 with subcode 33: "object does not exist or cannot be loaded due to missing
        // permissions" — the page id or the token is wrong for this page, not the post.
        100 if subcode == Some(33) => ErrorClass::Auth,
        // 4 app, 17 user, 32 page, 613 "calls exceed rate", 80001 Pages (BUC) throttling;
        // 341 application limit reached. Honour X-Business-Use-Case-Usage when present.
        4 | 17 | 32 | 613 | 80001 | 341 => throttled(wait.unwrap_or(DEFAULT_THROTTLE_SECS)),
        // 368 temporarily blocked for policies violations: "wait and retry".
        368 => throttled(wait.unwrap_or(LONG_THROTTLE_SECS)),
        // 1 "API Unknown" / 2 "API Service": temporary, possibly mid-action.
        1 | 2 => {
            if acts {
                ErrorClass::Ambiguous
            } else {
                ErrorClass::Transient
            }
        }
        // 100 invalid parameter (1366046 photo size/dimensions, 2061006 …), 506 duplicate post,
        // 1609005 link scraping error, 324 missing or invalid image file: change the post.
        100 | 506 | 1609005 | 324 => ErrorClass::Invalid,
        _ if status >= 500 => {
            if acts {
                ErrorClass::Ambiguous
            } else {
                ErrorClass::Transient
            }
        }
        _ if status == 429 => throttled(wait.unwrap_or(DEFAULT_THROTTLE_SECS)),
        _ if status == 401 => ErrorClass::Auth,
        _ => ErrorClass::Invalid,
    }
}

/// What a Zalo OA answer means. Zalo puts its verdict in the body even on HTTP 200:
/// `{"error": 0, …}` is success, anything else an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ZaloOutcome {
    Ok,
    /// -214 "Article is being processed": the article exists; ask `verify` again later.
    Processing,
    /// -216 "Access token is invalid" (and -220, see below): refresh once, then retry — a
    /// request refused for its token did not act.
    TokenInvalid,
    Failed,
}

/// Reads a Zalo OA body. `None` when the body is not a Zalo answer at all.
pub(crate) fn zalo_outcome(body: &Value) -> Option<ZaloOutcome> {
    let code = body.get("error").and_then(as_i64_lenient)?;
    Some(match code {
        0 => ZaloOutcome::Ok,
        -214 => ZaloOutcome::Processing,
        // -220 is not in the OA error table we could read; SDKs and the sandbox emulator use it
        // for an expired access token. Refreshing on it is harmless: the call was refused.
        -216 | -220 => ZaloOutcome::TokenInvalid,
        _ => ZaloOutcome::Failed,
    })
}

fn as_i64_lenient(v: &Value) -> Option<i64> {
    v.as_i64()
        .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
}

/// A Zalo OA error answer (HTTP status and body), per the OA "Mã lỗi" table.
pub(crate) fn zalo(status: u16, body: &[u8], usage: &Usage, acts: bool) -> ChannelError {
    let kind = ChannelKind::Zalo;
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let code = parsed
        .as_ref()
        .and_then(|v| v.get("error"))
        .and_then(as_i64_lenient);
    let Some(code) = code.filter(|c| *c != 0) else {
        return by_status(kind, status, usage, acts, &excerpt(body));
    };
    let message = parsed
        .as_ref()
        .and_then(|v| v.get("message").or_else(|| v.get("error_description")))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let class = match code {
        // -216 "Access token is invalid" (after the one refresh the client tries); -220 the
        // same for an expired token (not in the table, see `zalo_outcome`).
        -216 | -220 => ErrorClass::Auth,
        // -204 OA disabled, -205 OA does not exist, -209 API not supported for this app,
        // -212 app has not registered this API, -221 OA must be verified, -224 OA tier
        // package too low, -235 API does not support this OA type, -320/-321 Zalo Cloud
        // account not linked / cannot be charged: nothing about the post — the channel needs
        // the officer (reconnect, upgrade, or ask the OA admin).
        -204 | -205 | -209 | -212 | -221 | -224 | -235 | -320 | -321 => ErrorClass::Auth,
        // -32 "reached limit call api" (per minute); -211 "Out of quota".
        -32 => throttled(usage.wait_secs().unwrap_or(60)),
        -211 => throttled(usage.wait_secs().unwrap_or(LONG_THROTTLE_SECS)),
        // -223: the OA created its articles for today. Nothing wrong with the post: the
        // channel waits for the quota's new day ([`crate::ChannelError::holds_until`]).
        DAILY_ARTICLE_QUOTA => throttled(0),
        // -214 "Article is being processed": verify gave up waiting, the article exists.
        -214 => {
            if acts {
                ErrorClass::Ambiguous
            } else {
                ErrorClass::Transient
            }
        }
        // -201 "<data_field> is invalid", -210 "Parameter exceeds allowable limit".
        -201 | -210 => ErrorClass::Invalid,
        _ if status >= 500 => {
            if acts {
                ErrorClass::Ambiguous
            } else {
                ErrorClass::Transient
            }
        }
        // Codes the table does not list: failing the item is the safe choice (a blind retry
        // could publish twice); the officer sees Zalo's own message.
        _ => ErrorClass::Invalid,
    };
    err(kind, class, code.to_string(), &message)
}

/// A failed OAuth v4 token refresh (`POST {oauth}/v4/oa/access_token`). Any error in
/// the body (-14014 invalid refresh token, -14020 refresh token expired, -14002 invalid app …)
/// means the refresh token cannot be used again: the officer must reconnect the OA.
pub(crate) fn zalo_refresh(status: u16, body: &[u8], usage: &Usage) -> ChannelError {
    let kind = ChannelKind::Zalo;
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let code = parsed
        .as_ref()
        .and_then(|v| v.get("error"))
        .and_then(as_i64_lenient);
    match code.filter(|c| *c != 0) {
        Some(code) => {
            let message = parsed
                .as_ref()
                .and_then(|v| {
                    v.get("error_description")
                        .or_else(|| v.get("error_name"))
                        .or_else(|| v.get("message"))
                })
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            err(kind, ErrorClass::Auth, format!("refresh/{code}"), &message)
        }
        None if (200..300).contains(&status) => err(
            kind,
            ErrorClass::Auth,
            "refresh/no-token",
            "the token answer carried no access_token",
        ),
        // 5xx: the refresh may have consumed the refresh token; the caller retries once and a
        // consumed token then answers with an error body (Auth).
        None => by_status(kind, status, usage, true, &excerpt(body)),
    }
}

/// A WordPress REST error: `{"code":"rest_…","message":"…","data":{"status":N}}`.
pub(crate) fn wordpress(status: u16, body: &[u8], usage: &Usage, acts: bool) -> ChannelError {
    let kind = ChannelKind::Wordpress;
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let Some(code) = parsed
        .as_ref()
        .and_then(|v| v.get("code"))
        .and_then(Value::as_str)
    else {
        return by_status(kind, status, usage, acts, &excerpt(body));
    };
    let message = parsed
        .as_ref()
        .and_then(|v| v.get("message"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let data_status = parsed
        .as_ref()
        .and_then(|v| v.pointer("/data/status"))
        .and_then(Value::as_u64)
        .map(|s| s as u16)
        .unwrap_or(status);
    let class = match code {
        // Wrong user or application password, or the user may not do this (author role
        // without upload_files / publish_posts).
        "rest_not_logged_in"
        | "incorrect_password"
        | "invalid_username"
        | "invalid_email"
        | "rest_forbidden"
        | "rest_cannot_create"
        | "rest_cannot_upload"
        | "rest_cannot_publish"
        | "rest_cannot_edit"
        | "rest_cannot_assign_term"
        | "application_passwords_disabled"
        | "rest_authentication_disabled" => ErrorClass::Auth,
        // The REST API is not at this address (or a security plugin hides it): the channel's
        // URL needs the officer, not the post.
        "rest_no_route" => ErrorClass::Auth,
        // The post or the photo is refused: change it.
        "rest_invalid_param"
        | "rest_missing_callback_param"
        | "rest_invalid_json"
        | "rest_upload_no_data"
        | "rest_upload_no_content_type"
        | "rest_upload_no_content_disposition"
        | "rest_upload_invalid_disposition"
        | "rest_upload_file_too_big"
        | "rest_upload_limited_space"
        | "rest_upload_user_quota_exceeded"
        | "rest_upload_sideload_error"
        | "rest_invalid_field"
        | "rest_post_invalid_id"
        | "rest_invalid_featured_media" => ErrorClass::Invalid,
        _ => match data_status {
            401 | 403 => ErrorClass::Auth,
            429 => throttled(usage.wait_secs().unwrap_or(DEFAULT_THROTTLE_SECS)),
            400..=499 => ErrorClass::Invalid,
            // rest_upload_unknown_error, db_insert_error …: the server may have written
            // something before failing.
            _ if acts => ErrorClass::Ambiguous,
            _ => ErrorClass::Transient,
        },
    };
    err(kind, class, code, &message)
}

/// Whatever a server, a proxy or a captive portal answers, the classifier returns an error
/// (never panics), keeps it short, keeps a token out of it, and never lets a request that may
/// have acted be retried blindly.
#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    const TOKEN: &str = "EAABsbCS1iHgBAKZCZA7token";

    /// Bodies as they come: JSON error shapes of the three platforms with arbitrary values, an
    /// HTML page, or any bytes — each may echo the request's token.
    fn bodies() -> impl Strategy<Value = Vec<u8>> {
        let text = "[ -~àáảãạăâđêôơưÀ-ỹ<>\"{}]{0,300}";
        prop_oneof![
            (any::<i64>(), any::<Option<i64>>(), text).prop_map(|(code, sub, msg)| {
                serde_json::json!({"error": {"message": format!("{msg} access_token={TOKEN}"),
                    "code": code, "error_subcode": sub}})
                .to_string()
                .into_bytes()
            }),
            (any::<i64>(), text).prop_map(|(code, msg)| {
                serde_json::json!({"error": code, "message": format!("{msg} \"access_token\": \"{TOKEN}\"")})
                    .to_string()
                    .into_bytes()
            }),
            (text, 0u16..700).prop_map(|(msg, status)| {
                serde_json::json!({"code": msg, "message": format!("?access_token={TOKEN}"),
                    "data": {"status": status}})
                .to_string()
                .into_bytes()
            }),
            text.prop_map(|t| format!(
                "<html><title>{t}</title><a href=\"/login?access_token={TOKEN}\">{t}</a></html>"
            )
            .into_bytes()),
            proptest::collection::vec(any::<u8>(), 0..2000),
        ]
    }

    proptest! {
        #[test]
        fn any_answer_is_classified_short_and_without_the_token(
            status in 100u16..600,
            body in bodies(),
            acts in any::<bool>(),
            wait in any::<Option<u64>>(),
        ) {
            let usage = Usage { retry_after_secs: wait, ..Usage::default() };
            for e in [
                graph(status, &body, &usage, acts),
                zalo(status, &body, &usage, acts),
                zalo_refresh(status, &body, &usage),
                wordpress(status, &body, &usage, acts),
                by_status(ChannelKind::Folder, status, &usage, acts, &excerpt(&body)),
            ] {
                prop_assert!(e.message.chars().count() <= MESSAGE_CHARS + 1, "{}", e.message);
                prop_assert!(e.code.chars().count() <= CODE_CHARS + 1, "{}", e.code);
                prop_assert!(!e.message.contains(TOKEN), "{}", e.message);
                prop_assert!(!e.code.contains(TOKEN), "{}", e.code);
                // A server error after a request that acts may have acted: read back first.
                if acts && status >= 500 {
                    prop_assert!(
                        !matches!(e.class, ErrorClass::Transient | ErrorClass::Offline),
                        "{status} {e:?}"
                    );
                }
                let _ = e.hint_id();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Usage;

    fn graph_body(code: i64, subcode: Option<i64>) -> Vec<u8> {
        let mut e = serde_json::json!({"message": "m", "type": "OAuthException", "code": code, "fbtrace_id": "x"});
        if let Some(s) = subcode {
            e["error_subcode"] = s.into();
        }
        serde_json::json!({ "error": e }).to_string().into_bytes()
    }

    fn g(status: u16, code: i64, subcode: Option<i64>) -> ErrorClass {
        graph(status, &graph_body(code, subcode), &Usage::default(), true).class
    }

    // Graph "Handling Errors": 190 and its authentication subcodes → get a new access token.
    #[test]
    fn graph_expired_tokens_pause_for_reconnect() {
        for sub in [
            None,
            Some(458),
            Some(459),
            Some(460),
            Some(463),
            Some(464),
            Some(467),
            Some(492),
        ] {
            assert_eq!(g(400, 190, sub), ErrorClass::Auth, "190/{sub:?}");
        }
        let e = graph(400, &graph_body(190, Some(463)), &Usage::default(), true);
        assert_eq!(e.code, "190/463");
        // 102 API Session.
        assert_eq!(g(400, 102, None), ErrorClass::Auth);
    }

    // Graph "Handling Errors": 3 API Method, 10 and 200–299 permission denied.
    #[test]
    fn graph_permission_errors_need_the_officer() {
        for code in [3, 10, 200, 230, 299] {
            assert_eq!(g(403, code, None), ErrorClass::Auth, "{code}");
        }
        // 100/33: object does not exist or missing permission (wrong page for this token).
        assert_eq!(g(400, 100, Some(33)), ErrorClass::Auth);
    }

    // Graph "Rate Limits": 4, 17, 32, 613, 80001 (Pages BUC); "Handling Errors": 341, 368.
    #[test]
    fn graph_throttling_honours_usage_headers() {
        for code in [4, 17, 32, 613, 80001, 341] {
            assert_eq!(
                g(400, code, None),
                ErrorClass::Throttled {
                    retry_after_secs: DEFAULT_THROTTLE_SECS
                },
                "{code}"
            );
        }
        assert_eq!(
            g(400, 368, None),
            ErrorClass::Throttled {
                retry_after_secs: LONG_THROTTLE_SECS
            }
        );
        let usage = Usage {
            business_percent: Some(100),
            regain_minutes: Some(12),
            ..Usage::default()
        };
        let e = graph(400, &graph_body(80001, None), &usage, true);
        assert_eq!(
            e.class,
            ErrorClass::Throttled {
                retry_after_secs: 720
            }
        );
        let e = graph(400, &graph_body(368, None), &usage, true);
        assert_eq!(
            e.class,
            ErrorClass::Throttled {
                retry_after_secs: 720
            }
        );
    }

    // Graph "Handling Errors": 100 invalid parameter (subcode 1366046 photo problem), 506
    // duplicate post, 1609005 link error; 324 missing or invalid image file.
    #[test]
    fn graph_validation_fails_the_item_with_the_user_message() {
        for (code, sub) in [
            (100, None),
            (100, Some(1366046)),
            (506, None),
            (1609005, None),
            (324, None),
        ] {
            assert_eq!(g(400, code, sub), ErrorClass::Invalid, "{code}/{sub:?}");
        }
        let body = serde_json::json!({"error": {"message": "(#100) Invalid parameter", "code": 100,
            "error_subcode": 1366046, "error_user_title": "Ảnh quá lớn", "error_user_msg": "Hãy chọn ảnh nhỏ hơn 4 MB"}});
        let e = graph(400, body.to_string().as_bytes(), &Usage::default(), true);
        assert_eq!(e.code, "100/1366046");
        assert!(
            e.message
                .starts_with("Ảnh quá lớn — Hãy chọn ảnh nhỏ hơn 4 MB"),
            "{}",
            e.message
        );
    }

    // Graph "Handling Errors": 1 API Unknown, 2 API Service — temporary; a publish may have acted.
    #[test]
    fn graph_unknown_and_service_errors_are_ambiguous_for_publishes() {
        assert_eq!(g(500, 1, None), ErrorClass::Ambiguous);
        assert_eq!(g(503, 2, None), ErrorClass::Ambiguous);
        let read = graph(500, &graph_body(2, None), &Usage::default(), false);
        assert_eq!(read.class, ErrorClass::Transient);
    }

    #[test]
    fn graph_answers_without_an_error_body_fall_back_to_status() {
        let u = Usage::default();
        assert_eq!(
            graph(502, b"<html>Bad gateway</html>", &u, true).class,
            ErrorClass::Ambiguous
        );
        assert_eq!(graph(502, b"", &u, true).code, "http-502");
        // RFC 9110 §15.4: a moved site is the channel's address, not the post.
        assert_eq!(graph(301, b"", &u, true).class, ErrorClass::Auth);
        assert_eq!(
            graph(429, b"", &u, true).class,
            ErrorClass::Throttled {
                retry_after_secs: DEFAULT_THROTTLE_SECS
            }
        );
        assert_eq!(
            graph(500, &graph_body(99999, None), &u, true).class,
            ErrorClass::Ambiguous
        );
        assert_eq!(
            graph(400, &graph_body(99999, None), &u, true).class,
            ErrorClass::Invalid
        );
    }

    fn z(code: i64) -> ErrorClass {
        let body = serde_json::json!({"error": code, "message": "m"}).to_string();
        zalo(200, body.as_bytes(), &Usage::default(), true).class
    }

    // Zalo OA "Mã lỗi", errors arrive with HTTP 200.
    #[test]
    fn zalo_codes_from_the_error_table() {
        assert_eq!(z(-216), ErrorClass::Auth); // Access token is invalid
        assert_eq!(z(-220), ErrorClass::Auth); // expired token (SDKs; not in the table)
        for code in [-204, -205, -209, -212, -221, -224, -235, -320, -321] {
            assert_eq!(z(code), ErrorClass::Auth, "{code}");
        }
        assert_eq!(
            z(-32),
            ErrorClass::Throttled {
                retry_after_secs: 60
            }
        ); // limit call api
        assert_eq!(
            z(-211),
            ErrorClass::Throttled {
                retry_after_secs: LONG_THROTTLE_SECS
            }
        ); // out of quota
        // The day's articles are made: a wait (its end from `holds_until`), never a failed post.
        assert!(matches!(z(-223), ErrorClass::Throttled { .. }));
        assert_eq!(z(-214), ErrorClass::Ambiguous); // article is being processed
        assert_eq!(z(-201), ErrorClass::Invalid); // <data_field> is invalid
        assert_eq!(z(-210), ErrorClass::Invalid); // parameter exceeds allowable limit
        assert_eq!(z(-999), ErrorClass::Invalid); // not in the table: never retried blindly
    }

    #[test]
    fn zalo_success_and_processing_are_read_from_the_body() {
        assert_eq!(
            zalo_outcome(&serde_json::json!({"error": 0})),
            Some(ZaloOutcome::Ok)
        );
        assert_eq!(
            zalo_outcome(&serde_json::json!({"error": "-214"})),
            Some(ZaloOutcome::Processing)
        );
        assert_eq!(
            zalo_outcome(&serde_json::json!({"error": -216})),
            Some(ZaloOutcome::TokenInvalid)
        );
        assert_eq!(
            zalo_outcome(&serde_json::json!({"error": -201})),
            Some(ZaloOutcome::Failed)
        );
        assert_eq!(zalo_outcome(&serde_json::json!({"data": {}})), None);
        let e = zalo(
            200,
            br#"{"error":-201,"message":"title is invalid!"}"#,
            &Usage::default(),
            true,
        );
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            ("-201", "title is invalid!")
        );
        // A gateway error page instead of a Zalo body.
        assert_eq!(
            zalo(504, b"<html/>", &Usage::default(), true).class,
            ErrorClass::Ambiguous
        );
    }

    // Zalo OAuth v4: any error body on refresh means the refresh token is spent or wrong.
    #[test]
    fn zalo_refresh_errors_need_a_reconnect() {
        for code in [-14014, -14020, -14002] {
            let body = serde_json::json!({"error": code, "error_name": "Invalid parameter",
                "error_description": "Invalid refresh token"})
            .to_string();
            let e = zalo_refresh(200, body.as_bytes(), &Usage::default());
            assert_eq!(e.class, ErrorClass::Auth);
            assert_eq!(e.code, format!("refresh/{code}"));
        }
        assert_eq!(
            zalo_refresh(200, b"{}", &Usage::default()).class,
            ErrorClass::Auth
        );
        assert_eq!(
            zalo_refresh(503, b"", &Usage::default()).class,
            ErrorClass::Ambiguous
        );
    }

    fn wp(status: u16, code: &str) -> ErrorClass {
        let body = serde_json::json!({"code": code, "message": "m", "data": {"status": status}})
            .to_string();
        wordpress(status, body.as_bytes(), &Usage::default(), true).class
    }

    // WordPress REST: authentication and capability errors.
    #[test]
    fn wordpress_auth_errors() {
        assert_eq!(wp(401, "rest_not_logged_in"), ErrorClass::Auth);
        assert_eq!(wp(401, "incorrect_password"), ErrorClass::Auth);
        assert_eq!(wp(401, "invalid_username"), ErrorClass::Auth);
        assert_eq!(wp(403, "rest_cannot_create"), ErrorClass::Auth);
        assert_eq!(wp(403, "rest_cannot_upload"), ErrorClass::Auth);
        assert_eq!(wp(403, "rest_cannot_publish"), ErrorClass::Auth);
        assert_eq!(wp(404, "rest_no_route"), ErrorClass::Auth);
        assert_eq!(wp(403, "some_plugin_block"), ErrorClass::Auth);
    }

    // WordPress REST: invalid parameters and refused uploads.
    #[test]
    fn wordpress_validation_errors() {
        for code in [
            "rest_invalid_param",
            "rest_upload_sideload_error",
            "rest_upload_file_too_big",
            "rest_upload_no_data",
            "rest_invalid_featured_media",
        ] {
            assert_eq!(wp(400, code), ErrorClass::Invalid, "{code}");
        }
        // The web server's own limit, before WordPress runs.
        assert_eq!(
            wordpress(
                413,
                b"<html>Request Entity Too Large</html>",
                &Usage::default(),
                true
            )
            .class,
            ErrorClass::Invalid
        );
    }

    /// Apache's own 413 page, as a site behind a small upload limit answers: the officer gets a
    /// sentence about the size, and support a short excerpt, never the page.
    #[test]
    fn an_apache_413_page_becomes_advice_about_the_size_and_a_short_excerpt() {
        let page = br#"<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>413 Request Entity Too Large</title>
</head><body>
<h1>Request Entity Too Large</h1>
The requested resource does not allow request data with POST requests, or the amount of data provided in the request exceeds the capacity limit.
<hr>
<address>Apache/2.4.62 (Debian) Server at xa.example.vn Port 443</address>
</body></html>"#;
        let e = wordpress(413, page, &Usage::default(), true);
        assert_eq!(
            (e.class.clone(), e.code.as_str(), e.hint_id()),
            (ErrorClass::Invalid, "http-413", "channel-hint-too-large")
        );
        assert!(!e.message.contains('<'), "{}", e.message);
        assert!(
            e.message.chars().count() <= EXCERPT_CHARS + 1,
            "{}",
            e.message
        );
        assert!(
            e.message.starts_with("413 Request Entity Too Large"),
            "{}",
            e.message
        );
    }

    /// Every sentence an error can point to exists in both languages.
    #[test]
    fn every_hint_and_advice_id_is_translated() {
        use crate::advice_id;
        let mut ids = vec![
            "channel-hint-transient",
            "channel-hint-offline",
            "channel-hint-ambiguous",
            "channel-hint-throttled",
            "channel-hint-auth",
            "channel-hint-invalid",
        ];
        for (kind, code) in [
            (ChannelKind::Zalo, "no-cover"),
            (ChannelKind::Wordpress, "http-413"),
            (ChannelKind::Wordpress, "rest_upload_file_too_big"),
            (ChannelKind::Facebook, "100/1366046"),
            (ChannelKind::Facebook, "506"),
            (ChannelKind::Facebook, "324"),
            (ChannelKind::Folder, "photo-missing"),
            (ChannelKind::Facebook, "1609005"),
            (ChannelKind::Zalo, "-201"),
        ] {
            ids.push(advice_id(kind, code).unwrap_or_else(|| panic!("{kind:?} {code}")));
        }
        assert_eq!(advice_id(ChannelKind::Facebook, "190/463"), None);
        assert_eq!(advice_id(ChannelKind::Facebook, "no-cover"), None);
        for lang in ["vi", "en"] {
            let ftl = std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join(format!("../../../locales/{lang}/channels.ftl")),
            )
            .expect("locale");
            for id in &ids {
                assert!(ftl.contains(&format!("\n{id} = ")), "{lang}: {id}");
            }
        }
    }

    #[test]
    fn wordpress_server_errors_and_throttling() {
        assert_eq!(wp(500, "rest_upload_unknown_error"), ErrorClass::Ambiguous);
        assert_eq!(wp(500, "db_insert_error"), ErrorClass::Ambiguous);
        let usage = Usage {
            retry_after_secs: Some(42),
            ..Usage::default()
        };
        let e = wordpress(429, b"Too Many Requests", &usage, true);
        assert_eq!(
            e.class,
            ErrorClass::Throttled {
                retry_after_secs: 42
            }
        );
        let body = br#"{"code":"too_many","message":"slow","data":{"status":429}}"#;
        assert_eq!(
            wordpress(429, body, &usage, true).class,
            ErrorClass::Throttled {
                retry_after_secs: 42
            }
        );
        assert_eq!(
            wordpress(503, b"maintenance", &Usage::default(), false).class,
            ErrorClass::Transient
        );
    }

    // Graph "Rate Limits": usage percentages in X-App-Usage / X-Business-Use-Case-Usage.
    #[test]
    fn high_usage_pauses_before_the_limit() {
        let at = |app, business, regain| Usage {
            app_percent: app,
            business_percent: business,
            regain_minutes: regain,
            ..Usage::default()
        };
        assert_eq!(usage_pause(&at(Some(40), Some(10), None)), None);
        assert_eq!(
            usage_pause(&at(Some(92), None, None)),
            Some(DEFAULT_THROTTLE_SECS)
        );
        assert_eq!(usage_pause(&at(None, Some(100), Some(3))), Some(180));
        assert_eq!(usage_pause(&Usage::default()), None);
    }

    #[test]
    fn transport_split_before_and_after_sending() {
        let f = |sent, code| TransportFailure {
            sent,
            code,
            detail: String::new(),
        };
        let k = ChannelKind::Facebook;
        assert_eq!(
            transport(k, &f(Sent::No { offline: true }, "dns"), true).class,
            ErrorClass::Offline
        );
        assert_eq!(
            transport(k, &f(Sent::No { offline: false }, "reset"), true).class,
            ErrorClass::Transient
        );
        assert_eq!(
            transport(k, &f(Sent::Yes, "timeout"), true).class,
            ErrorClass::Ambiguous
        );
        assert_eq!(
            transport(k, &f(Sent::Yes, "timeout"), false).class,
            ErrorClass::Transient
        );
    }
}
