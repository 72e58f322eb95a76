//! Running one command: read the model, validate, resolve the identifiers the command
//! names, analyse, render, write. Commands are described with the library's own types
//! (the binary maps its command line to them); every command goes through the same load,
//! render and error path. The binary maps the returned status to the process exit code;
//! nothing here prints on its own.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

mod decision;
mod discover;

use gapgraph::analysis::{self, Analysis, RankBy};
use gapgraph::decide;
use gapgraph::diagnostic::write_diagnostics;
use gapgraph::input::{self, ReadError};
use gapgraph::render::{self, CheckReport, DiagramKind, Format, Limit, PlanFormat, ReviewFormat};
use gapgraph::select::{select, Names, Selection};
use gapgraph::view::{
    document_date, Level, PlanReport, Provenance, Report, Review, ReviewOptions, View,
};

pub use decision::{Compare, Diff, Explain, Sensitivity};
pub use discover::{Discover, DiscoverFormat};
use gapgraph::diagnostic::terminal;
use gapgraph::{load_str, Loaded};

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

/// A command to run.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// The gap report.
    Analyze(Analyze),
    /// The integration map.
    Diagram(Diagram),
    /// Load and check a model only.
    Validate(Validate),
    /// A budgeted roadmap.
    Plan(Plan),
    /// A gate for CI.
    Check(Check),
    /// The fix ranking under several strategies.
    Compare(Compare),
    /// What changed between two versions of a model.
    Diff(Diff),
    /// One fix's arithmetic.
    Explain(Explain),
    /// How far the ranking holds when the estimates are uncertain.
    Sensitivity(Sensitivity),
    /// An ArchiMate exchange file as a model.
    ImportArchimate(ImportArchimate),
    /// Inventory spreadsheets as a model.
    ImportSheets(ImportSheets),
    /// A commented starter model.
    Init(Init),
    /// A model as inventory spreadsheets.
    ExportSheets(ExportSheets),
    /// The graph as GraphML.
    ExportGraphml(ExportGraphml),
    /// The JSON Schema of the model file.
    Schema(Schema),
    /// Text made by the command line itself (shell completions, the man page).
    Emit(Emit),
    /// Handoffs measured from an event log.
    Discover(Discover),
}

/// `analyze`: the gap report in one format.
#[derive(Clone, Debug, PartialEq)]
pub struct Analyze {
    /// The model file, or `-` for standard input.
    pub model: String,
    /// The strategy in force (`None`: the model's default).
    pub strategy: Option<String>,
    /// The order of the fixes.
    pub rank_by: RankBy,
    /// The document and format, with their options.
    pub format: AnalyzeFormat,
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
}

/// What `analyze` writes: the report in one of its formats, or the review document.
#[derive(Clone, Debug, PartialEq)]
pub enum AnalyzeFormat {
    /// The report (table, JSON, CSV, a diagram).
    Report(Format),
    /// The review document (Markdown, HTML), with its provenance recorded.
    Review {
        /// Markdown or HTML.
        format: ReviewFormat,
        /// Fixes listed (default 20) and marked on the maps (default 5).
        top: Option<usize>,
        /// With a budget, a "Roadmap" section planned within it after the fixes.
        budget: Option<f64>,
    },
}

/// `diagram`: the integration map, focused.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagram {
    /// The model file, or `-` for standard input.
    pub model: String,
    /// The strategy in force and the workflows and units in focus, as named.
    pub names: Names,
    /// Systems or units as nodes.
    pub level: Level,
    /// Only systems that touch a gap.
    pub gaps_only: bool,
    /// How many of the best fixes to mark.
    pub top: usize,
    /// Output form.
    pub kind: DiagramKind,
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
}

/// `validate`.
#[derive(Clone, Debug, PartialEq)]
pub struct Validate {
    /// The model file, or `-` for standard input.
    pub model: String,
    /// List every warning (`--warnings all`) instead of grouping the many of one kind.
    pub all_warnings: bool,
}

/// `plan`: the greedy roadmap within a budget.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The model file, or `-` for standard input.
    pub model: String,
    /// The strategy in force (`None`: the model's default).
    pub strategy: Option<String>,
    /// How much may be spent in all.
    pub budget: f64,
    /// Output format.
    pub format: PlanFormat,
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
}

/// `check`: limits on the summary.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// The model file, or `-` for standard input.
    pub model: String,
    /// The strategy in force (`None`: the model's default).
    pub strategy: Option<String>,
    /// The limits, in the order they are reported.
    pub limits: Vec<Limit>,
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
        Command::Analyze(c) => analyze(c, &env, stdin, stdout, stderr),
        Command::Diagram(c) => diagram(c, env, stdin, stdout, stderr),
        Command::Validate(c) => validate(c, stdin, stdout, stderr),
        Command::Plan(c) => plan(c, stdin, stdout, stderr),
        Command::Check(c) => check(c, stdin, stdout, stderr),
        Command::Compare(c) => decision::compare(c, stdin, stdout, stderr),
        Command::Diff(c) => decision::diff(c, stdin, stdout, stderr),
        Command::Explain(c) => decision::explain(c, stdin, stdout, stderr),
        Command::Sensitivity(c) => decision::sensitivity(c, env, stdin, stdout, stderr),
        Command::ImportArchimate(c) => interop::import_archimate(c, stdin, stdout, stderr),
        Command::ImportSheets(c) => interop::import_sheets(c, stdout, stderr),
        Command::Init(c) => interop::init(c, stdout, stderr),
        Command::ExportSheets(c) => interop::export_sheets(c, stdin, stderr),
        Command::ExportGraphml(c) => interop::export_graphml(c, stdin, stdout, stderr),
        Command::Schema(c) => interop::schema(c, stdout, stderr),
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

/// The largest model read (256 MiB): generous for any real landscape (a 100 MB model
/// loads), and `/dev/zero` or `yes` on standard input stops here instead of filling memory
/// (read in pieces, so memory holds little more than this when it does).
pub const MAX_INPUT_BYTES: u64 = 256 << 20;

/// The model text, from a file or standard input, at most [`MAX_INPUT_BYTES`]; a byte
/// order mark is dropped.
fn read_model(path: &str, stdin: &mut dyn Read, stderr: &mut dyn Write) -> Result<String, Failed> {
    let read = if path == "-" {
        input::read_stream(stdin, MAX_INPUT_BYTES)
    } else {
        input::read_file(Path::new(path), MAX_INPUT_BYTES)
    };
    let bytes = read.map_err(|e| match e {
        ReadError::Io(e) => {
            let what = if path == "-" {
                "standard input".to_string()
            } else {
                format!("`{path}`")
            };
            fail(stderr, format!("cannot read {what}: {e}"))
        }
        ReadError::TooLarge(cap) => fail(
            stderr,
            format!(
                "{} is larger than the input limit of {} MiB",
                origin(path),
                cap >> 20
            ),
        ),
    })?;
    let bytes = match bytes.strip_prefix("\u{feff}".as_bytes()) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        fail(
            stderr,
            format!(
                "{path} is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

fn origin(path: &str) -> &str {
    if path == "-" {
        "<stdin>"
    } else {
        path
    }
}

/// Reads and validates, also returning the text (for showing warnings against their
/// source lines); every error goes to `stderr`.
fn load(
    path: &str,
    stdin: &mut dyn Read,
    stderr: &mut dyn Write,
) -> Result<(Loaded, String), Failed> {
    let source = read_model(path, stdin, stderr)?;
    let loaded = load_str(&source, path).map_err(|errors| {
        let _ = write_diagnostics(stderr, &errors, origin(path), &source);
        let n = errors.len();
        fail(
            stderr,
            format!(
                "{} is not a valid model ({n} error{})",
                origin(path),
                if n == 1 { "" } else { "s" }
            ),
        )
    })?;
    Ok((loaded, source))
}

/// [`load`], then the identifiers `names` gives resolved against the model.
fn load_and_select(
    path: &str,
    names: &Names,
    stdin: &mut dyn Read,
    stderr: &mut dyn Write,
) -> Result<(Loaded, Selection), Failed> {
    let (loaded, _) = load(path, stdin, stderr)?;
    let selection = select_names(&loaded, names, stderr)?;
    Ok((loaded, selection))
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

/// The identifiers `names` gives resolved against the loaded model.
fn select_names(
    loaded: &Loaded,
    names: &Names,
    stderr: &mut dyn Write,
) -> Result<Selection, Failed> {
    select(&loaded.model, names).map_err(|problems| {
        for problem in &problems {
            fail(stderr, problem.summary());
        }
        Failed
    })
}

fn strategy_only(strategy: Option<String>) -> Names {
    Names {
        strategy,
        ..Names::default()
    }
}

fn validate(
    command: Validate,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let (loaded, source) = load(&command.model, stdin, stderr)?;
    let _ = gapgraph::diagnostic::write_warnings(
        stderr,
        &loaded.warnings,
        origin(&command.model),
        &source,
        command.all_warnings,
    );
    let m = &loaded.model;
    let line = format!(
        "{}: valid ({} systems, {} integrations, {} workflows, {} handoffs, {} catalogued fixes; {} warning{})\n",
        origin(&command.model),
        m.systems.len(),
        m.integrations.len(),
        m.workflows.len(),
        m.workflows.iter().map(|w| w.handoffs.len()).sum::<usize>(),
        m.fixes.len(),
        loaded.warnings.len(),
        if loaded.warnings.len() == 1 { "" } else { "s" }
    );
    write_out(terminal_lines(&line).as_bytes(), None, stdout, stderr)
}

/// `text` with hazards escaped, line breaks kept.
fn terminal_lines(text: &str) -> String {
    text.split('\n')
        .map(terminal)
        .collect::<Vec<_>>()
        .join("\n")
}

fn analyze(
    command: Analyze,
    env: &Environment,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let names = strategy_only(command.strategy);
    let (loaded, source) = load(&command.model, stdin, stderr)?;
    let selection = select_names(&loaded, &names, stderr)?;
    let provenance = match command.format {
        AnalyzeFormat::Review { .. } => {
            let date = document_date(env.source_date_epoch.as_deref())
                .map_err(|message| fail(stderr, message))?;
            Some(Provenance::new(
                origin(&command.model),
                source.as_bytes(),
                date,
                &env.args,
            ))
        }
        AnalyzeFormat::Report(_) => None,
    };
    let mut analysis = analysis::analyze(&loaded.model, selection.strategy);
    if command.rank_by != RankBy::Priority {
        analysis.rerank(&loaded.model, command.rank_by);
    }
    let report = report(&loaded, &analysis);
    let output = command.output.as_deref();
    let outcome = match command.format {
        AnalyzeFormat::Report(format) => emit(
            render::renderer(format).as_ref(),
            &report,
            output,
            stdout,
            stderr,
        ),
        AnalyzeFormat::Review {
            format,
            top,
            budget,
        } => {
            let strategy = analysis.strategy.as_ref().map(|s| s.index);
            let options = ReviewOptions {
                top,
                roadmap: budget.map(|b| decide::roadmap(&loaded.model, strategy, b)),
                provenance,
            };
            let review = Review::new(report, &options);
            emit(
                render::review_renderer(format).as_ref(),
                &review,
                output,
                stdout,
                stderr,
            )
        }
    };
    // `run` is the binary's entry and the process ends right after: handing hundreds of
    // thousands of small allocations back one by one costs a tenth of a landscape-sized run,
    // and the system reclaims them at exit anyway. Library users call `analysis::analyze`.
    // The fuzz targets call `run` thousands of times in one process (`--cfg fuzzing`, set by
    // cargo-fuzz): there it frees them, or the leak checker stops at the first input.
    #[cfg(not(fuzzing))]
    {
        std::mem::forget(analysis);
        std::mem::forget(loaded);
    }
    outcome
}

fn report<'a>(loaded: &'a Loaded, analysis: &'a Analysis) -> Report<'a> {
    Report {
        model: &loaded.model,
        analysis,
        warnings: &loaded.warnings,
    }
}

fn diagram(
    command: Diagram,
    env: Environment,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    if command.kind == DiagramKind::Png
        && is_stdout(command.output.as_deref())
        && env.stdout_is_terminal
    {
        return Err(fail(
            stderr,
            "a PNG is binary; write it to a file with -o FILE.png",
        ));
    }
    let (loaded, selection) = load_and_select(&command.model, &command.names, stdin, stderr)?;
    let analysis = analysis::analyze(&loaded.model, selection.strategy);
    let view = View {
        level: command.level,
        workflows: selection.workflows,
        units: selection.units,
        gaps_only: command.gaps_only,
        top: command.top,
    };
    let renderer = render::renderer(Format::Diagram {
        view,
        kind: command.kind,
    });
    emit(
        renderer.as_ref(),
        &report(&loaded, &analysis),
        command.output.as_deref(),
        stdout,
        stderr,
    )
}

fn plan(
    command: Plan,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let names = strategy_only(command.strategy);
    let (loaded, selection) = load_and_select(&command.model, &names, stdin, stderr)?;
    let strategy = analysis::strategy_in_force(&loaded.model, selection.strategy);
    let roadmap = decide::roadmap(&loaded.model, selection.strategy, command.budget);
    let report = PlanReport {
        model: &loaded.model,
        roadmap: &roadmap,
        strategy: strategy.as_ref(),
        currency: &loaded.model.currency,
    };
    let renderer = render::plan_renderer(command.format);
    emit(
        renderer.as_ref(),
        &report,
        command.output.as_deref(),
        stdout,
        stderr,
    )
}

/// The CI gate: each limit given is checked against the summary; exit 1 when one breaks.
fn check(
    command: Check,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let (loaded, analysis) = load_and_analyze(&command.model, command.strategy, stdin, stderr)?;
    if command.limits.is_empty() {
        return Err(fail(stderr, "give at least one limit: --min-automation, --min-strategic-automation, --max-missing, --max-annual-hours or --max-default-share"));
    }
    let report = CheckReport {
        verdicts: command
            .limits
            .iter()
            .map(|limit| decide::verdict(&loaded.model, *limit, &analysis))
            .collect(),
    };
    emit(
        render::check_renderer().as_ref(),
        &report,
        None,
        stdout,
        stderr,
    )?;
    let broken = report.broken();
    if broken == 0 {
        return Ok(Outcome::Done);
    }
    let _ = writeln!(
        stderr,
        "check failed: {broken} limit{} broken",
        if broken == 1 { "" } else { "s" }
    );
    Ok(Outcome::LimitBroken)
}
