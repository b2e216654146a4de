-- PostgreSQL migration 2: what the day-to-day role may do, enforced by the server.
-- Run by the owner role (cpni_owner), which owns every object of migration 1 and is the only
-- role that can change a table's definition, disable a trigger, DELETE audit records (`cpni
-- audit purge`) or insert purge bases. cpni_app (every other command) may read every table and
-- insert where cpni inserts, UPDATE only the columns cpni updates in place (found in
-- src/store/*.rs), DELETE only agent keys, and nothing else: no UPDATE, DELETE or TRUNCATE on
-- audit or any append-only table. The roles themselves come from src/store/pg/roles.sql.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cpni_app') THEN
        RAISE EXCEPTION 'role cpni_app does not exist: create the roles first (src/store/pg/roles.sql)';
    END IF;
    -- Only cpni's roles connect to its database (the owner has every right on it already).
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO cpni_app', current_database());
END;
$$;

REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO cpni_app;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;

GRANT SELECT ON ALL TABLES IN SCHEMA public TO cpni_app;

-- Inserts: every table cpni's steps write, except the purge bases (owner only) and the
-- migration bookkeeping.
GRANT INSERT ON agent, customer, session, code, outbox, audit, consent, breach, breach_account,
    breach_hold, breach_notice, breach_link, complaint, contact_history, audit_checkpoint,
    audit_manifest, audit_head, agent_key, row_seal TO cpni_app;

-- In-place updates, column by column, exactly those of src/store/*.rs.
-- agents.rs: set_role, set_active.
GRANT UPDATE (role, active, updated_at) ON agent TO cpni_app;
-- customers.rs: lock state, PIN and temporary PIN, contract method, backup secret, contacts.
GRANT UPDATE (failures, lock_level, locked_until, pin_hash, pin_must_change, pin_set_at,
    temp_pin_hash, temp_pin_set_at, contract_method, contract_secret_hash, contract_callback,
    contract_callback_since, contract_set_at, backup_hash, backup_set_at, email, email_since,
    phone, phone_since, street, city, region, postal_code, country, postal_since, updated_at)
    ON customer TO cpni_app;
-- sessions.rs: failures, basis, activity, end, takeover, callback start.
GRANT UPDATE (secret_failures, last_active_at, basis, verified_at, ended_at, end_reason, owner,
    callback_started_at, callback_number, callback_route) ON session TO cpni_app;
-- codes.rs: superseded, used.
GRANT UPDATE (superseded, used_at) ON code TO cpni_app;
-- outbox.rs: delivery and failure (a code's body and attachment are dropped).
GRANT UPDATE (status, attempts, sent_at, path, last_error, next_try_at, body, attachment)
    ON outbox TO cpni_app;
-- breach.rs: close.
GRANT UPDATE (closed_at, closed_by, close_reason) ON breach TO cpni_app;
-- audit/head.rs: the one signed head row, replaced by every appending transaction (an upsert).
GRANT UPDATE (seq, hash, base_seq, at, public_key, signature) ON audit_head TO cpni_app;
-- audit/rowdigest.rs: the row seals (an upsert).
GRANT UPDATE (digest, seq) ON row_seal TO cpni_app;

-- agent_keys.rs: `cpni agent key remove` deletes a key (its row digest records the removal).
GRANT DELETE ON agent_key TO cpni_app;

UPDATE schema_version SET version = 2;
