//! Flat arrays for the searches, built from the petgraph store: data objects interned, and
//! per system its out- and in-edges grouped by the data object they carry, with the `"*"`
//! edges apart (they belong to every data object's view).

use std::collections::HashMap;

use foldhash::fast::FixedState;

use super::network::Network;

/// The data objects handoffs move, numbered in order of first appearance. Data that no
/// handoff moves cannot change any result, so edges ignore it.
#[derive(Clone, Debug, Default)]
pub struct DataIds {
    /// foldhash with a fixed seed: the ids are numbered by first appearance, so the hasher
    /// never shows in a result, and SipHash's protection is not needed for a model's names.
    ids: HashMap<String, u32, FixedState>,
}

impl DataIds {
    /// The id of `name`, numbered next if it is new.
    pub fn intern(&mut self, name: &str) -> u32 {
        if let Some(id) = self.ids.get(name) {
            return *id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(name.to_string(), id);
        id
    }

    /// The id of a data object, if some handoff moves it.
    pub fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    /// How many data objects handoffs move.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// The ids of what a carries list moves (each once), or `None` for `"*"`: everything.
    pub fn of_carries(&self, carries: &[String]) -> Option<Vec<u32>> {
        if carries.iter().any(|d| d == "*") {
            return None;
        }
        let mut ids: Vec<u32> = carries.iter().filter_map(|d| self.get(d)).collect();
        ids.sort_unstable();
        ids.dedup();
        Some(ids)
    }
}

/// One direction of the adjacency: per node, `(data, edge)` sorted by data then edge, and
/// the `"*"` edges.
#[derive(Clone, Debug, Default, PartialEq)]
struct Adjacency {
    offsets: Vec<u32>,
    entries: Vec<(u32, u32)>,
    wild_offsets: Vec<u32>,
    wild: Vec<u32>,
}

impl Adjacency {
    /// `by_data` (node, data, edge) and `wild` (node, edge) come in edge order; they are
    /// placed by node (a counting sort, so a plan's rebuild after each pick stays linear),
    /// then each node's short run is sorted by data.
    fn build(nodes: usize, by_data: Vec<(u32, u32, u32)>, wild: Vec<(u32, u32)>) -> Self {
        let starts = offsets(nodes, by_data.iter().map(|e| e.0));
        let mut next = starts.clone();
        let mut entries = vec![(0, 0); by_data.len()];
        for (node, d, e) in by_data {
            entries[next[node as usize] as usize] = (d, e);
            next[node as usize] += 1;
        }
        for run in starts.windows(2) {
            entries[run[0] as usize..run[1] as usize].sort_unstable();
        }
        let wild_offsets = offsets(nodes, wild.iter().map(|e| e.0));
        let mut next = wild_offsets.clone();
        let mut wild_edges = vec![0; wild.len()];
        for (node, e) in wild {
            wild_edges[next[node as usize] as usize] = e;
            next[node as usize] += 1;
        }
        Adjacency {
            offsets: starts,
            entries,
            wild_offsets,
            wild: wild_edges,
        }
    }

    /// Adds edge `e`, later than every edge already there, at `node` for the data `carried`
    /// (sorted, each once; `None`: `"*"`), where [`Adjacency::build`] would place it: last
    /// among the node's entries of each of its data, and last among its `"*"` edges.
    fn push(&mut self, node: usize, carried: Option<&[u32]>, e: u32) {
        let (offsets, added) = match carried {
            None => {
                self.wild.insert(self.wild_offsets[node + 1] as usize, e);
                (&mut self.wild_offsets, 1)
            }
            Some(ids) => {
                let (start, end) = (self.offsets[node] as usize, self.offsets[node + 1] as usize);
                let mut run = Vec::with_capacity(end - start + ids.len());
                let mut old = self.entries[start..end].iter().copied().peekable();
                for &d in ids {
                    while let Some(entry) = old.next_if(|x| x.0 <= d) {
                        run.push(entry);
                    }
                    run.push((d, e));
                }
                run.extend(old);
                self.entries.splice(start..end, run);
                (&mut self.offsets, ids.len() as u32)
            }
        };
        for offset in &mut offsets[node + 1..] {
            *offset += added;
        }
    }

    /// The edges of `node` that carry `data`: those naming it, then the `"*"` ones.
    fn edges(&self, node: usize, data: u32) -> impl Iterator<Item = u32> + '_ {
        let all = &self.entries[self.offsets[node] as usize..self.offsets[node + 1] as usize];
        let start = all.partition_point(|e| e.0 < data);
        let end = start + all[start..].partition_point(|e| e.0 == data);
        let wild =
            &self.wild[self.wild_offsets[node] as usize..self.wild_offsets[node + 1] as usize];
        all[start..end]
            .iter()
            .map(|e| e.1)
            .chain(wild.iter().copied())
    }
}

/// Start of each node's run in a list sorted by node, plus the end.
fn offsets(nodes: usize, sorted_nodes: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut counts = vec![0u32; nodes + 1];
    for node in sorted_nodes {
        counts[node as usize + 1] += 1;
    }
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    counts
}

/// The hops of a network as flat arrays with both adjacencies. Edge `e` is hop `e`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Graph {
    from: Vec<u32>,
    to: Vec<u32>,
    minutes: Vec<f64>,
    out: Adjacency,
    inc: Adjacency,
}

/// Which way a search walks the edges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// From the source along edges.
    Forward,
    /// From the target against edges.
    Reverse,
}

impl Graph {
    /// The flat view of `network` for the data in `data`.
    pub fn build(network: &Network, data: &DataIds) -> Graph {
        Graph::build_with(network, |_, carries| data.of_carries(carries))
    }

    /// The flat view of `network` where every hop carries anything (`"*"`): the connections
    /// between systems whatever data they move.
    pub fn ignoring_data(network: &Network) -> Graph {
        Graph::build_with(network, |_, _| None)
    }

    /// Adds an edge from `from` to `to` of `minutes` for the data `carried` (sorted, each
    /// once; `None`: everything), numbered after every edge already there: the graph
    /// [`Graph::build`] makes of the network with that hop appended, without building it
    /// again (a plan adds one hop per pick).
    pub fn push_edge(&mut self, from: usize, to: usize, minutes: f64, carried: Option<&[u32]>) {
        let e = self.from.len() as u32;
        self.from.push(from as u32);
        self.to.push(to as u32);
        self.minutes.push(minutes);
        self.out.push(from, carried, e);
        self.inc.push(to, carried, e);
    }

    /// The number of edges.
    pub fn edge_count(&self) -> usize {
        self.from.len()
    }

    /// `carried` gives the data ids a hop (its index, its carries list) moves, `None` for
    /// everything.
    fn build_with(
        network: &Network,
        carried: impl Fn(usize, &[String]) -> Option<Vec<u32>>,
    ) -> Graph {
        let hops = network.hops();
        let nodes = network.systems();
        let mut graph = Graph {
            from: Vec::with_capacity(hops.len()),
            to: Vec::with_capacity(hops.len()),
            minutes: Vec::with_capacity(hops.len()),
            ..Graph::default()
        };
        let (mut out, mut inc, mut out_wild, mut inc_wild) = (vec![], vec![], vec![], vec![]);
        for edge in network.graph().edge_indices() {
            let (source, target) = network
                .graph()
                .edge_endpoints(edge)
                .expect("an edge index of the graph");
            let hop = network.graph()[edge];
            let (s, t, e) = (source.index() as u32, target.index() as u32, hop as u32);
            // Edges are added in hop order, so edge `e` is hop `e`.
            debug_assert_eq!(edge.index(), hop);
            graph.from.push(s);
            graph.to.push(t);
            graph.minutes.push(hops[hop].minutes);
            match carried(hop, &hops[hop].carries.0) {
                None => {
                    out_wild.push((s, e));
                    inc_wild.push((t, e));
                }
                Some(ids) => {
                    for d in ids {
                        out.push((s, d, e));
                        inc.push((t, d, e));
                    }
                }
            }
        }
        graph.out = Adjacency::build(nodes, out, out_wild);
        graph.inc = Adjacency::build(nodes, inc, inc_wild);
        graph
    }

    /// The number of nodes.
    pub fn nodes(&self) -> usize {
        self.out.offsets.len().saturating_sub(1)
    }

    /// Minutes of edge `e`.
    pub fn minutes(&self, e: u32) -> f64 {
        self.minutes[e as usize]
    }

    /// Sets the minutes of edge `e`: infinite minutes close it (no search follows an edge
    /// to a cost at or beyond its limit, and every limit is at most infinity).
    pub fn set_minutes(&mut self, e: u32, minutes: f64) {
        self.minutes[e as usize] = minutes;
    }

    /// Source of edge `e`.
    pub fn from(&self, e: u32) -> usize {
        self.from[e as usize] as usize
    }

    /// Target of edge `e`.
    pub fn to(&self, e: u32) -> usize {
        self.to[e as usize] as usize
    }

    /// The edges carrying `data` that leave (`Forward`) or enter (`Reverse`) `node`.
    pub fn edges(&self, dir: Direction, node: usize, data: u32) -> impl Iterator<Item = u32> + '_ {
        match dir {
            Direction::Forward => self.out.edges(node, data),
            Direction::Reverse => self.inc.edges(node, data),
        }
    }

    /// The node an edge leads to when walked in direction `dir`.
    pub fn next(&self, dir: Direction, e: u32) -> usize {
        match dir {
            Direction::Forward => self.to(e),
            Direction::Reverse => self.from(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ids::{FixId, PathHop};
    use crate::analysis::network::Hop;
    use crate::model::{Carries, SystemIx};

    fn hop(from: usize, to: usize, carries: &[&str], k: usize) -> Hop {
        let (from, to) = (SystemIx::new(from), SystemIx::new(to));
        Hop {
            from,
            to,
            minutes: k as f64 / 10.0,
            carries: Carries(carries.iter().map(|d| (*d).to_string()).collect()),
            id: PathHop::Fix(FixId::Connect { from, to }),
            integration: None,
        }
    }

    #[test]
    fn an_edge_pushed_lands_where_a_rebuild_puts_it() {
        let source = include_str!("../../fixtures/valid/seed.yaml");
        let model = crate::load_str(source, "seed.yaml").unwrap().model;
        let mut network = Network::of_model(&model);
        let mut data = DataIds::default();
        for d in ["closed-deal", "invoice", "payment-status", "lead"] {
            data.intern(d);
        }
        let mut graph = Graph::build(&network, &data);
        let added = [
            hop(0, 1, &["payment-status", "closed-deal"], 1),
            hop(1, 0, &["*"], 2),
            hop(0, 1, &["invoice", "unknown"], 3),
            hop(2, 0, &[], 4),
            hop(
                0,
                2,
                &["lead", "closed-deal", "payment-status", "invoice"],
                5,
            ),
            hop(0, 1, &["*", "closed-deal"], 6),
        ];
        for hop in added {
            let carried = data.of_carries(&hop.carries.0);
            graph.push_edge(
                hop.from.index(),
                hop.to.index(),
                hop.minutes,
                carried.as_deref(),
            );
            network.add(hop);
            assert_eq!(graph, Graph::build(&network, &data));
        }
        assert_eq!(graph.edge_count(), network.hops().len());
    }
}
