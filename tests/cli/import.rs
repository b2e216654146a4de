//! `cpni customer import FILE.csv`: all rows or none; every bad row named by line and field;
//! optional contact-of-record dates kept; unknown columns and duplicate accounts refused.

use crate::util::{Env, Run};

const HEADER: &str = "account,name,phone,email,street,city,region,postal_code,country";

/// A valid data row for account `acct` with phone suffix `n` (two digits).
fn row(acct: &str, n: u32) -> String {
    format!("{acct},Bob {n},+1 202 555 01{n:02},bob{n}@example.com,{n} Main St,Town,VA,22201,US")
}

/// Imports `csv` into `env` and checks that a refusal left every table as it was.
#[track_caller]
fn import_refused(env: &Env, csv: &str) -> Run {
    let file = env.file("customers.csv", csv);
    let before = env.counts();
    let run = env.run(&["customer", "import", file.to_str().unwrap()]);
    run.code(2);
    assert_eq!(
        env.counts(),
        before,
        "a refused import wrote rows\n{}",
        run.dump()
    );
    run
}

#[test]
fn import_happy_path_keeps_the_dates_of_record() {
    let env = Env::initialised(false);
    let csv = format!(
        "{HEADER},email_since,postal_since,phone_since,account_rep,cpni_contract\n\
         {},2020-01-15,2019-06-01T08:30:00Z,,Dana Reyes,CPNI-7\n{},,,,,\n",
        row("IMP-1", 1),
        row("IMP-2", 2)
    );
    let file = env.file("customers.csv", &csv);
    env.run(&["customer", "import", file.to_str().unwrap()])
        .ok()
        .stdout_has("Imported 2");
    let one = env.run(&["--json", "customer", "show", "IMP-1"]).json();
    let since = |v: &serde_json::Value| v["since"].as_str().unwrap_or_default().to_string();
    // A date alone counts from the end of that day (issue 12).
    assert!(
        since(&one["email"]).starts_with("2020-01-16T00:00:00"),
        "{one}"
    );
    assert!(
        since(&one["postal"]).starts_with("2019-06-01T08:30:00"),
        "{one}"
    );
    assert_eq!(
        one["email"]["of_record"], true,
        "a 2020 email is of record: {one}"
    );
    assert_eq!(one["business"]["cpni_contract"], "CPNI-7", "{one}");
    let two = env.run(&["--json", "customer", "show", "IMP-2"]).json();
    assert_eq!(
        two["email"]["of_record"], false,
        "no date means since now: {two}"
    );
    let audited = env.sql("select count(*) from audit where event = 'customer.add';");
    assert_eq!(audited, "2", "one audit record per imported customer");
    assert_eq!(
        env.sql("select count(*) from audit where event = 'customer.import';"),
        "1"
    );
}

#[test]
fn three_bad_lines_are_each_named_and_nothing_is_imported() {
    let env = Env::initialised(false);
    let csv = [
        HEADER.to_string(),
        row("GOOD-1", 1),                                    // line 2
        row("BAD-3", 3).replace("bob3@example.com", "bob3"), // line 3: email
        row("GOOD-4", 4),                                    // line 4
        row("BAD-5", 5).replace("+1 202 555 0105", "12"),    // line 5: phone
        row("BAD-6", 6).replace("Bob 6", ""),                // line 6: name
        row("GOOD-7", 7),                                    // line 7
    ]
    .join("\n");
    let run = import_refused(&env, &csv);
    run.stderr_has("3 bad row(s)");
    for expected in ["line 3: email", "line 5: phone", "line 6: name"] {
        let on_its_own_line = run
            .stderr
            .lines()
            .any(|l| l.trim_start().starts_with(expected));
        assert!(
            on_its_own_line,
            "no line starting with {expected:?}\n{}",
            run.dump()
        );
    }
    for good in ["line 2", "line 4", "line 7"] {
        assert!(
            !run.stderr.contains(&format!("{good}:")),
            "{good} is fine\n{}",
            run.dump()
        );
    }
}

#[test]
fn a_future_date_is_refused_naming_line_and_field() {
    let env = Env::initialised(false);
    let csv = format!(
        "{HEADER},email_since\n{},2020-01-01\n{},2999-01-01\n",
        row("F-1", 1),
        row("F-2", 2)
    );
    import_refused(&env, &csv).stderr_has("line 3: email_since");
}

#[test]
fn an_unparseable_date_is_refused_naming_line_and_field() {
    let env = Env::initialised(false);
    let csv = format!("{HEADER},phone_since\n{},last spring\n", row("F-1", 1));
    import_refused(&env, &csv).stderr_has("line 2: phone_since");
}

#[test]
fn an_unknown_column_is_refused() {
    let env = Env::initialised(false);
    let csv = format!("{HEADER},pin\n{},804713\n", row("U-1", 1));
    import_refused(&env, &csv)
        .stderr_has("unknown column")
        .stderr_has("pin");
}

#[test]
fn a_missing_column_is_refused() {
    let env = Env::initialised(false);
    let csv = "account,name\nM-1,Bob\n";
    import_refused(&env, csv)
        .stderr_has("missing column")
        .stderr_has("phone");
}

#[test]
fn a_duplicate_account_in_the_file_is_refused() {
    let env = Env::initialised(false);
    let csv = format!("{HEADER}\n{}\n{}\n", row("D-1", 1), row("D-1", 2));
    import_refused(&env, &csv)
        .stderr_has("line 3: account")
        .stderr_has("twice");
}

#[test]
fn an_account_already_in_the_database_is_refused() {
    let env = Env::initialised(true);
    let csv = format!("{HEADER}\n{}\n{}\n", row("N-1", 1), row("DEMO-1001", 2));
    import_refused(&env, &csv)
        .stderr_has("line 3: account")
        .stderr_has("already exists");
}

#[test]
fn a_short_row_is_refused_naming_its_line() {
    let env = Env::initialised(false);
    let csv = format!("{HEADER}\n{}\nS-2,Bob\n", row("S-1", 1));
    import_refused(&env, &csv).stderr_has("line 3");
}

#[test]
fn an_escape_in_an_imported_field_is_escaped_in_the_report() {
    let env = Env::initialised(false);
    let csv = format!(
        "{HEADER}\n{}\n",
        row("E-1", 1).replace("Bob 1", "Bob\x1b[2J")
    );
    import_refused(&env, &csv)
        .stderr_has("line 2: name")
        .never_prints("\x1b");
}
