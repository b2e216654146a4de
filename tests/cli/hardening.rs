//! Smaller edges of issue 15: the customer's own report names every authentication attempt,
//! refusal and code issued and the calls a caller described (never a secret); an import header
//! with a duplicate column is refused; plaintext SMTP only to a literal loopback address or
//! `localhost`; an SMTP password file that group or others can read is refused with its fix.

use std::os::unix::fs::PermissionsExt;

use crate::util::{Env, TEST_CONFIG};

fn start(env: &Env) -> String {
    env.run(&["session", "start", "DEMO-1001"])
        .ok()
        .stdout
        .trim()
        .to_string()
}

#[test]
fn the_customer_report_lists_attempts_refusals_codes_and_the_calls_described() {
    let env = Env::initialised(true);
    let s = start(&env);
    env.run_stdin(&["session", "pin", &s, "--pin-stdin"], "111119\n")
        .code(1);
    env.run_stdin(&["session", "pin", &s, "--pin-stdin"], "804713\n")
        .ok();
    // A session verified for call detail needs no code: issue it on a call of its own.
    env.run(&["session", "email-code", &s]).code(3);
    let c = start(&env);
    env.run(&["session", "email-code", &c]).ok();
    let t = start(&env);
    env.run(&[
        "session",
        "disclose",
        &t,
        "--scope",
        "account",
        "--purpose",
        "customer-request",
    ])
    .code(3);
    env.run(&[
        "session",
        "disclose",
        &t,
        "--scope",
        "caller-supplied",
        "--purpose",
        "customer-request",
        "--calls",
        "the call to +1 202 555 0199 on Tuesday evening",
    ])
    .ok();
    let run = env.run(&["customer", "report", "DEMO-1001", "--format", "json"]);
    run.ok();
    let doc = run.json();
    let auth = doc["authentication"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let pair = |r: &serde_json::Value| {
        format!(
            "{} {}",
            r["method"].as_str().unwrap_or(""),
            r["outcome"].as_str().unwrap_or("")
        )
    };
    let pairs: Vec<String> = auth.iter().map(pair).collect();
    assert!(pairs.contains(&"pin fail".to_string()), "{doc}");
    assert!(pairs.contains(&"pin ok".to_string()), "{doc}");
    assert!(pairs.contains(&"disclosure refused".to_string()), "{doc}");
    let login = env.sql("select login from agent limit 1;");
    assert!(
        auth.iter()
            .all(|r| r["agent"] == login.as_str() && r["at"].is_string())
    );
    let codes = doc["codes_issued"].as_array().cloned().unwrap_or_default();
    assert_eq!(codes.len(), 1, "{doc}");
    assert_eq!(codes[0]["channel"], "email");
    assert_eq!(codes[0]["session"], c.as_str());
    let described = doc["disclosures"]
        .as_array()
        .into_iter()
        .flatten()
        .find_map(|d| d["calls"].as_str().map(str::to_string));
    assert_eq!(
        described.as_deref(),
        Some("the call to +1 202 555 0199 on Tuesday evening")
    );
    let text = env.run(&["customer", "report", "DEMO-1001"]);
    text.ok()
        .stdout_has("Authentication attempts and refusals")
        .stdout_has("One-time codes issued (1)")
        .stdout_has("calls described: the call to +1 202 555 0199");
    for r in [&run, &text] {
        r.never_prints("111119")
            .never_prints("804713")
            .never_prints("$argon2");
    }
}

#[test]
fn an_import_header_with_a_duplicate_column_is_refused_naming_it() {
    let env = Env::initialised(false);
    let header = "account,name,phone,email,street,city,region,postal_code,country,Email";
    let row =
        "D-1,Bob,+1 202 555 0101,bob@example.com,1 Main St,Town,VA,22201,US,eve@attacker.example";
    let file = env.file("customers.csv", &format!("{header}\n{row}\n"));
    let before = env.counts();
    env.run(&["customer", "import", file.to_str().unwrap()])
        .code(2)
        .stderr_has("line 1")
        .stderr_has("column email appears twice (columns 4 and 10)");
    assert_eq!(env.counts(), before);
}

fn plain_smtp(host: &str) -> String {
    format!(
        "{TEST_CONFIG}[mail]\ntransport = \"smtp\"\n[mail.smtp]\nhost = \"{host}\"\nport = 9\ntls = \"none\"\ntimeout_secs = 2\n"
    )
}

#[test]
fn plaintext_smtp_is_only_for_a_literal_loopback_address_or_localhost() {
    let env = Env::initialised(true);
    for host in [
        "127.attacker.example",
        "127.0.0.1.nip.example",
        "localhost.attacker.example",
    ] {
        env.write_config(&plain_smtp(host));
        env.run(&["notify", "list"])
            .code(2)
            .stderr_has("mail.smtp.tls")
            .stderr_has(host);
    }
    for host in ["127.0.0.1", "::1", "localhost"] {
        env.write_config(&plain_smtp(host));
        env.run(&["notify", "list"]).ok();
    }
}

#[test]
fn a_password_file_readable_by_group_or_others_is_refused_with_the_chmod() {
    let env = Env::initialised(true);
    let pw = env.file("smtp-password", "s3cret-pass\n");
    std::fs::set_permissions(&pw, std::fs::Permissions::from_mode(0o644)).unwrap();
    let port = crate::smtp::free_port();
    env.write_config(&format!(
        "{TEST_CONFIG}[mail]\ntransport = \"smtp\"\n[mail.smtp]\nhost = \"127.0.0.1\"\nport = {port}\n\
         tls = \"none\"\ntimeout_secs = 2\nusername = \"cpni\"\npassword_file = \"{}\"\n",
        pw.display()
    ));
    let s = start(&env);
    let run = env.run(&["session", "email-code", &s]);
    run.code(7)
        .stderr_has("readable by group or others (mode 0644)")
        .stderr_has(&format!("chmod 600 {}", pw.display()))
        .never_prints("s3cret-pass");
    // With 0600 the file is used: the failure is now the closed port, not the mode.
    std::fs::set_permissions(&pw, std::fs::Permissions::from_mode(0o600)).unwrap();
    let run = env.run(&["notify", "send", "--now"]);
    run.code(7)
        .never_prints("chmod")
        .stdout_has("Connection refused");
}
