//! SQL for `cpni customer report`: what is held about one customer, outside the customer row.
//! Read-only; never selects a secret, a hash or a message body.

use rusqlite::{Connection, params};
use serde::Serialize;

use crate::error::Result;

#[derive(Debug, Clone, Serialize)]
pub struct SessionRow {
    pub id: String,
    pub channel: String,
    pub started_at: String,
    pub basis: Option<String>,
    pub verified_at: Option<String>,
    pub ended_at: Option<String>,
    pub end_reason: Option<String>,
}

/// The customer's sessions, oldest first.
pub fn sessions(conn: &Connection, account: &str) -> Result<Vec<SessionRow>> {
    let mut stmt = conn.prepare(
        "SELECT id, channel, started_at, basis, verified_at, ended_at, end_reason FROM session \
         WHERE account = ?1 ORDER BY started_at, id",
    )?;
    let rows = stmt.query_map([account], |r| {
        Ok(SessionRow {
            id: r.get(0)?,
            channel: r.get(1)?,
            started_at: r.get(2)?,
            basis: r.get(3)?,
            verified_at: r.get(4)?,
            ended_at: r.get(5)?,
            end_reason: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, Serialize)]
pub struct DisclosureRow {
    pub at: String,
    pub session: String,
    pub scope: Option<String>,
    pub channel: Option<String>,
    pub purpose: Option<String>,
    pub reference: Option<String>,
}

/// Disclosures recorded for the account (audit events `disclosure`), oldest first.
pub fn disclosures(conn: &Connection, account: &str) -> Result<Vec<DisclosureRow>> {
    let mut stmt = conn.prepare(
        "SELECT at, session, json_extract(detail, '$.scope'), json_extract(detail, '$.channel'), \
         json_extract(detail, '$.purpose'), json_extract(detail, '$.reference') FROM audit \
         WHERE account = ?1 AND event = 'disclosure' ORDER BY seq",
    )?;
    let rows = stmt.query_map([account], |r| {
        Ok(DisclosureRow {
            at: r.get(0)?,
            session: r.get(1)?,
            scope: r.get(2)?,
            channel: r.get(3)?,
            purpose: r.get(4)?,
            reference: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, Serialize)]
pub struct MessageRow {
    pub created_at: String,
    pub kind: String,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub status: String,
    pub sent_at: Option<String>,
}

/// Messages to the customer (notices, codes, disclosures sent), without their bodies.
pub fn messages(conn: &Connection, account: &str) -> Result<Vec<MessageRow>> {
    let mut stmt = conn.prepare(
        "SELECT created_at, kind, channel, recipient, subject, status, sent_at FROM outbox \
         WHERE account = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![account], |r| {
        Ok(MessageRow {
            created_at: r.get(0)?,
            kind: r.get(1)?,
            channel: r.get(2)?,
            recipient: r.get(3)?,
            subject: r.get(4)?,
            status: r.get(5)?,
            sent_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Account changes recorded (which field, when); never the values.
pub fn changes(conn: &Connection, account: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT at, COALESCE(json_extract(detail, '$.change'), event) FROM audit \
         WHERE account = ?1 AND event IN ('customer.add', 'customer.import', 'customer.change', \
         'pin.reset', 'lock.start', 'lock.unlock') ORDER BY seq",
    )?;
    let rows = stmt.query_map([account], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
