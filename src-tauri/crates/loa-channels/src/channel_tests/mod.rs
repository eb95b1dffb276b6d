//! Tests of the clients against tiny loopback servers that answer canned responses and record
//! every request, byte for byte.

mod facebook;
mod folder;
mod transport;
mod wordpress;
mod zalo;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::{ChannelConfig, ChannelKind, Photo, PostContent};

/// One recorded request.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    pub method: String,
    /// Path with query, as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Seen {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    /// Query parameters, decoded.
    pub(crate) fn query(&self, name: &str) -> Option<String> {
        let q = self.target.split_once('?')?.1;
        decode_pairs(q)
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    /// Fields of an `application/x-www-form-urlencoded` body, in order.
    pub(crate) fn form(&self) -> Vec<(String, String)> {
        decode_pairs(&String::from_utf8_lossy(&self.body))
    }

    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("JSON body")
    }

    /// Parts of a multipart body, in order: (name, file name, content).
    pub(crate) fn multipart(&self) -> Vec<(String, Option<String>, Vec<u8>)> {
        let ct = self.header("content-type").expect("content type");
        let boundary = ct
            .split("boundary=")
            .nth(1)
            .expect("boundary")
            .trim_matches('"');
        let delim = format!("--{boundary}").into_bytes();
        let mut parts = Vec::new();
        let body = &self.body;
        let mut starts = Vec::new();
        let mut i = 0;
        while i + delim.len() <= body.len() {
            if body[i..].starts_with(&delim) {
                starts.push(i);
                i += delim.len();
            } else {
                i += 1;
            }
        }
        for w in starts.windows(2) {
            let part = &body[w[0] + delim.len() + 2..w[1] - 2];
            let split = part
                .windows(4)
                .position(|x| x == b"\r\n\r\n")
                .expect("part headers");
            let head = String::from_utf8_lossy(&part[..split]).into_owned();
            let content = part[split + 4..].to_vec();
            let name = head
                .split("name=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or_default();
            let file = head
                .split("filename=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .map(str::to_owned);
            parts.push((name.to_owned(), file, content));
        }
        assert!(
            body.ends_with(format!("--{boundary}--\r\n").as_bytes()),
            "closing boundary"
        );
        parts
    }

    pub(crate) fn multipart_text(&self, name: &str) -> Option<String> {
        self.multipart()
            .into_iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, _, c)| String::from_utf8(c).expect("UTF-8 field"))
    }
}

/// Form and query pairs, decoded as the sign-in's answers are.
fn decode_pairs(s: &str) -> Vec<(String, String)> {
    crate::login::parse_pairs(s)
}

/// What the server does with one connection.
#[derive(Debug, Clone)]
pub(crate) enum Act {
    /// Read the whole request, answer.
    Reply {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
    /// Read the request head only, then close (the body is still on its way).
    CloseAfterHeaders,
    /// Read the whole request, then close without a word.
    CloseAfterBody,
    /// Read the whole request, then say nothing for this long.
    Silence(Duration),
}

pub(crate) fn reply(status: u16, body: &str) -> Act {
    Act::Reply {
        status,
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: body.into(),
    }
}

pub(crate) fn reply_with(status: u16, headers: &[(&str, &str)], body: &str) -> Act {
    let mut h: Vec<(String, String)> = vec![("Content-Type".into(), "application/json".into())];
    h.extend(
        headers
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    Act::Reply {
        status,
        headers: h,
        body: body.into(),
    }
}

/// A loopback server playing a script of acts, one connection each; answers 500 once the
/// script is over (a test that sends more requests than it expects fails loudly).
pub(crate) struct Server {
    pub base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    _thread: JoinHandle<()>,
}

impl Server {
    pub(crate) fn start(script: Vec<Act>) -> Server {
        Server::start_with(|_| script)
    }

    /// Like `start`, for scripts that must name the server's own address.
    pub(crate) fn start_with(make: impl FnOnce(&str) -> Vec<Act>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let script = make(&base);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let thread = std::thread::spawn(move || {
            let mut script = script.into_iter();
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let act = script
                    .next()
                    .unwrap_or_else(|| reply(500, r#"{"unexpected":"request"}"#));
                if serve(stream, &act, &log).is_err() {
                    continue;
                }
            }
        });
        Server {
            base,
            seen,
            _thread: thread,
        }
    }

    pub(crate) fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("log").clone()
    }
}

fn serve(stream: TcpStream, act: &Act, log: &Mutex<Vec<Seen>>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default().to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let len: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    if matches!(act, Act::CloseAfterHeaders) {
        log.lock().expect("log").push(Seen {
            method,
            target,
            headers,
            body: Vec::new(),
        });
        // Dropping the socket with the body unread makes the kernel reset the connection.
        drop(reader);
        drop(stream);
        return Ok(());
    }
    let mut body = vec![0u8; len];
    reader.read_exact(&mut body)?;
    log.lock().expect("log").push(Seen {
        method,
        target,
        headers,
        body,
    });
    let mut stream = stream;
    match act {
        Act::Reply {
            status,
            headers,
            body,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            stream.write_all(head.as_bytes())?;
            stream.write_all(body.as_bytes())?;
            stream.flush()?;
        }
        Act::Silence(d) => std::thread::sleep(*d),
        Act::CloseAfterBody | Act::CloseAfterHeaders => {}
    }
    Ok(())
}

pub(crate) fn config(kind: ChannelKind, base: &str) -> ChannelConfig {
    ChannelConfig {
        kind,
        name: "Trang xã Nà Hẩu".into(),
        base_url: base.into(),
        page_id: "1001".into(),
        user: "canbo".into(),
        folder: None,
        timeout: Duration::from_secs(5),
        image_host: None,
    }
}

/// A post with `photos` photos of `bytes` bytes each (distinct contents) in `dir`.
pub(crate) fn post(dir: &Path, photos: usize, bytes: usize) -> PostContent {
    let photos = (0..photos)
        .map(|i| {
            let path: PathBuf = dir.join(format!("ảnh-{}.jpg", i + 1));
            let content: Vec<u8> = (0..bytes).map(|b| ((b * 31 + i * 7) % 251) as u8).collect();
            std::fs::write(&path, &content).expect("write photo");
            Photo {
                path,
                alt_text: format!("Ảnh {}", i + 1),
                size: bytes as u64,
            }
        })
        .collect();
    PostContent {
        video: None,
        outbox_id: 42,
        title: "Thông báo lịch tiêm chủng".into(),
        text: "Thông báo lịch tiêm chủng tháng 8.\n\nNgày 5/8 tại nhà văn hoá bản Khun & bản Nà."
            .into(),
        photos,
        scheduled_at: None,
        slug: "thong-bao-lich-tiem-chung-42".into(),
    }
}

pub(crate) fn no_progress() -> impl FnMut(u64) {
    |_| {}
}
