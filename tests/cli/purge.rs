//! Retention: `cpni audit purge --before DATE` removes only the oldest prefix of the chain past
//! every floor (the retention period, breaches open or closed less than two years ago), records
//! and checkpoints itself, and `audit verify` keeps working from the new base. Everything else
//! is still refused by the triggers.
//!
//! Records cannot be backdated through cpni (nor edited afterwards), so the fixture builds the
//! database itself: `schema.sql`, a properly chained run of 2023-2024 records, the admin agent
//! and two breaches; then cpni appends to it.

use std::path::Path;

use cpni::audit::{Record, chain};
use rusqlite::{Connection, params};

use crate::util::{Env, OTHER_LOGIN};

/// (at, account, session) of the old records 1..=5.
const OLD: &[(&str, &str, &str)] = &[
    ("2023-01-10T09:00:00.000Z", "", ""),
    ("2023-02-01T09:00:00.000Z", "A1", ""),
    ("2023-03-01T09:00:00.000Z", "A1", "S9"), // session linked to breach 2
    ("2023-04-01T09:00:00.000Z", "B1", ""),   // account linked to breach 1
    ("2024-01-01T09:00:00.000Z", "A1", ""),
];

/// An initialised home whose database holds the old records 1..=5, breach 1 (open, account
/// B1) and breach 2 (closed 2025-06-01, session S9), then a checkpoint cpni appended now.
pub(crate) fn old_log() -> Env {
    old_log_of(OLD, "2023-01-10T09:00:00.000Z")
}

/// [`old_log`] with the records `old` and the admin agent created at `agent_at`.
fn old_log_of(old: &[(&str, &str, &str)], agent_at: &str) -> Env {
    let env = Env::initialised(false);
    let login = env.sql("select login from agent;");
    let db = env.db();
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
    build(&db, &login, old, agent_at);
    // Made here with the test's umask; cpni refuses a database others can read.
    std::fs::set_permissions(&db, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    // cpni signs the head of every log it writes; a log built by hand gets its head signed
    // here as cpni would have (a log with records and no head is never signed by a step).
    let seed = crate::audit_trust::stolen_seed(&env);
    crate::audit_trust::re_sign_head(&env, &seed);
    // Its rows sealed as cpni seals the rows its records name (row_seal).
    env.reseal();
    env.run(&["audit", "checkpoint"]).ok();
    env
}

fn build(db: &Path, login: &str, old: &[(&str, &str, &str)], agent_at: &str) {
    let conn = Connection::open(db).expect("open the new database");
    let schema = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.sql"))
        .expect("read schema.sql");
    conn.execute_batch(&schema).expect("apply schema.sql");
    let mut prev = chain::GENESIS.to_vec();
    for (i, (at, account, session)) in old.iter().enumerate() {
        let mut r = Record {
            seq: i as i64 + 1,
            at: at.to_string(),
            actor: login.to_string(),
            on_behalf_of: String::new(),
            account: account.to_string(),
            session: session.to_string(),
            event: if i == 0 { "init" } else { "customer.show" }.to_string(),
            detail: "{}".to_string(),
            prev_hash: prev.clone(),
            hash: Vec::new(),
        };
        r.hash = chain::hash(&r.prev_hash, &r).to_vec();
        conn.execute(
            "INSERT INTO audit (seq, at, actor, on_behalf_of, account, session, event, detail, \
             prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                r.seq,
                r.at,
                r.actor,
                r.on_behalf_of,
                r.account,
                r.session,
                r.event,
                r.detail,
                r.prev_hash,
                r.hash
            ],
        )
        .expect("insert an old record");
        prev = r.hash;
    }
    // The breaches name accounts and a session this fixture does not create. Their rows are
    // recorded before record 3 (the oldest a purge keeps here), so `audit verify` treats their
    // audit records as purged with records 1 and 2 (the cross-checks exempt such rows).
    conn.execute_batch("PRAGMA foreign_keys = OFF;")
        .expect("foreign keys off");
    conn.execute_batch(&format!(
        "INSERT INTO agent (login, role, created_at, updated_at) \
         VALUES ('{login}', 'admin', '{agent_at}', '{agent_at}');
         INSERT INTO breach (id, rule, description, discovered_at, determined_at, determined_on, \
           opened_by, opened_at, closed_at) VALUES \
           (1, '2007', 'open one', '2023-04-01T00:00:00.000Z', '2023-04-01T00:00:00.000Z', \
            '2023-04-01', '{login}', '2023-02-15T00:00:00.000Z', NULL), \
           (2, '2007', 'closed recently', '2023-03-01T00:00:00.000Z', '2023-03-01T00:00:00.000Z', \
            '2023-03-01', '{login}', '2023-02-15T00:00:00.000Z', '2025-06-01T00:00:00.000Z');
         INSERT INTO breach_account (breach, account) VALUES (1, 'B1');
         INSERT INTO breach_link (breach, session, agent, recorded_at) \
           VALUES (2, 'S9', '{login}', '2023-02-15T00:00:00.000Z');"
    ))
    .expect("insert the agent and breaches");
}

fn seqs(env: &Env) -> String {
    env.sql("select group_concat(seq, ',') from (select seq from audit order by seq) t;")
}

#[test]
fn purge_removes_only_the_old_unprotected_prefix_and_verify_still_passes() {
    if crate::util::sqlite_only(
        "builds its old log straight into the SQLite file (rusqlite); purge on PostgreSQL: pg_steps::pg_audit_purge_as_the_owner_removes_the_old_prefix_and_the_log_still_verifies",
    ) {
        return;
    }
    let env = old_log();
    assert_eq!(seqs(&env), "1,2,3,4,5,6");

    // Record 3's session is linked to a breach closed less than two years ago: stop there.
    let run = env.run(&["--json", "audit", "purge", "--before", "2024-06-01"]);
    run.ok();
    let doc = run.json();
    assert_eq!(doc["removed"], 2);
    assert_eq!(
        (doc["first_seq"].clone(), doc["last_seq"].clone()),
        (1.into(), 2.into())
    );
    assert_eq!(doc["stopped_at"]["seq"], 3);
    assert_eq!(doc["stopped_at"]["breach"], 2);
    assert_eq!(seqs(&env), "3,4,5,6,7,8");
    assert_eq!(
        env.sql("select event from audit where seq >= 7 order by seq;"),
        "audit.purge\naudit.checkpoint"
    );
    let detail = env.sql("select detail from audit where seq = 7;");
    let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
    assert_eq!(detail["removed"], 2);
    assert_eq!(detail["last_seq"], 2);
    assert_eq!(detail["before"], "2024-06-01T00:00:00.000Z");
    assert_eq!(doc["checkpoint"]["seq"], 8);
    assert_eq!(doc["checkpoint"]["count"], 6);
    assert_eq!(
        env.sql("select seq, records, hex(hash) = (select upper(hex(prev_hash)) from audit where seq = 3) from audit_base;"),
        "2|2|1"
    );
    env.run(&["audit", "verify"]).ok();

    // Breach 2 closed long ago now: record 3 goes; record 4's account is in open breach 1.
    env.sql("update breach set closed_at = '2023-06-01T00:00:00.000Z' where id = 2;");
    let run = env.run(&["--json", "audit", "purge", "--before", "2024-06-01"]);
    run.ok();
    assert_eq!(run.json()["removed"], 1);
    assert_eq!(run.json()["stopped_at"]["breach"], 1);
    assert_eq!(seqs(&env), "4,5,6,7,8,9,10");

    // Breach 1 closed over two years ago: 4 and 5 go; 6 (now) is not before the date.
    env.sql("update breach set closed_at = '2024-01-15T00:00:00.000Z' where id = 1;");
    let run = env.run(&["audit", "purge", "--before", "2024-06-01"]);
    run.ok()
        .stdout_has("Purged 2 audit record(s), 4 to 5")
        .stdout_has("Stopped at record 6");
    assert_eq!(seqs(&env), "6,7,8,9,10,11,12");
    env.run(&["audit", "verify"]).ok();
    assert_eq!(env.count("audit_base"), 3);

    // Nothing left to purge: nothing is written.
    env.run(&["audit", "purge", "--before", "2024-06-01"])
        .ok()
        .stdout_has("Nothing to purge");
    assert_eq!(seqs(&env), "6,7,8,9,10,11,12");

    // The live log still refuses every other deletion and edit, and so does audit_base.
    for sql in [
        "delete from audit where seq = 6;",
        "delete from audit;",
        "update audit set at = '2020-01-01T00:00:00.000Z' where seq = 7;",
        "delete from audit_base;",
        "update audit_base set seq = 100;",
        "insert into audit_base values (12, x'00', '2026-01-01', 1);",
    ] {
        let out = std::process::Command::new("sqlite3")
            .arg(env.db())
            .arg(sql)
            .output()
            .expect("run sqlite3");
        assert!(!out.status.success(), "{sql} was allowed");
    }
    assert_eq!(seqs(&env), "6,7,8,9,10,11,12");
    env.run(&["audit", "verify"]).ok();
}

#[test]
fn purge_within_the_retention_period_is_refused() {
    if crate::util::sqlite_only(
        "builds its old log straight into the SQLite file (rusqlite); purge on PostgreSQL: pg_steps::pg_audit_purge_as_the_owner_removes_the_old_prefix_and_the_log_still_verifies",
    ) {
        return;
    }
    let env = old_log();
    let run = env.run(&["audit", "purge", "--before", "2099-01-01"]);
    run.code(3).stderr_has("retention period");
    assert_eq!(seqs(&env), "1,2,3,4,5,6");
    // Default two years: 18 months ago is too late; with one year it is allowed.
    let t = time::OffsetDateTime::now_utc() - time::Duration::days(550);
    let d = format!("{}", t.date());
    env.run(&["audit", "purge", "--before", &d]).code(3);
    env.write_config("[secrets]\nargon2 = \"insecure-test\"\n[retention]\nyears = 1\n");
    env.run(&["audit", "purge", "--before", &d]).ok();
    assert_eq!(seqs(&env), "3,4,5,6,7,8");
    env.write_config("[retention]\nyears = 0\n");
    env.run(&["audit", "purge", "--before", "2024-01-01"])
        .code(2)
        .stderr_has("retention.years");
}

#[test]
fn purge_is_for_admins_only() {
    if crate::util::sqlite_only(
        "builds its old log straight into the SQLite file (rusqlite); purge on PostgreSQL: pg_steps::pg_audit_purge_as_the_owner_removes_the_old_prefix_and_the_log_still_verifies",
    ) {
        return;
    }
    let env = old_log();
    env.run(&["agent", "add", OTHER_LOGIN, "--role", "supervisor"])
        .ok();
    env.run_as_other(&["audit", "purge", "--before", "2024-06-01"])
        .code(3);
    assert_eq!(env.count("audit_base"), 0);
    assert_eq!(env.sql("select min(seq) from audit;"), "1");
}

#[test]
fn an_export_taken_before_a_purge_still_verifies() {
    if crate::util::sqlite_only(
        "builds its old log straight into the SQLite file (rusqlite); purge on PostgreSQL: pg_steps::pg_audit_purge_as_the_owner_removes_the_old_prefix_and_the_log_still_verifies",
    ) {
        return;
    }
    let env = old_log();
    let file = env.root().join("before.jsonl");
    let f = file.display().to_string();
    env.run(&["audit", "export", "--format", "jsonl", "--output", &f])
        .ok();
    env.run(&["audit", "purge", "--before", "2024-06-01"]).ok();
    env.run(&["audit", "verify", "--file", &f]).ok();
}

#[test]
fn a_signed_purge_still_verifies_against_a_checkpoint_taken_before_it() {
    if crate::util::sqlite_only(
        "builds its old log straight into the SQLite file (rusqlite); purge on PostgreSQL: pg_steps::pg_audit_purge_as_the_owner_removes_the_old_prefix_and_the_log_still_verifies",
    ) {
        return;
    }
    let env = old_log();
    env.run(&["audit", "checkpoint", "--output", "before.json"])
        .ok();
    let key = env
        .run(&["audit", "public-key"])
        .ok()
        .stdout
        .trim()
        .to_string();
    env.sql("update breach set closed_at = '2023-06-01T00:00:00.000Z';");
    env.run(&["audit", "purge", "--before", "2024-06-01"]).ok();
    let base: i64 = env.sql("select max(seq) from audit_base;").parse().unwrap();
    assert!(base >= 2, "records were purged");
    // The signed purge statement accounts for the purged records (checkpoint format 2 counts
    // from its signed base, which must be a base of this log).
    env.run(&[
        "audit",
        "verify",
        "--checkpoint",
        "before.json",
        "--public-key",
        &key,
    ])
    .ok();
    let sig = env.sql("select length(signature) from audit_base;");
    assert_eq!(sig, "128", "the base carries an Ed25519 signature");
}

/// [`OLD`] with records 2 and 3 made by one step (one transaction: the same time), the admin
/// agent created by it: the purge stops at record 3 (breach 2), between the two.
const ONE_STEP: &[(&str, &str, &str)] = &[
    ("2023-01-10T09:00:00.000Z", "", ""),
    ("2023-03-01T09:00:00.000Z", "A1", ""),
    ("2023-03-01T09:00:00.000Z", "A1", "S9"),
    ("2023-04-01T09:00:00.000Z", "B1", ""),
    ("2024-01-01T09:00:00.000Z", "A1", ""),
];

/// A home purged up to the middle of one step: records 1 and 2 go, record 3 (same time,
/// protected by breach 2) stays.
fn purged_mid_step() -> Env {
    let env = old_log_of(ONE_STEP, "2023-03-01T09:00:00.000Z");
    let run = env.run(&["--json", "audit", "purge", "--before", "2024-06-01"]);
    run.ok();
    assert_eq!(run.json()["removed"], 2);
    assert_eq!(run.json()["stopped_at"]["seq"], 3);
    env
}

#[test]
fn a_purge_stopped_by_a_kept_record_made_in_the_same_step_still_verifies() {
    if crate::util::sqlite_only(
        "builds its old log straight into the SQLite file (rusqlite); purge on PostgreSQL: pg_steps::pg_audit_purge_as_the_owner_removes_the_old_prefix_and_the_log_still_verifies",
    ) {
        return;
    }
    // The report: `init --demo` then a breach on one account; the purge removed the records of
    // the step's first rows and stopped at a later record of that step, kept for the breach.
    // Rows created at the very time of the oldest kept record had lost their records, and
    // verify called them written behind cpni's back (exit 6).
    let env = purged_mid_step();
    env.run(&["audit", "verify"]).ok();
    let login = env.sql("select login from agent;");
    let purge = env.sql("select detail from audit where event = 'audit.purge';");
    let purge: serde_json::Value = serde_json::from_str(&purge).unwrap();
    let listed: Vec<&str> = purge["unrecorded"]
        .as_array()
        .expect("the purge lists the rows that lost their records")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(listed.contains(&&*format!("agent {login}")), "{listed:?}");
    assert!(listed.contains(&"breach 1"), "{listed:?}");
    // Later steps, one of them changing the agent row the purged records created.
    env.run(&["agent", "add", OTHER_LOGIN, "--role", "supervisor"])
        .ok();
    env.run(&["agent", "role", OTHER_LOGIN, "agent"]).ok();
    env.run(&["audit", "checkpoint"]).ok();
    env.run(&["audit", "verify"]).ok();
    // A second purge carries the rows forward (the first purge's record is purged with it).
    env.sql("update breach set closed_at = '2023-06-01T00:00:00.000Z' where id = 2;");
    env.run(&["audit", "purge", "--before", "2024-06-01"]).ok();
    assert_eq!(env.count("audit_base"), 2);
    env.run(&["audit", "verify"]).ok();
}

#[test]
fn a_row_inserted_with_a_backdated_creation_after_a_partial_purge_is_caught() {
    if crate::util::sqlite_only(
        "builds its old log straight into the SQLite file (rusqlite); purge on PostgreSQL: pg_steps::pg_audit_purge_as_the_owner_removes_the_old_prefix_and_the_log_still_verifies",
    ) {
        return;
    }
    for mid_step in [false, true] {
        let env = partly_purged(mid_step);
        // An admin added behind cpni's back, dated before every kept record (and before every
        // purged one): the purge named the rows that lost their records, and this is not one.
        env.edit_behind_triggers(
            "agent",
            "INSERT INTO agent (login, role, created_at, updated_at) VALUES ('mallory', \
             'admin', '2023-01-01T00:00:00.000Z', '2023-01-01T00:00:00.000Z');",
        );
        env.run(&["audit", "verify"])
            .code(6)
            .stderr_has("agent mallory");
        // The same for a breach row, backdated before the cut.
        let env = partly_purged(mid_step);
        env.edit_behind_triggers(
            "breach",
            "INSERT INTO breach (id, rule, description, discovered_at, determined_at, \
             determined_on, opened_by, opened_at, closed_at) SELECT 7, rule, 'forged', \
             discovered_at, determined_at, determined_on, opened_by, \
             '2023-01-01T00:00:00.000Z', closed_at FROM breach WHERE id = 1;",
        );
        env.run(&["audit", "verify"]).code(6).stderr_has("breach 7");
    }
}

/// [`old_log`] (or the log of [`purged_mid_step`]) purged up to record 3, verified.
fn partly_purged(mid_step: bool) -> Env {
    let env = if mid_step {
        purged_mid_step()
    } else {
        let env = old_log();
        env.run(&["audit", "purge", "--before", "2024-06-01"]).ok();
        env
    };
    assert_eq!(env.count("audit_base"), 1);
    if !mid_step {
        // (The mid-step log verifies only once the purge names its rows.)
        env.run(&["audit", "verify"]).ok();
    }
    env
}
