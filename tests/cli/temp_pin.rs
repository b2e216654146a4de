//! A temporary PIN (Lost PIN) expires `[codes] mail_code_days` after it was set, as a mailed
//! code does: a letter stolen from a mailbox or found in the recycling later verifies nothing,
//! lets no new PIN be set, counts as no wrong answer, and no longer blocks a new Lost PIN.
//! Time is moved by backdating `customer.temp_pin_set_at` (resealed: a set-up, not an attack).

use crate::calls::{ADA, ADA_PIN, backdate, count_events, newest, outbox, pin, run_secret, start};
use crate::races::{spawn, wait_all};
use crate::util::{Env, Run};
use crate::wizard::{ENTER, Pty, to_pin_prompt};
use crate::wizard_flows::item;

const NEW_PIN: &str = "583920";

/// The temporary PIN in the newest temporary-PIN letter (`via mail`) or email.
fn newest_temp_pin(env: &Env, via: &str) -> String {
    let path = match via {
        "mail" => newest(&outbox(env).join("letters"), "-temporary-pin.txt"),
        _ => newest(&outbox(env), "-temporary-pin.eml"),
    };
    let text = std::fs::read_to_string(path).expect("read the temporary PIN");
    text.lines()
        .map(str::trim)
        .find(|l| l.len() >= 8 && l.chars().all(|c| c.is_ascii_digit()))
        .expect("the PIN line")
        .to_string()
}

/// `customer reset-pin ADA --via VIA` (must succeed); the temporary PIN it sent.
fn reset(env: &Env, via: &str) -> String {
    env.run(&["customer", "reset-pin", ADA, "--via", via]).ok();
    newest_temp_pin(env, via)
}

/// `customer set-pin ADA --session S` with [`NEW_PIN`].
fn set_pin(env: &Env, s: &str) -> Run {
    run_secret(
        env,
        &["customer", "set-pin", ADA, "--session", s, "--pin-stdin"],
        &format!("{NEW_PIN}\n"),
    )
}

fn failures(env: &Env) -> String {
    env.sql("select failures from customer where account = 'DEMO-1001';")
}

fn show(env: &Env) -> serde_json::Value {
    env.run(&["--json", "customer", "show", ADA]).ok().json()
}

#[test]
fn a_temporary_pin_past_mail_code_days_never_verifies_and_sets_no_pin() {
    let env = Env::initialised(true);
    let temp = reset(&env, "mail");
    // The letter sat in a mailbox for a month.
    backdate(&env, ADA, "temp_pin_set_at", 31);
    let s = start(&env, ADA);
    let r = pin(&env, &s, &temp);
    let v = r.code(1).json();
    assert_eq!(v["verified"], false, "{}", r.dump());
    assert_eq!(v["basis"], serde_json::Value::Null, "{}", r.dump());
    assert_eq!(v["result"], "failed");
    let msg = v["message"].as_str().unwrap_or_default();
    assert!(msg.contains("expired on"), "{msg}");
    assert!(msg.contains("Lost PIN"), "{msg}");
    r.never_prints(&temp);
    // The record says expired, and no temporary-PIN success was recorded.
    assert_eq!(count_events(&env, &s, "auth.temporary-pin.ok"), 0);
    assert_eq!(count_events(&env, &s, "auth.temporary-pin.expired"), 1);
    let d = env.sql_json(&format!(
        "select detail from audit where session = '{s}' and event = 'auth.temporary-pin.expired'"
    ));
    let d: serde_json::Value = match &d[0]["detail"] {
        serde_json::Value::String(t) => serde_json::from_str(t).unwrap(),
        other => other.clone(),
    };
    assert_eq!(d["expired"], true, "{d}");
    assert_eq!(d["verified"], false, "{d}");
    assert!(d["expired_at"].is_string(), "{d}");
    // No new PIN can be set with it: the session has no basis.
    set_pin(&env, &s).code(3).stderr_has("not verified");
    assert_eq!(
        env.sql("select count(*) from audit where event = 'customer.change';"),
        "0"
    );
    // A correct but expired temporary PIN is no guess: nothing counted.
    assert_eq!(failures(&env), "0");
    assert_eq!(
        env.sql(&format!(
            "select secret_failures from session where id = '{s}';"
        )),
        "0"
    );
    // The working PIN keeps working, on the same call.
    pin(&env, &s, ADA_PIN).ok();
}

#[test]
fn an_expired_temporary_pin_entered_again_and_again_never_locks_and_a_wrong_pin_still_counts() {
    let env = Env::initialised(true);
    let temp = reset(&env, "email");
    backdate(&env, ADA, "temp_pin_set_at", 45);
    for _ in 0..3 {
        let s = start(&env, ADA);
        for _ in 0..3 {
            pin(&env, &s, &temp).code(1).stdout_has("expired on");
        }
        env.run(&["session", "end", &s]).ok();
    }
    assert_eq!(failures(&env), "0", "nine expired entries locked nothing");
    // No oracle beyond a wrong PIN: a wrong PIN says only that, and counts as before.
    let s = start(&env, ADA);
    let wrong = pin(&env, &s, "11223344");
    wrong.code(1).stdout_has("Wrong PIN.");
    for word in ["temporary", "expired"] {
        assert!(!wrong.stdout.contains(word), "{word}: {}", wrong.dump());
    }
    assert_eq!(failures(&env), "1");
    assert_eq!(count_events(&env, &s, "auth.pin.fail"), 1);
}

#[test]
fn a_temporary_pin_within_its_period_still_works_as_before() {
    let env = Env::initialised(true);
    let temp = reset(&env, "mail");
    backdate(&env, ADA, "temp_pin_set_at", 29);
    let s = start(&env, ADA);
    let v = pin(&env, &s, &temp).code(1).json();
    assert_eq!(v["basis"], "temporary-pin");
    assert_eq!(count_events(&env, &s, "auth.temporary-pin.ok"), 1);
    set_pin(&env, &s).ok();
    assert_eq!(
        env.sql("select temp_pin_hash is null from customer where account = 'DEMO-1001';"),
        "1"
    );
}

#[test]
fn lost_pin_is_refused_before_expiry_allowed_after_and_the_new_one_replaces_the_old() {
    let env = Env::initialised(true);
    let old = reset(&env, "email");
    let before = show(&env);
    assert_eq!(before["temporary_pin_outstanding"], true);
    let expires = before["temporary_pin_expires_at"]
        .as_str()
        .expect("an expiry")
        .to_string();
    assert!(expires > cpni_now(&env, 29), "{expires}");
    assert!(expires < cpni_now(&env, 31), "{expires}");
    env.run(&["customer", "reset-pin", ADA, "--via", "email"])
        .code(3)
        .stderr_has("outstanding")
        .stderr_has("it expires");
    // A month later the first temporary PIN has expired: Lost PIN again.
    backdate(&env, ADA, "temp_pin_set_at", 30);
    let after = show(&env);
    assert_eq!(after["temporary_pin_outstanding"], false, "{after}");
    assert!(
        after["temporary_pin_expires_at"].as_str().unwrap() < cpni_now(&env, 0).as_str(),
        "{after}"
    );
    let new = reset(&env, "email");
    assert_ne!(old, new);
    assert_eq!(show(&env)["temporary_pin_outstanding"], true);
    // The old one is now just a wrong PIN (it counts); the new one works.
    let s = start(&env, ADA);
    pin(&env, &s, &old).code(1).stdout_has("Wrong PIN.");
    assert_eq!(failures(&env), "1");
    let v = pin(&env, &s, &new).code(1).json();
    assert_eq!(v["basis"], "temporary-pin");
    set_pin(&env, &s).ok();
}

/// `now + days` in the stored format, from the backend's own clock.
fn cpni_now(env: &Env, days: i64) -> String {
    env.sql(&format!(
        "select strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+{days} days');"
    ))
}

#[test]
fn customer_show_says_until_when_and_then_expired_and_never_the_pin() {
    let env = Env::initialised(true);
    let temp = reset(&env, "mail");
    let text = env.run(&["customer", "show", ADA]);
    text.ok()
        .stdout_has("temporary PIN (reset) is outstanding until")
        .never_prints(&temp)
        .never_prints("$argon2");
    backdate(&env, ADA, "temp_pin_set_at", 31);
    let text = env.run(&["customer", "show", ADA]);
    text.ok()
        .stdout_has("the temporary PIN (reset) expired on")
        .never_prints(&temp)
        .never_prints("$argon2");
    let j = env.run(&["--json", "customer", "show", ADA]);
    j.never_prints(&temp).never_prints("$argon2");
    let list = env.run(&["--json", "customer", "list", "--query", "DEMO-1001"]);
    assert_eq!(list.ok().json()[0]["temporary_pin_outstanding"], false);
}

#[test]
fn a_session_verified_by_a_temporary_pin_sets_nothing_once_a_new_one_replaced_it() {
    // The caller verifies with the temporary PIN on its last day and keeps the call open; it
    // expires, a new Lost PIN is sent, and the old session tries to set a PIN.
    let env = Env::initialised(true);
    let temp = reset(&env, "mail");
    backdate(&env, ADA, "temp_pin_set_at", 29);
    let s = start(&env, ADA);
    run_secret(
        &env,
        &["session", "pin", &s, "--pin-stdin"],
        &format!("{temp}\n"),
    );
    backdate(&env, ADA, "temp_pin_set_at", 31);
    let fresh = reset(&env, "mail");
    assert_ne!(fresh, temp);
    let before = env.sql("select temp_pin_hash from customer where account = 'DEMO-1001';");
    set_pin(&env, &s)
        .code(3)
        .stderr_has("no longer the one on file");
    assert_eq!(
        env.sql("select temp_pin_hash from customer where account = 'DEMO-1001';"),
        before,
        "the new temporary PIN was wiped"
    );
    // Without a replacement the same session still sets its PIN (the issue-12 flow).
    let env = Env::initialised(true);
    let temp = reset(&env, "mail");
    let s = start(&env, ADA);
    run_secret(
        &env,
        &["session", "pin", &s, "--pin-stdin"],
        &format!("{temp}\n"),
    );
    set_pin(&env, &s).ok();
}

#[test]
fn the_letter_says_until_when_the_temporary_pin_works() {
    let env = Env::initialised(true);
    env.run(&["customer", "reset-pin", ADA, "--via", "mail"])
        .ok()
        .stdout_has("when it expires");
    let letter = newest(&outbox(&env).join("letters"), "-temporary-pin.txt");
    let text = std::fs::read_to_string(letter).unwrap();
    let day = cpni_now(&env, 30)[..10].to_string();
    assert!(text.contains(&format!("only until {day}")), "{text}");
}

#[test]
fn expired_temporary_pins_and_set_pins_racing_on_two_sessions_never_verify() {
    let env = Env::initialised(true);
    let temp = reset(&env, "mail");
    backdate(&env, ADA, "temp_pin_set_at", 31);
    let sessions = [start(&env, ADA), start(&env, ADA)];
    let mut kids = Vec::new();
    for s in &sessions {
        for _ in 0..3 {
            kids.push(spawn(
                &env,
                &["session", "pin", s, "--pin-stdin"],
                &format!("{temp}\n"),
            ));
        }
        kids.push(spawn(
            &env,
            &["customer", "set-pin", ADA, "--session", s, "--pin-stdin"],
            &format!("{NEW_PIN}\n"),
        ));
    }
    let codes = wait_all(kids);
    assert!(codes.iter().all(|c| *c != 0), "{codes:?}");
    for s in &sessions {
        assert_eq!(count_events(&env, s, "auth.temporary-pin.ok"), 0);
        assert_eq!(count_events(&env, s, "auth.temporary-pin.expired"), 3);
        assert_eq!(
            env.sql(&format!(
                "select coalesce(basis, '-') from session where id = '{s}';"
            )),
            "-"
        );
    }
    assert_eq!(
        env.sql("select count(*) from audit where event = 'customer.change';"),
        "0"
    );
    assert_eq!(failures(&env), "0");
    // The working PIN is the old one still.
    let s = start(&env, ADA);
    pin(&env, &s, ADA_PIN).ok();
}

#[test]
fn the_wizard_shows_the_expiry_refuses_the_expired_pin_and_offers_lost_pin_again() {
    let env = Env::initialised(true);
    let temp = reset(&env, "mail");
    backdate(&env, ADA, "temp_pin_set_at", 31);
    let mut t = Pty::spawn(&env, &["verify", ADA]);
    t.expect("the temporary PIN EXPIRED on");
    to_pin_prompt(&mut t);
    t.type_uncounted(&temp);
    t.send(ENTER);
    t.expect("That temporary PIN expired on");
    t.expect("How will you verify the caller?");
    t.expect("End the call");
    let screen = t.screen();
    let menu = &screen[screen.rfind("How will you verify").unwrap_or(0)..];
    assert!(menu.contains("Lost PIN"), "{menu}");
    assert!(!menu.contains("Set a new PIN"), "{menu}");
    // Lost PIN again, by letter: the words say how long the new one works.
    t.send(&item(&t, "How will you verify", "Lost PIN"));
    t.expect("By letter to the postal address of record");
    t.send(&item(&t, "Lost PIN: send", "By letter"));
    t.expect("Send it?");
    t.send("1");
    t.expect("Temporary PIN sent");
    t.expect("Discuss nothing now");
    t.expect("End the call");
    let flat = t.screen().split_whitespace().collect::<Vec<_>>().join(" ");
    for said in [
        "to choose a new PIN, within 30 days (then it expires)",
        "Call us back with it within 30 days",
    ] {
        assert!(flat.contains(said), "{said:?} not in:\n{flat}");
    }
    t.send("0");
    t.quit();
    assert_ne!(newest_temp_pin(&env, "mail"), temp, "a new temporary PIN");
    assert_eq!(show(&env)["temporary_pin_outstanding"], true);
    assert!(
        !t.log.output().contains(&temp),
        "the temporary PIN was echoed"
    );
    assert_eq!(
        env.sql("select count(*) from audit where event = 'auth.temporary-pin.expired';"),
        "1"
    );
    assert_eq!(failures(&env), "0");
}
