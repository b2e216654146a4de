//! Creating the files cpni writes on the server (outbox items, letters, `authorized_keys`,
//! key files, their temporary files) so that a planted link can never capture them: every new
//! file is opened `O_CREAT|O_EXCL|O_NOFOLLOW` with mode 0600, replacing a file goes through a
//! fresh randomly named temporary file and `rename`, and folders are refused when they are
//! links. Nothing here decides what to write.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use rand::RngExt;

/// Creates `path` (0600), failing if anything (a file or a link) is already there.
pub fn create_new_private(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
}

/// Replaces `path` with `bytes` atomically: a new temporary file beside it (random name,
/// `O_EXCL|O_NOFOLLOW`, 0600), synced, renamed over `path` (which replaces a link rather than
/// following it), and the folder synced. On failure the temporary file is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temp_beside(path);
    let written = create_new_private(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
    Ok(())
}

/// `.NAME.PID.RANDOM.tmp` in the folder of `path`.
fn temp_beside(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let nonce: u64 = crate::secrets::os_rng().random();
    let tmp = format!(".{name}.{}.{nonce:016x}.tmp", std::process::id());
    path.with_file_name(tmp)
}

/// Makes sure `dir` is a real folder (not a link), creating it and missing parents with mode
/// 0700 when absent.
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => Err(std::io::Error::other(format!(
            "{} is a symbolic link; cpni writes only into real folders",
            dir.display()
        ))),
        Ok(m) if !m.is_dir() => Err(std::io::Error::other(format!(
            "{} is not a folder",
            dir.display()
        ))),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir)?;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_follows_a_planted_link() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let trap = dir.path().join("item.eml");
        std::os::unix::fs::symlink(&victim, &trap).unwrap();
        assert!(create_new_private(&trap).is_err());
        write_atomic(&trap, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(std::fs::read_to_string(&trap).unwrap(), "new");
        assert!(
            !std::fs::symlink_metadata(&trap)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let link_dir = dir.path().join("out");
        std::os::unix::fs::symlink(dir.path(), &link_dir).unwrap();
        assert!(private_dir(&link_dir).is_err());
        let mode = std::fs::metadata(&trap).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}
