//! "Chia sẻ vào nhóm Zalo": village Zalo groups have no API, so Loa puts a post's prepared photos
//! in a plain folder, numbered in the draft's order, for the officer to drag into the group next
//! to the text Loa copied. The folder is named by the day and the post's title so a second share
//! of the same post replaces its photos instead of piling up copies.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::PreparedPhoto;
use crate::{LoaError, Result};

/// The longest folder name taken from a title: paths on Windows stay well under 260 characters.
const MAX_NAME_CHARS: usize = 60;

/// `<root>/<yyyy-mm-dd> <title>`; a title that leaves nothing usable gives just the day.
pub fn share_folder(root: &Path, day: NaiveDate, title: &str) -> PathBuf {
    let name: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' || c == '-' {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_NAME_CHARS)
        .collect::<String>()
        .trim()
        .to_owned();
    let day = day.format("%Y-%m-%d").to_string();
    root.join(if name.is_empty() {
        day
    } else {
        format!("{day} {name}")
    })
}

/// Copies the photos that were prepared (`ok`) into `folder` as `01.jpg`, `02.jpg`… in the
/// draft's order, after emptying what an earlier share left there. Returns the files written.
pub fn copy_prepared(photos: &[PreparedPhoto], folder: &Path) -> Result<Vec<PathBuf>> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| LoaError::MediaStore { path, source }
    };
    if folder.exists() {
        for entry in std::fs::read_dir(folder).map_err(io(folder))? {
            let path = entry.map_err(io(folder))?.path();
            // Only what a share writes: the officer may have put other files there.
            let ours = path
                .file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s.len() == 2 && s.chars().all(|c| c.is_ascii_digit()));
            if ours && path.is_file() {
                std::fs::remove_file(&path).map_err(io(&path))?;
            }
        }
    }
    std::fs::create_dir_all(folder).map_err(io(folder))?;
    let mut ordered: Vec<&PreparedPhoto> = photos.iter().filter(|p| p.ok).collect();
    ordered.sort_by_key(|p| p.position);
    let mut written = Vec::with_capacity(ordered.len());
    for (i, photo) in ordered.iter().enumerate() {
        let Some(src) = photo.path.as_deref().map(Path::new) else {
            continue;
        };
        let ext = src.extension().and_then(|e| e.to_str()).unwrap_or("jpg");
        let dest = folder.join(format!("{:02}.{ext}", i + 1));
        std::fs::copy(src, &dest).map_err(io(&dest))?;
        written.push(dest);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(position: u32, path: Option<&Path>, ok: bool) -> PreparedPhoto {
        PreparedPhoto {
            media_id: i64::from(position) + 1,
            position,
            ok,
            path: path.map(|p| p.display().to_string()),
            width: 1,
            height: 1,
            bytes_out: 1,
            error: None,
        }
    }

    #[test]
    fn folder_is_named_by_day_and_title_without_path_characters() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).expect("a day");
        let root = Path::new("/r");
        assert_eq!(
            share_folder(root, day, "Cảnh báo: lũ quét / sạt lở?"),
            root.join("2026-12-07 Cảnh báo lũ quét sạt lở")
        );
        assert_eq!(share_folder(root, day, " ../ "), root.join("2026-12-07"));
        let long = "Thông báo ".repeat(20);
        let name = share_folder(root, day, &long);
        let file = name.file_name().and_then(|n| n.to_str()).expect("a name");
        assert!(file.chars().count() <= 11 + MAX_NAME_CHARS, "{file}");
    }

    #[test]
    fn copies_ok_photos_in_the_drafts_order_and_replaces_an_earlier_share() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = dir.path().join("a.jpg");
        let b = dir.path().join("b.jpg");
        std::fs::write(&a, b"first").expect("write a");
        std::fs::write(&b, b"second").expect("write b");
        let folder = dir.path().join("share");
        std::fs::create_dir_all(&folder).expect("folder");
        std::fs::write(folder.join("03.jpg"), b"old").expect("an earlier share");
        std::fs::write(folder.join("ghi chú.txt"), b"mine").expect("the officer's file");

        let written = copy_prepared(
            &[
                photo(1, Some(&a), true),
                photo(0, Some(&b), true),
                photo(2, None, false),
            ],
            &folder,
        )
        .expect("copied");
        assert_eq!(written, vec![folder.join("01.jpg"), folder.join("02.jpg")]);
        assert_eq!(std::fs::read(folder.join("01.jpg")).expect("01"), b"second");
        assert_eq!(std::fs::read(folder.join("02.jpg")).expect("02"), b"first");
        assert!(
            !folder.join("03.jpg").exists(),
            "the earlier share's extra photo is gone"
        );
        assert!(
            folder.join("ghi chú.txt").exists(),
            "the officer's own file is kept"
        );
    }
}
