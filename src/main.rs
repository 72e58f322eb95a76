//! The `gapgraph` binary: parse arguments, map them to a command, run it, map the result
//! to an exit code. The command line (`cli`) and the command layer that reads files, runs
//! the library and writes outputs (`app`) live here only; the library knows neither clap
//! nor the process's files and streams.

mod app;
mod cli;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use app::{run, Environment, Streams, EXIT_ERROR};
use clap::Parser;
use cli::Cli;

// Loading and analysing a large model make millions of small allocations; mimalloc
// serves them faster than glibc (docs/architecture.md has the figures).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

// The one place that opens the process's streams (clippy.toml forbids it elsewhere).
#[allow(clippy::disallowed_methods)]
fn main() -> ExitCode {
    // Transparent huge pages off before the model is read: mimalloc asks for them on its
    // arenas, and where the kernel must compact memory to find them, a large run spends
    // more time in the kernel than in gapgraph (E3: 9 s of a 21 s run; docs/performance.md,
    // "Huge pages"). A system that refuses the request keeps its own setting.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let cli = match Cli::try_parse().and_then(Cli::checked) {
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
    if let Err(e) = cli.check() {
        let _ = e.print();
        return ExitCode::from(EXIT_ERROR);
    }
    let env = Environment {
        stdout_is_terminal: io::stdout().is_terminal(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        stderr_is_terminal: std::io::stderr().is_terminal(),
        source_date_epoch: std::env::var("SOURCE_DATE_EPOCH").ok(),
        args: std::env::args_os()
            .skip(1)
            .map(|a| a.to_string_lossy().into_owned())
            .collect(),
    };
    let mut stdout: Box<dyn Write> = if stdout_is_open() {
        Box::new(io::stdout().lock())
    } else {
        Box::new(ClosedStdout)
    };
    let code = run(
        cli.into_command(&env),
        env,
        Streams {
            stdin: &mut io::stdin().lock(),
            stdout: &mut stdout,
            stderr: &mut io::stderr().lock(),
        },
    );
    ExitCode::from(code)
}

/// Whether standard output is an open descriptor. Only a descriptor that is really
/// closed counts as closed: `/dev/null` opened read-write (`1<>/dev/null`, daemons,
/// systemd's `StandardOutput=null`) is open and the run goes on. On Linux the Rust runtime
/// puts such a `/dev/null` in place of a descriptor closed at start (`>&-`) before `main`
/// runs, and the two cannot be told apart, so `>&-` discards the output there
/// (docs/robustness.md). Where the runtime leaves the descriptor closed, duplicating it
/// fails and every write is an error (the standard library would otherwise drop them).
#[cfg(unix)]
#[allow(clippy::disallowed_methods)]
fn stdout_is_open() -> bool {
    use std::os::fd::AsFd;
    io::stdout().as_fd().try_clone_to_owned().is_ok()
}

#[cfg(not(unix))]
fn stdout_is_open() -> bool {
    true
}

/// Standard output when it is closed (`>&-`): every write fails, so the run exits 2.
struct ClosedStdout;

impl Write for ClosedStdout {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::other("standard output is closed"))
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
