//! The gateway's own checks of the key sshd authenticated, before it runs anything (the menu
//! included): the agent must be registered and active, and the key named by the forced command
//! (`--key SHA256:…`) must be listed in the database as a key of that agent, its row as the
//! chain shows it. A line of `authorized_keys` that outlived its key (another host removed it
//! from a shared PostgreSQL database, a file restored from a backup, an edit by hand) is
//! refused, exit 3, recorded as `access.refused`. A line written by an earlier release names no
//! key and is refused too: the gateway cannot tell which key was used. Then, whatever the
//! outcome, the host's file is brought back to what the database says when it differs (one
//! query and one read of the file when it does not), so a stale or old-format line disappears
//! on the first connection that meets it.

use serde_json::json;

use crate::audit::{Actor, Event};
use crate::commands::agent::authorized;
use crate::commands::context::unregistered;
use crate::config::Config;
use crate::domain::ssh_key;
use crate::error::{Error, Result};
use crate::store::Db;
use crate::ui::term::safe;

/// Refuses (exit 3, recorded) a connection whose key may no longer act for `login`.
pub fn check(db: &mut Db, login: &str, key: Option<&str>) -> Result<()> {
    match db.read().agent(login)? {
        None => return Err(unregistered(db, login, "is not registered")),
        Some(a) if !a.active => return Err(unregistered(db, login, "is disabled")),
        Some(_) => {}
    }
    let Some(fp) = key else {
        record(db, login, "key-unnamed", None)?;
        return Err(Error::refused(
            "key-unnamed",
            format!(
                "this key's line in the gateway's authorized_keys was written by an earlier \
                 cpni release and does not name the key; {login} was not let in"
            ),
        )
        .hint(
            "connect again: the gateway has just rewritten its file from the database; if \
             this persists, ask an admin to run `cpni agent key sync` on this gateway host",
        ));
    };
    if !ssh_key::fingerprint_ok(fp) || !db.read().key_active(login, fp)? {
        record(db, login, "key-removed", Some(fp))?;
        return Err(Error::refused(
            "key-removed",
            format!(
                "the SSH key {} is not a key of {login} in the database (removed, or never \
                 added); {login} was not let in",
                safe(fp)
            ),
        )
        .hint("use a key an admin added (`cpni agent key list` shows them to admins); this attempt was recorded"));
    }
    db.read().require_sealed("agent_key", "fingerprint", fp)
}

fn record(db: &mut Db, login: &str, reason: &str, fp: Option<&str>) -> Result<()> {
    let actor = Actor {
        login: login.to_string(),
        on_behalf_of: None,
    };
    let event = Event::new("access.refused")
        .with("command", "gateway")
        .with("reason", reason)
        .with("fingerprint", json!(fp));
    db.step(|tx| tx.append(&actor, crate::clock::now(), event).map(|_| ()))
}

/// Rewrites this host's `authorized_keys` when it is not what the database says. Best effort:
/// a file that cannot be rewritten (damaged block, a planted key row, a full disk) leaves the
/// connection to its own checks and the admin to `cpni agent key sync`, which reports why.
pub fn follow_database(db: &mut Db, cfg: &Config) {
    if !authorized::differs(&db.read(), cfg).unwrap_or(false) {
        return;
    }
    let _ = db.step(|tx| authorized::rewrite(tx, cfg, false));
}
