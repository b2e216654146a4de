//! SQL for customer complaints about CPNI.

use rusqlite::params;
use serde::Serialize;

use crate::error::Result;
use crate::store::{Read, Write};

#[derive(Debug, Clone, Default, Serialize)]
pub struct Complaint {
    pub id: i64,
    pub account: String,
    pub category: String,
    pub description: String,
    pub session: Option<String>,
    pub agent: String,
    pub received_at: String,
}

impl Read<'_> {
    /// Complaints matching `f`, oldest first.
    pub fn complaints(&self, f: &Filter) -> Result<Vec<Complaint>> {
        let mut stmt = self.lite()?.prepare(
            "SELECT id, account, category, description, session, agent, received_at FROM complaint \
             WHERE (?1 IS NULL OR account = ?1) AND (?2 IS NULL OR category = ?2) \
             AND (?3 IS NULL OR received_at >= ?3) AND (?4 IS NULL OR received_at < ?4) ORDER BY id",
        )?;
        let rows = stmt.query_map(params![f.account, f.category, f.since, f.until], |r| {
            Ok(Complaint {
                id: r.get(0)?,
                account: r.get(1)?,
                category: r.get(2)?,
                description: r.get(3)?,
                session: r.get(4)?,
                agent: r.get(5)?,
                received_at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Write<'_> {
    pub fn insert_complaint(&self, c: &Complaint) -> Result<i64> {
        self.lite()?.execute(
            "INSERT INTO complaint (account, category, description, session, agent, received_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                c.account,
                c.category,
                c.description,
                c.session,
                c.agent,
                c.received_at
            ],
        )?;
        Ok(self.lite()?.last_insert_rowid())
    }
}

/// Filters for listing; `None` means no filter. Times are stored-format bounds `[since, until)`.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub account: Option<String>,
    pub category: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
}
