//! Schema migrations: numbered, append-only steps on `PRAGMA user_version`.
//!
//! Step N moves a database from version N-1 to N. A shipped step is never edited; a change to
//! the schema is a new step plus the matching edit of `schema.sql`. A database whose version is
//! newer than this binary knows is refused (exit 5) rather than guessed at.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Kind, Result};

/// The steps, in order. `MIGRATIONS[i]` takes the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_compliance.sql"),
    include_str!("migrations/0003_audit_on_behalf_index.sql"),
    include_str!("migrations/0004_audit_purge.sql"),
    include_str!("migrations/0005_breach_close.sql"),
    include_str!("migrations/0006_call_chains.sql"),
    include_str!("migrations/0007_audit_proofs.sql"),
    include_str!("migrations/0008_agent_keys.sql"),
    include_str!("migrations/0009_row_digests.sql"),
    include_str!("migrations/0010_audit_trust.sql"),
    include_str!("migrations/0011_more_digests.sql"),
    include_str!("migrations/0012_row_seals.sql"),
];

/// The version from which audit records carry row digests: a database migrated to it from an
/// older one gets a baseline record for each existing row ([`super::audit::rowdigest::baseline`]).
pub const ROW_DIGESTS_VERSION: i64 = 9;

/// The version that brings the signed head (`audit_head`): a database upgraded past it with
/// records already in its chain has its head signed once, right after the upgrade
/// ([`crate::store::audit::head::seal_upgrade`]).
pub const SIGNED_HEAD_VERSION: i64 = 10;

/// The version that added sessions, codes, outbox messages and agent keys to the row digests:
/// a database that already had digests gets baseline records for those tables' rows.
pub const MORE_DIGESTS_VERSION: i64 = 11;

/// The tables [`MORE_DIGESTS_VERSION`] added to the row digests.
pub const MORE_DIGESTS_TABLES: &[&str] = &["session", "code", "outbox", "agent_key"];

/// The version that brings row seals (`row_seal`) and `"prior"` digests: an upgrade to it
/// fills the seals from the digests already in the chain
/// ([`super::audit::rowdigest::rebuild_seals`]).
pub const ROW_SEALS_VERSION: i64 = 12;

/// The schema version this binary writes.
pub fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Refuses a database made by a newer cpni.
pub fn check_version(conn: &Connection) -> Result<()> {
    let v = user_version(conn)?;
    if v > current_version() {
        return Err(Error::new(
            Kind::Storage,
            "schema-too-new",
            format!(
                "the database has schema version {v}, newer than this cpni understands (version {})",
                current_version()
            ),
        )
        .hint("upgrade cpni to the version that created this database; nothing was changed"));
    }
    Ok(())
}

/// Whether any step remains to be applied.
pub fn needs_migration(conn: &Connection) -> Result<bool> {
    Ok(user_version(conn)? < current_version())
}

/// Applies every missing step in one immediate transaction.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let v = user_version(&tx)?;
    check_version(&tx)?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(v as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        let step = i as i64 + 1;
        // Step 9 baselines every table in the current lists; step 11 only the tables it added,
        // and only when step 9 ran before this upgrade (else step 9 just covered them).
        let only = match step {
            ROW_DIGESTS_VERSION if v > 0 => Some(&[][..]),
            MORE_DIGESTS_VERSION if v >= ROW_DIGESTS_VERSION => Some(MORE_DIGESTS_TABLES),
            _ => None,
        };
        if let Some(only) = only {
            let actor = crate::audit::Actor {
                login: "cpni".into(),
                on_behalf_of: None,
            };
            let why = format!("migration {step}");
            super::audit::rowdigest::baseline(&tx, &actor, crate::clock::now(), &why, only)?;
        }
        // Runs after any baseline of this same upgrade, so those records are sealed too.
        if step == ROW_SEALS_VERSION {
            super::audit::rowdigest::rebuild_seals(&tx)?;
        }
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_an_empty_database_and_is_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), current_version());
        migrate(&mut conn).unwrap();
        assert!(!needs_migration(&conn).unwrap());
    }

    #[test]
    fn refuses_a_newer_schema() {
        let conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", current_version() + 1)
            .unwrap();
        let err = check_version(&conn).unwrap_err();
        assert_eq!(err.exit_code(), 5);
        assert!(err.message.contains("newer"));
    }
}
