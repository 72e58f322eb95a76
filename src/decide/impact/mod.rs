//! What one change to the landscape breaks and what it costs (`gapgraph impact`,
//! docs/impact.md): the model is edited in the library ([`apply`]), both versions are
//! analysed, and [`diff`](super::diff()) compares them, so the totals are the diff's by
//! construction. On top come the handoffs whose status or minutes change, by hop distance
//! from the change, with their paths before and after; the workflows and units hit; the
//! fixes whose rank or value moved; and, with a budget, the plan before and after.

mod edit;
mod names;

use std::collections::{HashMap, VecDeque};

pub use crate::analysis::{system_losses, SystemLoss};
pub use edit::{apply, Change, Edited};
pub use names::{select_change, ChangeNames};

use super::diff::{diff, Diff, Side};
use super::lookup::FixLookup;
use super::roadmap;
use crate::analysis::{analyze, path_ids, Action, Analysis, HandoffResult, Status};
use crate::model::{Model, StrategyIx, SystemIx, UnitIx};

/// One handoff whose status or minutes the change moves.
#[derive(Clone, Debug, PartialEq)]
pub struct HandoffImpact {
    /// Integrations (either direction, before or after the change) between the changed
    /// systems and the nearer end of the handoff; 0 when it names a changed system.
    pub distance: Option<usize>,
    /// Workflow id.
    pub workflow: String,
    /// 1-based step before the change.
    pub step: usize,
    /// Source system id before the change.
    pub from: String,
    /// Target system id before the change.
    pub to: String,
    /// (source, target) after the change, when a replacement re-pointed them.
    pub ends_after: Option<(String, String)>,
    /// The data object.
    pub data: String,
    /// Status before.
    pub status_before: Status,
    /// Status after (`None`: the change dropped the handoff).
    pub status_after: Option<Status>,
    /// Minutes per run before and after (after: 0 when dropped).
    pub minutes: (f64, f64),
    /// Integration ids of the reported path before and after.
    pub path: (Vec<String>, Vec<String>),
    /// Hours a year before and after.
    pub annual_hours: (f64, f64),
    /// Cost a year before and after.
    pub annual_cost: (f64, f64),
    /// Strategic value (cost × alignment) a year before and after.
    pub strategic_value: (f64, f64),
}

/// A workflow or unit the change hits: its figures before and after.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaImpact {
    /// Workflow or unit id.
    pub id: String,
    /// How many of its handoffs the change moves.
    pub handoffs: usize,
    /// Hours a year lost to gaps, before and after.
    pub annual_hours: (f64, f64),
    /// Their cost a year, before and after.
    pub annual_cost: (f64, f64),
}

/// A fix whose rank or value moved (`None`: not listed on that side).
#[derive(Clone, Debug, PartialEq)]
pub struct FixImpact {
    /// Fix id.
    pub id: String,
    /// What it does.
    pub action: Action,
    /// Rank before and after.
    pub rank: (Option<usize>, Option<usize>),
    /// Strategic value a year before and after.
    pub strategic_value: (Option<f64>, Option<f64>),
}

/// The plan within a budget on one side.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanSide {
    /// The fixes picked, in order (ids).
    pub picks: Vec<String>,
    /// Spent.
    pub cost: f64,
    /// Saving a year.
    pub annual_saving: f64,
    /// Strategic value a year.
    pub strategic_value: f64,
    /// Gap hours a year left after the plan.
    pub annual_hours_after: f64,
}

/// The plan within `budget` before and after the change.
#[derive(Clone, Debug, PartialEq)]
pub struct BudgetImpact {
    /// The budget.
    pub budget: f64,
    /// Before the change.
    pub before: PlanSide,
    /// After the change.
    pub after: PlanSide,
}

/// The change in words the reports use: `remove-system`, `remove-integration`,
/// `replace-system`, with the ids it names.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeText {
    /// The kind of change.
    pub kind: &'static str,
    /// The system or integration id.
    pub target: String,
    /// The replacement system id.
    pub with: Option<String>,
}

/// Everything `impact` shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Impact {
    /// The change (`None`: none was asked for; everything else is empty).
    pub change: Option<ChangeText>,
    /// The diff between the model and the model after the change: its summary is the
    /// impact's totals.
    pub diff: Diff,
    /// What the edit dropped or kept under another id.
    pub notes: Vec<String>,
    /// Handoffs whose status or minutes moved, nearest the change first (then file order).
    pub handoffs: Vec<HandoffImpact>,
    /// Workflows with a handoff moved, file order.
    pub workflows: Vec<AreaImpact>,
    /// Units whose figures moved, file order.
    pub units: Vec<AreaImpact>,
    /// Fixes whose rank or value moved: the new ranking's order, then those gone.
    pub fixes: Vec<FixImpact>,
    /// The plan within `--budget` before and after.
    pub budget: Option<BudgetImpact>,
}

/// The change in words.
pub fn change_text(model: &Model, change: Change) -> ChangeText {
    let system = |s: SystemIx| model.system(s).id.clone();
    match change {
        Change::RemoveSystem(x) => ChangeText {
            kind: "remove-system",
            target: system(x),
            with: None,
        },
        Change::RemoveIntegration(i) => ChangeText {
            kind: "remove-integration",
            target: model.integration(i).id.clone(),
            with: None,
        },
        Change::ReplaceSystem { from, with } => ChangeText {
            kind: "replace-system",
            target: system(from),
            with: Some(system(with)),
        },
    }
}

/// The impact of `change` (`None`: no change) on `model` under the strategy at `strategy`,
/// with the plan within `budget` before and after when one is given.
pub fn impact(
    model: &Model,
    strategy: Option<StrategyIx>,
    change: Option<Change>,
    budget: Option<f64>,
) -> Impact {
    let before = analyze(model, strategy);
    let Some(change) = change else {
        let side = Side {
            model,
            analysis: &before,
        };
        return Impact {
            change: None,
            diff: diff(side, side),
            notes: Vec::new(),
            handoffs: Vec::new(),
            workflows: Vec::new(),
            units: Vec::new(),
            fixes: Vec::new(),
            budget: None,
        };
    };
    let edited = apply(model, change);
    let after = analyze(&edited.model, strategy);
    let (old, new) = (
        Side {
            model,
            analysis: &before,
        },
        Side {
            model: &edited.model,
            analysis: &after,
        },
    );
    let distances = distances(model, &edited.model, &change.systems(model));
    let handoffs = moved_handoffs(old, new, &edited, &distances);
    Impact {
        change: Some(change_text(model, change)),
        diff: diff(old, new),
        notes: edited.notes.clone(),
        workflows: workflows_hit(old, new, &handoffs),
        units: units_hit(old, new, &handoffs),
        fixes: fixes_moved(old, new),
        budget: budget.map(|b| BudgetImpact {
            budget: b,
            before: plan_side(model, strategy, b),
            after: plan_side(&edited.model, strategy, b),
        }),
        handoffs,
    }
}

/// Fewest integrations (either direction, of either model) from `seeds` to each system.
fn distances(before: &Model, after: &Model, seeds: &[SystemIx]) -> Vec<Option<usize>> {
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); before.systems.len()];
    for i in before.integrations.iter().chain(&after.integrations) {
        next[i.from.index()].push(i.to.index());
        next[i.to.index()].push(i.from.index());
    }
    let mut dist = vec![None; before.systems.len()];
    let mut queue = VecDeque::new();
    for s in seeds.iter().map(|s| s.index()) {
        if dist[s].is_none() {
            dist[s] = Some(0);
            queue.push_back(s);
        }
    }
    while let Some(s) = queue.pop_front() {
        let d = dist[s].map_or(0, |d: usize| d + 1);
        for &t in &next[s] {
            if dist[t].is_none() {
                dist[t] = Some(d);
                queue.push_back(t);
            }
        }
    }
    dist
}

/// Where each workflow's handoffs start in an analysis's list.
fn starts(analysis: &Analysis, workflows: usize) -> Vec<usize> {
    let mut starts = vec![0; workflows + 1];
    for h in &analysis.handoffs {
        starts[h.workflow.index() + 1] += 1;
    }
    for w in 1..starts.len() {
        starts[w] += starts[w - 1];
    }
    starts
}

fn moved_handoffs(
    old: Side,
    new: Side,
    edited: &Edited,
    distances: &[Option<usize>],
) -> Vec<HandoffImpact> {
    let after_starts = starts(new.analysis, new.model.workflows.len());
    let mut moved: Vec<HandoffImpact> = Vec::new();
    for b in &old.analysis.handoffs {
        let a = edited.handoffs[b.workflow.index()][b.step - 1]
            .map(|(w, s)| &new.analysis.handoffs[after_starts[w] + s]);
        if a.is_some_and(|a| a.status == b.status && a.minutes == b.minutes) {
            continue;
        }
        moved.push(handoff_impact(old, new, b, a, distances));
    }
    moved.sort_by_key(|h| h.distance.unwrap_or(usize::MAX));
    moved
}

fn handoff_impact(
    old: Side,
    new: Side,
    b: &HandoffResult,
    a: Option<&HandoffResult>,
    distances: &[Option<usize>],
) -> HandoffImpact {
    let system = |m: &Model, s: SystemIx| m.system(s).id.clone();
    let distance = match (distances[b.from.index()], distances[b.to.index()]) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    let pair = |f: fn(&HandoffResult) -> f64| (f(b), a.map_or(0.0, f));
    HandoffImpact {
        distance,
        workflow: old.model.workflow(b.workflow).id.clone(),
        step: b.step,
        from: system(old.model, b.from),
        to: system(old.model, b.to),
        ends_after: a
            .filter(|a| (a.from, a.to) != (b.from, b.to))
            .map(|a| (system(new.model, a.from), system(new.model, a.to))),
        data: b.data(old.model).to_string(),
        status_before: b.status,
        status_after: a.map(|a| a.status),
        minutes: pair(|h| h.minutes),
        path: (
            path_ids(old.model, &b.path),
            a.map_or_else(Vec::new, |a| path_ids(new.model, &a.path)),
        ),
        annual_hours: pair(|h| h.annual_hours),
        annual_cost: pair(|h| h.annual_cost),
        strategic_value: pair(|h| h.strategic_value),
    }
}

fn workflows_hit(old: Side, new: Side, moved: &[HandoffImpact]) -> Vec<AreaImpact> {
    let mut hit: HashMap<&str, usize> = HashMap::new();
    for h in moved {
        *hit.entry(h.workflow.as_str()).or_default() += 1;
    }
    let after: HashMap<&str, usize> = new
        .model
        .workflows
        .iter()
        .enumerate()
        .map(|(w, wf)| (wf.id.as_str(), w))
        .collect();
    old.model
        .workflows
        .iter()
        .zip(&old.analysis.workflows)
        .filter_map(|(wf, m)| {
            let handoffs = *hit.get(wf.id.as_str())?;
            let a = after
                .get(wf.id.as_str())
                .map(|w| &new.analysis.workflows[*w]);
            Some(AreaImpact {
                id: wf.id.clone(),
                handoffs,
                annual_hours: (
                    m.counts.annual_hours,
                    a.map_or(0.0, |a| a.counts.annual_hours),
                ),
                annual_cost: (
                    m.counts.annual_cost,
                    a.map_or(0.0, |a| a.counts.annual_cost),
                ),
            })
        })
        .collect()
}

fn units_hit(old: Side, new: Side, moved: &[HandoffImpact]) -> Vec<AreaImpact> {
    let unit_of: HashMap<&str, Option<UnitIx>> = old
        .model
        .workflows
        .iter()
        .map(|w| (w.id.as_str(), w.unit))
        .collect();
    let mut hit = vec![0; old.model.units.len()];
    for h in moved {
        if let Some(Some(u)) = unit_of.get(h.workflow.as_str()) {
            hit[u.index()] += 1;
        }
    }
    old.analysis
        .units
        .iter()
        .zip(&new.analysis.units)
        .filter(|(b, a)| {
            hit[b.unit.index()] > 0
                || b.counts.annual_hours != a.counts.annual_hours
                || b.counts.annual_cost != a.counts.annual_cost
        })
        .map(|(b, a)| AreaImpact {
            id: old.model.unit(b.unit).id.clone(),
            handoffs: hit[b.unit.index()],
            annual_hours: (b.counts.annual_hours, a.counts.annual_hours),
            annual_cost: (b.counts.annual_cost, a.counts.annual_cost),
        })
        .collect()
}

/// Values that differ beyond rounding (two analyses may sum the same terms in another
/// order).
fn differs(a: f64, b: f64) -> bool {
    (a - b).abs() > 1e-9 * a.abs().max(b.abs())
}

fn fixes_moved(old: Side, new: Side) -> Vec<FixImpact> {
    let (before, after) = (
        FixLookup::new(old.model, &old.analysis.fixes),
        FixLookup::new(new.model, &new.analysis.fixes),
    );
    let mut moved: Vec<FixImpact> = new
        .analysis
        .fixes
        .iter()
        .filter_map(|f| {
            let id = f.id.text(new.model);
            let b = before.get(&id, f.action);
            let same = b.is_some_and(|b| {
                b.rank == f.rank && !differs(b.strategic_value, f.strategic_value)
            });
            (!same).then(|| FixImpact {
                id: id.into_owned(),
                action: f.action,
                rank: (b.map(|b| b.rank), Some(f.rank)),
                strategic_value: (b.map(|b| b.strategic_value), Some(f.strategic_value)),
            })
        })
        .collect();
    moved.extend(old.analysis.fixes.iter().filter_map(|f| {
        let id = f.id.text(old.model);
        after.get(&id, f.action).is_none().then(|| FixImpact {
            id: id.into_owned(),
            action: f.action,
            rank: (Some(f.rank), None),
            strategic_value: (Some(f.strategic_value), None),
        })
    }));
    moved
}

fn plan_side(model: &Model, strategy: Option<StrategyIx>, budget: f64) -> PlanSide {
    let roadmap = roadmap(model, strategy, budget);
    let last = roadmap.plan.steps.last();
    PlanSide {
        picks: roadmap
            .plan
            .steps
            .iter()
            .map(|s| s.id.text(model).into_owned())
            .collect(),
        cost: last.map_or(0.0, |s| s.cumulative_cost),
        annual_saving: last.map_or(0.0, |s| s.cumulative_saving),
        strategic_value: last.map_or(0.0, |s| s.cumulative_strategic_value),
        annual_hours_after: roadmap.annual_hours_after,
    }
}

impl Impact {
    /// The summary figure `name` (a `gapgraph.report/v1` summary key) as (before, after).
    pub fn total(&self, name: &str) -> Option<(Option<f64>, Option<f64>)> {
        self.diff
            .summary
            .iter()
            .find(|c| c.name == name)
            .map(|c| (c.before, c.after))
    }
}

#[cfg(test)]
mod tests;
