//! The `gapgraph.report/v1` JSON document (CLI.md).

use std::io::Write;

use serde::Serialize;

use super::{Render, RenderError, Report};
use crate::analysis::{
    Fix, HandoffResult, Summary, SystemMeasures, UnitMeasures, WorkflowMeasures,
};

/// `analyze --format json`.
pub struct Json;

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    model: Option<&'a str>,
    strategy: Option<&'a str>,
    currency: &'a str,
    summary: &'a Summary,
    fixes: &'a [Fix],
    gaps: Vec<&'a HandoffResult>,
    workflows: &'a [WorkflowMeasures],
    units: &'a [UnitMeasures],
    systems: &'a [SystemMeasures],
    warnings: Vec<String>,
}

impl Render for Json {
    fn render(&self, report: &Report, out: &mut dyn Write) -> Result<(), RenderError> {
        let analysis = report.analysis;
        let document = Document {
            schema: "gapgraph.report/v1",
            model: analysis.model_name.as_deref(),
            strategy: analysis.strategy.as_ref().map(|s| s.id.as_str()),
            currency: &analysis.currency,
            summary: &analysis.summary,
            fixes: report.fixes(None),
            gaps: analysis.gaps(),
            workflows: &analysis.workflows,
            units: &analysis.units,
            systems: &analysis.systems,
            warnings: report.warning_lines(),
        };
        write_json(out, &document)
    }
}

/// Pretty JSON with a final newline.
pub fn write_json(out: &mut dyn Write, value: &impl Serialize) -> Result<(), RenderError> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::from)?;
    out.write_all(b"\n")?;
    Ok(())
}
