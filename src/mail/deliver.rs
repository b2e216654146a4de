//! Delivery of outbox items: emails through the configured transport (`file`: one RFC 5322
//! `.eml` per message in the outbox folder; `smtp`: lettre over rustls), letters as plain-text
//! files under `letters/` for the mailroom.
//!
//! A delivery failure is a value ([`Failure`]) that says whether retrying can help; the outbox
//! keeps the item queued (transient) or failed for good (permanent 5xx), and a failed item's
//! body and attachment are deleted, since nothing will ever send them. A `password_file` that
//! group or others can read is refused before it is read.

use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};

use crate::config::{Config, MailSection, SmtpSection};
use crate::store::outbox::Item;

/// Why a delivery failed.
#[derive(Debug, Clone)]
pub struct Failure {
    pub message: String,
    pub permanent: bool,
}

fn fail(message: impl Into<String>) -> Failure {
    Failure {
        message: message.into(),
        permanent: false,
    }
}

/// Where the outbox folder is: `[mail] outbox`, or `outbox/` beside the database.
pub fn outbox_dir(cfg: &Config) -> PathBuf {
    cfg.mail.outbox.clone().unwrap_or_else(|| {
        cfg.db_path
            .parent()
            .unwrap_or(Path::new("."))
            .join("outbox")
    })
}

/// The sender mailbox.
pub fn from_mailbox(m: &MailSection) -> Mailbox {
    m.from
        .as_deref()
        .and_then(|f| f.parse().ok())
        .unwrap_or_else(|| {
            Mailbox::new(
                Some("cpni".into()),
                "cpni@localhost".parse().unwrap_or_else(|_| unreachable!()),
            )
        })
}

/// A new Message-ID in the sender's domain.
pub fn new_message_id(m: &MailSection) -> String {
    let domain = from_mailbox(m).email.domain().to_string();
    let mut bytes = [0u8; 16];
    rand::Rng::fill_bytes(&mut crate::secrets::os_rng(), &mut bytes);
    format!("<{}@{domain}>", hex::encode(bytes))
}

/// Delivers one item; returns the file written, if any.
pub fn deliver(cfg: &Config, item: &Item) -> Result<Option<PathBuf>, Failure> {
    let dir = outbox_dir(cfg);
    if item.channel == "letter" {
        return write_letter(&dir, item).map(Some);
    }
    if item.channel == "sms" {
        return send_sms(cfg, item).map(|()| None);
    }
    let message = build_email(&cfg.mail, item)?;
    match (cfg.mail.transport.as_deref(), &cfg.mail.smtp) {
        (Some("smtp"), Some(smtp)) => send_smtp(smtp, &message).map(|()| None),
        _ => write_file(
            &dir,
            &format!("{}-{}.eml", item.id, item.kind),
            &message.formatted(),
        )
        .map(Some),
    }
}

fn build_email(m: &MailSection, item: &Item) -> Result<Message, Failure> {
    let to: Mailbox = item.recipient.parse().map_err(|e| Failure {
        message: format!("recipient {:?}: {e}", item.recipient),
        permanent: true,
    })?;
    let builder = Message::builder()
        .from(from_mailbox(m))
        .to(to)
        .subject(item.subject.clone())
        .date_now()
        .message_id(Some(item.message_id.clone()));
    let text = item.body.clone().unwrap_or_default();
    let built = match (&item.attachment_name, &item.attachment) {
        (Some(name), Some(bytes)) => {
            let mime =
                ContentType::parse("application/octet-stream").unwrap_or(ContentType::TEXT_PLAIN);
            builder.multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(text))
                    .singlepart(Attachment::new(name.clone()).body(bytes.clone(), mime)),
            )
        }
        _ => builder.header(ContentType::TEXT_PLAIN).body(text),
    };
    built.map_err(|e| Failure {
        message: format!("cannot build the message: {e}"),
        permanent: true,
    })
}

fn write_letter(dir: &Path, item: &Item) -> Result<PathBuf, Failure> {
    let letters = dir.join("letters");
    let path = write_file(
        &letters,
        &format!("{}-{}.txt", item.id, item.kind),
        item.body.as_deref().unwrap_or("").as_bytes(),
    )?;
    if let (Some(name), Some(bytes)) = (&item.attachment_name, &item.attachment) {
        write_file(
            &letters,
            &format!("{}-enclosure-{}", item.id, sanitize(name)),
            bytes,
        )?;
    }
    Ok(path)
}

/// Runs `notify.sms_command` with the number and the message as arguments (never a shell).
fn send_sms(cfg: &Config, item: &Item) -> Result<(), Failure> {
    let Some(cmd) = &cfg.sms_command else {
        return Err(Failure {
            message: "no notify.sms_command is configured".into(),
            permanent: true,
        });
    };
    let status = std::process::Command::new(&cmd[0])
        .args(&cmd[1..])
        .arg(&item.recipient)
        .arg(item.body.as_deref().unwrap_or(""))
        .stdin(std::process::Stdio::null())
        .status()
        .map_err(|e| fail(format!("cannot run notify.sms_command {:?}: {e}", cmd[0])))?;
    if status.success() {
        Ok(())
    } else {
        Err(fail(format!(
            "notify.sms_command {:?} failed: {status}",
            cmd[0]
        )))
    }
}

fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Writes `name` in `dir` atomically: a private temporary file (random name, created
/// `O_EXCL|O_NOFOLLOW`), synced, then renamed over the final name, so a link planted in the
/// folder never captures a message. An item's file name is fixed by its id, so a retry after an
/// interrupted attempt (killed after writing the file, before recording it as sent) replaces
/// that file instead of failing on it: the folder holds one complete file per item, never a
/// torn one.
fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, Failure> {
    crate::store::create_private_dir(dir).map_err(|e| fail(e.message))?;
    let path = dir.join(name);
    crate::fsx::write_atomic(&path, bytes)
        .map_err(|e| fail(format!("cannot write {}: {e}", path.display())))?;
    Ok(path)
}

fn send_smtp(s: &SmtpSection, message: &Message) -> Result<(), Failure> {
    let transport = smtp_transport(s)?;
    transport
        .send(message)
        .map(|_| ())
        .map_err(|e| smtp_failure(s, &e))
}

fn smtp_transport(s: &SmtpSection) -> Result<SmtpTransport, Failure> {
    let tls = s.tls.as_deref().unwrap_or("starttls");
    let builder = match tls {
        "tls" => SmtpTransport::relay(&s.host),
        "none" => Ok(SmtpTransport::builder_dangerous(&s.host)),
        _ => SmtpTransport::starttls_relay(&s.host),
    }
    .map_err(|e| fail(format!("SMTP server {}: {e}", s.host)))?;
    let port = s.port.unwrap_or(match tls {
        "tls" => 465,
        "none" => 25,
        _ => 587,
    });
    let mut builder = builder
        .port(port)
        .timeout(Some(Duration::from_secs(s.timeout_secs.unwrap_or(10))));
    if let Some(user) = &s.username {
        let password = match &s.password_file {
            Some(p) => check_password_mode(p)
                .and_then(|()| std::fs::read_to_string(p))
                .map_err(|e| {
                    fail(format!(
                        "cannot read mail.smtp.password_file {}: {e}",
                        p.display()
                    ))
                })?
                .trim_end_matches(['\r', '\n'])
                .to_string(),
            None => String::new(),
        };
        builder = builder.credentials(Credentials::new(user.clone(), password));
    }
    Ok(builder.build())
}

/// Refuses a password file that group or others may read (or write); the error names the
/// `chmod` that fixes it.
fn check_password_mode(p: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(p)?.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            format!(
                "it is readable by group or others (mode {mode:04o}); run `chmod 600 {}`",
                p.display()
            ),
        ));
    }
    Ok(())
}

/// Whether the error is a socket read/write timeout. On Linux a socket timeout surfaces as
/// EAGAIN (`WouldBlock`, "os error 11"), which lettre does not count as a timeout.
fn is_socket_timeout(e: &lettre::transport::smtp::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            return matches!(
                io.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            );
        }
        source = err.source();
    }
    false
}

fn smtp_failure(s: &SmtpSection, e: &lettre::transport::smtp::Error) -> Failure {
    let text = e.to_string();
    let message = if e.is_timeout() || is_socket_timeout(e) {
        format!(
            "SMTP server {}:{} did not answer within {} s (timed out)",
            s.host,
            s.port.unwrap_or(0),
            s.timeout_secs.unwrap_or(10)
        )
    } else {
        format!("SMTP server {}: {text}", s.host)
    };
    Failure {
        message,
        permanent: e.is_permanent(),
    }
}
