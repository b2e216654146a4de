//! Secrets at rest and in output: a PIN entered on stdin is stored only as an Argon2id PHC
//! string, and appears nowhere else: not in the database dump, the audit log, or the output.

use crate::util::{Env, customer_args};

/// A PIN that passes the policy for the customer of `customer_args` (phone ...0199, zip 22201).
const PIN: &str = "729184";

fn add_with_pin(env: &Env, json: bool) -> crate::util::Run {
    let mut args = customer_args("A-1");
    args.push("--pin-stdin".into());
    if json {
        args.push("--json".into());
    }
    env.run_stdin(&args, &format!("{PIN}\n"))
}

#[test]
fn pin_is_stored_only_as_argon2id() {
    let env = Env::initialised(false);
    add_with_pin(&env, false)
        .ok()
        .stdout_has("with a PIN")
        .never_prints(PIN);
    let hash = env.sql("select pin_hash from customer where account = 'A-1';");
    assert!(
        hash.starts_with("$argon2id$"),
        "pin_hash is not a PHC string: {hash}"
    );
    let dump = env.dump();
    assert!(
        !dump.contains(PIN),
        "the PIN digits appear in the database dump"
    );
    let audit = env.sql("select detail from audit;");
    assert!(
        !audit.contains(PIN),
        "the PIN appears in the audit detail: {audit}"
    );
    assert!(
        audit.contains("\"pin_set\":true"),
        "the audit records that a PIN was set: {audit}"
    );
}

#[test]
fn pin_never_appears_in_show_list_or_audit_output() {
    let env = Env::initialised(false);
    add_with_pin(&env, true).ok().never_prints(PIN);
    for args in [
        vec!["customer", "show", "A-1"],
        vec!["--json", "customer", "show", "A-1"],
        vec!["--json", "customer", "list"],
        vec!["audit", "list"],
        vec!["--json", "audit", "list"],
    ] {
        let run = env.run(&args);
        run.ok().never_prints(PIN).never_prints("$argon2");
    }
    let shown = env.run(&["--json", "customer", "show", "A-1"]).json();
    assert_eq!(shown["pin_set"], true, "show says whether a PIN is set");
}

#[test]
fn the_default_hash_is_owasp_argon2id() {
    let env = Env::bare(); // no test preset: the real default
    env.run(&["init"]).ok();
    add_with_pin(&env, false).ok();
    let hash = env.sql("select pin_hash from customer where account = 'A-1';");
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "default Argon2id parameters are not OWASP's minimum: {hash}"
    );
}

#[test]
fn the_test_preset_is_weaker_than_the_default() {
    // Guards the fixture itself: if the test preset stopped applying, the suite would be slow
    // and the test above would no longer prove anything about the default.
    let env = Env::initialised(false);
    add_with_pin(&env, false).ok();
    let hash = env.sql("select pin_hash from customer where account = 'A-1';");
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(
        !hash.contains("m=19456"),
        "the insecure-test preset did not apply: {hash}"
    );
}
