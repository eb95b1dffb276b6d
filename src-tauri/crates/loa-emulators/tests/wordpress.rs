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

fn md5_hex(data: &[u8]) -> String {
    use md5::{Digest, Md5};
    Md5::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn raw_upload(wp: &WordPressEmulator, data: &[u8], name: &str, md5: Option<&str>) -> Reply {
    let mut c = auth(
        wp,
        Call::post(&format!("{}/wp-json/wp/v2/media", wp.base_url())),
    )
    .raw("image/jpeg", data)
    .header(
        "Content-Disposition",
        &format!("attachment; filename=\"{name}\""),
    );
    if let Some(m) = md5 {
        c = c.header("Content-MD5", m);
    }
    c.send().expect("answer")
}

#[test]
fn content_md5_is_checked_as_wordpress_does() {
    let wp = start();
    let good = raw_upload(&wp, JPEG, "a.jpg", Some(&md5_hex(JPEG)));
    assert_eq!(good.status, 201, "{:?}", good.json());
    // A body cut short does not match the hash of the whole file.
    let cut = raw_upload(&wp, &JPEG[..8], "b.jpg", Some(&md5_hex(JPEG)));
    assert_eq!(
        (cut.status, cut.json()["code"].as_str()),
        (412, Some("rest_upload_hash_mismatch"))
    );
    assert_eq!(
        cut.json()["message"],
        "Content hash did not match expected."
    );
    // WordPress compares lower-case hex: the RFC 1864 base64 form does not match.
    let b64 = base64_encode(&{
        use md5::{Digest, Md5};
        Md5::digest(JPEG).to_vec()
    });
    assert_eq!(raw_upload(&wp, JPEG, "c.jpg", Some(&b64)).status, 412);
    let multipart = auth(
        &wp,
        Call::post(&format!("{}/wp-json/wp/v2/media", wp.base_url())),
    )
    .multipart(&[], &[("file", "d.jpg", JPEG)])
    .header("Content-MD5", "0123456789abcdef0123456789abcdef")
    .send()
    .expect("answer");
    assert_eq!(multipart.status, 412);
    assert_eq!(wp.media().len(), 1);
    assert_eq!(wp.media()[0].size, JPEG.len());
}

#[test]
fn uploads_need_a_content_type_and_an_image() {
    let wp = start();
    let mut no_type = auth(
        &wp,
        Call::post(&format!("{}/wp-json/wp/v2/media", wp.base_url())),
    )
    .header("Content-Disposition", "attachment; filename=\"a.jpg\"");
    no_type.body = JPEG.to_vec();
    let no_type = no_type.send().expect("answer");
    assert_eq!(no_type.json()["code"], "rest_upload_no_content_type");
    let html = raw_upload(&wp, b"<html>not an image</html>", "x.jpg", None);
    assert_eq!(
        (html.status, html.json()["code"].as_str()),
        (500, Some("rest_upload_sideload_error"))
    );
}

#[test]
fn media_can_be_searched_by_key_and_deleted_for_good() {
    let wp = start();
    let a = raw_upload(&wp, JPEG, "loa-k1a2b3-1.jpg", None);
    raw_upload(&wp, JPEG, "loa-zz9999-1.jpg", None);
    let id = a.json()["id"].as_u64().expect("id");
    let url = a.json()["source_url"].as_str().expect("url").to_string();
    let found = Call::get(&format!(
        "{}/wp-json/wp/v2/media?search=k1a2b3",
        wp.base_url()
    ))
    .send()
    .expect("answer");
    let items = found.json().as_array().cloned().expect("array");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], id);
    assert_eq!(items[0]["title"]["rendered"], "loa-k1a2b3-1");
    assert_eq!(found.header("x-wp-total"), Some("1"));
    let del = |force: bool| {
        let q = if force { "?force=true" } else { "" };
        auth(
            &wp,
            Call::new(
                "DELETE",
                &format!("{}/wp-json/wp/v2/media/{id}{q}", wp.base_url()),
            ),
        )
        .send()
        .expect("answer")
    };
    let trash = del(false);
    assert_eq!(
        (trash.status, trash.json()["code"].as_str()),
        (501, Some("rest_trash_not_supported"))
    );
    let anon = Call::new(
        "DELETE",
        &format!("{}/wp-json/wp/v2/media/{id}?force=true", wp.base_url()),
    )
    .send()
    .expect("answer");
    assert_eq!(anon.status, 401);
    let gone = del(true);
    assert_eq!(gone.json()["deleted"], true);
    assert_eq!(gone.json()["previous"]["id"], id);
    assert_eq!(Call::get(&url).send().expect("answer").status, 404);
    assert_eq!(del(true).status, 404);
    assert_eq!(wp.media().len(), 1);
}

#[test]
fn a_draft_under_a_key_is_published_by_id_and_repeating_that_is_harmless() {
    let wp = start();
    let draft = post(
        &wp,
        json!({ "title": "Lịch tiêm chủng", "content": "x", "status": "draft", "slug": "loa-key-7" }),
    );
    assert_eq!(draft.status, 201);
    assert_eq!(draft.json()["status"], "draft");
    assert_eq!(draft.json()["slug"], "loa-key-7");
    // A late duplicate draft under the same key keeps the same slug (drafts are not made unique).
    let dup = post(
        &wp,
        json!({ "title": "Lịch tiêm chủng", "content": "x", "status": "draft", "slug": "loa-key-7" }),
    );
    assert_eq!(dup.json()["slug"], "loa-key-7");
    let id = draft.json()["id"].as_u64().expect("id");
    let by_key = |status: &str| {
        auth(
            &wp,
            Call::get(&format!(
                "{}/wp-json/wp/v2/posts?slug=loa-key-7&status={status}",
                wp.base_url()
            )),
        )
        .send()
        .expect("answer")
    };
    assert_eq!(by_key("draft").json().as_array().map(Vec::len), Some(2));
    let anon_drafts = Call::get(&format!(
        "{}/wp-json/wp/v2/posts?slug=loa-key-7&status=draft",
        wp.base_url()
    ))
    .send()
    .expect("answer");
    assert_eq!(anon_drafts.status, 400);
    // The duplicate draft is found by key and removed for good before publishing: WordPress
    // counts a draft's explicit slug when it makes a published slug unique.
    let dup_id = dup.json()["id"].as_u64().expect("id");
    let removed = auth(
        &wp,
        Call::new(
            "DELETE",
            &format!("{}/wp-json/wp/v2/posts/{dup_id}?force=true", wp.base_url()),
        ),
    )
    .send()
    .expect("answer");
    assert_eq!(removed.json()["deleted"], true);
    let publish = || {
        auth(
            &wp,
            Call::post(&format!("{}/wp-json/wp/v2/posts/{id}", wp.base_url())),
        )
        .json(&json!({ "status": "publish" }))
        .send()
        .expect("answer")
    };
    let p1 = publish();
    assert_eq!(p1.status, 200, "{:?}", p1.json());
    assert_eq!(p1.json()["status"], "publish");
    assert_eq!(p1.json()["slug"], "loa-key-7");
    let p2 = publish();
    assert_eq!(
        (p2.json()["id"].as_u64(), p2.json()["slug"].as_str()),
        (Some(id), Some("loa-key-7"))
    );
    let public = Call::get(&format!(
        "{}/wp-json/wp/v2/posts?search=tiêm",
        wp.base_url()
    ))
    .send()
    .expect("answer");
    assert_eq!(public.json().as_array().map(Vec::len), Some(1));
    assert_eq!(wp.posts().len(), 1);
}

#[test]
fn publishing_next_to_a_draft_with_the_same_slug_suffixes_it() {
    let wp = start();
    let a = post(
        &wp,
        json!({ "title": "A", "content": "x", "slug": "loa-k" }),
    );
    post(
        &wp,
        json!({ "title": "A", "content": "x", "slug": "loa-k" }),
    );
    let id = a.json()["id"].as_u64().expect("id");
    let p = auth(
        &wp,
        Call::post(&format!("{}/wp-json/wp/v2/posts/{id}", wp.base_url())),
    )
    .json(&json!({ "status": "publish" }))
    .send()
    .expect("answer");
    assert_eq!(p.json()["slug"], "loa-k-2");
}

#[test]
fn a_draft_without_slug_gets_one_when_published_and_taken_slugs_are_suffixed() {
    let wp = start();
    let first = post(
        &wp,
        json!({ "title": "Thông báo", "content": "a", "status": "publish" }),
    );
    assert_eq!(first.json()["slug"], "thong-bao");
    let draft = post(&wp, json!({ "title": "Thông báo", "content": "b" }));
    assert_eq!(
        (
            draft.json()["status"].as_str(),
            draft.json()["slug"].as_str()
        ),
        (Some("draft"), Some(""))
    );
    let id = draft.json()["id"].as_u64().expect("id");
    let published = auth(
        &wp,
        Call::post(&format!("{}/wp-json/wp/v2/posts/{id}", wp.base_url())),
    )
    .form(&[("status", "publish")])
    .send()
    .expect("answer");
    assert_eq!(published.json()["slug"], "thong-bao-2");
}

#[test]
fn deleting_a_post_trashes_it_then_force_removes_it() {
    let wp = start();
    let p = post(
        &wp,
        json!({ "title": "Xóa", "content": "x", "status": "publish" }),
    );
    let id = p.json()["id"].as_u64().expect("id");
    let del = |q: &str| {
        auth(
            &wp,
            Call::new(
                "DELETE",
                &format!("{}/wp-json/wp/v2/posts/{id}{q}", wp.base_url()),
            ),
        )
        .send()
        .expect("answer")
    };
    let trashed = del("");
    assert_eq!(trashed.json()["status"], "trash");
    assert_eq!(trashed.json()["slug"], "xoa__trashed");
    assert_eq!(del("").json()["code"], "rest_already_trashed");
    let public = Call::get(&format!("{}/wp-json/wp/v2/posts", wp.base_url()))
        .send()
        .expect("answer");
    assert_eq!(public.json().as_array().map(Vec::len), Some(0));
    assert_eq!(del("?force=true").json()["deleted"], true);
    assert!(wp.posts().is_empty());
}
