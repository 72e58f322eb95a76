//! `gapgraph.impact/v1` (docs/outputs.md): one change's impact (`"mode": "change"`) or
//! every system's loss ranked (`"mode": "each-system"`). Wire types only, built from the
//! results; the totals are the diff's summary, field by field.

use std::io::Write;

use indexmap::IndexMap;
use serde::Serialize;

use super::write_json;
use crate::decide::{AreaImpact, HandoffImpact, Impact, PlanSide, SystemLoss};
use crate::model::Model;
use crate::render::{Render, RenderError};
use crate::view::ImpactView;

/// The schema of `impact --format json`.
pub const IMPACT_SCHEMA: &str = "gapgraph.impact/v1";

#[derive(Serialize)]
struct Pair {
    before: Option<f64>,
    after: Option<f64>,
    delta: Option<f64>,
}

fn pair(before: f64, after: f64) -> Pair {
    Pair {
        before: Some(before),
        after: Some(after),
        delta: Some(after - before),
    }
}

#[derive(Serialize)]
struct ChangeWire<'a> {
    kind: &'static str,
    target: &'a str,
    with: Option<&'a str>,
}

#[derive(Serialize)]
struct HandoffWire<'a> {
    distance: Option<usize>,
    workflow: &'a str,
    step: usize,
    from: &'a str,
    to: &'a str,
    from_after: Option<&'a str>,
    to_after: Option<&'a str>,
    data: &'a str,
    status_before: &'static str,
    status_after: Option<&'static str>,
    minutes: Pair,
    path_before: &'a [String],
    path_after: &'a [String],
    annual_hours: Pair,
    annual_cost: Pair,
    strategic_value: Pair,
}

impl<'a> From<&'a HandoffImpact> for HandoffWire<'a> {
    fn from(h: &'a HandoffImpact) -> Self {
        HandoffWire {
            distance: h.distance,
            workflow: &h.workflow,
            step: h.step,
            from: &h.from,
            to: &h.to,
            from_after: h.ends_after.as_ref().map(|e| e.0.as_str()),
            to_after: h.ends_after.as_ref().map(|e| e.1.as_str()),
            data: &h.data,
            status_before: h.status_before.as_str(),
            status_after: h.status_after.map(crate::analysis::Status::as_str),
            minutes: pair(h.minutes.0, h.minutes.1),
            path_before: &h.path.0,
            path_after: &h.path.1,
            annual_hours: pair(h.annual_hours.0, h.annual_hours.1),
            annual_cost: pair(h.annual_cost.0, h.annual_cost.1),
            strategic_value: pair(h.strategic_value.0, h.strategic_value.1),
        }
    }
}

#[derive(Serialize)]
struct AreaWire<'a> {
    id: &'a str,
    handoffs: usize,
    annual_hours: Pair,
    annual_cost: Pair,
}

fn areas(list: &[AreaImpact]) -> Vec<AreaWire<'_>> {
    list.iter()
        .map(|a| AreaWire {
            id: &a.id,
            handoffs: a.handoffs,
            annual_hours: pair(a.annual_hours.0, a.annual_hours.1),
            annual_cost: pair(a.annual_cost.0, a.annual_cost.1),
        })
        .collect()
}

#[derive(Serialize)]
struct FixWire<'a> {
    id: &'a str,
    action: &'static str,
    rank_before: Option<usize>,
    rank_after: Option<usize>,
    strategic_value_before: Option<f64>,
    strategic_value_after: Option<f64>,
}

#[derive(Serialize)]
struct BudgetWire<'a> {
    budget: f64,
    before: &'a PlanSideWire<'a>,
    after: &'a PlanSideWire<'a>,
}

#[derive(Serialize)]
struct PlanSideWire<'a> {
    picks: &'a [String],
    cost: f64,
    annual_saving: f64,
    strategic_value: f64,
    annual_hours_after: f64,
}

fn plan_side(p: &PlanSide) -> PlanSideWire<'_> {
    PlanSideWire {
        picks: &p.picks,
        cost: p.cost,
        annual_saving: p.annual_saving,
        strategic_value: p.strategic_value,
        annual_hours_after: p.annual_hours_after,
    }
}

#[derive(Serialize)]
struct IntegrationWire<'a> {
    id: &'a str,
    from: &'a str,
    to: &'a str,
    mode: &'static str,
}

#[derive(Serialize)]
struct Integrations<'a> {
    removed: Vec<IntegrationWire<'a>>,
    added: Vec<IntegrationWire<'a>>,
}

#[derive(Serialize)]
struct ChangeDocument<'a> {
    schema: &'static str,
    mode: &'static str,
    model: Option<&'a str>,
    strategy: Option<&'a str>,
    currency: &'a str,
    change: Option<ChangeWire<'a>>,
    totals: IndexMap<&'static str, Pair>,
    handoffs: Vec<HandoffWire<'a>>,
    workflows: Vec<AreaWire<'a>>,
    units: Vec<AreaWire<'a>>,
    fixes: Vec<FixWire<'a>>,
    budget: Option<BudgetWire<'a>>,
    integrations: Integrations<'a>,
    notes: &'a [String],
}

fn change_document<'a>(impact: &'a Impact, strategy: Option<&'a str>) -> ChangeDocument<'a> {
    let d = &impact.diff;
    let integrations = |list: &'a [crate::decide::IntegrationChange]| {
        list.iter()
            .map(|i| IntegrationWire {
                id: &i.id,
                from: &i.from,
                to: &i.to,
                mode: i.mode.as_str(),
            })
            .collect()
    };
    ChangeDocument {
        schema: IMPACT_SCHEMA,
        mode: "change",
        model: d.old_name.as_deref(),
        strategy,
        currency: &d.currency,
        change: impact.change.as_ref().map(|c| ChangeWire {
            kind: c.kind,
            target: &c.target,
            with: c.with.as_deref(),
        }),
        totals: d
            .summary
            .iter()
            .map(|c| {
                let p = Pair {
                    before: c.before,
                    after: c.after,
                    delta: c.delta(),
                };
                (c.name, p)
            })
            .collect(),
        handoffs: impact.handoffs.iter().map(HandoffWire::from).collect(),
        workflows: areas(&impact.workflows),
        units: areas(&impact.units),
        fixes: impact
            .fixes
            .iter()
            .map(|f| FixWire {
                id: &f.id,
                action: f.action.as_str(),
                rank_before: f.rank.0,
                rank_after: f.rank.1,
                strategic_value_before: f.strategic_value.0,
                strategic_value_after: f.strategic_value.1,
            })
            .collect(),
        budget: None,
        integrations: Integrations {
            removed: integrations(&d.integrations_removed),
            added: integrations(&d.integrations_added),
        },
        notes: &impact.notes,
    }
}

#[derive(Serialize)]
struct LossWire<'a> {
    rank: usize,
    id: &'a str,
    name: &'a str,
    handoffs: usize,
    workflows: usize,
    automated_lost: usize,
    annual_hours: f64,
    annual_cost: f64,
    strategic_value: f64,
}

#[derive(Serialize)]
struct EachSystemDocument<'a> {
    schema: &'static str,
    mode: &'static str,
    model: Option<&'a str>,
    strategy: Option<&'a str>,
    currency: &'a str,
    systems: Vec<LossWire<'a>>,
}

fn each_system<'a>(
    model: &'a Model,
    losses: &'a [SystemLoss],
    strategy: Option<&'a str>,
) -> EachSystemDocument<'a> {
    EachSystemDocument {
        schema: IMPACT_SCHEMA,
        mode: "each-system",
        model: model.name.as_deref(),
        strategy,
        currency: &model.currency,
        systems: losses
            .iter()
            .enumerate()
            .map(|(k, l)| LossWire {
                rank: k + 1,
                id: &model.system(l.system).id,
                name: &model.system(l.system).name,
                handoffs: l.handoffs,
                workflows: l.workflows,
                automated_lost: l.automated_lost,
                annual_hours: l.annual_hours,
                annual_cost: l.annual_cost,
                strategic_value: l.strategic_value,
            })
            .collect(),
    }
}

/// `impact --format json`.
pub struct ImpactJson;

impl Render<ImpactView<'_>> for ImpactJson {
    fn render(&self, view: &ImpactView, out: &mut dyn Write) -> Result<(), RenderError> {
        match *view {
            ImpactView::Change { impact, strategy } => {
                let sides = impact
                    .budget
                    .as_ref()
                    .map(|b| (b.budget, plan_side(&b.before), plan_side(&b.after)));
                let mut document = change_document(impact, strategy);
                document.budget = sides.as_ref().map(|(budget, before, after)| BudgetWire {
                    budget: *budget,
                    before,
                    after,
                });
                write_json(out, &document)
            }
            ImpactView::EachSystem {
                model,
                losses,
                strategy,
            } => write_json(out, &each_system(model, losses, strategy)),
        }
    }
}
