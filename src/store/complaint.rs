//! SQL for customer complaints about CPNI.

use crate::store::sql::vals;
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
        self.sql.rows(&self.sql.text_nulls("SELECT id, account, category, description, session, agent, received_at FROM complaint \
             WHERE (?1 IS NULL OR account = ?1) AND (?2 IS NULL OR category = ?2) \
             AND (?3 IS NULL OR received_at >= ?3) AND (?4 IS NULL OR received_at < ?4) ORDER BY id"), vals![f.account, f.category, f.since, f.until], |r| {
            Ok(Complaint {
                id: r.get(0)?,
                account: r.get(1)?,
                category: r.get(2)?,
                description: r.get(3)?,
                session: r.get(4)?,
                agent: r.get(5)?,
                received_at: r.get(6)?,
            })
        })
    }
}

impl Write<'_> {
    pub fn insert_complaint(&self, c: &Complaint) -> Result<i64> {
        self.sql.insert_id(
            "INSERT INTO complaint (account, category, description, session, agent, received_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            vals![
                c.account,
                c.category,
                c.description,
                c.session,
                c.agent,
                c.received_at
            ],
        )
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
