//! Facebook Login for a desktop app, built by hand, and the Page list it leads to.
//!
//! Documented behaviour followed:
//! - `facebook-login/guides/advanced/manual-flow` ("Manually Build a Login Flow"): the dialog at
//!   `https://www.facebook.com/{version}/dialog/oauth?client_id&redirect_uri&state` (optional
//!   `scope`, `response_type`); a desktop app in an embedded browser uses the redirect URI
//!   `https://www.facebook.com/connect/login_success.html`; after "Continue" the browser is
//!   redirected to `redirect_uri?code=…&state=…`; a person who cancels is redirected to
//!   `redirect_uri?error_reason=user_denied&error=access_denied&error_description=Permissions+error.`;
//!   the code is exchanged with `GET graph.facebook.com/{version}/oauth/access_token?client_id&
//!   redirect_uri&client_secret&code` → `{"access_token","token_type","expires_in"}`, the
//!   `redirect_uri` being required and identical to the dialog's.
//! - `facebook-login/guides/advanced/oidc-token`: the same dialog with `code_challenge` and
//!   `code_challenge_method` (S256 or plain); the exchange then proves possession with
//!   `code_verifier` instead of the app secret (a desktop app cannot keep a secret).
//! - `facebook-login/guides/access-tokens/get-long-lived`: `GET oauth/access_token?
//!   grant_type=fb_exchange_token&client_id&client_secret&fb_exchange_token` →
//!   `{"access_token","token_type":"bearer","expires_in":5183944}`; Page tokens obtained with a
//!   long-lived user token do not expire.
//! - `graph-api/reference/user/accounts`: `GET /me/accounts` → `data[]` of `{access_token,
//!   category, category_list, name, id, tasks}` (tasks among ANALYZE, ADVERTISE, MODERATE,
//!   CREATE_CONTENT, MANAGE) with cursor paging.
//! - `graph-api/reference/debug_token`: `GET /debug_token?input_token=…` with an app token.
//! - Error texts as Graph sends them (seen in client issue trackers): "This authorization code
//!   has been used." (code 100, laravel/socialite#385), "Error validating verification code.
//!   Please make sure your redirect_uri is identical to the one you used in the OAuth dialog
//!   request" (code 100, scribejava#605), the dialog's "URL Blocked: This redirect failed
//!   because the redirect URI is not whitelisted in the app's Client OAuth Settings…"
//!   (django-allauth#1730).
//!
//! Emulator choices where the documentation is silent: the subcodes of the code errors (36007
//! expired, 36008 redirect mismatch, 36009 used — as clients report them), codes live 10
//! minutes, a short-lived user token lives 90 minutes, a dialog without `state` shows an error
//! page, a wrong `code_verifier` is code 100 "Invalid code verifier.", and `state` is returned on
//! the cancel redirect too.

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use super::{ALL_TASKS, Caller, State};
use crate::common::{html_escape, now, opaque_token, pkce_s256};
use crate::form::{Fields, percent_encode};
use crate::http::{Request, Response};

/// A Page the person manages besides the emulated one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManagedPage {
    pub id: String,
    pub name: String,
    pub category: String,
    /// What the person may do there (`CREATE_CONTENT` is needed to publish).
    pub tasks: Vec<String>,
}

const CODE_LIFETIME_SECS: i64 = 600;
const SHORT_LIVED_SECS: i64 = 5400;
const LONG_LIVED_SECS: i64 = 5_183_944;

#[derive(Debug, Clone)]
struct Dialog {
    id: String,
    redirect_uri: String,
    state: String,
    scope: String,
    /// `(method, challenge)` when the app used PKCE.
    challenge: Option<(String, String)>,
}

#[derive(Debug, Clone)]
struct Code {
    code: String,
    redirect_uri: String,
    scope: String,
    challenge: Option<(String, String)>,
    issued: DateTime<Utc>,
    used: bool,
}

#[derive(Debug, Clone)]
struct UserToken {
    token: String,
    scope: String,
    issued: DateTime<Utc>,
    expires_at: DateTime<Utc>,
}

/// Sign-in state: open dialogs, issued codes, user tokens.
#[derive(Debug, Default)]
pub(super) struct LoginState {
    dialogs: Vec<Dialog>,
    codes: Vec<Code>,
    user_tokens: Vec<UserToken>,
}

impl LoginState {
    pub(super) fn user_token_valid(&self, token: &str) -> bool {
        self.user_tokens
            .iter()
            .any(|t| t.token == token && t.expires_at > now())
    }
}

/// The token `/me/accounts` hands out for another managed Page.
pub(super) fn page_token(main_token: &str, page_id: &str) -> String {
    format!("{main_token}-page-{page_id}")
}

fn is_loopback_http(uri: &str) -> bool {
    ["http://localhost", "http://127.0.0.1", "http://[::1]"]
        .iter()
        .any(|p| {
            uri.strip_prefix(p)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([':', '/', '?']))
        })
}

fn redirect_allowed(s: &State, uri: &str) -> bool {
    uri == format!("{}/connect/login_success.html", s.origin)
        || s.opts.redirect_uris.iter().any(|r| r == uri)
        || (s.opts.development_mode && is_loopback_http(uri))
}

/// `redirect_uri` with these query parameters appended.
fn with_query(uri: &str, params: &[(&str, &str)]) -> String {
    let q: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{k}={}", percent_encode(v)))
        .collect();
    let sep = if uri.contains('?') { '&' } else { '?' };
    format!("{uri}{sep}{}", q.join("&"))
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t}</title>\
         <style>body{{font-family:Helvetica,Arial,sans-serif;background:#f0f2f5;margin:0}}\
         main{{max-width:420px;margin:48px auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 2px 8px #0002}}\
         h1{{font-size:20px;color:#1c1e21}}.who{{display:flex;align-items:center;gap:12px;margin:16px 0}}\
         .avatar{{width:48px;height:48px;border-radius:50%;background:#1877f2;color:#fff;display:flex;align-items:center;justify-content:center;font-size:22px}}\
         button{{font-size:16px;padding:10px 16px;border-radius:6px;border:0;cursor:pointer;width:100%;margin-top:8px}}\
         #continue{{background:#1877f2;color:#fff}}#cancel{{background:#e4e6eb;color:#050505}}\
         .note{{color:#65676b;font-size:13px}}</style></head>\n<body><main>{body}</main></body></html>\n",
        t = html_escape(title),
    )
}

fn error_page(title: &str, message: &str) -> Response {
    Response::html(
        200,
        &page(
            title,
            &format!(
                "<h1 id=\"error-title\">{}</h1><p id=\"error-message\">{}</p>",
                html_escape(title),
                html_escape(message)
            ),
        ),
    )
}

/// `GET {www}/{version}/dialog/oauth`: the Login dialog.
pub(super) fn dialog(s: &mut State, f: &Fields) -> Response {
    if f.get("client_id").as_deref() != Some(s.opts.app_id.as_str()) {
        return error_page(
            "Invalid App ID",
            "The provided app ID does not look like a valid app ID.",
        );
    }
    let redirect_uri = f.get("redirect_uri").unwrap_or_default();
    if redirect_uri.is_empty() || !redirect_allowed(s, &redirect_uri) {
        return error_page(
            "URL Blocked",
            "This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings. Make sure Client and Web OAuth Login are on and add all your app domains as Valid OAuth Redirect URIs.",
        );
    }
    let Some(state) = f.get("state").filter(|v| !v.is_empty()) else {
        return error_page(
            "Sorry, something went wrong.",
            "The state parameter is required.",
        );
    };
    let challenge = match (f.get("code_challenge"), f.get("code_challenge_method")) {
        (None, _) => None,
        (Some(c), m) => {
            let m = m.unwrap_or_else(|| "plain".into());
            if !matches!(m.as_str(), "S256" | "plain") || c.is_empty() {
                return error_page(
                    "Sorry, something went wrong.",
                    "code_challenge_method must be S256 or plain.",
                );
            }
            Some((m, c))
        }
    };
    let scope = f.get("scope").unwrap_or_else(|| "public_profile".into());
    let id = opaque_token("dlg", &mut s.rng);
    s.login.dialogs.push(Dialog {
        id: id.clone(),
        redirect_uri,
        state,
        scope: scope.clone(),
        challenge,
    });
    let name = s.opts.user_name.clone();
    let initial = name
        .split_whitespace()
        .last()
        .and_then(|w| w.chars().next())
        .unwrap_or('?');
    let first = name.split_whitespace().last().unwrap_or(&name).to_string();
    let perms: String = scope
        .split([',', ' '])
        .filter(|p| !p.is_empty())
        .map(|p| format!("<li>{}</li>", html_escape(p)))
        .collect();
    let body = format!(
        "<h1>Loa is requesting access to your Pages</h1>\
         <div class=\"who\"><div class=\"avatar\">{initial}</div><div><strong id=\"account-name\">{n}</strong><br>\
         <span class=\"note\">Facebook account (Loa sandbox)</span></div></div>\
         <p>Loa will receive:</p><ul id=\"scopes\">{perms}</ul>\
         <form method=\"post\" action=\"/dialog/oauth/confirm\"><input type=\"hidden\" name=\"session\" value=\"{id}\">\
         <button id=\"continue\" type=\"submit\">Continue as {first}</button></form>\
         <form method=\"post\" action=\"/dialog/oauth/cancel\"><input type=\"hidden\" name=\"session\" value=\"{id}\">\
         <button id=\"cancel\" type=\"submit\">Cancel</button></form>\
         <p class=\"note\">This is an emulated Facebook on this computer; nothing leaves it.</p>",
        initial = html_escape(&initial.to_string()),
        n = html_escape(&name),
        first = html_escape(&first),
    );
    Response::html(200, &page("Log in with Facebook", &body))
}

fn take_dialog(s: &mut State, f: &Fields) -> Option<Dialog> {
    let id = f.get("session")?;
    let i = s.login.dialogs.iter().position(|d| d.id == id)?;
    Some(s.login.dialogs.remove(i))
}

/// "Continue": a code for the redirect URI.
pub(super) fn confirm(s: &mut State, f: &Fields) -> Response {
    let Some(d) = take_dialog(s, f) else {
        return error_page(
            "This page isn't available",
            "The link you followed may have expired. Start signing in again.",
        );
    };
    let code = opaque_token("AQ", &mut s.rng);
    s.login.codes.push(Code {
        code: code.clone(),
        redirect_uri: d.redirect_uri.clone(),
        scope: d.scope,
        challenge: d.challenge,
        issued: now(),
        used: false,
    });
    Response::redirect(
        302,
        &with_query(&d.redirect_uri, &[("code", &code), ("state", &d.state)]),
    )
}

/// "Cancel": the documented error redirect.
pub(super) fn cancel(s: &mut State, f: &Fields) -> Response {
    let Some(d) = take_dialog(s, f) else {
        return error_page(
            "This page isn't available",
            "The link you followed may have expired. Start signing in again.",
        );
    };
    Response::redirect(
        302,
        &with_query(
            &d.redirect_uri,
            &[
                ("error_reason", "user_denied"),
                ("error", "access_denied"),
                ("error_description", "Permissions error."),
                ("state", &d.state),
            ],
        ),
    )
}

/// Facebook's page for desktop apps: the app reads the code from this page's address.
pub(super) fn login_success() -> Response {
    Response::html(
        200,
        &page(
            "Success",
            "<h1>Success</h1><p class=\"note\">SECURITY WARNING: Please treat the URL above as you would your password and do not share it with anyone.</p>",
        ),
    )
}

fn oauth_error(s: &mut State, code: i64, subcode: Option<i64>, message: &str) -> Response {
    s.error(400, code, subcode, "OAuthException", message)
}

fn issue_user_token(s: &mut State, scope: String, lifetime: i64) -> Response {
    let token = opaque_token("EAAGuser", &mut s.rng);
    let t = now();
    s.login.user_tokens.push(UserToken {
        token: token.clone(),
        scope,
        issued: t,
        expires_at: t + Duration::seconds(lifetime),
    });
    Response::json(
        200,
        &json!({ "access_token": token, "token_type": "bearer", "expires_in": lifetime }),
    )
}

/// `oauth/access_token`: the code exchange, or `grant_type=fb_exchange_token`.
pub(super) fn access_token(s: &mut State, f: &Fields) -> Response {
    if f.get("client_id").as_deref() != Some(s.opts.app_id.as_str()) {
        return oauth_error(
            s,
            101,
            None,
            "Error validating application. Invalid application ID.",
        );
    }
    let secret_ok = f.get("client_secret").as_deref() == Some(s.opts.app_secret.as_str());
    if f.get("grant_type").as_deref() == Some("fb_exchange_token") {
        if !secret_ok {
            return oauth_error(s, 1, None, "Error validating client secret.");
        }
        let given = f.get("fb_exchange_token").unwrap_or_default();
        let Some(old) = s
            .login
            .user_tokens
            .iter()
            .find(|t| t.token == given && t.expires_at > now())
            .cloned()
        else {
            return oauth_error(s, 190, None, "Invalid OAuth access token.");
        };
        return issue_user_token(s, old.scope, LONG_LIVED_SECS);
    }
    let Some(given) = f.get("code").filter(|c| !c.is_empty()) else {
        return s.invalid("The parameter code is required");
    };
    let Some(i) = s.login.codes.iter().position(|c| c.code == given) else {
        return oauth_error(s, 100, None, "Invalid verification code format.");
    };
    let code = s.login.codes[i].clone();
    if code.used {
        return oauth_error(
            s,
            100,
            Some(36009),
            "This authorization code has been used.",
        );
    }
    if now() - code.issued > Duration::seconds(CODE_LIFETIME_SECS) {
        return oauth_error(s, 100, Some(36007), "This authorization code has expired.");
    }
    if f.get("redirect_uri").as_deref() != Some(code.redirect_uri.as_str()) {
        return oauth_error(
            s,
            100,
            Some(36008),
            "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request",
        );
    }
    match (&code.challenge, f.get("code_verifier")) {
        (Some((method, challenge)), Some(verifier)) => {
            let computed = if method == "S256" {
                pkce_s256(&verifier)
            } else {
                verifier
            };
            if computed != *challenge {
                return oauth_error(s, 100, None, "Invalid code verifier.");
            }
        }
        _ if secret_ok => {}
        _ => return oauth_error(s, 1, None, "Error validating client secret."),
    }
    s.login.codes[i].used = true;
    issue_user_token(s, code.scope, SHORT_LIVED_SECS)
}

/// `GET /me`.
pub(super) fn me(s: &mut State, caller: &Caller) -> Response {
    let (id, name) = match caller {
        Caller::User => (s.opts.user_id.clone(), s.opts.user_name.clone()),
        Caller::Page => (s.opts.page_id.clone(), s.opts.page_name.clone()),
        Caller::OtherPage(pid) => {
            let name = s
                .opts
                .extra_pages
                .iter()
                .find(|p| p.id == *pid)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            (pid.clone(), name)
        }
        Caller::App => return s.no_active_token(),
    };
    Response::json(200, &json!({ "id": id, "name": name }))
}

/// `GET /me/accounts`: the Pages the person manages, with their tokens and tasks.
pub(super) fn accounts(s: &mut State, req: &Request, f: &Fields, caller: &Caller) -> Response {
    if *caller != Caller::User {
        return s.invalid("Tried accessing nonexisting field (accounts) on node type (Page)");
    }
    let mut rows = vec![json!({
        "access_token": s.token,
        "category": "Government Organization",
        "category_list": [{ "id": "2235", "name": "Government Organization" }],
        "name": s.opts.page_name,
        "id": s.opts.page_id,
        "tasks": ALL_TASKS,
    })];
    for p in &s.opts.extra_pages {
        rows.push(json!({
            "access_token": page_token(&s.token, &p.id),
            "category": p.category,
            "category_list": [{ "id": "2612", "name": p.category }],
            "name": p.name,
            "id": p.id,
            "tasks": p.tasks,
        }));
    }
    super::paged(req, f, rows)
}

/// `GET /debug_token?input_token=…`.
pub(super) fn debug_token(s: &mut State, f: &Fields) -> Response {
    let Some(input) = f.get("input_token") else {
        return s.invalid("The parameter input_token is required");
    };
    let app_id = s.opts.app_id.clone();
    let t = now().timestamp();
    let data: Value = match s.caller(&input) {
        Some(Caller::User) => {
            let u = s
                .login
                .user_tokens
                .iter()
                .find(|u| u.token == input)
                .cloned();
            let (scope, issued, expires) = u
                .map(|u| (u.scope, u.issued.timestamp(), u.expires_at.timestamp()))
                .unwrap_or_default();
            let scopes: Vec<&str> = scope.split([',', ' ']).filter(|x| !x.is_empty()).collect();
            json!({
                "app_id": app_id, "type": "USER", "application": "Loa",
                "data_access_expires_at": t + 90 * 86400, "expires_at": expires,
                "is_valid": true, "issued_at": issued, "scopes": scopes,
                "user_id": s.opts.user_id,
            })
        }
        Some(Caller::Page) if !s.token_expired => json!({
            "app_id": app_id, "type": "PAGE", "application": "Loa",
            "data_access_expires_at": t + 90 * 86400, "expires_at": 0, "is_valid": true,
            "profile_id": s.opts.page_id, "user_id": s.opts.user_id,
            "scopes": ["pages_show_list", "pages_read_engagement", "pages_manage_posts", "read_insights"],
        }),
        _ => json!({
            "error": { "code": 190, "message": "Invalid OAuth access token." },
            "is_valid": false, "scopes": [],
        }),
    };
    Response::json(200, &json!({ "data": data }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_means_the_loopback_host_only() {
        assert!(is_loopback_http("http://127.0.0.1:8765/cb"));
        assert!(is_loopback_http("http://localhost/cb"));
        assert!(!is_loopback_http("http://localhost.evil.example/cb"));
        assert!(!is_loopback_http("https://127.0.0.1/cb"));
    }

    #[test]
    fn query_is_appended_to_a_redirect_uri_that_has_one() {
        assert_eq!(
            with_query("http://x/cb?a=1", &[("code", "c d")]),
            "http://x/cb?a=1&code=c%20d"
        );
    }
}
