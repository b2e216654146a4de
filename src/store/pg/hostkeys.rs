//! The gateway host's key files for one PostgreSQL database, and their fingerprint in it.
//!
//! The key files (`<key base>.code-key`, `<key base>.signing-key`, the key base depending on
//! the database: [`crate::config`]) stay on each host, never in the database. What the
//! database holds is their fingerprint ([`Fingerprint`]: the signing public key and an HMAC of
//! a fixed constant under the code key; neither reveals a key), recorded by the first host in
//! the transaction that builds the schema ([`super::migrate`]), so a host whose keys differ is
//! refused. A host's existing files are checked as SQLite's are (`store::perms`): the folder
//! not writable by group or others, each file a plain file (not a link) of this account, mode
//! 0600 or stricter, holding a valid key. New keys are written only once the fingerprint has
//! committed: first to temporary files (0600, `O_EXCL|O_NOFOLLOW`), then linked into place
//! (`link` never replaces nor follows what is there).

use std::io::Read;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use hmac::{KeyInit, Mac};
use rand::RngExt;

use crate::error::{Error, Result};

/// The constant whose HMAC under the code key is recorded (a code is never this).
const CODE_KEY_PROBE: &[u8] = b"cpni host key fingerprint v1";

/// The fingerprint of a host's two keys, as recorded in `host_key_fingerprint`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub signing_public: Vec<u8>,
    pub code_key_mac: Vec<u8>,
}

/// A host's two keys (seeds) and whether they are already files on this host.
pub struct HostKeys {
    code: [u8; 32],
    signing: [u8; 32],
    /// The files exist (checked); false: freshly made, to be written after the commit.
    pub on_disk: bool,
    pub code_path: PathBuf,
    pub signing_path: PathBuf,
    base: PathBuf,
}

impl HostKeys {
    /// The keys at `base`: read and checked when both files are there, new (in memory only)
    /// when neither is, refused when only one is or any check fails.
    pub fn load_or_new(base: &Path) -> Result<HostKeys> {
        let (code_path, signing_path) = crate::secrets::key_paths(base);
        check_folder(base)?;
        let present = [&code_path, &signing_path].map(|p| std::fs::symlink_metadata(p).is_ok());
        let (code, signing, on_disk) = match present {
            [false, false] => (random(), random(), false),
            [true, true] => (read(&code_path)?, read(&signing_path)?, true),
            _ => {
                let (have, lack) = if present[0] {
                    (&code_path, &signing_path)
                } else {
                    (&signing_path, &code_path)
                };
                return Err(Error::usage(
                    "pg-keys-missing",
                    format!(
                        "{} is there but {} is not; the two key files go together",
                        have.display(),
                        lack.display()
                    ),
                )
                .hint("copy both from a running gateway host of this database, then run `cpni init` again; nothing was changed"));
            }
        };
        Ok(HostKeys {
            code,
            signing,
            on_disk,
            code_path,
            signing_path,
            base: base.to_path_buf(),
        })
    }

    /// The keys now at this base, when they were not there at load time but are now (another
    /// `cpni init` of this host, which held the init lock, has written them).
    pub fn reload(&self) -> Result<Option<HostKeys>> {
        if self.on_disk {
            return Ok(None);
        }
        let now = HostKeys::load_or_new(&self.base)?;
        Ok(now.on_disk.then_some(now))
    }

    pub fn fingerprint(&self) -> Fingerprint {
        let signing_public = ed25519_dalek::SigningKey::from_bytes(&self.signing)
            .verifying_key()
            .to_bytes()
            .to_vec();
        let mut mac = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&self.code)
            .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
        mac.update(CODE_KEY_PROBE);
        Fingerprint {
            signing_public,
            code_key_mac: mac.finalize().into_bytes().to_vec(),
        }
    }

    /// Writes new keys to temporary files beside their places (before the commit).
    pub fn stage(&self) -> Result<Staged> {
        if let Some(dir) = self.code_path.parent() {
            crate::store::create_private_dir(dir)?;
        }
        let mut staged = Staged(Vec::new());
        for (key, path) in [
            (&self.code, &self.code_path),
            (&self.signing, &self.signing_path),
        ] {
            let nonce: u64 = crate::secrets::os_rng().random();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let tmp = path.with_file_name(format!(".{name}.{nonce:016x}.tmp"));
            crate::secrets::write_new_private(&tmp, hex::encode(key).as_bytes())?;
            staged.0.push((tmp, path.clone()));
        }
        Ok(staged)
    }
}

/// New key files written to temporary names; removed on drop unless [`Staged::install`]ed.
pub struct Staged(Vec<(PathBuf, PathBuf)>);

impl Staged {
    /// Links each temporary file to its place (refused if anything is there), after the commit.
    pub fn install(mut self) -> Result<()> {
        for (tmp, path) in std::mem::take(&mut self.0) {
            std::fs::hard_link(&tmp, &path).map_err(|e| {
                Error::storage(format!(
                    "the database records this host's new keys, but {} could not be created \
                     ({e}); the key is kept in {}",
                    path.display(),
                    tmp.display()
                ))
                .hint(format!(
                    "move {} to {} (mode 0600) by hand",
                    tmp.display(),
                    path.display()
                ))
            })?;
            let _ = std::fs::remove_file(&tmp);
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        for (tmp, _) in &self.0 {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

fn random() -> [u8; 32] {
    let mut k = [0u8; 32];
    rand::Rng::fill_bytes(&mut crate::secrets::os_rng(), &mut k);
    k
}

fn euid() -> u32 {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() }
}

fn bad(path: &Path, msg: &str, hint: String) -> Error {
    Error::usage("pg-key-file", format!("key file {}: {msg}", path.display())).hint(hint)
}

/// The keys' folder, when it exists, must not be writable by group or others (nor a link).
fn check_folder(base: &Path) -> Result<()> {
    let Some(dir) = base.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return Ok(());
    };
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => Err(Error::usage(
            "pg-key-file",
            format!("{} is a symbolic link; cpni keeps its keys only in a real folder", dir.display()),
        )),
        Ok(m) if m.permissions().mode() & 0o022 != 0 => Err(Error::usage(
            "pg-key-file",
            format!(
                "{} (the key files' folder) can be written by group or others (mode {:04o}); cpni refuses it",
                dir.display(),
                m.permissions().mode() & 0o7777
            ),
        )
        .hint(format!("run `chmod go-w {}`", dir.display()))),
        _ => Ok(()),
    }
}

/// Reads one key file: a plain file (not a link) of this account, mode 0600 or stricter,
/// holding 64 hex digits.
fn read(path: &Path) -> Result<[u8; 32]> {
    let restore = || {
        format!(
            "copy it again from a running gateway host of this database (mode 0600, owned by the service account): {}",
            path.display()
        )
    };
    let f = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC | libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) => bad(
                path,
                "is a symbolic link; key files must be plain files",
                restore(),
            ),
            _ => bad(path, &format!("cannot be read: {e}"), restore()),
        })?;
    let m = f
        .metadata()
        .map_err(|e| bad(path, &format!("cannot be read: {e}"), restore()))?;
    if !m.is_file() {
        return Err(bad(path, "is not a regular file", restore()));
    }
    if m.uid() != euid() {
        return Err(bad(
            path,
            &format!(
                "belongs to uid {}, not to this account (uid {})",
                m.uid(),
                euid()
            ),
            format!("run `chown $(id -un) {}` as root", path.display()),
        ));
    }
    let mode = m.permissions().mode() & 0o7777;
    if mode & 0o077 != 0 {
        return Err(bad(
            path,
            &format!("is open to other users (mode {mode:04o}); cpni refuses it"),
            format!("run `chmod 600 {}`", path.display()),
        ));
    }
    let mut text = String::new();
    let _ = f.take(1024).read_to_string(&mut text);
    hex::decode(text.trim())
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or_else(|| {
            bad(
                path,
                "does not hold a key (64 hexadecimal digits)",
                restore(),
            )
        })
}

/// The refusal of a host whose keys differ from the database's fingerprint.
pub fn mismatch(place: &str, keys: &HostKeys, fp: &Fingerprint, stored: &Fingerprint) -> Error {
    let mut which = Vec::new();
    if fp.code_key_mac != stored.code_key_mac {
        which.push(keys.code_path.display().to_string());
    }
    if fp.signing_public != stored.signing_public {
        which.push(keys.signing_path.display().to_string());
    }
    Error::usage(
        "pg-keys-mismatch",
        format!(
            "this host's key files do not match the keys of the PostgreSQL database {place} \
             (the fingerprint its first host recorded): {} {}",
            which.join(" and "),
            if which.len() == 1 {
                "differs"
            } else {
                "differ"
            }
        ),
    )
    .hint(format!(
        "this host holds keys of another database or of a failed set-up: move {} and {} \
         aside, copy both from a running gateway host of this database, then run `cpni init` \
         again; nothing was changed",
        keys.code_path.display(),
        keys.signing_path.display()
    ))
}

/// The refusal of a host without key files joining a database that has a fingerprint
/// (`stored`). When this host has the database's keys under another key base (the name comes
/// from the host, port and database written in `db`: another spelling of the server's address,
/// or a server renamed after a failover), it says so and how to rename them.
pub fn missing(place: &str, keys: &HostKeys, stored: Option<&Fingerprint>) -> Error {
    if let Some(old) = stored.and_then(|s| renamed(keys, s)) {
        let (oc, os) = crate::secrets::key_paths(&old);
        return Error::usage(
            "pg-keys-missing",
            format!(
                "this host holds the key files of the PostgreSQL database {place} under another \
                 name ({}, {}): the names follow the host, port and database written in db, and \
                 db now spells the server differently",
                oc.display(),
                os.display()
            ),
        )
        .hint(format!(
            "rename both (`mv {} {}` and `mv {} {}`), or write db as before; nothing was changed",
            oc.display(),
            keys.code_path.display(),
            os.display(),
            keys.signing_path.display()
        ));
    }
    Error::usage(
        "pg-keys-missing",
        format!(
            "the PostgreSQL database {place} was set up by another host, and this host lacks \
             its key files ({}, {}); cpni never makes new keys for an existing database",
            keys.code_path.display(),
            keys.signing_path.display()
        ),
    )
    .hint(format!(
        "copy both key files from a running gateway host of this database to these two paths \
         (e.g. `mkdir -m 700 -p {}`, scp, then chmod 600), then run `cpni init` again; the \
         names follow the host, port and database written in db, so that host's files may \
         carry another name if its db spells the server differently; nothing was changed",
        keys.code_path
            .parent()
            .map_or(String::new(), |d| d.display().to_string())
    ))
}

/// Another key base in `keys`' folder (at most 64 looked at) whose files pass the checks and
/// whose fingerprint is `stored`.
fn renamed(keys: &HostKeys, stored: &Fingerprint) -> Option<PathBuf> {
    let dir = keys.base.parent()?;
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| {
            n.strip_suffix(".code-key")
                .filter(|b| b.starts_with("cpni-pg-"))
                .map(|b| dir.join(b))
        })
        .filter(|b| *b != keys.base)
        .take(64)
        .find(|b| HostKeys::load_or_new(b).is_ok_and(|k| k.on_disk && k.fingerprint() == *stored))
}
