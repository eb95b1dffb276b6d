//! The video library against a real profile folder and the real ffmpeg: import (probe, poster,
//! content-addressed copy), hostile files each with their own sentence while the rest of the
//! batch goes on, the photos-or-one-video rule, the estimate and refusals before encoding, and
//! compression with progress, cancel and the location stripped (checked with ffprobe itself).
//!
//! The videos are `shared/testdata/videos`, read in place; the tests skip with a message when
//! that folder is absent and fail when `LOA_REQUIRE_TESTDATA=1` (CI). The encodes use the
//! `saver` preset on clips of a few seconds.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{TimeZone, Utc};
use loa_core::{
    ErrorCode, Lang, LoaError, Localizer, ManualClock, MediaSource, NewDraft, NewDraftPhoto, Store,
    VideoProgress,
};

mod common;

fn video(rel: &str) -> Option<PathBuf> {
    loa_testdata::path(&format!("videos/{rel}"))
}

fn open() -> (tempfile::TempDir, Store) {
    let profile = tempfile::tempdir().expect("tempdir");
    let clock = ManualClock::new(
        Utc.with_ymd_and_hms(2026, 12, 7, 23, 30, 0)
            .single()
            .expect("date"),
    );
    let store = Store::open_with_clock(profile.path(), Arc::new(clock)).expect("open");
    (profile, store)
}

/// Imports `clip` and attaches it to a new draft with `preset`: the video and the draft's id.
fn on_a_draft(store: &Store, clip: &Path, preset: &str) -> (loa_core::VideoItem, i64) {
    let (v, _) = store
        .videos()
        .import_file(clip, MediaSource::Dialog)
        .expect("import");
    let id = draft(store, "Video");
    store
        .videos()
        .attach(id, v.id, Some(preset), false)
        .expect("attach");
    (v, id)
}

fn draft(store: &Store, title: &str) -> i64 {
    store
        .drafts()
        .create(&NewDraft {
            title: title.to_owned(),
            body: "Video lũ ở thôn 3".to_owned(),
            ..NewDraft::default()
        })
        .expect("draft")
        .id
}

/// Every tag ffprobe sees on the file and its streams, as `key=value` lines.
fn ffprobe_tags(path: &Path) -> String {
    let out = std::process::Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "format_tags:stream_tags",
            "-of",
            "default=noprint_wrappers=1",
        ])
        .arg(path)
        .output()
        .expect("ffprobe runs");
    assert!(out.status.success(), "ffprobe failed on {}", path.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn import_probes_rotates_and_makes_a_poster() {
    let (Some(landscape), Some(turned), Some(old_phone), Some(webm)) = (
        video("phone/Issue_515_java.mp4"),
        video("edge/sample_rotate_and_reflect.mp4"),
        video("formats/sample.3gp"),
        video("formats/bbb_960x540_60fps_vp8.webm"),
    ) else {
        return;
    };
    let (profile, store) = open();
    let videos = store.videos();

    let (v, added) = videos
        .import_file(&landscape, MediaSource::Dialog)
        .expect("import");
    assert!(added);
    assert_eq!((v.width, v.height), (1280, 720));
    assert_eq!(v.ext, "mp4");
    assert_eq!(v.video_codec, "h264");
    assert!(v.has_location, "loci box");
    let d = v.duration_ms.expect("duration");
    assert!((3500..3800).contains(&d), "{d}");
    assert_eq!(
        v.imported_at, "2026-12-07T23:30:00.000Z",
        "UTC, whatever TZ says"
    );
    let file = profile
        .path()
        .join("media")
        .join(&v.sha256[..2])
        .join(format!("{}.mp4", v.sha256));
    assert_eq!(
        std::fs::read(&file).expect("library copy"),
        std::fs::read(&landscape).expect("original"),
        "the library keeps the original bytes"
    );
    let poster = videos.thumbnail_bytes(v.id).expect("poster");
    assert!(poster.starts_with(&[0xFF, 0xD8]), "a JPEG");

    // The same bytes again are the same entry.
    let (again, added) = videos
        .import_file(&landscape, MediaSource::Watch)
        .expect("again");
    assert!(!added);
    assert_eq!(again.id, v.id);

    let (t, _) = videos
        .import_file(&turned, MediaSource::Drop)
        .expect("rotated");
    assert_eq!(t.rotation, 90);
    assert_eq!((t.width, t.height), (720, 1080), "upright size");

    let (o, _) = videos
        .import_file(&old_phone, MediaSource::Drop)
        .expect("3gp");
    assert_eq!((o.ext.as_str(), o.container.as_str()), ("3gp", "3gp"));
    let (w, _) = videos.import_file(&webm, MediaSource::Drop).expect("webm");
    assert_eq!(w.ext, "webm");
    assert!(!w.has_location);

    let listed: Vec<i64> = videos.list().expect("list").iter().map(|v| v.id).collect();
    assert_eq!(listed.len(), 4);
    assert!(listed.contains(&v.id) && listed.contains(&w.id));
    // No temporary copy is left in the library folder.
    let leftovers: Vec<_> = std::fs::read_dir(profile.path().join("media"))
        .expect("media dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn hostile_files_each_get_their_sentence_and_the_batch_goes_on() {
    let cases = [
        ("broken/2018-04-12_19_24_49.mov", "video-error-empty-file"),
        (
            "broken/derived_not_a_video_jpeg.mp4",
            "video-error-not-a-video",
        ),
        ("broken/bug1079747.mp4", "video-error-incomplete"),
        ("broken/gizmo-frag-2.mp4", "video-error-encrypted"),
        ("broken/chunk_out_of_range.mp4", "video-error-damaged"),
        ("formats/no-tags.3g2", "video-error-no-video-track"),
        // A 243 KB file whose mdat declares 4 GiB: refused without reading 4 GiB.
        (
            "broken/derived_with-gps_mdat_size_4GiB.mp4",
            "video-error-incomplete",
        ),
        ("broken/truncated-64bit.mp4", "video-error-damaged"),
    ];
    let Some(good) = video("formats/sample_video_only.mp4") else {
        return;
    };
    let mut paths = vec![good.clone()];
    for (rel, _) in &cases {
        let Some(p) = video(rel) else { return };
        paths.push(p);
    }
    let Some(after) = video("formats/sample.3gp") else {
        return;
    };
    paths.push(after);
    let (profile, store) = open();
    let outcomes = store.media().import_outcomes(&paths, MediaSource::Drop);
    assert_eq!(outcomes.len(), paths.len());
    assert!(outcomes[0].video.is_some(), "{:?}", outcomes[0]);
    assert!(
        outcomes.last().and_then(|o| o.video.as_ref()).is_some(),
        "the file after the bad ones is imported"
    );
    let vi = Localizer::new(Lang::Vi);
    for (o, (rel, message_id)) in outcomes[1..].iter().zip(&cases) {
        let e = o.error.as_ref().unwrap_or_else(|| panic!("{rel} refused"));
        assert_eq!(e.code, ErrorCode::VideoProcess, "{rel}");
        assert_eq!(&e.message_id, message_id, "{rel}");
        let text = vi.format(&e.message_id, &e.args);
        assert_ne!(&text, message_id, "{rel} has a Vietnamese sentence");
        assert!(!text.contains("ffmpeg") && !text.contains("moov"), "{text}");
    }
    assert_eq!(store.videos().list().expect("list").len(), 2);
    // A refused file leaves nothing in the library.
    let files: Vec<_> = walk(&profile.path().join("media"));
    assert_eq!(files.len(), 4, "two videos and their posters: {files:?}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_draft_has_photos_or_one_video() {
    let Some(clip) = video("formats/sample.3gp") else {
        return;
    };
    let (_profile, store) = open();
    let inbox = tempfile::tempdir().expect("tempdir");
    let (v, _) = store
        .videos()
        .import_file(&clip, MediaSource::Dialog)
        .expect("import");
    let (photo, _) = store
        .media()
        .import_file(
            &common::jpeg(inbox.path(), "a.jpg", 80),
            MediaSource::Dialog,
        )
        .expect("photo");

    let with_photo = draft(&store, "Ảnh họp dân");
    store
        .media()
        .attach(
            with_photo,
            &[NewDraftPhoto {
                media_id: photo.id,
                alt_text: String::new(),
            }],
        )
        .expect("photo attach");
    let e = store
        .videos()
        .attach(with_photo, v.id, None, false)
        .expect_err("photos first");
    assert!(matches!(e, LoaError::DraftHasPhotos { .. }), "{e:?}");

    let with_video = draft(&store, "Video lũ");
    let dv = store
        .videos()
        .attach(with_video, v.id, None, false)
        .expect("attach");
    assert_eq!(dv.preset, "facebook", "the default preset");
    assert!(!dv.keep_location, "location stripped by default");
    let e = store
        .media()
        .attach(
            with_video,
            &[NewDraftPhoto {
                media_id: photo.id,
                alt_text: String::new(),
            }],
        )
        .expect_err("video first");
    assert!(matches!(e, LoaError::DraftHasVideo { .. }), "{e:?}");

    let e = store
        .videos()
        .set_options(with_video, "tiktok", false)
        .expect_err("unknown preset");
    assert!(matches!(e, LoaError::InvalidValue { .. }), "{e:?}");
    let dv = store
        .videos()
        .set_options(with_video, "saver", true)
        .expect("saver");
    assert_eq!((dv.preset.as_str(), dv.keep_location), ("saver", true));

    store.videos().detach(with_video).expect("detach");
    assert_eq!(store.videos().of_draft(with_video).expect("read"), None);
    store
        .media()
        .attach(
            with_video,
            &[NewDraftPhoto {
                media_id: photo.id,
                alt_text: String::new(),
            }],
        )
        .expect("photos once the video is off");
    let e = store.videos().detach(with_video).expect_err("nothing left");
    assert!(matches!(e, LoaError::VideoNotAttached { .. }), "{e:?}");
}

#[test]
fn the_estimate_and_the_refusals_come_before_any_encode() {
    let (Some(clip), Some(short)) = (
        video("phone/Issue_515_java.mp4"),
        video("formats/sample_android_slow_motion.mp4"),
    ) else {
        return;
    };
    let (profile, store) = open();
    let (v, id) = on_a_draft(&store, &clip, "saver");

    let e = store.videos().estimate(id).expect("estimate");
    assert!(!e.link_measured, "no upload measured yet");
    assert_eq!(e.link_bps, 1_000_000, "the documented default");
    assert!(e.bytes > 0 && e.bytes < v.bytes, "{e:?}");
    assert_eq!(e.width.max(e.height), 854, "saver is 480p");
    let secs = e.upload_seconds.expect("time");
    let expected = ((e.bytes as u64 * 8).div_ceil(1_000_000)) as i64;
    assert!((secs - expected).abs() <= 1, "{secs} vs {expected}");

    store.videos().record_link_speed(4_000_000).expect("speed");
    let faster = store.videos().estimate(id).expect("estimate");
    assert!(faster.link_measured);
    assert!(faster.upload_seconds < e.upload_seconds);

    // A half-second clip cannot be a reel: refused with its reason, and nothing was encoded.
    let (s, _) = store
        .videos()
        .import_file(&short, MediaSource::Dialog)
        .expect("short");
    let reel = draft(&store, "Thước phim");
    store
        .videos()
        .attach(reel, s.id, Some("reels"), false)
        .expect("attach");
    let refused = store.videos().estimate(reel).expect_err("too short");
    match &refused {
        LoaError::VideoProcess { message_id, .. } => {
            assert_eq!(message_id, "video-error-reels-duration")
        }
        other => panic!("{other:?}"),
    }
    let cancel = AtomicBool::new(false);
    let mut calls = 0;
    let e = store
        .videos()
        .prepare(reel, &cancel, &mut |_| calls += 1)
        .expect_err("refused before encoding");
    assert_eq!(e.message_id(), "video-error-reels-duration");
    assert_eq!(calls, 0);
    assert!(
        !profile.path().join("prepared/videos").exists()
            || walk(&profile.path().join("prepared/videos")).is_empty()
    );
}

#[test]
fn prepare_strips_the_location_reports_progress_and_records_the_copy() {
    let Some(clip) = video("phone/Issue_515_java.mp4") else {
        return;
    };
    assert!(
        ffprobe_tags(&clip).contains("location") || ffprobe_tags(&clip).contains("xyz"),
        "the original carries its location: {}",
        ffprobe_tags(&clip)
    );
    let (profile, store) = open();
    let (v, _) = store
        .videos()
        .import_file(&clip, MediaSource::Dialog)
        .expect("import");
    assert!(v.has_location);
    let id = draft(&store, "Video");
    store
        .videos()
        .attach(id, v.id, Some("saver"), false)
        .expect("attach");
    assert_eq!(store.videos().prepared_for_draft(id).expect("read"), None);

    let cancel = AtomicBool::new(false);
    let mut seen: Vec<VideoProgress> = Vec::new();
    let prepared = store
        .videos()
        .prepare(id, &cancel, &mut |p| seen.push(p.clone()))
        .expect("prepare");
    assert!(!seen.is_empty(), "progress was reported");
    assert!(seen.iter().all(|p| p.draft_id == id));
    let last = seen.last().expect("last");
    assert!(
        last.finished || last.fraction.is_some_and(|f| f > 0.9),
        "{last:?}"
    );

    assert!(
        prepared
            .path
            .starts_with(profile.path().join("prepared/videos"))
    );
    assert_eq!(
        prepared.path.file_name().and_then(|n| n.to_str()),
        Some(format!("{}.mp4", prepared.sha256).as_str()),
        "named by its content"
    );
    let bytes = std::fs::read(&prepared.path).expect("copy");
    assert_eq!(bytes.len() as u64, prepared.bytes);
    assert!(prepared.bytes < v.bytes as u64, "smaller than the original");
    assert_eq!(prepared.preset, "saver");
    assert_eq!(prepared.duration_ms, v.duration_ms.map(|d| d as u64));
    let tags = ffprobe_tags(&prepared.path);
    assert!(
        !tags.contains("location") && !tags.contains("xyz"),
        "no location left: {tags}"
    );
    let info = loa_core::videos::engine()
        .expect("engine")
        .probe(&prepared.path)
        .expect("probe output");
    assert!(!info.has_location, "{:?}", info.location_keys);
    assert_eq!(info.width.max(info.height), 854);

    assert_eq!(
        store.videos().prepared_for_draft(id).expect("read"),
        Some(prepared.clone())
    );
    let dv = store.videos().of_draft(id).expect("read").expect("video");
    assert_eq!(dv.prepared_bytes, Some(prepared.bytes as i64));

    // Other settings: the copy no longer answers for the draft.
    store
        .videos()
        .set_options(id, "facebook", false)
        .expect("facebook");
    assert_eq!(store.videos().prepared_for_draft(id).expect("read"), None);
    // A copy removed from disk is no copy either.
    store
        .videos()
        .set_options(id, "saver", false)
        .expect("saver");
    let again = store
        .videos()
        .prepare(id, &cancel, &mut |_| {})
        .expect("again");
    assert!(
        store
            .videos()
            .prepared_for_draft(id)
            .expect("read")
            .is_some()
    );
    std::fs::remove_file(&again.path).expect("remove");
    assert_eq!(store.videos().prepared_for_draft(id).expect("read"), None);
}

/// Compressed copies no draft records any more are deleted; the recorded one, a copy made a
/// moment ago (another Loa may be about to record it) and files Loa did not name stay.
#[test]
fn copies_no_draft_records_are_swept() {
    let Some(clip) = video("phone/Issue_515_java.mp4") else {
        return;
    };
    let (profile, store) = open();
    let (v, _) = store
        .videos()
        .import_file(&clip, MediaSource::Dialog)
        .expect("import");
    let id = draft(&store, "Video");
    store
        .videos()
        .attach(id, v.id, Some("saver"), false)
        .expect("attach");
    let cancel = AtomicBool::new(false);
    let recorded = store
        .videos()
        .prepare(id, &cancel, &mut |_| {})
        .expect("prepare");

    let dir = profile.path().join("prepared/videos");
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let make = |name: &str, old: bool| {
        let path = dir.join(name);
        std::fs::write(&path, vec![7u8; 1000]).expect("write");
        if old {
            std::fs::File::options()
                .write(true)
                .open(&path)
                .and_then(|f| f.set_modified(hour_ago))
                .expect("mtime");
        }
        path
    };
    let stale = make(&format!("{}.mp4", "a".repeat(64)), true);
    let fresh = make(&format!("{}.mp4", "b".repeat(64)), false);
    let foreign = make("ghi-chu.mp4", true);
    std::fs::File::options()
        .write(true)
        .open(&recorded.path)
        .and_then(|f| f.set_modified(hour_ago))
        .expect("mtime");

    let freed = store.videos().sweep_prepared().expect("sweep");
    assert_eq!(freed, 1000);
    assert!(!stale.exists(), "an old copy no draft records is gone");
    assert!(fresh.exists() && foreign.exists());
    assert!(recorded.path.exists(), "the draft's copy stays");
    assert_eq!(
        store.videos().prepared_for_draft(id).expect("read"),
        Some(recorded.clone())
    );

    // The draft leaves its video: its copy is old and recorded nowhere, so it goes too.
    store.videos().detach(id).expect("detach");
    assert_eq!(
        store.videos().sweep_prepared().expect("sweep"),
        recorded.bytes
    );
    assert!(!recorded.path.exists());
}

#[test]
fn a_cancelled_preparation_leaves_nothing() {
    let Some(clip) = video("phone/FLIR_Thermal.mp4") else {
        return;
    };
    let (profile, store) = open();
    let (_, id) = on_a_draft(&store, &clip, "saver");
    let cancel = AtomicBool::new(false);
    let mut calls = 0;
    let e = store
        .videos()
        .prepare(id, &cancel, &mut |_| {
            calls += 1;
            cancel.store(true, Ordering::Relaxed);
        })
        .expect_err("cancelled");
    assert_eq!(e.message_id(), "video-error-cancelled");
    assert!(calls >= 1);
    assert_eq!(store.videos().prepared_for_draft(id).expect("read"), None);
    let left = walk(&profile.path().join("prepared/videos"));
    assert!(left.is_empty(), "{left:?}");
}
