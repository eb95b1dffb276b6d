//! Vietnamese holidays and commemoration days, solar and lunar, that a commune page marks.
//!
//! Sources: the major holidays (ngày lễ lớn) of Decree 145/2013/NĐ-CP, art. 4; the paid days
//! off of the Labour Code 2019, art. 112 (Tết Dương lịch, five days of Tết Nguyên đán, 30/4,
//! 1/5, 2/9 with one day next to it, Giỗ Tổ Hùng Vương); the commemoration days that commune
//! pages post for every year; the traditional lunar festivals. Ngày Văn hóa Việt Nam (24/11) is
//! listed from 2026, after Resolution 80-NQ/TW chose it; it is not marked as a day off until the
//! law says so.
//!
//! What the law leaves to each year's decision of the Prime Minister is not guessed: of the
//! five days of Tết, the last day of the year and mùng 1–3 are off in every arrangement the law
//! allows (1 + 4 or 2 + 3 days), so they are marked; the fifth day and the day next to 2/9 are
//! not. Names are Fluent messages `holiday-<id>` in `locales/*/calendar.ftl`.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::error::CalendarError;
use crate::lunar::{LunarDate, lunar_to_solar, lunar_year, solar_to_lunar};
use crate::vntime::check_range;
use crate::words::Messages;

/// What kind of day it is, for how the calendar shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// A major holiday of Decree 145/2013 (ngày lễ lớn): pages are expected to post.
    Major,
    /// A commemoration or tradition day of a branch or organisation (ngày kỷ niệm).
    Commemoration,
    /// A festival of the year: Tết, Rằm tháng Giêng, Trung thu …
    Festival,
}

/// One holiday on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Holiday {
    /// Stable id: `tet`, `hung-kings`, `national-day` …
    pub id: &'static str,
    pub date: NaiveDate,
    /// Set by the lunar calendar (âm lịch).
    pub lunar: bool,
    /// The lunar date of `date` when `lunar`.
    pub lunar_date: Option<LunarDate>,
    pub kind: HolidayKind,
    /// A paid day off for everyone by the Labour Code.
    pub day_off: bool,
    /// Years since the event the day remembers ("Kỷ niệm 95 năm …"), when it has a founding year.
    pub anniversary: Option<u32>,
}

impl Holiday {
    /// The Fluent id of its name: `holiday-<id>`.
    pub fn message_id(&self) -> String {
        format!("holiday-{}", self.id)
    }

    /// Its name in the language of `messages`.
    pub fn name(&self, messages: &dyn Messages) -> String {
        messages.text(&self.message_id())
    }
}

#[derive(Debug, Clone, Copy)]
enum When {
    Solar {
        month: u32,
        day: u32,
    },
    Lunar {
        month: u32,
        day: u32,
    },
    /// The last day of lunar month 12 (29 or 30 Tết).
    LunarYearEnd,
}

#[derive(Debug, Clone, Copy)]
struct Def {
    id: &'static str,
    when: When,
    kind: HolidayKind,
    day_off: bool,
    /// The year of the event remembered, for the anniversary.
    since: Option<i32>,
    /// The first year the day is kept.
    first_year: Option<i32>,
}

const fn def(id: &'static str, when: When, kind: HolidayKind) -> Def {
    Def {
        id,
        when,
        kind,
        day_off: false,
        since: None,
        first_year: None,
    }
}

const fn solar(id: &'static str, month: u32, day: u32, kind: HolidayKind) -> Def {
    def(id, When::Solar { month, day }, kind)
}

const fn lunar(id: &'static str, month: u32, day: u32, kind: HolidayKind) -> Def {
    def(id, When::Lunar { month, day }, kind)
}

impl Def {
    const fn off(mut self) -> Self {
        self.day_off = true;
        self
    }
    const fn since(mut self, year: i32) -> Self {
        self.since = Some(year);
        self
    }
    const fn kept_from(mut self, year: i32) -> Self {
        self.first_year = Some(year);
        self
    }
}

use HolidayKind::{Commemoration, Festival, Major};

/// Every day the calendar marks, in the order they are listed on one date.
const DEFS: [Def; 29] = [
    // Lunar.
    def("tet-eve", When::LunarYearEnd, Festival).off(),
    lunar("tet", 1, 1, Major).off(),
    lunar("tet-2", 1, 2, Festival).off(),
    lunar("tet-3", 1, 3, Festival).off(),
    lunar("lantern", 1, 15, Festival),
    lunar("hung-kings", 3, 10, Major).off(),
    lunar("doan-ngo", 5, 5, Festival),
    lunar("vu-lan", 7, 15, Festival),
    lunar("mid-autumn", 8, 15, Festival),
    lunar("kitchen-gods", 12, 23, Festival),
    // Solar.
    solar("new-year", 1, 1, Festival).off(),
    solar("party-founding", 2, 3, Major).since(1930),
    solar("physicians-day", 2, 27, Commemoration).since(1955),
    solar("womens-day", 3, 8, Commemoration).since(1910),
    solar("youth-union", 3, 26, Commemoration).since(1931),
    solar("reunification", 4, 30, Major).off().since(1975),
    solar("labour-day", 5, 1, Commemoration).off().since(1886),
    solar("dien-bien-phu", 5, 7, Major).since(1954),
    solar("ho-chi-minh-birthday", 5, 19, Major).since(1890),
    solar("childrens-day", 6, 1, Commemoration),
    solar("family-day", 6, 28, Commemoration).since(2001),
    solar("war-invalids-martyrs", 7, 27, Commemoration).since(1947),
    solar("august-revolution", 8, 19, Major).since(1945),
    solar("national-day", 9, 2, Major).off().since(1945),
    solar("capital-liberation", 10, 10, Commemoration).since(1954),
    solar("vietnamese-womens-day", 10, 20, Commemoration).since(1930),
    solar("teachers-day", 11, 20, Commemoration).since(1982),
    solar("culture-day", 11, 24, Commemoration).kept_from(2026),
    solar("army-day", 12, 22, Commemoration).since(1944),
];

/// Every holiday id, for the test that checks each has a name in both languages.
pub fn ids() -> Vec<&'static str> {
    DEFS.iter().map(|d| d.id).collect()
}

/// The holidays from `from` to `to` (both included, Vietnam dates), by date, in the order of
/// the list on one date. The range is bounded (`vntime::MAX_RANGE_DAYS`).
pub fn holidays_between(from: NaiveDate, to: NaiveDate) -> Result<Vec<Holiday>, CalendarError> {
    check_range(from, to)?;
    let mut out = Vec::new();
    let in_range = |d: NaiveDate| from <= d && d <= to;
    // Lunar years that can have a day in the range: the one of `from` (its months 11 and 12
    // reach into the next solar year) up to the one of `to`.
    let first_lunar = solar_to_lunar(from)?.year;
    let last_lunar = solar_to_lunar(to)?.year;
    for (order, def) in DEFS.iter().enumerate() {
        match def.when {
            When::Solar { month, day } => {
                for year in from.year()..=to.year() {
                    if def.first_year.is_some_and(|y| year < y) {
                        continue;
                    }
                    let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else {
                        continue;
                    };
                    if in_range(date) {
                        let anniversary = def
                            .since
                            .and_then(|s| u32::try_from(year - s).ok())
                            .filter(|&n| n > 0);
                        out.push((order, holiday(def, date, None, anniversary)));
                    }
                }
            }
            When::Lunar { month, day } => {
                for year in first_lunar..=last_lunar {
                    let l = LunarDate::new(year, month, day);
                    // A lunar date that does not exist in that year (none of the list can be a
                    // 30th) or that falls outside the supported dates is not shown.
                    let Ok(date) = lunar_to_solar(l) else {
                        continue;
                    };
                    if in_range(date) {
                        out.push((order, holiday(def, date, Some(l), None)));
                    }
                }
            }
            When::LunarYearEnd => {
                for year in first_lunar..=last_lunar {
                    let Ok(y) = lunar_year(year) else { continue };
                    let Some(m12) = y.month(12, false) else {
                        continue;
                    };
                    let date = m12.start + chrono::Duration::days(i64::from(m12.days) - 1);
                    if in_range(date) {
                        let l = LunarDate::new(year, 12, m12.days);
                        out.push((order, holiday(def, date, Some(l), None)));
                    }
                }
            }
        }
    }
    out.sort_by_key(|(order, h)| (h.date, *order));
    Ok(out.into_iter().map(|(_, h)| h).collect())
}

fn holiday(
    def: &Def,
    date: NaiveDate,
    lunar_date: Option<LunarDate>,
    anniversary: Option<u32>,
) -> Holiday {
    Holiday {
        id: def.id,
        date,
        lunar: lunar_date.is_some(),
        lunar_date,
        kind: def.kind,
        day_off: def.day_off,
        anniversary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::d;

    fn on(date: NaiveDate) -> Vec<&'static str> {
        holidays_between(date, date)
            .expect("in range")
            .into_iter()
            .map(|h| h.id)
            .collect()
    }

    #[test]
    fn lunar_holidays_of_2025() {
        assert_eq!(
            on(d(2025, 1, 28)),
            ["tet-eve"],
            "29 Tết: Chạp 2024 had 29 days"
        );
        assert_eq!(on(d(2025, 1, 29)), ["tet"]);
        assert_eq!(on(d(2025, 1, 30)), ["tet-2"]);
        assert_eq!(on(d(2025, 1, 31)), ["tet-3"]);
        assert_eq!(on(d(2025, 2, 12)), ["lantern"]);
        assert_eq!(on(d(2025, 4, 7)), ["hung-kings"]);
        assert_eq!(on(d(2025, 5, 31)), ["doan-ngo"]);
        assert_eq!(on(d(2025, 9, 6)), ["vu-lan"], "after the leap 6th month");
        assert_eq!(on(d(2025, 10, 6)), ["mid-autumn"]);
        assert_eq!(
            on(d(2025, 1, 22)),
            ["kitchen-gods"],
            "23 Chạp of lunar 2024"
        );
    }

    #[test]
    fn lunar_holidays_of_2026() {
        assert_eq!(on(d(2026, 2, 10)), ["kitchen-gods"]);
        assert_eq!(on(d(2026, 2, 16)), ["tet-eve"]);
        assert_eq!(on(d(2026, 2, 17)), ["tet"]);
        assert_eq!(on(d(2026, 4, 26)), ["hung-kings"]);
        assert_eq!(on(d(2026, 9, 25)), ["mid-autumn"]);
    }

    #[test]
    fn solar_days_and_their_anniversaries() {
        let h = holidays_between(d(2025, 9, 2), d(2025, 9, 2)).expect("in range");
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].id, "national-day");
        assert!(!h[0].lunar && h[0].day_off);
        assert_eq!(h[0].anniversary, Some(80));
        assert_eq!(h[0].kind, HolidayKind::Major);
        let party = &holidays_between(d(2025, 2, 3), d(2025, 2, 3)).expect("in range")[0];
        assert_eq!((party.id, party.anniversary), ("party-founding", Some(95)));
        assert!(!party.day_off);
        assert_eq!(on(d(2025, 1, 1)), ["new-year"]);
        assert_eq!(on(d(2025, 12, 22)), ["army-day"]);
    }

    #[test]
    fn culture_day_starts_in_2026() {
        assert!(on(d(2025, 11, 24)).is_empty());
        assert_eq!(on(d(2026, 11, 24)), ["culture-day"]);
    }

    #[test]
    fn a_year_has_every_listed_day_once() {
        let year = holidays_between(d(2026, 1, 1), d(2026, 12, 31)).expect("in range");
        // 2026 holds the end of lunar 2025 (kitchen-gods and tet-eve in February) and lunar
        // 2026 up to its 12th month, which starts in 2027: every id exactly once.
        let mut ids: Vec<&str> = year.iter().map(|h| h.id).collect();
        ids.sort_unstable();
        let mut all = super::ids();
        all.sort_unstable();
        assert_eq!(ids, all);
        assert!(year.windows(2).all(|w| w[0].date <= w[1].date), "sorted");
        let lunar: Vec<&str> = year.iter().filter(|h| h.lunar).map(|h| h.id).collect();
        assert_eq!(lunar.len(), 10);
        assert!(
            year.iter()
                .filter(|h| h.lunar)
                .all(|h| h.lunar_date.is_some())
        );
    }

    #[test]
    fn ranges_are_checked() {
        assert!(holidays_between(d(2025, 2, 1), d(2025, 1, 1)).is_err());
        assert!(holidays_between(d(1900, 1, 1), d(2100, 12, 31)).is_err());
        let edge = holidays_between(d(2100, 12, 1), d(2100, 12, 31)).expect("last month");
        assert!(edge.iter().any(|h| h.id == "army-day"));
        let start = holidays_between(d(1900, 1, 1), d(1900, 2, 28)).expect("first months");
        assert!(start.iter().any(|h| h.id == "tet"));
    }
}
