//! `cpni customer set-pin|set-backup|set-email|set-address|set-phone`: account changes and
//! the immediate notices of 64.2010(f).
//!
//! A change needs a session on the account on a basis that may discuss call detail (`--session
//! S`: PIN, callback, business contract; a code, the backup secret and a temporary PIN allow
//! only a new PIN, which never verifies that call) or a supervisor with `--reason` (back
//! office). A refused change is itself an audit record. In the same transaction as the change
//! (where the authority is checked again), the replaced contact goes to the contact history and
//! notices are queued to every contact of record (30 days or more) in the last 30 days (email,
//! letter, and a text when `notify.sms_command` is set; without one the letter covers it), never
//! to a value set within them and never containing the new value. Then they are delivered.

use clap::Args;
use serde_json::json;
use time::OffsetDateTime;

use super::add::{check_pin, refuse_argv_secret};
use super::history;
use super::show::load;
use crate::audit::Event;
use crate::commands::context::{CALL_HANDLERS, Ctx, Role};
use crate::commands::notify::deliver_now;
use crate::commands::session::{self, Env};
use crate::domain::backup::{self, BackupContext};
use crate::domain::contact;
use crate::domain::escalation::{self, ContactKind};
use crate::domain::policy::{self, Basis, Change};
use crate::error::{Error, Kind, Result};
use crate::mail::address::parse_email;
use crate::mail::notices;
use crate::mail::sealed::BodyKey;
use crate::store::customers::Customer;
use crate::store::{self, Db};
use crate::ui::prompt::{self, Prompter, Terminal};
use crate::{clock, secrets};

// Who authorises a change: a verified session, or a supervisor's reason. (A plain comment: a
// doc comment here would become the `about` of every command that flattens it, the subcommands
// being deferred.)
#[derive(Debug, Args, Clone, Default)]
pub struct Authority {
    /// A verified session on this account (the caller asked for the change on that call)
    #[arg(long, value_name = "SESSION")]
    pub session: Option<String>,
    /// Back office (supervisor): why the change is made without a verified caller
    #[arg(long, conflicts_with = "session")]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct SetPinArgs {
    pub account: String,
    #[command(flatten)]
    pub auth: Authority,
    /// Read the new PIN from one line of stdin
    #[arg(long)]
    pub pin_stdin: bool,
    #[arg(long, hide = true, value_name = "PIN")]
    pub pin: Option<String>,
}

#[derive(Debug, Args)]
pub struct SetBackupArgs {
    pub account: String,
    #[command(flatten)]
    pub auth: Authority,
    /// Read the new backup passphrase from one line of stdin
    #[arg(long)]
    pub secret_stdin: bool,
    #[arg(long, hide = true, value_name = "SECRET")]
    pub secret: Option<String>,
}

#[derive(Debug, Args)]
pub struct SetEmailArgs {
    pub account: String,
    #[command(flatten)]
    pub auth: Authority,
    /// The new email address (on record from now; usable for codes after 30 days)
    #[arg(long)]
    pub email: String,
}

#[derive(Debug, Args)]
pub struct SetAddressArgs {
    pub account: String,
    #[command(flatten)]
    pub auth: Authority,
    #[arg(long)]
    pub street: String,
    #[arg(long)]
    pub city: String,
    #[arg(long)]
    pub region: String,
    #[arg(long)]
    pub postal_code: String,
    #[arg(long)]
    pub country: String,
}

#[derive(Debug, Args)]
pub struct SetPhoneArgs {
    pub account: String,
    #[command(flatten)]
    pub auth: Authority,
    /// The new telephone number of record
    #[arg(long)]
    pub phone: String,
}

fn change_name(c: Change) -> &'static str {
    match c {
        Change::Pin => "pin",
        Change::Backup => "backup",
        Change::Email => "email",
        Change::Address => "address",
        Change::Phone => "phone",
        Change::Contract => "contract-method",
    }
}

/// The contact of record a change replaces, if it is one.
fn contact_kind(c: Change) -> Option<ContactKind> {
    match c {
        Change::Email => Some(ContactKind::Email),
        Change::Address => Some(ContactKind::Postal),
        Change::Phone => Some(ContactKind::Phone),
        _ => None,
    }
}

/// The authority a change was made under, for the record.
struct Granted {
    detail: serde_json::Value,
    session: Option<String>,
}

/// Checks the authority; a refusal is recorded and returned as exit 3.
fn authorise(
    ctx: &Ctx,
    db: &mut Db,
    env: &Env<'_>,
    c: &Customer,
    change: Change,
    auth: &Authority,
    now: OffsetDateTime,
) -> Result<Granted> {
    let refusal = match (&auth.session, &auth.reason) {
        (Some(id), _) => {
            let l = session::load_open(env, db, id, now)?;
            let basis = l.session.basis.as_deref().and_then(Basis::parse);
            if l.customer.account != c.account {
                Some(format!(
                    "session {} is on account {}, not {}",
                    l.session.id, l.customer.account, c.account
                ))
            } else if !policy::may_change(basis, change) {
                Some(format!(
                    "session {} is {}: changing the {} needs a basis that may discuss call detail (PIN, callback or business contract) or a supervisor's back-office change with --reason{}",
                    l.session.id,
                    basis.map_or("not verified".into(), |b| format!(
                        "verified by {}",
                        b.as_str()
                    )),
                    change_name(change),
                    if change == Change::Pin {
                        "; a code, the backup secret or a temporary PIN also allow a new PIN"
                    } else {
                        "; a code, the backup secret or a temporary PIN allow only a new PIN"
                    }
                ))
            } else {
                return Ok(Granted {
                    detail: json!({"session": l.session.id, "basis": basis.map(|b| b.as_str())}),
                    session: Some(l.session.id),
                });
            }
        }
        (None, Some(reason)) if matches!(env.acting.role, Role::Supervisor | Role::Admin) => {
            let reason = contact::parse_text("reason", reason, 500, false)?;
            return Ok(Granted {
                detail: json!({"reason": reason}),
                session: None,
            });
        }
        (None, Some(_)) => {
            Some("a back-office change with --reason needs the supervisor role".to_string())
        }
        (None, None) => Some(format!(
            "changing the {} needs --session SESSION (a verified caller) or a supervisor's --reason",
            change_name(change)
        )),
    };
    let message = refusal.unwrap_or_default();
    let ev = Event::new("change.refused")
        .account(&c.account)
        .session(auth.session.as_deref().unwrap_or(""))
        .with("change", change_name(change))
        .with("reason", message.clone());
    db.step(|tx| tx.append(&env.acting.actor, now, ev).map(|_| ()))?;
    let _ = ctx;
    Err(Error::refused("change-not-authorised", message).hint(
        "verify the caller first (cpni session …), or ask a supervisor; this attempt was recorded",
    ))
}

/// Applies `update` and queues the notices in one transaction, then delivers them.
#[allow(clippy::too_many_arguments)] // one call site per change kind; a struct would only rename them
fn commit_change(
    ctx: &Ctx,
    db: &mut Db,
    env: &Env<'_>,
    before: &Customer,
    change: Change,
    granted: Granted,
    now: OffsetDateTime,
    update: impl FnOnce(&store::Write<'_>) -> Result<()>,
) -> Result<u8> {
    let ev = Event::new("customer.change")
        .account(&before.account)
        .session(granted.session.as_deref().unwrap_or(""))
        .with("change", change_name(change))
        .with("authority", granted.detail);
    let key = BodyKey::load(&ctx.cfg)?;
    let ids = db.step(|tx| {
        // The authority again, under the writer lock: the session is still open, the acting
        // agent's, and on a basis that allows this change (rule 8 of issue 12).
        if let Some(id) = &granted.session {
            let fresh = match session::recheck(tx, env, id, false, "change.refused", now)? {
                Ok(f) => f,
                Err(e) => return Ok(Err(e)),
            };
            let basis = fresh.session.basis.as_deref().and_then(Basis::parse);
            if !policy::may_change(basis, change) {
                return Ok(Err(Error::refused(
                    "change-not-authorised",
                    format!(
                        "session {id} no longer allows changing the {}",
                        change_name(change)
                    ),
                )));
            }
            // A temporary PIN's basis sets a new PIN only while the temporary PIN that verified
            // the session is still the one on file: a Lost PIN sent since (once the old one
            // expired) replaces it, and the old session then sets nothing.
            if basis == Some(Basis::TemporaryPin) {
                let on_file = fresh
                    .customer
                    .temp_pin_set_at
                    .as_deref()
                    .and_then(clock::parse);
                let verified = fresh.session.verified_at.as_deref().and_then(clock::parse);
                if !matches!((on_file, verified), (Some(set), Some(v)) if set <= v) {
                    return Ok(Err(Error::refused(
                        "temporary-pin-replaced",
                        format!(
                            "session {id} was verified by a temporary PIN that is no longer the \
                             one on file (a new one was sent, or it was used): it sets no PIN"
                        ),
                    )
                    .hint("verify the caller again on a new call (the new temporary PIN, or another way)")));
                }
            }
        }
        // The contacts of record as they are now, under the writer lock: another agent may
        // have changed them since `before` was read. Notices go to every contact of record
        // (30 days or more) in the last 30 days, never to a value set within them.
        let current = tx.customer(&before.account)?.ok_or_else(|| {
            Error::not_found(
                "no-account",
                format!("no customer with account {}", before.account),
            )
        })?;
        let contacts = escalation::notice_contacts(&history::spans(tx, &current, now)?, now);
        let items = notices::notices_to(
            &ctx.cfg,
            &current,
            &contacts,
            notices::About::Change(change_name(change)),
            granted.session.as_deref(),
            now,
        );
        let replaced_since = match contact_kind(change) {
            Some(kind) => Some(history::retire(tx, &current, kind, &clock::format(now))?),
            None => None,
        };
        update(tx)?;
        let ids = items
            .iter()
            .map(|i| tx.insert_outbox_item(&key.seal(i)?))
            .collect::<Result<Vec<_>>>()?;
        let channels: Vec<&str> = items.iter().map(|i| i.channel.as_str()).collect();
        tx.append(
            &env.acting.actor,
            now,
            ev.with("notices", ids.clone())
                .with("notice_channels", channels)
                .with("replaced_since", replaced_since),
        )?;
        Ok(Ok(ids))
    })??;
    let mut failed = Vec::new();
    for id in &ids {
        if let Err(e) = deliver_now(ctx, db, &env.acting.actor, *id, "") {
            if e.kind != Kind::Delivery {
                return Err(e);
            }
            failed.push(e.message);
        }
    }
    let what = match change {
        Change::Pin => "PIN",
        Change::Backup => "backup passphrase",
        Change::Email => "email address of record",
        Change::Address => "postal address of record",
        Change::Phone => "telephone number of record",
        Change::Contract => "business contract's authentication method",
    };
    let text = format!(
        "Changed the {what} of {}. Notices sent to the contacts of record (30 days or more, in the last 30 days): {} of {}.",
        before.account,
        ids.len() - failed.len(),
        ids.len()
    );
    ctx.out.print(&json!({"account": before.account, "changed": change_name(change), "notices": ids, "undelivered": failed}), &text);
    if failed.is_empty() {
        return Ok(0);
    }
    Err(Error::new(
        Kind::Delivery,
        "delivery",
        format!(
            "the change is saved, but {} notice(s) could not be delivered: {}",
            failed.len(),
            failed.join("; ")
        ),
    )
    .hint("they stay queued; run `cpni notify send` once the mail server is back"))
}

fn begin(ctx: &Ctx, account: &str) -> Result<(Db, crate::commands::context::Acting, Customer)> {
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "customer change", CALL_HANDLERS)?;
    let c = load(&db.read(), account)?;
    Ok((db, acting, c))
}

fn read_secret(ctx: &Ctx, stdin: bool, what: &str, flag: &str) -> Result<String> {
    if stdin {
        return prompt::secret_from_stdin(what);
    }
    if !prompt::interactive(ctx.no_input) {
        return Err(Error::usage(
            "no-terminal",
            format!("no terminal to ask for the new {what}"),
        )
        .hint(format!("pipe it in with {flag}")));
    }
    let first = Terminal.secret(&format!("New {what} chosen by the customer"))?;
    if Terminal.secret(&format!("Repeat the new {what}"))? != first {
        return Err(Error::usage(
            "mismatch",
            format!("the two entries of the {what} differ; nothing was changed"),
        ));
    }
    Ok(first)
}

pub fn set_pin(ctx: &Ctx, a: SetPinArgs) -> Result<u8> {
    refuse_argv_secret(a.pin.is_some(), "--pin-stdin")?;
    let (mut db, acting, c) = begin(ctx, &a.account)?;
    let env = Env {
        ctx,
        acting: &acting,
    };
    let now = clock::now();
    let granted = authorise(ctx, &mut db, &env, &c, Change::Pin, &a.auth, now)?;
    let pin = read_secret(ctx, a.pin_stdin, "PIN", "--pin-stdin")?;
    store_pin(ctx, &mut db, &env, &c, granted, &pin, now)
}

/// Sets a new PIN chosen on a call (the wizard, after a temporary PIN or the backup secret).
pub fn set_pin_on_call(
    env: &Env<'_>,
    db: &mut Db,
    account: &str,
    session: &str,
    pin: &str,
) -> Result<u8> {
    let now = clock::now();
    let c = load(&db.read(), account)?;
    let auth = Authority {
        session: Some(session.to_string()),
        reason: None,
    };
    let granted = authorise(env.ctx, db, env, &c, Change::Pin, &auth, now)?;
    store_pin(env.ctx, db, env, &c, granted, pin, now)
}

fn store_pin(
    ctx: &Ctx,
    db: &mut Db,
    env: &Env<'_>,
    c: &Customer,
    granted: Granted,
    pin: &str,
    now: OffsetDateTime,
) -> Result<u8> {
    check_pin(&ctx.cfg, c, pin)?;
    let phc = secrets::hash_secret(pin, ctx.cfg.hash_preset)?;
    let at = clock::format(now);
    commit_change(ctx, db, env, c, Change::Pin, granted, now, |tx| {
        tx.set_pin_hash(&c.account, &phc, &at)
    })
}

pub fn set_backup(ctx: &Ctx, a: SetBackupArgs) -> Result<u8> {
    refuse_argv_secret(a.secret.is_some(), "--secret-stdin")?;
    let (mut db, acting, c) = begin(ctx, &a.account)?;
    let env = Env {
        ctx,
        acting: &acting,
    };
    let now = clock::now();
    let granted = authorise(ctx, &mut db, &env, &c, Change::Backup, &a.auth, now)?;
    let secret = read_secret(ctx, a.secret_stdin, "backup passphrase", "--secret-stdin")?;
    let bctx = BackupContext {
        name: &c.name,
        phone: &c.phone,
        account: &c.account,
        postal_code: &c.postal_code,
    };
    backup::check_backup_secret(&secret, &bctx).map_err(|rule| {
        Error::usage(
            "backup-policy",
            format!("backup passphrase refused: {rule}"),
        )
        .hint("ask the customer to choose another; nothing was saved")
    })?;
    let phc = secrets::hash_secret(
        &backup::normalise_backup_secret(&secret),
        ctx.cfg.hash_preset,
    )?;
    let at = clock::format(now);
    commit_change(ctx, &mut db, &env, &c, Change::Backup, granted, now, |tx| {
        tx.set_backup_hash(&c.account, &phc, &at)
    })
}

/// A change of a contact of record (already validated): authorise, then `update` with the
/// customer and the time the new value is on record from.
fn contact_change(
    ctx: &Ctx,
    account: &str,
    auth: &Authority,
    change: Change,
    update: impl FnOnce(&store::Write<'_>, &Customer, &str) -> Result<()>,
) -> Result<u8> {
    let (mut db, acting, c) = begin(ctx, account)?;
    let env = Env {
        ctx,
        acting: &acting,
    };
    let now = clock::now();
    let granted = authorise(ctx, &mut db, &env, &c, change, auth, now)?;
    let at = clock::format(now);
    commit_change(ctx, &mut db, &env, &c, change, granted, now, |tx| {
        update(tx, &c, &at)
    })
}

pub fn set_email(ctx: &Ctx, a: SetEmailArgs) -> Result<u8> {
    let email = parse_email(&a.email)?;
    contact_change(ctx, &a.account, &a.auth, Change::Email, |tx, c, at| {
        tx.set_customer_email(&c.account, &email, at)
    })
}

pub fn set_phone(ctx: &Ctx, a: SetPhoneArgs) -> Result<u8> {
    let phone = contact::parse_phone(&a.phone, &ctx.cfg.default_country)?;
    contact_change(ctx, &a.account, &a.auth, Change::Phone, |tx, c, at| {
        tx.set_customer_phone(&c.account, &phone, at)
    })
}

pub fn set_address(ctx: &Ctx, a: SetAddressArgs) -> Result<u8> {
    let addr =
        contact::parse_postal_address(&a.street, &a.city, &a.region, &a.postal_code, &a.country)?;
    contact_change(ctx, &a.account, &a.auth, Change::Address, |tx, c, at| {
        let updated = Customer {
            street: addr.street,
            city: addr.city,
            region: addr.region,
            postal_code: addr.postal_code,
            country: addr.country,
            ..c.clone()
        };
        tx.set_customer_address(&updated, at)
    })
}

#[derive(Debug, Args)]
pub struct SetContractArgs {
    pub account: String,
    #[command(flatten)]
    pub auth: Authority,
    /// How the contract authenticates callers: its passphrase, or a callback to a number it designates
    #[arg(long, value_parser = ["passphrase", "callback"])]
    pub method: String,
    /// The contract passphrase, from one line of stdin (method passphrase)
    #[arg(long)]
    pub secret_stdin: bool,
    /// The number the contract designates for callbacks (method callback; usable after 30 days)
    #[arg(long, value_name = "PHONE")]
    pub callback_phone: Option<String>,
    #[arg(long, hide = true, value_name = "SECRET")]
    pub secret: Option<String>,
}

/// Records the business contract's own authentication method (back office, supervisor).
pub fn set_contract(ctx: &Ctx, a: SetContractArgs) -> Result<u8> {
    refuse_argv_secret(a.secret.is_some(), "--secret-stdin")?;
    let (mut db, acting, c) = begin(ctx, &a.account)?;
    let env = Env {
        ctx,
        acting: &acting,
    };
    let now = clock::now();
    let at = clock::format(now);
    let mut updated = Customer {
        contract_method: Some(a.method.clone()),
        contract_secret_hash: None,
        contract_callback: None,
        contract_callback_since: None,
        contract_set_at: Some(at.clone()),
        ..c.clone()
    };
    if a.method == "callback" {
        let Some(p) = &a.callback_phone else {
            return Err(Error::usage(
                "callback_phone",
                "--method callback needs --callback-phone PHONE",
            )
            .hint("give the number the contract designates for callbacks"));
        };
        updated.contract_callback = Some(contact::parse_phone(p, &ctx.cfg.default_country)?);
        updated.contract_callback_since = Some(at.clone());
    } else if a.callback_phone.is_some() {
        return Err(Error::usage(
            "callback_phone",
            "--callback-phone is only for --method callback",
        ));
    }
    let granted = authorise(ctx, &mut db, &env, &c, Change::Contract, &a.auth, now)?;
    if a.method == "passphrase" {
        let secret = read_secret(ctx, a.secret_stdin, "contract passphrase", "--secret-stdin")?;
        if secret.trim().chars().count() < 12 {
            return Err(Error::usage(
                "secret",
                "the contract passphrase must have at least 12 characters",
            )
            .hint("choose a longer passphrase; nothing was saved"));
        }
        updated.contract_secret_hash = Some(secrets::hash_secret(
            &backup::normalise_backup_secret(&secret),
            ctx.cfg.hash_preset,
        )?);
    }
    commit_change(
        ctx,
        &mut db,
        &env,
        &c,
        Change::Contract,
        granted,
        now,
        |tx| tx.set_contract_method(&updated, &at),
    )
}
