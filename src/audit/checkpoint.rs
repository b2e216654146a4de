//! Signed checkpoints: an Ed25519 signature over (sequence, head hash, record count, purge
//! base, time), and signed purge statements ([`PurgeBase`]).
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
/// now starts after record `seq`, whose hash was `hash`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurgeBase {
    pub seq: i64,
    pub hash: Vec<u8>,
    pub previous_seq: i64,
    pub records: i64,
    pub purged_at: String,
}

impl PurgeBase {
    /// The exact signed bytes: six lines, each ending in `\n`.
    pub fn message(&self) -> String {
        format!(
            "{PURGE_FORMAT}\nseq={}\nhash={}\nprevious_seq={}\nrecords={}\npurged_at={}\n",
            self.seq,
            hex::encode(&self.hash),
            self.previous_seq,
            self.records,
            self.purged_at
        )
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
}
