//! cpni: guided CPNI caller verification with a tamper-evident audit log.
//!
//! Data flows one way (`design.md` §3): [`cli`] (clap) → [`commands`] (one file per family) →
//! [`domain`] (pure rules), [`store`] (SQLite, the only SQL), [`audit`] (the hash chain), and
//! [`ui`] / [`mail`] / [`output`] at the edges.

pub mod audit;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod domain;
pub mod error;
pub mod fsx;
pub mod mail;
pub mod output;
pub mod secrets;
pub mod store;
pub mod timing;
pub mod ui;

/// Runs one command and returns its exit status (0, or 1 for a negative result).
pub fn run(cli: cli::Cli) -> error::Result<u8> {
    commands::dispatch(cli)
}
