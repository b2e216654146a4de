//! Where a PostgreSQL database is and how cpni logs in to it: the `db` URL
//! (`postgresql://cpni_app@host:port/cpni?sslmode=verify-full`) parsed into a [`Target`], and
//! the password files read safely. A password is never in the URL (refused, naming the field),
//! on argv, in the environment, a log or any output: it comes only from `[storage]
//! password_file` (the day-to-day role) or `owner_password_file` (the owner role, for `cpni
//! init`), a file that must be a regular file of this account, not a link, readable by it
//! only, one line ([`read_password`]). `[storage] ca_file` is read as carefully (a regular
//! file, capped, not writable by others: [`read_ca_file`]), and [`check_files`] checks them
//! all before `cpni init` changes anything.

use std::path::{Path, PathBuf};

/// How the connection is protected (the URL's `sslmode`, default `verify-full` over TCP).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    /// No TLS: allowed only on a Unix socket or a loopback address.
    Disable,
    /// TLS, but the server's certificate is not checked (encrypted, not authenticated).
    Require,
    /// TLS, the certificate checked against the system roots and `[storage] ca_file`, and its
    /// name against the host.
    VerifyFull,
}

impl SslMode {
    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Require => "require",
            SslMode::VerifyFull => "verify-full",
        }
    }
}

/// The server's address: a host name or IP address, or the folder of a Unix socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    Tcp(String),
    Socket(PathBuf),
}

/// A PostgreSQL database cpni connects to, and the files that hold the roles' passwords.
#[derive(Debug, Clone)]
pub struct Target {
    pub host: Host,
    pub port: u16,
    /// The day-to-day role (the URL's user, normally `cpni_app`).
    pub user: String,
    pub dbname: String,
    pub ssl: SslMode,
    /// Extra trusted CA certificates (PEM), besides the system roots.
    pub ca_file: Option<PathBuf>,
    pub password_file: Option<PathBuf>,
    /// The owner role (`[storage] owner_role`, default `cpni_owner`), used only by `cpni init`.
    pub owner_role: String,
    pub owner_password_file: Option<PathBuf>,
}

/// The `[storage]` settings that go with a PostgreSQL `db`.
#[derive(Debug, Default, Clone)]
pub struct StorageFiles {
    pub password_file: Option<PathBuf>,
    pub owner_password_file: Option<PathBuf>,
    pub owner_role: Option<String>,
    pub ca_file: Option<PathBuf>,
}

impl Target {
    /// `host:port/dbname` (or `socket-folder/dbname`), for messages: never a password.
    pub fn place(&self) -> String {
        match &self.host {
            Host::Tcp(h) if h.contains(':') => format!("[{h}]:{}/{}", self.port, self.dbname),
            Host::Tcp(h) => format!("{h}:{}/{}", self.port, self.dbname),
            Host::Socket(p) => format!("{} (port {})/{}", p.display(), self.port, self.dbname),
        }
    }

    /// The URL as given, rebuilt without anything secret (there is nothing secret in it).
    pub fn url(&self) -> String {
        let host = match &self.host {
            Host::Tcp(h) if h.contains(':') => format!("[{h}]"),
            Host::Tcp(h) => h.clone(),
            Host::Socket(p) => percent_encoding::utf8_percent_encode(
                &p.to_string_lossy(),
                percent_encoding::NON_ALPHANUMERIC,
            )
            .to_string(),
        };
        format!(
            "postgresql://{}@{host}:{}/{}?sslmode={}",
            self.user,
            self.port,
            self.dbname,
            self.ssl.as_str()
        )
    }
}

/// Whether `db` is meant as a URL rather than a file path: once trimmed, it holds `://` or
/// starts with `postgres` (any case). Such a value is never created as a folder: it is parsed
/// as a URL, or refused.
pub fn looks_like_url(db: &str) -> bool {
    let db = db.trim();
    db.contains("://")
        || db
            .get(..8)
            .is_some_and(|p| p.eq_ignore_ascii_case("postgres"))
}

/// Parses a `postgresql://` URL and the `[storage]` files into a [`Target`]. The error is the
/// message for the `db` setting (it never repeats the URL, which might hold a password).
pub fn parse(db: &str, files: StorageFiles) -> Result<Target, String> {
    let url = url::Url::parse(db).map_err(|e| {
        format!("db is not a valid PostgreSQL URL ({e}); write it as postgresql://cpni_app@HOST:PORT/DATABASE?sslmode=verify-full")
    })?;
    if !matches!(url.scheme(), "postgresql" | "postgres") {
        return Err(format!(
            "db: the scheme {:?} is not supported; db is a SQLite file path or a postgresql:// URL",
            url.scheme()
        ));
    }
    if !url.has_authority() {
        return Err(format!(
            "db: a PostgreSQL URL starts {}:// with two slashes; write postgresql://cpni_app@HOST/DATABASE",
            url.scheme()
        ));
    }
    if url.password().is_some() {
        return Err(password_in_url());
    }
    if url.fragment().is_some() {
        return Err(
            "db: the URL ends in a #fragment, which PostgreSQL URLs do not have; remove it".into(),
        );
    }
    let user = decode("role", url.username())?;
    if user.contains(':') {
        // `cpni_app%3As3cret@…` decodes to a role named `cpni_app:s3cret`: a password
        // written where the role goes. Never repeat it.
        return Err(password_in_url());
    }
    if user.is_empty() {
        return Err("db: the URL names no role; write postgresql://cpni_app@HOST/DATABASE".into());
    }
    let dbname = decode("database", url.path().trim_start_matches('/'))?;
    if dbname.is_empty() || dbname.contains('/') {
        return Err("db: the URL names no database; end it with /DATABASE (e.g. /cpni)".into());
    }
    let mut ssl = None;
    let mut ca_file = files.ca_file;
    for pair in url.query().unwrap_or_default().split('&') {
        decode("parameters", pair)?;
    }
    for (k, v) in url.query_pairs() {
        match &*k {
            "sslmode" => ssl = Some(ssl_mode(&v)?),
            "sslrootcert" if ca_file.as_ref().is_some_and(|c| c != Path::new(&*v)) => {
                return Err(
                    "db: sslrootcert in the URL differs from [storage] ca_file; give one of them"
                        .into(),
                );
            }
            "sslrootcert" => ca_file = Some(PathBuf::from(&*v)),
            "password" | "sslpassword" => return Err(password_in_url()),
            "host" => {
                return Err("db: host= is not supported; put a Unix socket folder in the host \
                            position, percent-encoded: postgresql://cpni_app@%2Frun%2Fpostgresql/cpni"
                    .into());
            }
            other if LIBPQ_KEYWORDS.contains(&other) => {
                return Err(format!(
                    "db: the URL parameter {other:?} is not supported (use sslmode or sslrootcert)"
                ));
            }
            // Not a connection keyword at all: perhaps a secret pasted into the URL, so it is
            // not repeated.
            _ => {
                return Err(
                    "db: the URL has a parameter that is not a PostgreSQL connection \
                            keyword (not repeated here, in case it holds a secret); keep only \
                            sslmode and sslrootcert"
                        .into(),
                );
            }
        }
    }
    let host = match url.host_str().map(|h| decode("host", h)).transpose()? {
        Some(h) if h.starts_with('/') => Host::Socket(PathBuf::from(h)),
        Some(h) if !h.is_empty() => Host::Tcp(h.trim_matches(['[', ']']).to_string()),
        _ => {
            return Err(
                "db: the URL names no host; write postgresql://cpni_app@HOST/DATABASE".into(),
            );
        }
    };
    if let Host::Tcp(h) = &host
        && h.contains(',')
    {
        return Err("db: several hosts in one URL are not supported; name one host".into());
    }
    let ssl = match (&host, ssl) {
        (Host::Socket(_), None | Some(SslMode::Disable)) => SslMode::Disable,
        (Host::Socket(_), Some(m)) => {
            return Err(format!(
                "db: sslmode={} does not apply to a Unix socket (TLS is for TCP); remove it or use sslmode=disable",
                m.as_str()
            ));
        }
        (Host::Tcp(h), Some(SslMode::Disable)) if !crate::config::is_loopback_host(h) => {
            return Err(format!(
                "db: sslmode=disable sends the password and every record in clear; it is allowed only for a Unix socket or a loopback address (127.0.0.1, ::1, localhost), not {h:?}; use sslmode=verify-full"
            ));
        }
        (Host::Tcp(_), m) => m.unwrap_or(SslMode::VerifyFull),
    };
    if ssl != SslMode::VerifyFull && ca_file.is_some() {
        return Err(format!(
            "[storage] ca_file (or sslrootcert) is used only with sslmode=verify-full, not sslmode={}",
            ssl.as_str()
        ));
    }
    let owner_role = files.owner_role.unwrap_or_else(|| "cpni_owner".into());
    if owner_role.is_empty() {
        return Err("storage.owner_role must name a role, e.g. \"cpni_owner\"".into());
    }
    Ok(Target {
        host,
        port: url.port().unwrap_or(5432),
        user,
        dbname,
        ssl,
        ca_file,
        password_file: files.password_file,
        owner_role,
        owner_password_file: files.owner_password_file,
    })
}

/// libpq's connection keywords other than those [`parse`] handles itself: named in the
/// refusal, since none of them holds a secret.
const LIBPQ_KEYWORDS: &[&str] = &[
    "application_name",
    "channel_binding",
    "client_encoding",
    "connect_timeout",
    "dbname",
    "fallback_application_name",
    "gssencmode",
    "hostaddr",
    "keepalives",
    "keepalives_count",
    "keepalives_idle",
    "keepalives_interval",
    "load_balance_hosts",
    "options",
    "passfile",
    "port",
    "replication",
    "requirepeer",
    "service",
    "sslcert",
    "sslcompression",
    "sslcrl",
    "sslcrldir",
    "sslkey",
    "sslsni",
    "ssl_max_protocol_version",
    "ssl_min_protocol_version",
    "target_session_attrs",
    "tcp_user_timeout",
    "user",
];

fn password_in_url() -> String {
    "db: the URL holds a password; cpni never takes a password from the URL (it would show in \
     process lists and shell history): remove it from db and put it in a file named by \
     [storage] password_file (and owner_password_file for the owner role), mode 0600"
        .into()
}

fn ssl_mode(v: &str) -> Result<SslMode, String> {
    match v {
        "disable" => Ok(SslMode::Disable),
        "require" => Ok(SslMode::Require),
        "verify-full" => Ok(SslMode::VerifyFull),
        other => Err(format!(
            "db: sslmode={other:?} is not supported; use verify-full (the default), require or disable"
        )),
    }
}

/// The URL's `part` (role, database, host, parameters) percent-decoded: refused (never
/// repeated, it might be a secret written in the wrong place) when a `%` is not followed by
/// two hex digits, when it is not UTF-8 once decoded, or when it holds a NUL or another
/// control character (which no role, database or host name has, and which the server would
/// otherwise be sent).
fn decode(part: &str, s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    for (i, _) in s.match_indices('%') {
        let hex = |j: usize| b.get(j).is_some_and(u8::is_ascii_hexdigit);
        if !hex(i + 1) || !hex(i + 2) {
            return Err(format!(
                "db: the URL's {part} has a % not followed by two hex digits (write a literal % as %25)"
            ));
        }
    }
    let out = percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map(|c| c.into_owned())
        .map_err(|_| format!("db: the URL's {part} is not valid UTF-8 once decoded"))?;
    if out.chars().any(char::is_control) {
        return Err(format!(
            "db: the URL's {part} holds a NUL or another control character once decoded; no \
             PostgreSQL name has one: correct it"
        ));
    }
    Ok(out)
}

/// The most a password file may hold.
pub const PASSWORD_CAP: u64 = 64 * 1024;
/// The most `[storage] ca_file` may hold.
pub const CA_CAP: u64 = 1024 * 1024;

/// Reads the password in `path` (the setting `field`, e.g. `storage.password_file`): refused
/// when it is a symbolic link, not a regular file, not owned by this account (as ssh refuses a
/// key), readable or writable by group or others, over [`PASSWORD_CAP`], holding more than one
/// line or a NUL, or empty (one trailing line break is fine). The error names the field and
/// the file, never the content.
pub fn read_password(field: &str, path: &Path) -> crate::error::Result<String> {
    let err = |msg: String, hint: String| {
        crate::error::Error::usage(
            "password-file",
            format!("{field} {}: {msg}", path.display()),
        )
        .hint(hint)
    };
    let bytes = read_checked(field, path, PASSWORD_CAP, 0o077, "password-file")?;
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(err(
            "is not UTF-8 text".into(),
            "put the role's password in it, on one line".into(),
        ));
    };
    let pw = text
        .strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .unwrap_or(&text);
    if pw.contains(['\n', '\r']) {
        return Err(err(
            "holds more than one line; a password file holds the password on one line".into(),
            "keep only the password, on one line".into(),
        ));
    }
    if pw.contains('\0') {
        return Err(err(
            "holds a NUL byte, which no PostgreSQL password can hold".into(),
            "put the role's password in it, on one line".into(),
        ));
    }
    if pw.is_empty() {
        return Err(err(
            "is empty".into(),
            "put the role's password in it (one line)".into(),
        ));
    }
    Ok(pw.to_string())
}

/// Reads `[storage] ca_file`: a regular file (not a link, FIFO or device), at most
/// [`CA_CAP`], not writable by group or others.
pub fn read_ca_file(path: &Path) -> crate::error::Result<Vec<u8>> {
    // The path comes from `[storage] ca_file` or from the URL's `sslrootcert`.
    read_checked(
        "the CA file (storage.ca_file or db's sslrootcert)",
        path,
        CA_CAP,
        0o022,
        "ca-file",
    )
}

/// Opens `path` without blocking (a FIFO never hangs) and checks what it is through the open
/// descriptor: not a symbolic link, a regular file, owned by this account when `forbidden`
/// covers reading (a secret), without the mode bits `forbidden`, at most `cap` bytes.
fn read_checked(
    field: &str,
    path: &Path,
    cap: u64,
    forbidden: u32,
    code: &'static str,
) -> crate::error::Result<Vec<u8>> {
    use std::io::Read;
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
    let secret = forbidden & 0o044 != 0;
    let err = |msg: String, hint: String| {
        crate::error::Error::usage(code, format!("{field} {}: {msg}", path.display())).hint(hint)
    };
    let fix = if secret {
        format!(
            "the file must be a regular file of the service account, mode 0600: `chmod 600 {}`",
            path.display()
        )
    } else {
        format!(
            "the file must be a regular file that only its owner can write: `chmod go-w {}`",
            path.display()
        )
    };
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(err(
                "is a symbolic link; cpni reads this setting only from a real file".into(),
                format!(
                    "replace the link by a copy of the file it points to{}: {}",
                    if secret { " (mode 0600)" } else { "" },
                    path.display()
                ),
            ));
        }
        Ok(_) => {}
        Err(e) => {
            return Err(err(
                format!("cannot be read: {e}"),
                format!("check the path given for {field}"),
            ));
        }
    }
    let flags = libc::O_CLOEXEC | libc::O_NONBLOCK | libc::O_NOFOLLOW;
    let f = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)
        .map_err(|e| {
            err(
                format!("cannot be read: {e}"),
                format!("check the path given for {field}"),
            )
        })?;
    let m = f
        .metadata()
        .map_err(|e| err(format!("cannot be read: {e}"), fix.clone()))?;
    if !m.is_file() {
        return Err(err("is not a regular file".into(), fix));
    }
    // SAFETY: geteuid cannot fail.
    let euid = unsafe { libc::geteuid() };
    if secret && m.uid() != euid {
        return Err(err(
            format!(
                "belongs to uid {}, not to this account (uid {euid}); cpni refuses it",
                m.uid()
            ),
            format!(
                "run `chown $(id -un) {}` as root, or copy it as the service account",
                path.display()
            ),
        ));
    }
    let mode = m.permissions().mode() & 0o7777;
    if mode & forbidden != 0 {
        let what = if secret { "read or written" } else { "written" };
        return Err(err(
            format!("can be {what} by group or others (mode {mode:04o}); cpni refuses it"),
            fix,
        ));
    }
    if m.len() > cap {
        return Err(err(
            format!("is {} bytes, more than the {cap} cpni reads", m.len()),
            "check that the setting names the right file".into(),
        ));
    }
    let mut bytes = Vec::new();
    f.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| err(format!("cannot be read: {e}"), fix.clone()))?;
    if bytes.len() as u64 > cap {
        return Err(err(
            format!("is more than the {cap} bytes cpni reads"),
            "check that the setting names the right file".into(),
        ));
    }
    Ok(bytes)
}

/// Checks every file the `[storage]` settings name (the password files and `ca_file`), before
/// `cpni init` connects or changes anything.
pub fn check_files(t: &Target) -> crate::error::Result<()> {
    if let Some(p) = &t.password_file {
        read_password("storage.password_file", p)?;
    }
    if let Some(p) = &t.owner_password_file {
        read_password("storage.owner_password_file", p)?;
    }
    if let Some(p) = &t.ca_file {
        read_ca_file(p)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Target, String> {
        parse(s, StorageFiles::default())
    }

    #[test]
    fn urls_parse_into_targets() {
        let t = p("postgresql://cpni_app@pg.example:6432/cpni?sslmode=verify-full").unwrap();
        assert_eq!(t.host, Host::Tcp("pg.example".into()));
        assert_eq!((t.port, &*t.user, &*t.dbname), (6432, "cpni_app", "cpni"));
        assert_eq!(t.ssl, SslMode::VerifyFull);
        assert_eq!(t.owner_role, "cpni_owner");
        let t = p("postgres://cpni_app@pg.example/cpni").unwrap();
        assert_eq!((t.port, t.ssl), (5432, SslMode::VerifyFull));
        let t = p("postgresql://cpni_app@[::1]:5433/cpni?sslmode=disable").unwrap();
        assert_eq!(t.host, Host::Tcp("::1".into()));
        assert_eq!(t.place(), "[::1]:5433/cpni");
        let t = p("postgresql://cpni_app@%2Fvar%2Frun%2Fpostgresql/cpni").unwrap();
        assert_eq!(t.host, Host::Socket("/var/run/postgresql".into()));
        assert_eq!(t.ssl, SslMode::Disable);
        let t = p("postgresql://cpni_app@127.0.0.1/cpni?sslrootcert=/etc/ca.pem").unwrap();
        assert_eq!(t.ca_file.as_deref(), Some(Path::new("/etc/ca.pem")));
    }

    #[test]
    fn bad_urls_name_the_field_and_never_echo_a_password() {
        for (url, want) in [
            ("postgresql://cpni_app:s3cret@h/cpni", "password_file"),
            (
                "postgresql://cpni_app@h/cpni?password=s3cret",
                "password_file",
            ),
            ("postgresql://h/cpni", "no role"),
            ("postgresql:/cpni_app@h/cpni", "two slashes"),
            ("postgres:cpni_app@h/cpni", "two slashes"),
            ("postgresql://cpni_app@h", "no database"),
            ("postgresql://cpni_app@h/cpni?sslmode=prefer", "sslmode"),
            (
                "postgresql://cpni_app@pg.example/cpni?sslmode=disable",
                "in clear",
            ),
            ("postgresql://cpni_app@h/cpni?options=-c", "\"options\""),
            ("postgresql://cpni_app@h/cpni?s3cret", "not repeated"),
            ("postgresql://cpni_app@h/cpni?s3cret=1", "not repeated"),
            (
                "postgresql://cpni_app@h/cpni?sslpassword=s3cret",
                "password_file",
            ),
            ("postgresql://cpni_app%3As3cret@h/cpni", "password_file"),
            ("postgresql://cpni_app@h/cpni#s3cret", "fragment"),
            (
                "postgresql://cpni_app@%2Fs/cpni?sslmode=require",
                "Unix socket",
            ),
            ("postgresql://cpni_app@h/cpni?host=/s", "percent-encoded"),
            ("mysql://u@h/d", "not supported"),
            ("postgresql://%%%@h/cpni", "role has a %"),
            ("postgresql://cpni_app@h/d%zz", "database has a %"),
            ("postgresql://cpni_app@h/d2%00x", "database holds a NUL"),
            ("postgresql://cpni%0Aapp@h/d", "role holds a NUL"),
            (
                "postgresql://cpni_app@h/cpni?sslmode=%zz",
                "parameters has a %",
            ),
            (
                "postgresql://cpni_app@h/cpni?sslrootcert=/c%01",
                "parameters holds",
            ),
            (
                "postgresql://cpni_app@h/cpni?sslmode=require&sslrootcert=/c",
                "verify-full",
            ),
        ] {
            let e = p(url).unwrap_err();
            assert!(e.contains(want), "{url}: {e}");
            assert!(e.starts_with("db") || e.contains("ca_file"), "{url}: {e}");
            assert!(!e.contains("s3cret"), "{url}: {e}");
        }
    }

    #[test]
    fn url_detection() {
        for u in [
            "postgresql://x",
            "postgres://x",
            "postgresql:x",
            "POSTGRES:",
            "mysql://h/d",
            " postgresql://x",
            "postgresql://x\t",
            "\tPostgres:x",
            "./a://b",
        ] {
            assert!(looks_like_url(u), "{u}");
        }
        for f in [
            "/var/lib/cpni/cpni.db",
            "cpni.db",
            "c:/x",
            "postgre",
            "./postgres",
        ] {
            assert!(!looks_like_url(f), "{f}");
        }
    }
}
