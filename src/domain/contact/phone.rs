//! Telephone numbers: parsing what an agent types or an import holds into E.164
//! (`+` then 8..=15 digits), with national numbers read in a configured default country, the
//! North American Numbering Plan checks for +1 numbers, and the on-screen mask.

use super::FieldError;

/// A supported default country: ISO code, calling code, whether a leading trunk '0' is dropped.
struct Country {
    iso: &'static str,
    calling_code: &'static str,
    trunk_zero: bool,
}

const COUNTRIES: &[Country] = &[
    Country {
        iso: "US",
        calling_code: "1",
        trunk_zero: false,
    },
    Country {
        iso: "CA",
        calling_code: "1",
        trunk_zero: false,
    },
    Country {
        iso: "GB",
        calling_code: "44",
        trunk_zero: true,
    },
    Country {
        iso: "DE",
        calling_code: "49",
        trunk_zero: true,
    },
    Country {
        iso: "FR",
        calling_code: "33",
        trunk_zero: true,
    },
    Country {
        iso: "AU",
        calling_code: "61",
        trunk_zero: true,
    },
    Country {
        iso: "IE",
        calling_code: "353",
        trunk_zero: true,
    },
    Country {
        iso: "NZ",
        calling_code: "64",
        trunk_zero: true,
    },
    Country {
        iso: "IN",
        calling_code: "91",
        trunk_zero: true,
    },
    Country {
        iso: "MX",
        calling_code: "52",
        trunk_zero: false,
    },
];

const EXAMPLE: &str = "such as +1 555 234 0142 or a national number";

fn country(cc: &str) -> Option<&'static Country> {
    COUNTRIES
        .iter()
        .find(|c| c.iso.eq_ignore_ascii_case(cc.trim()))
}

/// Is this a supported default country (ISO 3166 alpha-2, any case)?
pub fn is_supported_country(cc: &str) -> bool {
    country(cc).is_some()
}

fn supported_list() -> String {
    COUNTRIES
        .iter()
        .map(|c| c.iso)
        .collect::<Vec<_>>()
        .join(", ")
}

fn phone_err(message: impl Into<String>) -> FieldError {
    FieldError::new("phone", message)
}

/// Phone to E.164. Accepts '+' followed by digits with spaces, dots, dashes and parentheses as
/// separators, the "00" international prefix (and "011" when the default country is in the
/// NANP), and national numbers read in `default_country`. Letters are refused.
pub fn parse_phone(s: &str, default_country: &str) -> Result<String, FieldError> {
    let home = country(default_country).ok_or_else(|| {
        FieldError::new(
            "default_country",
            format!(
                "is not a supported country; use one of {}",
                supported_list()
            ),
        )
    })?;
    let (plus, digits) = strip_separators(s.trim())?;
    let international = if plus {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_string()
    } else if let Some(rest) = digits
        .strip_prefix("011")
        .filter(|_| home.calling_code == "1")
    {
        rest.to_string()
    } else {
        national_to_international(&digits, home)?
    };
    check_e164(&international)?;
    Ok(format!("+{international}"))
}

/// Returns whether the number starts with '+', and its digits without separators.
fn strip_separators(t: &str) -> Result<(bool, String), FieldError> {
    if t.is_empty() {
        return Err(phone_err(format!(
            "is empty; enter a telephone number {EXAMPLE}"
        )));
    }
    let (plus, body) = match t.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let mut digits = String::with_capacity(body.len());
    for (i, c) in body.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '.' | '-' | '(' | ')' => {}
            _ => {
                return Err(phone_err(format!(
                    "character {} is not allowed; use digits, a leading '+', and spaces, dots, dashes or parentheses",
                    i + 1 + usize::from(plus)
                )));
            }
        }
    }
    if digits.is_empty() {
        return Err(phone_err(format!(
            "has no digits; enter a telephone number {EXAMPLE}"
        )));
    }
    Ok((plus, digits))
}

fn national_to_international(digits: &str, home: &Country) -> Result<String, FieldError> {
    if home.calling_code == "1" {
        return match digits.len() {
            10 => Ok(format!("1{digits}")),
            11 if digits.starts_with('1') => Ok(digits.to_string()),
            n => Err(phone_err(format!(
                "has {n} digits; a {} number has 10 digits (or 11 starting with 1)",
                home.iso
            ))),
        };
    }
    let national = match digits.strip_prefix('0') {
        Some(rest) if home.trunk_zero => rest,
        _ => digits,
    };
    Ok(format!("{}{national}", home.calling_code))
}

/// '+' then 8..=15 digits, country code not starting with 0; +1 numbers also pass the NANP rules.
fn check_e164(digits: &str) -> Result<(), FieldError> {
    if digits.starts_with('0') {
        return Err(phone_err(
            "has a country code starting with 0; after '+' or 00 give the country code, such as 1 or 44",
        ));
    }
    let n = digits.len();
    if !(8..=15).contains(&n) {
        return Err(phone_err(format!(
            "has {n} digits with the country code; an international number has 8 to 15"
        )));
    }
    match digits.strip_prefix('1') {
        Some(nanp) => check_nanp(nanp),
        None => Ok(()),
    }
}

/// The 10 digits after +1: area code and exchange must not start with 0 or 1.
fn check_nanp(nanp: &str) -> Result<(), FieldError> {
    let b = nanp.as_bytes();
    if b.len() != 10 {
        return Err(phone_err(format!(
            "has {} digits after +1; a North American number has 10 (area code, exchange, line)",
            b.len()
        )));
    }
    if matches!(b[0], b'0' | b'1') {
        return Err(phone_err(
            "has an area code starting with 0 or 1; North American area codes start with 2-9",
        ));
    }
    if matches!(b[3], b'0' | b'1') {
        return Err(phone_err(
            "has an exchange (digits 4-6) starting with 0 or 1; North American exchanges start with 2-9",
        ));
    }
    Ok(())
}

/// Mask for an agent's screen: "+15551230142" -> "***-***-0142" (last 4 digits only).
pub fn mask_phone(e164: &str) -> String {
    let digits: Vec<char> = e164.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 4 {
        return "***".to_string();
    }
    let last: String = digits[digits.len() - 4..].iter().collect();
    format!("***-***-{last}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ok(s: &str, cc: &str) -> String {
        match parse_phone(s, cc) {
            Ok(v) => v,
            Err(e) => panic!("{s:?} in {cc}: {e}"),
        }
    }

    fn err(s: &str, cc: &str) -> FieldError {
        match parse_phone(s, cc) {
            Ok(v) => panic!("{s:?} in {cc} accepted as {v}"),
            Err(e) => e,
        }
    }

    #[test]
    fn international_forms() {
        for s in [
            "+1 555 234 0142",
            "+1 (555) 234-0142",
            "+1.555.234.0142",
            "001 555 234 0142",
            "  +15552340142 ",
        ] {
            assert_eq!(ok(s, "GB"), "+15552340142", "{s}");
        }
        assert_eq!(ok("011 44 20 7946 0018", "US"), "+442079460018");
        assert_eq!(ok("0044 20 7946 0018", "DE"), "+442079460018");
        assert_eq!(ok("+49 30 123456", "US"), "+4930123456");
    }

    #[test]
    fn nanp_national() {
        assert_eq!(ok("(555) 234-0142", "US"), "+15552340142");
        assert_eq!(ok("1-555-234-0142", "us"), "+15552340142");
        assert_eq!(ok("416 555 2368", "CA"), "+14165552368");
        assert_eq!(err("555 234 014", "US").field, "phone");
        assert!(
            err("2 555 234 0142", "US")
                .message
                .contains("11 starting with 1")
        );
        assert!(err("055 234 0142", "US").message.contains("area code"));
        assert!(err("155 234 0142", "US").message.contains("area code"));
        assert!(err("555 034 0142", "US").message.contains("exchange"));
        assert!(err("555 134 0142", "US").message.contains("exchange"));
        assert!(err("+1 555 134 0142", "GB").message.contains("exchange"));
        assert!(err("+1 555 234 01420", "GB").message.contains("after +1"));
        assert!(err("+1 555 234 014", "GB").message.contains("after +1"));
    }

    #[test]
    fn trunk_zero_countries() {
        assert_eq!(ok("020 7946 0018", "GB"), "+442079460018");
        assert_eq!(ok("07911 123456", "GB"), "+447911123456");
        assert_eq!(ok("030 123456", "DE"), "+4930123456");
        assert_eq!(ok("01 23 45 67 89", "FR"), "+33123456789");
        assert_eq!(ok("02 9374 4000", "AU"), "+61293744000");
        assert_eq!(ok("01 234 5678", "IE"), "+35312345678");
        assert_eq!(ok("09 123 4567", "NZ"), "+6491234567");
        assert_eq!(ok("098765 43210", "IN"), "+919876543210");
        assert_eq!(ok("55 1234 5678", "MX"), "+525512345678");
    }

    #[test]
    fn refusals() {
        assert!(err("", "US").message.contains("empty"));
        assert!(err("   ", "US").message.contains("empty"));
        assert!(err("+", "US").message.contains("no digits"));
        assert!(err("1-800-FLOWERS", "US").message.contains("character 7"));
        assert!(
            err("+1 555 234 0142 ext 5", "US")
                .message
                .contains("not allowed")
        );
        assert!(
            err("+1 555 234 0142\n9", "US")
                .message
                .contains("not allowed")
        );
        assert!(err("++15552340142", "US").message.contains("character 2"));
        assert!(
            err("５５５２３４０１４２", "US")
                .message
                .contains("not allowed")
        );
        assert!(
            err("+0 555 234 0142", "US")
                .message
                .contains("starting with 0")
        );
        assert!(err("+44 1234", "US").message.contains("8 to 15"));
        assert!(
            err("+44 1234 5678 9012 3456", "US")
                .message
                .contains("8 to 15")
        );
        assert_eq!(ok("+44 1234 56", "US"), "+44123456");
        assert_eq!(ok("+44 1234 5678 90123", "US"), "+441234567890123");
    }

    #[test]
    fn unknown_default_country() {
        let e = err("+15552340142", "XX");
        assert_eq!(e.field, "default_country");
        assert!(e.message.contains("US, CA, GB"));
        assert!(!is_supported_country(""));
        assert!(!is_supported_country("USA"));
        for cc in [
            "US", "CA", "GB", "DE", "FR", "AU", "IE", "NZ", "IN", "MX", "gb",
        ] {
            assert!(is_supported_country(cc), "{cc}");
        }
    }

    #[test]
    fn masks() {
        assert_eq!(mask_phone("+15551230142"), "***-***-0142");
        assert_eq!(mask_phone("+442079460018"), "***-***-0018");
        assert_eq!(mask_phone("+123"), "***");
        assert_eq!(mask_phone(""), "***");
    }

    proptest! {
        #[test]
        fn never_panics(s in any::<String>(), cc in "[A-Za-z]{0,3}") {
            let _ = parse_phone(&s, &cc);
            let _ = mask_phone(&s);
        }

        #[test]
        fn output_is_e164_and_reparses(s in "[+]?[0-9 .()-]{0,20}", i in 0usize..10) {
            let cc = COUNTRIES[i].iso;
            if let Ok(v) = parse_phone(&s, cc) {
                prop_assert!(v.starts_with('+'));
                let d = &v[1..];
                prop_assert!((8..=15).contains(&d.len()));
                prop_assert!(d.bytes().all(|b| b.is_ascii_digit()) && !d.starts_with('0'));
                for other in COUNTRIES {
                    prop_assert_eq!(parse_phone(&v, other.iso), Ok(v.clone()));
                }
            }
        }

        #[test]
        fn letters_are_refused(pre in "[0-9]{3,8}", l in "[a-zA-Z]", post in "[0-9]{3,8}") {
            let s = ["+", pre.as_str(), l.as_str(), post.as_str()].concat();
            prop_assert!(parse_phone(&s, "US").is_err());
        }
    }
}
