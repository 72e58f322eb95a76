//! `gapgraph review PLAN MODEL`: last quarter's plan (its JSON, kept) against this
//! quarter's model, through the same load, render and error path as every command.

use std::io::{Read, Write};
use std::path::PathBuf;

use super::{
    emit, fail, load_and_analyze, one_standard_input, origin, read_model, Failed, Outcome,
};
use gapgraph::decide;
use gapgraph::render::{self, BenefitsFormat};
use gapgraph::view::BenefitsReview;

/// `review`: the benefits review.
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    /// The kept plan (`gapgraph.plan/v1` JSON), or `-` for standard input.
    pub plan: String,
    /// The model now, or `-` for standard input (when the plan is not).
    pub model: String,
    /// Output format.
    pub format: BenefitsFormat,
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
}

pub(super) fn review(
    command: Review,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    one_standard_input([("PLAN", &command.plan), ("MODEL", &command.model)], stderr)?;
    // The plan is read and checked first: a wrong file is refused before the model loads.
    let text = read_model(&command.plan, stdin, stderr)?;
    let baseline = decide::read_baseline(&text).map_err(|e| {
        fail(
            stderr,
            format!(
                "{}:{}:{}: {}",
                origin(&command.plan),
                e.line,
                e.column,
                e.message
            ),
        )
    })?;
    let (loaded, analysis) = load_and_analyze(&command.model, None, stdin, stderr)?;
    let benefits = decide::review(baseline, &loaded.model, &analysis);
    let report = BenefitsReview {
        model: &loaded.model,
        analysis: &analysis,
        benefits: &benefits,
    };
    let renderer = render::benefits_renderer(command.format);
    emit(
        renderer.as_ref(),
        &report,
        command.output.as_deref(),
        stdout,
        stderr,
    )
}
