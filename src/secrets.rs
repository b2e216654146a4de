//! Secrets at rest: Argon2id for PINs and backup secrets, HMAC-SHA-256 for one-time codes, the
//! key files kept beside (never inside) the database, and [`seal`]: authenticated encryption of
//! text stored in the database (outbox bodies) under a key derived from the code key.
//!
//! Nothing here ever logs, prints or stores a secret in clear. Hash parameters are named presets;
//! a stored hash made with weaker parameters than the configured preset is re-hashed on the
//! next successful check ([`needs_rehash`]), when randomness for its salt is at hand. Every
//! random value cpni makes comes from the operating system ([`os_rng`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version};
use hmac::{Hmac, KeyInit, Mac};
use rand::{Rng, RngExt};
use sha2::Sha256;

use crate::error::{Error, Result};

pub mod seal;

/// Named Argon2id parameter sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HashPreset {
    /// OWASP's minimum: m = 19 MiB, t = 2, p = 1 (about 25 ms here).
    #[default]
    Owasp,
    /// RFC 9106's second recommendation: m = 64 MiB, t = 3, p = 4.
    Strong,
    /// Deliberately weak, for test suites only; refused by release builds.
    InsecureTest,
}

impl HashPreset {
    pub fn parse(name: &str) -> std::result::Result<HashPreset, String> {
        match name {
            "owasp" => Ok(HashPreset::Owasp),
            "strong" => Ok(HashPreset::Strong),
            "insecure-test" if cfg!(debug_assertions) => Ok(HashPreset::InsecureTest),
            "insecure-test" => Err("\"insecure-test\" exists only in test builds".into()),
            other => Err(format!("{other:?}: use \"owasp\" or \"strong\"")),
        }
    }

    fn params(self) -> Params {
        let (m, t, p) = match self {
            HashPreset::Owasp => (19 * 1024, 2, 1),
            HashPreset::Strong => (64 * 1024, 3, 4),
            HashPreset::InsecureTest => (64, 1, 1),
        };
        Params::new(m, t, p, None).unwrap_or_default()
    }
}

fn hasher(preset: HashPreset) -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, preset.params())
}

/// Hashes a secret into an Argon2id PHC string with a fresh random salt.
pub fn hash_secret(secret: &str, preset: HashPreset) -> Result<String> {
    hasher(preset)
        // The fallible generator: a failing getrandom(2) is this error, not a panic.
        .hash_password_with_rng(&mut rand::rngs::SysRng, secret.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| Error::internal(format!("cannot hash the secret: {e}")))
}

/// Checks a secret against a stored PHC string. A malformed stored hash never matches.
pub fn verify_secret(secret: &str, phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    Argon2::default()
        .verify_password(secret.as_bytes(), &parsed)
        .is_ok()
}

/// Whether a stored hash is weaker than `preset` (so it should be re-hashed after a success).
pub fn needs_rehash(phc: &str, preset: HashPreset) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return true;
    };
    let Ok(stored) = Params::try_from(&parsed) else {
        return true;
    };
    let want = preset.params();
    parsed.algorithm.as_str() != "argon2id"
        || stored.m_cost() < want.m_cost()
        || stored.t_cost() < want.t_cost()
        || stored.p_cost() < want.p_cost()
}

/// Keyed digest of a one-time code.
pub fn code_digest(key: &[u8; 32], code: &str) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap_or_else(|_| {
        // HMAC accepts keys of any length; this branch cannot be reached.
        <Hmac<Sha256> as KeyInit>::new_from_slice(&[0u8; 32]).unwrap_or_else(|_| unreachable!())
    });
    mac.update(code.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// Constant-time check of a code against a stored digest.
pub fn code_matches(key: &[u8; 32], code: &str, digest: &[u8]) -> bool {
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(key) else {
        return false;
    };
    mac.update(code.as_bytes());
    mac.verify_slice(digest).is_ok()
}

/// The operating system's random number generator (`getrandom(2)`), for every secret, code,
/// id and nonce cpni makes. Not rand's thread generator: one short-lived process per step
/// draws a few bytes, and seeding that generator (and detecting the CPU features of its
/// ChaCha core, which traps to the hypervisor on a virtual machine) cost more than the
/// system calls it saves (issue 14).
pub fn os_rng() -> rand::rand_core::UnwrapErr<rand::rngs::SysRng> {
    rand::rand_core::UnwrapErr(rand::rngs::SysRng)
}

/// A uniformly random numeric code of `digits` digits from the operating system ([`os_rng`]).
pub fn random_digits(digits: usize) -> String {
    let mut rng = os_rng();
    (0..digits)
        .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
        .collect()
}

/// Paths of the key files that belong to a database.
pub fn key_paths(db: &Path) -> (PathBuf, PathBuf) {
    let with = |suffix: &str| {
        let mut s = db.as_os_str().to_owned();
        s.push(suffix);
        PathBuf::from(s)
    };
    (with(".code-key"), with(".signing-key"))
}

/// Creates both key files (0600) unless they exist. Returns whether any was created.
pub fn create_keys(db: &Path) -> Result<bool> {
    let (code, signing) = key_paths(db);
    let mut created = false;
    for path in [code, signing] {
        if path.exists() {
            continue;
        }
        let mut seed = [0u8; 32];
        os_rng().fill_bytes(&mut seed);
        write_new_private(&path, hex::encode(seed).as_bytes())?;
        created = true;
    }
    Ok(created)
}

/// Reads the 32-byte key in `path`.
pub fn read_key(path: &Path) -> Result<[u8; 32]> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::storage(format!("cannot read key file {}: {e}", path.display())).hint(
            "the key files are made by `cpni init` beside the database; restore them from backup",
        )
    })?;
    let bytes = hex::decode(text.trim()).ok().filter(|b| b.len() == 32);
    bytes
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| Error::storage(format!("key file {} is damaged", path.display())))
}

/// Writes a new file with mode 0600 (`O_EXCL|O_NOFOLLOW`), refusing to replace an existing one.
pub fn write_new_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = crate::fsx::create_new_private(path)
        .map_err(|e| Error::storage(format!("cannot create {}: {e}", path.display())))?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_upgrade() {
        let phc = hash_secret("804713", HashPreset::InsecureTest).unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(!phc.contains("804713"));
        assert!(verify_secret("804713", &phc));
        assert!(!verify_secret("804714", &phc));
        assert!(needs_rehash(&phc, HashPreset::Owasp));
        assert!(!needs_rehash(&phc, HashPreset::InsecureTest));
        assert!(!verify_secret("804713", "not a phc"));
    }

    #[test]
    fn codes_are_keyed() {
        let key = [7u8; 32];
        let d = code_digest(&key, "123456");
        assert!(code_matches(&key, "123456", &d));
        assert!(!code_matches(&key, "123457", &d));
        assert!(!code_matches(&[8u8; 32], "123456", &d));
        assert_eq!(random_digits(6).len(), 6);
    }
}
