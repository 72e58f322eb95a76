//! Graphviz output: DOT built with graphviz-rust, and SVG/PNG drawn by the `dot` binary,
//! whose warnings are passed on as notes. The unit level is drawn by [`units`], the pieces
//! both levels share (edges whose label is a node, the legend) are in [`parts`].

use std::io::Write;

use graphviz_rust::dot_structures::{Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph};
use graphviz_rust::printer::PrinterContext;

use crate::view::palette;
use crate::view::scene::{scene, wrap, Frame, Level, Scene, View, NAME_WIDTH};
mod parts;
mod units;

pub use super::graphviz_run::{Drawing, Drawings};
pub use parts::{attr, edge, plain, text, CHAR_WIDTH};
use parts::{
    label_text, labelled_edge, legend, legend_row, longest_line, look_row, node_row, width_for,
    LEAST_BOX_WIDTH,
};

use super::{Render, RenderError};
use crate::model::UnitIx;
use crate::text::{dot_lines, ellipsis, TITLE_CHARS};
use crate::view::Report;

/// Above this many systems a picture of single systems cannot be read on a page or a
/// projector (labels shrink below 6 pt when fitted); past it the user is told how to
/// draw less.
pub const READABLE_SYSTEMS: usize = 150;

/// What to try instead of one huge picture.
pub const FOCUS_HINT: &str = "draw less with `--level unit` (one node per business unit), \
     `--unit U` (one unit and its neighbours) or `--workflow W` (one workflow)";

/// Which graphviz output to produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphvizOutput {
    /// DOT source text.
    Source,
    /// SVG.
    Svg,
    /// PNG.
    Png,
}

/// Renders the diagram focused on a view through Graphviz in one output form.
pub struct Graphviz {
    output: GraphvizOutput,
    view: View,
    frame: Frame,
}

impl Graphviz {
    /// The diagram of `view` as `output`, on its own: titled, with a legend.
    pub fn new(output: GraphvizOutput, view: View) -> Graphviz {
        Graphviz {
            output,
            view,
            frame: Frame::Alone,
        }
    }
}

impl Render<Report<'_>> for Graphviz {
    fn render(&self, report: &Report, out: &mut dyn Write) -> Result<(), RenderError> {
        self.render_noting(report, out, &mut Vec::new())
    }

    fn render_noting(
        &self,
        report: &Report,
        out: &mut dyn Write,
        notes: &mut Vec<String>,
    ) -> Result<(), RenderError> {
        let text = source(report, &self.view, self.frame, notes)?;
        let format = match self.output {
            GraphvizOutput::Source => {
                out.write_all(text.as_bytes())?;
                out.write_all(b"\n")?;
                return Ok(());
            }
            GraphvizOutput::Svg => "svg",
            GraphvizOutput::Png => "png",
        };
        let bytes = super::graphviz_run::draw(&text, format, notes)?;
        out.write_all(&bytes)?;
        Ok(())
    }
}

/// The graph `view` asks for, framed as `frame` says; a focus that selects nothing is an
/// error, a picture too large to read gets a note.
pub fn graph(
    report: &Report,
    view: &View,
    frame: Frame,
    notes: &mut Vec<String>,
) -> Result<Graph, RenderError> {
    if view.level == Level::Unit {
        return Ok(units::dot_graph(report, view, frame));
    }
    let scene = scene(report, view);
    if view.is_focused() && scene.is_empty() {
        return Err(RenderError::EmptyFocus(empty_focus(report, view)));
    }
    if scene.systems.len() > READABLE_SYSTEMS {
        notes.push(format!(
            "hint: this diagram has {} systems, more than the {READABLE_SYSTEMS} that stay \
             readable in one picture; {FOCUS_HINT}",
            scene.systems.len()
        ));
    }
    Ok(build(report, view, &scene, frame))
}

/// Why a focus drew nothing, in the model's words.
pub fn empty_focus(report: &Report, view: &View) -> String {
    let model = report.model;
    let ids = |ids: Vec<&str>| {
        ids.iter()
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let workflows = ids(view
        .workflows
        .iter()
        .map(|w| model.workflow(*w).id.as_str())
        .collect());
    let unit_ids = ids(view
        .units
        .iter()
        .map(|u| model.unit(*u).id.as_str())
        .collect());
    let gaps = if view.gaps_only { "gap " } else { "" };
    let what = match (view.workflows.is_empty(), view.units.is_empty()) {
        (false, false) => {
            format!("no {gaps}handoff of workflow {workflows} has an end in unit {unit_ids}")
        }
        (false, true) => format!("workflow {workflows} has no {gaps}handoff"),
        (true, false) => format!("unit {unit_ids} has no system and no {gaps}handoff"),
        (true, true) => "the model has no gap".to_string(),
    };
    format!("nothing to draw: {what}")
}

/// The DOT text of `view`, as `dot` is given it; a focus that selects nothing is an error,
/// a picture too large to read gets a note.
pub fn source(
    report: &Report,
    view: &View,
    frame: Frame,
    notes: &mut Vec<String>,
) -> Result<String, RenderError> {
    let graph = graph(report, view, frame, notes)?;
    Ok(graphviz_rust::print(graph, &mut PrinterContext::default()))
}

/// Renders each of `views` as SVG text through `dot`, for a page that inlines them, captions
/// them and explains their looks once ([`Frame::InPage`]: no title, no legend), while
/// `write` writes the page: the maps are drawn side by side
/// ([`super::graphviz_run::draw_all`]), and `write` takes each, in order, as [`Graphviz`]
/// draws it alone, with its notes.
pub fn svgs<'v, R>(
    report: &Report,
    views: impl IntoIterator<Item = &'v View>,
    write: impl FnOnce(&mut Drawings) -> R,
) -> R {
    let sources = views.into_iter().map(|view| {
        let mut notes = Vec::new();
        (source(report, view, Frame::InPage, &mut notes), notes)
    });
    super::graphviz_run::draw_all(sources, "svg", write)
}

fn node_id(system: usize) -> NodeId {
    NodeId(plain(&format!("n{system}")), None)
}

/// The size of a system's name, in points.
const NODE_FONT_SIZE: f64 = 14.0;
/// The room around a system's name, in inches (across, along).
const NODE_MARGIN: (f64, f64) = (0.15, 0.08);

fn system_node(report: &Report, scene: &Scene, s: usize) -> Stmt {
    let model = report.model;
    let system = &model.systems[s];
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

/// Graph-wide attributes: flowing `rankdir` (`LR`, `TB`), the title on top (none in a
/// page, which has its own heading), sizes that stay legible when the picture is scaled to
/// a page or a projector.
pub fn header(title: &str, rankdir: &str, frame: Frame) -> Vec<Stmt> {
    let mut graph = vec![
        attr("rankdir", plain(rankdir)),
        attr("fontname", text("Helvetica")),
    ];
    if frame == Frame::Alone {
        graph.extend([
            attr("label", text(&ellipsis(title, TITLE_CHARS))),
            attr("labelloc", plain("t")),
            attr("labeljust", plain("l")),
            attr("fontsize", plain("22")),
        ]);
    }
    graph.extend([attr("nodesep", text("0.4")), attr("ranksep", text("0.9"))]);
    vec![
        Stmt::GAttribute(GraphAttributes::Graph(graph)),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", text("Helvetica")),
            attr("fontsize", plain("14")),
            attr(
                "margin",
                text(&format!("{},{}", NODE_MARGIN.0, NODE_MARGIN.1)),
            ),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![attr("arrowsize", text("1.1"))])),
    ]
}

/// The size of a unit box's title, in points.
const TITLE_FONT_SIZE: f64 = 16.0;

/// A unit's cluster around `nodes`. Its title is a text node laid out like any other
/// (Graphviz places a cluster's own label without regard to edge labels, which then
/// print over it); `dot` may lose the box (`graphviz_run` draws the map again without unit
/// boxes when it cannot lay them out), and then drops the title with it.
pub fn cluster(unit: UnitIx, title: &str, nodes: Vec<Stmt>) -> Stmt {
    let mut stmts = vec![
        Stmt::Attribute(attr("label", text(""))),
        Stmt::Attribute(attr("style", text("rounded,filled"))),
        Stmt::Attribute(attr("fillcolor", text(palette::UNIT_FILL))),
        Stmt::Attribute(attr("color", text(palette::UNIT_LINE))),
        Stmt::Attribute(attr("margin", plain("14"))),
        Stmt::Node(Node {
            id: NodeId(plain(&format!("title_unit_{}", unit.index())), None),
            attributes: vec![
                attr("label", label_text(title)),
                attr("shape", plain("plaintext")),
                attr("fontname", text("Helvetica-Bold")),
                attr("fontsize", plain("16")),
                width_for(longest_line(&[title]), TITLE_FONT_SIZE, 0.06, 0.0),
                attr("tooltip", text(title)),
            ],
        }),
    ];
    stmts.extend(nodes);
    Stmt::Subgraph(Subgraph {
        id: plain(&format!("cluster_unit_{}", unit.index())),
        stmts,
    })
}

fn build(report: &Report, view: &View, scene: &Scene, frame: Frame) -> Graph {
    let model = report.model;
    let mut stmts = header(&title(report, view, scene), "LR", frame);
    let groups = scene.unit_groups(model);
    // The unit box each system is drawn in, by position in `groups`.
    let mut group_of = std::collections::HashMap::new();
    for (k, group) in groups.iter().enumerate() {
        for s in &group.systems {
            group_of.insert(*s, k);
        }
    }
    // An edge's label goes in the box both its ends are in, else outside every box.
    let mut inside: Vec<Vec<Stmt>> = groups
        .iter()
        .map(|g| {
            g.systems
                .iter()
                .map(|s| system_node(report, scene, *s))
                .collect()
        })
        .collect();
    let mut outside: Vec<Stmt> = scene
        .ungrouped(model)
        .map(|s| system_node(report, scene, s))
        .collect();
    let mut edges = Vec::new();
    for (key, e) in scene.edges(report).into_iter().enumerate() {
        let drawn = labelled_edge(
            key,
            (node_id(e.from), node_id(e.to)),
            e.look,
            &e.lines,
            &e.tooltip,
            None,
        );
        if let Some(label) = drawn.label {
            match (group_of.get(&e.from), group_of.get(&e.to)) {
                (Some(a), Some(b)) if a == b => inside[*a].push(label),
                _ => outside.push(label),
            }
        }
        edges.extend(drawn.edges);
    }
    // One cluster per unit (in a unit view, per unit in focus), in file order; the rest
    // outside.
    for (group, nodes) in groups.iter().zip(inside) {
        stmts.push(cluster(group.unit, &group.title, nodes));
    }
    stmts.extend(outside);
    stmts.extend(edges);
    if frame == Frame::Alone {
        stmts.push(legend(&legend_rows(report, scene)));
    }
    Graph::DiGraph {
        id: plain("gapgraph"),
        strict: false,
        stmts,
    }
}

/// The legend's rows: the boxes and the looks the scene draws.
fn legend_rows(report: &Report, scene: &Scene) -> Vec<String> {
    let model = report.model;
    let mut rows = vec![node_row(
        palette::SYSTEM_FILL,
        palette::SYSTEM_LINE,
        "system",
        super::graphviz_run::GROUPED,
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

/// A diagram's title: the model, the focus, the strategy and the fixes marked.
pub fn diagram_title(report: &Report, focus: &str, ranks: &[usize]) -> String {
    let name = report.analysis.model_name.as_deref().unwrap_or("gapgraph");
    let strategy = match &report.analysis.strategy {
        Some(s) => format!("strategy {}", s.name),
        None => "no strategy".to_string(),
    };
    let fixes = match ranks {
        [] => "no fix marked".to_string(),
        [one] => format!("fix #{one} marked"),
        many => format!(
            "fixes {} marked",
            many.iter()
                .map(|r| format!("#{r}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    format!("{name}: {focus} \u{b7} {strategy} \u{b7} {fixes}")
}
