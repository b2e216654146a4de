//! The account-change notices of 64.2010(f) as outbox items: one per contact that was of
//! record (30 days or more) at any time in the last 30 days (`domain::escalation::
//! notice_contacts`), never a value set within them: emails, letters, and texts when
//! `notify.sms_command` is set (without one the letter covers the telephone too). A notice
//! names what changed and when, never the new value; a reset notice says a reset was
//! requested.

use time::OffsetDateTime;

use crate::clock;
use crate::config::Config;
use crate::domain::escalation::{ContactKind, Span};
use crate::mail::{compose, deliver};
use crate::store::customers::Customer;
use crate::store::outbox::Item;

/// What a notice is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About<'a> {
    /// A change of the named item (pin, email, …).
    Change(&'a str),
    /// A lost-PIN reset was requested.
    Reset,
}

/// The notices for a change or reset, addressed to `contacts` (the spans that get one).
pub fn notices_to(
    cfg: &Config,
    c: &Customer,
    contacts: &[Span],
    about: About<'_>,
    session: Option<&str>,
    now: OffsetDateTime,
) -> Vec<Item> {
    let date = clock::date(now);
    let composed = match about {
        About::Change(name) => compose::change_notice(name, &date),
        About::Reset => compose::reset_notice(&date),
    };
    let sms = match about {
        About::Change(name) => compose::change_notice_sms(name, &date),
        About::Reset => compose::reset_notice_sms(&date),
    };
    let base = |channel: &str, recipient: String, body: String| Item {
        created_at: clock::format(now),
        account: c.account.clone(),
        session: session.map(str::to_string),
        kind: "notice".into(),
        channel: channel.into(),
        recipient,
        subject: composed.subject.clone(),
        body: Some(body),
        message_id: deliver::new_message_id(&cfg.mail),
        ..Item::default()
    };
    let mut items = Vec::new();
    for s in contacts {
        match s.kind {
            ContactKind::Email => items.push(base("email", s.value.clone(), composed.body.clone())),
            ContactKind::Postal => items.push(base(
                "letter",
                format!("{}\n{}", c.name, s.value),
                compose::letter(&c.name, &s.value, &composed.body),
            )),
            ContactKind::Phone if cfg.sms_command.is_some() => {
                items.push(base("sms", s.value.clone(), sms.clone()))
            }
            ContactKind::Phone => {}
        }
    }
    items
}
