//! SQL for one-time codes: only their keyed digests are stored.

use crate::store::sql::vals;

use crate::error::Result;
use crate::store::{Read, Write};

#[derive(Debug, Clone)]
pub struct Code {
    pub id: i64,
    pub channel: String,
    pub digest: Vec<u8>,
    pub expires_at: String,
}

impl Read<'_> {
    /// Unused, current codes of an account (expired ones included; the caller decides).
    pub fn open_codes(&self, account: &str) -> Result<Vec<Code>> {
        self.sql.rows(
            "SELECT id, channel, digest, expires_at FROM code \
             WHERE account = ?1 AND used_at IS NULL AND superseded = 0 ORDER BY id DESC",
            vals![account],
            |r| {
                Ok(Code {
                    id: r.get(0)?,
                    channel: r.get(1)?,
                    digest: r.get(2)?,
                    expires_at: r.get(3)?,
                })
            },
        )
    }

    /// Codes issued on a session, and on the account since `since`.
    pub fn issued_code_counts(
        &self,
        account: &str,
        session: &str,
        since: &str,
    ) -> Result<(i64, i64)> {
        let on_session = self
            .sql
            .row(
                "SELECT count(*) FROM code WHERE session = ?1",
                vals![session],
                |r| r.get(0),
            )?
            .unwrap_or(0);
        let on_account = self
            .sql
            .row(
                "SELECT count(*) FROM code WHERE account = ?1 AND issued_at >= ?2",
                vals![account, since],
                |r| r.get(0),
            )?
            .unwrap_or(0);
        Ok((on_session, on_account))
    }

    /// The session that issued code `id` and when: `(session, issued_at)`.
    pub fn code_issue(&self, id: i64) -> Result<Option<(String, String)>> {
        self.sql.row(
            "SELECT session, issued_at FROM code WHERE id = ?1",
            vals![id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }
}

impl Write<'_> {
    /// Stores a new code and retires earlier unused codes of the same channel for the account.
    pub fn issue_code(
        &self,
        account: &str,
        session: &str,
        channel: &str,
        digest: &[u8],
        issued_at: &str,
        expires_at: &str,
    ) -> Result<i64> {
        self.sql.execute("UPDATE code SET superseded = 1 WHERE account = ?1 AND channel = ?2 AND used_at IS NULL", vals![account, channel])?;
        self.sql.insert_id(
            "INSERT INTO code (account, session, channel, digest, issued_at, expires_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            vals![account, session, channel, digest, issued_at, expires_at],
        )
    }

    /// Marks a code used (single use).
    pub fn mark_code_used(&self, id: i64, at: &str) -> Result<bool> {
        let n = self.sql.execute(
            "UPDATE code SET used_at = ?2 WHERE id = ?1 AND used_at IS NULL",
            vals![id, at],
        )?;
        Ok(n == 1)
    }
}
