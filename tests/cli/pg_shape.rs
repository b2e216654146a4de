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
use super::pg_connect::{Throwaway, ca, empty_db, host, objects, secret_file, tls_host, url};
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
        // A function of its own in public is itself refused now (the re-attack's C1).
        if args[0] != "init" {
            r.code(6)
                .stderr_has("schema public has a function cpni did not create");
        }
    }
}

/// The re-attack (C1, H1, M1, L2): the owner's exact-type `public.to_jsonb(customer)` beat the
/// built-in inside cpni's capture trigger and rewrote the lockout counters unseen (15 wrong
/// PINs, no lock, verify passed); a `public.unnest` blinded the shape check; a superuser's
/// event trigger could add a trigger to cpni's temporary capture table; a child table of a
/// cpni table. Each refuses every command, nothing recorded. And a day-to-day role allowed to
/// CREATE in public (it could plant the same function itself) is refused as pg-app-role.
#[test]
fn pg_functions_operators_event_triggers_and_children_in_public_refuse_every_command() {
    let (db, env) = demo();
    let owner = |sql: &str| psql_ok("cpni_owner", &db.name, sql);
    owner(
        "CREATE FUNCTION public.to_jsonb(r public.customer) RETURNS jsonb LANGUAGE sql AS \
         $$ SELECT pg_catalog.to_jsonb(r.account) $$",
    );
    refused(
        &db,
        &env,
        "schema public has a function cpni did not create: to_jsonb(customer)",
    );
    owner("DROP FUNCTION public.to_jsonb(public.customer)");
    owner(
        "CREATE FUNCTION public.unnest(text[]) RETURNS SETOF text LANGUAGE sql AS \
         $$ SELECT NULL::text WHERE false $$",
    );
    refused(&db, &env, "function cpni did not create: unnest(text[])");
    owner("DROP FUNCTION public.unnest(text[])");
    owner(
        "CREATE OPERATOR public.=== (LEFTARG = text, RIGHTARG = text, \
         FUNCTION = pg_catalog.texteq)",
    );
    refused(&db, &env, "schema public has an operator");
    owner("DROP OPERATOR public.=== (text, text)");
    owner("CREATE TABLE zchild () INHERITS (customer)");
    refused(&db, &env, "table customer is inherited by another table");
    owner("DROP TABLE zchild");
    psql_ok(
        "postgres",
        &db.name,
        "CREATE FUNCTION public.zz_evt() RETURNS event_trigger LANGUAGE plpgsql AS \
         $$ BEGIN END $$; CREATE EVENT TRIGGER zz ON ddl_command_end EXECUTE FUNCTION public.zz_evt()",
    );
    refused(&db, &env, "an event trigger exists: zz");
    psql_ok(
        "postgres",
        &db.name,
        "DROP EVENT TRIGGER zz; DROP FUNCTION public.zz_evt()",
    );
    let r = env.run(&["customer", "show", ADA]);
    assert_eq!(r.code, 0, "nothing foreign is left: {}", r.dump());
    owner("GRANT CREATE ON SCHEMA public TO cpni_app");
    env.run(&["--json", "customer", "show", ADA])
        .code(2)
        .stderr_has("pg-app-role")
        .stderr_has("may CREATE");
}

/// The third attack (F1, F2): a CHECK, a column default, an expression index, a column of a
/// domain, each calling a function of another schema, and foreign keys to or from a table that
/// is not cpni's (its triggers would run the owner's code). On the code before, the CHECK made
/// a wrong PIN verify the session while `audit verify` passed.
#[test]
fn pg_constraints_defaults_indexes_and_columns_using_foreign_code_refuse_every_command() {
    let (db, env) = demo();
    let owner = |sql: &str| psql_ok("cpni_owner", &db.name, sql);
    let s = super::calls::start(&env, ADA);
    owner(super::pg_guard::EVIL_CHECK);
    refused(
        &db,
        &env,
        "constraint customer_ok on table customer uses function evil.verify(text)",
    );
    let wrong = pin(&env, &s, "000000");
    assert_eq!(wrong.code, 6, "{}", wrong.dump());
    owner("ALTER TABLE public.customer DROP CONSTRAINT customer_ok");
    for (sql, what) in [
        (
            "ALTER TABLE public.session ALTER COLUMN owner SET DEFAULT evil.verify('x')::text",
            "default value for column owner of table session uses function evil.verify(text)",
        ),
        (
            "CREATE DOMAIN evil.t AS text CHECK (evil.verify(VALUE)); \
             ALTER TABLE public.outbox ADD COLUMN zz evil.t",
            "column zz of table outbox uses type evil.t",
        ),
        (
            "CREATE TABLE evil.side (a text PRIMARY KEY); ALTER TABLE public.customer \
             ADD CONSTRAINT fk_evil FOREIGN KEY (account) REFERENCES evil.side (a) NOT VALID",
            "foreign key fk_evil links customer to evil.side",
        ),
        (
            "CREATE TABLE evil.back (a text REFERENCES public.customer (account) ON UPDATE CASCADE)",
            "foreign key back_a_fkey links evil.back to customer",
        ),
        // The re-attack: built-ins, which pg_depend never lists.
        (
            "ALTER TABLE public.session ADD CONSTRAINT session_sp CHECK (pg_catalog.set_config(\
             'search_path', 'evil, pg_catalog, public', true) IS NOT NULL) NOT VALID",
            "constraint session_sp on table session calls set_config(text,text,boolean)",
        ),
        (
            "ALTER TABLE public.customer ADD CONSTRAINT qx CHECK (pg_catalog.query_to_xml(\
             'SELECT evil.verify(''x'')', true, false, '') IS NOT NULL) NOT VALID",
            "constraint qx on table customer calls query_to_xml(",
        ),
        (
            "ALTER TABLE public.session ALTER COLUMN callback_number SET DEFAULT (CASE WHEN \
             pg_catalog.query_to_xml('SELECT 1', true, false, '') IS NULL THEN 'x' END)",
            "the default of column callback_number of table session calls query_to_xml(",
        ),
    ] {
        owner(sql);
        refused(&db, &env, what);
        owner(
            "DROP SCHEMA evil CASCADE; CREATE SCHEMA evil; \
               CREATE FUNCTION evil.verify(acct text) RETURNS boolean LANGUAGE sql AS 'SELECT true'",
        );
        for undo in [
            "ALTER TABLE public.session ALTER COLUMN owner DROP DEFAULT",
            "ALTER TABLE public.session ALTER COLUMN callback_number DROP DEFAULT",
            "ALTER TABLE public.session DROP CONSTRAINT IF EXISTS session_sp",
            "ALTER TABLE public.customer DROP CONSTRAINT IF EXISTS qx",
        ] {
            owner(undo);
        }
    }
    // The re-attack of that fix: objects of cpni's kinds that call nothing foreign. A CHECK
    // `failures = 0` rolled back every wrong PIN (no lockout, no record of the attempt); a
    // constant default on session.owner gave every new session to another agent; an UNLOGGED
    // audit table is emptied by a crash. Each is refused; so is a cpni constraint replaced by
    // one of the same name on another column.
    for (sql, what, undo) in [
        (
            "ALTER TABLE public.customer ADD CONSTRAINT c_nofail CHECK (failures = 0) NOT VALID",
            "table customer has a constraint cpni did not make (or changed): c_nofail",
            "ALTER TABLE public.customer DROP CONSTRAINT c_nofail",
        ),
        (
            "ALTER TABLE public.session ALTER COLUMN owner SET DEFAULT 'mallory'",
            "table session has a default on column cpni did not make (or changed): owner",
            "ALTER TABLE public.session ALTER COLUMN owner DROP DEFAULT",
        ),
        (
            "ALTER TABLE public.session ALTER COLUMN secret_failures SET DEFAULT -1000",
            "table session has a default on column cpni did not make (or changed): secret_failures",
            "ALTER TABLE public.session ALTER COLUMN secret_failures SET DEFAULT 0",
        ),
        (
            "ALTER TABLE public.customer DROP CONSTRAINT customer_pin_must_change_check; \
             ALTER TABLE public.customer ADD CONSTRAINT customer_pin_must_change_check \
             CHECK (failures = 0) NOT VALID",
            "table customer has a constraint cpni did not make (or changed): customer_pin_must_change_check",
            "ALTER TABLE public.customer DROP CONSTRAINT customer_pin_must_change_check; \
             ALTER TABLE public.customer ADD CONSTRAINT customer_pin_must_change_check \
             CHECK (pin_must_change IN (0, 1))",
        ),
        (
            // The fourth round: a whole-row reference hid `failures` from the signature.
            "ALTER TABLE public.customer DROP CONSTRAINT customer_pin_must_change_check; \
             ALTER TABLE public.customer ADD CONSTRAINT customer_pin_must_change_check \
             CHECK (pin_must_change IN (0, 1) AND (COALESCE(customer, customer)).failures = 0) \
             NOT VALID",
            "constraint customer_pin_must_change_check on table customer reads the whole row",
            "ALTER TABLE public.customer DROP CONSTRAINT customer_pin_must_change_check; \
             ALTER TABLE public.customer ADD CONSTRAINT customer_pin_must_change_check \
             CHECK (pin_must_change IN (0, 1))",
        ),
        (
            "ALTER TABLE public.audit SET UNLOGGED",
            "table audit is UNLOGGED",
            "ALTER TABLE public.audit SET LOGGED",
        ),
    ] {
        owner(sql);
        refused(&db, &env, what);
        owner(undo);
    }
    owner("DROP SCHEMA evil CASCADE");
    assert_eq!(pin(&env, &s, ADA_PIN).ok().json()["verified"], true);
    env.run(&["audit", "verify"]).ok();
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
    // On the table read first at open, too (it is checked before any table is read).
    psql_ok(
        "cpni_owner",
        &db.name,
        "ALTER TABLE session NO FORCE ROW LEVEL SECURITY; \
         ALTER TABLE schema_version ENABLE ROW LEVEL SECURITY",
    );
    refused(
        &db,
        &env,
        "table schema_version is under row-level security",
    );
    psql_ok(
        "cpni_owner",
        &db.name,
        "ALTER TABLE schema_version DISABLE ROW LEVEL SECURITY",
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

/// A psql session as cpni_app holding an advisory lock until dropped.
struct Holder(std::process::Child);

impl Holder {
    /// Takes the claim (advisory lock) of outbox item `id` on the test server.
    fn take(db: &Db, id: i64) -> Holder {
        let (h, port) = server();
        let class = i32::from_be_bytes(*b"cpnc") ^ ((id >> 32) as i32);
        let lock = format!("{class}, {}", id as i32);
        Holder::lock(&h, &port, &db.name, &lock, &|sql| {
            psql_ok("postgres", &db.name, sql)
        })
    }

    /// `SELECT pg_advisory_lock(KEY)` as cpni_app on `host:port/db`, waiting until `query`
    /// (as a superuser) shows it granted.
    fn lock(host: &str, port: &str, db: &str, key: &str, query: &dyn Fn(&str) -> String) -> Holder {
        let child = Command::new("psql")
            .args([
                "-X", "-q", "-At", "-h", host, "-p", port, "-U", "cpni_app", "-d", db,
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("psql");
        let mut held = Holder(child);
        let mut stdin = held.0.stdin.take().unwrap();
        writeln!(stdin, "SELECT pg_advisory_lock({key});").unwrap();
        std::mem::forget(stdin); // kept open: the session (and its lock) lives on
        let until = Instant::now() + Duration::from_secs(10);
        loop {
            let n = query(
                "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid \
                 WHERE l.locktype = 'advisory' AND l.granted AND a.usename = 'cpni_app'",
            );
            if n.trim() != "0" {
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

/// Every process of a throw-away server's cluster (the postmaster and its children) stopped
/// with SIGSTOP until dropped (SIGCONT): a stall, not a close, since the kernel still accepts
/// and acknowledges.
struct Frozen(Vec<i32>);

impl Frozen {
    fn new(s: &Throwaway) -> Frozen {
        let pidfile = std::fs::read_to_string(format!("{}/data/postmaster.pid", s.dir)).unwrap();
        let master: i32 = pidfile.lines().next().unwrap().trim().parse().unwrap();
        let mut pids = vec![master];
        for e in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
                continue;
            };
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            // "pid (comm) state ppid …": the fields after the last ')'.
            let ppid = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1)?.parse::<i32>().ok());
            if ppid == Some(master) {
                pids.push(pid);
            }
        }
        for p in &pids {
            // SAFETY: kill(2) on a process of the server this test started.
            unsafe { libc::kill(*p, libc::SIGSTOP) };
        }
        Frozen(pids)
    }
}

impl Drop for Frozen {
    fn drop(&mut self) {
        for p in &self.0 {
            // SAFETY: as above.
            unsafe { libc::kill(*p, libc::SIGCONT) };
        }
    }
}

/// Runs cpni `args`, killed (and the test failed) if it has not ended within `limit`.
fn run_within(env: &Env, args: &[&str], limit: Duration) -> (i32, String, Duration) {
    let t = Instant::now();
    let mut child = env
        .command(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cpni");
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
            return (status.code().unwrap_or(-1), err, t.elapsed());
        }
        if t.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("cpni {args:?} still running after {limit:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Finding 3(a): a server that stops answering once connected (every process of its cluster
/// SIGSTOPped) made a command hang forever; now it ends with exit 5 `pg-stalled` within the
/// bound (`query_timeout_secs` = 2 here, plus the lock wait or the login's connect timeout),
/// whether the stall comes before the login or while a step waits for the writer lock, and
/// nothing is recorded.
#[test]
fn pg_a_server_that_stops_answering_is_exit_5_within_the_bound() {
    let s = Throwaway::start();
    s.cpni_database();
    let url = format!(
        "postgresql://cpni_app@127.0.0.1:{}/cpni?sslmode=require",
        s.port
    );
    let env = host(&url, "lock_timeout_secs = 2\nquery_timeout_secs = 2\n");
    env.run(&["init", "--demo"]).ok();
    let count = || {
        s.psql("cpni", "SELECT count(*) FROM audit")
            .trim()
            .to_string()
    };
    let before = count();
    {
        let _f = Frozen::new(&s);
        let (code, err, took) =
            run_within(&env, &["customer", "show", ADA], Duration::from_secs(60));
        assert_eq!(code, 5, "{err}");
        assert!(err.contains("stopped answering"), "{err}");
        assert!(took < Duration::from_secs(30), "took {took:?}");
    }
    // Stalled while the step waits for the writer lock another session holds.
    let key = cpni::store::pg::WRITER_LOCK.to_string();
    let holder = Holder::lock(&s.host, &s.port, "cpni", &key, &|sql| s.psql("cpni", sql));
    let mut child = env
        .command(&["session", "start", ADA])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cpni");
    std::thread::sleep(Duration::from_millis(1500));
    let frozen = Frozen::new(&s);
    let t = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if t.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            drop(frozen);
            panic!("session start still waits 60 s after the server stopped: it hangs");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    drop(frozen);
    assert_eq!(status.code(), Some(5), "{err}");
    assert!(err.contains("stopped answering"), "{err}");
    drop(holder);
    assert_eq!(count(), before, "a stalled step recorded something");
    env.run(&["session", "start", ADA]).ok();
    env.run(&["audit", "verify"]).ok();
}

/// Finding 3(b) on SQLite: the claim there waited forever too (`F_OFD_SETLKW`); it is now
/// bounded by the same `[storage] lock_timeout_secs`. The test holds the item's byte of
/// `<db>.outbox.lock` itself (an open-file-description lock, as cpni takes it).
#[test]
fn sqlite_a_held_outbox_claim_is_busy_within_the_lock_timeout() {
    use std::os::fd::AsRawFd;
    let env = Env::new();
    env.write_config(&format!(
        "{TEST_CONFIG}\n[mail]\ntransport = \"smtp\"\nfrom = \"Acme <no-reply@acme.example>\"\n\
         [mail.smtp]\nhost = \"127.0.0.1\"\nport = {}\ntls = \"none\"\ntimeout_secs = 2\n\
         [storage]\nlock_timeout_secs = 1\n",
        super::smtp::free_port()
    ));
    env.run(&["init", "--demo"]).ok();
    let s = start(&env, ADA);
    env.run(&["session", "email-code", &s])
        .code(7)
        .stderr_has("stays queued");
    let id: i64 = super::util::sqlite3(&env.db(), "SELECT max(id) FROM outbox")
        .trim()
        .parse()
        .unwrap();
    env.edit_behind(
        &[],
        "UPDATE outbox SET next_try_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 second');",
    );
    let mut lock = env.db().into_os_string();
    lock.push(".outbox.lock");
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&lock)
        .expect("the outbox lock file");
    // SAFETY: a zeroed flock is valid; fcntl on an open descriptor.
    let mut fl: libc::flock = unsafe { std::mem::zeroed() };
    fl.l_type = libc::F_WRLCK as _;
    fl.l_whence = libc::SEEK_SET as _;
    fl.l_start = id as libc::off_t;
    fl.l_len = 1;
    assert_eq!(
        unsafe { libc::fcntl(file.as_raw_fd(), libc::F_OFD_SETLK, &mut fl) },
        0
    );
    let (code, err, took) =
        run_within(&env, &["--json", "notify", "send"], Duration::from_secs(60));
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("\"busy\""), "{err}");
    assert!(err.contains(&format!("outbox item {id}")), "{err}");
    assert!(took < Duration::from_secs(15), "took {took:?}");
    drop(file);
    let status = super::util::sqlite3(
        &env.db(),
        &format!("SELECT status FROM outbox WHERE id = {id}"),
    );
    assert_eq!(status.trim(), "queued");
}
