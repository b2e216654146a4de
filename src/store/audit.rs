//! SQL for the audit table: the chain head, the insert, filtered listing and streaming scans
//! (whole, by filter, or by range of `seq` on a second snapshot reader);
//! the signed proofs beside it in [`proofs`], the decision-table cross-checks in [`crosscheck`],
//! the row digests and seals (and the chain append that carries them) in [`rowdigest`], the
//! signed head in [`head`], the verify scan's column reads in `rawscan` (SQLite; on PostgreSQL
//! the scans are one ordered row stream, `stream`, and the trigger check is `pg::triggers`).
//! The hashing, digests and checks themselves are `crate::audit`'s pure functions, which these
//! hand the rows to.

pub mod crosscheck;
pub mod head;
mod prehook;
pub mod proofs;
mod rawscan;
pub mod report;
pub mod rowdigest;

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use crate::audit::Record;
use crate::audit::verify::RowRef;
use crate::error::Result;
use crate::store::sql::{Conn, Dialect, Val, vals};
use crate::store::{Read, Write};

/// The last record's sequence number and hash, if any.
fn head(conn: Conn<'_>) -> Result<Option<(i64, Vec<u8>)>> {
    conn.row(
        "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
        &[],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

fn insert(conn: Conn<'_>, r: &Record) -> Result<()> {
    conn.execute(
        "INSERT INTO audit (seq, at, actor, on_behalf_of, account, session, event, detail, \
         prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        vals![
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
        ],
    )?;
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
    /// Only records after this sequence number (exports and scans only).
    pub after_seq: Option<i64>,
}

impl Read<'_> {
    /// Records matching `f`, newest last. With a limit, the newest `limit` records.
    pub fn audit_list(&self, f: &Filter) -> Result<Vec<Record>> {
        let sql = "SELECT seq, at, actor, on_behalf_of, account, session, event, detail, prev_hash, hash \
             FROM audit WHERE (?1 IS NULL OR account = ?1) AND (?2 IS NULL OR actor = ?2 OR on_behalf_of = ?2) \
             AND (?3 IS NULL OR session = ?3) AND (?4 IS NULL OR event = ?4) \
             AND (?5 IS NULL OR at >= ?5) AND (?6 IS NULL OR at < ?6) \
             ORDER BY seq DESC LIMIT ?7";
        // SQLite's "no limit" is -1, PostgreSQL's NULL; PostgreSQL needs the type of a
        // parameter it first meets in `IS NULL`.
        let (limit, sql) = match self.sql.dialect() {
            Dialect::Sqlite => (Some(f.limit.unwrap_or(-1)), sql.to_string()),
            Dialect::Postgres => (f.limit, self.sql.text_nulls(sql).into_owned()),
        };
        let mut out = self.sql.rows(
            &sql,
            vals![
                f.account, f.actor, f.session, f.event, f.since, f.until, limit
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
        out.reverse();
        Ok(out)
    }

    /// The first record after `after` that a purge before `before` must keep: one at or after
    /// `before`, or one about a breach that is open or was closed at or after `breach_floor`: its
    /// account or session is linked to the breach, or it is one of the breach's own `breach.*`
    /// records. (seq, at, the breach id if that is the reason).
    pub fn first_kept(
        &self,
        after: i64,
        before: &str,
        breach_floor: &str,
    ) -> Result<Option<(i64, String, Option<i64>)>> {
        let sql = "WITH hot AS (SELECT id FROM breach WHERE closed_at IS NULL OR closed_at >= ?3),          accts AS (SELECT account, min(breach) AS breach FROM breach_account                    WHERE breach IN (SELECT id FROM hot) GROUP BY account),          sess AS (SELECT session, min(breach) AS breach FROM breach_link                   WHERE breach IN (SELECT id FROM hot) GROUP BY session)          SELECT a.seq, a.at, coalesce(ac.breach, se.breach, hb.id) FROM audit a          LEFT JOIN accts ac ON a.account <> '' AND ac.account = a.account          LEFT JOIN sess se ON a.session <> '' AND se.session = a.session          LEFT JOIN hot hb ON a.event LIKE 'breach.%' AND hb.id = json_extract(a.detail, '$.breach')          WHERE a.seq > ?1 AND (a.at >= ?2 OR ac.breach IS NOT NULL OR se.breach IS NOT NULL              OR hb.id IS NOT NULL)          ORDER BY a.seq LIMIT 1";
        let sql = match self.sql.dialect() {
            Dialect::Sqlite => std::borrow::Cow::Borrowed(sql),
            Dialect::Postgres => std::borrow::Cow::Owned(sql.replace(
                "hb.id = json_extract(a.detail, '$.breach')",
                "hb.id::text = (a.detail::jsonb ->> 'breach')",
            )),
        };
        self.sql.row(&sql, vals![after, before, breach_floor], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
    }

    /// The hash of record `seq`, if present.
    pub fn audit_hash_of(&self, seq: i64) -> Result<Option<Vec<u8>>> {
        self.sql
            .row("SELECT hash FROM audit WHERE seq = ?1", vals![seq], |r| {
                r.get(0)
            })
    }

    /// The append-only triggers that are missing from the schema or whose SQL is not exactly (up to
    /// whitespace) what the migrations create: a trigger re-created with a `WHEN 0`, on another
    /// table or with another body is "altered".
    pub fn missing_triggers(&self) -> Result<Vec<String>> {
        let (have, want) = match self.sql {
            Conn::Sqlite(c) => (triggers(c)?, expected_triggers()?),
            Conn::Pg(_) => (
                crate::store::pg::triggers::present(self.sql)?,
                crate::store::pg::triggers::expected(),
            ),
        };
        let mut out = Vec::new();
        for (name, sql_wanted) in &want {
            match have.iter().find(|(n, _)| n == name) {
                None => out.push(name.clone()),
                Some((_, sql)) if sql != sql_wanted => out.push(format!("{name} (altered)")),
                Some(_) => {}
            }
        }
        for (name, _) in &have {
            if !want.iter().any(|(n, _)| n == name) {
                out.push(format!("{name} (not cpni's)"));
            }
        }
        Ok(out)
    }

    /// The sequence number of the record whose hash is `hash` (a slow scan; for diagnostics).
    pub fn audit_seq_of_hash(&self, hash: &[u8]) -> Result<Option<i64>> {
        self.sql.row(
            "SELECT seq FROM audit WHERE hash = ?1 LIMIT 1",
            vals![hash],
            |r| r.get(0),
        )
    }

    /// The number of records matching `f`.
    pub fn audit_count(&self, f: &Filter) -> Result<u64> {
        let (w, p) = where_clause(f);
        let params: Vec<Val<'_>> = p.iter().map(Val::from).collect();
        let n: i64 = self
            .sql
            .row(&format!("SELECT count(*) FROM audit{w}"), &params, |r| {
                r.get(0)
            })?
            .unwrap_or(0);
        Ok(n.max(0) as u64)
    }

    /// Calls `each` with every record matching `f`, in `seq` order, as borrowed bytes (no
    /// allocation per row). `each` returns false to stop early.
    pub fn scan_audit(
        &self,
        f: &Filter,
        each: impl FnMut(&RowRef<'_>) -> Result<bool>,
    ) -> Result<()> {
        let (w, p) = where_clause(f);
        match self.sql {
            Conn::Sqlite(c) => walk(c, &w, rusqlite::params_from_iter(p.iter()), each),
            Conn::Pg(_) => {
                let params: Vec<Val<'_>> = p.iter().map(Val::from).collect();
                stream(self.sql, &select_all(&w), &params, each)
            }
        }
    }

    /// [`Read::scan_audit`] over the records with `after < seq <= through` (`None`: unbounded on that side),
    /// for verifying the log in parts at once ([`crate::audit::split`]).
    pub fn scan_audit_range(
        &self,
        after: Option<i64>,
        through: Option<i64>,
        each: impl FnMut(&RowRef<'_>) -> Result<bool>,
    ) -> Result<()> {
        // Only the bounds given, so SQLite seeks the rowid range (an open side reads to the end).
        let terms: Vec<String> = [
            after.map(|a| format!("seq > {a}")),
            through.map(|t| format!("seq <= {t}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        let w = if terms.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", terms.join(" AND "))
        };
        let Conn::Sqlite(c) = self.sql else {
            return stream(self.sql, &select_all(&w), &[], each);
        };
        // Through the memory map as in [`walk`], with the column reads of [`rawscan`].
        c.pragma_update(None, "mmap_size", SCAN_MMAP_BYTES)?;
        rawscan::walk(c, &select_all(&w), each)
    }
}

impl Write<'_> {
    /// Deletes the records up to `seq` (the triggers allow it only up to the latest base).
    pub fn delete_audit_through(&self, seq: i64) -> Result<usize> {
        self.sql
            .execute("DELETE FROM audit WHERE seq <= ?1", vals![seq])
    }
}

/// The record the log starts after: the last record removed by the latest purge (its seq and
/// hash, from `audit_base`), or (0, 32 zero bytes) when nothing was ever purged.
fn base(conn: Conn<'_>) -> Result<(i64, Vec<u8>)> {
    let row = conn.row(
        "SELECT seq, hash FROM audit_base ORDER BY seq DESC LIMIT 1",
        &[],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(row.unwrap_or((0, crate::audit::chain::GENESIS.to_vec())))
}

/// The append-only triggers as the migrations create them: (name, SQL with whitespace
/// normalised), read from a scratch in-memory database the migrations are applied to, so the
/// migrations stay the one list of what `audit verify` expects.
fn expected_triggers() -> Result<Vec<(String, String)>> {
    let conn = Connection::open_in_memory()?;
    for sql in crate::store::migrate::MIGRATIONS {
        conn.execute_batch(sql)?;
    }
    triggers(&conn)
}

fn triggers(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt =
        conn.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")?;
    let rows = stmt.query_map([], |r| {
        let sql: Option<String> = r.get(1)?;
        Ok((r.get(0)?, normalise(&sql.unwrap_or_default())))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whitespace runs as one space, none at the ends.
fn normalise(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The names of triggers in the database that cpni's schema does not have (`schema.sql`, which
/// a test proves equal to the migrations). A trigger of someone else's can change rows behind
/// every step (for example mark each new session verified), and cpni would then record and
/// sign its effects; so no command runs on such a database ([`crate::store::Db::open`]).
/// Cheap: the names come from the schema SQLite has already read.
pub fn unknown_triggers(conn: &Connection) -> Result<Vec<String>> {
    const SCHEMA: &str = include_str!("../../schema.sql");
    let known: Vec<&str> = SCHEMA
        .split("CREATE TRIGGER ")
        .skip(1)
        .filter_map(|rest| rest.split_whitespace().next())
        .collect();
    let mut stmt = conn.prepare_cached("SELECT name FROM sqlite_master WHERE type = 'trigger'")?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for name in names {
        let name = name?;
        if !known.contains(&name.as_str()) {
            out.push(name);
        }
    }
    Ok(out)
}

/// The WHERE clause and its parameters for `f` (only the filters given, so SQLite can use the
/// (actor, at) and (account, at) indexes).
fn where_clause(f: &Filter) -> (String, Vec<String>) {
    let mut terms: Vec<String> = Vec::new();
    let mut params = Vec::new();
    let after = f.after_seq.map(|s| s.to_string());
    let filters: [(&str, &Option<String>); 7] = [
        ("seq > CAST(?N AS BIGINT)", &after),
        ("account = ?N", &f.account),
        // The `<> ''` term lets a partial index on (on_behalf_of, at) serve this branch.
        (
            "(actor = ?N OR (on_behalf_of = ?N AND on_behalf_of <> ''))",
            &f.actor,
        ),
        ("session = ?N", &f.session),
        ("event = ?N", &f.event),
        ("at >= ?N", &f.since),
        ("at < ?N", &f.until),
    ];
    for (term, value) in filters {
        if let Some(v) = value {
            params.push(v.clone());
            terms.push(term.replace("?N", &format!("?{}", params.len())));
        }
    }
    if terms.is_empty() {
        (String::new(), params)
    } else {
        (format!(" WHERE {}", terms.join(" AND ")), params)
    }
}

/// Whether `f` selects every record.
pub fn is_unfiltered(f: &Filter) -> bool {
    where_clause(f).1.is_empty()
}

/// How much of the database file a scan maps (SQLite caps it at its compile-time maximum).
const SCAN_MMAP_BYTES: i64 = 1 << 32;

/// The ends of a snapshot of the log: the purge base (seq, hash) and the head, if any.
pub type Ends = ((i64, Vec<u8>), Option<(i64, Vec<u8>)>);

/// A second, read-only connection to the database at `path` holding a read snapshot, for a
/// scan on another thread: `None` when it cannot be opened or its snapshot does not end at
/// `ends` (the purge base and head of the caller's snapshot: a record was appended or purged
/// in between), so the caller falls back to one scan of its own snapshot.
pub fn second_reader(path: &std::path::Path, ends: &Ends) -> Option<super::Reader> {
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    conn.busy_timeout(std::time::Duration::from_secs(5)).ok()?;
    // Held until the connection closes: every later statement reads the same snapshot.
    conn.execute_batch("BEGIN").ok()?;
    let mine = (
        base(Conn::Sqlite(&conn)).ok()?,
        head(Conn::Sqlite(&conn)).ok()?,
    );
    (&mine == ends).then_some(super::Reader { conn })
}

fn walk(
    conn: &Connection,
    w: &str,
    params: impl rusqlite::Params,
    mut each: impl FnMut(&RowRef<'_>) -> Result<bool>,
) -> Result<()> {
    // A whole-log scan reads the database file through a memory map: SQLite then hands out
    // pointers into the mapped pages instead of copying each page into its cache.
    conn.pragma_update(None, "mmap_size", SCAN_MMAP_BYTES)?;
    let mut stmt = conn.prepare(&select_all(w))?;
    let mut rows = stmt.query(params)?;
    while let Some(r) = rows.next()? {
        let seq = match r.get_ref(0)? {
            ValueRef::Integer(i) => i,
            _ => -1,
        };
        let b = |i: usize| -> Result<&[u8]> { Ok(bytes(r.get_ref(i)?)) };
        let row = RowRef {
            seq,
            fields: [b(1)?, b(2)?, b(3)?, b(4)?, b(5)?, b(6)?, b(7)?],
            prev_hash: b(8)?,
            hash: b(9)?,
        };
        if !each(&row)? {
            break;
        }
    }
    Ok(())
}

/// [`walk`] on any backend through the executor's row stream ([`Conn::each`]): PostgreSQL's
/// scans (bounded memory, one row at a time).
fn stream(
    conn: Conn<'_>,
    sql: &str,
    params: &[Val<'_>],
    mut each: impl FnMut(&RowRef<'_>) -> Result<bool>,
) -> Result<()> {
    conn.each(sql, params, |r| {
        let seq = r.get::<Option<i64>>(0)?.unwrap_or(-1);
        let row = RowRef {
            seq,
            fields: [
                r.bytes(1)?,
                r.bytes(2)?,
                r.bytes(3)?,
                r.bytes(4)?,
                r.bytes(5)?,
                r.bytes(6)?,
                r.bytes(7)?,
            ],
            prev_hash: r.bytes(8)?,
            hash: r.bytes(9)?,
        };
        each(&row)
    })
}

/// Every record's columns (`seq`, the canonical fields, the hashes) matching `w`, in `seq` order.
fn select_all(w: &str) -> String {
    format!(
        "SELECT seq, at, actor, on_behalf_of, account, session, event, detail, prev_hash, hash \
         FROM audit{w} ORDER BY seq"
    )
}

fn bytes(v: ValueRef<'_>) -> &[u8] {
    match v {
        ValueRef::Text(b) | ValueRef::Blob(b) => b,
        _ => &[],
    }
}

/// Appends `event` exactly as given (no row digests: [`rowdigest::append`] adds them) as the
/// record after the newest one, or after the purge base of an empty log.
pub fn append_exact(
    conn: Conn<'_>,
    actor: &crate::audit::Actor,
    at: time::OffsetDateTime,
    event: crate::audit::Event,
) -> Result<Record> {
    let last = match head(conn)? {
        Some(h) => h,
        None => base(conn)?,
    };
    let record = crate::audit::next_record(last, actor, at, event);
    insert(conn, &record)?;
    Ok(record)
}

impl Write<'_> {
    /// Appends `event` exactly as given (no row digests: [`Write::append`] adds them) as the
    /// record after the newest one, or after the purge base of an empty log.
    pub fn append_exact(
        &self,
        actor: &crate::audit::Actor,
        at: time::OffsetDateTime,
        event: crate::audit::Event,
    ) -> Result<Record> {
        append_exact(self.sql, actor, at, event)
    }
}

/// The chain's head, base and cross-check as methods of the typed handles; the free functions
/// they delegate to are the writer's own bookkeeping (the step's head seal, the upgrade).
impl Read<'_> {
    /// The newest record's (seq, hash), if any ([`head`]).
    pub fn audit_head(&self) -> Result<Option<(i64, Vec<u8>)>> {
        head(self.sql)
    }

    /// The purge base (seq, hash) ([`base`]).
    pub fn audit_base(&self) -> Result<(i64, Vec<u8>)> {
        base(self.sql)
    }

    /// The records' cross-check against the tables they describe ([`crosscheck::check`]).
    pub fn crosscheck(
        &self,
        collected: crate::audit::crosscheck::Collector,
        purged: &crate::audit::crosscheck::Purged,
    ) -> Result<Vec<crate::audit::crosscheck::Mismatch>> {
        crosscheck::check(self.sql, collected, purged)
    }

    /// The rows without a record among those `collected` ([`crosscheck::unrecorded`]).
    pub fn unrecorded(
        &self,
        collected: crate::audit::crosscheck::Collector,
    ) -> Result<crate::audit::crosscheck::Unrecorded> {
        crosscheck::unrecorded(self.sql, collected)
    }

    /// The signed head row ([`head::get`]).
    pub fn signed_head(&self) -> Result<Option<crate::audit::head::Head>> {
        head::get(self.sql)
    }

    /// The newest record's (seq, hash, at) ([`head::newest`]).
    pub fn newest_record(&self) -> Result<head::Newest> {
        head::newest(self.sql)
    }
}
