//! The commune profile: what a new profile holds, what set() keeps, the logo copied in, the
//! watermark choice written through to the media settings, and the template form's defaults.

mod common;

use std::path::PathBuf;

use loa_core::templates::drafts::TemplateValue;
use loa_core::{CommuneProfile, Lang, LoaError, Store, WatermarkChoice};

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    (dir, store)
}

fn nam_cang() -> CommuneProfile {
    CommuneProfile {
        commune: "  Xa\u{303} Nâ\u{323}m Cang ".into(),
        province: "lao cai".into(),
        logo: None,
        hotline: Some("0214 3871 234".into()),
        watermark: WatermarkChoice::Text,
        lang: Lang::Vi,
        setup_done: false,
    }
}

#[test]
fn a_new_profile_is_empty_and_asks_for_setup() {
    let (_d, store) = open();
    let p = store.profile().get().expect("get");
    assert_eq!(
        p,
        CommuneProfile {
            commune: String::new(),
            province: String::new(),
            logo: None,
            hotline: None,
            watermark: WatermarkChoice::None,
            lang: Lang::Vi,
            setup_done: false,
        }
    );
    store.profile().finish_setup().expect("finish");
    assert!(store.profile().get().expect("get").setup_done);
}

#[test]
fn set_keeps_clean_text_the_province_by_its_name_and_the_language() {
    let (_d, store) = open();
    let saved = store
        .profile()
        .set(&CommuneProfile {
            lang: Lang::En,
            ..nam_cang()
        })
        .expect("set");
    assert_eq!(saved.commune, "Xã Nậm Cang");
    assert_eq!(saved.province, "Lào Cai");
    assert_eq!(saved.hotline.as_deref(), Some("0214 3871 234"));
    assert_eq!(saved.lang, Lang::En);
    assert_eq!(store.settings().expect("settings").lang, Lang::En);
    // Setting the profile is not finishing the setup.
    assert!(!saved.setup_done);
    // A province that is none of the 34 is kept as typed; an empty hotline is none.
    let saved = store
        .profile()
        .set(&CommuneProfile {
            province: "Tỉnh Yên Bái cũ".into(),
            hotline: Some("  ".into()),
            ..saved
        })
        .expect("set");
    assert_eq!(saved.province, "Tỉnh Yên Bái cũ");
    assert_eq!(saved.hotline, None);
    // Reopening reads the same.
    let dir = store.dir().to_path_buf();
    drop(store);
    assert_eq!(
        Store::open(&dir)
            .expect("reopen")
            .profile()
            .get()
            .expect("get"),
        saved
    );
}

#[test]
fn overlong_text_is_refused() {
    let (_d, store) = open();
    let err = store
        .profile()
        .set(&CommuneProfile {
            commune: "x".repeat(101),
            ..nam_cang()
        })
        .expect_err("too long");
    assert!(
        matches!(&err, LoaError::InvalidValue { field, .. } if field == "commune"),
        "{err:?}"
    );
    assert_eq!(store.profile().get().expect("get").commune, "");
}

#[test]
fn the_watermark_choice_is_what_the_media_settings_stamp() {
    let (_d, store) = open();
    let p = store.profile().set(&nam_cang()).expect("set");
    assert_eq!(p.watermark, WatermarkChoice::Text);
    let wm = store.media().watermark_settings().expect("wm");
    assert_eq!(wm.text, "UBND xã Nậm Cang");
    assert_eq!(wm.logo_path, None);
    // A text the officer changed in the photo library stays when the profile is saved again.
    store
        .media()
        .set_watermark_settings(&loa_core::WatermarkSettings {
            text: "Xã Nậm Cang – Lào Cai".into(),
            ..wm
        })
        .expect("custom text");
    store.profile().set(&p).expect("set again");
    assert_eq!(
        store.media().watermark_settings().expect("wm").text,
        "Xã Nậm Cang – Lào Cai"
    );
    // The logo needs a logo.
    let err = store
        .profile()
        .set(&CommuneProfile {
            watermark: WatermarkChoice::Logo,
            ..p.clone()
        })
        .expect_err("no logo");
    assert!(matches!(err, LoaError::ProfileNoLogo), "{err:?}");
    // None clears both, and keeps the position the officer chose.
    let p = store
        .profile()
        .set(&CommuneProfile {
            watermark: WatermarkChoice::None,
            ..p
        })
        .expect("none");
    assert_eq!(p.watermark, WatermarkChoice::None);
    let wm = store.media().watermark_settings().expect("wm");
    assert_eq!((wm.text.as_str(), wm.logo_path), ("", None));
}

/// A JPEG logo becomes a PNG kept in the profile, usable as the watermark; the same logo
/// picked again is the same file.
#[test]
fn a_logo_is_copied_in_as_png_and_can_be_the_watermark() {
    let (dir, store) = open();
    let picked = tempfile::tempdir().expect("tempdir");
    let Some(jpeg) = common::photo(
        "recurser-orientation/Landscape_1.jpg",
        picked.path(),
        "logo.jpg",
    ) else {
        return;
    };
    let p = store
        .profile()
        .set(&CommuneProfile {
            logo: Some(jpeg.clone()),
            watermark: WatermarkChoice::Logo,
            ..nam_cang()
        })
        .expect("set with logo");
    let logo: PathBuf = p.logo.clone().expect("logo kept");
    assert!(logo.starts_with(dir.path()), "{}", logo.display());
    let bytes = std::fs::read(&logo).expect("read logo");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "stored as PNG");
    assert_eq!(
        store.profile().logo_bytes().expect("bytes").as_deref(),
        Some(bytes.as_slice())
    );
    assert_eq!(p.watermark, WatermarkChoice::Logo);
    assert_eq!(
        store.media().watermark_settings().expect("wm").logo_path,
        Some(logo.clone())
    );
    // The original may go away: the profile keeps its copy.
    std::fs::remove_file(&jpeg).expect("remove original");
    let again = store.profile().set(&p).expect("set again");
    assert_eq!(again.logo, Some(logo));
    // A file that is not a picture is refused with the logo's message.
    let text = picked.path().join("logo.png");
    std::fs::write(&text, "not a picture").expect("write");
    let err = store
        .profile()
        .set(&CommuneProfile {
            logo: Some(text),
            ..again
        })
        .expect_err("not a logo");
    assert!(
        matches!(
            err,
            LoaError::ProfileLogo {
                problem: loa_core::profile::LogoProblem::NotAPicture,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn the_id_is_made_once() {
    let (_d, store) = open();
    let id = store.profile().id().expect("id");
    assert_eq!(id.len(), 32);
    assert_eq!(store.profile().id().expect("id again"), id);
    let (_d2, other) = open();
    assert_ne!(other.profile().id().expect("other id"), id);
}

fn text(v: Option<&Option<TemplateValue>>) -> Option<String> {
    match v {
        Some(Some(TemplateValue::Text(s))) => Some(s.clone()),
        _ => None,
    }
}

/// Templates start from the commune's own name and province instead of the sample's; the
/// gallery's cards keep the pack's sample.
#[test]
fn template_forms_start_from_the_profile() {
    let (_d, store) = open();
    let before = store
        .templates()
        .sample("heavy-rain", Lang::Vi)
        .expect("sample");
    assert_eq!(
        text(before.get("commune")).as_deref(),
        Some("UBND xã Nậm Cang"),
        "the pack's own sample"
    );
    store
        .profile()
        .set(&CommuneProfile {
            commune: "Phường Sa Pa".into(),
            ..nam_cang()
        })
        .expect("set");
    let vi = store
        .templates()
        .sample("heavy-rain", Lang::Vi)
        .expect("sample");
    assert_eq!(
        text(vi.get("commune")).as_deref(),
        Some("UBND phường Sa Pa")
    );
    assert_eq!(text(vi.get("locality")).as_deref(), Some("tỉnh Lào Cai"));
    // The commune's hotline too, in place of the sample's.
    assert_ne!(
        text(before.get("hotline")).as_deref(),
        Some("0214 3871 234")
    );
    assert_eq!(text(vi.get("hotline")).as_deref(), Some("0214 3871 234"));
    // The rest of the sample is still there.
    assert_eq!(
        text(vi.get("title")),
        text(before.get("title")),
        "fields the profile does not know keep the sample"
    );
    assert!(text(vi.get("title")).is_some());
    let en = store
        .templates()
        .sample("heavy-rain", Lang::En)
        .expect("sample");
    assert_eq!(
        text(en.get("commune")).as_deref(),
        Some("Sa Pa Ward People's Committee")
    );
    assert_eq!(
        text(en.get("locality")).as_deref(),
        Some("Lào Cai Province")
    );
    let pack = store
        .templates()
        .pack_sample("heavy-rain", Lang::Vi)
        .expect("pack sample");
    assert_eq!(text(pack.get("commune")), text(before.get("commune")));
}
