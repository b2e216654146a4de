//! Presentation for the guided verification: the caller card with masked contacts (times in
//! the agent's local time), the exact words for the agent at each step, plain words for
//! purposes, scopes and bases, and the menu labels. Pure text; no prompting, no storage.

use time::OffsetDateTime;

use crate::clock;
use crate::domain::contact::{mask_email, mask_phone};
use crate::domain::policy;
use crate::domain::temp_pin::TempPin;
use crate::store::customers::Customer;
use crate::ui::term::safe;

/// A photo ID type (`domain::in_store::ID_TYPES`) in plain words.
pub fn id_type_words(t: &str) -> &'static str {
    match t {
        "drivers-licence" => "Driver's licence",
        "passport" => "Passport",
        "state-id" => "State ID card",
        "military-id" => "Military ID",
        _ => "Other",
    }
}

/// The wizard's own wording for a channel: "customer" rather than "caller" in a store.
pub fn for_channel(text: &str, in_store: bool) -> String {
    if in_store {
        text.replace("caller", "customer")
            .replace("Caller", "Customer")
            .replace("on the call", "in the store")
    } else {
        text.to_string()
    }
}

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

/// The steps the wizard can offer (the menu's table is in `commands/verify/steps.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Pin,
    Discuss(crate::domain::policy::Scope),
    SetPin,
    Marketing,
    Backup,
    ResetPin,
    Callback,
    EmailCode,
    MailCode,
    EnterCode,
    Business,
    /// In a store only: a government-issued photo ID.
    PhotoId,
    SendEmail,
    SendMail,
    CallerSupplied,
    End,
}

impl Route {
    pub fn label(self) -> &'static str {
        use crate::domain::policy::Scope;
        match self {
            Route::Pin => "Account PIN",
            Route::Discuss(Scope::Account) => "Record a discussion: account information",
            Route::Discuss(Scope::CallDetail) => "Record a discussion: call detail",
            Route::Discuss(Scope::CallerSupplied) | Route::CallerSupplied => {
                "Discuss only the calls the caller describes"
            }
            Route::SetPin => "Set a new PIN chosen by the caller (does not verify this call)",
            Route::Marketing => "Record the caller's choice on marketing use of their information",
            Route::Backup => "Backup passphrase (account information and a new PIN only)",
            Route::ResetPin => "Lost PIN: send a temporary PIN to an address of record",
            Route::Callback => "Call back the telephone number of record",
            Route::EmailCode => "Email a one-time code to the email of record",
            Route::MailCode => "Mail a code to the postal address of record (for a later call)",
            Route::EnterCode => "Caller has a code from an earlier letter or email",
            Route::Business => "Business contract (account rep + CPNI contract)",
            Route::PhotoId => "Check a government-issued photo ID (in the store)",
            Route::SendEmail => "Send the information to the email of record",
            Route::SendMail => "Send the information by letter to the postal address of record",
            Route::End => "End the call",
        }
    }
}

/// A purpose in plain words (the slug stays in the log and for scripts).
pub fn purpose_words(p: crate::domain::policy::Purpose) -> &'static str {
    use crate::domain::policy::Purpose::*;
    match p {
        CustomerRequest => "The caller asked for it",
        Billing => "Billing and collection",
        ServiceSupport => "Service, repair or support",
        FraudProtection => "Protecting against fraud or abuse",
        PicFreezeInquiry => "Long-distance carrier (PIC) freeze question",
        DirectoryServices => "Directory listing or assistance",
        LegalProcess => "Legal process (subpoena or court order; needs a reference)",
        DesignatedThirdParty => "A third party the customer designated (needs a reference)",
    }
}

/// A scope in plain words.
pub fn scope_words(s: crate::domain::policy::Scope) -> &'static str {
    use crate::domain::policy::Scope::*;
    match s {
        Account => "account information",
        CallDetail => "call detail",
        CallerSupplied => "calls the caller described",
    }
}

/// A basis in plain words.
pub fn basis_words(b: policy::Basis) -> &'static str {
    use policy::Basis::*;
    match b {
        Pin => "the account PIN",
        Callback => "a callback to the number of record",
        EmailCode => "a code emailed to the address of record",
        MailCode => "a code mailed to the address of record",
        BusinessContract => "the business contract",
        Backup => "the backup passphrase",
        TemporaryPin => "a temporary PIN (verifies nothing)",
        PhotoId => "a government-issued photo ID, in the store",
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

/// The agent's local time for `t` (UTC stays in the log): `2026-12-01 09:14 EST`.
pub fn local(t: OffsetDateTime) -> String {
    let secs = t.unix_timestamp() as libc::time_t;
    // SAFETY: localtime_r writes only into `tm`, which we read only on success.
    let (offset, zone) = unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&secs, &mut tm).is_null() {
            return clock::human(t);
        }
        let zone = if tm.tm_zone.is_null() {
            String::new()
        } else {
            std::ffi::CStr::from_ptr(tm.tm_zone)
                .to_string_lossy()
                .into_owned()
        };
        (tm.tm_gmtoff, zone)
    };
    let Ok(off) = time::UtcOffset::from_whole_seconds(offset as i32) else {
        return clock::human(t);
    };
    let fmt = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
    match t.to_offset(off).format(&fmt) {
        Ok(s) if zone.is_empty() => s,
        Ok(s) => format!("{s} {zone}"),
        Err(_) => clock::human(t),
    }
}

/// Minutes and seconds since `since`: `3:07`.
pub fn elapsed(since: OffsetDateTime, now: OffsetDateTime) -> String {
    let s = (now - since).whole_seconds().max(0);
    format!("{}:{:02}", s / 60, s % 60)
}

/// The caller card shown before anything is asked. `temp` is the account's temporary PIN now
/// (`customer::show::temp_pin_of`).
pub fn card(
    c: &Customer,
    session: &str,
    attempts_left: u32,
    locked: Option<OffsetDateTime>,
    temp: TempPin,
    now: OffsetDateTime,
) -> String {
    let addr = c.postal();
    let yes_no = |b: bool| if b { "on file" } else { "none" };
    let mut lines = vec![
        format!("Account {}  {}", c.account, safe(&c.name)),
        format!("  session          {session}  (started {})", local(now)),
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
        format!("  PIN              {}", pin_state(c, temp)),
        format!("  backup phrase    {}", yes_no(c.backup_hash.is_some())),
    ];
    match (&c.account_rep, &c.cpni_contract) {
        (Some(rep), Some(contract)) => lines.push(format!(
            "  business         yes: contract {}, account rep {}",
            safe(contract),
            safe(rep)
        )),
        (None, None) => lines.push("  business         no".into()),
        _ => lines.push("  business         incomplete (rep or contract missing)".into()),
    }
    lines.push(format!(
        "  wrong answers    {} in a row before this call; {attempts_left} attempt(s) left on this call",
        c.failures
    ));
    if let Some(t) = locked {
        lines.push(format!(
            "  LOCKED: PIN and codes refused until {} (your time)",
            local(t)
        ));
    }
    lines.join("\n")
}

/// The card's PIN line: the working PIN and a temporary PIN (Lost PIN) with its expiry.
fn pin_state(c: &Customer, temp: TempPin) -> String {
    let working = if c.pin_hash.is_none() {
        "NOT SET"
    } else {
        "set"
    };
    match temp {
        TempPin::Valid { expires_at } => format!(
            "temporary (must be changed), valid until {}{}",
            local(expires_at),
            if c.pin_hash.is_some() {
                "; the current PIN still works"
            } else {
                ""
            }
        ),
        TempPin::Expired { expired_at } => format!(
            "{working}; the temporary PIN EXPIRED on {}: it verifies nothing (Lost PIN may send a new one)",
            expired_at.map_or("an unknown date".into(), local)
        ),
        TempPin::None if c.pin_hash.is_some() && c.pin_must_change => {
            "temporary (must be changed)".into()
        }
        TempPin::None => working.into(),
    }
}

/// Whether the email / postal address may be used for codes and sending now.
pub fn usable(c: &Customer, now: OffsetDateTime) -> (bool, bool) {
    (
        of_record(&c.email_since, now).0,
        of_record(&c.postal_since, now).0,
    )
}

/// The words to say before asking for the PIN: neutral, no hint of the digits.
pub const SAY_PIN: &str = "Say: \"Please tell me the PIN on the account.\" (Never offer hints, digits, or other ways to prove identity.)";
pub const SAY_WRONG: &str = "Say: \"That doesn't match our records. Could you say it again?\" Give no hint about which part was wrong.";
pub const SAY_NO_ATTEMPTS: &str = "Say: \"I can't verify you that way on this call. I can call you back at the number on the account, or send the information to an address on the account.\"";
pub const SAY_LOCK: &str = "Say: \"For your security, PIN and code checks are paused for now. I can call you back at the number on the account, or send the information to an address on the account.\"";
pub const SAY_BACKUP: &str = "Say: \"Please tell me the backup passphrase you chose for the account.\" (It allows account information and a new PIN only; never call detail.)";
pub const SAY_LETTER_CODE: &str =
    "Say: \"Please read me the code from the letter or email we sent you.\"";
pub const SAY_MAIL_CODE: &str = "Say: \"We're mailing a code to the postal address on the account. When it arrives, call us and read it to us.\" Discuss nothing now.";
pub const SAY_SEND: &str =
    "Say: \"I'll send that to the address we have on the account; it should arrive shortly.\"";
/// The words after a Lost PIN: the temporary PIN lasts `days` (`[codes] mail_code_days`).
pub fn say_lost_pin(days: i64) -> String {
    format!(
        "Say: \"I'll send a temporary PIN to the address on the account. Call us back with it within {days} days and you'll choose a new PIN then; after that it no longer works.\" Discuss nothing now."
    )
}
pub const SAY_NEW_PIN: &str = "Say: \"Please choose a new PIN now and tell it to me twice.\" (Setting a PIN does not verify this call.)";
pub const SAY_MARKETING: &str = "Say: \"May we use information about your services to offer you other services? You can say yes, no, or change an earlier answer.\"";
pub const SAY_BUSINESS: &str = "Confirm you are speaking with the business's designated contact under its CPNI contract, as the contract requires.";
pub const SAY_CONTRACT_PASSPHRASE: &str = "The contract authenticates by its passphrase. Say: \"Please tell me the passphrase set in your CPNI contract.\" (It counts toward the attempts like a PIN.)";
pub const SAY_CONTRACT_CALLBACK: &str = "The contract authenticates by a callback to the number it designates. Say: \"For your security I will call you back at the number your contract names.\"";
pub const SAY_PIN_SET: &str = "The new PIN works from the next call; it does not verify this call.";
pub const SAY_NO_CALLBACK: &str = "No callback can be made on this call. Send the information to an address of record instead (in the menu), or verify another way.";
pub const SAY_NO_ANSWER: &str = "The callback did not verify anyone, and you have hung up: end the call, or send the information to an address of record.";
pub const SAY_END: &str = "Say: \"Thank you for calling. Is there anything else I can help with?\"";
pub const SAY_VERIFIED: &str = "Say: \"Thank you, you're verified.\"";
pub const SAY_CODE: &str = "Say: \"I've sent a one-time code to the email address on the account. Please read it to me when it arrives.\"";
pub const SAY_CALLER_SUPPLIED: &str = "Say: \"I can discuss the calls you describe. Which calls are you asking about?\" Discuss only those calls; offer no other call detail.";
