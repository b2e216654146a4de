//! Crashes: the CI-sized run of `scripts/crash_test.py` (SIGKILL of a write-heavy workload at
//! random moments, then the database opens, the chain verifies, and every state change has
//! its audit record and every record its change), plus the recovery of an outbox item whose
//! delivery was interrupted after its file was written.

use std::path::Path;
use std::process::Command;

use crate::calls::{ADA, start};
use crate::util::{Env, missing_tool};

fn script(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scripts")
        .join(name)
}

#[test]
fn five_sigkills_of_a_write_heavy_workload_leave_a_consistent_database() {
    let out = Command::new("python3")
        .arg(script("crash_test.py"))
        .args(["--trials", "5", "--workers", "4", "--min-ms", "300"])
        .arg("--bin")
        .arg(env!("CARGO_BIN_EXE_cpni"))
        .output()
        .unwrap_or_else(|e| panic!("{}", missing_tool("python3", &e)));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let dump = format!("--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}");
    assert!(out.status.success(), "crash_test.py failed\n{dump}");
    assert!(
        stdout.lines().any(|l| l == "crash_trials_passed 5 trials"),
        "{dump}"
    );
    // The workload really wrote between the kills (a run that wrote nothing proves nothing).
    let written: i64 = stdout
        .lines()
        .find_map(|l| l.strip_prefix("crash_audit_records_written "))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no crash_audit_records_written line\n{dump}"));
    assert!(written >= 20, "only {written} records written\n{dump}");
}

#[test]
fn an_outbox_file_left_by_an_interrupted_delivery_is_replaced_on_retry() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    // What a process killed after writing the file but before recording the delivery leaves:
    // the item's file exists (here torn) while the item is still queued.
    let outbox = env.db().parent().expect("db folder").join("outbox");
    std::fs::create_dir_all(&outbox).expect("mkdir outbox");
    let next_id: i64 = env
        .sql("select coalesce(max(id), 0) + 1 from outbox;")
        .parse()
        .expect("id");
    let leftover = outbox.join(format!("{next_id}-email-code.eml"));
    std::fs::write(&leftover, "To: torn").expect("write the leftover");

    env.run(&["session", "email-code", &s]).ok();
    let text = std::fs::read_to_string(&leftover).expect("read the .eml");
    assert!(
        text.contains("one-time verification code"),
        "the leftover was not replaced:\n{text}"
    );
    assert_eq!(
        env.sql(&format!("select status from outbox where id = {next_id};")),
        "sent"
    );
    let names: Vec<String> = std::fs::read_dir(&outbox)
        .expect("read outbox")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.ends_with(".tmp")),
        "temporary files left: {names:?}"
    );
}
