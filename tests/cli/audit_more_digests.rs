//! Issue 11 follow-up: the append-only triggers are compared exactly with what the migrations
//! create (a re-created trigger that never fires, or the purge-base guard, no longer passes as
//! "present"), and the session, code, outbox and agent-key rows carry row digests, so an edit
//! behind dropped and exactly re-created triggers makes `audit verify` exit 6 naming the row.

use crate::calls::{ADA, ADA_PIN, code, email_code, pin, start};
use crate::util::{Env, TEST_CONFIG};

/// A demo home whose log verifies.
fn home() -> Env {
    let env = Env::initialised(true);
    env.run(&["audit", "verify"]).code(0);
    env
}

/// `audit verify` exits 6 with the trigger problem naming `name`.
#[track_caller]
fn triggers_caught(env: &Env, name: &str) {
    let run = env.run(&["--json", "audit", "verify"]);
    run.code(6);
    assert_eq!(run.json()["kind"], "triggers-missing", "{}", run.dump());
    run.stderr_has(name);
}

#[test]
fn a_re_created_trigger_that_never_fires_is_not_present() {
    if crate::util::sqlite_only(
        "SQLite trigger DDL in sqlite_master (PostgreSQL: pg::triggers' check)",
    ) {
        return;
    }
    let env = home();
    env.sql(
        "DROP TRIGGER audit_no_delete; \
         CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit WHEN 0 \
         BEGIN SELECT RAISE(ABORT,'x'); END;",
    );
    triggers_caught(&env, "audit_no_delete");
}

#[test]
fn a_weakened_purge_base_guard_is_caught() {
    if crate::util::sqlite_only(
        "SQLite trigger DDL in sqlite_master (PostgreSQL: pg::triggers' check)",
    ) {
        return;
    }
    let env = home();
    env.sql(
        "DROP TRIGGER audit_base_insert; \
         CREATE TRIGGER audit_base_insert BEFORE INSERT ON audit_base WHEN 0 \
         BEGIN SELECT RAISE(ABORT, 'an audit base must name an existing record after the previous base'); END;",
    );
    triggers_caught(&env, "audit_base_insert");
    env.sql("DROP TRIGGER audit_base_insert;");
    triggers_caught(&env, "audit_base_insert");
}

#[test]
fn a_trigger_moved_to_another_body_is_caught() {
    if crate::util::sqlite_only(
        "SQLite trigger DDL in sqlite_master (PostgreSQL: pg::triggers' check)",
    ) {
        return;
    }
    let env = home();
    env.sql(
        "DROP TRIGGER complaint_no_update; \
         CREATE TRIGGER complaint_no_update BEFORE UPDATE OF id ON complaint \
         BEGIN SELECT RAISE(ABORT, 'complaints are append-only'); END;",
    );
    triggers_caught(&env, "complaint_no_update");
}

#[test]
fn triggers_re_created_with_other_whitespace_are_present() {
    if crate::util::sqlite_only(
        "SQLite trigger DDL in sqlite_master (PostgreSQL: pg::triggers' check)",
    ) {
        return;
    }
    let env = home();
    env.sql(
        "DROP TRIGGER audit_no_update; \
         CREATE TRIGGER audit_no_update   BEFORE UPDATE ON audit\n\nBEGIN\n  SELECT RAISE(ABORT, 'audit records are append-only');\nEND;",
    );
    let run = env.run(&["audit", "verify"]);
    run.code(0);
    assert!(run.stdout.contains("triggers: present"), "{}", run.dump());
}

/// `audit verify` exits 6 with a table mismatch naming `row` (and `col`, when given).
#[track_caller]
fn row_caught(env: &Env, row: &str, col: Option<&str>) {
    let run = env.run(&["--json", "audit", "verify"]);
    run.code(6);
    let doc: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap_or_default();
    assert_eq!(doc["kind"], "table-mismatch", "{}", run.dump());
    assert!(run.stderr.contains(row), "names {row}: {}", run.dump());
    if let Some(c) = col {
        assert!(run.stderr.contains(c), "names column {c}: {}", run.dump());
    }
}

#[test]
fn a_session_verified_behind_cpnis_back_is_caught() {
    let cases = [
        (
            "update session set basis = 'pin', verified_at = started_at where id = '{S}';",
            "basis",
        ),
        (
            "update session set owner = 'root' where id = '{S}';",
            "owner",
        ),
        (
            "update session set secret_failures = 0 where id = '{S}';",
            "secret_failures",
        ),
        (
            "update session set ended_at = NULL, end_reason = NULL where id = '{S}';",
            "ended_at",
        ),
    ];
    for (sql, col) in cases {
        let env = home();
        let s = start(&env, ADA);
        if col == "secret_failures" {
            pin(&env, &s, "111999").code(1);
        }
        if col == "ended_at" {
            env.run(&["session", "end", &s]).ok();
        }
        env.run(&["audit", "verify"]).code(0);
        env.edit_behind_triggers("session", &sql.replace("{S}", &s));
        row_caught(&env, &format!("session {s}"), Some(col));
    }
}

#[test]
fn a_redirected_outbox_message_is_caught() {
    let env = home();
    let s = start(&env, ADA);
    email_code(&env, &s);
    env.run(&["audit", "verify"]).code(0);
    let id = env.sql("select max(id) from outbox;");
    env.edit_behind_triggers(
        "outbox",
        &format!("update outbox set recipient = 'evil@x.com' where id = {id};"),
    );
    row_caught(&env, &format!("outbox message {id}"), Some("recipient"));
}

#[test]
fn a_queued_message_redirected_before_delivery_is_caught() {
    let env = home();
    let s = start(&env, ADA);
    email_code(&env, &s);
    let id = env.sql("select max(id) from outbox;");
    env.edit_behind_triggers(
        "outbox",
        &format!("update outbox set status = 'queued', sent_at = NULL where id = {id};"),
    );
    row_caught(&env, &format!("outbox message {id}"), Some("status"));
}

#[test]
fn a_code_that_never_expires_is_caught() {
    let env = home();
    let s = start(&env, ADA);
    email_code(&env, &s);
    env.run(&["audit", "verify"]).code(0);
    let id = env.sql("select max(id) from code;");
    env.edit_behind_triggers(
        "code",
        &format!("update code set expires_at = '2099-01-01T00:00:00.000Z' where id = {id};"),
    );
    row_caught(&env, &format!("code {id}"), Some("expires_at"));
}

#[test]
fn a_used_code_made_unused_is_caught() {
    let env = home();
    let s = start(&env, ADA);
    let c = email_code(&env, &s);
    code(&env, &s, &c).ok();
    env.run(&["audit", "verify"]).code(0);
    let id = env.sql("select max(id) from code;");
    env.edit_behind_triggers(
        "code",
        &format!("update code set used_at = NULL where id = {id};"),
    );
    row_caught(&env, &format!("code {id}"), Some("used_at"));
}

/// A home with a gateway `authorized_keys` inside it.
pub(crate) fn key_home() -> Env {
    let env = Env::new();
    let keys = env.root().join("ssh").join("authorized_keys");
    env.write_config(&format!(
        "{TEST_CONFIG}[gateway]\nauthorized_keys = \"{}\"\n",
        keys.display()
    ));
    env.run(&["init", "--demo"]).ok();
    env
}

/// A new ed25519 public key file in the home.
pub(crate) fn keygen(env: &Env, name: &str) -> std::path::PathBuf {
    let path = env.root().join(name);
    let out = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "x@ws", "-f"])
        .arg(&path)
        .output()
        .expect("ssh-keygen (apt-get install openssh-client)");
    assert!(out.status.success());
    path.with_extension("pub")
}

pub(crate) const PLANTED: &str = "insert into agent_key (fingerprint, login, key_type, key_data, comment, \
     added_at) values ('SHA256:planted', 'root', 'ssh-ed25519', \
     'AAAAC3NzaC1lZDI1NTE5AAAAIOa', 'evil@ws', '2026-01-01T00:00:00.000Z');";

#[test]
fn a_planted_ssh_key_is_caught() {
    let env = home();
    env.edit_behind_triggers("agent_key", PLANTED);
    row_caught(&env, "agent key SHA256:planted", None);
}

#[test]
fn a_swapped_key_and_a_removed_key_put_back_are_caught() {
    let env = key_home();
    let public = keygen(&env, "k1");
    let p = public.to_str().unwrap();
    env.run(&[
        "agent",
        "add",
        "agent7",
        "--role",
        "agent",
        "--ssh-key-file",
        p,
    ])
    .ok();
    env.run(&["audit", "verify"]).code(0);
    let fp = env.sql("select fingerprint from agent_key;");
    env.edit_behind_triggers(
        "agent_key",
        "update agent_key set key_data = 'AAAAC3NzaC1lZDI1NTE5AAAAIOa';",
    );
    row_caught(&env, &format!("agent key {fp}"), Some("key_data"));

    let env = key_home();
    let public = keygen(&env, "k2");
    let p = public.to_str().unwrap();
    env.run(&[
        "agent",
        "add",
        "agent7",
        "--role",
        "agent",
        "--ssh-key-file",
        p,
    ])
    .ok();
    let fp = env.sql("select fingerprint from agent_key;");
    let saved = env.sql("select quote(fingerprint) || ', ' || quote(login) || ', ' || quote(key_type) || ', ' || quote(key_data) || ', ' || quote(comment) || ', ' || quote(added_at) from agent_key;");
    env.run(&["agent", "key", "remove", "agent7", &fp]).ok();
    env.run(&["audit", "verify"]).code(0);
    env.edit_behind_triggers(
        "agent_key",
        &format!("insert into agent_key values ({saved});"),
    );
    row_caught(&env, &format!("agent key {fp}"), None);
}

#[test]
fn sessions_codes_messages_and_keys_used_normally_verify() {
    let env = key_home();
    let s = start(&env, ADA);
    pin(&env, &s, "111999").code(1);
    pin(&env, &s, ADA_PIN).ok();
    env.run(&["session", "end", &s]).ok();
    let s = start(&env, ADA);
    let c = email_code(&env, &s);
    code(&env, &s, &c).ok();
    env.run(&["session", "end", &s]).ok();
    let public = keygen(&env, "k3");
    let p = public.to_str().unwrap();
    env.run(&[
        "agent",
        "add",
        "agent7",
        "--role",
        "agent",
        "--ssh-key-file",
        p,
    ])
    .ok();
    env.run(&["agent", "disable", "agent7"]).ok();
    let run = env.run(&["audit", "verify"]);
    run.code(0);
    assert!(run.stdout.contains("triggers: present"), "{}", run.dump());
}

#[test]
fn a_trigger_cpni_did_not_create_stops_every_command() {
    if crate::util::sqlite_only(
        "SQLite trigger DDL in sqlite_master (PostgreSQL: pg::triggers' check)",
    ) {
        return;
    }
    // From the re-attack: a trigger that marks every new session verified would let call detail
    // be disclosed with no authentication, and cpni would record and sign its effects.
    let env = Env::initialised(true);
    env.sql(
        "CREATE TRIGGER zz_autoverify AFTER INSERT ON session BEGIN \
         UPDATE session SET basis = 'pin', verified_at = NEW.started_at WHERE id = NEW.id; END;",
    );
    let run = env.run(&["session", "start", "DEMO-1003"]);
    run.code(6);
    assert!(run.stderr.contains("zz_autoverify"), "{}", run.dump());
    assert_eq!(env.count("session"), 0, "nothing was changed");
    env.run(&["audit", "verify"]).code(6);
}
