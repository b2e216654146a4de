//! `cpni complaint add|list`: customer complaints about the use or release of CPNI, for the
//! complaint summary of the annual certification (64.2009(e)). A complaint of pretexting also
//! counts as a report of a suspected pretexter.

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use crate::audit::Event;
use crate::clock;
use crate::commands::context::{CALL_HANDLERS, Ctx, SUPERVISORS};
use crate::commands::customer::show::load;
use crate::domain::contact;
use crate::error::{Error, Result};
use crate::store::complaint::{Complaint, Filter};
use crate::ui::term::safe;

/// Complaint categories.
pub const CATEGORIES: [&str; 3] = ["unauthorized-release", "pretexting", "other"];

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum ComplaintCommand {
    /// Record a customer's complaint
    Add(AddArgs),
    /// List complaints (supervisor, admin)
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Account id
    pub account: String,
    /// What the complaint is about
    #[arg(long, value_parser = CATEGORIES)]
    pub category: String,
    /// What the customer said
    #[arg(long)]
    pub description: String,
    /// The session of the call on which it was made
    #[arg(long)]
    pub session: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this account's complaints
    #[arg(long)]
    pub account: Option<String>,
    /// Only this category
    #[arg(long, value_parser = CATEGORIES)]
    pub category: Option<String>,
    /// Received at or after (RFC 3339 or YYYY-MM-DD)
    #[arg(long)]
    pub since: Option<String>,
    /// Received before (RFC 3339 or YYYY-MM-DD)
    #[arg(long)]
    pub until: Option<String>,
}

pub fn run(ctx: &Ctx, cmd: ComplaintCommand) -> Result<u8> {
    match cmd {
        ComplaintCommand::Add(a) => add(ctx, a),
        ComplaintCommand::List(a) => list(ctx, a),
    }
}

fn add(ctx: &Ctx, a: AddArgs) -> Result<u8> {
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "complaint add", CALL_HANDLERS)?;
    let c = load(&db.read(), &a.account)?;
    let description = contact::parse_text("description", &a.description, 2000, false)?;
    let session = a.session.map(|s| s.trim().to_ascii_uppercase());
    if let Some(s) = &session
        && db.read().session(s)?.is_none_or(|s| s.account != c.account)
    {
        return Err(Error::not_found(
            "no-session",
            format!("no session {} for account {}", safe(s), c.account),
        ));
    }
    let now = clock::now();
    let mut row = Complaint {
        account: c.account.clone(),
        category: a.category.clone(),
        description,
        session: session.clone(),
        agent: acting.actor.login.clone(),
        received_at: clock::format(now),
        ..Complaint::default()
    };
    row.id = db.step(|tx| {
        let id = tx.insert_complaint(&row)?;
        let ev = Event::new("complaint.add")
            .account(&c.account)
            .session(session.as_deref().unwrap_or(""))
            .with("complaint", id)
            .with("category", a.category.clone());
        tx.append(&acting.actor, now, ev)?;
        Ok(id)
    })?;
    let mut text = format!("Complaint #{} recorded ({}).", row.id, row.category);
    if row.category != "other" {
        text.push_str(
            "\nTell a supervisor: it may be a breach (cpni breach open) and it goes into the annual certification.",
        );
    }
    ctx.out
        .print(&serde_json::to_value(&row).unwrap_or_default(), &text);
    Ok(0)
}

fn bound(flag: &str, v: Option<&str>) -> Result<Option<String>> {
    v.map(|s| {
        clock::parse_bound(s).map(clock::format).ok_or_else(|| {
            Error::usage(
                "invalid-field",
                format!(
                    "{flag} {} is not a date or RFC 3339 time",
                    crate::ui::term::excerpt(s)
                ),
            )
            .hint("use YYYY-MM-DD or 2026-03-06T10:00:00Z")
        })
    })
    .transpose()
}

fn list(ctx: &Ctx, a: ListArgs) -> Result<u8> {
    let mut db = ctx.open()?;
    ctx.acting(&mut db, "complaint list", SUPERVISORS)?;
    let f = Filter {
        account: a
            .account
            .as_deref()
            .map(contact::parse_account_id)
            .transpose()?,
        category: a.category,
        since: bound("--since", a.since.as_deref())?,
        until: bound("--until", a.until.as_deref())?,
    };
    let rows = db.read().complaints(&f)?;
    let docs: Vec<Value> = rows
        .iter()
        .map(|r| serde_json::to_value(r).unwrap_or(json!({})))
        .collect();
    let mut text: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "#{:<4} {} {:<14} {:<20} {}  [{}]",
                r.id,
                clock::parse(&r.received_at)
                    .map(clock::human)
                    .unwrap_or_default(),
                r.account,
                r.category,
                safe(&r.description),
                safe(&r.agent)
            )
        })
        .collect();
    if text.is_empty() {
        text.push("No complaints match.".into());
    }
    ctx.out.print_lines(&docs, &text.join("\n"));
    Ok(0)
}
