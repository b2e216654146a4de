//! SQL for row digests: which decision rows a write transaction touched, and their columns.
//!
//! [`track`] installs an SQLite update hook (for the duration of one [`crate::store::Db::write`])
//! that notes every row inserted or updated in a table of
//! [`super::crosscheck::DIGESTS`]; [`take`] hands the noted rows to the next audit record
//! (`crate::audit::append`), which reads each one back by rowid ([`row`], one primary-key
//! lookup) and carries its digest. [`all`] reads a whole table for `audit verify`: one query
//! per table. The hook sees every statement of the transaction, so no command can change a
//! decision row without the record that follows carrying the new state. Two exceptions are
//! explicit: [`quiet`] wraps a statement that changes only columns outside the lists (a
//! session's `last_active_at`), and [`removed`] notes a deleted row (an agent key), which the
//! hook cannot name, so the next record marks it removed.

use std::cell::RefCell;

use rusqlite::Connection;
use rusqlite::hooks::Action;
use rusqlite::types::Value;

use super::crosscheck::{DIGESTS, RowSpec};
use crate::error::Result;

thread_local! {
    /// (index into DIGESTS, rowid) of the rows changed since the last record.
    static DIRTY: RefCell<Vec<(usize, i64)>> = const { RefCell::new(Vec::new()) };
    /// Names of the decision rows deleted since the last record (see [`removed`]).
    static REMOVED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The digest value a record carries for a row it deleted.
pub const REMOVED_MARK: &str = "removed";

/// Runs `f` (one statement that changes only columns outside the digest lists, such as a
/// session's `last_active_at`) without noting the rows it updates; rows noted before stay noted.
pub fn quiet<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    let before = DIRTY.with(|d| d.borrow().len());
    let out = f();
    DIRTY.with(|d| d.borrow_mut().truncate(before));
    out
}

/// Notes that the decision row named `name` was deleted: the next record carries
/// [`REMOVED_MARK`] for it (the update hook cannot name a deleted row).
pub fn removed(name: String) {
    REMOVED.with(|r| r.borrow_mut().push(name));
}

/// The deleted rows noted since the last call.
pub fn take_removed() -> Vec<String> {
    REMOVED.with(|r| std::mem::take(&mut *r.borrow_mut()))
}

/// Starts noting changed decision rows on `conn` (and forgets any noted before).
pub fn track(conn: &mut Connection) -> Result<()> {
    DIRTY.with(|d| d.borrow_mut().clear());
    REMOVED.with(|r| r.borrow_mut().clear());
    conn.update_hook(Some(|action, db: &str, table: &str, rowid| {
        if db != "main" || !matches!(action, Action::SQLITE_INSERT | Action::SQLITE_UPDATE) {
            return;
        }
        if let Some(i) = DIGESTS.iter().position(|s| s.table == table) {
            DIRTY.with(|d| {
                let mut d = d.borrow_mut();
                if !d.contains(&(i, rowid)) {
                    d.push((i, rowid));
                }
            });
        }
    }))?;
    Ok(())
}

/// Stops noting changes; returns the rows noted and not yet taken.
pub fn untrack(conn: &mut Connection) -> Result<Vec<(usize, i64)>> {
    conn.update_hook(None::<fn(Action, &str, &str, i64)>)?;
    take_removed();
    Ok(take())
}

/// The rows changed since the last call: (index into DIGESTS, rowid).
pub fn take() -> Vec<(usize, i64)> {
    DIRTY.with(|d| std::mem::take(&mut *d.borrow_mut()))
}

fn columns(spec: &RowSpec) -> String {
    spec.groups
        .iter()
        .flat_map(|g| g.iter())
        .copied()
        .collect::<Vec<_>>()
        .join(", ")
}

fn values(r: &rusqlite::Row<'_>, n: usize) -> rusqlite::Result<(String, Vec<Value>)> {
    let name: String = r.get(0)?;
    let vals = (1..=n).map(|i| r.get(i)).collect::<rusqlite::Result<_>>()?;
    Ok((name, vals))
}

fn width(spec: &RowSpec) -> usize {
    spec.groups.iter().map(|g| g.len()).sum()
}

/// One row of `spec`'s table by rowid: its name and its columns in list order.
pub fn row(conn: &Connection, spec: &RowSpec, rowid: i64) -> Result<Option<(String, Vec<Value>)>> {
    use rusqlite::OptionalExtension;
    let sql = format!(
        "SELECT {}, {} FROM {} WHERE rowid = ?1",
        spec.name,
        columns(spec),
        spec.table
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([rowid], |r| values(r, width(spec)))
        .optional()?)
}

/// Every row of `spec`'s table: its name and its columns in list order (one query).
pub fn all(conn: &Connection, spec: &RowSpec) -> Result<Vec<(String, Vec<Value>)>> {
    let sql = format!(
        "SELECT {}, {} FROM {}",
        spec.name,
        columns(spec),
        spec.table
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| values(r, width(spec)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every row of every table in DIGESTS (only those named in `only`, unless it is empty), for a
/// baseline: (index into DIGESTS, rowid).
pub fn every_row(conn: &Connection, only: &[&str]) -> Result<Vec<(usize, i64)>> {
    let mut out = Vec::new();
    for (i, spec) in DIGESTS.iter().enumerate() {
        if !only.is_empty() && !only.contains(&spec.table) {
            continue;
        }
        let mut stmt = conn.prepare(&format!("SELECT rowid FROM {} ORDER BY rowid", spec.table))?;
        let ids = stmt.query_map([], |r| r.get::<_, i64>(0))?;
        for id in ids {
            out.push((i, id?));
        }
    }
    Ok(out)
}
