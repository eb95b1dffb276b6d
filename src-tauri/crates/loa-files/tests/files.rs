//! Hostile paths: FIFOs, devices, huge and growing files, link loops, deep and wide folders.
//! Each call that could hang runs on its own thread and must answer within a few seconds, so a
//! regression fails the test instead of hanging it.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use loa_files::{Cap, FileError, FileKind, Skipped, Walk, read};

/// Runs `f` on a thread and waits at most 10 s for its answer.
fn bounded<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("the call must not block")
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn a_regular_file_is_read_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("a.txt");
    std::fs::write(&p, "Thông báo").expect("write");
    assert_eq!(
        read(&p, Cap::TextFile).expect("reads"),
        "Thông báo".as_bytes()
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("notes.txt");
    mkfifo(&fifo);
    let r = bounded({
        let fifo = fifo.clone();
        move || read(&fifo, Cap::TextFile)
    });
    assert_eq!(
        r,
        Err(FileError::NotAFile {
            path: fifo.clone(),
            kind: FileKind::Pipe
        })
    );
    // A link to it, named explicitly, is refused the same way.
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&fifo, &link).expect("symlink");
    let r = bounded(move || read(&link, Cap::TextFile));
    assert!(
        matches!(
            r,
            Err(FileError::NotAFile {
                kind: FileKind::Pipe,
                ..
            })
        ),
        "{r:?}"
    );
}

#[cfg(unix)]
#[test]
fn devices_are_refused_even_through_a_link() {
    let r = bounded(|| read(Path::new("/dev/zero"), Cap::Photo));
    assert!(
        matches!(
            r,
            Err(FileError::NotAFile {
                kind: FileKind::Device,
                ..
            })
        ),
        "{r:?}"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let link = dir.path().join("photo.jpg");
    std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
    let r = bounded(move || read(&link, Cap::Photo));
    assert!(
        matches!(
            r,
            Err(FileError::NotAFile {
                kind: FileKind::Device,
                ..
            })
        ),
        "{r:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_a_regular_file_is_followed_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("real.txt");
    std::fs::write(&target, "x").expect("write");
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    assert_eq!(read(&link, Cap::TextFile).expect("reads"), b"x");
}

#[test]
fn a_file_over_its_cap_is_refused_before_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("big.txt");
    // 400 MB, sparse: refusing it must not read (or allocate) 400 MB.
    let f = std::fs::File::create(&p).expect("create");
    f.set_len(400 * 1024 * 1024).expect("set_len");
    drop(f);
    let r = bounded({
        let p = p.clone();
        move || read(&p, Cap::TextFile)
    });
    assert_eq!(
        r,
        Err(FileError::TooLarge {
            path: p,
            limit_mb: 8
        })
    );
}

#[test]
fn folders_and_missing_files_are_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(matches!(
        read(dir.path(), Cap::TextFile),
        Err(FileError::NotAFile {
            kind: FileKind::Folder,
            ..
        })
    ));
    let missing = dir.path().join("nope.txt");
    assert_eq!(
        read(&missing, Cap::TextFile),
        Err(FileError::NotFound { path: missing })
    );
}

#[test]
fn read_limited_cuts_at_the_given_budget() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("a.bin");
    std::fs::write(&p, [7u8; 100]).expect("write");
    assert_eq!(loa_files::read_limited(&p, 100).expect("fits").len(), 100);
    assert!(matches!(
        loa_files::read_limited(&p, 99),
        Err(FileError::TooLarge { limit_mb: 1, .. })
    ));
}

fn touch(path: &Path) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, b"x").expect("write");
}

fn names(root: &Path, files: &[PathBuf]) -> Vec<String> {
    files
        .iter()
        .map(|p| {
            p.strip_prefix(root)
                .expect("under root")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn a_link_loop_ends_and_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    touch(&root.join("a.txt"));
    touch(&root.join("sub/b.txt"));
    std::os::unix::fs::symlink(".", root.join("l1")).expect("symlink");
    std::os::unix::fs::symlink("..", root.join("sub/up")).expect("symlink");
    mkfifo(&root.join("pipe.txt"));
    touch(&root.join(".hidden/c.txt"));
    let walked = bounded({
        let root = root.to_path_buf();
        move || Walk::default().run(&root)
    })
    .expect("walks");
    assert_eq!(names(root, &walked.files), ["a.txt", "sub/b.txt"]);
    let skipped: Vec<(String, Skipped)> = walked
        .skipped
        .iter()
        .map(|(p, s)| (names(root, std::slice::from_ref(p))[0].clone(), s.clone()))
        .collect();
    assert_eq!(
        skipped,
        [
            ("l1".to_owned(), Skipped::Link),
            ("pipe.txt".to_owned(), Skipped::NotAFile(FileKind::Pipe)),
            ("sub/up".to_owned(), Skipped::Link),
        ]
    );
}

#[test]
fn a_wide_folder_stops_at_the_entry_cap() {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..30 {
        touch(&dir.path().join(format!("f{i}.txt")));
    }
    let walk = Walk {
        max_entries: 10,
        ..Walk::default()
    };
    assert_eq!(
        walk.run(dir.path()),
        Err(FileError::TooManyEntries {
            path: dir.path().to_path_buf(),
            limit: 10
        })
    );
    assert_eq!(
        Walk::default().run(dir.path()).expect("walks").files.len(),
        30
    );
}

#[test]
fn a_deep_folder_stops_at_the_depth_cap() {
    let dir = tempfile::tempdir().expect("tempdir");
    touch(&dir.path().join("1/2/3/4/5/deep.txt"));
    let walk = Walk {
        max_depth: 3,
        ..Walk::default()
    };
    assert!(matches!(
        walk.run(dir.path()),
        Err(FileError::TooDeep { limit: 3, path }) if path.ends_with("1/2/3/4")
    ));
    let all = Walk::default().run(dir.path()).expect("walks");
    assert_eq!(names(dir.path(), &all.files), ["1/2/3/4/5/deep.txt"]);
}

#[test]
fn a_file_given_as_the_root_is_a_walk_of_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("a.txt");
    touch(&p);
    assert_eq!(Walk::default().run(&p).expect("walks").files, [p]);
}

/// The ids of a Fluent file (entries that start a line with `id =`).
fn ftl_ids(lang: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../locales")
        .join(lang)
        .join("files.ftl");
    let src = std::fs::read_to_string(&path).expect("files.ftl");
    let res = fluent_syntax::parser::parse(src.as_str()).expect("parses without errors");
    res.body
        .iter()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_error_has_a_message_in_both_languages() {
    for lang in ["vi", "en"] {
        let ids = ftl_ids(lang);
        for code in FileError::CODES {
            let id = format!("file-error-{}", code.replace('_', "-"));
            assert!(
                ids.contains(&id),
                "{id} missing in locales/{lang}/files.ftl"
            );
        }
    }
    let e = FileError::NotAFile {
        path: "/dev/zero".into(),
        kind: FileKind::Device,
    };
    assert_eq!(e.message_id(), "file-error-not-a-file");
    assert_eq!(e.args()["kind"], "device");
    assert_eq!(e.args()["path"], "/dev/zero");
}
