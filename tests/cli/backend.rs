//! The backend a test home's `db` is on (`CPNI_TEST_BACKEND`: unset or `sqlite`, or `pg`) and,
//! for PostgreSQL, each home's own database on the test server (`scripts/pg-server.sh`): made
//! empty for [`super::util::Env::new`], cloned from a template for
//! [`super::util::Env::initialised`], dropped with the home. Also the one way a test says it is
//! about SQLite itself ([`sqlite_only`]). The argument for the design is in `util.rs`'s `//!`.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use super::pg_connect::{APP_PW, OWNER_PW, ca, roles};
use super::pg_schema::{psql, server};

/// Which database the suite's homes use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Pg,
}

/// `CPNI_TEST_BACKEND`: unset, empty or `sqlite` for SQLite, `pg` for PostgreSQL; anything else
/// fails the test (a typo must not quietly run SQLite twice).
pub fn backend() -> Backend {
    static B: OnceLock<Backend> = OnceLock::new();
    *B.get_or_init(|| match std::env::var("CPNI_TEST_BACKEND").as_deref() {
        Err(_) | Ok("") | Ok("sqlite") => Backend::Sqlite,
        Ok("pg") => Backend::Pg,
        Ok(other) => panic!("CPNI_TEST_BACKEND={other:?}: use sqlite (the default) or pg"),
    })
}

/// True on the PostgreSQL run, for a test that is about SQLite itself (the database file, its
/// WAL, the sqlite3 CLI on the file, sqlite_master, the pre-update hook, file locks): the test
/// returns at once. Never silent: it prints `SQLITE-ONLY <test>: <reason>` and appends that line
/// to `$CPNI_TEST_SQLITE_ONLY_LOG` (scripts/test.sh prints the list and its count).
#[must_use]
pub fn sqlite_only(reason: &str) -> bool {
    if backend() != Backend::Pg {
        return false;
    }
    let name = std::thread::current()
        .name()
        .unwrap_or("unnamed test")
        .to_string();
    let line = format!("SQLITE-ONLY {name}: {reason}\n");
    eprint!("{line}");
    if let Ok(path) = std::env::var("CPNI_TEST_SQLITE_ONLY_LOG") {
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .unwrap_or_else(|e| panic!("open {path}: {e}"));
        f.write_all(line.as_bytes())
            .expect("append to the SQLite-only log");
    }
    true
}

/// One home's database on the test server, owned by cpni_owner; dropped with the home.
pub struct PgDb {
    pub name: String,
}

impl PgDb {
    /// A fresh empty database (what `cpni init` expects).
    pub fn empty() -> PgDb {
        PgDb::create("")
    }

    /// A copy of the template database `cpni init` (`--demo` if asked) built once per run.
    pub fn from_template(demo: bool) -> (PgDb, &'static Template) {
        let t = template(demo);
        (PgDb::create(&format!(" TEMPLATE {}", t.db)), t)
    }

    fn create(from: &str) -> PgDb {
        roles();
        static N: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "cpni_h_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let sql = format!("CREATE DATABASE {name}{from} OWNER cpni_owner");
        // Cloning fails while another session is connected to the template: none ever is
        // (its home is gone once built), but retry briefly rather than fail on a race.
        for attempt in 0.. {
            let o = psql("postgres", "postgres", &sql, false);
            if o.ok {
                break;
            }
            assert!(
                attempt < 20 && o.stderr.contains("is being accessed by other users"),
                "{sql}: {}",
                o.stderr
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        PgDb { name }
    }

    /// `db` for cpni: TCP to 127.0.0.1 with verify-full TLS (the test CA), as a real host.
    pub fn url(&self) -> String {
        url_of(&self.name)
    }

    /// The file name of this database's key base on a host (`<data>/cpni/<base>.code-key`),
    /// computed as cpni does (src/config.rs `key_base_name`): a wrong guess fails every test
    /// that uses [`super::util::Env::initialised`], with cpni saying the keys are missing.
    pub fn key_base(&self) -> String {
        key_base_of(&self.name)
    }

    /// Runs `sql` with psql as the superuser (a database administrator, the attacker who holds
    /// the server), stopping at the first error; stdout trimmed.
    pub fn sql(&self, sql: &str) -> String {
        let o = psql("postgres", &self.name, sql, false);
        assert!(o.ok, "psql on {}: {sql:?} failed:\n{}", self.name, o.stderr);
        o.stdout.trim().to_string()
    }

    /// A direct connection as the superuser (typed reads for the row digests).
    pub fn client(&self) -> postgres::Client {
        let (host, port) = server();
        postgres::Client::connect(
            &format!("host={host} port={port} user=postgres dbname={}", self.name),
            postgres::NoTls,
        )
        .unwrap_or_else(|e| panic!("connect to {}: {e}", self.name))
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        psql(
            "postgres",
            "postgres",
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
            false,
        );
    }
}

fn url_of(name: &str) -> String {
    format!(
        "postgresql://cpni_app@127.0.0.1:{}/{name}?sslmode=verify-full",
        server().1
    )
}

fn key_base_of(name: &str) -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(format!("127.0.0.1\n{}\n{name}", server().1).as_bytes());
    format!("cpni-pg-{name}-{}", hex::encode(&d[..8]))
}

/// The config lines a home on database `name` needs, merged into a test's own `text`: `db` at
/// the top and the `[storage]` keys (password files in the home, 0600; the test CA), unless
/// the test names its own `db` (then `text` is written as it is).
pub fn merge_config(text: &str, name: &str, home: &Path) -> String {
    let own_db = text
        .lines()
        .take_while(|l| !l.trim_start().starts_with('['))
        .any(|l| {
            let l = l.trim_start();
            l.strip_prefix("db")
                .is_some_and(|r| r.trim_start().starts_with('='))
        });
    if own_db {
        return text.to_string();
    }
    let (app, owner) = password_files(home);
    let keys = format!(
        "password_file = \"{}\"\nowner_password_file = \"{}\"\nca_file = \"{}\"\n",
        app.display(),
        owner.display(),
        ca()
    );
    let body = if text.lines().any(|l| l.trim() == "[storage]") {
        let mut out = String::new();
        for l in text.lines() {
            out.push_str(l);
            out.push('\n');
            if l.trim() == "[storage]" {
                out.push_str(&keys);
            }
        }
        out
    } else {
        format!("{text}\n[storage]\n{keys}")
    };
    format!("db = \"{}\"\n{body}", url_of(name))
}

/// The roles' password files in `home/pg-secrets/` (folder 0700, files 0600), made once.
fn password_files(home: &Path) -> (PathBuf, PathBuf) {
    let dir = home.join("pg-secrets");
    let (app, owner) = (dir.join("app-password"), dir.join("owner-password"));
    if !app.exists() {
        std::fs::create_dir_all(&dir).expect("mkdir pg-secrets");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
        for (p, pw) in [(&app, APP_PW), (&owner, OWNER_PW)] {
            std::fs::write(p, format!("{pw}\n")).expect("write a password file");
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
    }
    (app, owner)
}

/// A database `cpni init` built once per test process, and the files init left in its home's
/// data folder (the key files among them, named after the template's key base).
pub struct Template {
    db: String,
    base: String,
    files: Vec<(String, Vec<u8>)>,
}

impl Template {
    /// Puts the template's files into `data` (`<home>/data/cpni`, 0700), each file named after
    /// the template's key base renamed to `base` (the copy's), mode 0600.
    pub fn install(&self, data: &Path, base: &str) {
        std::fs::create_dir_all(data).expect("mkdir the data folder");
        std::fs::set_permissions(data, std::fs::Permissions::from_mode(0o700)).unwrap();
        for (name, bytes) in &self.files {
            let p = data.join(name.replacen(&self.base, base, 1));
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent).unwrap();
            }
            std::fs::write(&p, bytes).expect("copy a file of the template home");
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
    }
}

fn template(demo: bool) -> &'static Template {
    static PLAIN: OnceLock<Template> = OnceLock::new();
    static DEMO: OnceLock<Template> = OnceLock::new();
    let cell = if demo { &DEMO } else { &PLAIN };
    cell.get_or_init(|| build_template(demo))
}

/// `cpni init [--demo]` in a throw-away home on a fresh database, kept as the template (its
/// connections are closed when init exits). Templates of test runs that have exited are
/// dropped first.
fn build_template(demo: bool) -> Template {
    drop_stale_templates();
    let db = PgDb::create("");
    let name = format!("cpni_tpl_{}_{}", std::process::id(), u8::from(demo));
    psql(
        "postgres",
        "postgres",
        &format!("ALTER DATABASE {} RENAME TO {name}", db.name),
        false,
    );
    std::mem::forget(db);
    let home = super::util::Env::plain();
    home.write(
        &home.config_path(),
        &merge_config(super::util::TEST_CONFIG, &name, home.root()),
    );
    let args: &[&str] = if demo { &["init", "--demo"] } else { &["init"] };
    home.run(args).ok();
    let data = home.root().join("data").join("cpni");
    let mut files = Vec::new();
    collect(&data, &data, &mut files);
    Template {
        db: name.clone(),
        base: key_base_of(&name),
        files,
    }
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for e in std::fs::read_dir(dir).expect("read the template's data folder") {
        let p = e.unwrap().path();
        if p.is_dir() {
            collect(root, &p, out);
        } else {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            out.push((rel, std::fs::read(&p).unwrap()));
        }
    }
}

/// Drops `cpni_tpl_<pid>_*` and `cpni_h_<pid>_*` databases whose test process is gone.
fn drop_stale_templates() {
    let o = psql(
        "postgres",
        "postgres",
        "SELECT datname FROM pg_database WHERE datname LIKE 'cpni\\_tpl\\_%' OR datname LIKE 'cpni\\_h\\_%'",
        false,
    );
    for name in o.stdout.lines() {
        let pid = name.split('_').nth(2).and_then(|p| p.parse::<i32>().ok());
        // SAFETY: signal 0 only asks whether the process exists.
        let gone = pid.is_some_and(|p| {
            (unsafe { libc::kill(p, 0) }) != 0
                && std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH)
        });
        if gone {
            psql(
                "postgres",
                "postgres",
                &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                false,
            );
        }
    }
}
