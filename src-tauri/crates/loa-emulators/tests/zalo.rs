//! Zalo emulator: body errors with HTTP 200, one-time refresh tokens, uploads, articles, faults.

use loa_emulators::client::{Call, Reply};
use loa_emulators::{EndpointMatch, Fault, Faults, ZaloEmulator, ZaloOptions, sha256};
use serde_json::json;

const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0 tiny jpeg";

fn start() -> ZaloEmulator {
    ZaloEmulator::start(ZaloOptions::default()).expect("emulator starts")
}

fn call(z: &ZaloEmulator, c: Call) -> Reply {
    c.header("access_token", &z.access_token())
        .send()
        .expect("answer")
}

fn article(title: &str, description: &str, cover: &str) -> serde_json::Value {
    json!({
        "type": "normal", "title": title, "author": "UBND xã", "description": description,
        "cover": { "cover_type": "photo", "photo_url": cover, "status": "show" },
        "body": [ { "type": "text", "content": "<p>Nội dung</p>" }, { "type": "image", "url": cover } ],
        "status": "show", "comment": "show"
    })
}

#[test]
fn getoa_needs_the_access_token_header() {
    let z = start();
    let r = call(&z, Call::get(&format!("{}/v2.0/oa/getoa", z.base_url())));
    assert_eq!((r.status, r.json()["error"].as_i64()), (200, Some(0)));
    assert_eq!(r.json()["data"]["oa_id"], "2001");
    let no = Call::get(&format!("{}/v2.0/oa/getoa", z.base_url()))
        .send()
        .expect("answer");
    assert_eq!((no.status, no.json()["error"].as_i64()), (200, Some(-216)));
}

#[test]
fn upload_image_checks_type_and_size_and_serves_the_bytes() {
    let z = start();
    let url = format!("{}/v2.0/oa/upload/image", z.base_url());
    let r = call(
        &z,
        Call::post(&url).multipart(&[], &[("file", "a.jpg", JPEG)]),
    );
    assert_eq!(r.json()["error"], 0);
    let img_url = r.json()["data"]["url"].as_str().expect("url").to_string();
    assert!(r.json()["data"]["attachment_id"].as_str().is_some());
    let got = Call::get(&img_url).send().expect("image");
    assert_eq!(got.body, JPEG);
    assert_eq!(z.image_hash_by_url(&img_url), Some(sha256(JPEG)));
    let gif = call(
        &z,
        Call::post(&url).multipart(&[], &[("file", "a.gif", b"GIF89a...")]),
    );
    assert_eq!(gif.json()["error"], -201);
    let mut big = JPEG.to_vec();
    big.resize(1024 * 1024 + 1, 0);
    let big = call(
        &z,
        Call::post(&url).multipart(&[], &[("file", "big.jpg", &big)]),
    );
    assert_eq!(big.json()["error"], -210);
}

#[test]
fn article_create_verify_processing_then_id_and_getslice() {
    let z = start();
    let r = call(
        &z,
        Call::post(&format!("{}/v2.0/article/create", z.base_url())).json(&article(
            "Lịch tiêm chủng",
            "Tuần này",
            "http://x/1.jpg",
        )),
    );
    assert_eq!(r.json()["error"], 0, "{:?}", r.json());
    let token = r.json()["data"]["token"]
        .as_str()
        .expect("token")
        .to_string();
    // Already there (created at create time), not yet verified.
    assert_eq!(z.articles().len(), 1);
    let verify = || {
        call(
            &z,
            Call::post(&format!("{}/v2.0/article/verify", z.base_url()))
                .json(&json!({ "token": token })),
        )
    };
    assert_eq!(verify().json()["error"], -214);
    assert_eq!(verify().json()["error"], -214);
    let ok = verify();
    assert_eq!(ok.json()["error"], 0);
    let id = ok.json()["data"]["id"].as_str().expect("id").to_string();
    assert_eq!(
        verify().json()["data"]["id"],
        id.as_str(),
        "verify is repeatable"
    );
    let slice = call(
        &z,
        Call::get(&format!(
            "{}/v2.0/article/getslice?offset=0&limit=10&type=normal",
            z.base_url()
        )),
    );
    assert_eq!(slice.json()["data"]["total"], 1);
    assert_eq!(slice.json()["data"]["medias"][0]["id"], id.as_str());
    assert_eq!(
        slice.json()["data"]["medias"][0]["title"],
        "Lịch tiêm chủng"
    );
    let detail = call(
        &z,
        Call::get(&format!("{}/v2.0/article/getdetail?id={id}", z.base_url())),
    );
    assert_eq!(detail.json()["data"]["description"], "Tuần này");
    assert_eq!(
        z.articles()[0].body_image_urls(),
        vec!["http://x/1.jpg".to_string()]
    );
}

#[test]
fn article_limits_are_enforced_in_characters() {
    let z = start();
    let url = format!("{}/v2.0/article/create", z.base_url());
    // 150 Vietnamese characters are fine even though they are more than 150 bytes.
    let ok = call(
        &z,
        Call::post(&url).json(&article(&"ư".repeat(150), "mô tả", "http://x/c.jpg")),
    );
    assert_eq!(ok.json()["error"], 0);
    let long_title = call(
        &z,
        Call::post(&url).json(&article(&"ư".repeat(151), "mô tả", "http://x/c.jpg")),
    );
    assert_eq!(long_title.json()["error"], -201);
    assert!(
        long_title.json()["message"]
            .as_str()
            .is_some_and(|m| m.contains("title"))
    );
    let long_desc = call(
        &z,
        Call::post(&url).json(&article("t", &"a".repeat(301), "http://x/c.jpg")),
    );
    assert_eq!(long_desc.json()["error"], -201);
    let no_cover = call(&z, Call::post(&url).json(&article("t", "d", "")));
    assert_eq!(no_cover.json()["error"], -201);
    assert_eq!(z.articles().len(), 1);
}

#[test]
fn refresh_token_works_once_and_rotates() {
    let z = start();
    let old_refresh = z.refresh_token();
    let refresh = |rt: &str, secret: &str| {
        Call::post(&format!("{}/v4/oa/access_token", z.base_url()))
            .header("secret_key", secret)
            .form(&[
                ("refresh_token", rt),
                ("app_id", "3001"),
                ("grant_type", "refresh_token"),
            ])
            .send()
            .expect("answer")
    };
    assert_eq!(refresh(&old_refresh, "wrong").json()["error"], -14012);
    let r = refresh(&old_refresh, "zalo-sandbox-secret");
    let new_access = r.json()["access_token"]
        .as_str()
        .expect("access")
        .to_string();
    let new_refresh = r.json()["refresh_token"]
        .as_str()
        .expect("refresh")
        .to_string();
    assert_eq!(r.json()["expires_in"], "90000");
    assert_ne!(new_refresh, old_refresh);
    let again = refresh(&old_refresh, "zalo-sandbox-secret");
    assert_eq!(again.json()["error"], -14014);
    assert_eq!(z.refresh_count(), 1);
    let with_new = Call::get(&format!("{}/v2.0/oa/getoa", z.base_url()))
        .header("access_token", &new_access)
        .send()
        .expect("answer");
    assert_eq!(with_new.json()["error"], 0);
    assert_eq!(
        refresh(&new_refresh, "zalo-sandbox-secret").json()["error"].as_i64(),
        None,
        "the new refresh token works"
    );
}

#[test]
fn expired_token_fault_expires_until_refresh() {
    let z = start();
    let old = z.access_token();
    z.set_faults(Faults::script(vec![(
        EndpointMatch::post("/article/create"),
        Fault::ExpiredToken,
    )]));
    let url = format!("{}/v2.0/article/create", z.base_url());
    let r = call(
        &z,
        Call::post(&url).json(&article("t", "d", "http://x/c.jpg")),
    );
    assert_eq!(r.json()["error"], -220);
    assert!(z.articles().is_empty());
    let still = Call::get(&format!("{}/v2.0/oa/getoa", z.base_url()))
        .header("access_token", &old)
        .send()
        .expect("answer");
    assert_eq!(still.json()["error"], -220, "the token stays expired");
    let rt = z.refresh_token();
    let r = Call::post(&format!("{}/v4/oa/access_token", z.base_url()))
        .header("secret_key", "zalo-sandbox-secret")
        .form(&[
            ("refresh_token", &rt),
            ("app_id", "3001"),
            ("grant_type", "refresh_token"),
        ])
        .send()
        .expect("answer");
    let fresh = r.json()["access_token"]
        .as_str()
        .expect("token")
        .to_string();
    let ok = Call::post(&url)
        .header("access_token", &fresh)
        .json(&article("t", "d", "http://x/c.jpg"))
        .send()
        .expect("answer");
    assert_eq!(ok.json()["error"], 0);
}

#[test]
fn throttle_and_500_and_drops() {
    let z = start();
    z.set_faults(Faults::script(vec![
        (
            EndpointMatch::post("/article/create"),
            Fault::Throttle { code: 0 },
        ),
        (
            EndpointMatch::post("/article/create"),
            Fault::Status500AfterHandling,
        ),
        (
            EndpointMatch::post("/article/create"),
            Fault::DropAfterHandling,
        ),
        (
            EndpointMatch::post("/article/create"),
            Fault::DropBeforeHandling,
        ),
    ]));
    let url = format!("{}/v2.0/article/create", z.base_url());
    let send = || {
        Call::post(&url)
            .header("access_token", &z.access_token())
            .json(&article("t", "d", "http://x/c.jpg"))
            .send()
    };
    let t = send().expect("answer");
    assert_eq!((t.status, t.json()["error"].as_i64()), (200, Some(-32)));
    assert_eq!(z.articles().len(), 0);
    assert_eq!(send().expect("answer").status, 500);
    assert_eq!(z.articles().len(), 1);
    assert!(send().is_err());
    assert_eq!(z.articles().len(), 2);
    assert!(send().is_err());
    assert_eq!(z.articles().len(), 2);
}

#[test]
fn remove_deletes_an_article_and_getoa_names_a_cover() {
    let z = start();
    let r = call(
        &z,
        Call::post(&format!("{}/v2.0/article/create", z.base_url())).json(&article(
            "t",
            "d",
            "http://x/c.jpg",
        )),
    );
    assert_eq!(r.json()["error"], 0);
    let id = z.articles()[0].id.clone();
    let rm = call(
        &z,
        Call::post(&format!("{}/v2.0/article/remove", z.base_url())).json(&json!({ "id": id })),
    );
    assert_eq!(rm.json()["error"], 0);
    assert!(z.articles().is_empty());
    let again = call(
        &z,
        Call::post(&format!("{}/v2.0/article/remove", z.base_url())).json(&json!({ "id": id })),
    );
    assert_eq!(again.json()["error"], -201);
    let oa = call(&z, Call::get(&format!("{}/v2.0/oa/getoa", z.base_url())));
    let cover = oa.json()["data"]["cover"]
        .as_str()
        .expect("cover url")
        .to_string();
    let img = Call::get(&cover).send().expect("cover served");
    assert!(img.body.starts_with(&[0xFF, 0xD8, 0xFF]));
}

fn token_call(z: &ZaloEmulator, fields: &[(&str, &str)]) -> Reply {
    Call::post(&format!("{}/v4/oa/access_token", z.base_url()))
        .header("secret_key", "zalo-sandbox-secret")
        .form(fields)
        .send()
        .expect("answer")
}

/// Opens the permission page and presses "Cho phép"; returns the redirect.
fn allow(z: &ZaloEmulator, url: &str) -> Reply {
    let page = Call::get(url).send().expect("page");
    assert!(page.text().contains("<meta charset=\"utf-8\">"));
    let session = page.input_value("session").expect("a permission session");
    Call::post(&format!("{}/v4/oa/permission/allow", z.base_url()))
        .form(&[("session", &session)])
        .send()
        .expect("answer")
}

#[test]
fn oauth_v4_with_pkce_gives_a_working_pair() {
    let z = start();
    let verifier = "zalo-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
    let challenge = loa_emulators::common::pkce_s256(verifier);
    let back = allow(&z, &z.permission_url(&z.callback_url(), &challenge, "st-z"));
    assert_eq!(back.status, 302);
    assert!(
        back.header("location")
            .is_some_and(|l| l.starts_with(&z.callback_url()))
    );
    assert_eq!(back.location_param("oa_id").as_deref(), Some("2001"));
    assert_eq!(back.location_param("state").as_deref(), Some("st-z"));
    let code = back.location_param("code").expect("code");
    // The callback page shows the code for copying.
    let shown = Call::get(back.header("location").expect("location"))
        .send()
        .expect("callback page");
    assert!(shown.text().contains(&code));

    let wrong = token_call(
        &z,
        &[
            ("code", &code),
            ("app_id", "3001"),
            ("grant_type", "authorization_code"),
            ("code_verifier", "not-the-verifier"),
        ],
    );
    assert_eq!(wrong.json()["error"], -14005);
    let ok = token_call(
        &z,
        &[
            ("code", &code),
            ("app_id", "3001"),
            ("grant_type", "authorization_code"),
            ("code_verifier", verifier),
        ],
    );
    assert_eq!(ok.status, 200);
    assert_eq!(ok.json()["expires_in"], "90000");
    let access = ok.json()["access_token"]
        .as_str()
        .expect("access")
        .to_string();
    let refresh = ok.json()["refresh_token"]
        .as_str()
        .expect("refresh")
        .to_string();
    let oa = Call::get(&format!("{}/v2.0/oa/getoa", z.base_url()))
        .header("access_token", &access)
        .send()
        .expect("answer");
    assert_eq!(oa.json()["error"], 0);
    let reused = token_call(
        &z,
        &[
            ("code", &code),
            ("app_id", "3001"),
            ("grant_type", "authorization_code"),
            ("code_verifier", verifier),
        ],
    );
    assert_eq!(reused.json()["error"], -14004);
    let refreshed = token_call(
        &z,
        &[
            ("refresh_token", &refresh),
            ("app_id", "3001"),
            ("grant_type", "refresh_token"),
        ],
    );
    assert!(refreshed.json()["access_token"].as_str().is_some());
    assert_eq!(z.refresh_count(), 1);
}

#[test]
fn the_permission_page_refuses_an_unregistered_callback() {
    let z = start();
    let loopback = "http://127.0.0.1:47000/zalo";
    let refused = Call::get(&z.permission_url(loopback, "c", "s"))
        .send()
        .expect("page");
    assert!(refused.input_value("session").is_none());
    assert!(refused.text().contains("Callback"));
    let registered = ZaloEmulator::start(ZaloOptions {
        callback_urls: vec![loopback.into()],
        ..Default::default()
    })
    .expect("emulator");
    let back = allow(
        &registered,
        &registered.permission_url(&format!("{loopback}/cb"), "c", "s"),
    );
    assert!(
        back.header("location")
            .is_some_and(|l| l.starts_with(loopback))
    );
}

#[test]
fn the_daily_article_quota_answers_223_until_it_resets() {
    let z = ZaloEmulator::start(ZaloOptions {
        daily_article_quota: Some(2),
        ..Default::default()
    })
    .expect("emulator");
    let url = format!("{}/v2.0/article/create", z.base_url());
    let create = || {
        call(
            &z,
            Call::post(&url).json(&article("t", "d", "http://x/c.jpg")),
        )
    };
    assert_eq!(create().json()["error"], 0);
    assert_eq!(create().json()["error"], 0);
    let over = create();
    assert_eq!(
        (over.status, over.json()["error"].as_i64()),
        (200, Some(-223))
    );
    assert_eq!(z.articles().len(), 2);
    let reset = z.article_quota_resets_at();
    let now = chrono::Utc::now();
    assert!(reset > now && reset - now <= chrono::Duration::hours(24));
    z.reset_article_quota();
    assert_eq!(create().json()["error"], 0);
}

#[test]
fn an_oa_without_a_cover_has_none_to_lend_an_article() {
    let z = ZaloEmulator::start(ZaloOptions {
        oa_has_cover: false,
        ..Default::default()
    })
    .expect("emulator");
    let oa = call(&z, Call::get(&format!("{}/v2.0/oa/getoa", z.base_url())));
    assert_eq!(oa.json()["data"]["cover"], "");
    let own_cover = format!("{}/media/oa-cover.jpg", z.base_url());
    assert_eq!(Call::get(&own_cover).send().expect("answer").status, 404);
    let r = call(
        &z,
        Call::post(&format!("{}/v2.0/article/create", z.base_url()))
            .json(&article("t", "d", &own_cover)),
    );
    assert_eq!(r.json()["error"], -201);
    assert!(
        r.json()["message"]
            .as_str()
            .is_some_and(|m| m.contains("cover"))
    );
    assert!(z.articles().is_empty());
}

#[test]
fn getslice_serves_at_most_ten_newest_first_with_total_and_create_date() {
    let z = start();
    let url = format!("{}/v2.0/article/create", z.base_url());
    for i in 0..13 {
        let r = call(
            &z,
            Call::post(&url).json(&article(&format!("Bài {i}"), "d", "http://x/c.jpg")),
        );
        assert_eq!(r.json()["error"], 0);
    }
    let slice = |offset: usize| {
        call(
            &z,
            Call::get(&format!(
                "{}/v2.0/article/getslice?offset={offset}&limit=20&type=normal",
                z.base_url()
            )),
        )
    };
    let first = slice(0);
    let medias = first.json()["data"]["medias"]
        .as_array()
        .cloned()
        .expect("medias");
    assert_eq!(medias.len(), 10, "a limit above 10 is served as 10");
    assert_eq!(first.json()["data"]["total"], 13);
    assert!(medias.iter().all(|m| m["create_date"].is_i64()));
    let dates: Vec<i64> = medias
        .iter()
        .filter_map(|m| m["create_date"].as_i64())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let rest = slice(10);
    assert_eq!(
        rest.json()["data"]["medias"].as_array().map(Vec::len),
        Some(3)
    );
}
