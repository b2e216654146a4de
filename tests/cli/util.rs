//! The test fixture: a private temporary home for each test, the real `cpni` binary run inside
//! it, and the real database client of the backend in use to look at what it wrote: the
//! `sqlite3` CLI on SQLite, `psql` (and a direct connection for typed reads) on PostgreSQL.
//!
//! **One suite, two backends, chosen per run.** `CPNI_TEST_BACKEND=pg` (scripts/test.sh sets it
//! for a second run of `cargo test --test cli`) makes every home's `db` a PostgreSQL database of
//! its own on the test server (`scripts/pg-server.sh`): [`Env::new`] makes an empty one,
//! [`Env::initialised`] a copy of a template database that `cpni init` built once per run (a
//! `CREATE DATABASE … TEMPLATE` copy takes a fifth of what init takes) with the template home's
//! key files copied in under the copy's key base (the database holds their fingerprint, which
//! the copy inherits, so the keys match), and the home's Drop drops it. The config written by
//! [`Env::write_config`] gets `db` (the server's Unix socket, trusted: no password files that
//! a test handing the home to another uid would make foreign; TCP, TLS and the password files
//! are the `pg_*` modules' subject) put at its top, unless the test names its own `db`. We chose an environment
//! variable and one database per home over a generic test body per backend (a macro or a trait
//! over 392 tests) because the tests then stay as they are: the same `env.run(…)` lines drive
//! either backend, and only the helpers that read tables ([`Env::sql`], [`Env::sql_json`],
//! [`Env::row_digests`], [`Env::reseal`], [`Env::edit_behind`]) know the backend, reading as its
//! administrator would (the superuser on PostgreSQL). Their SQL is kept to what both dialects
//! accept where that is plain (`on conflict … do update`, aliased subqueries, [`Env::blob`] and
//! [`Env::hex`] for the one literal that differs); the SQLite functions the inspection queries
//! lean on (`hex`, `json_extract`, `strftime`, `date`, `julianday`, `group_concat`, `randomblob`)
//! are given to the tests' psql sessions in a schema of their own (`sqlite_compat`, made after
//! init, never on cpni's search path), and a boolean cell prints as sqlite3 prints it (1, 0).
//! A test about SQLite itself (the file, WAL, sqlite_master, the pre-update hook, file locks)
//! starts with `if sqlite_only("reason") { return; }`, the one helper, which prints the test
//! and the reason on the PostgreSQL run and logs it for scripts/test.sh's count: nothing skips
//! silently. The `pg_*` modules choose their own databases and run once, in the SQLite run.
//! [`Env::bare`] (no config at all, the real defaults) is SQLite on both runs.
//!
//! Nothing here skips: a missing `sqlite3`, `psql` or server fails the test with a message saying
//! what to install (`scripts/test.sh` installs them).

use std::ffi::OsStr;
use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

pub use super::backend::{Backend, backend, sqlite_only};
use super::backend::{PgDb, merge_config};

/// The config every test uses unless it checks the real defaults: fast PIN hashing.
pub const TEST_CONFIG: &str = "[secrets]\nargon2 = \"insecure-test\"\n";

/// An unprivileged uid with no passwd entry; cpni names it `uid-42001`.
pub const OTHER_UID: u32 = 42001;
pub const OTHER_LOGIN: &str = "uid-42001";

/// A temporary home with `HOME`, `XDG_DATA_HOME` and `XDG_CONFIG_HOME` inside it.
pub struct Env {
    dir: TempDir,
    /// The home's own PostgreSQL database on the PostgreSQL run (dropped with the home).
    pg: Option<PgDb>,
}

/// What one run of the binary gave back.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Env {
    /// A home whose config selects the fast test hash preset.
    /// On the PostgreSQL run, `db` is a fresh empty database of this home's own.
    pub fn new() -> Env {
        let mut env = Env::bare();
        if backend() == Backend::Pg {
            env.pg = Some(PgDb::empty());
        }
        env.write_config(TEST_CONFIG);
        env
    }

    /// A home with no config file at all (the real defaults; SQLite on both runs).
    pub fn bare() -> Env {
        let dir = tempfile::Builder::new()
            .prefix("cpni-test-")
            .tempdir()
            .expect("create a temporary directory");
        Env { dir, pg: None }
    }

    /// A home with [`TEST_CONFIG`] and no database of the backend's: for tests that name their
    /// own `db` (the `pg_*` modules).
    pub fn plain() -> Env {
        let env = Env::bare();
        env.write(&env.config_path(), TEST_CONFIG);
        env
    }

    /// [`Env::new`] followed by a successful `cpni init` (with `--demo` if asked); on the
    /// PostgreSQL run, a copy of the template database and its key files (the module doc).
    pub fn initialised(demo: bool) -> Env {
        if backend() == Backend::Pg && std::env::var_os("CPNI_TEST_PG_NO_TEMPLATE").is_none() {
            let mut env = Env::bare();
            let (db, template) = PgDb::from_template(demo);
            template.install(&env.root().join("data").join("cpni"), &db.key_base());
            env.pg = Some(db);
            env.write_config(TEST_CONFIG);
            return env;
        }
        let env = Env::new();
        let args: &[&str] = if demo { &["init", "--demo"] } else { &["init"] };
        env.run(args).ok();
        env
    }

    /// The home's PostgreSQL database, on the PostgreSQL run.
    pub fn pg(&self) -> Option<&PgDb> {
        self.pg.as_ref()
    }

    /// The host's key file with `suffix` (`signing-key`, `code-key`): beside the SQLite file,
    /// or `<data>/cpni/<key base>.<suffix>` for the PostgreSQL database.
    pub fn key_file(&self, suffix: &str) -> PathBuf {
        match &self.pg {
            None => PathBuf::from(format!("{}.{suffix}", self.db().display())),
            Some(pg) => self
                .root()
                .join("data")
                .join("cpni")
                .join(format!("{}.{suffix}", pg.key_base())),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The default database path: `$XDG_DATA_HOME/cpni/cpni.db`.
    pub fn db(&self) -> PathBuf {
        self.root().join("data").join("cpni").join("cpni.db")
    }

    /// The default config path: `$XDG_CONFIG_HOME/cpni/config.toml`.
    pub fn config_path(&self) -> PathBuf {
        self.root().join("config").join("cpni").join("config.toml")
    }

    /// Writes the config; on the PostgreSQL run with the home's `db` and `[storage]` keys
    /// merged in (unless `text` names its own `db`).
    pub fn write_config(&self, text: &str) {
        match &self.pg {
            None => self.write(&self.config_path(), text),
            Some(pg) => self.write(&self.config_path(), &merge_config(text, &pg.name)),
        };
    }

    /// Writes `text` to `path` (creating folders); returns the path.
    pub fn write(&self, path: &Path, text: &str) -> PathBuf {
        std::fs::create_dir_all(path.parent().expect("a parent folder")).expect("mkdir");
        std::fs::write(path, text).expect("write a test file");
        path.to_path_buf()
    }

    /// Writes `text` to a file named `name` in the temporary home; returns its path.
    pub fn file(&self, name: &str, text: &str) -> PathBuf {
        self.write(&self.root().join(name), text)
    }

    /// The binary with a clean environment pointing into this home.
    pub fn command<S: AsRef<OsStr>>(&self, args: &[S]) -> Command {
        self.command_with(Path::new(env!("CARGO_BIN_EXE_cpni")), args)
    }

    /// [`Env::command`] running the copy of the binary that [`OTHER_UID`] can reach
    /// ([`other_bin`]); the caller sets the uid.
    pub fn other_command<S: AsRef<OsStr>>(&self, args: &[S]) -> Command {
        self.command_with(other_bin(), args)
    }

    fn command_with<S: AsRef<OsStr>>(&self, bin: &Path, args: &[S]) -> Command {
        let mut cmd = Command::new(bin);
        cmd.args(args)
            .current_dir(self.root())
            .env("HOME", self.root())
            .env("XDG_DATA_HOME", self.root().join("data"))
            .env("XDG_CONFIG_HOME", self.root().join("config"))
            .env_remove("CPNI_DB")
            .env_remove("CPNI_CONFIG")
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LIB_BACKTRACE");
        cmd
    }

    /// Runs `cpni ARGS` with stdin closed.
    pub fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Run {
        run_command(self.command(args), None)
    }

    /// Runs `cpni ARGS` with `stdin` as its standard input.
    pub fn run_stdin<S: AsRef<OsStr>>(&self, args: &[S], stdin: &str) -> Run {
        run_command(self.command(args), Some(stdin))
    }

    /// Runs `cpni ARGS` as [`OTHER_UID`], after handing the whole home to that uid.
    pub fn run_as_other<S: AsRef<OsStr>>(&self, args: &[S]) -> Run {
        self.run_as_other_with_env(args, &[])
    }

    /// [`Env::run_as_other`] with extra environment variables.
    pub fn run_as_other_with_env<S: AsRef<OsStr>>(&self, args: &[S], vars: &[(&str, &str)]) -> Run {
        chown_tree(self.root(), OTHER_UID);
        // The build folder may sit in a 0700 checkout (CI clones into one): the other uid runs
        // a copy of the binary from a folder it can reach.
        let mut cmd = self.other_command(args);
        cmd.envs(vars.iter().copied()).uid(OTHER_UID).gid(OTHER_UID);
        let run = run_command(cmd, None);
        // PostgreSQL's key files must belong to the account using them (as ssh's keys do): the
        // test's own uid takes them back, as it would own them on a host of its own.
        if self.pg.is_some() {
            let me = unsafe { libc::geteuid() };
            for suffix in ["code-key", "signing-key"] {
                let _ = std::os::unix::fs::lchown(self.key_file(suffix), Some(me), Some(me));
            }
        }
        run
    }

    /// Runs `query` with the backend's own client on the test database (the `sqlite3` CLI, or
    /// `psql` as the superuser; columns separated by `|`, no header); returns its stdout,
    /// trimmed.
    pub fn sql(&self, query: &str) -> String {
        match &self.pg {
            None => sqlite3(&self.db(), query),
            Some(pg) => pg.sql(query),
        }
    }

    /// The rows of one SELECT as JSON objects (`sqlite3 -json`, or psql's `json_agg`).
    pub fn sql_json(&self, query: &str) -> Vec<serde_json::Value> {
        let Some(pg) = &self.pg else {
            return sqlite3_json(&self.db(), query);
        };
        let q = query.trim().trim_end_matches(';');
        let text = pg.sql(&format!(
            "SELECT coalesce(json_agg(t), '[]'::json) FROM ({q}) t"
        ));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("psql json output: {e}\n{text}"))
    }

    /// The SQL expression for blob `col` as lower-case hex in the backend's dialect.
    pub fn hex(&self, col: &str) -> String {
        match self.pg {
            None => format!("lower(hex({col}))"),
            Some(_) => format!("encode({col}, 'hex')"),
        }
    }

    /// The SQL literal of the blob with lower-case hex `hex` in the backend's dialect.
    pub fn blob(&self, hex: &str) -> String {
        match self.pg {
            None => format!("x'{hex}'"),
            Some(_) => format!("'\\x{hex}'::bytea"),
        }
    }

    /// The whole database as text, for a search of what it holds (`sqlite3 .dump`, or
    /// `pg_dump` of the home's database).
    pub fn dump(&self) -> String {
        match &self.pg {
            None => sqlite3(&self.db(), ".dump"),
            Some(pg) => pg.dump(),
        }
    }

    /// A trigger's exact CREATE statement, to put it back after an edit.
    pub fn trigger_sql(&self, name: &str) -> String {
        self.sql(&format!(
            "select sql from sqlite_master where type = 'trigger' and name = '{name}';"
        ))
    }

    /// What a holder of the database file does: drops `triggers`, runs `sql`, re-creates the
    /// triggers exactly as they were (asserted).
    /// On PostgreSQL the administrator's way: `session_replication_role = replica` for the
    /// edit's session (no trigger fires, none is dropped).
    pub fn edit_behind(&self, triggers: &[&str], sql: &str) {
        if let Some(pg) = &self.pg {
            pg.sql(&format!("SET session_replication_role = replica; {sql}"));
            return;
        }
        let saved: Vec<String> = triggers.iter().map(|t| self.trigger_sql(t)).collect();
        let drops: String = triggers
            .iter()
            .map(|t| format!("DROP TRIGGER {t};"))
            .collect();
        let restore: String = saved.iter().map(|s| format!("{s};")).collect();
        self.sql(&format!("{drops} {sql} {restore}"));
        for (t, s) in triggers.iter().zip(&saved) {
            assert_eq!(&self.trigger_sql(t), s, "trigger {t} re-created exactly");
        }
    }

    /// [`Env::edit_behind`] every trigger on `table` (read from sqlite_master).
    pub fn edit_behind_triggers(&self, table: &str, sql: &str) {
        if self.pg.is_some() {
            return self.edit_behind(&[], sql);
        }
        let names = self.sql(&format!(
            "select name from sqlite_master where type = 'trigger' and tbl_name = '{table}';"
        ));
        let names: Vec<&str> = names.lines().filter(|l| !l.is_empty()).collect();
        self.edit_behind(&names, sql);
    }

    /// After a test's own set-up edit of decision rows (backdating a contact, a hand-built old
    /// log): records every row's current digest in `row_seal`, as if cpni had written it, so
    /// later steps act on the edited rows instead of refusing them as changed outside cpni.
    /// (`audit verify` still sees the edit; attack tests never call this.)
    pub fn reseal(&self) {
        let seq: String = self.sql("select coalesce(max(seq), 0) from audit;");
        let rows: Vec<(String, String)> = cpni::audit::rowdigest::DIGESTS
            .iter()
            .flat_map(|spec| self.row_digests(spec.table, "1 = 1"))
            .collect();
        self.seal_rows(&rows, seq.parse().unwrap());
    }

    /// The name and digest (docs/audit-format.md §7.1, computed as an attacker who read it
    /// would) of every row of `table` matching the SQL condition `cond`.
    pub fn row_digests(&self, table: &str, cond: &str) -> Vec<(String, String)> {
        let spec = cpni::audit::rowdigest::DIGESTS
            .iter()
            .find(|s| s.table == table)
            .expect("a digested table");
        let cols: Vec<&str> = spec.groups.iter().flat_map(|g| g.iter()).copied().collect();
        let name = format!("'{}' || {}", spec.label, spec.key.join(" || '/' || "));
        let sql = format!(
            "SELECT {name}, {} FROM {table} WHERE {cond}",
            cols.join(", ")
        );
        if let Some(pg) = &self.pg {
            return pg
                .client()
                .query(sql.as_str(), &[])
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
                .iter()
                .map(|r| {
                    let vals: Vec<_> = (1..=cols.len()).map(|i| pg_value(r, i)).collect();
                    let name: String = r.get(0);
                    (name, cpni::audit::rowdigest::digest(spec, &vals))
                })
                .collect();
        }
        let conn = rusqlite::Connection::open(self.db()).expect("open the test database");
        let mut stmt = conn.prepare(&sql).unwrap();
        let rows = stmt
            .query_map([], |r| {
                let vals = (1..=cols.len())
                    .map(|i| r.get(i))
                    .collect::<rusqlite::Result<Vec<cpni::audit::rowdigest::Value>>>()?;
                Ok((r.get::<_, String>(0)?, vals))
            })
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap();
        rows.into_iter()
            .map(|(name, vals)| (name, cpni::audit::rowdigest::digest(spec, &vals)))
            .collect()
    }

    /// Writes each (name, digest) as that row's seal (as of record `seq`).
    pub fn seal_rows(&self, rows: &[(String, String)], seq: i64) {
        if let Some(pg) = &self.pg {
            let mut c = pg.client();
            for (name, digest) in rows {
                c.execute(
                    "INSERT INTO row_seal (name, digest, seq) VALUES ($1, $2, $3) \
                     ON CONFLICT (name) DO UPDATE SET digest = excluded.digest, seq = excluded.seq",
                    &[name, digest, &seq],
                )
                .unwrap();
            }
            return;
        }
        let conn = rusqlite::Connection::open(self.db()).expect("open the test database");
        for (name, digest) in rows {
            conn.execute(
                "INSERT OR REPLACE INTO row_seal (name, digest, seq) VALUES (?1, ?2, ?3)",
                rusqlite::params![name, digest, seq],
            )
            .unwrap();
        }
    }

    /// `select count(*) from TABLE` through the sqlite3 CLI.
    pub fn count(&self, table: &str) -> i64 {
        let out = self.sql(&format!("select count(*) from {table};"));
        out.parse()
            .unwrap_or_else(|_| panic!("count of {table}: {out:?}"))
    }

    /// Row counts of the tables a refused command must not touch.
    pub fn counts(&self) -> (i64, i64, i64) {
        (
            self.count("customer"),
            self.count("audit"),
            self.count("agent"),
        )
    }
}

/// Column `i` of a PostgreSQL row as a digest value, by its type (as cpni's store reads it).
fn pg_value(r: &postgres::Row, i: usize) -> cpni::audit::rowdigest::Value {
    use cpni::audit::rowdigest::Value;
    use postgres::types::Type;
    let v = match r.columns()[i].type_().clone() {
        Type::INT8 => r.get::<_, Option<i64>>(i).map(Value::Integer),
        Type::INT4 => r.get::<_, Option<i32>>(i).map(|v| Value::Integer(v.into())),
        Type::INT2 => r.get::<_, Option<i16>>(i).map(|v| Value::Integer(v.into())),
        Type::FLOAT8 => r.get::<_, Option<f64>>(i).map(Value::Real),
        Type::BYTEA => r.get::<_, Option<Vec<u8>>>(i).map(Value::Blob),
        _ => r.get::<_, Option<String>>(i).map(Value::Text),
    };
    v.unwrap_or(Value::Null)
}

/// Starts `cmd`, retrying while the binary is "busy": the copy [`other_bin`] makes can be held
/// open for writing for an instant by a child another test thread forked meanwhile (it closes
/// at that child's exec), and exec then fails with ETXTBSY.
fn spawn(cmd: &mut Command) -> std::process::Child {
    for _ in 0..50 {
        match cmd.spawn() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other.expect("start the cpni binary"),
        }
    }
    cmd.spawn().expect("start the cpni binary")
}

pub fn run_command(mut cmd: Command, stdin: Option<&str>) -> Run {
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = spawn(&mut cmd);
    if let Some(text) = stdin {
        let mut pipe = child.stdin.take().expect("stdin pipe");
        // A step refused before it reads stdin closes the pipe early: not a test failure.
        if let Err(e) = pipe.write_all(text.as_bytes()) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
        }
    }
    let out = child.wait_with_output().expect("wait for cpni");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `sqlite3 DB QUERY` and returns stdout; fails loudly when sqlite3 is missing or errs.
pub fn sqlite3(db: &Path, query: &str) -> String {
    let out = Command::new("sqlite3")
        .arg(db)
        .arg(query)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{}", missing_tool("sqlite3", &e)));
    assert!(
        out.status.success(),
        "sqlite3 {} {query:?} failed:\n{}",
        db.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Runs `sqlite3 -json DB QUERY` and returns the rows as JSON objects.
pub fn sqlite3_json(db: &Path, query: &str) -> Vec<serde_json::Value> {
    let out = Command::new("sqlite3")
        .arg("-json")
        .arg(db)
        .arg(query)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{}", missing_tool("sqlite3", &e)));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "sqlite3 -json {query:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    if text.trim().is_empty() {
        return Vec::new();
    }
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("sqlite3 -json output: {e}\n{text}"))
}

/// The failure message for a tool the tests need but cannot find.
/// The first Python block of docs/audit-format.md's section starting `### {section} `.
pub fn audit_format_python(section: &str) -> String {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/audit-format.md"))
        .expect("docs/audit-format.md");
    doc.split(&format!("### {section} "))
        .nth(1)
        .and_then(|s| s.split("```python\n").nth(1))
        .and_then(|s| s.split("\n```").next())
        .unwrap_or_else(|| panic!("a python block in section {section}"))
        .to_string()
}

pub fn missing_tool(tool: &str, e: &std::io::Error) -> String {
    format!(
        "cannot run `{tool}` ({e}): the tests need it and never skip. \
         Install it (`apt-get install -y sqlite3 zsh fish`) or run `bash scripts/test.sh`, \
         which installs what is missing"
    )
}

/// A copy of the cpni binary in a 0755 folder under the system temp dir, made once per run
/// (other users must reach it, and the target folder may be private). Copies left by earlier
/// runs whose process is gone are removed first: each is the size of a debug build.
pub fn other_bin() -> &'static Path {
    static BIN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        use std::os::unix::fs::PermissionsExt;
        remove_stale_other_bins();
        let dir = std::env::temp_dir().join(format!("cpni-other-bin-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir(&dir).expect("create the binary folder");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let bin = dir.join("cpni");
        std::fs::copy(env!("CARGO_BIN_EXE_cpni"), &bin).expect("copy the binary");
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
        bin
    })
}

/// Removes `cpni-other-bin-PID` folders of test runs that have exited.
fn remove_stale_other_bins() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix("cpni-other-bin-"))
            .and_then(|p| p.parse::<i32>().ok())
        else {
            continue;
        };
        // SAFETY: signal 0 only asks whether the process exists.
        let gone = unsafe { libc::kill(pid, 0) } != 0
            && std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH);
        if gone {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// `chown -R uid:uid` on `dir` (root may still open everything afterwards).
pub fn chown_tree(dir: &Path, uid: u32) {
    std::os::unix::fs::lchown(dir, Some(uid), Some(uid))
        .unwrap_or_else(|e| panic!("chown {}: {e}", dir.display()));
    if !dir.is_dir() || dir.is_symlink() {
        return;
    }
    for entry in std::fs::read_dir(dir).expect("read_dir") {
        chown_tree(&entry.expect("dir entry").path(), uid);
    }
}

impl Run {
    /// Everything the run printed, for failure messages.
    pub fn dump(&self) -> String {
        format!(
            "exit code: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }

    /// Asserts exit code `code`.
    #[track_caller]
    pub fn code(&self, code: i32) -> &Run {
        assert_eq!(self.code, code, "unexpected exit code\n{}", self.dump());
        self
    }

    /// Asserts success (exit 0).
    #[track_caller]
    pub fn ok(&self) -> &Run {
        self.code(0)
    }

    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n{}",
            self.dump()
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Run {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n{}",
            self.dump()
        );
        self
    }

    /// Asserts `needle` appears in neither stdout nor stderr.
    #[track_caller]
    pub fn never_prints(&self, needle: &str) -> &Run {
        let both = format!("{}{}", self.stdout, self.stderr);
        assert!(
            !both.contains(needle),
            "output contains {needle:?}\n{}",
            self.dump()
        );
        self
    }

    /// Parses stdout as exactly one JSON document (and nothing else).
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        one_json(&self.stdout, "stdout", self)
    }

    /// Parses stderr as exactly one JSON document.
    #[track_caller]
    pub fn json_err(&self) -> serde_json::Value {
        one_json(&self.stderr, "stderr", self)
    }
}

#[track_caller]
fn one_json(text: &str, which: &str, run: &Run) -> serde_json::Value {
    let docs: Vec<serde_json::Value> = serde_json::Deserializer::from_str(text)
        .into_iter()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{which} is not JSON: {e}\n{}", run.dump()));
    assert_eq!(
        docs.len(),
        1,
        "{which} must hold exactly one JSON document\n{}",
        run.dump()
    );
    docs.into_iter().next().expect("one document")
}

/// `customer add` arguments for a valid customer with account `account`.
pub fn customer_args(account: &str) -> Vec<String> {
    let fields = [
        ("--name", "Eve Adams"),
        ("--phone", "+1 202 555 0199"),
        ("--email", "eve@example.com"),
        ("--street", "7 Elm Street"),
        ("--city", "Arlington"),
        ("--region", "VA"),
        ("--postal-code", "22201"),
        ("--country", "US"),
    ];
    let mut args = vec!["customer".to_string(), "add".into(), account.into()];
    for (flag, value) in fields {
        args.push(flag.into());
        args.push(value.into());
    }
    args
}

/// [`customer_args`] with `flag` set to `value` instead.
pub fn customer_args_with(account: &str, flag: &str, value: &str) -> Vec<String> {
    let mut args = customer_args(account);
    let i = args
        .iter()
        .position(|a| a == flag)
        .unwrap_or_else(|| panic!("no flag {flag}"));
    args[i + 1] = value.to_string();
    args
}
