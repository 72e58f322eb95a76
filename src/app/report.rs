//! The report commands: `validate`, `analyze`, `diagram`, `plan` and `check`: load,
//! analyse, build the view, render, write.

use std::io::{Read, Write};

use gapgraph::analysis::{self, RankBy};
use gapgraph::decide;
use gapgraph::open::Opened;
use gapgraph::render::{self, CheckReport, DiagramKind, Format};
use gapgraph::view::{document_date, PlanReport, Provenance, Report, Review, ReviewOptions, View};

use super::output::{emit, write_out};
use super::{
    fail, is_stdout, load, load_and_analyze, load_and_select, open, origin, strategy_only,
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
    let date = match command.format {
        AnalyzeFormat::Review { .. } => Some(
            document_date(env.source_date_epoch.as_deref())
                .map_err(|message| fail(stderr, message))?,
        ),
        AnalyzeFormat::Report(_) => None,
    };
    let Opened {
        loaded,
        source,
        selection,
    } = open(&command.model, &names, stdin, stderr)?;
    // The model owns its text: a report does not need the source (213 MB for a million
    // handoffs) past this point, and the analysis may use its memory; a review keeps it
    // for its provenance, made once the analysis is done.
    let source = date.is_some().then_some(source);
    let roadmap = match command.format {
        AnalyzeFormat::Review {
            budget: Some(budget),
            ..
        } => Some(analysis::roadmap(&loaded.model, selection.strategy, budget)),
        _ => None,
    };
    let mut analysis = analysis::analyze(&loaded.model, selection.strategy);
    if command.rank_by != RankBy::Priority {
        analysis.rerank(&loaded.model, command.rank_by);
    }
    let provenance = source.zip(date).map(|(source, date)| {
        Provenance::new(origin(&command.model), source.as_bytes(), date, &env.args)
    });
    let report = Report::new(&loaded, &analysis);
    let output = command.output.as_deref();
    let outcome = match command.format {
        AnalyzeFormat::Review { format, top, .. } => {
            let options = ReviewOptions {
                top,
                roadmap,
                provenance,
            };
            emit(
                render::review_renderer(format).as_ref(),
                &Review::new(report, &options),
                output,
                stdout,
                stderr,
            )
        }
        AnalyzeFormat::Report(format) => emit(
            render::renderer(format).as_ref(),
            &report,
            output,
            stdout,
            stderr,
        ),
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
        &Report::new(&loaded, &analysis),
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
