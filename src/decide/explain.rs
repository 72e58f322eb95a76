//! One fix's arithmetic (docs/scoring.md, sections 4-5), handoff by handoff, and why it ranks where
//! it does against its neighbours. The totals are the ranked fix's own, so they equal the
//! JSON report's; the per-handoff terms are recomputed from the model to show the work.

use super::lookup::HandoffLookup;
use crate::analysis::{analyze, path_ids, Analysis, Fix, FixIx};
use crate::model::{Model, ObjectiveIx};

/// One objective's share of a handoff's alignment: weight × serves / Σ weights.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectiveTerm {
    /// Objective id.
    pub objective: String,
    /// Its weight in the strategy in force.
    pub weight: f64,
    /// How much the workflow serves it.
    pub serves: f64,
    /// weight × serves / Σ weights.
    pub term: f64,
    /// The handoff's saving × term.
    pub value: f64,
}

/// One handoff the fix makes cheaper.
#[derive(Clone, Debug, PartialEq)]
pub struct ExplainedHandoff {
    /// Workflow id.
    pub workflow: String,
    /// 1-based step.
    pub step: usize,
    /// Source system id.
    pub from: String,
    /// Target system id.
    pub to: String,
    /// The data object.
    pub data: String,
    /// Integration ids of the path before (empty: none).
    pub path_before: Vec<String>,
    /// Integration ids of the path after.
    pub path_after: Vec<String>,
    /// Minutes per run before.
    pub minutes_before: f64,
    /// Minutes per run after.
    pub minutes_after: f64,
    /// Runs a year.
    pub runs_per_year: f64,
    /// Hourly cost of the unit doing the work.
    pub hourly_cost: f64,
    /// The unit doing the work, when the handoff's `by` names one other than its
    /// workflow's.
    pub by: Option<String>,
    /// Hours a year saved.
    pub annual_hours_saved: f64,
    /// Annual cost saved.
    pub annual_saving: f64,
    /// The workflow's alignment.
    pub alignment: f64,
    /// The alignment's terms, one per objective the strategy weighs positively.
    pub objectives: Vec<ObjectiveTerm>,
    /// annual_saving × alignment.
    pub strategic_value: f64,
}

/// A fix ranked next to the explained one, and the ranking key that separates them.
#[derive(Clone, Debug, PartialEq)]
pub struct Neighbour {
    /// The neighbour.
    pub fix: Fix,
    /// The first key of the spec's ordering on which they differ: `free`, `priority`,
    /// `strategic_value`, `annual_saving`, `id` or `action`.
    pub key: &'static str,
}

/// The explanation of one fix.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// The fix as ranked (its numbers are the report's).
    pub fix: Fix,
    /// The handoffs it makes cheaper or dearer, in file order.
    pub handoffs: Vec<ExplainedHandoff>,
    /// Σ weights of the strategy in force (0 without one).
    pub total_weight: f64,
    /// The fix ranked just above, if any.
    pub above: Option<Neighbour>,
    /// The fix ranked just below, if any.
    pub below: Option<Neighbour>,
    /// How many fixes are ranked.
    pub ranked: usize,
}

/// Explains the fix at `ix` of `analysis`, an analysis of `model` (under
/// `analysis.strategy`).
pub fn explain(model: &Model, analysis: &Analysis, ix: FixIx) -> Explanation {
    let fix = analysis.fix(ix).clone();
    let strategy = analysis.strategy.as_ref().map(|s| s.index);
    let built_model = super::with_fixes(model, [&fix]);
    let after = analyze(&built_model, strategy);
    let weights: Vec<(ObjectiveIx, f64)> = strategy
        .map(|s| model.strategy(s).weights.clone())
        .unwrap_or_default();
    let total_weight: f64 = weights.iter().map(|(_, w)| w).sum();
    let (today, built) = (
        HandoffLookup::new(model, &analysis.handoffs),
        HandoffLookup::new(&built_model, &after.handoffs),
    );
    // What it makes cheaper and what it makes dearer, in file order: the sums are the fix's.
    let mut changes: Vec<&crate::analysis::Improvement> =
        fix.improves.iter().chain(&fix.raises).collect();
    changes.sort_by_key(|i| (i.workflow, i.step));
    let handoffs = changes
        .into_iter()
        .filter_map(|i| {
            let workflow = model.workflow(i.workflow);
            let before = today.get(&workflow.id, i.step)?;
            let later = built.get(&workflow.id, i.step)?;
            let hourly_cost = before.hourly_cost;
            let by = workflow.handoffs[i.step - 1]
                .by
                .filter(|u| Some(*u) != workflow.unit)
                .map(|u| model.unit(u).id.clone());
            let hours_after = before.runs_per_year * i.minutes_after / 60.0;
            let saving = before.annual_cost - hours_after * hourly_cost;
            let objectives = weights
                .iter()
                .filter(|(_, w)| *w > 0.0)
                .map(|(o, w)| {
                    let serves = workflow.serves(*o);
                    let term = w * serves / total_weight;
                    ObjectiveTerm {
                        objective: model.objective(*o).id.clone(),
                        weight: *w,
                        serves,
                        term,
                        value: saving * w * serves / total_weight,
                    }
                })
                .collect();
            Some(ExplainedHandoff {
                workflow: workflow.id.clone(),
                step: i.step,
                from: model.system(before.from).id.clone(),
                to: model.system(before.to).id.clone(),
                data: before.data(model).to_string(),
                // Paths after name the fix as the integration the built model gained.
                path_before: path_ids(model, &before.path),
                path_after: path_ids(&built_model, &later.path),
                minutes_before: i.minutes_before,
                minutes_after: i.minutes_after,
                runs_per_year: before.runs_per_year,
                hourly_cost,
                by,
                annual_hours_saved: i.annual_hours_saved,
                annual_saving: saving,
                alignment: before.alignment,
                objectives,
                strategic_value: saving * before.alignment,
            })
        })
        .collect();
    let neighbour = |other: &Fix| Neighbour {
        fix: other.clone(),
        key: separating_key(model, &fix, other),
    };
    Explanation {
        above: ix
            .index()
            .checked_sub(1)
            .map(|i| neighbour(&analysis.fixes[i])),
        below: analysis.fixes.get(ix.index() + 1).map(neighbour),
        handoffs,
        total_weight,
        ranked: analysis.fixes.len(),
        fix,
    }
}

/// The first key of the ordering of docs/scoring.md, section 5, on which `a` and `b` differ.
pub fn separating_key(model: &Model, a: &Fix, b: &Fix) -> &'static str {
    let free = |f: &Fix| f.cost == 0.0 && f.strategic_value > 0.0;
    let priority = |f: &Fix| f.priority.unwrap_or(0.0);
    if free(a) != free(b) {
        "free"
    } else if !free(a) && priority(a) != priority(b) {
        "priority"
    } else if a.strategic_value != b.strategic_value {
        "strategic_value"
    } else if a.annual_saving != b.annual_saving {
        "annual_saving"
    } else if a.id.text(model) != b.id.text(model) {
        "id"
    } else {
        "action"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeds_first_fix_adds_up() {
        let source = include_str!("../../fixtures/valid/seed.yaml");
        let model = crate::load_str(source, "seed.yaml").unwrap().model;
        let analysis = analyze(&model, model.strategy_index("growth"));
        let e = explain(&model, &analysis, FixIx::new(0));
        // crm->accounting: 3,600 runs × 12 min / 60 = 720 h × EUR 60 = 43,200; alignment
        // (3 × 1.0 + 2 × 0.5) / 5 = 0.8, so 34,560, split 3/5 and 1/5 of 43,200.
        let h = &e.handoffs[0];
        assert_eq!(h.path_before, ["crm->deal-sheet", "deal-sheet->accounting"]);
        assert_eq!(h.path_after, ["crm->accounting"]);
        assert_eq!((h.runs_per_year, h.hourly_cost), (3600.0, 60.0));
        assert_eq!((h.annual_hours_saved, h.annual_saving), (720.0, 43200.0));
        assert_eq!(h.strategic_value, 34560.0);
        let values: Vec<f64> = h.objectives.iter().map(|o| o.value).collect();
        assert_eq!(values, [25920.0, 8640.0]);
        assert!(e.above.is_none());
        let below = e.below.unwrap();
        assert_eq!(
            (below.fix.id.text(&model).as_ref(), below.key),
            ("payment-webhook", "priority")
        );
    }
}
