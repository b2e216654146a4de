-- Migration 6: no escalation within a call (issue 12).
-- A temporary PIN is kept beside the working PIN until it is used to set a new one; the
-- business contract names its own authentication method; a session has an owner (the agent
-- who started it, or a supervisor who took it over) and a recorded callback start.
ALTER TABLE customer ADD COLUMN temp_pin_hash TEXT;           -- Argon2id PHC string
ALTER TABLE customer ADD COLUMN temp_pin_set_at TEXT;
ALTER TABLE customer ADD COLUMN contract_method TEXT CHECK (contract_method IN ('passphrase', 'callback'));
ALTER TABLE customer ADD COLUMN contract_secret_hash TEXT;    -- Argon2id PHC string
ALTER TABLE customer ADD COLUMN contract_callback TEXT;       -- E.164, designated by the contract
ALTER TABLE customer ADD COLUMN contract_callback_since TEXT;
ALTER TABLE customer ADD COLUMN contract_set_at TEXT;      -- when the method was last set
ALTER TABLE session ADD COLUMN owner TEXT;                    -- NULL: the agent who started it
ALTER TABLE session ADD COLUMN callback_started_at TEXT;
ALTER TABLE session ADD COLUMN callback_number TEXT;
ALTER TABLE session ADD COLUMN callback_route TEXT CHECK (callback_route IN ('record', 'contract'));

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
