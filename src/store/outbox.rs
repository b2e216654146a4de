//! SQL for the outbox: messages queued, sent or failed for good.
//!
//! `body` and `attachment` hold sealed text and bytes (`sealed1:…`, made and opened by
//! `crate::mail::sealed`; this module never sees the plaintext of a new item):
//! [`Write::insert_outbox_item`] refuses either unsealed. Rows from before sealing hold plain
//! text and bytes, returned as stored.

use crate::store::sql::{Row, vals};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::secrets::seal::{PREFIX, is_sealed};
use crate::store::{Read, Write};

#[derive(Debug, Clone, Default, Serialize)]
pub struct Item {
    pub id: i64,
    pub created_at: String,
    pub account: String,
    pub session: Option<String>,
    pub kind: String,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    #[serde(skip)]
    pub body: Option<String>,
    pub attachment_name: Option<String>,
    #[serde(skip)]
    pub attachment: Option<Vec<u8>>,
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub next_try_at: Option<String>,
    pub message_id: String,
    pub path: Option<String>,
    pub sent_at: Option<String>,
}

const COLUMNS: &str = "id, created_at, account, session, kind, channel, recipient, subject, body, \
    attachment_name, attachment, status, attempts, last_error, next_try_at, message_id, path, sent_at";

fn row(r: &Row<'_>) -> Result<Item> {
    Ok(Item {
        id: r.get(0)?,
        created_at: r.get(1)?,
        account: r.get(2)?,
        session: r.get(3)?,
        kind: r.get(4)?,
        channel: r.get(5)?,
        recipient: r.get(6)?,
        subject: r.get(7)?,
        body: r.get(8)?,
        attachment_name: r.get(9)?,
        attachment: r.get(10)?,
        status: r.get(11)?,
        attempts: r.get(12)?,
        last_error: r.get(13)?,
        next_try_at: r.get(14)?,
        message_id: r.get(15)?,
        path: r.get(16)?,
        sent_at: r.get(17)?,
    })
}

impl Read<'_> {
    pub fn outbox_item(&self, id: i64) -> Result<Option<Item>> {
        self.sql.row(
            &format!("SELECT {COLUMNS} FROM outbox WHERE id = ?1"),
            vals![id],
            row,
        )
    }

    /// Items by status (all when `None`), oldest first.
    pub fn outbox_items(&self, status: Option<&str>) -> Result<Vec<Item>> {
        self.sql.rows(
            &self.sql.text_nulls(&format!(
                "SELECT {COLUMNS} FROM outbox WHERE ?1 IS NULL OR status = ?1 ORDER BY id"
            )),
            vals![status],
            row,
        )
    }

    /// Queued items due for an attempt at `now`.
    pub fn due_outbox_items(&self, now: &str) -> Result<Vec<Item>> {
        self.sql.rows(
            &format!(
                "SELECT {COLUMNS} FROM outbox WHERE status = 'queued' \
                 AND (next_try_at IS NULL OR next_try_at <= ?1) ORDER BY id"
            ),
            vals![now],
            row,
        )
    }
}

impl Write<'_> {
    /// Queues a message whose body is sealed (`crate::mail::sealed::BodyKey::seal`); returns
    /// its id. A body that is not sealed is refused (an internal error: nothing is written).
    pub fn insert_outbox_item(&self, i: &Item) -> Result<i64> {
        let open_body = i.body.as_deref().is_some_and(|b| !is_sealed(b));
        let open_attachment = i
            .attachment
            .as_deref()
            .is_some_and(|a| !a.starts_with(PREFIX.as_bytes()));
        if open_body || open_attachment {
            return Err(Error::internal(format!(
                "outbox item ({}) to be queued with a body or attachment that is not sealed",
                i.kind
            )));
        }
        self.sql.insert_id(
            "INSERT INTO outbox (created_at, account, session, kind, channel, recipient, subject, body, \
             attachment_name, attachment, status, message_id) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'queued', ?11)",
            vals![
                i.created_at,
                i.account,
                i.session,
                i.kind,
                i.channel,
                i.recipient,
                i.subject,
                i.body,
                i.attachment_name,
                i.attachment,
                i.message_id
            ],
        )
    }

    /// Records a delivery. A message that carried a one-time code drops its body now.
    pub fn mark_outbox_sent(
        &self,
        id: i64,
        at: &str,
        path: Option<&str>,
        keep_body: bool,
    ) -> Result<bool> {
        let n = self.sql.execute(
            "UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?2, path = ?3, \
             last_error = NULL, next_try_at = NULL, \
             body = CASE WHEN ?4 THEN body ELSE NULL END WHERE id = ?1 AND status = 'queued'",
            vals![id, at, path, keep_body],
        )?;
        Ok(n == 1)
    }

    /// Records a failed attempt: queued for retry at `next_try_at`, or failed for good. Only a
    /// queued item changes (a failure never turns a sent item back into a queued one); returns
    /// whether it did. An item failed for good loses its body and attachment (a code, CPNI).
    pub fn mark_outbox_failed(
        &self,
        id: i64,
        error: &str,
        next_try_at: Option<&str>,
    ) -> Result<bool> {
        let status = if next_try_at.is_some() {
            "queued"
        } else {
            "failed"
        };
        let n = self.sql.execute(
            "UPDATE outbox SET status = ?2, attempts = attempts + 1, last_error = ?3, next_try_at = ?4, \
             body = CASE WHEN ?2 = 'failed' THEN NULL ELSE body END, \
             attachment = CASE WHEN ?2 = 'failed' THEN NULL ELSE attachment END \
             WHERE id = ?1 AND status = 'queued'",
            vals![id, status, error, next_try_at],
        )?;
        Ok(n == 1)
    }
}
