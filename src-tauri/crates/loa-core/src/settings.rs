//! Profile settings kept in the database, so they follow the profile and not the machine.
//!
//! The `settings` table is a key/value store shared by the features (`ui.lang`, `media.watermark.*`,
//! `profile.*` …); [`get`] and [`put`] are the one way to read and write a key.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::{Lang, Result};

/// The settings the UI needs at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Settings {
    /// Interface language. Vietnamese until the officer switches.
    pub lang: Lang,
    /// The profile could only be opened for reading (see `Store::read_only`).
    pub read_only: bool,
}

const KEY_LANG: &str = "ui.lang";

/// The value stored under `key`, if any.
pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Stores `value` under `key`; `None` removes the key.
pub(crate) fn put(conn: &Connection, key: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) => conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, v],
        )?,
        None => conn.execute("DELETE FROM settings WHERE key = ?1", [key])?,
    };
    Ok(())
}

pub(crate) fn load(conn: &Connection) -> Result<Settings> {
    Ok(Settings {
        // An unreadable value (written by hand, say) falls back to Vietnamese rather than failing.
        lang: get(conn, KEY_LANG)?
            .and_then(|l| l.parse().ok())
            .unwrap_or_default(),
        read_only: false,
    })
}

pub(crate) fn set_lang(conn: &Connection, lang: Lang) -> Result<()> {
    put(conn, KEY_LANG, Some(lang.as_str()))
}
