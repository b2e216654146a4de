//! Terminal-safe text. Customer names, notes and imported fields are attacker-controlled: a
//! name can carry ANSI escapes that rewrite the agent's screen or bidi overrides that reorder
//! it. Everything untrusted passes through [`safe`] before it reaches a terminal.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` must not reach a terminal raw: C0/C1 controls, DEL, and bidi controls.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// A refused value quoted back in an error: [`safe`], and cut to its first 60 characters
/// (with the full length) so a huge field never floods the terminal.
pub fn excerpt(s: &str) -> String {
    const SHOWN: usize = 60;
    let n = s.chars().count();
    if n <= SHOWN {
        return format!("{:?}", safe(s));
    }
    let head: String = s.chars().take(SHOWN).collect();
    format!("{:?}… ({n} characters)", safe(&head))
}

/// Replaces each unsafe character with a visible `\u{…}` escape; other text is unchanged.
pub fn safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(safe("Ann Lee"), "Ann Lee");
        assert_eq!(safe("a\x1b[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(safe("x\u{202E}y"), "x\\u{202e}y");
        assert_eq!(safe("line\nbreak"), "line\\u{a}break");
    }
}
