//! The warnings of docs/model.md, "Warnings": reported, not fatal.

use std::collections::HashMap;

use foldhash::fast::FixedState;

use super::super::tree::{join, Mark};
use super::super::Model;
use crate::diagnostic::{Code, Diagnostic};

/// The warnings, in a fixed order.
pub(super) fn model_warnings(model: &Model, data_marks: &[Mark]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    empty_sections(model, &mut warnings);
    unused_systems(model, &mut warnings);
    idle_objectives(model, &mut warnings);
    workflows_serving_nothing(model, &mut warnings);
    warnings.extend(data_typos(model, data_marks));
    warnings.extend(end_of_support(model));
    warnings
}

/// No workflows, or no strategies.
fn empty_sections(model: &Model, warnings: &mut Vec<Diagnostic>) {
    if model.workflows.is_empty() {
        warnings.push(Diagnostic::warning(
            Code::NoWorkflows,
            "workflows",
            None,
            "the model has no workflows: there is nothing to analyse",
        ));
    }
    if model.strategies.is_empty() {
        warnings.push(Diagnostic::warning(
            Code::NoStrategies,
            "strategies",
            None,
            "the model has no strategies: every workflow counts with alignment 1",
        ));
    }
}

/// Systems no integration or handoff touches.
fn unused_systems(model: &Model, warnings: &mut Vec<Diagnostic>) {
    let mut touched = vec![false; model.systems.len()];
    for i in &model.integrations {
        touched[i.from.index()] = true;
        touched[i.to.index()] = true;
    }
    for h in model.workflows.iter().flat_map(|w| &w.handoffs) {
        touched[h.from.index()] = true;
        touched[h.to.index()] = true;
    }
    for (system, touched) in model.systems.iter().zip(&touched) {
        if !touched {
            warnings.push(Diagnostic::warning(
                Code::UnusedSystem,
                join("systems", &system.id),
                None,
                format!(
                    "system `{}` is not touched by any integration or handoff",
                    system.id
                ),
            ));
        }
    }
}

/// Objectives no strategy weighs or no workflow serves.
fn idle_objectives(model: &Model, warnings: &mut Vec<Diagnostic>) {
    for (o, objective) in model.objective_ixs().zip(&model.objectives) {
        let weighed = model
            .strategies
            .iter()
            .any(|s| s.weights.iter().any(|(i, w)| *i == o && *w > 0.0));
        let served = model.workflows.iter().any(|w| w.serves(o) > 0.0);
        let path = join("objectives", &objective.id);
        if !weighed {
            warnings.push(Diagnostic::warning(
                Code::UnweighedObjective,
                path.clone(),
                None,
                format!(
                    "objective `{}` is not weighed by any strategy",
                    objective.id
                ),
            ));
        }
        if !served {
            warnings.push(Diagnostic::warning(
                Code::UnservedObjective,
                path,
                None,
                format!("objective `{}` is not served by any workflow", objective.id),
            ));
        }
    }
}

/// Workflows that serve no objective, so their alignment is 0.
fn workflows_serving_nothing(model: &Model, warnings: &mut Vec<Diagnostic>) {
    for workflow in &model.workflows {
        if !workflow.serves.iter().any(|(_, v)| *v > 0.0) {
            let why = if model.strategies.is_empty() {
                "it will have alignment 0 once strategies are declared"
            } else {
                "its alignment is 0 under every strategy"
            };
            warnings.push(Diagnostic::warning(
                Code::WorkflowServesNothing,
                join("workflows", &workflow.id),
                None,
                format!("workflow `{}` serves no objective: {why}", workflow.id),
            ));
        }
    }
}

/// Systems at `lifecycle: end-of-support` that workflows still hand data to or from, with
/// how many workflows (the audit's "end of support, still in N workflows").
fn end_of_support(model: &Model) -> Vec<Diagnostic> {
    let ended: Vec<usize> = (0..model.systems.len())
        .filter(|s| model.systems[*s].lifecycle == Some("end-of-support"))
        .collect();
    if ended.is_empty() {
        return Vec::new();
    }
    let mut in_workflows = vec![0usize; model.systems.len()];
    let mut seen = vec![usize::MAX; model.systems.len()];
    for (w, workflow) in model.workflows.iter().enumerate() {
        for h in &workflow.handoffs {
            for s in [h.from, h.to] {
                if seen[s.index()] != w {
                    seen[s.index()] = w;
                    in_workflows[s.index()] += 1;
                }
            }
        }
    }
    ended
        .into_iter()
        .filter(|s| in_workflows[*s] > 0)
        .map(|s| {
            let system = &model.systems[s];
            let n = in_workflows[s];
            Diagnostic::warning(
                Code::EndOfSupport,
                join("systems", &system.id),
                None,
                format!(
                    "system `{}` is at end of support, still in {n} workflow{}",
                    system.id,
                    if n == 1 { "" } else { "s" }
                ),
            )
        })
        .collect()
}

/// Who carries a data object by name: the first integration, else the first fix.
#[derive(Clone, Copy)]
enum Carrier<'a> {
    Integration(&'a str),
    Fix(&'a str),
}

/// How many carried names the searches for near typos may look at in all, so that a model
/// with many distinct uncarried names stays quick (past it, no more of these warnings).
const TYPO_BUDGET: usize = 2_000_000;

/// A handoff's data object that nothing carries by name while a carried name is within
/// "did you mean" distance: most likely a typo that turns an automated handoff into a
/// costly missing one. Carried names are indexed once, and each distinct uncarried name
/// is searched once.
fn data_typos(model: &Model, data_marks: &[Mark]) -> Vec<Diagnostic> {
    // Looked up once per handoff: foldhash, as the loader's other maps.
    let mut carriers: HashMap<&str, Carrier, FixedState> = HashMap::default();
    let mut carried: Vec<&str> = Vec::new();
    let named = model
        .integrations
        .iter()
        .map(|i| (Some(&i.carries), Carrier::Integration(&i.id)))
        .chain(
            model
                .fixes
                .iter()
                .map(|f| (f.carries.as_ref(), Carrier::Fix(&f.id))),
        );
    for (carries, carrier) in named {
        for data in carries.into_iter().flat_map(|c| c.iter()) {
            if data != "*" && !carriers.contains_key(data.as_str()) {
                carriers.insert(data, carrier);
                carried.push(data);
            }
        }
    }
    let mut nearest: HashMap<&str, Option<&str>, FixedState> = HashMap::default();
    let mut budget = TYPO_BUDGET;
    let mut warnings = Vec::new();
    let handoffs = model
        .workflows
        .iter()
        .flat_map(|w| w.handoffs.iter().enumerate().map(move |(i, h)| (w, i, h)));
    for (k, (workflow, i, handoff)) in handoffs.enumerate() {
        let data = &*handoff.data;
        if carriers.contains_key(data) {
            continue;
        }
        let near = *nearest.entry(data).or_insert_with(|| {
            if budget < carried.len() {
                budget = 0;
                return None;
            }
            budget -= carried.len();
            crate::diagnostic::nearest(data, carried.iter().copied())
        });
        let Some(near) = near else { continue };
        let by = match carriers[near] {
            Carrier::Integration(id) => id.to_string(),
            Carrier::Fix(id) => format!("fix {id}"),
        };
        warnings.push(
            Diagnostic::warning(
                Code::DataTypo,
                format!("workflows.{}.handoffs[{}].data", workflow.id, i + 1),
                data_marks.get(k).map(|m| m.pos()),
                format!("no integration or fix carries `{data}`"),
            )
            .with_help(format!("did you mean `{near}` (carried by {by})?")),
        );
    }
    warnings
}
