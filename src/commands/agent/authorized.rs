//! Writing the service account's `authorized_keys` from the keys of active agents: cpni's block
//! replaced, every other line kept, the whole file replaced atomically (a fresh 0600 temporary
//! file and `rename`) in a 0700 `.ssh`. Called inside the write transaction that changes the
//! keys, so the file and the database change together or not at all. On a host that shares a
//! PostgreSQL database with others (or whose file was edited or restored), [`differs`] is the
//! cheap check (one query, one read of the file) with which the gateway, `cpni init` and
//! `cpni agent key sync` bring the file back to what the database says ([`rewrite`]).

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::domain::ssh_key::{self, PublicKey};
use crate::error::{Error, Result};
use crate::store;
use crate::store::agent_keys::AgentKey;

/// Where `authorized_keys` is: `[gateway] authorized_keys`, else `$HOME/.ssh/authorized_keys`.
pub fn path(cfg: &Config) -> Result<PathBuf> {
    if let Some(p) = &cfg.authorized_keys {
        return Ok(p.clone());
    }
    let home = etcetera::home_dir().map_err(|e| {
        Error::usage("no-home", format!("cannot find the home folder: {e}"))
            .hint("set [gateway] authorized_keys in the config file")
    })?;
    Ok(home.join(".ssh").join("authorized_keys"))
}

/// The program the forced command runs: `[gateway] program`, else this binary.
fn program(cfg: &Config) -> Result<String> {
    let p = match &cfg.gateway_program {
        Some(p) => p.clone(),
        None => std::env::current_exe()?,
    };
    let text = p.to_string_lossy().into_owned();
    if !ssh_key::program_ok(&text) {
        return Err(Error::usage(
            "gateway-program",
            format!("the cpni program path {text:?} cannot be put in a forced command"),
        )
        .hint("set [gateway] program to an absolute path of letters, digits and / . _ + -"));
    }
    Ok(text)
}

/// The current text of the file ("" when it does not exist yet).
pub fn read(path: &Path) -> Result<String> {
    read_file(path)
}

fn read_file(path: &Path) -> Result<String> {
    match std::fs::read_to_string(path) {
        Ok(t) => Ok(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(store::perms::io_error(path, &e)),
    }
}

/// Refuses `key` when a line cpni did not write already lets it in.
pub fn refuse_foreign(cfg: &Config, key: &PublicKey) -> Result<()> {
    let path = path(cfg)?;
    let existing = read(&path)?;
    match ssh_key::foreign_use(&existing, key).map_err(|m| damaged(&path, m))? {
        Some(n) => Err(Error::usage(
            "key-in-use",
            format!(
                "line {n} of {}, not written by cpni, already lets the key {} in",
                path.display(),
                key.fingerprint
            ),
        )
        .hint("remove that line first, or use another key for this agent")),
        None => Ok(()),
    }
}

/// Rewrites the file from the active agents' keys as `tx` sees them. A key row that no audit
/// record shows as it is (planted or edited outside cpni) is refused, exit 6: it never reaches
/// the file.
pub fn sync(tx: &store::Write<'_>, cfg: &Config) -> Result<()> {
    rewrite(tx, cfg, true).map(|_| ())
}

/// [`sync`], writing only when the text changes unless `always`; returns whether it wrote.
pub fn rewrite(tx: &store::Write<'_>, cfg: &Config, always: bool) -> Result<bool> {
    let path = path(cfg)?;
    let keys = tx.active_agent_keys()?;
    for k in &keys {
        tx.require_sealed("agent_key", "fingerprint", &k.fingerprint)?;
    }
    let existing = read(&path)?;
    let text = wanted(cfg, &keys, &existing, &path)?;
    if !always && text == existing {
        return Ok(false);
    }
    if let Some(dir) = path.parent() {
        store::create_private_dir(dir)?;
    }
    crate::fsx::write_atomic(&path, text.as_bytes()).map_err(|e| {
        let mut err = store::perms::io_error(&path, &e);
        err.message = format!("{}; nothing was changed", err.message);
        err
    })?;
    Ok(true)
}

/// Whether the file is not what the database says (the cheap check, outside any write: no
/// row seals; [`rewrite`] checks them when it writes).
pub fn differs(read: &store::Read<'_>, cfg: &Config) -> Result<bool> {
    let path = path(cfg)?;
    let keys = read.active_agent_keys()?;
    let existing = read_file(&path)?;
    Ok(wanted(cfg, &keys, &existing, &path)? != existing)
}

/// The whole new text: `existing` with cpni's block holding one line per key of `keys`.
fn wanted(cfg: &Config, keys: &[AgentKey], existing: &str, path: &Path) -> Result<String> {
    let program = program(cfg)?;
    let lines: Vec<String> = keys
        .iter()
        .map(|k| {
            let key = PublicKey {
                key_type: k.key_type.clone(),
                data: k.key_data.clone(),
                comment: k.comment.clone(),
                fingerprint: k.fingerprint.clone(),
            };
            ssh_key::line(&program, &k.login, &key)
        })
        .collect();
    ssh_key::merge(existing, &lines).map_err(|m| damaged(path, m))
}

fn damaged(path: &Path, m: String) -> Error {
    Error::usage("authorized-keys", format!("{}: {m}", path.display()))
        .hint("restore cpni's block (or remove it entirely), then run the command again")
}
