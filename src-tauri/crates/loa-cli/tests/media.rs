//! `loa media process` (and `draft attach` with a video), run as a real process over the shared
//! test photos and videos (read in place).

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

// ── Videos beside photos: `media process` rows and `draft attach` with a video; the outputs are
// checked with ffprobe itself.

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON on stdout ({e}); stderr: {}",
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

/// `(width, height, tags)` of a file's picture as ffprobe sees it, after the rotation.
fn ffprobe(path: &Path) -> (u64, u64, String) {
    let o = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-show_entries",
            "stream=width,height:stream_side_data=rotation:format_tags:stream_tags",
            "-of",
            "json",
        ])
        .arg(path)
        .output()
        .expect("ffprobe runs");
    assert!(o.status.success(), "ffprobe on {}", path.display());
    let v: Value = serde_json::from_slice(&o.stdout).expect("ffprobe JSON");
    let st = &v["streams"][0];
    let turned = st["side_data_list"]
        .as_array()
        .and_then(|l| l.iter().find_map(|d| d["rotation"].as_i64()))
        .is_some_and(|r| r.rem_euclid(180) == 90);
    let (w, h) = (
        st["width"].as_u64().expect("width"),
        st["height"].as_u64().expect("height"),
    );
    let (w, h) = if turned { (h, w) } else { (w, h) };
    (w, h, format!("{} {}", v["format"], st["tags"]))
}

#[test]
fn media_process_takes_videos_and_photos_with_one_row_each() {
    let (Some(turned), Some(gps_photo), Some(not_video)) = (
        testdata("videos/edge/sample_rotate_and_reflect.mp4"),
        testdata("photos-exif/exif-py/jpg/gps/DSCN0010.jpg"),
        testdata("videos/broken/derived_not_a_video_jpeg.mp4"),
    ) else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");
    let o = loa(
        tmp.path(),
        &[
            "media",
            "process",
            s(&turned),
            s(&gps_photo),
            s(&not_video),
            "--out",
            s(&out),
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "one file failed");
    let rows = json(&o);
    let rows = rows.as_array().expect("rows");
    assert_eq!(rows.len(), 3);

    let v = &rows[0];
    assert_eq!(v["kind"], "video");
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["rotation"], 90);
    assert_eq!(v["had_location"], true);
    assert_eq!(v["orientation"], Value::Null);
    let d = v["duration_s"].as_f64().expect("duration");
    assert!((0.9..1.2).contains(&d), "{d}");
    let written = PathBuf::from(v["output"].as_str().expect("output"));
    assert_eq!(written, out.join("sample_rotate_and_reflect.mp4"));
    let (w, h, tags) = ffprobe(&written);
    assert_eq!((w, h), (720, 1080), "upright");
    assert_eq!(
        (v["width"].as_u64(), v["height"].as_u64()),
        (Some(w), Some(h))
    );
    assert!(
        !tags.contains("location") && !tags.contains("xyz"),
        "{tags}"
    );

    let p = &rows[1];
    assert_eq!(p["kind"], "photo");
    assert_eq!(p["ok"], true);
    assert_eq!(p["duration_s"], Value::Null);
    assert_eq!(p["rotation"], 0);
    assert_eq!(p["had_location"], true);

    let bad = &rows[2];
    assert_eq!(bad["kind"], "video");
    assert_eq!(bad["ok"], false);
    assert_eq!(bad["had_location"], Value::Null);
    let reason = bad["error"].as_str().expect("reason");
    assert!(reason.contains("không phải video"), "{reason}");
}

#[test]
fn a_photo_preset_is_not_a_video_preset() {
    let Some(clip) = testdata("videos/formats/sample.3gp") else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let o = loa(
        tmp.path(),
        &[
            "media",
            "process",
            s(&clip),
            "--out",
            s(&tmp.path().join("out")),
            "--preset",
            "print",
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let rows = json(&o);
    let reason = rows[0]["error"].as_str().expect("reason");
    assert!(reason.contains("chỉ dành cho ảnh"), "{reason}");
}

#[test]
fn draft_attach_takes_a_video_and_compresses_it_without_its_location() {
    let (Some(clip), Some(photo)) = (
        testdata("videos/phone/Issue_515_java.mp4"),
        testdata("photos-exif/exif-py/jpg/Canon_40D.jpg"),
    ) else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let draft = json(&loa(
        tmp.path(),
        &["draft", "new", "--title", "Video lũ thôn 3", "--json"],
    ));
    let id = draft["id"].as_i64().expect("id").to_string();
    let o = loa(
        tmp.path(),
        &[
            "draft",
            "attach",
            &id,
            s(&clip),
            "--preset",
            "saver",
            "--json",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let row = json(&o);
    assert_eq!(row["preset"], "saver");
    assert_eq!(row["had_location"], true);
    assert_eq!(row["keep_location"], false);
    assert!(row["estimate_bytes"].as_i64().is_some_and(|b| b > 0));
    assert!(row["upload_seconds"].as_i64().is_some_and(|s| s >= 1));
    let prepared = PathBuf::from(row["prepared_path"].as_str().expect("path"));
    assert!(prepared.starts_with(tmp.path()), "inside the profile");
    assert_eq!(
        std::fs::metadata(&prepared).expect("copy").len(),
        row["prepared_bytes"].as_u64().expect("bytes")
    );
    let (w, h, tags) = ffprobe(&prepared);
    assert_eq!((w, h), (854, 480));
    assert!(
        !tags.contains("location") && !tags.contains("xyz"),
        "{tags}"
    );

    // The draft now carries a video: photos are refused, in Vietnamese.
    let o = loa(tmp.path(), &["draft", "attach", &id, s(&photo)]);
    assert_ne!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("đã có video"), "{err}");
}
