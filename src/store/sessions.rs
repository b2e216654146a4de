//! SQL for verification sessions (one call each).

use crate::store::sql::{Row, vals};

use crate::error::Result;
use crate::store::{Read, Write};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Session {
    pub id: String,
    pub account: String,
    pub agent: String,
    pub on_behalf_of: Option<String>,
    pub channel: String,
    pub started_at: String,
    pub last_active_at: String,
    pub basis: Option<String>,
    pub verified_at: Option<String>,
    pub secret_failures: i64,
    pub ended_at: Option<String>,
    pub end_reason: Option<String>,
    /// Who may run steps on it: `None` means the agent who started it (or the agent a service
    /// started it for); a supervisor's takeover sets it.
    pub owner: Option<String>,
    pub callback_started_at: Option<String>,
    pub callback_number: Option<String>,
    pub callback_route: Option<String>,
}

impl Session {
    /// The agent whose session this is.
    pub fn owner(&self) -> &str {
        self.owner
            .as_deref()
            .or(self.on_behalf_of.as_deref())
            .unwrap_or(&self.agent)
    }
}

const BASE: &str = "id, account, agent, on_behalf_of, channel, started_at, last_active_at, \
    basis, verified_at, secret_failures, ended_at, end_reason";
const COLUMNS: &str = "id, account, agent, on_behalf_of, channel, started_at, last_active_at, \
    basis, verified_at, secret_failures, ended_at, end_reason, owner, callback_started_at, \
    callback_number, callback_route";

fn row(r: &Row<'_>) -> Result<Session> {
    Ok(Session {
        id: r.get(0)?,
        account: r.get(1)?,
        agent: r.get(2)?,
        on_behalf_of: r.get(3)?,
        channel: r.get(4)?,
        started_at: r.get(5)?,
        last_active_at: r.get(6)?,
        basis: r.get(7)?,
        verified_at: r.get(8)?,
        secret_failures: r.get(9)?,
        ended_at: r.get(10)?,
        end_reason: r.get(11)?,
        owner: r.get(12)?,
        callback_started_at: r.get(13)?,
        callback_number: r.get(14)?,
        callback_route: r.get(15)?,
    })
}

impl Read<'_> {
    pub fn session(&self, id: &str) -> Result<Option<Session>> {
        self.sql.row(
            &format!("SELECT {COLUMNS} FROM session WHERE id = ?1"),
            vals![id],
            row,
        )
    }
}

impl Write<'_> {
    pub fn insert_session(&self, s: &Session) -> Result<()> {
        self.sql.execute(&format!(
            "INSERT INTO session ({BASE}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
        ), vals![
            s.id,
            s.account,
            s.agent,
            s.on_behalf_of,
            s.channel,
            s.started_at,
            s.last_active_at,
            s.basis,
            s.verified_at,
            s.secret_failures,
            s.ended_at,
            s.end_reason
        ])?;
        Ok(())
    }

    /// Counts one wrong secret on an open session. Returns whether the session was open.
    pub fn add_session_failure(&self, id: &str, at: &str) -> Result<bool> {
        let n = self.sql.execute(
            "UPDATE session SET secret_failures = secret_failures + 1, last_active_at = ?2 \
                 WHERE id = ?1 AND ended_at IS NULL",
            vals![id, at],
        )?;
        Ok(n == 1)
    }

    /// Sets the basis of an open session (`verified_at` only the first time).
    pub fn set_session_basis(&self, id: &str, basis: &str, at: &str) -> Result<bool> {
        let n = self.sql.execute(
            "UPDATE session SET basis = ?2, verified_at = coalesce(verified_at, ?3), \
                 last_active_at = ?3 WHERE id = ?1 AND ended_at IS NULL",
            vals![id, basis, at],
        )?;
        Ok(n == 1)
    }

    /// Marks activity on an open session (`last_active_at` is outside the session's row digest,
    /// so the update is not noted for the next audit record).
    pub fn touch_session(&self, id: &str, at: &str) -> Result<bool> {
        let n = super::audit::rowdigest::quiet(self.sql, || {
            self.sql.execute(
                "UPDATE session SET last_active_at = ?2 WHERE id = ?1 AND ended_at IS NULL",
                vals![id, at],
            )
        })?;
        Ok(n == 1)
    }

    /// Ends a session unless it already ended. Returns whether this call ended it.
    pub fn end_session(&self, id: &str, at: &str, reason: &str) -> Result<bool> {
        let n = self.sql.execute(
            "UPDATE session SET ended_at = ?2, end_reason = ?3 WHERE id = ?1 AND ended_at IS NULL",
            vals![id, at, reason],
        )?;
        Ok(n == 1)
    }

    /// Hands an open session to `owner` (a supervisor's takeover).
    pub fn set_session_owner(&self, id: &str, owner: &str, at: &str) -> Result<bool> {
        let n = self.sql.execute(
            "UPDATE session SET owner = ?2, last_active_at = ?3 WHERE id = ?1 AND ended_at IS NULL",
            vals![id, owner, at],
        )?;
        Ok(n == 1)
    }

    /// Records that a callback was started to `number` (`route`: record or contract).
    pub fn set_callback_start(
        &self,
        id: &str,
        number: &str,
        route: &str,
        at: &str,
    ) -> Result<bool> {
        let n = self.sql.execute(
            "UPDATE session SET callback_started_at = ?2, callback_number = ?3, \
                 callback_route = ?4, last_active_at = ?2 WHERE id = ?1 AND ended_at IS NULL",
            vals![id, at, number, route],
        )?;
        Ok(n == 1)
    }

    /// Closes a started callback once its outcome is recorded: the next outcome needs a new start.
    pub fn clear_callback_start(&self, id: &str) -> Result<bool> {
        let n = self.sql.execute(
            "UPDATE session SET callback_started_at = NULL WHERE id = ?1 AND ended_at IS NULL",
            vals![id],
        )?;
        Ok(n == 1)
    }
}
