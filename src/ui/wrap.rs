//! Word wrapping for the wizard's text: every line fits the terminal (80 or 120 columns and
//! anything else), words are never broken unless one is longer than a line, and continuation
//! lines keep the first line's indentation.

use console::measure_text_width;

/// The width to wrap to: the terminal's, at most 120, at least 40.
pub fn width() -> usize {
    let (_, cols) = console::Term::stderr().size();
    (cols as usize).clamp(40, 120)
}

/// Wraps each line of `text` to `width` columns.
pub fn wrap(text: &str, width: usize) -> String {
    text.split('\n')
        .map(|l| wrap_line(l, width))
        .collect::<Vec<_>>()
        .join("\n")
}

fn wrap_line(line: &str, width: usize) -> String {
    if measure_text_width(line) <= width {
        return line.to_string();
    }
    let indent: String = line.chars().take_while(|c| *c == ' ').collect();
    let cont = format!("{indent}  ");
    let mut out: Vec<String> = Vec::new();
    let mut cur = indent.clone();
    let mut empty = true;
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        if !empty && measure_text_width(&cur) + 1 + measure_text_width(word) > width {
            out.push(std::mem::replace(&mut cur, cont.clone()));
            empty = true;
        }
        if !empty {
            cur.push(' ');
        }
        cur.push_str(word);
        empty = false;
    }
    out.push(cur);
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_word_boundaries_within_the_width() {
        let text = "Say: \"I've sent a one-time code to the email address on the account. Please read it to me when it arrives.\"";
        for w in [40, 80, 120] {
            let out = wrap(text, w);
            assert!(out.lines().all(|l| measure_text_width(l) <= w), "{out}");
            let words: Vec<&str> = out.split_whitespace().collect();
            assert_eq!(words, text.split_whitespace().collect::<Vec<_>>());
        }
        assert_eq!(wrap("short", 80), "short");
        assert!(wrap(&"x ".repeat(100), 80).lines().count() >= 3);
    }

    #[test]
    fn continuation_lines_keep_the_indent() {
        let out = wrap(&format!("  {}", "word ".repeat(30)), 40);
        assert!(out.lines().skip(1).all(|l| l.starts_with("    ")), "{out}");
    }
}
