//! Breach and certification edges of issue 15: one carrier time zone decides every date
//! (whatever offset a time was written in), the most recently recorded hold is in force,
//! `breach close`, a breach's own records kept while it is open, the 2024 rule's `early`
//! customer notice, and the certification year in the carrier's zone by the event's date.

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

fn notice(env: &Env, id: &str, to: &str, at: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["--json", "breach", "notice", id, "--to", to, "--at", at];
    args.extend_from_slice(extra);
    env.run(&args).ok().json()
}

const FIELDS_2024: [&str; 18] = [
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
    "call-detail",
    "--contact",
    "privacy@carrier.example",
    "--harm",
    "likely",
];

#[test]
fn one_instant_written_with_two_offsets_gives_one_deadline_in_the_carrier_zone() {
    let env = Env::initialised(true);
    let a = open(&env, "2026-03-05T22:00:00-05:00", &[]);
    let b = open(&env, "2026-03-06T03:00:00Z", &[]);
    for doc in [&a, &b] {
        assert_eq!(doc["determined_on"], "2026-03-05", "{doc}");
        assert_eq!(doc["le_deadline"], "2026-03-16", "{doc}");
        assert_eq!(doc["time_zone"], "America/New_York", "{doc}");
    }
    // A notice sent at 21:00 New York time on the deadline, written in UTC, is on time.
    let n = notice(&env, "2", "law-enforcement", "2026-03-17T02:00:00Z", &[]);
    assert_eq!(n["standing"]["law_enforcement"], "met", "{n}");
    env.run(&["breach", "show", "2"])
        .ok()
        .stdout_has("deadlines count from 2026-03-05, the date in America/New_York")
        .stdout_has("notice to law-enforcement on 2026-03-16 (America/New_York)");

    // Another carrier zone: the same instant is March 6 in Tokyo.
    env.write_config(&format!(
        "{TEST_CONFIG}[breach]\ntime_zone = \"Asia/Tokyo\"\n"
    ));
    let doc = env.run(&["--json", "breach", "show", "2"]).ok().json();
    assert_eq!(doc["determined_on"], "2026-03-06", "{doc}");
    assert_eq!(doc["le_deadline"], "2026-03-17", "{doc}");
    assert_eq!(doc["time_zone"], "Asia/Tokyo");

    env.write_config(&format!(
        "{TEST_CONFIG}[breach]\ntime_zone = \"America/Gotham\"\n"
    ));
    env.run(&["breach", "list"])
        .code(2)
        .stderr_has("breach.time_zone")
        .stderr_has("America/Gotham");
}

#[test]
fn a_later_shorter_hold_replaces_a_longer_one_and_every_hold_is_shown() {
    let env = Env::initialised(true);
    open(&env, "2026-03-06", &[]);
    notice(&env, "1", "law-enforcement", "2026-03-10", &[]);
    let long = env
        .run(&[
            "--json",
            "breach",
            "hold",
            "1",
            "--until",
            "2026-05-01",
            "--reference",
            "FBI-1",
        ])
        .ok()
        .json();
    assert_eq!(long["customer_notice_earliest"], "2026-05-02", "{long}");
    // The agency shortens the hold: the later, shorter one is in force.
    let short = env
        .run(&[
            "--json",
            "breach",
            "hold",
            "1",
            "--until",
            "2026-03-25",
            "--reference",
            "FBI-2",
        ])
        .ok()
        .json();
    assert_eq!(short["hold_until"], "2026-03-25", "{short}");
    assert_eq!(short["customer_notice_earliest"], "2026-03-26", "{short}");
    let holds = short["holds"].as_array().cloned().unwrap_or_default();
    assert_eq!(holds.len(), 2, "{short}");
    assert_eq!(holds[0]["until_on"], "2026-05-01");
    assert_eq!(holds[0]["in_force"], false);
    assert_eq!(holds[1]["until_on"], "2026-03-25");
    assert_eq!(holds[1]["in_force"], true);
    env.run(&["breach", "show", "1"])
        .ok()
        .stdout_has("hold through 2026-05-01")
        .stdout_has("ref FBI-1 (replaced)")
        .stdout_has("ref FBI-2 (in force)");
    // A customer notice after the shortened hold is not early.
    let c = notice(&env, "1", "customers", "2026-03-26", &[]);
    assert_eq!(c["standing"]["customers"], "met", "{c}");
}

#[test]
fn breach_close_records_who_and_why_once() {
    let env = Env::initialised(true);
    open(&env, "2026-03-06", &[]);
    env.run(&["breach", "close", "1"])
        .code(2)
        .stderr_has("--reason");
    env.run(&["breach", "close", "1", "--reason", "  "]).code(2);
    env.run(&["breach", "close", "9", "--reason", "done"])
        .code(4);
    let doc = env
        .run(&[
            "--json",
            "breach",
            "close",
            "1",
            "--reason",
            "all notices given",
        ])
        .ok()
        .json();
    assert_eq!(doc["open"], false, "{doc}");
    assert_eq!(doc["close_reason"], "all notices given");
    assert!(doc["closed_at"].is_string());
    env.run(&["breach", "show", "1"])
        .ok()
        .stdout_has("closed")
        .stdout_has("all notices given");
    env.run(&["breach", "list"])
        .ok()
        .stdout_has("closed  determined 2026-03-06");
    env.run(&["breach", "close", "1", "--reason", "again"])
        .code(3)
        .stderr_has("closed already");
    assert_eq!(
        env.sql("select count(*) from audit where event = 'breach.close' and cast(json_extract(detail, '$.breach') as integer) = 1;"),
        "1"
    );
    assert_eq!(
        env.sql("select close_reason from breach where id = 1;"),
        "all notices given"
    );
    // Supervisors only.
    env.run(&["agent", "add", OTHER_LOGIN, "--role", "agent"])
        .ok();
    env.run_as_other(&["breach", "close", "1", "--reason", "x"])
        .code(3);
}

#[test]
fn under_the_2024_rule_a_customer_notice_before_the_fcc_and_le_notices_is_early() {
    let env = Env::initialised(true);
    open(&env, "2026-03-06", &FIELDS_2024);
    // Customers first: early, and the warning says so.
    let run = env.run(&[
        "--json",
        "breach",
        "notice",
        "1",
        "--to",
        "customers",
        "--at",
        "2026-03-09",
    ]);
    run.ok();
    assert_eq!(
        run.json()["standing"]["customers"],
        "early",
        "{}",
        run.dump()
    );
    // Law enforcement alone afterwards does not cure it.
    let doc = notice(&env, "1", "law-enforcement", "2026-03-10", &[]);
    assert_eq!(doc["standing"]["customers"], "early", "{doc}");

    // Breach 2: the agency asked for the early notice.
    open(&env, "2026-03-06", &FIELDS_2024);
    let doc = notice(
        &env,
        "2",
        "customers",
        "2026-03-09",
        &["--urgent-consulted", "FBI-77"],
    );
    assert_eq!(doc["standing"]["customers"], "met", "{doc}");

    // Breach 3: FCC and law enforcement first, then customers the same day: met.
    open(&env, "2026-03-06", &FIELDS_2024);
    notice(&env, "3", "fcc", "2026-03-09", &[]);
    notice(&env, "3", "law-enforcement", "2026-03-09", &[]);
    let doc = notice(&env, "3", "customers", "2026-03-09T20:00:00Z", &[]);
    assert_eq!(doc["standing"]["customers"], "met", "{doc}");
}

/// A home whose database holds, before cpni appends: records 1 and 2 (`init`, 2023), record 3
/// the `breach.open` of breach 1 (2023, no account), record 4 (2023); breach 1 is open. Written
/// by cpni's store at those times ([`crate::purge::old_log_of`]).
fn old_breach_log() -> Env {
    use crate::purge::Old;
    crate::purge::old_log_of(&[
        ("2023-01-10T09:00:00.000Z", &[Old::Init]),
        ("2023-02-01T09:00:00.000Z", &[Old::Open(&[])]),
        ("2023-03-01T09:00:00.000Z", &[Old::Show("")]),
    ])
}

#[test]
fn a_breachs_own_records_are_kept_while_it_is_open_and_two_years_after_its_close() {
    if crate::util::sqlite_only(
        "writes its old log into a new SQLite file through cpni's store; purge on PostgreSQL: pg_steps::pg_audit_purge_as_the_owner_removes_the_old_prefix_and_the_log_still_verifies",
    ) {
        return;
    }
    let env = old_breach_log();
    let seqs = |env: &Env| {
        env.sql("select group_concat(seq, ',') from (select seq from audit order by seq);")
    };
    let run = env.run(&["--json", "audit", "purge", "--before", "2024-06-01"]);
    run.ok();
    assert_eq!(run.json()["removed"], 2, "{}", run.dump());
    assert_eq!(run.json()["stopped_at"]["seq"], 3);
    assert_eq!(run.json()["stopped_at"]["breach"], 1);
    assert!(seqs(&env).starts_with("3,4,"), "{}", seqs(&env));
    // Closed now: still kept for two years from the close.
    env.run(&["breach", "close", "1", "--reason", "investigation ended"])
        .ok();
    let run = env.run(&["--json", "audit", "purge", "--before", "2024-06-01"]);
    run.ok();
    assert_eq!(run.json()["removed"], 0, "{}", run.dump());
    assert!(seqs(&env).starts_with("3,4,"));
    // Backdating the close by hand is an edit the breach.close record's row digest shows:
    // `audit verify` catches it, and the purge refuses to act on it (nothing removed).
    let closed = env.sql("select closed_at from breach where id = 1;");
    env.sql("update breach set closed_at = '2023-06-01T00:00:00.000Z' where id = 1;");
    env.run(&["audit", "verify"])
        .code(6)
        .stderr_has("closed_at");
    env.run(&["audit", "purge", "--before", "2024-06-01"])
        .code(6)
        .stderr_has("breach 1");
    assert!(seqs(&env).starts_with("3,4,"));
    env.sql(&format!(
        "update breach set closed_at = '{closed}' where id = 1;"
    ));
    // Closed more than two years ago (as time would have made it, with its record): they go.
    crate::purge::close_back_then(&env, 1, "2023-06-01T00:00:00.000Z");
    let run = env.run(&["--json", "audit", "purge", "--before", "2024-06-01"]);
    run.ok();
    assert_eq!(run.json()["removed"], 2, "{}", run.dump());
    env.run(&["audit", "verify"]).ok();
}

/// Inserts a breach determined at `at` (as stored, UTC) straight into the table: the CLI
/// refuses a determination in the future, and these edges are a year-end away.
fn breach_at(env: &Env, id: i64, at: &str) {
    let login = env.sql("select login from agent limit 1;");
    env.sql(&format!(
        "INSERT INTO breach (id, rule, description, discovered_at, determined_at, determined_on, \
         opened_by, opened_at) VALUES ({id}, '2007', 'edge {id}', '{at}', '{at}', \
         substr('{at}', 1, 10), '{login}', '{at}');"
    ));
}

fn certification(env: &Env, year: &str) -> serde_json::Value {
    env.run(&["--json", "report", "certification", "--year", year])
        .ok()
        .json()
}

fn breach_ids(doc: &serde_json::Value) -> Vec<i64> {
    doc["breaches"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b["id"].as_i64())
        .collect()
}

#[test]
fn the_certification_year_is_the_carriers_and_items_count_by_when_they_happened() {
    let env = Env::initialised(true);
    // 2026-12-31 20:00 US Eastern (01:00 UTC on January 1).
    breach_at(&env, 1, "2027-01-01T01:00:00.000Z");
    // One minute before and exactly at local midnight.
    breach_at(&env, 2, "2027-01-01T04:59:00.000Z");
    breach_at(&env, 3, "2027-01-01T05:00:00.000Z");
    let y2026 = certification(&env, "2026");
    assert_eq!(breach_ids(&y2026), vec![1, 2], "{y2026}");
    let b1 = &y2026["breaches"][0];
    assert_eq!(b1["determined_on"], "2026-12-31", "{b1}");
    assert_eq!(y2026["period"]["from"], "2026-01-01T05:00:00.000Z");
    assert_eq!(y2026["period"]["until"], "2027-01-01T05:00:00.000Z");
    assert_eq!(y2026["period"]["time_zone"], "America/New_York");
    assert!(
        y2026["period"]["rule"]
            .as_str()
            .unwrap_or("")
            .contains("a breach by its determination, a notice by when it was sent")
    );
    assert_eq!(breach_ids(&certification(&env, "2027")), vec![3]);
    env.run(&["report", "certification", "--year", "2026"])
        .ok()
        .stdout_has("calendar year in America/New_York")
        .stdout_has("#1 (2007 rule) determined 2026-12-31");

    // Opt-out notices another system sent on either side of New Year, both recorded today:
    // each counts in the year it was sent, not the year it was recorded.
    for day in ["2025-12-31", "2026-01-01"] {
        env.run(&[
            "consent",
            "notice",
            "DEMO-1001",
            "--via",
            "mail",
            "--sent-on",
            day,
        ])
        .ok();
    }
    let sent = |y: &str| certification(&env, y)["notices_sent"]["opt_out_sent_elsewhere"].clone();
    assert_eq!(sent("2025"), 1);
    assert_eq!(sent("2026"), 1);
}
