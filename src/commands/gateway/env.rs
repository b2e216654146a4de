//! The gateway's environment. sshd (and PAM and the login shell) set a known list of
//! variables; anything else reached the process because the client sent it (`SendEnv`,
//! `SetEnv`) and the server accepted it, and is refused. Then the environment is rebuilt from
//! the service account's passwd entry, so nothing an agent sends (no `CPNI_*`, `XDG_*` or
//! `HOME`) can choose where the database or the configuration come from.

use std::ffi::{CStr, OsString};
use std::path::PathBuf;

use crate::error::{Error, Result};

/// Variables sshd, PAM and the shell set. Locale variables, which Debian's ssh sends and
/// accepts by default, are allowed but then dropped: cpni never reads them.
const SET_BY_SERVER: &[&str] = &[
    "SSH_CONNECTION",
    "SSH_CLIENT",
    "SSH_TTY",
    "SSH_ORIGINAL_COMMAND",
    "SSH_AUTH_SOCK",
    "HOME",
    "USER",
    "LOGNAME",
    "PATH",
    "SHELL",
    "MAIL",
    "TERM",
    "PWD",
    "OLDPWD",
    "SHLVL",
    "_",
    "MOTD_SHOWN",
    "LANG",
    "LANGUAGE",
    "XDG_SESSION_ID",
    "XDG_SESSION_TYPE",
    "XDG_SESSION_CLASS",
    "XDG_RUNTIME_DIR",
    "DBUS_SESSION_BUS_ADDRESS",
];

/// The first variable in `vars` that the server did not set, if any.
pub fn foreign<'a>(vars: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    vars.into_iter()
        .find(|v| !SET_BY_SERVER.contains(v) && !v.starts_with("LC_"))
}

/// Refuses a client-sent variable (exit 2, naming it).
pub fn check() -> Result<()> {
    let names: Vec<String> = std::env::vars_os()
        .map(|(k, _)| k.to_string_lossy().into_owned())
        .collect();
    match foreign(names.iter().map(String::as_str)) {
        Some(v) => Err(Error::usage(
            "gateway-env",
            format!("the environment variable {v} was sent by the client; the gateway refuses it"),
        )
        .hint(format!(
            "remove SendEnv/SetEnv {v} from your ssh configuration (the server's \
             configuration alone decides the database and settings)"
        ))),
        None => Ok(()),
    }
}

/// The service account's login and home, from its passwd entry (not from `$HOME`).
fn passwd() -> Result<(String, PathBuf)> {
    // SAFETY: getpwuid_r writes only into the buffers we pass; the strings are copied out.
    unsafe {
        let uid = libc::geteuid();
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut buf = vec![0 as libc::c_char; 4096];
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result);
        if rc != 0 || result.is_null() || pwd.pw_dir.is_null() || pwd.pw_name.is_null() {
            return Err(
                Error::usage("gateway-account", format!("uid {uid} has no passwd entry"))
                    .hint("run the gateway as the cpni service account"),
            );
        }
        let name = CStr::from_ptr(pwd.pw_name).to_string_lossy().into_owned();
        let home = PathBuf::from(CStr::from_ptr(pwd.pw_dir).to_string_lossy().into_owned());
        Ok((name, home))
    }
}

/// A terminal type worth passing on (`xterm-256color`), else nothing.
fn term_ok(t: &str) -> bool {
    !t.is_empty()
        && t.len() <= 64
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || "._+-".contains(c))
}

/// Takes `SSH_ORIGINAL_COMMAND` and replaces the whole environment with the service account's
/// `HOME`, `USER`, `LOGNAME`, a fixed `PATH`, and a plain `TERM`.
pub fn reset() -> Result<Option<String>> {
    let command =
        std::env::var_os("SSH_ORIGINAL_COMMAND").map(|c| c.to_string_lossy().into_owned());
    let term = std::env::var("TERM").ok().filter(|t| term_ok(t));
    let (name, home) = passwd()?;
    let all: Vec<OsString> = std::env::vars_os().map(|(k, _)| k).collect();
    // SAFETY: the gateway runs this first, on the main thread, before any other thread exists.
    unsafe {
        for k in all {
            std::env::remove_var(k);
        }
        std::env::set_var("HOME", home);
        std::env::set_var("USER", &name);
        std::env::set_var("LOGNAME", &name);
        std::env::set_var("PATH", "/usr/local/bin:/usr/bin:/bin");
        if let Some(t) = term {
            std::env::set_var("TERM", t);
        }
    }
    Ok(command)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_variables_are_foreign() {
        assert_eq!(foreign(["HOME", "SSH_TTY", "LC_ALL", "LANG"]), None);
        assert_eq!(foreign(["HOME", "CPNI_DB"]), Some("CPNI_DB"));
        assert_eq!(foreign(["XDG_CONFIG_HOME"]), Some("XDG_CONFIG_HOME"));
        assert_eq!(foreign(["LD_PRELOAD"]), Some("LD_PRELOAD"));
        assert!(term_ok("xterm-256color"));
        assert!(!term_ok("x\u{1b}]0;"));
    }
}
