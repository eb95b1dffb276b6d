//! A small HTTP/1.1 server-side codec with byte-level control.
//!
//! Written by hand (not `tiny_http`) because the faults need to act between bytes: close after the
//! head, close half-way through a body, act and then close without answering, or read and write at a
//! fixed number of bytes per second. Every connection is `Connection: close` (one request per
//! connection): a fault then never leaves a half-used keep-alive connection behind, and "the host
//! went away" is simply "stop accepting".

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Largest request head accepted (request line + headers).
const MAX_HEAD: usize = 64 * 1024;
/// Largest request body accepted (a prepared photo is well under this).
pub const MAX_BODY: usize = 64 * 1024 * 1024;

/// Why a request could not be read. The connection is closed without an answer.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("connection closed before a full request: {0}")]
    Io(#[from] io::Error),
    #[error("malformed request: {0}")]
    Malformed(&'static str),
    #[error("request too large")]
    TooLarge,
}

/// One parsed request.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The path without the query string, percent-decoded.
    pub path: String,
    /// The raw query string (after `?`), not decoded.
    pub query: String,
    /// The request target as sent (path and query, not decoded).
    pub target: String,
    /// Header names lower-cased, in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Bytes of the head as received (request line and headers, with the blank line).
    pub head_len: usize,
}

impl Request {
    /// First header with this (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Decoded query parameters, in order.
    pub fn query_params(&self) -> Vec<(String, String)> {
        crate::form::parse_urlencoded(self.query.as_bytes())
    }

    /// First query parameter with this name.
    pub fn query_param(&self, name: &str) -> Option<String> {
        self.query_params()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    /// The media type of the body, lower-cased, without parameters.
    pub fn content_type(&self) -> String {
        self.header("content-type")
            .map(|v| {
                v.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            })
            .unwrap_or_default()
    }

    /// The URL the client asked for, as a browser's address bar would show it.
    pub fn url(&self) -> String {
        format!(
            "http://{}{}",
            self.header("host").unwrap_or("localhost"),
            self.target
        )
    }

    /// Whether this request may change state on the server (the ones random faults pick).
    pub fn is_state_changing(&self) -> bool {
        matches!(self.method.as_str(), "POST" | "PUT" | "PATCH" | "DELETE")
    }
}

/// An answer. `Content-Length` and `Connection: close` are added when written.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16) -> Self {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// A JSON answer.
    pub fn json(status: u16, value: &serde_json::Value) -> Self {
        let mut r = Response::new(status);
        r.headers.push((
            "Content-Type".into(),
            "application/json; charset=UTF-8".into(),
        ));
        r.body = value.to_string().into_bytes();
        r
    }

    /// An HTML page (`text/html; charset=UTF-8`).
    pub fn html(status: u16, body: &str) -> Self {
        let mut r = Response::new(status);
        r.headers
            .push(("Content-Type".into(), "text/html; charset=UTF-8".into()));
        r.body = body.as_bytes().to_vec();
        r
    }

    /// A redirect to `location`.
    pub fn redirect(status: u16, location: &str) -> Self {
        Response::new(status).with_header("Location", location)
    }

    /// Adds a header (builder style).
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    /// The body parsed as JSON (tests and the inspection helpers use it).
    pub fn body_json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    fn head_bytes(&self) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (n, v) in &self.headers {
            head.push_str(n);
            head.push_str(": ");
            head.push_str(v);
            head.push_str("\r\n");
        }
        head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        head.push_str("Connection: close\r\n\r\n");
        head.into_bytes()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        412 => "Precondition Failed",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

/// A byte-rate limit: a token bucket that starts empty, so the first bytes already pay their
/// time. One [`Link`] can pace many connections at once (a commune's one slow link): each slice
/// of bytes is reserved before it moves, so concurrent connections share the rate.
#[derive(Debug)]
struct Pace {
    bytes_per_sec: u64,
    started: Instant,
    moved: u64,
    /// The link drops every this many bytes it carries inward (a weak mountain link that
    /// loses its carrier now and then and comes straight back).
    drop_every: Option<u64>,
    /// Bytes carried inward since the last drop.
    since_drop: u64,
    /// Drops so far.
    drops: u64,
}

impl Pace {
    fn new(bytes_per_sec: u64) -> Self {
        Pace {
            bytes_per_sec: bytes_per_sec.max(1),
            started: Instant::now(),
            moved: 0,
            drop_every: None,
            since_drop: 0,
            drops: 0,
        }
    }

    /// `n` bytes came in; `true` when the link drops on them.
    fn carried(&mut self, n: u64) -> bool {
        let Some(every) = self.drop_every.filter(|e| *e > 0) else {
            return false;
        };
        self.since_drop += n;
        if self.since_drop >= every {
            self.since_drop = 0;
            self.drops += 1;
            return true;
        }
        false
    }

    /// Reserves up to `want` bytes; returns how many and how long to wait before moving them.
    fn reserve(&mut self, want: usize) -> (usize, Duration) {
        // Small slices keep the pace smooth: 1/50 s worth, at least 256 bytes.
        let slice = ((self.bytes_per_sec / 50).max(256) as usize).min(want.max(1));
        // An idle link does not bank credit beyond a quarter of a second.
        let now = self.started.elapsed();
        let floor = now.as_secs_f64() - 0.25;
        let credit_floor = (floor.max(0.0) * self.bytes_per_sec as f64) as u64;
        self.moved = self.moved.max(credit_floor);
        self.moved += slice as u64;
        let due = Duration::from_secs_f64(self.moved as f64 / self.bytes_per_sec as f64);
        (slice, due.saturating_sub(now))
    }

    /// Gives back the part of a reservation that did not move.
    fn refund(&mut self, n: usize) {
        self.moved = self.moved.saturating_sub(n as u64);
    }
}

/// A shared slow link: every connection given the same `Link` shares its bytes per second.
#[derive(Debug, Clone)]
pub struct Link(Arc<Mutex<Pace>>);

impl Link {
    pub fn new(bytes_per_sec: u64) -> Link {
        Link(Arc::new(Mutex::new(Pace::new(bytes_per_sec))))
    }

    pub fn bytes_per_sec(&self) -> u64 {
        crate::server::lock(&self.0).bytes_per_sec
    }

    /// The same link, dropping every connection it carries at the moment `bytes` more request
    /// bytes have come in since the last drop (the connection is reset; the next one goes
    /// through). Nothing of the cut request is handled.
    pub fn dropping_every(self, bytes: u64) -> Link {
        crate::server::lock(&self.0).drop_every = Some(bytes);
        self
    }

    /// Drops so far ([`Link::dropping_every`]).
    pub fn drops(&self) -> u64 {
        crate::server::lock(&self.0).drops
    }

    fn allow(&self, want: usize) -> usize {
        let (n, wait) = crate::server::lock(&self.0).reserve(want);
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
        n
    }

    fn refund(&self, n: usize) {
        if n > 0 {
            crate::server::lock(&self.0).refund(n);
        }
    }
}

/// One accepted connection with optional pacing and a count of the bytes read.
#[derive(Debug)]
pub struct Conn {
    stream: TcpStream,
    /// Bytes read but not yet consumed by the parser.
    pending: Vec<u8>,
    pace: Option<Link>,
    /// Every byte read from the socket so far.
    pub bytes_read: u64,
}

impl Conn {
    pub fn new(stream: TcpStream) -> Self {
        Conn {
            stream,
            pending: Vec::new(),
            pace: None,
            bytes_read: 0,
        }
    }

    /// Reads and writes at most this many bytes per second from now on (this connection alone).
    pub fn set_pace(&mut self, bytes_per_sec: Option<u64>) {
        self.pace = bytes_per_sec.map(Link::new);
    }

    /// Reads and writes through a shared link from now on.
    pub fn set_link(&mut self, link: Option<Link>) {
        self.pace = link;
    }

    fn fill(&mut self, want: usize) -> io::Result<usize> {
        let cap = match self.pace.as_ref() {
            Some(p) => p.allow(want),
            None => want.clamp(1, 64 * 1024),
        };
        let mut buf = vec![0u8; cap];
        let n = self.stream.read(&mut buf);
        if let Some(p) = self.pace.as_ref() {
            p.refund(cap - *n.as_ref().unwrap_or(&0));
        }
        let n = n?;
        self.bytes_read += n as u64;
        if self
            .pace
            .as_ref()
            .is_some_and(|p| crate::server::lock(&p.0).carried(n as u64))
        {
            return Err(io::Error::new(
                io::ErrorKind::ConnectionReset,
                "the link dropped",
            ));
        }
        self.pending.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    /// Reads the request line and headers. Returns the parsed head and how the body is framed.
    pub fn read_head(&mut self) -> Result<(Request, BodyFraming), ReadError> {
        let head_end = loop {
            if let Some(pos) = find(&self.pending, b"\r\n\r\n") {
                break pos + 4;
            }
            if self.pending.len() > MAX_HEAD {
                return Err(ReadError::TooLarge);
            }
            if self.fill(8 * 1024)? == 0 {
                return Err(ReadError::Io(io::ErrorKind::UnexpectedEof.into()));
            }
        };
        let head: Vec<u8> = self.pending.drain(..head_end).collect();
        let text =
            std::str::from_utf8(&head).map_err(|_| ReadError::Malformed("head is not UTF-8"))?;
        let mut lines = text.split("\r\n");
        let request_line = lines.next().ok_or(ReadError::Malformed("empty head"))?;
        let mut parts = request_line.split(' ');
        let method = parts
            .next()
            .ok_or(ReadError::Malformed("no method"))?
            .to_string();
        let target = parts.next().ok_or(ReadError::Malformed("no target"))?;
        let (raw_path, query) = match target.split_once('?') {
            Some((p, q)) => (p, q.to_string()),
            None => (target, String::new()),
        };
        let mut headers = Vec::new();
        for line in lines.filter(|l| !l.is_empty()) {
            let (n, v) = line
                .split_once(':')
                .ok_or(ReadError::Malformed("header without a colon"))?;
            headers.push((n.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
        let req = Request {
            method,
            path: crate::form::percent_decode(raw_path.as_bytes()),
            query,
            target: target.to_string(),
            headers,
            body: Vec::new(),
            head_len: head_end,
        };
        let framing = if req
            .header("transfer-encoding")
            .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"))
        {
            BodyFraming::Chunked
        } else {
            let len = match req.header("content-length") {
                Some(v) => v
                    .parse::<usize>()
                    .map_err(|_| ReadError::Malformed("bad Content-Length"))?,
                None => 0,
            };
            if len > MAX_BODY {
                return Err(ReadError::TooLarge);
            }
            BodyFraming::Length(len)
        };
        if req
            .header("expect")
            .is_some_and(|v| v.eq_ignore_ascii_case("100-continue"))
        {
            self.stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
        }
        Ok((req, framing))
    }

    /// Reads exactly `n` more bytes (or fewer at EOF, which is an error).
    fn take(&mut self, n: usize) -> Result<Vec<u8>, ReadError> {
        while self.pending.len() < n {
            if self.fill(n - self.pending.len())? == 0 {
                return Err(ReadError::Io(io::ErrorKind::UnexpectedEof.into()));
            }
        }
        Ok(self.pending.drain(..n).collect())
    }

    fn take_line(&mut self) -> Result<String, ReadError> {
        loop {
            if let Some(pos) = find(&self.pending, b"\r\n") {
                let line: Vec<u8> = self.pending.drain(..pos + 2).collect();
                return String::from_utf8(line[..pos].to_vec())
                    .map_err(|_| ReadError::Malformed("chunk line is not UTF-8"));
            }
            if self.pending.len() > 4096 {
                return Err(ReadError::Malformed("chunk line too long"));
            }
            if self.fill(1024)? == 0 {
                return Err(ReadError::Io(io::ErrorKind::UnexpectedEof.into()));
            }
        }
    }

    /// Reads the whole body.
    pub fn read_body(&mut self, framing: BodyFraming) -> Result<Vec<u8>, ReadError> {
        match framing {
            BodyFraming::Length(n) => self.take(n),
            BodyFraming::Chunked => {
                let mut body = Vec::new();
                loop {
                    let line = self.take_line()?;
                    let size_hex = line.split(';').next().unwrap_or("").trim();
                    let size = usize::from_str_radix(size_hex, 16)
                        .map_err(|_| ReadError::Malformed("bad chunk size"))?;
                    if size == 0 {
                        // Trailers, up to the blank line.
                        while !self.take_line()?.is_empty() {}
                        return Ok(body);
                    }
                    if body.len() + size > MAX_BODY {
                        return Err(ReadError::TooLarge);
                    }
                    body.extend(self.take(size)?);
                    if self.take(2)? != b"\r\n" {
                        return Err(ReadError::Malformed("chunk not followed by CRLF"));
                    }
                }
            }
        }
    }

    /// Reads about `n` bytes of the body and stops (the close-mid-body fault).
    pub fn read_partial(&mut self, n: usize) -> usize {
        let mut got = self.pending.len();
        while got < n {
            match self.fill(n - got) {
                Ok(0) | Err(_) => break,
                Ok(k) => got += k,
            }
        }
        got
    }

    /// Writes the answer (paced if a pace is set) and closes the write side.
    pub fn write_response(&mut self, resp: &Response) -> io::Result<u64> {
        let mut bytes = resp.head_bytes();
        bytes.extend_from_slice(&resp.body);
        let mut sent = 0usize;
        while sent < bytes.len() {
            let n = match self.pace.as_ref() {
                Some(p) => p.allow(bytes.len() - sent),
                None => bytes.len() - sent,
            };
            self.stream.write_all(&bytes[sent..sent + n])?;
            sent += n;
        }
        self.stream.flush()?;
        let _ = self.stream.shutdown(std::net::Shutdown::Write);
        // Drain what the client may still send so the close is a clean FIN, not a reset that
        // could destroy the answer in flight.
        let _ = self
            .stream
            .set_read_timeout(Some(Duration::from_millis(200)));
        let mut sink = [0u8; 1024];
        while matches!(self.stream.read(&mut sink), Ok(n) if n > 0) {}
        Ok(sent as u64)
    }

    /// Closes without answering. Unread bytes make the kernel send a reset, as a dropped link does.
    pub fn abort(self) {
        let _ = self.stream.shutdown(std::net::Shutdown::Both);
    }
}

/// How the request body is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFraming {
    Length(usize),
    Chunked,
}

impl BodyFraming {
    /// The announced length, when known.
    pub fn announced(&self) -> Option<usize> {
        match self {
            BodyFraming::Length(n) => Some(*n),
            BodyFraming::Chunked => None,
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
