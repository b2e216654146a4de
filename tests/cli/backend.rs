//! The backend a test home's `db` is on (`CPNI_TEST_BACKEND`: unset or `sqlite`, or `pg`) and,
//! for PostgreSQL, each home's own database on the test server (`scripts/pg-server.sh`): made
//! empty for [`super::util::Env::new`], cloned from a template for
//! [`super::util::Env::initialised`], dropped with the home. Also the one way a test says it is
//! about SQLite itself ([`sqlite_only`]). The argument for the design is in `util.rs`'s `//!`.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use super::pg_connect::roles;
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
    compat: std::sync::atomic::AtomicBool,
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
        PgDb {
            name,
            compat: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// The file name of this database's key base on a host (`<data>/cpni/<base>.code-key`),
    /// computed as cpni does (src/config.rs `key_base_name`): a wrong guess fails every test
    /// that uses [`super::util::Env::initialised`], with cpni saying the keys are missing.
    pub fn key_base(&self) -> String {
        key_base_of(&self.name)
    }

    /// Runs `sql` with psql as the superuser (a database administrator, the attacker who holds
    /// the server), stopping at the first error; stdout trimmed. The session sees
    /// [`SQLITE_COMPAT`] (made on first use, in a schema of its own that cpni's own sessions
    /// never have on their search path), so the tests' SQLite-dialect inspection queries
    /// (`hex`, `json_extract`, `json_remove`, `quote`, `strftime`, `group_concat`, …) answer the same on both.
    pub fn sql(&self, sql: &str) -> String {
        if !self.compat.swap(true, Ordering::SeqCst) {
            let o = psql("postgres", &self.name, SQLITE_COMPAT, true);
            assert!(o.ok, "sqlite_compat on {}: {}", self.name, o.stderr);
        }
        let sql = format!("SET search_path = public, sqlite_compat;\n{sql}");
        let o = psql("postgres", &self.name, &sql, false);
        assert!(o.ok, "psql on {}: {sql:?} failed:\n{}", self.name, o.stderr);
        Self::sqlite_booleans(o.stdout.trim())
    }

    /// A cell holding a boolean as psql prints it (`t`, `f`) as the sqlite3 CLI prints a
    /// comparison's value (`1`, `0`); no column cpni writes holds the text `t` or `f`.
    fn sqlite_booleans(out: &str) -> String {
        out.lines()
            .map(|l| {
                l.split('|')
                    .map(|c| match c {
                        "t" => "1",
                        "f" => "0",
                        c => c,
                    })
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// `pg_dump` of the database (schema and rows), as its administrator would take it.
    pub fn dump(&self) -> String {
        let (host, port) = server();
        let o = std::process::Command::new("pg_dump")
            .args(["-h", &host, "-p", &port, "-U", "postgres", &self.name])
            .output()
            .expect("run pg_dump (postgresql-client)");
        assert!(
            o.status.success(),
            "pg_dump: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
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

/// SQLite's functions the tests' inspection queries use, for psql on PostgreSQL: made in the
/// schema `sqlite_compat` of a home's database the first time the test reads it with
/// [`PgDb::sql`] (after `cpni init`, which wants an empty database). Text results, as the
/// sqlite3 CLI prints them (a JSON true is 1).
const SQLITE_COMPAT: &str = r#"
CREATE SCHEMA IF NOT EXISTS sqlite_compat;
CREATE OR REPLACE FUNCTION sqlite_compat.hex(b bytea) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT upper(encode(b, 'hex')) $$;
CREATE OR REPLACE FUNCTION sqlite_compat.hex(t text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT upper(encode(convert_to(t, 'UTF8'), 'hex')) $$;
CREATE OR REPLACE FUNCTION sqlite_compat.json_extract(j text, p text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE jsonb_typeof(v) WHEN 'boolean' THEN CASE WHEN v = 'true'::jsonb THEN '1' ELSE '0' END
         WHEN 'null' THEN NULL WHEN 'object' THEN v::text WHEN 'array' THEN v::text
         ELSE v #>> '{}' END
  FROM (SELECT j::jsonb #> CASE WHEN p = '$' THEN '{}'::text[]
                                ELSE string_to_array(substr(p, 3), '.') END AS v) s $$;
CREATE OR REPLACE FUNCTION sqlite_compat.ts(t text, mods text[]) RETURNS timestamptz
  LANGUAGE plpgsql AS $$
  DECLARE r timestamptz := CASE WHEN t = 'now' THEN clock_timestamp() ELSE t::timestamptz END;
          m text;
  BEGIN
    FOREACH m IN ARRAY mods LOOP r := r + m::interval; END LOOP;
    RETURN r;
  END $$;
CREATE OR REPLACE FUNCTION sqlite_compat.strftime(f text, t text, VARIADIC mods text[] DEFAULT '{}')
  RETURNS text LANGUAGE sql AS $$
  SELECT CASE WHEN f = '%s' THEN floor(extract(epoch FROM sqlite_compat.ts(t, mods)))::bigint::text
    ELSE to_char(sqlite_compat.ts(t, mods) AT TIME ZONE 'UTC',
      replace(replace(replace(replace(replace(replace(replace(replace(replace(
        f, 'T', '"T"'), 'Z', '"Z"'), '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD'), '%H', 'HH24'),
        '%M', 'MI'), '%f', 'SS.MS'), '%S', 'SS')) END $$;
CREATE OR REPLACE FUNCTION sqlite_compat.datetime(t text, VARIADIC mods text[] DEFAULT '{}')
  RETURNS text LANGUAGE sql AS $$
  SELECT to_char(sqlite_compat.ts(t, mods) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') $$;
CREATE OR REPLACE FUNCTION sqlite_compat.julianday(t text, VARIADIC mods text[] DEFAULT '{}')
  RETURNS double precision LANGUAGE sql AS $$
  SELECT extract(epoch FROM sqlite_compat.ts(t, mods))::double precision / 86400 + 2440587.5 $$;
CREATE OR REPLACE FUNCTION sqlite_compat.gc_step(acc text, v text, sep text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc || sep || v END $$;
CREATE OR REPLACE FUNCTION sqlite_compat.gc_step(acc text, v text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT sqlite_compat.gc_step(acc, v, ',') $$;
CREATE OR REPLACE AGGREGATE sqlite_compat.group_concat(text, text)
  (sfunc = sqlite_compat.gc_step, stype = text);
CREATE OR REPLACE AGGREGATE sqlite_compat.group_concat(text)
  (sfunc = sqlite_compat.gc_step, stype = text);
CREATE OR REPLACE FUNCTION sqlite_compat.gc_step(acc text, v bigint, sep text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT sqlite_compat.gc_step(acc, v::text, sep) $$;
CREATE OR REPLACE AGGREGATE sqlite_compat.group_concat(bigint, text)
  (sfunc = sqlite_compat.gc_step, stype = text);
CREATE OR REPLACE FUNCTION sqlite_compat.date(t text, VARIADIC mods text[] DEFAULT '{}')
  RETURNS text LANGUAGE sql AS $$
  SELECT to_char(sqlite_compat.ts(t, mods) AT TIME ZONE 'UTC', 'YYYY-MM-DD') $$;
CREATE OR REPLACE FUNCTION sqlite_compat.json_remove(j text, VARIADIC paths text[]) RETURNS text
  LANGUAGE plpgsql IMMUTABLE AS $$
  DECLARE v jsonb := j::jsonb; p text;
  BEGIN
    FOREACH p IN ARRAY paths LOOP v := v #- string_to_array(substr(p, 3), '.'); END LOOP;
    RETURN v::text;
  END $$;
CREATE OR REPLACE FUNCTION sqlite_compat.quote(t text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT quote_nullable(t) $$;
CREATE OR REPLACE FUNCTION sqlite_compat.randomblob(n integer) RETURNS bytea LANGUAGE sql AS $$
  SELECT decode(string_agg(lpad(to_hex(floor(random() * 256)::int), 2, '0'), ''), 'hex')
  FROM generate_series(1, n) $$;
"#;

/// `db` for cpni: the server's Unix socket, where it trusts cpni's roles (no password files,
/// which a test handing the home to another uid would make foreign to root; the TCP, TLS and
/// password forms are pg_connect's and pg_attacks' subject).
fn url_of(name: &str) -> String {
    let (host, port) = server();
    format!(
        "postgresql://cpni_app@{}:{port}/{name}",
        host.replace('/', "%2F")
    )
}

fn key_base_of(name: &str) -> String {
    use sha2::{Digest, Sha256};
    let (host, port) = server();
    let d = Sha256::digest(format!("{host}\n{port}\n{name}").as_bytes());
    format!("cpni-pg-{name}-{}", hex::encode(&d[..8]))
}

/// `text` with `db` (the home's database) at its top, unless the test names its own `db`.
pub fn merge_config(text: &str, name: &str) -> String {
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
    format!("db = \"{}\"\n{text}", url_of(name))
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
        &merge_config(super::util::TEST_CONFIG, &name),
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
