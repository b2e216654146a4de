//! Output files of the audit commands: created 0600, never replacing an existing file unless
//! `--force` is given; and the signing key beside the database.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use crate::error::{Error, Result};
use crate::secrets;
use crate::ui::term::safe;

/// Fails (exit 2) if any of `paths` exists and `force` is not set. With `force`, only a
/// regular file may be replaced: a symbolic link, directory, device node, FIFO or socket is
/// refused (exit 2), so `--force` run as root cannot clobber `/dev/…` or follow a link.
pub fn ensure_free(paths: &[&Path], force: bool) -> Result<()> {
    for p in paths {
        let Ok(meta) = std::fs::symlink_metadata(p) else {
            continue;
        };
        if force && !meta.file_type().is_file() {
            return Err(Error::usage(
                "output-not-file",
                format!(
                    "{} is not a regular file ({}): --force only replaces regular files",
                    safe(&p.display().to_string()),
                    kind_of(&meta.file_type())
                ),
            )
            .hint("choose a new --output FILE"));
        }
        if !force {
            return Err(Error::usage(
                "output-exists",
                format!("{} already exists", safe(&p.display().to_string())),
            )
            .hint("choose another --output FILE, or pass --force to replace it"));
        }
    }
    Ok(())
}

fn kind_of(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_symlink() {
        "a symbolic link"
    } else if t.is_dir() {
        "a directory"
    } else if t.is_block_device() || t.is_char_device() {
        "a device node"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

/// Creates `path` with mode 0600. With `force`, an existing file (or link) is removed first,
/// so the new file never inherits another file's permissions or target.
pub fn create(path: &Path, force: bool) -> Result<File> {
    ensure_free(&[path], force)?;
    if force && std::fs::symlink_metadata(path).is_ok() {
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
