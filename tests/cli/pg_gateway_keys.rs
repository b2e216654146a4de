//! Two gateway hosts (two homes, one PostgreSQL database): a joining host's `cpni init`
//! writes its `authorized_keys` from the keys already in the database, and a key removed on
//! one host leaves the other's file on `cpni agent key sync` (the gateway refuses such a line
//! before that: `gateway::stale_keys`, through a real sshd).

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::pg_connect::{copy_keys, empty_db, tls_host};
use crate::util::Env;

fn keys_file(env: &Env) -> PathBuf {
    env.root().join(".ssh").join("authorized_keys")
}

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

fn blob(public: &Path) -> String {
    std::fs::read_to_string(public)
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .to_string()
}

#[test]
fn pg_a_joining_host_writes_its_authorized_keys_and_follows_removals_on_sync() {
    let db = empty_db();
    let a = tls_host(&db);
    a.run(&["init"]).ok();
    let public = keygen(&a, "agent8");
    let added = a.run(&[
        "--json",
        "agent",
        "add",
        "agent8",
        "--role",
        "agent",
        "--ssh-key-file",
        public.to_str().unwrap(),
    ]);
    let fp = added.ok().json()["fingerprint"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let b = tls_host(&db);
    copy_keys(&a, &b);
    b.run(&["init"]).ok().stdout_has("from the agents' keys");
    let text = std::fs::read_to_string(keys_file(&b)).expect("B's authorized_keys written");
    assert!(text.contains(&blob(&public)), "{text}");
    assert!(
        text.contains(&format!("--agent agent8 --key {fp}\"")),
        "{text}"
    );
    let mode = std::fs::metadata(keys_file(&b))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    // A second init changes nothing and writes nothing.
    b.run(&["--json", "init"]).ok();
    // Removed on A: B's file still holds it until B syncs (its gateway would refuse it).
    a.run(&["agent", "key", "remove", "agent8", &fp]).ok();
    assert!(
        std::fs::read_to_string(keys_file(&b))
            .unwrap()
            .contains(&blob(&public))
    );
    let sync = b.run(&["--json", "agent", "key", "sync"]);
    assert_eq!(sync.ok().json()["changed"], true, "{}", sync.dump());
    let text = std::fs::read_to_string(keys_file(&b)).unwrap();
    assert!(!text.contains(&blob(&public)), "{text}");
}

/// The first `cpni init` of a second, empty database on a host whose account already serves
/// a gateway leaves that gateway's `authorized_keys` alone (it used to empty cpni's block).
#[test]
fn pg_init_of_a_second_database_keeps_the_first_ones_authorized_keys() {
    let db = empty_db();
    let a = tls_host(&db);
    a.run(&["init"]).ok();
    let public = keygen(&a, "agent9");
    a.run(&[
        "agent",
        "add",
        "agent9",
        "--role",
        "agent",
        "--ssh-key-file",
        public.to_str().unwrap(),
    ])
    .ok();
    let before = std::fs::read_to_string(keys_file(&a)).expect("A's authorized_keys");
    assert!(before.contains(&blob(&public)), "{before}");
    let second = empty_db();
    let cfg = std::fs::read_to_string(a.config_path()).unwrap();
    let other = cfg.replacen(&db.name, &second.name, 1);
    assert_ne!(cfg, other);
    let path = a.file("second.toml", &other);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let run = a.run(&["--json", "--config", path.to_str().unwrap(), "init"]);
    run.ok();
    assert_eq!(
        run.json()["authorized_keys_written"],
        serde_json::Value::Null
    );
    assert_eq!(std::fs::read_to_string(keys_file(&a)).unwrap(), before);
}
