//! Backups against real profile folders: "Back up to…" and "Restore from…" bring every draft,
//! photo, template and queued post back; a truncated, altered or newer backup is refused with
//! the profile untouched; the daily copies keep 7 days and 4 weeks; a damaged database finds
//! the newest good copy.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
mod common;
use common::jpeg;

use loa_core::backup::{self, BackupProblem, BackupProgress, restore};
use loa_core::{ChannelKind, LoaError, ManualClock, NewChannel, NewDraft, Store};

fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2025-07-29T07:30:00Z")
        .expect("ts")
        .with_timezone(&Utc)
}

fn sha256(path: &Path) -> String {
    backup::archive::file_sha256(path).expect("hash")
}

/// Everything the officer would miss, as comparable values.
#[derive(Debug, PartialEq)]
struct Snapshot {
    drafts: Vec<(String, String, String)>,
    photos: Vec<(String, String)>,
    templates: Vec<String>,
    queue: Vec<(i64, String, String, usize)>,
    /// Per draft, how many prepared photos are where the database says.
    prepared: Vec<usize>,
    commune: String,
}

fn snapshot(store: &Store) -> Snapshot {
    let drafts = store
        .drafts()
        .list()
        .expect("list")
        .iter()
        .map(|s| {
            let d = store.drafts().get(s.id).expect("draft");
            (d.title, d.body, d.updated_at)
        })
        .collect();
    let photos = store
        .media()
        .list()
        .expect("media")
        .iter()
        .map(|m| {
            let path = store.media().path(m.id).expect("path");
            (m.sha256.clone(), sha256(&path))
        })
        .collect();
    let templates = store
        .templates()
        .list()
        .expect("templates")
        .iter()
        .map(|t| format!("{}@{} {}", t.manifest.id, t.manifest.version, t.updated_at))
        .collect();
    let queue = store
        .publishing()
        .outbox()
        .expect("outbox")
        .iter()
        .map(|i| {
            let files = i
                .media
                .iter()
                .filter(|m| Path::new(&m.path).is_file())
                .count();
            (
                i.draft_id,
                i.title.clone(),
                i.state.as_str().to_owned(),
                files,
            )
        })
        .collect();
    let prepared = store
        .drafts()
        .list()
        .expect("list")
        .iter()
        .map(|s| {
            store
                .media()
                .of_draft(s.id)
                .expect("photos")
                .iter()
                .filter(|p| {
                    p.prepared_path
                        .as_deref()
                        .is_some_and(|f| Path::new(f).is_file())
                })
                .count()
        })
        .collect();
    Snapshot {
        prepared,
        drafts,
        photos,
        templates,
        queue,
        commune: store.profile().get().expect("profile").commune,
    }
}

/// A profile with drafts, photos, a template of its own, a queued post with photos, a commune
/// and a credentials file.
fn filled(dir: &Path, clock: Arc<ManualClock>) -> Store {
    let store = Store::open_with_clock(dir, clock).expect("open");
    for (title, body) in [
        (
            "Thông báo lịch tiêm chủng",
            "Trạm y tế xã Nậm Cang thông báo…",
        ),
        ("Họp dân thôn Bản Pho", "Mời bà con dự họp lúc 8 giờ."),
        ("Mưa lớn", "Đề phòng sạt lở đất."),
    ] {
        store
            .drafts()
            .create(&NewDraft {
                title: title.into(),
                body: body.into(),
                ..NewDraft::default()
            })
            .expect("draft");
    }
    let inbox = tempfile::tempdir().expect("inbox");
    let d = store.drafts().list().expect("list")[0].id;
    let photos = [
        jpeg(inbox.path(), "a.jpg", 40),
        jpeg(inbox.path(), "b.jpg", 95),
    ];
    store
        .publishing()
        .attach_for_posting(d, &photos)
        .expect("attach");
    let ch = store
        .publishing()
        .save_channel(&NewChannel {
            name: "Cổng thông tin xã".into(),
            kind: Some(ChannelKind::Wordpress),
            page_id: "1".into(),
            ..NewChannel::default()
        })
        .expect("channel")
        .0
        .id;
    store.publishing().queue(d, ch, None).expect("queue");
    let mut profile = store.profile().get().expect("profile");
    profile.commune = "Xã Nậm Cang".into();
    profile.province = "Lào Cai".into();
    store.profile().set(&profile).expect("set profile");
    std::fs::write(dir.join("credentials.json"), br#"{"secret":"do-not-copy"}"#).expect("creds");
    store
}

fn entry_names(file: &Path) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::fs::File::open(file).expect("open")).expect("zip");
    zip.file_names()
        .map(|n| n.expect("name").into_owned())
        .collect()
}

#[test]
fn a_destroyed_profile_comes_back_whole() {
    let root = tempfile::tempdir().expect("tempdir");
    let profile = root.path().join("profile");
    let clock = Arc::new(ManualClock::new(start()));
    let store = filled(&profile, clock.clone());
    let before = snapshot(&store);
    assert_eq!(before.drafts.len(), 3);
    assert_eq!(before.photos.len(), 2);
    assert_eq!(before.queue.len(), 1);
    assert_eq!(before.queue[0].3, 2, "the queued post has its two photos");

    let usb = root.path().join("usb");
    std::fs::create_dir_all(&usb).expect("usb");
    let out = usb.join("nam-cang.loa-backup");
    let mut seen: Vec<BackupProgress> = Vec::new();
    let summary = store
        .backups()
        .write_archive(&out, |p| seen.push(p))
        .expect("backup");
    assert_eq!(
        (summary.drafts, summary.media, summary.queue),
        (3, 2, 1),
        "{summary:?}"
    );
    assert!(summary.templates > 0);
    assert_eq!(summary.bytes, std::fs::metadata(&out).expect("meta").len());
    assert_eq!(summary.sha256, sha256(&out));
    // Progress only moves forward and ends complete.
    assert!(seen.windows(2).all(|w| w[0].done_bytes <= w[1].done_bytes));
    let last = seen.last().expect("progress");
    assert_eq!(last.done_bytes, last.total_bytes);
    // Only the backup is left in the folder: no temporary file, no scratch folder.
    let left: Vec<_> = std::fs::read_dir(&usb)
        .expect("read")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("nam-cang.loa-backup")]);
    // The credentials never travel.
    let names = entry_names(&out);
    assert!(
        names.iter().all(|n| !n.contains("credentials")),
        "{names:?}"
    );
    assert!(names.contains(&"manifest.json".to_owned()));

    // The laptop is lost: the profile is gone, and Loa is set up again on a new one, under
    // another user's folder.
    drop(store);
    std::fs::remove_dir_all(&profile).expect("destroy");
    let new_profile = root.path().join("new-laptop").join("profile");
    let outcome = restore::restore(&out, &new_profile, clock.as_ref()).expect("restore");
    assert_eq!(outcome.aside, None);
    assert_eq!(outcome.contents.drafts, 3);
    let store = Store::open_with_clock(&new_profile, clock.clone()).expect("reopen");
    assert_eq!(snapshot(&store), before);
    assert!(!new_profile.join("credentials.json").exists());
}

#[test]
fn a_restore_keeps_the_current_profile_aside_and_its_credentials() {
    let Backed {
        // Kept alive: dropping it removes the folders.
        root: _root,
        profile,
        clock,
        store,
        before,
        out,
    } = backed_up();
    // Work after the backup…
    store
        .drafts()
        .create(&NewDraft {
            title: "Viết sau khi sao lưu".into(),
            ..NewDraft::default()
        })
        .expect("draft");
    std::fs::write(profile.join("credentials.json"), b"{\"secret\":\"new\"}").expect("creds");
    drop(store);
    clock.advance(Duration::hours(2));

    let outcome = restore::restore(&out, &profile, clock.as_ref()).expect("restore");
    let aside = outcome.aside.expect("aside");
    assert!(
        aside.ends_with("profile.before-restore-20250729-093000"),
        "{aside:?}"
    );
    let store = Store::open_with_clock(&profile, clock.clone()).expect("reopen");
    assert_eq!(snapshot(&store), before);
    // …is kept aside, and the machine's credentials stay.
    assert_eq!(
        std::fs::read(profile.join("credentials.json")).expect("creds"),
        b"{\"secret\":\"new\"}"
    );
    let old = Store::open(&aside).expect("aside opens");
    assert_eq!(old.drafts().list().expect("list").len(), 4);
}

/// A filled profile, what it holds, and a backup of it.
struct Backed {
    root: tempfile::TempDir,
    profile: PathBuf,
    clock: Arc<ManualClock>,
    store: Store,
    before: Snapshot,
    out: PathBuf,
}

fn backed_up() -> Backed {
    let root = tempfile::tempdir().expect("tempdir");
    let profile = root.path().join("profile");
    let clock = Arc::new(ManualClock::new(start()));
    let store = filled(&profile, clock.clone());
    let before = snapshot(&store);
    let out = root.path().join("b.loa-backup");
    store.backups().write_archive(&out, |_| {}).expect("backup");
    Backed {
        root,
        profile,
        clock,
        store,
        before,
        out,
    }
}

/// A copy of `file` with its entries rewritten by `edit(name, bytes)`.
fn rewrite(file: &Path, to: &Path, mut edit: impl FnMut(&str, &mut Vec<u8>)) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).expect("open")).expect("zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(to).expect("create"));
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).expect("entry");
        let name = e.name().expect("name").into_owned();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).expect("read");
        edit(&name, &mut bytes);
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("start");
        w.write_all(&bytes).expect("write");
    }
    w.finish().expect("finish");
}

fn assert_refused(file: &Path, profile: &Path, clock: &ManualClock, problem: BackupProblem) {
    let before = std::fs::read_dir(profile.parent().expect("parent"))
        .expect("read")
        .count();
    match restore::restore(file, profile, clock) {
        Err(LoaError::Backup { problem: p, .. }) => assert_eq!(p, problem, "{file:?}"),
        other => panic!("{file:?} was not refused as {problem:?}: {other:?}"),
    }
    // Nothing was left beside the profile, nothing put aside.
    assert_eq!(
        std::fs::read_dir(profile.parent().expect("parent"))
            .expect("read")
            .count(),
        before
    );
}

#[test]
fn a_truncated_altered_or_newer_backup_is_refused_and_the_profile_untouched() {
    let root = tempfile::tempdir().expect("tempdir");
    let profile = root.path().join("profile");
    let clock = Arc::new(ManualClock::new(start()));
    let store = filled(&profile, clock.clone());
    let before = snapshot(&store);
    let good = root.path().join("good.loa-backup");
    store
        .backups()
        .write_archive(&good, |_| {})
        .expect("backup");
    drop(store);
    let bad = tempfile::tempdir().expect("bad");

    // Cut short, as by a USB stick pulled out.
    let bytes = std::fs::read(&good).expect("read");
    let cut = bad.path().join("cut.loa-backup");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("write");
    assert_refused(&cut, &profile, &clock, BackupProblem::NotABackup);

    // One photo altered, the zip otherwise valid (its own CRC recomputed).
    let altered = bad.path().join("altered.loa-backup");
    rewrite(&good, &altered, |name, bytes| {
        if name.starts_with("files/media/") && name.ends_with(".jpg") {
            let mid = bytes.len() / 2;
            bytes[mid] ^= 0xff;
        }
    });
    assert_refused(&altered, &profile, &clock, BackupProblem::Corrupt);

    // A photo dropped from the zip but still in the manifest.
    let missing = bad.path().join("missing.loa-backup");
    let mut dropped = false;
    {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&good).expect("open")).expect("zip");
        let mut w = zip::ZipWriter::new(std::fs::File::create(&missing).expect("create"));
        for i in 0..zip.len() {
            let e = zip.by_index(i).expect("entry");
            if !dropped && e.name().expect("name").starts_with("files/media/") {
                dropped = true;
                continue;
            }
            w.raw_copy_file(e).expect("copy");
        }
        w.finish().expect("finish");
    }
    assert!(dropped);
    assert_refused(&missing, &profile, &clock, BackupProblem::Corrupt);

    // From a newer Loa: the manifest says a schema this one does not know.
    let newer = bad.path().join("newer.loa-backup");
    rewrite(&good, &newer, |name, bytes| {
        if name == "manifest.json" {
            let mut m: serde_json::Value = serde_json::from_slice(bytes).expect("json");
            m["contents"]["schema"] = serde_json::json!(backup::current_schema() + 1);
            *bytes = serde_json::to_vec(&m).expect("json");
        }
    });
    assert_refused(&newer, &profile, &clock, BackupProblem::TooNew);

    // Not a backup at all.
    let text = bad.path().join("notes.txt");
    std::fs::write(&text, "không phải bản sao lưu").expect("write");
    assert_refused(&text, &profile, &clock, BackupProblem::NotABackup);

    let store = Store::open_with_clock(&profile, clock).expect("reopen");
    assert_eq!(snapshot(&store), before);
}

#[test]
fn a_backup_made_while_loa_writes_is_consistent() {
    let root = tempfile::tempdir().expect("tempdir");
    let profile = root.path().join("profile");
    let store = Store::open(&profile).expect("open");
    // Another connection (the app, while the command line backs up) keeps writing.
    let writer_dir = profile.clone();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop_w = stop.clone();
    let writer = std::thread::spawn(move || {
        let other = Store::open(&writer_dir).expect("open");
        let mut n = 0u32;
        while !stop_w.load(std::sync::atomic::Ordering::Relaxed) {
            other
                .drafts()
                .create(&NewDraft {
                    title: format!("Tin số {n}"),
                    body: "Nội dung ".repeat(200),
                    ..NewDraft::default()
                })
                .expect("write");
            n += 1;
        }
        n
    });
    let mut summaries = Vec::new();
    for i in 0..3 {
        let out = root.path().join(format!("live-{i}.loa-backup"));
        summaries.push((
            out.clone(),
            store.backups().write_archive(&out, |_| {}).expect("backup"),
        ));
        store
            .backups()
            .snapshot_db(&root.path().join(format!("live-{i}.db")))
            .expect("snapshot");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer.join().expect("writer");
    assert!(written > 0);
    for (i, (out, summary)) in summaries.iter().enumerate() {
        // Checked in full (SQLite's own check included) and the counts agree with the manifest.
        let staged =
            restore::stage(out, &root.path().join(format!("restored-{i}"))).expect("stage");
        assert_eq!(staged.manifest.contents.drafts, summary.drafts);
        staged.discard();
    }
}

#[test]
fn daily_copies_keep_seven_days_and_four_weeks() {
    let root = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(ManualClock::new(start()));
    let store = Store::open_with_clock(root.path(), clock.clone()).expect("open");
    let first = store.backups().daily().expect("daily").expect("made");
    assert_eq!(first.date, "2025-07-29");
    assert_eq!(store.backups().daily().expect("again"), None, "one a day");
    for _ in 0..60 {
        clock.advance(Duration::days(1));
        store.backups().daily().expect("daily");
    }
    let kept: Vec<String> = store
        .backups()
        .list()
        .expect("list")
        .into_iter()
        .map(|b| b.date)
        .collect();
    // 27 September 2025 is a Saturday: the week from Monday 22 holds the 7 newest days but one.
    assert_eq!(
        kept,
        [
            "2025-09-27",
            "2025-09-26",
            "2025-09-25",
            "2025-09-24",
            "2025-09-23",
            "2025-09-22",
            "2025-09-21",
            "2025-09-14",
            "2025-09-07",
            "2025-08-31",
            "2025-08-24"
        ]
    );
    // Each copy is a whole database.
    for b in store.backups().list().expect("list") {
        let conn = rusqlite::Connection::open(&b.file).expect("open");
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("check");
        assert_eq!(ok, "ok");
    }
}

#[test]
fn a_damaged_database_finds_the_newest_good_copy() {
    let root = tempfile::tempdir().expect("tempdir");
    let clock = Arc::new(ManualClock::new(start()));
    let store = Store::open_with_clock(root.path(), clock.clone()).expect("open");
    store
        .drafts()
        .create(&NewDraft {
            title: "Trước hôm qua".into(),
            ..NewDraft::default()
        })
        .expect("draft");
    store.backups().daily().expect("day 1");
    clock.advance(Duration::days(1));
    store
        .drafts()
        .create(&NewDraft {
            title: "Hôm qua".into(),
            ..NewDraft::default()
        })
        .expect("draft");
    store.backups().daily().expect("day 2");
    clock.advance(Duration::days(1));
    store.backups().daily().expect("day 3");
    drop(store);
    // The copy of day 2 is damaged too (a bad sector), the one of day 3 was left by a newer Loa
    // (tried and uninstalled), and the database is beyond repair.
    let copies = backup::daily::list_in(&root.path().join("backups")).expect("list");
    assert_eq!(copies.len(), 3);
    let newer = rusqlite::Connection::open(&copies[0].file).expect("open");
    newer
        .pragma_update(None, "user_version", backup::current_schema() + 1)
        .expect("bump");
    drop(newer);
    std::fs::write(&copies[1].file, b"garbage").expect("damage copy");
    std::fs::write(root.path().join("loa.db"), vec![0x55u8; 8192]).expect("damage db");
    let _ = std::fs::remove_file(root.path().join("loa.db-wal"));
    assert!(Store::open(root.path()).is_err());

    let (good, contents) = backup::daily::newest_good(root.path())
        .expect("look")
        .expect("a good copy");
    assert_eq!(good.date, "2025-07-29");
    assert_eq!(contents.drafts, 1);

    // The officer takes it: Loa opens again with what that day held; the damaged file stays.
    let aside =
        backup::daily::restore_copy(root.path(), &good.file, clock.as_ref()).expect("restore");
    assert!(aside.is_file());
    let store = Store::open(root.path()).expect("opens again");
    let titles: Vec<String> = store
        .drafts()
        .list()
        .expect("list")
        .into_iter()
        .map(|d| d.title)
        .collect();
    assert_eq!(titles, ["Trước hôm qua"]);
}

#[test]
fn a_restore_chosen_while_loa_is_open_is_swapped_in_at_the_next_start() {
    let Backed {
        // Kept alive: dropping it removes the folders.
        root: _root,
        profile,
        clock,
        store,
        before,
        out,
    } = backed_up();
    store
        .drafts()
        .trash(store.drafts().list().expect("list")[0].id)
        .expect("trash");
    // Checked and unpacked while the store is open; nothing moves yet.
    restore::stage(&out, &profile)
        .expect("stage")
        .defer(&profile)
        .expect("defer");
    assert_ne!(snapshot(&store), before);
    drop(store);
    let outcome = restore::finish_pending(&profile, clock.as_ref())
        .expect("finish")
        .expect("pending");
    assert!(outcome.aside.is_some());
    assert_eq!(
        snapshot(&Store::open_with_clock(&profile, clock.clone()).expect("open")),
        before
    );
    // Once only.
    assert_eq!(
        restore::finish_pending(&profile, clock.as_ref()).expect("again"),
        None
    );
}

#[test]
fn a_daily_copy_is_named_by_the_day_in_vietnam() {
    let root = tempfile::tempdir().expect("tempdir");
    // 23:30 UTC on 29 July is 06:30 on 30 July in Vietnam.
    let at = chrono::DateTime::parse_from_rfc3339("2025-07-29T23:30:00Z")
        .expect("instant")
        .with_timezone(&chrono::Utc);
    let store = Store::open_with_clock(root.path(), Arc::new(ManualClock::new(at))).expect("open");
    let made = store.backups().daily().expect("daily").expect("made");
    assert_eq!(made.date, "2025-07-30");
}

#[test]
fn a_profile_still_open_elsewhere_is_not_swapped() {
    let Backed {
        root: _root,
        profile,
        clock,
        store,
        before,
        out,
    } = backed_up();
    // The window (or `loa sync`) still has the profile open: its later writes would go to the
    // folder set aside, so the restore waits, then says so and changes nothing.
    assert_refused(&out, &profile, clock.as_ref(), BackupProblem::InUse);
    assert_eq!(snapshot(&store), before, "the open profile is untouched");
    drop(store);
    restore::restore(&out, &profile, clock.as_ref()).expect("restored once it is closed");
    let store = Store::open_with_clock(&profile, clock.clone()).expect("reopen");
    assert_eq!(snapshot(&store), before);
}
