//! `cpni audit checkpoint [--output FILE]` and `cpni audit public-key`.
//!
//! A checkpoint first verifies the chain and that its newest record is the signed head (a
//! signature must never bless a tampered log), then
//! appends an `audit.checkpoint` record and signs the head *including that record*, so removing
//! the checkpoint record itself is caught too. Every checkpoint is also stored in
//! `audit_checkpoint` (so `audit verify` checks the log against all of them) and handed to
//! `[checkpoint] command` on stdin when one is configured (see [`super::schedule`]).

use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use super::files;
use crate::audit::checkpoint::{self, Checkpoint};
use crate::audit::verify::{Checker, Mode};
use crate::audit::{self, Event};
use crate::commands::context::{Ctx, SUPERVISORS};
use crate::error::{Error, Kind, Result};
use crate::store::audit::Filter;
use crate::store::{self, Db};
use crate::{clock, ui::term::safe};

#[derive(Debug, Args)]
pub struct CheckpointArgs {
    /// Also write the checkpoint (JSON) to this file, created 0600
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &Ctx, a: CheckpointArgs) -> Result<u8> {
    if let Some(p) = &a.output {
        files::ensure_free(&[p], a.force)?;
    }
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "audit checkpoint", SUPERVISORS)?;
    let seed = files::signing_seed(db.path())?;
    let base = db.read().audit_base()?;
    let (seq, hash) = super::verify::verified_head(ctx, &db)?;
    let now = clock::now();
    let cp = db.step(|tx| {
        check_since(tx, seq, &hash)?;
        check_head(tx, &seed)?;
        append_signed(tx, &acting.actor, &seed, &base, now, a.output.as_ref())
    })?;
    super::schedule::deliver(ctx, &cp);
    let doc = serde_json::to_value(&cp).unwrap_or_default();
    let pretty = serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
    if let Some(p) = &a.output {
        files::write_new(p, &pretty, a.force, true)?;
    }
    let text = match &a.output {
        Some(p) => format!(
            "Checkpoint at record {} (hash {}) written to {}.\nCopy it off this machine: it proves later that nothing up to record {} was removed or rewritten.",
            cp.seq,
            cp.hash,
            safe(&p.display().to_string()),
            cp.seq
        ),
        None => pretty.trim_end().to_string(),
    };
    ctx.out.print(&doc, &text);
    Ok(0)
}

/// Inside the write lock: appends an `audit.checkpoint` record, signs the head including it
/// (the count is the number of records after `base`, which is signed too) and stores the
/// checkpoint in `audit_checkpoint`.
pub(super) fn append_signed(
    tx: &store::Write<'_>,
    actor: &audit::Actor,
    seed: &[u8; 32],
    base: &(i64, Vec<u8>),
    now: time::OffsetDateTime,
    output: Option<&PathBuf>,
) -> Result<Checkpoint> {
    let key_hex = hex::encode(checkpoint::public_key(seed));
    let ev = Event::new("audit.checkpoint")
        .with("public_key", key_hex)
        .with("output", output.map(|p| p.display().to_string()))
        .with("stored", true);
    let rec = tx.append(actor, now, ev)?;
    let cp = Checkpoint::sign(
        seed,
        rec.seq,
        &rec.hash,
        (base.0, &base.1),
        &clock::format(now),
    );
    let body = serde_json::to_string(&cp).unwrap_or_default();
    tx.insert_checkpoint(cp.seq, &body)?;
    Ok(cp)
}

/// Inside the write lock: the records appended since verification still chain on.
pub(super) fn check_since(tx: &store::Write<'_>, seq: i64, hash: &[u8]) -> Result<()> {
    let filter = Filter {
        after_seq: Some(seq),
        ..Filter::default()
    };
    let mut checker = Checker::new(Mode::Chain, seq, hash, &[]);
    tx.scan_audit(&filter, |row| {
        checker.push(row);
        Ok(!checker.broken())
    })?;
    match checker.finish().first_break {
        None => Ok(()),
        Some(b) => Err(Error::new(
            Kind::Integrity,
            b.kind.code(),
            format!(
                "record {} changed during the checkpoint ({})",
                b.seq,
                b.kind.as_str()
            ),
        )
        .hint("run `cpni audit verify`; nothing was signed")),
    }
}

/// Inside the write lock, before anything is appended: the newest record is the signed head
/// (when one was ever signed), so a checkpoint never blesses a record forged after it.
pub(super) fn check_head(tx: &store::Write<'_>, seed: &[u8; 32]) -> Result<()> {
    let Some(signed) = tx.signed_head()? else {
        return Ok(());
    };
    let newest = tx.newest_record()?;
    let valid = signed.check(Some(&checkpoint::public_key(seed))).is_ok();
    if valid && newest.is_some_and(|(seq, hash, _)| seq == signed.seq && hash == signed.hash) {
        return Ok(());
    }
    Err(Error::new(
        Kind::Integrity,
        "audit-forged",
        format!(
            "the newest audit record is not the signed head (record {}): records may have been forged or removed",
            signed.seq
        ),
    )
    .hint("run `cpni audit verify`; nothing was signed"))
}

/// `cpni audit public-key`.
pub fn public_key(ctx: &Ctx) -> Result<u8> {
    let mut db: Db = ctx.open()?;
    ctx.acting(&mut db, "audit public-key", SUPERVISORS)?;
    let key = hex::encode(checkpoint::public_key(&files::signing_seed(db.path())?));
    ctx.out
        .print(&json!({"public_key": key, "algorithm": "ed25519"}), &key);
    Ok(0)
}
