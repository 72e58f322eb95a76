//! The objects of `gapgraph.report/v1` (and of its compact form), each built from one
//! analysis result as it is written: no list of them is collected first, so a report of a
//! million handoffs never holds more than one gap's wire object at a time.

use std::borrow::Cow;

use indexmap::IndexMap;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::{integration_ids, path_ids, workflow_ids, Ids};
use crate::analysis::rules;
use crate::analysis::{Counts, Flag, Status, UnfixableReason};
use crate::analysis::{
    Fix, HandoffResult, Improvement, ObjectiveSplit, PathHop, Summary, SystemMeasures,
    UnitMeasures, WorkflowMeasures,
};
use crate::model::{IntegrationIx, Model, Source, WorkflowIx};

#[derive(Serialize)]
pub(super) struct SummaryWire {
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
pub(super) struct AssumptionsWire {
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
    pub(super) fn new(analysis: &crate::analysis::Analysis) -> Self {
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
pub(super) struct FixWire<'a> {
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
    workflows: Ids<'a, WorkflowIx>,
    objectives: Objectives<'a>,
    improves: Improvements<'a>,
    run_cost: f64,
    net_saving: f64,
    npv: f64,
    loses_money: bool,
    /// Where its cost and running cost come from: stated, default, imported, measured.
    cost_from: &'static str,
    run_cost_from: &'static str,
    /// Handoffs it makes dearer (a default-priced missing one given a longer path);
    /// left out when there are none.
    #[serde(skip_serializing_if = "Improvements::is_empty")]
    raises: Improvements<'a>,
}

impl<'a> FixWire<'a> {
    pub(super) fn new(model: &'a Model, f: &'a Fix) -> Self {
        FixWire {
            rank: f.rank,
            id: f.id.text(model),
            action: f.action.as_str(),
            from: &model.system(f.from).id,
            to: &model.system(f.to).id,
            carries: &f.carries,
            name: f.name(model),
            cost: f.cost,
            annual_hours_saved: f.annual_hours_saved,
            annual_saving: f.annual_saving,
            strategic_value: f.strategic_value,
            priority: f.priority,
            payback_months: f.payback_months,
            aligned: f.aligned,
            workflows: workflow_ids(model, &f.workflows),
            objectives: Objectives {
                model,
                split: &f.objectives,
            },
            improves: Improvements {
                model,
                items: &f.improves,
            },
            run_cost: f.run_cost,
            net_saving: f.net_saving,
            npv: f.npv,
            loses_money: f.loses_money(),
            cost_from: f.cost_basis(model).as_str(),
            run_cost_from: f.run_cost_basis(model).as_str(),
            raises: Improvements {
                model,
                items: &f.raises,
            },
        }
    }
}

/// A fix's value by objective, `{objective id: value}` in the strategy's order.
struct Objectives<'a> {
    model: &'a Model,
    split: &'a ObjectiveSplit,
}

impl Serialize for Objectives<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The split has one entry per objective the strategy weighs: ids are distinct.
        let mut map = serializer.serialize_map(Some(self.split.len()))?;
        for (o, v) in self.split {
            map.serialize_entry(self.model.objective(*o).id.as_str(), v)?;
        }
        map.end()
    }
}

/// The handoffs a fix makes cheaper (or dearer), each written as it is reached.
struct Improvements<'a> {
    model: &'a Model,
    items: &'a [Improvement],
}

impl Improvements<'_> {
    fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl Serialize for Improvements<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.items
                .iter()
                .map(|i| ImprovementWire::new(self.model, i)),
        )
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
        let workflow = model.workflow(i.workflow);
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
pub(super) struct GapWire<'a> {
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
    path_other_data: Option<Option<Ids<'a, IntegrationIx>>>,
}

impl<'a> GapWire<'a> {
    pub(super) fn new(
        model: &'a Model,
        h: &'a HandoffResult,
        unfixable: Option<UnfixableReason>,
    ) -> Self {
        let workflow = model.workflow(h.workflow);
        let by = rules::working_unit(workflow, h.handoff(model));
        GapWire {
            workflow: &model.workflow(h.workflow).id,
            step: h.step,
            from: &model.system(h.from).id,
            to: &model.system(h.to).id,
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
            by: by.map(|u| model.unit(u).id.as_str()),
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
pub(super) struct WorkflowWire<'a> {
    id: &'a str,
    unit: Option<&'a str>,
    #[serde(flatten)]
    counts: CountsWire,
    alignment: f64,
    name: &'a str,
    runs_per_year: f64,
}

impl<'a> WorkflowWire<'a> {
    pub(super) fn new(model: &'a Model, w: &'a WorkflowMeasures) -> Self {
        let workflow = model.workflow(w.workflow);
        WorkflowWire {
            id: &workflow.id,
            unit: workflow.unit.map(|u| model.unit(u).id.as_str()),
            counts: CountsWire::from(&w.counts),
            alignment: w.alignment,
            name: &workflow.name,
            runs_per_year: w.runs_per_year,
        }
    }
}

#[derive(Serialize)]
pub(super) struct UnitWire<'a> {
    id: &'a str,
    #[serde(flatten)]
    counts: CountsWire,
    name: &'a str,
    owner: Option<&'a str>,
}

impl<'a> UnitWire<'a> {
    pub(super) fn new(model: &'a Model, u: &'a UnitMeasures) -> Self {
        let unit = model.unit(u.unit);
        UnitWire {
            id: &unit.id,
            counts: CountsWire::from(&u.counts),
            name: &unit.name,
            owner: unit.owner.as_deref(),
        }
    }
}

#[derive(Serialize)]
pub(super) struct SystemWire<'a> {
    id: &'a str,
    kind: &'a str,
    workflows: Ids<'a, WorkflowIx>,
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
    pub(super) fn new(model: &'a Model, s: &'a SystemMeasures) -> Self {
        let system = model.system(s.system);
        SystemWire {
            id: &system.id,
            kind: system.kind.as_str(),
            workflows: workflow_ids(model, &s.workflows),
            strategic_contribution: s.strategic_contribution,
            flags: s.flags.iter().copied().map(Flag::as_str).collect(),
            name: &system.name,
            unit: system.unit.map(|u| model.unit(u).id.as_str()),
            owner: system.owner.as_deref(),
            satisfaction: system.satisfaction,
            annual_cost: system.annual_cost,
            lifecycle: system.lifecycle,
            criticality: system.criticality,
        }
    }
}
