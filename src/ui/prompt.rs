//! Prompts behind one interface, so the wizard can be driven by a test double and so no
//! prompt ever appears when stdin is not a terminal or `--no-input` is given.

use std::io::{BufRead, IsTerminal};

use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, Password, Select};

use crate::error::{Error, Kind, Result};

/// The questions the wizard and commands may ask.
pub trait Prompter {
    /// A hidden answer (a PIN, a code). Never echoed.
    fn secret(&self, prompt: &str) -> Result<String>;
    /// A visible line of text.
    fn text(&self, prompt: &str, allow_empty: bool) -> Result<String>;
    /// One of `items`; returns its index.
    fn select(&self, prompt: &str, items: &[String], default: usize) -> Result<usize>;
    /// Yes or no.
    fn confirm(&self, prompt: &str, default: bool) -> Result<bool>;
}

/// dialoguer on the terminal (drawn on stderr).
pub struct Terminal;

fn io(e: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(e) = e;
    if e.kind() == std::io::ErrorKind::Interrupted {
        return Error::new(Kind::Interrupted, "interrupted", "interrupted");
    }
    Error::usage("no-terminal", format!("cannot prompt: {e}"))
        .hint("run the `cpni session …` subcommands with --pin-stdin / --code-stdin instead")
}

impl Prompter for Terminal {
    fn secret(&self, prompt: &str) -> Result<String> {
        Password::with_theme(&ColorfulTheme::default())
            .with_prompt(prompt)
            .allow_empty_password(true)
            .interact()
            .map_err(io)
    }
    fn text(&self, prompt: &str, allow_empty: bool) -> Result<String> {
        Input::<String>::with_theme(&ColorfulTheme::default())
            .with_prompt(prompt)
            .allow_empty(allow_empty)
            .interact_text()
            .map_err(io)
    }
    fn select(&self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        Select::with_theme(&ColorfulTheme::default())
            .with_prompt(prompt)
            .items(items)
            .default(default)
            .interact()
            .map_err(io)
    }
    fn confirm(&self, prompt: &str, default: bool) -> Result<bool> {
        Confirm::with_theme(&ColorfulTheme::default())
            .with_prompt(prompt)
            .default(default)
            .interact()
            .map_err(io)
    }
}

/// Whether prompting is possible: stdin and stderr are terminals and `--no-input` is absent.
pub fn interactive(no_input: bool) -> bool {
    !no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Reads one secret line from stdin (for `--pin-stdin` and friends). The line ending is
/// dropped; nothing else is trimmed away except surrounding spaces.
pub fn secret_from_stdin(what: &str) -> Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let value = line.trim().to_string();
    if value.is_empty() {
        return Err(Error::usage(
            "empty-secret",
            format!("no {what} on stdin: expected one line"),
        )
        .hint(format!(
            "pipe the {what} in, e.g. `printf '%s\\n' \"$VALUE\" | cpni …`"
        )));
    }
    Ok(value)
}
