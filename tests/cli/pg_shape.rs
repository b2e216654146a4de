//! The second security review of the PostgreSQL backend (issue 16), each finding as an attack
//! on a real server (`scripts/pg-server.sh`; a missing server fails every test here): a schema
//! named after the day-to-day role with a view in front of `customer` (its `INSTEAD OF`
//! trigger keeps the lockout counters), row-level security or a policy on `customer`, a view
//! swapped in for the table, `session_replication_role = replica` set for the role (every
//! trigger off): each refuses every command (exit 6 `foreign-object`, nothing recorded). The
//! role's own settings (`ALTER ROLE … IN DATABASE … SET default_transaction_read_only = on`,
//! `search_path`, `statement_timeout`) change nothing. An outbox item whose claim another
//! session holds is exit 5 `busy` within `[storage] lock_timeout_secs`, not a hang. A URL whose
//! role or database holds a control character, or a broken percent-encoding, is exit 2 before
//! anything connects.
//!
//! Role settings are set `IN DATABASE` the test's own database, so they never reach another
//! test's.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::calls::{ADA, ADA_PIN, pin, start};
use super::pg_connect::{ca, empty_db, objects, secret_file, tls_host, url};
use super::pg_schema::{Db, psql_ok, server};
use super::util::{Env, TEST_CONFIG};

/// The events of the log, oldest first.
fn events(db: &Db) -> Vec<String> {
    psql_ok("postgres", &db.name, "SELECT event FROM audit ORDER BY seq")
        .lines()
        .map(str::to_string)
        .collect()
}

/// A host of a fresh database after `cpni init --demo`.
fn demo() -> (Db, Env) {
    let db = empty_db();
    let env = tls_host(&db);
    env.run(&["init", "--demo"]).ok();
    (db, env)
}

/// Every command is refused with exit 6 `foreign-object` naming `what`, nothing recorded.
#[track_caller]
fn refused(db: &Db, env: &Env, what: &str) {
    let before = events(db);
    for args in [
        &["session", "start", ADA][..],
        &["audit", "verify"],
        &["customer", "show", ADA],
    ] {
        let j = env.run(&[&["--json"], args].concat()).code(6).json_err();
        assert_eq!(j["error"]["code"], "foreign-object", "{args:?}: {j}");
        let msg = j["error"]["message"].as_str().unwrap();
        assert!(msg.contains(what), "{args:?}: {msg}");
        let hint = j["error"]["hint"].as_str().unwrap_or_default();
        assert!(hint.contains("evidence"), "{args:?}: {hint}");
    }
    assert_eq!(events(db), before, "a refused command recorded something");
}

/// The review's repro (finding 1): as the owner, a schema `cpni_app` with a view
/// `cpni_app.customer` whose INSTEAD OF UPDATE trigger never changes the lockout counters.
/// Before the fix the day-to-day role's default search_path ("$user", public) found the view:
/// 12 wrong PINs over 4 sessions never locked the account.
#[test]
fn pg_a_schema_named_after_the_role_cannot_shadow_the_tables() {
    let (db, env) = demo();
    psql_ok(
        "cpni_owner",
        &db.name,
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/cli/pg_shadow.sql"
        ))
        .unwrap(),
    );
    refused(&db, &env, "schema cpni_app has customer");
}

/// The review's note on finding 1: the owner's connection (`audit purge`, `cpni init`) had
/// `public` ahead of `pg_catalog`, so a function in `public` with a built-in's name and
/// arguments ran instead of the built-in. With `pg_catalog` first it is never called.
#[test]
fn pg_a_function_in_public_cannot_shadow_a_built_in_on_the_owner_connection() {
    let (db, env) = demo();
    psql_ok(
        "cpni_owner",
        &db.name,
        "CREATE FUNCTION public.pg_get_triggerdef(oid) RETURNS text LANGUAGE plpgsql AS \
         $$ BEGIN RAISE EXCEPTION 'shadowed built-in called'; END $$",
    );
    for args in [
        &["audit", "purge", "--before", "2020-01-01"][..],
        &["init"],
        &["audit", "verify"],
    ] {
        let r = env.run(args);
        assert!(!r.stderr.contains("shadowed"), "{args:?}: {}", r.dump());
        r.ok();
    }
}

/// Finding 2: row-level security whose UPDATE policy hides one customer.
#[test]
fn pg_row_level_security_on_a_table_refuses_every_command() {
    let (db, env) = demo();
    psql_ok(
        "cpni_owner",
        &db.name,
        &format!(
            "ALTER TABLE customer ENABLE ROW LEVEL SECURITY; \
             CREATE POLICY s ON customer FOR SELECT USING (true); \
             CREATE POLICY i ON customer FOR INSERT WITH CHECK (true); \
             CREATE POLICY u ON customer FOR UPDATE USING (account <> '{ADA}')"
        ),
    );
    refused(&db, &env, "table customer is under row-level security");
    // A policy alone (row-level security not enabled yet) is refused too, as is FORCE.
    psql_ok(
        "cpni_owner",
        &db.name,
        "ALTER TABLE customer DISABLE ROW LEVEL SECURITY",
    );
    refused(
        &db,
        &env,
        "table customer is under a row-level security policy",
    );
    psql_ok(
        "cpni_owner",
        &db.name,
        "DROP POLICY s ON customer; DROP POLICY i ON customer; DROP POLICY u ON customer; \
         ALTER TABLE session FORCE ROW LEVEL SECURITY",
    );
    refused(
        &db,
        &env,
        "table session is under forced row-level security",
    );
    psql_ok(
        "cpni_owner",
        &db.name,
        "ALTER TABLE session NO FORCE ROW LEVEL SECURITY",
    );
    let s = start(&env, ADA);
    assert_eq!(pin(&env, &s, ADA_PIN).ok().json()["verified"], true);
}

/// Finding 2: a view swapped in for a table (the table renamed, a view of it under its name).
#[test]
fn pg_a_view_in_place_of_a_table_refuses_every_command() {
    let (db, env) = demo();
    psql_ok(
        "cpni_owner",
        &db.name,
        "ALTER TABLE consent RENAME TO consent_t; CREATE VIEW consent AS SELECT * FROM consent_t",
    );
    refused(&db, &env, "table consent is not a plain table (relkind v)");
}

/// Finding 2: `session_replication_role = replica`, set by a superuser for the day-to-day
/// role, turns off every trigger (the append-only ones, the capture): refused.
#[test]
fn pg_replica_session_replication_role_refuses_every_command() {
    let (db, env) = demo();
    psql_ok(
        "postgres",
        &db.name,
        &format!(
            "ALTER ROLE cpni_app IN DATABASE {} SET session_replication_role = replica",
            db.name
        ),
    );
    refused(&db, &env, "session_replication_role is replica");
}

/// Finding 5: the settings cpni depends on are set at login, so the role's own `ALTER ROLE …
/// SET` (the day-to-day role may set its own) changes nothing: before, a read-only default
/// failed every command on every host (exit 5).
#[test]
fn pg_role_settings_do_not_change_what_a_step_does() {
    let (db, env) = demo();
    psql_ok(
        "postgres",
        &db.name,
        &format!(
            "ALTER ROLE cpni_app IN DATABASE {0} SET default_transaction_read_only = on; \
             ALTER ROLE cpni_app IN DATABASE {0} SET search_path = nowhere; \
             ALTER ROLE cpni_app IN DATABASE {0} SET statement_timeout = '1ms'; \
             ALTER ROLE cpni_app IN DATABASE {0} SET default_transaction_isolation = serializable",
            db.name
        ),
    );
    let s = start(&env, ADA);
    assert_eq!(pin(&env, &s, ADA_PIN).ok().json()["verified"], true);
    env.run(&["session", "end", &s]).ok();
    env.run(&["audit", "verify"]).ok();
}

/// A host whose mail goes nowhere (an SMTP port nothing listens on) and whose lock timeout is
/// `secs`.
fn mail_host(db: &Db, secs: u32) -> Env {
    let env = Env::new();
    let app = secret_file(&env, "app-password", super::pg_connect::APP_PW);
    let owner = secret_file(&env, "owner-password", super::pg_connect::OWNER_PW);
    env.write_config(&format!(
        "db = \"{}\"\n{TEST_CONFIG}\n[mail]\ntransport = \"smtp\"\n\
         from = \"Acme <no-reply@acme.example>\"\n[mail.smtp]\nhost = \"127.0.0.1\"\n\
         port = {}\ntls = \"none\"\ntimeout_secs = 2\n\
         [storage]\npassword_file = \"{}\"\nowner_password_file = \"{}\"\nca_file = \"{}\"\n\
         lock_timeout_secs = {secs}\n",
        url(db, "?sslmode=verify-full"),
        super::smtp::free_port(),
        app.display(),
        owner.display(),
        ca()
    ));
    env
}

/// A psql session as cpni_app holding the claim (advisory lock) of outbox item `id` until
/// dropped.
struct Holder(std::process::Child);

impl Holder {
    fn take(db: &Db, id: i64) -> Holder {
        let (h, port) = server();
        let class = i32::from_be_bytes(*b"cpnc") ^ ((id >> 32) as i32);
        let child = Command::new("psql")
            .args(["-X", "-q", "-At", "-h", &h, "-p", &port, "-U", "cpni_app"])
            .args(["-d", &db.name])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("psql");
        let mut held = Holder(child);
        let mut stdin = held.0.stdin.take().unwrap();
        writeln!(stdin, "SELECT pg_advisory_lock({class}, {});", id as i32).unwrap();
        std::mem::forget(stdin); // kept open: the session (and its lock) lives on
        let until = Instant::now() + Duration::from_secs(10);
        loop {
            let n = psql_ok(
                "postgres",
                &db.name,
                &format!(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted \
                     AND classid::int = {class} AND objid::int = {}",
                    id as i32
                ),
            );
            if n.trim() == "1" {
                return held;
            }
            assert!(Instant::now() < until, "psql never took the lock");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Holder {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Finding 3(b): another session holding an outbox item's claim made `notify send` wait
/// forever; now it is exit 5 `busy` within the lock timeout, the item still queued.
#[test]
fn pg_a_held_outbox_claim_is_busy_within_the_lock_timeout() {
    let db = empty_db();
    let env = mail_host(&db, 1);
    env.run(&["init", "--demo"]).ok();
    let s = start(&env, ADA);
    env.run(&["session", "email-code", &s])
        .code(7)
        .stderr_has("stays queued");
    let id: i64 = psql_ok("postgres", &db.name, "SELECT max(id) FROM outbox")
        .trim()
        .parse()
        .unwrap();
    psql_ok(
        "cpni_owner",
        &db.name,
        "UPDATE outbox SET next_try_at = to_char((now() - interval '1 second') AT TIME ZONE 'UTC', \
         'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')",
    );
    let _held = Holder::take(&db, id);
    let t = Instant::now();
    let j = env.run(&["--json", "notify", "send"]).code(5).json_err();
    assert!(
        t.elapsed() < Duration::from_secs(15),
        "took {:?}",
        t.elapsed()
    );
    assert_eq!(j["error"]["code"], "busy", "{j}");
    let msg = j["error"]["message"].as_str().unwrap();
    assert!(msg.contains(&format!("outbox item {id}")), "{msg}");
    let status = psql_ok(
        "postgres",
        &db.name,
        &format!("SELECT status FROM outbox WHERE id = {id}"),
    );
    assert_eq!(status.trim(), "queued");
}

/// Finding 6: a NUL or control character in the decoded database or role, or a `%` not
/// followed by two hex digits in any part, is exit 2 naming the part; nothing connects (the
/// database stays empty: not even init's connection was made).
#[test]
fn pg_url_with_a_control_character_or_broken_percent_encoding_is_exit_2() {
    let db = empty_db();
    let env = tls_host(&db);
    let p = server().1;
    for (u, want) in [
        (
            format!("postgresql://cpni_app@127.0.0.1:{p}/d2%00x"),
            "database holds a NUL",
        ),
        (
            format!("postgresql://cpni_app@127.0.0.1:{p}/{}%0A", db.name),
            "database holds a NUL",
        ),
        (
            format!("postgresql://cpni%01app@127.0.0.1:{p}/{}", db.name),
            "role holds a NUL",
        ),
        (
            format!("postgresql://%%%@127.0.0.1:{p}/{}", db.name),
            "role has a %",
        ),
        (
            format!("postgresql://cpni_app@127.0.0.1:{p}/{}%zz", db.name),
            "database has a %",
        ),
        (
            format!(
                "postgresql://cpni_app@127.0.0.1:{p}/{}?sslmode=verify%2",
                db.name
            ),
            "parameters has a %",
        ),
    ] {
        for args in [&["init"][..], &["agent", "list"]] {
            env.run(&[&["--db", &u], args].concat())
                .code(2)
                .stderr_has(want);
        }
    }
    assert_eq!(objects(&db), 0);
}
