-- Migration 5: `cpni breach close`. Who closed a breach and why; retention of its audit
-- records counts two years from closed_at.
ALTER TABLE breach ADD COLUMN closed_by TEXT;
ALTER TABLE breach ADD COLUMN close_reason TEXT;
