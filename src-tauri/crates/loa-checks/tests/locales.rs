//! Every message and fix id the crate can produce exists in both locales/vi/checks.ftl and
//! locales/en/checks.ftl, and both files parse.

use std::collections::BTreeSet;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, PatternElement};

const VI: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../locales/vi/checks.ftl"
));
const EN: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../locales/en/checks.ftl"
));

/// message id -> variables it uses.
fn messages(name: &str, src: &str) -> Vec<(String, BTreeSet<String>)> {
    let res = fluent_syntax::parser::parse(src)
        .unwrap_or_else(|(_, errs)| panic!("{name} does not parse: {errs:?}"));
    res.body
        .iter()
        .filter_map(|e| match e {
            Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    for el in &p.elements {
                        if let PatternElement::Placeable {
                            expression:
                                Expression::Inline(InlineExpression::VariableReference { id }),
                        } = el
                        {
                            vars.insert(id.name.to_owned());
                        }
                    }
                }
                Some((m.id.name.to_owned(), vars))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn every_rule_has_a_message_and_a_fix_in_both_languages() {
    for (name, src) in [("vi/checks.ftl", VI), ("en/checks.ftl", EN)] {
        let ids: BTreeSet<String> = messages(name, src).into_iter().map(|(id, _)| id).collect();
        for rule in loa_checks::RULES {
            assert!(
                ids.contains(rule.message_id),
                "{name} lacks {}",
                rule.message_id
            );
            assert!(ids.contains(rule.fix_id), "{name} lacks {}", rule.fix_id);
        }
    }
}

#[test]
fn both_files_hold_the_same_ids_with_the_same_variables() {
    let vi = messages("vi/checks.ftl", VI);
    let en = messages("en/checks.ftl", EN);
    assert_eq!(
        vi.iter().map(|(id, _)| id).collect::<Vec<_>>(),
        en.iter().map(|(id, _)| id).collect::<Vec<_>>(),
        "vi and en must list the same ids in the same order"
    );
    for ((id, vi_vars), (_, en_vars)) in vi.iter().zip(&en) {
        assert_eq!(vi_vars, en_vars, "{id}: variables differ between vi and en");
    }
}

#[test]
fn ids_are_unique() {
    for (name, src) in [("vi/checks.ftl", VI), ("en/checks.ftl", EN)] {
        let all = messages(name, src);
        let set: BTreeSet<&String> = all.iter().map(|(id, _)| id).collect();
        assert_eq!(set.len(), all.len(), "{name} repeats an id");
    }
}

#[test]
fn every_finding_args_match_the_message_variables() {
    use chrono::{TimeZone, Utc};
    use loa_checks::{PhotoInput, PostInput, check};

    let now = Utc
        .with_ymd_and_hms(2025, 7, 29, 8, 0, 0)
        .single()
        .expect("valid fixed date");
    let photos: Vec<PhotoInput<'_>> = (0..11)
        .map(|_| PhotoInput {
            alt_text: "",
            bytes: 5_000_000,
            width: 2048,
            height: 1536,
        })
        .collect();
    let title = format!("Céng hoµ x· héi {}", "a".repeat(200));
    let body = format!(
        "CCCD 001203004567, CMND 123456789, ĐT 0912345678, a@b.vn, Ha\u{300} {}",
        "b".repeat(63_300)
    );
    let mut findings = check(&PostInput {
        title: &title,
        body: &body,
        photos: &photos,
        channels: &[],
        scheduled_at: Some(now),
        now,
    });
    findings.extend(check(&PostInput {
        title: "",
        body: " ",
        photos: &[],
        channels: &[],
        scheduled_at: None,
        now,
    }));
    let produced: BTreeSet<&str> = findings.iter().map(|f| f.code).collect();
    let all: BTreeSet<&str> = loa_checks::RULES.iter().map(|r| r.code).collect();
    assert_eq!(
        produced, all,
        "this test should produce every kind of finding"
    );

    for (name, src) in [("vi/checks.ftl", VI), ("en/checks.ftl", EN)] {
        let msgs = messages(name, src);
        for f in &findings {
            let vars = &msgs
                .iter()
                .find(|(id, _)| id == f.message_id)
                .expect("message exists")
                .1;
            let keys: BTreeSet<String> = f.args.keys().cloned().collect();
            assert_eq!(&keys, vars, "{name} {}: args vs variables", f.message_id);
        }
    }
}
