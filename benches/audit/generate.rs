//! Generates a realistic chained audit log in a database made by `cpni init`: 500 agents,
//! 200,000 accounts, the event mix of `perf-limits.md`, times spread over the year 2025.

use std::path::Path;

use cpni::audit::chain;
use rusqlite::{Connection, params};

/// A small deterministic generator (xorshift64*), so every run builds the same log.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const EVENTS: [(&str, u64); 7] = [
    ("auth.pin.ok", 40),
    ("auth.code.ok", 12),
    ("auth.callback.ok", 8),
    ("auth.pin.fail", 8),
    ("auth.code.fail", 2),
    ("disclosure", 27),
    ("session.start", 3),
];

fn event(r: &mut Rng) -> &'static str {
    let mut x = r.below(100);
    for (e, w) in EVENTS {
        if x < w {
            return e;
        }
        x -= w;
    }
    "disclosure"
}

/// Milliseconds since 1970 of 2025-01-01T00:00:00Z.
const YEAR_START_MS: i64 = 1_735_689_600_000;
const YEAR_MS: i64 = 365 * 86_400_000;

pub fn stamp(ms: i64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    cpni::clock::format(t)
}

/// Signs the new head as cpni signs every write it makes (the generator writes in its place),
/// with the signing key `cpni init` made beside the database.
fn sign_head(tx: &Connection, db: &Path, seq: i64, hash: &[u8], at: &str) -> rusqlite::Result<()> {
    let Ok(seed) = cpni::secrets::read_key(&cpni::secrets::key_paths(db).1) else {
        return Ok(());
    };
    let h = cpni::audit::head::Head::sign(&seed, seq, hash, 0, at);
    tx.execute(
        "INSERT OR REPLACE INTO audit_head (id, seq, hash, base_seq, at, public_key, signature) \
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
        params![h.seq, h.hash, h.base_seq, h.at, h.public_key, h.signature],
    )?;
    Ok(())
}

/// One generated record: its seq, its text columns (at, actor, on_behalf_of, account, session,
/// event, detail) and its hash; `prev_hash` is the previous record's hash.
pub struct Record {
    pub seq: i64,
    pub cols: [String; 7],
    pub prev: Vec<u8>,
    pub hash: Vec<u8>,
}

/// The `n` chained records after the head (`seq`, `prev`), the same for every run and backend
/// (benches/pg_audit.rs writes them to PostgreSQL).
pub fn records(mut seq: i64, mut prev: Vec<u8>, n: u64) -> impl Iterator<Item = Record> {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    (0..n).map(move |i| {
        seq += 1;
        let at = stamp(YEAR_START_MS + (i as i64) * YEAR_MS / n as i64);
        let actor = format!("agent-{:04}", r.below(500));
        let account = format!("A{:09}", r.below(200_000));
        let session = format!("S{:011}", r.below(99_999_999_999));
        let ev = event(&mut r);
        let detail = if ev == "disclosure" {
            format!(
                r#"{{"channel":"phone","purpose":"customer-request","scope":"account","try":{}}}"#,
                r.below(3)
            )
        } else {
            format!(
                r#"{{"ani":"+1555{:07}","call_id":"C{:010}","try":{}}}"#,
                r.below(10_000_000),
                r.below(10_000_000_000),
                r.below(3) + 1
            )
        };
        let cols = [
            at,
            actor,
            String::new(),
            account,
            session,
            ev.to_string(),
            detail,
        ];
        let fields: [&[u8]; 7] = [
            cols[0].as_bytes(),
            cols[1].as_bytes(),
            cols[2].as_bytes(),
            cols[3].as_bytes(),
            cols[4].as_bytes(),
            cols[5].as_bytes(),
            cols[6].as_bytes(),
        ];
        let hash = chain::hash_parts(&prev, seq, &fields).to_vec();
        Record {
            seq,
            cols,
            prev: std::mem::replace(&mut prev, hash.clone()),
            hash,
        }
    })
}

/// Appends `n` chained records after the current head, in one transaction.
pub fn populate(db: &Path, n: u64) -> rusqlite::Result<()> {
    let mut conn = Connection::open(db)?;
    let tx = conn.transaction()?;
    let (seq, prev): (i64, Vec<u8>) = tx.query_row(
        "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut last = (seq, prev, String::new());
    {
        let mut ins = tx.prepare(
            "INSERT INTO audit (seq, at, actor, on_behalf_of, account, session, event, detail, \
             prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for rec in records(last.0, last.1.clone(), n) {
            let c = &rec.cols;
            ins.execute(params![
                rec.seq, c[0], c[1], c[2], c[3], c[4], c[5], c[6], rec.prev, rec.hash
            ])?;
            last = (rec.seq, rec.hash, rec.cols[0].clone());
        }
    }
    sign_head(&tx, db, last.0, &last.1, &last.2)?;
    tx.commit()?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}
