//! What the integration tests of the clients share.

use loa_channels::{Channel, ChannelError, PostContent, RemoteMedia, RemotePost};

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
