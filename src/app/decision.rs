//! The decision commands (`compare`, `diff`, `explain`, `sensitivity`): their
//! descriptions and how each runs, through the same load, render and error path as the
//! rest of the command layer (`app`).

use std::io::{Read, Write};
use std::path::PathBuf;

use super::{
    emit, fail, load, load_and_analyze, load_and_select, one_standard_input, strategy_only,
    Environment, Failed, Outcome,
};
use gapgraph::analysis;
use gapgraph::decide;
use gapgraph::decide::select_fix;
use gapgraph::diagnostic::Diagnostic;
use gapgraph::render::{self, CompareFormat, DocumentFormat, ExplainFormat};
use gapgraph::select::select_strategies;
use gapgraph::view::{CompareReport, ExplainReport, SensitivityReport};

/// `compare`.
#[derive(Clone, Debug, PartialEq)]
pub struct Compare {
    /// The model file, or `-` for standard input.
    pub model: String,
    /// The strategies, in order (empty: all).
    pub strategies: Vec<String>,
    /// Output format.
    pub format: CompareFormat,
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
}

/// `diff`.
#[derive(Clone, Debug, PartialEq)]
pub struct Diff {
    /// The old model file (`-`: standard input).
    pub old: String,
    /// The new model file (`-`: standard input, when OLD is not).
    pub new: String,
    /// The strategy in force on both sides (`None`: each model's default).
    pub strategy: Option<String>,
    /// Output format.
    pub format: DocumentFormat,
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
}

/// `explain`.
#[derive(Clone, Debug, PartialEq)]
pub struct Explain {
    /// The model file, or `-` for standard input.
    pub model: String,
    /// The fix id.
    pub fix: String,
    /// Which action, when two fixes share the id.
    pub action: Option<analysis::Action>,
    /// The strategy in force (`None`: the model's default).
    pub strategy: Option<String>,
    /// Output format.
    pub format: ExplainFormat,
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
}

/// `sensitivity`.
#[derive(Clone, Debug, PartialEq)]
pub struct Sensitivity {
    /// The model file, or `-` for standard input.
    pub model: String,
    /// The strategy in force (`None`: the model's default).
    pub strategy: Option<String>,
    /// Factors lie in [1/(1+spread), 1+spread].
    pub spread: f64,
    /// How many samples (`None`: [`decide::default_samples`] for the model).
    pub samples: Option<usize>,
    /// Seed of the generator.
    pub seed: u64,
    /// The top K counted.
    pub top: usize,
    /// Output format.
    pub format: DocumentFormat,
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
}

/// Says each problem of resolving the command line's identifiers.
fn report_problems(stderr: &mut dyn Write, problems: Vec<Diagnostic>) -> Failed {
    for problem in &problems {
        fail(stderr, problem.summary());
    }
    Failed
}

pub(super) fn compare(
    command: Compare,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let (loaded, _) = load(&command.model, stdin, stderr)?;
    let strategies = select_strategies(&loaded.model, &command.strategies)
        .map_err(|p| report_problems(stderr, p))?;
    let comparison = decide::compare(&loaded.model, &strategies);
    let report = CompareReport {
        model: &loaded.model,
        comparison: &comparison,
        currency: &loaded.model.currency,
    };
    let renderer = render::compare_renderer(command.format);
    emit(
        renderer.as_ref(),
        &report,
        command.output.as_deref(),
        stdout,
        stderr,
    )
}

pub(super) fn diff(
    command: Diff,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    one_standard_input([("OLD", &command.old), ("NEW", &command.new)], stderr)?;
    let names = strategy_only(command.strategy);
    let (old, old_selection) = load_and_select(&command.old, &names, stdin, stderr)?;
    let (new, new_selection) = load_and_select(&command.new, &names, stdin, stderr)?;
    let old_analysis = analysis::analyze(&old.model, old_selection.strategy);
    let new_analysis = analysis::analyze(&new.model, new_selection.strategy);
    let d = decide::diff(
        decide::Side {
            model: &old.model,
            analysis: &old_analysis,
        },
        decide::Side {
            model: &new.model,
            analysis: &new_analysis,
        },
    );
    let renderer = render::diff_renderer(command.format);
    emit(
        renderer.as_ref(),
        &d,
        command.output.as_deref(),
        stdout,
        stderr,
    )
}

pub(super) fn explain(
    command: Explain,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let (loaded, analysis) = load_and_analyze(&command.model, command.strategy, stdin, stderr)?;
    let index = select_fix(&loaded.model, &analysis.fixes, &command.fix, command.action)
        .map_err(|p| report_problems(stderr, p))?;
    let explanation = decide::explain(&loaded.model, &analysis, index);
    let report = ExplainReport {
        model: &loaded.model,
        explanation: &explanation,
        strategy: analysis.strategy.as_ref(),
        currency: &loaded.model.currency,
    };
    let renderer = render::explain_renderer(command.format);
    emit(
        renderer.as_ref(),
        &report,
        command.output.as_deref(),
        stdout,
        stderr,
    )
}

/// Progress on standard error (the stream the command was given), shown only on a terminal
/// and only once a run has taken more than a second (a quick run stays silent): one line,
/// redrawn at most ten times a second, cleared at the end.
struct Progress {
    enabled: bool,
    total: usize,
    started: std::time::Instant,
    drawn: Option<std::time::Instant>,
}

impl Progress {
    fn new(enabled: bool, total: usize) -> Progress {
        Progress {
            enabled,
            total,
            started: std::time::Instant::now(),
            drawn: None,
        }
    }

    fn update(&mut self, done: usize, stderr: &mut dyn Write) {
        let second = std::time::Duration::from_secs(1);
        let tenth = std::time::Duration::from_millis(100);
        if !self.enabled || self.started.elapsed() < second {
            return;
        }
        if self.drawn.is_some_and(|at| at.elapsed() < tenth) && done < self.total {
            return;
        }
        self.drawn = Some(std::time::Instant::now());
        let _ = write!(
            stderr,
            "\rsensitivity: {done} of {} samples ({}%)",
            self.total,
            done * 100 / self.total.max(1)
        );
        let _ = stderr.flush();
    }

    fn finish(self, stderr: &mut dyn Write) {
        if self.drawn.is_some() {
            let _ = write!(stderr, "\r\x1b[2K");
            let _ = stderr.flush();
        }
    }
}

pub(super) fn sensitivity(
    command: Sensitivity,
    env: Environment,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let mut options = decide::SensitivityOptions {
        strategy: None,
        spread: command.spread,
        samples: command.samples.unwrap_or(decide::DEFAULT_SAMPLES),
        seed: command.seed,
        top: command.top,
    };
    // Refused before the model is read: the options alone are wrong.
    options.check().map_err(|e| fail(stderr, e))?;
    let names = strategy_only(command.strategy);
    let (loaded, selection) = load_and_select(&command.model, &names, stdin, stderr)?;
    options.strategy = selection.strategy;
    let today = analysis::analyze(&loaded.model, selection.strategy);
    if command.samples.is_none() {
        options.samples = decide::default_samples(&loaded.model);
        if options.samples < decide::DEFAULT_SAMPLES {
            let handoffs: usize = loaded
                .model
                .workflows
                .iter()
                .map(|w| w.handoffs.len())
                .sum();
            let _ = writeln!(
                stderr,
                "note: {} samples instead of {} for a model of {handoffs} handoffs, so the run \
                 stays within seconds; --samples N asks for more",
                options.samples,
                decide::DEFAULT_SAMPLES
            );
        }
    }
    let mut progress = Progress::new(env.stderr_is_terminal, options.samples);
    let result = decide::sensitivity_of(&loaded.model, today, options, &mut |done| {
        progress.update(done, stderr);
    });
    progress.finish(stderr);
    let result = result.map_err(|e| fail(stderr, e))?;
    let strategy = analysis::strategy_in_force(&loaded.model, selection.strategy);
    let report = SensitivityReport {
        model: &loaded.model,
        sensitivity: &result,
        strategy: strategy.as_ref(),
    };
    let renderer = render::sensitivity_renderer(command.format);
    emit(
        renderer.as_ref(),
        &report,
        command.output.as_deref(),
        stdout,
        stderr,
    )
}
