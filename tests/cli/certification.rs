//! The annual certification report (64.2009(e)): a year built here through the real binary,
//! and every figure of the report checked against counts taken independently with the
//! `sqlite3` CLI.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::util::Env;

fn start(env: &Env, account: &str) -> String {
    env.run(&["session", "start", account])
        .ok()
        .stdout
        .trim()
        .to_string()
}

fn pin(env: &Env, s: &str, pin: &str) -> i32 {
    env.run_stdin(&["session", "pin", s, "--pin-stdin"], &format!("{pin}\n"))
        .code
}

/// A year of activity: verifications that pass, fail and are refused, a lockout, disclosures
/// (one to a designated third party), a refused disclosure, an opt-out notice, approval
/// changes, complaints and a breach with a linked session.
fn build_year(env: &Env) {
    let s = start(env, "DEMO-1001");
    assert_eq!(pin(env, &s, "804713"), 0);
    for (purpose, reference) in [
        ("customer-request", None),
        ("designated-third-party", Some("W-7")),
    ] {
        let mut args = vec![
            "session",
            "disclose",
            &s,
            "--scope",
            "account",
            "--purpose",
            purpose,
        ];
        if let Some(r) = reference {
            args.extend(["--reference", r]);
        }
        env.run(&args).ok();
    }
    env.run(&[
        "session",
        "disclose",
        &s,
        "--scope",
        "call-detail",
        "--purpose",
        "customer-request",
    ])
    .ok();
    let a = start(env, "DEMO-1002");
    for _ in 0..3 {
        assert_eq!(pin(env, &a, "111999"), 1);
    }
    let b = start(env, "DEMO-1002");
    assert_eq!(pin(env, &b, "111999"), 1);
    assert_eq!(pin(env, &b, "111999"), 1); // the fifth: locked
    assert_eq!(pin(env, &b, "390721"), 3); // refused while locked
    let u = start(env, "DEMO-1004");
    env.run(&[
        "session",
        "disclose",
        &u,
        "--scope",
        "account",
        "--purpose",
        "billing",
    ])
    .code(3);
    env.run(&["consent", "notice", "DEMO-1004", "--via", "email"])
        .ok();
    // An opt-in needs a session verified on the account (issue 12).
    let k = start(env, "DEMO-1005");
    assert_eq!(pin(env, &k, "728406"), 0);
    env.run(&[
        "consent",
        "record",
        "DEMO-1005",
        "--opt-in",
        "--method",
        "written",
        "--session",
        &k,
    ])
    .ok();
    env.run(&[
        "consent",
        "record",
        "DEMO-1005",
        "--deny",
        "--method",
        "oral",
    ])
    .ok();
    env.run(&[
        "complaint",
        "add",
        "DEMO-1001",
        "--category",
        "pretexting",
        "--description",
        "x",
    ])
    .ok();
    env.run(&[
        "complaint",
        "add",
        "DEMO-1001",
        "--category",
        "unauthorized-release",
        "--description",
        "y",
    ])
    .ok();
    // A minute ago as an RFC 3339 time: a plain UTC date is the start of that day in the
    // carrier's zone (US Eastern), which is still in the future just after midnight UTC.
    let this_year = cpni::clock::format(cpni::clock::now() - time::Duration::minutes(1));
    env.run(&[
        "breach",
        "open",
        "--discovered",
        &this_year,
        "--determined",
        &this_year,
        "--description",
        "z",
    ])
    .ok();
    env.run(&["breach", "link", "1", "--session", &s]).ok();
}

fn year(env: &Env) -> String {
    env.sql("select strftime('%Y', 'now');")
}

/// `key|count` rows of a query as a map.
fn counts(env: &Env, sql: &str) -> BTreeMap<String, i64> {
    env.sql_json(sql)
        .into_iter()
        .map(|r| {
            (
                r["k"].as_str().unwrap_or("").to_string(),
                r["n"].as_i64().unwrap_or(-1),
            )
        })
        .collect()
}

fn object_counts(v: &Value) -> BTreeMap<String, i64> {
    v.as_object()
        .map(|m| {
            m.iter()
                .map(|(k, n)| (k.clone(), n.as_i64().unwrap_or(-1)))
                .collect()
        })
        .unwrap_or_default()
}

fn scalar(env: &Env, sql: &str) -> i64 {
    env.sql(sql).parse().unwrap_or(-1)
}

#[test]
fn the_report_matches_independent_sqlite3_counts() {
    let env = Env::initialised(true);
    build_year(&env);
    let y = year(&env);
    let doc = env
        .run(&["--json", "report", "certification", "--year", &y])
        .ok()
        .json();
    let in_year = format!("strftime('%Y', at) = '{y}'");

    let ours: BTreeMap<String, i64> = doc["verifications"]
        .as_array()
        .expect("verifications")
        .iter()
        .map(|v| {
            let key = format!(
                "auth.{}.{}",
                v["method"].as_str().unwrap_or(""),
                v["outcome"].as_str().unwrap_or("")
            );
            (key, v["count"].as_i64().unwrap_or(-1))
        })
        .collect();
    let theirs = counts(
        &env,
        &format!(
            "select event k, count(*) n from audit where event like 'auth.%' and {in_year} group by event;"
        ),
    );
    assert_eq!(ours, theirs);
    assert_eq!(theirs.get("auth.pin.fail"), Some(&5), "{theirs:?}");
    assert_eq!(theirs.get("auth.pin.refused"), Some(&1), "{theirs:?}");

    let lock = scalar(
        &env,
        &format!("select count(*) from audit where event = 'lock.start' and {in_year};"),
    );
    assert_eq!(lock, 1);
    assert_eq!(doc["lockouts"]["count"], lock);
    assert_eq!(doc["pretexters"]["lockouts"], lock);

    for key in ["scope", "channel", "purpose"] {
        let theirs = counts(
            &env,
            &format!(
                "select json_extract(detail, '$.{key}') k, count(*) n from audit where event = 'disclosure' and {in_year} group by 1;"
            ),
        );
        assert_eq!(
            object_counts(&doc["disclosures"][format!("by_{key}")]),
            theirs,
            "{key}"
        );
    }
    let total = scalar(
        &env,
        &format!("select count(*) from audit where event = 'disclosure' and {in_year};"),
    );
    assert_eq!((doc["disclosures"]["total"].as_i64(), total), (Some(3), 3));
    let third = scalar(
        &env,
        &format!(
            "select count(*) from audit where event = 'disclosure' and json_extract(detail, '$.purpose') = 'designated-third-party' and {in_year};"
        ),
    );
    assert_eq!(doc["third_party_disclosures"]["count"], third);
    assert_eq!(
        doc["third_party_disclosures"]["records"][0]["reference"],
        "W-7"
    );

    let refusals = counts(
        &env,
        &format!(
            "select event k, count(*) n from audit where event like '%.refused' and event not like 'auth.%' and {in_year} group by event;"
        ),
    );
    assert_eq!(object_counts(&doc["refusals"]), refusals);
    assert_eq!(refusals.get("disclosure.refused"), Some(&1));

    let opt_out = scalar(
        &env,
        "select count(*) from outbox where kind = 'consent-notice' and status = 'sent';",
    );
    assert_eq!(doc["notices_sent"]["opt_out"], opt_out);
    let changes = counts(
        &env,
        &format!(
            "select kind k, count(*) n from consent where kind != 'notice' and strftime('%Y', recorded_at) = '{y}' group by kind;"
        ),
    );
    assert_eq!(object_counts(&doc["approval_changes"]), changes);

    let complaints = counts(
        &env,
        &format!(
            "select category k, count(*) n from complaint where strftime('%Y', received_at) = '{y}' group by category;"
        ),
    );
    assert_eq!(object_counts(&doc["complaints"]["by_category"]), complaints);
    assert_eq!(
        doc["pretexters"]["pretexting_complaints"],
        complaints["pretexting"]
    );
    let breaches = scalar(
        &env,
        &format!("select count(*) from breach where strftime('%Y', determined_at) = '{y}';"),
    );
    assert_eq!(
        doc["breaches"].as_array().map(|b| b.len() as i64),
        Some(breaches)
    );
    assert_eq!(doc["pretexters"]["impostor_sessions_linked"], 1);
}

#[test]
fn csv_and_text_carry_the_same_figures_and_other_years_are_empty() {
    let env = Env::initialised(true);
    build_year(&env);
    let y = year(&env);
    let csv = env
        .run(&["report", "certification", "--year", &y, "--format", "csv"])
        .ok()
        .stdout
        .clone();
    assert!(csv.starts_with("section,name,value\n"), "{csv}");
    assert!(csv.contains("lockouts,lockouts,1\n"), "{csv}");
    assert!(csv.contains("verifications,pin fail,5\n"), "{csv}");
    assert!(csv.contains("third-party disclosures,count,1\n"), "{csv}");
    env.run(&["report", "certification", "--year", &y])
        .ok()
        .stdout_has("Lockouts: 1")
        .stdout_has("audit export");
    let empty = env
        .run(&["--json", "report", "certification", "--year", "2001"])
        .ok()
        .json();
    assert_eq!(empty["disclosures"]["total"], 0);
    assert_eq!(empty["verifications"], serde_json::json!([]));
    assert_eq!(
        env.sql("select count(*) from audit where event = 'report.certification';"),
        "3"
    );
}
