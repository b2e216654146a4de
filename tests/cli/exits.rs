//! Every exit is clean (issue 14): a closed pipe ends quietly with exit 0, a failed write is
//! exit 8 with a message, the writer-lock wait is bounded (exit 5 "busy") and survives signals,
//! the WAL stays small under process-per-step use, and import input has size limits.

use std::fs::File;
use std::os::unix::process::CommandExt;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::util::Env;

const ADA: &str = "DEMO-1001";

/// Runs `cpni ARGS` with stdout a pipe whose reading end is already closed, so its first write
/// fails with EPIPE (as `| head -1` does once head has exited). Returns (exit code, stderr).
fn closed_pipe(env: &Env, args: &[&str]) -> (i32, String) {
    let (read, write) = std::io::pipe().expect("pipe");
    drop(read);
    let out = env
        .command(args)
        .stdin(Stdio::null())
        .stdout(write)
        .stderr(Stdio::piped())
        .output()
        .expect("run cpni");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `cpni ARGS > /dev/full`. Returns (exit code, stderr).
fn to_dev_full(env: &Env, args: &[&str]) -> (i32, String) {
    let full = File::options()
        .write(true)
        .open("/dev/full")
        .expect("open /dev/full");
    let out = env
        .command(args)
        .stdin(Stdio::null())
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .expect("run cpni");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const STREAMING: &[&[&str]] = &[
    &["completions", "bash"],
    &["completions", "zsh"],
    &["man"],
    &["--help"],
    &["--version"],
    &["customer", "list"],
    &["audit", "list"],
    &["audit", "export", "--format", "csv"],
    &["audit", "export", "--format", "json"],
    &[
        "report",
        "certification",
        "--year",
        "2026",
        "--format",
        "csv",
    ],
    &[
        "report",
        "certification",
        "--year",
        "2026",
        "--format",
        "json",
    ],
    &["--json", "customer", "show", ADA],
];

#[test]
fn a_closed_pipe_ends_every_command_quietly_with_exit_0() {
    let env = Env::initialised(true);
    for args in STREAMING {
        let (code, stderr) = closed_pipe(&env, args);
        assert_eq!(
            code, 0,
            "cpni {args:?} | head: exit {code}, stderr {stderr}"
        );
        assert!(stderr.is_empty(), "cpni {args:?} | head printed {stderr}");
    }
}

#[test]
fn a_full_disk_on_stdout_is_exit_8_with_a_message_never_a_panic() {
    let env = Env::initialised(true);
    for args in STREAMING {
        let (code, stderr) = to_dev_full(&env, args);
        assert_eq!(
            code, 8,
            "cpni {args:?} > /dev/full: exit {code}, stderr {stderr}"
        );
        assert!(
            stderr.contains("cannot write the output") && stderr.contains("No space left"),
            "cpni {args:?} > /dev/full: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    let (code, stderr) = to_dev_full(&env, &["--json", "customer", "list"]);
    assert_eq!(code, 8, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(stderr.trim()).expect("one JSON error");
    assert_eq!(doc["error"]["code"], "output");
}

#[test]
fn a_step_whose_output_fails_is_still_recorded_and_says_so() {
    let env = Env::initialised(true);
    let before = env.count("audit");
    let (code, stderr) = to_dev_full(&env, &["session", "start", ADA]);
    assert_eq!(code, 8, "{stderr}");
    assert!(stderr.contains("stays recorded"), "{stderr}");
    assert_eq!(env.count("audit"), before + 1);
}

/// Holds the writer lock (`<db>.lock`) the way another cpni step does.
fn hold_writer_lock(env: &Env) -> File {
    let mut name = env.db().into_os_string();
    name.push(".lock");
    let f = File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(name)
        .expect("open the lock file");
    f.lock().expect("take the writer lock");
    f
}

fn spawn_step(env: &Env) -> Child {
    env.command(&["session", "start", ADA])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start cpni")
}

#[test]
fn a_held_writer_lock_past_the_timeout_is_exit_5_busy_and_nothing_changes() {
    if crate::util::sqlite_only(
        "SQLite's writer lock file (PostgreSQL: the advisory lock, store contract tests)",
    ) {
        return;
    }
    let env = Env::initialised(true);
    env.write_config(&format!(
        "{}[storage]\nlock_timeout_secs = 0.5\n",
        crate::util::TEST_CONFIG
    ));
    let before = env.counts();
    let lock = hold_writer_lock(&env);
    let t = Instant::now();
    let run = env.run(&["--json", "session", "start", ADA]);
    let took = t.elapsed();
    run.code(5);
    let err = run.json_err();
    assert_eq!(err["error"]["code"], "busy", "{}", run.dump());
    let msg = err["error"]["message"].as_str().unwrap_or_default();
    assert!(msg.contains("the database is busy"), "{msg}");
    assert!(
        took >= Duration::from_millis(450) && took < Duration::from_secs(4),
        "waited {took:?} for a 0.5 s timeout"
    );
    assert_eq!(env.counts(), before, "a busy step changed something");
    drop(lock);
    env.run(&["session", "start", ADA]).ok();
}

#[test]
fn a_bad_lock_timeout_is_a_config_error_naming_it() {
    let env = Env::initialised(true);
    env.write_config("[storage]\nlock_timeout_secs = 0\n");
    env.run(&["customer", "list"])
        .code(2)
        .stderr_has("storage.lock_timeout_secs");
}

fn signal(child: &Child, sig: libc::c_int) {
    // SAFETY: sending a signal to our own child process.
    let r = unsafe { libc::kill(child.id() as libc::pid_t, sig) };
    assert_eq!(r, 0, "kill");
}

#[test]
fn a_signal_during_the_lock_wait_retries_the_wait() {
    if crate::util::sqlite_only(
        "holds SQLite's writer lock file, which a PostgreSQL step never waits on",
    ) {
        return;
    }
    let env = Env::initialised(true);
    let lock = hold_writer_lock(&env);
    let child = spawn_step(&env);
    std::thread::sleep(Duration::from_millis(400));
    // SIGALRM (what the lock's own watchdog uses) and SIGWINCH (a terminal resize) arrive
    // before the deadline: the step keeps waiting instead of failing or dying.
    signal(&child, libc::SIGALRM);
    signal(&child, libc::SIGWINCH);
    std::thread::sleep(Duration::from_millis(300));
    signal(&child, libc::SIGALRM);
    std::thread::sleep(Duration::from_millis(100));
    drop(lock);
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("S-"));
}

#[test]
fn a_signal_during_a_wait_that_times_out_still_says_busy() {
    if crate::util::sqlite_only("SQLite's writer lock file") {
        return;
    }
    let env = Env::initialised(true);
    env.write_config(&format!(
        "{}[storage]\nlock_timeout_secs = 1\n",
        crate::util::TEST_CONFIG
    ));
    let _lock = hold_writer_lock(&env);
    let child = spawn_step(&env);
    std::thread::sleep(Duration::from_millis(300));
    signal(&child, libc::SIGALRM);
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(stderr.contains("the database is busy"), "{stderr}");
    assert!(!stderr.contains("permission"), "{stderr}");
}

fn wal_size(env: &Env) -> u64 {
    let mut wal = env.db().into_os_string();
    wal.push("-wal");
    std::fs::metadata(wal).map(|m| m.len()).unwrap_or(0)
}

/// The WAL header's salt (bytes 16..24): SQLite draws a new one each time the log restarts
/// from its start (after a checkpoint), so a change counts one reset whether or not the file
/// was truncated.
fn wal_salt(env: &Env) -> Vec<u8> {
    let mut wal = env.db().into_os_string();
    wal.push("-wal");
    std::fs::read(wal)
        .ok()
        .and_then(|b| b.get(16..24).map(<[u8]>::to_vec))
        .unwrap_or_default()
}

#[test]
fn the_wal_stays_bounded_over_many_steps() {
    if crate::util::sqlite_only("SQLite's WAL file") {
        return;
    }
    // The threshold plus the frames of the one step that crossed it (a `session start` or
    // `end` writes 8-16 frames of 4,120 bytes; half the threshold is ample and still fails a
    // WAL that restarts only at twice the threshold).
    const BOUND: u64 = cpni::store::WAL_CHECKPOINT_BYTES + cpni::store::WAL_CHECKPOINT_BYTES / 2;
    let env = Env::initialised(true);
    let (mut max, mut drops, mut last) = (0, 0, wal_salt(&env));
    let mut session: Option<String> = None;
    for _ in 0..500 {
        session = match session.take() {
            None => Some(
                env.run(&["session", "start", ADA])
                    .ok()
                    .stdout
                    .trim()
                    .to_string(),
            ),
            Some(s) => {
                env.run(&["-q", "session", "end", &s]).ok();
                None
            }
        };
        max = max.max(wal_size(&env));
        let now = wal_salt(&env);
        if now != last {
            drops += 1;
        }
        last = now;
    }
    assert!(max <= BOUND, "the WAL reached {max} bytes");
    assert!(
        drops >= 3,
        "the WAL was reset only {drops} times: the test did not cross the threshold often"
    );
    env.run(&["audit", "verify"]).ok();
}

/// The WAL's frames since its last restart, from the wal-index header (`mxFrame`, a native
/// `u32` at byte 16 of `<db>-shm`) as the last process left it.
fn wal_frames(env: &Env) -> u64 {
    let mut shm = env.db().into_os_string();
    shm.push("-shm");
    std::fs::read(shm)
        .ok()
        .and_then(|b| {
            b.get(16..20)
                .map(|f| u32::from_ne_bytes(f.try_into().unwrap()))
        })
        .map_or(0, u64::from)
}

/// The database file's size and modification time (what a checkpoint changes).
fn db_file_state(env: &Env) -> (u64, std::time::SystemTime) {
    let m = std::fs::metadata(env.db()).unwrap();
    (m.len(), m.modified().unwrap())
}

/// Steps until one leaves the WAL past the checkpoint threshold (of 4 KiB frames);
/// returns the database file's state before and after that step.
fn cross_the_threshold(env: &Env) -> ((u64, std::time::SystemTime), (u64, std::time::SystemTime)) {
    // The first frame count whose size reaches the threshold (cpni compares bytes: frames ×
    // 4120).
    const THRESHOLD_FRAMES: u64 = cpni::store::WAL_CHECKPOINT_BYTES.div_ceil(4096 + 24);
    for _ in 0..200 {
        let before = db_file_state(env);
        let frames = wal_frames(env);
        env.run(&["-q", "session", "start", ADA]).ok();
        let after = wal_frames(env);
        if after >= THRESHOLD_FRAMES && after > frames {
            return (before, db_file_state(env));
        }
        // mtime granularity: make a write visible as a change.
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("200 steps never took the WAL past its threshold");
}

/// One process after another (issue 14): the step that takes the WAL past its threshold does
/// not copy it into the database after its commit (the next process, opening the database
/// alone, would forget the copy and make it again, two syncs for nothing); the next step's
/// restart does it, under the writer lock. With another process holding the database open
/// (its wal-index then outlives the step), the copy is still made after the commit, outside
/// the lock, as under 64 concurrent writers.
#[test]
fn a_step_alone_leaves_the_wal_copy_to_the_next_writers_restart() {
    if crate::util::sqlite_only("SQLite's WAL and wal-index files") {
        return;
    }
    let env = Env::initialised(true);
    // Alone: the crossing step leaves the database file untouched.
    let (before, after) = cross_the_threshold(&env);
    assert_eq!(
        before, after,
        "the step copied the WAL although no other process had it open"
    );
    // The next step restarts the WAL (its frames start again from the file's beginning).
    env.run(&["-q", "session", "start", ADA]).ok();
    assert!(
        wal_frames(&env) < 64,
        "the WAL was not restarted: {} frames",
        wal_frames(&env)
    );
    assert_ne!(
        db_file_state(&env),
        after,
        "the restart did not copy the WAL"
    );

    // Another process has the database open: the crossing step copies after its commit.
    let mut holder = std::process::Command::new("sqlite3")
        .arg(env.db())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the sqlite3 CLI (scripts/test.sh installs it)");
    {
        use std::io::{Read, Write};
        let stdin = holder.stdin.as_mut().unwrap();
        stdin
            .write_all(b"select 'open' from agent limit 1;\n")
            .unwrap();
        stdin.flush().unwrap();
        let mut line = [0u8; 5];
        holder
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut line)
            .unwrap();
    }
    let (before, after) = cross_the_threshold(&env);
    let _ = holder.kill();
    let _ = holder.wait();
    assert_ne!(
        before, after,
        "with another process open, the step did not copy the WAL"
    );
    env.run(&["audit", "verify"]).ok();
}

/// An import under a 512 MiB address-space limit: it must fail fast, not grow.
fn import_limited(env: &Env, file: &str) -> (i32, String, Duration) {
    let mut cmd = env.command(&["customer", "import", file]);
    // SAFETY: setrlimit is async-signal-safe; it runs in the child just before exec.
    unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: 512 << 20,
                rlim_max: 512 << 20,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let t = Instant::now();
    let out = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run cpni");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        t.elapsed(),
    )
}

#[test]
fn importing_dev_zero_fails_at_once_naming_line_1() {
    let env = Env::initialised(true);
    let before = env.counts();
    let (code, stderr, _) = import_limited(&env, "/dev/zero");
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("line 1") && stderr.contains("max_record_bytes"),
        "{stderr}"
    );
    assert_eq!(env.counts(), before);
}

const HEADER: &str = "account,name,phone,email,street,city,region,postal_code,country\n";
const ROW: &str = "A100,Bob Jones,+12025550100,b@example.com,1 Main St,Springfield,IL,62701,US\n";

#[test]
fn a_huge_line_or_field_is_an_error_naming_its_line() {
    let env = Env::initialised(true);
    let before = env.counts();
    // A 200 MB line without a break: read no further than the limit.
    let huge = env.root().join("huge.csv");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(File::create(&huge).expect("create"));
        f.write_all(HEADER.as_bytes()).unwrap();
        f.write_all(ROW.as_bytes()).unwrap();
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..200 {
            f.write_all(&chunk).unwrap();
        }
    }
    let (code, stderr, _) = import_limited(&env, huge.to_str().unwrap());
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("line 3") && stderr.contains("max_record_bytes"),
        "{stderr}"
    );
    // A quoted field spanning many short lines is one record: the record limit still holds.
    let lines = "x\n".repeat(100_000);
    let text = format!(
        "{HEADER}{ROW}A101,\"{lines}\",+12025550100,c@example.com,1 Main,City,IL,62701,US\n"
    );
    let f = env.file("multi.csv", &text);
    let (code, stderr, _) = import_limited(&env, f.to_str().unwrap());
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("line 3") && stderr.contains("max_record_bytes"),
        "{stderr}"
    );
    // A field over its own limit names the line and the column.
    let name = "y".repeat(5000);
    let text =
        format!("{HEADER}{ROW}A102,{name},+12025550100,d@example.com,1 Main,City,IL,62701,US\n");
    let f = env.file("field.csv", &text);
    let run = env.run(&["customer", "import", f.to_str().unwrap()]);
    run.code(2)
        .stderr_has("line 3: name")
        .stderr_has("max_field_bytes");
    assert_eq!(env.counts(), before, "a refused import changed something");
}

#[test]
fn the_import_limits_are_configurable() {
    let env = Env::initialised(true);
    env.write_config(&format!(
        "{}[import]\nmax_rows = 2\n",
        crate::util::TEST_CONFIG
    ));
    let rows: String = (0..3)
        .map(|i| {
            format!(
                "A20{i},Bob Jones,+12025550100,b{i}@example.com,1 Main St,Springfield,IL,62701,US\n"
            )
        })
        .collect();
    let f = env.file("rows.csv", &format!("{HEADER}{rows}"));
    env.run(&["customer", "import", f.to_str().unwrap()])
        .code(2)
        .stderr_has("line 4")
        .stderr_has("max_rows");
    env.write_config("[import]\nmax_record_bytes = 1\n");
    env.run(&["customer", "list"])
        .code(2)
        .stderr_has("max_record_bytes");
}

/// The shared objects an executable asks the dynamic loader for (`readelf -d`, binutils,
/// which gcc brings).
fn needed(exe: &std::path::Path) -> Vec<String> {
    let out = std::process::Command::new("readelf")
        .arg("-d")
        .arg(exe)
        .output()
        .unwrap_or_else(|e| panic!("{}", crate::util::missing_tool("readelf", &e)));
    assert!(out.status.success(), "readelf -d {}", exe.display());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains("(NEEDED)"))
        .filter_map(|l| Some(l.split('[').nth(1)?.trim_end_matches(']').to_string()))
        .collect()
}

#[test]
fn the_binary_carries_its_own_unwinder_and_a_panic_still_unwinds() {
    // build.rs links GCC's unwinder statically (issue 14: loading libgcc_s.so.1 and running
    // its CPUID constructor cost about 0.3 ms of every step on a VM).
    let libs = needed(std::path::Path::new(env!("CARGO_BIN_EXE_cpni")));
    assert!(libs.iter().any(|l| l.starts_with("libc.so")), "{libs:?}");
    assert!(
        !libs.iter().any(|l| l.starts_with("libgcc_s")),
        "cpni loads libgcc_s: {libs:?}"
    );
    // This test binary is linked the same way (the library's build script), and unwinding
    // through it works: a caught panic, and the prehook's catch_unwind, rely on it.
    let me = std::env::current_exe().unwrap();
    assert!(!needed(&me).iter().any(|l| l.starts_with("libgcc_s")));
    let caught = std::panic::catch_unwind(|| panic!("unwinds"));
    assert!(caught.is_err());
}

/// cpni is its own process entry (src/main.rs, issue 14): a step started with all three
/// standard streams closed is recorded once, exits 0, and writes nothing into cpni's own files
/// (the database, the writer lock's queue). The entry opens closed streams on /dev/null as Rust's
/// start-up did; SQLite also never takes descriptors 0-2 for its files, so this test guards the
/// whole of it, not that function alone.
#[test]
fn a_step_started_with_its_standard_streams_closed_writes_its_output_nowhere() {
    let env = Env::initialised(true);
    let queue = env.db().with_extension("db.lock-queue");
    let (_, audit_before, _) = env.counts();
    let mut cmd = env.command(&["session", "start", ADA]);
    // SAFETY: close(2) only, in the child between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            for fd in 0..3 {
                libc::close(fd);
            }
            Ok(())
        });
    }
    let status = cmd.status().expect("run cpni");
    assert_eq!(status.code(), Some(0), "{status:?}");
    assert_eq!(
        env.counts().1,
        audit_before + 1,
        "the step is recorded once"
    );
    if env.pg().is_none() {
        assert_eq!(env.sql("PRAGMA quick_check"), "ok");
        let len = std::fs::metadata(&queue).map(|m| m.len()).unwrap_or(0);
        assert!(
            len <= 8,
            "the lock queue file was written into: {len} bytes"
        );
    }
    let next = env.run(&["session", "start", ADA]);
    assert_eq!(next.code, 0, "{}", next.stderr);
    let verify = env.run(&["audit", "verify"]);
    assert_eq!(verify.code, 0, "{}{}", verify.stdout, verify.stderr);
}
