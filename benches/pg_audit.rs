//! `cargo bench --bench pg_audit`: the audit log on PostgreSQL at scale (issue 16), side by
//! side in one run: `cpni audit export --format csv` of 1,000,000 records against the
//! baseline `psql -c "\copy (SELECT … FROM audit ORDER BY seq) TO STDOUT CSV HEADER"` on the
//! same database (goal ≤ 1.0×), and `cpni audit verify` on PostgreSQL in records/s, against
//! `cpni audit verify` on a SQLite file holding the same generated records (the generator of
//! `benches/audit`, which chains and hashes them as cpni does, and signs the head with the
//! host's key). Both databases are made by the real `cpni init`; the records are written with
//! SQL (PostgreSQL: `COPY` as the superuser), as an import would. Times are medians of whole
//! processes (`CPNI_BENCH_REPS`, default 3), the runs interleaved so machine noise hits both.
//! cpni and psql reach the server the same way, over its Unix socket.
//!
//! Run with `CPNI_TEST_PG_FSYNC=on bash scripts/pg-server.sh start` (eval its output), then
//! `cargo bench --bench pg_audit` (`CPNI_BENCH_RECORDS` to change the size). Under
//! `cargo test --benches` (unoptimised) it is a smoke run of 2,000 records. Prints
//! `name value unit` lines; without the server's variables it fails.

#[path = "audit/generate.rs"]
mod generate;

use std::fs::File;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const COLS: &str = "seq, at, actor, on_behalf_of, account, session, event, detail, \
                    encode(prev_hash, 'hex') AS prev_hash, encode(hash, 'hex') AS hash";

fn env(k: &str) -> String {
    std::env::var(k).unwrap_or_else(|_| {
        panic!("{k} is not set: start the test server with `eval \"$(bash scripts/pg-server.sh start)\"`")
    })
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn superuser(db: &str) -> postgres::Client {
    postgres::Config::new()
        .host_path(env("CPNI_TEST_PG_HOST"))
        .port(env("CPNI_TEST_PG_PORT").parse().unwrap())
        .user("postgres")
        .dbname(db)
        .connect(postgres::NoTls)
        .expect("connect to the test server as postgres")
}

struct Bench {
    dir: tempfile::TempDir,
    pg_name: String,
    reps: usize,
}

impl Bench {
    fn lite(&self) -> PathBuf {
        self.dir.path().join("cpni.db")
    }
    fn out(&self, name: &str) -> String {
        self.dir.path().join(name).to_string_lossy().into_owned()
    }
    fn pg_home(&self) -> PathBuf {
        self.dir.path().join("pg-home")
    }

    /// The real binary on the SQLite file.
    fn cpni_lite(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_cpni"));
        c.arg("--db").arg(self.lite()).args(args);
        home(&mut c, self.dir.path());
        c
    }

    /// The real binary in the PostgreSQL host's home (its config names the database).
    fn cpni_pg(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_cpni"));
        c.args(args);
        home(&mut c, &self.pg_home());
        c
    }

    fn psql_copy(&self, out: &str) -> Command {
        let mut c = Command::new("psql");
        c.args(["-X", "-q", "-h"])
            .arg(env("CPNI_TEST_PG_HOST"))
            .args(["-p", &env("CPNI_TEST_PG_PORT"), "-U", "cpni_app", "-d"])
            .arg(&self.pg_name)
            .arg("-c")
            .arg(format!(
                "\\copy (SELECT {COLS} FROM audit ORDER BY seq) TO STDOUT CSV HEADER"
            ))
            .stdin(Stdio::null())
            .stdout(Stdio::from(File::create(out).expect("create output")));
        c
    }
}

fn home(c: &mut Command, dir: &Path) {
    c.current_dir(dir)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env_remove("CPNI_DB")
        .env_remove("CPNI_CONFIG")
        .stdin(Stdio::null())
        .stdout(Stdio::null());
}

/// Seconds one run of `cmd` takes (panics when it fails).
fn time(mut cmd: Command) -> f64 {
    let t = Instant::now();
    let out = cmd.stderr(Stdio::piped()).output().expect("run a command");
    let s = t.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    s
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn line(name: &str, value: f64, unit: &str) {
    if value.abs() >= 100.0 {
        println!("{name} {value:.0} {unit}");
    } else {
        println!("{name} {value:.3} {unit}");
    }
}

/// Runs every measurement once per repetition, interleaved; returns their medians.
fn interleaved(reps: usize, runs: &mut [&mut dyn FnMut() -> f64]) -> Vec<f64> {
    let mut times = vec![Vec::new(); runs.len()];
    for _ in 0..reps {
        for (t, run) in times.iter_mut().zip(runs.iter_mut()) {
            t.push(run());
        }
    }
    times.into_iter().map(median).collect()
}

/// A fresh database and a host home whose config names it over the server's socket; `cpni
/// init` builds the schema and the host's keys.
fn pg_host(b: &Bench) {
    let mut su = superuser("postgres");
    su.batch_execute(cpni::store::pg::ROLES).unwrap();
    su.batch_execute(&format!(
        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
        b.pg_name
    ))
    .unwrap();
    su.batch_execute(&format!("CREATE DATABASE {} OWNER cpni_owner", b.pg_name))
        .unwrap();
    let sock = env("CPNI_TEST_PG_HOST").replace('/', "%2F");
    let cfg = b.pg_home().join("config/cpni");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(
        cfg.join("config.toml"),
        format!(
            "db = \"postgresql://cpni_app@{sock}:{}/{}\"\n",
            env("CPNI_TEST_PG_PORT"),
            b.pg_name
        ),
    )
    .unwrap();
    std::fs::set_permissions(b.pg_home(), std::fs::Permissions::from_mode(0o700)).unwrap();
    time(b.cpni_pg(&["init"]));
}

/// The PostgreSQL host's signing key seed (the only `.signing-key` in its data folder).
fn pg_seed(b: &Bench) -> [u8; 32] {
    let d = b.pg_home().join("data/cpni");
    let p = std::fs::read_dir(&d)
        .unwrap()
        .filter_map(|e| Some(e.ok()?.path()))
        .find(|p| p.to_string_lossy().ends_with(".signing-key"))
        .expect("the host's signing key");
    cpni::secrets::read_key(&p).expect("read the signing key")
}

/// `n` generated records after the PostgreSQL head, with `COPY` in one transaction as the
/// superuser, and the head re-signed with the host's key (as cpni would after each step).
fn populate_pg(b: &Bench, n: u64) {
    let mut c = superuser(&b.pg_name);
    let mut tx = c.transaction().unwrap();
    let row = tx
        .query_one("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", &[])
        .unwrap();
    let (mut seq, mut hash, mut at): (i64, Vec<u8>, String) = (row.get(0), row.get(1), "".into());
    {
        let mut w = std::io::BufWriter::with_capacity(
            1 << 20,
            tx.copy_in(
                "COPY audit (seq, at, actor, on_behalf_of, account, session, event, detail, \
                 prev_hash, hash) FROM STDIN",
            )
            .unwrap(),
        );
        for rec in generate::records(seq, hash.clone(), n) {
            let mut line = rec.seq.to_string();
            for col in &rec.cols {
                line.push('\t');
                line.push_str(&copy_text(col));
            }
            line.push_str(&format!(
                "\t\\\\x{}\t\\\\x{}\n",
                hex::encode(&rec.prev),
                hex::encode(&rec.hash)
            ));
            w.write_all(line.as_bytes()).unwrap();
            (seq, hash, at) = (rec.seq, rec.hash, rec.cols[0].clone());
        }
        w.into_inner().ok().unwrap().finish().unwrap();
    }
    let h = cpni::audit::head::Head::sign(&pg_seed(b), seq, &hash, 0, &at);
    tx.execute(
        "UPDATE audit_head SET seq = $1, hash = $2, base_seq = $3, at = $4, public_key = $5, \
         signature = $6 WHERE id = 1",
        &[
            &h.seq,
            &h.hash,
            &h.base_seq,
            &h.at,
            &h.public_key,
            &h.signature,
        ],
    )
    .unwrap();
    tx.commit().unwrap();
    c.batch_execute("VACUUM ANALYZE audit").unwrap();
}

/// A text column in COPY's text format (backslash, tab and line ends escaped).
fn copy_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

/// Whether cpni's CSV holds the same rows as psql's (parsed; each export appends an
/// `audit.export` record, so the common prefix is compared, at least `n` rows).
fn same_csv_rows(a: &str, b: &str, n: usize) -> bool {
    let read = |p: &str| -> Vec<csv::ByteRecord> {
        let mut r = csv::Reader::from_path(p).expect("open csv");
        r.byte_records().map(|x| x.expect("csv record")).collect()
    };
    let (a, b) = (read(a), read(b));
    let common = a.len().min(b.len());
    common >= n && a[..common] == b[..common]
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let n = env_or(
        "CPNI_BENCH_RECORDS",
        if cfg!(debug_assertions) {
            2_000
        } else {
            1_000_000
        },
    );
    let b = Bench {
        dir: tempfile::Builder::new()
            .prefix("cpni-pg-bench-")
            .tempdir()
            .unwrap(),
        pg_name: format!("cpni_bench_audit_{}", std::process::id()),
        reps: env_or(
            "CPNI_BENCH_REPS",
            if cfg!(debug_assertions) { 1 } else { 3 },
        ) as usize,
    };
    std::fs::create_dir_all(b.dir.path().join("config/cpni")).unwrap();
    time(b.cpni_lite(&["init"]));
    pg_host(&b);
    let t = Instant::now();
    generate::populate(&b.lite(), n).expect("populate the SQLite log");
    line("sqlite_generate_s", t.elapsed().as_secs_f64(), "s");
    let t = Instant::now();
    populate_pg(&b, n);
    line("pg_generate_s", t.elapsed().as_secs_f64(), "s");
    line("records", n as f64, "records");
    let nf = n as f64;

    let v = interleaved(
        b.reps,
        &mut [&mut || time(b.cpni_pg(&["audit", "verify"])), &mut || {
            time(b.cpni_lite(&["audit", "verify"]))
        }],
    );
    line("pg_verify_time", v[0], "s");
    line("pg_verify_rate", nf / v[0], "records/s");
    line("sqlite_verify_rate", nf / v[1], "records/s");
    line("pg_verify_speed_vs_sqlite", v[1] / v[0], "ratio");

    let (c, p, s) = (b.out("c.csv"), b.out("p.csv"), b.out("s.csv"));
    let export = |file: &str, verify: bool| {
        let mut args = vec![
            "audit", "export", "--format", "csv", "--force", "--output", file,
        ];
        if !verify {
            args.push("--no-verify");
        }
        time(b.cpni_pg(&args))
    };
    let t = interleaved(
        b.reps,
        &mut [
            &mut || export(&c, true),
            &mut || export(&p, false),
            &mut || time(b.psql_copy(&s)),
        ],
    );
    line("pg_csv_export_cpni", t[0], "s");
    line("pg_csv_export_cpni_no_verify", t[1], "s");
    line("pg_csv_export_psql_copy", t[2], "s");
    line("pg_csv_vs_psql_copy", t[0] / t[2], "ratio");
    line("pg_csv_no_verify_vs_psql_copy", t[1] / t[2], "ratio");
    line(
        "pg_csv_same_rows_as_psql",
        f64::from(u8::from(same_csv_rows(&c, &s, n as usize))),
        "bool",
    );
    let _ = superuser("postgres").batch_execute(&format!(
        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
        b.pg_name
    ));
}
