//! The template store: seeding the built-in pack, import and export, the officer's own
//! templates, author mode, and the messages of template errors.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use loa_core::{Lang, LoaError, Localizer, PackWatcher, Store, TemplateOrigin};
use loa_templates::{Category, FileMap, Pack, TemplateError, builtin};

fn open(dir: &Path) -> Store {
    Store::open(dir).expect("opens")
}

/// A copy of built-in template `from` renamed `to` (folder and manifest id), as a one-template
/// pack: what an officer gets by adapting a built-in template.
fn renamed(from: &str, to: &str) -> Pack {
    let one = builtin()
        .expect("built-in pack")
        .subset(&[from])
        .expect("subset");
    let mut files = FileMap::new();
    for (path, bytes) in one.into_files() {
        let path = match path.strip_prefix(&format!("{from}/")) {
            Some(rest) => format!("{to}/{rest}"),
            None => path,
        };
        let bytes = if path == format!("{to}/template.json") || path == "pack.json" {
            String::from_utf8(bytes)
                .expect("UTF-8")
                .replace(&format!("\"{from}\""), &format!("\"{to}\""))
                .into_bytes()
        } else {
            bytes
        };
        files.insert(path, bytes);
    }
    let mut pack: serde_json::Value =
        serde_json::from_slice(&files["pack.json"]).expect("pack.json");
    pack["id"] = "officer-pack".into();
    files.insert("pack.json".into(), serde_json::to_vec(&pack).expect("json"));
    Pack::from_files(files).expect("a valid renamed pack")
}

#[test]
fn a_new_profile_has_the_builtin_templates_in_pack_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    let listed = store.templates().list().expect("lists");
    let shipped = builtin().expect("built-in pack");
    let ids: Vec<&str> = listed.iter().map(|t| t.manifest.id.as_str()).collect();
    let expected: Vec<&str> = shipped.templates().iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, expected);
    assert!(listed.iter().all(|t| t.origin == TemplateOrigin::Builtin));
    assert!(listed.iter().all(|t| t.pack_id == "loa-builtin"));

    // Each stored template is a complete pack of its own: shared files included.
    let first = &expected[0];
    let pack = store.templates().pack(first).expect("pack");
    assert_eq!(pack.templates().len(), 1);
    assert!(pack.file("lib.typ").is_some());
    assert_eq!(
        pack.hash(),
        shipped.subset(&[first]).expect("subset").hash(),
        "stored files are the shipped files"
    );
}

#[test]
fn opening_again_costs_nothing_and_keeps_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let before = open(dir.path()).templates().list().expect("lists");
    let store = open(dir.path());
    let again = store.templates().seed_builtin().expect("seeds");
    assert!(again.unchanged, "{again:?}");
    assert_eq!(store.templates().list().expect("lists"), before);
    // A forced reseed finds every template up to date.
    let forced = store.templates().reseed_builtin().expect("reseeds");
    assert!(
        forced.added.is_empty() && forced.upgraded.is_empty(),
        "{forced:?}"
    );
}

#[test]
fn imported_templates_are_listed_after_builtin_ones_and_survive_reseeding() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    let file = dir.path().join("my.zip");
    let first = builtin().expect("pack").templates()[0].id.clone();
    renamed(&first, "my-notice")
        .write_zip_file(&file)
        .expect("writes");
    let imported = store.templates().import_pack(&file).expect("imports");
    assert_eq!(imported.len(), 1);
    assert_eq!(imported[0].origin, TemplateOrigin::Imported);
    assert_eq!(imported[0].pack_id, "officer-pack");
    let listed = store.templates().list().expect("lists");
    assert_eq!(
        listed.last().map(|t| t.manifest.id.as_str()),
        Some("my-notice")
    );
    let before = store.templates().get("my-notice").expect("stored");
    let reseed = store.templates().reseed_builtin().expect("reseeds");
    assert!(reseed.kept_own.is_empty());
    assert_eq!(
        store.templates().get("my-notice").expect("still there"),
        before
    );

    // Importing it again replaces it; removing it works; a built-in one cannot be removed.
    store.templates().import_pack(&file).expect("imports again");
    assert_eq!(store.templates().list().expect("lists").len(), listed.len());
    store.templates().delete("my-notice").expect("removes");
    assert!(matches!(
        store.templates().get("my-notice"),
        Err(LoaError::Template(TemplateError::TemplateNotFound { .. }))
    ));
    assert!(matches!(
        store.templates().delete(&first),
        Err(LoaError::TemplateBuiltin { .. })
    ));
}

#[test]
fn a_pack_never_replaces_the_officers_own_template_unless_confirmed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    let first = builtin().expect("pack").templates()[0].id.clone();
    // The officer's own template "my-notice" (saved from author mode).
    let own = renamed(&first, "my-notice");
    store
        .templates()
        .save_user(&own, "my-notice")
        .expect("saves own");
    let before = store.templates().get("my-notice").expect("own");
    assert_eq!(before.origin, TemplateOrigin::User);
    // A pack from elsewhere with the same id: refused whole, the own template untouched.
    let file = dir.path().join("from-the-district.zip");
    renamed(&first, "my-notice")
        .write_zip_file(&file)
        .expect("writes");
    let err = store
        .templates()
        .import_pack(&file)
        .expect_err("refused without confirmation");
    assert!(
        matches!(&err, LoaError::TemplateIdTaken { id, own: true } if id == "my-notice"),
        "{err:?}"
    );
    assert_eq!(err.args().get("taken_by").map(String::as_str), Some("own"));
    assert_eq!(store.templates().get("my-notice").expect("kept"), before);
    // Confirmed: the pack's template takes its place.
    let pack = Pack::from_zip_file(&file).expect("pack");
    let replaced = store.templates().import(&pack, true).expect("replaces");
    assert_eq!(replaced[0].origin, TemplateOrigin::Imported);
}

#[test]
fn a_pack_with_a_builtin_id_is_refused_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    let file = dir.path().join("builtin-copy.zip");
    let shipped = builtin().expect("pack");
    let ids: Vec<&str> = shipped
        .templates()
        .iter()
        .map(|t| t.id.as_str())
        .take(2)
        .collect();
    // One new template and one that clashes: nothing at all is imported.
    let clash = Pack::merge(&[
        renamed(ids[0], "brand-new"),
        shipped.subset(&[ids[1]]).expect("subset"),
    ]);
    let clash = match clash {
        Ok(p) => p,
        // The renamed copy and the shipped one share lib.typ, so they merge; if the shipped pack
        // ever holds differing shared files, export them apart instead.
        Err(e) => panic!("{e}"),
    };
    clash.write_zip_file(&file).expect("writes");
    let count = store.templates().list().expect("lists").len();
    assert!(matches!(
        store.templates().import_pack(&file),
        Err(LoaError::TemplateIdTaken { id, own: false }) if id == ids[1]
    ));
    assert_eq!(store.templates().list().expect("lists").len(), count);
}

#[test]
fn export_then_import_round_trips() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    let shipped = builtin().expect("pack");
    let ids: Vec<String> = shipped
        .templates()
        .iter()
        .map(|t| t.id.clone())
        .take(3)
        .collect();
    let file = dir.path().join("three.zip");
    store.templates().export_pack(&ids, &file).expect("exports");
    let back = Pack::from_zip_file(&file).expect("a valid pack file");
    let back_ids: Vec<&str> = back.templates().iter().map(|t| t.id.as_str()).collect();
    assert_eq!(back_ids, ids.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(
        back.hash(),
        shipped
            .subset(&ids.iter().map(String::as_str).collect::<Vec<_>>())
            .expect("subset")
            .hash()
    );
    // Into another profile, where they are built-in already: refused, nothing changes.
    let other = tempfile::tempdir().expect("tempdir");
    assert!(matches!(
        open(other.path()).templates().import_pack(&file),
        Err(LoaError::TemplateIdTaken { .. })
    ));
    assert!(store.templates().export_pack(&[], &file).is_err());
    assert!(matches!(
        store.templates().export_pack(&["nope".to_owned()], &file),
        Err(LoaError::Template(TemplateError::TemplateNotFound { .. }))
    ));
}

#[test]
fn a_damaged_pack_file_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    let file = dir.path().join("broken.zip");
    std::fs::write(&file, b"PK\x03\x04 not really").expect("write");
    let err = store.templates().import_pack(&file).expect_err("refused");
    let msg = Localizer::new(Lang::Vi).error(&err);
    assert!(
        msg.contains("broken.zip") && msg.contains("gói mẫu"),
        "{msg}"
    );
}

#[test]
fn template_errors_read_well_in_both_languages() {
    let e = LoaError::Template(TemplateError::MissingField {
        key: "title".into(),
        label: "Tiêu đề".into(),
    });
    assert_eq!(
        Localizer::new(Lang::Vi).error(&e),
        "Chưa điền “Tiêu đề”: đây là trường bắt buộc.",
        "the officer's sentence names the field by its label, never by its key"
    );
    let ipc: loa_core::IpcError = e.into();
    assert_eq!(ipc.message_id, "template-error-missing-field");
    assert_eq!(ipc.args["key"], "title");
    let e = LoaError::Template(TemplateError::WrongType {
        key: "areas".into(),
        label: "Areas".into(),
        expected: "list".into(),
    });
    assert_eq!(
        Localizer::new(Lang::En).error(&e),
        "“Areas” must be a list of lines."
    );
    // A list line that is too long is named by its number.
    let e = LoaError::Template(TemplateError::TooLong {
        key: "areas".into(),
        label: "Khu vực".into(),
        max: 40,
        len: 62,
        line: Some(4),
    });
    assert_eq!(
        Localizer::new(Lang::Vi).error(&e),
        "“Khu vực”: dòng 4 dài 62 ký tự (tối đa 40). Hãy viết ngắn lại."
    );
    let e = LoaError::Template(TemplateError::TooLong {
        key: "title".into(),
        label: "Title".into(),
        max: 80,
        len: 81,
        line: None,
    });
    assert_eq!(
        Localizer::new(Lang::En).error(&e),
        "“Title” is 81 characters long; at most 80 fit. Please shorten it."
    );
    for lang in Lang::ALL {
        let l = Localizer::new(lang);
        for code in TemplateError::CODES {
            let id = loa_templates::error::message_id_for(code);
            assert!(l.has(&id), "{id} missing in {lang}");
        }
        for c in Category::ALL {
            assert!(l.has(&format!("template-category-{}", c.as_str())), "{c:?}");
        }
        for o in ["builtin", "user", "imported"] {
            assert!(l.has(&format!("template-origin-{o}")));
        }
    }
}

#[test]
fn author_mode_reloads_the_pack_on_every_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let shipped = builtin().expect("pack");
    let first = shipped.templates()[0].id.clone();
    for (path, bytes) in shipped
        .subset(&[first.as_str()])
        .expect("subset")
        .into_files()
    {
        let full = dir.path().join(&path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, bytes).expect("write");
    }
    let (tx, rx) = mpsc::channel();
    let watcher = PackWatcher::start_with(dir.path(), Duration::from_millis(50), move |e| {
        let _ = tx.send(e);
    })
    .expect("starts");
    let initial = rx.recv_timeout(Duration::from_secs(5)).expect("first load");
    assert!(initial.pack.is_ok() && initial.changed.is_empty());

    let layout = dir.path().join(&first).join("layout.typ");
    let mut text = std::fs::read_to_string(&layout).expect("read");
    text.push_str("\n// edited\n");
    std::fs::write(&layout, &text).expect("save");
    let event = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("reload after a save");
    let pack = event.pack.expect("still valid");
    assert!(
        pack.text(&format!("{first}/layout.typ"))
            .is_some_and(|t| t.ends_with("// edited\n"))
    );
    assert!(event.changed.iter().any(|p| p.ends_with("layout.typ")));

    std::fs::write(dir.path().join(&first).join("template.json"), b"{").expect("save");
    let event = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("reload after a bad save");
    assert!(matches!(event.pack, Err(TemplateError::PackInvalid { .. })));
    watcher.stop();
}

#[test]
fn author_mode_needs_a_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(matches!(
        PackWatcher::start(&dir.path().join("missing"), |_| {}),
        Err(LoaError::FolderNotFound { .. })
    ));
}
