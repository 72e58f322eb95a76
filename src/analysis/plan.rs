//! A budgeted roadmap (docs/scoring.md, section 9): greedy picks, each valued
//! against the model with the earlier picks applied.

use super::affected::Bounds;
use super::candidates::{candidates, Action, Candidate};
use super::engine::Engine;
use super::ids::FixId;
use super::measures::automation_rate;
use super::network::Network;
use super::reach::Reach;
use super::resolve::{resolve_again, resolve_with, Alignment, HandoffResult};
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
    let mut planner = Planner::new(model, strategy);
    let mut steps: Vec<PlanStep> = Vec::new();
    let (mut spent, mut saved, mut value_so_far, mut npv_so_far) = (0.0, 0.0, 0.0, 0.0);
    let mut picks: Vec<Fix> = Vec::new();
    while let Some(chosen) = planner.best_fitting(spent, budget) {
        let pick = planner.valued[chosen].clone();
        planner.apply(chosen);

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
            automation_rate_after: automation_rate(&planner.state),
        });
    }
    Plan {
        budget,
        steps,
        picks,
    }
}

/// The model as the plan has changed it so far, the candidates left and their values,
/// and the scratch space of each step (kept between steps, so a step allocates little).
struct Planner<'m> {
    model: &'m Model,
    alignment: Alignment,
    network: Network,
    engine: Engine,
    /// Today's handoffs with the picks so far applied.
    state: Vec<HandoffResult>,
    pool: Vec<Candidate>,
    index: CandidateIndex,
    /// Per candidate: the handoffs it lowers, with their minutes after.
    lowered: Vec<Vec<(u32, f64)>>,
    /// Per candidate: its value against `state`.
    valued: Vec<Fix>,
    bounds: Bounds,
    /// Per handoff: whether the last pick may change it.
    affected: Vec<bool>,
    /// Per candidate: whether it is already listed to be built again.
    touched: Vec<bool>,
}

impl<'m> Planner<'m> {
    /// Resolves and values the model as it is today.
    fn new(model: &'m Model, strategy: Option<usize>) -> Planner<'m> {
        let alignment = Alignment::new(model, strategy);
        let network = Network::of_model(model);
        // One engine for today's resolution, the first valuation and every step after.
        let mut engine = Engine::new(model, &network);
        let state = resolve_with(model, &network, &alignment, &mut engine);
        let pool = candidates(model, &state);
        let index = CandidateIndex::new(model, &network, &engine.data, &pool);
        let mut lowered = vec![Vec::new(); pool.len()];
        lowered_by_data(&mut engine, &index, &state, None, None, &mut lowered);
        let valued: Vec<Fix> = pool
            .iter()
            .zip(&lowered)
            .map(|(c, lowered)| fix_of(model, &state, &alignment, c, lowered))
            .collect();
        // Every later scenario is part of today's network with every candidate applied:
        // its reachability test stays exact in its "no" for all of them, so it is built
        // once.
        let mut every_fix = network.clone();
        for candidate in &pool {
            candidate.apply(model, &mut every_fix);
        }
        engine.keep_reach(Reach::of_network(&every_fix));
        drop(every_fix);
        let affected = vec![false; engine.keys.len()];
        let touched = vec![false; pool.len()];
        Planner {
            model,
            alignment,
            network,
            engine,
            state,
            pool,
            index,
            lowered,
            valued,
            bounds: Bounds::default(),
            affected,
            touched,
        }
    }

    /// The best-ranked candidate that saves and fits: the first of `rank`'s order among
    /// those that fit is their minimum, found in one pass instead of a sort per round.
    fn best_fitting(&self, spent: f64, budget: f64) -> Option<usize> {
        let valued = &self.valued;
        (0..self.pool.len())
            .filter(|c| {
                self.index.is_active(*c)
                    && valued[*c].annual_hours_saved > 0.0
                    && spent + valued[*c].cost <= budget
            })
            .min_by(|a, b| spec_order(self.model, &valued[*a], &valued[*b]))
    }

    /// Applies candidate `chosen`: resolves the handoffs it may change and values again
    /// the candidates whose entries those handoffs touch.
    fn apply(&mut self, chosen: usize) {
        let model = self.model;
        self.index.remove(chosen);
        self.pool[chosen].apply(model, &mut self.network);
        self.engine.rebuild_graph(&self.network);

        let changed: Vec<u32> = match self.index.carries(chosen) {
            Some(data) => data.to_vec(),
            None => (0..self.engine.data.len() as u32).collect(),
        };
        let edge = self.index.edge(chosen);
        for &d in &changed {
            self.bounds.mark(
                &self.engine,
                &self.state,
                &self.index,
                d,
                edge,
                &mut self.affected,
            );
        }
        let handoffs: Vec<u32> = changed
            .iter()
            .flat_map(|d| self.engine.by_data[*d as usize].iter().copied())
            .filter(|k| self.affected[*k as usize])
            .collect();
        resolve_again(
            model,
            &self.network,
            &self.alignment,
            &mut self.engine,
            &handoffs,
            &mut self.state,
        );
        let rebuild = self.stale_candidates(&changed, !handoffs.is_empty());
        for &c in &rebuild {
            let c = c as usize;
            self.touched[c] = false;
            self.valued[c] = fix_of(
                model,
                &self.state,
                &self.alignment,
                &self.pool[c],
                &self.lowered[c],
            );
        }
        for &k in &handoffs {
            self.affected[k as usize] = false;
        }
    }

    /// The candidates to build again: those with an entry for an affected handoff lose
    /// it; those that get one now (searched only when `resolved_any`) are listed too.
    fn stale_candidates(&mut self, changed: &[u32], resolved_any: bool) -> Vec<u32> {
        let affected = &self.affected;
        let mut rebuild: Vec<u32> = Vec::new();
        for c in 0..self.pool.len() {
            if self.index.is_active(c) && self.lowered[c].iter().any(|(k, _)| affected[*k as usize])
            {
                self.lowered[c].retain(|(k, _)| !affected[*k as usize]);
                self.touched[c] = true;
                rebuild.push(c as u32);
            }
        }
        if resolved_any {
            let got = lowered_by_data(
                &mut self.engine,
                &self.index,
                &self.state,
                Some(changed),
                Some(affected),
                &mut self.lowered,
            );
            for c in got {
                if !self.touched[c as usize] {
                    self.touched[c as usize] = true;
                    rebuild.push(c);
                }
            }
        }
        rebuild
    }
}
