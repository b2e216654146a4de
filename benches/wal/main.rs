//! Day 300 against day 1 (issue 14): one audited step (`session start`, a whole process) on a
//! database of `CPNI_BENCH_RECORDS` audit records (default 1,000,000), fresh, and again after
//! `CPNI_BENCH_STEPS` consecutive steps (default 100,000; set it lower for a quick run). The WAL
//! size is read after every step; it must stay under 16 MB throughout.
//!
//! Run with `cargo bench --bench wal` (or `CPNI_BENCH_STEPS=10000 cargo bench --bench wal`);
//! `CPNI_BENCH_BIN` runs another cpni binary (a copy, so that a rebuild during a long run does
//! not change what is measured).
//! Prints `name value unit` lines; the ratio is against the fresh figure measured in the same
//! run, never a timed assertion.

#[path = "../audit/generate.rs"]
mod generate;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn cpni(bin: &Path, home: &Path) -> Command {
    let mut c = Command::new(bin);
    c.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("CPNI_DB")
        .env_remove("CPNI_CONFIG")
        .stdin(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// One step, alternating `session start` / `session end` like an agent; returns its time (ms)
/// and updates the open session.
fn step(bin: &Path, home: &Path, open: &mut Option<String>) -> f64 {
    let t = Instant::now();
    let out = match open.take() {
        None => cpni(bin, home)
            .args(["session", "start", "DEMO-1001"])
            .output(),
        Some(s) => cpni(bin, home).args(["-q", "session", "end", &s]).output(),
    }
    .expect("run cpni");
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    assert!(out.status.success(), "a step failed: {:?}", out.status);
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if !id.is_empty() {
        *open = Some(id);
    }
    ms
}

/// Median and p99 of `n` timed `session start` runs (each followed by an untimed end).
fn sample(bin: &Path, home: &Path, n: usize) -> (f64, f64) {
    let mut v: Vec<f64> = (0..n)
        .map(|_| {
            let mut open = None;
            let ms = step(bin, home, &mut open);
            step(bin, home, &mut open);
            ms
        })
        .collect();
    v.sort_by(|a, b| a.total_cmp(b));
    let at = |p: f64| v[((v.len() as f64 - 1.0) * p).round() as usize];
    (at(0.5), at(0.99))
}

fn wal_size(db: &Path) -> u64 {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).map(|m| m.len()).unwrap_or(0)
}

fn main() {
    let quick = cfg!(debug_assertions);
    let records = env_or("CPNI_BENCH_RECORDS", if quick { 1_000 } else { 1_000_000 });
    let steps = env_or("CPNI_BENCH_STEPS", if quick { 20 } else { 100_000 });
    let samples = env_or("CPNI_BENCH_SAMPLES", if quick { 3 } else { 200 }) as usize;
    // A copy of the binary (`CPNI_BENCH_BIN`) keeps a long run independent of later rebuilds.
    let bin = std::env::var_os("CPNI_BENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_cpni")));
    let dir = tempfile::Builder::new()
        .prefix("cpni-bench-wal-")
        .tempdir()
        .expect("tempdir");
    let home = dir.path();
    let ok = cpni(&bin, home)
        .args(["init", "--demo", "-q"])
        .status()
        .expect("init");
    assert!(ok.success());
    let db = home.join("data/cpni/cpni.db");
    generate::populate(&db, records).expect("populate");
    // Day 1: a fresh database, its WAL checkpointed away.
    rusqlite::Connection::open(&db)
        .and_then(|c| c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())))
        .expect("checkpoint");
    println!("records {records} records");
    let (fresh50, fresh99) = sample(&bin, home, samples);
    println!("step_fresh_p50 {fresh50:.2} ms");
    println!("step_fresh_p99 {fresh99:.2} ms");
    let (mut max_wal, mut open) = (0u64, None);
    let t = Instant::now();
    for i in 1..=steps {
        step(&bin, home, &mut open);
        max_wal = max_wal.max(wal_size(&db));
        if i % 10_000 == 0 {
            // Progress for a long run (stderr, not a figure).
            eprintln!(
                "# {i} steps: {:.0} steps/s, largest WAL so far {:.2} MB",
                i as f64 / t.elapsed().as_secs_f64(),
                max_wal as f64 / 1e6
            );
        }
    }
    println!("consecutive_steps {steps} steps");
    println!(
        "consecutive_rate {:.0} steps/s",
        steps as f64 / t.elapsed().as_secs_f64()
    );
    println!("wal_max {:.2} MB", max_wal as f64 / 1e6);
    println!(
        "wal_under_16mb {} flag",
        if max_wal < 16_000_000 { "yes" } else { "no" }
    );
    let (late50, late99) = sample(&bin, home, samples);
    println!("step_after_p50 {late50:.2} ms");
    println!("step_after_p99 {late99:.2} ms");
    println!("step_after_vs_fresh_p50 {:.2} ratio", late50 / fresh50);
}
