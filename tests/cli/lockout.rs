//! Secret attempts and the account lockout (design.md §2): 3 wrong secrets end a session's
//! attempts; 5 consecutive wrong secrets on an account (PINs and codes, across sessions) lock
//! PIN and codes for 15 minutes; callback and sending stay open; a success resets the count,
//! issuing a code does not; a supervisor (not an agent) may unlock. Codes are single use and
//! expire. Run through the real binary, with the state checked with the sqlite3 CLI.

use crate::calls::{ADA, ADA_PIN, ALAN, code, count_events, email_code, events, pin, send, start};
use crate::util::{Env, OTHER_LOGIN};

const WRONG: &str = "111999";

fn failures(env: &Env, account: &str) -> i64 {
    env.sql(&format!(
        "select failures from customer where account = '{account}';"
    ))
    .parse()
    .expect("failures")
}

/// Minutes from now until the account's `locked_until` (negative or NULL when unlocked).
fn lock_minutes(env: &Env, account: &str) -> Option<f64> {
    let m = env.sql(&format!(
        "select (julianday(locked_until) - julianday('now')) * 1440 from customer \
         where account = '{account}' and locked_until is not null;"
    ));
    m.parse().ok()
}

#[test]
fn three_wrong_pins_end_the_sessions_attempts_but_not_another_sessions() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    for left in [2, 1, 0] {
        let run = pin(&env, &s, WRONG);
        run.code(1);
        let v = run.json();
        assert_eq!(v["verified"], false);
        assert_eq!(v["attempts_left"], left, "{}", run.dump());
        run.never_prints(WRONG);
    }
    // The 4th attempt is refused without checking, even with the right PIN.
    let run = pin(&env, &s, ADA_PIN);
    run.code(3)
        .stderr_has("used its 3 secret attempts")
        .stderr_has("callback");
    assert_eq!(count_events(&env, &s, "auth.pin.refused"), 1);
    assert_eq!(count_events(&env, &s, "auth.pin.ok"), 0);
    assert_eq!(
        failures(&env, ADA),
        3,
        "the refused attempt is not a failure"
    );
    // A code in the same session is refused too.
    env.run(&["session", "email-code", &s]).code(3);

    // Another session on the account still works (3 < 5), and a success resets the count.
    let other = start(&env, ADA);
    pin(&env, &other, ADA_PIN).ok();
    assert_eq!(failures(&env, ADA), 0);
}

#[test]
fn five_wrong_secrets_across_sessions_lock_pin_and_codes_for_15_minutes() {
    let env = Env::initialised(true);
    // Session 1: a wrong PIN and two wrong codes (a real code is out, so codes are checked).
    let s1 = start(&env, ADA);
    pin(&env, &s1, WRONG).code(1);
    let real = email_code(&env, &s1);
    let wrong_code = if real == "000000" { "000001" } else { "000000" };
    code(&env, &s1, wrong_code).code(1);
    code(&env, &s1, wrong_code).code(1);
    assert_eq!(failures(&env, ADA), 3);

    // Session 2: issuing a new code does not reset the count.
    let s2 = start(&env, ADA);
    email_code(&env, &s2);
    assert_eq!(
        failures(&env, ADA),
        3,
        "issuing a code must not reset the count"
    );
    code(&env, &s2, wrong_code).code(1);
    assert_eq!(lock_minutes(&env, ADA), None, "4 failures: not locked");
    // The 5th wrong secret locks.
    let run = pin(&env, &s2, WRONG);
    run.code(1).stdout_has("locked until");
    let v = run.json();
    assert_eq!(v["attempts_left"], 0);
    assert!(v["locked_until"].is_string(), "{v}");
    // The lock starts a new count (the next lock, after this one, is longer).
    assert_eq!(failures(&env, ADA), 0);
    assert_eq!(
        env.sql(&format!(
            "select lock_level from customer where account = '{ADA}';"
        )),
        "1"
    );
    let m = lock_minutes(&env, ADA).expect("locked");
    assert!((14.0..=15.1).contains(&m), "locked for {m} minutes");
    assert_eq!(count_events(&env, &s2, "lock.start"), 1);
    let until = env.sql(&format!(
        "select json_extract(detail, '$.until') from audit where event = 'lock.start' and session = '{s2}';"
    ));
    assert_eq!(v["locked_until"], until.as_str());

    // A new session: PIN (even the right one) and codes are refused with the time and routes.
    let s3 = start(&env, ADA);
    let shown = env.run(&["--json", "session", "show", &s3]).json();
    assert_eq!(shown["locked_until"], until.as_str());
    let run = pin(&env, &s3, ADA_PIN);
    run.code(3)
        .stderr_has("locked")
        .stderr_has("until")
        .stderr_has("callback")
        .stderr_has("cpni session send");
    env.run(&["session", "email-code", &s3]).code(3);
    code(&env, &s3, &real).code(3);
    let ev = events(&env, &s3);
    for e in [
        "auth.pin.refused",
        "code.email.refused",
        "auth.code.refused",
    ] {
        assert!(ev.contains(&e.to_string()), "{e} missing from {ev:?}");
    }
    assert_eq!(failures(&env, ADA), 0, "refused attempts are not counted");

    // A lock never denies service: sending and the callback still work.
    send(&env, &s3, "email", "call-detail").ok();
    env.run(&["session", "callback", &s3]).ok();
    env.run(&["session", "callback", &s3, "--reached"]).ok();
    env.run(&[
        "session",
        "disclose",
        &s3,
        "--scope",
        "call-detail",
        "--purpose",
        "customer-request",
    ])
    .ok();
}

#[test]
fn a_success_resets_the_count() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    pin(&env, &s, WRONG).code(1);
    pin(&env, &s, WRONG).code(1);
    let s = start(&env, ADA);
    pin(&env, &s, WRONG).code(1);
    pin(&env, &s, WRONG).code(1);
    assert_eq!(failures(&env, ADA), 4);
    pin(&env, &s, ADA_PIN).ok();
    assert_eq!(failures(&env, ADA), 0);
    // Four more wrong answers in two sessions: still not locked.
    for _ in 0..2 {
        let s = start(&env, ADA);
        pin(&env, &s, WRONG).code(1);
        pin(&env, &s, WRONG).code(1);
    }
    assert_eq!(failures(&env, ADA), 4);
    assert_eq!(lock_minutes(&env, ADA), None);
    let s = start(&env, ADA);
    pin(&env, &s, ADA_PIN).ok();
}

/// Locks DEMO-1001 with 5 wrong PINs over two sessions.
fn lock(env: &Env) {
    let s = start(env, ADA);
    for _ in 0..3 {
        pin(env, &s, WRONG).code(1);
    }
    let s = start(env, ADA);
    for _ in 0..2 {
        pin(env, &s, WRONG).code(1);
    }
    assert!(lock_minutes(env, ADA).is_some(), "locked");
}

#[test]
fn a_supervisor_unlocks_with_a_reason_and_an_agent_cannot() {
    let env = Env::initialised(true);
    lock(&env);
    env.run(&["agent", "add", OTHER_LOGIN, "--role", "agent"])
        .ok();
    let run = env.run_as_other(&["customer", "unlock", ADA, "--reason", "caller asked"]);
    run.code(3).stderr_has("supervisor");
    assert!(run.stdout.is_empty(), "{}", run.dump());
    assert!(lock_minutes(&env, ADA).is_some(), "still locked");
    assert_eq!(
        env.sql("select count(*) from audit where event = 'lock.unlock';"),
        "0"
    );

    // The reason is required.
    env.run(&["customer", "unlock", ADA]).code(2);
    // root is the admin.
    env.run(&[
        "customer",
        "unlock",
        ADA,
        "--reason",
        "holder verified by callback",
    ])
    .ok()
    .stdout_has("Unlocked");
    assert_eq!(failures(&env, ADA), 0);
    assert!(lock_minutes(&env, ADA).is_none_or(|m| m <= 0.0));
    let detail = env.sql(
        "select actor || ' ' || json_extract(detail, '$.reason') from audit where event = 'lock.unlock';",
    );
    assert_eq!(detail, "root holder verified by callback");
    let s = start(&env, ADA);
    pin(&env, &s, ADA_PIN).ok();
}

#[test]
fn a_code_works_once_and_not_after_it_expires() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    let c = email_code(&env, &s);
    code(&env, &s, &c).ok();
    let used = env.sql("select used_at is not null from code;");
    assert_eq!(used, "1");
    // Single use: the same code on a later call fails (and counts).
    let s = start(&env, ADA);
    code(&env, &s, &c).code(1).stdout_has("Wrong code");
    assert_eq!(failures(&env, ADA), 1);

    // Expired: issue, then move its expiry into the past.
    let s = start(&env, ADA);
    let c = email_code(&env, &s);
    env.sql(
        "update code set expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 minutes') \
         where used_at is null;",
    );
    let run = code(&env, &s, &c);
    run.code(1).stdout_has("expired");
    assert_eq!(run.json()["verified"], false);
    let expired = env.sql(&format!(
        "select json_extract(detail, '$.expired') from audit where session = '{s}' and event = 'auth.code.fail';"
    ));
    assert_eq!(expired, "1");
    // Codes are stored only as digests.
    let digests = env.sql("select digest from code;");
    assert!(!digests.contains(&c), "a code stored in clear");
}

#[test]
fn a_customer_without_a_pin_is_told_a_compliant_route() {
    let env = Env::initialised(true);
    let s = start(&env, ALAN);
    let run = pin(&env, &s, "123456");
    run.code(3)
        .stderr_has("has no PIN")
        .stderr_has("callback")
        .stderr_has("address of record");
    assert_eq!(count_events(&env, &s, "auth.pin.refused"), 1);
    assert_eq!(failures(&env, ALAN), 0, "not a wrong answer");
}

#[test]
fn a_pin_or_code_on_the_command_line_is_refused() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    let before = env.counts();
    env.run(&["session", "pin", &s, "--pin", ADA_PIN])
        .code(2)
        .stderr_has("--pin-stdin")
        .never_prints(ADA_PIN);
    env.run(&["session", "code", &s, "--code", "123456"])
        .code(2)
        .stderr_has("--code-stdin");
    assert_eq!(env.counts(), before, "nothing recorded");
    assert_eq!(failures(&env, ADA), 0);
}

#[test]
fn session_start_warns_when_earlier_failures_leave_fewer_attempts_or_a_lock() {
    let env = Env::initialised(true);
    // A fresh account: no warning.
    let first = env.run(&["session", "start", ADA]);
    first.ok();
    assert!(
        !first.stderr.contains("attempt(s) before"),
        "{}",
        first.dump()
    );
    let s = first.stdout.trim().to_string();
    for _ in 0..3 {
        pin(&env, &s, WRONG).code(1);
    }
    // Another call on the same account (another agent, say): 5 - 3 = 2 attempts before the
    // lock, which the agent hears before asking for a PIN.
    let second = env.run(&["session", "start", ADA]);
    second
        .ok()
        .stderr_has("Only 2 secret attempt(s) before the account locks")
        .stderr_has("3 wrong secret(s) in a row");
    let s2 = second.stdout.trim().to_string();
    for _ in 0..2 {
        pin(&env, &s2, WRONG).code(1);
    }
    assert!(lock_minutes(&env, ADA).is_some_and(|m| m > 14.0));
    let third = env.run(&["session", "start", ADA]);
    third
        .ok()
        .stderr_has("PIN and codes are LOCKED until")
        .stderr_has("cpni session callback");
    // The JSON says the same (fields already there).
    let j = env.run(&["--json", "session", "start", ADA]).ok().json();
    assert_eq!(j["attempts_left"], 0, "{j}");
    assert!(j["locked_until"].is_string(), "{j}");
}
