//! Vietnam time: every plan is in Asia/Ho_Chi_Minh, UTC+7, whatever the laptop's time zone.
//!
//! Vietnam has kept UTC+7 without daylight saving since 1975, so a local date and time maps to
//! exactly one instant and back; this module never reads the system's time zone (an officer's
//! laptop set to UTC or to Europe/Paris must plan the same week). Instants are
//! `DateTime<Utc>`; "local" values are `NaiveDate`/`NaiveTime`/`NaiveDateTime` in Vietnam time.
//! Stored instants are RFC 3339 with the +07:00 offset ([`format_rfc3339`]), so a row read by
//! eye says the time the officer meant.
//!
//! Every parser here bounds its input ([`INPUT_MAX`] bytes) and says what it expected.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};

use crate::error::{CalendarError, echo};

/// Seconds east of UTC of Vietnam time.
pub const VN_OFFSET_SECS: i32 = 7 * 3600;

/// The first date Loa plans for (and the lunar calendar is checked from).
pub const FIRST_DATE: NaiveDate = NaiveDate::from_ymd_opt(1900, 1, 1).expect("a valid date");
/// The last date Loa plans for.
pub const LAST_DATE: NaiveDate = NaiveDate::from_ymd_opt(2100, 12, 31).expect("a valid date");

/// Longer inputs are refused before parsing.
pub const INPUT_MAX: usize = 64;

/// The longest range of dates one call computes (about ten years), so a request cannot make
/// the calendar work for ever or answer with millions of entries.
pub const MAX_RANGE_DAYS: u32 = 3660;

/// The UTC+7 offset.
pub fn offset() -> FixedOffset {
    FixedOffset::east_opt(VN_OFFSET_SECS).expect("UTC+7 is a valid offset")
}

/// The Vietnam wall-clock time of an instant.
pub fn to_local(instant: DateTime<Utc>) -> NaiveDateTime {
    instant.with_timezone(&offset()).naive_local()
}

/// The instant of a Vietnam wall-clock time (always exactly one: no daylight saving).
pub fn to_instant(local: NaiveDateTime) -> DateTime<Utc> {
    (local - chrono::Duration::seconds(i64::from(VN_OFFSET_SECS))).and_utc()
}

/// The Vietnam date of an instant.
pub fn local_date(instant: DateTime<Utc>) -> NaiveDate {
    to_local(instant).date()
}

/// Midnight at the start of a Vietnam date, as an instant.
pub fn day_start(date: NaiveDate) -> DateTime<Utc> {
    to_instant(date.and_time(NaiveTime::MIN))
}

/// "2025-07-29T19:00:00+07:00": an instant as stored and shown, in Vietnam time.
pub fn format_rfc3339(instant: DateTime<Utc>) -> String {
    instant
        .with_timezone(&offset())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// An RFC 3339 time with its offset (any offset; `Z` too). A time without an offset is refused:
/// it would silently mean the laptop's zone or UTC.
pub fn parse_rfc3339(input: &str) -> Result<DateTime<Utc>, CalendarError> {
    let bad = || CalendarError::BadInstant { input: echo(input) };
    if input.len() > INPUT_MAX {
        return Err(bad());
    }
    DateTime::parse_from_rfc3339(input.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| bad())
}

/// "YYYY-MM-DD", within [`FIRST_DATE`]..=[`LAST_DATE`].
pub fn parse_date(input: &str) -> Result<NaiveDate, CalendarError> {
    if input.len() > INPUT_MAX {
        return Err(CalendarError::BadDate { input: echo(input) });
    }
    let date = NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d")
        .map_err(|_| CalendarError::BadDate { input: echo(input) })?;
    check_date(date)?;
    Ok(date)
}

/// "HH:MM" (24-hour; "7:30" is accepted too). Seconds are not part of a plan.
pub fn parse_time(input: &str) -> Result<NaiveTime, CalendarError> {
    if input.len() > INPUT_MAX {
        return Err(CalendarError::BadTime { input: echo(input) });
    }
    NaiveTime::parse_from_str(input.trim(), "%H:%M")
        .map_err(|_| CalendarError::BadTime { input: echo(input) })
}

/// "YYYY-MM-DDTHH:MM" (a space instead of the T is accepted), Vietnam time.
pub fn parse_local_datetime(input: &str) -> Result<NaiveDateTime, CalendarError> {
    let bad = || CalendarError::BadDateTime { input: echo(input) };
    if input.len() > INPUT_MAX {
        return Err(bad());
    }
    let s = input.trim();
    let dt = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
        .map_err(|_| bad())?;
    check_date(dt.date())?;
    Ok(dt)
}

/// "2025-07-29".
pub fn format_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// "19:00", "07:30": the JSON form of a plan's time.
pub fn format_time(time: NaiveTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// "2025-07-29T19:00": the JSON form of a local date and time.
pub fn format_local_datetime(local: NaiveDateTime) -> String {
    format!(
        "{}T{}",
        format_date(local.date()),
        format_time(local.time())
    )
}

/// "19:00" or "7:30" as a Vietnamese officer writes a time: hours without a leading zero.
pub fn display_time(time: NaiveTime) -> String {
    format!("{}:{:02}", time.hour(), time.minute())
}

/// Refuses a date outside [`FIRST_DATE`]..=[`LAST_DATE`].
pub fn check_date(date: NaiveDate) -> Result<(), CalendarError> {
    if (FIRST_DATE..=LAST_DATE).contains(&date) {
        Ok(())
    } else {
        Err(CalendarError::DateOutOfRange {
            date: format_date(date),
            min: format_date(FIRST_DATE),
            max: format_date(LAST_DATE),
        })
    }
}

/// Refuses a range of dates (both ends included) that is reversed, longer than
/// [`MAX_RANGE_DAYS`] or outside the supported dates.
pub fn check_range(from: NaiveDate, to: NaiveDate) -> Result<(), CalendarError> {
    check_date(from)?;
    check_date(to)?;
    let days = (to - from).num_days() + 1;
    if days < 1 || days > i64::from(MAX_RANGE_DAYS) {
        return Err(CalendarError::BadRange {
            from: format_date(from),
            to: format_date(to),
            max_days: MAX_RANGE_DAYS,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::d;

    #[test]
    fn vietnam_is_seven_hours_ahead_of_utc() {
        let local = d(2025, 7, 29).and_hms_opt(19, 0, 0).expect("valid");
        let instant = to_instant(local);
        assert_eq!(instant.to_rfc3339(), "2025-07-29T12:00:00+00:00");
        assert_eq!(to_local(instant), local);
        assert_eq!(format_rfc3339(instant), "2025-07-29T19:00:00+07:00");
    }

    #[test]
    fn the_vietnam_date_can_differ_from_the_utc_date() {
        // 20:00 UTC on the 28th is 03:00 on the 29th in Vietnam.
        let instant = parse_rfc3339("2025-07-28T20:00:00Z").expect("parses");
        assert_eq!(local_date(instant), d(2025, 7, 29));
        assert_eq!(
            day_start(d(2025, 7, 29)).to_rfc3339(),
            "2025-07-28T17:00:00+00:00"
        );
    }

    #[test]
    fn offsets_other_than_vietnam_are_understood() {
        let paris = parse_rfc3339("2025-07-29T14:00:00+02:00").expect("parses");
        assert_eq!(format_rfc3339(paris), "2025-07-29T19:00:00+07:00");
        let back = parse_rfc3339(&format_rfc3339(paris)).expect("round trip");
        assert_eq!(back, paris);
    }

    #[test]
    fn a_time_without_offset_is_refused() {
        for bad in [
            "2025-07-29T19:00:00",
            "2025-07-29",
            "",
            "19:00",
            &"9".repeat(500),
        ] {
            let err = parse_rfc3339(bad).expect_err(bad);
            assert_eq!(err.code(), "bad_instant");
        }
    }

    #[test]
    fn dates_times_and_local_datetimes_parse_and_print() {
        assert_eq!(parse_date("2025-07-29").expect("parses"), d(2025, 7, 29));
        assert_eq!(parse_date(" 2025-07-29 ").expect("trims"), d(2025, 7, 29));
        assert_eq!(
            parse_date("2025-02-30").expect_err("no 30 Feb").code(),
            "bad_date"
        );
        assert_eq!(
            parse_date("29/07/2025").expect_err("order").code(),
            "bad_date"
        );
        assert_eq!(
            parse_date("2101-01-01").expect_err("too late").code(),
            "date_out_of_range"
        );
        let t = parse_time("7:30").expect("parses");
        assert_eq!(format_time(t), "07:30");
        assert_eq!(display_time(t), "7:30");
        assert_eq!(
            parse_time("24:00").expect_err("no 24:00").code(),
            "bad_time"
        );
        let dt = parse_local_datetime("2025-08-01T19:30").expect("parses");
        assert_eq!(format_local_datetime(dt), "2025-08-01T19:30");
        assert_eq!(parse_local_datetime("2025-08-01 19:30").expect("space"), dt);
        assert_eq!(
            parse_local_datetime("2025-08-01")
                .expect_err("needs a time")
                .code(),
            "bad_date_time"
        );
    }

    #[test]
    fn ranges_are_bounded() {
        assert!(check_range(d(2025, 7, 14), d(2025, 7, 14)).is_ok());
        assert!(check_range(d(2025, 1, 1), d(2034, 12, 31)).is_ok());
        assert_eq!(
            check_range(d(2025, 7, 20), d(2025, 7, 14))
                .expect_err("reversed")
                .code(),
            "bad_range"
        );
        assert_eq!(
            check_range(d(1900, 1, 1), d(2100, 12, 31))
                .expect_err("two centuries")
                .code(),
            "bad_range"
        );
        assert_eq!(
            check_range(d(1899, 12, 31), d(1900, 1, 2))
                .expect_err("too early")
                .code(),
            "date_out_of_range"
        );
    }

    #[test]
    fn round_trip_over_the_whole_supported_range() {
        let mut date = FIRST_DATE;
        while date <= LAST_DATE {
            let local = date.and_hms_opt(23, 59, 0).expect("valid");
            assert_eq!(to_local(to_instant(local)), local);
            assert_eq!(local_date(day_start(date)), date);
            date += chrono::Duration::days(97);
        }
    }
}
