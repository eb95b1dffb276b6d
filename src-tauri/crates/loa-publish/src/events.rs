//! What the worker tells the outside: events for the desktop shell and `loa sync`, and the live
//! progress and link state they can read at any time.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, channel};

use loa_core::{ChannelStatus, OutboxState};
use serde::{Deserialize, Serialize};

/// Something the officer may want to see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// An item moved (one transaction committed).
    ItemState {
        id: i64,
        channel_id: i64,
        state: OutboxState,
    },
    /// Bytes of an item's photos and post sent so far.
    Progress {
        id: i64,
        bytes_sent: u64,
        bytes_total: u64,
    },
    /// Loa or the officer held a channel back (`until` for a throttle, RFC 3339).
    ChannelHeld {
        channel_id: i64,
        status: ChannelStatus,
        until: Option<String>,
    },
    ChannelResumed {
        channel_id: i64,
    },
    Online {
        channel_id: i64,
    },
    Offline {
        channel_id: i64,
    },
    /// Everything that was queued has been worked through.
    BatchDone {
        published: u32,
        failed: u32,
        unconfirmed: u32,
    },
    /// An item needs the officer (failed, or unconfirmed: check the page at `link`).
    NeedsAttention {
        id: i64,
        channel_id: i64,
        state: OutboxState,
        link: Option<String>,
    },
    /// A refreshed token could not be saved: the channel will need reconnecting later.
    CredentialsNotSaved {
        channel_id: i64,
    },
}

/// Live byte progress of an item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ItemProgress {
    pub bytes_sent: u64,
    pub bytes_total: u64,
}

/// The link to one channel's host, as last seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum LinkState {
    /// Not tried yet.
    Unknown,
    Online,
    Offline,
}

/// Fan-out of events to any number of subscribers; a dropped receiver is forgotten.
#[derive(Debug, Default)]
pub(crate) struct Hub {
    subscribers: Mutex<Vec<Sender<Event>>>,
    progress: Mutex<BTreeMap<i64, ItemProgress>>,
    links: Mutex<BTreeMap<i64, LinkState>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // The guarded maps stay consistent whatever panicked while holding them.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Hub {
    pub fn subscribe(&self) -> Receiver<Event> {
        let (tx, rx) = channel();
        lock(&self.subscribers).push(tx);
        rx
    }

    pub fn emit(&self, event: Event) {
        match &event {
            Event::Progress {
                id,
                bytes_sent,
                bytes_total,
            } => {
                lock(&self.progress).insert(
                    *id,
                    ItemProgress {
                        bytes_sent: *bytes_sent,
                        bytes_total: *bytes_total,
                    },
                );
            }
            Event::ItemState { id, state, .. } if !state.is_active() => {
                lock(&self.progress).remove(id);
            }
            Event::Online { channel_id } => {
                lock(&self.links).insert(*channel_id, LinkState::Online);
            }
            Event::Offline { channel_id } => {
                lock(&self.links).insert(*channel_id, LinkState::Offline);
            }
            _ => {}
        }
        lock(&self.subscribers).retain(|s| s.send(event.clone()).is_ok());
    }

    pub fn progress(&self) -> BTreeMap<i64, ItemProgress> {
        lock(&self.progress).clone()
    }

    pub fn links(&self) -> BTreeMap<i64, LinkState> {
        lock(&self.links).clone()
    }
}
