//! Agents' SSH public keys and the text of the service account's `authorized_keys`: parsing a
//! key as `ssh-keygen` writes it (refusing one that carries its own options), its SHA-256
//! fingerprint as `ssh-keygen -l` prints it, the forced-command line cpni writes for it (naming
//! the agent and the key's fingerprint, so that the gateway can check the key against the
//! database), and merging cpni's block of lines into the file without touching a line cpni did
//! not write.
//! Pure: the caller reads and writes the file.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use sha2::{Digest, Sha256};

/// Key types OpenSSH accepts in `authorized_keys` (DSA is gone from OpenSSH 9.8).
const KEY_TYPES: &[&str] = &[
    "ssh-ed25519",
    "sk-ssh-ed25519@openssh.com",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ecdsa-sha2-nistp256@openssh.com",
    "ssh-rsa",
];

/// The first and last lines of the block cpni owns in `authorized_keys`.
pub const BEGIN: &str =
    "# cpni: the lines up to \"# cpni: end\" are written by `cpni agent key`; do not edit them";
pub const END: &str = "# cpni: end";

/// One public key, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    pub key_type: String,
    /// The base64 blob, re-encoded canonically.
    pub data: String,
    /// The comment, reduced to `[A-Za-z0-9@._+:-]` (other characters become `_`).
    pub comment: String,
    /// `SHA256:…`, as `ssh-keygen -l` prints it.
    pub fingerprint: String,
}

/// Parses the one key in `text` (a `.pub` file: one line, blank lines and `#` comments
/// ignored). The error says what is wrong, for the message naming the file.
pub fn parse(text: &str) -> Result<PublicKey, String> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let line = match lines.as_slice() {
        [one] => *one,
        [] => return Err("holds no public key".into()),
        _ => {
            return Err(format!(
                "holds {} lines; give one key per file",
                lines.len()
            ));
        }
    };
    let mut words = line.split_whitespace();
    let key_type = words.next().unwrap_or_default();
    if !KEY_TYPES.contains(&key_type) {
        if line.split_whitespace().any(|w| KEY_TYPES.contains(&w)) {
            return Err(
                "carries its own options before the key type; give the bare \
                        public key (as ssh-keygen wrote it): cpni writes the options"
                    .into(),
            );
        }
        return Err(format!(
            "does not start with a known key type (such as ssh-ed25519); found {:?}",
            excerpt(key_type)
        ));
    }
    let blob = words
        .next()
        .and_then(|b| STANDARD.decode(b).ok())
        .ok_or("has no valid base64 key after the key type")?;
    if embedded_type(&blob).as_deref() != Some(key_type) {
        return Err(format!("the key data is not a {key_type} key"));
    }
    let comment: String = words
        .collect::<Vec<_>>()
        .join("_")
        .chars()
        .take(100)
        .map(|c| {
            if c.is_ascii_alphanumeric() || "@._+:-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok(PublicKey {
        key_type: key_type.to_string(),
        data: STANDARD.encode(&blob),
        comment,
        fingerprint: fingerprint(&blob),
    })
}

/// The key type named inside the blob (its first length-prefixed string).
fn embedded_type(blob: &[u8]) -> Option<String> {
    let len = u32::from_be_bytes(blob.get(..4)?.try_into().ok()?) as usize;
    let name = blob.get(4..4usize.checked_add(len)?)?;
    String::from_utf8(name.to_vec()).ok()
}

/// `SHA256:` and the unpadded base64 of the blob's SHA-256.
pub fn fingerprint(blob: &[u8]) -> String {
    format!("SHA256:{}", STANDARD_NO_PAD.encode(Sha256::digest(blob)))
}

fn excerpt(s: &str) -> String {
    s.chars().take(40).filter(|c| !c.is_control()).collect()
}

/// Whether `program` can stand inside `command="…"` unquoted: an absolute path of
/// `[A-Za-z0-9/._+-]` only.
pub fn program_ok(program: &str) -> bool {
    program.starts_with('/')
        && program
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._+-".contains(c))
}

/// The `authorized_keys` line for `key` of agent `login` (a validated login, `program` checked
/// with [`program_ok`]). `restrict` turns off forwarding of ports, agents and X11 and the
/// user's rc file; `pty` gives the wizard its terminal back. `exec` makes the login shell
/// that sshd starts for the command replace itself with cpni, so a Ctrl-C on the terminal
/// reaches cpni alone (not a shell waiting for it) and its exit status is the session's.
/// `--key` names the key's fingerprint (`SHA256:` and base64: no quote or blank), which the
/// gateway checks against the database at every connection.
pub fn line(program: &str, login: &str, key: &PublicKey) -> String {
    format!(
        "restrict,pty,command=\"exec {program} gateway --agent {login} --key {}\" {} {} \
         cpni:{login}:{}",
        key.fingerprint, key.key_type, key.data, key.comment
    )
}

/// Whether `fp` looks like a fingerprint as [`fingerprint`] writes it (what `--key` takes).
pub fn fingerprint_ok(fp: &str) -> bool {
    fp.strip_prefix("SHA256:").is_some_and(|b| {
        b.len() == 43
            && b.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/')
    })
}

/// The lines of `existing` that cpni did not write, with their 1-based line numbers.
pub fn foreign_lines(existing: &str) -> Result<Vec<(usize, &str)>, String> {
    let mut out = Vec::new();
    let mut inside = false;
    for (i, l) in existing.lines().enumerate() {
        match (inside, l.trim_end()) {
            (false, BEGIN) => inside = true,
            (true, END) => inside = false,
            (true, _) => {}
            (false, END) => return Err(format!("line {}: \"{END}\" without its start", i + 1)),
            (false, _) => out.push((i + 1, l)),
        }
    }
    if inside {
        return Err("cpni's block has no \"# cpni: end\" line".into());
    }
    Ok(out)
}

/// The line number of a line cpni did not write that already lets `key` in, if any.
pub fn foreign_use(existing: &str, key: &PublicKey) -> Result<Option<usize>, String> {
    Ok(foreign_lines(existing)?
        .into_iter()
        .find(|(_, l)| l.split_whitespace().any(|w| w == key.data))
        .map(|(n, _)| n))
}

/// The new file: every line cpni did not write, unchanged and in order, then cpni's block
/// holding `managed` (no block at all when `managed` is empty).
pub fn merge(existing: &str, managed: &[String]) -> Result<String, String> {
    let mut out = String::new();
    for (_, l) in foreign_lines(existing)? {
        out.push_str(l);
        out.push('\n');
    }
    if !managed.is_empty() {
        out.push_str(BEGIN);
        out.push('\n');
        for l in managed {
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(END);
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // ssh-keygen -t ed25519 output (a throw-away key) and its `ssh-keygen -l` fingerprint.
    const ED: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl agent7@ws";

    #[test]
    fn parses_and_fingerprints_like_ssh_keygen() {
        let k = parse(&format!("{ED}\n")).unwrap();
        assert_eq!(k.key_type, "ssh-ed25519");
        assert_eq!(k.comment, "agent7@ws");
        assert!(k.fingerprint.starts_with("SHA256:"));
        assert_eq!(k.fingerprint.len(), 7 + 43);
    }

    #[test]
    fn refuses_options_other_types_and_bad_data() {
        let opts = format!("command=\"/bin/sh\" {ED}");
        assert!(parse(&opts).unwrap_err().contains("options"));
        assert!(
            parse(&format!("no-pty {ED}"))
                .unwrap_err()
                .contains("options")
        );
        assert!(parse("").unwrap_err().contains("no public key"));
        assert!(
            parse(&format!("{ED}\n{ED}"))
                .unwrap_err()
                .contains("2 lines")
        );
        assert!(parse("ssh-ed25519 !!!").is_err());
        let rsa_data = ED.replace("ssh-ed25519 ", "ssh-rsa ");
        assert!(parse(&rsa_data).unwrap_err().contains("not a ssh-rsa key"));
    }

    #[test]
    fn comments_cannot_break_the_line() {
        let k = parse(&format!("{ED} \"x\" command=\"y\"")).unwrap();
        assert!(!k.comment.contains('"') && !k.comment.contains(' '));
    }

    #[test]
    fn merge_keeps_foreign_lines_and_replaces_its_block() {
        let k = parse(ED).unwrap();
        let l = line("/usr/bin/cpni", "agent7", &k);
        let start = "ssh-ed25519 AAAAother admin@laptop\n# a note\n";
        let once = merge(start, std::slice::from_ref(&l)).unwrap();
        let twice = merge(&once, std::slice::from_ref(&l)).unwrap();
        assert_eq!(once, twice, "rewriting never duplicates");
        assert!(once.starts_with(start));
        assert_eq!(once.matches("--agent agent7").count(), 1);
        assert!(l.contains(&format!("--agent agent7 --key {}\" ", k.fingerprint)));
        assert_eq!(merge(&once, &[]).unwrap(), start);
        assert!(merge(&format!("{BEGIN}\nx\n"), &[]).is_err());
        assert_eq!(
            foreign_use(&format!("x {} y\n", k.data), &k).unwrap(),
            Some(1)
        );
        assert_eq!(foreign_use(&once, &k).unwrap(), None);
    }

    #[test]
    fn fingerprints_are_checked_before_use() {
        let k = parse(ED).unwrap();
        assert!(fingerprint_ok(&k.fingerprint));
        assert!(!fingerprint_ok("SHA256:x"));
        assert!(!fingerprint_ok(&format!("{}\"", &k.fingerprint[..49])));
        assert!(!fingerprint_ok(&k.fingerprint.replace("SHA256:", "MD5:")));
    }

    #[test]
    fn programs_are_plain_absolute_paths() {
        assert!(program_ok("/usr/local/bin/cpni"));
        assert!(!program_ok("cpni"));
        assert!(!program_ok("/x\" y"));
        assert!(!program_ok("/a b"));
    }
}
