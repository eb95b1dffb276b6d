//! Watch folders for real: a temporary folder, files written slowly in chunks the way a phone or
//! a card reader copies them, and the watcher thread importing them.
//!
//! Photos come from `shared/testdata/photos-exif`, copied at test time; the tests skip with a
//! message when that folder is absent, and fail when `LOA_REQUIRE_TESTDATA=1` (CI).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use loa_core::media::library::sha256_hex;
use loa_core::{MediaSource, Store, WatchEvent, WatchFolders};

/// A shared test photo's bytes (`None` when the data is absent and not required).
fn testdata(rel: &str) -> Option<Vec<u8>> {
    let p = loa_testdata::path(&format!("photos-exif/{rel}"))?;
    Some(std::fs::read(&p).expect("read the test photo"))
}

struct Setup {
    _profile: tempfile::TempDir,
    folder: tempfile::TempDir,
    store: Arc<Store>,
    events: Receiver<(Instant, WatchEvent)>,
    watcher: WatchFolders,
}

fn setup(before_start: impl FnOnce(&Path, &Store)) -> Setup {
    let profile = tempfile::tempdir().expect("tempdir");
    let folder = tempfile::tempdir().expect("tempdir");
    let store = Arc::new(Store::open(profile.path()).expect("open"));
    store
        .media()
        .add_watch_folder(folder.path())
        .expect("add folder");
    before_start(folder.path(), &store);
    let (tx, events) = mpsc::channel();
    let watcher = WatchFolders::start(store.clone(), move |e| {
        let _ = tx.send((Instant::now(), e));
    })
    .expect("start");
    Setup {
        _profile: profile,
        folder,
        store,
        events,
        watcher,
    }
}

/// Writes `bytes` to `path` in `chunks` pieces, `gap` apart, flushing each; returns when the
/// last byte is written.
fn write_slowly(path: &Path, bytes: &[u8], chunks: usize, gap: Duration) -> Instant {
    let mut f = std::fs::File::create(path).expect("create");
    let size = bytes.len().div_ceil(chunks);
    for (n, chunk) in bytes.chunks(size).enumerate() {
        if n > 0 {
            std::thread::sleep(gap);
        }
        f.write_all(chunk).expect("write");
        f.flush().expect("flush");
    }
    f.sync_all().expect("sync");
    Instant::now()
}

/// Collects events until `quiet` passes with none (or `limit` overall).
fn collect(
    events: &Receiver<(Instant, WatchEvent)>,
    quiet: Duration,
    limit: Duration,
) -> Vec<(Instant, WatchEvent)> {
    let end = Instant::now() + limit;
    let mut out = Vec::new();
    while Instant::now() < end {
        match events.recv_timeout(quiet) {
            Ok(e) => out.push(e),
            Err(_) => break,
        }
    }
    out
}

fn imported(events: &[(Instant, WatchEvent)], path: &Path) -> Vec<(Instant, i64)> {
    let canon = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    events
        .iter()
        .filter_map(|(t, e)| match e {
            WatchEvent::Imported { media_id, path: p } if *p == canon || p == path => {
                Some((*t, *media_id))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn a_photo_copied_slowly_is_imported_once_complete_and_only_after_the_copy() {
    let Some(first) = testdata("recurser-orientation/Landscape_3.jpg") else {
        return;
    };
    let Some(second) = testdata("exif-py/jpg/Canon_40D.jpg") else {
        return;
    };
    let s = setup(|_, _| {});
    let folder = s.folder.path().to_path_buf();
    // A second photo starts arriving while the first is still being copied.
    let second_path = folder.join("IMG_0002.JPG");
    let second_writer = {
        let path = second_path.clone();
        let bytes = second.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            write_slowly(&path, &bytes, 3, Duration::from_millis(200))
        })
    };
    let first_path = folder.join("IMG_0001.jpg");
    let first_done = write_slowly(&first_path, &first, 5, Duration::from_millis(200));
    let second_done = second_writer.join().expect("second writer");
    // Not a photo: ignored.
    std::fs::write(folder.join("ghi chú.txt"), "không phải ảnh").expect("write txt");

    let events = collect(
        &s.events,
        Duration::from_millis(2500),
        Duration::from_secs(10),
    );

    let got_first = imported(&events, &first_path);
    assert_eq!(got_first.len(), 1, "imported once: {events:?}");
    let (at, id) = got_first[0];
    assert!(at >= first_done, "not before the copy finished");
    assert!(
        at.duration_since(first_done) < Duration::from_secs(2),
        "within two seconds"
    );
    let item = s.store.media().item(id).expect("item");
    assert_eq!(item.sha256, sha256_hex(&first), "complete");
    assert_eq!(item.source, MediaSource::Watch);
    assert_eq!(item.original_name, "IMG_0001.jpg");

    let got_second = imported(&events, &second_path);
    assert_eq!(got_second.len(), 1, "second imported once: {events:?}");
    assert!(got_second[0].0 >= second_done);
    assert_eq!(
        s.store.media().item(got_second[0].1).expect("item").sha256,
        sha256_hex(&second)
    );

    assert_eq!(events.len(), 2, "nothing else reported: {events:?}");
    assert_eq!(s.store.media().list().expect("list").len(), 2);
    s.watcher.stop();
}

#[test]
fn photos_already_in_the_folder_are_imported_at_start_and_bad_ones_reported() {
    let Some(photo) = testdata("exif-py/jpg/Nikon_D70.jpg") else {
        return;
    };
    let Some(known) = testdata("exif-py/jpg/Pentax_K10D.jpg") else {
        return;
    };
    let profile_known = tempfile::tempdir().expect("tempdir");
    let known_path = profile_known.path().join("known.jpg");
    std::fs::write(&known_path, &known).expect("write");

    let s = setup(|folder, store| {
        // `already.jpg` is in the library before the watcher starts (imported by hand): the
        // scan must not report it again.
        let out = store
            .media()
            .import(std::slice::from_ref(&known_path), MediaSource::Dialog);
        assert!(out[0].1.is_ok());
        let sub = folder.join("DCIM").join("Camera");
        std::fs::create_dir_all(&sub).expect("mkdir");
        std::fs::write(sub.join("old.jpeg"), &photo).expect("write");
        std::fs::write(folder.join("already.jpg"), &known).expect("write");
        std::fs::write(folder.join("broken.png"), "không phải ảnh").expect("write");
        std::fs::write(folder.join("notes.txt"), "x").expect("write");
    });
    let events = collect(
        &s.events,
        Duration::from_millis(2000),
        Duration::from_secs(10),
    );
    let folder = std::fs::canonicalize(s.folder.path()).expect("canon");
    let old = folder.join("DCIM").join("Camera").join("old.jpeg");
    assert_eq!(imported(&events, &old).len(), 1, "{events:?}");
    let failed: Vec<&PathBuf> = events
        .iter()
        .filter_map(|(_, e)| match e {
            WatchEvent::Failed { path, error } => {
                assert_eq!(error.code, loa_core::ErrorCode::MediaNotAPhoto);
                Some(path)
            }
            _ => None,
        })
        .collect();
    assert_eq!(failed, vec![&folder.join("broken.png")]);
    assert!(
        imported(&events, &folder.join("already.jpg")).is_empty(),
        "already in the library: not reported by the scan"
    );
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(s.store.media().list().expect("list").len(), 2);
    drop(s.watcher);
}

#[test]
fn a_folder_added_later_is_picked_up_on_refresh_and_stop_is_clean() {
    let Some(photo) = testdata("exif-py/jpg/Olympus_C8080WZ.jpg") else {
        return;
    };
    let profile = tempfile::tempdir().expect("tempdir");
    let folder = tempfile::tempdir().expect("tempdir");
    let store = Arc::new(Store::open(profile.path()).expect("open"));
    let (tx, events) = mpsc::channel();
    let watcher = WatchFolders::start(store.clone(), move |e| {
        let _ = tx.send(e);
    })
    .expect("start with no folders");
    std::fs::write(folder.path().join("a.jpg"), &photo).expect("write");
    assert!(events.recv_timeout(Duration::from_millis(1000)).is_err());
    store.media().add_watch_folder(folder.path()).expect("add");
    watcher.refresh();
    let e = events
        .recv_timeout(Duration::from_secs(5))
        .expect("imported after refresh");
    assert!(matches!(e, WatchEvent::Imported { .. }), "{e:?}");
    let started = Instant::now();
    watcher.stop();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "stop joins quickly"
    );
    // The callback was dropped with the thread: the channel is closed.
    assert!(matches!(
        events.recv_timeout(Duration::from_millis(100)),
        Err(mpsc::RecvTimeoutError::Disconnected)
    ));
}

#[test]
fn a_copy_that_stalls_midway_is_not_taken_half_written() {
    let Some(photo) = testdata("recurser-orientation/Portrait_3.jpg") else {
        return;
    };
    let s = setup(|_, _| {});
    let path = s.folder.path().join("stalled.jpg");
    let half = photo.len() / 2;
    {
        let mut f = std::fs::File::create(&path).expect("create");
        f.write_all(&photo[..half]).expect("first half");
        f.sync_all().expect("sync");
    }
    // Longer than the settle time, shorter than the long wait for a file without its end.
    std::thread::sleep(Duration::from_millis(1500));
    let done = {
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .expect("reopen");
        f.write_all(&photo[half..]).expect("second half");
        f.sync_all().expect("sync");
        Instant::now()
    };
    let events = collect(
        &s.events,
        Duration::from_millis(2000),
        Duration::from_secs(10),
    );
    let got = imported(&events, &path);
    assert_eq!(got.len(), 1, "{events:?}");
    assert!(got[0].0 >= done);
    assert_eq!(
        s.store.media().item(got[0].1).expect("item").sha256,
        sha256_hex(&photo)
    );
    assert_eq!(events.len(), 1, "{events:?}");
}

/// An iPhone photo (HEIC) dropped in a watched folder is not passed over in silence: it is
/// reported with the message that says how to set the phone to JPEG.
#[test]
fn a_heic_photo_is_reported_with_what_to_do() {
    // The start of an HEIF file as an iPhone writes it: an `ftyp` box with the `heic` brand.
    let mut heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    heic.extend(std::iter::repeat_n(0x5Au8, 4096));
    let s = setup(|folder, _| {
        std::fs::write(folder.join("IMG_0001.HEIC"), &heic).expect("write");
    });
    let folder = std::fs::canonicalize(s.folder.path()).expect("canon");
    let events = collect(&s.events, Duration::from_secs(8), Duration::from_secs(30));
    let failed: Vec<(&PathBuf, &loa_core::IpcError)> = events
        .iter()
        .filter_map(|(_, e)| match e {
            WatchEvent::Failed { path, error } => Some((path, error)),
            _ => None,
        })
        .collect();
    assert_eq!(failed.len(), 1, "{events:?}");
    assert_eq!(failed[0].0, &folder.join("IMG_0001.HEIC"));
    assert_eq!(failed[0].1.code, loa_core::ErrorCode::MediaUnsupported);
    assert_eq!(
        failed[0].1.args.get("format").map(String::as_str),
        Some("HEIC")
    );
    assert!(s.store.media().list().expect("list").is_empty());
    drop(s.watcher);
}

#[test]
fn a_video_whose_copy_pauses_is_taken_only_once_complete() {
    let Some(src) = loa_testdata::path("videos/phone/Issue_515_java.mp4") else {
        return;
    };
    let bytes = std::fs::read(&src).expect("read the test video");
    let s = setup(|_, _| {});
    let path = s.folder.path().join("VID_20260712_0815.mp4");
    // Pauses longer than the settle time: size and date stand still while the copy is half
    // done, and the index (moov) is already there since this phone writes it first. Only the
    // box walk tells the file is not complete.
    let done = write_slowly(&path, &bytes, 4, Duration::from_millis(900));
    let events = collect(&s.events, Duration::from_secs(4), Duration::from_secs(30));
    let canon = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
    let videos: Vec<(Instant, i64)> = events
        .iter()
        .filter_map(|(t, e)| match e {
            WatchEvent::VideoImported { video_id, path: p } if *p == canon || *p == path => {
                Some((*t, *video_id))
            }
            _ => None,
        })
        .collect();
    assert_eq!(videos.len(), 1, "{events:?}");
    assert!(videos[0].0 >= done, "imported before the copy ended");
    assert!(
        !events
            .iter()
            .any(|(_, e)| matches!(e, WatchEvent::Failed { .. })),
        "{events:?}"
    );
    let v = s.store.videos().item(videos[0].1).expect("video");
    assert_eq!(v.sha256, sha256_hex(&bytes), "the whole file");
    assert_eq!(v.source, MediaSource::Watch);
    s.watcher.stop();
}
