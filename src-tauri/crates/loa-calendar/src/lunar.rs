//! The Vietnamese lunar calendar (âm lịch): solar ↔ lunar dates, leap months, month lengths.
//!
//! The calendar is computed, not tabled: each month starts on the local day of a new moon; month
//! 11 is the one that holds the winter solstice; a year with 13 months repeats (as a leap month)
//! the first month that holds no major solar term. Vietnam's calendar is computed for UTC+7
//! (the 105°E meridian), China's for UTC+8, which is why Tết sometimes differs (1985-01-21 in
//! Vietnam, 1985-02-20 in China; 2007-02-17 and 2007-02-18). The rules are Hồ Ngọc Đức's
//! standard algorithm (`lunar/astro.rs` holds the astronomy). `tests/lunar_fixtures.rs` checks every
//! day from Tết 1968 to 2100-12-31 against his published tables, and the same algorithm at UTC+8
//! against an independent Chinese table.
//!
//! Vietnam reckons its calendar at UTC+7 since 1968; before that it used China's (UTC+8). Dates
//! before 1968 are given here as the UTC+7 rule computes them (planning needs the present and
//! the future); `LunarCalendar::at_utc_offset(8)` gives the calendar of that time for the
//! years after 1929.

mod astro;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::CalendarError;
use crate::vntime::{FIRST_DATE, LAST_DATE, check_date};

/// A date of the lunar calendar. `leap` marks the repeated month of a 13-month year
/// ("tháng 6 nhuận").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LunarDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub leap: bool,
}

impl LunarDate {
    /// A regular (not leap) month's day.
    pub const fn new(year: i32, month: u32, day: u32) -> Self {
        Self {
            year,
            month,
            day,
            leap: false,
        }
    }
}

/// One month of a lunar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LunarMonth {
    pub month: u32,
    pub leap: bool,
    /// The solar date of its first day (mùng 1).
    pub start: NaiveDate,
    /// 29 or 30.
    pub days: u32,
}

/// A lunar year: 12 or 13 months in order, the leap month right after the month it repeats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LunarYear {
    pub year: i32,
    pub months: Vec<LunarMonth>,
}

impl LunarYear {
    /// The repeated month, if the year has 13 months.
    pub fn leap_month(&self) -> Option<u32> {
        self.months.iter().find(|m| m.leap).map(|m| m.month)
    }

    /// Tết Nguyên đán: the solar date of 1/1.
    pub fn new_year(&self) -> NaiveDate {
        self.months.first().map_or(FIRST_DATE, |m| m.start)
    }

    /// The month `month` (the leap one when `leap`).
    pub fn month(&self, month: u32, leap: bool) -> Option<&LunarMonth> {
        self.months
            .iter()
            .find(|m| m.month == month && m.leap == leap)
    }
}

/// The lunar calendar at one meridian. [`LunarCalendar::VIETNAM`] is the one Loa uses; other
/// offsets exist to compare with the calendars of neighbours (China is UTC+8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarCalendar {
    utc_offset_hours: i32,
}

/// Julian day number of a date (12:00 UT of that day).
fn jdn(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + 1_721_425
}

fn date_of(jdn: i64) -> NaiveDate {
    i32::try_from(jdn - 1_721_425)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(NaiveDate::MIN)
}

/// The months from the month 11 that starts late in solar year `y - 1` to the one before the
/// month 11 of year `y` ("tuế"): their first days (one more at the end: the next month 11)
/// and their (month, leap) labels.
struct Window {
    year: i32,
    starts: Vec<i64>,
    labels: Vec<(u32, bool)>,
}

impl Window {
    fn new(year: i32, tz: f64) -> Self {
        let dec31 = |y: i32| NaiveDate::from_ymd_opt(y, 12, 31).map_or(0, jdn);
        let a11 = astro::month_11_start(dec31(year - 1), tz);
        let b11 = astro::month_11_start(dec31(year), tz);
        let k = astro::lunation_near(a11);
        let count: i64 = if b11 - a11 > 365 { 13 } else { 12 };
        let starts: Vec<i64> = (0..=count)
            .map(|i| astro::new_moon_day(k + i, tz))
            .collect();
        let leap = (count == 13).then(|| {
            // The first month after month 11 with no major solar term. Over the supported years
            // one is always found; the bound only keeps a broken input from looping.
            (1..12)
                .find(|&i| astro::sun_sector(starts[i], tz) == astro::sun_sector(starts[i + 1], tz))
                .unwrap_or(12)
        });
        // Offset 0 is month 11, offset 1 month 12, offset 2 month 1 …
        let label = |off: usize| ((off + 10) % 12) as u32 + 1;
        let labels = (0..count as usize)
            .map(|off| match leap {
                Some(l) if off == l => (label(off - 1), true),
                Some(l) if off > l => (label(off - 1), false),
                _ => (label(off), false),
            })
            .collect();
        Self {
            year,
            starts,
            labels,
        }
    }

    /// The lunar year of the month at `off`: months 11 and 12 belong to the year before.
    fn lunar_year(&self, off: usize) -> i32 {
        if self.labels[off].0 >= 11 {
            self.year - 1
        } else {
            self.year
        }
    }

    fn month(&self, off: usize) -> LunarMonth {
        let (month, leap) = self.labels[off];
        LunarMonth {
            month,
            leap,
            start: date_of(self.starts[off]),
            days: (self.starts[off + 1] - self.starts[off]) as u32,
        }
    }
}

impl LunarCalendar {
    /// Vietnam: UTC+7, the 105°E meridian.
    pub const VIETNAM: LunarCalendar = LunarCalendar {
        utc_offset_hours: 7,
    };

    /// The calendar at a whole-hour offset east of UTC (clamped to −12…+14).
    pub const fn at_utc_offset(hours: i32) -> Self {
        let h = if hours < -12 {
            -12
        } else if hours > 14 {
            14
        } else {
            hours
        };
        Self {
            utc_offset_hours: h,
        }
    }

    fn tz(self) -> f64 {
        f64::from(self.utc_offset_hours)
    }

    /// The lunar date of a solar date in 1900–2100.
    pub fn solar_to_lunar(self, date: NaiveDate) -> Result<LunarDate, CalendarError> {
        check_date(date)?;
        let day = jdn(date);
        let tz = self.tz();
        let mut window = Window::new(date.year(), tz);
        if day >= window.starts[window.starts.len() - 1] {
            window = Window::new(date.year() + 1, tz);
        }
        let off = window
            .starts
            .windows(2)
            .position(|w| w[0] <= day && day < w[1])
            .unwrap_or(0);
        let (month, leap) = window.labels[off];
        Ok(LunarDate {
            year: window.lunar_year(off),
            month,
            day: (day - window.starts[off] + 1) as u32,
            leap,
        })
    }

    /// The months of lunar year `year` (1899–2100; 1899 because its last months fall in 1900).
    pub fn year(self, year: i32) -> Result<LunarYear, CalendarError> {
        if year < FIRST_DATE.year() - 1 || year > LAST_DATE.year() {
            return Err(CalendarError::DateOutOfRange {
                date: year.to_string(),
                min: (FIRST_DATE.year() - 1).to_string(),
                max: LAST_DATE.year().to_string(),
            });
        }
        let tz = self.tz();
        let this = Window::new(year, tz);
        let next = Window::new(year + 1, tz);
        let mut months: Vec<LunarMonth> = (0..this.labels.len())
            .filter(|&off| this.lunar_year(off) == year)
            .map(|off| this.month(off))
            .collect();
        months.extend(
            (0..next.labels.len())
                .filter(|&off| next.lunar_year(off) == year)
                .map(|off| next.month(off)),
        );
        Ok(LunarYear { year, months })
    }

    /// The solar date of a lunar date; an error when that date does not exist (a 30th in a
    /// 29-day month, a leap month the year does not have).
    pub fn lunar_to_solar(self, date: LunarDate) -> Result<NaiveDate, CalendarError> {
        let missing = || CalendarError::NoSuchLunarDate {
            year: date.year,
            month: date.month,
            day: date.day,
            leap: date.leap,
        };
        if !(1..=12).contains(&date.month) || !(1..=30).contains(&date.day) {
            return Err(missing());
        }
        let year = self.year(date.year)?;
        let month = year.month(date.month, date.leap).ok_or_else(missing)?;
        if date.day > month.days {
            return Err(missing());
        }
        Ok(month.start + chrono::Duration::days(i64::from(date.day) - 1))
    }
}

/// The Vietnamese lunar date of a solar date.
pub fn solar_to_lunar(date: NaiveDate) -> Result<LunarDate, CalendarError> {
    LunarCalendar::VIETNAM.solar_to_lunar(date)
}

/// The solar date of a Vietnamese lunar date.
pub fn lunar_to_solar(date: LunarDate) -> Result<NaiveDate, CalendarError> {
    LunarCalendar::VIETNAM.lunar_to_solar(date)
}

/// The months of a Vietnamese lunar year.
pub fn lunar_year(year: i32) -> Result<LunarYear, CalendarError> {
    LunarCalendar::VIETNAM.year(year)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::d;

    #[test]
    fn well_known_tet_dates() {
        for (year, tet) in [
            (1985, d(1985, 1, 21)),
            (2007, d(2007, 2, 17)),
            (2024, d(2024, 2, 10)),
            (2025, d(2025, 1, 29)),
            (2026, d(2026, 2, 17)),
        ] {
            assert_eq!(
                lunar_year(year).expect("in range").new_year(),
                tet,
                "{year}"
            );
            assert_eq!(
                solar_to_lunar(tet).expect("in range"),
                LunarDate::new(year, 1, 1)
            );
            assert_eq!(
                lunar_to_solar(LunarDate::new(year, 1, 1)).expect("exists"),
                tet
            );
        }
    }

    #[test]
    fn china_is_an_hour_later_and_sometimes_a_day_or_a_month() {
        let china = LunarCalendar::at_utc_offset(8);
        assert_eq!(
            china.year(1985).expect("in range").new_year(),
            d(1985, 2, 20)
        );
        assert_eq!(
            china.year(2007).expect("in range").new_year(),
            d(2007, 2, 18)
        );
        assert_eq!(
            china.year(2025).expect("in range").new_year(),
            d(2025, 1, 29)
        );
    }

    #[test]
    fn leap_months() {
        let y2025 = lunar_year(2025).expect("in range");
        assert_eq!(y2025.leap_month(), Some(6));
        assert_eq!(y2025.months.len(), 13);
        assert_eq!(lunar_year(2024).expect("in range").leap_month(), None);
        // 2025-08-01 is 8/6 nhuận.
        let l = solar_to_lunar(d(2025, 8, 1)).expect("in range");
        assert_eq!(
            l,
            LunarDate {
                year: 2025,
                month: 6,
                day: 8,
                leap: true
            }
        );
        assert_eq!(lunar_to_solar(l).expect("exists"), d(2025, 8, 1));
        // No leap month in 2024.
        let err = lunar_to_solar(LunarDate {
            year: 2024,
            month: 6,
            day: 1,
            leap: true,
        })
        .expect_err("2024 has no leap month");
        assert_eq!(err.code(), "no_such_lunar_date");
    }

    #[test]
    fn month_lengths_are_29_or_30_and_a_30th_may_not_exist() {
        for y in [1900, 1985, 2025, 2100] {
            let year = lunar_year(y).expect("in range");
            assert!(
                year.months.iter().all(|m| m.days == 29 || m.days == 30),
                "{y}"
            );
            for pair in year.months.windows(2) {
                assert_eq!(
                    pair[0].start + chrono::Duration::days(i64::from(pair[0].days)),
                    pair[1].start
                );
            }
        }
        let short = lunar_year(2025)
            .expect("in range")
            .months
            .into_iter()
            .find(|m| m.days == 29)
            .expect("a short month");
        let err = lunar_to_solar(LunarDate {
            year: 2025,
            month: short.month,
            day: 30,
            leap: short.leap,
        })
        .expect_err("no 30th");
        assert_eq!(err.code(), "no_such_lunar_date");
        assert!(lunar_to_solar(LunarDate::new(2025, 13, 1)).is_err());
        assert!(lunar_to_solar(LunarDate::new(2025, 1, 0)).is_err());
    }

    #[test]
    fn out_of_range_is_an_error_not_a_guess() {
        assert_eq!(
            solar_to_lunar(d(1899, 12, 31))
                .expect_err("too early")
                .code(),
            "date_out_of_range"
        );
        assert!(solar_to_lunar(d(1900, 1, 1)).is_ok());
        assert!(solar_to_lunar(d(2100, 12, 31)).is_ok());
        assert!(lunar_year(2101).is_err());
        assert!(lunar_year(1899).is_ok());
    }
}
