//! Dijkstra over the flat graph for one data object, on reusable buffers: nothing is
//! allocated once the buffers have grown to the model's size.
//!
//! The cost is (minutes, hops), least minutes first, then fewest hops, as in docs/scoring.md,
//! section 1. Minutes are summed from the search's start outward, `((a + w1) + w2) + ...`, the way
//! a path is summed when it is reported. Each edge adds a hop, so every cost pushed is larger
//! than the one popped: the settled costs are the unique fixed point of "least over incoming
//! edges", whatever the order of the heap or of the edges.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::graph::{Direction, Graph};

/// Path cost: human minutes first, then fewer hops.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cost {
    /// Human minutes, summed from the start outward.
    pub minutes: f64,
    /// Hops.
    pub hops: u32,
}

impl Cost {
    const UNREACHED: Cost = Cost {
        minutes: f64::INFINITY,
        hops: u32::MAX,
    };

    /// This cost followed by one edge of `minutes`.
    pub fn then(self, minutes: f64) -> Cost {
        Cost {
            minutes: self.minutes + minutes,
            hops: self.hops + 1,
        }
    }

    fn cmp(&self, other: &Cost) -> Ordering {
        self.minutes
            .total_cmp(&other.minutes)
            .then(self.hops.cmp(&other.hops))
    }
}

/// A heap entry, ordered so that `BinaryHeap` pops the least cost first.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Entry {
    cost: Cost,
    node: u32,
}

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Entry) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    fn cmp(&self, other: &Entry) -> Ordering {
        other.cost.cmp(&self.cost).then(other.node.cmp(&self.node))
    }
}

/// What to search: from `start`, whose cost is `minutes` and 0 hops, along (`Forward`) or
/// against (`Reverse`) the edges that carry `data`. Nodes whose minutes would reach `limit`
/// are left out (nothing at or beyond it matters to the caller).
#[derive(Clone, Copy, Debug)]
pub struct Query {
    /// Which way to walk the edges.
    pub dir: Direction,
    /// The node to start from.
    pub start: usize,
    /// The minutes already spent on reaching it.
    pub minutes: f64,
    /// The data object whose edges to follow.
    pub data: u32,
    /// Minutes from which on nodes are left out.
    pub limit: f64,
}

/// The buffers of one search, reset between runs by the list of nodes it touched.
#[derive(Clone, Debug, Default)]
pub struct Search {
    cost: Vec<Cost>,
    settled: Vec<bool>,
    touched: Vec<u32>,
    heap: BinaryHeap<Entry>,
    remaining: Vec<bool>,
}

impl Search {
    /// Buffers for a graph of `nodes` nodes.
    pub fn new(nodes: usize) -> Search {
        Search {
            cost: vec![Cost::UNREACHED; nodes],
            settled: vec![false; nodes],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
            remaining: vec![false; nodes],
        }
    }

    fn reset(&mut self) {
        for &node in &self.touched {
            self.cost[node as usize] = Cost::UNREACHED;
            self.settled[node as usize] = false;
        }
        self.touched.clear();
        self.heap.clear();
    }

    /// Runs `query`. With `targets`, stops once all of them are settled; the costs of settled
    /// nodes are final either way.
    pub fn run(&mut self, graph: &Graph, query: Query, targets: &[u32]) {
        self.run_within(graph, query, targets, |_| true);
    }

    /// [`Search::run`] that never enters a node `useful` rejects. The costs of the nodes that
    /// lead to an accepted node are those of `run` as long as `useful` rejects only nodes
    /// from which no accepted node can be reached (no path to them runs through a rejected
    /// node).
    pub fn run_within(
        &mut self,
        graph: &Graph,
        query: Query,
        targets: &[u32],
        useful: impl Fn(usize) -> bool,
    ) {
        let Query {
            dir,
            start,
            minutes,
            data,
            limit,
        } = query;
        self.reset();
        let mut waiting = 0usize;
        for &t in targets {
            if !self.remaining[t as usize] {
                self.remaining[t as usize] = true;
                waiting += 1;
            }
        }
        let first = Cost { minutes, hops: 0 };
        if minutes < limit {
            self.cost[start] = first;
            self.touched.push(start as u32);
            self.heap.push(Entry {
                cost: first,
                node: start as u32,
            });
        }
        while let Some(Entry { cost, node }) = self.heap.pop() {
            let node = node as usize;
            if self.settled[node] || cost != self.cost[node] {
                continue;
            }
            self.settled[node] = true;
            if self.remaining[node] {
                self.remaining[node] = false;
                waiting -= 1;
                if waiting == 0 {
                    break;
                }
            }
            for e in graph.edges(dir, node, data) {
                let next = graph.next(dir, e);
                if self.settled[next] {
                    continue;
                }
                let candidate = cost.then(graph.minutes(e));
                if candidate.minutes >= limit
                    || candidate.cmp(&self.cost[next]) != Ordering::Less
                    || !useful(next)
                {
                    continue;
                }
                if self.cost[next].hops == u32::MAX {
                    self.touched.push(next as u32);
                }
                self.cost[next] = candidate;
                self.heap.push(Entry {
                    cost: candidate,
                    node: next as u32,
                });
            }
        }
        for &t in targets {
            self.remaining[t as usize] = false;
        }
    }

    /// The settled cost of `node`, if the last run settled it.
    pub fn settled(&self, node: usize) -> Option<Cost> {
        self.settled[node].then_some(self.cost[node])
    }

    /// The cost the last run found for `node`, settled or not.
    pub fn cost(&self, node: usize) -> Option<Cost> {
        let cost = self.cost[node];
        (cost.hops != u32::MAX).then_some(cost)
    }

    /// The nodes the last run reached (settled or not), in the order it reached them.
    pub fn reached(&self) -> &[u32] {
        &self.touched
    }
}
