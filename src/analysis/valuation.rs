//! Exact incremental valuation (docs/scoring.md, sections 4-5).
//!
//! A fix adds (or cheapens) one edge u->v for the data it carries. Weights are >= 0, so for a
//! gap s->t of data d the least path after the fix is min(today's, dist(s,u) + w' + dist(v,t)),
//! all distances in today's graph. Per data object: one forward search per gap source, one
//! reverse search per gap target, and for each gap only the candidates whose `from` its source
//! reaches. The formula, whose terms are summed in another order than the reference sums a
//! path, only selects; the minutes of a selected pair are then computed exactly as the
//! reference does: from fl(dist(s,u) + w'), a search from v sums onward edge by edge.

use super::candidates::Candidate;
use super::engine::Engine;
use super::graph::{DataIds, Direction, Graph};
use super::network::Network;
use super::resolve::{HandoffResult, Status};
use super::search::{Query, Search};
use crate::model::Model;

/// Relative slack of the selecting formula: far above the rounding of any path sum (about
/// hops × 1.1e-16), far below any real difference the figures show.
pub const SLACK: f64 = 1e-9;

/// The candidates as edges, indexed by the data they carry.
#[derive(Clone, Debug)]
pub struct CandidateIndex {
    /// (from, to, minutes of the new or cheaper hop) per candidate.
    edges: Vec<(u32, u32, f64)>,
    /// Per candidate: the data it carries, or `None` for `"*"`.
    carries: Vec<Option<Vec<u32>>>,
    /// Per data object: the candidates naming it.
    by_data: Vec<Vec<u32>>,
    /// The candidates carrying `"*"`.
    wildcard: Vec<u32>,
    /// Candidates still in the pool.
    active: Vec<bool>,
}

impl CandidateIndex {
    /// The index of `pool` in the scenario `network`.
    pub fn new(model: &Model, network: &Network, data: &DataIds, pool: &[Candidate]) -> Self {
        let mut index = CandidateIndex {
            edges: Vec::with_capacity(pool.len()),
            carries: Vec::with_capacity(pool.len()),
            by_data: vec![Vec::new(); data.len()],
            wildcard: Vec::new(),
            active: vec![true; pool.len()],
        };
        for (c, candidate) in pool.iter().enumerate() {
            index.edges.push((
                candidate.from.index() as u32,
                candidate.to.index() as u32,
                candidate.minutes_after(model, network),
            ));
            let carries = data.of_carries(&candidate.carries.0);
            match &carries {
                None => index.wildcard.push(c as u32),
                Some(ids) => {
                    for d in ids {
                        index.by_data[*d as usize].push(c as u32);
                    }
                }
            }
            index.carries.push(carries);
        }
        index
    }

    /// Sets the minutes of a candidate's new or cheaper hop (the scenario's estimates changed).
    pub fn set_minutes(&mut self, candidate: usize, minutes: f64) {
        self.edges[candidate].2 = minutes;
    }

    /// Takes a candidate out of the pool.
    pub fn remove(&mut self, candidate: usize) {
        self.active[candidate] = false;
    }

    /// Whether a candidate is still in the pool.
    pub fn is_active(&self, candidate: usize) -> bool {
        self.active[candidate]
    }

    /// What a candidate carries (`None`: everything).
    pub fn carries(&self, candidate: usize) -> Option<&[u32]> {
        self.carries[candidate].as_deref()
    }

    /// The new or cheaper hop of a candidate: (from, to, minutes).
    pub fn edge(&self, candidate: usize) -> (u32, u32, f64) {
        self.edges[candidate]
    }

    /// The hops (from, to, minutes, candidate) of every candidate carrying data object `d`
    /// (in the pool or not).
    pub fn carrying(&self, d: u32, out: &mut Vec<(u32, u32, f64, u32)>) {
        out.clear();
        let named = self.by_data.get(d as usize).map_or(&[][..], Vec::as_slice);
        out.extend(named.iter().chain(&self.wildcard).map(|c| {
            let (from, to, minutes) = self.edges[*c as usize];
            (from, to, minutes, *c)
        }));
    }

    /// The active candidates carrying data object `d`, sorted by `from`.
    fn for_data(&self, d: u32, out: &mut Vec<(u32, u32)>) {
        out.clear();
        let named = self.by_data.get(d as usize).map_or(&[][..], Vec::as_slice);
        out.extend(
            named
                .iter()
                .chain(&self.wildcard)
                .filter(|c| self.active[**c as usize])
                .map(|c| (self.edges[*c as usize].0, *c)),
        );
        out.sort_unstable();
    }
}

/// A fix lowering one handoff: (candidate, handoff, minutes per run after the fix).
pub type Found = (u32, u32, f64);

/// Reusable buffers of [`improvements`].
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    /// (source, handoff, target, limit): a path at or beyond `limit` minutes changes nothing.
    gaps: Vec<(u32, u32, u32, f64)>,
    candidates: Vec<(u32, u32)>,
    first_at: Vec<u32>,
    reached: Vec<(u32, f64)>,
    ranges: Vec<(u32, u32)>,
    order: Vec<u32>,
}

const NONE: u32 = u32::MAX;

/// The minutes from which on a new path changes nothing for a gap: its minutes today,
/// except for a missing gap priced at `defaults.missing_minutes`, which any path reprices
/// (a default never replaces the minutes a path adds up to, so a fix can make it dearer).
pub fn change_limit(h: &HandoffResult) -> f64 {
    if h.status == Status::Missing && h.stated_minutes.is_none() {
        f64::INFINITY
    } else {
        h.minutes
    }
}

/// What valuation reads of an engine, and the three searches it runs in: the engine's own,
/// or a worker's.
pub struct Work<'e> {
    /// The scenario's graph.
    pub graph: &'e Graph,
    /// The handoffs of each data object, in file order.
    pub by_data: &'e [Vec<u32>],
    /// The buffers searched in.
    pub searches: Searches<'e>,
}

impl<'e> Work<'e> {
    /// The engine's graph, handoffs and searches.
    pub fn of(engine: &'e mut Engine) -> Work<'e> {
        Work {
            graph: &engine.graph,
            by_data: &engine.by_data,
            searches: Searches {
                search: &mut engine.search,
                reverse: &mut engine.reverse,
                check: &mut engine.check,
            },
        }
    }
}

/// The forward, reverse and exact-check searches of one valuation.
pub struct Searches<'e> {
    /// Forward from each gap source.
    pub search: &'e mut Search,
    /// Back from each gap target.
    pub reverse: &'e mut Search,
    /// Exact minutes from a candidate's `to`.
    pub check: &'e mut Search,
}

/// Appends to `found` every (candidate, gap) of data object `d` where the candidate alone
/// may change the gap's minutes (lower them, or give a default-priced missing gap a path),
/// with the path minutes after, searching in `work`; `handoffs` is today's resolution.
/// With `only`, just the gaps it marks are valued (a gap's entries do not depend on which
/// other gaps are valued).
pub fn improvements(
    work: &mut Work,
    index: &CandidateIndex,
    handoffs: &[HandoffResult],
    d: u32,
    only: Option<&[bool]>,
    scratch: &mut Scratch,
    found: &mut Vec<Found>,
) {
    let Scratch {
        gaps,
        candidates,
        first_at,
        reached,
        ranges,
        order,
    } = scratch;
    collect_gaps(work, handoffs, d, only, gaps);
    index.for_data(d, candidates);
    if gaps.is_empty() || candidates.is_empty() {
        return;
    }
    first_at.resize(work.graph.nodes(), NONE);
    for (i, (from, _)) in candidates.iter().enumerate().rev() {
        first_at[*from as usize] = i as u32;
    }
    reach_forward(work, d, gaps, first_at, reached, ranges);
    let forward = Forward {
        gaps,
        candidates,
        first_at,
        reached,
        ranges,
    };
    forward.test_reverse(work, index, d, order, found);
    for (from, _) in candidates.iter() {
        first_at[*from as usize] = NONE;
    }
}

/// The gaps of data object `d` (of those `only` marks) whose minutes a path may change.
#[inline]
fn collect_gaps(
    work: &Work,
    handoffs: &[HandoffResult],
    d: u32,
    only: Option<&[bool]>,
    gaps: &mut Vec<(u32, u32, u32, f64)>,
) {
    // Only a gap with minutes can get cheaper; a default-priced missing one can get dearer.
    gaps.clear();
    for &k in &work.by_data[d as usize] {
        if only.is_some_and(|only| !only[k as usize]) {
            continue;
        }
        let h = &handoffs[k as usize];
        let limit = change_limit(h);
        if h.status.is_gap() && limit > 0.0 {
            gaps.push((h.from.index() as u32, k, h.to.index() as u32, limit));
        }
    }
}

/// Forward: per gap source, the candidate `from`s it reaches, with their minutes, into
/// `reached`; each gap's slice of it in `ranges` (gaps sorted by source).
#[inline]
fn reach_forward(
    work: &mut Work,
    d: u32,
    gaps: &mut [(u32, u32, u32, f64)],
    first_at: &[u32],
    reached: &mut Vec<(u32, f64)>,
    ranges: &mut Vec<(u32, u32)>,
) {
    gaps.sort_unstable_by_key(|g| (g.0, g.1));
    reached.clear();
    ranges.clear();
    for group in gaps.chunk_by(|a, b| a.0 == b.0) {
        let limit = group.iter().fold(0.0, |m: f64, g| m.max(g.3));
        let search = &mut *work.searches.search;
        let query = Query {
            dir: Direction::Forward,
            start: group[0].0 as usize,
            minutes: 0.0,
            data: d,
            limit,
        };
        search.run(work.graph, query, &[]);
        let start = reached.len() as u32;
        for &u in search.reached() {
            if first_at[u as usize] != NONE {
                let cost = search
                    .settled(u as usize)
                    .expect("an exhausted search settles");
                reached.push((u, cost.minutes));
            }
        }
        ranges.extend(group.iter().map(|_| (start, reached.len() as u32)));
    }
}

/// What the forward pass found for one data object, read by the reverse pass.
struct Forward<'s> {
    gaps: &'s [(u32, u32, u32, f64)],
    candidates: &'s [(u32, u32)],
    first_at: &'s [u32],
    reached: &'s [(u32, f64)],
    ranges: &'s [(u32, u32)],
}

impl Forward<'_> {
    /// Reverse: per gap target, one search back from it, then each gap's reached
    /// candidates tested.
    #[inline]
    fn test_reverse(
        &self,
        work: &mut Work,
        index: &CandidateIndex,
        d: u32,
        order: &mut Vec<u32>,
        found: &mut Vec<Found>,
    ) {
        let gaps = self.gaps;
        order.clear();
        order.extend(0..gaps.len() as u32);
        order.sort_unstable_by_key(|i| (gaps[*i as usize].2, *i));
        for group in order.chunk_by(|a, b| gaps[*a as usize].2 == gaps[*b as usize].2) {
            let target = gaps[group[0] as usize].2 as usize;
            let limit = group
                .iter()
                .fold(0.0, |m: f64, i| m.max(gaps[*i as usize].3))
                * (1.0 + SLACK);
            let query = Query {
                dir: Direction::Reverse,
                start: target,
                minutes: 0.0,
                data: d,
                limit,
            };
            work.searches.reverse.run(work.graph, query, &[]);
            for &i in group {
                self.test_gap(work, index, d, i as usize, found);
            }
        }
    }

    /// Gap `i` against each candidate its source reaches: the formula selects, a search
    /// from the candidate's `to` gives the exact minutes. Needs the reverse search from
    /// the gap's target done.
    #[inline]
    fn test_gap(
        &self,
        work: &mut Work,
        index: &CandidateIndex,
        d: u32,
        i: usize,
        found: &mut Vec<Found>,
    ) {
        let (_, k, target, gap_limit) = self.gaps[i];
        let target = target as usize;
        let (start, end) = self.ranges[i];
        for &(u, to_u) in &self.reached[start as usize..end as usize] {
            if to_u >= gap_limit {
                continue;
            }
            let first = self.first_at[u as usize] as usize;
            for &(_, c) in self.candidates[first..].iter().take_while(|e| e.0 == u) {
                let (_, v, minutes) = index.edges[c as usize];
                let Some(back) = work.searches.reverse.settled(v as usize) else {
                    continue;
                };
                if to_u + minutes + back.minutes >= gap_limit * (1.0 + SLACK) {
                    continue;
                }
                let at_v = to_u + minutes;
                let query = Query {
                    dir: Direction::Forward,
                    start: v as usize,
                    minutes: at_v,
                    data: d,
                    limit: gap_limit,
                };
                work.searches.check.run(work.graph, query, &[target as u32]);
                if let Some(after) = work.searches.check.settled(target) {
                    found.push((c, k, after.minutes));
                }
            }
        }
    }
}
