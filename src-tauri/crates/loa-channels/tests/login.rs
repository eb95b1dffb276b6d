//! Signing in against the emulators, pressing their buttons the way the login window would:
//! the Facebook dialog with PKCE and the desktop redirect, the code exchange, the long-lived
//! token, the Page list with its tasks, then publishing with the chosen Page's token; Zalo's
//! permission page, the code exchange with PKCE, and the OA answering with the new token.

mod common;

use std::time::Duration;

use loa_channels::login::{self, FacebookLogin, Pkce, Redirect};
use loa_channels::{ChannelConfig, ChannelKind, Credentials, ErrorClass};
use loa_emulators::client::{Call, Reply};
use loa_emulators::{GraphEmulator, GraphOptions, ZaloEmulator, ZaloOptions};
use loa_platforms::login as facts;

const TIMEOUT: Duration = Duration::from_secs(10);

/// Opens a platform page and presses one of its form buttons (`confirm`/`cancel` on Facebook's
/// dialog): the address the platform sends the window to.
fn press(page_url: &str, action: &str) -> String {
    let page = Call::get(page_url).send().expect("the page answers");
    assert_eq!(page.status, 200, "{}", page.text());
    let session = page.input_value("session").expect("a sign-in session");
    let origin = origin(page_url);
    let reply: Reply = Call::post(&format!("{origin}{action}"))
        .form(&[("session", &session)])
        .send()
        .expect("answer");
    assert_eq!(reply.status, 302, "{}", reply.text());
    reply.header("location").expect("a redirect").to_owned()
}

fn origin(url: &str) -> String {
    let after = url.find("://").expect("absolute") + 3;
    let end = url[after..].find('/').map_or(url.len(), |i| after + i);
    url[..end].to_owned()
}

#[test]
fn a_page_is_connected_by_signing_in_and_takes_a_post() {
    let fb = GraphEmulator::start(GraphOptions::default()).expect("emulator");
    let www = fb.www_url();
    let redirect = facts::facebook_login_success(&www);
    let pkce = Pkce::generate(ChannelKind::Facebook).expect("random");
    let state = login::random_token(ChannelKind::Facebook).expect("random");
    let dialog = facts::facebook_dialog_url(&www, &fb.app_id(), &redirect, &state, &pkce.challenge);

    let back = press(&dialog, "/dialog/oauth/confirm");
    let Some(Redirect::Code {
        code, state: got, ..
    }) = login::read_redirect(&back, &redirect)
    else {
        panic!("no code in {back}");
    };
    assert_eq!(got, state);

    let api = FacebookLogin::new(&facts::facebook_graph_for(&www), TIMEOUT);
    // No secret: the verifier proves the code is ours.
    let short = api
        .exchange_code(&fb.app_id(), &redirect, &code, &pkce.verifier)
        .expect("exchanged with PKCE");
    assert_eq!(short.expires_in, Some(5400));
    // The same code twice is refused.
    let again = api
        .exchange_code(&fb.app_id(), &redirect, &code, &pkce.verifier)
        .expect_err("a code works once");
    assert_eq!(again.class, ErrorClass::Invalid);

    let long = api
        .long_lived(&fb.app_id(), &fb.app_secret(), &short)
        .expect("long-lived with the app's secret");
    assert_eq!(long.expires_in, Some(5_183_944));
    let pages = api.pages(&long).expect("the managed pages");
    assert_eq!(pages.len(), 2);
    // No code, verifier, secret or token travelled in an address (proxies and portals log
    // and echo addresses): they went in form bodies and the Authorization header.
    let addresses: Vec<String> = fb
        .server()
        .request_log()
        .into_iter()
        .map(|r| r.target)
        .collect();
    assert!(
        addresses.iter().any(|a| a.contains("accounts")),
        "{addresses:?}"
    );
    for secret in [
        code.as_str(),
        pkce.verifier.as_str(),
        fb.app_secret().as_str(),
        short.token.as_str(),
        long.token.as_str(),
    ] {
        assert!(
            addresses.iter().all(|a| !a.contains(secret)),
            "{secret} in {addresses:?}"
        );
    }
    let main = pages
        .iter()
        .find(|p| p.id == fb.page_id())
        .expect("the page");
    assert!(main.can_publish());
    let other = pages
        .iter()
        .find(|p| p.id != fb.page_id())
        .expect("the other");
    assert!(!other.can_publish(), "ANALYZE only");

    // The chosen Page's token publishes.
    let mut page = loa_channels::open(
        ChannelConfig {
            kind: ChannelKind::Facebook,
            name: main.name.clone(),
            base_url: facts::facebook_graph_for(&www),
            page_id: main.id.clone(),
            user: String::new(),
            folder: None,
            timeout: TIMEOUT,
            image_host: None,
        },
        Credentials {
            token: main.token.clone(),
            ..Credentials::default()
        },
    );
    assert_eq!(page.verify().expect("verified"), main.name);
    let post = loa_channels::PostContent {
        video: None,
        outbox_id: 1,
        title: "Thông báo".into(),
        text: "Lịch tiếp công dân tuần này.".into(),
        photos: Vec::new(),
        scheduled_at: None,
        slug: "thong-bao".into(),
    };
    common::publish(page.as_mut(), &post).expect("published");
    assert_eq!(fb.posts().len(), 1);
}

#[test]
fn a_cancelled_sign_in_and_a_wrong_verifier_are_refusals() {
    let fb = GraphEmulator::start(GraphOptions::default()).expect("emulator");
    let www = fb.www_url();
    let redirect = facts::facebook_login_success(&www);
    let pkce = Pkce::generate(ChannelKind::Facebook).expect("random");
    let dialog = facts::facebook_dialog_url(&www, &fb.app_id(), &redirect, "s", &pkce.challenge);
    let back = press(&dialog, "/dialog/oauth/cancel");
    assert_eq!(
        login::read_redirect(&back, &redirect),
        Some(Redirect::Refused {
            state: "s".into(),
            reason: "user_denied".into()
        })
    );

    let back = press(&dialog, "/dialog/oauth/confirm");
    let Some(Redirect::Code { code, .. }) = login::read_redirect(&back, &redirect) else {
        panic!("no code");
    };
    let api = FacebookLogin::new(&facts::facebook_graph_for(&www), TIMEOUT);
    let wrong = api
        .exchange_code(
            &fb.app_id(),
            &redirect,
            &code,
            "not-the-verifier-at-all-0123456789abcdef",
        )
        .expect_err("the verifier must match");
    assert_eq!(wrong.class, ErrorClass::Invalid);
    assert_eq!(wrong.code, "100");

    // Nothing listens: offline, the officer's link.
    let gone = FacebookLogin::new("http://127.0.0.1:9/v21.0", Duration::from_secs(2));
    let e = gone
        .exchange_code("1", &redirect, "c", "v")
        .expect_err("nobody answers");
    assert_eq!(e.class, ErrorClass::Offline);
}

#[test]
fn a_zalo_oa_is_connected_through_its_permission_page() {
    let za = ZaloEmulator::start(ZaloOptions::default()).expect("emulator");
    let opts = ZaloOptions::default();
    let callback = za.callback_url();
    let oauth = facts::zalo_oauth_for(&za.base_url());
    let pkce = Pkce::generate(ChannelKind::Zalo).expect("random");
    let page = facts::zalo_permission_url(&oauth, &opts.app_id, &callback, &pkce.challenge, "z1");
    let back = press(&page, "/v4/oa/permission/allow");
    let Some(Redirect::Code { code, state, oa_id }) = login::read_redirect(&back, &callback) else {
        panic!("no code in {back}");
    };
    assert_eq!(state, "z1");
    assert!(oa_id.is_some());

    let wrong_key = login::zalo_exchange_code(
        &oauth,
        &opts.app_id,
        "not-the-key",
        &code,
        &pkce.verifier,
        TIMEOUT,
    )
    .expect_err("the secret key is checked");
    assert_eq!(wrong_key.class, ErrorClass::Auth);

    let tokens = login::zalo_exchange_code(
        &oauth,
        &opts.app_id,
        &opts.secret_key,
        &code,
        &pkce.verifier,
        TIMEOUT,
    )
    .expect("exchanged");
    let mut oa = loa_channels::open(
        ChannelConfig {
            kind: ChannelKind::Zalo,
            name: "Zalo xã".into(),
            base_url: za.base_url(),
            page_id: String::new(),
            user: String::new(),
            folder: None,
            timeout: TIMEOUT,
            image_host: None,
        },
        Credentials {
            token: tokens.access_token,
            refresh_token: Some(tokens.refresh_token),
            app_id: Some(opts.app_id.clone()),
            secret_key: Some(opts.secret_key.clone()),
        },
    );
    oa.verify().expect("the OA answers with the new token");
}
