//! `cpni audit export --format csv|jsonl|json [filters] [--output FILE] [--force]`.
//!
//! Reads one consistent snapshot, checks every record's hash as it goes (and the links too
//! when nothing is filtered out), writes the file (0600, never over an existing one without
//! `--force`), records the export as an `audit.export` record, and writes
//! `FILE.manifest.json`: filters, count, first and last seq, SHA-256 of the file and a signed
//! checkpoint of the head at the time of the snapshot.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::{Value, json};

use super::{bound, files};
use crate::audit::checkpoint::Checkpoint;
use crate::audit::export::{Exporter, Format};
use crate::audit::offline::manifest_path;
use crate::audit::sink::Sink;
use crate::audit::verify::{Checker, Mode, Outcome};
use crate::audit::{self, Event};
use crate::commands::context::{Acting, Ctx, SUPERVISORS};
use crate::domain::contact;
use crate::error::{Error, Kind, Result};
use crate::store::audit::Filter;
use crate::store::{self, Db};
use crate::{clock, ui::term::safe};

/// The manifest's format tag.
pub const MANIFEST_FORMAT: &str = "cpni-audit-export-manifest/1";

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
    /// Write to FILE (0600) and FILE.manifest.json [default: stdout, no manifest]
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE and its manifest if they exist
    #[arg(long)]
    pub force: bool,
    /// Skip the hash-chain check while exporting (faster; the manifest says so)
    #[arg(long)]
    pub no_verify: bool,
}

/// What was exported.
struct Written {
    sha256: [u8; 32],
    bytes: u64,
    outcome: Outcome,
    head: (i64, Vec<u8>),
    base_seq: i64,
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
    let sink = match &a.output {
        Some(p) => Sink::new(Box::new(files::create(p, a.force)?)),
        None => Sink::new(Box::new(std::io::stdout())),
    };
    let written = match export(ctx, &db, &filter, a.format, sink, !a.no_verify) {
        Ok(w) => w,
        Err(e) => return Err(discard(&a.output, e)),
    };
    let cp = Checkpoint::sign(
        &seed,
        written.head.0,
        &written.head.1,
        (written.head.0 - written.base_seq) as u64,
        &clock::format(clock::now()),
    );
    let summary = summary(&a, &filter, &written, &cp);
    let rec = match record(&mut db, &acting, &summary) {
        Ok(r) => r,
        Err(e) => return Err(discard(&a.output, e)),
    };
    let mut doc = summary;
    doc["export_record_seq"] = json!(rec);
    doc["checkpoint"] = serde_json::to_value(&cp).unwrap_or_default();
    if let (Some(out), Some(m)) = (&a.output, &manifest) {
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
        // Like the export file, the manifest is not fsynced: both are copies to hand on (the
        // audit.export record holds the SHA-256 durably), and an fsync would add about 1 ms
        // to a small filtered export.
        files::write_new(m, &text, a.force, false)?;
        print_done(ctx, &doc, out, m);
    } else {
        ctx.out.note(&format!(
            "Exported {} records (recorded as audit record {rec}); use --output FILE for a signed manifest.",
            written.outcome.count
        ));
    }
    Ok(0)
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
) -> Result<Written> {
    let snapshot = db.conn().unchecked_transaction()?;
    let (base_seq, base_hash) = store::audit::base(&snapshot)?;
    let head = store::audit::head(&snapshot)?.unwrap_or((base_seq, base_hash.clone()));
    let complete = store::audit::is_unfiltered(filter);
    let mode = if complete {
        Mode::Chain
    } else {
        Mode::RecordsOnly
    };
    let mut checker = Checker::new(mode, base_seq, &base_hash, &[]);
    let bar = match super::progress(ctx, 0, "exporting") {
        Some(b) => {
            b.set_length(store::audit::count(&snapshot, filter)?);
            Some(b)
        }
        None => None,
    };
    let mut out = Exporter::new(format, sink).map_err(Error::output)?;
    let mut n = 0u64;
    let mut write_failed = false;
    store::audit::scan(&snapshot, filter, |row| {
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
    drop(snapshot);
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
        outcome,
        head,
        base_seq,
    })
}

/// The manifest body (without the export record's seq and the checkpoint).
fn summary(a: &ExportArgs, f: &Filter, w: &Written, cp: &Checkpoint) -> Value {
    json!({
        "format": MANIFEST_FORMAT,
        "file": a.output.as_deref().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned()),
        "export_format": a.format.as_str(),
        "filters": {
            "since": f.since, "until": f.until, "agent": f.actor,
            "account": f.account, "event": f.event,
        },
        "complete": store::audit::is_unfiltered(f),
        "chain_verified": !a.no_verify,
        "count": w.outcome.count,
        "first_seq": w.outcome.first_seq,
        "last_seq": w.outcome.first_seq.map(|_| w.outcome.head_seq),
        "bytes": w.bytes,
        "sha256": hex::encode(w.sha256),
        "checkpoint_seq": cp.seq,
    })
}

/// Appends the `audit.export` record; returns its seq.
fn record(db: &mut Db, acting: &Acting, summary: &Value) -> Result<i64> {
    let mut ev = Event::new("audit.export");
    for key in [
        "export_format",
        "filters",
        "count",
        "first_seq",
        "last_seq",
        "sha256",
        "file",
        "checkpoint_seq",
    ] {
        ev = ev.with(key, summary[key].clone());
    }
    let actor = acting.actor.clone();
    db.write(|tx| audit::append(tx, &actor, clock::now(), ev).map(|r| r.seq))
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
        doc["export_record_seq"],
    );
    ctx.out.print(doc, &text);
    let _ = std::io::stdout().flush();
}
