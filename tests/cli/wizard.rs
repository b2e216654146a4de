//! The guided wizard (`cpni verify`) driven through a real pseudo-terminal with expectrl 0.9
//! (ecosystem.md §5): arrow keys and Enter on the menus, a PIN or code typed at the hidden
//! prompt only once the terminal's ECHO flag is off (gotcha 11: dialoguer's Password turns
//! ECHO off with TCSAFLUSH after printing the prompt, discarding keys typed before that).

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use expectrl::process::Termios;
use expectrl::process::unix::WaitStatus;
use expectrl::session::{OsProcess, OsStream};
use expectrl::stream::log::LogStream;
use expectrl::{Eof, Expect, Session};

use crate::calls::{ADA, ADA_PIN, code_in_email, newest, outbox};
use crate::util::Env;

const DOWN: &str = "\x1b[B";
/// Up from the first item wraps to the last: "End the call".
const UP: &str = "\x1b[A";
const ENTER: &str = "\r";

/// Everything the wizard wrote to the terminal (and what the test typed), for failure messages.
#[derive(Clone, Default)]
struct Transcript(Arc<Mutex<Vec<u8>>>);

impl Write for Transcript {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut v) = self.0.lock() {
            v.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Transcript {
    fn text(&self) -> String {
        self.0
            .lock()
            .map(|v| String::from_utf8_lossy(&v).into_owned())
            .unwrap_or_default()
    }

    /// Only what the program wrote to the terminal (the logger's `read:` lines).
    fn output(&self) -> String {
        self.text()
            .lines()
            .filter(|l| !l.starts_with("write:"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// `cpni ARGS` on a pseudo-terminal, with TERM=xterm and the fixture's environment.
struct Pty {
    p: Session<OsProcess, LogStream<OsStream, Transcript>>,
    log: Transcript,
}

impl Pty {
    fn spawn(env: &Env, args: &[&str]) -> Pty {
        let mut cmd = env.command(args);
        cmd.env("TERM", "xterm").env_remove("NO_COLOR");
        let p = Session::spawn(cmd).expect("spawn cpni on a pty");
        let log = Transcript::default();
        let mut p = expectrl::session::log(p, log.clone()).expect("log the pty");
        p.set_expect_timeout(Some(Duration::from_secs(20)));
        Pty { p, log }
    }

    #[track_caller]
    fn expect(&mut self, needle: &str) {
        if let Err(e) = self.p.expect(needle) {
            panic!(
                "waiting for {needle:?}: {e}\n--- terminal so far ---\n{}",
                self.log.text()
            );
        }
    }

    #[track_caller]
    fn send(&mut self, keys: &str) {
        self.p.send(keys).expect("send keys");
    }

    /// Waits until the hidden prompt has turned ECHO off, so typed keys are not discarded.
    #[track_caller]
    fn wait_echo_off(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self
            .p
            .get_process()
            .is_echo()
            .expect("read the pty's termios")
        {
            assert!(
                Instant::now() < deadline,
                "ECHO never turned off\n{}",
                self.log.text()
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Reads to the end and returns the exit code.
    #[track_caller]
    fn exit_code(&mut self) -> i32 {
        if let Err(e) = self.p.expect(Eof) {
            panic!("waiting for the end: {e}\n{}", self.log.text());
        }
        match self.p.get_process().wait().expect("wait for cpni") {
            WaitStatus::Exited(_, code) => code,
            other => panic!("cpni did not exit normally: {other:?}\n{}", self.log.text()),
        }
    }
}

/// The events recorded for the wizard's session (the only session in the database).
fn session_events(env: &Env) -> Vec<String> {
    env.sql("select event from audit where session like 'S-%' order by seq;")
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_pin_path_end_to_end() {
    let env = Env::initialised(true);
    let mut t = Pty::spawn(&env, &["verify", ADA]);
    // The caller card, contacts masked.
    t.expect("Ada Lovelace");
    t.expect("***-***-0142");
    t.expect("a***@example.com");
    t.expect("What does the caller want to discuss?");
    t.send(ENTER); // Account information
    t.expect("How will you verify the caller?");
    t.send(ENTER); // Account PIN
    t.expect("Ask the caller for the account PIN");
    t.wait_echo_off();
    t.send(&format!("{ADA_PIN}{ENTER}"));
    t.expect("verified");
    t.expect("CPNI approval for marketing: "); // the marketing-approval status, after verification
    t.expect("Next");
    t.send(ENTER); // Record a discussion: account
    t.expect("Purpose");
    t.send(ENTER); // customer-request
    t.expect("Note (optional)");
    t.send(&format!("bill question{ENTER}"));
    t.expect("Recorded: account discussed");
    t.expect("Next");
    t.send(&format!("{UP}{UP}{ENTER}")); // the caller's marketing choice
    t.expect("The caller's choice");
    t.send(&format!("{DOWN}{ENTER}")); // denies
    t.expect("Evidence");
    t.send(&format!("REC-77{ENTER}"));
    t.expect("Recorded. CPNI approval: ");
    t.expect("Next");
    t.send(&format!("{UP}{ENTER}")); // wraps to the last item: End the call
    t.expect("ended");
    assert_eq!(t.exit_code(), 0, "{}", t.log.text());
    assert!(
        !t.log.output().contains(ADA_PIN),
        "the PIN was echoed:\n{}",
        t.log.text()
    );

    assert_eq!(
        session_events(&env),
        [
            "session.start",
            "auth.pin.ok",
            "disclosure",
            "consent.record",
            "session.end"
        ]
    );
    let d = env.sql(
        "select json_extract(detail, '$.scope') || ' ' || json_extract(detail, '$.channel') || ' ' \
         || json_extract(detail, '$.purpose') || ' ' || json_extract(detail, '$.note') \
         from audit where event = 'disclosure';",
    );
    assert_eq!(d, "account phone customer-request bill question");
    assert_eq!(
        env.sql("select end_reason from session;"),
        "ended",
        "the session row"
    );
}

#[test]
fn the_email_code_path_end_to_end() {
    let env = Env::initialised(true);
    let mut t = Pty::spawn(&env, &["verify", ADA]);
    t.expect("What does the caller want to discuss?");
    t.send(ENTER); // Account information
    t.expect("How will you verify the caller?");
    t.expect("Email a one-time code to the email of record");
    // Routes for account information on DEMO-1001: PIN, callback, email code, …
    t.send(&format!("{DOWN}{DOWN}{ENTER}"));
    t.expect("Code sent to a***@example.com");
    t.expect("Ask the caller to read the code");
    let eml = newest(&outbox(&env), "-email-code.eml");
    let code = code_in_email(&std::fs::read_to_string(eml).expect("read the .eml"));
    t.wait_echo_off();
    t.send(&format!("{code}{ENTER}"));
    t.expect("verified");
    t.expect("Call detail may NOT be discussed");
    t.expect("Next");
    t.send(&format!("{UP}{ENTER}")); // wraps to the last item: End the call
    t.expect("ended");
    assert_eq!(t.exit_code(), 0, "{}", t.log.text());
    assert!(
        !t.log.output().contains(&code),
        "the code was echoed:\n{}",
        t.log.text()
    );
    assert_eq!(
        session_events(&env),
        [
            "session.start",
            "code.issued",
            "delivery.sent",
            "auth.code.ok",
            "session.end"
        ]
    );
}

#[test]
fn ctrl_c_at_a_menu_abandons_the_session_and_exits_130() {
    let env = Env::initialised(true);
    let mut t = Pty::spawn(&env, &["verify", ADA]);
    t.expect("What does the caller want to discuss?");
    t.send(ENTER);
    t.expect("How will you verify the caller?");
    t.send("\x03");
    t.expect("abandoned");
    assert_eq!(t.exit_code(), 130, "{}", t.log.text());
    assert_eq!(session_events(&env), ["session.start", "session.abandoned"]);
    assert_eq!(env.sql("select end_reason from session;"), "abandoned");
}

#[test]
fn ctrl_c_at_the_hidden_pin_prompt_abandons_the_session_too() {
    let env = Env::initialised(true);
    let mut t = Pty::spawn(&env, &["verify", ADA]);
    t.expect("What does the caller want to discuss?");
    t.send(ENTER);
    t.expect("How will you verify the caller?");
    t.send(ENTER);
    t.expect("Ask the caller for the account PIN");
    t.wait_echo_off();
    t.send("80\x03");
    t.expect("abandoned");
    assert_eq!(t.exit_code(), 130, "{}", t.log.text());
    assert_eq!(session_events(&env), ["session.start", "session.abandoned"]);
    assert_eq!(
        env.sql("select failures from customer where account = 'DEMO-1001';"),
        "0",
        "an interrupted PIN is not a wrong PIN"
    );
}

#[test]
fn a_code_that_expires_while_the_prompt_is_open_is_refused() {
    // The expiry is judged when the caller reads the code, not when the prompt opened.
    let env = Env::initialised(true);
    let earlier = crate::calls::start(&env, ADA);
    let code = crate::calls::email_code(&env, &earlier);
    let mut t = Pty::spawn(&env, &["verify", ADA]);
    t.expect("What does the caller want to discuss?");
    t.send(ENTER); // Account information
    t.expect("How will you verify the caller?");
    t.expect("Caller has a code from an earlier letter or email");
    // PIN, callback, email code, mail code, code from earlier.
    t.send(&format!("{DOWN}{DOWN}{DOWN}{DOWN}{ENTER}"));
    t.expect("Ask the caller to read the code from the letter or email");
    t.wait_echo_off();
    // The code expires now, while the prompt is open.
    env.sql(
        "update code set expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') where used_at is null;",
    );
    std::thread::sleep(Duration::from_millis(20));
    t.send(&format!("{code}{ENTER}"));
    t.expect("expired");
    t.expect("How will you verify the caller?");
    t.expect("End the call");
    t.send(&format!("{UP}{ENTER}"));
    t.expect("ended");
    assert_eq!(t.exit_code(), 1, "not verified\n{}", t.log.text());
    let fail = env
        .sql("select json_extract(detail, '$.expired') from audit where event = 'auth.code.fail';");
    assert_eq!(fail, "1");
    assert_eq!(
        env.sql("select count(*) from audit where event = 'auth.code.ok';"),
        "0"
    );
}

#[test]
fn verify_without_a_terminal_names_the_session_subcommands() {
    let env = Env::initialised(true);
    let before = env.counts();
    env.run(&["verify", ADA])
        .code(2)
        .stderr_has("needs a terminal")
        .stderr_has("cpni session start")
        .stderr_has("session pin --pin-stdin");
    assert_eq!(env.counts(), before, "nothing recorded");
}
