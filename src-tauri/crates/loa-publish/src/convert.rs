//! From the core's rows to the channel clients' types.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};
use loa_channels::{ChannelConfig, Credentials, Photo, PostContent};
use loa_core::{ChannelInfo, OutboxItem};

/// A client configuration for a stored channel; `image_host` is the WordPress channel (and its
/// secrets) that hosts a Zalo channel's photos.
pub fn config(
    channel: &ChannelInfo,
    timeout: Duration,
    image_host: Option<(&ChannelInfo, Credentials)>,
) -> ChannelConfig {
    ChannelConfig {
        kind: channel.kind,
        name: channel.name.clone(),
        base_url: channel.base_url.clone(),
        page_id: channel.page_id.clone(),
        user: channel.user.clone(),
        folder: channel.folder.as_ref().map(PathBuf::from),
        timeout,
        image_host: image_host.map(|(host, creds)| Box::new((config(host, timeout, None), creds))),
    }
}

/// The post of an outbox row, as queued. `scheduled_at` is the time handed to the platform's
/// own scheduler, if any (the worker decides it at publish time).
pub fn post(item: &OutboxItem, scheduled_at: Option<DateTime<Utc>>) -> PostContent {
    PostContent {
        outbox_id: item.id,
        title: item.title.clone(),
        text: item.text.clone(),
        photos: item
            .media
            .iter()
            .map(|m| Photo {
                path: PathBuf::from(&m.path),
                alt_text: m.alt_text.clone(),
                size: m.size,
            })
            .collect(),
        scheduled_at,
        slug: item.slug.clone(),
    }
}
