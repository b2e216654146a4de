//! Helpers for tests of one call (`cpni session …`): open a session, read back the one-time
//! codes the `file` transport wrote to the outbox, and backdate records with the sqlite3 CLI.

use std::io::Write;
use std::path::PathBuf;
use std::process::Stdio;

use crate::util::{Env, Run};

/// The demo accounts' PINs (`src/commands/demo_data.rs`).
pub const ADA: &str = "DEMO-1001";
pub const ADA_PIN: &str = "804713";
pub const GRACE: &str = "DEMO-1002";
pub const ALAN: &str = "DEMO-1003";
pub const ACME: &str = "DEMO-1004";

/// `cpni session start ACCOUNT`: the id alone on stdout.
#[track_caller]
pub fn start(env: &Env, account: &str) -> String {
    let run = env.run(&["session", "start", account]);
    run.ok();
    let id = run.stdout.trim().to_string();
    assert!(
        id.starts_with("S-") && id.len() == 12,
        "session start printed {id:?}\n{}",
        run.dump()
    );
    id
}

/// `cpni ARGS` with `stdin` on its standard input. Unlike `Env::run_stdin`, a step refused
/// before it reads stdin (locked, attempts used) may exit before the write: a broken pipe is
/// not a test failure here.
pub fn run_secret(env: &Env, args: &[&str], stdin: &str) -> Run {
    let mut child = env
        .command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the cpni binary");
    let mut pipe = child.stdin.take().expect("stdin pipe");
    if let Err(e) = pipe.write_all(stdin.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    drop(pipe);
    let out = child.wait_with_output().expect("wait for cpni");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `cpni --json session pin S --pin-stdin` with `pin` on stdin.
pub fn pin(env: &Env, session: &str, pin: &str) -> Run {
    run_secret(
        env,
        &["--json", "session", "pin", session, "--pin-stdin"],
        &format!("{pin}\n"),
    )
}

/// `cpni --json session code S --code-stdin` with `code` on stdin.
pub fn code(env: &Env, session: &str, code: &str) -> Run {
    run_secret(
        env,
        &["--json", "session", "code", session, "--code-stdin"],
        &format!("{code}\n"),
    )
}

/// `cpni --json session disclose S --scope SCOPE --purpose customer-request [extra…]`.
pub fn disclose(env: &Env, session: &str, scope: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "--json",
        "session",
        "disclose",
        session,
        "--scope",
        scope,
        "--purpose",
        "customer-request",
    ];
    args.extend_from_slice(extra);
    env.run(&args)
}

/// `cpni --json session send S --via VIA --scope SCOPE --purpose customer-request`.
pub fn send(env: &Env, session: &str, via: &str, scope: &str) -> Run {
    env.run(&[
        "--json",
        "session",
        "send",
        session,
        "--via",
        via,
        "--scope",
        scope,
        "--purpose",
        "customer-request",
        "--note",
        "your March statement",
    ])
}

/// The outbox folder of the `file` transport: `<db dir>/outbox`.
pub fn outbox(env: &Env) -> PathBuf {
    env.db().parent().expect("db folder").join("outbox")
}

/// The newest file in `dir` whose name ends with `suffix` (names start with the outbox id).
#[track_caller]
pub fn newest(dir: &std::path::Path, suffix: &str) -> PathBuf {
    let mut found: Vec<(i64, PathBuf)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            let id = name.split('-').next()?.parse().ok()?;
            Some((id, p))
        })
        .collect();
    found.sort();
    found
        .pop()
        .unwrap_or_else(|| panic!("no *{suffix} in {}", dir.display()))
        .1
}

/// The first run of exactly `len` ASCII digits after `marker` in `text`.
#[track_caller]
pub fn digits_after(text: &str, marker: &str, len: usize) -> String {
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker:?} in:\n{text}"));
    let rest = &text[at + marker.len()..];
    let token = rest
        .split(|c: char| !c.is_ascii_digit())
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    assert_eq!(
        token.len(),
        len,
        "expected {len} digits after {marker:?} in:\n{text}"
    );
    token.to_string()
}

/// The 6-digit code in an emailed code message.
pub fn code_in_email(text: &str) -> String {
    digits_after(text, "Your one-time verification code is:", 6)
}

/// `session email-code S` (must succeed), then the code read from the newest `.eml`.
#[track_caller]
pub fn email_code(env: &Env, session: &str) -> String {
    env.run(&["session", "email-code", session]).ok();
    let path = newest(&outbox(env), "-email-code.eml");
    code_in_email(&std::fs::read_to_string(&path).expect("read the .eml"))
}

/// `session mail-code S` (must succeed), then the 8-digit code read from the newest letter.
#[track_caller]
pub fn mail_code(env: &Env, session: &str) -> String {
    env.run(&["session", "mail-code", session]).ok();
    let path = newest(&outbox(env).join("letters"), "-mail-code.txt");
    let text = std::fs::read_to_string(&path).expect("read the letter");
    digits_after(&text, "verification code is:", 8)
}

/// Sets `customer.COLUMN` of `account` to now minus `days` days (stored format, UTC ms), as a
/// test's set-up (the row is resealed, so steps act on it).
pub fn backdate(env: &Env, account: &str, column: &str, days: i64) {
    env.sql(&format!(
        "update customer set {column} = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-{days} days') \
         where account = '{account}';"
    ));
    env.reseal();
}

/// Events of the audit rows of `session`, in order, one per line.
pub fn events(env: &Env, session: &str) -> Vec<String> {
    env.sql(&format!(
        "select event from audit where session = '{session}' order by seq;"
    ))
    .lines()
    .map(str::to_string)
    .collect()
}

/// How many audit rows of `session` have `event`.
pub fn count_events(env: &Env, session: &str, event: &str) -> usize {
    events(env, session).iter().filter(|e| *e == event).count()
}

/// The JSON `allowed.discuss` list of a step's output.
pub fn discuss_of(v: &serde_json::Value) -> Vec<String> {
    v["allowed"]["discuss"]
        .as_array()
        .unwrap_or_else(|| panic!("no allowed.discuss in {v}"))
        .iter()
        .map(|s| s.as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn an_ended_session_shows_that_nothing_more_is_allowed() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    pin(&env, &s, ADA_PIN).ok();
    env.run(&["session", "end", &s]).ok();
    let run = env.run(&["--json", "session", "show", &s]);
    run.ok();
    let doc = run.json();
    assert_eq!(
        doc["allowed"]["discuss"],
        serde_json::json!([]),
        "{}",
        run.dump()
    );
    assert_eq!(
        doc["allowed"]["send"],
        serde_json::json!([]),
        "{}",
        run.dump()
    );
    let run = env.run(&["session", "show", &s]);
    run.ok();
    assert!(!run.stdout.contains("may discuss"), "{}", run.dump());
    assert!(
        run.stdout.contains("nothing more may be discussed"),
        "{}",
        run.dump()
    );
}
