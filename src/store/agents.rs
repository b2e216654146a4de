//! SQL for agents (the people and services allowed to run cpni).

use crate::store::sql::{Row, vals};
use serde::Serialize;

use crate::error::Result;
use crate::store::{Read, Write};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agent {
    pub login: String,
    pub name: String,
    pub role: String,
    pub active: bool,
    pub created_at: String,
}

fn row(r: &Row<'_>) -> Result<Agent> {
    Ok(Agent {
        login: r.get(0)?,
        name: r.get(1)?,
        role: r.get(2)?,
        active: r.get::<i64>(3)? == 1,
        created_at: r.get(4)?,
    })
}

const COLUMNS: &str = "login, name, role, active, created_at";

impl Read<'_> {
    pub fn agent(&self, login: &str) -> Result<Option<Agent>> {
        self.sql.row(
            &format!("SELECT {COLUMNS} FROM agent WHERE login = ?1"),
            vals![login],
            row,
        )
    }

    pub fn agents(&self) -> Result<Vec<Agent>> {
        self.sql.rows(
            &format!("SELECT {COLUMNS} FROM agent ORDER BY login"),
            &[],
            row,
        )
    }

    /// Logins of active admins, for "ask X to register you" messages.
    pub fn active_admins(&self) -> Result<Vec<String>> {
        self.sql.rows(
            "SELECT login FROM agent WHERE role = 'admin' AND active = 1 ORDER BY login",
            &[],
            |r| r.get(0),
        )
    }
}

impl Write<'_> {
    pub fn insert_agent(&self, a: &Agent) -> Result<()> {
        self.sql.execute(
            "INSERT INTO agent (login, name, role, active, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            vals![a.login, a.name, a.role, a.active as i64, a.created_at],
        )?;
        Ok(())
    }

    pub fn set_agent_role(&self, login: &str, role: &str, at: &str) -> Result<()> {
        self.sql.execute(
            "UPDATE agent SET role = ?2, updated_at = ?3 WHERE login = ?1",
            vals![login, role, at],
        )?;
        Ok(())
    }

    pub fn set_agent_active(&self, login: &str, active: bool, at: &str) -> Result<()> {
        self.sql.execute(
            "UPDATE agent SET active = ?2, updated_at = ?3 WHERE login = ?1",
            vals![login, active as i64, at],
        )?;
        Ok(())
    }
}
