//! Every error the library can return has a message in both languages of locales/*/media.ftl.

use std::path::PathBuf;

use loa_media::{DecodeError, EncodeError, ProcessError, WatermarkError};

fn ftl(lang: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../../../locales/{lang}/media.ftl"));
    std::fs::read_to_string(p).expect("media.ftl exists")
}

#[test]
fn every_error_has_a_message_in_vi_and_en() {
    let p = PathBuf::from("x");
    let s = String::new;
    let process = [
        ProcessError::Read {
            path: p.clone(),
            detail: s(),
        },
        ProcessError::Write {
            path: p.clone(),
            detail: s(),
        },
        ProcessError::WouldOverwrite { path: p },
        ProcessError::Cancelled,
        ProcessError::Encode(EncodeError::Jpeg { detail: s() }),
        ProcessError::Decode(DecodeError::Unsupported { format: s() }),
        ProcessError::Decode(DecodeError::NotAnImage),
        ProcessError::Decode(DecodeError::TooLarge {
            width: 1,
            height: 1,
            limit: 1,
        }),
        ProcessError::Decode(DecodeError::Corrupt { detail: s() }),
    ];
    let watermark = [
        WatermarkError::LogoUnreadable { detail: s() },
        WatermarkError::LogoTooLarge {
            width: 1,
            height: 1,
        },
        WatermarkError::EmptyText,
    ];
    let ids = process
        .iter()
        .map(|e| (e.message_id(), e.args()))
        .chain(watermark.iter().map(|e| (e.message_id(), e.args())));
    let (vi, en) = (ftl("vi"), ftl("en"));
    for (id, args) in ids {
        for (lang, src) in [("vi", &vi), ("en", &en)] {
            let line = src
                .lines()
                .find(|l| l.starts_with(&format!("{id} =")))
                .unwrap_or_else(|| panic!("{id} missing in {lang}"));
            for arg in args.keys() {
                assert!(
                    line.contains(&format!("${arg}")),
                    "{id} ({lang}) lacks ${arg}"
                );
            }
        }
    }
}
