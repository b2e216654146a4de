//! The PIN policy: digits only, a configurable minimum length, and refusal of trivial PINs
//! (repeats, runs, the most common PINs, dates) and of PINs derived from the account's own
//! telephone number, account id or postal code. Messages never contain the PIN itself.

mod patterns;

use patterns::{is_common, is_repeated, is_sequence, looks_like_date, shares_four_digits};

/// Smallest minimum length an administrator may configure.
pub const MIN_LEN_FLOOR: usize = 4;
/// Largest minimum length an administrator may configure.
pub const MIN_LEN_CEIL: usize = 15;
/// Minimum length when none is configured.
pub const DEFAULT_MIN_LEN: usize = 6;
/// Longest PIN accepted.
pub const MAX_LEN: usize = 15;

/// Account data a PIN must not be derived from.
#[derive(Debug, Clone, Copy, Default)]
pub struct PinContext<'a> {
    pub phone: &'a str,
    pub account: &'a str,
    pub postal_code: &'a str,
}

/// The first PIN rule a candidate breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PinRule {
    #[error("the PIN must be digits only")]
    NotDigits,
    #[error("the PIN must have at least {0} digits")]
    TooShort(usize),
    #[error("the PIN must have at most {0} digits")]
    TooLong(usize),
    #[error(
        "the PIN repeats the same digit or pattern (like 1111 or 121212); choose digits without a pattern"
    )]
    Repeated,
    #[error(
        "the PIN is an ascending or descending run (like 123456 or 987654); choose digits without a pattern"
    )]
    Sequence,
    #[error("the PIN is one of the most common PINs; choose one that is harder to guess")]
    Common,
    #[error(
        "the PIN looks like a date; a birthday is biographical data, so choose digits that are not a date"
    )]
    Date,
    #[error("the PIN contains 4 or more digits in a row from the account's telephone number")]
    FromPhone,
    #[error("the PIN contains 4 or more digits in a row from the account id")]
    FromAccount,
    #[error("the PIN contains 4 or more digits in a row from the postal code")]
    FromPostalCode,
}

impl PinRule {
    /// Stable kebab-case id for JSON output and the audit log.
    pub fn code(&self) -> &'static str {
        match self {
            PinRule::NotDigits => "not-digits",
            PinRule::TooShort(_) => "too-short",
            PinRule::TooLong(_) => "too-long",
            PinRule::Repeated => "repeated",
            PinRule::Sequence => "sequence",
            PinRule::Common => "common",
            PinRule::Date => "date",
            PinRule::FromPhone => "from-phone",
            PinRule::FromAccount => "from-account",
            PinRule::FromPostalCode => "from-postal-code",
        }
    }
}

/// A test on the PIN's digits: true when the PIN breaks the rule.
type PatternCheck = fn(&[u8]) -> bool;

/// Checks a candidate PIN, in this order: NotDigits, TooShort(min_len), TooLong(MAX_LEN),
/// Repeated, Sequence, Common, Date, FromPhone, FromAccount, FromPostalCode.
///
/// `min_len` should be within [`MIN_LEN_FLOOR`]..=[`MIN_LEN_CEIL`]; validating the configured
/// value is the caller's job (the config loader). Outside that range the checks still run
/// without panicking, but a `min_len` above [`MAX_LEN`] rejects every PIN.
pub fn check_pin(pin: &str, min_len: usize, ctx: &PinContext) -> Result<(), PinRule> {
    if !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PinRule::NotDigits);
    }
    let d = pin.as_bytes();
    if d.len() < min_len {
        return Err(PinRule::TooShort(min_len));
    }
    if d.len() > MAX_LEN {
        return Err(PinRule::TooLong(MAX_LEN));
    }
    let checks: [(PatternCheck, PinRule); 4] = [
        (is_repeated, PinRule::Repeated),
        (is_sequence, PinRule::Sequence),
        (is_common, PinRule::Common),
        (looks_like_date, PinRule::Date),
    ];
    for (broken, rule) in checks {
        if broken(d) {
            return Err(rule);
        }
    }
    let sources = [
        (ctx.phone, PinRule::FromPhone),
        (ctx.account, PinRule::FromAccount),
        (ctx.postal_code, PinRule::FromPostalCode),
    ];
    for (source, rule) in sources {
        if shares_four_digits(d, source) {
            return Err(rule);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::patterns::COMMON;
    use super::*;
    use proptest::prelude::*;

    const CTX: PinContext<'static> = PinContext {
        phone: "+15558049371",
        account: "ACME-80917",
        postal_code: "62704-3321",
    };

    fn check(pin: &str) -> Result<(), PinRule> {
        check_pin(pin, DEFAULT_MIN_LEN, &CTX)
    }

    #[test]
    fn good_pins_pass() {
        for pin in ["483920", "730518", "9402817", "50938417", "284017395061845"] {
            assert_eq!(check(pin), Ok(()), "{pin}");
        }
        assert_eq!(check_pin("4839", 4, &CTX), Ok(()));
    }

    #[test]
    fn not_digits() {
        for pin in [
            "",
            "12a456",
            "48 3920",
            "４８３９２０",
            "483920\n",
            "-48392",
            "٤٨٣٩٢٠",
        ] {
            let want = if pin.is_empty() {
                PinRule::TooShort(6)
            } else {
                PinRule::NotDigits
            };
            assert_eq!(check(pin), Err(want), "{pin:?}");
        }
    }

    #[test]
    fn length_edges() {
        assert_eq!(check("48392"), Err(PinRule::TooShort(6)));
        assert_eq!(check("483920"), Ok(()));
        assert_eq!(check_pin("483", 4, &CTX), Err(PinRule::TooShort(4)));
        assert_eq!(check_pin("4839", 4, &CTX), Ok(()));
        assert_eq!(
            check_pin("28401739506184", 15, &CTX),
            Err(PinRule::TooShort(15))
        );
        assert_eq!(check_pin("284017395061845", 15, &CTX), Ok(()));
        assert_eq!(check("2840173950618457"), Err(PinRule::TooLong(MAX_LEN)));
        // Out-of-range min_len is the caller's problem, but never panics.
        assert_eq!(check_pin("4839", 0, &CTX), Ok(()));
        assert_eq!(
            check_pin("284017395061845", 16, &CTX),
            Err(PinRule::TooShort(16))
        );
    }

    #[test]
    fn repeated() {
        for pin in [
            "111111",
            "000000",
            "121212",
            "123123",
            "454545",
            "99999999",
            "123412341234",
        ] {
            let r = check_pin(pin, 4, &PinContext::default());
            if pin == "123412341234" {
                assert_ne!(r, Err(PinRule::Repeated), "block of 4 is not in the rule");
            } else {
                assert_eq!(r, Err(PinRule::Repeated), "{pin}");
            }
        }
        assert_eq!(
            check_pin("4545", 4, &PinContext::default()),
            Err(PinRule::Repeated)
        );
        assert_eq!(
            check_pin("7777", 4, &PinContext::default()),
            Err(PinRule::Repeated)
        );
        assert_eq!(check("1212123"), Ok(()));
        assert!(!is_repeated(b"4"));
    }

    #[test]
    fn sequence() {
        for pin in [
            "234567",
            "890123",
            "3210987",
            "987654321",
            "012345",
            "109876",
            "7890123456",
        ] {
            assert_eq!(
                check_pin(pin, 4, &PinContext::default()),
                Err(PinRule::Sequence),
                "{pin}"
            );
        }
        assert_eq!(check("135792"), Ok(()));
        assert_eq!(check("234568"), Ok(()));
        assert!(!is_sequence(b"5"));
        assert!(is_sequence(b"90"));
    }

    #[test]
    fn common() {
        for pin in ["1004", "2580", "1122", "2001", "1379"] {
            assert_eq!(
                check_pin(pin, 4, &PinContext::default()),
                Err(PinRule::Common),
                "{pin}"
            );
        }
        for pin in [
            "112233", "789456", "159753", "696969", "102030", "147258", "520520", "852456",
            "147369", "010203",
        ] {
            let r = check_pin(pin, 4, &PinContext::default());
            assert!(
                matches!(r, Err(PinRule::Common | PinRule::Repeated)),
                "{pin}: {r:?}"
            );
        }
        assert_eq!(check("852456"), Err(PinRule::Common));
        assert_eq!(check("520520"), Err(PinRule::Repeated));
    }

    #[test]
    fn every_listed_pin_is_refused() {
        for pin in COMMON {
            assert!(check_pin(pin, 4, &PinContext::default()).is_err(), "{pin}");
        }
    }

    #[test]
    fn dates() {
        let none = PinContext::default();
        for pin in [
            "1987", "2024", "1900", "2099", "031590", "150390", "123199", "19870315", "03151987",
            "15031987", "20240229",
        ] {
            assert_eq!(check_pin(pin, 4, &none), Err(PinRule::Date), "{pin}");
        }
        for pin in [
            "1899", "2100", "133290", "320190", "003190", "18870315", "19871315", "03152187",
            "310290",
        ] {
            assert_ne!(check_pin(pin, 4, &none), Err(PinRule::Date), "{pin}");
        }
        // 5 and 7 digit PINs are never dates.
        assert_eq!(check_pin("19870", 4, &none), Ok(()));
    }

    #[test]
    fn derived_from_phone() {
        assert_eq!(check("049371"), Err(PinRule::FromPhone), "last six digits");
        assert_eq!(check("915558"), Err(PinRule::FromPhone));
        assert_eq!(check("489371"), Err(PinRule::FromPhone));
        assert_eq!(check("489379"), Ok(()));
        let ctx = PinContext {
            phone: "(555) 123-0142",
            ..CTX
        };
        // Runs "555", "123", "0142": only 0142 is long enough.
        assert_eq!(check_pin("480142", 6, &ctx), Err(PinRule::FromPhone));
        assert_eq!(check_pin("481237", 6, &ctx), Ok(()));
    }

    #[test]
    fn derived_from_account_and_postal_code() {
        assert_eq!(check("580917"), Err(PinRule::FromAccount));
        assert_eq!(check("627048"), Err(PinRule::FromPostalCode));
        assert_eq!(check("483321"), Err(PinRule::FromPostalCode));
        let ctx = PinContext {
            postal_code: "SW1A 1AA",
            ..CTX
        };
        assert_eq!(check_pin("627048", 6, &ctx), Ok(()));
    }

    #[test]
    fn codes_are_stable_and_messages_have_no_pin() {
        let all = [
            (PinRule::NotDigits, "not-digits"),
            (PinRule::TooShort(6), "too-short"),
            (PinRule::TooLong(15), "too-long"),
            (PinRule::Repeated, "repeated"),
            (PinRule::Sequence, "sequence"),
            (PinRule::Common, "common"),
            (PinRule::Date, "date"),
            (PinRule::FromPhone, "from-phone"),
            (PinRule::FromAccount, "from-account"),
            (PinRule::FromPostalCode, "from-postal-code"),
        ];
        for (rule, code) in all {
            assert_eq!(rule.code(), code);
            assert!(rule.to_string().starts_with("the PIN"));
        }
        assert_eq!(
            PinRule::TooShort(6).to_string(),
            "the PIN must have at least 6 digits"
        );
    }

    proptest! {
        #[test]
        fn never_panics(pin in any::<String>(), min in 0usize..20, phone in any::<String>()) {
            let ctx = PinContext { phone: &phone, account: &phone, postal_code: "" };
            let _ = check_pin(&pin, min, &ctx);
        }

        #[test]
        fn accepted_pins_obey_the_rules(pin in "[0-9]{4,16}") {
            if check_pin(&pin, 4, &CTX).is_ok() {
                prop_assert!(pin.len() <= MAX_LEN);
                prop_assert!(!is_repeated(pin.as_bytes()));
                prop_assert!(!is_sequence(pin.as_bytes()));
                prop_assert!(!COMMON.contains(&pin.as_str()));
                prop_assert!(!pin.as_bytes().windows(4).any(|w| b"15558049371".windows(4).any(|p| p == w)));
            }
        }

        #[test]
        fn containing_a_phone_window_is_refused(start in 0usize..8, pre in "[0-9]{0,2}") {
            let phone = "15558049371";
            let pin = format!("{pre}{}", &phone[start..start + 4]);
            let r = check_pin(&pin, 4, &PinContext { phone, ..PinContext::default() });
            prop_assert!(r.is_err());
        }
    }
}
