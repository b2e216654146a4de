//! The PostgreSQL schema on a real server (`scripts/pg-server.sh`, started by
//! `scripts/test.sh`): the migrations and `schema.postgres.sql` agree, both match SQLite's
//! `schema.sql`, the day-to-day role `cpni_app` is refused by the server's grants wherever the
//! log is append-only (connected as that role with the real `psql`, never as a superuser), the
//! owner is refused by the triggers where SQLite refuses, and `cpni_app` can still do every
//! insert and in-place update cpni's steps do. A missing server fails every test here.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

use cpni::store::pg::{MIGRATIONS, ROLES, WRITER_LOCK};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The test server's socket folder and port, from `scripts/pg-server.sh start`.
pub(super) fn server() -> (String, String) {
    let get = |k: &str| {
        std::env::var(k).unwrap_or_else(|_| {
            panic!(
                "{k} is not set: these tests need the throw-away PostgreSQL server; run them \
                 through `bash scripts/test.sh`, or `eval \"$(bash scripts/pg-server.sh start)\"` \
                 first (it installs Debian's postgresql if missing)"
            )
        })
    };
    (get("CPNI_TEST_PG_HOST"), get("CPNI_TEST_PG_PORT"))
}

/// What one `psql` run gave back.
pub(super) struct Out {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `sql` (on stdin) with the real `psql` as `user` on database `db`, stopping at the
/// first error, in one transaction when `single`.
pub(super) fn psql(user: &str, db: &str, sql: &str, single: bool) -> Out {
    let (host, port) = server();
    let mut cmd = Command::new("psql");
    cmd.args([
        "-X",
        "-q",
        "-At",
        "-v",
        "ON_ERROR_STOP=1",
        "-h",
        &host,
        "-p",
        &port,
    ])
    .args(["-U", user, "-d", db]);
    if single {
        cmd.arg("-1");
    }
    for k in [
        "PGPASSWORD",
        "PGSERVICE",
        "PGOPTIONS",
        "PGHOST",
        "PGUSER",
        "PGDATABASE",
    ] {
        cmd.env_remove(k);
    }
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run psql (install Debian's postgresql-client; scripts/test.sh does)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(sql.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    Out {
        ok: o.status.success(),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// `psql` that must succeed.
pub(super) fn psql_ok(user: &str, db: &str, sql: &str) -> String {
    let o = psql(user, db, sql, true);
    assert!(o.ok, "as {user} on {db}: {sql}\nfailed: {}", o.stderr);
    o.stdout
}

/// A fresh, empty database owned by `cpni_owner` (the roles created first, as an
/// administrator would with roles.sql), dropped at the end of the test.
pub(super) struct Db {
    pub name: String,
}

impl Db {
    pub(super) fn new() -> Db {
        static N: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "cpni_t_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        psql_ok("postgres", "postgres", ROLES);
        let o = psql(
            "postgres",
            "postgres",
            &format!("CREATE DATABASE {name} OWNER cpni_owner"),
            false,
        );
        assert!(o.ok, "create database {name}: {}", o.stderr);
        Db { name }
    }

    /// A fresh database with every migration applied by the owner, one transaction each.
    fn migrated() -> Db {
        let db = Db::new();
        for (i, step) in MIGRATIONS.iter().enumerate() {
            let o = psql("cpni_owner", &db.name, step, true);
            assert!(o.ok, "migration {}: {}", i + 1, o.stderr);
        }
        db
    }

    /// A fresh database built from `sql` (the readable schema, or a variant of it).
    pub(super) fn from_schema(sql: &str) -> Db {
        let db = Db::new();
        let o = psql("cpni_owner", &db.name, sql, true);
        assert!(o.ok, "schema: {}", o.stderr);
        db
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        psql(
            "postgres",
            "postgres",
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
            false,
        );
    }
}

pub(super) fn schema_file() -> String {
    std::fs::read_to_string(format!("{ROOT}/schema.postgres.sql")).unwrap()
}

/// `pg_dump --schema-only` of `db`, without comments, blank lines and the per-dump
/// `\restrict` keys, plus the database's own grants and the schema version.
pub(super) fn catalog(db: &Db) -> String {
    let (host, port) = server();
    let o = Command::new("pg_dump")
        .args([
            "--schema-only",
            "-h",
            &host,
            "-p",
            &port,
            "-U",
            "postgres",
            &db.name,
        ])
        .output()
        .expect("run pg_dump (postgresql-client)");
    assert!(
        o.status.success(),
        "pg_dump: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let dump = String::from_utf8(o.stdout).unwrap();
    let mut out: Vec<&str> = dump
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("--") && !l.starts_with("\\restrict"))
        .filter(|l| !l.starts_with("\\unrestrict"))
        .collect();
    let extra = psql_ok(
        "postgres",
        &db.name,
        "SELECT datacl FROM pg_database WHERE datname = current_database(); \
         SELECT version FROM schema_version;",
    );
    out.push(&extra);
    out.join("\n").replace(&db.name, "DB")
}

#[test]
fn pg_migrations_and_schema_file_give_the_same_catalog() {
    let a = catalog(&Db::migrated());
    let b = catalog(&Db::from_schema(&schema_file()));
    assert!(
        a.contains("CREATE TRIGGER audit_no_delete") && a.contains("GRANT"),
        "{a}"
    );
    // Only cpni's roles may connect: no PUBLIC entry ("=…") in the database's grants.
    assert!(
        a.contains("cpni_app=Tc/cpni_owner") && !a.contains("{=") && !a.contains(",="),
        "{a}"
    );
    assert!(
        a == b,
        "migrations and schema.postgres.sql differ:\n{}",
        diff(&a, &b)
    );
}

/// The comparison itself sees one trigger fewer (so the test above can fail).
#[test]
fn pg_catalog_comparison_sees_a_missing_trigger() {
    let full = schema_file();
    let cut = "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit\n    FOR EACH STATEMENT \
               EXECUTE FUNCTION cpni_refuse('audit records are append-only');\n";
    assert!(
        full.contains(cut),
        "schema.postgres.sql no longer has: {cut}"
    );
    let a = catalog(&Db::migrated());
    let b = catalog(&Db::from_schema(&full.replace(cut, "")));
    assert!(a != b, "a schema without audit_no_truncate compared equal");
}

pub(super) fn diff(a: &str, b: &str) -> String {
    let (la, lb): (Vec<_>, Vec<_>) = (a.lines().collect(), b.lines().collect());
    let only = |x: &[&str], y: &[&str], tag: &str| {
        x.iter()
            .filter(|l| !y.contains(l))
            .map(|l| format!("{tag} {l}\n"))
            .collect::<String>()
    };
    only(&la, &lb, "migrations only:") + &only(&lb, &la, "schema file only:")
}

/// Every table and column of SQLite's schema.sql exists on PostgreSQL in the same order, and
/// every SQLite trigger exists under its name with its message.
#[test]
fn pg_schema_matches_sqlite_schema() {
    let dir = tempfile::tempdir().unwrap();
    let lite = dir.path().join("s.db");
    let q = "SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' ORDER BY m.name, p.cid;";
    let o = Command::new("sqlite3")
        .arg(&lite)
        .arg(format!(".read {ROOT}/schema.sql"))
        .arg(q)
        .output()
        .expect("run sqlite3 (scripts/test.sh installs it)");
    assert!(
        o.status.success(),
        "sqlite3: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let sqlite_cols = String::from_utf8(o.stdout).unwrap();
    let db = Db::migrated();
    let pg_cols = psql_ok(
        "cpni_app",
        &db.name,
        "SELECT table_name || '.' || column_name FROM information_schema.columns \
         WHERE table_schema = 'public' \
           AND table_name NOT IN ('schema_version', 'host_key_fingerprint') \
         ORDER BY table_name COLLATE \"C\", ordinal_position;",
    );
    assert_eq!(sqlite_cols, pg_cols);

    let sqlite_schema = std::fs::read_to_string(format!("{ROOT}/schema.sql")).unwrap();
    let pg_triggers = psql_ok(
        "postgres",
        &db.name,
        "SELECT tgname || ' ' || encode(tgargs, 'escape') FROM pg_trigger WHERE NOT tgisinternal;",
    );
    let mut n = 0;
    for part in sqlite_schema.split("CREATE TRIGGER ").skip(1) {
        let name = part.split_whitespace().next().unwrap();
        let msg = part
            .split("RAISE(ABORT, '")
            .nth(1)
            .unwrap()
            .split('\'')
            .next()
            .unwrap();
        let line = pg_triggers
            .lines()
            .find(|l| l.split(' ').next() == Some(name));
        let line = line.unwrap_or_else(|| panic!("trigger {name} missing on PostgreSQL"));
        // Conditional triggers are functions of their own that carry the message.
        if !line.contains(msg) {
            let src = psql_ok(
                "postgres",
                &db.name,
                &format!("SELECT prosrc FROM pg_proc WHERE proname = '{name}'"),
            );
            assert!(
                src.contains(msg),
                "trigger {name} does not say '{msg}': {line} {src}"
            );
        }
        n += 1;
    }
    assert_eq!(n, 29, "SQLite triggers seen");
}

/// One row in every table, written by the owner, so that an UPDATE or DELETE has a row to hit
/// (a refusal then comes from the grants or the triggers, never from an empty table).
const SEED: &str = "
INSERT INTO agent VALUES ('ann', '', 'agent', 1, 't0', 't0');
INSERT INTO customer (account, name, phone, phone_since, email, email_since, street, city,
    region, postal_code, country, postal_since, created_at, updated_at)
    VALUES ('C1', 'Ada', '+15550100', 't0', 'a@x', 't0', 's', 'c', 'r', 'p', 'US', 't0', 't0', 't0');
INSERT INTO session (id, account, agent, channel, started_at, last_active_at)
    VALUES ('S1', 'C1', 'ann', 'inbound', 't0', 't0');
INSERT INTO code (account, session, channel, digest, issued_at, expires_at)
    VALUES ('C1', 'S1', 'email', '\\x00', 't0', 't9');
INSERT INTO outbox (created_at, account, kind, channel, recipient, subject, body, message_id)
    VALUES ('t0', 'C1', 'notice', 'email', 'a@x', 'hi', 'body', 'm1');
INSERT INTO audit VALUES (1, 't1', 'ann', '', '', '', 'e', '{}', '\\x00', '\\x01'),
                         (2, 't2', 'ann', '', '', '', 'e', '{}', '\\x01', '\\x02'),
                         (3, 't3', 'ann', '', '', '', 'e', '{}', '\\x02', '\\x03');
INSERT INTO audit_base VALUES (1, '\\x01', 't4', 1, NULL, NULL);
INSERT INTO consent (account, kind, agent, recorded_at) VALUES ('C1', 'opt-in', 'ann', 't0');
INSERT INTO breach (rule, description, discovered_at, determined_at, determined_on, opened_by,
    opened_at) VALUES ('2024', 'd', 't0', 't0', 'd0', 'ann', 't0');
INSERT INTO breach_account VALUES (1, 'C1');
INSERT INTO breach_hold (breach, until_on, agent, recorded_at) VALUES (1, 'd1', 'ann', 't0');
INSERT INTO breach_notice (breach, party, at, on_date, agent, recorded_at)
    VALUES (1, 'fcc', 't0', 'd0', 'ann', 't0');
INSERT INTO breach_link VALUES (1, 'S1', 'ann', 't0');
INSERT INTO complaint (account, category, description, agent, received_at)
    VALUES ('C1', 'other', 'd', 'ann', 't0');
INSERT INTO contact_history (account, kind, value, since, until) VALUES ('C1', 'phone', '+1', 't0', 't1');
INSERT INTO audit_checkpoint VALUES (3, '{}');
INSERT INTO audit_manifest VALUES (3, '{}');
INSERT INTO audit_head VALUES (1, 3, '\\x03', 1, 't3', 'k', 's');
INSERT INTO agent_key VALUES ('SHA256:x', 'ann', 'ssh-ed25519', 'AAAA', 'c', 't0');
INSERT INTO row_seal VALUES ('customer/C1', 'd', 3);
";

fn seeded() -> Db {
    let db = Db::migrated();
    psql_ok("cpni_owner", &db.name, SEED);
    db
}

/// The tables whose rows are never updated nor deleted.
const APPEND_ONLY: &[&str] = &[
    "audit",
    "audit_base",
    "consent",
    "complaint",
    "contact_history",
    "audit_checkpoint",
    "audit_manifest",
    "breach_account",
    "breach_hold",
    "breach_notice",
    "breach_link",
];

/// The first column of each append-only table (any column will do for an UPDATE).
fn first_column(table: &str) -> &'static str {
    match table {
        "audit" | "audit_base" | "audit_checkpoint" | "audit_manifest" => "seq",
        "breach_account" | "breach_link" => "breach",
        _ => "id",
    }
}

/// `sql` as `user` must fail with `expected` in its error, and change nothing.
fn refused(db: &Db, user: &str, sql: &str, expected: &str) {
    let o = psql(user, &db.name, sql, true);
    assert!(!o.ok, "{user} was allowed: {sql}");
    assert!(
        o.stderr.contains(expected),
        "{user}: {sql}\nwanted '{expected}', got: {}",
        o.stderr
    );
}

/// The seeded rows of the append-only tables, to show that the refusals changed nothing.
fn log_rows(db: &Db) -> String {
    psql_ok("postgres", &db.name, COUNTS)
}

const COUNTS: &str = "SELECT (SELECT count(*) FROM audit), (SELECT count(*) FROM audit_base), \
    (SELECT count(*) FROM consent), (SELECT count(*) FROM complaint), \
    (SELECT count(*) FROM contact_history), (SELECT count(*) FROM breach_link), \
    (SELECT string_agg(at || encode(hash, 'hex'), ',' ORDER BY seq) FROM audit);";

#[test]
fn pg_app_role_cannot_update_delete_or_truncate_the_log() {
    let db = seeded();
    let before = log_rows(&db);
    let su = psql_ok(
        "postgres",
        &db.name,
        "SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles \
         WHERE rolname LIKE 'cpni\\_%' ORDER BY rolname",
    );
    assert_eq!(
        su, "cpni_app|f|f|f|f\ncpni_owner|f|f|f|f\n",
        "the tests must connect as roles without SUPERUSER (which bypasses every grant)"
    );
    for t in APPEND_ONLY {
        let denied = format!("permission denied for table {t}");
        let c = first_column(t);
        refused(
            &db,
            "cpni_app",
            &format!("UPDATE {t} SET {c} = {c}"),
            &denied,
        );
        refused(&db, "cpni_app", &format!("DELETE FROM {t}"), &denied);
        refused(&db, "cpni_app", &format!("TRUNCATE {t} CASCADE"), &denied);
    }
    // The audit log, the way an insider would try it.
    let denied = "permission denied for table audit";
    refused(
        &db,
        "cpni_app",
        "UPDATE audit SET detail = '{\"x\":1}' WHERE seq = 3",
        denied,
    );
    refused(&db, "cpni_app", "DELETE FROM audit WHERE seq = 3", denied);
    refused(&db, "cpni_app", "DELETE FROM audit WHERE seq <= 1", denied);
    refused(
        &db,
        "cpni_app",
        "INSERT INTO audit_base VALUES (2, '\\x02', 't', 1, NULL, NULL)",
        "permission denied for table audit_base",
    );
    refused(
        &db,
        "cpni_app",
        "ALTER TABLE audit DISABLE TRIGGER audit_no_update",
        "must be owner of table audit",
    );
    refused(
        &db,
        "cpni_app",
        "DROP TRIGGER audit_no_delete ON audit",
        "must be owner of",
    );
    // An upsert over an existing record is an UPDATE; a shadow table needs CREATE.
    refused(
        &db,
        "cpni_app",
        "INSERT INTO audit VALUES (3, 't', 'x', '', '', '', 'e', '{}', '\\x02', '\\x03') \
         ON CONFLICT (seq) DO UPDATE SET detail = excluded.detail",
        "permission denied for table audit",
    );
    refused(
        &db,
        "cpni_app",
        "DROP TABLE audit CASCADE",
        "must be owner of table audit",
    );
    refused(
        &db,
        "cpni_app",
        "ALTER TABLE audit RENAME TO old_audit",
        "must be owner",
    );
    refused(
        &db,
        "cpni_app",
        "CREATE TABLE public.audit2 (seq bigint)",
        "permission denied for schema public",
    );
    refused(
        &db,
        "cpni_app",
        "CREATE SCHEMA shadow",
        "permission denied for database",
    );
    refused(
        &db,
        "cpni_app",
        "UPDATE schema_version SET version = 1",
        "permission denied",
    );
    // The state tables keep their rows and identity.
    for (t, c) in [
        ("agent", "login"),
        ("agent", "created_at"),
        ("customer", "account"),
        ("customer", "created_at"),
        ("breach", "id"),
        ("breach", "opened_at"),
    ] {
        refused(
            &db,
            "cpni_app",
            &format!("UPDATE {t} SET {c} = {c}"),
            &format!("permission denied for table {t}"),
        );
    }
    for t in [
        "agent",
        "customer",
        "breach",
        "session",
        "code",
        "outbox",
        "audit_head",
        "row_seal",
    ] {
        refused(
            &db,
            "cpni_app",
            &format!("DELETE FROM {t}"),
            &format!("permission denied for table {t}"),
        );
        refused(
            &db,
            "cpni_app",
            &format!("TRUNCATE {t} CASCADE"),
            &format!("permission denied for table {t}"),
        );
    }
    // Columns cpni never changes in place stay fixed (column-level grants).
    for (t, c) in [
        ("customer", "name"),
        ("customer", "account_rep"),
        ("session", "agent"),
        ("session", "account"),
        ("session", "started_at"),
        ("code", "digest"),
        ("code", "issued_at"),
        ("outbox", "recipient"),
        ("outbox", "message_id"),
        ("breach", "description"),
        ("breach", "determined_at"),
        ("agent", "name"),
    ] {
        refused(
            &db,
            "cpni_app",
            &format!("UPDATE {t} SET {c} = {c}"),
            &format!("permission denied for table {t}"),
        );
    }
    assert_eq!(before, log_rows(&db), "a refused statement changed the log");
}

#[test]
fn pg_owner_is_refused_by_the_triggers_where_sqlite_refuses() {
    let db = seeded();
    let before = log_rows(&db);
    let cases: &[(&str, &str)] = &[
        (
            "UPDATE audit SET detail = 'x' WHERE seq = 3",
            "audit records are append-only",
        ),
        (
            "DELETE FROM audit WHERE seq = 2",
            "audit records are append-only",
        ),
        ("TRUNCATE audit CASCADE", "audit records are append-only"),
        (
            "INSERT INTO audit_base VALUES (1, '\\x01', 't', 1, NULL, NULL)",
            "an audit base must name an existing record after the previous base",
        ),
        (
            "INSERT INTO audit_base VALUES (2, '\\x09', 't', 1, NULL, NULL)",
            "an audit base must name an existing record after the previous base",
        ),
        (
            "INSERT INTO audit_base VALUES (9, '\\x09', 't', 1, NULL, NULL)",
            "an audit base must name an existing record after the previous base",
        ),
        (
            "UPDATE audit_base SET records = 2",
            "audit bases are append-only",
        ),
        ("DELETE FROM audit_base", "audit bases are append-only"),
        (
            "UPDATE consent SET evidence = 'x'",
            "the approval history is append-only",
        ),
        ("DELETE FROM consent", "the approval history is append-only"),
        (
            "UPDATE complaint SET description = 'x'",
            "complaints are append-only",
        ),
        ("DELETE FROM complaint", "complaints are append-only"),
        (
            "UPDATE contact_history SET value = 'x'",
            "contact history is append-only",
        ),
        (
            "DELETE FROM contact_history",
            "contact history is append-only",
        ),
        (
            "UPDATE audit_checkpoint SET body = 'x'",
            "stored checkpoints are append-only",
        ),
        (
            "DELETE FROM audit_checkpoint",
            "stored checkpoints are append-only",
        ),
        (
            "UPDATE audit_manifest SET body = 'x'",
            "export manifests are append-only",
        ),
        (
            "DELETE FROM audit_manifest",
            "export manifests are append-only",
        ),
        ("DELETE FROM breach_link", "breach links are append-only"),
        (
            "UPDATE breach_link SET agent = 'x'",
            "breach links are append-only",
        ),
        (
            "DELETE FROM breach_account",
            "breach accounts are append-only",
        ),
        (
            "UPDATE breach_account SET account = account",
            "breach accounts are append-only",
        ),
        ("DELETE FROM breach_hold", "breach holds are append-only"),
        (
            "UPDATE breach_hold SET until_on = 'x'",
            "breach holds are append-only",
        ),
        (
            "DELETE FROM breach_notice",
            "breach notices are append-only",
        ),
        (
            "UPDATE breach_notice SET reference = 'x'",
            "breach notices are append-only",
        ),
        (
            "UPDATE breach SET opened_at = 'x'",
            "a breach keeps its id and opening time",
        ),
        (
            "UPDATE breach SET id = 7",
            "a breach keeps its id and opening time",
        ),
        (
            "DELETE FROM agent WHERE login = 'nobody' OR true",
            "agents are disabled, never deleted",
        ),
        (
            "UPDATE agent SET created_at = 'x'",
            "an agent keeps its login and creation time",
        ),
        (
            "UPDATE customer SET account = 'C2'",
            "a customer keeps its account and creation time",
        ),
        (
            "UPDATE customer SET created_at = 'x'",
            "a customer keeps its account and creation time",
        ),
    ];
    for (sql, msg) in cases {
        refused(&db, "cpni_owner", sql, msg);
    }
    // TRUNCATE fires no DELETE trigger: each append-only table refuses it on its own.
    for t in APPEND_ONLY.iter().chain(&["breach", "agent", "customer"]) {
        let o = psql(
            "cpni_owner",
            &db.name,
            &format!("TRUNCATE {t} CASCADE"),
            true,
        );
        assert!(
            !o.ok
                && (o.stderr.contains("are append-only")
                    || o.stderr.contains("is append-only")
                    || o.stderr.contains("never deleted")),
            "owner TRUNCATE {t}: {}",
            o.stderr
        );
    }
    assert_eq!(before, log_rows(&db), "a refused statement changed the log");
    // The purge path: records at or below the newest base may go, in the same transaction as
    // the base that allows it; the ones after it stay.
    psql_ok(
        "cpni_owner",
        &db.name,
        "INSERT INTO audit_base VALUES (2, '\\x02', 't5', 1, NULL, NULL); \
         DELETE FROM audit WHERE seq <= 2;",
    );
    assert_eq!(
        psql_ok(
            "cpni_app",
            &db.name,
            "SELECT string_agg(seq::text, ',') FROM audit"
        )
        .trim(),
        "3"
    );
    refused(
        &db,
        "cpni_owner",
        "DELETE FROM audit WHERE seq <= 3",
        "audit records are append-only",
    );
}

/// Every kind of write cpni's steps make, as cpni_app: the statements of src/store/*.rs.
#[test]
fn pg_app_role_can_do_what_cpni_steps_do() {
    let db = seeded();
    let steps = format!(
        "SELECT pg_advisory_xact_lock({WRITER_LOCK});
INSERT INTO agent (login, name, role, active, created_at, updated_at) VALUES ('bob', '', 'agent', 1, 't', 't');
UPDATE agent SET role = 'supervisor', updated_at = 't' WHERE login = 'bob';
UPDATE agent SET active = 0, updated_at = 't' WHERE login = 'bob';
INSERT INTO customer (account, name, phone, phone_since, email, email_since, street, city,
    region, postal_code, country, postal_since, created_at, updated_at)
    VALUES ('C2', 'Bo', '+1', 't', 'b@x', 't', 's', 'c', 'r', 'p', 'US', 't', 't', 't');
UPDATE customer SET failures = 1, lock_level = 1, locked_until = 't', updated_at = 't' WHERE account = 'C1';
UPDATE customer SET pin_hash = 'h', pin_must_change = 0, pin_set_at = 't', temp_pin_hash = NULL,
    temp_pin_set_at = NULL, updated_at = 't' WHERE account = 'C1';
UPDATE customer SET temp_pin_hash = 'h', temp_pin_set_at = 't', pin_must_change = 1, updated_at = 't' WHERE account = 'C1';
UPDATE customer SET contract_method = 'callback', contract_secret_hash = NULL, contract_callback = '+1',
    contract_callback_since = 't', contract_set_at = 't', updated_at = 't' WHERE account = 'C1';
UPDATE customer SET pin_hash = 'h2' WHERE account = 'C1';
UPDATE customer SET backup_hash = 'h', backup_set_at = 't', updated_at = 't' WHERE account = 'C1';
UPDATE customer SET email = 'n@x', email_since = 't', updated_at = 't' WHERE account = 'C1';
UPDATE customer SET phone = '+2', phone_since = 't', updated_at = 't' WHERE account = 'C1';
UPDATE customer SET street = 's', city = 'c', region = 'r', postal_code = 'p', country = 'CA',
    postal_since = 't', updated_at = 't' WHERE account = 'C1';
INSERT INTO session (id, account, agent, channel, started_at, last_active_at) VALUES ('S2', 'C1', 'ann', 'outbound', 't', 't');
UPDATE session SET secret_failures = secret_failures + 1, last_active_at = 't' WHERE id = 'S2' AND ended_at IS NULL;
UPDATE session SET basis = 'pin', verified_at = coalesce(verified_at, 't'), last_active_at = 't' WHERE id = 'S2' AND ended_at IS NULL;
UPDATE session SET owner = 'sue', last_active_at = 't' WHERE id = 'S2' AND ended_at IS NULL;
UPDATE session SET callback_started_at = 't', callback_number = '+1', callback_route = 'record', last_active_at = 't' WHERE id = 'S2';
UPDATE session SET callback_started_at = NULL WHERE id = 'S2' AND ended_at IS NULL;
UPDATE session SET ended_at = 't', end_reason = 'ended' WHERE id = 'S2' AND ended_at IS NULL;
UPDATE code SET superseded = 1 WHERE account = 'C1' AND channel = 'email' AND used_at IS NULL;
INSERT INTO code (account, session, channel, digest, issued_at, expires_at) VALUES ('C1', 'S2', 'email', '\\x01', 't', 't');
UPDATE code SET used_at = 't' WHERE id = 2 AND used_at IS NULL;
INSERT INTO outbox (created_at, account, kind, channel, recipient, subject, body, message_id)
    VALUES ('t', 'C1', 'email-code', 'email', 'a@x', 's', 'b', 'm2');
SELECT id FROM outbox WHERE status = 'queued' ORDER BY id FOR UPDATE SKIP LOCKED;
UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = 't', path = NULL,
    last_error = NULL, next_try_at = NULL, body = NULL WHERE id = 1 AND status = 'queued';
UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = 'e', next_try_at = NULL,
    body = NULL, attachment = NULL WHERE id = 2 AND status = 'queued';
INSERT INTO audit (seq, at, actor, on_behalf_of, account, session, event, detail, prev_hash, hash)
    VALUES (4, 't', 'ann', '', 'C1', 'S2', 'e', '{{}}', '\\x03', '\\x04');
INSERT INTO audit_head (id, seq, hash, base_seq, at, public_key, signature) VALUES (1, 4, '\\x04', 1, 't', 'k', 's')
    ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, base_seq = excluded.base_seq,
    at = excluded.at, public_key = excluded.public_key, signature = excluded.signature;
INSERT INTO row_seal (name, digest, seq) VALUES ('customer/C1', 'd2', 4)
    ON CONFLICT (name) DO UPDATE SET digest = excluded.digest, seq = excluded.seq;
INSERT INTO consent (account, kind, via, agent, recorded_at) VALUES ('C1', 'notice', 'email', 'ann', 't');
INSERT INTO breach (rule, description, discovered_at, determined_at, determined_on, opened_by, opened_at)
    VALUES ('2007', 'd', 't', 't', 'd', 'ann', 't');
INSERT INTO breach_account VALUES (2, 'C1') ON CONFLICT DO NOTHING;
INSERT INTO breach_link VALUES (1, 'S1', 'ann', 't') ON CONFLICT DO NOTHING;
INSERT INTO breach_hold (breach, until_on, reference, agent, recorded_at) VALUES (2, 'd', NULL, 'ann', 't');
INSERT INTO breach_notice (breach, party, at, on_date, agent, recorded_at) VALUES (2, 'fcc', 't', 'd', 'ann', 't');
UPDATE breach SET closed_at = 't', closed_by = 'ann', close_reason = 'r' WHERE id = 2 AND closed_at IS NULL;
INSERT INTO complaint (account, category, description, agent, received_at) VALUES ('C1', 'pretexting', 'd', 'ann', 't');
INSERT INTO contact_history (account, kind, value, since, until) VALUES ('C1', 'email', 'a@x', 't', 't');
INSERT INTO audit_checkpoint VALUES (4, '{{}}');
INSERT INTO audit_manifest VALUES (4, '{{}}');
INSERT INTO agent_key VALUES ('SHA256:y', 'bob', 'ssh-ed25519', 'AAAA', 'c', 't');
DELETE FROM agent_key WHERE fingerprint = 'SHA256:x';
CREATE TEMPORARY TABLE xref (seq bigint PRIMARY KEY);
SELECT 'done';"
    );
    let out = psql_ok("cpni_app", &db.name, &steps);
    assert!(out.ends_with("done\n"), "{out}");
    let check = psql_ok(
        "cpni_app",
        &db.name,
        "SELECT (SELECT seq FROM audit_head), (SELECT ended_at FROM session WHERE id = 'S2'), \
         (SELECT status FROM outbox WHERE id = 1), (SELECT count(*) FROM agent_key), \
         (SELECT digest FROM row_seal), (SELECT closed_by FROM breach WHERE id = 2);",
    );
    assert_eq!(check.trim(), "4|t|sent|1|d2|ann");
}
