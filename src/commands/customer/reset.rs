//! `cpni customer reset-pin ACCOUNT --via email|mail`: the lost-PIN route of 64.2010(e).
//!
//! A random, policy-compliant temporary PIN goes only to an address of record (on record 30+
//! days); nothing of it is said on the phone. The PIN is marked must-change: on the next call it
//! verifies only for choosing a new PIN at once (basis `temporary-pin`), and that change sends
//! the usual notices.

use clap::Args;
use serde_json::json;

use super::add::check_pin;
use super::show::load;
use std::path::PathBuf;

use crate::audit::{self, Actor, Event};
use crate::commands::context::{CALL_HANDLERS, Ctx};
use crate::commands::notify::deliver_now;
use crate::commands::session::{Env, postal_of};
use crate::domain::policy;
use crate::error::{Error, Result};
use crate::mail::{compose, deliver};
use crate::store::Db;
use crate::store::customers::Customer;
use crate::store::outbox::Item;
use crate::{clock, secrets, store};

#[derive(Debug, Args)]
pub struct ResetPinArgs {
    /// Account id
    pub account: String,
    /// Where the temporary PIN goes: the email or the postal address of record
    #[arg(long, value_parser = ["email", "mail"])]
    pub via: String,
    /// The session of the call on which the customer asked (recorded)
    #[arg(long)]
    pub session: Option<String>,
}

/// A random PIN that passes the policy for this customer.
fn temporary_pin(cfg: &crate::config::Config, c: &Customer) -> Result<String> {
    let len = cfg.pin_min_len.max(8);
    for _ in 0..1000 {
        let pin = secrets::random_digits(len);
        if check_pin(cfg, c, &pin).is_ok() {
            return Ok(pin);
        }
    }
    Err(Error::internal(
        "could not draw a temporary PIN that passes the PIN policy",
    ))
}

pub fn run(ctx: &Ctx, a: ResetPinArgs) -> Result<u8> {
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "customer reset-pin", CALL_HANDLERS)?;
    let c = load(db.conn(), &a.account)?;
    let (id, path) = reset(
        ctx,
        &mut db,
        &acting.actor,
        &c,
        &a.via,
        a.session.as_deref(),
    )?;
    let place = path
        .map(|p| format!(" ({})", p.display()))
        .unwrap_or_default();
    let text = format!(
        "A temporary PIN was sent to the {} address of record{place}. Tell the caller to call back \
         with it; they will choose a new PIN at once. Say nothing of the PIN on this call.",
        if a.via == "email" { "email" } else { "postal" }
    );
    ctx.out.print(
        &json!({"account": c.account, "reset": true, "via": a.via, "outbox_id": id}),
        &text,
    );
    Ok(0)
}

/// The wizard's lost-PIN route.
pub fn reset_pin_on_call(
    env: &Env<'_>,
    db: &mut Db,
    account: &str,
    via: &str,
    session: &str,
) -> Result<()> {
    let c = load(db.conn(), account)?;
    reset(env.ctx, db, &env.acting.actor, &c, via, Some(session)).map(|_| ())
}

fn reset(
    ctx: &Ctx,
    db: &mut Db,
    actor: &Actor,
    c: &Customer,
    via: &str,
    session: Option<&str>,
) -> Result<(i64, Option<PathBuf>)> {
    let now = clock::now();
    let email = via == "email";
    let since = if email {
        &c.email_since
    } else {
        &c.postal_since
    };
    let since_t = clock::parse(since).unwrap_or(now);
    if !policy::is_address_of_record(since_t, now) {
        let msg = format!(
            "the {} has been on record only since {}; a temporary PIN may go only to an address of record (from {})",
            if email {
                "email address"
            } else {
                "postal address"
            },
            clock::date(since_t),
            clock::date(policy::address_usable_from(since_t))
        );
        let ev = Event::new("pin.reset.refused")
            .account(&c.account)
            .session(session.unwrap_or(""))
            .with("via", via)
            .with("reason", msg.clone());
        db.write(|tx| audit::append(tx, actor, now, ev).map(|_| ()))?;
        return Err(Error::refused("address-too-new", msg)
            .hint("use the other address of record, or verify by callback and set a new PIN"));
    }
    let pin = temporary_pin(&ctx.cfg, c)?;
    let phc = secrets::hash_secret(&pin, ctx.cfg.hash_preset)?;
    let composed = compose::temporary_pin(&pin);
    let label = postal_of(c).label();
    let (channel, recipient, body) = if email {
        ("email", c.email.clone(), composed.body)
    } else {
        (
            "letter",
            format!("{}\n{label}", c.name),
            compose::letter(&c.name, &label, &composed.body),
        )
    };
    let item = Item {
        created_at: clock::format(now),
        account: c.account.clone(),
        session: session.map(str::to_string),
        kind: "temporary-pin".into(),
        channel: channel.into(),
        recipient,
        subject: composed.subject,
        body: Some(body),
        message_id: deliver::new_message_id(&ctx.cfg.mail),
        ..Item::default()
    };
    let at = clock::format(now);
    let id = db.write(|tx| {
        store::customers::set_pin_hash(tx, &c.account, &phc, true, &at)?;
        let id = store::outbox::insert(tx, &item)?;
        let ev = Event::new("pin.reset")
            .account(&c.account)
            .session(session.unwrap_or(""))
            .with("via", via)
            .with("outbox_id", id);
        audit::append(tx, actor, now, ev)?;
        Ok(id)
    })?;
    let path = deliver_now(ctx, db, actor, id, "")?;
    Ok((id, path))
}
