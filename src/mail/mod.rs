//! Mail: addresses, message composition (pure functions), the outbox and its transports.

pub mod address;
pub mod compose;
pub mod deliver;
pub mod notices;
pub mod sealed;

/// Outbox kinds whose body holds a secret (a one-time code or a temporary PIN): the body is
/// never shown and is dropped from the database once delivered.
pub fn carries_secret(kind: &str) -> bool {
    matches!(kind, "email-code" | "mail-code" | "temporary-pin")
}
