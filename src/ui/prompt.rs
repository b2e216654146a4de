//! Prompts behind one interface, so the wizard can be driven by a test double and so no
//! prompt ever appears when stdin is not a terminal or `--no-input` is given. The wizard's
//! prompts (`menu`, `line`, `masked`) answer `None` for Escape (go back one step); a masked
//! secret is re-asked, without counting, until it has the shape of the secret asked for.

use std::io::{BufRead, IsTerminal};

use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, Password, Select};

use crate::error::{Error, Kind, Result};
use crate::ui::keys::{Line, Menu, Outcome, Raw};
use crate::ui::{hangup, wrap};

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
    /// A numbered menu chosen by Enter or the item's number; `None` for Escape.
    fn menu(&self, prompt: &str, items: &[String]) -> Result<Option<usize>>;
    /// [`Prompter::menu`] whose last item (End the call) is numbered 0.
    fn menu_end0(&self, prompt: &str, items: &[String]) -> Result<Option<usize>> {
        self.menu(prompt, items)
    }
    /// A visible line; `None` for Escape.
    fn line(&self, prompt: &str, allow_empty: bool) -> Result<Option<String>>;
    /// A secret drawn as dots with a count, re-asked until it fits `shape`; `None` for Escape.
    fn masked(&self, prompt: &str, shape: Shape) -> Result<Option<String>>;
}

/// What a typed secret must look like before it is checked (and can count as wrong).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A PIN: digits only, 4 to 15 of them.
    Pin,
    /// A one-time code: 6 (email) or 8 (letter) digits; spaces and dashes are ignored.
    Code,
    /// A passphrase: anything not blank.
    Passphrase,
}

impl Shape {
    /// The value to check, or the neutral words for why it cannot be one (nothing counted).
    pub fn check(self, typed: &str) -> std::result::Result<String, &'static str> {
        match self {
            Shape::Pin => {
                let t = typed.trim();
                let n = t.chars().count();
                let ok = t.chars().all(|c| c.is_ascii_digit())
                    && (crate::domain::pin::MIN_LEN_FLOOR..=crate::domain::pin::MAX_LEN)
                        .contains(&n);
                if ok {
                    Ok(t.to_string())
                } else {
                    Err(
                        "That cannot be a PIN, so it was not checked and did not count. Ask the caller to say it again.",
                    )
                }
            }
            Shape::Code => {
                let t: String = typed.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
                if t.chars().all(|c| c.is_ascii_digit()) && matches!(t.len(), 6 | 8) {
                    Ok(t)
                } else {
                    Err(
                        "That cannot be a code, so it was not checked and did not count. Ask the caller to read it again.",
                    )
                }
            }
            Shape::Passphrase => {
                if typed.trim().is_empty() {
                    Err(
                        "Nothing was typed, so nothing was checked or counted. Ask the caller again.",
                    )
                } else {
                    Ok(typed.to_string())
                }
            }
        }
    }
}

/// dialoguer on the terminal (drawn on stderr).
pub struct Terminal;

fn io(e: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(e) = e;
    if e.kind() == std::io::ErrorKind::Interrupted {
        return Error::new(Kind::Interrupted, "interrupted", "interrupted");
    }
    if hangup::is_gone(&e) {
        return hangup::error();
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
    fn menu(&self, prompt: &str, items: &[String]) -> Result<Option<usize>> {
        terminal_menu(prompt, items, false)
    }
    fn menu_end0(&self, prompt: &str, items: &[String]) -> Result<Option<usize>> {
        terminal_menu(prompt, items, true)
    }
    fn line(&self, prompt: &str, allow_empty: bool) -> Result<Option<String>> {
        loop {
            match terminal_line(prompt, false)? {
                Some(t) if t.trim().is_empty() && !allow_empty => {}
                other => return Ok(other),
            }
        }
    }
    fn masked(&self, prompt: &str, shape: Shape) -> Result<Option<String>> {
        loop {
            let Some(typed) = terminal_line(prompt, true)? else {
                return Ok(None);
            };
            match shape.check(&typed) {
                Ok(v) => return Ok(Some(v)),
                Err(why) => hangup::say(&wrap::wrap(&format!("  {why}"), wrap::width())),
            }
        }
    }
}

fn interrupted() -> Error {
    Error::new(Kind::Interrupted, "interrupted", "interrupted")
}

/// Reads keys in raw mode until `step` decides; `draw` redraws the prompt after each key.
/// A terminal that is gone (a failed read or write, end of file) is a hang-up.
fn drive<T, S>(
    state: &mut S,
    step: impl Fn(&mut S, &console::Key) -> Outcome<T>,
    draw: impl Fn(&console::Term, &S, bool) -> std::io::Result<()>,
) -> Result<Option<T>> {
    let term = console::Term::stderr();
    let _raw = Raw::enter().map_err(hangup::from_io)?;
    draw(&term, state, true).map_err(hangup::from_io)?;
    loop {
        let k = term.read_key_raw().map_err(hangup::from_io)?;
        match step(state, &k) {
            Outcome::Pending => draw(&term, state, false).map_err(hangup::from_io)?,
            Outcome::Done(v) => return Ok(Some(v)),
            Outcome::Back => return Ok(None),
            Outcome::Interrupt => return Err(interrupted()),
        }
    }
}

fn menu_lines(prompt: &str, items: &[String], m: &Menu) -> Vec<String> {
    let cursor = m.cursor;
    let w = wrap::width();
    let header = wrap::wrap(&format!("? {prompt}  (number or Enter; Esc goes back)"), w);
    let mut lines: Vec<String> = header.lines().map(str::to_string).collect();
    for (i, it) in items.iter().enumerate() {
        let mark = if i == cursor { "›" } else { " " };
        let text = wrap::wrap(&format!("{mark} {:>2}) {it}", m.number(i)), w);
        lines.extend(text.lines().map(|l| {
            if i == cursor {
                console::style(l).cyan().bold().to_string()
            } else {
                l.to_string()
            }
        }));
    }
    lines
}

fn terminal_menu(prompt: &str, items: &[String], zero_last: bool) -> Result<Option<usize>> {
    if items.is_empty() {
        return Ok(None);
    }
    let mut m = if zero_last {
        Menu::zero_last(items.len())
    } else {
        Menu::new(items.len())
    };
    let drawn = std::cell::Cell::new(0usize);
    let r = drive(&mut m, Menu::key, |t, m, _first| {
        t.clear_last_lines(drawn.get())?;
        let lines = menu_lines(prompt, items, m);
        drawn.set(lines.len());
        t.write_line(&lines.join("\r\n"))
    });
    let term = console::Term::stderr();
    let _ = term.clear_last_lines(drawn.get());
    match &r {
        Ok(Some(i)) => {
            let chosen = format!("✔ {prompt} · {}", items[*i]);
            let _ = term.write_line(&wrap::wrap(&chosen, wrap::width()));
        }
        Ok(None) => {
            let _ = term.write_line(&format!("← {prompt} · back"));
        }
        Err(_) => {}
    }
    r
}

/// `head` then as much of the end of `text` as fits on one line of `width` columns, so a
/// long answer never wraps (a wrapped line could not be redrawn in place).
pub fn fit(head: &str, text: &str, width: usize) -> String {
    let room = width
        .saturating_sub(console::measure_text_width(head) + 2)
        .max(8);
    let n = text.chars().count();
    if console::measure_text_width(text) <= room {
        return format!("{head}{text}");
    }
    let tail: String = text.chars().skip(n.saturating_sub(room - 1)).collect();
    format!("{head}…{tail}")
}

fn terminal_line(prompt: &str, masked: bool) -> Result<Option<String>> {
    let mut l = Line::default();
    let r = drive(&mut l, Line::key, |t, l, _| {
        t.clear_line()?;
        let shown = if masked {
            l.masked()
        } else {
            crate::ui::term::safe(&l.text).into_owned()
        };
        t.write_str(&fit(&format!("? {prompt}: "), &shown, wrap::width()))
    });
    let _ = console::Term::stderr().write_line("");
    r
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
            format!("the {what} on stdin is empty: expected one line holding it"),
        )
        .hint(format!(
            "pipe the {what} in, e.g. `printf '%s\\n' \"$VALUE\" | cpni …`"
        )));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::Shape;

    #[test]
    fn a_long_answer_is_shown_by_its_end_on_one_line() {
        let long = "x".repeat(200) + "END";
        let shown = super::fit("? Note (optional): ", &long, 80);
        assert!(console::measure_text_width(&shown) < 80, "{shown}");
        assert!(shown.ends_with("END") && shown.contains('…'));
        assert_eq!(super::fit("? Note: ", "short", 80), "? Note: short");
    }

    #[test]
    fn shapes_refuse_what_cannot_be_a_secret_without_hinting() {
        for bad in [
            "",
            "   ",
            "abc",
            "41O233",
            "12",
            "1234567890123456",
            "80 4713",
        ] {
            let why = Shape::Pin.check(bad).unwrap_err();
            assert!(!why.chars().any(|c| c.is_ascii_digit()), "{why}");
        }
        assert_eq!(Shape::Pin.check("804713").unwrap(), "804713");
        assert_eq!(Shape::Code.check("123 456").unwrap(), "123456");
        assert_eq!(Shape::Code.check("1234-5678").unwrap(), "12345678");
        for bad in ["", "12345", "1234567", "12a456", "123456789"] {
            assert!(Shape::Code.check(bad).is_err(), "{bad}");
        }
        assert!(Shape::Passphrase.check("  ").is_err());
        assert_eq!(Shape::Passphrase.check("blue horse").unwrap(), "blue horse");
    }
}

/// A scripted [`Prompter`] for in-process tests: answers in order, and the prompts it saw.
#[cfg(test)]
pub mod script {
    use std::cell::RefCell;
    use std::collections::VecDeque;

    use super::{Prompter, Shape};
    use crate::error::{Error, Kind, Result};

    /// One scripted answer. `None` is Escape.
    #[derive(Debug, Clone)]
    pub enum A {
        Menu(Option<usize>),
        Line(Option<&'static str>),
        CtrlC,
    }

    #[derive(Default)]
    pub struct Scripted {
        pub answers: RefCell<VecDeque<A>>,
        /// (prompt, items) of every question asked.
        pub asked: RefCell<Vec<(String, Vec<String>)>>,
    }

    impl Scripted {
        pub fn new(a: &[A]) -> Scripted {
            Scripted {
                answers: RefCell::new(a.iter().cloned().collect()),
                asked: RefCell::default(),
            }
        }
        fn next(&self, prompt: &str, items: &[String]) -> Result<A> {
            self.asked
                .borrow_mut()
                .push((prompt.to_string(), items.to_vec()));
            match self.answers.borrow_mut().pop_front() {
                Some(A::CtrlC) => Err(Error::new(Kind::Interrupted, "interrupted", "interrupted")),
                Some(a) => Ok(a),
                None => panic!("no scripted answer for {prompt:?}"),
            }
        }
    }

    impl Prompter for Scripted {
        fn secret(&self, prompt: &str) -> Result<String> {
            Ok(self.masked(prompt, Shape::Passphrase)?.unwrap_or_default())
        }
        fn text(&self, prompt: &str, allow_empty: bool) -> Result<String> {
            Ok(self.line(prompt, allow_empty)?.unwrap_or_default())
        }
        fn select(&self, prompt: &str, items: &[String], _default: usize) -> Result<usize> {
            Ok(self.menu(prompt, items)?.unwrap_or(0))
        }
        fn confirm(&self, prompt: &str, _default: bool) -> Result<bool> {
            Ok(self.menu(prompt, &[])? == Some(0))
        }
        fn menu(&self, prompt: &str, items: &[String]) -> Result<Option<usize>> {
            match self.next(prompt, items)? {
                A::Menu(i) => Ok(i),
                other => panic!("{prompt:?} is a menu, scripted {other:?}"),
            }
        }
        fn line(&self, prompt: &str, _allow_empty: bool) -> Result<Option<String>> {
            match self.next(prompt, &[])? {
                A::Line(t) => Ok(t.map(str::to_string)),
                other => panic!("{prompt:?} is a line, scripted {other:?}"),
            }
        }
        fn masked(&self, prompt: &str, shape: Shape) -> Result<Option<String>> {
            loop {
                let Some(t) = self.line(prompt, false)? else {
                    return Ok(None);
                };
                if let Ok(v) = shape.check(&t) {
                    return Ok(Some(v));
                }
            }
        }
    }
}
