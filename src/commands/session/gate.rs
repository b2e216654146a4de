//! Loading a session safely and the checks every step shares: the session is open, not idle
//! and the acting agent's own (a supervisor may take it over, `cpni session takeover`);
//! secret-based steps are refused while the account is locked or the session has used its
//! secret attempts. The same checks ([`domain::escalation::check_step`]) are made again inside
//! the write transaction of each step ([`recheck`]), so a step racing another one or
//! `session end` decides on what is committed. Every refusal is recorded before it is reported.

use time::{Duration, OffsetDateTime};

use crate::audit::Event;
use crate::clock;
use crate::commands::context::{Acting, Ctx};
use crate::commands::customer::show::lock_of;
use crate::domain::escalation::{self, SecretFacts, StepFacts, StepRefusal};
use crate::domain::lockout;
use crate::domain::policy::{self, Basis};
use crate::error::{Error, Result};
use crate::store::customers::Customer;
use crate::store::sessions::Session;
use crate::store::{self, Db};

/// What a step runs with.
pub struct Env<'a> {
    pub ctx: &'a Ctx,
    pub acting: &'a Acting,
}

/// An open session and its customer, as read at the start of a step.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub session: Session,
    pub customer: Customer,
}

/// Session ids look like `S-7K2M9QX4TB`; anything else is refused before a lookup.
fn parse_session_id(id: &str) -> Result<String> {
    let up = id.trim().to_ascii_uppercase();
    let ok = up.len() == 12
        && up.starts_with("S-")
        && up[2..].chars().all(|c| c.is_ascii_alphanumeric());
    if ok {
        Ok(up)
    } else {
        Err(Error::usage(
            "session",
            format!(
                "{} is not a session id (like S-7K2M9QX4TB)",
                crate::ui::term::excerpt(id)
            ),
        )
        .hint("use the id printed by `cpni session start`"))
    }
}

/// Loads a session that is still open; an idle one is ended (and recorded) and refused.
pub fn load_open(env: &Env<'_>, db: &mut Db, id: &str, now: OffsetDateTime) -> Result<Loaded> {
    let loaded = load_any(db, id)?;
    let s = &loaded.session;
    if let Some(ended) = &s.ended_at {
        // Refused, and recorded like every refusal (a step on an ended call is worth knowing).
        let err = Error::refused(
            "session-ended",
            format!(
                "session {} ended at {} ({})",
                s.id,
                ended,
                s.end_reason.as_deref().unwrap_or("ended")
            ),
        )
        .hint(format!(
            "start a new session: cpni session start {}",
            s.account
        ));
        return Err(refuse(env, db, &loaded, "session.refused", err, now));
    }
    if s.owner() != acting_agent(env) {
        let err = refusal(StepRefusal::NotOwner, &loaded);
        return Err(refuse(env, db, &loaded, "session.refused", err, now));
    }
    let last = clock::parse(&s.last_active_at).unwrap_or(now);
    if now - last > Duration::minutes(env.ctx.cfg.idle_minutes) {
        let event = Event::new("session.idle")
            .account(&s.account)
            .session(&s.id)
            .with("idle_minutes", env.ctx.cfg.idle_minutes);
        db.step(|tx| {
            if tx.end_session(&s.id, &clock::format(now), "idle")? {
                tx.append(&env.acting.actor, now, event)?;
            }
            Ok(())
        })?;
        return Err(Error::refused(
            "session-idle",
            format!(
                "session {} was idle for more than {} minutes and has ended",
                s.id, env.ctx.cfg.idle_minutes
            ),
        )
        .hint(format!(
            "start a new session: cpni session start {}",
            s.account
        )));
    }
    Ok(loaded)
}

/// Loads a session whatever its state (for `show`).
pub fn load_any(db: &Db, id: &str) -> Result<Loaded> {
    let id = parse_session_id(id)?;
    let session = db.read().session(&id)?.ok_or_else(|| {
        Error::not_found("no-session", format!("no session {id}"))
            .hint("check the id, or start one with `cpni session start ACCOUNT`")
    })?;
    let customer = db.read().customer(&session.account)?.ok_or_else(|| {
        Error::not_found(
            "no-account",
            format!("session {id} names a missing account"),
        )
    })?;
    Ok(Loaded { session, customer })
}

/// Records a refusal as an audit record, then returns the error to report.
pub fn refuse(
    env: &Env<'_>,
    db: &mut Db,
    l: &Loaded,
    event: &'static str,
    err: Error,
    now: OffsetDateTime,
) -> Error {
    let ev = Event::new(event)
        .account(&l.customer.account)
        .session(&l.session.id)
        .with("reason", err.code)
        .with("message", err.message.clone());
    match db.step(|tx| tx.append(&env.acting.actor, now, ev).map(|_| ())) {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// The routes that stay open while secrets are locked or used up.
pub const OPEN_ROUTES: &str = "call back the telephone number of record (cpni session callback), \
    or send the information to an address of record (cpni session send)";

/// Refuses secret-based steps while the account is locked or the session's attempts are spent.
pub fn secret_gate(
    env: &Env<'_>,
    db: &mut Db,
    l: &Loaded,
    event: &'static str,
    now: OffsetDateTime,
) -> Result<()> {
    if let Some(until) = lock_of(&l.customer, now) {
        let err = Error::refused(
            "locked",
            format!(
                "PIN and codes are locked for account {} until {} after repeated wrong answers",
                l.customer.account,
                clock::human(until)
            ),
        )
        .hint(format!(
            "still open: {OPEN_ROUTES}; a supervisor may unlock early (cpni customer unlock)"
        ));
        return Err(refuse(env, db, l, event, err, now));
    }
    if lockout::session_attempts_left(l.session.secret_failures as u32) == 0 {
        let err = Error::refused(
            "attempts-used",
            format!(
                "this session has used its {} secret attempts",
                lockout::SESSION_SECRET_ATTEMPTS
            ),
        )
        .hint(format!("do not keep guessing; still open: {OPEN_ROUTES}"));
        return Err(refuse(env, db, l, event, err, now));
    }
    Ok(())
}

/// The agent a step is run for: the agent a service acts on behalf of, or the acting login.
pub fn acting_agent<'a>(env: &'a Env<'_>) -> &'a str {
    env.acting
        .actor
        .on_behalf_of
        .as_deref()
        .unwrap_or(&env.acting.actor.login)
}

/// The error reported for a refused step.
pub fn refusal(r: StepRefusal, l: &Loaded) -> Error {
    let s = &l.session;
    let start_new = format!("start a new session: cpni session start {}", s.account);
    match r {
        StepRefusal::Ended => Error::refused(
            r.code(),
            format!(
                "session {} ended ({})",
                s.id,
                s.end_reason.as_deref().unwrap_or("ended")
            ),
        )
        .hint(start_new),
        StepRefusal::NotOwner => Error::refused(
            r.code(),
            format!("session {} belongs to the agent {}", s.id, s.owner()),
        )
        .hint(format!(
            "only its agent may run its steps; a supervisor may take it over: \
             cpni session takeover {} --reason TEXT; this attempt was recorded",
            s.id
        )),
        StepRefusal::Locked => Error::refused(
            r.code(),
            format!(
                "PIN and codes are locked for account {} after repeated wrong answers",
                l.customer.account
            ),
        )
        .hint(format!("still open: {OPEN_ROUTES}")),
        StepRefusal::AttemptsUsed => Error::refused(
            r.code(),
            format!(
                "this session has used its {} secret attempts",
                lockout::SESSION_SECRET_ATTEMPTS
            ),
        )
        .hint(format!("do not keep guessing; still open: {OPEN_ROUTES}")),
        StepRefusal::AlreadyVerified => Error::refused(
            r.code(),
            format!(
                "session {} is already verified for call detail; no further secret is checked on it",
                s.id
            ),
        )
        .hint("go on with the call: cpni session disclose|send"),
    }
}

/// Inside a step's write transaction: re-reads the session and its customer and applies the
/// step gate (open, owned by the acting agent, and for a secret step unlocked with attempts
/// left). A refusal is appended as `event` in the same transaction and returned as the inner
/// error, so the caller commits the record and reports the refusal: `db.step(..)??`.
pub fn recheck(
    tx: &store::Write<'_>,
    env: &Env<'_>,
    id: &str,
    secret: bool,
    event: &'static str,
    now: OffsetDateTime,
) -> Result<std::result::Result<Loaded, Error>> {
    let session = tx
        .session(id)?
        .ok_or_else(|| Error::not_found("no-session", format!("no session {id}")))?;
    let customer = tx.customer(&session.account)?.ok_or_else(|| {
        Error::not_found(
            "no-account",
            format!("session {id} names a missing account"),
        )
    })?;
    // Row seals: never decide on a session or customer edited outside cpni.
    tx.require_sealed("session", "id", &session.id)?;
    tx.require_sealed("customer", "account", &customer.account)?;
    let l = Loaded { session, customer };
    let facts = StepFacts {
        ended: l.session.ended_at.is_some(),
        owner: l.session.owner(),
        acting: acting_agent(env),
        secret: secret.then(|| SecretFacts {
            locked: lock_of(&l.customer, now).is_some(),
            session_failures: l.session.secret_failures as u32,
            fully_verified: policy::discussable(l.session.basis.as_deref().and_then(Basis::parse))
                .contains(&policy::Scope::CallDetail),
        }),
    };
    match escalation::check_step(facts) {
        Ok(()) => Ok(Ok(l)),
        Err(r) => {
            let err = refusal(r, &l);
            let ev = Event::new(event)
                .account(&l.customer.account)
                .session(&l.session.id)
                .with("reason", err.code)
                .with("message", err.message.clone())
                .with("rechecked", true);
            tx.append(&env.acting.actor, now, ev)?;
            Ok(Err(err))
        }
    }
}
