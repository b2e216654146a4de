//! `cpni customer reset-pin ACCOUNT --via email|mail`: the lost-PIN route of 64.2010(e).
//!
//! A random, policy-compliant temporary PIN goes only to an address of record (on record 30+
//! days); nothing of it is said on the phone. It is stored beside the working PIN, which stays
//! valid until the temporary PIN is used to set a new one: on a later call the temporary PIN
//! verifies only for choosing a new PIN at once (basis `temporary-pin`, not verified), and that
//! change sends the usual notices. Every other contact of record that can receive one gets a
//! notice that a reset was requested, and the output says which were queued. A reset is
//! refused while one is outstanding or the account is locked, unless a supervisor overrides
//! with `--override-reason` (`domain::escalation::check_reset`); the checks are made again
//! inside the write. A temporary PIN is outstanding only until it expires, `[codes]
//! mail_code_days` after it was set (`domain::temp_pin`): then a new reset is allowed and
//! replaces it.

use clap::Args;
use serde_json::json;

use super::add::check_pin;
use super::history;
use super::show::{load, lock_of, temp_pin_of};
use std::path::PathBuf;

use crate::audit::{Actor, Event};
use crate::commands::context::{CALL_HANDLERS, Ctx, Role};
use crate::commands::notify::deliver_now;
use crate::commands::session::{Env, postal_of};
use crate::domain::escalation::{self, ResetFacts};
use crate::domain::policy;
use crate::error::{Error, Result};
use crate::mail::sealed::BodyKey;
use crate::mail::{compose, deliver, notices};
use crate::store::Db;
use crate::store::customers::Customer;
use crate::store::outbox::Item;
use crate::{clock, secrets};

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
    /// Supervisor: reset although the account is locked or a reset is outstanding (recorded)
    #[arg(long, value_name = "TEXT")]
    pub override_reason: Option<String>,
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
    let c = load(&db.read(), &a.account)?;
    let over = match &a.override_reason {
        Some(r) if matches!(acting.role, Role::Supervisor | Role::Admin) => Some(
            crate::domain::contact::parse_text("override_reason", r, 500, false)?,
        ),
        Some(_) => {
            let msg = "--override-reason needs the supervisor role".to_string();
            record_refusal(
                &mut db,
                &acting.actor,
                &c,
                &a.via,
                a.session.as_deref(),
                "role",
                &msg,
            )?;
            return Err(
                Error::refused("role", msg).hint("ask a supervisor; this attempt was recorded")
            );
        }
        None => None,
    };
    let sent = reset(
        ctx,
        &mut db,
        &acting.actor,
        &c,
        &a.via,
        a.session.as_deref(),
        over.as_deref(),
    )?;
    let place = sent
        .path
        .map(|p| format!(" ({})", p.display()))
        .unwrap_or_default();
    let text = format!(
        "A temporary PIN was sent to the {} address of record{place}. Tell the caller to call back \
         with it by {}, when it expires; they will choose a new PIN at once. Say nothing of the PIN \
         on this call. {}",
        if a.via == "email" { "email" } else { "postal" },
        clock::human(sent.expires_at),
        notices_sentence(&sent.notices)
    );
    ctx.out.print(
        &json!({"account": c.account, "reset": true, "via": a.via, "outbox_id": sent.id,
                "expires_at": clock::format(sent.expires_at), "notices": sent.notices}),
        &text,
    );
    Ok(0)
}

/// The wizard's lost-PIN route. Returns the channels of the notices queued for the other
/// contacts of record (`email`, `letter`, `sms`; none when no other contact can get one).
pub fn reset_pin_on_call(
    env: &Env<'_>,
    db: &mut Db,
    account: &str,
    via: &str,
    session: &str,
) -> Result<Vec<String>> {
    let c = load(&db.read(), account)?;
    reset(env.ctx, db, &env.acting.actor, &c, via, Some(session), None).map(|r| r.notices)
}

/// What a reset queued: the temporary PIN's message, where it was delivered (if at once), and
/// the channels of the notices to the other contacts of record.
struct Sent {
    id: i64,
    /// When the temporary PIN stops being valid (`[codes] mail_code_days` from now).
    expires_at: time::OffsetDateTime,
    path: Option<PathBuf>,
    notices: Vec<String>,
}

/// The sentence saying which notices a reset queued, from their channels.
pub fn notices_sentence(channels: &[String]) -> String {
    if channels.is_empty() {
        return "No notice was queued: no other contact of record can receive one.".into();
    }
    let words: Vec<&str> = channels
        .iter()
        .map(|c| match c.as_str() {
            "email" => "an email",
            "letter" => "a letter",
            "sms" => "a text message",
            _ => "a message",
        })
        .collect();
    format!(
        "A notice of the reset was queued to the other contacts of record: {}.",
        words.join(", ")
    )
}

/// The `pin.reset.refused` record of a refused reset.
fn refusal_event(c: &Customer, via: &str, session: Option<&str>, code: &str, msg: &str) -> Event {
    Event::new("pin.reset.refused")
        .account(&c.account)
        .session(session.unwrap_or(""))
        .with("via", via)
        .with("code", code)
        .with("reason", msg)
}

fn record_refusal(
    db: &mut Db,
    actor: &Actor,
    c: &Customer,
    via: &str,
    session: Option<&str>,
    code: &str,
    msg: &str,
) -> Result<()> {
    let ev = refusal_event(c, via, session, code, msg);
    db.step(|tx| tx.append(actor, clock::now(), ev).map(|_| ()))
}

/// The lost-PIN gate on `c` as it is now (outside or inside the write); `days` is the
/// temporary PIN's period.
fn gate(
    c: &Customer,
    over: Option<&str>,
    days: i64,
    now: time::OffsetDateTime,
) -> std::result::Result<(), (&'static str, &'static str)> {
    escalation::check_reset(ResetFacts {
        outstanding: temp_pin_of(c, days, now).outstanding(),
        locked: lock_of(c, now).is_some(),
        supervisor_override: over.is_some(),
    })
}

fn reset(
    ctx: &Ctx,
    db: &mut Db,
    actor: &Actor,
    c: &Customer,
    via: &str,
    session: Option<&str>,
    over: Option<&str>,
) -> Result<Sent> {
    let now = clock::now();
    let days = ctx.cfg.mail_code_days;
    if let Err((code, msg)) = gate(c, over, days, now) {
        record_refusal(db, actor, c, via, session, code, msg)?;
        let until = match temp_pin_of(c, days, now).expires_at() {
            Some(t) if code == "reset-outstanding" => format!(" (it expires {})", clock::human(t)),
            _ => String::new(),
        };
        return Err(Error::refused(code, format!("{msg}{until}")).hint(
            "the customer's current PIN still works; a callback to the number of record stays open; a supervisor may override with --override-reason",
        ));
    }
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
        db.step(|tx| tx.append(actor, now, ev).map(|_| ()))?;
        return Err(Error::refused("address-too-new", msg)
            .hint("use the other address of record, or verify by callback and set a new PIN"));
    }
    let pin = temporary_pin(&ctx.cfg, c)?;
    let phc = secrets::hash_secret(&pin, ctx.cfg.hash_preset)?;
    let expires = crate::domain::temp_pin::expires_at(now, days);
    let composed = compose::temporary_pin(&pin, &clock::date(expires));
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
    let key = BodyKey::load(&ctx.cfg)?;
    let item = key.seal(&item)?;
    let at = clock::format(now);
    let sent_to = if email {
        c.email.clone()
    } else {
        label.clone()
    };
    let ids = db.step(|tx| {
        // Again under the writer lock: two resets at once give one temporary PIN.
        let fresh = tx.customer(&c.account)?.unwrap_or_else(|| c.clone());
        if let Err((code, msg)) = gate(&fresh, over, days, now) {
            let ev = refusal_event(c, via, session, code, msg).with("rechecked", true);
            tx.append(actor, now, ev)?;
            return Ok(Err(Error::refused(code, msg)));
        }
        tx.set_temp_pin(&c.account, &phc, &at)?;
        let id = tx.insert_outbox_item(&item)?;
        // Every other contact of record hears that a reset was requested.
        let others: Vec<_> = escalation::notice_contacts(&history::spans(tx, &fresh, now)?, now)
            .into_iter()
            .filter(|s| s.value != sent_to)
            .collect();
        let notices = notices::notices_to(
            &ctx.cfg,
            &fresh,
            &others,
            notices::About::Reset,
            session,
            now,
        );
        let mut notice_ids = Vec::new();
        for n in &notices {
            notice_ids.push((tx.insert_outbox_item(&key.seal(n)?)?, n.channel.clone()));
        }
        let mut ev = Event::new("pin.reset")
            .account(&c.account)
            .session(session.unwrap_or(""))
            .with("via", via)
            .with("outbox_id", id)
            .with(
                "notices",
                notice_ids.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
            );
        if let Some(r) = over {
            ev = ev.with("override_reason", r);
        }
        tx.append(actor, now, ev)?;
        Ok(Ok((id, notice_ids)))
    })??;
    let (id, notice_ids) = ids;
    let path = deliver_now(ctx, db, actor, id, "")?;
    let mut channels = Vec::new();
    for (n, channel) in notice_ids {
        // A notice that cannot go now stays queued for `cpni notify send`.
        if let Err(e) = deliver_now(ctx, db, actor, n, "")
            && e.kind != crate::error::Kind::Delivery
        {
            return Err(e);
        }
        channels.push(channel);
    }
    Ok(Sent {
        id,
        expires_at: expires,
        path,
        notices: channels,
    })
}
