//! Splits the gateway's command line (`SSH_ORIGINAL_COMMAND`) into words as a POSIX shell
//! removes quotes, and never more: no expansion, no second command (`;`, `$(…)`, backticks and
//! `&&` are plain characters). Understood: blanks between words, `\` escapes, `'…'`, `"…"`
//! (where `\` escapes only `$`, `` ` ``, `"`, `\` and a newline), a `#` starting a word begins
//! a comment, and bash's `$'…'` (ANSI-C quoting), which `printf '%q '` and zsh's `${(q)…}`
//! write for tabs, newlines and, in the C locale, every non-ASCII byte. This is what the client
//! function in the README produces (`cpni() { ssh -t cpni -- "$(printf '%q ' "$@")"; }`).

/// Why the line could not be split (the gateway refuses it, exit 2).
#[derive(Debug, PartialEq, Eq)]
pub struct SplitError(pub &'static str);

impl std::fmt::Display for SplitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// The words of `line`.
pub fn split(line: &str) -> Result<Vec<String>, SplitError> {
    let mut words = Vec::new();
    let mut word: Vec<u8> = Vec::new();
    // Whether a word has begun (`''` is an empty word, not none).
    let mut started = false;
    let mut it = line.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            ' ' | '\t' | '\n' => {
                if started {
                    words.push(utf8(std::mem::take(&mut word))?);
                    started = false;
                }
            }
            '#' if !started => {
                while it.peek().is_some_and(|&c| c != '\n') {
                    it.next();
                }
            }
            '\\' => match it.next() {
                Some('\n') => {}
                Some(e) => {
                    started = true;
                    push(&mut word, e);
                }
                None => {
                    started = true;
                    push(&mut word, '\\');
                }
            },
            '\'' => {
                started = true;
                loop {
                    match it.next() {
                        Some('\'') => break,
                        Some(c) => push(&mut word, c),
                        None => return Err(SplitError("a single quote (') is not closed")),
                    }
                }
            }
            '"' => {
                started = true;
                double_quoted(&mut it, &mut word)?;
            }
            '$' if it.peek() == Some(&'\'') => {
                it.next();
                started = true;
                ansi_c(&mut it, &mut word)?;
            }
            c => {
                started = true;
                push(&mut word, c);
            }
        }
    }
    if started {
        words.push(utf8(word)?);
    }
    Ok(words)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn push(word: &mut Vec<u8>, c: char) {
    let mut b = [0u8; 4];
    word.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
}

fn utf8(word: Vec<u8>) -> Result<String, SplitError> {
    String::from_utf8(word).map_err(|_| SplitError("a quoted word is not valid UTF-8"))
}

fn double_quoted(it: &mut Chars<'_>, word: &mut Vec<u8>) -> Result<(), SplitError> {
    loop {
        match it.next() {
            Some('"') => return Ok(()),
            Some('\\') => match it.peek().copied() {
                Some('\n') => {
                    it.next();
                }
                Some(e @ ('$' | '`' | '"' | '\\')) => {
                    it.next();
                    push(word, e);
                }
                _ => push(word, '\\'),
            },
            Some(c) => push(word, c),
            None => return Err(SplitError("a double quote (\") is not closed")),
        }
    }
}

/// The inside of `$'…'`, after the opening quote, as bash reads it. Escapes may make bytes
/// (`\303\251`), so the word is bytes until it ends.
fn ansi_c(it: &mut Chars<'_>, word: &mut Vec<u8>) -> Result<(), SplitError> {
    loop {
        let c = it.next().ok_or(SplitError("a $'…' quote is not closed"))?;
        match c {
            '\'' => return Ok(()),
            '\\' => {
                let e = it.next().ok_or(SplitError("a $'…' quote is not closed"))?;
                match e {
                    'a' => word.push(0x07),
                    'b' => word.push(0x08),
                    'e' | 'E' => word.push(0x1b),
                    'f' => word.push(0x0c),
                    'n' => word.push(b'\n'),
                    'r' => word.push(b'\r'),
                    't' => word.push(b'\t'),
                    'v' => word.push(0x0b),
                    '0'..='7' => {
                        let v = digits(it, e.to_digit(8).unwrap_or(0), 8, 2);
                        word.push((v & 0xff) as u8);
                    }
                    'x' => match it.peek().and_then(|c| c.to_digit(16)) {
                        Some(d) => {
                            it.next();
                            word.push(digits(it, d, 16, 1) as u8);
                        }
                        None => word.extend_from_slice(b"\\x"),
                    },
                    'u' | 'U' => {
                        let max = if e == 'u' { 4 } else { 8 };
                        match it.peek().and_then(|c| c.to_digit(16)) {
                            Some(d) => {
                                it.next();
                                let v = digits(it, d, 16, max - 1);
                                let ch = char::from_u32(v)
                                    .ok_or(SplitError("a \\u escape names no character"))?;
                                push(word, ch);
                            }
                            None => {
                                word.push(b'\\');
                                push(word, e);
                            }
                        }
                    }
                    'c' => {
                        let x = it.next().ok_or(SplitError("a $'…' quote is not closed"))?;
                        word.push((x as u32 & 0x1f) as u8);
                    }
                    '\\' | '\'' | '"' | '?' => push(word, e),
                    other => {
                        word.push(b'\\');
                        push(word, other);
                    }
                }
            }
            c => push(word, c),
        }
    }
}

/// Reads up to `more` further digits in `radix` after the first digit `first`.
fn digits(it: &mut Chars<'_>, first: u32, radix: u32, more: usize) -> u32 {
    let mut v = first;
    for _ in 0..more {
        match it.peek().and_then(|c| c.to_digit(radix)) {
            Some(d) => {
                it.next();
                v = v * radix + d;
            }
            None => break,
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::split;

    fn words(line: &str) -> Vec<String> {
        split(line).unwrap_or_else(|e| panic!("{line:?}: {e}"))
    }

    #[test]
    fn posix_quoting_as_shell_words_did() {
        assert_eq!(words("  a  b\tc\n"), ["a", "b", "c"]);
        assert_eq!(
            words(r#"a 'b c' "d \"e\" \$f \x" g\ h"#),
            ["a", "b c", r#"d "e" $f \x"#, "g h"]
        );
        assert_eq!(words("'' \"\" x"), ["", "", "x"]);
        assert_eq!(words("a#b # comment\nc"), ["a#b", "c"]);
        assert_eq!(words("a\\\nb"), ["ab"]);
        assert_eq!(
            words("agent list; id $(id) `id` &&"),
            ["agent", "list;", "id", "$(id)", "`id`", "&&"]
        );
        assert!(split("'open").is_err());
        assert!(split("\"open").is_err());
        assert!(split("$'open").is_err());
    }

    #[test]
    fn without_ansi_c_quotes_it_agrees_with_shell_words() {
        for line in [
            "agent list; id",
            "agent list '; id'",
            r#"a "b\"c" 'd\e' f\ g # h"#,
            "x\\ y \\",
            "a\\\nb  'c\nd'",
            "\"$x\" `y` \\$",
            "#only a comment",
            "",
        ] {
            assert_eq!(split(line).ok(), shell_words::split(line).ok(), "{line:?}");
        }
    }

    #[test]
    fn ansi_c_quotes_as_bash_writes_them() {
        assert_eq!(
            words(r"$'a\tb' $'l1\nl2' $'it\'s' $'\x41\101\u00e9\e'"),
            ["a\tb", "l1\nl2", "it's", "AAé\x1b"]
        );
        // `printf '%q'` in the C locale: José as its UTF-8 bytes in octal.
        assert_eq!(words(r"$'Jos\303\251'"), ["José"]);
        assert_eq!(words(r"x$'\n'y"), ["x\ny"]);
        // zsh's `${(q)@}`: one byte per $'…', joined into one word.
        assert_eq!(words(r"Jos$'\303'$'\251' a$'\t'b"), ["José", "a\tb"]);
        assert_eq!(words("$x $"), ["$x", "$"]);
        assert!(split(r"$'\377'").is_err(), "not UTF-8");
    }

    #[test]
    fn what_bash_printf_q_writes_splits_back_to_the_arguments() {
        // The README's client function, for arguments an agent types.
        let args = [
            "session",
            "takeover",
            "S-1",
            "--reason",
            "agent dropped the call; continuing",
            "customer's \"line\" $(id) `id` * ~x #1 & | < >",
            "",
            "tab\there",
            "new\nline",
            "José",
        ];
        for locale in ["C.UTF-8", "C"] {
            let out = std::process::Command::new("bash")
                .env("LC_ALL", locale)
                .arg("-c")
                .arg("printf '%q ' \"$@\"")
                .arg("bash")
                .args(args)
                .output()
                .expect("run bash (scripts/test.sh installs it)");
            let line = String::from_utf8(out.stdout).expect("printf %q output");
            assert_eq!(words(&line), args, "{locale}: {line}");
        }
    }
}
