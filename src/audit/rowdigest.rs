//! Row digests: every audit record that creates, changes or deletes a row of a table decisions
//! are read from carries a digest of that row's decision columns after the change, and (from
//! schema 12) before it, so `audit verify` catches a row edited behind cpni's back (triggers
//! dropped, row changed, triggers re-created) even when nothing else was recomputed, and even
//! after a later step changed the row again.
//!
//! The column lists are [`crate::store::audit::crosscheck::DIGESTS`], beside the table -> kind
//! mapping. A record's detail holds `"digests": {"<row name>": "<digest>"}` for every row the
//! transaction inserted, updated or deleted since the previous record, and `"prior"` for the
//! rows that existed before (and the rows the step decided on, as read: [`require_sealed`])
//! ([`attach`], called by [`super::append`]; the rows are noted by SQLite's pre-update hook, so
//! no command can forget one). A digest is `<64 hex>.<4 hex per column group>`: the SHA-256 of
//! the canonical encoding of all the listed columns (what detection rests on), then the first
//! two bytes of each group's own SHA-256 (only to name the columns that differ once a mismatch
//! is found). Secret hashes (PIN, backup secret, contract passphrase) are salted Argon2id
//! strings: they enter a digest, never a record in plain.
//!
//! Row seals (`row_seal`, [`seal`]) keep the latest recorded digest per row, so a step refuses
//! (exit 6) to change or decide on a row that is not as its latest record shows
//! ([`require_sealed`], [`require_none_missing`]). `verify`
//! ([`super::crosscheck::compare_digests`]) recomputes the digest of every current row and
//! compares it with the one in the latest record naming that row, and checks each `"prior"`
//! against the record before. A migration appends `audit.baseline` records covering every
//! existing row ([`baseline`], 100 rows to a record), so databases made before digests existed
//! are covered from the upgrade on; the upgrade to 12 fills the seals ([`rebuild_seals`]). The
//! digest functions are pure; the others touch the database through `store`.

use rusqlite::types::Value;
use serde_json::{Map, Value as Json};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::{Actor, Event};
use crate::error::{Error, Kind, Result};
use crate::store::Tx;
use crate::store::audit::crosscheck::{DIGESTS, RowSpec};
use crate::store::audit::rowdigest as sql;

/// The detail key that holds a record's row digests.
pub const KEY: &str = "digests";

/// The detail key that holds the digests of the rows a record changed, as they were before.
pub const PRIOR_KEY: &str = "prior";

fn put_bytes(out: &mut Vec<u8>, tag: u8, b: &[u8]) {
    out.push(tag);
    out.extend_from_slice(&(b.len() as u32).to_be_bytes());
    out.extend_from_slice(b);
}

/// The canonical encoding of one column value (see docs/audit-format.md).
pub fn encode(out: &mut Vec<u8>, v: &Value) {
    match v {
        Value::Null => out.push(0),
        Value::Integer(i) => {
            out.push(1);
            out.extend_from_slice(&i.to_be_bytes());
        }
        Value::Real(f) => {
            out.push(2);
            out.extend_from_slice(&f.to_bits().to_be_bytes());
        }
        Value::Text(s) => put_bytes(out, 3, s.as_bytes()),
        Value::Blob(b) => put_bytes(out, 4, b),
    }
}

/// The digest of a row of `spec`'s table whose columns (in list order) are `values`.
pub fn digest(spec: &RowSpec, values: &[Value]) -> String {
    let mut all = Vec::new();
    put_bytes(&mut all, 3, spec.table.as_bytes());
    for v in values {
        encode(&mut all, v);
    }
    let mut out = hex::encode(Sha256::digest(&all));
    out.push('.');
    let mut at = 0;
    for (g, cols) in spec.groups.iter().enumerate() {
        let mut buf = Vec::new();
        put_bytes(&mut buf, 3, spec.table.as_bytes());
        buf.extend_from_slice(&(g as u32).to_be_bytes());
        for v in &values[at..at + cols.len()] {
            encode(&mut buf, v);
        }
        at += cols.len();
        out.push_str(&hex::encode(&Sha256::digest(&buf)[..2]));
    }
    out
}

/// The columns that differ between a stored digest and the current one, or `None` when they
/// agree. When the group hints cannot tell (a collision of the short hints), every column.
pub fn differing(spec: &RowSpec, stored: &str, current: &str) -> Option<Vec<&'static str>> {
    if stored == current {
        return None;
    }
    let hints = |d: &str| {
        d.split_once('.')
            .map(|(_, h)| h.to_string())
            .unwrap_or_default()
    };
    let (a, b) = (hints(stored), hints(current));
    let mut cols = Vec::new();
    for (g, group) in spec.groups.iter().enumerate() {
        if a.get(g * 4..g * 4 + 4) != b.get(g * 4..g * 4 + 4) {
            cols.extend_from_slice(group);
        }
    }
    if cols.is_empty() {
        cols = spec.groups.iter().flat_map(|g| g.iter()).copied().collect();
    }
    Some(cols)
}

/// Adds to `detail` the digests of the rows changed since the previous record (inside the
/// write transaction, just before the record is appended): `"digests"` after the change
/// ([`sql::REMOVED_MARK`] for a deleted row), `"prior"` before it for rows that existed. A row
/// whose state before differs from the latest digest recorded for it ([`sql::sealed`]), or that
/// no record shows at all, was edited or written outside cpni: the step is refused (exit 6)
/// rather than recorded over it. Returns the digests to seal once the record has its seq
/// ([`seal`]).
pub fn attach(tx: &Tx<'_>, detail: &mut Map<String, Json>) -> Result<Vec<(String, String)>> {
    let dirty = sql::take();
    let prior = sql::take_prior();
    let mut digests = Map::new();
    let mut before = Map::new();
    for p in prior {
        if !p.deleted && !dirty.contains(&(p.spec, p.rowid)) {
            continue; // a quiet change (columns outside the lists) that nothing followed
        }
        let spec = &DIGESTS[p.spec];
        let (name, values) = sql::prior_row(tx, spec, &p.values)?;
        let was = digest(spec, &values);
        refuse_if_edited(tx, spec, &name, &was)?;
        if p.deleted {
            digests.insert(name.clone(), Json::String(sql::REMOVED_MARK.to_string()));
        }
        before.insert(name, Json::String(was));
    }
    for (i, rowid) in dirty {
        let spec = &DIGESTS[i];
        if let Some((name, values)) = sql::row(tx, spec, rowid)? {
            digests.insert(name, Json::String(digest(spec, &values)));
        }
    }
    for (name, was) in sql::take_read() {
        before.entry(name).or_insert(Json::String(was));
    }
    let seals = digests
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
        .collect();
    // A record with `"prior"` always has `"digests"` too (empty when it changed no row): verify
    // finds the records to look at by that one key.
    if !digests.is_empty() || !before.is_empty() {
        detail.insert(KEY.to_string(), Json::Object(digests));
    }
    if !before.is_empty() {
        detail.insert(PRIOR_KEY.to_string(), Json::Object(before));
    }
    Ok(seals)
}

/// Records that record `seq` carries the latest digest of each row in `seals`.
pub fn seal(tx: &Tx<'_>, seq: i64, seals: &[(String, String)]) -> Result<()> {
    for (name, dg) in seals {
        sql::seal(tx, name, dg, seq)?;
    }
    Ok(())
}

/// Exit 6 when the row of `table` whose `key` column is `value` is not as the latest record
/// naming it shows it: a step that reads a decision row (the session and customer a call step
/// acts on, the acting agent, the keys it lets in, the approvals it reads) must not act on an
/// edit made outside cpni, even when it changes nothing in the row. The row's digest as read
/// goes into the next record's `"prior"` ([`sql::note_read`]), so an edit that also rewrote the
/// row's seal, and was undone after the step, still shows in verify.
pub fn require_sealed(
    tx: &rusqlite::Connection,
    table: &str,
    key: &'static str,
    value: &str,
) -> Result<()> {
    let Some(spec) = DIGESTS.iter().find(|s| s.table == table) else {
        return Ok(());
    };
    if let Some((name, values)) = sql::row_by_key(tx, spec, key, value)? {
        let now = digest(spec, &values);
        refuse_if_edited(tx, spec, &name, &now)?;
        sql::note_read(name, now);
    }
    Ok(())
}

/// Exit 6 when a row the chain shows for `account` (a record about the account carrying the
/// digest of a row named `prefix…`, not marked removed) is not among `present`: a step that
/// decides by what is absent (an approval history without its denial) must not decide on rows
/// deleted outside cpni. (Rows known only from a migration's baseline are not covered.)
pub fn require_none_missing(
    conn: &rusqlite::Connection,
    account: &str,
    prefix: &str,
    present: &[String],
) -> Result<()> {
    let mut latest: std::collections::BTreeMap<String, (i64, bool)> = Default::default();
    for (seq, detail) in sql::details_naming(conn, account, prefix)? {
        let Ok(Json::Object(mut d)) = serde_json::from_str::<Json>(&detail) else {
            continue;
        };
        let Some(Json::Object(rows)) = d.remove(KEY) else {
            continue;
        };
        for (name, v) in rows {
            if name.starts_with(prefix) {
                let removed = v.as_str() == Some(sql::REMOVED_MARK);
                latest.insert(name, (seq, removed));
            }
        }
    }
    let missing = latest
        .iter()
        .find(|(name, (_, removed))| !removed && !present.contains(name));
    let Some((name, (seq, _))) = missing else {
        return Ok(());
    };
    Err(row_edited(format!(
        "{} was deleted outside cpni (audit record {seq} shows it): cpni will not decide \
         without it; nothing was changed",
        crate::ui::term::safe(name)
    )))
}

/// Exit 6 when `name`'s state before this step (`was`) is not the one its latest record shows.
fn refuse_if_edited(
    tx: &rusqlite::Connection,
    spec: &RowSpec,
    name: &str,
    was: &str,
) -> Result<()> {
    let what = match sql::sealed(tx, name)? {
        None => "no audit record shows it".to_string(),
        Some((sealed, seq)) if sealed == sql::REMOVED_MARK => {
            format!("audit record {seq} removed it, yet it is there")
        }
        Some((sealed, seq)) => match differing(spec, &sealed, was) {
            None => return Ok(()),
            Some(cols) => format!("its {} differ from audit record {seq}", cols.join(", ")),
        },
    };
    Err(row_edited(format!(
        "{} was changed outside cpni ({what}): cpni will not act on it; nothing was changed",
        crate::ui::term::safe(name)
    )))
}

/// The refusal (exit 6, `row-edited`) of a step or read over a row edited outside cpni.
fn row_edited(message: String) -> Error {
    Error::new(Kind::Integrity, "row-edited", message).hint(
        "treat the database as evidence: copy it, run `cpni audit verify`, and have a \
         supervisor investigate",
    )
}

/// Fills the seals of a log whose records carried digests before the seals existed: the latest
/// digest of every row named in the chain (a migration step).
pub fn rebuild_seals(tx: &Tx<'_>) -> Result<usize> {
    let mut latest: std::collections::HashMap<String, (String, i64)> = Default::default();
    sql::digest_records(tx, |seq, detail| {
        if let Ok(Json::Object(mut d)) = serde_json::from_str::<Json>(detail)
            && let Some(Json::Object(rows)) = d.remove(KEY)
        {
            for (name, v) in rows {
                if let Json::String(dg) = v {
                    latest.insert(name, (dg, seq));
                }
            }
        }
        Ok(())
    })?;
    for (name, (dg, seq)) in &latest {
        sql::seal(tx, name, dg, *seq)?;
    }
    Ok(latest.len())
}

/// Rows per `audit.baseline` record (a record stays around 11 kB).
pub const BASELINE_ROWS: usize = 100;

/// Appends `audit.baseline` records holding the digests of every row of every digested table,
/// [`BASELINE_ROWS`] rows to a record (`why` says what occasioned it, e.g. `"migration 9"`):
/// the starting point for rows written before digests. `only` limits it to the named tables
/// (a migration that adds tables to the lists); empty means every table. Returns the number of
/// rows.
pub fn baseline(
    tx: &Tx<'_>,
    actor: &Actor,
    at: OffsetDateTime,
    why: &str,
    only: &[&str],
) -> Result<usize> {
    let rows = sql::every_row(tx, only)?;
    let n = rows.len();
    for chunk in rows.chunks(BASELINE_ROWS) {
        let mut digests = Map::new();
        for &(i, rowid) in chunk {
            let spec = &DIGESTS[i];
            if let Some((name, values)) = sql::row(tx, spec, rowid)? {
                digests.insert(name, Json::String(digest(spec, &values)));
            }
        }
        let mut event = Event::new("audit.baseline").with("reason", why);
        event.detail.insert(KEY.to_string(), Json::Object(digests));
        super::append_exact(tx, actor, at, event)?;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::audit::crosscheck::DIGESTS;

    fn spec(table: &str) -> &'static RowSpec {
        DIGESTS.iter().find(|s| s.table == table).unwrap()
    }

    #[test]
    fn a_changed_value_changes_the_digest_and_names_its_columns() {
        let s = spec("complaint");
        let row = |cat: &str| {
            vec![
                Value::Text("DEMO-1001".into()),
                Value::Text(cat.into()),
                Value::Text("rude".into()),
                Value::Null,
                Value::Text("root".into()),
                Value::Text("2026-01-01T00:00:00.000Z".into()),
            ]
        };
        let a = digest(s, &row("pretexting"));
        assert_eq!(a, digest(s, &row("pretexting")));
        assert_eq!(a.len(), 64 + 1 + 4 * s.groups.len());
        let b = digest(s, &row("other"));
        assert_eq!(differing(s, &a, &a), None);
        assert_eq!(differing(s, &a, &b), Some(vec!["category"]));
    }

    #[test]
    fn null_empty_and_zero_are_distinct() {
        let s = spec("breach_account");
        let d = |v: Value| digest(s, &[Value::Integer(1), v]);
        let all = [
            d(Value::Null),
            d(Value::Text(String::new())),
            d(Value::Integer(0)),
            d(Value::Blob(Vec::new())),
        ];
        for i in 0..all.len() {
            for j in i + 1..all.len() {
                assert_ne!(all[i], all[j]);
            }
        }
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
        let rows = sql::all(&conn, spec("complaint")).unwrap();
        let want = digest(spec("complaint"), &rows[0].1);
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
        let rows = sql::all(&conn, spec("agent")).unwrap();
        assert_eq!(dg, digest(spec("agent"), &rows[0].1));
        let event: String = conn
            .query_row("SELECT event FROM audit WHERE seq = ?1", [seq], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(event, "audit.baseline");
    }
}
