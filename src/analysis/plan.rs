//! A budgeted roadmap (docs/scoring.md, section 9): greedy picks, each valued
//! against the model with the earlier picks applied.

use super::candidates::{candidates, Action};
use super::engine::Engine;
use super::ids::FixId;
use super::measures::automation_rate;
use super::network::Network;
use super::resolve::{resolve_again, resolve_with, Alignment};
use super::valuation::CandidateIndex;
use super::value::{fix_of, lowered_by_data, spec_order, Fix};
use crate::model::Model;

/// One pick of the plan, with its marginal value and the running totals.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanStep {
    /// 1-based.
    pub step: usize,
    /// What the fix is made from, which names it.
    pub id: FixId,
    /// What it does.
    pub action: Action,
    /// Source system index.
    pub from: usize,
    /// Target system index.
    pub to: usize,
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
    /// Its running cost a year.
    pub run_cost: f64,
    /// Its NPV at this step (its marginal net saving over the horizon, less its cost).
    pub npv: f64,
    /// NPV so far: Σ of the steps' NPVs.
    pub cumulative_npv: f64,
    /// Summary `automation_rate` of the model with this and the earlier picks applied.
    pub automation_rate_after: Option<f64>,
}

/// A budgeted roadmap.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The budget.
    pub budget: f64,
    /// The picks, in order.
    pub steps: Vec<PlanStep>,
    /// Each pick as the fix it was at its step (what to build), in order.
    pub picks: Vec<Fix>,
}

/// Picks fixes greedily within `budget` under strategy `strategy` (index).
///
/// Incremental: a pick carrying data set D changes only the handoffs of data in D (their
/// graph is the only one that changed), and only the candidates carrying some data of D (or
/// `"*"`) can change value, since a value sums over the gaps of the data a candidate carries.
/// Those handoffs are resolved again, those data's searches run again, those candidates are
/// valued again; every other value is kept.
pub fn plan(model: &Model, strategy: Option<usize>, budget: f64) -> Plan {
    let alignment = Alignment::new(model, strategy);
    let mut network = Network::of_model(model);
    // One engine for today's resolution, the first valuation and every step after.
    let mut engine = Engine::new(model, &network);
    let mut state = resolve_with(model, &network, &alignment, &mut engine);
    let pool = candidates(model, &state);
    let mut index = CandidateIndex::new(model, &network, &engine.data, &pool);
    let mut lowered = vec![Vec::new(); pool.len()];
    lowered_by_data(&mut engine, &index, &state, None, &mut lowered);
    let mut valued: Vec<Fix> = pool
        .iter()
        .zip(&lowered)
        .map(|(c, lowered)| fix_of(model, &state, &alignment, c, lowered))
        .collect();
    let mut steps: Vec<PlanStep> = Vec::new();
    let (mut spent, mut saved, mut value_so_far, mut npv_so_far) = (0.0, 0.0, 0.0, 0.0);
    let mut picks: Vec<Fix> = Vec::new();
    loop {
        // The best-ranked that saves and fits: the first of `rank`'s order among those
        // that fit is their minimum, found in one pass instead of a sort per round.
        let chosen = (0..pool.len())
            .filter(|c| {
                index.is_active(*c)
                    && valued[*c].annual_hours_saved > 0.0
                    && spent + valued[*c].cost <= budget
            })
            .min_by(|a, b| spec_order(model, &valued[*a], &valued[*b]));
        let Some(chosen) = chosen else {
            break;
        };
        let pick = valued[chosen].clone();
        index.remove(chosen);
        pool[chosen].apply(model, &mut network);
        engine.rebuild(&network);

        let changed: Vec<u32> = match index.carries(chosen) {
            Some(data) => data.to_vec(),
            None => (0..engine.data.len() as u32).collect(),
        };
        let handoffs: Vec<u32> = changed
            .iter()
            .flat_map(|d| engine.by_data[*d as usize].iter().copied())
            .collect();
        resolve_again(
            model,
            &network,
            &alignment,
            &mut engine,
            &handoffs,
            &mut state,
        );
        let touched: Vec<usize> = (0..pool.len())
            .filter(|c| {
                index.is_active(*c)
                    && index
                        .carries(*c)
                        .is_none_or(|data| data.iter().any(|d| changed.contains(d)))
            })
            .collect();
        for &c in &touched {
            let keys = &engine.keys;
            lowered[c].retain(|(k, _)| !changed.contains(&keys[*k as usize].data));
        }
        lowered_by_data(&mut engine, &index, &state, Some(&changed), &mut lowered);
        for &c in &touched {
            valued[c] = fix_of(model, &state, &alignment, &pool[c], &lowered[c]);
        }

        spent += pick.cost;
        saved += pick.annual_saving;
        value_so_far += pick.strategic_value;
        npv_so_far += pick.npv;
        // Its rank in the plan is its step.
        picks.push(Fix {
            rank: steps.len() + 1,
            ..pick.clone()
        });
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
            run_cost: pick.run_cost,
            npv: pick.npv,
            cumulative_npv: npv_so_far,
            automation_rate_after: automation_rate(&state),
        });
    }
    Plan {
        budget,
        steps,
        picks,
    }
}
