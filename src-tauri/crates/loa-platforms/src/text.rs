//! Text as the platforms see it: NFC, the read-back hash, slugs.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// `s` in Unicode Normalization Form C (Vietnamese typed on macOS or some phones arrives NFD).
pub fn nfc(s: &str) -> String {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s.to_owned(),
        _ => s.nfc().collect(),
    }
}

/// The read-back key of a text: FNV-1a 64 of the NFC text with whitespace runs collapsed, so a
/// platform that trims or re-wraps the message still matches. Stable across processes and
/// versions (it is stored with each outbox row). No crypto needed, only a stable fingerprint.
pub fn text_hash(text: &str) -> String {
    let folded = nfc(text);
    let collapsed = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in collapsed.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// An ASCII slug: Vietnamese letters lose their marks (đ → d), lower case, everything else that
/// is not a letter or digit separates words with a single `-`. Whole words only, at most `max`
/// bytes (a first word longer than that is cut); empty when nothing is left.
pub fn slugify(s: &str, max: usize) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in s.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            // Combining marks (U+0300–U+036F) are the tones and hats NFD split off.
            '\u{0300}'..='\u{036F}' => continue,
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let mut out = String::new();
    for w in words {
        let extra = if out.is_empty() { w.len() } else { w.len() + 1 };
        if out.len() + extra > max {
            if out.is_empty() {
                out = w.chars().take(max).collect();
            }
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_ignores_forms_and_spacing() {
        let nfd = "Thông báo lu\u{0303} quét\n\nở  bản Khun";
        let nfc = "Thông báo lũ quét ở bản Khun";
        assert_eq!(text_hash(nfd), text_hash(nfc));
        assert_ne!(text_hash(nfc), text_hash("Thông báo lũ quét ở bản Nà"));
        // Stored with outbox rows: the value never changes.
        assert_eq!(text_hash(""), "cbf29ce484222325");
    }

    #[test]
    fn slugs_fold_vietnamese_and_keep_whole_words() {
        assert_eq!(
            slugify("Đường vào bản Khun — lũ quét!", 60),
            "duong-vao-ban-khun-lu-quet"
        );
        assert_eq!(slugify("Thu\u{0309} tục", 60), "thu-tuc");
        assert_eq!(slugify("abc def ghi", 7), "abc-def");
        assert_eq!(slugify("abc def ghi", 8), "abc-def");
        assert_eq!(slugify("abcdefghij", 4), "abcd");
        assert_eq!(slugify("!!!", 10), "");
        assert_eq!(
            slugify("Cảnh báo lũ quét ở bản Nà Khương", 50),
            "canh-bao-lu-quet-o-ban-na-khuong"
        );
    }
}
