//! Account changes and the notices of 64.2010(f), the lost-PIN route of 64.2010(e), and the
//! backup secret: through the real binary, reading the outbox files and the database.

use crate::util::{Env, Run};

/// Starts a session on `account` and verifies it with `pin`; returns the session id.
fn verified(env: &Env, account: &str, pin: &str) -> String {
    let s = env
        .run(&["session", "start", account])
        .ok()
        .stdout
        .trim()
        .to_string();
    env.run_stdin(&["session", "pin", &s, "--pin-stdin"], &format!("{pin}\n"))
        .ok();
    s
}

/// The notices queued, each with its body as `notify show` opens it (sealed at rest).
fn notices(env: &Env) -> Vec<serde_json::Value> {
    let mut rows = env.sql_json(
        "select id, channel, recipient, body as sealed, status from outbox where kind = 'notice' order by id",
    );
    for r in &mut rows {
        assert!(
            r["sealed"]
                .as_str()
                .is_some_and(|b| b.starts_with("sealed1:")),
            "a notice's body at rest: {r}"
        );
        let id = r["id"].to_string();
        let shown = env.run(&["--json", "notify", "show", &id]);
        r["body"] = shown.ok().json()["body"].clone();
    }
    rows
}

fn outbox_text(env: &Env) -> String {
    let dir = env.db().parent().unwrap().join("outbox");
    let mut all = String::new();
    for entry in walk(&dir) {
        all.push_str(&std::fs::read_to_string(entry).unwrap_or_default());
    }
    all
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p))
        } else {
            out.push(p)
        }
    }
    out
}

#[track_caller]
fn assert_notices_to_old(env: &Env, new_value: &str) {
    let n = notices(env);
    let channels: Vec<&str> = n.iter().map(|r| r["channel"].as_str().unwrap()).collect();
    assert_eq!(
        channels,
        ["email", "letter"],
        "one notice per channel of record: {n:?}"
    );
    assert_eq!(
        n[0]["recipient"], "ada@example.com",
        "the email notice goes to the old email"
    );
    assert!(
        n[1]["recipient"]
            .as_str()
            .unwrap()
            .contains("12 Analytical Way"),
        "{n:?}"
    );
    for row in &n {
        let body = row["body"].as_str().unwrap();
        assert!(
            !body.contains(new_value),
            "a notice contains the new value: {body}"
        );
        assert_eq!(row["status"], "sent");
    }
    assert!(
        !outbox_text(env).contains(new_value),
        "an outbox file contains the new value"
    );
}

#[test]
fn email_change_notifies_the_old_contacts_without_the_new_value() {
    let env = Env::initialised(true);
    let s = verified(&env, "DEMO-1001", "804713");
    env.run(&[
        "customer",
        "set-email",
        "DEMO-1001",
        "--email",
        "mallory@evil.example",
        "--session",
        &s,
    ])
    .ok()
    .stdout_has("Notices sent");
    assert_notices_to_old(&env, "mallory");
    assert_eq!(
        env.sql("select email from customer where account = 'DEMO-1001';"),
        "mallory@evil.example"
    );
    // The new address starts its 30 days now: no codes to it yet.
    env.run(&["customer", "show", "DEMO-1001"])
        .ok()
        .stdout_has("NOT yet of record");
    env.run(&["session", "email-code", &s])
        .code(3)
        .stderr_has("on record only since");
}

#[test]
fn address_phone_pin_and_backup_changes_each_notify_once_per_channel() {
    let cases: [(&[&str], &str, &str); 4] = [
        (
            &[
                "set-address",
                "--street",
                "66 Heist Road",
                "--city",
                "Gotham",
                "--region",
                "NJ",
                "--postal-code",
                "07001",
                "--country",
                "US",
            ],
            "",
            "Heist",
        ),
        (&["set-phone", "--phone", "+1 303 555 0199"], "", "0199"),
        (&["set-pin", "--pin-stdin"], "583920\n", "583920"),
        (
            &["set-backup", "--secret-stdin"],
            "violet harbor lanterns\n",
            "violet",
        ),
    ];
    for (args, stdin, new_value) in cases {
        let env = Env::initialised(true);
        let s = verified(&env, "DEMO-1001", "804713");
        let mut full = vec!["customer", args[0], "DEMO-1001", "--session", &s];
        full.extend_from_slice(&args[1..]);
        env.run_stdin(&full, stdin).ok();
        assert_notices_to_old(&env, new_value);
        let audit = env.sql("select detail from audit where event = 'customer.change';");
        assert!(
            audit.contains(&format!(
                "\"change\":\"{}\"",
                args[0].trim_start_matches("set-")
            )),
            "{audit}"
        );
        // Row digests are random-looking hex, which can hold "0199" by chance: look at
        // every detail without them.
        let details = env.sql("select json_remove(detail, '$.digests', '$.prior') from audit;");
        assert!(
            !details.contains(new_value),
            "the audit log has the new value: {details}"
        );
    }
}

#[test]
fn a_change_without_authority_is_refused_and_recorded() {
    let env = Env::initialised(true);
    let before = env.count("outbox");
    env.run(&[
        "customer",
        "set-email",
        "DEMO-1001",
        "--email",
        "x@example.org",
    ])
    .code(3)
    .stderr_has("--session");
    let s = env
        .run(&["session", "start", "DEMO-1001"])
        .ok()
        .stdout
        .trim()
        .to_string();
    env.run(&[
        "customer",
        "set-email",
        "DEMO-1001",
        "--email",
        "x@example.org",
        "--session",
        &s,
    ])
    .code(3)
    .stderr_has("not verified");
    assert_eq!(
        env.count("outbox"),
        before,
        "a refused change queued a notice"
    );
    assert_eq!(
        env.sql("select email from customer where account = 'DEMO-1001';"),
        "ada@example.com"
    );
    assert_eq!(
        env.sql("select count(*) from audit where event = 'change.refused';"),
        "2"
    );
}

#[test]
fn a_supervisor_may_change_with_a_reason_and_no_notice_at_creation() {
    let env = Env::initialised(true);
    assert_eq!(env.count("outbox"), 0, "creating customers sent notices");
    env.run(&[
        "customer",
        "set-phone",
        "DEMO-1001",
        "--phone",
        "+1 303 555 0177",
        "--reason",
        "ticket 88: number ported",
    ])
    .ok();
    let detail = env.sql("select detail from audit where event = 'customer.change';");
    assert!(detail.contains("ticket 88"), "{detail}");
}

#[test]
fn sms_notices_go_through_the_configured_program_to_the_old_number() {
    let env = Env::initialised(true);
    let log = env.root().join("sms.log");
    let script = env.file(
        "sms.sh",
        &format!(
            "#!/bin/sh\nprintf '%s|%s\\n' \"$1\" \"$2\" >> {}\n",
            log.display()
        ),
    );
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut cfg = std::fs::read_to_string(env.config_path()).unwrap();
    cfg.push_str(&format!(
        "[notify]\nsms_command = [\"{}\"]\n",
        script.display()
    ));
    env.write_config(&cfg);
    let s = verified(&env, "DEMO-1001", "804713");
    env.run(&[
        "customer",
        "set-phone",
        "DEMO-1001",
        "--phone",
        "+1 303 555 0166",
        "--session",
        &s,
    ])
    .ok();
    let sent = std::fs::read_to_string(&log).expect("the SMS program ran");
    assert!(
        sent.starts_with("+12025550142|"),
        "the text went to the old number: {sent}"
    );
    assert!(
        !sent.contains("0166"),
        "the text names the new number: {sent}"
    );
    let channels = env.sql("select group_concat(channel) from outbox where kind = 'notice';");
    assert_eq!(channels, "email,letter,sms");
}

fn temp_pin_from_letter(env: &Env) -> String {
    let letters = env.db().parent().unwrap().join("outbox").join("letters");
    let file = walk(&letters)
        .into_iter()
        .find(|p| p.to_string_lossy().contains("temporary-pin"))
        .expect("a temporary-PIN letter");
    let text = std::fs::read_to_string(file).unwrap();
    text.lines()
        .map(str::trim)
        .find(|l| l.len() >= 8 && l.chars().all(|c| c.is_ascii_digit()))
        .expect("the PIN line")
        .to_string()
}

#[test]
fn lost_pin_by_mail_then_forced_new_pin() {
    let env = Env::initialised(true);
    let out: Run = env.run(&["customer", "reset-pin", "DEMO-1001", "--via", "mail"]);
    out.ok().stdout_has("Say nothing of the PIN");
    let temp = temp_pin_from_letter(&env);
    out.never_prints(&temp);
    assert!(
        !env.dump().contains(&temp),
        "the temporary PIN is in the database"
    );
    let s = env
        .run(&["session", "start", "DEMO-1001"])
        .ok()
        .stdout
        .trim()
        .to_string();
    let r = env.run_stdin(
        &["--json", "session", "pin", &s, "--pin-stdin"],
        &format!("{temp}\n"),
    );
    // A correct temporary PIN does not verify the caller: exit 1 (issue 12).
    let state = r.code(1).json();
    assert_eq!(state["basis"], "temporary-pin");
    assert_eq!(state["verified"], false);
    env.run(&[
        "session",
        "disclose",
        &s,
        "--scope",
        "account",
        "--purpose",
        "billing",
    ])
    .code(3);
    env.run(&[
        "customer",
        "set-email",
        "DEMO-1001",
        "--email",
        "z@example.org",
        "--session",
        &s,
    ])
    .code(3);
    env.run_stdin(
        &[
            "customer",
            "set-pin",
            "DEMO-1001",
            "--session",
            &s,
            "--pin-stdin",
        ],
        "583920\n",
    )
    .ok();
    assert_eq!(
        env.sql("select pin_must_change from customer where account = 'DEMO-1001';"),
        "0"
    );
    // The reset notice to the email of record, then the change's email and letter.
    assert_eq!(
        env.sql("select count(*) from outbox where kind = 'notice';"),
        "3"
    );
    // The new PIN never verifies the call it was set on; it does on the next one.
    env.run_stdin(&["--json", "session", "pin", &s, "--pin-stdin"], "583920\n")
        .code(3)
        .stderr_has("set on this call");
    let s2 = env
        .run(&["session", "start", "DEMO-1001"])
        .ok()
        .stdout
        .trim()
        .to_string();
    let r = env.run_stdin(
        &["--json", "session", "pin", &s2, "--pin-stdin"],
        "583920\n",
    );
    assert_eq!(r.ok().json()["basis"], "pin");
}

#[test]
fn lost_pin_by_email_is_refused_when_the_email_is_too_new() {
    let env = Env::initialised(true);
    env.run(&["customer", "reset-pin", "DEMO-1002", "--via", "email"])
        .code(3)
        .stderr_has("on record only since");
    assert_eq!(
        env.sql("select count(*) from audit where event = 'pin.reset.refused';"),
        "1"
    );
    env.run(&["customer", "reset-pin", "DEMO-1001", "--via", "email"])
        .ok();
    let body = env.sql("select count(*) from outbox where kind = 'temporary-pin' and body is null and status = 'sent';");
    assert_eq!(
        body, "1",
        "the delivered temporary PIN's body stays in the database"
    );
}

#[test]
fn backup_secret_allows_account_information_and_a_new_pin_only() {
    let env = Env::initialised(true);
    let admin = verified(&env, "DEMO-1001", "804713");
    env.run_stdin(
        &[
            "customer",
            "set-backup",
            "DEMO-1001",
            "--session",
            &admin,
            "--secret-stdin",
        ],
        "Violet Harbor Lanterns\n",
    )
    .ok();
    env.run(&["session", "end", &admin]).ok();
    assert!(
        env.sql("select backup_hash from customer where account = 'DEMO-1001';")
            .starts_with("$argon2id$")
    );
    let s = env
        .run(&["session", "start", "DEMO-1001"])
        .ok()
        .stdout
        .trim()
        .to_string();
    env.run_stdin(
        &["session", "backup", &s, "--secret-stdin"],
        "wrong words here\n",
    )
    .code(1)
    .stdout_has("reset-pin");
    let r = env.run_stdin(
        &["--json", "session", "backup", &s, "--secret-stdin"],
        "  violet   harbor lanterns \n",
    );
    assert_eq!(r.ok().json()["basis"], "backup");
    env.run(&[
        "session",
        "disclose",
        &s,
        "--scope",
        "account",
        "--purpose",
        "billing",
    ])
    .ok();
    env.run(&[
        "session",
        "disclose",
        &s,
        "--scope",
        "call-detail",
        "--purpose",
        "billing",
    ])
    .code(3);
    env.run(&[
        "customer",
        "set-email",
        "DEMO-1001",
        "--email",
        "q@example.org",
        "--session",
        &s,
    ])
    .code(3);
    env.run_stdin(
        &[
            "customer",
            "set-pin",
            "DEMO-1001",
            "--session",
            &s,
            "--pin-stdin",
        ],
        "583920\n",
    )
    .ok();
    assert_eq!(
        env.sql("select count(*) from audit where event = 'auth.backup.fail';"),
        "1"
    );
    assert_eq!(
        env.sql("select failures from customer where account = 'DEMO-1001';"),
        "0"
    );
}

#[test]
fn a_backup_secret_with_the_customers_name_is_refused() {
    let env = Env::initialised(true);
    let s = verified(&env, "DEMO-1001", "804713");
    env.run_stdin(
        &[
            "customer",
            "set-backup",
            "DEMO-1001",
            "--session",
            &s,
            "--secret-stdin",
        ],
        "lovelace forever\n",
    )
    .code(2)
    .stderr_has("name")
    .never_prints("lovelace forever");
    assert_eq!(
        env.sql("select backup_hash is null from customer where account = 'DEMO-1001';"),
        "1"
    );
}
