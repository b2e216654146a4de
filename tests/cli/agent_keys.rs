//! Agent SSH keys and the files cpni guards, run locally: `agent add --ssh-key-file`,
//! `agent key add|list|remove`, `authorized_keys` rewritten atomically without touching lines
//! cpni did not write, keys with their own options refused, `agent disable` removing keys; and
//! the refusal to run on files open to other users, permission errors named as such, planted
//! links refused.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{Env, OTHER_UID, TEST_CONFIG, run_command};

/// An initialised home whose `authorized_keys` lives inside it.
fn env() -> (Env, PathBuf) {
    let env = Env::new();
    let keys = env.root().join("ssh").join("authorized_keys");
    env.write_config(&format!(
        "{TEST_CONFIG}[gateway]\nauthorized_keys = \"{}\"\n",
        keys.display()
    ));
    env.run(&["init", "--demo"]).ok();
    (env, keys)
}

/// A new ed25519 key pair in the home; returns the .pub path.
fn keygen(env: &Env, name: &str) -> PathBuf {
    let path = env.root().join(name);
    let out = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "x@ws", "-f"])
        .arg(&path)
        .output()
        .expect("ssh-keygen (apt-get install openssh-client)");
    assert!(out.status.success());
    path.with_extension("pub")
}

fn fingerprint(public: &Path) -> String {
    let out = Command::new("ssh-keygen")
        .arg("-lf")
        .arg(public)
        .output()
        .expect("ssh-keygen -l");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .nth(1)
        .expect("fp")
        .to_string()
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).expect("stat").permissions().mode() & 0o777
}

#[test]
fn agent_add_with_a_key_writes_a_forced_command_line() {
    let (env, keys) = env();
    let public = keygen(&env, "a7");
    let run = env.run(&[
        "--json",
        "agent",
        "add",
        "agent7",
        "--role",
        "agent",
        "--ssh-key-file",
        public.to_str().unwrap(),
    ]);
    let fp = fingerprint(&public);
    assert_eq!(run.ok().json()["fingerprint"], fp.as_str());
    let text = std::fs::read_to_string(&keys).expect("authorized_keys written");
    let blob = std::fs::read_to_string(&public)
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .to_string();
    let bin = std::fs::canonicalize(env!("CARGO_BIN_EXE_cpni")).unwrap();
    let want = format!(
        "restrict,pty,command=\"exec {} gateway --agent agent7 --key {fp}\" ssh-ed25519 {blob} ",
        bin.display()
    );
    assert!(text.contains(&want), "{text}");
    assert_eq!(mode(&keys), 0o600);
    assert_eq!(mode(keys.parent().unwrap()), 0o700);
    let list = env.run(&["--json", "agent", "key", "list", "agent7"]);
    assert!(list.ok().stdout.contains(&fp), "{}", list.dump());
    assert_eq!(
        env.sql(&format!(
            "select count(*) from audit where event = 'agent.key.add' and detail like '%{fp}%';"
        )),
        "1"
    );
}

#[test]
fn lines_cpni_did_not_write_are_kept_and_never_duplicated() {
    let (env, keys) = env();
    let foreign = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl admin@laptop\n# the backup admin\n";
    env.write(&keys, foreign);
    let (k1, k2) = (keygen(&env, "k1"), keygen(&env, "k2"));
    env.run(&[
        "agent",
        "add",
        "agent7",
        "--role",
        "agent",
        "--ssh-key-file",
        k1.to_str().unwrap(),
    ])
    .ok();
    env.run(&[
        "agent",
        "key",
        "add",
        "agent7",
        "--ssh-key-file",
        k2.to_str().unwrap(),
    ])
    .ok();
    env.run(&[
        "agent",
        "key",
        "add",
        "agent7",
        "--ssh-key-file",
        k2.to_str().unwrap(),
    ])
    .code(2)
    .stderr_has("already registered");
    let text = std::fs::read_to_string(&keys).unwrap();
    assert!(text.starts_with(foreign), "{text}");
    assert_eq!(text.matches("--agent agent7").count(), 2, "{text}");
    env.run(&["agent", "key", "remove", "agent7", &fingerprint(&k1)])
        .ok();
    let text = std::fs::read_to_string(&keys).unwrap();
    assert!(
        text.starts_with(foreign) && text.matches("--agent agent7").count() == 1,
        "{text}"
    );
    env.run(&["agent", "key", "remove", "agent7", &fingerprint(&k2)])
        .ok();
    assert_eq!(std::fs::read_to_string(&keys).unwrap(), foreign);
    // A key that a foreign line already lets in is refused: sshd would use whichever came first.
    let admin = env.file("admin.pub", foreign.lines().next().unwrap());
    env.run(&[
        "agent",
        "key",
        "add",
        "agent7",
        "--ssh-key-file",
        admin.to_str().unwrap(),
    ])
    .code(2)
    .stderr_has("line 1");
}

#[test]
fn keys_with_their_own_options_or_bad_data_are_refused_and_nothing_changes() {
    let (env, keys) = env();
    let public = std::fs::read_to_string(keygen(&env, "k")).unwrap();
    let before = env.counts();
    for (name, text) in [
        ("opts.pub", format!("command=\"/bin/sh\" {public}")),
        ("nopty.pub", format!("no-pty,from=\"*\" {public}")),
        ("two.pub", format!("{public}{public}")),
        ("junk.pub", "ssh-ed25519 not-base64!\n".to_string()),
        ("empty.pub", String::new()),
    ] {
        let f = env.file(name, &text);
        env.run(&[
            "agent",
            "add",
            "agent7",
            "--role",
            "agent",
            "--ssh-key-file",
            f.to_str().unwrap(),
        ])
        .code(2)
        .stderr_has("--ssh-key-file");
    }
    assert_eq!(env.counts(), before);
    assert!(!keys.exists());
}

#[test]
fn disable_removes_every_key_at_once_and_enable_exists() {
    let (env, keys) = env();
    let k = keygen(&env, "k");
    env.run(&[
        "agent",
        "add",
        "agent7",
        "--role",
        "agent",
        "--ssh-key-file",
        k.to_str().unwrap(),
    ])
    .ok();
    let run = env.run(&["--json", "agent", "disable", "agent7"]);
    assert_eq!(run.ok().json()["keys_removed"][0], fingerprint(&k).as_str());
    assert!(!std::fs::read_to_string(&keys).unwrap().contains("agent7"));
    env.run(&[
        "agent",
        "key",
        "add",
        "agent7",
        "--ssh-key-file",
        k.to_str().unwrap(),
    ])
    .code(3)
    .stderr_has("enable");
    env.run(&["agent", "enable", "agent7"]).ok();
    env.run(&[
        "agent",
        "key",
        "add",
        "agent7",
        "--ssh-key-file",
        k.to_str().unwrap(),
    ])
    .ok();
}

#[test]
fn files_open_to_other_users_are_refused_naming_the_chmod() {
    if crate::util::sqlite_only(
        "the SQLite file's mode (PostgreSQL: the key files' checks, pg_connect)",
    ) {
        return;
    }
    let (env, _) = env();
    let db = env.db();
    let chmod =
        |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    chmod(&db, 0o644);
    env.run(&["agent", "list"])
        .code(5)
        .stderr_has(&format!("chmod 600 {}", db.display()));
    chmod(&db, 0o600);
    let signing = PathBuf::from(format!("{}.signing-key", db.display()));
    chmod(&signing, 0o640);
    env.run(&["agent", "list"])
        .code(5)
        .stderr_has(&format!("chmod 600 {}", signing.display()));
    chmod(&signing, 0o600);
    let dir = db.parent().unwrap();
    chmod(dir, 0o777);
    env.run(&["agent", "list"])
        .code(5)
        .stderr_has(&format!("chmod go-w {}", dir.display()));
    chmod(dir, 0o700);
    chmod(&env.config_path(), 0o666);
    env.run(&["agent", "list"]).code(2).stderr_has("chmod go-w");
    chmod(&env.config_path(), 0o600);
    env.run(&["agent", "list"]).ok();
}

#[test]
fn a_permission_error_is_reported_as_one_with_the_path() {
    if crate::util::sqlite_only("a permission error on the database file beside the keys") {
        return;
    }
    let (env, _) = env();
    // The home stays root's (0700): another user cannot even see whether the database exists.
    let mut cmd = env.other_command(&["agent", "list"]);
    cmd.uid(OTHER_UID).gid(OTHER_UID);
    let run = run_command(cmd, None);
    run.code(5)
        .stderr_has("permission denied")
        .stderr_has(&env.root().display().to_string());
    assert!(!run.stderr.contains("no cpni database"), "{}", run.dump());
}

#[test]
fn a_planted_link_beside_the_database_is_refused() {
    if crate::util::sqlite_only("a link planted at the writer lock file beside the SQLite file") {
        return;
    }
    let (env, _) = env();
    let victim = env.file("victim", "keep");
    let lock = PathBuf::from(format!("{}.lock", env.db().display()));
    let _ = std::fs::remove_file(&lock);
    std::os::unix::fs::symlink(&victim, &lock).unwrap();
    env.run(&["session", "start", "DEMO-1001"])
        .code(5)
        .stderr_has("symbolic link");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
}
