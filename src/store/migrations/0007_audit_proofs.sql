-- Migration 5: the audit log proves itself against whoever holds the database (issue 11).
--
-- A purge base carries the Ed25519 signature of the checkpoint key over its statement
-- (docs/audit-format.md, "Signed purge bases"); bases made before this step have none and
-- fail `cpni audit verify` until re-checked by hand.
ALTER TABLE audit_base ADD COLUMN signature TEXT;

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
