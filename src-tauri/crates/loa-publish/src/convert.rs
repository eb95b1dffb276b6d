//! From the core's rows to the channel clients' types.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};
use loa_channels::{ChannelConfig, Credentials, Photo, PostContent, Video, VideoUpload};
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
        video: item.video.as_ref().map(|v| Video {
            path: PathBuf::from(&v.path),
            size: v.size,
            sha256: v.sha256.clone(),
            upload: VideoUpload {
                session_id: v.upload_session_id.clone(),
                video_id: v.video_id.clone(),
                started_at: v
                    .session_started_at
                    .as_deref()
                    .and_then(loa_core::clock::parse_ts),
                start_offset: v.start_offset,
                end_offset: v.end_offset,
                chunk_bytes: v.chunk_bytes,
                bytes_sent: 0,
            },
            remote_id: v.remote_id.clone(),
            remote_url: v.remote_url.clone(),
        }),
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
