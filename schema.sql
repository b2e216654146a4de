-- cpni database schema, version 12 (PRAGMA user_version = 12).
--
-- This file is the readable full schema. The binary builds the same schema by applying the
-- numbered steps in src/store/migrations/ in order; a test proves both give the same
-- sqlite_master. Every time is TEXT in RFC 3339 UTC with milliseconds, so text order is time
-- order. Secrets are never stored in clear: PINs and backup secrets are Argon2id PHC strings,
-- one-time codes are HMAC-SHA-256 digests under a key kept outside the database.

-- People who may run cpni: the operating-system login of the acting user.
CREATE TABLE agent (
    login       TEXT PRIMARY KEY,
    name        TEXT NOT NULL DEFAULT '',
    role        TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin', 'service')),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- Customers and their contacts of record. Each contact keeps the time since which it has been
-- on record: an address serves as an address of record only after 30 days.
CREATE TABLE customer (
    account         TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    phone           TEXT NOT NULL,          -- E.164, the telephone number of record
    phone_since     TEXT NOT NULL,
    email           TEXT NOT NULL,
    email_since     TEXT NOT NULL,
    street          TEXT NOT NULL,
    city            TEXT NOT NULL,
    region          TEXT NOT NULL,
    postal_code     TEXT NOT NULL,
    country         TEXT NOT NULL,          -- ISO 3166-1 alpha-2
    postal_since    TEXT NOT NULL,
    account_rep     TEXT,                   -- dedicated account representative (business)
    cpni_contract   TEXT,                   -- reference of a contract that covers CPNI
    pin_hash        TEXT,                   -- Argon2id PHC string
    pin_set_at      TEXT,
    pin_must_change INTEGER NOT NULL DEFAULT 0 CHECK (pin_must_change IN (0, 1)),
    backup_hash     TEXT,                   -- Argon2id PHC string
    backup_set_at   TEXT,
    failures        INTEGER NOT NULL DEFAULT 0,  -- consecutive wrong secrets, all sessions
    lock_level      INTEGER NOT NULL DEFAULT 0,  -- locks since the last success
    locked_until    TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    temp_pin_hash   TEXT,                   -- a temporary PIN beside the working one (reset)
    temp_pin_set_at TEXT,
    contract_method TEXT CHECK (contract_method IN ('passphrase', 'callback')),
    contract_secret_hash TEXT,              -- Argon2id PHC string of the contract passphrase
    contract_callback TEXT,                 -- E.164 number the contract designates
    contract_callback_since TEXT,
    contract_set_at TEXT                    -- when the contract's method was last set
) STRICT;

CREATE INDEX customer_name ON customer (name COLLATE NOCASE);

-- One call (or visit): starts unverified; basis is set by the first successful method.
CREATE TABLE session (
    id              TEXT PRIMARY KEY,
    account         TEXT NOT NULL REFERENCES customer (account),
    agent           TEXT NOT NULL,
    on_behalf_of    TEXT,
    channel         TEXT NOT NULL CHECK (channel IN ('inbound', 'outbound', 'in-store')),
    started_at      TEXT NOT NULL,
    last_active_at  TEXT NOT NULL,
    basis           TEXT,
    verified_at     TEXT,
    secret_failures INTEGER NOT NULL DEFAULT 0,
    ended_at        TEXT,
    end_reason      TEXT,                    -- ended, abandoned, idle
    owner           TEXT,                   -- NULL: the agent who started it
    callback_started_at TEXT,
    callback_number TEXT,
    callback_route  TEXT CHECK (callback_route IN ('record', 'contract'))
) STRICT;

CREATE INDEX session_account ON session (account, started_at);

-- One-time codes sent to an address of record. Only the keyed hash is kept.
CREATE TABLE code (
    id          INTEGER PRIMARY KEY,
    account     TEXT NOT NULL REFERENCES customer (account),
    session     TEXT NOT NULL REFERENCES session (id),
    channel     TEXT NOT NULL CHECK (channel IN ('email', 'mail')),
    digest      BLOB NOT NULL,
    issued_at   TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    superseded  INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1))
) STRICT;

CREATE INDEX code_account ON code (account, used_at);

-- Messages waiting for delivery or delivered: emails, letters for the mailroom, texts.
-- A message that carries a one-time code keeps its body only until it is delivered.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    created_at  TEXT NOT NULL,
    account     TEXT NOT NULL,
    session     TEXT,
    kind        TEXT NOT NULL,              -- email-code, mail-code, disclosure, notice, temporary-pin
    channel     TEXT NOT NULL CHECK (channel IN ('email', 'letter', 'sms')),
    recipient   TEXT NOT NULL,              -- the address of record at the time
    subject     TEXT NOT NULL,
    body        TEXT,
    attachment_name TEXT,                   -- a file sent with a disclosure
    attachment  BLOB,
    status      TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    next_try_at TEXT,
    message_id  TEXT NOT NULL,
    path        TEXT,                       -- the .eml or letter file, once written
    sent_at     TEXT
) STRICT;

CREATE INDEX outbox_status ON outbox (status, id);

-- The audit log: append-only and hash-chained. See docs/audit-format.md for the exact
-- canonical encoding. seq is previous seq + 1 and is inside the hash, so the primary key makes
-- a fork impossible.
CREATE TABLE audit (
    seq          INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    on_behalf_of TEXT NOT NULL DEFAULT '',
    account      TEXT NOT NULL DEFAULT '',
    session      TEXT NOT NULL DEFAULT '',
    event        TEXT NOT NULL,
    detail       TEXT NOT NULL,
    prev_hash    BLOB NOT NULL,
    hash         BLOB NOT NULL
);

CREATE INDEX audit_actor_at ON audit (actor, at);
CREATE INDEX audit_account_at ON audit (account, at);
-- Records a service account made on an agent's behalf, for `--agent` filters.
CREATE INDEX audit_obo_at ON audit (on_behalf_of, at) WHERE on_behalf_of <> '';

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit records are append-only');
END;

-- One row per purge: the last removed record's seq and hash, where verification now starts.
-- Append-only; each row must name an existing record (with its hash) after the previous base.
CREATE TABLE audit_base (
    seq        INTEGER PRIMARY KEY,
    hash       BLOB NOT NULL,
    purged_at  TEXT NOT NULL,
    records    INTEGER NOT NULL,
    signature  TEXT,                    -- Ed25519 over the purge statement (migration 5)
    statement  TEXT                     -- the signed cpni-audit-purge/2 text (migration 10)
) STRICT;

CREATE TRIGGER audit_base_insert BEFORE INSERT ON audit_base
WHEN NEW.seq <= (SELECT coalesce(max(seq), 0) FROM audit_base)
    OR NEW.hash IS NOT (SELECT hash FROM audit WHERE seq = NEW.seq)
BEGIN
    SELECT RAISE(ABORT, 'an audit base must name an existing record after the previous base');
END;

CREATE TRIGGER audit_base_no_update BEFORE UPDATE ON audit_base
BEGIN
    SELECT RAISE(ABORT, 'audit bases are append-only');
END;

CREATE TRIGGER audit_base_no_delete BEFORE DELETE ON audit_base
BEGIN
    SELECT RAISE(ABORT, 'audit bases are append-only');
END;

-- Only records a purge has moved the base past (`cpni audit purge`) may be deleted.
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
WHEN OLD.seq > (SELECT coalesce(max(seq), 0) FROM audit_base)
BEGIN
    SELECT RAISE(ABORT, 'audit records are append-only');
END;

-- CPNI approval history (64.2007-64.2009(a)): opt-out notices and the customer's choices.
-- Append-only: a later row supersedes an earlier one and never overwrites it.
CREATE TABLE consent (
    id             INTEGER PRIMARY KEY,
    account        TEXT NOT NULL REFERENCES customer (account),
    kind           TEXT NOT NULL CHECK (kind IN ('notice', 'opt-in', 'deny', 'revoke')),
    via            TEXT CHECK (via IN ('email', 'mail')),                   -- notices
    method         TEXT CHECK (method IN ('oral', 'written', 'electronic')), -- choices
    evidence       TEXT,                   -- recording or document reference
    sent_on        TEXT,                   -- a notice another system sent: that day
    outbox_id      INTEGER REFERENCES outbox (id), -- a notice cpni sent: counts once delivered
    notice_missing INTEGER NOT NULL DEFAULT 0 CHECK (notice_missing IN (0, 1)),
    session        TEXT,
    agent          TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
) STRICT;

CREATE INDEX consent_account ON consent (account, id);

CREATE TRIGGER consent_no_update BEFORE UPDATE ON consent
BEGIN
    SELECT RAISE(ABORT, 'the approval history is append-only');
END;

-- Breaches (64.2011). Deadlines are computed, not stored: they follow the rule, the holiday
-- calendar and the notices and holds recorded.
CREATE TABLE breach (
    id             INTEGER PRIMARY KEY,
    rule           TEXT NOT NULL CHECK (rule IN ('2007', '2024')),
    description    TEXT NOT NULL,
    discovered_at  TEXT NOT NULL,
    determined_at  TEXT NOT NULL,
    determined_on  TEXT NOT NULL,          -- the determination's calendar date, as given
    method         TEXT,                   -- the 2024 rule's fields from here on
    began_on       TEXT,
    ended_on       TEXT,
    affected       INTEGER,                -- customers affected; NULL when unknown
    estimated_loss TEXT,
    data_types     TEXT,
    contact        TEXT,
    harm_likely    INTEGER CHECK (harm_likely IN (0, 1)),
    opened_by      TEXT NOT NULL,
    opened_at      TEXT NOT NULL,
    closed_at      TEXT,                   -- `cpni breach close`; retention counts from here
    closed_by      TEXT,
    close_reason   TEXT
) STRICT;

CREATE TABLE breach_account (
    breach   INTEGER NOT NULL REFERENCES breach (id),
    account  TEXT NOT NULL REFERENCES customer (account),
    PRIMARY KEY (breach, account)
) STRICT;

-- A law-enforcement (or FCC) direction to delay customer notice, through until_on.
CREATE TABLE breach_hold (
    id           INTEGER PRIMARY KEY,
    breach       INTEGER NOT NULL REFERENCES breach (id),
    until_on     TEXT NOT NULL,
    reference    TEXT,
    agent        TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
) STRICT;

CREATE TABLE breach_notice (
    id           INTEGER PRIMARY KEY,
    breach       INTEGER NOT NULL REFERENCES breach (id),
    party        TEXT NOT NULL CHECK (party IN ('law-enforcement', 'fcc', 'customers')),
    at           TEXT NOT NULL,
    on_date      TEXT NOT NULL,            -- the notice's calendar date, as given
    reference    TEXT,
    urgent_ref   TEXT,                     -- early customer notice: the agency consulted
    agent        TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
) STRICT;

-- Sessions whose disclosures were later found to have gone to an impostor (64.2011(e)).
CREATE TABLE breach_link (
    breach       INTEGER NOT NULL REFERENCES breach (id),
    session      TEXT NOT NULL REFERENCES session (id),
    agent        TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (breach, session)
) STRICT;

-- Customer complaints about CPNI (64.2009(e) summary) and pretexting reports.
CREATE TABLE complaint (
    id           INTEGER PRIMARY KEY,
    account      TEXT NOT NULL REFERENCES customer (account),
    category     TEXT NOT NULL CHECK (category IN ('unauthorized-release', 'pretexting', 'other')),
    description  TEXT NOT NULL,
    session      TEXT,
    agent        TEXT NOT NULL,
    received_at  TEXT NOT NULL
) STRICT;

CREATE INDEX complaint_received ON complaint (received_at);


-- Contacts of record that were replaced: one row per retired value, never updated. With the
-- current values in `customer` they give every contact of record over time.
CREATE TABLE contact_history (
    id          INTEGER PRIMARY KEY,
    account     TEXT NOT NULL REFERENCES customer (account),
    kind        TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'postal')),
    value       TEXT NOT NULL,              -- E.164, address, or the postal label
    since       TEXT NOT NULL,              -- on record from
    until       TEXT NOT NULL               -- replaced at
) STRICT;

CREATE INDEX contact_history_account ON contact_history (account, kind, until);

CREATE TRIGGER contact_history_no_update BEFORE UPDATE ON contact_history
BEGIN
    SELECT RAISE(ABORT, 'contact history is append-only');
END;

CREATE TRIGGER contact_history_no_delete BEFORE DELETE ON contact_history
BEGIN
    SELECT RAISE(ABORT, 'contact history is append-only');
END;

-- Migration 7: signed checkpoints and manifests kept in the database; decision tables
-- append-only (see src/store/migrations/0007_audit_proofs.sql).
-- Every checkpoint cpni signs (by hand, on schedule, after an export or a purge), as its JSON.
-- `audit verify` checks the log against all of them and each against its audit.checkpoint
-- record, so a rewrite before the newest one needs the key.
CREATE TABLE audit_checkpoint (
    seq   INTEGER PRIMARY KEY,
    body  TEXT NOT NULL
) STRICT;

-- The signed manifest of each export, keyed by its audit.export record
-- (`cpni audit manifest SEQ` prints it; an export to stdout has it too).
CREATE TABLE audit_manifest (
    seq   INTEGER PRIMARY KEY,
    body  TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
BEGIN SELECT RAISE(ABORT, 'stored checkpoints are append-only'); END;
CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
BEGIN SELECT RAISE(ABORT, 'stored checkpoints are append-only'); END;
CREATE TRIGGER audit_manifest_no_update BEFORE UPDATE ON audit_manifest
BEGIN SELECT RAISE(ABORT, 'export manifests are append-only'); END;
CREATE TRIGGER audit_manifest_no_delete BEFORE DELETE ON audit_manifest
BEGIN SELECT RAISE(ABORT, 'export manifests are append-only'); END;

-- Migration 10: the signed head (src/audit/head.rs): one row, replaced by every write
-- transaction that appends records, in that same transaction. `audit verify` requires the
-- newest record to be exactly this one.
CREATE TABLE audit_head (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    seq        INTEGER NOT NULL,
    hash       BLOB NOT NULL,
    base_seq   INTEGER NOT NULL,
    at         TEXT NOT NULL,
    public_key TEXT NOT NULL,
    signature  TEXT NOT NULL
) STRICT;

-- Tables decisions are read from: append-only (history tables) or keep-identity (state
-- tables), and cross-checked against the chain by `audit verify` (src/audit/crosscheck.rs has
-- the table -> audit kind mapping).
CREATE TRIGGER consent_no_delete BEFORE DELETE ON consent
BEGIN SELECT RAISE(ABORT, 'the approval history is append-only'); END;
CREATE TRIGGER complaint_no_update BEFORE UPDATE ON complaint
BEGIN SELECT RAISE(ABORT, 'complaints are append-only'); END;
CREATE TRIGGER complaint_no_delete BEFORE DELETE ON complaint
BEGIN SELECT RAISE(ABORT, 'complaints are append-only'); END;
CREATE TRIGGER breach_no_delete BEFORE DELETE ON breach
BEGIN SELECT RAISE(ABORT, 'breach records are never deleted'); END;
CREATE TRIGGER breach_keep_identity BEFORE UPDATE OF id, opened_at ON breach
BEGIN SELECT RAISE(ABORT, 'a breach keeps its id and opening time'); END;
CREATE TRIGGER breach_account_no_update BEFORE UPDATE ON breach_account
BEGIN SELECT RAISE(ABORT, 'breach accounts are append-only'); END;
CREATE TRIGGER breach_account_no_delete BEFORE DELETE ON breach_account
BEGIN SELECT RAISE(ABORT, 'breach accounts are append-only'); END;
CREATE TRIGGER breach_hold_no_update BEFORE UPDATE ON breach_hold
BEGIN SELECT RAISE(ABORT, 'breach holds are append-only'); END;
CREATE TRIGGER breach_hold_no_delete BEFORE DELETE ON breach_hold
BEGIN SELECT RAISE(ABORT, 'breach holds are append-only'); END;
CREATE TRIGGER breach_notice_no_update BEFORE UPDATE ON breach_notice
BEGIN SELECT RAISE(ABORT, 'breach notices are append-only'); END;
CREATE TRIGGER breach_notice_no_delete BEFORE DELETE ON breach_notice
BEGIN SELECT RAISE(ABORT, 'breach notices are append-only'); END;
CREATE TRIGGER breach_link_no_update BEFORE UPDATE ON breach_link
BEGIN SELECT RAISE(ABORT, 'breach links are append-only'); END;
CREATE TRIGGER breach_link_no_delete BEFORE DELETE ON breach_link
BEGIN SELECT RAISE(ABORT, 'breach links are append-only'); END;
CREATE TRIGGER agent_no_delete BEFORE DELETE ON agent
BEGIN SELECT RAISE(ABORT, 'agents are disabled, never deleted'); END;
CREATE TRIGGER agent_keep_identity BEFORE UPDATE OF login, created_at ON agent
BEGIN SELECT RAISE(ABORT, 'an agent keeps its login and creation time'); END;
CREATE TRIGGER customer_no_delete BEFORE DELETE ON customer
BEGIN SELECT RAISE(ABORT, 'customers are never deleted'); END;
CREATE TRIGGER customer_keep_identity BEFORE UPDATE OF account, created_at ON customer
BEGIN SELECT RAISE(ABORT, 'a customer keeps its account and creation time'); END;

-- Agents' SSH keys for the gateway; the service account's authorized_keys is rewritten from them.
CREATE TABLE agent_key (
    fingerprint  TEXT PRIMARY KEY,          -- SHA256:… as ssh-keygen -l prints it
    login        TEXT NOT NULL REFERENCES agent (login),
    key_type     TEXT NOT NULL,
    key_data     TEXT NOT NULL,             -- the base64 blob
    comment      TEXT NOT NULL,
    added_at     TEXT NOT NULL
) STRICT;

CREATE INDEX agent_key_login ON agent_key (login);

-- Migration 9: no schema change. Audit records carry digests of the decision rows they
-- create or change (src/audit/rowdigest.rs, column lists in src/store/audit/crosscheck.rs);
-- upgrading a database with rows appends `audit.baseline` records (100 rows each).

-- Migration 11: no schema change. Sessions, one-time codes, outbox messages and agent keys
-- join the row digests; upgrading a database from version 9 or 10 appends `audit.baseline`
-- records for their rows.

-- Row seals (src/audit/rowdigest.rs): per row name, the digest and seq of the latest record
-- carrying it. A step compares a row's digest before its change with its seal and refuses
-- (exit 6) a row edited outside cpni. A tripwire beside the chain, not evidence: `audit
-- verify` proves the same from the records' `"prior"` digests alone.
CREATE TABLE row_seal (
    name   TEXT PRIMARY KEY,
    digest TEXT NOT NULL,
    seq    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

PRAGMA user_version = 12;
