//! SQL for breaches, their accounts, holds, notices and linked sessions.

use crate::store::sql::{Dialect, Row as SqlRow, vals};
use serde::Serialize;

use crate::error::Result;
use crate::store::{Read, Write};

/// A breach row (the 2024 rule's fields are `None` when not captured).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Breach {
    pub id: i64,
    pub rule: String,
    pub description: String,
    pub discovered_at: String,
    pub determined_at: String,
    pub determined_on: String,
    pub method: Option<String>,
    pub began_on: Option<String>,
    pub ended_on: Option<String>,
    pub affected: Option<i64>,
    pub estimated_loss: Option<String>,
    pub data_types: Option<String>,
    pub contact: Option<String>,
    pub harm_likely: Option<bool>,
    pub opened_by: String,
    pub opened_at: String,
    pub closed_at: Option<String>,
    pub closed_by: Option<String>,
    pub close_reason: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Hold {
    pub until_on: String,
    pub reference: Option<String>,
    pub agent: String,
    pub recorded_at: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Notice {
    pub party: String,
    pub at: String,
    pub on_date: String,
    pub reference: Option<String>,
    pub urgent_ref: Option<String>,
    pub agent: String,
    pub recorded_at: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Link {
    pub session: String,
    pub account: String,
    pub disclosures: i64,
    pub agent: String,
    pub recorded_at: String,
}

const COLUMNS: &str = "id, rule, description, discovered_at, determined_at, determined_on, \
    method, began_on, ended_on, affected, estimated_loss, data_types, contact, harm_likely, \
    opened_by, opened_at, closed_at, closed_by, close_reason";

fn row(r: &SqlRow<'_>) -> Result<Breach> {
    Ok(Breach {
        id: r.get(0)?,
        rule: r.get(1)?,
        description: r.get(2)?,
        discovered_at: r.get(3)?,
        determined_at: r.get(4)?,
        determined_on: r.get(5)?,
        method: r.get(6)?,
        began_on: r.get(7)?,
        ended_on: r.get(8)?,
        affected: r.get(9)?,
        estimated_loss: r.get(10)?,
        data_types: r.get(11)?,
        contact: r.get(12)?,
        harm_likely: r.get::<Option<i64>>(13)?.map(|v| v == 1),
        opened_by: r.get(14)?,
        opened_at: r.get(15)?,
        closed_at: r.get(16)?,
        closed_by: r.get(17)?,
        close_reason: r.get(18)?,
    })
}

impl Read<'_> {
    pub fn breach(&self, id: i64) -> Result<Option<Breach>> {
        self.sql.row(
            &format!("SELECT {COLUMNS} FROM breach WHERE id = ?1"),
            vals![id],
            row,
        )
    }

    /// Breaches determined in `[since, until)` (stored-format bounds; all when `None`), by id.
    pub fn breaches(&self, since: Option<&str>, until: Option<&str>) -> Result<Vec<Breach>> {
        self.sql.rows(
            &self.sql.text_nulls(&format!(
                "SELECT {COLUMNS} FROM breach WHERE (?1 IS NULL OR determined_at >= ?1) \
             AND (?2 IS NULL OR determined_at < ?2) ORDER BY id"
            )),
            vals![since, until],
            row,
        )
    }

    pub fn breach_accounts(&self, id: i64) -> Result<Vec<String>> {
        self.sql.rows(
            "SELECT account FROM breach_account WHERE breach = ?1 ORDER BY account",
            vals![id],
            |r| r.get(0),
        )
    }

    pub fn breach_holds(&self, id: i64) -> Result<Vec<Hold>> {
        self.sql.rows(
            "SELECT until_on, reference, agent, recorded_at FROM breach_hold WHERE breach = ?1 \
             ORDER BY id",
            vals![id],
            |r| {
                Ok(Hold {
                    until_on: r.get(0)?,
                    reference: r.get(1)?,
                    agent: r.get(2)?,
                    recorded_at: r.get(3)?,
                })
            },
        )
    }

    /// Notices in time order.
    pub fn breach_notices(&self, id: i64) -> Result<Vec<Notice>> {
        self.sql.rows("SELECT party, at, on_date, reference, urgent_ref, agent, recorded_at FROM breach_notice \
             WHERE breach = ?1 ORDER BY at, id", vals![id], |r| {
            Ok(Notice {
                party: r.get(0)?,
                at: r.get(1)?,
                on_date: r.get(2)?,
                reference: r.get(3)?,
                urgent_ref: r.get(4)?,
                agent: r.get(5)?,
                recorded_at: r.get(6)?,
            })
        })
    }

    /// Linked sessions with their account and the number of disclosures recorded in them.
    pub fn breach_links(&self, id: i64) -> Result<Vec<Link>> {
        self.sql.rows("SELECT l.session, s.account, \
             (SELECT count(*) FROM audit a WHERE a.session = l.session AND a.event = 'disclosure'), \
             l.agent, l.recorded_at \
             FROM breach_link l JOIN session s ON s.id = l.session WHERE l.breach = ?1 \
             ORDER BY l.recorded_at", vals![id], |r| {
            Ok(Link {
                session: r.get(0)?,
                account: r.get(1)?,
                disclosures: r.get(2)?,
                agent: r.get(3)?,
                recorded_at: r.get(4)?,
            })
        })
    }

    /// Breaches that name `account` (directly or through a linked session).
    pub fn breaches_of_account(&self, account: &str) -> Result<Vec<i64>> {
        self.sql.rows(
            "SELECT breach FROM breach_account WHERE account = ?1 UNION \
             SELECT l.breach FROM breach_link l JOIN session s ON s.id = l.session \
             WHERE s.account = ?1 ORDER BY 1",
            vals![account],
            |r| r.get(0),
        )
    }
}

impl Write<'_> {
    /// Inserts a breach and its accounts; returns its id.
    pub fn insert_breach(&self, b: &Breach, accounts: &[String]) -> Result<i64> {
        let id = self.sql.insert_id("INSERT INTO breach (rule, description, discovered_at, determined_at, determined_on, \
             method, began_on, ended_on, affected, estimated_loss, data_types, contact, harm_likely, \
             opened_by, opened_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)", vals![
                b.rule,
                b.description,
                b.discovered_at,
                b.determined_at,
                b.determined_on,
                b.method,
                b.began_on,
                b.ended_on,
                b.affected,
                b.estimated_loss,
                b.data_types,
                b.contact,
                b.harm_likely.map(|h| h as i64),
                b.opened_by,
                b.opened_at,
            ])?;
        for a in accounts {
            self.add_breach_account(id, a)?;
        }
        Ok(id)
    }

    /// Names an affected account (once).
    pub fn add_breach_account(&self, id: i64, account: &str) -> Result<()> {
        let sql = match self.sql.dialect() {
            Dialect::Sqlite => {
                "INSERT OR IGNORE INTO breach_account (breach, account) VALUES (?1, ?2)"
            }
            Dialect::Postgres => {
                "INSERT INTO breach_account (breach, account) VALUES (?1, ?2) \
                                  ON CONFLICT DO NOTHING"
            }
        };
        self.sql.execute(sql, vals![id, account])?;
        Ok(())
    }

    /// Closes an open breach; false when it was closed already (checked in the same statement).
    pub fn close_breach(&self, id: i64, at: &str, by: &str, reason: &str) -> Result<bool> {
        let n = self.sql.execute(
            "UPDATE breach SET closed_at = ?2, closed_by = ?3, close_reason = ?4 \
             WHERE id = ?1 AND closed_at IS NULL",
            vals![id, at, by, reason],
        )?;
        Ok(n == 1)
    }

    pub fn add_breach_hold(&self, id: i64, h: &Hold) -> Result<()> {
        self.sql.execute(
            "INSERT INTO breach_hold (breach, until_on, reference, agent, recorded_at) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            vals![id, h.until_on, h.reference, h.agent, h.recorded_at],
        )?;
        Ok(())
    }

    pub fn add_breach_notice(&self, id: i64, n: &Notice) -> Result<()> {
        self.sql.execute(
            "INSERT INTO breach_notice (breach, party, at, on_date, reference, urgent_ref, agent, \
             recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            vals![
                id,
                n.party,
                n.at,
                n.on_date,
                n.reference,
                n.urgent_ref,
                n.agent,
                n.recorded_at
            ],
        )?;
        Ok(())
    }

    /// Links a session; false when it was linked already.
    pub fn add_breach_link(&self, id: i64, session: &str, agent: &str, at: &str) -> Result<bool> {
        let sql = match self.sql.dialect() {
            Dialect::Sqlite => {
                "INSERT OR IGNORE INTO breach_link (breach, session, agent, recorded_at) \
                                VALUES (?1, ?2, ?3, ?4)"
            }
            Dialect::Postgres => {
                "INSERT INTO breach_link (breach, session, agent, recorded_at) \
                                  VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING"
            }
        };
        let n = self.sql.execute(sql, vals![id, session, agent, at])?;
        Ok(n == 1)
    }
}
