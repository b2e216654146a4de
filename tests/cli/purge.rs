//! Retention: `cpni audit purge --before DATE` removes only the oldest prefix of the chain past
//! every floor (the retention period, breaches open or closed less than two years ago), records
//! and checkpoints itself, and `audit verify` keeps working from the new base. Everything else
//! is still refused by the triggers. A row planted or edited behind cpni's back before a purge
//! makes the purge refuse (exit 6, nothing removed) instead of listing it as `unrecorded`.
//!
//! Records cannot be backdated through cpni (nor edited afterwards), and cpni has no test
//! clock, so the fixture writes the old log through cpni's own store, as cpni's commands write
//! it but at 2023-2025 times (the steps of `init`, `customer add`, `session start`, `breach
//! open|link|close`: records, row digests, row seals and the signed head all made by the
//! store); then cpni appends to it. Every row the old log holds has its records, so it
//! verifies and cross-checks before any purge (a purge refuses a log that does not).

use cpni::audit::{Actor, Event};
use cpni::store::agents::Agent;
use cpni::store::breach::Breach;
use cpni::store::customers::Customer;
use cpni::store::sessions::Session;

use crate::util::{Env, OTHER_LOGIN};

/// One step of an old log: what it writes, each with its audit record, as cpni's command does.
#[derive(Clone, Copy)]
pub(crate) enum Old {
    /// `cpni init`: the `init` record, the admin agent (created then) and its `agent.add`.
    Init,
    /// A `customer.show` of this account (no row changes).
    Show(&'static str),
    /// `customer add`.
    Customer(&'static str),
    /// `session start` (session id, account).
    Session(&'static str, &'static str),
    /// `breach open` naming these accounts (the next breach id).
    Open(&'static [&'static str]),
    /// `breach link ID SESSION` (the session's account becomes one of the breach's).
    Link(i64, &'static str, &'static str),
    /// `breach close ID`.
    Close(i64),
}

/// The old log of [`old_log`]: (time, the step's writes), in order. Seqs: 1 init, 2 agent.add,
/// 3 show A1, 4-5 customer A9 and session S9, 6 customer B1, 7 breach 1 (open, account B1),
/// 8 breach 2, 9 its link to session S9 (account A9), 10 show A1, 11 breach 2 closed
/// 2025-06-01 (less than two years ago); cpni's checkpoint is 12.
const OLD: &[(&str, &[Old])] = &[
    ("2023-01-10T09:00:00.000Z", &[Old::Init]),
    ("2023-02-01T09:00:00.000Z", &[Old::Show("A1")]),
    (
        "2023-03-01T09:00:00.000Z",
        &[Old::Customer("A9"), Old::Session("S9", "A9")],
    ),
    ("2023-03-10T09:00:00.000Z", &[Old::Customer("B1")]),
    ("2023-03-20T09:00:00.000Z", &[Old::Open(&["B1"])]),
    ("2023-03-25T09:00:00.000Z", &[Old::Open(&[])]),
    ("2023-03-26T09:00:00.000Z", &[Old::Link(2, "S9", "A9")]),
    ("2024-01-01T09:00:00.000Z", &[Old::Show("A1")]),
    ("2025-06-01T00:00:00.000Z", &[Old::Close(2)]),
];

/// An initialised home whose database holds the old log [`OLD`] (breach 1 open on account
/// B1; breach 2 on session S9, account A9, closed 2025-06-01), then a checkpoint cpni
/// appended now.
pub(crate) fn old_log() -> Env {
    old_log_of(OLD)
}

/// [`old_log`] with the old log `old`, written by cpni's store over a new database (the
/// signing key `cpni init` made beside it is kept: the store signs every step's head with it).
pub(crate) fn old_log_of(old: &[(&str, &[Old])]) -> Env {
    let env = Env::initialised(false);
    let login = env.sql("select login from agent;");
    let db = env.db();
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
    let (mut store, _) = cpni::store::Db::create(&db).expect("create the old database");
    for (at, writes) in old {
        write_step(&mut store, &login, at, writes);
    }
    drop(store);
    env.run(&["audit", "verify"]).ok();
    env.run(&["audit", "checkpoint"]).ok();
    env
}

/// One old step at `at`: each write and its record, in one transaction.
fn write_step(store: &mut cpni::store::Db, login: &str, at: &str, writes: &[Old]) {
    let actor = Actor {
        login: login.to_string(),
        on_behalf_of: None,
    };
    let t = cpni::clock::parse(at).unwrap();
    let day = &at[..10];
    store
        .step(|w| {
            for write in writes {
                let ev = match *write {
                    Old::Init => {
                        w.append(&actor, t, Event::new("init"))?;
                        w.insert_agent(&Agent {
                            login: login.to_string(),
                            name: String::new(),
                            role: "admin".into(),
                            active: true,
                            created_at: at.to_string(),
                        })?;
                        Event::new("agent.add")
                            .with("login", login)
                            .with("role", "admin")
                    }
                    Old::Show(account) => Event::new("customer.show").account(account),
                    Old::Customer(account) => {
                        let c = Customer {
                            account: account.into(),
                            name: format!("Customer {account}"),
                            phone: "+15555550100".into(),
                            phone_since: at.into(),
                            email: format!("{}@example.com", account.to_lowercase()),
                            email_since: at.into(),
                            street: "1 Main St".into(),
                            city: "Springfield".into(),
                            region: "IL".into(),
                            postal_code: "62701".into(),
                            country: "US".into(),
                            postal_since: at.into(),
                            created_at: at.into(),
                            ..Customer::default()
                        };
                        w.insert_customer(&c)?;
                        cpni::commands::customer::add::created_event(&c)
                    }
                    Old::Session(id, account) => {
                        w.insert_session(&Session {
                            id: id.into(),
                            account: account.into(),
                            agent: login.into(),
                            channel: "inbound".into(),
                            started_at: at.into(),
                            last_active_at: at.into(),
                            ..Session::default()
                        })?;
                        Event::new("session.start")
                            .account(account)
                            .session(id)
                            .with("channel", "inbound")
                    }
                    Old::Open(accounts) => {
                        let accounts: Vec<String> =
                            accounts.iter().map(|a| a.to_string()).collect();
                        let b = Breach {
                            rule: "2007".into(),
                            description: "an old breach".into(),
                            discovered_at: at.into(),
                            determined_at: at.into(),
                            determined_on: day.into(),
                            opened_by: login.into(),
                            opened_at: at.into(),
                            ..Breach::default()
                        };
                        let id = w.insert_breach(&b, &accounts)?;
                        Event::new("breach.open")
                            .with("breach", id)
                            .with("rule", "2007")
                            .with("determined_at", at)
                            .with("accounts", accounts)
                    }
                    Old::Link(id, session, account) => {
                        assert!(w.add_breach_link(id, session, login, at)?);
                        w.add_breach_account(id, account)?;
                        Event::new("breach.link")
                            .account(account)
                            .session(session)
                            .with("breach", id)
                    }
                    Old::Close(id) => {
                        assert!(w.close_breach(id, at, login, "investigation ended")?);
                        Event::new("breach.close")
                            .with("breach", id)
                            .with("reason", "investigation ended")
                    }
                };
                w.append(&actor, t, ev)?;
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("old step at {at}: {e}"));
}

/// What the passing of time would have done, which a test cannot wait for: breach `id`'s
/// close moved back to `closed_at`. Made as a holder of the signing key would make it (the row
/// edited, then a `breach.close` record carrying its new digest and, as `"prior"`, its old
/// one, chained, the head re-signed, the seal renewed), so the log still cross-checks and the
/// purge is judged on its retention rules alone.
pub(crate) fn close_back_then(env: &Env, id: i64, closed_at: &str) {
    let cond = format!("id = {id}");
    let prior = env.row_digests("breach", &cond);
    env.sql(&format!(
        "update breach set closed_at = '{closed_at}' where id = {id};"
    ));
    let after = env.row_digests("breach", &cond);
    let map = |rows: &[(String, String)]| -> serde_json::Map<String, serde_json::Value> {
        rows.iter()
            .map(|(n, d)| (n.clone(), serde_json::Value::String(d.clone())))
            .collect()
    };
    let detail = serde_json::json!({
        "breach": id,
        "reason": "closed back then",
        "digests": map(&after),
        "prior": map(&prior),
    });
    let at = cpni::clock::format(cpni::clock::now());
    let login =
        env.sql("select login from agent where role = 'admin' order by created_at limit 1;");
    crate::audit_trust::forge_record_as(env, &login, "breach.close", &at, &detail.to_string());
    let seed = crate::audit_trust::stolen_seed(env);
    crate::audit_trust::re_sign_head(env, &seed);
    let seq: i64 = env.sql("select max(seq) from audit;").parse().unwrap();
    env.seal_rows(&after, seq);
}

/// `seqs` from `a` to `b`, as [`seqs`] prints them.
fn range(a: i64, b: i64) -> String {
    (a..=b).map(|s| s.to_string()).collect::<Vec<_>>().join(",")
}

fn seqs(env: &Env) -> String {
    env.sql("select group_concat(seq, ',') from (select seq from audit order by seq) t;")
}

#[test]
fn purge_removes_only_the_old_unprotected_prefix_and_verify_still_passes() {
    if crate::util::sqlite_only(
        "writes its old log into a new SQLite file through cpni's store; purge on PostgreSQL: pg_steps::pg_audit_purge_as_the_owner_removes_the_old_prefix_and_the_log_still_verifies",
    ) {
        return;
    }
    let env = old_log();
    assert_eq!(seqs(&env), range(1, 12));

    // Record 4's account (customer A9) and record 5's session are linked to breach 2, closed
    // less than two years ago: stop there.
    let run = env.run(&["--json", "audit", "purge", "--before", "2024-06-01"]);
    run.ok();
    let doc = run.json();
    assert_eq!(doc["removed"], 3);
    assert_eq!(
        (doc["first_seq"].clone(), doc["last_seq"].clone()),
        (1.into(), 3.into())
    );
    assert_eq!(doc["stopped_at"]["seq"], 4);
    assert_eq!(doc["stopped_at"]["breach"], 2);
    assert_eq!(seqs(&env), range(4, 14));
    assert_eq!(
        env.sql("select event from audit where seq >= 13 order by seq;"),
        "audit.purge\naudit.checkpoint"
    );
    let detail = env.sql("select detail from audit where seq = 13;");
    let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
    assert_eq!(detail["removed"], 3);
    assert_eq!(detail["last_seq"], 3);
    assert_eq!(detail["before"], "2024-06-01T00:00:00.000Z");
    assert_eq!(doc["checkpoint"]["seq"], 14);
    assert_eq!(doc["checkpoint"]["count"], 11);
    assert_eq!(
        env.sql("select seq, records, hex(hash) = (select upper(hex(prev_hash)) from audit where seq = 4) from audit_base;"),
        "3|3|1"
    );
    env.run(&["audit", "verify"]).ok();

    // Breach 2 closed long ago now (record 15): records 4 and 5 go; record 6's account is in
    // open breach 1.
    close_back_then(&env, 2, "2023-06-01T00:00:00.000Z");
    let run = env.run(&["--json", "audit", "purge", "--before", "2024-06-01"]);
    run.ok();
    assert_eq!(run.json()["removed"], 2);
    assert_eq!(run.json()["stopped_at"]["seq"], 6);
    assert_eq!(run.json()["stopped_at"]["breach"], 1);
    assert_eq!(seqs(&env), range(6, 17));

    // Breach 1 closed over two years ago (record 18): 6 to 10 go (breach 2's own records
    // with them); 11 (2025-06-01) is not before the date.
    close_back_then(&env, 1, "2024-01-15T00:00:00.000Z");
    let run = env.run(&["audit", "purge", "--before", "2024-06-01"]);
    run.ok()
        .stdout_has("Purged 5 audit record(s), 6 to 10")
        .stdout_has("Stopped at record 11");
    assert_eq!(seqs(&env), range(11, 20));
    env.run(&["audit", "verify"]).ok();
    assert_eq!(env.count("audit_base"), 3);

    // Nothing left to purge: nothing is written.
    env.run(&["audit", "purge", "--before", "2024-06-01"])
        .ok()
        .stdout_has("Nothing to purge");
    assert_eq!(seqs(&env), range(11, 20));

    // The live log still refuses every other deletion and edit, and so does audit_base.
    for sql in [
        "delete from audit where seq = 11;",
        "delete from audit;",
        "update audit set at = '2020-01-01T00:00:00.000Z' where seq = 12;",
        "delete from audit_base;",
        "update audit_base set seq = 100;",
        "insert into audit_base values (20, x'00', '2026-01-01', 1);",
    ] {
        let out = std::process::Command::new("sqlite3")
            .arg(env.db())
            .arg(sql)
            .output()
            .expect("run sqlite3");
        assert!(!out.status.success(), "{sql} was allowed");
    }
    assert_eq!(seqs(&env), range(11, 20));
    env.run(&["audit", "verify"]).ok();
}

#[test]
fn purge_within_the_retention_period_is_refused() {
    if crate::util::sqlite_only(
        "writes its old log into a new SQLite file through cpni's store; purge on PostgreSQL: pg_steps::pg_audit_purge_as_the_owner_removes_the_old_prefix_and_the_log_still_verifies",
    ) {
        return;
    }
    let env = old_log();
    let run = env.run(&["audit", "purge", "--before", "2099-01-01"]);
    run.code(3).stderr_has("retention period");
    assert_eq!(seqs(&env), range(1, 12));
    // Default two years: 18 months ago is too late; with one year it is allowed.
    let t = time::OffsetDateTime::now_utc() - time::Duration::days(550);
    let d = format!("{}", t.date());
    env.run(&["audit", "purge", "--before", &d]).code(3);
    env.write_config("[secrets]\nargon2 = \"insecure-test\"\n[retention]\nyears = 1\n");
    env.run(&["audit", "purge", "--before", &d]).ok();
    assert_eq!(seqs(&env), range(4, 14));
    env.write_config("[retention]\nyears = 0\n");
    env.run(&["audit", "purge", "--before", "2024-01-01"])
        .code(2)
        .stderr_has("retention.years");
}

#[test]
fn purge_is_for_admins_only() {
    if crate::util::sqlite_only(
        "writes its old log into a new SQLite file through cpni's store; purge on PostgreSQL: pg_steps::pg_audit_purge_as_the_owner_removes_the_old_prefix_and_the_log_still_verifies",
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
        "writes its old log into a new SQLite file through cpni's store; purge on PostgreSQL: pg_steps::pg_audit_purge_as_the_owner_removes_the_old_prefix_and_the_log_still_verifies",
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
        "writes its old log into a new SQLite file through cpni's store; purge on PostgreSQL: pg_steps::pg_audit_purge_as_the_owner_removes_the_old_prefix_and_the_log_still_verifies",
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
    close_back_then(&env, 1, "2023-06-01T00:00:00.000Z");
    close_back_then(&env, 2, "2023-06-01T00:00:00.000Z");
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

/// [`OLD`] with `init` (records 1 and 2, the admin agent) and customer A9 and session S9
/// (records 3 and 4) made by one step (one transaction: the same time): the purge stops at
/// record 3 (account A9, breach 2), between the two.
const ONE_STEP: &[(&str, &[Old])] = &[
    (
        "2023-03-01T09:00:00.000Z",
        &[Old::Init, Old::Customer("A9"), Old::Session("S9", "A9")],
    ),
    ("2023-03-10T09:00:00.000Z", &[Old::Customer("B1")]),
    ("2023-03-20T09:00:00.000Z", &[Old::Open(&["B1"])]),
    ("2023-03-25T09:00:00.000Z", &[Old::Open(&[])]),
    ("2023-03-26T09:00:00.000Z", &[Old::Link(2, "S9", "A9")]),
    ("2024-01-01T09:00:00.000Z", &[Old::Show("A1")]),
    ("2025-06-01T00:00:00.000Z", &[Old::Close(2)]),
];

/// A home purged up to the middle of one step: records 1 and 2 go, record 3 (same time,
/// protected by breach 2) stays.
fn purged_mid_step() -> Env {
    let env = old_log_of(ONE_STEP);
    let run = env.run(&["--json", "audit", "purge", "--before", "2024-06-01"]);
    run.ok();
    assert_eq!(run.json()["removed"], 2);
    assert_eq!(run.json()["stopped_at"]["seq"], 3);
    env
}

#[test]
fn a_purge_stopped_by_a_kept_record_made_in_the_same_step_still_verifies() {
    if crate::util::sqlite_only(
        "writes its old log into a new SQLite file through cpni's store; purge on PostgreSQL: pg_steps::pg_audit_purge_as_the_owner_removes_the_old_prefix_and_the_log_still_verifies",
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
    // Exactly the rows whose records went: the admin agent (the breaches' records are kept).
    assert_eq!(listed, [format!("agent {login}")], "{listed:?}");
    // Later steps, one of them changing the agent row the purged records created.
    env.run(&["agent", "add", OTHER_LOGIN, "--role", "supervisor"])
        .ok();
    env.run(&["agent", "role", OTHER_LOGIN, "agent"]).ok();
    env.run(&["audit", "checkpoint"]).ok();
    env.run(&["audit", "verify"]).ok();
    // A second purge carries the rows forward (the first purge's record is purged with it).
    close_back_then(&env, 2, "2023-06-01T00:00:00.000Z");
    env.run(&["audit", "purge", "--before", "2024-06-01"]).ok();
    assert_eq!(env.count("audit_base"), 2);
    env.run(&["audit", "verify"]).ok();
}

#[test]
fn a_row_inserted_with_a_backdated_creation_after_a_partial_purge_is_caught() {
    if crate::util::sqlite_only(
        "writes its old log into a new SQLite file through cpni's store; purge on PostgreSQL: pg_steps::pg_audit_purge_as_the_owner_removes_the_old_prefix_and_the_log_still_verifies",
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

/// The audit records (count) and purge bases of `env`, through the sqlite3 CLI.
fn log_size(env: &Env) -> (i64, i64) {
    (env.count("audit"), env.count("audit_base"))
}

/// `audit purge --before 2024-06-01` refused with exit 6 (`audit-crosscheck`) naming `row`,
/// nothing removed or appended, and `audit verify` still failing on `row` afterwards.
#[track_caller]
fn purge_refused_naming(env: &Env, row: &str) {
    let before = log_size(env);
    let run = env.run(&["--json", "audit", "purge", "--before", "2024-06-01"]);
    run.code(6);
    let err = run.json_err();
    assert_eq!(err["error"]["code"], "audit-crosscheck", "{}", run.dump());
    let msg = err["error"]["message"].as_str().unwrap_or_default();
    assert!(
        msg.contains(row) && msg.contains("nothing removed"),
        "{}",
        run.dump()
    );
    assert_eq!(log_size(env), before, "the refused purge changed the log");
    env.run(&["audit", "verify"]).code(6).stderr_has(row);
}

#[test]
fn a_row_planted_before_a_purge_is_not_laundered_by_it() {
    if crate::util::sqlite_only(
        "plants with the sqlite3 CLI; on PostgreSQL: pg_steps::pg_a_row_planted_before_a_purge_is_not_laundered_by_it",
    ) {
        return;
    }
    // The holder of the file adds an admin, dated back among the records the purge removes,
    // then waits for the purge: it would list mallory as a row whose records were purged,
    // and `audit verify` would pass from then on. With the stolen key the row's seal is
    // re-made too (so steps would act on it).
    for stolen_key in [false, true] {
        let env = old_log();
        env.edit_behind_triggers(
            "agent",
            "INSERT INTO agent (login, role, created_at, updated_at) VALUES ('mallory', \
             'admin', '2023-01-10T09:00:00.000Z', '2023-01-10T09:00:00.000Z');",
        );
        if stolen_key {
            env.seal_rows(&env.row_digests("agent", "login = 'mallory'"), 2);
        }
        purge_refused_naming(&env, "agent mallory");
        if !stolen_key {
            // Once the planted row is gone the same purge goes through.
            env.edit_behind_triggers("agent", "DELETE FROM agent WHERE login = 'mallory';");
            env.run(&["audit", "purge", "--before", "2024-06-01"]).ok();
            env.run(&["audit", "verify"]).ok();
        }
    }
}

#[test]
fn a_row_edited_before_a_purge_is_not_laundered_by_it() {
    if crate::util::sqlite_only(
        "edits with the sqlite3 CLI; on PostgreSQL: pg_steps::pg_a_row_planted_before_a_purge_is_not_laundered_by_it",
    ) {
        return;
    }
    // Both breaches closed long ago: the purge would remove every record of customer B1.
    // The holder of the file sets B1's PIN to one they know, then waits for the purge.
    for stolen_key in [false, true] {
        let env = old_log();
        close_back_then(&env, 1, "2023-06-01T00:00:00.000Z");
        close_back_then(&env, 2, "2023-06-01T00:00:00.000Z");
        env.edit_behind_triggers(
            "customer",
            "UPDATE customer SET pin_hash = '$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$forged', \
             pin_set_at = '2023-03-10T09:00:00.000Z' WHERE account = 'B1';",
        );
        if stolen_key {
            let seq: i64 = env.sql("select max(seq) from audit;").parse().unwrap();
            env.seal_rows(&env.row_digests("customer", "account = 'B1'"), seq);
        }
        purge_refused_naming(&env, "customer B1");
    }
}

/// [`old_log`] with both breaches closed long ago, purged before 2024-06-01: every record of
/// customer B1 is gone, so the purge lists `customer B1` as `unrecorded`. Verified.
fn b1_purged() -> Env {
    let env = old_log();
    close_back_then(&env, 1, "2023-06-01T00:00:00.000Z");
    close_back_then(&env, 2, "2023-06-01T00:00:00.000Z");
    env.run(&["audit", "purge", "--before", "2024-06-01"]).ok();
    env.run(&["audit", "verify"]).ok();
    env
}

#[test]
fn a_purge_record_carries_the_digests_of_the_rows_it_lists() {
    if crate::util::sqlite_only(
        "writes its old log into a new SQLite file through cpni's store; on PostgreSQL: pg_steps::pg_a_row_a_purge_listed_is_still_compared_after_it",
    ) {
        return;
    }
    let env = b1_purged();
    let rec = env.sql(
        "select seq || ' ' || json_extract(detail, '$.digests.\"customer B1\"') from audit \
         where event = 'audit.purge';",
    );
    let (seq, carried) = rec.trim().split_once(' ').expect("one audit.purge record");
    let listed = env.sql(
        "select count(*) from audit, json_each(audit.detail, '$.unrecorded') j \
         where event = 'audit.purge' and j.value = 'customer B1';",
    );
    assert_eq!(listed.trim(), "1", "the purge lists customer B1");
    let now = env.row_digests("customer", "account = 'B1'");
    assert_eq!(
        now[0].1, carried,
        "the purge record carries B1's digest as it is"
    );
    let seal = env.sql("select digest || ' ' || seq from row_seal where name = 'customer B1';");
    assert_eq!(
        seal.trim(),
        format!("{carried} {seq}"),
        "B1's seal names the purge record"
    );
    // Steps on B1 still work and the log still verifies.
    env.run(&["session", "start", "B1"]).ok();
    env.run(&["audit", "verify"]).ok();
}

#[test]
fn a_row_a_purge_listed_is_still_compared_after_it() {
    if crate::util::sqlite_only(
        "edits with the sqlite3 CLI; on PostgreSQL: pg_steps::pg_a_row_a_purge_listed_is_still_compared_after_it",
    ) {
        return;
    }
    // The holder of the file, without the key, waits for a purge that lists B1, then plants
    // their own phone of record on it and re-makes its (unkeyed) seal, so a callback dials
    // them. Before, the listed row was exempt: verify and the next purge passed.
    let env = b1_purged();
    env.edit_behind_triggers(
        "customer",
        "UPDATE customer SET phone = '+12025559999' WHERE account = 'B1';",
    );
    let seq: i64 = env
        .sql("select max(seq) from audit;")
        .trim()
        .parse()
        .unwrap();
    env.seal_rows(&env.row_digests("customer", "account = 'B1'"), seq);
    // The seal tripwire is fooled (the step goes through)...
    env.run(&["session", "start", "B1"]).ok();
    // ...but the chain is not.
    env.run(&["audit", "verify"])
        .code(6)
        .stderr_has("customer B1");
    purge_refused_naming(&env, "customer B1");

    // Deleting the listed row is named too.
    let env = b1_purged();
    env.edit_behind_triggers("customer", "DELETE FROM customer WHERE account = 'B1';");
    env.run(&["audit", "verify"])
        .code(6)
        .stderr_has("customer B1");

    // Without the re-made seal the step itself refuses the edited row.
    let env = b1_purged();
    env.edit_behind_triggers(
        "customer",
        "UPDATE customer SET phone = '+12025559999' WHERE account = 'B1';",
    );
    env.run(&["session", "start", "B1"]).code(6);
}
