//! Email codes through a real SMTP server on loopback (aiosmtpd, ecosystem.md §4): each test
//! starts its own server on a free port, storing messages in a Maildir. A missing aiosmtpd
//! fails the test (`python3 -m pip install aiosmtpd==1.4.6`); it never skips.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::calls::{ADA, code, code_in_email, start};
use crate::util::{Env, TEST_CONFIG};

/// An aiosmtpd process delivering into `maildir`; killed when dropped.
pub(crate) struct Smtpd {
    child: Child,
    maildir: PathBuf,
}

impl Smtpd {
    pub(crate) fn start(dir: &Path, port: u16) -> Smtpd {
        let maildir = dir.join("Maildir");
        let log = std::fs::File::create(dir.join("smtpd.log")).expect("smtpd log");
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run python3 ({e}): the SMTP tests need it"));
        let mut server = Smtpd { child, maildir };
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return server;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                let log = std::fs::read_to_string(dir.join("smtpd.log")).unwrap_or_default();
                panic!(
                    "aiosmtpd exited ({status}) instead of listening on port {port}; the SMTP tests \
                     need it and never skip: `python3 -m pip install aiosmtpd==1.4.6`\n{log}"
                );
            }
            assert!(
                Instant::now() < deadline,
                "aiosmtpd did not listen on port {port} within 15 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The messages delivered so far (files in Maildir/new), oldest name first.
    pub(crate) fn messages(&self) -> Vec<String> {
        let new = self.maildir.join("new");
        let Ok(dir) = std::fs::read_dir(&new) else {
            return Vec::new();
        };
        let mut paths: Vec<PathBuf> = dir.map(|e| e.expect("entry").path()).collect();
        paths.sort();
        paths
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("read a message"))
            .collect()
    }
}

impl Drop for Smtpd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on (bound, read, released).
pub fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    l.local_addr().expect("local addr").port()
}

/// The fixture's config plus SMTP delivery to 127.0.0.1:port.
pub fn smtp_config(env: &Env, port: u16) {
    env.write_config(&format!(
        "{TEST_CONFIG}\n[mail]\ntransport = \"smtp\"\nfrom = \"Acme <no-reply@acme.example>\"\n\
         [mail.smtp]\nhost = \"127.0.0.1\"\nport = {port}\ntls = \"none\"\ntimeout_secs = 5\n"
    ));
}

/// The value of header `name` (unfolded) in an RFC 5322 message.
pub(crate) fn header(msg: &str, name: &str) -> Option<String> {
    let head = msg.split("\n\n").next().unwrap_or("").replace("\r\n", "\n");
    let mut lines = head.lines().peekable();
    while let Some(line) = lines.next() {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        if k.eq_ignore_ascii_case(name) {
            let mut value = v.trim().to_string();
            while let Some(next) = lines.peek().filter(|l| l.starts_with([' ', '\t'])) {
                value.push(' ');
                value.push_str(next.trim());
                lines.next();
            }
            return Some(value);
        }
    }
    None
}

#[test]
fn an_email_code_goes_through_a_real_smtp_server_and_verifies() {
    let env = Env::initialised(true);
    let port = free_port();
    let server = Smtpd::start(env.root(), port);
    smtp_config(&env, port);
    let s = start(&env, ADA);
    let run = env.run(&["session", "email-code", &s]);
    run.ok().stdout_has("a***@example.com");

    let msgs = server.messages();
    assert_eq!(msgs.len(), 1, "one message delivered: {msgs:?}");
    let msg = msgs[0].replace("\r\n", "\n");
    assert_eq!(header(&msg, "To").as_deref(), Some("ada@example.com"));
    assert!(
        header(&msg, "From").is_some_and(|f| f.contains("no-reply@acme.example")),
        "{msg}"
    );
    let subject = header(&msg, "Subject").expect("a Subject");
    assert!(
        !subject.chars().any(|c| c.is_ascii_digit()),
        "digits in the subject: {subject}"
    );
    let id = header(&msg, "Message-ID").expect("a Message-ID");
    assert!(
        id.starts_with('<') && id.ends_with("@acme.example>"),
        "{id}"
    );
    assert!(header(&msg, "Date").is_some(), "a Date header\n{msg}");

    let c = code_in_email(&msg);
    let run = code(&env, &s, &c);
    run.ok();
    assert_eq!(run.json()["basis"], "email-code");

    let item =
        env.sql("select status || ' ' || cast(body is null as integer) || ' ' || cast(path is null as integer) from outbox;");
    assert_eq!(item, "sent 1 1", "sent, body dropped, no file for smtp");
    assert!(
        !env.sql("select detail from audit;").contains(&c),
        "the code is in the audit log"
    );
    assert_eq!(
        env.sql("select count(*) from audit where event = 'delivery.sent';"),
        "1"
    );
}

#[test]
fn with_the_server_down_the_code_stays_queued_and_notify_send_delivers_it_once() {
    let env = Env::initialised(true);
    let port = free_port();
    smtp_config(&env, port);
    let s = start(&env, ADA);
    let run = env.run(&["session", "email-code", &s]);
    run.code(7)
        .stderr_has("stays queued")
        .stderr_has("Connection refused")
        .stderr_has("cpni notify send");
    let queued = env.run(&["--json", "notify", "list", "--status", "queued"]);
    queued.ok();
    let items: Vec<serde_json::Value> = serde_json::Deserializer::from_str(&queued.stdout)
        .into_iter()
        .collect::<Result<_, _>>()
        .expect("JSON");
    let items: Vec<serde_json::Value> = items
        .into_iter()
        .flat_map(|v| match v {
            serde_json::Value::Array(a) => a,
            other => vec![other],
        })
        .collect();
    assert_eq!(items.len(), 1, "{}", queued.dump());
    assert_eq!(items[0]["kind"], "email-code");
    assert_eq!(items[0]["recipient"], "ada@example.com");
    assert_eq!(items[0]["attempts"], 1);
    assert!(
        items[0]["last_error"]
            .as_str()
            .is_some_and(|e| e.contains("Connection refused")),
        "{}",
        items[0]
    );
    assert!(
        items[0].get("body").is_none_or(|b| b.is_null()),
        "no code in the listing"
    );
    assert_eq!(
        env.sql("select count(*) from audit where event = 'delivery.failed';"),
        "1"
    );

    // The server comes back. A retry is due after the backoff: move it into the past.
    let server = Smtpd::start(env.root(), port);
    env.sql("update outbox set next_try_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 seconds');");
    let run = env.run(&["--json", "notify", "send"]);
    run.ok();
    let v = run.json();
    assert_eq!(v["sent"].as_array().map(Vec::len), Some(1), "{v}");
    assert_eq!(v["queued"], 0);
    let msgs = server.messages();
    assert_eq!(msgs.len(), 1);
    let c = code_in_email(&msgs[0].replace("\r\n", "\n"));

    // A second run sends nothing more.
    let run = env.run(&["--json", "notify", "send"]);
    run.ok();
    assert_eq!(run.json()["sent"], serde_json::json!([]));
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(server.messages().len(), 1, "delivered exactly once");

    assert_eq!(env.sql("select status from outbox;"), "sent");
    assert_eq!(
        env.sql("select count(*) from outbox where body is not null;"),
        "0",
        "a sent code message keeps no body"
    );
    assert!(
        !env.sql("select detail from audit;").contains(&c),
        "the code is in the audit log"
    );
    assert_eq!(
        env.sql("select count(*) from audit where event = 'delivery.sent';"),
        "1"
    );
    // The code still verifies (within its 10 minutes).
    code(&env, &s, &c).ok();
}

#[test]
fn a_server_that_never_answers_is_reported_as_a_timeout() {
    let env = Env::initialised(true);
    // Listening (the kernel completes the handshake) but never accepting or answering.
    let hung = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = hung.local_addr().expect("addr").port();
    env.write_config(&format!(
        "{TEST_CONFIG}\n[mail]\ntransport = \"smtp\"\n[mail.smtp]\nhost = \"127.0.0.1\"\n\
         port = {port}\ntls = \"none\"\ntimeout_secs = 1\n"
    ));
    let s = start(&env, ADA);
    let started = Instant::now();
    env.run(&["session", "email-code", &s])
        .code(7)
        .stderr_has("did not answer within 1 s")
        .stderr_has("stays queued");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the timeout applies"
    );
    assert_eq!(env.sql("select status from outbox;"), "queued");
    drop(hung);
}

/// A session on Ada verified by PIN.
fn verified_ada(env: &Env) -> String {
    let s = start(env, ADA);
    env.run_stdin(
        &["session", "pin", &s, "--pin-stdin"],
        &format!("{}\n", crate::calls::ADA_PIN),
    )
    .ok();
    s
}

#[test]
fn an_email_change_notice_reaches_the_old_address_through_smtp() {
    let env = Env::initialised(true);
    let port = free_port();
    let server = Smtpd::start(env.root(), port);
    smtp_config(&env, port);
    let s = verified_ada(&env);
    env.run(&[
        "customer",
        "set-email",
        ADA,
        "--email",
        "mallory@evil.example",
        "--session",
        &s,
    ])
    .ok();
    let messages = server.messages();
    assert_eq!(messages.len(), 1, "one email notice: {messages:#?}");
    let msg = &messages[0];
    assert_eq!(header(msg, "To").as_deref(), Some("ada@example.com"));
    assert!(header(msg, "Subject").is_some_and(|s| !s.contains("mallory")));
    assert!(
        !msg.contains("mallory") && !msg.contains("evil.example"),
        "{msg}"
    );
    assert!(
        msg.contains("email address on your account was changed"),
        "{msg}"
    );
    // The letter to the old postal address went to the mailroom folder.
    assert_eq!(
        env.sql("select channel || ':' || status from outbox where kind = 'notice' order by id;"),
        "email:sent\nletter:sent"
    );
}

#[test]
fn with_the_server_down_a_change_commits_and_its_notice_is_delivered_once_later() {
    let env = Env::initialised(true);
    let port = free_port();
    smtp_config(&env, port);
    let s = verified_ada(&env);
    env.run(&[
        "customer",
        "set-email",
        ADA,
        "--email",
        "new@example.org",
        "--session",
        &s,
    ])
    .code(7)
    .stderr_has("the change is saved");
    assert_eq!(
        env.sql("select email from customer where account = 'DEMO-1001';"),
        "new@example.org"
    );
    let queued = env.sql("select status || ' ' || recipient || ' ' || cast(last_error is not null as integer) from outbox where kind = 'notice' and channel = 'email';");
    assert_eq!(queued, "queued ada@example.com 1");
    let server = Smtpd::start(env.root(), port);
    env.run(&["notify", "send", "--now"]).ok();
    env.run(&["notify", "send", "--now"]).ok();
    let messages = server.messages();
    assert_eq!(messages.len(), 1, "delivered exactly once: {messages:#?}");
    assert_eq!(
        header(&messages[0], "To").as_deref(),
        Some("ada@example.com")
    );
    assert!(!messages[0].contains("new@example.org"));
    assert_eq!(env.sql("select count(*) from audit where event = 'delivery.sent' and json_extract(detail, '$.kind') = 'notice';"), "2");
}
