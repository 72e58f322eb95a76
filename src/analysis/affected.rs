//! Which handoffs a plan's pick can change (the plan's exact shortcut, docs/performance.md).
//!
//! A pick adds (or cheapens) one edge u->v of `w` minutes for the data it carries. Every path
//! that uses it costs at least dist(s,u) + w + dist(v,t), the distances taken in the graph
//! after the pick together with every candidate still in the pool (a path is simple, so it
//! reaches u before it takes u->v, and what a single candidate adds is among the pool).
//! When that bound is above what a handoff pays today along its path (with a margin far
//! above rounding), no path through the pick can change the handoff's route, and no
//! candidate's path through the pick can lower the handoff below today's minutes: its
//! resolution and every candidate's entry for it stay exactly as they are. Only the other
//! handoffs are resolved and valued again. A handoff without a path today (missing) is
//! changed by any path, so it is affected whenever the bound is finite.
//!
//! First, the engine's reachability test (which a plan builds over today's network with every
//! candidate applied) leaves out the handoffs whose source cannot reach u or whose target v
//! cannot reach; the two searches run only for the others and stop once their systems are
//! settled, or past the largest minutes that matter.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::engine::Engine;
use super::graph::Direction;
use super::resolve::HandoffResult;
use super::valuation::CandidateIndex;

/// How far above a handoff's path minutes the bound must lie for the handoff to be left
/// alone: path sums summed in another order differ by about hops × 1.1e-16 relatively; the
/// valuation's own slack is 1e-9.
const MARGIN: f64 = 1e-6;

/// Reusable buffers: distances to u and from v over the graph and the pool's candidate
/// edges of one data object.
#[derive(Clone, Debug, Default)]
pub struct Bounds {
    to_u: Vec<f64>,
    from_v: Vec<f64>,
    touched: Vec<u32>,
    heap: BinaryHeap<Reverse<(u64, u32)>>,
    /// The handoffs left after the reachability test.
    near: Vec<u32>,
    /// Systems a search must settle.
    needed: Vec<bool>,
    /// Per data object, once asked for: the candidates carrying it as (from, to, minutes,
    /// candidate), sorted by `from`, and the same sorted by `to`.
    pools: Vec<Option<(Vec<Edge>, Vec<Edge>)>>,
}

/// What one data object's searches read.
struct Scene<'a> {
    engine: &'a Engine,
    state: &'a [HandoffResult],
    index: &'a CandidateIndex,
    d: u32,
}

/// A candidate's hop: (from, to, minutes, candidate).
type Edge = (u32, u32, f64, u32);

impl Bounds {
    /// Marks in `affected` every handoff of data object `d` that a path through the new edge
    /// `edge` (from, to, minutes) could change, given the graph after the pick in `engine`
    /// and the candidates of `index` still in the pool.
    pub fn mark(
        &mut self,
        engine: &Engine,
        state: &[HandoffResult],
        index: &CandidateIndex,
        d: u32,
        edge: (u32, u32, f64),
        affected: &mut [bool],
    ) {
        let (from, to, minutes) = edge;
        self.near.clear();
        self.near
            .extend(engine.by_data[d as usize].iter().copied().filter(|k| {
                let handoff = &state[*k as usize];
                engine.may_reach(handoff.from.index(), from as usize)
                    && engine.may_reach(to as usize, handoff.to.index())
            }));
        if self.near.is_empty() {
            return;
        }
        let nodes = engine.graph.nodes();
        self.to_u.resize(nodes, f64::INFINITY);
        self.from_v.resize(nodes, f64::INFINITY);
        self.needed.resize(nodes, false);
        if self.pools.len() <= d as usize {
            self.pools.resize(d as usize + 1, None);
        }
        self.pools[d as usize].get_or_insert_with(|| {
            let mut forward = Vec::new();
            index.carrying(d, &mut forward);
            let mut reverse = forward.clone();
            forward.sort_unstable_by_key(|e| (e.0, e.3));
            reverse.sort_unstable_by_key(|e| (e.1, e.3));
            (forward, reverse)
        });
        // Nothing at or beyond the dearest path today matters (all paths, when one is missing).
        let limit = self.near.iter().fold(0.0, |m: f64, k| {
            m.max(state[*k as usize].path_minutes.unwrap_or(f64::INFINITY))
        }) * (1.0 + MARGIN);
        let scene = Scene {
            engine,
            state,
            index,
            d,
        };
        self.run(&scene, Direction::Reverse, from, limit);
        self.run(&scene, Direction::Forward, to, limit);
        for &k in &self.near {
            let handoff = &state[k as usize];
            let bound = self.to_u[handoff.from.index()] + minutes + self.from_v[handoff.to.index()];
            if !bound.is_finite() {
                continue;
            }
            let today = handoff.path_minutes.unwrap_or(f64::INFINITY);
            if bound <= today * (1.0 + MARGIN) {
                affected[k as usize] = true;
            }
        }
        for &node in &self.touched {
            self.to_u[node as usize] = f64::INFINITY;
            self.from_v[node as usize] = f64::INFINITY;
        }
        self.touched.clear();
    }

    /// Least minutes from `start` (forward, into `from_v`) or to it (reverse, into `to_u`),
    /// over the edges carrying `d` and the candidate edges, below `limit`, until the targets
    /// (forward) or sources (reverse) of the handoffs in `near` are settled.
    fn run(&mut self, scene: &Scene, dir: Direction, start: u32, limit: f64) {
        let Scene {
            engine,
            state,
            index,
            d,
        } = *scene;
        let Bounds {
            to_u,
            from_v,
            touched,
            heap,
            near,
            needed,
            pools,
        } = self;
        let (forward, reverse) = pools[d as usize].as_ref().expect("built by `mark`");
        let mut remaining = 0usize;
        for &k in near.iter() {
            let node = settles(&state[k as usize], dir);
            if !needed[node] {
                needed[node] = true;
                remaining += 1;
            }
        }
        let (dist, extra) = match dir {
            Direction::Forward => (from_v, forward),
            Direction::Reverse => (to_u, reverse),
        };
        let key = |e: &Edge| match dir {
            Direction::Forward => e.0,
            Direction::Reverse => e.1,
        };
        let graph = &engine.graph;
        heap.clear();
        dist[start as usize] = 0.0;
        touched.push(start);
        heap.push(Reverse((0.0f64.to_bits(), start)));
        while let Some(Reverse((bits, node))) = heap.pop() {
            let at = f64::from_bits(bits);
            if at > dist[node as usize] {
                continue;
            }
            if needed[node as usize] {
                needed[node as usize] = false;
                remaining -= 1;
                if remaining == 0 {
                    break;
                }
            }
            let mut relax = |next: usize, minutes: f64| {
                let to = at + minutes;
                if to < dist[next] && to < limit {
                    if dist[next].is_infinite() {
                        touched.push(next as u32);
                    }
                    dist[next] = to;
                    // Minutes are finite and >= 0, so their bits order as the numbers do.
                    heap.push(Reverse((to.to_bits(), next as u32)));
                }
            };
            for e in graph.edges(dir, node as usize, d) {
                relax(graph.next(dir, e), graph.minutes(e));
            }
            let first = extra.partition_point(|e| key(e) < node);
            for e in extra[first..].iter().take_while(|e| key(e) == node) {
                if !index.is_active(e.3 as usize) {
                    continue;
                }
                let next = match dir {
                    Direction::Forward => e.1,
                    Direction::Reverse => e.0,
                };
                relax(next as usize, e.2);
            }
        }
        for &k in near.iter() {
            needed[settles(&state[k as usize], dir)] = false;
        }
    }
}

/// The end of a handoff a search must settle: its target going forward, its source in
/// reverse.
#[inline]
fn settles(handoff: &HandoffResult, dir: Direction) -> usize {
    if dir == Direction::Forward {
        handoff.to.index()
    } else {
        handoff.from.index()
    }
}
