//! The explorer's maps: the unit overview, each unit's systems and each workflow's
//! handoff chain, as graphs the renderer lays out. Large ones are cut to what can be read,
//! and the unit says what its map leaves out.

use std::collections::HashMap;

use super::build::status_code;
use super::{
    EdgeView, Graph, SystemView, UnitView, WorkflowView, MAX_MAP_HANDOFFS, MAX_MAP_SYSTEMS,
    MAX_MAP_UNITS,
};
use crate::analysis::{Analysis, HandoffResult};
use crate::text::count;

/// Every map, the overview first; units and workflows are given theirs.
pub(super) fn maps(
    base: &Analysis,
    systems: &[SystemView],
    units: &mut [UnitView],
    workflows: &mut [WorkflowView],
    left_out: &mut Vec<String>,
) -> Vec<Graph> {
    let mut graphs = vec![overview(base, systems, units, left_out)];
    for (u, unit) in units.iter_mut().enumerate() {
        match unit_map(base, systems, unit, u) {
            Some((graph, note)) => {
                unit.map = Some(graphs.len());
                unit.map_note = note;
                graphs.push(graph);
            }
            None if !unit.systems.is_empty() => {
                unit.map_note = Some(
                    "No handoff runs between two of this unit's systems, so it has no map."
                        .to_string(),
                );
            }
            None => {}
        }
    }
    let mut long = 0;
    for workflow in workflows.iter_mut() {
        if workflow.handoffs.len() > MAX_MAP_HANDOFFS {
            long += 1;
        } else if !workflow.handoffs.is_empty() {
            workflow.map = Some(graphs.len());
            graphs.push(workflow_map(workflow));
        }
    }
    if long > 0 {
        left_out.push(format!(
            "{} workflow{} more than {MAX_MAP_HANDOFFS} handoffs: listed, not drawn.",
            count(long),
            if long == 1 { " has" } else { "s have" }
        ));
    }
    graphs
}

/// Sums handoffs into edges between node positions, in order of first handoff.
#[derive(Default)]
struct Edges {
    edges: Vec<EdgeView>,
    at: HashMap<(usize, usize), usize>,
}

impl Edges {
    fn add(&mut self, from: usize, to: usize, h: &HandoffResult) {
        let edges = &mut self.edges;
        let k = *self.at.entry((from, to)).or_insert_with(|| {
            edges.push(EdgeView {
                from,
                to,
                status: 0,
                handoffs: 0,
                gaps: 0,
                cost: 0.0,
                handoff: None,
            });
            edges.len() - 1
        });
        let edge = &mut edges[k];
        edge.status = edge.status.max(status_code(h.status));
        edge.handoffs += 1;
        if h.status.is_gap() {
            edge.gaps += 1;
            edge.cost += h.annual_cost;
        }
    }
}

/// The units with systems as nodes (the costliest [`MAX_MAP_UNITS`]), the handoffs
/// between two of them summed into one edge.
fn overview(
    base: &Analysis,
    systems: &[SystemView],
    units: &[UnitView],
    left_out: &mut Vec<String>,
) -> Graph {
    let mut nodes: Vec<usize> = (0..units.len())
        .filter(|&u| !units[u].systems.is_empty())
        .collect();
    if nodes.len() > MAX_MAP_UNITS {
        left_out.push(format!(
            "The overview map draws the {MAX_MAP_UNITS} units with the costliest gaps of {}; \
             the list beside it has them all.",
            count(nodes.len())
        ));
        nodes.sort_by(|a, b| {
            units[*b]
                .tally
                .cost
                .total_cmp(&units[*a].tally.cost)
                .then(a.cmp(b))
        });
        nodes.truncate(MAX_MAP_UNITS);
        nodes.sort_unstable();
    }
    let mut position = vec![None; units.len()];
    for (k, &u) in nodes.iter().enumerate() {
        position[u] = Some(k);
    }
    let mut edges = Edges::default();
    for h in &base.handoffs {
        let ends = (systems[h.from.index()].unit, systems[h.to.index()].unit);
        if let (Some(a), Some(b)) = ends {
            if let (Some(from), Some(to), true) = (position[a], position[b], a != b) {
                edges.add(from, to, h);
            }
        }
    }
    Graph {
        kind: "units",
        nodes,
        edges: edges.edges,
    }
}

/// A unit's map: the handoffs between two of its systems, summed per pair, drawn from
/// the costliest pair down until [`MAX_MAP_SYSTEMS`] systems are on it (systems with no
/// handoff inside the unit are listed, not drawn); `None` when no handoff stays inside
/// the unit. With what it leaves out.
fn unit_map(
    base: &Analysis,
    systems: &[SystemView],
    unit: &UnitView,
    u: usize,
) -> Option<(Graph, Option<String>)> {
    // Every pair inside the unit, by system index, in order of first handoff.
    let mut all = Edges::default();
    for h in &base.handoffs {
        if systems[h.from.index()].unit == Some(u) && systems[h.to.index()].unit == Some(u) {
            all.add(h.from.index(), h.to.index(), h);
        }
    }
    if all.edges.is_empty() {
        return None;
    }
    let mut pairs: Vec<usize> = (0..all.edges.len()).collect();
    pairs.sort_by(|a, b| {
        let (ea, eb) = (&all.edges[*a], &all.edges[*b]);
        eb.cost
            .total_cmp(&ea.cost)
            .then(eb.handoffs.cmp(&ea.handoffs))
            .then(a.cmp(b))
    });
    let mut drawn: Vec<usize> = Vec::new();
    for &k in &pairs {
        let e = &all.edges[k];
        let new = [e.from, e.to].iter().filter(|s| !drawn.contains(s)).count();
        if drawn.len() + new > MAX_MAP_SYSTEMS {
            continue;
        }
        for s in [e.from, e.to] {
            if !drawn.contains(&s) {
                drawn.push(s);
            }
        }
    }
    drawn.sort_unstable();
    let ends = {
        let mut ends: Vec<usize> = all.edges.iter().flat_map(|e| [e.from, e.to]).collect();
        ends.sort_unstable();
        ends.dedup();
        ends.len()
    };
    let position: HashMap<usize, usize> = drawn.iter().enumerate().map(|(k, &s)| (s, k)).collect();
    let edges = all
        .edges
        .into_iter()
        .filter_map(|e| {
            let (from, to) = (*position.get(&e.from)?, *position.get(&e.to)?);
            Some(EdgeView { from, to, ..e })
        })
        .collect();
    let inside = unit.systems.len();
    let note = if drawn.len() < ends {
        let focus = if unit.id.is_empty() {
            String::new()
        } else {
            format!(" --unit {}", unit.id)
        };
        Some(format!(
            "The map draws {} of the unit's {} systems: the ends of its costliest handoffs \
             between two of them (at most {MAX_MAP_SYSTEMS}); the lists below hold every one. \
             Every handoff of the unit in one drawing: \
             `gapgraph diagram MODEL{focus} --gaps-only --format svg`.",
            count(drawn.len()),
            count(inside)
        ))
    } else if drawn.len() < inside {
        let rest = inside - drawn.len();
        Some(format!(
            "{} of the unit's systems {} no handoff with another of its systems: listed \
             below, not drawn.",
            count(rest),
            if rest == 1 { "has" } else { "have" }
        ))
    } else {
        None
    };
    Some((
        Graph {
            kind: "unit",
            nodes: drawn,
            edges,
        },
        note,
    ))
}

/// A workflow's systems (in order of first mention) and one edge per handoff.
fn workflow_map(workflow: &WorkflowView) -> Graph {
    let mut nodes: Vec<usize> = Vec::new();
    let mut position: HashMap<usize, usize> = HashMap::new();
    let mut at = |s: usize, nodes: &mut Vec<usize>| {
        *position.entry(s).or_insert_with(|| {
            nodes.push(s);
            nodes.len() - 1
        })
    };
    let edges = workflow
        .handoffs
        .iter()
        .enumerate()
        .map(|(k, h)| {
            let from = at(h.from, &mut nodes);
            let to = at(h.to, &mut nodes);
            let gap = h.status > 0;
            EdgeView {
                from,
                to,
                status: h.status,
                handoffs: 1,
                gaps: usize::from(gap),
                cost: if gap { h.cost } else { 0.0 },
                handoff: Some(k),
            }
        })
        .collect();
    Graph {
        kind: "workflow",
        nodes,
        edges,
    }
}
