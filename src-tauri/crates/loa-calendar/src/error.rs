//! Everything the calendar can refuse.
//!
//! Each variant has a stable code and a Fluent message id `calendar-error-<code with dashes>` in
//! `locales/*/calendar.ftl`; [`CalendarError::args`] gives the message's arguments. Inputs are
//! echoed back cut to [`ECHO_MAX`] characters, so a hostile string cannot blow up a message.

use std::collections::BTreeMap;

/// How many characters of a rejected input an error keeps.
pub const ECHO_MAX: usize = 40;

/// A value the calendar cannot work with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("not a date: {input:?} (expected YYYY-MM-DD)")]
    BadDate { input: String },
    #[error("not a time: {input:?} (expected HH:MM)")]
    BadTime { input: String },
    #[error("not a local date and time: {input:?} (expected YYYY-MM-DDTHH:MM)")]
    BadDateTime { input: String },
    #[error(
        "not a time with its offset: {input:?} (expected RFC 3339, e.g. 2025-07-29T19:00:00+07:00)"
    )]
    BadInstant { input: String },
    #[error("not a weekday: {input:?} (expected mon, tue, wed, thu, fri, sat or sun)")]
    BadWeekday { input: String },
    #[error("not a colour: {input:?} (expected #RRGGBB)")]
    BadColour { input: String },
    #[error("{date} is outside the dates Loa plans for ({min} to {max})")]
    DateOutOfRange {
        date: String,
        min: String,
        max: String,
    },
    #[error("the range {from} to {to} is empty or longer than {max_days} days")]
    BadRange {
        from: String,
        to: String,
        max_days: u32,
    },
    #[error("lunar date {day}/{month}/{year} (leap month: {leap}) does not exist")]
    NoSuchLunarDate {
        year: i32,
        month: u32,
        day: u32,
        leap: bool,
    },
    #[error("a section needs at least one weekday")]
    NoWeekdays,
    #[error("a section's count must be between 1 and {max}; got {count}")]
    BadCount { count: u64, max: u32 },
    #[error("a section cannot end ({until}) before it starts ({start})")]
    EndsBeforeStart { start: String, until: String },
    #[error("a section's episodes must start between 1 and {max}; got {first}")]
    BadFirstEpisode { first: u64, max: u32 },
    #[error("{date} is not a day of this section")]
    NotAnOccurrence { date: String },
    #[error("a section can be edited at most {max} times")]
    TooManyEdits { max: usize },
}

impl CalendarError {
    /// Every code, for the test that checks each has a message in both languages.
    pub const CODES: [&'static str; 15] = [
        "bad_date",
        "bad_time",
        "bad_date_time",
        "bad_instant",
        "bad_weekday",
        "bad_colour",
        "date_out_of_range",
        "bad_range",
        "no_such_lunar_date",
        "no_weekdays",
        "bad_count",
        "ends_before_start",
        "bad_first_episode",
        "not_an_occurrence",
        "too_many_edits",
    ];

    /// The stable, machine-readable name of the error.
    pub fn code(&self) -> &'static str {
        match self {
            CalendarError::BadDate { .. } => "bad_date",
            CalendarError::BadTime { .. } => "bad_time",
            CalendarError::BadDateTime { .. } => "bad_date_time",
            CalendarError::BadInstant { .. } => "bad_instant",
            CalendarError::BadWeekday { .. } => "bad_weekday",
            CalendarError::BadColour { .. } => "bad_colour",
            CalendarError::DateOutOfRange { .. } => "date_out_of_range",
            CalendarError::BadRange { .. } => "bad_range",
            CalendarError::NoSuchLunarDate { .. } => "no_such_lunar_date",
            CalendarError::NoWeekdays => "no_weekdays",
            CalendarError::BadCount { .. } => "bad_count",
            CalendarError::EndsBeforeStart { .. } => "ends_before_start",
            CalendarError::BadFirstEpisode { .. } => "bad_first_episode",
            CalendarError::NotAnOccurrence { .. } => "not_an_occurrence",
            CalendarError::TooManyEdits { .. } => "too_many_edits",
        }
    }

    /// The Fluent message id: `calendar-error-<code with dashes>`.
    pub fn message_id(&self) -> String {
        format!("calendar-error-{}", self.code().replace('_', "-"))
    }

    /// The arguments of the Fluent message, as strings.
    pub fn args(&self) -> BTreeMap<String, String> {
        let mut a = BTreeMap::new();
        let mut put = |k: &str, v: String| {
            a.insert(k.to_owned(), v);
        };
        match self {
            CalendarError::BadDate { input }
            | CalendarError::BadTime { input }
            | CalendarError::BadDateTime { input }
            | CalendarError::BadInstant { input }
            | CalendarError::BadWeekday { input }
            | CalendarError::BadColour { input } => put("input", input.clone()),
            CalendarError::DateOutOfRange { date, min, max } => {
                put("date", date.clone());
                put("min", min.clone());
                put("max", max.clone());
            }
            CalendarError::BadRange { from, to, max_days } => {
                put("from", from.clone());
                put("to", to.clone());
                put("max_days", max_days.to_string());
            }
            CalendarError::NoSuchLunarDate {
                year,
                month,
                day,
                leap,
            } => {
                put("year", year.to_string());
                put("month", month.to_string());
                put("day", day.to_string());
                put("leap", if *leap { "yes" } else { "no" }.to_owned());
            }
            CalendarError::NoWeekdays => {}
            CalendarError::BadCount { count, max } => {
                put("count", count.to_string());
                put("max", max.to_string());
            }
            CalendarError::EndsBeforeStart { start, until } => {
                put("start", start.clone());
                put("until", until.clone());
            }
            CalendarError::BadFirstEpisode { first, max } => {
                put("first", first.to_string());
                put("max", max.to_string());
            }
            CalendarError::NotAnOccurrence { date } => put("date", date.clone()),
            CalendarError::TooManyEdits { max } => put("max", max.to_string()),
        }
        a
    }
}

/// `input` cut to [`ECHO_MAX`] characters, for an error message.
pub(crate) fn echo(input: &str) -> String {
    let mut chars = input.chars();
    let mut s: String = chars.by_ref().take(ECHO_MAX).collect();
    if chars.next().is_some() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_list_every_variant_once() {
        let samples = [
            CalendarError::BadDate { input: "x".into() },
            CalendarError::BadTime { input: "x".into() },
            CalendarError::BadDateTime { input: "x".into() },
            CalendarError::BadInstant { input: "x".into() },
            CalendarError::BadWeekday { input: "x".into() },
            CalendarError::BadColour { input: "x".into() },
            CalendarError::DateOutOfRange {
                date: "x".into(),
                min: "a".into(),
                max: "b".into(),
            },
            CalendarError::BadRange {
                from: "a".into(),
                to: "b".into(),
                max_days: 1,
            },
            CalendarError::NoSuchLunarDate {
                year: 2025,
                month: 2,
                day: 30,
                leap: false,
            },
            CalendarError::NoWeekdays,
            CalendarError::BadCount { count: 0, max: 1 },
            CalendarError::EndsBeforeStart {
                start: "a".into(),
                until: "b".into(),
            },
            CalendarError::BadFirstEpisode { first: 0, max: 1 },
            CalendarError::NotAnOccurrence { date: "x".into() },
            CalendarError::TooManyEdits { max: 1 },
        ];
        let codes: Vec<&str> = samples.iter().map(CalendarError::code).collect();
        assert_eq!(codes, CalendarError::CODES);
        assert_eq!(
            samples[7].message_id(),
            "calendar-error-bad-range",
            "dashes in message ids"
        );
    }

    #[test]
    fn echo_cuts_long_input() {
        assert_eq!(echo("ngắn"), "ngắn");
        let long = "đ".repeat(100);
        let cut = echo(&long);
        assert_eq!(cut.chars().count(), ECHO_MAX + 1);
        assert!(cut.ends_with('…'));
    }
}
