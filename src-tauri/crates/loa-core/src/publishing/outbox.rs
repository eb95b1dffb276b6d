//! The outbox: one row per (post, channel), and the officer's side of it.
//!
//! ```text
//!             ┌───────── cancel ─────────┐
//!  queue ──▶ queued ──▶ media_uploaded ──▶ publishing ──▶ published
//!             │  ▲            │  ▲            │   │
//!             │  └─ retry ────┘  └─ absent ───┘   ├──▶ unconfirmed ──(officer: retry after
//!             ▼                  (read-back)       │      confirming / mark published)
//!           failed ◀──────── invalid ──────────────┘
//! ```
//!
//! Every transition is one transaction ([`super::work`] has the worker's side). What is
//! published is what was queued: the title, text and photos are snapshots taken here, and the
//! photos are copied into `<profile>/outbox/files/` (content-addressed) so that preparing the
//! draft's photos again later cannot change or remove them.
//!
//! Queueing ([`Publishing::queue`]) is the one way into the outbox, and it is checked: a draft
//! whose photos are not prepared yet is prepared first with the channel's preset
//! (`ChannelKind::photo_preset`, sized so the channel accepts it) and the commune's watermark;
//! a photo that cannot be prepared refuses the queueing with the pipeline's message. The checks
//! run for the channel (the schedule window when the platform schedules) and a blocking finding
//! refuses unless the officer overrode it; then the platform's limits (`loa-platforms`) refuse,
//! as typed [`crate::LimitViolation`]s, what the platform would refuse. A post scheduled further
//! ahead than the platform's own scheduler takes waits in the outbox, photos included, until
//! `loa_platforms::publish_not_before`.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Utc};
use loa_platforms::{PhotoFacts, PostFacts};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Publishing;
use super::channels::{self, ChannelInfo, ChannelKind};
use crate::clock::{format_ts, parse_ts};
use crate::drafts::checks;
use crate::{DraftPhoto, LoaError, PrepareOptions, Result};

/// The folder of outbox photo snapshots inside a profile.
pub const OUTBOX_FILES_DIR: &str = "outbox/files";

/// Where an outbox item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OutboxState {
    /// Waiting; some photos are not uploaded yet.
    Queued,
    /// Every photo has its remote id; the post itself is next.
    MediaUploaded,
    /// The publish call started. Never retried blindly: the channel is read back first.
    Publishing,
    Published,
    /// Needs the officer: the platform refused the post (its message says why).
    Failed,
    /// Loa could not tell whether the post went out: the officer checks the page.
    Unconfirmed,
    Cancelled,
}

impl OutboxState {
    pub const ALL: [OutboxState; 7] = [
        OutboxState::Queued,
        OutboxState::MediaUploaded,
        OutboxState::Publishing,
        OutboxState::Published,
        OutboxState::Failed,
        OutboxState::Unconfirmed,
        OutboxState::Cancelled,
    ];

    /// The stable code stored in the database and printed by `loa queue list`.
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::MediaUploaded => "media_uploaded",
            OutboxState::Publishing => "publishing",
            OutboxState::Published => "published",
            OutboxState::Failed => "failed",
            OutboxState::Unconfirmed => "unconfirmed",
            OutboxState::Cancelled => "cancelled",
        }
    }

    /// The worker still has something to do.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            OutboxState::Queued | OutboxState::MediaUploaded | OutboxState::Publishing
        )
    }

    /// The officer must look at it.
    pub fn needs_officer(self) -> bool {
        matches!(self, OutboxState::Failed | OutboxState::Unconfirmed)
    }
}

impl fmt::Display for OutboxState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OutboxState {
    type Err = LoaError;

    fn from_str(s: &str) -> Result<Self> {
        OutboxState::ALL
            .into_iter()
            .find(|v| v.as_str() == s.trim())
            .ok_or_else(|| LoaError::InvalidValue {
                field: "state".to_owned(),
                value: s.to_owned(),
                allowed: OutboxState::ALL.map(OutboxState::as_str).join(", "),
            })
    }
}

/// The last thing that went wrong with an item: the platform's code and its own message, kept
/// verbatim for the officer and for support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OutboxError {
    pub code: String,
    pub message: String,
}

/// One photo of an outbox item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OutboxMedia {
    pub position: u32,
    /// The snapshot file that is uploaded.
    pub path: String,
    pub alt_text: String,
    pub size: u64,
    /// Set the moment the platform returns it: the photo is never uploaded again.
    pub remote_id: Option<String>,
    pub remote_url: Option<String>,
    pub uploaded_at: Option<String>,
}

/// The video of an outbox item (a post has photos or one video) and where its upload stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OutboxVideo {
    /// The snapshot file that is uploaded.
    pub path: String,
    pub size: u64,
    pub sha256: String,
    /// The compression preset it was prepared with.
    pub preset: String,
    /// Facebook's resumable upload session, once started.
    pub upload_session_id: Option<String>,
    /// The video the session creates (Facebook), for the read-back.
    pub video_id: Option<String>,
    pub session_started_at: Option<String>,
    /// The next chunk the platform asked for: `[start_offset, end_offset)`; `start_offset` is
    /// also the bytes the platform has.
    pub start_offset: u64,
    pub end_offset: Option<u64>,
    /// The chunk size the link last supported.
    pub chunk_bytes: Option<u64>,
    /// Every body byte put on the wire for this video, cut chunks included.
    pub bytes_sent: u64,
    /// Set once every byte is on the platform.
    pub remote_id: Option<String>,
    pub remote_url: Option<String>,
    pub uploaded_at: Option<String>,
}

impl OutboxVideo {
    /// Bytes the platform has confirmed.
    pub fn bytes_on_platform(&self) -> u64 {
        if self.remote_id.is_some() {
            self.size
        } else {
            self.start_offset.min(self.size)
        }
    }
}

/// A prepared video handed to [`Publishing::queue_with_video`] (the library's prepared file for
/// the draft: compressed, metadata stripped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostVideo {
    pub path: PathBuf,
    pub bytes: u64,
    /// Lower-case hex SHA-256 of the file; the snapshot is checked against it.
    pub sha256: String,
    pub preset: String,
    pub duration_ms: Option<u64>,
}

impl PostVideo {
    /// A ready video file queued as it is (`loa queue add --video`): measured and hashed here,
    /// streaming. Preset `original`: nothing was compressed.
    pub fn from_file(path: &Path) -> Result<PostVideo> {
        use std::io::Read;
        let read_err = |e| LoaError::ReadFile {
            path: path.to_path_buf(),
            source: e,
        };
        let mut file = std::fs::File::open(path).map_err(read_err)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 256 * 1024];
        let mut bytes = 0u64;
        loop {
            let n = file.read(&mut buf).map_err(read_err)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            bytes += n as u64;
        }
        if bytes == 0 {
            return Err(LoaError::FileEmpty {
                path: path.to_path_buf(),
            });
        }
        Ok(PostVideo {
            path: path.to_path_buf(),
            bytes,
            sha256: format!("{:x}", hasher.finalize()),
            preset: "original".to_owned(),
            duration_ms: None,
        })
    }
}

/// Where an upload stands after a chunk: what the worker commits for the item's video.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UploadProgress {
    pub upload_session_id: Option<String>,
    pub video_id: Option<String>,
    pub session_started_at: Option<DateTime<Utc>>,
    pub start_offset: u64,
    pub end_offset: Option<u64>,
    pub chunk_bytes: Option<u64>,
    /// Wire bytes since the last commit (added to the stored count).
    pub bytes_sent_delta: u64,
}

/// One post going to one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OutboxItem {
    pub id: i64,
    pub draft_id: i64,
    pub channel_id: i64,
    /// The channel's name.
    pub channel: String,
    pub channel_kind: ChannelKind,
    pub state: OutboxState,
    pub title: String,
    /// The text as queued (NFC).
    pub text: String,
    pub text_hash: String,
    pub slug: String,
    /// The time the officer asked for, if any (RFC 3339).
    pub scheduled_at: Option<String>,
    /// The platform's own scheduler takes it (Facebook, inside `ScheduleWindow::FACEBOOK`).
    pub platform_scheduled: bool,
    /// Publish and upload attempts that reached the platform (offline tries do not count).
    pub attempts: u32,
    pub readback_attempts: u32,
    /// Not before this time (backoff, a schedule, or the next read-back).
    pub next_attempt_at: Option<String>,
    pub publish_started_at: Option<String>,
    pub published_at: Option<String>,
    pub remote_id: Option<String>,
    /// The post on the platform; for an unconfirmed item, the page to check.
    pub remote_url: Option<String>,
    pub last_error: Option<OutboxError>,
    pub media: Vec<OutboxMedia>,
    /// The post's video instead of photos.
    pub video: Option<OutboxVideo>,
    /// Bytes of the photos (or of the video): the per-byte progress total.
    pub bytes_total: u64,
    pub created_at: String,
    pub updated_at: String,
}

impl OutboxItem {
    pub fn next_attempt(&self) -> Option<DateTime<Utc>> {
        self.next_attempt_at.as_deref().and_then(parse_ts)
    }

    pub fn scheduled(&self) -> Option<DateTime<Utc>> {
        self.scheduled_at.as_deref().and_then(parse_ts)
    }

    pub fn publish_started(&self) -> Option<DateTime<Utc>> {
        self.publish_started_at.as_deref().and_then(parse_ts)
    }

    /// Every photo (or the video) has its remote id.
    pub fn media_complete(&self) -> bool {
        self.media.iter().all(|m| m.remote_id.is_some())
            && self.video.as_ref().is_none_or(|v| v.remote_id.is_some())
    }

    /// Bytes the platform has confirmed and bytes to send, for an item with photos or a video;
    /// `None` for a text-only post.
    pub fn upload_bytes(&self) -> Option<(u64, u64)> {
        if let Some(v) = &self.video {
            return Some((v.bytes_on_platform(), v.size));
        }
        if self.media.is_empty() {
            return None;
        }
        let done = self
            .media
            .iter()
            .filter(|m| m.remote_id.is_some())
            .map(|m| m.size)
            .sum();
        Some((done, self.bytes_total))
    }
}

/// A slug that identifies the row on a website: the title folded to ASCII words (at most 50
/// bytes), the row id and the profile's random key. Row ids restart at 1 in a second or
/// reinstalled profile, and the same notice has the same text: only the key tells that profile's
/// post from another's, so a read-back never takes another profile's post for its own.
pub fn slug(title: &str, id: i64, profile_key: &str) -> String {
    let words = match loa_platforms::slugify(title, 50) {
        w if w.is_empty() => "bai-viet".to_owned(),
        w => w,
    };
    format!("{words}-{id}-{profile_key}")
}

/// Where the profile's read-back key is kept (`settings`).
const KEY_PROFILE_KEY: &str = "publishing.profile_key";

/// The profile's random read-back key: 10 lower-case hex digits, made on the first queueing
/// and kept with the profile (a backup restored elsewhere is the same profile).
fn profile_key(conn: &Connection) -> Result<String> {
    if let Some(key) = crate::settings::get(conn, KEY_PROFILE_KEY)?
        .filter(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        return Ok(key);
    }
    let key = format!("{:010x}", random_u64() & 0xff_ffff_ffff);
    crate::settings::put(conn, KEY_PROFILE_KEY, Some(&key))?;
    Ok(key)
}

/// 64 random bits without a dependency: std seeds each `RandomState` from the operating
/// system's random source.
fn random_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.finish()
}

/// Whether `kind`'s own scheduler takes a post due at `at`, seen from `now`.
pub fn platform_schedules(kind: ChannelKind, now: DateTime<Utc>, at: DateTime<Utc>) -> bool {
    kind.limits().schedule.is_some_and(|w| w.accepts(at, now))
}

/// How a post due at `at` (now when `None`) waits: whether the platform's own scheduler takes
/// it, and the moment Loa starts on it. A post the platform does not schedule itself waits here
/// until it is due (or until it enters the platform's window), photos included: an unpublished
/// upload may expire.
fn schedule_for(
    kind: ChannelKind,
    at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> (bool, Option<DateTime<Utc>>) {
    let platform_scheduled = at.is_some_and(|t| platform_schedules(kind, now, t));
    let not_before = Some(loa_platforms::publish_not_before(kind, at, now)).filter(|t| *t > now);
    (platform_scheduled, not_before)
}

/// Gives draft `draft_id`'s posts that have not gone to a platform yet (queued, photos
/// uploaded) a new time, decided as [`Publishing::queue`] decides it (the calendar moved the
/// occurrence they fill). Posts already handed to a platform keep theirs.
pub(crate) fn retime(
    conn: &Connection,
    now: DateTime<Utc>,
    draft_id: i64,
    at: Option<DateTime<Utc>>,
) -> Result<()> {
    let waiting = select(
        conn,
        "o.draft_id = ?1 AND o.state IN ('queued', 'media_uploaded')",
        &[&draft_id],
    )?;
    for item in waiting {
        let (platform_scheduled, not_before) = schedule_for(item.channel_kind, at, now);
        conn.execute(
            "UPDATE outbox SET scheduled_at = ?2, platform_scheduled = ?3, next_attempt_at = ?4,
                 updated_at = ?5
             WHERE id = ?1 AND state IN ('queued', 'media_uploaded')",
            params![
                item.id,
                at.map(format_ts),
                platform_scheduled,
                not_before.map(format_ts),
                format_ts(now)
            ],
        )?;
    }
    Ok(())
}

const ITEM_COLS: &str = "o.id, o.draft_id, o.channel_id, c.name, c.kind, o.state, o.title, o.text, \
     o.text_hash, o.slug, o.scheduled_at, o.platform_scheduled, o.attempts, o.readback_attempts, \
     o.next_attempt_at, o.publish_started_at, o.published_at, o.remote_id, o.remote_url, \
     o.last_error_code, o.last_error_message, o.created_at, o.updated_at";

fn parse_text<T: FromStr>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let s: String = row.get(idx)?;
    s.parse().map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unexpected value {s:?}").into(),
        )
    })
}

fn item_from_row(row: &Row<'_>) -> rusqlite::Result<OutboxItem> {
    let code: Option<String> = row.get(19)?;
    let message: Option<String> = row.get(20)?;
    let attempts: i64 = row.get(12)?;
    let readbacks: i64 = row.get(13)?;
    Ok(OutboxItem {
        id: row.get(0)?,
        draft_id: row.get(1)?,
        channel_id: row.get(2)?,
        channel: row.get(3)?,
        channel_kind: parse_text(row, 4)?,
        state: parse_text(row, 5)?,
        title: row.get(6)?,
        text: row.get(7)?,
        text_hash: row.get(8)?,
        slug: row.get(9)?,
        scheduled_at: row.get(10)?,
        platform_scheduled: row.get(11)?,
        attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
        readback_attempts: u32::try_from(readbacks).unwrap_or(u32::MAX),
        next_attempt_at: row.get(14)?,
        publish_started_at: row.get(15)?,
        published_at: row.get(16)?,
        remote_id: row.get(17)?,
        remote_url: row.get(18)?,
        // Masked again when read: a row stored before redaction existed is shown clean too.
        last_error: code.map(|code| OutboxError {
            code,
            message: loa_platforms::redact(&message.unwrap_or_default()),
        }),
        media: Vec::new(),
        video: None,
        bytes_total: 0,
        created_at: row.get(21)?,
        updated_at: row.get(22)?,
    })
}

fn media_of(conn: &Connection, id: i64) -> Result<Vec<OutboxMedia>> {
    let mut stmt = conn.prepare_cached(
        "SELECT position, path, alt_text, size, remote_id, remote_url, uploaded_at
         FROM outbox_media WHERE outbox_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([id], |r| {
        let position: i64 = r.get(0)?;
        let size: i64 = r.get(3)?;
        Ok(OutboxMedia {
            position: u32::try_from(position).unwrap_or(u32::MAX),
            path: r.get(1)?,
            alt_text: r.get(2)?,
            size: u64::try_from(size).unwrap_or(0),
            remote_id: r.get(4)?,
            remote_url: r.get(5)?,
            uploaded_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn video_of(conn: &Connection, id: i64) -> Result<Option<OutboxVideo>> {
    let mut stmt = conn.prepare_cached(
        "SELECT path, size, sha256, preset, upload_session_id, video_id, session_started_at,
                start_offset, end_offset, chunk_bytes, bytes_sent, remote_id, remote_url,
                uploaded_at
         FROM outbox_video WHERE outbox_id = ?1",
    )?;
    let to_u64 = |v: i64| u64::try_from(v).unwrap_or(0);
    Ok(stmt
        .query_row([id], |r| {
            Ok(OutboxVideo {
                path: r.get(0)?,
                size: to_u64(r.get(1)?),
                sha256: r.get(2)?,
                preset: r.get(3)?,
                upload_session_id: r.get(4)?,
                video_id: r.get(5)?,
                session_started_at: r.get(6)?,
                start_offset: to_u64(r.get(7)?),
                end_offset: r.get::<_, Option<i64>>(8)?.map(to_u64),
                chunk_bytes: r.get::<_, Option<i64>>(9)?.map(to_u64),
                bytes_sent: to_u64(r.get(10)?),
                remote_id: r.get(11)?,
                remote_url: r.get(12)?,
                uploaded_at: r.get(13)?,
            })
        })
        .optional()?)
}

fn with_media(conn: &Connection, mut item: OutboxItem) -> Result<OutboxItem> {
    item.media = media_of(conn, item.id)?;
    item.video = video_of(conn, item.id)?;
    item.bytes_total = match &item.video {
        Some(v) => v.size,
        None => item.media.iter().map(|m| m.size).sum(),
    };
    Ok(item)
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<OutboxItem> {
    let item = conn
        .query_row(
            &format!(
                "SELECT {ITEM_COLS} FROM outbox o JOIN channels c ON c.id = o.channel_id
                 WHERE o.id = ?1"
            ),
            [id],
            item_from_row,
        )
        .optional()?
        .ok_or(LoaError::OutboxItemNotFound { id })?;
    with_media(conn, item)
}

/// Items matching `filter` (an SQL condition on `o`), oldest first.
pub(crate) fn select(
    conn: &Connection,
    filter: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<OutboxItem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ITEM_COLS} FROM outbox o JOIN channels c ON c.id = o.channel_id
         WHERE {filter} ORDER BY o.id"
    ))?;
    let items = stmt
        .query_map(args, item_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    items.into_iter().map(|i| with_media(conn, i)).collect()
}

/// Whether a draft is live (not in the trash).
fn ensure_live_draft(conn: &Connection, id: i64) -> Result<()> {
    let deleted: Option<Option<String>> = conn
        .query_row("SELECT deleted_at FROM drafts WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    match deleted {
        None => Err(LoaError::DraftNotFound { id }),
        Some(Some(_)) => Err(LoaError::DraftInTrash { id }),
        Some(None) => Ok(()),
    }
}

/// Copies a prepared photo into the outbox's content-addressed folder (once per content) and
/// returns the copy and its size.
fn snapshot_file(profile: &Path, source: &Path) -> Result<(PathBuf, u64)> {
    let bytes = std::fs::read(source).map_err(|e| LoaError::ReadFile {
        path: source.to_path_buf(),
        source: e,
    })?;
    let sha = format!("{:x}", Sha256::digest(&bytes));
    let ext = source
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .filter(|e| !e.is_empty() && e.chars().all(|c| c.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "jpg".to_owned());
    let dir = profile.join(OUTBOX_FILES_DIR);
    let dest = dir.join(format!("{sha}.{ext}"));
    let store_err = |source| LoaError::MediaStore {
        path: dest.clone(),
        source,
    };
    if !dest.is_file() {
        std::fs::create_dir_all(&dir).map_err(store_err)?;
        let temp = crate::media::temp_name(&dest);
        std::fs::write(&temp, &bytes).map_err(store_err)?;
        std::fs::rename(&temp, &dest).map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            store_err(e)
        })?;
    }
    Ok((dest, bytes.len() as u64))
}

/// Copies a prepared video into the outbox's content-addressed folder (once per content),
/// streaming — a video can be far larger than memory should hold — and checks that the copy is
/// the file the library prepared (`sha256`).
fn snapshot_video(profile: &Path, video: &PostVideo) -> Result<(PathBuf, u64)> {
    use std::io::{Read, Write};
    let read_err = |e| LoaError::ReadFile {
        path: video.path.clone(),
        source: e,
    };
    let want = video.sha256.trim().to_ascii_lowercase();
    let ext = video
        .path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .filter(|e| !e.is_empty() && e.chars().all(|c| c.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "mp4".to_owned());
    let dir = profile.join(OUTBOX_FILES_DIR);
    let dest = dir.join(format!("{want}.{ext}"));
    let store_err = |source| LoaError::MediaStore {
        path: dest.clone(),
        source,
    };
    if dest.is_file() {
        let size = std::fs::metadata(&dest).map_err(store_err)?.len();
        return Ok((dest, size));
    }
    std::fs::create_dir_all(&dir).map_err(store_err)?;
    let temp = crate::media::temp_name(&dest);
    let copied = (|| -> Result<(String, u64)> {
        let mut src = std::fs::File::open(&video.path).map_err(read_err)?;
        let mut out = std::fs::File::create(&temp).map_err(store_err)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 256 * 1024];
        let mut total = 0u64;
        loop {
            let n = src.read(&mut buf).map_err(read_err)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n]).map_err(store_err)?;
            total += n as u64;
        }
        out.sync_all().map_err(store_err)?;
        Ok((format!("{:x}", hasher.finalize()), total))
    })();
    let (sha, size) = match copied {
        Ok(v) => v,
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            return Err(e);
        }
    };
    if sha != want || size == 0 {
        let _ = std::fs::remove_file(&temp);
        // The prepared file changed since the library measured it: prepare it again.
        return Err(LoaError::VideoRefused {
            channel: String::new(),
            reason: "changed".to_owned(),
            max: None,
        });
    }
    std::fs::rename(&temp, &dest).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        store_err(e)
    })?;
    Ok((dest, size))
}

fn prepared_file(p: &DraftPhoto) -> Option<PathBuf> {
    p.prepared_path
        .as_deref()
        .map(PathBuf::from)
        .filter(|path| path.is_file())
}

/// Brings the draft's status in line with its outbox rows: published once every row went out,
/// back to ready when nothing is queued any more.
pub(crate) fn settle_draft_status(
    conn: &Connection,
    now: DateTime<Utc>,
    draft_id: i64,
) -> Result<()> {
    let (active, published, total): (i64, i64, i64) = conn.query_row(
        "SELECT
             COALESCE(SUM(state NOT IN ('published', 'cancelled')), 0),
             COALESCE(SUM(state = 'published'), 0),
             COUNT(*)
         FROM outbox WHERE draft_id = ?1 AND state <> 'cancelled'",
        [draft_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let status = if total > 0 && active == 0 && published == total {
        Some("published")
    } else if total == 0 {
        Some("ready")
    } else {
        None
    };
    if let Some(status) = status {
        conn.execute(
            "UPDATE drafts SET status = ?2, updated_at = ?3
             WHERE id = ?1 AND deleted_at IS NULL AND status IN ('draft', 'ready', 'queued')
                   AND status <> ?2",
            params![draft_id, status, format_ts(now)],
        )?;
    }
    Ok(())
}

const SETTING_PAUSED: &str = "outbox.paused";

/// An officer's action on an outbox item, for the error that refuses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OutboxAction {
    Cancel,
    Retry,
    MarkPublished,
}

impl OutboxAction {
    /// The code the messages select on (`error-outbox-wrong-state`).
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxAction::Cancel => "cancel",
            OutboxAction::Retry => "retry",
            OutboxAction::MarkPublished => "mark-published",
        }
    }
}

fn prepare_error(bad: crate::PreparedPhoto) -> LoaError {
    let e = bad.error.unwrap_or(crate::IpcError {
        code: crate::ErrorCode::MediaProcess,
        message_id: crate::ErrorCode::MediaProcess.message_id().to_owned(),
        args: Default::default(),
        details: None,
    });
    LoaError::MediaProcess {
        media_id: bad.media_id,
        code: e
            .message_id
            .strip_prefix("media-error-")
            .unwrap_or("media_process")
            .to_owned(),
        message_id: e.message_id,
        args: e.args,
    }
}

impl Publishing<'_> {
    /// Queues draft `draft_id` for channel `channel_id`, at `at` if given: the one way into the
    /// outbox, checked as the module docs say. Refused when the draft is already queued or
    /// published there.
    pub fn queue(
        &self,
        draft_id: i64,
        channel_id: i64,
        at: Option<DateTime<Utc>>,
    ) -> Result<OutboxItem> {
        let video = self.prepared_video(draft_id)?;
        self.queue_with_video(draft_id, channel_id, at, video.as_ref())
    }

    /// The draft's video as it goes out: its compressed copy, which must match the draft's
    /// current video and preset. The estimate runs first so a preset the video cannot take
    /// (a Zalo video that cannot fit, a reel of the wrong length) is refused with its reason.
    fn prepared_video(&self, draft_id: i64) -> Result<Option<PostVideo>> {
        let videos = self.store.videos();
        if videos.of_draft(draft_id)?.is_none() {
            return Ok(None);
        }
        videos.estimate(draft_id)?;
        let prepared = videos
            .prepared_for_draft(draft_id)?
            .ok_or(LoaError::VideoNotPrepared { draft_id })?;
        Ok(Some(PostVideo {
            path: prepared.path,
            bytes: prepared.bytes,
            sha256: prepared.sha256,
            preset: prepared.preset,
            duration_ms: prepared.duration_ms,
        }))
    }

    /// [`Publishing::queue`] with the draft's prepared video (a post has photos or one video):
    /// refused before anything is written when the channel carries no video (a Zalo OA), when the
    /// video is over the platform's limits, or when the draft also has photos. The video is
    /// snapshotted into the outbox like photos.
    pub fn queue_with_video(
        &self,
        draft_id: i64,
        channel_id: i64,
        at: Option<DateTime<Utc>>,
        video: Option<&PostVideo>,
    ) -> Result<OutboxItem> {
        let store = self.store;
        let now = store.clock().now();
        let channel: ChannelInfo = self.channel(channel_id)?;
        let limits = match channel.image_host_channel_id {
            // A Zalo channel whose photos a website hosts.
            Some(host) => {
                self.channel(host)?;
                channel.kind.limits().with_image_host()
            }
            None => channel.kind.limits(),
        };
        store.read(|c| ensure_live_draft(c, draft_id))?;
        store.read(|c| refuse_if_queued(c, draft_id, &channel))?;
        let draft = store.drafts().get(draft_id)?;
        let media = store.media();
        let mut photos = media.of_draft(draft_id)?;
        let video_snapshot = match video {
            None => None,
            Some(v) => {
                let refuse = |reason: &str, max: Option<u64>| LoaError::VideoRefused {
                    channel: channel.name.clone(),
                    reason: reason.to_owned(),
                    max,
                };
                if !photos.is_empty() {
                    return Err(refuse("with_photos", None));
                }
                if let Some(r) = loa_platforms::check_video(&limits, v.bytes, v.duration_ms) {
                    let max = match r {
                        loa_platforms::VideoRefusal::NotCarried => None,
                        loa_platforms::VideoRefusal::TooLarge { max, .. } => Some(max / 1_000_000),
                        loa_platforms::VideoRefusal::TooLong { max_ms, .. } => {
                            Some(max_ms / 60_000)
                        }
                    };
                    return Err(refuse(r.as_str(), max));
                }
                let (path, size) = snapshot_video(store.dir(), v).map_err(|e| match e {
                    LoaError::VideoRefused { reason, max, .. } => LoaError::VideoRefused {
                        channel: channel.name.clone(),
                        reason,
                        max,
                    },
                    other => other,
                })?;
                Some((v.clone(), path, size))
            }
        };
        if limits.max_photos == Some(0) && !photos.is_empty() {
            return Err(LoaError::PhotosNeedImageHost {
                channel: channel.name,
            });
        }
        if photos.iter().any(|p| prepared_file(p).is_none()) {
            let prepare = PrepareOptions {
                preset: channel.kind.photo_preset(),
                use_watermark: true,
            };
            let results =
                media.prepare_draft_photos(draft_id, &prepare, |_| {}, &AtomicBool::new(false))?;
            if let Some(bad) = results.into_iter().find(|r| !r.ok) {
                return Err(prepare_error(bad));
            }
            photos = media.of_draft(draft_id)?;
        }
        let mut snapshots = Vec::with_capacity(photos.len());
        for p in &photos {
            let source = prepared_file(p).ok_or(LoaError::MediaNotFound { id: p.media.id })?;
            let (path, size) = snapshot_file(store.dir(), &source)?;
            snapshots.push((p.clone(), path, size));
        }
        let (platform_scheduled, not_before) = schedule_for(channel.kind, at, now);
        let inputs: Vec<loa_checks::PhotoInput<'_>> = snapshots
            .iter()
            .map(|(p, _, bytes)| loa_checks::PhotoInput {
                alt_text: &p.alt_text,
                bytes: *bytes,
                width: p.media.width,
                height: p.media.height,
            })
            .collect();
        // A post queued for one channel is held only to that channel's checks.
        let findings = store.read(|c| {
            checks::findings(
                c,
                now,
                &draft,
                &inputs,
                &[channel.kind],
                at.filter(|_| platform_scheduled),
            )
        })?;
        checks::refuse_blocking(draft_id, findings)?;
        let extensions: Vec<String> = snapshots
            .iter()
            .map(|(_, path, _)| {
                path.extension()
                    .map(|e| e.to_string_lossy().into_owned())
                    .unwrap_or_default()
            })
            .collect();
        let facts: Vec<PhotoFacts<'_>> = snapshots
            .iter()
            .zip(&extensions)
            .map(|((_, _, bytes), ext)| PhotoFacts {
                bytes: *bytes,
                extension: ext,
            })
            .collect();
        let violations = loa_platforms::check(
            &limits,
            &PostFacts {
                title: &draft.title,
                body: &draft.body,
                photos: &facts,
            },
        );
        if !violations.is_empty() {
            return Err(LoaError::ChannelLimits {
                channel: channel.name,
                violations,
            });
        }
        store.write(|tx, now| {
            ensure_live_draft(tx, draft_id)?;
            refuse_if_queued(tx, draft_id, &channel)?;
            let hash = loa_platforms::text_hash(&draft.body);
            tx.execute(
                "INSERT INTO outbox (draft_id, channel_id, state, title, text, text_hash, slug,
                     scheduled_at, platform_scheduled, next_attempt_at, created_at, updated_at)
                 VALUES (?1, ?2, 'queued', ?3, ?4, ?5, '', ?6, ?7, ?8, ?9, ?9)",
                params![
                    draft_id,
                    channel_id,
                    draft.title,
                    draft.body,
                    hash,
                    at.map(format_ts),
                    platform_scheduled,
                    not_before.map(format_ts),
                    format_ts(now)
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "UPDATE outbox SET slug = ?2 WHERE id = ?1",
                params![id, slug(&draft.title, id, &profile_key(tx)?)],
            )?;
            if let Some((v, path, size)) = &video_snapshot {
                tx.execute(
                    "INSERT INTO outbox_video (outbox_id, path, size, sha256, preset)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![
                        id,
                        path.display().to_string(),
                        *size as i64,
                        v.sha256.trim().to_ascii_lowercase(),
                        v.preset
                    ],
                )?;
            }
            for (position, (photo, path, size)) in snapshots.iter().enumerate() {
                tx.execute(
                    "INSERT INTO outbox_media (outbox_id, position, path, alt_text, size)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![
                        id,
                        position as i64,
                        path.display().to_string(),
                        photo.alt_text,
                        *size as i64
                    ],
                )?;
            }
            tx.execute(
                "UPDATE drafts SET status = 'queued', updated_at = ?2
                 WHERE id = ?1 AND status IN ('draft', 'ready')",
                params![draft_id, format_ts(now)],
            )?;
            get(tx, id)
        })
    }

    /// Every outbox item, oldest first.
    pub fn outbox(&self) -> Result<Vec<OutboxItem>> {
        let items = self.store.read(|c| select(c, "1 = 1", &[]))?;
        Ok(self.settled(items))
    }

    pub fn outbox_item(&self, id: i64) -> Result<OutboxItem> {
        let item = self.store.read(|c| get(c, id))?;
        Ok(self.settled(vec![item]).remove(0))
    }

    /// The items of one draft (the editor's "queued for…" line).
    pub fn outbox_for_draft(&self, draft_id: i64) -> Result<Vec<OutboxItem>> {
        let items = self
            .store
            .read(|c| select(c, "o.draft_id = ?1", &[&draft_id]))?;
        Ok(self.settled(items))
    }

    /// Items as shown: a wait stored by a clock that ran ahead counts as now
    /// ([`super::ahead`]).
    fn settled(&self, mut items: Vec<OutboxItem>) -> Vec<OutboxItem> {
        let now = self.store.clock().now();
        for item in &mut items {
            super::ahead::settle_item(item, now);
        }
        items
    }

    /// Cancels an item that has not started publishing (queued, photos uploaded, or failed).
    /// Never mid-publish: a publishing item may already be on the page.
    pub fn cancel(&self, id: i64) -> Result<OutboxItem> {
        self.store.write(|tx, now| {
            let item = get(tx, id)?;
            if !matches!(
                item.state,
                OutboxState::Queued | OutboxState::MediaUploaded | OutboxState::Failed
            ) {
                return Err(wrong_state(&item, OutboxAction::Cancel));
            }
            tx.execute(
                "UPDATE outbox SET state = 'cancelled', next_attempt_at = NULL, updated_at = ?3
                 WHERE id = ?1 AND state = ?2",
                params![id, item.state.as_str(), format_ts(now)],
            )?;
            settle_draft_status(tx, now, item.draft_id)?;
            get(tx, id)
        })
    }

    /// Sends a failed item back to the queue; an unconfirmed one only once the officer has
    /// checked the page and confirms the post is NOT there (`confirmed_not_published`); an item
    /// waiting out the pause after a failed try is tried again now.
    pub fn retry(&self, id: i64, confirmed_not_published: bool) -> Result<OutboxItem> {
        self.store.write(|tx, now| {
            let item = get(tx, id)?;
            match item.state {
                // Waiting out a pause after a failed try: "Thử lại ngay" ends the pause; the
                // worker's usual rules (link, spacing, read-back) still decide when it goes.
                OutboxState::Queued | OutboxState::MediaUploaded
                    if item.attempts > 0 && item.next_attempt_at.is_some() =>
                {
                    tx.execute(
                        "UPDATE outbox SET next_attempt_at = NULL, updated_at = ?2
                         WHERE id = ?1",
                        params![id, format_ts(now)],
                    )?;
                    return get(tx, id);
                }
                OutboxState::Failed => {}
                OutboxState::Unconfirmed if confirmed_not_published => {}
                OutboxState::Unconfirmed => return Err(LoaError::ConfirmNotPublished { id }),
                _ => return Err(wrong_state(&item, OutboxAction::Retry)),
            }
            let to = if item.media_complete() {
                OutboxState::MediaUploaded
            } else {
                OutboxState::Queued
            };
            tx.execute(
                "UPDATE outbox SET state = ?3, attempts = 0, readback_attempts = 0,
                     next_attempt_at = NULL, remote_url = NULL, last_error_code = NULL,
                     last_error_message = NULL, updated_at = ?4
                 WHERE id = ?1 AND state = ?2",
                params![id, item.state.as_str(), to.as_str(), format_ts(now)],
            )?;
            tx.execute(
                "UPDATE drafts SET status = 'queued', updated_at = ?2
                 WHERE id = ?1 AND deleted_at IS NULL AND status IN ('draft', 'ready')",
                params![item.draft_id, format_ts(now)],
            )?;
            get(tx, id)
        })
    }

    /// The officer found the post on the page (an unconfirmed item, or one that failed but went
    /// out after all): records it as published with the link they give.
    pub fn mark_published(&self, id: i64, url: &str) -> Result<OutboxItem> {
        self.store.write(|tx, now| {
            let item = get(tx, id)?;
            if !item.state.needs_officer() {
                return Err(wrong_state(&item, OutboxAction::MarkPublished));
            }
            let url = url.trim();
            tx.execute(
                "UPDATE outbox SET state = 'published', remote_url = ?3, published_at = ?4,
                     next_attempt_at = NULL, updated_at = ?4
                 WHERE id = ?1 AND state = ?2",
                params![
                    id,
                    item.state.as_str(),
                    (!url.is_empty()).then_some(url),
                    format_ts(now)
                ],
            )?;
            settle_draft_status(tx, now, item.draft_id)?;
            get(tx, id)
        })
    }

    /// Pauses or resumes all publishing (the officer's "pause" button).
    pub fn set_paused(&self, paused: bool) -> Result<()> {
        self.store.write(|tx, _| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![SETTING_PAUSED, if paused { "1" } else { "0" }],
            )?;
            Ok(())
        })
    }

    pub fn paused(&self) -> Result<bool> {
        self.store.read(|c| {
            let v: Option<String> = c
                .query_row(
                    "SELECT value FROM settings WHERE key = ?1",
                    [SETTING_PAUSED],
                    |r| r.get(0),
                )
                .optional()?;
            Ok(v.as_deref() == Some("1"))
        })
    }
}

fn refuse_if_queued(conn: &Connection, draft_id: i64, channel: &ChannelInfo) -> Result<()> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM outbox
                        WHERE draft_id = ?1 AND channel_id = ?2 AND state <> 'cancelled')",
        params![draft_id, channel.id],
        |r| r.get(0),
    )?;
    if exists {
        Err(LoaError::AlreadyQueued {
            draft_id,
            channel: channel.name.clone(),
        })
    } else {
        Ok(())
    }
}

fn wrong_state(item: &OutboxItem, action: OutboxAction) -> LoaError {
    LoaError::OutboxWrongState {
        id: item.id,
        state: item.state,
        action,
    }
}

/// The page to check for an item of `channel` (used as the link of an unconfirmed item).
pub(crate) fn page_of(channel: &ChannelInfo) -> String {
    channels::page_url(channel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_round_trip() {
        for s in OutboxState::ALL {
            assert_eq!(s.as_str().parse::<OutboxState>().expect("parse"), s);
        }
        assert!("sent".parse::<OutboxState>().is_err());
    }

    #[test]
    fn slugs_are_ascii_and_carry_the_row() {
        let s = slug("Cảnh báo lũ quét ở bản Nà Khương", 42, "0123456789");
        assert_eq!(s, "canh-bao-lu-quet-o-ban-na-khuong-42-0123456789");
        assert_eq!(slug("", 7, "abcdef0123"), "bai-viet-7-abcdef0123");
        let long = slug(&"Đường ".repeat(40), 1, "ffffffffff");
        assert!(long.len() <= 50 + 1 + 1 + 1 + 10, "{long}");
    }

    #[test]
    fn only_facebook_schedules_and_only_inside_its_window() {
        let now = parse_ts("2025-07-29T00:00:00.000Z").expect("ts");
        let w = loa_platforms::ScheduleWindow::FACEBOOK;
        let fb = ChannelKind::Facebook;
        let secs = chrono::Duration::seconds;
        assert!(!platform_schedules(fb, now, now + secs(w.min_secs - 1)));
        assert!(platform_schedules(fb, now, now + secs(w.min_secs)));
        assert!(platform_schedules(fb, now, now + secs(w.max_secs)));
        assert!(!platform_schedules(fb, now, now + secs(w.max_secs + 1)));
        assert!(!platform_schedules(
            ChannelKind::Zalo,
            now,
            now + secs(w.min_secs)
        ));
    }
}
