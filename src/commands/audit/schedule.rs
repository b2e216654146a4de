//! Automatic checkpoints (`[checkpoint]` in the config): after each command that wrote, and
//! after every export and purge, a checkpoint is signed when the schedule says it is due (never
//! after `audit verify` or a command that failed with exit 6: [`crate::commands`]), and
//! each new checkpoint goes to `checkpoint.command` on stdin (run without a shell).
//!
//! The records since the newest stored checkpoint are checked to chain on from it before
//! anything is signed (the part before it is covered by that checkpoint's signature). A user
//! who cannot read the signing key (an agent on a shared machine) signs nothing; the next
//! supervisor or admin command that writes does.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::audit::Actor;
use crate::audit::checkpoint::Checkpoint;
use crate::audit::schedule::{self, Tail};
use crate::commands::context::{Ctx, os_login};
use crate::error::Result;
use crate::store::Db;
use crate::{clock, secrets};

/// The unsigned tail of the log now: records after the newest stored checkpoint (or the base)
/// and minutes from that checkpoint to the newest record.
pub fn tail(db: &Db) -> Result<(Tail, Option<Checkpoint>)> {
    let conn = &db.read();
    let newest = conn
        .newest_checkpoint()?
        .and_then(|(_, body)| serde_json::from_str::<Checkpoint>(&body).ok());
    let (head_seq, _) = conn.audit_head()?.unwrap_or(conn.audit_base()?);
    let from = match &newest {
        Some(c) => c.seq,
        None => conn.audit_base()?.0,
    };
    let head_at = conn.audit_at_of(head_seq)?;
    let minutes = match (&newest, head_at) {
        (Some(c), Some(h)) => match (clock::parse(&c.at), clock::parse(&h)) {
            (Some(a), Some(b)) => (b - a).whole_minutes(),
            _ => 0,
        },
        _ => 0,
    };
    Ok((
        Tail {
            records: head_seq - from,
            minutes,
        },
        newest,
    ))
}

/// After a command: signs a checkpoint when one is due (`force`: after an export or purge,
/// whenever `[checkpoint]` is configured and records follow the newest checkpoint). Problems
/// are reported on stderr and never change the command's outcome.
pub fn after_write(ctx: &Ctx, force: bool) {
    let c = &ctx.cfg.checkpoint;
    if !c.enabled() || (!force && c.every_records.is_none() && c.every_minutes.is_none()) {
        return;
    }
    if let Err(e) = checkpoint_if_due(ctx, force) {
        ctx.out.note(&format!(
            "warning: the scheduled audit checkpoint was not made: {e}"
        ));
    }
}

fn checkpoint_if_due(ctx: &Ctx, force: bool) -> Result<()> {
    if ctx.cfg.postgres.is_none() && !ctx.cfg.db_path.exists() {
        return Ok(());
    }
    let mut db = ctx.open()?;
    let (t, newest) = tail(&db)?;
    if !(schedule::due(&ctx.cfg.checkpoint, t) || (force && t.records > 0)) {
        return Ok(());
    }
    let Ok(seed) = secrets::read_key(&secrets::key_paths(db.path()).1) else {
        return Ok(());
    };
    let base = db.read().audit_base()?;
    let from = match &newest {
        Some(c) => (c.seq, c.hash_bytes()?.to_vec()),
        None => base.clone(),
    };
    let actor = Actor {
        login: os_login(),
        on_behalf_of: None,
    };
    let now = clock::now();
    let cp = db.step(|tx| {
        super::checkpoint::check_since(tx, from.0, &from.1)?;
        super::checkpoint::check_head(tx, &seed)?;
        super::checkpoint::append_signed(tx, &actor, &seed, &base, now, None)
    })?;
    deliver(ctx, &cp);
    Ok(())
}

/// Hands `cp` (pretty JSON) to `[checkpoint] command` on stdin, if one is configured. A
/// failure is a warning: the checkpoint is stored in the database either way.
pub fn deliver(ctx: &Ctx, cp: &Checkpoint) {
    let Some(argv) = ctx.cfg.checkpoint.command.as_ref() else {
        return;
    };
    let text = serde_json::to_string_pretty(cp).unwrap_or_default() + "\n";
    let run = || -> std::io::Result<std::process::ExitStatus> {
        let mut child = Command::new(&argv[0])
            .args(&argv[1..])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(text.as_bytes())?;
        }
        child.wait()
    };
    let failure = match run() {
        Ok(s) if s.success() => return,
        Ok(s) => format!("checkpoint.command exited with {s}"),
        Err(e) => format!("checkpoint.command could not run: {e}"),
    };
    let recorded = record_unshipped(ctx, cp, &failure);
    ctx.out.note(&format!(
        "warning: {failure}: checkpoint {} did not leave this machine{}; it is stored in the \
         database, and the next checkpoint sent covers it (`cpni audit checkpoint --output FILE` \
         signs one now; `cpni audit verify --checkpoints DIR` says how far the shipped ones lag)",
        cp.seq,
        if recorded {
            " (recorded as audit.checkpoint.unshipped)"
        } else {
            ""
        }
    ));
}

/// Records that checkpoint `cp` could not be shipped, so a supervisor reading the log (or a
/// report) sees the gap, not only whoever read this step's stderr.
fn record_unshipped(ctx: &Ctx, cp: &Checkpoint, failure: &str) -> bool {
    let actor = Actor {
        login: os_login(),
        on_behalf_of: None,
    };
    let write = || -> Result<()> {
        let mut db = ctx.open()?;
        db.step(|tx| {
            let ev = crate::audit::Event::new("audit.checkpoint.unshipped")
                .with("checkpoint", cp.seq)
                .with("error", crate::ui::term::safe(failure).as_ref());
            tx.append(&actor, clock::now(), ev)?;
            Ok(())
        })
    };
    write().is_ok()
}
