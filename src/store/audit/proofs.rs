//! SQL for the signed proofs kept beside the chain: purge bases with their signatures,
//! stored checkpoints (`audit_checkpoint`) and export manifests (`audit_manifest`).

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;

/// One purge base row: (seq, hash, purged_at, records, signature).
pub type BaseRow = (i64, Vec<u8>, String, i64, Option<String>);

/// Every purge base, oldest first.
pub fn bases(conn: &Connection) -> Result<Vec<BaseRow>> {
    let mut stmt = conn
        .prepare("SELECT seq, hash, purged_at, records, signature FROM audit_base ORDER BY seq")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Records a signed purge base.
pub fn insert_base(
    conn: &Connection,
    seq: i64,
    hash: &[u8],
    at: &str,
    records: i64,
    signature: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_base (seq, hash, purged_at, records, signature) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![seq, hash, at, records, signature],
    )?;
    Ok(())
}

/// Stores a signed checkpoint (its JSON) under its sequence number.
pub fn insert_checkpoint(conn: &Connection, seq: i64, body: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_checkpoint (seq, body) VALUES (?1, ?2)",
        params![seq, body],
    )?;
    Ok(())
}

/// Every stored checkpoint: (seq, JSON), oldest first.
pub fn checkpoints(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare("SELECT seq, body FROM audit_checkpoint ORDER BY seq")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The newest stored checkpoint (seq, JSON).
pub fn newest_checkpoint(conn: &Connection) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT seq, body FROM audit_checkpoint ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Stores the signed manifest of the export recorded as audit record `seq`.
pub fn insert_manifest(conn: &Connection, seq: i64, body: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_manifest (seq, body) VALUES (?1, ?2)",
        params![seq, body],
    )?;
    Ok(())
}

/// The signed manifest of export record `seq`.
pub fn manifest(conn: &Connection, seq: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT body FROM audit_manifest WHERE seq = ?1",
            [seq],
            |r| r.get(0),
        )
        .optional()?)
}

/// Every stored manifest: (seq, JSON).
pub fn manifests(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare("SELECT seq, body FROM audit_manifest ORDER BY seq")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The event of record `seq`, if present.
pub fn event_of(conn: &Connection, seq: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT event FROM audit WHERE seq = ?1", [seq], |r| {
            r.get(0)
        })
        .optional()?)
}

/// The time of record `seq`, if present.
pub fn at_of(conn: &Connection, seq: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT at FROM audit WHERE seq = ?1", [seq], |r| r.get(0))
        .optional()?)
}
