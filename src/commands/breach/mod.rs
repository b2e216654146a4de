//! `cpni breach open|hold|notice|link|close|list|show`: breach records of 64.2011 with their
//! deadlines (supervisor, admin). cpni never contacts anyone about a breach: it records what
//! was determined and what notices were given, and computes what is due when. Times given on
//! the command line take their calendar date in the carrier's time zone (`[breach] time_zone`);
//! a plain date means that day there. A closed breach's records are kept two years from its
//! close.

pub mod view;

use clap::{Args, Subcommand};
use serde_json::Value;
use time::{Date, OffsetDateTime};

use crate::audit::{self, Event};
use crate::clock;
use crate::commands::context::{Ctx, SUPERVISORS};
use crate::domain::breach::{Rule, Standing};
use crate::domain::contact;
use crate::error::{Error, Result};
use crate::store::Db;
use crate::store::breach::{Breach, Hold, Notice};
use crate::ui::term::safe;

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum BreachCommand {
    /// Record a breach and show its deadlines
    Open(Box<OpenArgs>),
    /// Record a law-enforcement (or FCC) direction to delay customer notice
    Hold(HoldArgs),
    /// Record a notice given to law enforcement, the FCC or the customers
    Notice(NoticeArgs),
    /// Link a session whose disclosures went to an impostor
    Link(LinkArgs),
    /// Close a breach (its records are then kept two more years, then may be purged)
    Close(CloseArgs),
    /// List breaches with their deadlines and standing
    List,
    /// Show one breach: facts, deadlines, notices, holds, linked sessions
    Show {
        /// Breach id
        id: i64,
    },
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// When the breach was first suspected (RFC 3339, or YYYY-MM-DD)
    #[arg(long, value_name = "T")]
    pub discovered: String,
    /// When the carrier reasonably determined a breach occurred; deadlines count from its date
    #[arg(long, value_name = "T")]
    pub determined: String,
    /// What happened
    #[arg(long)]
    pub description: String,
    /// Affected accounts
    #[arg(long, value_delimiter = ',', value_name = "A,B,…")]
    pub accounts: Vec<String>,
    /// Which text of 64.2011 applies [default: the config's breach.rule, else 2007]
    #[arg(long, value_parser = ["2007", "2024"])]
    pub rule: Option<String>,
    /// How the data was compromised (required by the 2024 rule)
    #[arg(long)]
    pub method: Option<String>,
    /// First day of the breach (2024 rule)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day of the breach (2024 rule)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Approximate number of customers affected, or "unknown" (2024 rule)
    #[arg(long, value_name = "N|unknown")]
    pub affected: Option<String>,
    /// Estimated financial loss to the carrier and customers (2024 rule)
    #[arg(long, value_name = "TEXT")]
    pub estimated_loss: Option<String>,
    /// Types of data affected, e.g. call-detail,account,pii (2024 rule)
    #[arg(long, value_delimiter = ',', value_name = "T,…")]
    pub data_types: Vec<String>,
    /// The carrier's contact for this breach (2024 rule)
    #[arg(long)]
    pub contact: Option<String>,
    /// Whether harm to customers is reasonably likely (2024 rule)
    #[arg(long, value_parser = ["likely", "unlikely"])]
    pub harm: Option<String>,
}

#[derive(Debug, Args)]
pub struct HoldArgs {
    /// Breach id
    pub id: i64,
    /// Last day of the hold (YYYY-MM-DD); customers may be told from the day after
    #[arg(long, value_name = "DATE")]
    pub until: String,
    /// The agency's direction (reference)
    #[arg(long)]
    pub reference: Option<String>,
}

#[derive(Debug, Args)]
pub struct NoticeArgs {
    /// Breach id
    pub id: i64,
    /// Who was notified
    #[arg(long, value_parser = ["law-enforcement", "fcc", "customers"])]
    pub to: String,
    /// When (RFC 3339, or YYYY-MM-DD)
    #[arg(long, value_name = "T")]
    pub at: String,
    /// Confirmation or report number
    #[arg(long)]
    pub reference: Option<String>,
    /// An early customer notice after consulting the investigating agency: its reference
    #[arg(long, value_name = "REF")]
    pub urgent_consulted: Option<String>,
}

#[derive(Debug, Args)]
pub struct CloseArgs {
    /// Breach id
    pub id: i64,
    /// Why the breach is closed (notices complete, investigation ended, …)
    #[arg(long)]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct LinkArgs {
    /// Breach id
    pub id: i64,
    /// Session whose disclosures went to an impostor
    #[arg(long)]
    pub session: String,
}

pub fn run(ctx: &Ctx, cmd: BreachCommand) -> Result<u8> {
    let mut db = ctx.open()?;
    let name = match &cmd {
        BreachCommand::Open(_) => "breach open",
        BreachCommand::Hold(_) => "breach hold",
        BreachCommand::Notice(_) => "breach notice",
        BreachCommand::Link(_) => "breach link",
        BreachCommand::Close(_) => "breach close",
        BreachCommand::List => "breach list",
        BreachCommand::Show { .. } => "breach show",
    };
    let acting = ctx.acting(&mut db, name, SUPERVISORS)?;
    let login = acting.actor.login.clone();
    let now = clock::now();
    let w = Writer {
        ctx,
        actor: &acting.actor,
        login: &login,
        now,
    };
    match cmd {
        BreachCommand::Open(a) => open(&w, &mut db, *a),
        BreachCommand::Hold(a) => hold(&w, &mut db, a),
        BreachCommand::Notice(a) => notice(&w, &mut db, a),
        BreachCommand::Link(a) => link(&w, &mut db, a),
        BreachCommand::Close(a) => close(&w, &mut db, a),
        BreachCommand::List => list(ctx, &db, now),
        BreachCommand::Show { id } => show(ctx, &db, id, now),
    }
}

struct Writer<'a> {
    ctx: &'a Ctx,
    actor: &'a audit::Actor,
    login: &'a str,
    now: OffsetDateTime,
}

/// A time given on the command line: the stored UTC time and its calendar date in the
/// carrier's zone. A plain date is that day's first instant there.
fn time_arg(w: &Writer<'_>, flag: &str, s: &str) -> Result<(String, Date)> {
    let (now, zone) = (w.now, &w.ctx.cfg.time_zone);
    let bad = || {
        Error::usage(
            "invalid-field",
            format!(
                "{flag} {} is not a date or RFC 3339 time",
                crate::ui::term::excerpt(s)
            ),
        )
        .hint("use YYYY-MM-DD or 2026-03-06T10:00:00-05:00")
    };
    let (t, d) = match (clock::parse(s.trim()), clock::parse_date(s)) {
        (Some(t), _) => (t, zone.date_of(t)),
        (None, Some(d)) => (zone.start_of(d), d),
        _ => return Err(bad()),
    };
    if t > now {
        return Err(Error::usage(
            "invalid-field",
            format!("{flag} {} is in the future", safe(s)),
        ));
    }
    Ok((clock::format(t), d))
}

fn date_arg(flag: &str, s: &str) -> Result<Date> {
    clock::parse_date(s).ok_or_else(|| {
        Error::usage(
            "invalid-field",
            format!(
                "{flag} {} is not a date like 2026-03-06",
                crate::ui::term::excerpt(s)
            ),
        )
    })
}

fn text_arg(field: &str, v: Option<&str>) -> Result<Option<String>> {
    Ok(v.map(|s| contact::parse_text(field, s, 2000, false))
        .transpose()?)
}

fn not_found(id: i64) -> Error {
    Error::not_found("no-breach", format!("no breach #{id}")).hint("see `cpni breach list`")
}

/// Checks the 2024 rule's required fields; returns the names missing.
fn missing_2024(a: &OpenArgs) -> Vec<&'static str> {
    [
        ("--method", a.method.is_none()),
        ("--from", a.from.is_none()),
        ("--to", a.to.is_none()),
        ("--affected", a.affected.is_none()),
        ("--estimated-loss", a.estimated_loss.is_none()),
        ("--data-types", a.data_types.is_empty()),
        ("--contact", a.contact.is_none()),
        ("--harm", a.harm.is_none()),
    ]
    .into_iter()
    .filter_map(|(f, missing)| missing.then_some(f))
    .collect()
}

fn affected_arg(v: Option<&str>) -> Result<Option<i64>> {
    match v {
        None | Some("unknown") => Ok(None),
        Some(n) => n
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .map(Some)
            .ok_or_else(|| {
                Error::usage(
                    "invalid-field",
                    format!(
                        "--affected {:?}: a number of customers or \"unknown\"",
                        safe(n)
                    ),
                )
            }),
    }
}

fn open(w: &Writer<'_>, db: &mut Db, a: OpenArgs) -> Result<u8> {
    let rule = match a.rule.as_deref() {
        Some(r) => Rule::parse(r).unwrap_or(Rule::R2007),
        None => w.ctx.cfg.breach_rule,
    };
    if rule == Rule::R2024 {
        let missing = missing_2024(&a);
        if !missing.is_empty() {
            return Err(Error::usage(
                "missing-field",
                format!("the 2024 rule needs {}", missing.join(", ")),
            )
            .hint("64.2011 (2024): the notice names the method of compromise, the date range, the number of customers (or \"unknown\"), the estimated loss, the types of data and a contact; --harm decides customer notice"));
        }
    }
    let (discovered_at, _) = time_arg(w, "--discovered", &a.discovered)?;
    let (determined_at, determined_on) = time_arg(w, "--determined", &a.determined)?;
    if determined_at < discovered_at {
        return Err(
            Error::usage("invalid-field", "--determined is earlier than --discovered")
                .hint("the determination follows the discovery; check both times"),
        );
    }
    let (began_on, ended_on) = (
        a.from
            .as_deref()
            .map(|s| date_arg("--from", s))
            .transpose()?,
        a.to.as_deref().map(|s| date_arg("--to", s)).transpose()?,
    );
    if let (Some(f), Some(t)) = (began_on, ended_on)
        && t < f
    {
        return Err(Error::usage("invalid-field", "--to is earlier than --from"));
    }
    let mut accounts = Vec::new();
    for acc in &a.accounts {
        let id = contact::parse_account_id(acc)?;
        if !db.read().customer_exists(&id)? {
            return Err(Error::not_found(
                "no-account",
                format!("no customer with account {id}"),
            ));
        }
        accounts.push(id);
    }
    let data_types: Vec<String> = a.data_types.iter().map(|t| t.trim().to_string()).collect();
    let b = Breach {
        rule: rule.as_str().into(),
        description: contact::parse_text("description", &a.description, 2000, false)?,
        discovered_at,
        determined_at,
        determined_on: determined_on.to_string(),
        method: text_arg("method", a.method.as_deref())?,
        began_on: began_on.map(|d| d.to_string()),
        ended_on: ended_on.map(|d| d.to_string()),
        affected: affected_arg(a.affected.as_deref())?,
        estimated_loss: text_arg("estimated-loss", a.estimated_loss.as_deref())?,
        data_types: (!data_types.is_empty()).then(|| data_types.join(",")),
        contact: text_arg("contact", a.contact.as_deref())?,
        harm_likely: a.harm.as_deref().map(|h| h == "likely"),
        opened_by: w.login.to_string(),
        opened_at: clock::format(w.now),
        ..Breach::default()
    };
    let id = db.step(|tx| {
        let id = tx.insert_breach(&b, &accounts)?;
        let ev = Event::new("breach.open")
            .with("breach", id)
            .with("rule", rule.as_str())
            .with("determined_at", b.determined_at.clone())
            .with("accounts", accounts.clone());
        tx.append(w.actor, w.now, ev)?;
        Ok(id)
    })?;
    show(w.ctx, db, id, w.now)
}

fn hold(w: &Writer<'_>, db: &mut Db, a: HoldArgs) -> Result<u8> {
    db.read().breach(a.id)?.ok_or_else(|| not_found(a.id))?;
    let until = date_arg("--until", &a.until)?;
    let h = Hold {
        until_on: until.to_string(),
        reference: text_arg("reference", a.reference.as_deref())?,
        agent: w.login.to_string(),
        recorded_at: clock::format(w.now),
    };
    db.step(|tx| {
        tx.add_breach_hold(a.id, &h)?;
        let ev = Event::new("breach.hold")
            .with("breach", a.id)
            .with("until", h.until_on.clone())
            .with("reference", h.reference.clone());
        tx.append(w.actor, w.now, ev).map(|_| ())
    })?;
    show(w.ctx, db, a.id, w.now)
}

fn notice(w: &Writer<'_>, db: &mut Db, a: NoticeArgs) -> Result<u8> {
    db.read().breach(a.id)?.ok_or_else(|| not_found(a.id))?;
    let (at, on) = time_arg(w, "--at", &a.at)?;
    if a.urgent_consulted.is_some() && a.to != "customers" {
        return Err(Error::usage(
            "invalid-field",
            "--urgent-consulted is only for an early notice to customers",
        ));
    }
    let n = Notice {
        party: a.to.clone(),
        at,
        on_date: on.to_string(),
        reference: text_arg("reference", a.reference.as_deref())?,
        urgent_ref: text_arg("urgent-consulted", a.urgent_consulted.as_deref())?,
        agent: w.login.to_string(),
        recorded_at: clock::format(w.now),
    };
    db.step(|tx| {
        tx.add_breach_notice(a.id, &n)?;
        let ev = Event::new("breach.notice")
            .with("breach", a.id)
            .with("to", n.party.clone())
            .with("at", n.at.clone())
            .with("reference", n.reference.clone())
            .with("urgent_consulted", n.urgent_ref.clone());
        tx.append(w.actor, w.now, ev).map(|_| ())
    })?;
    let b = db.read().breach(a.id)?.ok_or_else(|| not_found(a.id))?;
    let l = view::load(&db.read(), b)?;
    let c = view::compute(&l, &w.ctx.cfg.calendar, &w.ctx.cfg.time_zone, w.now);
    if a.to == "customers" && c.standings.customers == Standing::Early {
        w.ctx.out.note("warning: this customer notice is earlier than the rule allows (before the law-enforcement notice, its 7 full business days, or a hold); if the agency was consulted, record it with --urgent-consulted REF");
    }
    print(w.ctx, &l, &c);
    Ok(0)
}

fn link(w: &Writer<'_>, db: &mut Db, a: LinkArgs) -> Result<u8> {
    db.read().breach(a.id)?.ok_or_else(|| not_found(a.id))?;
    let sid = a.session.trim().to_ascii_uppercase();
    let s = db.read().session(&sid)?.ok_or_else(|| {
        Error::not_found("no-session", format!("no session {}", safe(&sid)))
            .hint("find it with `cpni audit list --account ACCOUNT`")
    })?;
    let at = clock::format(w.now);
    db.step(|tx| {
        if tx.add_breach_link(a.id, &s.id, w.login, &at)? {
            tx.add_breach_account(a.id, &s.account)?;
            let ev = Event::new("breach.link")
                .account(&s.account)
                .session(&s.id)
                .with("breach", a.id);
            tx.append(w.actor, w.now, ev)?;
        }
        Ok(())
    })?;
    show(w.ctx, db, a.id, w.now)
}

fn close(w: &Writer<'_>, db: &mut Db, a: CloseArgs) -> Result<u8> {
    db.read().breach(a.id)?.ok_or_else(|| not_found(a.id))?;
    let reason = contact::parse_text("reason", &a.reason, 2000, false)?;
    let at = clock::format(w.now);
    db.step(|tx| {
        if !tx.close_breach(a.id, &at, w.login, &reason)? {
            let closed = tx.breach(a.id)?.and_then(|b| b.closed_at);
            return Err(Error::refused(
                "breach-closed",
                format!(
                    "breach #{} was closed already ({})",
                    a.id,
                    closed.as_deref().unwrap_or("?")
                ),
            )
            .hint("a close is recorded once; its records are kept two years from that close"));
        }
        let ev = Event::new("breach.close")
            .with("breach", a.id)
            .with("reason", reason.clone());
        tx.append(w.actor, w.now, ev).map(|_| ())
    })?;
    show(w.ctx, db, a.id, w.now)
}

fn print(ctx: &Ctx, l: &view::Loaded, c: &view::Computed) {
    let cal = &ctx.cfg.calendar;
    ctx.out
        .print(&view::json(l, c, cal), &view::text(l, c, cal));
}

fn show(ctx: &Ctx, db: &Db, id: i64, now: OffsetDateTime) -> Result<u8> {
    let b = db.read().breach(id)?.ok_or_else(|| not_found(id))?;
    let l = view::load(&db.read(), b)?;
    let c = view::compute(&l, &ctx.cfg.calendar, &ctx.cfg.time_zone, now);
    print(ctx, &l, &c);
    Ok(0)
}

fn list(ctx: &Ctx, db: &Db, now: OffsetDateTime) -> Result<u8> {
    let cal = &ctx.cfg.calendar;
    let mut docs: Vec<Value> = Vec::new();
    let mut text: Vec<String> = Vec::new();
    for b in db.read().breaches(None, None)? {
        let l = view::load(&db.read(), b)?;
        let c = view::compute(&l, cal, &ctx.cfg.time_zone, now);
        text.push(format!(
            "#{:<4} {} rule  {}  determined {}  LE by {} ({})  customers: {}  {}",
            l.breach.id,
            c.rule.as_str(),
            if l.breach.closed_at.is_some() {
                "closed"
            } else {
                "open  "
            },
            c.determined_on,
            c.deadlines.le_deadline,
            c.standings.law_enforcement.as_str(),
            c.standings.customers.as_str(),
            safe(&l.breach.description)
        ));
        docs.push(view::json(&l, &c, cal));
    }
    if text.is_empty() {
        text.push("No breaches recorded.".into());
    }
    ctx.out.print_lines(&docs, &text.join("\n"));
    Ok(0)
}
