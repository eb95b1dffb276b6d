//! Property tests: no input makes the extractors or the converters panic, and what comes out
//! stays in proportion to what went in.

use std::io::Write;
use std::path::Path;

use loa_legacy::{Bounds, Encoding, auto_convert, convert, decode_bytes, detect, encode};
use loa_legacy::{extract_text, extract_text_within};
use proptest::prelude::*;

/// Pieces RTF is made of, so the generator reaches the parser's branches and not only its
/// header check.
fn rtf_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("\\par ".to_owned()),
        Just("\\f1 ".to_owned()),
        Just("{\\fonttbl{\\f1 .VnTime;}{\\f2 VNI-Times;}}".to_owned()),
        Just("{\\*\\x ".to_owned()),
        Just("\\'e9".to_owned()),
        Just("\\'".to_owned()),
        Just("\\u7897?".to_owned()),
        Just("\\u-1 ".to_owned()),
        Just("\\uc5 ".to_owned()),
        Just("\\bin99999 ".to_owned()),
        Just("\\ansicpg1258 ".to_owned()),
        Just("\\".to_owned()),
        "[a-zA-Z0-9 \\\\{}'-]{0,12}",
        any::<char>().prop_map(String::from),
    ]
}

fn docx_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<w:p>".to_owned()),
        Just("</w:p>".to_owned()),
        Just("<w:r>".to_owned()),
        Just("</w:r>".to_owned()),
        Just("<w:t>".to_owned()),
        Just("</w:t>".to_owned()),
        Just("<w:rPr><w:rFonts w:hAnsi=\".VnTimeH\"/></w:rPr>".to_owned()),
        Just("<mc:Fallback>".to_owned()),
        Just("</mc:Fallback>".to_owned()),
        Just("<w:tab/><w:br/><w:p/>".to_owned()),
        Just("&amp;&#x1EA1;&#99999999;&bogus;".to_owned()),
        Just("<![CDATA[x]]>".to_owned()),
        "[a-zA-Z0-9 <>/=\"&;#:]{0,16}",
        any::<char>().prop_map(String::from),
    ]
}

fn zip_with(xml: &[u8]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .expect("start");
        zip.write_all(xml).expect("write");
        zip.finish().expect("finish");
    }
    buf.into_inner()
}

/// Text from the characters legacy documents are made of, plus anything.
fn legacy_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ¸µ¶·¹¨¾»¼½Æ©ÊÇÈÉËéÐèÌ®¬ôîÐ^(+`'?~.\\\\d]{0,80}",
        ".{0,80}",
        "[aeiouyd]{1,3}[\\^(+]?[`'?~.]?[ a-z]{0,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn rtf_never_panics_and_stays_bounded(pieces in prop::collection::vec(rtf_piece(), 0..60)) {
        let src = format!("{{\\rtf1 {}", pieces.concat());
        let bounds = Bounds { max_text_bytes: 512, ..Bounds::standard() };
        if let Ok(text) = extract_text_within(Path::new("p.rtf"), src.as_bytes(), &bounds) {
            // The legacy conversion can turn one byte into up to three UTF-8 bytes.
            prop_assert!(text.len() <= 3 * 512 + 8, "{} bytes", text.len());
        }
        let _ = extract_text(Path::new("p.rtf"), src.as_bytes());
    }

    #[test]
    fn rtf_of_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut src = b"{\\rtf1 ".to_vec();
        src.extend_from_slice(&bytes);
        let _ = extract_text(Path::new("p.rtf"), &src);
        let _ = extract_text(Path::new("p.rtf"), &bytes);
    }

    #[test]
    fn docx_never_panics_and_stays_bounded(pieces in prop::collection::vec(docx_piece(), 0..60)) {
        let xml = format!("<w:document><w:body>{}</w:body></w:document>", pieces.concat());
        let bytes = zip_with(xml.as_bytes());
        let bounds = Bounds { max_text_bytes: 256, ..Bounds::standard() };
        if let Ok(text) = extract_text_within(Path::new("p.docx"), &bytes, &bounds) {
            prop_assert!(text.len() <= 3 * 256 + 8, "{} bytes", text.len());
        }
    }

    #[test]
    fn docx_of_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = extract_text(Path::new("p.docx"), &bytes);
        let _ = extract_text(Path::new("p.docx"), &zip_with(&bytes));
        let mut zipped = zip_with(b"<w:document/>");
        let n = zipped.len();
        for (i, b) in bytes.iter().enumerate().take(n) {
            zipped[(i * 7) % n] ^= b;
        }
        let _ = extract_text(Path::new("p.docx"), &zipped);
    }

    #[test]
    fn detection_and_conversion_never_panic(text in legacy_text()) {
        let chars = text.chars().count();
        let d = detect(&text);
        prop_assert!((0.0..=1.0).contains(&d.confidence));
        for enc in [Encoding::Unicode, Encoding::Tcvn3, Encoding::Vni, Encoding::Viqr] {
            let out = convert(&text, enc);
            // Conversion only merges marks into letters or spells a letter out: never more
            // than a few characters for one.
            prop_assert!(out.chars().count() <= 4 * chars + 4, "{enc}: {text:?} -> {out:?}");
            let back = encode(&out, enc);
            prop_assert!(back.chars().count() <= 4 * out.chars().count() + 4);
        }
        let (_, out) = auto_convert(&text);
        prop_assert!(out.chars().count() <= 4 * chars + 4);
    }

    #[test]
    fn unicode_text_is_only_normalised(text in "\\PC{0,60}") {
        use unicode_normalization::UnicodeNormalization;
        let nfc: String = text.nfc().collect();
        prop_assert_eq!(convert(&text, Encoding::Unicode), nfc);
    }

    #[test]
    fn any_bytes_decode(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let text = decode_bytes(&bytes);
        prop_assert!(text.chars().count() <= bytes.len());
    }
}
