//! The checks `audit verify` makes beyond the chain itself: signed purge bases, stored
//! checkpoints, the decision-table cross-checks, the unsigned tail against `[checkpoint]`, and
//! an exported file against its signed manifest. Each returns the problem it finds, if any.

use super::verify::Problem;
use crate::audit::checkpoint::{self, Checkpoint, PurgeBase};
use crate::audit::crosscheck::{Collector, Purged};
use crate::audit::offline::FileCheck;
use crate::audit::schedule;
use crate::commands::context::Ctx;
use crate::domain::retention;
use crate::error::Result;
use crate::store::audit::proofs::BaseRow;
use crate::store::{self, Db};
use crate::ui::term::safe;

fn problem(seq: Option<i64>, code: &'static str, kind: &'static str, message: String) -> Problem {
    Problem {
        seq,
        code,
        kind,
        message,
    }
}

/// Every purge base must carry a valid signed statement, chained on from the previous base,
/// whose count is its distance from that base; and its purge must be accounted for by the
/// `audit.purge` record it names (when that record has not been purged since) and keep the
/// retention rule ([`base_proof`]).
pub fn check_bases(
    conn: &store::Read<'_>,
    bases: &[BaseRow],
    key: Option<&[u8; 32]>,
) -> Result<Option<Problem>> {
    let mut previous = 0;
    let newest = bases.last().map_or(0, |b| b.seq);
    for b in bases {
        let seq = b.seq;
        let bad = |code: &'static str, why: String| {
            Ok(Some(problem(
                Some(seq),
                code,
                "base-forged",
                format!(
                    "the purge base at record {seq} {why}: records before it may have been deleted without a purge"
                ),
            )))
        };
        let unsigned = |why: String| bad("audit-base-unsigned", why);
        let Some(key) = key else {
            return unsigned("cannot be checked (no public key: pass --public-key)".into());
        };
        let Some(sig) = &b.signature else {
            return unsigned("is not signed".into());
        };
        if b.records != seq - previous {
            return unsigned(format!(
                "says {} records were removed, but it is {} records after the previous base",
                b.records,
                seq - previous
            ));
        }
        if let Some(v2) = legacy_after_format_2(bases, seq) {
            return unsigned(format!(
                "is in the old format (cpni-audit-purge/1, which proves no retention) although the \
                 base at record {v2} before it is in format 2: cpni has signed only format 2 since"
            ));
        }
        let statement = match &b.statement {
            Some(text) => match PurgeBase::parse(text) {
                Some(s) => s,
                None => return unsigned("has a statement that is not a purge statement".into()),
            },
            None => PurgeBase {
                seq,
                hash: b.hash.clone(),
                previous_seq: previous,
                records: b.records,
                purged_at: b.purged_at.clone(),
                proof: None,
            },
        };
        let columns_agree = statement.seq == seq
            && statement.hash == b.hash
            && statement.previous_seq == previous
            && statement.records == b.records
            && statement.purged_at == b.purged_at;
        if !columns_agree {
            return unsigned("does not match its signed statement".into());
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
            return unsigned("has no valid signature by the checkpoint key".into());
        }
        if let Some(why) = base_proof(conn, &statement, newest)? {
            return bad("audit-base-unproven", why);
        }
        previous = seq;
    }
    Ok(None)
}

/// For the base at `seq`, when it is in format 1 (no statement) and an earlier base is in
/// format 2: that earlier base's seq. A cpni that signs format 2 never signs format 1 again, so
/// a format-1 base after one (whose retention nothing proves) was signed by someone else.
fn legacy_after_format_2(bases: &[BaseRow], seq: i64) -> Option<i64> {
    let this = bases.iter().find(|b| b.seq == seq)?;
    if this.statement.is_some() {
        return None;
    }
    bases
        .iter()
        .find(|b| b.seq < seq && b.statement.is_some())
        .map(|b| b.seq)
}

/// Why a validly signed base is still not a legitimate purge: the `audit.purge` record it names
/// is missing or says something else, or the purge broke the retention rule. A base whose
/// record a later purge removed is judged by its signed statement alone.
fn base_proof(conn: &store::Read<'_>, s: &PurgeBase, newest_base: i64) -> Result<Option<String>> {
    if let Some(why) = dated_in_future(conn, &s.purged_at, s.proof.as_ref().map(|p| p.purge_seq))? {
        return Ok(Some(why));
    }
    let Some(p) = &s.proof else {
        return legacy_proof(conn, s, newest_base);
    };
    if p.purge_seq <= s.seq {
        return Ok(Some(format!(
            "names audit.purge record {} which is not after it",
            p.purge_seq
        )));
    }
    if p.purge_seq > newest_base {
        let found = conn.audit_record_of(p.purge_seq)?;
        let matches = found.as_ref().is_some_and(|(event, at, detail)| {
            event == "audit.purge"
                && *at == s.purged_at
                && purge_detail_matches(detail, s)
                && field_str(detail, "before").as_deref() == Some(p.before.as_str())
                && field_i64(detail, "retention_years") == Some(p.retention_years)
        });
        if !matches {
            return Ok(Some(format!(
                "is not accounted for by an audit.purge record: record {} is {}",
                p.purge_seq,
                match found {
                    Some((event, _, _)) if event == "audit.purge" => {
                        "an audit.purge record naming another base, count or rule".to_string()
                    }
                    Some((event, _, _)) => format!("a {} record", safe(&event)),
                    None => "missing".to_string(),
                }
            )));
        }
    }
    Ok(retention_problem(
        &s.purged_at,
        p.retention_years,
        &p.before,
        Some(&p.last_at),
    ))
}

/// A purge dated after this verifier's clock, or after the record that followed its own
/// `audit.purge` record: its retention floor would be in the future, so it could remove young
/// records (only a key holder can sign one, but the key sits beside the database).
fn dated_in_future(
    conn: &store::Read<'_>,
    purged_at: &str,
    purge_seq: Option<i64>,
) -> Result<Option<String>> {
    let Some(purged) = crate::clock::parse(purged_at) else {
        return Ok(Some("names a purge time that is not a time".to_string()));
    };
    let now = crate::clock::now();
    if retention::dated_after(purged, now) {
        return Ok(Some(format!(
            "is dated {}, after this computer's clock ({}): a purge cannot be dated in the future",
            safe(purged_at),
            crate::clock::format(now)
        )));
    }
    let Some(seq) = purge_seq else {
        return Ok(None);
    };
    let next = conn.audit_record_of(seq + 1)?;
    if let Some(next_at) = next.and_then(|(_, at, _)| crate::clock::parse(&at))
        && retention::dated_after(purged, next_at)
    {
        return Ok(Some(format!(
            "is dated {}, after record {} that follows its audit.purge record",
            safe(purged_at),
            seq + 1
        )));
    }
    Ok(None)
}

/// A base signed before format 2 names no record: look for the `audit.purge` record that
/// names it. It must exist while it can (the newest base's record is never purged).
fn legacy_proof(conn: &store::Read<'_>, s: &PurgeBase, newest_base: i64) -> Result<Option<String>> {
    let records = conn.purge_records()?;
    let found = records
        .iter()
        .find(|(_, _, detail)| purge_detail_matches(detail, s));
    match found {
        Some((seq, at, detail)) => {
            if let Some(why) = dated_in_future(conn, at, Some(*seq))? {
                return Ok(Some(why));
            }
            let years = field_i64(detail, "retention_years").unwrap_or(0);
            let before = field_str(detail, "before").unwrap_or_default();
            Ok(retention_problem(at, years, &before, None))
        }
        None if s.seq == newest_base => Ok(Some(
            "is not accounted for by any audit.purge record in the log".to_string(),
        )),
        None => Ok(None),
    }
}

fn purge_detail_matches(detail: &str, s: &PurgeBase) -> bool {
    field_i64(detail, "last_seq") == Some(s.seq)
        && field_str(detail, "base_hash") == Some(hex::encode(&s.hash))
        && field_i64(detail, "removed") == Some(s.records)
        && field_i64(detail, "first_seq") == Some(s.previous_seq + 1)
}

fn retention_problem(
    purged_at: &str,
    years: i64,
    before: &str,
    last_at: Option<&str>,
) -> Option<String> {
    let time = |t: &str| crate::clock::parse(t);
    let (Some(purged), Some(cut)) = (time(purged_at), time(before)) else {
        return Some("names a purge time or cut-off that is not a time".to_string());
    };
    let newest_removed = match last_at.map(time) {
        Some(None) => return Some("names a base time that is not a time".to_string()),
        Some(t) => t,
        None => None,
    };
    retention::purge_violation(purged, years, cut, newest_removed)
        .map(|why| format!("was purged against the retention rule: it {why}"))
}

fn field_i64(detail: &str, key: &str) -> Option<i64> {
    serde_json::from_str::<serde_json::Value>(detail)
        .ok()?
        .get(key)?
        .as_i64()
}

fn field_str(detail: &str, key: &str) -> Option<String> {
    serde_json::from_str::<serde_json::Value>(detail)
        .ok()?
        .get(key)?
        .as_str()
        .map(str::to_string)
}

/// A checkpoint whose record is gone must have been removed by a purge at least the retention
/// period after it was signed (a purge never removes a record younger than the floor, and a
/// checkpoint is signed with its own `audit.checkpoint` record).
pub fn check_purged_checkpoints(
    cps: &[(String, Checkpoint)],
    bases: &[BaseRow],
) -> Option<Problem> {
    for (name, c) in cps {
        let Some(b) = bases.iter().find(|b| b.seq >= c.seq) else {
            continue;
        };
        let years = b
            .statement
            .as_deref()
            .and_then(PurgeBase::parse)
            .and_then(|s| s.proof)
            .map_or(retention::MIN_YEARS, |p| p.retention_years);
        let times = (
            crate::clock::parse(&c.at),
            crate::clock::parse(&b.purged_at),
        );
        let young = match times {
            (Some(cp_at), Some(purged)) => retention::checkpoint_too_young(cp_at, purged, years),
            _ => true,
        };
        if young {
            return Some(problem(
                Some(b.seq),
                "audit-base-unproven",
                "base-forged",
                format!(
                    "the purge base at record {} removed the record of checkpoint {} (record {}, signed {}) on {}, inside the {years}-year retention period",
                    b.seq,
                    safe(name),
                    c.seq,
                    safe(&c.at),
                    safe(&b.purged_at)
                ),
            ));
        }
    }
    None
}

/// A format-2 checkpoint must start from a base the log knows (never purged, or a signed base).
pub fn check_checkpoint_bases(cps: &[(String, Checkpoint)], bases: &[BaseRow]) -> Option<Problem> {
    for (name, c) in cps.iter().filter(|(_, c)| c.has_base()) {
        let known = (c.base_seq == 0 && c.base_hash == hex::encode(crate::audit::chain::GENESIS))
            || bases
                .iter()
                .any(|b| b.seq == c.base_seq && hex::encode(&b.hash) == c.base_hash);
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
    conn: &store::Read<'_>,
    key: Option<&[u8; 32]>,
) -> Result<(Named, Option<Problem>)> {
    let mut out = Vec::new();
    for (seq, body) in conn.checkpoints()? {
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
pub fn stored_manifests(conn: &store::Read<'_>, key: Option<&[u8; 32]>) -> Result<Option<Problem>> {
    for (seq, body) in conn.manifests()? {
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
pub fn cross_check(db: &Db, collected: Collector) -> Result<Option<Problem>> {
    let found = db.read().crosscheck(collected, &purged(&db.read())?)?;
    Ok(found
        .into_iter()
        .next()
        .map(|m| problem(m.record, "audit-crosscheck", "table-mismatch", m.message)))
}

/// Which rows may lack their records ([`Purged`]): none if the log was never purged; else the
/// rows the latest purge's `audit.purge` record (the one its signed statement names) lists;
/// for a purge that listed none, the rows created at or before the oldest kept record.
pub fn purged(conn: &store::Read<'_>) -> Result<Purged> {
    let Some(latest) = conn.purge_bases()?.pop() else {
        return Ok(Purged::Never);
    };
    let purge_seq = latest
        .statement
        .as_deref()
        .and_then(PurgeBase::parse)
        .and_then(|s| s.proof)
        .map(|p| p.purge_seq);
    let mut detail = String::new();
    if let Some(s) = purge_seq {
        conn.scan_audit_range(Some(s - 1), Some(s), |row| {
            if row.fields[5] == b"audit.purge" {
                detail = String::from_utf8_lossy(row.fields[6]).into_owned();
            }
            Ok(false)
        })?;
    }
    let oldest_kept = conn.audit_at_of(latest.seq + 1)?;
    Ok(Purged::from_purge_detail(&detail, oldest_kept))
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

/// The newest record must be exactly the signed head ([`crate::audit::head`]). Without any
/// key (none beside the database and no --public-key) nothing can be checked: `None`, and the
/// caller warns.
pub fn head_check(
    conn: &store::Read<'_>,
    o: &crate::audit::verify::Outcome,
    key: &[u8; 32],
    base_seq: i64,
) -> Result<Option<Problem>> {
    let p = |seq: i64, code: &'static str, kind: &'static str, message: String| {
        Ok(Some(problem(Some(seq), code, kind, message)))
    };
    let Some(h) = conn.signed_head()? else {
        if o.count == 0 {
            return Ok(None);
        }
        return p(
            o.head_seq,
            "audit-head-unsigned",
            "head-unsigned",
            format!(
                "no signed head covers the newest record {}: records after the newest checkpoint may be forged (a database upgraded to signed heads has none until its first step)",
                o.head_seq
            ),
        );
    };
    if h.check(Some(key)).is_err() {
        return p(
            h.seq,
            "audit-head-forged",
            "head-forged",
            format!(
                "the signed head (record {}) has no valid signature by the checkpoint key",
                h.seq
            ),
        );
    }
    let signed_hash = conn.audit_hash_of(h.seq)?;
    if o.head_seq < h.seq {
        return p(
            o.head_seq + 1,
            "audit-truncated",
            "truncated",
            format!(
                "record {} is missing, and every record after it up to {}: the log ends at record {} but its signed head is record {}",
                o.head_seq + 1,
                h.seq,
                o.head_seq,
                h.seq
            ),
        );
    }
    if signed_hash.as_deref() != Some(&h.hash[..]) || h.base_seq != base_seq {
        return p(
            h.seq,
            "audit-rewritten",
            "rewritten",
            format!(
                "record {} does not match the signed head: the log up to record {} was rewritten",
                h.seq, h.seq
            ),
        );
    }
    if o.head_seq > h.seq {
        return p(
            h.seq + 1,
            "audit-forged",
            "forged",
            format!(
                "record {} was appended after the signed head (record {}) without the signing key: records {}..{} are forged",
                h.seq + 1,
                h.seq,
                h.seq + 1,
                o.head_seq
            ),
        );
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(seq: i64, v2: bool) -> BaseRow {
        BaseRow {
            seq,
            hash: vec![0; 32],
            purged_at: "2026-01-01T00:00:00.000Z".into(),
            records: seq,
            signature: Some("sig".into()),
            statement: v2.then(|| "cpni-audit-purge/2 …".to_string()),
        }
    }

    #[test]
    fn a_format_1_base_after_a_format_2_base_is_refused() {
        let bases = [
            base(10, false),
            base(20, true),
            base(30, false),
            base(40, true),
        ];
        assert_eq!(
            legacy_after_format_2(&bases, 10),
            None,
            "old bases stay valid"
        );
        assert_eq!(legacy_after_format_2(&bases, 20), None);
        assert_eq!(legacy_after_format_2(&bases, 30), Some(20));
        assert_eq!(legacy_after_format_2(&bases, 40), None);
    }
}
