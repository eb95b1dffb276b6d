//! Zalo OAuth v4 for an Official Account: the permission page, the code exchange with PKCE and
//! the single-use refresh token.
//!
//! Documented behaviour followed (developers.zalo.me "Official Account API > Lấy Access Token",
//! as transcribed by hainh.me/zalo-api-php-lay-access-token and the RedAI Zalo SDK guide):
//! - `https://oauth.zaloapp.com/v4/oa/permission?app_id&redirect_uri&code_challenge&state`: the
//!   OA admin grants the app access; Zalo redirects to `redirect_uri` with `code`, `oa_id` and
//!   `state`. `redirect_uri` is the "Official Account Callback Url" set in the app's settings
//!   on developers.zalo.me, on a domain the app has verified (`/app/{id}/verify-domain`).
//! - `POST https://oauth.zaloapp.com/v4/oa/access_token`, header `secret_key`, form `code`,
//!   `app_id`, `grant_type=authorization_code`, `code_verifier` (PKCE: `code_challenge` =
//!   BASE64URL(SHA-256(verifier)) without padding) → `{"access_token","refresh_token",
//!   "expires_in":"90000"}`; the same endpoint with `grant_type=refresh_token` and
//!   `refresh_token` gives a new pair, each refresh token working once.
//!
//! Emulator choices (`[inferred]`): the error codes -14004 (code unknown, used or older than 10
//! minutes) and -14005 (wrong verifier); a `redirect_uri` must start with a registered callback
//! URL; the permission page's wording; "Hủy" shows a page and redirects nowhere.

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use super::State;
use crate::common::{html_escape, now, opaque_token, pkce_s256};
use crate::form::{Fields, percent_encode};
use crate::http::{Request, Response};

const CODE_LIFETIME_SECS: i64 = 600;

#[derive(Debug, Clone)]
struct Pending {
    id: String,
    redirect_uri: String,
    challenge: Option<String>,
    state: String,
}

#[derive(Debug, Clone)]
struct Code {
    code: String,
    challenge: Option<String>,
    issued: DateTime<Utc>,
    used: bool,
}

/// Open permission pages and issued codes.
#[derive(Debug, Default)]
pub(super) struct OAuthState {
    pending: Vec<Pending>,
    codes: Vec<Code>,
    /// Codes exchanged (numbers the pairs they gave).
    grants: u32,
}

fn oauth_err(code: i64, name: &str, reason: &str) -> Response {
    Response::json(
        200,
        &json!({ "error": code, "error_name": name, "error_reason": reason, "error_description": reason }),
    )
}

fn page(title: &str, body: &str) -> Response {
    Response::html(
        200,
        &format!(
            "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{t}</title>\
             <style>body{{font-family:Arial,sans-serif;background:#f4f5f7;margin:0}}\
             main{{max-width:420px;margin:48px auto;background:#fff;border-radius:8px;padding:24px}}\
             button{{font-size:16px;padding:10px 16px;border-radius:6px;border:0;width:100%;margin-top:8px}}\
             #allow{{background:#0068ff;color:#fff}}#cancel{{background:#e5e7eb}}</style></head>\n\
             <body><main>{body}</main></body></html>\n",
            t = html_escape(title)
        ),
    )
}

fn registered(s: &State, uri: &str) -> bool {
    let own = format!("{}/oauth/callback", s.origin);
    uri.starts_with(&own) || s.opts.callback_urls.iter().any(|c| uri.starts_with(c))
}

/// `GET /v4/oa/permission`.
pub(super) fn permission(s: &mut State, req: &Request) -> Response {
    let f = Fields::from_request(req).unwrap_or_default();
    if f.get("app_id").as_deref() != Some(s.opts.app_id.as_str()) {
        return page(
            "Lỗi",
            "<h1 id=\"error-title\">Ứng dụng không hợp lệ</h1><p id=\"error-message\">app_id không tồn tại.</p>",
        );
    }
    let redirect_uri = f.get("redirect_uri").unwrap_or_default();
    if redirect_uri.is_empty() || !registered(s, &redirect_uri) {
        return page(
            "Lỗi",
            "<h1 id=\"error-title\">Đường dẫn callback không hợp lệ</h1><p id=\"error-message\">redirect_uri phải là Official Account Callback Url đã khai báo cho ứng dụng.</p>",
        );
    }
    let id = opaque_token("zp", &mut s.rng);
    s.oauth.pending.push(Pending {
        id: id.clone(),
        redirect_uri,
        challenge: f.get("code_challenge").filter(|c| !c.is_empty()),
        state: f.get("state").unwrap_or_default(),
    });
    let body = format!(
        "<h1>Cấp quyền cho ứng dụng Loa</h1>\
         <p>Ứng dụng <strong>Loa</strong> muốn quản lý Official Account <strong id=\"oa-name\">{oa}</strong>: \
         đăng bài viết, tải ảnh lên.</p>\
         <form method=\"post\" action=\"/v4/oa/permission/allow\"><input type=\"hidden\" name=\"session\" value=\"{id}\">\
         <button id=\"allow\" type=\"submit\">Cho phép</button></form>\
         <form method=\"post\" action=\"/v4/oa/permission/cancel\"><button id=\"cancel\" type=\"submit\">Hủy</button></form>\
         <p>Đây là Zalo giả lập trên máy này; không có gì được gửi ra ngoài.</p>",
        oa = html_escape(&s.opts.oa_name),
    );
    page("Cấp quyền Official Account", &body)
}

/// "Cho phép": a code to the callback URL.
pub(super) fn allow(s: &mut State, req: &Request) -> Response {
    let f = Fields::from_request(req).unwrap_or_default();
    let session = f.get("session").unwrap_or_default();
    let Some(i) = s.oauth.pending.iter().position(|p| p.id == session) else {
        return page(
            "Lỗi",
            "<h1 id=\"error-title\">Phiên cấp quyền đã hết hạn</h1><p>Hãy bắt đầu lại.</p>",
        );
    };
    let p = s.oauth.pending.remove(i);
    let code = opaque_token("zc", &mut s.rng);
    s.oauth.codes.push(Code {
        code: code.clone(),
        challenge: p.challenge,
        issued: now(),
        used: false,
    });
    let sep = if p.redirect_uri.contains('?') {
        '&'
    } else {
        '?'
    };
    let location = format!(
        "{}{sep}oa_id={}&code={}&state={}",
        p.redirect_uri,
        percent_encode(&s.opts.oa_id),
        percent_encode(&code),
        percent_encode(&p.state)
    );
    Response::redirect(302, &location)
}

/// "Hủy".
pub(super) fn cancelled() -> Response {
    page(
        "Đã hủy",
        "<h1 id=\"cancelled\">Đã hủy cấp quyền</h1><p>Loa chưa được quyền quản lý Official Account.</p>",
    )
}

/// The registered callback page that stands for a page on a verified domain: it shows the
/// code so it can be copied back into the app.
pub(super) fn callback_page(req: &Request) -> Response {
    let f = Fields::from_request(req).unwrap_or_default();
    let code = f.get("code").unwrap_or_default();
    page(
        "Mã cấp quyền",
        &format!(
            "<h1>Mã cấp quyền</h1><p>Sao chép mã này vào Loa:</p><p><code id=\"code\">{}</code></p>",
            html_escape(&code)
        ),
    )
}

/// `POST /v4/oa/access_token`: both grant types.
pub(super) fn token(s: &mut State, req: &Request) -> Response {
    let f = match Fields::from_request(req) {
        Ok(f) => f,
        Err(_) => return oauth_err(-14003, "Invalid parameter", "Body must be form-urlencoded"),
    };
    if req.header("secret_key") != Some(s.opts.secret_key.as_str()) {
        return oauth_err(
            -14012,
            "Invalid secret key",
            "The secret_key header does not match the app",
        );
    }
    if f.get("app_id").as_deref() != Some(s.opts.app_id.as_str()) {
        return oauth_err(-14002, "Invalid app id", "app_id is invalid");
    }
    match f.get("grant_type").as_deref() {
        Some("refresh_token") => refresh(s, &f),
        Some("authorization_code") => exchange(s, &f),
        _ => oauth_err(
            -14003,
            "Invalid parameter",
            "grant_type must be authorization_code or refresh_token",
        ),
    }
}

/// A new token pair (`tag` and `n` make it unique); the previous refresh token stops working.
fn new_pair(s: &mut State, tag: &str, n: u32) -> Response {
    let access = format!("{}-{tag}{n}", s.opts.access_token);
    let refresh = format!("{}-{tag}{n}", s.opts.refresh_token);
    s.used_refresh_tokens
        .push(std::mem::replace(&mut s.refresh_token, refresh.clone()));
    s.access_tokens.push(access.clone());
    Response::json(
        200,
        &json!({ "access_token": access, "refresh_token": refresh, "expires_in": "90000" }),
    )
}

fn refresh(s: &mut State, f: &Fields) -> Response {
    let given = f.get("refresh_token").unwrap_or_default();
    if given != s.refresh_token {
        let reason = if s.used_refresh_tokens.contains(&given) {
            "Refresh token has already been used"
        } else {
            "Refresh token is invalid"
        };
        return oauth_err(-14014, "Invalid refresh token", reason);
    }
    s.refreshes += 1;
    let n = s.refreshes;
    new_pair(s, "r", n)
}

fn exchange(s: &mut State, f: &Fields) -> Response {
    let given = f.get("code").unwrap_or_default();
    let Some(i) = s.oauth.codes.iter().position(|c| {
        c.code == given && !c.used && now() - c.issued <= Duration::seconds(CODE_LIFETIME_SECS)
    }) else {
        return oauth_err(
            -14004,
            "Invalid authorization code",
            "The code is unknown, used or expired",
        );
    };
    if let Some(challenge) = s.oauth.codes[i].challenge.clone() {
        let verifier = f.get("code_verifier").unwrap_or_default();
        if pkce_s256(&verifier) != challenge {
            return oauth_err(
                -14005,
                "Invalid code verifier",
                "code_verifier does not match code_challenge",
            );
        }
    }
    s.oauth.codes[i].used = true;
    s.oauth.grants += 1;
    let n = s.oauth.grants;
    new_pair(s, "c", n)
}
