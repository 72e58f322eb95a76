//! The JSON documents (docs/outputs.md): `gapgraph.report/v1` (report.rs),
//! `gapgraph.plan/v1` (plan.rs) and those of the decision commands. The wire types live
//! in this folder, built from the analysis results, so the analysis is free to change its own
//! data while these schemas stay pinned: a field renamed there is a compile error here,
//! never a silent change of the published format.

use std::borrow::Cow;
use std::io::Write;

use serde::{Serialize, Serializer};

use super::RenderError;

mod benefits;
mod decide;
mod diff;
mod explain;
mod impact;
mod plan;
mod plan_baseline;
mod report;
mod stream;
mod wire;

use crate::analysis::PathHop;
use crate::model::{IntegrationIx, Model, WorkflowIx};
pub use benefits::{BenefitsJson, BENEFITS_SCHEMA};
pub use decide::{CompareJson, SensitivityJson};
pub use decide::{COMPARE_SCHEMA, DIFF_SCHEMA, EXPLAIN_SCHEMA, SENSITIVITY_SCHEMA};
pub use diff::DiffJson;
pub use explain::ExplainJson;
pub use impact::{ImpactJson, IMPACT_SCHEMA};
pub use plan::PlanJson;
pub use report::{CompactJson, Json, COMPACT_TOP};

/// Things the results name by index (path hops, workflows, integrations), written as their
/// ids straight from the model: no list of strings is built.
struct Ids<'a, T> {
    model: &'a Model,
    items: &'a [T],
    text: fn(&'a Model, &T) -> Cow<'a, str>,
}

impl<T> Serialize for Ids<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.items.iter().map(|item| (self.text)(self.model, item)))
    }
}

fn path_ids<'a>(model: &'a Model, hops: &'a [PathHop]) -> Ids<'a, PathHop> {
    Ids {
        model,
        items: hops,
        text: |model, hop| hop.text(model),
    }
}

fn workflow_ids<'a>(model: &'a Model, workflows: &'a [WorkflowIx]) -> Ids<'a, WorkflowIx> {
    Ids {
        model,
        items: workflows,
        text: |model, w| Cow::Borrowed(&model.workflow(*w).id),
    }
}

fn integration_ids<'a>(
    model: &'a Model,
    integrations: &'a [IntegrationIx],
) -> Ids<'a, IntegrationIx> {
    Ids {
        model,
        items: integrations,
        text: |model, i| Cow::Borrowed(&model.integration(*i).id),
    }
}

/// The schema of `analyze --format json`.
pub const REPORT_SCHEMA: &str = "gapgraph.report/v1";

/// The schema of `analyze --format json --compact`.
pub const REPORT_COMPACT_SCHEMA: &str = "gapgraph.report-compact/v1";

/// The schema of `plan --format json`.
pub const PLAN_SCHEMA: &str = "gapgraph.plan/v1";

/// Pretty JSON with a final newline.
fn write_json(out: &mut dyn Write, value: &impl Serialize) -> Result<(), RenderError> {
    // serde_json writes token by token: a buffer in front of the writer turns millions of
    // small dynamic calls into a few large ones.
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    crate::text::write_json_pretty(&mut buffered, value).map_err(std::io::Error::from)?;
    buffered.write_all(b"\n")?;
    buffered.flush()?;
    Ok(())
}
