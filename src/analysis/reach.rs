//! A conservative reachability test between systems, whatever data the hops carry: "no"
//! is exact, "maybe" is not. A search skips the handoffs whose target no path can reach and
//! never enters a system from which no target can be reached; without it, a handoff whose
//! target is unreachable explores everything its source reaches, which grows faster than
//! the model.
//!
//! The strongly connected components (Tarjan) number the systems so that a hop never leads
//! to a higher number. On the graph of components, each depth-first traversal gives every
//! component the interval [least post-order number below it, its own post-order number];
//! what a component reaches lies inside its interval (GRAIL, Yildirim et al. 2010). Two
//! traversals in opposite orders rule out nearly every unreachable pair of the benchmark
//! models. Building costs O(N + E log E).

use super::network::Network;

/// Interval labels per component, one set per traversal.
const TRAVERSALS: usize = 2;

/// What the test knows of one system.
#[derive(Clone, Copy, Debug, Default)]
struct Label {
    /// Its component; a hop never leads to a higher one.
    component: u32,
    /// Per traversal: (least post-order number reachable, own post-order number).
    intervals: [(u32, u32); TRAVERSALS],
}

/// Reachability labels of a network's systems.
#[derive(Clone, Debug, Default)]
pub struct Reach {
    labels: Vec<Label>,
}

const NONE: u32 = u32::MAX;

impl Reach {
    /// The labels of `network`, every hop counted whatever it carries: valid for the graph of
    /// any data object, which only keeps some of the hops.
    pub fn of_network(network: &Network) -> Reach {
        let edges = network
            .hops()
            .iter()
            .map(|h| (h.from.index() as u32, h.to.index() as u32))
            .collect();
        Reach::of_edges(network.systems(), edges)
    }

    /// The labels of a graph of `nodes` nodes with these (from, to) edges.
    fn of_edges(nodes: usize, edges: Vec<(u32, u32)>) -> Reach {
        let (offsets, targets) = compressed(nodes, edges);
        let components = components(&offsets, &targets);
        let count = components.iter().map(|c| c + 1).max().unwrap_or(0) as usize;
        let mut between = Vec::new();
        for node in 0..nodes {
            let from = components[node];
            for &to in &targets[offsets[node] as usize..offsets[node + 1] as usize] {
                let to = components[to as usize];
                if from != to {
                    between.push((from, to));
                }
            }
        }
        between.sort_unstable();
        between.dedup();
        let (dag_offsets, dag_targets) = compressed(count, between);
        let forward = intervals(&dag_offsets, &dag_targets, false);
        let backward = intervals(&dag_offsets, &dag_targets, true);
        let labels = components
            .iter()
            .map(|&c| Label {
                component: c,
                intervals: [forward[c as usize], backward[c as usize]],
            })
            .collect();
        Reach { labels }
    }

    /// False when no path leads from `from` to `to`; true when one may.
    #[inline]
    pub fn may_reach(&self, from: usize, to: usize) -> bool {
        let (a, b) = (&self.labels[from], &self.labels[to]);
        if a.component == b.component {
            return true;
        }
        a.component > b.component
            && a.intervals
                .iter()
                .zip(&b.intervals)
                .all(|(a, b)| a.0 <= b.0 && b.1 <= a.1)
    }
}

/// Adjacency lists of `edges` (sorted by source) as offsets and targets.
fn compressed(nodes: usize, mut edges: Vec<(u32, u32)>) -> (Vec<u32>, Vec<u32>) {
    edges.sort_unstable();
    let mut offsets = vec![0u32; nodes + 1];
    for &(from, _) in &edges {
        offsets[from as usize + 1] += 1;
    }
    for i in 1..offsets.len() {
        offsets[i] += offsets[i - 1];
    }
    (offsets, edges.into_iter().map(|(_, to)| to).collect())
}

/// Tarjan's strongly connected components, without recursion; components are numbered as
/// they complete, so a sink first and an edge never leads to a higher number.
fn components(offsets: &[u32], targets: &[u32]) -> Vec<u32> {
    let nodes = offsets.len() - 1;
    let mut index = vec![NONE; nodes];
    let mut low = vec![0u32; nodes];
    let mut on_stack = vec![false; nodes];
    let mut component = vec![NONE; nodes];
    let mut stack: Vec<u32> = Vec::new();
    // (node, position of its next edge)
    let mut calls: Vec<(u32, u32)> = Vec::new();
    let (mut next_index, mut next_component) = (0u32, 0u32);
    for root in 0..nodes as u32 {
        if index[root as usize] != NONE {
            continue;
        }
        index[root as usize] = next_index;
        low[root as usize] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root as usize] = true;
        calls.push((root, offsets[root as usize]));
        while let Some(&mut (node, ref mut position)) = calls.last_mut() {
            let v = node as usize;
            if *position < offsets[v + 1] {
                let w = targets[*position as usize];
                *position += 1;
                let wi = w as usize;
                if index[wi] == NONE {
                    index[wi] = next_index;
                    low[wi] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[wi] = true;
                    calls.push((w, offsets[wi]));
                } else if on_stack[wi] {
                    low[v] = low[v].min(index[wi]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent as usize] = low[parent as usize].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w as usize] = false;
                    component[w as usize] = next_component;
                    if w == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// One depth-first traversal of an acyclic graph, roots and children in index order or,
/// `reversed`, in reverse order: per node (least post-order number below it, its own).
fn intervals(offsets: &[u32], targets: &[u32], reversed: bool) -> Vec<(u32, u32)> {
    let nodes = offsets.len() - 1;
    let mut label = vec![(NONE, NONE); nodes];
    let mut entered = vec![false; nodes];
    // (node, children still to visit)
    let mut calls: Vec<(u32, u32)> = Vec::new();
    let mut clock = 0u32;
    let child = |node: usize, left: u32| {
        let (start, end) = (offsets[node], offsets[node + 1]);
        // `left` children remain: the next is counted from the end of the list in index
        // order, from its start in reverse order.
        let i = if reversed {
            start + left - 1
        } else {
            end - left
        };
        targets[i as usize]
    };
    for r in 0..nodes {
        let root = if reversed { nodes - 1 - r } else { r };
        if entered[root] {
            continue;
        }
        entered[root] = true;
        calls.push((root as u32, offsets[root + 1] - offsets[root]));
        while let Some(&mut (node, ref mut left)) = calls.last_mut() {
            let v = node as usize;
            if *left > 0 {
                let w = child(v, *left) as usize;
                *left -= 1;
                if entered[w] {
                    // Acyclic: an entered child is finished.
                    label[v].0 = label[v].0.min(label[w].0);
                } else {
                    entered[w] = true;
                    calls.push((w as u32, offsets[w + 1] - offsets[w]));
                }
                continue;
            }
            calls.pop();
            clock += 1;
            label[v].1 = clock;
            label[v].0 = label[v].0.min(clock);
            if let Some(&(parent, _)) = calls.last() {
                let p = parent as usize;
                label[p].0 = label[p].0.min(label[v].0);
            }
        }
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair's answer against a plain traversal, on a graph with cycles, a chain
    /// between components and an isolated node.
    #[test]
    fn never_rules_out_a_reachable_pair() {
        let edges = [
            (0, 1),
            (1, 0),
            (1, 2),
            (2, 3),
            (3, 4),
            (4, 2),
            (5, 3),
            (6, 7),
            (7, 5),
        ];
        let nodes = 9;
        let (offsets, targets) = compressed(nodes, edges.to_vec());
        let components = components(&offsets, &targets);
        let reach = Reach::of_edges(nodes, edges.to_vec());
        let mut ruled_out = 0;
        for from in 0..nodes {
            let mut seen = vec![false; nodes];
            let mut todo = vec![from];
            seen[from] = true;
            while let Some(v) = todo.pop() {
                for &w in &targets[offsets[v] as usize..offsets[v + 1] as usize] {
                    if !seen[w as usize] {
                        seen[w as usize] = true;
                        todo.push(w as usize);
                    }
                }
            }
            for (to, &seen) in seen.iter().enumerate() {
                if seen {
                    assert!(reach.may_reach(from, to), "{from} reaches {to}");
                } else if !reach.may_reach(from, to) {
                    ruled_out += 1;
                }
            }
        }
        // 0-1 and 2-3-4 are cycles; 6 -> 7 -> 5 -> 3 joins them one way.
        assert_eq!(components[0], components[1]);
        assert_eq!(components[2], components[4]);
        assert!(ruled_out > 0);
    }
}
