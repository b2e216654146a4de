//! The bound on every round trip to PostgreSQL once the connection is up. The client library
//! (the sync `postgres` crate over tokio-postgres) has no per-query timeout, and neither TCP
//! keepalives nor `tcp_user_timeout` help against a server that is stopped (SIGSTOP, a frozen
//! VM) while its kernel still acknowledges every packet; a server-side `statement_timeout`
//! needs a server that runs. So each connection has a [`Watchdog`]: a thread that, when a
//! round trip has been waiting longer than its bound, shuts the connection's socket down
//! (`shutdown(2)`), so the blocked call returns "connection closed" and the command ends on the
//! normal exit-5 path (`pg-stalled`, [`stalled`]); the server rolls back whatever the
//! connection had not committed, so nothing is half-written. The bound is
//! `[storage] query_timeout_secs` (default 30 s, [`set_bound`]), plus the lock wait for the
//! round trips that wait for a lock. The socket is the one the connection made: the socket
//! descriptors of the process before and after connecting are compared ([`socket_fds`]); the
//! watchdog only ever acts while a call on its live connection is waiting, so it never touches
//! a descriptor closed and reused.

use std::os::fd::RawFd;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::error::{Error, Kind};

/// `[storage] query_timeout_secs` when the config does not set it.
pub const DEFAULT_BOUND: Duration = Duration::from_secs(30);

static BOUND_MS: AtomicU64 = AtomicU64::new(30_000);

/// Sets the round-trip bound of this process (from `[storage] query_timeout_secs`).
pub fn set_bound(d: Duration) {
    BOUND_MS.store(d.as_millis().max(1) as u64, Ordering::Relaxed);
}

/// The round-trip bound of this process.
pub fn bound() -> Duration {
    Duration::from_millis(BOUND_MS.load(Ordering::Relaxed))
}

/// The socket descriptors this process has open, sorted.
pub fn socket_fds() -> Vec<RawFd> {
    let mut out: Vec<RawFd> = std::fs::read_dir("/proc/self/fd")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .filter(|fd| is_socket(*fd))
        .collect();
    out.sort_unstable();
    out
}

fn is_socket(fd: RawFd) -> bool {
    // SAFETY: fstat only writes the zeroed `stat` we own; a closed fd is an error, not UB.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    (unsafe { libc::fstat(fd, &mut st) }) == 0 && (st.st_mode & libc::S_IFMT) == libc::S_IFSOCK
}

#[derive(Default)]
struct State {
    deadline: Option<Instant>,
    fired: bool,
    gone: bool,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The watchdog of one connection (see the module doc); dropping it ends its thread.
pub struct Watchdog {
    shared: Arc<Shared>,
}

impl Watchdog {
    /// Watches the connection whose socket is `fd` (`None`: it could not be told apart, and
    /// a stall is then not cut short).
    pub fn start(fd: Option<RawFd>) -> Watchdog {
        let shared = Arc::new(Shared::default());
        let s = shared.clone();
        std::thread::spawn(move || watch(&s, fd));
        Watchdog { shared }
    }

    /// Arms the watchdog for one round trip that may also wait `wait` for a lock: past
    /// `wait` + [`bound`] the socket is shut down. Disarmed when the guard drops.
    pub fn arm(&self, wait: Duration) -> Armed<'_> {
        let mut st = self.shared.lock();
        st.deadline = Some(Instant::now() + wait + bound());
        self.shared.wake.notify_all();
        Armed(self)
    }

    /// Whether it shut the socket down: the connection's next error is [`stalled`].
    pub fn fired(&self) -> bool {
        self.shared.lock().fired
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.shared.lock().gone = true;
        self.shared.wake.notify_all();
    }
}

/// An armed watchdog; dropping it disarms it.
pub struct Armed<'a>(&'a Watchdog);

impl Drop for Armed<'_> {
    fn drop(&mut self) {
        self.0.shared.lock().deadline = None;
    }
}

fn watch(s: &Shared, fd: Option<RawFd>) {
    let mut st = s.lock();
    loop {
        if st.gone {
            return;
        }
        st = match st.deadline {
            None => s.wake.wait(st).unwrap_or_else(|p| p.into_inner()),
            Some(d) if Instant::now() >= d => {
                if let Some(fd) = fd {
                    // SAFETY: `fd` is the live connection's socket: armed only while a call on
                    // it waits, so it has not been closed.
                    unsafe { libc::shutdown(fd, libc::SHUT_RDWR) };
                }
                st.fired = true;
                st.deadline = None;
                st
            }
            Some(d) => {
                let left = d.saturating_duration_since(Instant::now());
                s.wake
                    .wait_timeout(st, left)
                    .unwrap_or_else(|p| p.into_inner())
                    .0
            }
        };
    }
}

/// Exit 5 `pg-stalled`: the server at `place` stopped answering for longer than the bound.
pub fn stalled(place: &str) -> Error {
    Error::new(
        Kind::Storage,
        "pg-stalled",
        format!(
            "PostgreSQL at {place} stopped answering (no reply within {:.0} s, [storage] \
             query_timeout_secs): cpni closed the connection; the server rolls back what was \
             not committed, so this step was not recorded",
            bound().as_secs_f64()
        ),
    )
    .hint("check that the server is running and not overloaded, then run the command again")
}
