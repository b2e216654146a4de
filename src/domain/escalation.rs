//! No escalation within a call (design.md §7): the rules that stop a caller chaining small
//! steps into access to call detail, for the subcommands and the wizard alike. Pure: every
//! fact (times, the contact history, counts) comes in as an argument.
//!
//! - Nothing set on a call verifies that call ([`set_on_call`]), and a code sent by letter
//!   verifies a later call, never the one that asked for it ([`letter_code_on_issuing_call`]).
//! - A callback goes only to a number on the account 30 days, or after a recent change to the
//!   number of record before it ([`callback_number`]).
//! - Change notices go to every contact of record (30 days or more) at any time in the last
//!   30 days, never to a value set within them ([`notice_contacts`]).
//! - Lost PIN ([`check_reset`]), opt-in ([`check_choice`]), code issuance limits
//!   ([`check_code_limits`]) and the step gate re-made inside each write ([`check_step`]).

use time::{Duration, OffsetDateTime};

use crate::domain::lockout;
use crate::domain::policy::{self, ADDRESS_OF_RECORD_DAYS};

/// The window in which a replaced contact still counts, and a new one does not yet.
pub const RECENT: Duration = Duration::days(ADDRESS_OF_RECORD_DAYS);

/// True when a secret or contact set at `set_at` was set on (or after the start of) the call
/// that started at `session_started`: it must not raise that session's basis.
pub fn set_on_call(set_at: Option<OffsetDateTime>, session_started: OffsetDateTime) -> bool {
    set_at.is_some_and(|t| t >= session_started)
}

/// True when a code sent by letter is presented on the call that issued it: on the session
/// that issued it, or on one started before it was issued (`issued_at` at or after
/// `session_started`: another session open on the same call). Such a code must not verify:
/// the letter proves the postal address only once it has travelled there, and anyone who can
/// read the outbox could read it back at once. An email code verifies the call it was sent on.
pub fn letter_code_on_issuing_call(
    issued_on_this_session: bool,
    issued_at: Option<OffsetDateTime>,
    session_started: OffsetDateTime,
) -> bool {
    issued_on_this_session || set_on_call(issued_at, session_started)
}

/// Which contact of record a value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    Phone,
    Email,
    Postal,
}

impl ContactKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ContactKind::Phone => "phone",
            ContactKind::Email => "email",
            ContactKind::Postal => "postal",
        }
    }
    pub fn parse(s: &str) -> Option<ContactKind> {
        [ContactKind::Phone, ContactKind::Email, ContactKind::Postal]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// One value a contact of record had, from `since` until `until` (None: current).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub kind: ContactKind,
    pub value: String,
    pub since: OffsetDateTime,
    pub until: Option<OffsetDateTime>,
}

impl Span {
    /// The instant the value became of record (30 days after `since`), if it did before it
    /// was replaced and by `now`.
    fn of_record_from(&self, now: OffsetDateTime) -> Option<OffsetDateTime> {
        let from = policy::address_usable_from(self.since);
        let end = self.until.unwrap_or(now).min(now);
        (from <= end).then_some(from)
    }

    /// Of record (30+ days) at some instant of the last 30 days before `now`.
    pub fn of_record_recently(&self, now: OffsetDateTime) -> bool {
        self.of_record_from(now).is_some()
            && self.until.is_none_or(|u| u > now - RECENT)
            && self.since <= now - RECENT
    }
}

/// The contacts that get a change notice: every value of record at any time in the last 30
/// days, the current one included if it is 30 days old; never a value set within the last 30
/// days. Duplicates (the same value twice) are dropped, the current value first.
pub fn notice_contacts(spans: &[Span], now: OffsetDateTime) -> Vec<Span> {
    let mut ordered: Vec<&Span> = spans.iter().filter(|s| s.until.is_none()).collect();
    let mut old: Vec<&Span> = spans.iter().filter(|s| s.until.is_some()).collect();
    old.sort_by_key(|s| std::cmp::Reverse(s.until));
    ordered.extend(old);
    let mut out: Vec<Span> = Vec::new();
    for s in ordered {
        if s.of_record_recently(now) && !out.iter().any(|o| o.kind == s.kind && o.value == s.value)
        {
            out.push(s.clone());
        }
    }
    out
}

/// Why no callback can be offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoCallback {
    pub message: String,
}

/// The number to call back: the current number if it has been on the account 30 days; after
/// a recent change, the newest replaced number that was of record when it was replaced and was
/// replaced within the last 30 days; otherwise none, with the reason for the agent.
pub fn callback_number(
    current: &Span,
    replaced: &[Span],
    now: OffsetDateTime,
) -> Result<String, NoCallback> {
    if policy::is_address_of_record(current.since, now) {
        return Ok(current.value.clone());
    }
    let mut old: Vec<&Span> = replaced
        .iter()
        .filter(|s| s.kind == ContactKind::Phone && s.until.is_some())
        .collect();
    old.sort_by_key(|s| std::cmp::Reverse(s.until));
    for s in old {
        let until = s.until.unwrap_or(now);
        if until <= now - RECENT {
            break;
        }
        if policy::address_usable_from(s.since) <= until {
            return Ok(s.value.clone());
        }
    }
    Err(NoCallback {
        message: format!(
            "the telephone number has been on the account only since {} and no earlier number \
             of record is known: a callback goes only to a number on the account for {} days",
            crate::clock::date(current.since),
            ADDRESS_OF_RECORD_DAYS
        ),
    })
}

/// What a lost-PIN reset sees.
#[derive(Debug, Clone, Copy)]
pub struct ResetFacts {
    /// A temporary PIN sent earlier has not yet been used to set a new PIN and has not expired
    /// ([`crate::domain::temp_pin`]): an expired one no longer blocks a reset.
    pub outstanding: bool,
    /// The account's secrets are locked now.
    pub locked: bool,
    /// A supervisor gave `--override-reason`.
    pub supervisor_override: bool,
}

/// Lost PIN: refused while a temporary PIN is outstanding or the account is locked, unless a
/// supervisor overrides with a reason. Returns the refusal code and message.
pub fn check_reset(f: ResetFacts) -> Result<(), (&'static str, &'static str)> {
    if f.supervisor_override {
        return Ok(());
    }
    if f.locked {
        return Err((
            "locked",
            "the account's PIN and codes are locked: a reset is refused until the lock ends",
        ));
    }
    if f.outstanding {
        return Err((
            "reset-outstanding",
            "a temporary PIN sent earlier is still outstanding: it must be used or expire (or a \
             supervisor must override) before another reset",
        ));
    }
    Ok(())
}

/// An opt-in widens the use of CPNI: it needs a session verified on that account. A denial or
/// revocation is accepted from anyone.
pub fn check_choice(opt_in: bool, verified_session_on_account: bool) -> Result<(), &'static str> {
    if opt_in && !verified_session_on_account {
        return Err(
            "an opt-in widens the use of CPNI and needs your own open session verified on this account \
             (--session SESSION)",
        );
    }
    Ok(())
}

/// Code issuance limits (config `[codes] per_session`, `per_account_hour`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeLimits {
    pub per_session: i64,
    pub per_account_hour: i64,
}

impl Default for CodeLimits {
    fn default() -> Self {
        CodeLimits {
            per_session: 3,
            per_account_hour: 5,
        }
    }
}

/// Refuses a new code when the session or the account (last hour) has had its quota.
pub fn check_code_limits(
    limits: CodeLimits,
    issued_on_session: i64,
    issued_on_account_last_hour: i64,
) -> Result<(), String> {
    if issued_on_session >= limits.per_session {
        return Err(format!(
            "this session has been sent {issued_on_session} code(s); the limit is {} per session",
            limits.per_session
        ));
    }
    if issued_on_account_last_hour >= limits.per_account_hour {
        return Err(format!(
            "this account has been sent {issued_on_account_last_hour} code(s) in the last hour; \
             the limit is {} per hour",
            limits.per_account_hour
        ));
    }
    Ok(())
}

/// The facts a step is decided on, as read inside its write transaction.
#[derive(Debug, Clone, Copy)]
pub struct StepFacts<'a> {
    pub ended: bool,
    /// The session's owner and the acting agent (the agent a service acts for).
    pub owner: &'a str,
    pub acting: &'a str,
    /// For secret steps: the lock and the attempts used.
    pub secret: Option<SecretFacts>,
}

#[derive(Debug, Clone, Copy)]
pub struct SecretFacts {
    pub locked: bool,
    pub session_failures: u32,
    /// The session is already verified on a basis that allows call detail: no further
    /// secret is evaluated on it (so a session evaluates at most three secrets, however its
    /// right and wrong answers interleave).
    pub fully_verified: bool,
}

/// Why a step is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepRefusal {
    Ended,
    NotOwner,
    Locked,
    AttemptsUsed,
    AlreadyVerified,
}

impl StepRefusal {
    pub fn code(self) -> &'static str {
        match self {
            StepRefusal::Ended => "session-ended",
            StepRefusal::NotOwner => "not-owner",
            StepRefusal::Locked => "locked",
            StepRefusal::AttemptsUsed => "attempts-used",
            StepRefusal::AlreadyVerified => "already-verified",
        }
    }
}

/// The gate of every step: the session is open and the acting agent's; a secret step also
/// needs the account unlocked and session attempts left.
pub fn check_step(f: StepFacts<'_>) -> Result<(), StepRefusal> {
    if f.ended {
        return Err(StepRefusal::Ended);
    }
    if f.owner != f.acting {
        return Err(StepRefusal::NotOwner);
    }
    if let Some(s) = f.secret {
        if s.locked {
            return Err(StepRefusal::Locked);
        }
        if s.fully_verified {
            return Err(StepRefusal::AlreadyVerified);
        }
        if lockout::session_attempts_left(s.session_failures) == 0 {
            return Err(StepRefusal::AttemptsUsed);
        }
    }
    Ok(())
}

/// How a business contract has its callers authenticated (64.2010(g)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractMethod {
    /// A passphrase the contract sets, checked like a secret (counts toward the attempts).
    Passphrase,
    /// A callback to a number the contract designates (on file 30 days).
    Callback,
}

impl ContractMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            ContractMethod::Passphrase => "passphrase",
            ContractMethod::Callback => "callback",
        }
    }
    pub fn parse(s: &str) -> Option<ContractMethod> {
        match s {
            "passphrase" => Some(ContractMethod::Passphrase),
            "callback" => Some(ContractMethod::Callback),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-06-01 12:00 UTC);

    #[test]
    fn a_letter_code_verifies_only_a_call_started_after_it_was_issued() {
        let started = NOW - Duration::minutes(5);
        // Issued on this session: refused, whenever it was issued.
        assert!(letter_code_on_issuing_call(
            true,
            Some(NOW - Duration::days(9)),
            started
        ));
        assert!(letter_code_on_issuing_call(true, None, started));
        // Issued on another session while this one was open (the same call): refused.
        assert!(letter_code_on_issuing_call(false, Some(started), started));
        assert!(letter_code_on_issuing_call(false, Some(NOW), started));
        // Issued on an earlier call: it verifies this one.
        assert!(!letter_code_on_issuing_call(
            false,
            Some(started - Duration::milliseconds(1)),
            started
        ));
        assert!(!letter_code_on_issuing_call(
            false,
            Some(NOW - Duration::days(3)),
            started
        ));
    }

    fn span(kind: ContactKind, v: &str, since_days: i64, until_days: Option<i64>) -> Span {
        Span {
            kind,
            value: v.into(),
            since: NOW - Duration::days(since_days),
            until: until_days.map(|d| NOW - Duration::days(d)),
        }
    }

    #[test]
    fn set_on_call_is_at_or_after_the_start() {
        let start = NOW;
        assert!(set_on_call(Some(NOW), start));
        assert!(set_on_call(Some(NOW + Duration::seconds(1)), start));
        assert!(!set_on_call(Some(NOW - Duration::seconds(1)), start));
        assert!(!set_on_call(None, start));
    }

    #[test]
    fn callback_current_number_when_30_days_old() {
        let cur = span(ContactKind::Phone, "+1", 30, None);
        assert_eq!(callback_number(&cur, &[], NOW), Ok("+1".into()));
        let cur = span(ContactKind::Phone, "+1", 29, None);
        assert!(callback_number(&cur, &[], NOW).is_err());
    }

    #[test]
    fn callback_after_a_change_goes_to_the_number_before() {
        let cur = span(ContactKind::Phone, "+new", 1, None);
        let old = [span(ContactKind::Phone, "+old", 400, Some(1))];
        assert_eq!(callback_number(&cur, &old, NOW), Ok("+old".into()));
        // Two changes: the middle number was never of record; the first one is used.
        let cur = span(ContactKind::Phone, "+c", 2, None);
        let old = [
            span(ContactKind::Phone, "+a", 400, Some(10)),
            span(ContactKind::Phone, "+b", 10, Some(2)),
        ];
        assert_eq!(callback_number(&cur, &old, NOW), Ok("+a".into()));
        // The number of record was replaced more than 30 days ago: none.
        let cur = span(ContactKind::Phone, "+c", 20, None);
        let old = [
            span(ContactKind::Phone, "+a", 400, Some(40)),
            span(ContactKind::Phone, "+b", 40, Some(20)),
        ];
        assert!(callback_number(&cur, &old, NOW).is_err());
    }

    #[test]
    fn notices_go_to_every_contact_of_record_in_the_last_30_days() {
        let spans = [
            span(ContactKind::Email, "new@x", 0, None),
            span(ContactKind::Email, "mid@x", 5, Some(0)),
            span(ContactKind::Email, "real@x", 400, Some(5)),
            span(ContactKind::Email, "ancient@x", 900, Some(400)),
            span(ContactKind::Postal, "1 Main", 400, None),
        ];
        let got: Vec<String> = notice_contacts(&spans, NOW)
            .into_iter()
            .map(|s| s.value)
            .collect();
        assert_eq!(got, ["1 Main", "real@x"]);
        // A value that became of record only 29 days ago and was replaced since: counted.
        let s = span(ContactKind::Email, "a", 59, Some(1));
        assert!(s.of_record_recently(NOW));
        // Replaced exactly 30 days ago: no longer.
        let s = span(ContactKind::Email, "a", 400, Some(30));
        assert!(!s.of_record_recently(NOW));
        // Never of record (replaced after 29 days).
        let s = span(ContactKind::Email, "a", 35, Some(6));
        assert!(!s.of_record_recently(NOW));
    }

    #[test]
    fn reset_rules() {
        let f = |outstanding, locked, supervisor_override| ResetFacts {
            outstanding,
            locked,
            supervisor_override,
        };
        assert!(check_reset(f(false, false, false)).is_ok());
        assert_eq!(
            check_reset(f(true, false, false)).unwrap_err().0,
            "reset-outstanding"
        );
        assert_eq!(check_reset(f(false, true, false)).unwrap_err().0, "locked");
        assert!(check_reset(f(true, true, true)).is_ok());
    }

    #[test]
    fn opt_in_needs_a_verified_session() {
        assert!(check_choice(true, false).is_err());
        assert!(check_choice(true, true).is_ok());
        assert!(check_choice(false, false).is_ok());
    }

    #[test]
    fn code_limits() {
        let l = CodeLimits::default();
        assert!(check_code_limits(l, 2, 4).is_ok());
        assert!(check_code_limits(l, 3, 0).is_err());
        assert!(check_code_limits(l, 0, 5).is_err());
    }

    #[test]
    fn step_gate() {
        let base = StepFacts {
            ended: false,
            owner: "ann",
            acting: "ann",
            secret: None,
        };
        assert!(check_step(base).is_ok());
        assert_eq!(
            check_step(StepFacts {
                ended: true,
                ..base
            }),
            Err(StepRefusal::Ended)
        );
        assert_eq!(
            check_step(StepFacts {
                acting: "bob",
                ..base
            }),
            Err(StepRefusal::NotOwner)
        );
        let secret = |locked, session_failures| StepFacts {
            secret: Some(SecretFacts {
                locked,
                session_failures,
                fully_verified: false,
            }),
            ..base
        };
        let verified = StepFacts {
            secret: Some(SecretFacts {
                locked: false,
                session_failures: 2,
                fully_verified: true,
            }),
            ..base
        };
        assert_eq!(check_step(verified), Err(StepRefusal::AlreadyVerified));
        assert_eq!(check_step(secret(true, 0)), Err(StepRefusal::Locked));
        assert_eq!(check_step(secret(false, 3)), Err(StepRefusal::AttemptsUsed));
        assert!(check_step(secret(false, 2)).is_ok());
    }
}
