//! Streaming chain verification, shared by `audit verify`, `audit export` and offline checks.
//!
//! A [`Checker`] is fed records in sequence order. It checks the cheap things inline (gap-free
//! `seq`, each `prev_hash` equal to the previous record's `hash`) and sends each record's
//! `prev_hash ‖ canonical` bytes, in batches of about 1 MiB, to a second thread that recomputes
//! SHA-256 and compares it with the stored `hash` (`perf-limits.md` §4: hashing on a second
//! thread keeps an export with verification at the speed of a plain one; emptied batches go back
//! to be refilled, so no batch is allocated afresh). Both halves together
//! prove the whole chain: every record hashes to its stored hash, and every stored hash is the
//! next record's `prev_hash`. On the live log, `audit verify` first tries [`super::split`]
//! (both halves of the log read and hashed at once) and uses a `Checker` when that does not
//! prove the log intact.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use sha2::{Digest, Sha256};

use super::chain;

/// One record as borrowed bytes straight from SQLite or a parsed export.
#[derive(Debug, Clone, Copy)]
pub struct RowRef<'a> {
    pub seq: i64,
    /// at, actor, on_behalf_of, account, session, event, detail (canonical order).
    pub fields: [&'a [u8]; 7],
    pub prev_hash: &'a [u8],
    pub hash: &'a [u8],
}

/// What is wrong with the first bad record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakKind {
    /// Its content no longer matches its own hash.
    Edited,
    /// Records are missing before it (a gap in `seq`).
    Missing,
    /// It belongs elsewhere in the chain (its `prev_hash` is another record's hash).
    Reordered,
    /// It does not follow the record before it (inserted, or that record was rewritten).
    Inserted,
    /// The log ends before a checkpoint's sequence.
    Truncated,
    /// The log does not extend a signed checkpoint (rewritten consistently).
    Rewritten,
}

impl BreakKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BreakKind::Edited => "edited",
            BreakKind::Missing => "missing",
            BreakKind::Reordered => "reordered",
            BreakKind::Inserted => "inserted",
            BreakKind::Truncated => "truncated",
            BreakKind::Rewritten => "rewritten",
        }
    }
    /// The stable error code for scripts.
    pub fn code(self) -> &'static str {
        match self {
            BreakKind::Edited => "audit-edited",
            BreakKind::Missing => "audit-missing",
            BreakKind::Reordered => "audit-reordered",
            BreakKind::Inserted => "audit-inserted",
            BreakKind::Truncated => "audit-truncated",
            BreakKind::Rewritten => "audit-rewritten",
        }
    }
}

/// The first bad record and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    pub seq: i64,
    pub kind: BreakKind,
    /// For a link break: the stored prev_hash, to find which record it belongs after.
    pub prev_hash: Vec<u8>,
}

/// The result of feeding a whole log (or export) through a [`Checker`].
#[derive(Debug, Clone)]
pub struct Outcome {
    pub count: u64,
    pub first_seq: Option<i64>,
    pub head_seq: i64,
    pub head_hash: Vec<u8>,
    /// Stored hashes at the watched sequence numbers (checkpoints), in watch order.
    pub watched: Vec<(i64, Option<Vec<u8>>)>,
    pub first_break: Option<Break>,
}

/// Whether to check links between records (a full log) or only each record's own hash (a
/// filtered export, whose neighbours are not there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Chain,
    RecordsOnly,
}

const BATCH: usize = 1 << 20;

pub struct Checker {
    mode: Mode,
    next_seq: i64,
    last_hash: Vec<u8>,
    count: u64,
    first_seq: Option<i64>,
    link_break: Option<Break>,
    watched: Vec<(i64, Option<Vec<u8>>)>,
    batch: Vec<u8>,
    tx: Option<SyncSender<Vec<u8>>>,
    /// Emptied batches coming back from the hashing thread, to be filled again.
    spare: Receiver<Vec<u8>>,
    worker: Option<JoinHandle<Option<i64>>>,
}

impl Checker {
    /// A checker for a log whose records start after (`base_seq`, `base_hash`): (0, 32 zero
    /// bytes) for a log that was never purged.
    pub fn new(mode: Mode, base_seq: i64, base_hash: &[u8], watch: &[i64]) -> Checker {
        let (tx, rx) = sync_channel::<Vec<u8>>(4);
        let (back, spare) = sync_channel::<Vec<u8>>(5);
        let worker = std::thread::spawn(move || hash_worker(rx, back));
        Checker {
            mode,
            next_seq: base_seq + 1,
            last_hash: base_hash.to_vec(),
            count: 0,
            first_seq: None,
            link_break: None,
            watched: watch.iter().map(|s| (*s, None)).collect(),
            batch: Vec::with_capacity(BATCH + 4096),
            tx: Some(tx),
            spare,
            worker: Some(worker),
        }
    }

    /// Whether a link problem was found (reading further cannot change the first break).
    pub fn broken(&self) -> bool {
        self.link_break.is_some()
    }

    /// Checks one record. After the first link problem further records are ignored.
    pub fn push(&mut self, row: &RowRef<'_>) {
        if self.link_break.is_some() {
            return;
        }
        if let Some(kind) = self.link_problem(row) {
            // For a gap, the first bad sequence is the first missing one.
            let seq = if kind == BreakKind::Missing {
                self.next_seq
            } else {
                row.seq
            };
            self.link_break = Some(Break {
                seq,
                kind,
                prev_hash: row.prev_hash.to_vec(),
            });
            return;
        }
        self.first_seq.get_or_insert(row.seq);
        for w in self.watched.iter_mut().filter(|w| w.0 == row.seq) {
            w.1 = Some(row.hash.to_vec());
        }
        self.count += 1;
        self.next_seq = row.seq + 1;
        self.last_hash.clear();
        self.last_hash.extend_from_slice(row.hash);
        self.queue(row);
    }

    fn link_problem(&self, row: &RowRef<'_>) -> Option<BreakKind> {
        if self.mode == Mode::RecordsOnly {
            return (self.first_seq.is_some() && row.seq < self.next_seq)
                .then_some(BreakKind::Reordered);
        }
        if row.seq > self.next_seq {
            Some(BreakKind::Missing)
        } else if row.seq < self.next_seq {
            Some(BreakKind::Reordered)
        } else if row.prev_hash != self.last_hash.as_slice() {
            Some(BreakKind::Inserted)
        } else {
            None
        }
    }

    /// Queues one entry for the hashing thread: u32be(length of the rest) ‖ seq (8) ‖ stored
    /// hash (32, zeros when its length is wrong) ‖ flag (1 when it is 32 bytes) ‖ prev_hash ‖
    /// canonical.
    fn queue(&mut self, row: &RowRef<'_>) {
        let start = self.batch.len();
        self.batch.extend_from_slice(&[0; 4]);
        self.batch.extend_from_slice(&row.seq.to_be_bytes());
        let ok_len = row.hash.len() == 32;
        if ok_len {
            self.batch.extend_from_slice(row.hash);
        } else {
            self.batch.extend_from_slice(&[0; 32]);
        }
        self.batch.push(u8::from(ok_len));
        self.batch.extend_from_slice(row.prev_hash);
        chain::write_canonical(&mut self.batch, row.seq, &row.fields);
        let len = (self.batch.len() - start - 4) as u32;
        self.batch[start..start + 4].copy_from_slice(&len.to_be_bytes());
        if self.batch.len() >= BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.batch.is_empty() {
            return;
        }
        let next = self
            .spare
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(BATCH + 4096));
        let full = std::mem::replace(&mut self.batch, next);
        if let Some(tx) = &self.tx {
            // A closed channel means the worker stopped at a mismatch; nothing more to check.
            let _ = tx.send(full);
        }
    }

    /// Waits for the hashing thread and returns the outcome.
    pub fn finish(mut self) -> Outcome {
        self.flush();
        drop(self.tx.take());
        let bad_hash = self.worker.take().and_then(|w| w.join().ok()).flatten();
        let first_break = match (self.link_break.take(), bad_hash) {
            (Some(l), Some(h)) if h < l.seq => Some(edited(h)),
            (Some(l), _) => Some(l),
            (None, Some(h)) => Some(edited(h)),
            (None, None) => None,
        };
        Outcome {
            count: self.count,
            first_seq: self.first_seq,
            head_seq: self.next_seq - 1,
            head_hash: self.last_hash,
            watched: self.watched,
            first_break,
        }
    }
}

fn edited(seq: i64) -> Break {
    Break {
        seq,
        kind: BreakKind::Edited,
        prev_hash: Vec::new(),
    }
}

/// Recomputes each queued record's hash; returns the seq of the first mismatch.
fn hash_worker(rx: Receiver<Vec<u8>>, back: SyncSender<Vec<u8>>) -> Option<i64> {
    for mut batch in rx {
        let mut at = 0;
        while at + 4 <= batch.len() {
            let len = u32::from_be_bytes(batch[at..at + 4].try_into().ok()?) as usize;
            let entry = &batch[at + 4..at + 4 + len];
            at += 4 + len;
            let seq = i64::from_be_bytes(entry[..8].try_into().ok()?);
            let (stored, flag, input) = (&entry[8..40], entry[40], &entry[41..]);
            if flag != 1 || Sha256::digest(input).as_slice() != stored {
                return Some(seq);
            }
        }
        batch.clear();
        let _ = back.try_send(batch);
    }
    None
}
