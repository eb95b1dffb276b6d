//! The one owner of a profile's database connection.
//!
//! Every operation is one transaction, so a crash leaves either the old or the new state, never a
//! half-written draft. Callers never see SQL.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::media::{draft_photos, folders, library, prepare, watermark};
use crate::{
    CheckFinding, Clock, Draft, DraftPatch, DraftPhoto, DraftSummary, ImportOutcome, Lang,
    LoaError, MediaImportOutcome, MediaItem, MediaSource, NewDraft, NewDraftPhoto, PrepareOptions,
    PrepareProgress, PreparedPhoto, Result, Revision, SearchHit, SearchQuery, Settings,
    SystemClock, WatchFolder, WatermarkSettings, checks, db, drafts, import, search, settings,
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
        let store = Self {
            conn: Mutex::new(conn),
            clock,
            dir: dir.to_path_buf(),
        };
        // The shipped templates, on first run and after an upgrade of Loa (free otherwise). A
        // broken shipped pack (caught by loa-templates' tests) must not keep the officer from
        // their drafts: the profile opens with the templates it already has.
        match store.seed_builtin_templates() {
            Ok(_) | Err(LoaError::Template(_)) => {}
            Err(e) => return Err(e),
        }
        Ok(store)
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

    /// Runs `f` in one write transaction, committed only if it succeeds. Feature modules (templates,
    /// outbox, …) add their own `impl Store` blocks over this and [`Store::read`].
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>, DateTime<Utc>) -> Result<T>,
    ) -> Result<T> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx, self.clock.now())?;
        tx.commit()?;
        Ok(out)
    }

    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
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

    // ---- Media library (see [`crate::media`]) ----

    /// Imports photos into the library, each on its own: a bad file is reported in its slot and
    /// does not stop the others. A photo already in the library (same bytes) is not copied
    /// again and its existing entry is returned.
    pub fn import_media(
        &self,
        paths: &[PathBuf],
        source: MediaSource,
    ) -> Vec<(PathBuf, Result<MediaItem>)> {
        paths
            .iter()
            .map(|p| (p.clone(), self.import_media_file(p, source).map(|(m, _)| m)))
            .collect()
    }

    /// [`Store::import_media`] in the form the UI shows: one outcome per path, in order.
    pub fn import_media_outcomes(
        &self,
        paths: &[PathBuf],
        source: MediaSource,
    ) -> Vec<MediaImportOutcome> {
        self.import_media(paths, source)
            .into_iter()
            .map(|(path, r)| {
                let path = path.display().to_string();
                match r {
                    Ok(item) => MediaImportOutcome {
                        path,
                        item: Some(item),
                        error: None,
                    },
                    Err(e) => MediaImportOutcome {
                        path,
                        item: None,
                        error: Some(e.into()),
                    },
                }
            })
            .collect()
    }

    /// Imports one photo; the boolean says whether it was new to the library. The file is read
    /// and decoded without holding the database, so a slow import never blocks the editor.
    pub fn import_media_file(&self, path: &Path, source: MediaSource) -> Result<(MediaItem, bool)> {
        let (bytes, sha) = library::read(path)?;
        if let Some(item) = self.read(|c| library::by_sha(c, &sha))? {
            return Ok((item, false));
        }
        let analysed = library::analyse(path, bytes, sha)?;
        library::write_files(&self.dir, &analysed)?;
        self.write(|tx, now| library::insert(tx, now, &analysed, source))
    }

    /// Every photo in the library, newest import first.
    pub fn list_media(&self) -> Result<Vec<MediaItem>> {
        self.read(library::list)
    }

    pub fn media_item(&self, id: i64) -> Result<MediaItem> {
        self.read(|c| library::get(c, id))
    }

    /// The library's copy of photo `id`.
    pub fn media_path(&self, id: i64) -> Result<PathBuf> {
        let item = self.media_item(id)?;
        Ok(library::file_path(&self.dir, &item.sha256, &item.ext))
    }

    /// The 320 px upright JPEG thumbnail of photo `id`.
    pub fn thumbnail_path(&self, id: i64) -> Result<PathBuf> {
        let item = self.media_item(id)?;
        Ok(library::thumb_path(&self.dir, &item.sha256))
    }

    /// The bytes of photo `id`'s thumbnail (an upright JPEG, 320 px on its long edge).
    pub fn thumbnail_bytes(&self, id: i64) -> Result<Vec<u8>> {
        let path = self.thumbnail_path(id)?;
        std::fs::read(&path).map_err(|source| LoaError::ReadFile { path, source })
    }

    /// Adds a folder to watch for new photos (stored canonical; adding it twice is one entry).
    /// A running [`crate::WatchFolders`] picks it up on [`crate::WatchFolders::refresh`].
    pub fn add_watch_folder(&self, path: &Path) -> Result<WatchFolder> {
        let canonical = folders::canonical(path)?;
        self.write(|tx, now| folders::add(tx, now, &canonical))
    }

    pub fn remove_watch_folder(&self, id: i64) -> Result<()> {
        self.write(|tx, _| folders::remove(tx, id))
    }

    pub fn list_watch_folders(&self) -> Result<Vec<WatchFolder>> {
        self.read(folders::list)
    }

    /// Appends photos to a draft, in order, each with its alternative text (NFC). A photo
    /// already in the draft keeps its place and takes the new text. Returns the draft's photos.
    pub fn attach_media(&self, draft_id: i64, photos: &[NewDraftPhoto]) -> Result<Vec<DraftPhoto>> {
        self.write(|tx, _| draft_photos::attach(tx, draft_id, photos))
    }

    pub fn set_alt_text(&self, draft_id: i64, media_id: i64, alt_text: &str) -> Result<()> {
        self.write(|tx, _| draft_photos::set_alt_text(tx, draft_id, media_id, alt_text))
    }

    /// Puts a draft's photos in the order of `media_ids` (each of its photos exactly once).
    pub fn reorder_media(&self, draft_id: i64, media_ids: &[i64]) -> Result<Vec<DraftPhoto>> {
        self.write(|tx, _| draft_photos::reorder(tx, draft_id, media_ids))
    }

    /// Takes a photo off a draft; it stays in the library.
    pub fn detach_media(&self, draft_id: i64, media_id: i64) -> Result<Vec<DraftPhoto>> {
        self.write(|tx, _| draft_photos::detach(tx, draft_id, media_id))
    }

    /// A draft's photos, in order.
    pub fn draft_media(&self, draft_id: i64) -> Result<Vec<DraftPhoto>> {
        self.read(|c| draft_photos::list(c, draft_id))
    }

    pub fn watermark_settings(&self) -> Result<WatermarkSettings> {
        self.read(watermark::load)
    }

    /// Saves the commune's watermark. The logo must be a PNG; it is copied into the profile and
    /// the returned settings name the copy. An opacity outside 0…1 is refused.
    pub fn set_watermark_settings(
        &self,
        settings: &WatermarkSettings,
    ) -> Result<WatermarkSettings> {
        let prepared = watermark::prepare(&self.dir, settings)?;
        self.write(|tx, _| watermark::save(tx, &prepared))?;
        Ok(prepared)
    }

    /// Makes the draft's photos ready to post (see [`crate::media::prepare`]): in order, each
    /// written under `<profile>/prepared/<draft id>/` and recorded on the draft. `on_progress`
    /// is called after each photo; setting `cancel` stops before the next one. A bad photo is
    /// reported in its slot and does not stop the others. Earlier copies of the draft are
    /// removed first, so the folder holds exactly this run's files.
    pub fn prepare_draft_photos(
        &self,
        draft_id: i64,
        options: &PrepareOptions,
        mut on_progress: impl FnMut(&PrepareProgress),
        cancel: &AtomicBool,
    ) -> Result<Vec<PreparedPhoto>> {
        let photos = self.draft_media(draft_id)?;
        let settings = self.watermark_settings()?;
        let wm = if options.use_watermark {
            prepare::pipeline_watermark(&settings)?
        } else {
            None
        };
        let opts = prepare::pipeline_options(options.preset, wm, &settings).build();
        let dir = prepare::prepared_dir(&self.dir, draft_id);
        let store_err = |source| LoaError::MediaStore {
            path: dir.clone(),
            source,
        };
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(store_err)?;
        }
        std::fs::create_dir_all(&dir).map_err(store_err)?;
        let total = u32::try_from(photos.len()).unwrap_or(u32::MAX);
        let mut out = Vec::with_capacity(photos.len());
        for photo in photos {
            let job = prepare::Job {
                media_id: photo.media.id,
                position: photo.position,
                source: library::file_path(&self.dir, &photo.media.sha256, &photo.media.ext),
                original_name: photo.media.original_name.clone(),
            };
            let result = if prepare::cancelled(cancel) {
                prepare::failed(
                    &job,
                    prepare::process_error(job.media_id, &loa_media::ProcessError::Cancelled),
                )
            } else {
                match prepare::run_one(&job, &opts, &dir) {
                    Ok((path, width, height, bytes_out)) => PreparedPhoto {
                        media_id: job.media_id,
                        position: job.position,
                        ok: true,
                        path: Some(path.display().to_string()),
                        width,
                        height,
                        bytes_out,
                        error: None,
                    },
                    Err(e) => prepare::failed(&job, e),
                }
            };
            let path = result.path.as_deref();
            self.write(|tx, _| draft_photos::set_prepared_path(tx, draft_id, job.media_id, path))?;
            on_progress(&PrepareProgress {
                done: u32::try_from(out.len() + 1).unwrap_or(u32::MAX),
                total,
                photo: result.clone(),
            });
            out.push(result);
        }
        Ok(out)
    }

    /// JPEG bytes of photo `media_id` at 800 px on its long edge with the watermark `settings`
    /// (saved or not) applied: the live preview while the officer adjusts them.
    pub fn watermark_preview(
        &self,
        media_id: i64,
        settings: &WatermarkSettings,
    ) -> Result<Vec<u8>> {
        let source = self.media_path(media_id)?;
        prepare::preview(media_id, &source, settings)
    }
}
