//! The explorer page (`gapgraph explore`, `analyze --format html --interactive`): every
//! figure the page can show, decided here before the page is written, so the browser only
//! looks things up. The fixes are ranked under every strategy (a strategy switch picks an
//! order), the plan is made at every budget of a ladder (a slider picks one), each fix
//! carries its arithmetic handoff by handoff (`explain`'s terms), and each map is a graph
//! whose positions the renderer lays out (Graphviz, or its own layered layout) before the
//! page is written. It serializes to the JSON the page embeds: keys of the records that
//! come by the thousand (handoffs, fixes, their changes, plan steps, edges) are short and
//! documented on each field. Text is raw model text; the page sets it as text, never as
//! markup.

mod build;
mod fixes;
mod graphs;

use serde::Serialize;

pub use build::ExplorerOptions;

/// The most fixes the page holds: the best this many under each strategy (the union, in
/// the first strategy's order). `gapgraph explain` shows any other.
pub const MAX_FIXES: usize = 5_000;
/// The most workflows the page holds (the costliest; `--unit` focuses a page).
pub const MAX_WORKFLOWS: usize = 5_000;
/// The most systems a unit's map draws (those with the most gap hours); the unit's lists
/// hold every one.
pub const MAX_MAP_SYSTEMS: usize = 40;
/// The most handoffs a workflow's map draws (a longer workflow is listed, not drawn).
pub const MAX_MAP_HANDOFFS: usize = 120;
/// The most units the overview map draws (the costliest); the unit list holds all.
pub const MAX_MAP_UNITS: usize = 60;

/// Everything the explorer page shows.
#[derive(Clone, Debug, Serialize)]
pub struct Explorer {
    /// The model's name, else its file name.
    pub title: String,
    /// Display currency.
    pub currency: String,
    /// The model file as named on the command line (`<stdin>` for `-`).
    pub file: String,
    /// Lowercase hex SHA-256 of the model file.
    pub sha256: String,
    /// The gapgraph version that wrote the page.
    pub version: &'static str,
    /// Whole-estate figures (the same under every strategy).
    pub summary: Headline,
    /// Index into `strategies` of the one shown first.
    pub strategy: usize,
    /// Every strategy (one unnamed entry for a model without strategies).
    pub strategies: Vec<StrategyView>,
    /// The budgets of the plan slider, ascending (empty when no fix costs anything).
    pub budgets: Vec<f64>,
    /// Business units in file order, then "no unit" when some system or workflow has none.
    pub units: Vec<UnitView>,
    /// Systems in file order.
    pub systems: Vec<SystemView>,
    /// Workflows in file order (at most [`MAX_WORKFLOWS`]).
    pub workflows: Vec<WorkflowView>,
    /// The fixes held, in the first strategy's order.
    pub fixes: Vec<FixView>,
    /// The maps: `graphs[0]` is the unit overview; units and workflows name theirs.
    pub graphs: Vec<Graph>,
    /// What the page leaves out, and how to see it; one sentence each.
    pub left_out: Vec<String>,
}

/// The headline figures.
#[derive(Clone, Debug, Serialize)]
pub struct Headline {
    /// Staff hours a year lost to gaps.
    pub hours: f64,
    /// Those hours as full-time people.
    pub fte: f64,
    /// What the gaps cost a year.
    pub cost: f64,
    /// Share of runs automated end to end (`None` without handoffs).
    pub automation: Option<f64>,
    /// Handoffs.
    pub handoffs: usize,
    /// Manual handoffs.
    pub manual: usize,
    /// Missing handoffs.
    pub missing: usize,
    /// Workflows in the model.
    pub workflows: usize,
    /// Systems in the model.
    pub systems: usize,
}

/// One strategy: its ranking, its values and its plans.
#[derive(Clone, Debug, Serialize)]
pub struct StrategyView {
    /// Its id (empty for a model without strategies).
    pub id: String,
    /// Its name.
    pub name: String,
    /// Indexes into `fixes`, best first.
    pub order: Vec<usize>,
    /// Per fix (indexes of `fixes`): strategic value under this strategy.
    pub value: Vec<f64>,
    /// Per fix: strategic value / cost (`None` for a cost of 0).
    pub priority: Vec<Option<f64>>,
    /// Automation weighted by alignment, today.
    pub strategic_automation: Option<f64>,
    /// One plan per budget of `Explorer::budgets`.
    pub plans: Vec<Vec<StepView>>,
}

/// One step of a plan.
#[derive(Clone, Debug, Serialize)]
pub struct StepView {
    /// The fix, as an index into `fixes` (`None`: not held on the page).
    #[serde(rename = "f")]
    pub fix: Option<usize>,
    /// The fix's id when it is not held (else empty).
    #[serde(rename = "id", skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// Its cost.
    #[serde(rename = "c")]
    pub cost: f64,
    /// Saving a year at this step.
    #[serde(rename = "s")]
    pub saving: f64,
    /// Spent so far.
    #[serde(rename = "cc")]
    pub spent: f64,
    /// Saved a year so far.
    #[serde(rename = "cs")]
    pub saved: f64,
    /// Automation rate with this and the earlier steps built.
    #[serde(rename = "a")]
    pub automation: Option<f64>,
}

/// Handoff counts and cost of a unit or workflow.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Tally {
    /// Handoffs.
    #[serde(rename = "n")]
    pub handoffs: usize,
    /// Manual and missing handoffs.
    #[serde(rename = "g")]
    pub gaps: usize,
    /// Gap hours a year.
    #[serde(rename = "h")]
    pub hours: f64,
    /// Gap cost a year.
    #[serde(rename = "c")]
    pub cost: f64,
    /// Share of handoffs automated (`None` without handoffs).
    #[serde(rename = "a")]
    pub automation: Option<f64>,
}

/// A business unit (or the systems and workflows without one).
#[derive(Clone, Debug, Serialize)]
pub struct UnitView {
    /// Its id (empty for "no unit").
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its owner.
    pub owner: Option<String>,
    /// Its systems (indexes), file order.
    pub systems: Vec<usize>,
    /// The workflows it owns (indexes into `workflows`), costliest first.
    pub workflows: Vec<usize>,
    /// What its workflows add up to.
    pub tally: Tally,
    /// Its map (index into `graphs`), when it has systems.
    pub map: Option<usize>,
    /// What its map leaves out.
    pub map_note: Option<String>,
}

/// A system.
#[derive(Clone, Debug, Serialize)]
pub struct SystemView {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(rename = "nm")]
    pub name: String,
    /// Kind.
    pub kind: &'static str,
    /// Index into `units` (`None` only when the page has no "no unit" entry).
    pub unit: Option<usize>,
    /// Owner.
    pub owner: Option<String>,
    /// Gap hours a year of the handoffs it is an end of.
    #[serde(rename = "h")]
    pub gap_hours: f64,
    /// Workflows (indexes into `workflows`) that touch it, file order.
    #[serde(rename = "w")]
    pub workflows: Vec<usize>,
}

/// A workflow and its handoffs.
#[derive(Clone, Debug, Serialize)]
pub struct WorkflowView {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(rename = "nm")]
    pub name: String,
    /// Index into `units`.
    pub unit: Option<usize>,
    /// Owner.
    pub owner: Option<String>,
    /// Runs a year.
    pub runs: f64,
    /// Alignment per strategy (order of `strategies`).
    pub align: Vec<f64>,
    /// Counts and cost.
    pub tally: Tally,
    /// Its handoffs in step order.
    #[serde(rename = "hs")]
    pub handoffs: Vec<HandoffView>,
    /// Its map (index into `graphs`), unless it is too long to draw.
    pub map: Option<usize>,
}

/// One handoff.
#[derive(Clone, Debug, Serialize)]
pub struct HandoffView {
    /// Source system.
    #[serde(rename = "a")]
    pub from: usize,
    /// Target system.
    #[serde(rename = "b")]
    pub to: usize,
    /// Data object.
    #[serde(rename = "d")]
    pub data: String,
    /// 0 automated, 1 manual, 2 missing.
    #[serde(rename = "s")]
    pub status: u8,
    /// Minutes per run.
    #[serde(rename = "m")]
    pub minutes: f64,
    /// Runs a year.
    #[serde(rename = "r")]
    pub runs: f64,
    /// Hourly cost of the unit doing it.
    #[serde(rename = "p")]
    pub rate: f64,
    /// Hours a year.
    #[serde(rename = "h")]
    pub hours: f64,
    /// Cost a year.
    #[serde(rename = "c")]
    pub cost: f64,
    /// Systems the least path passes through between its ends.
    #[serde(rename = "v", skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<usize>,
}

/// A fix, with the strategy-independent half of its arithmetic.
#[derive(Clone, Debug, Serialize)]
pub struct FixView {
    /// Its id, as `explain` takes it.
    pub id: String,
    /// What to call it: the catalogued fix's or integration's name, else what it does.
    #[serde(rename = "nm")]
    pub name: String,
    /// `automate`, `catalog` or `connect`.
    #[serde(rename = "act")]
    pub action: &'static str,
    /// Source system.
    #[serde(rename = "a")]
    pub from: usize,
    /// Target system.
    #[serde(rename = "b")]
    pub to: usize,
    /// Cost to make.
    #[serde(rename = "c")]
    pub cost: f64,
    /// Running cost a year.
    #[serde(rename = "rc")]
    pub run_cost: f64,
    /// Saving a year.
    #[serde(rename = "s")]
    pub saving: f64,
    /// Hours a year saved.
    #[serde(rename = "h")]
    pub hours: f64,
    /// Months to pay back.
    #[serde(rename = "pb")]
    pub payback: Option<f64>,
    /// Net present value over the model's horizon.
    pub npv: f64,
    /// The handoffs it makes cheaper, then those it makes dearer (negative saving).
    #[serde(rename = "ch")]
    pub changes: Vec<Change>,
}

/// One handoff a fix changes: `[workflow, step, minutes before, minutes after, hours
/// saved, saving]`; its strategic value under a strategy is saving × the workflow's
/// alignment there.
#[derive(Clone, Debug, Serialize)]
pub struct Change(pub usize, pub usize, pub f64, pub f64, pub f64, pub f64);

/// A map to lay out: nodes (units or systems) and edges between them. A workflow's map
/// is serialized as its kind alone: its nodes and edges follow from the workflow's
/// handoffs (systems in order of first mention, one edge per handoff), which the page
/// holds anyway.
#[derive(Clone, Debug)]
pub struct Graph {
    /// `units` (the overview), `unit` (a unit's systems) or `workflow` (its handoffs).
    pub kind: &'static str,
    /// What each node is: an index into `units` or `systems`.
    pub nodes: Vec<usize>,
    /// The edges, between positions in `nodes`.
    pub edges: Vec<EdgeView>,
}

/// An edge of a map: one handoff (a workflow's map) or several summed.
#[derive(Clone, Debug, Serialize)]
pub struct EdgeView {
    /// Source node (position in `nodes`).
    #[serde(rename = "a")]
    pub from: usize,
    /// Target node.
    #[serde(rename = "b")]
    pub to: usize,
    /// The worst status among its handoffs: 0 automated, 1 manual, 2 missing.
    #[serde(rename = "s")]
    pub status: u8,
    /// Handoffs.
    #[serde(rename = "n")]
    pub handoffs: usize,
    /// Of which gaps.
    #[serde(rename = "g")]
    pub gaps: usize,
    /// Gap cost a year.
    #[serde(rename = "c")]
    pub cost: f64,
    /// On a workflow's map: the handoff's index in the workflow.
    #[serde(rename = "k", skip_serializing_if = "Option::is_none")]
    pub handoff: Option<usize>,
}

impl Serialize for Graph {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let derived = self.kind == "workflow";
        let mut out = serializer.serialize_struct("Graph", if derived { 1 } else { 3 })?;
        out.serialize_field("kind", self.kind)?;
        if !derived {
            out.serialize_field("nodes", &self.nodes)?;
            out.serialize_field("edges", &self.edges)?;
        }
        out.end()
    }
}

impl Graph {
    /// How much room an edge's label needs on this kind of map, in points (width,
    /// height): the page draws a step badge and a fix mark, or counts and a cost.
    pub fn label_size(&self) -> (f64, f64) {
        match self.kind {
            "units" => (150.0, 30.0),
            "workflow" => (84.0, 18.0),
            _ => (26.0, 18.0),
        }
    }

    /// The size of a node on this kind of map, in points.
    pub fn node_size(&self) -> (f64, f64) {
        match self.kind {
            "units" => (210.0, 64.0),
            _ => (170.0, 40.0),
        }
    }
}
