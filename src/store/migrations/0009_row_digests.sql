-- Migration 9: row digests. No schema change: from this version every audit record that
-- creates or changes a row of a decision table carries a digest of that row's decision
-- columns (src/audit/rowdigest.rs). When this step runs on a database that has rows, cpni
-- appends `audit.baseline` records (100 rows each) in the same transaction (see
-- src/store/migrate.rs), so rows written before digests are covered from here on.
SELECT 1;
