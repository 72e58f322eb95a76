//! Resolving every handoff of every workflow, and pricing it (MODEL.md section 4).

use super::engine::{Engine, HandoffKey};
use super::network::{Network, Route};
use crate::model::{Handoff, Model, Workflow};

/// How a handoff is served today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// A path with no human minutes exists.
    Automated,
    /// The best way has a person in it.
    Manual,
    /// No path at all: people work around the systems.
    Missing,
}

impl Status {
    /// Manual and missing handoffs are gaps.
    pub fn is_gap(self) -> bool {
        self != Status::Automated
    }

    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Automated => "automated",
            Status::Manual => "manual",
            Status::Missing => "missing",
        }
    }
}

/// Workflow alignment under the strategy in force, and its split by objective.
#[derive(Clone, Debug)]
pub struct Alignment {
    /// alignment(W, S) per workflow, file order (1 for all without a strategy).
    pub per_workflow: Vec<f64>,
    /// (objective id, weight, serves per workflow) for each objective weighed positively.
    parts: Vec<(String, f64, Vec<f64>)>,
    total_weight: f64,
}

impl Alignment {
    /// Alignment of every workflow under strategy `strategy` (index), or 1 without one.
    pub fn new(model: &Model, strategy: Option<usize>) -> Alignment {
        let Some(strategy) = strategy.map(|s| &model.strategies[s]) else {
            return Alignment {
                per_workflow: vec![1.0; model.workflows.len()],
                parts: Vec::new(),
                total_weight: 0.0,
            };
        };
        let total_weight = strategy.total_weight();
        let per_workflow = model
            .workflows
            .iter()
            .map(|w| {
                strategy
                    .weights
                    .iter()
                    .fold(0.0, |sum, (o, weight)| sum + weight * w.serves(*o))
                    / total_weight
            })
            .collect();
        let parts = strategy
            .weights
            .iter()
            .filter(|(_, weight)| *weight > 0.0)
            .map(|(o, weight)| {
                (
                    model.objectives[*o].id.clone(),
                    *weight,
                    model.workflows.iter().map(|w| w.serves(*o)).collect(),
                )
            })
            .collect();
        Alignment {
            per_workflow,
            parts,
            total_weight,
        }
    }

    /// `cost` × S.weights[o] × W.serves[o] / Σ S.weights for each objective weighed
    /// positively, in the strategy's order.
    pub fn split(&self, workflow: usize, cost: f64) -> impl Iterator<Item = (&str, f64)> + '_ {
        self.parts.iter().map(move |(id, weight, serves)| {
            (
                id.as_str(),
                cost * weight * serves[workflow] / self.total_weight,
            )
        })
    }

    /// The objective ids of [`Alignment::split`], in order.
    pub fn objective_ids(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().map(|(id, _, _)| id.as_str())
    }
}

/// One handoff, resolved and priced.
#[derive(Clone, Debug, PartialEq)]
pub struct HandoffResult {
    /// Workflow id.
    pub workflow: String,
    /// 1-based position in the workflow.
    pub step: usize,
    /// Source system id.
    pub from: String,
    /// Target system id.
    pub to: String,
    /// The data object.
    pub data: String,
    /// Automated, manual or missing.
    pub status: Status,
    /// Human minutes per run.
    pub minutes: f64,
    /// Integration ids of the least path (empty when missing).
    pub path: Vec<String>,
    /// Runs a year of the workflow.
    pub runs_per_year: f64,
    /// runs_per_year × minutes / 60.
    pub annual_hours: f64,
    /// annual_hours × the unit's hourly cost.
    pub annual_cost: f64,
    /// Alignment of the workflow with the strategy in force.
    pub alignment: f64,
    /// annual_cost × alignment.
    pub strategic_value: f64,
    /// Minutes along the least path, `null` without a path.
    pub path_minutes: Option<f64>,
    /// Minutes to do it around the systems (the handoff's `minutes` or the default).
    pub fallback_minutes: f64,
    /// Workflow index.
    pub workflow_index: usize,
    /// Source system index.
    pub from_index: usize,
    /// Target system index.
    pub to_index: usize,
    /// The path as integration indexes.
    pub path_integrations: Vec<usize>,
}

/// Minutes per run of a handoff given its least path and fallback (section 4, step 5).
pub fn status_and_minutes(path_minutes: Option<f64>, fallback: f64) -> (Status, f64) {
    match path_minutes {
        Some(m) if m <= 0.0 => (Status::Automated, 0.0),
        Some(m) => (Status::Manual, m.min(fallback)),
        None => (Status::Missing, fallback),
    }
}

/// runs_per_year × minutes / 60.
pub fn annual_hours(runs_per_year: f64, minutes: f64) -> f64 {
    runs_per_year * minutes / 60.0
}

/// How often a handoff happens a year: the one place that decides it.
pub fn runs_per_year(workflow: &Workflow, handoff: &Handoff) -> f64 {
    handoff.runs_per_year(workflow)
}

/// Resolves every handoff against `network`.
pub fn resolve_all(model: &Model, network: &Network, alignment: &Alignment) -> Vec<HandoffResult> {
    let mut engine = Engine::new(model, network);
    let all: Vec<u32> = (0..engine.keys.len() as u32).collect();
    let routes = engine.routes(&all);
    engine
        .keys
        .iter()
        .zip(routes)
        .map(|(key, route)| priced(model, network, alignment, key, route))
        .collect()
}

/// Resolves the handoffs `handoffs` (indexes into `results`) again in the engine's current
/// graph, which stands for `network`.
pub fn resolve_again(
    model: &Model,
    network: &Network,
    alignment: &Alignment,
    engine: &mut Engine,
    handoffs: &[u32],
    results: &mut [HandoffResult],
) {
    let routes = engine.routes(handoffs);
    for (&k, route) in handoffs.iter().zip(routes) {
        results[k as usize] = priced(model, network, alignment, &engine.keys[k as usize], route);
    }
}

/// One handoff priced from its least route (section 4, step 5 onwards).
fn priced(
    model: &Model,
    network: &Network,
    alignment: &Alignment,
    key: &HandoffKey,
    route: Option<Route>,
) -> HandoffResult {
    let w = key.workflow as usize;
    let workflow = &model.workflows[w];
    let handoff = &workflow.handoffs[key.step as usize];
    let runs_per_year = runs_per_year(workflow, handoff);
    let hourly = model.hourly_cost(workflow);
    let fallback = handoff.minutes.unwrap_or(model.defaults.missing_minutes);
    let (status, minutes) = status_and_minutes(route.as_ref().map(|r| r.minutes), fallback);
    let hops = route
        .as_ref()
        .map(|r| r.hops.as_slice())
        .unwrap_or_default();
    let annual_hours = annual_hours(runs_per_year, minutes);
    let annual_cost = annual_hours * hourly;
    HandoffResult {
        workflow: workflow.id.clone(),
        step: key.step as usize + 1,
        from: model.systems[handoff.from].id.clone(),
        to: model.systems[handoff.to].id.clone(),
        data: handoff.data.clone(),
        status,
        minutes,
        path: hops.iter().map(|h| network.hops()[*h].id.clone()).collect(),
        runs_per_year,
        annual_hours,
        annual_cost,
        alignment: alignment.per_workflow[w],
        strategic_value: annual_cost * alignment.per_workflow[w],
        path_minutes: route.as_ref().map(|r| r.minutes),
        fallback_minutes: fallback,
        workflow_index: w,
        from_index: handoff.from,
        to_index: handoff.to,
        path_integrations: hops
            .iter()
            .filter_map(|h| network.hops()[*h].integration)
            .collect(),
    }
}
