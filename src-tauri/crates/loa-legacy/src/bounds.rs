//! How far one extraction may go: a deadline and a cap on the text it produces. The parsers
//! call [`Meter::tick`] as they go, so a hostile document ends with a typed error in bounded
//! time instead of running for minutes.

use std::time::{Duration, Instant};

use loa_files::Cap;
use loa_files::limits::EXTRACT_TIME;

use crate::ExtractError;

/// The limits of one extraction. [`Bounds::standard`] takes the caps of `loa_files::limits`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// The extraction stops with [`ExtractError::TooSlow`] once this instant has passed.
    pub deadline: Instant,
    /// What `deadline` was set from, for the message.
    pub time: Duration,
    /// At most this many bytes of text come out ([`ExtractError::TooLarge`] past it).
    pub max_text_bytes: u64,
    /// A part of a `.docx` (`word/document.xml`) larger than this once unzipped is refused.
    pub max_part_bytes: u64,
}

impl Bounds {
    /// The standard limits, starting now.
    pub fn standard() -> Self {
        Self::within(EXTRACT_TIME)
    }

    /// The standard caps with `time` to do the work in, starting now.
    pub fn within(time: Duration) -> Self {
        Self {
            deadline: Instant::now() + time,
            time,
            max_text_bytes: Cap::ExtractedText.bytes(),
            max_part_bytes: Cap::DocumentPart.bytes(),
        }
    }

    pub(crate) fn too_slow(&self) -> ExtractError {
        ExtractError::TooSlow {
            seconds: self.time.as_secs().max(1),
        }
    }

    pub(crate) fn text_too_large(&self) -> ExtractError {
        ExtractError::TooLarge {
            limit_mb: self.max_text_bytes.div_ceil(1024 * 1024),
        }
    }
}

/// Counts work and text as a parser goes, and says when to stop.
#[derive(Debug)]
pub(crate) struct Meter {
    bounds: Bounds,
    steps: u32,
    text: u64,
}

/// Reading the clock every step would cost more than the parsing; every 4096 steps is well
/// under a millisecond apart.
const STEPS_PER_CLOCK: u32 = 4096;

impl Meter {
    pub fn new(bounds: Bounds) -> Self {
        Self {
            bounds,
            steps: 0,
            text: 0,
        }
    }

    /// One unit of work (a byte of RTF, an XML event).
    pub fn tick(&mut self) -> Result<(), ExtractError> {
        self.steps += 1;
        if self.steps >= STEPS_PER_CLOCK {
            self.steps = 0;
            if Instant::now() > self.bounds.deadline {
                return Err(self.bounds.too_slow());
            }
        }
        Ok(())
    }

    /// `bytes` more of output text.
    pub fn text(&mut self, bytes: usize) -> Result<(), ExtractError> {
        self.text += bytes as u64;
        if self.text > self.bounds.max_text_bytes {
            return Err(self.bounds.text_too_large());
        }
        Ok(())
    }
}
