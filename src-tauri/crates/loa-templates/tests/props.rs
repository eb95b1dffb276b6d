//! Property tests for what templates take from outside: pack manifests and pack files, and the
//! officer's form data. Nothing panics, and what is accepted respects the template's limits.

use std::io::Write;

use loa_templates::data::{clean_text, parse_date, parse_datetime, parse_time};
use loa_templates::{FieldType, FieldValue, Lang, Pack, RawData, Size, builtin, prepare, validate};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,24}".prop_map(Value::String),
        // Values that look like what fields expect, and near misses.
        prop_oneof![
            Just("2025-07-29"),
            Just("2025-02-30"),
            Just("07:30"),
            Just("24:00"),
            Just("7:5"),
            Just("2025-07-29T07:30:00+07:00"),
            Just("2025-07-29T07:30"),
            Just("https://dichvucong.gov.vn"),
            Just("http://"),
            Just("javascript:alert(1)"),
            Just("1"),
            Just("3"),
            Just("#read(\"/etc/passwd\")"),
            Just("/dev/zero"),
            Just("../../etc/passwd"),
        ]
        .prop_map(|s| Value::String(s.to_owned())),
        "[a-zA-Zà-ỹ \\n\\t\\r\\u{0}-\\u{1f}]{0,300}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 40, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn lang() -> impl Strategy<Value = Lang> {
    prop_oneof![Just(Lang::Vi), Just(Lang::En)]
}

/// Form data for a built-in template: each of its fields gets a random value, plus a few
/// unknown keys.
fn form_data() -> impl Strategy<Value = (usize, Map<String, Value>)> {
    let pack = builtin().expect("the built-in pack");
    let n = pack.templates().len();
    (0..n).prop_flat_map(move |i| {
        let keys: Vec<String> = builtin().expect("pack").templates()[i]
            .fields
            .iter()
            .map(|f| f.key.clone())
            .chain(["unknown".to_owned()])
            .collect();
        let values = prop::collection::vec(prop::option::of(json_value()), keys.len());
        values.prop_map(move |vals| {
            let map = keys
                .iter()
                .zip(vals)
                .filter_map(|(k, v)| v.map(|v| (k.clone(), v)))
                .collect::<Map<_, _>>();
            (i, map)
        })
    })
}

fn zip_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("start");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn form_data_never_panics_and_accepted_values_respect_the_limits(
        (i, data) in form_data(), lang in lang(),
    ) {
        let pack = builtin().expect("pack");
        let t = &pack.templates()[i];
        // Photos resolve against an empty folder: never a file of this machine.
        let dir = tempfile::tempdir().expect("tempdir");
        let raw = RawData::new(Value::Object(data)).expect("object").with_base_dir(dir.path());
        if let Ok(values) = validate(t, &raw, lang) {
            for f in &t.fields {
                let max_len = f.max_len.map(|m| m as usize);
                let max_items = f.max_items.map(|m| m as usize);
                match values.values.get(&f.key) {
                    Some(FieldValue::Text(s)) => {
                        prop_assert!(max_len.is_none_or(|m| s.chars().count() <= m));
                        prop_assert!(!s.chars().any(|c| c.is_control() && c != '\n'));
                        if f.kind == FieldType::Text {
                            prop_assert!(!s.contains('\n'));
                        }
                    }
                    Some(FieldValue::List(items)) => {
                        prop_assert!(max_items.is_none_or(|m| items.len() <= m));
                        prop_assert!(items.iter().all(|s| max_len.is_none_or(|m| s.chars().count() <= m)));
                    }
                    Some(FieldValue::Table(rows)) => {
                        prop_assert!(max_items.is_none_or(|m| rows.len() <= m));
                        prop_assert!(rows.iter().all(|r| r.len() == f.columns.len()));
                    }
                    _ => {}
                }
            }
        }
        // The whole preparation (caption, labels, the layout's data) never panics either.
        for size in t.sizes.iter().copied().chain([Size::A3]) {
            let _ = prepare(pack, &t.id, &raw, lang, size);
        }
    }

    #[test]
    fn text_cleaning_and_date_parsing_never_panic(s in "\\PC{0,80}|[0-9:T+-]{0,30}") {
        for multiline in [false, true] {
            let c = clean_text(&s, multiline);
            prop_assert!(!c.chars().any(|ch| ch.is_control() && !(multiline && ch == '\n')));
            // NFC can only grow a string by its composition exclusions, at most threefold.
            prop_assert!(c.chars().count() <= 3 * s.chars().count());
        }
        let _ = (parse_date(&s), parse_time(&s), parse_datetime(&s));
    }

    #[test]
    fn manifests_of_any_shape_are_refused_not_panicked_on(
        pack_json in json_value(), template_json in json_value(), raw_text in ".{0,200}",
    ) {
        let base = builtin().expect("pack").subset(&["good-deeds"]).expect("subset").into_files();
        for (path, bytes) in [
            ("pack.json", pack_json.to_string().into_bytes()),
            ("good-deeds/template.json", template_json.to_string().into_bytes()),
            ("good-deeds/template.json", raw_text.clone().into_bytes()),
            ("good-deeds/vi.ftl", raw_text.clone().into_bytes()),
            ("pack.json", raw_text.clone().into_bytes()),
        ] {
            let mut files = base.clone();
            files.insert(path.to_owned(), bytes);
            let _ = Pack::from_files(files);
        }
    }

    #[test]
    fn pack_zips_of_any_bytes_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..600),
        names in prop::collection::vec("[a-z./\\\\:_-]{0,20}", 0..6),
    ) {
        let _ = Pack::from_zip_bytes(&bytes, "p.zip");
        let mut names = names;
        names.sort();
        names.dedup();
        let files: Vec<(String, Vec<u8>)> = names.into_iter().map(|n| (n, bytes.clone())).collect();
        let _ = Pack::from_zip_bytes(&zip_of(&files), "p.zip");
        // A real pack with bytes flipped.
        let mut good = builtin().expect("pack").subset(&["outage"]).expect("subset")
            .to_zip_bytes().expect("zip");
        let n = good.len();
        for (i, b) in bytes.iter().enumerate() {
            good[(i * 131) % n] ^= b;
        }
        let _ = Pack::from_zip_bytes(&good, "p.zip");
    }
}
