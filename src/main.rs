//! The `cpni` binary: parse, run, report. Only this file turns an error into an exit status.
//!
//! It is its own process entry (`#![no_main]`, [`main`]): Rust's runtime start-up, which the
//! entry replaces, finds the main thread's stack by reading and parsing `/proc/self/maps` and
//! maps a signal stack for its stack-overflow message, about 0.15 ms of every process on the
//! reference VM (issue 14: one process per step). What of it cpni needs is done here: closed
//! standard streams reopened on `/dev/null` (so no file cpni opens takes 0-2) and
//! `SIGPIPE` ignored (a closed pipe is an error cpni reports, exit 0); a panic still unwinds,
//! prints its message and exits 101. A stack overflow is then killed by `SIGSEGV` without
//! Rust's one-line message.
//!
//! Only on Linux with glibc, where Rust's standard library reads the arguments without its
//! start-up; elsewhere `fn main` is Rust's own.
#![cfg_attr(all(not(test), target_os = "linux", target_env = "gnu"), no_main)]
// Under `cargo test` the harness has its own entry and nothing here is called.
#![cfg_attr(test, allow(dead_code))]

use clap::Parser;
use clap::error::ErrorKind;

/// The C entry point: what of Rust's runtime start a cpni process needs ([`standard_fds`],
/// `SIGPIPE`), then [`cpni_main`]; a panic is caught as Rust's own start catches it (its
/// message is printed by the panic hook) and exits 101.
#[cfg(all(not(test), target_os = "linux", target_env = "gnu"))]
#[unsafe(no_mangle)]
extern "C" fn main(_argc: libc::c_int, _argv: *const *const libc::c_char) -> libc::c_int {
    standard_fds();
    // SAFETY: ignoring a signal changes only this process's disposition for it.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    match std::panic::catch_unwind(cpni_main) {
        Ok(code) => libc::c_int::from(code),
        Err(_) => 101,
    }
}

/// Rust's own entry, where cpni cannot be its own ([`main`] above).
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(cpni_main())
}

/// Standard input, output and error that are closed at start are opened on `/dev/null`, as
/// Rust's runtime does, so that no file cpni opens itself (its config, keys, lock files) can
/// take one of those numbers and receive output meant for the terminal (SQLite keeps its own
/// files off them the same way). Exits 127 if even that fails, as Rust's runtime aborts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn standard_fds() {
    let mut fds = [0, 1, 2].map(|fd| libc::pollfd {
        fd,
        events: 0,
        revents: 0,
    });
    // SAFETY: `fds` is a valid array of three pollfd for the duration of the call.
    let polled = unsafe { libc::poll(fds.as_mut_ptr(), 3, 0) };
    for pfd in fds {
        let closed = if polled == -1 {
            // poll itself failed (a sandbox without it): ask each descriptor.
            // SAFETY: F_GETFD reads a descriptor's flags and changes nothing.
            unsafe { libc::fcntl(pfd.fd, libc::F_GETFD) == -1 }
        } else {
            pfd.revents & libc::POLLNVAL != 0
        };
        // SAFETY: opening /dev/null with a NUL-terminated path; the lowest free number is the
        // closed one, which is the point.
        if closed && unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) } == -1 {
            // SAFETY: exiting at once, before anything else of the process ran.
            unsafe { libc::_exit(127) };
        }
    }
}

/// Everything after the entry; returns the exit status.
fn cpni_main() -> u8 {
    let started = std::time::Instant::now();
    // Everything cpni creates is private to its owner (files 0600, folders 0700).
    // SAFETY: umask only changes this process's file-creation mask.
    unsafe {
        libc::umask(0o077);
    }
    // Past a file-size limit (RLIMIT_FSIZE) a write fails with EFBIG, which SQLite reports and
    // rolls back, instead of SIGXFSZ killing cpni mid-step without a word.
    // SAFETY: ignoring a signal changes only this process's disposition for it.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    if let Some(code) = fast_path() {
        return code;
    }
    if std::env::args_os()
        .take_while(|a| a != "--")
        .any(|a| a == "--debug-timings")
    {
        cpni::timing::enable(started);
    }
    let cli = match cpni::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    cpni::timing::mark("parse");
    // One command, then exit: the kernel closes the database (see the function).
    cpni::store::close_at_exit();
    let out = cpni::output::Out {
        json: cli.json,
        quiet: cli.quiet,
    };
    let timings = cli.debug_timings;
    let result = cpni::run(cli);
    cpni::timing::mark("done");
    if timings {
        let us = cpni::store::LOCK_WAIT_MAX_US.load(std::sync::atomic::Ordering::Relaxed);
        eprintln!("cpni-timing lock_wait_us={us}");
        let held = cpni::store::lock::HOLD_MAX_US.load(std::sync::atomic::Ordering::Relaxed);
        eprintln!("cpni-timing lock_hold_us={held}");
        if let Some(phases) = cpni::timing::report() {
            eprintln!("cpni-timing {phases}");
        }
    }
    // A failed write to stdout outranks the command's own result: its output is incomplete.
    let result = match cpni::output::finish() {
        Some(e) => Err(e),
        None => result,
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind == cpni::error::Kind::ClosedPipe => 0,
        Err(e) => {
            out.error(&e);
            e.exit_code()
        }
    }
}

/// `cpni --version` / `cpni -V` / `cpni --help` alone: printed without building the clap command
/// tree (which would cost more than the rest of the process start; issue 14 asks ≤ 1.5× an
/// empty binary). The text is exactly clap's, which tests check.
fn fast_path() -> Option<u8> {
    let mut args = std::env::args_os().skip(1);
    let first = args.next()?;
    if args.next().is_some() {
        return None;
    }
    let text = if first == "--version" || first == "-V" {
        concat!("cpni ", env!("CARGO_PKG_VERSION"), "\n")
    } else if first == "--help" && help_is_plain() {
        HELP
    } else {
        return None;
    };
    let written = cpni::output::write_stdout(|w| w.write_all(text.as_bytes()))
        .and_then(|()| cpni::output::finish().map_or(Ok(()), Err));
    Some(match written {
        Ok(()) => 0,
        Err(e) if e.kind == cpni::error::Kind::ClosedPipe => 0,
        Err(e) => {
            cpni::output::Out::default().error(&e);
            e.exit_code()
        }
    })
}

/// `cpni --help` as clap renders it without colour at its maximum width (100 columns), written by
/// `scripts/gen-completions.sh`; `tests/cli/completions.rs` fails when it drifts from clap's own.
const HELP: &str = include_str!("../completions/help.txt");

/// Whether clap would render the help exactly as [`HELP`]: no colour (stdout is not a terminal,
/// no `CLICOLOR_FORCE`) and the default width (no `COLUMNS`, no terminal on any standard
/// stream for clap to measure). Otherwise clap renders it.
fn help_is_plain() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("COLUMNS").is_none()
        && std::env::var_os("CLICOLOR_FORCE").is_none()
        && !std::io::stdout().is_terminal()
        && !std::io::stderr().is_terminal()
        && !std::io::stdin().is_terminal()
}

/// `--help` / `--version`: clap renders them; a closed pipe is quiet, another failure exit 8.
fn print_clap(e: clap::Error) -> u8 {
    match e.print() {
        Ok(()) => e.exit_code() as u8,
        Err(io) => {
            let err = cpni::error::Error::output(io);
            if err.kind == cpni::error::Kind::ClosedPipe {
                return 0;
            }
            cpni::output::Out::default().error(&err);
            err.exit_code()
        }
    }
}

/// A command line clap refused. With `--json` the error is the usual JSON document on stderr
/// (design.md §4); otherwise, and for `--help` / `--version`, clap prints it as always.
fn usage_error(e: clap::Error) -> u8 {
    let json = std::env::args_os()
        .skip(1)
        .take_while(|a| a != "--")
        .any(|a| a == "--json");
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        return print_clap(e);
    }
    if !json {
        // Usage errors go to stderr (exit 2); its failure has nowhere to be reported.
        let _ = e.print();
        return e.exit_code() as u8;
    }
    let message = if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        "a subcommand is required".to_string()
    } else {
        // clap renders "error: WHAT\n  DETAIL…\n\nUsage: …\n\nFor more information, …".
        let text = e.render().to_string();
        let what = text.split("\n\n").next().unwrap_or_default();
        let what = what.trim_start_matches("error: ");
        what.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let err = cpni::error::Error::usage("usage", message)
        .hint("see `cpni --help` (or `cpni COMMAND --help`)");
    cpni::output::Out {
        json: true,
        quiet: false,
    }
    .error(&err);
    2
}
