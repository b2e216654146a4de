//! `cargo bench --bench audit`: the audit goals of design.md §6, measured side by side in one
//! run on a generated log (1,000,000 records; `CPNI_BENCH_RECORDS` to change, `CPNI_BENCH_REPS`
//! for the repetitions, default 3). Prints one `name value unit` line per figure; times are
//! medians of whole processes (the real `cpni` binary and the `sqlite3` CLI).

mod generate;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use rusqlite::Connection;
use rusqlite::types::ValueRef;

const COLS: &str = "seq, at, actor, on_behalf_of, account, session, event, detail, \
                    lower(hex(prev_hash)) AS prev_hash, lower(hex(hash)) AS hash";

struct Bench {
    dir: tempfile::TempDir,
    reps: usize,
}

impl Bench {
    fn db(&self) -> PathBuf {
        self.dir.path().join("cpni.db")
    }
    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cpni(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_cpni"));
        c.arg("--db")
            .arg(self.db())
            .args(args)
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        c
    }

    fn sqlite3(&self, flags: &[&str], sql: &str, out: &Path) -> Command {
        let mut c = Command::new("sqlite3");
        c.args(flags)
            .arg(self.db())
            .arg(sql)
            .stdin(Stdio::null())
            .stdout(Stdio::from(File::create(out).expect("create output")));
        c
    }
}

/// Seconds one run of `cmd` takes (panics when it fails).
fn time(mut cmd: Command) -> f64 {
    let t = Instant::now();
    let status = cmd.status().expect("run a benchmark command");
    let s = t.elapsed().as_secs_f64();
    assert!(status.success(), "{cmd:?} failed: {status}");
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

/// The plain scan floor: step every row and touch every column, no hashing, in process.
fn scan(db: &Path) -> f64 {
    let conn = Connection::open(db).expect("open");
    let t = Instant::now();
    let mut stmt = conn
        .prepare("SELECT seq, at, actor, on_behalf_of, account, session, event, detail, prev_hash, hash FROM audit ORDER BY seq")
        .expect("prepare");
    let mut rows = stmt.query([]).expect("query");
    let mut total = 0usize;
    while let Some(r) = rows.next().expect("step") {
        for i in 0..10 {
            total += match r.get_ref(i).expect("column") {
                ValueRef::Text(b) | ValueRef::Blob(b) => b.len(),
                _ => 8,
            };
        }
    }
    std::hint::black_box(total);
    t.elapsed().as_secs_f64()
}

/// Runs `a` and `b` alternately `reps` times; returns their medians.
fn pair(reps: usize, mut a: impl FnMut() -> f64, mut b: impl FnMut() -> f64) -> (f64, f64) {
    let (mut x, mut y) = (Vec::new(), Vec::new());
    for _ in 0..reps {
        x.push(a());
        y.push(b());
    }
    (median(x), median(y))
}

/// Whether cpni's CSV holds the same rows as the sqlite3 CLI's (parsed, so quoting style and
/// line ends do not matter). The two ran at different moments, and each cpni export appends an
/// `audit.export` record, so the common prefix is compared; it must hold at least `n` rows.
fn same_csv_rows(cpni: &Path, sqlite: &Path, n: usize) -> bool {
    let read = |p: &Path| -> Vec<csv::ByteRecord> {
        let mut r = csv::Reader::from_path(p).expect("open csv");
        r.byte_records().map(|x| x.expect("csv record")).collect()
    };
    let (a, b) = (read(cpni), read(sqlite));
    let common = a.len().min(b.len());
    common >= n && a[..common] == b[..common]
}

/// The same for JSON arrays, byte for byte: the shorter output (less its closing `]`) must be
/// a prefix of the longer.
fn same_json_rows(cpni: &Path, sqlite: &Path, n: usize) -> bool {
    let read = |p: &Path| -> Vec<u8> {
        let mut v = std::fs::read(p).expect("read output");
        if v.ends_with(b"]\n") {
            v.truncate(v.len() - 2);
        }
        v
    };
    let (a, b) = (read(cpni), read(sqlite));
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    short.iter().filter(|&&c| c == b'\n').count() + 1 >= n && long.starts_with(short)
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

fn export_cmd(b: &Bench, fmt: &str, file: &str, verify: bool) -> f64 {
    let out = b.out(file).to_string_lossy().into_owned();
    let mut args = vec![
        "audit", "export", "--format", fmt, "--force", "--output", &out,
    ];
    if !verify {
        args.push("--no-verify");
    }
    time(b.cpni(&args))
}

fn remove(b: &Bench, files: &[&str]) {
    for f in files {
        let _ = std::fs::remove_file(b.out(f));
    }
}

fn exports(b: &Bench, n: f64) {
    let sql = format!("SELECT {COLS} FROM audit ORDER BY seq");
    let t = interleaved(
        b.reps,
        &mut [
            &mut || export_cmd(b, "csv", "c.csv", true),
            &mut || export_cmd(b, "csv", "p.csv", false),
            &mut || time(b.sqlite3(&["-csv", "-header"], &sql, &b.out("s.csv"))),
        ],
    );
    line("csv_export_cpni", t[0], "s");
    line("csv_export_cpni_no_verify", t[1], "s");
    line("csv_export_sqlite3", t[2], "s");
    line("csv_export_rate", n / t[0], "records/s");
    line("csv_vs_sqlite3", t[0] / t[2], "ratio");
    line("csv_no_verify_vs_sqlite3", t[1] / t[2], "ratio");
    line("csv_verify_vs_plain", t[0] / t[1], "ratio");
    let same = same_csv_rows(&b.out("c.csv"), &b.out("s.csv"), n as usize);
    line(
        "csv_same_rows_as_sqlite3",
        f64::from(u8::from(same)),
        "bool",
    );
    remove(b, &["c.csv", "p.csv", "s.csv"]);
    let t = interleaved(
        b.reps,
        &mut [
            &mut || export_cmd(b, "jsonl", "c.jsonl", true),
            &mut || export_cmd(b, "jsonl", "p.jsonl", false),
            &mut || export_cmd(b, "json", "c.json", true),
            &mut || time(b.sqlite3(&["-json"], &sql, &b.out("s.json"))),
        ],
    );
    line("jsonl_export_cpni", t[0], "s");
    line("jsonl_export_cpni_no_verify", t[1], "s");
    line("json_export_cpni", t[2], "s");
    line("json_export_sqlite3", t[3], "s");
    line("jsonl_vs_sqlite3_json", t[0] / t[3], "ratio");
    line("json_vs_sqlite3_json", t[2] / t[3], "ratio");
    line("jsonl_verify_vs_plain", t[0] / t[1], "ratio");
    let same = same_json_rows(&b.out("c.json"), &b.out("s.json"), n as usize);
    line(
        "json_same_rows_as_sqlite3",
        f64::from(u8::from(same)),
        "bool",
    );
    remove(b, &["c.jsonl", "p.jsonl", "c.json", "s.json"]);
}

fn verify(b: &Bench, n: f64) {
    let (v, s) = pair(
        b.reps,
        || time(b.cpni(&["audit", "verify"])),
        || scan(&b.db()),
    );
    line("verify_time", v, "s");
    line("verify_rate", n / v, "records/s");
    line("scan_rate", n / s, "records/s");
    line("verify_speed_vs_scan", s / v, "ratio");
    // Issue 11: with a signed checkpoint file as well as the stored checkpoints, the signed
    // purge bases and the decision-table cross-checks (every `audit verify` makes those).
    let cp = b.out("cp.json").to_string_lossy().into_owned();
    time(b.cpni(&["audit", "checkpoint", "--output", &cp]));
    let (v, s) = pair(
        b.reps,
        || time(b.cpni(&["audit", "verify", "--checkpoint", &cp])),
        || scan(&b.db()),
    );
    line("verify_checkpoint_time", v, "s");
    line("verify_checkpoint_rate", n / v, "records/s");
    line("verify_checkpoint_vs_scan", s / v, "ratio");
}

fn filtered(b: &Bench, label: &str) {
    let out = b.out("f.csv").to_string_lossy().into_owned();
    let args = [
        "audit",
        "export",
        "--format",
        "csv",
        "--agent",
        "agent-0042",
        "--since",
        "2025-06-01",
        "--until",
        "2025-07-01",
        "--force",
        "--output",
        &out,
    ];
    let runs: Vec<f64> = (0..b.reps.max(1) * 7)
        .map(|_| time(b.cpni(&args)) * 1000.0)
        .collect();
    line(label, median(runs), "ms");
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    // `cargo test --all-targets` builds this unoptimised and runs it: a smoke run only.
    let default_n = if cfg!(debug_assertions) {
        2_000
    } else {
        1_000_000
    };
    let n: u64 = env_or("CPNI_BENCH_RECORDS", default_n);
    let parent = std::env::var_os("CPNI_BENCH_DIR").map(PathBuf::from);
    let mut dir = tempfile::Builder::new();
    dir.prefix("cpni-bench-").disable_cleanup(parent.is_some());
    let b = Bench {
        dir: match &parent {
            Some(p) => dir.tempdir_in(p),
            None => dir.tempdir(),
        }
        .expect("tempdir"),
        reps: env_or(
            "CPNI_BENCH_REPS",
            if cfg!(debug_assertions) { 1 } else { 3 },
        ) as usize,
    };
    let cfg = b.dir.path().join("config/cpni");
    std::fs::create_dir_all(&cfg).expect("config dir");
    time(b.cpni(&["init"]));
    let t = Instant::now();
    generate::populate(&b.db(), n).expect("populate the log");
    line("records", n as f64, "records");
    line(
        "generate_rate",
        n as f64 / t.elapsed().as_secs_f64(),
        "records/s",
    );
    let size = std::fs::metadata(b.db()).expect("db size").len();
    line("bytes_per_record", size as f64 / n as f64, "B");
    let n = n as f64;
    verify(&b, n);
    // CPNI_BENCH_ONLY=verify stops after the verification figures.
    if std::env::var("CPNI_BENCH_ONLY").is_ok_and(|v| v == "verify") {
        return;
    }
    exports(&b, n);
    filtered(&b, "filtered_export_agent_month");
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
