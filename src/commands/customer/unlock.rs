//! `cpni customer unlock ACCOUNT --reason TEXT`: a supervisor lifts a lockout early.

use clap::Args;
use serde_json::json;

use super::show::{load, lock_of};
use crate::audit::Event;
use crate::clock;
use crate::commands::context::{Ctx, SUPERVISORS};
use crate::domain::contact;
use crate::domain::lockout::{self, LockEvent, LockState};
use crate::error::Result;

#[derive(Debug, Args)]
pub struct UnlockArgs {
    /// Account id
    pub account: String,
    /// Why the lock is lifted (recorded in the audit log)
    #[arg(long)]
    pub reason: String,
}

pub fn run(ctx: &Ctx, args: UnlockArgs) -> Result<u8> {
    let reason = contact::parse_text("reason", &args.reason, 500, false)?;
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "customer unlock", SUPERVISORS)?;
    let now = clock::now();
    let c = load(&db.read(), &args.account)?;
    let was = lock_of(&c, now);
    let state = LockState {
        consecutive_failures: c.failures as u32,
        lock_level: c.lock_level as u32,
        locked_until: c.locked_until.as_deref().and_then(clock::parse),
    };
    let next = lockout::apply(state, LockEvent::Unlock, now).state;
    let event = Event::new("lock.unlock")
        .account(&c.account)
        .with("reason", reason)
        .with("was_locked_until", was.map(clock::format))
        .with("failures_cleared", c.failures);
    db.step(|tx| {
        tx.set_customer_lock_state(
            &c.account,
            i64::from(next.consecutive_failures),
            i64::from(next.lock_level),
            next.locked_until.map(clock::format).as_deref(),
            &clock::format(now),
        )?;
        tx.append(&acting.actor, now, event)
    })?;
    let text = match was {
        Some(t) => format!(
            "Unlocked {} (was locked until {}).",
            c.account,
            clock::human(t)
        ),
        None => format!(
            "{} was not locked; its failure count is cleared.",
            c.account
        ),
    };
    ctx.out.print(&json!({"account": c.account, "unlocked": true, "was_locked_until": was.map(clock::format)}), &text);
    Ok(0)
}
