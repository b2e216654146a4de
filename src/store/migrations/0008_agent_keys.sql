-- Migration 5: agents' SSH keys for the gateway (`cpni agent key …`). Each row is one public key
-- that the service account's authorized_keys lets in with the forced command
-- `cpni gateway --agent LOGIN`; the file is rewritten from these rows.
CREATE TABLE agent_key (
    fingerprint  TEXT PRIMARY KEY,          -- SHA256:… as ssh-keygen -l prints it
    login        TEXT NOT NULL REFERENCES agent (login),
    key_type     TEXT NOT NULL,
    key_data     TEXT NOT NULL,             -- the base64 blob
    comment      TEXT NOT NULL,
    added_at     TEXT NOT NULL
) STRICT;

CREATE INDEX agent_key_login ON agent_key (login);
