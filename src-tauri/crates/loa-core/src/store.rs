//! The one owner of a profile's database connection.
//!
//! Every operation is one transaction, so a crash leaves either the old or the new state, never a
//! half-written draft. Callers never see SQL.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::{
    CheckFinding, Clock, Draft, DraftPatch, DraftSummary, ImportOutcome, Lang, NewDraft, Result,
    Revision, SearchHit, SearchQuery, Settings, SystemClock, checks, db, drafts, import, search,
    settings,
};

/// A profile's data: drafts, revisions and settings in one SQLite file.
#[derive(Debug)]
pub struct Store {
    conn: Mutex<Connection>,
    clock: Arc<dyn Clock>,
    dir: PathBuf,
}

impl Store {
    /// Opens the profile in `dir` (created if needed) with the system clock.
    pub fn open(dir: &Path) -> Result<Self> {
        Self::open_with_clock(dir, Arc::new(SystemClock))
    }

    /// Opens the profile in `dir` with an injected clock (tests move time forward).
    pub fn open_with_clock(dir: &Path, clock: Arc<dyn Clock>) -> Result<Self> {
        let conn = db::open_in_dir(dir)?;
        Ok(Self {
            conn: Mutex::new(conn),
            clock,
            dir: dir.to_path_buf(),
        })
    }

    /// The profile folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave the connection inconsistent: SQLite rolls back
        // the open transaction when it is dropped. So a poisoned lock is still usable.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` in one write transaction, committed only if it succeeds.
    fn write<T>(&self, f: impl FnOnce(&Transaction<'_>, DateTime<Utc>) -> Result<T>) -> Result<T> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx, self.clock.now())?;
        tx.commit()?;
        Ok(out)
    }

    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.conn())
    }

    pub fn create_draft(&self, input: &NewDraft) -> Result<Draft> {
        self.write(|tx, now| drafts::create(tx, now, input))
    }

    /// Creates many drafts in one transaction (bulk import, benchmarks); returns their ids.
    pub fn create_drafts(&self, inputs: &[NewDraft]) -> Result<Vec<i64>> {
        self.write(|tx, now| {
            inputs
                .iter()
                .map(|d| Ok(drafts::create(tx, now, d)?.id))
                .collect()
        })
    }

    pub fn get_draft(&self, id: i64) -> Result<Draft> {
        self.read(|c| drafts::get(c, id))
    }

    pub fn save_draft(&self, id: i64, patch: &DraftPatch) -> Result<Draft> {
        self.write(|tx, now| drafts::update(tx, now, id, patch))
    }

    pub fn list_drafts(&self) -> Result<Vec<DraftSummary>> {
        self.read(drafts::list)
    }

    pub fn list_trash(&self) -> Result<Vec<DraftSummary>> {
        self.read(drafts::list_trash)
    }

    pub fn trash_draft(&self, id: i64) -> Result<()> {
        self.write(|tx, now| drafts::trash(tx, now, id))
    }

    pub fn restore_draft(&self, id: i64) -> Result<Draft> {
        self.write(|tx, _| drafts::restore(tx, id))
    }

    pub fn revisions(&self, id: i64) -> Result<Vec<Revision>> {
        self.read(|c| drafts::revisions(c, id))
    }

    pub fn restore_revision(&self, id: i64, revision: i64) -> Result<Draft> {
        self.write(|tx, now| drafts::restore_revision(tx, now, id, revision))
    }

    /// Searches live drafts; see [`crate::search`].
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>> {
        self.read(|c| search::search(c, query))
    }

    /// The checks of a draft, with any overrides the officer recorded.
    pub fn check_draft(&self, id: i64) -> Result<Vec<CheckFinding>> {
        self.read(|c| checks::check_draft(c, self.clock.now(), id))
    }

    /// Records that the officer queues draft `id` despite blocking finding `code`, and why.
    pub fn override_check(&self, id: i64, code: &str, reason: &str) -> Result<()> {
        self.write(|tx, now| checks::override_check(tx, now, id, code, reason))
    }

    pub fn settings(&self) -> Result<Settings> {
        self.read(settings::load)
    }

    pub fn set_lang(&self, lang: Lang) -> Result<()> {
        self.write(|tx, _| settings::set_lang(tx, lang))
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
        self.write(|tx, now| {
            parsed
                .into_iter()
                .map(|(file, draft)| {
                    let result = match draft {
                        Ok(d) => Ok(drafts::create(tx, now, &d)?.id),
                        Err(e) => Err(e),
                    };
                    Ok(ImportOutcome { file, result })
                })
                .collect()
        })
    }
}
