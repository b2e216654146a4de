-- PostgreSQL migration 3: the fingerprint of the gateway hosts' key files. The first host
-- records it (`cpni init`, in the transaction that builds the schema); a host whose key files
-- differ is refused. It holds the signing public key and an HMAC-SHA-256 of a fixed constant
-- under the code key, never a key: whoever reads the database can neither sign nor mint codes.
CREATE TABLE host_key_fingerprint (
    id              integer PRIMARY KEY CHECK (id = 1),
    signing_public  bytea NOT NULL CHECK (length(signing_public) = 32),
    code_key_mac    bytea NOT NULL CHECK (length(code_key_mac) = 32)
);
GRANT SELECT ON host_key_fingerprint TO cpni_app;

UPDATE schema_version SET version = 3;
