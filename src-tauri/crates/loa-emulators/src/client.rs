//! A tiny std-only HTTP/1.1 client for the emulators' own tests and for inspecting a running
//! sandbox. Not a product client: it sends one request per connection and reads to EOF.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// An answer as received.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A query parameter of the `Location` header (a redirect's destination).
    pub fn location_param(&self, name: &str) -> Option<String> {
        let loc = self.header("location")?;
        let (_, q) = loc.split_once('?')?;
        crate::form::parse_urlencoded(q.as_bytes())
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    /// The `value` of the form input called `name` in an HTML answer (to press the emulators'
    /// buttons the way a browser would).
    pub fn input_value(&self, name: &str) -> Option<String> {
        let html = self.text();
        let needle = format!("name=\"{name}\" value=\"");
        let start = html.find(&needle)? + needle.len();
        let end = html[start..].find('"')?;
        Some(html[start..start + end].to_string())
    }

    /// The body as JSON (`Null` if it is not JSON).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// A request to send.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    /// Absolute URL: `http://127.0.0.1:PORT/path?query`.
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Send the body with `Transfer-Encoding: chunked` instead of `Content-Length`.
    pub chunked: bool,
    /// How long to wait for the answer (30 s unless set).
    pub timeout: Duration,
}

impl Call {
    pub fn new(method: &str, url: &str) -> Call {
        Call {
            method: method.into(),
            url: url.into(),
            headers: Vec::new(),
            body: Vec::new(),
            chunked: false,
            timeout: Duration::from_secs(30),
        }
    }

    pub fn get(url: &str) -> Call {
        Call::new("GET", url)
    }

    pub fn post(url: &str) -> Call {
        Call::new("POST", url)
    }

    pub fn header(mut self, n: &str, v: &str) -> Call {
        self.headers.push((n.into(), v.into()));
        self
    }

    /// A form-urlencoded body.
    pub fn form(mut self, fields: &[(&str, &str)]) -> Call {
        let body = fields
            .iter()
            .map(|(k, v)| {
                format!(
                    "{}={}",
                    crate::form::percent_encode(k),
                    crate::form::percent_encode(v)
                )
            })
            .collect::<Vec<_>>()
            .join("&");
        self.body = body.into_bytes();
        self.header("Content-Type", "application/x-www-form-urlencoded")
    }

    /// A JSON body.
    pub fn json(mut self, v: &serde_json::Value) -> Call {
        self.body = v.to_string().into_bytes();
        self.header("Content-Type", "application/json")
    }

    /// A multipart/form-data body: text fields, then files `(field, filename, bytes)`.
    pub fn multipart(mut self, fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Call {
        let b = "loaBoundary7MA4YWxkTrZu0gW";
        let mut body = Vec::new();
        for (k, v) in fields {
            body.extend_from_slice(
                format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                    .as_bytes(),
            );
        }
        for (k, name, data) in files {
            body.extend_from_slice(
                format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes(),
            );
            body.extend_from_slice(data);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{b}--\r\n").as_bytes());
        self.body = body;
        self.header(
            "Content-Type",
            &format!("multipart/form-data; boundary={b}"),
        )
    }

    /// A raw body with its content type.
    pub fn raw(mut self, content_type: &str, data: &[u8]) -> Call {
        self.body = data.to_vec();
        self.header("Content-Type", content_type)
    }

    /// Gives up waiting for the answer after `d` (a client's patience).
    pub fn timeout(mut self, d: Duration) -> Call {
        self.timeout = d;
        self
    }

    pub fn chunked(mut self) -> Call {
        self.chunked = true;
        self
    }

    /// Sends and reads the answer. An `Err` is what a client sees when the connection is refused,
    /// reset or closed before an answer.
    pub fn send(&self) -> io::Result<Reply> {
        let rest = self
            .url
            .strip_prefix("http://")
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "only http:// URLs"))?;
        let (host, target) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        let mut s = TcpStream::connect(host)?;
        s.set_read_timeout(Some(self.timeout))?;
        let mut head = format!(
            "{} {} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n",
            self.method, target
        );
        for (n, v) in &self.headers {
            head.push_str(&format!("{n}: {v}\r\n"));
        }
        if self.chunked {
            head.push_str("Transfer-Encoding: chunked\r\n\r\n");
        } else {
            head.push_str(&format!("Content-Length: {}\r\n\r\n", self.body.len()));
        }
        let mut out = head.into_bytes();
        if self.chunked {
            for c in self.body.chunks(1000) {
                out.extend_from_slice(format!("{:x}\r\n", c.len()).as_bytes());
                out.extend_from_slice(c);
                out.extend_from_slice(b"\r\n");
            }
            out.extend_from_slice(b"0\r\n\r\n");
        } else {
            out.extend_from_slice(&self.body);
        }
        // The server may close mid-body on purpose: a failed write is then the answer.
        s.write_all(&out)?;
        let mut buf = Vec::new();
        s.read_to_end(&mut buf)?;
        parse_reply(&buf)
    }
}

fn parse_reply(buf: &[u8]) -> io::Result<Reply> {
    let bad = |m: &str| io::Error::new(io::ErrorKind::UnexpectedEof, m.to_string());
    let end = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| bad("no answer"))?;
    let head = std::str::from_utf8(&buf[..end]).map_err(|_| bad("head not UTF-8"))?;
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| bad("no status"))?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect::<Vec<_>>();
    let body = buf[end + 4..].to_vec();
    if let Some(len) = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        && body.len() < len
    {
        return Err(bad("answer cut short"));
    }
    Ok(Reply {
        status,
        headers,
        body,
    })
}
