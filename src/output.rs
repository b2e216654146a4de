//! Printing results: one JSON document on stdout with `--json`, readable text otherwise.
//! Errors go to stderr (as `{"error":{…}}` with `--json`). Only this module and `main` write to
//! stdout/stderr for results.
//!
//! A write to stdout that fails is never ignored and never panics: the first failure is kept
//! (see [`finish`]) and `main` turns it into the exit status. A closed pipe (`cpni … | head -1`)
//! ends the command quietly with exit 0, as ripgrep does; any other failure (a full disk,
//! `> /dev/full`) is an `output` error with exit code 8. Writes to stderr are best effort: there
//! is nowhere left to report their failure.

use std::io::{self, Write};
use std::sync::Mutex;

use serde_json::{Value, json};

use crate::error::Error;
use crate::ui::term::safe;

/// The first stdout write failure of this process, if any.
static FAILED: Mutex<Option<io::Error>> = Mutex::new(None);

/// Output settings from the global flags.
#[derive(Debug, Clone, Copy, Default)]
pub struct Out {
    pub json: bool,
    pub quiet: bool,
}

impl Out {
    /// Prints a result: the JSON document, or the text (unless `-q`).
    pub fn print(&self, json: &Value, text: &str) {
        if self.json {
            stdout_line(&json.to_string());
        } else if !self.quiet && !text.is_empty() {
            stdout_line(text.trim_end_matches('\n'));
        }
    }

    /// Prints JSON Lines (one document per line) or text.
    pub fn print_lines(&self, docs: &[Value], text: &str) {
        if self.json {
            let _ = write_stdout(|w| {
                for d in docs {
                    writeln!(w, "{d}")?;
                }
                Ok(())
            });
        } else if !self.quiet && !text.is_empty() {
            stdout_line(text.trim_end_matches('\n'));
        }
    }

    /// Writes `text` to stdout as it is, whatever the flags (an explicit `--format`, or the
    /// session id that `S=$(cpni session start A)` captures).
    pub fn raw(&self, text: &str) {
        let _ = write_stdout(|w| w.write_all(text.as_bytes()));
    }

    /// A progress or advice line for people, on stderr; silent with `--json` or `-q`.
    pub fn note(&self, text: &str) {
        if !self.json && !self.quiet {
            let _ = writeln!(io::stderr().lock(), "{text}");
        }
    }

    /// Reports an error on stderr.
    pub fn error(&self, e: &Error) {
        let mut stderr = io::stderr().lock();
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

fn stdout_line(text: &str) {
    let _ = write_stdout(|w| writeln!(w, "{text}"));
}

/// Runs `f` on locked stdout. Once a write has failed, later writes are skipped (a closed pipe
/// stays closed); the failure is kept for [`finish`] and also returned, as an [`Error`], so a
/// streaming command can stop early.
pub fn write_stdout(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> crate::error::Result<()> {
    let mut failed = FAILED.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(e) = failed.as_ref() {
        return Err(Error::output(io::Error::new(e.kind(), e.to_string())));
    }
    let mut stdout = io::stdout().lock();
    match f(&mut stdout) {
        Ok(()) => Ok(()),
        Err(e) => {
            let err = Error::output(io::Error::new(e.kind(), e.to_string()));
            *failed = Some(e);
            Err(err)
        }
    }
}

/// Flushes stdout and returns the first write failure of this process, as an [`Error`] whose
/// kind says whether the pipe was closed (exit 0, nothing printed) or the write failed.
pub fn finish() -> Option<Error> {
    let _ = write_stdout(|w| w.flush());
    let failed = FAILED.lock().unwrap_or_else(|p| p.into_inner());
    failed
        .as_ref()
        .map(|e| Error::output(io::Error::new(e.kind(), e.to_string())))
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
