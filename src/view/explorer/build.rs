//! Building the explorer's view from the precomputed analyses and plans: the estate's
//! figures, units, systems and workflows (the fixes and strategies are `fixes.rs`'s, the
//! maps `graphs.rs`').

use sha2::{Digest, Sha256};

use super::{
    fixes, graphs, Explorer, HandoffView, Headline, SystemView, Tally, UnitView, WorkflowView,
    MAX_WORKFLOWS,
};
use crate::analysis::{Analysis, Counts, HandoffResult, PathHop, Status};
use crate::decide::Precomputed;
use crate::model::{IntegrationIx, Model, StrategyIx, UnitIx};
use crate::text::count;
use crate::view::provenance::VERSION;

/// What the command tells the page beyond the model.
#[derive(Clone, Debug, Default)]
pub struct ExplorerOptions {
    /// The strategy shown first (`None`: the model's default).
    pub strategy: Option<StrategyIx>,
    /// The model file as named on the command line.
    pub file: String,
    /// Units to focus on: only their workflows and systems (empty: all).
    pub units: Vec<UnitIx>,
}

impl Explorer {
    /// The page of `model` (read from `source`), from its analyses and plans.
    pub fn new(
        model: &Model,
        source: &[u8],
        pre: &Precomputed,
        options: &ExplorerOptions,
    ) -> Explorer {
        let shown = options.strategy.or(model.default_strategy);
        let strategy = pre.strategies.iter().position(|s| *s == shown).unwrap_or(0);
        let base = &pre.analyses[strategy];
        let unit_keys = unit_keys(model, &options.units);
        let unit_slot = |u: Option<UnitIx>| unit_keys.iter().position(|k| *k == u);
        let mut left_out = Vec::new();
        let workflow_ids = kept_workflows(model, base, &options.units, &mut left_out);
        let mut workflow_at = vec![None; model.workflows.len()];
        for (k, w) in workflow_ids.iter().enumerate() {
            workflow_at[*w] = Some(k);
        }
        let (fixes, fix_table) =
            fixes::fix_table(model, pre, strategy, &workflow_at, &mut left_out);
        let strategies = fixes::strategies(model, pre, &fix_table, fixes.len());
        let mut workflows: Vec<WorkflowView> = workflow_ids
            .iter()
            .map(|&w| workflow_view(model, pre, w, unit_slot(model.workflows[w].unit)))
            .collect();
        let systems = system_views(model, base, &workflow_at, &unit_slot);
        let mut units: Vec<UnitView> = unit_keys
            .iter()
            .map(|&key| unit_view(model, base, key, &workflow_ids))
            .collect();
        let graphs = graphs::maps(base, &systems, &mut units, &mut workflows, &mut left_out);
        if pre.budgets_capped {
            left_out.push(format!(
                "The plan slider stops at what the {} cheapest fixes cost together; \
                 `gapgraph plan MODEL --budget N` plans any budget.",
                crate::decide::PLAN_FIXES
            ));
        }
        let s = &base.summary;
        Explorer {
            title: model.name.clone().unwrap_or_else(|| options.file.clone()),
            currency: model.currency.clone(),
            file: options.file.clone(),
            sha256: Sha256::digest(source)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
            version: VERSION,
            summary: Headline {
                hours: s.annual_hours,
                fte: s.annual_fte,
                cost: s.annual_cost,
                automation: s.automation_rate,
                handoffs: s.handoffs,
                manual: s.manual,
                missing: s.missing,
                workflows: s.workflows,
                systems: model.systems.len(),
            },
            strategy,
            strategies,
            budgets: pre.budgets.clone(),
            units,
            systems,
            workflows,
            fixes,
            graphs,
            left_out,
        }
    }
}

/// Declared units in file order (only the focused ones, when some are), then `None` when
/// some system or workflow has no unit (and the page is not focused).
fn unit_keys(model: &Model, focus: &[UnitIx]) -> Vec<Option<UnitIx>> {
    if !focus.is_empty() {
        return model
            .unit_ixs()
            .filter(|u| focus.contains(u))
            .map(Some)
            .collect();
    }
    let mut keys: Vec<Option<UnitIx>> = model.unit_ixs().map(Some).collect();
    let homeless = model.systems.iter().any(|s| s.unit.is_none())
        || model.workflows.iter().any(|w| w.unit.is_none());
    if homeless {
        keys.push(None);
    }
    keys
}

/// The workflows the page holds, file order: those of the focused units, and at most
/// [`MAX_WORKFLOWS`] of them (the costliest).
fn kept_workflows(
    model: &Model,
    base: &Analysis,
    focus: &[UnitIx],
    left_out: &mut Vec<String>,
) -> Vec<usize> {
    let mut kept: Vec<usize> = (0..model.workflows.len())
        .filter(|&w| {
            focus.is_empty() || model.workflows[w].unit.is_some_and(|u| focus.contains(&u))
        })
        .collect();
    if !focus.is_empty() {
        let names: Vec<&str> = focus.iter().map(|&u| model.unit(u).id.as_str()).collect();
        left_out.push(format!(
            "Focused on {}: {} of the model's {} workflows; the headline, the fixes' \
             figures and the plans are the whole estate's.",
            names.join(", "),
            count(kept.len()),
            count(model.workflows.len())
        ));
    }
    if kept.len() > MAX_WORKFLOWS {
        let cost = |w: usize| base.workflows[w].counts.annual_cost;
        kept.sort_by(|a, b| cost(*b).total_cmp(&cost(*a)).then(a.cmp(b)));
        left_out.push(format!(
            "The page holds the {} costliest of {} workflows; focus it on a few units \
             (`gapgraph explore MODEL --unit ID`) to see the rest.",
            count(MAX_WORKFLOWS),
            count(kept.len())
        ));
        kept.truncate(MAX_WORKFLOWS);
        kept.sort_unstable();
    }
    kept
}

pub(super) fn tally(counts: &Counts) -> Tally {
    Tally {
        handoffs: counts.handoffs,
        gaps: counts.manual + counts.missing,
        hours: counts.annual_hours,
        cost: counts.annual_cost,
        automation: counts.automation_rate,
    }
}

pub(super) fn status_code(status: Status) -> u8 {
    match status {
        Status::Automated => 0,
        Status::Manual => 1,
        Status::Missing => 2,
    }
}

fn workflow_view(model: &Model, pre: &Precomputed, w: usize, unit: Option<usize>) -> WorkflowView {
    let workflow = &model.workflows[w];
    let base = &pre.analyses[0];
    // Handoffs and counts are the same under every strategy; only alignment differs.
    let measures = &base.workflows[w];
    let first = handoff_start(base, w);
    let handoffs = base.handoffs[first..first + workflow.handoffs.len()]
        .iter()
        .map(|h| handoff_view(model, h))
        .collect();
    WorkflowView {
        id: workflow.id.clone(),
        name: workflow.name.clone(),
        unit,
        owner: workflow.owner.clone(),
        runs: measures.runs_per_year,
        align: pre
            .analyses
            .iter()
            .map(|a| a.workflows[w].alignment)
            .collect(),
        tally: tally(&measures.counts),
        handoffs,
        map: None,
    }
}

/// Where workflow `w`'s handoffs start in `analysis.handoffs` (workflows in file order,
/// steps in order).
pub(super) fn handoff_start(analysis: &Analysis, w: usize) -> usize {
    analysis
        .handoffs
        .partition_point(|h| h.workflow.index() < w)
}

fn handoff_view(model: &Model, h: &HandoffResult) -> HandoffView {
    let hops: Vec<IntegrationIx> = h.path.iter().filter_map(PathHop::integration).collect();
    let via = hops
        .iter()
        .take(hops.len().saturating_sub(1))
        .map(|&i| model.integration(i).to.index())
        .collect();
    HandoffView {
        from: h.from.index(),
        to: h.to.index(),
        data: h.data(model).to_string(),
        status: status_code(h.status),
        minutes: h.minutes,
        runs: h.runs_per_year,
        rate: h.hourly_cost,
        hours: h.annual_hours,
        cost: h.annual_cost,
        via,
    }
}

fn system_views(
    model: &Model,
    base: &Analysis,
    workflow_at: &[Option<usize>],
    unit_slot: &dyn Fn(Option<UnitIx>) -> Option<usize>,
) -> Vec<SystemView> {
    let mut gap_hours = vec![0.0; model.systems.len()];
    for h in base.handoffs.iter().filter(|h| h.status.is_gap()) {
        gap_hours[h.from.index()] += h.annual_hours;
        if h.to != h.from {
            gap_hours[h.to.index()] += h.annual_hours;
        }
    }
    model
        .systems
        .iter()
        .zip(&base.systems)
        .enumerate()
        .map(|(k, (system, measures))| SystemView {
            id: system.id.clone(),
            name: system.name.clone(),
            kind: system.kind.as_str(),
            unit: unit_slot(system.unit),
            owner: system.owner.clone(),
            gap_hours: gap_hours[k],
            workflows: measures
                .workflows
                .iter()
                .filter_map(|&w| workflow_at[w.index()])
                .collect(),
        })
        .collect()
}

fn unit_view(model: &Model, base: &Analysis, key: Option<UnitIx>, kept: &[usize]) -> UnitView {
    let mut workflows: Vec<usize> = (0..kept.len())
        .filter(|&k| model.workflows[kept[k]].unit == key)
        .collect();
    let cost = |k: usize| base.workflows[kept[k]].counts.annual_cost;
    workflows.sort_by(|a, b| cost(*b).total_cmp(&cost(*a)).then(a.cmp(b)));
    let mut sum = Tally::default();
    let mut automated = 0;
    for &k in &workflows {
        let c = &base.workflows[kept[k]].counts;
        sum.handoffs += c.handoffs;
        sum.gaps += c.manual + c.missing;
        sum.hours += c.annual_hours;
        sum.cost += c.annual_cost;
        automated += c.automated;
    }
    sum.automation = (sum.handoffs > 0).then(|| automated as f64 / sum.handoffs as f64);
    // A declared unit's figures are the analysis's own (over all its workflows).
    let tally = key
        .and_then(|u| base.units.iter().find(|m| m.unit == u))
        .map_or(sum, |m| tally(&m.counts));
    let (id, name, owner) = match key {
        Some(u) => {
            let unit = model.unit(u);
            (unit.id.clone(), unit.name.clone(), unit.owner.clone())
        }
        None => (String::new(), "No unit".to_string(), None),
    };
    UnitView {
        id,
        name,
        owner,
        systems: (0..model.systems.len())
            .filter(|&s| model.systems[s].unit == key)
            .collect(),
        workflows,
        tally,
        map: None,
        map_note: None,
    }
}
