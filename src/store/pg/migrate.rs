//! Applying the PostgreSQL migrations ([`super::MIGRATIONS`]) as the owner role, for `cpni
//! init`. The whole run holds a session advisory lock ([`INIT_LOCK`]), so two hosts running
//! `cpni init` at once apply each step once: the second waits, then finds the steps done. Each
//! step runs in its own transaction with its `schema_version` bump (the step's own last
//! statement) and the writers' lock ([`super::WRITER_LOCK`]), so no step of a running cpni
//! sees half a migration. A database with other tables and no `schema_version` is not a cpni
//! database and is refused; one at a newer version than this binary knows is refused.

use postgres::Client;

use super::MIGRATIONS;
use super::error::PgError;
use super::target::Target;
use crate::error::{Error, Kind, Result};

/// The key of the advisory lock `cpni init` holds while it migrates ("cpniinit" as a
/// big-endian i64, apart from [`super::WRITER_LOCK`]).
pub const INIT_LOCK: i64 = i64::from_be_bytes(*b"cpniinit");

/// How long `cpni init` waits for another host's `cpni init` (PostgreSQL's `lock_timeout`).
pub const INIT_LOCK_WAIT: &str = "60s";

/// What a migration run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrated {
    /// The schema version found (0: an empty database).
    pub from: usize,
    /// The schema version left.
    pub to: usize,
}

/// The newest PostgreSQL schema version this binary knows.
pub fn current_version() -> usize {
    MIGRATIONS.len()
}

/// Brings the database of `client` (connected as the owner) up to [`current_version`]. `decide`
/// is called with the version found, under the lock and before any step, and may refuse (the
/// keys of a host joining an existing database).
pub fn migrate(
    client: &mut Client,
    t: &Target,
    decide: impl FnOnce(usize) -> Result<()>,
) -> Result<Migrated> {
    let pg = |e: postgres::Error| Error::from(PgError::new(&e, t, &t.owner_role));
    client
        .batch_execute(&format!("SET lock_timeout = '{INIT_LOCK_WAIT}'"))
        .map_err(pg)?;
    client
        .execute("SELECT pg_advisory_lock($1)", &[&INIT_LOCK])
        .map_err(pg)?;
    let from = version(client, t, &t.owner_role)?;
    if from > current_version() {
        return Err(Error::new(
            Kind::Storage,
            "schema-too-new",
            format!(
                "the PostgreSQL database at {} has schema version {from}, newer than this cpni \
                 understands (version {})",
                t.place(),
                current_version()
            ),
        )
        .hint("upgrade cpni to the version that created this database; nothing was changed"));
    }
    decide(from)?;
    for (i, step) in MIGRATIONS.iter().enumerate().skip(from) {
        let mut tx = client.transaction().map_err(pg)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&super::WRITER_LOCK])
            .map_err(pg)?;
        tx.batch_execute(step).map_err(|e| {
            let mut err = pg(e);
            err.message = format!("migration {} failed: {}", i + 1, err.message);
            err
        })?;
        tx.commit().map_err(pg)?;
    }
    client
        .execute("SELECT pg_advisory_unlock($1)", &[&INIT_LOCK])
        .map_err(pg)?;
    Ok(Migrated {
        from,
        to: current_version(),
    })
}

/// The schema version of the database: 0 when it is empty; refused when it has tables but no
/// `schema_version` (not a cpni database). `role` is the role `client` logged in as.
pub fn version(client: &mut Client, t: &Target, role: &str) -> Result<usize> {
    let pg = |e: postgres::Error| Error::from(PgError::new(&e, t, role));
    let row = client
        .query_one(
            "SELECT to_regclass('public.schema_version') IS NOT NULL, \
                    (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                     WHERE n.nspname = 'public')",
            &[],
        )
        .map_err(pg)?;
    let (has_version, objects): (bool, i64) = (row.get(0), row.get(1));
    if !has_version {
        if objects > 0 {
            return Err(Error::new(
                Kind::Storage,
                "pg-not-cpni",
                format!(
                    "the PostgreSQL database at {} is not empty and is not a cpni database (it \
                     has {objects} tables or other objects and no schema_version)",
                    t.place()
                ),
            )
            .hint("give cpni an empty database of its own: createdb --owner=cpni_owner cpni; nothing was changed"));
        }
        return Ok(0);
    }
    let v: i32 = client
        .query_one("SELECT version FROM schema_version WHERE id = 1", &[])
        .map_err(pg)?
        .get(0);
    Ok(usize::try_from(v).unwrap_or(0))
}
