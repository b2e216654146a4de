//! `cpni consent show|notice|record|check`: the CPNI approval-status system of 64.2009(a).
//!
//! The history is append-only (`consent` table): opt-out notices (sent through the outbox, or
//! sent by another system on a given day) and the customer's choices. The status is computed
//! from it by `domain::consent` each time, never stored. Every notice, choice and check is an
//! audit record. The wizard calls [`status_line`] after verification and [`record_choice`] to
//! record the caller's choice.

mod notice;

use clap::{ArgGroup, Args, Subcommand};
use serde_json::{Value, json};
use time::{Date, OffsetDateTime};

use crate::audit::{Actor, Event};
use crate::clock;
use crate::commands::context::{CALL_HANDLERS, Ctx};
use crate::commands::customer::show::load;
use crate::domain::consent::{self, Choice, Entry, Status, Use, Via};
use crate::domain::contact;
use crate::domain::escalation;
use crate::domain::policy::{self, Basis};
use crate::error::{Error, Result};
use crate::store::consent::Row;
use crate::store::{self, Db};
use crate::ui::term::safe;

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum ConsentCommand {
    /// Show the CPNI approval status (opt-in, opt-out, pending, denied, none) and its history
    Show(AccountArg),
    /// Send the opt-out notice through the outbox, or record one another system sent
    Notice(NoticeArgs),
    /// Record the customer's choice (appended; earlier entries are never changed)
    Record(RecordArgs),
    /// Whether a use of CPNI is allowed today: exit 0 allowed, 3 not (with the reason)
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct AccountArg {
    /// Account id
    pub account: String,
}

#[derive(Debug, Args)]
pub struct NoticeArgs {
    /// Account id
    pub account: String,
    /// Email (approval takes effect 30 days after sending) or mail (33 days)
    #[arg(long, value_parser = ["email", "mail"])]
    pub via: String,
    /// Record a notice another system sent on this day (YYYY-MM-DD) instead of sending one
    #[arg(long, value_name = "DATE")]
    pub sent_on: Option<String>,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("choice").required(true).args(["opt_in", "deny", "revoke"])))]
pub struct RecordArgs {
    /// Account id
    pub account: String,
    /// The customer approves every use (opt-in)
    #[arg(long)]
    pub opt_in: bool,
    /// The customer denies approval (opts out)
    #[arg(long)]
    pub deny: bool,
    /// The customer withdraws an approval given before
    #[arg(long)]
    pub revoke: bool,
    /// How the customer said so
    #[arg(long, value_parser = ["oral", "written", "electronic"])]
    pub method: String,
    /// Recording, form or message reference (required for an oral opt-in)
    #[arg(long, value_name = "REF")]
    pub evidence: Option<String>,
    /// The session of the call on which the customer said so
    #[arg(long)]
    pub session: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Account id
    pub account: String,
    /// The intended use
    #[arg(long = "use", value_name = "USE",
          value_parser = ["communications-marketing", "other-marketing", "third-party"])]
    pub use_: String,
}

pub fn run(ctx: &Ctx, cmd: ConsentCommand) -> Result<u8> {
    match cmd {
        ConsentCommand::Show(a) => show(ctx, a),
        ConsentCommand::Notice(a) => notice::run(ctx, a),
        ConsentCommand::Record(a) => record(ctx, a),
        ConsentCommand::Check(a) => check(ctx, a),
    }
}

/// The history as domain entries: choices count from the day they were recorded.
fn entries(rows: &[Row]) -> Vec<Entry> {
    rows.iter()
        .filter_map(|r| match r.kind.as_str() {
            "notice" => Some(Entry::Notice {
                via: r.via.as_deref().and_then(Via::parse)?,
                sent_on: r.sent_on.as_deref().and_then(clock::parse_date),
            }),
            kind => Some(Entry::Choice {
                choice: Choice::parse(kind)?,
                on: clock::parse(&r.recorded_at)?.date(),
            }),
        })
        .collect()
}

/// The account's status on `today` and its history.
pub fn status_of(conn: &store::Read<'_>, account: &str, today: Date) -> Result<(Status, Vec<Row>)> {
    let rows = conn.consent_history(account)?;
    Ok((consent::status(&entries(&rows), today), rows))
}

/// The wizard hook: one line with the approval status, for the agent after verification.
pub fn status_line(db: &Db, account: &str, now: OffsetDateTime) -> Result<String> {
    let (status, _) = status_of(&db.read(), account, now.date())?;
    Ok(format!(
        "CPNI approval for marketing: {}. If the caller states a choice, record it from the menu.",
        status.label()
    ))
}

fn status_json(status: &Status) -> Value {
    let mut doc = json!({"status": status.id(), "label": status.label()});
    match status {
        Status::Pending { effective_on } => doc["effective_on"] = json!(effective_on.to_string()),
        Status::OptOut { since, renewal_due } => {
            doc["effective_on"] = json!(since.to_string());
            doc["renewal_due"] = json!(renewal_due.to_string());
        }
        Status::OptIn { since } | Status::Denied { since } => {
            doc["since"] = json!(since.to_string())
        }
        Status::None => {}
    }
    doc
}

fn history_line(r: &Row) -> String {
    let when = clock::parse(&r.recorded_at)
        .map(clock::human)
        .unwrap_or_default();
    match r.kind.as_str() {
        "notice" => {
            let via = r.via.as_deref().unwrap_or("");
            let state = match (&r.sent_on, &r.outbox_id, &r.outbox_status) {
                (Some(d), None, _) => format!("sent on {d} by another system"),
                (Some(d), Some(id), _) => format!("sent on {d} (outbox #{id})"),
                (None, Some(id), s) => format!(
                    "not sent yet (outbox #{id}, {})",
                    s.as_deref().unwrap_or("?")
                ),
                (None, None, _) => "not sent".into(),
            };
            format!(
                "  {when}  opt-out notice by {via}: {state}  [{}]",
                safe(&r.agent)
            )
        }
        kind => format!(
            "  {when}  {kind} ({}{}){}  [{}]",
            r.method.as_deref().unwrap_or(""),
            r.evidence
                .as_deref()
                .map(|e| format!(", evidence {}", safe(e)))
                .unwrap_or_default(),
            if r.notice_missing {
                " - no opt-out notice on file"
            } else {
                ""
            },
            safe(&r.agent)
        ),
    }
}

fn show(ctx: &Ctx, a: AccountArg) -> Result<u8> {
    let mut db = ctx.open()?;
    ctx.acting(&mut db, "consent show", CALL_HANDLERS)?;
    let c = load(&db.read(), &a.account)?;
    let (status, rows) = status_of(&db.read(), &c.account, clock::now().date())?;
    let mut doc = status_json(&status);
    doc["account"] = json!(c.account);
    doc["history"] = serde_json::to_value(&rows).unwrap_or_default();
    let mut text = vec![format!("{}  CPNI approval: {}", c.account, status.label())];
    if let Status::OptOut { renewal_due, .. } = status {
        text.push(format!("  next opt-out notice due by {renewal_due}"));
    }
    text.push(if rows.is_empty() {
        "  no history".into()
    } else {
        "History:".into()
    });
    text.extend(rows.iter().map(history_line));
    ctx.out.print(&doc, &text.join("\n"));
    Ok(0)
}

/// What the customer chose, as recorded by [`record_choice`].
#[derive(Debug, Clone)]
pub struct ChoiceInput {
    pub choice: Choice,
    pub method: String,
    pub evidence: Option<String>,
    pub session: Option<String>,
}

/// Appends the customer's choice and its audit record; returns the new status. An opt-in with
/// no opt-out notice on file is recorded with `notice_missing` (64.2008(a)) and a warning.
/// Used by `cpni consent record` and by the wizard.
pub fn record_choice(
    ctx: &Ctx,
    db: &mut Db,
    actor: &Actor,
    account: &str,
    input: &ChoiceInput,
) -> Result<Status> {
    let c = load(&db.read(), account)?;
    let evidence = input
        .evidence
        .as_deref()
        .map(|e| contact::parse_text("evidence", e, 200, false))
        .transpose()?;
    if input.choice == Choice::OptIn && input.method == "oral" && evidence.is_none() {
        return Err(Error::usage(
            "evidence",
            "an oral opt-in needs --evidence REF (the call recording or note)",
        )
        .hint("64.2007(a): a carrier relying on oral approval must be able to prove it"));
    }
    if let Some(s) = &input.session {
        let ok = db
            .read()
            .session(s)?
            .is_some_and(|s| s.account == c.account);
        if !ok {
            return Err(Error::not_found(
                "no-session",
                format!("no session {} for account {}", safe(s), c.account),
            ));
        }
    }
    let now = clock::now();
    let history = db.read().consent_history(&c.account)?;
    let notice_missing = input.choice == Choice::OptIn
        && !history
            .iter()
            .any(|r| r.kind == "notice" && r.sent_on.is_some());
    let row = Row {
        account: c.account.clone(),
        kind: input.choice.as_str().into(),
        method: Some(input.method.clone()),
        evidence: evidence.clone(),
        notice_missing,
        session: input.session.clone(),
        agent: actor.login.clone(),
        recorded_at: clock::format(now),
        ..Row::default()
    };
    let ev = Event::new("consent.record")
        .account(&c.account)
        .session(input.session.as_deref().unwrap_or(""))
        .with("choice", input.choice.as_str())
        .with("method", input.method.clone())
        .with("evidence", evidence)
        .with("notice_missing", notice_missing);
    let opt_in = input.choice == Choice::OptIn;
    let refusal = db.step(|tx| {
        // An opt-in widens the use of CPNI: a session verified on this account, open and the
        // acting agent's own, read here under the writer lock (issue 12, rule 6). Denials and
        // revocations from anyone.
        let verified = match &input.session {
            Some(id) => tx.session(id)?.is_some_and(|s| {
                s.account == c.account
                    && s.ended_at.is_none()
                    && s.owner() == actor.on_behalf_of.as_deref().unwrap_or(&actor.login)
                    && policy::is_verified(s.basis.as_deref().and_then(Basis::parse))
            }),
            None => false,
        };
        if let Err(msg) = escalation::check_choice(opt_in, verified) {
            let refused = Event::new("consent.refused")
                .account(&c.account)
                .session(input.session.as_deref().unwrap_or(""))
                .with("choice", input.choice.as_str())
                .with("reason", msg);
            tx.append(actor, now, refused)?;
            return Ok(Some(msg));
        }
        tx.insert_consent(&row)?;
        tx.append(actor, now, ev.with("session_verified", verified))?;
        Ok(None)
    })?;
    if let Some(msg) = refusal {
        return Err(Error::refused("opt-in-needs-verified-session", msg).hint(
            "verify the caller on this account first (cpni session …) and pass --session; this attempt was recorded",
        ));
    }
    if notice_missing {
        ctx.out.note("warning: no opt-out notice has been sent to this customer; the opt-in is recorded as given without the notice of 64.2008(a)");
    }
    Ok(status_of(&db.read(), &c.account, now.date())?.0)
}

fn record(ctx: &Ctx, a: RecordArgs) -> Result<u8> {
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "consent record", CALL_HANDLERS)?;
    let choice = match (a.opt_in, a.deny) {
        (true, _) => Choice::OptIn,
        (_, true) => Choice::Deny,
        _ => Choice::Revoke,
    };
    let input = ChoiceInput {
        choice,
        method: a.method,
        evidence: a.evidence,
        session: a.session.map(|s| s.trim().to_ascii_uppercase()),
    };
    let account = contact::parse_account_id(&a.account)?;
    let status = record_choice(ctx, &mut db, &acting.actor, &account, &input)?;
    let mut doc = status_json(&status);
    doc["account"] = json!(account);
    doc["recorded"] = json!(choice.as_str());
    ctx.out.print(
        &doc,
        &format!(
            "Recorded {}. {account}  CPNI approval: {}",
            choice.as_str(),
            status.label()
        ),
    );
    Ok(0)
}

fn check(ctx: &Ctx, a: CheckArgs) -> Result<u8> {
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "consent check", CALL_HANDLERS)?;
    let c = load(&db.read(), &a.account)?;
    let use_ = Use::parse(&a.use_).ok_or_else(|| Error::usage("use", "unknown --use"))?;
    let now = clock::now();
    // Decided inside the transaction that records it, on approval rows as the chain shows them
    // (row seals: a planted or edited row is refused, exit 6).
    let (status, allowed, reason) = db.step(|tx| {
        let (status, rows) = status_of(tx, &c.account, now.date())?;
        for r in &rows {
            tx.require_sealed("consent", "id", &r.id.to_string())?;
        }
        let present: Vec<String> = rows
            .iter()
            .map(|r| format!("consent row {}", r.id))
            .collect();
        tx.require_none_missing(&c.account, "consent row ", &present)?;
        let (allowed, reason) = match consent::check(&status, use_, now.date()) {
            Ok(r) => (true, r),
            Err(r) => (false, r),
        };
        let ev = Event::new("consent.check")
            .account(&c.account)
            .with("use", use_.as_str())
            .with("status", status.id())
            .with("allowed", allowed)
            .with("reason", reason.clone());
        tx.append(&acting.actor, now, ev)?;
        Ok((status, allowed, reason))
    })?;
    if !allowed {
        return Err(Error::refused(
            "not-approved",
            format!(
                "{} is not allowed for {}: {reason}",
                use_.as_str(),
                c.account
            ),
        )
        .hint(format!(
            "status: {}; see `cpni consent show {}`",
            status.label(),
            c.account
        )));
    }
    let mut doc = status_json(&status);
    doc["account"] = json!(c.account);
    doc["use"] = json!(use_.as_str());
    doc["allowed"] = json!(true);
    doc["reason"] = json!(reason);
    ctx.out.print(
        &doc,
        &format!("Allowed: {} for {}: {reason}.", use_.as_str(), c.account),
    );
    Ok(0)
}
