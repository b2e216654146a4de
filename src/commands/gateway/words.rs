//! What an agent may ask the gateway to run: the command line in `SSH_ORIGINAL_COMMAND`, split
//! into words as a POSIX shell would quote them (`split.rs`: quote removal only, never any
//! expansion, so `;`, `$(…)` and backticks are plain characters), then parsed by the same clap
//! definition as locally. Refused (exit 2): the commands that make no sense remotely, and any
//! option or argument that names a file on the server (`--db`, `--config`, `--output`,
//! `--attach`, import files…): exports and reports stream to the client instead.

use std::any::TypeId;
use std::path::PathBuf;

use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches};

use crate::cli::Cli;
use crate::error::{Error, Result};

/// Top-level commands the gateway never runs.
pub const REFUSED: &[&str] = &["init", "demo", "gateway"];

/// Path arguments that accept `-` (stdin) through the gateway.
const STDIN_OK: &[&str] = &["ssh_key_file"];

/// What the command line asks for.
pub enum Request {
    /// `--help`, `--version` or a clap usage text to print as is, with its exit code.
    Print(String, u8),
    Run(Box<Cli>),
}

/// Whether the client asked for JSON (so that even a refusal of the line is JSON).
pub fn wants_json(line: &str) -> bool {
    super::split::split(line)
        .is_ok_and(|w| w.iter().take_while(|a| *a != "--").any(|a| a == "--json"))
}

/// Splits and checks `line`.
pub fn parse(line: &str) -> Result<Request> {
    let words = super::split::split(line).map_err(|e| {
        Error::usage(
            "gateway-quoting",
            format!("cannot split the command line: {e}"),
        )
        .hint("balance the quotes in the command you pass to ssh, or quote each argument with the client function in the README (`printf '%q '`)")
    })?;
    let argv = std::iter::once("cpni".to_string()).chain(words);
    // One command for the parse and the check: the subcommands' arguments are deferred
    // (`#[command(defer = true)]`) until the parse builds the commands on the matched path, in
    // place, and that path is all `check` walks. (A fresh `Cli::command()` would have none of
    // its subcommands' arguments, and every server path would pass unseen.)
    let mut cmd = Cli::command();
    let matches = match cmd.try_get_matches_from_mut(argv) {
        Ok(m) => m,
        Err(e) => return clap_refusal(e),
    };
    check(&cmd, &matches, 0)?;
    let cli = Cli::from_arg_matches(&matches)
        .map_err(|e| Error::usage("usage", e.to_string().trim().to_string()))?;
    Ok(Request::Run(Box::new(cli)))
}

fn clap_refusal(e: clap::Error) -> Result<Request> {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        return Ok(Request::Print(e.render().to_string(), 0));
    }
    let text = e.render().to_string();
    let what = text.split("\n\n").next().unwrap_or_default();
    let what = what.trim_start_matches("error: ");
    Err(Error::usage(
        "usage",
        what.split_whitespace().collect::<Vec<_>>().join(" "),
    )
    .hint("see `ssh HOST --help` (or `ssh HOST COMMAND --help`)"))
}

/// Refuses a remote-only-nonsense command or a server path, at this level and below.
fn check(cmd: &clap::Command, m: &ArgMatches, depth: usize) -> Result<()> {
    for arg in cmd.get_arguments() {
        let id = arg.get_id().as_str();
        let given = matches!(
            m.value_source(id),
            Some(ValueSource::CommandLine | ValueSource::EnvVariable)
        );
        if !given || arg.get_value_parser().type_id() != TypeId::of::<PathBuf>() {
            continue;
        }
        let stdin =
            STDIN_OK.contains(&id) && m.get_raw(id).is_some_and(|mut v| v.all(|x| x == "-"));
        if !stdin {
            return Err(path_refused(arg));
        }
    }
    if let Some((name, sub_m)) = m.subcommand() {
        if depth == 0 && REFUSED.contains(&name) {
            return Err(Error::usage(
                "gateway-command",
                format!("`cpni {name}` is not available through the gateway"),
            )
            .hint("an administrator runs it as the service account on the server"));
        }
        if let Some(sub) = cmd.find_subcommand(name) {
            check(sub, sub_m, depth + 1)?;
        }
    }
    Ok(())
}

fn path_refused(arg: &clap::Arg) -> Error {
    let name = match arg.get_long() {
        Some(l) => format!("--{l}"),
        None => format!("<{}>", arg.get_id().as_str().to_uppercase()),
    };
    Error::usage(
        "gateway-path",
        format!("{name} names a file on the server; the gateway refuses it"),
    )
    .hint(match name.as_str() {
        "--db" | "--config" => {
            "the service account's own configuration decides the database \
                                and settings; drop the option"
        }
        "--output" => {
            "drop --output: the result streams to your terminal; redirect it \
                       (ssh HOST audit export … > file)"
        }
        _ => "run it without that option, or ask an administrator to run it on the server",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(line: &str) -> String {
        match parse(line) {
            Err(e) => {
                assert_eq!(e.exit_code(), 2, "{line}: {e}");
                e.message
            }
            Ok(_) => panic!("{line:?} was accepted"),
        }
    }

    #[test]
    fn refuses_server_paths_and_local_only_commands() {
        assert!(refused("audit list --db /tmp/x.db").contains("--db"));
        assert!(refused("--db=/tmp/x.db audit list").contains("--db"));
        assert!(refused("audit list --config /tmp/c.toml").contains("--config"));
        assert!(refused("audit export --format csv --output /tmp/q1.csv").contains("--output"));
        assert!(refused("customer import /etc/passwd").contains("<FILE>"));
        assert!(refused("init").contains("not available"));
        assert!(refused("demo").contains("not available"));
        assert!(refused("gateway --agent root").contains("not available"));
    }

    #[test]
    fn shell_syntax_is_never_a_second_command() {
        for line in [
            "agent list; id",
            "agent list $(id)",
            "agent list `id`",
            "agent list '; id'",
            "agent list && id",
            "agent list | id",
            "'agent list'",
            "agent list \"unbalanced",
        ] {
            refused(line);
        }
    }

    #[test]
    fn accepts_quoted_values_and_stdin_keys() {
        assert!(matches!(
            parse(
                "session disclose S-1 --scope account --purpose billing --note 'two words; $(x)'"
            ),
            Ok(Request::Run(_))
        ));
        assert!(matches!(
            parse("agent key add a7 --ssh-key-file -"),
            Ok(Request::Run(_))
        ));
        assert!(
            refused("agent key add a7 --ssh-key-file /etc/ssh/x.pub").contains("--ssh-key-file")
        );
        assert!(matches!(parse("--help"), Ok(Request::Print(_, 0))));
    }
}
