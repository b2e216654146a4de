//! The writer lock: first come, first served across processes, safe when any of them is killed,
//! and waited for at most a configured time.
//!
//! **Exclusion** is an exclusive `flock` on `<db>.lock`, as before, and nothing else: the kernel
//! drops it when its holder exits or is killed, and no ordering mechanism below can grant the
//! writer lock without it. A process that ignores the queue (an older cpni, a test, `flock(1)`)
//! is still excluded; at worst it overtakes the queue.
//!
//! **Order** comes from a ticket queue in `<db>.lock-queue`, built only from open-file-description
//! (OFD) byte-range locks, which the kernel also drops when their holder dies. Bytes 0-7 hold a
//! ticket counter; a brief OFD write lock on them makes "read the counter, write it + 1, lock my
//! slot" one step, so no process ever sees a ticket taken but its slot not yet locked. Ticket
//! `t` then holds an OFD write lock on its slot, byte [`SLOT_BASE`] + `t`, from the moment it
//! queues until after it has released the `flock`. It waits until its predecessor's slot
//! (`t - 1`) is free (a blocking read-lock request, so only that one process is woken when its
//! predecessor leaves, not every waiter as `flock` does), then asks the kernel whether any older
//! slot is still held (`F_OFD_GETLK` over `[1, t)`) and waits for that one too, until none is;
//! only then does it take the `flock`. Grants therefore follow ticket order among the processes
//! still alive, even when one in the middle died or gave up: its slot is freed, its successor
//! finds the next older live ticket and waits behind it.
//!
//! **Crashes.** A holder killed while holding frees the `flock` and its slot at once; its
//! successor proceeds. A waiter killed mid-queue frees its slot; its successor skips it (above).
//! A process killed while holding the counter lock frees it; one killed after writing the counter
//! but before locking its slot leaves an unused ticket that nobody waits for. The counter is an
//! 8-byte `pwrite` (all or nothing under `SIGKILL`); should it ever be lost (a power cut, someone
//! truncating the file) the worst outcome is one out-of-order grant, never two holders: a ticket
//! whose slot is already held is skipped for the next one, and the `flock` still excludes. If
//! the queue cannot be used at all (a file system without OFD locks) the step waits on the
//! `flock` alone, unordered, rather than failing.
//!
//! **Descheduled processes.** A waiter sleeps in the kernel holding only its slot (no spinning,
//! no polling), so 64 waiters on 2 cores cost nothing until their turn; at each release exactly
//! one is woken, not all of them. The price of strict order is that a woken successor that the
//! scheduler does not run at once delays everyone behind it, and a holder descheduled inside
//! its transaction (or waiting for its fsync) holds everyone up: the wait is the sum of the
//! hold times ahead, so the hold is kept to the transaction itself (everything a step parses,
//! reads and checks beforehand is done before [`exclusive`] is called) and measured
//! (`--debug-timings` prints `lock_hold_us`).
//!
//! **Timeout.** One deadline covers the whole wait (queue and `flock`). Every blocking call is
//! tried without blocking first; only if it would block does a watchdog thread start, which sends
//! this thread `SIGALRM` (whose handler does nothing and is installed without `SA_RESTART`) when
//! the deadline passes and again every 20 ms until the wait ends, so the call returns `EINTR`.
//! An interruption before the deadline (a signal sent by someone else) retries the same call.
//! Past the deadline the step fails with exit 5 "the database is busy" having changed nothing;
//! closing the queue file frees its slot, and its successor waits behind the next older one.

use std::fs::File;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::error::{Error, Kind, Result};

/// The queue file's suffix after the database path.
pub const QUEUE_SUFFIX: &str = ".lock-queue";

/// Slot `t` is byte `SLOT_BASE + t` of the queue file (the counter lives below it).
pub const SLOT_BASE: u64 = 4096;

/// Tickets wrap past this (never in practice: 2^62 steps), keeping every slot a valid offset.
const LAST_TICKET: u64 = 1 << 62;

/// How often the watchdog repeats its signal after the deadline, in case one arrived just
/// before the thread re-entered a blocking call.
const NUDGE: Duration = Duration::from_millis(20);

/// The longest this process held the writer lock, in microseconds (`--debug-timings`).
pub static HOLD_MAX_US: AtomicU64 = AtomicU64::new(0);

/// The held lock. Dropping it releases the `flock` first, then the queue slot, so the
/// successor woken by the slot finds the `flock` free.
#[derive(Debug)]
pub struct Held {
    flock: Option<File>,
    _queue: Option<File>,
    since: Instant,
}

impl Drop for Held {
    fn drop(&mut self) {
        drop(self.flock.take());
        let us = self.since.elapsed().as_micros() as u64;
        HOLD_MAX_US.fetch_max(us, Ordering::Relaxed);
    }
}

/// Takes the writer lock: queues on `queue` (the open `<db>.lock-queue`, or `None` to skip the
/// queue), then takes the exclusive `flock` on `file` (`<db>.lock`), waiting at most `timeout`
/// in all. `db` names the database in the error.
pub fn exclusive(file: File, queue: Option<File>, timeout: Duration, db: &Path) -> Result<Held> {
    let mut wait = Wait::new(timeout);
    let queue = match queue {
        Some(q) => match queue_up(&q, &mut wait) {
            Ok(()) => Some(q),
            Err(Stop::Deadline) => return Err(busy(timeout, db)),
            // No usable queue here: the flock alone still excludes.
            Err(Stop::Failed(_)) => None,
        },
        None => None,
    };
    let fd = file.as_raw_fd();
    match wait.call(|block| flock(fd, block)) {
        Ok(()) => Ok(Held {
            flock: Some(file),
            _queue: queue,
            since: Instant::now(),
        }),
        Err(Stop::Deadline) => Err(busy(timeout, db)),
        Err(Stop::Failed(e)) => Err(lock_error(e)),
    }
}

/// Takes a ticket and waits until every older ticket still alive has gone.
fn queue_up(q: &File, wait: &mut Wait) -> std::result::Result<(), Stop> {
    let fd = q.as_raw_fd();
    let ticket = take_ticket(q, wait)?;
    let mut ahead = ticket - 1;
    loop {
        if ahead > 0 {
            let slot = SLOT_BASE + ahead;
            wait.call(|block| range_lock(fd, libc::F_RDLCK, slot, 1, block))?;
            range_lock(fd, libc::F_UNLCK, slot, 1, false).map_err(Stop::Failed)?;
        }
        match oldest_held_below(fd, ticket).map_err(Stop::Failed)? {
            Some(older) => ahead = older,
            None => return Ok(()),
        }
    }
}

/// Under the counter lock: reads the counter, writes the next ticket and locks its slot; a
/// ticket whose slot is held (the counter was lost) is skipped. Returns the ticket.
fn take_ticket(q: &File, wait: &mut Wait) -> std::result::Result<u64, Stop> {
    let fd = q.as_raw_fd();
    wait.call(|block| range_lock(fd, libc::F_WRLCK, 0, 8, block))?;
    let taken = (|| loop {
        let mut bytes = [0u8; 8];
        let n = read_at_most(q, &mut bytes)?;
        let last = if n == 8 { u64::from_le_bytes(bytes) } else { 0 };
        let ticket = if last >= LAST_TICKET { 1 } else { last + 1 };
        q.write_all_at(&ticket.to_le_bytes(), 0)?;
        match range_lock(fd, libc::F_WRLCK, SLOT_BASE + ticket, 1, false) {
            Ok(()) => return Ok(ticket),
            Err(e) if would_block(&e) => continue,
            Err(e) => return Err(e),
        }
    })();
    let unlocked = range_lock(fd, libc::F_UNLCK, 0, 8, false);
    let ticket = taken.map_err(Stop::Failed)?;
    unlocked.map_err(Stop::Failed)?;
    Ok(ticket)
}

fn read_at_most(q: &File, buf: &mut [u8; 8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match q.read_at(&mut buf[n..], n as u64) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// The ticket of some slot below `ticket` that another process still holds, if any.
fn oldest_held_below(fd: RawFd, ticket: u64) -> std::io::Result<Option<u64>> {
    if ticket <= 1 {
        return Ok(None);
    }
    let mut fl = flock_range(libc::F_RDLCK, SLOT_BASE + 1, ticket - 1);
    // SAFETY: fcntl on an open descriptor with a valid, initialised `flock`.
    if unsafe { libc::fcntl(fd, libc::F_OFD_GETLK, &mut fl) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    if fl.l_type == libc::F_UNLCK as libc::c_short {
        return Ok(None);
    }
    let start = (fl.l_start as u64).max(SLOT_BASE + 1);
    Ok(Some((start - SLOT_BASE).min(ticket - 1)))
}

fn flock_range(kind: libc::c_int, start: u64, len: u64) -> libc::flock {
    // SAFETY: a zeroed `flock` is a valid value; the fields that matter are set below.
    let mut fl: libc::flock = unsafe { std::mem::zeroed() };
    fl.l_type = kind as libc::c_short;
    fl.l_whence = libc::SEEK_SET as libc::c_short;
    fl.l_start = start as libc::off_t;
    fl.l_len = len as libc::off_t;
    fl
}

/// Sets (or, with `F_UNLCK`, releases) an OFD lock on `len` bytes from `start`.
fn range_lock(
    fd: RawFd,
    kind: libc::c_int,
    start: u64,
    len: u64,
    block: bool,
) -> std::io::Result<()> {
    let fl = flock_range(kind, start, len);
    let cmd = if block {
        libc::F_OFD_SETLKW
    } else {
        libc::F_OFD_SETLK
    };
    // SAFETY: fcntl on an open descriptor with a valid, initialised `flock`.
    if unsafe { libc::fcntl(fd, cmd, &fl) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

fn flock(fd: RawFd, block: bool) -> std::io::Result<()> {
    let op = if block {
        libc::LOCK_EX
    } else {
        libc::LOCK_EX | libc::LOCK_NB
    };
    // SAFETY: flock on a descriptor the caller owns.
    if unsafe { libc::flock(fd, op) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// A lock held by someone else (the non-blocking forms' refusal).
fn would_block(e: &std::io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::EAGAIN) | Some(libc::EACCES))
        || e.raw_os_error() == Some(libc::EWOULDBLOCK)
}

/// Why a wait ended without the lock.
enum Stop {
    Deadline,
    Failed(std::io::Error),
}

/// One deadline for a whole acquisition, and the watchdog once something has to block.
struct Wait {
    deadline: Instant,
    watchdog: Option<Watchdog>,
}

impl Wait {
    fn new(timeout: Duration) -> Wait {
        Wait {
            deadline: Instant::now() + timeout,
            watchdog: None,
        }
    }

    /// Runs `op(false)`; if that would block, runs `op(true)` under the watchdog until it
    /// succeeds, retrying an interruption before the deadline.
    fn call(
        &mut self,
        mut op: impl FnMut(bool) -> std::io::Result<()>,
    ) -> std::result::Result<(), Stop> {
        match op(false) {
            Ok(()) => return Ok(()),
            Err(e) if would_block(&e) => {}
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Stop::Failed(e)),
        }
        if self.watchdog.is_none() {
            self.watchdog = Some(Watchdog::start(self.deadline));
        }
        loop {
            match op(true) {
                Ok(()) => return Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Stop::Failed(e)),
            }
            if Instant::now() >= self.deadline {
                return Err(Stop::Deadline);
            }
        }
    }
}

impl Drop for Wait {
    fn drop(&mut self) {
        if let Some(w) = self.watchdog.take() {
            w.stop();
        }
    }
}

fn lock_error(e: std::io::Error) -> Error {
    Error::storage(format!("cannot take the writer lock: {e}"))
        .hint("check the permissions of the database folder")
}

fn busy(timeout: Duration, db: &Path) -> Error {
    let mut lock = db.as_os_str().to_owned();
    lock.push(".lock");
    Error::new(
        Kind::Storage,
        "busy",
        format!(
            "the database is busy: another process held the writer lock for more than {:.1} s; \
             nothing was changed",
            timeout.as_secs_f64()
        ),
    )
    .hint(format!(
        "try again in a moment; if it persists, find the process holding {} (`fuser` shows it) \
         or raise [storage] lock_timeout_secs",
        Path::new(&lock).display()
    ))
}

/// Installs a do-nothing `SIGALRM` handler without `SA_RESTART`, so the signal interrupts a
/// blocking lock call instead of ending the process.
fn install_wakeup_handler() {
    extern "C" fn wake(_: libc::c_int) {}
    // SAFETY: a zeroed sigaction is valid; the handler is async-signal-safe (does nothing).
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = wake as *const () as libc::sighandler_t;
        libc::sigemptyset(&mut sa.sa_mask);
        sa.sa_flags = 0;
        libc::sigaction(libc::SIGALRM, &sa, std::ptr::null_mut());
    }
}

/// The thread that interrupts the waiting thread once the deadline has passed.
struct Watchdog {
    stop: mpsc::Sender<()>,
    thread: std::thread::JoinHandle<()>,
}

impl Watchdog {
    fn start(deadline: Instant) -> Watchdog {
        install_wakeup_handler();
        // SAFETY: pthread_self has no preconditions.
        let target = unsafe { libc::pthread_self() };
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            let mut wait = deadline.saturating_duration_since(Instant::now());
            while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(wait) {
                // SAFETY: `target` is still running: it joins this thread before going on.
                unsafe {
                    libc::pthread_kill(target, libc::SIGALRM);
                }
                wait = NUDGE;
            }
        });
        Watchdog { stop, thread }
    }

    /// Stops the watchdog and waits for it, so no signal arrives after the wait is over.
    fn stop(self) {
        drop(self.stop);
        let _ = self.thread.join();
    }
}
