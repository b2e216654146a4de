//! The retention rule a purge applies and `audit verify` re-checks from the signed purge
//! statement: records are kept at least [`MIN_YEARS`] (47 CFR 64.2009(c), 64.2007(a)) or the
//! configured `retention.years` when longer, and a purge removes only records strictly before
//! its `before` date, which is no later than the purge's time minus that period.

use time::{Date, OffsetDateTime};

/// The shortest retention any purge may apply, whatever the configuration says.
pub const MIN_YEARS: i64 = 1;

/// `t` minus `years` calendar years (February 29 becomes February 28).
pub fn years_before(t: OffsetDateTime, years: i64) -> OffsetDateTime {
    let year = t.year() - years as i32;
    let date = Date::from_calendar_date(year, t.month(), t.day())
        .or_else(|_| Date::from_calendar_date(year, t.month(), t.day() - 1))
        .unwrap_or(t.date());
    t.replace_date(date)
}

/// Whether a purge at `purged_at` applying `years` of retention with cut-off `before` may have
/// removed a record made at `newest_removed` (the purge base's own record; every removed record
/// is at or before it). `None` when it may, else why not.
pub fn purge_violation(
    purged_at: OffsetDateTime,
    years: i64,
    before: OffsetDateTime,
    newest_removed: Option<OffsetDateTime>,
) -> Option<String> {
    if years < MIN_YEARS {
        return Some(format!(
            "applies {years} year(s) of retention, less than the {MIN_YEARS} the law requires"
        ));
    }
    let floor = years_before(purged_at, years);
    if before > floor {
        return Some(format!(
            "cut off at {before}, inside the {years}-year retention period (the floor was {floor})"
        ));
    }
    match newest_removed {
        Some(at) if at >= before => Some(format!(
            "removed a record made at {at}, not before its cut-off {before}"
        )),
        _ => None,
    }
}

/// How far a purge's time may lie after the clock that judges it (this verifier's, or the
/// record after the purge's): clocks of different hosts and a step's start time drift a little.
pub const CLOCK_SKEW: time::Duration = time::Duration::minutes(10);

/// Whether a purge said to have run at `purged_at` is dated after `limit` (the verifier's clock,
/// or the time of the record that followed it) by more than [`CLOCK_SKEW`]: a purge dated in
/// the future would move the retention floor forward and let it remove young records.
pub fn dated_after(purged_at: OffsetDateTime, limit: OffsetDateTime) -> bool {
    purged_at > limit + CLOCK_SKEW
}

/// Whether a checkpoint signed at `checkpoint_at` was still inside the retention period when a
/// purge at `purged_at` applying `years` removed its record.
pub fn checkpoint_too_young(
    checkpoint_at: OffsetDateTime,
    purged_at: OffsetDateTime,
    years: i64,
) -> bool {
    checkpoint_at > years_before(purged_at, years.max(MIN_YEARS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_purge_dated_after_its_judge_is_refused() {
        let now = datetime!(2026-12-01 12:00 UTC);
        assert!(!dated_after(now, now));
        assert!(!dated_after(now + time::Duration::minutes(9), now));
        assert!(dated_after(now + time::Duration::minutes(11), now));
        assert!(dated_after(datetime!(2099-01-01 00:00 UTC), now));
    }

    #[test]
    fn years_before_handles_leap_days() {
        assert_eq!(
            years_before(datetime!(2028-02-29 10:00 UTC), 2),
            datetime!(2026-02-28 10:00 UTC)
        );
        assert_eq!(
            years_before(datetime!(2026-11-23 10:00 UTC), 1),
            datetime!(2025-11-23 10:00 UTC)
        );
    }

    #[test]
    fn purge_rule() {
        let now = datetime!(2026-06-01 00:00 UTC);
        let old = datetime!(2024-01-01 00:00 UTC);
        assert_eq!(
            purge_violation(now, 2, old, Some(old - time::Duration::DAY)),
            None
        );
        assert!(purge_violation(now, 0, old, None).is_some());
        assert!(purge_violation(now, 2, datetime!(2025-01-01 00:00 UTC), None).is_some());
        assert!(purge_violation(now, 2, old, Some(old)).is_some());
        assert!(checkpoint_too_young(
            datetime!(2026-05-01 00:00 UTC),
            now,
            1
        ));
        assert!(!checkpoint_too_young(old, now, 2));
    }
}
