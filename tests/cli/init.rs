//! `cpni init`: files and modes, the invoking user registered as admin, idempotence, demo data.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::util::Env;

fn mode(path: &Path) -> u32 {
    let meta = std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    meta.permissions().mode() & 0o777
}

fn beside(db: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

#[test]
fn init_creates_private_database_and_keys() {
    if crate::util::sqlite_only("the SQLite file's and keys' modes (PostgreSQL: pg_connect)") {
        return;
    }
    let env = Env::new();
    env.run(&["init"]).ok().stdout_has("registered as admin");
    let db = env.db();
    assert_eq!(mode(&db), 0o600, "database file mode");
    assert_eq!(mode(db.parent().unwrap()), 0o700, "database folder mode");
    for suffix in [".code-key", ".signing-key"] {
        let key = beside(&db, suffix);
        assert_eq!(mode(&key), 0o600, "{} mode", key.display());
        let text = std::fs::read_to_string(&key).unwrap();
        assert_eq!(text.trim().len(), 64, "{suffix} holds a 32-byte hex key");
    }
}

#[test]
fn keys_are_not_stored_inside_the_database() {
    if crate::util::sqlite_only(
        "keys beside the SQLite file (PostgreSQL: pg_init_creates_the_schema… checks no table holds them)",
    ) {
        return;
    }
    let env = Env::initialised(false);
    let dump = env.dump();
    for suffix in [".code-key", ".signing-key"] {
        let key = std::fs::read_to_string(beside(&env.db(), suffix)).unwrap();
        assert!(
            !dump.contains(key.trim()),
            "{suffix} found in the database dump"
        );
    }
}

#[test]
fn init_registers_the_os_user_as_admin() {
    let env = Env::initialised(false);
    assert_eq!(
        env.sql("select login, role, active from agent;"),
        "root|admin|1"
    );
    let events = env.sql("select actor || ':' || event from audit order by seq;");
    assert_eq!(events, "root:init\nroot:agent.add");
}

#[test]
fn init_again_changes_nothing_and_says_so() {
    let env = Env::initialised(true);
    let before = (
        env.counts(),
        env.sql("select hash from audit order by seq desc limit 1;"),
    );
    env.run(&["init"]).ok().stdout_has("nothing changed");
    env.run(&["init", "--demo"])
        .ok()
        .stdout_has("nothing changed");
    let after = (
        env.counts(),
        env.sql("select hash from audit order by seq desc limit 1;"),
    );
    assert_eq!(before, after, "a second init must write nothing");
}

#[test]
fn init_demo_loads_five_customers() {
    let env = Env::new();
    env.run(&["init", "--demo"])
        .ok()
        .stdout_has("5 demo customers");
    assert_eq!(env.count("customer"), 5);
    let audited = env.sql("select count(*) from audit where event = 'customer.add';");
    assert_eq!(audited, "5", "each demo customer has its audit record");
    let business = env.sql("select count(*) from customer where cpni_contract is not null;");
    assert_eq!(
        business, "1",
        "one business customer for the business-contract basis"
    );
}

#[test]
fn init_honours_db_flag_and_env() {
    let env = Env::new();
    let flag_db = env.root().join("flag").join("a.db");
    env.run(&["init", "--db", flag_db.to_str().unwrap()]).ok();
    assert!(
        flag_db.exists(),
        "--db PATH is where init creates the database"
    );
    let env_db = env.root().join("envvar").join("b.db");
    let mut cmd = env.command(&["init"]);
    cmd.env("CPNI_DB", &env_db);
    assert!(cmd.status().unwrap().success());
    assert!(
        env_db.exists(),
        "CPNI_DB is where init creates the database"
    );
    assert!(!env.db().exists(), "the default path stays untouched");
}

#[test]
fn init_writes_a_commented_config_when_none_exists() {
    let env = Env::bare();
    env.run(&["init"]).ok().stdout_has("config file");
    let cfg = env.config_path();
    assert_eq!(mode(&cfg), 0o600, "config file mode");
    // The template must be accepted as it is written (a second run reads it).
    env.run(&["customer", "list"]).ok();
}

#[test]
fn init_finishes_a_database_left_empty_by_an_earlier_run() {
    if crate::util::sqlite_only("an empty SQLite file and its journal mode") {
        return;
    }
    // A crash between creating the file and registering the admin must not leave a database
    // that nobody can use and that `init` claims is already set up.
    let env = Env::new();
    let db = env.db();
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    std::fs::write(&db, b"").unwrap();
    let run = env.run(&["init"]);
    run.ok().stdout_has("registered as admin");
    assert!(!run.stdout.contains("nothing changed"), "{}", run.dump());
    assert_eq!(env.sql("select login, role from agent;"), "root|admin");
    assert_eq!(env.sql("pragma journal_mode;"), "wal");
}
