//! The writer lock: an exclusive `flock` on `<db>.lock`, waited for at most a configured time.
//!
//! The wait is a blocking `flock` (the kernel queues the waiters, so 64 concurrent writers all
//! get their turn). To bound it, a watchdog thread sends this thread `SIGALRM` (whose handler
//! does nothing and is installed without `SA_RESTART`) when the deadline passes, and again every
//! 20 ms until the wait ends, so the `flock` returns `EINTR`. Any interruption before the
//! deadline (a signal sent by someone else) simply retries the wait. Past the deadline the
//! step fails with exit 5 "the database is busy", having changed nothing.

use std::fs::File;
use std::os::fd::AsRawFd;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::error::{Error, Kind, Result};

/// How often the watchdog repeats its signal after the deadline, in case one arrived just
/// before the thread re-entered `flock`.
const NUDGE: Duration = Duration::from_millis(20);

/// The held lock; dropping it (closing the file) releases it.
#[derive(Debug)]
pub struct Held {
    _file: File,
}

/// Takes the exclusive lock on `file`, waiting at most `timeout`. `db` names the database in
/// the error.
pub fn exclusive(file: File, timeout: Duration, db: &Path) -> Result<Held> {
    let fd = file.as_raw_fd();
    // SAFETY: flock on a descriptor this function owns.
    if unsafe { libc::flock(fd, libc::LOCK_EX | libc::LOCK_NB) } == 0 {
        return Ok(Held { _file: file });
    }
    let e = std::io::Error::last_os_error();
    if e.raw_os_error() != Some(libc::EWOULDBLOCK) {
        return Err(lock_error(e));
    }
    install_wakeup_handler();
    let deadline = Instant::now() + timeout;
    let watchdog = Watchdog::start(deadline);
    let outcome = loop {
        // SAFETY: as above; blocks until the lock is ours or a signal interrupts.
        if unsafe { libc::flock(fd, libc::LOCK_EX) } == 0 {
            break Ok(());
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            break Err(lock_error(e));
        }
        if Instant::now() >= deadline {
            break Err(busy(timeout, db));
        }
    };
    watchdog.stop();
    outcome.map(|()| Held { _file: file })
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
/// blocking `flock` instead of ending the process.
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
