//! Reports for superiors: the rows a period's report is made from, and the reach figures
//! ("refresh reach") stored so that a report made offline afterwards still has them.
//!
//! - [`select`]: reads published outbox rows, drafts, media counts, the open queue and stored
//!   readings into a [`loa_report::ReportInput`] (no counting here: `loa-report` counts);
//! - [`readings`]: the `insight_readings` table — what "refresh reach" asks for and what it read.
//!
//! It deliberately does not know the platforms' metric names or HTTP (`loa-channels` reads
//! Facebook, `loa-publish` drives a refresh) nor Typst (the PDF is rendered by the front ends
//! through `loa-report`'s `pdf` feature).

pub mod readings;
pub mod select;

pub use readings::{
    NewReading, ReachMeasures, ReachPost, ReachTarget, ReadingOutcome, ReadingScope,
};

use loa_report::{Letterhead, Period, Report, ReportInput};

use crate::{Result, Store};

/// A profile's reports. Obtained with [`Store::reports`]; a thin handle over the store.
#[derive(Debug, Clone, Copy)]
pub struct Reports<'a> {
    pub(crate) store: &'a Store,
}

impl Reports<'_> {
    /// The rows of `period`'s report, with the reach `measures` it lists (one never read shows
    /// as "not available").
    pub fn input(&self, period: &Period, measures: &ReachMeasures<'_>) -> Result<ReportInput> {
        let mut input = self
            .store
            .read(|conn| select::input(conn, period, measures))?;
        input.reach_metrics = measures.listed.iter().map(|m| (*m).to_owned()).collect();
        Ok(input)
    }

    /// `period`'s figures, made now (the store's clock).
    pub fn report(&self, period: &Period, measures: &ReachMeasures<'_>) -> Result<Report> {
        let input = self.input(period, measures)?;
        Ok(loa_report::build(&input, period, self.store.clock().now()))
    }

    /// The letterhead of a report signed today (the store's clock, Vietnam date).
    pub fn letterhead(&self) -> Result<Letterhead> {
        let today = loa_report::period::vietnam_date(self.store.clock().now());
        Ok(letterhead_for(&self.store.profile().get()?.commune, today))
    }

    /// What "refresh reach" reads: every Facebook channel with its published posts that have
    /// a Facebook id (newest first).
    pub fn reach_targets(&self) -> Result<Vec<ReachTarget>> {
        self.store.read(readings::targets)
    }

    /// Stores figures as they are read, in one transaction, each replacing an earlier reading
    /// of the same figure.
    pub fn store_readings(&self, readings: &[NewReading]) -> Result<()> {
        self.store.write(|tx, now| {
            readings
                .iter()
                .try_for_each(|r| readings::store(tx, now, r))
        })
    }
}

/// What stands for the commune's name until the profile knows it: dots to write it by hand, as
/// on a printed form.
pub const COMMUNE_UNKNOWN: &str = "………………";

/// The letterhead for the unit in the profile ("Xã Nậm Cang", "Phường Sa Pa"): its bare name
/// with its kind, which picks the agency line's wording. An empty profile leaves dots to write
/// the name by hand.
fn letterhead_for(unit: &str, today: chrono::NaiveDate) -> Letterhead {
    let (kind, name) = crate::profile::units::split_unit(unit);
    if name.is_empty() {
        return Letterhead::new(COMMUNE_UNKNOWN, today);
    }
    let mut letterhead = Letterhead::new(&name, today);
    letterhead.kind = kind.map(|k| k.code().to_owned()).unwrap_or_default();
    letterhead
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("a date")
    }

    #[test]
    fn a_commune_gives_its_bare_name_to_the_usual_wording() {
        let l = letterhead_for("Xã Nậm Cang", day());
        assert_eq!(l.commune, "Nậm Cang");
        assert_eq!(l.kind, "commune");
    }

    #[test]
    fn a_ward_gives_its_name_and_kind() {
        let l = letterhead_for("Phường Sa Pa", day());
        assert_eq!(l.commune, "Sa Pa");
        assert_eq!(l.kind, "ward");
        assert!(l.agency.is_empty());
    }

    #[test]
    fn no_commune_in_the_profile_leaves_room_to_write_it() {
        assert_eq!(letterhead_for("  ", day()).commune, COMMUNE_UNKNOWN);
        assert_eq!(letterhead_for("Nà Hẩu", day()).commune, "Nà Hẩu");
    }
}
