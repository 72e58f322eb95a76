//! The `gapgraph` binary: parse arguments, map them to a library command, run, map the
//! result to an exit code. The command line lives here only; the library knows no clap.

mod cli;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use cli::Cli;
use gapgraph::app::{run, Environment, Streams, EXIT_ERROR};

// Loading and analysing a large model make millions of small allocations; mimalloc
// serves them faster than glibc (docs/architecture.md has the figures).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// Whether standard output was open when the process started. When it was closed (`>&-`)
/// the Rust runtime puts `/dev/null` there, opened read-write, and writes would vanish
/// with exit 0; a shell's `>/dev/null` opens it write-only, so the two differ in their
/// flags (read from /proc, which needs no unsafe code).
#[cfg(target_os = "linux")]
fn stdout_is_open() -> bool {
    let Ok(target) = std::fs::read_link("/proc/self/fd/1") else {
        return true;
    };
    if target != std::path::Path::new("/dev/null") {
        return true;
    }
    let Ok(info) = std::fs::read_to_string("/proc/self/fdinfo/1") else {
        return true;
    };
    let flags = info
        .lines()
        .find_map(|line| line.strip_prefix("flags:"))
        .and_then(|octal| u32::from_str_radix(octal.trim(), 8).ok());
    const ACCESS_MODE: u32 = 0o3;
    const READ_WRITE: u32 = 0o2;
    flags.is_none_or(|flags| flags & ACCESS_MODE != READ_WRITE)
}

#[cfg(not(target_os = "linux"))]
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
