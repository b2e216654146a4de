//! The wall clock and the one timestamp format cpni stores.
//!
//! Every stored time is RFC 3339 in UTC with milliseconds (`2026-11-23T18:20:05.123Z`), so text
//! order is time order and the audit hash input is stable. `now()` is the only place that reads
//! the wall clock; `domain/` never calls it and receives times as arguments.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, UtcOffset};

/// The current time, truncated to milliseconds so that it survives a round trip through storage.
pub fn now() -> OffsetDateTime {
    let t = OffsetDateTime::now_utc();
    let ms = t.millisecond();
    t.replace_millisecond(ms).unwrap_or(t)
}

/// Formats a time as stored: UTC, milliseconds, `Z`.
pub fn format(t: OffsetDateTime) -> String {
    let fmt =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    t.to_offset(UtcOffset::UTC)
        .format(&fmt)
        .unwrap_or_else(|_| t.unix_timestamp().to_string())
}

/// Parses a stored time (or any RFC 3339 time).
pub fn parse(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

/// Parses a filter bound given on the command line: an RFC 3339 time or a plain date
/// (midnight UTC).
pub fn parse_bound(s: &str) -> Option<OffsetDateTime> {
    if let Some(t) = parse(s) {
        return Some(t);
    }
    let fmt = format_description!("[year]-[month]-[day]");
    Date::parse(s.trim(), &fmt)
        .ok()
        .map(|d| d.midnight().assume_utc())
}

/// Parses a plain date `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<Date> {
    let fmt = format_description!("[year]-[month]-[day]");
    Date::parse(s.trim(), &fmt).ok()
}

/// The calendar date of a time given on the command line, in the offset it was given in
/// (`2026-03-06T22:00:00-05:00` is March 6); a plain date is itself.
pub fn given_date(s: &str) -> Option<Date> {
    parse(s).map(|t| t.date()).or_else(|| parse_date(s))
}

/// A short human form for screens: `2026-11-23 18:20 UTC`.
pub fn human(t: OffsetDateTime) -> String {
    let fmt = format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    t.to_offset(UtcOffset::UTC)
        .format(&fmt)
        .unwrap_or_else(|_| format(t))
}

/// The date part only: `2026-11-23`.
pub fn date(t: OffsetDateTime) -> String {
    let fmt = format_description!("[year]-[month]-[day]");
    t.to_offset(UtcOffset::UTC)
        .format(&fmt)
        .unwrap_or_else(|_| format(t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn stored_format_round_trips() {
        let t = datetime!(2026-03-06 10:00:00.5 +02:00);
        let s = format(t);
        assert_eq!(s, "2026-03-06T08:00:00.500Z");
        assert_eq!(parse(&s), Some(t));
    }

    #[test]
    fn bounds_accept_dates_and_times() {
        assert_eq!(
            parse_bound("2026-01-31"),
            Some(datetime!(2026-01-31 00:00 UTC))
        );
        assert!(parse_bound("2026-01-31T10:00:00Z").is_some());
        assert!(parse_bound("31/01/2026").is_none());
    }
}
