//! Graph emulator: Facebook Login's manual flow end to end, its errors, `/me/accounts`.

use loa_emulators::client::{Call, Reply};
use loa_emulators::common::pkce_s256;
use loa_emulators::form::percent_encode;
use loa_emulators::{GraphEmulator, GraphOptions};

const REDIRECT: &str = "http://127.0.0.1:45678/callback";

fn start() -> GraphEmulator {
    GraphEmulator::start(GraphOptions::default()).expect("emulator starts")
}

fn get(url: &str) -> Reply {
    Call::get(url).send().expect("answer")
}

/// Opens the dialog and presses a button ("confirm" or "cancel"); returns the redirect.
fn press(fb: &GraphEmulator, dialog_url: &str, button: &str) -> Reply {
    let page = get(dialog_url);
    assert_eq!(page.status, 200);
    let session = page.input_value("session").expect("a sign-in session");
    Call::post(&format!("{}/dialog/oauth/{button}", fb.www_url()))
        .form(&[("session", &session)])
        .send()
        .expect("answer")
}

fn exchange(fb: &GraphEmulator, code: &str, redirect: &str, secret: &str) -> Reply {
    get(&format!(
        "{}/oauth/access_token?client_id={}&redirect_uri={}&client_secret={}&code={}",
        fb.base_url(),
        fb.app_id(),
        percent_encode(redirect),
        percent_encode(secret),
        percent_encode(code)
    ))
}

fn error_of(r: &Reply) -> (u16, Option<i64>, Option<i64>, String) {
    let e = &r.json()["error"];
    (
        r.status,
        e["code"].as_i64(),
        e["error_subcode"].as_i64(),
        e["message"].as_str().unwrap_or("").to_string(),
    )
}

#[test]
fn sign_in_exchange_extend_list_pages_and_publish_with_the_page_token() {
    let fb = start();
    let page = get(&fb.dialog_url(REDIRECT, "st-1"));
    let html = page.text();
    assert!(html.contains("<meta charset=\"utf-8\">"), "{html}");
    assert!(html.contains("Nguyễn Văn An"), "the fake account is shown");
    assert!(html.contains("id=\"continue\""), "a Continue button");

    let back = press(&fb, &fb.dialog_url(REDIRECT, "st-1"), "confirm");
    assert_eq!(back.status, 302);
    assert!(
        back.header("location")
            .is_some_and(|l| l.starts_with(REDIRECT))
    );
    assert_eq!(back.location_param("state").as_deref(), Some("st-1"));
    let code = back.location_param("code").expect("a code");

    let short = exchange(&fb, &code, REDIRECT, &fb.app_secret());
    assert_eq!(short.status, 200, "{:?}", short.json());
    assert_eq!(short.json()["token_type"], "bearer");
    assert_eq!(short.json()["expires_in"], 5400);
    let short_token = short.json()["access_token"]
        .as_str()
        .expect("token")
        .to_string();

    let long = get(&format!(
        "{}/oauth/access_token?grant_type=fb_exchange_token&client_id={}&client_secret={}&fb_exchange_token={}",
        fb.base_url(),
        fb.app_id(),
        fb.app_secret(),
        short_token
    ));
    assert_eq!(long.json()["expires_in"], 5_183_944);
    let user_token = long.json()["access_token"]
        .as_str()
        .expect("long-lived token")
        .to_string();
    assert_ne!(user_token, short_token);

    let me = get(&format!("{}/me?access_token={user_token}", fb.base_url()));
    assert_eq!(me.json()["name"], "Nguyễn Văn An");

    let accounts = get(&format!(
        "{}/me/accounts?fields=id,name,access_token,tasks&access_token={user_token}",
        fb.base_url()
    ));
    let data = accounts.json()["data"].as_array().cloned().expect("data");
    assert_eq!(data.len(), 2);
    assert_eq!(data[0]["id"], "1001");
    assert_eq!(data[0]["access_token"], fb.token().as_str());
    let tasks: Vec<&str> = data[0]["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    assert!(tasks.contains(&"CREATE_CONTENT") && tasks.contains(&"MANAGE"));
    assert_eq!(data[1]["tasks"], serde_json::json!(["ANALYZE"]));

    // The Page token from the flow publishes; the user token does not.
    let page_token = data[0]["access_token"].as_str().expect("page token");
    let post = Call::post(&format!("{}/1001/feed", fb.base_url()))
        .form(&[("access_token", page_token), ("message", "Xin chào bà con")])
        .send()
        .expect("answer");
    assert_eq!(post.status, 200, "{:?}", post.json());
    let as_user = Call::post(&format!("{}/1001/feed", fb.base_url()))
        .form(&[("access_token", &user_token), ("message", "không được")])
        .send()
        .expect("answer");
    assert_eq!(error_of(&as_user).1, Some(200));
    assert_eq!(fb.posts().len(), 1);

    let debug = get(&format!(
        "{}/debug_token?input_token={user_token}&access_token={}|{}",
        fb.base_url(),
        fb.app_id(),
        fb.app_secret()
    ));
    assert_eq!(debug.json()["data"]["type"], "USER");
    assert_eq!(debug.json()["data"]["is_valid"], true);
    let bad = get(&format!(
        "{}/debug_token?input_token=nope&access_token={}|{}",
        fb.base_url(),
        fb.app_id(),
        fb.app_secret()
    ));
    assert_eq!(bad.json()["data"]["is_valid"], false);
}

#[test]
fn cancelling_redirects_with_the_documented_error() {
    let fb = start();
    let back = press(&fb, &fb.dialog_url(REDIRECT, "st-2"), "cancel");
    assert_eq!(back.status, 302);
    assert_eq!(
        back.location_param("error_reason").as_deref(),
        Some("user_denied")
    );
    assert_eq!(
        back.location_param("error").as_deref(),
        Some("access_denied")
    );
    assert_eq!(
        back.location_param("error_description").as_deref(),
        Some("Permissions error.")
    );
    assert_eq!(back.location_param("state").as_deref(), Some("st-2"));
    assert!(back.location_param("code").is_none());
}

#[test]
fn the_dialog_refuses_a_wrong_app_an_unregistered_redirect_and_a_missing_state() {
    let fb = start();
    let www = fb.www_url();
    let wrong_app = get(&format!(
        "{www}/v21.0/dialog/oauth?client_id=999&redirect_uri={}&state=s",
        percent_encode(REDIRECT)
    ));
    assert!(wrong_app.text().contains("Invalid App ID"));
    assert!(wrong_app.input_value("session").is_none());
    let elsewhere = get(&fb.dialog_url("https://evil.example/cb", "s"));
    assert!(elsewhere.text().contains("URL Blocked"));
    let no_state = get(&format!(
        "{www}/v21.0/dialog/oauth?client_id={}&redirect_uri={}",
        fb.app_id(),
        percent_encode(REDIRECT)
    ));
    assert!(no_state.input_value("session").is_none());
    // Facebook's own page for desktop apps is always valid.
    let desktop = get(&fb.dialog_url(&fb.login_success_url(), "s"));
    assert!(desktop.input_value("session").is_some());
    assert!(get(&fb.login_success_url()).text().contains("Success"));

    // A live app (not in development mode) needs loopback redirects registered.
    let live = GraphEmulator::start(GraphOptions {
        development_mode: false,
        ..Default::default()
    })
    .expect("emulator starts");
    assert!(
        get(&live.dialog_url(REDIRECT, "s"))
            .text()
            .contains("URL Blocked")
    );
    let registered = GraphEmulator::start(GraphOptions {
        development_mode: false,
        redirect_uris: vec![REDIRECT.into()],
        ..Default::default()
    })
    .expect("emulator starts");
    assert!(
        get(&registered.dialog_url(REDIRECT, "s"))
            .input_value("session")
            .is_some()
    );
}

#[test]
fn the_code_exchange_checks_app_secret_redirect_and_single_use() {
    let fb = start();
    let code = press(&fb, &fb.dialog_url(REDIRECT, "s"), "confirm")
        .location_param("code")
        .expect("code");
    let wrong_secret = exchange(&fb, &code, REDIRECT, "nope");
    assert_eq!(error_of(&wrong_secret).1, Some(1));
    let other_redirect = exchange(&fb, &code, "http://127.0.0.1:45678/other", &fb.app_secret());
    let (status, c, sub, msg) = error_of(&other_redirect);
    assert_eq!((status, c, sub), (400, Some(100), Some(36008)));
    assert!(msg.contains("redirect_uri is identical"), "{msg}");
    let wrong_app = get(&format!(
        "{}/oauth/access_token?client_id=1&redirect_uri={}&client_secret=x&code={code}",
        fb.base_url(),
        percent_encode(REDIRECT)
    ));
    assert_eq!(error_of(&wrong_app).1, Some(101));
    // The failures above did not use the code up.
    assert_eq!(exchange(&fb, &code, REDIRECT, &fb.app_secret()).status, 200);
    let again = exchange(&fb, &code, REDIRECT, &fb.app_secret());
    assert_eq!(
        error_of(&again),
        (
            400,
            Some(100),
            Some(36009),
            "This authorization code has been used.".to_string()
        )
    );
    let made_up = exchange(&fb, "AQnothing", REDIRECT, &fb.app_secret());
    assert_eq!(error_of(&made_up).1, Some(100));
}

#[test]
fn pkce_lets_a_desktop_app_exchange_without_the_secret() {
    let fb = start();
    let verifier = "a-verifier-of-at-least-forty-three-characters-0123456789";
    let url = format!(
        "{}&code_challenge={}&code_challenge_method=S256",
        fb.dialog_url(REDIRECT, "s"),
        pkce_s256(verifier)
    );
    let code = press(&fb, &url, "confirm")
        .location_param("code")
        .expect("code");
    let with = |v: &str| {
        get(&format!(
            "{}/oauth/access_token?client_id={}&redirect_uri={}&code_verifier={v}&code={code}",
            fb.base_url(),
            fb.app_id(),
            percent_encode(REDIRECT)
        ))
    };
    let wrong = with("another-verifier-that-does-not-match-the-challenge-xx");
    assert_eq!(error_of(&wrong).1, Some(100));
    let ok = with(verifier);
    assert_eq!(ok.status, 200, "{:?}", ok.json());
    assert!(ok.json()["access_token"].as_str().is_some());
}

#[test]
fn accounts_page_by_cursor_and_refuse_a_page_token() {
    let fb = start();
    let code = press(&fb, &fb.dialog_url(REDIRECT, "s"), "confirm")
        .location_param("code")
        .expect("code");
    let token = exchange(&fb, &code, REDIRECT, &fb.app_secret()).json()["access_token"]
        .as_str()
        .expect("token")
        .to_string();
    let first = get(&format!(
        "{}/me/accounts?limit=1&access_token={token}",
        fb.base_url()
    ));
    assert_eq!(first.json()["data"].as_array().map(Vec::len), Some(1));
    let next = first.json()["paging"]["next"]
        .as_str()
        .expect("a next page")
        .to_string();
    let second = get(&format!("{}{next}", fb.www_url()));
    assert_eq!(second.json()["data"][0]["id"], "1002");
    assert!(second.json()["paging"].get("next").is_none());
    let with_page_token = get(&format!(
        "{}/me/accounts?access_token={}",
        fb.base_url(),
        fb.token()
    ));
    assert_eq!(error_of(&with_page_token).1, Some(100));
}
