//! Postal addresses: validation of the five fields, the multi-line label printed on a letter,
//! and the one-line mask shown on an agent's screen.

use super::{FieldError, TEXT_MAX, parse_text};

/// A validated postal address; all fields trimmed, postal code and country uppercase.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PostalAddress {
    pub street: String,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
}

/// Validates each field and returns the first error in the order street, city, region,
/// postal_code, country.
pub fn parse_postal_address(
    street: &str,
    city: &str,
    region: &str,
    postal_code: &str,
    country: &str,
) -> Result<PostalAddress, FieldError> {
    Ok(PostalAddress {
        street: parse_text("street", street, TEXT_MAX, false)?,
        city: parse_text("city", city, TEXT_MAX, false)?,
        region: parse_text("region", region, TEXT_MAX, false)?,
        postal_code: parse_postal_code(postal_code)?,
        country: parse_country(country)?,
    })
}

/// 2..=12 ASCII letters, digits, spaces or dashes; trimmed and uppercased.
fn parse_postal_code(s: &str) -> Result<String, FieldError> {
    let t = s.trim();
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == ' ' || c == '-';
    if !t.chars().all(allowed) {
        return Err(FieldError::new(
            "postal_code",
            "has a character that is not allowed; use letters, digits, spaces and dashes only",
        ));
    }
    if !(2..=12).contains(&t.len()) {
        return Err(FieldError::new(
            "postal_code",
            format!("is {} characters long; 2 to 12 are accepted", t.len()),
        ));
    }
    Ok(t.to_ascii_uppercase())
}

/// ISO 3166-1 alpha-2: two ASCII letters, uppercased.
fn parse_country(s: &str) -> Result<String, FieldError> {
    let t = s.trim();
    if t.len() != 2 || !t.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(FieldError::new(
            "country",
            "must be a two-letter ISO 3166 country code such as US or GB",
        ));
    }
    Ok(t.to_ascii_uppercase())
}

impl PostalAddress {
    /// Multi-line label for a letter: street / city, region postal_code / country.
    pub fn label(&self) -> String {
        format!(
            "{}\n{}, {} {}\n{}",
            self.street, self.city, self.region, self.postal_code, self.country
        )
    }

    /// One-line mask for screens, e.g. "***, Springfield, IL 627**, US": street hidden, postal
    /// code shown up to its first 3 characters, the rest as '*'.
    pub fn masked(&self) -> String {
        let shown: String = self.postal_code.chars().take(3).collect();
        let hidden = "*".repeat(self.postal_code.chars().count().saturating_sub(3));
        format!(
            "***, {}, {} {shown}{hidden}, {}",
            self.city, self.region, self.country
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn springfield() -> PostalAddress {
        match parse_postal_address(
            " 742 Evergreen Terrace ",
            "Springfield",
            "IL",
            "62704",
            "us",
        ) {
            Ok(a) => a,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn valid_address_is_normalised() {
        let a = springfield();
        assert_eq!(a.street, "742 Evergreen Terrace");
        assert_eq!(a.country, "US");
        assert_eq!(
            a.label(),
            "742 Evergreen Terrace\nSpringfield, IL 62704\nUS"
        );
        assert_eq!(a.masked(), "***, Springfield, IL 627**, US");
        let uk = parse_postal_address(
            "10 Downing St",
            "London",
            "Greater London",
            " sw1a 2aa ",
            "GB",
        );
        assert_eq!(uk.map(|a| a.postal_code), Ok("SW1A 2AA".to_string()));
    }

    #[test]
    fn masks_short_codes() {
        let mut a = springfield();
        a.postal_code = "AB".into();
        assert_eq!(a.masked(), "***, Springfield, IL AB, US");
        a.postal_code = "D02 X285".into();
        assert_eq!(a.masked(), "***, Springfield, IL D02*****, US");
    }

    #[test]
    fn first_error_in_field_order() {
        let e = |r: Result<PostalAddress, FieldError>| r.map(|_| ()).unwrap_err().field;
        assert_eq!(e(parse_postal_address("", "", "", "", "")), "street");
        assert_eq!(e(parse_postal_address("1 Main", " ", "", "", "")), "city");
        assert_eq!(e(parse_postal_address("1 Main", "X", "", "", "")), "region");
        assert_eq!(
            e(parse_postal_address("1 Main", "X", "Y", "", "")),
            "postal_code"
        );
        assert_eq!(
            e(parse_postal_address("1 Main", "X", "Y", "12", "")),
            "country"
        );
        assert_eq!(
            e(parse_postal_address("1 Ma\u{202E}in", "X", "Y", "12", "US")),
            "street"
        );
    }

    #[test]
    fn postal_code_edges() {
        assert!(parse_postal_code("1").is_err());
        assert_eq!(parse_postal_code("12"), Ok("12".into()));
        assert_eq!(parse_postal_code("62704-1234"), Ok("62704-1234".into()));
        assert_eq!(parse_postal_code("123456789012"), Ok("123456789012".into()));
        assert!(
            parse_postal_code("1234567890123")
                .unwrap_err()
                .message
                .contains("2 to 12")
        );
        assert!(
            parse_postal_code("627_04")
                .unwrap_err()
                .message
                .contains("letters, digits")
        );
        assert!(
            parse_postal_code("62704\t").is_ok(),
            "trailing tab is trimmed"
        );
        assert!(parse_postal_code("627\t04").is_err());
        assert!(parse_postal_code("６２７０４").is_err());
    }

    #[test]
    fn country_edges() {
        assert_eq!(parse_country(" gb "), Ok("GB".into()));
        for bad in ["", "G", "GBR", "G1", "ÉU", "  "] {
            assert_eq!(parse_country(bad).unwrap_err().field, "country", "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn never_panics(s in any::<String>()) {
            let _ = parse_postal_address(&s, &s, &s, &s, &s);
            let _ = parse_postal_code(&s);
            let _ = parse_country(&s);
        }

        #[test]
        fn accepted_reparses_to_itself(
            street in any::<String>(), code in "[ A-Za-z0-9-]{0,14}", cc in "[A-Za-z]{2}"
        ) {
            if let Ok(a) = parse_postal_address(&street, "City", "Region", &code, &cc) {
                prop_assert!(!a.street.chars().any(char::is_control));
                let again = parse_postal_address(&a.street, &a.city, &a.region, &a.postal_code, &a.country);
                prop_assert_eq!(again, Ok(a.clone()));
                prop_assert!(a.masked().starts_with("***, City, Region "));
            }
        }
    }
}
