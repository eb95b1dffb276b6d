//! What each platform accepts, so the outbox can refuse a post before queueing it instead of
//! letting the platform refuse it hours later on a bad link.
//!
//! Sources:
//! - Facebook: Page feed `message` is limited to 63,206 characters; Page photos are JPEG, BMP,
//!   PNG, GIF or TIFF of at most 4 MB (Graph API reference, "Page Photos"); a post may be handed
//!   to Facebook's scheduler 10 minutes to 30 days ahead (`scheduled_publish_time`, "Page Feed").
//! - Zalo OA article API (`v2.0/article/create`, developers.zalo.me "Quản lý bài viết"): title at
//!   most 150 characters, author at most 50, description at most 300; images are referenced by
//!   URL only (cover `photo_url`, body `{"type":"image","url"}`), each at most 1 MB — the API has
//!   no upload that returns a URL. A Zalo channel with an image host (a WordPress site) carries
//!   photos hosted there; without one it carries none (the OA's cover image is the article
//!   cover): see [`limits_for`].
//! - WordPress: no title or length limit of its own; uploads are limited by the site
//!   (`upload_max_filesize`), which only the site can tell; default allowed images are JPEG,
//!   PNG, GIF, WebP.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::{ChannelConfig, ChannelKind, PostContent};

/// Zalo's documented field limits (characters).
pub(crate) const ZALO_TITLE_MAX: usize = 150;
pub(crate) const ZALO_AUTHOR_MAX: usize = 50;
pub(crate) const ZALO_DESCRIPTION_MAX: usize = 300;

/// Facebook's scheduler window, with margins so a call made a few seconds after the check is
/// still inside it.
pub(crate) const FB_SCHEDULE_MIN_SECS: i64 = 10 * 60 + 60;
pub(crate) const FB_SCHEDULE_MAX_SECS: i64 = 30 * 24 * 3600 - 3600;

/// How far ahead a platform's own scheduler takes a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScheduleWindow {
    pub min_secs: i64,
    pub max_secs: i64,
}

/// What a channel accepts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChannelLimits {
    pub title_required: bool,
    pub max_title_chars: Option<usize>,
    pub max_text_chars: Option<usize>,
    /// `Some(0)`: the channel cannot carry photos at all.
    pub max_photos: Option<usize>,
    pub max_photo_bytes: Option<u64>,
    /// Lower-case file extensions the platform takes; empty = anything.
    pub photo_extensions: &'static [&'static str],
    /// `Some`: posts scheduled this far ahead are handed to the platform's scheduler.
    pub platform_schedule: Option<ScheduleWindow>,
}

/// One way a post breaks a channel's limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "violation", rename_all = "snake_case")]
pub enum LimitViolation {
    TitleMissing,
    TitleTooLong { max: usize, actual: usize },
    TextTooLong { max: usize, actual: usize },
    TooManyPhotos { max: usize, actual: usize },
    PhotoTooLarge { index: usize, max: u64, actual: u64 },
    PhotoFormat { index: usize },
}

impl LimitViolation {
    /// The Fluent id (in `locales/*/channels.ftl`) of the sentence explaining it.
    pub fn message_id(&self) -> &'static str {
        match self {
            LimitViolation::TitleMissing => "channel-limit-title-missing",
            LimitViolation::TitleTooLong { .. } => "channel-limit-title-too-long",
            LimitViolation::TextTooLong { .. } => "channel-limit-text-too-long",
            LimitViolation::TooManyPhotos { .. } => "channel-limit-too-many-photos",
            LimitViolation::PhotoTooLarge { .. } => "channel-limit-photo-too-large",
            LimitViolation::PhotoFormat { .. } => "channel-limit-photo-format",
        }
    }
}

/// The documented limits of a platform.
pub fn limits(kind: ChannelKind) -> ChannelLimits {
    match kind {
        ChannelKind::Facebook => ChannelLimits {
            title_required: false,
            max_title_chars: None,
            max_text_chars: Some(63_206),
            max_photos: None,
            max_photo_bytes: Some(4 * 1024 * 1024),
            photo_extensions: &["jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff"],
            platform_schedule: Some(ScheduleWindow {
                min_secs: FB_SCHEDULE_MIN_SECS,
                max_secs: FB_SCHEDULE_MAX_SECS,
            }),
        },
        ChannelKind::Zalo => ChannelLimits {
            title_required: true,
            max_title_chars: Some(ZALO_TITLE_MAX),
            max_text_chars: None,
            max_photos: Some(0),
            max_photo_bytes: Some(1024 * 1024),
            photo_extensions: &["jpg", "jpeg", "png"],
            platform_schedule: None,
        },
        ChannelKind::Wordpress => ChannelLimits {
            title_required: false,
            max_title_chars: None,
            max_text_chars: None,
            max_photos: None,
            max_photo_bytes: None,
            photo_extensions: &["jpg", "jpeg", "png", "gif", "webp"],
            platform_schedule: None,
        },
        ChannelKind::Folder => ChannelLimits {
            title_required: false,
            max_title_chars: None,
            max_text_chars: None,
            max_photos: None,
            max_photo_bytes: None,
            photo_extensions: &[],
            platform_schedule: None,
        },
    }
}

/// The limits of one configured channel: a Zalo channel with an image host takes photos
/// (each at most 1 MB, JPEG or PNG).
pub fn limits_for(config: &ChannelConfig) -> ChannelLimits {
    let mut l = limits(config.kind);
    if config.kind == ChannelKind::Zalo && config.image_host.is_some() {
        l.max_photos = None;
    }
    l
}

/// Everything about `post` that `kind` would refuse; empty when it can be queued. For a Zalo
/// channel this assumes no image host: see [`check_post_for`].
pub fn check_post(kind: ChannelKind, post: &PostContent) -> Vec<LimitViolation> {
    check_against(&limits(kind), post)
}

/// Everything about `post` that this configured channel would refuse.
pub fn check_post_for(config: &ChannelConfig, post: &PostContent) -> Vec<LimitViolation> {
    check_against(&limits_for(config), post)
}

fn check_against(l: &ChannelLimits, post: &PostContent) -> Vec<LimitViolation> {
    let mut out = Vec::new();
    let title_chars = crate::text::nfc(post.title.trim()).chars().count();
    if l.title_required && title_chars == 0 {
        out.push(LimitViolation::TitleMissing);
    }
    if let Some(max) = l.max_title_chars.filter(|m| title_chars > *m) {
        out.push(LimitViolation::TitleTooLong {
            max,
            actual: title_chars,
        });
    }
    let text_chars = crate::text::nfc(&post.text).chars().count();
    if let Some(max) = l.max_text_chars.filter(|m| text_chars > *m) {
        out.push(LimitViolation::TextTooLong {
            max,
            actual: text_chars,
        });
    }
    if let Some(max) = l.max_photos.filter(|m| post.photos.len() > *m) {
        out.push(LimitViolation::TooManyPhotos {
            max,
            actual: post.photos.len(),
        });
    }
    for (index, photo) in post.photos.iter().enumerate() {
        if let Some(max) = l.max_photo_bytes.filter(|m| photo.size > *m) {
            out.push(LimitViolation::PhotoTooLarge {
                index,
                max,
                actual: photo.size,
            });
        }
        let ext = photo
            .path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if !l.photo_extensions.is_empty() && !l.photo_extensions.contains(&ext.as_str()) {
            out.push(LimitViolation::PhotoFormat { index });
        }
    }
    out
}

/// The earliest moment the worker should call [`crate::Channel::publish`] for a post scheduled
/// at `scheduled_at`: now when the platform's own scheduler takes it (or it is due), otherwise
/// when it becomes due — or, for Facebook, when it enters the 30-day window.
pub fn publish_not_before(
    kind: ChannelKind,
    scheduled_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    let Some(at) = scheduled_at.filter(|at| *at > now) else {
        return now;
    };
    match kind {
        // WordPress keeps `future` posts itself, however far ahead; the folder is carried by hand.
        ChannelKind::Wordpress | ChannelKind::Folder => now,
        ChannelKind::Zalo => at,
        ChannelKind::Facebook => match facebook_schedule(at, now) {
            FacebookSchedule::Platform => now,
            FacebookSchedule::TooFar => at - Duration::seconds(FB_SCHEDULE_MAX_SECS),
            FacebookSchedule::Now | FacebookSchedule::TooSoon => at,
        },
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FacebookSchedule {
    /// Not scheduled, or due.
    Now,
    /// Inside Facebook's window: hand it to Facebook's scheduler.
    Platform,
    /// Less than 10 minutes ahead: Facebook refuses to schedule it; publish when due.
    TooSoon,
    /// More than 30 days ahead: wait until it enters the window.
    TooFar,
}

pub(crate) fn facebook_schedule(at: DateTime<Utc>, now: DateTime<Utc>) -> FacebookSchedule {
    let ahead = (at - now).num_seconds();
    if ahead <= 0 {
        FacebookSchedule::Now
    } else if ahead < FB_SCHEDULE_MIN_SECS {
        FacebookSchedule::TooSoon
    } else if ahead > FB_SCHEDULE_MAX_SECS {
        FacebookSchedule::TooFar
    } else {
        FacebookSchedule::Platform
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Photo;
    use std::path::PathBuf;

    fn post(title: &str, photos: Vec<(&str, u64)>) -> PostContent {
        PostContent {
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
    fn zalo_refuses_long_titles_and_photos() {
        let title = "ă".repeat(151);
        let v = check_post(ChannelKind::Zalo, &post(&title, vec![("a.jpg", 10)]));
        assert!(
            v.contains(&LimitViolation::TitleTooLong {
                max: 150,
                actual: 151
            }),
            "{v:?}"
        );
        assert!(
            v.contains(&LimitViolation::TooManyPhotos { max: 0, actual: 1 }),
            "{v:?}"
        );
        assert_eq!(
            check_post(ChannelKind::Zalo, &post("", vec![])),
            vec![LimitViolation::TitleMissing]
        );
        // 150 characters of Vietnamese are far more than 150 bytes: characters count.
        assert!(check_post(ChannelKind::Zalo, &post(&"ư".repeat(150), vec![])).is_empty());
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
                max: 1024 * 1024,
                actual: 2_000_000
            }]
        );
        assert_eq!(limits_for(&config).max_photos, None);
    }

    #[test]
    fn facebook_checks_photo_size_and_format() {
        let v = check_post(
            ChannelKind::Facebook,
            &post(
                "",
                vec![("a.jpg", 5 * 1024 * 1024), ("b.heic", 10), ("c.JPG", 10)],
            ),
        );
        assert_eq!(
            v,
            vec![
                LimitViolation::PhotoTooLarge {
                    index: 0,
                    max: 4 * 1024 * 1024,
                    actual: 5 * 1024 * 1024
                },
                LimitViolation::PhotoFormat { index: 1 },
            ]
        );
    }

    #[test]
    fn when_to_publish_scheduled_posts() {
        let now = Utc::now();
        let m = |mins: i64| Some(now + Duration::minutes(mins));
        assert_eq!(publish_not_before(ChannelKind::Facebook, None, now), now);
        assert_eq!(publish_not_before(ChannelKind::Facebook, m(-5), now), now);
        // 5 minutes ahead: too soon for Facebook's scheduler, publish when due.
        assert_eq!(
            publish_not_before(ChannelKind::Facebook, m(5), now),
            now + Duration::minutes(5)
        );
        // 2 hours ahead: Facebook schedules it.
        assert_eq!(publish_not_before(ChannelKind::Facebook, m(120), now), now);
        // 40 days ahead: hand it over once it is inside the 30-day window.
        let at = now + Duration::days(40);
        assert_eq!(
            publish_not_before(ChannelKind::Facebook, Some(at), now),
            at - Duration::seconds(FB_SCHEDULE_MAX_SECS)
        );
        assert_eq!(publish_not_before(ChannelKind::Wordpress, m(600), now), now);
        assert_eq!(
            publish_not_before(ChannelKind::Zalo, m(600), now),
            now + Duration::minutes(600)
        );
    }
}
