//! A profile that cannot be used says why, in the officer's language, without the OS's or
//! SQLite's English words and without promising what is not known.

use loa_core::{ErrorCode, Lang, LoaError, Localizer, Store};

fn vi(e: &LoaError) -> String {
    Localizer::new(Lang::Vi).error(e)
}

#[test]
fn a_damaged_database_file_is_named_as_damaged() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("loa.db"),
        b"this is not an SQLite database, it was overwritten by a broken copy".repeat(100),
    )
    .expect("write");
    let e = Store::open(dir.path()).expect_err("a damaged file cannot be opened");
    assert_eq!(e.code(), ErrorCode::DatabaseCorrupt, "{e:?}");
    let line = vi(&e);
    assert!(line.contains("loa.db bị hỏng"), "{line}");
    assert!(
        !line.contains("vẫn còn nguyên"),
        "no promise that is not known: {line}"
    );
    assert!(!line.contains("database"), "no English: {line}");
}

#[test]
fn a_full_disk_and_a_read_only_folder_have_their_own_sentences() {
    use rusqlite::ffi;
    let sqlite =
        |code| LoaError::Database(rusqlite::Error::SqliteFailure(ffi::Error::new(code), None));
    for (code, want, words) in [
        (ffi::SQLITE_FULL, ErrorCode::DiskFull, "Ổ đĩa đã đầy"),
        (
            ffi::SQLITE_READONLY,
            ErrorCode::DatabaseReadOnly,
            "chỉ cho phép đọc",
        ),
        (
            ffi::SQLITE_CANTOPEN,
            ErrorCode::DatabaseReadOnly,
            "chỉ cho phép đọc",
        ),
        (ffi::SQLITE_NOTADB, ErrorCode::DatabaseCorrupt, "bị hỏng"),
        (
            ffi::SQLITE_IOERR,
            ErrorCode::Database,
            "báo cho hỗ trợ kỹ thuật",
        ),
    ] {
        let e = sqlite(code);
        assert_eq!(e.code(), want);
        let line = vi(&e);
        assert!(line.contains(words), "{line}");
        assert!(
            !line.contains("disk") && !line.contains("readonly"),
            "no English: {line}"
        );
    }
}
