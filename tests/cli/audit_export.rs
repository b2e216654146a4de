//! `cpni audit export`: supervisors only (a refusal is recorded), private files that are never
//! overwritten without --force, a manifest with the file's SHA-256 and a signed checkpoint,
//! offline verification that catches a one-byte change, and CSV that a spreadsheet cannot
//! turn into formulas.

use std::os::unix::fs::PermissionsExt;

use sha2::{Digest, Sha256};

use crate::util::{Env, OTHER_LOGIN, customer_args_with};

const NAME: &str = r#"=HYPERLINK("http://x","y")"#;
const NOTE: &str = "+1 555 0100";

fn mode(env: &Env, name: &str) -> u32 {
    std::fs::metadata(env.root().join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn a_jsonl_export_verifies_offline_and_a_one_byte_change_fails() {
    if crate::util::sqlite_only("removes the SQLite file to show the export verifies offline") {
        return;
    }
    let env = Env::initialised(true);
    let run = env.run(&[
        "--json",
        "audit",
        "export",
        "--format",
        "jsonl",
        "--output",
        "log.jsonl",
    ]);
    let doc = run.ok().json();
    // The six records of the log and the export's own record, committed before the export.
    assert_eq!(doc["count"], 8, "{}", run.dump());
    assert_eq!(doc["complete"], true);
    assert_eq!(mode(&env, "log.jsonl"), 0o600);
    assert_eq!(mode(&env, "log.jsonl.manifest.json"), 0o600);
    let bytes = std::fs::read(env.root().join("log.jsonl")).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(env.root().join("log.jsonl.manifest.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["sha256"], hex::encode(Sha256::digest(&bytes)));
    assert_eq!(
        (manifest["first_seq"].clone(), manifest["last_seq"].clone()),
        (1.into(), 8.into())
    );
    assert_eq!(manifest["checkpoint"]["seq"], 8);
    let rec = env.sql("select event from audit where seq = 8;");
    assert_eq!(
        rec, "audit.export",
        "the export is itself recorded, and exported"
    );

    // Offline: no database at all.
    std::fs::remove_file(env.db()).unwrap();
    env.run(&["audit", "verify", "--file", "log.jsonl"])
        .ok()
        .stdout_has("8 records");

    // One byte changed inside a record: that record no longer matches its hash.
    let text = String::from_utf8(bytes.clone()).unwrap();
    let pos = text.find("DEMO-1003").expect("an account in the export") + 8;
    let mut changed = bytes.clone();
    changed[pos] = b'4';
    std::fs::write(env.root().join("log.jsonl"), &changed).unwrap();
    let run = env.run(&["--json", "audit", "verify", "--file", "log.jsonl"]);
    run.code(6);
    assert_eq!(run.json()["kind"], "edited", "{}", run.dump());

    // One byte changed outside any record's content (a space): the manifest's SHA-256 catches it.
    let mut spaced = bytes.clone();
    let nl = spaced.iter().position(|&b| b == b'\n').unwrap();
    spaced.insert(nl, b' ');
    std::fs::write(env.root().join("log.jsonl"), &spaced).unwrap();
    env.run(&["audit", "verify", "--file", "log.jsonl"])
        .code(6)
        .stderr_has("SHA-256");
}

#[test]
fn a_formula_customer_and_note_come_out_of_the_csv_inert() {
    let env = Env::initialised(true);
    env.run(&customer_args_with("ACCT-777", "--name", NAME))
        .ok();
    let start = env.run(&["session", "start", "ACCT-777"]);
    let session = start.ok().stdout.trim().to_string();
    env.run(&[
        "session",
        "disclose",
        &session,
        "--scope",
        "caller-supplied",
        "--purpose",
        "customer-request",
        "--calls",
        NAME,
        "--note",
        NOTE,
    ])
    .ok();
    // Cells that begin a formula, planted straight into the table (only UPDATE and DELETE are
    // refused by the triggers): the export must neutralise them too.
    env.sql(&format!(
        "insert into audit select max(seq) + 1, '{NOTE}', '{n}', '@SUM(A1)', '-2', \
         '\tx', 'x', '{{}}', {z}, {z} from audit;",
        n = NAME.replace('\'', "''"),
        z = env.blob("00")
    ));
    env.run(&[
        "audit",
        "export",
        "--format",
        "csv",
        "--output",
        "log.csv",
        "--no-verify",
    ])
    .ok();
    let text = std::fs::read_to_string(env.root().join("log.csv")).unwrap();
    assert!(text.contains("\r\n"), "RFC 4180 line ends");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut cells = 0;
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            cells += 1;
            let first = cell.chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n')),
                "cell {cell:?} would be a formula"
            );
        }
    }
    assert!(cells > 50);
    assert!(
        text.contains(&format!("'{}", NAME.replace('"', "\"\""))),
        "{text}"
    );
    assert!(text.contains(&format!("'{NOTE}")), "{text}");
    assert!(text.contains("'@SUM(A1)") && text.contains("'-2"), "{text}");
    // The planted record is not part of the chain, and the default export refuses it.
    env.run(&[
        "audit",
        "export",
        "--format",
        "csv",
        "--output",
        "again.csv",
    ])
    .code(6);
    assert!(
        !env.root().join("again.csv").exists(),
        "a failed export leaves no file"
    );
}

#[test]
fn agents_cannot_export_and_the_attempt_is_recorded() {
    let env = Env::initialised(true);
    env.run(&["agent", "add", OTHER_LOGIN, "--role", "agent"])
        .ok();
    let run = env.run_as_other(&["audit", "export", "--format", "csv", "--output", "x.csv"]);
    run.code(3).stderr_has("supervisor");
    assert!(!env.root().join("x.csv").exists());
    let refused = env.sql(&format!(
        "select count(*) from audit where event = 'access.refused' and actor = '{OTHER_LOGIN}' \
         and detail like '%audit export%';"
    ));
    assert_eq!(refused, "1");
}

#[test]
fn exports_never_overwrite_without_force() {
    let env = Env::initialised(true);
    env.file("x.json", "keep me");
    env.run(&["audit", "export", "--format", "json", "--output", "x.json"])
        .code(2)
        .stderr_has("--force");
    assert_eq!(
        std::fs::read_to_string(env.root().join("x.json")).unwrap(),
        "keep me"
    );
    env.run(&[
        "audit", "export", "--format", "json", "--output", "x.json", "--force",
    ])
    .ok();
    assert_eq!(mode(&env, "x.json"), 0o600);
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(env.root().join("x.json")).unwrap()).unwrap();
    assert_eq!(rows.len(), 8, "the export includes its own record");
    assert_eq!(rows[0]["prev_hash"], "0".repeat(64));
}

#[test]
fn filtered_exports_hold_only_matching_records() {
    let env = Env::initialised(true);
    let run = env.run(&[
        "--json",
        "audit",
        "export",
        "--format",
        "jsonl",
        "--account",
        "DEMO-1003",
        "--output",
        "one.jsonl",
    ]);
    let doc = run.ok().json();
    assert_eq!(doc["count"], 1, "{}", run.dump());
    assert_eq!(doc["complete"], false);
    assert_eq!(doc["filters"]["account"], "DEMO-1003");
    env.run(&["audit", "verify", "--file", "one.jsonl"]).ok();
    let stdout = env.run(&["audit", "export", "--format", "jsonl", "--event", "init"]);
    assert_eq!(stdout.ok().stdout.lines().count(), 1, "{}", stdout.dump());
}
