//! `cpni consent notice`: the opt-out notice of 64.2008, sent through the outbox (it counts
//! from the day it is delivered) or recorded as sent by another system on a given day.

use serde_json::json;
use time::{Date, OffsetDateTime};

use super::{NoticeArgs, status_json, status_of};
use crate::audit::Event;
use crate::clock;
use crate::commands::context::{Ctx, OUTBOX};
use crate::commands::customer::show::load;
use crate::commands::notify::deliver_now;
use crate::commands::session::postal_of;
use crate::domain::consent::{self, Via};
use crate::error::{Error, Result};
use crate::mail::sealed::BodyKey;
use crate::mail::{compose, deliver};
use crate::store;
use crate::store::consent::Row;
use crate::store::outbox::Item;

pub fn run(ctx: &Ctx, a: NoticeArgs) -> Result<u8> {
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "consent notice", OUTBOX)?;
    let c = load(&db.read(), &a.account)?;
    let via = Via::parse(&a.via).ok_or_else(|| Error::usage("via", "--via email or mail"))?;
    let now = clock::now();
    let sent_on = a
        .sent_on
        .as_deref()
        .map(|s| parse_sent_on(s, now))
        .transpose()?;
    let mut row = Row {
        account: c.account.clone(),
        kind: "notice".into(),
        via: Some(via.as_str().into()),
        sent_on: sent_on.map(|d| d.to_string()),
        agent: acting.actor.login.clone(),
        recorded_at: clock::format(now),
        ..Row::default()
    };
    let item = match sent_on {
        None => Some(BodyKey::load(&ctx.cfg)?.seal(&notice_item(ctx, &c, via, now))?),
        Some(_) => None,
    };
    let outbox_id = db.step(|tx| {
        let id = item
            .as_ref()
            .map(|i| tx.insert_outbox_item(i))
            .transpose()?;
        row.outbox_id = id;
        tx.insert_consent(&row)?;
        let ev = Event::new("consent.notice")
            .account(&c.account)
            .with("via", via.as_str())
            .with("outbox_id", id)
            .with("sent_on", row.sent_on.clone())
            .with("external", id.is_none());
        tx.append(&acting.actor, now, ev)?;
        Ok(id)
    })?;
    if let Some(id) = outbox_id {
        deliver_now(ctx, &mut db, &acting.actor, id, "")?;
    }
    let (status, _) = status_of(&db.read(), &c.account, now.date())?;
    let mut doc = status_json(&status);
    doc["account"] = json!(c.account);
    doc["outbox_id"] = json!(outbox_id);
    let how = match (outbox_id, sent_on) {
        (Some(id), _) => format!("Opt-out notice sent by {} (outbox #{id}).", via.as_str()),
        (None, Some(d)) => format!(
            "Recorded an opt-out notice sent by {} on {d}.",
            via.as_str()
        ),
        (None, None) => String::new(),
    };
    ctx.out.print(
        &doc,
        &format!("{how}\n{}  CPNI approval: {}", c.account, status.label()),
    );
    Ok(0)
}

fn parse_sent_on(s: &str, now: OffsetDateTime) -> Result<Date> {
    let d = clock::parse_date(s).ok_or_else(|| {
        Error::usage(
            "sent-on",
            format!(
                "--sent-on {} is not a date like 2026-01-01",
                crate::ui::term::excerpt(s)
            ),
        )
    })?;
    if d > now.date() {
        return Err(
            Error::usage("sent-on", format!("--sent-on {d} is in the future"))
                .hint("record a notice once it has been sent"),
        );
    }
    Ok(d)
}

fn notice_item(ctx: &Ctx, c: &store::customers::Customer, via: Via, now: OffsetDateTime) -> Item {
    let wait = match via {
        Via::Email => consent::WAIT_DAYS,
        Via::Mail => consent::WAIT_DAYS + consent::MAIL_EXTRA_DAYS,
    };
    let composed = compose::opt_out_notice(wait);
    let (channel, recipient, body) = match via {
        Via::Email => ("email", c.email.clone(), composed.body),
        Via::Mail => {
            let label = postal_of(c).label();
            (
                "letter",
                format!("{}\n{label}", c.name),
                compose::letter(&c.name, &label, &composed.body),
            )
        }
    };
    Item {
        created_at: clock::format(now),
        account: c.account.clone(),
        kind: "consent-notice".into(),
        channel: channel.into(),
        recipient,
        subject: composed.subject,
        body: Some(body),
        message_id: deliver::new_message_id(&ctx.cfg.mail),
        ..Item::default()
    }
}
