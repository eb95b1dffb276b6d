//! Request bodies: `application/x-www-form-urlencoded`, `multipart/form-data` and JSON, behind one
//! accessor ([`Fields`]) so an endpoint reads `message` the same way whatever the client sent.

use crate::http::Request;

/// Decodes `%XX` escapes and `+` (as a space) into UTF-8 text (invalid sequences become U+FFFD).
pub fn percent_decode(raw: &[u8]) -> String {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'%' if i + 2 < raw.len() => match (hex(raw[i + 1]), hex(raw[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-encodes a value for a query string or a form body.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `a=1&b=x%20y` → pairs, in order.
pub fn parse_urlencoded(raw: &[u8]) -> Vec<(String, String)> {
    raw.split(|b| *b == b'&')
        .filter(|p| !p.is_empty())
        .map(|pair| match pair.iter().position(|b| *b == b'=') {
            Some(eq) => (percent_decode(&pair[..eq]), percent_decode(&pair[eq + 1..])),
            None => (percent_decode(pair), String::new()),
        })
        .collect()
}

/// One part of a multipart body.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

/// Why a multipart body could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MultipartError {
    #[error("no boundary in Content-Type")]
    NoBoundary,
    #[error("body does not start with the boundary")]
    NoOpeningBoundary,
    #[error("part without a closing boundary")]
    Unterminated,
    #[error("part head is malformed")]
    BadPartHead,
}

/// The `boundary` parameter of a `multipart/form-data` content type.
pub fn boundary(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("boundary")).then(|| v.trim().trim_matches('"').to_string())
    })
}

/// Splits a multipart/form-data body into its parts (RFC 7578).
pub fn parse_multipart(body: &[u8], boundary: &str) -> Result<Vec<Part>, MultipartError> {
    let delim = format!("--{boundary}").into_bytes();
    let mut pos = find_from(body, &delim, 0).ok_or(MultipartError::NoOpeningBoundary)?;
    let mut parts = Vec::new();
    loop {
        pos += delim.len();
        if body[pos..].starts_with(b"--") {
            return Ok(parts);
        }
        // Skip the CRLF after the boundary line.
        if body[pos..].starts_with(b"\r\n") {
            pos += 2;
        } else {
            return Err(MultipartError::BadPartHead);
        }
        let head_end = find_from(body, b"\r\n\r\n", pos).ok_or(MultipartError::BadPartHead)?;
        let head =
            std::str::from_utf8(&body[pos..head_end]).map_err(|_| MultipartError::BadPartHead)?;
        let mut name = None;
        let mut filename = None;
        let mut content_type = None;
        for line in head.split("\r\n") {
            let Some((n, v)) = line.split_once(':') else {
                continue;
            };
            match n.trim().to_ascii_lowercase().as_str() {
                "content-disposition" => {
                    name = disposition_param(v, "name");
                    filename = disposition_param(v, "filename");
                }
                "content-type" => content_type = Some(v.trim().to_string()),
                _ => {}
            }
        }
        let data_start = head_end + 4;
        let mut close = b"\r\n".to_vec();
        close.extend_from_slice(&delim);
        let data_end = find_from(body, &close, data_start).ok_or(MultipartError::Unterminated)?;
        parts.push(Part {
            name: name.ok_or(MultipartError::BadPartHead)?,
            filename,
            content_type,
            data: body[data_start..data_end].to_vec(),
        });
        pos = data_end + 2;
    }
}

/// A parameter of a `Content-Disposition` value (`attachment; filename="x.jpg"`).
pub fn disposition_param(value: &str, key: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        let k = k.trim();
        if k.eq_ignore_ascii_case(key) {
            Some(v.trim().trim_matches('"').to_string())
        } else if k.eq_ignore_ascii_case(&format!("{key}*")) {
            // RFC 5987: UTF-8''percent-encoded
            let v = v.trim();
            let enc = v.split_once("''").map(|(_, e)| e).unwrap_or(v);
            Some(percent_decode(enc.as_bytes()))
        } else {
            None
        }
    })
}

fn find_from(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The fields of a request, from its query string and its body whatever the body's encoding.
#[derive(Debug, Clone, Default)]
pub struct Fields {
    pub text: Vec<(String, String)>,
    pub files: Vec<Part>,
    pub json: Option<serde_json::Value>,
}

impl Fields {
    /// Reads query parameters, then the body (form, multipart or JSON). Query values come first.
    pub fn from_request(req: &Request) -> Result<Fields, MultipartError> {
        let mut f = Fields {
            text: req.query_params(),
            ..Default::default()
        };
        let ct = req.content_type();
        if ct == "application/x-www-form-urlencoded" {
            f.text.extend(parse_urlencoded(&req.body));
        } else if ct == "multipart/form-data" {
            let b = req
                .header("content-type")
                .and_then(boundary)
                .ok_or(MultipartError::NoBoundary)?;
            for part in parse_multipart(&req.body, &b)? {
                if part.filename.is_some() {
                    f.files.push(part);
                } else {
                    f.text.push((
                        part.name.clone(),
                        String::from_utf8_lossy(&part.data).into_owned(),
                    ));
                }
            }
        } else if ct == "application/json" {
            f.json = serde_json::from_slice(&req.body).ok();
        }
        Ok(f)
    }

    /// A text field (form field, query parameter or top-level JSON string/number/bool).
    pub fn get(&self, name: &str) -> Option<String> {
        if let Some((_, v)) = self.text.iter().rev().find(|(k, _)| k == name) {
            return Some(v.clone());
        }
        match self.json.as_ref()?.get(name)? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Null => None,
            other => Some(other.to_string()),
        }
    }

    /// A file part by field name.
    pub fn file(&self, name: &str) -> Option<&Part> {
        self.files.iter().find(|p| p.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlencoded_decodes_vietnamese_and_brackets() {
        let enc = format!(
            "message={}&attached_media%5B0%5D=%7B%22media_fbid%22%3A%221%22%7D",
            percent_encode("Lũ quét ở bản Khun")
        );
        let pairs = parse_urlencoded(enc.as_bytes());
        assert_eq!(pairs[0], ("message".into(), "Lũ quét ở bản Khun".into()));
        assert_eq!(
            pairs[1],
            ("attached_media[0]".into(), "{\"media_fbid\":\"1\"}".into())
        );
        assert_eq!(percent_decode(b"a+b%2"), "a b%2");
    }

    #[test]
    fn multipart_splits_fields_and_files_with_binary_data() {
        let data = [0u8, 13, 10, 45, 45, 255, 1];
        let mut body = Vec::new();
        body.extend_from_slice(
            b"--XyZ\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nxin ch\xc3\xa0o\r\n",
        );
        body.extend_from_slice(b"--XyZ\r\nContent-Disposition: form-data; name=\"source\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n");
        body.extend_from_slice(&data);
        body.extend_from_slice(b"\r\n--XyZ--\r\n");
        let parts = parse_multipart(&body, "XyZ").expect("valid multipart");
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "message");
        assert_eq!(parts[0].data, "xin chào".as_bytes());
        assert_eq!(parts[1].filename.as_deref(), Some("a.jpg"));
        assert_eq!(parts[1].content_type.as_deref(), Some("image/jpeg"));
        assert_eq!(parts[1].data, data);
        assert_eq!(
            boundary("multipart/form-data; boundary=\"XyZ\"").as_deref(),
            Some("XyZ")
        );
    }

    #[test]
    fn multipart_without_closing_boundary_is_an_error() {
        let body = b"--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhalf";
        assert_eq!(
            parse_multipart(body, "B").err(),
            Some(MultipartError::Unterminated)
        );
    }

    #[test]
    fn disposition_reads_plain_and_extended_filenames() {
        assert_eq!(
            disposition_param("attachment; filename=\"x.jpg\"", "filename").as_deref(),
            Some("x.jpg")
        );
        assert_eq!(
            disposition_param("attachment; filename*=UTF-8''%E1%BA%A3nh.jpg", "filename")
                .as_deref(),
            Some("ảnh.jpg")
        );
    }
}
