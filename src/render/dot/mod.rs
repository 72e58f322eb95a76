//! Graphviz output: DOT built with graphviz-rust, and SVG/PNG drawn by the `dot` binary,
//! whose warnings are passed on as notes. The unit level is drawn by [`super::units`].

use std::io::Write;

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::PrinterContext;

use crate::view::palette::{self, Look};
use crate::view::scene::{scene, wrap, Level, Scene, View, NAME_WIDTH};
mod units;

pub use super::graphviz_run::{Drawing, Drawings};
use super::{Render, RenderError};
use crate::text::{dot_label, dot_lines, dot_quoted, ellipsis, TITLE_CHARS};
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
}

impl Graphviz {
    /// The diagram of `view` as `output`.
    pub fn new(output: GraphvizOutput, view: View) -> Graphviz {
        Graphviz { output, view }
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
        let text = source(report, &self.view, notes)?;
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

/// The graph `view` asks for; a focus that selects nothing is an error, a picture too
/// large to read gets a note.
pub fn graph(report: &Report, view: &View, notes: &mut Vec<String>) -> Result<Graph, RenderError> {
    if view.level == Level::Unit {
        return Ok(units::dot_graph(report, view));
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
    Ok(build(report, view, &scene))
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
        .map(|w| model.workflows[*w].id.as_str())
        .collect());
    let unit_ids = ids(view
        .units
        .iter()
        .map(|u| model.units[*u].id.as_str())
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
    notes: &mut Vec<String>,
) -> Result<String, RenderError> {
    let graph = graph(report, view, notes)?;
    Ok(graphviz_rust::print(graph, &mut PrinterContext::default()))
}

/// Renders each of `views` as SVG text through `dot`, for pages that inline them, while
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
        (source(report, view, &mut notes), notes)
    });
    super::graphviz_run::draw_all(sources, "svg", write)
}

fn id(s: &str) -> Id {
    Id::Plain(s.to_string())
}

/// A quoted DOT string.
pub fn text(s: &str) -> Id {
    Id::Escaped(dot_quoted(s))
}

/// A quoted DOT label, cut as [`crate::text::label_lines`] says.
fn label_text(s: &str) -> Id {
    Id::Escaped(dot_label(s))
}

/// `key=value`.
pub fn attr(key: &str, value: Id) -> Attribute {
    Attribute(id(key), value)
}

/// A plain (unquoted) DOT id or number.
pub fn plain(s: &str) -> Id {
    id(s)
}

fn node_id(system: usize) -> NodeId {
    NodeId(id(&format!("n{system}")), None)
}

/// An edge between two generated node ids.
pub fn edge(from: NodeId, to: NodeId, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(Vertex::N(from), Vertex::N(to)),
        attributes,
    })
}

/// The attributes every edge of `look` has: line, arrowhead, label colour.
pub fn look_attributes(look: Look, label: &str, tooltip: &str) -> Vec<Attribute> {
    vec![
        attr("label", label_text(label)),
        attr("style", text(look.dot_style())),
        attr("color", text(&look.dot_colour())),
        attr("fontcolor", text(look.text_colour())),
        attr("arrowhead", id(look.dot_arrowhead())),
        attr("penwidth", text(look.dot_width())),
        attr("tooltip", text(tooltip)),
    ]
}

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
            .map_or("no unit", |u| model.units[u].name.as_str());
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
            attr("shape", id(shape)),
            attr("style", text(style)),
            attr("fillcolor", text(fill)),
            attr("color", text(line)),
            attr("tooltip", text(&tooltip)),
        ],
    })
}

/// Graph-wide attributes: flowing `rankdir` (`LR`, `TB`), the title on top, sizes that
/// stay legible when the picture is scaled to a page or a projector.
pub fn header(title: &str, rankdir: &str) -> Vec<Stmt> {
    vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("rankdir", id(rankdir)),
            attr("fontname", text("Helvetica")),
            attr("label", text(&ellipsis(title, TITLE_CHARS))),
            attr("labelloc", id("t")),
            attr("labeljust", id("l")),
            attr("fontsize", id("22")),
            attr("nodesep", text("0.4")),
            attr("ranksep", text("0.9")),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", text("Helvetica")),
            attr("fontsize", id("14")),
            attr("margin", text("0.15,0.08")),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", text("Helvetica")),
            attr("fontsize", id("13")),
            attr("arrowsize", text("1.1")),
        ])),
    ]
}

/// A unit's cluster around `nodes`. Its title is a text node laid out like any other
/// (Graphviz places a cluster's own label without regard to edge labels, which then
/// print over it).
pub fn cluster(unit: usize, title: &str, nodes: Vec<Stmt>) -> Stmt {
    let mut stmts = vec![
        Stmt::Attribute(attr("label", text(""))),
        Stmt::Attribute(attr("style", text("rounded,filled"))),
        Stmt::Attribute(attr("fillcolor", text(palette::UNIT_FILL))),
        Stmt::Attribute(attr("color", text(palette::UNIT_LINE))),
        Stmt::Attribute(attr("margin", id("14"))),
        Stmt::Node(Node {
            id: NodeId(id(&format!("title_unit_{unit}")), None),
            attributes: vec![
                attr("label", label_text(title)),
                attr("shape", id("plaintext")),
                attr("fontname", text("Helvetica-Bold")),
                attr("fontsize", id("16")),
                attr("tooltip", text(title)),
            ],
        }),
    ];
    stmts.extend(nodes);
    Stmt::Subgraph(Subgraph {
        id: id(&format!("cluster_unit_{unit}")),
        stmts,
    })
}

fn build(report: &Report, view: &View, scene: &Scene) -> Graph {
    let model = report.model;
    let mut stmts = header(&title(report, view, scene), "LR");

    // One cluster per unit (in a unit view, per unit in focus), in file order; the rest
    // outside.
    for group in scene.unit_groups(model) {
        let nodes = group
            .systems
            .iter()
            .map(|s| system_node(report, scene, *s))
            .collect();
        stmts.push(cluster(group.unit, &group.title, nodes));
    }
    for s in scene.ungrouped(model) {
        stmts.push(system_node(report, scene, s));
    }

    for e in scene.edges(report) {
        stmts.push(edge(
            node_id(e.from),
            node_id(e.to),
            look_attributes(e.look, &e.lines.join("\n"), &e.tooltip),
        ));
    }

    let external = scene.has_external(model);
    let manual = scene.has_manual(model);
    let mut rows = vec![node_row(
        palette::SYSTEM_FILL,
        palette::SYSTEM_LINE,
        "system",
        "grouped by business unit",
    )];
    if manual {
        rows.push(node_row(
            palette::MANUAL_FILL,
            palette::MANUAL_LINE,
            "spreadsheet",
            "manual kind: spreadsheet, e-mail, paper, person",
        ));
    }
    if external {
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
    stmts.push(legend(&rows));
    Graph::DiGraph {
        id: id("gapgraph"),
        strict: false,
        stmts,
    }
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

/// A legend row: a sample, then what it means. Samples and meanings are our own words,
/// so the HTML-like label needs no escaping.
pub fn legend_row(sample: &str, meaning: &str) -> String {
    format!("<TR><TD ALIGN=\"LEFT\">{sample}</TD><TD ALIGN=\"LEFT\">{meaning}</TD></TR>")
}

/// The legend row of an edge look.
pub fn look_row(look: Look) -> String {
    look_row_saying(look, look.meaning())
}

/// The legend row of an edge look, with its meaning in this diagram's words.
pub fn look_row_saying(look: Look, meaning: &str) -> String {
    legend_row(
        &format!(
            "<FONT COLOR=\"{}\" POINT-SIZE=\"18\"><B>{}</B></FONT>",
            look.colour(),
            look.glyphs()
        ),
        meaning,
    )
}

/// The legend row of a node style.
pub fn node_row(fill: &str, border: &str, label: &str, meaning: &str) -> String {
    legend_row(
        &format!(
            "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLPADDING=\"3\" COLOR=\"{border}\" \
             BGCOLOR=\"{fill}\"><TR><TD>{label}</TD></TR></TABLE>"
        ),
        meaning,
    )
}

/// A small cluster explaining each visual the diagram uses, one row each: one
/// table-shaped node, so the key stays compact instead of spreading sample edges over the
/// layout.
pub fn legend(rows: &[String]) -> Stmt {
    let label = format!(
        "<<TABLE BORDER=\"0\" CELLSPACING=\"4\" CELLPADDING=\"1\">{}</TABLE>>",
        rows.concat()
    );
    Stmt::Subgraph(Subgraph {
        id: id("cluster_legend"),
        stmts: vec![
            Stmt::Attribute(attr("label", text("Legend"))),
            Stmt::Attribute(attr("fontsize", id("14"))),
            Stmt::Attribute(attr("style", text("rounded"))),
            Stmt::Attribute(attr("color", text(palette::UNIT_LINE))),
            Stmt::Node(Node {
                id: NodeId(id("legend"), None),
                attributes: vec![
                    attr("label", Id::Html(label)),
                    attr("shape", id("plaintext")),
                    attr("fontsize", id("13")),
                ],
            }),
        ],
    })
}
