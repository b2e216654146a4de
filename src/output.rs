//! Printing results: one JSON document on stdout with `--json`, readable text otherwise.
//! Errors go to stderr (as `{"error":{…}}` with `--json`). Only this module and `main` write to
//! stdout/stderr for results.

use std::io::Write;

use serde_json::{Value, json};

use crate::error::Error;
use crate::ui::term::safe;

/// Output settings from the global flags.
#[derive(Debug, Clone, Copy, Default)]
pub struct Out {
    pub json: bool,
    pub quiet: bool,
}

impl Out {
    /// Prints a result: the JSON document, or the text (unless `-q`).
    pub fn print(&self, json: &Value, text: &str) {
        let mut stdout = std::io::stdout().lock();
        if self.json {
            let _ = writeln!(stdout, "{json}");
        } else if !self.quiet && !text.is_empty() {
            let _ = writeln!(stdout, "{}", text.trim_end_matches('\n'));
        }
    }

    /// Prints JSON Lines (one document per line) or text.
    pub fn print_lines(&self, docs: &[Value], text: &str) {
        let mut stdout = std::io::stdout().lock();
        if self.json {
            for d in docs {
                let _ = writeln!(stdout, "{d}");
            }
        } else if !self.quiet && !text.is_empty() {
            let _ = writeln!(stdout, "{}", text.trim_end_matches('\n'));
        }
    }

    /// A progress or advice line for people, on stderr; silent with `--json` or `-q`.
    pub fn note(&self, text: &str) {
        if !self.json && !self.quiet {
            eprintln!("{text}");
        }
    }

    /// Reports an error on stderr.
    pub fn error(&self, e: &Error) {
        let mut stderr = std::io::stderr().lock();
        if self.json {
            let doc = json!({"error": {"code": e.code, "message": e.message, "hint": e.hint}});
            let _ = writeln!(stderr, "{doc}");
        } else {
            let _ = writeln!(stderr, "cpni: {}", safe_lines(&e.message));
            if let Some(h) = &e.hint {
                let _ = writeln!(stderr, "hint: {}", safe_lines(h));
            }
        }
    }
}

/// [`safe`] for each line: a message's own line breaks (the rows of an import report) stay line
/// breaks; every other control character is still escaped.
fn safe_lines(text: &str) -> String {
    text.split('\n').map(safe).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::safe_lines;

    #[test]
    fn keeps_line_breaks_and_escapes_the_rest() {
        assert_eq!(
            safe_lines("bad rows:\n  line 3: x\x1b[2J"),
            "bad rows:\n  line 3: x\\u{1b}[2J"
        );
        assert_eq!(safe_lines("a\rb"), "a\\u{d}b");
    }
}
