-- Migration 4: retention. `cpni audit purge` removes a prefix of the audit chain; each purge
-- leaves a row here with the last removed record's seq and hash, from which the chain is then
-- verified. Rows are append-only, each must name a record that exists with that hash and come
-- after the previous base; only records at or below the latest base may be deleted.
CREATE TABLE audit_base (
    seq        INTEGER PRIMARY KEY,
    hash       BLOB NOT NULL,
    purged_at  TEXT NOT NULL,
    records    INTEGER NOT NULL
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

DROP TRIGGER audit_no_delete;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
WHEN OLD.seq > (SELECT coalesce(max(seq), 0) FROM audit_base)
BEGIN
    SELECT RAISE(ABORT, 'audit records are append-only');
END;
