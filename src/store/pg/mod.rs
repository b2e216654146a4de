//! PostgreSQL, for centres whose several gateway hosts write one log (issue 16): `cpni init`
//! builds the schema and registers the admin, and every command runs on it through
//! `crate::store::Db::open_pg` (the day-to-day role), `cpni audit purge` through
//! `crate::store::Db::open_pg_owner` (the owner role). This module owns the numbered PostgreSQL migrations
//! ([`MIGRATIONS`]; `schema.postgres.sql` is the readable whole, `roles.sql` the
//! administrator's one-time role set-up), the `db` URL and password files ([`target`]), the
//! connection with its TLS ([`connect`]), the mapping of PostgreSQL's failures to exit 5
//! ([`error`]), applying the migrations for `cpni init` under an advisory session lock
//! ([`migrate`]), the host's key files and their fingerprint in the database ([`hostkeys`]),
//! the checks of the day-to-day role ([`approle`]), the row-change capture for the digests
//! ([`capture`]), the checks at open that no trigger ([`triggers`]) and no row-level
//! security, view or shadowing schema ([`shape`]) stands between a step and its tables, the
//! same checks and the trigger functions' settings again inside every step's transaction
//! ([`guard`]), and
//! the bound on every round trip to a server that stops answering ([`watchdog`]). The executor the queries run on is `crate::store::sql`, the locks
//! `crate::store::backend::Advisory`. Its design:
//!
//! **One writer at a time, under an advisory transaction lock.** Every write transaction
//! starts (`READ COMMITTED`) with `SELECT pg_advisory_xact_lock(`[`WRITER_LOCK`]`)` before
//! any read, so write transactions from every host run one after another, as SQLite's writer
//! lock makes them on one host: each later statement sees every commit before the lock, so
//! the checks that decide a step, the state change, the next seq and prev_hash read from the
//! head, and the audit record all commit in one transaction, gap-free and fork-free. We chose
//! it over locking the `audit_head` row (`SELECT … FOR UPDATE`): that row does not exist
//! before the first record (two first writers would both find nothing to lock), locking it
//! needs an UPDATE grant and a row, while the advisory lock needs neither and also covers
//! write transactions that append nothing. It is released by commit, rollback or a dropped
//! connection, so a crashed or cut-off host never holds it, and waiting for it is bounded by
//! `lock_timeout` (exit 5, "the database is busy"). It is cooperative, so the server does
//! not depend on it for integrity: `audit.seq` is the primary key (a second record with a
//! seq is refused, never a fork), and migration 2 lets only cpni's roles connect, so no other
//! client can hold the lock. Outbox delivery is outside it: an item is claimed with an
//! advisory session lock on its id (`crate::store::backend::Advisory`), waited for as SQLite's
//! file lock is, so two hosts never send one item (the second finds it sent); we chose it over
//! `FOR UPDATE SKIP LOCKED` because the claim must outlast the steps that record the delivery
//! and make a second claimant wait, not skip.
//!
//! **Row changes noted by triggers, not by the client** (migration 4, [`capture`]). SQLite's
//! digests come from its pre-update hook, which sees every row a statement changes, with the
//! row before. PostgreSQL has no such hook for a client, so migration 4 puts an `AFTER INSERT
//! OR UPDATE OR DELETE` row trigger on every digested table; while the step's transaction has
//! `cpni.capture = on` (set with `SET LOCAL` semantics by the writer lock, so it ends with the
//! transaction), it writes the table, the operation and `to_jsonb(OLD)`/`to_jsonb(NEW)` into
//! the connection's TEMP table `cpni_change`. Before each record (and at commit, to refuse a
//! change left unrecorded) the step drains it and replays it as the hook's callback would, then
//! reads each row back with its own column types (`jsonb_populate_record`), so the digests are
//! byte-identical to SQLite's for the same row (contract test). We chose triggers over explicit
//! capture in each store method: like the hook they see every statement, including one a
//! future method forgets to report, and cost one insert into an unlogged temporary table per
//! changed row. Other sessions (psql, the owner's migrations) leave the setting off and the
//! trigger only returns: an edit made there is caught as SQLite's are, by the seals at the
//! next step that touches the row and by `audit verify`.
//!
//! **Two roles, enforced by the server** (`roles.sql`, migration 2). `cpni_owner` owns every
//! object; only `cpni init` (migrations) and `cpni audit purge` connect as it, with a
//! password file of their own. `cpni_app`, every other command, owns nothing (so it can
//! neither alter a table nor disable a trigger), may read every table, insert where cpni
//! inserts, update only the columns cpni updates in place and delete only agent keys: no
//! UPDATE, DELETE or TRUNCATE on `audit` or any append-only table. The append-only triggers
//! (SQLite's, as PL/pgSQL functions with the same messages) also bind the owner, except the
//! purge's DELETE of records at or below the newest base.
//!
//! **Keys stay files on each gateway host.** The code key (one-time code digests) and the
//! signing key (checkpoints, the signed head, manifests, purge statements) are never rows:
//! whoever administers the database, or restores a backup of it, could otherwise sign a false
//! checkpoint over a rewritten log or mint code digests. A host joining an existing database
//! is given both files by the cpni administrator over a channel of their own (copied 0600,
//! owned by the service account, into its data folder, e.g. with `scp` from a running host),
//! never through the database. Each database has its own pair (`cpni-pg-<db>-<hash>.code-key`,
//! `.signing-key`, the hash over host, port and database). `cpni init` makes new keys only when
//! the database has no fingerprint of them yet: it records the fingerprint (the signing public
//! key and an HMAC of a constant under the code key, [`hostkeys`]; never a key) in the
//! transaction that builds the schema, and writes the files only once that has committed. A
//! joining host runs `cpni init` once (it refuses and names the two paths), is given the files,
//! and runs it again: the files are checked (plain, this account's, 0600, valid) and must match
//! the fingerprint, else init refuses. The database administrator keeps the data; the cpni
//! administrator keeps the keys; neither alone can rewrite the log without `audit verify`
//! seeing it.

pub mod approle;
pub mod capture;
pub mod connect;
pub mod error;
pub mod expected;
pub mod guard;
pub mod hostkeys;
pub mod migrate;
pub mod shape;
pub mod target;
pub mod triggers;
pub mod watchdog;

/// The PostgreSQL migrations, in order: step N is `MIGRATIONS[N - 1]` and leaves
/// `schema_version.version = N`. Never edit a shipped step; add a new one (and keep
/// `schema.postgres.sql` in agreement: tests/cli/pg_schema.rs compares them).
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_schema.sql"),
    include_str!("migrations/0002_roles.sql"),
    include_str!("migrations/0003_host_keys.sql"),
    include_str!("migrations/0004_capture.sql"),
    include_str!("migrations/0005_qualified.sql"),
];

/// The administrator's one-time set-up of the two roles (run as a superuser, before the
/// database is created and before the first migration).
pub const ROLES: &str = include_str!("roles.sql");

/// The key of the writers' advisory transaction lock: the bytes of "cpniwrit" read as a
/// big-endian i64, so it cannot collide with a small number another tool might use.
pub const WRITER_LOCK: i64 = i64::from_be_bytes(*b"cpniwrit");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_step_sets_its_own_version() {
        assert!(MIGRATIONS[0].contains("INSERT INTO schema_version (id, version) VALUES (1, 1);"));
        for (i, step) in MIGRATIONS.iter().enumerate().skip(1) {
            let line = format!("UPDATE schema_version SET version = {};", i + 1);
            assert!(step.contains(&line), "migration {} lacks {line}", i + 1);
        }
    }
}
