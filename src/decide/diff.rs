//! What changed between two versions of a model: gaps closed, opened and changed (keyed by
//! workflow, from, to and data), workflows renamed, integrations added, removed or with a
//! new mode, the summary before and after, and the fixes whose rank moved.

use std::collections::{HashMap, HashSet, VecDeque};

use super::lookup::FixLookup;
use crate::analysis::{Action, Analysis, HandoffResult, Status, Summary};
use crate::model::{Mode, Model};

/// One side of the diff: a model and its analysis.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    /// The model.
    pub model: &'a Model,
    /// Its analysis.
    pub analysis: &'a Analysis,
}

/// A gap as the diff shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct GapDelta {
    /// Workflow id.
    pub workflow: String,
    /// Source system id.
    pub from: String,
    /// Target system id.
    pub to: String,
    /// The data object.
    pub data: String,
    /// Status before (`None`: the handoff did not exist).
    pub status_before: Option<Status>,
    /// Status after (`None`: the handoff no longer exists).
    pub status_after: Option<Status>,
    /// Minutes per run before (0 when absent).
    pub minutes_before: f64,
    /// Minutes per run after (0 when absent).
    pub minutes_after: f64,
    /// Annual cost before (0 when absent or automated).
    pub annual_cost_before: f64,
    /// Annual cost after.
    pub annual_cost_after: f64,
}

/// Gaps closed, opened and changed.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct GapChange {
    /// Gaps of the old model that the new one does not have.
    pub closed: Vec<GapDelta>,
    /// Gaps of the new model that the old one did not have.
    pub opened: Vec<GapDelta>,
    /// Gaps in both whose status, minutes or cost changed.
    pub changed: Vec<GapDelta>,
}

/// A workflow id that disappeared while one with the same handoffs appeared.
#[derive(Clone, Debug, PartialEq)]
pub struct Rename {
    /// The old id.
    pub from: String,
    /// The new id.
    pub to: String,
}

/// An integration's declared mode, before and after.
#[derive(Clone, Debug, PartialEq)]
pub struct ModeChange {
    /// Integration id.
    pub id: String,
    /// Mode before.
    pub before: Mode,
    /// Mode after.
    pub after: Mode,
}

/// An integration that exists on one side only.
#[derive(Clone, Debug, PartialEq)]
pub struct IntegrationChange {
    /// Integration id.
    pub id: String,
    /// Source system id.
    pub from: String,
    /// Target system id.
    pub to: String,
    /// Declared mode.
    pub mode: Mode,
}

/// A fix's rank before and after (`None`: not listed on that side).
#[derive(Clone, Debug, PartialEq)]
pub struct FixMove {
    /// Fix id.
    pub id: String,
    /// What it does.
    pub action: Action,
    /// Rank before.
    pub before: Option<usize>,
    /// Rank after.
    pub after: Option<usize>,
}

/// A summary figure before and after.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The field's name in the JSON report's summary.
    pub name: &'static str,
    /// Before (`None`: null).
    pub before: Option<f64>,
    /// After.
    pub after: Option<f64>,
}

impl Change {
    /// after − before, when both exist.
    pub fn delta(&self) -> Option<f64> {
        Some(self.after? - self.before?)
    }
}

/// The summary, field by field.
pub type SummaryDelta = Vec<Change>;

/// Everything that changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Diff {
    /// The old model's name.
    pub old_name: Option<String>,
    /// The new model's name.
    pub new_name: Option<String>,
    /// Strategy id used for the old model.
    pub old_strategy: Option<String>,
    /// Strategy id used for the new model.
    pub new_strategy: Option<String>,
    /// Display currency (the new model's).
    pub currency: String,
    /// Summary figures.
    pub summary: SummaryDelta,
    /// Gaps.
    pub gaps: GapChange,
    /// Workflows only in the old model.
    pub workflows_removed: Vec<String>,
    /// Workflows only in the new model.
    pub workflows_added: Vec<String>,
    /// Removed and added workflows with the same handoffs.
    pub renamed: Vec<Rename>,
    /// Integrations only in the new model.
    pub integrations_added: Vec<IntegrationChange>,
    /// Integrations only in the old model.
    pub integrations_removed: Vec<IntegrationChange>,
    /// Integrations whose declared mode changed.
    pub modes_changed: Vec<ModeChange>,
    /// Fixes whose rank moved, appeared or disappeared, in the new ranking's order, then
    /// those that disappeared in the old order.
    pub fixes: Vec<FixMove>,
}

type Key<'a> = (&'a str, &'a str, &'a str, &'a str);

fn key<'a>(model: &'a Model, h: &HandoffResult) -> Key<'a> {
    (
        &model.workflow(h.workflow).id,
        &model.system(h.from).id,
        &model.system(h.to).id,
        h.data(model),
    )
}

/// Handoffs not yet matched, by key; duplicates of a key pair up in step order.
struct Pool<'a> {
    handoffs: &'a [HandoffResult],
    by_key: HashMap<Key<'a>, VecDeque<usize>>,
    taken: Vec<bool>,
}

impl<'a> Pool<'a> {
    fn new(model: &'a Model, handoffs: &'a [HandoffResult]) -> Pool<'a> {
        let mut by_key: HashMap<Key, VecDeque<usize>> = HashMap::new();
        for (k, h) in handoffs.iter().enumerate() {
            by_key.entry(key(model, h)).or_default().push_back(k);
        }
        Pool {
            handoffs,
            by_key,
            taken: vec![false; handoffs.len()],
        }
    }

    /// The first handoff left with key `k`.
    fn take(&mut self, k: Key<'a>) -> Option<&'a HandoffResult> {
        let i = self.by_key.get_mut(&k)?.pop_front()?;
        self.taken[i] = true;
        Some(&self.handoffs[i])
    }

    /// The handoffs left, in list order.
    fn left(self) -> impl Iterator<Item = &'a HandoffResult> {
        let handoffs = self.handoffs;
        self.taken
            .into_iter()
            .enumerate()
            .filter(|(_, taken)| !taken)
            .map(move |(i, _)| &handoffs[i])
    }
}

/// The model index of each integration id (the first, as a scan from the top finds).
fn integration_ids(m: &Model) -> HashMap<&str, usize> {
    let mut ids = HashMap::new();
    for (i, x) in m.integrations.iter().enumerate() {
        ids.entry(x.id.as_str()).or_insert(i);
    }
    ids
}

/// Each workflow's handoffs as (from, to, data), by workflow id: what a rename keeps.
type Shape<'a> = Vec<(&'a str, &'a str, &'a str)>;

/// The shape of workflow `id` (empty when it has no handoffs).
fn shape<'s>(shapes: &'s HashMap<&str, Shape<'s>>, id: &str) -> &'s [(&'s str, &'s str, &'s str)] {
    shapes.get(id).map_or(&[], Vec::as_slice)
}

fn shapes(side: Side<'_>) -> HashMap<&str, Shape<'_>> {
    let mut shapes: HashMap<&str, Shape> = HashMap::new();
    for h in &side.analysis.handoffs {
        let (workflow, from, to, data) = key(side.model, h);
        shapes.entry(workflow).or_default().push((from, to, data));
    }
    shapes
}

/// The change of one handoff: `before` of the old model, `after` of the new.
fn delta(
    models: (&Model, &Model),
    before: Option<&HandoffResult>,
    after: Option<&HandoffResult>,
) -> GapDelta {
    let (workflow, from, to, data) = match (before, after) {
        (Some(h), _) => key(models.0, h),
        (None, Some(h)) => key(models.1, h),
        (None, None) => unreachable!("one side exists"),
    };
    let cost = |h: Option<&HandoffResult>| h.map_or(0.0, |h| h.annual_cost);
    GapDelta {
        workflow: workflow.to_string(),
        from: from.to_string(),
        to: to.to_string(),
        data: data.to_string(),
        status_before: before.map(|h| h.status),
        status_after: after.map(|h| h.status),
        minutes_before: before.map_or(0.0, |h| h.minutes),
        minutes_after: after.map_or(0.0, |h| h.minutes),
        annual_cost_before: cost(before),
        annual_cost_after: cost(after),
    }
}

/// The diff of `old` to `new`.
pub fn diff(old: Side, new: Side) -> Diff {
    let gaps = gap_changes(old, new);
    let (workflows_removed, workflows_added, renamed) = workflow_changes(old, new);
    let (integrations_added, integrations_removed, modes_changed) = integration_changes(old, new);
    let fixes = fix_moves(old, new);
    Diff {
        old_name: old.analysis.model_name.clone(),
        new_name: new.analysis.model_name.clone(),
        old_strategy: old.analysis.strategy.as_ref().map(|s| s.id.clone()),
        new_strategy: new.analysis.strategy.as_ref().map(|s| s.id.clone()),
        currency: new.analysis.currency.clone(),
        summary: summary(&old.analysis.summary, &new.analysis.summary),
        gaps,
        workflows_removed,
        workflows_added,
        renamed,
        integrations_added,
        integrations_removed,
        modes_changed,
        fixes,
    }
}

/// Gaps closed, opened and changed, matched by workflow, systems and data.
fn gap_changes(old: Side, new: Side) -> GapChange {
    let mut gaps = GapChange::default();
    let mut unmatched = Pool::new(new.model, &new.analysis.handoffs);
    let models = (old.model, new.model);
    for before in &old.analysis.handoffs {
        let after = unmatched.take(key(old.model, before));
        let differs = |a: &HandoffResult| {
            a.status != before.status
                || a.minutes != before.minutes
                || a.annual_cost != before.annual_cost
        };
        match (before.status.is_gap(), after) {
            (true, Some(a)) if a.status.is_gap() && differs(a) => {
                gaps.changed.push(delta(models, Some(before), Some(a)));
            }
            (true, Some(a)) if a.status.is_gap() => {}
            (true, after) => gaps.closed.push(delta(models, Some(before), after)),
            (false, Some(a)) if a.status.is_gap() => {
                gaps.opened.push(delta(models, Some(before), Some(a)));
            }
            _ => {}
        }
    }
    for after in unmatched.left().filter(|h| h.status.is_gap()) {
        gaps.opened.push(delta(models, None, Some(after)));
    }
    // Opened gaps in the new model's order (of the first handoff with their key).
    let mut first: HashMap<Key, usize> = HashMap::new();
    for (i, h) in new.analysis.handoffs.iter().enumerate() {
        first.entry(key(new.model, h)).or_insert(i);
    }
    let order = |g: &GapDelta| first.get(&(&g.workflow, &g.from, &g.to, &g.data)).copied();
    gaps.opened.sort_by_key(order);
    gaps
}

/// Workflow ids removed and added, and the removals that are renames: an added
/// workflow with the same handoffs.
fn workflow_changes(old: Side, new: Side) -> (Vec<String>, Vec<String>, Vec<Rename>) {
    let ids = |m: &Model| m.workflows.iter().map(|w| w.id.clone()).collect::<Vec<_>>();
    let (old_ids, new_ids) = (ids(old.model), ids(new.model));
    let (old_set, new_set): (HashSet<&String>, HashSet<&String>) =
        (old_ids.iter().collect(), new_ids.iter().collect());
    let workflows_removed: Vec<String> = old_ids
        .iter()
        .filter(|i| !new_set.contains(i))
        .cloned()
        .collect();
    let workflows_added: Vec<String> = new_ids
        .iter()
        .filter(|i| !old_set.contains(i))
        .cloned()
        .collect();
    let (old_shapes, new_shapes) = (shapes(old), shapes(new));
    let mut added_by_shape: HashMap<&[(&str, &str, &str)], VecDeque<&String>> = HashMap::new();
    for added in &workflows_added {
        added_by_shape
            .entry(shape(&new_shapes, added))
            .or_default()
            .push_back(added);
    }
    let mut renamed = Vec::new();
    for gone in &workflows_removed {
        let old_shape = shape(&old_shapes, gone);
        if let Some(added) = added_by_shape
            .get_mut(&old_shape)
            .and_then(VecDeque::pop_front)
        {
            renamed.push(Rename {
                from: gone.clone(),
                to: added.clone(),
            });
        }
    }
    (workflows_removed, workflows_added, renamed)
}

/// Integrations added and removed (by id), and those whose mode changed.
fn integration_changes(
    old: Side,
    new: Side,
) -> (
    Vec<IntegrationChange>,
    Vec<IntegrationChange>,
    Vec<ModeChange>,
) {
    let integration = |m: &Model, i: usize| {
        let x = &m.integrations[i];
        IntegrationChange {
            id: x.id.clone(),
            from: m.system(x.from).id.clone(),
            to: m.system(x.to).id.clone(),
            mode: x.mode,
        }
    };
    let (old_integrations, new_integrations) =
        (integration_ids(old.model), integration_ids(new.model));
    let integrations_added = (0..new.model.integrations.len())
        .filter(|i| !old_integrations.contains_key(new.model.integrations[*i].id.as_str()))
        .map(|i| integration(new.model, i))
        .collect();
    let integrations_removed = (0..old.model.integrations.len())
        .filter(|i| !new_integrations.contains_key(old.model.integrations[*i].id.as_str()))
        .map(|i| integration(old.model, i))
        .collect();
    let modes_changed = new
        .model
        .integrations
        .iter()
        .filter_map(|x| {
            let before = &old.model.integrations[*old_integrations.get(x.id.as_str())?];
            (before.mode != x.mode).then(|| ModeChange {
                id: x.id.clone(),
                before: before.mode,
                after: x.mode,
            })
        })
        .collect();
    (integrations_added, integrations_removed, modes_changed)
}

/// Fixes whose rank moved, new ones first (in the new ranking), then those gone.
fn fix_moves(old: Side, new: Side) -> Vec<FixMove> {
    let (old_fixes, new_fixes) = (
        FixLookup::new(old.model, &old.analysis.fixes),
        FixLookup::new(new.model, &new.analysis.fixes),
    );
    let mut fixes: Vec<FixMove> = new
        .analysis
        .fixes
        .iter()
        .map(|f| FixMove {
            id: f.id.text(new.model).into_owned(),
            action: f.action,
            before: old_fixes
                .get(&f.id.text(new.model), f.action)
                .map(|o| o.rank),
            after: Some(f.rank),
        })
        .filter(|m| m.before != m.after)
        .collect();
    fixes.extend(
        old.analysis
            .fixes
            .iter()
            .filter(|f| new_fixes.get(&f.id.text(old.model), f.action).is_none())
            .map(|f| FixMove {
                id: f.id.text(old.model).into_owned(),
                action: f.action,
                before: Some(f.rank),
                after: None,
            }),
    );
    fixes
}

fn summary(a: &Summary, b: &Summary) -> SummaryDelta {
    let count = |x: usize| Some(x as f64);
    vec![
        Change {
            name: "workflows",
            before: count(a.workflows),
            after: count(b.workflows),
        },
        Change {
            name: "handoffs",
            before: count(a.handoffs),
            after: count(b.handoffs),
        },
        Change {
            name: "automated",
            before: count(a.automated),
            after: count(b.automated),
        },
        Change {
            name: "manual",
            before: count(a.manual),
            after: count(b.manual),
        },
        Change {
            name: "missing",
            before: count(a.missing),
            after: count(b.missing),
        },
        Change {
            name: "automation_rate",
            before: a.automation_rate,
            after: b.automation_rate,
        },
        Change {
            name: "strategic_automation",
            before: a.strategic_automation,
            after: b.strategic_automation,
        },
        Change {
            name: "annual_hours",
            before: Some(a.annual_hours),
            after: Some(b.annual_hours),
        },
        Change {
            name: "annual_cost",
            before: Some(a.annual_cost),
            after: Some(b.annual_cost),
        },
        Change {
            name: "strategic_value",
            before: Some(a.strategic_value),
            after: Some(b.strategic_value),
        },
    ]
}
