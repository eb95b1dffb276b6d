//! What a configured channel accepts: `loa-platforms`' limits for its kind, with a Zalo
//! channel's image host taken into account. The numbers and their sources live there; this
//! module only turns a [`PostContent`] into the facts they are checked against.

use loa_platforms::{LimitViolation, Limits, PhotoFacts, PostFacts};

use crate::{ChannelConfig, ChannelKind, PostContent};

/// The limits of one configured channel: a Zalo channel with an image host takes photos.
pub fn limits_for(config: &ChannelConfig) -> Limits {
    let limits = config.kind.limits();
    if config.image_host.is_some() {
        limits.with_image_host()
    } else {
        limits
    }
}

/// Everything about `post` that `kind` would refuse; empty when it can be queued. For a Zalo
/// channel this assumes no image host: see [`check_post_for`].
pub fn check_post(kind: ChannelKind, post: &PostContent) -> Vec<LimitViolation> {
    check_against(&kind.limits(), post)
}

/// Everything about `post` that this configured channel would refuse.
pub fn check_post_for(config: &ChannelConfig, post: &PostContent) -> Vec<LimitViolation> {
    check_against(&limits_for(config), post)
}

fn check_against(limits: &Limits, post: &PostContent) -> Vec<LimitViolation> {
    let extensions: Vec<String> = post
        .photos
        .iter()
        .map(|p| {
            p.path
                .extension()
                .map(|e| e.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    let photos: Vec<PhotoFacts<'_>> = post
        .photos
        .iter()
        .zip(&extensions)
        .map(|(p, ext)| PhotoFacts {
            bytes: p.size,
            extension: ext,
        })
        .collect();
    loa_platforms::check(
        limits,
        &PostFacts {
            title: &post.title,
            body: &post.text,
            photos: &photos,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Photo;
    use std::path::PathBuf;

    fn post(title: &str, photos: Vec<(&str, u64)>) -> PostContent {
        PostContent {
            video: None,
            outbox_id: 1,
            title: title.into(),
            text: "Nội dung".into(),
            photos: photos
                .into_iter()
                .map(|(p, size)| Photo {
                    path: PathBuf::from(p),
                    alt_text: String::new(),
                    size,
                })
                .collect(),
            scheduled_at: None,
            slug: "s".into(),
        }
    }

    #[test]
    fn zalo_with_an_image_host_takes_small_photos() {
        let mut config = ChannelConfig {
            kind: ChannelKind::Zalo,
            name: "OA".into(),
            base_url: String::new(),
            page_id: String::new(),
            user: String::new(),
            folder: None,
            timeout: std::time::Duration::from_secs(5),
            image_host: None,
        };
        let p = post("Tiêu đề", vec![("a.jpg", 500_000), ("b.png", 2_000_000)]);
        assert!(
            check_post_for(&config, &p)
                .contains(&LimitViolation::TooManyPhotos { max: 0, actual: 2 })
        );
        let mut host = config.clone();
        host.kind = ChannelKind::Wordpress;
        config.image_host = Some(Box::new((host, crate::Credentials::default())));
        assert_eq!(
            check_post_for(&config, &p),
            vec![LimitViolation::PhotoTooLarge {
                index: 1,
                max: loa_platforms::ZALO
                    .max_photo_bytes
                    .expect("zalo caps photos"),
                actual: 2_000_000
            }]
        );
        assert_eq!(limits_for(&config).max_photos, None);
    }

    #[test]
    fn the_file_extension_decides_the_format() {
        let v = check_post(
            ChannelKind::Facebook,
            &post("", vec![("a.jpg", 10), ("b.heic", 10), ("c.JPG", 10)]),
        );
        assert_eq!(v, vec![LimitViolation::PhotoFormat { index: 1 }]);
    }
}
