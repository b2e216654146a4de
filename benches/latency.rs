//! Per-call latency, measured side by side in one run (issues 7 and 14, design.md §6):
//! - one audited step without password hashing (`session start`) on a log of
//!   `CPNI_BENCH_RECORDS` audit records (default 1,000,000): median and p99, whole process,
//!   against the `sqlite3` CLI doing the same reads and inserts (`BEGIN IMMEDIATE`, the agent
//!   and customer look-ups, the session row, the chained audit row hashed with SQL's `sha3`,
//!   `synchronous=FULL`, no checkpoint on close) on a copy of the same database;
//! - `cpni --version` and `cpni --help` against an empty Rust binary built here with the same
//!   compiler;
//! - `session pin` against Argon2's own verification time (measured in-process).
//!
//! Run with `cargo bench --bench latency`. Prints `name value unit` lines. Runs are interleaved
//! so machine noise hits every figure alike. `CPNI_BENCH_BIN` runs another cpni binary (a copy,
//! so a rebuild cannot change it mid-run); `CPNI_BENCH_HOME` keeps the generated home there
//! (for profiling one step by hand).

#[path = "audit/generate.rs"]
mod generate;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Full runs under `cargo bench` (`CPNI_BENCH_RUNS` to change); a smoke run when
/// `cargo test --all-targets` builds this unoptimised.
fn runs() -> usize {
    std::env::var("CPNI_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) { 5 } else { 300 })
}

fn empty_binary(dir: &Path) -> PathBuf {
    let src = dir.join("empty.rs");
    std::fs::write(&src, "fn main() {}\n").expect("write empty.rs");
    let out = dir.join("empty");
    let ok = Command::new("rustc")
        .args(["-O", "-C", "strip=symbols", "-o"])
        .arg(&out)
        .arg(&src)
        .status()
        .expect("run rustc");
    assert!(ok.success(), "rustc failed");
    out
}

fn timed(cmd: &mut Command, stdin: Option<&str>) -> f64 {
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let t = Instant::now();
    let mut child = cmd.spawn().expect("spawn");
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        use std::io::Write;
        let _ = pipe.write_all(text.as_bytes());
    }
    let status = child.wait().expect("wait");
    let secs = t.elapsed().as_secs_f64();
    assert!(status.success(), "{cmd:?} failed: {status}");
    secs * 1000.0
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn cpni(bin: &Path, home: &Path) -> Command {
    let mut c = Command::new(bin);
    c.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("CPNI_DB")
        .env_remove("CPNI_CONFIG");
    c
}

/// The `sqlite3` CLI doing what one `session start` does in SQL, on `db`: the agent and customer
/// look-ups, then one immediate transaction inserting the session and the next chained audit
/// record (its hash by SQL's `sha3`; cpni uses SHA-256), with cpni's pragmas and no checkpoint
/// on close; its WAL is checkpointed past 256 KiB (64 pages), like cpni's.
fn sqlite3_step(db: &Path, login: &str) -> Command {
    let now = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";
    let sql = format!(
        "PRAGMA busy_timeout=5000; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;\
         PRAGMA wal_autocheckpoint=64;\
         SELECT * FROM agent WHERE login = '{login}';\
         SELECT * FROM customer WHERE account = 'DEMO-1001';\
         BEGIN IMMEDIATE;\
         INSERT INTO session (id, account, agent, channel, started_at, last_active_at) \
           VALUES ('S-' || hex(randomblob(5)), 'DEMO-1001', '{login}', 'inbound', {now}, {now});\
         INSERT INTO audit (seq, at, actor, on_behalf_of, account, session, event, detail, \
           prev_hash, hash) SELECT seq + 1, {now}, '{login}', '', 'DEMO-1001', \
           (SELECT id FROM session WHERE rowid = last_insert_rowid()), 'session.start', \
           '{{\"channel\":\"inbound\"}}', hash, sha3(hash || seq || {now}, 256) \
           FROM audit ORDER BY seq DESC LIMIT 1;\
         COMMIT;"
    );
    let mut c = Command::new("sqlite3");
    c.args(["-cmd", ".dbconfig no_ckpt_on_close on"])
        .arg(db)
        .arg(sql);
    c
}

/// Where the bench runs: `CPNI_BENCH_HOME` (kept), else a fresh folder under the temp dir.
fn bench_home() -> (PathBuf, bool) {
    match std::env::var_os("CPNI_BENCH_HOME") {
        Some(h) => (PathBuf::from(h), true),
        None => (
            std::env::temp_dir().join(format!("cpni-bench-{}", std::process::id())),
            false,
        ),
    }
}

fn argon2_ms() -> f64 {
    let phc = cpni::secrets::hash_secret("804713", cpni::secrets::HashPreset::Owasp).unwrap();
    let mut v: Vec<f64> = (0..30)
        .map(|_| {
            let t = Instant::now();
            assert!(cpni::secrets::verify_secret("804713", &phc));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    pct(&mut v, 0.5)
}

/// One Argon2id verification in a fresh process (this binary re-run with `--argon2-once`):
/// what a PIN check costs before anything of cpni's own, page faults of the 19 MiB included.
fn argon2_once_child(phc: &str) -> ! {
    let ok = cpni::secrets::verify_secret("804713", phc);
    std::process::exit(if ok { 0 } else { 1 })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--argon2-once") {
        argon2_once_child(&args[i + 1]);
    }
    let me = std::env::current_exe().expect("this benchmark's path");
    let phc = cpni::secrets::hash_secret("804713", cpni::secrets::HashPreset::Owasp).unwrap();
    let bin = std::env::var_os("CPNI_BENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_cpni")));
    let records: u64 = std::env::var("CPNI_BENCH_RECORDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) {
            1_000
        } else {
            1_000_000
        });
    let (home, keep) = bench_home();
    std::fs::create_dir_all(&home).unwrap();
    let empty = empty_binary(&home);
    assert!(
        cpni(&bin, &home)
            .args(["init", "--demo", "-q"])
            .status()
            .unwrap()
            .success()
    );
    let db = home.join("data/cpni/cpni.db");
    generate::populate(&db, records).expect("populate");
    let copy = home.join("sqlite3-copy.db");
    // A kept home (`CPNI_BENCH_HOME`) still has the last run's WAL of the copy: applied to the
    // new copy it would corrupt it.
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(home.join(format!("sqlite3-copy.db{ext}")));
    }
    std::fs::copy(&db, &copy).expect("copy the database for sqlite3");
    let login = cpni::commands::context::os_login();
    println!("records {records} records");
    let (mut e, mut v, mut s, mut p, mut a) = (vec![], vec![], vec![], vec![], vec![]);
    let (mut h, mut q) = (vec![], vec![]);
    for i in 0..runs() {
        e.push(timed(&mut Command::new(&empty), None));
        v.push(timed(cpni(&bin, &home).arg("--version"), None));
        h.push(timed(cpni(&bin, &home).arg("--help"), None));
        s.push(timed(
            cpni(&bin, &home).args(["session", "start", "DEMO-1001"]),
            None,
        ));
        q.push(timed(&mut sqlite3_step(&copy, &login), None));
        if i % 5 == 0 {
            a.push(timed(Command::new(&me).args(["--argon2-once", &phc]), None));
            // A verified session checks no further secret: each PIN check gets its own (untimed).
            let out = cpni(&bin, &home)
                .args(["session", "start", "DEMO-1001"])
                .output()
                .unwrap();
            let session = String::from_utf8_lossy(&out.stdout).trim().to_string();
            p.push(timed(
                cpni(&bin, &home).args(["session", "pin", &session, "--pin-stdin"]),
                Some("804713\n"),
            ));
        }
    }
    let argon = argon2_ms();
    let (e50, v50) = (pct(&mut e, 0.5), pct(&mut v, 0.5));
    println!("empty_rust_binary_p50 {e50:.2} ms");
    println!("cpni_version_p50 {v50:.2} ms");
    println!("cpni_version_vs_empty {:.2} ratio", v50 / e50);
    let h50 = pct(&mut h, 0.5);
    println!("cpni_help_p50 {h50:.2} ms");
    println!("cpni_help_vs_empty {:.2} ratio", h50 / e50);
    let (s50, s99) = (pct(&mut s, 0.5), pct(&mut s, 0.99));
    let (q50, q99) = (pct(&mut q, 0.5), pct(&mut q, 0.99));
    println!("audited_step_session_start_p50 {s50:.2} ms");
    println!("audited_step_session_start_p99 {s99:.2} ms");
    println!("sqlite3_same_step_p50 {q50:.2} ms");
    println!("sqlite3_same_step_p99 {q99:.2} ms");
    println!("audited_step_vs_sqlite3_p50 {:.2} ratio", s50 / q50);
    println!("audited_step_vs_empty_p50 {:.2} ratio", s50 / e50);
    let p50 = pct(&mut p, 0.5);
    println!("argon2id_verify_in_process_p50 {argon:.2} ms");
    println!("session_pin_p50 {p50:.2} ms");
    println!("session_pin_minus_argon2 {:.2} ms", p50 - argon);
    let a50 = pct(&mut a, 0.5);
    println!("argon2id_verify_fresh_process_p50 {a50:.2} ms");
    println!("session_pin_minus_argon2_fresh_process {:.2} ms", p50 - a50);
    if !keep {
        let _ = std::fs::remove_dir_all(&home);
    }
}
