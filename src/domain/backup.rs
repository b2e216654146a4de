//! The backup secret: a passphrase the customer chooses for when the PIN is forgotten. This
//! file owns its policy (length, printable text, nothing taken from the customer's name,
//! telephone number, account id or postal code) and the canonical form that is hashed.
//! Messages never contain the secret.

use crate::domain::contact::is_bidi_control;

/// Fewest characters (after trimming).
pub const MIN_CHARS: usize = 8;
/// Most characters (after trimming).
pub const MAX_CHARS: usize = 128;

/// Account data a backup secret must not contain.
#[derive(Debug, Clone, Copy, Default)]
pub struct BackupContext<'a> {
    pub name: &'a str,
    pub phone: &'a str,
    pub account: &'a str,
    pub postal_code: &'a str,
}

/// The first backup-secret rule a candidate breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupRule {
    #[error(
        "the backup secret must have at least 8 characters; a phrase of three or four words works well"
    )]
    TooShort,
    #[error("the backup secret must have at most 128 characters")]
    TooLong,
    #[error("the backup secret contains a control or invisible character; use printable text only")]
    ControlChars,
    #[error(
        "the backup secret contains part of the customer's name; choose words that are not biographical"
    )]
    ContainsName,
    #[error(
        "the backup secret contains 4 or more digits in a row from the account's telephone number"
    )]
    ContainsPhone,
    #[error("the backup secret contains the account id or 4 or more of its digits in a row")]
    ContainsAccount,
    #[error("the backup secret contains the postal code")]
    ContainsPostalCode,
}

impl BackupRule {
    /// Stable kebab-case id for JSON output and the audit log.
    pub fn code(&self) -> &'static str {
        match self {
            BackupRule::TooShort => "too-short",
            BackupRule::TooLong => "too-long",
            BackupRule::ControlChars => "control-chars",
            BackupRule::ContainsName => "contains-name",
            BackupRule::ContainsPhone => "contains-phone",
            BackupRule::ContainsAccount => "contains-account",
            BackupRule::ContainsPostalCode => "contains-postal-code",
        }
    }
}

/// Checks a candidate backup secret, in the order of [`BackupRule`]'s variants.
pub fn check_backup_secret(secret: &str, ctx: &BackupContext) -> Result<(), BackupRule> {
    let t = secret.trim();
    let n = t.chars().count();
    if n < MIN_CHARS {
        return Err(BackupRule::TooShort);
    }
    if n > MAX_CHARS {
        return Err(BackupRule::TooLong);
    }
    if t.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Err(BackupRule::ControlChars);
    }
    let lower = t.to_lowercase();
    let secret_runs = digit_runs(t);
    if name_words(ctx.name).any(|w| lower.contains(&w)) {
        return Err(BackupRule::ContainsName);
    }
    let phone_digits: String = ctx.phone.chars().filter(char::is_ascii_digit).collect();
    if shares_four(&secret_runs, &[phone_digits.as_str()]) {
        return Err(BackupRule::ContainsPhone);
    }
    let account = ctx.account.trim().to_lowercase();
    if (!account.is_empty() && lower.contains(&account))
        || shares_four(&secret_runs, &digit_runs(ctx.account))
    {
        return Err(BackupRule::ContainsAccount);
    }
    let code = without_spaces(&ctx.postal_code.to_lowercase());
    if !code.is_empty() && without_spaces(&lower).contains(&code) {
        return Err(BackupRule::ContainsPostalCode);
    }
    Ok(())
}

/// Canonical form that is hashed (so "Blue Harbor" and "blue  harbor " match): trimmed,
/// internal whitespace collapsed to one space, lowercased.
pub fn normalise_backup_secret(secret: &str) -> String {
    secret
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Lowercased words of the name with 3 or more letters.
fn name_words(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
}

/// Maximal runs of ASCII digits.
fn digit_runs(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty())
        .collect()
}

/// True when a 4-digit window of any run in `a` occurs in any run of `b`.
fn shares_four(a: &[&str], b: &[&str]) -> bool {
    a.iter().any(|ra| {
        ra.as_bytes()
            .windows(4)
            .any(|w| b.iter().any(|rb| rb.as_bytes().windows(4).any(|x| x == w)))
    })
}

fn without_spaces(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const CTX: BackupContext<'static> = BackupContext {
        name: "Mary-Jo O'Neil",
        phone: "+1 (555) 804-9371",
        account: "ACME-80917",
        postal_code: "SW1A 2AA",
    };

    fn check(s: &str) -> Result<(), BackupRule> {
        check_backup_secret(s, &CTX)
    }

    #[test]
    fn good_secrets_pass() {
        for s in [
            "Blue Harbor",
            "purple otter 42",
            "  tea at 3  ",
            "über größe",
            "Jo likes 1234 tacos",
        ] {
            assert_eq!(check(s), Ok(()), "{s}");
        }
    }

    #[test]
    fn length_edges() {
        assert_eq!(check("abcdefg"), Err(BackupRule::TooShort));
        assert_eq!(check("   abcdefg   "), Err(BackupRule::TooShort));
        assert_eq!(check(""), Err(BackupRule::TooShort));
        assert_eq!(check("abcdefgh"), Ok(()));
        assert_eq!(
            check("ééééééé"),
            Err(BackupRule::TooShort),
            "counts characters, not bytes"
        );
        assert_eq!(check(&"q".repeat(128)), Ok(()));
        assert_eq!(check(&"q".repeat(129)), Err(BackupRule::TooLong));
        assert_eq!(check(&format!("  {}  ", "q".repeat(128))), Ok(()));
    }

    #[test]
    fn control_and_bidi_characters() {
        for c in [
            '\u{0}', '\u{1b}', '\u{7f}', '\u{85}', '\u{202E}', '\u{2066}', '\u{200F}', '\u{061C}',
        ] {
            let s: String = ["blue", &c.to_string(), "harbor"].concat();
            assert_eq!(check(&s), Err(BackupRule::ControlChars), "{c:?}");
        }
        assert_eq!(check("blue\tharbor"), Err(BackupRule::ControlChars));
    }

    #[test]
    fn name_words() {
        assert_eq!(check("my name is MARY"), Err(BackupRule::ContainsName));
        assert_eq!(
            check("oneil forever"),
            Err(BackupRule::ContainsName),
            "O'Neil -> neil"
        );
        assert_eq!(
            check("harbor jo jo jo"),
            Ok(()),
            "'Jo' has fewer than 3 letters"
        );
        let ctx = BackupContext {
            name: "Ann Li",
            ..CTX
        };
        assert_eq!(
            check_backup_secret("banners fly", &ctx),
            Err(BackupRule::ContainsName)
        );
        assert_eq!(check_backup_secret("lion kings", &ctx), Ok(()));
    }

    #[test]
    fn phone_digits() {
        assert_eq!(check("tacos 8049 forever"), Err(BackupRule::ContainsPhone));
        assert_eq!(check("code 15558049371"), Err(BackupRule::ContainsPhone));
        assert_eq!(check("tacos 80 49 37 1"), Ok(()), "runs shorter than 4");
        assert_eq!(
            check("tacos 5804"),
            Err(BackupRule::ContainsPhone),
            "spans the separator"
        );
    }

    #[test]
    fn account() {
        assert_eq!(
            check("my acme-80917 thing"),
            Err(BackupRule::ContainsAccount)
        );
        assert_eq!(check("my number 80917"), Err(BackupRule::ContainsAccount));
        assert_eq!(check("oh 0917 yes"), Err(BackupRule::ContainsAccount));
        assert_eq!(check("acme widgets"), Ok(()));
    }

    #[test]
    fn postal_code() {
        assert_eq!(
            check("home sw1a2aa yes"),
            Err(BackupRule::ContainsPostalCode)
        );
        assert_eq!(
            check("home SW1A   2AA yes"),
            Err(BackupRule::ContainsPostalCode)
        );
        assert_eq!(check("home sw1a yes"), Ok(()));
    }

    #[test]
    fn empty_context_never_matches() {
        let ctx = BackupContext::default();
        assert_eq!(check_backup_secret("anything 1234 here", &ctx), Ok(()));
    }

    #[test]
    fn normalisation() {
        assert_eq!(normalise_backup_secret("Blue Harbor"), "blue harbor");
        assert_eq!(
            normalise_backup_secret("  blue \t\n harbor  "),
            "blue harbor"
        );
        assert_eq!(normalise_backup_secret("ÜBER Größe"), "über größe");
        assert_eq!(normalise_backup_secret("   "), "");
    }

    #[test]
    fn codes_and_messages() {
        let all = [
            (BackupRule::TooShort, "too-short"),
            (BackupRule::TooLong, "too-long"),
            (BackupRule::ControlChars, "control-chars"),
            (BackupRule::ContainsName, "contains-name"),
            (BackupRule::ContainsPhone, "contains-phone"),
            (BackupRule::ContainsAccount, "contains-account"),
            (BackupRule::ContainsPostalCode, "contains-postal-code"),
        ];
        for (rule, code) in all {
            assert_eq!(rule.code(), code);
            assert!(rule.to_string().starts_with("the backup secret"));
        }
    }

    proptest! {
        #[test]
        fn never_panics(s in any::<String>(), n in any::<String>()) {
            let ctx = BackupContext { name: &n, phone: &n, account: &n, postal_code: &n };
            let _ = check_backup_secret(&s, &ctx);
            let _ = normalise_backup_secret(&s);
        }

        #[test]
        fn accepted_is_printable(s in any::<String>()) {
            if check_backup_secret(&s, &CTX).is_ok() {
                prop_assert!(!s.trim().chars().any(|c| c.is_control() || is_bidi_control(c)));
                prop_assert!(normalise_backup_secret(&s).chars().count() <= MAX_CHARS);
            }
        }

        #[test]
        fn normalise_is_idempotent_and_space_blind(words in proptest::collection::vec("[A-Za-z]{1,6}", 1..5), gap in "[ \t]{1,3}") {
            let a = normalise_backup_secret(&words.join(" "));
            let b = normalise_backup_secret(&format!(" {} ", words.join(gap.as_str())));
            prop_assert_eq!(&a, &b);
            prop_assert_eq!(normalise_backup_secret(&a), a.clone());
        }

        #[test]
        fn errors_never_echo_the_secret(s in "[a-z]{8,20}") {
            if let Err(rule) = check_backup_secret(&s, &CTX) {
                prop_assert!(!rule.to_string().contains(&s));
            }
        }
    }
}
