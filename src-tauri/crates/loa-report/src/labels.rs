//! The words of the exported report, from `locales/<lang>/report.ftl` (and the topic names from
//! `core.ftl`, their one home), embedded like `loa-core`'s messages so the exports work from
//! anywhere. Numbers and dates are written here the way a Vietnamese office writes them.

use chrono::{Datelike, NaiveDate, Timelike};
use fluent_bundle::{FluentArgs, FluentValue};
use loa_templates::{Lang, Messages};

use crate::period::{Period, PeriodKind};

/// The Fluent files the exports read, per language: the report's own, and `core.ftl` for the
/// topic names.
fn sources(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Vi => [
            include_str!("../../../../locales/vi/report.ftl"),
            include_str!("../../../../locales/vi/core.ftl"),
        ],
        Lang::En => [
            include_str!("../../../../locales/en/report.ftl"),
            include_str!("../../../../locales/en/core.ftl"),
        ],
    }
}

/// Formats the report's words in one language.
#[derive(Debug)]
pub struct Labels {
    messages: Messages,
}

/// The messages themselves (`lang`, `has`, `format`); `Labels` adds the report's ways of
/// writing numbers, dates and periods.
impl std::ops::Deref for Labels {
    type Target = Messages;

    fn deref(&self) -> &Messages {
        &self.messages
    }
}

impl Labels {
    pub fn new(lang: Lang) -> Self {
        Self {
            messages: Messages::new(lang, &sources(lang)),
        }
    }

    /// Message `id` without arguments. A missing message yields its id: visible, never a crash.
    pub fn get(&self, id: &str) -> String {
        self.with(id, &[])
    }

    /// Message `id` with `(name, value)` arguments (strings, already formatted).
    pub fn with(&self, id: &str, args: &[(&str, String)]) -> String {
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, FluentValue::from(v.as_str()));
        }
        self.messages.format(id, Some(&fargs))
    }

    /// Message `id` with formatted counts: each `(name, n)` is passed as `name` (written with
    /// the language's separators) and as `name_n` (the number, for plural forms: "1 video",
    /// "2 videos").
    pub fn with_counts(&self, id: &str, counts: &[(&str, i64)]) -> String {
        let mut fargs = FluentArgs::new();
        for (k, n) in counts {
            fargs.set(*k, FluentValue::from(self.number(*n)));
            fargs.set(format!("{k}_n"), FluentValue::from(*n));
        }
        self.messages.format(id, Some(&fargs))
    }

    /// A count with the thousands separator of the language: `13.250` in Vietnamese, `13,250`
    /// in English.
    pub fn number(&self, n: i64) -> String {
        let sep = match self.lang() {
            Lang::Vi => '.',
            Lang::En => ',',
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        if n < 0 { format!("-{out}") } else { out }
    }

    /// `05/01/2026` (day/month/year, as Vietnamese documents write dates).
    pub fn date(&self, d: NaiveDate) -> String {
        self.with(
            "report-date",
            &[
                ("day", format!("{:02}", d.day())),
                ("month", format!("{:02}", d.month())),
                ("year", d.year().to_string()),
            ],
        )
    }

    /// `08:30 ngày 05/01/2026`.
    pub fn date_time(&self, t: chrono::DateTime<chrono::FixedOffset>) -> String {
        self.with(
            "report-date-time",
            &[
                ("hour", format!("{:02}", t.hour())),
                ("minute", format!("{:02}", t.minute())),
                ("day", format!("{:02}", t.day())),
                ("month", format!("{:02}", t.month())),
                ("year", t.year().to_string()),
            ],
        )
    }

    /// A month's short name for a chart ("T3", "Mar").
    pub fn month_short(&self, month: u32) -> String {
        let mut args = FluentArgs::new();
        args.set("month", FluentValue::from(month));
        self.messages.format("report-month-short", Some(&args))
    }

    /// A report time (RFC 3339) as "08:30 ngày 05/01/2026", in Vietnam time.
    pub fn time_of(&self, rfc3339: &str) -> String {
        chrono::DateTime::parse_from_rfc3339(rfc3339).map_or_else(
            |_| rfc3339.to_owned(),
            |t| self.date_time(t.with_timezone(&crate::period::vietnam())),
        )
    }

    /// A report time (RFC 3339) as its Vietnam date, "05/01/2026".
    pub fn day_of(&self, rfc3339: &str) -> String {
        chrono::DateTime::parse_from_rfc3339(rfc3339).map_or_else(
            |_| rfc3339.to_owned(),
            |t| self.date(t.with_timezone(&crate::period::vietnam()).date_naive()),
        )
    }

    /// The name of a month (English), or "tháng 3".
    pub fn month_name(&self, month: u32) -> String {
        // A number, so that Fluent's numeric variants ([1] January …) match.
        let mut args = FluentArgs::new();
        args.set("month", FluentValue::from(month));
        self.messages.format("report-month-name", Some(&args))
    }

    /// The period as the report's subject line names it: "tháng 01 năm 2026", "quý I năm 2026",
    /// "từ ngày 05/01/2026 đến ngày 20/01/2026".
    pub fn period(&self, p: &Period) -> String {
        let from = p.from();
        match p.kind() {
            PeriodKind::Month => self.with(
                "report-period-month",
                &[
                    ("month", admin_month(from.month())),
                    ("month_name", self.month_name(from.month())),
                    ("year", from.year().to_string()),
                ],
            ),
            PeriodKind::Quarter => self.with(
                "report-period-quarter",
                &[
                    ("quarter", roman(from.month().div_ceil(3))),
                    ("year", from.year().to_string()),
                ],
            ),
            PeriodKind::Year => {
                self.with("report-period-year", &[("year", from.year().to_string())])
            }
            PeriodKind::Range => self.with(
                "report-period-range",
                &[("from", self.date(from)), ("to", self.date(p.to()))],
            ),
        }
    }

    /// "Nà Hẩu, ngày 05 tháng 02 năm 2026" — Decree 30/2020: days below 10 and the months 1
    /// and 2 take a leading zero.
    pub fn place_date(&self, place: &str, d: NaiveDate) -> String {
        self.with(
            "report-place-date",
            &[
                ("place", place.to_owned()),
                ("day", format!("{:02}", d.day())),
                ("day_plain", d.day().to_string()),
                ("month", admin_month(d.month())),
                ("month_name", self.month_name(d.month())),
                ("year", d.year().to_string()),
            ],
        )
    }

    /// A topic's name (`core.ftl`); an unknown id is shown as "unknown", never as a code.
    pub fn topic(&self, id: &str) -> String {
        let key = format!("topic-{id}");
        if self.has(&key) {
            self.get(&key)
        } else {
            self.get("report-unknown")
        }
    }

    /// A reach measure's name.
    pub fn metric(&self, id: &str) -> String {
        let key = format!("report-metric-{id}");
        if self.has(&key) {
            self.get(&key)
        } else {
            self.with("report-metric-other", &[("metric", id.to_owned())])
        }
    }
}

/// Months 1 and 2 are written `01`, `02`; the others without a zero (Decree 30/2020, Annex I).
pub fn admin_month(month: u32) -> String {
    if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    }
}

fn roman(n: u32) -> String {
    match n {
        1 => "I",
        2 => "II",
        3 => "III",
        _ => "IV",
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_dates_and_periods_in_both_languages() {
        let vi = Labels::new(Lang::Vi);
        let en = Labels::new(Lang::En);
        assert_eq!(vi.number(2_192_178), "2.192.178");
        assert_eq!(en.number(13_000), "13,000");
        assert_eq!(vi.number(999), "999");
        assert_eq!(vi.number(-1200), "-1.200");
        let d = NaiveDate::from_ymd_opt(2026, 2, 5).expect("date");
        assert_eq!(
            vi.place_date("Nà Hẩu", d),
            "Nà Hẩu, ngày 05 tháng 02 năm 2026"
        );
        assert_eq!(en.place_date("Nà Hẩu", d), "Nà Hẩu, 5 February 2026");
        let d = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
        assert_eq!(
            vi.place_date("Nà Hẩu", d),
            "Nà Hẩu, ngày 20 tháng 11 năm 2026"
        );
        let jan = Period::parse("2026-01").expect("month");
        assert_eq!(vi.period(&jan), "tháng 01 năm 2026");
        assert_eq!(en.period(&jan), "January 2026");
        let mar = Period::parse("2026-03").expect("month");
        assert_eq!(vi.period(&mar), "tháng 3 năm 2026");
        let q = Period::parse("2026-Q2").expect("quarter");
        assert_eq!(vi.period(&q), "quý II năm 2026");
        assert_eq!(vi.topic("weather_disaster"), "Thời tiết, thiên tai");
        assert_eq!(vi.topic("no_such_topic"), "Chưa rõ");
        assert_eq!(vi.metric("page_media_view"), "Lượt xem nội dung của Trang");
    }
}
