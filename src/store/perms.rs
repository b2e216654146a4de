//! The database's own files must be private to the account that owns them, as ssh demands of a
//! private key: before opening, cpni refuses to run when the database, its WAL and lock files
//! or a key file beside it can be read or written by group or others (or when its folder can be
//! written by them), naming the file and the `chmod` that fixes it. A file cpni may not open is
//! reported as a permission error with its path, never as "missing".

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Suffixes of the files that live beside the database.
const BESIDE: &[&str] = &[
    "-wal",
    "-shm",
    "-journal",
    ".lock",
    ".lock-queue",
    ".outbox.lock",
    ".code-key",
    ".signing-key",
];

/// Refuses a database whose files are open to group or others.
pub fn check(db: &Path) -> Result<()> {
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(m) = std::fs::metadata(dir)
        && m.permissions().mode() & 0o022 != 0
    {
        return Err(loose(dir, m.permissions().mode(), "go-w"));
    }
    for path in std::iter::once(db.to_path_buf()).chain(BESIDE.iter().map(|s| beside(db, s))) {
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(Error::storage(format!(
                    "{} is a symbolic link; cpni's files must be plain files",
                    path.display()
                ))
                .hint("remove the link and restore the file from backup"));
            }
            Ok(m) if m.permissions().mode() & 0o077 != 0 => {
                return Err(loose(&path, m.permissions().mode(), "600"));
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error(&path, &e)),
        }
    }
    Ok(())
}

fn loose(path: &Path, mode: u32, fix: &str) -> Error {
    Error::storage(format!(
        "{} is open to other users (mode {:o}); cpni refuses to run",
        path.display(),
        mode & 0o7777
    ))
    .hint(format!("run `chmod {fix} {}`", path.display()))
}

/// `<db><suffix>`.
pub fn beside(db: &Path, suffix: &str) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn euid() -> u32 {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() }
}

/// An I/O error on `path`, worded as a permission error when it is one.
pub fn io_error(path: &Path, e: &std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::PermissionDenied {
        return Error::storage(format!(
            "permission denied: {} (cpni runs as uid {})",
            path.display(),
            euid()
        ))
        .hint("run cpni as the account that owns the database, or through its gateway (ssh)");
    }
    Error::storage(format!("cannot open {}: {e}", path.display()))
}

/// Whether `path` exists; a permission error on the way is reported as one.
pub fn exists(path: &Path) -> Result<bool> {
    match std::fs::metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(io_error(path, &e)),
    }
}
