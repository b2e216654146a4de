//! Presentation for the guided verification: the caller card with masked contacts, the exact
//! words for the agent at each step, and the menu labels. Pure text; no prompting, no storage.

use time::OffsetDateTime;

use crate::clock;
use crate::domain::contact::{self, mask_email, mask_phone};
use crate::domain::policy;
use crate::store::customers::Customer;
use crate::ui::term::safe;

/// What the caller wants to discuss.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    Account,
    CallDetail,
    CallerSupplied,
}

pub const WANTS: [(&str, Want); 3] = [
    (
        "Account information (services, plan, usage, bill)",
        Want::Account,
    ),
    (
        "Call detail (numbers, times, durations of calls)",
        Want::CallDetail,
    ),
    (
        "Only calls the caller describes unaided",
        Want::CallerSupplied,
    ),
];

/// The routes the wizard can offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Pin,
    Backup,
    ResetPin,
    Callback,
    EmailCode,
    MailCode,
    EnterCode,
    Business,
    SendEmail,
    SendMail,
    CallerSupplied,
    End,
}

impl Route {
    pub fn label(self) -> &'static str {
        match self {
            Route::Pin => "Account PIN",
            Route::Backup => "Backup passphrase (account information and a new PIN only)",
            Route::ResetPin => "Lost PIN: send a temporary PIN to an address of record",
            Route::Callback => "Call back the telephone number of record",
            Route::EmailCode => "Email a one-time code to the email of record",
            Route::MailCode => "Mail a code to the postal address of record (for a later call)",
            Route::EnterCode => "Caller has a code from an earlier letter or email",
            Route::Business => "Business contract (account rep + CPNI contract)",
            Route::SendEmail => "Send the information to the email of record",
            Route::SendMail => "Send the information by letter to the postal address of record",
            Route::CallerSupplied => "Discuss only the calls the caller describes",
            Route::End => "End the call",
        }
    }
}

fn of_record(since: &str, now: OffsetDateTime) -> (bool, String) {
    let t = clock::parse(since).unwrap_or(now);
    if policy::is_address_of_record(t, now) {
        (true, "of record".into())
    } else {
        (
            false,
            format!(
                "too new: usable from {}",
                clock::date(policy::address_usable_from(t))
            ),
        )
    }
}

/// The caller card shown before anything is asked.
pub fn card(c: &Customer, locked: Option<OffsetDateTime>, now: OffsetDateTime) -> String {
    let addr = contact::PostalAddress {
        street: c.street.clone(),
        city: c.city.clone(),
        region: c.region.clone(),
        postal_code: c.postal_code.clone(),
        country: c.country.clone(),
    };
    let mut lines = vec![
        format!("Account {}  {}", c.account, safe(&c.name)),
        format!("  phone of record  {}", mask_phone(&c.phone)),
        format!(
            "  email            {}  ({})",
            mask_email(&c.email),
            of_record(&c.email_since, now).1
        ),
        format!(
            "  postal           {}  ({})",
            safe(&addr.masked()),
            of_record(&c.postal_since, now).1
        ),
        format!(
            "  PIN              {}",
            if c.pin_hash.is_some() {
                "set"
            } else {
                "NOT SET"
            }
        ),
    ];
    if let Some(t) = locked {
        lines.push(format!(
            "  LOCKED: PIN and codes refused until {}",
            clock::human(t)
        ));
    }
    lines.join("\n")
}

/// Whether the email / postal address may be used for codes and sending now.
pub fn usable(c: &Customer, now: OffsetDateTime) -> (bool, bool) {
    (
        of_record(&c.email_since, now).0,
        of_record(&c.postal_since, now).0,
    )
}

/// The routes allowed for `want`, given the account's state.
pub fn routes(want: Want, c: &Customer, secrets_open: bool, now: OffsetDateTime) -> Vec<Route> {
    let (email, postal) = usable(c, now);
    let business = c.account_rep.is_some() && c.cpni_contract.is_some();
    let mut r = Vec::new();
    if want == Want::CallerSupplied {
        return vec![Route::CallerSupplied, Route::End];
    }
    if secrets_open && c.pin_hash.is_some() {
        r.push(Route::Pin);
    }
    if secrets_open && c.backup_hash.is_some() && want == Want::Account {
        r.push(Route::Backup);
    }
    r.push(Route::Callback);
    if want == Want::Account && secrets_open {
        if email {
            r.push(Route::EmailCode);
        }
        if postal {
            r.push(Route::MailCode);
        }
        r.push(Route::EnterCode);
    }
    if business {
        r.push(Route::Business);
    }
    if email {
        r.push(Route::SendEmail);
    }
    if postal {
        r.push(Route::SendMail);
    }
    if email || postal {
        r.push(Route::ResetPin);
    }
    r.push(Route::End);
    r
}

/// The words to say before asking for the PIN: neutral, no hint of the digits.
pub const SAY_PIN: &str = "Say: \"Please tell me the PIN on the account.\" (Never offer hints, digits, or other ways to prove identity.)";
pub const SAY_CODE: &str = "Say: \"I've sent a one-time code to the email address on the account. Please read it to me when it arrives.\"";
pub const SAY_CALLER_SUPPLIED: &str = "Say: \"I can discuss the calls you describe. Which calls are you asking about?\" Discuss only those calls; offer no other call detail.";
