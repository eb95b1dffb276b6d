//! Words an infographic must never split across lines. Vietnamese writes every syllable as its
//! own word, so a line break may fall inside "lũ quét" or between "50" and "mm"; on a poster read
//! in a hurry that changes the meaning. Before text reaches a layout, the spaces inside such
//! groups become non-breaking (U+00A0), which Typst never breaks at:
//!
//! - a number and the unit or counter after it ("50 mm", "7 giờ 30", "120 hộ", "15 %");
//! - the weekday names ("Thứ Hai" … "Chủ Nhật");
//! - compounds of the commune's notices (disasters, health, government) from [`COMPOUNDS`];
//! - the last two words of a text of four or more, so it never ends on a line with a single
//!   syllable left over ("Nậm / Cang": a place name is two syllables more often than not).
//!
//! The post text (caption) is left alone: the platforms wrap it for the reader's screen.

/// U+00A0, the space Typst (and every text engine) does not break at.
pub const NBSP: char = '\u{a0}';

/// Units and counters that follow a number in notices (matched case-insensitively, whole word).
const UNITS: &[&str] = &[
    "mm", "cm", "m", "km", "km/h", "m/s", "m³/s", "kg", "tấn", "ha", "lít", "%", "°c", "độ", "giờ",
    "phút", "giây", "ngày", "tháng", "năm", "tuổi", "người", "hộ", "trẻ", "mũi", "liều", "xã",
    "thôn", "bản", "đồng", "nghìn", "triệu", "tỷ", "cái", "chiếc", "lượt", "h", "g",
];

/// Two-syllable (and longer) words of the notices Loa's templates carry, in lower case.
const COMPOUNDS: &[&str] = &[
    "lũ quét",
    "lũ ống",
    "sạt lở",
    "sạt lở đất",
    "mưa lớn",
    "mưa đá",
    "dông lốc",
    "thiên tai",
    "cảnh báo",
    "khẩn cấp",
    "sơ tán",
    "phát hành",
    "ủy ban",
    "uỷ ban",
    "nhân dân",
    "tiêm chủng",
    "vắc xin",
    "y tế",
    "trạm y tế",
    "tiếp công dân",
    "công dân",
    "căn cước",
    "hội trường",
    "nhà văn hóa",
    "nhà văn hoá",
    "đường dây nóng",
    "lừa đảo",
    "cúp điện",
    "mất điện",
    "cắt điện",
    "đại hội",
];

const WEEKDAYS: &[&str] = &[
    "thứ hai",
    "thứ ba",
    "thứ tư",
    "thứ năm",
    "thứ sáu",
    "thứ bảy",
    "chủ nhật",
];

/// `text` with the spaces inside number–unit pairs, weekday names and known compounds made
/// non-breaking. Other spaces, line breaks and the letters themselves are unchanged.
pub fn keep_together(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    if words.len() < 2 {
        return text.to_owned();
    }
    // glue[i]: the space after words[i] becomes non-breaking.
    let mut glue = vec![false; words.len() - 1];
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    for i in 0..words.len() - 1 {
        let (a, b) = (&lower[i], bare(&lower[i + 1]));
        if ends_with_digit(a)
            && (UNITS.contains(&b) || b.chars().next().is_some_and(|c| c.is_ascii_digit()))
        {
            glue[i] = true;
        }
        // "7 giờ 30": the unit and the number after it.
        if UNITS.contains(&bare(a))
            && !a.ends_with(',')
            && b.chars().all(|c| c.is_ascii_digit())
            && !b.is_empty()
            && i > 0
            && ends_with_digit(&lower[i - 1])
        {
            glue[i] = true;
        }
    }
    for phrase in COMPOUNDS.iter().chain(WEEKDAYS) {
        let parts: Vec<&str> = phrase.split(' ').collect();
        if parts.len() > words.len() {
            continue;
        }
        for start in 0..=words.len() - parts.len() {
            let matches = parts.iter().enumerate().all(|(k, p)| {
                let w = &lower[start + k];
                // Punctuation may follow the last word ("lũ quét," "Phát hành:").
                if k + 1 == parts.len() {
                    bare(w) == *p
                } else {
                    w == p
                }
            });
            if matches {
                for g in glue.iter_mut().skip(start).take(parts.len() - 1) {
                    *g = true;
                }
            }
        }
    }
    // No widow: the last two words go together (a text of four words or more).
    let last = words.len() - 1;
    if last >= 3
        && !words[last].is_empty()
        && !words[last - 1].is_empty()
        && !words[last - 1].contains('\n')
    {
        glue[last - 1] = true;
    }
    let mut out = String::with_capacity(text.len());
    for (i, w) in words.iter().enumerate() {
        out.push_str(w);
        if let Some(&g) = glue.get(i) {
            out.push(if g { NBSP } else { ' ' });
        }
    }
    out
}

/// A word without the punctuation that may follow it.
fn bare(word: &str) -> &str {
    word.trim_end_matches([',', '.', ':', ';', '!', '?', ')', '"', '”'])
}

fn ends_with_digit(word: &str) -> bool {
    word.chars().last().is_some_and(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(s: &str) -> String {
        s.replace(NBSP, "~")
    }

    #[test]
    fn numbers_keep_their_units() {
        let cases = [
            (
                "Lượng mưa 50 mm trong 24 giờ",
                "Lượng mưa 50~mm trong 24~giờ",
            ),
            ("Từ 7 giờ 30 đến 11 giờ", "Từ 7~giờ~30 đến 11~giờ"),
            ("120 hộ, 15 % dân số", "120~hộ, 15~% dân~số"),
        ];
        for (text, want) in cases {
            assert_eq!(shown(&keep_together(text)), want);
        }
    }

    #[test]
    fn compounds_weekdays_and_the_last_two_words_stay_whole() {
        let cases = [
            (
                "Cảnh báo lũ quét, sạt lở đất tại xã",
                "Cảnh~báo lũ~quét, sạt~lở~đất tại~xã",
            ),
            (
                "Phát hành: 10:00, Thứ Ba, 29/7/2025",
                "Phát~hành: 10:00, Thứ~Ba,~29/7/2025",
            ),
            ("UBND xã Nậm Cang", "UBND xã Nậm~Cang"),
        ];
        for (text, want) in cases {
            assert_eq!(shown(&keep_together(text)), want);
        }
    }

    #[test]
    fn other_text_is_unchanged() {
        for s in ["", "một", "Bà con", "dòng một\ndòng hai", "  hai  khoảng  "] {
            assert_eq!(keep_together(s), s);
        }
    }
}
