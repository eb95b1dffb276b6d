//! The words of the calendar: this crate holds no sentence of its own. Names of days, holidays,
//! states and the notice sentences are Fluent messages in `locales/*/calendar.ftl`; the crate
//! returns their ids and arguments, and formats them only through a [`Messages`] the caller
//! passes (loa-core's `Localizer` in the app, a test bundle in the tests).
//!
//! Numbers and dates that are not words ("14–20/7", "19:00") are made here, the way a
//! Vietnamese officer writes them.

use chrono::{Datelike, NaiveDate, Weekday};

/// The days of the week in Vietnamese order: Monday first.
pub const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// Formats the calendar's Fluent messages in one language.
pub trait Messages {
    /// "vi" or "en": the language of the text (for hyphenation and quotes in the layout).
    fn lang(&self) -> &str;
    /// Message `id` with its arguments; a missing message should come back as its id.
    fn message(&self, id: &str, args: &[(&str, String)]) -> String;

    /// A message without arguments.
    fn text(&self, id: &str) -> String {
        self.message(id, &[])
    }
}

/// The message id of a weekday's name: `calendar-weekday-mon` → "Thứ Hai".
pub fn weekday_id(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "calendar-weekday-mon",
        Weekday::Tue => "calendar-weekday-tue",
        Weekday::Wed => "calendar-weekday-wed",
        Weekday::Thu => "calendar-weekday-thu",
        Weekday::Fri => "calendar-weekday-fri",
        Weekday::Sat => "calendar-weekday-sat",
        Weekday::Sun => "calendar-weekday-sun",
    }
}

/// The Monday of the week that holds `date` (weeks start on Monday in Vietnam).
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - chrono::Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// "14–20/7"; across months "28/7–3/8"; across years "29/12/2025–4/1/2026".
pub fn date_range(from: NaiveDate, to: NaiveDate) -> String {
    if from.year() != to.year() {
        format!(
            "{}/{}/{}–{}/{}/{}",
            from.day(),
            from.month(),
            from.year(),
            to.day(),
            to.month(),
            to.year()
        )
    } else if from.month() != to.month() {
        format!(
            "{}/{}–{}/{}",
            from.day(),
            from.month(),
            to.day(),
            to.month()
        )
    } else {
        format!("{}–{}/{}", from.day(), to.day(), to.month())
    }
}

/// "29/7": a day as a calendar cell shows it.
pub fn day_month(date: NaiveDate) -> String {
    format!("{}/{}", date.day(), date.month())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::d;

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(week_start(d(2025, 7, 14)), d(2025, 7, 14));
        assert_eq!(
            week_start(d(2025, 7, 20)),
            d(2025, 7, 14),
            "Sunday ends the week"
        );
        assert_eq!(week_start(d(2025, 7, 29)), d(2025, 7, 28));
        assert_eq!(week_start(d(2026, 1, 1)), d(2025, 12, 29));
    }

    #[test]
    fn ranges_read_as_officers_write_them() {
        assert_eq!(date_range(d(2025, 7, 14), d(2025, 7, 20)), "14–20/7");
        assert_eq!(date_range(d(2025, 7, 28), d(2025, 8, 3)), "28/7–3/8");
        assert_eq!(
            date_range(d(2025, 12, 29), d(2026, 1, 4)),
            "29/12/2025–4/1/2026"
        );
        assert_eq!(day_month(d(2025, 9, 2)), "2/9");
    }

    #[test]
    fn every_weekday_has_its_own_message() {
        let ids: std::collections::BTreeSet<&str> = WEEK.into_iter().map(weekday_id).collect();
        assert_eq!(ids.len(), 7);
    }
}
