//! SQL for the audit table: the chain head, the insert, and filtered listing.

use rusqlite::{Connection, OptionalExtension, params};

use crate::audit::Record;
use crate::error::Result;

/// The last record's sequence number and hash, if any.
pub fn head(conn: &Connection) -> Result<Option<(i64, Vec<u8>)>> {
    Ok(conn
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

pub fn insert(conn: &Connection, r: &Record) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit (seq, at, actor, on_behalf_of, account, session, event, detail, \
         prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        r.seq,
        r.at,
        r.actor,
        r.on_behalf_of,
        r.account,
        r.session,
        r.event,
        r.detail,
        r.prev_hash,
        r.hash
    ])?;
    Ok(())
}

/// Filters for listing records; `None` means no filter.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub account: Option<String>,
    pub actor: Option<String>,
    pub session: Option<String>,
    pub event: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub limit: Option<i64>,
}

/// Records matching `f`, newest last. With a limit, the newest `limit` records.
pub fn list(conn: &Connection, f: &Filter) -> Result<Vec<Record>> {
    let sql = "SELECT seq, at, actor, on_behalf_of, account, session, event, detail, prev_hash, hash \
         FROM audit WHERE (?1 IS NULL OR account = ?1) AND (?2 IS NULL OR actor = ?2 OR on_behalf_of = ?2) \
         AND (?3 IS NULL OR session = ?3) AND (?4 IS NULL OR event = ?4) \
         AND (?5 IS NULL OR at >= ?5) AND (?6 IS NULL OR at < ?6) \
         ORDER BY seq DESC LIMIT ?7";
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(
        params![
            f.account,
            f.actor,
            f.session,
            f.event,
            f.since,
            f.until,
            f.limit.unwrap_or(-1)
        ],
        |r| {
            Ok(Record {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                on_behalf_of: r.get(3)?,
                account: r.get(4)?,
                session: r.get(5)?,
                event: r.get(6)?,
                detail: r.get(7)?,
                prev_hash: r.get(8)?,
                hash: r.get(9)?,
            })
        },
    )?;
    let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    out.reverse();
    Ok(out)
}
