//! A structural check of one Vietnamese syllable: onset, vowel nucleus, coda, at most one tone.
//!
//! Used as the judge of every legacy conversion: a word is only evidence for an encoding when
//! converting it yields a well-formed syllable, and good Unicode words are left alone.

use unicode_normalization::UnicodeNormalization;

const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

const ONSETS: &[&str] = &[
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

const CODAS: &[&str] = &["ng", "nh", "ch", "c", "m", "n", "p", "t", ""];

/// Vowel nuclei that may stand at the end of a syllable.
const OPEN_NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iu", "oa", "oe", "oi", "ôi", "ơi", "ua", "uê", "ui", "uơ", "uy", "ưa", "ưi",
    "ưu", "iêu", "oai", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "yêu", "uyu", "oao",
];

/// Vowel nuclei that may be followed by a final consonant.
const CLOSED_NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "iê", "yê", "uô", "ươ", "oa", "oă",
    "oe", "uâ", "uyê",
];

const CLOSED_EXTRA: &[&str] = &["uê", "uy", "oo"];

/// True when `word` (any case, any normalisation) is a well-formed Vietnamese syllable.
pub(crate) fn is_vn_syllable(word: &str) -> bool {
    if word.is_empty() || word.chars().count() > 9 {
        return false;
    }
    let mut tones = 0usize;
    let mut base = String::with_capacity(word.len());
    for c in word.nfd() {
        if TONE_MARKS.contains(&c) {
            tones += 1;
        } else {
            base.push(c);
        }
    }
    if tones > 1 {
        return false;
    }
    let s: String = base.nfc().flat_map(char::to_lowercase).collect();
    if !s.chars().all(|c| {
        matches!(c, 'a'..='z' | 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư' | 'đ')
            && !matches!(c, 'f' | 'j' | 'w' | 'z')
    }) {
        return false;
    }
    ONSETS.iter().any(|onset| {
        let Some(rest) = s.strip_prefix(onset) else {
            return false;
        };
        CODAS.iter().any(|coda| {
            let Some(nucleus) = rest.strip_suffix(coda) else {
                return false;
            };
            if nucleus.is_empty() {
                return false;
            }
            if coda.is_empty() {
                OPEN_NUCLEI.contains(&nucleus)
            } else {
                CLOSED_NUCLEI.contains(&nucleus) || CLOSED_EXTRA.contains(&nucleus)
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::is_vn_syllable;

    #[test]
    fn accepts_and_rejects() {
        for w in [
            "Cộng",
            "hoà",
            "xã",
            "hội",
            "chủ",
            "nghĩa",
            "Việt",
            "Nam",
            "nghiêng",
            "quốc",
            "gì",
            "khuỷu",
            "người",
            "đường",
            "tháng",
            "một",
            "ạ",
            "Ấy",
            "khuya",
            "thuở",
        ] {
            assert!(is_vn_syllable(w), "{w}");
        }
        for w in [
            "café", "résumé", "naïve", "Müller", "héi", "chñ", "street", "xyz", "",
        ] {
            assert!(!is_vn_syllable(w), "{w}");
        }
    }
}
