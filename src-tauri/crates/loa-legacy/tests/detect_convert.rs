//! Round trips over every Vietnamese letter, VIQR, and no false positives on good text.

use std::path::PathBuf;

use loa_legacy::tables::LETTERS;
use loa_legacy::{Encoding, auto_convert, convert, detect, encode};

/// One syllable per Vietnamese letter: "tá", "tạ", ..., "đa", "Đa".
fn all_letter_words() -> String {
    LETTERS
        .iter()
        .map(|&(c, ..)| match c {
            'đ' => "đa".to_owned(),
            'Đ' => "Đa".to_owned(),
            c if c.is_uppercase() => format!("T{c}"),
            c => format!("t{c}"),
        })
        .collect::<Vec<_>>()
        // Commas: a VIQR "." or "?" before a capitalised word would read as a sentence end.
        .join(", ")
        + "."
}

#[test]
fn every_letter_round_trips() {
    let unicode = all_letter_words();
    assert_eq!(LETTERS.len(), 134);
    for enc in [Encoding::Tcvn3, Encoding::Vni, Encoding::Viqr] {
        let legacy = encode(&unicode, enc);
        assert_ne!(legacy, unicode);
        let d = detect(&legacy);
        assert_eq!(d.encoding, enc, "{enc:?}: {d:?}");
        assert!(d.confidence > 0.5, "{enc:?}: {d:?}");
        let back = convert(&legacy, enc);
        if enc == Encoding::Tcvn3 {
            // TCVN3 has no byte for a capital toned letter: only the case may differ.
            assert_eq!(back.to_lowercase(), unicode.to_lowercase());
        } else {
            assert_eq!(back, unicode, "{enc:?}");
        }
        let (d2, auto) = auto_convert(&legacy);
        assert_eq!(d2.encoding, enc);
        assert_eq!(auto, back);
    }
}

#[test]
fn tcvn3_untoned_capitals_and_caps_lock_lines() {
    // Ă Â Ê Ô Ơ Ư Đ have their own bytes.
    assert_eq!(convert("¡ ¢ £ ¤ ¥ ¦ §", Encoding::Tcvn3), "Ă Â Ê Ô Ơ Ư Đ");
    // A line typed with Caps Lock in .VnTime: the toned letters were meant as capitals.
    assert_eq!(
        convert("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", Encoding::Tcvn3),
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    );
    // A .VnTimeH heading pasted without its font: lowercase bytes, kept lowercase.
    assert_eq!(
        convert("céng hoµ x· héi chñ nghÜa viÖt nam", Encoding::Tcvn3),
        "cộng hoà xã hội chủ nghĩa việt nam"
    );
}

#[test]
fn short_pastes_are_detected() {
    for (text, enc, want) in [
        ("Céng hoµ x· héi", Encoding::Tcvn3, "Cộng hoà xã hội"),
        (
            "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
            Encoding::Tcvn3,
            "Cộng hoà xã hội chủ nghĩa Việt Nam",
        ),
        (
            "§éc lËp - Tù do - H¹nh phóc",
            Encoding::Tcvn3,
            "Độc lập - Tự do - Hạnh phúc",
        ),
        ("Coäng hoøa xaõ hoäi", Encoding::Vni, "Cộng hòa xã hội"),
        (
            "Ñoäc laäp - Töï do - Haïnh phuùc",
            Encoding::Vni,
            "Độc lập - Tự do - Hạnh phúc",
        ),
        ("Vie^.t Nam", Encoding::Viqr, "Việt Nam"),
        ("Co^.ng ho`a xa~ ho^.i", Encoding::Viqr, "Cộng hòa xã hội"),
    ] {
        let (d, out) = auto_convert(text);
        assert_eq!(d.encoding, enc, "{text}: {d:?}");
        assert_eq!(out, want);
    }
}

#[test]
fn soft_hyphen_is_u_horn() {
    // 0xAD is "ư" in TCVN3 but a soft hyphen in Windows-1252: it must never be dropped.
    let pasted = loa_legacy::decode_bytes(b"Ng\xad\xeai d\xa9n");
    assert_eq!(pasted, "Ng\u{AD}êi d©n");
    assert_eq!(auto_convert(&pasted).1, "Người dân");
}

#[test]
fn viqr_examples() {
    for (text, want) in [
        ("Vie^.t Nam", "Việt Nam"),
        ("ddi ho.c", "đi học"),
        ("d9i ho.c", "đi học"),
        ("Ha` No^.i, DDa` Na(~ng", "Hà Nội, Đà Nẵng"),
        ("ta. ta? ta.,", "tạ tả tạ,"),
        ("Tie^'ng Vie^.t co' da^'u.", "Tiếng Việt có dấu."),
        ("Ba.n te^n gi`?", "Bạn tên gì?"),
        (
            "ba` Thi. ddi ho.c, tho+` ngu+o+`i",
            "bà Thị đi học, thờ người",
        ),
        // Known ambiguity: ". " before a capital reads as a sentence end.
        ("Nguye^~n Thi. Ho^`ng Nhung", "Nguyễn Thi. Hồng Nhung"),
        ("Ca'c ba.n co' kho?e kho^ng?", "Các bạn có khỏe không?"),
        ("1\\. Mu.c lu.c", "1. Mục lục"),
    ] {
        assert_eq!(convert(text, Encoding::Viqr), want, "{text}");
    }
    let (d, out) = auto_convert("Tie^'ng Vie^.t co' da^'u.");
    assert_eq!(d.encoding, Encoding::Viqr);
    assert_eq!(out, "Tiếng Việt có dấu.");
}

#[test]
fn mixed_unicode_is_left_alone() {
    // On a line that already holds Unicode Vietnamese, good Unicode words stay.
    let text = "Thông báo của Ủy ban: tæ chøc Héi nghÞ";
    assert_eq!(
        convert(text, Encoding::Tcvn3),
        "Thông báo của Ủy ban: tổ chức Hội nghị"
    );
    assert_eq!(
        convert("Người dân Việt Nam", Encoding::Vni),
        "Người dân Việt Nam"
    );
}

#[test]
fn encoding_names() {
    for enc in [
        Encoding::Unicode,
        Encoding::Tcvn3,
        Encoding::Vni,
        Encoding::Viqr,
    ] {
        assert_eq!(enc.as_str().parse::<Encoding>(), Ok(enc));
        assert_eq!(
            serde_json::to_string(&enc).expect("serialise"),
            format!("\"{}\"", enc.as_str())
        );
    }
    assert!("cp1252".parse::<Encoding>().is_err());
}

const GOOD_TEXTS: &[&str] = &[
    "Cộng hoà xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc",
    "UBND xã thông báo lịch tiếp công dân tháng 5: thứ Hai và thứ Năm hằng tuần.",
    "Tháng này có mưa lớn, bà con chú ý phòng chống lũ quét, sạt lở đất.",
    "She updated her résumé at the café, naïve as ever, and met Herr Müller.",
    "Le garçon où l'on va: déjà vu, très élégant, à côté de l'hôtel. Où est-il? Noël à Paris.",
    "Voilà où nous en sommes: tôt ou tard, il faudra être sûr de soi.",
    "Die Größe der Straße über München ist schön. Señor Muñoz, año niño.",
    "Dose: 5 µg/ml every 12 h; see § 4.2 and § 7. Temperature 37 °C ± 0.5.",
    "Liều dùng 5 µg mỗi ngày, xem § 3 Điều 12 của Thông tư.",
    "Home · About · Contact · Blog © 2024 Apple® iPhone™ «Bonjour» ½ cup",
    "I'm at work until 5 a.m. and it's fine; don't worry, I'll call you.",
    "What? Really? e.g. i.e. U.S.A. x^2 + y^2, f(a) = a(b+c), 2.5 and 3.14.",
    "Email: ubnd.xa@example.gov.vn, web: https://example.gov.vn/tin-tuc?id=12.",
    "Hà Nội · Đà Nẵng · Huế",
];

#[test]
fn no_false_positives_on_good_text() {
    for text in GOOD_TEXTS {
        let d = detect(text);
        assert_eq!(d.encoding, Encoding::Unicode, "{text}: {d:?}");
        assert_eq!(auto_convert(text).1, *text);
    }
}

fn news_dir() -> Option<PathBuf> {
    loa_testdata::path("vietnamese-text")
}

#[test]
fn no_false_positives_on_news_articles() {
    let Some(dir) = news_dir() else {
        return;
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("list data folder").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with("news-") || !entry.path().is_dir() {
            continue;
        }
        let mut these: Vec<PathBuf> = std::fs::read_dir(entry.path())
            .expect("list news folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        these.sort();
        files.extend(these.into_iter().take(150));
    }
    let (mut checked, mut chars) = (0usize, 0usize);
    let mut false_positives = Vec::new();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        checked += 1;
        chars += text.chars().count();
        let d = detect(&text);
        if d.encoding != Encoding::Unicode {
            false_positives.push(format!("{}: {d:?}", path.display()));
        }
        // Paragraph-sized pastes too.
        for para in text.split("\n\n").take(5) {
            let d = detect(para);
            if d.encoding != Encoding::Unicode {
                false_positives.push(format!("{} (paragraph): {d:?}", path.display()));
            }
        }
    }
    eprintln!(
        "news: {checked} articles ({chars} characters), {} false positives",
        false_positives.len()
    );
    assert!(checked >= 100, "too few news articles found: {checked}");
    assert!(false_positives.is_empty(), "{false_positives:#?}");
}

#[test]
fn mixed_tcvn3_and_vni_runs() {
    // Some documents mix the two: words that only make sense in the other encoding follow it.
    assert_eq!(
        convert("Céng hoµ x· héi, Ñoäc laäp", Encoding::Tcvn3),
        "Cộng hoà xã hội, Độc lập"
    );
}
