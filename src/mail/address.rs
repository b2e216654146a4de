//! Email address validation with lettre's RFC 5321/5322 mailbox parser.

use lettre::Address;

use crate::domain::contact::FieldError;

/// A real mailbox address (`local@domain`), trimmed; the domain is lower-cased.
pub fn parse_email(s: &str) -> Result<String, FieldError> {
    let trimmed = s.trim();
    let bad = || {
        FieldError::new(
            "email",
            format!(
                "{:?} is not a mailbox address; expected something like name@example.com",
                crate::ui::term::safe(trimmed)
            ),
        )
    };
    if trimmed.is_empty() {
        return Err(FieldError::new(
            "email",
            "is required; expected something like name@example.com",
        ));
    }
    if trimmed.len() > 254 {
        // Never echo a huge value back (an imported field may be megabytes).
        return Err(FieldError::new(
            "email",
            format!(
                "is {} bytes long; a mailbox address has at most 254",
                trimmed.len()
            ),
        ));
    }
    if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    let addr: Address = trimmed.parse().map_err(|_| bad())?;
    if !addr.domain().contains('.') || addr.domain().starts_with('[') {
        return Err(bad());
    }
    Ok(format!(
        "{}@{}",
        addr.user(),
        addr.domain().to_ascii_lowercase()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_mailboxes_and_refuses_the_rest() {
        assert_eq!(parse_email(" Ada@Example.COM ").unwrap(), "Ada@example.com");
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "a b@example.com",
            "ada@@x.com",
        ] {
            let e = parse_email(bad).unwrap_err();
            assert_eq!(e.field, "email", "{bad}");
        }
    }

    proptest! {
        #[test]
        fn never_panics_and_accepted_values_reparse(s in "\\PC{0,60}") {
            if let Ok(v) = parse_email(&s) {
                prop_assert_eq!(parse_email(&v).unwrap(), v);
            }
        }
    }
}
