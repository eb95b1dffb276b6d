//! ffmpeg's `-progress` output: blocks of `key=value` lines, each ending with
//! `progress=continue` (or `progress=end`), about twice a second.

use serde::Serialize;

/// How far a compression has come.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Progress {
    /// Seconds of the output written so far.
    pub done_s: f64,
    /// Seconds in all, when the duration is known.
    pub total_s: Option<f64>,
    /// `done_s / total_s`, between 0 and 1, never going back.
    pub fraction: Option<f64>,
    /// Encoding speed against real time (2.0: a minute of video in thirty seconds).
    pub speed: Option<f64>,
    /// Bytes of the output written so far.
    pub bytes: Option<u64>,
    /// ffmpeg said it was done.
    pub finished: bool,
}

/// Reads the lines and yields one [`Progress`] per block.
#[derive(Debug, Clone)]
pub(crate) struct Parser {
    total_s: Option<f64>,
    done_us: Option<i64>,
    speed: Option<f64>,
    bytes: Option<u64>,
    best_fraction: f64,
    last_reported_us: Option<i64>,
}

impl Parser {
    pub(crate) fn new(total_s: Option<f64>) -> Parser {
        Parser {
            total_s: total_s.filter(|t| *t > 0.0),
            done_us: None,
            speed: None,
            bytes: None,
            best_fraction: 0.0,
            last_reported_us: None,
        }
    }

    /// The furthest output time seen, in seconds.
    pub(crate) fn done_s(&self) -> Option<f64> {
        self.done_us.map(|us| us as f64 / 1e6)
    }

    /// Feeds one line; returns a report at the end of a block, and whether the output time moved
    /// forward since the last report (what the stall watch counts as progress).
    pub(crate) fn line(&mut self, line: &str) -> Option<(Progress, bool)> {
        let (key, value) = line.trim().split_once('=')?;
        let value = value.trim();
        match key {
            // `out_time_ms` is microseconds too (an old misnomer); `out_time_us` is preferred.
            "out_time_us" | "out_time_ms" => {
                if let Ok(us) = value.parse::<i64>()
                    && us >= 0
                {
                    self.done_us = Some(self.done_us.map_or(us, |d| d.max(us)));
                }
            }
            "speed" => self.speed = value.trim_end_matches('x').trim().parse().ok(),
            "total_size" => self.bytes = value.parse().ok(),
            "progress" => {
                let finished = value == "end";
                let done_s = self.done_s().unwrap_or(0.0);
                let mut fraction = self.total_s.map(|t| (done_s / t).clamp(0.0, 1.0));
                if finished && fraction.is_some() {
                    fraction = Some(1.0);
                }
                if let Some(f) = fraction {
                    self.best_fraction = self.best_fraction.max(f);
                    fraction = Some(self.best_fraction);
                }
                let moved = self.done_us.is_some() && self.done_us != self.last_reported_us;
                self.last_reported_us = self.done_us;
                return Some((
                    Progress {
                        done_s,
                        total_s: self.total_s,
                        fraction,
                        speed: self.speed,
                        bytes: self.bytes,
                        finished,
                    },
                    moved || finished,
                ));
            }
            _ => {}
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(p: &mut Parser, block: &str) -> Vec<(Progress, bool)> {
        block.lines().filter_map(|l| p.line(l)).collect()
    }

    #[test]
    fn blocks_become_reports() {
        let mut p = Parser::new(Some(4.0));
        let r = feed(
            &mut p,
            "frame=10\nout_time_us=N/A\nspeed=N/A\nprogress=continue\n\
             frame=30\nout_time_us=1000000\ntotal_size=4096\nspeed=2.5x\nprogress=continue\n\
             out_time_us=1000000\nprogress=continue\n\
             out_time_us=3900000\nprogress=end\n",
        );
        assert_eq!(r.len(), 4);
        assert_eq!(r[0].0.fraction, Some(0.0));
        assert!(!r[0].1, "no time yet is no progress");
        assert_eq!(r[1].0.fraction, Some(0.25));
        assert_eq!(r[1].0.speed, Some(2.5));
        assert_eq!(r[1].0.bytes, Some(4096));
        assert!(r[1].1);
        assert!(!r[2].1, "the same time again is a stall");
        assert_eq!(r[3].0.fraction, Some(1.0));
        assert!(r[3].0.finished);
    }

    #[test]
    fn fraction_never_goes_back_and_unknown_totals_have_none() {
        let mut p = Parser::new(Some(2.0));
        feed(&mut p, "out_time_us=1500000\nprogress=continue\n");
        let r = feed(&mut p, "out_time_us=500000\nprogress=continue\n");
        assert_eq!(r[0].0.fraction, Some(0.75));
        let mut q = Parser::new(None);
        let r = feed(&mut q, "out_time_us=500000\nprogress=continue\n");
        assert_eq!(r[0].0.fraction, None);
        assert_eq!(r[0].0.done_s, 0.5);
    }
}
