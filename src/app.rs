//! Running one command: read the model, validate, analyse, render, write. The binary maps
//! the returned status to the process exit code; nothing here prints on its own.

use std::fs;
use std::io::{self, Read, Write};

use crate::analysis::{self, RankBy};
use crate::cli::{self, Cli, Command, DiagramFormat};
use crate::diagnostic::write_diagnostics;
use crate::output::write_atomic;
use crate::render::{self, Report, View};
use crate::{load_str, Loaded};

/// Exit status: done.
pub const EXIT_OK: u8 = 0;
/// Exit status: a `check` limit broke.
pub const EXIT_LIMIT: u8 = 1;
/// Exit status: could not run.
pub const EXIT_ERROR: u8 = 2;

/// What the process knows about where output goes.
#[derive(Clone, Copy, Debug)]
pub struct Environment {
    /// Standard output is a terminal.
    pub stdout_is_terminal: bool,
    /// `NO_COLOR` is set to something non-empty.
    pub no_color: bool,
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

/// A failure already explained to the user.
struct Failed;

/// Says what went wrong on standard error.
fn fail(stderr: &mut dyn Write, error: impl std::fmt::Display) -> Failed {
    let _ = writeln!(stderr, "error: {error}");
    Failed
}

/// Runs `cli`, returning the exit status.
pub fn run(cli: Cli, env: Environment, io: Streams) -> u8 {
    let Streams {
        stdin,
        stdout,
        stderr,
    } = io;
    let result = match cli.command {
        Command::Analyze(args) => analyze(args, env, stdin, stdout, stderr),
        Command::Diagram(args) => diagram(args, env, stdin, stdout, stderr),
        Command::Validate(args) => validate(args, stdin, stdout, stderr),
        Command::Plan(args) => plan(args, stdin, stdout, stderr),
        Command::Check(args) => return check(args, stdin, stdout, stderr),
    };
    match result {
        Ok(()) => EXIT_OK,
        Err(Failed) => EXIT_ERROR,
    }
}

/// The model text, from a file or standard input.
fn read_model(path: &str, stdin: &mut dyn Read, stderr: &mut dyn Write) -> Result<String, Failed> {
    let bytes = if path == "-" {
        let mut buffer = Vec::new();
        stdin.read_to_end(&mut buffer).map(|_| buffer)
    } else {
        fs::read(path)
    };
    let bytes = bytes.map_err(|e| {
        let what = if path == "-" {
            "standard input".to_string()
        } else {
            format!("`{path}`")
        };
        let _ = writeln!(stderr, "error: cannot read {what}: {e}");
        Failed
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let _ = writeln!(
            stderr,
            "error: {path} is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        );
        Failed
    })
}

fn origin(path: &str) -> &str {
    if path == "-" {
        "<stdin>"
    } else {
        path
    }
}

/// Reads and validates; every error goes to `stderr`.
fn load(path: &str, stdin: &mut dyn Read, stderr: &mut dyn Write) -> Result<Loaded, Failed> {
    load_with_source(path, stdin, stderr).map(|(loaded, _)| loaded)
}

/// [`load`], also returning the text (for showing warnings against their source lines).
fn load_with_source(
    path: &str,
    stdin: &mut dyn Read,
    stderr: &mut dyn Write,
) -> Result<(Loaded, String), Failed> {
    let source = read_model(path, stdin, stderr)?;
    let loaded = load_str(&source, path).map_err(|errors| {
        let _ = write_diagnostics(stderr, &errors, origin(path), &source);
        let n = errors.len();
        let _ = writeln!(
            stderr,
            "error: {} is not a valid model ({n} error{})",
            origin(path),
            if n == 1 { "" } else { "s" }
        );
        Failed
    })?;
    Ok((loaded, source))
}

fn validate(
    args: cli::ValidateArgs,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<(), Failed> {
    let (loaded, source) = load_with_source(&args.model, stdin, stderr)?;
    let _ = write_diagnostics(stderr, &loaded.warnings, origin(&args.model), &source);
    let m = &loaded.model;
    let _ = writeln!(
        stdout,
        "{}: valid ({} systems, {} integrations, {} workflows, {} handoffs, {} catalogued fixes; {} warning{})",
        origin(&args.model),
        m.systems.len(),
        m.integrations.len(),
        m.workflows.len(),
        m.workflows.iter().map(|w| w.handoffs.len()).sum::<usize>(),
        m.fixes.len(),
        loaded.warnings.len(),
        if loaded.warnings.len() == 1 { "" } else { "s" }
    );
    Ok(())
}

fn rank_by(r: cli::RankBy) -> RankBy {
    match r {
        cli::RankBy::Priority => RankBy::Priority,
        cli::RankBy::Value => RankBy::Value,
        cli::RankBy::Saving => RankBy::Saving,
        cli::RankBy::Payback => RankBy::Payback,
    }
}

fn analyze(
    args: cli::AnalyzeArgs,
    env: Environment,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<(), Failed> {
    let loaded = load(&args.model, stdin, stderr)?;
    let mut analysis =
        analysis::analyze(&loaded.model, args.strategy.as_deref()).map_err(|e| fail(stderr, e))?;
    if args.rank_by != cli::RankBy::Priority {
        analysis.rerank(rank_by(args.rank_by));
    }
    let report = Report {
        model: &loaded.model,
        analysis: &analysis,
        warnings: &loaded.warnings,
        top: args.top,
        color: args.output.is_none() && env.stdout_is_terminal && !env.no_color,
        view: View::default(),
        csv_table: args.csv_table,
    };
    let renderer = render::report_renderer(args.format);
    emit(
        renderer.as_ref(),
        &report,
        args.output.as_deref(),
        stdout,
        stderr,
    )
}

fn diagram(
    args: cli::DiagramArgs,
    env: Environment,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<(), Failed> {
    if args.format == DiagramFormat::Png && args.output.is_none() && env.stdout_is_terminal {
        let _ = writeln!(
            stderr,
            "error: a PNG is binary; write it to a file with -o FILE.png"
        );
        return Err(Failed);
    }
    let loaded = load(&args.model, stdin, stderr)?;
    let analysis =
        analysis::analyze(&loaded.model, args.strategy.as_deref()).map_err(|e| fail(stderr, e))?;
    let report = Report {
        model: &loaded.model,
        analysis: &analysis,
        warnings: &loaded.warnings,
        top: Some(args.top),
        color: false,
        view: View {
            workflows: args.workflow,
            units: args.unit,
            gaps_only: args.gaps_only,
            top: args.top,
        },
        csv_table: cli::CsvTable::Fixes,
    };
    let renderer = render::diagram_renderer(args.format);
    emit(
        renderer.as_ref(),
        &report,
        args.output.as_deref(),
        stdout,
        stderr,
    )
}

/// Renders fully in memory, then writes: a failed render never leaves half an output.
fn emit(
    renderer: &dyn render::Render,
    report: &Report,
    output: Option<&std::path::Path>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<(), Failed> {
    let mut buffer = Vec::new();
    renderer
        .render(report, &mut buffer)
        .map_err(|e| fail(stderr, e))?;
    write_out(&buffer, output, stdout, stderr)
}

/// Writes finished bytes to `output` (atomically) or standard output.
fn write_out(
    buffer: &[u8],
    output: Option<&std::path::Path>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<(), Failed> {
    let written = match output {
        Some(path) => write_atomic(path, buffer)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display())),
        None => match stdout.write_all(buffer).and_then(|_| stdout.flush()) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(|e| format!("cannot write to standard output: {e}")),
        },
    };
    written.map_err(|message| {
        let _ = writeln!(stderr, "error: {message}");
        Failed
    })
}

/// The CI gate: each limit given is checked against the summary; exit 1 when one breaks.
fn check(
    args: cli::CheckArgs,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    let Ok(loaded) = load(&args.model, stdin, stderr) else {
        return EXIT_ERROR;
    };
    let analysis = match analysis::analyze(&loaded.model, args.strategy.as_deref()) {
        Ok(a) => a,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return EXIT_ERROR;
        }
    };
    let s = &analysis.summary;
    let pct = |x: f64| format!("{:.1}%", x * 100.0);
    let mut results: Vec<(bool, String)> = Vec::new();
    if let Some(min) = args.min_automation {
        let actual = s.automation_rate.unwrap_or(1.0);
        results.push((
            actual >= min,
            format!("automation {} (minimum {})", pct(actual), pct(min)),
        ));
    }
    if let Some(min) = args.min_strategic_automation {
        let actual = s.strategic_automation.unwrap_or(1.0);
        results.push((
            actual >= min,
            format!(
                "strategic automation {} (minimum {})",
                pct(actual),
                pct(min)
            ),
        ));
    }
    if let Some(max) = args.max_missing {
        results.push((
            s.missing <= max,
            format!("{} missing handoffs (maximum {max})", s.missing),
        ));
    }
    if let Some(max) = args.max_annual_hours {
        results.push((
            s.annual_hours <= max,
            format!(
                "{} staff hours a year in gaps (maximum {})",
                render::hours(s.annual_hours),
                render::hours(max)
            ),
        ));
    }
    if results.is_empty() {
        let _ = writeln!(stderr, "error: give at least one limit: --min-automation, --min-strategic-automation, --max-missing or --max-annual-hours");
        return EXIT_ERROR;
    }
    let broken = results.iter().filter(|(ok, _)| !ok).count();
    for (ok, line) in &results {
        let _ = writeln!(stdout, "{} {line}", if *ok { "ok:    " } else { "BROKEN:" });
    }
    if broken > 0 {
        let _ = writeln!(
            stderr,
            "check failed: {broken} limit{} broken",
            if broken == 1 { "" } else { "s" }
        );
        EXIT_LIMIT
    } else {
        EXIT_OK
    }
}

fn plan(
    args: cli::PlanArgs,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<(), Failed> {
    let loaded = load(&args.model, stdin, stderr)?;
    let strategy = analysis::strategy_in_force(&loaded.model, args.strategy.as_deref())
        .map_err(|e| fail(stderr, e))?;
    let plan = analysis::plan(
        &loaded.model,
        strategy.as_ref().map(|s| s.index),
        args.budget,
    );
    let mut buffer = Vec::new();
    let rendered = match args.format {
        cli::PlanFormat::Json => render::plan::write_json(
            &plan,
            strategy.as_ref(),
            &loaded.model.currency,
            &mut buffer,
        ),
        cli::PlanFormat::Table => render::plan::write_table(
            &plan,
            strategy.as_ref(),
            &loaded.model.currency,
            &mut buffer,
        ),
    };
    rendered.map_err(|e| fail(stderr, e))?;
    write_out(&buffer, args.output.as_deref(), stdout, stderr)
}
