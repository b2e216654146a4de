//! The backend-neutral SQL executor that [`super::Read`] and [`super::Write`] hold: a query is
//! written once, with SQLite's `?N` placeholders, and run on either backend. On SQLite it is
//! rusqlite's cached statement, as before (no cost added); on PostgreSQL the text is rewritten
//! to `$N` placeholders and prepared once per statement text per connection ([`PgConn`]'s
//! cache). Parameters are plain values ([`Val`]: null, integer, text, blob; a bool as the
//! schemas store it, an integer 0 or 1), converted to whatever type the server inferred for the
//! placeholder; a row is read with a typed [`Row::get`] ([`Get`]). Where the dialects truly
//! differ, the family's method asks [`Conn::dialect`] and picks its text (`INSERT OR IGNORE`
//! / `ON CONFLICT DO NOTHING`, `INSERT OR REPLACE` / an upsert, `instr` / `strpos`), or uses
//! the helpers: [`Conn::insert_id`] (`last_insert_rowid()` / `RETURNING id`),
//! [`Conn::text_nulls`] (PostgreSQL cannot type a parameter it first meets in `IS NULL`),
//! [`Conn::json_text`] (`json_extract` / `->>`); [`Conn::each`] streams a scan's rows;
//! [`Conn::execute_one`] is an update of a decision row that must change exactly one row.
//! Failures become the store's errors (`StoreError` for SQLite, `PgError` naming the server
//! for PostgreSQL); every PostgreSQL round trip is bounded by the connection's watchdog
//! (`super::pg::watchdog`: a cut connection is `pg-stalled`).

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::types::{ToSqlOutput, ValueRef};

use super::pg::error::PgError;
use super::pg::target::Target;
use super::pg::watchdog::{Armed, Watchdog};
use crate::audit::rowdigest::Value;
use crate::error::{Error, Result};

/// Which SQL a backend speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// One connection of either backend, borrowed for a query.
#[derive(Clone, Copy)]
pub enum Conn<'a> {
    Sqlite(&'a rusqlite::Connection),
    Pg(&'a PgConn),
}

/// A parameter value.
#[derive(Debug, Clone, Copy)]
pub enum Val<'a> {
    Null,
    Int(i64),
    Text(&'a str),
    Blob(&'a [u8]),
}

impl From<i64> for Val<'_> {
    fn from(v: i64) -> Self {
        Val::Int(v)
    }
}
impl From<&i64> for Val<'_> {
    fn from(v: &i64) -> Self {
        Val::Int(*v)
    }
}
impl From<bool> for Val<'_> {
    fn from(v: bool) -> Self {
        Val::Int(i64::from(v))
    }
}
impl From<&bool> for Val<'_> {
    fn from(v: &bool) -> Self {
        Val::Int(i64::from(*v))
    }
}
impl<'a> From<&'a str> for Val<'a> {
    fn from(v: &'a str) -> Self {
        Val::Text(v)
    }
}
impl<'a> From<&'a &str> for Val<'a> {
    fn from(v: &'a &str) -> Self {
        Val::Text(v)
    }
}
impl<'a> From<&'a String> for Val<'a> {
    fn from(v: &'a String) -> Self {
        Val::Text(v)
    }
}
impl<'a> From<&'a [u8]> for Val<'a> {
    fn from(v: &'a [u8]) -> Self {
        Val::Blob(v)
    }
}
impl<'a> From<&'a Vec<u8>> for Val<'a> {
    fn from(v: &'a Vec<u8>) -> Self {
        Val::Blob(v)
    }
}
impl<'a> From<&'a Option<String>> for Val<'a> {
    fn from(v: &'a Option<String>) -> Self {
        v.as_deref().map_or(Val::Null, Val::Text)
    }
}
impl<'a> From<&'a Option<Vec<u8>>> for Val<'a> {
    fn from(v: &'a Option<Vec<u8>>) -> Self {
        v.as_deref().map_or(Val::Null, Val::Blob)
    }
}
impl From<&Option<i64>> for Val<'_> {
    fn from(v: &Option<i64>) -> Self {
        v.map_or(Val::Null, Val::Int)
    }
}
impl<'a> From<&'a Option<&str>> for Val<'a> {
    fn from(v: &'a Option<&str>) -> Self {
        v.map_or(Val::Null, Val::Text)
    }
}
impl<'a> From<&'a &[u8]> for Val<'a> {
    fn from(v: &'a &[u8]) -> Self {
        Val::Blob(v)
    }
}
impl From<&Option<bool>> for Val<'_> {
    fn from(v: &Option<bool>) -> Self {
        v.map_or(Val::Null, |b| Val::Int(i64::from(b)))
    }
}
impl<'a> From<Option<&'a str>> for Val<'a> {
    fn from(v: Option<&'a str>) -> Self {
        v.map_or(Val::Null, Val::Text)
    }
}
impl From<Option<i64>> for Val<'_> {
    fn from(v: Option<i64>) -> Self {
        v.map_or(Val::Null, Val::Int)
    }
}
impl<'a> From<&'a Value> for Val<'a> {
    fn from(v: &'a Value) -> Self {
        match v {
            Value::Null | Value::Real(_) => Val::Null,
            Value::Integer(i) => Val::Int(*i),
            Value::Text(t) => Val::Text(t),
            Value::Blob(b) => Val::Blob(b),
        }
    }
}

/// `vals![a, b, …]`: the parameters of one query, each converted with `Val::from(&a)` (so a
/// field or a local is borrowed, as rusqlite's `params!` does).
macro_rules! vals {
    ($($v:expr),* $(,)?) => { &[$($crate::store::sql::Val::from(&$v)),*][..] };
}
pub(crate) use vals;

impl rusqlite::ToSql for Val<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match *self {
            Val::Null => ValueRef::Null,
            Val::Int(i) => ValueRef::Integer(i),
            Val::Text(t) => ValueRef::Text(t.as_bytes()),
            Val::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

type BoxError = Box<dyn std::error::Error + Sync + Send>;

impl postgres::types::ToSql for Val<'_> {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<postgres::types::IsNull, BoxError> {
        use postgres::types::{IsNull, Type};
        match *self {
            Val::Null => Ok(IsNull::Yes),
            Val::Int(i) => match *ty {
                Type::INT4 => i32::try_from(i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(i)?.to_sql(ty, out),
                Type::BOOL => (i != 0).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => i.to_string().as_str().to_sql(ty, out),
                _ => i.to_sql(ty, out),
            },
            // A number given as text (a filter's bound) where the server wants an integer.
            Val::Text(t) if *ty == Type::INT8 || *ty == Type::INT4 => {
                Val::Int(t.parse()?).to_sql(ty, out)
            }
            Val::Text(t) => t.to_sql(ty, out),
            Val::Blob(b) => b.to_sql(ty, out),
        }
    }
    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }
    postgres::types::to_sql_checked!();
}

/// One result row of either backend.
pub enum Row<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Pg(&'r postgres::Row),
}

impl Row<'_> {
    /// Column `i` (from 0) as a `T`.
    pub fn get<T: Get>(&self, i: usize) -> Result<T> {
        match self {
            Row::Sqlite(r) => Ok(T::sqlite(r, i)?),
            Row::Pg(r) => T::pg(r, i).map_err(|e| {
                Error::storage(format!("cannot read column {i} of a PostgreSQL row: {e}"))
            }),
        }
    }
}

impl Row<'_> {
    /// Column `i`'s bytes as stored: a text's UTF-8 or a blob's bytes; nothing for a null or
    /// a number (as a whole-log scan reads them, without copying).
    pub fn bytes(&self, i: usize) -> Result<&[u8]> {
        match self {
            Row::Sqlite(r) => Ok(match r.get_ref(i)? {
                ValueRef::Text(b) | ValueRef::Blob(b) => b,
                _ => &[],
            }),
            Row::Pg(r) => {
                use postgres::types::Type;
                let ty = r.columns()[i].type_();
                let got = if *ty == Type::BYTEA {
                    r.try_get::<_, Option<&[u8]>>(i)
                } else if *ty == Type::TEXT || *ty == Type::VARCHAR {
                    r.try_get::<_, Option<&str>>(i)
                        .map(|t| t.map(str::as_bytes))
                } else {
                    Ok(None)
                };
                got.map(Option::unwrap_or_default).map_err(|e| {
                    Error::storage(format!("cannot read column {i} of a PostgreSQL row: {e}"))
                })
            }
        }
    }
}

/// A type a column is read as.
pub trait Get: Sized {
    fn sqlite(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Self>;
    fn pg(r: &postgres::Row, i: usize) -> std::result::Result<Self, postgres::Error>;
}

macro_rules! get_same {
    ($($t:ty),*) => {$(
        impl Get for $t {
            fn sqlite(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Self> {
                r.get(i)
            }
            fn pg(r: &postgres::Row, i: usize) -> std::result::Result<Self, postgres::Error> {
                r.try_get(i)
            }
        }
    )*};
}
get_same!(
    i64,
    Option<i64>,
    String,
    Option<String>,
    Vec<u8>,
    Option<Vec<u8>>
);

/// A bool the schemas store as an integer 0 or 1.
impl Get for bool {
    fn sqlite(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Self> {
        r.get(i)
    }
    fn pg(r: &postgres::Row, i: usize) -> std::result::Result<Self, postgres::Error> {
        Ok(r.try_get::<_, i64>(i)? != 0)
    }
}

/// A column as a row digest's [`Value`], by the column's type: the same value SQLite reads for
/// the same row (integers, text, blobs), so the digests agree byte for byte.
impl Get for Value {
    fn sqlite(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Self> {
        r.get(i)
    }
    fn pg(r: &postgres::Row, i: usize) -> std::result::Result<Self, postgres::Error> {
        use postgres::types::Type;
        let ty = r.columns()[i].type_().clone();
        Ok(match ty {
            Type::INT8 => r.try_get::<_, Option<i64>>(i)?.map(Value::Integer),
            Type::INT4 => r
                .try_get::<_, Option<i32>>(i)?
                .map(|v| Value::Integer(v.into())),
            Type::INT2 => r
                .try_get::<_, Option<i16>>(i)?
                .map(|v| Value::Integer(v.into())),
            Type::FLOAT8 => r.try_get::<_, Option<f64>>(i)?.map(Value::Real),
            Type::BYTEA => r.try_get::<_, Option<Vec<u8>>>(i)?.map(Value::Blob),
            _ => r.try_get::<_, Option<String>>(i)?.map(Value::Text),
        }
        .unwrap_or(Value::Null))
    }
}

/// A PostgreSQL connection with its prepared statements (one per statement text) and what its
/// errors name (the server, the role).
pub struct PgConn {
    inner: Mutex<PgInner>,
    pub target: Target,
    role: String,
    /// Bounds each round trip (`super::pg::watchdog`); none for a bare connection.
    watchdog: Option<Watchdog>,
    /// The check every write transaction on this connection runs first (`super::pg::guard`),
    /// set once at open; a connection without it takes no writer lock.
    pub guard: std::sync::OnceLock<String>,
}

struct PgInner {
    client: postgres::Client,
    stmts: HashMap<String, postgres::Statement>,
}

impl PgConn {
    /// Wraps a connection logged in as `role` on `target`.
    pub fn new(client: postgres::Client, target: Target, role: String) -> PgConn {
        PgConn {
            inner: Mutex::new(PgInner {
                client,
                stmts: HashMap::new(),
            }),
            target,
            role,
            watchdog: None,
            guard: std::sync::OnceLock::new(),
        }
    }

    /// This connection with every round trip bounded by `w` (its socket's watchdog).
    pub fn watched(mut self, w: Watchdog) -> PgConn {
        self.watchdog = Some(w);
        self
    }

    /// Arms the watchdog for one round trip that may wait `wait` for a lock.
    fn arm(&self, wait: Duration) -> Option<Armed<'_>> {
        self.watchdog.as_ref().map(|w| w.arm(wait))
    }

    fn lock(&self) -> MutexGuard<'_, PgInner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A PostgreSQL failure as the store's error, naming the server and role.
    /// A connection the watchdog cut is `pg-stalled` whatever the client library says.
    pub fn error(&self, e: &postgres::Error) -> Error {
        if self.watchdog.as_ref().is_some_and(Watchdog::fired) {
            return super::pg::watchdog::stalled(&self.target.place());
        }
        Error::from(PgError::new(e, &self.target, &self.role))
    }

    /// Runs statements without parameters (the transaction control, the session set-up).
    pub fn batch(&self, sql: &str) -> Result<()> {
        self.batch_waiting(sql, Duration::ZERO)
    }

    /// [`PgConn::batch`] for statements that may wait `wait` for a lock (the writer lock, an
    /// outbox claim): the round trip's bound is `wait` longer.
    pub fn batch_waiting(&self, sql: &str, wait: Duration) -> Result<()> {
        let mut inner = self.lock();
        let _armed = self.arm(wait);
        inner.client.batch_execute(sql).map_err(|e| self.error(&e))
    }

    fn run<T>(
        &self,
        sql: &str,
        params: &[Val<'_>],
        f: impl FnOnce(
            &mut postgres::Client,
            &postgres::Statement,
            &[&(dyn postgres::types::ToSql + Sync)],
        ) -> std::result::Result<T, postgres::Error>,
    ) -> Result<T> {
        let mut inner = self.lock();
        let inner = &mut *inner;
        let _armed = self.arm(Duration::ZERO);
        let stmt = match inner.stmts.get(sql) {
            Some(s) => s.clone(),
            None => {
                let s = inner
                    .client
                    .prepare(&dollar_placeholders(sql))
                    .map_err(|e| self.error(&e))?;
                inner.stmts.insert(sql.to_string(), s.clone());
                s
            }
        };
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = params
            .iter()
            .map(|p| p as &(dyn postgres::types::ToSql + Sync))
            .collect();
        f(&mut inner.client, &stmt, &refs).map_err(|e| self.error(&e))
    }

    fn rows(&self, sql: &str, params: &[Val<'_>]) -> Result<Vec<postgres::Row>> {
        self.run(sql, params, |c, s, p| c.query(s, p))
    }

    /// Streams the rows of `sql` to `f` until it returns false, one row in memory at a time
    /// (`query_raw`: the client reads the server's rows as they are consumed; its channel to
    /// the connection holds one message, so a whole-log scan never holds the log). The
    /// connection is busy until the stream ends: `f` must not query it.
    fn stream(
        &self,
        sql: &str,
        params: &[Val<'_>],
        mut f: impl FnMut(&postgres::Row) -> Result<bool>,
    ) -> Result<()> {
        use postgres::fallible_iterator::FallibleIterator;
        let mut inner = self.lock();
        let inner = &mut *inner;
        let armed = self.arm(Duration::ZERO);
        let stmt = match inner.stmts.get(sql) {
            Some(s) => s.clone(),
            None => {
                let s = inner
                    .client
                    .prepare(&dollar_placeholders(sql))
                    .map_err(|e| self.error(&e))?;
                inner.stmts.insert(sql.to_string(), s.clone());
                s
            }
        };
        let mut it = inner
            .client
            .query_raw(&stmt, params.iter())
            .map_err(|e| self.error(&e))?;
        drop(armed);
        // Each row is one wait for the server, bounded on its own: `f`'s work is not.
        while let Some(row) = {
            let _armed = self.arm(Duration::ZERO);
            it.next().map_err(|e| self.error(&e))?
        } {
            if !f(&row)? {
                break;
            }
        }
        Ok(())
    }
}

/// SQLite's `?N` placeholders as PostgreSQL's `$N` (outside quoted text and identifiers).
pub fn dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quote: Option<char> = None;
    for c in sql.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '?' => {
                out.push('$');
                continue;
            }
            None => {}
        }
        out.push(c);
    }
    out
}

/// `sql` with SQLite's `json_extract(detail, '$.F')` (and its `CAST(… AS TEXT)`) as
/// PostgreSQL's `(detail::jsonb ->> 'F')`, for fields that hold text (see [`Conn::json_text`]).
fn pg_json_text(sql: &str) -> String {
    let mut out = sql.to_string();
    for (open, close) in [
        ("CAST(json_extract(detail, '$.", "') AS TEXT)"),
        ("json_extract(detail, '$.", "')"),
    ] {
        while let Some(i) = out.find(open) {
            let from = i + open.len();
            let Some(len) = out[from..].find(close) else {
                break;
            };
            let field = out[from..from + len].to_string();
            out.replace_range(
                i..from + len + close.len(),
                &format!("(detail::jsonb ->> '{field}')"),
            );
        }
    }
    out
}

/// `sql` with each `?N IS NULL` as `?N::text IS NULL` (see [`Conn::text_nulls`]).
fn pg_text_nulls(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut rest = sql;
    while let Some(i) = rest.find(" IS NULL") {
        let head = &rest[..i];
        let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        out.push_str(head);
        if digits > 0 && head[..head.len() - digits].ends_with('?') {
            out.push_str("::text");
        }
        out.push_str(" IS NULL");
        rest = &rest[i + " IS NULL".len()..];
    }
    out.push_str(rest);
    out
}

impl<'a> Conn<'a> {
    /// The SQL this connection speaks.
    pub fn dialect(&self) -> Dialect {
        match self {
            Conn::Sqlite(_) => Dialect::Sqlite,
            Conn::Pg(_) => Dialect::Postgres,
        }
    }

    /// `sql` with each `?N IS NULL` typed as text for PostgreSQL (`?N::text IS NULL`), which
    /// cannot infer a parameter it first meets there; SQLite's text unchanged. Only for text
    /// parameters (the optional filters).
    pub fn text_nulls<'s>(&self, sql: &'s str) -> std::borrow::Cow<'s, str> {
        match self.dialect() {
            Dialect::Sqlite => std::borrow::Cow::Borrowed(sql),
            Dialect::Postgres => std::borrow::Cow::Owned(pg_text_nulls(sql)),
        }
    }

    /// `sql` with `json_extract(detail, '$.F')` (a text field of a record's detail) written
    /// for PostgreSQL as `(detail::jsonb ->> 'F')`; SQLite's text unchanged.
    pub fn json_text<'s>(&self, sql: &'s str) -> std::borrow::Cow<'s, str> {
        match self.dialect() {
            Dialect::Sqlite => std::borrow::Cow::Borrowed(sql),
            Dialect::Postgres => std::borrow::Cow::Owned(pg_json_text(sql)),
        }
    }

    /// The first row of `sql`, read by `f`, if any.
    pub fn row<T>(
        &self,
        sql: &str,
        params: &[Val<'_>],
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        match self {
            Conn::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
                match rows.next()? {
                    Some(r) => Ok(Some(f(&Row::Sqlite(r))?)),
                    None => Ok(None),
                }
            }
            Conn::Pg(p) => match p.rows(sql, params)?.first() {
                Some(r) => Ok(Some(f(&Row::Pg(r))?)),
                None => Ok(None),
            },
        }
    }

    /// Every row of `sql`, each read by `f`.
    pub fn rows<T>(
        &self,
        sql: &str,
        params: &[Val<'_>],
        mut f: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        match self {
            Conn::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
                let mut out = Vec::new();
                while let Some(r) = rows.next()? {
                    out.push(f(&Row::Sqlite(r))?);
                }
                Ok(out)
            }
            Conn::Pg(p) => p
                .rows(sql, params)?
                .iter()
                .map(|r| f(&Row::Pg(r)))
                .collect(),
        }
    }

    /// Calls `f` with each row of `sql` in turn until it returns false, streaming (bounded
    /// memory on both backends: SQLite steps its statement, PostgreSQL streams the result,
    /// see [`PgConn`]'s `stream`). `f` must not query this connection.
    pub fn each(
        &self,
        sql: &str,
        params: &[Val<'_>],
        mut f: impl FnMut(&Row<'_>) -> Result<bool>,
    ) -> Result<()> {
        match self {
            Conn::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
                while let Some(r) = rows.next()? {
                    if !f(&Row::Sqlite(r))? {
                        break;
                    }
                }
                Ok(())
            }
            Conn::Pg(p) => p.stream(sql, params, |r| f(&Row::Pg(r))),
        }
    }

    /// Runs one statement; returns the number of rows it changed.
    pub fn execute(&self, sql: &str, params: &[Val<'_>]) -> Result<usize> {
        match self {
            Conn::Sqlite(c) => Ok(c
                .prepare_cached(sql)?
                .execute(rusqlite::params_from_iter(params))?),
            Conn::Pg(p) => Ok(p.run(sql, params, |c, s, v| c.execute(s, v))? as usize),
        }
    }

    /// Runs one UPDATE of a decision row by its primary key, which must change exactly one
    /// row (`what` names it, e.g. "customer DEMO-1001"): a row the step has just read that the
    /// update does not reach (hidden by a row-level policy, say, or an `INSTEAD OF` trigger
    /// that does nothing) fails the step with exit 6 `row-not-changed`, so nothing is recorded.
    pub fn execute_one(&self, sql: &str, params: &[Val<'_>], what: &str) -> Result<()> {
        match self.execute(sql, params)? {
            1 => Ok(()),
            n => Err(not_one_row(n, what)),
        }
    }

    /// Inserts one row and returns its `id`: `sql` without a `RETURNING`, which PostgreSQL is
    /// given (`RETURNING id`) and SQLite answers with `last_insert_rowid()`.
    pub fn insert_id(&self, sql: &str, params: &[Val<'_>]) -> Result<i64> {
        match self {
            Conn::Sqlite(c) => {
                c.prepare_cached(sql)?
                    .execute(rusqlite::params_from_iter(params))?;
                Ok(c.last_insert_rowid())
            }
            Conn::Pg(_) => {
                let sql = format!("{sql} RETURNING id");
                self.row(&sql, params, |r| r.get(0))?
                    .ok_or_else(|| Error::internal("an insert returned no id"))
            }
        }
    }
}

/// Exit 6 `row-not-changed`: an update of `what` changed `n` rows, not one.
pub fn not_one_row(n: usize, what: &str) -> Error {
    Error::new(
        crate::error::Kind::Integrity,
        "row-not-changed",
        format!(
            "the update of {} changed {n} rows, not the one it was read from: something in the \
             database stands between cpni and its table, so the step was not recorded; nothing \
             was changed",
            crate::ui::term::safe(what)
        ),
    )
    .hint("treat the database as evidence: copy it before anything else, then look for row-level security, views or triggers on the table")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_parameter_tested_for_null_is_typed_as_text_and_only_on_postgresql() {
        let sql = "SELECT 1 WHERE (?1 IS NULL OR a = ?1) AND b IS NULL AND (?12 IS NULL)";
        let lite = rusqlite::Connection::open_in_memory().unwrap();
        assert_eq!(Conn::Sqlite(&lite).text_nulls(sql), sql);
        assert_eq!(
            pg_text_nulls(sql),
            "SELECT 1 WHERE (?1::text IS NULL OR a = ?1) AND b IS NULL AND (?12::text IS NULL)"
        );
    }

    #[test]
    fn a_text_field_of_the_detail_is_read_with_the_jsonb_operator_on_postgresql() {
        assert_eq!(
            pg_json_text(
                "SELECT COALESCE(json_extract(detail, '$.change'), event), \
                 CAST(json_extract(detail, '$.reason') AS TEXT) FROM audit"
            ),
            "SELECT COALESCE((detail::jsonb ->> 'change'), event), \
             (detail::jsonb ->> 'reason') FROM audit"
        );
    }

    #[test]
    fn question_placeholders_become_dollar_ones_outside_quotes() {
        assert_eq!(
            dollar_placeholders("SELECT '?1', \"a?\" FROM t WHERE a = ?1 AND b = ?12"),
            "SELECT '?1', \"a?\" FROM t WHERE a = $1 AND b = $12"
        );
    }
}
