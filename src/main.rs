//! The `cpni` binary: parse, run, report. Only this file turns an error into an exit status.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Everything cpni creates is private to its owner (files 0600, folders 0700).
    // SAFETY: umask only changes this process's file-creation mask.
    unsafe {
        libc::umask(0o077);
    }
    let cli = cpni::cli::Cli::parse();
    let out = cpni::output::Out {
        json: cli.json,
        quiet: cli.quiet,
    };
    match cpni::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            out.error(&e);
            ExitCode::from(e.exit_code())
        }
    }
}
