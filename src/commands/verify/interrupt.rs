//! Ctrl-C during the wizard: restore the terminal, record the open session as abandoned,
//! remove the demo's folder (if any), and exit 130. The same happens on SIGTERM and SIGHUP
//! (a closed terminal window, a dropped ssh connection): the session is not left open for the
//! idle timeout. The session is recorded once, whether the interrupt arrives as a signal (the
//! handler thread) or as an interrupted prompt (the main thread: Ctrl-C, or a terminal that
//! failed because it is gone, see `ui/hangup.rs`). Messages here ignore write
//! errors: after a hang-up the terminal is gone, and the recording must still happen.

use std::sync::Mutex;

use crate::audit::Actor;
use crate::clock;
use crate::commands::session;
use crate::config::Config;
use crate::error::Result;
use crate::ui::hangup::say;

/// The open session, for the Ctrl-C handler: (the config naming its database, session id,
/// actor).
static OPEN: Mutex<Option<(Config, String, Actor)>> = Mutex::new(None);

/// Records the open session (if any) as abandoned. The lock is held while recording, so a
/// concurrent Ctrl-C handler waits instead of exiting mid-write.
pub fn abandon_open() {
    let Ok(mut guard) = OPEN.lock() else { return };
    if let Some((cfg, id, actor)) = guard.take() {
        match abandon(&cfg, &id, &actor) {
            Ok(()) => say(&format!(
                "\nInterrupted: session {id} recorded as abandoned."
            )),
            // It ended meanwhile (for example `cpni session end` raced the Ctrl-C): it stays
            // as it ended, and the wizard still exits 130.
            Err(e) if e.code == "session-ended" => {
                say(&format!("\nInterrupted: session {id} had already ended."))
            }
            Err(e) => say(&format!(
                "\nInterrupted: could not record session {id} as abandoned: {}",
                e.message
            )),
        }
    }
}

/// A folder to remove on every exit, Ctrl-C included (`cpni demo`'s throw-away database).
static CLEANUP: Mutex<Option<std::path::PathBuf>> = Mutex::new(None);

/// Registers (or, with `None`, removes and forgets) the folder to delete on exit.
pub fn set_cleanup(dir: Option<std::path::PathBuf>) {
    if let Ok(mut g) = CLEANUP.lock() {
        match dir {
            Some(d) => *g = Some(d),
            None => {
                if let Some(d) = g.take() {
                    let _ = std::fs::remove_dir_all(d);
                }
            }
        }
    }
}

pub fn set_open(v: Option<(Config, String, Actor)>) {
    if let Ok(mut g) = OPEN.lock() {
        *g = v;
    }
}

/// On Ctrl-C: restore the terminal, record the session as abandoned, exit 130.
pub fn install_interrupt_handler() {
    let saved = saved_termios();
    let _ = ctrlc::set_handler(move || {
        if let Some(t) = saved {
            // SAFETY: restores the terminal attributes read at start-up on fd 0.
            unsafe { libc::tcsetattr(0, libc::TCSANOW, &t) };
        }
        let _ = console::Term::stderr().show_cursor();
        abandon_open();
        set_cleanup(None);
        std::process::exit(130);
    });
}

fn saved_termios() -> Option<libc::termios> {
    // SAFETY: tcgetattr fills the struct on success; we only use it then.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        (libc::tcgetattr(0, &mut t) == 0).then_some(t)
    }
}

fn abandon(cfg: &Config, id: &str, actor: &Actor) -> Result<()> {
    let mut db = crate::commands::context::open_db(cfg)?;
    let mut l = session::load_any_for_abandon(&db, id)?;
    session::abandon(&mut db, &mut l, actor, clock::now())
}
