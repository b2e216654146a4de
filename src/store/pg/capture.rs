//! Row-change capture on PostgreSQL, in place of SQLite's pre-update hook
//! (`store::audit::prehook`): migration 4 puts an `AFTER INSERT OR UPDATE OR DELETE` row
//! trigger (`cpni_capture()`) on every table of `crate::audit::rowdigest::DIGESTS`, which,
//! while the transaction's `cpni.capture` setting is `on` (set by the writer lock,
//! [`crate::store::backend::Advisory`]), writes the table, the operation and the row before and
//! after (`to_jsonb(OLD)`, `to_jsonb(NEW)`) into this connection's `TEMP` table
//! `cpni_change` ([`TEMP_TABLE`], made when the connection opens). Before each record, and at
//! commit, the step takes them out ([`drain`]) and replays them in order as the hook's
//! callback does (a row inserted since the last record has no earlier state; a row's first
//! state since the last record is the one kept; an insert then a delete leaves nothing), so
//! the record carries the same digests as on SQLite: the rows are read back with their own
//! column types (`jsonb_populate_record`), and the digest's canonical encoding is the same.
//! Migration 5 re-creates `cpni_capture()` with `pg_catalog.to_jsonb` and a pinned
//! `search_path = pg_catalog, pg_temp`, so no function of `public` can stand in for it.

use serde_json::Value as Json;

use crate::audit::rowdigest::DIGESTS;
use crate::error::{Error, Result};
use crate::store::sql::{Conn, PgConn, vals};

/// The per-connection table the triggers write into (temporary: each connection sees only
/// its own, and a transaction rolled back takes its rows with it).
pub const TEMP_TABLE: &str = "CREATE TEMP TABLE IF NOT EXISTS cpni_change (\
     id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL, old_row jsonb, new_row jsonb)";

/// A decision row's state before its first change since the last record.
#[derive(Debug)]
pub struct Prior {
    /// Index into DIGESTS.
    pub spec: usize,
    /// The row's name (label and key), which identifies it.
    pub ident: String,
    /// The row as it was (`to_jsonb(OLD)`).
    pub old: String,
    pub deleted: bool,
}

/// The changes noted since the last record.
#[derive(Debug, Default)]
pub struct Changes {
    /// (index into DIGESTS, name, the row as last written) of rows inserted or updated.
    pub dirty: Vec<(usize, String, String)>,
    pub prior: Vec<Prior>,
}

/// Takes every change the triggers noted since the last call, replayed in order.
pub fn drain(pg: &PgConn) -> Result<Changes> {
    let mut rows = Conn::Pg(pg).rows(
        "DELETE FROM pg_temp.cpni_change RETURNING id, tbl, op, old_row::text, new_row::text",
        &[],
        |r| {
            Ok((
                r.get::<i64>(0)?,
                r.get::<String>(1)?,
                r.get::<String>(2)?,
                r.get::<Option<String>>(3)?,
                r.get::<Option<String>>(4)?,
            ))
        },
    )?;
    rows.sort_by_key(|r| r.0);
    let mut c = Changes::default();
    let mut fresh: Vec<(usize, String)> = Vec::new();
    for (_, tbl, op, old, new) in rows {
        let Some(i) = DIGESTS.iter().position(|s| s.table == tbl) else {
            continue;
        };
        match (op.as_str(), old, new) {
            ("INSERT", _, Some(new)) => {
                let id = ident(i, &new)?;
                fresh.push((i, id.clone()));
                dirty(&mut c, i, id, new);
            }
            ("UPDATE", Some(old), Some(new)) => {
                note_prior(&mut c, &mut fresh, i, ident(i, &old)?, old, false);
                dirty(&mut c, i, ident(i, &new)?, new);
            }
            ("DELETE", Some(old), _) => {
                note_prior(&mut c, &mut fresh, i, ident(i, &old)?, old, true);
            }
            _ => return Err(Error::internal(format!("a change of {tbl} noted as {op}"))),
        }
    }
    Ok(c)
}

fn dirty(c: &mut Changes, i: usize, id: String, new: String) {
    match c.dirty.iter_mut().find(|d| d.0 == i && d.1 == id) {
        Some(d) => d.2 = new,
        None => c.dirty.push((i, id, new)),
    }
}

fn note_prior(
    c: &mut Changes,
    fresh: &mut Vec<(usize, String)>,
    spec: usize,
    ident: String,
    old: String,
    deleted: bool,
) {
    if fresh.iter().any(|f| f.0 == spec && f.1 == ident) {
        if deleted {
            fresh.retain(|f| !(f.0 == spec && f.1 == ident));
            c.dirty.retain(|d| !(d.0 == spec && d.1 == ident));
        }
        return;
    }
    match c
        .prior
        .iter_mut()
        .find(|p| p.spec == spec && p.ident == ident)
    {
        Some(p) => p.deleted |= deleted,
        None => c.prior.push(Prior {
            spec,
            ident,
            old,
            deleted,
        }),
    }
}

/// The row's name as the records give it: the label, then the key columns joined by `/`.
fn ident(spec: usize, json: &str) -> Result<String> {
    let spec = &DIGESTS[spec];
    let row: serde_json::Map<String, Json> = serde_json::from_str(json)
        .map_err(|e| Error::internal(format!("a noted row of {} is not JSON: {e}", spec.table)))?;
    let key: Vec<String> = spec
        .key
        .iter()
        .map(|k| match row.get(*k) {
            Some(Json::String(s)) => s.clone(),
            Some(v) => v.to_string(),
            None => String::new(),
        })
        .collect();
    Ok(format!("{}{}", spec.label, key.join("/")))
}

/// Runs `f` (a statement that changes only columns outside the digest lists) and forgets the
/// changes it noted; those noted before stay.
pub fn quiet<T>(pg: &PgConn, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let conn = Conn::Pg(pg);
    let before: i64 = conn
        .row(
            "SELECT COALESCE(pg_catalog.max(id), 0) FROM pg_temp.cpni_change",
            &[],
            |r| r.get(0),
        )?
        .unwrap_or(0);
    let out = f()?;
    conn.execute(
        "DELETE FROM pg_temp.cpni_change WHERE id > ?1",
        vals![before],
    )?;
    Ok(out)
}
