//! Opening, showing and ending sessions.

use serde_json::json;
use time::OffsetDateTime;

use super::gate::{Env, Loaded, load_any, load_open};
use super::state::{state_json, state_text};
use crate::audit::{self, Actor, Event};
use crate::clock;
use crate::commands::customer::show::load;
use crate::error::Result;
use crate::store::sessions::Session;
use crate::store::{self, Db};

const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn new_session_id() -> String {
    let mut rng = rand::rng();
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
    let customer = load(db.conn(), account)?;
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
    db.write(|tx| {
        store::sessions::insert(tx, &session)?;
        audit::append(tx, actor, now, event).map(|_| ())
    })?;
    Ok(Loaded { session, customer })
}

/// Ends a session with a reason (`ended` or `abandoned`).
pub fn end(
    db: &mut Db,
    l: &mut Loaded,
    actor: &Actor,
    reason: &'static str,
    now: OffsetDateTime,
) -> Result<()> {
    l.session.ended_at = Some(clock::format(now));
    l.session.end_reason = Some(reason.to_string());
    let event = Event::new(if reason == "abandoned" {
        "session.abandoned"
    } else {
        "session.end"
    })
    .account(&l.customer.account)
    .session(&l.session.id)
    .with("verified", l.session.basis.is_some())
    .with("basis", l.session.basis.clone());
    let s = l.session.clone();
    db.write(|tx| {
        store::sessions::update(tx, &s)?;
        audit::append(tx, actor, now, event).map(|_| ())
    })
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
            "Session open on {}, not verified.",
            l.customer.account
        ));
    }
    Ok(0)
}

pub fn show_cmd(env: &Env<'_>, db: &mut Db, id: &str) -> Result<u8> {
    let now = clock::now();
    let l = load_any(db, id)?;
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
