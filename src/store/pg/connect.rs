//! Opening a connection to a [`Target`] as the day-to-day role or the owner: the password read
//! from its file ([`super::target::read_password`]) and handed to the client library only,
//! TLS through rustls with the ring provider (as for mail), trusting the system roots plus
//! `[storage] ca_file`, and `sslmode` honoured: `disable` (a socket or loopback only),
//! `require` (encrypted, the certificate not checked), `verify-full` (the chain and the host
//! name checked; the default). Over TLS a password is only ever used in SCRAM-SHA-256-PLUS
//! (channel binding required): a server asking for a cleartext or MD5 password, or not
//! offering channel binding, is refused before the password leaves, so even with `require`
//! an impostor learns nothing it can replay. With `sslmode=disable` (a Unix socket or
//! loopback only) channel binding cannot exist and the client library has no switch to refuse
//! cleartext or MD5, so there cpni trusts the local host: use `scram-sha-256` in pg_hba.conf.
//! Every failure is a [`PgError`] naming the server. The login is bounded, and each
//! connection the store uses has a [`Watchdog`] bounding its round trips
//! ([`super::watchdog`]).

use std::sync::Arc;
use std::time::Duration;

use postgres::config::{ChannelBinding, SslMode as PgSsl};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

use super::error::PgError;
use super::target::{Host, SslMode, Target, read_password};
use super::watchdog::{Watchdog, bound, socket_fds};
use crate::error::{Error, Result};

/// How long connecting may take before "cannot reach the server".
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Which of cpni's two roles a connection logs in as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum As {
    /// The URL's role (`cpni_app`): every command's day-to-day work.
    App,
    /// `[storage] owner_role` (`cpni_owner`): migrations (`cpni init`) only.
    Owner,
}

/// Connects to `t` as `who` (see [`connect_watched`]; the login is bounded, the round trips
/// on the returned client are not: for tests and tools that hold no watchdog).
pub fn connect(t: &Target, who: As) -> Result<postgres::Client> {
    connect_watched(t, who).map(|(c, _)| c)
}

/// Connects to `t` as `who`, the whole login (TCP, TLS, authentication, the session
/// settings) bounded by [`CONNECT_TIMEOUT`] plus the round-trip bound
/// ([`super::watchdog::bound`]; a server that accepts the connection and then stops answering
/// is exit 5 `pg-stalled`), and returns the client with the [`Watchdog`] of its socket.
pub fn connect_watched(t: &Target, who: As) -> Result<(postgres::Client, Watchdog)> {
    let (role, file, field) = match who {
        As::App => (&t.user, &t.password_file, "storage.password_file"),
        As::Owner => (
            &t.owner_role,
            &t.owner_password_file,
            "storage.owner_password_file",
        ),
    };
    let mut c = postgres::Config::new();
    match &t.host {
        Host::Tcp(h) => c.host(h),
        Host::Socket(p) => c.host_path(p),
    };
    c.port(t.port)
        .user(role)
        .dbname(&t.dbname)
        .application_name("cpni")
        .connect_timeout(CONNECT_TIMEOUT);
    if let Some(path) = file {
        c.password(read_password(field, path)?);
        if t.ssl != SslMode::Disable {
            // SCRAM-SHA-256-PLUS only: the proof is bound to this TLS channel, so a server
            // that asks for a cleartext or MD5 password, or an impostor relaying the login
            // (possible with sslmode=require), is refused before any password is sent.
            c.channel_binding(ChannelBinding::Require);
        }
    }
    let tls = match t.ssl {
        SslMode::Disable => None,
        mode => Some(tokio_postgres_rustls::MakeRustlsConnect::new(tls_config(
            t, mode,
        )?)),
    };
    let before = socket_fds();
    // The login runs on a thread of its own so that a server which stops answering during
    // it cannot hold the command: past the bound the thread is left blocked (it ends with the
    // process) and the command fails.
    let (tx, rx) = std::sync::mpsc::channel();
    // The role's own timeouts must not cut the settings batch itself short (a role set to
    // `statement_timeout = 1ms` would fail it under load): startup options apply before it.
    c.options("-c statement_timeout=0 -c lock_timeout=0");
    std::thread::spawn(move || {
        let got = match tls {
            None => c.ssl_mode(PgSsl::Disable).connect(postgres::NoTls),
            Some(tls) => c.ssl_mode(PgSsl::Require).connect(tls),
        }
        .and_then(|mut client| client.batch_execute(SESSION_SETTINGS).map(|()| client));
        let _ = tx.send(got);
    });
    let client = match rx.recv_timeout(CONNECT_TIMEOUT + bound()) {
        Ok(got) => got.map_err(|e| Error::from(PgError::new(&e, t, role)))?,
        Err(_) => return Err(super::watchdog::stalled(&t.place())),
    };
    let new: Vec<_> = socket_fds()
        .into_iter()
        .filter(|fd| !before.contains(fd))
        .collect();
    let fd = match new[..] {
        [fd] => Some(fd),
        _ => None,
    };
    Ok((client, Watchdog::start(fd)))
}

/// The session settings cpni depends on, set explicitly right after login so that none set
/// for the role or the database (`ALTER ROLE … SET`, by whoever administers the server or by
/// the day-to-day role itself) changes what a step does. `search_path` has `pg_catalog` first
/// (CVE-2018-1058): no function or operator in `public` shadows a built-in, and no schema
/// named after the role (`"$user"`) is searched; cpni's `TEMP` table is found in the
/// session's own temporary schema, which PostgreSQL searches first for tables only.
/// `row_security = off` makes a query that a row-level policy would filter fail instead of
/// silently seeing fewer rows. `statement_timeout` is off (the waits cpni bounds itself:
/// `lock_timeout` per step); an idle open transaction is ended by the server after 10 minutes.
/// `cpni init` creates its tables with `search_path = public` (`pg_catalog` still searched
/// first, implicitly) in [`super::migrate`].
pub const SESSION_SETTINGS: &str = "SET search_path = pg_catalog, public; \
     SET default_transaction_read_only = off; \
     SET default_transaction_isolation = 'read committed'; \
     SET default_transaction_deferrable = off; \
     SET row_security = off; \
     SET statement_timeout = 0; \
     SET lock_timeout = 0; \
     SET idle_in_transaction_session_timeout = '10min'; \
     SET standard_conforming_strings = on; \
     SET check_function_bodies = on";

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The rustls client configuration for `mode` (never `Disable`).
fn tls_config(t: &Target, mode: SslMode) -> Result<ClientConfig> {
    let builder = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::internal(format!("TLS set-up: {e}")))?;
    if mode == SslMode::Require {
        let verifier = Arc::new(Unverified(provider()));
        return Ok(builder
            .dangerous()
            .with_custom_certificate_verifier(verifier)
            .with_no_client_auth());
    }
    Ok(builder
        .with_root_certificates(roots(t)?)
        .with_no_client_auth())
}

/// The system's trusted roots plus the certificates of `[storage] ca_file`.
fn roots(t: &Target) -> Result<RootCertStore> {
    let mut roots = RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        // A system root rustls cannot use is skipped, as every rustls client does.
        let _ = roots.add(cert);
    }
    if let Some(path) = &t.ca_file {
        let bad = |msg: String| {
            Error::usage(
                "ca-file",
                format!(
                    "the CA file (storage.ca_file or db's sslrootcert) {}: {msg}",
                    path.display()
                ),
            )
            .hint(
                "ca_file is the PEM file of the CA that signed the PostgreSQL server's certificate",
            )
        };
        let pem = super::target::read_ca_file(path)?;
        let certs = CertificateDer::pem_slice_iter(&pem)
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| bad(format!("is not valid PEM: {e}")))?;
        if certs.is_empty() {
            return Err(bad("holds no certificate".into()));
        }
        for cert in certs {
            roots
                .add(cert)
                .map_err(|e| bad(format!("holds a certificate rustls cannot use: {e}")))?;
        }
    }
    if roots.is_empty() {
        return Err(Error::usage(
            "ca-file",
            "sslmode=verify-full: no trusted certificate (the system has none and [storage] ca_file is not set)",
        )
        .hint("set [storage] ca_file to the PEM file of the server's CA"));
    }
    Ok(roots)
}

/// `sslmode=require`: the connection is encrypted, the certificate is not checked (as libpq's
/// `require`), but the handshake signatures still are.
#[derive(Debug)]
struct Unverified(Arc<CryptoProvider>);

impl ServerCertVerifier for Unverified {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
