//! What the integration tests of the clients share.
#![allow(dead_code)]

use std::time::Duration;

use loa_channels::{
    Channel, ChannelConfig, ChannelError, ChannelKind, PostContent, RemoteMedia, RemotePost,
};

/// A channel on `base` (an emulator), as the tests configure it.
pub fn config(kind: ChannelKind, base: String) -> ChannelConfig {
    ChannelConfig {
        kind,
        name: "Trang xã Nà Hẩu".into(),
        base_url: base,
        page_id: "1001".into(),
        user: "canbo".into(),
        folder: None,
        timeout: Duration::from_secs(10),
        image_host: None,
    }
}

/// Uploads what the worker would upload, then publishes.
pub fn publish(ch: &mut dyn Channel, p: &PostContent) -> Result<RemotePost, ChannelError> {
    let mut progress = |_: u64| {};
    let mut media: Vec<RemoteMedia> = Vec::new();
    if !ch.publishes_photos_inline(p) {
        for i in 0..p.photos.len() {
            media.push(ch.upload_media(p, i, &mut progress)?);
        }
    }
    ch.publish(p, &media, &mut progress)
}
