//! Issue 11 (b) and (c): a purge base must be a legitimate purge even when forged with the
//! signing key, and the newest record must be exactly the signed head. The attacker here has
//! write access to the database (the real `sqlite3` CLI) and, where said, the signing key
//! beside it, used the way cpni uses it (`cpni::audit::checkpoint::sign_text` over the same
//! statement text). Each attack passed `cpni audit verify` before this change.

use cpni::audit::checkpoint::{Checkpoint, PurgeBase, sign_text};
use cpni::audit::head::Head;
use cpni::audit::{Record, chain};

use crate::util::{Env, customer_args};

/// A demo log with a checkpoint kept elsewhere (cp.json), then three more steps.
fn log_with_checkpoint() -> Env {
    let env = Env::initialised(true);
    env.run(&["audit", "checkpoint", "--output", "cp.json"])
        .ok();
    for i in 0..3 {
        env.run(&customer_args(&format!("ACCT-50{i}"))).ok();
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

/// What the attacker reads from the file beside the database.
pub(crate) fn stolen_seed(env: &Env) -> [u8; 32] {
    let path = env.key_file("signing-key");
    let text = std::fs::read_to_string(&path).expect("read the signing key file");
    hex::decode(text.trim()).unwrap().try_into().unwrap()
}

fn head(env: &Env) -> (i64, Vec<u8>) {
    let row = env.sql("select seq || '|' || hex(hash) from audit order by seq desc limit 1;");
    let (seq, hash) = row.split_once('|').unwrap();
    (seq.parse().unwrap(), hex::decode(hash).unwrap())
}

/// Appends a record with a correct hash chain after the head; returns it.
fn forge_record(env: &Env, event: &str, at: &str, detail: &str) -> Record {
    forge_record_as(env, "root", event, at, detail)
}

/// [`forge_record`] made in the name of `actor`.
pub(crate) fn forge_record_as(
    env: &Env,
    actor: &str,
    event: &str,
    at: &str,
    detail: &str,
) -> Record {
    let (seq, prev) = head(env);
    let mut r = Record {
        seq: seq + 1,
        at: at.into(),
        actor: actor.into(),
        on_behalf_of: String::new(),
        account: String::new(),
        session: String::new(),
        event: event.into(),
        detail: detail.into(),
        prev_hash: prev,
        hash: Vec::new(),
    };
    r.hash = chain::hash(&r.prev_hash, &r).to_vec();
    env.sql(&format!(
        "insert into audit values ({}, '{}', '{}', '', '', '', '{}', '{}', {}, {});",
        r.seq,
        r.at,
        r.actor,
        r.event,
        r.detail.replace('\'', "''"),
        env.blob(&hex::encode(&r.prev_hash)),
        env.blob(&hex::encode(&r.hash))
    ));
    r
}

/// Re-signs the head with the stolen key, as every cpni write does.
pub(crate) fn re_sign_head(env: &Env, seed: &[u8; 32]) {
    let (seq, hash) = head(env);
    let base: i64 = env
        .sql("select coalesce(max(seq), 0) from audit_base;")
        .parse()
        .unwrap();
    let h = Head::sign(seed, seq, &hash, base, "2026-01-01T00:00:00.000Z");
    env.sql(&format!(
        "insert into audit_head values (1, {}, {}, {}, '{}', '{}', '{}') on conflict (id) do \
         update set seq = excluded.seq, hash = excluded.hash, base_seq = excluded.base_seq, \
         at = excluded.at, public_key = excluded.public_key, signature = excluded.signature;",
        h.seq,
        env.blob(&hex::encode(&h.hash)),
        h.base_seq,
        h.at,
        h.public_key,
        h.signature
    ));
}

/// A signed format-1 purge base at record `n` (what cpni signed before format 2), inserted
/// the way cpni inserts it, then every record up to it deleted; no trigger is dropped.
fn forge_signed_base(env: &Env, seed: &[u8; 32], n: i64, purged_at: &str) {
    let hash =
        hex::decode(env.sql(&format!("select hex(hash) from audit where seq = {n};"))).unwrap();
    let statement = PurgeBase {
        seq: n,
        hash: hash.clone(),
        previous_seq: 0,
        records: n,
        purged_at: purged_at.into(),
        proof: None,
    };
    let sig = sign_text(seed, &statement.message());
    env.sql(&format!(
        "insert into audit_base (seq, hash, purged_at, records, signature) \
         values ({n}, {}, '{purged_at}', {n}, '{sig}'); delete from audit where seq <= {n};",
        env.blob(&hex::encode(&hash))
    ));
}

#[track_caller]
fn verify_fails(env: &Env, args: &[&str], kind: &str) -> String {
    let mut all = vec!["--json", "audit", "verify"];
    all.extend_from_slice(args);
    let run = env.run(&all);
    run.code(6);
    let doc: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap_or_default();
    assert_eq!(doc["kind"], kind, "{}", run.dump());
    run.json_err()["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn cp_seq(env: &Env) -> i64 {
    Checkpoint::read(&env.root().join("cp.json")).unwrap().seq
}

#[test]
fn a_young_purge_base_signed_with_the_key_is_caught() {
    let env = log_with_checkpoint();
    let key = public_key(&env);
    let seed = stolen_seed(&env);
    let (h, _) = head(&env);
    let n = h - 1;
    assert!(n > cp_seq(&env));
    forge_signed_base(&env, &seed, n, &cpni::clock::format(cpni::clock::now()));
    assert_eq!(env.count("audit"), 1, "every record but the newest is gone");
    let msg = verify_fails(&env, &[], "base-forged");
    assert!(
        msg.contains(&format!("purge base at record {n}")) && msg.contains("audit.purge"),
        "{msg}"
    );
    verify_fails(
        &env,
        &["--checkpoint", "cp.json", "--public-key", &key],
        "base-forged",
    );
}

#[test]
fn a_forged_purge_with_its_own_purge_record_is_caught_by_the_checkpoints() {
    // The key holder writes everything a purge writes: the audit.purge record (claiming a
    // two-year retention), the signed base, the deletion and a re-signed head. Only the
    // checkpoints' signed times show the removed records were young.
    let env = log_with_checkpoint();
    let key = public_key(&env);
    let seed = stolen_seed(&env);
    let n = cp_seq(&env) + 1;
    let hash = env.sql(&format!(
        "select lower(hex(hash)) from audit where seq = {n};"
    ));
    let now = cpni::clock::now();
    let at = cpni::clock::format(now);
    let before = cpni::clock::format(cpni::domain::retention::years_before(now, 2));
    let detail = format!(
        r#"{{"before":"{before}","removed":{n},"first_seq":1,"last_seq":{n},"base_hash":"{hash}","retention_years":2}}"#
    );
    forge_record(&env, "audit.purge", &at, &detail);
    forge_signed_base(&env, &seed, n, &at);
    re_sign_head(&env, &seed);
    let msg = verify_fails(&env, &[], "base-forged");
    assert!(
        msg.contains(&format!("checkpoint stored checkpoint {}", cp_seq(&env)))
            && msg.contains("retention period"),
        "{msg}"
    );
    let msg = verify_fails(
        &env,
        &["--checkpoint", "cp.json", "--public-key", &key],
        "base-forged",
    );
    assert!(msg.contains(&format!("purge base at record {n}")), "{msg}");
}

#[test]
fn a_legitimate_purge_of_old_records_verifies_against_an_old_checkpoint() {
    if crate::util::sqlite_only(
        "writes its old log into a new SQLite file through cpni's store; purge on PostgreSQL: pg_steps::pg_audit_purge_as_the_owner_removes_the_old_prefix_and_the_log_still_verifies",
    ) {
        return;
    }
    let env = crate::purge::old_log();
    let key = public_key(&env);
    let seed = stolen_seed(&env);
    // An off-box checkpoint of record 2, signed in 2023 (as a 2023 schedule would have).
    let hash = hex::decode(env.sql("select hex(hash) from audit where seq = 2;")).unwrap();
    let old = Checkpoint::sign(
        &seed,
        2,
        &hash,
        (0, &chain::GENESIS),
        "2023-02-01T09:00:00.000Z",
    );
    env.file("old.json", &serde_json::to_string(&old).unwrap());
    crate::purge::close_back_then(&env, 1, "2023-06-01T00:00:00.000Z");
    crate::purge::close_back_then(&env, 2, "2023-06-01T00:00:00.000Z");
    env.run(&["audit", "purge", "--before", "2024-06-01"]).ok();
    let base: i64 = env.sql("select max(seq) from audit_base;").parse().unwrap();
    assert!(base >= 2, "record 2 was purged");
    let statement = env.sql("select statement from audit_base;");
    assert!(
        statement.starts_with("cpni-audit-purge/2\n") && statement.contains("\nretention_years=2"),
        "{statement}"
    );
    let purge_seq: i64 = env
        .sql("select seq from audit where event = 'audit.purge';")
        .parse()
        .unwrap();
    assert!(
        statement.contains(&format!("\npurge_seq={purge_seq}\n")),
        "{statement}"
    );
    env.run(&[
        "audit",
        "verify",
        "--checkpoint",
        "old.json",
        "--public-key",
        &key,
    ])
    .ok();
    env.run(&["audit", "verify"]).ok();
}

#[test]
fn a_record_forged_after_the_signed_head_is_caught() {
    let env = log_with_checkpoint();
    let key = public_key(&env);
    env.run(&["audit", "verify"]).ok();
    let forged = forge_record(&env, "customer.show", "2026-06-01T00:00:00.000Z", "{}");
    let msg = verify_fails(&env, &[], "forged");
    assert!(msg.contains(&format!("record {}", forged.seq)), "{msg}");
    verify_fails(
        &env,
        &["--checkpoint", "cp.json", "--public-key", &key],
        "forged",
    );
    // The next step does not bless it: cpni signs only a head it signed before.
    env.run(&customer_args("ACCT-600")).ok();
    let msg = verify_fails(&env, &[], "forged");
    assert!(
        msg.contains(&format!("record {} was appended", forged.seq)),
        "{msg}"
    );
}

/// Runs two steps that leave only an audit record each (no decision row), then deletes the
/// newest `k` records behind a re-created trigger; returns the first seq deleted.
fn cut_tail(env: &Env, k: i64) -> i64 {
    // Records that change no decision row (a session's start would leave its row without a
    // record once the tail is cut, which the row digests report first).
    for _ in 0..2 {
        env.run(&["customer", "report", "DEMO-1001"]).ok();
    }
    let (h, _) = head(env);
    let trigger = env.sql("select sql from sqlite_master where name = 'audit_no_delete';");
    env.sql(&format!(
        "drop trigger audit_no_delete; delete from audit where seq > {}; {trigger};",
        h - k
    ));
    h - k + 1
}

#[test]
fn a_tail_cut_off_after_the_newest_checkpoint_is_caught() {
    if crate::util::sqlite_only("drops and re-creates SQLite triggers from sqlite_master") {
        return;
    }
    let env = log_with_checkpoint();
    let first_gone = cut_tail(&env, 2);
    assert!(first_gone > cp_seq(&env));
    let msg = verify_fails(&env, &[], "truncated");
    assert!(
        msg.contains(&format!("record {first_gone} is missing")),
        "{msg}"
    );
}

#[test]
fn a_cut_tail_with_its_signed_head_deleted_is_caught() {
    if crate::util::sqlite_only("drops and re-creates SQLite triggers from sqlite_master") {
        return;
    }
    let env = log_with_checkpoint();
    cut_tail(&env, 2);
    env.sql("delete from audit_head;");
    let (h, _) = head(&env);
    let msg = verify_fails(&env, &[], "head-unsigned");
    assert!(msg.contains(&format!("newest record {h}")), "{msg}");
}

#[test]
fn a_head_signed_with_another_key_is_caught() {
    let env = log_with_checkpoint();
    forge_record(&env, "customer.show", "2026-06-01T00:00:00.000Z", "{}");
    re_sign_head(&env, &[9u8; 32]);
    verify_fails(&env, &[], "head-forged");
    let key = public_key(&env);
    verify_fails(&env, &["--public-key", &key], "head-forged");
}

#[test]
fn every_audited_step_signs_the_head() {
    let env = log_with_checkpoint();
    let key = public_key(&env);
    let (h, hash) = head(&env);
    let row =
        env.sql("select seq || '|' || lower(hex(hash)) || '|' || public_key from audit_head;");
    assert_eq!(row, format!("{h}|{}|{key}", hex::encode(&hash)));
    env.run(&["audit", "verify", "--public-key", &key]).ok();
}

#[test]
fn without_a_signing_key_verify_warns_that_the_head_is_unchecked() {
    if crate::util::sqlite_only(
        "on PostgreSQL a host without the database's key files is refused before any command \
         (pg-keys-missing; pg_connect::pg_a_joining_host_must_be_given_the_keys)",
    ) {
        return;
    }
    let env = log_with_checkpoint();
    std::fs::remove_file(env.key_file("signing-key")).unwrap();
    env.run(&["audit", "verify"])
        .ok()
        .stderr_has("no signing key");
}

/// docs/audit-format.md §6.1, run as documented.
fn run_head_recipe(env: &Env, key: &str) -> std::process::Output {
    let code = crate::util::audit_format_python("6.1");
    let script = env.file("head.py", &code);
    std::process::Command::new("python3")
        .arg(script)
        .arg(env.db())
        .arg(key)
        .output()
        .expect("python3 is needed (scripts/test.sh installs it)")
}

#[test]
fn the_documented_head_recipe_checks_the_signed_head_and_purges() {
    if crate::util::sqlite_only(
        "docs/audit-format.md §6.1's recipe reads the SQLite file; §6.2's, for PostgreSQL, runs in \
         pg_steps::pg_audit_purge_as_the_owner_removes_the_old_prefix_and_the_log_still_verifies",
    ) {
        return;
    }
    let env = crate::purge::old_log();
    let key = public_key(&env);
    crate::purge::close_back_then(&env, 1, "2023-06-01T00:00:00.000Z");
    crate::purge::close_back_then(&env, 2, "2023-06-01T00:00:00.000Z");
    env.run(&["audit", "purge", "--before", "2024-06-01"]).ok();
    let out = run_head_recipe(&env, &key);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok: head "));
    forge_record(&env, "customer.show", "2026-06-01T00:00:00.000Z", "{}");
    let out = run_head_recipe(&env, &key);
    assert!(!out.status.success(), "a forged record fails the recipe");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("the signed head is"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_checkpoint_never_signs_over_a_forged_record() {
    let env = log_with_checkpoint();
    let forged = forge_record(&env, "customer.show", "2026-06-01T00:00:00.000Z", "{}");
    let stored = env.count("audit_checkpoint");
    let run = env.run(&["audit", "checkpoint", "--output", "new.json"]);
    run.code(6).stderr_has("not the signed head");
    assert!(!env.root().join("new.json").exists());
    assert_eq!(env.count("audit_checkpoint"), stored, "nothing was signed");
    let msg = verify_fails(&env, &[], "forged");
    assert!(msg.contains(&format!("record {}", forged.seq)), "{msg}");
}

#[test]
fn a_deleted_head_is_not_signed_again_by_the_next_step() {
    // No key needed: forge a record, delete the signed head, let an ordinary step run. The
    // step must not sign a head over the forgery.
    let env = log_with_checkpoint();
    forge_record(&env, "customer.show", "2026-06-01T00:00:00.000Z", "{}");
    env.sql("delete from audit_head;");
    env.run(&customer_args("ACCT-599")).ok();
    assert_eq!(
        env.count("audit_head"),
        0,
        "the step signed a head over the forgery"
    );
    verify_fails(&env, &[], "head-unsigned");
    let key = public_key(&env);
    verify_fails(&env, &["--public-key", &key], "head-unsigned");
}

#[test]
fn a_purge_dated_in_the_future_is_caught_even_with_the_key() {
    // The key holder dates the purge in 2099, so a 2-year floor (2097) lies after every
    // record; checkpoints signed today would look old enough to remove.
    let env = log_with_checkpoint();
    let key = public_key(&env);
    let seed = stolen_seed(&env);
    let n = cp_seq(&env) + 1;
    let hash = env.sql(&format!(
        "select lower(hex(hash)) from audit where seq = {n};"
    ));
    let at = "2099-01-01T00:00:00.000Z";
    let detail = format!(
        r#"{{"before":"2097-01-01T00:00:00.000Z","removed":{n},"first_seq":1,"last_seq":{n},"base_hash":"{hash}","retention_years":2}}"#
    );
    forge_record(&env, "audit.purge", at, &detail);
    forge_signed_base(&env, &seed, n, at);
    re_sign_head(&env, &seed);
    for args in [
        vec![],
        vec!["--checkpoint", "cp.json", "--public-key", &key],
    ] {
        let msg = verify_fails(&env, &args, "base-forged");
        assert!(msg.contains("after this computer's clock"), "{msg}");
    }
}

#[test]
fn a_schema_rewound_by_hand_is_refused_before_any_upgrade() {
    if crate::util::sqlite_only(
        "SQLite's pragma user_version (PostgreSQL: schema_version, pg_connect)",
    ) {
        return;
    }
    // From the review: rewinding `user_version` to 10 (seals dropped) made the next open
    // re-run migration 11, whose baselines recorded a hand-edited session as found, and sign
    // it into the head; verify then passed. Now any command refuses a database whose own log
    // shows a newer schema, and changes nothing.
    let env = log_with_checkpoint();
    let s = env.run(&["session", "start", "ACCT-500"]);
    s.ok();
    let s = s.stdout.trim().to_string();
    env.sql(&format!(
        "update session set basis = 'pin', verified_at = started_at where id = '{s}'; \
         drop table row_seal; pragma user_version = 10;"
    ));
    let before = env.count("audit");
    for args in [
        vec!["session", "end", s.as_str()],
        vec!["customer", "show", "ACCT-500"],
        vec!["audit", "verify"],
    ] {
        let run = env.run(&args);
        run.code(6);
        assert!(
            run.stderr.contains("rewound by hand") && run.stderr.contains("version 10"),
            "{}",
            run.dump()
        );
    }
    assert_eq!(env.count("audit"), before, "nothing recorded");
    assert_eq!(env.sql("pragma user_version;"), "10", "nothing upgraded");

    // Rewound further, past the signed head, with the head table dropped: refused the same.
    let env = log_with_checkpoint();
    forge_record(&env, "customer.show", "2026-06-01T00:00:00.000Z", "{}");
    env.sql(
        "delete from audit_head; drop table audit_head; \
         alter table audit_base drop column statement; drop table row_seal; \
         pragma user_version = 9;",
    );
    env.run(&["audit", "verify"])
        .code(6)
        .stderr_has("rewound by hand");
    assert_eq!(
        env.sql("select count(*) from audit where event = 'audit.upgrade';"),
        "0",
        "no upgrade ran"
    );
}

/// From the attack after this stop's merge: with no key, delete the newest records and roll
/// the signed head row back to the record now last (its signature still covers the later
/// head). The next ordinary step used to sign on from it, and `audit verify` passed with the
/// records gone; now a head row this key did not sign for that record is never signed on.
#[test]
fn a_head_rolled_back_over_deleted_records_is_not_signed_on_by_the_next_step() {
    let env = Env::initialised(true);
    let s = env
        .run(&["session", "start", "DEMO-1001"])
        .ok()
        .stdout
        .trim()
        .to_string();
    env.run_stdin(&["session", "pin", &s, "--pin-stdin"], "804713\n")
        .ok();
    let kept = env.sql("select max(seq) from audit;");
    crate::calls::disclose(&env, &s, "call-detail", &[]).ok();
    env.edit_behind(
        &["audit_no_delete"],
        &format!(
            "DELETE FROM audit WHERE seq > {kept}; UPDATE audit_head SET seq = {kept}, \
             hash = (SELECT hash FROM audit WHERE seq = {kept});"
        ),
    );
    crate::calls::disclose(&env, &s, "account", &[]).ok();
    let run = env.run(&["audit", "verify"]);
    run.code(6);
}
