// The keys-per-call baseline: the five standard calls on the wizard BEFORE issue 13.
// Measured by appending this file to tests/cli/wizard.rs of commit 4008f65, with a `keys`
// counter added to its `Pty::send` (an arrow is one key, every other char one key):
//   git archive 4008f65 | tar -x -C /tmp/base && cd /tmp/base
//   (add `keys: usize` to Pty, count in send, append this file to tests/cli/wizard.rs)
//   cargo test --test cli baseline_keys -- --nocapture
// The digits and the note are sent uncounted (`raw`) and added apart, as in the new report.

fn raw(t: &mut Pty, text: &str) {
    t.p.send(text).expect("send");
}

fn discuss_end(t: &mut Pty, item: &str) {
    t.expect("Next");
    t.send(item);
    t.expect("Purpose");
    t.send(ENTER);
    t.expect("Note (optional)");
    raw(t, "bill question");
    t.send(ENTER);
    t.expect("Recorded");
    t.expect("Next");
    t.send(&format!("{UP}{ENTER}"));
    t.expect("ended");
    t.exit_code();
}

#[test]
fn baseline_keys_per_call() {
    let mut out = Vec::new();
    // 1. account information by PIN
    let env = Env::initialised(true);
    let mut t = Pty::spawn(&env, &["verify", ADA]);
    t.expect("What does the caller want to discuss?");
    t.send(ENTER);
    t.expect("How will you verify the caller?");
    t.send(ENTER);
    t.expect("Ask the caller for the account PIN");
    t.wait_echo_off();
    raw(&mut t, ADA_PIN);
    t.send(ENTER);
    discuss_end(&mut t, ENTER);
    out.push(("pin", t.keys, 6 + 13));
    // 2. call detail after three wrong PINs, then a callback
    let env = Env::initialised(true);
    let mut t = Pty::spawn(&env, &["verify", ADA]);
    t.expect("What does the caller want to discuss?");
    t.send(&format!("{DOWN}{ENTER}"));
    for w in ["111111", "222222", "333333"] {
        t.expect("How will you verify the caller?");
        t.send(ENTER);
        t.expect("Ask the caller for the account PIN");
        t.wait_echo_off();
        raw(&mut t, w);
        t.send(ENTER);
        t.expect("Wrong PIN");
    }
    t.expect("How will you verify the caller?");
    t.expect("End the call");
    t.send(ENTER); // callback is first now
    t.expect("Callback result");
    t.send(ENTER);
    discuss_end(&mut t, &format!("{DOWN}{ENTER}"));
    out.push(("callback", t.keys, 18 + 13));
    // 3. account information by email code
    let env = Env::initialised(true);
    let mut t = Pty::spawn(&env, &["verify", ADA]);
    t.expect("What does the caller want to discuss?");
    t.send(ENTER);
    t.expect("How will you verify the caller?");
    t.expect("End the call");
    t.send(&format!("{DOWN}{DOWN}{ENTER}"));
    t.expect("Ask the caller to read the code");
    let eml = newest(&outbox(&env), "-email-code.eml");
    let code = code_in_email(&std::fs::read_to_string(eml).expect("read"));
    t.wait_echo_off();
    raw(&mut t, &code);
    t.send(ENTER);
    discuss_end(&mut t, ENTER);
    out.push(("email", t.keys, 6 + 13));
    // 4. business
    let env = Env::initialised(true);
    let mut t = Pty::spawn(&env, &["verify", "DEMO-1004"]);
    t.expect("What does the caller want to discuss?");
    t.send(ENTER);
    t.expect("How will you verify the caller?");
    t.expect("End the call");
    t.send(&format!("{DOWN}{DOWN}{DOWN}{DOWN}{DOWN}{ENTER}"));
    discuss_end(&mut t, ENTER);
    out.push(("business", t.keys, 13));
    // 5. lost PIN
    let env = Env::initialised(true);
    let mut t = Pty::spawn(&env, &["verify", ADA]);
    t.expect("What does the caller want to discuss?");
    t.send(ENTER);
    t.expect("How will you verify the caller?");
    t.expect("End the call");
    t.send(&format!("{UP}{UP}{ENTER}"));
    t.expect("Send the temporary PIN");
    t.send(ENTER);
    t.expect("Temporary PIN sent");
    t.expect("How will you verify the caller?");
    t.expect("End the call");
    t.send(&format!("{UP}{ENTER}"));
    t.expect("ended");
    t.exit_code();
    out.push(("lost", t.keys, 0));
    for (n, k, typed) in out {
        println!("BASELINE {n}: {k} keys + {typed} typed = {}", k + typed);
    }
}
