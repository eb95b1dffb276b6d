//! The folder / USB channel: for communes whose posts are carried to a place with a connection.
//!
//! Each post becomes `<root>/<yyyy-mm-dd>-<outbox_id>-<slug of the title>/` holding `post.txt`
//! (NFC UTF-8), the photos `01-….jpg`, `02-….jpg` … in order (or the post's video,
//! `video.mp4`), and `manifest.json` (text hash,
//! each photo's SHA-256 and order, scheduled and creation times). The folder is written under
//! a temporary name and renamed when complete, so a kill or a pulled USB stick never leaves a
//! folder that looks finished; the manifest is the last file written and the proof.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::text::{nfc, slugify};
use crate::{
    Channel, ChannelConfig, ChannelError, ChannelKind, ErrorClass, PostContent, Progress,
    RemoteMedia, RemotePost,
};

const MANIFEST: &str = "manifest.json";
const TEXT_FILE: &str = "post.txt";
const FORMAT: &str = "loa-post/1";
const TEMP_PREFIX: &str = ".loa-partial-";

/// What `manifest.json` records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub outbox_id: i64,
    pub title: String,
    pub text_file: String,
    pub text_hash: String,
    pub photos: Vec<ManifestPhoto>,
    /// The post's video, when it has one instead of photos.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video: Option<ManifestPhoto>,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// Written last: a manifest without it is not a finished post.
    pub complete: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestPhoto {
    /// 1-based position in the post.
    pub order: usize,
    pub file: String,
    pub sha256: String,
    pub bytes: u64,
    pub alt_text: String,
}

/// A folder (often on a USB stick).
#[derive(Debug)]
pub struct FolderChannel {
    root: Option<PathBuf>,
}

impl FolderChannel {
    pub fn new(config: ChannelConfig) -> FolderChannel {
        FolderChannel {
            root: config.folder,
        }
    }

    fn root(&self) -> Result<&Path, ChannelError> {
        let root = self.root.as_deref().ok_or_else(|| {
            err(
                ErrorClass::Auth,
                "no-folder",
                "no folder is configured for this channel".into(),
            )
        })?;
        if !root.is_dir() {
            // An unplugged USB stick: wait for it like for a network.
            return Err(err(
                ErrorClass::Offline,
                "folder-missing",
                format!(
                    "{} is not there (is the USB stick plugged in?)",
                    root.display()
                ),
            ));
        }
        Ok(root)
    }

    /// The finished folder of an outbox row, if any.
    fn find(
        &self,
        root: &Path,
        post: &PostContent,
    ) -> Result<Option<(PathBuf, Manifest)>, ChannelError> {
        let entries = fs::read_dir(root).map_err(|e| io_err(&e, "read the folder"))?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name_outbox_id(&name) != Some(post.outbox_id) {
                continue;
            }
            let dir = entry.path();
            let Some(manifest) = read_manifest(&dir) else {
                continue;
            };
            if manifest.complete
                && manifest.text_hash == post.text_hash()
                && photos_present(&dir, &manifest)
            {
                return Ok(Some((dir, manifest)));
            }
        }
        Ok(None)
    }

    fn write(
        &self,
        root: &Path,
        post: &PostContent,
        progress: Progress<'_>,
    ) -> Result<PathBuf, ChannelError> {
        let date = Local::now().format("%Y-%m-%d");
        let slug = match slugify(&post.title, 60) {
            s if s.is_empty() => "bai-dang".to_owned(),
            s => s,
        };
        let final_dir = root.join(format!("{date}-{}-{slug}", post.outbox_id));
        let temp = root.join(format!("{TEMP_PREFIX}{}", post.outbox_id));
        if temp.exists() {
            // Left by a kill mid-write: never finished, never visible as a post.
            fs::remove_dir_all(&temp).map_err(|e| io_err(&e, "remove an unfinished folder"))?;
        }
        fs::create_dir(&temp).map_err(|e| io_err(&e, "create the folder"))?;

        // The same text a Facebook post carries: title line, blank line, body.
        let text = format!(
            "{}\n",
            loa_platforms::compose::titled_text(&post.title, &post.text)
        );
        write_synced(&temp.join(TEXT_FILE), text.as_bytes())?;

        let mut done: u64 = 0;
        let mut photos = Vec::new();
        for (i, photo) in post.photos.iter().enumerate() {
            let ext = photo
                .path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_else(|| "jpg".into());
            let stem = photo
                .path
                .file_stem()
                .map(|s| slugify(&s.to_string_lossy(), 40))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "anh".into());
            let file = format!("{:02}-{stem}.{ext}", i + 1);
            let (sha256, bytes) =
                copy_hashed(&photo.path, &temp.join(&file), &mut |n| progress(done + n))?;
            done += bytes;
            photos.push(ManifestPhoto {
                order: i + 1,
                file,
                sha256,
                bytes,
                alt_text: nfc(&photo.alt_text),
            });
        }

        let video = match &post.video {
            Some(v) => {
                let ext = v
                    .path
                    .extension()
                    .map(|e| e.to_string_lossy().to_ascii_lowercase())
                    .unwrap_or_else(|| "mp4".into());
                let file = format!("video.{ext}");
                let (sha256, bytes) =
                    copy_hashed(&v.path, &temp.join(&file), &mut |n| progress(done + n))?;
                Some(ManifestPhoto {
                    order: 1,
                    file,
                    sha256,
                    bytes,
                    alt_text: String::new(),
                })
            }
            None => None,
        };
        let manifest = Manifest {
            format: FORMAT.into(),
            outbox_id: post.outbox_id,
            title: loa_platforms::compose::title(&post.title),
            text_file: TEXT_FILE.into(),
            text_hash: post.text_hash(),
            photos,
            video,
            scheduled_at: post.scheduled_at,
            created_at: Utc::now(),
            complete: true,
        };
        let json = serde_json::to_vec_pretty(&manifest)
            .map_err(|e| err(ErrorClass::Transient, "manifest", e.to_string()))?;
        write_synced(&temp.join(MANIFEST), &json)?;
        sync_dir(&temp);

        if final_dir.exists() {
            // Same day, same row, but not a finished post of this text (checked before): an
            // older unfinished copy by another name scheme, or edited text. Replace it.
            fs::remove_dir_all(&final_dir).map_err(|e| io_err(&e, "replace an older folder"))?;
        }
        fs::rename(&temp, &final_dir).map_err(|e| io_err(&e, "finish the folder"))?;
        sync_dir(root);
        Ok(final_dir)
    }
}

fn err(class: ErrorClass, code: &str, message: String) -> ChannelError {
    ChannelError {
        class,
        kind: ChannelKind::Folder,
        code: code.into(),
        message,
    }
}

fn io_err(e: &io::Error, doing: &str) -> ChannelError {
    use io::ErrorKind as K;
    let (class, code) = match e.kind() {
        // The stick was pulled out mid-write.
        K::NotFound => (ErrorClass::Offline, "folder-missing"),
        // Read-only stick, no permission, full disk: the officer must act; every post would fail.
        K::PermissionDenied | K::ReadOnlyFilesystem => (ErrorClass::Auth, "not-writable"),
        K::StorageFull | K::QuotaExceeded => (ErrorClass::Auth, "disk-full"),
        _ => (ErrorClass::Transient, "io"),
    };
    err(class, code, format!("could not {doing}: {e}"))
}

/// `2025-07-29-42-thong-bao` → 42.
fn name_outbox_id(name: &str) -> Option<i64> {
    let rest = name.get(11..)?;
    let date = name.get(..10)?;
    if !date.bytes().all(|b| b.is_ascii_digit() || b == b'-')
        || name.as_bytes().get(10) != Some(&b'-')
    {
        return None;
    }
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = rest.get(digits.len()..)?;
    if !(after.is_empty() || after.starts_with('-')) {
        return None;
    }
    digits.parse().ok()
}

/// The manifest of a post folder, if it is complete and readable.
pub fn read_manifest(dir: &Path) -> Option<Manifest> {
    let bytes = fs::read(dir.join(MANIFEST)).ok()?;
    let manifest: Manifest = serde_json::from_slice(&bytes).ok()?;
    (manifest.format == FORMAT && manifest.complete).then_some(manifest)
}

fn photos_present(dir: &Path, manifest: &Manifest) -> bool {
    dir.join(&manifest.text_file).is_file()
        && manifest
            .photos
            .iter()
            .chain(&manifest.video)
            .all(|p| fs::metadata(dir.join(&p.file)).is_ok_and(|m| m.len() == p.bytes))
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), ChannelError> {
    let mut f = File::create(path).map_err(|e| io_err(&e, "write a file"))?;
    f.write_all(bytes).map_err(|e| io_err(&e, "write a file"))?;
    f.sync_all().map_err(|e| io_err(&e, "write a file"))
}

/// Copies a photo while hashing it: one pass, one buffer, never the whole photo in memory.
fn copy_hashed(
    from: &Path,
    to: &Path,
    progress: &mut dyn FnMut(u64),
) -> Result<(String, u64), ChannelError> {
    let mut src = File::open(from).map_err(|e| {
        err(
            ErrorClass::Invalid,
            "photo-missing",
            format!("cannot read the photo {}: {e}", from.display()),
        )
    })?;
    let mut dst = File::create(to).map_err(|e| io_err(&e, "copy a photo"))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = src.read(&mut buf).map_err(|e| io_err(&e, "read a photo"))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        dst.write_all(&buf[..n])
            .map_err(|e| io_err(&e, "copy a photo"))?;
        total += n as u64;
        progress(total);
    }
    dst.sync_all().map_err(|e| io_err(&e, "copy a photo"))?;
    let digest = hasher.finalize();
    Ok((digest.iter().map(|b| format!("{b:02x}")).collect(), total))
}

/// Makes a rename durable on file systems that need the directory synced (best effort: not
/// every platform can open a directory for syncing).
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

impl Channel for FolderChannel {
    fn kind(&self) -> ChannelKind {
        ChannelKind::Folder
    }

    fn verify(&mut self) -> Result<String, ChannelError> {
        let root = self.root()?.to_path_buf();
        let probe = root.join(format!("{TEMP_PREFIX}check-{}", std::process::id()));
        write_synced(&probe, b"loa")?;
        fs::remove_file(&probe).map_err(|e| io_err(&e, "clean up the check file"))?;
        Ok(root.display().to_string())
    }

    fn probe(&mut self) -> Result<(), ChannelError> {
        self.root().map(|_| ())
    }

    fn publishes_photos_inline(&self, _post: &PostContent) -> bool {
        true
    }

    fn upload_media(
        &mut self,
        _post: &PostContent,
        index: usize,
        _progress: Progress<'_>,
    ) -> Result<RemoteMedia, ChannelError> {
        Err(err(
            ErrorClass::Invalid,
            "inline-only",
            format!(
                "the folder channel copies photo {} when it writes the post",
                index + 1
            ),
        ))
    }

    fn publish(
        &mut self,
        post: &PostContent,
        _media: &[RemoteMedia],
        progress: Progress<'_>,
    ) -> Result<RemotePost, ChannelError> {
        let root = self.root()?.to_path_buf();
        // Writing twice is harmless but pointless: a finished folder for this row and text is
        // the post.
        let dir = match self.find(&root, post)? {
            Some((dir, _)) => dir,
            None => self.write(&root, post, progress)?,
        };
        Ok(RemotePost {
            id: dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            url: Some(dir.display().to_string()),
        })
    }

    fn find_published(
        &mut self,
        post: &PostContent,
        _since: DateTime<Utc>,
    ) -> Result<Option<RemotePost>, ChannelError> {
        let root = self.root()?.to_path_buf();
        Ok(self.find(&root, post)?.map(|(dir, _)| RemotePost {
            id: dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            url: Some(dir.display().to_string()),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_give_back_the_outbox_id() {
        assert_eq!(name_outbox_id("2025-07-29-42-thong-bao"), Some(42));
        assert_eq!(name_outbox_id("2025-07-29-42"), Some(42));
        assert_eq!(name_outbox_id("2025-07-29-421-x"), Some(421));
        assert_eq!(name_outbox_id(".loa-partial-42"), None);
        assert_eq!(name_outbox_id("2025-07-29-4x2"), None);
        assert_eq!(name_outbox_id("notes"), None);
    }
}
