//! The audit log: hash-chained, append-only records of every attempt, disclosure and change.
//!
//! A record is appended inside the same write transaction as the state change it describes
//! (the store's `Write::append`, which hands the chain's head to [`next_record`]), so both
//! commit or neither does. The chain: each record's
//! `hash` is SHA-256 over the previous record's hash and the record's canonical encoding
//! ([`chain::canonical`]); `seq` is the previous `seq` + 1 and is part of the hash. The exact
//! format is documented in `docs/audit-format.md` for third-party verifiers.

pub mod chain;
pub mod checkpoint;
pub mod crosscheck;
pub mod digests;
pub mod export;
pub mod head;
pub mod manifest;
pub mod offline;
pub mod report;
pub mod rowdigest;
pub mod schedule;
pub mod sink;
pub mod split;
pub mod verify;

use serde_json::{Map, Value};
use time::OffsetDateTime;

/// Who acted: the operating-system login, and for a service account the agent it acts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub login: String,
    pub on_behalf_of: Option<String>,
}

/// A record about to be appended.
#[derive(Debug, Clone)]
pub struct Event {
    pub event: &'static str,
    pub account: String,
    pub session: String,
    pub detail: Map<String, Value>,
}

impl Event {
    pub fn new(event: &'static str) -> Self {
        Event {
            event,
            account: String::new(),
            session: String::new(),
            detail: Map::new(),
        }
    }
    pub fn account(mut self, account: &str) -> Self {
        self.account = account.to_string();
        self
    }
    pub fn session(mut self, session: &str) -> Self {
        self.session = session.to_string();
        self
    }
    /// Adds a detail field. Never pass a secret here.
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.detail.insert(key.to_string(), value.into());
        self
    }
}

/// A stored record.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Record {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub on_behalf_of: String,
    pub account: String,
    pub session: String,
    pub event: String,
    pub detail: String,
    #[serde(serialize_with = "as_hex")]
    pub prev_hash: Vec<u8>,
    #[serde(serialize_with = "as_hex")]
    pub hash: Vec<u8>,
}

fn as_hex<S: serde::Serializer>(bytes: &[u8], s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&hex::encode(bytes))
}

/// The record that follows `(last_seq, prev_hash)` in the chain, hashed (not stored).
pub fn next_record(
    (last_seq, prev_hash): (i64, Vec<u8>),
    actor: &Actor,
    at: OffsetDateTime,
    event: Event,
) -> Record {
    let mut record = Record {
        seq: last_seq + 1,
        at: crate::clock::format(at),
        actor: actor.login.clone(),
        on_behalf_of: actor.on_behalf_of.clone().unwrap_or_default(),
        account: event.account,
        session: event.session,
        event: event.event.to_string(),
        detail: Value::Object(event.detail).to_string(),
        prev_hash,
        hash: Vec::new(),
    };
    record.hash = chain::hash(&record.prev_hash, &record).to_vec();
    record
}
