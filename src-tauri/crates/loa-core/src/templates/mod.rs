//! Infographic templates in the profile's database.
//!
//! Each template is stored whole (its manifest and every file it needs, shared `lib.typ`
//! included), so it renders, upgrades, imports and exports on its own. The pack shipped with
//! Loa is seeded when a profile opens: new built-in templates are added, built-in templates
//! whose shipped version is newer are replaced, and the officer's own templates (`user`,
//! `imported`) are never touched. A fingerprint of the shipped pack in `settings` makes the
//! check free when nothing changed.
//!
//! - [`store`]: the rows, seeding, import and export;
//! - [`author`]: "template author" mode, a watcher on a pack folder;
//! - [`drafts`]: using a template — its sample, thumbnails, the live preview, "create draft".
//!
//! Rendering is not here (`loa-render` has Typst); callers take [`Templates::pack`] to it.

pub mod author;
pub mod drafts;
pub(crate) mod store;

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use loa_templates::{Pack, TemplateManifest};
use serde::{Deserialize, Serialize};

use crate::{LoaError, Result, Store};

pub use author::{AuthorEvent, PackWatcher};

/// Where a template came from; decides whether seeding may replace it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum TemplateOrigin {
    /// Shipped with Loa; upgraded when a newer Loa ships a newer version.
    Builtin,
    /// Made or changed by the officer.
    User,
    /// From a pack file.
    Imported,
}

impl TemplateOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            TemplateOrigin::Builtin => "builtin",
            TemplateOrigin::User => "user",
            TemplateOrigin::Imported => "imported",
        }
    }
}

impl fmt::Display for TemplateOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TemplateOrigin {
    type Err = LoaError;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "builtin" => Ok(TemplateOrigin::Builtin),
            "user" => Ok(TemplateOrigin::User),
            "imported" => Ok(TemplateOrigin::Imported),
            other => Err(LoaError::InvalidValue {
                field: "origin".to_owned(),
                value: other.to_owned(),
                allowed: "builtin, user, imported".to_owned(),
            }),
        }
    }
}

/// A stored template, as the gallery and `loa template list` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TemplateInfo {
    pub origin: TemplateOrigin,
    pub pack_id: String,
    pub pack_version: u32,
    /// RFC 3339, UTC: when this version was stored.
    pub updated_at: String,
    /// Id, version, category, names, sizes and fields.
    pub manifest: TemplateManifest,
    /// The officer hid it from the gallery (a built-in template they do not use).
    pub hidden: bool,
}

/// What seeding the built-in pack did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedOutcome {
    /// Built-in templates stored for the first time.
    pub added: Vec<String>,
    /// Built-in templates replaced by a newer shipped version.
    pub upgraded: Vec<String>,
    /// Shipped templates left alone because the profile holds the officer's own template under
    /// the same id.
    pub kept_own: Vec<String>,
    /// True when the fingerprint matched and nothing was looked at.
    pub unchanged: bool,
}

/// Infographic templates in the profile. Obtained with [`Store::templates`].
#[derive(Debug, Clone, Copy)]
pub struct Templates<'a> {
    pub(crate) store: &'a Store,
}

impl Templates<'_> {
    /// Every template, the built-in ones first in their pack's order, then the officer's.
    pub fn list(&self) -> Result<Vec<TemplateInfo>> {
        self.store.read(store::list)
    }

    pub fn get(&self, id: &str) -> Result<TemplateInfo> {
        self.store.read(|c| store::get(c, id))
    }

    /// The files of template `id` as a pack of that one template: what the renderer takes.
    pub fn pack(&self, id: &str) -> Result<Pack> {
        self.store.read(|c| store::pack(c, id))
    }

    /// Adds the templates of a pack file (a zip, see [`Pack::from_zip_file`]) as `imported`. A
    /// template with the id of a built-in one, or of the officer's own, is refused (the whole
    /// file is, before anything is written); one with the id of an earlier import replaces it
    /// (a newer version of the same pack).
    pub fn import_pack(&self, path: &Path) -> Result<Vec<TemplateInfo>> {
        self.import(&Pack::from_zip_file(path)?, false)
    }

    /// Stores the templates of a pack already read (and, in the front doors, test-rendered by
    /// `loa_render::check_pack`). `replace_own`: the officer confirmed that the pack's templates
    /// replace own templates with the same ids; without it they are refused with
    /// [`LoaError::TemplateIdTaken`] `own: true`. Built-in ids are refused either way.
    pub fn import(&self, pack: &Pack, replace_own: bool) -> Result<Vec<TemplateInfo>> {
        let ids: Vec<String> = pack.templates().iter().map(|t| t.id.clone()).collect();
        self.store
            .write(|tx, now| store::import(tx, now, pack, replace_own))?;
        ids.iter().map(|id| self.get(id)).collect()
    }

    /// Writes templates `ids` as one pack file at `path`. Templates from different packs go
    /// together as long as their shared files agree.
    pub fn export_pack(&self, ids: &[String], path: &Path) -> Result<()> {
        if ids.is_empty() {
            return Err(LoaError::InvalidValue {
                field: "template".to_owned(),
                value: String::new(),
                allowed: self
                    .list()?
                    .iter()
                    .map(|t| t.manifest.id.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        let packs = ids
            .iter()
            .map(|id| self.pack(id))
            .collect::<Result<Vec<_>>>()?;
        let merged = Pack::merge(&packs)?;
        merged.write_zip_file(path)?;
        Ok(())
    }

    /// Stores one template of `pack` as the officer's own (`user`): a template written in author
    /// mode, or a built-in one saved under a new id. A built-in id is refused.
    pub fn save_user(&self, pack: &Pack, id: &str) -> Result<TemplateInfo> {
        let one = pack.subset(&[id])?;
        self.store
            .write(|tx, now| store::put_user(tx, now, &one, id))?;
        self.get(id)
    }

    /// Removes one of the officer's templates. Built-in templates cannot be removed (they would
    /// come back with the next seeding): they can be hidden ([`Self::set_hidden`]).
    pub fn delete(&self, id: &str) -> Result<()> {
        self.store.write(|tx, _| store::delete(tx, id))
    }

    /// Hides template `id` from the gallery, or shows it again; it stays in the profile, and a
    /// hidden built-in template is kept up to date like the others.
    pub fn set_hidden(&self, id: &str, hidden: bool) -> Result<TemplateInfo> {
        self.store
            .write(|tx, _| store::set_hidden(tx, id, hidden))?;
        self.get(id)
    }

    /// Seeds or upgrades the built-in pack (done by [`Store::open`]; public for tests and for a
    /// "restore built-in templates" action).
    pub fn seed_builtin(&self) -> Result<SeedOutcome> {
        self.store
            .write(|tx, now| store::seed_builtin(tx, now, false))
    }

    /// Seeds even when the fingerprint matches (repairs a profile whose rows were damaged).
    pub fn reseed_builtin(&self) -> Result<SeedOutcome> {
        self.store
            .write(|tx, now| store::seed_builtin(tx, now, true))
    }
}
