//! Message composition: pure functions from facts to subject and body. No I/O, no clock.
//!
//! Rules: plain text; a subject never carries CPNI or a secret; a body carries no secret other
//! than the one-time code it exists to deliver.

/// A composed message, before addressing and delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub body: String,
}

/// The emailed one-time code.
pub fn email_code(code: &str, minutes: i64) -> Composed {
    Composed {
        subject: "Your verification code".into(),
        body: format!(
            "Hello,\n\n\
             Your one-time verification code is: {code}\n\n\
             Read it to the agent on your call. It works once and expires in {minutes} minutes.\n\n\
             If you are not on a call with us right now, do not share this code with anyone: \
             someone may be trying to reach your account. Call the number on your bill.\n"
        ),
    }
}

/// The mailed one-time code (a letter to the postal address of record).
pub fn mail_code(name: &str, address_label: &str, code: &str, expires_on: &str) -> Composed {
    Composed {
        subject: "Your verification code".into(),
        body: format!(
            "{name}\n{address_label}\n\n\
             Dear customer,\n\n\
             You asked us to verify your identity by mail. Your one-time verification code is:\n\n\
             \x20   {code}\n\n\
             Call us and read this code to the agent. It works once, until {expires_on}.\n\n\
             If you did not ask for this letter, call the number on your bill: someone may be \
             trying to reach your account.\n"
        ),
    }
}

/// Requested account information sent to an address of record.
pub fn disclosure(scope_label: &str, note: Option<&str>, attachment: Option<&str>) -> Composed {
    let mut body =
        format!("Hello,\n\nAs you requested on your call with us, here is your {scope_label}.\n");
    if let Some(n) = note {
        body.push_str(&format!("\n{n}\n"));
    }
    if let Some(a) = attachment {
        body.push_str(&format!("\nEnclosed: {a}\n"));
    }
    body.push_str(
        "\nIf you did not ask for this, call the number on your bill: someone may be trying to \
         reach your account.\n",
    );
    Composed {
        subject: "The information you requested".into(),
        body,
    }
}

/// What changed, in words for a notice. Never the new value.
pub fn change_label(change: &str) -> &'static str {
    match change {
        "pin" => "the PIN on your account",
        "backup" => "the backup passphrase on your account",
        "email" => "the email address on your account",
        "address" => "the postal address on your account",
        "phone" => "the telephone number on your account",
        _ => "your account's security details",
    }
}

/// The account-change notice of 64.2010(f): what changed and when, never the new value, sent
/// to the contacts of record as they were before the change.
pub fn change_notice(change: &str, date: &str) -> Composed {
    let what = change_label(change);
    Composed {
        subject: "A change to your account".into(),
        body: format!(
            "Hello,\n\n\
             On {date}, {what} was changed.\n\n\
             If you made this change, you need do nothing. If you did not, call us at once on \
             the number on your bill: someone may be trying to take over your account.\n\n\
             For your security this notice goes to your contact details as they were before \
             the change, and it does not show the new details.\n"
        ),
    }
}

/// The notice of a lost-PIN reset to the other contacts of record: a reset was requested.
pub fn reset_notice(date: &str) -> Composed {
    Composed {
        subject: "A PIN reset was requested on your account".into(),
        body: format!(
            "Hello,\n\n\
             On {date}, a reset of the PIN on your account was requested, and a temporary PIN \
             was sent to another contact of record. Your current PIN keeps working until the \
             temporary PIN is used to choose a new one.\n\n\
             If you did not ask for this, call us at once on the number on your bill: someone \
             may be trying to take over your account.\n"
        ),
    }
}

/// The short text of a reset notice for the telephone of record.
pub fn reset_notice_sms(date: &str) -> String {
    format!(
        "Notice: a PIN reset was requested on your account on {date}. If this was not you, call the number on your bill now."
    )
}

/// The short text for the telephone number of record (SMS or voicemail gateway).
pub fn change_notice_sms(change: &str, date: &str) -> String {
    format!(
        "Notice: {} was changed on {date}. If this was not you, call the number on your bill now.",
        change_label(change)
    )
}

/// The temporary PIN after a lost-PIN reset (64.2010(e)), sent only to an address of record.
pub fn temporary_pin(pin: &str, expires_on: &str) -> Composed {
    Composed {
        subject: "Your temporary PIN".into(),
        body: format!(
            "Hello,\n\n\
             You asked us to reset the PIN on your account. Your temporary PIN is:\n\n\
             \x20   {pin}\n\n\
             Call us and give this PIN when asked; you will then choose a new PIN at once. \
             The temporary PIN works only for that, and only until {expires_on}; after that, \
             ask us for a new one.\n\n\
             If you did not ask for this, call the number on your bill: someone may be trying \
             to reach your account.\n"
        ),
    }
}

/// The opt-out notice of 64.2008: the customer's right to restrict use of their CPNI, what it
/// is, who uses it and why, how to deny or withdraw approval at any time, that a denial does not
/// affect service, and when approval by opt-out takes effect. `wait_days` is 30 for email and
/// 33 for mail (counted from the day it is sent).
pub fn opt_out_notice(wait_days: i64) -> Composed {
    Composed {
        subject: "Your choices about your account information".into(),
        body: format!(
            "Hello,\n\n\
             Federal law (47 U.S.C. 222) protects your Customer Proprietary Network Information \
             (CPNI) and gives you the right to restrict how we use it. We must protect its \
             confidentiality.\n\n\
             What CPNI is: information about the telephone services you buy from us and how you \
             use them - the type, quantity, technical configuration, destination, location and \
             amount of use of your services, and the information on your bill. It does not \
             include your name, address or telephone number.\n\n\
             How we would use it: to offer you communications-related services of ours, and \
             through our agents and affiliates that provide such services, only for that \
             purpose. We do not share it with anyone else for marketing without your express \
             permission (opt-in).\n\n\
             Your right to say no: you may deny or withdraw approval at any time, now or later, \
             by calling the number on your bill and telling us that you do not want your CPNI \
             used for marketing, or by writing to the address on your bill. It costs nothing.\n\n\
             Denying approval will not affect the services you receive from us. Your choice \
             stays in effect until you change it.\n\n\
             If you do not tell us otherwise within {wait_days} days of this notice, we will \
             take it that you approve the use described above (opt-out approval).\n"
        ),
    }
}

/// A letter addressed to a postal address: the address block, then the body.
pub fn letter(name: &str, address_label: &str, body: &str) -> String {
    if body.starts_with(name) {
        return body.to_string();
    }
    format!("{name}\n{address_label}\n\n{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_carry_no_secret_or_cpni() {
        let m = email_code("482913", 10);
        assert!(!m.subject.contains("482913"));
        assert!(m.body.contains("482913"));
        let d = disclosure("call detail", Some("calls of 2026-03-01"), None);
        assert!(!d.subject.contains("call"));
        let l = mail_code("Ada Lovelace", "12 Way\nTown", "12345678", "2026-12-23");
        assert!(l.body.starts_with("Ada Lovelace\n12 Way"));
        assert!(!l.subject.contains("12345678"));
    }

    #[test]
    fn notices_name_the_change_but_no_value() {
        let n = change_notice("email", "2026-11-23");
        assert!(n.body.contains("email address"));
        assert!(n.body.contains("2026-11-23"));
        assert!(!n.body.contains('@'));
        assert!(change_notice_sms("pin", "2026-11-23").len() < 160);
    }

    #[test]
    fn opt_out_notice_says_what_64_2008_asks() {
        let n = opt_out_notice(33);
        for needle in [
            "right to restrict",
            "deny or withdraw approval at any time",
            "will not affect the services",
            "within 33 days",
        ] {
            assert!(n.body.contains(needle), "{needle}");
        }
    }
}
