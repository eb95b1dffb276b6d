//! The media library against a real profile folder: content-addressed import, metadata,
//! thumbnails, typed refusals, a draft's photos and the watermark settings.
//!
//! Real photos come from `shared/testdata/photos-exif`, copied into temporary folders at test
//! time; the tests skip with a message when that folder is absent, and fail when
//! `LOA_REQUIRE_TESTDATA=1` (CI).

use std::path::{Path, PathBuf};

use loa_core::{
    ErrorCode, LoaError, MediaSource, NewDraft, NewDraftPhoto, Store, WatermarkPosition,
    WatermarkSettings,
};

const DECOMPOSED: &str = "Mu\u{031B}o\u{031B}\u{0300}ng";

mod common;
use common::photo;

fn open() -> (tempfile::TempDir, tempfile::TempDir, Store) {
    let profile = tempfile::tempdir().expect("tempdir");
    let inbox = tempfile::tempdir().expect("tempdir");
    let store = Store::open(profile.path()).expect("open");
    (profile, inbox, store)
}

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

fn sha256_hex(bytes: &[u8]) -> String {
    loa_core::media::library::sha256_hex(bytes)
}

#[test]
fn import_copies_into_the_content_addressed_library_once() {
    let (profile, inbox, store) = open();
    let Some(a) = photo("exif-py/jpg/Canon_40D.jpg", inbox.path(), "IMG_0001.jpg") else {
        return;
    };
    let b = photo("exif-py/jpg/Canon_40D.jpg", inbox.path(), "bản sao.JPG").expect("copy");

    let out = store
        .media()
        .import(&[a.clone(), b.clone()], MediaSource::Dialog);
    assert_eq!(out.len(), 2);
    let first = out[0].1.as_ref().expect("imported");
    let second = out[1].1.as_ref().expect("imported");
    assert_eq!(first, second, "the same photo twice is one entry");

    let bytes = std::fs::read(&a).expect("read");
    let sha = sha256_hex(&bytes);
    assert_eq!(first.sha256, sha);
    assert_eq!(first.original_name, "IMG_0001.jpg");
    assert_eq!(first.ext, "jpg");
    assert_eq!(first.bytes, bytes.len() as i64);
    assert_eq!((first.width, first.height), (100, 68));
    assert_eq!(first.orientation, 1);
    assert_eq!(first.camera.as_deref(), Some("Canon EOS 40D"));
    // DateTimeOriginal, not the later DateTime the editing software wrote.
    assert_eq!(first.taken_at.as_deref(), Some("2008-05-30T15:56:01"));
    assert!(!first.has_location);
    assert_eq!(first.source, MediaSource::Dialog);

    let stored = profile
        .path()
        .join("media")
        .join(&sha[..2])
        .join(format!("{sha}.jpg"));
    assert_eq!(store.media().path(first.id).expect("path"), stored);
    assert_eq!(std::fs::read(&stored).expect("library copy"), bytes);
    let files: Vec<_> = std::fs::read_dir(stored.parent().expect("shard"))
        .expect("shard dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 2, "one photo and one thumbnail: {files:?}");
    assert_eq!(store.media().list().expect("list").len(), 1);

    // The original can go away: the library keeps its copy.
    std::fs::remove_file(&a).expect("remove original");
    assert_eq!(store.media().item(first.id).expect("item"), *first);
}

#[test]
fn metadata_orientation_location_and_an_upright_stripped_thumbnail() {
    let (_p, inbox, store) = open();
    let Some(rotated) = photo(
        "recurser-orientation/Landscape_6.jpg",
        inbox.path(),
        "rotated.jpg",
    ) else {
        return;
    };
    let gps = photo("exif-py/jpg/Kodak_CX7530.jpg", inbox.path(), "gps.jpg").expect("copy");
    let png = photo("pillow-exif-formats/exif.png", inbox.path(), "a.png").expect("copy");
    let webp = photo("pillow-exif-formats/flower.webp", inbox.path(), "b.webp").expect("copy");

    let out = store
        .media()
        .import(&[rotated, gps, png, webp], MediaSource::Drop);
    let items: Vec<_> = out
        .into_iter()
        .map(|(p, r)| r.unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect();

    let r = &items[0];
    assert_eq!(r.orientation, 6);
    assert_eq!((r.width, r.height), (1800, 1200), "size after orientation");
    let thumb =
        std::fs::read(store.media().thumbnail_path(r.id).expect("thumb path")).expect("thumb");
    assert_eq!(jpeg_size(&thumb), (320, 213), "upright, long edge 320");
    assert!(
        !loa_media::meta::jpeg_has_exif_or_xmp(&thumb),
        "no metadata"
    );

    assert!(items[1].has_location);
    assert!(
        items[1]
            .camera
            .as_deref()
            .is_some_and(|c| c.contains("KODAK")),
        "{:?}",
        items[1].camera
    );
    let gps_thumb =
        std::fs::read(store.media().thumbnail_path(items[1].id).expect("path")).expect("read");
    assert!(!loa_media::meta::jpeg_has_exif_or_xmp(&gps_thumb));

    assert_eq!(items[2].ext, "png");
    assert_eq!((items[2].width, items[2].height), (512, 512));
    assert_eq!(items[3].ext, "webp");
    assert_eq!((items[3].width, items[3].height), (480, 360));
    assert!(items.iter().all(|i| i.source == MediaSource::Drop));

    // Newest first: all imported at the same second, so by id, highest first.
    let listed: Vec<i64> = store
        .media()
        .list()
        .expect("list")
        .iter()
        .map(|i| i.id)
        .collect();
    let mut ids: Vec<i64> = items.iter().map(|i| i.id).collect();
    ids.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(listed, ids);
}

#[test]
fn bad_files_get_typed_errors_and_import_nothing() {
    let (profile, inbox, store) = open();
    let text = inbox.path().join("ghi chú.jpg");
    std::fs::write(&text, "không phải ảnh").expect("write");
    let cut = inbox.path().join("cut.jpg");
    std::fs::write(&cut, [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F']).expect("write");
    let missing = inbox.path().join("missing.jpg");
    let mut paths = vec![text.clone(), cut.clone(), missing.clone()];
    let heic = photo("exif-py/heic/spring_1440x960.heic", inbox.path(), "x.heic");
    paths.extend(heic.clone());

    let out = store.media().import(&paths, MediaSource::Dialog);
    let codes: Vec<ErrorCode> = out
        .iter()
        .map(|(_, r)| r.as_ref().expect_err("refused").code())
        .collect();
    assert_eq!(codes[0], ErrorCode::MediaNotAPhoto);
    assert_eq!(codes[1], ErrorCode::MediaUnreadable);
    // Refused before reading: a file from outside goes through loa-files (regular files only).
    assert_eq!(codes[2], ErrorCode::File);
    assert_eq!(
        out[2].1.as_ref().expect_err("missing").args()["code"],
        "not_found"
    );
    if heic.is_some() {
        match &out[3].1 {
            Err(LoaError::MediaUnsupported { format, .. }) => assert_eq!(format, "HEIC"),
            other => panic!("expected MediaUnsupported, got {other:?}"),
        }
    }
    assert!(store.media().list().expect("list").is_empty());
    let media = profile.path().join("media");
    assert!(
        !media.exists() || std::fs::read_dir(&media).expect("dir").next().is_none(),
        "nothing written"
    );
    assert!(matches!(
        store.media().item(42),
        Err(LoaError::MediaNotFound { id: 42 })
    ));
    assert!(matches!(
        store.media().thumbnail_path(42),
        Err(LoaError::MediaNotFound { id: 42 })
    ));
}

#[test]
fn watch_folders_are_stored_once_and_removed() {
    let (_p, inbox, store) = open();
    let sub = inbox.path().join("Ảnh điện thoại");
    std::fs::create_dir(&sub).expect("mkdir");
    let a = store.media().add_watch_folder(&sub).expect("add");
    let again = store
        .media()
        .add_watch_folder(&sub.join("..").join("Ảnh điện thoại"))
        .expect("add again");
    assert_eq!(a, again);
    assert_eq!(
        store.media().watch_folders().expect("list"),
        vec![a.clone()]
    );
    assert!(matches!(
        store
            .media()
            .add_watch_folder(&inbox.path().join("không có")),
        Err(LoaError::FolderNotFound { .. })
    ));
    let file = inbox.path().join("f.jpg");
    std::fs::write(&file, "x").expect("write");
    assert!(matches!(
        store.media().add_watch_folder(&file),
        Err(LoaError::FolderNotFound { .. })
    ));
    store.media().remove_watch_folder(a.id).expect("remove");
    assert!(store.media().watch_folders().expect("list").is_empty());
    assert!(matches!(
        store.media().remove_watch_folder(a.id),
        Err(LoaError::WatchFolderNotFound { .. })
    ));
}

/// Three distinct photos in the library.
fn three_photos(store: &Store, inbox: &Path) -> Option<Vec<i64>> {
    let rels = [
        "exif-py/jpg/Canon_40D.jpg",
        "exif-py/jpg/Nikon_D70.jpg",
        "exif-py/jpg/Pentax_K10D.jpg",
    ];
    let mut paths = Vec::new();
    for (n, rel) in rels.iter().enumerate() {
        paths.push(photo(rel, inbox, &format!("{n}.jpg"))?);
    }
    Some(
        store
            .media()
            .import(&paths, MediaSource::Dialog)
            .into_iter()
            .map(|(_, r)| r.expect("import").id)
            .collect(),
    )
}

fn order(store: &Store, draft: i64) -> Vec<(u32, i64, String)> {
    store
        .media()
        .of_draft(draft)
        .expect("draft media")
        .into_iter()
        .map(|p| (p.position, p.media.id, p.alt_text))
        .collect()
}

#[test]
fn a_drafts_photos_in_order_with_alt_text() {
    let (_p, inbox, store) = open();
    let Some(ids) = three_photos(&store, inbox.path()) else {
        return;
    };
    let (a, b, c) = (ids[0], ids[1], ids[2]);
    let draft = store
        .drafts()
        .create(&NewDraft::default())
        .expect("draft")
        .id;
    assert!(store.media().of_draft(draft).expect("empty").is_empty());

    let attached = store
        .media()
        .attach(
            draft,
            &[
                NewDraftPhoto {
                    media_id: a,
                    alt_text: format!("Cầu {DECOMPOSED}"),
                },
                NewDraftPhoto {
                    media_id: b,
                    alt_text: String::new(),
                },
            ],
        )
        .expect("attach");
    assert_eq!(attached.len(), 2);
    assert_eq!(attached[0].prepared_path, None);
    store
        .media()
        .attach(
            draft,
            &[NewDraftPhoto {
                media_id: c,
                alt_text: "Đường".into(),
            }],
        )
        .expect("attach more");
    assert_eq!(
        order(&store, draft),
        vec![
            (0, a, "Cầu Mường".to_owned()),
            (1, b, String::new()),
            (2, c, "Đường".to_owned())
        ]
    );

    store
        .media()
        .set_alt_text(draft, b, &format!("  Xã {DECOMPOSED} Tè "))
        .expect("alt");
    store.media().reorder(draft, &[c, a, b]).expect("reorder");
    assert_eq!(
        order(&store, draft),
        vec![
            (0, c, "Đường".to_owned()),
            (1, a, "Cầu Mường".to_owned()),
            (2, b, "Xã Mường Tè".to_owned())
        ]
    );

    for bad in [vec![c, a], vec![c, a, a], vec![c, a, b, 999]] {
        assert!(matches!(
            store.media().reorder(draft, &bad),
            Err(LoaError::InvalidValue { .. })
        ));
    }

    store.media().detach(draft, a).expect("detach");
    assert_eq!(
        order(&store, draft),
        vec![(0, c, "Đường".to_owned()), (1, b, "Xã Mường Tè".to_owned())]
    );
    assert!(matches!(
        store.media().detach(draft, a),
        Err(LoaError::MediaNotAttached { .. })
    ));
    assert!(matches!(
        store.media().set_alt_text(draft, a, "x"),
        Err(LoaError::MediaNotAttached { .. })
    ));
    // Attaching a photo again keeps its place and takes the new text.
    store
        .media()
        .attach(
            draft,
            &[NewDraftPhoto {
                media_id: c,
                alt_text: "mới".into(),
            }],
        )
        .expect("again");
    assert_eq!(order(&store, draft)[0], (0, c, "mới".to_owned()));
    assert_eq!(store.media().item(a).expect("still in library").id, a);

    assert!(matches!(
        store.media().attach(
            draft,
            &[NewDraftPhoto {
                media_id: 999,
                alt_text: String::new()
            }]
        ),
        Err(LoaError::MediaNotFound { id: 999 })
    ));
    assert!(matches!(
        store.media().attach(999, &[]),
        Err(LoaError::DraftNotFound { id: 999 })
    ));
    assert!(matches!(
        store.media().of_draft(999),
        Err(LoaError::DraftNotFound { id: 999 })
    ));
    store.drafts().trash(draft).expect("trash");
    assert!(matches!(
        store.media().reorder(draft, &[b, c]),
        Err(LoaError::DraftInTrash { .. })
    ));
}

#[test]
fn deleting_a_draft_removes_its_photo_list_only() {
    let profile = tempfile::tempdir().expect("tempdir");
    let inbox = tempfile::tempdir().expect("tempdir");
    let (draft, ids) = {
        let store = Store::open(profile.path()).expect("open");
        let Some(ids) = three_photos(&store, inbox.path()) else {
            return;
        };
        let draft = store
            .drafts()
            .create(&NewDraft::default())
            .expect("draft")
            .id;
        let photos: Vec<_> = ids
            .iter()
            .map(|&media_id| NewDraftPhoto {
                media_id,
                alt_text: String::new(),
            })
            .collect();
        store.media().attach(draft, &photos).expect("attach");
        (draft, ids)
    };
    let conn =
        rusqlite::Connection::open(profile.path().join(loa_core::paths::DB_FILE)).expect("raw");
    conn.pragma_update(None, "foreign_keys", "ON").expect("fk");
    conn.execute("DELETE FROM drafts WHERE id = ?1", [draft])
        .expect("delete");
    let left: i64 = conn
        .query_row("SELECT count(*) FROM draft_media", [], |r| r.get(0))
        .expect("count");
    assert_eq!(left, 0, "ON DELETE CASCADE");
    drop(conn);
    let store = Store::open(profile.path()).expect("reopen");
    assert_eq!(store.media().list().expect("list").len(), ids.len());
}

/// A small valid PNG logo, written by the photo pipeline itself.
fn png_logo(dir: &Path) -> Option<PathBuf> {
    let src = photo("exif-py/jpg/Canon_40D.jpg", dir, "src.jpg")?;
    let opts = loa_media::Options::builder()
        .max_edge(64)
        .format(loa_media::OutputFormat::Png)
        .build();
    let out = loa_media::process(&std::fs::read(src).expect("read"), &opts).expect("png");
    let logo = dir.join("logo xã.png");
    std::fs::write(&logo, out.bytes).expect("write logo");
    Some(logo)
}

#[test]
fn watermark_settings_default_save_and_keep_the_logo() {
    let (profile, inbox, store) = open();
    let d = store.media().watermark_settings().expect("default");
    assert_eq!(d, WatermarkSettings::default());
    assert_eq!(d.position, WatermarkPosition::BottomRight);
    assert!((d.opacity - 0.85).abs() < f32::EPSILON);

    let Some(logo) = png_logo(inbox.path()) else {
        return;
    };
    let saved = store
        .media()
        .set_watermark_settings(&WatermarkSettings {
            logo_path: Some(logo.clone()),
            text: format!("UBND xã {DECOMPOSED} Tè"),
            position: WatermarkPosition::TopLeft,
            opacity: 0.5,
        })
        .expect("save");
    let copy = saved.logo_path.clone().expect("logo kept");
    assert!(copy.starts_with(profile.path().join("media")), "{copy:?}");
    assert_eq!(saved.text, "UBND xã Mường Tè");
    std::fs::remove_file(&logo).expect("original moved away");
    assert!(copy.is_file());

    drop(store);
    let store = Store::open(profile.path()).expect("reopen");
    assert_eq!(store.media().watermark_settings().expect("load"), saved);

    assert!(matches!(
        store.media().set_watermark_settings(&WatermarkSettings {
            opacity: 1.5,
            ..WatermarkSettings::default()
        }),
        Err(LoaError::InvalidValue { .. })
    ));
    let not_png = inbox.path().join("logo.png");
    std::fs::write(&not_png, "abc").expect("write");
    assert!(matches!(
        store.media().set_watermark_settings(&WatermarkSettings {
            logo_path: Some(not_png),
            ..WatermarkSettings::default()
        }),
        Err(LoaError::WatermarkLogo { .. })
    ));
    assert_eq!(
        store.media().watermark_settings().expect("unchanged"),
        saved,
        "a refused change stores nothing"
    );
    // Clearing the logo.
    let cleared = store
        .media()
        .set_watermark_settings(&WatermarkSettings::default())
        .expect("clear");
    assert_eq!(store.media().watermark_settings().expect("load"), cleared);
    assert_eq!(cleared.logo_path, None);
}

#[test]
fn media_errors_cross_ipc_with_their_codes() {
    let e: loa_core::IpcError = LoaError::MediaUnsupported {
        path: PathBuf::from("a.heic"),
        format: "HEIC".into(),
    }
    .into();
    let json = serde_json::to_value(&e).expect("json");
    assert_eq!(json["code"], "media_unsupported");
    assert_eq!(json["message_id"], "error-media-unsupported");
    assert_eq!(json["args"]["format"], "HEIC");
}
