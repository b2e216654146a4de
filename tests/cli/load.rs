//! Concurrency, the small CI version of `scripts/load_test.py`: 16 processes at once, 50
//! audited steps each, against one database. Every step must succeed and the chain must have
//! no gap, fork or bad hash (checked independently by `scripts/chain_check.py`). Waits are
//! measured by the script, never asserted here.

use std::process::Command;
use std::sync::{Arc, Barrier};

use crate::util::Env;

const PROCS: usize = 16;
const STEPS: usize = 50;

/// Runs `STEPS` alternating `session start` / `session end`; returns the failures.
fn worker(env: &Env) -> Vec<String> {
    let mut failures = Vec::new();
    let mut session: Option<String> = None;
    for i in 0..STEPS {
        let run = match &session {
            None => env.run(&["session", "start", "DEMO-1001"]),
            Some(s) => env.run(&["session", "end", s]),
        };
        if run.code != 0 {
            failures.push(format!(
                "step {i}: exit {}: {}",
                run.code,
                run.stderr.trim()
            ));
            session = None;
            continue;
        }
        session = match session {
            None => Some(run.stdout.trim().to_string()),
            Some(_) => None,
        };
    }
    failures
}

#[test]
fn sixteen_concurrent_writers_neither_fail_nor_fork_the_chain() {
    if crate::util::sqlite_only(
        "scripts/chain_check.py reads the SQLite file (PostgreSQL: pg_hosts)",
    ) {
        return;
    }
    let env = Arc::new(Env::initialised(true));
    let before: usize = env.sql("select count(*) from audit;").parse().unwrap();
    let barrier = Arc::new(Barrier::new(PROCS));
    let handles: Vec<_> = (0..PROCS)
        .map(|_| {
            let (env, barrier) = (Arc::clone(&env), Arc::clone(&barrier));
            std::thread::spawn(move || {
                barrier.wait();
                worker(&env)
            })
        })
        .collect();
    let failures: Vec<String> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    assert!(
        failures.is_empty(),
        "{} steps failed: {:#?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    let after: usize = env.sql("select count(*) from audit;").parse().unwrap();
    assert_eq!(
        after - before,
        PROCS * STEPS,
        "every step left exactly one audit record"
    );
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/chain_check.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(env.db())
        .output()
        .expect("run python3");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "chain check failed:\n{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        report.contains("forks 0") && report.contains("gaps 0"),
        "{report}"
    );
    assert_eq!(
        env.sql("select count(*) from session where ended_at is null;"),
        "0"
    );
}
