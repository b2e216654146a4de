//! Mail faults against real sockets on loopback: a server that is down, one that accepts and
//! never answers, one that answers 4xx, one that answers 5xx, and two senders at once. Each
//! gives a clear message and exit 7; the item stays queued (or is failed for good on 5xx);
//! and once the server is fixed, `notify send --now` delivers each queued item exactly once,
//! counted on the server. (`smtp.rs` covers the happy path with aiosmtpd.)
//!
//! The server here is a few lines of SMTP on a thread, so a test can switch its behaviour
//! while cpni runs and count the messages it accepted.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::calls::{ADA, start};
use crate::smtp::smtp_config;
use crate::util::{Env, Run, TEST_CONFIG};

/// How the fake server answers.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    /// A normal server: accepts every message.
    Accept,
    /// Accepts the connection and never says anything.
    Silent,
    /// Answers `MAIL FROM` with this code (451 or 550).
    RejectMail(u16),
    /// Accepts, but waits this long before confirming a message's data.
    SlowData(Duration),
}

#[derive(Default)]
struct State {
    mode: Option<Mode>,
    messages: Vec<String>,
}

/// An SMTP server on 127.0.0.1 on its own thread; lives as long as the test.
struct FakeSmtp {
    port: u16,
    state: Arc<Mutex<State>>,
}

impl FakeSmtp {
    fn start(mode: Mode) -> FakeSmtp {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the fake SMTP server");
        FakeSmtp::serve(listener, mode)
    }

    /// A server in [`Mode::Accept`] on a given (free) port.
    fn start_on(port: u16) -> FakeSmtp {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind the fake SMTP port");
        FakeSmtp::serve(listener, Mode::Accept)
    }

    fn serve(listener: TcpListener, mode: Mode) -> FakeSmtp {
        let port = listener.local_addr().expect("addr").port();
        let state = Arc::new(Mutex::new(State {
            mode: Some(mode),
            messages: Vec::new(),
        }));
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { continue };
                let st = Arc::clone(&shared);
                std::thread::spawn(move || {
                    let _ = session(conn, &st);
                });
            }
        });
        FakeSmtp { port, state }
    }

    fn set(&self, mode: Mode) {
        self.state.lock().expect("state").mode = Some(mode);
    }

    /// Messages accepted so far (their DATA).
    fn messages(&self) -> Vec<String> {
        self.state.lock().expect("state").messages.clone()
    }
}

fn session(conn: TcpStream, st: &Mutex<State>) -> std::io::Result<()> {
    let mode = st.lock().expect("state").mode.unwrap_or(Mode::Accept);
    if mode == Mode::Silent {
        // Hold the connection open, say nothing (until the client gives up).
        let mut buf = [0u8; 512];
        let mut c = conn;
        while std::io::Read::read(&mut c, &mut buf)? > 0 {}
        return Ok(());
    }
    let mut out = conn.try_clone()?;
    let mut lines = BufReader::new(conn);
    out.write_all(b"220 fake.test ESMTP\r\n")?;
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
        let reply: String = match verb.as_str() {
            "EHLO" | "HELO" => "250 fake.test\r\n".into(),
            "MAIL" => match mode {
                Mode::RejectMail(451) => "451 4.3.0 try again later\r\n".into(),
                Mode::RejectMail(code) => format!("{code} 5.7.1 sender refused\r\n"),
                _ => "250 OK\r\n".into(),
            },
            "RCPT" | "RSET" | "NOOP" => "250 OK\r\n".into(),
            "DATA" => {
                out.write_all(b"354 go ahead\r\n")?;
                let mut data = String::new();
                loop {
                    let mut l = String::new();
                    if lines.read_line(&mut l)? == 0 {
                        return Ok(());
                    }
                    if l == ".\r\n" || l == ".\n" {
                        break;
                    }
                    data.push_str(&l);
                }
                if let Mode::SlowData(d) = mode {
                    std::thread::sleep(d);
                }
                st.lock().expect("state").messages.push(data);
                "250 queued\r\n".into()
            }
            "QUIT" => {
                out.write_all(b"221 bye\r\n")?;
                return Ok(());
            }
            _ => "502 not implemented\r\n".into(),
        };
        out.write_all(reply.as_bytes())?;
    }
}

/// The outbox item ids with `status`.
fn ids_with(env: &Env, status: &str) -> Vec<String> {
    env.sql(&format!(
        "select id from outbox where status = '{status}' order by id;"
    ))
    .lines()
    .map(str::to_string)
    .collect()
}

fn delivery_records(env: &Env, event: &str) -> String {
    env.sql(&format!(
        "select count(*) from audit where event = '{event}';"
    ))
}

/// Queues an email code for a new session on ADA (with whatever the server does).
fn email_code(env: &Env) -> Run {
    let s = start(env, ADA);
    env.run(&["session", "email-code", &s])
}

/// `notify send --now` must now deliver every queued item, each exactly once on the server.
#[track_caller]
fn retry_delivers_each_once(env: &Env, server: &FakeSmtp, queued: usize) {
    server.set(Mode::Accept);
    let run = env.run(&["--json", "notify", "send", "--now"]);
    run.ok();
    assert_eq!(
        run.json()["sent"].as_array().map(Vec::len),
        Some(queued),
        "{}",
        run.dump()
    );
    // Again: nothing left to send.
    let again = env.run(&["--json", "notify", "send", "--now"]);
    again.ok();
    assert_eq!(
        again.json()["sent"],
        serde_json::json!([]),
        "{}",
        again.dump()
    );
    assert_eq!(
        server.messages().len(),
        queued,
        "each item delivered exactly once"
    );
    assert!(ids_with(env, "queued").is_empty());
    assert_eq!(delivery_records(env, "delivery.sent"), queued.to_string());
}

#[test]
fn server_down_connection_refused_stays_queued_then_delivers_once() {
    let env = Env::initialised(true);
    // Bind, learn the port, close: nothing listens there (connection refused).
    let port = crate::smtp::free_port();
    smtp_config(&env, port);
    email_code(&env)
        .code(7)
        .stderr_has("Connection refused")
        .stderr_has("stays queued");
    email_code(&env).code(7);
    assert_eq!(ids_with(&env, "queued").len(), 2);
    // Inside the backoff, a plain `notify send` tries nothing.
    let run = env.run(&["--json", "notify", "send"]);
    run.ok();
    assert_eq!(run.json()["sent"], serde_json::json!([]));
    assert_eq!(env.sql("select sum(attempts) from outbox;"), "2");

    // The server comes up on that port.
    let server = FakeSmtp::start_on(port);
    retry_delivers_each_once(&env, &server, 2);
}

#[test]
fn a_server_that_accepts_and_never_answers_times_out_and_stays_queued() {
    let env = Env::initialised(true);
    let server = FakeSmtp::start(Mode::Silent);
    env.write_config(&format!(
        "{TEST_CONFIG}\n[mail]\ntransport = \"smtp\"\n[mail.smtp]\nhost = \"127.0.0.1\"\n\
         port = {}\ntls = \"none\"\ntimeout_secs = 1\n",
        server.port
    ));
    email_code(&env)
        .code(7)
        .stderr_has("did not answer within 1 s (timed out)")
        .stderr_has("stays queued")
        .stderr_has("cpni notify send");
    assert_eq!(ids_with(&env, "queued").len(), 1);
    assert_eq!(delivery_records(&env, "delivery.failed"), "1");
    retry_delivers_each_once(&env, &server, 1);
}

#[test]
fn a_4xx_answer_is_transient_the_item_stays_queued_then_delivers_once() {
    let env = Env::initialised(true);
    let server = FakeSmtp::start(Mode::RejectMail(451));
    smtp_config(&env, server.port);
    let run = email_code(&env);
    run.code(7)
        .stderr_has("451")
        .stderr_has("try again later")
        .stderr_has("stays queued");
    let v = env.run(&["--json", "notify", "list", "--status", "queued"]);
    v.ok().stdout_has("451");
    assert_eq!(
        env.sql(
            "select json_extract(detail, '$.permanent') from audit where event = 'delivery.failed';"
        ),
        "0"
    );
    // Still 4xx: `notify send --now` fails again (exit 7), sends nothing, keeps it queued.
    env.run(&["notify", "send", "--now"])
        .code(7)
        .stderr_has("could not be delivered");
    assert_eq!(
        env.sql("select status || ' ' || attempts from outbox;"),
        "queued 2"
    );
    assert!(server.messages().is_empty());
    retry_delivers_each_once(&env, &server, 1);
}

#[test]
fn a_5xx_answer_fails_the_item_for_good_and_nothing_retries_it() {
    let env = Env::initialised(true);
    let server = FakeSmtp::start(Mode::RejectMail(550));
    smtp_config(&env, server.port);
    email_code(&env)
        .code(7)
        .stderr_has("550")
        .stderr_has("sender refused")
        .stderr_has("failed for good")
        .stderr_has("will not be retried")
        .never_prints("stays queued");
    assert_eq!(
        env.sql("select status || ' ' || attempts from outbox;"),
        "failed 1"
    );
    // The item's body (the code) is gone: nothing will ever send it.
    assert_eq!(
        env.sql("select body is null and attachment is null from outbox;"),
        "1"
    );
    assert_eq!(
        env.sql(
            "select json_extract(detail, '$.permanent') from audit where event = 'delivery.failed';"
        ),
        "1"
    );
    // Even with the server fixed, a failed item is never sent again.
    server.set(Mode::Accept);
    let run = env.run(&["--json", "notify", "send", "--now"]);
    run.ok();
    assert_eq!(run.json()["sent"], serde_json::json!([]));
    assert!(server.messages().is_empty());
    assert_eq!(
        env.sql("select status || ' ' || attempts from outbox;"),
        "failed 1"
    );
}

#[test]
fn two_senders_at_once_deliver_each_queued_item_exactly_once() {
    let env = Env::initialised(true);
    let server = FakeSmtp::start(Mode::RejectMail(451));
    smtp_config(&env, server.port);
    for _ in 0..3 {
        email_code(&env).code(7);
    }
    assert_eq!(ids_with(&env, "queued").len(), 3);
    // A slow server widens the window in which both senders see the same queued items.
    server.set(Mode::SlowData(Duration::from_millis(700)));
    let a = env.command(&["--json", "notify", "send", "--now"]);
    let b = env.command(&["--json", "notify", "send", "--now"]);
    let (a, b) = std::thread::scope(|s| {
        let ha = s.spawn(|| run_cmd(a));
        let hb = s.spawn(|| run_cmd(b));
        (ha.join().expect("a"), hb.join().expect("b"))
    });
    a.ok();
    b.ok();
    let sent = |r: &Run| r.json()["sent"].as_array().map_or(0, Vec::len);
    assert_eq!(sent(&a) + sent(&b), 3, "{}\n{}", a.dump(), b.dump());
    assert_eq!(
        server.messages().len(),
        3,
        "each item delivered exactly once"
    );
    assert_eq!(delivery_records(&env, "delivery.sent"), "3");
    assert_eq!(
        env.sql("select group_concat(status || ':' || attempts, ' ') from outbox;"),
        "sent:2 sent:2 sent:2"
    );
}

fn run_cmd(mut cmd: std::process::Command) -> Run {
    let out = cmd
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run cpni");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn a_queued_message_redirected_by_hand_is_not_delivered() {
    // From the re-attack (issue 11): the recipient of a queued code edited behind cpni's back
    // received the code at the next `notify send`, and only its record was refused.
    let env = Env::initialised(true);
    let port = crate::smtp::free_port();
    smtp_config(&env, port);
    email_code(&env).code(7);
    env.edit_behind_triggers(
        "outbox",
        "update outbox set recipient = 'evil@attacker.example';",
    );
    let server = FakeSmtp::start_on(port);
    env.run(&["notify", "send", "--now"])
        .code(6)
        .stderr_has("changed outside cpni");
    assert!(server.messages().is_empty(), "nothing went out");
    assert_eq!(ids_with(&env, "queued").len(), 1);
}

/// From the review: a delivery whose "sent" record then met a busy database (the writer lock
/// held past `lock_timeout_secs`) used to exit 5 with the item still queued, and the next
/// `notify send` sent it again. Now the record waits for the lock (the item's claim held), so
/// the message goes out once.
#[test]
fn a_delivery_recorded_after_a_busy_wait_is_sent_once() {
    if crate::util::sqlite_only("SQLite's writer lock file held by the test") {
        return;
    }
    let env = Env::initialised(true);
    let port = crate::smtp::free_port();
    env.write_config(&format!(
        "{TEST_CONFIG}\n[storage]\nlock_timeout_secs = 0.3\n[mail]\ntransport = \"smtp\"\n\
         [mail.smtp]\nhost = \"127.0.0.1\"\nport = {port}\ntls = \"none\"\ntimeout_secs = 5\n"
    ));
    email_code(&env).code(7);
    assert_eq!(ids_with(&env, "queued").len(), 1);
    let server = FakeSmtp::start_on(port);
    // Another writer holds the lock for several of cpni's timeouts.
    let lock = std::fs::File::options()
        .read(true)
        .write(true)
        .open(format!("{}.lock", env.db().display()))
        .expect("open the lock file");
    lock.lock().expect("take the writer lock");
    let child = env
        .command(&["notify", "send", "--now"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start notify send");
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(
        server.messages().len(),
        1,
        "delivered while the lock is held"
    );
    drop(lock);
    let out = child.wait_with_output().expect("wait for notify send");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("waiting for the database to record it"),
        "{stderr}"
    );
    let again = env.run(&["--json", "notify", "send", "--now"]);
    again.ok();
    assert_eq!(
        again.json()["sent"],
        serde_json::json!([]),
        "{}",
        again.dump()
    );
    assert_eq!(server.messages().len(), 1, "sent once");
    assert!(ids_with(&env, "queued").is_empty());
    assert_eq!(delivery_records(&env, "delivery.sent"), "1");
}
