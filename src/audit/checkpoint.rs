//! Signed checkpoints: an Ed25519 signature over (sequence, head hash, record count, purge
//! base, time), and signed purge statements ([`PurgeBase`], format 2 with its [`PurgeProof`]).
//!
//! A checkpoint kept outside the machine proves later that the log still extends it: the record
//! at the checkpoint's sequence must still have the checkpoint's hash. Deleting the newest
//! records, or rewriting the whole chain consistently (which needs no key), is then caught.
//! Format 2 also signs the base the count starts from, so a base forged into `audit_base`
//! cannot account for a checkpointed record that is gone: only a signed purge can.
//! The signed messages are the texts of [`Checkpoint::message`] and [`PurgeBase::message`];
//! `docs/audit-format.md` has the JSON format and a recipe for checking them without cpni.

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Kind, Result};

/// The format tag, first line of the signed message and `format` field of the JSON.
pub const FORMAT: &str = "cpni-audit-checkpoint/2";
/// The earlier format (no base), still accepted when checking.
pub const FORMAT_V1: &str = "cpni-audit-checkpoint/1";
/// The first line of a signed purge statement.
pub const PURGE_FORMAT: &str = "cpni-audit-purge/1";
/// The first line of a signed purge statement that proves its retention (format 2).
pub const PURGE_FORMAT_V2: &str = "cpni-audit-purge/2";

/// A signed statement that the log had `count` records ending at `seq` with hash `hash`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub format: String,
    pub seq: i64,
    /// Lowercase hex SHA-256 of the record at `seq`.
    pub hash: String,
    /// Records from the start of the log (or its purge base) up to and including `seq`.
    pub count: u64,
    /// The purge base the count starts after (0 when never purged); format 2.
    #[serde(default)]
    pub base_seq: i64,
    /// Lowercase hex hash of the base record (64 zeros when never purged); format 2.
    #[serde(default)]
    pub base_hash: String,
    /// When it was signed (RFC 3339 UTC, milliseconds).
    pub at: String,
    /// Lowercase hex Ed25519 public key (32 bytes).
    pub public_key: String,
    /// Lowercase hex Ed25519 signature (64 bytes) over [`Checkpoint::message`].
    pub signature: String,
}

impl Checkpoint {
    /// Signs a checkpoint of the head (`seq`, `hash`) of a log starting after `base`.
    pub fn sign(
        seed: &[u8; 32],
        seq: i64,
        hash: &[u8],
        base: (i64, &[u8]),
        at: &str,
    ) -> Checkpoint {
        let key = SigningKey::from_bytes(seed);
        let mut c = Checkpoint {
            format: FORMAT.to_string(),
            seq,
            hash: hex::encode(hash),
            count: (seq - base.0).max(0) as u64,
            base_seq: base.0,
            base_hash: hex::encode(base.1),
            at: at.to_string(),
            public_key: hex::encode(key.verifying_key().to_bytes()),
            signature: String::new(),
        };
        c.signature = hex::encode(key.sign(c.message().as_bytes()).to_bytes());
        c
    }

    /// The exact signed bytes: lines each ending in `\n` (five in format 1, seven in 2).
    pub fn message(&self) -> String {
        if self.format == FORMAT_V1 {
            return format!(
                "{FORMAT_V1}\nseq={}\nhash={}\ncount={}\nat={}\n",
                self.seq, self.hash, self.count, self.at
            );
        }
        format!(
            "{FORMAT}\nseq={}\nhash={}\ncount={}\nbase_seq={}\nbase_hash={}\nat={}\n",
            self.seq, self.hash, self.count, self.base_seq, self.base_hash, self.at
        )
    }

    /// Whether this checkpoint commits to its purge base (format 2).
    pub fn has_base(&self) -> bool {
        self.format == FORMAT
    }

    /// Checks the signature against `key` (the one the verifier trusts), or against the key the
    /// checkpoint names when none is given.
    pub fn check_signature(&self, key: Option<&[u8; 32]>) -> Result<()> {
        if self.format != FORMAT && self.format != FORMAT_V1 {
            return Err(bad(format!("unknown checkpoint format {:?}", self.format)));
        }
        check_signed(
            &self.public_key,
            &self.signature,
            &self.message(),
            key,
            "checkpoint",
        )?;
        if self.has_base() && self.count != (self.seq - self.base_seq).max(0) as u64 {
            return Err(bad(format!(
                "the checkpoint's count {} is not seq {} minus base {}",
                self.count, self.seq, self.base_seq
            )));
        }
        Ok(())
    }

    /// The head hash as bytes.
    pub fn hash_bytes(&self) -> Result<[u8; 32]> {
        decode::<32>(&self.hash, "hash")
    }

    /// Reads a checkpoint from a JSON file (a checkpoint, or a manifest holding one).
    pub fn read(path: &std::path::Path) -> Result<Checkpoint> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::usage("checkpoint", format!("cannot read {}: {e}", path.display()))
        })?;
        let doc: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            Error::usage("checkpoint", format!("{} is not JSON: {e}", path.display()))
        })?;
        let inner = doc.get("checkpoint").cloned().unwrap_or(doc);
        serde_json::from_value(inner).map_err(|e| {
            Error::usage(
                "checkpoint",
                format!("{} is not a cpni checkpoint: {e}", path.display()),
            )
            .hint("pass a file written by `cpni audit checkpoint --output` or an export manifest")
        })
    }
}

/// Checks `signature` (hex) over `message` by `named_key` (hex), which must be `trusted` when
/// one is given. `what` names the signed thing in errors.
pub fn check_signed(
    named_key: &str,
    signature: &str,
    message: &str,
    trusted: Option<&[u8; 32]>,
    what: &str,
) -> Result<()> {
    let named = decode::<32>(named_key, "public_key")?;
    if let Some(k) = trusted.filter(|k| **k != named) {
        return Err(bad(format!(
            "the {what} was signed by key {named_key}, not by the trusted key {}",
            hex::encode(k)
        )));
    }
    let vk = VerifyingKey::from_bytes(&named).map_err(|_| {
        bad(format!(
            "the {what}'s public key is not a valid Ed25519 key"
        ))
    })?;
    let sig = Signature::from_bytes(&decode::<64>(signature, "signature")?);
    vk.verify_strict(message.as_bytes(), &sig).map_err(|_| {
        bad(format!(
            "the {what}'s signature does not verify: it was altered"
        ))
    })
}

/// Signs `message` with `seed`; lowercase hex.
pub fn sign_text(seed: &[u8; 32], message: &str) -> String {
    hex::encode(
        SigningKey::from_bytes(seed)
            .sign(message.as_bytes())
            .to_bytes(),
    )
}

/// A purge's signed statement: records `previous_seq + 1 ..= seq` were removed, and the log
/// now starts after record `seq`, whose hash was `hash`. Format 2 adds [`PurgeProof`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurgeBase {
    pub seq: i64,
    pub hash: Vec<u8>,
    pub previous_seq: i64,
    pub records: i64,
    pub purged_at: String,
    /// Format 2 (`cpni-audit-purge/2`); `None` for a format-1 statement.
    pub proof: Option<PurgeProof>,
}

/// What a format-2 purge statement adds: the `audit.purge` record that accounts for the base
/// and the retention rule the purge applied, so `audit verify` can re-check it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurgeProof {
    /// The `audit.purge` record written by the purge (after the base, in the surviving chain).
    pub purge_seq: i64,
    /// The time of the base record itself, the newest record removed.
    pub last_at: String,
    /// The cut-off: every removed record is strictly before it.
    pub before: String,
    /// The retention period the purge applied, in years.
    pub retention_years: i64,
}

impl PurgeBase {
    /// The exact signed bytes: six lines (format 1) or ten (format 2), each ending in `\n`.
    pub fn message(&self) -> String {
        let head = |format: &str| {
            format!(
                "{format}\nseq={}\nhash={}\nprevious_seq={}\nrecords={}\npurged_at={}\n",
                self.seq,
                hex::encode(&self.hash),
                self.previous_seq,
                self.records,
                self.purged_at
            )
        };
        match &self.proof {
            None => head(PURGE_FORMAT),
            Some(p) => format!(
                "{}purge_seq={}\nlast_at={}\nbefore={}\nretention_years={}\n",
                head(PURGE_FORMAT_V2),
                p.purge_seq,
                p.last_at,
                p.before,
                p.retention_years
            ),
        }
    }

    /// Reads a format-2 statement back from its exact text; `None` if it is not one.
    pub fn parse(text: &str) -> Option<PurgeBase> {
        let mut lines = text.strip_suffix('\n')?.split('\n');
        if lines.next()? != PURGE_FORMAT_V2 {
            return None;
        }
        let mut field = |name: &str| {
            lines
                .next()
                .and_then(|l| l.strip_prefix(name))
                .and_then(|l| l.strip_prefix('='))
                .map(str::to_string)
        };
        let base = PurgeBase {
            seq: field("seq")?.parse().ok()?,
            hash: hex::decode(field("hash")?).ok()?,
            previous_seq: field("previous_seq")?.parse().ok()?,
            records: field("records")?.parse().ok()?,
            purged_at: field("purged_at")?,
            proof: Some(PurgeProof {
                purge_seq: field("purge_seq")?.parse().ok()?,
                last_at: field("last_at")?,
                before: field("before")?,
                retention_years: field("retention_years")?.parse().ok()?,
            }),
        };
        (base.message() == text).then_some(base)
    }
}

/// The public key (32 bytes) of a signing seed.
pub fn public_key(seed: &[u8; 32]) -> [u8; 32] {
    SigningKey::from_bytes(seed).verifying_key().to_bytes()
}

fn decode<const N: usize>(text: &str, field: &str) -> Result<[u8; N]> {
    hex::decode(text)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| bad(format!("the checkpoint's {field} is not {N} bytes of hex")))
}

fn bad(message: String) -> Error {
    Error::new(Kind::Integrity, "checkpoint-invalid", message)
        .hint("use a checkpoint file kept outside this machine; never edit one by hand")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_and_detects_changes() {
        let seed = [7u8; 32];
        let c = Checkpoint::sign(
            &seed,
            42,
            &[1; 32],
            (0, &[0; 32]),
            "2026-01-01T00:00:00.000Z",
        );
        c.check_signature(None).unwrap();
        c.check_signature(Some(&public_key(&seed))).unwrap();
        assert!(c.check_signature(Some(&public_key(&[8; 32]))).is_err());
        let mut changed = c.clone();
        changed.seq = 41;
        assert!(changed.check_signature(None).is_err());
        assert!(c.message().starts_with("cpni-audit-checkpoint/2\nseq=42\n"));
        let mut rebased = c.clone();
        rebased.base_seq = 40;
        rebased.count = 2;
        assert!(rebased.check_signature(None).is_err(), "the base is signed");
    }

    #[test]
    fn purge_statement_round_trips() {
        let b = PurgeBase {
            seq: 5,
            hash: vec![2; 32],
            previous_seq: 0,
            records: 5,
            purged_at: "2026-01-01T00:00:00.000Z".into(),
            proof: Some(PurgeProof {
                purge_seq: 9,
                last_at: "2023-01-01T00:00:00.000Z".into(),
                before: "2024-01-01T00:00:00.000Z".into(),
                retention_years: 2,
            }),
        };
        assert_eq!(PurgeBase::parse(&b.message()), Some(b.clone()));
        assert!(PurgeBase::parse(&b.message().replace("=9\n", "=09\n")).is_none());
        assert!(PurgeBase::parse(&(b.message() + "x=1\n")).is_none());
        let v1 = PurgeBase { proof: None, ..b };
        assert!(v1.message().starts_with("cpni-audit-purge/1\n"));
        assert!(PurgeBase::parse(&v1.message()).is_none());
    }
}
