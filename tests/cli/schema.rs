//! The schema: what `cpni init` builds by migrating an empty database is exactly `schema.sql`
//! as applied by the real `sqlite3` CLI; a database from a newer cpni is refused (exit 5).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::util::{Env, missing_tool, sqlite3, sqlite3_json};

const MASTER: &str = "select type, name, tbl_name, sql from sqlite_master order by name;";

fn schema_sql() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.sql")
}

/// `sqlite3 DB < schema.sql`, asserting that the real CLI accepts the file.
fn apply_schema_sql(db: &Path) {
    let file = std::fs::File::open(schema_sql()).expect("open schema.sql");
    let out = Command::new("sqlite3")
        .arg(db)
        .stdin(Stdio::from(file))
        .output()
        .unwrap_or_else(|e| panic!("{}", missing_tool("sqlite3", &e)));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "sqlite3 < schema.sql failed: {stderr}"
    );
}

/// SQL text without comments and with runs of whitespace made one space.
fn normalise(sql: &str) -> String {
    let no_comments: Vec<&str> = sql
        .lines()
        .map(|l| l.split("--").next().unwrap_or(""))
        .collect();
    let joined = no_comments.join(" ");
    let spaced = joined.split_whitespace().collect::<Vec<_>>().join(" ");
    spaced
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" ,", ",")
}

/// `sqlite_master`, one `type|name|tbl_name|sql` string per row, SQL normalised.
fn master(db: &Path) -> Vec<String> {
    let rows = sqlite3_json(db, MASTER);
    let field = |r: &serde_json::Value, k: &str| r[k].as_str().unwrap_or("").to_string();
    rows.iter()
        .map(|r| {
            let sql = normalise(&field(r, "sql"));
            format!(
                "{}|{}|{}|{sql}",
                field(r, "type"),
                field(r, "name"),
                field(r, "tbl_name")
            )
        })
        .collect()
}

#[test]
fn normalise_drops_comments_and_whitespace() {
    let a = "CREATE TABLE t (\n  a TEXT, -- note\n  b INT\n)";
    assert_eq!(normalise(a), "CREATE TABLE t (a TEXT, b INT)");
    assert_ne!(normalise(a), normalise("CREATE TABLE t (a TEXT)"));
}

#[test]
fn migrating_an_empty_database_gives_exactly_schema_sql() {
    if crate::util::sqlite_only("sqlite_master against schema.sql (PostgreSQL: pg_schema)") {
        return;
    }
    let env = Env::initialised(false);
    let reference = env.root().join("reference.db");
    apply_schema_sql(&reference);
    let (ours, theirs) = (master(&env.db()), master(&reference));
    assert!(
        theirs.len() >= 5,
        "schema.sql produced almost nothing: {theirs:#?}"
    );
    assert_eq!(
        ours, theirs,
        "cpni init and schema.sql disagree (sqlite_master, normalised)"
    );
    let version = "pragma user_version;";
    assert_eq!(
        sqlite3(&env.db(), version),
        sqlite3(&reference, version),
        "user_version"
    );
    assert_ne!(
        sqlite3(&reference, version),
        "0",
        "schema.sql must set user_version"
    );
}

#[test]
fn audit_table_refuses_update_and_delete() {
    if crate::util::sqlite_only("the sqlite3 CLI on the file (PostgreSQL: pg_schema)") {
        return;
    }
    let env = Env::initialised(false);
    for sql in ["update audit set actor = 'x';", "delete from audit;"] {
        let out = Command::new("sqlite3").arg(env.db()).arg(sql).output();
        let out = out.unwrap_or_else(|e| panic!("{}", missing_tool("sqlite3", &e)));
        assert!(!out.status.success(), "{sql} was allowed");
        assert!(String::from_utf8_lossy(&out.stderr).contains("append-only"));
    }
    assert_eq!(env.count("audit"), 2);
}

#[test]
fn a_database_from_a_newer_cpni_is_refused() {
    if crate::util::sqlite_only(
        "SQLite's pragma user_version (PostgreSQL: pg_connect's newer-schema test)",
    ) {
        return;
    }
    let env = Env::initialised(true);
    sqlite3(&env.db(), "pragma user_version = 99;");
    let before = env.sql(".dump");
    for args in [vec!["customer", "show", "DEMO-1001"], vec!["init"]] {
        let run = env.run(&args);
        run.code(5).stderr_has("newer");
        assert!(run.stdout.is_empty(), "{}", run.dump());
    }
    assert_eq!(
        env.sql(".dump"),
        before,
        "a refused database must not be changed"
    );
    assert_eq!(env.sql("pragma user_version;"), "99");
}
