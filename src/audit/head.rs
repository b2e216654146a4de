//! The signed head: an Ed25519 signature, by the checkpoint key, over the newest record of the
//! chain (its seq and hash, the purge base the count starts after, and the time).
//!
//! Design. A checkpoint only covers the records up to it; a record appended afterwards with a
//! correct hash chain (which needs no key) used to pass `audit verify`. So every write
//! transaction that appends records also replaces the one row of `audit_head` with a signed
//! statement of the new head, inside the same transaction (the store's head seal, run by every
//! step's commit), and `audit verify` requires the newest record to be
//! exactly the signed head: a record forged after it, a tail cut off, or a tail rewritten is
//! exit 6 naming the first record concerned. One replaced row (not one row per commit) keeps
//! the cost to one signature and one small write per step, and the history is what checkpoints
//! are for. A transaction signs only when the head it started from is the signed one (or the log
//! was empty: a new database), so cpni never blesses a record forged between two steps: the
//! mismatch stays until someone investigates. A log with records and no head row is never
//! signed by a step (the row was deleted: signing would bless the forgery); a database
//! upgraded from before signed heads has its first head signed by the upgrade itself.
//!
//! What it does not prove: whoever holds the signing key (it sits beside the database) can
//! re-sign any head, and whoever kept an old copy of the database and its key files can put the
//! old copy back (a rollback to a correctly signed earlier head). Only a checkpoint kept off
//! the machine (`[checkpoint] command`) bounds both. Whoever can write the database
//! can also put back a head row saved earlier after cutting the tail to it (no key needed):
//! only a newer off-machine checkpoint shows that cut. And whoever makes cpni believe the
//! database is older than signed heads (schema version and tables rewound) gets the next
//! upgrade to sign its head. `audit verify` reports an unsigned head as exit 6 when the key
//! is known.

use ed25519_dalek::{Signer, SigningKey};

use super::checkpoint;
use crate::error::Result;

/// First line of the signed head statement.
pub const FORMAT: &str = "cpni-audit-head/1";

/// A signed statement that the newest record of the log is `seq` with hash `hash`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub seq: i64,
    pub hash: Vec<u8>,
    /// The purge base the log starts after (0 when never purged).
    pub base_seq: i64,
    /// When it was signed (RFC 3339 UTC, milliseconds).
    pub at: String,
    /// Lowercase hex Ed25519 public key.
    pub public_key: String,
    /// Lowercase hex Ed25519 signature over [`Head::message`].
    pub signature: String,
}

impl Head {
    /// Signs the head (`seq`, `hash`) of a log starting after `base_seq`.
    pub fn sign(seed: &[u8; 32], seq: i64, hash: &[u8], base_seq: i64, at: &str) -> Head {
        Head::sign_with(&SigningKey::from_bytes(seed), seq, hash, base_seq, at)
    }

    /// [`Head::sign`] with the key already derived from its seed (deriving it is a scalar
    /// multiplication: a step derives it once).
    pub fn sign_with(key: &SigningKey, seq: i64, hash: &[u8], base_seq: i64, at: &str) -> Head {
        let mut h = Head {
            seq,
            hash: hash.to_vec(),
            base_seq,
            at: at.to_string(),
            public_key: hex::encode(key.verifying_key().to_bytes()),
            signature: String::new(),
        };
        h.signature = hex::encode(key.sign(h.message().as_bytes()).to_bytes());
        h
    }

    /// The exact signed bytes: six lines, each ending in `\n`.
    pub fn message(&self) -> String {
        format!(
            "{FORMAT}\nseq={}\nhash={}\ncount={}\nbase_seq={}\nat={}\n",
            self.seq,
            hex::encode(&self.hash),
            (self.seq - self.base_seq).max(0),
            self.base_seq,
            self.at
        )
    }

    /// Whether this row is exactly the statement `key` makes for its fields. Ed25519 signing is
    /// deterministic (RFC 8032), so a row this key signed matches byte for byte. Signing again
    /// costs one scalar multiplication where a verification costs about two, and it is
    /// stricter: no other valid signature, and no other spelling of the key, passes.
    pub fn signed_by(&self, key: &SigningKey) -> bool {
        *self == Head::sign_with(key, self.seq, &self.hash, self.base_seq, &self.at)
    }

    /// Checks the signature by `trusted` (or by the key the row names when none is given).
    pub fn check(&self, trusted: Option<&[u8; 32]>) -> Result<()> {
        checkpoint::check_signed(
            &self.public_key,
            &self.signature,
            &self.message(),
            trusted,
            "signed head",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_by_accepts_exactly_what_the_key_signs() {
        let key = SigningKey::from_bytes(&[3u8; 32]);
        let h = Head::sign_with(&key, 9, &[1; 32], 2, "2026-01-01T00:00:00.000Z");
        assert!(h.signed_by(&key));
        assert!(!h.signed_by(&SigningKey::from_bytes(&[4u8; 32])));
        let mut upper = h.clone();
        upper.public_key = upper.public_key.to_uppercase();
        assert!(!upper.signed_by(&key), "another spelling of the key");
        for edit in [
            |h: &mut Head| h.seq += 1,
            |h: &mut Head| h.hash[0] ^= 1,
            |h: &mut Head| h.base_seq = 0,
            |h: &mut Head| h.at.push('0'),
            |h: &mut Head| {
                let other = if h.signature.starts_with('0') {
                    "1"
                } else {
                    "0"
                };
                h.signature.replace_range(0..1, other)
            },
        ] {
            let mut bad = h.clone();
            edit(&mut bad);
            assert!(!bad.signed_by(&key));
        }
    }

    #[test]
    fn signs_and_detects_changes() {
        let seed = [3u8; 32];
        let h = Head::sign(&seed, 9, &[1; 32], 2, "2026-01-01T00:00:00.000Z");
        h.check(Some(&checkpoint::public_key(&seed))).unwrap();
        assert!(h.message().starts_with("cpni-audit-head/1\nseq=9\n"));
        assert!(h.message().contains("\ncount=7\nbase_seq=2\n"));
        for edit in [
            |h: &mut Head| h.seq += 1,
            |h: &mut Head| h.hash[0] ^= 1,
            |h: &mut Head| h.base_seq = 0,
        ] {
            let mut bad = h.clone();
            edit(&mut bad);
            assert!(bad.check(None).is_err());
        }
        assert!(h.check(Some(&checkpoint::public_key(&[4; 32]))).is_err());
    }
}
