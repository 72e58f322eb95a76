//! A budgeted roadmap (docs/scoring.md, section 9): greedy picks, each valued
//! against the model with the earlier picks applied.

use super::affected::Bounds;
use super::candidates::{candidates, Action};
use super::engine::Engine;
use super::ids::FixId;
use super::measures::automation_rate;
use super::network::Network;
use super::reach::Reach;
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
/// graph is the only one that changed), and of those only the ones a path through the pick
/// could change ([`Bounds`]: the least path through it, with any candidate of the pool, is
/// dearer than what the handoff pays today). Those handoffs are resolved and valued again,
/// and only the candidates with an entry for one of them before or after are built again;
/// every other value is kept, exactly.
pub fn plan(model: &Model, strategy: Option<usize>, budget: f64) -> Plan {
    let alignment = Alignment::new(model, strategy);
    let mut network = Network::of_model(model);
    // One engine for today's resolution, the first valuation and every step after.
    let mut engine = Engine::new(model, &network);
    let mut state = resolve_with(model, &network, &alignment, &mut engine);
    let pool = candidates(model, &state);
    let mut index = CandidateIndex::new(model, &network, &engine.data, &pool);
    let mut lowered = vec![Vec::new(); pool.len()];
    lowered_by_data(&mut engine, &index, &state, None, None, &mut lowered);
    let mut valued: Vec<Fix> = pool
        .iter()
        .zip(&lowered)
        .map(|(c, lowered)| fix_of(model, &state, &alignment, c, lowered))
        .collect();
    let mut steps: Vec<PlanStep> = Vec::new();
    let (mut spent, mut saved, mut value_so_far, mut npv_so_far) = (0.0, 0.0, 0.0, 0.0);
    let mut picks: Vec<Fix> = Vec::new();
    // Every later scenario is part of today's network with every candidate applied: its
    // reachability test stays exact in its "no" for all of them, so it is built once.
    let mut every_fix = network.clone();
    for candidate in &pool {
        candidate.apply(model, &mut every_fix);
    }
    engine.keep_reach(Reach::of_network(&every_fix));
    drop(every_fix);
    let mut bounds = Bounds::default();
    let mut affected = vec![false; engine.keys.len()];
    let mut touched = vec![false; pool.len()];
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
        engine.rebuild_graph(&network);

        let changed: Vec<u32> = match index.carries(chosen) {
            Some(data) => data.to_vec(),
            None => (0..engine.data.len() as u32).collect(),
        };
        let edge = index.edge(chosen);
        for &d in &changed {
            bounds.mark(&engine, &state, &index, d, edge, &mut affected);
        }
        let handoffs: Vec<u32> = changed
            .iter()
            .flat_map(|d| engine.by_data[*d as usize].iter().copied())
            .filter(|k| affected[*k as usize])
            .collect();
        resolve_again(
            model,
            &network,
            &alignment,
            &mut engine,
            &handoffs,
            &mut state,
        );
        // The candidates with an entry for an affected handoff lose it (and are built
        // again); those that get one now are built again too.
        let mut rebuild: Vec<u32> = Vec::new();
        for c in 0..pool.len() {
            if index.is_active(c) && lowered[c].iter().any(|(k, _)| affected[*k as usize]) {
                lowered[c].retain(|(k, _)| !affected[*k as usize]);
                touched[c] = true;
                rebuild.push(c as u32);
            }
        }
        if !handoffs.is_empty() {
            let got = lowered_by_data(
                &mut engine,
                &index,
                &state,
                Some(&changed),
                Some(&affected),
                &mut lowered,
            );
            for c in got {
                if !touched[c as usize] {
                    touched[c as usize] = true;
                    rebuild.push(c);
                }
            }
        }
        for &c in &rebuild {
            let c = c as usize;
            touched[c] = false;
            valued[c] = fix_of(model, &state, &alignment, &pool[c], &lowered[c]);
        }
        for &k in &handoffs {
            affected[k as usize] = false;
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
