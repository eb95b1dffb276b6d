//! The photo pipeline: phone photos in, upload-ready files out.
//!
//! For each photo: read the header and refuse absurd sizes before allocating; decode JPEG (at a
//! reduced size when the output is smaller, with libjpeg-turbo's DCT scaling), PNG or WebP; resize
//! (Lanczos3, never upscaling); turn it upright from its EXIF orientation; stamp a logo or a line
//! of text; encode JPEG or PNG without EXIF, XMP or GPS (unless asked to keep the location) and
//! with the source's ICC profile kept embedded. [`process_batch`] runs many photos on every core,
//! reports each file, survives bad ones and can be cancelled.
//!
//! ```no_run
//! use loa_media::{Options, Preset, Watermark, process};
//! let opts = Options::builder()
//!     .preset(Preset::Facebook)
//!     .watermark(Watermark::text("UBND xã Mường Tè").expect("non-empty"))
//!     .build();
//! let out = process(&std::fs::read("IMG_0001.jpg")?, &opts)?;
//! std::fs::write("IMG_0001-facebook.jpg", &out.bytes)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! What it deliberately does not know: where files come from (watch folders, the media library),
//! the profile database, the UI, and any language: errors carry a stable code and arguments that
//! the front ends turn into Fluent messages (`media-error-<code>` in `locales/*/media.ftl`).

mod batch;
mod decode;
mod encode;
mod error;
pub mod meta;
mod options;
mod pipeline;
mod resize;
mod watermark;

pub use batch::{BatchSummary, FileDone, FileReport, Progress, process_batch};
pub use error::{DecodeError, EncodeError, ProcessError, WatermarkError};
pub use options::{
    DEFAULT_MAX_PIXELS, Encoded, Options, OptionsBuilder, OutputFormat, Position, Preset,
    UnknownPosition, UnknownPreset, Watermark,
};
pub use pipeline::{Processed, process};
pub use resize::fit;
pub use watermark::{Placement, place};
