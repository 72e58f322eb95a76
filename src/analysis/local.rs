//! Small neighbourhoods of gaps, for valuing them again many times (`Revaluation`).
//!
//! Over the hops carrying its data, a gap's source reaches a set of systems (its forward
//! closure) and its target is reached from a set (its backward closure). On a large model
//! both are mostly a handful of systems. A search of the whole graph settles a system at
//! the least minutes over all walks to it, each summed from the start outward (search.rs);
//! every walk from the source stays in the forward closure, every walk to the target in the
//! backward one, so a search over the closure's own hops, on arrays of a few entries,
//! settles the same systems at the same minutes, bit for bit, without touching the whole
//! graph's adjacency. A closure of more than [`MAX_NODES`] systems or [`MAX_EDGES`] hops is
//! left to the whole graph's searches.

use std::collections::HashMap;

use super::graph::{Direction, Graph};

/// The most systems a closure holds.
pub const MAX_NODES: usize = 32;
/// The most hops a closure holds.
pub const MAX_EDGES: usize = 96;

/// Minutes per local system of one closure: `INFINITY` where not settled.
pub type Distances = [f64; MAX_NODES];

/// The closures of the gaps, stored flat.
#[derive(Clone, Debug, Default)]
pub struct Closures {
    /// The systems of each closure, the root first.
    nodes: Vec<u32>,
    /// The hops of each closure: (local from, local to, graph edge), in the hop's direction.
    edges: Vec<(u8, u8, u32)>,
    /// Per closure: where its systems and hops start and end.
    spans: Vec<Span>,
    /// Closures by (root, data object, direction), built once each.
    by_root: HashMap<(u32, u32, bool), Option<u32>>,
}

#[derive(Clone, Copy, Debug)]
struct Span {
    nodes: (u32, u32),
    edges: (u32, u32),
}

impl Closures {
    /// The closure of `root` over the hops carrying data object `d` of `graph`, forward
    /// (the systems it reaches) or not (the systems reaching it): its number, or `None`
    /// when it is too large.
    pub fn closure(&mut self, graph: &Graph, root: u32, d: u32, forward: bool) -> Option<u32> {
        if let Some(known) = self.by_root.get(&(root, d, forward)) {
            return *known;
        }
        let built = self.build(graph, root, d, forward);
        self.by_root.insert((root, d, forward), built);
        built
    }

    fn build(&mut self, graph: &Graph, root: u32, d: u32, forward: bool) -> Option<u32> {
        let dir = if forward {
            Direction::Forward
        } else {
            Direction::Reverse
        };
        let mut nodes = vec![root];
        let mut edges = Vec::new();
        let mut at = 0;
        while at < nodes.len() {
            let system = nodes[at];
            for e in graph.edges(dir, system as usize, d) {
                let next = graph.next(dir, e) as u32;
                let local = match nodes.iter().position(|n| *n == next) {
                    Some(local) => local,
                    None if nodes.len() < MAX_NODES => {
                        nodes.push(next);
                        nodes.len() - 1
                    }
                    None => return None,
                };
                if edges.len() == MAX_EDGES {
                    return None;
                }
                // Local numbers fit a u8: MAX_NODES is below 256.
                let (a, b) = if forward { (at, local) } else { (local, at) };
                edges.push((a as u8, b as u8, e));
            }
            at += 1;
        }
        let id = self.spans.len() as u32;
        let start = (self.nodes.len() as u32, self.edges.len() as u32);
        self.nodes.extend(&nodes);
        self.edges.extend(&edges);
        self.spans.push(Span {
            nodes: (start.0, self.nodes.len() as u32),
            edges: (start.1, self.edges.len() as u32),
        });
        Some(id)
    }

    /// The systems of closure `c`, the root first.
    pub fn nodes(&self, c: u32) -> &[u32] {
        let (a, b) = self.spans[c as usize].nodes;
        &self.nodes[a as usize..b as usize]
    }

    /// The local number of system `system` in closure `c`.
    pub fn local(&self, c: u32, system: u32) -> Option<usize> {
        self.nodes(c).iter().position(|n| *n == system)
    }

    /// The least minutes over walks of closure `c`'s hops from local system `start`, where
    /// they start at `minutes`: along the hops (`forward`) or against them, each summed
    /// from the start outward, only those below `limit` (none when `minutes` is not), as
    /// [`super::search::Search::run`] settles them. Into `dist`, `INFINITY` elsewhere.
    pub fn least(
        &self,
        c: u32,
        graph: &Graph,
        start: usize,
        (minutes, limit): (f64, f64),
        forward: bool,
        dist: &mut Distances,
    ) {
        let span = self.spans[c as usize];
        let n = (span.nodes.1 - span.nodes.0) as usize;
        let edges = &self.edges[span.edges.0 as usize..span.edges.1 as usize];
        dist[..n].fill(f64::INFINITY);
        if minutes < limit {
            dist[start] = minutes;
        }
        // Dijkstra by selection: a least unsettled system, then its hops. Minutes are at
        // least 0 and a sum never falls below what it adds to, so each settles at its least.
        let mut settled = 0u64;
        loop {
            let mut best: Option<usize> = None;
            for x in (0..n).filter(|x| settled & (1 << x) == 0 && dist[*x] < f64::INFINITY) {
                if best.is_none_or(|b| dist[x] < dist[b]) {
                    best = Some(x);
                }
            }
            let Some(x) = best else {
                break;
            };
            settled |= 1 << x;
            for &(a, b, e) in edges {
                let (from, to) = if forward { (a, b) } else { (b, a) };
                if from as usize != x || settled & (1 << to) != 0 {
                    continue;
                }
                let next = dist[x] + graph.minutes(e);
                if next < limit && next < dist[to as usize] {
                    dist[to as usize] = next;
                }
            }
        }
    }
}
