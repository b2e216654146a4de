//! Verifying a whole log in two halves at once: the fast path of `audit verify` (and of the
//! verification before a checkpoint or purge).
//!
//! The records up to [`midpoint`] are read and hashed on the calling thread, the rest on a
//! second thread from a second snapshot reader; each half checks its own records (gap-free
//! `seq`, each `prev_hash` the previous record's `hash`, SHA-256 of each record equal to its
//! stored hash) and [`check`] then checks the joins: the first half starts right after the base,
//! the second starts right after the first (seq and hash) and ends at the head of the caller's
//! snapshot. Any problem at all, or a second snapshot that does not end where the caller's does,
//! makes [`check`] return `None`, and the caller verifies with one sequential [`Checker`] scan
//! of its own snapshot, which names the first bad record exactly as before. So this path only
//! ever proves a log intact, never describes a break.
//!
//! The cross-check [`Collector`](super::crosscheck::Collector) sees every record in `seq` order
//! on the calling thread: those of the first half as they are read, then the second half's
//! records it wants ([`Collector::wants`]: the kinds it keeps and any record carrying row
//! digests; it ignores the others), copied by the second thread, once both halves are proven.
//!
//! [`Checker`]: super::verify::Checker

use sha2::{Digest, Sha256};

use super::chain;
use super::crosscheck::Collector;
use super::verify::{Outcome, RowRef};
use crate::error::Result;

/// The last `seq` of the first half.
pub fn midpoint(base_seq: i64, head_seq: i64) -> i64 {
    base_seq + (head_seq - base_seq) / 2
}

/// Whether a log with these ends is worth splitting (two records or more).
pub fn worth_it(base_seq: i64, head_seq: i64) -> bool {
    head_seq - base_seq >= 2
}

/// A scan: calls its argument with each record in `seq` order until it returns false.
pub type Scan<'s> = dyn FnOnce(&mut dyn FnMut(&RowRef<'_>) -> bool) -> Result<()> + 's;
/// A scan that runs on the second thread.
pub type SendScan<'s> = dyn FnOnce(&mut dyn FnMut(&RowRef<'_>) -> bool) -> Result<()> + Send + 's;

/// Proves the log from `base` to `head` (seq, hash) intact by scanning both halves at once:
/// `first` reads `seq <= midpoint` here, `second` reads `midpoint < seq <= head` on another
/// thread. `observe` sees every record in order (see the module comment). `None`: not proven,
/// verify sequentially (and start the observer afresh).
pub fn check(
    base: (i64, &[u8]),
    head: (i64, &[u8]),
    watch: &[i64],
    first: Box<Scan<'_>>,
    second: Box<SendScan<'_>>,
    mut observe: Option<&mut dyn FnMut(&RowRef<'_>)>,
) -> Result<Option<Outcome>> {
    let mut one = Half::new(watch, false);
    let (r1, two) = std::thread::scope(|s| {
        let other = s.spawn(move || {
            let mut two = Half::new(watch, true);
            let r = second(&mut |row| two.push(row));
            (r, two)
        });
        let r1 = first(&mut |row| {
            if let Some(o) = observe.as_deref_mut() {
                o(row);
            }
            one.push(row)
        });
        (r1, other.join())
    });
    r1?;
    let Ok((r2, two)) = two else {
        return Ok(None);
    };
    r2?;
    if !joined(&one, &two, base, head) {
        return Ok(None);
    }
    if let Some(o) = observe {
        for k in &two.kept {
            o(&k.as_ref());
        }
    }
    let watched = one
        .watched
        .into_iter()
        .zip(two.watched)
        .map(|((seq, a), (_, b))| (seq, a.or(b)))
        .collect();
    Ok(Some(Outcome {
        count: one.count + two.count,
        first_seq: one.first.map(|f| f.0),
        head_seq: head.0,
        head_hash: head.1.to_vec(),
        watched,
        first_break: None,
    }))
}

/// Both halves intact and joined: base -> first half -> second half -> head.
fn joined(one: &Half, two: &Half, base: (i64, &[u8]), head: (i64, &[u8])) -> bool {
    let starts_at = |h: &Half, seq: i64, prev: &[u8]| {
        h.first
            .as_ref()
            .is_some_and(|f| f.0 == seq && f.1.as_slice() == prev)
    };
    !one.failed
        && !two.failed
        && starts_at(one, base.0 + 1, base.1)
        && starts_at(two, one.next_seq, &one.last_hash)
        && two.next_seq - 1 == head.0
        && two.last_hash.as_slice() == head.1
}

/// A record of a kept kind, copied off the second thread's scan.
struct Owned {
    seq: i64,
    fields: [Vec<u8>; 7],
    prev_hash: Vec<u8>,
    hash: Vec<u8>,
}

impl Owned {
    fn as_ref(&self) -> RowRef<'_> {
        RowRef {
            seq: self.seq,
            fields: std::array::from_fn(|i| self.fields[i].as_slice()),
            prev_hash: &self.prev_hash,
            hash: &self.hash,
        }
    }
}

/// One half's running check.
struct Half {
    /// The first record's seq and prev_hash (checked at the join).
    first: Option<(i64, [u8; 32])>,
    next_seq: i64,
    last_hash: [u8; 32],
    count: u64,
    watched: Vec<(i64, Option<Vec<u8>>)>,
    keep: bool,
    kept: Vec<Owned>,
    failed: bool,
    canonical: Vec<u8>,
}

impl Half {
    fn new(watch: &[i64], keep: bool) -> Half {
        Half {
            first: None,
            next_seq: 0,
            last_hash: [0; 32],
            count: 0,
            watched: watch.iter().map(|s| (*s, None)).collect(),
            keep,
            kept: Vec::new(),
            failed: false,
            canonical: Vec::with_capacity(512),
        }
    }

    /// Checks one record; false (and `failed`) at the first problem of any kind.
    fn push(&mut self, row: &RowRef<'_>) -> bool {
        let ok = self.intact(row);
        self.failed |= !ok;
        ok
    }

    fn intact(&mut self, row: &RowRef<'_>) -> bool {
        let (Ok(prev), Ok(hash)) = (
            <[u8; 32]>::try_from(row.prev_hash),
            <[u8; 32]>::try_from(row.hash),
        ) else {
            return false;
        };
        match self.first {
            None => self.first = Some((row.seq, prev)),
            Some(_) if row.seq != self.next_seq || prev != self.last_hash => return false,
            Some(_) => {}
        }
        self.canonical.clear();
        self.canonical.extend_from_slice(&prev);
        chain::write_canonical(&mut self.canonical, row.seq, &row.fields);
        if Sha256::digest(&self.canonical).as_slice() != hash {
            return false;
        }
        for w in self.watched.iter_mut().filter(|w| w.0 == row.seq) {
            w.1 = Some(hash.to_vec());
        }
        if self.keep && Collector::wants(row) {
            self.kept.push(Owned {
                seq: row.seq,
                fields: row.fields.map(<[u8]>::to_vec),
                prev_hash: prev.to_vec(),
                hash: hash.to_vec(),
            });
        }
        self.count += 1;
        self.next_seq = row.seq + 1;
        self.last_hash = hash;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An owned chain of `n` records after (0, genesis).
    fn chain_of(n: i64) -> Vec<Owned> {
        let mut prev = chain::GENESIS.to_vec();
        (1..=n)
            .map(|seq| {
                let fields: [Vec<u8>; 7] =
                    std::array::from_fn(|i| format!("f{i}-{seq}").into_bytes());
                let refs: [&[u8]; 7] = std::array::from_fn(|i| fields[i].as_slice());
                let hash = chain::hash_parts(&prev, seq, &refs).to_vec();
                let r = Owned {
                    seq,
                    fields: fields.clone(),
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                r
            })
            .collect()
    }

    fn run(rows: &[Owned], head: (i64, &[u8])) -> Option<Outcome> {
        let mid = midpoint(0, head.0);
        let scan = |after: Option<i64>, through: i64| {
            move |each: &mut dyn FnMut(&RowRef<'_>) -> bool| {
                for r in rows
                    .iter()
                    .filter(|r| after.is_none_or(|a| r.seq > a) && r.seq <= through)
                {
                    if !each(&r.as_ref()) {
                        break;
                    }
                }
                Ok(())
            }
        };
        let mut seen = Vec::new();
        let mut observe = |r: &RowRef<'_>| seen.push(r.seq);
        let out = check(
            (0, &chain::GENESIS),
            head,
            &[2, head.0],
            Box::new(scan(None, mid)),
            Box::new(scan(Some(mid), head.0)),
            Some(&mut observe),
        )
        .unwrap();
        if out.is_some() {
            assert_eq!(seen, (1..=mid).collect::<Vec<_>>(), "second half kept none");
        }
        out
    }

    #[test]
    fn an_intact_chain_is_proven_with_both_halves_joined() {
        for n in [2, 3, 10, 11] {
            let rows = chain_of(n);
            let head = rows.last().unwrap().hash.clone();
            let o = run(&rows, (n, &head)).expect("proven");
            assert_eq!((o.count, o.first_seq, o.head_seq), (n as u64, Some(1), n));
            assert_eq!(o.watched[0].1.as_deref(), Some(rows[1].hash.as_slice()));
            assert_eq!(o.watched[1].1.as_deref(), Some(head.as_slice()));
        }
    }

    #[test]
    fn any_problem_anywhere_is_not_proven() {
        let n = 10;
        for seq in 1..=n {
            let bad = |f: &dyn Fn(&mut Owned)| {
                let mut rows = chain_of(n);
                f(&mut rows[seq as usize - 1]);
                let head = chain_of(n).last().unwrap().hash.clone();
                run(&rows, (n, &head)).is_none()
            };
            assert!(bad(&|r| r.fields[6].push(b' ')), "edited {seq}");
            assert!(bad(&|r| r.prev_hash[0] ^= 1), "relinked {seq}");
            assert!(bad(&|r| r.hash[0] ^= 1), "hash {seq}");
            assert!(bad(&|r| r.hash.pop().map(|_| ()).unwrap()), "short {seq}");
            let mut rows = chain_of(n);
            rows.remove(seq as usize - 1);
            let head = chain_of(n).last().unwrap().hash.clone();
            assert!(run(&rows, (n, &head)).is_none(), "missing {seq}");
        }
        // A second snapshot that ends elsewhere than the caller's head.
        let rows = chain_of(n);
        assert!(run(&rows, (n, &[7; 32])).is_none());
    }
}
