//! The database: opening it safely, migrations, and write transactions.
//!
//! This module and its children are the only place that writes SQL. A command's state change and
//! its audit record always happen inside one write transaction, a [`Write`] ([`Db::begin`] …
//! [`Write::commit`], or [`Db::step`] around a closure): the writer lock (an OS file lock on
//! `<db>.lock`, granted first come, first served; see [`lock`]), then `BEGIN IMMEDIATE`, the
//! work, and `COMMIT`. If anything fails, or the `Write` is dropped uncommitted, the
//! transaction rolls back and nothing of the step remains. A dropped [`Db`] closes its
//! connection, except in the command line's one-command process, which leaves it to the exit
//! ([`close_at_exit`]).
//!
//! Waiting for the writer lock is bounded (`[storage] lock_timeout_secs`, see [`lock`]): past
//! it the step fails with exit 5 "the database is busy". The write-ahead log stays small: under
//! the writer lock, before its transaction, a writer that finds the WAL past
//! [`WAL_CHECKPOINT_BYTES`] checkpoints it and restarts it from its start, so no process has
//! to read a large WAL when it opens the database. The WAL file keeps its size (a WAL that an
//! import made larger than [`WAL_TRUNCATE_BYTES`] is truncated): each commit then overwrites
//! blocks the file already has, and its `fdatasync` flushes data only, no file-system journal
//! commit (see `.cargo/config.toml` for `HAVE_FDATASYNC`).
//!
//! **The seam (issue 16, part 1).** The connection is private to `store/`: commands read
//! through a [`Read`] ([`Db::read`], or a [`Snapshot`] for one consistent view) and write
//! through a [`Write`] ([`Db::begin`], recorded by [`Write::commit`]; [`Db::step`] does both
//! around a closure), and every query is one method of those types, written in the module of
//! its family (`customers`, `sessions`, `agents`, `breach`, `outbox`, `audit`, …). Appending
//! to the chain is [`Write::append`]. A [`Write`] reads through the [`Read`] methods inside its
//! transaction, and a [`Read`] can never write. Failures leave `store/` as a backend-neutral
//! [`error::StoreError`], which maps to exit 5 with its message and hint. No rusqlite type or
//! SQL text is named outside `store/`. `audit/` is pure (hashing, digests, checks, export
//! formats, signing) and never names `store/`: the store reads the rows, seals and records,
//! hands them to its functions (`audit::rowdigest`, `audit::crosscheck`), and writes what they
//! return. The writer lock and the outbox claim are store operations behind a per-backend
//! boundary ([`backend::Locking`]; SQLite's are the files beside the database,
//! [`backend::Files`]), called by [`Db::begin`] and [`Db::claim_outbox_item`]. The store's
//! contract (what any backend must do) is tested in `contract.rs` through this API alone, each
//! test written once over a backend and run for each.
//!
//! **Two backends (issue 16, part 2).** A [`Db`] is open on SQLite ([`Db::open`]) or on
//! PostgreSQL ([`Db::open_pg`]); [`Read`] and [`Write`] hold the backend-neutral executor of
//! [`sql`] instead of a rusqlite connection, so a query is written once (`?N` placeholders,
//! plain values, typed rows) and the few that differ by dialect pick their text. On PostgreSQL
//! the writer lock and the claims are [`backend::Advisory`], the row changes for the digests
//! come from triggers ([`pg::capture`]) instead of the pre-update hook, and the chain append
//! and the signed head are the same code as SQLite's. Every family runs on both: sessions,
//! outbox, customers, agents, agent keys, codes, complaints, consent, contact history,
//! breaches, the customer, supervisor and certification reports, the chain (head, base,
//! insert, append, list, count, lookups), the proofs (checkpoints, manifests, purge bases and
//! the purge's delete), the signed head, the row digests and seals, and the cross-check. The
//! scans (export, verify) stream on both ([`sql::Conn::each`]: SQLite steps its statement,
//! PostgreSQL streams the result), and the check for triggers cpni did not create has a
//! PostgreSQL twin ([`pg::triggers`], also rules). `audit purge` opens the store as the owner
//! role on PostgreSQL ([`Db::open_pg_owner`]). SQLite's own
//! upkeep (migrations, WAL bounding, the verify scan's raw reads, file permissions, lock
//! files) stays SQLite's.

pub mod agent_keys;
pub mod agents;
pub mod audit;
pub mod backend;
pub mod breach;
pub mod certification;
pub mod codes;
pub mod complaint;
pub mod consent;
pub mod contacts;
pub mod customer_report;
pub mod customers;
pub mod error;

#[cfg(test)]
mod contract;
pub mod lock;
pub mod migrate;
pub mod outbox;
pub mod perms;
pub mod pg;
pub mod sessions;
pub mod sql;

use std::fs::{File, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use std::sync::Arc;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use self::backend::Locking;
use self::sql::{Conn, PgConn};
use crate::error::{Error, Kind, Result};

/// How long a write waits for the writer lock unless `[storage] lock_timeout_secs` says
/// otherwise; also SQLite's own busy timeout once the lock is held.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(5);

/// Past this size the WAL is checkpointed into the database and restarted, by the next
/// writer, under the writer lock, before its own transaction. A process opening the database
/// reads the WAL's frames since the last restart first (SQLite's recovery), so this also bounds
/// every process's start-up cost: about 1.4 µs a frame on the reference VM, since a process
/// that opens the database alone rebuilds the wal-index from every frame. At 256 KiB (64
/// frames, about 7 steps of `session start`) a step reads 32 frames on average instead of 128
/// at 1 MiB, for one checkpoint in 7 steps instead of 1 in 28 (issue 14: the median step
/// -0.2 to -0.35 ms, measured side by side on two copies of the 1,000,000-record home).
pub const WAL_CHECKPOINT_BYTES: u64 = 256 << 10;

/// A WAL file larger than this (a large import's transaction) is truncated to zero at its
/// checkpoint instead of kept for reuse.
pub const WAL_TRUNCATE_BYTES: u64 = 4 << 20;

/// The longest this process waited for the writer lock, in microseconds (for the load test's
/// `--debug-timings` report).
pub static LOCK_WAIT_MAX_US: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Which database a [`Db`] is open on.
enum Backend {
    Sqlite {
        /// Closed when the [`Db`] is dropped, or left to the process's exit ([`close_at_exit`]).
        conn: std::mem::ManuallyDrop<Connection>,
        /// The writer lock and the outbox claims ([`backend::Files`] beside the database).
        locks: backend::Files,
    },
    Pg(Arc<PgConn>),
}

/// An open database.
pub struct Db {
    /// The SQLite connection, or the PostgreSQL one.
    backend: Backend,
    /// SQLite: the database file. PostgreSQL: the base the key files are named from.
    path: PathBuf,
    lock_timeout: Duration,
    /// The agents every step of this process decides as (the acting agent and the agent a
    /// service acts for): their rows must be as the chain shows them ([`Db::decide_as`]).
    acting: Vec<String>,
    /// Through the gateway: the acting agent's login and the fingerprint of the SSH key it
    /// connected with, which every step requires still listed and active ([`Db::decide_with_key`]).
    acting_key: Option<(String, String)>,
}

/// Set once by `main` through [`close_at_exit`].
static CLOSE_AT_EXIT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Tells the store that this process exits after its one command: from then on a dropped SQLite
/// connection is left for the kernel to close at exit instead of being taken apart piece by
/// piece (its page cache, parsed schema and prepared statements: about 0.3 ms of a step,
/// issue 14). Nothing on disk differs: every commit was synced when it was made, cpni never
/// checkpoints on close (`SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE`), and a transaction still open is
/// never committed by an exit. A process opens at most a few databases (the gateway's key
/// check, the command's own, the wizard's abandon on Ctrl-C), so nothing piles up. Tests and
/// other callers of the library, which may open many, close each as before.
pub fn close_at_exit() {
    CLOSE_AT_EXIT.store(true, std::sync::atomic::Ordering::Relaxed);
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Backend::Sqlite { conn, .. } = &mut self.backend
            && !CLOSE_AT_EXIT.load(std::sync::atomic::Ordering::Relaxed)
        {
            // SAFETY: the connection is dropped once, here, and the Db is gone after.
            unsafe { std::mem::ManuallyDrop::drop(conn) };
        }
    }
}

impl Db {
    /// Opens an existing database and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Db> {
        Db::open_with(path, DEFAULT_LOCK_TIMEOUT)
    }

    /// [`Db::open`] with the configured writer-lock timeout.
    pub fn open_with(path: &Path, lock_timeout: Duration) -> Result<Db> {
        if !perms::exists(path)? {
            return Err(
                Error::storage(format!("no cpni database at {}", path.display()))
                    .hint("run `cpni init` to create one, or pass --db PATH (or set CPNI_DB)"),
            );
        }
        perms::check(path)?;
        crate::timing::mark("perms");
        // NO_MUTEX: a `Connection` is used by one thread at a time (it is not `Sync`), so
        // SQLite's per-call connection mutex (two lock operations per column read, a quarter
        // of a whole-log scan's time) buys nothing.
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        crate::timing::mark("sqlite_open");
        let mut db = Db {
            backend: Backend::Sqlite {
                conn: std::mem::ManuallyDrop::new(conn),
                locks: backend::Files::new(path),
            },
            path: path.to_path_buf(),
            lock_timeout,
            acting: Vec::new(),
            acting_key: None,
        };
        db.configure()?;
        crate::timing::mark("pragmas");
        migrate::check_version(db.conn())?;
        if migrate::needs_migration(db.conn())? {
            db.upgrade()?;
        }
        db.refuse_foreign_triggers()?;
        crate::timing::mark("schema");
        Ok(db)
    }

    /// Opens the PostgreSQL database of `target` as its day-to-day role (`cpni_app`), whose
    /// schema `cpni init` brought up to date; `key_base` names the key files on this host
    /// (`secrets::key_paths`), which must be the keys whose fingerprint the database's first
    /// host recorded (exit 2 `pg-keys-mismatch` / `pg-keys-missing` otherwise, nothing
    /// changed). Steps run on it as on SQLite ([`backend::Advisory`] for the
    /// writer lock and the claims, [`pg::capture`] for the row digests).
    pub fn open_pg(
        target: &pg::target::Target,
        key_base: &Path,
        lock_timeout: Duration,
    ) -> Result<Db> {
        Db::open_pg_as(target, key_base, lock_timeout, pg::connect::As::App)
    }

    /// [`Db::open_pg`] as the owner role (`[storage] owner_role`, with its
    /// `owner_password_file`), for `cpni audit purge` alone: the day-to-day role may not delete
    /// audit records. Exit 2 `pg-owner-password` when no owner password file is configured.
    pub fn open_pg_owner(
        target: &pg::target::Target,
        key_base: &Path,
        lock_timeout: Duration,
    ) -> Result<Db> {
        if target.owner_password_file.is_none() {
            return Err(Error::usage(
                "pg-owner-password",
                format!(
                    "this command connects to {} as the owner role {}, and [storage] \
                     owner_password_file is not set",
                    target.place(),
                    target.owner_role
                ),
            )
            .hint("set [storage] owner_password_file to a 0600 file holding the owner's password (as for `cpni init`); nothing was changed"));
        }
        Db::open_pg_as(target, key_base, lock_timeout, pg::connect::As::Owner)
    }

    fn open_pg_as(
        target: &pg::target::Target,
        key_base: &Path,
        lock_timeout: Duration,
        who: pg::connect::As,
    ) -> Result<Db> {
        let role = match who {
            pg::connect::As::App => target.user.clone(),
            pg::connect::As::Owner => target.owner_role.clone(),
        };
        // `search_path` and the other settings a step depends on are pinned at login
        // (`pg::connect::SESSION_SETTINGS`).
        let (mut client, watchdog) = pg::connect::connect_watched(target, who)?;
        let armed = watchdog.arm(Duration::ZERO);
        let stall = |e: Error| match watchdog.fired() {
            true => pg::watchdog::stalled(&target.place()),
            false => e,
        };
        let shape = pg::shape::unexpected(&mut client)
            .map_err(|e| stall(pg::error::PgError::new(&e, target, &role).into()))?;
        foreign_objects_error(&shape)?;
        let version = pg::migrate::version(&mut client, target, &role).map_err(stall)?;
        if version != pg::migrate::current_version() {
            return Err(Error::new(
                Kind::Storage,
                "pg-schema-version",
                format!(
                    "the PostgreSQL database at {} has schema version {version}, and this cpni \
                     needs version {}",
                    target.place(),
                    pg::migrate::current_version()
                ),
            )
            .hint("run `cpni init` (it applies the missing migrations as the owner role); nothing was changed"));
        }
        // The role that runs every step must be one the server's protections bind.
        if matches!(who, pg::connect::As::App) {
            pg::approle::check_powers(&mut client, target, "nothing was changed").map_err(stall)?;
        }
        let keys = pg::hostkeys::HostKeys::load_or_new(key_base)?;
        pg::migrate::require_keys(&mut client, target, &keys).map_err(stall)?;
        drop(armed);
        let pg = PgConn::new(client, target.clone(), role).watched(watchdog);
        pg.batch(pg::capture::TEMP_TABLE)?;
        // What the steps compare against, taken before the full comparison so that nothing
        // changes between the two unseen (pg::guard).
        let snapshot = pg::guard::snapshot(&pg)?;
        foreign_triggers_error(&pg::triggers::foreign(Conn::Pg(&pg))?)?;
        let guard = pg.guard.get_or_init(|| pg::guard::query(&snapshot)).clone();
        foreign_objects_error(&pg::guard::problems(&pg, &guard)?)?;
        Ok(Db {
            backend: Backend::Pg(Arc::new(pg)),
            path: key_base.to_path_buf(),
            lock_timeout,
            acting: Vec::new(),
            acting_key: None,
        })
    }

    /// Creates a new database file (0600) in a folder (0700), or opens the existing one.
    /// Returns whether it was created.
    pub fn create(path: &Path) -> Result<(Db, bool)> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir)?;
        }
        // A zero-length file is not a database yet (an earlier run stopped after creating it).
        let existed = std::fs::metadata(path).is_ok_and(|m| m.len() > 0);
        if !path.exists() {
            OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path)
                .map_err(|e| {
                    Error::storage(format!("cannot create {}: {e}", path.display()))
                        .hint("check that the folder is writable, or choose another --db PATH")
                })?;
        }
        let conn = Connection::open(path)?;
        let mut db = Db {
            backend: Backend::Sqlite {
                conn: std::mem::ManuallyDrop::new(conn),
                locks: backend::Files::new(path),
            },
            path: path.to_path_buf(),
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
            acting: Vec::new(),
            acting_key: None,
        };
        if !existed {
            db.conn().pragma_update(None, "journal_mode", "WAL")?;
        }
        db.configure()?;
        migrate::check_version(db.conn())?;
        db.upgrade()?;
        // SQLite is built without its own folder fsync (.cargo/config.toml): make the new
        // database's and WAL's directory entries durable here, once.
        sync_folder(path)?;
        Ok((db, !existed))
    }

    /// Applies the missing migrations and records the upgrade (`audit.upgrade`, from and to).
    /// Records a migration appends (baselines) are signed into the head as a step's would be; a
    /// database that had records before signed heads gets its first head signed here, once (a
    /// missing head is otherwise never signed again), unless its log shows it was already kept
    /// with signed heads (the schema was rewound by hand to have a forged head signed).
    fn upgrade(&mut self) -> Result<()> {
        let path = self.path.clone();
        self.with_lock(|conn| {
            let from = migrate::user_version(conn)?;
            // A new database, or one already current (`cpni init` run again): nothing to record.
            if from == 0 || from >= migrate::current_version() {
                return migrate::migrate(conn);
            }
            // An upgrade records rows as it finds them (baselines) and signs the head: never
            // for a database whose own log shows it was already at a newer version.
            let recorded = audit::head::recorded_version(conn)?;
            if recorded > from {
                return Err(Error::new(
                    Kind::Integrity,
                    "schema-rewound",
                    format!(
                        "the database says schema version {from}, but its audit log shows it was \
                         at version {recorded}: the schema was rewound by hand, and an upgrade \
                         would record its rows as found, so cpni refuses to run on it; nothing \
                         was changed"
                    ),
                )
                .hint("treat the log as evidence: copy the database before anything else, then investigate who changed it"));
            }
            let before = audit::head::start(Conn::Sqlite(conn))?;
            migrate::migrate(conn)?;
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            // Before this upgrade's own record: a log that was already kept with signed heads
            // and is "upgraded" past them again had its schema rewound by hand.
            let rewound =
                from < migrate::SIGNED_HEAD_VERSION && audit::head::had_signed_heads(&tx)?;
            let actor = crate::audit::Actor {
                login: "cpni".into(),
                on_behalf_of: None,
            };
            let ev = crate::audit::Event::new("audit.upgrade")
                .with("from", from)
                .with("to", migrate::current_version());
            audit::rowdigest::append(Conn::Sqlite(&tx), &actor, crate::clock::now(), ev)?;
            if from >= migrate::SIGNED_HEAD_VERSION {
                audit::head::seal(Conn::Sqlite(&tx), &path, &before)?;
            } else if !rewound {
                audit::head::seal_upgrade(&tx, &path)?;
            }
            tx.commit()?;
            Ok(())
        })
    }

    /// Refuses a database with a trigger cpni did not create ([`audit::unknown_triggers`]).
    fn refuse_foreign_triggers(&self) -> Result<()> {
        foreign_triggers_error(&audit::unknown_triggers(self.conn())?)
    }

    /// The SQLite connection (only SQLite's own upkeep calls this: opening, migrating,
    /// bounding the WAL).
    fn conn(&self) -> &Connection {
        match &self.backend {
            Backend::Sqlite { conn, .. } => conn,
            Backend::Pg(_) => unreachable!("SQLite upkeep is never run on a PostgreSQL store"),
        }
    }

    fn conn_mut(&mut self) -> &mut Connection {
        match &mut self.backend {
            Backend::Sqlite { conn, .. } => conn,
            Backend::Pg(_) => unreachable!("SQLite upkeep is never run on a PostgreSQL store"),
        }
    }

    /// The executor queries run on.
    fn sql(&self) -> Conn<'_> {
        match &self.backend {
            Backend::Sqlite { conn, .. } => Conn::Sqlite(conn),
            Backend::Pg(pg) => Conn::Pg(pg),
        }
    }

    fn configure(&mut self) -> Result<()> {
        let timeout = self.lock_timeout;
        let conn = self.conn_mut();
        conn.busy_timeout(timeout)?;
        // A step prepares more cached statements than rusqlite's default 16 (its own queries,
        // the record, the row digests and seals, the head): with fewer, a bulk step such as an
        // import prepared them all again for every row.
        conn.set_prepared_statement_cache_capacity(64);
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Checkpoint in the writer (auto-checkpoint, under the writer lock) rather than on
        // close, where it would block the next writer outside the fair lock (perf-limits §2).
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )?;
        Ok(())
    }

    /// The database file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// From now on every step first requires the rows of these agents to be as the chain shows
    /// them (row seals, exit 6 otherwise), inside its own transaction: a role raised or an
    /// agent re-enabled behind cpni's back acts on nothing. Their digests as read go into the
    /// step's record (`"prior"`).
    pub fn decide_as(&mut self, logins: Vec<String>) {
        self.acting = logins;
    }

    /// From now on every step first requires `fingerprint` to be a key of the active agent
    /// `login` (the gateway's key), inside its own transaction: a key removed on another host
    /// while this connection was starting acts on nothing (exit 3).
    pub fn decide_with_key(&mut self, login: &str, fingerprint: &str) {
        self.acting_key = Some((login.to_string(), fingerprint.to_string()));
    }

    /// Waits for the writer lock ([`Locking::writer`]) and bounds the WAL under it.
    fn hold_writer(&self) -> Result<Writing> {
        let asked = std::time::Instant::now();
        let held = match &self.backend {
            Backend::Sqlite { locks, .. } => locks.writer(self.lock_timeout).map(Held::Files),
            Backend::Pg(pg) => backend::Advisory::new(pg.clone())
                .writer(self.lock_timeout)
                .map(Held::Pg),
        };
        let waited = asked.elapsed().as_micros() as u64;
        LOCK_WAIT_MAX_US.fetch_max(waited, std::sync::atomic::Ordering::Relaxed);
        let held = held?;
        crate::timing::mark("lock");
        let wal_existed = self.bound_wal();
        crate::timing::mark("wal_bound");
        Ok(Writing { held, wal_existed })
    }

    /// Releases the writer lock after a write that `committed` (or not).
    fn release_writer(&self, writing: Writing, committed: bool) {
        // A WAL deleted by another program (the sqlite3 CLI checkpoints and deletes it when it
        // closes last) is created again by this write; SQLite no longer syncs the folder
        // (.cargo/config.toml), so do it here, or a power cut could lose the new file and the
        // step committed into it. Best effort: the step has committed either way.
        if !writing.wal_existed && committed {
            let _ = sync_folder(&self.path);
        }
        drop(writing.held);
        self.backfill_wal();
    }

    fn with_lock<T>(&mut self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let writing = self.hold_writer()?;
        let result = f(self.conn_mut());
        self.release_writer(writing, result.is_ok());
        result
    }

    /// After the writer lock is released: once the WAL has passed [`WAL_CHECKPOINT_BYTES`],
    /// copies its frames into the database (`PASSIVE`: it never blocks or waits for writers or
    /// readers), so the copying and the database file's fsync happen outside the lock and the
    /// next writer's `RESTART` in [`Db::bound_wal`] has almost nothing left to copy. Under 64
    /// writers a checkpoint done under the lock was the longest hold (hundreds of ms), and
    /// every waiter behind it paid for it.
    ///
    /// Only while another process has the wal-index open ([`shm_shared`]): what was copied is
    /// noted in the wal-index alone, and the next process to open the database alone rebuilds
    /// that index with nothing noted as copied, so its `RESTART` copies it all again. One
    /// process after another (agents' and scripts' steps), a copy here was two syncs for
    /// nothing in every cycle of the WAL (issue 14).
    fn backfill_wal(&self) {
        let Backend::Sqlite { conn, .. } = &self.backend else {
            return;
        };
        let used = wal_frames(&self.path).map(|(frames, page)| frames * (page + 24));
        if used.is_some_and(|u| u >= WAL_CHECKPOINT_BYTES) && shm_shared(&self.path) {
            let _ = conn.busy_timeout(Duration::ZERO);
            let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
            let _ = conn.busy_timeout(self.lock_timeout);
        }
    }

    /// Checkpoints the WAL once it passes [`WAL_CHECKPOINT_BYTES`] (called under the writer
    /// lock, before the transaction). `RESTART` makes this process's own commit write a new WAL
    /// header and its frames from the file's start, over blocks the file already has; a WAL
    /// past [`WAL_TRUNCATE_BYTES`] is truncated instead. A reader still using old frames keeps
    /// them: the checkpoint then does what it can without waiting (busy timeout 0, so the lock
    /// is never held long) and the next writer tries again. A checkpoint that fails leaves the
    /// database as it was; the step goes on.
    /// Returns whether the WAL file existed (from the same `stat`).
    fn bound_wal(&self) -> bool {
        let Backend::Sqlite { conn, .. } = &self.backend else {
            return true;
        };
        let wal = perms::beside(&self.path, "-wal");
        let meta = std::fs::metadata(&wal).ok();
        let existed = meta.is_some();
        let size = meta.map_or(0, |m| m.len());
        // The file keeps its size after a restart, so its valid part is measured in frames;
        // without a readable wal-index, by the file's size (a checkpoint on every write, but
        // bounded).
        let used = wal_frames(&self.path).map_or(size, |(frames, page)| frames * (page + 24));
        if used < WAL_CHECKPOINT_BYTES && size <= WAL_TRUNCATE_BYTES {
            return existed;
        }
        let sql = if size > WAL_TRUNCATE_BYTES {
            "PRAGMA wal_checkpoint(TRUNCATE)"
        } else {
            "PRAGMA wal_checkpoint(RESTART)"
        };
        let _ = conn.busy_timeout(Duration::ZERO);
        let _ = conn.query_row(sql, [], |_| Ok(()));
        let _ = conn.busy_timeout(self.lock_timeout);
        existed
    }
}

/// The WAL's frames since its last restart and its page size, from the wal-index header at the
/// start of `<db>-shm` (SQLite's documented WAL-index format, sqlite.org/walformat.html: a
/// native-endian `u16` page size at byte 14, `mxFrame` as a `u32` at byte 16, `isInit` at byte
/// 12). Read under the writer lock, when no cpni writer can change it. `None` when the file
/// is missing or not initialised.
fn wal_frames(db: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::FileExt;
    let mut h = [0u8; 20];
    with_shm(db, |shm| shm.read_exact_at(&mut h, 0).ok())?;
    if h[12] != 1 {
        return None;
    }
    let page = match u16::from_ne_bytes([h[14], h[15]]) {
        1 => 65_536,
        p => u64::from(p),
    };
    let frames = u64::from(u32::from_ne_bytes([h[16], h[17], h[18], h[19]]));
    Some((frames, page))
}

/// Whether another process has the wal-index (`<db>-shm`) open: SQLite's unix VFS holds a
/// shared POSIX lock on its "dead-man switch" byte (offset 128, after the 8 lock bytes from
/// 120) while a connection has it open, and the first to open it alone takes it exclusively and
/// resets the index. This process's own lock never conflicts with the probe (`F_GETLK` reports
/// other processes' locks only). `true` when unknown (no file, a failed probe).
fn shm_shared(db: &Path) -> bool {
    use std::os::fd::AsRawFd;
    const DMS: libc::off_t = 128;
    with_shm(db, |shm| {
        // SAFETY: a zeroed `flock` is a valid value; F_GETLK only fills the `flock` passed, on
        // a descriptor that is open.
        let (rc, probe) = unsafe {
            let mut probe: libc::flock = std::mem::zeroed();
            probe.l_type = libc::F_WRLCK as libc::c_short;
            probe.l_whence = libc::SEEK_SET as libc::c_short;
            probe.l_start = DMS;
            probe.l_len = 1;
            let rc = libc::fcntl(shm.as_raw_fd(), libc::F_GETLK, &mut probe);
            (rc, probe)
        };
        (rc == 0).then_some(probe.l_type != libc::F_UNLCK as libc::c_short)
    })
    .unwrap_or(true)
}

/// Runs `f` on a descriptor of `<db>-shm` that stays open until the process exits. Closing
/// any descriptor of a file drops every POSIX (`fcntl`) lock the process holds on it, and this
/// process's SQLite connection holds its wal-index locks on that file: a descriptor opened and
/// closed here would silently release them, and another process could then reset the
/// wal-index under this one. So descriptors are kept (one per file: a `-shm` deleted and made
/// again gets a new one), never closed.
fn with_shm<T>(db: &Path, f: impl FnOnce(&File) -> Option<T>) -> Option<T> {
    use std::os::unix::fs::MetadataExt;
    static OPEN: std::sync::Mutex<Vec<File>> = std::sync::Mutex::new(Vec::new());
    let path = perms::beside(db, "-shm");
    let id = std::fs::symlink_metadata(&path).ok()?;
    let mut open = OPEN.lock().unwrap_or_else(|p| p.into_inner());
    let known = open.iter().position(|f| {
        f.metadata()
            .is_ok_and(|m| m.dev() == id.dev() && m.ino() == id.ino())
    });
    let i = match known {
        Some(i) => i,
        None => {
            let file = OpenOptions::new()
                .read(true)
                .custom_flags(libc::O_NOFOLLOW)
                .open(&path)
                .ok()?;
            open.push(file);
            open.len() - 1
        }
    };
    f(&open[i])
}

/// Exit 6 `foreign-trigger` when `unknown` (triggers, or on PostgreSQL rules, that cpni's
/// migrations did not create) is not empty.
fn foreign_triggers_error(unknown: &[String]) -> Result<()> {
    if unknown.is_empty() {
        return Ok(());
    }
    Err(Error::new(
        Kind::Integrity,
        "foreign-trigger",
        format!(
            "the database has a trigger cpni did not create ({}): it could change rows behind \
             every step, so cpni refuses to run on it; nothing was changed",
            crate::ui::term::safe(&unknown.join(", "))
        ),
    )
    .hint("treat the log as evidence: copy the database before anything else, then investigate who added it"))
}

/// Exit 6 `foreign-object` when `wrong` (what [`pg::shape::unexpected`] found: a cpni table
/// that is not a plain table or is under row-level security, a relation named like one in
/// another schema, triggers disabled by `session_replication_role`) is not empty.
fn foreign_objects_error(wrong: &[String]) -> Result<()> {
    if wrong.is_empty() {
        return Ok(());
    }
    Err(Error::new(
        Kind::Integrity,
        "foreign-object",
        format!(
            "the database is not in the shape cpni made it ({}): it could hide rows from a \
             step or change them behind it, so cpni refuses to run on it; nothing was changed",
            crate::ui::term::safe(&wrong.join(", "))
        ),
    )
    .hint("treat the database as evidence: copy it before anything else, then investigate who changed it (ALTER TABLE … DISABLE ROW LEVEL SECURITY, DROP POLICY, DROP SCHEMA, ALTER ROLE … RESET session_replication_role only once it is copied)"))
}

/// Makes the directory entries of the database folder durable (the new database or WAL file).
fn sync_folder(db: &Path) -> Result<()> {
    let dir = db
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::storage(format!("cannot sync {}: {e}", dir.display())))
}

/// The writer lock held for one write, and whether the WAL file existed when it was taken.
struct Writing {
    held: Held,
    wal_existed: bool,
}

/// The writer lock of either backend.
enum Held {
    Files(#[allow(dead_code)] <backend::Files as Locking>::Writer),
    Pg(#[allow(dead_code)] <backend::Advisory as Locking>::Writer),
}

/// A claim of either backend.
#[derive(Debug)]
enum Claimed {
    Files(#[allow(dead_code)] <backend::Files as Locking>::Claim),
    Pg(#[allow(dead_code)] <backend::Advisory as Locking>::Claim),
}

/// An exclusive claim on one outbox item while this process delivers it (see
/// [`Db::claim_outbox_item`]). Dropping it, or the process dying, releases it.
#[derive(Debug)]
pub struct Claim {
    _held: Claimed,
}

impl Db {
    /// Waits at most the lock timeout for, then holds, the claim on outbox item `id`
    /// ([`Locking::claim`]; exit 5 `busy` past it): two
    /// processes delivering the queue at once (`notify send` and a step that delivers its own
    /// item) then never send the same item twice: the second waits, re-reads the item, and
    /// finds it sent. The writer lock is never held while waiting for a claim, so the two
    /// locks cannot deadlock.
    pub fn claim_outbox_item(&self, id: i64) -> Result<Claim> {
        let held = match &self.backend {
            Backend::Sqlite { locks, .. } => Claimed::Files(locks.claim(id, self.lock_timeout)?),
            Backend::Pg(pg) => {
                Claimed::Pg(backend::Advisory::new(pg.clone()).claim(id, self.lock_timeout)?)
            }
        };
        Ok(Claim { _held: held })
    }
}

/// Creates `dir` (and parents) with mode 0700 if missing; refuses a link.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    crate::fsx::private_dir(dir).map_err(|e| {
        Error::storage(format!("cannot create folder {}: {e}", dir.display()))
            .hint("create it yourself or choose another path")
    })
}

/// Maps "no row" to a not-found error; passes other errors through.
pub fn optional<T>(r: rusqlite::Result<T>) -> Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Read access outside a write (see [`Db::read`]): the queries are its methods, one per query,
/// each in the module of its family.
#[derive(Clone, Copy)]
pub struct Read<'a> {
    sql: Conn<'a>,
}

/// The open write transaction of one step ([`Db::begin`], or the closure of [`Db::step`]):
/// the writes and the chain append ([`Write::append`]) are its methods, and it reads inside the
/// transaction through [`Read`]'s. It holds the writer lock until it ends; [`Write::commit`]
/// records the step, and dropping it uncommitted rolls everything back.
pub struct Write<'a> {
    read: Read<'a>,
    db: &'a Db,
    /// `Some` until committed.
    tx: Option<Tx<'a>>,
    /// The head the transaction started from (for the signed head at commit).
    started: audit::head::Newest,
    /// `Some` until dropped.
    writing: Option<Writing>,
    committed: bool,
}

impl<'a> std::ops::Deref for Write<'a> {
    type Target = Read<'a>;
    fn deref(&self) -> &Read<'a> {
        &self.read
    }
}

/// A write transaction of either backend.
enum Tx<'a> {
    Sqlite(Transaction<'a>),
    /// PostgreSQL's is opened by the writer lock ([`backend::Advisory`]); dropping it
    /// uncommitted rolls back.
    Pg(&'a PgConn),
}

impl Tx<'_> {
    fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(tx) => Ok(tx.commit()?),
            Tx::Pg(pg) => pg.batch("COMMIT"),
        }
    }
}

impl<'a> Read<'a> {
    /// Exit 6 when the decision row of `table` whose `key` column is `value` is not as the
    /// latest record naming it shows it (row seals): for what a read presents as a fact, such
    /// as a session's verification.
    pub fn require_sealed(&self, table: &str, key: &'static str, value: &str) -> Result<()> {
        audit::rowdigest::require_sealed(self.sql, table, key, value)
    }
}

impl Db {
    /// Read access for queries outside a write.
    pub fn read(&self) -> Read<'_> {
        Read { sql: self.sql() }
    }

    /// Starts a step: waits for the writer lock, then opens its write transaction
    /// (`BEGIN IMMEDIATE`), noting from then on every decision row it changes (row digests)
    /// and requiring the acting agents' rows as the chain shows them ([`Db::decide_as`]).
    /// Nothing is recorded until [`Write::commit`]; a `Write` dropped uncommitted rolls back.
    pub fn begin(&mut self) -> Result<Write<'_>> {
        let db: &Db = self;
        let writing = db.hold_writer()?;
        let mut w = Write {
            read: db.read(),
            db,
            tx: None,
            started: None,
            writing: Some(writing),
            committed: false,
        };
        match &db.backend {
            Backend::Sqlite { conn, .. } => {
                // Row digests (crate::audit::rowdigest): note the decision rows this step
                // changes.
                audit::rowdigest::track(conn)?;
                w.tx = Some(Tx::Sqlite(Transaction::new_unchecked(
                    conn,
                    TransactionBehavior::Immediate,
                )?));
            }
            // The writer lock opened the transaction, with the row triggers on (pg::capture).
            Backend::Pg(pg) => {
                audit::rowdigest::clear();
                w.tx = Some(Tx::Pg(pg));
            }
        }
        crate::timing::mark("begin");
        w.started = audit::head::start(db.sql())?;
        for login in &db.acting {
            w.require_sealed("agent", "login", login)?;
        }
        if let Some((login, fp)) = &db.acting_key {
            if !w.key_active(login, fp)? {
                return Err(Error::refused(
                    "key-removed",
                    format!("the SSH key {fp} is no longer a key of the active agent {login}"),
                )
                .hint("ask an admin (cpni agent key list) which keys you may use"));
            }
            w.require_sealed("agent_key", "fingerprint", fp)?;
        }
        Ok(w)
    }

    /// Runs `f` as one step ([`Db::begin`], `f`, [`Write::commit`]): recorded only if `f`
    /// succeeds.
    pub fn step<T>(&mut self, f: impl FnOnce(&Write<'_>) -> Result<T>) -> Result<T> {
        let w = self.begin()?;
        let value = f(&w)?;
        w.commit()?;
        Ok(value)
    }
}

impl Write<'_> {
    /// Records the step: refuses one that changed a decision row after its last audit record,
    /// signs the new head (`audit::head::seal`), and commits, all or nothing. Then releases the
    /// writer lock.
    pub fn commit(mut self) -> Result<()> {
        crate::timing::mark("work");
        if audit::rowdigest::pending(self.read.sql)? {
            return Err(Error::storage(
                "the step changed a decision row after its last audit record; nothing was recorded",
            ));
        }
        audit::head::seal(self.read.sql, &self.db.path, &self.started)?;
        crate::timing::mark("seal");
        let tx = self
            .tx
            .take()
            .expect("a write's transaction is open until it commits");
        tx.commit().map_err(|mut err| {
            err.message = format!("the step was not recorded: {}", err.message);
            err
        })?;
        crate::timing::mark("commit");
        self.committed = true;
        Ok(())
    }

    /// Appends `event` as the next record of the chain, with the digests of the decision rows
    /// this step changed ([`audit::rowdigest::append`]).
    pub fn append(
        &self,
        actor: &crate::audit::Actor,
        at: time::OffsetDateTime,
        event: crate::audit::Event,
    ) -> Result<crate::audit::Record> {
        audit::rowdigest::append(self.read.sql, actor, at, event)
    }

    /// Exit 6 when the decision row of `table` whose `key` column is `value` is not as the
    /// latest record naming it shows it (row seals, [`audit::rowdigest::require_sealed`]).
    pub fn require_sealed(&self, table: &str, key: &'static str, value: &str) -> Result<()> {
        audit::rowdigest::require_sealed(self.read.sql, table, key, value)
    }

    /// Exit 6 when a row named `prefix…` that the chain shows for `account` is not among
    /// `present` ([`audit::rowdigest::require_none_missing`]).
    pub fn require_none_missing(
        &self,
        account: &str,
        prefix: &str,
        present: &[String],
    ) -> Result<()> {
        audit::rowdigest::require_none_missing(self.read.sql, account, prefix, present)
    }
}

impl Drop for Write<'_> {
    /// Rolls back what was not committed, stops noting row changes, releases the writer lock.
    fn drop(&mut self) {
        if let Some(Tx::Pg(pg)) = self.tx.take() {
            let _ = pg.batch("ROLLBACK");
        }
        if let Backend::Sqlite { conn, .. } = &self.db.backend {
            let _ = audit::rowdigest::untrack(conn);
        }
        if let Some(writing) = self.writing.take() {
            self.db.release_writer(writing, self.committed);
        }
    }
}

/// A read transaction: every query through [`Snapshot::read`] sees the database as it was at
/// the first one, whatever writers commit meanwhile. Dropping it ends it.
pub struct Snapshot<'a> {
    tx: Snap<'a>,
}

enum Snap<'a> {
    Sqlite(Transaction<'a>),
    /// A `REPEATABLE READ` transaction, rolled back when dropped.
    Pg(&'a PgConn),
}

impl Drop for Snap<'_> {
    fn drop(&mut self) {
        if let Snap::Pg(pg) = self {
            let _ = pg.batch("ROLLBACK");
        }
    }
}

impl Snapshot<'_> {
    /// Read access inside the snapshot.
    pub fn read(&self) -> Read<'_> {
        match &self.tx {
            Snap::Sqlite(tx) => Read {
                sql: Conn::Sqlite(tx),
            },
            Snap::Pg(pg) => Read { sql: Conn::Pg(pg) },
        }
    }
}

impl Db {
    /// Starts a read snapshot ([`Snapshot`]).
    pub fn snapshot(&self) -> Result<Snapshot<'_>> {
        let tx = match &self.backend {
            Backend::Sqlite { conn, .. } => Snap::Sqlite(conn.unchecked_transaction()?),
            Backend::Pg(pg) => {
                // The snapshot is taken by the first query, so take it now.
                pg.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT 1")?;
                Snap::Pg(pg)
            }
        };
        Ok(Snapshot { tx })
    }
}

/// A second read-only connection of its own, holding its own read snapshot (for a scan on
/// another thread, [`audit::second_reader`]).
pub struct Reader {
    conn: Connection,
}

impl Db {
    /// A second reader on the snapshot ending at `ends`, for a scan on another thread
    /// ([`audit::second_reader`]); `None` on PostgreSQL, whose scan is one ordered stream.
    pub fn second_reader(&self, ends: &audit::Ends) -> Option<Reader> {
        match &self.backend {
            Backend::Sqlite { .. } => audit::second_reader(&self.path, ends),
            Backend::Pg(_) => None,
        }
    }
}

impl Reader {
    /// Read access inside this reader's snapshot.
    pub fn read(&self) -> Read<'_> {
        Read {
            sql: Conn::Sqlite(&self.conn),
        }
    }
}
