//! `cpni audit verify [--checkpoint FILE]… [--checkpoints DIR] [--file EXPORT [--manifest M]]
//! [--public-key HEX]`.
//!
//! Exit 0 with a summary, or exit 6 naming the first bad record and what is wrong with it:
//! edited, missing, reordered, inserted, truncated (ends before a checkpoint), rewritten (does
//! not extend a checkpoint); a purge base, stored checkpoint or manifest that is not validly
//! signed, or whose purge has no matching `audit.purge` record or broke the retention rule; a
//! checkpoint removed by a purge inside the retention period; a decision table that disagrees
//! with the chain ([`crate::audit::crosscheck`]); an unsigned tail longer than `[checkpoint]`
//! allows; a newest record that is not exactly the signed head ([`crate::audit::head`]); or the
//! append-only triggers are gone. Without any key (none beside the database and no
//! `--public-key`) the head cannot be checked: a warning, and the rest decides the exit code.

use std::path::PathBuf;

use clap::Args;
use serde_json::{Value, json};

use super::{files, proofs};
use crate::audit::checkpoint::{self, Checkpoint};
use crate::audit::crosscheck::Collector;
use crate::audit::offline;
use crate::audit::split;
use crate::audit::verify::{Break, BreakKind, Checker, Mode, Outcome, RowRef};
use crate::commands::context::{Ctx, SUPERVISORS};
use crate::error::{Error, Kind, Result};
use crate::store::audit::Filter;
use crate::store::{self, Db};
use crate::ui::term::safe;

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Also prove the log extends this signed checkpoint (repeatable)
    #[arg(long, value_name = "FILE")]
    pub checkpoint: Vec<PathBuf>,
    /// Also check every checkpoint (*.json) in this folder: each validly signed, each
    /// extended by the log and by every later one
    #[arg(long, value_name = "DIR")]
    pub checkpoints: Option<PathBuf>,
    /// Verify an exported file offline, without the database (JSON Lines or JSON record by
    /// record; CSV by its signed SHA-256)
    #[arg(long, value_name = "EXPORT")]
    pub file: Option<PathBuf>,
    /// The export's signed manifest [default: EXPORT.manifest.json]
    #[arg(long, value_name = "FILE", requires = "file")]
    pub manifest: Option<PathBuf>,
    /// Trust only this Ed25519 public key (hex) for checkpoints [default: the key beside the
    /// database; with --file, the key named in the checkpoint]
    #[arg(long, value_name = "HEX")]
    pub public_key: Option<String>,
}

/// A verification failure: the first bad record (if one can be named) and why.
pub(super) struct Problem {
    pub seq: Option<i64>,
    pub code: &'static str,
    pub kind: &'static str,
    pub message: String,
}

pub fn run(ctx: &Ctx, a: VerifyArgs) -> Result<u8> {
    let pinned = a.public_key.as_deref().map(parse_key).transpose()?;
    let mut paths = a.checkpoint.clone();
    if let Some(dir) = &a.checkpoints {
        paths.extend(checkpoint_dir(dir)?);
    }
    let cps: Vec<(String, Checkpoint)> = paths
        .iter()
        .map(|p| Ok((p.display().to_string(), Checkpoint::read(p)?)))
        .collect::<Result<_>>()?;
    if let Some(p) = forked(&cps) {
        return Err(integrity(&p));
    }
    match &a.file {
        Some(file) => verify_file(ctx, file, a.manifest.as_deref(), cps, pinned.as_ref()),
        None => verify_db(ctx, cps, pinned),
    }
}

/// The `*.json` files of a checkpoint folder, sorted by name.
fn checkpoint_dir(dir: &std::path::Path) -> Result<Vec<PathBuf>> {
    let read = std::fs::read_dir(dir).map_err(|e| {
        Error::usage(
            "checkpoints",
            format!(
                "cannot read folder {}: {e}",
                safe(&dir.display().to_string())
            ),
        )
    })?;
    let mut out: Vec<PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    out.sort();
    if out.is_empty() {
        return Err(Error::usage(
            "checkpoints",
            format!(
                "{} holds no checkpoint (*.json)",
                safe(&dir.display().to_string())
            ),
        ));
    }
    Ok(out)
}

/// Two checkpoints that name the same record with different hashes, or counts that disagree
/// with their sequence numbers from the same base: one of them is not of this log.
fn forked(cps: &[(String, Checkpoint)]) -> Option<Problem> {
    for (i, (na, a)) in cps.iter().enumerate() {
        for (nb, b) in &cps[i + 1..] {
            let same_seq_differs = a.seq == b.seq && a.hash != b.hash;
            let counts_differ = a.has_base()
                && b.has_base()
                && a.base_seq == b.base_seq
                && (a.base_hash != b.base_hash || b.count as i64 - a.count as i64 != b.seq - a.seq);
            if same_seq_differs || counts_differ {
                return Some(Problem {
                    seq: Some(a.seq.min(b.seq)),
                    code: BreakKind::Rewritten.code(),
                    kind: BreakKind::Rewritten.as_str(),
                    message: format!(
                        "checkpoints {} and {} do not extend one another (records {} and {})",
                        safe(na),
                        safe(nb),
                        a.seq,
                        b.seq
                    ),
                });
            }
        }
    }
    None
}

fn parse_key(s: &str) -> Result<[u8; 32]> {
    hex::decode(s.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| {
            Error::usage(
                "public-key",
                "--public-key must be 64 hex digits (32 bytes)",
            )
            .hint("print it with `cpni audit public-key`")
        })
}

fn verify_db(
    ctx: &Ctx,
    mut cps: Vec<(String, Checkpoint)>,
    pinned: Option<[u8; 32]>,
) -> Result<u8> {
    let mut db = ctx.open()?;
    ctx.acting(&mut db, "audit verify", SUPERVISORS)?;
    let beside = files::signing_seed(db.path()).map(|s| checkpoint::public_key(&s));
    let key = match (pinned, beside) {
        (Some(k), _) => Some(k),
        (None, Ok(k)) => Some(k),
        (None, Err(e)) if !cps.is_empty() => return Err(e),
        (None, Err(_)) => None,
    };
    for (_, c) in &cps {
        c.check_signature(key.as_ref())?;
    }
    let bases = db.read().purge_bases()?;
    let (base_seq, _) = db.read().audit_base()?;
    let mut problems: Vec<Problem> = Vec::new();
    problems.extend(proofs::check_bases(&db.read(), &bases, key.as_ref())?);
    problems.extend(proofs::check_checkpoint_bases(&cps, &bases));
    let (stored, bad) = proofs::stored_checkpoints(&db.read(), key.as_ref())?;
    problems.extend(bad);
    let gone: Vec<(String, Checkpoint)> = cps
        .iter()
        .chain(&stored)
        .filter(|(_, c)| c.seq <= base_seq)
        .cloned()
        .collect();
    problems.extend(proofs::check_purged_checkpoints(&gone, &bases));
    problems.extend(proofs::stored_manifests(&db.read(), key.as_ref())?);
    let user_cps = cps.len();
    cps.extend(stored.into_iter().filter(|(_, c)| c.seq > base_seq));
    let watch: Vec<i64> = cps
        .iter()
        .map(|(_, c)| c.seq)
        .filter(|s| *s > base_seq)
        .collect();
    let mut collector = Collector::default();
    let outcome = scan_chain(ctx, &db, &watch, Some(&mut collector))?;
    let live: Vec<(String, Checkpoint)> = cps
        .iter()
        .filter(|(_, c)| c.seq > base_seq)
        .cloned()
        .collect();
    let mut problem = judge(&outcome, &live, Mode::Chain);
    if let Some(p) = problem.as_mut().filter(|p| p.kind == "inserted") {
        reordered_or_inserted(&db, p, outcome.first_break.as_ref())?;
    }
    if problem.is_none() {
        problem = proofs::cross_check(&db, collector)?;
    }
    if problem.is_none() {
        problem = proofs::tail_check(ctx, &db)?;
    }
    if problem.is_none() {
        problem = problems.into_iter().next();
    }
    match key.as_ref() {
        Some(k) if problem.is_none() => {
            problem = proofs::head_check(&db.read(), &outcome, k, base_seq)?;
        }
        None => ctx.out.note(
            "warning: no signing key (none beside the database, no --public-key): the head of the log is not signed, so records appended after the newest checkpoint cannot be told from forged ones",
        ),
        _ => {}
    }
    let missing = db.read().missing_triggers()?;
    let triggers = if missing.is_empty() {
        "present".to_string()
    } else {
        format!("missing: {}", missing.join(", "))
    };
    if problem.is_none() && !missing.is_empty() {
        problem = Some(Problem {
            seq: None,
            code: "audit-triggers",
            kind: "triggers-missing",
            message: format!(
                "the append-only triggers are missing or altered ({}): the log can be edited",
                missing.join(", ")
            ),
        });
    } else if let Some(p) = problem.as_mut().filter(|_| !missing.is_empty()) {
        p.message
            .push_str(&format!("; the triggers are {triggers}"));
    }
    let stored_n = cps.len() - user_cps;
    cps.truncate(user_cps);
    report(
        ctx,
        &outcome,
        &cps,
        problem,
        json!({"triggers": triggers, "stored_checkpoints": stored_n, "purge_bases": bases.len(), "cross_checked": true}),
    )
}

/// Full verification of the live log; the head (seq, hash) on success, exit 6 otherwise.
pub fn verified_head(ctx: &Ctx, db: &Db) -> Result<(i64, Vec<u8>)> {
    let outcome = scan_chain(ctx, db, &[], None)?;
    match judge(&outcome, &[], Mode::Chain) {
        None => Ok((outcome.head_seq, outcome.head_hash)),
        Some(p) => {
            Err(integrity(&p).hint("run `cpni audit verify` for details; nothing was signed"))
        }
    }
}

fn scan_chain(
    ctx: &Ctx,
    db: &Db,
    watch: &[i64],
    mut collect: Option<&mut Collector>,
) -> Result<Outcome> {
    // One read snapshot for the whole check (and the fallback scan).
    let snapshot = db.snapshot()?;
    let snap = snapshot.read();
    let (base_seq, base_hash) = snap.audit_base()?;
    let head = snap.audit_head()?;
    // The count costs a scan of its own: only when a bar is shown.
    let bar = match super::progress(ctx, 0, "verifying") {
        Some(b) => {
            b.set_length(snap.audit_count(&Filter::default())?);
            Some(b)
        }
        None => None,
    };
    let tick = |n: &mut u64| {
        *n += 1;
        if let Some(b) = bar.as_ref().filter(|_| n.is_multiple_of(8192)) {
            b.inc(8192);
        }
    };
    let ends = ((base_seq, base_hash.clone()), head.clone());
    let second = match &head {
        Some((h, _)) if split::worth_it(base_seq, *h) => db.second_reader(&ends),
        _ => None,
    };
    if let (Some(reader), Some((head_seq, head_hash))) = (second, &head) {
        let mid = split::midpoint(base_seq, *head_seq);
        let snap_ref: &store::Read<'_> = &snap;
        let first = Box::new(|each: &mut dyn FnMut(&RowRef<'_>) -> bool| {
            let mut n = 0u64;
            snap_ref.scan_audit_range(None, Some(mid), |row| {
                tick(&mut n);
                Ok(each(row))
            })
        });
        let second = Box::new(move |each: &mut dyn FnMut(&RowRef<'_>) -> bool| {
            let mut n = 0u64;
            reader
                .read()
                .scan_audit_range(Some(mid), Some(*head_seq), |row| {
                    tick(&mut n);
                    Ok(each(row))
                })
        });
        let mut observe = collect
            .as_deref_mut()
            .map(|c| move |row: &RowRef<'_>| c.observe(row));
        let proven = split::check(
            (base_seq, &base_hash),
            (*head_seq, head_hash),
            watch,
            first,
            second,
            observe.as_mut().map(|o| o as &mut dyn FnMut(&RowRef<'_>)),
        )?;
        if let Some(outcome) = proven {
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            return Ok(outcome);
        }
        // Not proven: verify again in one scan, which names the first bad record.
        if let Some(c) = collect.as_deref_mut() {
            *c = Collector::default();
        }
        if let Some(b) = bar.as_ref() {
            b.set_position(0);
        }
    }
    let mut checker = Checker::new(Mode::Chain, base_seq, &base_hash, watch);
    let mut n = 0u64;
    snap.scan_audit(&Filter::default(), |row| {
        checker.push(row);
        if let Some(c) = collect.as_deref_mut() {
            c.observe(row);
        }
        tick(&mut n);
        Ok(!checker.broken())
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(checker.finish())
}

/// The first problem: a chain break, or a checkpoint the log does not extend.
fn judge(o: &Outcome, cps: &[(String, Checkpoint)], mode: Mode) -> Option<Problem> {
    let mut problems: Vec<Problem> = o.first_break.iter().map(describe).collect();
    for (name, c) in cps {
        let stored = o
            .watched
            .iter()
            .find(|w| w.0 == c.seq)
            .and_then(|w| w.1.clone());
        let want = c.hash_bytes().ok();
        let p = if c.seq > o.head_seq && mode == Mode::Chain {
            Some(Problem {
                seq: Some(o.head_seq + 1),
                code: BreakKind::Truncated.code(),
                kind: BreakKind::Truncated.as_str(),
                message: format!(
                    "record {} is missing, and every record after it up to {}: the log ends at record {} but checkpoint {} covers up to {}",
                    o.head_seq + 1,
                    c.seq,
                    o.head_seq,
                    safe(name),
                    c.seq
                ),
            })
        } else if stored.is_some() && stored.as_deref() != want.as_ref().map(|h| &h[..]) {
            Some(Problem {
                seq: Some(c.seq),
                code: BreakKind::Rewritten.code(),
                kind: BreakKind::Rewritten.as_str(),
                message: format!(
                    "record {} does not match checkpoint {}: the log up to record {} was rewritten",
                    c.seq,
                    safe(name),
                    c.seq
                ),
            })
        } else {
            None
        };
        problems.extend(p);
    }
    problems
        .into_iter()
        .min_by_key(|p| p.seq.unwrap_or(i64::MAX))
}

fn describe(b: &Break) -> Problem {
    let what = match b.kind {
        BreakKind::Edited => "edited: its content does not match its hash".to_string(),
        BreakKind::Missing => "missing: the sequence has a gap here".to_string(),
        BreakKind::Reordered => "reordered: it is out of sequence".to_string(),
        BreakKind::Inserted => {
            "inserted: it does not follow the record before it (or that record was rewritten)"
                .to_string()
        }
        other => other.as_str().to_string(),
    };
    Problem {
        seq: Some(b.seq),
        code: b.kind.code(),
        kind: b.kind.as_str(),
        message: format!("record {} is {what}", b.seq),
    }
}

/// A record whose prev_hash is another record's hash was moved, not inserted.
fn reordered_or_inserted(db: &Db, p: &mut Problem, b: Option<&Break>) -> Result<()> {
    let Some(b) = b else { return Ok(()) };
    if let Some(owner) = db.read().audit_seq_of_hash(&b.prev_hash)? {
        p.code = BreakKind::Reordered.code();
        p.kind = BreakKind::Reordered.as_str();
        p.message = format!(
            "record {} is reordered: it belongs after record {}, not after record {}",
            b.seq,
            owner,
            b.seq - 1
        );
    }
    Ok(())
}

fn verify_file(
    ctx: &Ctx,
    file: &std::path::Path,
    manifest: Option<&std::path::Path>,
    mut cps: Vec<(String, Checkpoint)>,
    pinned: Option<&[u8; 32]>,
) -> Result<u8> {
    let watch: Vec<i64> = cps.iter().map(|(_, c)| c.seq).collect();
    let check = offline::check_file(file, manifest, &watch)?;
    let mode = match &check.manifest {
        Some((_, m)) if !m.complete => Mode::RecordsOnly,
        _ => Mode::Chain,
    };
    if let Some((path, m)) = &check.manifest {
        m.check(pinned)?;
        cps.extend(
            m.checkpoint
                .clone()
                .map(|c| (path.display().to_string(), c)),
        );
    }
    for (_, c) in &cps {
        c.check_signature(pinned)?;
    }
    let mut outcome = check.outcome.clone();
    if check.opaque
        && let Some((_, m)) = &check.manifest
    {
        outcome.count = m.count;
        outcome.first_seq = m.first_seq;
        outcome.head_seq = m.last_seq.unwrap_or(0);
        outcome.head_hash = hex::decode(&m.head_hash).unwrap_or_default();
    }
    // Without a manifest, say so first; with one, name the first bad record before the rest.
    let mut problem = check
        .manifest
        .is_none()
        .then(|| proofs::file_problem(&check, pinned.is_some()))
        .flatten();
    if problem.is_none() && !check.opaque {
        problem = judge(&check.outcome, &cps, mode);
    }
    if problem.is_none() {
        problem = proofs::file_problem(&check, pinned.is_some());
    }
    let mut extra = json!({"file": file.display().to_string(), "complete": mode == Mode::Chain && check.manifest.is_some()});
    if check.manifest.is_none() {
        extra["manifest"] = json!(null);
        ctx.out.note("warning: no manifest: the file's completeness and origin are not signed; pass --manifest FILE (`cpni audit manifest SEQ`)");
    }
    if pinned.is_none() {
        let keys: Vec<&str> = cps.iter().map(|(_, c)| c.public_key.as_str()).collect();
        extra["signed_by"] = json!(keys);
    }
    report(ctx, &outcome, &cps, problem, extra)
}

fn integrity(p: &Problem) -> Error {
    Error::new(
        Kind::Integrity,
        p.code,
        format!("audit verification failed: {}", p.message),
    )
}

fn report(
    ctx: &Ctx,
    o: &Outcome,
    cps: &[(String, Checkpoint)],
    problem: Option<Problem>,
    extra: Value,
) -> Result<u8> {
    let mut doc = json!({
        "ok": problem.is_none(),
        "records": o.count,
        "first_seq": o.first_seq,
        "head_seq": o.head_seq,
        "head_hash": hex::encode(&o.head_hash),
        "checkpoints": cps.iter().map(|(n, c)| json!({"file": n, "seq": c.seq})).collect::<Vec<_>>(),
    });
    if let (Some(d), Some(e)) = (doc.as_object_mut(), extra.as_object()) {
        d.extend(e.clone());
    }
    if let Some(p) = problem {
        doc["first_bad_seq"] = json!(p.seq);
        doc["kind"] = json!(p.kind);
        if ctx.out.json {
            ctx.out.print(&doc, "");
        }
        let hint = if p.kind == "manifest-missing" {
            "pass the export's manifest with --manifest FILE (`cpni audit manifest SEQ` prints it again)"
        } else if p.kind == "unsigned-tail" {
            "the schedule is each host's own [checkpoint] section: a host without it (or one where it was just turned on) leaves records unsigned, so give every host the same section; then look at the records after the named one (`cpni audit list --since …`) before `cpni audit checkpoint` signs them"
        } else {
            "treat the log as evidence: copy the database and its checkpoints before anything else, then investigate"
        };
        return Err(integrity(&p).hint(hint));
    }
    let what = match doc.get("file").and_then(Value::as_str) {
        Some(f) => format!("Export {f} verified (the file, not the database)"),
        None => "Audit log verified".to_string(),
    };
    let mut text = format!(
        "{what}: {} records, head record {} with hash {}.",
        o.count,
        o.head_seq,
        hex::encode(&o.head_hash)
    );
    if let Some(t) = doc.get("triggers").and_then(Value::as_str) {
        text.push_str(&format!("\nAppend-only triggers: {t}."));
    }
    for (n, c) in cps {
        let gone = if o.first_seq.is_some_and(|f| c.seq < f) {
            ", since purged"
        } else {
            ""
        };
        text.push_str(&format!(
            "\nExtends checkpoint {} (record {}{gone}).",
            safe(n),
            c.seq
        ));
    }
    // How far the given checkpoints (the shipped ones, with --checkpoints DIR) lag the log:
    // records after the newest are only as safe as the key.
    if let Some(newest) = cps.iter().map(|(_, c)| c.seq).max() {
        let after = o.head_seq - newest;
        doc["records_after_newest_checkpoint"] = json!(after.max(0));
        if after > 0 {
            text.push_str(&format!(
                "\n{after} records follow the newest checkpoint given (record {newest}): they are covered only by the signed head, that is, by the key."
            ));
        }
    }
    if let Some(keys) = doc
        .get("signed_by")
        .and_then(Value::as_array)
        .filter(|k| !k.is_empty())
    {
        text.push_str(&format!(
            "\nCheckpoints signed by {}; compare with the public key you keep (or pass --public-key).",
            keys.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")
        ));
    }
    ctx.out.print(&doc, &text);
    Ok(0)
}
