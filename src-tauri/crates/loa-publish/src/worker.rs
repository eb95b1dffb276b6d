//! The outbox worker: one thread that walks the channels in turn and does one step for each
//! (upload one photo, publish one post, or read one post back), so a slow channel never starves
//! the others for more than a step and a stop request is honoured between steps.
//!
//! Exactly once, in practice:
//! - a channel is worked by one worker at a time, across processes: the holder of its lease in
//!   the database (renewed by a heartbeat during long calls; a killed process's lease runs out,
//!   or is taken over at once when its process is gone from this machine);
//! - each photo's remote id and the `publishing` state are committed before the next call, so a
//!   kill at any moment leaves a row that says what may have happened;
//! - a `publishing` row is never published again before [`loa_channels::Channel::find_published`]
//!   says the post is not there (see [`crate::decide`]).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::mpsc::{RecvTimeoutError, channel};

use chrono::{DateTime, Duration, Utc};
use loa_channels::{Channel, ChannelError, RemoteMedia, VIDEO_SESSION_EXPIRED, VideoUpload};
use loa_core::{
    ChannelHold, ChannelInfo, ChannelKind, ChannelStatus, LeaseOutcome, LoaError, OutboxCounts,
    OutboxItem, OutboxPort, OutboxState, Result, Transition, UploadProgress,
};
use serde::Serialize;

use crate::backoff::{Backoff, Rng};
use crate::convert;
use crate::credentials::CredentialStore;
use crate::decide::{self, ChannelEffect, Policy, Step};
use crate::deps::{ChannelFactory, Signal, Sleeper};
use crate::events::{Event, Hub, ItemProgress, LinkState};
use crate::link::Link;

/// How the worker paces itself. [`Default`] is what the app and `loa sync` use.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WorkerConfig {
    pub policy: Policy,
    /// Probes of a host that went offline or dropped a request: 0.5 s doubling to 60 s (equal
    /// jitter), so a link that comes straight back is used again within a second or two, and a
    /// dead one is asked about once a minute at most.
    pub probe: Backoff,
    /// How long a channel lease lasts without renewal (a killed worker blocks a channel this
    /// long at most, less when its process is seen to be gone).
    pub lease_ttl: Duration,
    /// How often the lease is renewed during a long call.
    pub heartbeat: std::time::Duration,
    /// The read-back looks for posts since the publish started minus this margin (the
    /// platform's clock is not ours). Small on purpose: a wide window matched an identical
    /// notice posted earlier (a weekly announcement) and marked the new one published without
    /// sending it.
    pub readback_margin: Duration,
    /// Timeout of small requests (uploads get a longer one from the client).
    pub request_timeout: std::time::Duration,
    /// `sync --once` waits out pauses up to this long, then stops.
    pub once_patience: Duration,
    /// With nothing to do, look at the queue again at least this often.
    pub idle_wait: Duration,
    /// With nothing to do, probe each channel this often (the online indicator).
    pub idle_probe: Option<Duration>,
}

/// The environment variable that shrinks every wait (tests and the chaos run only).
pub const TIME_SCALE_ENV: &str = "LOA_SYNC_TIME_SCALE";

impl WorkerConfig {
    /// Every wait multiplied by `scale` (0 < scale ≤ 1): backoffs, read-back delays, probes,
    /// throttle holds, spacing and the lease (never below 5 s, so a live worker keeps its
    /// channel). The read-back window and `--once`'s patience are not scaled.
    pub fn scaled(mut self, scale: f64) -> Self {
        let scale = if scale.is_finite() {
            scale.clamp(0.0001, 1.0)
        } else {
            1.0
        };
        let by = |d: Duration| Duration::milliseconds((d.num_milliseconds() as f64 * scale) as i64);
        let backoff = |b: Backoff| Backoff::new(by(b.base), by(b.cap));
        let p = &mut self.policy;
        p.retry = backoff(p.retry);
        p.readback_delay = by(p.readback_delay);
        p.readback_confirm = by(p.readback_confirm);
        p.in_flight = by(p.in_flight);
        p.readback_retry = backoff(p.readback_retry);
        p.min_throttle = by(p.min_throttle);
        p.time_scale *= scale;
        self.probe = backoff(self.probe);
        self.lease_ttl = by(self.lease_ttl).max(Duration::seconds(5));
        self.heartbeat = (self.lease_ttl / 3).to_std().unwrap_or(self.heartbeat);
        self.idle_wait = by(self.idle_wait).max(Duration::milliseconds(200));
        self
    }

    /// [`Default`], scaled by [`TIME_SCALE_ENV`] when it is set.
    pub fn from_env() -> Self {
        let scale = std::env::var(TIME_SCALE_ENV)
            .ok()
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|s| *s > 0.0 && *s < 1.0);
        match scale {
            Some(s) => Self::default().scaled(s),
            None => Self::default(),
        }
    }
}

impl Default for WorkerConfig {
    fn default() -> Self {
        Self {
            policy: Policy::default(),
            probe: Backoff::new(Duration::milliseconds(500), Duration::seconds(60)),
            lease_ttl: Duration::seconds(30),
            heartbeat: std::time::Duration::from_secs(10),
            readback_margin: Duration::minutes(10),
            request_timeout: std::time::Duration::from_secs(30),
            once_patience: Duration::seconds(60),
            idle_wait: Duration::seconds(30),
            idle_probe: Some(Duration::minutes(5)),
        }
    }
}

/// What the worker is given.
pub struct Deps {
    pub factory: Arc<dyn ChannelFactory>,
    pub credentials: Arc<dyn CredentialStore>,
    pub sleeper: Arc<dyn Sleeper>,
    pub rng: Box<dyn Rng>,
}

impl std::fmt::Debug for Deps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Deps")
            .field("credentials", &self.credentials)
            .field("sleeper", &self.sleeper)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Default)]
struct Shared {
    signal: Signal,
    hub: Hub,
}

/// A handle on a running worker, for other threads (the desktop shell, a signal handler).
#[derive(Debug, Clone)]
pub struct WorkerHandle(Arc<Shared>);

impl WorkerHandle {
    /// Asks the worker to stop after its current step.
    pub fn stop(&self) {
        self.0.signal.stop();
    }

    pub fn stopped(&self) -> bool {
        self.0.signal.stopped()
    }

    /// Asks the worker to look at the queue now (after a queue, retry or resume).
    pub fn wake(&self) {
        self.0.signal.wake();
    }

    /// A new stream of [`Event`]s.
    pub fn subscribe(&self) -> std::sync::mpsc::Receiver<Event> {
        self.0.hub.subscribe()
    }

    /// Bytes sent so far per active item.
    pub fn progress(&self) -> BTreeMap<i64, ItemProgress> {
        self.0.hub.progress()
    }

    /// The link state per channel id (channels never tried are absent: unknown).
    pub fn links(&self) -> BTreeMap<i64, LinkState> {
        self.0.hub.links()
    }
}

/// One channel as the worker sees it.
struct Lane {
    /// The channel's `updated_at` when the client was opened: a change reopens it.
    stamp: String,
    client: Option<Box<dyn Channel>>,
    link: Link,
    leased: bool,
    /// Loa put a throttle hold on it (to announce its end).
    throttled: bool,
    /// `sync --once` stopped waiting for this channel.
    gave_up: bool,
    /// Since when another worker has held the channel.
    held_since: Option<DateTime<Utc>>,
    last_idle_probe: Option<DateTime<Utc>>,
    /// How long the last failed probe took: instantly refused, or the whole timeout of a host
    /// that never answers.
    probe_took: std::time::Duration,
}

impl Lane {
    fn new() -> Self {
        Self {
            stamp: String::new(),
            client: None,
            link: Link::new(),
            leased: false,
            throttled: false,
            gave_up: false,
            held_since: None,
            last_idle_probe: None,
            probe_took: std::time::Duration::ZERO,
        }
    }
}

/// Items finished, for a run or a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub published: u32,
    pub failed: u32,
    pub unconfirmed: u32,
}

impl Tally {
    /// Items that reached an end in this run.
    fn ended(&self) -> u32 {
        self.published + self.failed + self.unconfirmed
    }

    fn count(&mut self, state: OutboxState) {
        match state {
            OutboxState::Published => self.published += 1,
            OutboxState::Failed => self.failed += 1,
            OutboxState::Unconfirmed => self.unconfirmed += 1,
            _ => {}
        }
    }
}

/// A channel at the end of `sync --once`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChannelReport {
    pub id: i64,
    pub name: String,
    pub status: ChannelStatus,
    pub paused_until: Option<String>,
    pub link: LinkState,
    /// Items still to do.
    pub pending: u32,
    /// What the items still to do wait for, and until when; `None` when nothing is pending.
    pub waiting: Option<Waiting>,
}

/// Why a channel's remaining items wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WaitReason {
    /// The officer paused publishing (this channel or the whole outbox).
    Paused,
    /// The platform refused the token: the officer must reconnect.
    NeedsReconnect,
    /// The platform asked Loa to slow down.
    Throttled,
    /// The channel's host cannot be reached.
    Offline,
    /// Another Loa (the app, another `loa sync`) is publishing on this channel.
    OtherWorker,
    /// The spacing between two posts on this channel.
    Spacing,
    /// A retry after a failed attempt.
    Retry,
    /// A read-back: whether an interrupted publish reached the platform.
    ReadBack,
    /// The time the officer chose.
    Scheduled,
}

impl WaitReason {
    pub const ALL: [WaitReason; 9] = [
        WaitReason::Paused,
        WaitReason::NeedsReconnect,
        WaitReason::Throttled,
        WaitReason::Offline,
        WaitReason::OtherWorker,
        WaitReason::Spacing,
        WaitReason::Retry,
        WaitReason::ReadBack,
        WaitReason::Scheduled,
    ];

    /// The name in JSON and in message ids (`publish-sync-waiting-<name>`).
    pub fn as_str(self) -> &'static str {
        match self {
            WaitReason::Paused => "paused",
            WaitReason::NeedsReconnect => "needs_reconnect",
            WaitReason::Throttled => "throttled",
            WaitReason::Offline => "offline",
            WaitReason::OtherWorker => "other_worker",
            WaitReason::Spacing => "spacing",
            WaitReason::Retry => "retry",
            WaitReason::ReadBack => "read_back",
            WaitReason::Scheduled => "scheduled",
        }
    }
}

/// A channel's wait at the end of `sync --once`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Waiting {
    pub reason: WaitReason,
    /// RFC 3339; `None` when it ends only with the officer (reconnect, resume) or the network.
    pub until: Option<String>,
}

/// What `sync --once` did and left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    /// Finished during this run.
    pub published: u32,
    pub failed: u32,
    pub unconfirmed: u32,
    /// The whole outbox afterwards.
    pub counts: OutboxCounts,
    pub channels: Vec<ChannelReport>,
    /// Stopped by a stop request (Ctrl-C) rather than by running out of work.
    pub interrupted: bool,
}

impl SyncReport {
    /// Something needs the officer: an item failed or is unconfirmed (this run or before), or
    /// items wait for a channel the officer must reconnect (a new password or token).
    pub fn needs_officer(&self) -> bool {
        self.counts.needs_officer() > 0
            || self.channels.iter().any(|c| {
                c.waiting
                    .as_ref()
                    .is_some_and(|w| w.reason == WaitReason::NeedsReconnect)
            })
    }
}

/// One pass over the channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tick {
    /// A step was done: look again at once.
    pub worked: bool,
    /// The earliest time something may be done.
    pub wake: Option<DateTime<Utc>>,
    /// Items still to do.
    pub active: u32,
}

/// What one lane does now.
enum Action {
    Upload(OutboxItem),
    MediaReady(OutboxItem),
    Defer(OutboxItem, DateTime<Utc>),
    Publish(OutboxItem),
    ReadBack(OutboxItem),
    Recover(OutboxItem),
}

fn earliest(a: Option<DateTime<Utc>>, b: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// This process's name in channel leases: host, process id and a random part.
fn owner_id(rng: &mut dyn Rng) -> String {
    let nonce = (rng.unit() * 1e15) as u64 ^ u64::from(std::process::id());
    format!("{}:{}:{nonce:x}", host_name(), std::process::id())
}

fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty() && !h.contains(':'))
        .unwrap_or_else(|| "host".to_owned())
}

/// Whether the process that wrote lease `owner` is gone from this machine (Linux: no
/// `/proc/<pid>`). Elsewhere, or for another machine, it is presumed alive until its lease runs
/// out.
pub fn owner_is_dead(owner: &str) -> bool {
    let mut parts = owner.split(':');
    let (Some(host), Some(pid)) = (parts.next(), parts.next()) else {
        return false;
    };
    let Ok(pid) = pid.parse::<u32>() else {
        return false;
    };
    cfg!(target_os = "linux")
        && pid != std::process::id()
        && host == host_name()
        && !std::path::Path::new(&format!("/proc/{pid}")).exists()
}

/// Publishes the outbox. See the module docs.
pub struct Worker {
    /// The store, through the worker's narrow port.
    store: Arc<dyn OutboxPort>,
    deps: Deps,
    config: WorkerConfig,
    shared: Arc<Shared>,
    owner: String,
    lanes: BTreeMap<i64, Lane>,
    run: Tally,
    batch: Tally,
    in_batch: bool,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker")
            .field("owner", &self.owner)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Worker {
    pub fn new(store: Arc<dyn OutboxPort>, mut deps: Deps, config: WorkerConfig) -> Self {
        let owner = owner_id(deps.rng.as_mut());
        Self {
            store,
            deps,
            config,
            shared: Arc::new(Shared::default()),
            owner,
            lanes: BTreeMap::new(),
            run: Tally::default(),
            batch: Tally::default(),
            in_batch: false,
        }
    }

    pub fn handle(&self) -> WorkerHandle {
        WorkerHandle(self.shared.clone())
    }

    /// The name this worker writes in channel leases.
    pub fn owner(&self) -> &str {
        &self.owner
    }

    fn now(&self) -> DateTime<Utc> {
        self.store.now()
    }

    fn emit(&self, e: Event) {
        self.shared.hub.emit(e);
    }

    /// Works until stopped: the queue drains by itself whenever a link comes back.
    pub fn run(&mut self) {
        while !self.shared.signal.stopped() {
            let wait = match self.tick(false) {
                Ok(t) if t.worked => continue,
                Ok(t) => t
                    .wake
                    .map_or(self.config.idle_wait, |w| w - self.now())
                    .clamp(Duration::zero(), self.config.idle_wait),
                // A busy or failing disk: try again shortly rather than die.
                Err(_) => Duration::seconds(5),
            };
            if self.shared.signal.take_wake() {
                continue;
            }
            self.deps
                .sleeper
                .sleep(wait.to_std().unwrap_or_default(), &self.shared.signal);
            self.shared.signal.take_wake();
        }
        self.release_all();
    }

    /// Works until the queue is empty or nothing more can be done within
    /// [`WorkerConfig::once_patience`] (`loa sync --once`).
    pub fn run_once(&mut self) -> Result<SyncReport> {
        let result = self.once_loop();
        self.release_all();
        result?;
        self.report()
    }

    /// The patience counts from the last item that reached an end (published, failed,
    /// unconfirmed), not per wait: a site that keeps failing in short steps (5 s, 10 s, 20 s of
    /// backoff) would otherwise hold `--once` for minutes. A call already under way still runs
    /// to its own timeout, so `--once` ends within the patience plus one request.
    fn once_loop(&mut self) -> Result<()> {
        let mut calm_since = self.now();
        let mut ended = self.run.ended();
        while !self.shared.signal.stopped() {
            let t = self.tick(true)?;
            if self.run.ended() != ended {
                ended = self.run.ended();
                calm_since = self.now();
            }
            if t.worked {
                continue;
            }
            let Some(wake) = t.wake else { break };
            let wait = (wake - self.now()).max(Duration::zero());
            if wake - calm_since > self.config.once_patience {
                break;
            }
            self.deps
                .sleeper
                .sleep(wait.to_std().unwrap_or_default(), &self.shared.signal);
        }
        Ok(())
    }

    fn report(&self) -> Result<SyncReport> {
        let counts = self.store.outbox_counts()?;
        let links = self.shared.hub.links();
        let mut channels = Vec::new();
        let outbox_paused = self.store.outbox_paused()?;
        let now = self.now();
        for ch in self.store.channels()? {
            let items = self.store.active_outbox(ch.id)?;
            let pending = u32::try_from(items.len()).unwrap_or(0);
            let waiting = self.waiting(&ch, &items, outbox_paused, now);
            channels.push(ChannelReport {
                id: ch.id,
                link: links.get(&ch.id).copied().unwrap_or(LinkState::Unknown),
                name: ch.name,
                status: ch.status,
                paused_until: ch.paused_until,
                pending,
                waiting,
            });
        }
        Ok(SyncReport {
            published: self.run.published,
            failed: self.run.failed,
            unconfirmed: self.run.unconfirmed,
            counts,
            channels,
            interrupted: self.shared.signal.stopped(),
        })
    }

    /// What a channel's pending items wait for, in the order the worker checks it.
    fn waiting(
        &self,
        ch: &ChannelInfo,
        items: &[OutboxItem],
        outbox_paused: bool,
        now: DateTime<Utc>,
    ) -> Option<Waiting> {
        let wait = |reason, until: Option<DateTime<Utc>>| {
            Some(Waiting {
                reason,
                until: until.map(loa_core::clock::format_ts),
            })
        };
        if items.is_empty() {
            return None;
        }
        match ch.status {
            ChannelStatus::NeedsReconnect => return wait(WaitReason::NeedsReconnect, None),
            _ if outbox_paused || ch.paused => return wait(WaitReason::Paused, None),
            ChannelStatus::Throttled => {
                return wait(WaitReason::Throttled, ch.throttled_until(now));
            }
            _ => {}
        }
        let lane = self.lanes.get(&ch.id);
        if lane.is_some_and(|l| l.link.is_down()) {
            return wait(WaitReason::Offline, None);
        }
        if lane.is_some_and(|l| l.held_since.is_some()) {
            return wait(WaitReason::OtherWorker, None);
        }
        let next = items
            .iter()
            .filter_map(|i| i.next_attempt().filter(|t| *t > now).map(|t| (t, i)))
            .min_by_key(|(t, _)| *t);
        if let Some(gate) = self.spacing_gate(ch, now)
            && next.is_none_or(|(t, _)| gate >= t)
        {
            return wait(WaitReason::Spacing, Some(gate));
        }
        let (t, item) = next?;
        let reason = if item.state == OutboxState::Publishing {
            WaitReason::ReadBack
        } else if item.scheduled().is_some_and(|at| t <= at) {
            WaitReason::Scheduled
        } else {
            WaitReason::Retry
        };
        wait(reason, Some(t))
    }

    /// When the channel's spacing lets the next publish start, if that is still ahead.
    fn spacing_gate(&self, ch: &ChannelInfo, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let spacing = self.config.policy.platform_wait(u64::from(ch.spacing_secs));
        ch.last_publish_at
            .as_deref()
            .and_then(loa_core::clock::parse_ts)
            .map(|t| t + spacing)
            .filter(|t| *t > now)
    }

    fn release_all(&mut self) {
        for (id, lane) in &mut self.lanes {
            if lane.leased {
                // Best effort: an unreleased lease only delays the next worker until it expires.
                let _ = self.store.release_channel_lease(*id, &self.owner);
                lane.leased = false;
            }
        }
    }

    /// One pass: at most one step per channel. `once`: `sync --once`'s patience rules.
    pub fn tick(&mut self, once: bool) -> Result<Tick> {
        let now = self.now();
        let paused = self.store.outbox_paused()?;
        let channels = self.store.channels()?;
        self.lanes
            .retain(|id, _| channels.iter().any(|c| c.id == *id));
        let mut tick = Tick {
            worked: false,
            wake: None,
            active: 0,
        };
        for ch in &channels {
            let (worked, wake, active) = match self.lane_tick(ch, now, paused, once) {
                Ok(r) => r,
                // The item moved under us (the officer acted, or another worker): look again.
                Err(LoaError::OutboxConflict { .. }) => (true, None, 1),
                Err(e) => return Err(e),
            };
            tick.worked |= worked;
            tick.wake = earliest(tick.wake, wake);
            tick.active += active;
        }
        if tick.active > 0 {
            self.in_batch = true;
        } else if self.in_batch {
            self.in_batch = false;
            let b = std::mem::take(&mut self.batch);
            self.emit(Event::BatchDone {
                published: b.published,
                failed: b.failed,
                unconfirmed: b.unconfirmed,
            });
        }
        Ok(tick)
    }

    /// One channel: returns (worked, wake, active items).
    fn lane_tick(
        &mut self,
        ch: &ChannelInfo,
        now: DateTime<Utc>,
        paused: bool,
        once: bool,
    ) -> Result<(bool, Option<DateTime<Utc>>, u32)> {
        self.lanes.entry(ch.id).or_insert_with(Lane::new);
        let items = self.store.active_outbox(ch.id)?;
        let active = u32::try_from(items.len()).unwrap_or(u32::MAX);
        if items.is_empty() {
            let lane = self.lane(ch.id);
            if lane.leased {
                lane.leased = false;
                self.store.release_channel_lease(ch.id, &self.owner)?;
            }
            if !once {
                self.idle_probe(ch, now)?;
            }
            return Ok((false, None, 0));
        }
        if paused || ch.paused {
            return Ok((false, None, active));
        }
        match ch.status {
            ChannelStatus::NeedsReconnect | ChannelStatus::Paused => {
                return Ok((false, None, active));
            }
            ChannelStatus::Throttled => {
                return Ok((false, ch.throttled_until(now), active));
            }
            ChannelStatus::Ok => {}
        }
        if std::mem::take(&mut self.lane(ch.id).throttled) {
            self.emit(Event::ChannelResumed { channel_id: ch.id });
        }
        if once && self.lane(ch.id).gave_up {
            return Ok((false, None, active));
        }
        if !self.ensure_client(ch)? {
            return Ok((false, None, active));
        }
        // A host that went offline: probe it until it answers.
        if self.lane(ch.id).link.is_down() {
            // A probe of a host that does not answer at all lasts the whole request timeout:
            // `--once` does not start one it could not finish within its patience.
            let patience = self.config.once_patience;
            let lane = self.lane(ch.id);
            let probe_takes = Duration::from_std(lane.probe_took).unwrap_or_default();
            if once
                && lane
                    .link
                    .down_since
                    .is_some_and(|t| now + probe_takes - t > patience)
            {
                lane.gave_up = true;
                return Ok((false, None, active));
            }
            match lane.link.next_probe() {
                Some(at) if at > now => return Ok((false, Some(at), active)),
                _ => {
                    if !self.probe(ch.id, now) {
                        return Ok((false, self.lane(ch.id).link.next_probe(), active));
                    }
                }
            }
        }
        match self
            .store
            .lease_channel(ch.id, &self.owner, self.config.lease_ttl, &owner_is_dead)?
        {
            LeaseOutcome::Acquired => {
                let lane = self.lane(ch.id);
                lane.leased = true;
                lane.held_since = None;
            }
            LeaseOutcome::Held { until, .. } => {
                let patience = self.config.once_patience;
                let lane = self.lane(ch.id);
                lane.leased = false;
                let since = *lane.held_since.get_or_insert(now);
                if once && now - since > patience {
                    lane.gave_up = true;
                    return Ok((false, None, active));
                }
                return Ok((false, Some(until), active));
            }
        }
        let (action, wake) = self.choose(ch, &items, now);
        let Some(action) = action else {
            return Ok((false, wake, active));
        };
        self.perform(ch, action, now)?;
        Ok((true, wake, active))
    }

    fn lane(&mut self, id: i64) -> &mut Lane {
        self.lanes.entry(id).or_insert_with(Lane::new)
    }

    /// Opens (or reopens, after the channel changed) the channel's client. `false` when it has
    /// no credentials: the channel is held until the officer reconnects it.
    fn ensure_client(&mut self, ch: &ChannelInfo) -> Result<bool> {
        let host = ch
            .image_host_channel_id
            .map(|h| self.store.channel(h))
            .transpose()?;
        let stamp = match &host {
            Some(h) => format!("{}|{}", ch.updated_at, h.updated_at),
            None => ch.updated_at.clone(),
        };
        if self.lane(ch.id).stamp == stamp && self.lane(ch.id).client.is_some() {
            return Ok(true);
        }
        let creds = self.deps.credentials.get(ch.id)?;
        let host_creds = match &host {
            Some(h) => Some(self.deps.credentials.get(h.id)?),
            None => None,
        };
        let creds = match (creds, host_creds) {
            (_, Some(None)) => None,
            (Some(c), _) => Some(c),
            (None, _) if ch.kind == ChannelKind::Folder => {
                Some(loa_channels::Credentials::default())
            }
            (None, _) => None,
        };
        let Some(creds) = creds else {
            self.store
                .hold_channel(ch.id, ChannelHold::NeedsReconnect)?;
            self.emit(Event::ChannelHeld {
                channel_id: ch.id,
                status: ChannelStatus::NeedsReconnect,
                until: None,
            });
            return Ok(false);
        };
        let host = match host {
            Some(h) => {
                let c = self.deps.credentials.get(h.id)?.unwrap_or_default();
                Some((h, c))
            }
            None => None,
        };
        let config = convert::config(
            ch,
            self.config.request_timeout,
            host.as_ref().map(|(h, c)| (h, c.clone())),
        );
        let mut client = self.deps.factory.open(config, creds);
        client.set_credential_sink(credential_sink(
            self.deps.credentials.clone(),
            self.shared.clone(),
            ch.id,
        ));
        let stored = self.deps.credentials.clone();
        let channel_id = ch.id;
        client.set_credential_source(Box::new(move || stored.get(channel_id).ok().flatten()));
        let lane = self.lane(ch.id);
        lane.client = Some(client);
        lane.stamp = stamp;
        Ok(true)
    }

    /// Probes a channel's host; `true` when it answered.
    fn probe(&mut self, channel_id: i64, now: DateTime<Utc>) -> bool {
        let probe = self.config.probe;
        let lane = self.lanes.entry(channel_id).or_insert_with(Lane::new);
        let Some(client) = lane.client.as_mut() else {
            return false;
        };
        let started = std::time::Instant::now();
        let answer = client.probe();
        lane.probe_took = started.elapsed();
        match answer {
            Err(e) if e.class == loa_channels::ErrorClass::Offline => {
                if lane.link.down(now, &probe, self.deps.rng.as_mut()) {
                    self.shared.hub.emit(Event::Offline { channel_id });
                }
                false
            }
            // Any answer, even an error, means the host is reachable.
            _ => {
                if lane.link.up() {
                    self.shared.hub.emit(Event::Online { channel_id });
                }
                true
            }
        }
    }

    /// With nothing queued, probes now and then so the online indicator stays true.
    fn idle_probe(&mut self, ch: &ChannelInfo, now: DateTime<Utc>) -> Result<()> {
        let Some(every) = self.config.idle_probe else {
            return Ok(());
        };
        let due = self
            .lane(ch.id)
            .last_idle_probe
            .is_none_or(|t| now - t >= every);
        if !due || ch.status == ChannelStatus::NeedsReconnect || !self.ensure_client(ch)? {
            return Ok(());
        }
        self.lane(ch.id).last_idle_probe = Some(now);
        self.probe(ch.id, now);
        Ok(())
    }

    /// The next step for a channel, or when to look again.
    fn choose(
        &mut self,
        ch: &ChannelInfo,
        items: &[OutboxItem],
        now: DateTime<Utc>,
    ) -> (Option<Action>, Option<DateTime<Utc>>) {
        let due = |i: &OutboxItem| i.next_attempt().is_none_or(|t| t <= now);
        let mut wake = None;
        let spacing_gate = self.spacing_gate(ch, now);
        let inline = |lane: &Lane, item: &OutboxItem| {
            lane.client
                .as_ref()
                .is_some_and(|c| c.publishes_photos_inline(&convert::post(item, None)))
        };
        for item in items {
            match item.state {
                OutboxState::Publishing => match item.next_attempt() {
                    None => return (Some(Action::Recover(item.clone())), None),
                    Some(t) if t <= now => return (Some(Action::ReadBack(item.clone())), None),
                    Some(t) => wake = earliest(wake, Some(t)),
                },
                OutboxState::Queued => {
                    if !due(item) {
                        wake = earliest(wake, item.next_attempt());
                    } else if item.media_complete() || inline(self.lane(ch.id), item) {
                        return (Some(Action::MediaReady(item.clone())), None);
                    } else {
                        return (Some(Action::Upload(item.clone())), None);
                    }
                }
                OutboxState::MediaUploaded => {
                    if !due(item) {
                        wake = earliest(wake, item.next_attempt());
                        continue;
                    }
                    let not_before =
                        loa_channels::publish_not_before(ch.kind, item.scheduled(), now);
                    if not_before > now {
                        return (Some(Action::Defer(item.clone(), not_before)), None);
                    }
                    if let Some(gate) = spacing_gate {
                        // Photos of later items may still go up meanwhile.
                        wake = earliest(wake, Some(gate));
                        continue;
                    }
                    return (Some(Action::Publish(item.clone())), None);
                }
                _ => {}
            }
        }
        (None, wake)
    }

    fn perform(&mut self, ch: &ChannelInfo, action: Action, now: DateTime<Utc>) -> Result<()> {
        match action {
            Action::MediaReady(item) => {
                self.move_item(&item, &Transition::MediaReady)?;
            }
            Action::Defer(item, until) => {
                self.store.transition_outbox(
                    &self.owner,
                    item.id,
                    item.state,
                    &Transition::Defer { until: Some(until) },
                )?;
            }
            Action::Recover(item) => {
                let t = decide::on_interrupted_publish(now, &self.config.policy);
                self.move_item(&item, &t)?;
            }
            Action::Upload(item) => self.upload(ch, item, now)?,
            Action::Publish(item) => self.publish(ch, item, now)?,
            Action::ReadBack(item) => self.read_back(ch, item, now)?,
        }
        Ok(())
    }

    /// Applies a transition and tells the world.
    fn move_item(&mut self, item: &OutboxItem, t: &Transition) -> Result<OutboxItem> {
        let moved = self
            .store
            .transition_outbox(&self.owner, item.id, item.state, t)?;
        if moved.state != item.state {
            self.emit(Event::ItemState {
                id: moved.id,
                channel_id: moved.channel_id,
                state: moved.state,
            });
            self.run.count(moved.state);
            self.batch.count(moved.state);
            if moved.state.needs_officer() {
                self.emit(Event::NeedsAttention {
                    id: moved.id,
                    channel_id: moved.channel_id,
                    state: moved.state,
                    link: moved.remote_url.clone(),
                });
            }
        }
        Ok(moved)
    }

    /// Runs a channel call with the lease renewed in the background, then saves any refreshed
    /// credentials at once (a Zalo refresh token works only once).
    fn call<T>(
        &mut self,
        channel_id: i64,
        f: impl FnOnce(&mut dyn Channel, &Hub) -> T,
    ) -> Result<T> {
        let store: &dyn OutboxPort = &*self.store;
        let owner = self.owner.as_str();
        let ttl = self.config.lease_ttl;
        let every = self.config.heartbeat;
        let hub = &self.shared.hub;
        let lane = self.lanes.entry(channel_id).or_insert_with(Lane::new);
        let Some(client) = lane.client.as_mut() else {
            return Err(LoaError::OutboxConflict { id: channel_id });
        };
        let (out, fresh) = std::thread::scope(|s| {
            let (stop, stopped) = channel::<()>();
            s.spawn(move || {
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(every) {
                    let _ = store.renew_channel_lease(channel_id, owner, ttl);
                }
            });
            let out = f(client.as_mut(), hub);
            drop(stop);
            let usage = client.take_usage_pause_secs();
            (out, (client.take_refreshed_credentials(), usage))
        });
        let (fresh, usage) = fresh;
        if let Some(fresh) = fresh
            && self.deps.credentials.set(channel_id, &fresh).is_err()
        {
            self.emit(Event::CredentialsNotSaved { channel_id });
        }
        if let Some(secs) = usage.filter(|s| *s > 0) {
            // The platform's usage headers say it is nearly at its limit: rest before the next
            // call rather than be throttled.
            let until = self.now() + self.config.policy.platform_wait(secs);
            self.store
                .hold_channel(channel_id, ChannelHold::Throttled { until })?;
            self.lane(channel_id).throttled = true;
            self.emit(Event::ChannelHeld {
                channel_id,
                status: ChannelStatus::Throttled,
                until: Some(loa_core::clock::format_ts(until)),
            });
        }
        Ok(out)
    }

    /// Uploads the item's video, chunk by chunk, committing where it stands after every chunk
    /// (so a kill resumes from the platform's offset).
    fn upload_video(
        &mut self,
        ch: &ChannelInfo,
        item: OutboxItem,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let post = convert::post(&item, None);
        let store = Arc::clone(&self.store);
        let owner = self.owner.clone();
        let id = item.id;
        let total = item.bytes_total;
        let mut chunk_started = std::time::Instant::now();
        let result = self.call(ch.id, |client, hub| {
            let mut sink = |u: &VideoUpload| -> bool {
                // Each chunk measures the link (a killed upload has measured it too).
                measured(&*store, u.bytes_sent, chunk_started.elapsed());
                chunk_started = std::time::Instant::now();
                let progress = UploadProgress {
                    upload_session_id: u.session_id.clone(),
                    video_id: u.video_id.clone(),
                    session_started_at: u.started_at,
                    start_offset: u.start_offset,
                    end_offset: u.end_offset,
                    chunk_bytes: u.chunk_bytes,
                    bytes_sent_delta: u.bytes_sent,
                };
                match store.record_video_progress(&owner, id, &progress) {
                    Ok(updated) => {
                        let sent = updated
                            .video
                            .as_ref()
                            .map_or(0, loa_core::OutboxVideo::bytes_on_platform);
                        hub.emit(Event::Progress {
                            id,
                            bytes_sent: sent,
                            bytes_total: total,
                        });
                        true
                    }
                    Err(_) => false,
                }
            };
            client.upload_video(&post, &mut sink)
        })?;
        match result {
            Ok(remote) => {
                self.link_up(ch.id);
                self.store.record_video_upload(
                    &self.owner,
                    id,
                    &remote.id,
                    remote.url.as_deref(),
                )?;
                self.emit_done(id, total);
                Ok(())
            }
            Err(e) if e.code == VIDEO_SESSION_EXPIRED => self.session_expired(ch, &item, &e, now),
            Err(e) => {
                // Chunks that went through before the failure are progress: the attempt is not
                // held against the item (a long video over a link that drops every few megabytes
                // would otherwise run out of attempts while moving forward).
                let before = item.video.as_ref().map_or(0, |v| v.start_offset);
                let after = self
                    .store
                    .active_outbox(ch.id)?
                    .into_iter()
                    .find(|i| i.id == id)
                    .and_then(|i| i.video)
                    .map_or(0, |v| v.start_offset);
                self.failed_after(ch, Step::Upload, &item, &e, now, after > before)
            }
        }
    }

    /// The platform let the video's upload session expire: forget it and upload again from a
    /// new session (the item goes back to queued; the attempt is not counted against it).
    fn session_expired(
        &mut self,
        ch: &ChannelInfo,
        item: &OutboxItem,
        e: &ChannelError,
        _now: DateTime<Utc>,
    ) -> Result<()> {
        self.link_up(ch.id);
        self.store.reset_video_upload(&self.owner, item.id)?;
        self.move_item(
            item,
            &Transition::Retry {
                to: OutboxState::Queued,
                next_attempt_at: None,
                count_attempt: false,
                error: Some(loa_core::OutboxError {
                    code: e.code.clone(),
                    message: e.message.clone(),
                }),
            },
        )?;
        Ok(())
    }

    /// Uploads the first photo that has no remote id yet (or the video).
    fn upload(&mut self, ch: &ChannelInfo, item: OutboxItem, now: DateTime<Utc>) -> Result<()> {
        if item.video.as_ref().is_some_and(|v| v.remote_id.is_none()) {
            return self.upload_video(ch, item, now);
        }
        let Some(media) = item.media.iter().find(|m| m.remote_id.is_none()) else {
            self.move_item(&item, &Transition::MediaReady)?;
            return Ok(());
        };
        let position = media.position;
        let index = usize::try_from(position).unwrap_or(usize::MAX);
        let done: u64 = item
            .media
            .iter()
            .filter(|m| m.remote_id.is_some())
            .map(|m| m.size)
            .sum();
        let total = item_total(&item);
        let post = convert::post(&item, None);
        let id = item.id;
        let size = media.size;
        let started = std::time::Instant::now();
        let result = self.call(ch.id, |client, hub| {
            let mut progress = throttled_progress(hub, id, done, total);
            client.upload_media(&post, index, &mut progress)
        })?;
        match result {
            Ok(remote) => {
                measured(&*self.store, size, started.elapsed());
                self.link_up(ch.id);
                let updated = self.store.record_media_upload(
                    &self.owner,
                    id,
                    position,
                    &remote.id,
                    remote.url.as_deref(),
                )?;
                let sent: u64 = updated
                    .media
                    .iter()
                    .filter(|m| m.remote_id.is_some())
                    .map(|m| m.size)
                    .sum();
                self.emit(Event::Progress {
                    id,
                    bytes_sent: sent,
                    bytes_total: total,
                });
                Ok(())
            }
            Err(e) => self.failed(ch, Step::Upload, &item, &e, now),
        }
    }

    fn publish(&mut self, ch: &ChannelInfo, item: OutboxItem, now: DateTime<Utc>) -> Result<()> {
        let post = convert::post(&item, item.scheduled().filter(|t| *t > now));
        let inline = self
            .lane(ch.id)
            .client
            .as_ref()
            .is_some_and(|c| c.publishes_photos_inline(&post));
        let media: Vec<RemoteMedia> = if inline {
            Vec::new()
        } else if let Some(v) = &item.video {
            v.remote_id
                .iter()
                .map(|id| RemoteMedia {
                    id: id.clone(),
                    url: v.remote_url.clone(),
                })
                .collect()
        } else {
            item.media
                .iter()
                .filter_map(|m| {
                    m.remote_id.as_ref().map(|id| RemoteMedia {
                        id: id.clone(),
                        url: m.remote_url.clone(),
                    })
                })
                .collect()
        };
        // Committed before the call: a kill from here on leaves "publishing", which is read
        // back, never published again blindly.
        let publishing = self.move_item(&item, &Transition::BeginPublish)?;
        let total = item_total(&item);
        let done = if inline { 0 } else { item.bytes_total };
        let id = item.id;
        let result = self.call(ch.id, |client, hub| {
            let mut progress = throttled_progress(hub, id, done, total);
            client.publish(&post, &media, &mut progress)
        })?;
        match result {
            Ok(remote) => {
                self.link_up(ch.id);
                self.move_item(
                    &publishing,
                    &Transition::Published {
                        remote_id: Some(remote.id),
                        remote_url: remote.url,
                        count_attempt: true,
                    },
                )?;
                self.emit_done(id, total);
                Ok(())
            }
            Err(e) if e.code == VIDEO_SESSION_EXPIRED && publishing.video.is_some() => {
                self.session_expired(ch, &publishing, &e, now)
            }
            Err(e) => self.failed(ch, Step::Publish, &publishing, &e, now),
        }
    }

    fn read_back(&mut self, ch: &ChannelInfo, item: OutboxItem, now: DateTime<Utc>) -> Result<()> {
        let started = item.publish_started().unwrap_or(now);
        let post = convert::post(&item, item.scheduled().filter(|t| *t > started));
        let since = started - self.config.readback_margin;
        let result = self.call(ch.id, |client, _| client.find_published(&post, since))?;
        match result {
            Ok(found) => {
                self.link_up(ch.id);
                let t = decide::on_readback(&item, found, now, &self.config.policy);
                self.move_item(&item, &t)?;
                Ok(())
            }
            Err(e) => self.failed(ch, Step::ReadBack, &item, &e, now),
        }
    }

    /// Every byte of an item is on the platform.
    fn emit_done(&self, id: i64, total: u64) {
        self.emit(Event::Progress {
            id,
            bytes_sent: total,
            bytes_total: total,
        });
    }

    fn link_up(&mut self, channel_id: i64) {
        if self.lane(channel_id).link.up() {
            self.emit(Event::Online { channel_id });
        }
    }

    /// Applies the decision after a failed call.
    fn failed(
        &mut self,
        ch: &ChannelInfo,
        step: Step,
        item: &OutboxItem,
        e: &ChannelError,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.failed_after(ch, step, item, e, now, false)
    }

    /// [`Self::failed`]; `progressed`: the call moved the item forward before it failed (video
    /// chunks the platform kept), so the failure is not counted against it.
    fn failed_after(
        &mut self,
        ch: &ChannelInfo,
        step: Step,
        item: &OutboxItem,
        e: &ChannelError,
        now: DateTime<Utc>,
        progressed: bool,
    ) -> Result<()> {
        let mut d = if progressed {
            let fresh = OutboxItem {
                attempts: 0,
                ..item.clone()
            };
            decide::on_error(
                step,
                &fresh,
                e,
                now,
                &self.config.policy,
                self.deps.rng.as_mut(),
            )
        } else {
            decide::on_error(
                step,
                item,
                e,
                now,
                &self.config.policy,
                self.deps.rng.as_mut(),
            )
        };
        if progressed && let Transition::Retry { count_attempt, .. } = &mut d.transition {
            *count_attempt = false;
        }
        match d.channel {
            ChannelEffect::None => self.link_up(ch.id),
            ChannelEffect::Offline => {
                let probe = self.config.probe;
                let lane = self.lanes.entry(ch.id).or_insert_with(Lane::new);
                if lane.link.down(now, &probe, self.deps.rng.as_mut()) {
                    self.emit(Event::Offline { channel_id: ch.id });
                }
            }
            ChannelEffect::Throttle { until } => {
                self.link_up(ch.id);
                self.store
                    .hold_channel(ch.id, ChannelHold::Throttled { until })?;
                self.lane(ch.id).throttled = true;
                self.emit(Event::ChannelHeld {
                    channel_id: ch.id,
                    status: ChannelStatus::Throttled,
                    until: Some(loa_core::clock::format_ts(until)),
                });
            }
            ChannelEffect::NeedsReconnect => {
                self.link_up(ch.id);
                self.store
                    .hold_channel(ch.id, ChannelHold::NeedsReconnect)?;
                self.emit(Event::ChannelHeld {
                    channel_id: ch.id,
                    status: ChannelStatus::NeedsReconnect,
                    until: None,
                });
            }
        }
        self.move_item(item, &d.transition)?;
        Ok(())
    }
}

/// Remembers the upload speed of `bytes` that took `took` to send, for the video estimate.
/// Small bodies measure the round trip more than the link, so they are not counted; the speed
/// is a hint, so a failure to store it does not stop the work.
fn measured(store: &dyn OutboxPort, bytes: u64, took: std::time::Duration) {
    const MIN_BYTES: u64 = 256 * 1024;
    let secs = took.as_secs_f64();
    if bytes < MIN_BYTES || secs <= 0.0 {
        return;
    }
    let bps = (bytes as f64 * 8.0 / secs) as u64;
    if bps > 0 {
        let _ = store.record_link_speed(bps);
    }
}

/// Stores credentials a client refreshed the moment it has them (a Zalo refresh token works
/// once: a kill before the call returns must not lose the new one).
fn credential_sink(
    credentials: Arc<dyn CredentialStore>,
    shared: Arc<Shared>,
    channel_id: i64,
) -> loa_channels::CredentialSink {
    Box::new(move |fresh| {
        if credentials.set(channel_id, fresh).is_err() {
            shared.hub.emit(Event::CredentialsNotSaved { channel_id });
        }
    })
}

/// Bytes of an item's photos, or of its text when it has none (the progress bar's 100 %).
fn item_total(item: &OutboxItem) -> u64 {
    if item.bytes_total > 0 {
        item.bytes_total
    } else {
        (item.title.len() + item.text.len()) as u64
    }
}

/// A progress callback that reports `done + n` (capped at `total`) at most every 64 KiB.
fn throttled_progress(hub: &Hub, id: i64, done: u64, total: u64) -> impl FnMut(u64) + '_ {
    const STEP: u64 = 64 * 1024;
    let mut last: Option<u64> = None;
    move |n: u64| {
        let sent = done.saturating_add(n).min(total);
        if last != Some(sent) && last.is_none_or(|l| sent >= l + STEP || sent == total) {
            last = Some(sent);
            hub.emit(Event::Progress {
                id,
                bytes_sent: sent,
                bytes_total: total,
            });
        }
    }
}
