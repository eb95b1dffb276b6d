//! What the worker is given rather than reaching for: how to wait, and how to open a channel.
//! Tests pass a sleeper that moves a manual clock and a factory of fake channels, so a day of
//! retries runs in milliseconds without a network.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use loa_channels::{Channel, ChannelConfig, Credentials};
use loa_core::ManualClock;

/// Asks a sleeping worker to stop or to look again now.
#[derive(Debug, Default)]
pub struct Signal {
    stop: AtomicBool,
    wake: AtomicBool,
}

impl Signal {
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }

    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    pub fn wake(&self) {
        self.wake.store(true, Ordering::SeqCst);
    }

    /// Whether a wake-up was asked since the last call (and forgets it).
    pub fn take_wake(&self) -> bool {
        self.wake.swap(false, Ordering::SeqCst)
    }

    fn interrupted(&self) -> bool {
        self.stopped() || self.wake.load(Ordering::SeqCst)
    }
}

/// Waits between steps.
pub trait Sleeper: Send + Sync + fmt::Debug {
    /// Waits up to `d`, returning early when `signal` asks to stop or wake.
    fn sleep(&self, d: Duration, signal: &Signal);
}

/// Real waiting, in short slices so a stop request is seen within a tenth of a second.
#[derive(Debug, Default, Clone, Copy)]
pub struct RealSleeper;

impl Sleeper for RealSleeper {
    fn sleep(&self, d: Duration, signal: &Signal) {
        let end = Instant::now() + d;
        while !signal.interrupted() {
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            std::thread::sleep(left.min(Duration::from_millis(100)));
        }
    }
}

/// Moves a manual clock instead of waiting (tests).
#[derive(Debug, Clone)]
pub struct ClockSleeper(pub Arc<ManualClock>);

impl Sleeper for ClockSleeper {
    fn sleep(&self, d: Duration, _signal: &Signal) {
        let ms = i64::try_from(d.as_millis()).unwrap_or(i64::MAX / 2);
        self.0.advance(chrono::Duration::milliseconds(ms.max(1)));
    }
}

/// Opens the client of a configured channel.
pub trait ChannelFactory: Send + Sync {
    fn open(&self, config: ChannelConfig, creds: Credentials) -> Box<dyn Channel>;
}

/// The real clients of `loa-channels`.
#[derive(Debug, Default, Clone, Copy)]
pub struct PlatformChannels;

impl ChannelFactory for PlatformChannels {
    fn open(&self, config: ChannelConfig, creds: Credentials) -> Box<dyn Channel> {
        loa_channels::open(config, creds)
    }
}
