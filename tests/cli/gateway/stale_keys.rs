//! A line of the service account's `authorized_keys` that outlived its key in the database
//! (another gateway host removed it from a shared PostgreSQL database, a file restored from a
//! backup or edited by hand) lets nobody in: the gateway checks the key named by the forced
//! command (`--key SHA256:…`) against the database, refuses it (exit 3, recorded), and
//! rewrites the file; `cpni agent key sync` rewrites it on demand; a line written by the
//! earlier release (no `--key`) is refused and rewritten. Through the real sshd and ssh.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::harness::{Gateway, SVC_HOME};
use super::{ADA, fingerprint};

fn keys_file() -> PathBuf {
    Path::new(SVC_HOME).join(".ssh/authorized_keys")
}

fn keys_text() -> String {
    std::fs::read_to_string(keys_file()).unwrap_or_default()
}

/// Puts `text` back into the existing file (its owner and mode stay: as a restore would).
fn restore(text: &str) {
    std::fs::write(keys_file(), text).expect("write authorized_keys");
}

fn blob(public: &str) -> String {
    public
        .split_whitespace()
        .nth(1)
        .expect("a key blob")
        .to_string()
}

#[test]
fn a_key_removed_from_the_database_but_left_in_the_file_is_refused() {
    let g = Gateway::start();
    let a8 = g.add_agent("agent8", "agent");
    let fp = fingerprint(&a8.private.with_extension("pub"));
    g.ssh(&a8, &format!("session start {ADA}")).ok();
    let with_a8 = keys_text();
    assert!(
        with_a8.contains(&format!("--agent agent8 --key {fp}\"")),
        "{with_a8}"
    );
    // Removed from the database (as on another host sharing it); this host's line stays.
    g.svc(&["agent", "key", "remove", "agent8", &fp]).ok();
    restore(&with_a8);
    let sessions = g.sql("select count(*) from session;");
    let run = g.ssh(&a8, &format!("--json session start {ADA}"));
    run.code(3).stderr_has("not a key of agent8");
    assert_eq!(
        run.json_err()["error"]["code"],
        "key-removed",
        "{}",
        run.dump()
    );
    assert_eq!(
        g.sql("select count(*) from session;"),
        sessions,
        "nothing started"
    );
    assert_eq!(
        g.sql(&format!(
            "select count(*) from audit where event = 'access.refused' and actor = 'agent8' \
             and detail like '%key-removed%' and detail like '%{fp}%';"
        )),
        "1"
    );
    // The gateway put its file back to the database: the line is gone, sshd refuses the key.
    assert!(!keys_text().contains(&blob(&a8.public)), "{}", keys_text());
    g.ssh(&a8, &format!("session start {ADA}"))
        .code(255)
        .stderr_has("Permission denied");
    // No command at all (the menu) is refused just the same.
    restore(&with_a8);
    g.ssh(&a8, "").code(3).stderr_has("not a key of agent8");
    restore(&with_a8);
    g.svc(&["gateway", "--agent", "agent8", "--key", &fp])
        .code(3)
        .stderr_has("not a key of agent8");
    // A forced command naming another agent's key (a line edited by hand) is refused too.
    let a7 = g.add_agent("agent7", "agent");
    let fp7 = fingerprint(&a7.private.with_extension("pub"));
    let edited = keys_text().replace("--agent agent7 --key", "--agent agent8 --key");
    restore(&edited);
    let run = g.ssh(&a7, &format!("session start {ADA}"));
    run.code(3)
        .stderr_has(&format!("{fp7} is not a key of agent8"));
}

#[test]
fn agent_key_sync_rewrites_the_file_from_the_database() {
    let g = Gateway::start();
    let a7 = g.add_agent("agent7", "agent");
    let a8 = g.add_agent("agent8", "agent");
    let fp8 = fingerprint(&a8.private.with_extension("pub"));
    let both = keys_text();
    g.svc(&["agent", "key", "remove", "agent8", &fp8]).ok();
    let foreign = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl backup@admin\n";
    restore(&format!("{foreign}{both}"));
    let run = g.svc(&["--json", "agent", "key", "sync"]);
    assert_eq!(run.ok().json()["changed"], true, "{}", run.dump());
    assert_eq!(run.json()["keys"], 1);
    let text = keys_text();
    assert!(!text.contains(&blob(&a8.public)), "{text}");
    assert!(text.contains(&blob(&a7.public)), "{text}");
    assert!(
        text.starts_with(foreign),
        "a line cpni did not write stays: {text}"
    );
    let meta = std::fs::symlink_metadata(keys_file()).unwrap();
    assert_eq!(meta.mode() & 0o777, 0o600);
    assert_eq!(
        g.sql("select count(*) from audit where event = 'agent.key.sync';"),
        "1"
    );
    // A second run changes nothing; the agent's remaining key still works.
    assert_eq!(
        g.svc(&["--json", "agent", "key", "sync"]).ok().json()["changed"],
        false
    );
    g.ssh(&a7, &format!("session start {ADA}")).ok();
    g.ssh(&a8, &format!("session start {ADA}"))
        .code(255)
        .stderr_has("Permission denied");
    // A planted link is replaced, never followed.
    let target = g.dir.path().join("elsewhere");
    std::fs::write(&target, "untouched\n").unwrap();
    std::fs::remove_file(keys_file()).unwrap();
    std::os::unix::fs::symlink(&target, keys_file()).unwrap();
    g.svc(&["agent", "key", "sync"]).ok();
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "untouched\n");
    assert!(
        !std::fs::symlink_metadata(keys_file())
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // Only an admin may run it.
    g.ssh(&a7, "agent key sync").code(3).stderr_has("admin");
}

#[test]
fn an_old_format_line_is_refused_once_and_rewritten() {
    let g = Gateway::start();
    let a7 = g.add_agent("agent7", "agent");
    let fp = fingerprint(&a7.private.with_extension("pub"));
    // The earlier release's line: the forced command names the agent only.
    let old = keys_text().replace(&format!(" --key {fp}\""), "\"");
    assert!(old.contains("--agent agent7\" ssh-ed25519"), "{old}");
    restore(&old);
    let run = g.ssh(&a7, &format!("session start {ADA}"));
    run.code(3)
        .stderr_has("earlier")
        .stderr_has("cpni agent key sync");
    assert_eq!(
        g.sql(
            "select count(*) from audit where event = 'access.refused' and actor = 'agent7' \
             and detail like '%key-unnamed%';"
        ),
        "1"
    );
    // The gateway rewrote its file: the next connection names the key and works.
    assert!(
        keys_text().contains(&format!("--agent agent7 --key {fp}\"")),
        "{}",
        keys_text()
    );
    g.ssh(&a7, &format!("session start {ADA}")).ok();
    // `agent key sync` upgrades such a file without any refused connection.
    restore(&old);
    g.svc(&["agent", "key", "sync"]).ok();
    g.ssh(&a7, &format!("session start {ADA}")).ok();
}

#[test]
fn a_key_removed_during_a_wizard_stops_its_next_step() {
    use expectrl::{Eof, Expect, Session};
    let g = Gateway::start();
    let a7 = g.add_agent("agent7", "agent");
    let fp = fingerprint(&a7.private.with_extension("pub"));
    let mut cmd = g.ssh_command(&a7, &["-tt"]);
    cmd.arg(format!("verify {ADA}")).env("TERM", "xterm");
    let mut p = Session::spawn(cmd).expect("spawn ssh on a pty");
    p.set_expect_timeout(Some(std::time::Duration::from_secs(30)));
    p.expect("What does the caller want to discuss?")
        .expect("first menu");
    p.send("1").expect("account information");
    p.expect("How will you verify the caller?")
        .expect("second menu");
    p.expect("End the call").expect("the whole menu");
    // The key goes while the connection is open (on this host or another).
    g.svc(&["agent", "key", "remove", "agent7", &fp]).ok();
    p.send("1").expect("account PIN");
    p.expect("? PIN: ").expect("the PIN prompt");
    p.send(format!("{}\r", super::ADA_PIN)).expect("the PIN");
    // (The wizard wraps the message at the terminal's width.)
    p.expect(format!("the SSH key {fp} is no longer a"))
        .expect("the PIN step refused inside its transaction");
    p.expect("key of the active agent agent7")
        .expect("the agent named");
    let _ = p.send("\x03");
    let _ = p.expect(Eof);
    assert_eq!(
        g.sql("select count(*) from audit where event like 'auth.%';"),
        "0",
        "no PIN check was recorded"
    );
}
