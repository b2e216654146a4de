//! One file per subcommand family. Each handler reads like a script: resolve, check, decide
//! with pure code from `domain/`, write state and audit record in one transaction, print.

pub mod agent;
pub mod audit;
pub mod breach;
pub mod certification;
pub mod complaint;
pub mod consent;
pub mod context;
pub mod customer;
pub mod demo;
pub mod demo_data;
pub mod gateway;
pub mod init;
pub mod notify;
pub mod report;
pub mod session;
pub mod verify;

use clap::CommandFactory;

use crate::cli::{Cli, Command};
use crate::error::Result;
use context::Ctx;

/// Routes a parsed command line to its handler.
pub fn dispatch(cli: Cli) -> Result<u8> {
    if let Command::Gateway(a) = cli.command {
        return gateway::run(a);
    }
    dispatch_as(cli, None, None)
}

/// [`dispatch`] with the acting agent set (by the gateway) instead of the OS user, and the
/// fingerprint of the SSH key it connected with.
pub fn dispatch_as(cli: Cli, agent: Option<String>, key: Option<String>) -> Result<u8> {
    match cli.command {
        Command::Completions { shell } => {
            print_completions(shell)?;
            return Ok(0);
        }
        Command::Man => {
            print_man()?;
            return Ok(0);
        }
        _ => {}
    }
    let mut ctx = Ctx::new(&cli)?;
    ctx.agent = agent;
    ctx.key = key;
    crate::timing::mark("config");
    // `audit verify` only reads, and signs nothing however it ends.
    let verifying = matches!(&cli.command, Command::Audit(audit::AuditCommand::Verify(_)));
    let result = route(&ctx, cli);
    crate::timing::mark("command");
    // `[checkpoint]` schedule: checked after every command (any of them may have written),
    // but never after an integrity failure: nothing is signed over what was just called
    // suspect, so the alarm stays until someone looks.
    let integrity_failed = matches!(&result, Err(e) if e.kind == crate::error::Kind::Integrity);
    if !verifying && !integrity_failed {
        audit::schedule::after_write(&ctx, false);
    }
    crate::timing::mark("schedule");
    result
}

fn route(ctx: &Ctx, cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Init(a) => init::run(ctx, a),
        Command::Demo(a) => demo::demo(ctx, a),
        Command::Agent(c) => agent::run(ctx, c),
        Command::Customer(c) => customer::run(ctx, c),
        Command::Verify(a) => verify::run(ctx, a),
        Command::Session(c) => session::run(ctx, c),
        Command::Notify(c) => notify::run(ctx, c),
        Command::Audit(c) => audit::run(ctx, c),
        Command::Consent(c) => consent::run(ctx, c),
        Command::Breach(c) => breach::run(ctx, c),
        Command::Complaint(c) => complaint::run(ctx, c),
        Command::Report(c) => report::run(ctx, c),
        Command::Completions { .. } | Command::Man | Command::Gateway(_) => Ok(0),
    }
}

/// Writes the completion script for `shell` to stdout (rendered in memory first: clap_complete
/// panics on a failed write).
pub fn print_completions(shell: clap_complete::Shell) -> Result<()> {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "cpni", &mut script);
    crate::output::write_stdout(|w| w.write_all(&script))
}

fn print_man() -> Result<()> {
    let man = clap_mangen::Man::new(Cli::command());
    let mut page = Vec::new();
    man.render(&mut page)
        .map_err(|e| crate::error::Error::internal(format!("cannot render the man page: {e}")))?;
    crate::output::write_stdout(|w| w.write_all(&page))
}
