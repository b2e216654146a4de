//! Row digests: every audit record that creates, changes or deletes a row of a table decisions
//! are read from carries a digest of that row's decision columns after the change, and (from
//! schema 12) before it, so `audit verify` catches a row edited behind cpni's back (triggers
//! dropped, row changed, triggers re-created) even when nothing else was recomputed, and even
//! after a later step changed the row again.
//!
//! The column lists are [`super::digests::DIGESTS`]. A record's detail holds `"digests":
//! {"<row name>": "<digest>"}` for every row the transaction inserted, updated or deleted since
//! the previous record, and `"prior"` for the rows that existed before (and the rows the step
//! decided on, as read) ([`put`]; the store notes the rows as they change, so no command can
//! forget one). A digest is `<64 hex>.<4 hex per column group>`: the SHA-256 of the canonical
//! encoding of all the listed columns (what detection rests on), then the first two bytes of
//! each group's own SHA-256 (only to name the columns that differ once a mismatch is found).
//! Secret hashes (PIN, backup secret, contract passphrase) are salted Argon2id strings: they
//! enter a digest, never a record in plain.
//!
//! Row seals (`row_seal`, kept by the store) keep the latest recorded digest per row, so a step
//! refuses (exit 6) to change or decide on a row that is not as its latest record shows
//! ([`unchanged`], [`none_missing`]). `verify` ([`super::crosscheck::compare_digests`])
//! recomputes the digest of every current row and compares it with the one in the latest
//! record naming that row, and checks each `"prior"` against the record before. A migration
//! appends `audit.baseline` records covering every existing row ([`baseline_event`],
//! [`BASELINE_ROWS`] rows to a record), so databases made before digests existed are covered
//! from the upgrade on; the upgrade to 12 fills the seals ([`latest_digests`]). Everything here
//! is pure: the store (`store/audit/rowdigest.rs`) reads the rows and seals, hands them to
//! these functions, and writes what they return.

use std::collections::HashMap;

use serde_json::{Map, Value as Json};
use sha2::{Digest, Sha256};

use super::Event;
pub use super::digests::{DIGESTS, RowSpec};
use crate::error::{Error, Kind, Result};

/// The detail key that holds a record's row digests.
pub const KEY: &str = "digests";

/// The detail key that holds the digests of the rows a record changed, as they were before.
pub const PRIOR_KEY: &str = "prior";

/// The digest value a record carries for a row it deleted.
pub const REMOVED_MARK: &str = "removed";

/// One column value as the database holds it (SQLite's storage classes), what a digest
/// encodes.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

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

/// Adds to `detail` the digests a record carries: `digests` (the rows changed since the
/// previous record, after the change; [`REMOVED_MARK`] for a deleted row) and `before` (their
/// state before it, and the rows the step decided on as read). Digests the event already
/// carries (an `audit.purge` record's, of the rows its purge leaves without records) are kept,
/// a changed row's replacing its own. Returns every digest the record carries, to seal once
/// the record has its seq.
pub fn put(
    detail: &mut Map<String, Json>,
    digests: Map<String, Json>,
    before: Map<String, Json>,
) -> Vec<(String, String)> {
    let mut all = match detail.remove(KEY) {
        Some(Json::Object(carried)) => carried,
        _ => Map::new(),
    };
    all.extend(digests);
    let seals = all
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
        .collect();
    // A record with `"prior"` always has `"digests"` too (empty when it changed no row): verify
    // finds the records to look at by that one key.
    if !all.is_empty() || !before.is_empty() {
        detail.insert(KEY.to_string(), Json::Object(all));
    }
    if !before.is_empty() {
        detail.insert(PRIOR_KEY.to_string(), Json::Object(before));
    }
    seals
}

/// Exit 6 unless `name`'s state (`was`, its digest before this step changes it or as the step
/// reads it) is the one its latest record shows (`sealed`: that digest and the record's seq,
/// `None` when no record shows the row): a step must not act on an edit made outside cpni.
pub fn unchanged(
    spec: &RowSpec,
    name: &str,
    sealed: Option<(String, i64)>,
    was: &str,
) -> Result<()> {
    let what = match sealed {
        None => "no audit record shows it".to_string(),
        Some((sealed, seq)) if sealed == REMOVED_MARK => {
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

/// Exit 6 when a row the chain shows (`details`: the (seq, detail) of the records about one
/// account naming a row `prefix…`, in chain order; its latest digest not marked removed) is not
/// among `present`: a step that decides by what is absent (an approval history without its
/// denial) must not decide on rows deleted outside cpni. (Rows known only from a migration's
/// baseline are not covered.)
pub fn none_missing(details: Vec<(i64, String)>, prefix: &str, present: &[String]) -> Result<()> {
    let mut latest: std::collections::BTreeMap<String, (i64, bool)> = Default::default();
    for (seq, detail) in details {
        let Ok(Json::Object(mut d)) = serde_json::from_str::<Json>(&detail) else {
            continue;
        };
        let Some(Json::Object(rows)) = d.remove(KEY) else {
            continue;
        };
        for (name, v) in rows {
            if name.starts_with(prefix) {
                let removed = v.as_str() == Some(REMOVED_MARK);
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

/// The refusal (exit 6, `row-edited`) of a step or read over a row edited outside cpni.
fn row_edited(message: String) -> Error {
    Error::new(Kind::Integrity, "row-edited", message).hint(
        "treat the database as evidence: copy it, run `cpni audit verify`, and have a \
         supervisor investigate",
    )
}

/// Notes in `latest` the digests record `seq` (whose detail is `detail`) carries: folded over
/// every record in chain order, the latest digest of every row the chain names (the seals of a
/// log whose records carried digests before the seals existed).
pub fn latest_digests(latest: &mut HashMap<String, (String, i64)>, seq: i64, detail: &str) {
    if let Ok(Json::Object(mut d)) = serde_json::from_str::<Json>(detail)
        && let Some(Json::Object(rows)) = d.remove(KEY)
    {
        for (name, v) in rows {
            if let Json::String(dg) = v {
                latest.insert(name, (dg, seq));
            }
        }
    }
}

/// Rows per `audit.baseline` record (a record stays around 11 kB).
pub const BASELINE_ROWS: usize = 100;

/// An `audit.baseline` record holding `digests` (at most [`BASELINE_ROWS`] rows; `why` says
/// what occasioned it, e.g. `"migration 9"`): the starting point for rows written before
/// digests. Appended exactly as built (no row digests of its own added).
pub fn baseline_event(why: &str, digests: Map<String, Json>) -> Event {
    let mut event = Event::new("audit.baseline").with("reason", why);
    event.detail.insert(KEY.to_string(), Json::Object(digests));
    event
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
