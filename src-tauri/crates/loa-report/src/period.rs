//! Report periods — a month, a quarter, a year, or from one date to another — in Vietnam time.
//!
//! Dates are inclusive and belong to Vietnam (UTC+7, no daylight saving), whatever the laptop's
//! time zone: January 2026 runs from `2026-01-01T00:00:00+07:00` up to, not including,
//! `2026-02-01T00:00:00+07:00`. A post published at 23:59 on 31 January, Vietnam time, belongs to
//! January whatever zone the laptop is set to: only the instant and Vietnam's offset decide.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::ReportError;

/// Vietnam's offset from UTC (Asia/Ho_Chi_Minh has kept +07:00 since 1975).
pub const VIETNAM_OFFSET_SECS: i32 = 7 * 3600;

/// The longest period a report covers: ten years is more than any superior asks for, and keeps
/// the weekly table bounded.
pub const MAX_DAYS: i64 = 3661;

/// UTC+7.
pub fn vietnam() -> FixedOffset {
    // +07:00 is within chrono's ±24 h range; UTC is only a type-level fallback.
    FixedOffset::east_opt(VIETNAM_OFFSET_SECS).unwrap_or_else(|| chrono::Offset::fix(&Utc))
}

/// The Vietnam date of an instant.
pub fn vietnam_date(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&vietnam()).date_naive()
}

/// An instant written in Vietnam time, RFC 3339 (`2026-01-05T08:30:00+07:00`).
pub fn vietnam_rfc3339(t: DateTime<Utc>) -> String {
    t.with_timezone(&vietnam())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// Midnight at the start of `day` in Vietnam.
pub fn vietnam_midnight(day: NaiveDate) -> DateTime<FixedOffset> {
    let naive = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    vietnam()
        .from_local_datetime(&naive)
        .single()
        .unwrap_or_else(|| vietnam().from_utc_datetime(&naive))
}

/// What kind of period the officer chose (it decides how the report names it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
    Range,
}

/// A report period: the dates `from` to `to`, both included, in Vietnam time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    kind: PeriodKind,
    from: NaiveDate,
    to: NaiveDate,
}

impl Period {
    pub fn month(year: i32, month: u32) -> Result<Self, ReportError> {
        let bad = || ReportError::BadPeriod {
            value: format!("{year:04}-{month:02}"),
        };
        let from = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        }
        .ok_or_else(bad)?;
        Ok(Self {
            kind: PeriodKind::Month,
            from,
            to: next - Duration::days(1),
        })
    }

    /// Quarter 1–4 of `year`.
    pub fn quarter(year: i32, quarter: u32) -> Result<Self, ReportError> {
        if !(1..=4).contains(&quarter) {
            return Err(ReportError::BadPeriod {
                value: format!("{year:04}-Q{quarter}"),
            });
        }
        let first = Self::month(year, quarter * 3 - 2)?;
        let last = Self::month(year, quarter * 3)?;
        Ok(Self {
            kind: PeriodKind::Quarter,
            from: first.from,
            to: last.to,
        })
    }

    pub fn year(year: i32) -> Result<Self, ReportError> {
        let first = Self::month(year, 1)?;
        let last = Self::month(year, 12)?;
        Ok(Self {
            kind: PeriodKind::Year,
            from: first.from,
            to: last.to,
        })
    }

    /// From `from` to `to`, both included.
    pub fn range(from: NaiveDate, to: NaiveDate) -> Result<Self, ReportError> {
        if to < from {
            return Err(ReportError::PeriodReversed {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        let days = (to - from).num_days() + 1;
        if days > MAX_DAYS {
            return Err(ReportError::PeriodTooLong {
                days,
                max: MAX_DAYS,
            });
        }
        Ok(Self {
            kind: PeriodKind::Range,
            from,
            to,
        })
    }

    /// `YYYY-MM` (a month), `YYYY-Qn` (a quarter), `YYYY` (a year).
    pub fn parse(text: &str) -> Result<Self, ReportError> {
        let s = text.trim();
        let bad = || ReportError::BadPeriod {
            value: text.to_owned(),
        };
        let year = |y: &str| -> Result<i32, ReportError> {
            if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
                y.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        match s.split_once('-') {
            None => Self::year(year(s)?),
            Some((y, rest)) => {
                let y = year(y)?;
                if let Some(q) = rest.strip_prefix(['Q', 'q']) {
                    let q: u32 = q.parse().map_err(|_| bad())?;
                    Self::quarter(y, q).map_err(|_| bad())
                } else if rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_digit()) {
                    let m: u32 = rest.parse().map_err(|_| bad())?;
                    Self::month(y, m).map_err(|_| bad())
                } else {
                    Err(bad())
                }
            }
        }
    }

    /// A date written `YYYY-MM-DD`.
    pub fn parse_date(text: &str) -> Result<NaiveDate, ReportError> {
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| ReportError::BadPeriod {
            value: text.to_owned(),
        })
    }

    pub fn kind(&self) -> PeriodKind {
        self.kind
    }

    /// The first day, included.
    pub fn from(&self) -> NaiveDate {
        self.from
    }

    /// The last day, included.
    pub fn to(&self) -> NaiveDate {
        self.to
    }

    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The first instant of the period (midnight in Vietnam).
    pub fn start(&self) -> DateTime<FixedOffset> {
        vietnam_midnight(self.from)
    }

    /// The first instant after the period (midnight in Vietnam after the last day).
    pub fn end(&self) -> DateTime<FixedOffset> {
        vietnam_midnight(self.to + Duration::days(1))
    }

    /// Whether `t` falls in the period: `start <= t < end`.
    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        t >= self.start() && t < self.end()
    }

    /// The weeks (Monday to Sunday, Vietnamese calendars start on Monday) that overlap the
    /// period, each clipped to it.
    pub fn weeks(&self) -> Vec<(NaiveDate, NaiveDate)> {
        let mut out = Vec::new();
        let mut start = self.from;
        while start <= self.to {
            let monday = start - Duration::days(i64::from(start.weekday().num_days_from_monday()));
            let end = (monday + Duration::days(6)).min(self.to);
            out.push((start, end));
            start = end + Duration::days(1);
        }
        out
    }

    /// The calendar months that overlap the period, each clipped to it.
    pub fn months(&self) -> Vec<(NaiveDate, NaiveDate)> {
        let mut out = Vec::new();
        let mut start = self.from;
        while start <= self.to {
            let end = Self::month(start.year(), start.month())
                .map(|m| m.to)
                .unwrap_or(self.to)
                .min(self.to);
            out.push((start, end));
            start = end + Duration::days(1);
        }
        out
    }
}

/// The period as the report's JSON gives it: inclusive dates and the RFC 3339 bounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PeriodJson {
    pub kind: PeriodKind,
    /// First day, included (`YYYY-MM-DD`, Vietnam).
    pub from: String,
    /// Last day, included.
    pub to: String,
    /// The first instant, `YYYY-MM-DDT00:00:00+07:00`.
    pub starts_at: String,
    /// The first instant after the period (exclusive bound).
    pub ends_before: String,
}

impl PeriodJson {
    /// The period back from its JSON (a report read from a file, the UI's copy).
    pub fn period(&self) -> Result<Period, ReportError> {
        let from = Period::parse_date(&self.from)?;
        let to = Period::parse_date(&self.to)?;
        let mut p = Period::range(from, to)?;
        p.kind = self.kind;
        Ok(p)
    }
}

impl From<&Period> for PeriodJson {
    fn from(p: &Period) -> Self {
        Self {
            kind: p.kind,
            from: p.from.format("%Y-%m-%d").to_string(),
            to: p.to.format("%Y-%m-%d").to_string(),
            starts_at: p.start().to_rfc3339(),
            ends_before: p.end().to_rfc3339(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        Period::parse_date(s).expect("date")
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("time")
            .with_timezone(&Utc)
    }

    #[test]
    fn months_quarters_years_and_ranges() {
        let feb = Period::parse("2024-02").expect("month");
        assert_eq!((feb.from(), feb.to()), (d("2024-02-01"), d("2024-02-29")));
        assert_eq!(feb.kind(), PeriodKind::Month);
        let dec = Period::parse("2025-12").expect("december");
        assert_eq!(dec.to(), d("2025-12-31"));
        let q3 = Period::parse("2026-Q3").expect("quarter");
        assert_eq!((q3.from(), q3.to()), (d("2026-07-01"), d("2026-09-30")));
        let y = Period::parse("2026").expect("year");
        assert_eq!(
            (y.from(), y.to(), y.days()),
            (d("2026-01-01"), d("2026-12-31"), 365)
        );
        let r = Period::range(d("2026-01-10"), d("2026-01-10")).expect("one day");
        assert_eq!(r.days(), 1);
        for bad in [
            "2026-13",
            "2026-Q5",
            "26-01",
            "2026-1",
            "tháng 1",
            "",
            "2026-01-01",
        ] {
            assert_eq!(
                Period::parse(bad).map_err(|e| e.code()),
                Err("bad_period"),
                "{bad}"
            );
        }
        assert_eq!(
            Period::range(d("2026-02-01"), d("2026-01-31")).map_err(|e| e.code()),
            Err("period_reversed")
        );
        assert_eq!(
            Period::range(d("2000-01-01"), d("2026-01-31")).map_err(|e| e.code()),
            Err("period_too_long")
        );
    }

    #[test]
    fn bounds_are_vietnam_midnights() {
        let jan = Period::parse("2026-01").expect("month");
        let json = PeriodJson::from(&jan);
        assert_eq!(json.from, "2026-01-01");
        assert_eq!(json.to, "2026-01-31");
        assert_eq!(json.starts_at, "2026-01-01T00:00:00+07:00");
        assert_eq!(json.ends_before, "2026-02-01T00:00:00+07:00");
        // 31 Dec 17:00 UTC is midnight of 1 January in Vietnam: inside.
        assert!(jan.contains(utc("2025-12-31T17:00:00Z")));
        assert!(!jan.contains(utc("2025-12-31T16:59:59.999Z")));
        // 31 January 23:59:59 in Vietnam is inside; midnight after is not.
        assert!(jan.contains(utc("2026-01-31T23:59:59.999+07:00")));
        assert!(!jan.contains(utc("2026-01-31T17:00:00Z")));
        assert_eq!(vietnam_date(utc("2026-01-31T17:30:00Z")), d("2026-02-01"));
        assert_eq!(
            vietnam_rfc3339(utc("2026-01-05T01:30:00Z")),
            "2026-01-05T08:30:00+07:00"
        );
    }

    #[test]
    fn weeks_start_on_monday_and_are_clipped() {
        // January 2026 starts on a Thursday.
        let jan = Period::parse("2026-01").expect("month");
        let weeks = jan.weeks();
        assert_eq!(weeks.first(), Some(&(d("2026-01-01"), d("2026-01-04"))));
        assert_eq!(weeks[1], (d("2026-01-05"), d("2026-01-11")));
        assert_eq!(weeks.last(), Some(&(d("2026-01-26"), d("2026-01-31"))));
        assert_eq!(weeks.len(), 5);
        let q1 = Period::parse("2026-Q1").expect("quarter");
        assert_eq!(q1.months().len(), 3);
        assert_eq!(q1.months()[1], (d("2026-02-01"), d("2026-02-28")));
    }
}
