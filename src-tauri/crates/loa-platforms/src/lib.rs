//! # loa-platforms
//!
//! The one home of every fact about the platforms Loa publishes to — a Facebook Page, a Zalo
//! Official Account, a WordPress site, a folder — so that the checks (`loa-checks`), the HTTP
//! clients (`loa-channels`), the core (`loa-core`), the photo pipeline (`loa-media`) and, through
//! the generated bindings, the window all read the same numbers:
//!
//! - [`ChannelKind`]: the one enum of platforms, with default base URLs, default spacing and
//!   the photo preset each one takes ([`ChannelKind::photo_preset`]);
//! - [`Limits`] per platform ([`FACEBOOK`], [`ZALO`], [`WORDPRESS`], [`FOLDER`]): text length and
//!   exactly what counts toward it, photos per post, bytes per photo, accepted formats, the Zalo
//!   field lengths, the schedule window; each constant says which source decides it;
//! - [`compose`]: how a post's title and body become each platform's message (Facebook has no
//!   title field: title line, blank line, body; Zalo and WordPress take a title). Limits are
//!   counted on the composed text, the same text the client sends;
//! - [`check`]: what a platform would refuse in a post, as typed [`LimitViolation`]s with
//!   Fluent message ids;
//! - [`check_address`]: `https` only, plain `http` on loopback only; [`same_origin`];
//! - [`redact`]: secrets masked in any text Loa keeps or shows (errors from server answers);
//! - [`text_hash`] (the read-back key) and [`slugify`];
//! - [`ScheduleWindow`] and [`publish_not_before`]: when a platform's own scheduler takes a post;
//! - [`PhotoPreset`]: the photo sizes per destination, capped so the channel accepts them;
//! - [`login`]: how an officer signs in to connect a Page or an OA (dialog addresses, PKCE,
//!   the redirect a desktop app may use, the permissions and the task that allows publishing).
//!
//! It is pure: no I/O, no clock (callers pass `now`), no HTTP, no database. It deliberately does
//! not know how to call the platforms (that is `loa-channels`), where posts are stored (`loa-core`)
//! or the officer's language: it hands out Fluent ids and arguments, never sentences.
//!
//! The `specta` feature derives `specta::Type` on the types that cross to the window.

mod address;
pub mod compose;
mod kind;
mod limits;
pub mod login;
mod preset;
mod quota;
mod redact;
mod schedule;
mod text;

pub use address::{AddressProblem, Origin, check_address, same_origin};
pub use kind::{ChannelKind, PlatformDefaults, UnknownChannelKind, page_url};
pub use limits::{
    FACEBOOK, FOLDER, LimitViolation, Limits, PhotoFacts, PostFacts, VideoRefusal, WORDPRESS, ZALO,
    check, check_video, megabytes,
};
pub use preset::{PhotoPreset, UnknownPreset};
pub use quota::next_vietnam_midnight;
pub use redact::redact;
pub use schedule::{Schedule, ScheduleWindow, publish_not_before};
pub use text::{nfc, slugify, text_hash};
