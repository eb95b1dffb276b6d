//! Every message exists in both languages, every file parses, and the ids the core relies on exist.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::Entry;
use loa_core::{ConnectFailure, DraftStatus, ErrorCode, Lang, Localizer, Topic};

fn locales_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../locales")
}

/// file name -> message ids, for one language.
fn messages(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(locales_dir().join(lang)).expect("locale dir") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let src = std::fs::read_to_string(&path).expect("UTF-8 .ftl");
        let res = fluent_syntax::parser::parse(src.as_str())
            .unwrap_or_else(|(_, errs)| panic!("{} does not parse: {errs:?}", path.display()));
        let ids = res
            .body
            .iter()
            .filter_map(|e| match e {
                Entry::Message(m) => Some(m.id.name.to_owned()),
                Entry::Term(t) => Some(format!("-{}", t.id.name)),
                _ => None,
            })
            .collect();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        out.insert(name, ids);
    }
    out
}

#[test]
fn both_languages_have_the_same_files_and_messages() {
    let vi = messages("vi");
    let en = messages("en");
    assert_eq!(
        vi.keys().collect::<Vec<_>>(),
        en.keys().collect::<Vec<_>>(),
        "locales/vi and locales/en must hold the same files"
    );
    for (file, vi_ids) in &vi {
        let en_ids = &en[file];
        let only_vi: Vec<_> = vi_ids.difference(en_ids).collect();
        let only_en: Vec<_> = en_ids.difference(vi_ids).collect();
        assert!(
            only_vi.is_empty() && only_en.is_empty(),
            "{file}: only in vi {only_vi:?}; only in en {only_en:?}"
        );
    }
}

#[test]
fn ids_the_core_uses_exist_in_both_languages() {
    for lang in Lang::ALL {
        let l = Localizer::new(lang);
        let mut needed: Vec<String> = ErrorCode::ALL
            .iter()
            .map(|c| c.message_id().to_owned())
            .collect();
        needed.extend(Topic::ALL.iter().map(|t| format!("topic-{t}")));
        needed.extend(DraftStatus::ALL.iter().map(|s| format!("status-{s}")));
        needed.extend(Lang::ALL.iter().map(|x| format!("lang-{x}")));
        needed.extend(ConnectFailure::ALL.iter().map(|f| f.message_id()));
        for id in needed {
            assert!(l.has(&id), "{id} missing in {lang}");
        }
    }
}

#[test]
fn messages_format_with_their_arguments() {
    let e = loa_core::LoaError::DraftNotFound { id: 7 };
    assert_eq!(
        Localizer::new(Lang::Vi).error(&e),
        "Không tìm thấy bản nháp số 7."
    );
    assert_eq!(Localizer::new(Lang::En).error(&e), "Draft 7 was not found.");
    let e: loa_core::LoaError = "bão".parse::<Topic>().expect_err("not a topic");
    let vi = Localizer::new(Lang::Vi).error(&e);
    assert!(
        vi.contains("“bão”") && vi.contains("chủ đề") && vi.contains("weather_disaster"),
        "{vi}"
    );
}
