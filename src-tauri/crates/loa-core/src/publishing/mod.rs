//! Publishing: where posts go and how they get there.
//!
//! - [`channels`]: the channels the officer configured (a Facebook Page, a Zalo OA, a WordPress
//!   site, a folder) and the holds on them (their secrets are `loa-publish`'s, in the OS keyring);
//! - [`outbox`]: one row per (post, channel), its state machine, and the officer's actions
//!   (queue, cancel, retry, mark published, pause);
//! - [`work`]: the worker's side — channel leases and state transitions — behind the narrow
//!   [`OutboxPort`] that `loa-publish` drives;
//! - [`connect`]: the Facebook and Zalo apps an officer signs in through, and why a sign-in
//!   connected nothing;
//! - [`attach`]: ready-made photos attached to a draft for posting (`loa draft attach`).
//!
//! The platforms' numbers (limits, schedule windows, presets, URLs) are `loa-platforms`'; the
//! HTTP clients are `loa-channels`'; the worker's decisions are `loa-publish`'s.

pub mod ahead;
pub mod attach;
pub mod channels;
pub mod connect;
pub mod outbox;
pub mod work;

pub use channels::{ChannelHold, ChannelInfo, ChannelStatus, NewChannel};
pub use connect::{ConnectFailure, FacebookApp, ZaloApp};
pub use outbox::{
    OutboxAction, OutboxError, OutboxItem, OutboxMedia, OutboxState, OutboxVideo, PostVideo,
    UploadProgress,
};
pub use work::{LeaseOutcome, OutboxCounts, OutboxPort, Transition};

use crate::Store;

/// The publishing side of a profile: channels, the outbox and the officer's actions on it.
/// Obtained with [`Store::publishing`]; a thin handle over the store's one connection.
#[derive(Debug, Clone, Copy)]
pub struct Publishing<'a> {
    pub(crate) store: &'a Store,
}
