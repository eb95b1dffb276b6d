//! The built-in pack embedded in the binary is valid, and its sample data passes the checks of
//! its own templates in both languages.

use std::path::{Path, PathBuf};

use loa_templates::{Lang, Pack, RawData, Size, builtin, caption, has_builtin, prepare};

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../assets/templates")
}

#[test]
fn the_builtin_pack_is_valid_and_matches_the_folder() {
    assert!(has_builtin(), "assets/templates/pack.json is embedded");
    let pack = builtin().expect("the built-in pack passes the contract checks");
    assert_eq!(pack.id(), "loa-builtin");
    assert!(!pack.templates().is_empty());
    let on_disk = Pack::from_dir(&assets()).expect("the folder reads");
    assert_eq!(
        on_disk.hash(),
        pack.hash(),
        "the embedded pack is the folder's (rebuild after editing assets/templates)"
    );
}

#[test]
fn every_sample_passes_its_template_in_both_languages() {
    let pack = builtin().expect("valid pack");
    for t in pack.templates() {
        for lang in Lang::ALL {
            let path = assets().join(&t.id).join(format!("sample.{lang}.json"));
            let raw =
                RawData::from_file(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            for size in &t.sizes {
                let p = prepare(pack, &t.id, &raw, lang, *size)
                    .unwrap_or_else(|e| panic!("{} {lang} {size}: {e}", t.id));
                assert!(p.warnings.is_empty(), "{} {lang}: {:?}", t.id, p.warnings);
            }
            let c = caption(pack, &t.id, &raw, lang).expect("caption");
            assert!(c.chars().count() > 40, "{} {lang}: caption {c:?}", t.id);
            assert!(!c.contains('{') && !c.contains('}'), "{} {lang}: {c}", t.id);
        }
        assert!(
            t.sizes.contains(&Size::Portrait),
            "{} offers 1080x1350",
            t.id
        );
    }
}
