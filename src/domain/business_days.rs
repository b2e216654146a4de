//! Business-day arithmetic for the breach deadlines of 64.2011: weekends and a holiday
//! calendar are skipped. Pure: dates in, dates out; no clock.
//!
//! The rules count "business days" without defining them (compliance.md §3.4). The assumption,
//! printed with every deadline ([`ASSUMPTION`]): Saturdays, Sundays and US federal holidays are
//! not business days. Federal holidays are computed by rule (5 U.S.C. 6103), with the observed
//! date when one falls on a weekend (Saturday → the Friday before, Sunday → the Monday after;
//! so New Year's Day on a Saturday is observed on December 31 of the year before). The calendar
//! is configurable: federal holidays can be turned off and extra dates added (`[breach]` in the
//! config file).

use std::collections::BTreeSet;

use time::{Date, Duration, Month, Weekday};

/// The definition of a business day that every deadline relies on, for printing.
pub const ASSUMPTION: &str = "business days exclude Saturdays, Sundays and the configured \
    holidays (by default US federal holidays, with their observed dates); 64.2011 does not \
    define the term";

/// Which days are not business days besides weekends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// Skip US federal holidays (observed dates).
    pub federal: bool,
    /// Further non-business days (company or state holidays).
    pub extra: BTreeSet<Date>,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar {
            federal: true,
            extra: BTreeSet::new(),
        }
    }
}

impl Calendar {
    /// Whether `d` is a holiday in this calendar (weekends aside).
    pub fn is_holiday(&self, d: Date) -> bool {
        self.extra.contains(&d) || (self.federal && is_federal_holiday(d))
    }

    /// Whether `d` is a business day.
    pub fn is_business_day(&self, d: Date) -> bool {
        !is_weekend(d) && !self.is_holiday(d)
    }

    /// The `n`-th business day after `start` (not counting `start` itself). With `n = 7`, a
    /// determination on Friday 2026-03-06 gives Tuesday 2026-03-17.
    pub fn add_business_days(&self, start: Date, n: u32) -> Date {
        let mut d = start;
        let mut left = n;
        while left > 0 {
            d = next_day(d);
            if self.is_business_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// The first day on which `n` full business days have passed after the event of day
    /// `start`: the day after the `n`-th business day following `start`. The day of the event
    /// itself is never a full day.
    pub fn after_full_business_days(&self, start: Date, n: u32) -> Date {
        next_day(self.add_business_days(start, n))
    }

    /// The holidays of this calendar that fall in `[from, to]`, for printing.
    pub fn holidays_between(&self, from: Date, to: Date) -> Vec<Date> {
        let mut out = Vec::new();
        let mut d = from;
        while d <= to {
            if !is_weekend(d) && self.is_holiday(d) {
                out.push(d);
            }
            d = next_day(d);
        }
        out
    }
}

fn next_day(d: Date) -> Date {
    d.saturating_add(Duration::days(1))
}

/// Saturday or Sunday.
pub fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// Whether `d` is the observed date of a US federal holiday.
pub fn is_federal_holiday(d: Date) -> bool {
    // December 31 can be the observed New Year's Day of the next year.
    federal_holidays(d.year()).contains(&d)
        || (d.month() == Month::December && federal_holidays(d.year() + 1).contains(&d))
}

/// The observed dates of the US federal holidays whose actual date is in `year`, in order.
/// Juneteenth counts from 2021 on. Inauguration Day (Washington, D.C. area only) is not
/// included.
pub fn federal_holidays(year: i32) -> Vec<Date> {
    let fixed = |m: Month, day: u8| Date::from_calendar_date(year, m, day).ok().map(observed);
    let mut out: Vec<Date> = [
        fixed(Month::January, 1),
        nth_weekday(year, Month::January, Weekday::Monday, 3),
        nth_weekday(year, Month::February, Weekday::Monday, 3),
        last_weekday(year, Month::May, Weekday::Monday),
        if year >= 2021 {
            fixed(Month::June, 19)
        } else {
            None
        },
        fixed(Month::July, 4),
        nth_weekday(year, Month::September, Weekday::Monday, 1),
        nth_weekday(year, Month::October, Weekday::Monday, 2),
        fixed(Month::November, 11),
        nth_weekday(year, Month::November, Weekday::Thursday, 4),
        fixed(Month::December, 25),
    ]
    .into_iter()
    .flatten()
    .collect();
    out.sort();
    out
}

/// The observed date of a fixed-date holiday.
fn observed(d: Date) -> Date {
    match d.weekday() {
        Weekday::Saturday => d.saturating_sub(Duration::days(1)),
        Weekday::Sunday => next_day(d),
        _ => d,
    }
}

/// The `n`-th `weekday` of a month (n from 1).
fn nth_weekday(year: i32, month: Month, weekday: Weekday, n: u8) -> Option<Date> {
    let first = Date::from_calendar_date(year, month, 1).ok()?;
    let offset = (7 + weekday.number_days_from_monday() as i64
        - first.weekday().number_days_from_monday() as i64)
        % 7;
    Some(first.saturating_add(Duration::days(offset + 7 * (n as i64 - 1))))
}

/// The last `weekday` of a month.
fn last_weekday(year: i32, month: Month, weekday: Weekday) -> Option<Date> {
    let (y, m) = if month == Month::December {
        (year + 1, Month::January)
    } else {
        (year, month.next())
    };
    let mut d = Date::from_calendar_date(y, m, 1)
        .ok()?
        .saturating_sub(Duration::days(1));
    while d.weekday() != weekday {
        d = d.saturating_sub(Duration::days(1));
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn cal() -> Calendar {
        Calendar::default()
    }

    #[test]
    fn federal_holidays_2026_with_observed_dates() {
        assert_eq!(
            federal_holidays(2026),
            vec![
                date!(2026 - 01 - 01),
                date!(2026 - 01 - 19),
                date!(2026 - 02 - 16),
                date!(2026 - 05 - 25),
                date!(2026 - 06 - 19),
                date!(2026 - 07 - 03), // July 4 is a Saturday
                date!(2026 - 09 - 07),
                date!(2026 - 10 - 12),
                date!(2026 - 11 - 11),
                date!(2026 - 11 - 26),
                date!(2026 - 12 - 25),
            ]
        );
    }

    #[test]
    fn sunday_holidays_move_to_monday_and_saturday_new_year_to_december() {
        // 2023-01-01 was a Sunday; 2022-12-25 a Sunday; 2022-01-01 a Saturday.
        assert!(is_federal_holiday(date!(2023 - 01 - 02)));
        assert!(is_federal_holiday(date!(2022 - 12 - 26)));
        assert!(is_federal_holiday(date!(2021 - 12 - 31)));
        assert!(!is_federal_holiday(date!(2022 - 12 - 31)));
        // Juneteenth only from 2021.
        assert!(
            !federal_holidays(2020)
                .iter()
                .any(|d| d.month() == Month::June)
        );
        assert!(is_federal_holiday(date!(2027 - 06 - 18))); // June 19, 2027 is a Saturday
    }

    #[test]
    fn floating_holidays() {
        assert_eq!(
            nth_weekday(2026, Month::November, Weekday::Thursday, 4),
            Some(date!(2026 - 11 - 26))
        );
        assert_eq!(
            last_weekday(2027, Month::May, Weekday::Monday),
            Some(date!(2027 - 05 - 31))
        );
        assert_eq!(
            last_weekday(2026, Month::December, Weekday::Thursday),
            Some(date!(2026 - 12 - 31))
        );
        assert_eq!(
            nth_weekday(2025, Month::September, Weekday::Monday, 1),
            Some(date!(2025 - 09 - 01))
        );
    }

    #[test]
    fn seven_business_days_from_a_friday_skip_two_weekends() {
        assert_eq!(
            cal().add_business_days(date!(2026 - 03 - 06), 7),
            date!(2026 - 03 - 17)
        );
        // From a Saturday or Sunday: the weekend itself never counts.
        assert_eq!(
            cal().add_business_days(date!(2026 - 03 - 07), 7),
            date!(2026 - 03 - 17)
        );
        assert_eq!(
            cal().add_business_days(date!(2026 - 03 - 08), 1),
            date!(2026 - 03 - 09)
        );
        assert_eq!(
            cal().add_business_days(date!(2026 - 03 - 09), 0),
            date!(2026 - 03 - 09)
        );
    }

    #[test]
    fn the_day_before_a_holiday_skips_it() {
        // Friday 2026-05-22, Memorial Day Monday 2026-05-25.
        assert_eq!(
            cal().add_business_days(date!(2026 - 05 - 22), 7),
            date!(2026 - 06 - 03)
        );
        // Thursday 2026-11-26 is Thanksgiving: from Wednesday the 25th.
        assert_eq!(
            cal().add_business_days(date!(2026 - 11 - 25), 7),
            date!(2026 - 12 - 07)
        );
        let no_federal = Calendar {
            federal: false,
            extra: BTreeSet::new(),
        };
        assert_eq!(
            no_federal.add_business_days(date!(2026 - 11 - 25), 7),
            date!(2026 - 12 - 04)
        );
    }

    #[test]
    fn extra_holidays_are_skipped_and_year_end_crosses() {
        let mut c = cal();
        c.extra.insert(date!(2026 - 12 - 24));
        // Wed 23 → Thu 24 (extra), Fri 25 (Christmas) skipped; 28-31, Jan 1 holiday, 4, 5, 6.
        assert_eq!(
            c.add_business_days(date!(2026 - 12 - 23), 7),
            date!(2027 - 01 - 06)
        );
        assert!(c.is_holiday(date!(2026 - 12 - 24)));
        assert_eq!(
            c.holidays_between(date!(2026 - 12 - 23), date!(2027 - 01 - 06)),
            vec![
                date!(2026 - 12 - 24),
                date!(2026 - 12 - 25),
                date!(2027 - 01 - 01)
            ]
        );
    }

    #[test]
    fn full_business_days_start_the_day_after_the_event() {
        // LE notified on Tuesday 2026-03-17: seven full business days are 18..26; customers
        // may be told from Friday 2026-03-27.
        assert_eq!(
            cal().after_full_business_days(date!(2026 - 03 - 17), 7),
            date!(2026 - 03 - 27)
        );
        // Notified on a Friday: 7th full day is the Tuesday 9 days later; from Wednesday on.
        assert_eq!(
            cal().after_full_business_days(date!(2026 - 03 - 06), 7),
            date!(2026 - 03 - 18)
        );
    }

    #[test]
    fn every_result_is_a_business_day_strictly_after_start() {
        let c = cal();
        let mut d = date!(2025 - 01 - 01);
        while d < date!(2028 - 01 - 01) {
            for n in 1..=10 {
                let r = c.add_business_days(d, n);
                assert!(r > d && c.is_business_day(r), "{d} + {n} = {r}");
                assert!(c.add_business_days(d, n - 1) < r);
            }
            d = next_day(d);
        }
    }
}
