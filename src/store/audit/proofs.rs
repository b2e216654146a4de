//! SQL for the signed proofs kept beside the chain: purge bases with their signed statements
//! (and the `audit.purge` records that account for them),
//! stored checkpoints (`audit_checkpoint`) and export manifests (`audit_manifest`).

use crate::error::Result;
use crate::store::sql::vals;
use crate::store::{Read, Write};

/// One purge base row.
#[derive(Debug, Clone)]
pub struct BaseRow {
    pub seq: i64,
    pub hash: Vec<u8>,
    pub purged_at: String,
    pub records: i64,
    pub signature: Option<String>,
    /// The exact signed statement (format 2); `None` for a format-1 base.
    pub statement: Option<String>,
}

impl Read<'_> {
    /// Every purge base, oldest first.
    pub fn purge_bases(&self) -> Result<Vec<BaseRow>> {
        self.sql.rows(
            "SELECT seq, hash, purged_at, records, signature, statement FROM audit_base ORDER BY seq",
            &[],
            |r| {
                Ok(BaseRow {
                    seq: r.get(0)?,
                    hash: r.get(1)?,
                    purged_at: r.get(2)?,
                    records: r.get(3)?,
                    signature: r.get(4)?,
                    statement: r.get(5)?,
                })
            },
        )
    }

    /// Record `seq` as (event, at, detail), if present.
    pub fn audit_record_of(&self, seq: i64) -> Result<Option<(String, String, String)>> {
        self.sql.row(
            "SELECT event, at, detail FROM audit WHERE seq = ?1",
            vals![seq],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }

    /// The `audit.purge` records (seq, at, detail), oldest first (a full scan: used only for
    /// purge bases signed before format 2, which do not name their record).
    pub fn purge_records(&self) -> Result<Vec<(i64, String, String)>> {
        self.sql.rows(
            "SELECT seq, at, detail FROM audit WHERE event = 'audit.purge' ORDER BY seq",
            &[],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }

    /// Every stored checkpoint: (seq, JSON), oldest first.
    pub fn checkpoints(&self) -> Result<Vec<(i64, String)>> {
        self.sql.rows(
            "SELECT seq, body FROM audit_checkpoint ORDER BY seq",
            &[],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// The newest stored checkpoint (seq, JSON).
    pub fn newest_checkpoint(&self) -> Result<Option<(i64, String)>> {
        self.sql.row(
            "SELECT seq, body FROM audit_checkpoint ORDER BY seq DESC LIMIT 1",
            &[],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// The signed manifest of export record `seq`.
    pub fn manifest(&self, seq: i64) -> Result<Option<String>> {
        self.sql.row(
            "SELECT body FROM audit_manifest WHERE seq = ?1",
            vals![seq],
            |r| r.get(0),
        )
    }

    /// Every stored manifest: (seq, JSON).
    pub fn manifests(&self) -> Result<Vec<(i64, String)>> {
        self.sql.rows(
            "SELECT seq, body FROM audit_manifest ORDER BY seq",
            &[],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// The event of record `seq`, if present.
    pub fn audit_event_of(&self, seq: i64) -> Result<Option<String>> {
        self.sql
            .row("SELECT event FROM audit WHERE seq = ?1", vals![seq], |r| {
                r.get(0)
            })
    }

    /// The time of record `seq`, if present.
    pub fn audit_at_of(&self, seq: i64) -> Result<Option<String>> {
        self.sql
            .row("SELECT at FROM audit WHERE seq = ?1", vals![seq], |r| {
                r.get(0)
            })
    }
}

impl Write<'_> {
    /// Records a signed purge base with its exact signed statement.
    pub fn insert_base(&self, b: &BaseRow) -> Result<()> {
        self.sql.execute(
            "INSERT INTO audit_base (seq, hash, purged_at, records, signature, statement) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            vals![
                b.seq,
                b.hash,
                b.purged_at,
                b.records,
                b.signature,
                b.statement
            ],
        )?;
        Ok(())
    }

    /// Stores a signed checkpoint (its JSON) under its sequence number.
    pub fn insert_checkpoint(&self, seq: i64, body: &str) -> Result<()> {
        self.sql.execute(
            "INSERT INTO audit_checkpoint (seq, body) VALUES (?1, ?2)",
            vals![seq, body],
        )?;
        Ok(())
    }

    /// Stores the signed manifest of the export recorded as audit record `seq`.
    pub fn insert_manifest(&self, seq: i64, body: &str) -> Result<()> {
        self.sql.execute(
            "INSERT INTO audit_manifest (seq, body) VALUES (?1, ?2)",
            vals![seq, body],
        )?;
        Ok(())
    }
}
