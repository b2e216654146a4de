//! SQL for one-time codes: only their keyed digests are stored.

use rusqlite::params;

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
        let mut stmt = self.lite()?.prepare_cached(
            "SELECT id, channel, digest, expires_at FROM code \
             WHERE account = ?1 AND used_at IS NULL AND superseded = 0 ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([account], |r| {
            Ok(Code {
                id: r.get(0)?,
                channel: r.get(1)?,
                digest: r.get(2)?,
                expires_at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Codes issued on a session, and on the account since `since`.
    pub fn issued_code_counts(
        &self,
        account: &str,
        session: &str,
        since: &str,
    ) -> Result<(i64, i64)> {
        let on_session = self.lite()?.query_row(
            "SELECT count(*) FROM code WHERE session = ?1",
            [session],
            |r| r.get(0),
        )?;
        let on_account = self.lite()?.query_row(
            "SELECT count(*) FROM code WHERE account = ?1 AND issued_at >= ?2",
            params![account, since],
            |r| r.get(0),
        )?;
        Ok((on_session, on_account))
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
        self.lite()?.execute(
            "UPDATE code SET superseded = 1 WHERE account = ?1 AND channel = ?2 AND used_at IS NULL",
            params![account, channel],
        )?;
        self.lite()?.execute(
            "INSERT INTO code (account, session, channel, digest, issued_at, expires_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![account, session, channel, digest, issued_at, expires_at],
        )?;
        Ok(self.lite()?.last_insert_rowid())
    }

    /// Marks a code used (single use).
    pub fn mark_code_used(&self, id: i64, at: &str) -> Result<bool> {
        let n = self.lite()?.execute(
            "UPDATE code SET used_at = ?2 WHERE id = ?1 AND used_at IS NULL",
            params![id, at],
        )?;
        Ok(n == 1)
    }
}
