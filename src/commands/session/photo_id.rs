//! `cpni session photo-id SESSION --type T --issuer I --expires DATE --number-last4 NNNN
//! --name-matches`: the in-store basis (64.2010(d)), and the channel gate that keeps remote
//! routes out of a store and the photo ID off the phone. The rules are in `domain::in_store`;
//! the checks that decide the step are made again inside the transaction that records it. Only
//! the ID's type, issuer, expiry, the last four characters of its number and the name
//! confirmation are kept (in the audit record), never the full number or an image.

use clap::Args;
use time::OffsetDateTime;

use super::gate::{Env, Loaded, load_open, recheck, refuse};
use super::state::print_step;
use crate::audit::Event;
use crate::clock;
use crate::domain::contact;
use crate::domain::in_store::{self, IdProblem, PhotoId, Route};
use crate::domain::policy::{self, Basis};
use crate::error::{Error, Result};
use crate::store::Db;
use crate::ui::term::excerpt;

#[derive(Debug, Args)]
pub struct PhotoIdArgs {
    /// Session id (an in-store session)
    pub session: String,
    /// Kind of government-issued photo ID
    #[arg(long = "type", value_name = "T", value_parser = in_store::ID_TYPES)]
    pub id_type: String,
    /// Issuing authority, e.g. "New York DMV" or "US Department of State"
    #[arg(long, value_name = "I")]
    pub issuer: String,
    /// Expiry date printed on the ID (YYYY-MM-DD); an expired ID is refused
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub expires: String,
    /// Only the last four characters of the ID number
    #[arg(long, value_name = "NNNN")]
    pub number_last4: String,
    /// The agent confirms the name on the ID matches the account holder
    #[arg(long)]
    pub name_matches: bool,
}

/// Refuses (recorded under `event`) a route the session's channel does not allow.
pub fn channel_gate(
    env: &Env<'_>,
    db: &mut Db,
    l: &Loaded,
    route: Route,
    event: &'static str,
    now: OffsetDateTime,
) -> Result<()> {
    match in_store::route_allowed(&l.session.channel, route) {
        Ok(()) => Ok(()),
        Err(r) => Err(refuse(env, db, l, event, channel_error(&r), now)),
    }
}

fn channel_error(r: &in_store::ChannelRefusal) -> Error {
    Error::refused(r.code, r.rule).hint(r.instead)
}

fn parse(a: &PhotoIdArgs) -> Result<PhotoId> {
    let expires = in_store::expiry_date(&a.expires).map_err(|why| {
        Error::usage(
            "invalid-field",
            format!("--expires {}: {why}", excerpt(&a.expires)),
        )
    })?;
    let last4 = a.number_last4.trim();
    if !in_store::valid_last4(last4) {
        return Err(Error::usage(
            "invalid-field",
            "--number-last4 must be exactly the last four letters or digits of the ID number",
        )
        .hint("never record the whole number"));
    }
    Ok(PhotoId {
        id_type: a.id_type.clone(),
        issuer: contact::parse_text("issuer", &a.issuer, 200, false)?,
        expires,
        number_last4: last4.to_ascii_uppercase(),
        name_matches: a.name_matches,
    })
}

enum Outcome {
    Refused(in_store::ChannelRefusal),
    Failed(IdProblem),
    Verified,
    Stopped(Error),
}

fn event(name: &'static str, l: &Loaded, id: &PhotoId) -> Event {
    Event::new(name)
        .account(&l.customer.account)
        .session(&l.session.id)
        .with("id_type", id.id_type.clone())
        .with("issuer", id.issuer.clone())
        .with("expires", id.expires.to_string())
        .with("number_last4", id.number_last4.clone())
        .with("name_matches", id.name_matches)
}

/// Checks the ID and records the outcome, deciding inside the write transaction.
pub fn photo_id(
    env: &Env<'_>,
    db: &mut Db,
    l: Loaded,
    id: &PhotoId,
    now: OffsetDateTime,
) -> Result<(bool, String, Loaded)> {
    let today = env.ctx.cfg.time_zone.date_of(now);
    let at = clock::format(now);
    let refused = "auth.photo-id.refused";
    let outcome = db.step(|tx| {
        // Open, owned by the acting agent: decided again under the writer lock.
        let fresh = match recheck(tx, env, &l.session.id, false, refused, now)? {
            Ok(f) => f,
            Err(e) => return Ok(Outcome::Stopped(e)),
        };
        if let Err(r) = in_store::route_allowed(&fresh.session.channel, Route::PhotoId) {
            let ev = event(refused, &fresh, id).with("reason", r.code);
            tx.append(&env.acting.actor, now, ev)?;
            return Ok(Outcome::Refused(r));
        }
        if let Err(p) = in_store::check_photo_id(id, today) {
            let reason = match p {
                IdProblem::Expired => "expired",
                IdProblem::NameMismatch => "name-mismatch",
            };
            tx.touch_session(&fresh.session.id, &at)?;
            let ev = event("auth.photo-id.fail", &fresh, id).with("reason", reason);
            tx.append(&env.acting.actor, now, ev)?;
            return Ok(Outcome::Failed(p));
        }
        let current = fresh.session.basis.as_deref().and_then(Basis::parse);
        let basis = match current {
            Some(b) if policy::discussable(Some(b)).contains(&policy::Scope::CallDetail) => b,
            _ => Basis::PhotoId,
        };
        tx.set_session_basis(&fresh.session.id, basis.as_str(), &at)?;
        tx.append(
            &env.acting.actor,
            now,
            event("auth.photo-id.ok", &fresh, id),
        )?;
        Ok(Outcome::Verified)
    })?;
    match outcome {
        Outcome::Stopped(e) => Err(e),
        Outcome::Refused(r) => Err(channel_error(&r)),
        Outcome::Failed(IdProblem::Expired) => Ok((
            false,
            format!(
                "The ID expired on {}: not verified. Ask for another valid government-issued photo ID.",
                id.expires
            ),
            l,
        )),
        Outcome::Failed(IdProblem::NameMismatch) => Ok((
            false,
            "The name on the ID does not match the account holder: not verified. Disclose nothing."
                .into(),
            l,
        )),
        Outcome::Verified => Ok((
            true,
            format!(
                "Photo ID ({}, {}, ending {}) matches the account holder: verified for account information and call detail in the store.",
                id.id_type,
                crate::ui::term::safe(&id.issuer),
                id.number_last4
            ),
            super::gate::load_any(db, &l.session.id)?,
        )),
    }
}

pub fn photo_id_cmd(env: &Env<'_>, db: &mut Db, a: PhotoIdArgs) -> Result<u8> {
    let id = parse(&a)?;
    let now = clock::now();
    let l = load_open(env, db, &a.session, now)?;
    let (ok, msg, l) = photo_id(env, db, l, &id, now)?;
    Ok(print_step(env, &l, now, ok, &msg))
}
