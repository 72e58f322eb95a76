//! The measures of every report (docs/scoring.md, section 8): per workflow, unit, system, and the
//! summary.

use super::candidates::Action;
use super::resolve::{Alignment, HandoffResult, Status};
use super::rules;
use super::value::Fix;
use crate::model::{Mode, Model, Source, SystemIx, UnitIx, WorkflowIx};

/// Handoff counts and cost of a group of handoffs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts {
    /// Handoffs.
    pub handoffs: usize,
    /// Of which automated.
    pub automated: usize,
    /// Of which manual.
    pub manual: usize,
    /// Of which missing.
    pub missing: usize,
    /// automated / handoffs (`null` without handoffs).
    pub automation_rate: Option<f64>,
    /// Σ annual hours.
    pub annual_hours: f64,
    /// Σ annual cost.
    pub annual_cost: f64,
}

impl Counts {
    fn add(&mut self, h: &HandoffResult) {
        self.handoffs += 1;
        match h.status {
            Status::Automated => self.automated += 1,
            Status::Manual => self.manual += 1,
            Status::Missing => self.missing += 1,
        }
        self.annual_hours += h.annual_hours;
        self.annual_cost += h.annual_cost;
        self.automation_rate = Some(self.automated as f64 / self.handoffs as f64);
    }
}

/// Measures of one workflow.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkflowMeasures {
    /// The workflow (its id, name and unit are the model's).
    pub workflow: WorkflowIx,
    /// Counts and cost.
    pub counts: Counts,
    /// Alignment with the strategy in force.
    pub alignment: f64,
    /// Runs a year.
    pub runs_per_year: f64,
}

/// Measures of one declared unit.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitMeasures {
    /// The unit (its id, name and owner are the model's).
    pub unit: UnitIx,
    /// Counts and cost summed over its workflows.
    pub counts: Counts,
}

/// An audit flag on a system.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    /// No workflow touches it.
    Unused,
    /// Touched only by workflows with alignment 0.
    Unaligned,
    /// Not a manual kind, and no effectively automated integration touches it.
    Island,
    /// A manual kind that a workflow touches.
    ShadowIt,
}

impl Flag {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Unused => "unused",
            Flag::Unaligned => "unaligned",
            Flag::Island => "island",
            Flag::ShadowIt => "shadow-it",
        }
    }
}

/// Measures of one system.
#[derive(Clone, Debug, PartialEq)]
pub struct SystemMeasures {
    /// The system (its id, name, kind, unit, owner, rating and cost are the model's).
    pub system: SystemIx,
    /// Workflows whose handoffs have it as an end or on their path, file order.
    pub workflows: Vec<WorkflowIx>,
    /// Σ alignment of those workflows.
    pub strategic_contribution: f64,
    /// Audit flags.
    pub flags: Vec<Flag>,
}

/// Whole-model figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Workflows.
    pub workflows: usize,
    /// Handoffs.
    pub handoffs: usize,
    /// Automated handoffs.
    pub automated: usize,
    /// Manual handoffs.
    pub manual: usize,
    /// Missing handoffs.
    pub missing: usize,
    /// Σ runs × \[automated\] / Σ runs (`null` without handoffs).
    pub automation_rate: Option<f64>,
    /// The same weighted by runs × alignment (`null` when that weight is 0).
    pub strategic_automation: Option<f64>,
    /// Hours a year of all gaps.
    pub annual_hours: f64,
    /// annual_hours / defaults.fte_hours: the gaps' hours as full-time people.
    pub annual_fte: f64,
    /// Cost a year of all gaps.
    pub annual_cost: f64,
    /// Strategic value of all gaps.
    pub strategic_value: f64,
}

/// How much of the result rests on defaults rather than on figures the model states
/// (docs/outputs.md, `assumptions`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Assumptions {
    /// Σ annual hours of the gaps (= `Summary::annual_hours`).
    pub gap_hours: f64,
    /// Σ annual hours of the gaps whose minutes per run rest on a default.
    pub gap_hours_on_defaults: f64,
    /// Listed fixes costing `defaults.integration_cost` for want of anything more specific.
    pub fixes_on_default_cost: usize,
    /// Listed fixes.
    pub fixes: usize,
    /// Σ annual hours of the gaps by where their hours come from, in [`Source::ALL`]'s
    /// order (stated, measured, imported, default).
    pub gap_hours_by_source: [f64; 4],
    /// Listed fixes by where their cost comes from, in [`Source::ALL`]'s order.
    pub fix_costs_by_source: [usize; 4],
}

impl Assumptions {
    /// Σ annual hours of the gaps whose hours come from `source`.
    pub fn gap_hours_from(&self, source: Source) -> f64 {
        self.gap_hours_by_source[source_slot(source)]
    }

    /// Listed fixes whose cost comes from `source`.
    pub fn fix_costs_from(&self, source: Source) -> usize {
        self.fix_costs_by_source[source_slot(source)]
    }

    /// The share of gap hours that rest on defaults (`None` without gap hours).
    pub fn default_share(&self) -> Option<f64> {
        (self.gap_hours > 0.0).then(|| self.gap_hours_on_defaults / self.gap_hours)
    }
}

fn source_slot(source: Source) -> usize {
    Source::ALL
        .iter()
        .position(|s| *s == source)
        .expect("ALL lists every source")
}

impl Assumptions {
    /// Of today's `handoffs` and the ranked `fixes`: every connect fix is priced at the
    /// default, an automate fix when its integration has no `fix_cost`, a catalog fix never.
    pub fn of(model: &Model, handoffs: &[HandoffResult], fixes: &[Fix]) -> Assumptions {
        let mut out = Assumptions {
            fixes: fixes.len(),
            ..Assumptions::default()
        };
        // Summed in file order, like `Summary::annual_hours`, so the two are equal.
        for h in handoffs.iter().filter(|h| h.status.is_gap()) {
            out.gap_hours += h.annual_hours;
            if h.rests_on_defaults() {
                out.gap_hours_on_defaults += h.annual_hours;
            }
            out.gap_hours_by_source[source_slot(h.basis())] += h.annual_hours;
        }
        for f in fixes {
            out.fix_costs_by_source[source_slot(f.cost_basis(model))] += 1;
        }
        out.fixes_on_default_cost = fixes
            .iter()
            .filter(|f| match f.action {
                Action::Connect => true,
                Action::Automate => f
                    .integration
                    .is_some_and(|i| model.integration(i).fix_cost.is_none()),
                Action::Catalog => false,
            })
            .count();
        out
    }
}

/// All measures of one analysis.
pub struct Measures {
    /// Summary.
    pub summary: Summary,
    /// Per workflow.
    pub workflows: Vec<WorkflowMeasures>,
    /// Per unit.
    pub units: Vec<UnitMeasures>,
    /// Per system.
    pub systems: Vec<SystemMeasures>,
}

/// Every measure of docs/scoring.md, section 8.
pub fn measure(model: &Model, handoffs: &[HandoffResult], alignment: &Alignment) -> Measures {
    Measures {
        summary: summary(model, handoffs),
        workflows: workflow_measures(model, handoffs, alignment),
        units: unit_measures(model, handoffs),
        systems: system_measures(model, handoffs, alignment),
    }
}

/// Each workflow's counts, summed in handoff order.
fn workflow_measures(
    model: &Model,
    handoffs: &[HandoffResult],
    alignment: &Alignment,
) -> Vec<WorkflowMeasures> {
    let mut workflows: Vec<WorkflowMeasures> = model
        .workflows
        .iter()
        .enumerate()
        .map(|(w, wf)| WorkflowMeasures {
            workflow: WorkflowIx::new(w),
            counts: Counts::default(),
            alignment: alignment.per_workflow[w],
            runs_per_year: rules::workflow_runs_per_year(wf),
        })
        .collect();
    for h in handoffs {
        workflows[h.workflow.index()].counts.add(h);
    }
    workflows
}

/// Each unit's counts over the workflows it owns.
fn unit_measures(model: &Model, handoffs: &[HandoffResult]) -> Vec<UnitMeasures> {
    // One pass over the handoffs; each unit still sums its own in handoff order.
    let mut units: Vec<UnitMeasures> = model
        .unit_ixs()
        .map(|unit| UnitMeasures {
            unit,
            counts: Counts::default(),
        })
        .collect();
    for h in handoffs {
        if let Some(u) = model.workflow(h.workflow).unit {
            units[u.index()].counts.add(h);
        }
    }
    units
}

/// Per system: the workflows touching it, their alignment and the audit's flags.
fn system_measures(
    model: &Model,
    handoffs: &[HandoffResult],
    alignment: &Alignment,
) -> Vec<SystemMeasures> {
    let mut touching = workflows_touching(model, handoffs);
    let mut automated_end = vec![false; model.systems.len()];
    for i in &model.integrations {
        if rules::effective_mode(model, i.mode, i.from, i.to) == Mode::Automated {
            automated_end[i.from.index()] = true;
            automated_end[i.to.index()] = true;
        }
    }
    model
        .systems
        .iter()
        .enumerate()
        .map(|(s, system)| {
            let mut ws = std::mem::take(&mut touching[s]);
            ws.sort_unstable();
            let manual_kind = system.kind.is_manual();
            let mut flags = Vec::new();
            if ws.is_empty() {
                flags.push(Flag::Unused);
            } else if ws.iter().all(|w| alignment.per_workflow[w.index()] == 0.0) {
                flags.push(Flag::Unaligned);
            }
            if !manual_kind && !automated_end[s] {
                flags.push(Flag::Island);
            }
            if manual_kind && !ws.is_empty() {
                flags.push(Flag::ShadowIt);
            }
            SystemMeasures {
                system: SystemIx::new(s),
                strategic_contribution: ws
                    .iter()
                    .fold(0.0, |sum, w| sum + alignment.per_workflow[w.index()]),
                workflows: ws,
                flags,
            }
        })
        .collect()
}

/// Which workflows touch which system: handoff ends and the systems on reported paths.
fn workflows_touching(model: &Model, handoffs: &[HandoffResult]) -> Vec<Vec<WorkflowIx>> {
    let mut touching: Vec<Vec<WorkflowIx>> = vec![Vec::new(); model.systems.len()];
    for h in handoffs {
        let on_path = h
            .path_integrations()
            .flat_map(|i| [model.integration(i).from, model.integration(i).to]);
        for s in [h.from, h.to].into_iter().chain(on_path) {
            // Handoffs come workflow by workflow, so a repeat is always the last entry.
            if touching[s.index()].last() != Some(&h.workflow) {
                touching[s.index()].push(h.workflow);
            }
        }
    }
    touching
}

/// The model's totals, summed in handoff order.
pub fn summary(model: &Model, handoffs: &[HandoffResult]) -> Summary {
    let mut runs = 0.0;
    let mut automated_runs = 0.0;
    let mut weighted = 0.0;
    let mut automated_weighted = 0.0;
    let mut summary = Summary {
        workflows: model.workflows.len(),
        handoffs: handoffs.len(),
        automated: 0,
        manual: 0,
        missing: 0,
        automation_rate: None,
        strategic_automation: None,
        annual_hours: 0.0,
        annual_fte: 0.0,
        annual_cost: 0.0,
        strategic_value: 0.0,
    };
    for h in handoffs {
        runs += h.runs_per_year;
        weighted += h.runs_per_year * h.alignment;
        match h.status {
            Status::Automated => {
                summary.automated += 1;
                automated_runs += h.runs_per_year;
                automated_weighted += h.runs_per_year * h.alignment;
            }
            Status::Manual => summary.manual += 1,
            Status::Missing => summary.missing += 1,
        }
        if h.status.is_gap() {
            summary.annual_hours += h.annual_hours;
            summary.annual_cost += h.annual_cost;
            summary.strategic_value += h.strategic_value;
        }
    }
    summary.annual_fte = summary.annual_hours / model.defaults.fte_hours;
    summary.automation_rate = (!handoffs.is_empty()).then(|| automated_runs / runs);
    summary.strategic_automation = (weighted > 0.0).then(|| automated_weighted / weighted);
    summary
}
