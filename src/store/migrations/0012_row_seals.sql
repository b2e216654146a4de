-- Migration 12: row seals. From this version a record that changes or deletes a decision row
-- also carries the row's digest as it was before (`"prior"`), and `row_seal` keeps, per row
-- name, the digest and seq of the latest record carrying it, so a step refuses (exit 6) to
-- record a change over a row edited outside cpni. When this step upgrades a database whose
-- records already carry digests, cpni fills `row_seal` from the chain in the same transaction
-- (src/store/migrate.rs). The table is a tripwire beside the chain, not evidence: `audit
-- verify` proves the same from the records alone.
CREATE TABLE row_seal (
    name   TEXT PRIMARY KEY,
    digest TEXT NOT NULL,
    seq    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
