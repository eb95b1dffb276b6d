//! Opening a profile's SQLite database: pragmas and embedded, append-only migrations.
//!
//! Migrations are SQL files under `migrations/`, applied in order and recorded in SQLite's
//! `user_version`. They are append-only: an applied migration is never edited (a test compares
//! them with `migrations/CHECKSUMS`); a change to the schema is a new file.

use std::path::Path;
use std::sync::LazyLock;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::{LoaError, Result};

/// The migrations, oldest first. Append only.
pub const MIGRATION_SQL: &[(&str, &str)] = &[
    (
        "0001_drafts.sql",
        include_str!("../migrations/0001_drafts.sql"),
    ),
    (
        "0002_search.sql",
        include_str!("../migrations/0002_search.sql"),
    ),
    (
        "0003_check_overrides.sql",
        include_str!("../migrations/0003_check_overrides.sql"),
    ),
    (
        "0004_media.sql",
        include_str!("../migrations/0004_media.sql"),
    ),
    (
        "0005_templates.sql",
        include_str!("../migrations/0005_templates.sql"),
    ),
    (
        "0006_outbox.sql",
        include_str!("../migrations/0006_outbox.sql"),
    ),
    (
        "0007_insights.sql",
        include_str!("../migrations/0007_insights.sql"),
    ),
    (
        "0008_calendar.sql",
        include_str!("../migrations/0008_calendar.sql"),
    ),
    (
        "0009_videos.sql",
        include_str!("../migrations/0009_videos.sql"),
    ),
    (
        "0010_outbox_video.sql",
        include_str!("../migrations/0010_outbox_video.sql"),
    ),
];

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(MIGRATION_SQL.iter().map(|(_, sql)| M::up(sql)).collect()));

/// The migration set, for validation in tests.
pub fn migrations() -> &'static Migrations<'static> {
    &MIGRATIONS
}

/// Sets the pragmas every connection needs.
fn configure(conn: &Connection) -> Result<()> {
    // WAL: readers (the CLI, a future sync worker) never block the editor's writes.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // FULL rather than NORMAL: power cuts are common in the communes Loa serves, and a draft saved
    // once a second costs nothing to sync. NORMAL would survive an app crash but not a power cut.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // The app and the command line may touch the same profile; wait instead of failing at once.
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// Opens (creating if needed) the database at `path` and brings its schema up to date.
pub fn open(path: &Path) -> Result<Connection> {
    let mut conn = Connection::open(path)?;
    configure(&conn)?;
    MIGRATIONS.to_latest(&mut conn)?;
    crate::drafts::search::ensure_index(&mut conn)?;
    Ok(conn)
}

/// Opens the profile's database for reading only, for when it cannot be written (a folder on a
/// read-only medium or without write permission): the officer can still read, search and copy
/// out their drafts. SQLite is asked to read in place (`immutable`: no `-shm` to create, no
/// lock to take) only after a plain read-only open failed, and only a database already at this
/// Loa's schema opens this way — an older one would need its migrations written.
pub fn open_read_only(dir: &Path) -> Result<Connection> {
    use rusqlite::OpenFlags;
    let path = dir.join(crate::paths::DB_FILE);
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let uri = |extra: &str| {
        let mut u = url_path(&path);
        u.insert_str(0, "file:");
        u.push_str("?mode=ro");
        u.push_str(extra);
        u
    };
    let readable = |conn: Connection| -> Result<Connection> {
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version != MIGRATION_SQL.len() as i64 {
            return Err(LoaError::profile_read_only(format!(
                "schema {version} cannot be brought up to date read-only"
            )));
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(conn)
    };
    let plain = Connection::open_with_flags(uri(""), flags)
        .map_err(LoaError::from)
        .and_then(|c| {
            // The first read is where a missing `-shm` shows.
            c.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })?;
            Ok(c)
        })
        .and_then(readable);
    match plain {
        Ok(conn) => Ok(conn),
        Err(_) => readable(Connection::open_with_flags(uri("&immutable=1"), flags)?),
    }
}

/// `path` as the path part of an SQLite `file:` URI: `%`, `?` and `#` escaped (a Vietnamese
/// folder name stays as it is, in UTF-8).
fn url_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            '\\' => out.push('/'),
            _ => out.push(c),
        }
    }
    out
}

/// Opens the database of the profile folder `dir`, creating the folder if needed; the folder
/// and the database are private to the officer ([`crate::privacy`]).
pub fn open_in_dir(dir: &Path) -> Result<Connection> {
    let data_dir = |source| LoaError::DataDir {
        path: dir.to_path_buf(),
        source,
    };
    crate::privacy::create_profile_dir(dir).map_err(data_dir)?;
    let path = dir.join(crate::paths::DB_FILE);
    crate::privacy::create_private_file(&path).map_err(data_dir)?;
    let conn = open(&path)?;
    // After opening, so the -wal and -shm files SQLite just made are corrected too.
    crate::privacy::correct_profile(dir, crate::paths::DB_FILE);
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().expect("migrations validate");
    }

    #[cfg(unix)]
    #[test]
    fn the_profile_is_private_when_created_and_corrected_on_open() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("profiles").join("default");
        let db_files = ["loa.db", "loa.db-wal", "loa.db-shm"];
        {
            let _conn = open_in_dir(&dir).expect("open");
            assert_eq!(mode(&dir), 0o700);
            for f in db_files {
                assert_eq!(mode(&dir.join(f)), 0o600, "{f}");
            }
        }
        // A profile made readable (an older Loa, a copy by hand, a restored backup).
        let set = |p: &Path, m: u32| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("chmod")
        };
        set(&dir, 0o755);
        std::fs::write(dir.join("loa.db.bak"), b"copy").expect("backup");
        for f in ["loa.db", "loa.db.bak"] {
            set(&dir.join(f), 0o644);
        }
        let _conn = open_in_dir(&dir).expect("reopen");
        assert_eq!(mode(&dir), 0o700);
        for f in db_files.iter().chain(&["loa.db.bak"]) {
            assert_eq!(mode(&dir.join(f)), 0o600, "{f}");
        }
    }

    #[test]
    fn pragmas_are_set() {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = open_in_dir(dir.path()).expect("open");
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .expect("journal_mode");
        assert_eq!(mode, "wal");
        let fk: i64 = conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .expect("foreign_keys");
        assert_eq!(fk, 1);
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("user_version");
        assert_eq!(version as usize, MIGRATION_SQL.len());
    }

    #[test]
    fn a_database_from_a_newer_loa_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        drop(open_in_dir(dir.path()).expect("open"));
        let conn = Connection::open(dir.path().join(crate::paths::DB_FILE)).expect("raw open");
        conn.pragma_update(None, "user_version", 99).expect("bump");
        drop(conn);
        assert!(matches!(
            open_in_dir(dir.path()),
            Err(LoaError::DatabaseTooNew)
        ));
    }
}
