//! `cpni gateway --agent LOGIN --key SHA256:…`: the forced command of an agent's SSH key in
//! the service account's `authorized_keys` (the pattern of gitlab-shell and `borg serve`).
//! OpenSSH has authenticated the key; the gateway refuses anything the client sent to steer
//! the server (environment variables, server paths, local-only commands) and a key the
//! database no longer lists for LOGIN ([`keycheck`]), brings the host's file back to the
//! database when it differs, then runs the command from `SSH_ORIGINAL_COMMAND` in this process
//! as agent LOGIN, with the service account's own configuration, every step requiring the key
//! again inside its transaction. Stdin, stdout, the terminal, signals and the exit code are
//! the session's.

mod env;
mod keycheck;
mod split;
mod words;

use clap::{Args, CommandFactory};

use crate::cli::Cli;
use crate::commands::agent::parse_login;
use crate::error::{Error, Result};
use crate::output::Out;
use words::Request;

#[derive(Debug, Args)]
pub struct GatewayArgs {
    /// The agent this SSH key belongs to (written by `cpni agent key add`)
    #[arg(long, value_name = "LOGIN")]
    pub agent: String,
    /// The fingerprint of that SSH key (SHA256:…, written by `cpni agent key add|sync`)
    #[arg(long, value_name = "FINGERPRINT")]
    pub key: Option<String>,
}

/// Runs the client's command as the key's agent.
pub fn run(a: GatewayArgs) -> Result<u8> {
    let agent = parse_login(&a.agent)?;
    env::check()?;
    let command = env::reset()?;
    let line = command.filter(|c| !c.trim().is_empty());
    let out = Out {
        json: line.as_deref().is_some_and(words::wants_json),
        quiet: false,
    };
    if let Err(e) = admit(&agent, a.key.as_deref()) {
        return Ok(report(&out, &e));
    }
    let Some(line) = line else {
        print_menu(&agent)?;
        return Ok(0);
    };
    let cli = match words::parse(&line) {
        Ok(Request::Run(cli)) => cli,
        Ok(Request::Print(text, code)) => {
            crate::output::write_stdout(|w| w.write_all(text.as_bytes()))?;
            return Ok(code);
        }
        Err(e) => return Ok(report(&out, &e)),
    };
    let out = Out {
        json: cli.json,
        quiet: cli.quiet,
    };
    let timings = cli.debug_timings;
    let result = crate::commands::dispatch_as(*cli, Some(agent), a.key);
    if timings {
        let us = crate::store::LOCK_WAIT_MAX_US.load(std::sync::atomic::Ordering::Relaxed);
        eprintln!("cpni-timing lock_wait_us={us}");
        let held = crate::store::lock::HOLD_MAX_US.load(std::sync::atomic::Ordering::Relaxed);
        eprintln!("cpni-timing lock_hold_us={held}");
    }
    match result {
        Ok(code) => Ok(code),
        // A closed pipe ends quietly with exit 0, as it does locally (the binary's main).
        Err(e) if e.kind == crate::error::Kind::ClosedPipe => Err(e),
        Err(e) => Ok(report(&out, &e)),
    }
}

/// The key's checks ([`keycheck::check`]) with the service account's configuration and
/// database; then (admitted or not) this host's `authorized_keys` follows the database.
fn admit(agent: &str, key: Option<&str>) -> Result<()> {
    let cfg = crate::config::Config::load(None, None)?;
    let mut db = crate::commands::context::open_db(&cfg)?;
    let checked = keycheck::check(&mut db, agent, key);
    keycheck::follow_database(&mut db, &cfg);
    checked
}

/// Prints `e` as the client's own options ask (`--json` or text); returns its exit code.
fn report(out: &Out, e: &Error) -> u8 {
    out.error(e);
    e.exit_code()
}

/// The agent's role, when the database says (best effort: the menu prints without it).
fn role_of(agent: &str) -> Option<String> {
    let cfg = crate::config::Config::load(None, None).ok()?;
    let db = crate::commands::context::open_db(&cfg).ok()?;
    let a = db.read().agent(agent).ok()??;
    Some(if a.active {
        a.role
    } else {
        format!("{}, disabled", a.role)
    })
}

/// What an agent sees with no command (`ssh cpni@host`): what they may run. Never a shell.
fn print_menu(agent: &str) -> Result<()> {
    let cmd = Cli::command();
    let mut text = format!(
        "cpni gateway: you are {agent}{}. Run a cpni command through ssh, for example\n  \
         ssh -t cpni@HOST verify ACCOUNT\n  ssh cpni@HOST session start ACCOUNT --json\n\n\
         Commands:\n",
        role_of(agent)
            .map(|r| format!(" (role {r})"))
            .unwrap_or_default()
    );
    for sub in cmd.get_subcommands() {
        let name = sub.get_name();
        if words::REFUSED.contains(&name) {
            continue;
        }
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        text.push_str(&format!("  {name:<12} {about}\n"));
    }
    text.push_str("\nSee `ssh cpni@HOST COMMAND --help`. There is no shell.\n");
    crate::output::write_stdout(|w| w.write_all(text.as_bytes()))
}
