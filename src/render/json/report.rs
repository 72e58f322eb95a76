//! `gapgraph.report/v1`, the document of `analyze --format json`, and its compact form
//! `gapgraph.report-compact/v1` (the summary, the top fixes and gaps and the counts). Both
//! are written as they are walked: every list goes out item by item from the analysis, so
//! a landscape's report (a million handoffs, a gigabyte of JSON) holds no copy of itself.

use std::io::Write;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::stream::TopObject;
use super::wire::{
    AssumptionsWire, FixWire, GapWire, SummaryWire, SystemWire, UnitWire, WorkflowWire,
};
use super::{write_json, REPORT_COMPACT_SCHEMA, REPORT_SCHEMA};
use crate::analysis::{Analysis, UnfixableReason};
use crate::render::{Render, RenderError};
use crate::view::Report;

/// `analyze --format json`, listing the best `top` fixes (`None`: all).
pub struct Json {
    /// How many fixes to list.
    pub top: Option<usize>,
}

/// `analyze --format json --compact`: the summary, the best `top` fixes, the `top` gaps of
/// most strategic cost and the `top` costliest gaps no fix closes, the units, the counts
/// of every list and the warnings grouped as the terminal shows them.
pub struct CompactJson {
    /// How many fixes and gaps to list.
    pub top: usize,
}

/// Fixes and gaps the compact report lists when `--top` is not given.
pub const COMPACT_TOP: usize = 10;

/// A list written straight from the iterator `F` makes: nothing is collected.
struct Each<F>(F);

impl<F, I> Serialize for Each<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// Why no listed fix lowers the handoff at `index`, if none does (`unfixable` is in
/// handoff order).
fn unfixable_reason(analysis: &Analysis, index: usize) -> Option<UnfixableReason> {
    analysis
        .unfixable
        .binary_search_by_key(&index, |u| u.handoff)
        .ok()
        .map(|k| analysis.unfixable[k].reason)
}

/// The gap at handoff `index` as the report writes it.
fn gap<'a>(report: &Report<'a>, index: usize) -> GapWire<'a> {
    let analysis = report.analysis;
    GapWire::new(
        report.model,
        &analysis.handoffs[index],
        unfixable_reason(analysis, index),
    )
}

/// The fields every form of the report starts with: schema, model, strategy, currency,
/// summary and assumptions.
fn head<S: SerializeStruct>(
    document: &mut S,
    schema: &'static str,
    analysis: &Analysis,
) -> Result<(), S::Error> {
    document.serialize_field("schema", schema)?;
    document.serialize_field("model", &analysis.model_name.as_deref())?;
    document.serialize_field(
        "strategy",
        &analysis.strategy.as_ref().map(|s| s.id.as_str()),
    )?;
    document.serialize_field("currency", analysis.currency.as_str())?;
    document.serialize_field("summary", &SummaryWire::from(&analysis.summary))?;
    document.serialize_field("assumptions", &AssumptionsWire::new(analysis))
}

/// The whole report: every gap, workflow, unit and system, the long lists serialized on
/// every core (stream.rs).
fn write_report(
    out: &mut dyn Write,
    report: &Report,
    top: Option<usize>,
) -> Result<(), RenderError> {
    let (analysis, model) = (report.analysis, report.model);
    let gaps = analysis.gap_indexes(model);
    // serde_json writes token by token: a buffer in front of the writer turns millions of
    // small dynamic calls into a few large ones.
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    let write = |out: &mut dyn Write| -> serde_json::Result<()> {
        let mut document = TopObject::new(out)?;
        head(&mut document, REPORT_SCHEMA, analysis)?;
        document.list("fixes", report.fixes(top), |f| FixWire::new(model, f))?;
        document.list("gaps", &gaps, |&h| gap(report, h))?;
        document.list("workflows", &analysis.workflows, |w| {
            WorkflowWire::new(model, w)
        })?;
        document.list("units", &analysis.units, |u| UnitWire::new(model, u))?;
        document.list("systems", &analysis.systems, |s| SystemWire::new(model, s))?;
        document.serialize_field("warnings", &report.warning_lines())?;
        document.end()
    };
    write(&mut buffered).map_err(std::io::Error::from)?;
    buffered.write_all(b"\n")?;
    buffered.flush()?;
    Ok(())
}

impl Render<Report<'_>> for Json {
    fn streams(&self) -> bool {
        true
    }

    fn render(&self, report: &Report, out: &mut dyn Write) -> Result<(), RenderError> {
        write_report(out, report, self.top)
    }
}

/// How long each list of the full report is, for the compact one.
#[derive(Serialize)]
struct CountsOfLists {
    fixes: usize,
    gaps: usize,
    unfixable_gaps: usize,
    workflows: usize,
    units: usize,
    systems: usize,
    flagged_systems: usize,
    warnings: usize,
}

/// The compact report (docs/outputs.md, "The compact JSON report").
struct CompactDocument<'r, 'a> {
    report: &'r Report<'a>,
    top: usize,
}

impl Serialize for CompactDocument<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let report = self.report;
        let (analysis, model) = (report.analysis, report.model);
        let mut gaps = analysis.gap_indexes(model);
        let counts = CountsOfLists {
            fixes: analysis.fixes.len(),
            gaps: gaps.len(),
            unfixable_gaps: analysis.unfixable.len(),
            workflows: analysis.workflows.len(),
            units: analysis.units.len(),
            systems: analysis.systems.len(),
            flagged_systems: analysis
                .systems
                .iter()
                .filter(|s| !s.flags.is_empty())
                .count(),
            warnings: report.warnings.len(),
        };
        gaps.truncate(self.top);
        let unfixable = analysis.unfixable_costliest(model, self.top);
        let mut document = serializer.serialize_struct("CompactDocument", 13)?;
        head(&mut document, REPORT_COMPACT_SCHEMA, analysis)?;
        document.serialize_field("top", &self.top)?;
        document.serialize_field("counts", &counts)?;
        let fixes = report.fixes(Some(self.top));
        document.serialize_field(
            "fixes",
            &Each(|| fixes.iter().map(|f| FixWire::new(model, f))),
        )?;
        document.serialize_field("gaps", &Each(|| gaps.iter().map(|&h| gap(report, h))))?;
        document.serialize_field(
            "unfixable",
            &Each(|| unfixable.iter().map(|u| gap(report, u.handoff))),
        )?;
        document.serialize_field(
            "units",
            &Each(|| analysis.units.iter().map(|u| UnitWire::new(model, u))),
        )?;
        document.serialize_field("warnings", &report.readable_warning_lines())?;
        document.end()
    }
}

impl Render<Report<'_>> for CompactJson {
    fn streams(&self) -> bool {
        true
    }

    fn render(&self, report: &Report, out: &mut dyn Write) -> Result<(), RenderError> {
        write_json(
            out,
            &CompactDocument {
                report,
                top: self.top,
            },
        )
    }
}
