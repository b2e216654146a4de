//! The session state every step prints: verified or not, on which basis, what may now be
//! discussed or sent, attempts left and any lock.

use serde_json::{Value, json};
use time::OffsetDateTime;

use super::gate::{Env, Loaded};
use crate::clock;
use crate::commands::customer::show::lock_of;
use crate::domain::lockout;
use crate::domain::policy::{self, Basis};

/// Channels to which information may be sent now (addresses of record 30+ days old).
pub fn sendable(l: &Loaded, now: OffsetDateTime) -> Vec<&'static str> {
    let mut out = Vec::new();
    let of_record =
        |since: &str| clock::parse(since).is_some_and(|t| policy::is_address_of_record(t, now));
    if of_record(&l.customer.email_since) {
        out.push("email");
    }
    if of_record(&l.customer.postal_since) {
        out.push("mail");
    }
    out
}

fn basis(l: &Loaded) -> Option<Basis> {
    l.session.basis.as_deref().and_then(Basis::parse)
}

/// Secret attempts left: the session's, capped by what the account allows before a lock.
pub fn attempts_left(l: &Loaded, now: OffsetDateTime) -> u32 {
    if lock_of(&l.customer, now).is_some() {
        return 0;
    }
    let session = lockout::session_attempts_left(l.session.secret_failures as u32);
    let account = lockout::ACCOUNT_FAILURE_THRESHOLD.saturating_sub(l.customer.failures as u32);
    session.min(account)
}

pub fn state_json(l: &Loaded, now: OffsetDateTime) -> Value {
    let b = basis(l);
    // An ended session allows nothing more.
    let open = l.session.ended_at.is_none();
    let discuss: Vec<&str> = if open {
        policy::discussable(b).iter().map(|s| s.as_str()).collect()
    } else {
        Vec::new()
    };
    let send = if open { sendable(l, now) } else { Vec::new() };
    json!({
        "session": l.session.id,
        "account": l.customer.account,
        "channel": l.session.channel,
        "verified": policy::is_verified(b),
        "basis": b.map(|b| b.as_str()),
        "allowed": {"discuss": discuss, "send": send},
        "attempts_left": attempts_left(l, now),
        "locked_until": lock_of(&l.customer, now).map(clock::format),
        "pin_set": l.customer.pin_hash.is_some(),
        "started_at": l.session.started_at,
        "ended_at": l.session.ended_at,
        "end_reason": l.session.end_reason,
    })
}

pub fn state_text(l: &Loaded, now: OffsetDateTime) -> String {
    let b = basis(l);
    let mut lines = vec![match b.filter(|b| policy::is_verified(Some(*b))) {
        Some(b) => format!(
            "Session {} ({}): VERIFIED by {}",
            l.session.id,
            l.customer.account,
            b.as_str()
        ),
        None => format!(
            "Session {} ({}): not verified",
            l.session.id, l.customer.account
        ),
    }];
    if let Some(end) = &l.session.ended_at {
        // An ended session allows nothing more: say so, not what it allowed.
        lines.push(format!(
            "  ended {end} ({}): nothing more may be discussed or sent on it",
            l.session.end_reason.as_deref().unwrap_or("ended")
        ));
        return lines.join("\n");
    }
    let discuss: Vec<&str> = policy::discussable(b).iter().map(|s| s.as_str()).collect();
    lines.push(format!("  may discuss: {}", discuss.join(", ")));
    let send = sendable(l, now);
    lines.push(format!(
        "  may send to: {}",
        if send.is_empty() {
            "no address of record yet".into()
        } else {
            send.join(", ")
        }
    ));
    match lock_of(&l.customer, now) {
        Some(t) => lines.push(format!("  PIN and codes LOCKED until {}", clock::human(t))),
        None => lines.push(format!("  secret attempts left: {}", attempts_left(l, now))),
    }
    lines.join("\n")
}

/// Prints a step's result and the state; returns the exit code (0 ok, 1 caller failed).
pub fn print_step(env: &Env<'_>, l: &Loaded, now: OffsetDateTime, ok: bool, message: &str) -> u8 {
    let mut doc = state_json(l, now);
    doc["result"] = json!(if ok { "ok" } else { "failed" });
    doc["message"] = json!(message);
    env.ctx
        .out
        .print(&doc, &format!("{message}\n{}", state_text(l, now)));
    if ok { 0 } else { 1 }
}
