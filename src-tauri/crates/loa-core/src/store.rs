//! The one owner of a profile's database connection.
//!
//! Every operation is one transaction, so a crash leaves either the old or the new state, never a
//! half-written draft. Callers never see SQL: they ask a feature's view (`store.drafts()`,
//! `store.media()`, `store.templates()`, `store.publishing()`), each a handle on this store.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::calendar::Calendar;
use crate::drafts::Drafts;
use crate::media::Media;
use crate::profile::Profile;
use crate::publishing::Publishing;
use crate::reports::Reports;
use crate::templates::Templates;
use crate::videos::Videos;
use crate::{Clock, Lang, LoaError, Result, Settings, SystemClock, db, settings};

/// A profile's data in one SQLite file, and the one owner of its connection. Each feature is a
/// view over it: [`Store::drafts`], [`Store::media`], [`Store::templates`],
/// [`Store::publishing`]; the worker's operations are [`crate::OutboxPort`].
#[derive(Debug)]
pub struct Store {
    conn: Mutex<Connection>,
    clock: Arc<dyn Clock>,
    dir: PathBuf,
    /// The profile's shared lock (see [`crate::lock`]), held while the store is open.
    _lock: Option<std::fs::File>,
    /// Opened for reading only, and why: the folder cannot be written, or the disk is full
    /// (see [`Store::read_only`]). Every write is refused with that reason.
    read_only: Option<Unwritable>,
}

/// Why a profile could only be opened for reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unwritable {
    ReadOnly,
    DiskFull,
}

impl Unwritable {
    /// Tries to write a small file in the profile folder: a full disk and a folder that cannot
    /// be written fail differently. `None` when the write works — then the database failed to
    /// open for another reason, which must not be hidden behind a read-only profile.
    fn probe(dir: &Path) -> Option<Unwritable> {
        let probe = dir.join(".loa-write-probe");
        let result = std::fs::write(&probe, [0u8; 64 * 1024]);
        let _ = std::fs::remove_file(&probe);
        match result {
            Ok(()) => None,
            Err(e) if e.kind() == std::io::ErrorKind::StorageFull => Some(Unwritable::DiskFull),
            Err(_) => Some(Unwritable::ReadOnly),
        }
    }

    fn error(self) -> LoaError {
        match self {
            Unwritable::ReadOnly => LoaError::profile_read_only("the profile was opened read-only"),
            Unwritable::DiskFull => LoaError::disk_full("the profile was opened read-only"),
        }
    }
}

impl Store {
    /// Opens the profile in `dir` (created if needed) with the system clock.
    pub fn open(dir: &Path) -> Result<Self> {
        Self::open_with_clock(dir, Arc::new(SystemClock))
    }

    /// Opens the profile in `dir` with an injected clock (tests move time forward).
    ///
    /// A profile that cannot be written (a read-only folder or medium, no permission, a full
    /// disk) opens for reading only when its database is readable: the officer can still read
    /// and copy their drafts, and every write fails with the reason. Any other failure, or a
    /// database that cannot be read either, is the error.
    pub fn open_with_clock(dir: &Path, clock: Arc<dyn Clock>) -> Result<Self> {
        let (conn, read_only) = match db::open_in_dir(dir) {
            Ok(conn) => (conn, None),
            Err(e) if e.is_unwritable() => {
                let Some(why) = Unwritable::probe(dir) else {
                    return Err(e);
                };
                match db::open_read_only(dir) {
                    Ok(conn) => (conn, Some(why)),
                    Err(_) => return Err(e),
                }
            }
            Err(e) => return Err(e),
        };
        let store = Self {
            conn: Mutex::new(conn),
            clock,
            dir: dir.to_path_buf(),
            _lock: crate::lock::shared(dir),
            read_only,
        };
        if read_only.is_some() {
            return Ok(store);
        }
        // The shipped templates, on first run and after an upgrade of Loa (free otherwise). A
        // broken shipped pack (caught by loa-templates' tests) must not keep the officer from
        // their drafts: the profile opens with the templates it already has.
        match store.templates().seed_builtin() {
            Ok(_) | Err(LoaError::Template(_)) => {}
            Err(e) => return Err(e),
        }
        Ok(store)
    }

    /// Whether the profile was opened for reading only because it cannot be written: the
    /// window says so and keeps the officer from typing what could not be saved.
    pub fn read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// The profile folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The clock this store stamps its writes with (tests inject a manual one).
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave the connection inconsistent: SQLite rolls back
        // the open transaction when it is dropped. So a poisoned lock is still usable.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` in one write transaction, committed only if it succeeds. The feature views are
    /// built on this and [`Store::read`].
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>, DateTime<Utc>) -> Result<T>,
    ) -> Result<T> {
        if let Some(why) = self.read_only {
            return Err(why.error());
        }
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx, self.clock.now())?;
        tx.commit()?;
        Ok(out)
    }

    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.conn())
    }

    /// Drafts, their revisions and trash, search, import and checks.
    pub fn drafts(&self) -> Drafts<'_> {
        Drafts { store: self }
    }

    /// The photo library, watch folders, a draft's photos, the watermark, "prepare".
    pub fn media(&self) -> Media<'_> {
        Media { store: self }
    }

    /// Infographic templates and drafts made from them.
    pub fn templates(&self) -> Templates<'_> {
        Templates { store: self }
    }

    /// Channels and the outbox, as the officer acts on them.
    pub fn publishing(&self) -> Publishing<'_> {
        Publishing { store: self }
    }

    /// The commune profile: the commune, its province and logo, the default watermark, the
    /// language, and whether the first-run setup was done.
    pub fn profile(&self) -> Profile<'_> {
        Profile { store: self }
    }

    /// A period's figures for superiors, and the reach figures read from Facebook.
    pub fn reports(&self) -> Reports<'_> {
        Reports { store: self }
    }

    /// Recurring sections, their occurrences and drafts, the calendar of a range of days.
    pub fn calendar(&self) -> Calendar<'_> {
        Calendar { store: self }
    }

    /// The video library, a draft's video, its estimate and its compressed copy.
    pub fn videos(&self) -> Videos<'_> {
        Videos { store: self }
    }

    pub fn settings(&self) -> Result<Settings> {
        let mut s = self.read(settings::load)?;
        s.read_only = self.read_only.is_some();
        Ok(s)
    }

    pub fn set_lang(&self, lang: Lang) -> Result<()> {
        self.write(|tx, _| settings::set_lang(tx, lang))
    }
}
