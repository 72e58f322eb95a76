//! The analysis of MODEL.md sections 4-7: resolve every handoff, find the gaps, generate fix
//! candidates, value each alone against the whole model, rank them, and measure.
//! Pure functions over a validated [`Model`]; every result carries its explanation.

mod candidates;
mod engine;
mod graph;
mod measures;
mod network;
mod plan;
mod resolve;
mod search;
mod valuation;
mod value;

use indexmap::IndexMap;
use serde::Serialize;

use crate::diagnostic::did_you_mean;
use crate::model::Model;

pub use candidates::{candidates, Action, Candidate};
pub use measures::{Summary, SystemMeasures, UnitMeasures, WorkflowMeasures};
pub use network::{Hop, Network, Route};
pub use plan::{plan, Plan, PlanStep};
pub use resolve::{resolve_all, Alignment, HandoffResult, Status};
pub use value::{rank, Fix, Improvement, RankBy};

/// Why an analysis could not run.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum AnalysisError {
    /// `--strategy` names no strategy of the model.
    #[error("unknown strategy `{wanted}`{}", hint(.suggestion, .known))]
    UnknownStrategy {
        /// What was asked for.
        wanted: String,
        /// The nearest known id.
        suggestion: Option<String>,
        /// Every known id.
        known: Vec<String>,
    },
}

fn hint(suggestion: &Option<String>, known: &[String]) -> String {
    match (suggestion, known.is_empty()) {
        (Some(s), _) => format!("; {s}"),
        (None, true) => "; the model declares no strategies".to_string(),
        (None, false) => format!("; known strategies: {}", known.join(", ")),
    }
}

/// The strategy in force, with its weights, for reports that explain the ranking.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StrategyInForce {
    /// Index into `Model::strategies`.
    #[serde(skip)]
    pub index: usize,
    /// Identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Objectives with their weights, in the strategy's order.
    pub weights: Vec<ObjectiveWeight>,
}

/// One objective's weight in the strategy in force.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ObjectiveWeight {
    /// Objective id.
    pub id: String,
    /// Objective name.
    pub name: String,
    /// Its weight.
    pub weight: f64,
}

/// Everything a report shows.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The model's name.
    pub model_name: Option<String>,
    /// Display currency.
    pub currency: String,
    /// The strategy in force, or `None` when the model has none.
    pub strategy: Option<StrategyInForce>,
    /// Every handoff, workflows in file order, steps in order.
    pub handoffs: Vec<HandoffResult>,
    /// Ranked fixes (all of them; renderers apply `--top`).
    pub fixes: Vec<Fix>,
    /// The order of `fixes`.
    pub ranked_by: RankBy,
    /// Summary figures.
    pub summary: Summary,
    /// Per workflow, file order.
    pub workflows: Vec<WorkflowMeasures>,
    /// Per declared unit, file order.
    pub units: Vec<UnitMeasures>,
    /// Per system, file order.
    pub systems: Vec<SystemMeasures>,
}

impl Analysis {
    /// Orders the fixes by `by` instead (ties fall back to the spec's ranking).
    pub fn rerank(&mut self, by: RankBy) {
        self.fixes = rank(std::mem::take(&mut self.fixes), by);
        self.ranked_by = by;
    }

    /// The gaps (manual or missing handoffs), by strategic value descending, then workflow
    /// id, then step.
    pub fn gaps(&self) -> Vec<&HandoffResult> {
        let mut gaps: Vec<&HandoffResult> =
            self.handoffs.iter().filter(|h| h.status.is_gap()).collect();
        gaps.sort_by(|a, b| {
            b.strategic_value
                .total_cmp(&a.strategic_value)
                .then_with(|| a.workflow.as_bytes().cmp(b.workflow.as_bytes()))
                .then_with(|| a.step.cmp(&b.step))
        });
        gaps
    }
}

/// Picks the strategy in force: `wanted`, else the model's `strategy`, else the first.
pub fn strategy_in_force(
    model: &Model,
    wanted: Option<&str>,
) -> Result<Option<StrategyInForce>, AnalysisError> {
    let index = match wanted {
        Some(id) => match model.strategy_index(id) {
            Some(i) => Some(i),
            None => {
                let known: Vec<String> = model.strategies.iter().map(|s| s.id.clone()).collect();
                return Err(AnalysisError::UnknownStrategy {
                    wanted: id.to_string(),
                    suggestion: did_you_mean(id, known.iter().map(String::as_str)),
                    known,
                });
            }
        },
        None => model.default_strategy,
    };
    Ok(index.map(|index| {
        let s = &model.strategies[index];
        StrategyInForce {
            index,
            id: s.id.clone(),
            name: s.name.clone(),
            weights: s
                .weights
                .iter()
                .map(|(o, w)| ObjectiveWeight {
                    id: model.objectives[*o].id.clone(),
                    name: model.objectives[*o].name.clone(),
                    weight: *w,
                })
                .collect(),
        }
    }))
}

/// Runs the whole analysis under the strategy `wanted` (default: the model's).
pub fn analyze(model: &Model, wanted: Option<&str>) -> Result<Analysis, AnalysisError> {
    let strategy = strategy_in_force(model, wanted)?;
    let alignment = Alignment::new(model, strategy.as_ref().map(|s| s.index));
    let network = Network::of_model(model);
    let handoffs = resolve::resolve_all(model, &network, &alignment);
    let pool = candidates(model, &handoffs);
    let fixes = rank(
        value::value_all(model, &network, &handoffs, &alignment, &pool),
        RankBy::Priority,
    );
    let measures = measures::measure(model, &handoffs, &alignment);
    Ok(Analysis {
        model_name: model.name.clone(),
        currency: model.currency.clone(),
        strategy,
        handoffs,
        fixes,
        ranked_by: RankBy::Priority,
        summary: measures.summary,
        workflows: measures.workflows,
        units: measures.units,
        systems: measures.systems,
    })
}

/// Per-objective split of a value, keyed by objective id, in the strategy's order.
pub type ObjectiveSplit = IndexMap<String, f64>;
