//! The `gapgraph` binary: parse arguments, map them to a library command, run, map the
//! result to an exit code. The command line lives here only; the library knows no clap.

mod cli;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use cli::Cli;
use gapgraph::app::{run, Environment, Streams, EXIT_ERROR};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version are successes; every other argument problem exits 2.
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(EXIT_ERROR)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let env = Environment {
        stdout_is_terminal: std::io::stdout().is_terminal(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        stderr_is_terminal: std::io::stderr().is_terminal(),
        source_date_epoch: std::env::var("SOURCE_DATE_EPOCH").ok(),
        args: std::env::args_os()
            .skip(1)
            .map(|a| a.to_string_lossy().into_owned())
            .collect(),
    };
    let code = run(
        cli.into_command(&env),
        env,
        Streams {
            stdin: &mut std::io::stdin().lock(),
            stdout: &mut std::io::stdout().lock(),
            stderr: &mut std::io::stderr().lock(),
        },
    );
    ExitCode::from(code)
}
