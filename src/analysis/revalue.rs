//! Today's fixes valued again under other estimates (`gapgraph sensitivity`'s samples),
//! without a whole analysis per sample.
//!
//! A sample multiplies estimates by positive factors: minutes, runs, hourly costs, weights
//! (fix costs the caller applies itself). No factor adds or removes a hop, and each keeps a
//! hop of 0 minutes at 0 and a hop of more above 0 (checked in every sample: a model's
//! figures are at least 1e-9 and factors at least 1/101). A path of 0 minutes stays one, a
//! path stays a path, so every handoff keeps its status: automated (a path of 0 minutes),
//! manual (the least path has minutes), missing (no path). The gaps are today's, and so are
//! the candidates made from them (docs/scoring.md, section 3: statuses, systems, data and
//! stated fix costs, none of which a sample changes).
//!
//! What a sample changes is minutes and money: which path is least and what it costs, and
//! which candidates lower which gaps, by how much. Only that is computed again, on today's
//! engine with the hops' minutes replaced (its graph, interned data and reachability labels
//! depend on the hops alone):
//! - the least path's minutes of each manual gap (automated handoffs are no gaps, missing
//!   ones have no path);
//! - every gap's figures from the sample's runs, hourly costs and alignment
//!   (`resolve::reprice`, the arithmetic of resolution);
//! - the entries of today's fixes (the handoffs each lowers, with the minutes after), the
//!   other candidates out of the pool (a candidate's entries do not depend on the others);
//! - the three sums that rank a fix (`value::saved_sums`, added as `fix_of` adds them).
//!
//! Paths and entries of a gap whose closures are small (local.rs) come from searches over
//! those closures, the valuation's tests repeated on them (`Revaluation::value_local`);
//! the other gaps go through the whole graph's searches (`Engine::route_minutes`,
//! `lowered_by_data`). Either way each number is the one a whole analysis of the sample
//! computes, bit for bit (tests/it/sensitivity_equivalence.rs checks it against the
//! per-sample analysis on random models).

use std::collections::HashMap;

use super::candidates::{candidates, Candidate};
use super::engine::Engine;
use super::local::{Closures, MAX_NODES};
use super::lowered::lowered_by_data;
use super::network::Network;
use super::resolve::{reprice, Alignment, HandoffResult, Status};
use super::rules;
use super::valuation::{change_limit, CandidateIndex, SLACK};
use super::value::saved_sums;
use super::Analysis;
use crate::model::{Model, StrategyIx};

/// What ranks a fix in a sample, besides its cost: the sums [`super::valued_fixes`] gives it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Saved {
    /// Σ hours a year saved.
    pub annual_hours_saved: f64,
    /// Σ saving a year.
    pub annual_saving: f64,
    /// Σ saving × alignment.
    pub strategic_value: f64,
}

/// A gap valued over its closures.
#[derive(Clone, Copy, Debug)]
struct LocalGap {
    /// Handoff index.
    k: u32,
    /// Its source's forward closure and its target's backward closure.
    forward: u32,
    backward: u32,
    /// Its target's local number in the forward closure (manual gaps only).
    target: Option<u8>,
    /// Its tests, a range of `Revaluation::tests`.
    tests: (u32, u32),
}

/// Today's analysis, kept to value its fixes again in samples of the same model.
#[derive(Clone, Debug)]
pub struct Revaluation {
    strategy: Option<StrategyIx>,
    engine: Engine,
    /// Per model integration (its hop in today's network): whether it takes 0 minutes.
    zero: Vec<bool>,
    /// Today's resolution; the gaps' figures are the last sample's.
    state: Vec<HandoffResult>,
    closures: Closures,
    /// The gaps valued over their closures, in handoff order.
    local: Vec<LocalGap>,
    /// (candidate, its `from` in the forward closure, its `to` in the backward one): the
    /// candidates that may lower a local gap.
    tests: Vec<(u32, u8, u8)>,
    /// The other gaps: marked, and the manual and missing ones (indexes into `state`).
    searched: Vec<bool>,
    manual: Vec<u32>,
    missing: Vec<u32>,
    pool: Vec<Candidate>,
    /// The candidates of today's fixes are the index's pool.
    index: CandidateIndex,
    /// Per fix of today's ranking: its candidate (`None`: none, it never saves).
    today: Vec<Option<u32>>,
    /// The candidates of `today`, each once, in order.
    active: Vec<u32>,
    lowered: Vec<Vec<(u32, f64)>>,
    /// Per model integration: its hop's minutes in the last sample.
    hop_minutes: Vec<f64>,
    minutes: Vec<Option<f64>>,
}

impl Revaluation {
    /// Keeps `analysis` (of `model`) to value its fixes again in samples of `model`.
    pub fn new(model: &Model, analysis: &Analysis) -> Revaluation {
        let network = Network::of_model(model);
        let engine = Engine::new(model, &network);
        let mut state = analysis.handoffs.clone();
        let pool = candidates(model, &state);
        for h in &mut state {
            // Never read again: a copy per worker need not hold them.
            h.path = Vec::new();
            h.path_other_data = None;
        }
        let mut index = CandidateIndex::new(model, &network, &engine.data, &pool);
        let at: HashMap<_, usize> = pool
            .iter()
            .enumerate()
            .map(|(c, candidate)| ((candidate.id, candidate.action), c))
            .collect();
        let today: Vec<Option<u32>> = analysis
            .fixes
            .iter()
            .map(|f| at.get(&(f.id, f.action)).map(|c| *c as u32))
            .collect();
        let mut in_today = vec![false; pool.len()];
        for c in today.iter().flatten() {
            in_today[*c as usize] = true;
        }
        for (c, _) in in_today.iter().enumerate().filter(|(_, t)| !**t) {
            index.remove(c);
        }
        let active: Vec<u32> = (0..pool.len() as u32)
            .filter(|c| in_today[*c as usize])
            .collect();
        let zero = (0..model.integrations.len())
            .map(|i| network.hops()[i].minutes == 0.0)
            .collect();
        let mut revaluation = Revaluation {
            strategy: analysis.strategy.as_ref().map(|s| s.index),
            engine,
            zero,
            lowered: vec![Vec::new(); pool.len()],
            searched: vec![false; state.len()],
            state,
            closures: Closures::default(),
            local: Vec::new(),
            tests: Vec::new(),
            manual: Vec::new(),
            missing: Vec::new(),
            pool,
            index,
            today,
            active,
            hop_minutes: Vec::new(),
            minutes: Vec::new(),
        };
        revaluation.sort_gaps();
        revaluation
    }

    /// Sorts the gaps into those valued over their closures, with their tests, and those
    /// left to the whole graph's searches.
    fn sort_gaps(&mut self) {
        let mut leaving: HashMap<u32, Vec<u32>> = HashMap::new();
        for &c in &self.active {
            leaving
                .entry(self.index.edge(c as usize).0)
                .or_default()
                .push(c);
        }
        for (k, key) in self.engine.keys.iter().enumerate() {
            let status = self.state[k].status;
            if !status.is_gap() {
                continue;
            }
            let graph = &self.engine.graph;
            let closures = &mut self.closures;
            let forward = closures.closure(graph, key.from, key.data, true);
            let backward = closures.closure(graph, key.to, key.data, false);
            let target = forward.and_then(|f| closures.local(f, key.to));
            let (Some(forward), Some(backward)) = (forward, backward) else {
                self.searched[k] = true;
                match status {
                    Status::Manual => self.manual.push(k as u32),
                    _ => self.missing.push(k as u32),
                }
                continue;
            };
            let start = self.tests.len() as u32;
            for (u, from) in closures.nodes(forward).iter().enumerate() {
                for &c in leaving.get(from).map_or(&[][..], Vec::as_slice) {
                    let carries = self.index.carries(c as usize);
                    if carries.is_some_and(|ds| !ds.contains(&key.data)) {
                        continue;
                    }
                    let to = self.index.edge(c as usize).1;
                    if let Some(v) = closures.local(backward, to) {
                        // Local numbers are below MAX_NODES, which fits a u8.
                        self.tests.push((c, u as u8, v as u8));
                    }
                }
            }
            if self.tests.len() as u32 == start {
                // No candidate of today's can lower it: nothing reads its figures.
                continue;
            }
            self.local.push(LocalGap {
                k: k as u32,
                forward,
                backward,
                target: target.filter(|_| status == Status::Manual).map(|t| t as u8),
                tests: (start, self.tests.len() as u32),
            });
        }
    }

    /// How many gaps the whole graph's searches value (their closures are too large); the
    /// others are valued over their closures.
    pub fn searched(&self) -> usize {
        self.manual.len() + self.missing.len()
    }

    /// Values today's fixes in `sample` (the model given to [`Revaluation::new`] with only
    /// its estimates changed): into `saved`, per fix of today's ranking, what
    /// [`super::valued_fixes`] of `sample` gives the fix (all 0 when it does not list it).
    /// `false` (and `saved` unspecified) when the sample makes a hop's minutes 0 that were
    /// not, or the reverse, or not a finite number at least 0: then only a whole analysis
    /// of the sample tells.
    pub fn value(&mut self, sample: &Model, saved: &mut Vec<Saved>) -> bool {
        if !self.set_hops(sample) {
            return false;
        }
        for &c in &self.active {
            let hop_minutes = &self.hop_minutes;
            let minutes =
                self.pool[c as usize].minutes_after_hop(sample, |i| Some(hop_minutes[i.index()]));
            self.index.set_minutes(c as usize, minutes);
            self.lowered[c as usize].clear();
        }
        let alignment = Alignment::new(sample, self.strategy);
        if !self.value_local(sample, &alignment) || !self.value_searched(sample, &alignment) {
            return false;
        }
        saved.clear();
        saved.extend(self.today.iter().map(|c| match c {
            Some(c) => {
                let (hours, saving, value) = saved_sums(&self.state, &self.lowered[*c as usize]);
                Saved {
                    annual_hours_saved: hours,
                    annual_saving: saving,
                    strategic_value: value,
                }
            }
            None => Saved::default(),
        }));
        true
    }

    /// Prices the local gaps and appends their entries, in handoff order, to the lists of
    /// the candidates lowering them: the valuation's tests (`valuation::Forward::test_gap`)
    /// over the closures. `false` when a manual gap's path is gone or takes 0 minutes.
    fn value_local(&mut self, sample: &Model, alignment: &Alignment) -> bool {
        let (mut ahead, mut back, mut check) =
            ([0.0; MAX_NODES], [0.0; MAX_NODES], [0.0; MAX_NODES]);
        let graph = &self.engine.graph;
        let closures = &self.closures;
        for g in &self.local {
            let h = &mut self.state[g.k as usize];
            let key = &self.engine.keys[g.k as usize];
            let tests = &self.tests[g.tests.0 as usize..g.tests.1 as usize];
            if g.target.is_some() || !tests.is_empty() {
                closures.least(g.forward, graph, 0, (0.0, f64::INFINITY), true, &mut ahead);
            }
            let path = g.target.map(|t| ahead[t as usize]);
            if path.is_some_and(|m| !(m > 0.0 && m < f64::INFINITY)) {
                return false;
            }
            reprice(sample, alignment, key, path, h);
            let limit = change_limit(h);
            if tests.is_empty() || limit <= 0.0 {
                continue;
            }
            let reverse = (0.0, limit * (1.0 + SLACK));
            closures.least(g.backward, graph, 0, reverse, false, &mut back);
            for &(c, u, v) in tests {
                let (to_u, back) = (ahead[u as usize], back[v as usize]);
                if to_u >= limit || back == f64::INFINITY {
                    continue;
                }
                let minutes = self.index.edge(c as usize).2;
                if to_u + minutes + back >= limit * (1.0 + SLACK) {
                    continue;
                }
                let at_v = to_u + minutes;
                closures.least(
                    g.backward,
                    graph,
                    v as usize,
                    (at_v, limit),
                    true,
                    &mut check,
                );
                if check[0] < f64::INFINITY {
                    self.lowered[c as usize].push((g.k, check[0]));
                }
            }
        }
        true
    }

    /// Prices the other gaps and adds their entries by the whole graph's searches (each
    /// list it adds to comes out sorted by handoff). `false` when a manual gap's path is
    /// gone or takes 0 minutes.
    fn value_searched(&mut self, sample: &Model, alignment: &Alignment) -> bool {
        if self.manual.is_empty() && self.missing.is_empty() {
            return true;
        }
        self.engine.route_minutes(&self.manual, &mut self.minutes);
        for (k, minutes) in self.manual.iter().zip(&self.minutes) {
            let (key, h) = (&self.engine.keys[*k as usize], &mut self.state[*k as usize]);
            reprice(sample, alignment, key, *minutes, h);
            // Statuses cannot change (the module's doc); checked, not assumed.
            if h.status != Status::Manual {
                return false;
            }
        }
        for k in &self.missing {
            let (key, h) = (&self.engine.keys[*k as usize], &mut self.state[*k as usize]);
            reprice(sample, alignment, key, None, h);
        }
        let (engine, index, state) = (&mut self.engine, &self.index, &self.state);
        let only = Some(self.searched.as_slice());
        lowered_by_data(engine, index, state, None, only, &mut self.lowered);
        true
    }

    /// Sets the minutes of every model integration's hop to `sample`'s; `false` when one
    /// is not a finite number at least 0, or is 0 where today's is not (or the reverse), or
    /// their sum is too large for every path sum to stay finite.
    fn set_hops(&mut self, sample: &Model) -> bool {
        self.hop_minutes.clear();
        let mut total = 0.0;
        for (i, integration) in sample.integrations.iter().enumerate() {
            let minutes = rules::hop_minutes(
                sample,
                integration.mode,
                integration.from,
                integration.to,
                integration.minutes,
            );
            if !(minutes.is_finite() && minutes >= 0.0) || (minutes == 0.0) != self.zero[i] {
                return false;
            }
            total += minutes;
            // `Network::of_model` adds the integrations first, in order: edge i is integration i.
            self.engine.graph.set_minutes(i as u32, minutes);
            self.hop_minutes.push(minutes);
        }
        total <= f64::MAX / 4.0
    }
}
