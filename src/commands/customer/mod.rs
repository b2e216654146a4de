//! `cpni customer …`: enter, import, view and search customers, and supervisor unlocks.

pub mod add;
pub mod change;
pub mod history;
pub mod import;
pub mod report;
mod reset;
pub mod show;
mod unlock;

use clap::{Args, Subcommand};

pub use add::{ContactArgs, Since, created_event, new_customer};
pub use reset::{notices_sentence, reset_pin_on_call};

use crate::error::Result;

use super::context::Ctx;

#[derive(Debug, Subcommand)]
#[command(defer = true)]
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
    /// Set a new PIN (on stdin or a hidden prompt); notices go to the contacts of record
    SetPin(change::SetPinArgs),
    /// Set a new backup passphrase (on stdin or a hidden prompt)
    SetBackup(change::SetBackupArgs),
    /// Change the email address of record
    SetEmail(change::SetEmailArgs),
    /// Change the postal address of record
    SetAddress(change::SetAddressArgs),
    /// Change the telephone number of record
    SetPhone(change::SetPhoneArgs),
    /// Record the business contract's own authentication method (supervisor, --reason)
    SetContract(change::SetContractArgs),
    /// Lost PIN: send a temporary PIN to an address of record
    ResetPin(reset::ResetPinArgs),
    /// Everything held about a customer, for their right to review it (no secret)
    Report(report::ReportArgs),
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
        CustomerCommand::SetPin(a) => change::set_pin(ctx, a),
        CustomerCommand::SetBackup(a) => change::set_backup(ctx, a),
        CustomerCommand::SetEmail(a) => change::set_email(ctx, a),
        CustomerCommand::SetAddress(a) => change::set_address(ctx, a),
        CustomerCommand::SetPhone(a) => change::set_phone(ctx, a),
        CustomerCommand::SetContract(a) => change::set_contract(ctx, a),
        CustomerCommand::ResetPin(a) => reset::run(ctx, a),
        CustomerCommand::Report(a) => report::run(ctx, a),
    }
}
