//! WordPress emulator: application passwords, raw media uploads, slugs, read-back, faults.

use loa_emulators::client::{Call, Reply};
use loa_emulators::common::base64_encode;
use loa_emulators::{EndpointMatch, Fault, Faults, WordPressEmulator, WordPressOptions, sha256};
use serde_json::json;

const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0 wp jpeg";

fn start() -> WordPressEmulator {
    WordPressEmulator::start(WordPressOptions::default()).expect("emulator starts")
}

fn auth(wp: &WordPressEmulator, c: Call) -> Call {
    // Sent without the spaces, as many clients do: both forms must work.
    let pw: String = wp
        .app_password()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    c.header(
        "Authorization",
        &format!(
            "Basic {}",
            base64_encode(format!("{}:{pw}", wp.user()).as_bytes())
        ),
    )
}

fn upload(wp: &WordPressEmulator, data: &[u8]) -> Reply {
    auth(
        wp,
        Call::post(&format!("{}/wp-json/wp/v2/media", wp.base_url())),
    )
    .raw("image/jpeg", data)
    .header("Content-Disposition", "attachment; filename=\"ảnh lũ.jpg\"")
    .send()
    .expect("answer")
}

fn post(wp: &WordPressEmulator, body: serde_json::Value) -> Reply {
    auth(
        wp,
        Call::post(&format!("{}/wp-json/wp/v2/posts", wp.base_url())),
    )
    .json(&body)
    .send()
    .expect("answer")
}

#[test]
fn users_me_needs_a_valid_application_password() {
    let wp = start();
    let url = format!("{}/wp-json/wp/v2/users/me", wp.base_url());
    let r = auth(&wp, Call::get(&url)).send().expect("answer");
    assert_eq!((r.status, r.json()["name"].as_str()), (200, Some("canbo")));
    let spaced = Call::get(&url)
        .header(
            "Authorization",
            &format!(
                "Basic {}",
                base64_encode(format!("canbo:{}", wp.app_password()).as_bytes())
            ),
        )
        .send()
        .expect("answer");
    assert_eq!(spaced.status, 200);
    let anon = Call::get(&url).send().expect("answer");
    assert_eq!(
        (anon.status, anon.json()["code"].as_str()),
        (401, Some("rest_not_logged_in"))
    );
    let wrong = Call::get(&url)
        .header(
            "Authorization",
            &format!("Basic {}", base64_encode(b"canbo:nope")),
        )
        .send()
        .expect("answer");
    assert_eq!(
        (wrong.status, wrong.json()["code"].as_str()),
        (401, Some("incorrect_password"))
    );
    assert_eq!(wrong.json()["data"]["status"], 401);
}

#[test]
fn raw_media_upload_needs_content_disposition() {
    let wp = start();
    let r = upload(&wp, JPEG);
    assert_eq!(r.status, 201);
    let src = r.json()["source_url"]
        .as_str()
        .expect("source_url")
        .to_string();
    assert_eq!(Call::get(&src).send().expect("file").body, JPEG);
    assert_eq!(wp.media_hash_by_url(&src), Some(sha256(JPEG)));
    let no_cd = auth(
        &wp,
        Call::post(&format!("{}/wp-json/wp/v2/media", wp.base_url())),
    )
    .raw("image/jpeg", JPEG)
    .send()
    .expect("answer");
    assert_eq!(
        (no_cd.status, no_cd.json()["code"].as_str()),
        (400, Some("rest_upload_no_content_disposition"))
    );
    let anon = Call::post(&format!("{}/wp-json/wp/v2/media", wp.base_url()))
        .raw("image/jpeg", JPEG)
        .send()
        .expect("answer");
    assert_eq!(anon.status, 401);
    let multi = auth(
        &wp,
        Call::post(&format!("{}/wp-json/wp/v2/media", wp.base_url())),
    )
    .multipart(&[], &[("file", "b.jpg", JPEG)])
    .send()
    .expect("answer");
    assert_eq!(multi.status, 201);
    assert_eq!(wp.media().len(), 2);
}

#[test]
fn posts_get_unique_slugs_and_featured_media_is_checked() {
    let wp = start();
    let m = upload(&wp, JPEG).json()["id"].as_u64().expect("media id");
    let src = wp.media()[0].source_url.clone();
    let body = json!({ "title": "Thông báo", "content": format!("<p>x</p><img src=\"{src}\">"), "status": "publish", "slug": "loa-7", "featured_media": m });
    let a = post(&wp, body.clone());
    assert_eq!((a.status, a.json()["slug"].as_str()), (201, Some("loa-7")));
    let b = post(&wp, body);
    assert_eq!(
        b.json()["slug"],
        "loa-7-2",
        "WordPress appends -2 on a taken slug"
    );
    let bad = post(
        &wp,
        json!({ "title": "x", "status": "publish", "featured_media": 999 }),
    );
    assert_eq!(
        (bad.status, bad.json()["code"].as_str()),
        (400, Some("rest_invalid_featured_media"))
    );
    let posts = wp.posts();
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[0].featured_photo, Some(sha256(JPEG)));
    assert_eq!(posts[0].content_photos, vec![sha256(JPEG)]);
}

#[test]
fn read_back_by_slug_and_status() {
    let wp = start();
    let future = (chrono::Utc::now() + chrono::Duration::hours(2))
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string();
    let f = post(
        &wp,
        json!({ "title": "Hẹn giờ", "status": "future", "date": future, "slug": "loa-9" }),
    );
    assert_eq!(f.json()["status"], "future");
    let p = post(
        &wp,
        json!({ "title": "Ngay", "status": "future", "date": "2020-01-01T00:00:00", "slug": "loa-10" }),
    );
    assert_eq!(
        p.json()["status"],
        "publish",
        "a future post with a past date is published"
    );
    let url = format!(
        "{}/wp-json/wp/v2/posts?slug=loa-9&status=publish,future",
        wp.base_url()
    );
    let found = auth(&wp, Call::get(&url)).send().expect("answer");
    assert_eq!(found.json().as_array().map(Vec::len), Some(1));
    let anon = Call::get(&url).send().expect("answer");
    assert_eq!(
        (anon.status, anon.json()["code"].as_str()),
        (400, Some("rest_invalid_param"))
    );
    let none = auth(
        &wp,
        Call::get(&format!(
            "{}/wp-json/wp/v2/posts?slug=khong-co&status=publish,future",
            wp.base_url()
        )),
    )
    .send()
    .expect("answer");
    assert_eq!(none.json(), json!([]));
}

#[test]
fn faults_on_wordpress() {
    let wp = start();
    wp.set_faults(Faults::script(vec![
        // A Graph code means nothing to WordPress: the usual 429.
        (EndpointMatch::post("/posts"), Fault::Throttle { code: 4 }),
        (EndpointMatch::post("/posts"), Fault::ExpiredToken),
        (EndpointMatch::post("/posts"), Fault::Status500AfterHandling),
        (EndpointMatch::post("/posts"), Fault::DropAfterHandling),
    ]));
    let body = json!({ "title": "t", "status": "publish", "slug": "s" });
    let t = post(&wp, body.clone());
    assert_eq!((t.status, t.header("retry-after")), (429, Some("30")));
    assert_eq!(post(&wp, body.clone()).json()["code"], "incorrect_password");
    assert_eq!(post(&wp, body.clone()).status, 500);
    let dropped = auth(
        &wp,
        Call::post(&format!("{}/wp-json/wp/v2/posts", wp.base_url())),
    )
    .json(&body)
    .send();
    assert!(dropped.is_err());
    let slugs: Vec<String> = wp.posts().into_iter().map(|p| p.slug).collect();
    assert_eq!(slugs, vec!["s", "s-2"]);
}

#[test]
fn media_alt_text_update_and_rest_route_form() {
    let wp = start();
    let id = upload(&wp, JPEG).json()["id"].as_u64().expect("id");
    let r = auth(
        &wp,
        Call::post(&format!("{}/wp-json/wp/v2/media/{id}", wp.base_url())),
    )
    .json(&json!({ "alt_text": "Bà con dự họp" }))
    .send()
    .expect("answer");
    assert_eq!(r.json()["alt_text"], "Bà con dự họp");
    assert_eq!(wp.media()[0].alt_text, "Bà con dự họp");
    // Sites without pretty permalinks answer on ?rest_route=.
    let me = auth(
        &wp,
        Call::get(&format!("{}/?rest_route=/wp/v2/users/me", wp.base_url())),
    )
    .send()
    .expect("answer");
    assert_eq!(me.status, 200);
    let none = Call::get(&format!("{}/wp-json/wp/v2/nothing", wp.base_url()))
        .send()
        .expect("answer");
    assert_eq!(
        (none.status, none.json()["code"].as_str()),
        (404, Some("rest_no_route"))
    );
}
