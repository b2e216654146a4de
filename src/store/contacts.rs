//! SQL for the contact history: contacts of record that were replaced (inserts only; the
//! table refuses updates and deletes).

use crate::store::sql::vals;

use crate::error::Result;
use crate::store::{Read, Write};

/// One replaced value of a contact of record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retired {
    pub kind: String,
    pub value: String,
    pub since: String,
    pub until: String,
}

impl Read<'_> {
    /// The account's replaced contacts replaced at or after `after`, newest first.
    pub fn contacts_retired_since(&self, account: &str, after: &str) -> Result<Vec<Retired>> {
        self.sql.rows(
            "SELECT kind, value, since, until FROM contact_history \
             WHERE account = ?1 AND until >= ?2 ORDER BY until DESC, id DESC",
            vals![account, after],
            |r| {
                Ok(Retired {
                    kind: r.get(0)?,
                    value: r.get(1)?,
                    since: r.get(2)?,
                    until: r.get(3)?,
                })
            },
        )
    }
}

impl Write<'_> {
    /// Records that `kind` had `value` from `since` until `until`.
    pub fn retire_contact(
        &self,
        account: &str,
        kind: &str,
        value: &str,
        since: &str,
        until: &str,
    ) -> Result<()> {
        self.sql.execute("INSERT INTO contact_history (account, kind, value, since, until) VALUES (?1, ?2, ?3, ?4, ?5)", vals![account, kind, value, since, until])?;
        Ok(())
    }
}
