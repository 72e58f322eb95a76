//! A budgeted roadmap (MODEL.md section 6, last paragraph): greedy picks, each valued
//! against the model with the earlier picks applied.

use super::candidates::{candidates, Action};
use super::network::Network;
use super::resolve::{resolve_all, Alignment};
use super::value::{rank, value, RankBy};
use crate::model::Model;

/// One pick of the plan, with its marginal value and the running totals.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanStep {
    /// 1-based.
    pub step: usize,
    /// Fix id.
    pub id: String,
    /// What it does.
    pub action: Action,
    /// Source system id.
    pub from: String,
    /// Target system id.
    pub to: String,
    /// Cost.
    pub cost: f64,
    /// Hours a year it saves at this step.
    pub annual_hours_saved: f64,
    /// Saving a year at this step.
    pub annual_saving: f64,
    /// Strategic value at this step.
    pub strategic_value: f64,
    /// Spent so far.
    pub cumulative_cost: f64,
    /// Saved a year so far.
    pub cumulative_saving: f64,
    /// Strategic value so far.
    pub cumulative_strategic_value: f64,
}

/// A budgeted roadmap.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The budget.
    pub budget: f64,
    /// The picks, in order.
    pub steps: Vec<PlanStep>,
}

/// Picks fixes greedily within `budget` under strategy `strategy` (index).
pub fn plan(model: &Model, strategy: Option<usize>, budget: f64) -> Plan {
    let alignment = Alignment::new(model, strategy);
    let mut network = Network::of_model(model);
    let mut state = resolve_all(model, &network, &alignment);
    let mut pool = candidates(model, &state);
    let mut steps: Vec<PlanStep> = Vec::new();
    let (mut spent, mut saved, mut value_so_far) = (0.0, 0.0, 0.0);
    loop {
        let valued: Vec<_> = pool
            .iter()
            .map(|c| value(model, &network, &state, &alignment, c))
            .collect();
        let ranked = rank(
            valued
                .into_iter()
                .filter(|f| f.annual_hours_saved > 0.0)
                .collect(),
            RankBy::Priority,
        );
        let Some(pick) = ranked.into_iter().find(|f| spent + f.cost <= budget) else {
            break;
        };
        let index = pool
            .iter()
            .position(|c| c.id == pick.id && c.action == pick.action)
            .expect("a ranked fix comes from the pool");
        let candidate = pool.remove(index);
        candidate.apply(model, &mut network);
        state = resolve_all(model, &network, &alignment);
        spent += pick.cost;
        saved += pick.annual_saving;
        value_so_far += pick.strategic_value;
        steps.push(PlanStep {
            step: steps.len() + 1,
            id: pick.id,
            action: pick.action,
            from: pick.from,
            to: pick.to,
            cost: pick.cost,
            annual_hours_saved: pick.annual_hours_saved,
            annual_saving: pick.annual_saving,
            strategic_value: pick.strategic_value,
            cumulative_cost: spent,
            cumulative_saving: saved,
            cumulative_strategic_value: value_so_far,
        });
    }
    Plan { budget, steps }
}
