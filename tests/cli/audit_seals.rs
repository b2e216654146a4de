//! Issue 11, from the re-attack: a row edited behind cpni's back used to be "laundered" by the
//! next ordinary step that touched it, which read the row back after its own change and
//! recorded its digest, edit included, so `audit verify` then passed. Now a record carries each
//! changed row's digest before the change too (`"prior"`), verify requires it to equal the
//! latest earlier record's, and a step refuses (exit 6, nothing changed) to act on a session or
//! customer, or to change any decision row, whose state is not the one its latest record shows
//! (`row_seal`). Every attack here passed `audit verify` before.

use crate::calls::{ADA, ADA_PIN, disclose, pin, start};
use crate::util::Env;

const GRACE_PIN: &str = "390721";

fn home() -> Env {
    let env = Env::initialised(true);
    env.run(&["audit", "verify"]).code(0);
    env
}

/// The step was refused as acting on an edited row, naming it, and changed nothing.
#[track_caller]
fn refused(env: &Env, run: crate::util::Run, row: &str, before: i64) {
    run.code(6);
    assert!(run.stderr.contains(row), "names {row}: {}", run.dump());
    assert!(
        run.stderr.contains("changed outside cpni"),
        "{}",
        run.dump()
    );
    assert_eq!(env.count("audit"), before, "nothing recorded");
}

/// `audit verify` exits 6 with a table mismatch whose message contains every part of `want`.
#[track_caller]
fn verify_names(env: &Env, want: &[&str]) {
    let run = env.run(&["--json", "audit", "verify"]);
    run.code(6);
    let doc: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap_or_default();
    assert_eq!(doc["kind"], "table-mismatch", "{}", run.dump());
    for w in want {
        assert!(run.stderr.contains(w), "names {w:?}: {}", run.dump());
    }
}

#[test]
fn a_session_verified_behind_cpnis_back_is_refused_by_its_next_steps() {
    let env = home();
    let s = start(&env, ADA);
    env.edit_behind_triggers(
        "session",
        &format!("update session set basis = 'pin', verified_at = started_at where id = '{s}';"),
    );
    let before = env.count("audit");
    let row = format!("session {s}");
    refused(&env, disclose(&env, &s, "call-detail", &[]), &row, before);
    refused(&env, env.run(&["session", "end", &s]), &row, before);
    // Nor is it shown to the agent as verified.
    let shown = env.run(&["session", "show", &s]);
    refused(&env, shown, &row, before);
    assert_eq!(
        env.sql(&format!(
            "select ended_at is null from session where id = '{s}';"
        )),
        "1",
        "the session was not ended"
    );
    verify_names(&env, &[&row, "basis"]);
}

#[test]
fn a_copied_pin_hash_does_not_verify_a_caller() {
    // The attacker gives DEMO-1001 the PIN hash of an account whose PIN they know, then calls.
    let env = home();
    env.edit_behind_triggers("customer",
        "update customer set pin_hash = (select pin_hash from customer where account = 'DEMO-1002') \
         where account = 'DEMO-1001';",
    );
    // No call even starts on the edited customer.
    let before = env.count("audit");
    refused(
        &env,
        env.run(&["session", "start", ADA]),
        "customer DEMO-1001",
        before,
    );
    // With its seal forged too, the caller is verified by the copied hash; the records of that
    // call carry the customer as read, so verify names the row and the column.
    forge_seal(&env, "customer", "account", ADA);
    let s = start(&env, ADA);
    pin(&env, &s, GRACE_PIN).ok();
    verify_names(&env, &["customer DEMO-1001", "pin_hash"]);
}

/// What an attacker who read docs/audit-format.md does: computes the current digest of a row
/// and writes it into `row_seal`, so the step-time check no longer sees the edit.
fn forge_seal(env: &Env, table: &str, key: &str, value: &str) {
    env.seal_rows(&env.row_digests(table, &format!("{key} = '{value}'")), 1);
}

#[test]
fn an_edit_whose_seal_was_forged_is_still_caught_by_verify() {
    // The attacker also forges the row's seal, so the step no longer sees the edit: the step
    // goes through, and its record's "prior" digest shows what it started from.
    let env = home();
    let s = start(&env, ADA);
    env.edit_behind_triggers(
        "session",
        &format!("update session set basis = 'pin', verified_at = started_at where id = '{s}';"),
    );
    // A deleted seal is no way round: a row no record shows is refused too.
    env.sql(&format!("delete from row_seal where name = 'session {s}';"));
    env.run(&["session", "end", &s]).code(6);
    // The attacker computes the edited row's digest (the format is public) and seals it.
    forge_seal(&env, "session", "id", &s);
    env.run(&["session", "end", &s]).ok();
    verify_names(
        &env,
        &[
            &format!("changed session {s} from a state no record shows"),
            "basis",
        ],
    );
}

#[test]
fn a_row_planted_then_used_is_caught() {
    // A verified session planted with no record of it, then ended by an ordinary step: the
    // end record used to carry the planted row's digest, and verify passed.
    let env = home();
    env.edit_behind_triggers(
        "session",
        "insert into session (id, account, agent, owner, channel, started_at, last_active_at, \
         basis, verified_at) select 'S-PLANTED001', 'DEMO-1001', 'root', 'root', 'inbound', \
         t, t, 'pin', t from (select strftime('%Y-%m-%dT%H:%M:%fZ', 'now') as t) as now;",
    );
    let before = env.count("audit");
    refused(
        &env,
        env.run(&["session", "end", "S-PLANTED001"]),
        "session S-PLANTED001",
        before,
    );
    // With a forged seal the step goes through; verify names the planted row.
    forge_seal(&env, "session", "id", "S-PLANTED001");
    env.run(&["session", "end", "S-PLANTED001"]).ok();
    verify_names(
        &env,
        &["changed session S-PLANTED001, which no earlier audit record shows"],
    );
}

#[test]
fn a_changed_row_restored_before_the_step_passes() {
    // An edit undone before anything touched the row leaves nothing to find: the step and
    // verify both pass (the chain shows the true state throughout).
    let env = home();
    let s = start(&env, ADA);
    let sql = |b: &str| format!("update session set secret_failures = {b} where id = '{s}';");
    env.edit_behind_triggers("session", &sql("3"));
    env.edit_behind_triggers("session", &sql("0"));
    pin(&env, &s, ADA_PIN).ok();
    env.run(&["session", "end", &s]).ok();
    env.run(&["audit", "verify"]).code(0);
}

#[test]
fn ordinary_calls_keys_and_removals_verify_with_prior_digests() {
    let env = home();
    let s = start(&env, ADA);
    pin(&env, &s, "111999").code(1);
    pin(&env, &s, ADA_PIN).ok();
    disclose(&env, &s, "call-detail", &[]).ok();
    env.run(&["session", "end", &s]).ok();
    let n = env.sql("select count(*) from audit where detail like '%\"prior\":%';");
    assert!(
        n.parse::<i64>().unwrap() >= 3,
        "records carry prior digests: {n}"
    );
    assert_eq!(
        env.sql(&format!(
            "select seq = (select max(seq) from audit where detail like '%session {s}%') \
             from row_seal where name = 'session {s}';"
        )),
        "1",
        "the seal names the latest record"
    );
    env.run(&["audit", "verify"]).code(0);
}

// From the review of the change above: rows a step reads and decides on, not only rows it
// changes, must be as the chain shows them, and their digests as read go into the record.

#[test]
fn an_edit_sealed_acted_on_and_undone_is_still_caught() {
    // Edit a session to verified, forge its seal, disclose call detail, then put the row and
    // the seal back: the disclosure's record carries the session as it was read.
    let env = home();
    let s = start(&env, ADA);
    let old_seal = env.sql(&format!(
        "select digest from row_seal where name = 'session {s}';"
    ));
    env.edit_behind_triggers(
        "session",
        &format!("update session set basis = 'pin', verified_at = started_at where id = '{s}';"),
    );
    forge_seal(&env, "session", "id", &s);
    disclose(&env, &s, "call-detail", &[]).ok();
    env.edit_behind_triggers(
        "session",
        &format!("update session set basis = NULL, verified_at = NULL where id = '{s}';"),
    );
    env.sql(&format!(
        "update row_seal set digest = '{old_seal}' where name = 'session {s}';"
    ));
    verify_names(
        &env,
        &[
            &format!("session {s} from a state no record shows"),
            "basis",
        ],
    );
}

#[test]
fn a_role_raised_by_hand_acts_on_nothing() {
    let env = home();
    env.run(&["agent", "add", "alice", "--role", "agent"]).ok();
    env.edit_behind_triggers(
        "agent",
        "update agent set name = 'Root (edited)' where login = 'root';",
    );
    let before = env.count("audit");
    // Every command of the edited agent is refused inside its transaction...
    refused(
        &env,
        env.run(&["agent", "role", "alice", "admin"]),
        "agent root",
        before,
    );
    refused(
        &env,
        env.run(&["session", "start", ADA]),
        "agent root",
        before,
    );
    // ...while `audit verify` still runs, and names the row.
    verify_names(&env, &["agent root"]);
}

#[test]
fn a_planted_ssh_key_never_reaches_authorized_keys() {
    let env = crate::audit_more_digests::key_home();
    env.edit_behind_triggers("agent_key", crate::audit_more_digests::PLANTED);
    let public = crate::audit_more_digests::keygen(&env, "k1");
    let before = env.count("audit");
    refused(
        &env,
        env.run(&[
            "agent",
            "add",
            "bob",
            "--role",
            "agent",
            "--ssh-key-file",
            public.to_str().unwrap(),
        ]),
        "agent key SHA256:planted",
        before,
    );
    let keys = env.root().join("ssh").join("authorized_keys");
    let text = std::fs::read_to_string(&keys).unwrap_or_default();
    assert!(!text.contains("evil@ws"), "{text}");
}

#[test]
fn a_planted_opt_in_allows_nothing() {
    let env = home();
    env.run(&[
        "consent",
        "record",
        "DEMO-1002",
        "--deny",
        "--method",
        "written",
    ])
    .ok();
    env.edit_behind_triggers(
        "consent",
        "insert into consent (account, kind, method, evidence, notice_missing, agent, \
         recorded_at) values ('DEMO-1002', 'opt-in', 'written', 'forged', 0, 'root', \
         strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));",
    );
    let before = env.count("audit");
    let run = env.run(&["consent", "check", "--use", "third-party", "DEMO-1002"]);
    refused(&env, run, "consent row", before);
}

#[test]
fn a_row_planted_after_a_purge_is_caught() {
    if crate::util::sqlite_only(
        "writes its old log into a new SQLite file through cpni's store; purge on PostgreSQL: pg_steps::pg_audit_purge_as_the_owner_removes_the_old_prefix_and_the_log_still_verifies",
    ) {
        return;
    }
    // After a purge, only rows created before the oldest kept record may lack a record.
    let env = crate::purge::old_log();
    env.run(&["audit", "purge", "--before", "2024-06-01"]).ok();
    env.run(&["audit", "verify"]).code(0);
    env.edit_behind_triggers(
        "agent_key",
        &crate::audit_more_digests::PLANTED
            .replace("2026-01-01T00:00:00.000Z", "2026-11-30T00:00:00.000Z"),
    );
    verify_names(&env, &["agent key SHA256:planted"]);
}

// From the re-attack of the fixes above.

#[test]
fn a_deleted_denial_approves_nothing() {
    let env = home();
    let s = start(&env, ADA);
    pin(&env, &s, ADA_PIN).ok();
    for (choice, evidence) in [("--opt-in", "R1"), ("--revoke", "R2")] {
        env.run(&[
            "consent",
            "record",
            ADA,
            choice,
            "--method",
            "oral",
            "--evidence",
            evidence,
            "--session",
            &s,
        ])
        .ok();
    }
    env.run(&["session", "end", &s]).ok();
    env.run(&["consent", "check", ADA, "--use", "third-party"])
        .code(3);
    let id = env.sql("select max(id) from consent;");
    env.edit_behind_triggers("consent", &format!("delete from consent where id = {id};"));
    let before = env.count("audit");
    refused_deleted(
        &env,
        env.run(&["consent", "check", ADA, "--use", "third-party"]),
        &format!("consent row {id} was deleted outside cpni"),
        before,
    );
}

#[track_caller]
fn refused_deleted(env: &Env, run: crate::util::Run, want: &str, before: i64) {
    run.code(6);
    assert!(run.stderr.contains(want), "{}", run.dump());
    assert_eq!(env.count("audit"), before, "nothing recorded");
}

#[test]
fn edited_contacts_and_roles_are_not_presented_by_reads() {
    let env = home();
    env.edit_behind_triggers(
        "customer",
        "update customer set phone = '+12025550666' where account = 'DEMO-1001';",
    );
    let before = env.count("audit");
    refused(
        &env,
        env.run(&["customer", "show", ADA]),
        "customer DEMO-1001",
        before,
    );
    let env = home();
    env.edit_behind_triggers(
        "agent",
        "update agent set name = 'Root (edited)' where login = 'root';",
    );
    let before = env.count("audit");
    refused(&env, env.run(&["audit", "list"]), "agent root", before);
    verify_names(&env, &["agent root"]);
}
