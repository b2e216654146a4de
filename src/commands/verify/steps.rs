//! The wizard's menu: ONE table of every step, in the fixed order the agent sees it, each
//! with the condition under which the rules allow it now. Adding a route (a new basis, a new
//! method) is one entry here plus its runner in `routes.rs`. The conditions call the domain
//! rules (`policy::discussable`, `policy::may_change`, the 30-day address rule) and the
//! session's own gates decide again, inside their write transactions, when the step runs.

use time::OffsetDateTime;

use crate::commands::session::{self, Loaded};
use crate::domain::policy::{self, Basis, Change, Scope};
use crate::ui::wizard::{self, Route, Want};

/// What the menu is decided from.
pub struct Situation<'a> {
    pub l: &'a Loaded,
    pub want: Want,
    pub basis: Option<Basis>,
    /// PIN and codes may still be tried (no lock, attempts left).
    pub secrets_open: bool,
    pub email_ok: bool,
    pub postal_ok: bool,
    /// An unanswered or unconfirmed callback: the agent has hung up.
    pub hung_up: bool,
}

impl<'a> Situation<'a> {
    pub fn of(l: &'a Loaded, want: Want, hung_up: bool, now: OffsetDateTime) -> Situation<'a> {
        let (email_ok, postal_ok) = wizard::usable(&l.customer, now);
        Situation {
            l,
            want,
            basis: l.session.basis.as_deref().and_then(Basis::parse),
            secrets_open: session::lock_until(l, now).is_none()
                && session::attempts_left(l, now) > 0,
            email_ok,
            postal_ok,
            hung_up,
        }
    }
    pub fn verified(&self) -> bool {
        policy::is_verified(self.basis)
    }
    fn may(&self, s: Scope) -> bool {
        self.verified() && policy::discussable(self.basis).contains(&s)
    }
    /// Still proving who the caller is, on the line, for more than caller-described calls.
    fn proving(&self) -> bool {
        !self.verified() && !self.hung_up && self.want != Want::CallerSupplied
    }
    fn secret(&self) -> bool {
        self.proving() && self.secrets_open
    }
    fn account_secret(&self) -> bool {
        self.secret() && self.want == Want::Account
    }
    fn c(&self) -> &crate::store::customers::Customer {
        &self.l.customer
    }
}

type Offered = fn(&Situation<'_>) -> bool;

/// Every step, in menu order. The first that applies for the intent comes first.
pub const STEPS: &[(Route, Offered)] = &[
    (Route::Pin, |s| s.secret() && s.c().pin_hash.is_some()),
    (Route::Backup, |s| {
        s.account_secret() && s.c().backup_hash.is_some()
    }),
    (Route::EmailCode, |s| s.account_secret() && s.email_ok),
    (Route::EnterCode, |s| s.account_secret()),
    (Route::Callback, |s| {
        !s.hung_up && s.want != Want::CallerSupplied && !s.may(Scope::CallDetail)
    }),
    (Route::Business, |s| {
        s.proving() && s.c().account_rep.is_some() && s.c().cpni_contract.is_some()
    }),
    (Route::Discuss(Scope::Account), |s| s.may(Scope::Account)),
    (Route::Discuss(Scope::CallDetail), |s| {
        s.may(Scope::CallDetail)
    }),
    (Route::CallerSupplied, |s| {
        !s.hung_up && s.want != Want::Account && !s.may(Scope::CallDetail)
    }),
    (Route::SendEmail, |s| {
        s.email_ok && s.want != Want::CallerSupplied
    }),
    (Route::SendMail, |s| {
        s.postal_ok && s.want != Want::CallerSupplied
    }),
    (Route::SetPin, |s| {
        matches!(s.basis, Some(Basis::Backup)) && policy::may_change(s.basis, Change::Pin)
    }),
    (Route::Marketing, |s| s.verified() && !s.hung_up),
    (Route::MailCode, |s| s.account_secret() && s.postal_ok),
    (Route::ResetPin, |s| {
        s.proving() && (s.email_ok || s.postal_ok)
    }),
    (Route::End, |_| true),
];

/// The steps offered now, in table order.
pub fn offered(s: &Situation<'_>) -> Vec<Route> {
    STEPS
        .iter()
        .filter(|(_, ok)| ok(s))
        .map(|(r, _)| *r)
        .collect()
}
