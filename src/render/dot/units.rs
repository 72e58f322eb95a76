//! The unit level (`diagram --level unit`) as a Graphviz graph: the scene the view stage
//! computed (`view::units`), drawn with the same looks as the system level.

use graphviz_rust::dot_structures::{Id, Node, NodeId, Stmt};

use super::parts::{
    attr, labelled_edge, legend, legend_row, longest_line, look_row_saying, node_row, plain, text,
    width_for, LabelledEdge, LEAST_BOX_WIDTH,
};
use super::{diagram_title, header};
use crate::text::dot_lines;
use crate::view::palette;
use crate::view::scene::{short_list, Frame, View, LABEL_ITEMS};
use crate::view::units::{
    edge_lines, looks, max_hours, node_lines, node_name, scene_title, unit_meaning, unit_scene,
    width, UnitScene,
};
use crate::view::Report;

/// The statements of the unit level's graph (one node per unit: a few hundred at most),
/// framed as `frame` says.
pub fn dot_stmts(report: &Report, view: &View, frame: Frame) -> Vec<Stmt> {
    let scene = unit_scene(report, view.top);
    // Top to bottom: units often hand work on in a chain, which left to right would draw
    // as one strip too wide for any page.
    let mut stmts = header(
        &diagram_title(report, "unit overview", &scene.ranks()),
        "TB",
        frame,
    );
    unit_nodes(report, &scene, &mut stmts);
    let max = max_hours(&scene);
    let mut edges = gap_edges(report, &scene, max);
    edges.extend(fix_edges(report, &scene, edges.len()));
    for drawn in edges {
        stmts.extend(drawn.label);
        stmts.extend(drawn.edges);
    }
    if frame == Frame::Alone {
        stmts.push(legend(&legend_rows(&scene, max)));
    }
    stmts
}

/// One box per unit (and one for the systems of no unit).
fn unit_nodes(report: &Report, scene: &UnitScene, stmts: &mut Vec<Stmt>) {
    for node in &scene.nodes {
        let lines = node_lines(report, node);
        let (fill, line) = if node.unit.is_some() {
            (palette::SYSTEM_FILL, palette::SYSTEM_LINE)
        } else {
            (palette::EXTERNAL_FILL, palette::EXTERNAL_LINE)
        };
        stmts.push(Stmt::Node(Node {
            id: NodeId(plain(&node_name(node.unit)), None),
            attributes: vec![
                attr("label", Id::Escaped(dot_lines(&lines))),
                attr("shape", plain("box")),
                attr("style", text("rounded,filled")),
                attr("fillcolor", text(fill)),
                attr("color", text(line)),
                attr("penwidth", text("1.5")),
                attr("fontsize", plain("16")),
                attr("margin", text("0.25,0.12")),
                width_for(longest_line(&lines), 16.0, 0.25, LEAST_BOX_WIDTH),
            ],
        }));
    }
}

/// The gaps between two units, one edge per pair, thicker for more gap hours.
fn gap_edges(report: &Report, scene: &UnitScene, max: f64) -> Vec<LabelledEdge> {
    let mut drawn = Vec::new();
    for (key, e) in scene.edges.iter().enumerate() {
        let look = e.tally.look();
        let lines = edge_lines(report, &e.tally);
        let tooltip = format!(
            "{} \u{2192} {}: {}; {} h a year",
            scene_title(scene, e.from),
            scene_title(scene, e.to),
            e.tally.counts(),
            e.tally.annual_hours
        );
        drawn.push(labelled_edge(
            key,
            (
                NodeId(plain(&node_name(e.from)), None),
                NodeId(plain(&node_name(e.to)), None),
            ),
            look,
            &lines,
            &tooltip,
            Some(format!("{:.2}", width(&e.tally, max))),
        ));
    }
    drawn
}

/// The fixes proposed between units; their label nodes are numbered from `first`.
fn fix_edges(report: &Report, scene: &UnitScene, first: usize) -> Vec<LabelledEdge> {
    let cur = report.currency();
    let mut drawn = Vec::new();
    for (key, f) in (first..).zip(&scene.fixes) {
        let mark = &f.fix;
        let lines = [
            mark.headline(),
            short_list(&mark.carries, LABEL_ITEMS),
            mark.money_line(cur),
        ];
        let tooltip = format!(
            "fix #{} {} ({}, {})",
            mark.rank,
            mark.name,
            mark.id,
            mark.action.as_str()
        );
        drawn.push(labelled_edge(
            key,
            (
                NodeId(plain(&node_name(f.from)), None),
                NodeId(plain(&node_name(f.to)), None),
            ),
            mark.look(),
            &lines,
            &tooltip,
            None,
        ));
    }
    drawn
}

/// The legend's rows: the boxes, the looks of the edges drawn and the thickness.
fn legend_rows(scene: &UnitScene, max: f64) -> Vec<String> {
    let mut rows = vec![node_row(
        palette::SYSTEM_FILL,
        palette::SYSTEM_LINE,
        "unit",
        "a business unit: its systems and the gaps inside it",
    )];
    if scene.nodes.iter().any(|n| n.unit.is_none()) {
        rows.push(node_row(
            palette::EXTERNAL_FILL,
            palette::EXTERNAL_LINE,
            "no unit",
            "systems that belong to no unit",
        ));
    }
    rows.extend(
        looks(scene)
            .into_iter()
            .map(|look| look_row_saying(look, unit_meaning(look))),
    );
    if max > 0.0 {
        rows.push(legend_row(
            "thicker",
            "more gap hours a year between the units",
        ));
    }
    rows
}
