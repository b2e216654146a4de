//! `cpni audit verify` against tampering done with the real `sqlite3` CLI: the triggers are
//! dropped first (as an attacker with file access would), then one kind of change each; every
//! case must exit 6 and name the first bad record. Also: checkpoints, and the golden vector of
//! docs/audit-format.md.

use sha2::{Digest, Sha256};

use crate::util::{Env, customer_args};

const DROP_TRIGGERS: &str = "drop trigger audit_no_update; drop trigger audit_no_delete;";

/// A demo log with a few more records: 7 from init --demo, then 5 customers (12 records).
fn log() -> Env {
    let env = Env::initialised(true);
    for i in 0..5 {
        env.run(&customer_args(&format!("ACCT-20{i}"))).ok();
    }
    assert_eq!(env.count("audit"), 12);
    env
}

/// What a careful attacker puts back afterwards.
const RESTORE_TRIGGERS: &str = "\
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit \
    BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END; \
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit \
    BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;";

fn tamper(env: &Env, sql: &str) {
    if env.pg().is_some() {
        return env.edit_behind(&[], sql);
    }
    env.sql(&format!("{DROP_TRIGGERS} {sql}"));
}

/// Tampering that leaves no trace in the schema.
fn tamper_and_restore(env: &Env, sql: &str) {
    if env.pg().is_some() {
        return env.edit_behind(&[], sql);
    }
    env.sql(&format!("{DROP_TRIGGERS} {sql} {RESTORE_TRIGGERS}"));
}

#[track_caller]
fn fails_at(env: &Env, args: &[&str], seq: i64, kind: &str) {
    let mut all = vec!["--json", "audit", "verify"];
    all.extend_from_slice(args);
    let run = env.run(&all);
    run.code(6);
    let doc = run.json();
    assert_eq!(doc["first_bad_seq"], seq, "{}", run.dump());
    assert_eq!(doc["kind"], kind, "{}", run.dump());
    let err = run.json_err();
    assert!(
        err["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains(&format!("record {seq}"))),
        "{}",
        run.dump()
    );
}

#[test]
fn an_intact_log_verifies() {
    let env = log();
    let run = env.run(&["--json", "audit", "verify"]);
    let doc = run.ok().json();
    assert_eq!(doc["records"], 12);
    assert_eq!(doc["head_seq"], 12);
    assert_eq!(doc["triggers"], "present");
    env.run(&["audit", "verify"]).ok().stdout_has("12 records");
}

#[test]
fn a_changed_field_of_a_middle_record_is_caught() {
    let env = log();
    tamper(&env, "update audit set account = 'ACCT-999' where seq = 9;");
    fails_at(&env, &[], 9, "edited");
}

#[test]
fn a_deleted_middle_record_is_caught() {
    let env = log();
    tamper(&env, "delete from audit where seq = 6;");
    fails_at(&env, &[], 6, "missing");
}

#[test]
fn two_swapped_records_are_caught() {
    let env = log();
    tamper(
        &env,
        "update audit set seq = -1 where seq = 5; update audit set seq = 5 where seq = 8; \
         update audit set seq = 8 where seq = -1;",
    );
    fails_at(&env, &[], 5, "reordered");
}

#[test]
fn deleting_the_last_three_records_after_a_checkpoint_is_caught() {
    let env = log();
    env.run(&["audit", "checkpoint", "--output", "cp.json"])
        .ok();
    let head: i64 = env.sql("select max(seq) from audit;").parse().unwrap();
    assert_eq!(head, 13, "the checkpoint is itself a record");
    tamper_and_restore(&env, "delete from audit where seq > 10;");
    // The shorter chain is still a valid chain, but the checkpoint stored in the database
    // (signed) is caught missing, as is the one kept elsewhere.
    fails_at(&env, &[], 11, "truncated");
    fails_at(&env, &["--checkpoint", "cp.json"], 11, "truncated");
}

#[test]
fn rewriting_the_whole_chain_consistently_after_a_checkpoint_is_caught() {
    let env = log();
    env.run(&["audit", "checkpoint", "--output", "cp.json"])
        .ok();
    tamper_and_restore(&env, &rewrite_from(&env, 4, "ACCT-666"));
    // Every hash and link was recomputed, but the stored signed checkpoint no longer matches.
    fails_at(&env, &[], 13, "rewritten");
    fails_at(&env, &["--checkpoint", "cp.json"], 13, "rewritten");
}

#[test]
fn a_checkpoint_with_a_changed_field_is_refused() {
    let env = log();
    env.run(&["audit", "checkpoint", "--output", "cp.json"])
        .ok();
    let text = std::fs::read_to_string(env.root().join("cp.json")).unwrap();
    env.file("cp.json", &text.replace("\"seq\": 13", "\"seq\": 12"));
    env.run(&["audit", "verify", "--checkpoint", "cp.json"])
        .code(6)
        .stderr_has("signature");
}

#[test]
fn dropped_triggers_alone_fail_verification() {
    if crate::util::sqlite_only("dropped SQLite triggers (PostgreSQL: pg::triggers' check)") {
        return;
    }
    let env = log();
    tamper(&env, "");
    let run = env.run(&["--json", "audit", "verify"]);
    run.code(6);
    assert_eq!(run.json()["kind"], "triggers-missing", "{}", run.dump());
    run.stderr_has("audit_no_update");
}

#[test]
fn checkpoint_files_are_private_and_never_overwritten() {
    let env = log();
    env.run(&["audit", "checkpoint", "--output", "cp.json"])
        .ok();
    let path = env.root().join("cp.json");
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&path).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
    env.run(&["audit", "checkpoint", "--output", "cp.json"])
        .code(2)
        .stderr_has("--force");
    env.run(&["audit", "checkpoint", "--output", "cp.json", "--force"])
        .ok();
    let events = env.sql("select count(*) from audit where event = 'audit.checkpoint';");
    assert_eq!(events, "2", "a refused checkpoint records nothing");
    let key = env.run(&["audit", "public-key"]);
    let key = key.ok().stdout.trim().to_string();
    assert_eq!(key.len(), 64);
    env.run(&[
        "audit",
        "verify",
        "--checkpoint",
        "cp.json",
        "--public-key",
        &key,
    ])
    .ok();
    let other = "00".repeat(32);
    env.run(&[
        "audit",
        "verify",
        "--checkpoint",
        "cp.json",
        "--public-key",
        &other,
    ])
    .code(6);
}

/// SQL that changes record `from`'s account and recomputes every hash after it, as an attacker
/// who knows the format (docs/audit-format.md) would.
fn rewrite_from(env: &Env, from: i64, account: &str) -> String {
    let rows = env.sql_json(&format!(
        "select seq, at, actor, on_behalf_of, account, session, event, detail, \
         {} as prev from audit order by seq",
        env.hex("prev_hash")
    ));
    let mut prev = hex::decode(rows[(from - 1) as usize]["prev"].as_str().unwrap()).unwrap();
    let mut sql = String::new();
    for r in &rows[(from - 1) as usize..] {
        let seq = r["seq"].as_i64().unwrap();
        let mut fields: Vec<String> = [
            "at",
            "actor",
            "on_behalf_of",
            "account",
            "session",
            "event",
            "detail",
        ]
        .iter()
        .map(|k| r[*k].as_str().unwrap().to_string())
        .collect();
        if seq == from {
            fields[3] = account.to_string();
        }
        let hash = chain_hash(&prev, seq, &fields);
        sql.push_str(&format!(
            "update audit set account = '{}', prev_hash = {}, hash = {} where seq = {seq};",
            fields[3].replace('\'', "''"),
            env.blob(&hex::encode(&prev)),
            env.blob(&hex::encode(hash))
        ));
        prev = hash.to_vec();
    }
    sql
}

/// The chain hash of docs/audit-format.md, written independently of src/audit/chain.rs.
fn chain_hash(prev: &[u8], seq: i64, fields: &[String]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(prev);
    h.update((seq as u64).to_be_bytes());
    for f in fields {
        h.update((f.len() as u32).to_be_bytes());
        h.update(f.as_bytes());
    }
    h.finalize().into()
}

#[test]
fn the_documented_golden_vector_holds() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/audit-format.md"))
        .expect("docs/audit-format.md");
    let fields: Vec<String> = [
        "2026-01-01T00:00:00.000Z",
        "root",
        "",
        "",
        "",
        "init",
        r#"{"admin":"root"}"#,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let hash = hex::encode(chain_hash(&[0; 32], 1, &fields));
    assert_eq!(
        hash,
        "b0029fc88d031f3f1253c69d82d4803f374776bde7e8b7dc33c814856520bcf2"
    );
    assert!(doc.contains(&hash), "the document shows the golden hash");
    assert!(
        doc.contains("000000000000000100000018323032362d30312d30315430303a30303a30302e3030305a"),
        "the document shows the canonical bytes"
    );
}
