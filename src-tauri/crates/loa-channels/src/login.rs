//! Signing in to connect a Facebook Page or a Zalo OA: the PKCE pair, reading the answer from
//! the address the platform redirects to, and the HTTP calls that turn it into tokens — the code
//! exchange, Facebook's long-lived user token and its list of managed Pages, Zalo's OA tokens.
//!
//! The addresses and permissions are `loa_platforms::login`'s. Who shows the platform's page
//! (a window of the desktop app) and where the tokens go (the keyring) is not known here: this
//! module is handed the redirect address and returns tokens, classified errors otherwise
//! (`classify`'s rules, the same as for publishing).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::classify;
use crate::http::{Call, Http, Payload};
use crate::{ChannelError, ChannelKind, ErrorClass};
use loa_platforms::login::FACEBOOK_PUBLISH_TASK;

/// Pages of `/me/accounts` read at most (25 Pages each): nobody manages more than a few.
const MAX_ACCOUNT_PAGES: usize = 8;

/// A PKCE pair (RFC 7636): the verifier stays in Loa, the S256 challenge goes to the platform.
#[derive(Clone, PartialEq, Eq)]
pub struct Pkce {
    pub verifier: String,
    pub challenge: String,
}

impl std::fmt::Debug for Pkce {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkce")
            .field("challenge", &self.challenge)
            .finish_non_exhaustive()
    }
}

impl Pkce {
    /// A fresh pair from the operating system's random source.
    pub fn generate(kind: ChannelKind) -> Result<Pkce, ChannelError> {
        Ok(Pkce::from_verifier(random_token(kind)?))
    }

    /// The pair for a given verifier (43–128 characters of `[A-Za-z0-9-._~]`).
    pub fn from_verifier(verifier: String) -> Pkce {
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        Pkce {
            verifier,
            challenge,
        }
    }
}

/// 32 random bytes, base64url without padding (43 characters): a PKCE verifier or a `state`.
pub fn random_token(kind: ChannelKind) -> Result<String, ChannelError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| ChannelError {
        class: ErrorClass::Transient,
        kind,
        code: "random".into(),
        message: e.to_string(),
    })?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// What a login window's address says once the platform sent it back to the redirect URI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Redirect {
    /// The officer agreed: a code to exchange (Zalo adds the OA's id).
    Code {
        code: String,
        state: String,
        oa_id: Option<String>,
    },
    /// The officer said no, or the platform refused (`error`, `error_reason`).
    Refused { state: String, reason: String },
}

/// Reads `url` if it is `redirect_uri` (same scheme, host, port and path) with an answer in
/// its query (or, for an implicit answer, its fragment); `None` for any other address, which
/// the window may go on to.
pub fn read_redirect(url: &str, redirect_uri: &str) -> Option<Redirect> {
    let (base, rest) = split_query(url);
    let (expected, _) = split_query(redirect_uri);
    if !same_address(base, expected) {
        return None;
    }
    let params = parse_pairs(rest);
    let get = |k: &str| {
        params
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    let state = get("state").unwrap_or_default();
    if let Some(code) = get("code").filter(|c| !c.is_empty()) {
        return Some(Redirect::Code {
            code,
            state,
            oa_id: get("oa_id"),
        });
    }
    let reason = get("error_reason")
        .or_else(|| get("error"))
        .unwrap_or_else(|| "no_code".to_owned());
    Some(Redirect::Refused { state, reason })
}

fn split_query(url: &str) -> (&str, &str) {
    match url.find(['?', '#']) {
        Some(i) => (&url[..i], &url[i + 1..]),
        None => (url, ""),
    }
}

/// Scheme, host and port compared without case; the path exactly; one trailing slash aside.
fn same_address(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        let s = s.trim_end_matches('/');
        match s.find("://") {
            Some(i) => {
                let after = &s[i + 3..];
                let host_end = after.find('/').unwrap_or(after.len());
                format!(
                    "{}://{}{}",
                    s[..i].to_ascii_lowercase(),
                    after[..host_end].to_ascii_lowercase(),
                    &after[host_end..]
                )
            }
            None => s.to_owned(),
        }
    };
    !b.is_empty() && norm(a) == norm(b)
}

/// `a=1&b=x%20y#c=2` → pairs, decoded (`+` is a space), query and fragment together.
pub(crate) fn parse_pairs(s: &str) -> Vec<(String, String)> {
    s.split(['&', '#'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let s = s.replace('+', " ");
    percent_encoding::percent_decode_str(&s)
        .decode_utf8_lossy()
        .into_owned()
}

/// A Facebook user token.
#[derive(Clone, PartialEq, Eq)]
pub struct UserToken {
    pub token: String,
    /// Seconds it lives, as Facebook said (`None` when it did not say).
    pub expires_in: Option<u64>,
}

impl std::fmt::Debug for UserToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserToken")
            .field("expires_in", &self.expires_in)
            .finish_non_exhaustive()
    }
}

/// A Page the signed-in person manages, with its Page token.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedPage {
    pub id: String,
    pub name: String,
    pub category: String,
    /// What the person may do there (`CREATE_CONTENT` is needed to publish).
    pub tasks: Vec<String>,
    pub token: String,
}

impl ManagedPage {
    /// Whether Loa may publish there for this person.
    pub fn can_publish(&self) -> bool {
        self.tasks.iter().any(|t| t == FACEBOOK_PUBLISH_TASK)
    }
}

impl std::fmt::Debug for ManagedPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ManagedPage")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("tasks", &self.tasks)
            .finish_non_exhaustive()
    }
}

/// Facebook's token endpoint and page list, on one Graph base (with its version).
#[derive(Debug)]
pub struct FacebookLogin {
    http: Http,
    graph: String,
}

impl FacebookLogin {
    pub fn new(graph_base: &str, timeout: std::time::Duration) -> FacebookLogin {
        FacebookLogin {
            http: Http::new(ChannelKind::Facebook, timeout),
            graph: graph_base.trim_end_matches('/').to_owned(),
        }
    }

    fn get_with_token(&self, url: String, token: &str) -> Result<Value, ChannelError> {
        self.send(Call::get(url).header("Authorization", format!("Bearer {token}")))
    }

    /// A Graph call whose answer is JSON; anything else is classified (none of these acts).
    fn send(&self, call: Call<'_>) -> Result<Value, ChannelError> {
        let reply = self.http.send(call)?;
        if reply.is_success()
            && let Some(v) = reply.json()
        {
            return Ok(v);
        }
        Err(classify::graph(
            reply.status,
            &reply.body,
            &reply.usage,
            false,
        ))
    }

    /// `oauth/access_token` with its fields in a form body: the documentation shows them in
    /// the query string, which Graph also takes from a POST body — and an address is what
    /// proxies, captive portals and server logs keep and echo, so no code, verifier, secret or
    /// token goes in one. Repeating the call changes nothing (a code works once), so it is not
    /// an action that could have half happened.
    fn token_endpoint(&self, fields: &[(&str, &str)]) -> Result<Value, ChannelError> {
        let url = format!("{}/oauth/access_token", self.graph);
        self.send(Call::post(url, Payload::form(fields)).read_only())
    }

    /// The code from the dialog, proven with the PKCE verifier: a short-lived user token.
    pub fn exchange_code(
        &self,
        app_id: &str,
        redirect_uri: &str,
        code: &str,
        verifier: &str,
    ) -> Result<UserToken, ChannelError> {
        let v = self.token_endpoint(&[
            ("client_id", app_id),
            ("redirect_uri", redirect_uri),
            ("code", code),
            ("code_verifier", verifier),
        ])?;
        user_token(&v)
    }

    /// A long-lived user token for a short-lived one (needs the app's secret: only for a
    /// province that runs its own app and keeps its secret in the keyring).
    pub fn long_lived(
        &self,
        app_id: &str,
        app_secret: &str,
        short: &UserToken,
    ) -> Result<UserToken, ChannelError> {
        let v = self.token_endpoint(&[
            ("grant_type", "fb_exchange_token"),
            ("client_id", app_id),
            ("client_secret", app_secret),
            ("fb_exchange_token", &short.token),
        ])?;
        user_token(&v)
    }

    /// The Pages the person manages (`/me/accounts`), every page of the list.
    pub fn pages(&self, user: &UserToken) -> Result<Vec<ManagedPage>, ChannelError> {
        let mut out = Vec::new();
        // The user token goes in the Authorization header, never in the address; the paging
        // links Graph returns carry it in theirs, so it is taken out before following one.
        let mut url = format!(
            "{}/me/accounts?fields=id,name,category,tasks,access_token&limit=25",
            self.graph
        );
        for _ in 0..MAX_ACCOUNT_PAGES {
            let v = self.get_with_token(without_token(&url), &user.token)?;
            for p in v
                .get("data")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let text = |k: &str| p.get(k).and_then(Value::as_str).map(str::to_owned);
                let (Some(id), Some(token)) = (text("id"), text("access_token")) else {
                    continue;
                };
                out.push(ManagedPage {
                    name: text("name").unwrap_or_else(|| id.clone()),
                    id,
                    category: text("category").unwrap_or_default(),
                    tasks: p
                        .get("tasks")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect(),
                    token,
                });
            }
            match v.pointer("/paging/next").and_then(Value::as_str) {
                Some(next) if !next.is_empty() => url = next.to_owned(),
                _ => break,
            }
        }
        Ok(out)
    }
}

/// `url` without its `access_token` query parameter (Graph's paging links carry one).
fn without_token(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("access_token="))
        .collect();
    if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", kept.join("&"))
    }
}

fn user_token(v: &Value) -> Result<UserToken, ChannelError> {
    let token = v
        .get("access_token")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ChannelError {
            class: ErrorClass::Invalid,
            kind: ChannelKind::Facebook,
            code: "no-token".into(),
            message: "the token answer carried no access_token".into(),
        })?;
    Ok(UserToken {
        token: token.to_owned(),
        expires_in: v.get("expires_in").and_then(lenient_u64),
    })
}

fn lenient_u64(v: &Value) -> Option<u64> {
    v.as_u64()
        .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
}

/// The tokens of a Zalo OA after the officer allowed Loa on the permission page.
#[derive(Clone, PartialEq, Eq)]
pub struct ZaloTokens {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: Option<u64>,
}

impl std::fmt::Debug for ZaloTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ZaloTokens")
            .field("expires_in", &self.expires_in)
            .finish_non_exhaustive()
    }
}

/// Exchanges the permission page's code (`POST {oauth}/v4/oa/access_token`, header
/// `secret_key`, PKCE `code_verifier`).
pub fn zalo_exchange_code(
    oauth_base: &str,
    app_id: &str,
    secret_key: &str,
    code: &str,
    verifier: &str,
    timeout: std::time::Duration,
) -> Result<ZaloTokens, ChannelError> {
    let http = Http::new(ChannelKind::Zalo, timeout);
    let call = Call::post(
        format!("{}/v4/oa/access_token", oauth_base.trim_end_matches('/')),
        Payload::form(&[
            ("code", code),
            ("app_id", app_id),
            ("grant_type", "authorization_code"),
            ("code_verifier", verifier),
        ]),
    )
    .header("secret_key", secret_key);
    let reply = http.send(call)?;
    let v = reply.json().unwrap_or(Value::Null);
    let text = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    match (text("access_token"), text("refresh_token")) {
        (Some(access_token), Some(refresh_token)) if reply.is_success() => Ok(ZaloTokens {
            access_token,
            refresh_token,
            expires_in: v.get("expires_in").and_then(lenient_u64),
        }),
        // The same answers as a refresh: an error body means the code (or the app's key) is
        // not accepted; the officer starts again.
        _ => Err(classify::zalo_refresh(
            reply.status,
            &reply.body,
            &reply.usage,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_follows_rfc_7636_appendix_b() {
        let p = Pkce::from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".into());
        assert_eq!(p.challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        let fresh = Pkce::generate(ChannelKind::Facebook).expect("random");
        assert_eq!(fresh.verifier.len(), 43);
        assert_ne!(fresh, Pkce::generate(ChannelKind::Zalo).expect("random"));
        assert!(!format!("{fresh:?}").contains(&fresh.verifier));
    }

    #[test]
    fn only_the_redirect_address_is_read() {
        let r = "https://www.facebook.com/connect/login_success.html";
        assert_eq!(
            read_redirect(&format!("{r}?code=AQ%2Bx&state=s1#_=_"), r),
            Some(Redirect::Code {
                code: "AQ+x".into(),
                state: "s1".into(),
                oa_id: None
            })
        );
        assert_eq!(
            read_redirect(
                "https://WWW.facebook.com/connect/login_success.html?error=access_denied&error_reason=user_denied&state=s1",
                r
            ),
            Some(Redirect::Refused {
                state: "s1".into(),
                reason: "user_denied".into()
            })
        );
        assert_eq!(
            read_redirect("https://www.facebook.com/v21.0/dialog/oauth?code=x", r),
            None
        );
        assert_eq!(
            read_redirect(
                "https://www.facebook.com.evil.example/connect/login_success.html?code=x",
                r
            ),
            None
        );
        let z = "https://xa.gov.vn/zalo-callback";
        assert_eq!(
            read_redirect(&format!("{z}?oa_id=77&code=c&state=s"), z),
            Some(Redirect::Code {
                code: "c".into(),
                state: "s".into(),
                oa_id: Some("77".into())
            })
        );
    }

    #[test]
    fn a_page_without_the_create_content_task_cannot_be_published_to() {
        let page = |tasks: &[&str]| ManagedPage {
            id: "1".into(),
            name: "P".into(),
            category: String::new(),
            tasks: tasks.iter().map(|t| (*t).to_owned()).collect(),
            token: "secret".into(),
        };
        assert!(page(&["ANALYZE", "CREATE_CONTENT"]).can_publish());
        assert!(!page(&["ANALYZE"]).can_publish());
        assert!(!format!("{:?}", page(&[])).contains("secret"));
    }
}
