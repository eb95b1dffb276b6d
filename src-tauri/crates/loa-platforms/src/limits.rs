//! What each platform accepts, and what it would refuse in a post.
//!
//! Every number here is counted on what the client sends, never on the draft as typed: text in
//! Unicode scalar values (Rust `char`s) of the NFC text composed by [`crate::compose`], photos
//! as the bytes of the prepared file. Where the platform's documentation is vague or sources
//! disagree, the stricter reading is taken, so that nothing Loa accepts is refused later on a
//! bad link; each constant names the source that decides it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::compose;
use crate::{ChannelKind, ScheduleWindow};

/// What one platform accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub kind: ChannelKind,
    /// The post cannot go without a title (a Zalo article).
    pub title_required: bool,
    /// Characters of the trimmed NFC title, when the platform has a title field.
    pub max_title_chars: Option<u32>,
    /// Characters of the text the platform receives ([`Limits::sent_text`]): for Facebook the
    /// composed message, title line included.
    pub max_text_chars: Option<u32>,
    /// Characters of an article's summary (Zalo `description`).
    pub max_description_chars: Option<u32>,
    /// Characters of an article's author line (Zalo `author`).
    pub max_author_chars: Option<u32>,
    /// Photos in one post; `Some(0)`: the channel carries none.
    pub max_photos: Option<u32>,
    /// Bytes of one photo as uploaded.
    pub max_photo_bytes: Option<u64>,
    /// Lower-case file extensions the platform takes; empty: anything.
    pub photo_extensions: &'static [&'static str],
    /// `Some`: posts due inside this window are handed to the platform's own scheduler.
    pub schedule: Option<ScheduleWindow>,
    /// The channel carries a video (one per post, instead of photos).
    pub takes_video: bool,
    /// Bytes of the video as uploaded.
    pub max_video_bytes: Option<u64>,
    /// Length of the video, in milliseconds.
    pub max_video_duration_ms: Option<u64>,
}

/// Facebook Page posts (Graph API `/{page-id}/feed` and `/{page-id}/photos`).
///
/// - Text: 63,206 characters, the long-standing maximum length of a Facebook post (not stated in
///   the Graph reference; every publishing tool documents it). Facebook has no title field, so
///   Loa posts the title line, a blank line, then the body ([`compose::facebook_message`]) and
///   counts that.
/// - Photo bytes: 4 MB per photo (Graph API reference, "Page Photos"). Taken as 4,000,000 bytes,
///   the stricter reading: the client used 4 MiB and the checks 4,000,000; the smaller decides.
/// - Photos per post: Meta's reference states no maximum for `attached_media`; 10 is what
///   publishing tools document for a Page post. The checks used 10 and the client none: the
///   stricter decides.
/// - Formats: JPEG, BMP, PNG, GIF, TIFF ("Page Photos").
/// - Schedule: `scheduled_publish_time` from 10 minutes to 30 days ahead (Pages API guide,
///   "Posts"; older references say 75 days or 6 months, the strictest is used). Loa keeps a
///   margin inside it, used by the checks, the queue and the client alike: see
///   [`ScheduleWindow::FACEBOOK`].
/// - Video: up to 10 GB and 4 hours, through the resumable upload (`/{page-id}/videos` with
///   `upload_phase`, which Loa always uses). Meta's pages found here do not state the figures in
///   one sentence; publishing tools' media guides do (Ayrshare, "Facebook Pages": max video size
///   10 GB, max duration 4 hours), and the Graph emulator refuses more than 10 GiB. Taken as
///   10,000,000,000 bytes, the stricter reading.
pub const FACEBOOK: Limits = Limits {
    kind: ChannelKind::Facebook,
    title_required: false,
    max_title_chars: None,
    max_text_chars: Some(63_206),
    max_description_chars: None,
    max_author_chars: None,
    max_photos: Some(10),
    max_photo_bytes: Some(4_000_000),
    photo_extensions: &["jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff"],
    schedule: Some(ScheduleWindow::FACEBOOK),
    takes_video: true,
    max_video_bytes: Some(10_000_000_000),
    max_video_duration_ms: Some(4 * 3600 * 1000),
};

/// Zalo Official Account articles (OA API v2.0 `article/create`, developers.zalo.me "Quản lý
/// bài viết", restated by the Zalo OA SDKs' article docs, e.g. redai-zalo-sdk "Content Limits").
///
/// - Title: required, at most 150 characters. Author: at most 50. Description: at most 300
///   ([`compose::zalo_article`] builds it from the body's first paragraph).
/// - Photos: by URL only (cover `photo_url`, body `{"type":"image","url"}`); the API has no
///   upload that returns a URL, so a Zalo channel carries photos only through an image host
///   (a WordPress site, [`Limits::with_image_host`]); without one it carries none.
/// - Photo bytes: "max 1MB per image", taken as 1,000,000 bytes (the client used 1 MiB; the
///   stricter decides, and the Zalo photo preset stays under it).
/// - Formats: JPEG and PNG.
/// - Video: none. An OA article takes a video only as the id of one already uploaded to Zalo's
///   own video service (`{"type":"video","video_id"}`), an upload Loa does not implement: a
///   video post is refused before it is queued.
pub const ZALO: Limits = Limits {
    kind: ChannelKind::Zalo,
    title_required: true,
    max_title_chars: Some(150),
    max_text_chars: None,
    max_description_chars: Some(300),
    max_author_chars: Some(50),
    max_photos: Some(0),
    max_photo_bytes: Some(1_000_000),
    photo_extensions: &["jpg", "jpeg", "png"],
    schedule: None,
    takes_video: false,
    max_video_bytes: None,
    max_video_duration_ms: None,
};

/// A WordPress site (REST API `wp/v2/posts`, `wp/v2/media`): no title or length limit of its
/// own; upload size is the site's `upload_max_filesize`, which only the site can tell. The
/// images WordPress allows by default: JPEG, PNG, GIF, WebP.
pub const WORDPRESS: Limits = Limits {
    kind: ChannelKind::Wordpress,
    title_required: false,
    max_title_chars: None,
    max_text_chars: None,
    max_description_chars: None,
    max_author_chars: None,
    max_photos: None,
    max_photo_bytes: None,
    photo_extensions: &["jpg", "jpeg", "png", "gif", "webp"],
    schedule: None,
    // The media library takes MP4 (`video/mp4`) by default; its size limit is the site's.
    takes_video: true,
    max_video_bytes: None,
    max_video_duration_ms: None,
};

/// A folder (a USB stick carried to another office): no limits.
pub const FOLDER: Limits = Limits {
    kind: ChannelKind::Folder,
    title_required: false,
    max_title_chars: None,
    max_text_chars: None,
    max_description_chars: None,
    max_author_chars: None,
    max_photos: None,
    max_photo_bytes: None,
    photo_extensions: &[],
    schedule: None,
    takes_video: true,
    max_video_bytes: None,
    max_video_duration_ms: None,
};

impl Limits {
    /// A Zalo channel whose photos a website hosts takes photos (each still within
    /// [`Limits::max_photo_bytes`] and its formats). Other kinds are unchanged.
    pub const fn with_image_host(mut self) -> Limits {
        if matches!(self.kind, ChannelKind::Zalo) {
            self.max_photos = None;
        }
        self
    }

    /// The text the platform receives for `title` and `body`, the one the text limit counts.
    pub fn sent_text(&self, title: &str, body: &str) -> String {
        match self.kind {
            ChannelKind::Facebook => compose::facebook_message(title, body),
            ChannelKind::Zalo | ChannelKind::Wordpress | ChannelKind::Folder => {
                crate::nfc(body.trim())
            }
        }
    }
}

/// Characters as the limits count them.
fn chars(s: &str) -> u32 {
    u32::try_from(s.chars().count()).unwrap_or(u32::MAX)
}

/// One photo as it will be uploaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhotoFacts<'a> {
    pub bytes: u64,
    /// The file's extension, any case, without the dot.
    pub extension: &'a str,
}

/// A post as it will be sent.
#[derive(Debug, Clone, Copy)]
pub struct PostFacts<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub photos: &'a [PhotoFacts<'a>],
}

/// One way a post breaks a channel's limits. Crosses to the window as a tagged value
/// (`{"violation": "text_too_long", "max": …, "actual": …}`); photo indexes count from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "violation", rename_all = "snake_case")]
pub enum LimitViolation {
    TitleMissing,
    TitleTooLong { max: u32, actual: u32 },
    TextTooLong { max: u32, actual: u32 },
    TooManyPhotos { max: u32, actual: u32 },
    PhotoTooLarge { index: u32, max: u64, actual: u64 },
    PhotoFormat { index: u32 },
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

    /// The message's arguments, except `channel` (the caller knows the channel's name): photo
    /// numbers from 1, sizes in megabytes ([`megabytes`]).
    pub fn args(&self) -> BTreeMap<String, String> {
        let mut a = BTreeMap::new();
        let mut put = |k: &str, v: String| {
            a.insert(k.to_owned(), v);
        };
        match *self {
            LimitViolation::TitleMissing => {}
            LimitViolation::TitleTooLong { max, actual }
            | LimitViolation::TextTooLong { max, actual }
            | LimitViolation::TooManyPhotos { max, actual } => {
                put("max", max.to_string());
                put("actual", actual.to_string());
            }
            LimitViolation::PhotoTooLarge { index, max, actual } => {
                put("index", (u64::from(index) + 1).to_string());
                put("max_mb", megabytes(max));
                put("actual_mb", megabytes(actual));
            }
            LimitViolation::PhotoFormat { index } => {
                put("index", (u64::from(index) + 1).to_string());
            }
        }
        a
    }
}

/// Decimal megabytes with one decimal place (`4.0`, `5.3`), as the limits are stated.
pub fn megabytes(bytes: u64) -> String {
    let tenths = (bytes + 50_000) / 100_000;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Everything in `post` that a channel with `limits` would refuse; empty when it can go.
pub fn check(limits: &Limits, post: &PostFacts<'_>) -> Vec<LimitViolation> {
    let mut out = Vec::new();
    let title = chars(&compose::title(post.title));
    if limits.title_required && title == 0 {
        out.push(LimitViolation::TitleMissing);
    }
    if let Some(max) = limits.max_title_chars.filter(|m| title > *m) {
        out.push(LimitViolation::TitleTooLong { max, actual: title });
    }
    if let Some(max) = limits.max_text_chars {
        let actual = chars(&limits.sent_text(post.title, post.body));
        if actual > max {
            out.push(LimitViolation::TextTooLong { max, actual });
        }
    }
    let count = u32::try_from(post.photos.len()).unwrap_or(u32::MAX);
    if let Some(max) = limits.max_photos.filter(|m| count > *m) {
        out.push(LimitViolation::TooManyPhotos { max, actual: count });
    }
    for (i, photo) in post.photos.iter().enumerate() {
        let index = u32::try_from(i).unwrap_or(u32::MAX);
        if let Some(max) = limits.max_photo_bytes.filter(|m| photo.bytes > *m) {
            out.push(LimitViolation::PhotoTooLarge {
                index,
                max,
                actual: photo.bytes,
            });
        }
        let ext = photo.extension.to_ascii_lowercase();
        if !limits.photo_extensions.is_empty() && !limits.photo_extensions.contains(&ext.as_str()) {
            out.push(LimitViolation::PhotoFormat { index });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post<'a>(title: &'a str, body: &'a str, photos: &'a [PhotoFacts<'a>]) -> PostFacts<'a> {
        PostFacts {
            title,
            body,
            photos,
        }
    }

    #[test]
    fn facebook_counts_the_composed_message() {
        let max = FACEBOOK.max_text_chars.expect("facebook has a text limit") as usize;
        // Title (4) + blank line (2) + body: exactly at the limit, then one over.
        let title = "Tiêu";
        let body = "ư".repeat(max - 4 - 2);
        assert!(check(&FACEBOOK, &post(title, &body, &[])).is_empty());
        let body = "ư".repeat(max - 4 - 2 + 1);
        assert_eq!(
            check(&FACEBOOK, &post(title, &body, &[])),
            vec![LimitViolation::TextTooLong {
                max: max as u32,
                actual: max as u32 + 1
            }]
        );
        // Without a title the body alone counts.
        assert!(check(&FACEBOOK, &post("  ", &"a".repeat(max), &[])).is_empty());
    }

    #[test]
    fn zalo_needs_a_short_title_and_an_image_host_for_photos() {
        let photo = [PhotoFacts {
            bytes: 10,
            extension: "JPG",
        }];
        let v = check(&ZALO, &post(&"ă".repeat(151), "x", &photo));
        assert!(v.contains(&LimitViolation::TitleTooLong {
            max: 150,
            actual: 151
        }));
        assert!(v.contains(&LimitViolation::TooManyPhotos { max: 0, actual: 1 }));
        assert_eq!(
            check(&ZALO, &post(" ", "x", &[])),
            vec![LimitViolation::TitleMissing]
        );
        // 150 Vietnamese letters are far more than 150 bytes: characters count.
        assert!(
            check(
                &ZALO.with_image_host(),
                &post(&"ư".repeat(150), "x", &photo)
            )
            .is_empty()
        );
        let big = [PhotoFacts {
            bytes: 1_000_001,
            extension: "png",
        }];
        assert_eq!(
            check(&ZALO.with_image_host(), &post("T", "x", &big)),
            vec![LimitViolation::PhotoTooLarge {
                index: 0,
                max: 1_000_000,
                actual: 1_000_001
            }]
        );
    }

    #[test]
    fn photo_sizes_formats_and_counts() {
        let photos: Vec<PhotoFacts<'_>> = (0..11)
            .map(|i| PhotoFacts {
                bytes: if i == 0 { 4_000_001 } else { 4_000_000 },
                extension: if i == 1 { "heic" } else { "jpeg" },
            })
            .collect();
        assert_eq!(
            check(&FACEBOOK, &post("", "x", &photos)),
            vec![
                LimitViolation::TooManyPhotos {
                    max: 10,
                    actual: 11
                },
                LimitViolation::PhotoTooLarge {
                    index: 0,
                    max: 4_000_000,
                    actual: 4_000_001
                },
                LimitViolation::PhotoFormat { index: 1 },
            ]
        );
        assert!(check(&FOLDER, &post("", "", &photos)).is_empty());
    }

    #[test]
    fn violations_have_messages_and_arguments() {
        let v = LimitViolation::PhotoTooLarge {
            index: 1,
            max: 1_000_000,
            actual: 2_097_152,
        };
        assert_eq!(v.message_id(), "channel-limit-photo-too-large");
        let a = v.args();
        assert_eq!(a["index"], "2");
        assert_eq!(a["max_mb"], "1.0");
        assert_eq!(a["actual_mb"], "2.1");
        assert_eq!(megabytes(0), "0.0");
        assert_eq!(megabytes(5_260_000), "5.3");
    }
}

/// Why a channel cannot take a post's video (checked before it is queued).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum VideoRefusal {
    /// The channel carries no video at all (a Zalo OA article).
    NotCarried,
    TooLarge {
        max: u64,
        actual: u64,
    },
    TooLong {
        max_ms: u64,
        actual_ms: u64,
    },
}

impl VideoRefusal {
    /// The stable code the messages select on.
    pub fn as_str(&self) -> &'static str {
        match self {
            VideoRefusal::NotCarried => "not_carried",
            VideoRefusal::TooLarge { .. } => "too_large",
            VideoRefusal::TooLong { .. } => "too_long",
        }
    }
}

/// What `limits` says of a video of `bytes` bytes lasting `duration_ms` (unknown: not checked).
pub fn check_video(limits: &Limits, bytes: u64, duration_ms: Option<u64>) -> Option<VideoRefusal> {
    if !limits.takes_video {
        return Some(VideoRefusal::NotCarried);
    }
    if let Some(max) = limits.max_video_bytes.filter(|m| bytes > *m) {
        return Some(VideoRefusal::TooLarge { max, actual: bytes });
    }
    match (limits.max_video_duration_ms, duration_ms) {
        (Some(max_ms), Some(actual_ms)) if actual_ms > max_ms => {
            Some(VideoRefusal::TooLong { max_ms, actual_ms })
        }
        _ => None,
    }
}

#[cfg(test)]
mod video_tests {
    use super::*;

    #[test]
    fn zalo_carries_no_video_and_facebook_has_a_ceiling() {
        assert_eq!(check_video(&ZALO, 1, None), Some(VideoRefusal::NotCarried));
        assert_eq!(check_video(&FACEBOOK, 20_000_000, Some(60_000)), None);
        assert_eq!(
            check_video(&FACEBOOK, 10_000_000_001, None),
            Some(VideoRefusal::TooLarge {
                max: 10_000_000_000,
                actual: 10_000_000_001
            })
        );
        assert!(matches!(
            check_video(&FACEBOOK, 1, Some(4 * 3600 * 1000 + 1)),
            Some(VideoRefusal::TooLong { .. })
        ));
        assert_eq!(check_video(&WORDPRESS, u64::MAX, Some(u64::MAX)), None);
        assert_eq!(check_video(&FOLDER, 5, None), None);
    }
}
