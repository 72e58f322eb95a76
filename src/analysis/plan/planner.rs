//! The model as a plan changes it pick by pick: the handoffs resolved, the candidates left
//! and their values, each step redoing only what the pick can change.

use super::super::affected::Bounds;
use super::super::candidates::{candidates, Candidate};
use super::super::engine::Engine;
use super::super::lowered::lowered_by_data;
use super::super::network::Network;
use super::super::reach::Reach;
use super::super::resolve::{resolve_again, resolve_with, Alignment, HandoffResult};
use super::super::valuation::CandidateIndex;
use super::super::value::{fix_of, Fix};
use super::standing::{Automation, Standings};
use crate::model::{Model, StrategyIx};

/// The model as the plan has changed it so far, the candidates left and their values,
/// and the scratch space of each step (kept between steps, so a step allocates little).
pub struct Planner<'m> {
    model: &'m Model,
    alignment: Alignment,
    /// Today's network with the picks so far applied.
    network: Network,
    engine: Engine,
    /// Today's handoffs with the picks so far applied.
    state: Vec<HandoffResult>,
    pool: Vec<Candidate>,
    index: CandidateIndex,
    /// Per candidate: the handoffs it lowers, with their minutes after.
    lowered: Vec<Vec<(u32, f64)>>,
    /// Per handoff: the candidates with an entry for it in `lowered`.
    holders: Vec<Vec<u32>>,
    /// Per candidate: its value against `state`.
    pub valued: Vec<Fix>,
    /// The candidates that save, in the ranking's order.
    standings: Standings,
    /// The automation rate's tally of `state`.
    pub automation: Automation,
    bounds: Bounds,
    /// Per handoff: whether the last pick may change it.
    affected: Vec<bool>,
    /// Per candidate: whether it is already listed to be built again.
    touched: Vec<bool>,
}

/// What is left of a plan's work once the picks are made: the model's handoffs, network
/// and engine as the picks left them.
pub struct Scenario {
    /// The strategy's alignment.
    pub alignment: Alignment,
    /// Today's network with every pick applied.
    pub network: Network,
    /// Its engine (graph, reachability, buffers).
    pub engine: Engine,
    /// Today's handoffs with every pick applied.
    pub state: Vec<HandoffResult>,
}

impl<'m> Planner<'m> {
    /// Resolves and values the model as it is today.
    pub fn new(model: &'m Model, strategy: Option<StrategyIx>) -> Planner<'m> {
        let alignment = Alignment::new(model, strategy);
        let network = Network::of_model(model);
        // One engine for today's resolution, the first valuation and every step after.
        let mut engine = Engine::new(model, &network);
        let state = resolve_with(model, &network, &alignment, &mut engine);
        let pool = candidates(model, &state);
        let index = CandidateIndex::new(model, &network, &engine.data, &pool);
        let mut lowered = vec![Vec::new(); pool.len()];
        lowered_by_data(&mut engine, &index, &state, None, None, &mut lowered);
        let mut holders = vec![Vec::new(); state.len()];
        for (c, entries) in lowered.iter().enumerate() {
            for (k, _) in entries {
                holders[*k as usize].push(c as u32);
            }
        }
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
            standings: Standings::new(&valued),
            automation: Automation::of(&state),
            alignment,
            network,
            engine,
            state,
            pool,
            index,
            lowered,
            holders,
            valued,
            bounds: Bounds::default(),
            affected,
            touched,
        }
    }

    /// The scenario the picks made; the candidates and their values are let go.
    pub fn into_scenario(self) -> Scenario {
        Scenario {
            alignment: self.alignment,
            network: self.network,
            engine: self.engine,
            state: self.state,
        }
    }

    /// Today's handoffs with the picks so far applied.
    pub fn state(&self) -> &[HandoffResult] {
        &self.state
    }

    /// The best-ranked candidate that saves and fits.
    pub fn best_fitting(&mut self, spent: f64, budget: f64) -> Option<usize> {
        self.standings
            .best_fitting(self.model, &self.valued, spent, budget)
    }

    /// Applies candidate `chosen`: resolves the handoffs it may change and values again
    /// the candidates whose entries those handoffs touch.
    pub fn apply(&mut self, chosen: usize) {
        let model = self.model;
        self.index.remove(chosen);
        self.standings.remove(chosen);
        if let Some(hop) = self.pool[chosen].apply(model, &mut self.network) {
            self.engine.update_graph(&self.network, hop);
        }

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
        for &k in &handoffs {
            self.automation.update(k as usize, &self.state[k as usize]);
        }
        let rebuild = self.stale_candidates(&changed, &handoffs);
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
            self.standings.set(c, &self.valued[c]);
        }
        for &k in &handoffs {
            self.affected[k as usize] = false;
        }
    }

    /// The candidates to build again: those with an entry for one of the affected
    /// `handoffs` lose it; those that get one now (searched only when there are any) are
    /// listed too.
    fn stale_candidates(&mut self, changed: &[u32], handoffs: &[u32]) -> Vec<u32> {
        let affected = &self.affected;
        let mut rebuild: Vec<u32> = Vec::new();
        for &k in handoffs {
            for c in std::mem::take(&mut self.holders[k as usize]) {
                let c = c as usize;
                if self.index.is_active(c) && !self.touched[c] {
                    self.lowered[c].retain(|(k, _)| !affected[*k as usize]);
                    self.touched[c] = true;
                    rebuild.push(c as u32);
                }
            }
        }
        if !handoffs.is_empty() {
            let got = lowered_by_data(
                &mut self.engine,
                &self.index,
                &self.state,
                Some(changed),
                Some(affected),
                &mut self.lowered,
            );
            for c in got {
                for (k, _) in &self.lowered[c as usize] {
                    if affected[*k as usize] {
                        self.holders[*k as usize].push(c);
                    }
                }
                if !self.touched[c as usize] {
                    self.touched[c as usize] = true;
                    rebuild.push(c);
                }
            }
        }
        rebuild
    }
}
