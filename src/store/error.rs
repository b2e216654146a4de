//! The store's failures, named without the backend: a [`StoreError`] says what went wrong
//! (busy, read-only, disk full, I/O, cannot open, anything else) with the backend's own words,
//! and becomes the exit-5 [`Error`] with its message and hint. Each backend maps its errors
//! here (SQLite's below); nothing outside `store/` sees a backend's error type.

use crate::error::Error;

/// What kind of storage failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Another writer holds the database.
    Busy,
    /// The database or its folder cannot be written.
    ReadOnly,
    /// The disk is full.
    DiskFull,
    /// Reading or writing the database's files failed.
    Io,
    /// The database cannot be opened.
    CannotOpen,
    /// Anything else.
    Other,
}

/// A storage failure and the backend's description of it.
#[derive(Debug)]
pub struct StoreError {
    pub failure: Failure,
    pub detail: String,
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        let d = e.detail;
        let (msg, hint) = match e.failure {
            Failure::Busy => (
                format!("the database is busy: {d}"),
                "another program holds a write lock on the database (for example the sqlite3 CLI in \
                 a transaction); cpni waited [storage] lock_timeout_secs for it: find it with \
                 `fuser -v` on the database file, then try again",
            ),
            Failure::ReadOnly => (
                format!("the database is read-only: {d}"),
                "check the permissions of the database file and its folder",
            ),
            Failure::DiskFull => (
                format!("the disk is full: {d}"),
                "free space on the database's disk; nothing was written",
            ),
            Failure::Io => (
                format!("cannot read or write the database files: {d}"),
                "the disk may be full, a file-size limit reached, or the disk failing; free space \
                 (or raise the limit) and run the command again; nothing was written",
            ),
            Failure::CannotOpen => (
                format!("cannot open the database: {d}"),
                "check that the database folder exists and is writable (cpni init creates it)",
            ),
            Failure::Other => (
                format!("database error: {d}"),
                "nothing was written; if this repeats, run `cpni audit list` and report it",
            ),
        };
        Error::storage(msg).hint(hint)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        let failure = match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => Failure::Busy,
            Some(C::ReadOnly) => Failure::ReadOnly,
            Some(C::DiskFull) => Failure::DiskFull,
            Some(C::SystemIoFailure) => Failure::Io,
            Some(C::CannotOpen) => Failure::CannotOpen,
            _ => Failure::Other,
        };
        StoreError {
            failure,
            detail: e.to_string(),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::from(e).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Kind;

    fn sqlite(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
    }

    #[test]
    fn each_backend_failure_keeps_its_exit_code_message_and_hint() {
        let cases = [
            (
                rusqlite::ffi::SQLITE_BUSY,
                Failure::Busy,
                "the database is busy: ",
            ),
            (
                rusqlite::ffi::SQLITE_LOCKED,
                Failure::Busy,
                "the database is busy: ",
            ),
            (
                rusqlite::ffi::SQLITE_READONLY,
                Failure::ReadOnly,
                "the database is read-only: ",
            ),
            (
                rusqlite::ffi::SQLITE_FULL,
                Failure::DiskFull,
                "the disk is full: ",
            ),
            (
                rusqlite::ffi::SQLITE_IOERR,
                Failure::Io,
                "cannot read or write the database files: ",
            ),
            (
                rusqlite::ffi::SQLITE_CANTOPEN,
                Failure::CannotOpen,
                "cannot open the database: ",
            ),
            (
                rusqlite::ffi::SQLITE_CORRUPT,
                Failure::Other,
                "database error: ",
            ),
        ];
        for (code, failure, prefix) in cases {
            let e = sqlite(code);
            let detail = e.to_string();
            assert_eq!(
                StoreError::from(sqlite(code)).failure,
                failure,
                "code {code}"
            );
            let err = Error::from(e);
            assert_eq!(err.kind, Kind::Storage, "code {code}");
            assert_eq!(err.kind.exit_code(), 5);
            assert_eq!(err.message, format!("{prefix}{detail}"));
            assert!(err.hint.is_some(), "code {code} has a hint");
        }
    }
}
