//! Output and errors as scripts see them: `--json` gives exactly one JSON document on stdout
//! (errors as `{"error":{…}}` on stderr), the documented exit codes, and config errors.

use crate::util::{Env, customer_args};

#[test]
fn json_init_show_and_add_print_one_document() {
    let env = Env::new();
    let init = env.run(&["--json", "init", "--demo"]);
    let doc = init.ok().json();
    assert_eq!(doc["created"], true, "{doc}");
    assert_eq!(doc["admin"], "root", "{doc}");
    assert_eq!(doc["demo_customers"], 5, "{doc}");
    assert!(
        init.stderr.is_empty(),
        "--json keeps stderr quiet\n{}",
        init.dump()
    );
    let again = env.run(&["--json", "init"]).ok().json();
    assert_eq!(again["created"], false, "{again}");
    let show = env
        .run(&["--json", "customer", "show", "DEMO-1001"])
        .ok()
        .json();
    assert_eq!(show["account"], "DEMO-1001", "{show}");
    assert_eq!(
        show["phone"]["value"], "+12025550142",
        "phone normalised to E.164: {show}"
    );
    let mut args = customer_args("A-1");
    args.push("--json".into());
    let add = env.run(&args).ok().json();
    assert_eq!(add["account"], "A-1", "{add}");
    assert_eq!(add["pin_set"], false, "{add}");
}

#[test]
fn json_errors_go_to_stderr_as_one_document() {
    let env = Env::initialised(false);
    let run = env.run(&["--json", "customer", "show", "NOPE"]);
    run.code(4);
    assert!(
        run.stdout.is_empty(),
        "errors never go to stdout\n{}",
        run.dump()
    );
    let err = &run.json_err()["error"];
    assert_eq!(err["code"], "no-account", "{err}");
    assert!(
        err["message"].as_str().unwrap_or("").contains("NOPE"),
        "{err}"
    );
    assert!(
        err["hint"].is_string(),
        "a hint says what to do next: {err}"
    );
}

#[test]
fn json_validation_error_names_the_field() {
    let env = Env::initialised(false);
    let mut args = crate::util::customer_args_with("A-1", "--email", "nope");
    args.push("--json".into());
    let run = env.run(&args);
    let err = &run.code(2).json_err()["error"];
    assert!(
        err["message"].as_str().unwrap_or("").starts_with("email"),
        "{err}"
    );
}

#[test]
fn unknown_account_exits_4() {
    let env = Env::initialised(true);
    env.run(&["customer", "show", "NOPE"])
        .code(4)
        .stderr_has("NOPE")
        .stderr_has("hint:");
}

#[test]
fn missing_database_exits_5_with_a_hint_to_init() {
    let env = Env::new();
    let run = env.run(&["customer", "show", "DEMO-1001"]);
    run.code(5).stderr_has("cpni init");
    assert!(
        !env.db().exists(),
        "a read command must not create the database"
    );
}

#[test]
fn unknown_config_key_exits_2_naming_it() {
    let env = Env::new();
    env.write_config("[pin]\nmin_lenght = 6\n");
    env.run(&["init"]).code(2).stderr_has("min_lenght");
    assert!(
        !env.db().exists(),
        "a bad config must stop init before it writes"
    );
}

#[test]
fn unknown_top_level_config_key_exits_2_naming_it() {
    let env = Env::new();
    env.write_config("databse = \"/tmp/x.db\"\n");
    env.run(&["customer", "list"]).code(2).stderr_has("databse");
}

#[test]
fn missing_config_file_exits_2() {
    let env = Env::initialised(false);
    let missing = env.root().join("nope.toml");
    let run = env.run(&["--config", missing.to_str().unwrap(), "customer", "list"]);
    run.code(2).stderr_has("nope.toml");
    let mut cmd = env.command(&["customer", "list"]);
    cmd.env("CPNI_CONFIG", &missing)
        .stdin(std::process::Stdio::null());
    assert_eq!(
        cmd.output().unwrap().status.code(),
        Some(2),
        "CPNI_CONFIG missing file"
    );
}

#[test]
fn out_of_range_config_value_exits_2_naming_it() {
    let env = Env::new();
    env.write_config("[pin]\nmin_length = 3\n");
    env.run(&["init"]).code(2).stderr_has("pin.min_length");
}

#[test]
fn config_db_key_chooses_the_database() {
    let env = Env::new();
    let db = env.root().join("elsewhere").join("c.db");
    let text = format!(
        "db = {:?}\n{}",
        db.to_str().unwrap(),
        crate::util::TEST_CONFIG
    );
    env.write_config(&text);
    env.run(&["init"]).ok();
    assert!(
        db.exists() && !env.db().exists(),
        "the config's db key is used"
    );
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::initialised(false);
    env.run(&["customer", "frobnicate"]).code(2);
    env.run(&["customer", "list", "--limit", "0"])
        .code(2)
        .stderr_has("--limit");
}

#[test]
fn help_documents_the_exit_codes() {
    let env = Env::new();
    let run = env.run(&["--help"]);
    run.ok().stdout_has("Exit codes:").stdout_has("130");
}

#[test]
fn quiet_prints_nothing_on_success() {
    let env = Env::initialised(false);
    let mut args = customer_args("A-1");
    args.push("-q".into());
    let run = env.run(&args);
    run.ok();
    assert!(
        run.stdout.is_empty() && run.stderr.is_empty(),
        "{}",
        run.dump()
    );
}

#[test]
fn json_usage_errors_are_json_too() {
    let env = Env::initialised(false);
    for args in [
        vec!["--json", "customer", "frobnicate"],
        vec!["customer", "show", "--json"],
        vec!["--json", "customer", "list", "--limit", "many"],
    ] {
        let run = env.run(&args);
        let err = &run.code(2).json_err()["error"];
        assert_eq!(err["code"], "usage", "{err}");
        assert!(
            err["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{err}"
        );
        assert!(run.stdout.is_empty(), "{}", run.dump());
    }
    // --help and --version are not errors and stay plain text on stdout.
    env.run(&["--json", "--version"]).ok().stdout_has("cpni");
}

#[test]
fn an_empty_filtered_outbox_listing_names_the_filter_not_an_empty_outbox() {
    let env = Env::initialised(true);
    env.run(&["notify", "list"])
        .ok()
        .stdout_has("The outbox is empty.");
    env.run(&["notify", "list", "--status", "queued"])
        .ok()
        .stdout_has("No message is queued (--status queued). The outbox is empty.");
    let s = crate::calls::start(&env, crate::calls::ADA);
    crate::calls::email_code(&env, &s); // delivered at once: one sent message
    assert_eq!(env.sql("select status from outbox;"), "sent");
    env.run(&["notify", "list", "--status", "queued"])
        .ok()
        .never_prints("The outbox is empty")
        .stdout_has("No message is queued (--status queued). The outbox holds 1 other message");
    env.run(&["notify", "list", "--status", "failed"])
        .ok()
        .stdout_has("No message has failed (--status failed).");
    env.run(&["notify", "list", "--status", "sent"])
        .ok()
        .stdout_has("email-code");
}
