//! Resolving every handoff of every workflow, and pricing it (docs/scoring.md, sections 1-2).

use super::engine::{Engine, HandoffKey};
use super::graph::Graph;
use super::ids::PathHop;
use super::network::{Network, Route};
use super::rules;
use crate::model::IntegrationIx;
use crate::model::{
    Handoff, Mode, Model, ObjectiveIx, Source, StrategyIx, SystemIx, Workflow, WorkflowIx,
};
use crate::parallel::concat_in_order;

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

/// Which figure gave a handoff its minutes per run (docs/outputs.md, `assumptions`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MinutesSource {
    /// The handoff's own `minutes` (no path, or quicker than the path).
    Handoff,
    /// `defaults.missing_minutes`: no path, and no `minutes` of its own.
    Default,
    /// The least path's minutes (0 when automated).
    Path,
}

impl MinutesSource {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            MinutesSource::Handoff => "handoff",
            MinutesSource::Default => "default",
            MinutesSource::Path => "path",
        }
    }
}

/// Which default minutes the hops of a reported path take.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DefaultHops {
    /// Some hop takes `defaults.semi_minutes`.
    pub semi: bool,
    /// Some hop takes `defaults.manual_minutes`.
    pub manual: bool,
}

impl DefaultHops {
    /// Some hop of the path takes default minutes.
    pub fn any(self) -> bool {
        self.semi || self.manual
    }
}

/// Workflow alignment under the strategy in force, and its split by objective.
#[derive(Clone, Debug)]
pub struct Alignment {
    /// alignment(W, S) per workflow, file order (1 for all without a strategy).
    pub per_workflow: Vec<f64>,
    /// (objective index, weight, serves per workflow) for each objective weighed positively.
    parts: Vec<(ObjectiveIx, f64, Vec<f64>)>,
    total_weight: f64,
}

impl Alignment {
    /// Alignment of every workflow under strategy `strategy` (index), or 1 without one.
    pub fn new(model: &Model, strategy: Option<StrategyIx>) -> Alignment {
        let Some(strategy) = strategy.map(|s| model.strategy(s)) else {
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
                    *o,
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

    /// `cost × S.weights[o] × W.serves[o] / Σ S.weights` for each objective weighed
    /// positively, in the strategy's order.
    pub fn split(&self, workflow: WorkflowIx, cost: f64) -> impl Iterator<Item = f64> + '_ {
        let w = workflow.index();
        self.parts
            .iter()
            .map(move |(_, weight, serves)| cost * weight * serves[w] / self.total_weight)
    }

    /// The objectives (indexes) of [`Alignment::split`], in order.
    pub fn objectives(&self) -> impl Iterator<Item = ObjectiveIx> + '_ {
        self.parts.iter().map(|(o, _, _)| *o)
    }
}

/// One handoff, resolved and priced.
#[derive(Clone, Debug, PartialEq)]
pub struct HandoffResult {
    /// The workflow.
    pub workflow: WorkflowIx,
    /// 1-based position in the workflow.
    pub step: usize,
    /// Source system.
    pub from: SystemIx,
    /// Target system.
    pub to: SystemIx,
    /// Automated, manual or missing.
    pub status: Status,
    /// Human minutes per run.
    pub minutes: f64,
    /// The hops of the least path (empty when missing).
    pub path: Vec<PathHop>,
    /// Runs a year of the workflow.
    pub runs_per_year: f64,
    /// runs_per_year × minutes / 60.
    pub annual_hours: f64,
    /// annual_hours × the hourly cost of the unit doing the work.
    pub annual_cost: f64,
    /// The hourly cost of the unit doing the work (the handoff's `by`, else its workflow's).
    pub hourly_cost: f64,
    /// Alignment of the workflow with the strategy in force.
    pub alignment: f64,
    /// annual_cost × alignment.
    pub strategic_value: f64,
    /// Minutes along the least path, `null` without a path.
    pub path_minutes: Option<f64>,
    /// Minutes to do it around the systems (the handoff's `minutes` or the default).
    pub fallback_minutes: f64,
    /// The handoff's own `minutes`, when it states them.
    pub stated_minutes: Option<f64>,
    /// Which figure `minutes` is.
    pub minutes_source: MinutesSource,
    /// Which default minutes the hops of the reported path take (none without a path).
    pub path_defaults: DefaultHops,
    /// Where `minutes` comes from: the handoff's own figure's source, the weakest of the
    /// path's non-zero hops, or `default`.
    pub minutes_basis: Source,
    /// Where `runs_per_year` comes from: the handoff's `runs`, else its workflow's.
    pub runs_basis: Source,
    /// On a missing handoff of today's model: the integrations (indexes) of a least path
    /// from `from` to `to` ignoring the data filter (`None`: not missing, or no such path).
    /// Scenario re-resolutions (plans) leave it `None`.
    pub path_other_data: Option<Vec<IntegrationIx>>,
}

impl HandoffResult {
    /// The model's handoff this result is about.
    pub fn handoff<'m>(&self, model: &'m Model) -> &'m Handoff {
        &model.workflow(self.workflow).handoffs[self.step - 1]
    }

    /// The data object it moves.
    pub fn data<'m>(&self, model: &'m Model) -> &'m str {
        &self.handoff(model).data
    }

    /// The model integrations of its path, in order (a scenario's new fix hops left out).
    pub fn path_integrations(&self) -> impl Iterator<Item = IntegrationIx> + '_ {
        self.path.iter().filter_map(PathHop::integration)
    }

    /// Its minutes per run rest on a default: `defaults.missing_minutes`, or a path with a
    /// hop at default minutes (docs/outputs.md, `assumptions`).
    pub fn rests_on_defaults(&self) -> bool {
        match self.minutes_source {
            MinutesSource::Handoff => false,
            MinutesSource::Default => true,
            MinutesSource::Path => self.path_defaults.any(),
        }
    }

    /// Where its hours come from: the weaker of its minutes' and its runs' sources.
    pub fn basis(&self) -> Source {
        self.minutes_basis.weakest(self.runs_basis)
    }

    /// The handoff's own minutes were set aside because its path is quicker.
    pub fn stated_minutes_set_aside(&self) -> bool {
        self.minutes_source == MinutesSource::Path
            && self.stated_minutes.is_some_and(|m| self.minutes < m)
    }
}

/// Minutes per run of a handoff given its least path, its own `minutes` and its fallback
/// (docs/scoring.md, step 5): no path, the fallback; a path, its minutes, or the handoff's
/// own when quicker. A default never replaces minutes a path adds up to.
pub fn status_and_minutes(
    path_minutes: Option<f64>,
    stated: Option<f64>,
    fallback: f64,
) -> (Status, f64) {
    match path_minutes {
        Some(m) if m <= 0.0 => (Status::Automated, 0.0),
        Some(m) => (Status::Manual, stated.map_or(m, |s| m.min(s))),
        None => (Status::Missing, fallback),
    }
}

/// Which figure [`status_and_minutes`] took: the handoff's own only when strictly quicker
/// than the path (a tie is the path's, so a stated figure is never "set aside" for an equal
/// one).
pub fn minutes_source(path_minutes: Option<f64>, stated: Option<f64>) -> MinutesSource {
    match (path_minutes, stated) {
        (Some(m), Some(s)) if m > 0.0 && s < m => MinutesSource::Handoff,
        (Some(_), _) => MinutesSource::Path,
        (None, Some(_)) => MinutesSource::Handoff,
        (None, None) => MinutesSource::Default,
    }
}

/// Which default minutes the hops of a path take (a model integration without `minutes`
/// that is not effectively automated, or a new fix hop that stays semi into a manual kind),
/// and the weakest source of the minutes of its hops (`stated` for a path of no minutes).
pub fn default_hops(model: &Model, network: &Network, hops: &[usize]) -> (DefaultHops, Source) {
    let mut defaults = DefaultHops::default();
    let mut basis = Source::Stated;
    let mut any = false;
    for hop in hops.iter().map(|h| &network.hops()[*h]) {
        if hop.minutes <= 0.0 {
            continue;
        }
        let source = match hop.integration.map(|i| model.integration(i)) {
            Some(i) if i.minutes.is_some() => i.sources.minutes,
            Some(i) if rules::effective_mode(model, i.mode, i.from, i.to) == Mode::Manual => {
                defaults.manual = true;
                Source::Default
            }
            _ => {
                defaults.semi = true;
                Source::Default
            }
        };
        // The first hop with minutes sets the basis; later ones can only weaken it.
        basis = if any { basis.weakest(source) } else { source };
        any = true;
    }
    (defaults, basis)
}

/// runs_per_year × minutes / 60.
pub fn annual_hours(runs_per_year: f64, minutes: f64) -> f64 {
    runs_per_year * minutes / 60.0
}

/// How often a handoff happens a year: the one place that decides it.
pub fn runs_per_year(workflow: &Workflow, handoff: &Handoff) -> f64 {
    rules::handoff_runs_per_year(workflow, handoff)
}

/// Handoffs a worker prices at a time in [`resolve_with`].
const PRICED_CHUNK: usize = 8192;

/// Resolves every handoff against `network`.
pub fn resolve_all(model: &Model, network: &Network, alignment: &Alignment) -> Vec<HandoffResult> {
    resolve_with(model, network, alignment, &mut Engine::new(model, network))
}

/// [`resolve_all`] with an engine built for `network`, which it leaves as it found it (its
/// graph is borrowed for the search ignoring data and put back).
pub fn resolve_with(
    model: &Model,
    network: &Network,
    alignment: &Alignment,
    engine: &mut Engine,
) -> Vec<HandoffResult> {
    let all: Vec<u32> = (0..engine.keys.len() as u32).collect();
    let routes = engine.routes_on_all_cores(&all);
    // Priced on every core in chunks taken back in order: each handoff's figures depend on
    // its own key and route only.
    let keys = &engine.keys;
    let mut results = concat_in_order(keys.len(), PRICED_CHUNK, keys.len(), |range| {
        range
            .map(|k| priced(model, network, alignment, &keys[k], routes[k].as_ref()))
            .collect()
    });
    drop(routes);
    let missing: Vec<u32> = (0..results.len() as u32)
        .filter(|k| results[*k as usize].status == Status::Missing)
        .collect();
    if !missing.is_empty() {
        // The same searches and tie-breaks, over a graph where every hop carries anything.
        // There the data object makes no difference, so every missing handoff is searched
        // as data 0: one search per source instead of one per (source, data).
        let today = std::mem::replace(&mut engine.graph, Graph::ignoring_data(network));
        let data: Vec<u32> = missing
            .iter()
            .map(|k| std::mem::replace(&mut engine.keys[*k as usize].data, 0))
            .collect();
        let routes = engine.routes_on_all_cores(&missing);
        for (k, d) in missing.iter().zip(data) {
            engine.keys[*k as usize].data = d;
        }
        engine.graph = today;
        for (k, route) in missing.iter().zip(routes) {
            results[*k as usize].path_other_data = route.map(|r| {
                r.hops
                    .iter()
                    .filter_map(|h| network.hops()[*h].integration)
                    .collect()
            });
        }
    }
    results
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
        results[k as usize] = priced(
            model,
            network,
            alignment,
            &engine.keys[k as usize],
            route.as_ref(),
        );
    }
}

/// One handoff priced from its least route (section 4, step 5 onwards).
fn priced(
    model: &Model,
    network: &Network,
    alignment: &Alignment,
    key: &HandoffKey,
    route: Option<&Route>,
) -> HandoffResult {
    let w = key.workflow as usize;
    let workflow = &model.workflows[w];
    let handoff = &workflow.handoffs[key.step as usize];
    let path_minutes = route.map(|r| r.minutes);
    let Figures {
        runs_per_year,
        hourly,
        fallback,
        status,
        minutes,
        annual_hours,
        annual_cost,
    } = figures(model, key, path_minutes);
    let hops = route.map(|r| r.hops.as_slice()).unwrap_or_default();
    let (path_defaults, path_basis) = default_hops(model, network, hops);
    let minutes_source = minutes_source(path_minutes, handoff.minutes);
    let minutes_basis = match minutes_source {
        MinutesSource::Handoff => handoff.sources.minutes,
        MinutesSource::Default => Source::Default,
        MinutesSource::Path => path_basis,
    };
    let runs_basis = if handoff.runs.is_some() {
        handoff.sources.runs
    } else {
        workflow.sources.runs
    };
    HandoffResult {
        workflow: WorkflowIx::new(w),
        step: key.step as usize + 1,
        from: handoff.from,
        to: handoff.to,
        status,
        minutes,
        path: hops.iter().map(|h| network.hops()[*h].id).collect(),
        runs_per_year,
        annual_hours,
        annual_cost,
        hourly_cost: hourly,
        alignment: alignment.per_workflow[w],
        strategic_value: annual_cost * alignment.per_workflow[w],
        path_minutes,
        fallback_minutes: fallback,
        stated_minutes: handoff.minutes,
        minutes_source,
        path_defaults,
        minutes_basis,
        runs_basis,
        path_other_data: None,
    }
}

/// The figures of a handoff that its estimates set, given its least path's minutes.
struct Figures {
    runs_per_year: f64,
    hourly: f64,
    fallback: f64,
    status: Status,
    minutes: f64,
    annual_hours: f64,
    annual_cost: f64,
}

/// The handoff's runs, hourly cost, fallback, status, minutes, hours and cost (section 4,
/// step 5 onwards): the one computation [`priced`] and [`reprice`] share.
fn figures(model: &Model, key: &HandoffKey, path_minutes: Option<f64>) -> Figures {
    let workflow = &model.workflows[key.workflow as usize];
    let handoff = &workflow.handoffs[key.step as usize];
    let runs_per_year = runs_per_year(workflow, handoff);
    let hourly = rules::handoff_hourly_cost(model, workflow, handoff);
    let fallback = handoff.minutes.unwrap_or(model.defaults.missing_minutes);
    let (status, minutes) = status_and_minutes(path_minutes, handoff.minutes, fallback);
    let annual_hours = annual_hours(runs_per_year, minutes);
    Figures {
        runs_per_year,
        hourly,
        fallback,
        status,
        minutes,
        annual_hours,
        annual_cost: annual_hours * hourly,
    }
}

/// Sets the figures of `result` (a resolution of the handoff `key` in a model of the same
/// structure) that `model`'s estimates and the least path's `path_minutes` give, exactly as
/// [`priced`] computes them; its path, sources and defaults are left as they are.
pub fn reprice(
    model: &Model,
    alignment: &Alignment,
    key: &HandoffKey,
    path_minutes: Option<f64>,
    result: &mut HandoffResult,
) {
    let f = figures(model, key, path_minutes);
    let aligned = alignment.per_workflow[key.workflow as usize];
    result.status = f.status;
    result.minutes = f.minutes;
    result.runs_per_year = f.runs_per_year;
    result.annual_hours = f.annual_hours;
    result.annual_cost = f.annual_cost;
    result.hourly_cost = f.hourly;
    result.alignment = aligned;
    result.strategic_value = f.annual_cost * aligned;
    result.path_minutes = path_minutes;
    result.fallback_minutes = f.fallback;
    result.stated_minutes =
        model.workflows[key.workflow as usize].handoffs[key.step as usize].minutes;
    result.minutes_source = minutes_source(path_minutes, result.stated_minutes);
}
