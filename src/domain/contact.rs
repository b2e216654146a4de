//! Validators for customer fields typed by agents or imported from files: account id, free
//! text (names, streets, notes), telephone numbers (to E.164), postal addresses and the
//! `*_since` dates, plus the masks used to show contact data on an agent's screen. Each
//! validator returns the normalised value or a [`FieldError`] naming the field, what is wrong
//! and what is accepted.

mod address;
mod phone;

pub use address::{PostalAddress, parse_postal_address};
pub use phone::{is_supported_country, mask_phone, parse_phone};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A field that failed validation; displays as `field: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Longest account id.
pub const ACCOUNT_MAX: usize = 32;
/// Longest name, street, city or region.
pub const TEXT_MAX: usize = 200;

/// 1..=32 ASCII letters, digits or '-', not starting or ending with '-'. Normalised to uppercase.
pub fn parse_account_id(s: &str) -> Result<String, FieldError> {
    let err = |m: String| FieldError::new("account", m);
    let t = s.trim();
    if t.is_empty() {
        return Err(err(
            "is empty; enter the account id (letters, digits and '-')".into(),
        ));
    }
    if let Some(i) = t
        .chars()
        .position(|c| !(c.is_ascii_alphanumeric() || c == '-'))
    {
        return Err(err(format!(
            "character {} is not allowed; an account id has only letters A-Z, digits 0-9 and '-'",
            i + 1
        )));
    }
    if t.len() > ACCOUNT_MAX {
        return Err(err(format!(
            "is {} characters long; at most {ACCOUNT_MAX} are accepted",
            t.len()
        )));
    }
    if t.starts_with('-') || t.ends_with('-') {
        return Err(err("must not start or end with '-'".into()));
    }
    Ok(t.to_ascii_uppercase())
}

/// Unicode bidirectional controls that can make text display differently from what it is.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Why `c` is refused in free text, if it is.
fn forbidden(c: char) -> Option<&'static str> {
    if c.is_control() {
        Some("a control character")
    } else if is_bidi_control(c) {
        Some("an invisible text-direction character")
    } else {
        None
    }
}

/// Free text such as a name, street, city, note: trimmed; non-empty (unless `allow_empty`);
/// at most `max` characters; refuses C0/C1 control characters, DEL and Unicode bidi controls,
/// naming the position (1-based, in the input as given) of the first bad character. Internal
/// runs of whitespace are kept as is.
pub fn parse_text(
    field: &str,
    s: &str,
    max: usize,
    allow_empty: bool,
) -> Result<String, FieldError> {
    let t = s.trim();
    let lead = s[..s.len() - s.trim_start().len()].chars().count();
    if let Some((i, c)) = t.chars().enumerate().find(|(_, c)| forbidden(*c).is_some()) {
        let what = forbidden(c).unwrap_or("not allowed");
        return Err(FieldError::new(
            field,
            format!(
                "character {} is {what} (U+{:04X}); use printable text only",
                lead + i + 1,
                u32::from(c)
            ),
        ));
    }
    if t.is_empty() && !allow_empty {
        return Err(FieldError::new(field, "is empty; a value is required"));
    }
    let n = t.chars().count();
    if n > max {
        return Err(FieldError::new(
            field,
            format!("is {n} characters long; at most {max} are accepted"),
        ));
    }
    Ok(t.to_string())
}

/// A customer's name: required free text of at most 200 characters (field "name").
pub fn parse_name(s: &str) -> Result<String, FieldError> {
    parse_text("name", s, TEXT_MAX, false)
}

/// "alice@example.com" -> "a***@example.com" (first character of the local part, then ***).
/// Anything without an '@' masks to "***".
pub fn mask_email(email: &str) -> String {
    match email.rsplit_once('@') {
        Some((local, domain)) => match local.chars().next() {
            Some(first) => format!("{first}***@{domain}"),
            None => format!("***@{domain}"),
        },
        None => "***".to_string(),
    }
}

/// Date or RFC 3339 time for the import columns `*_since`: "2025-01-31" or
/// "2025-01-31T10:00:00Z" (offsets accepted). A date alone counts from the end of that day
/// (the next midnight UTC), so a value never counts as of record early. A value after `now`
/// (a date after today) is refused.
pub fn parse_since(
    field: &str,
    s: &str,
    now: OffsetDateTime,
) -> Result<OffsetDateTime, FieldError> {
    let t = s.trim();
    let date_fmt = time::macros::format_description!("[year]-[month]-[day]");
    if let Ok(d) = time::Date::parse(t, date_fmt) {
        if d > now.date() {
            return Err(FieldError::new(
                field,
                "is in the future; give the date the value was first on the account",
            ));
        }
        let end = d.next_day().unwrap_or(d).midnight().assume_utc();
        return Ok(end);
    }
    let parsed = OffsetDateTime::parse(t, &Rfc3339);
    let at = parsed.map_err(|_| {
        FieldError::new(
            field,
            "is not a date; use 2025-01-31 or an RFC 3339 time such as 2025-01-31T10:00:00Z",
        )
    })?;
    if at > now {
        return Err(FieldError::new(
            field,
            "is in the future; give the date the value was first on the account",
        ));
    }
    Ok(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::datetime;

    #[test]
    fn account_ids() {
        assert_eq!(parse_account_id(" acme-80917 "), Ok("ACME-80917".into()));
        assert_eq!(parse_account_id("a"), Ok("A".into()));
        assert_eq!(parse_account_id(&"a".repeat(32)), Ok("A".repeat(32)));
        let e = |s: &str| parse_account_id(s).unwrap_err();
        assert!(e(&"a".repeat(33)).message.contains("at most 32"));
        assert!(e("").message.contains("empty"));
        assert!(e("-AB").message.contains("start or end"));
        assert!(e("AB-").message.contains("start or end"));
        assert!(e("-").message.contains("start or end"));
        assert!(e("AB_1").message.contains("character 3"));
        assert!(e("AB 1").message.contains("character 3"));
        assert!(e("ÄB").message.contains("character 1"));
        assert_eq!(e("").field, "account");
    }

    #[test]
    fn text_trimmed_and_kept() {
        assert_eq!(
            parse_text("city", "  New   York ", 200, false),
            Ok("New   York".into())
        );
        assert_eq!(parse_text("note", "  ", 10, true), Ok(String::new()));
        assert_eq!(
            parse_name("Zoë O'Brien-Łukasz"),
            Ok("Zoë O'Brien-Łukasz".into())
        );
        assert_eq!(parse_name("\tAlice\n"), Ok("Alice".into()));
    }

    #[test]
    fn text_length_edges() {
        assert!(parse_name(&"é".repeat(200)).is_ok());
        let e = parse_name(&"é".repeat(201)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "name: is 201 characters long; at most 200 are accepted"
        );
        assert_eq!(
            parse_name("").unwrap_err().message,
            "is empty; a value is required"
        );
        assert!(parse_text("note", "", 0, true).is_ok());
        assert!(parse_text("note", "a", 0, true).is_err());
    }

    #[test]
    fn text_refuses_controls_with_position() {
        let bad = [
            ('\u{0}', "control"),
            ('\u{7}', "control"),
            ('\n', "control"),
            ('\u{1b}', "control"),
            ('\u{7f}', "control"),
            ('\u{80}', "control"),
            ('\u{9f}', "control"),
            ('\u{202A}', "direction"),
            ('\u{202E}', "direction"),
            ('\u{2066}', "direction"),
            ('\u{2069}', "direction"),
            ('\u{200E}', "direction"),
            ('\u{200F}', "direction"),
            ('\u{061C}', "direction"),
        ];
        for (c, what) in bad {
            let e = parse_text("street", &format!("  ab{c}cd"), 200, false).unwrap_err();
            assert_eq!(e.field, "street");
            assert!(
                e.message.starts_with("character 5 is "),
                "{c:?}: {}",
                e.message
            );
            assert!(e.message.contains(what), "{c:?}: {}", e.message);
        }
        assert!(parse_text("x", "a\u{2029}b\u{200B}c", 200, false).is_ok());
    }

    #[test]
    fn email_masks() {
        assert_eq!(mask_email("alice@example.com"), "a***@example.com");
        assert_eq!(mask_email("é@x.fr"), "é***@x.fr");
        assert_eq!(mask_email("@x.fr"), "***@x.fr");
        assert_eq!(mask_email("a\"b@c\"@d.org"), "a***@d.org");
        assert_eq!(mask_email("nobody"), "***");
    }

    const NOW: OffsetDateTime = datetime!(2025-06-01 12:00 UTC);

    #[test]
    fn since_forms() {
        assert_eq!(
            parse_since("email_since", "2025-01-31", NOW),
            Ok(datetime!(2025-02-01 0:00 UTC))
        );
        assert_eq!(
            parse_since("x", " 2025-01-31T10:00:00Z ", NOW),
            Ok(datetime!(2025-01-31 10:00 UTC))
        );
        assert_eq!(
            parse_since("x", "2025-01-31T10:00:00-05:00", NOW),
            Ok(datetime!(2025-01-31 15:00 UTC))
        );
        assert_eq!(parse_since("x", "2025-06-01T12:00:00Z", NOW), Ok(NOW));
        assert_eq!(
            parse_since("x", "2025-06-01", NOW),
            Ok(datetime!(2025-06-02 0:00 UTC))
        );
    }

    #[test]
    fn since_refusals() {
        let e = parse_since("address_since", "2025-06-01T12:00:01Z", NOW).unwrap_err();
        assert_eq!(e.field, "address_since");
        assert!(e.message.contains("in the future"));
        assert!(
            parse_since("x", "2025-06-02", NOW)
                .unwrap_err()
                .message
                .contains("future")
        );
        for bad in [
            "",
            "2025-02-30",
            "31/01/2025",
            "2025-1-31",
            "2025-01-31 10:00",
            "yesterday",
            "2025-01-31T25:00:00Z",
        ] {
            let e = parse_since("x", bad, NOW).unwrap_err();
            assert!(e.message.contains("2025-01-31"), "{bad:?}: {}", e.message);
        }
    }

    proptest! {
        #[test]
        fn never_panic(s in any::<String>(), max in 0usize..300, empty in any::<bool>()) {
            let _ = parse_account_id(&s);
            let _ = parse_text("f", &s, max, empty);
            let _ = parse_name(&s);
            let _ = mask_email(&s);
            let _ = parse_since("f", &s, NOW);
        }

        #[test]
        fn accepted_text_is_clean_and_stable(s in any::<String>(), max in 0usize..50) {
            if let Ok(v) = parse_text("f", &s, max, true) {
                prop_assert!(!v.chars().any(|c| c.is_control() || is_bidi_control(c)));
                prop_assert!(v.chars().count() <= max);
                prop_assert_eq!(parse_text("f", &v, max, true), Ok(v.clone()));
            }
        }

        #[test]
        fn accepted_account_is_stable(s in "[ A-Za-z0-9_-]{0,36}") {
            if let Ok(v) = parse_account_id(&s) {
                prop_assert!((1..=32).contains(&v.len()));
                prop_assert!(!v.starts_with('-') && !v.ends_with('-'));
                prop_assert!(v.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-'));
                prop_assert_eq!(parse_account_id(&v), Ok(v.clone()));
            }
        }

        #[test]
        fn since_round_trips(secs in -2_000_000_000i64..1_748_779_200) {
            let t = OffsetDateTime::from_unix_timestamp(secs).unwrap();
            let text = t.format(&Rfc3339).unwrap();
            prop_assert_eq!(parse_since("f", &text, NOW), Ok(t));
        }
    }
}
