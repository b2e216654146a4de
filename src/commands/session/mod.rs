//! `cpni session …`: one call's verification, step by step, for scripts and the wizard.
//!
//! Every step loads the session (refusing ended or idle ones), decides with `domain/` rules,
//! writes its state change and audit record in one transaction, and prints the session's
//! resulting state. A session belongs to the agent who started it; a supervisor may take it
//! over (`takeover`). Exit 0: the step succeeded (a verification step: the caller is
//! verified); 1: the caller failed it or is not verified; 3: refused.

mod callback;
pub mod codes;
mod disclose;
mod gate;
mod lifecycle;
pub mod photo_id;
mod secret;
mod state;

use clap::{Args, Subcommand};

pub use callback::{
    CallbackOutcome, Route as CallbackRoute, begin as begin_callback, business, business_callback,
    callback, contract_method, script as callback_script,
};
pub use codes::{CodeChannel, issue_code, postal_of, require_of_record};
pub use disclose::{DiscloseArgs, SendArgs, disclose, send};
pub use gate::{Env, Loaded, load_any as load_any_for_abandon, load_open, recheck};
pub use lifecycle::{abandon, start};
pub use secret::{SecretKind, check_secret};
pub use state::{attempts_left, print_step, state_json, state_text};

use time::OffsetDateTime;

use crate::store::Db;

/// The account's lock, if any, as of `now`.
pub fn lock_until(l: &Loaded, now: OffsetDateTime) -> Option<OffsetDateTime> {
    crate::commands::customer::show::lock_of(&l.customer, now)
}

/// Re-reads a session and its customer after a step.
pub fn reload(db: &Db, l: &Loaded) -> Result<Loaded> {
    gate::load_any(db, &l.session.id)
}

/// Ends the session normally (used by the wizard).
pub fn end(
    env: &Env<'_>,
    db: &mut Db,
    l: &mut Loaded,
    reason: &'static str,
    now: OffsetDateTime,
) -> Result<()> {
    lifecycle::end(db, l, &env.acting.actor, reason, now)
}

use crate::commands::context::{CALL_HANDLERS, Ctx};
use crate::error::Result;

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum SessionCommand {
    /// Open a session for a call; prints its id
    Start {
        /// Account id
        account: String,
        /// How the customer is in contact
        #[arg(long, default_value = "inbound", value_parser = ["inbound", "outbound", "in-store"])]
        channel: String,
    },
    /// Check the account PIN (read from a hidden prompt, or one line of stdin)
    Pin(SecretArgs),
    /// Check the customer-chosen backup secret (allows account information and a new PIN)
    Backup(BackupArgs),
    /// Show the number of record to call back, or record the callback's outcome
    Callback(callback::CallbackArgs),
    /// Send a one-time code to the email address of record (on record 30+ days)
    EmailCode(SessionArg),
    /// Queue a letter with a one-time code to the postal address of record (30+ days)
    MailCode(SessionArg),
    /// Check an emailed or mailed code (hidden prompt, or one line of stdin)
    Code(CodeArgs),
    /// Verify on the business-contract basis by the contract's own method (passphrase or callback)
    Business(callback::BusinessArgs),
    /// In a store only: check a valid government-issued photo ID matching the account
    PhotoId(photo_id::PhotoIdArgs),
    /// Record a discussion of CPNI on this call (refused unless the basis allows the scope)
    Disclose(DiscloseArgs),
    /// Send requested information to the email or postal address of record
    Send(SendArgs),
    /// Show the session's state
    Show(SessionArg),
    /// End the session
    End(SessionArg),
    /// Take over another agent's open session (supervisor); the reason is recorded
    Takeover(TakeoverArgs),
}

#[derive(Debug, Args)]
pub struct TakeoverArgs {
    /// Session id
    pub session: String,
    /// Why the session changes hands (recorded)
    #[arg(long)]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct SessionArg {
    /// Session id (from `cpni session start`)
    pub session: String,
}

#[derive(Debug, Args)]
pub struct SecretArgs {
    /// Session id
    pub session: String,
    /// Read the PIN from one line of stdin
    #[arg(long)]
    pub pin_stdin: bool,
    /// Never accepted: a PIN on the command line shows in `ps` and shell history
    #[arg(long, hide = true, value_name = "PIN")]
    pub pin: Option<String>,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Session id
    pub session: String,
    /// Read the backup secret from one line of stdin
    #[arg(long)]
    pub secret_stdin: bool,
    /// Never accepted on the command line
    #[arg(long, hide = true, value_name = "SECRET")]
    pub secret: Option<String>,
}

#[derive(Debug, Args)]
pub struct CodeArgs {
    /// Session id
    pub session: String,
    /// Read the code from one line of stdin
    #[arg(long)]
    pub code_stdin: bool,
    /// Never accepted on the command line
    #[arg(long, hide = true, value_name = "CODE")]
    pub code: Option<String>,
}

pub fn run(ctx: &Ctx, cmd: SessionCommand) -> Result<u8> {
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "session", CALL_HANDLERS)?;
    let env = gate::Env {
        ctx,
        acting: &acting,
    };
    match cmd {
        SessionCommand::Start { account, channel } => {
            lifecycle::start_cmd(&env, &mut db, &account, &channel)
        }
        SessionCommand::Pin(a) => secret::pin_cmd(&env, &mut db, a),
        SessionCommand::Backup(a) => secret::backup_cmd(&env, &mut db, a),
        SessionCommand::Callback(a) => callback::callback_cmd(&env, &mut db, a),
        SessionCommand::EmailCode(a) => {
            codes::issue_cmd(&env, &mut db, &a.session, CodeChannel::Email)
        }
        SessionCommand::MailCode(a) => {
            codes::issue_cmd(&env, &mut db, &a.session, CodeChannel::Mail)
        }
        SessionCommand::Code(a) => secret::code_cmd(&env, &mut db, a),
        SessionCommand::Business(a) => callback::business_cmd(&env, &mut db, a),
        SessionCommand::PhotoId(a) => photo_id::photo_id_cmd(&env, &mut db, a),
        SessionCommand::Disclose(a) => disclose::disclose_cmd(&env, &mut db, a),
        SessionCommand::Send(a) => disclose::send_cmd(&env, &mut db, a),
        SessionCommand::Show(a) => lifecycle::show_cmd(&env, &mut db, &a.session),
        SessionCommand::End(a) => lifecycle::end_cmd(&env, &mut db, &a.session),
        SessionCommand::Takeover(a) => {
            lifecycle::takeover_cmd(&env, &mut db, &a.session, &a.reason)
        }
    }
}
