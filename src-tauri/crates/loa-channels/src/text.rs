//! Text shaping shared by the clients: NFC, paragraphs, HTML escaping, slugs, truncation.

use unicode_normalization::UnicodeNormalization;

pub(crate) fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Paragraphs of a post: separated by blank lines, each trimmed, inner line breaks kept.
pub(crate) fn paragraphs(text: &str) -> Vec<String> {
    let text = nfc(text).replace("\r\n", "\n").replace('\r', "\n");
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n").trim().to_owned());
                current.clear();
            }
        } else {
            current.push(line.trim_end());
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n").trim().to_owned());
    }
    out
}

/// Escapes text for HTML element content and double-quoted attributes.
pub(crate) fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// An ASCII slug: Vietnamese letters lose their marks (đ → d), everything else that is not a
/// letter or digit becomes a single `-`. At most `max` bytes, never ending in `-`.
pub(crate) fn slugify(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in s.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            // Combining marks (U+0300–U+036F) are the tones and hats NFD split off.
            '\u{0300}'..='\u{036F}' => continue,
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
        if out.len() >= max {
            break;
        }
    }
    out.truncate(max);
    out.trim_end_matches('-').to_owned()
}

/// At most `max` characters; cut at a word boundary with "…" when something was dropped.
pub(crate) fn truncate_chars(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let keep: String = s.chars().take(max.saturating_sub(1)).collect();
    let cut = match keep.rfind(char::is_whitespace) {
        Some(i) if i > keep.len() / 2 => &keep[..i],
        _ => keep.as_str(),
    };
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let p = paragraphs("Thông báo\r\nlịch tiêm\n\n  \nNgày 5/8 tại nhà văn hoá  \n");
        assert_eq!(
            p,
            vec![
                "Thông báo\nlịch tiêm".to_owned(),
                "Ngày 5/8 tại nhà văn hoá".to_owned()
            ]
        );
        assert!(paragraphs(" \n\n ").is_empty());
    }

    #[test]
    fn slugs_fold_vietnamese() {
        assert_eq!(
            slugify("Đường vào bản Khun — lũ quét!", 60),
            "duong-vao-ban-khun-lu-quet"
        );
        assert_eq!(slugify("Thu\u{0309} tục", 60), "thu-tuc");
        assert_eq!(slugify("abc def ghi", 7), "abc-def");
        assert_eq!(slugify("!!!", 10), "");
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            html_escape(r#"<b>"A" & 'B'</b>"#),
            "&lt;b&gt;&quot;A&quot; &amp; &#39;B&#39;&lt;/b&gt;"
        );
    }

    #[test]
    fn truncation_counts_characters_not_bytes() {
        let long = "Thông báo về việc tổ chức tiêm chủng mở rộng";
        let t = truncate_chars(long, 20);
        assert!(t.chars().count() <= 20, "{t}");
        assert!(t.ends_with('…'));
        assert_eq!(truncate_chars("ngắn", 20), "ngắn");
    }
}
