//! `cpni audit verify` proves a log in two halves read at once (src/audit/split.rs: records up
//! to base + (head - base) / 2, then the rest on a second reader). A bad record at either end
//! of either half, and so at the join, must still be found and named with its seq: an edited
//! record, a missing one and a forked link (a prev_hash that is no record's hash), each at the
//! first record, the last of the first half, the first of the second half and the last record.

use crate::util::{Env, customer_args};

const DROP_TRIGGERS: &str = "drop trigger audit_no_update; drop trigger audit_no_delete;";

/// Runs `sql` on the log behind cpni's back: the triggers dropped (SQLite), or the
/// administrator's session that fires none (PostgreSQL, `Env::edit_behind`).
fn tamper(env: &Env, sql: &str) {
    if env.pg().is_some() {
        return env.edit_behind(&[], sql);
    }
    env.sql(&format!("{DROP_TRIGGERS} {sql}"));
}

/// 12 records (7 from init --demo, 5 customers): the halves are 1-6 and 7-12.
fn log() -> Env {
    let env = Env::initialised(true);
    for i in 0..5 {
        env.run(&customer_args(&format!("ACCT-30{i}"))).ok();
    }
    assert_eq!(env.count("audit"), 12);
    env
}

#[track_caller]
fn fails_at(env: &Env, seq: i64, kind: &str) {
    let run = env.run(&["--json", "audit", "verify"]);
    run.code(6);
    let doc = run.json();
    assert_eq!(doc["first_bad_seq"], seq, "{}", run.dump());
    assert_eq!(doc["kind"], kind, "{}", run.dump());
    let err = run.json_err();
    assert!(
        err["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains(&format!("record {seq}"))),
        "{}",
        run.dump()
    );
}

/// The first record, both sides of the join, and the last record.
const EDGES: [i64; 4] = [1, 6, 7, 12];

#[test]
fn an_edited_record_at_either_end_of_either_half_is_named() {
    for seq in EDGES {
        let env = log();
        tamper(
            &env,
            &format!("update audit set detail = detail || ' ' where seq = {seq};"),
        );
        fails_at(&env, seq, "edited");
    }
}

#[test]
fn a_forked_link_at_either_end_of_either_half_is_named() {
    for seq in EDGES {
        let env = log();
        tamper(
            &env,
            &format!("update audit set prev_hash = randomblob(32) where seq = {seq};"),
        );
        fails_at(&env, seq, "inserted");
    }
}

#[test]
fn a_missing_record_at_the_join_or_the_start_is_named() {
    // (Deleting the last record leaves a shorter intact chain: checkpoints catch that.)
    for seq in [1, 6, 7, 11] {
        let env = log();
        tamper(&env, &format!("delete from audit where seq = {seq};"));
        fails_at(&env, seq, "missing");
    }
}

#[test]
fn a_replaced_hash_at_the_end_of_the_first_half_is_named() {
    // The first half then ends on a hash the second half does not start from.
    let env = log();
    tamper(
        &env,
        "update audit set hash = randomblob(32) where seq = 6;",
    );
    fails_at(&env, 6, "edited");
}

#[test]
fn checkpoints_in_both_halves_are_checked() {
    let env = log();
    env.run(&["audit", "checkpoint", "--output", "a.json"]).ok();
    for i in 5..9 {
        env.run(&customer_args(&format!("ACCT-30{i}"))).ok();
    }
    env.run(&["audit", "checkpoint", "--output", "b.json"]).ok();
    let run = env.run(&[
        "--json",
        "audit",
        "verify",
        "--checkpoint",
        "a.json",
        "--checkpoint",
        "b.json",
    ]);
    let doc = run.ok().json();
    assert_eq!(doc["records"], 18, "{}", run.dump());
    // A record of the second half rewritten: named, and the later checkpoint no longer holds.
    tamper(
        &env,
        "update audit set account = 'ACCT-999' where seq = 15;",
    );
    let run = env.run(&[
        "--json",
        "audit",
        "verify",
        "--checkpoint",
        "a.json",
        "--checkpoint",
        "b.json",
    ]);
    run.code(6);
    assert_eq!(run.json()["first_bad_seq"], 15, "{}", run.dump());
}
