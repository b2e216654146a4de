//! Secret-based steps: the account PIN and one-time codes. Each wrong answer counts toward the
//! session's 3 attempts and the account's lockout (5 in a row, across sessions and agents);
//! a success resets the account count. An expired code or temporary PIN is refused without
//! counting (checked inside the write that records it). The secret itself never reaches output
//! or the log.

use time::OffsetDateTime;

use super::gate::{Env, Loaded, OPEN_ROUTES, load_open, recheck, refuse, secret_gate};
use super::state::{attempts_left, print_step};
use super::{BackupArgs, CodeArgs, SecretArgs};
use crate::audit::Event;
use crate::commands::customer::add::refuse_argv_secret;
use crate::commands::customer::show::temp_pin_of;
use crate::domain::escalation;
use crate::domain::lockout::{self, LockEvent, LockState};
use crate::domain::policy::{self, Basis};
use crate::error::{Error, Result};
use crate::store::Db;
use crate::ui::prompt::Shape;
use crate::ui::prompt::{self, Prompter, Terminal};
use crate::{clock, secrets};

/// Which secret is being checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    Pin,
    Code,
    Backup,
    /// The business contract's passphrase (its own authentication method, 64.2010(g)).
    Contract,
}

impl SecretKind {
    fn event(self, outcome: &str) -> &'static str {
        match (self, outcome) {
            (SecretKind::Pin, "ok") => "auth.pin.ok",
            (SecretKind::Pin, "fail") => "auth.pin.fail",
            (SecretKind::Pin, _) => "auth.pin.refused",
            (SecretKind::Code, "ok") => "auth.code.ok",
            (SecretKind::Code, "fail") => "auth.code.fail",
            (SecretKind::Code, _) => "auth.code.refused",
            (SecretKind::Backup, "ok") => "auth.backup.ok",
            (SecretKind::Backup, "fail") => "auth.backup.fail",
            (SecretKind::Backup, _) => "auth.backup.refused",
            (SecretKind::Contract, "ok") => "auth.business.ok",
            (SecretKind::Contract, "fail") => "auth.business.fail",
            (SecretKind::Contract, _) => "auth.business.refused",
        }
    }
    fn noun(self) -> &'static str {
        match self {
            SecretKind::Pin => "PIN",
            SecretKind::Code => "code",
            SecretKind::Backup => "backup secret",
            SecretKind::Contract => "contract passphrase",
        }
    }
}

/// What checking the answer found.
enum Verdict {
    Pin {
        ok: bool,
        temporary: bool,
    },
    Backup(bool),
    Contract(bool),
    Code {
        id: Option<i64>,
        basis: Basis,
        expired: bool,
    },
}

/// The hashes a step evaluated against, compared again inside the write: a secret changed
/// meanwhile (by a racing step) voids the evaluation.
#[derive(PartialEq, Eq)]
struct Evaluated {
    pin: Option<String>,
    temp: Option<String>,
    backup: Option<String>,
    contract: Option<String>,
}

impl Evaluated {
    fn of(c: &crate::store::customers::Customer) -> Evaluated {
        Evaluated {
            pin: c.pin_hash.clone(),
            temp: c.temp_pin_hash.clone(),
            backup: c.backup_hash.clone(),
            contract: c.contract_secret_hash.clone(),
        }
    }
}

fn set_at(v: &Option<String>) -> Option<time::OffsetDateTime> {
    v.as_deref().and_then(clock::parse)
}

/// Rule 1 (issue 12): a secret set on this call never verifies it. Refuses (recorded) when
/// every stored value of the secret was set since the session started.
fn not_set_on_call(
    env: &Env<'_>,
    db: &mut Db,
    l: &Loaded,
    kind: SecretKind,
    now: OffsetDateTime,
) -> Result<(bool, bool)> {
    let started = clock::parse(&l.session.started_at).unwrap_or(now);
    let c = &l.customer;
    let (working, temp) = match kind {
        SecretKind::Pin => (
            c.pin_hash.is_some() && !escalation::set_on_call(set_at(&c.pin_set_at), started),
            c.temp_pin_hash.is_some()
                && !escalation::set_on_call(set_at(&c.temp_pin_set_at), started),
        ),
        SecretKind::Backup => (
            c.backup_hash.is_some() && !escalation::set_on_call(set_at(&c.backup_set_at), started),
            false,
        ),
        SecretKind::Contract => (
            c.contract_secret_hash.is_some()
                && !escalation::set_on_call(set_at(&c.contract_set_at), started),
            false,
        ),
        SecretKind::Code => return Ok((true, false)),
    };
    let exists = match kind {
        SecretKind::Pin => c.pin_hash.is_some() || c.temp_pin_hash.is_some(),
        SecretKind::Contract => c.contract_secret_hash.is_some(),
        _ => c.backup_hash.is_some(),
    };
    if exists && !working && !temp {
        let err = Error::refused(
            "set-on-this-call",
            format!(
                "the {} was set on this call: it verifies the caller from the next call, never this one",
                kind.noun()
            ),
        )
        .hint(format!(
            "verify this call another way: {OPEN_ROUTES}; or end it and let the customer call again"
        ));
        return Err(refuse(env, db, l, kind.event("refused"), err, now));
    }
    Ok((working, temp))
}

/// Checks `value` and records the result. Returns (success, message for the agent, new state).
/// A correct temporary PIN is a success for choosing a new PIN, but the caller is not
/// verified ([`policy::is_verified`]).
pub fn check_secret(
    env: &Env<'_>,
    db: &mut Db,
    l: Loaded,
    kind: SecretKind,
    value: &str,
    now: OffsetDateTime,
) -> Result<(bool, String, Loaded)> {
    if kind == SecretKind::Code {
        let route = crate::domain::in_store::Route::Code;
        super::photo_id::channel_gate(env, db, &l, route, kind.event("refused"), now)?;
    }
    secret_gate(env, db, &l, kind.event("refused"), now)?;
    let (working, temp) = not_set_on_call(env, db, &l, kind, now)?;
    let verdict = match kind {
        SecretKind::Pin => {
            if l.customer.pin_hash.is_none() && l.customer.temp_pin_hash.is_none() {
                let err = Error::refused("no-pin", format!("account {} has no PIN", l.customer.account))
                    .hint("establish one through a compliant route: a callback to the number of record, then `cpni customer set-pin`; or a reset sent to an address of record");
                return Err(refuse(env, db, &l, kind.event("refused"), err, now));
            }
            let matches = |h: &Option<String>| {
                h.as_deref()
                    .is_some_and(|phc| secrets::verify_secret(value, phc))
            };
            let ok_working = working && matches(&l.customer.pin_hash);
            let ok_temp = !ok_working && temp && matches(&l.customer.temp_pin_hash);
            Verdict::Pin {
                ok: ok_working || ok_temp,
                temporary: ok_temp,
            }
        }
        SecretKind::Backup => {
            let Some(phc) = l.customer.backup_hash.as_deref() else {
                let err = Error::refused(
                    "no-backup",
                    format!("account {} has no backup secret", l.customer.account),
                )
                .hint("use the PIN, a callback to the number of record, or a code instead");
                return Err(refuse(env, db, &l, kind.event("refused"), err, now));
            };
            let normal = crate::domain::backup::normalise_backup_secret(value);
            Verdict::Backup(secrets::verify_secret(&normal, phc))
        }
        SecretKind::Code => match_code(env, db, &l, value, now)?,
        SecretKind::Contract => {
            let Some(phc) = l.customer.contract_secret_hash.as_deref() else {
                let err = Error::refused(
                    "no-contract-passphrase",
                    format!(
                        "the contract of account {} has no passphrase on file",
                        l.customer.account
                    ),
                );
                return Err(refuse(env, db, &l, kind.event("refused"), err, now));
            };
            let normal = crate::domain::backup::normalise_backup_secret(value);
            Verdict::Contract(secrets::verify_secret(&normal, phc))
        }
    };
    // A correct PIN stored with weaker parameters than configured is re-hashed now, at best:
    // should hashing fail (no randomness), the step is recorded as any correct PIN is, and the
    // old hash stays, so the outcome never tells a correct PIN from a wrong one.
    let preset = env.ctx.cfg.hash_preset;
    let rehash = match (&verdict, l.customer.pin_hash.as_deref()) {
        (
            Verdict::Pin {
                ok: true,
                temporary: false,
            },
            Some(h),
        ) if secrets::needs_rehash(h, preset) => secrets::hash_secret(value, preset).ok(),
        _ => None,
    };
    record(env, db, l, kind, verdict, rehash, now)
}

fn match_code(
    env: &Env<'_>,
    db: &Db,
    l: &Loaded,
    value: &str,
    now: OffsetDateTime,
) -> Result<Verdict> {
    let key = secrets::read_key(&secrets::key_paths(&env.ctx.cfg.db_path).0)?;
    for code in db.read().open_codes(&l.customer.account)? {
        if secrets::code_matches(&key, value.trim(), &code.digest) {
            let expires = clock::parse(&code.expires_at).unwrap_or(now);
            let basis = if code.channel == "mail" {
                Basis::MailCode
            } else {
                Basis::EmailCode
            };
            return Ok(Verdict::Code {
                id: Some(code.id),
                basis,
                expired: policy::code_expired(expires, now),
            });
        }
    }
    Ok(Verdict::Code {
        id: None,
        basis: Basis::EmailCode,
        expired: false,
    })
}

/// Why a matching secret was refused as out of date (it then counts as no wrong answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expiry {
    No,
    /// A one-time code past its `expires_at`.
    Code,
    /// A temporary PIN past `[codes] mail_code_days` (when it expired, if known).
    TempPin(Option<OffsetDateTime>),
}

impl Expiry {
    fn any(self) -> bool {
        self != Expiry::No
    }
}

/// Keeps the stronger basis: one that allows call detail wins over one that does not.
fn stronger(current: Option<Basis>, new: Basis) -> Basis {
    match current {
        Some(c) if policy::discussable(Some(c)).len() >= policy::discussable(Some(new)).len() => c,
        _ => new,
    }
}

fn record(
    env: &Env<'_>,
    db: &mut Db,
    l: Loaded,
    kind: SecretKind,
    verdict: Verdict,
    new_hash: Option<String>,
    now: OffsetDateTime,
) -> Result<(bool, String, Loaded)> {
    let (matched, basis, code_id, code_expired) = match verdict {
        Verdict::Pin { ok, temporary } => {
            let basis = if temporary {
                Basis::TemporaryPin
            } else {
                Basis::Pin
            };
            (ok, basis, None, false)
        }
        Verdict::Backup(ok) => (ok, Basis::Backup, None, false),
        Verdict::Contract(ok) => (ok, Basis::BusinessContract, None, false),
        Verdict::Code { id, basis, expired } => (id.is_some() && !expired, basis, id, expired),
    };
    let rehash = new_hash.is_some();
    let days = env.ctx.cfg.mail_code_days;
    let at = clock::format(now);
    let actor = env.acting.actor.clone();
    let evaluated = Evaluated::of(&l.customer);
    let refused = kind.event("refused");
    let (transition, l, ok, expiry) = db.step(|tx| {
        // Everything that decides the step, again under the writer lock (rule 8).
        let fresh = match recheck(tx, env, &l.session.id, true, refused, now)? {
            Ok(f) => f,
            Err(e) => return Ok(Err(e)),
        };
        // A code sent by letter on this call never verifies it (refused, nothing counted; the
        // code stays usable on a later call).
        if let (Some(id), Basis::MailCode) = (code_id, basis)
            && let Some(err) = super::codes::letter_on_this_call(tx, &fresh, id)?
        {
            let ev = Event::new(refused)
                .account(&fresh.customer.account)
                .session(&fresh.session.id)
                .with("reason", err.code)
                .with("message", err.message.clone())
                .with("code_id", id);
            tx.append(&actor, now, ev)?;
            return Ok(Err(err));
        }
        // A temporary PIN expires `[codes] mail_code_days` after it was set: decided here, on
        // the row read under the writer lock (its hash is compared below).
        let expiry = match (basis, matched) {
            (Basis::TemporaryPin, true) => match temp_pin_of(&fresh.customer, days, now) {
                crate::domain::temp_pin::TempPin::Expired { expired_at } => {
                    Expiry::TempPin(expired_at)
                }
                _ => Expiry::No,
            },
            _ if code_expired => Expiry::Code,
            _ => Expiry::No,
        };
        let expired = expiry.any();
        let ok = matched && !expired;
        let used = match code_id {
            Some(id) if ok => tx.mark_code_used(id, &at)?,
            _ => true,
        };
        if Evaluated::of(&fresh.customer) != evaluated || !used {
            let ev = Event::new(refused)
                .account(&fresh.customer.account)
                .session(&fresh.session.id)
                .with("reason", "changed-meanwhile");
            tx.append(&actor, now, ev)?;
            return Ok(Err(Error::refused(
                "changed-meanwhile",
                format!(
                    "the {} changed while it was being checked; nothing was counted",
                    kind.noun()
                ),
            )
            .hint("ask again")));
        }
        let c = &fresh.customer;
        let state = LockState {
            consecutive_failures: c.failures as u32,
            lock_level: c.lock_level as u32,
            locked_until: c.locked_until.as_deref().and_then(clock::parse),
        };
        let event = if ok {
            LockEvent::Success
        } else {
            LockEvent::Failure
        };
        let t = lockout::apply(state, event, now);
        // An expired code or temporary PIN is refused without spending an attempt: the state
        // stays as it was (it is no guess: the caller holds a real, outdated secret).
        let t = if expired {
            lockout::Transition {
                state,
                newly_locked_until: None,
            }
        } else {
            t
        };
        let until = t.state.locked_until.map(clock::format);
        tx.set_customer_lock_state(
            &c.account,
            t.state.consecutive_failures.into(),
            t.state.lock_level.into(),
            until.as_deref(),
            &at,
        )?;
        if let Some(h) = &new_hash {
            tx.rehash_pin(&c.account, h)?;
        }
        if ok {
            let current = fresh.session.basis.as_deref().and_then(Basis::parse);
            let set =
                tx.set_session_basis(&fresh.session.id, stronger(current, basis).as_str(), &at)?;
            one_row(set, &fresh.session.id)?;
        } else if expired {
            tx.touch_session(&fresh.session.id, &at)?;
        } else {
            one_row(
                tx.add_session_failure(&fresh.session.id, &at)?,
                &fresh.session.id,
            )?;
        }
        let l = Loaded {
            session: tx
                .session(&fresh.session.id)?
                .unwrap_or(fresh.session.clone()),
            customer: tx.customer(&c.account)?.unwrap_or_else(|| c.clone()),
        };
        let name = match (kind, ok, basis, expiry) {
            (SecretKind::Pin, true, Basis::TemporaryPin, _) => "auth.temporary-pin.ok",
            (SecretKind::Pin, _, _, Expiry::TempPin(_)) => "auth.temporary-pin.expired",
            _ => kind.event(if ok { "ok" } else { "fail" }),
        };
        let mut ev = Event::new(name)
            .account(&l.customer.account)
            .session(&l.session.id)
            .with("attempts_left", attempts_left(&l, now))
            .with(
                "verified",
                policy::is_verified(l.session.basis.as_deref().and_then(Basis::parse)),
            );
        if let (Some(id), SecretKind::Code) = (code_id, kind) {
            ev = ev
                .with("code_id", id)
                .with("channel", basis.as_str())
                .with("expired", expired);
        }
        if ok && kind == SecretKind::Pin {
            ev = ev.with("basis", basis.as_str());
        }
        if let Expiry::TempPin(at) = expiry {
            ev = ev
                .with("expired", true)
                .with("temp_pin_set_at", fresh.customer.temp_pin_set_at.clone())
                .with("expired_at", at.map(clock::format));
        }
        if kind == SecretKind::Contract {
            ev = ev
                .with("cpni_contract", l.customer.cpni_contract.clone())
                .with("account_rep", l.customer.account_rep.clone())
                .with("method", "passphrase");
        }
        if rehash {
            ev = ev.with("rehashed", true);
        }
        tx.append(&actor, now, ev)?;
        if let Some(until) = t.newly_locked_until {
            let lock = Event::new("lock.start")
                .account(&l.customer.account)
                .session(&l.session.id)
                .with("until", clock::format(until))
                .with("level", t.state.lock_level);
            tx.append(&actor, now, lock)?;
        }
        Ok(Ok((t, l, ok, expiry)))
    })??;
    Ok((
        ok,
        message(kind, ok, expiry, &l, transition.newly_locked_until, now),
        l,
    ))
}

fn message(
    kind: SecretKind,
    ok: bool,
    expiry: Expiry,
    l: &Loaded,
    locked: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> String {
    let noun = kind.noun();
    if ok {
        return match l.session.basis.as_deref().and_then(Basis::parse) {
            Some(Basis::TemporaryPin) if kind == SecretKind::Pin => format!(
                "Temporary PIN correct, but the caller is NOT verified. It is good only for \
                 choosing a new PIN, now: cpni customer set-pin {} --session {}. The new PIN \
                 verifies from the next call, never this one: discuss nothing on this call.",
                l.customer.account, l.session.id
            ),
            _ if kind == SecretKind::Backup => "Backup secret correct: account information \
                may be discussed and a new PIN set; call detail may not."
                .to_string(),
            _ => format!("{} correct: the caller is verified.", capitalised(noun)),
        };
    }
    let mut what = String::new();
    if kind == SecretKind::Backup {
        what = format!(
            " To re-establish the PIN: a callback to the telephone number of record, or a \
             reset sent to an address of record (cpni customer reset-pin {} --via email|mail).",
            l.customer.account
        );
    }
    let what_failed = match expiry {
        Expiry::Code => {
            format!("That {noun} has expired; it did not count as a wrong answer. Send a new one.")
        }
        Expiry::TempPin(at) => format!(
            "That temporary PIN expired on {}; it did not count as a wrong answer, and the \
             caller is NOT verified. Issue a new one with Lost PIN (cpni customer reset-pin {} \
             --via mail|email).",
            at.map_or("an unknown date".into(), clock::human),
            l.customer.account
        ),
        Expiry::No => format!("Wrong {noun}."),
    };
    let what = format!("{what_failed}{what}");
    if let Some(until) = locked {
        return format!(
            "{what} PIN and codes are now locked until {}. Still open: {OPEN_ROUTES}.",
            clock::human(until)
        );
    }
    match attempts_left(l, now) {
        0 => format!("{what} No secret attempts left on this call. Still open: {OPEN_ROUTES}."),
        n => format!("{what} {n} attempt(s) left."),
    }
}

pub(super) fn read_secret(
    env: &Env<'_>,
    from_stdin: bool,
    what: &str,
    prompt_text: &str,
    flag: &str,
) -> Result<String> {
    if from_stdin {
        return prompt::secret_from_stdin(what);
    }
    if !prompt::interactive(env.ctx.no_input) {
        return Err(
            Error::usage("no-terminal", format!("no terminal to ask for the {what}"))
                .hint(format!("pipe it in with {flag}")),
        );
    }
    Terminal.secret(prompt_text)
}

impl SecretKind {
    /// (what, prompt, flag) for reading this secret.
    pub(super) fn reading(self) -> (&'static str, &'static str, &'static str) {
        match self {
            SecretKind::Pin => ("PIN", "Ask the caller for the account PIN", "--pin-stdin"),
            SecretKind::Code => ("code", "Ask the caller to read the code", "--code-stdin"),
            SecretKind::Backup => (
                "backup secret",
                "Ask the caller for their backup passphrase",
                "--secret-stdin",
            ),
            SecretKind::Contract => (
                "contract passphrase",
                "Ask the caller for the contract passphrase",
                "--secret-stdin",
            ),
        }
    }
}

/// One secret step from the command line: refuse argv, load, gate, read, check, print.
fn secret_step(
    env: &Env<'_>,
    db: &mut Db,
    kind: SecretKind,
    session: &str,
    from_stdin: bool,
    on_argv: bool,
) -> Result<u8> {
    let (what, prompt_text, flag) = kind.reading();
    refuse_argv_secret(on_argv, flag)?;
    let now = clock::now();
    let l = load_open(env, db, session, now)?;
    secret_gate(env, db, &l, kind.event("refused"), now)?;
    let value = read_secret(env, from_stdin, what, prompt_text, flag)?;
    // Input that cannot be the secret (letters, a wrong length; spaces and dashes in a code are
    // dropped) is exit 2 and never counts as a wrong answer, as in the wizard.
    let shape = match kind {
        SecretKind::Pin => Shape::Pin,
        SecretKind::Code => Shape::Code,
        SecretKind::Backup | SecretKind::Contract => Shape::Passphrase,
    };
    let value = shape
        .check(&value)
        .map_err(|why| Error::usage(flag.trim_start_matches('-'), why))?;
    let (ok, msg, l) = check_secret(env, db, l, kind, &value, clock::now())?;
    let code = print_step(env, &l, now, ok, &msg);
    // Exit 0 only when the caller is verified: a correct temporary PIN exits 1.
    let verified = policy::is_verified(l.session.basis.as_deref().and_then(Basis::parse));
    Ok(if code == 0 && !verified { 1 } else { code })
}

pub fn pin_cmd(env: &Env<'_>, db: &mut Db, a: SecretArgs) -> Result<u8> {
    secret_step(
        env,
        db,
        SecretKind::Pin,
        &a.session,
        a.pin_stdin,
        a.pin.is_some(),
    )
}

pub fn code_cmd(env: &Env<'_>, db: &mut Db, a: CodeArgs) -> Result<u8> {
    secret_step(
        env,
        db,
        SecretKind::Code,
        &a.session,
        a.code_stdin,
        a.code.is_some(),
    )
}

pub fn backup_cmd(env: &Env<'_>, db: &mut Db, a: BackupArgs) -> Result<u8> {
    secret_step(
        env,
        db,
        SecretKind::Backup,
        &a.session,
        a.secret_stdin,
        a.secret.is_some(),
    )
}

/// The session was read open in this step's transaction, so its update must reach it (exit 6
/// `row-not-changed` otherwise: nothing is recorded).
fn one_row(changed: bool, session: &str) -> Result<()> {
    if changed {
        return Ok(());
    }
    Err(crate::store::sql::not_one_row(
        0,
        &format!("session {session}"),
    ))
}

/// `noun` with its first letter upper-case, to start a sentence ("Code correct", "PIN correct").
fn capitalised(noun: &str) -> String {
    let mut c = noun.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
