//! Verifying an exported file without the database: JSON Lines (or a JSON array) written by
//! `cpni audit export`, checked record by record with the same [`Checker`] as the live log,
//! plus its signed manifest ([`Manifest`]: `--manifest FILE`, or `FILE.manifest.json` beside
//! it). A complete export is checked as a chain from the manifest's signed base; a filtered one
//! record by record and against the manifest's digest of the record hashes. A CSV export
//! (whose cells may be neutralised for spreadsheets) is checked by its SHA-256 only.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::chain;
use super::manifest::Manifest;
use super::verify::{Checker, Mode, Outcome, RowRef};
use crate::error::{Error, Kind, Result};

/// One exported record as read back.
#[derive(Debug, Deserialize)]
pub struct Line {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub on_behalf_of: String,
    pub account: String,
    pub session: String,
    pub event: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// What offline verification found out.
pub struct FileCheck {
    pub outcome: Outcome,
    pub manifest: Option<(PathBuf, Manifest)>,
    /// Whether the file's SHA-256 equals the manifest's.
    pub sha_matches: Option<bool>,
    /// SHA-256 over the records' hashes, in file order.
    pub records_sha256: String,
    /// The records were not parsed (CSV): only the SHA-256 binds them.
    pub opaque: bool,
}

/// `FILE.manifest.json` beside `file`.
pub fn manifest_path(file: &Path) -> PathBuf {
    let mut s = file.as_os_str().to_owned();
    s.push(".manifest.json");
    PathBuf::from(s)
}

/// Checks `file` (and its manifest, from `manifest` or beside it, if present); `watch` are
/// checkpoint sequences to capture.
pub fn check_file(file: &Path, manifest: Option<&Path>, watch: &[i64]) -> Result<FileCheck> {
    let bytes = std::fs::read(file)
        .map_err(|e| Error::usage("file", format!("cannot read {}: {e}", file.display())))?;
    let manifest = read_manifest(file, manifest)?;
    let sha_matches = manifest
        .as_ref()
        .map(|(_, m)| hex::encode(Sha256::digest(&bytes)) == m.sha256);
    let (mode, base_seq, base_hash) = match &manifest {
        Some((_, m)) if !m.complete => (Mode::RecordsOnly, 0, chain::GENESIS.to_vec()),
        Some((_, m)) => (Mode::Chain, m.base_seq, unhex(&m.base_hash)),
        None => (Mode::Chain, 0, chain::GENESIS.to_vec()),
    };
    let mut watch = watch.to_vec();
    if let Some(c) = manifest.as_ref().and_then(|(_, m)| m.checkpoint.as_ref()) {
        watch.push(c.seq);
    }
    let opaque = manifest
        .as_ref()
        .is_some_and(|(_, m)| m.export_format == "csv");
    let lines = if opaque { Vec::new() } else { parse(&bytes)? };
    let mut checker = Checker::new(mode, base_seq, &base_hash, &watch);
    let mut digest = Sha256::new();
    for l in &lines {
        let (prev, hash) = (unhex(&l.prev_hash), unhex(&l.hash));
        digest.update(&hash);
        checker.push(&RowRef {
            seq: l.seq,
            fields: [
                l.at.as_bytes(),
                l.actor.as_bytes(),
                l.on_behalf_of.as_bytes(),
                l.account.as_bytes(),
                l.session.as_bytes(),
                l.event.as_bytes(),
                l.detail.as_bytes(),
            ],
            prev_hash: &prev,
            hash: &hash,
        });
        if checker.broken() {
            break;
        }
    }
    Ok(FileCheck {
        outcome: checker.finish(),
        manifest,
        sha_matches,
        records_sha256: hex::encode(digest.finalize()),
        opaque,
    })
}

fn read_manifest(file: &Path, given: Option<&Path>) -> Result<Option<(PathBuf, Manifest)>> {
    let path = given.map_or_else(|| manifest_path(file), Path::to_path_buf);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if given.is_some() => {
            return Err(Error::usage(
                "manifest",
                format!("cannot read {}: {e}", path.display()),
            ));
        }
        Err(_) => return Ok(None),
    };
    let m = Manifest::parse(&text, &path.display().to_string())?;
    Ok(Some((path, m)))
}

fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).unwrap_or_default()
}

/// Parses JSON Lines or one JSON array. A line that is not a record is an integrity failure.
fn parse(bytes: &[u8]) -> Result<Vec<Line>> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        integrity(format!(
            "the file is not UTF-8 text (byte {})",
            e.valid_up_to()
        ))
    })?;
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') {
        return serde_json::from_str(trimmed)
            .map_err(|e| integrity(format!("the JSON array does not parse: {e}")));
    }
    if !trimmed.is_empty() && !trimmed.starts_with('{') {
        return Err(Error::usage(
            "file",
            "only JSON Lines or JSON exports can be verified offline",
        )
        .hint(
            "pass the export's signed manifest (--manifest FILE, from `cpni audit manifest SEQ`) to check a CSV file by its SHA-256, or export with --format jsonl to check each record",
        ));
    }
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l)
                .map_err(|e| integrity(format!("line {} is not an audit record: {e}", i + 1)))
        })
        .collect()
}

fn integrity(message: String) -> Error {
    Error::new(Kind::Integrity, "export-altered", message)
        .hint("the export was changed after it was written; ask for a fresh export")
}
