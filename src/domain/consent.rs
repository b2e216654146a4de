//! A customer's CPNI approval status (64.2007-64.2009(a)), computed from the append-only
//! history of notices and choices. Pure: the history and today's date come in as arguments.
//!
//! ```text
//!              opt-out notice sent on D                      D + 30 (email) / D + 33 (mail)
//!   NONE ------------------------------> OPT-OUT PENDING ------------------------------> OPT-OUT
//!     |                                      |                                          IN FORCE
//!     |  --opt-in                            |  --opt-in / --deny                           |
//!     v                                      v                                              |
//!   OPT-IN <---------- --opt-in ---------- DENIED <------------ --deny / --revoke ----------+
//!          ---------- --deny/--revoke ------>
//! ```
//!
//! Rules encoded here:
//! - An explicit choice (opt-in, deny, revoke) stays in force until the customer makes another
//!   (64.2007(a)); the latest choice wins and a later notice never overrides it.
//! - Without a choice, approval by opt-out takes effect 30 days after an emailed notice and 33
//!   days after a mailed one (64.2008(d): the clock starts on the third day after mailing).
//!   With several notices the first that took effect counts.
//! - Opt-out notices must be repeated every two years: past that, communications-related
//!   marketing is refused until a new notice is sent (the strict reading, compliance.md).
//! - Opt-out or opt-in approval covers the carrier's own marketing of communications-related
//!   services (and disclosure to its agents and affiliates for it); every other marketing use
//!   and any disclosure to a third party needs opt-in (64.2007(b)).

use time::{Date, Duration};

/// Days after an emailed opt-out notice before approval may be assumed.
pub const WAIT_DAYS: i64 = 30;
/// Further days for a mailed notice (the clock runs from the third day after mailing).
pub const MAIL_EXTRA_DAYS: i64 = 3;
/// Opt-out notices are repeated every this many years.
pub const RENEWAL_YEARS: i32 = 2;

/// How an opt-out notice went out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Email,
    Mail,
}

impl Via {
    pub fn parse(s: &str) -> Option<Via> {
        match s {
            "email" => Some(Via::Email),
            "mail" => Some(Via::Mail),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Email => "email",
            Via::Mail => "mail",
        }
    }
}

/// The customer's own choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    OptIn,
    Deny,
    Revoke,
}

impl Choice {
    pub fn as_str(self) -> &'static str {
        match self {
            Choice::OptIn => "opt-in",
            Choice::Deny => "deny",
            Choice::Revoke => "revoke",
        }
    }
    pub fn parse(s: &str) -> Option<Choice> {
        [Choice::OptIn, Choice::Deny, Choice::Revoke]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

/// One entry of the history, in the order recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// An opt-out notice; `sent_on` is `None` while it waits in the outbox.
    Notice { via: Via, sent_on: Option<Date> },
    /// A choice made on `on`.
    Choice { choice: Choice, on: Date },
}

/// The status as of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No notice and no choice: no marketing use.
    None,
    /// An opt-out notice went out; approval by opt-out takes effect on `effective_on`.
    Pending { effective_on: Date },
    /// Approval by opt-out in force since `since`; the next notice is due by `renewal_due`.
    OptOut { since: Date, renewal_due: Date },
    /// The customer opted in on `since`.
    OptIn { since: Date },
    /// The customer denied or withdrew approval on `since`.
    Denied { since: Date },
}

impl Status {
    /// Stable id for JSON (`opt-out-pending`).
    pub fn id(&self) -> &'static str {
        match self {
            Status::None => "none",
            Status::Pending { .. } => "opt-out-pending",
            Status::OptOut { .. } => "opt-out",
            Status::OptIn { .. } => "opt-in",
            Status::Denied { .. } => "denied",
        }
    }

    /// The words an agent reads.
    pub fn label(&self) -> String {
        match self {
            Status::None => "none (no notice sent, no choice recorded)".into(),
            Status::Pending { effective_on } => format!("opt-out pending until {effective_on}"),
            Status::OptOut { since, .. } => format!("opt-out approval in force (since {since})"),
            Status::OptIn { since } => format!("opt-in (since {since})"),
            Status::Denied { since } => format!("denied (since {since})"),
        }
    }
}

/// A use of CPNI that needs approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// The carrier's own marketing of communications-related services (or by its agents and
    /// affiliates that provide them).
    CommunicationsMarketing,
    /// Marketing of anything else.
    OtherMarketing,
    /// Disclosure to, or access by, a third party (not the carrier's agents or affiliates).
    ThirdParty,
}

impl Use {
    pub fn parse(s: &str) -> Option<Use> {
        match s {
            "communications-marketing" => Some(Use::CommunicationsMarketing),
            "other-marketing" => Some(Use::OtherMarketing),
            "third-party" => Some(Use::ThirdParty),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Use::CommunicationsMarketing => "communications-marketing",
            Use::OtherMarketing => "other-marketing",
            Use::ThirdParty => "third-party",
        }
    }
}

/// The first day approval by opt-out is in force after a notice sent on `sent_on`.
pub fn effective_on(via: Via, sent_on: Date) -> Date {
    let days = match via {
        Via::Email => WAIT_DAYS,
        Via::Mail => WAIT_DAYS + MAIL_EXTRA_DAYS,
    };
    sent_on.saturating_add(Duration::days(days))
}

/// The same day `years` later (February 29 becomes February 28).
fn years_later(d: Date, years: i32) -> Date {
    let y = d.year() + years;
    d.replace_year(y)
        .or_else(|_| d.replace_day(28).and_then(|d| d.replace_year(y)))
        .unwrap_or(d)
}

/// The status on `today` from the history in recorded order.
pub fn status(history: &[Entry], today: Date) -> Status {
    let last_choice = history.iter().rev().find_map(|e| match e {
        Entry::Choice { choice, on } if *on <= today => Some((*choice, *on)),
        _ => None,
    });
    if let Some((choice, on)) = last_choice {
        return match choice {
            Choice::OptIn => Status::OptIn { since: on },
            Choice::Deny | Choice::Revoke => Status::Denied { since: on },
        };
    }
    let sent: Vec<(Via, Date)> = history
        .iter()
        .filter_map(|e| match e {
            Entry::Notice {
                via,
                sent_on: Some(d),
            } if *d <= today => Some((*via, *d)),
            _ => None,
        })
        .collect();
    let Some(first_effective) = sent.iter().map(|(v, d)| effective_on(*v, *d)).min() else {
        return Status::None;
    };
    if first_effective > today {
        return Status::Pending {
            effective_on: first_effective,
        };
    }
    let latest = sent.iter().map(|(_, d)| *d).max().unwrap_or(today);
    Status::OptOut {
        since: first_effective,
        renewal_due: years_later(latest, RENEWAL_YEARS),
    }
}

/// Whether `status` allows `use_` on `today`: `Err` carries the reason to say.
pub fn check(status: &Status, use_: Use, today: Date) -> Result<String, String> {
    let needs_opt_in = "needs opt-in approval (64.2007(b)): opt-out approval covers only the \
        carrier's own marketing of communications-related services";
    match (status, use_) {
        (Status::OptIn { since }, _) => Ok(format!("the customer opted in on {since}")),
        (Status::OptOut { renewal_due, .. }, Use::CommunicationsMarketing)
            if *renewal_due < today =>
        {
            Err(format!(
                "the biennial opt-out notice was due by {renewal_due}; send a new notice \
                 (cpni consent notice) before relying on opt-out approval"
            ))
        }
        (Status::OptOut { since, .. }, Use::CommunicationsMarketing) => Ok(format!(
            "opt-out approval in force since {since}; the customer has not opted out"
        )),
        (Status::OptOut { .. }, _) => Err(format!("{} {needs_opt_in}", use_.as_str())),
        (Status::Pending { effective_on }, Use::CommunicationsMarketing) => Err(format!(
            "opt-out approval takes effect only on {effective_on} (the waiting period after \
             the notice has not passed)"
        )),
        (Status::Pending { .. }, _) => Err(format!("{} {needs_opt_in}", use_.as_str())),
        (Status::Denied { since }, _) => Err(format!(
            "the customer denied or withdrew approval on {since}"
        )),
        (Status::None, _) => Err(
            "no approval: no opt-out notice has been sent and the customer has not opted in".into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn notice(via: Via, d: Date) -> Entry {
        Entry::Notice {
            via,
            sent_on: Some(d),
        }
    }
    fn choice(choice: Choice, on: Date) -> Entry {
        Entry::Choice { choice, on }
    }
    const CM: Use = Use::CommunicationsMarketing;

    #[test]
    fn emailed_notice_takes_effect_after_30_days_mailed_after_33() {
        assert_eq!(
            effective_on(Via::Email, date!(2026 - 01 - 01)),
            date!(2026 - 01 - 31)
        );
        assert_eq!(
            effective_on(Via::Mail, date!(2026 - 01 - 01)),
            date!(2026 - 02 - 03)
        );
        let h = [notice(Via::Email, date!(2026 - 01 - 01))];
        assert_eq!(
            status(&h, date!(2026 - 01 - 30)),
            Status::Pending {
                effective_on: date!(2026 - 01 - 31)
            }
        );
        assert_eq!(
            status(&h, date!(2026 - 01 - 31)),
            Status::OptOut {
                since: date!(2026 - 01 - 31),
                renewal_due: date!(2028 - 01 - 01)
            }
        );
        let m = [notice(Via::Mail, date!(2026 - 01 - 01))];
        assert_eq!(status(&m, date!(2026 - 02 - 02)).id(), "opt-out-pending");
        assert_eq!(status(&m, date!(2026 - 02 - 03)).id(), "opt-out");
    }

    #[test]
    fn none_without_history_or_with_an_unsent_notice() {
        assert_eq!(status(&[], date!(2026 - 01 - 01)), Status::None);
        let queued = [Entry::Notice {
            via: Via::Email,
            sent_on: None,
        }];
        assert_eq!(status(&queued, date!(2026 - 06 - 01)), Status::None);
        // A notice dated after today does not count yet.
        let future = [notice(Via::Email, date!(2026 - 02 - 01))];
        assert_eq!(status(&future, date!(2026 - 01 - 01)), Status::None);
    }

    #[test]
    fn a_denial_stands_against_any_notice_until_an_opt_in() {
        let d = date!(2026 - 01 - 10);
        let h = [
            notice(Via::Email, date!(2026 - 01 - 01)),
            choice(Choice::Deny, d),
        ];
        assert_eq!(
            status(&h, date!(2026 - 06 - 01)),
            Status::Denied { since: d }
        );
        let mut later = h.to_vec();
        later.push(notice(Via::Email, date!(2026 - 03 - 01)));
        assert_eq!(status(&later, date!(2026 - 06 - 01)).id(), "denied");
        later.push(choice(Choice::OptIn, date!(2026 - 04 - 01)));
        assert_eq!(status(&later, date!(2026 - 06 - 01)).id(), "opt-in");
        later.push(choice(Choice::Revoke, date!(2026 - 05 - 01)));
        assert_eq!(
            status(&later, date!(2026 - 06 - 01)),
            Status::Denied {
                since: date!(2026 - 05 - 01)
            }
        );
    }

    #[test]
    fn the_first_notice_that_took_effect_counts_and_renewal_follows_the_latest() {
        let h = [
            notice(Via::Mail, date!(2026 - 01 - 01)),
            notice(Via::Email, date!(2026 - 01 - 02)),
        ];
        assert_eq!(
            status(&h, date!(2026 - 02 - 01)),
            Status::OptOut {
                since: date!(2026 - 02 - 01),
                renewal_due: date!(2028 - 01 - 02)
            }
        );
        assert_eq!(years_later(date!(2028 - 02 - 29), 2), date!(2030 - 02 - 28));
    }

    #[test]
    fn checks_follow_64_2007_b() {
        let today = date!(2026 - 06 - 01);
        let opt_out = Status::OptOut {
            since: date!(2026 - 02 - 01),
            renewal_due: date!(2028 - 01 - 01),
        };
        assert!(check(&opt_out, CM, today).is_ok());
        assert!(check(&opt_out, Use::OtherMarketing, today).is_err());
        assert!(
            check(&opt_out, Use::ThirdParty, today)
                .unwrap_err()
                .contains("opt-in")
        );
        let opt_in = Status::OptIn { since: today };
        for u in [CM, Use::OtherMarketing, Use::ThirdParty] {
            assert!(check(&opt_in, u, today).is_ok());
            assert!(check(&Status::None, u, today).is_err());
            assert!(check(&Status::Denied { since: today }, u, today).is_err());
            assert!(
                check(
                    &Status::Pending {
                        effective_on: today
                    },
                    u,
                    today
                )
                .is_err()
            );
        }
    }

    #[test]
    fn an_overdue_renewal_stops_communications_marketing() {
        let s = Status::OptOut {
            since: date!(2024 - 02 - 01),
            renewal_due: date!(2026 - 01 - 01),
        };
        assert!(check(&s, CM, date!(2026 - 01 - 01)).is_ok());
        let err = check(&s, CM, date!(2026 - 01 - 02)).unwrap_err();
        assert!(err.contains("biennial"), "{err}");
    }

    #[test]
    fn parsing_round_trips() {
        for u in [CM, Use::OtherMarketing, Use::ThirdParty] {
            assert_eq!(Use::parse(u.as_str()), Some(u));
        }
        for c in [Choice::OptIn, Choice::Deny, Choice::Revoke] {
            assert_eq!(Choice::parse(c.as_str()), Some(c));
        }
        for v in [Via::Email, Via::Mail] {
            assert_eq!(Via::parse(v.as_str()), Some(v));
        }
        assert_eq!(Use::parse("marketing"), None);
    }
}
