//! Building a [`Scene`]: the handoffs in focus, the systems and integrations they show,
//! the steps and missing edges to mark and the fixes that touch them.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{FixMark, MissingEdge, Scene, View};
use crate::analysis::{HandoffResult, Status};
use crate::model::{IntegrationIx, Model, SystemIx, UnitIx};
use crate::view::index::workflow_handoffs;
use crate::view::Report;

/// Works out what a diagram of `report` focused on `view` shows. A workflow view costs
/// its own handoffs (found by binary search) and one pass over the fixes, not a pass over
/// the whole model, so a document can draw many of them.
pub fn scene(report: &Report, view: &View) -> Scene {
    let model = report.model;
    let filtered = view.is_focused();
    let units = UnitFilter::new(model, &view.units);
    let in_focus = handoffs_in_focus(report, view, &units);

    // Shown systems and integrations, listed as found and sorted at the end.
    let (mut systems, mut integrations): (Vec<SystemIx>, Vec<IntegrationIx>) = if filtered {
        shown_in_focus(model, view, &units, &in_focus)
    } else {
        (
            model.system_ixs().collect(),
            model.integration_ixs().collect(),
        )
    };
    let (steps, missing) = steps_and_missing(model, view, &in_focus);
    let fixes = fixes_in_focus(report, view, &in_focus);
    if filtered {
        for f in &fixes {
            systems.push(f.from);
            systems.push(f.to);
            integrations.extend(f.integration);
        }
        systems.sort_unstable();
        systems.dedup();
        integrations.sort_unstable();
        integrations.dedup();
    }

    Scene {
        systems,
        integrations,
        missing,
        fixes,
        steps,
        focus_units: view.units.clone(),
    }
}

/// The units a view is focused on, as a lookup by unit index.
struct UnitFilter<'a> {
    model: &'a Model,
    chosen: Vec<bool>,
}

impl<'a> UnitFilter<'a> {
    fn new(model: &'a Model, units: &[UnitIx]) -> UnitFilter<'a> {
        let mut chosen = vec![
            false;
            if units.is_empty() {
                0
            } else {
                model.units.len()
            }
        ];
        for u in units {
            if let Some(c) = chosen.get_mut(u.index()) {
                *c = true;
            }
        }
        UnitFilter { model, chosen }
    }

    /// Whether system `s` belongs to a unit chosen.
    #[inline]
    fn has(&self, s: SystemIx) -> bool {
        self.model
            .system(s)
            .unit
            .is_some_and(|u| self.chosen.get(u.index()).copied().unwrap_or(false))
    }
}

/// The handoffs in focus: of the workflows chosen, with an end in the units chosen.
fn handoffs_in_focus<'r>(
    report: &'r Report,
    view: &View,
    units: &UnitFilter,
) -> Vec<&'r HandoffResult> {
    let handoffs = &report.analysis.handoffs;
    let of_workflows: Vec<&HandoffResult> = if view.workflows.is_empty() {
        handoffs.iter().collect()
    } else {
        let mut chosen = view.workflows.clone();
        chosen.sort_unstable();
        chosen.dedup();
        chosen
            .iter()
            .flat_map(|w| workflow_handoffs(handoffs, *w))
            .collect()
    };
    of_workflows
        .into_iter()
        .filter(|h| view.units.is_empty() || units.has(h.from) || units.has(h.to))
        .filter(|h| !view.gaps_only || h.status.is_gap())
        .collect()
}

/// The systems and integrations a focused view shows (unsorted, with repeats): those
/// along the handoffs in focus and, for a unit view, the units' own.
fn shown_in_focus(
    model: &Model,
    view: &View,
    units: &UnitFilter,
    in_focus: &[&HandoffResult],
) -> (Vec<SystemIx>, Vec<IntegrationIx>) {
    let mut systems = Vec::new();
    let mut integrations = Vec::new();
    for h in in_focus {
        systems.push(h.from);
        systems.push(h.to);
        for i in h.path_integrations() {
            integrations.push(i);
            systems.push(model.integration(i).from);
            systems.push(model.integration(i).to);
        }
    }
    if view.workflows.is_empty() && !view.gaps_only {
        // A unit view shows the unit's own systems and every integration with an end
        // in it, whatever workflow uses it (or none).
        systems.extend(model.system_ixs().filter(|s| units.has(*s)));
        for (i, integration) in model.integration_ixs().zip(&model.integrations) {
            if units.has(integration.from) || units.has(integration.to) {
                integrations.push(i);
                systems.push(integration.from);
                systems.push(integration.to);
            }
        }
    }
    (systems, integrations)
}

/// The steps each integration carries (in a workflow view) and the missing handoffs
/// gathered into one edge per pair of systems.
fn steps_and_missing(
    model: &Model,
    view: &View,
    in_focus: &[&HandoffResult],
) -> (BTreeMap<IntegrationIx, Vec<String>>, Vec<MissingEdge>) {
    let workflow_filter = &view.workflows;
    let step_of = |h: &HandoffResult| {
        if workflow_filter.len() == 1 {
            h.step.to_string()
        } else {
            format!("{} {}", model.workflow(h.workflow).id, h.step)
        }
    };
    let mut steps: BTreeMap<IntegrationIx, Vec<String>> = BTreeMap::new();
    let mut step_listed: HashSet<(IntegrationIx, String)> = HashSet::new();
    let mut missing: Vec<MissingEdge> = Vec::new();
    let mut missing_at: HashMap<(SystemIx, SystemIx), usize> = HashMap::new();
    let mut listed: HashSet<(usize, bool, &str)> = HashSet::new();
    for h in in_focus {
        let step = (!workflow_filter.is_empty()).then(|| step_of(h));
        if let Some(step) = &step {
            for i in h.path_integrations() {
                if step_listed.insert((i, step.clone())) {
                    steps.entry(i).or_default().push(step.clone());
                }
            }
        }
        if h.status != Status::Missing {
            continue;
        }
        let k = *missing_at.entry((h.from, h.to)).or_insert_with(|| {
            missing.push(MissingEdge {
                from: h.from,
                to: h.to,
                data: Vec::new(),
                annual_hours: 0.0,
                annual_cost: 0.0,
                workflows: Vec::new(),
                steps: Vec::new(),
            });
            missing.len() - 1
        });
        let edge = &mut missing[k];
        let data = h.data(model);
        if listed.insert((k, false, data)) {
            edge.data.push(data.to_string());
        }
        let workflow = model.workflow(h.workflow).id.as_str();
        if listed.insert((k, true, workflow)) {
            edge.workflows.push(workflow.to_string());
        }
        edge.steps.extend(step);
        edge.annual_hours += h.annual_hours;
        edge.annual_cost += h.annual_cost;
    }
    (steps, missing)
}

/// The fixes shown: the first `view.top`, of those that make a handoff in focus cheaper
/// when the view is focused.
fn fixes_in_focus(report: &Report, view: &View, in_focus: &[&HandoffResult]) -> Vec<FixMark> {
    let fixes = &report.analysis.fixes;
    if !view.is_focused() {
        return fixes
            .iter()
            .take(view.top)
            .map(|f| FixMark::of(report.model, f))
            .collect();
    }
    // Positions in the ranked list, found through the index: a landscape's map would
    // otherwise read every fix's list of improvements.
    let improved_by = report.analysis.improved_by();
    let mut helping: Vec<usize> = in_focus
        .iter()
        .flat_map(|h| improved_by.of(h.workflow, h.step))
        .copied()
        .collect();
    helping.sort_unstable();
    helping.dedup();
    helping
        .into_iter()
        .take(view.top)
        .map(|k| FixMark::of(report.model, &fixes[k]))
        .collect()
}
