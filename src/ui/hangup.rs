//! A terminal that is gone (a closed window, a dropped ssh connection) is a hang-up, however
//! cpni learns of it: SIGHUP (the handler in `commands/verify/interrupt.rs`) or a failed read or
//! write on the terminal (EIO, ENXIO, EPIPE, or end of file on the key read), whichever comes
//! first. Both end the wizard the same way: the open session recorded as abandoned, exit 130.
//! Text for a terminal that may be gone goes through [`say`], which never panics.

use std::io::{self, Write};

use crate::error::{Error, Kind};

/// The stable code of the hang-up error (its kind is [`Kind::Interrupted`], exit 130).
pub const CODE: &str = "hangup";

/// Whether `e`, from a read or write on the terminal, means the terminal is gone.
pub fn is_gone(e: &io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(libc::EIO) | Some(libc::ENXIO) | Some(libc::EPIPE)
    ) || matches!(
        e.kind(),
        io::ErrorKind::UnexpectedEof | io::ErrorKind::BrokenPipe
    )
}

/// The error a prompt returns when the terminal is gone.
pub fn error() -> Error {
    Error::new(Kind::Interrupted, CODE, "the terminal was closed (hang-up)")
}

/// Whether `e` is a hang-up (rather than a Ctrl-C, which the wizard may ask about).
pub fn is_hangup(e: &Error) -> bool {
    e.kind == Kind::Interrupted && e.code == CODE
}

/// A terminal read or write failure as an error: a hang-up when the terminal is gone,
/// otherwise an I/O error as before.
pub fn from_io(e: io::Error) -> Error {
    if is_gone(&e) { error() } else { Error::from(e) }
}

/// Writes `text` and a newline to stderr, ignoring failure (`eprintln!` panics on a write
/// error, and after a hang-up every write fails).
pub fn say(text: &str) {
    let _ = writeln!(io::stderr(), "{text}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dead_terminal_is_a_hangup_and_other_errors_are_not() {
        for errno in [libc::EIO, libc::ENXIO, libc::EPIPE] {
            assert!(is_gone(&io::Error::from_raw_os_error(errno)), "{errno}");
            assert!(is_hangup(&from_io(io::Error::from_raw_os_error(errno))));
        }
        assert!(is_gone(&io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "Reached end of file"
        )));
        for errno in [libc::ENOTTY, libc::ENOSPC, libc::EACCES] {
            let e = from_io(io::Error::from_raw_os_error(errno));
            assert!(!is_hangup(&e), "{errno}");
            assert_eq!(e.kind, Kind::Storage);
        }
        assert_eq!(error().exit_code(), 130);
    }
}
