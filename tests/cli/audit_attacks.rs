//! Issue 11: the audit log proves itself against whoever holds the database. Each attack is
//! done with the real `sqlite3` CLI (or on the files) the way an administrator, a stolen
//! backup or an agent with write access to the file could; each must make `cpni audit verify`
//! exit 6 (or the command refuse), and each passed before this change.

use std::process::{Command, Stdio};

use cpni::audit::{Record, chain};
use sha2::{Digest, Sha256};

use crate::util::{Env, customer_args};

/// A demo log with a checkpoint kept elsewhere (cp.json) and a few records after it.
fn log_with_checkpoint() -> Env {
    let env = Env::initialised(true);
    env.run(&["audit", "checkpoint", "--output", "cp.json"])
        .ok();
    for i in 0..4 {
        env.run(&customer_args(&format!("ACCT-30{i}"))).ok();
    }
    env
}

fn public_key(env: &Env) -> String {
    env.run(&["audit", "public-key"])
        .ok()
        .stdout
        .trim()
        .to_string()
}

#[track_caller]
fn verify_fails(env: &Env, args: &[&str], kind: &str) -> serde_json::Value {
    let mut all = vec!["--json", "audit", "verify"];
    all.extend_from_slice(args);
    let run = env.run(&all);
    run.code(6);
    let err = run.json_err();
    let doc: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap_or_default();
    if !kind.is_empty() {
        assert_eq!(doc["kind"], kind, "{}", run.dump());
    }
    err
}

#[test]
fn a_forged_purge_base_and_delete_is_caught() {
    let env = log_with_checkpoint();
    let key = public_key(&env);
    let cp_seq: i64 = serde_json::from_str::<serde_json::Value>(
        &std::fs::read_to_string(env.root().join("cp.json")).unwrap(),
    )
    .unwrap()["seq"]
        .as_i64()
        .unwrap();
    let head: i64 = env.sql("select max(seq) from audit;").parse().unwrap();
    let n = head - 1;
    assert!(n > cp_seq);
    // No trigger dropped: the base trigger accepts a base naming an existing record, and the
    // delete trigger then lets everything up to it go.
    env.sql(&format!(
        "insert into audit_base (seq, hash, purged_at, records) \
         select seq, hash, '2026-01-01T00:00:00.000Z', seq from audit where seq = {n}; \
         delete from audit where seq <= {n};"
    ));
    assert_eq!(env.count("audit"), 1);
    let err = verify_fails(
        &env,
        &["--checkpoint", "cp.json", "--public-key", &key],
        "base-forged",
    );
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains(&format!("record {n}")),
        "{err}"
    );
    verify_fails(&env, &[], "base-forged");
}

#[test]
fn a_purge_base_with_a_made_up_signature_is_caught() {
    let env = log_with_checkpoint();
    let n: i64 = env.sql("select max(seq) - 1 from audit;").parse().unwrap();
    env.sql(&format!(
        "insert into audit_base (seq, hash, purged_at, records, signature) \
         select seq, hash, '2026-01-01T00:00:00.000Z', seq, '{}' from audit where seq = {n}; \
         delete from audit where seq <= {n};",
        "ab".repeat(64)
    ));
    verify_fails(&env, &["--checkpoint", "cp.json"], "base-forged");
}

#[test]
fn an_edited_approval_behind_re_created_triggers_is_caught() {
    let env = Env::initialised(true);
    env.run(&[
        "consent",
        "record",
        "DEMO-1001",
        "--deny",
        "--method",
        "written",
    ])
    .ok();
    env.run(&["audit", "verify"]).ok();
    env.edit_behind(
        &["consent_no_update"],
        "update consent set kind = 'opt-in' where kind = 'deny';",
    );
    let run = env.run(&["audit", "verify"]);
    run.code(6).stderr_has("consent");
    assert!(!run.stdout.contains("triggers: present"), "{}", run.dump());
}

#[test]
fn a_deleted_marketing_denial_is_caught() {
    let env = Env::initialised(true);
    env.run(&[
        "consent",
        "record",
        "DEMO-1001",
        "--deny",
        "--method",
        "written",
    ])
    .ok();
    // The trigger refuses the delete outright...
    let out = Command::new("sqlite3")
        .arg(env.db())
        .arg("delete from consent where kind = 'deny';")
        .output()
        .expect("sqlite3");
    assert!(!out.status.success(), "consent rows cannot be deleted");
    // ...and deleting behind a re-created trigger is caught by the cross-check.
    let seq = env.sql("select seq from audit where event = 'consent.record';");
    env.edit_behind(
        &["consent_no_delete"],
        "delete from consent where kind = 'deny';",
    );
    let err = verify_fails(&env, &[], "table-mismatch");
    let msg = err["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("consent") && msg.contains(&format!("audit record {seq}")),
        "{msg}"
    );
}

#[test]
fn an_edited_role_is_caught() {
    let env = Env::initialised(true);
    env.run(&["agent", "add", "ann", "--role", "agent"]).ok();
    env.edit_behind(&[], "update agent set role = 'admin' where login = 'ann';");
    let err = verify_fails(&env, &[], "table-mismatch");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("agent ann"),
        "{err}"
    );
}

#[test]
fn a_deleted_complaint_and_a_forged_breach_notice_are_caught() {
    let env = Env::initialised(true);
    env.run(&[
        "complaint",
        "add",
        "DEMO-1001",
        "--category",
        "other",
        "--description",
        "rude",
    ])
    .ok();
    env.run(&["audit", "verify"]).ok();
    env.edit_behind(&["complaint_no_delete"], "delete from complaint;");
    verify_fails(&env, &[], "table-mismatch");

    let env = Env::initialised(true);
    env.run(&[
        "breach",
        "open",
        "--description",
        "x",
        "--discovered",
        "2026-01-05",
        "--determined",
        "2026-01-05",
        "--accounts",
        "DEMO-1001",
        "--rule",
        "2007",
    ])
    .ok();
    env.run(&["audit", "verify"]).ok();
    // No trigger stops an INSERT: a notice nobody recorded makes the deadline look met.
    env.sql(
        "insert into breach_notice (breach, party, at, on_date, agent, recorded_at) \
         select id, 'fcc', opened_at, '2026-01-06', opened_by, opened_at from breach limit 1;",
    );
    let err = verify_fails(&env, &[], "table-mismatch");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("breach notice"),
        "{err}"
    );
}

/// A record appended with a correct hash after the head (what a careful forger writes).
fn forge_record(env: &Env, event: &str, detail: &str) {
    let head = env.sql("select seq || '|' || hex(hash) from audit order by seq desc limit 1;");
    let (seq, hash) = head.split_once('|').unwrap();
    let mut r = Record {
        seq: seq.parse::<i64>().unwrap() + 1,
        at: "2026-06-01T00:00:00.000Z".into(),
        actor: "root".into(),
        on_behalf_of: String::new(),
        account: "DEMO-1001".into(),
        session: String::new(),
        event: event.into(),
        detail: detail.into(),
        prev_hash: hex::decode(hash).unwrap(),
        hash: Vec::new(),
    };
    r.hash = chain::hash(&r.prev_hash, &r).to_vec();
    env.sql(&format!(
        "insert into audit values ({}, '{}', '{}', '', '{}', '', '{}', '{}', {}, {});",
        r.seq,
        r.at,
        r.actor,
        r.account,
        r.event,
        r.detail,
        env.blob(&hex::encode(&r.prev_hash)),
        env.blob(&hex::encode(&r.hash))
    ));
}

#[test]
fn a_record_forged_after_the_newest_checkpoint_is_caught() {
    // With a schedule, every command leaves the log signed up to its last record.
    let env = Env::initialised(true);
    let cfg = std::fs::read_to_string(env.config_path()).unwrap();
    env.write_config(&format!("{cfg}\n[checkpoint]\nevery_records = 1\n"));
    env.run(&customer_args("ACCT-400")).ok();
    env.run(&["audit", "verify"]).ok();
    forge_record(&env, "disclosure", "{}");
    forge_record(&env, "disclosure", "{}");
    verify_fails(&env, &[], "unsigned-tail");
}

/// A failed verify signs nothing, so its alarm stays: the schedule is skipped after `audit
/// verify` and after any integrity failure (it used to sign, and ship, a checkpoint over the
/// records verify had just called suspect, and the next verify passed).
#[test]
fn a_failed_verify_signs_no_checkpoint_over_the_records_it_called_suspect() {
    let env = Env::initialised(true);
    let plain = std::fs::read_to_string(env.config_path()).unwrap();
    // Another host's config without the schedule writes six records.
    for n in 0..6 {
        env.run(&customer_args(&format!("ACCT-41{n}"))).ok();
    }
    let shipped = env.root().join("shipped");
    env.write_config(&format!(
        "{plain}\n[checkpoint]\nevery_records = 5\ncommand = [\"sh\", \"-c\", \"cat >> {}\"]\n",
        shipped.display()
    ));
    let stored = env.count("audit_checkpoint");
    for _ in 0..2 {
        let run = env.run(&["audit", "verify"]);
        run.code(6)
            .stderr_has("records follow the newest signed checkpoint")
            .stderr_has("give every host the same section");
        assert_eq!(
            env.count("audit_checkpoint"),
            stored,
            "verify signed a checkpoint"
        );
        assert!(!shipped.exists(), "verify shipped a checkpoint");
    }
    // A forged record makes an ordinary step fail with exit 6: nothing is signed after it either.
    forge_record(&env, "disclosure", "{}");
    env.run(&["audit", "checkpoint"]).code(6);
    assert_eq!(env.count("audit_checkpoint"), stored);
}

#[test]
fn a_forged_decision_record_is_caught_without_a_schedule() {
    let env = log_with_checkpoint();
    forge_record(
        &env,
        "agent.role",
        r#"{"login":"root","from":"agent","to":"admin"}"#,
    );
    forge_record(&env, "consent.record", r#"{"choice":"opt-in"}"#);
    verify_fails(&env, &["--checkpoint", "cp.json"], "table-mismatch");
}

#[test]
fn a_deleted_stored_checkpoint_is_caught() {
    let env = log_with_checkpoint();
    env.edit_behind(
        &["audit_checkpoint_no_delete"],
        "delete from audit_checkpoint;",
    );
    verify_fails(&env, &[], "table-mismatch");
}

fn export_jsonl(env: &Env, extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "--json", "audit", "export", "--format", "jsonl", "--output", "x.jsonl",
    ];
    args.extend_from_slice(extra);
    env.run(&args).ok().json()
}

fn rewrite_manifest(env: &Env, edit: impl FnOnce(&mut serde_json::Value, &[u8])) {
    let bytes = std::fs::read(env.root().join("x.jsonl")).unwrap();
    let path = env.root().join("x.jsonl.manifest.json");
    let mut m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    m["sha256"] = hex::encode(Sha256::digest(&bytes)).into();
    m["bytes"] = bytes.len().into();
    edit(&mut m, &bytes);
    std::fs::write(path, serde_json::to_string_pretty(&m).unwrap()).unwrap();
}

#[test]
fn a_filtered_export_with_records_removed_is_caught() {
    let env = log_with_checkpoint();
    let doc = export_jsonl(&env, &["--event", "customer.add"]);
    assert_eq!(doc["complete"], false);
    let count = doc["count"].as_u64().unwrap();
    assert!(count >= 3, "{doc}");
    env.run(&["audit", "verify", "--file", "x.jsonl"])
        .ok()
        .stdout_has("Export x.jsonl verified (the file, not the database)");
    let text = std::fs::read_to_string(env.root().join("x.jsonl")).unwrap();
    let kept: Vec<&str> = text.lines().skip(1).collect();
    env.file("x.jsonl", &(kept.join("\n") + "\n"));
    rewrite_manifest(&env, |m, _| {
        m["count"] = (count - 1).into();
    });
    verify_fails(&env, &["--file", "x.jsonl"], "");
    // Even with the manifest left alone (only its sha256 updated), the record digest fails.
    let doc = export_jsonl(&env, &["--event", "customer.add", "--force"]);
    assert!(doc["count"].as_u64().unwrap() >= 3);
    let text = std::fs::read_to_string(env.root().join("x.jsonl")).unwrap();
    let kept: Vec<&str> = text.lines().skip(1).collect();
    env.file("x.jsonl", &(kept.join("\n") + "\n"));
    let path = env.root().join("x.jsonl.manifest.json");
    std::fs::remove_file(&path).unwrap();
    // Without a manifest the file is checked as a whole chain from the first record: it fails.
    env.run(&["audit", "verify", "--file", "x.jsonl"])
        .code(6)
        .stderr_has("no manifest");
    let key = public_key(&env);
    verify_fails(
        &env,
        &["--file", "x.jsonl", "--public-key", &key],
        "manifest-missing",
    );
}

#[test]
fn a_forged_record_appended_to_a_complete_export_is_caught() {
    let env = log_with_checkpoint();
    export_jsonl(&env, &[]);
    let key = public_key(&env);
    env.run(&["audit", "verify", "--file", "x.jsonl", "--public-key", &key])
        .ok();
    let text = std::fs::read_to_string(env.root().join("x.jsonl")).unwrap();
    let last: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    let mut r = Record {
        seq: last["seq"].as_i64().unwrap() + 1,
        at: "2026-06-01T00:00:00.000Z".into(),
        actor: "root".into(),
        on_behalf_of: String::new(),
        account: String::new(),
        session: String::new(),
        event: "disclosure".into(),
        detail: "{}".into(),
        prev_hash: hex::decode(last["hash"].as_str().unwrap()).unwrap(),
        hash: Vec::new(),
    };
    r.hash = chain::hash(&r.prev_hash, &r).to_vec();
    let line = serde_json::to_string(&r).unwrap();
    env.file("x.jsonl", &format!("{text}{line}\n"));
    rewrite_manifest(&env, |m, _| {
        m["count"] = (m["count"].as_u64().unwrap() + 1).into();
        m["last_seq"] = r.seq.into();
    });
    verify_fails(&env, &["--file", "x.jsonl"], "");
    verify_fails(&env, &["--file", "x.jsonl", "--public-key", &key], "");
}

#[test]
fn an_empty_file_is_not_verified() {
    let env = Env::initialised(false);
    let key = public_key(&env);
    verify_fails(&env, &["--file", "/dev/null"], "empty");
    verify_fails(
        &env,
        &["--file", "/dev/null", "--public-key", &key],
        "manifest-missing",
    );
    env.file("empty.jsonl", "");
    verify_fails(&env, &["--file", "empty.jsonl"], "empty");
}

#[test]
fn a_stdout_export_has_a_signed_manifest_for_its_csv() {
    let env = log_with_checkpoint();
    let run = env.run(&["audit", "export", "--format", "csv"]);
    run.ok();
    env.file("q1.csv", &run.stdout);
    let seq = env.sql("select max(seq) from audit where event = 'audit.export';");
    let m = env.run(&["audit", "manifest", &seq]).ok().stdout.clone();
    env.file("m.json", &m);
    let key = public_key(&env);
    env.run(&[
        "audit",
        "verify",
        "--file",
        "q1.csv",
        "--manifest",
        "m.json",
        "--public-key",
        &key,
    ])
    .ok();
    env.file(
        "q1.csv",
        &run.stdout.replacen("customer.add", "customer.del", 1),
    );
    verify_fails(
        &env,
        &[
            "--file",
            "q1.csv",
            "--manifest",
            "m.json",
            "--public-key",
            &key,
        ],
        "altered",
    );
    env.run(&["audit", "manifest", "1"]).code(4);
}

#[test]
fn an_export_whose_record_cannot_be_written_writes_nothing() {
    if crate::util::sqlite_only("the sqlite3 CLI holding the file's write lock") {
        return;
    }
    let env = log_with_checkpoint();
    let before = env.count("audit");
    // Another writer holds SQLite's write lock past the busy timeout.
    let mut holder = Command::new("sqlite3")
        .arg(env.db())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("sqlite3");
    use std::io::Write;
    let stdin = holder.stdin.as_mut().unwrap();
    stdin
        .write_all(b"BEGIN EXCLUSIVE;\nselect 'held';\n")
        .unwrap();
    stdin.flush().unwrap();
    let mut line = [0u8; 5];
    use std::io::Read;
    holder
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut line)
        .unwrap();
    let run = env.run(&["audit", "export", "--format", "jsonl"]);
    let _ = holder.kill();
    let _ = holder.wait();
    assert_ne!(run.code, 0, "{}", run.dump());
    assert!(
        run.stdout.is_empty(),
        "nothing may go out unrecorded: {}",
        run.dump()
    );
    assert_eq!(env.count("audit"), before);
}

#[test]
fn an_export_from_a_read_only_database_writes_nothing() {
    if crate::util::sqlite_only("a read-only SQLite file") {
        return;
    }
    let env = log_with_checkpoint();
    use std::os::unix::fs::PermissionsExt;
    let db = env.db();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).unwrap();
    let run = env.run(&["audit", "export", "--format", "jsonl"]);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).unwrap();
    if nix_is_root() {
        return;
    }
    assert_ne!(run.code, 0, "{}", run.dump());
    assert!(run.stdout.is_empty(), "{}", run.dump());
}

fn nix_is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[test]
fn force_replaces_only_regular_files() {
    let env = Env::initialised(false);
    env.file("target.txt", "keep me");
    std::os::unix::fs::symlink(env.root().join("target.txt"), env.root().join("link.jsonl"))
        .unwrap();
    std::fs::create_dir(env.root().join("dir.jsonl")).unwrap();
    let fifo = env.root().join("fifo.jsonl");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    for out in ["link.jsonl", "dir.jsonl", "fifo.jsonl", "/dev/null"] {
        env.run(&[
            "audit", "export", "--format", "jsonl", "--output", out, "--force",
        ])
        .code(2)
        .stderr_has("not a regular file");
        env.run(&["audit", "checkpoint", "--output", out, "--force"])
            .code(2);
    }
    assert!(
        std::fs::symlink_metadata(env.root().join("link.jsonl"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert_eq!(
        std::fs::read_to_string(env.root().join("target.txt")).unwrap(),
        "keep me"
    );
    // A regular file is still replaced.
    env.file("old.jsonl", "old");
    env.run(&[
        "audit",
        "export",
        "--format",
        "jsonl",
        "--output",
        "old.jsonl",
        "--force",
    ])
    .ok();
}

use std::os::unix::fs::FileTypeExt;

#[test]
fn a_folder_of_checkpoints_is_checked() {
    let env = Env::initialised(true);
    let dir = env.root().join("cps");
    std::fs::create_dir(&dir).unwrap();
    let out = dir.join("out.json");
    let cfg = std::fs::read_to_string(env.config_path()).unwrap();
    env.write_config(&format!(
        "{cfg}\n[checkpoint]\nevery_records = 2\ncommand = [\"tee\", \"{}\"]\n",
        out.display()
    ));
    for i in 0..3 {
        env.run(&customer_args(&format!("ACCT-50{i}"))).ok();
        if out.exists() {
            std::fs::rename(&out, dir.join(format!("cp{i}.json"))).unwrap();
        }
    }
    let n = std::fs::read_dir(&dir).unwrap().count();
    assert!(n >= 1, "the command received checkpoints on stdin");
    env.run(&["audit", "verify", "--checkpoints", dir.to_str().unwrap()])
        .ok();
    // One altered checkpoint in the folder fails the lot.
    let first = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&first).unwrap();
    std::fs::write(&first, text.replace("\"count\": ", "\"count\": 1")).unwrap();
    env.run(&["audit", "verify", "--checkpoints", dir.to_str().unwrap()])
        .code(6);
}

#[test]
fn an_export_cut_off_after_its_record_leaves_the_record_and_an_unfinished_manifest() {
    let env = log_with_checkpoint();
    let mut child = env
        .command(&["audit", "export", "--format", "jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn cpni");
    // The reader goes away before anything is read: every write fails.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    // A closed pipe ends the command quietly with exit 0 (issue 14), like ripgrep.
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stderr.is_empty(), "{out:?}");
    let seq = env.sql("select max(seq) from audit where event = 'audit.export';");
    assert!(
        !seq.is_empty(),
        "the export's record was committed before the first byte"
    );
    let m: serde_json::Value =
        serde_json::from_str(&env.run(&["audit", "manifest", &seq]).ok().stdout).unwrap();
    assert_eq!(m["finished"], false, "{m}");
    assert_eq!(m["export_seq"].to_string(), seq);
    env.run(&["audit", "verify"]).ok();
}

/// A home where DEMO-1001's number was changed by a supervisor (the old one is in the contact
/// history, which decides where a callback may go).
fn log_with_a_replaced_number() -> Env {
    let env = Env::initialised(true);
    env.run(&[
        "customer",
        "set-phone",
        "DEMO-1001",
        "--phone",
        "2025550199",
        "--reason",
        "customer wrote in",
    ])
    .ok();
    env.run(&["audit", "verify"]).ok();
    env
}

#[test]
fn a_contact_planted_in_the_history_is_caught() {
    let env = log_with_a_replaced_number();
    // An attacker's number, "of record" for a year until yesterday: a callback target.
    // Inserts are the table's normal use: the database's own client makes it (asserted).
    env.sql(
        "insert into contact_history (account, kind, value, since, until) values \
         ('DEMO-1001', 'phone', '+12025550666', '2025-01-01T00:00:00Z', '2026-11-30T00:00:00Z');",
    );
    let err = verify_fails(&env, &[], "table-mismatch");
    let msg = err["error"]["message"].as_str().unwrap();
    assert!(msg.contains("contact history"), "{msg}");
}

#[test]
fn a_contact_deleted_from_the_history_behind_re_created_triggers_is_caught() {
    let env = log_with_a_replaced_number();
    let seq = env.sql(
        "select seq from audit where event = 'customer.change' \
         and json_extract(detail, '$.change') = 'phone';",
    );
    env.edit_behind(
        &["contact_history_no_delete"],
        "delete from contact_history;",
    );
    let err = verify_fails(&env, &[], "table-mismatch");
    let msg = err["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("contact_history") || msg.contains("contact history"),
        "{msg}"
    );
    assert!(msg.contains(&format!("audit record {seq}")), "{msg}");
}

/// Found in review: an edited stored manifest (behind re-created triggers) passed `audit verify`.
#[test]
fn an_edited_stored_manifest_is_caught() {
    let env = log_with_checkpoint();
    export_jsonl(&env, &[]);
    let seq = env.sql("select max(seq) from audit_manifest;");
    env.edit_behind(
        &["audit_manifest_no_update"],
        "update audit_manifest set body = replace(replace(body, '\"complete\":true', \
         '\"complete\":false'), '\"complete\": true', '\"complete\": false');",
    );
    assert!(
        env.sql(&format!(
            "select body from audit_manifest where seq = {seq};"
        ))
        .replace(' ', "")
        .contains("\"complete\":false"),
        "the edit took"
    );
    let err = verify_fails(&env, &[], "manifest-forged");
    assert!(
        err["error"]["message"].as_str().unwrap().contains(&seq),
        "{err}"
    );
}

#[test]
fn a_checkpoint_that_cannot_leave_the_machine_is_recorded_and_the_lag_is_shown() {
    let env = Env::initialised(true);
    let dir = env.root().join("cps");
    std::fs::create_dir(&dir).unwrap();
    let out = dir.join("cp.json");
    let cfg = std::fs::read_to_string(env.config_path()).unwrap();
    env.write_config(&format!(
        "{cfg}\n[checkpoint]\nevery_records = 1\ncommand = [\"tee\", \"{}\"]\n",
        out.display()
    ));
    env.run(&customer_args("ACCT-600")).ok();
    assert!(out.exists(), "the first checkpoint was shipped");
    // The shipping command breaks: the step still succeeds, the failure is in the log.
    let cfg = std::fs::read_to_string(env.config_path()).unwrap();
    env.write_config(&cfg.replace("\"tee\"", "\"false\""));
    let run = env.run(&customer_args("ACCT-601"));
    run.ok();
    assert!(
        run.stderr.contains("did not leave this machine"),
        "{}",
        run.dump()
    );
    assert_eq!(
        env.sql("select count(*) from audit where event = 'audit.checkpoint.unshipped';"),
        "1"
    );
    let run = env.run(&["audit", "verify", "--checkpoints", dir.to_str().unwrap()]);
    run.ok();
    assert!(
        run.stdout
            .contains("records follow the newest checkpoint given"),
        "{}",
        run.dump()
    );
}
