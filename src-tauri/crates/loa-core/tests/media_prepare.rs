//! "Photos ready to post" against a real profile: a draft's photos prepared in order, upright,
//! without location, written under `prepared/<draft>/` and recorded; a bad photo reported in its
//! slot; cancelling; the watermark preview.
//!
//! Real photos come from `shared/testdata/photos-exif`, copied into temporary folders at test
//! time; the tests skip with a message when that folder is absent, and fail when
//! `LOA_REQUIRE_TESTDATA=1` (CI).

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use loa_core::{
    ErrorCode, MediaSource, NewDraft, NewDraftPhoto, PhotoPreset, PrepareOptions, Store,
    WatermarkSettings,
};

mod common;
use common::photo;

/// Width and height from a JPEG's SOF marker.
fn jpeg_size(bytes: &[u8]) -> (u32, u32) {
    let mut i = 2;
    while i + 9 < bytes.len() {
        assert_eq!(bytes[i], 0xFF, "marker expected");
        let marker = bytes[i + 1];
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if matches!(marker, 0xC0..=0xC3) {
            let h = u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]);
            let w = u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]);
            return (u32::from(w), u32::from(h));
        }
        i += 2 + len;
    }
    panic!("no SOF marker");
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

struct Fixture {
    profile: tempfile::TempDir,
    _inbox: tempfile::TempDir,
    store: Store,
    draft: i64,
    ids: Vec<i64>,
}

/// A draft with the given test photos attached in order; `None` when the test data is absent.
fn fixture(photos: &[(&str, &str)]) -> Option<Fixture> {
    let profile = tempfile::tempdir().expect("tempdir");
    let inbox = tempfile::tempdir().expect("tempdir");
    let store = Store::open(profile.path()).expect("open");
    let mut paths = Vec::new();
    for (rel, name) in photos {
        paths.push(photo(rel, inbox.path(), name)?);
    }
    let ids: Vec<i64> = store
        .media()
        .import(&paths, MediaSource::Watch)
        .into_iter()
        .map(|(_, r)| r.expect("imported").id)
        .collect();
    let draft = store
        .drafts()
        .create(&NewDraft {
            title: "Lũ quét".to_owned(),
            ..Default::default()
        })
        .expect("draft")
        .id;
    let attach: Vec<NewDraftPhoto> = ids
        .iter()
        .map(|&media_id| NewDraftPhoto {
            media_id,
            alt_text: "ảnh".to_owned(),
        })
        .collect();
    store.media().attach(draft, &attach).expect("attach");
    Some(Fixture {
        profile,
        _inbox: inbox,
        store,
        draft,
        ids,
    })
}

const LANDSCAPE_6: &str = "recurser-orientation/Landscape_6.jpg";
const PORTRAIT_8: &str = "recurser-orientation/Portrait_8.jpg";
const GPS: &str = "exif-py/jpg/gps/DSCN0010.jpg";

#[test]
fn prepares_in_order_upright_without_location_and_records_paths() {
    let Some(f) = fixture(&[
        (LANDSCAPE_6, "Cầu treo.jpg"),
        (PORTRAIT_8, "IMG_2.jpg"),
        (GPS, "gps.jpg"),
    ]) else {
        return;
    };
    let mut progress = Vec::new();
    let out = f
        .store
        .media()
        .prepare_draft_photos(
            f.draft,
            &PrepareOptions {
                preset: PhotoPreset::Zalo,
                use_watermark: false,
            },
            |p| progress.push((p.done, p.total, p.photo.media_id)),
            &AtomicBool::new(false),
        )
        .expect("prepare");
    assert_eq!(out.len(), 3);
    assert_eq!(
        progress,
        vec![(1, 3, f.ids[0]), (2, 3, f.ids[1]), (3, 3, f.ids[2])]
    );
    let dir = f.profile.path().join("prepared").join(f.draft.to_string());
    let expected = ["01-Cầu_treo.jpg", "02-IMG_2.jpg", "03-gps.jpg"];
    for (i, p) in out.iter().enumerate() {
        assert!(p.ok, "{p:?}");
        assert_eq!(p.media_id, f.ids[i]);
        let path = PathBuf::from(p.path.as_deref().expect("path"));
        assert_eq!(path, dir.join(expected[i]));
        let bytes = std::fs::read(&path).expect("prepared file");
        assert_eq!(bytes.len() as u64, p.bytes_out);
        assert_eq!(&bytes[..3], &[0xFF, 0xD8, 0xFF], "JPEG");
        assert_eq!(jpeg_size(&bytes), (p.width, p.height));
        assert!(
            !contains(&bytes, b"Exif\0\0"),
            "no EXIF in {}",
            path.display()
        );
        assert!(p.width.max(p.height) <= 1280);
    }
    assert!(
        out[0].width > out[0].height,
        "landscape stays landscape upright"
    );
    assert!(
        out[1].height > out[1].width,
        "portrait stays portrait upright"
    );

    let recorded = f.store.media().of_draft(f.draft).expect("draft media");
    for (p, r) in out.iter().zip(&recorded) {
        assert_eq!(r.prepared_path, p.path);
    }
}

#[test]
fn a_bad_photo_is_reported_and_the_others_are_prepared() {
    let Some(f) = fixture(&[(LANDSCAPE_6, "a.jpg"), (PORTRAIT_8, "b.jpg")]) else {
        return;
    };
    // Damage the library's copy of the first photo.
    let lib = f.store.media().path(f.ids[0]).expect("path");
    std::fs::write(&lib, b"\xFF\xD8\xFF\xE0 not really a photo").expect("damage");
    let out = f
        .store
        .media()
        .prepare_draft_photos(
            f.draft,
            &PrepareOptions::default(),
            |_| {},
            &AtomicBool::new(false),
        )
        .expect("prepare");
    assert!(!out[0].ok);
    let err = out[0].error.as_ref().expect("error");
    assert_eq!(err.code, ErrorCode::MediaProcess);
    assert!(err.message_id.starts_with("media-error-"), "{err:?}");
    assert!(out[1].ok, "{:?}", out[1]);
    let recorded = f.store.media().of_draft(f.draft).expect("draft media");
    assert_eq!(recorded[0].prepared_path, None);
    assert!(recorded[1].prepared_path.is_some());
}

#[test]
fn cancelling_stops_before_the_next_photo() {
    let Some(f) = fixture(&[(LANDSCAPE_6, "a.jpg"), (PORTRAIT_8, "b.jpg")]) else {
        return;
    };
    let cancel = AtomicBool::new(false);
    let out = f
        .store
        .media()
        .prepare_draft_photos(
            f.draft,
            &PrepareOptions::default(),
            |_| cancel.store(true, std::sync::atomic::Ordering::Relaxed),
            &cancel,
        )
        .expect("prepare");
    assert!(out[0].ok);
    assert!(!out[1].ok);
    assert_eq!(
        out[1].error.as_ref().expect("error").message_id,
        "media-error-cancelled"
    );
}

#[test]
fn watermark_is_applied_when_asked_and_previewed_at_800() {
    let Some(f) = fixture(&[(LANDSCAPE_6, "a.jpg")]) else {
        return;
    };
    let settings = WatermarkSettings {
        text: "UBND xã Mường Tè".to_owned(),
        ..Default::default()
    };
    f.store
        .media()
        .set_watermark_settings(&settings)
        .expect("save watermark");
    let plain = f
        .store
        .media()
        .watermark_preview(f.ids[0], &WatermarkSettings::default())
        .expect("preview");
    let marked = f
        .store
        .media()
        .watermark_preview(f.ids[0], &settings)
        .expect("preview");
    assert_eq!(jpeg_size(&marked).0.max(jpeg_size(&marked).1), 800);
    assert_ne!(plain, marked, "the watermark changes the pixels");

    let run = |use_watermark| {
        let out = f
            .store
            .media()
            .prepare_draft_photos(
                f.draft,
                &PrepareOptions {
                    preset: PhotoPreset::Web,
                    use_watermark,
                },
                |_| {},
                &AtomicBool::new(false),
            )
            .expect("prepare");
        std::fs::read(out[0].path.as_deref().expect("path")).expect("read")
    };
    assert_ne!(run(false), run(true));
}

#[test]
fn unknown_draft_and_photo_are_typed_errors() {
    let profile = tempfile::tempdir().expect("tempdir");
    let store = Store::open(profile.path()).expect("open");
    let e = store
        .media()
        .prepare_draft_photos(
            99,
            &PrepareOptions::default(),
            |_| {},
            &AtomicBool::new(false),
        )
        .expect_err("no draft");
    assert_eq!(e.code(), ErrorCode::DraftNotFound);
    let e = store
        .media()
        .watermark_preview(5, &WatermarkSettings::default())
        .expect_err("no photo");
    assert_eq!(e.code(), ErrorCode::MediaNotFound);
}
