//! Ending a call in the wizard: a warning when the caller was verified and nothing was
//! recorded, then the session's end (recorded) and a summary of the call.

use time::OffsetDateTime;

use super::steps::Situation;
use super::{Tally, say};
use crate::clock;
use crate::commands::session::{self, Loaded};
use crate::domain::policy::Basis;
use crate::error::Result;
use crate::store::Db;
use crate::ui::prompt::Prompter;
use crate::ui::wizard;

/// Whether to end now. A verified call with nothing recorded asks first.
pub fn confirm_end(p: &dyn Prompter, s: &Situation<'_>, t: &Tally) -> Result<bool> {
    if !s.verified() || t.recorded() {
        return Ok(true);
    }
    say(
        "⚠ The caller was verified but nothing was recorded: no discussion, nothing sent, no change.",
    );
    let items = [
        "Go back and record what was discussed".to_string(),
        "End the call: nothing was discussed".to_string(),
    ];
    Ok(p.menu("End the call?", &items)? == Some(1))
}

/// The summary printed when the call ends.
pub fn summary(l: &Loaded, t: &Tally, started: OffsetDateTime, now: OffsetDateTime) -> String {
    let list = |v: &[String]| {
        if v.is_empty() {
            "nothing".to_string()
        } else {
            v.join("; ")
        }
    };
    let basis = l.session.basis.as_deref().and_then(Basis::parse);
    [
        format!(
            "Call summary, session {} ({})",
            l.session.id, l.customer.account
        ),
        format!(
            "  verified by  {}",
            basis.map_or("not verified", wizard::basis_words)
        ),
        format!("  discussed    {}", list(&t.discussed)),
        format!("  sent         {}", list(&t.sent)),
        format!("  changes      {}", list(&t.changes)),
        format!("  duration     {}", wizard::elapsed(started, now)),
    ]
    .join("\n")
}

/// Ends the session (recorded) and prints the summary. Exit 0 if verified, else 1.
pub fn finish(
    env: &session::Env<'_>,
    db: &mut Db,
    mut l: Loaded,
    t: &Tally,
    started: OffsetDateTime,
) -> Result<u8> {
    let now = clock::now();
    session::end(env, db, &mut l, "ended", now)?;
    super::interrupt::set_open(None);
    say(wizard::SAY_END);
    say(&format!(
        "Session {} ended and recorded.\n{}",
        l.session.id,
        summary(&l, t, started, now)
    ));
    let verified =
        crate::domain::policy::is_verified(l.session.basis.as_deref().and_then(Basis::parse));
    Ok(if verified { 0 } else { 1 })
}
