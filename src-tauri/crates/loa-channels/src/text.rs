//! Text shaping of the clients. How a post becomes each platform's message (paragraphs, the
//! Facebook message, the Zalo fields), NFC and slugs are `loa-platforms`'; only HTML escaping,
//! which only the WordPress client needs, lives here.

pub(crate) use loa_platforms::compose::paragraphs;
pub(crate) use loa_platforms::{nfc, slugify};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            html_escape(r#"<b>"A" & 'B'</b>"#),
            "&lt;b&gt;&quot;A&quot; &amp; &#39;B&#39;&lt;/b&gt;"
        );
    }
}
