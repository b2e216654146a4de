//! In-store access (64.2010(d)): `cpni session photo-id` verifies a store visit on a valid,
//! unexpired government-issued photo ID whose name matches; it is refused on a phone session;
//! remote routes (callback, codes read back) are refused in a store. Only the ID's type,
//! issuer, expiry and the last four characters of its number are kept.

use crate::util::Env;

fn start(env: &Env, channel: &str) -> String {
    let run = env.run(&["session", "start", "DEMO-1001", "--channel", channel]);
    run.ok();
    run.stdout.trim().to_string()
}

fn photo_id(env: &Env, s: &str, expires: &str, extra: &[&str]) -> crate::util::Run {
    let mut args = vec![
        "--json",
        "session",
        "photo-id",
        s,
        "--type",
        "drivers-licence",
        "--issuer",
        "New York DMV",
        "--expires",
        expires,
        "--number-last4",
        "7a2c",
    ];
    args.extend_from_slice(extra);
    env.run(&args)
}

fn basis(env: &Env, s: &str) -> String {
    env.sql(&format!(
        "select coalesce(basis, 'none') from session where id = '{s}';"
    ))
}

#[test]
fn a_valid_photo_id_verifies_a_store_visit_for_account_and_call_detail() {
    let env = Env::initialised(true);
    let s = start(&env, "in-store");
    let run = photo_id(&env, &s, "2030-06-30", &["--name-matches"]);
    run.ok();
    let doc = run.json();
    assert_eq!(doc["basis"], "photo-id", "{doc}");
    assert_eq!(doc["verified"], true);
    assert!(
        doc["allowed"]["discuss"]
            .as_array()
            .is_some_and(|a| a.contains(&"call-detail".into()))
    );
    let detail = env.sql("select detail from audit where event = 'auth.photo-id.ok';");
    let detail: serde_json::Value = serde_json::from_str(&detail).expect("detail JSON");
    assert_eq!(detail["number_last4"], "7A2C");
    assert_eq!(detail["id_type"], "drivers-licence");
    assert_eq!(detail["issuer"], "New York DMV");
    assert_eq!(detail["expires"], "2030-06-30");
    assert_eq!(detail["name_matches"], true);
    // Nothing else of the ID is kept (the session's row digests aside).
    let keys = detail.as_object().map(|o| {
        o.keys()
            .filter(|k| *k != "digests" && *k != "prior")
            .count()
    });
    assert_eq!(keys, Some(5), "{detail}");
    env.run(&[
        "session",
        "disclose",
        &s,
        "--scope",
        "call-detail",
        "--purpose",
        "customer-request",
    ])
    .ok();
}

#[test]
fn an_expired_or_mismatched_photo_id_does_not_verify() {
    let env = Env::initialised(true);
    let s = start(&env, "in-store");
    photo_id(&env, &s, "2026-01-01", &["--name-matches"])
        .code(1)
        .stdout_has("expired on 2026-01-01");
    photo_id(&env, &s, "2030-06-30", &[])
        .code(1)
        .stdout_has("does not match");
    assert_eq!(basis(&env, &s), "none");
    assert_eq!(
        env.sql("select group_concat(json_extract(detail, '$.reason')) from audit where event = 'auth.photo-id.fail';"),
        "expired,name-mismatch"
    );
    env.run(&[
        "session",
        "disclose",
        &s,
        "--scope",
        "account",
        "--purpose",
        "customer-request",
    ])
    .code(3)
    .stderr_has("cpni session photo-id")
    .never_prints("session callback")
    .never_prints("email-code");
}

#[test]
fn a_photo_id_is_never_accepted_on_a_phone_session() {
    let env = Env::initialised(true);
    for channel in ["inbound", "outbound"] {
        let s = start(&env, channel);
        photo_id(&env, &s, "2030-06-30", &["--name-matches"])
            .code(3)
            .stderr_has("64.2010(d)")
            .stderr_has("PIN");
        assert_eq!(basis(&env, &s), "none");
    }
    assert_eq!(
        env.sql("select count(*) from audit where event = 'auth.photo-id.refused';"),
        "2"
    );
    assert_eq!(
        env.sql("select count(*) from audit where event = 'auth.photo-id.ok';"),
        "0"
    );
}

#[test]
fn callback_and_codes_to_read_back_are_refused_in_a_store() {
    let env = Env::initialised(true);
    let s = start(&env, "in-store");
    let outbox = env.count("outbox");
    env.run(&["session", "callback", &s])
        .code(3)
        .stderr_has("photo-id");
    env.run(&["session", "callback", &s, "--reached"])
        .code(3)
        .stderr_has("64.2010(d)");
    env.run(&["session", "email-code", &s]).code(3);
    env.run(&["session", "mail-code", &s]).code(3);
    env.run_stdin(&["session", "code", &s, "--code-stdin"], "123456\n")
        .code(3)
        .stderr_has("in a store");
    assert_eq!(basis(&env, &s), "none");
    assert_eq!(env.count("outbox"), outbox, "no code was queued");
    assert_eq!(
        env.sql("select count(*) from audit where event = 'callback.start';"),
        "0"
    );
    // The PIN is still fine at the counter.
    env.run(&["session", "show", &s]).ok();
}

#[test]
fn bad_photo_id_fields_are_usage_errors_and_change_nothing() {
    let env = Env::initialised(true);
    let s = start(&env, "in-store");
    let before = env.count("audit");
    let mut full = vec![
        "session", "photo-id", &s, "--type", "passport", "--issuer", "US",
    ];
    full.extend([
        "--expires",
        "2030-01-01",
        "--number-last4",
        "123456789",
        "--name-matches",
    ]);
    env.run(&full).code(2).stderr_has("last four");
    env.run(&[
        "session",
        "photo-id",
        &s,
        "--type",
        "library-card",
        "--issuer",
        "x",
        "--expires",
        "2030-01-01",
        "--number-last4",
        "1234",
        "--name-matches",
    ])
    .code(2);
    env.run(&[
        "session",
        "photo-id",
        &s,
        "--type",
        "passport",
        "--issuer",
        "x",
        "--expires",
        "30/06/2030",
        "--number-last4",
        "1234",
        "--name-matches",
    ])
    .code(2)
    .stderr_has("--expires");
    env.run(&[
        "session",
        "photo-id",
        &s,
        "--type",
        "passport",
        "--issuer",
        "x",
        "--expires",
        "2031-02-30",
        "--number-last4",
        "1234",
        "--name-matches",
    ])
    .code(2)
    .stderr_has("--expires \"2031-02-30\": That date does not exist");
    assert_eq!(env.count("audit"), before);
}
