//! Opening, showing and ending sessions.

use serde_json::json;
use time::OffsetDateTime;

use super::gate::{Env, Loaded, load_any, load_open};
use super::state::{state_json, state_text};
use crate::audit::{Actor, Event};
use crate::clock;
use crate::commands::context::Role;
use crate::commands::customer::show::load;
use crate::domain::lockout;
use crate::domain::policy::{self, Basis};
use crate::error::{Error, Result};
use crate::store::Db;
use crate::store::sessions::Session;

const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn new_session_id() -> String {
    let mut rng = crate::secrets::os_rng();
    let id: String = (0..10)
        .map(|_| {
            let i = rand::RngExt::random_range(&mut rng, 0..ALPHABET.len());
            ALPHABET[i] as char
        })
        .collect();
    format!("S-{id}")
}

/// Opens a session on `account`; returns it unverified.
pub fn start(
    env: &Env<'_>,
    db: &mut Db,
    account: &str,
    channel: &str,
    now: OffsetDateTime,
) -> Result<Loaded> {
    let customer = load(&db.read(), account)?;
    let actor = &env.acting.actor;
    let session = Session {
        id: new_session_id(),
        account: customer.account.clone(),
        agent: actor.login.clone(),
        on_behalf_of: actor.on_behalf_of.clone(),
        channel: channel.to_string(),
        started_at: clock::format(now),
        last_active_at: clock::format(now),
        ..Session::default()
    };
    let event = Event::new("session.start")
        .account(&customer.account)
        .session(&session.id)
        .with("channel", channel);
    db.step(|tx| {
        // Row seals: no call starts on a customer edited outside cpni.
        tx.require_sealed("customer", "account", &customer.account)?;
        tx.insert_session(&session)?;
        tx.append(actor, now, event).map(|_| ())
    })?;
    Ok(Loaded { session, customer })
}

/// Ends a session with a reason (`ended` or `abandoned`). Inside the write the session is
/// re-read: one that already ended stays as it ended (the step is refused), and `verified`
/// reports whether the basis verifies the caller (a temporary PIN does not).
pub fn end(
    db: &mut Db,
    l: &mut Loaded,
    actor: &Actor,
    reason: &'static str,
    now: OffsetDateTime,
) -> Result<()> {
    let at = clock::format(now);
    let id = l.session.id.clone();
    let name = if reason == "abandoned" {
        "session.abandoned"
    } else {
        "session.end"
    };
    let ended = db.step(|tx| {
        let fresh = tx.session(&id)?.unwrap_or_else(|| l.session.clone());
        if fresh.ended_at.is_some() || !tx.end_session(&id, &at, reason)? {
            let ev = Event::new("session.refused")
                .account(&l.customer.account)
                .session(&id)
                .with("reason", "session-ended")
                .with("step", name);
            tx.append(actor, now, ev)?;
            return Ok(None);
        }
        let basis = fresh.basis.as_deref().and_then(Basis::parse);
        let event = Event::new(name)
            .account(&l.customer.account)
            .session(&id)
            .with("verified", policy::is_verified(basis))
            .with("basis", fresh.basis.clone());
        tx.append(actor, now, event)?;
        tx.session(&id)
    })?;
    match ended {
        Some(s) => {
            l.session = s;
            Ok(())
        }
        None => Err(
            Error::refused("session-ended", format!("session {id} had already ended")).hint(
                format!(
                    "start a new session: cpni session start {}",
                    l.customer.account
                ),
            ),
        ),
    }
}

/// A supervisor takes over another agent's open session; the reason is recorded.
pub fn takeover(env: &Env<'_>, db: &mut Db, id: &str, reason: &str) -> Result<Loaded> {
    let now = clock::now();
    let reason = crate::domain::contact::parse_text("reason", reason, 500, false)?;
    let l = load_any(db, id)?;
    let me = super::gate::acting_agent(env).to_string();
    if !matches!(env.acting.role, Role::Supervisor | Role::Admin) {
        let err = Error::refused(
            "role",
            "`cpni session takeover` needs the role supervisor or admin",
        )
        .hint("ask a supervisor to take the session over; this attempt was recorded");
        return Err(super::gate::refuse(
            env,
            db,
            &l,
            "session.takeover.refused",
            err,
            now,
        ));
    }
    let at = clock::format(now);
    let from = l.session.owner().to_string();
    let taken = db.step(|tx| {
        if !tx.set_session_owner(&l.session.id, &me, &at)? {
            let ev = Event::new("session.takeover.refused")
                .account(&l.customer.account)
                .session(&l.session.id)
                .with("reason", "session-ended");
            tx.append(&env.acting.actor, now, ev)?;
            return Ok(false);
        }
        let ev = Event::new("session.takeover")
            .account(&l.customer.account)
            .session(&l.session.id)
            .with("from", from.clone())
            .with("to", me.clone())
            .with("reason", reason.clone());
        tx.append(&env.acting.actor, now, ev)?;
        Ok(true)
    })?;
    if !taken {
        return Err(Error::refused(
            "session-ended",
            format!(
                "session {} has ended; there is nothing to take over",
                l.session.id
            ),
        ));
    }
    super::gate::load_any(db, id)
}

pub fn takeover_cmd(env: &Env<'_>, db: &mut Db, id: &str, reason: &str) -> Result<u8> {
    let l = takeover(env, db, id, reason)?;
    let now = clock::now();
    let mut doc = state_json(&l, now);
    doc["owner"] = json!(l.session.owner());
    env.ctx.out.print(
        &doc,
        &format!(
            "Session {} is now yours ({}); the takeover and its reason were recorded.",
            l.session.id,
            l.session.owner()
        ),
    );
    Ok(0)
}

/// Records an interrupted call as abandoned, unless it already ended.
pub fn abandon(db: &mut Db, l: &mut Loaded, actor: &Actor, now: OffsetDateTime) -> Result<()> {
    if l.session.ended_at.is_some() {
        return Ok(());
    }
    end(db, l, actor, "abandoned", now)
}

pub fn start_cmd(env: &Env<'_>, db: &mut Db, account: &str, channel: &str) -> Result<u8> {
    let now = clock::now();
    let l = start(env, db, account, channel, now)?;
    let mut doc = state_json(&l, now);
    doc["name"] = json!(l.customer.name);
    if env.ctx.out.json {
        env.ctx.out.print(&doc, "");
    } else {
        // The id alone on stdout, so `S=$(cpni session start A)` works; advice on stderr.
        env.ctx.out.raw(&format!("{}\n", l.session.id));
        env.ctx.out.note(&format!(
            "Session open on {}, not verified.{}",
            l.customer.account,
            secret_warning(&l, now)
        ));
    }
    Ok(0)
}

/// What the agent should know before asking for a PIN or code: the account is locked, or
/// earlier wrong secrets in a row (other calls, other agents) leave fewer than a call's
/// attempts before the lock (empty otherwise).
fn secret_warning(l: &Loaded, now: OffsetDateTime) -> String {
    if let Some(until) = crate::commands::customer::show::lock_of(&l.customer, now) {
        return format!(
            " PIN and codes are LOCKED until {} after wrong secrets in a row; still open: {}.",
            clock::human(until),
            super::gate::OPEN_ROUTES
        );
    }
    let left = super::state::attempts_left(l, now);
    if left >= lockout::SESSION_SECRET_ATTEMPTS {
        return String::new();
    }
    format!(
        " Only {left} secret attempt(s) before the account locks: it has had {} wrong secret(s) \
         in a row.",
        l.customer.failures
    )
}

pub fn show_cmd(env: &Env<'_>, db: &mut Db, id: &str) -> Result<u8> {
    let now = clock::now();
    let l = load_any(db, id)?;
    // Never present an edited session (or customer) as verified: refuse, as its steps do.
    db.read().require_sealed("session", "id", &l.session.id)?;
    db.read()
        .require_sealed("customer", "account", &l.customer.account)?;
    env.ctx
        .out
        .print(&state_json(&l, now), &state_text(&l, now));
    Ok(0)
}

pub fn end_cmd(env: &Env<'_>, db: &mut Db, id: &str) -> Result<u8> {
    let now = clock::now();
    let mut l = load_open(env, db, id, now)?;
    end(db, &mut l, &env.acting.actor, "ended", now)?;
    env.ctx.out.print(
        &state_json(&l, now),
        &format!("Session {} ended.", l.session.id),
    );
    Ok(0)
}
