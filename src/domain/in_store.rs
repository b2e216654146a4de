//! In-store access (47 CFR 64.2010(d)): in a retail location the customer is authenticated by a
//! valid government-issued photo ID matching the account; remote routes (a callback to the
//! number of record, one-time codes read back) are not offered there, and a photo ID is never
//! accepted on a phone session. Pure functions the subcommands and the wizard both call.

use time::Date;

/// The expiry date printed on an ID, typed as `YYYY-MM-DD`; otherwise the words for why not: a
/// text of another shape, or a date in that shape that does not exist (`2031-02-30`).
pub fn expiry_date(text: &str) -> Result<Date, &'static str> {
    let t = text.trim();
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    if let Ok(d) = Date::parse(t, &fmt) {
        return Ok(d);
    }
    let b = t.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    Err(if shaped {
        "That date does not exist (no such day in that month): check the expiry date on the ID."
    } else {
        "Type the expiry date as YYYY-MM-DD, e.g. 2030-04-30."
    })
}

/// The session channel of a visit to a store (as stored in `session.channel`).
pub const IN_STORE: &str = "in-store";

/// Whether the session is a store visit (`inbound` and `outbound` are phone calls).
pub fn is_in_store(channel: &str) -> bool {
    channel == IN_STORE
}

/// A verification route the agent may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Pin,
    Backup,
    Callback,
    EmailCode,
    MailCode,
    /// Reading back an emailed or mailed code.
    Code,
    Business,
    PhotoId,
}

impl Route {
    pub const ALL: [Route; 8] = [
        Route::Pin,
        Route::Backup,
        Route::Callback,
        Route::EmailCode,
        Route::MailCode,
        Route::Code,
        Route::Business,
        Route::PhotoId,
    ];

    /// The subcommand that takes this route (`cpni session …`).
    pub fn command(self) -> &'static str {
        match self {
            Route::Pin => "pin",
            Route::Backup => "backup",
            Route::Callback => "callback",
            Route::EmailCode => "email-code",
            Route::MailCode => "mail-code",
            Route::Code => "code",
            Route::Business => "business",
            Route::PhotoId => "photo-id",
        }
    }

    /// Remote routes: they reach the holder somewhere else, which a store visit does not need.
    pub fn is_remote(self) -> bool {
        matches!(
            self,
            Route::Callback | Route::EmailCode | Route::MailCode | Route::Code
        )
    }
}

/// The routes offered on a session of `channel`, in the order the wizard lists them.
pub fn routes(channel: &str) -> Vec<Route> {
    Route::ALL
        .into_iter()
        .filter(|r| route_allowed(channel, *r).is_ok())
        .collect()
}

/// Why a route is not offered on this channel (the rule, then what to do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelRefusal {
    pub code: &'static str,
    pub rule: &'static str,
    pub instead: &'static str,
}

const RULE_STORE: &str = "47 CFR 64.2010(d): in a store the customer is authenticated by a valid \
    government-issued photo ID matching the account; a callback or a code read back is not used there";
const RULE_PHONE: &str = "47 CFR 64.2010(d): a photo ID is accepted only from a customer present \
    in a store; on a phone call it proves nothing";

/// Whether `route` may be taken on a session of `channel`.
pub fn route_allowed(channel: &str, route: Route) -> Result<(), ChannelRefusal> {
    match (is_in_store(channel), route) {
        (true, r) if r.is_remote() => Err(ChannelRefusal {
            code: "in-store",
            rule: RULE_STORE,
            instead: "check the customer's photo ID: cpni session photo-id SESSION --type T --issuer I --expires YYYY-MM-DD --number-last4 NNNN --name-matches",
        }),
        (false, Route::PhotoId) => Err(ChannelRefusal {
            code: "not-in-store",
            rule: RULE_PHONE,
            instead: "verify the caller with the PIN or a callback to the telephone number of record",
        }),
        _ => Ok(()),
    }
}

/// The route to name in a store for a refused discussion: the photo ID.
pub const ROUTE_PHOTO_ID: &str =
    "check a valid government-issued photo ID matching the account (cpni session photo-id)";

/// A discussion refusal with the routes the session's channel offers: in a store, the photo ID
/// (and the PIN, or sending to an address of record) instead of a callback or codes.
pub fn routes_for_channel(channel: &str, mut r: super::policy::Refusal) -> super::policy::Refusal {
    use super::policy::{ROUTE_CALLBACK, ROUTE_EMAIL_CODE, ROUTE_MAIL_CODE};
    if is_in_store(channel) {
        r.routes
            .retain(|x| ![ROUTE_CALLBACK, ROUTE_EMAIL_CODE, ROUTE_MAIL_CODE].contains(&x.as_str()));
        r.routes.insert(0, ROUTE_PHOTO_ID.to_string());
    }
    r
}

/// Kinds of government-issued photo ID accepted.
pub const ID_TYPES: [&str; 4] = ["drivers-licence", "passport", "state-id", "military-id"];

/// The words for the agent at the counter (the wizard shows them).
pub const PHOTO_ID_SCRIPT: &str = "Say: \"Before I can go over your account, may I see a \
    government-issued photo ID, please?\"\nCheck that the photo is the person in front of you, that \
    the ID has not expired, and that the name matches the account holder. Record the type, the \
    issuing authority, the expiry date and only the last four characters of the ID number.";

/// What the agent observed on the ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoId {
    pub id_type: String,
    pub issuer: String,
    pub expires: Date,
    pub number_last4: String,
    pub name_matches: bool,
}

/// Why an ID does not verify the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdProblem {
    /// The ID expired before `today` (it is valid through its expiry date).
    Expired,
    /// The agent did not confirm that the name matches the account holder.
    NameMismatch,
}

/// Checks an ID presented on `today` (the carrier's local date).
pub fn check_photo_id(id: &PhotoId, today: Date) -> Result<(), IdProblem> {
    if id.expires < today {
        return Err(IdProblem::Expired);
    }
    if !id.name_matches {
        return Err(IdProblem::NameMismatch);
    }
    Ok(())
}

/// The last four characters of an ID number: exactly four letters or digits.
pub fn valid_last4(s: &str) -> bool {
    s.len() == 4 && s.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn stores_offer_no_remote_route_and_phones_no_photo_id() {
        let store = routes(IN_STORE);
        assert!(store.contains(&Route::PhotoId));
        assert!(store.contains(&Route::Pin));
        for r in [
            Route::Callback,
            Route::EmailCode,
            Route::MailCode,
            Route::Code,
        ] {
            assert!(!store.contains(&r));
            assert_eq!(route_allowed(IN_STORE, r).unwrap_err().code, "in-store");
        }
        for phone in ["inbound", "outbound"] {
            assert!(!routes(phone).contains(&Route::PhotoId));
            assert!(routes(phone).contains(&Route::Callback));
            assert_eq!(
                route_allowed(phone, Route::PhotoId).unwrap_err().code,
                "not-in-store"
            );
        }
    }

    #[test]
    fn refusals_in_a_store_name_the_photo_id_not_remote_routes() {
        use crate::domain::policy::{self, Scope};
        let r = policy::check_discussion(None, Scope::CallDetail).unwrap_err();
        let store = routes_for_channel(IN_STORE, r.clone());
        assert_eq!(store.routes[0], ROUTE_PHOTO_ID);
        assert!(
            !store
                .routes
                .iter()
                .any(|x| x.contains("callback") || x.contains("code"))
        );
        assert_eq!(routes_for_channel("inbound", r.clone()), r);
    }

    #[test]
    fn an_expiry_date_that_does_not_exist_is_named_as_such() {
        assert_eq!(expiry_date(" 2031-02-28 "), Ok(date!(2031 - 02 - 28)));
        assert_eq!(expiry_date("2032-02-29"), Ok(date!(2032 - 02 - 29)));
        for missing in [
            "2031-02-30",
            "2031-02-29",
            "2031-04-31",
            "2031-13-01",
            "2031-00-10",
        ] {
            assert!(
                expiry_date(missing).unwrap_err().contains("does not exist"),
                "{missing}"
            );
        }
        for shapeless in ["", "30/02/2031", "2031-2-3", "2031-02-3x", "tomorrow"] {
            assert!(
                expiry_date(shapeless).unwrap_err().contains("YYYY-MM-DD"),
                "{shapeless}"
            );
        }
    }

    #[test]
    fn expired_or_mismatched_ids_do_not_verify() {
        let id = PhotoId {
            id_type: "passport".into(),
            issuer: "US Department of State".into(),
            expires: date!(2026 - 12 - 01),
            number_last4: "1234".into(),
            name_matches: true,
        };
        assert_eq!(check_photo_id(&id, date!(2026 - 12 - 01)), Ok(()));
        assert_eq!(
            check_photo_id(&id, date!(2026 - 12 - 02)),
            Err(IdProblem::Expired)
        );
        let other = PhotoId {
            name_matches: false,
            ..id
        };
        assert_eq!(
            check_photo_id(&other, date!(2026 - 11 - 01)),
            Err(IdProblem::NameMismatch)
        );
        assert!(valid_last4("A9z1") && !valid_last4("12345") && !valid_last4("12-4"));
    }
}
