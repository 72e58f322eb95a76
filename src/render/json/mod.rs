//! The JSON documents (docs/outputs.md): `gapgraph.report/v1` and `gapgraph.plan/v1`. The wire types
//! live here, built from the analysis results, so the analysis is free to change its own
//! data while these schemas stay pinned: a field renamed there is a compile error here,
//! never a silent change of the published format.

use crate::analysis::rules;
use std::borrow::Cow;
use std::io::Write;

use indexmap::IndexMap;
use serde::{Serialize, Serializer};

use super::{Render, RenderError};

mod benefits;
mod decide;
mod plan;
mod plan_baseline;

use crate::analysis::{Counts, Flag, Status, UnfixableReason};
use crate::analysis::{
    Fix, HandoffResult, Improvement, PathHop, Summary, SystemMeasures, UnitMeasures,
    WorkflowMeasures,
};
use crate::model::{Model, Source};
use crate::view::Report;
pub use benefits::{BenefitsJson, BENEFITS_SCHEMA};
pub use decide::{CompareJson, DiffJson, ExplainJson, SensitivityJson};
pub use decide::{COMPARE_SCHEMA, DIFF_SCHEMA, EXPLAIN_SCHEMA, SENSITIVITY_SCHEMA};
pub use plan::PlanJson;

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

fn workflow_ids<'a>(model: &'a Model, workflows: &'a [usize]) -> Ids<'a, usize> {
    Ids {
        model,
        items: workflows,
        text: |model, w| Cow::Borrowed(&model.workflows[*w].id),
    }
}

fn integration_ids<'a>(model: &'a Model, integrations: &'a [usize]) -> Ids<'a, usize> {
    Ids {
        model,
        items: integrations,
        text: |model, i| Cow::Borrowed(&model.integrations[*i].id),
    }
}

/// The schema of `analyze --format json`.
pub const REPORT_SCHEMA: &str = "gapgraph.report/v1";

/// The schema of `plan --format json`.
pub const PLAN_SCHEMA: &str = "gapgraph.plan/v1";

/// `analyze --format json`, listing the best `top` fixes (`None`: all).
pub struct Json {
    /// How many fixes to list.
    pub top: Option<usize>,
}

#[derive(Serialize)]
struct ReportDocument<'a> {
    schema: &'static str,
    model: Option<&'a str>,
    strategy: Option<&'a str>,
    currency: &'a str,
    summary: SummaryWire,
    assumptions: AssumptionsWire,
    fixes: Vec<FixWire<'a>>,
    gaps: Vec<GapWire<'a>>,
    workflows: Vec<WorkflowWire<'a>>,
    units: Vec<UnitWire<'a>>,
    systems: Vec<SystemWire<'a>>,
    warnings: Vec<String>,
}

#[derive(Serialize)]
struct SummaryWire {
    workflows: usize,
    handoffs: usize,
    automated: usize,
    manual: usize,
    missing: usize,
    automation_rate: Option<f64>,
    strategic_automation: Option<f64>,
    annual_hours: f64,
    annual_cost: f64,
    strategic_value: f64,
    annual_fte: f64,
}

/// `assumptions`: how much rests on defaults (docs/outputs.md).
#[derive(Serialize)]
struct AssumptionsWire {
    gap_hours: f64,
    gap_hours_on_defaults: f64,
    fixes_on_default_cost: usize,
    /// Gap hours by where they come from: stated, measured, imported, default.
    gap_hours_by_source: IndexMap<&'static str, f64>,
    /// Listed fixes by where their cost comes from.
    fix_costs_by_source: IndexMap<&'static str, usize>,
    /// Hours and cost a year of the gaps no listed fix lowers.
    unfixable_gap_hours: f64,
    unfixable_gap_cost: f64,
}

impl AssumptionsWire {
    fn new(analysis: &crate::analysis::Analysis) -> Self {
        let a = &analysis.assumptions;
        let (mut hours, mut cost) = (0.0, 0.0);
        for u in &analysis.unfixable {
            hours += analysis.handoffs[u.handoff].annual_hours;
            cost += analysis.handoffs[u.handoff].annual_cost;
        }
        AssumptionsWire {
            gap_hours: a.gap_hours,
            gap_hours_on_defaults: a.gap_hours_on_defaults,
            fixes_on_default_cost: a.fixes_on_default_cost,
            gap_hours_by_source: Source::ALL
                .iter()
                .map(|s| (s.as_str(), a.gap_hours_from(*s)))
                .collect(),
            fix_costs_by_source: Source::ALL
                .iter()
                .map(|s| (s.as_str(), a.fix_costs_from(*s)))
                .collect(),
            unfixable_gap_hours: hours,
            unfixable_gap_cost: cost,
        }
    }
}

/// Why no listed fix lowers a gap.
#[derive(Serialize)]
struct UnfixableWire {
    reason: &'static str,
    why: String,
}

impl From<&Summary> for SummaryWire {
    fn from(s: &Summary) -> Self {
        SummaryWire {
            workflows: s.workflows,
            handoffs: s.handoffs,
            automated: s.automated,
            manual: s.manual,
            missing: s.missing,
            automation_rate: s.automation_rate,
            strategic_automation: s.strategic_automation,
            annual_hours: s.annual_hours,
            annual_cost: s.annual_cost,
            strategic_value: s.strategic_value,
            annual_fte: s.annual_fte,
        }
    }
}

#[derive(Serialize)]
struct FixWire<'a> {
    rank: usize,
    id: Cow<'a, str>,
    action: &'static str,
    from: &'a str,
    to: &'a str,
    carries: &'a [String],
    name: Option<&'a str>,
    cost: f64,
    annual_hours_saved: f64,
    annual_saving: f64,
    strategic_value: f64,
    priority: Option<f64>,
    payback_months: Option<f64>,
    aligned: bool,
    workflows: Vec<&'a str>,
    objectives: IndexMap<&'a str, f64>,
    improves: Vec<ImprovementWire<'a>>,
    run_cost: f64,
    net_saving: f64,
    npv: f64,
    loses_money: bool,
    /// Where its cost and running cost come from: stated, default, imported, measured.
    cost_from: &'static str,
    run_cost_from: &'static str,
    /// Handoffs it makes dearer (a default-priced missing one given a longer path);
    /// left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    raises: Vec<ImprovementWire<'a>>,
}

impl<'a> FixWire<'a> {
    fn new(model: &'a Model, f: &'a Fix) -> Self {
        FixWire {
            rank: f.rank,
            id: f.id.text(model),
            action: f.action.as_str(),
            from: &model.systems[f.from].id,
            to: &model.systems[f.to].id,
            carries: &f.carries,
            name: f.name(model),
            cost: f.cost,
            annual_hours_saved: f.annual_hours_saved,
            annual_saving: f.annual_saving,
            strategic_value: f.strategic_value,
            priority: f.priority,
            payback_months: f.payback_months,
            aligned: f.aligned,
            workflows: f
                .workflows
                .iter()
                .map(|w| model.workflows[*w].id.as_str())
                .collect(),
            objectives: f
                .objectives
                .iter()
                .map(|(o, v)| (model.objectives[*o].id.as_str(), *v))
                .collect(),
            improves: f
                .improves
                .iter()
                .map(|i| ImprovementWire::new(model, i))
                .collect(),
            run_cost: f.run_cost,
            net_saving: f.net_saving,
            npv: f.npv,
            loses_money: f.loses_money(),
            cost_from: f.cost_basis(model).as_str(),
            run_cost_from: f.run_cost_basis(model).as_str(),
            raises: f
                .raises
                .iter()
                .map(|i| ImprovementWire::new(model, i))
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct ImprovementWire<'a> {
    workflow: &'a str,
    step: usize,
    data: &'a str,
    minutes_before: f64,
    minutes_after: f64,
    annual_hours_saved: f64,
}

impl<'a> ImprovementWire<'a> {
    fn new(model: &'a Model, i: &'a Improvement) -> Self {
        let workflow = &model.workflows[i.workflow];
        ImprovementWire {
            workflow: &workflow.id,
            step: i.step,
            data: i.data(model),
            minutes_before: i.minutes_before,
            minutes_after: i.minutes_after,
            annual_hours_saved: i.annual_hours_saved,
        }
    }
}

#[derive(Serialize)]
struct GapWire<'a> {
    workflow: &'a str,
    step: usize,
    from: &'a str,
    to: &'a str,
    data: &'a str,
    status: &'static str,
    minutes: f64,
    path: Ids<'a, PathHop>,
    runs_per_year: f64,
    annual_hours: f64,
    annual_cost: f64,
    alignment: f64,
    strategic_value: f64,
    path_minutes: Option<f64>,
    fallback_minutes: f64,
    minutes_source: &'static str,
    path_on_defaults: bool,
    /// The unit whose staff do the work (the handoff's `by`, else the workflow's unit).
    by: Option<&'a str>,
    hourly_cost: f64,
    /// Where its minutes and runs come from: stated, default, imported, measured (its
    /// hours are as good as the weaker of the two).
    minutes_from: &'static str,
    runs_from: &'static str,
    /// Some listed fix lowers it (or it costs nothing).
    fixable: bool,
    /// When no listed fix lowers it: why.
    #[serde(skip_serializing_if = "Option::is_none")]
    unfixable: Option<UnfixableWire>,
    /// Only on missing gaps: the path ignoring the data filter, or null.
    #[serde(skip_serializing_if = "Option::is_none")]
    path_other_data: Option<Option<Ids<'a, usize>>>,
}

impl<'a> GapWire<'a> {
    fn new(model: &'a Model, h: &'a HandoffResult, unfixable: Option<UnfixableReason>) -> Self {
        let workflow = &model.workflows[h.workflow];
        let by = rules::working_unit(workflow, h.handoff(model));
        GapWire {
            workflow: &model.workflows[h.workflow].id,
            step: h.step,
            from: &model.systems[h.from].id,
            to: &model.systems[h.to].id,
            data: h.data(model),
            status: h.status.as_str(),
            minutes: h.minutes,
            path: path_ids(model, &h.path),
            runs_per_year: h.runs_per_year,
            annual_hours: h.annual_hours,
            annual_cost: h.annual_cost,
            alignment: h.alignment,
            strategic_value: h.strategic_value,
            path_minutes: h.path_minutes,
            fallback_minutes: h.fallback_minutes,
            minutes_source: h.minutes_source.as_str(),
            path_on_defaults: h.path_defaults.any(),
            by: by.map(|u| model.units[u].id.as_str()),
            hourly_cost: h.hourly_cost,
            minutes_from: h.minutes_basis.as_str(),
            runs_from: h.runs_basis.as_str(),
            fixable: unfixable.is_none(),
            unfixable: unfixable.map(|reason| UnfixableWire {
                reason: reason.code(),
                why: reason.describe(model),
            }),
            path_other_data: (h.status == Status::Missing).then(|| {
                h.path_other_data
                    .as_deref()
                    .map(|integrations| integration_ids(model, integrations))
            }),
        }
    }
}

/// Handoff counts, written inline in each workflow and unit object.
#[derive(Serialize)]
struct CountsWire {
    handoffs: usize,
    automated: usize,
    manual: usize,
    missing: usize,
    automation_rate: Option<f64>,
    annual_hours: f64,
    annual_cost: f64,
}

impl From<&Counts> for CountsWire {
    fn from(c: &Counts) -> Self {
        CountsWire {
            handoffs: c.handoffs,
            automated: c.automated,
            manual: c.manual,
            missing: c.missing,
            automation_rate: c.automation_rate,
            annual_hours: c.annual_hours,
            annual_cost: c.annual_cost,
        }
    }
}

#[derive(Serialize)]
struct WorkflowWire<'a> {
    id: &'a str,
    unit: Option<&'a str>,
    #[serde(flatten)]
    counts: CountsWire,
    alignment: f64,
    name: &'a str,
    runs_per_year: f64,
}

impl<'a> WorkflowWire<'a> {
    fn new(model: &'a Model, w: &'a WorkflowMeasures) -> Self {
        let workflow = &model.workflows[w.workflow];
        WorkflowWire {
            id: &workflow.id,
            unit: workflow.unit.map(|u| model.units[u].id.as_str()),
            counts: CountsWire::from(&w.counts),
            alignment: w.alignment,
            name: &workflow.name,
            runs_per_year: w.runs_per_year,
        }
    }
}

#[derive(Serialize)]
struct UnitWire<'a> {
    id: &'a str,
    #[serde(flatten)]
    counts: CountsWire,
    name: &'a str,
    owner: Option<&'a str>,
}

impl<'a> UnitWire<'a> {
    fn new(model: &'a Model, u: &'a UnitMeasures) -> Self {
        let unit = &model.units[u.unit];
        UnitWire {
            id: &unit.id,
            counts: CountsWire::from(&u.counts),
            name: &unit.name,
            owner: unit.owner.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct SystemWire<'a> {
    id: &'a str,
    kind: &'a str,
    workflows: Ids<'a, usize>,
    strategic_contribution: f64,
    flags: Vec<&'static str>,
    name: &'a str,
    unit: Option<&'a str>,
    owner: Option<&'a str>,
    satisfaction: Option<f64>,
    annual_cost: Option<f64>,
    // Written only when the model gives them: reports of models without them are unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    lifecycle: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    criticality: Option<&'static str>,
}

impl<'a> SystemWire<'a> {
    fn new(model: &'a Model, s: &'a SystemMeasures) -> Self {
        let system = &model.systems[s.system];
        SystemWire {
            id: &system.id,
            kind: system.kind.as_str(),
            workflows: workflow_ids(model, &s.workflows),
            strategic_contribution: s.strategic_contribution,
            flags: s.flags.iter().copied().map(Flag::as_str).collect(),
            name: &system.name,
            unit: system.unit.map(|u| model.units[u].id.as_str()),
            owner: system.owner.as_deref(),
            satisfaction: system.satisfaction,
            annual_cost: system.annual_cost,
            lifecycle: system.lifecycle,
            criticality: system.criticality,
        }
    }
}

impl Render<Report<'_>> for Json {
    fn streams(&self) -> bool {
        true
    }

    fn render(&self, report: &Report, out: &mut dyn Write) -> Result<(), RenderError> {
        let analysis = report.analysis;
        let unfixable: std::collections::BTreeMap<(usize, usize), UnfixableReason> = analysis
            .unfixable
            .iter()
            .map(|u| {
                let h = &analysis.handoffs[u.handoff];
                ((h.workflow, h.step), u.reason)
            })
            .collect();
        let document = ReportDocument {
            schema: REPORT_SCHEMA,
            model: analysis.model_name.as_deref(),
            strategy: analysis.strategy.as_ref().map(|s| s.id.as_str()),
            currency: &analysis.currency,
            summary: SummaryWire::from(&analysis.summary),
            assumptions: AssumptionsWire::new(analysis),
            fixes: report
                .fixes(self.top)
                .iter()
                .map(|f| FixWire::new(report.model, f))
                .collect(),
            gaps: analysis
                .gaps(report.model)
                .into_iter()
                .map(|h| {
                    let reason = unfixable.get(&(h.workflow, h.step)).copied();
                    GapWire::new(report.model, h, reason)
                })
                .collect(),
            workflows: analysis
                .workflows
                .iter()
                .map(|w| WorkflowWire::new(report.model, w))
                .collect(),
            units: analysis
                .units
                .iter()
                .map(|u| UnitWire::new(report.model, u))
                .collect(),
            systems: analysis
                .systems
                .iter()
                .map(|s| SystemWire::new(report.model, s))
                .collect(),
            warnings: report.warning_lines(),
        };
        write_json(out, &document)
    }
}

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
