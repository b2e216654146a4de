//! `cpni audit export --format csv|jsonl|json [filters] [--output FILE] [--force]`.
//!
//! First commits the `audit.export` record (format, filters), so no byte leaves without it;
//! then reads one consistent snapshot (which includes that record), checks every record's
//! hash as it goes (and the links too when nothing is filtered out), writes the file (0600,
//! never over an existing one; `--force` replaces only a regular file) or stdout, and stores
//! the signed manifest ([`crate::audit::manifest`]) under the export record, written also as
//! `FILE.manifest.json`. An export that fails part-way leaves its record and a manifest
//! saying it did not finish.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{bound, files};
use crate::audit::Event;
use crate::audit::checkpoint::Checkpoint;
use crate::audit::export::{Exporter, Format};
use crate::audit::manifest::Manifest;
use crate::audit::offline::manifest_path;
use crate::audit::sink::Sink;
use crate::audit::verify::{Checker, Mode, Outcome};
use crate::commands::context::{Acting, Ctx, SUPERVISORS};
use crate::domain::contact;
use crate::error::{Error, Kind, Result};
use crate::store::audit::Filter;
use crate::store::{self, Db};
use crate::{clock, ui::term::safe};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// csv (RFC 4180, spreadsheet-safe), jsonl (one record per line) or json (one array)
    #[arg(long, value_enum)]
    pub format: Format,
    /// From this time (RFC 3339 or YYYY-MM-DD, inclusive)
    #[arg(long, value_name = "T")]
    pub since: Option<String>,
    /// Before this time (RFC 3339 or YYYY-MM-DD, exclusive)
    #[arg(long, value_name = "T")]
    pub until: Option<String>,
    /// Only records by (or on behalf of) this agent login
    #[arg(long, value_name = "L")]
    pub agent: Option<String>,
    /// Only this account
    #[arg(long, value_name = "A")]
    pub account: Option<String>,
    /// Only this event type (e.g. auth.pin.fail)
    #[arg(long, value_name = "E")]
    pub event: Option<String>,
    /// Write to FILE (0600) and FILE.manifest.json [default: stdout; the signed manifest is
    /// then printed by `cpni audit manifest SEQ`]
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE and its manifest if they exist
    #[arg(long)]
    pub force: bool,
    /// Skip the hash-chain check while exporting (faster; the manifest says so)
    #[arg(long)]
    pub no_verify: bool,
}

/// How far an export got: records handed to the writer (for the manifest of one that failed).
#[derive(Default)]
struct Progress {
    count: u64,
    first_seq: Option<i64>,
    last_seq: Option<i64>,
}

/// What was exported.
struct Written {
    sha256: [u8; 32],
    bytes: u64,
    records_sha256: [u8; 32],
    outcome: Outcome,
    head: (i64, Vec<u8>),
    base: (i64, Vec<u8>),
}

pub fn run(ctx: &Ctx, a: ExportArgs) -> Result<u8> {
    let filter = filter_of(&a)?;
    let manifest = a.output.as_deref().map(manifest_path);
    if let (Some(out), Some(m)) = (&a.output, &manifest) {
        files::ensure_free(&[out, m], a.force)?;
    }
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "audit export", SUPERVISORS)?;
    let seed = files::signing_seed(db.path())?;
    let out_file = match &a.output {
        Some(p) => Some(files::create(p, a.force)?),
        None => None,
    };
    // The record of the export is committed before the first byte goes out.
    let rec = match record(&mut db, &acting, &a, &filter) {
        Ok(r) => r,
        Err(e) => return Err(discard(&a.output, e)),
    };
    let sink = match out_file {
        Some(f) => Sink::new(Box::new(f)),
        None => Sink::new(Box::new(std::io::stdout())),
    };
    let mut progress = Progress::default();
    let result = export(
        ctx,
        &db,
        &filter,
        a.format,
        sink,
        !a.no_verify,
        &mut progress,
    );
    let (written, failure) = match result {
        Ok(w) => (Some(w), None),
        Err(e) => (None, Some(e)),
    };
    let m = signed_manifest(&a, &filter, rec, written.as_ref(), &progress, &seed);
    let body = serde_json::to_string_pretty(&m).unwrap_or_default() + "\n";
    let stored = db.step(|tx| tx.insert_manifest(rec, &body));
    if let Some(e) = failure {
        return Err(discard(&a.output, e));
    }
    if let Err(e) = stored {
        ctx.out.note(&format!(
            "warning: the signed manifest of export {rec} could not be stored ({e})"
        ));
    }
    super::schedule::after_write(ctx, true);
    let doc = serde_json::to_value(&m).unwrap_or_default();
    if let (Some(out), Some(mp)) = (&a.output, &manifest) {
        // Like the export file, the manifest is not fsynced: both are copies to hand on (the
        // database keeps the signed manifest durably).
        files::write_new(mp, &body, a.force, false)?;
        print_done(ctx, &doc, out, mp);
    } else {
        ctx.out.note(&format!(
            "Exported {} records (audit record {rec}); its signed manifest: `cpni audit manifest {rec}`.",
            m.count
        ));
    }
    Ok(0)
}

/// The signed manifest of export `rec` (of what was written, when it stopped early).
fn signed_manifest(
    a: &ExportArgs,
    f: &Filter,
    rec: i64,
    w: Option<&Written>,
    p: &Progress,
    seed: &[u8; 32],
) -> Manifest {
    let at = clock::format(clock::now());
    let zero = crate::audit::chain::GENESIS.to_vec();
    let (base, head) = match w {
        Some(w) => (w.base.clone(), w.head.clone()),
        None => ((0, zero.clone()), (0, zero)),
    };
    let checkpoint = w.map(|_| Checkpoint::sign(seed, head.0, &head.1, (base.0, &base.1), &at));
    Manifest {
        format: String::new(),
        export_seq: rec,
        file: a
            .output
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned()),
        export_format: a.format.as_str().to_string(),
        filters: filters_json(f),
        complete: store::audit::is_unfiltered(f),
        finished: w.is_some(),
        chain_verified: !a.no_verify,
        count: w.map_or(p.count, |w| w.outcome.count),
        first_seq: w.map_or(p.first_seq, |w| w.outcome.first_seq),
        last_seq: w.map_or(p.last_seq, |w| {
            w.outcome.first_seq.map(|_| w.outcome.head_seq)
        }),
        bytes: w.map_or(0, |w| w.bytes),
        sha256: w.map(|w| hex::encode(w.sha256)).unwrap_or_default(),
        records_sha256: w.map(|w| hex::encode(w.records_sha256)).unwrap_or_default(),
        base_seq: base.0,
        base_hash: hex::encode(&base.1),
        head_seq: head.0,
        head_hash: hex::encode(&head.1),
        at,
        public_key: String::new(),
        signature: String::new(),
        checkpoint,
    }
    .sign(seed)
}

fn filters_json(f: &Filter) -> Value {
    json!({
        "since": f.since, "until": f.until, "agent": f.actor,
        "account": f.account, "event": f.event,
    })
}

fn filter_of(a: &ExportArgs) -> Result<Filter> {
    Ok(Filter {
        account: a
            .account
            .as_deref()
            .map(contact::parse_account_id)
            .transpose()?,
        actor: a.agent.clone(),
        event: a.event.clone(),
        since: bound("--since", a.since.as_deref())?,
        until: bound("--until", a.until.as_deref())?,
        ..Filter::default()
    })
}

/// Reads one snapshot and writes it out, checking hashes on the way.
fn export(
    ctx: &Ctx,
    db: &Db,
    filter: &Filter,
    format: Format,
    sink: Sink,
    verify: bool,
    progress: &mut Progress,
) -> Result<Written> {
    let open = db.snapshot()?;
    let snapshot = open.read();
    let (base_seq, base_hash) = snapshot.audit_base()?;
    let head = snapshot
        .audit_head()?
        .unwrap_or((base_seq, base_hash.clone()));
    let complete = store::audit::is_unfiltered(filter);
    let mode = if complete {
        Mode::Chain
    } else {
        Mode::RecordsOnly
    };
    let mut checker = Checker::new(mode, base_seq, &base_hash, &[]);
    let bar = match super::progress(ctx, 0, "exporting") {
        Some(b) => {
            b.set_length(snapshot.audit_count(filter)?);
            Some(b)
        }
        None => None,
    };
    let mut out = Exporter::new(format, sink).map_err(Error::output)?;
    let mut n = 0u64;
    let mut digest = Sha256::new();
    let mut write_failed = false;
    snapshot.scan_audit(filter, |row| {
        digest.update(row.hash);
        if verify {
            checker.push(row);
            if checker.broken() {
                return Ok(false);
            }
        }
        if out.write(row).is_err() {
            // The writer stopped (closed pipe, full disk): finish() below says why.
            write_failed = true;
            return Ok(false);
        }
        n += 1;
        progress.count = n;
        progress.first_seq.get_or_insert(row.seq);
        progress.last_seq = Some(row.seq);
        if let Some(b) = bar.as_ref().filter(|_| n.is_multiple_of(8192)) {
            b.set_position(n);
        }
        Ok(true)
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let (sha256, bytes) = out.finish().map_err(Error::output)?;
    if write_failed {
        return Err(Error::output(std::io::Error::other(
            "the output writer stopped",
        )));
    }
    drop(open);
    let mut outcome = checker.finish();
    if let Some(b) = &outcome.first_break {
        return Err(Error::new(
            Kind::Integrity,
            b.kind.code(),
            format!(
                "record {} is {}: the export was stopped",
                b.seq,
                b.kind.as_str()
            ),
        )
        .hint("run `cpni audit verify` for details; the partial file was removed"));
    }
    outcome.count = n;
    Ok(Written {
        sha256,
        bytes,
        records_sha256: digest.finalize().into(),
        outcome,
        head,
        base: (base_seq, base_hash),
    })
}

/// Appends the `audit.export` record (before any byte is written); returns its seq.
fn record(db: &mut Db, acting: &Acting, a: &ExportArgs, f: &Filter) -> Result<i64> {
    let ev = Event::new("audit.export")
        .with("export_format", a.format.as_str())
        .with("filters", filters_json(f))
        .with("complete", store::audit::is_unfiltered(f))
        .with(
            "file",
            a.output
                .as_deref()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned()),
        );
    let actor = acting.actor.clone();
    db.step(|tx| tx.append(&actor, clock::now(), ev).map(|r| r.seq))
}

/// Removes a partial or unrecorded export file; returns the error.
fn discard(output: &Option<PathBuf>, e: Error) -> Error {
    if let Some(p) = output {
        let _ = std::fs::remove_file(p);
    }
    e
}

fn print_done(ctx: &Ctx, doc: &Value, out: &Path, manifest: &Path) {
    let text = format!(
        "Exported {} records to {} (SHA-256 {}).\nManifest with a signed checkpoint: {}\nThe export is audit record {}.",
        doc["count"],
        safe(&out.display().to_string()),
        doc["sha256"].as_str().unwrap_or_default(),
        safe(&manifest.display().to_string()),
        doc["export_seq"],
    );
    ctx.out.print(doc, &text);
    let _ = std::io::stdout().flush();
}
