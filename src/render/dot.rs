//! Graphviz output: DOT built with graphviz-rust, and SVG/PNG drawn by the `dot` binary.

use std::io::Write;

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::PrinterContext;

use super::view::{effective_mode, scene, short_list, wrap, Scene, View, LABEL_ITEMS, NAME_WIDTH};
use super::{hours, minutes, Render, RenderError, Report};
use crate::model::Mode;
use crate::text::{dot_label, dot_lines, dot_quoted, ellipsis, TITLE_CHARS};

/// Colours shared by every diagram format (DOT, Mermaid, HTML).
pub mod palette {
    /// Automated integrations.
    pub const AUTOMATED: &str = "#2b6cb0";
    /// Semi-automated integrations.
    pub const SEMI: &str = "#b7791f";
    /// Manual integrations, and gaps.
    pub const GAP: &str = "#c53030";
    /// Fixes.
    pub const FIX: &str = "#2f855a";
    /// Fill of ordinary systems.
    pub const SYSTEM_FILL: &str = "#ebf8ff";
    /// Border of ordinary systems.
    pub const SYSTEM_LINE: &str = "#2c5282";
    /// Fill of manual-kind systems.
    pub const MANUAL_FILL: &str = "#fefcbf";
    /// Border of manual-kind systems.
    pub const MANUAL_LINE: &str = "#975a16";
    /// Unit cluster fill.
    pub const UNIT_FILL: &str = "#f7fafc";
}

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
        let scene = scene(report, &self.view);
        let graph = build(report, &scene);
        let format = match self.output {
            GraphvizOutput::Source => {
                let text = graphviz_rust::print(graph, &mut PrinterContext::default());
                out.write_all(text.as_bytes())?;
                out.write_all(b"\n")?;
                return Ok(());
            }
            GraphvizOutput::Svg => "svg",
            GraphvizOutput::Png => "png",
        };
        let bytes = super::graphviz_run::draw(graph, format)?;
        out.write_all(&bytes)?;
        Ok(())
    }
}

/// Renders the scene of `view` as SVG text through `dot`, for pages that inline it.
pub fn svg(report: &Report, view: &View) -> Result<Vec<u8>, RenderError> {
    let mut buffer = Vec::new();
    Graphviz::new(GraphvizOutput::Svg, view.clone()).render(report, &mut buffer)?;
    Ok(buffer)
}

fn id(s: &str) -> Id {
    Id::Plain(s.to_string())
}

fn text(s: &str) -> Id {
    Id::Escaped(dot_quoted(s))
}

fn label_text(s: &str) -> Id {
    Id::Escaped(dot_label(s))
}

fn attr(key: &str, value: Id) -> Attribute {
    Attribute(id(key), value)
}

fn node_id(system: usize) -> NodeId {
    NodeId(id(&format!("n{system}")), None)
}

fn edge(from: NodeId, to: NodeId, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(Vertex::N(from), Vertex::N(to)),
        attributes,
    })
}

fn system_node(report: &Report, s: usize) -> Stmt {
    let system = &report.model.systems[s];
    let mut lines = wrap(&system.name, NAME_WIDTH);
    let manual = system.kind.is_manual();
    if manual || system.kind != crate::model::SystemKind::Application {
        lines.push(format!("({})", system.kind.as_str()));
    }
    let mut tooltip = format!("{} [{}], {}", system.name, system.id, system.kind.as_str());
    if let Some(owner) = &system.owner {
        tooltip.push_str(&format!(", owner {owner}"));
    }
    let (shape, fill, line) = if manual {
        ("note", palette::MANUAL_FILL, palette::MANUAL_LINE)
    } else {
        ("box", palette::SYSTEM_FILL, palette::SYSTEM_LINE)
    };
    Stmt::Node(Node {
        id: node_id(s),
        attributes: vec![
            attr("label", Id::Escaped(dot_lines(&lines))),
            attr("shape", id(shape)),
            attr(
                "style",
                text(if manual { "filled" } else { "rounded,filled" }),
            ),
            attr("fillcolor", text(fill)),
            attr("color", text(line)),
            attr("tooltip", text(&tooltip)),
        ],
    })
}

fn build(report: &Report, scene: &Scene) -> Graph {
    let model = report.model;
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("rankdir", id("LR")),
            attr("fontname", text("Helvetica")),
            attr("label", text(&ellipsis(&title(report), TITLE_CHARS))),
            attr("labelloc", id("t")),
            attr("fontsize", id("20")),
            attr("nodesep", text("0.35")),
            attr("ranksep", text("0.7")),
        ])),
        // Sizes chosen to stay legible when the picture is scaled to a projector or page.
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", text("Helvetica")),
            attr("fontsize", id("14")),
            attr("margin", text("0.15,0.08")),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", text("Helvetica")),
            attr("fontsize", id("12")),
        ])),
    ];

    // One cluster per unit, in file order; systems without a unit outside.
    for group in scene.unit_groups(model) {
        let mut inner = vec![
            Stmt::Attribute(attr("label", label_text(&group.title))),
            Stmt::Attribute(attr("fontsize", id("16"))),
            Stmt::Attribute(attr("style", text("rounded,filled"))),
            Stmt::Attribute(attr("fillcolor", text(palette::UNIT_FILL))),
            Stmt::Attribute(attr("color", text("#a0aec0"))),
        ];
        inner.extend(group.systems.iter().map(|s| system_node(report, *s)));
        stmts.push(Stmt::Subgraph(Subgraph {
            id: id(&format!("cluster_unit_{}", group.unit)),
            stmts: inner,
        }));
    }
    for s in scene.ungrouped(model) {
        stmts.push(system_node(report, s));
    }

    for i in scene.integrations.iter().copied() {
        let integration = &model.integrations[i];
        let mode = effective_mode(report, i);
        let mut label = short_list(&integration.carries.0, LABEL_ITEMS);
        let hop = model.hop_minutes(
            integration.mode,
            integration.from,
            integration.to,
            integration.minutes,
        );
        if mode != Mode::Automated {
            label.push_str(&format!("\n{} min", minutes(hop)));
        }
        let badges = scene.badges(i);
        if !badges.is_empty() {
            let ranks: Vec<String> = badges.iter().map(|r| format!("#{r}")).collect();
            label = format!("fix {}\n{label}", ranks.join(" "));
        }
        let mut tooltip = format!(
            "{}: {} ({} mode",
            integration.id,
            integration.carries.0.join(", "),
            mode.as_str()
        );
        if mode != integration.mode {
            tooltip.push_str(&format!(", declared {}", integration.mode.as_str()));
        }
        tooltip.push(')');
        if let Some(via) = &integration.via {
            tooltip.push_str(&format!(" via {via}"));
        }
        let (style, color) = match mode {
            Mode::Automated => ("solid", palette::AUTOMATED),
            Mode::Semi => ("dashed", palette::SEMI),
            Mode::Manual => ("dashed", palette::GAP),
        };
        let mut attributes = vec![
            attr("label", label_text(&label)),
            attr("style", text(style)),
            attr("color", text(color)),
            attr("fontcolor", text(color)),
            attr("tooltip", text(&tooltip)),
        ];
        if !badges.is_empty() {
            attributes.push(attr("penwidth", id("2.5")));
        }
        stmts.push(edge(
            node_id(integration.from),
            node_id(integration.to),
            attributes,
        ));
    }

    for gap in &scene.missing {
        let label = format!(
            "{}\n{} h/yr",
            short_list(&gap.data, LABEL_ITEMS),
            hours(gap.annual_hours)
        );
        let tooltip = format!(
            "missing: {} from {} to {} has no path ({})",
            gap.data.join(", "),
            model.systems[gap.from].name,
            model.systems[gap.to].name,
            gap.workflows.join(", ")
        );
        stmts.push(edge(
            node_id(gap.from),
            node_id(gap.to),
            vec![
                attr("label", label_text(&label)),
                attr("style", text("dotted")),
                attr("color", text(palette::GAP)),
                attr("fontcolor", text(palette::GAP)),
                attr("penwidth", id("2")),
                attr("tooltip", text(&tooltip)),
            ],
        ));
    }

    for fix in scene.new_edges() {
        let label = format!(
            "fix #{}\n{}",
            fix.rank,
            short_list(&fix.carries, LABEL_ITEMS)
        );
        let tooltip = format!(
            "fix #{} {} ({}): saves {} h/yr",
            fix.rank,
            fix.id,
            fix.action.as_str(),
            hours(fix.annual_hours_saved)
        );
        stmts.push(edge(
            node_id(fix.from),
            node_id(fix.to),
            vec![
                attr("label", label_text(&label)),
                attr("style", text("bold,dashed")),
                attr("color", text(palette::FIX)),
                attr("fontcolor", text(palette::FIX)),
                attr("penwidth", id("2.5")),
                attr("tooltip", text(&tooltip)),
            ],
        ));
    }

    stmts.push(legend());
    Graph::DiGraph {
        id: id("gapgraph"),
        strict: false,
        stmts,
    }
}

fn title(report: &Report) -> String {
    let name = report
        .analysis
        .model_name
        .clone()
        .unwrap_or_else(|| "gapgraph".to_string());
    match &report.analysis.strategy {
        Some(s) => format!("{name}: gaps and fixes under strategy {}", s.name),
        None => format!("{name}: gaps and fixes"),
    }
}

/// A small cluster explaining the node and line styles: one table-shaped node, so the
/// key stays compact instead of spreading sample edges over the layout. It holds no
/// model text, so its HTML-like label needs no escaping.
fn legend() -> Stmt {
    let row = |sample: String, meaning: &str| {
        format!("<TR><TD ALIGN=\"LEFT\">{sample}</TD><TD ALIGN=\"LEFT\">{meaning}</TD></TR>")
    };
    let line = |color: &str, glyphs: &str| {
        format!("<FONT COLOR=\"{color}\" POINT-SIZE=\"16\"><B>{glyphs}</B></FONT>")
    };
    let boxed = |fill: &str, border: &str, label: &str| {
        format!(
            "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLPADDING=\"3\" COLOR=\"{border}\" \
             BGCOLOR=\"{fill}\"><TR><TD>{label}</TD></TR></TABLE>"
        )
    };
    let rows = [
        row(
            boxed(palette::SYSTEM_FILL, palette::SYSTEM_LINE, "system"),
            "grouped by business unit",
        ),
        row(
            boxed(palette::MANUAL_FILL, palette::MANUAL_LINE, "spreadsheet"),
            "manual kind: spreadsheet, e-mail, paper, person",
        ),
        row(
            line(palette::AUTOMATED, "\u{2500}\u{2500}\u{2500}\u{25B6}"),
            "automated integration",
        ),
        row(
            line(palette::SEMI, "\u{2012} \u{2012} \u{25B6}"),
            "semi: export/import (minutes per use)",
        ),
        row(
            line(palette::GAP, "\u{2012} \u{2012} \u{25B6}"),
            "manual: re-keying (minutes per use)",
        ),
        row(
            line(palette::GAP, "\u{00B7}\u{00B7}\u{00B7}\u{00B7}\u{25B6}"),
            "missing: no path (hours a year)",
        ),
        row(
            line(palette::FIX, "\u{2012} \u{2012} \u{25B6}"),
            "fix #rank: build or automate",
        ),
    ];
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
            Stmt::Attribute(attr("color", text("#a0aec0"))),
            Stmt::Node(Node {
                id: NodeId(id("legend"), None),
                attributes: vec![
                    attr("label", Id::Html(label)),
                    attr("shape", id("plaintext")),
                    attr("fontsize", id("12")),
                ],
            }),
        ],
    })
}
