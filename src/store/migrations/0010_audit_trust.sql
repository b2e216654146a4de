-- Migration 10: a purge proves its retention, and the head of the chain is signed.
-- `audit_base.statement` is the exact signed purge statement (cpni-audit-purge/2: base, the
-- audit.purge record that accounts for it, the retention rule applied); NULL for bases signed
-- before this migration (cpni-audit-purge/1, rebuilt from the other columns).
ALTER TABLE audit_base ADD COLUMN statement TEXT;

-- The signed head (src/audit/head.rs): one row, replaced by every write transaction that
-- appends records, in that same transaction. `audit verify` requires the newest record to be
-- exactly this one.
CREATE TABLE audit_head (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    seq        INTEGER NOT NULL,
    hash       BLOB NOT NULL,
    base_seq   INTEGER NOT NULL,
    at         TEXT NOT NULL,
    public_key TEXT NOT NULL,
    signature  TEXT NOT NULL
) STRICT;
