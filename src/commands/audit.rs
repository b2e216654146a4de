//! `cpni audit …`: reading, verifying, checkpointing and exporting the audit log (supervisor,
//! admin). Each subcommand beyond `list` lives in its own file below `commands/audit/`.

mod checkpoint;
mod export;
mod files;
mod proofs;
mod purge;
pub mod schedule;
mod verify;

use std::io::IsTerminal;

use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::Value;

use crate::clock;
use crate::commands::context::{Ctx, SUPERVISORS};
use crate::domain::contact;
use crate::error::{Error, Result};
use crate::store::audit::Filter;
use crate::ui::term::safe;

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum AuditCommand {
    /// List audit records, oldest first (the newest N with --limit)
    List(ListArgs),
    /// Recompute the whole hash chain (or check an export offline); exit 6 names the first bad record
    Verify(verify::VerifyArgs),
    /// Record and print a signed checkpoint of the log's head; keep it off this machine
    Checkpoint(checkpoint::CheckpointArgs),
    /// Print the Ed25519 public key that signs checkpoints (hex)
    PublicKey,
    /// Export records as CSV, JSON Lines or JSON, with a signed manifest (the export is recorded)
    Export(export::ExportArgs),
    /// Delete the oldest records past every retention floor (admin); the purge is recorded and checkpointed
    Purge(purge::PurgeArgs),
    /// Print the signed manifest of the export recorded as audit record SEQ (also for stdout exports)
    Manifest(ManifestArgs),
}

#[derive(Debug, Args)]
pub struct ManifestArgs {
    /// The export's audit record (printed by `cpni audit export`)
    pub seq: i64,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this account
    #[arg(long)]
    pub account: Option<String>,
    /// Only records by (or on behalf of) this agent login
    #[arg(long)]
    pub agent: Option<String>,
    /// Only this session
    #[arg(long)]
    pub session: Option<String>,
    /// Only this event type (e.g. auth.pin.fail)
    #[arg(long)]
    pub event: Option<String>,
    /// From this time (RFC 3339 or YYYY-MM-DD, inclusive)
    #[arg(long, value_name = "T")]
    pub since: Option<String>,
    /// Before this time (RFC 3339 or YYYY-MM-DD, exclusive)
    #[arg(long, value_name = "T")]
    pub until: Option<String>,
    /// At most this many (the newest)
    #[arg(long, default_value_t = 100)]
    pub limit: i64,
}

pub fn run(ctx: &Ctx, cmd: AuditCommand) -> Result<u8> {
    match cmd {
        AuditCommand::List(a) => list(ctx, a),
        AuditCommand::Verify(a) => verify::run(ctx, a),
        AuditCommand::Checkpoint(a) => checkpoint::run(ctx, a),
        AuditCommand::PublicKey => checkpoint::public_key(ctx),
        AuditCommand::Export(a) => export::run(ctx, a),
        AuditCommand::Purge(a) => purge::run(ctx, a),
        AuditCommand::Manifest(a) => manifest(ctx, a),
    }
}

/// `cpni audit manifest SEQ`: the stored signed manifest, as JSON, on stdout.
fn manifest(ctx: &Ctx, a: ManifestArgs) -> Result<u8> {
    let mut db = ctx.open()?;
    ctx.acting(&mut db, "audit manifest", SUPERVISORS)?;
    let body = db.read().manifest(a.seq)?.ok_or_else(|| {
        Error::not_found(
            "no-manifest",
            format!("audit record {} has no stored export manifest", a.seq),
        )
        .hint("give the audit record number `cpni audit export` printed (`cpni audit list --event audit.export`)")
    })?;
    let doc: Value = serde_json::from_str(&body).unwrap_or_default();
    ctx.out.print(&doc, body.trim_end());
    Ok(0)
}

/// A progress bar on stderr when stderr is a terminal (and output is not quiet or JSON).
fn progress(ctx: &Ctx, total: u64, what: &'static str) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() || ctx.out.quiet || ctx.out.json {
        return None;
    }
    let style = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({per_sec}, {eta})")
        .ok()?
        .progress_chars("=> ");
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    let bar = bar.with_style(style);
    bar.set_message(what);
    Some(bar)
}

pub(crate) fn bound(flag: &str, v: Option<&str>) -> Result<Option<String>> {
    v.map(|s| {
        clock::parse_bound(s).map(clock::format).ok_or_else(|| {
            Error::usage("time", format!("{flag} {:?} is not a time", safe(s)))
                .hint("use RFC 3339 (2026-03-06T10:00:00Z) or a date (2026-03-06)")
        })
    })
    .transpose()
}

fn list(ctx: &Ctx, a: ListArgs) -> Result<u8> {
    let filter = Filter {
        account: a
            .account
            .as_deref()
            .map(contact::parse_account_id)
            .transpose()?,
        actor: a.agent.clone(),
        session: a.session.clone(),
        event: a.event.clone(),
        since: bound("--since", a.since.as_deref())?,
        until: bound("--until", a.until.as_deref())?,
        limit: Some(a.limit.max(1)),
        after_seq: None,
    };
    let mut db = ctx.open()?;
    ctx.acting(&mut db, "audit list", SUPERVISORS)?;
    let records = db.read().audit_list(&filter)?;
    let docs: Vec<Value> = records
        .iter()
        .map(|r| serde_json::to_value(r).unwrap_or_default())
        .collect();
    let text: Vec<String> = records
        .iter()
        .map(|r| {
            let who = if r.on_behalf_of.is_empty() {
                r.actor.clone()
            } else {
                format!("{} for {}", r.actor, r.on_behalf_of)
            };
            format!(
                "{:>6} {} {:<14} {:<22} {:<12} {}",
                r.seq,
                r.at,
                safe(&who),
                r.event,
                r.account,
                safe(&r.detail)
            )
        })
        .collect();
    ctx.out.print_lines(&docs, &text.join("\n"));
    Ok(0)
}
