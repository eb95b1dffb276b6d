//! Every Fluent id the command line asks for exists in both languages.

use loa_core::{Lang, Localizer};

#[test]
fn cli_message_ids_exist_in_both_languages() {
    let src_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(&src_dir).expect("src") {
        let src = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        let mut rest = src.as_str();
        while let Some(i) = rest.find("\"cli-") {
            let tail = &rest[i + 1..];
            let end = tail.find('"').expect("closing quote");
            ids.push(tail[..end].to_owned());
            rest = &tail[end..];
        }
    }
    assert!(ids.len() >= 5, "found the ids the CLI uses: {ids:?}");
    for lang in Lang::ALL {
        let l = Localizer::new(lang);
        for id in &ids {
            assert!(l.has(id), "{id} missing in locales/{lang}");
        }
    }
}
