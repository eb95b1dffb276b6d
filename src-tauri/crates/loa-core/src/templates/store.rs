//! The template rows: listing, loading a template's pack, seeding, import.

use chrono::{DateTime, Utc};
use loa_templates::{FileMap, Pack, TemplateManifest};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{SeedOutcome, TemplateInfo, TemplateOrigin};
use crate::clock::format_ts;
use crate::{LoaError, Result};

/// The settings row holding the fingerprint of the built-in pack last seeded.
const KEY_FINGERPRINT: &str = "templates.builtin_fingerprint";

/// The settings row listing the templates the officer hid from the gallery (ids, one per line).
const KEY_HIDDEN: &str = "templates.hidden";

/// The ids the officer hid.
fn hidden_ids(conn: &Connection) -> Result<std::collections::BTreeSet<String>> {
    Ok(crate::settings::get(conn, KEY_HIDDEN)?
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect())
}

/// Hides template `id` from the gallery, or shows it again. Any template can be hidden; it is
/// how a built-in one, which cannot be deleted, is put out of the way.
pub(crate) fn set_hidden(conn: &Connection, id: &str, hidden: bool) -> Result<()> {
    if origin_of(conn, id)?.is_none() {
        return Err(not_found(id));
    }
    let mut ids = hidden_ids(conn)?;
    if hidden {
        ids.insert(id.to_owned());
    } else {
        ids.remove(id);
    }
    let text = ids.into_iter().collect::<Vec<_>>().join("\n");
    crate::settings::put(
        conn,
        KEY_HIDDEN,
        Some(&text).filter(|t| !t.is_empty()).map(String::as_str),
    )
}

const COLUMNS: &str = "origin, pack_id, pack_version, updated_at, manifest";

fn from_row(r: &Row<'_>) -> rusqlite::Result<(String, String, u32, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn to_info(
    row: (String, String, u32, String, String),
    hidden: &std::collections::BTreeSet<String>,
) -> Result<TemplateInfo> {
    let (origin, pack_id, pack_version, updated_at, manifest) = row;
    let manifest: TemplateManifest =
        serde_json::from_str(&manifest).map_err(|e| LoaError::Template(invalid_row(&e)))?;
    Ok(TemplateInfo {
        origin: origin.parse()?,
        pack_id,
        pack_version,
        updated_at,
        hidden: hidden.contains(&manifest.id),
        manifest,
    })
}

/// A stored manifest that no longer parses (written by a newer Loa, or damaged).
fn invalid_row(e: &serde_json::Error) -> loa_templates::TemplateError {
    loa_templates::TemplateError::PackInvalid {
        path: loa_templates::pack::TEMPLATE_MANIFEST.to_owned(),
        detail: e.to_string(),
    }
}

fn not_found(id: &str) -> LoaError {
    LoaError::Template(loa_templates::TemplateError::TemplateNotFound { id: id.to_owned() })
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<TemplateInfo>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM templates
         ORDER BY origin <> 'builtin', pack_id, position, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    let hidden = hidden_ids(conn)?;
    rows.map(|r| to_info(r?, &hidden)).collect()
}

pub(crate) fn get(conn: &Connection, id: &str) -> Result<TemplateInfo> {
    let row = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM templates WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| not_found(id))?;
    to_info(row, &hidden_ids(conn)?)
}

fn origin_of(conn: &Connection, id: &str) -> Result<Option<(TemplateOrigin, u32, String)>> {
    let row: Option<(String, u32, String)> = conn
        .query_row(
            "SELECT origin, version, files_sha256 FROM templates WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    row.map(|(o, v, h)| Ok((o.parse()?, v, h))).transpose()
}

pub(crate) fn pack(conn: &Connection, id: &str) -> Result<Pack> {
    let mut stmt = conn.prepare("SELECT path, bytes FROM template_files WHERE template_id = ?1")?;
    let files: FileMap = stmt
        .query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    if files.is_empty() {
        return Err(not_found(id));
    }
    Ok(Pack::from_files(files)?)
}

/// Writes template `id` (the only template of `one`) with its files, replacing any row of that
/// id. `position` is its place in the pack it came from.
fn put(
    conn: &Connection,
    now: DateTime<Utc>,
    one: &Pack,
    id: &str,
    origin: TemplateOrigin,
    position: usize,
) -> Result<()> {
    let m = one.template(id)?;
    let manifest = serde_json::to_string(m).map_err(|e| LoaError::Template(invalid_row(&e)))?;
    conn.execute("DELETE FROM templates WHERE id = ?1", [id])?;
    conn.execute(
        "INSERT INTO templates (id, version, origin, pack_id, pack_version, position, category,
                                manifest, files_sha256, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            m.version,
            origin.as_str(),
            one.id(),
            one.manifest().version,
            position as i64,
            m.category.as_str(),
            manifest,
            one.hash(),
            format_ts(now),
        ],
    )?;
    let mut insert =
        conn.prepare("INSERT INTO template_files (template_id, path, bytes) VALUES (?1, ?2, ?3)")?;
    for (path, bytes) in one.files() {
        insert.execute(params![id, path, bytes])?;
    }
    Ok(())
}

pub(crate) fn import(
    conn: &Connection,
    now: DateTime<Utc>,
    pack: &Pack,
    replace_own: bool,
) -> Result<()> {
    // Refuse the whole file before writing anything.
    for t in pack.templates() {
        let own = match origin_of(conn, &t.id)? {
            Some((TemplateOrigin::Builtin, _, _)) => false,
            Some((TemplateOrigin::User, _, _)) if !replace_own => true,
            _ => continue,
        };
        return Err(LoaError::TemplateIdTaken {
            id: t.id.clone(),
            own,
        });
    }
    for (position, t) in pack.templates().iter().enumerate() {
        let one = pack.subset(&[t.id.as_str()])?;
        put(conn, now, &one, &t.id, TemplateOrigin::Imported, position)?;
    }
    Ok(())
}

pub(crate) fn put_user(conn: &Connection, now: DateTime<Utc>, one: &Pack, id: &str) -> Result<()> {
    if let Some((TemplateOrigin::Builtin, _, _)) = origin_of(conn, id)? {
        return Err(LoaError::TemplateIdTaken {
            id: id.to_owned(),
            own: false,
        });
    }
    put(conn, now, one, id, TemplateOrigin::User, 0)
}

pub(crate) fn delete(conn: &Connection, id: &str) -> Result<()> {
    match origin_of(conn, id)? {
        None => Err(not_found(id)),
        Some((TemplateOrigin::Builtin, _, _)) => {
            Err(LoaError::TemplateBuiltin { id: id.to_owned() })
        }
        Some(_) => {
            conn.execute("DELETE FROM templates WHERE id = ?1", [id])?;
            Ok(())
        }
    }
}

/// What seeding does with one shipped template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SeedAction {
    /// Not in the profile: store it.
    Add,
    /// An older built-in version, or the same version with other files: replace it.
    Upgrade,
    /// The same built-in template, or a newer one (the profile was opened by a newer Loa).
    Keep,
    /// The officer's own template holds this id: never touched.
    KeepOwn,
}

/// The decision for one shipped template from what the profile holds (origin, version, hash of
/// the files). Pure, so every case is tested alone.
pub(crate) fn seed_action(
    stored: Option<&(TemplateOrigin, u32, String)>,
    shipped_version: u32,
    shipped_hash: &str,
) -> SeedAction {
    match stored {
        None => SeedAction::Add,
        Some((TemplateOrigin::Builtin, version, hash)) => {
            if shipped_version > *version || (shipped_version == *version && hash != shipped_hash) {
                SeedAction::Upgrade
            } else {
                SeedAction::Keep
            }
        }
        Some(_) => SeedAction::KeepOwn,
    }
}

/// Seeds the built-in pack. Skipped when the fingerprint of the shipped pack is the one last
/// seeded, unless `force`.
pub(crate) fn seed_builtin(
    conn: &Connection,
    now: DateTime<Utc>,
    force: bool,
) -> Result<SeedOutcome> {
    let fingerprint = loa_templates::builtin_fingerprint();
    let seeded: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [KEY_FINGERPRINT],
            |r| r.get(0),
        )
        .optional()?;
    if !force && seeded.as_deref() == Some(fingerprint) {
        return Ok(SeedOutcome {
            unchanged: true,
            ..SeedOutcome::default()
        });
    }
    let mut outcome = SeedOutcome::default();
    if loa_templates::has_builtin() {
        let pack = loa_templates::builtin()?;
        for (position, t) in pack.templates().iter().enumerate() {
            let one = pack.subset(&[t.id.as_str()])?;
            let stored = origin_of(conn, &t.id)?;
            match seed_action(stored.as_ref(), t.version, one.hash()) {
                SeedAction::Add => {
                    put(conn, now, &one, &t.id, TemplateOrigin::Builtin, position)?;
                    outcome.added.push(t.id.clone());
                }
                SeedAction::Upgrade => {
                    put(conn, now, &one, &t.id, TemplateOrigin::Builtin, position)?;
                    outcome.upgraded.push(t.id.clone());
                }
                SeedAction::Keep => {}
                SeedAction::KeepOwn => outcome.kept_own.push(t.id.clone()),
            }
        }
    }
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![KEY_FINGERPRINT, fingerprint],
    )?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeding_adds_upgrades_and_never_touches_the_officers_templates() {
        use SeedAction::*;
        use TemplateOrigin::*;
        let row = |o, v: u32, h: &str| (o, v, h.to_owned());
        assert_eq!(seed_action(None, 1, "a"), Add);
        assert_eq!(seed_action(Some(&row(Builtin, 1, "a")), 1, "a"), Keep);
        assert_eq!(seed_action(Some(&row(Builtin, 1, "a")), 2, "b"), Upgrade);
        assert_eq!(seed_action(Some(&row(Builtin, 1, "a")), 1, "b"), Upgrade);
        // A newer Loa stored version 3; this older Loa ships 2 and leaves it.
        assert_eq!(seed_action(Some(&row(Builtin, 3, "c")), 2, "b"), Keep);
        for own in [User, Imported] {
            assert_eq!(seed_action(Some(&row(own, 1, "a")), 5, "z"), KeepOwn);
        }
    }
}
