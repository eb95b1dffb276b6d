//! Small helpers shared by the emulators.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// SHA-256 of some bytes (how the emulators remember an uploaded photo).
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Lower-case hex of a digest.
pub fn hex(d: &[u8; 32]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// The emulators' clock. Real time: the worker under test runs in another process.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Decodes standard base64 (for `Authorization: Basic`). `None` if malformed.
pub fn base64_decode(s: &str) -> Option<Vec<u8>> {
    fn val(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        } as u32)
    }
    let clean: Vec<u8> = s
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && *b != b'=')
        .collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let mut acc = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            acc |= val(*c)? << (18 - 6 * i);
        }
        let bytes = acc.to_be_bytes();
        match chunk.len() {
            4 => out.extend_from_slice(&bytes[1..4]),
            3 => out.extend_from_slice(&bytes[1..3]),
            2 => out.push(bytes[1]),
            _ => return None,
        }
    }
    Some(out)
}

/// Encodes standard base64 with padding (the test client's Basic auth).
pub fn base64_encode(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Escapes text for HTML element content and double-quoted attributes.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A fresh opaque token: `prefix` and 24 characters from a counter-seeded generator (the
/// emulators' codes and tokens need to be unguessable only in appearance).
pub fn opaque_token(prefix: &str, rng: &mut crate::faults::SplitMix64) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let tail: String = (0..24)
        .map(|_| A[(rng.next_u64() % A.len() as u64) as usize] as char)
        .collect();
    format!("{prefix}{tail}")
}

/// The PKCE S256 code challenge of a verifier (RFC 7636: BASE64URL(SHA256(verifier)), no
/// padding).
pub fn pkce_s256(verifier: &str) -> String {
    base64_encode(&sha256(verifier.as_bytes()))
        .trim_end_matches('=')
        .replace('+', "-")
        .replace('/', "_")
}

/// The image type from its first bytes.
pub fn sniff_image(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if b.starts_with(b"GIF8") {
        Some("image/gif")
    } else if b.len() > 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// The video type of `b` named `file_name`, the way WordPress takes a video: the extension must
/// be one of its default allowed video types (`get_allowed_mime_types`: mp4|m4v, mov|qt, webm,
/// 3gp|3gpp) and the content must look like that container (`wp_check_filetype_and_ext` asks
/// fileinfo for the real type): an ISO-BMFF `ftyp` box at offset 4 for MP4, MOV and 3GP, the
/// EBML magic for WebM.
pub fn sniff_video(b: &[u8], file_name: &str) -> Option<&'static str> {
    let ext = file_name.rsplit_once('.')?.1.to_ascii_lowercase();
    let iso = b.len() > 12 && &b[4..8] == b"ftyp";
    let ebml = b.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]);
    match ext.as_str() {
        "mp4" | "m4v" if iso => Some("video/mp4"),
        "mov" | "qt" if iso => Some("video/quicktime"),
        "3gp" | "3gpp" if iso => Some("video/3gpp"),
        "webm" if ebml => Some("video/webm"),
        _ => None,
    }
}

/// Characters (not bytes) of a string: the platforms count characters.
pub fn chars(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn videos_are_known_by_extension_and_container() {
        let mut mp4 = b"\0\0\0\x18ftypisom\0\0\x02\0isomiso2".to_vec();
        mp4.extend([7u8; 100]);
        assert_eq!(sniff_video(&mp4, "a.mp4"), Some("video/mp4"));
        assert_eq!(sniff_video(&mp4, "a.MOV"), Some("video/quicktime"));
        assert_eq!(sniff_video(&mp4, "a.exe"), None);
        assert_eq!(
            sniff_video(&[7u8; 100], "a.mp4"),
            None,
            "random bytes are no MP4"
        );
        assert_eq!(
            sniff_video(&[0x1A, 0x45, 0xDF, 0xA3, 1, 2, 3], "a.webm"),
            Some("video/webm")
        );
    }

    #[test]
    fn base64_round_trips() {
        for s in [
            "",
            "a",
            "ab",
            "abc",
            "admin:abcd EFGH ijkl",
            "cán bộ:mật khẩu",
        ] {
            assert_eq!(
                base64_decode(&base64_encode(s.as_bytes())).as_deref(),
                Some(s.as_bytes())
            );
        }
        assert_eq!(base64_encode(b"admin:pw"), "YWRtaW46cHc=");
    }

    #[test]
    fn s256_challenge_matches_rfc7636_example() {
        // RFC 7636 appendix B.
        assert_eq!(
            pkce_s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn html_escape_covers_markup_and_quotes() {
        assert_eq!(
            html_escape("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
    }

    #[test]
    fn sha256_of_empty_is_the_known_digest() {
        assert_eq!(
            hex(&sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
