//! The report commands: `validate`, `analyze`, `diagram`, `plan` and `check`: load,
//! analyse, build the view, render, write.

use std::io::{Read, Write};

use gapgraph::analysis::{self, Analysis, RankBy};
use gapgraph::decide;
use gapgraph::render::{self, CheckReport, DiagramKind, Format};
use gapgraph::view::{document_date, PlanReport, Provenance, Report, Review, ReviewOptions, View};
use gapgraph::Loaded;

use super::output::{emit, write_out};
use super::{
    fail, is_stdout, load, load_and_analyze, load_and_select, origin, select_names, strategy_only,
    terminal_lines, Analyze, AnalyzeFormat, Check, Diagram, Environment, Failed, Outcome, Plan,
    Validate,
};

pub(super) fn validate(
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

pub(super) fn analyze(
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
    // The model owns its text: the source (213 MB for a million handoffs) is not needed
    // past this point, and the analysis and the report may use its memory.
    drop(source);
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

pub(super) fn report<'a>(loaded: &'a Loaded, analysis: &'a Analysis) -> Report<'a> {
    Report {
        model: &loaded.model,
        analysis,
        warnings: &loaded.warnings,
    }
}

pub(super) fn diagram(
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

pub(super) fn plan(
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
pub(super) fn check(
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
