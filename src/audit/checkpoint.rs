//! Signed checkpoints: an Ed25519 signature over (sequence, head hash, record count, time).
//!
//! A checkpoint kept outside the machine proves later that the log still extends it: the record
//! at the checkpoint's sequence must still have the checkpoint's hash. Deleting the newest
//! records, or rewriting the whole chain consistently (which needs no key), is then caught.
//! The signed message is the text of [`Checkpoint::message`]; `docs/audit-format.md` has the
//! JSON format and a recipe for checking it without cpni.

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Kind, Result};

/// The format tag, first line of the signed message and `format` field of the JSON.
pub const FORMAT: &str = "cpni-audit-checkpoint/1";

/// A signed statement that the log had `count` records ending at `seq` with hash `hash`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub format: String,
    pub seq: i64,
    /// Lowercase hex SHA-256 of the record at `seq`.
    pub hash: String,
    /// Records from the start of the log (or its purge base) up to and including `seq`.
    pub count: u64,
    /// When it was signed (RFC 3339 UTC, milliseconds).
    pub at: String,
    /// Lowercase hex Ed25519 public key (32 bytes).
    pub public_key: String,
    /// Lowercase hex Ed25519 signature (64 bytes) over [`Checkpoint::message`].
    pub signature: String,
}

impl Checkpoint {
    /// Signs a checkpoint of the head (`seq`, `hash`).
    pub fn sign(seed: &[u8; 32], seq: i64, hash: &[u8], count: u64, at: &str) -> Checkpoint {
        let key = SigningKey::from_bytes(seed);
        let mut c = Checkpoint {
            format: FORMAT.to_string(),
            seq,
            hash: hex::encode(hash),
            count,
            at: at.to_string(),
            public_key: hex::encode(key.verifying_key().to_bytes()),
            signature: String::new(),
        };
        c.signature = hex::encode(key.sign(c.message().as_bytes()).to_bytes());
        c
    }

    /// The exact signed bytes: five lines, each ending in `\n`.
    pub fn message(&self) -> String {
        format!(
            "{FORMAT}\nseq={}\nhash={}\ncount={}\nat={}\n",
            self.seq, self.hash, self.count, self.at
        )
    }

    /// Checks the signature against `key` (the one the verifier trusts), or against the key the
    /// checkpoint names when none is given.
    pub fn check_signature(&self, key: Option<&[u8; 32]>) -> Result<()> {
        if self.format != FORMAT {
            return Err(bad(format!("unknown checkpoint format {:?}", self.format)));
        }
        let named = decode::<32>(&self.public_key, "public_key")?;
        if let Some(k) = key.filter(|k| **k != named) {
            return Err(bad(format!(
                "the checkpoint was signed by key {}, not by the trusted key {}",
                self.public_key,
                hex::encode(k)
            )));
        }
        let vk = VerifyingKey::from_bytes(&named)
            .map_err(|_| bad("the checkpoint's public key is not a valid Ed25519 key".into()))?;
        let sig = Signature::from_bytes(&decode::<64>(&self.signature, "signature")?);
        vk.verify_strict(self.message().as_bytes(), &sig)
            .map_err(|_| bad("the checkpoint's signature does not verify: it was altered".into()))
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
        let c = Checkpoint::sign(&seed, 42, &[1; 32], 42, "2026-01-01T00:00:00.000Z");
        c.check_signature(None).unwrap();
        c.check_signature(Some(&public_key(&seed))).unwrap();
        assert!(c.check_signature(Some(&public_key(&[8; 32]))).is_err());
        let mut changed = c.clone();
        changed.seq = 41;
        assert!(changed.check_signature(None).is_err());
        assert!(c.message().starts_with("cpni-audit-checkpoint/1\nseq=42\n"));
    }
}
