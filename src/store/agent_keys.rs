//! SQL for agents' SSH keys (`agent_key`), from which the gateway's `authorized_keys` is written.

use crate::store::sql::{Row as SqlRow, vals};
use serde::Serialize;

use crate::error::Result;
use crate::store::{Read, Write};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgentKey {
    pub fingerprint: String,
    pub login: String,
    pub key_type: String,
    #[serde(skip)]
    pub key_data: String,
    pub comment: String,
    pub added_at: String,
}

const COLUMNS: &str = "fingerprint, login, key_type, key_data, comment, added_at";

fn row(r: &SqlRow<'_>) -> Result<AgentKey> {
    Ok(AgentKey {
        fingerprint: r.get(0)?,
        login: r.get(1)?,
        key_type: r.get(2)?,
        key_data: r.get(3)?,
        comment: r.get(4)?,
        added_at: r.get(5)?,
    })
}

impl Read<'_> {
    pub fn agent_key(&self, fingerprint: &str) -> Result<Option<AgentKey>> {
        self.sql.row(
            &format!("SELECT {COLUMNS} FROM agent_key WHERE fingerprint = ?1"),
            vals![fingerprint],
            row,
        )
    }

    /// Keys of `login`, or of every agent when `None`, oldest first.
    pub fn agent_keys(&self, login: Option<&str>) -> Result<Vec<AgentKey>> {
        self.sql.rows(&self.sql.text_nulls(&format!(
            "SELECT {COLUMNS} FROM agent_key WHERE ?1 IS NULL OR login = ?1 ORDER BY added_at, fingerprint"
        )), vals![login], row)
    }

    /// Whether `fingerprint` is a key of `login` and `login` is an active agent: what the
    /// gateway requires of the key sshd authenticated.
    pub fn key_active(&self, login: &str, fingerprint: &str) -> Result<bool> {
        let found = self.sql.row(
            "SELECT k.login FROM agent_key k JOIN agent a ON a.login = k.login \
             WHERE k.fingerprint = ?1 AND k.login = ?2 AND a.active = 1",
            vals![fingerprint, login],
            |r| r.get::<String>(0),
        )?;
        Ok(found.is_some())
    }

    /// Keys of active agents: what `authorized_keys` must let in.
    pub fn active_agent_keys(&self) -> Result<Vec<AgentKey>> {
        self.sql.rows(
            "SELECT k.fingerprint, k.login, k.key_type, k.key_data, k.comment, k.added_at \
             FROM agent_key k JOIN agent a ON a.login = k.login WHERE a.active = 1 \
             ORDER BY k.login, k.added_at, k.fingerprint",
            &[],
            row,
        )
    }
}

impl Write<'_> {
    pub fn insert_agent_key(&self, k: &AgentKey) -> Result<()> {
        self.sql.execute(
            &format!("INSERT INTO agent_key ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
            vals![
                k.fingerprint,
                k.login,
                k.key_type,
                k.key_data,
                k.comment,
                k.added_at
            ],
        )?;
        Ok(())
    }

    /// Deletes a key; the next audit record carries the row's removal (row digests: the
    /// pre-update hook notes it).
    pub fn delete_agent_key(&self, fingerprint: &str) -> Result<()> {
        self.sql.execute(
            "DELETE FROM agent_key WHERE fingerprint = ?1",
            vals![fingerprint],
        )?;
        Ok(())
    }
}
