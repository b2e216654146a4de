//! The policy table of design.md §2, row by row, through the real binary: each verification
//! basis is established with `cpni session …`, then `session disclose` is allowed or refused
//! (exit 3, recorded as `disclosure.refused`). Sending to an address of record and the 30-day
//! rule (at 29 and at 30 days, by backdating the record in the database) come last.

use crate::calls::{
    ACME, ADA, ADA_PIN, ALAN, GRACE, backdate, code, count_events, disclose, discuss_of,
    email_code, events, mail_code, pin, send, start,
};
use crate::util::Env;

/// The refusal of a disclosure: exit 3, the rule named, and a `disclosure.refused` record
/// (with the scope and the channel `phone`) added for this session.
#[track_caller]
fn refused(env: &Env, s: &str, scope: &str) {
    let before = count_events(env, s, "disclosure.refused");
    let run = disclose(env, s, scope, &[]);
    run.code(3).stderr_has("64.2010").stderr_has("routes");
    assert!(run.stdout.is_empty(), "nothing on stdout\n{}", run.dump());
    assert_eq!(
        count_events(env, s, "disclosure.refused"),
        before + 1,
        "a refusal is an audit record"
    );
    let last = env.sql(&format!(
        "select json_extract(detail, '$.scope') || ' ' || json_extract(detail, '$.channel') \
         from audit where session = '{s}' and event = 'disclosure.refused' order by seq desc limit 1;"
    ));
    assert_eq!(last, format!("{scope} phone"));
}

/// An allowed disclosure: exit 0 and a `disclosure` record with scope, channel and purpose.
#[track_caller]
fn allowed(env: &Env, s: &str, scope: &str) {
    let before = count_events(env, s, "disclosure");
    let extra: &[&str] = if scope == "caller-supplied" {
        &["--calls", "a call to +1 202 555 0100 on March 3 around 9pm"]
    } else {
        &[]
    };
    let run = disclose(env, s, scope, extra);
    run.ok();
    assert_eq!(run.json()["result"], "ok", "{}", run.dump());
    assert_eq!(count_events(env, s, "disclosure"), before + 1);
    let last = env.sql(&format!(
        "select json_extract(detail, '$.scope') || ' ' || json_extract(detail, '$.channel') || ' ' \
         || json_extract(detail, '$.purpose') \
         from audit where session = '{s}' and event = 'disclosure' order by seq desc limit 1;"
    ));
    assert_eq!(last, format!("{scope} phone customer-request"));
}

/// The session's state as `session show --json` reports it.
fn show(env: &Env, s: &str) -> serde_json::Value {
    let run = env.run(&["--json", "session", "show", s]);
    run.ok();
    run.json()
}

#[test]
fn pin_allows_account_and_call_detail() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    refused(&env, &s, "call-detail");
    let run = pin(&env, &s, ADA_PIN);
    run.ok();
    let v = run.json();
    assert_eq!(v["verified"], true);
    assert_eq!(v["basis"], "pin");
    assert_eq!(
        discuss_of(&v),
        ["account", "call-detail", "caller-supplied"]
    );
    allowed(&env, &s, "account");
    allowed(&env, &s, "call-detail");
    assert!(events(&env, &s).contains(&"auth.pin.ok".to_string()));
}

#[test]
fn callback_reached_allows_account_and_call_detail_but_no_answer_does_not() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    // Without an outcome: the number of record and the words to say, no verification.
    let run = env.run(&["--json", "session", "callback", &s]);
    run.ok();
    let v = run.json();
    assert_eq!(v["number_of_record"], "+12025550142");
    assert_eq!(v["verified"], false);
    env.run(&["--json", "session", "callback", &s, "--no-answer"])
        .code(1);
    // Each outcome closes its start: the agent dials again before the next outcome.
    env.run(&["--json", "session", "callback", &s]).ok();
    env.run(&["--json", "session", "callback", &s, "--declined"])
        .code(1);
    refused(&env, &s, "account");
    refused(&env, &s, "call-detail");
    env.run(&["--json", "session", "callback", &s]).ok();
    let run = env.run(&["--json", "session", "callback", &s, "--reached"]);
    run.ok();
    assert_eq!(run.json()["basis"], "callback");
    allowed(&env, &s, "account");
    allowed(&env, &s, "call-detail");
    let ev = events(&env, &s);
    assert_eq!(
        ev.iter().filter(|e| *e == "auth.callback.fail").count(),
        2,
        "{ev:?}"
    );
    assert!(ev.contains(&"callback.start".to_string()), "{ev:?}");
    assert!(ev.contains(&"auth.callback.ok".to_string()), "{ev:?}");
}

#[test]
fn email_code_allows_account_but_not_call_detail() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    refused(&env, &s, "account");
    let c = email_code(&env, &s);
    let run = code(&env, &s, &c);
    run.ok();
    let v = run.json();
    assert_eq!(v["basis"], "email-code");
    assert_eq!(discuss_of(&v), ["account", "caller-supplied"]);
    allowed(&env, &s, "account");
    refused(&env, &s, "call-detail");
    // The refusal names the routes that would allow call detail.
    disclose(&env, &s, "call-detail", &[])
        .code(3)
        .stderr_has("callback")
        .stderr_has("cpni session send");
    // The code never reaches the audit log.
    let all = env.sql("select detail from audit;");
    assert!(!all.contains(&c), "the code is in the audit log");
}

#[test]
fn mail_code_read_back_on_a_later_call_allows_account_but_not_call_detail() {
    let env = Env::initialised(true);
    let first = start(&env, ADA);
    let c = mail_code(&env, &first);
    assert_eq!(c.len(), 8);
    // The letter is addressed to the postal address of record.
    let letter = crate::calls::newest(
        &crate::calls::outbox(&env).join("letters"),
        "-mail-code.txt",
    );
    let text = std::fs::read_to_string(letter).expect("letter");
    assert!(
        text.starts_with("Ada Lovelace\n12 Analytical Way"),
        "{text}"
    );
    env.run(&["session", "end", &first]).ok();

    let s = start(&env, ADA);
    refused(&env, &s, "account");
    let run = code(&env, &s, &c);
    run.ok();
    assert_eq!(run.json()["basis"], "mail-code");
    allowed(&env, &s, "account");
    refused(&env, &s, "call-detail");
}

#[test]
fn business_contract_allows_both_on_a_business_account_only() {
    let env = Env::initialised(true);
    let s = start(&env, ACME);
    refused(&env, &s, "call-detail");
    // The contract's own method: its passphrase (demo data), checked like a secret.
    let run = crate::calls::run_secret(
        &env,
        &["--json", "session", "business", &s, "--secret-stdin"],
        "acme freight orbit 2025\n",
    );
    run.ok();
    assert_eq!(run.json()["basis"], "business-contract");
    allowed(&env, &s, "account");
    allowed(&env, &s, "call-detail");
    let detail = env.sql(&format!(
        "select json_extract(detail, '$.account_rep') || ' / ' || json_extract(detail, '$.cpni_contract') \
         from audit where session = '{s}' and event = 'auth.business.ok';"
    ));
    assert_eq!(detail, "Dana Reyes / CPNI-2025-017");

    // A consumer account has neither a dedicated representative nor a CPNI contract.
    let s = start(&env, ADA);
    env.run(&["session", "business", &s])
        .code(3)
        .stderr_has("account representative")
        .stderr_has("CPNI contract");
    assert_eq!(count_events(&env, &s, "auth.business.refused"), 1);
    assert_eq!(show(&env, &s)["verified"], false);
    refused(&env, &s, "account");
    refused(&env, &s, "call-detail");
}

#[test]
fn caller_supplied_needs_no_verification_but_needs_the_calls() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    allowed(&env, &s, "caller-supplied");
    let calls = env.sql(&format!(
        "select json_extract(detail, '$.calls') from audit where session = '{s}' and event = 'disclosure';"
    ));
    assert!(calls.contains("March 3"), "{calls}");
    let before = env.count("audit");
    disclose(&env, &s, "caller-supplied", &[])
        .code(2)
        .stderr_has("--calls");
    assert_eq!(env.count("audit"), before, "a usage error records nothing");
    // Caller-supplied is only the calls described: other call detail stays refused.
    refused(&env, &s, "call-detail");
    assert_eq!(show(&env, &s)["verified"], false);
}

#[test]
fn no_verification_allows_neither_account_nor_call_detail() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    let v = show(&env, &s);
    assert_eq!(v["verified"], false);
    assert_eq!(v["basis"], serde_json::Value::Null);
    assert_eq!(discuss_of(&v), ["caller-supplied"]);
    refused(&env, &s, "account");
    refused(&env, &s, "call-detail");
    // A wrong PIN does not change that.
    pin(&env, &s, "111999").code(1);
    refused(&env, &s, "account");
    assert_eq!(count_events(&env, &s, "disclosure"), 0);
}

#[test]
fn legal_process_and_designated_third_party_need_a_reference() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    pin(&env, &s, ADA_PIN).ok();
    for purpose in ["legal-process", "designated-third-party"] {
        let before = env.count("audit");
        env.run(&[
            "session",
            "disclose",
            &s,
            "--scope",
            "account",
            "--purpose",
            purpose,
        ])
        .code(2)
        .stderr_has("--reference");
        assert_eq!(env.count("audit"), before, "nothing recorded");
    }
    env.run(&[
        "session",
        "disclose",
        &s,
        "--scope",
        "call-detail",
        "--purpose",
        "legal-process",
        "--reference",
        "Subpoena 2026-CV-0042",
    ])
    .ok();
    let r = env.sql(&format!(
        "select json_extract(detail, '$.purpose') || ' ' || json_extract(detail, '$.reference') \
         from audit where session = '{s}' and event = 'disclosure';"
    ));
    assert_eq!(r, "legal-process Subpoena 2026-CV-0042");
}

#[test]
fn sending_to_an_address_of_record_needs_no_verification() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    for via in ["email", "mail"] {
        let run = send(&env, &s, via, "call-detail");
        run.ok();
        let v = run.json();
        assert_eq!(v["verified"], false, "sending does not verify");
        assert_eq!(v["allowed"]["send"], serde_json::json!(["email", "mail"]));
    }
    let rows = env.sql(&format!(
        "select json_extract(detail, '$.scope') || ' ' || json_extract(detail, '$.channel') \
         from audit where session = '{s}' and event = 'disclosure' order by seq;"
    ));
    assert_eq!(
        rows, "call-detail email\ncall-detail mail",
        "sending is a disclosure"
    );
    let eml = std::fs::read_to_string(crate::calls::newest(
        &crate::calls::outbox(&env),
        "-disclosure.eml",
    ))
    .expect("eml");
    assert!(eml.contains("To: ada@example.com"), "{eml}");
    assert!(eml.contains("your March statement"), "{eml}");
    let letter = std::fs::read_to_string(crate::calls::newest(
        &crate::calls::outbox(&env).join("letters"),
        "-disclosure.txt",
    ))
    .expect("letter");
    assert!(
        letter.starts_with("Ada Lovelace\n12 Analytical Way"),
        "{letter}"
    );

    // Grace's email is 12 days old: not an address of record; her postal address is.
    let s = start(&env, GRACE);
    send(&env, &s, "email", "account")
        .code(3)
        .stderr_has("becomes an address of record on");
    assert_eq!(count_events(&env, &s, "send.refused"), 1);
    assert_eq!(count_events(&env, &s, "disclosure"), 0);
    send(&env, &s, "mail", "account").ok();
}

/// What the 30-day rule applies to: (column, command, refusal event).
const THIRTY_DAY_CASES: [(&str, &[&str], &str); 4] = [
    (
        "email_since",
        &["session", "email-code"],
        "code.email.refused",
    ),
    (
        "postal_since",
        &["session", "mail-code"],
        "code.mail.refused",
    ),
    (
        "email_since",
        &[
            "session",
            "send",
            "--via",
            "email",
            "--scope",
            "account",
            "--purpose",
            "billing",
        ],
        "send.refused",
    ),
    (
        "postal_since",
        &[
            "session",
            "send",
            "--via",
            "mail",
            "--scope",
            "account",
            "--purpose",
            "billing",
        ],
        "send.refused",
    ),
];

/// `cpni ARGS…` with the session id inserted after the subcommand.
fn step(env: &Env, cmd: &[&str], s: &str) -> crate::util::Run {
    let mut args = vec![cmd[0], cmd[1], s];
    args.extend_from_slice(&cmd[2..]);
    env.run(&args)
}

#[test]
fn an_address_on_record_29_days_is_refused_with_the_date_it_becomes_usable() {
    let env = Env::initialised(true);
    for (column, cmd, event) in THIRTY_DAY_CASES {
        backdate(&env, ADA, column, 29);
        let usable = env.sql(&format!(
            "select date({column}, '+30 days') from customer where account = '{ADA}';"
        ));
        let s = start(&env, ADA);
        let outbox_before = env.count("outbox");
        let run = step(&env, cmd, &s);
        run.code(3)
            .stderr_has(&format!("becomes an address of record on {usable}"));
        assert_eq!(
            count_events(&env, &s, event),
            1,
            "{column} {cmd:?}: the refusal is recorded"
        );
        assert_eq!(env.count("outbox"), outbox_before, "nothing queued");
        assert_eq!(env.count("code"), 0, "no code issued");
        env.run(&["session", "end", &s]).ok();
    }
}

#[test]
fn an_address_on_record_30_days_is_an_address_of_record() {
    let env = Env::initialised(true);
    for (column, cmd, event) in THIRTY_DAY_CASES {
        backdate(&env, ADA, column, 30);
        let s = start(&env, ADA);
        let outbox_before = env.count("outbox");
        step(&env, cmd, &s).ok();
        assert_eq!(count_events(&env, &s, event), 0);
        assert_eq!(env.count("outbox"), outbox_before + 1, "{cmd:?}: queued");
        env.run(&["session", "end", &s]).ok();
    }
    // The demo's edge customer: postal exactly 30 days, email 29 days.
    let s = start(&env, "DEMO-1005");
    let v = env.run(&["--json", "session", "show", &s]).json();
    assert_eq!(v["allowed"]["send"], serde_json::json!(["mail"]));
    env.run(&["session", "email-code", &s]).code(3);
    env.run(&["session", "mail-code", &s]).ok();
}

#[test]
fn a_verified_caller_with_a_new_address_may_still_not_be_sent_to_it() {
    // Verification does not make a new address an address of record.
    let env = Env::initialised(true);
    let s = start(&env, GRACE);
    pin(&env, &s, "390721").ok();
    send(&env, &s, "email", "call-detail").code(3);
    assert_eq!(count_events(&env, &s, "send.refused"), 1);
    allowed(&env, &s, "call-detail");
    // Alan has no PIN but his addresses are of record: sending works.
    let s = start(&env, ALAN);
    send(&env, &s, "email", "account").ok();
}
