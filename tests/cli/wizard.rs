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

pub const DOWN: &str = "\x1b[B";
/// Up from the first item wraps to the last: "End the call".
pub const UP: &str = "\x1b[A";
pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";

/// Everything the wizard wrote to the terminal (and what the test typed), for failure messages.
#[derive(Clone, Default)]
pub struct Transcript(Arc<Mutex<Vec<u8>>>);

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
    pub fn text(&self) -> String {
        self.0
            .lock()
            .map(|v| String::from_utf8_lossy(&v).into_owned())
            .unwrap_or_default()
    }

    /// Only what the program wrote to the terminal (the logger's `read:` lines).
    pub fn output(&self) -> String {
        self.text()
            .lines()
            .filter(|l| !l.starts_with("write:"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// `cpni ARGS` on a pseudo-terminal, with TERM=xterm and the fixture's environment.
pub struct Pty {
    p: Session<OsProcess, LogStream<OsStream, Transcript>>,
    pub log: Transcript,
    /// Everything the program wrote, raw (escape sequences included), up to the last match.
    pub raw: Vec<u8>,
    /// Keys sent so far (an arrow or Escape counts as one key).
    pub keys: usize,
}

/// How many keys `s` is: an escape sequence (`ESC [ X`) is one key, as is every other char.
pub fn key_count(s: &str) -> usize {
    let mut n = 0;
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        n += 1;
        if c == '\x1b' && it.peek() == Some(&'[') {
            it.next();
            it.next();
        }
    }
    n
}

impl Pty {
    pub fn spawn(env: &Env, args: &[&str]) -> Pty {
        Pty::spawn_sized(env, args, 120, 40, &[])
    }

    /// On a terminal of `cols` x `rows`, with extra env. ptyprocess sets 80x24 in the parent
    /// after the child has started, so the size is set here afterwards and the child waits
    /// (in sh) until it sees it before cpni starts: no output is ever drawn at another width.
    pub fn spawn_sized(
        env: &Env,
        args: &[&str],
        cols: u16,
        rows: u16,
        vars: &[(&str, &str)],
    ) -> Pty {
        let inner = env.command(args);
        let mut cmd = std::process::Command::new("sh");
        cmd.arg("-c")
            .arg(format!(
                "while [ \"$(stty size)\" != \"{rows} {cols}\" ]; do sleep 0.01; done; exec \"$0\" \"$@\""
            ))
            .arg(inner.get_program())
            .args(inner.get_args());
        if let Some(d) = inner.get_current_dir() {
            cmd.current_dir(d);
        }
        for (k, v) in inner.get_envs() {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            };
        }
        cmd.env("TERM", "xterm").env_remove("NO_COLOR");
        cmd.envs(vars.iter().copied());
        let mut p = Session::spawn(cmd).expect("spawn cpni on a pty");
        p.get_process_mut()
            .set_window_size(cols, rows)
            .expect("set the pty's size");
        let log = Transcript::default();
        let mut p = expectrl::session::log(p, log.clone()).expect("log the pty");
        p.set_expect_timeout(Some(Duration::from_secs(20)));
        Pty {
            p,
            log,
            raw: Vec::new(),
            keys: 0,
        }
    }

    #[track_caller]
    pub fn expect(&mut self, needle: &str) {
        match self.p.expect(needle) {
            Ok(found) => {
                self.raw.extend_from_slice(found.before());
                for m in found.matches() {
                    self.raw.extend_from_slice(m);
                }
            }
            Err(e) => panic!(
                "waiting for {needle:?}: {e}\n--- terminal so far ---\n{}",
                self.log.text()
            ),
        }
    }

    /// The raw output so far as text.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.raw).into_owned()
    }

    #[track_caller]
    pub fn send(&mut self, keys: &str) {
        self.keys += key_count(keys);
        self.p.send(keys).expect("send keys");
    }

    /// Sends keys that are not counted (the secret's digits, the note's text).
    #[track_caller]
    pub fn type_uncounted(&mut self, text: &str) {
        self.p.send(text).expect("send keys");
    }

    /// Waits until the hidden prompt has turned ECHO off, so typed keys are not discarded.
    #[track_caller]
    pub fn wait_echo_off(&mut self) {
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

    /// Sends SIGINT to cpni (as `kill -INT` would), not as a key.
    pub fn signal_int(&mut self) {
        let pid = self.p.get_process().pid().as_raw();
        // SAFETY: kill(2) on the child we spawned.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0, "kill -INT");
    }

    /// Sends `sig` to cpni (as `kill` would: a closed terminal window sends SIGHUP).
    pub fn signal(&mut self, sig: libc::c_int) {
        let pid = self.p.get_process().pid().as_raw();
        // SAFETY: kill(2) on the child we spawned.
        assert_eq!(unsafe { libc::kill(pid, sig) }, 0, "kill");
    }

    /// Reads to the end and returns the exit code.
    #[track_caller]
    pub fn exit_code(&mut self) -> i32 {
        match self.p.expect(Eof) {
            Ok(found) => self.raw.extend_from_slice(found.before()),
            Err(e) => panic!("waiting for the end: {e}\n{}", self.log.text()),
        }
        match self.p.get_process().wait().expect("wait for cpni") {
            WaitStatus::Exited(_, code) => code,
            other => panic!("cpni did not exit normally: {other:?}\n{}", self.log.text()),
        }
    }

    /// Escape at the next call's account prompt: quit the wizard; returns the exit code.
    #[track_caller]
    pub fn quit(&mut self) -> i32 {
        self.expect("Account id (Esc to quit)");
        self.send(ESC);
        self.exit_code()
    }
}

/// The events recorded for the wizard's session (the only session in the database).
pub fn session_events(env: &Env) -> Vec<String> {
    env.sql("select event from audit where session like 'S-%' order by seq;")
        .lines()
        .map(str::to_string)
        .collect()
}

/// Through the PIN prompt of DEMO-1001 for account information: `1` (intent), `1` (PIN).
pub fn to_pin_prompt(t: &mut Pty) {
    t.expect("What does the caller want to discuss?");
    t.send("1"); // Account information
    t.expect("How will you verify the caller?");
    t.send("1"); // Account PIN
    t.expect("? PIN: ");
    t.wait_echo_off();
}

#[test]
fn the_pin_path_end_to_end() {
    let env = Env::initialised(true);
    let mut t = Pty::spawn(&env, &["verify", ADA]);
    // The caller card, contacts masked.
    t.expect("Ada Lovelace");
    t.expect("***-***-0142");
    t.expect("a***@example.com");
    to_pin_prompt(&mut t);
    t.type_uncounted(ADA_PIN);
    t.send(ENTER);
    t.expect("Verified by the account PIN");
    t.expect("CPNI approval for marketing: "); // the marketing-approval status, after verification
    t.expect("What next?");
    t.expect("1) Record a discussion: account information");
    t.send("1");
    t.expect("Purpose");
    t.expect("1) The caller asked for it");
    t.send("1");
    t.expect("Note (optional)");
    t.type_uncounted("bill question");
    t.send(ENTER);
    t.expect("Recorded: account information discussed");
    t.expect("What next?");
    t.expect("5) Record the caller's choice on marketing");
    t.send("5");
    t.expect("May we use information about your services"); // the words to say
    t.expect("The caller's choice");
    t.send("2"); // denies
    t.expect("Evidence");
    t.type_uncounted("REC-77");
    t.send(ENTER);
    t.expect("Recorded. CPNI approval: ");
    t.expect("0) End the call");
    t.send("0");
    t.expect("ended and recorded");
    t.expect("Call summary");
    t.expect("verified by  the account PIN");
    t.expect("discussed    account information");
    t.expect("duration     ");
    assert_eq!(t.quit(), 0, "{}", t.log.text());
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
fn the_email_code_path_offers_callback_and_sending_in_place() {
    let env = Env::initialised(true);
    let mut t = Pty::spawn(&env, &["verify", ADA]);
    t.expect("What does the caller want to discuss?");
    t.send("1"); // Account information
    t.expect("How will you verify the caller?");
    t.expect("2) Email a one-time code to the email of record");
    t.send(DOWN); // arrows move, Enter chooses
    t.send(ENTER);
    t.expect("Code sent to a***@example.com");
    t.expect("? Code: ");
    let eml = newest(&outbox(&env), "-email-code.eml");
    let code = code_in_email(&std::fs::read_to_string(eml).expect("read the .eml"));
    t.wait_echo_off();
    // Read with a space in the middle, as callers do: the space is ignored.
    t.type_uncounted(&format!("{} {}", &code[..3], &code[3..]));
    t.send(ENTER);
    t.expect("Verified by a code emailed");
    t.expect("Call detail may NOT be discussed");
    t.expect("What next?");
    // Every route the rules allow on this basis, in place: callback and sending.
    t.expect("1) Call back the telephone number of record");
    t.expect("2) Record a discussion: account information");
    t.expect("3) Send the information to the email of record");
    t.expect("End the call");
    let menu = t.screen();
    assert!(
        !menu.contains("cpni session"),
        "a shell command offered:\n{menu}"
    );
    t.send("0"); // End the call: verified, nothing recorded -> warned
    t.expect("nothing was recorded");
    t.send("2");
    t.expect("ended and recorded");
    assert_eq!(t.quit(), 0, "{}", t.log.text());
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
    t.send("1");
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
    to_pin_prompt(&mut t);
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
fn a_code_that_expires_while_the_prompt_is_open_is_refused_without_spending_an_attempt() {
    // The expiry is judged when the caller reads the code, not when the prompt opened.
    let env = Env::initialised(true);
    let earlier = crate::calls::start(&env, ADA);
    let code = crate::calls::email_code(&env, &earlier);
    let mut t = Pty::spawn(&env, &["verify", ADA]);
    t.expect("What does the caller want to discuss?");
    t.send("1"); // Account information
    t.expect("How will you verify the caller?");
    t.expect("3) Caller has a code from an earlier letter or email");
    t.send("3");
    t.expect("Please read me the code from the letter or email");
    t.expect("? Code: ");
    t.wait_echo_off();
    // The code expires now, while the prompt is open.
    env.sql(
        "update code set expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') where used_at is null;",
    );
    std::thread::sleep(Duration::from_millis(20));
    t.type_uncounted(&code);
    t.send(ENTER);
    t.expect("That code has expired; it did not count");
    t.expect("How will you verify the caller?");
    t.expect("End the call");
    t.send(UP);
    t.send(ENTER);
    t.expect("ended");
    assert_eq!(t.quit(), 1, "not verified\n{}", t.log.text());
    let fail = env
        .sql("select json_extract(detail, '$.expired') from audit where event = 'auth.code.fail';");
    assert_eq!(fail, "1");
    assert_eq!(
        env.sql("select count(*) from audit where event = 'auth.code.ok';"),
        "0"
    );
    assert_eq!(
        env.sql("select failures from customer where account = 'DEMO-1001';"),
        "0",
        "an expired code is not a wrong answer"
    );
    assert_eq!(
        env.sql(&format!(
            "select secret_failures from session where id != '{earlier}';"
        )),
        "0",
        "an expired code does not spend one of the call's attempts"
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
