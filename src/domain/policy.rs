//! The policy table of design.md §2: what each verification basis lets an agent discuss on
//! the call, the refusal (rule and human routes) when it does not, the 30-day address-of-record
//! rule, the purposes a disclosure may be recorded under, and one-time code expiry. The
//! `photo-id` basis (in a store only; see `domain::in_store`) allows account CPNI and call
//! detail, like the PIN.

use time::{Duration, OffsetDateTime};

/// How the caller was authenticated on this call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    Pin,
    Callback,
    EmailCode,
    MailCode,
    BusinessContract,
    Backup,
    /// A temporary PIN sent to an address of record after a reset: good only for choosing a
    /// new PIN at once (64.2010(e)); it verifies nothing else.
    TemporaryPin,
    /// In a store only: a valid government-issued photo ID matching the account (64.2010(d)).
    PhotoId,
}

impl Basis {
    pub const ALL: [Basis; 8] = [
        Basis::Pin,
        Basis::Callback,
        Basis::EmailCode,
        Basis::MailCode,
        Basis::BusinessContract,
        Basis::Backup,
        Basis::TemporaryPin,
        Basis::PhotoId,
    ];

    /// Stable kebab-case id, as stored and shown (`email-code`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Basis::Pin => "pin",
            Basis::Callback => "callback",
            Basis::EmailCode => "email-code",
            Basis::MailCode => "mail-code",
            Basis::BusinessContract => "business-contract",
            Basis::Backup => "backup",
            Basis::TemporaryPin => "temporary-pin",
            Basis::PhotoId => "photo-id",
        }
    }

    /// Inverse of [`Basis::as_str`]; exact match only.
    pub fn parse(s: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.as_str() == s)
    }

    /// Bases proven by a secret the caller reads out (these count toward the lockout).
    pub fn is_secret(&self) -> bool {
        matches!(
            self,
            Basis::Pin | Basis::EmailCode | Basis::MailCode | Basis::Backup | Basis::TemporaryPin
        )
    }
}

/// What kind of CPNI is discussed or sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    Account,
    CallDetail,
    CallerSupplied,
}

impl Scope {
    pub const ALL: [Scope; 3] = [Scope::Account, Scope::CallDetail, Scope::CallerSupplied];

    /// Stable kebab-case id (`call-detail`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Scope::Account => "account",
            Scope::CallDetail => "call-detail",
            Scope::CallerSupplied => "caller-supplied",
        }
    }

    /// Inverse of [`Scope::as_str`]; exact match only.
    pub fn parse(s: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Why CPNI was used or disclosed (recorded with every disclosure).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Purpose {
    CustomerRequest,
    Billing,
    ServiceSupport,
    FraudProtection,
    PicFreezeInquiry,
    DirectoryServices,
    LegalProcess,
    DesignatedThirdParty,
}

impl Purpose {
    pub const ALL: [Purpose; 8] = [
        Purpose::CustomerRequest,
        Purpose::Billing,
        Purpose::ServiceSupport,
        Purpose::FraudProtection,
        Purpose::PicFreezeInquiry,
        Purpose::DirectoryServices,
        Purpose::LegalProcess,
        Purpose::DesignatedThirdParty,
    ];

    /// Stable kebab-case id (`legal-process`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Purpose::CustomerRequest => "customer-request",
            Purpose::Billing => "billing",
            Purpose::ServiceSupport => "service-support",
            Purpose::FraudProtection => "fraud-protection",
            Purpose::PicFreezeInquiry => "pic-freeze-inquiry",
            Purpose::DirectoryServices => "directory-services",
            Purpose::LegalProcess => "legal-process",
            Purpose::DesignatedThirdParty => "designated-third-party",
        }
    }

    /// Inverse of [`Purpose::as_str`]; exact match only.
    pub fn parse(s: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Purposes that must be recorded with a reference (subpoena number, consent record, …).
    pub fn needs_reference(&self) -> bool {
        matches!(self, Purpose::LegalProcess | Purpose::DesignatedThirdParty)
    }
}

/// What may be discussed on this call given the basis (`None` = unverified).
pub fn discussable(basis: Option<Basis>) -> Vec<Scope> {
    match basis {
        None | Some(Basis::TemporaryPin) => vec![Scope::CallerSupplied],
        Some(Basis::Pin | Basis::Callback | Basis::BusinessContract | Basis::PhotoId) => {
            vec![Scope::Account, Scope::CallDetail, Scope::CallerSupplied]
        }
        Some(Basis::EmailCode | Basis::MailCode | Basis::Backup) => {
            vec![Scope::Account, Scope::CallerSupplied]
        }
    }
}

/// Why a discussion is not allowed, and what the agent can do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The rule, with its citation, in one sentence.
    pub rule: String,
    /// Human routes that would allow it, each naming the command.
    pub routes: Vec<String>,
}

pub const ROUTE_PIN: &str = "verify with the account PIN (cpni session pin)";
pub const ROUTE_CALLBACK: &str = "call back the telephone number of record (cpni session callback)";
pub const ROUTE_SEND: &str = "send it to an address of record (cpni session send --via email|mail)";
pub const ROUTE_EMAIL_CODE: &str =
    "read back a code sent to the email of record (cpni session email-code)";
pub const ROUTE_MAIL_CODE: &str =
    "read back a code mailed to the postal address of record (cpni session mail-code)";
pub const ROUTE_CALLER_SUPPLIED: &str =
    "discuss only the calls the caller describes unaided (--scope caller-supplied)";

const RULE_CALL_DETAIL: &str = "47 CFR 64.2010(b): call detail on a call needs the PIN or a \
     callback to the telephone number of record";
const RULE_ACCOUNT: &str = "47 CFR 64.2010(a): account CPNI may be discussed only after the \
     caller is authenticated";

/// Allows or refuses discussing `scope` on this call given the verification `basis`.
pub fn check_discussion(basis: Option<Basis>, scope: Scope) -> Result<(), Refusal> {
    if discussable(basis).contains(&scope) {
        return Ok(());
    }
    let routes: &[&str] = match scope {
        Scope::CallDetail if basis.is_some() => &[ROUTE_PIN, ROUTE_CALLBACK, ROUTE_SEND],
        Scope::CallDetail => &[ROUTE_PIN, ROUTE_CALLBACK, ROUTE_SEND, ROUTE_CALLER_SUPPLIED],
        _ => &[
            ROUTE_PIN,
            ROUTE_CALLBACK,
            ROUTE_EMAIL_CODE,
            ROUTE_MAIL_CODE,
            ROUTE_SEND,
        ],
    };
    let rule = match scope {
        Scope::CallDetail => RULE_CALL_DETAIL,
        _ => RULE_ACCOUNT,
    };
    Err(Refusal {
        rule: rule.to_string(),
        routes: routes.iter().map(|r| r.to_string()).collect(),
    })
}

/// Whether a session verified on `basis` counts as verified for CPNI at all.
pub fn is_verified(basis: Option<Basis>) -> bool {
    basis.is_some_and(|b| b != Basis::TemporaryPin)
}

/// What a change to the account's secrets or contacts of record needs (64.2010(e)-(f)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Pin,
    Backup,
    Email,
    Address,
    Phone,
    /// The business contract's authentication method: back office only.
    Contract,
}

/// Whether a session on `basis` may make `change`: a basis that may discuss call detail (PIN,
/// callback, business contract) allows every change; a code, the backup secret or a temporary
/// PIN allow only setting a new PIN (which then does not verify that call, issue 12).
pub fn may_change(basis: Option<Basis>, change: Change) -> bool {
    match basis {
        None => false,
        Some(_) if change == Change::Contract => false,
        Some(Basis::Pin | Basis::Callback | Basis::BusinessContract) => true,
        Some(_) => change == Change::Pin,
    }
}

/// An email or postal address is "of record" once it has been on the account this many days.
pub const ADDRESS_OF_RECORD_DAYS: i64 = 30;

/// The first instant an address on record since `since` counts as an address of record.
pub fn address_usable_from(since: OffsetDateTime) -> OffsetDateTime {
    since.saturating_add(Duration::days(ADDRESS_OF_RECORD_DAYS))
}

/// True when the address has been on record at least [`ADDRESS_OF_RECORD_DAYS`] at `now`.
pub fn is_address_of_record(since: OffsetDateTime, now: OffsetDateTime) -> bool {
    now >= address_usable_from(since)
}

/// Emailed one-time codes expire after 10 minutes.
pub const EMAIL_CODE_TTL: Duration = Duration::minutes(10);
/// Mailed one-time codes expire after this many days unless configured otherwise.
pub const DEFAULT_MAIL_CODE_DAYS: i64 = 30;

/// A code is expired when `now >= expires_at`.
pub fn code_expired(expires_at: OffsetDateTime, now: OffsetDateTime) -> bool {
    now >= expires_at
}

#[cfg(test)]
mod change_tests {
    use super::*;

    #[test]
    fn backup_and_temporary_pin_allow_only_a_new_pin() {
        for b in [
            Basis::Backup,
            Basis::TemporaryPin,
            Basis::EmailCode,
            Basis::MailCode,
        ] {
            assert!(may_change(Some(b), Change::Pin));
            for c in [
                Change::Backup,
                Change::Email,
                Change::Address,
                Change::Phone,
            ] {
                assert!(!may_change(Some(b), c));
            }
        }
        assert!(may_change(Some(Basis::Callback), Change::Email));
        for b in [Basis::EmailCode, Basis::MailCode] {
            assert!(may_change(Some(b), Change::Pin));
            assert!(!may_change(Some(b), Change::Phone));
            assert!(!may_change(Some(b), Change::Backup));
        }
        assert!(!may_change(None, Change::Pin));
        assert!(!is_verified(Some(Basis::TemporaryPin)));
        assert_eq!(
            discussable(Some(Basis::TemporaryPin)),
            vec![Scope::CallerSupplied]
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const ALL_BASES: [Option<Basis>; 9] = [
        None,
        Some(Basis::Pin),
        Some(Basis::Callback),
        Some(Basis::EmailCode),
        Some(Basis::MailCode),
        Some(Basis::BusinessContract),
        Some(Basis::Backup),
        Some(Basis::TemporaryPin),
        Some(Basis::PhotoId),
    ];

    fn expected(basis: Option<Basis>, scope: Scope) -> bool {
        use Basis::*;
        match (basis, scope) {
            (_, Scope::CallerSupplied) => true,
            (None | Some(TemporaryPin), _) => false,
            (Some(Pin | Callback | BusinessContract | PhotoId), _) => true,
            (Some(EmailCode | MailCode | Backup), Scope::Account) => true,
            (Some(EmailCode | MailCode | Backup), Scope::CallDetail) => false,
        }
    }

    #[test]
    fn every_row_of_the_table() {
        for basis in ALL_BASES {
            for scope in Scope::ALL {
                let got = check_discussion(basis, scope);
                assert_eq!(got.is_ok(), expected(basis, scope), "{basis:?} {scope:?}");
                assert_eq!(discussable(basis).contains(&scope), expected(basis, scope));
            }
        }
    }

    #[test]
    fn table_rows_explicit() {
        assert_eq!(discussable(None), vec![Scope::CallerSupplied]);
        for b in [
            Basis::Pin,
            Basis::Callback,
            Basis::BusinessContract,
            Basis::PhotoId,
        ] {
            assert_eq!(
                discussable(Some(b)),
                vec![Scope::Account, Scope::CallDetail, Scope::CallerSupplied]
            );
        }
        for b in [Basis::EmailCode, Basis::MailCode, Basis::Backup] {
            assert_eq!(
                discussable(Some(b)),
                vec![Scope::Account, Scope::CallerSupplied]
            );
        }
    }

    #[test]
    fn call_detail_refusal_names_rule_and_routes() {
        for b in [Basis::EmailCode, Basis::MailCode, Basis::Backup] {
            let r = check_discussion(Some(b), Scope::CallDetail).unwrap_err();
            assert!(r.rule.contains("64.2010(b)"));
            assert!(r.rule.contains("PIN"));
            assert_eq!(r.routes, vec![ROUTE_PIN, ROUTE_CALLBACK, ROUTE_SEND]);
        }
        let r = check_discussion(None, Scope::CallDetail).unwrap_err();
        assert!(r.routes.iter().any(|x| x.contains("cpni session pin")));
        assert!(r.routes.iter().any(|x| x.contains("cpni session callback")));
        assert!(r.routes.iter().any(|x| x.contains("cpni session send")));
        assert!(r.routes.iter().any(|x| x.contains("caller-supplied")));
    }

    #[test]
    fn account_refusal_when_unverified() {
        let r = check_discussion(None, Scope::Account).unwrap_err();
        assert!(r.rule.contains("64.2010"));
        assert!(r.routes.contains(&ROUTE_PIN.to_string()));
        assert!(r.routes.contains(&ROUTE_CALLBACK.to_string()));
        assert!(r.routes.contains(&ROUTE_EMAIL_CODE.to_string()));
        assert!(r.routes.contains(&ROUTE_SEND.to_string()));
        assert!(!r.routes.contains(&ROUTE_CALLER_SUPPLIED.to_string()));
    }

    #[test]
    fn secret_bases() {
        assert!(Basis::Pin.is_secret());
        assert!(Basis::EmailCode.is_secret());
        assert!(Basis::MailCode.is_secret());
        assert!(Basis::Backup.is_secret());
        assert!(!Basis::Callback.is_secret());
        assert!(!Basis::BusinessContract.is_secret());
    }

    #[test]
    fn string_round_trips() {
        for b in Basis::ALL {
            assert_eq!(Basis::parse(b.as_str()), Some(b));
        }
        for s in Scope::ALL {
            assert_eq!(Scope::parse(s.as_str()), Some(s));
        }
        for p in Purpose::ALL {
            assert_eq!(Purpose::parse(p.as_str()), Some(p));
        }
        assert_eq!(Basis::parse("PIN"), None);
        assert_eq!(Basis::parse(""), None);
        assert_eq!(Scope::parse("call_detail"), None);
        assert_eq!(Purpose::parse("legal"), None);
    }

    #[test]
    fn serde_names_match_as_str() {
        // Serialize-only check through the Debug-free path: serde's kebab-case must agree.
        fn kebab(debug: &str) -> String {
            let mut out = String::new();
            for (i, c) in debug.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    out.push('-');
                }
                out.push(c.to_ascii_lowercase());
            }
            out
        }
        for b in Basis::ALL {
            assert_eq!(kebab(&format!("{b:?}")), b.as_str());
        }
        for s in Scope::ALL {
            assert_eq!(kebab(&format!("{s:?}")), s.as_str());
        }
        for p in Purpose::ALL {
            assert_eq!(kebab(&format!("{p:?}")), p.as_str());
        }
    }

    #[test]
    fn purposes_needing_reference() {
        let needing: Vec<_> = Purpose::ALL
            .into_iter()
            .filter(Purpose::needs_reference)
            .collect();
        assert_eq!(
            needing,
            vec![Purpose::LegalProcess, Purpose::DesignatedThirdParty]
        );
    }

    #[test]
    fn address_of_record_edge() {
        let since = datetime!(2025-01-01 12:00 UTC);
        assert_eq!(address_usable_from(since), datetime!(2025-01-31 12:00 UTC));
        let almost = since + Duration::days(29) + Duration::hours(23) + Duration::minutes(59);
        assert!(!is_address_of_record(since, almost));
        assert!(!is_address_of_record(since, since + Duration::days(29)));
        assert!(!is_address_of_record(since, since));
        assert!(!is_address_of_record(
            since,
            since + Duration::days(30) - Duration::nanoseconds(1)
        ));
        assert!(is_address_of_record(since, since + Duration::days(30)));
        assert!(is_address_of_record(since, since + Duration::days(400)));
        // An address "since" the future is never of record yet.
        assert!(!is_address_of_record(since + Duration::days(1), since));
    }

    #[test]
    fn address_usable_from_saturates() {
        let far = time::PrimitiveDateTime::MAX.assume_utc();
        assert_eq!(address_usable_from(far), far);
    }

    #[test]
    fn code_expiry_edge() {
        let exp = datetime!(2025-03-01 10:10 UTC);
        assert!(!code_expired(exp, exp - Duration::nanoseconds(1)));
        assert!(code_expired(exp, exp));
        assert!(code_expired(exp, exp + Duration::seconds(1)));
        let issued = datetime!(2025-03-01 10:00 UTC);
        assert_eq!(issued + EMAIL_CODE_TTL, exp);
        assert_eq!(DEFAULT_MAIL_CODE_DAYS, 30);
    }
}
