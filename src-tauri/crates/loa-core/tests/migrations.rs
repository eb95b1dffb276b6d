//! Migrations are append-only: an applied migration is never edited, and every file in
//! `migrations/` is embedded. Editing a shipped migration would leave officers' databases with a
//! schema no fresh install has.

use std::collections::BTreeMap;
use std::path::Path;

use loa_core::db::MIGRATION_SQL;

/// FNV-1a, 64 bit: enough to notice an edit; not a security measure.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
}

#[test]
fn every_migration_file_is_embedded_in_order() {
    let mut files: Vec<String> = std::fs::read_dir(dir())
        .expect("migrations dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    files.sort();
    let embedded: Vec<&str> = MIGRATION_SQL.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        files, embedded,
        "migrations/*.sql and db::MIGRATION_SQL differ"
    );
}

#[test]
fn applied_migrations_are_never_edited() {
    let recorded: BTreeMap<String, String> = std::fs::read_to_string(dir().join("CHECKSUMS"))
        .expect("migrations/CHECKSUMS")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(' '))
        .map(|(n, h)| (n.to_owned(), h.trim().to_owned()))
        .collect();
    for (name, sql) in MIGRATION_SQL {
        let actual = format!("{:016x}", fnv1a(sql.as_bytes()));
        match recorded.get(*name) {
            Some(h) => assert_eq!(
                h, &actual,
                "{name} was edited after it shipped; add a new migration instead"
            ),
            None => panic!("{name} has no line in migrations/CHECKSUMS: add `{name} {actual}`"),
        }
    }
    assert_eq!(
        recorded.len(),
        MIGRATION_SQL.len(),
        "CHECKSUMS names a missing migration"
    );
}

#[test]
fn a_database_at_every_older_version_upgrades() {
    // Build a database at each intermediate version with the migrations of that time, add a row,
    // then open it with the current code: the upgrade must keep the data.
    for applied in 1..=MIGRATION_SQL.len() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join(loa_core::paths::DB_FILE);
        {
            let conn = rusqlite_open(&path);
            for (_, sql) in &MIGRATION_SQL[..applied] {
                conn.execute_batch(sql).expect("old migration");
            }
            conn.pragma_update(None, "user_version", applied as i64)
                .expect("version");
            conn.execute(
                "INSERT INTO drafts (title, body, created_at, updated_at)
                 VALUES ('Lịch tiếp dân', 'Thứ Hai', '2025-07-29T00:00:00.000Z', '2025-07-29T00:00:00.000Z')",
                [],
            )
            .expect("row at old version");
        }
        let store = loa_core::Store::open(tmp.path()).expect("upgrade");
        let drafts = store.drafts().list().expect("list");
        assert_eq!(drafts.len(), 1);
        assert_eq!(drafts[0].title, "Lịch tiếp dân");
    }
}

fn rusqlite_open(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).expect("open raw")
}
