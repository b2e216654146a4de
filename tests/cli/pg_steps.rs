//! A working day on PostgreSQL through the real binary (`scripts/pg-server.sh`, started by
//! `scripts/test.sh`; a missing server fails every test here): `cpni init --demo` over TLS,
//! a call (session, PIN, an email code queued while the mail server is down, then delivered
//! once by `notify send` to a real SMTP server), `audit verify`, `audit list`, the exports (CSV
//! and JSON Lines, with the rows the database holds), a checkpoint, the reports; `audit purge`
//! on the owner's connection only; and the attacks a database owner can make behind cpni's
//! back: a decision row edited with psql (the next step and `audit verify` exit 6), a trigger
//! added (every command refused, `foreign-trigger`), an append-only trigger disabled or its
//! function rewritten (`audit verify` exit 6). `audit purge` removes an old prefix (a log made
//! old through the store) on the owner's connection, refused without its password file or when
//! a row was planted or edited behind cpni's back (nothing removed), and
//! docs/audit-format.md §6.2's offline head recipe then passes (and fails on a forged record). A
//! server stopped between steps is exit 5 with nothing written, and the next step after its
//! restart works.

use super::calls::{ADA, ADA_PIN, code, code_in_email, pin, start};
use super::pg_connect::{Throwaway, ca, empty_db, host, secret_file, url};
use super::pg_schema::{Db, psql, psql_ok};
use super::smtp::{Smtpd, free_port};
use super::util::{Env, TEST_CONFIG};

/// A host of `db` over verify-full TLS whose mail goes to an SMTP server on `smtp_port`.
/// A host on `db` over TLS, with both password files and SMTP on `smtp_port`.
pub(crate) fn day_host(db: &Db, smtp_port: u16) -> Env {
    let env = host(&url(db, "?sslmode=verify-full"), "");
    let app = secret_file(&env, "app-password", super::pg_connect::APP_PW);
    let owner = secret_file(&env, "owner-password", super::pg_connect::OWNER_PW);
    env.write_config(&format!(
        "db = \"{}\"\n{TEST_CONFIG}\n[mail]\ntransport = \"smtp\"\n\
         from = \"Acme <no-reply@acme.example>\"\n[mail.smtp]\nhost = \"127.0.0.1\"\n\
         port = {smtp_port}\ntls = \"none\"\ntimeout_secs = 5\n\
         [storage]\npassword_file = \"{}\"\nowner_password_file = \"{}\"\nca_file = \"{}\"\n",
        url(db, "?sslmode=verify-full"),
        app.display(),
        owner.display(),
        ca()
    ));
    env
}

/// `psql` as the owner role on `db`'s socket, which must succeed.
fn as_owner(db: &Db, sql: &str) -> String {
    psql_ok("cpni_owner", &db.name, sql)
}

/// The events of the log, oldest first, as the database holds them.
fn events(db: &Db) -> Vec<String> {
    psql_ok("postgres", &db.name, "SELECT event FROM audit ORDER BY seq")
        .lines()
        .map(str::to_string)
        .collect()
}

/// Up to and including a verified log: init, a call with a PIN and an email code.
fn a_morning(db: &Db) -> (Env, Smtpd) {
    let port = free_port();
    let env = day_host(db, port);
    env.run(&["--json", "init", "--demo"]).ok();
    let s = start(&env, ADA);
    assert_eq!(pin(&env, &s, ADA_PIN).ok().json()["verified"], true);
    env.run(&["session", "end", &s]).ok();
    // A second call, verified by an email code. The mail server is down: the code stays queued in the outbox (exit 7).
    let s2 = start(&env, ADA);
    env.run(&["session", "email-code", &s2])
        .code(7)
        .stderr_has("stays queued");
    let server = Smtpd::start(env.root(), port);
    // A retry is due after the backoff: move it into the past (a column no digest covers).
    as_owner(
        db,
        "UPDATE outbox SET next_try_at = to_char((now() - interval '1 second') AT TIME ZONE 'UTC', \
         'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')",
    );
    env.run(&["notify", "send"]).ok();
    env.run(&["notify", "send"]).ok();
    let msgs = server.messages();
    let s = s2;
    assert_eq!(msgs.len(), 1, "one message, sent once: {msgs:?}");
    let c = code_in_email(&msgs[0].replace("\r\n", "\n"));
    code(&env, &s, &c).ok();
    env.run(&["session", "end", &s]).ok();
    (env, server)
}

#[test]
fn pg_a_whole_day_runs_on_postgresql_and_verifies() {
    let db = empty_db();
    let (env, _smtp) = a_morning(&db);
    let sent = psql_ok(
        "postgres",
        &db.name,
        "SELECT status FROM outbox ORDER BY id",
    );
    assert_eq!(sent.trim(), "sent", "the item was sent once: {sent}");
    let ev = events(&db);
    for want in [
        "init",
        "agent.add",
        "customer.add",
        "session.start",
        "delivery.sent",
    ] {
        assert!(ev.iter().any(|e| e == want), "no {want} in {ev:?}");
    }
    assert_eq!(ev.iter().filter(|e| *e == "delivery.sent").count(), 1);
    let v = env.run(&["--json", "audit", "verify"]);
    let j = v.ok().json();
    assert_eq!(j["triggers"], "present", "{j}");
    assert_eq!(j["cross_checked"], true, "{j}");
    // The exports hold every record, in order, as the database does.
    let csv = env
        .run(&["audit", "export", "--format", "csv"])
        .ok()
        .stdout
        .clone();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = header
        .iter()
        .position(|h| h == "event")
        .expect("an event column");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let exported: Vec<String> = rows.iter().map(|r| r[col].to_string()).collect();
    // The export records itself as its last row.
    assert_eq!(exported[..ev.len()], ev[..], "the CSV export's rows");
    assert_eq!(exported[ev.len()..], ["audit.export"]);
    // The same columns as a SQLite log's export.
    let lite = Env::initialised(false);
    let lite_csv = lite
        .run(&["audit", "export", "--format", "csv"])
        .ok()
        .stdout
        .clone();
    let lite_header = csv::Reader::from_reader(lite_csv.as_bytes())
        .headers()
        .unwrap()
        .clone();
    assert_eq!(header, lite_header);
    let jsonl = env
        .run(&["audit", "export", "--format", "jsonl"])
        .ok()
        .stdout
        .clone();
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines.len(),
        ev.len() + 2,
        "the JSONL export holds the CSV export's record too"
    );
    assert_eq!(lines[ev.len()]["event"], "audit.export");
    let listed = env
        .run(&["--json", "audit", "list", "--limit", "3"])
        .ok()
        .stdout
        .clone();
    assert_eq!(listed.lines().count(), 3, "{listed}");
    env.run(&["audit", "checkpoint"]).ok();
    assert_eq!(
        psql_ok(
            "postgres",
            &db.name,
            "SELECT count(*) FROM audit_checkpoint"
        )
        .trim(),
        "1"
    );
    let year = &psql_ok(
        "postgres",
        &db.name,
        "SELECT left(at, 4) FROM audit LIMIT 1",
    );
    let cert = env
        .run(&["--json", "report", "certification", "--year", year.trim()])
        .ok()
        .json();
    assert_eq!(
        cert["verifications"],
        serde_json::json!([
            {"count": 1, "method": "code", "outcome": "ok"},
            {"count": 1, "method": "pin", "outcome": "ok"}
        ]),
        "{cert}"
    );
    env.run(&["report", "failures"]).ok();
    env.run(&["--json", "customer", "report", ADA]).ok();
    env.run(&["audit", "verify"]).ok();
}

#[test]
fn pg_a_row_edited_by_the_owner_with_psql_is_exit_6_at_the_next_step_and_in_verify() {
    let db = empty_db();
    let (env, _smtp) = a_morning(&db);
    env.run(&["audit", "verify"]).ok();
    let before = events(&db).len();
    as_owner(
        &db,
        &format!("UPDATE customer SET email = 'mallory@evil.example' WHERE account = '{ADA}'"),
    );
    env.run(&["session", "start", ADA]).code(6);
    env.run(&["audit", "verify"]).code(6);
    let after = events(&db);
    assert!(
        !after[before..].iter().any(|e| e == "session.start"),
        "a session was started on the edited row: {after:?}"
    );
}

#[test]
fn pg_a_trigger_the_owner_adds_refuses_every_command_and_a_dropped_one_fails_verify() {
    let db = empty_db();
    let (env, _smtp) = a_morning(&db);
    let before = events(&db);
    as_owner(
        &db,
        "CREATE FUNCTION mark() RETURNS trigger LANGUAGE plpgsql AS $$ \
         BEGIN NEW.verified_at := NEW.started_at; RETURN NEW; END $$; \
         CREATE TRIGGER mark BEFORE INSERT ON session FOR EACH ROW EXECUTE FUNCTION mark()",
    );
    for args in [
        &["session", "start", ADA][..],
        &["audit", "verify"],
        &["agent", "list"],
    ] {
        let j = env.run(&[&["--json"], args].concat()).code(6).json_err();
        // The trigger's function in public is refused first (foreign-object), the trigger
        // itself otherwise (foreign-trigger): either names `mark`.
        let code = j["error"]["code"].as_str().unwrap_or_default();
        assert!(
            code == "foreign-trigger" || code == "foreign-object",
            "{args:?}: {j}"
        );
        assert!(
            j["error"]["message"].as_str().unwrap().contains("mark"),
            "{j}"
        );
    }
    // A rule is as foreign as a trigger.
    as_owner(&db, "DROP TRIGGER mark ON session; DROP FUNCTION mark()");
    env.run(&["audit", "verify"]).ok();
    as_owner(
        &db,
        "CREATE RULE quiet AS ON INSERT TO complaint DO INSTEAD NOTHING",
    );
    env.run(&["agent", "list"])
        .code(6)
        .stderr_has("rule quiet on complaint");
    as_owner(&db, "DROP RULE quiet ON complaint");
    assert_eq!(events(&db), before, "a refused command recorded something");
    // An append-only trigger disabled refuses every command (foreign-object, naming it);
    // its function rewritten is reported by verify.
    as_owner(&db, "ALTER TABLE audit DISABLE TRIGGER audit_no_update");
    let j = env.run(&["--json", "audit", "verify"]).code(6).json_err();
    assert_eq!(j["error"]["code"], "foreign-object", "{j}");
    assert!(
        j["error"]["message"]
            .as_str()
            .unwrap()
            .contains("trigger audit_no_update on audit is disabled"),
        "{j}"
    );
    as_owner(&db, "ALTER TABLE audit ENABLE TRIGGER audit_no_update");
    env.run(&["audit", "verify"]).ok();
    as_owner(
        &db,
        "CREATE OR REPLACE FUNCTION audit_no_delete() RETURNS trigger LANGUAGE plpgsql \
         SET search_path = pg_catalog, pg_temp AS $$ BEGIN RETURN OLD; END; $$",
    );
    env.run(&["audit", "verify"])
        .code(6)
        .stderr_has("audit_no_delete (altered)");
    // A rewritten trigger function can change rows behind every step: every command refuses.
    let j = env.run(&["--json", "agent", "list"]).code(6).json_err();
    assert_eq!(j["error"]["code"], "foreign-trigger", "{j}");
}

#[test]
fn pg_audit_purge_runs_on_the_owner_connection_only() {
    let db = empty_db();
    let (env, _smtp) = a_morning(&db);
    let before = events(&db);
    // Without the owner's password file the purge is refused before it connects.
    let config = std::fs::read_to_string(env.config_path()).unwrap();
    let without: String = config
        .lines()
        .filter(|l| !l.starts_with("owner_password_file"))
        .map(|l| format!("{l}\n"))
        .collect();
    env.write_config(&without);
    let j = env
        .run(&["--json", "audit", "purge", "--before", "2020-01-01"])
        .code(2)
        .json_err();
    assert_eq!(j["error"]["code"], "pg-owner-password", "{j}");
    assert_eq!(events(&db), before);
    // With a wrong owner password the purge fails to log in as the owner (exit 5), while the
    // day-to-day commands, which never use it, go on.
    env.write_config(&config);
    let owner_file = env.root().join("owner-password-wrong");
    let wrong = secret_file(&env, "owner-password-wrong", "not-the-owner-password");
    assert_eq!(wrong, owner_file);
    let with_wrong: String = config
        .lines()
        .map(|l| {
            if l.starts_with("owner_password_file") {
                format!("owner_password_file = \"{}\"\n", wrong.display())
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    env.write_config(&with_wrong);
    let j = env
        .run(&["--json", "audit", "purge", "--before", "2020-01-01"])
        .code(5)
        .json_err();
    assert_eq!(j["error"]["code"], "pg-auth", "{j}");
    assert!(
        j["error"]["message"]
            .as_str()
            .unwrap()
            .contains("cpni_owner"),
        "{j}"
    );
    env.run(&["agent", "list"]).ok();
    env.write_config(&config);
    // The day-to-day role cannot delete a record even below a base (psql as cpni_app).
    let o = psql(
        "cpni_app",
        &db.name,
        "DELETE FROM audit WHERE seq = 1",
        true,
    );
    assert!(
        !o.ok && o.stderr.contains("permission denied"),
        "{}",
        o.stderr
    );
    // Every record is recent: the purge as the owner removes nothing and says so, and the
    // log still verifies.
    env.run(&["audit", "purge", "--before", "2020-01-01"]).ok();
    env.run(&["audit", "verify"]).ok();
    assert_eq!(&events(&db)[..before.len()], &before[..]);
}

#[test]
fn pg_a_server_stopped_between_steps_is_exit_5_and_the_next_step_works_after_restart() {
    let s = Throwaway::start();
    s.cpni_database();
    let url = format!(
        "postgresql://cpni_app@127.0.0.1:{}/cpni?sslmode=require",
        s.port
    );
    let env = host(&url, "");
    env.run(&["init"]).ok();
    let count = || {
        s.psql("cpni", "SELECT count(*) FROM audit")
            .trim()
            .to_string()
    };
    let before = count();
    s.script("pause");
    env.run(&["agent", "add", "bob", "--role", "agent"])
        .code(5)
        .stderr_has("cannot reach the PostgreSQL server");
    s.script("resume");
    assert_eq!(count(), before, "the failed step wrote something");
    assert_eq!(
        s.psql("cpni", "SELECT count(*) FROM agent WHERE login = 'bob'")
            .trim(),
        "0"
    );
    env.run(&["agent", "add", "bob", "--role", "agent"]).ok();
    env.run(&["audit", "verify"]).ok();
    assert_eq!(
        s.psql("cpni", "SELECT count(*) FROM agent WHERE login = 'bob'")
            .trim(),
        "1"
    );
}

/// The store on `db` as the day-to-day role over the test server's socket, with `env`'s key
/// files (a step of this process signs as the host's cpni would).
pub(super) fn store_of(db: &Db, env: &Env) -> cpni::store::Db {
    let (host, port) = super::pg_schema::server();
    let url = format!(
        "postgresql://cpni_app@{}:{port}/{}?sslmode=disable",
        host.replace('/', "%2F"),
        db.name
    );
    let t = cpni::store::pg::target::parse(&url, Default::default()).unwrap();
    let code = super::pg_connect::key_files(env).0;
    let base = code
        .to_string_lossy()
        .trim_end_matches(".code-key")
        .to_string();
    cpni::store::Db::open_pg(
        &t,
        std::path::Path::new(&base),
        std::time::Duration::from_secs(5),
    )
    .unwrap_or_else(|e| panic!("open the store: {e}"))
}

/// A home on a new database whose log is old: `init` (the admin agent, records 1 and 2) and two
/// `customer.show` records, all in 2023, made through the store as cpni's steps make them.
fn pg_old_log() -> (Db, Env) {
    use cpni::audit::{Actor, Event};
    let db = empty_db();
    let env = super::pg_connect::tls_host(&db);
    env.run(&["init"]).ok();
    // Records cannot be backdated through cpni: the log is made again, old, through the store
    // (the steps cpni's init takes, at 2023 times), after the superuser emptied what init wrote.
    psql_ok(
        "postgres",
        &db.name,
        "SET session_replication_role = replica; \
         TRUNCATE audit, audit_head, row_seal, agent CASCADE",
    );
    let login = cpni::commands::context::os_login();
    let actor = Actor {
        login: login.clone(),
        on_behalf_of: None,
    };
    let old = |t: &str| cpni::clock::parse(t).unwrap();
    let mut store = store_of(&db, &env);
    store
        .step(|w| {
            let at = old("2023-01-10T09:00:00.000Z");
            w.append(&actor, at, Event::new("init"))?;
            w.insert_agent(&cpni::store::agents::Agent {
                login: login.clone(),
                name: String::new(),
                role: "admin".into(),
                active: true,
                created_at: cpni::clock::format(at),
            })?;
            let add = Event::new("agent.add")
                .with("login", login.as_str())
                .with("role", "admin");
            w.append(&actor, at, add).map(|_| ())
        })
        .unwrap();
    for t in ["2023-02-01T09:00:00.000Z", "2023-03-01T09:00:00.000Z"] {
        store
            .step(|w| {
                w.append(&actor, old(t), Event::new("customer.show").account("A1"))
                    .map(|_| ())
            })
            .unwrap();
    }
    drop(store);
    env.run(&["audit", "verify"]).ok();
    (db, env)
}

#[test]
fn pg_audit_purge_as_the_owner_removes_the_old_prefix_and_the_log_still_verifies() {
    let (db, env) = pg_old_log();
    let j = env
        .run(&["--json", "audit", "purge", "--before", "2024-01-01"])
        .ok()
        .json();
    assert_eq!(j["removed"], 4, "{j}");
    let left = events(&db);
    assert_eq!(left[0], "audit.purge", "{left:?}");
    assert_eq!(
        psql_ok("postgres", &db.name, "SELECT seq FROM audit_base").trim(),
        "4"
    );
    env.run(&["audit", "verify"]).ok();
    env.run(&["agent", "add", "bob", "--role", "agent"]).ok();
    env.run(&["audit", "verify"]).ok();

    // docs/audit-format.md §6.2, as the day-to-day role: the signed head and the purge's
    // statement check; a record the superuser appends behind cpni's back does not.
    let key = env
        .run(&["audit", "public-key"])
        .ok()
        .stdout
        .trim()
        .to_string();
    let out = head_recipe(&env, &db, &key);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.starts_with("ok: head ") && said.contains("1 purge base(s)"),
        "{said}"
    );
    psql_ok(
        "postgres",
        &db.name,
        "SET session_replication_role = replica; \
         INSERT INTO audit (seq, at, actor, event, detail, prev_hash, hash) \
         SELECT seq + 1, at, actor, 'customer.show', '{}', hash, hash FROM audit \
         ORDER BY seq DESC LIMIT 1",
    );
    let out = head_recipe(&env, &db, &key);
    assert!(!out.status.success(), "a forged record fails the recipe");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the signed head is"), "{err}");
}

#[test]
fn pg_a_row_planted_before_a_purge_is_not_laundered_by_it() {
    // The owner (here the superuser, no trigger firing) plants an admin dated among the old
    // records, then waits for the purge: it would list the row as one whose records were
    // purged, and `audit verify` would pass from then on.
    let (db, env) = pg_old_log();
    // A second agent, added in 2023 too (its record goes with the purge).
    add_carol_in_2023(&db, &env);
    env.run(&["audit", "verify"]).ok();
    psql_ok(
        "postgres",
        &db.name,
        "SET session_replication_role = replica; \
         INSERT INTO agent (login, role, created_at, updated_at) VALUES ('mallory', 'admin', \
         '2023-01-10T09:00:00.000Z', '2023-01-10T09:00:00.000Z')",
    );
    let size = || psql_ok("postgres", &db.name, "SELECT count(*) FROM audit");
    let before = size();
    let run = env.run(&["--json", "audit", "purge", "--before", "2024-01-01"]);
    run.code(6);
    let err = run.json_err();
    assert_eq!(err["error"]["code"], "audit-crosscheck", "{}", run.dump());
    let msg = err["error"]["message"].as_str().unwrap_or_default();
    assert!(msg.contains("agent mallory"), "{}", run.dump());
    assert_eq!(size(), before, "the refused purge changed the log");
    assert_eq!(
        psql_ok("postgres", &db.name, "SELECT count(*) FROM audit_base").trim(),
        "0"
    );
    env.run(&["audit", "verify"])
        .code(6)
        .stderr_has("agent mallory");
    // An edit of a row whose records the purge would remove (carol made an admin): the same.
    psql_ok(
        "postgres",
        &db.name,
        "SET session_replication_role = replica; DELETE FROM agent WHERE login = 'mallory'; \
         UPDATE agent SET role = 'admin' WHERE login = 'carol'",
    );
    let run = env.run(&["--json", "audit", "purge", "--before", "2024-01-01"]);
    run.code(6);
    assert_eq!(
        run.json_err()["error"]["code"],
        "audit-crosscheck",
        "{}",
        run.dump()
    );
    run.stderr_has("agent carol");
    assert_eq!(size(), before, "the refused purge changed the log");
}

/// Agent carol added to [`pg_old_log`]'s log on 2023-03-15 through the store, as `agent add`
/// writes it (its record goes with a purge before 2024).
fn add_carol_in_2023(db: &Db, env: &Env) {
    let mut store = store_of(db, env);
    store
        .step(|w| {
            let at = cpni::clock::parse("2023-03-15T09:00:00.000Z").unwrap();
            w.insert_agent(&cpni::store::agents::Agent {
                login: "carol".into(),
                name: String::new(),
                role: "agent".into(),
                active: true,
                created_at: cpni::clock::format(at),
            })?;
            let actor = cpni::audit::Actor {
                login: cpni::commands::context::os_login(),
                on_behalf_of: None,
            };
            let add = cpni::audit::Event::new("agent.add")
                .with("login", "carol")
                .with("role", "agent");
            w.append(&actor, at, add).map(|_| ())
        })
        .unwrap();
    drop(store);
}

#[test]
fn pg_a_row_a_purge_listed_is_still_compared_after_it() {
    // The purge removes carol's only record and lists her; its record carries her digest and
    // her seal names it. The owner (here the superuser, no trigger firing) then makes her an
    // admin: verify names the edit, and the next purge refuses. (Before, a listed row was
    // exempt: both passed.)
    let (db, env) = pg_old_log();
    add_carol_in_2023(&db, &env);
    env.run(&["audit", "purge", "--before", "2024-01-01"]).ok();
    env.run(&["audit", "verify"]).ok();
    let carried = psql_ok(
        "postgres",
        &db.name,
        "SELECT a.seq || ' ' || (a.detail::jsonb -> 'digests' ->> 'agent carol') FROM audit a \
         WHERE a.event = 'audit.purge' AND a.detail::jsonb -> 'unrecorded' ? 'agent carol'",
    );
    let seal = psql_ok(
        "postgres",
        &db.name,
        "SELECT seq || ' ' || digest FROM row_seal WHERE name = 'agent carol'",
    );
    assert!(
        carried.trim().len() > 20,
        "the purge lists carol with her digest: {carried}"
    );
    assert_eq!(
        carried.trim(),
        seal.trim(),
        "carol's seal names the purge record"
    );
    psql_ok(
        "postgres",
        &db.name,
        "SET session_replication_role = replica; \
         UPDATE agent SET role = 'admin' WHERE login = 'carol'",
    );
    env.run(&["audit", "verify"])
        .code(6)
        .stderr_has("agent carol");
    let run = env.run(&["--json", "audit", "purge", "--before", "2024-01-01"]);
    run.code(6);
    assert_eq!(
        run.json_err()["error"]["code"],
        "audit-crosscheck",
        "{}",
        run.dump()
    );
}

/// docs/audit-format.md §6.2's block, run as documented with `cpni_app`'s connection string.
fn head_recipe(env: &Env, db: &Db, key: &str) -> std::process::Output {
    let code = crate::util::audit_format_python("6.2");
    let script = env.file("head_pg.py", &code);
    let (host, port) = super::pg_schema::server();
    let conninfo = format!("host={host} port={port} dbname={} user=cpni_app", db.name);
    std::process::Command::new("python3")
        .arg(script)
        .arg(conninfo)
        .arg(key)
        .output()
        .expect("python3 is needed (scripts/test.sh installs it)")
}
