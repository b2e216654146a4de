//! SQL for row digests: which decision rows a write transaction touched, their columns before
//! and after, and the seals (the latest digest recorded for each row).
//!
//! [`track`] installs an SQLite pre-update hook (for the duration of one
//! [`crate::store::Write`]) that notes every row inserted, updated or deleted in a table of
//! `crate::audit::rowdigest::DIGESTS`, and for an update or a delete the row's values as they were
//! before the first change since the last record; [`take`] and [`take_prior`] hand them to the
//! next audit record ([`attach`], called by [`append`]), which reads each changed row back by
//! rowid ([`row`], one primary-key lookup) and carries its digest after the change, and (for
//! rows that existed) its digest before ([`prior_row`]); the digests and the checks are the
//! pure functions of `crate::audit::rowdigest`. The hook sees every statement of the
//! transaction, so no command can change or delete a decision row without the record that
//! follows carrying both states. [`quiet`] wraps a statement that changes only columns outside
//! the lists (a session's `last_active_at`). [`all`] reads a whole table for `audit verify`: one
//! query per table.
//!
//! `row_seal` holds, per row name, the digest and seq of the latest record carrying it
//! ([`seal`], [`sealed`]): a step compares a row's digest before its change, and the rows it
//! decides on as read ([`note_read`]), with it, so a row edited behind cpni's back is refused at
//! the next step that touches it instead of being recorded as found ([`require_sealed`],
//! [`require_none_missing`]). It is a tripwire kept beside the chain, not evidence: `audit
//! verify` proves the same from the records alone. Migrations add [`baseline`] records and
//! fill the seals ([`rebuild_seals`]).

use std::cell::RefCell;

use rusqlite::Connection;
use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde_json::{Map, Value as Json};

use super::prehook::{self, Change};
use crate::audit::rowdigest::{self as pure, DIGESTS, REMOVED_MARK, RowSpec, Value};
use crate::audit::{Actor, Event, Record};
use crate::error::Result;
use crate::store::sql::{Conn, Dialect, Row, vals};

/// A column as a digest's [`Value`] (as rusqlite's own `Value` reads it: text that is not
/// UTF-8 is an error).
impl FromSql for Value {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
        use rusqlite::types::Value as Sql;
        Ok(match Sql::column_result(v)? {
            Sql::Null => Value::Null,
            Sql::Integer(i) => Value::Integer(i),
            Sql::Real(f) => Value::Real(f),
            Sql::Text(t) => Value::Text(t),
            Sql::Blob(b) => Value::Blob(b),
        })
    }
}

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Integer(i) => ValueRef::Integer(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(t) => ValueRef::Text(t.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

thread_local! {
    /// (index into DIGESTS, rowid) of the rows changed since the last record.
    static DIRTY: RefCell<Vec<(usize, i64)>> = const { RefCell::new(Vec::new()) };
    /// (index into DIGESTS, rowid, every column) of the rows updated or deleted since the last
    /// record, as they were before their first change; `deleted` when the row is gone.
    static PRIOR: RefCell<Vec<Prior>> = const { RefCell::new(Vec::new()) };
    /// The rows inserted since the last record (no record shows a state of theirs before).
    static FRESH: RefCell<Vec<(usize, i64)>> = const { RefCell::new(Vec::new()) };
    /// (row name, digest) of the decision rows a step read and decided on since the last record.
    static READ: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

/// Notes that the step decided on row `name` as it is now (`digest`): the next record carries
/// it among its `"prior"` digests, so verify sees what the decision was made on.
pub fn note_read(name: String, digest: String) {
    READ.with(|r| r.borrow_mut().push((name, digest)));
}

/// The rows noted by [`note_read`] since the last call.
pub fn take_read() -> Vec<(String, String)> {
    READ.with(|r| std::mem::take(&mut *r.borrow_mut()))
}

/// A decision row as it was before the transaction first changed it since the last record.
#[derive(Debug, Clone)]
pub struct Prior {
    /// Index into DIGESTS.
    pub spec: usize,
    pub rowid: i64,
    /// Every column of the table, in table order.
    pub values: Vec<Value>,
    pub deleted: bool,
}

/// Runs `f` (one statement that changes only columns outside the digest lists, such as a
/// session's `last_active_at`) without noting the rows it updates; rows noted before stay noted.
pub fn quiet<T>(conn: Conn<'_>, f: impl FnOnce() -> Result<T>) -> Result<T> {
    if let Conn::Pg(pg) = conn {
        return crate::store::pg::capture::quiet(pg, f);
    }
    let before = DIRTY.with(|d| d.borrow().len());
    let out = f();
    DIRTY.with(|d| d.borrow_mut().truncate(before));
    out
}

/// Starts noting changed decision rows on `conn` (and forgets any noted before).
pub fn track(conn: &Connection) -> Result<()> {
    clear();
    prehook::install(
        conn,
        prehook::Handler {
            wants: |t| DIGESTS.iter().any(|s| s.table == t),
            change: on_change,
        },
    );
    Ok(())
}

fn on_change(table: &str, change: Change) {
    let Some(i) = DIGESTS.iter().position(|s| s.table == table) else {
        return;
    };
    match change {
        Change::Insert { rowid } => {
            FRESH.with(|f| f.borrow_mut().push((i, rowid)));
            dirty(i, rowid);
        }
        Change::Update { old, new, before } => {
            note_prior(i, old, before, false);
            dirty(i, new);
        }
        Change::Delete { rowid, before } => note_prior(i, rowid, before, true),
    }
}

fn dirty(i: usize, rowid: i64) {
    DIRTY.with(|d| {
        let mut d = d.borrow_mut();
        if !d.contains(&(i, rowid)) {
            d.push((i, rowid));
        }
    });
}

/// Keeps the first state of a row since the last record (a later change in the same step
/// starts from a state no record shows); a delete after an update marks it deleted. A row
/// inserted since the last record has no earlier state: deleting it again leaves nothing to
/// record.
fn note_prior(spec: usize, rowid: i64, values: Vec<Value>, deleted: bool) {
    let fresh = FRESH.with(|f| f.borrow().contains(&(spec, rowid)));
    if fresh {
        if deleted {
            FRESH.with(|f| f.borrow_mut().retain(|x| *x != (spec, rowid)));
            DIRTY.with(|d| d.borrow_mut().retain(|x| *x != (spec, rowid)));
        }
        return;
    }
    PRIOR.with(|p| {
        let mut p = p.borrow_mut();
        match p.iter_mut().find(|x| x.spec == spec && x.rowid == rowid) {
            Some(x) => x.deleted |= deleted,
            None => p.push(Prior {
                spec,
                rowid,
                values,
                deleted,
            }),
        }
    });
}

/// Forgets every change and read noted so far (the start of a step).
pub fn clear() {
    DIRTY.with(|d| d.borrow_mut().clear());
    PRIOR.with(|p| p.borrow_mut().clear());
    FRESH.with(|f| f.borrow_mut().clear());
    READ.with(|r| r.borrow_mut().clear());
}

/// Stops noting changes; returns the rows noted and not yet taken (changed, or deleted).
pub fn untrack(conn: &Connection) -> Result<Vec<(usize, i64)>> {
    prehook::remove(conn);
    let mut left = take();
    left.extend(
        take_prior()
            .into_iter()
            .filter(|p| p.deleted)
            .map(|p| (p.spec, p.rowid)),
    );
    Ok(left)
}

/// The rows updated or deleted since the last call, as they were before.
pub fn take_prior() -> Vec<Prior> {
    PRIOR.with(|p| std::mem::take(&mut *p.borrow_mut()))
}

/// Whether a row was changed or deleted since the last record (what must not be left
/// unrecorded when a step commits). On PostgreSQL, from the changes the row triggers noted
/// ([`crate::store::pg::capture`]).
pub fn pending(conn: Conn<'_>) -> Result<bool> {
    if let Conn::Pg(pg) = conn {
        let c = crate::store::pg::capture::drain(pg)?;
        return Ok(!c.dirty.is_empty() || c.prior.iter().any(|p| p.deleted));
    }
    Ok(DIRTY.with(|d| !d.borrow().is_empty())
        || PRIOR.with(|p| p.borrow().iter().any(|x| x.deleted)))
}

/// The rows inserted or updated since the last call: (index into DIGESTS, rowid).
pub fn take() -> Vec<(usize, i64)> {
    FRESH.with(|f| f.borrow_mut().clear());
    DIRTY.with(|d| std::mem::take(&mut *d.borrow_mut()))
}

/// The SQL expression naming a row of `spec`'s table as the records do.
pub fn name_sql(spec: &RowSpec) -> String {
    format!("'{}' || {}", spec.label, spec.key.join(" || '/' || "))
}

fn columns(spec: &RowSpec) -> String {
    spec.groups
        .iter()
        .flat_map(|g| g.iter())
        .copied()
        .collect::<Vec<_>>()
        .join(", ")
}

/// The name and listed columns (in list order) of a row of `spec`'s table whose every column,
/// in table order, is `values` (a row as it was before a change): the same SQL expressions as
/// [`row`], evaluated over the given values.
pub fn prior_row(conn: Conn<'_>, spec: &RowSpec, values: &[Value]) -> Result<(String, Vec<Value>)> {
    let names = table_columns(conn, spec.table)?;
    if names.len() != values.len() {
        return Err(crate::error::Error::internal(format!(
            "table {} has {} columns but the pre-update hook saw {}",
            spec.table,
            names.len(),
            values.len()
        )));
    }
    let select: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| format!("?{} AS \"{}\"", i + 1, n.replace('"', "\"\"")))
        .collect();
    let sql = format!(
        "SELECT {}, {} FROM (SELECT {})",
        name_sql(spec),
        columns(spec),
        select.join(", ")
    );
    let params: Vec<crate::store::sql::Val<'_>> = values.iter().map(Into::into).collect();
    conn.row(&sql, &params, |r| values_of(r, width(spec)))?
        .ok_or_else(|| crate::error::Error::internal("a select of values returned no row"))
}

/// [`prior_row`] on PostgreSQL: the row as the trigger saw it (`to_jsonb(OLD)`, as text) read
/// back as the table's row type, so each column has its own type again.
pub fn prior_row_json(conn: Conn<'_>, spec: &RowSpec, json: &str) -> Result<(String, Vec<Value>)> {
    let sql = format!(
        "SELECT {}, {} FROM pg_catalog.jsonb_populate_record(NULL::public.{}, CAST(?1 AS text)::jsonb)",
        name_sql(spec),
        columns(spec),
        spec.table
    );
    conn.row(&sql, vals![json], |r| values_of(r, width(spec)))?
        .ok_or_else(|| crate::error::Error::internal("a row of values returned nothing"))
}

/// [`row`] on PostgreSQL: the row now whose key columns are those of `json` (a row as the
/// trigger saw it), if it is still there.
pub fn row_by_json_key(
    conn: Conn<'_>,
    spec: &RowSpec,
    json: &str,
) -> Result<Option<(String, Vec<Value>)>> {
    let on: Vec<String> = spec.key.iter().map(|k| format!("t.{k} = k.{k}")).collect();
    let listed: Vec<String> = spec
        .groups
        .iter()
        .flat_map(|g| g.iter())
        .map(|c| format!("t.{c}"))
        .collect();
    let name: Vec<String> = spec.key.iter().map(|k| format!("t.{k}")).collect();
    let sql = format!(
        "SELECT '{}' || {}, {} FROM public.{} t, pg_catalog.jsonb_populate_record(NULL::public.{}, CAST(?1 AS text)::jsonb) k WHERE {}",
        spec.label,
        name.join(" || '/' || "),
        listed.join(", "),
        spec.table,
        spec.table,
        on.join(" AND ")
    );
    conn.row(&sql, vals![json], |r| values_of(r, width(spec)))
}

fn table_columns(conn: Conn<'_>, table: &str) -> Result<Vec<String>> {
    let sql = match conn.dialect() {
        crate::store::sql::Dialect::Sqlite => "SELECT name FROM pragma_table_info(?1) ORDER BY cid",
        crate::store::sql::Dialect::Postgres => {
            "SELECT a.attname::text FROM pg_attribute a \
             WHERE a.attrelid = to_regclass('public.' || ?1) AND a.attnum > 0 \
             AND NOT a.attisdropped ORDER BY a.attnum"
        }
    };
    conn.rows(sql, vals![table], |r| r.get::<String>(0))
}

/// The digest and seq of the latest record carrying `name`'s digest, if the seals know it.
pub fn sealed(conn: Conn<'_>, name: &str) -> Result<Option<(String, i64)>> {
    conn.row(
        "SELECT digest, seq FROM row_seal WHERE name = ?1",
        vals![name],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Records that record `seq` carries `digest` for `name` (the latest one for that row).
pub fn seal(conn: Conn<'_>, name: &str, digest: &str, seq: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO row_seal (name, digest, seq) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET digest = excluded.digest, seq = excluded.seq",
        vals![name, digest, seq],
    )?;
    Ok(())
}

/// The records about `account` whose detail names a row starting with `prefix` (such as
/// `consent row `), in chain order: (seq, detail).
pub fn details_naming(conn: Conn<'_>, account: &str, prefix: &str) -> Result<Vec<(i64, String)>> {
    let sql = match conn.dialect() {
        Dialect::Sqlite => {
            "SELECT seq, detail FROM audit WHERE account = ?1 AND instr(detail, ?2) > 0 ORDER BY seq"
        }
        Dialect::Postgres => {
            "SELECT seq, detail FROM audit WHERE account = ?1 AND strpos(detail, ?2) > 0 ORDER BY seq"
        }
    };
    let needle = format!("\"{prefix}");
    conn.rows(sql, vals![account, needle], |r| Ok((r.get(0)?, r.get(1)?)))
}

/// Every record carrying row digests, in chain order: (seq, detail). For building the seals of
/// a log that had digests before the seals existed.
pub fn digest_records(conn: &Connection, mut f: impl FnMut(i64, &str) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT seq, detail FROM audit WHERE instr(detail, '\"digests\":') > 0 ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let detail: String = r.get(1)?;
        f(r.get(0)?, &detail)?;
    }
    Ok(())
}

fn values_of(r: &Row<'_>, n: usize) -> Result<(String, Vec<Value>)> {
    let name: String = r.get(0)?;
    let vals = (1..=n).map(|i| r.get(i)).collect::<Result<_>>()?;
    Ok((name, vals))
}

fn width(spec: &RowSpec) -> usize {
    spec.groups.iter().map(|g| g.len()).sum()
}

/// One row of `spec`'s table by rowid: its name and its columns in list order.
pub fn row(conn: Conn<'_>, spec: &RowSpec, rowid: i64) -> Result<Option<(String, Vec<Value>)>> {
    let sql = format!(
        "SELECT {}, {} FROM {} WHERE rowid = ?1",
        name_sql(spec),
        columns(spec),
        spec.table
    );
    conn.row(&sql, vals![rowid], |r| values_of(r, width(spec)))
}

/// The row of `spec`'s table whose column `key` (one of cpni's own names, never input) is
/// `value`: its name and its columns in list order.
pub fn row_by_key(
    conn: Conn<'_>,
    spec: &RowSpec,
    key: &'static str,
    value: &str,
) -> Result<Option<(String, Vec<Value>)>> {
    let sql = format!(
        "SELECT {}, {} FROM {} WHERE {key} = ?1",
        name_sql(spec),
        columns(spec),
        spec.table
    );
    conn.row(&sql, vals![value], |r| values_of(r, width(spec)))
}

/// Every row of `spec`'s table: its name and its columns in list order (one query).
pub fn all(conn: Conn<'_>, spec: &RowSpec) -> Result<Vec<(String, Vec<Value>)>> {
    let sql = format!(
        "SELECT {}, {} FROM {}",
        name_sql(spec),
        columns(spec),
        spec.table
    );
    conn.rows(&sql, &[], |r| values_of(r, width(spec)))
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

/// The store's half of the row digests (the functions of `crate::audit::rowdigest` are pure):
/// reads the rows and seals, hands them to the digest and the checks, writes the seals.
///
/// Adds to `detail` the digests of the rows changed since the previous record (inside the
/// write transaction, just before the record is appended): `"digests"` after the change
/// ([`REMOVED_MARK`] for a deleted row), `"prior"` before it for rows that existed. A row whose
/// state before differs from the latest digest recorded for it ([`sealed`]), or that no record
/// shows at all, was edited or written outside cpni: the step is refused (exit 6) rather than
/// recorded over it. Returns the digests to seal once the record has its seq ([`seal_all`]).
pub fn attach(conn: Conn<'_>, detail: &mut Map<String, Json>) -> Result<Vec<(String, String)>> {
    if let Conn::Pg(pg) = conn {
        return attach_pg(conn, crate::store::pg::capture::drain(pg)?, detail);
    }
    let dirty = take();
    let prior = take_prior();
    let mut digests = Map::new();
    let mut before = Map::new();
    for p in prior {
        if !p.deleted && !dirty.contains(&(p.spec, p.rowid)) {
            continue; // a quiet change (columns outside the lists) that nothing followed
        }
        let spec = &DIGESTS[p.spec];
        let (name, values) = prior_row(conn, spec, &p.values)?;
        let was = pure::digest(spec, &values);
        pure::unchanged(spec, &name, sealed(conn, &name)?, &was)?;
        if p.deleted {
            digests.insert(name.clone(), Json::String(REMOVED_MARK.to_string()));
        }
        before.insert(name, Json::String(was));
    }
    for (i, rowid) in dirty {
        let spec = &DIGESTS[i];
        if let Some((name, values)) = row(conn, spec, rowid)? {
            digests.insert(name, Json::String(pure::digest(spec, &values)));
        }
    }
    for (name, was) in take_read() {
        before.entry(name).or_insert(Json::String(was));
    }
    Ok(pure::put(detail, digests, before))
}

/// [`attach`] on PostgreSQL, over the changes the row triggers noted since the last record
/// ([`crate::store::pg::capture::drain`]): the same digests, checks and seals as SQLite's.
fn attach_pg(
    conn: Conn<'_>,
    changes: crate::store::pg::capture::Changes,
    detail: &mut Map<String, Json>,
) -> Result<Vec<(String, String)>> {
    let mut digests = Map::new();
    let mut before = Map::new();
    for p in &changes.prior {
        if !p.deleted
            && !changes
                .dirty
                .iter()
                .any(|d| d.0 == p.spec && d.1 == p.ident)
        {
            continue;
        }
        let spec = &DIGESTS[p.spec];
        let (name, values) = prior_row_json(conn, spec, &p.old)?;
        let was = pure::digest(spec, &values);
        pure::unchanged(spec, &name, sealed(conn, &name)?, &was)?;
        if p.deleted {
            digests.insert(name.clone(), Json::String(REMOVED_MARK.to_string()));
        }
        before.insert(name, Json::String(was));
    }
    for (i, _, new) in &changes.dirty {
        let spec = &DIGESTS[*i];
        if let Some((name, values)) = row_by_json_key(conn, spec, new)? {
            digests.insert(name, Json::String(pure::digest(spec, &values)));
        }
    }
    for (name, was) in take_read() {
        before.entry(name).or_insert(Json::String(was));
    }
    Ok(pure::put(detail, digests, before))
}

/// Records that record `seq` carries the latest digest of each row in `seals`.
pub fn seal_all(conn: Conn<'_>, seq: i64, seals: &[(String, String)]) -> Result<()> {
    for (name, dg) in seals {
        seal(conn, name, dg, seq)?;
    }
    Ok(())
}

/// Appends `event` as the next record of the chain with the digests of the decision rows
/// changed since the previous record ([`attach`]), and seals them.
pub fn append(
    conn: Conn<'_>,
    actor: &Actor,
    at: time::OffsetDateTime,
    mut event: Event,
) -> Result<Record> {
    let seals = attach(conn, &mut event.detail)?;
    let record = super::super::audit::append_exact(conn, actor, at, event)?;
    seal_all(conn, record.seq, &seals)?;
    Ok(record)
}

/// Exit 6 when the row of `table` whose `key` column is `value` is not as the latest record
/// naming it shows it ([`pure::unchanged`]): a step that reads a decision row (the session and
/// customer a call step acts on, the acting agent, the keys it lets in, the approvals it reads)
/// must not act on an edit made outside cpni, even when it changes nothing in the row. The
/// row's digest as read goes into the next record's `"prior"` ([`note_read`]), so an edit that
/// also rewrote the row's seal, and was undone after the step, still shows in verify.
pub fn require_sealed(conn: Conn<'_>, table: &str, key: &'static str, value: &str) -> Result<()> {
    let Some(spec) = DIGESTS.iter().find(|s| s.table == table) else {
        return Ok(());
    };
    if let Some((name, values)) = row_by_key(conn, spec, key, value)? {
        let now = pure::digest(spec, &values);
        pure::unchanged(spec, &name, sealed(conn, &name)?, &now)?;
        note_read(name, now);
    }
    Ok(())
}

/// Exit 6 when a row named `prefix…` that the chain shows for `account` is not among
/// `present` ([`pure::none_missing`] over [`details_naming`]).
pub fn require_none_missing(
    conn: Conn<'_>,
    account: &str,
    prefix: &str,
    present: &[String],
) -> Result<()> {
    pure::none_missing(details_naming(conn, account, prefix)?, prefix, present)
}

/// Fills the seals of a log whose records carried digests before the seals existed: the latest
/// digest of every row named in the chain (a migration step).
pub fn rebuild_seals(conn: &Connection) -> Result<usize> {
    let mut latest = std::collections::HashMap::new();
    digest_records(conn, |seq, detail| {
        pure::latest_digests(&mut latest, seq, detail);
        Ok(())
    })?;
    for (name, (dg, seq)) in &latest {
        seal(Conn::Sqlite(conn), name, dg, *seq)?;
    }
    Ok(latest.len())
}

/// Appends `audit.baseline` records holding the digests of every row of every digested table,
/// [`pure::BASELINE_ROWS`] rows to a record (`why` says what occasioned it): the starting point
/// for rows written before digests. `only` limits it to the named tables (a migration that adds
/// tables to the lists); empty means every table. Returns the number of rows.
pub fn baseline(
    conn: &Connection,
    actor: &Actor,
    at: time::OffsetDateTime,
    why: &str,
    only: &[&str],
) -> Result<usize> {
    let rows = every_row(conn, only)?;
    let n = rows.len();
    for chunk in rows.chunks(pure::BASELINE_ROWS) {
        let mut digests = Map::new();
        for &(i, rowid) in chunk {
            let spec = &DIGESTS[i];
            if let Some((name, values)) = row(Conn::Sqlite(conn), spec, rowid)? {
                digests.insert(name, Json::String(pure::digest(spec, &values)));
            }
        }
        super::super::audit::append_exact(
            Conn::Sqlite(conn),
            actor,
            at,
            pure::baseline_event(why, digests),
        )?;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(table: &str) -> &'static RowSpec {
        DIGESTS.iter().find(|s| s.table == table).unwrap()
    }

    #[test]
    fn an_upgrade_appends_baseline_records_covering_every_row() {
        use crate::store::migrate::{MIGRATIONS, ROW_DIGESTS_VERSION, migrate};
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..ROW_DIGESTS_VERSION as usize - 1] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", ROW_DIGESTS_VERSION - 1)
            .unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO agent VALUES ('root', '', 'admin', 1, 't', 't');
             INSERT INTO complaint (account, category, description, agent, received_at)
             VALUES ('A-1', 'other', 'x', 'root', 't');",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let details: Vec<String> = conn
            .prepare("SELECT detail FROM audit WHERE event = 'audit.baseline' ORDER BY seq")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(details.len(), 1, "{details:?}");
        let rows = all(Conn::Sqlite(&conn), spec("complaint")).unwrap();
        let want = pure::digest(spec("complaint"), &rows[0].1);
        assert!(details[0].contains(&want), "{details:?}");
        assert!(details[0].contains("complaint 1") && details[0].contains("agent root"));
    }

    #[test]
    fn an_upgrade_to_11_baselines_only_the_added_tables() {
        use crate::store::migrate::{MIGRATIONS, MORE_DIGESTS_VERSION, migrate};
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..MORE_DIGESTS_VERSION as usize - 1] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", MORE_DIGESTS_VERSION - 1)
            .unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO agent VALUES ('root', '', 'admin', 1, 't', 't');
             INSERT INTO session (id, account, agent, channel, started_at, last_active_at)
             VALUES ('S-1', 'A-1', 'root', 'inbound', 't', 't');
             INSERT INTO agent_key VALUES ('SHA256:k', 'root', 'ssh-ed25519', 'AAAA', 'c', 't');",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let details: Vec<String> = conn
            .prepare("SELECT detail FROM audit WHERE event = 'audit.baseline' ORDER BY seq")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(details.len(), 1, "{details:?}");
        let d = &details[0];
        assert!(
            d.contains("session S-1") && d.contains("agent key SHA256:k"),
            "{d}"
        );
        assert!(
            d.contains("migration 11") && !d.contains("agent root"),
            "{d}"
        );
    }

    #[test]
    fn an_upgrade_to_12_seals_every_row_the_chain_names() {
        use crate::store::migrate::{MIGRATIONS, ROW_DIGESTS_VERSION, migrate};
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..ROW_DIGESTS_VERSION as usize - 1] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", ROW_DIGESTS_VERSION - 1)
            .unwrap();
        conn.execute_batch("INSERT INTO agent VALUES ('root', '', 'admin', 1, 't', 't');")
            .unwrap();
        migrate(&mut conn).unwrap();
        let (dg, seq): (String, i64) = conn
            .query_row(
                "SELECT digest, seq FROM row_seal WHERE name = 'agent root'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let rows = all(Conn::Sqlite(&conn), spec("agent")).unwrap();
        assert_eq!(dg, pure::digest(spec("agent"), &rows[0].1));
        let event: String = conn
            .query_row("SELECT event FROM audit WHERE seq = ?1", [seq], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(event, "audit.baseline");
    }
}
