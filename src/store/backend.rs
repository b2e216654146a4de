//! The per-backend boundary for the two exclusions that are not queries: the writer lock every
//! step holds for its transaction, and the claim on one outbox item while a process delivers it.
//!
//! [`Locking`] is what a backend implements; [`crate::store::Db`] calls it from
//! [`crate::store::Db::begin`] and [`crate::store::Db::claim_outbox_item`], so commands never
//! see how either is done. The SQLite implementation is [`Files`]: the writer lock is the
//! first-come, first-served file lock on `<db>.lock` and `<db>.lock-queue` ([`super::lock`]),
//! waited for at most the configured time ("the database is busy", exit 5); an outbox claim is
//! an open-file-description lock on byte `id` of `<db>.outbox.lock`, which the kernel drops when
//! the process exits or is killed. The PostgreSQL implementation is [`Advisory`]: the writer
//! lock is `pg_advisory_xact_lock(WRITER_LOCK)`, the first statement of the step's
//! transaction, its wait bounded by `SET LOCAL lock_timeout` (SQLSTATE 55P03, "the database is
//! busy", exit 5) and released by the commit or rollback; a claim is an advisory session lock
//! on the item's key, released when the claim is dropped or the connection ends. Waiting for a
//! claim held by another process is bounded by the same `[storage] lock_timeout_secs` on both
//! (SQLite polls its byte lock, PostgreSQL sets `lock_timeout`): exit 5 `busy` past it, the
//! item left queued. We chose the
//! advisory lock over `SELECT … FOR UPDATE SKIP LOCKED` for the claim: the contract is that a
//! second claimant *waits* and then re-reads the item (finding it sent), and holds across the
//! steps that record the delivery, which a row lock (released by the first step's commit)
//! cannot do; a host that lists the queue skips nothing and waits only on the item another
//! host is sending. Nothing outside `store/` sees which is used.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::sql::PgConn;
use super::{lock, perms};
use crate::error::{Error, Result};

/// The writer lock and the outbox claims of one backend.
pub trait Locking {
    /// The held writer lock; dropping it releases it.
    type Writer;
    /// A held claim on one outbox item; dropping it (or the process dying) releases it.
    type Claim: std::fmt::Debug;

    /// Waits at most `timeout` for the writer lock (exit 5 "the database is busy" past it),
    /// then holds it; writers are served in the order they asked.
    fn writer(&self, timeout: Duration) -> Result<Self::Writer>;

    /// Waits at most `timeout` (`[storage] lock_timeout_secs`, as for the writer lock; exit 5
    /// `busy` past it, [`claim_busy`]) for, then holds, the exclusive claim on outbox item
    /// `id`: two processes delivering the queue at once never send one item twice (the second
    /// waits, re-reads the item and finds it sent). Never called while the writer lock is
    /// held, so the two cannot deadlock.
    fn claim(&self, id: i64, timeout: Duration) -> Result<Self::Claim>;
}

/// SQLite's locks: files beside the database (see the module doc).
#[derive(Debug, Clone)]
pub struct Files {
    db: PathBuf,
}

impl Files {
    /// The locks of the database at `db`.
    pub fn new(db: &Path) -> Files {
        Files {
            db: db.to_path_buf(),
        }
    }
}

impl Locking for Files {
    type Writer = lock::Held;
    type Claim = File;

    fn writer(&self, timeout: Duration) -> Result<lock::Held> {
        let file = open_side_file(&self.db, ".lock")?;
        // Without its queue file the lock still excludes (the flock), only unordered.
        let queue = open_side_file(&self.db, lock::QUEUE_SUFFIX).ok();
        lock::exclusive(file, queue, timeout, &self.db)
    }

    /// A lock on byte `id` of `<db>.outbox.lock` (an open-file-description lock, so the kernel
    /// drops it when the process exits or is killed).
    fn claim(&self, id: i64, timeout: Duration) -> Result<File> {
        use std::os::fd::AsRawFd;
        let deadline = std::time::Instant::now() + timeout;
        let file = open_side_file(&self.db, ".outbox.lock")?;
        // SAFETY: a zeroed `flock` is a valid value; the fields that matter are set below.
        let mut fl: libc::flock = unsafe { std::mem::zeroed() };
        fl.l_type = libc::F_WRLCK as _;
        fl.l_whence = libc::SEEK_SET as _;
        fl.l_start = id as libc::off_t;
        fl.l_len = 1;
        loop {
            // SAFETY: fcntl on an open descriptor with a valid, initialised `flock`.
            let r = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_OFD_SETLK, &mut fl) };
            if r == 0 {
                return Ok(file);
            }
            let e = std::io::Error::last_os_error();
            let held = matches!(e.raw_os_error(), Some(libc::EAGAIN) | Some(libc::EACCES));
            if held {
                // Held by another process: polled, so the wait has a bound.
                if std::time::Instant::now() >= deadline {
                    return Err(claim_busy(id, timeout));
                }
                std::thread::sleep(CLAIM_POLL);
                continue;
            }
            if e.kind() != std::io::ErrorKind::Interrupted {
                return Err(Error::storage(format!(
                    "cannot lock outbox item {id} for delivery: {e}"
                ))
                .hint("check the permissions of the database folder"));
            }
        }
    }
}

/// How often a SQLite claim held by another process is tried again.
const CLAIM_POLL: Duration = Duration::from_millis(20);

/// Exit 5 `busy`: another process delivered outbox item `id` for longer than `timeout`.
pub fn claim_busy(id: i64, timeout: Duration) -> Error {
    Error::new(
        crate::error::Kind::Storage,
        "busy",
        format!(
            "the database is busy: another process has been delivering outbox item {id} for \
             more than {:.1} s, so this process did not send it: it stays queued",
            timeout.as_secs_f64()
        ),
    )
    .hint("the item stays queued: run `cpni notify send` again in a moment; if it persists, find the process delivering it (on PostgreSQL, pg_locks shows the advisory lock) or raise [storage] lock_timeout_secs")
}

/// Opens (creating, 0600) the file `<db><suffix>` beside the database.
fn open_side_file(db: &Path, suffix: &str) -> Result<File> {
    let path = perms::beside(db, suffix);
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::PermissionDenied {
                return perms::io_error(&path, &e);
            }
            Error::storage(format!("cannot open the writer lock file: {e}"))
                .hint("check that the database folder exists and is writable")
        })
}

/// PostgreSQL's locks (see the module doc): the writer lock is an advisory transaction lock
/// taken as the first statement of the step's transaction, the claim an advisory session lock
/// on the item.
pub struct Advisory {
    pg: Arc<PgConn>,
}

impl Advisory {
    /// The locks taken on the connection `pg`.
    pub fn new(pg: Arc<PgConn>) -> Advisory {
        Advisory { pg }
    }
}

/// The writer lock on PostgreSQL: held by the open transaction itself, released by its commit
/// or rollback (or by the connection's end), so there is nothing to drop.
pub struct InTransaction;

/// A claim on one outbox item on PostgreSQL: an advisory session lock on the item's key,
/// released when this is dropped or the connection ends (the process exits or is killed).
pub struct PgClaim {
    pg: Arc<PgConn>,
    id: i64,
}

impl std::fmt::Debug for PgClaim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PgClaim({})", self.id)
    }
}

/// The two-key advisory lock of outbox item `id`: the class is "cpnc" (as an i32) mixed with
/// the id's upper half, the object its lower half. The two-key space is apart from the one-key
/// space of [`super::pg::WRITER_LOCK`], so the two never collide.
fn claim_key(id: i64) -> (i32, i32) {
    let class = i32::from_be_bytes(*b"cpnc") ^ ((id >> 32) as i32);
    (class, id as i32)
}

impl Drop for PgClaim {
    fn drop(&mut self) {
        let (class, obj) = claim_key(self.id);
        let _ = self.pg.batch(&format!(
            "SELECT pg_catalog.pg_advisory_unlock({class}, {obj})"
        ));
    }
}

impl Advisory {
    /// Exit 6 `foreign-object` when [`super::pg::guard::problems`] finds anything; an
    /// internal error for a connection opened without its guard.
    fn guarded(&self) -> Result<()> {
        let Some(sql) = self.pg.guard.get() else {
            return Err(Error::internal(
                "a PostgreSQL connection without its step check took the writer lock",
            ));
        };
        super::foreign_objects_error(&super::pg::guard::problems(&self.pg, sql)?)
    }
}

impl Locking for Advisory {
    type Writer = InTransaction;
    type Claim = PgClaim;

    /// Opens the step's transaction (`READ COMMITTED`) and, first in it, the step check
    /// ([`super::pg::guard`]): anything wrong rolls back and is exit 6 `foreign-object`, so no
    /// write on PostgreSQL runs without it. It runs before the writers' lock, in the same
    /// transaction, so its ~1.5 ms is not spent while every other host's step waits (an
    /// object committed after it is seen from the next step on, as one committed while the
    /// step runs). Then it waits for `pg_advisory_xact_lock(WRITER_LOCK)` for at most
    /// `timeout` (`SET LOCAL lock_timeout`: SQLSTATE 55P03 is "the database is busy", exit 5).
    /// PostgreSQL grants it in the order it was asked for. The row triggers note the step's
    /// changes from then on (`cpni.capture`, see [`super::pg`]).
    fn writer(&self, timeout: Duration) -> Result<InTransaction> {
        let ms = timeout.as_millis().clamp(1, i32::MAX as u128);
        let begin = format!(
            "BEGIN; SELECT pg_catalog.set_config('lock_timeout', '{ms}ms', true), \
             pg_catalog.set_config('cpni.capture', 'on', true)"
        );
        let lock = format!(
            "SELECT pg_catalog.pg_advisory_xact_lock({})",
            super::pg::WRITER_LOCK
        );
        let steps = || -> Result<()> {
            self.pg.batch(&begin)?;
            // Inside the transaction: what decides whether the step may run (pg::guard),
            // whatever changed since the connection opened.
            self.guarded()?;
            self.pg.batch_waiting(&lock, timeout)
        };
        if let Err(e) = steps() {
            let _ = self.pg.batch("ROLLBACK");
            return Err(e);
        }
        Ok(InTransaction)
    }

    /// `pg_advisory_lock` on the item's key under a session `lock_timeout` of `timeout`
    /// (reset to 0, cpni's session default, right after): SQLSTATE 55P03 is [`claim_busy`].
    fn claim(&self, id: i64, timeout: Duration) -> Result<PgClaim> {
        let (class, obj) = claim_key(id);
        let ms = timeout.as_millis().clamp(1, i32::MAX as u128);
        let got = self.pg.batch_waiting(
            &format!(
                "SELECT pg_catalog.set_config('lock_timeout', '{ms}ms', false); \
             SELECT pg_catalog.pg_advisory_lock({class}, {obj})"
            ),
            timeout,
        );
        let reset = self
            .pg
            .batch("SELECT pg_catalog.set_config('lock_timeout', '0', false)");
        match got {
            Err(e) if e.code == "busy" => return Err(claim_busy(id, timeout)),
            Err(e) => return Err(e),
            Ok(()) => reset?,
        }
        Ok(PgClaim {
            pg: self.pg.clone(),
            id,
        })
    }
}
