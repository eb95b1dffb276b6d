//! The one place that removes secrets from text Loa keeps or shows: an error message stored in
//! the outbox, printed by `loa queue list`, shown in the window. Server answers are the danger —
//! a captive portal or a blocking proxy answers with an HTML page that echoes the whole address
//! it intercepted, query string included, and an emulator or a debugging proxy may echo
//! headers — so every answer that becomes an error passes through [`redact`].
//!
//! It works on shapes, not on known values, so it also cleans text written before a token
//! changed: `access_token=…` (plain, percent-encoded or HTML-escaped, in a URL or a form), a
//! JSON field `"access_token": "…"`, a header line `access_token: …`, and `Bearer …` /
//! `Basic …` authorisation values. The names below are every secret a channel carries.

/// Names whose values are secrets (lower case; matched case-insensitively).
const SECRET_NAMES: &[&str] = &[
    "access_token",
    "refresh_token",
    "appsecret_proof",
    "client_secret",
    "secret_key",
    "fb_exchange_token",
    "code_verifier",
    "password",
];

/// Authorisation schemes whose parameter is a secret.
const SCHEMES: &[&str] = &["bearer ", "basic ", "oauth "];

/// What replaces a secret.
const MASK: &str = "…";

/// `text` with every secret value replaced by `…`.
pub fn redact(text: &str) -> String {
    // ASCII lower-casing keeps byte offsets, so positions found in `lower` index `text`.
    let lower = text.to_ascii_lowercase();
    let bytes = text.as_bytes();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for name in SECRET_NAMES {
        for (at, _) in lower.match_indices(name) {
            if let Some(start) = value_start(lower.as_bytes(), at + name.len()) {
                let end = value_end(bytes, start);
                if end > start {
                    cuts.push((start, end));
                }
            }
        }
    }
    for scheme in SCHEMES {
        for (at, _) in lower.match_indices(scheme) {
            let start = at + scheme.len();
            let end = value_end(bytes, start);
            if end > start {
                cuts.push((start, end));
            }
        }
    }
    if cuts.is_empty() {
        return text.to_owned();
    }
    cuts.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (start, end) in cuts {
        if end <= pos {
            continue;
        }
        let start = start.max(pos);
        out.push_str(&text[pos..start]);
        out.push_str(MASK);
        pos = end;
    }
    out.push_str(&text[pos..]);
    out
}

/// After a secret's name: skips a closing quote, the `=` / `:` separator (plain or
/// percent-encoded), spaces and an opening quote, and returns where the value starts; `None`
/// when no separator follows (the name is just a word in a sentence).
fn value_start(lower: &[u8], mut i: usize) -> Option<usize> {
    let skip = |i: &mut usize, what: &[u8]| {
        if lower[*i..].starts_with(what) {
            *i += what.len();
            true
        } else {
            false
        }
    };
    let skip_spaces = |i: &mut usize| {
        while *i < lower.len() && (lower[*i] == b' ' || lower[*i] == b'\t') {
            *i += 1;
        }
    };
    // A quote may come escaped: `\"` inside a JSON string that holds JSON (an answer quoting a
    // request body, then quoted again in a message).
    let quote =
        |i: &mut usize| skip(i, b"\\\"") || skip(i, b"\"") || skip(i, b"%22") || skip(i, b"&quot;");
    let _ = quote(&mut i);
    skip_spaces(&mut i);
    let separated = skip(&mut i, b"=")
        || skip(&mut i, b":")
        || skip(&mut i, b"%3d")
        || skip(&mut i, b"%3a")
        || skip(&mut i, b"%253d");
    if !separated {
        return None;
    }
    skip_spaces(&mut i);
    let _ = quote(&mut i);
    Some(i)
}

/// Where a secret value that starts at `start` ends: at the first character that cannot be
/// part of a token, or at a percent-encoded delimiter (`%26` is `&`, `%22` a quote …).
fn value_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let code = bytes.get(i + 1..i + 3).map(|c| c.to_ascii_uppercase());
            let delimiter = matches!(
                code.as_deref(),
                Some(b"26" | b"22" | b"27" | b"20" | b"3C" | b"3E" | b"2C" | b"3B" | b"7D" | b"0A")
            );
            if delimiter || code.is_none() {
                break;
            }
            i += 3;
            continue;
        }
        if b.is_ascii_alphanumeric() || b"-._~+/=|*!$:@".contains(&b) || b >= 0x80 {
            i += 1;
        } else {
            break;
        }
    }
    // Do not cut a multi-byte character in half.
    while i < bytes.len() && (bytes[i] & 0xC0) == 0x80 {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn tokens_in_addresses_forms_json_and_headers_are_masked() {
        let cases = [
            (
                "bad uri http://h/v21.0/1001?fields=id&access_token=EAAG123 end",
                "bad uri http://h/v21.0/1001?fields=id&access_token=… end",
            ),
            (
                "access_token=a&x=1 ACCESS_TOKEN=b",
                "access_token=…&x=1 ACCESS_TOKEN=…",
            ),
            (
                "<a href=\"http://h/feed?limit=1&amp;access_token=EAAB%7Cx&amp;since=2\">",
                "<a href=\"http://h/feed?limit=1&amp;access_token=…&amp;since=2\">",
            ),
            (
                "continue=http%3A%2F%2Fh%2Ff%3Faccess_token%3DEAAB99%26since%3D1",
                "continue=http%3A%2F%2Fh%2Ff%3Faccess_token%3D…%26since%3D1",
            ),
            (
                "{\"access_token\": \"zalo-tok\", \"refresh_token\":\"r1\"}",
                "{\"access_token\": \"…\", \"refresh_token\":\"…\"}",
            ),
            (
                r#"{"message":"{\"access_token\": \"EAAB9\"}"}"#,
                r#"{"message":"{\"access_token\": \"…\"}"}"#,
            ),
            (
                "access_token: zalo-tok\r\nhost: x",
                "access_token: …\r\nhost: x",
            ),
            (
                "Authorization: Bearer EAAG.x-y_z\n",
                "Authorization: Bearer …\n",
            ),
            ("appsecret_proof=abc123&x", "appsecret_proof=…&x"),
            ("secret_key%253Dk1", "secret_key%253D…"),
        ];
        for (input, want) in cases {
            assert_eq!(redact(input), want, "{input}");
        }
    }

    #[test]
    fn plain_text_is_left_alone() {
        for text in [
            "nothing secret",
            "the access_token is missing",
            "Mã truy cập đã hết hạn — hãy kết nối lại.",
            "",
        ] {
            assert_eq!(redact(text), text);
        }
    }

    #[test]
    fn odd_text_neither_panics_nor_leaks() {
        for (input, want) in [
            ("access_token=", "access_token="),
            ("access_token=%", "access_token=%"),
            ("access_token=%2", "access_token=%2"),
            ("access_token=é€x", "access_token=…"),
            ("bearer ", "bearer "),
            ("password:\"", "password:\""),
            ("x access_token=abc%7Cdef%", "x access_token=…%"),
        ] {
            assert_eq!(redact(input), want, "{input}");
        }
    }
}
