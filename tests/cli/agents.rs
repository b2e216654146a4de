//! Agents and roles, acting as the operating-system user of the real uid. Tests run as root;
//! to act as someone else they run the binary with uid/gid 42001 (no passwd entry, so cpni
//! calls it `uid-42001`) after handing the temporary home to that uid.

use crate::util::{Env, OTHER_LOGIN, customer_args};

fn register_other(env: &Env, role: &str) {
    env.run(&["agent", "add", OTHER_LOGIN, "--role", role]).ok();
}

#[test]
fn admin_adds_lists_changes_and_disables_agents() {
    let env = Env::initialised(false);
    env.run(&[
        "agent", "add", "alice", "--role", "agent", "--name", "Alice B",
    ])
    .ok();
    env.run(&["agent", "list"])
        .ok()
        .stdout_has("alice")
        .stdout_has("Alice B");
    env.run(&["agent", "role", "alice", "supervisor"]).ok();
    assert_eq!(
        env.sql("select role from agent where login = 'alice';"),
        "supervisor"
    );
    env.run(&["agent", "disable", "alice"]).ok();
    assert_eq!(
        env.sql("select active from agent where login = 'alice';"),
        "0"
    );
    let events = env.sql("select event from audit where event like 'agent.%' order by seq;");
    assert_eq!(events, "agent.add\nagent.add\nagent.role\nagent.disable");
    let list = env.run(&["--json", "agent", "list"]).json();
    assert_eq!(list.as_array().map(Vec::len), Some(2), "{list}");
}

#[test]
fn agent_commands_refuse_bad_input() {
    let env = Env::initialised(false);
    env.run(&["agent", "add", "bad login", "--role", "agent"])
        .code(2)
        .stderr_has("login");
    env.run(&["agent", "add", "bob", "--role", "boss"])
        .code(2)
        .stderr_has("--role");
    env.run(&["agent", "add", "root", "--role", "agent"])
        .code(2)
        .stderr_has("already");
    env.run(&["agent", "role", "nobody", "agent"])
        .code(4)
        .stderr_has("nobody");
    env.run(&["agent", "disable", "nobody"]).code(4);
}

#[test]
fn the_last_admin_cannot_be_demoted_or_disabled() {
    let env = Env::initialised(false);
    let before = env.counts();
    env.run(&["agent", "disable", "root"])
        .code(3)
        .stderr_has("only active admin");
    env.run(&["agent", "role", "root", "agent"])
        .code(3)
        .stderr_has("only active admin");
    assert_eq!(env.counts(), before);
}

#[test]
fn an_unregistered_user_is_refused_and_told_who_can_register_them() {
    let env = Env::initialised(true);
    let run = env.run_as_other(&["customer", "show", "DEMO-1001"]);
    run.code(3)
        .stderr_has(OTHER_LOGIN)
        .stderr_has("not registered");
    run.stderr_has("ask root")
        .stderr_has(&format!("cpni agent add {OTHER_LOGIN}"));
    assert!(
        run.stdout.is_empty(),
        "no customer data for an unregistered user\n{}",
        run.dump()
    );
}

#[test]
fn an_agent_may_view_customers_but_not_add_agents() {
    let env = Env::initialised(true);
    register_other(&env, "agent");
    env.run_as_other(&["customer", "show", "DEMO-1001"])
        .ok()
        .stdout_has("Ada Lovelace");
    let (customers, audit, agents) = env.counts();
    env.run_as_other(&["agent", "add", "mallory", "--role", "admin"])
        .code(3)
        .stderr_has("admin");
    assert_eq!(
        env.counts(),
        (customers, audit + 1, agents),
        "only the refusal is written"
    );
    let refusal = env.sql("select actor, event, detail from audit order by seq desc limit 1;");
    assert!(
        refusal.starts_with(&format!("{OTHER_LOGIN}|access.refused|")),
        "{refusal}"
    );
    assert!(
        refusal.contains("agent add"),
        "the refusal names the command: {refusal}"
    );
}

#[test]
fn an_agent_may_not_add_customers() {
    let env = Env::initialised(false);
    register_other(&env, "agent");
    env.run_as_other(&customer_args("A-1")).code(3);
    assert_eq!(env.count("customer"), 0);
}

#[test]
fn a_disabled_agent_is_refused() {
    let env = Env::initialised(true);
    register_other(&env, "supervisor");
    env.run(&["agent", "disable", OTHER_LOGIN]).ok();
    // The hint names the command that admits a disabled agent (`agent add` would fail with
    // "already registered").
    env.run_as_other(&["customer", "show", "DEMO-1001"])
        .code(3)
        .stderr_has("disabled")
        .stderr_has(&format!("`cpni agent enable {OTHER_LOGIN}`"))
        .never_prints("--role agent");
}

#[test]
fn a_supervisor_may_add_customers_and_is_the_recorded_actor() {
    let env = Env::initialised(false);
    register_other(&env, "supervisor");
    env.run_as_other(&customer_args("A-1")).ok();
    let row =
        env.sql("select actor, on_behalf_of, account from audit where event = 'customer.add';");
    assert_eq!(row, format!("{OTHER_LOGIN}||A-1"));
}

#[test]
fn user_env_var_does_not_change_who_acts() {
    let env = Env::initialised(true);
    register_other(&env, "agent");
    let args = ["agent", "add", "mallory", "--role", "admin"];
    let run = env.run_as_other_with_env(&args, &[("USER", "root"), ("LOGNAME", "root")]);
    run.code(3).stderr_has(OTHER_LOGIN);
    assert_eq!(
        env.sql("select count(*) from agent where login = 'mallory';"),
        "0"
    );
}

#[test]
fn on_behalf_of_is_refused_for_people() {
    let env = Env::initialised(true);
    register_other(&env, "agent");
    env.run(&["agent", "add", "alice", "--role", "agent"]).ok();
    let run = env.run_as_other(&["--on-behalf-of", "alice", "customer", "show", "DEMO-1001"]);
    run.code(3).stderr_has("service");
    env.run(&["--on-behalf-of", "alice", "agent", "list"])
        .code(3)
        .stderr_has("service");
}

#[test]
fn a_service_acts_on_behalf_of_an_agent_and_both_are_recorded() {
    let env = Env::initialised(true);
    register_other(&env, "service");
    let args = ["--on-behalf-of", "root", "customer", "show", "DEMO-1001"];
    env.run_as_other(&args).ok().stdout_has("Ada Lovelace");
    // No state-changing foundation command is open to a service account, so the record that
    // carries both names here is the refusal of one.
    env.run_as_other(&[
        "--on-behalf-of",
        "root",
        "agent",
        "add",
        "x",
        "--role",
        "agent",
    ])
    .code(3);
    let row = env.sql("select actor, on_behalf_of, event from audit order by seq desc limit 1;");
    assert_eq!(row, format!("{OTHER_LOGIN}|root|access.refused"));
}

#[test]
fn a_service_may_only_act_for_a_registered_active_agent() {
    let env = Env::initialised(true);
    register_other(&env, "service");
    let show =
        |who: &str| env.run_as_other(&["--on-behalf-of", who, "customer", "show", "DEMO-1001"]);
    show("ghost").code(3).stderr_has("ghost");
    env.run(&["agent", "add", "alice", "--role", "agent"]).ok();
    env.run(&["agent", "disable", "alice"]).ok();
    show("alice").code(3).stderr_has("alice");
}
