//! Callback to the telephone number of record, and the business-contract basis.

use clap::Args;
use time::OffsetDateTime;

use super::gate::{Env, Loaded, load_open, refuse};
use super::state::print_step;
use crate::audit::{self, Event};
use crate::clock;
use crate::domain::contact::mask_phone;
use crate::domain::in_store::Route;
use crate::domain::policy::Basis;
use crate::error::{Error, Result};
use crate::store::{self, Db};
use crate::ui::term::safe;

#[derive(Debug, Args)]
pub struct CallbackArgs {
    /// Session id
    pub session: String,
    /// The account holder answered at the number of record and confirmed the request
    #[arg(long, group = "outcome")]
    pub reached: bool,
    /// Nobody answered at the number of record
    #[arg(long, group = "outcome")]
    pub no_answer: bool,
    /// Someone answered but did not confirm the request
    #[arg(long, group = "outcome")]
    pub declined: bool,
}

/// The outcome of a callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallbackOutcome {
    Reached,
    NoAnswer,
    Declined,
}

/// The words for the agent before dialling.
pub fn script(l: &Loaded) -> String {
    format!(
        "Say: \"For your security I will end this call and call you back at the telephone number \
         on the account. Please stay near that phone.\"\n\
         Then call the number of record: {}   (never a number the caller offers)\n\
         When the account holder answers, confirm who they are and that they made the request.",
        l.customer.phone
    )
}

/// Starts a callback: records it and runs the configured dialler (no shell) if any.
fn begin(env: &Env<'_>, db: &mut Db, l: &Loaded, now: OffsetDateTime) -> Result<Option<String>> {
    let event = Event::new("callback.start")
        .account(&l.customer.account)
        .session(&l.session.id)
        .with("number", mask_phone(&l.customer.phone));
    db.write(|tx| audit::append(tx, &env.acting.actor, now, event).map(|_| ()))?;
    let Some(cmd) = &env.ctx.cfg.dial_command else {
        return Ok(None);
    };
    let status = std::process::Command::new(&cmd[0])
        .args(&cmd[1..])
        .arg(&l.customer.phone)
        .status();
    Ok(Some(match status {
        Ok(s) if s.success() => format!("Dialling with {}.", safe(&cmd[0])),
        Ok(s) => format!(
            "The dial command {} failed ({s}); dial the number by hand.",
            safe(&cmd[0])
        ),
        Err(e) => format!(
            "Cannot run the dial command {}: {e}; dial the number by hand.",
            safe(&cmd[0])
        ),
    }))
}

/// Records the callback's outcome.
pub fn callback(
    env: &Env<'_>,
    db: &mut Db,
    mut l: Loaded,
    outcome: CallbackOutcome,
    now: OffsetDateTime,
) -> Result<(bool, String, Loaded)> {
    super::photo_id::channel_gate(env, db, &l, Route::Callback, "auth.callback.refused", now)?;
    let at = clock::format(now);
    l.session.last_active_at = at.clone();
    let ok = outcome == CallbackOutcome::Reached;
    if ok {
        if !l
            .session
            .basis
            .as_deref()
            .and_then(Basis::parse)
            .is_some_and(|b| matches!(b, Basis::Pin | Basis::BusinessContract))
        {
            l.session.basis = Some(Basis::Callback.as_str().into());
        }
        l.session.verified_at.get_or_insert(at);
    }
    let (event, label) = match outcome {
        CallbackOutcome::Reached => ("auth.callback.ok", "reached"),
        CallbackOutcome::NoAnswer => ("auth.callback.fail", "no-answer"),
        CallbackOutcome::Declined => ("auth.callback.fail", "declined"),
    };
    let ev = Event::new(event)
        .account(&l.customer.account)
        .session(&l.session.id)
        .with("outcome", label)
        .with("number", mask_phone(&l.customer.phone));
    let s = l.session.clone();
    db.write(|tx| {
        store::sessions::update(tx, &s)?;
        audit::append(tx, &env.acting.actor, now, ev).map(|_| ())
    })?;
    let msg = match outcome {
        CallbackOutcome::Reached => "Callback reached the account holder at the number of record: verified.".to_string(),
        CallbackOutcome::NoAnswer => "No answer at the number of record: not verified. Try again later, or send the information to an address of record.".into(),
        CallbackOutcome::Declined => "The person at the number of record did not confirm: not verified. Disclose nothing.".into(),
    };
    Ok((ok, msg, l))
}

pub fn callback_cmd(env: &Env<'_>, db: &mut Db, a: CallbackArgs) -> Result<u8> {
    let now = clock::now();
    let l = load_open(env, db, &a.session, now)?;
    let outcome = match (a.reached, a.no_answer, a.declined) {
        (true, _, _) => CallbackOutcome::Reached,
        (_, true, _) => CallbackOutcome::NoAnswer,
        (_, _, true) => CallbackOutcome::Declined,
        _ => {
            super::photo_id::channel_gate(env, db, &l, Route::Callback, "callback.refused", now)?;
            let dialled = begin(env, db, &l, now)?;
            let mut doc = super::state::state_json(&l, now);
            doc["number_of_record"] = serde_json::json!(l.customer.phone);
            doc["script"] = serde_json::json!(script(&l));
            let mut text = script(&l);
            if let Some(d) = dialled {
                text.push_str(&format!("\n{d}"));
            }
            text.push_str(&format!(
                "\nThen record it: cpni session callback {} --reached | --no-answer | --declined",
                l.session.id
            ));
            env.ctx.out.print(&doc, &text);
            return Ok(0);
        }
    };
    let (ok, msg, l) = callback(env, db, l, outcome, now)?;
    Ok(print_step(env, &l, now, ok, &msg))
}

/// The business-contract basis: both a dedicated representative and a CPNI contract on file.
pub fn business(
    env: &Env<'_>,
    db: &mut Db,
    mut l: Loaded,
    now: OffsetDateTime,
) -> Result<(bool, String, Loaded)> {
    let (rep, contract) = match (&l.customer.account_rep, &l.customer.cpni_contract) {
        (Some(r), Some(c)) => (r.clone(), c.clone()),
        (r, c) => {
            let missing = match (r, c) {
                (None, None) => "a dedicated account representative and a CPNI contract",
                (None, _) => "a dedicated account representative",
                _ => "a CPNI contract reference",
            };
            let err = Error::refused("not-business", format!(
                "account {} has no {missing}: the business-contract basis (64.2010(g)) needs both", l.customer.account))
                .hint("verify with the PIN, a callback, or a code instead");
            return Err(refuse(env, db, &l, "auth.business.refused", err, now));
        }
    };
    let at = clock::format(now);
    l.session.last_active_at = at.clone();
    l.session.basis = Some(Basis::BusinessContract.as_str().into());
    l.session.verified_at.get_or_insert(at);
    let ev = Event::new("auth.business.ok")
        .account(&l.customer.account)
        .session(&l.session.id)
        .with("account_rep", rep.clone())
        .with("cpni_contract", contract.clone());
    let s = l.session.clone();
    db.write(|tx| {
        store::sessions::update(tx, &s)?;
        audit::append(tx, &env.acting.actor, now, ev).map(|_| ())
    })?;
    Ok((
        true,
        format!(
            "Business contract {} (rep {}): verified.",
            safe(&contract),
            safe(&rep)
        ),
        l,
    ))
}

pub fn business_cmd(env: &Env<'_>, db: &mut Db, id: &str) -> Result<u8> {
    let now = clock::now();
    let l = load_open(env, db, id, now)?;
    let (ok, msg, l) = business(env, db, l, now)?;
    Ok(print_step(env, &l, now, ok, &msg))
}
