//! `cpni breach …`: the deadlines of 64.2011 at their edges, holds, the 2024 rule's fields,
//! the configurable holiday calendar, and the supervisor-only role.

use crate::util::{Env, OTHER_LOGIN, TEST_CONFIG};

fn open(env: &Env, determined: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "--json",
        "breach",
        "open",
        "--discovered",
        determined,
        "--determined",
        determined,
        "--description",
        "impostor obtained call detail",
    ];
    args.extend_from_slice(extra);
    env.run(&args).ok().json()
}

#[test]
fn determined_on_friday_2026_03_06_gives_2026_03_17() {
    let env = Env::initialised(true);
    let doc = open(
        &env,
        "2026-03-06T10:00:00Z",
        &["--accounts", "DEMO-1001,DEMO-1002"],
    );
    assert_eq!(doc["le_deadline"], "2026-03-17", "{doc}");
    assert_eq!(doc["rule"], "2007");
    assert!(doc["customer_notice_earliest"].is_null(), "{doc}");
    assert!(
        doc["assumption"]
            .as_str()
            .unwrap_or("")
            .contains("federal holidays")
    );
    assert_eq!(
        doc["accounts"],
        serde_json::json!(["DEMO-1001", "DEMO-1002"])
    );
    // The date counts as given, in its own offset: late Friday in New York is still Friday.
    let ny = open(&env, "2026-03-06T22:00:00-05:00", &[]);
    assert_eq!(ny["le_deadline"], "2026-03-17", "{ny}");
}

#[test]
fn the_day_before_a_federal_holiday_skips_it() {
    let env = Env::initialised(true);
    // Friday before Memorial Day (Monday 2026-05-25).
    let doc = open(&env, "2026-05-22", &[]);
    assert_eq!(doc["le_deadline"], "2026-06-03", "{doc}");
    assert_eq!(doc["holidays_skipped"], serde_json::json!(["2026-05-25"]));
    // Wednesday before Thanksgiving (Thursday 2025-11-27).
    let doc = open(&env, "2025-11-26", &[]);
    assert_eq!(doc["le_deadline"], "2025-12-08", "{doc}");
}

#[test]
fn the_holiday_calendar_is_configurable() {
    let env = Env::initialised(true);
    env.write_config(&format!(
        "{TEST_CONFIG}[breach]\nfederal_holidays = false\nholidays = [\"2026-03-09\"]\n"
    ));
    assert_eq!(open(&env, "2026-03-06", &[])["le_deadline"], "2026-03-18");
    assert_eq!(open(&env, "2026-05-22", &[])["le_deadline"], "2026-06-02");
    env.write_config(&format!(
        "{TEST_CONFIG}[breach]\nholidays = [\"9 March\"]\n"
    ));
    env.run(&["breach", "list"])
        .code(2)
        .stderr_has("breach.holidays");
}

#[test]
fn customer_notice_waits_seven_full_business_days_and_any_hold() {
    let env = Env::initialised(true);
    open(&env, "2026-03-06", &[]);
    let doc = env
        .run(&[
            "--json",
            "breach",
            "notice",
            "1",
            "--to",
            "law-enforcement",
            "--at",
            "2026-03-10T15:00:00Z",
            "--reference",
            "CRF-1",
        ])
        .ok()
        .json();
    assert_eq!(doc["customer_notice_earliest"], "2026-03-20", "{doc}");
    assert_eq!(doc["standing"]["law_enforcement"], "met");
    let doc = env
        .run(&["--json", "breach", "hold", "1", "--until", "2026-04-09"])
        .ok()
        .json();
    assert_eq!(doc["customer_notice_earliest"], "2026-04-10", "{doc}");
    let run = env.run(&[
        "--json",
        "breach",
        "notice",
        "1",
        "--to",
        "customers",
        "--at",
        "2026-04-01",
    ]);
    assert_eq!(run.ok().json()["standing"]["customers"], "early");
    let doc = env.run(&["--json", "breach", "show", "1"]).ok().json();
    assert_eq!(doc["notices"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        env.sql("select count(*) from audit where event like 'breach.%';"),
        "4"
    );
}

#[test]
fn a_late_le_notice_is_missed() {
    let env = Env::initialised(true);
    open(&env, "2026-03-06", &[]);
    let doc = env
        .run(&[
            "--json",
            "breach",
            "notice",
            "1",
            "--to",
            "law-enforcement",
            "--at",
            "2026-03-18",
        ])
        .ok()
        .json();
    assert_eq!(doc["standing"]["law_enforcement"], "missed", "{doc}");
}

#[test]
fn the_2024_rule_needs_its_fields_and_adds_fcc_and_30_days() {
    let env = Env::initialised(true);
    env.run(&[
        "breach",
        "open",
        "--discovered",
        "2026-03-06",
        "--determined",
        "2026-03-06",
        "--description",
        "x",
        "--rule",
        "2024",
    ])
    .code(2)
    .stderr_has("--method")
    .stderr_has("--data-types");
    let fields = [
        "--rule",
        "2024",
        "--method",
        "social engineering",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-05",
        "--affected",
        "1200",
        "--estimated-loss",
        "unknown",
        "--data-types",
        "call-detail,pii",
        "--contact",
        "privacy@carrier.example",
        "--harm",
        "likely",
    ];
    let doc = open(&env, "2026-03-06", &fields);
    assert_eq!(doc["le_deadline"], "2026-03-17", "{doc}");
    assert_eq!(doc["fcc_deadline"], "2026-03-17");
    assert_eq!(doc["customer_notice_deadline"], "2026-04-05");
    assert_eq!(
        doc["fields"]["data_types"],
        serde_json::json!(["call-detail", "pii"])
    );
    assert_eq!(doc["fields"]["affected"], 1200);
    env.write_config(&format!("{TEST_CONFIG}[breach]\nrule = \"2024\"\n"));
    env.run(&[
        "breach",
        "open",
        "--discovered",
        "2026-03-06",
        "--determined",
        "2026-03-06",
        "--description",
        "x",
    ])
    .code(2)
    .stderr_has("2024 rule");
}

#[test]
fn link_adds_the_session_and_its_account() {
    let env = Env::initialised(true);
    open(&env, "2026-03-06", &[]);
    let s = env
        .run(&["session", "start", "DEMO-1004"])
        .ok()
        .stdout
        .trim()
        .to_string();
    let doc = env
        .run(&["--json", "breach", "link", "1", "--session", &s])
        .ok()
        .json();
    assert_eq!(doc["accounts"], serde_json::json!(["DEMO-1004"]), "{doc}");
    assert_eq!(doc["linked_sessions"][0]["session"], s.as_str());
    env.run(&["breach", "link", "1", "--session", "S-AAAAAAAAAA"])
        .code(4);
    env.run(&["breach", "show", "9"]).code(4);
}

#[test]
fn agents_may_not_open_breaches_and_bad_input_is_refused() {
    let env = Env::initialised(true);
    env.run(&["agent", "add", OTHER_LOGIN, "--role", "agent"])
        .ok();
    env.run_as_other(&["breach", "list"])
        .code(3)
        .stderr_has("supervisor");
    env.run(&[
        "breach",
        "open",
        "--discovered",
        "2026-03-07",
        "--determined",
        "2026-03-06",
        "--description",
        "x",
    ])
    .code(2)
    .stderr_has("earlier");
    env.run(&[
        "breach",
        "open",
        "--discovered",
        "2999-01-01",
        "--determined",
        "2999-01-01",
        "--description",
        "x",
    ])
    .code(2)
    .stderr_has("future");
}
