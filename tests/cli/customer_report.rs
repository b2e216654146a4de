//! `cpni customer report`: everything held about a customer, and never a secret.

use crate::util::Env;

#[test]
fn the_report_holds_everything_and_no_secret() {
    let env = Env::initialised(true);
    let s = env
        .run(&["session", "start", "DEMO-1001"])
        .ok()
        .stdout
        .trim()
        .to_string();
    env.run_stdin(&["session", "pin", &s, "--pin-stdin"], "804713\n")
        .ok();
    env.run(&[
        "session",
        "disclose",
        &s,
        "--scope",
        "account",
        "--purpose",
        "customer-request",
    ])
    .ok();
    env.run(&["consent", "notice", "DEMO-1001", "--via", "email"])
        .ok();
    env.run(&[
        "complaint",
        "add",
        "DEMO-1001",
        "--category",
        "other",
        "--description",
        "slow answer",
    ])
    .ok();
    let doc = env
        .run(&["customer", "report", "DEMO-1001", "--format", "json"])
        .ok()
        .json();
    assert_eq!(doc["customer"]["email"]["value"], "ada@example.com");
    assert_eq!(doc["approval"]["status"], "opt-out-pending");
    assert_eq!(doc["sessions"][0]["id"], s.as_str());
    assert_eq!(doc["disclosures"][0]["purpose"], "customer-request");
    assert_eq!(doc["messages"][0]["kind"], "consent-notice");
    assert_eq!(doc["complaints"][0]["description"], "slow answer");
    let text = env.run(&["customer", "report", "DEMO-1001"]);
    text.ok()
        .stdout_has("What we hold")
        .stdout_has("slow answer");
    for run in [
        &text,
        &env.run(&["--json", "customer", "report", "DEMO-1001"]),
    ] {
        run.never_prints("$argon2")
            .never_prints("804713")
            .never_prints("pin_hash");
    }
    assert_eq!(
        env.sql("select count(*) from audit where event = 'customer.report';"),
        "3"
    );
}
