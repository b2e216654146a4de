//! Issuing one-time codes: by email to the email address of record, or by letter to the postal
//! address of record. Both must have been on record for 30 days. The code is stored only as a
//! keyed digest; the message carrying it drops its body once delivered. Issuance is limited per
//! session and per account per hour (`[codes] per_session`, `per_account_hour`), checked inside
//! the write that issues the code. A letter's code verifies a later call only
//! ([`letter_on_this_call`], checked inside the write that records the attempt).

use serde_json::json;
use time::{Duration, OffsetDateTime};

use super::gate::{Env, Loaded, OPEN_ROUTES, load_open, recheck, refuse, secret_gate};
use super::state::state_json;
use crate::audit::Event;
use crate::commands::notify::deliver_now;
use crate::domain::contact::{PostalAddress, mask_email};
use crate::domain::in_store::Route;
use crate::domain::{escalation, policy};
use crate::error::{Error, Result};
use crate::mail::sealed::BodyKey;
use crate::mail::{compose, deliver};
use crate::store::Db;
use crate::store::outbox::Item;
use crate::{clock, secrets};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeChannel {
    Email,
    Mail,
}

impl CodeChannel {
    fn name(self) -> &'static str {
        match self {
            CodeChannel::Email => "email",
            CodeChannel::Mail => "mail",
        }
    }
}

/// The customer's postal address as stored.
pub fn postal(l: &Loaded) -> PostalAddress {
    postal_of(&l.customer)
}

/// A customer's postal address as stored.
pub fn postal_of(c: &crate::store::customers::Customer) -> PostalAddress {
    c.postal()
}

/// Refuses (recorded) when the address has been on record less than 30 days.
pub fn require_of_record(
    env: &Env<'_>,
    db: &mut Db,
    l: &Loaded,
    channel: &str,
    since: &str,
    event: &'static str,
    now: OffsetDateTime,
) -> Result<()> {
    let since_t = clock::parse(since).unwrap_or(now);
    if policy::is_address_of_record(since_t, now) {
        return Ok(());
    }
    let from = policy::address_usable_from(since_t);
    let what = if channel == "email" {
        "email address"
    } else {
        "postal address"
    };
    let err = Error::refused(
        "address-too-new",
        format!(
            "the {what} has been on record only since {}; it becomes an address of record on {}",
            clock::date(since_t),
            clock::date(from)
        ),
    )
    .hint(if event == "send.refused" {
        "send to the other address of record if it is old enough, or verify by PIN or callback"
    } else {
        "use the PIN or a callback to the telephone number of record instead"
    });
    Err(refuse(env, db, l, event, err, now))
}

/// Inside the write that records a code attempt: the refusal when `code_id` is a code sent
/// by letter on this call ([`escalation::letter_code_on_issuing_call`]), from the code's own
/// row (the session that issued it, and when). The letter's code stays usable on a later call.
pub fn letter_on_this_call(
    tx: &crate::store::Read<'_>,
    l: &Loaded,
    code_id: i64,
) -> Result<Option<Error>> {
    let issued = tx.code_issue(code_id)?;
    let started = clock::parse(&l.session.started_at).unwrap_or_else(clock::now);
    let on_call = issued.is_some_and(|(session, at)| {
        escalation::letter_code_on_issuing_call(session == l.session.id, clock::parse(&at), started)
    });
    Ok(on_call.then(|| {
        Error::refused(
            "letter-code-same-call",
            "that code was sent by letter on this call: a letter's code verifies a later call, \
             never the call that asked for it; nothing was counted",
        )
        .hint(format!(
            "verify this call another way (the PIN, an email code, {OPEN_ROUTES}); the customer \
             reads the letter's code back on a later call, once it has arrived"
        ))
    }))
}

/// Issues a code and queues its message in one transaction, then delivers it.
/// Returns the message for the agent; a delivery failure is an exit-7 error after the commit.
pub fn issue_code(
    env: &Env<'_>,
    db: &mut Db,
    l: &Loaded,
    channel: CodeChannel,
    now: OffsetDateTime,
) -> Result<String> {
    let refused = if channel == CodeChannel::Email {
        "code.email.refused"
    } else {
        "code.mail.refused"
    };
    let route = if channel == CodeChannel::Email {
        Route::EmailCode
    } else {
        Route::MailCode
    };
    super::photo_id::channel_gate(env, db, l, route, refused, now)?;
    secret_gate(env, db, l, refused, now)?;
    let since = if channel == CodeChannel::Email {
        &l.customer.email_since
    } else {
        &l.customer.postal_since
    };
    require_of_record(env, db, l, channel.name(), since, refused, now)?;
    let (code, expires) = match channel {
        CodeChannel::Email => (secrets::random_digits(6), now + policy::EMAIL_CODE_TTL),
        CodeChannel::Mail => (
            secrets::random_digits(8),
            now + Duration::days(env.ctx.cfg.mail_code_days),
        ),
    };
    let key = secrets::read_key(&secrets::key_paths(&env.ctx.cfg.db_path).0)?;
    let item =
        BodyKey::load(&env.ctx.cfg)?.seal(&code_message(env, l, channel, &code, expires, now))?;
    let digest = secrets::code_digest(&key, &code);
    let limits = env.ctx.cfg.code_limits;
    let id = db.step(|tx| {
        if let Err(e) = recheck(tx, env, &l.session.id, true, refused, now)? {
            return Ok(Err(e));
        }
        let hour_ago = clock::format(now - Duration::hours(1));
        let (on_session, on_account) =
            tx.issued_code_counts(&l.customer.account, &l.session.id, &hour_ago)?;
        if let Err(msg) = escalation::check_code_limits(limits, on_session, on_account) {
            let ev = Event::new(refused)
                .account(&l.customer.account)
                .session(&l.session.id)
                .with("reason", "code-limit")
                .with("message", msg.clone());
            tx.append(&env.acting.actor, now, ev)?;
            return Ok(Err(Error::refused("code-limit", msg).hint(format!(
                "do not send more codes; still open: {}",
                super::gate::OPEN_ROUTES
            ))));
        }
        let code_id = tx.issue_code(
            &l.customer.account,
            &l.session.id,
            channel.name(),
            &digest,
            &clock::format(now),
            &clock::format(expires),
        )?;
        let outbox_id = tx.insert_outbox_item(&item)?;
        let ev = Event::new("code.issued")
            .account(&l.customer.account)
            .session(&l.session.id)
            .with("channel", channel.name())
            .with("code_id", code_id)
            .with("outbox_id", outbox_id)
            .with("expires_at", clock::format(expires));
        tx.append(&env.acting.actor, now, ev)?;
        Ok(Ok(outbox_id))
    })??;
    let path = deliver_now(
        env.ctx,
        db,
        &env.acting.actor,
        id,
        "Use the PIN or a callback instead.",
    )?;
    let place = path
        .map(|p| format!(" ({})", p.display()))
        .unwrap_or_default();
    Ok(match channel {
        CodeChannel::Email => format!(
            "Code sent to {}{place}. Ask the caller to read it back; it expires in 10 minutes.",
            mask_email(&l.customer.email)
        ),
        CodeChannel::Mail => format!(
            "Letter with a code queued for the postal address of record{place}. The customer reads it back on a later call (valid until {}).",
            clock::date(expires)
        ),
    })
}

fn code_message(
    env: &Env<'_>,
    l: &Loaded,
    channel: CodeChannel,
    code: &str,
    expires: OffsetDateTime,
    now: OffsetDateTime,
) -> Item {
    let mail = &env.ctx.cfg.mail;
    let (composed, recipient, kind, ch) = match channel {
        CodeChannel::Email => (
            compose::email_code(code, 10),
            l.customer.email.clone(),
            "email-code",
            "email",
        ),
        CodeChannel::Mail => {
            let label = postal(l).label();
            (
                compose::mail_code(&l.customer.name, &label, code, &clock::date(expires)),
                format!("{}\n{label}", l.customer.name),
                "mail-code",
                "letter",
            )
        }
    };
    Item {
        created_at: clock::format(now),
        account: l.customer.account.clone(),
        session: Some(l.session.id.clone()),
        kind: kind.into(),
        channel: ch.into(),
        recipient,
        subject: composed.subject,
        body: Some(composed.body),
        message_id: deliver::new_message_id(mail),
        ..Item::default()
    }
}

pub fn issue_cmd(env: &Env<'_>, db: &mut Db, id: &str, channel: CodeChannel) -> Result<u8> {
    let now = clock::now();
    let l = load_open(env, db, id, now)?;
    let msg = issue_code(env, db, &l, channel, now)?;
    let mut doc = state_json(&l, now);
    doc["result"] = json!("sent");
    doc["message"] = json!(msg);
    env.ctx.out.print(&doc, &msg);
    Ok(0)
}
