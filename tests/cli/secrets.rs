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

/// A seccomp wrapper (compiled here with gcc): runs its command with getrandom(2) failing with
/// EIO, which no fallback of the getrandom crate hides.
const NO_GETRANDOM_C: &str = r#"
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(int argc, char **argv) {
  struct sock_filter f[] = {
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getrandom, 0, 1),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 5),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog p = { .len = sizeof f / sizeof f[0], .filter = f };
  if (argc < 2 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &p)) return 99;
  execvp(argv[1], argv + 1);
  return 98;
}
"#;

#[test]
fn a_failing_random_source_never_tells_a_correct_pin_by_its_outcome() {
    if crate::util::sqlite_only(
        "without getrandom(2) a PostgreSQL connection cannot make its TLS handshake at all",
    ) {
        return;
    }
    // A correct PIN stored with weaker parameters than configured is re-hashed, which needs a
    // fresh salt. With no randomness that re-hash used to panic (exit 101, nothing recorded)
    // while a wrong PIN was recorded (exit 1): the exit status told a correct PIN. Now the
    // re-hash is best effort: the correct PIN is recorded as any is, and the old hash stays.
    let env = Env::initialised(true);
    let src = env.file("no_getrandom.c", NO_GETRANDOM_C);
    let wrapper = env.root().join("no_getrandom");
    let built = std::process::Command::new("gcc")
        .arg("-O2")
        .arg("-o")
        .arg(&wrapper)
        .arg(&src)
        .status()
        .unwrap_or_else(|e| panic!("{}", crate::util::missing_tool("gcc", &e)));
    assert!(built.success(), "gcc could not build the seccomp wrapper");
    env.write_config("[secrets]\nargon2 = \"owasp\"\n");
    let before = env.sql("select pin_hash from customer where account = 'DEMO-1001';");
    let session = env
        .run(&["session", "start", "DEMO-1001"])
        .ok()
        .stdout
        .trim()
        .to_string();
    let pin = |value: &str| {
        let mut cmd = std::process::Command::new(&wrapper);
        cmd.arg(env!("CARGO_BIN_EXE_cpni"));
        cmd.args(["session", "pin", &session, "--pin-stdin"]);
        for (k, v) in env.command::<&str>(&[]).get_envs() {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            };
        }
        crate::util::run_command(cmd, Some(&format!("{value}\n")))
    };
    pin("000000").code(1).stdout_has("Wrong PIN");
    let right = pin("804713");
    right.code(0).stdout_has("PIN correct");
    let last = env.sql("select event from audit order by seq desc limit 1;");
    assert_eq!(last.trim(), "auth.pin.ok", "{}", right.dump());
    let after = env.sql("select pin_hash from customer where account = 'DEMO-1001';");
    assert_eq!(
        before, after,
        "no re-hash without randomness: the old hash stays"
    );
    // With randomness back, the next correct PIN is re-hashed as configured.
    let again = env
        .run(&["session", "start", "DEMO-1001"])
        .ok()
        .stdout
        .trim()
        .to_string();
    env.run_stdin(&["session", "pin", &again, "--pin-stdin"], "804713\n")
        .ok();
    let rehashed = env.sql("select pin_hash from customer where account = 'DEMO-1001';");
    assert_ne!(before, rehashed);
    assert!(rehashed.contains("m=19456"), "{rehashed}");
    env.run(&["audit", "verify"]).ok();
}
