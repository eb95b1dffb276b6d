//! Capped exponential backoff with jitter, over an injected random source.
//!
//! Retries of many officers' laptops after the same outage must not arrive together, so every
//! delay is jittered: [`Backoff::full_jitter`] for retries (uniform between a one-second floor
//! and the ceiling, AWS's "full jitter"), [`Backoff::equal_jitter`] for connectivity probes
//! (never less than half the ceiling, so a dead link is not hammered).

use chrono::Duration;

/// A source of uniform numbers in `[0, 1)`. Injected so tests can pin the jitter.
pub trait Rng: Send {
    fn unit(&mut self) -> f64;
}

/// The production source (`fastrand`, seeded from the OS).
#[derive(Debug, Default)]
pub struct SystemRng(fastrand::Rng);

impl SystemRng {
    pub fn new() -> Self {
        Self(fastrand::Rng::new())
    }

    pub fn with_seed(seed: u64) -> Self {
        Self(fastrand::Rng::with_seed(seed))
    }
}

impl Rng for SystemRng {
    fn unit(&mut self) -> f64 {
        self.0.f64()
    }
}

/// Delays that double from `base` up to `cap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub base: Duration,
    pub cap: Duration,
}

/// The least a retry waits, whatever the jitter drew: no tight loops against a failing server.
pub const FLOOR: Duration = Duration::seconds(1);

impl Backoff {
    pub const fn new(base: Duration, cap: Duration) -> Self {
        Self { base, cap }
    }

    /// The ceiling for the `attempt`-th retry (1 for the first): `min(cap, base · 2^(attempt-1))`.
    pub fn ceiling(&self, attempt: u32) -> Duration {
        let shift = attempt.saturating_sub(1).min(30);
        let base_ms = self.base.num_milliseconds().max(0);
        let ms = base_ms.saturating_mul(1_i64 << shift);
        Duration::milliseconds(ms.min(self.cap.num_milliseconds()))
    }

    /// Uniform in `[FLOOR, ceiling]` (just the ceiling when it is below the floor).
    pub fn full_jitter(&self, attempt: u32, rng: &mut dyn Rng) -> Duration {
        let ceiling = self.ceiling(attempt);
        if ceiling <= FLOOR {
            return ceiling;
        }
        let span = (ceiling - FLOOR).num_milliseconds() as f64;
        FLOOR + Duration::milliseconds((rng.unit().clamp(0.0, 1.0) * span) as i64)
    }

    /// Uniform in `[ceiling/2, ceiling]`.
    pub fn equal_jitter(&self, attempt: u32, rng: &mut dyn Rng) -> Duration {
        let ceiling = self.ceiling(attempt).num_milliseconds();
        let half = ceiling / 2;
        Duration::milliseconds(half + (rng.unit().clamp(0.0, 1.0) * (ceiling - half) as f64) as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plays back fixed draws.
    struct Draws(Vec<f64>, usize);

    impl Rng for Draws {
        fn unit(&mut self) -> f64 {
            let v = self.0[self.1 % self.0.len()];
            self.1 += 1;
            v
        }
    }

    #[test]
    fn ceilings_double_then_cap() {
        let b = Backoff::new(Duration::seconds(5), Duration::minutes(30));
        let secs: Vec<i64> = (1..=12).map(|n| b.ceiling(n).num_seconds()).collect();
        assert_eq!(
            secs,
            [5, 10, 20, 40, 80, 160, 320, 640, 1280, 1800, 1800, 1800]
        );
        // Absurd attempt counts do not overflow.
        assert_eq!(b.ceiling(u32::MAX), Duration::minutes(30));
    }

    #[test]
    fn full_jitter_stays_between_floor_and_ceiling() {
        let b = Backoff::new(Duration::seconds(5), Duration::minutes(30));
        let mut lo = Draws(vec![0.0], 0);
        let mut hi = Draws(vec![0.999_999], 0);
        for n in 1..=15 {
            assert_eq!(b.full_jitter(n, &mut lo), FLOOR);
            let top = b.full_jitter(n, &mut hi);
            assert!(top <= b.ceiling(n) && top > b.ceiling(n) - Duration::milliseconds(10));
        }
        let mut rng = SystemRng::with_seed(7);
        for n in 1..=20 {
            for _ in 0..200 {
                let d = b.full_jitter(n, &mut rng);
                assert!(d >= FLOOR && d <= b.ceiling(n), "attempt {n}: {d}");
            }
        }
    }

    #[test]
    fn jitter_spreads_retries() {
        let b = Backoff::new(Duration::seconds(5), Duration::minutes(30));
        let mut rng = SystemRng::with_seed(42);
        let mut seen: Vec<i64> = (0..100)
            .map(|_| b.full_jitter(6, &mut rng).num_seconds())
            .collect();
        seen.sort_unstable();
        seen.dedup();
        assert!(seen.len() > 50, "only {} distinct delays", seen.len());
    }

    #[test]
    fn equal_jitter_keeps_half() {
        let probe = Backoff::new(Duration::seconds(2), Duration::seconds(60));
        let mut rng = SystemRng::with_seed(1);
        for n in 1..=10 {
            for _ in 0..100 {
                let d = probe.equal_jitter(n, &mut rng);
                let c = probe.ceiling(n);
                assert!(d * 2 >= c && d <= c, "attempt {n}: {d} vs {c}");
            }
        }
        assert_eq!(probe.ceiling(1), Duration::seconds(2));
        assert_eq!(probe.ceiling(7), Duration::seconds(60));
    }
}
