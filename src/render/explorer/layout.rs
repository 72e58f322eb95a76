//! Where a map's nodes and edges go, in points (y down): the shape both layouts produce
//! (Graphviz's, read from `dot -Tplain`, and this module's own), and gapgraph's own
//! layered layout for when `dot` is missing, fails or runs too long. Left to right like
//! `rankdir=LR`: cycles broken by a depth-first search, layers by longest path, the order
//! within a layer by a few barycentre sweeps, edges as cubic Béziers (forward edges between
//! layers, backward ones looping below, same-layer ones bowing to the right).

use serde::Serialize;

/// Margin around a laid-out map, in points.
pub const MARGIN: f64 = 8.0;
/// Room left before the target for the arrowhead the page draws, in points.
pub const ARROW: f64 = 9.0;

/// A map laid out.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Layout {
    /// Width, points.
    pub w: i64,
    /// Height.
    pub h: i64,
    /// Node centres, `[x, y]`, in the graph's node order.
    pub n: Vec<[i64; 2]>,
    /// Edges in the graph's edge order.
    pub e: Vec<EdgeShape>,
}

/// One edge: a cubic Bézier spline (`[x0, y0, x1, y1, ...]`, 3k + 1 points) and the centre
/// of its label.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EdgeShape {
    /// The spline's points, flattened.
    pub p: Vec<i64>,
    /// The label's centre.
    pub l: [i64; 2],
}

/// What to lay out: nodes of one size, edges with labels of one size.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    /// Node count.
    pub nodes: usize,
    /// Edges as (from, to) node positions.
    pub edges: Vec<(usize, usize)>,
    /// Node width and height.
    pub node: (f64, f64),
    /// Label width and height.
    pub label: (f64, f64),
}

/// An edge in floating points: its spline's points and its label's centre.
pub(super) type Curve = (Vec<(f64, f64)>, (f64, f64));

/// A layout in floating points, before it is shifted to the margin and rounded.
pub(super) struct Raw {
    pub nodes: Vec<(f64, f64)>,
    pub edges: Vec<Curve>,
}

impl Raw {
    /// Moves each edge label, if it would cover a node or an earlier label, sideways from
    /// its edge (either way, a few points at a time), then also towards either end, to the
    /// nearest free place; where none is within reach, to the least covered one. Graphviz places its labels itself; this is
    /// for the layouts made here.
    pub(super) fn nudge_labels(mut self, spec: &Spec) -> Raw {
        let (nw, nh) = spec.node;
        let (lw, lh) = spec.label;
        // How much of a label at `(x, y)` a box of `(w, h)` at `(cx, cy)` covers (with 2
        // points to spare), in square points.
        let overlap = |(x, y): (f64, f64), (cx, cy): (f64, f64), (w, h): (f64, f64)| {
            let across = f64::midpoint(lw, w) + 2.0 - (x - cx).abs();
            let down = f64::midpoint(lh, h) + 2.0 - (y - cy).abs();
            across.max(0.0) * down.max(0.0)
        };
        let mut placed: Vec<(f64, f64)> = Vec::new();
        for (points, label) in &mut self.edges {
            let (first, last) = (points[0], points[points.len() - 1]);
            let (dx, dy) = (last.0 - first.0, last.1 - first.1);
            let length = dx.hypot(dy);
            let normal = if length > 0.0 {
                (dy / length, -dx / length)
            } else {
                (0.0, -1.0)
            };
            let covered = |at: (f64, f64)| {
                self.nodes
                    .iter()
                    .map(|&n| overlap(at, n, (nw, nh)))
                    .chain(placed.iter().map(|&p| overlap(at, p, (lw, lh))))
                    .sum::<f64>()
            };
            let start = *label;
            let across = |along: f64| {
                (0..=30)
                    .flat_map(|step| [1.0, -1.0].map(|sign| f64::from(step) * 6.0 * sign))
                    .map(move |shift| {
                        (
                            start.0 + normal.0 * shift + dx * along,
                            start.1 + normal.1 * shift + dy * along,
                        )
                    })
            };
            // Across the edge first; where the middle is crowded (a ring's diagonals all
            // cross there), also nearer either end; where no place is free, the one least
            // covered (the first of equals).
            let mut best = (f64::INFINITY, start);
            for at in [0.0, -0.2, 0.2, -0.32, 0.32].into_iter().flat_map(across) {
                let cover = covered(at);
                if cover < best.0 {
                    best = (cover, at);
                    if cover == 0.0 {
                        break;
                    }
                }
            }
            *label = best.1;
            placed.push(*label);
        }
        self
    }

    /// Shifted so everything (node boxes, splines, labels) starts at [`MARGIN`], rounded.
    pub(super) fn finish(self, spec: &Spec) -> Layout {
        let (nw, nh) = spec.node;
        let (lw, lh) = spec.label;
        let mut lo = (f64::INFINITY, f64::INFINITY);
        let mut hi = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        let mut grow = |x: f64, y: f64, rx: f64, ry: f64| {
            lo = (lo.0.min(x - rx), lo.1.min(y - ry));
            hi = (hi.0.max(x + rx), hi.1.max(y + ry));
        };
        for &(x, y) in &self.nodes {
            grow(x, y, nw / 2.0, nh / 2.0);
        }
        for (points, (x, y)) in &self.edges {
            grow(*x, *y, lw / 2.0, lh / 2.0);
            for &(px, py) in points {
                grow(px, py, ARROW, ARROW);
            }
        }
        if !lo.0.is_finite() {
            lo = (0.0, 0.0);
            hi = (0.0, 0.0);
        }
        let at = |x: f64, y: f64| [round(x - lo.0 + MARGIN), round(y - lo.1 + MARGIN)];
        Layout {
            w: round(hi.0 - lo.0 + 2.0 * MARGIN),
            h: round(hi.1 - lo.1 + 2.0 * MARGIN),
            n: self.nodes.iter().map(|&(x, y)| at(x, y)).collect(),
            e: self
                .edges
                .iter()
                .map(|(points, (x, y))| EdgeShape {
                    p: points.iter().flat_map(|&(px, py)| at(px, py)).collect(),
                    l: at(*x, *y),
                })
                .collect(),
        }
    }
}

fn round(x: f64) -> i64 {
    x.round() as i64
}

/// gapgraph's own layered layout of `spec`.
pub fn layered(spec: &Spec) -> Layout {
    let layer = layers(spec);
    let order = orders(spec, &layer);
    let (nw, nh) = spec.node;
    let (lw, lh) = spec.label;
    let column = nw + lw.max(40.0) + 40.0;
    let row = nh + lh.max(12.0) + 12.0;
    let depth = order.iter().map(Vec::len).max().unwrap_or(0) as f64;
    let mut nodes = vec![(0.0, 0.0); spec.nodes];
    for (l, members) in order.iter().enumerate() {
        let offset = (depth - members.len() as f64) * row / 2.0;
        for (k, &v) in members.iter().enumerate() {
            nodes[v] = (l as f64 * column, offset + k as f64 * row);
        }
    }
    let mut seen: std::collections::HashMap<(usize, usize), usize> =
        std::collections::HashMap::new();
    let edges = spec
        .edges
        .iter()
        .map(|&(a, b)| {
            let twin = seen.entry((a.min(b), a.max(b))).or_insert(0);
            *twin += 1;
            route(
                nodes[a],
                nodes[b],
                layer[a].cmp(&layer[b]),
                a == b,
                *twin - 1,
                spec,
            )
        })
        .collect();
    Raw { nodes, edges }.nudge_labels(spec).finish(spec)
}

/// The nodes in layer order, each layer in its barycentre order: an order for a ring that
/// keeps neighbours near each other.
pub(super) fn ring_order(spec: &Spec) -> Vec<usize> {
    orders(spec, &layers(spec)).concat()
}

/// One edge's spline and label centre: `k` is how many edges between the same two nodes
/// came before it (each bows out further).
fn route(
    (ax, ay): (f64, f64),
    (bx, by): (f64, f64),
    direction: std::cmp::Ordering,
    self_loop: bool,
    k: usize,
    spec: &Spec,
) -> Curve {
    let (nw, nh) = spec.node;
    let (_, lh) = spec.label;
    let spread = k as f64 * (lh + 6.0);
    let (w2, h2) = (nw / 2.0, nh / 2.0);
    if self_loop {
        let top = ay - h2 - 30.0 - spread;
        let points = vec![
            (ax - 20.0, ay - h2),
            (ax - 30.0, top),
            (ax + 30.0, top),
            (ax + 20.0, ay - h2 - ARROW),
        ];
        return (points, (ax, top - lh / 2.0));
    }
    match direction {
        std::cmp::Ordering::Less => {
            let (x0, x3) = (ax + w2, bx - w2 - ARROW);
            let mid = f64::midpoint(x0, x3);
            let bend = spread * if k.is_multiple_of(2) { 1.0 } else { -1.0 };
            let points = vec![(x0, ay), (mid, ay + bend), (mid, by + bend), (x3, by)];
            (points, (mid, f64::midpoint(ay, by) + bend))
        }
        std::cmp::Ordering::Greater => {
            let dip = ay.max(by) + h2 + 36.0 + spread;
            let points = vec![(ax, ay + h2), (ax, dip), (bx, dip), (bx, by + h2 + ARROW)];
            (points, (f64::midpoint(ax, bx), dip))
        }
        std::cmp::Ordering::Equal => {
            let bow = ax + w2 + 48.0 + spread;
            let points = vec![(ax + w2, ay), (bow, ay), (bow, by), (bx + w2 + ARROW, by)];
            (points, (bow, f64::midpoint(ay, by)))
        }
    }
}

/// Each node's layer: the longest path to it over the edges a depth-first search keeps
/// (the back edges of cycles left out).
fn layers(spec: &Spec) -> Vec<usize> {
    let n = spec.nodes;
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in &spec.edges {
        if a != b {
            out[a].push(b);
        }
    }
    // Iterative DFS: 0 unseen, 1 on the stack, 2 done; an edge to a node on the stack is a
    // back edge and is dropped.
    let mut state = vec![0u8; n];
    let mut forward: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut finished = Vec::with_capacity(n);
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&w) = out[v].get(*next) {
                *next += 1;
                match state[w] {
                    0 => {
                        forward[v].push(w);
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    2 => forward[v].push(w),
                    _ => {}
                }
            } else {
                state[v] = 2;
                finished.push(v);
                stack.pop();
            }
        }
    }
    // Reverse finishing order is a topological order of the kept edges.
    let mut layer = vec![0usize; n];
    for &v in finished.iter().rev() {
        for &w in &forward[v] {
            layer[w] = layer[w].max(layer[v] + 1);
        }
    }
    layer
}

/// The nodes of each layer in order: first by index, then four barycentre sweeps (down,
/// up, down, up) over the neighbours in any other layer.
fn orders(spec: &Spec, layer: &[usize]) -> Vec<Vec<usize>> {
    let count = layer.iter().max().map_or(0, |m| m + 1);
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (v, &l) in layer.iter().enumerate() {
        order[l].push(v);
    }
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); spec.nodes];
    for &(a, b) in &spec.edges {
        if a != b {
            neighbours[a].push(b);
            neighbours[b].push(a);
        }
    }
    let mut position = vec![0.0; spec.nodes];
    let place = |order: &Vec<Vec<usize>>, position: &mut Vec<f64>| {
        for members in order {
            for (k, &v) in members.iter().enumerate() {
                position[v] = k as f64;
            }
        }
    };
    place(&order, &mut position);
    for sweep in 0..4 {
        let layers: Vec<usize> = if sweep % 2 == 0 {
            (1..count).collect()
        } else {
            (0..count.saturating_sub(1)).rev().collect()
        };
        for l in layers {
            let centre = |v: usize| {
                let near: Vec<f64> = neighbours[v]
                    .iter()
                    .filter(|&&w| layer[w] != l)
                    .map(|&w| position[w])
                    .collect();
                if near.is_empty() {
                    position[v]
                } else {
                    near.iter().sum::<f64>() / near.len() as f64
                }
            };
            let mut keyed: Vec<(f64, usize)> = order[l].iter().map(|&v| (centre(v), v)).collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            order[l] = keyed.into_iter().map(|(_, v)| v).collect();
            for (k, &v) in order[l].iter().enumerate() {
                position[v] = k as f64;
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(nodes: usize, edges: &[(usize, usize)]) -> Spec {
        Spec {
            nodes,
            edges: edges.to_vec(),
            node: (170.0, 40.0),
            label: (84.0, 18.0),
        }
    }

    #[test]
    fn a_chain_runs_left_to_right_and_a_cycle_still_gets_layers() {
        let chain = layered(&spec(3, &[(0, 1), (1, 2)]));
        let xs: Vec<i64> = chain.n.iter().map(|p| p[0]).collect();
        assert!(xs[0] < xs[1] && xs[1] < xs[2], "{xs:?}");
        assert_eq!(chain.n[0][1], chain.n[2][1], "one row");
        let cycle = layered(&spec(3, &[(0, 1), (1, 2), (2, 0), (1, 1)]));
        assert_eq!(cycle.e.len(), 4);
        assert!(cycle.e.iter().all(|e| e.p.len() == 8));
        // Everything lies inside the map.
        for e in &cycle.e {
            for xy in e.p.chunks(2) {
                assert!((0..=cycle.w).contains(&xy[0]) && (0..=cycle.h).contains(&xy[1]));
            }
        }
    }

    #[test]
    fn nodes_of_a_layer_do_not_overlap() {
        let star = layered(&spec(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]));
        let mut ys: Vec<i64> = star.n[1..].iter().map(|p| p[1]).collect();
        ys.sort_unstable();
        assert!(ys.windows(2).all(|w| w[1] - w[0] >= 40), "{ys:?}");
        assert_eq!(layered(&spec(0, &[])).n.len(), 0);
    }
}
