//! Running one command: read the model, validate, resolve the identifiers the command
//! names, analyse, render, write. Commands are described with the library's own types
//! (the binary maps its command line to them); every command goes through the same load,
//! render and error path. The binary maps the returned status to the process exit code;
//! nothing here prints on its own.

use std::io::{Read, Write};
use std::path::Path;

mod benefits;
mod calm;
mod command;
mod decision;
mod discover;
mod explore;
mod impact;
mod report;

use gapgraph::analysis::{self, Analysis};
use gapgraph::input::{self, shown_name as origin};
use gapgraph::open::{OpenFailure, Opened};
use gapgraph::select::{Names, Selection};

pub use benefits::Review;
pub use calm::{ExportCalm, ExportGraph, GraphStoreFormat, ImportCalm};
pub use command::{Analyze, AnalyzeFormat, Check, Command, Diagram, Plan, Validate};
pub use decision::{Compare, Diff, Explain, Sensitivity};
pub use discover::{Discover, DiscoverFormat};
pub use explore::Explore;
use gapgraph::diagnostic::terminal;
use gapgraph::Loaded;
pub use impact::Impact;

mod files;
mod interop;
mod output;

use output::{emit, write_out};

pub use interop::{
    Emit, ExportGraphml, ExportSheets, ImportArchimate, ImportSheets, Init, Schema,
    INIT_DEFAULT_FILE,
};

/// Exit status: done.
pub const EXIT_OK: u8 = 0;
/// Exit status: a `check` limit broke.
pub const EXIT_LIMIT: u8 = 1;
/// Exit status: could not run.
pub const EXIT_ERROR: u8 = 2;

/// What the process knows about where output goes and how it was started.
#[derive(Clone, Debug)]
pub struct Environment {
    /// Standard output is a terminal.
    pub stdout_is_terminal: bool,
    /// `NO_COLOR` is set to something non-empty.
    pub no_color: bool,
    /// Standard error is a terminal (progress may be shown there).
    pub stderr_is_terminal: bool,
    /// `SOURCE_DATE_EPOCH` as set: the date review documents record (else today, UTC).
    pub source_date_epoch: Option<String>,
    /// The arguments after the program name, recorded in review documents.
    pub args: Vec<String>,
}

impl Environment {
    /// Whether a terminal report written to `output` (`None`: standard output) may use
    /// colour.
    pub fn colour(&self, output: Option<&Path>) -> bool {
        is_stdout(output) && self.stdout_is_terminal && !self.no_color
    }
}

/// Whether `-o` leaves output on standard output (not given, or `-`).
fn is_stdout(output: Option<&Path>) -> bool {
    output.is_none_or(|path| path == Path::new("-"))
}

/// The streams a command uses.
pub struct Streams<'a> {
    /// Standard input, for a model given as `-`.
    pub stdin: &'a mut dyn Read,
    /// Standard output.
    pub stdout: &'a mut dyn Write,
    /// Standard error.
    pub stderr: &'a mut dyn Write,
}

/// How a command that ran ended.
enum Outcome {
    Done,
    LimitBroken,
}

/// A failure already explained to the user.
struct Failed;

/// Runs `command`, returning the exit status.
pub fn run(command: Command, env: Environment, io: Streams) -> u8 {
    let Streams {
        stdin,
        stdout,
        stderr,
    } = io;
    if let Err(e) = command.check_outputs() {
        let _ = fail(stderr, e);
        return EXIT_ERROR;
    }
    let result = match command {
        Command::Analyze(c) => report::analyze(c, &env, stdin, stdout, stderr),
        Command::Diagram(c) => report::diagram(c, env, stdin, stdout, stderr),
        Command::Validate(c) => report::validate(c, stdin, stdout, stderr),
        Command::Plan(c) => report::plan(c, stdin, stdout, stderr),
        Command::Check(c) => report::check(c, stdin, stdout, stderr),
        Command::Compare(c) => decision::compare(c, stdin, stdout, stderr),
        Command::Diff(c) => decision::diff(c, stdin, stdout, stderr),
        Command::Explain(c) => decision::explain(c, stdin, stdout, stderr),
        Command::Explore(c) => explore::explore(c, stdin, stdout, stderr),
        Command::Impact(c) => impact::impact(c, stdin, stdout, stderr),
        Command::Review(c) => benefits::review(c, stdin, stdout, stderr),
        Command::Sensitivity(c) => decision::sensitivity(c, env, stdin, stdout, stderr),
        Command::ImportArchimate(c) => interop::import_archimate(c, stdin, stdout, stderr),
        Command::ImportSheets(c) => interop::import_sheets(c, stdout, stderr),
        Command::Init(c) => interop::init(c, stdout, stderr),
        Command::ExportSheets(c) => interop::export_sheets(c, stdin, stderr),
        Command::ExportGraphml(c) => interop::export_graphml(c, stdin, stdout, stderr),
        Command::Schema(c) => interop::schema(c, stdout, stderr),
        Command::ExportCalm(c) => calm::export_calm(c, stdin, stdout, stderr),
        Command::ImportCalm(c) => calm::import_calm(c, stdin, stdout, stderr),
        Command::ExportGraph(c) => calm::export_graph(c, stdin, stderr),
        Command::Emit(c) => write_out(&c.text, c.output.as_deref(), stdout, stderr),
        Command::Discover(c) => discover::discover(c, stdin, stdout, stderr),
    };
    match result {
        Ok(Outcome::Done) => EXIT_OK,
        Ok(Outcome::LimitBroken) => EXIT_LIMIT,
        Err(Failed) => EXIT_ERROR,
    }
}

/// Says what went wrong on standard error (escaped: it may quote the model or the
/// command line).
fn fail(stderr: &mut dyn Write, error: impl std::fmt::Display) -> Failed {
    let _ = writeln!(stderr, "error: {}", terminal(&error.to_string()));
    Failed
}

/// Refuses two inputs (named like `OLD`, `NEW`) that both ask for standard input: it can
/// be read only once.
fn one_standard_input(inputs: [(&str, &str); 2], stderr: &mut dyn Write) -> Result<(), Failed> {
    let [(first, a), (second, b)] = inputs;
    if a == "-" && b == "-" {
        return Err(fail(
            stderr,
            format!("only one of {first} and {second} can be standard input"),
        ));
    }
    Ok(())
}

/// The text at `path` (`-`: standard input) under the model's size cap; a problem is
/// said on `stderr`.
fn read_model(path: &str, stdin: &mut dyn Read, stderr: &mut dyn Write) -> Result<String, Failed> {
    input::read_text(path, stdin).map_err(|e| fail(stderr, e))
}

/// Reads and validates, also returning the text (for showing warnings against their
/// source lines); every error goes to `stderr`.
fn load(
    path: &str,
    stdin: &mut dyn Read,
    stderr: &mut dyn Write,
) -> Result<(Loaded, String), Failed> {
    input::open_model(path, stdin, stderr).map_err(|e| fail(stderr, e))
}

/// The model at `path` read, validated and `names` resolved against it; every problem
/// goes to `stderr`.
fn open(
    path: &str,
    names: &Names,
    stdin: &mut dyn Read,
    stderr: &mut dyn Write,
) -> Result<Opened, Failed> {
    gapgraph::open::open(path, names, stdin, stderr).map_err(|failure| match failure {
        OpenFailure::Input(e) => fail(stderr, e),
        OpenFailure::UnknownNames(problems) => {
            for problem in &problems {
                fail(stderr, problem.summary());
            }
            Failed
        }
    })
}

/// [`open`], keeping the model and the selection.
fn load_and_select(
    path: &str,
    names: &Names,
    stdin: &mut dyn Read,
    stderr: &mut dyn Write,
) -> Result<(Loaded, Selection), Failed> {
    let opened = open(path, names, stdin, stderr)?;
    Ok((opened.loaded, opened.selection))
}

/// Loads `path`, resolves `--strategy` and analyses under it: what most commands start with.
fn load_and_analyze(
    path: &str,
    strategy: Option<String>,
    stdin: &mut dyn Read,
    stderr: &mut dyn Write,
) -> Result<(Loaded, Analysis), Failed> {
    let (loaded, selection) = load_and_select(path, &strategy_only(strategy), stdin, stderr)?;
    let analysis = analysis::analyze(&loaded.model, selection.strategy);
    Ok((loaded, analysis))
}

fn strategy_only(strategy: Option<String>) -> Names {
    Names {
        strategy,
        ..Names::default()
    }
}

/// `text` with hazards escaped, line breaks kept.
fn terminal_lines(text: &str) -> String {
    text.split('\n')
        .map(terminal)
        .collect::<Vec<_>>()
        .join("\n")
}
