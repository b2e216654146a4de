//! The security review of `cpni init` on PostgreSQL (issue 16), each finding as an attack on a
//! real server (`scripts/pg-server.sh`) or on an impostor (`pg_impostor.py`): key files not
//! tied to their database, a password given to an impostor, a database that is not cpni's, a
//! schema that captures the tables, a `db` that is not quite a URL, a joining host's damaged
//! key files, a day-to-day role that can rewrite the log, a hostile `ca_file`, hostile
//! password files, and the PostgreSQL-only settings with a SQLite db. A missing server fails
//! every test here.

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use super::pg_connect::{
    APP_PW, OWNER_PW, copy_keys, empty_db, host, key_files, no_url_folder, nothing_on_the_host,
    objects, roles, secret_file, tls_host, url,
};
use super::pg_schema::{Db, psql, psql_ok, server};
use super::util::{Env, Run, TEST_CONFIG, run_command};

/// A database name of its own, for a database a test creates by hand (dropped by [`Db`]).
fn fresh_name() -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    format!(
        "cpni_x_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    )
}

/// Points `env`'s config at `db` (a URL), keeping the rest.
fn retarget(env: &Env, db: &str) {
    let cfg = std::fs::read_to_string(env.config_path()).unwrap();
    let (first, rest) = cfg.split_once('\n').unwrap();
    assert!(first.starts_with("db = "), "{first}");
    env.write_config(&format!("db = \"{db}\"\n{rest}"));
}

/// Valid key files (64 hex digits, 0600) that are not the database's, at `env`'s key base
/// named like `like`'s.
fn stale_keys(env: &Env, like: &Env) -> (PathBuf, PathBuf) {
    let (c, s) = copy_keys(like, env);
    std::fs::write(&c, "11".repeat(32)).unwrap();
    std::fs::write(&s, "22".repeat(32)).unwrap();
    (c, s)
}

/// The repro of the review: a first init that fails (the database is not cpni_owner's, so
/// "permission denied for schema public") must leave no keys; a second host then sets the
/// database up; the first host, without keys or with keys of its own, is refused.
#[test]
fn pg_keys_of_a_failed_first_init_are_never_accepted() {
    roles();
    let db = Db { name: fresh_name() };
    let o = psql(
        "postgres",
        "postgres",
        &format!("CREATE DATABASE {}", db.name),
        false,
    );
    assert!(o.ok, "{}", o.stderr);
    let a = tls_host(&db);
    a.run(&["init"])
        .code(5)
        .stderr_has("permission denied for schema public");
    nothing_on_the_host(&a);
    assert_eq!(objects(&db), 0, "the failed init left part of the schema");
    psql_ok(
        "postgres",
        "postgres",
        &format!("ALTER DATABASE {} OWNER TO cpni_owner", db.name),
    );
    let b = tls_host(&db);
    let r = b.run(&["--json", "init"]);
    r.ok();
    assert_eq!(r.json()["keys_created"], true);
    a.run(&["--json", "init"])
        .code(2)
        .stderr_has("pg-keys-missing");
    nothing_on_the_host(&a);
    // Keys of A's own (as the old code left them): refused, naming both files.
    let (c, s) = stale_keys(&a, &b);
    a.run(&["--json", "init"])
        .code(2)
        .stderr_has("pg-keys-mismatch")
        .stderr_has(&format!("{} and {} differ", c.display(), s.display()));
    // One of the two wrong is enough.
    let (bc, _) = key_files(&b);
    std::fs::copy(&bc, &c).unwrap();
    a.run(&["init"])
        .code(2)
        .stderr_has("do not match")
        .stderr_has(&format!("{} differs", s.display()));
    copy_keys(&b, &a);
    a.run(&["init"]).ok().stdout_has("nothing changed");
}

/// The database holds the fingerprint of the first host's keys (the signing public key and a
/// MAC under the code key), never a key.
#[test]
fn pg_the_database_records_the_keys_fingerprint_not_the_keys() {
    let db = empty_db();
    let a = tls_host(&db);
    a.run(&["init"]).ok();
    let (c, s) = key_files(&a);
    let seed: [u8; 32] = hex::decode(std::fs::read_to_string(&s).unwrap().trim())
        .unwrap()
        .try_into()
        .unwrap();
    let public = hex::encode(cpni::audit::checkpoint::public_key(&seed));
    let row = psql_ok(
        "cpni_app",
        &db.name,
        "SELECT encode(signing_public, 'hex') || '|' || length(code_key_mac) \
         FROM host_key_fingerprint",
    );
    assert_eq!(row.trim(), format!("{public}|32"));
    let all = psql_ok(
        "postgres",
        &db.name,
        "SELECT encode(signing_public, 'hex') || encode(code_key_mac, 'hex') FROM host_key_fingerprint",
    );
    for k in [&c, &s] {
        let key = std::fs::read_to_string(k).unwrap();
        assert!(!all.contains(key.trim()), "a key is in the database");
    }
}

/// Each database has key files of its own: a fresh database on the same host gets new keys
/// (never the first database's), and a host pointed at a database another host set up is
/// refused, with no keys or with the keys of its first database.
#[test]
fn pg_key_files_belong_to_one_database() {
    let db1 = empty_db();
    let a = tls_host(&db1);
    a.run(&["init"]).ok();
    let (c1, s1) = key_files(&a);
    let db2 = empty_db();
    retarget(&a, &url(&db2, "?sslmode=verify-full"));
    let r = a.run(&["--json", "init"]);
    r.ok();
    let j = r.json();
    assert_eq!(j["keys_created"], true, "{j}");
    let c2 = PathBuf::from(j["code_key"].as_str().unwrap());
    let s2 = PathBuf::from(j["signing_key"].as_str().unwrap());
    assert_ne!((&c1, &s1), (&c2, &s2), "two databases share a key base");
    assert_ne!(std::fs::read(&c1).unwrap(), std::fs::read(&c2).unwrap());
    assert_ne!(std::fs::read(&s1).unwrap(), std::fs::read(&s2).unwrap());

    let db3 = empty_db();
    let other = tls_host(&db3);
    other.run(&["init"]).ok();
    retarget(&a, &url(&db3, "?sslmode=verify-full"));
    a.run(&["--json", "init"])
        .code(2)
        .stderr_has("pg-keys-missing");
    // db1's keys put at db3's names: refused too.
    let (oc, os) = key_files(&other);
    let dir = c1.parent().unwrap();
    std::fs::copy(&c1, dir.join(oc.file_name().unwrap())).unwrap();
    std::fs::copy(&s1, dir.join(os.file_name().unwrap())).unwrap();
    a.run(&["--json", "init"])
        .code(2)
        .stderr_has("pg-keys-mismatch");
}

/// A joining host's key files are checked as SQLite's: a folder others can write, a file
/// others can read, garbage, a link (to /dev/null), one file of two: each refused, exit 2,
/// naming the file; once fixed, accepted.
#[test]
fn pg_a_joining_hosts_key_files_are_checked() {
    let db = empty_db();
    let a = tls_host(&db);
    a.run(&["init"]).ok();
    let b = tls_host(&db);
    let (c, s) = copy_keys(&a, &b);
    let dir = c.parent().unwrap().to_path_buf();
    let mode = |p: &Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    };
    mode(&dir, 0o777);
    b.run(&["init"])
        .code(2)
        .stderr_has(&dir.display().to_string())
        .stderr_has("chmod go-w");
    mode(&dir, 0o700);
    mode(&c, 0o644);
    b.run(&["init"])
        .code(2)
        .stderr_has(&c.display().to_string())
        .stderr_has("mode 0644");
    mode(&c, 0o600);
    let good = std::fs::read(&s).unwrap();
    std::fs::write(&s, "not a key\n").unwrap();
    b.run(&["init"])
        .code(2)
        .stderr_has(&s.display().to_string())
        .stderr_has("does not hold a key");
    std::fs::remove_file(&s).unwrap();
    std::os::unix::fs::symlink("/dev/null", &s).unwrap();
    b.run(&["init"])
        .code(2)
        .stderr_has(&s.display().to_string())
        .stderr_has("symbolic link");
    std::fs::remove_file(&s).unwrap();
    b.run(&["--json", "init"])
        .code(2)
        .stderr_has("pg-keys-missing")
        .stderr_has("go together");
    std::fs::write(&s, &good).unwrap();
    mode(&s, 0o600);
    std::os::unix::fs::chown(&s, Some(65534), None).unwrap();
    b.run(&["init"])
        .code(2)
        .stderr_has(&s.display().to_string())
        .stderr_has("belongs to uid 65534");
    std::os::unix::fs::chown(&s, Some(0), None).unwrap();
    b.run(&["init"]).ok().stdout_has("nothing changed");
}

/// A self-signed certificate and key for the impostor, made with the openssl CLI.
fn impostor_cert(env: &Env) -> (PathBuf, PathBuf) {
    let (cert, key) = (env.root().join("imp.crt"), env.root().join("imp.key"));
    let o = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
        ])
        .args(["-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout"])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stdin(Stdio::null())
        .output()
        .expect("run openssl (scripts/test.sh installs it)");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (cert, key)
}

/// Starts the impostor in `mode` (over TLS when `tls`); returns it and its port.
fn impostor(env: &Env, mode: &str, tls: bool, capture: &Path) -> (Child, u16) {
    let mut cmd = Command::new("python3");
    cmd.arg(format!(
        "{}/tests/cli/pg_impostor.py",
        env!("CARGO_MANIFEST_DIR")
    ))
    .arg(mode)
    .arg(capture);
    if tls {
        let (c, k) = impostor_cert(env);
        cmd.arg(c).arg(k);
    }
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run python3");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (child, line.trim().parse().expect("the impostor's port"))
}

/// With sslmode=require the certificate is not checked, so anyone on the path can answer:
/// an impostor asking for a cleartext or MD5 password, or offering SCRAM without channel
/// binding, gets no password (cpni requires SCRAM-SHA-256-PLUS).
#[test]
fn pg_sslmode_require_gives_an_impostor_no_password() {
    for mode in ["cleartext", "md5", "scram"] {
        let env = host("postgresql://cpni_app@127.0.0.1:1/cpni", "");
        let capture = env.root().join("captured");
        let (mut child, port) = impostor(&env, mode, true, &capture);
        retarget(
            &env,
            &format!("postgresql://cpni_app@127.0.0.1:{port}/cpni?sslmode=require"),
        );
        let r = env.run(&["--json", "init"]);
        child.wait().unwrap();
        let got = std::fs::read(&capture).expect("the impostor saw a connection");
        let text = String::from_utf8_lossy(&got);
        assert!(
            !text.contains(OWNER_PW) && !text.contains(APP_PW),
            "{mode}: the impostor captured the password"
        );
        r.code(5)
            .stderr_has("pg-auth")
            .stderr_has("SCRAM-SHA-256-PLUS")
            .never_prints(OWNER_PW);
        if mode != "scram" {
            assert!(
                got.is_empty(),
                "{mode}: cpni answered the impostor: {text:?}"
            );
        }
        nothing_on_the_host(&env);
    }
}

/// SCRAM with channel binding works against the real server over TLS (`require` and
/// `verify-full`), and plain SCRAM without TLS on loopback (`disable`, where channel binding
/// cannot exist).
#[test]
fn pg_channel_binding_works_with_the_real_server() {
    let db = empty_db();
    let a = host(&url(&db, "?sslmode=require"), "");
    a.run(&["init"])
        .ok()
        .stdout_has("Applied PostgreSQL migrations 1 to 5");
    let ca = format!("ca_file = \"{}\"\n", super::pg_connect::ca());
    let b = host(&url(&db, "?sslmode=verify-full"), &ca);
    copy_keys(&a, &b);
    b.run(&["init"]).ok().stdout_has("nothing changed");
    let c = host(&url(&db, "?sslmode=disable"), "");
    copy_keys(&a, &c);
    c.run(&["init"]).ok().stdout_has("nothing changed");
}

/// The day-to-day role (the URL's) must not be able to rewrite the log: the owner role, a
/// superuser, or a role granted DELETE on audit is refused after the migrations, exit 2,
/// saying which.
#[test]
fn pg_init_refuses_a_day_to_day_role_that_can_rewrite_the_log() {
    let db = empty_db();
    let owner_url = format!(
        "postgresql://cpni_owner@127.0.0.1:{}/{}?sslmode=require",
        server().1,
        db.name
    );
    let first = host(&owner_url, "");
    secret_file(&first, "app-password", OWNER_PW);
    first
        .run(&["--json", "init"])
        .code(2)
        .stderr_has("pg-app-role")
        .stderr_has("owns cpni's tables");

    let sup = format!("cpni_sup_{}", std::process::id());
    psql_ok(
        "postgres",
        "postgres",
        &format!(
            "DROP ROLE IF EXISTS {sup}; CREATE ROLE {sup} LOGIN SUPERUSER PASSWORD '{APP_PW}'"
        ),
    );
    let env = host(
        &format!(
            "postgresql://{sup}@127.0.0.1:{}/{}?sslmode=require",
            server().1,
            db.name
        ),
        "",
    );
    copy_keys(&first, &env);
    let r = env.run(&["init"]);
    psql_ok("postgres", "postgres", &format!("DROP ROLE {sup}"));
    r.code(2).stderr_has("is a superuser");

    let other = empty_db();
    let env = tls_host(&other);
    env.run(&["init"]).ok();
    psql_ok(
        "cpni_owner",
        &other.name,
        "GRANT DELETE ON audit TO cpni_app",
    );
    env.run(&["--json", "init"])
        .code(2)
        .stderr_has("pg-app-role")
        .stderr_has("may UPDATE, DELETE or TRUNCATE audit records");
    // Every command checks it, not only init (a grant made after init, or `db` naming the
    // owner): nothing runs, nothing is written.
    let records = psql_ok("postgres", &other.name, "SELECT count(*) FROM audit");
    env.run(&["--json", "customer", "list"])
        .code(2)
        .stderr_has("pg-app-role");
    env.run(&["--json", "session", "start", "DEMO-1001"])
        .code(2)
        .stderr_has("may UPDATE, DELETE or TRUNCATE audit records");
    assert_eq!(
        psql_ok("postgres", &other.name, "SELECT count(*) FROM audit"),
        records
    );
    first
        .run(&["--json", "customer", "list"])
        .code(2)
        .stderr_has("owns cpni's tables");
}

/// Whether the database still has PostgreSQL's default database privileges (migration 2's
/// `REVOKE ALL ON DATABASE … FROM PUBLIC` never ran).
fn database_grants_untouched(db: &Db) -> bool {
    psql_ok(
        "postgres",
        "postgres",
        &format!(
            "SELECT datacl IS NULL FROM pg_database WHERE datname = '{}'",
            db.name
        ),
    )
    .trim()
        == "t"
}

/// A database that is not cpni's is never migrated: another application's schema, another
/// tool's `schema_version` (cpni's shape at 1 without cpni's tables, other columns, version
/// -1): each refused as pg-not-cpni (exit 5), nothing changed, its grants untouched.
#[test]
fn pg_init_never_migrates_a_database_that_is_not_cpnis() {
    for sql in [
        "CREATE SCHEMA billing; CREATE TABLE billing.invoice (id int);",
        "CREATE TABLE schema_version (id integer PRIMARY KEY, version integer NOT NULL); \
         INSERT INTO schema_version VALUES (1, 1);",
        "CREATE TABLE schema_version (id integer, v text); INSERT INTO schema_version VALUES (1, 'x');",
        "CREATE TABLE schema_version (id integer, version integer); \
         INSERT INTO schema_version VALUES (1, -1);",
        "CREATE FUNCTION public.app_fn() RETURNS int LANGUAGE sql AS 'SELECT 1';",
    ] {
        let db = empty_db();
        psql_ok("cpni_owner", &db.name, sql);
        let before = objects(&db);
        let env = tls_host(&db);
        let r = env.run(&["--json", "init"]);
        r.code(5).stderr_has("pg-not-cpni");
        assert_eq!(
            r.json_err()["error"]["code"],
            "pg-not-cpni",
            "{sql}: {}",
            r.dump()
        );
        assert_eq!(objects(&db), before, "{sql}: init changed the database");
        assert!(database_grants_untouched(&db), "{sql}: the grants changed");
        nothing_on_the_host(&env);
    }
}

/// A schema named after the owner role (`CREATE SCHEMA AUTHORIZATION cpni_owner`, first in the
/// default search_path) does not capture the tables: they are made in public, and a second
/// init finds them.
#[test]
fn pg_a_schema_named_after_the_owner_does_not_capture_the_tables() {
    let db = empty_db();
    psql_ok(
        "postgres",
        &db.name,
        "CREATE SCHEMA AUTHORIZATION cpni_owner",
    );
    let env = tls_host(&db);
    env.run(&["init"])
        .ok()
        .stdout_has("Applied PostgreSQL migrations 1 to");
    let in_owner = psql_ok(
        "postgres",
        &db.name,
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = 'cpni_owner'",
    );
    assert_eq!(
        in_owner.trim(),
        "0",
        "tables were made in schema cpni_owner"
    );
    env.run(&["init"]).ok().stdout_has("nothing changed");
    let v = psql_ok(
        "cpni_app",
        &db.name,
        "SELECT version FROM public.schema_version",
    );
    assert_eq!(v.trim(), "5");
}

/// A `db` that is almost a PostgreSQL URL (spaces around it, a tab in it, a non-UTF-8 byte) is
/// refused, exit 2, and never becomes a folder or a SQLite database; a non-UTF-8 SQLite path
/// too, with no panic.
#[test]
fn pg_almost_urls_and_non_utf8_paths_are_refused() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let env = Env::new();
    env.write_config(TEST_CONFIG);
    let bad: Vec<&OsStr> = vec![
        OsStr::new(" postgresql://cpni_app@127.0.0.1/cpni"),
        OsStr::new("postgresql://cpni_app@127.0.0.1/cpni "),
        OsStr::new("postgresql://cpni_app@127.0.0.1/cp\tni"),
        OsStr::new("\tPOSTGRESQL:cpni"),
        OsStr::new("postgres"),
        OsStr::from_bytes(b"postgresql://cpni_app@127.0.0.1/cpni\xff"),
        OsStr::from_bytes(b"postgresql\xff://x"),
    ];
    for db in bad {
        let mut cmd = env.command(&[OsStr::new("--db"), db, OsStr::new("init")]);
        cmd.current_dir(env.root());
        let r = run_command(cmd, None);
        r.code(2);
        assert!(r.stderr.contains("db"), "{db:?}: {}", r.dump());
        no_url_folder(env.root());
        assert!(!env.db().exists(), "{db:?} made a SQLite database");
    }
    let weird = env.root().join(OsStr::from_bytes(b"x\xff.db"));
    let mut cmd = env.command(&[
        OsStr::new("--db"),
        weird.as_os_str(),
        OsStr::new("init"),
        OsStr::new("-q"),
    ]);
    cmd.current_dir(env.root());
    let r = run_command(cmd, None);
    r.code(2).stderr_has("not valid UTF-8");
    assert!(!weird.exists(), "the database was created");
    // In the config file: the same.
    env.write_config(&format!(
        "db = \" postgresql://cpni_app@127.0.0.1/cpni\"\n{TEST_CONFIG}"
    ));
    let mut cmd = env.command(&["init"]);
    cmd.current_dir(env.root());
    run_command(cmd, None).code(2).stderr_has("space, tab");
    no_url_folder(env.root());
}

/// Runs `cmd`, killed after 30 s (a hang is a failure, not a stuck suite).
fn run_within(mut cmd: Command) -> Run {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("cpni hung");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let o = child.wait_with_output().unwrap();
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// `ca_file` is checked as a file before anything connects: a FIFO (no hang), /dev/zero (no
/// memory exhaustion), a file over 1 MiB, one others can write, a link: each exit 2 naming
/// storage.ca_file, nothing created.
#[test]
fn pg_a_hostile_ca_file_is_refused() {
    let db = empty_db();
    let ca = super::pg_connect::ca();
    let fifo = std::env::temp_dir().join(format!("cpni-ca-fifo-{}", std::process::id()));
    let _ = std::fs::remove_file(&fifo);
    let o = Command::new("mkfifo").arg(&fifo).output().unwrap();
    assert!(o.status.success());
    let env = Env::new();
    let big = env.file("big.pem", &"A".repeat(1024 * 1024 + 10));
    let loose = env.file("loose.pem", &std::fs::read_to_string(&ca).unwrap());
    std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o666)).unwrap();
    let link = env.root().join("link.pem");
    std::os::unix::fs::symlink(&ca, &link).unwrap();
    for (file, want) in [
        (fifo.clone(), "not a regular file"),
        (PathBuf::from("/dev/zero"), "not a regular file"),
        (big, "more than the 1048576"),
        (loose, "written by group or others"),
        (link, "symbolic link"),
    ] {
        let env = host(
            &url(&db, "?sslmode=verify-full"),
            &format!("ca_file = \"{}\"\n", file.display()),
        );
        let r = run_within(env.command(&["init"]));
        r.code(2).stderr_has("storage.ca_file").stderr_has(want);
        nothing_on_the_host(&env);
    }
    let _ = std::fs::remove_file(&fifo);
    assert_eq!(objects(&db), 0);
}

/// Password files as ssh treats keys: owned by this account, one line, no NUL, within the cap;
/// each refusal names the field, before anything is migrated (a 0644 password_file of the
/// day-to-day role included).
#[test]
fn pg_hostile_password_files_are_refused_before_any_migration() {
    let db = empty_db();
    let env = tls_host(&db);
    let app = env.root().join("app-password");
    let owner = env.root().join("owner-password");
    std::fs::set_permissions(&app, std::fs::Permissions::from_mode(0o644)).unwrap();
    env.run(&["init"])
        .code(2)
        .stderr_has("storage.password_file")
        .stderr_has("mode 0644")
        .never_prints("the schema is in place");
    assert_eq!(
        objects(&db),
        0,
        "init migrated before checking password_file"
    );
    std::fs::set_permissions(&app, std::fs::Permissions::from_mode(0o600)).unwrap();
    for (content, want) in [
        (format!("{OWNER_PW}\nsecond line\n"), "more than one line"),
        (format!("{OWNER_PW}\0x\n"), "NUL"),
        ("x".repeat(64 * 1024 + 1), "more than the 65536"),
    ] {
        std::fs::write(&owner, &content).unwrap();
        env.run(&["init"])
            .code(2)
            .stderr_has("storage.owner_password_file")
            .stderr_has(want)
            .never_prints(OWNER_PW);
    }
    std::fs::write(&owner, format!("{OWNER_PW}\n")).unwrap();
    std::os::unix::fs::chown(&owner, Some(65534), None).unwrap();
    env.run(&["init"])
        .code(2)
        .stderr_has("storage.owner_password_file")
        .stderr_has("belongs to uid 65534");
    std::os::unix::fs::chown(&owner, Some(0), None).unwrap();
    // A link: the hint says to replace the link, not to chmod it.
    let link = env.root().join("owner-link");
    std::os::unix::fs::symlink(&owner, &link).unwrap();
    let cfg = std::fs::read_to_string(env.config_path()).unwrap();
    env.write_config(&cfg.replace(
        &format!("\"{}\"", owner.display()),
        &format!("\"{}\"", link.display()),
    ));
    let r = env.run(&["init"]);
    r.code(2).stderr_has("symbolic link");
    assert!(!r.stderr.contains("chmod 600"), "{}", r.dump());
    assert_eq!(objects(&db), 0);
    nothing_on_the_host(&env);
}

/// The hints fit the situation: pg-tls with sslmode=require does not talk of verify-full and
/// ca_file; pg-auth without an owner_password_file says it is not set rather than naming it;
/// a missing database points at the README section by its heading.
#[test]
fn pg_hints_fit_the_settings_in_use() {
    let env = host("postgresql://cpni_app@127.0.0.1:1/cpni", "");
    let capture = env.root().join("captured");
    let (mut child, port) = impostor(&env, "no-tls", false, &capture);
    retarget(
        &env,
        &format!("postgresql://cpni_app@127.0.0.1:{port}/cpni?sslmode=require"),
    );
    let r = env.run(&["--json", "init"]);
    child.wait().unwrap();
    r.code(5).stderr_has("pg-tls").stderr_has("sslmode=require");
    assert!(
        !r.stderr.contains("verify-full") && !r.stderr.contains("ca_file"),
        "{}",
        r.dump()
    );

    let db = empty_db();
    let env = Env::new();
    env.write_config(&format!(
        "db = \"{}\"\n{TEST_CONFIG}",
        url(&db, "?sslmode=require")
    ));
    let r = env.run(&["init"]);
    r.code(5)
        .stderr_has("refused the login of role cpni_owner")
        .stderr_has("owner_password_file is not set");
    assert!(!r.stderr.contains("the file named by"), "{}", r.dump());

    let env = host(
        &format!(
            "postgresql://cpni_app@127.0.0.1:{}/no_such_db_{}?sslmode=require",
            server().1,
            std::process::id()
        ),
        "",
    );
    env.run(&["init"])
        .code(5)
        .stderr_has("README section \"PostgreSQL\"");
    let env = Env::new();
    env.run(&["--db", "postgresql://", "init"])
        .code(2)
        .stderr_has("README section \"PostgreSQL\"");
}

/// The PostgreSQL-only `[storage]` keys with a SQLite db: refused, exit 2, naming the key,
/// nothing created.
#[test]
fn pg_postgresql_settings_with_a_sqlite_db_are_refused() {
    for key in [
        "password_file",
        "owner_password_file",
        "ca_file",
        "owner_role",
    ] {
        let env = Env::new();
        env.write_config(&format!("{TEST_CONFIG}[storage]\n{key} = \"x\"\n"));
        env.run(&["init"])
            .code(2)
            .stderr_has(&format!("storage.{key} applies to a PostgreSQL db only"));
        assert!(!env.db().exists(), "{key}: the SQLite database was created");
    }
}
