//! SQL for cross-checking the tables decisions are read from against the audit chain: the
//! one place that maps each table to the audit kinds that create or change its rows.
//!
//! `audit verify` copies the records of these kinds (seen during its chain scan) into the
//! temporary table `xref`, then for each [`Link`] compares the keys of the table's rows with
//! the keys derived from the records: a row without its record or a record without its row is
//! a failure naming both sides. Keys use stable things only (row ids, accounts, logins, the
//! transaction time both sides share, the audit kind), never every column, so columns added by
//! later migrations do not disturb them. Values are covered by [`DIGESTS`], the per-table
//! lists of decision columns whose digests the records carry (`crate::audit::rowdigest`). To
//! cover a new table, add a [`Link`] here (and its kinds to `crate::audit::crosscheck::KINDS`)
//! and a `crate::audit::digests::RowSpec`. [`check`] runs the queries and hands their rows to
//! the pure comparisons of `crate::audit::crosscheck` ([`Checker`]). The links are written in
//! SQLite's SQL; on PostgreSQL [`pg_sql`] rewrites their JSON reads and `xref` is the
//! connection's own temporary table, filled 500 records per insert.

use rusqlite::Connection;

use crate::audit::crosscheck::{Checker, Collector, Match, Mismatch, Purged, Unrecorded};
use crate::audit::rowdigest::DIGESTS;
use crate::error::Result;
use crate::store::sql::{Conn, Dialect, PgConn, Val};

/// One table and the records that must match its rows.
pub struct Link {
    pub table: &'static str,
    /// The audit kinds that create (or set the state of) its rows, for messages.
    pub kinds: &'static str,
    /// (row name, key, time): every row; time is when it was recorded (for a purge made
    /// before purges listed their rows: rows at or before the oldest kept record may have lost
    /// their record).
    pub rows: &'static str,
    /// (seq, key): what the records in `xref` say the rows must be.
    pub records: &'static str,
    pub mode: Match,
}

/// The table -> audit kind mapping.
pub const LINKS: &[Link] = &[
    Link {
        table: "consent",
        kinds: "consent.notice, consent.record",
        rows: "SELECT 'consent row ' || id, account || '|' || kind || '|' || recorded_at, \
               recorded_at FROM consent",
        records: "SELECT seq, account || '|' || CASE event WHEN 'consent.notice' THEN 'notice' \
                  ELSE json_extract(detail, '$.choice') END || '|' || at FROM xref \
                  WHERE event IN ('consent.notice', 'consent.record')",
        mode: Match::OneToOne,
    },
    Link {
        table: "complaint",
        kinds: "complaint.add",
        rows: "SELECT 'complaint ' || id, id || '|' || account || '|' || received_at, \
               received_at FROM complaint",
        records: "SELECT seq, json_extract(detail, '$.complaint') || '|' || account || '|' || at \
                  FROM xref WHERE event = 'complaint.add'",
        mode: Match::OneToOne,
    },
    Link {
        table: "breach",
        kinds: "breach.open",
        rows: "SELECT 'breach ' || id, id || '|' || opened_at, opened_at FROM breach",
        records: "SELECT seq, json_extract(detail, '$.breach') || '|' || at FROM xref \
                  WHERE event = 'breach.open'",
        mode: Match::OneToOne,
    },
    Link {
        table: "breach_hold",
        kinds: "breach.hold",
        rows: "SELECT 'breach hold ' || id, breach || '|' || until_on || '|' || recorded_at, \
               recorded_at FROM breach_hold",
        records: "SELECT seq, json_extract(detail, '$.breach') || '|' || \
                  json_extract(detail, '$.until') || '|' || at FROM xref \
                  WHERE event = 'breach.hold'",
        mode: Match::OneToOne,
    },
    Link {
        table: "breach_notice",
        kinds: "breach.notice",
        rows: "SELECT 'breach notice ' || id, breach || '|' || party || '|' || recorded_at, \
               recorded_at FROM breach_notice",
        records: "SELECT seq, json_extract(detail, '$.breach') || '|' || \
                  json_extract(detail, '$.to') || '|' || at FROM xref \
                  WHERE event = 'breach.notice'",
        mode: Match::OneToOne,
    },
    Link {
        table: "breach_link",
        kinds: "breach.link",
        rows: "SELECT 'breach link ' || breach || '/' || session, \
               breach || '|' || session || '|' || recorded_at, recorded_at FROM breach_link",
        records: "SELECT seq, json_extract(detail, '$.breach') || '|' || session || '|' || at \
                  FROM xref WHERE event = 'breach.link'",
        mode: Match::OneToOne,
    },
    Link {
        table: "breach_account",
        kinds: "breach.open (accounts), breach.link",
        rows: "SELECT 'breach account ' || breach || '/' || account, breach || '|' || account, \
               (SELECT opened_at FROM breach b WHERE b.id = breach) FROM breach_account",
        records: "SELECT x.seq, json_extract(x.detail, '$.breach') || '|' || j.value \
                  FROM xref x, json_each(x.detail, '$.accounts') j WHERE x.event = 'breach.open' \
                  UNION ALL SELECT seq, json_extract(detail, '$.breach') || '|' || account \
                  FROM xref WHERE event = 'breach.link'",
        mode: Match::Set,
    },
    Link {
        table: "agent",
        kinds: "agent.add, agent.role, agent.disable, agent.enable",
        rows: "SELECT 'agent ' || login, login || '|' || role || '|' || active || '|' || created_at, \
               created_at FROM agent",
        // Each login's first `agent.add`, with the role of its latest add/role and the state
        // of its latest add/disable/enable: the seqs of those records by window over the
        // login, then one group per login (no lookup or join per agent).
        records: "WITH ev AS (SELECT seq, at, event, detail, json_extract(detail, '$.login') AS login \
                  FROM xref WHERE event GLOB 'agent.*'), \
                  w AS (SELECT *, min(CASE WHEN event = 'agent.add' THEN seq END) OVER p AS fs, \
                   max(CASE WHEN event IN ('agent.add', 'agent.role') THEN seq END) OVER p AS rs, \
                   max(CASE WHEN event IN ('agent.add', 'agent.disable', 'agent.enable') \
                   THEN seq END) OVER p AS ss \
                   FROM ev WHERE login IS NOT NULL WINDOW p AS (PARTITION BY login)) \
                  SELECT fs, login || '|' || max(CASE WHEN seq = rs THEN CASE event \
                   WHEN 'agent.add' THEN json_extract(detail, '$.role') \
                   ELSE json_extract(detail, '$.to') END END) || '|' || \
                  max(CASE WHEN seq = ss THEN CASE event WHEN 'agent.disable' THEN 0 ELSE 1 END END) \
                  || '|' || max(CASE WHEN seq = fs THEN at END) \
                  FROM w WHERE fs IS NOT NULL GROUP BY login",
        mode: Match::OneToOne,
    },
    Link {
        table: "customer",
        kinds: "customer.add, customer.change (email, phone, address)",
        rows: "SELECT 'customer ' || account, account || '|' || phone_since || '|' || email_since \
               || '|' || postal_since, created_at FROM customer",
        // Each `customer.add`, with the time of the latest change of each contact of its
        // account if any (row_number: one sort, not a lookup per customer).
        records: "WITH ch AS (SELECT account, at, json_extract(detail, '$.change') AS what, \
                   row_number() OVER (PARTITION BY account, json_extract(detail, '$.change') \
                   ORDER BY seq DESC) AS n FROM xref WHERE event = 'customer.change'), \
                  l AS (SELECT account, max(CASE what WHEN 'phone' THEN at END) AS phone, \
                   max(CASE what WHEN 'email' THEN at END) AS email, \
                   max(CASE what WHEN 'address' THEN at END) AS postal \
                   FROM ch WHERE n = 1 GROUP BY account) \
                  SELECT a.seq, a.account || '|' || \
                  coalesce(l.phone, json_extract(a.detail, '$.phone_since')) || '|' || \
                  coalesce(l.email, json_extract(a.detail, '$.email_since')) || '|' || \
                  coalesce(l.postal, json_extract(a.detail, '$.postal_since')) \
                  FROM xref a LEFT JOIN l ON l.account = a.account \
                  WHERE a.event = 'customer.add' ORDER BY a.seq",
        mode: Match::OneToOne,
    },
    Link {
        // Replaced contacts decide where a callback may go and who hears of a change: each
        // row is the `customer.change` (phone, email, address) that replaced the value.
        table: "contact_history",
        kinds: "customer.change (phone, email, address)",
        rows: "SELECT 'contact history ' || id, account || '|' || kind || '|' || since || '|' || \
               until, until FROM contact_history",
        records: "SELECT seq, account || '|' || CASE json_extract(detail, '$.change') \
                  WHEN 'address' THEN 'postal' ELSE json_extract(detail, '$.change') END || '|' || \
                  coalesce(json_extract(detail, '$.replaced_since'), '?') || '|' || at FROM xref \
                  WHERE event = 'customer.change' \
                  AND json_extract(detail, '$.change') IN ('phone', 'email', 'address')",
        mode: Match::OneToOne,
    },
    Link {
        table: "audit_checkpoint",
        kinds: "audit.checkpoint (stored)",
        rows: "SELECT 'stored checkpoint ' || seq, seq || '', NULL FROM audit_checkpoint \
               WHERE seq > (SELECT coalesce(max(seq), 0) FROM audit_base)",
        records: "SELECT seq, seq || '' FROM xref WHERE event = 'audit.checkpoint' \
                  AND json_extract(detail, '$.stored') = 1",
        mode: Match::OneToOne,
    },
    Link {
        table: "audit_manifest",
        kinds: "audit.export",
        rows: "SELECT 'export manifest ' || seq, seq || '', NULL FROM audit_manifest \
               WHERE seq > (SELECT coalesce(max(seq), 0) FROM audit_base)",
        records: "SELECT seq, seq || '' FROM xref WHERE event = 'audit.export'",
        mode: Match::RowsNeedRecords,
    },
];

/// Creates (or empties) the temporary table the collected records go into. Its index on
/// (event, seq) lets each link read only its own kinds, so verify stays linear in the records.
pub fn prepare(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS xref (seq INTEGER PRIMARY KEY, at TEXT, account TEXT, \
         session TEXT, event TEXT, detail TEXT); \
         CREATE INDEX IF NOT EXISTS temp.xref_event ON xref (event, seq); \
         DELETE FROM temp.xref;",
    )?;
    Ok(())
}

/// [`prepare`] on PostgreSQL: the connection's own temporary table (dropped with the
/// transaction, which is the verify's snapshot, rolled back at its end).
fn prepare_pg(pg: &PgConn) -> Result<()> {
    pg.batch(
        "CREATE TEMP TABLE IF NOT EXISTS xref (seq bigint PRIMARY KEY, at text, account text, \
         session text, event text, detail text); \
         CREATE INDEX IF NOT EXISTS xref_event ON pg_temp.xref (event, seq); \
         TRUNCATE pg_temp.xref",
    )
}

/// A collected record: (seq, at, account, session, event, detail).
pub type Record<'a> = (i64, &'a str, &'a str, &'a str, &'a str, &'a str);

/// Adds the collected records, in one savepoint (one temp-table commit, not one per record).
pub fn add_all<'a>(conn: &Connection, all: impl IntoIterator<Item = Record<'a>>) -> Result<()> {
    conn.execute_batch("SAVEPOINT xref_fill")?;
    let done = (|| -> Result<()> {
        let mut stmt = conn.prepare_cached(
            "INSERT OR REPLACE INTO temp.xref (seq, at, account, session, event, detail) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for r in all {
            stmt.execute(rusqlite::params![r.0, r.1, r.2, r.3, r.4, r.5])?;
        }
        Ok(())
    })();
    if done.is_err() {
        let _ = conn.execute_batch("ROLLBACK TO xref_fill");
    }
    conn.execute_batch("RELEASE xref_fill")?;
    done
}

/// How many records one PostgreSQL insert into `xref` carries (6 parameters each).
const PG_BATCH: usize = 500;

/// [`add_all`] on PostgreSQL, [`PG_BATCH`] records per statement (a record seen twice keeps
/// the last, as SQLite's `INSERT OR REPLACE` does).
fn add_all_pg<'a>(conn: Conn<'_>, all: impl IntoIterator<Item = Record<'a>>) -> Result<()> {
    let mut batch: Vec<Record<'a>> = Vec::with_capacity(PG_BATCH);
    let flush = |batch: &mut Vec<Record<'a>>| -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        // One seq once per statement (ON CONFLICT cannot touch a row twice).
        batch.reverse();
        let mut seen = std::collections::HashSet::new();
        batch.retain(|r| seen.insert(r.0));
        let values: Vec<String> = (0..batch.len())
            .map(|i| {
                let b = i * 6;
                format!(
                    "(?{}, ?{}, ?{}, ?{}, ?{}, ?{})",
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5,
                    b + 6
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO pg_temp.xref (seq, at, account, session, event, detail) VALUES {} \
             ON CONFLICT (seq) DO UPDATE SET at = excluded.at, account = excluded.account, \
             session = excluded.session, event = excluded.event, detail = excluded.detail",
            values.join(", ")
        );
        let params: Vec<Val<'_>> = batch
            .iter()
            .flat_map(|r| {
                [
                    Val::Int(r.0),
                    Val::Text(r.1),
                    Val::Text(r.2),
                    Val::Text(r.3),
                    Val::Text(r.4),
                    Val::Text(r.5),
                ]
            })
            .collect();
        conn.execute(&sql, &params)?;
        batch.clear();
        Ok(())
    };
    for r in all {
        batch.push(r);
        if batch.len() == PG_BATCH {
            flush(&mut batch)?;
        }
    }
    flush(&mut batch)
}

/// Compares every linked table, and every digested table's rows, with the records `collected`
/// during the chain scan; `purged` says which rows may lack their records.
pub fn check(conn: Conn<'_>, collected: Collector, purged: &Purged) -> Result<Vec<Mismatch>> {
    Ok(compared(conn, collected, purged.clone())?.finish())
}

/// The rows without a record among those `collected` (sorted names, and the current digests
/// of those of digested tables): run over the records a purge keeps, the rows that lose their
/// records to it (its `audit.purge` record names them and carries their digests).
pub fn unrecorded(conn: Conn<'_>, collected: Collector) -> Result<Unrecorded> {
    Ok(compared(conn, collected, Purged::Never)?.into_unrecorded())
}

fn compared(conn: Conn<'_>, collected: Collector, purged: Purged) -> Result<Checker> {
    match conn {
        Conn::Sqlite(c) => {
            prepare(c)?;
            add_all(c, collected.kept())?;
        }
        Conn::Pg(pg) => {
            prepare_pg(pg)?;
            add_all_pg(conn, collected.kept())?;
        }
    }
    let mut checker = Checker::new(collected, purged);
    for link in LINKS {
        checker.link(
            link.table,
            link.kinds,
            link.mode,
            rows(conn, link)?,
            records(conn, link)?,
        );
    }
    for spec in DIGESTS {
        checker.digests(spec, super::rowdigest::all(conn, spec)?);
    }
    Ok(checker)
}

/// `sql` (a link's query, written for SQLite) as PostgreSQL's: `json_extract(X, '$.f')` as
/// `(X::jsonb ->> 'f')` (a JSON `true` then reads `'true'`, so `= 1` tests become
/// `IN ('1', 'true')`), `json_each` as `jsonb_array_elements_text`, `GLOB 'p*'` as
/// `LIKE 'p%'`, and the agent query's bare column as an aggregate.
pub fn pg_sql(sql: &str) -> String {
    let mut out = sql
        .replace(
            "json_extract(detail, '$.stored') = 1",
            "(detail::jsonb ->> 'stored') IN ('1', 'true')",
        )
        .replace(
            "json_each(x.detail, '$.accounts') j",
            "jsonb_array_elements_text(x.detail::jsonb -> 'accounts') j(value)",
        )
        .replace("GLOB 'agent.*'", "LIKE 'agent.%'")
        .replace("SELECT fs, login ||", "SELECT min(fs), login ||");
    const OPEN: &str = "json_extract(";
    while let Some(i) = out.find(OPEN) {
        let from = i + OPEN.len();
        let Some(comma) = out[from..].find(", '$.") else {
            break;
        };
        let column = out[from..from + comma].to_string();
        let field_at = from + comma + ", '$.".len();
        let Some(close) = out[field_at..].find("')") else {
            break;
        };
        let field = out[field_at..field_at + close].to_string();
        out.replace_range(
            i..field_at + close + 2,
            &format!("({column}::jsonb ->> '{field}')"),
        );
    }
    out
}

fn dialect_sql(conn: Conn<'_>, sql: &'static str) -> std::borrow::Cow<'static, str> {
    match conn.dialect() {
        Dialect::Sqlite => std::borrow::Cow::Borrowed(sql),
        Dialect::Postgres => std::borrow::Cow::Owned(pg_sql(sql)),
    }
}

/// The rows of `link`: (name, key, time).
pub fn rows(conn: Conn<'_>, link: &Link) -> Result<Vec<(String, String, Option<String>)>> {
    conn.rows(&dialect_sql(conn, link.rows), &[], |r| {
        Ok((
            r.get::<String>(0)?,
            r.get::<Option<String>>(1)?.unwrap_or_default(),
            r.get(2)?,
        ))
    })
}

/// The keys the records say `link`'s rows must have: (seq, key), in record order (which
/// record of several with one key is left over depends on it).
pub fn records(conn: Conn<'_>, link: &Link) -> Result<Vec<(i64, String)>> {
    let mut out = conn.rows(&dialect_sql(conn, link.records), &[], |r| {
        Ok((r.get(0)?, r.get::<Option<String>>(1)?.unwrap_or_default()))
    })?;
    out.sort_by_key(|r| r.0);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (id, parent, detail) of each step of `sql`'s query plan.
    fn plan(conn: &Connection, sql: &str) -> Vec<(i64, i64, String)> {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let steps = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(3)?)));
        steps.unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    /// Why `plan` is worse than n·log n in the rows or records, if it is: a correlated
    /// subquery that does more than a primary-key lookup (it runs once per outer row), or a
    /// join that scans one table in full for each row of another.
    fn quadratic(plan: &[(i64, i64, String)]) -> Option<String> {
        let under = |mut id: i64, kind: &str| {
            while let Some(p) = plan.iter().find(|s| s.0 == id) {
                if p.2.starts_with(kind) {
                    return true;
                }
                id = p.1;
            }
            false
        };
        for (id, parent, detail) in plan {
            let leaf = detail.starts_with("SCAN") || detail.starts_with("SEARCH");
            if leaf && under(*parent, "CORRELATED") && !detail.contains("PRIMARY KEY (rowid=?)") {
                return Some(format!("per-row subquery step: {detail}"));
            }
            let scan = |d: &str| d.starts_with("SCAN") && !d.contains("VIRTUAL TABLE");
            let earlier = plan.iter().take_while(|s| s.0 != *id);
            if scan(detail) && earlier.filter(|s| s.1 == *parent).any(|s| scan(&s.2)) {
                return Some(format!("nested full scan: {detail}"));
            }
        }
        None
    }

    #[test]
    fn every_cross_check_query_is_linear_or_n_log_n() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::migrate::migrate(&mut conn).unwrap();
        prepare(&conn).unwrap();
        let digests = DIGESTS.iter().map(|s| {
            format!(
                "SELECT {} FROM {}",
                super::super::rowdigest::name_sql(s),
                s.table
            )
        });
        let links = LINKS
            .iter()
            .flat_map(|l| [l.rows.to_string(), l.records.to_string()]);
        for sql in links.chain(digests) {
            let p = plan(&conn, &sql);
            assert_eq!(quadratic(&p), None, "{sql}\n{p:#?}");
        }
    }

    #[test]
    fn the_checker_catches_a_lookup_per_row_over_the_records() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::migrate::migrate(&mut conn).unwrap();
        prepare(&conn).unwrap();
        // The shape of the customer query before issue 14: the latest change per customer.
        let old = "SELECT a.seq, (SELECT at FROM xref c WHERE c.event = 'customer.change' \
                   AND c.account = a.account ORDER BY seq DESC LIMIT 1) \
                   FROM xref a WHERE a.event = 'customer.add'";
        assert!(quadratic(&plan(&conn, old)).is_some());
        let nested = "SELECT 1 FROM customer a, agent b WHERE a.name < b.name";
        assert!(
            quadratic(&plan(&conn, nested)).is_some(),
            "{:?}",
            plan(&conn, nested)
        );
    }

    /// The agent and customer queries before issue 14 (a subquery per row), kept to check
    /// that the linear ones say exactly the same.
    const OLD_AGENT: &str = "WITH ev AS (SELECT seq, at, event, detail, json_extract(detail, '$.login') AS login \
                  FROM xref WHERE event GLOB 'agent.*') \
                  SELECT a.seq, a.login || '|' || \
                  (SELECT CASE e.event WHEN 'agent.add' THEN json_extract(e.detail, '$.role') \
                   ELSE json_extract(e.detail, '$.to') END FROM ev e WHERE e.login = a.login \
                   AND e.event IN ('agent.add', 'agent.role') ORDER BY e.seq DESC LIMIT 1) || '|' || \
                  (SELECT CASE e.event WHEN 'agent.disable' THEN 0 ELSE 1 END FROM ev e \
                   WHERE e.login = a.login AND e.event IN ('agent.add', 'agent.disable', 'agent.enable') \
                   ORDER BY e.seq DESC LIMIT 1) || '|' || a.at \
                  FROM ev a WHERE a.event = 'agent.add' \
                  AND a.seq = (SELECT min(seq) FROM ev f WHERE f.event = 'agent.add' AND f.login = a.login)";
    const OLD_CUSTOMER: &str = "WITH ch AS (SELECT seq, at, account, json_extract(detail, '$.change') AS what \
                  FROM xref WHERE event = 'customer.change') \
                  SELECT a.seq, a.account || '|' || \
                  coalesce((SELECT at FROM ch WHERE ch.account = a.account AND what = 'phone' \
                   ORDER BY seq DESC LIMIT 1), json_extract(a.detail, '$.phone_since')) || '|' || \
                  coalesce((SELECT at FROM ch WHERE ch.account = a.account AND what = 'email' \
                   ORDER BY seq DESC LIMIT 1), json_extract(a.detail, '$.email_since')) || '|' || \
                  coalesce((SELECT at FROM ch WHERE ch.account = a.account AND what = 'address' \
                   ORDER BY seq DESC LIMIT 1), json_extract(a.detail, '$.postal_since')) \
                  FROM xref a WHERE a.event = 'customer.add'";

    fn sorted(conn: &Connection, sql: &str) -> Vec<(i64, Option<String>)> {
        let mut stmt = conn.prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        let mut out: Vec<_> = rows.collect::<rusqlite::Result<_>>().unwrap();
        out.sort();
        out
    }

    #[test]
    fn the_linear_queries_say_what_the_per_row_ones_said() {
        let link = |t: &str| LINKS.iter().find(|l| l.table == t).unwrap().records;
        let events = [
            "agent.add",
            "agent.role",
            "agent.disable",
            "agent.enable",
            "customer.add",
            "customer.change",
            "consent.notice",
        ];
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n) as usize
        };
        let mut seen = 0;
        for _ in 0..300 {
            let conn = Connection::open_in_memory().unwrap();
            prepare(&conn).unwrap();
            for seq in 1..=next(40) as i64 {
                let login = ["\"a\"", "\"b\"", "5", "\"5\"", "null"][next(5)];
                let role = ["\"agent\"", "\"supervisor\"", "null"][next(3)];
                let change = ["phone", "email", "address", "pin"][next(4)];
                let since = ["", ",\"phone_since\":\"p\",\"email_since\":\"e\""][next(2)];
                let detail = format!(
                    "{{\"login\":{login},\"role\":{role},\"to\":\"admin\",\
                     \"change\":\"{change}\",\"postal_since\":\"s\"{since}}}"
                );
                let (at, account) = (format!("t{}", next(9)), ["A", "B", ""][next(3)]);
                let event = events[next(7)];
                add_all(&conn, [(seq * 3, &*at, account, "", event, &*detail)]).unwrap();
            }
            let (agents, customers) = (sorted(&conn, link("agent")), sorted(&conn, OLD_CUSTOMER));
            assert_eq!(agents, sorted(&conn, OLD_AGENT));
            assert_eq!(sorted(&conn, link("customer")), customers);
            seen += agents
                .iter()
                .chain(&customers)
                .filter(|r| r.1.is_some())
                .count();
        }
        assert!(seen > 500, "the random logs hold too few keys: {seen}");
    }
}
