//! The system level of the Graphviz diagram (`diagram`, the default level): one node per
//! system, grouped in a box per business unit, one edge per integration, gap and fix
//! marked, made statement by statement into a [`Sink`].

use std::io;

use graphviz_rust::dot_structures::{Id, Node, NodeId, Stmt};

use super::parts::{
    attr, labelled_edge, legend, legend_row, longest_line, look_row, node_row, plain, text,
    width_for, LabelledEdge, LEAST_BOX_WIDTH,
};
use super::stream::Sink;
use super::{cluster_head, cluster_id, diagram_title, header, NODE_FONT_SIZE, NODE_MARGIN};
use crate::model::{Model, SystemIx};
use crate::text::dot_lines;
use crate::view::palette;
use crate::view::scene::{wrap, Frame, Scene, UnitGroup, View, NAME_WIDTH};
use crate::view::Report;

/// Draws the system level of `scene` into `sink`, in the order the DOT lists it: the
/// header, one box per unit with its systems and the labels of the edges inside it, the
/// systems and labels outside every box, every edge, the legend. Each statement goes to
/// `sink` as it is made: the edges are made once for their label and again for their
/// lines, instead of being held.
pub fn draw(
    report: &Report,
    view: &View,
    scene: &Scene,
    frame: Frame,
    sink: &mut dyn Sink,
) -> io::Result<()> {
    let model = report.model;
    for stmt in header(&title(report, view, scene), "LR", frame) {
        sink.stmt(stmt)?;
    }
    let groups = scene.unit_groups(model);
    let (inside, outside) = label_places(model, scene, &groups);
    // One cluster per unit (in a unit view, per unit in focus), in file order; the rest
    // outside.
    for (group, keys) in groups.iter().zip(&inside) {
        sink.open(cluster_id(group.unit))?;
        for stmt in cluster_head(group.unit, &group.title) {
            sink.stmt(stmt)?;
        }
        for s in &group.systems {
            sink.stmt(system_node(report, scene, *s))?;
        }
        labels(report, scene, keys, sink)?;
        sink.close()?;
    }
    for s in scene.ungrouped(model) {
        sink.stmt(system_node(report, scene, s))?;
    }
    labels(report, scene, &outside, sink)?;
    for key in 0..scene.edge_count() {
        for stmt in drawn_edge(report, scene, key).edges {
            sink.stmt(stmt)?;
        }
    }
    if frame == Frame::Alone {
        sink.stmt(legend(&legend_rows(report, scene)))?;
    }
    Ok(())
}

/// Where each edge's label goes, by key: in the box both its ends are in (one list per
/// group), else outside every box.
fn label_places(
    model: &Model,
    scene: &Scene,
    groups: &[UnitGroup],
) -> (Vec<Vec<usize>>, Vec<usize>) {
    // The unit box each system is drawn in, by position in `groups`.
    let mut group_of = vec![None; model.systems.len()];
    for (k, group) in groups.iter().enumerate() {
        for s in &group.systems {
            group_of[s.index()] = Some(k);
        }
    }
    let mut inside = vec![Vec::new(); groups.len()];
    let mut outside = Vec::new();
    for key in 0..scene.edge_count() {
        let (from, to) = scene.edge_ends(model, key);
        match (group_of[from.index()], group_of[to.index()]) {
            (Some(a), Some(b)) if a == b => inside[a].push(key),
            _ => outside.push(key),
        }
    }
    (inside, outside)
}

/// The label nodes of the edges at `keys` (those that have a label).
fn labels(report: &Report, scene: &Scene, keys: &[usize], sink: &mut dyn Sink) -> io::Result<()> {
    for &key in keys {
        if let Some(label) = drawn_edge(report, scene, key).label {
            sink.stmt(label)?;
        }
    }
    Ok(())
}

/// The edge at `key` as DOT: its label node, if it has one, and its line or two halves.
fn drawn_edge(report: &Report, scene: &Scene, key: usize) -> LabelledEdge {
    let e = scene.edge(report, key);
    labelled_edge(
        key,
        (node_id(e.from), node_id(e.to)),
        e.look,
        &e.lines,
        &e.tooltip,
        None,
    )
}

fn node_id(system: SystemIx) -> NodeId {
    NodeId(plain(&format!("n{}", system.index())), None)
}

fn system_node(report: &Report, scene: &Scene, s: SystemIx) -> Stmt {
    let model = report.model;
    let system = model.system(s);
    let mut lines = wrap(&system.name, NAME_WIDTH);
    let manual = system.kind.is_manual();
    if manual || system.kind != crate::model::SystemKind::Application {
        lines.push(format!("({})", system.kind.as_str()));
    }
    let external = scene.is_external(model, s);
    if external {
        let unit = system
            .unit
            .map_or("no unit", |u| model.unit(u).name.as_str());
        lines.push(format!("[{unit}]"));
    }
    let mut tooltip = format!("{} [{}], {}", system.name, system.id, system.kind.as_str());
    if let Some(owner) = &system.owner {
        tooltip.push_str(&format!(", owner {owner}"));
    }
    let (shape, fill, line, style) = if manual {
        ("note", palette::MANUAL_FILL, palette::MANUAL_LINE, "filled")
    } else if external {
        (
            "box",
            palette::EXTERNAL_FILL,
            palette::EXTERNAL_LINE,
            "rounded,dashed,filled",
        )
    } else {
        (
            "box",
            palette::SYSTEM_FILL,
            palette::SYSTEM_LINE,
            "rounded,filled",
        )
    };
    Stmt::Node(Node {
        id: node_id(s),
        attributes: vec![
            attr("label", Id::Escaped(dot_lines(&lines))),
            attr("shape", plain(shape)),
            attr("style", text(style)),
            attr("fillcolor", text(fill)),
            attr("color", text(line)),
            width_for(
                longest_line(&lines),
                NODE_FONT_SIZE,
                NODE_MARGIN.0,
                LEAST_BOX_WIDTH,
            ),
            attr("tooltip", text(&tooltip)),
        ],
    })
}

/// The legend's rows: the boxes and the looks the scene draws.
fn legend_rows(report: &Report, scene: &Scene) -> Vec<String> {
    let model = report.model;
    let mut rows = vec![node_row(
        palette::SYSTEM_FILL,
        palette::SYSTEM_LINE,
        "system",
        crate::render::graphviz_run::GROUPED,
    )];
    if scene.has_manual(model) {
        rows.push(node_row(
            palette::MANUAL_FILL,
            palette::MANUAL_LINE,
            "spreadsheet",
            "manual kind: spreadsheet, e-mail, paper, person",
        ));
    }
    if scene.has_external(model) {
        rows.push(node_row(
            palette::EXTERNAL_FILL,
            palette::EXTERNAL_LINE,
            "[other unit]",
            "outside the unit in focus",
        ));
    }
    rows.extend(scene.looks(report).into_iter().map(look_row));
    if !scene.steps.is_empty() || scene.missing.iter().any(|m| !m.steps.is_empty()) {
        rows.push(legend_row("step N", "the workflow's handoff number"));
    }
    rows
}

/// "Render fixture: workflow Quote to cash · strategy Growth first · fixes #1, #3 marked".
fn title(report: &Report, view: &View, scene: &Scene) -> String {
    let ranks: Vec<usize> = scene.fixes.iter().map(|f| f.rank).collect();
    diagram_title(report, &view.describe(report.model), &ranks)
}
