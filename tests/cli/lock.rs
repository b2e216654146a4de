//! The writer lock's order and crash safety, with real `cpni` processes: waiters are granted the
//! lock in the order they queued; a holder or a waiter killed with SIGKILL frees its place and
//! the others still get the lock, each exactly once; a waiter that times out in the queue is
//! exit 5 "busy" and changes nothing. No assertion is timed: the tests watch the queue's ticket
//! counter (`<db>.lock-queue`) and `/proc/locks` to know where each process is, and a bound of
//! a minute only turns a hang into a failure.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::{FileExt, MetadataExt};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{Env, TEST_CONFIG, missing_tool};

const ADA: &str = "DEMO-1001";

/// How long a test waits for something that must happen before calling it a hang.
const HANG: Duration = Duration::from_secs(60);

/// A home whose steps wait (almost) forever for the lock, so only the test decides who gets it.
fn patient_env() -> Env {
    let env = Env::initialised(true);
    env.write_config(&format!(
        "{TEST_CONFIG}[storage]\nlock_timeout_secs = 600\n"
    ));
    env
}

fn beside(env: &Env, suffix: &str) -> PathBuf {
    let mut name = env.db().into_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// The queue's ticket counter: the last ticket handed out (0 before the first).
fn tickets(env: &Env) -> u64 {
    let Ok(f) = File::open(beside(env, ".lock-queue")) else {
        return 0;
    };
    let mut b = [0u8; 8];
    match f.read_at(&mut b, 0) {
        Ok(8) => u64::from_le_bytes(b),
        _ => 0,
    }
}

/// Waits until `what` holds, failing the test after [`HANG`].
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let t = Instant::now();
    while !done() {
        assert!(t.elapsed() < HANG, "still waiting after {HANG:?}: {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Starts `session start` and waits until it has taken the next ticket (it then waits in
/// the queue or for the flock).
fn queue_step(env: &Env, cmd: Command) -> Child {
    let before = tickets(env);
    let mut cmd = cmd;
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start cpni");
    wait_for("a step to take its ticket", || tickets(env) > before);
    assert_eq!(
        tickets(env),
        before + 1,
        "one step took more than one ticket"
    );
    child
}

fn step(env: &Env) -> Child {
    queue_step(env, env.command(&["session", "start", ADA]))
}

/// Whether process `pid` holds the `flock` on `<db>.lock` (not merely waits for it).
fn holds_flock(env: &Env, pid: u32) -> bool {
    let ino = std::fs::metadata(beside(env, ".lock"))
        .expect("the lock file")
        .ino();
    let locks = std::fs::read_to_string("/proc/locks").expect("read /proc/locks");
    locks.lines().any(|line| {
        let f: Vec<&str> = line.split_whitespace().collect();
        f.len() >= 6
            && f[1] == "FLOCK"
            && f[3] == "WRITE"
            && f[4] == pid.to_string()
            && f[5].rsplit(':').next() == Some(ino.to_string().as_str())
    })
}

/// The test itself holds the flock, as another writer would.
fn hold_flock(env: &Env) -> File {
    let f = File::options()
        .read(true)
        .write(true)
        .open(beside(env, ".lock"))
        .expect("open the lock file");
    f.lock().expect("take the writer lock");
    f
}

/// The real `sqlite3` CLI inside `BEGIN IMMEDIATE`: a cpni step that gets the writer lock then
/// waits inside it (SQLite's busy wait) until [`release_sqlite`].
fn hold_sqlite(db: &Path) -> (Child, ChildStdin) {
    let mut holder = Command::new("sqlite3")
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{}", missing_tool("sqlite3", &e)));
    let mut stdin = holder.stdin.take().expect("stdin");
    stdin
        .write_all(b"BEGIN IMMEDIATE;\nSELECT 'holding';\n")
        .expect("send BEGIN IMMEDIATE");
    stdin.flush().expect("flush");
    let mut line = String::new();
    BufReader::new(holder.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("read from sqlite3");
    assert_eq!(
        line.trim(),
        "holding",
        "sqlite3 did not take the write lock"
    );
    (holder, stdin)
}

fn release_sqlite(mut holder: Child, mut stdin: ChildStdin) {
    stdin
        .write_all(b"ROLLBACK;\n.quit\n")
        .expect("end the transaction");
    drop(stdin);
    holder.wait().expect("sqlite3 ends");
}

/// Waits for a step (bounded) and returns its exit code and stdout.
fn finish(mut child: Child) -> (i32, String, String) {
    wait_for("a step to finish", || {
        child.try_wait().expect("try_wait").is_some()
    });
    let out = child.wait_with_output().expect("collect the output");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).trim().to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn kill(mut child: Child) {
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
}

/// The sessions of the last `n` `session.start` records, oldest first.
fn last_started(env: &Env, n: usize) -> Vec<String> {
    let rows = env.sql(&format!(
        "select session from (select seq, session from audit where event = 'session.start' \
         order by seq desc limit {n}) order by seq;"
    ));
    rows.lines().map(str::to_string).collect()
}

fn chain_intact(env: &Env) {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/chain_check.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(env.db())
        .output()
        .expect("run python3");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "chain check failed:\n{report}");
    assert!(
        report.contains("forks 0") && report.contains("gaps 0"),
        "{report}"
    );
    env.run(&["audit", "verify"]).ok();
}

#[test]
fn waiters_get_the_lock_in_the_order_they_queued() {
    if crate::util::sqlite_only("SQLite's writer lock file and its queue") {
        return;
    }
    let env = patient_env();
    let before = env.count("audit");
    let held = hold_flock(&env);
    // Started one after another, each only once the previous one has queued.
    let children: Vec<Child> = (0..6).map(|_| step(&env)).collect();
    drop(held);
    let sessions: Vec<String> = children
        .into_iter()
        .map(|c| {
            let (code, stdout, stderr) = finish(c);
            assert_eq!(code, 0, "{stderr}");
            stdout
        })
        .collect();
    assert_eq!(env.count("audit"), before + 6);
    assert_eq!(
        last_started(&env, 6),
        sessions,
        "the lock was granted out of arrival order"
    );
    chain_intact(&env);
}

#[test]
fn a_killed_holder_and_a_killed_waiter_free_their_places() {
    if crate::util::sqlite_only("SQLite's writer lock file and its queue") {
        return;
    }
    let env = patient_env();
    let before = (env.count("audit"), env.count("session"));
    let (sqlite, sqlite_in) = hold_sqlite(&env.db());
    let a = step(&env);
    let a_pid = a.id();
    wait_for("the first step to hold the writer lock", || {
        holds_flock(&env, a_pid)
    });
    let b = step(&env);
    let c = step(&env);
    let c_pid = c.id();
    let d = step(&env);
    let d_pid = d.id();
    // B dies in the middle of the queue, then A dies holding the lock inside its transaction.
    kill(b);
    kill(a);
    wait_for("the third step to get the lock after both deaths", || {
        holds_flock(&env, c_pid)
    });
    assert!(!holds_flock(&env, d_pid), "two steps hold the writer lock");
    release_sqlite(sqlite, sqlite_in);
    let (code_c, session_c, err_c) = finish(c);
    let (code_d, session_d, err_d) = finish(d);
    assert_eq!((code_c, code_d), (0, 0), "{err_c}\n{err_d}");
    // Exactly the two survivors' steps, once each and in order; nothing of the killed ones.
    assert_eq!(env.count("audit"), before.0 + 2);
    assert_eq!(env.count("session"), before.1 + 2);
    assert_eq!(last_started(&env, 2), vec![session_c, session_d]);
    chain_intact(&env);
    // The lock is free again for anyone.
    env.run(&["session", "start", ADA]).ok();
    assert_eq!(env.count("audit"), before.0 + 3);
}

#[test]
fn a_step_that_times_out_in_the_queue_is_busy_and_changes_nothing() {
    if crate::util::sqlite_only("SQLite's writer lock file and its queue") {
        return;
    }
    let env = patient_env();
    let hasty = env.write(
        &env.root().join("hasty.toml"),
        &format!("{TEST_CONFIG}[storage]\nlock_timeout_secs = 0.5\n"),
    );
    let (sqlite, sqlite_in) = hold_sqlite(&env.db());
    let a = step(&env);
    let a_pid = a.id();
    wait_for("the first step to hold the writer lock", || {
        holds_flock(&env, a_pid)
    });
    let before = env.counts();
    let audit = env.count("audit");
    // Queued behind A (which waits for sqlite3), so this one times out in the queue.
    let mut cmd = env.command(&["--json", "--config"]);
    cmd.arg(&hasty).args(["session", "start", ADA]);
    let (code, _, stderr) = finish(queue_step(&env, cmd));
    assert_eq!(code, 5, "{stderr}");
    assert!(stderr.contains("\"busy\""), "{stderr}");
    assert!(stderr.contains("the database is busy"), "{stderr}");
    assert_eq!(env.counts(), before, "the busy step changed something");
    // A step queued after the one that gave up still gets its turn, after A.
    let c = step(&env);
    release_sqlite(sqlite, sqlite_in);
    let (code_a, session_a, err_a) = finish(a);
    let (code_c, session_c, err_c) = finish(c);
    assert_eq!((code_a, code_c), (0, 0), "{err_a}\n{err_c}");
    assert_eq!(
        env.count("audit"),
        audit + 2,
        "the busy step wrote something"
    );
    assert_eq!(last_started(&env, 2), vec![session_a, session_c]);
    chain_intact(&env);
}
