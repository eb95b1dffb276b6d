//! A fake platform behind the `Channel` trait, with scripted faults and simulated crashes, and
//! helpers to build a profile with channels and queued posts.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Duration, Utc};
use loa_channels::{
    Channel, ChannelConfig, ChannelError, ChannelKind, Credentials, ErrorClass, PostContent,
    Progress, RemoteMedia, RemotePost,
};
use loa_core::{Clock, ManualClock, NewChannel, NewDraft, Store};
use loa_publish::{
    ChannelFactory, ClockSleeper, CredentialStore, Deps, MemoryStore, SystemRng, Worker,
    WorkerConfig,
};

/// The kinds of call a channel gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Probe,
    Verify,
    Upload,
    Publish,
    Find,
}

/// What a scripted call does instead of (or after) its work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answers with this class without acting.
    Fail(ErrorClass),
    /// Acts, then answers with this class (a lost answer).
    ActThen(ErrorClass),
    /// The process dies in the middle of the call: before acting, or after.
    Crash { acted: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakePost {
    pub id: String,
    pub outbox_id: i64,
    pub text_hash: String,
    pub title: String,
    pub media: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub scheduled_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeUpload {
    pub outbox_id: i64,
    pub index: usize,
    pub id: String,
    pub bytes: u64,
}

#[derive(Debug, Default)]
pub struct State {
    pub posts: Vec<FakePost>,
    /// Every upload that took effect, recorded or not.
    pub uploads: Vec<FakeUpload>,
    /// Scripted faults, consumed in order, per operation.
    pub script: VecDeque<(Op, Fault)>,
    /// Every call, in order.
    pub calls: Vec<Op>,
    /// While set, every call (probes included) fails with `Offline`.
    pub offline: bool,
    /// While > 0, probes fail `Offline` and count down.
    pub offline_probes: u32,
    /// Crash at the n-th call of any kind (0-based), acted or not.
    pub crash_at_call: Option<(usize, bool)>,
    /// Sleep this long inside publish (races between workers).
    pub publish_delay: Option<std::time::Duration>,
    pub next_id: u64,
    /// Photos go with the post in one call (Facebook with one photo).
    pub inline_photos: bool,
    pub refreshed: Option<Credentials>,
    pub usage_pause: Option<u64>,
    /// Tokens the platform accepts; `None` accepts any.
    pub valid_token: Option<String>,
    /// While > 0, read-backs miss every post and count down (a feed that shows posts late).
    pub lagging_finds: u32,
}

/// A shared fake platform; every channel opened by its factory talks to it.
#[derive(Debug, Clone)]
pub struct Platform {
    pub state: Arc<Mutex<State>>,
    pub clock: Arc<dyn Clock>,
}

/// The panic payload of a simulated crash.
pub const CRASH: &str = "simulated crash";

impl Platform {
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        Self {
            state: Arc::new(Mutex::new(State::default())),
            clock,
        }
    }

    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn script(&self, op: Op, fault: Fault) {
        self.state().script.push_back((op, fault));
    }

    pub fn posts(&self) -> Vec<FakePost> {
        self.state().posts.clone()
    }

    pub fn uploads(&self) -> Vec<FakeUpload> {
        self.state().uploads.clone()
    }

    pub fn count(&self, op: Op) -> usize {
        self.state().calls.iter().filter(|c| **c == op).count()
    }
}

pub struct FakeChannel {
    kind: ChannelKind,
    platform: Platform,
    token: String,
}

fn err(kind: ChannelKind, class: ErrorClass) -> ChannelError {
    ChannelError {
        code: format!("{class:?}").to_lowercase(),
        message: format!("fake {class:?}"),
        class,
        kind,
    }
}

/// What a call should do after the script and the crash plan were consulted.
enum Plan {
    Normal,
    Fail(ErrorClass),
    ActThen(ErrorClass),
    CrashBefore,
    CrashAfter,
}

impl FakeChannel {
    fn plan(&self, op: Op) -> Plan {
        let mut s = self.platform.state();
        let n = s.calls.len();
        s.calls.push(op);
        if let Some((at, acted)) = s.crash_at_call
            && at == n
        {
            s.crash_at_call = None;
            return if acted {
                Plan::CrashAfter
            } else {
                Plan::CrashBefore
            };
        }
        if s.offline {
            return Plan::Fail(ErrorClass::Offline);
        }
        if op == Op::Probe && s.offline_probes > 0 {
            s.offline_probes -= 1;
            return Plan::Fail(ErrorClass::Offline);
        }
        if let Some(valid) = &s.valid_token
            && *valid != self.token
            && op != Op::Probe
        {
            return Plan::Fail(ErrorClass::Auth);
        }
        if s.script.front().is_some_and(|(o, _)| *o == op) {
            let (_, fault) = s.script.pop_front().expect("front");
            return match fault {
                Fault::Fail(c) => Plan::Fail(c),
                Fault::ActThen(c) => Plan::ActThen(c),
                Fault::Crash { acted: false } => Plan::CrashBefore,
                Fault::Crash { acted: true } => Plan::CrashAfter,
            };
        }
        Plan::Normal
    }

    fn next_id(&self, prefix: &str) -> String {
        let mut s = self.platform.state();
        s.next_id += 1;
        format!("{prefix}{}", s.next_id)
    }

    /// Runs `act` unless the plan says otherwise.
    fn run<T>(&self, op: Op, act: impl FnOnce() -> T) -> Result<T, ChannelError> {
        match self.plan(op) {
            Plan::Normal => Ok(act()),
            Plan::Fail(c) => Err(err(self.kind, c)),
            Plan::ActThen(c) => {
                act();
                Err(err(self.kind, c))
            }
            Plan::CrashBefore => std::panic::panic_any(CRASH),
            Plan::CrashAfter => {
                act();
                std::panic::panic_any(CRASH)
            }
        }
    }
}

impl Channel for FakeChannel {
    fn kind(&self) -> ChannelKind {
        self.kind
    }

    fn verify(&mut self) -> Result<String, ChannelError> {
        self.run(Op::Verify, || "Trang xã Mường Tè".to_owned())
    }

    fn probe(&mut self) -> Result<(), ChannelError> {
        self.run(Op::Probe, || ())
    }

    fn publishes_photos_inline(&self, post: &PostContent) -> bool {
        self.platform.state().inline_photos && post.photos.len() == 1
    }

    fn upload_media(
        &mut self,
        post: &PostContent,
        index: usize,
        progress: Progress<'_>,
    ) -> Result<RemoteMedia, ChannelError> {
        let size = post.photos[index].size;
        let id = self.next_id("photo-");
        let platform = self.platform.clone();
        let outbox_id = post.outbox_id;
        let rid = id.clone();
        self.run(Op::Upload, move || {
            progress(size / 2);
            progress(size);
            platform.state().uploads.push(FakeUpload {
                outbox_id,
                index,
                id: rid.clone(),
                bytes: size,
            });
            RemoteMedia {
                id: rid.clone(),
                url: Some(format!("https://fake/{rid}.jpg")),
            }
        })
    }

    fn publish(
        &mut self,
        post: &PostContent,
        media: &[RemoteMedia],
        progress: Progress<'_>,
    ) -> Result<RemotePost, ChannelError> {
        let delay = self.platform.state().publish_delay;
        if let Some(d) = delay {
            std::thread::sleep(d);
        }
        let id = self.next_id("post-");
        let platform = self.platform.clone();
        let now = self.platform.clock.now();
        let post = post.clone();
        let media: Vec<String> = media.iter().map(|m| m.id.clone()).collect();
        self.run(Op::Publish, move || {
            progress(post.text.len() as u64);
            let media = if media.is_empty() && !post.photos.is_empty() {
                // Inline: the photos went with the post.
                post.photos
                    .iter()
                    .map(|p| p.path.display().to_string())
                    .collect()
            } else {
                media
            };
            platform.state().posts.push(FakePost {
                id: id.clone(),
                outbox_id: post.outbox_id,
                text_hash: post.text_hash(),
                title: post.title.clone(),
                media,
                created_at: now,
                scheduled_at: post.scheduled_at,
            });
            RemotePost {
                url: Some(format!("https://fake/{id}")),
                id: id.clone(),
            }
        })
    }

    fn find_published(
        &mut self,
        post: &PostContent,
        since: DateTime<Utc>,
    ) -> Result<Option<RemotePost>, ChannelError> {
        let platform = self.platform.clone();
        let hash = post.text_hash();
        self.run(Op::Find, move || {
            let mut s = platform.state();
            if s.lagging_finds > 0 {
                s.lagging_finds -= 1;
                return None;
            }
            s.posts
                .iter()
                .find(|p| p.text_hash == hash && p.created_at >= since)
                .map(|p| RemotePost {
                    id: p.id.clone(),
                    url: Some(format!("https://fake/{}", p.id)),
                })
        })
    }

    fn take_refreshed_credentials(&mut self) -> Option<Credentials> {
        self.platform.state().refreshed.take()
    }

    fn take_usage_pause_secs(&mut self) -> Option<u64> {
        self.platform.state().usage_pause.take()
    }
}

/// Opens fake channels on one platform.
#[derive(Debug, Clone)]
pub struct FakeFactory(pub Platform);

impl ChannelFactory for FakeFactory {
    fn open(&self, config: ChannelConfig, creds: Credentials) -> Box<dyn Channel> {
        Box::new(FakeChannel {
            kind: config.kind,
            platform: self.0.clone(),
            token: creds.token,
        })
    }
}

/// A profile on a manual clock, with a fake platform and in-memory credentials.
pub struct Rig {
    pub dir: tempfile::TempDir,
    pub clock: Arc<ManualClock>,
    pub store: Arc<Store>,
    pub platform: Platform,
    pub creds: Arc<MemoryStore>,
}

pub fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2025-07-29T07:30:00Z")
        .expect("ts")
        .with_timezone(&Utc)
}

impl Rig {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let clock = Arc::new(ManualClock::new(start()));
        let store = Arc::new(Store::open_with_clock(dir.path(), clock.clone()).expect("open"));
        let platform = Platform::new(clock.clone());
        Self {
            dir,
            clock,
            store,
            platform,
            creds: Arc::new(MemoryStore::default()),
        }
    }

    /// A channel with a token (spacing 0 unless given).
    pub fn channel(&self, name: &str, kind: loa_core::ChannelKind, spacing: u32) -> i64 {
        let (ch, _) = loa_publish::save_channel(
            &self.store,
            self.creds.as_ref(),
            &NewChannel {
                name: name.into(),
                kind: Some(kind),
                base_url: "http://127.0.0.1:9".into(),
                page_id: "1001".into(),
                spacing_secs: Some(spacing),
                ..NewChannel::default()
            },
            &loa_publish::ChannelSecrets {
                token: "tok".into(),
                ..Default::default()
            },
        )
        .expect("channel");
        ch.id
    }

    pub fn draft(&self, title: &str, body: &str) -> i64 {
        self.store
            .drafts()
            .create(&NewDraft {
                title: title.into(),
                body: body.into(),
                ..NewDraft::default()
            })
            .expect("draft")
            .id
    }

    /// Attaches `n` distinct JPEGs (as-is copies: their bytes are what is uploaded).
    pub fn photos(&self, draft: i64, n: usize) -> Vec<PathBuf> {
        let paths: Vec<PathBuf> = (0..n)
            .map(|k| {
                let p = self.dir.path().join(format!("d{draft}-{k}.jpg"));
                std::fs::write(&p, jpeg(draft as u32, k as u32)).expect("write photo");
                p
            })
            .collect();
        self.store
            .publishing()
            .attach_for_posting(draft, &paths)
            .expect("attach photos");
        paths
    }

    pub fn queue(&self, draft: i64, channel: i64) -> i64 {
        self.store
            .publishing()
            .queue(draft, channel, None)
            .expect("queued")
            .id
    }

    pub fn worker(&self, config: WorkerConfig) -> Worker {
        self.worker_on(self.store.clone(), config, 7)
    }

    pub fn worker_on(&self, store: Arc<Store>, config: WorkerConfig, seed: u64) -> Worker {
        Worker::new(
            store,
            Deps {
                factory: Arc::new(FakeFactory(self.platform.clone())),
                credentials: self.creds.clone() as Arc<dyn CredentialStore>,
                sleeper: Arc::new(ClockSleeper(self.clock.clone())),
                rng: Box::new(SystemRng::with_seed(seed)),
            },
            config,
        )
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// An item's state now.
    pub fn state(&self, id: i64) -> loa_core::OutboxState {
        self.store.publishing().outbox_item(id).expect("item").state
    }

    pub fn advance(&self, d: Duration) {
        self.clock.advance(d);
    }
}

/// A small JPEG, different for each (draft, index).
pub fn jpeg(draft: u32, k: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([
            (x * 4) as u8,
            (y * 5) as u8,
            ((draft * 40 + k * 13) % 256) as u8,
        ])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .expect("encode");
    out
}

/// A config with no idle probes (the tests count calls).
pub fn config() -> WorkerConfig {
    WorkerConfig {
        idle_probe: None,
        ..WorkerConfig::default()
    }
}

pub fn path_exists(p: &Path) -> bool {
    p.exists()
}
