//! The automatic daily copy of the database into `<profile>/backups/loa-YYYY-MM-DD.db`.
//!
//! Made on the first use of a day (the app calls [`super::Backups::daily`] at start), so it holds
//! the profile as the previous day of work left it. Kept: the 7 newest days, and beyond them the
//! newest copy of each of the 4 weeks before ([`retained`]). Dates are the clock's (UTC) days.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{BackupProblem, Backups, Contents, backup_err, open_checked};
use crate::Result;

/// Days kept, newest first.
pub const KEEP_DAYS: usize = 7;
/// Weeks kept beyond those days, one copy each.
pub const KEEP_WEEKS: usize = 4;

const PREFIX: &str = "loa-";
const SUFFIX: &str = ".db";

/// One automatic copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct DailyBackup {
    pub file: PathBuf,
    /// The day it was made, `YYYY-MM-DD`.
    pub date: String,
    pub bytes: u64,
}

fn file_name(date: NaiveDate) -> String {
    format!("{PREFIX}{}{SUFFIX}", date.format("%Y-%m-%d"))
}

fn parse_name(name: &str) -> Option<NaiveDate> {
    let day = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// Which of `dates` to keep: the [`KEEP_DAYS`] newest, then the newest of each of the
/// [`KEEP_WEEKS`] ISO weeks before them.
pub fn retained(dates: &[NaiveDate]) -> BTreeSet<NaiveDate> {
    let mut newest_first: Vec<NaiveDate> = dates.to_vec();
    newest_first.sort_unstable_by(|a, b| b.cmp(a));
    newest_first.dedup();
    let mut keep: BTreeSet<NaiveDate> = newest_first.iter().take(KEEP_DAYS).copied().collect();
    let daily_weeks: BTreeSet<_> = keep.iter().map(|d| d.iso_week()).collect();
    let mut weeks = BTreeSet::new();
    for d in newest_first.iter().skip(KEEP_DAYS) {
        let week = d.iso_week();
        if weeks.len() == KEEP_WEEKS {
            break;
        }
        // A week the daily copies already cover needs no weekly one.
        if daily_weeks.contains(&week) || !weeks.insert(week) {
            continue;
        }
        keep.insert(*d);
    }
    keep
}

/// The automatic copies in `dir`, newest first.
pub fn list_in(dir: &Path) -> Result<Vec<DailyBackup>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(backup_err(dir, BackupProblem::Write, e)),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(date) = name.to_str().and_then(parse_name) else {
            continue;
        };
        let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        out.push(DailyBackup {
            file: entry.path(),
            date: date.format("%Y-%m-%d").to_string(),
            bytes,
        });
    }
    out.sort_by(|a, b| b.date.cmp(&a.date));
    Ok(out)
}

/// The newest automatic copy of the profile `profile_dir` that opens and passes SQLite's check,
/// with what it holds; offered when the profile's own database is damaged.
pub fn newest_good(profile_dir: &Path) -> Result<Option<(DailyBackup, Contents)>> {
    for b in list_in(&profile_dir.join(super::BACKUPS_DIR))? {
        // A copy this Loa cannot read (made by a newer one) is no way back.
        if let Ok(contents) = open_checked(&b.file).and_then(|c| Contents::read(&c))
            && contents.schema <= super::current_schema()
        {
            return Ok(Some((b, contents)));
        }
    }
    Ok(None)
}

/// Puts the automatic copy `copy` in place of the damaged database of `profile` (which must not
/// be open). The damaged file is renamed aside (`loa.db.damaged-<time>`), never deleted.
pub fn restore_copy(profile: &Path, copy: &Path, clock: &dyn crate::Clock) -> Result<PathBuf> {
    open_checked(copy)?;
    let db = profile.join(crate::paths::DB_FILE);
    let stamp = clock.now().format("%Y%m%d-%H%M%S");
    let aside = profile.join(format!("{}.damaged-{stamp}", crate::paths::DB_FILE));
    let partial = profile.join(format!(".{}.partial", crate::paths::DB_FILE));
    std::fs::copy(copy, &partial).map_err(|e| backup_err(&partial, BackupProblem::Write, e))?;
    if db.exists() {
        std::fs::rename(&db, &aside).map_err(|e| backup_err(&db, BackupProblem::Swap, e))?;
    }
    // The damaged database's journal belongs to it, not to the copy.
    for ext in ["-wal", "-shm"] {
        let side = profile.join(format!("{}{ext}", crate::paths::DB_FILE));
        if side.exists() {
            let _ = std::fs::rename(
                &side,
                profile.join(format!("{}.damaged-{stamp}{ext}", crate::paths::DB_FILE)),
            );
        }
    }
    std::fs::rename(&partial, &db).map_err(|e| backup_err(&db, BackupProblem::Swap, e))?;
    Ok(aside)
}

impl Backups<'_> {
    /// Makes today's copy unless it exists, then drops the copies [`retained`] does not keep.
    /// Returns the new copy, or `None` when today's was already made.
    pub fn daily(&self) -> Result<Option<DailyBackup>> {
        let dir = self.dir();
        std::fs::create_dir_all(&dir).map_err(|e| backup_err(&dir, BackupProblem::Write, e))?;
        // The officer's day: a copy made at 06:30 in Vietnam is that day's, not yesterday's (UTC).
        let today = loa_report::period::vietnam_date(self.store.clock().now());
        let dest = dir.join(file_name(today));
        let made = if dest.exists() {
            None
        } else {
            // Written under another name and renamed: a copy cut short by a power cut is never
            // taken for a good one.
            let partial = dir.join(format!(".{}.partial", file_name(today)));
            let _ = std::fs::remove_file(&partial);
            self.snapshot_db(&partial)?;
            std::fs::rename(&partial, &dest)
                .map_err(|e| backup_err(&dest, BackupProblem::Write, e))?;
            let bytes = std::fs::metadata(&dest).map(|m| m.len()).unwrap_or(0);
            Some(DailyBackup {
                file: dest,
                date: today.format("%Y-%m-%d").to_string(),
                bytes,
            })
        };
        self.prune()?;
        Ok(made)
    }

    /// The automatic copies, newest first.
    pub fn list(&self) -> Result<Vec<DailyBackup>> {
        list_in(&self.dir())
    }

    fn prune(&self) -> Result<()> {
        let all = self.list()?;
        let date = |b: &DailyBackup| NaiveDate::parse_from_str(&b.date, "%Y-%m-%d").ok();
        let keep = retained(&all.iter().filter_map(date).collect::<Vec<_>>());
        for b in all {
            if date(&b).is_some_and(|d| !keep.contains(&d)) {
                std::fs::remove_file(&b.file)
                    .map_err(|e| backup_err(&b.file, BackupProblem::Write, e))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn keeps_seven_days_and_four_weeks() {
        // Sixty consecutive days ending on Sunday 2025-08-31.
        let last = day("2025-08-31");
        let dates: Vec<NaiveDate> = (0..60).map(|i| last - chrono::Days::new(i)).collect();
        let keep = retained(&dates);
        assert_eq!(keep.len(), KEEP_DAYS + KEEP_WEEKS);
        // The seven newest days (Mon 25 – Sun 31 August, one ISO week)…
        for i in 0..7 {
            assert!(keep.contains(&(last - chrono::Days::new(i))));
        }
        // …then the Sunday of each of the four weeks before.
        for s in ["2025-08-24", "2025-08-17", "2025-08-10", "2025-08-03"] {
            assert!(keep.contains(&day(s)), "{s} kept");
        }
        assert!(!keep.contains(&day("2025-08-23")));
        assert!(!keep.contains(&day("2025-07-27")));
    }

    #[test]
    fn few_copies_are_all_kept() {
        let dates = [day("2025-01-01"), day("2025-03-01"), day("2025-03-02")];
        assert_eq!(retained(&dates).len(), 3);
    }

    #[test]
    fn names_round_trip() {
        assert_eq!(file_name(day("2025-07-01")), "loa-2025-07-01.db");
        assert_eq!(parse_name("loa-2025-07-01.db"), Some(day("2025-07-01")));
        assert_eq!(parse_name(".loa-2025-07-01.db.partial"), None);
        assert_eq!(parse_name("loa-2025-13-01.db"), None);
    }
}
