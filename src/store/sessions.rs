//! SQL for verification sessions (one call each).

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Session {
    pub id: String,
    pub account: String,
    pub agent: String,
    pub on_behalf_of: Option<String>,
    pub channel: String,
    pub started_at: String,
    pub last_active_at: String,
    pub basis: Option<String>,
    pub verified_at: Option<String>,
    pub secret_failures: i64,
    pub ended_at: Option<String>,
    pub end_reason: Option<String>,
}

const COLUMNS: &str = "id, account, agent, on_behalf_of, channel, started_at, last_active_at, \
    basis, verified_at, secret_failures, ended_at, end_reason";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Session> {
    Ok(Session {
        id: r.get(0)?,
        account: r.get(1)?,
        agent: r.get(2)?,
        on_behalf_of: r.get(3)?,
        channel: r.get(4)?,
        started_at: r.get(5)?,
        last_active_at: r.get(6)?,
        basis: r.get(7)?,
        verified_at: r.get(8)?,
        secret_failures: r.get(9)?,
        ended_at: r.get(10)?,
        end_reason: r.get(11)?,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<Session>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM session WHERE id = ?1"))?
        .query_row([id], row)
        .optional()?)
}

pub fn insert(conn: &Connection, s: &Session) -> Result<()> {
    conn.prepare_cached(&format!(
        "INSERT INTO session ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    ))?
    .execute(params![
        s.id,
        s.account,
        s.agent,
        s.on_behalf_of,
        s.channel,
        s.started_at,
        s.last_active_at,
        s.basis,
        s.verified_at,
        s.secret_failures,
        s.ended_at,
        s.end_reason
    ])?;
    Ok(())
}

/// Writes the mutable part of a session back.
pub fn update(conn: &Connection, s: &Session) -> Result<()> {
    conn.prepare_cached(
        "UPDATE session SET last_active_at = ?2, basis = ?3, verified_at = ?4, \
         secret_failures = ?5, ended_at = ?6, end_reason = ?7 WHERE id = ?1",
    )?
    .execute(params![
        s.id,
        s.last_active_at,
        s.basis,
        s.verified_at,
        s.secret_failures,
        s.ended_at,
        s.end_reason
    ])?;
    Ok(())
}
