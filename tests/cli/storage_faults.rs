//! Storage faults: the database read-only, its folder gone, the disk full (a file-size limit),
//! and another program holding the write lock past the busy timeout. Each is a clear error
//! with exit 5, and nothing is half-written: the state tables and the audit log keep their row
//! counts and the chain still verifies (checked by `scripts/chain_check.py`, which shares no
//! code with cpni).

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::calls::ADA;
use crate::util::{Env, OTHER_LOGIN, Run, missing_tool};

/// Row counts of every table a step in these tests could write.
fn snapshot(env: &Env) -> Vec<(String, i64)> {
    ["customer", "session", "code", "outbox", "agent", "audit"]
        .iter()
        .map(|t| (t.to_string(), env.count(t)))
        .collect()
}

/// The chain is intact, checked independently.
#[track_caller]
fn chain_intact(db: &Path) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/chain_check.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(db)
        .output()
        .unwrap_or_else(|e| panic!("{}", missing_tool("python3", &e)));
    assert!(
        out.status.success(),
        "chain_check.py: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Exit 5 with `needle` in the message and a hint line.
#[track_caller]
fn storage_error(run: &Run, needle: &str) {
    run.code(5).stderr_has(needle).stderr_has("hint:");
}

#[test]
fn a_read_only_database_is_refused_with_exit_5_and_nothing_written() {
    if crate::util::sqlite_only("a read-only SQLite file") {
        return;
    }
    let env = Env::initialised(true);
    env.run(&["agent", "add", OTHER_LOGIN, "--role", "agent"])
        .ok();
    let before = snapshot(&env);
    // Hands the home to the other uid, then takes write permission off the database file
    // (the folder stays writable, as on a mis-restored backup).
    env.run_as_other(&["customer", "show", ADA]).ok();
    std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o400)).expect("chmod 0400");
    let run = env.run_as_other(&["session", "start", ADA]);
    storage_error(&run, "read-only");
    run.stderr_has("permissions");
    let run = env.run_as_other(&["--json", "session", "start", ADA]);
    run.code(5);
    assert_eq!(run.json_err()["error"]["code"], "storage", "{}", run.dump());
    assert_eq!(snapshot(&env), before);
    chain_intact(&env.db());
}

#[test]
fn a_missing_database_folder_is_exit_5_and_nothing_is_created() {
    if crate::util::sqlite_only("the SQLite file's folder") {
        return;
    }
    let env = Env::initialised(true);
    let before = snapshot(&env);
    let folder = env.db().parent().expect("folder").to_path_buf();
    let moved = env.root().join("moved-away");
    std::fs::rename(&folder, &moved).expect("move the folder away");

    let run = env.run(&["session", "start", ADA]);
    storage_error(&run, "no cpni database at");
    run.stderr_has("cpni init");
    let elsewhere = env.root().join("gone").join("cpni.db");
    let run = env.run(&[
        "--db",
        elsewhere.to_str().expect("utf-8 path"),
        "customer",
        "show",
        ADA,
    ]);
    storage_error(&run, "no cpni database at");
    assert!(!folder.exists(), "the folder was re-created");
    assert!(!elsewhere.parent().expect("parent").exists());

    std::fs::rename(&moved, &folder).expect("move the folder back");
    assert_eq!(snapshot(&env), before);
    chain_intact(&env.db());
}

#[test]
fn a_full_disk_file_size_limit_is_exit_5_and_the_import_is_rolled_back() {
    if crate::util::sqlite_only("a file size limit on the SQLite file's writes") {
        return;
    }
    let env = Env::initialised(true);
    let before = snapshot(&env);
    // A file big enough that its one transaction outgrows the limit set below.
    let mut csv = String::from("account,name,phone,email,street,city,region,postal_code,country\n");
    let long_name = "N".repeat(200);
    for i in 0..3000 {
        csv.push_str(&format!(
            "BIG-{i},{long_name},+1 202 555 0199,big{i}@example.com,{i} Elm Street,Arlington,VA,22201,US\n"
        ));
    }
    let file = env.file("big.csv", &csv);
    let largest = std::fs::read_dir(env.db().parent().expect("folder"))
        .expect("read the folder")
        .map(|e| e.expect("entry").metadata().expect("metadata").len())
        .max()
        .unwrap_or(0);
    // Room for the -shm index (32 KiB) and what is there now, not for 600 KB of new rows.
    let limit = largest.max(32 * 1024) + 64 * 1024;

    let mut cmd = env.command(&["customer", "import", file.to_str().expect("utf-8 path")]);
    // SAFETY: setrlimit is async-signal-safe; the closure touches nothing else.
    unsafe {
        cmd.pre_exec(move || {
            let lim = libc::rlimit {
                rlim_cur: limit as libc::rlim_t,
                rlim_max: limit as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .expect("run cpni under a file-size limit");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    // Killed by SIGXFSZ would be code -1 here: cpni must ignore it and report the failure.
    storage_error(&run, "cannot read or write the database files");
    run.stderr_has("disk may be full")
        .stderr_has("nothing was written");
    assert_eq!(snapshot(&env), before);
    chain_intact(&env.db());
    // And without the limit the same file imports.
    env.run(&["customer", "import", file.to_str().expect("utf-8 path")])
        .ok();
    assert_eq!(env.count("customer"), before[0].1 + 3000);
    chain_intact(&env.db());
}

#[test]
fn a_write_lock_held_by_another_program_past_the_timeout_is_exit_5() {
    if crate::util::sqlite_only("the sqlite3 CLI holding the file's write lock") {
        return;
    }
    let env = Env::initialised(true);
    let before = snapshot(&env);
    let mut holder = Command::new("sqlite3")
        .arg(env.db())
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

    let run = env.run(&["session", "start", ADA]);
    storage_error(&run, "the database is busy");
    run.stderr_has("another program holds a write lock");
    let run = env.run(&[
        "--json",
        "customer",
        "set-email",
        ADA,
        "--email",
        "x@example.com",
        "--reason",
        "test",
    ]);
    run.code(5);
    assert_eq!(run.json_err()["error"]["code"], "storage", "{}", run.dump());

    // The other program gives up its transaction; nothing of the refused steps remains.
    stdin.write_all(b"ROLLBACK;\n.quit\n").expect("rollback");
    drop(stdin);
    holder.wait().expect("sqlite3 exits");
    assert_eq!(snapshot(&env), before);
    chain_intact(&env.db());
    env.run(&["session", "start", ADA]).ok();
}
