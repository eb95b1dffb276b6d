//! Profile settings kept in the database, so they follow the profile and not the machine.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::{Lang, Result};

/// The settings the UI needs at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Settings {
    /// Interface language. Vietnamese until the officer switches.
    pub lang: Lang,
}

const KEY_LANG: &str = "ui.lang";

/// One value of the settings table, `None` when never set (every feature's settings go here).
pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Sets one value of the settings table.
pub(crate) fn put(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub(crate) fn load(conn: &Connection) -> Result<Settings> {
    let lang = get(conn, KEY_LANG)?;
    Ok(Settings {
        // An unreadable value (written by hand, say) falls back to Vietnamese rather than failing.
        lang: lang.and_then(|l| l.parse().ok()).unwrap_or_default(),
    })
}

pub(crate) fn set_lang(conn: &Connection, lang: Lang) -> Result<()> {
    put(conn, KEY_LANG, lang.as_str())
}
