//! The disclosure gate: recording a discussion on the call (refused unless the session's
//! basis allows the scope), and sending information to an address of record (allowed whether
//! or not the caller is verified, if the address has been on record 30 days). Both are
//! disclosures and are recorded as such.

use std::path::PathBuf;

use clap::Args;
use time::OffsetDateTime;

use super::codes::{postal, require_of_record};
use super::gate::{Env, Loaded, load_open};
use super::state::print_step;
use crate::audit::Event;
use crate::clock;
use crate::commands::notify::deliver_now;
use crate::domain::contact;
use crate::domain::policy::{self, Basis, Purpose, Scope};
use crate::error::{Error, Result};
use crate::mail::sealed::BodyKey;
use crate::mail::{compose, deliver};
use crate::store::Db;
use crate::store::outbox::Item;

/// Largest file `--attach` accepts.
const MAX_ATTACHMENT: u64 = 10 * 1024 * 1024;

#[derive(Debug, Args, Clone)]
pub struct DiscloseArgs {
    /// Session id
    pub session: String,
    /// account, call-detail or caller-supplied
    #[arg(long, value_parser = ["account", "call-detail", "caller-supplied"])]
    pub scope: String,
    /// customer-request, billing, service-support, fraud-protection, pic-freeze-inquiry,
    /// directory-services, legal-process, designated-third-party
    #[arg(long, value_parser = ["customer-request", "billing", "service-support", "fraud-protection", "pic-freeze-inquiry", "directory-services", "legal-process", "designated-third-party"])]
    pub purpose: String,
    /// Reference (required for legal-process and designated-third-party)
    #[arg(long)]
    pub reference: Option<String>,
    /// For caller-supplied: the calls the caller described unaided
    #[arg(long)]
    pub calls: Option<String>,
    /// A short note
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Args, Clone)]
pub struct SendArgs {
    /// Session id
    pub session: String,
    /// email or mail (postal letter)
    #[arg(long, value_parser = ["email", "mail"])]
    pub via: String,
    /// account or call-detail
    #[arg(long, value_parser = ["account", "call-detail"])]
    pub scope: String,
    /// Purpose (as for disclose)
    #[arg(long, value_parser = ["customer-request", "billing", "service-support", "fraud-protection", "pic-freeze-inquiry", "directory-services", "legal-process", "designated-third-party"])]
    pub purpose: String,
    /// Reference (required for legal-process and designated-third-party)
    #[arg(long)]
    pub reference: Option<String>,
    /// A file to send (the statement or call detail itself)
    #[arg(long, value_name = "FILE")]
    pub attach: Option<PathBuf>,
    /// A short note (also the message text when nothing is attached)
    #[arg(long)]
    pub note: Option<String>,
}

/// Validated fields shared by disclose and send.
struct Common {
    purpose: Purpose,
    reference: Option<String>,
    note: Option<String>,
}

fn common(purpose: &str, reference: Option<&str>, note: Option<&str>) -> Result<Common> {
    let purpose = Purpose::parse(purpose)
        .ok_or_else(|| Error::usage("purpose", format!("unknown purpose {purpose:?}")))?;
    let text = |field: &str, v: Option<&str>| {
        v.map(|s| contact::parse_text(field, s, 500, false))
            .transpose()
    };
    let reference = text("reference", reference)?;
    if purpose.needs_reference() && reference.is_none() {
        return Err(Error::usage(
            "reference",
            format!(
                "--purpose {} needs --reference (the legal process or designation)",
                purpose.as_str()
            ),
        )
        .hint("give the subpoena, court order or written designation reference"));
    }
    Ok(Common {
        purpose,
        reference,
        note: text("note", note)?,
    })
}

fn event(name: &'static str, l: &Loaded, scope: Scope, channel: &str, c: &Common) -> Event {
    Event::new(name)
        .account(&l.customer.account)
        .session(&l.session.id)
        .with("scope", scope.as_str())
        .with("channel", channel)
        .with("purpose", c.purpose.as_str())
        .with("reference", c.reference.clone())
        .with("note", c.note.clone())
        .with("basis", l.session.basis.clone())
}

/// Records a discussion on the call, or refuses it (recorded) when the basis does not allow it.
pub fn disclose(
    env: &Env<'_>,
    db: &mut Db,
    mut l: Loaded,
    a: &DiscloseArgs,
    now: OffsetDateTime,
) -> Result<(bool, String, Loaded)> {
    let c = common(&a.purpose, a.reference.as_deref(), a.note.as_deref())?;
    let scope = Scope::parse(&a.scope).ok_or_else(|| Error::usage("scope", "unknown scope"))?;
    let calls = a
        .calls
        .as_deref()
        .map(|s| contact::parse_text("calls", s, 1000, false))
        .transpose()?;
    if scope == Scope::CallerSupplied && calls.is_none() {
        return Err(Error::usage(
            "calls",
            "--scope caller-supplied needs --calls TEXT: the calls the caller described unaided",
        )
        .hint(
            "write down only what the caller said (numbers, dates, times); discuss nothing else",
        ));
    }
    let basis = l.session.basis.as_deref().and_then(Basis::parse);
    if let Err(r) = policy::check_discussion(basis, scope)
        .map_err(|r| crate::domain::in_store::routes_for_channel(&l.session.channel, r))
    {
        let err = Error::refused(
            "not-permitted",
            format!(
                "may not discuss {} on this call: {}",
                scope.as_str(),
                r.rule
            ),
        )
        .hint(format!(
            "routes that would allow it: {}",
            r.routes.join("; ")
        ));
        let ev = event("disclosure.refused", &l, scope, "phone", &c).with("reason", r.rule.clone());
        db.step(|tx| tx.append(&env.acting.actor, now, ev).map(|_| ()))?;
        return Err(err);
    }
    l.session.last_active_at = clock::format(now);
    let ev = event("disclosure", &l, scope, "phone", &c).with("calls", calls);
    let id = l.session.id.clone();
    let at = clock::format(now);
    db.step(|tx| {
        if let Err(e) = super::gate::recheck(tx, env, &id, false, "disclosure.refused", now)? {
            return Ok(Err(e));
        }
        tx.touch_session(&id, &at)?;
        tx.append(&env.acting.actor, now, ev).map(Ok)
    })??;
    Ok((
        true,
        format!(
            "Recorded: {} discussed on the call ({}).",
            scope.as_str(),
            c.purpose.as_str()
        ),
        l,
    ))
}

pub fn disclose_cmd(env: &Env<'_>, db: &mut Db, a: DiscloseArgs) -> Result<u8> {
    let now = clock::now();
    let l = load_open(env, db, &a.session, now)?;
    let (ok, msg, l) = disclose(env, db, l, &a, now)?;
    Ok(print_step(env, &l, now, ok, &msg))
}

/// Through the SSH gateway an attachment must be a file inside `[wizard] statements_dir`
/// (resolved, links followed, before the check): the service account can read its own keys
/// and database, and an agent must never be able to mail them out.
fn gateway_attachment(env: &Env<'_>, path: &std::path::Path) -> Result<std::path::PathBuf> {
    if env.ctx.agent.is_none() {
        return Ok(path.to_path_buf());
    }
    let refuse = |why: &str| {
        Error::refused(
            "attach-outside-statements",
            format!("--attach {}: {why}", path.display()),
        )
        .hint("through the gateway only the statements in [wizard] statements_dir can be attached")
    };
    let dir = env
        .ctx
        .cfg
        .wizard
        .statements_dir
        .as_deref()
        .ok_or_else(|| refuse("no statements folder is configured"))?;
    let dir = std::fs::canonicalize(dir).map_err(|_| refuse("the statements folder is missing"))?;
    let real = std::fs::canonicalize(path).map_err(|_| refuse("no such file"))?;
    if !real.starts_with(&dir) {
        return Err(refuse("not a file of the statements folder"));
    }
    Ok(real)
}

fn read_attachment(env: &Env<'_>, path: &std::path::Path) -> Result<(String, Vec<u8>)> {
    let path = &gateway_attachment(env, path)?;
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::usage("attach", format!("--attach {}: {e}", path.display())))?;
    if !meta.is_file() || meta.len() > MAX_ATTACHMENT {
        return Err(Error::usage(
            "attach",
            format!(
                "--attach {}: must be a regular file of at most 10 MiB",
                path.display()
            ),
        ));
    }
    let bytes = std::fs::read(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "attachment".into());
    Ok((name, bytes))
}

/// Sends requested information to an address of record, queued and delivered; recorded as a
/// disclosure over email or mail.
pub fn send(
    env: &Env<'_>,
    db: &mut Db,
    l: &Loaded,
    a: &SendArgs,
    now: OffsetDateTime,
) -> Result<String> {
    let c = common(&a.purpose, a.reference.as_deref(), a.note.as_deref())?;
    let scope = Scope::parse(&a.scope).ok_or_else(|| Error::usage("scope", "unknown scope"))?;
    let attachment = a
        .attach
        .as_deref()
        .map(|p| read_attachment(env, p))
        .transpose()?;
    let (since, channel) = if a.via == "email" {
        (&l.customer.email_since, "email")
    } else {
        (&l.customer.postal_since, "mail")
    };
    require_of_record(env, db, l, channel, since, "send.refused", now)?;
    let label = if scope == Scope::CallDetail {
        "call detail"
    } else {
        "account information"
    };
    let composed = compose::disclosure(
        label,
        c.note.as_deref(),
        attachment.as_ref().map(|(n, _)| n.as_str()),
    );
    let (recipient, ch) = if channel == "email" {
        (l.customer.email.clone(), "email")
    } else {
        (
            format!("{}\n{}", l.customer.name, postal(l).label()),
            "letter",
        )
    };
    let body = if ch == "letter" {
        compose::letter(&l.customer.name, &postal(l).label(), &composed.body)
    } else {
        composed.body
    };
    let item = Item {
        created_at: clock::format(now),
        account: l.customer.account.clone(),
        session: Some(l.session.id.clone()),
        kind: "disclosure".into(),
        channel: ch.into(),
        recipient,
        subject: composed.subject,
        body: Some(body),
        attachment_name: attachment.as_ref().map(|(n, _)| n.clone()),
        attachment: attachment.map(|(_, b)| b),
        message_id: deliver::new_message_id(&env.ctx.cfg.mail),
        ..Item::default()
    };
    let item = BodyKey::load(&env.ctx.cfg)?.seal(&item)?;
    let ev =
        event("disclosure", l, scope, channel, &c).with("attachment", item.attachment_name.clone());
    let id = db.step(|tx| {
        if let Err(e) = super::gate::recheck(tx, env, &l.session.id, false, "send.refused", now)? {
            return Ok(Err(e));
        }
        let id = tx.insert_outbox_item(&item)?;
        tx.append(&env.acting.actor, now, ev.with("outbox_id", id))?;
        Ok(Ok(id))
    })??;
    let path = deliver_now(
        env.ctx,
        db,
        &env.acting.actor,
        id,
        "Try the other address of record, or a callback.",
    )?;
    let place = path
        .map(|p| format!(" ({})", p.display()))
        .unwrap_or_default();
    Ok(format!(
        "Sent the {label} to the {} address of record{place}.",
        if channel == "email" {
            "email"
        } else {
            "postal"
        }
    ))
}

pub fn send_cmd(env: &Env<'_>, db: &mut Db, a: SendArgs) -> Result<u8> {
    let now = clock::now();
    let l = load_open(env, db, &a.session, now)?;
    let msg = send(env, db, &l, &a, now)?;
    Ok(print_step(env, &l, now, true, &msg))
}
