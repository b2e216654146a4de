//! Callback to the telephone number of record, and the business-contract basis.
//!
//! A callback goes only to a number on the account 30 days (after a recent change, to the
//! number of record before it; `domain::escalation::callback_number`); its start is recorded on
//! the session, and `--reached` is accepted only after it. The business basis runs the
//! contract's own method: its passphrase (a secret) or a callback to the number it designates.

use clap::Args;
use time::OffsetDateTime;

use super::gate::{Env, Loaded, load_open, recheck, refuse, secret_gate};
use super::secret::{SecretKind, check_secret};
use super::state::print_step;
use crate::audit::Event;
use crate::clock;
use crate::commands::customer::add::refuse_argv_secret;
use crate::commands::customer::history;
use crate::domain::contact::mask_phone;
use crate::domain::escalation::ContractMethod;
use crate::domain::in_store::Route as StoreRoute;
use crate::domain::policy::{self, Basis};
use crate::error::{Error, Result};
use crate::store::customers::Customer;
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

/// The words for the agent before dialling `number`.
fn script_for(number: &str) -> String {
    format!(
        "Say: \"For your security I will end this call and call you back at the telephone number \
         on the account. Please stay near that phone.\"\n\
         Then call the number of record: {number}   (never a number the caller offers)\n\
         When the account holder answers, confirm who they are and that they made the request."
    )
}

/// The words for the agent before dialling, with the number a callback started on this
/// session goes to (the number of record until one is started).
pub fn script(l: &Loaded) -> String {
    script_for(
        l.session
            .callback_number
            .as_deref()
            .unwrap_or(&l.customer.phone),
    )
}

/// Where a callback goes and what it is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// The telephone number of record (30 days; after a change, the one before).
    Record,
    /// The number the business contract designates.
    Contract,
}

impl Route {
    fn as_str(self) -> &'static str {
        match self {
            Route::Record => "record",
            Route::Contract => "contract",
        }
    }
}

/// The number a callback on `route` may go to now, or the refusal to report.
fn number_for(
    conn: &store::Read<'_>,
    l: &Loaded,
    route: Route,
    now: OffsetDateTime,
) -> Result<std::result::Result<String, Error>> {
    Ok(match route {
        Route::Record => history::callback_number(conn, &l.customer, now)?.map_err(|n| {
            Error::refused("no-callback-number", n.message).hint(
                "send the information to an address of record (cpni session send), or verify another way",
            )
        }),
        Route::Contract => contract_number(&l.customer, now),
    })
}

/// The contract's designated callback number, if it has been on file 30 days.
fn contract_number(c: &Customer, now: OffsetDateTime) -> std::result::Result<String, Error> {
    let since = c.contract_callback_since.as_deref().and_then(clock::parse);
    match (&c.contract_callback, since) {
        (Some(n), Some(t)) if policy::is_address_of_record(t, now) => Ok(n.clone()),
        (Some(_), Some(t)) => Err(Error::refused(
            "no-callback-number",
            format!(
                "the contract's callback number is on file only since {}; it may be used from {}",
                clock::date(t),
                clock::date(policy::address_usable_from(t))
            ),
        )),
        _ => Err(Error::refused(
            "no-callback-number",
            "the contract names no callback number",
        )
        .hint("a supervisor records it: cpni customer set-contract ACCOUNT --method callback --callback-phone N --reason TEXT")),
    }
}

/// Starts a callback on `route`: chooses the number (refused, and recorded, when there is
/// none), records the start on the session and in the log in one write, then runs the
/// configured dialler (no shell) if any. Returns the session as started and the dialler note.
/// The wizard calls this before asking for the outcome.
pub fn begin(
    env: &Env<'_>,
    db: &mut Db,
    l: &Loaded,
    route: Route,
    now: OffsetDateTime,
) -> Result<(Loaded, Option<String>)> {
    let refused = if route == Route::Record {
        "callback.refused"
    } else {
        "auth.business.refused"
    };
    super::photo_id::channel_gate(env, db, l, StoreRoute::Callback, refused, now)?;
    let number = match number_for(&db.read(), l, route, now)? {
        Ok(n) => n,
        Err(e) => return Err(refuse(env, db, l, refused, e, now)),
    };
    let event = Event::new("callback.start")
        .account(&l.customer.account)
        .session(&l.session.id)
        .with("number", mask_phone(&number))
        .with("route", route.as_str())
        .with("of_record", number == l.customer.phone);
    let at = clock::format(now);
    db.step(|tx| {
        if let Err(e) = recheck(tx, env, &l.session.id, false, refused, now)? {
            return Ok(Err(e));
        }
        tx.set_callback_start(&l.session.id, &number, route.as_str(), &at)?;
        tx.append(&env.acting.actor, now, event).map(Ok)
    })??;
    let started = super::gate::load_any(db, &l.session.id)?;
    let Some(cmd) = &env.ctx.cfg.dial_command else {
        return Ok((started, None));
    };
    let status = std::process::Command::new(&cmd[0])
        .args(&cmd[1..])
        .arg(&number)
        .status();
    Ok((
        started,
        Some(match status {
            Ok(s) if s.success() => format!("Dialling with {}.", safe(&cmd[0])),
            Ok(s) => format!(
                "The dial command {} failed ({s}); dial the number by hand.",
                safe(&cmd[0])
            ),
            Err(e) => format!(
                "Cannot run the dial command {}: {e}; dial the number by hand.",
                safe(&cmd[0])
            ),
        }),
    ))
}

/// Records a callback's outcome on `route`. `--reached` is accepted only after a recorded
/// start on the same route, to a number that is still the one to call (re-checked inside the
/// write); it verifies on `basis`.
fn finish(
    env: &Env<'_>,
    db: &mut Db,
    l: Loaded,
    outcome: CallbackOutcome,
    route: Route,
    now: OffsetDateTime,
) -> Result<(bool, Loaded)> {
    let at = clock::format(now);
    let ok = outcome == CallbackOutcome::Reached;
    let gate_event = match route {
        Route::Record => "auth.callback.refused",
        Route::Contract => "auth.business.refused",
    };
    super::photo_id::channel_gate(env, db, &l, StoreRoute::Callback, gate_event, now)?;
    let (ok_event, fail_event, refused, basis) = match route {
        Route::Record => (
            "auth.callback.ok",
            "auth.callback.fail",
            "auth.callback.refused",
            Basis::Callback,
        ),
        Route::Contract => (
            "auth.business.ok",
            "auth.business.fail",
            "auth.business.refused",
            Basis::BusinessContract,
        ),
    };
    let label = match outcome {
        CallbackOutcome::Reached => "reached",
        CallbackOutcome::NoAnswer => "no-answer",
        CallbackOutcome::Declined => "declined",
    };
    let id = l.session.id.clone();
    let done = db.step(|tx| {
        let fresh = match recheck(tx, env, &id, false, refused, now)? {
            Ok(f) => f,
            Err(e) => return Ok(Err(e)),
        };
        // The number to call, as it is now under the writer lock.
        let expected = number_for(tx, &fresh, route, now)?.ok();
        let s = &fresh.session;
        let started = s.callback_started_at.is_some() && s.callback_route.as_deref() == Some(route.as_str());
        let same = started && s.callback_number.is_some() && s.callback_number == expected;
        if !started || !same {
            let (code, msg) = if !started {
                ("no-callback-started", format!("no callback was started on session {id}: start it first (cpni session {} {id}), call the number it names, then record the outcome", if route == Route::Record { "callback" } else { "business" }))
            } else {
                ("callback-number-changed", "the number to call back changed after the callback was started: start it again".to_string())
            };
            let ev = Event::new(refused)
                .account(&fresh.customer.account)
                .session(&id)
                .with("reason", code)
                .with("outcome", label);
            tx.append(&env.acting.actor, now, ev)?;
            return Ok(Err(Error::refused(code, msg)));
        }
        let number = s.callback_number.clone().unwrap_or_default();
        let mut ev = Event::new(if ok { ok_event } else { fail_event })
            .account(&fresh.customer.account)
            .session(&id)
            .with("outcome", label)
            .with("number", mask_phone(&number));
        if route == Route::Contract {
            ev = ev
                .with("cpni_contract", fresh.customer.cpni_contract.clone())
                .with("account_rep", fresh.customer.account_rep.clone())
                .with("method", ContractMethod::Callback.as_str());
        }
        if ok {
            let current = s.basis.as_deref().and_then(Basis::parse);
            let keep = current.is_some_and(|b| matches!(b, Basis::Pin | Basis::BusinessContract | Basis::Callback));
            let b = if keep { current.unwrap_or(basis) } else { basis };
            tx.set_session_basis(&id, b.as_str(), &at)?;
        } else {
            tx.touch_session(&id, &at)?;
        }
        // One start, one outcome: after "no answer" or "declined" a `--reached` needs a new
        // recorded start (the agent has hung up and dials again).
        tx.clear_callback_start(&id)?;
        tx.append(&env.acting.actor, now, ev)?;
        Ok(Ok(()))
    })?;
    done?;
    Ok((ok, super::gate::load_any(db, &id)?))
}

/// Records the callback's outcome (to the telephone number of record).
pub fn callback(
    env: &Env<'_>,
    db: &mut Db,
    l: Loaded,
    outcome: CallbackOutcome,
    now: OffsetDateTime,
) -> Result<(bool, String, Loaded)> {
    let (ok, l) = finish(env, db, l, outcome, Route::Record, now)?;
    let msg = match outcome {
        CallbackOutcome::Reached => "Callback reached the account holder at the number of record: verified.".to_string(),
        CallbackOutcome::NoAnswer => "No answer at the number of record: not verified. Try again later, or send the information to an address of record.".into(),
        CallbackOutcome::Declined => "The person at the number of record did not confirm: not verified. Disclose nothing.".into(),
    };
    Ok((ok, msg, l))
}

/// The wizard's business route for a contract with the callback method: records the outcome
/// of a callback started with [`begin`] on [`Route::Contract`].
pub fn business_callback(
    env: &Env<'_>,
    db: &mut Db,
    l: Loaded,
    outcome: CallbackOutcome,
    now: OffsetDateTime,
) -> Result<(bool, Loaded)> {
    finish(env, db, l, outcome, Route::Contract, now)
}

fn outcome_of(reached: bool, no_answer: bool, declined: bool) -> Option<CallbackOutcome> {
    match (reached, no_answer, declined) {
        (true, _, _) => Some(CallbackOutcome::Reached),
        (_, true, _) => Some(CallbackOutcome::NoAnswer),
        (_, _, true) => Some(CallbackOutcome::Declined),
        _ => None,
    }
}

/// Prints the number and the words for a started callback.
fn print_started(
    env: &Env<'_>,
    l: &Loaded,
    dialled: Option<String>,
    cmd: &str,
    now: OffsetDateTime,
) {
    let number = l.session.callback_number.clone().unwrap_or_default();
    let mut doc = super::state::state_json(l, now);
    doc["number_of_record"] = serde_json::json!(number);
    doc["script"] = serde_json::json!(script_for(&number));
    let mut text = script_for(&number);
    if let Some(d) = dialled {
        text.push_str(&format!("\n{d}"));
    }
    text.push_str(&format!(
        "\nThen record it: cpni session {cmd} {} --reached | --no-answer | --declined",
        l.session.id
    ));
    env.ctx.out.print(&doc, &text);
}

pub fn callback_cmd(env: &Env<'_>, db: &mut Db, a: CallbackArgs) -> Result<u8> {
    let now = clock::now();
    let l = load_open(env, db, &a.session, now)?;
    let Some(outcome) = outcome_of(a.reached, a.no_answer, a.declined) else {
        let (l, dialled) = begin(env, db, &l, Route::Record, now)?;
        print_started(env, &l, dialled, "callback", now);
        return Ok(0);
    };
    let (ok, msg, l) = callback(env, db, l, outcome, now)?;
    Ok(print_step(env, &l, now, ok, &msg))
}

/// The business-contract basis (64.2010(g)): the account has a dedicated representative and
/// a CPNI contract on file, and the contract names its own authentication method, which the
/// agent carries out: `passphrase` (checked like a secret: it counts toward the attempts and
/// the lockout) or `callback` (to the number the contract designates). Returns the contract
/// method on file, refusing (recorded) when something is missing.
pub fn contract_method(
    env: &Env<'_>,
    db: &mut Db,
    l: &Loaded,
    now: OffsetDateTime,
) -> Result<ContractMethod> {
    let c = &l.customer;
    let missing = match (&c.account_rep, &c.cpni_contract) {
        (None, None) => Some("a dedicated account representative and a CPNI contract"),
        (None, _) => Some("a dedicated account representative"),
        (_, None) => Some("a CPNI contract reference"),
        _ => None,
    };
    let err = if let Some(missing) = missing {
        Error::refused(
            "not-business",
            format!(
                "account {} has no {missing}: the business-contract basis (64.2010(g)) needs both",
                c.account
            ),
        )
        .hint("verify with the PIN, a callback, or a code instead")
    } else if let Some(m) = c.contract_method.as_deref().and_then(ContractMethod::parse) {
        return Ok(m);
    } else {
        Error::refused("no-contract-method", format!(
            "the contract {} names no authentication method on file; the business basis runs the contract's own method",
            safe(c.cpni_contract.as_deref().unwrap_or(""))))
            .hint("a supervisor records it: cpni customer set-contract ACCOUNT --method passphrase|callback --reason TEXT")
    };
    Err(refuse(env, db, l, "auth.business.refused", err, now))
}

/// The wizard's business route: the contract passphrase (asked on the terminal), or for a
/// callback contract a refusal naming the callback route ([`begin`] with [`Route::Contract`]).
pub fn business(
    env: &Env<'_>,
    db: &mut Db,
    l: Loaded,
    now: OffsetDateTime,
) -> Result<(bool, String, Loaded)> {
    match contract_method(env, db, &l, now)? {
        ContractMethod::Passphrase => {
            let (what, prompt_text, flag) = SecretKind::Contract.reading();
            let value = super::secret::read_secret(env, false, what, prompt_text, flag)?;
            check_secret(env, db, l, SecretKind::Contract, &value, now)
        }
        ContractMethod::Callback => Err(Error::refused(
            "contract-callback",
            "this contract authenticates by a callback to the number it designates",
        )
        .hint(format!(
            "cpni session business {} (starts it), then --reached",
            l.session.id
        ))),
    }
}

pub fn business_cmd(env: &Env<'_>, db: &mut Db, a: BusinessArgs) -> Result<u8> {
    refuse_argv_secret(a.secret.is_some(), "--secret-stdin")?;
    let now = clock::now();
    let l = load_open(env, db, &a.session, now)?;
    match contract_method(env, db, &l, now)? {
        ContractMethod::Passphrase => {
            if outcome_of(a.reached, a.no_answer, a.declined).is_some() {
                return Err(Error::usage(
                    "outcome",
                    "this contract authenticates by its passphrase, not by a callback",
                )
                .hint(format!(
                    "cpni session business {} --secret-stdin",
                    l.session.id
                )));
            }
            secret_gate(env, db, &l, "auth.business.refused", now)?;
            let (what, prompt_text, flag) = SecretKind::Contract.reading();
            let value = super::secret::read_secret(env, a.secret_stdin, what, prompt_text, flag)?;
            let (ok, msg, l) =
                check_secret(env, db, l, SecretKind::Contract, &value, clock::now())?;
            let msg = if ok {
                format!(
                    "Contract passphrase correct: verified on the business contract {} (rep {}).",
                    safe(l.customer.cpni_contract.as_deref().unwrap_or("")),
                    safe(l.customer.account_rep.as_deref().unwrap_or(""))
                )
            } else {
                msg
            };
            Ok(print_step(env, &l, now, ok, &msg))
        }
        ContractMethod::Callback => {
            let Some(outcome) = outcome_of(a.reached, a.no_answer, a.declined) else {
                let (l, dialled) = begin(env, db, &l, Route::Contract, now)?;
                print_started(env, &l, dialled, "business", now);
                return Ok(0);
            };
            let (ok, l) = finish(env, db, l, outcome, Route::Contract, now)?;
            let msg = if ok {
                format!(
                    "Callback to the number the contract {} designates reached: verified.",
                    safe(l.customer.cpni_contract.as_deref().unwrap_or(""))
                )
            } else {
                "The callback to the contract's number did not confirm: not verified.".to_string()
            };
            Ok(print_step(env, &l, now, ok, &msg))
        }
    }
}

#[derive(Debug, Args)]
pub struct BusinessArgs {
    /// Session id
    pub session: String,
    /// Read the contract passphrase from one line of stdin (contracts with the passphrase method)
    #[arg(long)]
    pub secret_stdin: bool,
    /// Callback contracts: the person at the designated number confirmed the request
    #[arg(long, group = "outcome")]
    pub reached: bool,
    /// Callback contracts: nobody answered
    #[arg(long, group = "outcome")]
    pub no_answer: bool,
    /// Callback contracts: someone answered but did not confirm
    #[arg(long, group = "outcome")]
    pub declined: bool,
    /// Never accepted on the command line
    #[arg(long, hide = true, value_name = "SECRET")]
    pub secret: Option<String>,
}
