//! `cpni report …`: failures by agent and method, lockouts and who lifted them, accounts failed
//! in several sessions within a short window, disclosures by scope, channel and purpose; as a
//! table, CSV or JSON; supervisors only.

use serde_json::Value;

use crate::util::{Env, OTHER_LOGIN};

const ACCOUNT: &str = "DEMO-1001";
const WRONG: &str = "111999";

fn start(env: &Env) -> String {
    let run = env.run(&["session", "start", ACCOUNT]);
    run.ok().stdout.trim().to_string()
}

fn wrong_pin(env: &Env, session: &str) {
    let run = env.run_stdin(
        &["session", "pin", session, "--pin-stdin"],
        &format!("{WRONG}\n"),
    );
    assert!(matches!(run.code, 1 | 3), "{}", run.dump());
}

fn rows(env: &Env, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--json", "report"];
    all.extend_from_slice(args);
    let run = env.run(&all);
    run.ok().json()["rows"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// Two sessions with wrong PINs (5 in all: a lockout), then a supervisor's unlock.
fn failing_account() -> Env {
    let env = Env::initialised(true);
    let (a, b) = (start(&env), start(&env));
    for s in [&a, &a, &a, &b, &b] {
        wrong_pin(&env, s);
    }
    env.run(&[
        "customer",
        "unlock",
        ACCOUNT,
        "--reason",
        "holder called from the number of record",
    ])
    .ok();
    env
}

#[test]
fn failures_by_agent_and_method() {
    let env = failing_account();
    let rows = rows(&env, &["failures"]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["agent"], "root");
    assert_eq!(rows[0]["method"], "pin");
    assert_eq!(rows[0]["failures"], 5);
    env.run(&["report", "failures"])
        .ok()
        .stdout_has("agent")
        .stdout_has("pin");
}

#[test]
fn lockouts_show_who_unlocked_them() {
    let env = failing_account();
    let rows = rows(&env, &["lockouts"]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["account"], ACCOUNT);
    assert_eq!(rows[0]["unlocked_by"], "root");
    assert_eq!(rows[0]["reason"], "holder called from the number of record");
}

#[test]
fn repeated_failures_across_sessions_are_flagged() {
    let env = failing_account();
    let rows = rows(&env, &["agents", "--window", "30"]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["account"], ACCOUNT);
    assert_eq!(rows[0]["sessions"], 2);
    assert_eq!(rows[0]["failures"], 5);
    assert!(
        rows_for(&env, "2000-01-01").is_empty(),
        "--until bounds the period"
    );
}

fn rows_for(env: &Env, until: &str) -> Vec<Value> {
    rows(env, &["agents", "--until", until])
}

#[test]
fn disclosures_by_scope_channel_and_purpose_also_as_csv() {
    let env = Env::initialised(true);
    let s = start(&env);
    env.run(&[
        "session",
        "disclose",
        &s,
        "--scope",
        "caller-supplied",
        "--purpose",
        "customer-request",
        "--calls",
        "the 10:05 call to +1 202 555 0100",
    ])
    .ok();
    env.run(&[
        "session",
        "disclose",
        &s,
        "--scope",
        "call-detail",
        "--purpose",
        "customer-request",
    ])
    .code(3);
    let rows = rows(&env, &["disclosures"]);
    assert_eq!(rows.len(), 2, "{rows:?}");
    let csv = env.run(&["report", "disclosures", "--format", "csv"]);
    csv.ok()
        .stdout_has("scope,channel,purpose,disclosures,refused\r\n")
        .stdout_has("caller-supplied,phone,customer-request,1,0");
}

#[test]
fn agents_may_not_run_reports() {
    let env = Env::initialised(true);
    env.run(&["agent", "add", OTHER_LOGIN, "--role", "agent"])
        .ok();
    env.run_as_other(&["report", "failures"])
        .code(3)
        .stderr_has("supervisor");
}
