//! The keys-per-call report (issue 13): five standard calls driven through the real binary on
//! a PTY, counting every key the agent presses (an arrow or Escape is one key). The secret's
//! digits and the note's text are counted apart. Not a timed test: it prints the report and
//! fails only if a call needs more keys than the wizard before issue 13 did.
//!
//! Run: `cargo test --test cli keys_per_call -- --nocapture`

use crate::calls::{ADA, ADA_PIN, code_in_email, newest, outbox};
use crate::util::Env;
use crate::wizard::{ENTER, ESC, Pty};

/// One measured call: name, keys besides digits and note, digits and note keys, before.
struct Row {
    name: &'static str,
    keys: usize,
    typed: usize,
    before: &'static str,
    limit: usize,
}

const NOTE: &str = "bill question";
/// DEMO-1004's contract passphrase (public demo data).
const DEMO_CONTRACT_PASSPHRASE: &str = "acme freight orbit 2025";

/// Discuss account information with purpose 1 and a note, then End (item `end`) and quit.
fn discuss_and_end(t: &mut Pty, item: &str, end: &str) -> usize {
    t.expect("What next?");
    t.expect("End the call");
    t.send(item);
    t.expect("Purpose");
    t.send("1");
    t.expect("Note (optional)");
    t.type_uncounted(NOTE);
    t.send(ENTER);
    t.expect("Recorded:");
    t.expect("End the call");
    t.send(end);
    t.expect("Call summary");
    t.expect("Account id (Esc to quit)");
    t.send(ESC);
    let code = t.exit_code();
    assert_eq!(code, 0, "{}", t.log.text());
    NOTE.len()
}

fn pin_call() -> Row {
    let env = Env::initialised(true);
    let mut t = Pty::spawn(&env, &["verify", ADA]);
    crate::wizard::to_pin_prompt(&mut t);
    t.type_uncounted(ADA_PIN);
    t.send(ENTER);
    let note = discuss_and_end(&mut t, "1", "0");
    Row {
        name: "account information by PIN",
        keys: t.keys,
        typed: ADA_PIN.len() + note,
        before: "15-25",
        limit: 12,
    }
}

fn call_detail_after_three_wrong_pins_then_callback() -> Row {
    let env = Env::initialised(true);
    let mut t = Pty::spawn(&env, &["verify", ADA]);
    t.expect("What does the caller want to discuss?");
    t.send("2"); // call detail
    t.expect("How will you verify the caller?");
    t.expect("End the call");
    t.send("1"); // PIN
    for wrong in ["111111", "222222", "333333"] {
        t.expect("? PIN: ");
        t.wait_echo_off();
        t.type_uncounted(wrong);
        t.send(ENTER);
        t.expect("Wrong.");
    }
    t.expect("How will you verify the caller?");
    t.expect("1) Call back the telephone number of record");
    t.expect("End the call");
    t.send("1");
    t.expect("Callback result");
    t.send("1"); // reached and confirmed
    let note = discuss_and_end(&mut t, "2", "0");
    Row {
        name: "call detail after three wrong PINs, then a callback",
        keys: t.keys,
        typed: 18 + note,
        before: "34",
        limit: 34,
    }
}

fn email_code_call() -> Row {
    let env = Env::initialised(true);
    let mut t = Pty::spawn(&env, &["verify", ADA]);
    t.expect("What does the caller want to discuss?");
    t.send("1");
    t.expect("End the call");
    t.send("2"); // email a code
    t.expect("? Code: ");
    let eml = newest(&outbox(&env), "-email-code.eml");
    let code = code_in_email(&std::fs::read_to_string(eml).expect("read the .eml"));
    t.wait_echo_off();
    t.type_uncounted(&code);
    t.send(ENTER);
    let note = discuss_and_end(&mut t, "2", "0");
    Row {
        name: "account information by email code",
        keys: t.keys,
        typed: code.len() + note,
        before: "16",
        limit: 16,
    }
}

fn business_call() -> Row {
    let env = Env::initialised(true);
    let mut t = Pty::spawn(&env, &["verify", "DEMO-1004"]);
    t.expect("What does the caller want to discuss?");
    t.send("1");
    t.expect("5) Business contract");
    t.expect("End the call");
    t.send("5");
    // Issue 12: the business basis runs the contract's own method (DEMO-1004: its passphrase).
    t.expect("? Contract passphrase: ");
    t.wait_echo_off();
    t.type_uncounted(DEMO_CONTRACT_PASSPHRASE);
    t.send(ENTER);
    let note = discuss_and_end(&mut t, "1", "0");
    Row {
        name: "a business account (contract passphrase)",
        keys: t.keys,
        typed: DEMO_CONTRACT_PASSPHRASE.len() + note,
        before: "11",
        limit: 11,
    }
}

fn lost_pin_call() -> Row {
    let env = Env::initialised(true);
    let mut t = Pty::spawn(&env, &["verify", ADA]);
    t.expect("What does the caller want to discuss?");
    t.send("1");
    t.expect("8) Lost PIN");
    t.expect("End the call");
    t.send("8");
    t.expect("1) By email to the email address of record");
    t.send("1"); // by email
    t.expect("Send it?");
    t.send("1");
    t.expect("Temporary PIN sent");
    t.expect("0) End the call");
    t.send("0");
    t.expect("Call summary");
    t.expect("Account id (Esc to quit)");
    t.send(ESC);
    assert_eq!(t.exit_code(), 1, "{}", t.log.text());
    Row {
        name: "a lost PIN",
        keys: t.keys,
        typed: 0,
        before: "42",
        limit: 42,
    }
}

#[test]
fn keys_per_call_report() {
    let rows = [
        pin_call(),
        call_detail_after_three_wrong_pins_then_callback(),
        email_code_call(),
        business_call(),
        lost_pin_call(),
    ];
    println!("\n| call | keys (menus, Enter, Esc) | + digits and note | total | before |");
    println!("|---|---|---|---|---|");
    for r in &rows {
        println!(
            "| {} | {} | {} | {} | {} |",
            r.name,
            r.keys,
            r.typed,
            r.keys + r.typed,
            r.before
        );
    }
    for r in &rows {
        assert!(
            r.keys <= r.limit,
            "{}: {} keys besides the digits and the note, more than {}",
            r.name,
            r.keys,
            r.limit
        );
    }
}
