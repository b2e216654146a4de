//! Signed export manifests: what an export holds, signed with the checkpoint key.
//!
//! The signature covers every field but itself ([`Manifest::message`], one `key=value` line
//! each): the export's audit record, the file's SHA-256 and length, the record count, first
//! and last sequence numbers, the SHA-256 over the exported records' hashes in file order
//! (`records_sha256`), the filters, whether the export is complete (unfiltered) and finished,
//! and the purge base and head the snapshot started after and ended at. The manifest is stored
//! in `audit_manifest` under its export record, so an export to stdout has one too
//! (`cpni audit manifest SEQ`). `docs/audit-format.md` specifies the message.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::checkpoint::{self, Checkpoint};
use crate::error::{Error, Kind, Result};

/// The format tag, first line of the signed message and `format` field of the JSON.
pub const FORMAT: &str = "cpni-audit-export-manifest/2";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    /// The `audit.export` record of this export (committed before the first byte).
    pub export_seq: i64,
    /// The file name given with --output, or null for stdout.
    pub file: Option<String>,
    pub export_format: String,
    /// since, until, agent, account, event (null when not given).
    pub filters: Value,
    /// No filter: every record from the base to the head.
    pub complete: bool,
    /// Every record was written (false: the export stopped; the counts say how far).
    pub finished: bool,
    pub chain_verified: bool,
    pub count: u64,
    pub first_seq: Option<i64>,
    pub last_seq: Option<i64>,
    pub bytes: u64,
    /// Lowercase hex SHA-256 of the file's bytes (empty when unfinished).
    pub sha256: String,
    /// Lowercase hex SHA-256 over the 32-byte hashes of the records, in file order.
    pub records_sha256: String,
    pub base_seq: i64,
    pub base_hash: String,
    /// The snapshot's head, also signed as `checkpoint`.
    pub head_seq: i64,
    pub head_hash: String,
    pub at: String,
    pub public_key: String,
    pub signature: String,
    /// A signed checkpoint of the snapshot's head.
    pub checkpoint: Option<Checkpoint>,
}

fn opt(v: Option<i64>) -> String {
    v.map(|s| s.to_string()).unwrap_or_default()
}

impl Manifest {
    /// The exact signed bytes: one `key=value\n` line per field, in this order.
    pub fn message(&self) -> String {
        let filters = serde_json::to_string(&self.filters).unwrap_or_default();
        format!(
            "{FORMAT}\nexport_seq={}\nfile={}\nexport_format={}\nfilters={filters}\ncomplete={}\nfinished={}\nchain_verified={}\ncount={}\nfirst_seq={}\nlast_seq={}\nbytes={}\nsha256={}\nrecords_sha256={}\nbase_seq={}\nbase_hash={}\nhead_seq={}\nhead_hash={}\nat={}\n",
            self.export_seq,
            self.file.as_deref().unwrap_or(""),
            self.export_format,
            self.complete,
            self.finished,
            self.chain_verified,
            self.count,
            opt(self.first_seq),
            opt(self.last_seq),
            self.bytes,
            self.sha256,
            self.records_sha256,
            self.base_seq,
            self.base_hash,
            self.head_seq,
            self.head_hash,
            self.at,
        )
    }

    /// Fills in the key and the signature.
    pub fn sign(mut self, seed: &[u8; 32]) -> Manifest {
        self.format = FORMAT.to_string();
        self.public_key = hex::encode(checkpoint::public_key(seed));
        self.signature = checkpoint::sign_text(seed, &self.message());
        self
    }

    /// Checks the signature (by `trusted` when given) and the embedded checkpoint.
    pub fn check(&self, trusted: Option<&[u8; 32]>) -> Result<()> {
        if self.format != FORMAT || self.signature.is_empty() {
            return Err(Error::new(
                Kind::Integrity,
                "manifest-unsigned",
                "the export manifest is not signed (it is not a cpni-audit-export-manifest/2)",
            )
            .hint("ask for the signed manifest: `cpni audit manifest SEQ`"));
        }
        checkpoint::check_signed(
            &self.public_key,
            &self.signature,
            &self.message(),
            trusted,
            "export manifest",
        )?;
        if let Some(c) = &self.checkpoint {
            c.check_signature(trusted)?;
        }
        Ok(())
    }

    /// Parses a manifest's JSON.
    pub fn parse(text: &str, origin: &str) -> Result<Manifest> {
        serde_json::from_str(text).map_err(|e| {
            Error::new(
                Kind::Integrity,
                "manifest-invalid",
                format!("{origin} is not a signed export manifest: {e}"),
            )
            .hint("ask for the signed manifest: `cpni audit manifest SEQ`")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_signed() {
        let m = Manifest {
            format: String::new(),
            export_seq: 7,
            file: Some("q1.jsonl".into()),
            export_format: "jsonl".into(),
            filters: serde_json::json!({"account": null, "agent": "ann"}),
            complete: false,
            finished: true,
            chain_verified: true,
            count: 3,
            first_seq: Some(2),
            last_seq: Some(6),
            bytes: 100,
            sha256: "00".repeat(32),
            records_sha256: "11".repeat(32),
            base_seq: 0,
            base_hash: "00".repeat(32),
            head_seq: 7,
            head_hash: "22".repeat(32),
            at: "2026-01-01T00:00:00.000Z".into(),
            public_key: String::new(),
            signature: String::new(),
            checkpoint: None,
        }
        .sign(&[3; 32]);
        m.check(None).unwrap();
        for edit in [
            |m: &mut Manifest| m.complete = true,
            |m: &mut Manifest| m.count = 2,
            |m: &mut Manifest| m.filters = serde_json::json!({}),
            |m: &mut Manifest| m.last_seq = Some(7),
            |m: &mut Manifest| m.sha256 = "33".repeat(32),
        ] {
            let mut bad = m.clone();
            edit(&mut bad);
            assert!(bad.check(None).is_err());
        }
    }
}
