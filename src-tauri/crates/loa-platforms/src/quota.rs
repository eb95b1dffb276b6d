//! When a platform's daily quota starts again.

use chrono::{DateTime, Duration, FixedOffset, Utc};

/// Vietnam's offset from UTC: a Vietnamese platform (Zalo) counts its days from midnight there.
const VIETNAM_OFFSET_SECS: i32 = 7 * 3600;

/// The next midnight in Vietnam after `now`: when Zalo's daily article quota (error -223) lets
/// an OA create articles again.
pub fn next_vietnam_midnight(now: DateTime<Utc>) -> DateTime<Utc> {
    let Some(vietnam) = FixedOffset::east_opt(VIETNAM_OFFSET_SECS) else {
        return now + Duration::days(1);
    };
    let local = now.with_timezone(&vietnam);
    local
        .date_naive()
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|m| m.and_local_timezone(vietnam).single())
        .map_or(now + Duration::days(1), |m| m.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("ts")
            .with_timezone(&Utc)
    }

    #[test]
    fn the_day_turns_at_midnight_in_vietnam() {
        // 16:59 UTC is 23:59 in Vietnam: a minute to go.
        assert_eq!(
            next_vietnam_midnight(at("2026-03-02T16:59:00Z")),
            at("2026-03-02T17:00:00Z")
        );
        // 17:00 UTC is already the next day there: the following midnight.
        assert_eq!(
            next_vietnam_midnight(at("2026-03-02T17:00:00Z")),
            at("2026-03-03T17:00:00Z")
        );
        assert_eq!(
            next_vietnam_midnight(at("2026-03-02T02:00:00Z")),
            at("2026-03-02T17:00:00Z")
        );
    }
}
