//! `cpni consent …`: approval status from the append-only history (64.2007-64.2009(a)), the
//! opt-out notice's 30/33-day wait, and `consent check` per use (64.2007(b)).

use time::{Duration, OffsetDateTime};

use crate::util::Env;

fn today() -> time::Date {
    OffsetDateTime::now_utc().date()
}

#[test]
fn an_emailed_notice_takes_effect_after_30_days_and_a_mailed_one_after_33() {
    let env = Env::initialised(true);
    let email = env
        .run(&[
            "--json",
            "consent",
            "notice",
            "DEMO-1001",
            "--via",
            "email",
            "--sent-on",
            "2026-01-01",
        ])
        .ok()
        .json();
    assert_eq!(email["effective_on"], "2026-01-31", "{email}");
    let mail = env
        .run(&[
            "--json",
            "consent",
            "notice",
            "DEMO-1002",
            "--via",
            "mail",
            "--sent-on",
            "2026-01-01",
        ])
        .ok()
        .json();
    assert_eq!(mail["effective_on"], "2026-02-03", "{mail}");
}

#[test]
fn pending_until_the_wait_has_passed_then_in_force() {
    let env = Env::initialised(true);
    let sent = (today() - Duration::days(29)).to_string();
    let doc = env
        .run(&[
            "--json",
            "consent",
            "notice",
            "DEMO-1001",
            "--via",
            "email",
            "--sent-on",
            &sent,
        ])
        .ok()
        .json();
    assert_eq!(doc["status"], "opt-out-pending", "{doc}");
    assert_eq!(
        doc["effective_on"],
        (today() + Duration::days(1)).to_string()
    );
    env.run(&[
        "consent",
        "check",
        "DEMO-1001",
        "--use",
        "communications-marketing",
    ])
    .code(3)
    .stderr_has("takes effect only on");
    let sent = (today() - Duration::days(30)).to_string();
    let doc = env
        .run(&[
            "--json",
            "consent",
            "notice",
            "DEMO-1002",
            "--via",
            "email",
            "--sent-on",
            &sent,
        ])
        .ok()
        .json();
    assert_eq!(doc["status"], "opt-out", "{doc}");
    env.run(&[
        "consent",
        "check",
        "DEMO-1002",
        "--use",
        "communications-marketing",
    ])
    .ok()
    .stdout_has("Allowed");
    // Opt-out approval covers communications-related marketing only (64.2007(b)).
    for use_ in ["other-marketing", "third-party"] {
        env.run(&["consent", "check", "DEMO-1002", "--use", use_])
            .code(3)
            .stderr_has("opt-in");
    }
    assert_eq!(
        env.sql("select count(*) from audit where event = 'consent.check';"),
        "4"
    );
}

#[test]
fn a_notice_sent_by_cpni_goes_through_the_outbox_and_counts_once_delivered() {
    let env = Env::initialised(true);
    let doc = env
        .run(&["--json", "consent", "notice", "DEMO-1001", "--via", "mail"])
        .ok()
        .json();
    assert_eq!(doc["status"], "opt-out-pending", "{doc}");
    assert_eq!(
        doc["effective_on"],
        (today() + Duration::days(33)).to_string()
    );
    assert_eq!(
        env.sql("select kind, channel, status from outbox;"),
        "consent-notice|letter|sent"
    );
}

#[test]
fn choices_are_appended_never_overwritten_and_the_latest_wins() {
    let env = Env::initialised(true);
    env.run(&[
        "consent",
        "record",
        "DEMO-1001",
        "--opt-in",
        "--method",
        "oral",
    ])
    .code(2)
    .stderr_has("--evidence");
    // An opt-in needs a session verified on the account (issue 12).
    let s = env
        .run(&["session", "start", "DEMO-1001"])
        .ok()
        .stdout
        .trim()
        .to_string();
    env.run_stdin(&["session", "pin", &s, "--pin-stdin"], "804713\n")
        .ok();
    let run = env.run(&[
        "consent",
        "record",
        "DEMO-1001",
        "--opt-in",
        "--method",
        "oral",
        "--evidence",
        "REC-1",
        "--session",
        &s,
    ]);
    run.ok().stderr_has("no opt-out notice");
    env.run(&["consent", "check", "DEMO-1001", "--use", "third-party"])
        .ok();
    env.run(&[
        "consent",
        "record",
        "DEMO-1001",
        "--revoke",
        "--method",
        "written",
    ])
    .ok();
    let doc = env
        .run(&["--json", "consent", "show", "DEMO-1001"])
        .ok()
        .json();
    assert_eq!(doc["status"], "denied", "{doc}");
    assert_eq!(doc["history"].as_array().map(Vec::len), Some(2), "{doc}");
    assert_eq!(
        env.sql("select kind, method, evidence, notice_missing from consent order by id;"),
        "opt-in|oral|REC-1|1\nrevoke|written||0"
    );
    env.run(&[
        "consent",
        "check",
        "DEMO-1001",
        "--use",
        "communications-marketing",
    ])
    .code(3)
    .stderr_has("denied");
    // The history refuses edits.
    let out = std::process::Command::new("sqlite3")
        .arg(env.db())
        .arg("update consent set kind = 'opt-in';")
        .output()
        .expect("sqlite3");
    assert!(!out.status.success());
    // Exactly one choice flag.
    env.run(&[
        "consent",
        "record",
        "DEMO-1001",
        "--opt-in",
        "--deny",
        "--method",
        "oral",
    ])
    .code(2);
}

#[test]
fn no_history_means_no_marketing() {
    let env = Env::initialised(true);
    env.run(&["consent", "show", "DEMO-1003"])
        .ok()
        .stdout_has("none");
    env.run(&[
        "consent",
        "check",
        "DEMO-1003",
        "--use",
        "communications-marketing",
    ])
    .code(3);
    env.run(&["consent", "check", "NOPE-1", "--use", "third-party"])
        .code(4);
    let future = (today() + Duration::days(1)).to_string();
    env.run(&[
        "consent",
        "notice",
        "DEMO-1003",
        "--via",
        "email",
        "--sent-on",
        &future,
    ])
    .code(2)
    .stderr_has("future");
}
