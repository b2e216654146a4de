//! The wizard's menu: ONE table of every step, in the fixed order the agent sees it, each
//! with the condition under which the rules allow it now. Adding a route (a new basis, a new
//! method) is one entry here plus its runner in `routes.rs`. The conditions call the domain
//! rules (`policy::discussable`, `policy::may_change`, the 30-day address rule) and the
//! session's own gates decide again, inside their write transactions, when the step runs.

use time::OffsetDateTime;

use crate::clock;
use crate::commands::customer::show::temp_pin_of;
use crate::commands::session::{self, Loaded};
use crate::domain::escalation::{ContractMethod, set_on_call};
use crate::domain::in_store;
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
    /// A callback was refused on this call (no number may be called): not offered again.
    pub no_callback: bool,
    /// The PIN on file may verify this call (not set on this call; issue 12 rule 1).
    pub pin_usable: bool,
    /// A temporary PIN is outstanding (set, not expired), or the account is locked: no Lost PIN.
    pub reset_blocked: bool,
    /// The contract names an authentication method (the business route runs it).
    pub contract_method: Option<ContractMethod>,
    /// A store visit (`in-store`): photo ID instead of the remote routes.
    pub in_store: bool,
}

impl<'a> Situation<'a> {
    /// `temp_pin_days`: the temporary PIN's period (`[codes] mail_code_days`).
    pub fn of(
        l: &'a Loaded,
        want: Want,
        hung_up: bool,
        temp_pin_days: i64,
        now: OffsetDateTime,
    ) -> Situation<'a> {
        let (email_ok, postal_ok) = wizard::usable(&l.customer, now);
        let c = &l.customer;
        let started = clock::parse(&l.session.started_at).unwrap_or(now);
        let fresh = |hash: &Option<String>, at: &Option<String>| {
            hash.is_some() && !set_on_call(at.as_deref().and_then(clock::parse), started)
        };
        let locked = session::lock_until(l, now).is_some();
        let temp_out = temp_pin_of(c, temp_pin_days, now).outstanding();
        Situation {
            l,
            want,
            basis: l.session.basis.as_deref().and_then(Basis::parse),
            secrets_open: session::lock_until(l, now).is_none()
                && session::attempts_left(l, now) > 0,
            email_ok,
            postal_ok,
            hung_up,
            no_callback: false,
            pin_usable: fresh(&c.pin_hash, &c.pin_set_at)
                || (temp_out && fresh(&c.temp_pin_hash, &c.temp_pin_set_at)),
            reset_blocked: temp_out || locked,
            contract_method: c.contract_method.as_deref().and_then(ContractMethod::parse),
            in_store: in_store::is_in_store(&l.session.channel),
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
    (Route::Pin, |s| s.secret() && s.pin_usable),
    (Route::Backup, |s| {
        s.account_secret() && s.c().backup_hash.is_some()
    }),
    (Route::EmailCode, |s| s.account_secret() && s.email_ok),
    (Route::EnterCode, |s| s.account_secret()),
    (Route::Callback, |s| {
        !s.hung_up && !s.no_callback && s.want != Want::CallerSupplied && !s.may(Scope::CallDetail)
    }),
    (Route::Business, |s| {
        s.proving()
            && s.c().account_rep.is_some()
            && s.c().cpni_contract.is_some()
            && match s.contract_method {
                Some(ContractMethod::Passphrase) => s.secrets_open,
                Some(ContractMethod::Callback) => !s.no_callback,
                None => false,
            }
    }),
    (Route::PhotoId, |s| s.proving()),
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
        matches!(s.basis, Some(Basis::Backup | Basis::TemporaryPin))
            && policy::may_change(s.basis, Change::Pin)
    }),
    (Route::Marketing, |s| s.verified() && !s.hung_up),
    (Route::MailCode, |s| s.account_secret() && s.postal_ok),
    (Route::ResetPin, |s| {
        s.proving() && !s.reset_blocked && (s.email_ok || s.postal_ok)
    }),
    (Route::End, |_| true),
];

/// The channel's own route for a wizard step, if the step is a verification route.
fn channel_route(r: Route) -> Option<in_store::Route> {
    Some(match r {
        Route::Pin => in_store::Route::Pin,
        Route::Backup => in_store::Route::Backup,
        Route::Callback => in_store::Route::Callback,
        Route::EmailCode => in_store::Route::EmailCode,
        Route::MailCode => in_store::Route::MailCode,
        Route::EnterCode => in_store::Route::Code,
        Route::Business => in_store::Route::Business,
        Route::PhotoId => in_store::Route::PhotoId,
        _ => return None,
    })
}

/// Whether the session's channel allows the step (`domain::in_store`): no remote routes in a
/// store, no photo ID on the phone.
fn channel_allows(s: &Situation<'_>, r: Route) -> bool {
    channel_route(r).is_none_or(|c| in_store::route_allowed(&s.l.session.channel, c).is_ok())
}

/// The steps offered now, in table order.
pub fn offered(s: &Situation<'_>) -> Vec<Route> {
    STEPS
        .iter()
        .filter(|(r, ok)| channel_allows(s, *r) && ok(s))
        .map(|(r, _)| *r)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock;
    use crate::store::customers::Customer;
    use crate::store::sessions::Session;
    use time::Duration;

    fn loaded(basis: Option<Basis>, failures: i64, now: OffsetDateTime) -> Loaded {
        let old = clock::format(now - Duration::days(400));
        let customer = Customer {
            account: "A-1".into(),
            name: "Ann".into(),
            phone: "+12025550142".into(),
            phone_since: old.clone(),
            email: "ann@example.com".into(),
            email_since: old.clone(),
            street: "1 Elm St".into(),
            city: "Arlington".into(),
            region: "VA".into(),
            postal_code: "22201".into(),
            country: "US".into(),
            postal_since: old.clone(),
            account_rep: None,
            cpni_contract: None,
            pin_hash: Some("phc".into()),
            pin_set_at: Some(old.clone()),
            pin_must_change: false,
            backup_hash: Some("phc".into()),
            backup_set_at: Some(old.clone()),
            failures: 0,
            lock_level: 0,
            locked_until: None,
            created_at: old.clone(),
            temp_pin_hash: None,
            temp_pin_set_at: None,
            contract_method: None,
            contract_secret_hash: None,
            contract_callback: None,
            contract_callback_since: None,
            contract_set_at: None,
        };
        let session = Session {
            id: "S-AAAAAAAAAA".into(),
            account: "A-1".into(),
            agent: "agent".into(),
            on_behalf_of: None,
            channel: "inbound".into(),
            started_at: clock::format(now),
            last_active_at: clock::format(now),
            basis: basis.map(|b| b.as_str().to_string()),
            verified_at: None,
            secret_failures: failures,
            ended_at: None,
            end_reason: None,
            owner: None,
            callback_started_at: None,
            callback_number: None,
            callback_route: None,
        };
        Loaded { session, customer }
    }

    fn menu(basis: Option<Basis>, want: Want, failures: i64, hung_up: bool) -> Vec<Route> {
        let now = clock::now();
        let l = loaded(basis, failures, now);
        offered(&Situation::of(&l, want, hung_up, 30, now))
    }

    #[test]
    fn after_a_code_callback_and_sending_are_offered_in_place() {
        let m = menu(Some(Basis::EmailCode), Want::Account, 0, false);
        assert_eq!(m[0], Route::Callback);
        assert!(m.contains(&Route::SendEmail) && m.contains(&Route::SendMail));
        assert!(m.contains(&Route::Discuss(Scope::Account)));
        assert!(!m.contains(&Route::Discuss(Scope::CallDetail)));
        assert!(!m.contains(&Route::Pin));
    }

    #[test]
    fn after_the_backup_a_new_pin_is_offered() {
        let m = menu(Some(Basis::Backup), Want::Account, 0, false);
        assert!(m.contains(&Route::SetPin));
        let m = menu(Some(Basis::TemporaryPin), Want::Account, 0, false);
        assert!(
            m.contains(&Route::SetPin) && m.contains(&Route::Pin),
            "{m:?}"
        );
        assert!(!m.iter().any(|r| matches!(r, Route::Discuss(_))), "{m:?}");
        assert!(!menu(Some(Basis::Pin), Want::Account, 0, false).contains(&Route::SetPin));
    }

    #[test]
    fn after_an_unanswered_callback_only_send_or_end() {
        let m = menu(None, Want::CallDetail, 0, true);
        assert_eq!(m, [Route::SendEmail, Route::SendMail, Route::End]);
    }

    #[test]
    fn no_secret_routes_once_the_attempts_are_used() {
        let m = menu(None, Want::Account, 3, false);
        for r in [
            Route::Pin,
            Route::Backup,
            Route::EmailCode,
            Route::EnterCode,
            Route::MailCode,
        ] {
            assert!(!m.contains(&r), "{r:?} offered after three wrong answers");
        }
        assert_eq!(m[0], Route::Callback);
    }

    #[test]
    fn the_order_is_the_tables_for_every_intent_and_basis() {
        let order: Vec<Route> = STEPS.iter().map(|(r, _)| *r).collect();
        for want in [Want::Account, Want::CallDetail, Want::CallerSupplied] {
            for basis in [
                None,
                Some(Basis::Pin),
                Some(Basis::EmailCode),
                Some(Basis::Backup),
            ] {
                let m = menu(basis, want, 0, false);
                let pos: Vec<usize> = m
                    .iter()
                    .map(|r| order.iter().position(|o| o == r).expect("in the table"))
                    .collect();
                assert!(
                    pos.windows(2).all(|w| w[0] < w[1]),
                    "{want:?} {basis:?}: {m:?}"
                );
                assert_eq!(m.last(), Some(&Route::End));
            }
        }
        // The PIN is first whenever it is offered, so a PIN call is `1`, `1`.
        assert_eq!(menu(None, Want::Account, 0, false)[0], Route::Pin);
        assert_eq!(menu(None, Want::CallDetail, 0, false)[0], Route::Pin);
    }

    fn menu_of(l: &Loaded, want: Want) -> Vec<Route> {
        offered(&Situation::of(l, want, false, 30, clock::now()))
    }

    #[test]
    fn a_store_offers_photo_id_and_no_remote_route_and_a_phone_no_photo_id() {
        let now = clock::now();
        let mut l = loaded(None, 0, now);
        assert!(!menu_of(&l, Want::Account).contains(&Route::PhotoId));
        l.session.channel = "in-store".into();
        let m = menu_of(&l, Want::Account);
        assert!(
            m.contains(&Route::PhotoId) && m.contains(&Route::Pin),
            "{m:?}"
        );
        for r in [
            Route::Callback,
            Route::EmailCode,
            Route::MailCode,
            Route::EnterCode,
        ] {
            assert!(!m.contains(&r), "{r:?} offered in a store");
        }
        l.session.basis = Some("photo-id".into());
        assert!(!menu_of(&l, Want::Account).contains(&Route::PhotoId));
    }

    #[test]
    fn a_pin_set_on_this_call_is_not_offered_to_verify_it() {
        let now = clock::now();
        let mut l = loaded(Some(Basis::TemporaryPin), 0, now);
        assert!(menu_of(&l, Want::Account).contains(&Route::Pin));
        l.customer.pin_set_at = Some(clock::format(now + Duration::seconds(1)));
        assert!(!menu_of(&l, Want::Account).contains(&Route::Pin));
    }

    #[test]
    fn lost_pin_is_hidden_while_a_temporary_pin_is_out_or_the_account_is_locked() {
        let now = clock::now();
        let mut l = loaded(None, 0, now);
        assert!(menu_of(&l, Want::Account).contains(&Route::ResetPin));
        l.customer.temp_pin_hash = Some("phc".into());
        l.customer.temp_pin_set_at = Some(clock::format(now - Duration::days(29)));
        assert!(!menu_of(&l, Want::Account).contains(&Route::ResetPin));
        // Expired (set `mail_code_days` ago, 30 here): Lost PIN again.
        l.customer.temp_pin_set_at = Some(clock::format(now - Duration::days(30)));
        assert!(menu_of(&l, Want::Account).contains(&Route::ResetPin));
        l.customer.temp_pin_hash = None;
        l.customer.locked_until = Some(clock::format(now + Duration::hours(1)));
        l.customer.lock_level = 1;
        assert!(!menu_of(&l, Want::Account).contains(&Route::ResetPin));
    }

    #[test]
    fn an_expired_temporary_pin_alone_offers_no_pin_route() {
        let now = clock::now();
        let mut l = loaded(None, 0, now);
        l.customer.pin_hash = None;
        l.customer.temp_pin_hash = Some("phc".into());
        l.customer.temp_pin_set_at = Some(clock::format(now - Duration::days(1)));
        assert!(menu_of(&l, Want::Account).contains(&Route::Pin));
        l.customer.temp_pin_set_at = Some(clock::format(now - Duration::days(31)));
        let m = menu_of(&l, Want::Account);
        assert!(!m.contains(&Route::Pin), "{m:?}");
        assert!(m.contains(&Route::ResetPin), "{m:?}");
    }

    #[test]
    fn the_business_route_needs_a_rep_a_contract_and_a_method() {
        let now = clock::now();
        let mut l = loaded(None, 0, now);
        l.customer.account_rep = Some("Pat".into());
        l.customer.cpni_contract = Some("C-1".into());
        assert!(!menu_of(&l, Want::Account).contains(&Route::Business));
        l.customer.contract_method = Some("passphrase".into());
        assert!(menu_of(&l, Want::Account).contains(&Route::Business));
        l.session.secret_failures = 3;
        assert!(
            !menu_of(&l, Want::Account).contains(&Route::Business),
            "a passphrase contract after the attempts are used"
        );
        l.customer.contract_method = Some("callback".into());
        assert!(menu_of(&l, Want::Account).contains(&Route::Business));
        l.customer.account_rep = None;
        assert!(!menu_of(&l, Want::Account).contains(&Route::Business));
    }

    #[test]
    fn after_a_refused_callback_it_is_not_offered_again() {
        let now = clock::now();
        let l = loaded(None, 0, now);
        let mut s = Situation::of(&l, Want::CallDetail, false, 30, now);
        assert!(offered(&s).contains(&Route::Callback));
        s.no_callback = true;
        let m = offered(&s);
        assert!(!m.contains(&Route::Callback) && m.contains(&Route::SendEmail));
    }
}
