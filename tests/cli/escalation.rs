//! No escalation within a call (issue 12): each chain an attacker would try, through the real
//! binary, and what the audit log then holds.

use crate::calls::{
    ACME, ADA, ADA_PIN, count_events, disclose, email_code, pin, run_secret, start,
};
use crate::util::{Env, OTHER_LOGIN};

const NEW_PHONE: &str = "+1 303 555 0166";

/// A session verified by an email code on ADA.
fn by_email_code(env: &Env) -> String {
    let s = start(env, ADA);
    let code = email_code(env, &s);
    crate::calls::code(env, &s, &code).ok();
    s
}

#[test]
fn a_letter_code_read_back_on_the_call_that_sent_it_is_refused_and_counts_nothing() {
    // The attack: ask for a letter, read its code from the outbox, and "read it back" at once,
    // on the same session or on a second session opened on the same call.
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    let parallel = start(&env, ADA);
    let c = crate::calls::mail_code(&env, &s);
    for on in [&s, &parallel] {
        let run = crate::calls::code(&env, on, &c);
        run.code(3).never_prints("VERIFIED");
        let err = run.json_err();
        assert_eq!(
            err["error"]["code"],
            "letter-code-same-call",
            "{}",
            run.dump()
        );
        let message = err["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains("sent by letter on this call"), "{message}");
        assert!(message.contains("later call"), "{message}");
        assert_eq!(
            env.sql(&format!(
                "select json_extract(detail, '$.reason') from audit \
                 where session = '{on}' and event = 'auth.code.refused';"
            )),
            "letter-code-same-call"
        );
        assert_eq!(count_events(&env, on, "auth.code.ok"), 0);
        assert_eq!(count_events(&env, on, "auth.code.fail"), 0);
        assert_eq!(
            env.sql(&format!(
                "select coalesce(basis, '-'), secret_failures from session where id = '{on}';"
            )),
            "-|0",
            "not verified, no attempt spent"
        );
    }
    assert_eq!(
        env.sql("select failures from customer where account = 'DEMO-1001';"),
        "0",
        "a refused letter code is not a wrong answer"
    );
    assert_eq!(
        env.sql("select count(*) from code where used_at is null;"),
        "1"
    );
    // On a later call the same code verifies, as the letter says.
    env.run(&["session", "end", &s]).ok();
    env.run(&["session", "end", &parallel]).ok();
    let later = start(&env, ADA);
    let run = crate::calls::code(&env, &later, &c);
    run.ok();
    assert_eq!(run.json()["basis"], "mail-code", "{}", run.dump());
    // An emailed code still verifies the call it was sent on: that is its purpose.
    let s = start(&env, ADA);
    let e = email_code(&env, &s);
    crate::calls::code(&env, &s, &e).ok();
}

#[test]
fn a_code_cannot_change_a_contact_of_record() {
    let env = Env::initialised(true);
    let s = by_email_code(&env);
    for (args, what) in [
        (vec!["set-phone", "--phone", NEW_PHONE], "phone"),
        (vec!["set-email", "--email", "m@evil.example"], "email"),
    ] {
        let mut full = vec!["customer", args[0], ADA, "--session", &s];
        full.extend_from_slice(&args[1..]);
        env.run(&full).code(3).stderr_has("call detail");
        let last = env.sql("select json_extract(detail, '$.change') from audit where event = 'change.refused' order by seq desc limit 1;");
        assert_eq!(last, what);
    }
    assert_eq!(
        env.sql("select phone from customer where account = 'DEMO-1001';"),
        "+12025550142"
    );
}

#[test]
fn after_a_back_office_phone_change_the_callback_goes_to_the_number_before() {
    let env = Env::initialised(true);
    env.run(&[
        "customer",
        "set-phone",
        ADA,
        "--phone",
        NEW_PHONE,
        "--reason",
        "customer letter",
    ])
    .ok();
    let s = start(&env, ADA);
    // --reached before any recorded start is refused.
    env.run(&["session", "callback", &s, "--reached"])
        .code(3)
        .stderr_has("no callback was started");
    assert_eq!(count_events(&env, &s, "auth.callback.refused"), 1);
    let run = env.run(&["--json", "session", "callback", &s]);
    let v = run.ok().json();
    assert_eq!(
        v["number_of_record"], "+12025550142",
        "the old number of record"
    );
    run.never_prints("+13035550166");
    env.run(&["session", "callback", &s, "--reached"]).ok();
    disclose(&env, &s, "call-detail", &[]).ok();
}

#[test]
fn a_new_number_with_no_earlier_number_of_record_gets_no_callback() {
    let env = Env::initialised(false);
    env.run(&crate::util::customer_args("NEW-1")).ok();
    let s = start(&env, "NEW-1");
    env.run(&["session", "callback", &s])
        .code(3)
        .stderr_has("30 days");
    assert_eq!(count_events(&env, &s, "callback.refused"), 1);
    env.run(&["session", "callback", &s, "--reached"]).code(3);
    assert_eq!(
        env.sql(&format!(
            "select basis is null from session where id = '{s}';"
        )),
        "1"
    );
}

#[test]
fn a_pin_set_on_a_call_never_verifies_that_call() {
    let env = Env::initialised(true);
    let s = by_email_code(&env);
    env.run_stdin(
        &["customer", "set-pin", ADA, "--session", &s, "--pin-stdin"],
        "583920\n",
    )
    .ok();
    pin(&env, &s, "583920")
        .code(3)
        .stderr_has("set on this call");
    assert_eq!(
        env.sql(&format!("select basis from session where id = '{s}';")),
        "email-code"
    );
    disclose(&env, &s, "call-detail", &[]).code(3);
    // The next call may use it.
    let s2 = start(&env, ADA);
    pin(&env, &s2, "583920").ok();
}

#[test]
fn notices_go_to_the_contact_of_record_not_to_the_value_set_minutes_earlier() {
    let env = Env::initialised(true);
    for email in ["first@evil.example", "second@evil.example"] {
        env.run(&[
            "customer",
            "set-email",
            ADA,
            "--email",
            email,
            "--reason",
            "back office",
        ])
        .ok();
    }
    let to = env.sql("select group_concat(recipient, ',') from outbox where kind = 'notice' and channel = 'email';");
    assert_eq!(
        to, "ada@example.com,ada@example.com",
        "both notices to the real address"
    );
    // A later phone change is still heard at the real email.
    env.run(&[
        "customer",
        "set-phone",
        ADA,
        "--phone",
        NEW_PHONE,
        "--reason",
        "back office",
    ])
    .ok();
    let last = env.sql("select recipient from outbox where kind = 'notice' and channel = 'email' order by id desc limit 1;");
    assert_eq!(last, "ada@example.com");
    assert_eq!(env.count("contact_history"), 3);
    let out = std::process::Command::new("sqlite3")
        .arg(env.db())
        .arg("delete from contact_history;")
        .output()
        .expect("sqlite3");
    assert!(!out.status.success(), "contact history must be append-only");
}

#[test]
fn lost_pin_keeps_the_working_pin_refuses_a_second_reset_and_notifies() {
    let env = Env::initialised(true);
    env.run(&["customer", "reset-pin", ADA, "--via", "mail"])
        .ok();
    // The real customer's right PIN still works and counts nothing against them.
    let s = start(&env, ADA);
    pin(&env, &s, ADA_PIN).ok();
    env.run(&["customer", "reset-pin", ADA, "--via", "email"])
        .code(3)
        .stderr_has("outstanding");
    let notice = env.sql("select recipient || ' ' || subject from outbox where kind = 'notice';");
    assert_eq!(
        notice,
        "ada@example.com A PIN reset was requested on your account"
    );
    assert_eq!(
        env.sql("select count(*) from audit where event = 'pin.reset.refused';"),
        "1"
    );
    // A supervisor may override with a reason (recorded).
    env.run(&[
        "customer",
        "reset-pin",
        ADA,
        "--via",
        "email",
        "--override-reason",
        "letter lost",
    ])
    .ok();
    assert!(
        env.sql("select detail from audit where event = 'pin.reset' order by seq desc limit 1;")
            .contains("letter lost")
    );
}

#[test]
fn lost_pin_is_refused_while_locked() {
    let env = Env::initialised(true);
    env.sql("update customer set locked_until = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+1 hour'), failures = 5 where account = 'DEMO-1001';");
    env.run(&["customer", "reset-pin", ADA, "--via", "mail"])
        .code(3)
        .stderr_has("locked");
    assert_eq!(
        env.sql("select temp_pin_hash is null from customer where account = 'DEMO-1001';"),
        "1"
    );
}

#[test]
fn opt_in_needs_a_verified_session_but_a_denial_does_not() {
    let env = Env::initialised(true);
    let opt_in = |extra: &[&str]| {
        let mut a = vec![
            "consent",
            "record",
            ADA,
            "--opt-in",
            "--method",
            "oral",
            "--evidence",
            "REC-9",
        ];
        a.extend_from_slice(extra);
        env.run(&a)
    };
    opt_in(&[]).code(3).stderr_has("verified");
    let s = start(&env, ADA);
    opt_in(&["--session", &s]).code(3);
    assert_eq!(
        env.sql("select count(*) from audit where event = 'consent.refused';"),
        "2"
    );
    assert_eq!(env.count("consent"), 0);
    env.run(&["consent", "record", ADA, "--deny", "--method", "oral"])
        .ok();
    pin(&env, &s, ADA_PIN).ok();
    opt_in(&["--session", &s]).ok();
}

#[test]
fn the_business_basis_runs_the_contract_passphrase_and_counts_attempts() {
    let env = Env::initialised(true);
    let s = start(&env, ACME);
    // No passphrase given: nothing verifies.
    run_secret(
        &env,
        &["session", "business", &s, "--secret-stdin"],
        "wrong words here\n",
    )
    .code(1);
    for _ in 0..2 {
        pin(&env, &s, "111999").code(1);
    }
    // Three wrong secrets on the call: even the right passphrase is refused.
    run_secret(
        &env,
        &["session", "business", &s, "--secret-stdin"],
        "acme freight orbit 2025\n",
    )
    .code(3)
    .stderr_has("attempts");
    assert_eq!(count_events(&env, &s, "auth.business.ok"), 0);
    let s2 = start(&env, ACME);
    run_secret(
        &env,
        &["session", "business", &s2, "--secret-stdin"],
        "acme freight orbit 2025\n",
    )
    .ok();
    let d = env.sql(&format!("select json_extract(detail, '$.method') || ' ' || json_extract(detail, '$.cpni_contract') from audit where session = '{s2}' and event = 'auth.business.ok';"));
    assert_eq!(d, "passphrase CPNI-2025-017");
}

#[test]
fn a_contract_without_a_method_is_refused_and_a_callback_contract_needs_30_days() {
    let env = Env::initialised(true);
    env.sql("update customer set contract_method = NULL where account = 'DEMO-1004';");
    env.reseal();
    let s = start(&env, ACME);
    env.run(&["session", "business", &s])
        .code(3)
        .stderr_has("method");
    env.run(&[
        "customer",
        "set-contract",
        ACME,
        "--method",
        "callback",
        "--callback-phone",
        "+1 202 555 0100",
        "--reason",
        "contract annex 2",
    ])
    .ok();
    env.run(&["session", "business", &s])
        .code(3)
        .stderr_has("on file only since");
    env.sql("update customer set contract_callback_since = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-31 days') where account = 'DEMO-1004';");
    env.reseal();
    env.run(&["session", "business", &s, "--reached"])
        .code(3)
        .stderr_has("no callback was started");
    let v = env.run(&["--json", "session", "business", &s]).ok().json();
    assert_eq!(v["number_of_record"], "+12025550100");
    env.run(&["--json", "session", "business", &s, "--reached"])
        .ok();
    let d = env.sql(&format!("select json_extract(detail, '$.method') from audit where session = '{s}' and event = 'auth.business.ok';"));
    assert_eq!(d, "callback");
}

#[test]
fn a_temporary_pin_exits_1_and_the_end_record_says_not_verified() {
    let env = Env::initialised(true);
    env.run(&["customer", "reset-pin", ADA, "--via", "email"])
        .ok();
    let eml = crate::calls::newest(&crate::calls::outbox(&env), "-temporary-pin.eml");
    let text = std::fs::read_to_string(eml).unwrap();
    let temp = text
        .lines()
        .map(str::trim)
        .find(|l| l.len() >= 8 && l.chars().all(|c| c.is_ascii_digit()))
        .unwrap()
        .to_string();
    let s = start(&env, ADA);
    let v = pin(&env, &s, &temp).code(1).json();
    assert_eq!(v["verified"], false);
    env.run(&["session", "end", &s]).ok();
    let end = env.sql(&format!("select json_extract(detail, '$.verified') from audit where session = '{s}' and event = 'session.end';"));
    assert_eq!(end, "0");
    assert_eq!(
        count_events(&env, &s, "auth.pin.ok"),
        0,
        "not counted as a PIN success"
    );
    assert_eq!(count_events(&env, &s, "auth.temporary-pin.ok"), 1);
}

#[test]
fn another_agents_step_is_refused_and_a_supervisor_may_take_over() {
    let env = Env::initialised(true);
    env.run(&["agent", "add", OTHER_LOGIN, "--role", "agent"])
        .ok();
    let s = start(&env, ADA);
    let r = env.run_as_other(&["session", "callback", &s]);
    r.code(3).stderr_has("belongs to the agent");
    assert_eq!(
        env.sql(&format!("select json_extract(detail, '$.reason') from audit where session = '{s}' and event = 'session.refused';")),
        "not-owner"
    );
    // The other agent's own session: root (admin) takes it over with a reason.
    let run = env.run_as_other(&["session", "start", ADA]);
    let theirs = run.ok().stdout.trim().to_string();
    env.run(&["session", "end", &theirs]).code(3);
    env.run(&[
        "session",
        "takeover",
        &theirs,
        "--reason",
        "agent left the call",
    ])
    .ok();
    env.run(&["session", "end", &theirs]).ok();
    let d = env.sql(&format!("select json_extract(detail, '$.from') || ' ' || json_extract(detail, '$.reason') from audit where session = '{theirs}' and event = 'session.takeover';"));
    assert_eq!(d, format!("{OTHER_LOGIN} agent left the call"));
    // An agent may not take over.
    let s3 = start(&env, ADA);
    env.run_as_other(&["session", "takeover", &s3, "--reason", "mine now"])
        .code(3);
}

#[test]
fn an_on_behalf_of_refusal_is_recorded() {
    let env = Env::initialised(true);
    let before = env.sql("select count(*) from audit where event = 'access.refused';");
    env.run(&["--on-behalf-of", "nobody", "session", "start", ADA])
        .code(3);
    let after = env.sql("select count(*) from audit where event = 'access.refused';");
    assert_eq!(
        before.parse::<i64>().unwrap() + 1,
        after.parse::<i64>().unwrap()
    );
}

#[test]
fn email_codes_are_capped_per_session() {
    let env = Env::initialised(true);
    env.write_config(&format!(
        "{}[codes]\nper_session = 2\n",
        crate::util::TEST_CONFIG
    ));
    let s = start(&env, ADA);
    env.run(&["session", "email-code", &s]).ok();
    env.run(&["session", "email-code", &s]).ok();
    env.run(&["session", "email-code", &s])
        .code(3)
        .stderr_has("limit");
    assert_eq!(count_events(&env, &s, "code.issued"), 2);
    let reason = env.sql(&format!("select json_extract(detail, '$.reason') from audit where session = '{s}' and event = 'code.email.refused';"));
    assert_eq!(reason, "code-limit");
}

/// Verifies a fresh session on ADA by `how` (email-code, mail-code or backup).
fn weak_session(env: &Env, how: &str) -> String {
    let s = start(env, ADA);
    match how {
        "email-code" => {
            let c = email_code(env, &s);
            crate::calls::code(env, &s, &c).ok();
        }
        "mail-code" => {
            // The letter was sent on an earlier call (a letter never verifies its own call).
            let earlier = start(env, ADA);
            let c = crate::calls::mail_code(env, &earlier);
            env.run(&["session", "end", &earlier]).ok();
            let s = start(env, ADA);
            crate::calls::code(env, &s, &c).ok();
            return s;
        }
        _ => {
            run_secret(
                env,
                &["session", "backup", &s, "--secret-stdin"],
                "violet harbor lanterns\n",
            )
            .ok();
        }
    }
    s
}

#[test]
fn every_weak_basis_sets_a_new_pin_only_and_that_pin_verifies_nothing_on_the_call() {
    for how in ["email-code", "mail-code", "backup"] {
        let env = Env::initialised(true);
        env.run_stdin(
            &[
                "customer",
                "set-backup",
                ADA,
                "--reason",
                "form on file",
                "--secret-stdin",
            ],
            "violet harbor lanterns\n",
        )
        .ok();
        // The backup set by the back office before the call counts; one set on the call would not.
        let s = weak_session(&env, how);
        env.run(&[
            "customer",
            "set-phone",
            ADA,
            "--phone",
            NEW_PHONE,
            "--session",
            &s,
        ])
        .code(3);
        env.run_stdin(
            &[
                "customer",
                "set-backup",
                ADA,
                "--session",
                &s,
                "--secret-stdin",
            ],
            "amber quiet meadows\n",
        )
        .code(3);
        env.run_stdin(
            &["customer", "set-pin", ADA, "--session", &s, "--pin-stdin"],
            "583920\n",
        )
        .ok();
        pin(&env, &s, "583920")
            .code(3)
            .stderr_has("set on this call");
        pin(&env, &s, ADA_PIN).code(3);
        disclose(&env, &s, "call-detail", &[]).code(3);
        assert_eq!(count_events(&env, &s, "auth.pin.ok"), 0, "{how}");
    }
}

#[test]
fn a_backup_passphrase_set_on_the_call_does_not_verify_it() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    pin(&env, &s, ADA_PIN).ok();
    env.run_stdin(
        &[
            "customer",
            "set-backup",
            ADA,
            "--session",
            &s,
            "--secret-stdin",
        ],
        "amber quiet meadows\n",
    )
    .ok();
    // Another call is open while the back office sets a passphrase: it was set during that
    // call, so it does not verify it either.
    let s2 = start(&env, ADA);
    env.run_stdin(
        &[
            "customer",
            "set-backup",
            ADA,
            "--reason",
            "again",
            "--secret-stdin",
        ],
        "amber quiet meadows two\n",
    )
    .ok();
    run_secret(
        &env,
        &["session", "backup", &s2, "--secret-stdin"],
        "amber quiet meadows two\n",
    )
    .code(3)
    .stderr_has("set on this call");
}

/// Found in review: a contract passphrase a supervisor set during the call verified that call.
#[test]
fn a_contract_passphrase_set_on_the_call_does_not_verify_it() {
    let env = Env::initialised(true);
    let s = start(&env, ACME);
    run_secret(
        &env,
        &[
            "customer",
            "set-contract",
            ACME,
            "--method",
            "passphrase",
            "--secret-stdin",
            "--reason",
            "caller says the passphrase was lost",
        ],
        "caller chosen phrase 42\n",
    )
    .ok();
    run_secret(
        &env,
        &["session", "business", &s, "--secret-stdin"],
        "caller chosen phrase 42\n",
    )
    .code(3)
    .stderr_has("set on this call");
    assert!(
        env.sql(&format!(
            "select basis is null from session where id = '{s}';"
        )) == "1"
    );
    // On the next call it works.
    let next = start(&env, ACME);
    run_secret(
        &env,
        &["session", "business", &next, "--secret-stdin"],
        "caller chosen phrase 42\n",
    )
    .ok();
}

/// Found in review: an opt-in was accepted on another agent's verified session.
#[test]
fn an_opt_in_on_another_agents_session_is_refused() {
    let env = Env::initialised(true);
    env.run(&["agent", "add", OTHER_LOGIN, "--role", "agent"])
        .ok();
    let s = start(&env, ADA);
    pin(&env, &s, ADA_PIN).ok();
    env.run_as_other(&[
        "consent",
        "record",
        ADA,
        "--opt-in",
        "--method",
        "written",
        "--session",
        &s,
    ])
    .code(3);
    assert_eq!(count_events(&env, &s, "consent.refused"), 1);
    assert_eq!(count_events(&env, &s, "consent.record"), 0);
}

/// Found in review: steps on an ended session were refused without an audit record.
#[test]
fn a_step_on_an_ended_session_is_refused_and_recorded() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    env.run(&["session", "end", &s]).ok();
    pin(&env, &s, ADA_PIN).code(3);
    env.run(&["session", "callback", &s]).code(3);
    let reasons = env.sql(&format!(
        "select json_extract(detail, '$.reason') from audit where session = '{s}' \
         and event = 'session.refused' order by seq;"
    ));
    assert_eq!(reasons, "session-ended\nsession-ended");
}

/// Found in review: after "no answer" and "declined", `--reached` was accepted on the same start.
#[test]
fn one_callback_start_takes_one_outcome() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    env.run(&["session", "callback", &s]).ok();
    env.run(&["session", "callback", &s, "--no-answer"]).code(1);
    env.run(&["session", "callback", &s, "--reached"])
        .code(3)
        .stderr_has("no callback was started");
    // A new start, then the holder answers.
    env.run(&["session", "callback", &s]).ok();
    env.run(&["session", "callback", &s, "--reached"]).ok();
}

/// Found in review: `session code` counted "637 107" and "abc" as wrong codes.
#[test]
fn input_that_cannot_be_a_secret_is_exit_2_and_never_counts() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    let code = email_code(&env, &s);
    for bad in ["abc", "12", "41O233", "637-10"] {
        run_secret(
            &env,
            &["session", "code", &s, "--code-stdin"],
            &format!("{bad}\n"),
        )
        .code(2)
        .stderr_has("did not count");
        pin(&env, &s, bad).code(2);
    }
    // An empty line is no secret at all (exit 2, nothing read).
    pin(&env, &s, "").code(2);
    assert_eq!(
        env.sql(&format!(
            "select secret_failures from session where id = '{s}';"
        )),
        "0"
    );
    let spaced = format!("{} {}", &code[..3], &code[3..]);
    run_secret(
        &env,
        &["session", "code", &s, "--code-stdin"],
        &format!("{spaced}\n"),
    )
    .ok();
}
