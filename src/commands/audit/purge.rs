//! `cpni audit purge --before DATE [--output FILE]` (admin): retention.
//!
//! Only a prefix of the chain can go, or the chain would break. The purge removes records
//! 1..N (from the current base) where N is the largest seq such that every one of them is
//! before DATE, and DATE is not after the retention floor (`retention.years`, default 2), and
//! none is about a breach (by its account or session, or as the breach's own `breach.*`
//! record) that is open or was closed less than two years ago. In one transaction it appends
//! the `audit.purge` record (base seq and hash, count, cut-off, the base record's time, the
//! retention applied, and `unrecorded`: the rows no kept record accounts for, which `audit
//! verify` then exempts from needing a record, and nothing else, and `digests`: those rows'
//! current digests, so their contents are still compared from then on), records the new base in `audit_base` with its
//! signed statement
//! (`cpni-audit-purge/2`, naming that record), deletes the prefix and signs a checkpoint of the
//! new head. `audit verify` then checks the chain from that base, and the base against its
//! record and the retention rule ([`crate::domain::retention`]). On PostgreSQL the purge runs on
//! the owner role's connection (`[storage] owner_role`, `owner_password_file`, as `cpni init`),
//! the one role allowed to delete audit records, under the same writer lock and transaction.
//! Before anything goes, the same transaction compares every table with the whole live chain,
//! as `audit verify` does, and refuses (exit 6) on a mismatch, so a purge never turns a row
//! forged behind cpni's back into one whose records were merely purged.

use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use super::files;
use crate::audit::Event;
use crate::audit::checkpoint::{self, PurgeBase, PurgeProof};
use crate::audit::crosscheck::{Collector, UNRECORDED_KEY, Unrecorded};
use crate::audit::rowdigest;
use crate::clock;
use crate::commands::context::{ADMINS, Ctx};
use crate::domain::retention;
use crate::error::{Error, Kind, Result};
use crate::store::Write;
use crate::store::audit::proofs::BaseRow;
use crate::ui::term::safe;

/// Records about a breach are kept this many years after it was closed (rule in domain/).
pub const BREACH_YEARS: i64 = crate::domain::breach::KEEP_YEARS_AFTER_CLOSE;

#[derive(Debug, Args)]
pub struct PurgeArgs {
    /// Remove records before this date (YYYY-MM-DD, midnight UTC, or RFC 3339); at most the
    /// retention floor (now minus `retention.years`)
    #[arg(long, value_name = "DATE")]
    pub before: String,
    /// Also write the signed checkpoint of the new head (JSON) to this new file, created 0600
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub use crate::domain::retention::years_before;

/// Inside the purge's transaction: the rows no record after `last` accounts for (their records
/// are about to go), which the `audit.purge` record lists for `audit verify` to exempt from
/// needing a record, and the current digests of those of digested tables, which the record
/// carries so that `audit verify` and every later step still compare their contents.
fn unrecorded_after(tx: &Write<'_>, last: i64) -> Result<Unrecorded> {
    let mut kept = Collector::default();
    tx.scan_audit_range(Some(last), None, |row| {
        kept.observe(row);
        Ok(true)
    })?;
    tx.unrecorded(kept)
}

/// Inside the purge's transaction, before anything goes: every table against the whole live
/// chain, as `audit verify` compares them (exit 6, nothing removed, on a mismatch). Without it
/// a row edited or planted behind cpni's back would lose the records that show the forgery and
/// be listed as `unrecorded`, exempt from then on.
fn cross_checked(tx: &Write<'_>, base_seq: i64) -> Result<()> {
    let mut all = Collector::default();
    tx.scan_audit_range(Some(base_seq), None, |row| {
        all.observe(row);
        Ok(true)
    })?;
    let purged = super::proofs::purged(tx)?;
    match tx.crosscheck(all, &purged)?.into_iter().next() {
        None => Ok(()),
        Some(m) => Err(Error::new(
            Kind::Integrity,
            "audit-crosscheck",
            format!("audit purge refused, nothing removed: {}", m.message),
        )
        .hint("run `cpni audit verify` and investigate first: the purge would remove the records that show this row was changed outside cpni")),
    }
}

/// The digests a purge record carries, as its detail's JSON object.
fn as_json(digests: std::collections::BTreeMap<String, String>) -> serde_json::Value {
    digests
        .into_iter()
        .map(|(name, dg)| (name, serde_json::Value::String(dg)))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

pub fn run(ctx: &Ctx, a: PurgeArgs) -> Result<u8> {
    let before = clock::parse_bound(&a.before).ok_or_else(|| {
        Error::usage(
            "before",
            format!("--before {:?} is not a date like 2024-01-01", a.before),
        )
    })?;
    if let Some(p) = &a.output {
        files::ensure_free(&[p], false)?;
    }
    // On PostgreSQL as the owner role: the day-to-day role may not delete audit records.
    let mut db = ctx.open_owner()?;
    let acting = ctx.acting(&mut db, "audit purge", ADMINS)?;
    // To the millisecond, as recorded: `audit verify` re-checks the floor from the record.
    let now = clock::parse(&clock::format(clock::now())).unwrap_or_else(clock::now);
    let years = ctx.cfg.retention_years.max(retention::MIN_YEARS);
    let floor = years_before(now, years);
    if before > floor {
        return Err(Error::refused(
            "retention",
            format!(
                "--before {} is inside the retention period: records are kept {years} year(s), so the latest date a purge may use is {}",
                safe(&a.before),
                clock::date(floor)
            ),
        )
        .hint(format!("use --before {} or earlier", clock::date(floor))));
    }
    let before_s = clock::format(before);
    let breach_floor = clock::format(years_before(now, BREACH_YEARS));
    let seed = files::signing_seed(db.path())?;
    let (seq, hash) = super::verify::verified_head(ctx, &db)?;
    let done = db.step(|tx| {
        // Read under the writer lock: a purge that ran since cannot shift the prefix.
        let (base_seq, _) = tx.audit_base()?;
        super::checkpoint::check_since(tx, seq, &hash)?;
        super::checkpoint::check_head(tx, &seed)?;
        cross_checked(tx, base_seq)?;
        let kept = tx.first_kept(base_seq, &before_s, &breach_floor)?;
        let last = match &kept {
            Some((s, _, _)) => s - 1,
            None => tx.audit_head()?.map_or(base_seq, |h| h.0),
        };
        if last <= base_seq {
            return Ok((kept, base_seq, None));
        }
        let last_hash = tx
            .audit_hash_of(last)?
            .ok_or_else(|| Error::internal(format!("record {last} vanished during the purge")))?;
        let last_at = tx.audit_at_of(last)?.unwrap_or_default();
        let removed = last - base_seq;
        let unrecorded = unrecorded_after(tx, last)?;
        // The record first, so the signed statement can name it: verify requires it.
        let ev = Event::new("audit.purge")
            .with("before", before_s.clone())
            .with("removed", removed)
            .with("first_seq", base_seq + 1)
            .with("last_seq", last)
            .with("last_at", last_at.clone())
            .with("base_hash", hex::encode(&last_hash))
            .with("retention_years", years)
            .with(UNRECORDED_KEY, unrecorded.names)
            .with(rowdigest::KEY, as_json(unrecorded.digests));
        let rec = tx.append(&acting.actor, now, ev)?;
        let statement = PurgeBase {
            seq: last,
            hash: last_hash.clone(),
            previous_seq: base_seq,
            records: removed,
            purged_at: rec.at.clone(),
            proof: Some(PurgeProof {
                purge_seq: rec.seq,
                last_at,
                before: before_s.clone(),
                retention_years: years,
            }),
        };
        let message = statement.message();
        tx.insert_base(&BaseRow {
            seq: last,
            hash: last_hash.clone(),
            purged_at: statement.purged_at.clone(),
            records: removed,
            signature: Some(checkpoint::sign_text(&seed, &message)),
            statement: Some(message),
        })?;
        let deleted = tx.delete_audit_through(last)?;
        if deleted as i64 != removed {
            return Err(Error::internal(format!(
                "expected to remove {removed} records, removed {deleted}"
            )));
        }
        let cp = super::checkpoint::append_signed(
            tx,
            &acting.actor,
            &seed,
            &(last, last_hash.clone()),
            now,
            a.output.as_ref(),
        )?;
        Ok((kept, base_seq, Some((removed, last, last_hash, cp))))
    })?;
    let (kept, base_seq, purged) = done;
    if let Some((_, _, _, cp)) = &purged {
        super::schedule::deliver(ctx, cp);
    }
    let stop = kept.as_ref().map(|(s, at, breach)| {
        let reason = match breach {
            Some(b) => format!(
                "it is linked to breach {b}, which is open or was closed less than {BREACH_YEARS} years ago"
            ),
            None => format!("it is not before {}", safe(&a.before)),
        };
        (
            json!({"seq": s, "at": at, "breach": breach, "reason": reason}),
            format!("Stopped at record {s} ({at}): {reason}; it and every later record are kept."),
        )
    });
    let stop_json = stop.as_ref().map(|s| s.0.clone());
    let stop_text = stop.map(|s| s.1);
    let Some((removed, last, last_hash, cp)) = purged else {
        let doc = json!({"before": before_s, "removed": 0, "stopped_at": stop_json});
        let mut text = "Nothing to purge.".to_string();
        if let Some(t) = stop_text {
            text.push(' ');
            text.push_str(&t);
        }
        ctx.out.print(&doc, &text);
        return Ok(0);
    };
    let cp_doc = serde_json::to_value(&cp).unwrap_or_default();
    if let Some(p) = &a.output {
        let pretty = serde_json::to_string_pretty(&cp_doc).unwrap_or_default() + "\n";
        files::write_new(p, &pretty, false, true)?;
    }
    let doc = json!({
        "before": before_s,
        "removed": removed,
        "first_seq": base_seq + 1,
        "last_seq": last,
        "base_hash": hex::encode(&last_hash),
        "stopped_at": stop_json,
        "checkpoint": cp_doc,
    });
    let mut text = format!(
        "Purged {removed} audit record(s), {} to {last}; the log now starts after record {last} (hash {}).",
        base_seq + 1,
        hex::encode(&last_hash)
    );
    if let Some(t) = stop_text {
        text.push('\n');
        text.push_str(&t);
    }
    text.push_str(&format!(
        "\nCheckpoint at record {} (hash {}){}.",
        cp.seq,
        cp.hash,
        match &a.output {
            Some(p) => format!(" written to {}", safe(&p.display().to_string())),
            None => String::new(),
        }
    ));
    ctx.out.print(&doc, &text);
    Ok(0)
}
