//! Outbox bodies sealed at rest: the body (and attachment) of every queued message is stored sealed
//! ([`crate::secrets::seal`]: ChaCha20-Poly1305 under a key derived from the host's code key),
//! so neither the SQLite file nor a PostgreSQL role (the day-to-day role, the owner, a
//! superuser) shows a one-time code, a temporary PIN or the CPNI of a disclosure (its text or
//! its attached statement). The tag covers which part it is, the attachment's name and the
//! row's kind, channel, recipient, account, session and Message-ID (all known before the
//! insert; the id is not), so a body copied to another row, or swapped with the attachment,
//! does not open.
//!
//! A body is sealed just before it is queued ([`BodyKey::seal`]; the store refuses a body that
//! is not) and opened only where it is needed ([`BodyKey::open`]): by the delivery of the item
//! and by `notify show` (which shows a body only for kinds without a secret). A body that does
//! not open (edited in the database, or sealed under another host's code key) is an integrity
//! error naming the item (exit 6); nothing is sent and the item stays queued. A body stored
//! without the `sealed1:` prefix comes from a cpni from before sealing and is read as plain text,
//! so an upgraded database still delivers what it had queued; `notify list --json` says which
//! items are `plain` at rest. The limit this leaves: whoever can write the table can still put
//! plain text of their own in place of a queued body (as anyone could before sealing, and the
//! recipient is covered by the row seals); they can neither read a sealed body nor make one that
//! opens.

use std::path::PathBuf;

use crate::config::Config;
use crate::error::{Error, Kind, Result};
use crate::secrets::seal::{self, Opened, SealKey};
use crate::store::outbox::Item;

/// The outbox sealing key of this host's database, and where its code key file is.
pub struct BodyKey {
    key: SealKey,
    path: PathBuf,
}

/// The bytes the tag of item `i`'s body (`part` "body") or attachment covers.
fn binding(i: &Item, part: &str) -> Vec<u8> {
    seal::associated_data(&[
        Some("outbox"),
        Some(part),
        i.attachment_name.as_deref(),
        Some(&i.kind),
        Some(&i.channel),
        Some(&i.recipient),
        Some(&i.account),
        i.session.as_deref(),
        Some(&i.message_id),
    ])
}

impl BodyKey {
    /// Derives the key from the code key file of the configured database.
    pub fn load(cfg: &Config) -> Result<BodyKey> {
        let path = crate::secrets::key_paths(&cfg.db_path).0;
        let code_key = crate::secrets::read_key(&path)?;
        Ok(BodyKey {
            key: SealKey::derive(&code_key),
            path,
        })
    }

    /// The item with its body sealed (to be queued).
    pub fn seal(&self, item: &Item) -> Result<Item> {
        let mut sealed = item.clone();
        sealed.body = match &item.body {
            Some(b) => Some(self.key.seal(&binding(item, "body"), b)?),
            None => None,
        };
        sealed.attachment = match &item.attachment {
            Some(a) => Some(self.key.seal_bytes(&binding(item, "attachment"), a)?),
            None => None,
        };
        Ok(sealed)
    }

    /// The item with its body opened (sealed, or plain from before sealing); an integrity error
    /// naming the item when a sealed body does not open.
    pub fn open(&self, item: &Item) -> Result<Item> {
        let mut opened = item.clone();
        if let Some(b) = &item.body {
            let text = self
                .key
                .open(&binding(item, "body"), b)
                .map_err(|_| self.refusal(item.id, "body"))?;
            opened.body = Some(Opened::into_text(text));
        }
        if let Some(a) = &item.attachment {
            let bytes = self
                .key
                .open_bytes(&binding(item, "attachment"), a)
                .map_err(|_| self.refusal(item.id, "attachment"))?;
            opened.attachment = Some(bytes);
        }
        Ok(opened)
    }

    fn refusal(&self, id: i64, part: &str) -> Error {
        Error::new(
            Kind::Integrity,
            "outbox-body",
            format!(
                "the {part} of outbox item {id} does not open with this host's code key ({}): it \
                 was edited in the database, or sealed under another code key; it was not sent \
                 and stays queued",
                self.path.display()
            ),
        )
        .hint(
            "every host of one database must hold the same code key file: compare this host's \
             with the others'; if they agree, the row was altered outside cpni: find out who \
             changed it",
        )
    }
}

/// How item `i`'s body is stored: "sealed", "plain" (from before sealing), or `None` (no body).
pub fn at_rest(i: &Item) -> Option<&'static str> {
    i.body.as_deref().map(|b| {
        if seal::is_sealed(b) {
            "sealed"
        } else {
            "plain"
        }
    })
}
