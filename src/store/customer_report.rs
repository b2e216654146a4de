//! SQL for `cpni customer report`: what is held about one customer, outside the customer row.
//! Read-only; never selects a secret, a hash or a message body: authentication attempts and
//! codes issued are read field by field from their audit records, never the whole detail.

use crate::store::sql::vals;
use serde::Serialize;

use crate::error::Result;
use crate::store::Read;

#[derive(Debug, Clone, Serialize)]
pub struct SessionRow {
    pub id: String,
    pub channel: String,
    pub started_at: String,
    pub basis: Option<String>,
    pub verified_at: Option<String>,
    pub ended_at: Option<String>,
    pub end_reason: Option<String>,
}

impl Read<'_> {
    /// The customer's sessions, oldest first.
    pub fn report_sessions(&self, account: &str) -> Result<Vec<SessionRow>> {
        self.sql.rows(
            "SELECT id, channel, started_at, basis, verified_at, ended_at, end_reason FROM session \
             WHERE account = ?1 ORDER BY started_at, id",
            vals![account],
            |r| {
                Ok(SessionRow {
                    id: r.get(0)?,
                    channel: r.get(1)?,
                    started_at: r.get(2)?,
                    basis: r.get(3)?,
                    verified_at: r.get(4)?,
                    ended_at: r.get(5)?,
                    end_reason: r.get(6)?,
                })
            },
        )
    }

    /// Disclosures recorded for the account (audit events `disclosure`), oldest first.
    pub fn report_disclosures(&self, account: &str) -> Result<Vec<DisclosureRow>> {
        self.sql.rows(&self.sql.json_text("SELECT at, session, json_extract(detail, '$.scope'), json_extract(detail, '$.channel'), \
             json_extract(detail, '$.purpose'), json_extract(detail, '$.reference'), \
             json_extract(detail, '$.calls') FROM audit \
             WHERE account = ?1 AND event = 'disclosure' ORDER BY seq"), vals![account], |r| {
            Ok(DisclosureRow {
                at: r.get(0)?,
                session: r.get(1)?,
                scope: r.get(2)?,
                channel: r.get(3)?,
                purpose: r.get(4)?,
                reference: r.get(5)?,
                calls: r.get(6)?,
            })
        })
    }

    /// Messages to the customer (notices, codes, disclosures sent), without their bodies.
    pub fn report_messages(&self, account: &str) -> Result<Vec<MessageRow>> {
        self.sql.rows(
            "SELECT created_at, kind, channel, recipient, subject, status, sent_at FROM outbox \
             WHERE account = ?1 ORDER BY id",
            vals![account],
            |r| {
                Ok(MessageRow {
                    created_at: r.get(0)?,
                    kind: r.get(1)?,
                    channel: r.get(2)?,
                    recipient: r.get(3)?,
                    subject: r.get(4)?,
                    status: r.get(5)?,
                    sent_at: r.get(6)?,
                })
            },
        )
    }

    /// Account changes recorded (which field, when); never the values.
    pub fn report_changes(&self, account: &str) -> Result<Vec<(String, String)>> {
        self.sql.rows(&self.sql.json_text("SELECT at, COALESCE(json_extract(detail, '$.change'), event) FROM audit \
             WHERE account = ?1 AND event IN ('customer.add', 'customer.import', 'customer.change', \
             'pin.reset', 'lock.start', 'lock.unlock') ORDER BY seq"), vals![account], |r| Ok((r.get(0)?, r.get(1)?)))
    }

    /// Authentication attempts (`auth.*`) and every refusal (`*.refused`) on the account, oldest
    /// first: who, when, method, outcome and reason; never the secret tried.
    pub fn report_attempts(&self, account: &str) -> Result<Vec<AttemptRow>> {
        self.sql.rows(
            &self.sql.json_text(
                "SELECT at, actor, session, event, CAST(json_extract(detail, '$.reason') AS TEXT), \
             CAST(json_extract(detail, '$.outcome') AS TEXT) FROM audit \
             WHERE account = ?1 AND (event LIKE 'auth.%' OR event LIKE '%.refused') ORDER BY seq",
            ),
            vals![account],
            |r| {
                let event: String = r.get(3)?;
                let outcome_detail: Option<String> = r.get(5)?;
                let (method, outcome) = split_event(&event);
                Ok(AttemptRow {
                    at: r.get(0)?,
                    agent: r.get(1)?,
                    session: r.get(2)?,
                    method,
                    outcome,
                    reason: r.get::<Option<String>>(4)?.or(outcome_detail),
                })
            },
        )
    }

    /// One-time codes issued to the account (never the code or its digest), oldest first.
    pub fn report_codes(&self, account: &str) -> Result<Vec<CodeRow>> {
        self.sql.rows(
            &self.sql.json_text(
                "SELECT at, actor, session, COALESCE(json_extract(detail, '$.channel'), ''), \
             json_extract(detail, '$.expires_at') FROM audit \
             WHERE account = ?1 AND event = 'code.issued' ORDER BY seq",
            ),
            vals![account],
            |r| {
                Ok(CodeRow {
                    issued_at: r.get(0)?,
                    agent: r.get(1)?,
                    session: r.get(2)?,
                    channel: r.get(3)?,
                    expires_at: r.get(4)?,
                })
            },
        )
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DisclosureRow {
    pub at: String,
    pub session: String,
    pub scope: Option<String>,
    pub channel: Option<String>,
    pub purpose: Option<String>,
    pub reference: Option<String>,
    /// The calls the caller described (`caller-supplied`), as recorded.
    pub calls: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MessageRow {
    pub created_at: String,
    pub kind: String,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub status: String,
    pub sent_at: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttemptRow {
    pub at: String,
    /// The agent who handled the attempt.
    pub agent: String,
    pub session: String,
    /// `pin`, `callback`, `code`, `photo-id`, … or the refused step (`disclosure`, `send`, …).
    pub method: String,
    /// `ok`, `fail` or `refused`.
    pub outcome: String,
    /// Why it failed or was refused (a code such as `locked` or `expired`), when recorded.
    pub reason: Option<String>,
}

/// `auth.pin.ok` → (`pin`, `ok`); `disclosure.refused` → (`disclosure`, `refused`);
/// `code.email.refused` → (`code.email`, `refused`).
fn split_event(event: &str) -> (String, String) {
    let rest = event.strip_prefix("auth.").unwrap_or(event);
    match rest.rsplit_once('.') {
        Some((m, o)) => (m.to_string(), o.to_string()),
        None => (rest.to_string(), String::new()),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CodeRow {
    pub issued_at: String,
    pub agent: String,
    pub session: String,
    /// `email` or `mail`.
    pub channel: String,
    pub expires_at: Option<String>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn events_split_into_method_and_outcome() {
        let s = |e| super::split_event(e);
        assert_eq!(s("auth.pin.ok"), ("pin".into(), "ok".into()));
        assert_eq!(s("auth.photo-id.fail"), ("photo-id".into(), "fail".into()));
        assert_eq!(
            s("disclosure.refused"),
            ("disclosure".into(), "refused".into())
        );
        assert_eq!(
            s("code.email.refused"),
            ("code.email".into(), "refused".into())
        );
    }
}
