//! The JSON documents (CLI.md): `gapgraph.report/v1` and `gapgraph.plan/v1`. The wire types
//! live here, built from the analysis results, so the analysis is free to change its own
//! data while these schemas stay pinned: a field renamed there is a compile error here,
//! never a silent change of the published format.

use std::io::Write;

use indexmap::IndexMap;
use serde::Serialize;

use super::plan::PlanReport;
use super::{Render, RenderError, Report};
use crate::analysis::{Counts, Flag};
use crate::analysis::{
    Fix, HandoffResult, Improvement, PlanStep, Summary, SystemMeasures, UnitMeasures,
    WorkflowMeasures,
};

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
        }
    }
}

#[derive(Serialize)]
struct FixWire<'a> {
    rank: usize,
    id: &'a str,
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
    workflows: &'a [String],
    objectives: IndexMap<&'a str, f64>,
    improves: Vec<ImprovementWire<'a>>,
}

impl<'a> From<&'a Fix> for FixWire<'a> {
    fn from(f: &'a Fix) -> Self {
        FixWire {
            rank: f.rank,
            id: &f.id,
            action: f.action.as_str(),
            from: &f.from,
            to: &f.to,
            carries: &f.carries,
            name: f.name.as_deref(),
            cost: f.cost,
            annual_hours_saved: f.annual_hours_saved,
            annual_saving: f.annual_saving,
            strategic_value: f.strategic_value,
            priority: f.priority,
            payback_months: f.payback_months,
            aligned: f.aligned,
            workflows: &f.workflows,
            objectives: f.objectives.iter().map(|(o, v)| (o.as_str(), *v)).collect(),
            improves: f.improves.iter().map(ImprovementWire::from).collect(),
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

impl<'a> From<&'a Improvement> for ImprovementWire<'a> {
    fn from(i: &'a Improvement) -> Self {
        ImprovementWire {
            workflow: &i.workflow,
            step: i.step,
            data: &i.data,
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
    path: &'a [String],
    runs_per_year: f64,
    annual_hours: f64,
    annual_cost: f64,
    alignment: f64,
    strategic_value: f64,
    path_minutes: Option<f64>,
    fallback_minutes: f64,
}

impl<'a> From<&'a HandoffResult> for GapWire<'a> {
    fn from(h: &'a HandoffResult) -> Self {
        GapWire {
            workflow: &h.workflow,
            step: h.step,
            from: &h.from,
            to: &h.to,
            data: &h.data,
            status: h.status.as_str(),
            minutes: h.minutes,
            path: &h.path,
            runs_per_year: h.runs_per_year,
            annual_hours: h.annual_hours,
            annual_cost: h.annual_cost,
            alignment: h.alignment,
            strategic_value: h.strategic_value,
            path_minutes: h.path_minutes,
            fallback_minutes: h.fallback_minutes,
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

impl<'a> From<&'a WorkflowMeasures> for WorkflowWire<'a> {
    fn from(w: &'a WorkflowMeasures) -> Self {
        WorkflowWire {
            id: &w.id,
            unit: w.unit.as_deref(),
            counts: CountsWire::from(&w.counts),
            alignment: w.alignment,
            name: &w.name,
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

impl<'a> From<&'a UnitMeasures> for UnitWire<'a> {
    fn from(u: &'a UnitMeasures) -> Self {
        UnitWire {
            id: &u.id,
            counts: CountsWire::from(&u.counts),
            name: &u.name,
            owner: u.owner.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct SystemWire<'a> {
    id: &'a str,
    kind: &'a str,
    workflows: &'a [String],
    strategic_contribution: f64,
    flags: Vec<&'static str>,
    name: &'a str,
    unit: Option<&'a str>,
    owner: Option<&'a str>,
    satisfaction: Option<f64>,
    annual_cost: Option<f64>,
}

impl<'a> From<&'a SystemMeasures> for SystemWire<'a> {
    fn from(s: &'a SystemMeasures) -> Self {
        SystemWire {
            id: &s.id,
            kind: s.kind,
            workflows: &s.workflows,
            strategic_contribution: s.strategic_contribution,
            flags: s.flags.iter().copied().map(Flag::as_str).collect(),
            name: &s.name,
            unit: s.unit.as_deref(),
            owner: s.owner.as_deref(),
            satisfaction: s.satisfaction,
            annual_cost: s.annual_cost,
        }
    }
}

impl Render<Report<'_>> for Json {
    fn render(&self, report: &Report, out: &mut dyn Write) -> Result<(), RenderError> {
        let analysis = report.analysis;
        let document = ReportDocument {
            schema: REPORT_SCHEMA,
            model: analysis.model_name.as_deref(),
            strategy: analysis.strategy.as_ref().map(|s| s.id.as_str()),
            currency: &analysis.currency,
            summary: SummaryWire::from(&analysis.summary),
            fixes: report.fixes(self.top).iter().map(FixWire::from).collect(),
            gaps: analysis.gaps().into_iter().map(GapWire::from).collect(),
            workflows: analysis.workflows.iter().map(WorkflowWire::from).collect(),
            units: analysis.units.iter().map(UnitWire::from).collect(),
            systems: analysis.systems.iter().map(SystemWire::from).collect(),
            warnings: report.warning_lines(),
        };
        write_json(out, &document)
    }
}

#[derive(Serialize)]
struct PlanDocument<'a> {
    schema: &'static str,
    strategy: Option<&'a str>,
    currency: &'a str,
    budget: f64,
    spent: f64,
    annual_saving: f64,
    strategic_value: f64,
    automation_rate_before: Option<f64>,
    steps: Vec<PlanStepWire<'a>>,
    left_undone: Vec<UndoneWire<'a>>,
}

/// A fix the budget left undone, valued against the model with every pick built.
#[derive(Serialize)]
struct UndoneWire<'a> {
    rank: usize,
    id: &'a str,
    action: &'static str,
    from: &'a str,
    to: &'a str,
    cost: f64,
    annual_hours_saved: f64,
    annual_saving: f64,
    strategic_value: f64,
}

#[derive(Serialize)]
struct PlanStepWire<'a> {
    step: usize,
    id: &'a str,
    action: &'static str,
    from: &'a str,
    to: &'a str,
    cost: f64,
    annual_hours_saved: f64,
    annual_saving: f64,
    strategic_value: f64,
    cumulative_cost: f64,
    cumulative_saving: f64,
    cumulative_strategic_value: f64,
    automation_rate: Option<f64>,
}

impl<'a> PlanStepWire<'a> {
    fn new(s: &'a PlanStep, automation_rate: Option<f64>) -> Self {
        PlanStepWire {
            step: s.step,
            id: &s.id,
            action: s.action.as_str(),
            from: &s.from,
            to: &s.to,
            cost: s.cost,
            annual_hours_saved: s.annual_hours_saved,
            annual_saving: s.annual_saving,
            strategic_value: s.strategic_value,
            cumulative_cost: s.cumulative_cost,
            cumulative_saving: s.cumulative_saving,
            cumulative_strategic_value: s.cumulative_strategic_value,
            automation_rate,
        }
    }
}

/// `plan --format json`.
pub struct PlanJson;

impl Render<PlanReport<'_>> for PlanJson {
    fn render(&self, report: &PlanReport, out: &mut dyn Write) -> Result<(), RenderError> {
        let totals = report.totals();
        let document = PlanDocument {
            schema: PLAN_SCHEMA,
            strategy: report.strategy.map(|s| s.id.as_str()),
            currency: report.currency,
            budget: report.plan().budget,
            spent: totals.spent,
            annual_saving: totals.annual_saving,
            strategic_value: totals.strategic_value,
            automation_rate_before: report.roadmap.automation_before,
            steps: report
                .plan()
                .steps
                .iter()
                .zip(&report.roadmap.automation_after)
                .map(|(s, a)| PlanStepWire::new(s, *a))
                .collect(),
            left_undone: report
                .roadmap
                .left_undone
                .iter()
                .map(|f| UndoneWire {
                    rank: f.rank,
                    id: &f.id,
                    action: f.action.as_str(),
                    from: &f.from,
                    to: &f.to,
                    cost: f.cost,
                    annual_hours_saved: f.annual_hours_saved,
                    annual_saving: f.annual_saving,
                    strategic_value: f.strategic_value,
                })
                .collect(),
        };
        write_json(out, &document)
    }
}

/// Pretty JSON with a final newline.
pub(super) fn write_json(out: &mut dyn Write, value: &impl Serialize) -> Result<(), RenderError> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::from)?;
    out.write_all(b"\n")?;
    Ok(())
}
