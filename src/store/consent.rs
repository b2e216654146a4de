//! SQL for the CPNI approval history: inserts only (the table refuses updates).

use crate::store::sql::vals;
use serde::Serialize;

use crate::error::Result;
use crate::store::{Read, Write};

/// One history row. For a notice cpni sent, `sent_on` is the day the outbox delivered it
/// (`None` while queued); for one another system sent, the day given.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Row {
    pub id: i64,
    pub account: String,
    pub kind: String,
    pub via: Option<String>,
    pub method: Option<String>,
    pub evidence: Option<String>,
    pub sent_on: Option<String>,
    pub outbox_id: Option<i64>,
    pub outbox_status: Option<String>,
    pub notice_missing: bool,
    pub session: Option<String>,
    pub agent: String,
    pub recorded_at: String,
}

impl Read<'_> {
    /// The account's history in recorded order.
    pub fn consent_history(&self, account: &str) -> Result<Vec<Row>> {
        self.sql.rows("SELECT c.id, c.account, c.kind, c.via, c.method, c.evidence, \
             COALESCE(c.sent_on, substr(o.sent_at, 1, 10)), c.outbox_id, o.status, c.notice_missing, \
             c.session, c.agent, c.recorded_at \
             FROM consent c LEFT JOIN outbox o ON o.id = c.outbox_id \
             WHERE c.account = ?1 ORDER BY c.id", vals![account], |r| {
            Ok(Row {
                id: r.get(0)?,
                account: r.get(1)?,
                kind: r.get(2)?,
                via: r.get(3)?,
                method: r.get(4)?,
                evidence: r.get(5)?,
                sent_on: r.get(6)?,
                outbox_id: r.get(7)?,
                outbox_status: r.get(8)?,
                notice_missing: r.get::<i64>(9)? == 1,
                session: r.get(10)?,
                agent: r.get(11)?,
                recorded_at: r.get(12)?,
            })
        })
    }
}

impl Write<'_> {
    /// Appends a row; returns its id. `sent_on` and `outbox_status` of `r` are as given.
    pub fn insert_consent(&self, r: &Row) -> Result<i64> {
        self.sql.insert_id(
            "INSERT INTO consent (account, kind, via, method, evidence, sent_on, outbox_id, \
             notice_missing, session, agent, recorded_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            vals![
                r.account,
                r.kind,
                r.via,
                r.method,
                r.evidence,
                r.sent_on,
                r.outbox_id,
                r.notice_missing as i64,
                r.session,
                r.agent,
                r.recorded_at
            ],
        )
    }
}
