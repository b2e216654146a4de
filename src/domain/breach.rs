//! Breach-notification deadlines of 64.2011, under the 2007 text (in force today) and the 2024
//! amendment (FCC 23-111, adopted but its 64.2011 changes not yet effective; compliance.md §3.1).
//! Pure: facts and a holiday calendar in, dates and standings out.
//!
//! | | 2007 rule | 2024 rule |
//! | --- | --- | --- |
//! | law enforcement (USSS, FBI) | ≤ 7 business days after the determination | same |
//! | FCC | – | ≤ 7 business days after the determination |
//! | customers | no earlier than 7 full business days after the LE notice | ≤ 30 days after the determination, unless no harm is reasonably likely |
//! | small, harmless (< 500 customers, no harm likely) | – | annual summary (due February 1) instead of the 7-day notices |
//!
//! A law-enforcement (or, under the 2024 rule, FCC) hold delays customer notice through its
//! last day: the earliest customer notice moves to the day after, and under the 2024 rule the
//! customer deadline moves to the day after the hold when that is later. The hold in force is
//! the most recently recorded one, so an agency that shortens a hold is followed.
//!
//! A customer notice is `early` when it comes before the rule allows, unless the investigating
//! agency was consulted (asked for it): under the 2007 rule before the law-enforcement notice or
//! its 7 full business days; under the 2024 rule before both the FCC and law-enforcement
//! notices; under either, during a hold. Every audit record about a breach is kept while it is
//! open and [`KEEP_YEARS_AFTER_CLOSE`] years after its close.

use time::{Date, Duration, Month};

use super::business_days::Calendar;

/// Business days for the law-enforcement (and FCC) notice.
pub const LE_BUSINESS_DAYS: u32 = 7;
/// Full business days customers must wait after the LE notice (2007 rule).
pub const CUSTOMER_WAIT_FULL_DAYS: u32 = 7;
/// Calendar days for customer notice (2024 rule).
pub const CUSTOMER_DEADLINE_DAYS: i64 = 30;
/// Under the 2024 rule, breaches of fewer customers than this with no harm likely go into the
/// annual summary.
pub const SMALL_BREACH: i64 = 500;

/// Audit records about a breach are kept this many years after it is closed (64.2011(d)).
pub const KEEP_YEARS_AFTER_CLOSE: i64 = 2;

/// The hold in force: the last day of the most recently recorded hold (holds in the order they
/// were recorded), whether it is later or earlier than the ones before it.
pub fn hold_in_force(recorded: &[Date]) -> Option<Date> {
    recorded.last().copied()
}

/// Which text of 64.2011 applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    R2007,
    R2024,
}

impl Rule {
    pub fn parse(s: &str) -> Option<Rule> {
        match s {
            "2007" => Some(Rule::R2007),
            "2024" => Some(Rule::R2024),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::R2007 => "2007",
            Rule::R2024 => "2024",
        }
    }
}

/// What is known about one breach, as dates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The first notice to law enforcement (USSS and FBI).
    pub le_notice_on: Option<Date>,
    pub fcc_notice_on: Option<Date>,
    pub customer_notice_on: Option<Date>,
    /// The early customer notice was made after consulting the investigating agency.
    pub customer_notice_urgent: bool,
    /// The last day of the hold in force ([`hold_in_force`]).
    pub hold_until: Option<Date>,
    /// Customers affected; `None` when unknown.
    pub affected: Option<i64>,
    /// Harm reasonably likely (2024 rule); `None` when not assessed.
    pub harm_likely: Option<bool>,
}

/// The computed dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadlines {
    pub le_deadline: Date,
    /// 2024 rule only.
    pub fcc_deadline: Option<Date>,
    /// 2007 rule: known once the LE notice is recorded. 2024 rule: only during a hold.
    pub customer_notice_earliest: Option<Date>,
    /// 2024 rule only.
    pub customer_notice_deadline: Option<Date>,
    /// 2024 rule: fewer than 500 customers and no harm likely.
    pub annual_summary_only: bool,
    /// When the annual summary is due (2024 rule, small harmless breaches).
    pub annual_summary_due: Option<Date>,
    pub customer_notice_required: bool,
}

/// Whether a duty was met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Met,
    Missed,
    Pending,
    Early,
    NotRequired,
}

impl Standing {
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Met => "met",
            Standing::Missed => "missed",
            Standing::Pending => "pending",
            Standing::Early => "early",
            Standing::NotRequired => "not-required",
        }
    }
}

fn day_after(d: Date) -> Date {
    d.saturating_add(Duration::days(1))
}

fn later(a: Option<Date>, b: Option<Date>) -> Option<Date> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// The deadlines for a breach determined on `determined_on`, on calendar `cal`.
pub fn deadlines(rule: Rule, determined_on: Date, f: &Facts, cal: &Calendar) -> Deadlines {
    let le_deadline = cal.add_business_days(determined_on, LE_BUSINESS_DAYS);
    let after_hold = f.hold_until.map(day_after);
    match rule {
        Rule::R2007 => Deadlines {
            le_deadline,
            fcc_deadline: None,
            customer_notice_earliest: later(
                f.le_notice_on
                    .map(|d| cal.after_full_business_days(d, CUSTOMER_WAIT_FULL_DAYS)),
                f.le_notice_on.and(after_hold),
            ),
            customer_notice_deadline: None,
            annual_summary_only: false,
            annual_summary_due: None,
            customer_notice_required: true,
        },
        Rule::R2024 => {
            let no_harm = f.harm_likely == Some(false);
            let small = f.affected.is_some_and(|n| n < SMALL_BREACH) && no_harm;
            let base = determined_on.saturating_add(Duration::days(CUSTOMER_DEADLINE_DAYS));
            Deadlines {
                le_deadline,
                fcc_deadline: Some(le_deadline),
                customer_notice_earliest: after_hold,
                customer_notice_deadline: later(Some(base), after_hold),
                annual_summary_only: small,
                annual_summary_due: small
                    .then(|| Date::from_calendar_date(determined_on.year() + 1, Month::February, 1))
                    .and_then(|r| r.ok()),
                customer_notice_required: !no_harm,
            }
        }
    }
}

/// A deadline duty: done on `done`, due by `deadline`, as of `today`.
pub fn by_deadline(deadline: Date, done: Option<Date>, required: bool, today: Date) -> Standing {
    match done {
        Some(d) if d <= deadline => Standing::Met,
        Some(_) => Standing::Missed,
        None if !required => Standing::NotRequired,
        None if today > deadline => Standing::Missed,
        None => Standing::Pending,
    }
}

/// How each notice stands on `today`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standings {
    pub law_enforcement: Standing,
    pub fcc: Option<Standing>,
    pub customers: Standing,
}

/// Standings of the notices of a breach.
pub fn standings(rule: Rule, d: &Deadlines, f: &Facts, today: Date) -> Standings {
    let seven_day = !d.annual_summary_only;
    let law_enforcement = by_deadline(d.le_deadline, f.le_notice_on, seven_day, today);
    let fcc = d
        .fcc_deadline
        .map(|dl| by_deadline(dl, f.fcc_notice_on, seven_day, today));
    // 2024: customers are told only after both the FCC and law enforcement.
    let before_agencies = |c: Date| {
        rule == Rule::R2024
            && seven_day
            && match (f.le_notice_on, f.fcc_notice_on) {
                (Some(le), Some(fcc)) => c < le.max(fcc),
                _ => true,
            }
    };
    let too_early = |c: Date| {
        (match d.customer_notice_earliest {
            Some(e) => c < e,
            // 2007: customers may not be told before law enforcement.
            None => rule == Rule::R2007,
        } || before_agencies(c))
            && !f.customer_notice_urgent
    };
    let customers = match (rule, f.customer_notice_on) {
        (_, Some(c)) if too_early(c) => Standing::Early,
        (Rule::R2007, Some(_)) => Standing::Met,
        (Rule::R2007, None) => Standing::Pending,
        (Rule::R2024, done) => match d.customer_notice_deadline {
            Some(dl) => by_deadline(dl, done, d.customer_notice_required, today),
            None => Standing::Pending,
        },
    };
    Standings {
        law_enforcement,
        fcc,
        customers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn cal() -> Calendar {
        Calendar::default()
    }
    const FRI: Date = date!(2026 - 03 - 06);

    #[test]
    fn le_deadline_is_seven_business_days_after_the_determination() {
        let d = deadlines(Rule::R2007, FRI, &Facts::default(), &cal());
        assert_eq!(d.le_deadline, date!(2026 - 03 - 17));
        assert_eq!(d.customer_notice_earliest, None);
        assert_eq!(d.fcc_deadline, None);
        // Friday before Memorial Day.
        let d = deadlines(
            Rule::R2007,
            date!(2026 - 05 - 22),
            &Facts::default(),
            &cal(),
        );
        assert_eq!(d.le_deadline, date!(2026 - 06 - 03));
    }

    #[test]
    fn customers_wait_seven_full_business_days_after_the_le_notice() {
        let f = Facts {
            le_notice_on: Some(date!(2026 - 03 - 10)),
            ..Facts::default()
        };
        let d = deadlines(Rule::R2007, FRI, &f, &cal());
        // Full days 11,12,13,16,17,18,19 → from Friday the 20th.
        assert_eq!(d.customer_notice_earliest, Some(date!(2026 - 03 - 20)));
        let mut early = f.clone();
        early.customer_notice_on = Some(date!(2026 - 03 - 19));
        let s = standings(Rule::R2007, &d, &early, date!(2026 - 04 - 01));
        assert_eq!(s.customers, Standing::Early);
        early.customer_notice_urgent = true;
        let s = standings(Rule::R2007, &d, &early, date!(2026 - 04 - 01));
        assert_eq!(s.customers, Standing::Met);
        let mut ok = f.clone();
        ok.customer_notice_on = Some(date!(2026 - 03 - 20));
        assert_eq!(
            standings(Rule::R2007, &d, &ok, date!(2026 - 04 - 01)).customers,
            Standing::Met
        );
    }

    #[test]
    fn customers_before_law_enforcement_is_early_under_2007() {
        let f = Facts {
            customer_notice_on: Some(date!(2026 - 03 - 09)),
            ..Facts::default()
        };
        let d = deadlines(Rule::R2007, FRI, &f, &cal());
        let s = standings(Rule::R2007, &d, &f, date!(2026 - 03 - 09));
        assert_eq!(s.customers, Standing::Early);
        assert_eq!(s.law_enforcement, Standing::Pending);
    }

    #[test]
    fn a_hold_moves_customer_notice() {
        let f = Facts {
            le_notice_on: Some(date!(2026 - 03 - 10)),
            hold_until: Some(date!(2026 - 04 - 09)),
            ..Facts::default()
        };
        let d = deadlines(Rule::R2007, FRI, &f, &cal());
        assert_eq!(d.customer_notice_earliest, Some(date!(2026 - 04 - 10)));
        // A hold that ends before the wait changes nothing.
        let short = Facts {
            hold_until: Some(date!(2026 - 03 - 12)),
            ..f.clone()
        };
        let d = deadlines(Rule::R2007, FRI, &short, &cal());
        assert_eq!(d.customer_notice_earliest, Some(date!(2026 - 03 - 20)));
        // 2024: the deadline moves past a long hold.
        let d = deadlines(Rule::R2024, FRI, &f, &cal());
        assert_eq!(d.customer_notice_deadline, Some(date!(2026 - 04 - 10)));
        let d = deadlines(Rule::R2024, FRI, &short, &cal());
        assert_eq!(d.customer_notice_deadline, Some(date!(2026 - 04 - 05)));
    }

    #[test]
    fn the_2024_rule_adds_the_fcc_and_a_30_day_customer_deadline() {
        let f = Facts {
            affected: Some(1200),
            harm_likely: Some(true),
            ..Facts::default()
        };
        let d = deadlines(Rule::R2024, FRI, &f, &cal());
        assert_eq!(d.fcc_deadline, Some(date!(2026 - 03 - 17)));
        assert_eq!(d.customer_notice_deadline, Some(date!(2026 - 04 - 05)));
        assert!(d.customer_notice_required && !d.annual_summary_only);
        let s = standings(Rule::R2024, &d, &f, date!(2026 - 03 - 18));
        assert_eq!(s.law_enforcement, Standing::Missed);
        assert_eq!(s.fcc, Some(Standing::Missed));
        assert_eq!(s.customers, Standing::Pending);
        let s = standings(Rule::R2024, &d, &f, date!(2026 - 04 - 06));
        assert_eq!(s.customers, Standing::Missed);
    }

    #[test]
    fn small_harmless_breaches_go_to_the_annual_summary() {
        let f = Facts {
            affected: Some(499),
            harm_likely: Some(false),
            ..Facts::default()
        };
        let d = deadlines(Rule::R2024, FRI, &f, &cal());
        assert!(d.annual_summary_only && !d.customer_notice_required);
        assert_eq!(d.annual_summary_due, Some(date!(2027 - 02 - 01)));
        let s = standings(Rule::R2024, &d, &f, date!(2026 - 12 - 01));
        assert_eq!(s.law_enforcement, Standing::NotRequired);
        assert_eq!(s.customers, Standing::NotRequired);
        // 500 or an unknown number get the full notice.
        for affected in [Some(500), None] {
            let f = Facts {
                affected,
                ..f.clone()
            };
            assert!(!deadlines(Rule::R2024, FRI, &f, &cal()).annual_summary_only);
        }
    }

    #[test]
    fn the_most_recently_recorded_hold_is_in_force() {
        let long = date!(2026 - 05 - 01);
        let short = date!(2026 - 03 - 20);
        assert_eq!(hold_in_force(&[long, short]), Some(short));
        assert_eq!(hold_in_force(&[short, long]), Some(long));
        assert_eq!(hold_in_force(&[]), None);
    }

    #[test]
    fn under_2024_customers_before_the_fcc_and_le_notices_is_early() {
        let base = Facts {
            affected: Some(1200),
            harm_likely: Some(true),
            customer_notice_on: Some(date!(2026 - 03 - 09)),
            ..Facts::default()
        };
        let today = date!(2026 - 03 - 20);
        let st = |f: &Facts| {
            let d = deadlines(Rule::R2024, FRI, f, &cal());
            standings(Rule::R2024, &d, f, today).customers
        };
        assert_eq!(st(&base), Standing::Early);
        let le_only = Facts {
            le_notice_on: Some(date!(2026 - 03 - 09)),
            ..base.clone()
        };
        assert_eq!(st(&le_only), Standing::Early);
        let both = Facts {
            fcc_notice_on: Some(date!(2026 - 03 - 09)),
            ..le_only.clone()
        };
        assert_eq!(st(&both), Standing::Met);
        let fcc_later = Facts {
            fcc_notice_on: Some(date!(2026 - 03 - 10)),
            ..le_only.clone()
        };
        assert_eq!(st(&fcc_later), Standing::Early);
        let asked = Facts {
            customer_notice_urgent: true,
            ..base.clone()
        };
        assert_eq!(st(&asked), Standing::Met);
    }

    #[test]
    fn by_deadline_edges() {
        let dl = date!(2026 - 03 - 17);
        assert_eq!(by_deadline(dl, Some(dl), true, dl), Standing::Met);
        assert_eq!(
            by_deadline(dl, Some(date!(2026 - 03 - 18)), true, dl),
            Standing::Missed
        );
        assert_eq!(by_deadline(dl, None, true, dl), Standing::Pending);
        assert_eq!(
            by_deadline(dl, None, true, date!(2026 - 03 - 18)),
            Standing::Missed
        );
        assert_eq!(
            by_deadline(dl, None, false, date!(2026 - 03 - 18)),
            Standing::NotRequired
        );
        assert_eq!(Rule::parse("2024"), Some(Rule::R2024));
        assert_eq!(Rule::parse("2011"), None);
    }
}
