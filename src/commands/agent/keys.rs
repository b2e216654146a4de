//! `cpni agent key add|list|remove|sync`: the SSH keys with which agents reach cpni through the
//! gateway. Each change is one audit record naming the key's fingerprint, written in the same
//! transaction that rewrites `authorized_keys`; `sync` rewrites this host's file from the
//! database (a host sharing a PostgreSQL database, a file edited or restored from a backup).

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use serde_json::json;

use super::authorized;
use crate::audit::{Actor, Event};
use crate::commands::context::{ADMINS, Ctx};
use crate::domain::ssh_key::{self, PublicKey};
use crate::error::{Error, Result};
use crate::store::agent_keys::AgentKey;
use crate::ui::term::safe;
use crate::{clock, store};

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum KeyCommand {
    /// Let an agent in through the gateway with this public key (admin)
    Add {
        /// The agent's login
        login: String,
        /// The agent's public key file (as ssh-keygen wrote it), or - for stdin
        #[arg(long, value_name = "FILE")]
        ssh_key_file: PathBuf,
    },
    /// List agents' keys and their fingerprints (admin)
    List {
        /// Only this agent's keys
        login: Option<String>,
    },
    /// Remove a key: its agent can no longer connect with it (admin)
    Remove {
        /// The agent's login
        login: String,
        /// The key's fingerprint (SHA256:…, from `cpni agent key list`)
        fingerprint: String,
    },
    /// Rewrite this host's authorized_keys from the database (admin; each gateway host)
    Sync,
}

pub fn run(ctx: &Ctx, cmd: KeyCommand) -> Result<u8> {
    match cmd {
        KeyCommand::Add {
            login,
            ssh_key_file,
        } => add(ctx, &login, &ssh_key_file),
        KeyCommand::List { login } => list(ctx, login.as_deref()),
        KeyCommand::Remove { login, fingerprint } => remove(ctx, &login, &fingerprint),
        KeyCommand::Sync => sync(ctx),
    }
}

/// Reads and checks the one public key in `file` (`-`: stdin).
pub fn read_key(file: &Path) -> Result<PublicKey> {
    let mut text = String::new();
    let read = if file == Path::new("-") {
        std::io::stdin().take(16 * 1024).read_to_string(&mut text)
    } else {
        std::fs::File::open(file).and_then(|f| f.take(16 * 1024).read_to_string(&mut text))
    };
    read.map_err(|e| {
        Error::usage(
            "ssh-key-file",
            format!("cannot read --ssh-key-file {}: {e}", file.display()),
        )
        .hint("give the agent's public key file (id_ed25519.pub), or - to read it on stdin")
    })?;
    ssh_key::parse(&text).map_err(|m| {
        Error::usage(
            "ssh-key-file",
            format!("--ssh-key-file {}: {m}", file.display()),
        )
        .hint("give the public key exactly as `ssh-keygen` wrote it (one line)")
    })
}

fn add(ctx: &Ctx, login: &str, file: &Path) -> Result<u8> {
    let key = read_key(file)?;
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "agent key add", ADMINS)?;
    authorized::refuse_foreign(&ctx.cfg, &key)?;
    db.step(|tx| add_in(tx, ctx, &acting.actor, login, &key))?;
    print_added(ctx, login, &key);
    Ok(0)
}

/// Records `key` for `login` and rewrites `authorized_keys`, inside `tx`.
pub fn add_in(
    tx: &store::Write<'_>,
    ctx: &Ctx,
    actor: &Actor,
    login: &str,
    key: &PublicKey,
) -> Result<()> {
    match tx.agent(login)? {
        Some(a) if a.active => {}
        Some(_) => {
            return Err(Error::refused(
                "agent-disabled",
                format!("{login} is disabled; a disabled agent has no keys"),
            )
            .hint(format!("run `cpni agent enable {login}` first")));
        }
        None => return Err(no_agent(login)),
    }
    if let Some(k) = tx.agent_key(&key.fingerprint)? {
        return Err(Error::usage(
            "key-exists",
            format!(
                "the key {} is already registered for {}",
                key.fingerprint, k.login
            ),
        )
        .hint("each key belongs to one agent; see `cpni agent key list`"));
    }
    let now = clock::now();
    tx.insert_agent_key(&AgentKey {
        fingerprint: key.fingerprint.clone(),
        login: login.to_string(),
        key_type: key.key_type.clone(),
        key_data: key.data.clone(),
        comment: key.comment.clone(),
        added_at: clock::format(now),
    })?;
    let event = Event::new("agent.key.add")
        .with("login", login)
        .with("fingerprint", key.fingerprint.clone())
        .with("key_type", key.key_type.clone());
    tx.append(actor, now, event)?;
    authorized::sync(tx, &ctx.cfg)
}

pub fn print_added(ctx: &Ctx, login: &str, key: &PublicKey) {
    ctx.out.print(
        &json!({"login": login, "fingerprint": key.fingerprint, "key_type": key.key_type}),
        &format!("{login} may now connect with the key {}.", key.fingerprint),
    );
}

fn list(ctx: &Ctx, login: Option<&str>) -> Result<u8> {
    let mut db = ctx.open()?;
    ctx.acting(&mut db, "agent key list", ADMINS)?;
    let keys = db.read().agent_keys(login)?;
    let text: Vec<String> = keys
        .iter()
        .map(|k| {
            format!(
                "{:<20} {} {:<12} {}",
                k.login,
                k.fingerprint,
                k.key_type,
                safe(&k.comment)
            )
        })
        .collect();
    let text = if text.is_empty() {
        "No keys.".to_string()
    } else {
        text.join("\n")
    };
    ctx.out
        .print(&serde_json::to_value(&keys).unwrap_or_default(), &text);
    Ok(0)
}

fn remove(ctx: &Ctx, login: &str, fingerprint: &str) -> Result<u8> {
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "agent key remove", ADMINS)?;
    db.step(|tx| {
        match tx.agent_key(fingerprint)? {
            Some(k) if k.login == login => {}
            _ => {
                return Err(Error::not_found(
                    "no-key",
                    format!("{} has no key {}", safe(login), safe(fingerprint)),
                )
                .hint(format!("see `cpni agent key list {}`", safe(login))));
            }
        }
        tx.delete_agent_key(fingerprint)?;
        let event = Event::new("agent.key.remove")
            .with("login", login)
            .with("fingerprint", fingerprint);
        tx.append(&acting.actor, clock::now(), event)?;
        authorized::sync(tx, &ctx.cfg)
    })?;
    ctx.out.print(
        &json!({"login": login, "fingerprint": fingerprint, "removed": true}),
        &format!("Removed the key {fingerprint} of {login}."),
    );
    Ok(0)
}

/// Writes this host's `authorized_keys` from the database, whatever it held (cpni's block
/// only), and records that it did (`agent.key.sync`, with the number of keys and whether the
/// file changed).
fn sync(ctx: &Ctx) -> Result<u8> {
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "agent key sync", ADMINS)?;
    let path = authorized::path(&ctx.cfg)?;
    let (keys, changed) = db.step(|tx| {
        let keys = tx.active_agent_keys()?.len();
        let before = authorized::read(&path)?;
        authorized::sync(tx, &ctx.cfg)?;
        let changed = authorized::read(&path)? != before;
        let event = Event::new("agent.key.sync")
            .with("keys", keys)
            .with("changed", changed);
        tx.append(&acting.actor, clock::now(), event)?;
        Ok((keys, changed))
    })?;
    let shown = path.display().to_string();
    let shown = safe(&shown);
    ctx.out.print(
        &json!({"file": path.to_string_lossy(), "keys": keys, "changed": changed}),
        &if changed {
            format!("Rewrote {shown} from the database: {keys} key(s).")
        } else {
            format!("{shown} already lets in exactly the database's {keys} key(s).")
        },
    );
    Ok(0)
}

/// Removes every key of `login` inside `tx` (for `agent disable`); returns their fingerprints.
pub fn remove_all_in(tx: &store::Write<'_>, ctx: &Ctx, login: &str) -> Result<Vec<String>> {
    let keys = tx.agent_keys(Some(login))?;
    for k in &keys {
        tx.delete_agent_key(&k.fingerprint)?;
    }
    authorized::sync(tx, &ctx.cfg)?;
    Ok(keys.into_iter().map(|k| k.fingerprint).collect())
}

fn no_agent(login: &str) -> Error {
    Error::not_found("no-agent", format!("no agent with login {}", safe(login)))
        .hint("see `cpni agent list`")
}
