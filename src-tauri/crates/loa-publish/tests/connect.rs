//! Connecting by signing in, against the emulators: the window's part (opening the platform's
//! page and pressing its button) is done here with plain HTTP; everything else is the code the
//! app runs — the flow, the exchange, the Page list, the channel saved with its token in the
//! credential store, and a post published with it.

use loa_core::{ChannelKind, ConnectFailure, FacebookApp, LoaError, Store};
use loa_emulators::client::Call;
use loa_emulators::{GraphEmulator, GraphOptions, ZaloEmulator, ZaloOptions};
use loa_publish::{CredentialStore, Logins, MemoryStore, ZaloConnect};

/// Opens `url` and presses the form button posting to `action`: where the platform sends the
/// window next.
fn press(url: &str, action: &str) -> String {
    let page = Call::get(url).send().expect("the page answers");
    let session = page.input_value("session").expect("a sign-in session");
    let origin = &url[..url[8..].find('/').map_or(url.len(), |i| i + 8)];
    let reply = Call::post(&format!("{origin}{action}"))
        .form(&[("session", &session)])
        .send()
        .expect("answer");
    reply.header("location").expect("a redirect").to_owned()
}

fn reason(e: LoaError) -> ConnectFailure {
    match e {
        LoaError::Connect { reason, .. } => reason,
        other => panic!("not a connect error: {other:?}"),
    }
}

fn setup(fb: &GraphEmulator) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(dir.path()).expect("store");
    store
        .publishing()
        .set_facebook_app(&FacebookApp {
            app_id: fb.app_id(),
            login_url: fb.www_url(),
        })
        .expect("app saved");
    (dir, store)
}

#[test]
fn signing_in_connects_the_page_the_officer_picks() {
    let fb = GraphEmulator::start(GraphOptions::default()).expect("emulator");
    let (_dir, store) = setup(&fb);
    let creds = MemoryStore::default();
    creds
        .set_app_secret("facebook", Some(&fb.app_secret()))
        .expect("the province's secret");
    let logins = Logins::default();

    let window = logins.start_facebook(&store).expect("started");
    assert!(
        window.url.contains("code_challenge="),
        "PKCE: {}",
        window.url
    );
    assert!(!window.url.contains(&fb.app_secret()));
    let back = press(&window.url, "/dialog/oauth/confirm");
    assert!(back.starts_with(&window.redirect_uri), "{back}");

    let pages = logins
        .finish_facebook(&store, &creds, &window.flow, &back)
        .expect("pages listed");
    assert_eq!(pages.len(), 2);
    let main = pages
        .iter()
        .find(|p| p.id == fb.page_id())
        .expect("main page");
    assert!(main.can_publish && main.channel.is_none());
    let other = pages.iter().find(|p| p.id != fb.page_id()).expect("other");
    assert!(!other.can_publish);

    // The Page the officer may only analyse is refused, by name.
    match logins.connect_page(&store, &creds, &window.flow, &other.id, "") {
        Err(LoaError::Connect {
            reason: ConnectFailure::CannotPublish,
            page: Some(name),
            ..
        }) => assert_eq!(name, other.name),
        other => panic!("expected cannot-publish, got {other:?}"),
    }

    let channel = logins
        .connect_page(&store, &creds, &window.flow, &main.id, "")
        .expect("connected");
    assert_eq!(channel.kind, ChannelKind::Facebook);
    assert_eq!(channel.name, main.name, "named after the Page");
    assert_eq!(channel.page_id, fb.page_id());
    assert_eq!(channel.base_url, format!("{}/v21.0", fb.www_url()));
    let saved = creds.get(channel.id).expect("read").expect("a token");
    assert_eq!(saved.token, fb.token(), "the Page token from /me/accounts");

    // The flow is over: picking again is refused as expired.
    assert_eq!(
        reason(
            logins
                .connect_page(&store, &creds, &window.flow, &main.id, "")
                .expect_err("used")
        ),
        ConnectFailure::Expired
    );

    // A second sign-in renews the same channel instead of adding one.
    let again = logins.start_facebook(&store).expect("started");
    let back = press(&again.url, "/dialog/oauth/confirm");
    let pages = logins
        .finish_facebook(&store, &creds, &again.flow, &back)
        .expect("pages");
    let main = pages.iter().find(|p| p.id == fb.page_id()).expect("main");
    assert_eq!(main.channel.as_deref(), Some(channel.name.as_str()));
    let renewed = logins
        .connect_page(&store, &creds, &again.flow, &main.id, "")
        .expect("renewed");
    assert_eq!(renewed.id, channel.id);
    assert_eq!(store.publishing().channels().expect("list").len(), 1);
}

#[test]
fn a_cancelled_or_foreign_answer_connects_nothing() {
    let fb = GraphEmulator::start(GraphOptions::default()).expect("emulator");
    let (_dir, store) = setup(&fb);
    let creds = MemoryStore::default();
    let logins = Logins::default();

    let w = logins.start_facebook(&store).expect("started");
    let back = press(&w.url, "/dialog/oauth/cancel");
    assert_eq!(
        reason(
            logins
                .finish_facebook(&store, &creds, &w.flow, &back)
                .expect_err("cancelled")
        ),
        ConnectFailure::Cancelled
    );

    let w = logins.start_facebook(&store).expect("started");
    let back = press(&w.url, "/dialog/oauth/confirm").replace("state=", "state=x");
    assert_eq!(
        reason(
            logins
                .finish_facebook(&store, &creds, &w.flow, &back)
                .expect_err("foreign state")
        ),
        ConnectFailure::Mismatch
    );
    assert_eq!(
        reason(
            logins
                .finish_facebook(&store, &creds, "no-such-flow", &back)
                .expect_err("unknown")
        ),
        ConnectFailure::Expired
    );
    assert!(store.publishing().channels().expect("list").is_empty());

    // Without the province's secret the short-lived token still lists the Pages.
    let w = logins.start_facebook(&store).expect("started");
    let back = press(&w.url, "/dialog/oauth/confirm");
    assert_eq!(
        logins
            .finish_facebook(&store, &creds, &w.flow, &back)
            .expect("pages")
            .len(),
        2
    );

    // No app at all: said before any window opens (this build has no Loa app id).
    if loa_platforms::login::loa_facebook_app_id().is_none() {
        store
            .publishing()
            .set_facebook_app(&FacebookApp::default())
            .expect("cleared");
        assert_eq!(
            reason(logins.start_facebook(&store).expect_err("no app")),
            ConnectFailure::NoApp
        );
    }
}

#[test]
fn a_zalo_oa_is_connected_from_the_guided_screen() {
    let za = ZaloEmulator::start(ZaloOptions::default()).expect("emulator");
    let opts = ZaloOptions::default();
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(dir.path()).expect("store");
    let creds = MemoryStore::default();
    let logins = Logins::default();
    let mut input = ZaloConnect {
        name: "Zalo OA xã".into(),
        app_id: opts.app_id.clone(),
        secret_key: String::new(),
        callback_url: za.callback_url(),
        api_url: za.base_url(),
    };
    assert_eq!(
        reason(
            logins
                .start_zalo(&store, &creds, &input)
                .expect_err("no key yet")
        ),
        ConnectFailure::Incomplete
    );
    input.secret_key = opts.secret_key.clone();
    let w = logins.start_zalo(&store, &creds, &input).expect("started");
    assert_eq!(w.redirect_uri, za.callback_url());
    let back = press(&w.url, "/v4/oa/permission/allow");
    let channel = logins
        .finish_zalo(&store, &creds, &w.flow, &back)
        .expect("connected");
    assert_eq!(channel.kind, ChannelKind::Zalo);
    let saved = creds.get(channel.id).expect("read").expect("tokens");
    assert!(saved.refresh_token.is_some());
    assert_eq!(saved.secret_key.as_deref(), Some(opts.secret_key.as_str()));
    // The app is remembered for the next time; the key stays with the channel.
    let app = store.publishing().zalo_app().expect("app");
    assert_eq!(app.app_id, opts.app_id);
    input.secret_key.clear();
    let w = logins
        .start_zalo(&store, &creds, &input)
        .expect("the kept key is used");
    let back = press(&w.url, "/v4/oa/permission/allow");
    let renewed = logins
        .finish_zalo(&store, &creds, &w.flow, &back)
        .expect("renewed");
    assert_eq!(renewed.id, channel.id);
}
