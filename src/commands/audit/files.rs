//! Output files of the audit commands: created 0600, never replacing an existing file unless
//! `--force` is given; and the signing key beside the database.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use crate::error::{Error, Result};
use crate::secrets;
use crate::ui::term::safe;

/// Fails (exit 2) if any of `paths` exists and `force` is not set.
pub fn ensure_free(paths: &[&Path], force: bool) -> Result<()> {
    if force {
        return Ok(());
    }
    for p in paths {
        if p.exists() || p.is_symlink() {
            return Err(Error::usage(
                "output-exists",
                format!("{} already exists", safe(&p.display().to_string())),
            )
            .hint("choose another --output FILE, or pass --force to replace it"));
        }
    }
    Ok(())
}

/// Creates `path` with mode 0600. With `force`, an existing file (or link) is removed first,
/// so the new file never inherits another file's permissions or target.
pub fn create(path: &Path, force: bool) -> Result<File> {
    ensure_free(&[path], force)?;
    if force && (path.exists() || path.is_symlink()) {
        std::fs::remove_file(path)?;
    }
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| {
            Error::usage(
                "output",
                format!("cannot create {}: {e}", safe(&path.display().to_string())),
            )
            .hint("check that the folder exists and is writable")
        })
}

/// Writes `text` to a new 0600 file, flushed to disk when `durable`.
pub fn write_new(path: &Path, text: &str, force: bool, durable: bool) -> Result<()> {
    let mut f = create(path, force)?;
    f.write_all(text.as_bytes())?;
    if durable {
        f.sync_all()?;
    }
    Ok(())
}

/// The Ed25519 seed made by `cpni init` beside the database.
pub fn signing_seed(db: &Path) -> Result<[u8; 32]> {
    secrets::read_key(&secrets::key_paths(db).1)
}
