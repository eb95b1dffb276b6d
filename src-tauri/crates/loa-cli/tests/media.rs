//! `loa media process`, run as a real process over the shared test photos (read in place).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn testdata(rel: &str) -> Option<PathBuf> {
    loa_testdata::path(rel)
}

fn loa(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loa"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("LOA_LANG")
        .env_remove("LOA_DATA_DIR")
        .stdin(Stdio::null())
        .output()
        .expect("run loa")
}

fn rows(o: &Output) -> Vec<Value> {
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    v.as_array().expect("an array").clone()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn processes_photos_and_reports_each_as_json() {
    let Some(dir) = testdata("photos-exif") else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let gps = dir.join("exif-py/jpg/gps/DSCN0010.jpg");
    let turned = dir.join("recurser-orientation/Portrait_6.jpg");
    let o = loa(
        tmp.path(),
        &[
            "media",
            "process",
            s(&gps),
            s(&turned),
            "--out",
            s(&out),
            "--max-edge",
            "600",
            "--watermark-text",
            "Xã Mường Tè",
            "--json",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let rows = rows(&o);
    assert_eq!(rows.len(), 2);
    let first = &rows[0];
    assert_eq!(first["ok"], true);
    assert_eq!(first["error"], Value::Null);
    assert_eq!(first["had_location"], true);
    assert_eq!(
        (first["width"].as_u64(), first["height"].as_u64()),
        (Some(600), Some(450))
    );
    let written = PathBuf::from(first["output"].as_str().expect("output path"));
    assert_eq!(written, out.join("DSCN0010.jpg"));
    let bytes = std::fs::read(&written).expect("written");
    assert_eq!(first["bytes_out"].as_u64(), Some(bytes.len() as u64));
    assert!(
        !bytes.windows(6).any(|w| w == b"Exif\0\0"),
        "location removed"
    );
    assert!(first["bytes_in"].as_u64().unwrap_or(0) > bytes.len() as u64);
    // Portrait_6 is stored 1800×1200 and turned upright to 1200×1800 → 400×600.
    assert_eq!(rows[1]["orientation"], 6);
    assert_eq!(
        (rows[1]["width"].as_u64(), rows[1]["height"].as_u64()),
        (Some(400), Some(600))
    );
}

#[test]
fn a_bad_file_fails_alone_with_exit_1() {
    let Some(photo) = testdata("photos-exif/exif-py/jpg/Canon_40D.jpg") else {
        return;
    };
    let Some(heic) = testdata("photos-exif/exif-py/heic/spring_1440x960.heic") else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let o = loa(
        tmp.path(),
        &[
            "media",
            "process",
            s(&heic),
            s(&photo),
            "--out",
            s(&out),
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let rows = rows(&o);
    assert_eq!(rows[0]["ok"], false);
    assert_eq!(rows[0]["output"], Value::Null);
    assert!(rows[0]["error"].as_str().is_some_and(|e| !e.is_empty()));
    assert_eq!(rows[1]["ok"], true);
    // Never upscaled.
    assert_eq!(
        (rows[1]["width"].as_u64(), rows[1]["height"].as_u64()),
        (Some(100), Some(68))
    );
    assert!(out.join("Canon_40D.jpg").exists());
}

#[test]
fn keep_location_keeps_the_exif() {
    let Some(gps) = testdata("photos-exif/exif-py/jpg/gps/DSCN0012.jpg") else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let o = loa(
        tmp.path(),
        &[
            "media",
            "process",
            s(&gps),
            "--out",
            s(&out),
            "--keep-location",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let bytes = std::fs::read(out.join("DSCN0012.jpg")).expect("written");
    assert!(bytes.windows(6).any(|w| w == b"Exif\0\0"));
}

#[test]
fn usage_errors_exit_2() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for args in [
        &["media", "process", "a.jpg"][..],
        &[
            "media", "process", "a.jpg", "--out", "o", "--preset", "tiktok",
        ],
        &["media", "process", "a.jpg", "--out", "o", "--opacity", "2"],
        &["media", "process", "a.jpg", "--out", "o", "--quality", "0"],
        &[
            "media",
            "process",
            "a.jpg",
            "--out",
            "o",
            "--watermark",
            "l.png",
            "--watermark-text",
            "x",
        ],
    ] {
        assert_eq!(loa(tmp.path(), args).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn an_unreadable_logo_is_a_user_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let logo = tmp.path().join("logo.png");
    std::fs::write(&logo, b"not a png").expect("write");
    let o = loa(
        tmp.path(),
        &[
            "media",
            "process",
            "a.jpg",
            "--out",
            "o",
            "--watermark",
            s(&logo),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(!o.stderr.is_empty());
}
