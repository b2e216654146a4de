//! The contacts of record over time, for the rules of `domain::escalation`: the current values
//! (from the customer row) and the replaced ones (the append-only contact history).

use time::OffsetDateTime;

use crate::clock;
use crate::domain::escalation::{self, ContactKind, NoCallback, Span};
use crate::error::Result;
use crate::store::{self, customers::Customer};

fn at(s: &str, now: OffsetDateTime) -> OffsetDateTime {
    clock::parse(s).unwrap_or(now)
}

/// The current contacts of record as spans.
pub fn current(c: &Customer, now: OffsetDateTime) -> Vec<Span> {
    let span = |kind, value: String, since: &str| Span {
        kind,
        value,
        since: at(since, now),
        until: None,
    };
    vec![
        span(ContactKind::Email, c.email.clone(), &c.email_since),
        span(ContactKind::Postal, c.postal().label(), &c.postal_since),
        span(ContactKind::Phone, c.phone.clone(), &c.phone_since),
    ]
}

/// The contacts replaced in the last 30 days (and earlier ones still needed to decide).
pub fn replaced(conn: &store::Read<'_>, account: &str, now: OffsetDateTime) -> Result<Vec<Span>> {
    let after = clock::format(now - escalation::RECENT);
    Ok(conn
        .contacts_retired_since(account, &after)?
        .into_iter()
        .filter_map(|r| {
            Some(Span {
                kind: ContactKind::parse(&r.kind)?,
                value: r.value,
                since: at(&r.since, now),
                until: Some(at(&r.until, now)),
            })
        })
        .collect())
}

/// Every span of the account's contacts that matters now.
pub fn spans(conn: &store::Read<'_>, c: &Customer, now: OffsetDateTime) -> Result<Vec<Span>> {
    let mut all = current(c, now);
    all.extend(replaced(conn, &c.account, now)?);
    Ok(all)
}

/// The number a callback may go to now, or why there is none.
pub fn callback_number(
    conn: &store::Read<'_>,
    c: &Customer,
    now: OffsetDateTime,
) -> Result<std::result::Result<String, NoCallback>> {
    let cur = current(c, now).remove(2);
    Ok(escalation::callback_number(
        &cur,
        &replaced(conn, &c.account, now)?,
        now,
    ))
}

/// Records the value `kind` had before a change made at `at`; returns since when it had been
/// on record (the change's audit record carries it, so `audit verify` can tie the row to it).
pub fn retire(
    w: &store::Write<'_>,
    before: &Customer,
    kind: ContactKind,
    at: &str,
) -> Result<String> {
    let (value, since) = match kind {
        ContactKind::Phone => (before.phone.clone(), &before.phone_since),
        ContactKind::Email => (before.email.clone(), &before.email_since),
        ContactKind::Postal => (before.postal().label(), &before.postal_since),
    };
    w.retire_contact(&before.account, kind.as_str(), &value, since, at)?;
    Ok(since.clone())
}
