//! `cpni complaint add|list`: any agent records a complaint; supervisors list them.

use crate::util::{Env, OTHER_LOGIN};

#[test]
fn agents_add_supervisors_list() {
    let env = Env::initialised(true);
    env.run(&["agent", "add", OTHER_LOGIN, "--role", "agent"])
        .ok();
    env.run_as_other(&[
        "complaint",
        "add",
        "DEMO-1001",
        "--category",
        "pretexting",
        "--description",
        "caller posed as me",
    ])
    .ok()
    .stdout_has("Complaint #1");
    env.run_as_other(&["complaint", "list"]).code(3);
    env.run(&[
        "complaint",
        "add",
        "DEMO-1002",
        "--category",
        "other",
        "--description",
        "x",
    ])
    .ok();
    let all = env.run(&["--json", "complaint", "list"]);
    assert_eq!(all.ok().stdout.lines().count(), 2, "{}", all.dump());
    let one = env.run(&["--json", "complaint", "list", "--category", "pretexting"]);
    let doc: serde_json::Value =
        serde_json::from_str(one.ok().stdout.trim()).expect("one JSON line");
    assert_eq!(doc["account"], "DEMO-1001");
    assert_eq!(doc["agent"], OTHER_LOGIN);
    env.run(&[
        "complaint",
        "add",
        "DEMO-1001",
        "--category",
        "spam",
        "--description",
        "x",
    ])
    .code(2);
    env.run(&[
        "complaint",
        "add",
        "NOPE-9",
        "--category",
        "other",
        "--description",
        "x",
    ])
    .code(4);
    assert_eq!(
        env.sql("select count(*) from audit where event = 'complaint.add';"),
        "2"
    );
}
