//! The explorer's fixes (each with its handoff-by-handoff arithmetic) and strategies (each
//! with its ranking, values and plans).

use std::collections::{HashMap, HashSet};

use super::build::handoff_start;
use super::{Change, FixView, StepView, StrategyView, MAX_FIXES};
use crate::analysis::{Action, Analysis, Fix, FixId, Improvement};
use crate::decide::Precomputed;
use crate::model::Model;
use crate::text::count;

/// How a fix is known across the analyses of several strategies (they value the same
/// candidates; only the order and the strategic values differ).
pub(super) type FixKey = (FixId, Action);

/// The fixes the page holds, in the order of the strategy at `shown`, and where each
/// is in that list: the best [`MAX_FIXES`] under each strategy that change a workflow the
/// page holds.
pub(super) fn fix_table(
    model: &Model,
    pre: &Precomputed,
    shown: usize,
    workflow_at: &[Option<usize>],
    left_out: &mut Vec<String>,
) -> (Vec<FixView>, HashMap<FixKey, usize>) {
    let on_page = |f: &Fix| {
        f.workflows
            .iter()
            .any(|&w| workflow_at[w.index()].is_some())
    };
    let mut kept: HashSet<FixKey> = HashSet::new();
    for analysis in &pre.analyses {
        kept.extend(
            analysis
                .fixes
                .iter()
                .filter(|f| on_page(f))
                .take(MAX_FIXES)
                .map(|f| (f.id, f.action)),
        );
    }
    let base = &pre.analyses[shown];
    let relevant = base.fixes.iter().filter(|f| on_page(f)).count();
    if kept.len() < relevant {
        left_out.push(format!(
            "The page holds the best {} fixes under each strategy, {} of {}; \
             `gapgraph explain MODEL FIX` explains any other.",
            count(MAX_FIXES),
            count(kept.len()),
            count(relevant)
        ));
    }
    let mut fixes = Vec::with_capacity(kept.len());
    let mut table = HashMap::with_capacity(kept.len());
    for fix in base
        .fixes
        .iter()
        .filter(|f| kept.contains(&(f.id, f.action)))
    {
        table.insert((fix.id, fix.action), fixes.len());
        fixes.push(fix_view(model, base, fix, workflow_at));
    }
    (fixes, table)
}

/// What to call a fix: the catalogued fix's name, "Automate" and the integration's name,
/// else what it does between which systems.
pub fn fix_name(model: &Model, fix: &Fix) -> String {
    let (from, to) = (&model.system(fix.from).name, &model.system(fix.to).name);
    match (fix.action, fix.name(model)) {
        (Action::Catalog, Some(name)) => name.to_string(),
        (Action::Automate, Some(name)) => format!("Automate {name}"),
        (Action::Automate, None) => format!("Automate {from} \u{2192} {to}"),
        (Action::Catalog, None) => format!("Build {from} \u{2192} {to}"),
        (Action::Connect, _) => format!("Connect {from} \u{2192} {to}"),
    }
}

fn fix_view(model: &Model, base: &Analysis, fix: &Fix, workflow_at: &[Option<usize>]) -> FixView {
    let change = |i: &Improvement| {
        let page_workflow = workflow_at[i.workflow.index()]?;
        let before = &base.handoffs[handoff_start(base, i.workflow.index()) + i.step - 1];
        // `explain`'s terms: the saving is today's cost less the cost at the minutes after.
        let hours_after = before.runs_per_year * i.minutes_after / 60.0;
        let saving = before.annual_cost - hours_after * before.hourly_cost;
        Some(Change(
            page_workflow,
            i.step - 1,
            i.minutes_before,
            i.minutes_after,
            i.annual_hours_saved,
            saving,
        ))
    };
    FixView {
        id: fix.id.text(model).into_owned(),
        name: fix_name(model, fix),
        action: fix.action.as_str(),
        from: fix.from.index(),
        to: fix.to.index(),
        cost: fix.cost,
        run_cost: fix.run_cost,
        saving: fix.annual_saving,
        hours: fix.annual_hours_saved,
        payback: fix.payback_months,
        npv: fix.npv,
        changes: fix
            .improves
            .iter()
            .chain(&fix.raises)
            .filter_map(change)
            .collect(),
    }
}

/// Each strategy's ranking of the fixes held, their values and priorities, and its plans.
pub(super) fn strategies(
    model: &Model,
    pre: &Precomputed,
    table: &HashMap<FixKey, usize>,
    held: usize,
) -> Vec<StrategyView> {
    pre.strategies
        .iter()
        .zip(&pre.analyses)
        .zip(&pre.plans)
        .map(|((strategy, analysis), plans)| {
            let mut value = vec![0.0; held];
            let mut priority = vec![None; held];
            let mut order = Vec::with_capacity(held);
            for fix in &analysis.fixes {
                if let Some(&k) = table.get(&(fix.id, fix.action)) {
                    order.push(k);
                    value[k] = fix.strategic_value;
                    priority[k] = fix.priority;
                }
            }
            let (id, name) = match strategy {
                Some(s) => (
                    model.strategy(*s).id.clone(),
                    model.strategy(*s).name.clone(),
                ),
                None => (String::new(), "No strategy".to_string()),
            };
            StrategyView {
                id,
                name,
                order,
                value,
                priority,
                strategic_automation: analysis.summary.strategic_automation,
                plans: plans
                    .iter()
                    .map(|plan| {
                        plan.steps
                            .iter()
                            .map(|step| {
                                let fix = table.get(&(step.id, step.action)).copied();
                                StepView {
                                    fix,
                                    id: if fix.is_some() {
                                        String::new()
                                    } else {
                                        step.id.text(model).into_owned()
                                    },
                                    cost: step.cost,
                                    saving: step.annual_saving,
                                    spent: step.cumulative_cost,
                                    saved: step.cumulative_saving,
                                    automation: step.automation_rate_after,
                                }
                            })
                            .collect()
                    })
                    .collect(),
            }
        })
        .collect()
}
