//! Issue 11 item 3, values: each audit record that creates or changes a decision row carries a
//! digest of the row's decision columns, and `audit verify` recomputes them. Each attack drops
//! the table's triggers with the real `sqlite3` CLI, edits a value, re-creates the triggers
//! exactly, and must make `cpni audit verify` exit 6 naming the row, the record and the
//! columns; before row digests (keys and times only) every one of them passed.

use crate::calls::{ADA, ADA_PIN, pin, start};
use crate::util::Env;

/// `audit verify` exits 6 naming `row`, its latest record and every column in `cols`.
#[track_caller]
fn caught(env: &Env, row: &str, cols: &[&str]) {
    let run = env.run(&["--json", "audit", "verify"]);
    run.code(6);
    let err = run.json_err();
    let msg = err["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(msg.contains(row), "names {row}: {msg}");
    assert!(
        msg.contains("differ from audit record"),
        "names the record: {msg}"
    );
    for c in cols {
        assert!(msg.contains(c), "names column {c}: {msg}");
    }
    let doc: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap_or_default();
    assert_eq!(doc["kind"], "table-mismatch", "{}", run.dump());
}

/// A demo home whose log verifies.
fn home() -> Env {
    let env = Env::initialised(true);
    env.run(&["audit", "verify"]).ok();
    env
}

#[test]
fn edited_contact_values_are_caught() {
    let cases = [
        (
            "update customer set phone = '+12025550666' where account = 'DEMO-1001';",
            "phone",
        ),
        (
            "update customer set email = 'eve@evil.example' where account = 'DEMO-1001';",
            "email",
        ),
        (
            "update customer set street = '1 Drop Box Lane', postal_code = '99999' \
             where account = 'DEMO-1001';",
            "street",
        ),
        (
            "update customer set country = 'CA' where account = 'DEMO-1001';",
            "country",
        ),
        (
            "update customer set name = 'Mallory' where account = 'DEMO-1001';",
            "name",
        ),
    ];
    for (sql, col) in cases {
        let env = home();
        env.edit_behind_triggers("customer", sql);
        caught(&env, "customer DEMO-1001", &[col]);
    }
}

#[test]
fn an_edited_contact_history_value_is_caught() {
    let env = home();
    env.run(&[
        "customer",
        "set-phone",
        ADA,
        "--phone",
        "2025550199",
        "--reason",
        "customer wrote in",
    ])
    .ok();
    env.run(&["audit", "verify"]).ok();
    // The retired number becomes the attacker's: "of record until today", a callback target.
    env.edit_behind_triggers(
        "contact_history",
        "update contact_history set value = '+12025550666';",
    );
    caught(&env, "contact history ", &["value"]);
}

#[test]
fn a_copied_pin_hash_and_a_reset_lock_are_caught() {
    // The attacker gives DEMO-1001 the PIN hash of an account whose PIN they know.
    let env = home();
    env.edit_behind_triggers("customer",
        "update customer set pin_hash = (select pin_hash from customer where account = 'DEMO-1002') \
         where account = 'DEMO-1001';",
    );
    caught(&env, "customer DEMO-1001", &["pin_hash"]);

    // Five wrong PINs lock the account; the attacker clears the lock to keep guessing.
    let env = home();
    for _ in 0..2 {
        let s = start(&env, ADA);
        for _ in 0..3 {
            pin(&env, &s, "111999");
        }
    }
    assert_ne!(
        env.sql("select locked_until from customer where account = 'DEMO-1001';"),
        ""
    );
    env.run(&["audit", "verify"]).ok();
    env.edit_behind_triggers(
        "customer",
        "update customer set failures = 0, lock_level = 0, locked_until = NULL \
         where account = 'DEMO-1001';",
    );
    caught(&env, "customer DEMO-1001", &["failures", "locked_until"]);

    // A forced PIN change quietly waived.
    let env = home();
    env.run(&["customer", "reset-pin", ADA, "--via", "mail"])
        .ok();
    env.run(&["audit", "verify"]).ok();
    env.edit_behind_triggers(
        "customer",
        "update customer set pin_must_change = 0 where account = 'DEMO-1001';",
    );
    caught(&env, "customer DEMO-1001", &["pin_must_change"]);
}

#[test]
fn an_edited_backup_secret_and_contract_are_caught() {
    let env = home();
    env.edit_behind_triggers("customer",
        "update customer set backup_hash = (select pin_hash from customer where account = 'DEMO-1002') \
         where account = 'DEMO-1001';",
    );
    caught(&env, "customer DEMO-1001", &["backup_hash"]);

    let env = home();
    env.edit_behind_triggers(
        "customer",
        "update customer set cpni_contract = 'MSA-FAKE-1' where account = 'DEMO-1001';",
    );
    caught(&env, "customer DEMO-1001", &["cpni_contract"]);

    let env = home();
    env.run(&[
        "customer",
        "set-contract",
        "DEMO-1004",
        "--method",
        "callback",
        "--callback-phone",
        "+1 202 555 0100",
        "--reason",
        "contract annex 2",
    ])
    .ok();
    env.run(&["audit", "verify"]).ok();
    // Backdating makes the designated number usable at once (it must be on file 30 days).
    env.edit_behind_triggers(
        "customer",
        "update customer set contract_set_at = '2020-01-01T00:00:00.000Z', \
         contract_callback_since = '2020-01-01T00:00:00.000Z' where account = 'DEMO-1004';",
    );
    caught(
        &env,
        "customer DEMO-1004",
        &["contract_set_at", "contract_callback_since"],
    );
}

fn breach_home() -> Env {
    let env = home();
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
    env.run(&[
        "breach",
        "hold",
        "1",
        "--until",
        "2026-04-09",
        "--reference",
        "FBI-1",
    ])
    .ok();
    env.run(&["audit", "verify"]).ok();
    env
}

#[test]
fn edited_breach_values_are_caught() {
    // A later determination moves every deadline.
    let env = breach_home();
    env.edit_behind_triggers("breach",
        "update breach set determined_at = '2026-03-01T00:00:00.000Z', determined_on = '2026-03-01';",
    );
    caught(&env, "breach 1", &["determined_at"]);

    // Closing backdated (retention counts from it) and the close reason rewritten.
    let env = breach_home();
    env.run(&["breach", "close", "1", "--reason", "investigation ended"])
        .ok();
    env.run(&["audit", "verify"]).ok();
    env.edit_behind_triggers(
        "breach",
        "update breach set closed_at = '2026-01-06T00:00:00.000Z';",
    );
    caught(&env, "breach 1", &["closed_at"]);

    // A closed breach re-opened (or an open one closed) behind cpni's back.
    let env = breach_home();
    env.edit_behind_triggers(
        "breach",
        "update breach set closed_at = '2026-01-06T00:00:00.000Z', closed_by = 'root', \
         close_reason = 'done';",
    );
    caught(&env, "breach 1", &["closed_at"]);

    // The hold's authority rewritten.
    let env = breach_home();
    env.edit_behind_triggers(
        "breach_hold",
        "update breach_hold set reference = 'nobody';",
    );
    caught(&env, "breach hold 1", &["reference"]);
}

#[test]
fn edited_complaint_and_consent_values_are_caught() {
    let env = home();
    env.run(&[
        "complaint",
        "add",
        ADA,
        "--category",
        "pretexting",
        "--description",
        "someone called as me",
    ])
    .ok();
    env.run(&["audit", "verify"]).ok();
    env.edit_behind_triggers(
        "complaint",
        "update complaint set category = 'other', description = 'rude agent';",
    );
    caught(&env, "complaint 1", &["category", "description"]);

    let env = home();
    env.run(&[
        "consent",
        "record",
        ADA,
        "--deny",
        "--method",
        "oral",
        "--evidence",
        "REC-1",
    ])
    .ok();
    env.run(&["audit", "verify"]).ok();
    env.edit_behind_triggers(
        "consent",
        "update consent set method = 'written', evidence = 'signed form 7' \
         where kind = 'deny';",
    );
    caught(&env, "consent row ", &["method", "evidence"]);
}

#[test]
fn an_edited_agent_name_is_caught() {
    let env = home();
    env.run(&["agent", "add", "ann", "--role", "agent"]).ok();
    env.run(&["audit", "verify"]).ok();
    env.edit_behind_triggers(
        "agent",
        "update agent set name = 'Someone Else' where login = 'ann';",
    );
    caught(&env, "agent ann", &["name"]);
}

/// A decision row's digest is in the log; the secret hashes it covers never are.
#[test]
fn digests_never_carry_a_secret_in_plain() {
    let env = home();
    let s = start(&env, ADA);
    pin(&env, &s, "111999");
    pin(&env, &s, ADA_PIN).ok();
    let detail = env.sql("select detail from audit;");
    assert!(detail.contains("\"digests\""), "records carry digests");
    assert!(!detail.contains("$argon2"), "no PHC string in any record");
    let export = env.run(&["audit", "export", "--format", "jsonl"]);
    export.ok().never_prints("$argon2");
}

/// The everyday flows still verify: PIN set, change, wrong answers, lockout, unlock, contact,
/// contract, breach close, consent, complaint.
#[test]
fn legitimate_changes_verify() {
    let env = home();
    // Wrong PINs across two sessions lock the account; a supervisor unlocks it.
    for _ in 0..2 {
        let s = start(&env, ADA);
        for _ in 0..3 {
            pin(&env, &s, "111999");
        }
    }
    env.run(&["customer", "unlock", ADA, "--reason", "caller asked"])
        .ok();
    let s = start(&env, ADA);
    pin(&env, &s, ADA_PIN).ok();
    env.run_stdin(
        &["customer", "set-pin", ADA, "--session", &s, "--pin-stdin"],
        "583920\n",
    )
    .ok();
    env.run_stdin(
        &[
            "customer",
            "set-backup",
            ADA,
            "--session",
            &s,
            "--secret-stdin",
        ],
        "violet harbor lanterns\n",
    )
    .ok();
    env.run(&[
        "customer",
        "set-phone",
        ADA,
        "--phone",
        "2025550188",
        "--reason",
        "moved",
    ])
    .ok();
    env.run(&["customer", "reset-pin", "DEMO-1002", "--via", "mail"])
        .ok();
    env.run(&[
        "customer",
        "set-contract",
        "DEMO-1004",
        "--method",
        "callback",
        "--callback-phone",
        "+1 202 555 0100",
        "--reason",
        "annex",
    ])
    .ok();
    env.run(&["consent", "record", ADA, "--deny", "--method", "written"])
        .ok();
    env.run(&[
        "complaint",
        "add",
        ADA,
        "--category",
        "other",
        "--description",
        "rude",
    ])
    .ok();
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
    env.run(&["breach", "close", "1", "--reason", "investigation ended"])
        .ok();
    env.run(&["agent", "add", "ann", "--role", "agent"]).ok();
    env.run(&["agent", "role", "ann", "supervisor"]).ok();
    let run = env.run(&["audit", "verify"]);
    run.ok();
}
