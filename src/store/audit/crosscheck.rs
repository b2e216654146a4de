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
//! cover a new table, add a [`Link`] here (and its kinds to [`KINDS`]) and a [`RowSpec`].

use rusqlite::Connection;

use crate::error::Result;

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

/// One table and the records that must match its rows.
pub struct Link {
    pub table: &'static str,
    /// The audit kinds that create (or set the state of) its rows, for messages.
    pub kinds: &'static str,
    /// (row name, key, time): every row; time is when it was recorded (rows older than the
    /// oldest kept record may have lost their record to a purge).
    pub rows: &'static str,
    /// (seq, key): what the records in `xref` say the rows must be.
    pub records: &'static str,
    pub mode: Match,
}

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
        records: "WITH ev AS (SELECT seq, at, event, detail, json_extract(detail, '$.login') AS login \
                  FROM xref WHERE event GLOB 'agent.*') \
                  SELECT a.seq, a.login || '|' || \
                  (SELECT CASE e.event WHEN 'agent.add' THEN json_extract(e.detail, '$.role') \
                   ELSE json_extract(e.detail, '$.to') END FROM ev e WHERE e.login = a.login \
                   AND e.event IN ('agent.add', 'agent.role') ORDER BY e.seq DESC LIMIT 1) || '|' || \
                  (SELECT CASE e.event WHEN 'agent.disable' THEN 0 ELSE 1 END FROM ev e \
                   WHERE e.login = a.login AND e.event IN ('agent.add', 'agent.disable', 'agent.enable') \
                   ORDER BY e.seq DESC LIMIT 1) || '|' || a.at \
                  FROM ev a WHERE a.event = 'agent.add' \
                  AND a.seq = (SELECT min(seq) FROM ev f WHERE f.event = 'agent.add' AND f.login = a.login)",
        mode: Match::OneToOne,
    },
    Link {
        table: "customer",
        kinds: "customer.add, customer.change (email, phone, address)",
        rows: "SELECT 'customer ' || account, account || '|' || phone_since || '|' || email_since \
               || '|' || postal_since, created_at FROM customer",
        records: "WITH ch AS (SELECT seq, at, account, json_extract(detail, '$.change') AS what \
                  FROM xref WHERE event = 'customer.change') \
                  SELECT a.seq, a.account || '|' || \
                  coalesce((SELECT at FROM ch WHERE ch.account = a.account AND what = 'phone' \
                   ORDER BY seq DESC LIMIT 1), json_extract(a.detail, '$.phone_since')) || '|' || \
                  coalesce((SELECT at FROM ch WHERE ch.account = a.account AND what = 'email' \
                   ORDER BY seq DESC LIMIT 1), json_extract(a.detail, '$.email_since')) || '|' || \
                  coalesce((SELECT at FROM ch WHERE ch.account = a.account AND what = 'address' \
                   ORDER BY seq DESC LIMIT 1), json_extract(a.detail, '$.postal_since')) \
                  FROM xref a WHERE a.event = 'customer.add'",
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

/// Creates (or empties) the temporary table the collected records go into.
pub fn prepare(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS xref (seq INTEGER PRIMARY KEY, at TEXT, account TEXT, \
         session TEXT, event TEXT, detail TEXT); DELETE FROM temp.xref;",
    )?;
    Ok(())
}

/// Adds one collected record: (seq, at, account, session, event, detail).
pub fn add(conn: &Connection, r: (i64, &str, &str, &str, &str, &str)) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO temp.xref (seq, at, account, session, event, detail) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(rusqlite::params![r.0, r.1, r.2, r.3, r.4, r.5])?;
    Ok(())
}

/// The rows of `link`: (name, key, time).
pub fn rows(conn: &Connection, link: &Link) -> Result<Vec<(String, String, Option<String>)>> {
    let mut stmt = conn.prepare(link.rows)?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            r.get(2)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The keys the records say `link`'s rows must have: (seq, key).
pub fn records(conn: &Connection, link: &Link) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare(link.records)?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get::<_, Option<String>>(1)?.unwrap_or_default(),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The decision columns of one table whose values every audit record that creates or changes
/// a row carries a digest of (`"digests"` in the record's detail; see
/// [`crate::audit::rowdigest`]). Each inner list is a group of columns: a mismatch names the
/// columns of the groups whose digests differ. Changing a list changes every digest of its
/// table: do it only in a migration that re-baselines ([`crate::audit::rowdigest::baseline`]).
pub struct RowSpec {
    pub table: &'static str,
    /// SQL naming a row as the messages (and the records' `"digests"` keys) do.
    pub name: &'static str,
    pub groups: &'static [&'static [&'static str]],
}

/// Every column a decision is read from, table by table. Bookkeeping columns (`updated_at`)
/// are left out; secret hashes are in (they reach a record only inside a digest).
pub const DIGESTS: &[RowSpec] = &[
    RowSpec {
        table: "customer",
        name: "'customer ' || account",
        groups: &[
            &["account", "name", "account_rep", "created_at"],
            &["phone", "phone_since"],
            &["email", "email_since"],
            &[
                "street",
                "city",
                "region",
                "postal_code",
                "country",
                "postal_since",
            ],
            &[
                "pin_hash",
                "pin_set_at",
                "pin_must_change",
                "temp_pin_hash",
                "temp_pin_set_at",
            ],
            &["backup_hash", "backup_set_at"],
            &["failures", "lock_level", "locked_until"],
            &[
                "cpni_contract",
                "contract_method",
                "contract_secret_hash",
                "contract_callback",
                "contract_callback_since",
                "contract_set_at",
            ],
        ],
    },
    RowSpec {
        table: "contact_history",
        name: "'contact history ' || id",
        groups: &[&["account", "kind"], &["value"], &["since", "until"]],
    },
    RowSpec {
        table: "agent",
        name: "'agent ' || login",
        groups: &[&["login", "created_at"], &["name"], &["role"], &["active"]],
    },
    RowSpec {
        table: "consent",
        name: "'consent row ' || id",
        groups: &[
            &["account", "kind"],
            &["via", "sent_on", "outbox_id", "notice_missing"],
            &["method"],
            &["evidence"],
            &["session", "agent", "recorded_at"],
        ],
    },
    RowSpec {
        table: "complaint",
        name: "'complaint ' || id",
        groups: &[
            &["account"],
            &["category"],
            &["description"],
            &["session", "agent", "received_at"],
        ],
    },
    RowSpec {
        table: "breach",
        name: "'breach ' || id",
        groups: &[
            &["rule", "description"],
            &["discovered_at", "determined_at", "determined_on"],
            &[
                "method",
                "began_on",
                "ended_on",
                "affected",
                "estimated_loss",
                "data_types",
                "contact",
                "harm_likely",
            ],
            &["opened_by", "opened_at"],
            &["closed_at", "closed_by", "close_reason"],
        ],
    },
    RowSpec {
        table: "breach_account",
        name: "'breach account ' || breach || '/' || account",
        groups: &[&["breach", "account"]],
    },
    RowSpec {
        table: "breach_hold",
        name: "'breach hold ' || id",
        groups: &[
            &["breach", "until_on"],
            &["reference"],
            &["agent", "recorded_at"],
        ],
    },
    RowSpec {
        table: "breach_notice",
        name: "'breach notice ' || id",
        groups: &[
            &["breach", "party"],
            &["at", "on_date"],
            &["reference", "urgent_ref"],
            &["agent", "recorded_at"],
        ],
    },
    RowSpec {
        table: "breach_link",
        name: "'breach link ' || breach || '/' || session",
        groups: &[&["breach", "session"], &["agent", "recorded_at"]],
    },
    RowSpec {
        table: "session",
        name: "'session ' || id",
        groups: &[
            &[
                "id",
                "account",
                "agent",
                "on_behalf_of",
                "channel",
                "started_at",
            ],
            &["basis", "verified_at"],
            &["secret_failures"],
            &["ended_at", "end_reason"],
            &["owner"],
            &["callback_started_at", "callback_number", "callback_route"],
        ],
    },
    RowSpec {
        table: "code",
        name: "'code ' || id",
        groups: &[
            &["account", "session", "channel"],
            &["digest"],
            &["issued_at", "expires_at"],
            &["used_at", "superseded"],
        ],
    },
    RowSpec {
        table: "outbox",
        name: "'outbox message ' || id",
        groups: &[
            &["account", "session", "kind", "created_at", "message_id"],
            &["channel", "recipient"],
            &["subject"],
            &["status", "sent_at", "path"],
        ],
    },
    RowSpec {
        table: "agent_key",
        name: "'agent key ' || fingerprint",
        groups: &[
            &["fingerprint", "login"],
            &["key_type", "key_data"],
            &["comment", "added_at"],
        ],
    },
];
