-- Migration 11: more row digests. No schema change: from this version audit records also carry
-- digests of the session, code, outbox and agent_key rows they create or change (column lists
-- in src/store/audit/crosscheck.rs). When this step upgrades a database that already had row
-- digests (version 9 or 10), cpni appends `audit.baseline` records (100 rows each) for the
-- rows of those four tables in the same transaction (see src/store/migrate.rs).
SELECT 1;
