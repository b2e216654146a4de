//! What a row digest covers: for each table decisions are read from, how its rows are named
//! and which columns (in groups) enter the digest. Part of the audit format
//! (`docs/audit-format.md`): changing a list changes every digest of its table. The store
//! builds its queries from these lists; nothing here touches a database.

/// The decision columns of one table whose values every audit record that creates or changes
/// a row carries a digest of (`"digests"` in the record's detail; see
/// [`crate::audit::rowdigest`]). Each inner list is a group of columns: a mismatch names the
/// columns of the groups whose digests differ. Changing a list changes every digest of its
/// table: do it only in a migration that re-baselines (the store's `rowdigest::baseline`,
/// with [`crate::audit::rowdigest::baseline_event`]).
pub struct RowSpec {
    pub table: &'static str,
    /// How the messages (and the records' `"digests"` keys) name a row: `label` followed by
    /// the `key` columns' values joined by `/` (`breach account 3/A-1`).
    pub label: &'static str,
    pub key: &'static [&'static str],
    pub groups: &'static [&'static [&'static str]],
    /// The listed column holding when the row was created (`None`: the table has none): after
    /// a purge only rows created before the cut may lack a record carrying their digest.
    pub since: Option<&'static str>,
}

/// Every column a decision is read from, table by table. Bookkeeping columns (`updated_at`)
/// are left out; secret hashes are in (they reach a record only inside a digest).
pub const DIGESTS: &[RowSpec] = &[
    RowSpec {
        table: "customer",
        label: "customer ",
        key: &["account"],
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
        since: Some("created_at"),
    },
    RowSpec {
        table: "contact_history",
        label: "contact history ",
        key: &["id"],
        groups: &[&["account", "kind"], &["value"], &["since", "until"]],
        since: Some("since"),
    },
    RowSpec {
        table: "agent",
        label: "agent ",
        key: &["login"],
        groups: &[&["login", "created_at"], &["name"], &["role"], &["active"]],
        since: Some("created_at"),
    },
    RowSpec {
        table: "consent",
        label: "consent row ",
        key: &["id"],
        groups: &[
            &["account", "kind"],
            &["via", "sent_on", "outbox_id", "notice_missing"],
            &["method"],
            &["evidence"],
            &["session", "agent", "recorded_at"],
        ],
        since: Some("recorded_at"),
    },
    RowSpec {
        table: "complaint",
        label: "complaint ",
        key: &["id"],
        groups: &[
            &["account"],
            &["category"],
            &["description"],
            &["session", "agent", "received_at"],
        ],
        since: Some("received_at"),
    },
    RowSpec {
        table: "breach",
        label: "breach ",
        key: &["id"],
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
        since: Some("opened_at"),
    },
    RowSpec {
        table: "breach_account",
        label: "breach account ",
        key: &["breach", "account"],
        groups: &[&["breach", "account"]],
        since: None,
    },
    RowSpec {
        table: "breach_hold",
        label: "breach hold ",
        key: &["id"],
        groups: &[
            &["breach", "until_on"],
            &["reference"],
            &["agent", "recorded_at"],
        ],
        since: Some("recorded_at"),
    },
    RowSpec {
        table: "breach_notice",
        label: "breach notice ",
        key: &["id"],
        groups: &[
            &["breach", "party"],
            &["at", "on_date"],
            &["reference", "urgent_ref"],
            &["agent", "recorded_at"],
        ],
        since: Some("recorded_at"),
    },
    RowSpec {
        table: "breach_link",
        label: "breach link ",
        key: &["breach", "session"],
        groups: &[&["breach", "session"], &["agent", "recorded_at"]],
        since: Some("recorded_at"),
    },
    RowSpec {
        table: "session",
        label: "session ",
        key: &["id"],
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
        since: Some("started_at"),
    },
    RowSpec {
        table: "code",
        label: "code ",
        key: &["id"],
        groups: &[
            &["account", "session", "channel"],
            &["digest"],
            &["issued_at", "expires_at"],
            &["used_at", "superseded"],
        ],
        since: Some("issued_at"),
    },
    RowSpec {
        table: "outbox",
        label: "outbox message ",
        key: &["id"],
        groups: &[
            &["account", "session", "kind", "created_at", "message_id"],
            &["channel", "recipient"],
            &["subject"],
            &["status", "sent_at", "path"],
        ],
        since: Some("created_at"),
    },
    RowSpec {
        table: "agent_key",
        label: "agent key ",
        key: &["fingerprint"],
        groups: &[
            &["fingerprint", "login"],
            &["key_type", "key_data"],
            &["comment", "added_at"],
        ],
        since: Some("added_at"),
    },
];
