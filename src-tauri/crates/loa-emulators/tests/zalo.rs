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
    big.resize(loa_emulators::zalo::IMAGE_MAX_BYTES + 1, 0);
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
