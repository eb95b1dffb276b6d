//! The video engine: phone videos in, upload-ready MP4s out, for a weak link.
//!
//! ffmpeg and ffprobe run as child processes, never linked: a decoder that crashes on a hostile
//! file ends one child with a typed [`VideoError::ToolCrashed`], not the app. Every run is
//! bounded in time, memory and output ([`Limits`] says what bounds what), and a file's first
//! bytes are checked before ffmpeg sees it, which is then told which demuxer to use.
//!
//! ```no_run
//! use std::sync::atomic::AtomicBool;
//! use loa_video::{Engine, Options, Preset};
//! let engine = Engine::locate()?;                       // once per process
//! let info = engine.probe("VID_0001.mp4".as_ref())?;   // duration, size, rotation, location…
//! let plan = engine.plan(&info, &Options::builder().preset(Preset::Facebook).build())?;
//! println!("about {} bytes, {:?} at 2 Mbit/s", plan.estimate.bytes,
//!          plan.estimate.upload_time(2_000_000));
//! let cancel = AtomicBool::new(false);
//! let out = engine.transcode(&plan, "VID_0001-facebook.mp4".as_ref(), &cancel,
//!                            &mut |p| eprintln!("{:?}", p.fraction))?;
//! let poster = engine.poster(&out.info, 480)?;           // JPEG bytes
//! # Ok::<(), loa_video::VideoError>(())
//! ```
//!
//! The steps are apart on purpose: [`Engine::probe`] at import (the library row),
//! [`Engine::plan`] when the officer picks a preset (checks and the estimate, before queueing),
//! [`Engine::transcode`] in the background with progress and cancel, [`Engine::poster`] for
//! the thumbnail. [`plan()`] is a pure function, so the decisions are tested without ffmpeg.
//!
//! What it deliberately does not know: where files come from (library, watch folders), the
//! profile database, uploading, the UI, any language (errors carry a stable code and arguments
//! for `video-error-<code>` in `locales/*/video.ftl`), and the clock (its only time is the
//! wall-clock bound of a child, which is about the machine, not the officer's day).

mod child;
mod engine;
mod error;
mod estimate;
mod limits;
mod locate;
mod orient;
mod plan;
mod poster;
mod preset;
mod probe;
mod progress;
mod transcode;

pub use engine::Engine;
pub use error::{Tool, VideoError};
pub use estimate::{Estimate, upload_time};
pub use limits::Limits;
pub use locate::{FFMPEG_DIR_ENV, Search};
pub use orient::Orientation;
pub use plan::{
    AudioPlan, Capabilities, Plan, REELS_FRAME, REELS_MAX_S, REELS_MIN_S, VideoPlan, X264_PRESET,
    ZALO_MAX_BYTES, plan,
};
pub use preset::{Options, OptionsBuilder, Preset, UnknownPreset};
pub use probe::{AudioStream, Container, VideoInfo, VideoStream};
pub use progress::Progress;
pub use transcode::Transcoded;
