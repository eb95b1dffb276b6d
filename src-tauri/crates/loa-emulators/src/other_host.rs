//! Another host: a loopback server that records whatever reaches it. The
//! [`crate::Fault::RedirectElsewhere`] fault sends clients here, so a test can check that no
//! secret (an `access_token` in the query or a header, an `Authorization`, a `secret_key`)
//! followed the redirect to a host that is not the platform.

use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::faults::Fault;
use crate::http::{Request, Response};
use crate::server::{Platform, Server, lock};

/// One request the other host received.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ForeignRequest {
    pub method: String,
    pub path: String,
    /// The raw query string.
    pub query: String,
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl ForeignRequest {
    /// Whether `secret` appears anywhere in what was received (query, headers or body).
    pub fn carries(&self, secret: &str) -> bool {
        let decoded = crate::form::percent_decode(self.query.as_bytes());
        self.query.contains(secret)
            || decoded.contains(secret)
            || self
                .headers
                .iter()
                .any(|(n, v)| n.contains(secret) || v.contains(secret))
            || String::from_utf8_lossy(&self.body).contains(secret)
    }
}

struct Recorder {
    seen: Arc<Mutex<Vec<ForeignRequest>>>,
}

impl Platform for Recorder {
    fn route(&self, req: &Request) -> String {
        format!("{} (other host)", req.method)
    }

    fn handle(&self, req: &Request) -> Response {
        lock(&self.seen).push(ForeignRequest {
            method: req.method.clone(),
            path: req.path.clone(),
            query: req.query.clone(),
            headers: req.headers.clone(),
            body: req.body.clone(),
        });
        Response::html(
            200,
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Not the platform</title></head><body><p>This is another host.</p></body></html>",
        )
    }

    fn fault_answer(&self, _fault: Fault, _req: &Request) -> Response {
        Response::new(500)
    }
}

/// The recording host. Stops when dropped.
#[derive(Debug)]
pub struct OtherHost {
    server: Server,
    seen: Arc<Mutex<Vec<ForeignRequest>>>,
}

impl OtherHost {
    /// Starts on a free loopback port.
    pub fn start() -> std::io::Result<OtherHost> {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let server = Server::start(
            Arc::new(Recorder {
                seen: Arc::clone(&seen),
            }),
            0,
        )?;
        Ok(OtherHost { server, seen })
    }

    /// `http://127.0.0.1:PORT`
    pub fn origin(&self) -> String {
        self.server.origin()
    }

    /// Everything received so far, oldest first.
    pub fn requests(&self) -> Vec<ForeignRequest> {
        lock(&self.seen).clone()
    }
}
