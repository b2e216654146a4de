//! The command line, as clap derive structs only: no logic here. Each subcommand family's
//! arguments live beside its code in `commands/`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::commands::{
    agent, audit, breach, complaint, consent, customer, demo, gateway, init, notify, report,
    session, verify,
};
use crate::error::EXIT_CODES_HELP;

/// Guided CPNI caller verification for telephone-company support agents, with a
/// tamper-evident audit log (47 CFR 64.2001-2011).
#[derive(Debug, Parser)]
#[command(name = "cpni", version, after_help = EXIT_CODES_HELP, max_term_width = 100)]
pub struct Cli {
    /// Database file, or a postgresql:// URL [default:
    /// $XDG_DATA_HOME/cpni/cpni.db]
    #[arg(long, global = true, env = "CPNI_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Config file (TOML) [default: $XDG_CONFIG_HOME/cpni/config.toml]
    #[arg(long, global = true, env = "CPNI_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Print one JSON document on stdout; errors as JSON on stderr
    #[arg(long, global = true)]
    pub json: bool,
    /// Never prompt; fail with a message naming the flag to use instead
    #[arg(long, global = true)]
    pub no_input: bool,
    /// Print nothing but errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// For a service account: act for this registered agent (both are recorded)
    #[arg(long, global = true, value_name = "AGENT")]
    pub on_behalf_of: Option<String>,
    /// Print the longest writer-lock wait on stderr at exit (for the load test)
    #[arg(long, global = true, hide = true)]
    pub debug_timings: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Create the database, keys and config; register yourself as admin
    Init(init::InitArgs),
    /// Try cpni on a throw-away demo database: sample customers, then the wizard
    Demo(demo::DemoArgs),
    /// Register agents and set their roles (admin)
    #[command(subcommand)]
    Agent(agent::AgentCommand),
    /// Add, import, show and search customers
    #[command(subcommand)]
    Customer(customer::CustomerCommand),
    /// Guided verification of a caller on a live call (the main job)
    Verify(verify::VerifyArgs),
    /// One verification session, step by step, for scripts and integrations
    #[command(subcommand)]
    Session(session::SessionCommand),
    /// The outbox: emails and letters waiting for delivery or delivered
    #[command(subcommand)]
    Notify(notify::NotifyCommand),
    /// The audit log (supervisor, admin)
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// CPNI approval status: opt-out notices, the customer's choices, checks before marketing
    #[command(subcommand)]
    Consent(consent::ConsentCommand),
    /// Breaches (64.2011): deadlines, holds, notices and linked sessions (supervisor, admin)
    #[command(subcommand)]
    Breach(breach::BreachCommand),
    /// Customer complaints about the use or release of CPNI
    #[command(subcommand)]
    Complaint(complaint::ComplaintCommand),
    /// Supervisor reports: failures, lockouts, repeated failures across agents,
    /// disclosures, and the annual certification
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// The SSH forced command for agent LOGIN's keys: runs SSH_ORIGINAL_COMMAND as that agent
    Gateway(gateway::GatewayArgs),
    /// Print a shell completion script
    Completions {
        /// bash, zsh, fish, powershell or elvish
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    /// Subcommands' arguments are deferred (`#[command(defer = true)]`) until a parse (or a
    /// help, completion or man page) builds them; an `Args` struct's doc comment would then
    /// replace the command's own description in its help. Every command's description must be
    /// the same before and after building.
    #[test]
    fn building_a_deferred_command_keeps_its_description() {
        fn walk(before: &clap::Command, after: &clap::Command, path: &str) {
            for (b, a) in before.get_subcommands().zip(after.get_subcommands()) {
                let here = format!("{path} {}", b.get_name());
                assert_eq!(b.get_name(), a.get_name());
                let text = |c: &clap::Command| {
                    (
                        c.get_about().map(|s| s.to_string()),
                        c.get_long_about().map(|s| s.to_string()),
                    )
                };
                assert_eq!(text(b), text(a), "`{here}` changed when built");
                walk(b, a, &here);
            }
        }
        let before = Cli::command();
        let mut after = Cli::command();
        after.build();
        assert!(before.get_subcommands().count() > 10);
        walk(&before, &after, "cpni");
    }
}
