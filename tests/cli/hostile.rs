//! Hostile input through every text field: control characters, ANSI escapes (7-bit and C1),
//! bidi overrides, formula prefixes, huge fields and invalid UTF-8 in files. Each value is
//! either refused with a clear error (exit 2, naming the field, nothing saved) or stored and
//! shown safely: no command's output (text or JSON, stdout or stderr) carries an ESC byte, a
//! C1 control or a bidi control character, and nothing unsafe reaches the database.

use crate::calls::{ADA, ADA_PIN, pin, start};
use crate::util::{Env, Run, customer_args};

/// (label, value) pairs. NUL cannot travel in argv, so it appears only in files.
fn corpus() -> Vec<(&'static str, String)> {
    vec![
        ("ansi-color", "Eve \u{1b}[31mRed\u{1b}[0m".into()),
        ("ansi-title", "x\u{1b}]0;pwned\u{7}y".into()),
        ("ansi-clear", "\u{1b}[2J\u{1b}[HEve".into()),
        ("c1-csi", "Eve \u{9b}31mRed".into()),
        ("bell", "Eve\u{7}".into()),
        ("backspace", "Eve\u{8}\u{8}\u{8}Bob".into()),
        ("carriage-return", "Eve\rBob".into()),
        ("newline", "Eve\nBob".into()),
        ("tab", "Eve\tBob".into()),
        ("delete", "Eve\u{7f}".into()),
        ("bidi-rlo", "Eve \u{202e}gnp.exe".into()),
        ("bidi-isolate", "Eve \u{2067}x\u{2069}".into()),
        ("bidi-mark", "Eve\u{200f}".into()),
        ("line-separator", "Eve\u{2028}Bob".into()),
        (
            "formula-hyperlink",
            "=HYPERLINK(\"http://evil.example\",\"x\")".into(),
        ),
        ("formula-plus", "+1".into()),
        ("formula-minus", "-2".into()),
        ("formula-at", "@x".into()),
        ("formula-cmd", "=cmd|' /C calc'!A0".into()),
        ("huge", "A".repeat(120_000)),
    ]
}

/// `customer add ACCOUNT` with valid fields, `flag` set to `value` as `--flag=value` (so a
/// value that starts with `-` is a value, as a script would pass it).
fn add_args(account: &str, flag: &str, value: &str) -> Vec<String> {
    let base = customer_args(account);
    let mut args: Vec<String> = base[..3].to_vec();
    for pair in base[3..].chunks(2) {
        let v = if pair[0] == flag {
            value
        } else {
            pair[1].as_str()
        };
        args.push(format!("{}={v}", pair[0]));
    }
    args
}

/// Characters no output may carry raw.
fn is_forbidden(c: char) -> bool {
    c == '\u{1b}'
        || ('\u{80}'..='\u{9f}').contains(&c)
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
        || (c.is_control() && !matches!(c, '\n' | '\t'))
}

#[track_caller]
fn assert_clean(what: &str, run: &Run) {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        if let Some(c) = text.chars().find(|&c| is_forbidden(c)) {
            panic!(
                "{what}: {stream} carries U+{:04X} raw\n{}",
                c as u32,
                run.dump()
            );
        }
    }
    assert!(
        run.stderr.len() < 20_000,
        "{what}: the error echoes a huge value back ({} bytes)",
        run.stderr.len()
    );
}

/// A step given a hostile value: refused with exit 2 naming `field`, or accepted (exit 0).
/// Returns whether it was accepted.
#[track_caller]
fn refused_or_accepted(what: &str, run: &Run, field: &str) -> bool {
    assert_clean(what, run);
    match run.code {
        0 => true,
        2 => {
            assert!(
                run.stderr.contains(field),
                "{what}: the error does not name {field}\n{}",
                run.dump()
            );
            assert!(
                run.stderr.contains("hint:"),
                "{what}: no hint\n{}",
                run.dump()
            );
            false
        }
        _ => panic!("{what}: expected exit 0 or 2\n{}", run.dump()),
    }
}

/// Every listing that shows stored text, in text and JSON: all must be clean.
#[track_caller]
fn all_views_clean(env: &Env, extra: &[&[&str]]) {
    let mut views: Vec<Vec<&str>> = vec![
        vec!["customer", "list"],
        vec!["customer", "show", ADA],
        vec!["complaint", "list"],
        vec!["breach", "list"],
        vec!["agent", "list"],
        vec!["audit", "list"],
        vec!["notify", "list"],
        vec!["consent", "show", ADA],
    ];
    views.extend(extra.iter().map(|v| v.to_vec()));
    for view in views {
        let run = env.run(&view);
        assert_clean(&view.join(" "), &run);
        assert_eq!(run.code, 0, "{}", run.dump());
        let mut json = vec!["--json"];
        json.extend(&view);
        let run = env.run(&json);
        assert_clean(&json.join(" "), &run);
    }
    // Nothing unsafe was stored in any text column either.
    for (table, cols) in [
        (
            "customer",
            "account || name || phone || email || street || city || region || postal_code || \
             country || coalesce(account_rep, '') || coalesce(cpni_contract, '')",
        ),
        ("agent", "login || name"),
        ("complaint", "description"),
        ("breach", "description"),
        ("consent", "coalesce(evidence, '')"),
        ("audit", "detail"),
    ] {
        // Read back and searched here, so the query is the same on both backends.
        let text = env.sql(&format!("select {cols} from {table};"));
        let unsafe_chars = [
            '\u{1b}', '\u{7}', '\u{8}', '\r', '\u{7f}', '\u{9b}', '\u{202e}', '\u{2066}',
            '\u{200f}',
        ];
        let hits = text.chars().filter(|c| unsafe_chars.contains(c)).count();
        assert_eq!(hits, 0, "unsafe characters stored in {table}");
    }
}

#[test]
fn every_customer_field_refuses_or_safely_stores_hostile_text() {
    let env = Env::initialised(true);
    let fields = [
        ("--name", "name"),
        ("--street", "street"),
        ("--city", "city"),
        ("--region", "region"),
        ("--postal-code", "postal"),
        ("--country", "country"),
        ("--email", "email"),
        ("--phone", "phone"),
    ];
    let mut n = 0;
    for (flag, field) in fields {
        for (label, value) in corpus() {
            n += 1;
            let account = format!("H-{n}");
            let run = env.run(&add_args(&account, flag, &value));
            let what = format!("customer add {flag} {label}");
            if refused_or_accepted(&what, &run, field) {
                let show = env.run(&["customer", "show", &account]);
                show.ok();
                assert_clean(&format!("customer show after {what}"), &show);
            } else {
                assert_eq!(
                    env.sql(&format!(
                        "select count(*) from customer where account = '{account}';"
                    )),
                    "0",
                    "{what}: refused but saved"
                );
            }
        }
    }
    // The account id itself.
    for (label, value) in corpus() {
        let mut args = add_args("unused", "--name", "Eve Adams");
        args.retain(|a| a != "unused");
        args.extend(["--".into(), value.clone()]);
        let run = env.run(&args);
        refused_or_accepted(&format!("customer add ACCOUNT {label}"), &run, "account");
    }
    // Business fields go together.
    for (label, value) in corpus() {
        n += 1;
        let mut args = add_args(&format!("H-{n}"), "--name", "Eve Adams");
        args.push(format!("--account-rep={value}"));
        args.push(format!("--cpni-contract={value}"));
        let run = env.run(&args);
        refused_or_accepted(
            &format!("customer add --account-rep {label}"),
            &run,
            "account",
        );
    }
    all_views_clean(&env, &[]);
}

#[test]
fn notes_descriptions_evidence_reasons_and_agent_names_refuse_or_store_safely() {
    let env = Env::initialised(true);
    let s = start(&env, ADA);
    pin(&env, &s, ADA_PIN).ok();
    for (i, (label, value)) in corpus().into_iter().enumerate() {
        let v = value.as_str();
        let login = format!("hostile{i}");
        let [note, calls, reference, description, evidence, reason, name] = [
            "note",
            "calls",
            "reference",
            "description",
            "evidence",
            "reason",
            "name",
        ]
        .map(|flag| format!("--{flag}={v}"));
        let steps: Vec<(Vec<&str>, &str)> = vec![
            (
                vec![
                    "session",
                    "disclose",
                    &s,
                    "--scope",
                    "account",
                    "--purpose",
                    "customer-request",
                    &note,
                ],
                "note",
            ),
            (
                vec![
                    "session",
                    "disclose",
                    &s,
                    "--scope",
                    "caller-supplied",
                    "--purpose",
                    "customer-request",
                    &calls,
                ],
                "calls",
            ),
            (
                vec![
                    "session",
                    "disclose",
                    &s,
                    "--scope",
                    "account",
                    "--purpose",
                    "legal-process",
                    &reference,
                ],
                "reference",
            ),
            (
                vec!["complaint", "add", ADA, "--category", "other", &description],
                "description",
            ),
            (
                vec![
                    "breach",
                    "open",
                    "--discovered",
                    "2026-01-01",
                    "--determined",
                    "2026-01-02",
                    &description,
                ],
                "description",
            ),
            (
                vec![
                    "consent",
                    "record",
                    ADA,
                    "--opt-in",
                    "--method",
                    "oral",
                    &evidence,
                    "--session",
                    &s,
                ],
                "evidence",
            ),
            (vec!["customer", "unlock", ADA, &reason], "reason"),
            (
                vec!["agent", "add", &login, "--role", "agent", &name],
                "name",
            ),
            (vec!["agent", "add", "--role", "agent", "--", v], "login"),
        ];
        for (args, field) in steps {
            let what = format!("{} {label}", args[..2].join(" "));
            let run = env.run(&args);
            refused_or_accepted(&what, &run, field);
        }
    }
    all_views_clean(&env, &[&["session", "show", &s], &["breach", "show", "1"]]);
}

const HEADER: &str = "account,name,phone,email,street,city,region,postal_code,country\n";

fn csv_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

#[test]
fn import_files_with_hostile_fields_are_refused_by_line_or_stored_safely() {
    let env = Env::initialised(true);
    // Limits raised past the 1 MB value, so each field's own validation (which names the
    // column) is what refuses it; the size limits have their own tests (exits.rs).
    env.write_config(&format!(
        "{}[import]\nmax_record_bytes = 4194304\nmax_field_bytes = 2097152\n",
        crate::util::TEST_CONFIG
    ));
    let mut values = corpus();
    values.push(("nul", "Eve\0Bob".into()));
    values.push(("megabyte", "B".repeat(1 << 20)));
    for (i, (label, value)) in values.iter().enumerate() {
        for col in ["name", "city", "account", "email"] {
            let mut fields = vec![
                format!("IMP-{i}-{col}"),
                "Eve Adams".into(),
                "+1 202 555 0199".into(),
                "eve@example.com".into(),
                "7 Elm Street".into(),
                "Arlington".into(),
                "VA".into(),
                "22201".into(),
                "US".into(),
            ];
            let at = ["account", "name", "phone", "email", "street", "city"]
                .iter()
                .position(|c| *c == col)
                .expect("column");
            fields[at] = value.clone();
            let line: Vec<String> = fields.iter().map(|f| csv_quote(f)).collect();
            let file = env.file("hostile.csv", &format!("{HEADER}{}\n", line.join(",")));
            let run = env.run(&["customer", "import", file.to_str().expect("path")]);
            let what = format!("import {col} {label}");
            if !refused_or_accepted(&what, &run, col) {
                run.stderr_has("line 2");
            }
        }
    }
    // A hostile header names its column safely.
    let file = env.file(
        "header.csv",
        &format!(
            "{}evil\u{1b}[31m\n",
            HEADER.trim_end().replace("country", "country,")
        ),
    );
    let run = env.run(&["customer", "import", file.to_str().expect("path")]);
    refused_or_accepted("import hostile header", &run, "column");
    assert_eq!(run.code, 2);

    // Invalid UTF-8 on line 3 of a file.
    let mut bytes = HEADER.as_bytes().to_vec();
    bytes
        .extend(b"U-1,Ada Lovelace,+1 202 555 0199,a@example.com,1 Elm St,Arlington,VA,22201,US\n");
    bytes.extend(
        b"U-2,Ada \xff\xfe Lovelace,+1 202 555 0199,a@example.com,1 Elm St,Arlington,VA,22201,US\n",
    );
    let path = env.root().join("latin1.csv");
    std::fs::write(&path, &bytes).expect("write");
    let before = env.count("customer");
    let run = env.run(&["customer", "import", path.to_str().expect("path")]);
    assert_clean("import invalid UTF-8", &run);
    run.code(2).stderr_has("line 3").stderr_has("UTF-8");
    assert_eq!(env.count("customer"), before, "nothing imported");

    // An invalid UTF-8 config file is a clear exit 2 too.
    std::fs::write(env.config_path(), b"[pin]\nmin_length = 6 # \xff\n").expect("write config");
    let run = env.run(&["customer", "list"]);
    assert_clean("invalid UTF-8 config", &run);
    run.code(2).stderr_has("config");
    all_views_clean_after_config_fix(&env);
}

fn all_views_clean_after_config_fix(env: &Env) {
    env.write_config(crate::util::TEST_CONFIG);
    all_views_clean(env, &[]);
}
