//! How a post's title and body become each platform's message. The clients send exactly what
//! these functions return, and the limits ([`crate::check`]) and the checks (`loa-checks`)
//! count exactly that, so a verdict before queueing is the platform's verdict after sending.
//!
//! - Facebook has no title field: [`facebook_message`] is the title line, a blank line, then
//!   the body. The folder export writes the same text ([`titled_text`]).
//! - Zalo articles take a title, an author, a description and paragraphs ([`zalo_article`]).
//! - WordPress takes the title and the body's paragraphs ([`paragraphs`]; the client turns them
//!   into HTML).
//!
//! Everything returned is NFC.

use crate::{ZALO, nfc};

/// The title as every platform that has a title field receives it: trimmed, NFC.
pub fn title(title: &str) -> String {
    nfc(title.trim())
}

/// The trimmed title, a blank line, the trimmed body (just one of them when the other is
/// empty), NFC.
pub fn titled_text(title: &str, body: &str) -> String {
    let (t, b) = (nfc(title.trim()), nfc(body.trim()));
    match (t.is_empty(), b.is_empty()) {
        (false, false) => format!("{t}\n\n{b}"),
        (false, true) => t,
        _ => b,
    }
}

/// The `message` of a Facebook post: [`titled_text`]. Facebook has no title field, so the
/// title reaches the page as the message's first line; the 63,206-character limit counts it.
pub fn facebook_message(title: &str, body: &str) -> String {
    titled_text(title, body)
}

/// Paragraphs of a text: separated by blank lines, each trimmed, inner line breaks kept
/// (`\r\n` and `\r` read as `\n`), NFC.
pub fn paragraphs(text: &str) -> Vec<String> {
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

/// At most `max` characters; cut at a word boundary with "…" when something was dropped.
pub fn truncate_chars(s: &str, max: usize) -> String {
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

/// The text fields of a Zalo OA article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZaloArticle {
    /// [`title`]: the checks and the limits refuse one over [`ZALO`]'s maximum; the client
    /// never cuts it.
    pub title: String,
    /// The channel's name, cut to the author limit (the officer does not type it per post).
    pub author: String,
    /// [`zalo_description_source`], cut to the description limit with "…" when longer (the
    /// checks block such a post unless the officer overrides them).
    pub description: String,
    pub paragraphs: Vec<String>,
}

/// The summary a Zalo article shows under its title, before any cut: the body's first
/// paragraph, or the title when the body is empty.
pub fn zalo_description_source(title_text: &str, body: &str) -> String {
    paragraphs(body)
        .into_iter()
        .next()
        .unwrap_or_else(|| title(title_text))
}

fn limit(max: Option<u32>) -> usize {
    max.map_or(usize::MAX, |m| m as usize)
}

/// The article Loa sends for a post to a Zalo OA named `channel_name`.
pub fn zalo_article(title_text: &str, body: &str, channel_name: &str) -> ZaloArticle {
    ZaloArticle {
        title: title(title_text),
        author: truncate_chars(&nfc(channel_name), limit(ZALO.max_author_chars)),
        description: truncate_chars(
            &zalo_description_source(title_text, body),
            limit(ZALO.max_description_chars),
        ),
        paragraphs: paragraphs(body),
    }
}

/// Where the Zalo description comes from in the body as typed: character offsets (end
/// exclusive) of the first paragraph, so the checks can mark what is over the limit.
pub fn zalo_description_span(body: &str) -> (usize, usize) {
    let lead = body.len() - body.trim_start().len();
    let start = body[..lead].chars().count();
    let len = paragraphs(body).first().map_or(0, |p| p.chars().count());
    (start, start + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facebook_message_is_title_blank_line_body() {
        assert_eq!(
            facebook_message(" Tiêu đề ", " Nội dung "),
            "Tiêu đề\n\nNội dung"
        );
        assert_eq!(facebook_message("", "Nội dung"), "Nội dung");
        assert_eq!(facebook_message("Tiêu đề", "  "), "Tiêu đề");
        // Decomposed input leaves as NFC.
        assert_eq!(facebook_message("lu\u{0303}", "x"), "lũ\n\nx");
    }

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
    fn zalo_description_is_the_first_paragraph_cut_to_the_limit() {
        let a = zalo_article(" Tiêu đề ", "\n  Đoạn một\ndòng hai\n\nĐoạn hai", "UBND xã");
        assert_eq!(a.title, "Tiêu đề");
        assert_eq!(a.description, "Đoạn một\ndòng hai");
        assert_eq!(a.paragraphs.len(), 2);
        assert_eq!(zalo_article("T", "", "X").description, "T");
        let long = "ư ".repeat(200);
        let cut = zalo_article("T", &long, "X").description;
        assert!(cut.chars().count() <= 300 && cut.ends_with('…'), "{cut}");
        let author = zalo_article("T", "x", &"Ủy ban ".repeat(20)).author;
        assert!(author.chars().count() <= 50);
        assert_eq!(zalo_description_span("\n  Đoạn một\n\nhai"), (3, 11));
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
