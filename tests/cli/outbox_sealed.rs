//! Outbox bodies sealed at rest (issue 16, review finding 4), through the real binary, the real
//! `sqlite3` CLI and a real SMTP server (aiosmtpd): a code queued while the mail server is down
//! is nowhere in the database file, the message delivered later holds it and is byte for byte
//! the message a plaintext (pre-sealing) row gives; a body edited by one character, or read
//! with another host's code key, is refused (exit 6) and nothing is sent; a plaintext row from
//! before sealing is still delivered.

use std::time::Duration;

use crate::calls::{ADA, code, code_in_email, start};
use crate::smtp::{Smtpd, free_port, smtp_config};
use crate::util::Env;

/// The database file and its WAL, as bytes (what a holder of the file reads).
fn db_bytes(env: &Env) -> Vec<u8> {
    let mut all = std::fs::read(env.db()).expect("read the database file");
    let mut wal = env.db().into_os_string();
    wal.push("-wal");
    all.extend(std::fs::read(wal).unwrap_or_default());
    all
}

fn holds(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// `session email-code` with the mail server down: queued (exit 7).
fn queue_a_code(env: &Env) -> String {
    let s = start(env, ADA);
    env.run(&["session", "email-code", &s])
        .code(7)
        .stderr_has("stays queued");
    s
}

/// Makes every queued item due now (a column no seal or digest covers).
fn due_now(env: &Env) {
    env.sql("update outbox set next_try_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 seconds');");
}

/// A message without the headers that differ between two sends (Date, Message-ID) or that the
/// server adds (X-Peer, X-MailFrom, X-RcptTo).
fn without_varying_headers(msg: &str) -> String {
    msg.replace("\r\n", "\n")
        .lines()
        .filter(|l| {
            let l = l.to_ascii_lowercase();
            ![
                "date:",
                "message-id:",
                "x-peer:",
                "x-mailfrom:",
                "x-rcptto:",
            ]
            .iter()
            .any(|h| l.starts_with(h))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_queued_code_is_sealed_in_the_database_and_delivered_as_before() {
    if crate::util::sqlite_only(
        "reads the SQLite database file's bytes (pg_outbox checks the PostgreSQL rows)",
    ) {
        return;
    }
    let env = Env::initialised(true);
    let port = free_port();
    smtp_config(&env, port);
    let s = queue_a_code(&env);
    let body = env.sql("select body from outbox;");
    assert!(body.starts_with("sealed1:"), "the body at rest: {body}");
    let at_rest = db_bytes(&env);
    for plain in [
        "verification code is",
        "Read it to the agent",
        "do not share this code",
    ] {
        assert!(!holds(&at_rest, plain), "{plain:?} is in the database file");
        assert!(!body.contains(plain));
    }
    let listed = env.run(&["--json", "notify", "list"]);
    assert!(
        listed.ok().stdout.contains("\"body_at_rest\":\"sealed\""),
        "{}",
        listed.dump()
    );

    let server = Smtpd::start(env.root(), port);
    due_now(&env);
    env.run(&["notify", "send"]).ok();
    let msgs = server.messages();
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    let c = code_in_email(&msgs[0].replace("\r\n", "\n"));
    assert!(
        !holds(&at_rest, &c) && !body.contains(&c),
        "the code {c} was in the database while queued"
    );
    assert_eq!(code(&env, &s, &c).ok().json()["basis"], "email-code");

    // The same message from a row the old code wrote (plain body): byte for byte the same but
    // for its Date and Message-ID. (The server is down again while it is queued.)
    drop(server);
    queue_a_code(&env);
    let plain = cpni::mail::compose::email_code(&c, 10).body;
    env.sql(&format!(
        "update outbox set body = '{}' where status = 'queued';",
        plain.replace('\'', "''")
    ));
    let listed = env.run(&["--json", "notify", "list", "--status", "queued"]);
    assert!(
        listed.ok().stdout.contains("\"body_at_rest\":\"plain\""),
        "{}",
        listed.dump()
    );
    let server = Smtpd::start(env.root(), port);
    due_now(&env);
    env.run(&["notify", "send"]).ok();
    let msgs = server.messages();
    assert_eq!(msgs.len(), 2, "the plain row is delivered too: {msgs:?}");
    assert_eq!(
        without_varying_headers(&msgs[0]),
        without_varying_headers(&msgs[1]),
        "a sealed body gives the message a plain one gave"
    );
    assert_eq!(
        env.sql("select count(*) from outbox where status = 'sent' and body is null;"),
        "2"
    );
}

#[test]
fn a_body_edited_by_one_character_is_refused_and_nothing_is_sent() {
    let env = Env::initialised(true);
    let port = free_port();
    smtp_config(&env, port);
    queue_a_code(&env);
    queue_a_code(&env);
    let before = env.sql("select body from outbox where id = 1;");
    // One base64 character of the ciphertext changed, as a database administrator would.
    let at = 30;
    let old = before.as_bytes()[at - 1];
    let new = if old == b'A' { 'B' } else { 'A' };
    env.sql(&format!(
        "update outbox set body = substr(body, 1, {}) || '{new}' || substr(body, {}) where id = 1;",
        at - 1,
        at + 1
    ));
    assert_ne!(env.sql("select body from outbox where id = 1;"), before);
    let attempts = env.sql("select attempts from outbox where id = 1;");

    let server = Smtpd::start(env.root(), port);
    due_now(&env);
    let run = env.run(&["notify", "send"]);
    run.code(6)
        .stderr_has("outbox item 1")
        .stderr_has("does not open")
        .never_prints("sealed1:");
    std::thread::sleep(Duration::from_millis(200));
    let msgs = server.messages();
    assert_eq!(msgs.len(), 1, "only the intact item 2 went out: {msgs:?}");
    assert_eq!(
        env.sql("select status || ' ' || attempts from outbox where id = 1;"),
        format!("queued {attempts}"),
        "the edited item is neither sent nor counted as tried"
    );
    assert_eq!(env.sql("select status from outbox where id = 2;"), "sent");
    // Asked for alone, it is refused again.
    let run = env.run(&["--json", "notify", "send", "--now"]);
    run.code(6);
    assert_eq!(
        run.json_err()["error"]["code"],
        "outbox-body",
        "{}",
        run.dump()
    );
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn another_hosts_code_key_cannot_open_the_bodies() {
    if crate::util::sqlite_only(
        "on PostgreSQL a replaced key file is refused when the store opens (pg-keys-mismatch; the store contract tests)",
    ) {
        return;
    }
    let env = Env::initialised(true);
    let port = free_port();
    smtp_config(&env, port);
    queue_a_code(&env);
    let mut key = env.db().into_os_string();
    key.push(".code-key");
    let key = std::path::PathBuf::from(key);
    std::fs::remove_file(&key).unwrap();
    env.write(&key, &"5a".repeat(32));
    std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();

    let server = Smtpd::start(env.root(), port);
    due_now(&env);
    env.run(&["notify", "send", "--now"])
        .code(6)
        .stderr_has("outbox item 1")
        .stderr_has("another code key")
        .stderr_has(".code-key");
    env.run(&["notify", "show", "1"]).ok();
    std::thread::sleep(Duration::from_millis(200));
    assert!(server.messages().is_empty(), "nothing was sent");
    assert_eq!(env.sql("select status from outbox;"), "queued");
}

#[test]
fn a_temporary_pin_queued_while_the_mail_server_is_down_is_not_in_the_database() {
    if crate::util::sqlite_only(
        "reads the SQLite database file's bytes (pg_outbox checks the PostgreSQL rows)",
    ) {
        return;
    }
    let env = Env::initialised(true);
    let port = free_port();
    smtp_config(&env, port);
    env.run(&["customer", "reset-pin", "DEMO-1001", "--via", "email"])
        .code(7);
    let at_rest = db_bytes(&env);
    assert!(
        !holds(&at_rest, "temporary PIN is"),
        "the letter's text is in the file"
    );
    let server = Smtpd::start(env.root(), port);
    env.run(&["notify", "send", "--now"]).ok();
    let msgs = server.messages();
    let pin_msg = msgs
        .iter()
        .map(|m| m.replace("\r\n", "\n"))
        .find(|m| m.contains("Your temporary PIN is:"))
        .unwrap_or_else(|| panic!("no temporary-PIN message in {msgs:?}"));
    let after = pin_msg
        .split("Your temporary PIN is:")
        .nth(1)
        .unwrap_or_default();
    let pin: String = after
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(pin.len() >= 8, "a temporary PIN in {pin_msg}");
    assert!(
        !holds(&at_rest, &pin),
        "the temporary PIN {pin} was in the database file"
    );
    // The notices to the other contacts (no secret) keep their bodies, sealed, and `notify
    // show` opens them.
    let kept = env.sql("select id || ' ' || body from outbox where body is not null;");
    assert!(!kept.is_empty(), "a notice keeps its body");
    for row in kept.lines() {
        let (id, body) = row.split_once(' ').unwrap();
        assert!(body.starts_with("sealed1:"), "a body at rest: {body}");
        let shown = env.run(&["--json", "notify", "show", id]);
        let j = shown.ok().json();
        let text = j["body"].as_str().unwrap_or_default();
        assert!(
            !text.is_empty() && !text.starts_with("sealed1:") && !text.contains(&pin),
            "notify show opens a notice: {j}"
        );
    }
}

#[test]
fn a_sent_statement_stays_sealed_in_the_database() {
    if crate::util::sqlite_only(
        "reads the SQLite database file's bytes (pg_outbox checks the PostgreSQL rows)",
    ) {
        return;
    }
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    assert_eq!(
        crate::calls::pin(&env, &s, crate::calls::ADA_PIN)
            .ok()
            .json()["verified"],
        true
    );
    let statement = "CALL DETAIL 2026-11: 555-0142 12 min; 555-0199 3 min\n";
    let file = env.file("statement.txt", statement);
    let file = file.to_str().unwrap();
    env.run(&[
        "session",
        "send",
        &s,
        "--via",
        "mail",
        "--scope",
        "account",
        "--purpose",
        "customer-request",
        "--note",
        "your November calls",
        "--attach",
        file,
    ])
    .ok();
    let letters = env.db().parent().unwrap().join("outbox").join("letters");
    let enclosure = std::fs::read_dir(&letters)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("-enclosure-"))
        .expect("the enclosure beside the letter");
    assert_eq!(std::fs::read_to_string(enclosure).unwrap(), statement);
    // Sent, the disclosure keeps its body and attachment: sealed.
    assert_eq!(
        env.sql("select substr(body, 1, 8) || ' ' || substr(cast(attachment as text), 1, 8) from outbox;"),
        "sealed1: sealed1:"
    );
    let at_rest = db_bytes(&env);
    // (The note is in the disclosure's audit record by design; the statement is not.)
    for plain in ["555-0142", "555-0199", "CALL DETAIL"] {
        assert!(!holds(&at_rest, plain), "{plain:?} is in the database file");
    }
    // An attachment edited by one byte is refused when shown, as a body is.
    let before = env.sql("select hex(attachment) from outbox;");
    env.sql("update outbox set attachment = substr(attachment, 1, length(attachment) - 1);");
    let after = env.sql("select hex(attachment) from outbox;");
    assert_eq!(after.len() + 2, before.len(), "one byte cut: {after}");
    env.run(&["notify", "show", "1"])
        .code(6)
        .stderr_has("attachment of outbox item 1");
}
