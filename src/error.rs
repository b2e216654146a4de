//! Typed errors and the exit codes of `design.md` §4.
//!
//! Every failure a user or script can act on is an [`Error`] with a [`Kind`] (which fixes the
//! exit code), a stable `code` that scripts may match on, a one-line message naming the field or
//! line at fault, and a hint saying what to do next. Only `main` turns an error into output and an
//! exit status; nothing else calls `process::exit`.

use std::fmt;

/// The documented exit codes. The numbers are a contract with scripts: never renumber.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 1: completed with a negative result (wrong PIN or code, callback not reached, expired).
    Negative,
    /// 2: usage, configuration or invalid input.
    Usage,
    /// 3: refused by policy, role or lockout.
    Refused,
    /// 4: account, session, agent or record not found.
    NotFound,
    /// 5: storage error.
    Storage,
    /// 6: audit integrity failure.
    Integrity,
    /// 7: delivery failed; the message stays queued.
    Delivery,
    /// 8: the output could not be written (a full disk, `> /dev/full`, a device error).
    Output,
    /// 0, silently: the reader of stdout went away (`cpni … | head -1`), as ripgrep does.
    ClosedPipe,
    /// 10: a bug.
    Internal,
    /// 130: interrupted.
    Interrupted,
}

impl Kind {
    /// The process exit status for this kind of error.
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Negative => 1,
            Kind::Usage => 2,
            Kind::Refused => 3,
            Kind::NotFound => 4,
            Kind::Storage => 5,
            Kind::Integrity => 6,
            Kind::Delivery => 7,
            Kind::Output => 8,
            Kind::ClosedPipe => 0,
            Kind::Internal => 10,
            Kind::Interrupted => 130,
        }
    }
}

/// The exit-code table printed in `--help` and the README.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0    success; for a verification step, the caller is verified
  1    not verified (wrong PIN or code, callback not reached, expired)
  2    usage, configuration or invalid input (the message names the field or line)
  3    refused: locked out, role not allowed, not permitted by policy, address too new
  4    not found (account, session, agent, record)
  5    storage error: cannot open, busy past timeout, schema newer than this binary
  6    audit integrity failure
  7    delivery failed; the message stays queued for retry
  8    the output could not be written (disk full, device error); a closed pipe is exit 0
  10   internal error (a bug)
  130  interrupted";

/// A failure with everything needed to tell a person or a script what happened.
#[derive(Debug)]
pub struct Error {
    pub kind: Kind,
    /// Stable, kebab-case identifier (for example `invalid-field`, `locked`).
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(kind: Kind, code: &'static str, message: impl Into<String>) -> Self {
        Error {
            kind,
            code,
            message: message.into(),
            hint: None,
        }
    }
    pub fn usage(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Kind::Usage, code, message)
    }
    pub fn refused(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Kind::Refused, code, message)
    }
    pub fn not_found(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Kind::NotFound, code, message)
    }
    pub fn storage(message: impl Into<String>) -> Self {
        Self::new(Kind::Storage, "storage", message)
    }
    /// Writing the command's output (stdout or an export file) failed: a closed pipe becomes
    /// [`Kind::ClosedPipe`], anything else [`Kind::Output`].
    pub fn output(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Self::new(
                Kind::ClosedPipe,
                "closed-pipe",
                "the output pipe was closed",
            );
        }
        Self::new(
            Kind::Output,
            "output",
            format!("cannot write the output: {e}"),
        )
        .hint(
            "free space on the destination or write elsewhere; a step already recorded stays \
             recorded (see `cpni audit list`)",
        )
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(Kind::Internal, "internal", message)
    }
    /// Adds the "what to do next" line.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    pub fn exit_code(&self) -> u8 {
        self.kind.exit_code()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<crate::domain::contact::FieldError> for Error {
    fn from(e: crate::domain::contact::FieldError) -> Self {
        Error::usage("invalid-field", e.to_string())
            .hint("correct that field and run the command again; nothing was saved")
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::new(Kind::Storage, "io", format!("I/O error: {e}"))
    }
}
