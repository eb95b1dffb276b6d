//! How an officer signs in to connect a Facebook Page or a Zalo Official Account: the addresses,
//! the permissions asked for, and the redirect each platform accepts from a desktop app.
//!
//! Sources:
//! - Facebook, "Manually Build a Login Flow" (facebook-login/guides/advanced/manual-flow): a
//!   desktop app shows the Login dialog `https://www.facebook.com/{version}/dialog/oauth` in a
//!   window of its own, with `redirect_uri=https://www.facebook.com/connect/login_success.html`,
//!   and reads the answer from that page's address; "OIDC Code Flow with PKCE"
//!   (facebook-login/guides/advanced/oidc-token): `code_challenge`/`code_challenge_method=S256`
//!   on the dialog, `code_verifier` instead of the app secret in the exchange, so no app secret
//!   needs to sit in the app.
//! - Facebook, "Get a Page Access Token" and "Long-Lived Access Tokens": `/me/accounts` lists the
//!   Pages a person manages with a Page token and the tasks they may do; a Page token obtained
//!   with a long-lived user token does not expire, one obtained with a short-lived user token
//!   lasts about an hour. The long-lived exchange needs the app secret.
//! - Facebook, Pages API overview: publishing needs the `CREATE_CONTENT` task and the
//!   `pages_manage_posts`, `pages_read_engagement`, `pages_show_list` permissions.
//! - Zalo, "Official Account API > Lấy Access Token" (OAuth v4 with PKCE): the permission page
//!   `https://oauth.zaloapp.com/v4/oa/permission?app_id&redirect_uri&code_challenge&state`, whose
//!   `redirect_uri` must be the app's registered "Official Account Callback Url" on a verified
//!   domain (so no loopback address); the code is exchanged at `/v4/oa/access_token` with the
//!   header `secret_key`.

use crate::ChannelKind;

/// Facebook's site, where the Login dialog lives.
pub const FACEBOOK_WWW: &str = "https://www.facebook.com";
/// The Graph API version of the dialog path (the same as the Graph base URL's).
pub const FACEBOOK_GRAPH_VERSION: &str = "v21.0";
/// What Loa asks for: to list the Pages, read them, publish and read their insights.
pub const FACEBOOK_SCOPES: &str =
    "pages_show_list,pages_read_engagement,pages_manage_posts,read_insights";
/// The Page task that allows publishing.
pub const FACEBOOK_PUBLISH_TASK: &str = "CREATE_CONTENT";
/// Zalo's OAuth host in production (the permission page and the token exchange).
pub const ZALO_OAUTH: &str = "https://oauth.zaloapp.com";

/// Loa's own Facebook app, compiled in by the release build (`LOA_FACEBOOK_APP_ID`). A build
/// without it asks for the app id of the province's own app.
pub fn loa_facebook_app_id() -> Option<&'static str> {
    option_env!("LOA_FACEBOOK_APP_ID")
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The page Facebook sends a desktop app's login window to: `{www}/connect/login_success.html`.
pub fn facebook_login_success(www: &str) -> String {
    format!("{}/connect/login_success.html", www.trim_end_matches('/'))
}

/// The Login dialog's address for these parameters (PKCE with S256).
pub fn facebook_dialog_url(
    www: &str,
    app_id: &str,
    redirect_uri: &str,
    state: &str,
    code_challenge: &str,
) -> String {
    format!(
        "{}/{FACEBOOK_GRAPH_VERSION}/dialog/oauth?client_id={}&redirect_uri={}&state={}&scope={}&response_type=code&code_challenge={}&code_challenge_method=S256",
        www.trim_end_matches('/'),
        encode(app_id),
        encode(redirect_uri),
        encode(state),
        encode(FACEBOOK_SCOPES),
        encode(code_challenge),
    )
}

/// The Graph base (with its version) that goes with a login site: Facebook's own for
/// facebook.com, the same server for a sandbox (the emulator answers both).
pub fn facebook_graph_for(www: &str) -> String {
    let www = www.trim_end_matches('/');
    if www.is_empty() || www == FACEBOOK_WWW {
        ChannelKind::Facebook.default_base_url().to_owned()
    } else {
        format!("{www}/{FACEBOOK_GRAPH_VERSION}")
    }
}

/// The OAuth host that goes with a Zalo API base: Zalo's own in production, the same server
/// for a sandbox.
pub fn zalo_oauth_for(api_base: &str) -> String {
    ChannelKind::zalo_oauth_base(api_base)
}

/// The Zalo permission page's address for these parameters (PKCE, S256).
pub fn zalo_permission_url(
    oauth_base: &str,
    app_id: &str,
    redirect_uri: &str,
    code_challenge: &str,
    state: &str,
) -> String {
    format!(
        "{}/v4/oa/permission?app_id={}&redirect_uri={}&code_challenge={}&state={}",
        oauth_base.trim_end_matches('/'),
        encode(app_id),
        encode(redirect_uri),
        encode(code_challenge),
        encode(state),
    )
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dialog_carries_pkce_and_the_desktop_redirect() {
        let redirect = facebook_login_success("https://www.facebook.com/");
        assert_eq!(
            redirect,
            "https://www.facebook.com/connect/login_success.html"
        );
        let url = facebook_dialog_url(FACEBOOK_WWW, "123", &redirect, "s t", "abc");
        assert!(url.starts_with("https://www.facebook.com/v21.0/dialog/oauth?client_id=123&"));
        assert!(url.contains(
            "redirect_uri=https%3A%2F%2Fwww.facebook.com%2Fconnect%2Flogin_success.html"
        ));
        assert!(url.contains("state=s%20t"));
        assert!(url.contains("code_challenge=abc&code_challenge_method=S256"));
        assert!(url.contains("scope=pages_show_list%2Cpages_read_engagement"));
    }

    #[test]
    fn a_sandbox_site_answers_graph_too() {
        assert_eq!(
            facebook_graph_for(FACEBOOK_WWW),
            "https://graph.facebook.com/v21.0"
        );
        assert_eq!(
            facebook_graph_for("http://127.0.0.1:18781/"),
            "http://127.0.0.1:18781/v21.0"
        );
        assert_eq!(zalo_oauth_for(""), ZALO_OAUTH);
        assert_eq!(
            zalo_oauth_for("http://127.0.0.1:18782"),
            "http://127.0.0.1:18782"
        );
    }

    #[test]
    fn the_zalo_permission_page_takes_the_registered_callback() {
        let url = zalo_permission_url(ZALO_OAUTH, "42", "https://xa.gov.vn/zalo", "ch", "st");
        assert_eq!(
            url,
            "https://oauth.zaloapp.com/v4/oa/permission?app_id=42&redirect_uri=https%3A%2F%2Fxa.gov.vn%2Fzalo&code_challenge=ch&state=st"
        );
    }
}
