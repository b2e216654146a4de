//! The checks `audit verify` makes beyond the chain itself: signed purge bases, stored
//! checkpoints, the decision-table cross-checks, the unsigned tail against `[checkpoint]`, and
//! an exported file against its signed manifest. Each returns the problem it finds, if any.

use super::verify::Problem;
use crate::audit::checkpoint::{self, Checkpoint, PurgeBase};
use crate::audit::crosscheck::{self, Collector};
use crate::audit::offline::FileCheck;
use crate::audit::schedule;
use crate::commands::context::Ctx;
use crate::error::Result;
use crate::store::audit::proofs::BaseRow;
use crate::store::{self, Db};

fn problem(seq: Option<i64>, code: &'static str, kind: &'static str, message: String) -> Problem {
    Problem {
        seq,
        code,
        kind,
        message,
    }
}

/// Every purge base must carry a valid signed statement, chained on from the previous base,
/// whose count is its distance from that base.
pub fn check_bases(bases: &[BaseRow], key: Option<&[u8; 32]>) -> Option<Problem> {
    let mut previous = 0;
    for (seq, hash, purged_at, records, signature) in bases {
        let statement = PurgeBase {
            seq: *seq,
            hash: hash.clone(),
            previous_seq: previous,
            records: *records,
            purged_at: purged_at.clone(),
        };
        let bad = |why: String| {
            Some(problem(
                Some(*seq),
                "audit-base-unsigned",
                "base-forged",
                format!(
                    "the purge base at record {seq} {why}: records before it may have been deleted without a purge"
                ),
            ))
        };
        let Some(key) = key else {
            return bad("cannot be checked (no public key: pass --public-key)".into());
        };
        let Some(sig) = signature else {
            return bad("is not signed".into());
        };
        if *records != seq - previous {
            return bad(format!(
                "says {records} records were removed, but it is {} records after the previous base",
                seq - previous
            ));
        }
        if checkpoint::check_signed(
            &hex::encode(key),
            sig,
            &statement.message(),
            Some(key),
            "purge base",
        )
        .is_err()
        {
            return bad("has no valid signature by the checkpoint key".into());
        }
        previous = *seq;
    }
    None
}

/// A format-2 checkpoint must start from a base the log knows (never purged, or a signed base).
pub fn check_checkpoint_bases(cps: &[(String, Checkpoint)], bases: &[BaseRow]) -> Option<Problem> {
    for (name, c) in cps.iter().filter(|(_, c)| c.has_base()) {
        let known = (c.base_seq == 0 && c.base_hash == hex::encode(crate::audit::chain::GENESIS))
            || bases
                .iter()
                .any(|b| b.0 == c.base_seq && hex::encode(&b.1) == c.base_hash);
        if !known {
            return Some(problem(
                Some(c.seq),
                "audit-rewritten",
                "rewritten",
                format!(
                    "checkpoint {name} counts from base record {} which is not a purge base of this log",
                    c.base_seq
                ),
            ));
        }
    }
    None
}

/// Checkpoints with the names verification reports them by.
type Named = Vec<(String, Checkpoint)>;

/// The stored checkpoints, each with a valid signature (a bad one is a problem).
pub fn stored_checkpoints(
    conn: &rusqlite::Connection,
    key: Option<&[u8; 32]>,
) -> Result<(Named, Option<Problem>)> {
    let mut out = Vec::new();
    for (seq, body) in store::audit::proofs::checkpoints(conn)? {
        let name = format!("stored checkpoint {seq}");
        let parsed = serde_json::from_str::<Checkpoint>(&body).ok();
        let ok = parsed
            .as_ref()
            .filter(|c| c.seq == seq && c.check_signature(key).is_ok());
        match ok {
            Some(c) => out.push((name, c.clone())),
            None => {
                return Ok((
                    out,
                    Some(problem(
                        Some(seq),
                        "checkpoint-invalid",
                        "checkpoint-forged",
                        format!("{name} is not validly signed by the checkpoint key"),
                    )),
                ));
            }
        }
    }
    Ok((out, None))
}

/// Every manifest stored with an export: validly signed by the checkpoint key and filed under
/// its own `audit.export` record (a deleted manifest is caught by the cross-check of
/// `audit_manifest`, which needs the record's row only while the row exists).
pub fn stored_manifests(
    conn: &rusqlite::Connection,
    key: Option<&[u8; 32]>,
) -> Result<Option<Problem>> {
    for (seq, body) in store::audit::proofs::manifests(conn)? {
        let ok = crate::audit::manifest::Manifest::parse(&body, "stored manifest")
            .ok()
            .filter(|m| m.export_seq == seq && m.check(key).is_ok());
        if ok.is_none() {
            return Ok(Some(problem(
                Some(seq),
                "manifest-invalid",
                "manifest-forged",
                format!(
                    "the stored manifest of export {seq} is not validly signed by the checkpoint key"
                ),
            )));
        }
    }
    Ok(None)
}

/// The decision tables against the chain.
pub fn cross_check(
    db: &Db,
    collected: Collector,
    base_seq: i64,
    first_seq: Option<i64>,
) -> Result<Option<Problem>> {
    let cut = match (base_seq > 0, first_seq) {
        (true, Some(s)) => store::audit::proofs::at_of(db.conn(), s)?,
        _ => None,
    };
    let found = crosscheck::check(db.conn(), collected, cut.as_deref())?;
    Ok(found
        .into_iter()
        .next()
        .map(|m| problem(m.record, "audit-crosscheck", "table-mismatch", m.message)))
}

/// More records after the newest stored checkpoint than `[checkpoint]` would leave unsigned.
pub fn tail_check(ctx: &Ctx, db: &Db) -> Result<Option<Problem>> {
    let (t, newest) = super::schedule::tail(db)?;
    Ok(schedule::overdue(&ctx.cfg.checkpoint, t).map(|why| {
        problem(
            newest.map(|c| c.seq + 1),
            "audit-unsigned-tail",
            "unsigned-tail",
            format!("{why}: records after it may be forged"),
        )
    }))
}

/// An exported file against its signed manifest.
pub fn file_problem(check: &FileCheck, key_given: bool) -> Option<Problem> {
    let altered = |m: String| Some(problem(None, "export-altered", "altered", m));
    let Some((path, m)) = &check.manifest else {
        if key_given {
            return Some(problem(None, "manifest-missing", "manifest-missing", "the export has no manifest: with --public-key a signed manifest is required (`cpni audit manifest SEQ`, or --manifest FILE)".into()));
        }
        if check.outcome.count == 0 {
            return Some(problem(
                None,
                "export-empty",
                "empty",
                "the file holds no audit records: nothing was verified".into(),
            ));
        }
        return None;
    };
    let path = path.display();
    if check.sha_matches == Some(false) {
        return altered(format!(
            "the file's SHA-256 differs from its signed manifest {path}: it was changed after export"
        ));
    }
    if !m.finished {
        return Some(problem(
            None,
            "export-unfinished",
            "unfinished",
            format!("manifest {path} says the export stopped before it finished"),
        ));
    }
    if m.count == 0 {
        return Some(problem(
            None,
            "export-empty",
            "empty",
            "the export holds no audit records: nothing was verified".into(),
        ));
    }
    if check.opaque {
        return None;
    }
    let o = &check.outcome;
    if o.count != m.count
        || o.first_seq != m.first_seq
        || (o.count > 0 && Some(o.head_seq) != m.last_seq)
    {
        return altered(format!(
            "the file holds {} records ({:?}..{}) but its signed manifest says {} ({:?}..{:?})",
            o.count, o.first_seq, o.head_seq, m.count, m.first_seq, m.last_seq
        ));
    }
    if check.records_sha256 != m.records_sha256 {
        return altered("the file's records are not the ones its signed manifest names".into());
    }
    if m.complete && (m.first_seq != Some(m.base_seq + 1) || m.last_seq != Some(m.head_seq)) {
        return altered("the complete export does not run from its base to its checkpoint".into());
    }
    None
}
