//! The analysis of docs/scoring.md: resolve every handoff, find the gaps, generate fix
//! candidates, value each alone against the whole model, rank them, and measure.
//! Pure functions over a validated [`Model`]; every result carries its explanation.

mod affected;
mod candidates;
mod engine;
mod graph;
mod ids;
mod improved_by;
mod local;
mod loss;
mod lowered;
mod measures;
mod network;
mod plan;
mod ranking;
mod reach;
mod resolve;
mod revalue;
pub mod rules;
mod search;
mod unfixable;
mod valuation;
mod value;

use std::sync::OnceLock;

use crate::model::{Model, ObjectiveIx, StrategyIx};

pub use candidates::{candidates, Action, Candidate};
pub use ids::{path_ids, FixId, PathHop};
pub use improved_by::FixesByHandoff;
pub use loss::{system_losses, SystemLoss};
pub use measures::{
    Assumptions, Counts, Flag, Summary, SystemMeasures, UnitMeasures, WorkflowMeasures,
};
pub use network::{Hop, Network, Route};
pub use plan::{plan, plan_run, roadmap, with_fixes, Plan, PlanRun, PlanStep, Roadmap};
pub use resolve::{resolve_all, Alignment, DefaultHops, HandoffResult, MinutesSource, Status};
pub use revalue::{Revaluation, Saved};
pub use unfixable::{unfixable, Unfixable, UnfixableReason};
pub use value::{npv, rank, spec_order, Fix, Improvement, RankBy};

/// The strategy in force, with its weights, for reports that explain the ranking.
#[derive(Clone, Debug, PartialEq)]
pub struct StrategyInForce {
    /// Index into `Model::strategies`.
    pub index: StrategyIx,
    /// Identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Objectives with their weights, in the strategy's order.
    pub weights: Vec<ObjectiveWeight>,
}

/// One objective's weight in the strategy in force.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectiveWeight {
    /// Objective id.
    pub id: String,
    /// Objective name.
    pub name: String,
    /// Its weight.
    pub weight: f64,
}

crate::model::index_types! {
    /// A position in [`Analysis::fixes`] (the ranked fixes), as `gapgraph explain`
    /// selects one; valid for the analysis it came from until it is reranked.
    FixIx;
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
    /// How much of the result rests on defaults.
    pub assumptions: Assumptions,
    /// The gaps with hours that no listed fix lowers, with why.
    pub unfixable: Vec<Unfixable>,
    /// Per workflow, file order.
    pub workflows: Vec<WorkflowMeasures>,
    /// Per declared unit, file order.
    pub units: Vec<UnitMeasures>,
    /// Per system, file order.
    pub systems: Vec<SystemMeasures>,
    /// The index of `fixes` by the handoffs they improve, made on first use (only focused
    /// maps need it) and dropped when the fixes are reranked.
    improved_by: OnceLock<FixesByHandoff>,
}

impl Analysis {
    /// The fix at `ix`.
    pub fn fix(&self, ix: FixIx) -> &Fix {
        &self.fixes[ix.index()]
    }

    /// Orders the fixes by `by` instead (ties fall back to the spec's ranking).
    pub fn rerank(&mut self, model: &Model, by: RankBy) {
        self.fixes = rank(model, std::mem::take(&mut self.fixes), by);
        self.ranked_by = by;
        self.improved_by = OnceLock::new();
    }

    /// The fixes that improve each handoff, as positions in `fixes`.
    pub fn improved_by(&self) -> &FixesByHandoff {
        self.improved_by
            .get_or_init(|| FixesByHandoff::new(&self.fixes))
    }

    /// The gaps no listed fix lowers, costliest first (then workflow id, then step): the
    /// first `limit` of them.
    pub fn unfixable_costliest(&self, model: &Model, limit: usize) -> Vec<&Unfixable> {
        let mut all: Vec<&Unfixable> = self.unfixable.iter().collect();
        let cost = |u: &Unfixable| self.handoffs[u.handoff].annual_cost;
        let key = |u: &Unfixable| {
            let h = &self.handoffs[u.handoff];
            (model.workflow(h.workflow).id.as_bytes(), h.step)
        };
        all.sort_by(|a, b| {
            cost(b)
                .total_cmp(&cost(a))
                .then_with(|| key(a).cmp(&key(b)))
        });
        all.truncate(limit);
        all
    }

    /// The gaps (manual or missing handoffs), by strategic value descending, then workflow
    /// id, then step.
    pub fn gaps(&self, model: &Model) -> Vec<&HandoffResult> {
        self.gap_indexes(model)
            .into_iter()
            .map(|h| &self.handoffs[h])
            .collect()
    }

    /// [`Analysis::gaps`] as indexes into `handoffs`.
    pub fn gap_indexes(&self, model: &Model) -> Vec<usize> {
        // Each gap's value is sorted beside its index rather than read through `handoffs` at
        // each comparison, which misses the cache nearly every time at landscape scale; only
        // equal values look further. Workflow ids are unique and a workflow's steps differ,
        // so no two gaps compare equal and the unstable sort gives the one order there is.
        let mut keyed: Vec<(f64, usize)> = self
            .handoffs
            .iter()
            .enumerate()
            .filter(|(_, h)| h.status.is_gap())
            .map(|(i, h)| (h.strategic_value, i))
            .collect();
        let id = |h: &HandoffResult| model.workflow(h.workflow).id.as_bytes();
        keyed.sort_unstable_by(|(a_value, a), (b_value, b)| {
            b_value.total_cmp(a_value).then_with(|| {
                let (a, b) = (&self.handoffs[*a], &self.handoffs[*b]);
                id(a).cmp(id(b)).then_with(|| a.step.cmp(&b.step))
            })
        });
        keyed.into_iter().map(|(_, i)| i).collect()
    }
}

/// The strategy at `index` of the model (`None`: no strategy), with its weights. Which
/// strategy is in force is settled before analysis, when the command line's identifiers
/// are resolved ([`crate::select`]).
pub fn strategy_in_force(model: &Model, index: Option<StrategyIx>) -> Option<StrategyInForce> {
    index.map(|index| {
        let s = model.strategy(index);
        StrategyInForce {
            index,
            id: s.id.clone(),
            name: s.name.clone(),
            weights: s
                .weights
                .iter()
                .map(|(o, w)| ObjectiveWeight {
                    id: model.objective(*o).id.clone(),
                    name: model.objective(*o).name.clone(),
                    weight: *w,
                })
                .collect(),
        }
    })
}

/// Runs the whole analysis under the strategy at `strategy` (`None`: no strategy, every
/// workflow counts in full). A [`StrategyIx`] comes from the model (`model.default_strategy`,
/// [`Model::strategy_index`], [`Model::strategy_ixs`]), so it always names one of its
/// strategies.
///
/// ```
/// let source = "
/// currency: USD
/// defaults: {hourly_cost: 50}
/// systems: {crm: {}, accounting: {}}
/// integrations:
///   - {from: accounting, to: crm, carries: [payment-status], mode: manual, minutes: 5}
/// workflows:
///   lead-to-cash:
///     runs: {count: 400, per: month}
///     handoffs: [{from: accounting, to: crm, data: payment-status}]
/// ";
/// let model = gapgraph::load_str(source, "model.yaml").unwrap().model;
/// let analysis = gapgraph::analysis::analyze(&model, model.default_strategy);
/// // 400 runs a month x 12 x 5 minutes = 400 hours a year, at USD 50 an hour.
/// assert_eq!(analysis.summary.annual_hours, 400.0);
/// assert_eq!(analysis.summary.manual, 1);
/// assert_eq!(analysis.handoffs[0].minutes, 5.0);
/// assert_eq!(analysis.handoffs[0].annual_cost, 20_000.0);
/// // The one fix: automate the manual integration.
/// assert_eq!(analysis.fixes[0].annual_hours_saved, 400.0);
/// ```
///
/// Under a strategy the model names:
///
/// ```
/// let source = "
/// objectives: {customer-growth: {}, manufacturing-cost: {}}
/// strategies:
///   cost-down: {weights: {manufacturing-cost: 1}}
///   growth: {weights: {customer-growth: 1}}
/// systems: {crm: {}, erp: {}}
/// workflows:
///   order-to-cash:
///     runs: {count: 10, per: month}
///     serves: {customer-growth: 1}
///     handoffs: [{from: crm, to: erp, data: order}]
/// ";
/// let model = gapgraph::load_str(source, "model.yaml").unwrap().model;
/// let growth = model.strategy_index("growth").expect("the model declares `growth`");
/// let analysis = gapgraph::analysis::analyze(&model, Some(growth));
/// assert_eq!(analysis.strategy.as_ref().unwrap().id, "growth");
/// // The first declared strategy is the default; the workflow serves none of its objectives.
/// let default = gapgraph::analysis::analyze(&model, model.default_strategy);
/// assert_eq!(default.strategy.as_ref().unwrap().id, "cost-down");
/// assert!(analysis.fixes[0].strategic_value > default.fixes[0].strategic_value);
/// ```
pub fn analyze(model: &Model, strategy: Option<StrategyIx>) -> Analysis {
    let strategy = strategy_in_force(model, strategy);
    let alignment = Alignment::new(model, strategy.as_ref().map(|s| s.index));
    let network = Network::of_model(model);
    // One engine (graph arrays, reachability labels, search buffers) serves both stages.
    let mut engine = engine::Engine::new(model, &network);
    let handoffs = resolve::resolve_with(model, &network, &alignment, &mut engine);
    let pool = candidates(model, &handoffs);
    let lowered = lowered::lowered_all(model, &network, &handoffs, &pool, &mut engine);
    // The fixes are made without the engine and the network: a landscape's analysis never
    // holds the three at once (docs/performance.md, issue 25).
    drop(engine);
    drop(network);
    let fixes = rank(
        model,
        lowered::fixes_of(model, &handoffs, &alignment, pool, lowered),
        RankBy::Priority,
    );
    let measures = measures::measure(model, &handoffs, &alignment);
    let assumptions = Assumptions::of(model, &handoffs, &fixes);
    let unfixable = unfixable(model, &handoffs, &fixes);
    Analysis {
        model_name: model.name.clone(),
        currency: model.currency.clone(),
        strategy,
        handoffs,
        fixes,
        ranked_by: RankBy::Priority,
        summary: measures.summary,
        assumptions,
        unfixable,
        workflows: measures.workflows,
        units: measures.units,
        systems: measures.systems,
        improved_by: OnceLock::new(),
    }
}

/// The fixes that save something under the strategy at `strategy`, valued as [`analyze`]
/// values them but neither ranked nor measured further (in candidate order): what
/// `sensitivity` needs of each of its samples.
pub fn valued_fixes(model: &Model, strategy: Option<StrategyIx>) -> Vec<Fix> {
    let alignment = Alignment::new(model, strategy);
    let network = Network::of_model(model);
    let mut engine = engine::Engine::new(model, &network);
    let handoffs = resolve::resolve_with(model, &network, &alignment, &mut engine);
    let pool = candidates(model, &handoffs);
    lowered::value_with(model, &network, &handoffs, &alignment, &pool, &mut engine)
}

/// Per-objective split of a value: (objective index, value), in the strategy's order.
pub type ObjectiveSplit = Vec<(ObjectiveIx, f64)>;
