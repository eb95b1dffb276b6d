use chrono::Utc;
use sha2::{Digest, Sha256};

use super::{config, no_progress, post};
use crate::folder::{FolderChannel, read_manifest};
use crate::{Channel, ChannelKind, ErrorClass};

fn folder(root: &std::path::Path) -> FolderChannel {
    let mut c = config(ChannelKind::Folder, "");
    c.folder = Some(root.to_path_buf());
    FolderChannel::new(c)
}

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn entries(root: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_post_becomes_one_complete_folder() {
    let photos = tempfile::tempdir().expect("photos");
    let root = tempfile::tempdir().expect("root");
    let mut p = post(photos.path(), 3, 100_000);
    p.scheduled_at = Some(Utc::now() + chrono::Duration::days(2));
    let mut f = folder(root.path());
    assert!(f.publishes_photos_inline(&p));
    let mut seen = Vec::new();
    let mut progress = |n: u64| seen.push(n);
    let published = f.publish(&p, &[], &mut progress).expect("publish");

    let names = entries(root.path());
    assert_eq!(names.len(), 1, "{names:?}");
    let name = &names[0];
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    assert_eq!(name, &format!("{today}-42-thong-bao-lich-tiem-chung"));
    assert_eq!(published.id, *name);
    let dir = root.path().join(name);
    assert_eq!(
        entries(&dir),
        [
            "01-anh-1.jpg",
            "02-anh-2.jpg",
            "03-anh-3.jpg",
            "manifest.json",
            "post.txt"
        ]
    );
    let text = std::fs::read_to_string(dir.join("post.txt")).expect("post.txt");
    assert_eq!(text, format!("{}\n\n{}\n", p.title, p.text));

    let manifest = read_manifest(&dir).expect("complete manifest");
    assert_eq!(manifest.outbox_id, 42);
    assert_eq!(manifest.text_hash, p.text_hash());
    assert_eq!(manifest.scheduled_at, p.scheduled_at);
    for (i, photo) in manifest.photos.iter().enumerate() {
        assert_eq!(photo.order, i + 1);
        let original = std::fs::read(&p.photos[i].path).expect("original");
        assert_eq!(photo.sha256, sha(&original));
        assert_eq!(
            std::fs::read(dir.join(&photo.file)).expect("copy"),
            original
        );
        assert_eq!(photo.alt_text, format!("Ảnh {}", i + 1));
    }
    // Progress counts every photo byte, across photos.
    assert_eq!(seen.last().copied(), Some(300_000));
    assert!(seen.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn publishing_again_and_reading_back_find_the_same_folder() {
    let photos = tempfile::tempdir().expect("photos");
    let root = tempfile::tempdir().expect("root");
    let p = post(photos.path(), 1, 10);
    let mut f = folder(root.path());
    assert_eq!(f.find_published(&p, Utc::now()).expect("read back"), None);
    let mut progress = no_progress();
    let first = f.publish(&p, &[], &mut progress).expect("publish");
    let again = f.publish(&p, &[], &mut progress).expect("publish again");
    assert_eq!(first, again);
    assert_eq!(entries(root.path()).len(), 1);
    assert_eq!(
        f.find_published(&p, Utc::now()).expect("read back"),
        Some(first)
    );
}

#[test]
fn a_half_written_folder_never_counts_as_published() {
    let photos = tempfile::tempdir().expect("photos");
    let root = tempfile::tempdir().expect("root");
    let p = post(photos.path(), 2, 10);
    // What a kill mid-write leaves: the temporary folder with one photo.
    let partial = root.path().join(".loa-partial-42");
    std::fs::create_dir(&partial).expect("partial");
    std::fs::write(partial.join("01-anh-1.jpg"), b"half").expect("half photo");
    // And a folder with the right name whose manifest is not finished.
    let unfinished = root.path().join("2025-07-29-42-thong-bao");
    std::fs::create_dir(&unfinished).expect("unfinished");
    let mut manifest = serde_json::json!({"format":"loa-post/1","outbox_id":42,"title":"t","text_file":"post.txt",
        "text_hash": p.text_hash(),"photos":[],"scheduled_at":null,"created_at":"2025-07-29T00:00:00Z","complete":false});
    std::fs::write(unfinished.join("manifest.json"), manifest.to_string()).expect("manifest");
    std::fs::write(unfinished.join("post.txt"), "t").expect("text");

    let mut f = folder(root.path());
    assert_eq!(f.find_published(&p, Utc::now()).expect("read back"), None);
    // A finished manifest whose photo is missing is not a post either.
    manifest["complete"] = true.into();
    manifest["photos"] =
        serde_json::json!([{"order":1,"file":"01-x.jpg","sha256":"00","bytes":5,"alt_text":""}]);
    std::fs::write(unfinished.join("manifest.json"), manifest.to_string()).expect("manifest");
    assert_eq!(f.find_published(&p, Utc::now()).expect("read back"), None);

    let mut progress = no_progress();
    f.publish(&p, &[], &mut progress).expect("publish");
    assert!(!partial.exists(), "the leftover is cleaned up");
    assert!(
        f.find_published(&p, Utc::now())
            .expect("read back")
            .is_some()
    );
}

#[test]
fn an_unplugged_stick_is_offline_and_a_missing_photo_is_invalid() {
    let photos = tempfile::tempdir().expect("photos");
    let root = tempfile::tempdir().expect("root");
    let gone = root.path().join("usb");
    let mut f = folder(&gone);
    assert_eq!(f.probe().expect_err("unplugged").class, ErrorClass::Offline);
    let mut progress = no_progress();
    let p = post(photos.path(), 1, 10);
    assert_eq!(
        f.publish(&p, &[], &mut progress)
            .expect_err("offline")
            .class,
        ErrorClass::Offline
    );

    let mut f = folder(root.path());
    assert_eq!(
        f.verify().expect("writable"),
        root.path().display().to_string()
    );
    std::fs::remove_file(&p.photos[0].path).expect("remove photo");
    let e = f
        .publish(&p, &[], &mut progress)
        .expect_err("missing photo");
    assert_eq!(
        (e.class, e.code.as_str()),
        (ErrorClass::Invalid, "photo-missing")
    );
    assert!(
        f.find_published(&p, Utc::now())
            .expect("read back")
            .is_none()
    );
}
