//! The HTTP plumbing every platform client shares: one blocking `ureq` agent, request bodies
//! streamed from memory or from disk through a counting reader (per-byte progress, no second
//! copy of a photo in memory), a small multipart/form-data writer, usage headers read into a
//! throttle hint, and — the part that matters most — whether a failed request could have reached
//! the server.
//!
//! "Failed before the request was sent" (DNS, connection refused, TLS, the link dropped while the
//! body was still going out) can be retried freely; "failed after sending" (no answer in time, the
//! connection reset while we waited) may have acted, and the worker must read back before
//! retrying. [`Sent`] is that distinction; `classify` turns it into an [`ErrorClass`].
//!
//! [`ErrorClass`]: crate::ErrorClass

use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use ureq::http::{Method, Request};
use ureq::{Agent, SendBody, Timeout};

use crate::classify::{self, Sent, TransportFailure};
use crate::{ChannelError, ChannelKind};
use loa_platforms::{Origin, same_origin};

/// Largest answer we read: every answer we expect is a small JSON document; a huge one is a
/// misconfigured base URL pointing at something else.
const MAX_ANSWER_BYTES: u64 = 8 * 1024 * 1024;

/// Slowest link we plan uploads for (a weak 3G signal in the hills): the body timeout grows by
/// one second for every this many bytes, so a 4 MB photo gets minutes, not seconds.
const SLOWEST_UPLOAD_BYTES_PER_SEC: u64 = 16 * 1024;

/// Body bytes above which a request counts as an upload for timeouts (the server also takes
/// longer to answer: Facebook resizes the photo before it replies).
const UPLOAD_THRESHOLD: u64 = 64 * 1024;

/// Same-origin redirects a read follows (a site that adds a trailing slash, a load balancer).
const MAX_REDIRECTS: usize = 3;

/// One channel's HTTP client.
#[derive(Debug)]
pub(crate) struct Http {
    agent: Agent,
    kind: ChannelKind,
    timeout: Duration,
}

/// What a request sends.
pub(crate) enum Payload {
    None,
    /// An in-memory body (form, JSON) with its content type.
    Bytes {
        content_type: String,
        bytes: Vec<u8>,
    },
    /// A file sent as the raw body (WordPress media).
    File {
        content_type: String,
        path: PathBuf,
    },
    Multipart(Multipart),
}

impl Payload {
    pub(crate) fn form(fields: &[(&str, &str)]) -> Payload {
        Payload::Bytes {
            content_type: "application/x-www-form-urlencoded".into(),
            bytes: form_urlencode(fields).into_bytes(),
        }
    }

    pub(crate) fn json(value: &serde_json::Value) -> Payload {
        Payload::Bytes {
            content_type: "application/json; charset=utf-8".into(),
            bytes: value.to_string().into_bytes(),
        }
    }
}

/// One HTTP request.
pub(crate) struct Call<'a> {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub payload: Payload,
    /// Whether the request can change something on the platform (a publish, an upload, a
    /// token refresh). A read that failed after sending is only `Transient`: repeating it is
    /// harmless.
    pub acts: bool,
    pub progress: Option<&'a mut dyn FnMut(u64)>,
}

impl<'a> Call<'a> {
    pub(crate) fn get(url: String) -> Call<'a> {
        Call {
            method: Method::GET,
            url,
            headers: Vec::new(),
            payload: Payload::None,
            acts: false,
            progress: None,
        }
    }

    pub(crate) fn post(url: String, payload: Payload) -> Call<'a> {
        Call {
            method: Method::POST,
            url,
            headers: Vec::new(),
            payload,
            acts: true,
            progress: None,
        }
    }

    pub(crate) fn delete(url: String) -> Call<'a> {
        Call {
            method: Method::DELETE,
            url,
            headers: Vec::new(),
            payload: Payload::None,
            acts: true,
            progress: None,
        }
    }

    pub(crate) fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub(crate) fn read_only(mut self) -> Self {
        self.acts = false;
        self
    }

    pub(crate) fn progress(mut self, progress: &'a mut dyn FnMut(u64)) -> Self {
        self.progress = Some(progress);
        self
    }
}

/// An HTTP answer, whatever its status (error bodies are read, never turned into transport
/// errors).
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    pub usage: Usage,
    /// The `Location` header of a redirect.
    pub location: Option<String>,
}

impl Reply {
    pub(crate) fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    pub(crate) fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    pub(crate) fn text(&self) -> String {
        classify::excerpt(&self.body)
    }

    /// Where a redirect answer points, resolved against `from`; `None` for other answers.
    fn redirect_target(&self, from: &str) -> Option<String> {
        if !(300..400).contains(&self.status) {
            return None;
        }
        let location = self.location.as_deref()?.trim();
        if Origin::of(location).is_some() {
            return Some(location.to_owned());
        }
        // An absolute path on the same origin (the only relative form servers send in practice).
        let origin = Origin::of(from)?;
        location.starts_with('/').then(|| {
            format!(
                "{}://{}:{}{location}",
                origin.scheme, origin.host, origin.port
            )
        })
    }
}

/// What the platform's usage headers and `Retry-After` say about how close we are to a limit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Usage {
    /// Highest percentage in `X-App-Usage` / `X-Page-Usage` (call count, CPU time, total time).
    pub app_percent: Option<u64>,
    /// Highest percentage in `X-Business-Use-Case-Usage`.
    pub business_percent: Option<u64>,
    /// Largest `estimated_time_to_regain_access` (minutes) in `X-Business-Use-Case-Usage`.
    pub regain_minutes: Option<u64>,
    /// `Retry-After`, in seconds.
    pub retry_after_secs: Option<u64>,
}

impl Usage {
    /// Reads the usage headers of an answer.
    pub(crate) fn from_headers(header: impl Fn(&str) -> Option<String>) -> Usage {
        let mut usage = Usage::default();
        for name in ["x-app-usage", "x-page-usage", "x-ad-account-usage"] {
            if let Some(v) = header(name).and_then(|v| serde_json::from_str(&v).ok()) {
                usage.app_percent = max_opt(usage.app_percent, max_percent(&v));
            }
        }
        if let Some(serde_json::Value::Object(map)) =
            header("x-business-use-case-usage").and_then(|v| serde_json::from_str(&v).ok())
        {
            // {"<page-id>":[{"type":"pages","call_count":N,…,"estimated_time_to_regain_access":M}]}
            for entries in map.values() {
                for entry in entries.as_array().into_iter().flatten() {
                    usage.business_percent = max_opt(usage.business_percent, max_percent(entry));
                    let regain = entry
                        .get("estimated_time_to_regain_access")
                        .and_then(as_u64_lenient);
                    usage.regain_minutes = max_opt(usage.regain_minutes, regain);
                }
            }
        }
        usage.retry_after_secs = header("retry-after").and_then(|v| parse_retry_after(&v));
        usage
    }

    /// How long to hold off, from the headers alone; `None` when they name no wait.
    pub(crate) fn wait_secs(&self) -> Option<u64> {
        let regain = self.regain_minutes.filter(|m| *m > 0).map(|m| m * 60);
        max_opt(regain, self.retry_after_secs.filter(|s| *s > 0))
    }

    /// The highest usage percentage reported (Graph counts 100 as "throttled").
    pub(crate) fn percent(&self) -> Option<u64> {
        max_opt(self.app_percent, self.business_percent)
    }
}

fn max_opt(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn as_u64_lenient(v: &serde_json::Value) -> Option<u64> {
    v.as_u64()
        .or_else(|| v.as_f64().filter(|f| *f >= 0.0).map(|f| f.ceil() as u64))
        .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
}

fn max_percent(v: &serde_json::Value) -> Option<u64> {
    ["call_count", "total_cputime", "total_time"]
        .iter()
        .filter_map(|k| v.get(*k).and_then(as_u64_lenient))
        .max()
}

/// `Retry-After` is either seconds or an HTTP date (RFC 9110 §10.2.3).
fn parse_retry_after(v: &str) -> Option<u64> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(secs);
    }
    let at = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let secs = (at.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_seconds();
    Some(secs.max(0) as u64)
}

impl Http {
    pub(crate) fn new(kind: ChannelKind, timeout: Duration) -> Http {
        let config = Agent::config_builder()
            // Error bodies carry the platform's code: read them, do not turn them into errors.
            .http_status_as_error(false)
            // A reused keep-alive connection the server already closed fails with a reset
            // after our request was written — indistinguishable from a real "reset after
            // sending", which forces a read-back. A handful of calls per post does not need
            // pooling; fresh connections keep "ambiguous" honest.
            .max_idle_connections(0)
            .max_idle_connections_per_host(0)
            .user_agent(concat!("Loa/", env!("CARGO_PKG_VERSION")))
            // Redirects are followed by `Http::send` itself, same origin only: ureq would carry
            // our secret headers (Zalo's `access_token`, `Authorization`) to any host.
            .max_redirects(0)
            .max_redirects_will_error(false)
            .build();
        Http {
            agent: Agent::with_parts(
                config,
                ureq::unversioned::transport::DefaultConnector::default(),
                LookupResolver::default(),
            ),
            kind,
            timeout,
        }
    }

    /// Sends one request and returns the answer whatever its status. `Err` only for transport
    /// failures, already classified (before/after sending).
    ///
    /// A read (no body, does not act) follows up to [`MAX_REDIRECTS`] redirects on the same
    /// origin, headers included; a redirect to another origin is returned as it is, never
    /// followed — the headers carry the channel's secret, and a captive portal or a moved site
    /// is the officer's to look at. A request that acts never follows one: a 301/302 turns a
    /// POST into a GET without its body, whose 200 would look like success.
    pub(crate) fn send(&self, call: Call<'_>) -> Result<Reply, ChannelError> {
        let follows = !call.acts && matches!(call.payload, Payload::None);
        if !follows {
            return self.send_once(call);
        }
        let method = call.method.clone();
        let headers = call.headers.clone();
        let mut url = call.url.clone();
        let mut reply = self.send_once(call)?;
        for _ in 0..MAX_REDIRECTS {
            let Some(next) = reply.redirect_target(&url) else {
                break;
            };
            if !same_origin(&url, &next) {
                break;
            }
            url = next;
            reply = self.send_once(Call {
                method: method.clone(),
                url: url.clone(),
                headers: headers.clone(),
                payload: Payload::None,
                acts: false,
                progress: None,
            })?;
        }
        Ok(reply)
    }

    fn send_once(&self, call: Call<'_>) -> Result<Reply, ChannelError> {
        let Call {
            method,
            url,
            headers,
            payload,
            acts,
            progress,
        } = call;
        let (content_type, len, source) =
            open_payload(payload).map_err(|e| classify::local_file(self.kind, &e))?;
        let has_body = source.is_some();
        let mut noop = |_: u64| {};
        let progress: &mut dyn FnMut(u64) = match progress {
            Some(p) => p,
            None => &mut noop,
        };
        let mut body = CountingReader {
            inner: source.unwrap_or_else(|| Box::new(io::empty())),
            read: 0,
            total: len,
            local_error: false,
            progress,
        };

        let mut builder = Request::builder().method(method).uri(url.as_str());
        for (name, value) in &headers {
            builder = builder.header(*name, value.as_str());
        }
        if let Some(ct) = &content_type {
            builder = builder.header("content-type", ct.as_str());
        }
        if has_body {
            // An explicit length: no chunked uploads (several PHP hosts refuse them), and
            // the server knows when the body is complete.
            builder = builder.header("content-length", len.to_string());
        }
        let timeouts = Timeouts {
            base: self.timeout,
            send_body: self.timeout + Duration::from_secs(len / SLOWEST_UPLOAD_BYTES_PER_SEC),
            answer: if len > UPLOAD_THRESHOLD {
                (self.timeout * 2).max(Duration::from_secs(60))
            } else {
                self.timeout
            },
        };
        let bad_request = |e: ureq::http::Error| {
            classify::transport(
                self.kind,
                &TransportFailure {
                    sent: Sent::No { offline: false },
                    code: "bad-request",
                    detail: e.to_string(),
                },
                acts,
            )
        };
        let result = if has_body {
            let request = builder
                .body(SendBody::from_reader(&mut body))
                .map_err(bad_request)?;
            self.run(request, &timeouts)
        } else {
            let request = builder.body(()).map_err(bad_request)?;
            self.run(request, &timeouts)
        };

        let body_complete = body.read >= body.total;
        let mut response = match result {
            Ok(r) => r,
            Err(e) => {
                let failure = failure_of(&e, body_complete, body.local_error);
                return Err(classify::transport(self.kind, &failure, acts));
            }
        };

        let status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let usage = Usage::from_headers(|name| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        });
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER_BYTES)
            .read_to_vec()
            .map_err(|e| {
                // The request went out and an answer began: whatever failed now, the server
                // has seen the whole request.
                let failure = TransportFailure {
                    sent: Sent::Yes,
                    code: if matches!(e, ureq::Error::Timeout(_)) {
                        "timeout"
                    } else {
                        "reset"
                    },
                    detail: e.to_string(),
                };
                classify::transport(self.kind, &failure, acts)
            })?;
        Ok(Reply {
            status,
            body,
            usage,
            location,
        })
    }
}

/// The default resolver, except that a failed lookup is always "host not found": the system
/// reports "no network" and "no such name" as uncategorised I/O errors, and both mean the same
/// to the worker — the host cannot be reached, nothing was sent.
#[derive(Debug, Default)]
struct LookupResolver(ureq::unversioned::resolver::DefaultResolver);

impl ureq::unversioned::resolver::Resolver for LookupResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: ureq::unversioned::transport::NextTimeout,
    ) -> Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        match self.0.resolve(uri, config, timeout) {
            Err(ureq::Error::Io(_)) => Err(ureq::Error::HostNotFound),
            other => other,
        }
    }
}

struct Timeouts {
    base: Duration,
    send_body: Duration,
    answer: Duration,
}

impl Http {
    fn run<S: ureq::AsSendBody>(
        &self,
        request: Request<S>,
        t: &Timeouts,
    ) -> Result<ureq::http::Response<ureq::Body>, ureq::Error> {
        let request = self
            .agent
            .configure_request(request)
            .timeout_resolve(Some(t.base))
            .timeout_connect(Some(t.base))
            .timeout_send_request(Some(t.base))
            .timeout_send_body(Some(t.send_body))
            .timeout_recv_response(Some(t.answer))
            .timeout_recv_body(Some(t.base))
            .max_redirects(0)
            .build();
        self.agent.run(request)
    }
}

/// Decides from ureq's error whether the request could have reached the server.
pub(crate) fn failure_of(
    e: &ureq::Error,
    body_complete: bool,
    local_error: bool,
) -> TransportFailure {
    use io::ErrorKind as K;
    let detail = e.to_string();
    let after_body = if body_complete {
        Sent::Yes
    } else {
        Sent::No { offline: false }
    };
    let (sent, code) = match e {
        ureq::Error::HostNotFound => (Sent::No { offline: true }, "dns"),
        ureq::Error::ConnectionFailed => (Sent::No { offline: true }, "connect"),
        ureq::Error::Timeout(t) => match t {
            Timeout::Resolve | Timeout::Connect => (Sent::No { offline: true }, "connect-timeout"),
            Timeout::SendRequest | Timeout::SendBody | Timeout::PerWrite | Timeout::Await100 => {
                (Sent::No { offline: false }, "send-timeout")
            }
            Timeout::RecvResponse | Timeout::RecvBody | Timeout::PerRead => (Sent::Yes, "timeout"),
            _ => (after_body, "timeout"),
        },
        ureq::Error::Io(io) => match io.kind() {
            K::ConnectionRefused
            | K::NetworkUnreachable
            | K::HostUnreachable
            | K::NetworkDown
            | K::AddrNotAvailable => (Sent::No { offline: true }, "connect"),
            _ if local_error => (Sent::No { offline: false }, "local-file"),
            K::TimedOut => (after_body, "timeout"),
            _ => (after_body, "reset"),
        },
        ureq::Error::Tls(_)
        | ureq::Error::Rustls(_)
        | ureq::Error::Pem(_)
        | ureq::Error::TlsRequired => (Sent::No { offline: false }, "tls"),
        ureq::Error::BadUri(_)
        | ureq::Error::Http(_)
        | ureq::Error::RequireHttpsOnly(_)
        | ureq::Error::InvalidProxyUrl
        | ureq::Error::ConnectProxyFailed(_)
        | ureq::Error::BodyExceedsLimit(_) => (Sent::No { offline: false }, "bad-request"),
        _ => (after_body, "protocol"),
    };
    TransportFailure { sent, code, detail }
}

type Source = Box<dyn Read>;

fn open_payload(payload: Payload) -> io::Result<(Option<String>, u64, Option<Source>)> {
    Ok(match payload {
        Payload::None => (None, 0, None),
        Payload::Bytes {
            content_type,
            bytes,
        } => {
            let len = bytes.len() as u64;
            (Some(content_type), len, Some(Box::new(Cursor::new(bytes))))
        }
        Payload::File { content_type, path } => {
            let file = File::open(&path)?;
            let len = file.metadata()?.len();
            (Some(content_type), len, Some(Box::new(file.take(len))))
        }
        Payload::Multipart(m) => {
            let content_type = m.content_type();
            let (len, reader) = m.into_reader()?;
            (Some(content_type), len, Some(reader))
        }
    })
}

/// Counts body bytes as ureq pulls them (progress, and "was the whole body handed over?").
struct CountingReader<'p> {
    inner: Source,
    read: u64,
    total: u64,
    /// A read error came from our own file, not from the network.
    local_error: bool,
    progress: &'p mut dyn FnMut(u64),
}

impl Read for CountingReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.inner.read(buf) {
            Ok(n) => {
                if n > 0 {
                    self.read += n as u64;
                    (self.progress)(self.read);
                }
                Ok(n)
            }
            Err(e) => {
                self.local_error = true;
                Err(e)
            }
        }
    }
}

/// A multipart/form-data body (RFC 7578): text fields and files, in the order added, the files
/// streamed from disk when sent.
#[derive(Debug)]
pub(crate) struct Multipart {
    boundary: String,
    parts: Vec<Part>,
}

#[derive(Debug)]
enum Part {
    Field {
        name: String,
        value: String,
    },
    File {
        name: String,
        file_name: String,
        content_type: String,
        path: PathBuf,
        /// A piece of the file (a chunk of a resumable upload): `(offset, length)`.
        range: Option<(u64, u64)>,
    },
}

impl Multipart {
    pub(crate) fn new() -> Multipart {
        Multipart {
            boundary: new_boundary(),
            parts: Vec::new(),
        }
    }

    pub(crate) fn field(mut self, name: &str, value: &str) -> Self {
        self.parts.push(Part::Field {
            name: name.into(),
            value: value.into(),
        });
        self
    }

    pub(crate) fn file(mut self, name: &str, path: &Path, content_type: &str) -> Self {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "photo".into());
        self.parts.push(Part::File {
            name: name.into(),
            file_name,
            content_type: content_type.into(),
            path: path.to_path_buf(),
            range: None,
        });
        self
    }

    /// `len` bytes of the file from `offset` (fewer if the file ends first), streamed from
    /// disk: one chunk of a resumable upload.
    pub(crate) fn file_range(
        mut self,
        name: &str,
        path: &Path,
        offset: u64,
        len: u64,
        content_type: &str,
    ) -> Self {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "video".into());
        self.parts.push(Part::File {
            name: name.into(),
            file_name,
            content_type: content_type.into(),
            path: path.to_path_buf(),
            range: Some((offset, len)),
        });
        self
    }

    pub(crate) fn content_type(&self) -> String {
        format!("multipart/form-data; boundary={}", self.boundary)
    }

    /// The body as one reader and its exact length (files measured now, read when sent).
    pub(crate) fn into_reader(mut self) -> io::Result<(u64, Source)> {
        // The boundary must not occur in any text field; a 32-hex-digit random boundary almost
        // never does, but "almost" is not a proof.
        while self.parts.iter().any(|p| match p {
            Part::Field { value, .. } => value.contains(&self.boundary),
            Part::File { .. } => false,
        }) {
            self.boundary = new_boundary();
        }
        let mut len = 0u64;
        let mut chain: Source = Box::new(io::empty());
        let push = |chain: Source, next: Source| -> Source { Box::new(chain.chain(next)) };
        for part in self.parts {
            match part {
                Part::Field { name, value } => {
                    let text = format!(
                        "--{}\r\nContent-Disposition: form-data; name=\"{}\"\r\n\r\n{}\r\n",
                        self.boundary,
                        quote(&name),
                        value
                    );
                    len += text.len() as u64;
                    chain = push(chain, Box::new(Cursor::new(text.into_bytes())));
                }
                Part::File {
                    name,
                    file_name,
                    content_type,
                    path,
                    range,
                } => {
                    let head = format!(
                        "--{}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                        self.boundary,
                        quote(&name),
                        quote(&file_name),
                        content_type
                    );
                    let mut file = File::open(&path)?;
                    let whole = file.metadata()?.len();
                    let size = match range {
                        Some((offset, want)) => {
                            use std::io::{Seek, SeekFrom};
                            let offset = offset.min(whole);
                            file.seek(SeekFrom::Start(offset))?;
                            want.min(whole - offset)
                        }
                        None => whole,
                    };
                    len += head.len() as u64 + size + 2;
                    chain = push(chain, Box::new(Cursor::new(head.into_bytes())));
                    chain = push(chain, Box::new(file.take(size)));
                    chain = push(chain, Box::new(Cursor::new(b"\r\n".to_vec())));
                }
            }
        }
        let tail = format!("--{}--\r\n", self.boundary);
        len += tail.len() as u64;
        chain = push(chain, Box::new(Cursor::new(tail.into_bytes())));
        Ok((len, chain))
    }
}

/// Quotes a Content-Disposition parameter: RFC 7578 §4.2 leaves non-ASCII file names raw
/// (UTF-8) and only `"`, CR and LF need escaping, which browsers percent-encode.
fn quote(s: &str) -> String {
    s.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn new_boundary() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    // Mixed so two boundaries made in the same nanosecond still differ.
    let mixed =
        (nanos ^ (u64::from(std::process::id()) << 32)).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ n;
    format!(
        "loa-{:016x}{:016x}",
        mixed,
        n.wrapping_mul(0xD6E8_FEB8_6659_FD93) ^ nanos
    )
}

/// `application/x-www-form-urlencoded` (WHATWG URL §5.2: space as `+`).
pub(crate) fn form_urlencode(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", form_component(k), form_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn form_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Percent-encodes a query component.
pub(crate) fn query_component(s: &str) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const QUERY: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    utf8_percent_encode(s, QUERY).to_string()
}

/// Joins a base URL and a path without doubling or losing the slash.
pub(crate) fn join(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

/// The content type of a prepared video, from its extension.
pub(crate) fn video_content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .as_deref()
    {
        Some("mov") => "video/quicktime",
        Some("webm") => "video/webm",
        Some("3gp") => "video/3gpp",
        _ => "video/mp4",
    }
}

/// The content type of a prepared photo, from its extension.
pub(crate) fn image_content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .as_deref()
    {
        Some("png") => "image/png",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        _ => "image/jpeg",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_headers_give_the_longest_wait() {
        let headers = [
            (
                "x-app-usage",
                r#"{"call_count":12,"total_cputime":101,"total_time":40}"#,
            ),
            (
                "x-business-use-case-usage",
                r#"{"1001":[{"type":"pages","call_count":100,"total_cputime":5,"total_time":5,"estimated_time_to_regain_access":7},{"type":"pages","call_count":3,"estimated_time_to_regain_access":2}]}"#,
            ),
            ("retry-after", "30"),
        ];
        let usage = Usage::from_headers(|n| {
            headers
                .iter()
                .find(|(k, _)| *k == n)
                .map(|(_, v)| (*v).to_owned())
        });
        assert_eq!(usage.app_percent, Some(101));
        assert_eq!(usage.business_percent, Some(100));
        assert_eq!(usage.regain_minutes, Some(7));
        assert_eq!(usage.wait_secs(), Some(7 * 60));
        assert_eq!(usage.percent(), Some(101));
    }

    #[test]
    fn retry_after_accepts_seconds_and_dates() {
        assert_eq!(parse_retry_after(" 120 "), Some(120));
        let soon = (chrono::Utc::now() + chrono::Duration::seconds(90)).to_rfc2822();
        let secs = parse_retry_after(&soon).expect("an HTTP date parses");
        assert!((85..=90).contains(&secs), "{secs}");
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(0));
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn garbage_usage_headers_are_ignored() {
        let usage = Usage::from_headers(|n| (n == "x-app-usage").then(|| "not json".to_owned()));
        assert_eq!(usage, Usage::default());
        assert_eq!(usage.wait_secs(), None);
    }

    #[test]
    fn form_encoding_follows_whatwg() {
        assert_eq!(
            form_urlencode(&[("message", "Lũ quét & sạt lở"), ("a", "1+1=2")]),
            "message=L%C5%A9+qu%C3%A9t+%26+s%E1%BA%A1t+l%E1%BB%9F&a=1%2B1%3D2"
        );
    }

    #[test]
    fn multipart_length_matches_the_bytes_sent() {
        let dir = tempfile::tempdir().expect("temp dir");
        let photo = dir.path().join("ảnh 1.jpg");
        std::fs::write(&photo, vec![0xFFu8; 5000]).expect("write photo");
        let m = Multipart::new()
            .field("access_token", "tok")
            .file("source", &photo, "image/jpeg")
            .field("message", "Xin chào\r\nbà con");
        let boundary = m.boundary.clone();
        let (len, mut reader) = m.into_reader().expect("reader");
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).expect("read");
        assert_eq!(bytes.len() as u64, len);
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.starts_with(&format!("--{boundary}\r\n")));
        assert!(text.ends_with(&format!("--{boundary}--\r\n")));
        assert!(text.contains("filename=\"ảnh 1.jpg\""));
        let token_at = text.find("name=\"access_token\"").expect("token part");
        let source_at = text.find("name=\"source\"").expect("file part");
        let message_at = text.find("name=\"message\"").expect("message part");
        assert!(token_at < source_at && source_at < message_at);
    }

    #[test]
    fn joins_urls_with_one_slash() {
        assert_eq!(
            join("http://h/v21.0/", "/1001/feed"),
            "http://h/v21.0/1001/feed"
        );
        assert_eq!(
            join("http://h", "wp-json/wp/v2/posts"),
            "http://h/wp-json/wp/v2/posts"
        );
    }
}
