//! Applying the PostgreSQL migrations ([`super::MIGRATIONS`]) as the owner role, for `cpni
//! init`. The whole run holds a session advisory lock ([`INIT_LOCK`]), so two hosts running
//! `cpni init` at once apply each step once: the second waits, then finds the steps done. The
//! pending steps, their `schema_version` bumps and the host keys' fingerprint
//! ([`super::hostkeys`]) commit in one transaction that holds the writers' lock
//! ([`super::WRITER_LOCK`]): a failed init leaves the database as it was, no step of a running
//! cpni sees half a migration, and the first host's fingerprint is recorded with the schema or
//! not at all. The session's `search_path` is `public` (PostgreSQL then searches `pg_catalog`
//! first, implicitly, and creates the tables in `public`), so neither a schema named after the
//! owner role nor a function in `public` named like a built-in can capture anything. A database without cpni's `schema_version` that
//! holds any object of its own (a table, view, sequence, function, type or extension in any
//! schema but `pg_catalog`, `information_schema` and the toast and temporary ones; an empty
//! schema is no object) is not cpni's and is refused untouched; so is a `schema_version` of
//! another shape, a version outside 1..=[`current_version`], or one without cpni's tables.

use postgres::GenericClient;

use super::MIGRATIONS;
use super::error::PgError;
use super::hostkeys::{self, Fingerprint, HostKeys};
use super::target::Target;
use crate::error::{Error, Kind, Result};

/// The key of the advisory lock `cpni init` holds while it migrates ("cpniinit" as a
/// big-endian i64, apart from [`super::WRITER_LOCK`]).
pub const INIT_LOCK: i64 = i64::from_be_bytes(*b"cpniinit");

/// How long `cpni init` waits for another host's `cpni init` (PostgreSQL's `lock_timeout`).
pub const INIT_LOCK_WAIT: &str = "60s";

/// [`INIT_LOCK_WAIT`] as a duration: the lock wait the watchdog allows `cpni init`'s whole
/// migration beyond the round-trip bound (`super::watchdog`).
pub const INIT_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// What a migration run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrated {
    /// The schema version found (0: an empty database).
    pub from: usize,
    /// The schema version left.
    pub to: usize,
    /// This run recorded the host's key fingerprint (the first host of the database).
    pub recorded: bool,
}

/// The newest PostgreSQL schema version this binary knows.
pub fn current_version() -> usize {
    MIGRATIONS.len()
}

/// Brings the database of `client` (connected as the owner) up to [`current_version`], and
/// records `keys`' fingerprint when the database has none, or refuses `keys` when they differ
/// from it (or are not on this host). `after` runs once the transaction has committed, still
/// under the init lock (the first host writes its key files there, so another `cpni init` of
/// the same host finds them).
pub fn migrate(
    client: &mut postgres::Client,
    t: &Target,
    keys: &HostKeys,
    after: impl FnOnce(&Migrated) -> Result<()>,
) -> Result<Migrated> {
    let pg = |e: postgres::Error| Error::from(PgError::new(&e, t, &t.owner_role));
    client
        .batch_execute(&format!(
            "SET lock_timeout = '{INIT_LOCK_WAIT}'; SET search_path = public"
        ))
        .map_err(pg)?;
    client
        .execute("SELECT pg_catalog.pg_advisory_lock($1)", &[&INIT_LOCK])
        .map_err(pg)?;
    let mut tx = client.transaction().map_err(pg)?;
    tx.execute(
        "SELECT pg_catalog.pg_advisory_xact_lock($1)",
        &[&super::WRITER_LOCK],
    )
    .map_err(pg)?;
    let from = version(&mut tx, t, &t.owner_role)?;
    if from > current_version() {
        return Err(too_new(t, from));
    }
    for (i, step) in MIGRATIONS.iter().enumerate().skip(from) {
        tx.batch_execute(step).map_err(|e| {
            let mut err = pg(e);
            err.message = format!("migration {} failed: {}", i + 1, err.message);
            err
        })?;
    }
    let recorded = fingerprint(&mut tx, t, keys)?;
    tx.commit().map_err(pg)?;
    let done = Migrated {
        from,
        to: current_version(),
        recorded,
    };
    after(&done)?;
    client
        .execute("SELECT pg_catalog.pg_advisory_unlock($1)", &[&INIT_LOCK])
        .map_err(pg)?;
    Ok(done)
}

fn too_new(t: &Target, from: usize) -> Error {
    Error::new(
        Kind::Storage,
        "schema-too-new",
        format!(
            "the PostgreSQL database at {} has schema version {from}, newer than this cpni \
             understands (version {})",
            t.place(),
            current_version()
        ),
    )
    .hint("upgrade cpni to the version that created this database; nothing was changed")
}

/// Records `keys`' fingerprint if the database has none (returns true), else compares them.
fn fingerprint(tx: &mut impl GenericClient, t: &Target, keys: &HostKeys) -> Result<bool> {
    let pg = |e: postgres::Error| Error::from(PgError::new(&e, t, &t.owner_role));
    let fp = keys.fingerprint();
    let row = tx
        .query_opt(
            "SELECT signing_public, code_key_mac FROM public.host_key_fingerprint WHERE id = 1",
            &[],
        )
        .map_err(pg)?;
    let Some(row) = row else {
        tx.execute(
            "INSERT INTO public.host_key_fingerprint (id, signing_public, code_key_mac) \
             VALUES (1, $1, $2)",
            &[&fp.signing_public, &fp.code_key_mac],
        )
        .map_err(pg)?;
        return Ok(true);
    };
    let stored = Fingerprint {
        signing_public: row.get(0),
        code_key_mac: row.get(1),
    };
    let reloaded = keys.reload()?;
    let keys = reloaded.as_ref().unwrap_or(keys);
    if !keys.on_disk {
        return Err(hostkeys::missing(&t.place(), keys, Some(&stored)));
    }
    let fp = keys.fingerprint();
    if stored != fp {
        return Err(hostkeys::mismatch(&t.place(), keys, &fp, &stored));
    }
    Ok(false)
}

/// Requires the host's key files at `keys` to be those whose fingerprint the database's first
/// host recorded (every open of the PostgreSQL store, so no step signs a head or digests a code
/// with another database's keys). `client` is the day-to-day role's connection.
pub fn require_keys(client: &mut impl GenericClient, t: &Target, keys: &HostKeys) -> Result<()> {
    let pg = |e: postgres::Error| Error::from(PgError::new(&e, t, &t.user));
    let row = client
        .query_opt(
            "SELECT signing_public, code_key_mac FROM public.host_key_fingerprint WHERE id = 1",
            &[],
        )
        .map_err(pg)?;
    let stored = row.map(|row| Fingerprint {
        signing_public: row.get(0),
        code_key_mac: row.get(1),
    });
    if !keys.on_disk {
        return Err(hostkeys::missing(&t.place(), keys, stored.as_ref()));
    }
    let fp = keys.fingerprint();
    match stored {
        Some(stored) => {
            if stored != fp {
                return Err(hostkeys::mismatch(&t.place(), keys, &fp, &stored));
            }
            Ok(())
        }
        None => Err(Error::usage(
            "pg-keys-missing",
            format!(
                "the PostgreSQL database {} records no fingerprint of its host keys",
                t.place()
            ),
        )
        .hint(
            "run `cpni init` (as on the first host) before any other command; nothing was changed",
        )),
    }
}

/// The schema version of the database: 0 when it holds no object of its own; refused as not
/// cpni's when it holds some but no `public.schema_version`, or one of another shape or with a
/// version outside 1..=[`current_version`] (a newer one is left to the caller). `role` is the
/// role `client` logged in as.
pub fn version(client: &mut impl GenericClient, t: &Target, role: &str) -> Result<usize> {
    let pg = |e: postgres::Error| Error::from(PgError::new(&e, t, role));
    let row = client
        .query_one(
            &format!(
                "SELECT \
               (SELECT pg_catalog.string_agg(a.attname || ':' || pg_catalog.format_type(a.atttypid, a.atttypmod), ',' \
                                  ORDER BY a.attnum) \
                  FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.schema_version') \
                   AND a.attnum > 0 AND NOT a.attisdropped), \
               (SELECT pg_catalog.count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
                  WHERE {USER_NS}) \
               + (SELECT pg_catalog.count(*) FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace \
                  WHERE {USER_NS}) \
               + (SELECT pg_catalog.count(*) FROM pg_catalog.pg_type y JOIN pg_catalog.pg_namespace n ON n.oid = y.typnamespace \
                  WHERE {USER_NS} AND y.typrelid = 0 AND y.typelem = 0) \
               + (SELECT pg_catalog.count(*) FROM pg_catalog.pg_extension x WHERE x.extname <> 'plpgsql'), \
               pg_catalog.to_regclass('public.audit') IS NOT NULL AND pg_catalog.to_regclass('public.audit_head') IS NOT NULL"
            ),
            &[],
        )
        .map_err(pg)?;
    let (shape, objects, tables): (Option<String>, i64, bool) =
        (row.get(0), row.get(1), row.get(2));
    let Some(shape) = shape else {
        if objects > 0 {
            return Err(not_cpni(
                t,
                format!(
                    "it holds {objects} tables, functions or other objects and no cpni schema_version"
                ),
            ));
        }
        return Ok(0);
    };
    if shape != "id:integer,version:integer" {
        return Err(not_cpni(
            t,
            format!(
                "its public.schema_version has the columns ({shape}), not cpni's (id integer, version integer)"
            ),
        ));
    }
    let v: Option<i32> = client
        .query_opt(
            "SELECT version FROM public.schema_version WHERE id = 1",
            &[],
        )
        .map_err(pg)?
        .map(|r| r.get(0));
    match v.map(usize::try_from) {
        Some(Ok(v)) if v >= 1 && !tables => Err(not_cpni(
            t,
            format!(
                "its public.schema_version says version {v}, but cpni's audit tables are not there"
            ),
        )),
        Some(Ok(v)) if v >= 1 => Ok(v),
        _ => Err(not_cpni(
            t,
            format!(
                "its public.schema_version holds {}, not a cpni schema version (1 to {})",
                v.map_or("no row with id 1".to_string(), |v| format!("version {v}")),
                current_version()
            ),
        )),
    }
}

/// The namespaces that hold a user's objects: all but the system's (`n` is `pg_namespace`).
const USER_NS: &str = "n.nspname NOT IN ('pg_catalog', 'information_schema') \
     AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

fn not_cpni(t: &Target, why: String) -> Error {
    Error::new(
        Kind::Storage,
        "pg-not-cpni",
        format!(
            "the PostgreSQL database at {} is not a cpni database: {why}",
            t.place()
        ),
    )
    .hint("give cpni an empty database of its own: createdb --owner=cpni_owner cpni; nothing was changed")
}
