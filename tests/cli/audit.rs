//! `cpni audit list`: supervisors and admins read the log, filtered; agents may not; records
//! are chained (each `prev_hash` is the previous record's `hash`, `seq` without gaps).

use crate::util::{Env, OTHER_LOGIN};

#[test]
fn audit_list_filters_by_account_and_agent() {
    let env = Env::initialised(true);
    let all = env.run(&["audit", "list"]);
    all.ok().stdout_has("init").stdout_has("DEMO-1003");
    let one = env.run(&["--json", "audit", "list", "--account", "DEMO-1003"]);
    let lines: Vec<&str> = one.ok().stdout.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "JSON Lines, one record for DEMO-1003\n{}",
        one.dump()
    );
    let doc: serde_json::Value = serde_json::from_str(lines[0]).expect("a JSON line");
    assert_eq!(doc["event"], "customer.add", "{doc}");
    let none = env.run(&["--json", "audit", "list", "--agent", "nobody"]);
    assert!(none.ok().stdout.is_empty(), "{}", none.dump());
    env.run(&["audit", "list", "--since", "yesterday-ish"])
        .code(2)
        .stderr_has("--since");
}

#[test]
fn agents_may_not_read_the_audit_log() {
    let env = Env::initialised(true);
    env.run(&["agent", "add", OTHER_LOGIN, "--role", "agent"])
        .ok();
    let run = env.run_as_other(&["audit", "list"]);
    run.code(3).stderr_has("supervisor");
    assert!(run.stdout.is_empty(), "{}", run.dump());
}

#[test]
fn records_form_a_gap_free_chain() {
    let env = Env::initialised(true);
    let rows = env.sql("select seq, hex(prev_hash), hex(hash) from audit order by seq;");
    let mut prev_hash = String::new();
    for (i, row) in rows.lines().enumerate() {
        let cols: Vec<&str> = row.split('|').collect();
        assert_eq!(cols[0], (i + 1).to_string(), "seq has a gap: {rows}");
        if i > 0 {
            assert_eq!(
                cols[1], prev_hash,
                "record {} does not chain: {rows}",
                cols[0]
            );
        }
        assert_eq!(cols[2].len(), 64, "hash is SHA-256: {row}");
        prev_hash = cols[2].to_string();
    }
    assert_eq!(rows.lines().count(), 7, "init, admin, five demo customers");
}
