//! The loopback server every emulator runs on: accepts on `127.0.0.1`, one thread per
//! connection, and applies the fault picked for each request between the bytes.

use std::collections::BTreeMap;
use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::faults::{Fault, Faults};
use crate::http::{Conn, Link, Request, Response};

/// What an emulated platform does with a request. Implemented by the three emulators.
pub trait Platform: Send + Sync + 'static {
    /// A stable label for the statistics ("POST /{page}/photos").
    fn route(&self, req: &Request) -> String;
    /// Acts on the request and answers it.
    fn handle(&self, req: &Request) -> Response;
    /// The platform's answer to an injected fault that is an answer: throttling, an expired
    /// token, a server error after acting.
    fn fault_answer(&self, fault: Fault, req: &Request) -> Response;
    /// Headers the platform puts on every answer (Graph's usage headers).
    fn decorate(&self, _resp: &mut Response) {}
}

/// Per-endpoint counters.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct EndpointStats {
    pub requests: u64,
    /// Bytes read from the client for this endpoint (heads and bodies, whole or cut).
    pub bytes_received: u64,
    /// Requests that were answered (the answer was written; the client may have gone already).
    pub answered: u64,
}

/// What the server saw. `bytes_received` is what the clients actually put on the wire, cut
/// uploads included — the benchmark's "bytes sent" figure.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Stats {
    pub connections: u64,
    pub requests: u64,
    pub bytes_received: u64,
    pub bytes_sent: u64,
    /// Connections that closed before a whole request arrived (client gave up or died).
    pub incomplete: u64,
    pub by_endpoint: BTreeMap<String, EndpointStats>,
    /// Injected faults by [`Fault::name`].
    pub faults: BTreeMap<String, u64>,
}

/// One request as the server saw it (most recent 10 000 kept).
#[derive(Debug, Clone, Serialize)]
pub struct RequestRecord {
    pub method: String,
    pub path: String,
    /// The request line's target, query included: tests check that no secret travels in an
    /// address (proxies and captive portals log and echo addresses).
    pub target: String,
    pub route: String,
    pub fault: Option<Fault>,
    pub status: Option<u16>,
    /// When the connection was accepted, in milliseconds since the first emulator of this
    /// process started (one clock for all emulators).
    pub started_ms: u64,
    /// From accepting to the request being handled (reading a paced upload included).
    pub duration_ms: u64,
}

/// The clock [`RequestRecord::started_ms`] counts from.
fn epoch() -> Instant {
    static EPOCH: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

const LOG_CAP: usize = 10_000;

struct Shared {
    platform: Arc<dyn Platform>,
    faults: Mutex<Faults>,
    stats: Mutex<Stats>,
    log: Mutex<Vec<RequestRecord>>,
    /// Set by a Refuse fault: the acceptor drops the listener until then.
    refuse_until: Mutex<Option<Instant>>,
    /// The link every connection goes through (the benchmark's slow link).
    link: Mutex<Option<Link>>,
    /// Where [`Fault::RedirectElsewhere`] sends clients.
    redirect_target: Mutex<Option<String>>,
    stop: AtomicBool,
}

/// Locks, recovering from a poisoned lock (a panicking connection thread must not take the
/// emulator down with it).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// A running loopback server. Stops when dropped.
pub struct Server {
    shared: Arc<Shared>,
    addr: SocketAddr,
    acceptor: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").field("addr", &self.addr).finish()
    }
}

impl Server {
    /// Binds `127.0.0.1:port` (`0` = any free port) and starts accepting.
    pub fn start(platform: Arc<dyn Platform>, port: u16) -> io::Result<Server> {
        let _ = epoch();
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            platform,
            faults: Mutex::new(Faults::none()),
            stats: Mutex::new(Stats::default()),
            log: Mutex::new(Vec::new()),
            refuse_until: Mutex::new(None),
            link: Mutex::new(None),
            redirect_target: Mutex::new(None),
            stop: AtomicBool::new(false),
        });
        let s = Arc::clone(&shared);
        let acceptor = std::thread::Builder::new()
            .name(format!("emu-accept-{}", addr.port()))
            .spawn(move || accept_loop(s, listener, addr))?;
        Ok(Server {
            shared,
            addr,
            acceptor: Some(acceptor),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn set_faults(&self, faults: Faults) {
        *lock(&self.shared.faults) = faults;
    }

    pub fn clear_faults(&self) {
        *lock(&self.shared.faults) = Faults::none();
    }

    /// Scripted faults not used yet.
    pub fn faults_remaining(&self) -> usize {
        lock(&self.shared.faults).remaining()
    }

    /// All connections together read and write at this many bytes per second (`None` = full
    /// speed).
    pub fn set_bandwidth(&self, bytes_per_sec: Option<u64>) {
        *lock(&self.shared.link) = bytes_per_sec.map(Link::new);
    }

    /// Connections go through this link, which other servers may share (one slow link for every
    /// platform, as a commune has).
    pub fn set_link(&self, link: Option<Link>) {
        *lock(&self.shared.link) = link;
    }

    /// The origin [`Fault::RedirectElsewhere`] redirects to (the emulators set their
    /// [`crate::OtherHost`]).
    pub fn set_redirect_target(&self, origin: String) {
        *lock(&self.shared.redirect_target) = Some(origin);
    }

    pub fn stats(&self) -> Stats {
        lock(&self.shared.stats).clone()
    }

    pub fn reset_stats(&self) {
        *lock(&self.shared.stats) = Stats::default();
        lock(&self.shared.log).clear();
    }

    /// The most recent requests, oldest first.
    pub fn request_log(&self) -> Vec<RequestRecord> {
        lock(&self.shared.log).clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        if let Some(h) = self.acceptor.take() {
            let _ = h.join();
        }
    }
}

fn accept_loop(shared: Arc<Shared>, listener: TcpListener, addr: SocketAddr) {
    let mut listener = Some(listener);
    while !shared.stop.load(Ordering::SeqCst) {
        let refuse = lock(&shared.refuse_until).take();
        if let Some(until) = refuse {
            // Nobody listens: connection attempts are refused by the kernel.
            drop(listener.take());
            while Instant::now() < until && !shared.stop.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(5));
            }
            listener = rebind(addr, &shared.stop);
            continue;
        }
        let Some(l) = listener.as_ref() else {
            listener = rebind(addr, &shared.stop);
            continue;
        };
        match l.accept() {
            Ok((stream, _)) => {
                let s = Arc::clone(&shared);
                let _ = std::thread::Builder::new()
                    .name("emu-conn".into())
                    .spawn(move || serve(&s, stream));
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
}

/// Binds the same port again after a Refuse. Retries for 5 s: the port is ours on loopback in
/// practice, but a stray process could take it.
fn rebind(addr: SocketAddr, stop: &AtomicBool) -> Option<TcpListener> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match TcpListener::bind(addr) {
            Ok(l) => {
                if l.set_nonblocking(true).is_ok() {
                    return Some(l);
                }
            }
            Err(e) if Instant::now() > deadline || stop.load(Ordering::SeqCst) => {
                eprintln!("loa-emulators: cannot bind {addr} again after a refuse fault: {e}");
                return None;
            }
            Err(_) => {}
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn serve(shared: &Shared, stream: TcpStream) {
    let accepted = Instant::now();
    // Accepted sockets may inherit the listener's non-blocking mode on some systems.
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(60)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(60)));
    let _ = stream.set_nodelay(true);
    let mut conn = Conn::new(stream);
    conn.set_link(lock(&shared.link).clone());
    lock(&shared.stats).connections += 1;

    let (mut req, framing) = match conn.read_head() {
        Ok(v) => v,
        Err(_) => {
            let mut st = lock(&shared.stats);
            st.incomplete += 1;
            st.bytes_received += conn.bytes_read;
            return;
        }
    };
    let route = shared.platform.route(&req);
    let fault = lock(&shared.faults).pick(&req.method, &req.path, req.is_state_changing());
    {
        let mut st = lock(&shared.stats);
        st.requests += 1;
        st.by_endpoint.entry(route.clone()).or_default().requests += 1;
        if let Some(f) = fault {
            *st.faults.entry(f.name().to_string()).or_default() += 1;
        }
    }
    let mut record = RequestRecord {
        method: req.method.clone(),
        path: req.path.clone(),
        target: req.target.clone(),
        route: route.clone(),
        fault,
        status: None,
        started_ms: accepted.duration_since(epoch()).as_millis() as u64,
        duration_ms: 0,
    };

    if let Some(Fault::Slow { bytes_per_sec }) = fault {
        conn.set_pace(Some(bytes_per_sec));
    }
    let answer = if fault == Some(Fault::CloseMidBody) {
        let half = framing.announced().map(|n| n / 2).unwrap_or(1024).max(1);
        conn.read_partial(half);
        None
    } else {
        match conn.read_body(framing) {
            Err(_) => {
                record.duration_ms = accepted.elapsed().as_millis() as u64;
                finish(shared, &route, &conn, record, 0, true);
                return;
            }
            Ok(body) => {
                req.body = body;
                respond(shared, fault, &req)
            }
        }
    };
    // Statistics and the log are written before the answer goes out, so whoever reads them
    // after getting the answer sees this request.
    let bytes_read = conn.bytes_read;
    let mut answer = answer;
    if let Some(resp) = answer.as_mut() {
        shared.platform.decorate(resp);
        record.status = Some(resp.status);
    }
    {
        let mut st = lock(&shared.stats);
        st.bytes_received += bytes_read;
        let ep = st.by_endpoint.entry(route).or_default();
        ep.bytes_received += bytes_read;
        if answer.is_some() {
            ep.answered += 1;
        }
    }
    record.duration_ms = accepted.elapsed().as_millis() as u64;
    push_log(shared, record);
    match answer {
        Some(resp) => {
            if let Ok(n) = conn.write_response(&resp) {
                lock(&shared.stats).bytes_sent += n;
            }
        }
        None => conn.abort(),
    }
}

/// What the connection answers, having applied the fault; `None` = close without an answer.
fn respond(shared: &Shared, fault: Option<Fault>, req: &Request) -> Option<Response> {
    let p = &shared.platform;
    match fault {
        None | Some(Fault::Slow { .. }) => Some(p.handle(req)),
        Some(Fault::Refuse) => {
            let d = lock(&shared.faults).refuse_for;
            *lock(&shared.refuse_until) = Some(Instant::now() + d);
            None
        }
        Some(Fault::DropBeforeHandling) | Some(Fault::CloseMidBody) => None,
        Some(Fault::DropAfterHandling) => {
            let _ = p.handle(req);
            None
        }
        Some(f @ Fault::Status500AfterHandling) => {
            let _ = p.handle(req);
            Some(p.fault_answer(f, req))
        }
        Some(f @ (Fault::Throttle { .. } | Fault::ExpiredToken)) => Some(p.fault_answer(f, req)),
        Some(Fault::SlowHost { hold_ms }) => {
            std::thread::sleep(Duration::from_millis(hold_ms));
            Some(p.handle(req))
        }
        Some(Fault::CaptivePortal { status }) => Some(crate::hostile::captive_portal(req, status)),
        Some(Fault::PayloadTooLarge) => Some(crate::hostile::payload_too_large(req)),
        Some(Fault::RedirectElsewhere { status }) => {
            let target = lock(&shared.redirect_target)
                .clone()
                .unwrap_or_else(|| "http://127.0.0.1:9".to_string());
            Some(crate::hostile::redirect_elsewhere(req, status, &target))
        }
    }
}

fn finish(
    shared: &Shared,
    route: &str,
    conn: &Conn,
    record: RequestRecord,
    sent: u64,
    incomplete: bool,
) {
    let mut st = lock(&shared.stats);
    st.bytes_received += conn.bytes_read;
    st.bytes_sent += sent;
    if incomplete {
        st.incomplete += 1;
    }
    st.by_endpoint
        .entry(route.to_string())
        .or_default()
        .bytes_received += conn.bytes_read;
    drop(st);
    push_log(shared, record);
}

fn push_log(shared: &Shared, record: RequestRecord) {
    let mut log = lock(&shared.log);
    if log.len() >= LOG_CAP {
        log.remove(0);
    }
    log.push(record);
}
