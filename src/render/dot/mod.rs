//! Graphviz output: DOT built with graphviz-rust, and SVG/PNG drawn by the `dot` binary,
//! whose warnings are passed on as notes. The system level is drawn by `systems.rs`, the
//! unit level by `units.rs`, the pieces both levels share (edges whose label is a node, the
//! legend) are in `parts.rs`; both make their statements one at a time into a sink
//! (`stream.rs`), which prints each as it comes (a map of the whole estate is written
//! without being held) or gathers them into one graph.

use std::io::Write;

use graphviz_rust::dot_structures::{Graph, GraphAttributes, Id, Node, NodeId, Stmt};

use crate::view::palette;
use crate::view::scene::{scene, Frame, Level, View};
mod parts;
mod stream;
mod systems;
mod units;

pub use super::graphviz_run::{Drawing, Drawings};
pub use parts::{attr, edge, plain, text, CHAR_WIDTH};
use parts::{label_text, longest_line, width_for};
use stream::{DotWriter, GraphSink, Sink};

use super::{Render, RenderError};
use crate::model::UnitIx;
use crate::text::{ellipsis, TITLE_CHARS};
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
    /// DOT source is written as it is made: it fails, if at all, before the first byte
    /// (a focus with nothing to draw). SVG and PNG wait for `dot`.
    fn streams(&self) -> bool {
        self.output == GraphvizOutput::Source
    }

    fn render(&self, report: &Report, out: &mut dyn Write) -> Result<(), RenderError> {
        self.render_noting(report, out, &mut Vec::new())
    }

    fn render_noting(
        &self,
        report: &Report,
        out: &mut dyn Write,
        notes: &mut Vec<String>,
    ) -> Result<(), RenderError> {
        let format = match self.output {
            GraphvizOutput::Source => {
                write_source(report, &self.view, self.frame, notes, out)?;
                out.write_all(b"\n")?;
                return Ok(());
            }
            GraphvizOutput::Svg => "svg",
            GraphvizOutput::Png => "png",
        };
        let text = source(report, &self.view, self.frame, notes)?;
        let bytes = super::graphviz_run::draw(&text, format, notes)?;
        out.write_all(&bytes)?;
        Ok(())
    }
}

/// The graph `view` asks for, framed as `frame` says, as one graphviz-rust `Graph`; a
/// focus that selects nothing is an error, a picture too large to read gets a note.
/// [`write_source`] prints the same graph without holding it.
pub fn graph(
    report: &Report,
    view: &View,
    frame: Frame,
    notes: &mut Vec<String>,
) -> Result<Graph, RenderError> {
    let mut sink = GraphSink::default();
    draw(report, view, frame, notes, &mut sink)?;
    Ok(sink.into_graph(plain(GRAPH_ID)))
}

/// The name of every diagram's `digraph`.
const GRAPH_ID: &str = "gapgraph";

/// Makes the statements of the graph `view` asks for into `sink`, one at a time; a focus
/// that selects nothing is an error before any statement is made, a picture too large to
/// read gets a note.
fn draw(
    report: &Report,
    view: &View,
    frame: Frame,
    notes: &mut Vec<String>,
    sink: &mut dyn Sink,
) -> Result<(), RenderError> {
    if view.level == Level::Unit {
        for stmt in units::dot_stmts(report, view, frame) {
            sink.stmt(stmt)?;
        }
        return Ok(());
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
    systems::draw(report, view, &scene, frame, sink)?;
    Ok(())
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

/// Writes the DOT text of `view` to `out` statement by statement, as
/// `graphviz_rust::print` prints [`graph`] (without a final line break), never holding
/// the whole graph or text; a focus that selects nothing is an error before anything is
/// written, a picture too large to read gets a note.
pub fn write_source(
    report: &Report,
    view: &View,
    frame: Frame,
    notes: &mut Vec<String>,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    let mut writer = DotWriter::new(out, &plain(GRAPH_ID));
    draw(report, view, frame, notes, &mut writer)?;
    writer.finish()?;
    Ok(())
}

/// The DOT text of `view`, as `dot` is given it; a focus that selects nothing is an error,
/// a picture too large to read gets a note.
pub fn source(
    report: &Report,
    view: &View,
    frame: Frame,
    notes: &mut Vec<String>,
) -> Result<String, RenderError> {
    let mut bytes = Vec::new();
    write_source(report, view, frame, notes, &mut bytes)?;
    Ok(String::from_utf8(bytes).expect("DOT is printed from Rust strings"))
}

/// Renders each of `views` as SVG text through `dot`, for a page that inlines them, captions
/// them and explains their looks once ([`Frame::InPage`]: no title, no legend), while
/// `write` writes the page: the maps are drawn side by side
/// (`graphviz_run::draw_all`), and `write` takes each, in order, as [`Graphviz`]
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

/// The size of a system's name, in points.
const NODE_FONT_SIZE: f64 = 14.0;
/// The room around a system's name, in inches (across, along).
const NODE_MARGIN: (f64, f64) = (0.15, 0.08);

/// The size of a unit box's title, in points.
const TITLE_FONT_SIZE: f64 = 16.0;

/// The id of unit `unit`'s cluster.
fn cluster_id(unit: UnitIx) -> Id {
    plain(&format!("cluster_unit_{}", unit.index()))
}

/// The first statements of a unit's cluster, before its nodes. Its title is a text node
/// laid out like any other (Graphviz places a cluster's own label without regard to edge
/// labels, which then print over it); `dot` may lose the box (`graphviz_run` draws the map
/// again without unit boxes when it cannot lay them out), and then drops the title with
/// it.
fn cluster_head(unit: UnitIx, title: &str) -> Vec<Stmt> {
    vec![
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
    ]
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
