//! Every broken, fuzzed or unusual file gives Ok or Err: never a panic, a hang or a huge allocation.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

use loa_media::{Options, ProcessError, Watermark, process, process_batch};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else if !matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("txt" | "md" | "tsv")
        ) && !p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("LICENSE"))
        {
            out.push(p);
        }
    }
}

#[test]
fn corrupt_images_never_panic() {
    let Some(dir) = common::testdata("corrupt-images") else {
        return;
    };
    let mut files = Vec::new();
    files_under(&dir, &mut files);
    files.sort();
    assert!(files.len() > 500, "found {}", files.len());
    let opts = Options::builder()
        .max_edge(512)
        .watermark(Watermark::text("Xã Mường Tè").expect("text"))
        .build();
    let (mut ok, mut err) = (0, 0);
    for f in &files {
        let bytes = std::fs::read(f).expect("readable");
        match process(&bytes, &opts) {
            Ok(_) => ok += 1,
            Err(_) => err += 1,
        }
    }
    eprintln!("corrupt-images: {ok} processed, {err} refused");
    assert_eq!(ok + err, files.len());
}

#[test]
fn batch_survives_bad_files_and_reports_each() {
    let Some(gps) = common::testdata("photos-exif/exif-py/jpg/gps") else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let garbage = tmp.path().join("garbage.jpg");
    std::fs::write(&garbage, b"\xFF\xD8\xFFnot really").expect("write");
    let inputs = vec![
        gps.join("DSCN0010.jpg"),
        garbage.clone(),
        tmp.path().join("missing.jpg"),
        gps.join("DSCN0012.jpg"),
    ];
    let out_dir = tmp.path().join("out");
    let seen = Mutex::new(Vec::new());
    let summary = process_batch(
        &inputs,
        &out_dir,
        &Options::default(),
        &|p| {
            seen.lock().expect("lock").push((p.finished, p.total));
        },
        &AtomicBool::new(false),
    );
    assert_eq!((summary.done, summary.failed), (2, 2));
    assert_eq!(seen.lock().expect("lock").len(), 4);
    assert!(summary.bytes_in > 300_000 && summary.bytes_out > 0);
    assert!(out_dir.join("DSCN0010.jpg").exists() && out_dir.join("DSCN0012.jpg").exists());
    let reasons: Vec<_> = summary.failures().map(|(_, e)| e.code()).collect();
    assert_eq!(reasons, ["corrupt", "read_failed"]);
    assert_eq!(summary.files[1].input, garbage);
}

#[test]
fn a_cancelled_batch_starts_nothing_more() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let photo = tmp.path().join("a.png");
    std::fs::write(&photo, common::gradient_png(64, 64)).expect("write");
    let summary = process_batch(
        &[photo.clone(), photo],
        &tmp.path().join("out"),
        &Options::default(),
        &|_| {},
        &AtomicBool::new(true),
    );
    assert!(summary.cancelled);
    assert!(
        summary
            .files
            .iter()
            .all(|f| f.result == Err(ProcessError::Cancelled))
    );
}

#[test]
fn never_overwrites_the_original() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let photo = tmp.path().join("a.jpg");
    let jpeg = process(&common::gradient_png(64, 64), &Options::default()).expect("jpeg");
    std::fs::write(&photo, &jpeg.bytes).expect("write");
    let summary = process_batch(
        std::slice::from_ref(&photo),
        tmp.path(),
        &Options::default(),
        &|_| {},
        &AtomicBool::new(false),
    );
    assert_eq!(summary.failed, 1);
    assert_eq!(std::fs::read(&photo).expect("still there"), jpeg.bytes);
}
