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
}
