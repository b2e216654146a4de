//! The canonical encoding of an audit record and its chained hash.
//!
//! canonical = u64be(seq) ‖ for each of at, actor, on_behalf_of, account, session, event,
//! detail: u32be(byte length) ‖ UTF-8 bytes. hash = SHA-256(prev_hash ‖ canonical), and the first
//! record's prev_hash is 32 zero bytes. `docs/audit-format.md` is the specification; the golden
//! vector test below keeps this code and that document in step.

use sha2::{Digest, Sha256};

use super::Record;

/// The prev_hash of the first record.
pub const GENESIS: [u8; 32] = [0; 32];

/// The canonical bytes of a record (everything but the hashes).
pub fn canonical(r: &Record) -> Vec<u8> {
    let fields = fields_of(r);
    let len = 8 + fields.iter().map(|f| 4 + f.len()).sum::<usize>();
    let mut out = Vec::with_capacity(len);
    write_canonical(&mut out, r.seq, &fields);
    out
}

/// The seven text fields of a record, in canonical order.
pub fn fields_of(r: &Record) -> [&[u8]; 7] {
    [
        r.at.as_bytes(),
        r.actor.as_bytes(),
        r.on_behalf_of.as_bytes(),
        r.account.as_bytes(),
        r.session.as_bytes(),
        r.event.as_bytes(),
        r.detail.as_bytes(),
    ]
}

/// Appends the canonical encoding of (`seq`, `fields`) to `out` (no allocation beyond `out`).
pub fn write_canonical(out: &mut Vec<u8>, seq: i64, fields: &[&[u8]; 7]) {
    out.extend_from_slice(&(seq as u64).to_be_bytes());
    for f in fields {
        out.extend_from_slice(&(f.len() as u32).to_be_bytes());
        out.extend_from_slice(f);
    }
}

/// SHA-256(prev_hash ‖ canonical(record)).
pub fn hash(prev_hash: &[u8], r: &Record) -> [u8; 32] {
    hash_parts(prev_hash, r.seq, &fields_of(r))
}

/// SHA-256(prev_hash ‖ canonical) from borrowed parts, streaming into the hasher.
pub fn hash_parts(prev_hash: &[u8], seq: i64, fields: &[&[u8]; 7]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(prev_hash);
    h.update((seq as u64).to_be_bytes());
    for f in fields {
        h.update((f.len() as u32).to_be_bytes());
        h.update(f);
    }
    h.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The canonical bytes of the golden record, as printed in docs/audit-format.md.
    const GOLDEN_CANONICAL_HEX: &str = "000000000000000100000018323032362d30312d30315430303a30303a30302e3030305a00000004726f6f7400000000000000000000000000000004696e6974000000107b2261646d696e223a22726f6f74227d";

    /// The golden vector of docs/audit-format.md.
    #[test]
    fn golden_vector() {
        let r = Record {
            seq: 1,
            at: "2026-01-01T00:00:00.000Z".into(),
            actor: "root".into(),
            on_behalf_of: String::new(),
            account: String::new(),
            session: String::new(),
            event: "init".into(),
            detail: r#"{"admin":"root"}"#.into(),
            prev_hash: GENESIS.to_vec(),
            hash: Vec::new(),
        };
        let c = canonical(&r);
        assert_eq!(&c[..8], &[0, 0, 0, 0, 0, 0, 0, 1]);
        assert_eq!(&c[8..12], &[0, 0, 0, 24]);
        assert_eq!(
            hex::encode(hash(&GENESIS, &r)),
            "b0029fc88d031f3f1253c69d82d4803f374776bde7e8b7dc33c814856520bcf2"
        );
        assert_eq!(
            hex::encode(&c),
            GOLDEN_CANONICAL_HEX,
            "docs/audit-format.md shows these bytes"
        );
        assert_eq!(hash_parts(&GENESIS, 1, &fields_of(&r)), hash(&GENESIS, &r));
    }
}
