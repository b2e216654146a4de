//! `cpni notify list|show|send`: the outbox of emails and letters, and their delivery.
//!
//! An item is queued in the same transaction as the step that needs it, then delivered. A
//! failed delivery stays queued with its error and a next-try time (backoff); a permanent SMTP
//! refusal (5xx) marks it failed for good, deletes its body and is never retried. An item is marked sent only once, so a retry never
//! sends it twice; and once a message has gone out, its "sent" record waits out a busy database
//! (up to two minutes, the item's claim held) rather than leave it queued to be sent again.
//!
//! Bodies are sealed at rest (`crate::mail::sealed`): delivery and `show` open them; one that
//! does not open is refused (exit 6) and stays queued, and `send` goes on with the other items.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};

use crate::audit::{Actor, Event};
use crate::clock;
use crate::commands::context::{Ctx, OUTBOX};
use crate::error::{Error, Kind, Result};
use crate::mail::deliver;
use crate::mail::sealed::{self, BodyKey};
use crate::store::Db;
use crate::store::outbox::Item;
use crate::ui::term::safe;

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum NotifyCommand {
    /// List outbox items with their status and files
    List(ListArgs),
    /// Show one item (its body only while it is not yet sent and carries no code)
    Show {
        /// Item id
        id: i64,
    },
    /// Deliver what is queued and due; retry failures with backoff
    Send {
        /// Retry every queued item now, ignoring the backoff (after fixing the mail server)
        #[arg(long)]
        now: bool,
    },
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only items with this status
    #[arg(long, value_parser = ["queued", "sent", "failed"])]
    pub status: Option<String>,
}

pub fn run(ctx: &Ctx, cmd: NotifyCommand) -> Result<u8> {
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "notify", OUTBOX)?;
    match cmd {
        NotifyCommand::List(a) => list(ctx, &db, a.status.as_deref()),
        NotifyCommand::Show { id } => show(ctx, &db, id),
        NotifyCommand::Send { now } => send_all(ctx, &mut db, &acting.actor, now),
    }
}

fn item_json(i: &Item) -> Value {
    let mut doc = serde_json::to_value(i).unwrap_or_default();
    doc["body_at_rest"] = json!(sealed::at_rest(i));
    doc
}

/// What an empty listing means: the whole outbox is empty, or nothing has the status asked
/// for (named, with how many messages the outbox does hold).
fn empty_words(db: &Db, status: Option<&str>) -> Result<String> {
    let Some(status) = status else {
        return Ok("The outbox is empty.".into());
    };
    let held = db.read().outbox_items(None)?.len();
    let rest = match held {
        0 => " The outbox is empty.".to_string(),
        1 => " The outbox holds 1 other message: `cpni notify list` shows it.".to_string(),
        n => format!(" The outbox holds {n} other messages: `cpni notify list` shows them."),
    };
    let none = match status {
        "queued" => "No message is queued",
        "sent" => "No message has been sent",
        _ => "No message has failed",
    };
    Ok(format!("{none} (--status {status}).{rest}"))
}

fn list(ctx: &Ctx, db: &Db, status: Option<&str>) -> Result<u8> {
    let items = db.read().outbox_items(status)?;
    let docs: Vec<Value> = items.iter().map(item_json).collect();
    let mut text: Vec<String> = items
        .iter()
        .map(|i| {
            let to = i.recipient.lines().next().unwrap_or("");
            let tail = i.path.clone().or(i.last_error.clone()).unwrap_or_default();
            format!(
                "{:>5} {:<7} {:<10} {:<6} {:<28} {}",
                i.id,
                i.status,
                i.kind,
                i.channel,
                safe(to),
                safe(&tail)
            )
        })
        .collect();
    if text.is_empty() {
        text.push(empty_words(db, status)?);
    }
    ctx.out.print_lines(&docs, &text.join("\n"));
    Ok(0)
}

fn show(ctx: &Ctx, db: &Db, id: i64) -> Result<u8> {
    let item = db.read().outbox_item(id)?.ok_or_else(|| {
        Error::not_found("no-item", format!("no outbox item {id}")).hint("see `cpni notify list`")
    })?;
    let mut doc = item_json(&item);
    let carries_code = crate::mail::carries_secret(&item.kind);
    // Opened only to be shown: a secret's body stays sealed.
    let item = if carries_code {
        item
    } else {
        BodyKey::load(&ctx.cfg)?.open(&item)?
    };
    if !carries_code {
        doc["body"] = json!(item.body);
    }
    let body = if carries_code {
        "(carries a one-time code or temporary PIN: not shown)".to_string()
    } else {
        item.body.clone().unwrap_or_default()
    };
    let text = format!(
        "#{} {} {} to {}\nstatus {} after {} attempt(s){}\nsubject: {}\n\n{}",
        item.id,
        item.kind,
        item.channel,
        safe(&item.recipient),
        item.status,
        item.attempts,
        item.last_error
            .as_deref()
            .map(|e| format!("; last error: {}", safe(e)))
            .unwrap_or_default(),
        safe(&item.subject),
        safe(&body)
    );
    ctx.out.print(&doc, &text);
    Ok(0)
}

/// Backoff after the n-th failed attempt: 1, 2, 4 … minutes, at most an hour.
fn backoff(attempts: i64) -> Duration {
    Duration::minutes(1i64 << attempts.clamp(0, 6)).min(Duration::hours(1))
}

/// Delivers item `id` now and records the result. A failure is an exit-7 error whose hint
/// names `other_route`.
pub fn deliver_now(
    ctx: &Ctx,
    db: &mut Db,
    actor: &Actor,
    id: i64,
    other_route: &str,
) -> Result<Option<PathBuf>> {
    let outcome = attempt(ctx, db, actor, id, clock::now()).map_err(|e| {
        if e.kind == Kind::Delivery && e.message.contains("failed for good") {
            e.hint(format!(
                "the server refused it for good (5xx): it will not be retried. {other_route}"
            ))
        } else if e.kind == Kind::Delivery {
            e.hint(format!(
                "the message stays queued and `cpni notify send` retries it. {other_route}"
            ))
        } else {
            e
        }
    })?;
    match outcome {
        Attempt::Delivered(path) => Ok(path),
        // Another process (`notify send`) delivered it first: report its result.
        Attempt::AlreadyDone(item) if item.status == "sent" => Ok(item.path.map(PathBuf::from)),
        Attempt::AlreadyDone(item) => Err(Error::new(
            Kind::Delivery,
            "delivery",
            format!(
                "outbox item {} was not delivered (failed for good): {}",
                item.id,
                item.last_error.unwrap_or_default()
            ),
        )),
    }
}

/// How long a delivered item's "sent" record may wait for the writer lock, in all: the message
/// has gone out, so giving up after one `lock_timeout_secs` would leave it queued and the next
/// `notify send` would send it again. The item's claim is held meanwhile, so no other process
/// sends it.
const RECORD_DELIVERED_FOR: std::time::Duration = std::time::Duration::from_secs(120);

/// Runs `record` (the step that marks item `id` sent) until it is not refused as busy, for at
/// most [`RECORD_DELIVERED_FOR`] (or the configured lock timeout, if longer). Past that, the
/// error says the message was delivered and may go out again.
fn record_delivered(ctx: &Ctx, id: i64, mut record: impl FnMut() -> Result<()>) -> Result<()> {
    let bound = RECORD_DELIVERED_FOR.max(ctx.cfg.lock_timeout);
    let started = std::time::Instant::now();
    let mut said = false;
    loop {
        match record() {
            Err(e) if e.code == "busy" && started.elapsed() < bound => {
                if !said {
                    ctx.out.note(&format!(
                        "outbox item {id} was delivered; waiting for the database to record it"
                    ));
                    said = true;
                }
            }
            Err(mut e) if e.code == "busy" => {
                e.message = format!(
                    "outbox item {id} was delivered, but the database stayed busy for {} s and \
                     it could not be recorded as sent: it is still queued, and the next `notify \
                     send` will send it again ({})",
                    bound.as_secs(),
                    e.message
                );
                return Err(e);
            }
            other => return other,
        }
    }
}

/// What one delivery attempt did.
enum Attempt {
    /// This process delivered the item (and recorded it), writing this file if any.
    Delivered(Option<PathBuf>),
    /// The item was no longer queued when this process got its claim: another process
    /// delivered it, or gave it up for good, meanwhile. Nothing was sent or recorded.
    AlreadyDone(Box<Item>),
}

/// Delivers queued item `id` under its claim, so no other process sends it at the same time,
/// and records the outcome. An item that is no longer queued once claimed is left alone.
fn attempt(ctx: &Ctx, db: &mut Db, actor: &Actor, id: i64, now: OffsetDateTime) -> Result<Attempt> {
    let _claim = db.claim_outbox_item(id)?;
    let item = db
        .read()
        .outbox_item(id)?
        .ok_or_else(|| Error::internal(format!("outbox item {id} vanished")))?;
    if item.status != "queued" {
        return Ok(Attempt::AlreadyDone(Box::new(item)));
    }
    // Row seals: nothing goes out to a recipient (or of a kind) edited outside cpni.
    db.read()
        .require_sealed("outbox", "id", &item.id.to_string())?;
    // The body sealed at rest opens for this row, or nothing goes out (exit 6).
    let item = &BodyKey::load(&ctx.cfg)?.open(&item)?;
    let result = deliver::deliver(&ctx.cfg, item);
    let at = clock::format(now);
    let keep_body = !crate::mail::carries_secret(&item.kind);
    match result {
        Ok(path) => {
            let p = path.as_ref().map(|p| p.display().to_string());
            let ev = Event::new("delivery.sent")
                .account(&item.account)
                .session(item.session.as_deref().unwrap_or(""))
                .with("outbox_id", item.id)
                .with("kind", item.kind.clone())
                .with("channel", item.channel.clone())
                .with("message_id", item.message_id.clone());
            record_delivered(ctx, item.id, || {
                db.step(|tx| {
                    if tx.mark_outbox_sent(item.id, &at, p.as_deref(), keep_body)? {
                        tx.append(actor, now, ev.clone())?;
                    }
                    Ok(())
                })
            })?;
            Ok(Attempt::Delivered(path))
        }
        Err(f) => {
            let next = (!f.permanent).then(|| clock::format(now + backoff(item.attempts)));
            let ev = Event::new("delivery.failed")
                .account(&item.account)
                .session(item.session.as_deref().unwrap_or(""))
                .with("outbox_id", item.id)
                .with("kind", item.kind.clone())
                .with("error", f.message.clone())
                .with("permanent", f.permanent);
            db.step(|tx| {
                if tx.mark_outbox_failed(item.id, &f.message, next.as_deref())? {
                    tx.append(actor, now, ev)?;
                }
                Ok(())
            })?;
            let what = if f.permanent {
                "failed for good: it will not be retried and its body was deleted"
            } else {
                "stays queued for a retry"
            };
            Err(Error::new(
                Kind::Delivery,
                "delivery",
                format!(
                    "outbox item {} was not delivered ({what}): {}",
                    item.id, f.message
                ),
            ))
        }
    }
}

fn send_all(ctx: &Ctx, db: &mut Db, actor: &Actor, ignore_backoff: bool) -> Result<u8> {
    let now = clock::now();
    let due = if ignore_backoff {
        db.read().outbox_items(Some("queued"))?
    } else {
        db.read().due_outbox_items(&clock::format(now))?
    };
    let (mut sent, mut failed, mut refused) = (Vec::new(), Vec::new(), Vec::new());
    for item in &due {
        match attempt(ctx, db, actor, item.id, now) {
            Ok(Attempt::Delivered(_)) => sent.push(item.id),
            Ok(Attempt::AlreadyDone(_)) => {}
            Err(e) if e.kind == Kind::Delivery => failed.push((item.id, e.message)),
            // A body that does not open holds back its own item only.
            Err(e) if e.code == "outbox-body" => refused.push(e),
            Err(e) => return Err(e),
        }
    }
    let n_refused = refused.len();
    if let Some(mut e) = refused.into_iter().next() {
        if n_refused > 1 {
            e.message = format!(
                "{n_refused} item(s) not sent, their bodies do not open; first: {}",
                e.message
            );
        }
        ctx.out.note(&format!(
            "Delivered {} item(s); {} failed; {n_refused} refused.",
            sent.len(),
            failed.len()
        ));
        return Err(e);
    }
    let waiting = db.read().outbox_items(Some("queued"))?.len();
    let doc = json!({"sent": sent, "failed": failed.iter().map(|(id, m)| json!({"id": id, "error": m})).collect::<Vec<_>>(), "queued": waiting});
    let mut text = format!(
        "Delivered {} item(s); {} still queued.",
        sent.len(),
        waiting
    );
    for (id, m) in &failed {
        text.push_str(&format!("\n  #{id}: {}", safe(m)));
    }
    ctx.out.print(&doc, &text);
    if failed.is_empty() {
        Ok(0)
    } else {
        Err(Error::new(
            Kind::Delivery,
            "delivery",
            format!("{} item(s) could not be delivered", failed.len()),
        )
        .hint(if failed.iter().all(|(_, m)| m.contains("failed for good")) {
            "a permanent (5xx) failure is not retried: fix the address or the server's refusal, then issue a new message"
        } else {
            "a temporary failure stays queued; run `cpni notify send` again once the mail server is back (a 5xx failure is not retried)"
        }))
    }
}
