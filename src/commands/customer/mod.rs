//! `cpni customer …`: enter, import, view and search customers, and supervisor unlocks.

pub mod add;
mod import;
pub mod show;
mod unlock;

use clap::{Args, Subcommand};

pub use add::{ContactArgs, Since, created_event, new_customer};

use crate::error::Result;

use super::context::Ctx;

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Add a customer with contacts of record (and optionally a PIN on stdin)
    Add(Box<add::AddArgs>),
    /// Show a customer's contacts of record, secrets set (never their values) and lock state
    Show(ShowArgs),
    /// List or search customers
    List(show::ListArgs),
    /// Import customers from a CSV file (all rows or none)
    Import(import::ImportArgs),
    /// Lift a lockout early (supervisor); the reason is recorded
    Unlock(unlock::UnlockArgs),
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Account id
    pub account: String,
}

pub fn run(ctx: &Ctx, cmd: CustomerCommand) -> Result<u8> {
    match cmd {
        CustomerCommand::Add(a) => add::run(ctx, *a),
        CustomerCommand::Show(a) => show::show(ctx, a),
        CustomerCommand::List(a) => show::list(ctx, a),
        CustomerCommand::Import(a) => import::run(ctx, a),
        CustomerCommand::Unlock(a) => unlock::run(ctx, a),
    }
}
