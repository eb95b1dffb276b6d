//! The built-in templates under hostile data: every text at its longest, words without spaces,
//! Typst markup in every field, and only the required fields. Each must give one page with no
//! text cut off (the layouts shrink and wrap), never an error.

mod common;

use std::sync::Mutex;

use common::{RENDERER, builtin_dir};
use loa_render::{Format, TEXT_CUT_WARNING};
use loa_templates::{Field, FieldType, Lang, RawData, Size, TemplateManifest};
use serde_json::{Value, json};

/// Length used for fields without a limit (a paragraph an officer might paste).
const UNLIMITED: usize = 600;
const ITEMS_UNLIMITED: usize = 20;

/// Failures of the built-in pack known and reported to its author, not yet fixed: they are
/// printed on every run, and the test says when one is fixed so the line can go.
///
/// - key-figures: a 20–40-character word without spaces in a figure's label or unit is not
///   broken, and runs out of its card and off the page (1080×1350, 1200×630).
const KNOWN: &[(&str, &str)] = &[("key-figures", "Unbroken")];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Variant {
    /// Vietnamese words up to every limit.
    Longest,
    /// The same length without a single space.
    Unbroken,
    /// Typst and HTML markup in every text.
    Markup,
    /// Only the required fields.
    Minimal,
}

fn filler(variant: Variant, len: usize, seed: usize) -> String {
    let text = match variant {
        Variant::Longest => {
            "Đề nghị bà con thôn Nậm Cang khẩn trương di chuyển người và tài sản đến nơi an toàn "
        }
        Variant::Unbroken => "NghiêngNgửaTrườngThiên",
        Variant::Markup => "#read(\"/etc/passwd\") ] [ $x$ *b* _i_ `r` <l> @r \\ // ",
        Variant::Minimal => "x",
    };
    text.chars().cycle().skip(seed % 7).take(len).collect()
}

fn value_for(field: &Field, variant: Variant) -> Option<Value> {
    let len = field.max_len.map_or(UNLIMITED, |m| m as usize);
    let items = field.max_items.map_or(ITEMS_UNLIMITED, |m| m as usize);
    match field.kind {
        FieldType::Text | FieldType::Multiline => Some(json!(filler(variant, len, 0))),
        FieldType::List => Some(json!(
            (0..items)
                .map(|i| filler(variant, len, i))
                .collect::<Vec<_>>()
        )),
        FieldType::Table => Some(json!(
            (0..items)
                .map(|i| field
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(c, _)| filler(variant, len, i + c))
                    .collect::<Vec<_>>())
                .collect::<Vec<_>>()
        )),
        // Dates, choices, photos and QR addresses keep their sample values.
        _ => None,
    }
}

fn data_for(t: &TemplateManifest, variant: Variant) -> RawData {
    let dir = builtin_dir().join(&t.id);
    let mut raw = RawData::from_file(&dir.join("sample.vi.json")).expect("sample data");
    for field in &t.fields {
        match variant {
            Variant::Minimal if !field.required => {
                raw.values.remove(&field.key);
            }
            Variant::Minimal => {}
            _ => {
                if let Some(v) = value_for(field, variant) {
                    raw.set(&field.key, v);
                }
            }
        }
    }
    raw
}

#[test]
fn builtin_templates_survive_hostile_data() {
    let pack = loa_templates::builtin().expect("the built-in pack");
    let mut cases = Vec::new();
    for t in pack.templates() {
        for (variant, sizes) in [
            (Variant::Longest, vec![Size::Portrait, Size::Landscape]),
            (Variant::Unbroken, vec![Size::Portrait, Size::Landscape]),
            (Variant::Markup, vec![Size::Portrait]),
            (Variant::Minimal, vec![Size::Portrait]),
        ] {
            for size in sizes.into_iter().filter(|s| t.sizes.contains(s)) {
                cases.push((t, variant, size));
            }
        }
    }
    let failures = Mutex::new(Vec::new());
    let next = Mutex::new(0usize);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().expect("lock");
                        *n += 1;
                        *n - 1
                    };
                    let Some((t, variant, size)) = cases.get(i) else {
                        break;
                    };
                    let name = format!("{} {variant:?} {size}", t.id);
                    let raw = data_for(t, *variant);
                    let problem =
                        match RENDERER.render(pack, &t.id, &raw, Lang::Vi, *size, Format::Png) {
                            Err(e) => Some(e.to_string()),
                            Ok(r) => {
                                let cut =
                                    r.warnings.iter().find(|w| w.starts_with(TEXT_CUT_WARNING));
                                if cut.is_some() {
                                    // Left for a person to look at.
                                    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                                        .join("hostile-failures");
                                    let _ = std::fs::create_dir_all(&dir);
                                    let _ = std::fs::write(
                                        dir.join(format!("{}-{variant:?}-{size}.png", t.id)),
                                        &r.bytes,
                                    );
                                }
                                cut.cloned()
                            }
                        };
                    if let Some(p) = problem {
                        failures.lock().expect("lock").push(format!("{name}: {p}"));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().expect("lock");
    let is_known = |f: &String| {
        KNOWN
            .iter()
            .any(|(id, v)| f.starts_with(&format!("{id} {v} ")))
    };
    for f in failures.iter().filter(|f| is_known(f)) {
        eprintln!("KNOWN TEMPLATE PROBLEM (reported, not yet fixed): {f}");
    }
    for (id, v) in KNOWN {
        if !failures
            .iter()
            .any(|f| f.starts_with(&format!("{id} {v} ")))
        {
            eprintln!("{id} {v} passes now: remove it from KNOWN");
        }
    }
    failures.retain(|f| !is_known(f));
    assert!(
        failures.is_empty(),
        "{} of {} hostile renders failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
