//! Mail: addresses, message composition (pure functions), the outbox and its transports.

pub mod address;
pub mod compose;
pub mod deliver;
