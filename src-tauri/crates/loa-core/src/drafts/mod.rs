//! Drafts: what the officer writes, with revision history and a trash, and around them:
//!
//! - [`search`]: diacritic-insensitive search (FTS5 over a folded form);
//! - [`import`]: `.txt`, `.md`, `.rtf`, `.docx` files become drafts;
//! - [`legacy`]: pasted TCVN3 / VNI / VIQR text detected and offered converted;
//! - [`checks`]: the checks before a draft is queued, with the officer's overrides.
//!
//! The functions here take the connection (or a transaction) and the current time; the
//! [`Drafts`] view ([`crate::Store::drafts`]) calls them inside one transaction per operation.

pub mod checks;
pub mod import;
pub mod legacy;
pub mod search;

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use crate::clock::{format_ts, parse_ts};
use crate::text::nfc;
use crate::{CheckFinding, ImportOutcome, Lang, LoaError, Result, SearchHit, SearchQuery, Store};

/// A burst of autosaves within this many seconds of a revision's start updates that revision
/// instead of adding one: history keeps one entry per few minutes of typing, not one per second.
pub const REVISION_COALESCE_SECS: i64 = 300;

/// Removing at least this many characters at once always starts a new revision, so that the text
/// from before an accidental "select all, delete" can be restored.
pub const BIG_DELETION_CHARS: usize = 100;

macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident, $field:literal { $($(#[$vmeta:meta])* $variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize, specta::Type,
        )]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code stored in the database and printed by the command line.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = LoaError;

            fn from_str(s: &str) -> Result<Self> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s.trim())
                    .ok_or_else(|| LoaError::InvalidValue {
                        field: $field.to_owned(),
                        value: s.to_owned(),
                        allowed: $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                    })
            }
        }
    };
}

code_enum!(
    /// What a post is about; names come from `topic-<code>` in the locales.
    Topic, "topic" {
        PolicyLaw => "policy_law",
        WeatherDisaster => "weather_disaster",
        Health => "health",
        AdminProcedure => "admin_procedure",
        SecurityScam => "security_scam",
        CultureTourism => "culture_tourism",
        EconomyProducts => "economy_products",
        GoodDeeds => "good_deeds",
        #[default]
        Other => "other",
    }
);

code_enum!(
    /// Where a draft is in its life; names come from `status-<code>` in the locales.
    DraftStatus, "status" {
        #[default]
        Draft => "draft",
        Ready => "ready",
        Queued => "queued",
        Published => "published",
        Archived => "archived",
    }
);

/// A draft as stored. This is also the JSON the command line prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Draft {
    pub id: i64,
    pub title: String,
    /// Plain text; line breaks, links and hashtags are kept exactly as typed.
    pub body: String,
    pub lang: Lang,
    pub topic: Topic,
    pub status: DraftStatus,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
}

/// A line of the draft list: everything but the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DraftSummary {
    pub id: i64,
    pub title: String,
    pub lang: Lang,
    pub topic: Topic,
    pub status: DraftStatus,
    pub updated_at: String,
    /// When it was moved to the trash; `null` for a live draft.
    pub deleted_at: Option<String>,
}

/// What a new draft starts with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct NewDraft {
    pub title: String,
    pub body: String,
    pub lang: Lang,
    pub topic: Topic,
}

/// A change to a draft; `null` fields are left as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(default)]
pub struct DraftPatch {
    pub title: Option<String>,
    pub body: Option<String>,
    pub lang: Option<Lang>,
    pub topic: Option<Topic>,
    pub status: Option<DraftStatus>,
}

/// An earlier version of a draft's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Revision {
    pub id: i64,
    pub draft_id: i64,
    pub title: String,
    pub body: String,
    /// When this version was first saved; later autosaves within the same burst update it.
    pub created_at: String,
}

fn parse_col<T: FromStr>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let s: String = row.get(idx)?;
    s.parse().map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unexpected value {s:?}").into(),
        )
    })
}

const DRAFT_COLS: &str = "id, title, body, lang, topic, status, created_at, updated_at";

fn draft_from_row(row: &Row<'_>) -> rusqlite::Result<Draft> {
    Ok(Draft {
        id: row.get(0)?,
        title: row.get(1)?,
        body: row.get(2)?,
        lang: parse_col(row, 3)?,
        topic: parse_col(row, 4)?,
        status: parse_col(row, 5)?,
        created_at: row.get(6)?,
        updated_at: row.get(7)?,
    })
}

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<DraftSummary> {
    Ok(DraftSummary {
        id: row.get(0)?,
        title: row.get(1)?,
        lang: parse_col(row, 2)?,
        topic: parse_col(row, 3)?,
        status: parse_col(row, 4)?,
        updated_at: row.get(5)?,
        deleted_at: row.get(6)?,
    })
}

/// A draft row including its trash mark.
fn load(conn: &Connection, id: i64) -> Result<(Draft, Option<String>)> {
    conn.query_row(
        &format!("SELECT {DRAFT_COLS}, deleted_at FROM drafts WHERE id = ?1"),
        [id],
        |row| Ok((draft_from_row(row)?, row.get(8)?)),
    )
    .optional()?
    .ok_or(LoaError::DraftNotFound { id })
}

/// Reads a draft, live or in the trash.
pub fn get(conn: &Connection, id: i64) -> Result<Draft> {
    load(conn, id).map(|(d, _)| d)
}

/// Creates a draft (text normalised to NFC). Its history starts with the first edit, so a bulk
/// import does not store every article twice.
pub fn create(conn: &Connection, now: DateTime<Utc>, input: &NewDraft) -> Result<Draft> {
    let ts = format_ts(now);
    let (title, body) = (nfc(&input.title), nfc(&input.body));
    conn.execute(
        "INSERT INTO drafts (title, body, lang, topic, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'draft', ?5, ?5)",
        params![title, body, input.lang.as_str(), input.topic.as_str(), ts],
    )?;
    let id = conn.last_insert_rowid();
    search::index_draft(conn, id, &title, &body, input.topic)?;
    get(conn, id)
}

/// Applies a patch (text normalised to NFC). Saving the same content again changes nothing, not
/// even `updated_at`, so a blur right after an autosave is free.
pub fn update(conn: &Connection, now: DateTime<Utc>, id: i64, patch: &DraftPatch) -> Result<Draft> {
    let (old, deleted_at) = load(conn, id)?;
    if deleted_at.is_some() {
        return Err(LoaError::DraftInTrash { id });
    }
    let mut new = old.clone();
    if let Some(t) = &patch.title {
        new.title = nfc(t);
    }
    if let Some(b) = &patch.body {
        new.body = nfc(b);
    }
    new.lang = patch.lang.unwrap_or(old.lang);
    new.topic = patch.topic.unwrap_or(old.topic);
    new.status = patch.status.unwrap_or(old.status);
    if new == old {
        return Ok(old);
    }
    if new.status == DraftStatus::Published && old.status != DraftStatus::Published {
        return Err(LoaError::PublishedByHand { id });
    }
    if new.status == DraftStatus::Queued && old.status != DraftStatus::Queued {
        checks::ensure_queueable(conn, now, &new)?;
    }
    let ts = format_ts(now);
    conn.execute(
        "UPDATE drafts SET title = ?2, body = ?3, lang = ?4, topic = ?5, status = ?6, updated_at = ?7
         WHERE id = ?1",
        params![
            id,
            new.title,
            new.body,
            new.lang.as_str(),
            new.topic.as_str(),
            new.status.as_str(),
            ts
        ],
    )?;
    if new.title != old.title || new.body != old.body {
        record_text_change(conn, now, &old, &new)?;
    }
    if new.title != old.title || new.body != old.body || new.topic != old.topic {
        search::index_draft(conn, id, &new.title, &new.body, new.topic)?;
    }
    get(conn, id)
}

/// Keeps the newest revision equal to the draft's current text once it has been edited: coalesces
/// a burst of typing into the current revision, or starts a new one after a pause or a big
/// deletion.
fn record_text_change(
    conn: &Connection,
    now: DateTime<Utc>,
    old: &Draft,
    new: &Draft,
) -> Result<()> {
    let ts = format_ts(now);
    let latest: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, created_at FROM draft_revisions WHERE draft_id = ?1 ORDER BY id DESC LIMIT 1",
            [new.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let removed = old
        .body
        .chars()
        .count()
        .saturating_sub(new.body.chars().count());
    let big_deletion =
        removed >= BIG_DELETION_CHARS || (new.body.is_empty() && !old.body.is_empty());
    let recent = |created: &str| {
        parse_ts(created).is_some_and(|t| now - t < Duration::seconds(REVISION_COALESCE_SECS))
    };
    match latest {
        None => {
            // First edit: keep the text as it was before it, then the new text.
            if !(old.title.is_empty() && old.body.is_empty()) {
                insert_revision(conn, old.id, &old.title, &old.body, &old.updated_at)?;
            }
            insert_revision(conn, new.id, &new.title, &new.body, &ts)?;
        }
        Some((rev, created)) if recent(&created) && !big_deletion => {
            conn.execute(
                "UPDATE draft_revisions SET title = ?2, body = ?3, updated_at = ?4 WHERE id = ?1",
                params![rev, new.title, new.body, ts],
            )?;
        }
        _ => insert_revision(conn, new.id, &new.title, &new.body, &ts)?,
    }
    Ok(())
}

fn insert_revision(conn: &Connection, draft: i64, title: &str, body: &str, ts: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO draft_revisions (draft_id, title, body, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![draft, title, body, ts],
    )?;
    Ok(())
}

fn list_where(conn: &Connection, trashed: bool) -> Result<Vec<DraftSummary>> {
    let sql = format!(
        "SELECT id, title, lang, topic, status, updated_at, deleted_at FROM drafts
         WHERE deleted_at IS {} NULL ORDER BY {} DESC, id DESC",
        if trashed { "NOT" } else { "" },
        if trashed { "deleted_at" } else { "updated_at" },
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], summary_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Live drafts, most recently changed first.
pub fn list(conn: &Connection) -> Result<Vec<DraftSummary>> {
    list_where(conn, false)
}

/// Drafts in the trash, most recently deleted first.
pub fn list_trash(conn: &Connection) -> Result<Vec<DraftSummary>> {
    list_where(conn, true)
}

/// Moves a draft to the trash. Nothing is erased.
pub fn trash(conn: &Connection, now: DateTime<Utc>, id: i64) -> Result<()> {
    load(conn, id)?;
    conn.execute(
        "UPDATE drafts SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, format_ts(now)],
    )?;
    // The trash is not searched; keeping it out of the index keeps searches join-free.
    search::unindex_draft(conn, id)?;
    Ok(())
}

/// Takes a draft out of the trash.
pub fn restore(conn: &Connection, id: i64) -> Result<Draft> {
    load(conn, id)?;
    conn.execute("UPDATE drafts SET deleted_at = NULL WHERE id = ?1", [id])?;
    let d = get(conn, id)?;
    search::index_draft(conn, id, &d.title, &d.body, d.topic)?;
    Ok(d)
}

/// The draft's revisions, newest first; once a draft has been edited, the newest equals the
/// current text. A draft never edited since it was created or imported has none.
pub fn revisions(conn: &Connection, id: i64) -> Result<Vec<Revision>> {
    load(conn, id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, draft_id, title, body, created_at FROM draft_revisions
         WHERE draft_id = ?1 ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Revision {
            id: r.get(0)?,
            draft_id: r.get(1)?,
            title: r.get(2)?,
            body: r.get(3)?,
            created_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Makes an earlier revision the current text. The text it replaces stays in the history, and the
/// restored text becomes a revision of its own.
pub fn restore_revision(
    conn: &Connection,
    now: DateTime<Utc>,
    id: i64,
    revision: i64,
) -> Result<Draft> {
    let (title, body): (String, String) = conn
        .query_row(
            "SELECT title, body FROM draft_revisions WHERE id = ?1 AND draft_id = ?2",
            params![revision, id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(LoaError::RevisionNotFound {
            draft: id,
            revision,
        })?;
    let (old, deleted_at) = load(conn, id)?;
    if deleted_at.is_some() {
        return Err(LoaError::DraftInTrash { id });
    }
    if old.title == title && old.body == body {
        return Ok(old);
    }
    let ts = format_ts(now);
    conn.execute(
        "UPDATE drafts SET title = ?2, body = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, title, body, ts],
    )?;
    insert_revision(conn, id, &title, &body, &ts)?;
    search::index_draft(conn, id, &title, &body, old.topic)?;
    get(conn, id)
}
/// Drafts as the officer works on them: writing, history, trash, search, import and the checks
/// before queueing. Obtained with [`crate::Store::drafts`].
#[derive(Debug, Clone, Copy)]
pub struct Drafts<'a> {
    pub(crate) store: &'a Store,
}

impl Drafts<'_> {
    pub fn create(&self, input: &NewDraft) -> Result<Draft> {
        self.store.write(|tx, now| create(tx, now, input))
    }

    /// Creates many drafts in one transaction (bulk import, benchmarks); returns their ids.
    pub fn create_many(&self, inputs: &[NewDraft]) -> Result<Vec<i64>> {
        self.store
            .write(|tx, now| inputs.iter().map(|d| Ok(create(tx, now, d)?.id)).collect())
    }

    pub fn get(&self, id: i64) -> Result<Draft> {
        self.store.read(|c| get(c, id))
    }

    /// Saves a change. A draft that fills a calendar occurrence and becomes ready here is
    /// queued for its section's channels at the occurrence's time
    /// ([`crate::calendar::Calendar::queue_from_plan`]); a refusal there (a blocking check, a
    /// channel's limit) is returned with the draft saved as ready.
    pub fn save(&self, id: i64, patch: &DraftPatch) -> Result<Draft> {
        let before = self.store.read(|c| get(c, id))?.status;
        let draft = self.store.write(|tx, now| update(tx, now, id, patch))?;
        if draft.status == DraftStatus::Ready
            && before != DraftStatus::Ready
            && !self.store.calendar().queue_from_plan(id)?.is_empty()
        {
            return self.get(id);
        }
        Ok(draft)
    }

    pub fn list(&self) -> Result<Vec<DraftSummary>> {
        self.store.read(list)
    }

    pub fn list_trash(&self) -> Result<Vec<DraftSummary>> {
        self.store.read(list_trash)
    }

    pub fn trash(&self, id: i64) -> Result<()> {
        self.store.write(|tx, now| trash(tx, now, id))
    }

    pub fn restore(&self, id: i64) -> Result<Draft> {
        self.store.write(|tx, _| restore(tx, id))
    }

    pub fn revisions(&self, id: i64) -> Result<Vec<Revision>> {
        self.store.read(|c| revisions(c, id))
    }

    pub fn restore_revision(&self, id: i64, revision: i64) -> Result<Draft> {
        self.store
            .write(|tx, now| restore_revision(tx, now, id, revision))
    }

    /// Searches live drafts; see [`crate::search`].
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>> {
        self.store.read(|c| search::search(c, query))
    }

    /// The checks of a draft, with any overrides the officer recorded.
    pub fn check(&self, id: i64) -> Result<Vec<CheckFinding>> {
        self.store
            .read(|c| checks::check_draft(c, self.store.clock().now(), id))
    }

    /// Records that the officer queues draft `id` despite blocking finding `code`, and why.
    pub fn override_check(&self, id: i64, code: &str, reason: &str) -> Result<()> {
        self.store
            .write(|tx, now| checks::override_check(tx, now, id, code, reason))
    }

    /// Imports `.txt`/`.md` files and folders of them, one draft per file. Files are read first,
    /// then all drafts are written in one transaction (thousands of articles import in seconds).
    /// `lang` forces the language; otherwise it is guessed per file.
    pub fn import(&self, paths: &[PathBuf], lang: Option<Lang>) -> Result<Vec<ImportOutcome>> {
        let parsed: Vec<(PathBuf, Result<NewDraft>)> = import::collect_files(paths)
            .into_iter()
            .map(|(file, problem)| {
                let draft = match problem {
                    Some(e) => Err(e),
                    None => import::read(&file).map(|mut d| {
                        if let Some(l) = lang {
                            d.lang = l;
                        }
                        d
                    }),
                };
                (file, draft)
            })
            .collect();
        self.store.write(|tx, now| {
            parsed
                .into_iter()
                .map(|(file, draft)| {
                    let result = match draft {
                        Ok(d) => Ok(create(tx, now, &d)?.id),
                        Err(e) => Err(e),
                    };
                    Ok(ImportOutcome { file, result })
                })
                .collect()
        })
    }
}
