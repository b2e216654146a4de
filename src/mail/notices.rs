//! The account-change notices of 64.2010(f) as outbox items: one per contact of record as it
//! was before the change (email, letter, and a text when `notify.sms_command` is set; without
//! one the letter covers the telephone too). A notice names what changed and when, never the
//! new value.

use time::OffsetDateTime;

use crate::clock;
use crate::config::Config;
use crate::mail::{compose, deliver};
use crate::store::customers::Customer;
use crate::store::outbox::Item;

/// The notices for a change, addressed to the contacts of record before it.
pub fn change_notices(
    cfg: &Config,
    before: &Customer,
    name: &str,
    session: Option<&str>,
    now: OffsetDateTime,
) -> Vec<Item> {
    let date = clock::date(now);
    let composed = compose::change_notice(name, &date);
    let label = before.postal().label();
    let base = |channel: &str, recipient: String, body: String| Item {
        created_at: clock::format(now),
        account: before.account.clone(),
        session: session.map(str::to_string),
        kind: "notice".into(),
        channel: channel.into(),
        recipient,
        subject: composed.subject.clone(),
        body: Some(body),
        message_id: deliver::new_message_id(&cfg.mail),
        ..Item::default()
    };
    let mut items = vec![
        base("email", before.email.clone(), composed.body.clone()),
        base(
            "letter",
            format!("{}\n{label}", before.name),
            compose::letter(&before.name, &label, &composed.body),
        ),
    ];
    if cfg.sms_command.is_some() {
        items.push(base(
            "sms",
            before.phone.clone(),
            compose::change_notice_sms(name, &date),
        ));
    }
    items
}
