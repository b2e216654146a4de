//! Pure rules of cpni: the policy table of what a verification basis unlocks, the PIN and
//! backup-secret policies, the account lockout state machine, code and temporary-PIN expiry and the validators
//! for customer fields. Nothing here does I/O, reads the clock or draws random numbers: time
//! comes in as `time::OffsetDateTime` arguments, so every rule is unit-tested exhaustively.

pub mod backup;
pub mod breach;
pub mod business_days;
pub mod consent;
pub mod contact;
pub mod escalation;
pub mod in_store;
pub mod lockout;
pub mod pin;
pub mod policy;
pub mod retention;
pub mod ssh_key;
pub mod temp_pin;
pub mod time_zone;
