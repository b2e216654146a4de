//! Cross-checking the tables decisions are read from against the chain (`audit verify`).
//!
//! During the chain scan a [`Collector`] keeps the records of the kinds listed in [`KINDS`] (a
//! cheap test per record). The store then reads each linked table (its `LINKS`, the one place
//! with the table -> audit kind mapping, in `store/audit/crosscheck.rs`) and hands its rows and
//! the keys the records imply to a [`Checker`], which compares them ([`compare`]). A row
//! without its record or a record without its row is a [`Mismatch`] naming both sides. After a
//! purge the rows its `audit.purge` record names as having lost their records ([`Purged`]) are
//! exempt, and only they (a purge made before purges named them: rows created at or before the
//! oldest kept record). The same
//! scan keeps each row's latest digest and checks every record's `"prior"` digests against it
//! (a row edited between two records), and the [`Checker`] compares every current row's digest
//! with its latest record's ([`compare_digests`]). Everything here is pure: no database.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::rowdigest::{self, DIGESTS, REMOVED_MARK, RowSpec, Value};
use super::verify::RowRef;

/// The audit kinds whose records `verify` collects for the cross-checks.
pub const KINDS: &[&str] = &[
    "consent.notice",
    "consent.record",
    "complaint.add",
    "breach.open",
    "breach.hold",
    "breach.notice",
    "breach.link",
    "agent.add",
    "agent.role",
    "agent.disable",
    "agent.enable",
    "customer.add",
    "customer.change",
    "audit.checkpoint",
    "audit.export",
];

/// How rows and records must correspond.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// One row for each record and one record for each row.
    OneToOne,
    /// Rows form a set: each row has at least one record and each record's key is a row.
    Set,
    /// Each row has its record; a record may lack its row (e.g. an export whose manifest could
    /// not be stored after its bytes went out).
    RowsNeedRecords,
}

/// A collected record: seq, at, account, session, event, detail.
type Kept = (i64, String, String, String, String, String);

/// Keeps the records the cross-checks need, as the chain scan passes them.
#[derive(Default)]
pub struct Collector {
    kept: Vec<Kept>,
    /// Row name -> (seq, digest) of the latest record carrying its digest.
    digests: HashMap<String, (i64, String)>,
    /// The first record whose `"prior"` digest of a row is not the latest one recorded before.
    prior_break: Option<PriorBreak>,
    /// The records that changed a row no earlier record names (in a purged log, a row whose
    /// records were purged; otherwise one written behind cpni's back), the first per row.
    unseen: Vec<PriorBreak>,
}

/// Which rows may lack their records because the log was purged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Purged {
    /// Never purged: every row needs its record.
    #[default]
    Never,
    /// Purged by a cpni that did not name the rows (its `audit.purge` record has no
    /// [`UNRECORDED_KEY`]): rows created at or before this time (the oldest kept record's).
    Before(String),
    /// The rows the latest purge named as having lost their records, and only they.
    Rows(HashSet<String>),
}

/// The key of the `audit.purge` detail listing the rows that lost their records to the purge
/// (every row then without a kept record, by its cross-check name, sorted).
pub const UNRECORDED_KEY: &str = "unrecorded";

impl Purged {
    /// What an `audit.purge` record's `detail` says (`at`: the oldest kept record's time, for
    /// a purge that named no rows).
    pub fn from_purge_detail(detail: &str, at: Option<String>) -> Purged {
        let doc: serde_json::Value = serde_json::from_str(detail).unwrap_or_default();
        match doc.get(UNRECORDED_KEY).and_then(|v| v.as_array()) {
            Some(names) => Purged::Rows(
                names
                    .iter()
                    .filter_map(|n| n.as_str().map(str::to_string))
                    .collect(),
            ),
            None => at.map_or(Purged::Never, Purged::Before),
        }
    }

    /// Whether row `name`, created at `created` (if its table says), may lack its record.
    fn exempt(&self, name: &str, created: Option<&str>) -> bool {
        match self {
            Purged::Never => false,
            Purged::Before(cut) => created.is_some_and(|t| t <= cut.as_str()),
            Purged::Rows(names) => names.contains(name),
        }
    }

    /// Whether a record may change row `name` that no earlier record names.
    fn exempt_change(&self, name: &str) -> bool {
        match self {
            Purged::Never => false,
            Purged::Before(_) => true,
            Purged::Rows(names) => names.contains(name),
        }
    }
}

/// A record that changed a row from a state no earlier record shows.
struct PriorBreak {
    seq: i64,
    name: String,
    /// The latest record before it carrying the row's digest, and that digest (`None`: no
    /// earlier record names the row).
    last: Option<(i64, String)>,
    was: String,
}

impl Collector {
    /// Whether [`Collector::observe`] would keep anything of `row`: a record carrying row
    /// digests, or one of the kinds the cross-checks read. (The two-half verify copies only
    /// these from its second half.)
    pub fn wants(row: &RowRef<'_>) -> bool {
        digests_finder().find(row.fields[6]).is_some()
            || KINDS.iter().any(|k| k.as_bytes() == row.fields[5])
    }

    /// Looks at one record (called for every record of the scan; cheap for the others).
    pub fn observe(&mut self, row: &RowRef<'_>) {
        if digests_finder().find(row.fields[6]).is_some() {
            self.keep_digests(row.seq, row.fields[6]);
        }
        let event = row.fields[5];
        if !matches!(event.first(), Some(b'a' | b'b' | b'c')) {
            return;
        }
        if !KINDS.iter().any(|k| k.as_bytes() == event) {
            return;
        }
        let s = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        self.kept.push((
            row.seq,
            s(row.fields[0]),
            s(row.fields[3]),
            s(row.fields[4]),
            s(event),
            s(row.fields[6]),
        ));
    }
}

const DIGESTS_KEY: &[u8] = b"\"digests\":";

/// The searcher for [`DIGESTS_KEY`], built once (building one per record was ~4% of verify).
fn digests_finder() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new(DIGESTS_KEY))
}

impl Collector {
    fn keep_digests(&mut self, seq: i64, detail: &[u8]) {
        let Ok(serde_json::Value::Object(mut d)) = serde_json::from_slice(detail) else {
            return;
        };
        if let Some(serde_json::Value::Object(prior)) = d.remove(rowdigest::PRIOR_KEY) {
            self.check_prior(seq, prior);
        }
        let Some(serde_json::Value::Object(rows)) = d.remove(rowdigest::KEY) else {
            return;
        };
        for (name, v) in rows {
            if let serde_json::Value::String(dg) = v {
                self.digests.insert(name, (seq, dg));
            }
        }
    }
}

impl Collector {
    /// Each row a record changed must have been, before, as the latest earlier record shows
    /// it: otherwise it was edited outside cpni between the two, and the record carries the
    /// edit forward.
    fn check_prior(&mut self, seq: i64, prior: serde_json::Map<String, serde_json::Value>) {
        if self.prior_break.is_some() {
            return;
        }
        for (name, v) in prior {
            let serde_json::Value::String(was) = v else {
                continue;
            };
            let last = self.digests.get(&name);
            if last.is_some_and(|(_, dg)| *dg == was) {
                continue;
            }
            if last.is_none() {
                self.unseen.push(PriorBreak {
                    seq,
                    name,
                    last: None,
                    was,
                });
                continue;
            }
            self.prior_break = Some(PriorBreak {
                seq,
                name,
                last: last.cloned(),
                was,
            });
            return;
        }
    }
}

/// The mismatch a [`PriorBreak`] makes (`None` for a row no earlier record names when the
/// purge says its records are gone).
fn prior_mismatch(b: PriorBreak, purged: &Purged) -> Option<Mismatch> {
    let spec = spec_of(&b.name)?;
    let message = match &b.last {
        None if purged.exempt_change(&b.name) => return None,
        None => format!(
            "audit record {} changed {}, which no earlier audit record shows: it was written \
             behind cpni's back",
            b.seq, b.name
        ),
        Some((s, dg)) if dg == REMOVED_MARK => format!(
            "audit record {} changed {}, which audit record {s} removed: it was put back behind \
             cpni's back",
            b.seq, b.name
        ),
        Some((s, dg)) => format!(
            "audit record {} changed {} from a state no record shows: its columns differ from \
             audit record {s} ({}); the row was edited behind cpni's back between the two, and \
             any step in between may have acted on the edit",
            b.seq,
            b.name,
            rowdigest::differing(spec, dg, &b.was)
                .unwrap_or_default()
                .join(", ")
        ),
    };
    Some(Mismatch {
        table: spec.table,
        row: Some(b.name),
        record: Some(b.seq),
        message,
    })
}

/// The table a row name belongs to (the longest quoted prefix of the names' SQL that fits).
fn spec_of(name: &str) -> Option<&'static RowSpec> {
    DIGESTS
        .iter()
        .filter_map(|s| name.starts_with(s.label).then_some((s.label.len(), s)))
        .max_by_key(|(n, _)| *n)
        .map(|(_, s)| s)
}

/// What a purge is about to leave without records ([`Checker::into_unrecorded`]).
#[derive(Debug, Default)]
pub struct Unrecorded {
    /// Every such row's name, sorted: the purge record's [`UNRECORDED_KEY`].
    pub names: Vec<String>,
    /// Name -> current digest, for the rows of digested tables among them: the purge
    /// record's `"digests"`.
    pub digests: BTreeMap<String, String>,
}

/// A table and the chain disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub table: &'static str,
    /// The first row with no matching record (its name), if any.
    pub row: Option<String>,
    /// The first record with no matching row (its seq), if any.
    pub record: Option<i64>,
    pub message: String,
}

impl Collector {
    /// The records kept: (seq, at, account, session, event, detail), in scan order.
    pub fn kept(&self) -> impl Iterator<Item = (i64, &str, &str, &str, &str, &str)> {
        self.kept
            .iter()
            .map(|k| (k.0, &*k.1, &*k.2, &*k.3, &*k.4, &*k.5))
    }
}

/// The comparisons of the tables with the collected records, fed table by table by the store
/// (which reads them), then [`Checker::finish`]ed.
pub struct Checker {
    purged: Purged,
    digests: HashMap<String, (i64, String)>,
    links: Vec<Mismatch>,
    prior: Option<Mismatch>,
    rows: Vec<Mismatch>,
    /// Every row found without its record, exempt or not: what a purge names ([`Purged`]).
    lone: Vec<String>,
    /// The current digest of each row of a digested table that no record carries (among
    /// `lone`): what a purge writes into its own record, so the row stays checked.
    lone_digests: BTreeMap<String, String>,
}

impl Checker {
    /// Starts the comparisons of what `collected` saw; `purged` says which rows may lack
    /// their records.
    pub fn new(collected: Collector, purged: Purged) -> Checker {
        let lone: Vec<String> = collected.unseen.iter().map(|b| b.name.clone()).collect();
        let first_unseen = collected
            .unseen
            .into_iter()
            .filter_map(|b| prior_mismatch(b, &purged))
            .min_by_key(|m| m.record);
        let prior = collected
            .prior_break
            .and_then(|b| prior_mismatch(b, &purged))
            .into_iter()
            .chain(first_unseen)
            .min_by_key(|m| m.record);
        Checker {
            purged,
            prior,
            digests: collected.digests,
            links: Vec::new(),
            rows: Vec::new(),
            lone,
            lone_digests: BTreeMap::new(),
        }
    }

    /// Every row found without its record (sorted, once each), exempt or not: run over the
    /// records a purge keeps, the rows that lose their records to it.
    pub fn unrecorded(&self) -> Vec<String> {
        let mut out = self.lone.clone();
        out.sort();
        out.dedup();
        out
    }

    /// The rows found without a record ([`Checker::unrecorded`]) and the current digest of
    /// those of digested tables: run over the records a purge keeps, what its `audit.purge`
    /// record lists and carries as its `"digests"`, so that from then on those rows compare
    /// with the chain like any other (an edit, a deletion, or a later record's `"prior"` that
    /// differs is a mismatch).
    pub fn into_unrecorded(self) -> Unrecorded {
        Unrecorded {
            names: self.unrecorded(),
            digests: self.lone_digests,
        }
    }

    /// Compares one linked table's rows (name, key, time) with the keys its records imply
    /// (seq, key) ([`compare`]).
    pub fn link(
        &mut self,
        table: &'static str,
        kinds: &'static str,
        mode: Match,
        rows: Vec<(String, String, Option<String>)>,
        records: Vec<(i64, String)>,
    ) {
        let m = compare(
            table,
            kinds,
            mode,
            rows,
            records,
            &self.purged,
            &mut self.lone,
        );
        self.links.extend(m);
    }

    /// Compares the digest of every row of `spec`'s table (name, columns in list order) with
    /// the latest record's ([`compare_digests`]).
    pub fn digests(&mut self, spec: &'static RowSpec, rows: Vec<(String, Vec<Value>)>) {
        let m = compare_digests(
            spec,
            rows,
            &mut self.digests,
            &self.purged,
            (&mut self.lone, &mut self.lone_digests),
        );
        self.rows.extend(m);
    }

    /// Every mismatch found: the linked tables', a record's `"prior"` break, the rows' digests,
    /// then the first digest recorded for a row that is not in the database.
    pub fn finish(self) -> Vec<Mismatch> {
        let mut out = self.links;
        out.extend(self.prior);
        out.extend(self.rows);
        let left = self
            .digests
            .into_iter()
            .filter(|(_, (_, dg))| dg != REMOVED_MARK);
        if let Some((name, (seq, _))) = left.min_by_key(|(_, (s, _))| *s) {
            out.push(Mismatch {
                table: "audit",
                row: Some(name.clone()),
                record: Some(seq),
                message: format!(
                    "audit record {seq} has a digest of {name}, which is not in the database"
                ),
            });
        }
        out
    }
}

/// The first row of `spec`'s table whose current digest differs from the one in the latest
/// record naming it (those records are removed from `digests`). A row no record names is a
/// mismatch too, unless `purged` exempts it (its records were purged); its name goes to
/// `lone.0` and its current digest to `lone.1` either way.
pub fn compare_digests(
    spec: &RowSpec,
    rows: Vec<(String, Vec<Value>)>,
    digests: &mut HashMap<String, (i64, String)>,
    purged: &Purged,
    lone: (&mut Vec<String>, &mut BTreeMap<String, String>),
) -> Option<Mismatch> {
    let mut first: Option<Mismatch> = None;
    for (name, values) in rows {
        let stored = digests.remove(&name);
        if stored.is_none() {
            lone.0.push(name.clone());
            lone.1
                .insert(name.clone(), rowdigest::digest(spec, &values));
        }
        if first.is_some() {
            continue;
        }
        let current = rowdigest::digest(spec, &values);
        let message = match &stored {
            None if purged.exempt(&name, created(spec, &values)) => continue,
            None => format!(
                "{name} is in table {} but no audit record carries its digest: it was written \
                 behind cpni's back",
                spec.table
            ),
            Some((seq, dg)) if dg == REMOVED_MARK => format!(
                "{name} is in table {} but audit record {seq} removed it: it was put back behind \
                 cpni's back",
                spec.table
            ),
            Some((seq, dg)) => match rowdigest::differing(spec, dg, &current) {
                None => continue,
                Some(cols) => format!(
                    "{name}: columns differ from audit record {seq} ({})",
                    cols.join(", ")
                ),
            },
        };
        first = Some(Mismatch {
            table: spec.table,
            row: Some(name),
            record: stored.map(|s| s.0),
            message,
        });
    }
    first
}

/// When a row of `spec`'s table was created, for [`Purged::Before`] (a table without a
/// creation time: the empty string, before any cut).
fn created<'a>(spec: &RowSpec, values: &'a [Value]) -> Option<&'a str> {
    let Some(col) = spec.since else {
        return Some("");
    };
    let at = spec
        .groups
        .iter()
        .flat_map(|g| g.iter())
        .position(|c| *c == col);
    match at.and_then(|i| values.get(i)) {
        Some(Value::Text(t)) => Some(t.as_str()),
        _ => None,
    }
}

/// The first disagreement between the rows of `table` (name, key, time) and the `records`
/// (seq, key) of its `kinds` that must match them as `mode` says. A row without its record
/// goes to `lone`, and is a disagreement unless `purged` exempts it.
pub fn compare(
    table: &'static str,
    kinds: &'static str,
    mode: Match,
    rows: Vec<(String, String, Option<String>)>,
    records: Vec<(i64, String)>,
    purged: &Purged,
    lone: &mut Vec<String>,
) -> Option<Mismatch> {
    let mut by_key: HashMap<String, Vec<i64>> = HashMap::new();
    for (seq, key) in records {
        by_key.entry(key).or_default().push(seq);
    }
    for v in by_key.values_mut() {
        v.reverse();
    }
    let mut lone_row = None;
    let mut used: HashMap<String, bool> = HashMap::new();
    for (name, key, time) in rows {
        let found = match mode {
            Match::Set => by_key.contains_key(&key),
            _ => by_key.get_mut(&key).and_then(Vec::pop).is_some(),
        };
        used.insert(key, true);
        if found {
            continue;
        }
        if lone_row.is_none() && !purged.exempt(&name, time.as_deref()) {
            lone_row = Some(name.clone());
        }
        lone.push(name);
    }
    let lone_record = match mode {
        Match::OneToOne => by_key.values().flatten().min().copied(),
        Match::Set => by_key
            .iter()
            .filter(|(k, _)| !used.contains_key(*k))
            .flat_map(|(_, v)| v.iter())
            .min()
            .copied(),
        Match::RowsNeedRecords => None,
    };
    if lone_row.is_none() && lone_record.is_none() {
        return None;
    }
    let mut parts = Vec::new();
    if let Some(r) = &lone_row {
        parts.push(format!("{r} has no matching audit record ({})", kinds));
    }
    if let Some(s) = lone_record {
        parts.push(format!(
            "audit record {s} has no matching row in table {}",
            table
        ));
    }
    Some(Mismatch {
        table,
        row: lone_row,
        record: lone_record,
        message: format!(
            "table {} disagrees with the audit chain: {}",
            table,
            parts.join("; ")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_purge_exempts_exactly_the_rows_it_lists() {
        let listed = Purged::from_purge_detail(
            r#"{"unrecorded":["customer DEMO-1001","agent root"]}"#,
            Some("2026-12-01T00:00:00.000Z".into()),
        );
        assert!(listed.exempt("customer DEMO-1001", Some("2026-12-01T00:00:00.000Z")));
        assert!(!listed.exempt("customer EVIL", Some("2001-01-01T00:00:00.000Z")));
        assert!(listed.exempt_change("agent root"));
        assert!(!listed.exempt_change("agent mallory"));
        // A purge that listed nothing: the time rule, at or before the oldest kept record.
        let old = Purged::from_purge_detail("{}", Some("2026-12-01T00:00:00.000Z".into()));
        assert!(old.exempt("x", Some("2026-12-01T00:00:00.000Z")));
        assert!(!old.exempt("x", Some("2026-12-01T00:00:00.001Z")));
        assert!(!old.exempt("x", None));
        assert!(!Purged::Never.exempt("x", Some("")));
    }

    #[test]
    fn every_row_without_its_record_is_counted_exempt_or_not() {
        let rows = vec![
            (
                "complaint 1".to_string(),
                "1|A".to_string(),
                Some("t1".to_string()),
            ),
            (
                "complaint 2".to_string(),
                "2|A".to_string(),
                Some("t2".to_string()),
            ),
        ];
        let mut lone = Vec::new();
        let purged = Purged::Rows(["complaint 1".to_string()].into());
        let m = compare(
            "complaint",
            "complaint.add",
            Match::OneToOne,
            rows,
            vec![],
            &purged,
            &mut lone,
        );
        assert_eq!(m.and_then(|m| m.row).as_deref(), Some("complaint 2"));
        assert_eq!(lone, ["complaint 1", "complaint 2"]);
    }
}
