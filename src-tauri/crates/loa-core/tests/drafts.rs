//! Drafts against a real SQLite file: NFC on every write, autosave semantics, revisions, trash,
//! settings, and durability across reopening.

use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use loa_core::{DraftPatch, DraftStatus, Lang, LoaError, ManualClock, NewDraft, Store, Topic};

const DECOMPOSED: &str = "Mu\u{031B}o\u{031B}\u{0300}ng";

fn store_with_clock() -> (tempfile::TempDir, Store, Arc<ManualClock>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2025, 7, 29, 1, 30, 0)
            .single()
            .expect("date"),
    ));
    let store = Store::open_with_clock(dir.path(), clock.clone()).expect("open");
    (dir, store, clock)
}

fn body(text: &str) -> DraftPatch {
    DraftPatch {
        body: Some(text.to_owned()),
        ..DraftPatch::default()
    }
}

#[test]
fn create_normalises_to_nfc_and_keeps_text_as_typed() {
    let (_d, store, _c) = store_with_clock();
    let text = "Dòng 1\nhttps://dichvucong.gov.vn/p?x=1&y=2 #LũQuét\n\n  thụt lề";
    let d = store
        .drafts()
        .create(&NewDraft {
            title: format!("Bản {DECOMPOSED}"),
            body: text.to_owned(),
            lang: Lang::Vi,
            topic: Topic::WeatherDisaster,
        })
        .expect("create");
    assert_eq!(d.title, "Bản Mường");
    assert_eq!(d.body, text);
    assert_eq!(d.status, DraftStatus::Draft);
    assert_eq!(d.topic, Topic::WeatherDisaster);
    assert_eq!(d.created_at, "2025-07-29T01:30:00.000Z");
    assert_eq!(store.drafts().get(d.id).expect("get"), d);
}

#[test]
fn save_normalises_and_survives_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = {
        let store = Store::open(dir.path()).expect("open");
        let d = store.drafts().create(&NewDraft::default()).expect("create");
        store
            .drafts()
            .save(
                d.id,
                &DraftPatch {
                    title: Some(DECOMPOSED.to_owned()),
                    body: Some(format!("Xã {DECOMPOSED} Tè")),
                    lang: Some(Lang::En),
                    topic: Some(Topic::Health),
                    status: Some(DraftStatus::Ready),
                },
            )
            .expect("save");
        d.id
    };
    let store = Store::open(dir.path()).expect("reopen");
    let d = store.drafts().get(id).expect("get");
    assert_eq!(d.title, "Mường");
    assert_eq!(d.body, "Xã Mường Tè");
    assert_eq!(
        (d.lang, d.topic, d.status),
        (Lang::En, Topic::Health, DraftStatus::Ready)
    );
}

#[test]
fn saving_identical_content_changes_nothing() {
    let (_d, store, clock) = store_with_clock();
    let d = store.drafts().create(&NewDraft::default()).expect("create");
    let saved = store.drafts().save(d.id, &body("a")).expect("save");
    clock.advance(Duration::seconds(30));
    let again = store.drafts().save(d.id, &body("a")).expect("save again");
    assert_eq!(saved.updated_at, again.updated_at);
}

#[test]
fn list_is_most_recent_first() {
    let (_d, store, clock) = store_with_clock();
    let a = store.drafts().create(&NewDraft::default()).expect("a");
    clock.advance(Duration::seconds(1));
    let b = store.drafts().create(&NewDraft::default()).expect("b");
    clock.advance(Duration::seconds(1));
    store.drafts().save(a.id, &body("sửa")).expect("touch a");
    let ids: Vec<i64> = store
        .drafts()
        .list()
        .expect("list")
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, vec![a.id, b.id]);
}

#[test]
fn typing_bursts_coalesce_into_one_revision_and_pauses_start_a_new_one() {
    let (_d, store, clock) = store_with_clock();
    let d = store.drafts().create(&NewDraft::default()).expect("create");
    for text in ["T", "Th", "Thông", "Thông báo"] {
        clock.advance(Duration::seconds(1));
        store.drafts().save(d.id, &body(text)).expect("autosave");
    }
    let revs = store.drafts().revisions(d.id).expect("revisions");
    assert_eq!(revs.len(), 1, "one burst of typing is one revision");
    assert_eq!(revs[0].body, "Thông báo");

    clock.advance(Duration::minutes(10));
    store
        .drafts()
        .save(d.id, &body("Thông báo lịch tiêm"))
        .expect("later");
    let revs = store.drafts().revisions(d.id).expect("revisions");
    assert_eq!(revs.len(), 2);
    assert_eq!(
        revs[0].body, "Thông báo lịch tiêm",
        "newest first, equal to the draft"
    );
    assert_eq!(revs[1].body, "Thông báo");
}

#[test]
fn a_big_deletion_keeps_the_text_from_before_it() {
    let (_d, store, clock) = store_with_clock();
    let long = "Nội dung rất dài. ".repeat(20);
    let d = store
        .drafts()
        .create(&NewDraft {
            body: long.clone(),
            ..NewDraft::default()
        })
        .expect("create");
    clock.advance(Duration::seconds(2));
    store
        .drafts()
        .save(d.id, &body(""))
        .expect("select all, delete");
    let revs = store.drafts().revisions(d.id).expect("revisions");
    assert_eq!(revs.len(), 2);
    assert_eq!(revs[1].body, long);

    clock.advance(Duration::seconds(2));
    let restored = store
        .drafts()
        .restore_revision(d.id, revs[1].id)
        .expect("restore");
    assert_eq!(restored.body, long);
    let revs = store.drafts().revisions(d.id).expect("revisions");
    assert_eq!(revs.len(), 3, "restoring adds a revision; nothing is lost");
    assert_eq!(revs[0].body, long);
    assert_eq!(revs[1].body, "");
}

#[test]
fn restoring_a_revision_of_another_draft_is_refused() {
    let (_d, store, _c) = store_with_clock();
    let a = store.drafts().create(&NewDraft::default()).expect("a");
    let b = store.drafts().create(&NewDraft::default()).expect("b");
    assert!(
        store.drafts().revisions(b.id).expect("revs").is_empty(),
        "history starts at the first edit"
    );
    store.drafts().save(b.id, &body("sửa")).expect("edit b");
    let rev_b = store.drafts().revisions(b.id).expect("revs")[0].id;
    assert!(matches!(
        store.drafts().restore_revision(a.id, rev_b),
        Err(LoaError::RevisionNotFound { .. })
    ));
}

#[test]
fn trash_and_restore_lose_nothing() {
    let (_d, store, _c) = store_with_clock();
    let d = store
        .drafts()
        .create(&NewDraft {
            title: "Cảnh báo lừa đảo".into(),
            body: "Không cung cấp mã OTP.".into(),
            ..NewDraft::default()
        })
        .expect("create");
    store.drafts().trash(d.id).expect("trash");
    assert!(store.drafts().list().expect("list").is_empty());
    let trash = store.drafts().list_trash().expect("trash list");
    assert_eq!(trash.len(), 1);
    assert!(trash[0].deleted_at.is_some());
    assert!(matches!(
        store.drafts().save(d.id, &body("x")),
        Err(LoaError::DraftInTrash { .. })
    ));
    let back = store.drafts().restore(d.id).expect("restore");
    assert_eq!(back, d);
    assert!(store.drafts().list_trash().expect("trash list").is_empty());
    assert_eq!(store.drafts().list().expect("list").len(), 1);
}

#[test]
fn unknown_ids_are_typed_errors() {
    let (_d, store, _c) = store_with_clock();
    assert!(matches!(
        store.drafts().get(42),
        Err(LoaError::DraftNotFound { id: 42 })
    ));
    assert!(matches!(
        store.drafts().trash(42),
        Err(LoaError::DraftNotFound { .. })
    ));
    assert!(matches!(
        store.drafts().restore(42),
        Err(LoaError::DraftNotFound { .. })
    ));
    assert!(matches!(
        store.drafts().revisions(42),
        Err(LoaError::DraftNotFound { .. })
    ));
}

#[test]
fn language_setting_persists_and_defaults_to_vietnamese() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let store = Store::open(dir.path()).expect("open");
        assert_eq!(store.settings().expect("settings").lang, Lang::Vi);
        store.set_lang(Lang::En).expect("set");
    }
    let store = Store::open(dir.path()).expect("reopen");
    assert_eq!(store.settings().expect("settings").lang, Lang::En);
}

#[test]
fn import_reports_bad_files_and_imports_the_rest() {
    let (dir, store, _c) = store_with_clock();
    let src = dir.path().join("in");
    std::fs::create_dir_all(src.join("sub")).expect("mkdir");
    std::fs::write(src.join("a.txt"), "Lịch cúp điện\n\nThôn 3, sáng thứ Bảy.").expect("write");
    std::fs::write(src.join("sub/b.md"), "# Water outage\nSaturday morning.").expect("write");
    std::fs::write(src.join("c.txt"), b"\xd0\xe3ng k\xfd").expect("write");
    std::fs::write(src.join("d.txt"), "\n \n").expect("write");
    std::fs::write(src.join("e.jpg"), b"not text").expect("write");
    let single = dir.path().join("note.pdf");
    std::fs::write(&single, b"x").expect("write");

    let outcomes = store
        .drafts()
        .import(
            &[src.clone(), single.clone(), dir.path().join("missing.txt")],
            None,
        )
        .expect("import");
    let names: Vec<String> = outcomes
        .iter()
        .map(|o| {
            o.file
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        names,
        ["a.txt", "c.txt", "d.txt", "b.md", "note.pdf", "missing.txt"]
    );
    assert!(outcomes[0].result.is_ok());
    assert!(matches!(
        outcomes[1].result,
        Err(LoaError::FileNotUtf8 { .. })
    ));
    assert!(matches!(
        outcomes[2].result,
        Err(LoaError::FileEmpty { .. })
    ));
    assert!(outcomes[3].result.is_ok());
    assert!(matches!(
        outcomes[4].result,
        Err(LoaError::FileUnsupported { .. })
    ));
    assert!(matches!(outcomes[5].result, Err(LoaError::ReadFile { .. })));

    let a = store
        .drafts()
        .get(*outcomes[0].result.as_ref().expect("a"))
        .expect("get a");
    assert_eq!(
        (a.title.as_str(), a.body.as_str(), a.lang),
        ("Lịch cúp điện", "Thôn 3, sáng thứ Bảy.", Lang::Vi)
    );
    let b = store
        .drafts()
        .get(*outcomes[3].result.as_ref().expect("b"))
        .expect("get b");
    assert_eq!((b.title.as_str(), b.lang), ("Water outage", Lang::En));
    assert_eq!(store.drafts().list().expect("list").len(), 2);
}

/// Real articles from ../shared/testdata: they must import with their text intact (NFC).
#[test]
fn real_news_articles_import_intact() {
    let Some(corpus) = loa_testdata::path("vietnamese-text") else {
        return;
    };
    let entries = std::fs::read_dir(&corpus).expect("list the news corpus");
    // Find a few article files wherever they are in the set.
    let mut files = Vec::new();
    let mut stack: Vec<std::path::PathBuf> =
        entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    while let Some(p) = stack.pop() {
        if p.is_dir() && !p.ends_with("legacy-encodings") {
            stack.extend(
                std::fs::read_dir(&p)
                    .into_iter()
                    .flatten()
                    .filter_map(|e| e.ok().map(|e| e.path())),
            );
        } else if p.extension().is_some_and(|e| e == "txt") && files.len() < 25 {
            files.push(p);
        }
    }
    assert!(
        !files.is_empty(),
        "no .txt articles under {}",
        corpus.display()
    );
    let (_d, store, _c) = store_with_clock();
    let outcomes = store.drafts().import(&files, None).expect("import");
    for o in &outcomes {
        let id = *o
            .result
            .as_ref()
            .unwrap_or_else(|e| panic!("{}: {e}", o.file.display()));
        let d = store.drafts().get(id).expect("get");
        let original = std::fs::read_to_string(&o.file).expect("utf-8 article");
        let expected = loa_core::text::nfc(&original.replace("\r\n", "\n"));
        assert!(
            expected.contains(d.title.trim()),
            "title comes from the file"
        );
        assert!(
            expected.trim_end().ends_with(d.body.trim_end()),
            "body is the rest of the file"
        );
    }
}

/// Only publishing marks a draft published: set by hand it would hide a post that never went out.
#[test]
fn a_draft_cannot_be_marked_published_by_hand() {
    let (_dir, store, _clock) = store_with_clock();
    let d = store
        .drafts()
        .create(&NewDraft {
            title: "Thông báo".into(),
            ..NewDraft::default()
        })
        .expect("create");
    let err = store
        .drafts()
        .save(
            d.id,
            &DraftPatch {
                status: Some(DraftStatus::Published),
                ..DraftPatch::default()
            },
        )
        .expect_err("refused");
    assert!(
        matches!(err, LoaError::PublishedByHand { id } if id == d.id),
        "{err:?}"
    );
    assert_eq!(
        store.drafts().get(d.id).expect("get").status,
        DraftStatus::Draft
    );
    // Other statuses still change by hand.
    let ready = store
        .drafts()
        .save(
            d.id,
            &DraftPatch {
                status: Some(DraftStatus::Ready),
                ..DraftPatch::default()
            },
        )
        .expect("ready");
    assert_eq!(ready.status, DraftStatus::Ready);
}
