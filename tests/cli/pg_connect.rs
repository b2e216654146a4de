//! cpni against a real PostgreSQL server (`scripts/pg-server.sh`, started by `scripts/test.sh`):
//! `cpni init` over TCP with TLS (`sslmode=verify-full`, the test CA in `[storage] ca_file`)
//! and the roles' passwords from 0600 files builds the schema of `schema.postgres.sql`, once,
//! however many hosts run it at once; a host joining the database must be given the keys; a
//! password in the URL, a password file others can read, a wrong password, a stopped server, a
//! wrong CA are refused with the documented exit code, naming the server, nothing created;
//! every other command runs on a PostgreSQL db and never creates a folder named `postgresql:`
//! (`pg_steps.rs` drives a whole day there).
//! A missing server fails every test here.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Once;

use super::pg_schema::{Db, catalog, diff, psql, psql_ok, schema_file, server};
use super::util::{Env, Run, TEST_CONFIG, run_command};

pub(super) const OWNER_PW: &str = "owner-pw-Tq7vX2";
pub(super) const APP_PW: &str = "app-pw-Lm3kR9";

/// The test server's CA certificate (PEM), from `scripts/pg-server.sh start`.
pub(super) fn ca() -> String {
    std::env::var("CPNI_TEST_PG_CA").unwrap_or_else(|_| {
        panic!("CPNI_TEST_PG_CA is not set: run these tests through `bash scripts/test.sh`")
    })
}

/// The roles exist and log in over TCP with the test passwords (set once per test process).
pub(super) fn roles() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        psql_ok("postgres", "postgres", cpni::store::pg::ROLES);
        let sql = format!(
            "ALTER ROLE cpni_owner PASSWORD '{OWNER_PW}'; ALTER ROLE cpni_app PASSWORD '{APP_PW}';"
        );
        psql_ok("postgres", "postgres", &sql);
    });
}

/// An empty database owned by cpni_owner, the roles' passwords set.
pub(super) fn empty_db() -> Db {
    roles();
    Db::new()
}

/// `postgresql://cpni_app@127.0.0.1:PORT/DB?sslmode=verify-full`, or with `query` instead.
pub(super) fn url(db: &Db, query: &str) -> String {
    format!(
        "postgresql://cpni_app@127.0.0.1:{}/{}{query}",
        server().1,
        db.name
    )
}

/// The place cpni names in its messages.
pub(super) fn place(db: &Db) -> String {
    format!("127.0.0.1:{}/{}", server().1, db.name)
}

/// A file holding `text`, mode 0600.
pub(super) fn secret_file(env: &Env, name: &str, text: &str) -> PathBuf {
    let p = env.file(name, &format!("{text}\n"));
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    p
}

/// A gateway host: a home of its own whose config names `db` (a URL), the password files
/// (0600) and `storage_extra` lines (e.g. the CA file).
pub(super) fn host(db: &str, storage_extra: &str) -> Env {
    let env = Env::plain();
    let app = secret_file(&env, "app-password", APP_PW);
    let owner = secret_file(&env, "owner-password", OWNER_PW);
    env.write_config(&format!(
        "db = \"{db}\"\n{TEST_CONFIG}[storage]\npassword_file = \"{}\"\nowner_password_file = \"{}\"\n{storage_extra}",
        app.display(),
        owner.display()
    ));
    env
}

/// A host of `db` over verify-full TLS trusting the test CA.
pub(super) fn tls_host(db: &Db) -> Env {
    host(
        &url(db, "?sslmode=verify-full"),
        &format!("ca_file = \"{}\"\n", ca()),
    )
}

/// The objects in the database's public schema (0: nothing was created).
pub(super) fn objects(db: &Db) -> i64 {
    psql_ok(
        "postgres",
        &db.name,
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = 'public'",
    )
    .trim()
    .parse()
    .unwrap()
}

/// The host's key files (`<data>/cpni-pg-<db>-<hash>.code-key` and `.signing-key`); when it
/// has none, paths that do not exist.
pub(super) fn key_files(env: &Env) -> (PathBuf, PathBuf) {
    let d = env.root().join("data").join("cpni");
    let base = std::fs::read_dir(&d)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find_map(|n| {
            n.strip_suffix(".code-key")
                .filter(|b| b.starts_with("cpni-pg-"))
                .map(str::to_string)
        })
        .unwrap_or_else(|| "cpni-pg-none".into());
    (
        d.join(format!("{base}.code-key")),
        d.join(format!("{base}.signing-key")),
    )
}

/// Copies `from`'s key files to `to` (mode 0600), as an administrator gives a joining host.
pub(super) fn copy_keys(from: &Env, to: &Env) -> (PathBuf, PathBuf) {
    let (fc, fs) = key_files(from);
    let d = to.root().join("data").join("cpni");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o700)).unwrap();
    let tc = d.join(fc.file_name().unwrap());
    let ts = d.join(fs.file_name().unwrap());
    std::fs::copy(&fc, &tc).unwrap();
    std::fs::copy(&fs, &ts).unwrap();
    (tc, ts)
}

/// Neither key file exists and the working folder holds no `postgresql:`-like folder.
#[track_caller]
pub(super) fn nothing_on_the_host(env: &Env) {
    let (c, s) = key_files(env);
    assert!(!c.exists() && !s.exists(), "key files were created");
    no_url_folder(env.root());
}

#[track_caller]
pub(super) fn no_url_folder(dir: &Path) {
    for e in std::fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            !name.to_ascii_lowercase().starts_with("postgres"),
            "a {name} folder was created in {}",
            dir.display()
        );
    }
}

/// The schema `cpni init` made is the one of schema.postgres.sql.
#[track_caller]
pub(super) fn schema_is_the_readable_one(db: &Db) {
    let want = catalog(&Db::from_schema(&schema_file()));
    let got = catalog(db);
    assert!(
        got == want,
        "cpni init's schema differs:\n{}",
        diff(&got, &want)
    );
}

#[test]
fn pg_init_creates_the_schema_of_schema_postgres_sql_and_is_idempotent() {
    let db = empty_db();
    let env = tls_host(&db);
    let r = env.run(&["init"]);
    r.ok()
        .stdout_has("Applied PostgreSQL migrations 1 to 5")
        .stdout_has(&place(&db))
        .stdout_has("is registered as admin")
        .stdout_has("Next: `cpni agent add")
        .never_prints(OWNER_PW)
        .never_prints(APP_PW);
    schema_is_the_readable_one(&db);
    let (code, signing) = key_files(&env);
    for k in [&code, &signing] {
        let mode = std::fs::metadata(k).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", k.display());
    }
    let keys = (
        std::fs::read(&code).unwrap(),
        std::fs::read(&signing).unwrap(),
    );
    no_url_folder(env.root());
    // The keys are files on the host, never rows: no table holds them.
    let key_hex = String::from_utf8(keys.1.clone()).unwrap();
    assert!(!catalog(&db).contains(key_hex.trim()));
    // The first init registered its admin through the store: the chain's first two records,
    // the admin's row, and the head signed with the host's key (its public half only).
    let log = psql_ok(
        "postgres",
        &db.name,
        "SELECT seq || ' ' || event FROM audit ORDER BY seq",
    );
    assert_eq!(log.trim(), "1 init\n2 agent.add", "{log}");
    let agent = psql_ok("postgres", &db.name, "SELECT role, active FROM agent");
    assert_eq!(agent.trim(), "admin|1");
    let head = psql_ok(
        "postgres",
        &db.name,
        "SELECT seq || ' ' || public_key || ' ' || signature FROM audit_head",
    );
    assert!(head.starts_with("2 "), "{head}");
    assert!(
        !head.contains(key_hex.trim()),
        "the signing seed is never a row"
    );
    let rows = psql_ok(
        "postgres",
        &db.name,
        "SELECT string_agg(t::text, ' ') FROM (SELECT * FROM audit) t",
    );
    assert!(
        !rows.contains(key_hex.trim()),
        "the signing seed is never a row"
    );
    let digests = psql_ok(
        "postgres",
        &db.name,
        "SELECT detail FROM audit WHERE seq = 2",
    );
    assert!(digests.contains("\"digests\":"), "{digests}");

    let before = catalog(&db);
    let again = env.run(&["init", "--json"]);
    again.ok();
    let j = again.json();
    assert_eq!(j["created"], false, "{j}");
    assert_eq!(j["schema_version"], cpni::store::pg::MIGRATIONS.len());
    assert_eq!(j["backend"], "postgresql");
    assert_eq!(
        j["admin"],
        serde_json::Value::Null,
        "a second init registers no one"
    );
    let log = psql_ok("postgres", &db.name, "SELECT count(*) FROM audit");
    assert_eq!(log.trim(), "2", "a second init appends nothing");
    assert_eq!(before, catalog(&db), "a second init changed the schema");
    assert_eq!(
        keys,
        (
            std::fs::read(&code).unwrap(),
            std::fs::read(&signing).unwrap()
        )
    );
    // The day-to-day role still cannot touch the log the init made.
    let o = psql("cpni_app", &db.name, "DELETE FROM audit", true);
    assert!(
        !o.ok && o.stderr.contains("permission denied for table audit"),
        "{}",
        o.stderr
    );
}

/// Two hosts (homes of their own), two `cpni init` processes each, all at once on one empty
/// database: the steps are applied once; the host whose init came first has the keys, the
/// other is told to copy them and has none.
#[test]
fn pg_two_hosts_running_init_at_once_end_with_one_schema() {
    let db = empty_db();
    let hosts = [tls_host(&db), tls_host(&db)];
    let children: Vec<_> = hosts
        .iter()
        .flat_map(|h| [h, h])
        .map(|h| {
            let mut c = h.command(&["init", "--json"]);
            c.stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            c.spawn().unwrap()
        })
        .collect();
    let runs: Vec<Run> = children
        .into_iter()
        .map(|c| {
            let o = c.wait_with_output().unwrap();
            Run {
                code: o.status.code().unwrap_or(-1),
                stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            }
        })
        .collect();
    let all: String = runs.iter().map(Run::dump).collect();
    let created = runs
        .iter()
        .filter(|r| r.code == 0 && r.json()["created"] == true);
    assert_eq!(created.count(), 1, "one init applies the steps:\n{all}");
    let first = if runs[0].code == 0 { 0 } else { 1 };
    for (i, r) in runs.iter().enumerate() {
        if i / 2 == first {
            r.ok();
        } else {
            r.code(2).stderr_has("pg-keys-missing").stderr_has("copy");
        }
    }
    assert!(key_files(&hosts[first]).0.exists());
    nothing_on_the_host(&hosts[1 - first]);
    schema_is_the_readable_one(&db);
    let log = psql_ok(
        "postgres",
        &db.name,
        "SELECT string_agg(event, ',' ORDER BY seq) FROM audit",
    );
    assert_eq!(
        log.trim(),
        "init,agent.add",
        "exactly one init registers the admin"
    );
    let v = psql_ok(
        "postgres",
        &db.name,
        "SELECT count(*), max(version) FROM schema_version",
    );
    assert_eq!(v.trim(), format!("1|{}", cpni::store::pg::MIGRATIONS.len()));
}

/// A host joining a database another host set up: refused until the administrator copies the
/// keys from a running host; then its init is a no-op.
#[test]
fn pg_a_joining_host_must_be_given_the_keys() {
    let db = empty_db();
    let a = tls_host(&db);
    a.run(&["init"]).ok();
    let b = tls_host(&db);
    b.run(&["--json", "init"])
        .code(2)
        .stderr_has("pg-keys-missing")
        .stderr_has("copy")
        .stderr_has("from a running gateway host");
    nothing_on_the_host(&b);
    let (ac, _) = key_files(&a);
    let (bc, _) = copy_keys(&a, &b);
    let run = b.run(&["init"]);
    run.ok()
        .stdout_has("nothing changed")
        .stdout_has("This host is ready");
    assert!(!run.stdout.contains("cpni agent add"), "{}", run.stdout);
    assert_eq!(std::fs::read(&ac).unwrap(), std::fs::read(&bc).unwrap());
}

/// The key files' names follow the host, port and database written in `db`: the same server
/// spelled another way (its socket instead of 127.0.0.1, or a new name after a failover) finds
/// no keys under the new name. The refusal names the files this host does have for the
/// database (their fingerprint is the database's) and the rename, not a copy from elsewhere.
#[test]
fn pg_keys_named_for_another_spelling_of_the_server_are_found_and_named() {
    let db = empty_db();
    let a = tls_host(&db);
    a.run(&["init"]).ok();
    let (old_code, old_signing) = key_files(&a);
    let socket = format!(
        "postgresql://cpni_app@{}:{}/{}",
        server().0.replace('/', "%2F"),
        server().1,
        db.name
    );
    let cfg = std::fs::read_to_string(a.config_path()).unwrap();
    let (first, rest) = cfg.split_once('\n').unwrap();
    assert!(first.starts_with("db = "), "{first}");
    let rest: String = rest
        .lines()
        .filter(|l| !l.starts_with("ca_file"))
        .map(|l| format!("{l}\n"))
        .collect();
    a.write_config(&format!("db = \"{socket}\"\n{rest}"));
    a.run(&["--json", "customer", "list"])
        .code(2)
        .stderr_has("pg-keys-missing");
    let run = a.run(&["customer", "list"]);
    run.code(2)
        .stderr_has("under another name")
        .stderr_has(&old_code.display().to_string())
        .stderr_has("mv ");
    assert!(
        !run.stderr.contains("from a running gateway host"),
        "{}",
        run.stderr
    );
    // The rename the hint gives, then the same host runs on the socket.
    let hint = run.stderr.split("`mv ").nth(1).unwrap();
    let new_code = hint.split('`').next().unwrap().split(' ').nth(1).unwrap();
    let new_signing = run.stderr.split("`mv ").nth(2).unwrap();
    let new_signing = new_signing
        .split('`')
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap();
    std::fs::rename(&old_code, new_code).unwrap();
    std::fs::rename(&old_signing, new_signing).unwrap();
    a.run(&["customer", "list"]).ok();
    a.run(&["audit", "verify"]).ok();
    // Keys of another database under another name are not offered.
    std::fs::rename(new_code, &old_code).unwrap();
    std::fs::rename(new_signing, &old_signing).unwrap();
    std::fs::write(&old_code, "11".repeat(32)).unwrap();
    a.run(&["customer", "list"])
        .code(2)
        .stderr_has("from a running gateway host");
}

#[test]
fn pg_init_refuses_a_newer_schema_and_a_database_that_is_not_cpnis() {
    let db = empty_db();
    let env = tls_host(&db);
    env.run(&["init"]).ok();
    psql_ok(
        "cpni_owner",
        &db.name,
        "UPDATE schema_version SET version = 99",
    );
    env.run(&["init"])
        .code(5)
        .stderr_has("schema version 99")
        .stderr_has(&place(&db));
    let other = empty_db();
    psql_ok("cpni_owner", &other.name, "CREATE TABLE payroll (id int)");
    let env = tls_host(&other);
    env.run(&["init"]).code(5).stderr_has("not a cpni database");
    assert_eq!(objects(&other), 1, "init touched a foreign database");
    nothing_on_the_host(&env);
}

#[test]
fn pg_password_in_the_url_is_refused() {
    let db = empty_db();
    let secret = "hunter2-in-url";
    let with_pw = format!(
        "postgresql://cpni_app:{secret}@127.0.0.1:{}/{}",
        server().1,
        db.name
    );
    // In the config file, and on the command line (where it is already on argv: still refused).
    let env = host(&with_pw, "");
    env.run(&["init"])
        .code(2)
        .stderr_has("password_file")
        .stderr_has("db: the URL holds a password")
        .never_prints(secret);
    let env2 = tls_host(&db);
    env2.run(&["--db", &with_pw, "init"])
        .code(2)
        .stderr_has("password_file")
        .never_prints(secret);
    let query = format!("{}?password={secret}", url(&db, ""));
    env2.run(&["--db", &query, "agent", "list"])
        .code(2)
        .stderr_has("password_file")
        .never_prints(secret);
    assert_eq!(objects(&db), 0);
    nothing_on_the_host(&env);
    nothing_on_the_host(&env2);
}

#[test]
fn pg_password_file_others_can_read_or_a_link_is_refused() {
    let db = empty_db();
    let env = tls_host(&db);
    let owner = env.root().join("owner-password");
    std::fs::set_permissions(&owner, std::fs::Permissions::from_mode(0o644)).unwrap();
    env.run(&["init"])
        .code(2)
        .stderr_has("storage.owner_password_file")
        .stderr_has("mode 0644")
        .stderr_has("chmod 600")
        .never_prints(OWNER_PW);
    // A link to a private file is refused too (it could be swapped for another file).
    std::fs::set_permissions(&owner, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = env.root().join("owner-link");
    std::os::unix::fs::symlink(&owner, &link).unwrap();
    let cfg = std::fs::read_to_string(env.config_path()).unwrap();
    env.write_config(&cfg.replace(
        &format!("\"{}\"", owner.display()),
        &format!("\"{}\"", link.display()),
    ));
    env.run(&["init"])
        .code(2)
        .stderr_has("storage.owner_password_file")
        .stderr_has("symbolic link")
        .never_prints(OWNER_PW);
    assert_eq!(objects(&db), 0);
    nothing_on_the_host(&env);
}

#[test]
fn pg_wrong_password_is_exit_5_naming_the_server_and_creates_nothing() {
    let db = empty_db();
    let env = tls_host(&db);
    secret_file(&env, "owner-password", "not-the-password");
    env.run(&["init"])
        .code(5)
        .stderr_has(&place(&db))
        .stderr_has("refused the login of role cpni_owner")
        .stderr_has("owner_password_file")
        .never_prints("not-the-password");
    assert_eq!(objects(&db), 0);
    nothing_on_the_host(&env);
    let j = env.run(&["--json", "init"]).json_err();
    assert_eq!(j["error"]["code"], "pg-auth", "{j}");
}

#[test]
fn pg_tls_verify_full_needs_the_right_ca() {
    let db = empty_db();
    // A CA of its own, made with the openssl CLI: the server's certificate does not chain to it.
    let env = tls_host(&db);
    let wrong = env.root().join("wrong-ca.pem");
    let o = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
        ])
        .args([
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=not the test CA",
            "-keyout",
        ])
        .arg(env.root().join("wrong-ca.key"))
        .arg("-out")
        .arg(&wrong)
        .output()
        .expect("run openssl (scripts/test.sh installs it)");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let cfg = std::fs::read_to_string(env.config_path()).unwrap();
    env.write_config(&cfg.replace(&ca(), &wrong.display().to_string()));
    env.run(&["init"])
        .code(5)
        .stderr_has("TLS with the PostgreSQL server at")
        .stderr_has(&place(&db))
        .stderr_has("ca_file");
    // Only the system roots (no ca_file): refused as well.
    let bare = host(&url(&db, "?sslmode=verify-full"), "");
    bare.run(&["--json", "init"]).code(5);
    assert_eq!(
        bare.run(&["--json", "init"]).json_err()["error"]["code"],
        "pg-tls"
    );
    assert_eq!(objects(&db), 0);
    nothing_on_the_host(&env);
    nothing_on_the_host(&bare);
    // The certificate names localhost too; `require` encrypts without checking the CA.
    let by_name = format!("postgresql://cpni_app@localhost:{}/{}", server().1, db.name);
    host(&by_name, &format!("ca_file = \"{}\"\n", ca()))
        .run(&["init"])
        .ok();
    host(&url(&db, "?sslmode=require"), "")
        .run(&["init"])
        .code(2)
        .stderr_has("was set up by another host");
    // On loopback, `disable` connects in clear (allowed there only).
    host(&url(&db, "?sslmode=disable"), "")
        .run(&["init"])
        .code(2)
        .stderr_has("was set up by another host");
    // The right CA, through sslrootcert in the URL instead of ca_file.
    let root = format!("{}?sslmode=verify-full&sslrootcert={}", url(&db, ""), ca());
    host(&root, "")
        .run(&["init"])
        .code(2)
        .stderr_has("was set up by another host");
}

/// `sslmode=disable` is for a socket or loopback only; a remote host is refused before any
/// connection.
#[test]
fn pg_sslmode_disable_is_refused_for_a_remote_host() {
    let env = host("postgresql://cpni_app@pg.example/cpni?sslmode=disable", "");
    env.run(&["init"])
        .code(2)
        .stderr_has("in clear")
        .stderr_has("verify-full");
    nothing_on_the_host(&env);
}

#[test]
fn pg_other_commands_run_on_a_postgresql_db_and_create_no_folder() {
    let db = empty_db();
    let env = tls_host(&db);
    env.run(&["init"]).ok();
    // Before this release every command but init refused a PostgreSQL db (exit 2
    // `pg-steps-not-yet`): now they run there.
    let commands: &[(&[&str], i32)] = &[
        (&["agent", "list"], 0),
        (&["agent", "add", "bob", "--role", "agent"], 0),
        (&["customer", "show", "C1"], 4),
        (&["audit", "verify"], 0),
        (&["audit", "list"], 0),
        (&["notify", "send"], 0),
        (&["report", "failures"], 0),
        (&["init", "--demo"], 0),
    ];
    for (args, code) in commands {
        let r = env.run(args);
        r.code(*code);
        assert!(!r.stderr.contains("panicked"), "{}", r.dump());
        assert!(!r.stderr.contains("SQLite only"), "{}", r.dump());
    }
    let listed = env.run(&["--json", "agent", "list"]).ok().stdout.clone();
    assert!(listed.contains("\"bob\""), "{listed}");
    let log = env.run(&["--json", "audit", "list"]).ok().stdout.clone();
    assert!(log.contains("agent.add") && log.contains("bob"), "{log}");
    // Given on the command line (or CPNI_DB), in any spelling: never a folder.
    let bare = Env::new();
    for db_arg in [
        url(&db, ""),
        "postgres://x@h/d".into(),
        "postgresql:cpni".into(),
    ] {
        let r = bare.run(&["--db", &db_arg, "agent", "list"]);
        assert!(
            r.code != 0 && !r.stderr.contains("panicked"),
            "{}",
            r.dump()
        );
        let mut cmd = bare.command(&["customer", "search", "Ada"]);
        cmd.env("CPNI_DB", &db_arg);
        let r = run_command(cmd, None);
        assert!(
            r.code != 0 && !r.stderr.contains("panicked"),
            "{}",
            r.dump()
        );
    }
    assert!(
        !bare.root().join("data").exists(),
        "a data folder was created"
    );
    no_url_folder(bare.root());
    no_url_folder(env.root());
}

/// A throw-away server of its own (so that stopping it disturbs no other test).
pub(super) struct Throwaway {
    pub(super) host: String,
    pub(super) port: String,
    pub(super) dir: String,
    ca: String,
}

impl Throwaway {
    pub(super) fn start() -> Throwaway {
        Throwaway::start_with_names("IP:127.0.0.1,DNS:localhost")
    }

    /// A server whose certificate names only `names` (openssl's subjectAltName syntax).
    fn start_with_names(names: &str) -> Throwaway {
        let o = Command::new("bash")
            .arg(format!(
                "{}/scripts/pg-server.sh",
                env!("CARGO_MANIFEST_DIR")
            ))
            .arg("start")
            .env("CPNI_PG_CERT_NAMES", names)
            .stdin(Stdio::null())
            .output()
            .expect("run scripts/pg-server.sh");
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(
            o.status.success(),
            "pg-server.sh start: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let get = |k: &str| {
            out.split_whitespace()
                .find_map(|w| w.strip_prefix(&format!("{k}=")))
                .unwrap_or_else(|| panic!("pg-server.sh printed no {k}: {out}"))
                .to_string()
        };
        Throwaway {
            host: get("CPNI_TEST_PG_HOST"),
            port: get("CPNI_TEST_PG_PORT"),
            dir: get("CPNI_TEST_PG_DIR"),
            ca: get("CPNI_TEST_PG_CA"),
        }
    }

    pub(super) fn script(&self, what: &str) {
        let o = Command::new("bash")
            .arg(format!(
                "{}/scripts/pg-server.sh",
                env!("CARGO_MANIFEST_DIR")
            ))
            .args([what, &self.dir])
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "pg-server.sh {what}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }

    /// The roles with the test passwords, and an empty database `cpni` owned by cpni_owner.
    pub(super) fn cpni_database(&self) {
        self.psql("postgres", cpni::store::pg::ROLES);
        self.psql(
            "postgres",
            &format!("ALTER ROLE cpni_owner PASSWORD '{OWNER_PW}'"),
        );
        self.psql(
            "postgres",
            &format!("ALTER ROLE cpni_app PASSWORD '{APP_PW}'"),
        );
        self.psql("postgres", "CREATE DATABASE cpni OWNER cpni_owner");
    }

    pub(super) fn psql(&self, db: &str, sql: &str) -> String {
        let o = Command::new("psql")
            .args([
                "-X",
                "-q",
                "-At",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                &self.host,
                "-p",
                &self.port,
            ])
            .args(["-U", "postgres", "-d", db, "-c", sql])
            .env_remove("PGPASSWORD")
            .output()
            .expect("run psql");
        assert!(
            o.status.success(),
            "{sql}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }
}

impl Drop for Throwaway {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(format!(
                "{}/scripts/pg-server.sh",
                env!("CARGO_MANIFEST_DIR")
            ))
            .args(["stop", &self.dir])
            .stdin(Stdio::null())
            .output();
    }
}

#[test]
fn pg_stopped_server_is_exit_5_then_init_works_once_it_is_back() {
    let s = Throwaway::start();
    s.cpni_database();
    let where_ = format!("127.0.0.1:{}/cpni", s.port);
    let url = format!("postgresql://cpni_app@{where_}?sslmode=require");
    let env = host(&url, "");
    // A connection open while the server stops: its next statement is exit 5, "closed".
    let files = cpni::store::pg::target::StorageFiles {
        password_file: Some(env.root().join("app-password")),
        ..Default::default()
    };
    let t = cpni::store::pg::target::parse(&url, files).unwrap();
    let mut client = cpni::store::pg::connect::connect(&t, cpni::store::pg::connect::As::App)
        .unwrap_or_else(|e| panic!("connect: {e}"));
    s.script("pause");
    let e = client.batch_execute("SELECT 1").unwrap_err();
    let err = cpni::error::Error::from(cpni::store::pg::error::PgError::new(&e, &t, "cpni_app"));
    assert_eq!(
        (err.code, err.exit_code()),
        ("pg-closed", 5),
        "{}",
        err.message
    );
    assert!(
        err.message.contains(&where_) && err.message.contains("closed the connection"),
        "{}",
        err.message
    );
    env.run(&["init"])
        .code(5)
        .stderr_has("cannot reach the PostgreSQL server at")
        .stderr_has(&where_)
        .stderr_has("check that the server runs");
    assert_eq!(
        env.run(&["--json", "init"]).json_err()["error"]["code"],
        "pg-unreachable"
    );
    nothing_on_the_host(&env);
    s.script("resume");
    let n = s.psql("cpni", "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'");
    assert_eq!(n.trim(), "0", "the failed init created something");
    env.run(&["init"]).ok().stdout_has(&format!(
        "Applied PostgreSQL migrations 1 to {}",
        cpni::store::pg::MIGRATIONS.len()
    ));
    assert_eq!(
        s.psql("cpni", "SELECT version FROM schema_version").trim(),
        cpni::store::pg::MIGRATIONS.len().to_string()
    );
    assert!(key_files(&env).0.exists());
}

/// verify-full checks the certificate's name: a certificate of the right CA for another name
/// (here only `localhost`, reached as 127.0.0.1) is refused; by its own name it is accepted.
#[test]
fn pg_tls_verify_full_refuses_a_certificate_for_another_name() {
    let s = Throwaway::start_with_names("DNS:localhost");
    s.cpni_database();
    let ca = format!("ca_file = \"{}\"\n", s.ca);
    let by_ip = host(
        &format!("postgresql://cpni_app@127.0.0.1:{}/cpni", s.port),
        &ca,
    );
    by_ip
        .run(&["init"])
        .code(5)
        .stderr_has("TLS with the PostgreSQL server at 127.0.0.1")
        .stderr_has("certificate");
    nothing_on_the_host(&by_ip);
    let by_name = host(
        &format!("postgresql://cpni_app@localhost:{}/cpni", s.port),
        &ca,
    );
    by_name.run(&["init"]).ok();
}

/// libpq's environment variables are not cpni's: a password in PGPASSWORD is never used, and
/// PGSSLMODE cannot turn TLS off.
#[test]
fn pg_the_environment_gives_no_password_and_no_plaintext() {
    let db = empty_db();
    let env = tls_host(&db);
    let cfg = std::fs::read_to_string(env.config_path()).unwrap();
    let owner = format!(
        "owner_password_file = \"{}\"\n",
        env.root().join("owner-password").display()
    );
    assert!(cfg.contains(&owner));
    env.write_config(&cfg.replace(&owner, ""));
    let mut cmd = env.command(&["--json", "init"]);
    cmd.env("PGPASSWORD", OWNER_PW)
        .env("PGSSLMODE", "disable")
        .env("PGUSER", "postgres")
        .env("PGPASSFILE", env.root().join("owner-password"));
    let r = run_command(cmd, None);
    r.code(5).never_prints(OWNER_PW);
    let j = r.json_err();
    assert_eq!(j["error"]["code"], "pg-auth", "{j}");
    assert!(
        j["error"]["message"]
            .as_str()
            .unwrap()
            .contains("role cpni_owner"),
        "{j}"
    );
    assert_eq!(objects(&db), 0);
    nothing_on_the_host(&env);
}

/// A password file that is a FIFO (a writer could feed it, or it would block) is refused.
#[test]
fn pg_password_file_that_is_not_a_regular_file_is_refused() {
    let db = empty_db();
    let env = tls_host(&db);
    let owner = env.root().join("owner-password");
    std::fs::remove_file(&owner).unwrap();
    let o = Command::new("mkfifo")
        .arg("-m")
        .arg("600")
        .arg(&owner)
        .output()
        .unwrap();
    assert!(o.status.success());
    env.run(&["init"])
        .code(2)
        .stderr_has("storage.owner_password_file")
        .stderr_has("not a regular file");
    assert_eq!(objects(&db), 0);
}

/// The day-to-day role's password is checked by init too: with a wrong one the schema is in
/// place (the owner's part is done) and init says the app role cannot log in.
#[test]
fn pg_init_checks_that_the_day_to_day_role_logs_in() {
    let db = empty_db();
    let env = tls_host(&db);
    secret_file(&env, "app-password", "wrong-app-password");
    env.run(&["init"])
        .code(5)
        .stderr_has("the schema is in place, but")
        .stderr_has("refused the login of role cpni_app")
        .stderr_has("[storage] password_file")
        .never_prints("wrong-app-password");
    secret_file(&env, "app-password", APP_PW);
    env.run(&["init"]).ok().stdout_has("nothing changed");
    schema_is_the_readable_one(&db);
}
