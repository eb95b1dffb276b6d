//! # loa-emulators
//!
//! Loopback emulators of the three platforms Loa publishes to — the Facebook Graph API
//! ([`GraphEmulator`]), the Zalo Official Account API ([`ZaloEmulator`]) and the WordPress REST
//! API ([`WordPressEmulator`]) — with fault injection, for the chaos test, the sync benchmark and
//! `loa sandbox`. They follow the platforms' documentation (each module says which pages and
//! where the documentation is silent), not Loa's clients. Never a dependency of product code.
//!
//! ```no_run
//! use loa_emulators::{EndpointMatch, Fault, Faults, GraphEmulator, GraphOptions};
//! let fb = GraphEmulator::start(GraphOptions { page_id: "1001".into(), token: "tok".into(), ..Default::default() })?;
//! let base = fb.base_url();                       // "http://127.0.0.1:PORT/v21.0"
//! fb.set_faults(Faults::random(42, 0.3));         // any fault, on 30 % of POSTs
//! fb.set_faults(Faults::script(vec![(EndpointMatch::post("/feed"), Fault::DropAfterHandling)]));
//! let posts = fb.posts();                          // message, photo SHA-256s in order, …
//! let stats = fb.stats();                          // requests, bytes received per endpoint, faults
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! ## The server
//! Each emulator runs its own HTTP/1.1 server ([`server::Server`]) on `127.0.0.1` (port 0 = any
//! free port), one thread per connection, one request per connection (`Connection: close`).
//! The request parser is hand-written ([`http`]): `Content-Length` and chunked bodies,
//! `Expect: 100-continue`; bodies are read as form-urlencoded, multipart/form-data or JSON
//! ([`form`]). State lives in memory behind a mutex; inspection methods copy it out.
//!
//! ## Faults ([`Fault`], [`Faults`])
//! - [`Faults::random`]`(seed, p)`: each state-changing request (POST/PUT/PATCH/DELETE) meets a
//!   fault with probability `p`, kind uniform over [`Fault::all_kinds`] (or
//!   [`Faults::with_kinds`]); reproducible from the seed.
//! - [`Faults::script`]`(vec![(EndpointMatch, Fault)])`: each request takes the first remaining
//!   entry that matches it.
//! - Kinds: `Refuse` (close unanswered, drop the listener so connects are refused, bind the same
//!   port again after [`Faults::refuse_for`], 300 ms by default — rebinding works on loopback
//!   because std sets `SO_REUSEADDR`; if it fails the emulator retries for 5 s and says so on
//!   stderr), `DropBeforeHandling`, `DropAfterHandling` (acted, no answer),
//!   `Status500AfterHandling`, `Throttle { code }` (the platform's rate-limit answer; Graph adds
//!   usage headers at 100 %), `ExpiredToken`, `Slow { bytes_per_sec }` (this connection is paced
//!   both ways), `CloseMidBody` (closes after half the body).
//! - [`server::Server::set_bandwidth`] paces all connections together; [`http::Link`] is one slow
//!   link several emulators can share (the benchmark's commune link).
//!
//! ## Statistics
//! [`server::Stats`]: connections, requests, bytes received (what clients actually put on the
//! wire, cut uploads included) and sent, per endpoint, and injected faults by kind.
//!
//! [`server::RequestRecord`]: the last 10 000 requests with route, fault, status and timing (one
//! clock for every emulator of the process: the benchmark computes link busy time from it).
//!
//! ## Harness
//! [`harness`] drives a `loa` binary (channels, drafts, queue) and checks the emulators: every
//! queued post exactly once per channel, photos equal and in order. The chaos test
//! (`loa-cli/tests/chaos.rs`) and the benchmark (`benches/sync_link.rs`, via
//! `scripts/bench-sync.sh`) use it.
//!
//! ## Sandbox
//! [`sandbox::run`] starts all three on fixed ports, writes token files and prints the
//! `loa channel add …` commands and the sign-in pages; the `loa-sandbox` binary wraps it.

pub mod client;
pub mod common;
pub mod faults;
pub mod form;
pub mod graph;
pub mod harness;
pub mod hostile;
pub mod http;
pub mod other_host;
pub mod sandbox;
pub mod server;
pub mod wordpress;
pub mod zalo;

pub use common::{hex, sha256};
pub use faults::{EndpointMatch, Fault, Faults, SplitMix64};
pub use graph::{EmulatedPhoto, EmulatedPost, GraphEmulator, GraphOptions};
pub use other_host::{ForeignRequest, OtherHost};
pub use server::{EndpointStats, RequestRecord, Stats};
pub use wordpress::{EmulatedMedia, EmulatedWpPost, WordPressEmulator, WordPressOptions};
pub use zalo::{BodyItem, EmulatedArticle, ZaloEmulator, ZaloImage, ZaloOptions};

/// The server controls every emulator exposes (faults, bandwidth, statistics).
#[macro_export]
#[doc(hidden)]
macro_rules! server_api {
    ($t:ty) => {
        impl $t {
            /// Faults from now on (replaces the previous plan).
            pub fn set_faults(&self, faults: $crate::Faults) {
                self.server.set_faults(faults);
            }
            /// No more faults.
            pub fn clear_faults(&self) {
                self.server.clear_faults();
            }
            /// All connections together at this many bytes per second (`None` = full speed).
            pub fn set_bandwidth(&self, bytes_per_sec: Option<u64>) {
                self.server.set_bandwidth(bytes_per_sec);
            }
            /// Go through a link shared with other emulators.
            pub fn set_link(&self, link: Option<$crate::http::Link>) {
                self.server.set_link(link);
            }
            /// Requests, bytes and faults so far.
            pub fn stats(&self) -> $crate::Stats {
                self.server.stats()
            }
            /// Forgets the statistics and the request log.
            pub fn reset_stats(&self) {
                self.server.reset_stats();
            }
            /// The most recent requests, oldest first.
            pub fn request_log(&self) -> Vec<$crate::RequestRecord> {
                self.server.request_log()
            }
            /// The port the emulator listens on.
            pub fn port(&self) -> u16 {
                self.server.addr().port()
            }
            /// What reached the other host that [`$crate::Fault::RedirectElsewhere`] sends
            /// clients to.
            pub fn other_host_requests(&self) -> Vec<$crate::ForeignRequest> {
                self.other_host.requests()
            }
            /// The other host's origin (`http://127.0.0.1:PORT`).
            pub fn other_host_origin(&self) -> String {
                self.other_host.origin()
            }
        }
    };
}

pub(crate) fn ser_hash<S: serde::Serializer>(h: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&hex(h))
}

pub(crate) fn ser_opt_hash<S: serde::Serializer>(
    h: &Option<[u8; 32]>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match h {
        Some(h) => s.serialize_some(&hex(h)),
        None => s.serialize_none(),
    }
}

pub(crate) fn ser_hashes<S: serde::Serializer>(h: &[[u8; 32]], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(h.len()))?;
    for x in h {
        seq.serialize_element(&hex(x))?;
    }
    seq.end()
}
