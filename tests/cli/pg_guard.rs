//! The last security gap of the PostgreSQL backend (issue 16), each attack on a real server
//! (`scripts/pg-server.sh`; a missing server fails every test here): a long-lived process
//! opens the database once and runs many steps, so an object created between its open and a
//! later step must stop that step (the check runs inside each step's write transaction,
//! `store::pg::guard`); the settings of cpni's trigger functions (`ALTER FUNCTION … SET
//! search_path`, `SECURITY DEFINER`, `OWNER TO`) and a disabled trigger refuse every command
//! (exit 6 `foreign-object`, naming the object); migration 5's qualified bodies ignore a
//! `public.to_jsonb(customer)` overload even where no check runs; and a database at migration
//! 4 is brought to 5 by `cpni init`, then verifies and runs steps.

use cpni::audit::{Actor, Event};
use cpni::store::pg::MIGRATIONS;

use super::calls::{ADA, ADA_PIN, pin, start};
use super::pg_connect::{empty_db, tls_host};
use super::pg_schema::{Db, psql, psql_ok};
use super::pg_steps::store_of;
use super::util::Env;

/// The third attack's F1 (as the tables' owner): a CHECK that marks the customer's open
/// session verified by PIN whenever cpni writes the customer row.
pub(crate) const EVIL_CHECK: &str = "CREATE SCHEMA evil; \
    CREATE FUNCTION evil.verify(acct text) RETURNS boolean LANGUAGE plpgsql AS $f$ \
    BEGIN UPDATE public.session SET basis = 'pin', verified_at = last_active_at \
    WHERE account = acct AND basis IS NULL AND ended_at IS NULL; RETURN true; END $f$; \
    ALTER TABLE public.customer ADD CONSTRAINT customer_ok CHECK (evil.verify(account)) NOT VALID";

/// `sql` (one `%I` for the schema) run in the temporary schema of the connection that made
/// `cpni_change` (the store's, the only one in a test's database).
fn in_store_temp_schema(sql: &str) -> String {
    format!(
        "DO $$ DECLARE n text; BEGIN SELECT s.nspname INTO STRICT n FROM pg_namespace s \
         WHERE EXISTS (SELECT FROM pg_class c WHERE c.relname = 'cpni_change' \
         AND c.relnamespace = s.oid); EXECUTE format('{}', n); END $$",
        sql.replace('\'', "''")
    )
}

fn as_owner(db: &Db, sql: &str) {
    psql_ok("cpni_owner", &db.name, sql);
}

fn as_super(db: &Db, sql: &str) {
    psql_ok("postgres", &db.name, sql);
}

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

/// The re-attack's overload (/tmp/reattack/tojsonb2.sql): while the capture calls it, it
/// resets the lockout counters behind the step and reports the reset row.
const TO_JSONB_OVERLOAD: &str = "CREATE FUNCTION public.to_jsonb(r public.customer) \
     RETURNS jsonb LANGUAGE plpgsql SET search_path = pg_catalog AS $f$ \
     BEGIN \
       IF r.failures > 0 THEN \
         PERFORM set_config('cpni.capture', 'off', true); \
         UPDATE public.customer SET failures = 0, lock_level = 0, locked_until = NULL \
           WHERE account = r.account; \
         PERFORM set_config('cpni.capture', 'on', true); \
       END IF; \
       RETURN pg_catalog.jsonb_build_object('forged', true); \
     END $f$";

/// One step of a process that opened the database once: the attack (run as `who`, after the
/// open and a first step that works) refuses the next step with exit 6 `foreign-object`
/// naming `what`, nothing recorded; after `undo`, the same process's next step works again.
#[test]
fn pg_an_object_created_after_open_stops_the_next_step_of_the_same_process() {
    let (db, env) = demo();
    let login = cpni::commands::context::os_login();
    let actor = Actor {
        login,
        on_behalf_of: None,
    };
    let mut store = store_of(&db, &env);
    let step = |store: &mut cpni::store::Db| {
        store.step(|w| {
            w.append(
                &actor,
                cpni::clock::now(),
                Event::new("customer.show").account(ADA),
            )
            .map(|_| ())
        })
    };
    step(&mut store).unwrap_or_else(|e| panic!("a step before any attack: {e}"));
    let attacks: &[(&str, &str, &str, &str)] = &[
        (
            "cpni_owner",
            TO_JSONB_OVERLOAD,
            "DROP FUNCTION public.to_jsonb(public.customer)",
            "schema public has a function cpni did not create: to_jsonb(customer)",
        ),
        (
            "cpni_owner",
            "ALTER FUNCTION cpni_capture() SET search_path = evil, public",
            "ALTER FUNCTION cpni_capture() SET search_path = pg_catalog, pg_temp",
            "function cpni_capture() is not as cpni made it (settings",
        ),
        (
            "cpni_owner",
            "ALTER FUNCTION cpni_capture() SECURITY DEFINER",
            "ALTER FUNCTION cpni_capture() SECURITY INVOKER",
            "function cpni_capture() is not as cpni made it (SECURITY DEFINER)",
        ),
        (
            "postgres",
            "ALTER FUNCTION audit_no_delete() OWNER TO postgres",
            "ALTER FUNCTION audit_no_delete() OWNER TO cpni_owner",
            "function audit_no_delete() is not as cpni made it (owner postgres)",
        ),
        (
            "postgres",
            "ALTER FUNCTION cpni_refuse() LEAKPROOF",
            "ALTER FUNCTION cpni_refuse() NOT LEAKPROOF",
            "",
        ),
        (
            "cpni_owner",
            "ALTER TABLE customer DISABLE TRIGGER customer_capture",
            "ALTER TABLE customer ENABLE TRIGGER customer_capture",
            "trigger customer_capture on customer is disabled",
        ),
        (
            "cpni_owner",
            "ALTER TABLE session ENABLE REPLICA TRIGGER session_capture",
            "ALTER TABLE session ENABLE TRIGGER session_capture",
            "trigger session_capture on session is enabled only as a replica",
        ),
        (
            "cpni_owner",
            "CREATE OR REPLACE FUNCTION public.cpni_capture() RETURNS trigger LANGUAGE plpgsql \
             SET search_path = pg_catalog, pg_temp AS $$ BEGIN RETURN NULL; END; $$",
            "",
            "function cpni_capture() was changed since this process opened the database",
        ),
        (
            "cpni_owner",
            "DROP TRIGGER code_capture ON code",
            "CREATE TRIGGER code_capture AFTER INSERT OR UPDATE OR DELETE ON code \
             FOR EACH ROW EXECUTE FUNCTION cpni_capture()",
            "trigger code_capture on code was dropped since this process opened the database",
        ),
        (
            "cpni_owner",
            "CREATE RULE quiet AS ON INSERT TO complaint DO INSTEAD NOTHING",
            "DROP RULE quiet ON complaint",
            "rule quiet on complaint",
        ),
        (
            "postgres",
            &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cli/pg_evt.sql"))
                .unwrap(),
            "DROP EVENT TRIGGER zz_evt; DROP FUNCTION public.zz_evt(); DROP FUNCTION public.zz_fake()",
            "an event trigger exists: zz_evt",
        ),
        // The third attack's F1: a CHECK calling a function of another schema, which runs in
        // cpni's transaction while capture records its writes (a wrong PIN verified).
        (
            "cpni_owner",
            EVIL_CHECK,
            "ALTER TABLE public.customer DROP CONSTRAINT customer_ok; DROP SCHEMA evil CASCADE",
            "constraint customer_ok on table customer uses function evil.verify(text)",
        ),
        (
            "cpni_owner",
            "CREATE SCHEMA evil; CREATE FUNCTION evil.ix(a text) RETURNS text LANGUAGE sql \
             IMMUTABLE AS 'SELECT a'; CREATE INDEX evil_ix ON public.customer (evil.ix(account))",
            "DROP SCHEMA evil CASCADE",
            "index evil_ix uses function evil.ix(text)",
        ),
        (
            "cpni_owner",
            "ALTER TABLE public.session ADD CONSTRAINT session_sp CHECK (pg_catalog.set_config(\
             'search_path', 'evil, pg_catalog, public', true) IS NOT NULL) NOT VALID",
            "ALTER TABLE public.session DROP CONSTRAINT session_sp",
            "constraint session_sp on table session calls set_config(text,text,boolean)",
        ),
        // The third attack's hardening note: a superuser's domain named jsonb in the store
        // connection's own temporary schema, which unqualified `::jsonb` would resolve to.
        (
            "postgres",
            &in_store_temp_schema("CREATE DOMAIN %I.jsonb AS pg_catalog.jsonb"),
            &in_store_temp_schema("DROP DOMAIN %I.jsonb"),
            "this connection's temporary schema has a type: jsonb",
        ),
    ];
    for (who, attack, undo, what) in attacks {
        let before = events(&db);
        psql_ok(who, &db.name, attack);
        let e = step(&mut store).expect_err(&format!("a step after {attack} ran"));
        assert_eq!(
            (e.code, e.exit_code()),
            ("foreign-object", 6),
            "{attack}: {e}"
        );
        let what = if what.is_empty() { "LEAKPROOF" } else { what };
        assert!(e.message.contains(what), "{attack}: {}", e.message);
        assert_eq!(
            events(&db),
            before,
            "{attack}: a refused step recorded something"
        );
        if undo.is_empty() {
            // The source is compared with migration 5's at open: put it back as it was.
            let text = MIGRATIONS[4];
            let from = text
                .find("CREATE OR REPLACE FUNCTION public.cpni_capture")
                .unwrap();
            let to = from + text[from..].find("$$;").unwrap() + 3;
            as_owner(&db, &text[from..to]);
        } else {
            psql_ok(who, &db.name, undo);
        }
        step(&mut store).unwrap_or_else(|e| panic!("a step after undoing {attack}: {e}"));
    }
    env.run(&["audit", "verify"]).ok();
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
    }
    assert_eq!(events(db), before, "a refused command recorded something");
}

/// The review's L1: the settings of cpni's trigger functions were not compared, only their
/// source. Each change refuses every command at open, naming the function; so does a
/// disabled trigger (it was left to `audit verify`).
#[test]
fn pg_trigger_function_settings_and_disabled_triggers_refuse_every_command() {
    let (db, env) = demo();
    let cases = [
        (
            "ALTER FUNCTION cpni_capture() SET search_path = evil, public",
            "ALTER FUNCTION cpni_capture() SET search_path = pg_catalog, pg_temp",
            "function cpni_capture() is not as cpni made it (settings {\"search_path=evil, public\"})",
        ),
        (
            "ALTER FUNCTION cpni_capture() SET work_mem = '64kB'",
            "ALTER FUNCTION cpni_capture() RESET work_mem",
            "function cpni_capture() is not as cpni made it (settings",
        ),
        (
            "ALTER FUNCTION audit_base_insert() SECURITY DEFINER",
            "ALTER FUNCTION audit_base_insert() SECURITY INVOKER",
            "function audit_base_insert() is not as cpni made it (SECURITY DEFINER)",
        ),
        (
            "ALTER FUNCTION cpni_refuse() STABLE",
            "ALTER FUNCTION cpni_refuse() VOLATILE",
            "function cpni_refuse() is not as cpni made it (volatility s)",
        ),
        (
            "ALTER TABLE audit DISABLE TRIGGER audit_no_update",
            "ALTER TABLE audit ENABLE TRIGGER audit_no_update",
            "trigger audit_no_update on audit is disabled",
        ),
        (
            "ALTER TABLE customer ENABLE ALWAYS TRIGGER customer_capture",
            "ALTER TABLE customer ENABLE TRIGGER customer_capture",
            "trigger customer_capture on customer is enabled always",
        ),
    ];
    for (attack, undo, what) in cases {
        as_owner(&db, attack);
        refused(&db, &env, what);
        as_owner(&db, undo);
        env.run(&["audit", "verify"]).ok();
    }
    as_super(&db, "ALTER FUNCTION cpni_capture() OWNER TO postgres");
    refused(
        &db,
        &env,
        "function cpni_capture() is not as cpni made it (owner postgres)",
    );
    as_super(&db, "ALTER FUNCTION cpni_capture() OWNER TO cpni_owner");
    let s = start(&env, ADA);
    assert_eq!(pin(&env, &s, ADA_PIN).ok().json()["verified"], true);
}

/// Migration 5's bodies on their own, with no check of cpni's in the way: a session that
/// turns the capture on as a step does (`cpni.capture`, its own `cpni_change`) while the
/// re-attack's `public.to_jsonb(public.customer)` overload exists records the true row, and
/// the overload never runs (the counters it would reset stay). Under migration 4's body
/// (`to_jsonb(NEW)` with `public` on its search path) the overload won.
#[test]
fn pg_the_qualified_capture_never_calls_an_overload_in_public() {
    let (db, _env) = demo();
    as_owner(&db, TO_JSONB_OVERLOAD);
    let got = psql_ok(
        "cpni_owner",
        &db.name,
        &format!(
            "BEGIN; SET LOCAL cpni.capture = on; {}; \
             UPDATE customer SET failures = 2 WHERE account = '{ADA}'; \
             UPDATE customer SET failures = 3 WHERE account = '{ADA}'; \
             SELECT new_row->>'failures', new_row ? 'forged' FROM pg_temp.cpni_change \
               ORDER BY id; \
             SELECT failures FROM customer WHERE account = '{ADA}'; \
             ROLLBACK;",
            cpni::store::pg::capture::TEMP_TABLE
        ),
    );
    let lines: Vec<&str> = got.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines, ["2|f", "3|f", "3"], "{got}");
    // The functions on the server name every built-in by its schema (what the test above
    // relies on, read from pg_proc rather than from the migration text).
    let src = psql_ok(
        "postgres",
        &db.name,
        "SELECT proname || ': ' || pg_catalog.replace(prosrc, E'\\n', ' ') FROM pg_proc \
         WHERE pronamespace = 'public'::regnamespace AND proname LIKE '%' ORDER BY 1",
    );
    assert!(src.contains("cpni_capture: "), "{src}");
    for line in src.lines().filter(|l| !l.starts_with("to_jsonb")) {
        let calls = cpni::store::pg::guard::unqualified_calls(line);
        assert!(calls.is_empty(), "{line}: unqualified {calls:?}");
    }
}

/// A database cpni left at PostgreSQL migration 4 (its functions as migrations 1 and 4 made
/// them, `schema_version` 4, a log and the host's keys): every command but `cpni init` asks for
/// the migration (exit 5 `pg-schema-version`, not a refusal of the old functions), `cpni init`
/// applies migration 5 as the owner, then the log verifies and steps work.
#[test]
fn pg_a_database_at_migration_4_is_migrated_by_init_and_then_verifies() {
    let (db, env) = demo();
    let s = start(&env, ADA);
    assert_eq!(pin(&env, &s, ADA_PIN).ok().json()["verified"], true);
    // Back to migration 4: the functions as the earlier steps defined them.
    let mut old = String::new();
    for step in &MIGRATIONS[..4] {
        let mut rest = *step;
        while let Some(i) = rest.find("CREATE FUNCTION ") {
            let body = &rest[i..];
            let end = body.find("$$;").unwrap() + 3;
            old.push_str(&body[..end].replacen("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1));
            old.push('\n');
            rest = &body[end..];
        }
    }
    old.push_str("UPDATE schema_version SET version = 4;");
    let o = psql("cpni_owner", &db.name, &old, true);
    assert!(o.ok, "{}", o.stderr);
    let cfg = psql_ok(
        "postgres",
        &db.name,
        "SELECT proconfig FROM pg_proc WHERE proname = 'cpni_capture'",
    );
    assert_eq!(cfg.trim(), "{\"search_path=public, pg_temp\"}");
    let j = env
        .run(&["--json", "session", "start", ADA])
        .code(5)
        .json_err();
    assert_eq!(j["error"]["code"], "pg-schema-version", "{j}");
    env.run(&["init"])
        .ok()
        .stdout_has("Applied PostgreSQL migrations 5 to 5");
    let cfg = psql_ok(
        "postgres",
        &db.name,
        "SELECT DISTINCT proconfig::text FROM pg_proc WHERE pronamespace = 'public'::regnamespace",
    );
    assert_eq!(cfg.trim(), "{\"search_path=pg_catalog, pg_temp\"}");
    env.run(&["audit", "verify"]).ok();
    let s = start(&env, ADA);
    assert_eq!(pin(&env, &s, ADA_PIN).ok().json()["verified"], true);
    env.run(&["session", "end", &s]).ok();
    env.run(&["audit", "verify"]).ok();
}
