//! Key-by-key prompts for the wizard: a menu chosen only by Enter or its number, a line of
//! text, and a masked secret that shows how many characters were typed. Each is a pure state
//! machine over keys (tested in-process) plus a small driver that holds the terminal in raw
//! mode for the whole prompt, so nothing typed is ever echoed and type-ahead (a pasted second
//! line, stray keys) is discarded before the prompt is drawn.

use console::Key;

/// What a key did to a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<T> {
    /// Keep reading keys.
    Pending,
    Done(T),
    /// Escape: go back one step.
    Back,
    /// Ctrl-C.
    Interrupt,
}

/// A menu of `n` numbered items. Arrows move, Enter chooses the highlighted item, a digit
/// chooses its item (at once when no longer number starts with it). Other keys do nothing.
/// With `zero_last`, the last item (End the call) is numbered 0 and the others 1, 2, …
#[derive(Debug, Clone)]
pub struct Menu {
    pub n: usize,
    pub cursor: usize,
    pub zero_last: bool,
    typed: String,
}

impl Menu {
    pub fn new(n: usize) -> Menu {
        Menu {
            n,
            cursor: 0,
            zero_last: false,
            typed: String::new(),
        }
    }

    pub fn zero_last(n: usize) -> Menu {
        Menu {
            zero_last: n > 1,
            ..Menu::new(n)
        }
    }

    /// The number shown for item `i`.
    pub fn number(&self, i: usize) -> usize {
        if self.zero_last && i + 1 == self.n {
            0
        } else {
            i + 1
        }
    }

    /// The highest number typed to choose an item.
    fn max(&self) -> usize {
        if self.zero_last { self.n - 1 } else { self.n }
    }

    pub fn key(&mut self, k: &Key) -> Outcome<usize> {
        match k {
            Key::ArrowDown => {
                self.typed.clear();
                self.cursor = (self.cursor + 1) % self.n;
            }
            Key::ArrowUp => {
                self.typed.clear();
                self.cursor = (self.cursor + self.n - 1) % self.n;
            }
            Key::Enter => return Outcome::Done(self.cursor),
            Key::Escape => return Outcome::Back,
            Key::CtrlC => return Outcome::Interrupt,
            Key::Char(d) if d.is_ascii_digit() => return self.digit(*d),
            _ => {}
        }
        Outcome::Pending
    }

    fn digit(&mut self, d: char) -> Outcome<usize> {
        let max = self.max();
        self.typed.push(d);
        let mut v: usize = self.typed.parse().unwrap_or(0);
        if v == 0 || v > max {
            if d == '0' && self.zero_last && self.typed == "0" {
                self.typed.clear();
                return Outcome::Done(self.n - 1);
            }
            self.typed = d.to_string();
            v = self.typed.parse().unwrap_or(0);
            if v == 0 || v > max {
                self.typed.clear();
                return Outcome::Pending;
            }
        }
        self.cursor = v - 1;
        if v * 10 > max {
            self.typed.clear();
            return Outcome::Done(v - 1);
        }
        Outcome::Pending
    }
}

/// A line of visible text (or a secret, drawn masked). Escape goes back; Ctrl-C interrupts.
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub text: String,
}

impl Line {
    pub fn key(&mut self, k: &Key) -> Outcome<String> {
        match k {
            Key::Enter => return Outcome::Done(self.text.clone()),
            Key::Escape => return Outcome::Back,
            Key::CtrlC => return Outcome::Interrupt,
            Key::Backspace => {
                self.text.pop();
            }
            Key::Char(c) if !crate::ui::term::is_unsafe(*c) => self.text.push(*c),
            _ => {}
        }
        Outcome::Pending
    }

    /// How the text is drawn when it is a secret: one dot per character, and the count.
    pub fn masked(&self) -> String {
        let n = self.text.chars().count();
        if n == 0 {
            return String::new();
        }
        format!("{} ({n})", "•".repeat(n))
    }
}

/// The terminal held in raw mode (no echo, no signals, no line editing) until dropped.
pub struct Raw {
    saved: libc::termios,
}

impl Raw {
    /// Enters raw mode, discarding input that arrived before the prompt (TCSAFLUSH).
    pub fn enter() -> std::io::Result<Raw> {
        // SAFETY: tcgetattr fills the struct on success; we use it only then.
        unsafe {
            let mut saved: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(0, &mut saved) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            let mut raw = saved;
            libc::cfmakeraw(&mut raw);
            raw.c_oflag = saved.c_oflag;
            if libc::tcsetattr(0, libc::TCSAFLUSH, &raw) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(Raw { saved })
        }
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        // SAFETY: restores the attributes read in `enter` on the same descriptor.
        unsafe { libc::tcsetattr(0, libc::TCSADRAIN, &self.saved) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_menu(n: usize, keys: &[Key]) -> Outcome<usize> {
        let mut m = Menu::new(n);
        for k in keys {
            let o = m.key(k);
            if o != Outcome::Pending {
                return o;
            }
        }
        Outcome::Pending
    }

    #[test]
    fn only_enter_or_a_number_chooses() {
        let stray = [
            Key::Char(' '),
            Key::Char('q'),
            Key::Char('y'),
            Key::Tab,
            Key::Char('\n'),
        ];
        assert_eq!(run_menu(4, &stray), Outcome::Pending);
        assert_eq!(run_menu(4, &[Key::Char('3')]), Outcome::Done(2));
        assert_eq!(run_menu(4, &[Key::ArrowDown, Key::Enter]), Outcome::Done(1));
        assert_eq!(run_menu(4, &[Key::ArrowUp, Key::Enter]), Outcome::Done(3));
        assert_eq!(
            run_menu(4, &[Key::Char('9'), Key::Char('0')]),
            Outcome::Pending
        );
        assert_eq!(run_menu(4, &[Key::Escape]), Outcome::Back);
        assert_eq!(run_menu(4, &[Key::CtrlC]), Outcome::Interrupt);
    }

    #[test]
    fn with_zero_last_the_end_is_0_and_nine_routes_stay_one_key() {
        let run = |n: usize, keys: &[Key]| {
            let mut m = Menu::zero_last(n);
            for k in keys {
                let o = m.key(k);
                if o != Outcome::Pending {
                    return o;
                }
            }
            Outcome::Pending
        };
        assert_eq!(run(10, &[Key::Char('0')]), Outcome::Done(9));
        assert_eq!(run(10, &[Key::Char('1')]), Outcome::Done(0));
        assert_eq!(run(10, &[Key::Char('9')]), Outcome::Done(8));
        assert_eq!(run(3, &[Key::Char('3')]), Outcome::Pending);
        assert_eq!(run(12, &[Key::Char('1'), Key::Char('0')]), Outcome::Done(9));
        assert_eq!(Menu::zero_last(4).number(3), 0);
        assert_eq!(Menu::zero_last(4).number(0), 1);
    }

    #[test]
    fn two_digit_numbers_wait_for_the_second_digit() {
        assert_eq!(run_menu(12, &[Key::Char('1')]), Outcome::Pending);
        assert_eq!(
            run_menu(12, &[Key::Char('1'), Key::Char('2')]),
            Outcome::Done(11)
        );
        assert_eq!(
            run_menu(12, &[Key::Char('1'), Key::Enter]),
            Outcome::Done(0)
        );
        assert_eq!(run_menu(12, &[Key::Char('7')]), Outcome::Done(6));
    }

    #[test]
    fn a_line_edits_and_masks() {
        let mut l = Line::default();
        for c in "80471x".chars() {
            assert_eq!(l.key(&Key::Char(c)), Outcome::Pending);
        }
        l.key(&Key::Backspace);
        assert_eq!(l.masked(), "••••• (5)");
        assert!(!l.masked().contains('8'));
        assert_eq!(l.key(&Key::Char('\u{1b}')), Outcome::Pending);
        assert_eq!(l.key(&Key::Enter), Outcome::Done("80471".into()));
        assert_eq!(l.key(&Key::Escape), Outcome::Back);
    }
}
