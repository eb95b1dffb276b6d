//! `locales/vi/report.ftl` and `locales/en/report.ftl`: both parse, hold the same messages in the
//! same order, are written in NFC, and name every error the crate can raise.

use std::collections::BTreeSet;

use fluent_syntax::ast::Entry;
use loa_report::{Labels, Lang, ReportError};
use unicode_normalization::UnicodeNormalization;

const VI: &str = include_str!("../../../../locales/vi/report.ftl");
const EN: &str = include_str!("../../../../locales/en/report.ftl");

fn ids(name: &str, src: &str) -> Vec<String> {
    let res = fluent_syntax::parser::parse(src)
        .unwrap_or_else(|(_, errs)| panic!("{name} does not parse: {errs:?}"));
    res.body
        .iter()
        .filter_map(|e| match e {
            Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn both_languages_hold_the_same_messages() {
    let vi = ids("vi/report.ftl", VI);
    let en = ids("en/report.ftl", EN);
    assert_eq!(vi, en, "vi and en must list the same ids in the same order");
    let unique: BTreeSet<&String> = vi.iter().collect();
    assert_eq!(unique.len(), vi.len(), "an id is repeated");
}

#[test]
fn written_in_nfc() {
    for (name, src) in [("vi", VI), ("en", EN)] {
        assert_eq!(
            src.nfc().collect::<String>(),
            src,
            "{name}/report.ftl is not NFC"
        );
    }
}

#[test]
fn every_error_has_a_sentence_in_both_languages() {
    for lang in Lang::ALL {
        let l = Labels::new(lang);
        for code in ReportError::CODES {
            let id = format!("report-error-{}", code.replace('_', "-"));
            assert!(l.has(&id), "{lang}: {id} is missing");
        }
        let e = ReportError::PeriodReversed {
            from: "2026-02-01".into(),
            to: "2026-01-31".into(),
        };
        let sentence = l.with(
            &e.message_id(),
            &e.args()
                .iter()
                .map(|(k, v)| (k.as_str(), v.clone()))
                .collect::<Vec<_>>(),
        );
        assert!(
            sentence.contains("2026-01-31") && !sentence.contains('{'),
            "{sentence}"
        );
    }
}
