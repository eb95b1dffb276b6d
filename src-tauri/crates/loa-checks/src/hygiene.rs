//! Text hygiene: Unicode normalisation form and text still in a legacy Vietnamese font encoding.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// `None` when the text is NFC. Otherwise `Some(span)`, with the char span of the first stretch
/// (a starter and the combining marks after it) that NFC would change, when one can be pointed at.
pub(crate) fn first_non_nfc(text: &str, chars: &[char]) -> Option<Option<(usize, usize)>> {
    if unicode_normalization::is_nfc(text) {
        return None;
    }
    let mut s = 0;
    while s < chars.len() {
        let mut e = s + 1;
        while e < chars.len() && canonical_combining_class(chars[e]) != 0 {
            e += 1;
        }
        let piece: String = chars[s..e].iter().collect();
        if piece.nfc().ne(piece.chars()) {
            return Some(Some((s, e)));
        }
        s = e;
    }
    Some(None)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Legacy {
    pub encoding: &'static str,
    pub start: usize,
    pub end: usize,
    /// The first suspicious word, as it reads now.
    pub sample: String,
}

/// Text typed with a TCVN3 (ABC, ".Vn" fonts) or VNI keyboard/font and then read as Windows-1252 comes
/// out as e.g. "Céng hoµ x· héi chñ nghÜa ViÖt Nam" (TCVN3) or "Coäng hoøa xaõ hoäi chuû nghóa Vieät
/// Nam" (VNI). Proper Unicode Vietnamese uses only these Latin-1 letters: à á â ã è é ê ì í ò ó ô õ ù
/// ú ý (and capitals); everything else it needs lies outside Latin-1. The heuristic counts words with
/// characters that Unicode Vietnamese never has but the legacy encodings produce all the time, and
/// needs at least two clear ones (or one clear one and one weaker one), so that "café", "naïve",
/// "Noël" or "Zürich" never fire.
pub(crate) fn detect_legacy(chars: &[char]) -> Option<Legacy> {
    let words = words(chars);
    for (encoding, score) in [("TCVN3", tcvn3_word as ScoreFn), ("VNI", vni_word)] {
        let mut strong = Vec::new();
        let mut weak = 0usize;
        for &(s, e) in &words {
            match score(&chars[s..e]) {
                Signal::Strong => strong.push((s, e)),
                Signal::Weak => weak += 1,
                Signal::None => {}
            }
        }
        if strong.len() >= 2 || (strong.len() == 1 && weak >= 1) {
            let (first_s, first_e) = strong[0];
            let last_e = strong[strong.len() - 1].1;
            return Some(Legacy {
                encoding,
                start: first_s,
                end: last_e,
                sample: chars[first_s..first_e].iter().collect(),
            });
        }
    }
    None
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Signal {
    None,
    Weak,
    Strong,
}

type ScoreFn = fn(&[char]) -> Signal;

/// Maximal runs of non-space characters, without ASCII punctuation at either end.
fn words(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut s = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        let mut e = i;
        while s < e && chars[s].is_ascii_punctuation() {
            s += 1;
        }
        while e > s && chars[e - 1].is_ascii_punctuation() {
            e -= 1;
        }
        if s < e && chars[s..e].iter().any(|c| c.is_ascii_alphabetic()) {
            out.push((s, e));
        }
    }
    out
}

/// Latin-1 letters that Unicode Vietnamese uses.
fn is_vietnamese_latin1(c: char) -> bool {
    "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ".contains(c)
}

/// Bytes 0xA1–0xBF that TCVN3 uses for letters, read as Windows-1252 (¡ ¢ £ ¤ ¥ ¦ § = Ă Â Ê Ô Ơ Ư Đ;
/// ¨ © ª « ¬ ­ ® = ă â ê ô ơ ư đ; µ ¶ · ¸ ¹ = à ả ã á ạ; » ¼ ½ ¾ = ằ ẳ ẵ ắ).
fn is_tcvn3_symbol(c: char) -> bool {
    matches!(c, '\u{A1}'..='\u{AE}' | '\u{B5}'..='\u{B9}' | '\u{BB}'..='\u{BE}')
}

fn is_letterish(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (('\u{C0}'..='\u{FF}').contains(&c) && c != '\u{D7}' && c != '\u{F7}')
        || is_tcvn3_symbol(c)
}

fn tcvn3_word(w: &[char]) -> Signal {
    let mut weak = false;
    for (j, &c) in w.iter().enumerate() {
        let prev = j.checked_sub(1).map(|p| w[p]);
        let next = w.get(j + 1).copied();
        let prev_letter = prev.is_some_and(is_letterish);
        let next_letter = next.is_some_and(is_letterish);
        if is_tcvn3_symbol(c) {
            // Soft hyphen (ư) inside a word is also how web pages mark hyphenation points: only count
            // it next to another legacy letter ("n­íc" = nước).
            if c == '\u{AD}' {
                if prev_letter && next.is_some_and(|n| !n.is_ascii() && is_letterish(n)) {
                    return Signal::Strong;
                }
                continue;
            }
            // In the middle of a word: "hoµn", "c©y", "t«i".
            if prev_letter && next_letter {
                return Signal::Strong;
            }
            // At the end of a word, after a letter, for vowels that can end a syllable: "hoµ", "x·".
            // Not © ® (trademarks) nor » (a closing quote; ằ never ends a syllable).
            if prev_letter && next.is_none() && matches!(c, 'µ'..='¹' | 'ª' | '«' | '¬') {
                return Signal::Strong;
            }
            // At the start of a word, before a letter: "®i" (đi), "¤ng" (Ông), "¶nh" (ảnh).
            // Not « (an opening quote).
            if j == 0 && next_letter && c != '«' && c != '©' {
                return Signal::Strong;
            }
            continue;
        }
        // A Latin-1 capital right after a lowercase ASCII letter: "ViÖt", "nghÜa", "tØnh".
        if ('\u{C0}'..='\u{DE}').contains(&c) && prev.is_some_and(|p| p.is_ascii_lowercase()) {
            return Signal::Strong;
        }
        if ('\u{DF}'..='\u{FF}').contains(&c) && c != '\u{F7}' && !is_vietnamese_latin1(c) {
            weak = true;
        }
    }
    if weak { Signal::Weak } else { Signal::None }
}

fn is_vni_vowel(c: char) -> bool {
    "aeiouyAEIOUYôÔöÖ".contains(c)
}

fn vni_word(w: &[char]) -> Signal {
    let mut weak = false;
    for (j, &c) in w.iter().enumerate() {
        let prev = j.checked_sub(1).map(|p| w[p]);
        let next = w.get(j + 1).copied();
        let after_vowel = prev.is_some_and(is_vni_vowel);
        // Tone and hat marks that no Western language puts after a vowel: ø (huyền), ä (hat +
        // nặng), å (hat + hỏi), ü (breve + ngã): "hoøa", "Coäng", "Vieät".
        if after_vowel && "øØäÄåÅüÜ".contains(c) {
            return Signal::Strong;
        }
        // Pairs that Unicode Vietnamese never writes but VNI writes for every â, ê, ô, ă, á, ã:
        // "aâ" "eâ" "oâ" (hats), "aê" (breve), "aù" "eù" "yù" (sắc), "aõ" "eõ" "iõ" "uõ" "yõ" (ngã).
        // ("uâ" as in "xuân", "iù" as in "giùm" and "où" in French are real and left alone.)
        if let Some(p) = prev {
            let pair_strong = ("aeoAEO".contains(p) && "âÂ".contains(c))
                || ("aA".contains(p) && "êÊ".contains(c))
                || ("aeyAEY".contains(p) && "ùÙ".contains(c))
                || ("aeiuyAEIUY".contains(p) && "õÕ".contains(c));
            if pair_strong {
                return Signal::Strong;
            }
        }
        // ư ơ = "öô": "ngöôøi", "ñöôøng".
        if (c == 'ö' && next == Some('ô')) || (c == 'Ö' && next == Some('Ô')) {
            return Signal::Strong;
        }
        // đ at the start of a word: "ñi", "ñeán", "Ñaûng".
        if j == 0 && (c == 'ñ' || c == 'Ñ') && next.is_some_and(is_vni_vowel) {
            return Signal::Strong;
        }
        // Weaker: ï ë û after a vowel are also French ("naïve", "Noël", "goût"); ö after a
        // consonant is also German ("schön"); æ after a consonant also Danish.
        if (after_vowel && "ïÏëËûÛ".contains(c))
            || ("öÖæÆ".contains(c) && prev.is_some_and(|p| p.is_ascii_alphabetic()))
        {
            weak = true;
        }
    }
    if weak { Signal::Weak } else { Signal::None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn legacy(text: &str) -> Option<Legacy> {
        let chars: Vec<char> = text.chars().collect();
        detect_legacy(&chars)
    }

    #[test]
    fn tcvn3_is_found() {
        let l = legacy("Céng hoµ x· héi chñ nghÜa ViÖt Nam").expect("TCVN3");
        assert_eq!(l.encoding, "TCVN3");
        assert_eq!(l.sample, "hoµ");
        assert_eq!((l.start, l.end), (5, 30));
        assert!(legacy("§éc lËp - Tù do - H¹nh phóc").is_some());
        assert!(legacy("Th«ng b¸o vÒ viÖc tiªm chñng").is_some());
        assert!(legacy("UBND x· T©n Hoµ").is_some());
    }

    #[test]
    fn vni_is_found() {
        let l = legacy("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam").expect("VNI");
        assert_eq!(l.encoding, "VNI");
        assert_eq!(l.sample, "Coäng");
        assert!(legacy("Coäng hoøa").is_some());
        assert!(legacy("Ñoäc laäp - Töï do - Haïnh phuùc").is_some());
        assert!(legacy("ngöôøi daân").is_some());
    }

    #[test]
    fn unicode_vietnamese_and_western_words_are_not_legacy() {
        for text in [
            "Cộng hòa xã hội chủ nghĩa Việt Nam",
            "Độc lập - Tự do - Hạnh phúc",
            "Thông báo về việc tiêm chủng mở rộng cho trẻ em dưới 5 tuổi, xuân quê, thuê, giúp",
            "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "café naïve Noël goût Zürich schön Søren España Ærø",
            "Le café naïf de Noël à Zürich, un goût de crème brûlée",
            "© 2025 UBND xã · Loa® · «Bản tin» · 25°C · ½ giờ",
            "infor\u{AD}mation about\u{AD}town",
        ] {
            assert_eq!(legacy(text), None, "{text}");
        }
    }

    #[test]
    fn nfc_check_points_at_the_decomposed_letter() {
        let text = "Xa\u{303} Ta\u{302}n"; // "Xã Tân" decomposed
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(first_non_nfc(text, &chars), Some(Some((1, 3))));
        let nfc = "Xã Tân";
        let chars: Vec<char> = nfc.chars().collect();
        assert_eq!(first_non_nfc(nfc, &chars), None);
    }
}
