//! Dates and times as an officer writes them: "Thứ Ba, 29/7/2025" and "7:30" in Vietnamese,
//! "Tuesday, 29 July 2025" and "7:30 AM" in English.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};

use crate::Lang;

pub fn weekday(d: NaiveDate, lang: Lang) -> &'static str {
    match (lang, d.weekday()) {
        (Lang::Vi, Weekday::Mon) => "Thứ Hai",
        (Lang::Vi, Weekday::Tue) => "Thứ Ba",
        (Lang::Vi, Weekday::Wed) => "Thứ Tư",
        (Lang::Vi, Weekday::Thu) => "Thứ Năm",
        (Lang::Vi, Weekday::Fri) => "Thứ Sáu",
        (Lang::Vi, Weekday::Sat) => "Thứ Bảy",
        (Lang::Vi, Weekday::Sun) => "Chủ Nhật",
        (Lang::En, Weekday::Mon) => "Monday",
        (Lang::En, Weekday::Tue) => "Tuesday",
        (Lang::En, Weekday::Wed) => "Wednesday",
        (Lang::En, Weekday::Thu) => "Thursday",
        (Lang::En, Weekday::Fri) => "Friday",
        (Lang::En, Weekday::Sat) => "Saturday",
        (Lang::En, Weekday::Sun) => "Sunday",
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month(d: NaiveDate) -> &'static str {
    MONTHS[d.month0() as usize]
}

/// "29/7/2025" (no leading zeros) or "29 Jul 2025".
pub fn date_short(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{}/{}/{}", d.day(), d.month(), d.year()),
        Lang::En => format!("{} {} {}", d.day(), &month(d)[..3], d.year()),
    }
}

/// "Thứ Ba, 29/7/2025" or "Tuesday, 29 July 2025".
pub fn date_long(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{}, {}", weekday(d, lang), date_short(d, lang)),
        Lang::En => format!(
            "{}, {} {} {}",
            weekday(d, lang),
            d.day(),
            month(d),
            d.year()
        ),
    }
}

/// "7:30" (24-hour, no leading zero) or "7:30 AM".
pub fn time(t: NaiveTime, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{}:{:02}", t.hour(), t.minute()),
        Lang::En => {
            let (pm, h) = t.hour12();
            format!("{h}:{:02} {}", t.minute(), if pm { "PM" } else { "AM" })
        }
    }
}

/// "7:30, Thứ Ba, 29/7/2025" or "7:30 AM, Tuesday, 29 July 2025".
pub fn datetime(d: NaiveDate, t: NaiveTime, lang: Lang) -> String {
    format!("{}, {}", time(t, lang), date_long(d, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
    }

    #[test]
    fn vietnamese_dates_read_as_written_by_hand() {
        assert_eq!(date_long(d(2025, 7, 29), Lang::Vi), "Thứ Ba, 29/7/2025");
        assert_eq!(date_long(d(2025, 8, 3), Lang::Vi), "Chủ Nhật, 3/8/2025");
        assert_eq!(date_short(d(2025, 1, 5), Lang::Vi), "5/1/2025");
        assert_eq!(time(t(7, 30), Lang::Vi), "7:30");
        assert_eq!(time(t(13, 5), Lang::Vi), "13:05");
        assert_eq!(
            datetime(d(2025, 7, 29), t(7, 30), Lang::Vi),
            "7:30, Thứ Ba, 29/7/2025"
        );
    }

    #[test]
    fn english_dates() {
        assert_eq!(date_long(d(2025, 7, 29), Lang::En), "Tuesday, 29 July 2025");
        assert_eq!(date_short(d(2025, 7, 29), Lang::En), "29 Jul 2025");
        assert_eq!(time(t(7, 30), Lang::En), "7:30 AM");
        assert_eq!(time(t(0, 0), Lang::En), "12:00 AM");
        assert_eq!(time(t(12, 15), Lang::En), "12:15 PM");
        assert_eq!(time(t(19, 0), Lang::En), "7:00 PM");
    }
}
