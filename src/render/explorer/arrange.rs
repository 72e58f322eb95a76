//! Fitting maps to a page: a map is split into its connected components, each laid out
//! alone (Graphviz or the layered layout stack separate components into one tall column),
//! and the pieces are packed in rows about as wide as the page; an overview too wide or
//! too tall for the page is drawn as a ring instead (a chain of units laid out in layers is
//! one long row).

use super::layout::{Curve, Layout, Raw, Spec, ARROW};

/// About how wide the page's map area is, in points: rows of pieces are packed to this.
pub const PAGE_WIDTH: f64 = 900.0;
/// About how tall a map may be before it scrolls.
pub const PAGE_HEIGHT: f64 = 480.0;
/// Space between packed pieces.
const GAP: i64 = 12;

/// A connected component of a spec: its nodes and edges (positions in the whole spec)
/// and the spec of it alone.
pub struct Piece {
    pub nodes: Vec<usize>,
    pub edges: Vec<usize>,
    pub spec: Spec,
}

/// The connected components of `spec` (edges taken both ways), in order of their first
/// node.
pub fn pieces(spec: &Spec) -> Vec<Piece> {
    let mut parent: Vec<usize> = (0..spec.nodes).collect();
    fn root(parent: &mut [usize], mut v: usize) -> usize {
        while parent[v] != v {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        v
    }
    for &(a, b) in &spec.edges {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut slot = vec![usize::MAX; spec.nodes];
    let mut pieces: Vec<Piece> = Vec::new();
    let mut local = vec![0usize; spec.nodes];
    for (v, place) in local.iter_mut().enumerate() {
        let r = root(&mut parent, v);
        if slot[r] == usize::MAX {
            slot[r] = pieces.len();
            pieces.push(Piece {
                nodes: Vec::new(),
                edges: Vec::new(),
                spec: Spec {
                    nodes: 0,
                    edges: Vec::new(),
                    node: spec.node,
                    label: spec.label,
                },
            });
        }
        let piece = &mut pieces[slot[r]];
        *place = piece.nodes.len();
        piece.nodes.push(v);
        piece.spec.nodes += 1;
    }
    for (k, &(a, b)) in spec.edges.iter().enumerate() {
        let piece = &mut pieces[slot[root(&mut parent, a)]];
        piece.edges.push(k);
        piece.spec.edges.push((local[a], local[b]));
    }
    pieces
}

/// The pieces' layouts put together in rows about [`PAGE_WIDTH`] wide (wider when one
/// piece is), as one layout of the whole spec.
pub fn pack(spec: &Spec, pieces: &[Piece], layouts: &[Layout]) -> Layout {
    if let [only] = layouts {
        return only.clone();
    }
    let widest = layouts.iter().map(|l| l.w).max().unwrap_or(0);
    let row_width = widest.max(PAGE_WIDTH as i64);
    let mut nodes = vec![[0, 0]; spec.nodes];
    let mut edges = vec![None; spec.edges.len()];
    let (mut x, mut y, mut row_height, mut width) = (0i64, 0i64, 0i64, 0i64);
    for (piece, layout) in pieces.iter().zip(layouts) {
        if x > 0 && x + layout.w > row_width {
            (x, y, row_height) = (0, y + row_height + GAP, 0);
        }
        for (k, &v) in piece.nodes.iter().enumerate() {
            nodes[v] = [layout.n[k][0] + x, layout.n[k][1] + y];
        }
        for (k, &e) in piece.edges.iter().enumerate() {
            let mut shape = layout.e[k].clone();
            for (i, p) in shape.p.iter_mut().enumerate() {
                *p += if i % 2 == 0 { x } else { y };
            }
            shape.l = [shape.l[0] + x, shape.l[1] + y];
            edges[e] = Some(shape);
        }
        width = width.max(x + layout.w);
        row_height = row_height.max(layout.h);
        x += layout.w + GAP;
    }
    Layout {
        w: width,
        h: y + row_height,
        n: nodes,
        e: edges
            .into_iter()
            .map(|e| e.expect("every edge is in a piece"))
            .collect(),
    }
}

/// How much a layout must shrink to fit the page (1: it fits).
pub fn fit(layout: &Layout) -> f64 {
    (PAGE_WIDTH / layout.w.max(1) as f64)
        .min(PAGE_HEIGHT / layout.h.max(1) as f64)
        .min(1.0)
}

/// The nodes on an ellipse (about twice as wide as tall), in `order`, each edge a curve bowed to
/// its left so two opposite edges between the same nodes stay apart.
pub fn ring(spec: &Spec, order: &[usize]) -> Layout {
    let n = spec.nodes;
    let (nw, nh) = spec.node;
    let (lw, lh) = spec.label;
    let rx = (n as f64 * (nw + lw.min(nw) * 0.8) / std::f64::consts::TAU).max(nw);
    let ry = (rx * 0.42).max(nh * 1.5);
    let mut nodes = vec![(0.0, 0.0); n];
    for (k, &v) in order.iter().enumerate() {
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * k as f64 / n as f64;
        nodes[v] = (rx * angle.cos(), ry * angle.sin());
    }
    let mut seen: std::collections::HashMap<(usize, usize), usize> =
        std::collections::HashMap::new();
    let edges = spec
        .edges
        .iter()
        .map(|&(a, b)| {
            let twin = seen.entry((a, b)).or_insert(0);
            *twin += 1;
            bow(nodes[a], nodes[b], *twin - 1, spec, lh)
        })
        .collect();
    Raw { nodes, edges }.nudge_labels(spec).finish(spec)
}

/// A curve from node `a` to node `b`, leaving and entering at their boxes' edges.
fn bow(a: (f64, f64), b: (f64, f64), k: usize, spec: &Spec, lh: f64) -> Curve {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx.hypot(dy).max(1.0);
    // Bowed to the left of a -> b: the opposite edge bows the other way.
    let offset = 0.12 * length + lh * (0.5 + k as f64);
    let control = (
        f64::midpoint(a.0, b.0) + dy / length * offset,
        f64::midpoint(a.1, b.1) - dx / length * offset,
    );
    let start = border(a, control, spec.node, 0.0);
    let end = border(b, control, spec.node, ARROW);
    let c1 = (
        start.0 + 2.0 / 3.0 * (control.0 - start.0),
        start.1 + 2.0 / 3.0 * (control.1 - start.1),
    );
    let c2 = (
        end.0 + 2.0 / 3.0 * (control.0 - end.0),
        end.1 + 2.0 / 3.0 * (control.1 - end.1),
    );
    let label = (
        0.25 * start.0 + 0.5 * control.0 + 0.25 * end.0,
        0.25 * start.1 + 0.5 * control.1 + 0.25 * end.1,
    );
    (vec![start, c1, c2, end], label)
}

/// Where the line from the centre `c` towards `to` leaves the node's box, `back` points
/// short of it.
fn border(c: (f64, f64), to: (f64, f64), (w, h): (f64, f64), back: f64) -> (f64, f64) {
    let (dx, dy) = (to.0 - c.0, to.1 - c.1);
    let length = dx.hypot(dy).max(1e-9);
    let t = (w / 2.0 / dx.abs().max(1e-9)).min(h / 2.0 / dy.abs().max(1e-9));
    let reach = (t * length + back) / length;
    (c.0 + dx * reach, c.1 + dy * reach)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::explorer::layout::layered;

    fn spec(nodes: usize, edges: &[(usize, usize)]) -> Spec {
        Spec {
            nodes,
            edges: edges.to_vec(),
            node: (170.0, 40.0),
            label: (26.0, 18.0),
        }
    }

    #[test]
    fn separate_pairs_are_packed_in_rows_not_one_column() {
        let pairs: Vec<(usize, usize)> = (0..10).map(|k| (2 * k, 2 * k + 1)).collect();
        let s = spec(20, &pairs);
        let parts = pieces(&s);
        assert_eq!(parts.len(), 10);
        let layouts: Vec<Layout> = parts.iter().map(|p| layered(&p.spec)).collect();
        let packed = pack(&s, &parts, &layouts);
        assert!(packed.w <= PAGE_WIDTH as i64, "{}", packed.w);
        assert!(
            packed.h < layered(&s).h / 2,
            "{} vs {}",
            packed.h,
            layered(&s).h
        );
        assert_eq!(packed.e.len(), 10);
    }

    #[test]
    fn a_ring_keeps_nodes_apart() {
        let s = Spec {
            nodes: 10,
            edges: (0..9).map(|k| (k, k + 1)).collect(),
            node: (210.0, 64.0),
            label: (150.0, 30.0),
        };
        let order: Vec<usize> = (0..10).collect();
        let r = ring(&s, &order);
        for a in 0..10 {
            for b in a + 1..10 {
                let (dx, dy) = ((r.n[a][0] - r.n[b][0]).abs(), (r.n[a][1] - r.n[b][1]).abs());
                assert!(dx >= 210 || dy >= 64, "nodes {a} and {b} overlap");
            }
        }
        assert!(fit(&r) > fit(&layered(&s)));
        // No label covers a node: each was moved clear of them.
        for e in &r.e {
            for n in &r.n {
                let (dx, dy) = ((e.l[0] - n[0]).abs(), (e.l[1] - n[1]).abs());
                assert!(
                    dx >= 180 || dy >= 47, // half the label's and the node's widths, heights
                    "{:?} covers {n:?}",
                    e.l
                );
            }
        }
    }
}
