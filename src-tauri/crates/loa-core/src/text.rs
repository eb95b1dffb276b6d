//! Text hygiene applied on every write path: typing, paste, import, command line.
//!
//! Vietnamese arrives in several Unicode forms (NFD from macOS and some phones, NFC from most
//! keyboards). Stored text is always NFC so that search, length limits and comparisons behave.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Returns `s` in Unicode Normalization Form C.
pub fn nfc(s: &str) -> String {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s.to_owned(),
        _ => s.nfc().collect(),
    }
}

/// Normalises line endings of imported files to `\n` (Windows Notepad writes `\r\n`).
pub fn unix_newlines(s: &str) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s.to_owned()
    }
}

/// Letters that only Vietnamese uses among the two languages Loa writes in (after NFC). Used to
/// guess the language of an imported file; a wrong guess is one click to fix.
fn is_vietnamese_letter(c: char) -> bool {
    matches!(c, 'đ' | 'Đ' | 'ă' | 'Ă' | 'ơ' | 'Ơ' | 'ư' | 'Ư')
        || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
        || matches!(
            c,
            'à' | 'á'
                | 'ả'
                | 'ã'
                | 'è'
                | 'é'
                | 'ì'
                | 'í'
                | 'ò'
                | 'ó'
                | 'õ'
                | 'ù'
                | 'ú'
                | 'ý'
                | 'â'
                | 'ê'
                | 'ô'
        )
}

/// Guesses whether a text is Vietnamese or English.
pub fn guess_lang(s: &str) -> crate::Lang {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let vietnamese = s.chars().filter(|&c| is_vietnamese_letter(c)).count();
    // Vietnamese prose has a marked letter in most words; English has almost none.
    if letters > 0 && vietnamese * 50 < letters {
        crate::Lang::En
    } else {
        crate::Lang::Vi
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn decomposed_vietnamese_becomes_nfc() {
        let decomposed = "Mu\u{031B}o\u{031B}\u{0300}ng";
        assert_eq!(nfc(decomposed), "Mường");
        assert_eq!(nfc("Mường"), "Mường");
        assert_eq!(nfc("Đa\u{0300} Na\u{0306}\u{0303}ng"), "Đà Nẵng");
    }

    #[test]
    fn newlines_are_unified() {
        assert_eq!(unix_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
    }

    #[test]
    fn language_guess() {
        assert_eq!(
            guess_lang("Thông báo lịch tiêm chủng tại trạm y tế xã"),
            Lang::Vi
        );
        assert_eq!(
            guess_lang("Vaccination schedule at the commune clinic"),
            Lang::En
        );
        assert_eq!(guess_lang(""), Lang::Vi);
    }
}
