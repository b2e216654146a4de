//! PostgreSQL's failures as cpni's exit-5 errors: a server that cannot be reached, one that
//! closed the connection (restarted or shut down), a refused login, a failed TLS handshake, a
//! lock not granted in time, or any other SQLSTATE. Each message names the server (`host:port/
//! database`, never a password) and the hint says what to check. `postgres::Error` has no
//! public kind, so the connection-level failures are told apart by its SQLSTATE, `is_closed`,
//! and the description the client library starts its message with.

use crate::error::{Error, Kind};

use super::target::{SslMode, Target};

/// What kind of PostgreSQL failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PgFailure {
    /// No connection could be made (refused, no route, name not found, timed out).
    Unreachable,
    /// The server closed the connection or is shutting down or starting up.
    Closed,
    /// The server refused the role's login (password, pg_hba.conf, unknown role).
    Auth,
    /// The TLS handshake failed (certificate not trusted, wrong name, server without TLS).
    Tls,
    /// A lock was not granted within `lock_timeout` (SQLSTATE 55P03).
    Busy,
    /// The database named in `db` does not exist (SQLSTATE 3D000).
    NoDatabase,
    /// Any other error the server reported, with its SQLSTATE.
    Sql(String),
}

/// A PostgreSQL failure with the server it came from and the library's words.
#[derive(Debug)]
pub struct PgError {
    pub failure: PgFailure,
    pub place: String,
    pub role: String,
    /// Whether `role` is the owner role (its password file is `owner_password_file`).
    pub owner: bool,
    /// Whether the role's password file is set (the `pg-auth` hint names it only then).
    pub has_password_file: bool,
    pub ssl: SslMode,
    pub detail: String,
}

impl PgError {
    /// Classifies `e`, from a connection to `t` as `role`.
    pub fn new(e: &postgres::Error, t: &Target, role: &str) -> PgError {
        let owner = role == t.owner_role;
        let file = if owner {
            &t.owner_password_file
        } else {
            &t.password_file
        };
        PgError {
            failure: classify(e),
            place: t.place(),
            role: role.to_string(),
            owner,
            has_password_file: file.is_some(),
            ssl: t.ssl,
            detail: detail(e),
        }
    }
}

fn classify(e: &postgres::Error) -> PgFailure {
    if let Some(db) = e.as_db_error() {
        let code = db.code().code();
        return match code {
            "28P01" | "28000" => PgFailure::Auth,
            "57P01" | "57P02" | "57P03" => PgFailure::Closed,
            "55P03" => PgFailure::Busy,
            "3D000" => PgFailure::NoDatabase,
            _ => PgFailure::Sql(code.to_string()),
        };
    }
    if e.is_closed() {
        return PgFailure::Closed;
    }
    let text = detail(e);
    if text.starts_with("error performing TLS handshake") {
        PgFailure::Tls
    } else if text.starts_with("error communicating with the server")
        || text.starts_with("unexpected message from server")
    {
        PgFailure::Closed
    } else if text.starts_with("error connecting to server") || text.starts_with("timeout") {
        PgFailure::Unreachable
    } else if text.starts_with("authentication error") || text.contains("password missing") {
        PgFailure::Auth
    } else {
        PgFailure::Sql(String::new())
    }
}

/// The library's message, with the server's detail and hint when it sent them.
fn detail(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut s = format!("{} (SQLSTATE {})", db.message(), db.code().code());
            // An integrity violation's detail repeats the row ("Failing row contains (…)":
            // contacts, the start of a PIN hash): never shown.
            let class = db.code().code().get(..2);
            if let Some(d) = db.detail().filter(|_| class != Some("23")) {
                s.push_str(&format!("; {d}"));
            }
            s
        }
        None => {
            // The library's own text omits the cause ("error connecting to server"): add it.
            let mut s = e.to_string();
            let mut cause = std::error::Error::source(e);
            while let Some(c) = cause {
                let c_text = c.to_string();
                if !s.contains(&c_text) {
                    s.push_str(&format!(": {c_text}"));
                }
                cause = c.source();
            }
            s
        }
    }
}

impl From<PgError> for Error {
    fn from(e: PgError) -> Self {
        let PgError {
            failure,
            place,
            role,
            owner,
            has_password_file,
            ssl,
            detail,
        } = e;
        let setting = if owner {
            "owner_password_file"
        } else {
            "password_file"
        };
        let (code, msg, hint) = match failure {
            PgFailure::Unreachable => (
                "pg-unreachable",
                format!("cannot reach the PostgreSQL server at {place}: {detail}"),
                "check that the server runs and accepts connections on that host and port \
                 (listen_addresses, port, firewall), then run the command again; nothing was \
                 written"
                    .to_string(),
            ),
            PgFailure::Closed => (
                "pg-closed",
                format!(
                    "the PostgreSQL server at {place} closed the connection (restarted or shut \
                     down): {detail}"
                ),
                "the transaction in progress was rolled back, nothing of this step was written; \
                 run the command again once the server is back"
                    .to_string(),
            ),
            PgFailure::Auth if detail.contains("channel binding") => (
                "pg-auth",
                format!(
                    "the PostgreSQL server at {place} did not offer SCRAM-SHA-256-PLUS (SCRAM \
                     with channel binding) for role {role}, so cpni sent no password: {detail}"
                ),
                "cpni logs in over TLS only with SCRAM-SHA-256-PLUS, so that neither a server \
                 asking for a cleartext or MD5 password nor an impostor can learn the password; \
                 set password_encryption = scram-sha-256, the role's password again, and \
                 scram-sha-256 for cpni's roles in pg_hba.conf; if the server is not yours, \
                 check the host in db"
                    .to_string(),
            ),
            PgFailure::Auth => (
                "pg-auth",
                format!(
                    "the PostgreSQL server at {place} refused the login of role {role}: {detail}"
                ),
                if has_password_file {
                    format!(
                        "check that the file named by [storage] {setting} holds {role}'s \
                         password (one line) and that the server's pg_hba.conf lets {role} \
                         connect from this host"
                    )
                } else {
                    format!(
                        "[storage] {setting} is not set, so cpni logged in as {role} without a \
                         password: set it to a file (mode 0600) holding {role}'s password, or \
                         let {role} connect from this host without one in pg_hba.conf"
                    )
                },
            ),
            PgFailure::Tls => (
                "pg-tls",
                format!("TLS with the PostgreSQL server at {place} failed: {detail}"),
                if ssl == SslMode::VerifyFull {
                    "with sslmode=verify-full the server's certificate must chain to a system \
                     root or to [storage] ca_file and name the host of db; check ca_file, the \
                     certificate's names, and that the server has ssl = on"
                        .to_string()
                } else {
                    format!(
                        "with sslmode={} the certificate is not checked, so the handshake itself \
                         failed: check that the server has ssl = on and listens on that port",
                        ssl.as_str()
                    )
                },
            ),
            PgFailure::Busy => (
                "busy",
                format!("the database is busy: PostgreSQL at {place}: {detail}"),
                "another cpni (or another program) holds the lock this step waits for; run the \
                 command again; nothing was written"
                    .to_string(),
            ),
            PgFailure::NoDatabase => (
                "pg-no-database",
                format!("the PostgreSQL server at {place} has no such database: {detail}"),
                "create it first (createdb --owner=cpni_owner DATABASE, see the README section \
                 \"PostgreSQL\"), or correct the database name in db"
                    .to_string(),
            ),
            PgFailure::Sql(_) => (
                "pg-error",
                format!("PostgreSQL at {place}: {detail}"),
                "nothing of this step was written; check the roles and grants (src/store/pg/\
                 roles.sql) and the server's log"
                    .to_string(),
            ),
        };
        Error::new(Kind::Storage, code, msg).hint(hint)
    }
}
