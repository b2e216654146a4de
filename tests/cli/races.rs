//! Steps run at the same time (issue 12): real processes started together, then the audit
//! records are checked. At most 3 secrets are evaluated on a session, none succeeds while the
//! account is locked, an ended session stays ended, and codes stay capped.

use std::io::Write;
use std::process::{Child, Stdio};

use crate::calls::{ADA, ADA_PIN, count_events, start};
use crate::util::Env;

/// Starts `cpni ARGS` with `stdin` written, without waiting.
pub(crate) fn spawn(env: &Env, args: &[&str], stdin: &str) -> Child {
    let mut child = env
        .command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start cpni");
    let mut pipe = child.stdin.take().expect("stdin");
    let _ = pipe.write_all(stdin.as_bytes());
    child
}

pub(crate) fn wait_all(children: Vec<Child>) -> Vec<i32> {
    children
        .into_iter()
        .map(|mut c| c.wait().expect("wait").code().unwrap_or(-1))
        .collect()
}

fn evaluated(env: &Env, s: &str) -> usize {
    count_events(env, s, "auth.pin.fail") + count_events(env, s, "auth.pin.ok")
}

#[test]
fn thirty_pins_at_once_on_one_session_evaluate_at_most_three() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    let kids = (0..32)
        .map(|i| {
            spawn(
                &env,
                &["session", "pin", &s, "--pin-stdin"],
                &format!("{}\n", 111000 + i),
            )
        })
        .collect();
    let codes = wait_all(kids);
    assert!(
        evaluated(&env, &s) <= 3,
        "evaluated {}",
        evaluated(&env, &s)
    );
    assert!(codes.iter().filter(|c| **c == 1).count() <= 3, "{codes:?}");
    assert_eq!(
        env.sql(&format!(
            "select secret_failures from session where id = '{s}';"
        )),
        evaluated(&env, &s).to_string()
    );
}

#[test]
fn no_pin_succeeds_while_the_account_is_locked() {
    let env = Env::initialised(true);
    // Six sessions; on each, 5 wrong PINs and the right one race (36 processes).
    let sessions: Vec<String> = (0..6).map(|_| start(&env, ADA)).collect();
    let mut kids = Vec::new();
    for s in &sessions {
        for i in 0..5 {
            kids.push(spawn(
                &env,
                &["session", "pin", s, "--pin-stdin"],
                &format!("{}\n", 222000 + i),
            ));
        }
        kids.push(spawn(
            &env,
            &["session", "pin", s, "--pin-stdin"],
            &format!("{ADA_PIN}\n"),
        ));
    }
    wait_all(kids);
    // Walk the log in order: between a lock.start and its end, no auth.pin.ok.
    let rows = env.sql(
        "select event || '|' || coalesce(json_extract(detail, '$.until'), '') || '|' || at \
         from audit where account = 'DEMO-1001' and event in ('lock.start', 'auth.pin.ok') order by seq;",
    );
    let mut locked_until = String::new();
    for row in rows.lines() {
        let parts: Vec<&str> = row.split('|').collect();
        match parts[0] {
            "lock.start" => locked_until = parts[1].to_string(),
            _ => assert!(
                locked_until.is_empty() || parts[2] >= locked_until.as_str(),
                "a PIN succeeded while locked: {rows}"
            ),
        }
    }
    for s in &sessions {
        assert!(evaluated(&env, s) <= 3);
    }
}

#[test]
fn a_step_racing_session_end_never_reopens_it() {
    let env = Env::initialised(true);
    for _ in 0..3 {
        let s = start(&env, ADA);
        let mut kids = Vec::new();
        for i in 0..30 {
            if i == 10 {
                kids.push(spawn(&env, &["session", "end", &s], ""));
            }
            let args: &[&str] = if i % 2 == 0 {
                &["session", "pin", &s, "--pin-stdin"]
            } else {
                &[
                    "session",
                    "disclose",
                    &s,
                    "--scope",
                    "caller-supplied",
                    "--purpose",
                    "customer-request",
                    "--calls",
                    "a call on May 3",
                ]
            };
            kids.push(spawn(&env, args, &format!("{}\n", 333000 + i)));
        }
        wait_all(kids);
        assert_eq!(
            env.sql(&format!(
                "select ended_at is not null from session where id = '{s}';"
            )),
            "1"
        );
        // After the end record, nothing but refusals on the session.
        let after = env.sql(&format!(
            "select group_concat(event) from audit where session = '{s}' and seq > \
             (select seq from audit where session = '{s}' and event = 'session.end') \
             and event not like '%refused%';"
        ));
        assert!(after.is_empty(), "steps recorded after the end: {after}");
        assert_eq!(count_events(&env, &s, "session.end"), 1);
    }
}

#[test]
fn thirty_code_requests_at_once_stay_capped() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    let kids = (0..30)
        .map(|_| spawn(&env, &["session", "email-code", &s], ""))
        .collect();
    let codes = wait_all(kids);
    let issued = count_events(&env, &s, "code.issued");
    assert_eq!(issued, 3, "the default cap per session: {codes:?}");
    assert_eq!(env.sql("select count(*) from code;"), "3");
    assert_eq!(codes.iter().filter(|c| **c == 3).count(), 27, "{codes:?}");
}

#[test]
fn thirty_resets_at_once_give_one_temporary_pin() {
    let env = Env::initialised(true);
    let kids = (0..30)
        .map(|_| spawn(&env, &["customer", "reset-pin", ADA, "--via", "email"], ""))
        .collect();
    let codes = wait_all(kids);
    assert_eq!(codes.iter().filter(|c| **c == 0).count(), 1, "{codes:?}");
    assert_eq!(
        env.sql("select count(*) from outbox where kind = 'temporary-pin';"),
        "1"
    );
}
