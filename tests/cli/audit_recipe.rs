//! The offline recipe of docs/audit-format.md §6, extracted from the document and run with
//! python3 (standard library + `cryptography`, installed by scripts/test.sh) against real
//! exports: it accepts a signed JSON Lines, filtered and CSV export, and rejects a changed one.

use std::process::Command;

use crate::util::{Env, customer_args};

fn recipe() -> String {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/audit-format.md"))
        .expect("docs/audit-format.md");
    let section = doc
        .split("## 6. ")
        .nth(1)
        .expect("section 6 of docs/audit-format.md");
    let code = section
        .split("```python\n")
        .nth(1)
        .and_then(|s| s.split("\n```").next())
        .expect("a python block in section 6");
    code.to_string()
}

fn run_recipe(env: &Env, file: &str, manifest: &str, key: &str) -> std::process::Output {
    let script = env.file("recipe.py", &recipe());
    Command::new("python3")
        .arg(script)
        .arg(env.root().join(file))
        .arg(env.root().join(manifest))
        .arg(key)
        .output()
        .expect("python3 is needed (scripts/test.sh installs it)")
}

#[test]
fn the_documented_recipe_checks_exports_and_their_signatures() {
    let env = Env::initialised(true);
    for i in 0..3 {
        env.run(&customer_args(&format!("ACCT-60{i}"))).ok();
    }
    let key = env
        .run(&["audit", "public-key"])
        .ok()
        .stdout
        .trim()
        .to_string();
    env.run(&[
        "audit",
        "export",
        "--format",
        "jsonl",
        "--output",
        "all.jsonl",
    ])
    .ok();
    env.run(&[
        "audit",
        "export",
        "--format",
        "jsonl",
        "--event",
        "customer.add",
        "--output",
        "f.jsonl",
    ])
    .ok();
    let csv = env
        .run(&["audit", "export", "--format", "csv"])
        .ok()
        .stdout
        .clone();
    env.file("q.csv", &csv);
    let seq = env.sql("select max(seq) from audit where event = 'audit.export';");
    let m = env.run(&["audit", "manifest", &seq]).ok().stdout.clone();
    env.file("q.csv.m.json", &m);
    for (file, manifest) in [
        ("all.jsonl", "all.jsonl.manifest.json"),
        ("f.jsonl", "f.jsonl.manifest.json"),
        ("q.csv", "q.csv.m.json"),
    ] {
        let out = run_recipe(&env, file, manifest, &key);
        assert!(
            out.status.success(),
            "{file}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok: "));
    }
    // A different trusted key, a changed manifest field and a removed record all fail.
    let other = "11".repeat(32);
    assert!(
        !run_recipe(&env, "all.jsonl", "all.jsonl.manifest.json", &other)
            .status
            .success()
    );
    let path = env.root().join("f.jsonl.manifest.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("\"complete\": false", "\"complete\": true"),
    )
    .unwrap();
    assert!(
        !run_recipe(&env, "f.jsonl", "f.jsonl.manifest.json", &key)
            .status
            .success()
    );
    let body = std::fs::read_to_string(env.root().join("all.jsonl")).unwrap();
    let fewer: Vec<&str> = body.lines().filter(|l| !l.contains("\"seq\":3,")).collect();
    env.file("all.jsonl", &(fewer.join("\n") + "\n"));
    assert!(
        !run_recipe(&env, "all.jsonl", "all.jsonl.manifest.json", &key)
            .status
            .success()
    );
}
